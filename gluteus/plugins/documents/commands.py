"""``gluteus cheatsheet``: the one-page Glute Activation Cheat Sheet for a profile.

Added to the command line through the ``register_commands`` hook, as a third
party would add a command.
"""

from __future__ import annotations

import sys

import click


@click.command()
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

    Exit codes: 0 done; 2 bad input; 3 a red flag (the referral is printed, no
    sheet is written); 4 the constraints cannot all be met.
    """
    from gluteus.cli import plugin_manager
    from gluteus.engine import api
    from gluteus.output import check_output, write_output

    to_stdout = output is None or output == "-"
    if to_stdout and sys.stdout is not None and sys.stdout.isatty():
        raise click.BadParameter(
            "the cheat sheet is a PDF; write it to a file with -o FILE.pdf", param_hint="'-o'"
        )
    check_output(output, inputs=[profile])  # before planning: a typo in -o costs nothing
    pm = plugin_manager()
    person = api.load_profile(profile, plugins=pm)
    program = api.generate(person, seed=seed, plugins=pm)  # a red flag: exit 3, as generate
    write_output(api.render(program, "cheatsheet", plugins=pm, paper=paper.lower()), output)
