"""``gluteus generate`` and ``gluteus check``: make a program, and re-verify one."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

import click

from gluteus.cli import terminal, write_output
from gluteus.engine.errors import ProfileError, ReferralRequired

SEED_MAX = 2**31 - 1  # the solver's seed is a 32-bit signed integer


def _choose_format(fmt: str, renderers: Any) -> Any:
    renderer = renderers.get(fmt)
    if renderer is None:
        close = difflib.get_close_matches(fmt, list(renderers), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise click.BadParameter(
            f"{fmt!r} is not a format; choose from {', '.join(sorted(renderers))}{hint}",
            param_hint="'--format'",
        )
    return renderer


@click.command()
@click.argument("profile", type=click.Path())  # the loader says what is wrong with it
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write the program to FILE (whole or not at all); '-' or none: standard output.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="text",
    show_default=True,
    metavar="FORMAT",
    help="text, markdown, json, or any format a plugin adds (see `gluteus plugins`).",
)
@click.option(
    "--seed",
    type=click.IntRange(0, SEED_MAX),
    default=None,
    help="Override the profile's seed; the same profile and seed give the same program.",
)
@click.option(
    "-O",
    "--option",
    "render_options",
    multiple=True,
    metavar="KEY=VALUE",
    help="An option for the format's renderer, e.g. -O paper=letter for pdf; repeatable.",
)
@click.option("--save", is_flag=True, help="Store the program in your journal and print its id.")
@click.option(
    "--db",
    metavar="URL",
    default=None,
    help="The journal for --save (default: $GLUTEUS_DB or your data directory).",
)
def generate(
    profile: str,
    output: str | None,
    fmt: str,
    seed: int | None,
    render_options: tuple[str, ...],
    save: bool = False,
    db: str | None = None,
) -> None:
    """Generate a training program from a PROFILE file (YAML, TOML or JSON).

    The program is verified against every safety rule before anything is written.
    Exit codes: 0 done; 2 bad input; 3 a red flag (the referral is printed, and
    written as JSON with --format json); 4 the constraints cannot all be met (the
    message says which conflict and what to change).
    """
    from gluteus.cli import plugin_manager
    from gluteus.engine import api

    if output not in (None, "-") and not Path(output).resolve().parent.is_dir():
        # Checked before planning, so a typo in -o costs nothing.
        raise click.BadParameter(
            f"folder {str(Path(output).parent)!r} does not exist", param_hint="'-o'"
        )
    chosen = _parse_options(render_options)
    pm = plugin_manager()
    renderer = _choose_format(fmt, api.context(pm).registry.renderers)
    if renderer.binary and (output is None or output == "-") and sys.stdout.isatty():
        raise click.BadParameter(
            f"{fmt} is a binary format; write it to a file with -o FILE", param_hint="'--format'"
        )
    person = api.load_profile(profile, plugins=pm)
    try:
        program = api.generate(person, seed=seed, plugins=pm)
    except ReferralRequired as exc:
        # SPEC §3: the referral is printed (by the group, to stderr) and, with
        # --format json, written as the referral document too.
        if fmt == "json" and exc.result is not None:
            write_output(api.render(exc.result, "json", plugins=pm), output)
        raise
    # The text format gets the terminal look (rich, paged) only when it goes to one.
    options = terminal.text_options(output) if fmt == "text" else {}
    options.update(chosen)
    terminal.emit(api.render(program, fmt, plugins=pm, **options), output)
    if save:
        from gluteus.cli.journal import save_program

        save_program(program, db)


def _parse_options(pairs: tuple[str, ...]) -> dict[str, str]:
    """``KEY=VALUE`` pairs as a dict; a renderer says itself what a bad value is."""
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(
                f"expected KEY=VALUE (e.g. paper=letter), found {pair!r}", param_hint="'-O'"
            )
        options[key.strip()] = value.strip()
    return options


MAX_PROGRAM_BYTES = 64 * 1024 * 1024
"""A 24-week, 7-sessions-a-week program is a few MB of JSON; anything far larger is
not a program, and is refused before it is read into memory."""


def _read_program(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read(MAX_PROGRAM_BYTES + 1)
        if len(text) > MAX_PROGRAM_BYTES:
            raise ProfileError(
                f"the file is over {MAX_PROGRAM_BYTES // 2**20} MiB: too large to be a program",
                file=path,
            )
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProfileError(f"cannot read the program: {reason}", file=path) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=path, line=exc.lineno
        ) from exc


@click.command()
@click.argument("program", type=click.Path())  # read and judged by _read_program
@click.pass_context
def check(ctx: click.Context, program: str) -> None:
    """Re-verify a PROGRAM.json, possibly hand-edited, against every safety rule.

    The profile embedded in the program is screened again and the rules recomputed
    from the loaded plugins; the program's own findings are never trusted. Prints
    one line per violation, naming week, session and exercise.

    Exit codes: 0 no violations; 2 the file is unreadable, is not a program, or
    breaks a rule or invariant (a program that fails its check is bad input).
    """
    from gluteus.cli import plugin_manager
    from gluteus.engine import api

    data = _read_program(program)
    violations = api.check(data, plugins=plugin_manager())
    if not violations:
        weeks = data["weeks"]
        if data["status"] == "referral":
            click.echo("OK: a referral (no program), no violations")
        else:
            sessions = sum(len(w["sessions"]) for w in weeks)
            click.echo(f"OK: {len(weeks)} weeks, {sessions} sessions, no violations")
        return
    for violation in violations:
        click.echo(str(violation))
    count = len(violations)
    click.echo(
        f"{program}: {count} violation{'s' if count != 1 else ''}; do not use this program "
        "as it is",
        err=True,
    )
    ctx.exit(2)
