"""``gluteus generate`` and ``gluteus check``: make a program, and re-verify one."""

from __future__ import annotations

import difflib
import sys
from typing import Any

import click

from gluteus.cli import terminal
from gluteus.engine.errors import ProfileError, ReferralRequired
from gluteus.engine.vocabulary import SEED_MAX
from gluteus.output import check_output

MAX_CALENDAR_BYTES = 16 * 1024 * 1024  # a 24-week calendar is well under 1 MiB


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


@click.command(short_help="Make a training program from a PROFILE file.")
@click.argument("profile", type=click.Path())  # the loader says what is wrong with it
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write the program to FILE (whole or not at all; never the PROFILE itself); a "
    "device, FIFO or /dev/stdout is written through, a link's target replaced; '-' or "
    "none: standard output.",
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
@click.option(
    "--replaces",
    metavar="OLD.ics",
    default=None,
    help="ics: the calendar this one replaces; changed sessions are updated and removed "
    "ones cancelled in calendar apps.",
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
    replaces: str | None = None,
    save: bool = False,
    db: str | None = None,
) -> None:
    """Generate a training program from a PROFILE file (YAML, TOML or JSON).

    The program is verified against every safety rule before anything is written.

    \b
    Exit codes: 0 done; 2 bad input;
    3 a red flag (the referral is printed, and written in the chosen format:
      a page to take to the appointment);
    4 the constraints cannot all be met (the message says which, and what to do).
    """
    from gluteus.cli import late_warnings, plugin_manager
    from gluteus.engine import api

    # Checked before planning, so a typo in -o costs nothing.
    check_output(output, inputs=[profile])
    chosen = _parse_options(render_options)
    if replaces is not None:
        if fmt != "ics":
            raise click.BadParameter(
                f"an earlier calendar is replaced only by a calendar; add -f ics (not {fmt})",
                param_hint="'--replaces'",
            )
        chosen["replaces"] = _read_calendar(replaces)
    pm = plugin_manager()
    renderer = _choose_format(fmt, api.context(pm).registry.renderers)
    # Before planning, so a misspelt -O costs nothing; a renderer declaring no options
    # takes any, with a warning.
    unchecked = renderer.check_options(chosen)
    if unchecked:
        click.echo(f"Warning: {unchecked}", err=True)
    if renderer.binary and (output is None or output == "-") and sys.stdout.isatty():
        raise click.BadParameter(
            f"{fmt} is a binary format; write it to a file with -o FILE", param_hint="'--format'"
        )
    person = api.load_profile(profile, plugins=pm)
    try:
        try:
            program = api.generate(person, seed=seed, plugins=pm)
        finally:
            late_warnings(pm)
    except ReferralRequired as exc:
        # The referral is printed (by the group, to stderr) and written in the chosen
        # format too: a document to take to the appointment.
        if exc.result is not None:
            options = terminal.text_options(output) if fmt == "text" else {}
            options.update(chosen)
            terminal.emit(api.render(exc.result, fmt, plugins=pm, **options), output)
        raise
    # The text format gets the terminal look (rich, paged) only when it goes to one.
    options = terminal.text_options(output) if fmt == "text" else {}
    options.update(chosen)
    terminal.emit(api.render(program, fmt, plugins=pm, **options), output)
    if save:
        from gluteus.cli.journal import save_program

        save_program(program, db)


def _read_calendar(path: str) -> str:
    """The text of the calendar ``--replaces`` names (read before planning)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(MAX_CALENDAR_BYTES + 1)
    except OSError as exc:
        raise ProfileError(f"cannot read the calendar: {exc.strerror or exc}", file=path) from exc
    if len(text) > MAX_CALENDAR_BYTES or "BEGIN:VCALENDAR" not in text:
        raise ProfileError("not an iCalendar file (.ics) gluteus wrote", file=path)
    return text


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


MAX_PROGRAM_BYTES = 16 * 1024 * 1024
"""The longest program (24 weeks of seven sessions) is about 2 MB of JSON; anything
far larger is not a program, and is refused before it is read into memory."""


def _read_program(path: str) -> dict[str, Any]:
    """The program document in the file at ``path``, parsed as hardened as a profile.

    Raises :class:`ProfileError` (exit 2, one line) for a file that cannot be read,
    is too large, is not JSON (NaN and infinity included: they are not JSON) or
    whose top level is not an object.
    """
    from gluteus.engine.messages import describe
    from gluteus.engine.parsing import parse_text

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_PROGRAM_BYTES + 1)
        if len(raw) > MAX_PROGRAM_BYTES:
            raise ProfileError(
                f"the file is over {MAX_PROGRAM_BYTES // 2**20} MiB: too large to be a program",
                file=path,
            )
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        # ValueError: a NUL byte in the path.
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProfileError(f"cannot read the program: {reason}", file=path) from exc
    data, _ = parse_text(text, "json", path, what="program")
    if not isinstance(data, dict):
        raise ProfileError(
            f"expected a program (a JSON object), found {describe(data)}",
            file=path,
            expected="a JSON object",
            found=describe(data),
        )
    return data


@click.command(short_help="Re-verify a program JSON file against every safety rule.")
@click.argument("program", type=click.Path())  # read and judged by _read_program
@click.pass_context
def check(ctx: click.Context, program: str) -> None:
    """Re-verify a PROGRAM.json, possibly hand-edited, against every safety rule.

    The profile embedded in the program is screened again and the rules recomputed
    from the loaded plugins. Nothing else in the file is trusted: its findings,
    referrals, safety section (rules, stop signs, notes, pain traffic light) and
    warnings must be what the engine gives for that profile, and each exercise's
    cues, position, tags and other facts what the catalogue says. Prints one line
    per violation, naming week, session and exercise.

    Exit codes: 0 no violations; 2 the file is unreadable, is not a program, or
    breaks a rule or invariant (a program that fails its check is bad input).
    """
    from gluteus.cli import plugin_manager
    from gluteus.engine import api

    data = _read_program(program)
    violations = api.check(data, plugins=plugin_manager())
    if not violations:
        # No violations: the document is a well-formed program.
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
