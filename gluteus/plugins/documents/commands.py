"""``gluteus cheatsheet``: the one-page Glute Activation Cheat Sheet for a profile.

Added to the command line through the ``register_commands`` hook, as a third
party would add a command.
"""

from __future__ import annotations

import sys

import click


@click.command(short_help="Write the one-page activation cheat sheet (PDF) for a PROFILE.")
@click.argument("profile", type=click.Path())  # the loader says what is wrong with it
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write the PDF to FILE (whole or not at all); '-' or none: standard output, "
    "when it is not a terminal.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@click.option(
    "--seed",
    type=click.IntRange(0, 2**31 - 1),
    default=None,
    help="Override the profile's seed (the drills are those of that program).",
)
def cheatsheet(profile: str, output: str | None, paper: str, seed: int | None) -> None:
    """Write the one-page Glute Activation Cheat Sheet (PDF) for PROFILE.

    It lists the activation drills of the person's program with cues and dose,
    when to do them (before every session and before lifting), the
    pain-monitoring traffic light and their stop signs.

    Exit codes: 0 done; 2 bad input; 3 a red flag (the referral is printed, and
    the sheet is the referral: a page to take to the appointment); 4 the
    constraints cannot all be met.
    """
    to_stdout = output is None or output == "-"
    if to_stdout and sys.stdout is not None and sys.stdout.isatty():
        raise click.BadParameter(
            "the cheat sheet is a PDF; write it to a file with -o FILE.pdf", param_hint="'-o'"
        )
    # The sheet is `gluteus generate -f cheatsheet`: the same loading, red-flag gate,
    # errors and whole-or-nothing writing, reached through the command line this
    # command was added to rather than by importing it (a plugin depends on the
    # engine only).
    ctx = click.get_current_context()
    root = ctx.find_root()
    generate = (
        root.command.get_command(root, "generate")
        if isinstance(root.command, click.Group)
        else None
    )
    if generate is None:
        raise click.UsageError("run it as `gluteus cheatsheet`, from the gluteus command line")
    ctx.invoke(
        generate,
        profile=profile,
        output=output,
        fmt="cheatsheet",
        seed=seed,
        render_options=(f"paper={paper.lower()}",),
    )
