"""``gluteus exercises``: browse the exercise catalogue every loaded plugin contributes.

Filter by issue, role, equipment, position and level; show one exercise with its
cues, fault, evidence and ladder positions; or, with ``--profile``, show which
safety rules exclude which exercises for that person and why.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import click

from gluteus.engine.vocabulary import EQUIPMENT, POSITIONS, ROLES

if TYPE_CHECKING:
    from gluteus.engine.model import Exercise
    from gluteus.engine.registry import Registry
    from gluteus.engine.view import Table


def _closest(value: str, choices: Iterable[str]) -> str:
    """``did you mean`` text for ``value`` among ``choices`` (empty when nothing is close)."""
    match = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.4)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _check_choice(value: str, choices: Iterable[str], option: str) -> None:
    choices = sorted(choices)
    if value not in choices:
        raise click.BadParameter(
            f"unknown value {value!r}; expected one of {', '.join(choices)}"
            + _closest(value, choices),
            param_hint=option,
        )


def ladder_positions(registry: Registry, exercise_id: str) -> list[dict[str, Any]]:
    """Every ladder ``exercise_id`` sits on: ladder id, name, rung (1-based) and length."""
    found = []
    for ladder, rung in registry.ladders_of(exercise_id):
        ids = ladder.exercise_ids
        found.append(
            {
                "ladder": ladder.id,
                "name": ladder.name,
                "rung": rung,
                "of": len(ids),
                "previous": ids[rung - 2] if rung > 1 else None,
                "next": ids[rung] if rung < len(ids) else None,
            }
        )
    return found


def exercise_to_dict(exercise: Exercise, registry: Registry) -> dict[str, Any]:
    """Every field of ``exercise`` as JSON data, plus its plugin, citation and ladders."""
    data = attrs.asdict(exercise)
    source = registry.sources.get(exercise.source)
    data["source_citation"] = source.citation if source else None
    data["plugin"] = registry.plugin_of("exercise", exercise.id)
    data["ladders"] = ladder_positions(registry, exercise.id)
    return data


def select(
    registry: Registry,
    *,
    issue: str | None = None,
    role: str | None = None,
    equipment: Sequence[str] = (),
    position: str | None = None,
    level: int | None = None,
) -> list[Exercise]:
    """Exercises matching every filter given, sorted by id.

    ``equipment``, when not empty, keeps the exercises doable with that equipment
    (bodyweight is always available); ``None`` filters are ignored.
    """
    have = set(equipment)
    out = []
    for ex in sorted(registry.exercises.values(), key=lambda e: e.id):
        if issue is not None and issue not in ex.issues:
            continue
        if role is not None and ex.role != role:
            continue
        if equipment and not set(ex.equipment) <= have:
            continue
        if position is not None and ex.position != position:
            continue
        if level is not None and ex.level != level:
            continue
        out.append(ex)
    return out


def _activation_text(ex: Exercise) -> str:
    act = ex.activation
    parts = []
    if act.gmax is not None:
        parts.append(f"glute max {act.gmax:g}% MVIC")
    if act.gmed is not None:
        parts.append(f"glute med {act.gmed:g}% MVIC")
    text = ", ".join(parts) + (f" ({act.measure})" if parts else "") if parts else "not published"
    return text + (f"; {act.note}" if act.note else "")


def _field(label: str, value: str, width: int) -> list[str]:
    """``  label:  value`` wrapped at word boundaries, later lines under the value."""
    first = f"  {label + ':':<13}"
    return textwrap.wrap(
        value,
        width,
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _show(ex: Exercise, registry: Registry, width: int = 80) -> str:
    dose = f"{ex.hold_s} s hold" if ex.hold_s is not None else f"{ex.seconds_per_rep:g} s per rep"
    source = registry.sources.get(ex.source)
    lines = [f"{ex.name} ({ex.id})"]
    fields = (
        ("issues", ", ".join(ex.issues)),
        ("role", f"{ex.role}, level {ex.level}"),
        ("position", f"{ex.position}; planes: {', '.join(ex.planes)}"),
        ("equipment", ", ".join(ex.equipment) or "none (bodyweight)"),
        (
            "loaded",
            f"{'yes' if ex.loaded else 'no'}; "
            f"{'one side at a time' if ex.unilateral else 'both sides'}",
        ),
        ("dose unit", f"{dose}, rest {ex.rest_s} s"),
        ("targets", ", ".join(ex.targets)),
        ("tags", ", ".join(ex.tags) or "-"),
    )
    for label, value in fields:
        lines += _field(label, value, width)
    lines.append("  cues:")
    for cue in ex.cues:
        lines += textwrap.wrap(
            cue, width, initial_indent="    - ", subsequent_indent="      ", break_on_hyphens=False
        )
    for label, value in (
        ("watch for", ex.fault),
        ("why", ex.why),
        ("activation", _activation_text(ex)),
        ("evidence", ex.evidence),
        ("source", f"{ex.source}: {source.citation if source else '?'}"),
    ):
        lines += _field(label, value, width)
    if any("MVIC" in line for line in lines):
        lines += _field(
            "MVIC",
            "maximum voluntary isometric contraction: 40% MVIC means the muscle works at "
            "40% of its hardest effort",
            width,
        )
    positions = ladder_positions(registry, ex.id)
    if positions:
        lines.append("  ladders:")
        for pos in positions:
            around = []
            if pos["previous"]:
                around.append(f"easier: {pos['previous']}")
            if pos["next"]:
                around.append(f"harder: {pos['next']}")
            text = f"{pos['name']} ({pos['ladder']}): rung {pos['rung']} of {pos['of']}" + (
                f" ({'; '.join(around)})" if around else ""
            )
            lines += textwrap.wrap(
                text,
                width,
                initial_indent="    - ",
                subsequent_indent="      ",
                break_long_words=False,
                break_on_hyphens=False,
            )
    else:
        lines.append("  ladders:     none")
    return "\n".join(lines)


TABLE_HEADERS = ("id", "name", "role", "level", "position", "equipment", "issues", "evidence")


def _rows(exercises: list[Exercise]) -> list[tuple[str, ...]]:
    return [
        (
            ex.id,
            ex.name,
            ex.role,
            str(ex.level),
            ex.position,
            ", ".join(ex.equipment) or "-",
            ", ".join(ex.issues),
            ex.evidence,
        )
        for ex in exercises
    ]


TABLE_UNDER = (0, 0, 5, 6, 4, 3, 1, 2)
"""Which columns go under their row first when the terminal is narrow (issues first);
the id and the name always stay in the row."""


def catalogue_table(exercises: list[Exercise]) -> Table:
    """The catalogue as a table: ids whole (they are copied into profiles)."""
    from gluteus.engine.view import Table

    return Table(
        TABLE_HEADERS,
        tuple(_rows(exercises)),
        tuple(h == "level" for h in TABLE_HEADERS),
        nowrap=tuple(h == "id" for h in TABLE_HEADERS),
        under=TABLE_UNDER,
    )


def _count(exercises: list[Exercise]) -> str:
    return f"{len(exercises)} exercise{'s' if len(exercises) != 1 else ''}"


def _table(exercises: list[Exercise], width: int = 80) -> str:
    """The catalogue as plain text laid out for ``width`` columns (piped output,
    files, NO_COLOR)."""
    from gluteus.engine.view import blocks_to_text

    return blocks_to_text([catalogue_table(exercises)], width=width) + _count(exercises)


def _profile_report(path: str, exercises: list[Exercise], pm: Any) -> tuple[str, dict[str, Any]]:
    from gluteus.engine.api import context, load_profile, run_screen

    ctx = context(pm)
    profile = load_profile(path, plugins=ctx.pm)
    result = run_screen(profile, ctx)
    if result.referrals:
        data: dict[str, Any] = {
            "status": "referral",
            "referrals": [r.to_dict() for r in result.referrals],
            "rules": [],
            "excluded": {},
            "allowed": [],
            "stop_signs": [],
        }
        text = ["A red flag is present: generation would refer this person, not build a program."]
        text += [f"  - {r.flag} ({r.urgency}): {r.message} See: {r.see}." for r in result.referrals]
        return "\n".join(text), data
    restrictions = result.restrictions
    assert restrictions is not None
    shown = {ex.id for ex in exercises}
    excluded = {
        ex_id: list(reasons)
        for ex_id, reasons in sorted(restrictions.reasons.items())
        if ex_id in shown
    }
    allowed = sorted(ex_id for ex_id in shown if restrictions.allows(ex_id))
    data = {
        "status": "ok",
        "referrals": [],
        "rules": [
            {"id": r.id, "description": r.description, "source": r.source, "evidence": r.evidence}
            for r in restrictions.rules
        ],
        "excluded": excluded,
        "allowed": allowed,
        "stop_signs": list(restrictions.stop_signs),
    }
    text = [f"Rules that apply to {profile.name or path}:"]
    text += [f"  - {r.id} [{r.evidence}]: {r.description}" for r in restrictions.rules] or [
        "  (none)"
    ]
    text.append(f"Excluded exercises ({len(excluded)}):")
    for ex_id, reasons in excluded.items():
        text.append(f"  - {ex_id}")
        text += [f"      {reason}" for reason in reasons]
    text.append(f"Allowed: {len(allowed)} of {len(shown)} exercises shown.")
    if restrictions.stop_signs:
        text.append("Stop and seek care for: " + "; ".join(restrictions.stop_signs) + ".")
    return "\n".join(text), data


@click.command(short_help="Browse the exercise catalogue, or show one exercise.")
@click.argument("exercise_id", required=False)
@click.option("--issue", help="Only exercises serving this issue id.")
@click.option("--role", help=f"Only this role ({', '.join(ROLES)}).")
@click.option(
    "--equipment",
    multiple=True,
    help="Only exercises doable with this equipment (repeatable); bodyweight is always there.",
)
@click.option("--position", help=f"Only this position ({', '.join(POSITIONS)}).")
@click.option("--level", type=click.IntRange(1, 5), help="Only this level (1-5).")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(),  # the loader says what is wrong with it
    help="Show which safety rules exclude which exercises for this profile, and why.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def exercises(
    exercise_id: str | None,
    issue: str | None,
    role: str | None,
    equipment: tuple[str, ...],
    position: str | None,
    level: int | None,
    profile_path: str | None,
    fmt: str,
) -> None:
    """Browse the exercise catalogue, or show one exercise by EXERCISE_ID.

    \b
    Examples:
      gluteus exercises --issue knees --equipment mini_band
      gluteus exercises clamshell
      gluteus exercises --profile dana.yaml
      gluteus exercises --format json
    """
    from gluteus.cli import plugin_manager
    from gluteus.engine.registry import build_registry

    pm = plugin_manager()
    registry = build_registry(pm)
    if issue is not None:
        _check_choice(issue, registry.issues, "'--issue'")
    if role is not None:
        _check_choice(role, ROLES, "'--role'")
    for item in equipment:
        _check_choice(item, EQUIPMENT, "'--equipment'")
    if position is not None:
        _check_choice(position, POSITIONS, "'--position'")

    if exercise_id is not None:
        if exercise_id not in registry.exercises:
            raise click.BadParameter(
                f"unknown exercise {exercise_id!r}" + _closest(exercise_id, registry.exercises),
                param_hint="EXERCISE_ID",
            )
        ex = registry.exercises[exercise_id]
        if fmt == "json":
            click.echo(json.dumps(exercise_to_dict(ex, registry), indent=2, sort_keys=True))
        else:
            from gluteus.cli import terminal

            click.echo(_show(ex, registry, terminal.plain_width()))
        return

    chosen = select(
        registry, issue=issue, role=role, equipment=equipment, position=position, level=level
    )
    if profile_path is not None:
        text, data = _profile_report(profile_path, chosen, pm)
        if fmt == "json":
            click.echo(json.dumps(data, indent=2, sort_keys=True))
        else:
            from gluteus.cli import terminal

            click.echo(_wrapped(text, terminal.plain_width()))
        return
    if fmt == "json":
        click.echo(
            json.dumps([exercise_to_dict(ex, registry) for ex in chosen], indent=2, sort_keys=True)
        )
    else:
        from gluteus.cli import terminal
        from gluteus.engine.view import Para

        terminal.show(
            [catalogue_table(chosen), Para(_count(chosen))],
            plain=_table(chosen, terminal.plain_width()),
        )


def _wrapped(text: str, width: int) -> str:
    """Each line of ``text`` wrapped at ``width``, continuing under its own indent."""
    out: list[str] = []
    for line in text.splitlines():
        indent = " " * (len(line) - len(line.lstrip()))
        lead = indent + ("  " if line.lstrip().startswith("- ") else "")
        out += textwrap.wrap(
            line,
            width,
            subsequent_indent=lead,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    return "\n".join(out)
