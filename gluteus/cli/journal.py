"""Following a program: ``programs``, ``log``, ``adapt``, ``progress`` and ``journal``.

The journal is a database (``--db URL`` or ``$GLUTEUS_DB``; by default a SQLite
file in the user's data directory). Each command is one transaction: a bad entry
or a crash part-way writes nothing.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gluteus.engine.errors import ProfileError
from gluteus.output import write_output

if TYPE_CHECKING:
    from gluteus.journal import Journal

DB_HELP = (
    "The journal database: a SQLite file path or a database URL "
    "(default: $GLUTEUS_DB, else a file in your data directory)."
)
REGIONS = ("low_back", "knee", "hip", "buttock")


def db_option(function: Any) -> Any:
    """The ``--db`` option every journal command takes."""
    return click.option("--db", metavar="URL", default=None, help=DB_HELP)(function)


def open_journal(db: str | None) -> Journal:
    """The journal at ``db`` (migrated to the current schema)."""
    from gluteus.journal import Journal

    return Journal(db)


def save_program(program: Any, db: str | None) -> int:
    """Store a generated program (``generate --save``) and say its id on stderr."""
    with open_journal(db) as journal:
        program_id = journal.save_program(program)
    click.echo(
        f"Saved as program {program_id}. Log a session with: gluteus log {program_id}", err=True
    )
    return program_id


# --- programs ----------------------------------------------------------------------------


@click.command(short_help="List your stored programs and the next session due.")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def programs(db: str | None, fmt: str) -> None:
    """List the stored programs: id, weeks, sessions logged and the next one due."""
    with open_journal(db) as journal:
        rows = journal.programs()
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], indent=2))
        return
    if not rows:
        click.echo("No programs yet. Store one with: gluteus generate PROFILE --save")
        return
    click.echo(
        f"{'id':>4}  {'name':<20} {'weeks':>5}  {'done':>4}  {'skipped':>7}  {'versions':>8}  next"
    )
    for r in rows:
        nxt = f"week {r.next[0]}, session {r.next[1]}" if r.next else "finished"
        name = (r.name or "-")[:20]
        click.echo(
            f"{r.id:>4}  {name:<20} {r.weeks:>5}  {r.done:>4}  {r.skipped:>7}  "
            f"{r.versions:>8}  {nxt}"
        )


# --- log --------------------------------------------------------------------------------


_PAIN = re.compile(r"^\s*([a-z_ ]+?)\s*=\s*(\d+)(?:/(\d*))?(?:/(\d*))?\s*$")
_DID = re.compile(
    r"^\s*([\w-]+)\s*=\s*(\d+)(?:\s*x\s*(\d+)\s*(s)?)?(?:\s*@\s*(\d+(?:\.\d+)?))?\s*$"
)


def _pain_option(values: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value in values:
        match = _PAIN.match(value)
        if not match:
            raise click.BadParameter(
                f"expected REGION=DURING[/AFTER[/NEXT_MORNING]] (e.g. knee=4/3/2), found {value!r}",
                param_hint="'--pain'",
            )
        region = match.group(1).strip().replace(" ", "_")
        during, after, morning = match.group(2), match.group(3), match.group(4)
        out[region] = {
            "during": int(during),
            "after": int(after) if after else None,
            "next_morning": int(morning) if morning else None,
        }
    return out


def _did_option(values: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value in values:
        match = _DID.match(value)
        if not match:
            raise click.BadParameter(
                "expected EXERCISE=SETSxREPS, EXERCISE=SETSxSECONDSs or EXERCISE=0, with @RPE "
                f"optional (e.g. clamshell=2x8@7), found {value!r}",
                param_hint="'--did'",
            )
        ex_id, sets, amount, seconds, effort = match.groups()
        result: dict[str, Any] = {"sets": int(sets)}
        if amount is not None:
            result["hold_s" if seconds else "reps"] = int(amount)
        if effort is not None:
            result["effort"] = float(effort)
        out[ex_id] = result
    return out


def _read_entries(path: str) -> list[Any]:
    from gluteus.engine.parsing import EXTENSIONS, MAX_BYTES, parse_text

    kind = EXTENSIONS.get(Path(path).suffix.lower())
    if kind is None:
        raise ProfileError(
            "expected a .yaml, .yml, .toml or .json file, found "
            f"{Path(path).suffix or 'no extension'!r}",
            file=path,
        )
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read(MAX_BYTES + 1)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProfileError(f"cannot read the entries: {reason}", file=path) from exc
    if len(text) > MAX_BYTES:
        raise ProfileError("the file is over 1 MiB: too large for a journal's entries", file=path)
    data, _ = parse_text(text, kind, path)
    if isinstance(data, Mapping) and set(data) == {"entries"}:
        data = data["entries"]
    if not isinstance(data, list):
        raise ProfileError(
            "expected a list of entries (or a mapping with the key 'entries')",
            file=path,
            expected="a list of entries",
        )
    return data


@click.command(short_help="Record a session: pain, effort and what you did.")
@click.argument("program_id", type=int)
@db_option
@click.option(
    "--file",
    "file",
    metavar="FILE",
    default=None,
    help="Log many sessions from a YAML or JSON file of entries.",
)
@click.option(
    "--week",
    type=click.IntRange(1, 52),
    default=None,
    help="The week (default: the next session due).",
)
@click.option(
    "--session", type=click.IntRange(1, 7), default=None, help="The session of that week, 1 first."
)
@click.option("--skipped", is_flag=True, help="The session was missed.")
@click.option(
    "--effort",
    type=click.FloatRange(0, 10),
    default=None,
    help="How hard the session felt, RPE 0-10.",
)
@click.option(
    "--pain",
    "pain",
    multiple=True,
    metavar="REGION=D[/A[/M]]",
    help="Pain 0-10 in a region (low_back, knee, hip, buttock): during, after, next "
    "morning; repeatable.",
)
@click.option(
    "--did",
    "did",
    multiple=True,
    metavar="EXERCISE=SETSxREPS",
    help="What you did of an exercise when not as prescribed (2x8, 3x30s for holds, 0 if "
    "left out, @RPE); repeatable.",
)
@click.option("--note", default=None, help="A short note (the only free text kept).")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD", help="The day you trained.")
@click.option("--replace", is_flag=True, help="Replace a session already logged (a correction).")
@click.option(
    "-i",
    "--interactive",
    is_flag=True,
    help="Ask plain-words questions (the default in a terminal when no option is given).",
)
def log(
    program_id: int,
    db: str | None,
    file: str | None,
    week: int | None,
    session: int | None,
    skipped: bool,
    effort: float | None,
    pain: tuple[str, ...],
    did: tuple[str, ...],
    note: str | None,
    date: str | None,
    replace: bool,
    interactive: bool,
) -> None:
    """Record a session of PROGRAM_ID: by default the next one due, done as prescribed.

    Pain ratings follow the traffic light: 0-3 fine, 4-5 acceptable if settled by the
    next morning, over 5 too much. Exit 2 for a bad entry; nothing is written then.
    """
    given = any((file, week, session, skipped, effort is not None, pain, did, note, date))
    if not given and not interactive and sys.stdin.isatty():
        interactive = True
    with open_journal(db) as journal:
        if file is not None:
            if any((week, session, skipped, effort is not None, pain, did, note, date)):
                raise click.UsageError(
                    "--file takes every entry from the file; give no other entry option"
                )
            logged = journal.log(program_id, _read_entries(file), replace=replace, source=file)
            click.echo(f"Logged {len(logged)} session(s) of program {program_id}.")
            return
        if (week is None) != (session is None):
            raise click.UsageError(
                "give --week and --session together (or neither for the next session due)"
            )
        fields: dict[str, Any] = {"status": "skipped" if skipped else "done"}
        if effort is not None:
            fields["effort"] = effort
        if pain:
            fields["pain"] = _pain_option(pain)
        if did:
            fields["exercises"] = _did_option(did)
        if note is not None:
            fields["note"] = note
        if date is not None:
            fields["date"] = date
        if week is not None and session is not None and not interactive:
            entry = journal.log(
                program_id, [{"week": week, "session": session, **fields}], replace=replace
            )[0]
        else:
            from gluteus.engine.adaptation import Entry

            def make(document: Mapping[str, Any], slot: tuple[int, int]) -> Entry:
                target = (week, session) if week is not None and session is not None else slot
                data = {"week": target[0], "session": target[1], **fields}
                if interactive:
                    data.update(_ask(document, target))
                return Entry.from_dict(data, path=())

            if week is not None:
                document = journal.program(program_id)
                entry = journal.log(
                    program_id, [make(document, (week, session or 1))], replace=replace
                )[0]
            else:
                entry = journal.log_next(program_id, make)
    what = "skipped" if not entry.done else "done"
    click.echo(
        f"Logged week {entry.week}, session {entry.session} of program {program_id}: {what}."
    )


def _ask(document: Mapping[str, Any], slot: tuple[int, int]) -> dict[str, Any]:
    """Plain-words questions for one session; Enter takes the default shown."""
    week, session = slot
    data = document["weeks"][week - 1]["sessions"][session - 1]
    when = data["day"] + (f" {data['date']}" if data["date"] else "")
    names = ", ".join(dict.fromkeys(e["name"] for e in data["exercises"]))
    click.echo(f"Week {week}, session {session} ({when}): {names}")
    out: dict[str, Any] = {}
    if not click.confirm("Did you do this session?", default=True):
        out["status"] = "skipped"
        return out
    out["status"] = "done"
    effort = click.prompt(
        "How hard was it, 0 (rest) to 10 (could not do one more rep)? Enter if as prescribed",
        default="",
        show_default=False,
    ).strip()
    if effort:
        out["effort"] = _number(effort, 0, 10, "effort")
    regions = click.prompt(
        "Where did it hurt (low back, knee, hip, buttock)? Enter if nowhere",
        default="",
        show_default=False,
    ).strip()
    pain: dict[str, Any] = {}
    for raw in re.split(r"[,;]+", regions):
        region = raw.strip().replace(" ", "_")
        if not region:
            continue
        if region not in REGIONS:
            raise ProfileError(
                f"unknown region {raw.strip()!r}; expected one of low back, knee, hip, buttock",
                path="pain",
            )
        label = region.replace("_", " ")
        rating = {
            "during": int(
                _number(click.prompt(f"{label.capitalize()} pain during, 0-10"), 0, 10, "pain")
            ),
        }
        after = click.prompt(
            f"{label.capitalize()} pain after, 0-10 (Enter to skip)", default="", show_default=False
        ).strip()
        if after:
            rating["after"] = int(_number(after, 0, 10, "pain"))
        morning = click.prompt(
            f"{label.capitalize()} pain the next morning, 0-10 (Enter if not yet known)",
            default="",
            show_default=False,
        ).strip()
        if morning:
            rating["next_morning"] = int(_number(morning, 0, 10, "pain"))
        pain[region] = rating
    if pain:
        out["pain"] = pain
    changes = click.prompt(
        "Anything not done as prescribed (e.g. clamshell=2x8, plank=2x20s, lunge=0)? "
        "Enter if all was",
        default="",
        show_default=False,
    ).strip()
    if changes:
        out["exercises"] = _did_option(
            tuple(c for c in re.split(r"[,;]?\s+(?=[\w-]+\s*=)", changes) if c.strip())
        )
    note = click.prompt("A note (Enter for none)", default="", show_default=False).strip()
    if note:
        out["note"] = note
    return out


def _number(text: str, low: float, high: float, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise ProfileError(
            f"expected a number from {low:g} to {high:g}, found {text!r}",
            path=what,
            expected=f"a number from {low:g} to {high:g}",
            found=repr(text),
        )
    return value


# --- adapt ---------------------------------------------------------------------------------


@click.command(short_help="Re-plan the remaining weeks from what you logged.")
@click.argument("program_id", type=int)
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def adapt(program_id: int, db: str | None, fmt: str) -> None:
    """Re-plan the remaining weeks of PROGRAM_ID from what you logged.

    Stores the result as a new version (earlier versions are kept) and says what
    changed and why, exercise by exercise.
    """
    from gluteus.cli import plugin_manager

    with open_journal(db) as journal:
        result, number = journal.adapt(program_id, plugins=plugin_manager())
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "program": program_id,
                    "version": number,
                    "through": list(result.through) if result.through else None,
                    "next": list(result.next) if result.next else None,
                    "changes": [c.to_dict() for c in result.changes],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if result.through is None:
        click.echo(f"Nothing logged for program {program_id} yet: gluteus log {program_id}")
        return
    w, s = result.through
    click.echo(f"Program {program_id}, after week {w}, session {s}:")
    for change in result.changes:
        click.echo(f"  - {change}")
    if number is None:
        click.echo("No change to the program: it goes on as planned.")
    else:
        click.echo(f"Saved as version {number} (earlier versions are kept).")


# --- progress -------------------------------------------------------------------------------


@click.command(short_help="Adherence, pain and effort over time, as text, HTML or JSON.")
@click.argument("program_id", type=int)
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "html", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write to FILE (whole or not at all); '-' or none: standard output.",
)
def progress(program_id: int, db: str | None, fmt: str, output: str | None) -> None:
    """Adherence, pain per region and effort over time for PROGRAM_ID, with the tests
    re-taken and how the program adapted (HTML: a page with a chart)."""
    from gluteus.journal import report

    with open_journal(db) as journal:
        versions = journal.versions(program_id)
        entries = journal.entries(program_id)
    data = report.build(program_id, versions, entries)
    rendered = {"text": report.text, "json": report.as_json, "html": report.html}[fmt](data)
    write_output(rendered, output)


# --- journal export / import -------------------------------------------------------------------


@click.group()
def journal() -> None:
    """Move a person's data in and out of the journal as JSON."""


@journal.command("export")
@click.argument("program_ids", type=int, nargs=-1)
@db_option
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write to FILE; '-' or none: standard output.",
)
def export(program_ids: tuple[int, ...], db: str | None, output: str | None) -> None:
    """Export PROGRAM_IDS (every program when none): versions and entries, as JSON."""
    with open_journal(db) as store:
        data = store.export(program_ids or None)
    write_output(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)


@journal.command("import")
@click.argument("file", type=click.Path())
@db_option
def import_(file: str, db: str | None) -> None:
    """Import programs exported by `gluteus journal export`; they get new ids."""
    try:
        with open(file, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProfileError(f"cannot read the export: {reason}", file=file) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(f"not valid JSON: {exc.msg}", file=file, line=exc.lineno) from exc
    with open_journal(db) as store:
        ids = store.import_(data, source=file)
    click.echo("Imported as program(s) " + ", ".join(map(str, ids)) + ".")
