"""The program: an immutable result whose :meth:`Program.to_dict` is the program JSON.

The planner builds it; renderers, verification and embedding apps read it. The
same class carries a referral (``status == "referral"``, no weeks) so every
output format can show why there is no program. One private cattrs converter
turns it into the program JSON and back: :meth:`Program.to_dict` and
:meth:`Program.from_dict`, with ``Program.from_dict(p.to_dict()) == p``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
from attrs import field, frozen

from .demands import FLOOR_SETS
from .dosing import Effort
from .errors import ProfileError
from .model import Equipment, Exercise, Finding, Referral, SafetyRule
from .profile import Profile, Schedule
from .traffic_light import TrafficLight, Zone, traffic_light_for

if TYPE_CHECKING:
    from .context import Context
    from .safety import Restrictions

FORMAT = "gluteus.program/1"


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@frozen
class Extra:
    """Extra sets for the weaker side, done after the sets for each side (same row)."""

    side: str
    sets: int

    def to_dict(self) -> dict[str, Any]:
        """The ``extra`` entry of an exercise in the program JSON."""
        return {"side": self.side, "sets": self.sets}


@frozen
class Prescription:
    """One exercise in one session, with its dose for that week.

    ``minutes`` is the time the exercise takes, work and rest included.
    ``ladder``/``rung`` place it on a progression ladder when it is on one.
    """

    id: str
    name: str
    issues: tuple[str, ...] = field(converter=_tuple)
    role: str
    sets: int
    reps: int | None
    hold_s: int | None
    side: str
    load: str
    rest_s: int
    minutes: float
    equipment: tuple[str, ...] = field(converter=_tuple)
    position: str
    planes: tuple[str, ...] = field(converter=_tuple)
    loaded: bool
    cues: tuple[str, ...] = field(converter=_tuple)
    tempo: str = ""
    level: int = 1
    fault: str = ""
    why: str = ""
    evidence: str = "convention"
    source: str = ""
    tags: tuple[str, ...] = field(default=(), converter=_tuple)
    targets: tuple[str, ...] = field(default=(), converter=_tuple)
    ladder: str | None = None
    rung: int | None = None
    family: str = ""
    load_type: str = "bodyweight"
    effort: Effort | None = None
    extra: Extra | None = None

    def to_dict(self) -> dict[str, Any]:
        """The exercise entry of the program JSON."""
        data: dict[str, Any] = _CONVERTER.unstructure(self)
        return data


@frozen
class Session:
    """One training session: its day, date (when the profile has ``start``) and exercises.

    ``stated_minutes`` is the session's ``minutes`` as a program file states them
    when that is not the exercises' sum, kept so that :mod:`~gluteus.engine.verify`
    can hold it against the sum; otherwise None, and the minutes are the sum.
    """

    day: str
    date: dt.date | None
    exercises: tuple[Prescription, ...] = field(converter=_tuple)
    stated_minutes: float | None = field(default=None, kw_only=True)

    @property
    def minutes(self) -> float:
        """Total time: the sum of the exercises' minutes, rest included (or as stated)."""
        if self.stated_minutes is not None:
            return self.stated_minutes
        return round(sum(p.minutes for p in self.exercises), 1)

    def to_dict(self) -> dict[str, Any]:
        """The session entry of the program JSON."""
        data: dict[str, Any] = _CONVERTER.unstructure(self)
        return data


@frozen
class Week:
    """One week: its phase, whether it is a deload, its block and sessions."""

    number: int
    phase: str
    deload: bool
    block: int
    sessions: tuple[Session, ...] = field(converter=_tuple)

    def to_dict(self) -> dict[str, Any]:
        """The week entry of the program JSON."""
        data: dict[str, Any] = _CONVERTER.unstructure(self)
        return data


@frozen
class Phase:
    """A phase of the skeleton: display ``name``, ``kind`` (one of model.PHASES), weeks,
    its ``goal``, and a ``note`` on its deload weeks (or why the program has none)."""

    name: str
    kind: str
    weeks: tuple[int, ...] = field(converter=_tuple)
    goal: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The phase entry of the program JSON."""
        data: dict[str, Any] = _CONVERTER.unstructure(self)
        return data


# --- Warnings -------------------------------------------------------------------------

ENGINE_WARNING_KINDS: tuple[str, ...] = (
    "left_out",
    "below_floor",
    "unmet",
    "no_issue",
    "referral",
)
"""Kinds of warning the engine writes, each worded by :func:`warning_text`:
``left_out`` an issue found but not trained in some weeks (``issue``, ``weeks``);
``below_floor`` an issue trained with fewer weekly hard sets than the least that
builds strength (``issue``, ``weeks``, ``detail`` the fewest sets it gets, and ``by``
what leaves no room for more when the solver showed it, :data:`HELD`);
``unmet`` a demand the person's rules, equipment, time or weekly limits leave no room for: one
of the engine's own conventions, or a rule's demand on an issue found (``rule``,
``issue``), with ``weeks`` and ``detail`` the demand in words, and ``by`` the safety
rules that exclude every exercise that would meet it, when they are the reason, or
what leaves no room for it when usable exercises would (:data:`HELD`);
``no_issue`` screening found nothing, so the program is a general one;
``referral`` no program, a red flag needs a clinician first."""

WARNING_KINDS: tuple[str, ...] = (*ENGINE_WARNING_KINDS, "note")
"""Every kind a warning may have: the engine's, and ``note`` for text an app or a
person added (shown like the others, but it excuses nothing)."""


@frozen
class WarningDetail:
    """One warning, structured: what kind it is, which issue, rule and weeks it is about.

    ``message`` is the text shown to the person (the program JSON's ``warnings``
    string). Only an engine kind worded exactly as :func:`warning_text` words its
    fields is one the engine wrote; ``str()`` is the message.
    """

    kind: str = field(validator=attrs.validators.in_(WARNING_KINDS))
    message: str
    issue: str | None = None
    rule: str | None = None
    weeks: tuple[int, ...] = field(default=(), converter=_tuple)
    detail: str | None = None
    # An unmet demand's cause, when it is the rules: the safety rules excluding every
    # exercise (with the person's equipment) that would meet it.
    by: tuple[str, ...] = field(default=(), converter=_tuple)

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """The entry of the program JSON's ``warning_details``."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "issue": self.issue,
            "rule": self.rule,
            "weeks": list(self.weeks),
        }
        if self.detail is not None:
            # Only the kinds that carry one: older programs keep their bytes.
            out["detail"] = self.detail
        if self.by:
            # Only when the rules (or missing equipment) are the reason: older programs
            # keep their bytes.
            out["by"] = list(self.by)
        out["message"] = self.message
        return out


def _weeks_span(weeks: Sequence[int]) -> str:
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    if list(weeks) == list(range(weeks[0], weeks[-1] + 1)):
        return f"weeks {weeks[0]}-{weeks[-1]}"
    return "weeks " + ", ".join(map(str, weeks))


_ASIDE = re.compile(r"\s*\([^()]*\)")


def rule_words(rule: SafetyRule) -> str:
    """A safety rule named in a few plain words: who it is for, as its description
    opens ("With a raised risk of falling"), or, for a rule whose description opens with
    what it asks, that first clause without its asides. A warning names rules so; their
    ids are for programs and apps, not people."""
    text = rule.description
    head, colon, _ = text.partition(":")
    if colon:
        return head.strip()
    return _ASIDE.sub("", text).split(";")[0].rstrip(". ")


LACKS = "equipment."
"""How a warning's ``by`` names equipment a person did not list (``equipment.step``),
beside the ids of the safety rules it names: what keeps an unmet demand out."""

HELD = "held."
"""How a warning's ``by`` names what leaves no room for a demand that some exercise
could meet: ``held.time`` the session's minutes, ``held.<convention>`` one of the
engine's own limits (:data:`HELD_WORDS`), ``held.limit.<rule>`` a safety rule's limit
on work (weekly sets, days in a row, the day before a sport day) and
``held.work.<rule>`` the work a safety rule asks for besides (``held.work.engine``:
the work the engine itself asks for, the issues trained among it). Named only when
the solver has shown that these together leave no room for it and that each of them
is needed to: without it, the rest leave room (so ``held.time`` only when, the rest
kept, more minutes would make room, and not when other limits hold it out anyway)."""

HELD_WORDS: dict[str, str] = {
    "size": "the most exercises a session holds",
    "family": "one variant of a movement a session",
    "one_rung": "one rung of a ladder per movement in a block",
    "activation_block": "the short activation block",
    "isometric_share": "holds taking at most 40% of a session",
    "before_loaded": "an activation drill before loaded work",
    "volume": "the caps on hard sets a week (each issue's, and the week's in all)",
    "floor": "the hard sets a week each issue needs to build strength",
    "drill_first": "a drill learnt before the loaded work it leads to",
    "consecutive": "no loaded exercise on two days in a row",
}
"""The engine's own limits a warning may name (``held.<key>``), in words."""


def _in_words(items: Sequence[str]) -> str:
    """``items`` as a list in words: "a", "a and b", "a, b and c"."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def _held_words(
    held: Sequence[str], schedule: Schedule, known: Mapping[str, SafetyRule]
) -> list[str] | None:
    """What ``held`` (the ``held.`` part of a warning's ``by``) names, in words; None
    when it names something the engine never names."""

    def rule(r: str) -> str:
        return f"“{rule_words(known[r])}”" if r in known else f"“{r.replace('_', ' ')}”"

    words: list[str] = []
    for item in held:
        kind, _, rest = item.partition(".")
        if item == "time":
            words.append(f"sessions of {schedule.minutes_per_session} minutes")
        elif item in HELD_WORDS:
            words.append(HELD_WORDS[item])
        elif kind == "limit" and rest:
            words.append(f"the limits of the rule {rule(rest)}")
        elif item == "work.engine":
            words.append("the other work the program holds")
        elif kind == "work" and rest:
            words.append(f"the work the rule {rule(rest)} asks for")
        else:
            return None
    return words


def warning_text(
    kind: str,
    schedule: Schedule,
    *,
    issue: str | None = None,
    rule: str | None = None,
    weeks: Sequence[int] = (),
    detail: str | None = None,
    by: Sequence[str] = (),
    rules: Mapping[str, SafetyRule] | None = None,
    equipment: Mapping[str, Equipment] | None = None,
) -> str | None:
    """The engine's words for a warning of ``kind`` with these fields, or None when
    the engine never writes such a warning (an unknown kind, or fields it never sets).

    The one place a warning is worded: the planner words its warnings here, and
    verification accepts a warning as the engine's only when its message is what
    this gives for its own fields. ``rules`` (the safety rules by id) words the rules
    ``by`` names; one it does not hold is named by its id in words. ``by`` may also
    name equipment the person did not list (:data:`LACKS`), worded by ``equipment``.
    """
    ordered = bool(weeks) and list(weeks) == sorted(set(weeks))
    if by and (kind not in ("unmet", "below_floor") or list(by) != sorted(set(by))):
        return None
    if kind == "below_floor":
        if issue is None or rule is not None or not ordered or detail is None:
            return None
        if not detail.isdigit() or int(detail) >= FLOOR_SETS:
            return None
        said = (
            f"{issue} gets only {detail} hard set(s) a week in {_weeks_span(weeks)}, fewer than "
            f"the {FLOOR_SETS} a week that build strength (Ralston 2017)"
        )
        if not by:
            return f"{said}: allow more minutes per session or another session a week to reach it."
        # What the solver showed leaves no room for more: more minutes are the advice
        # only when the time is part of it.
        if not all(b.startswith(HELD) for b in by):
            return None
        words = _held_words([b.removeprefix(HELD) for b in by], schedule, rules or {})
        if not words:
            return None
        listed = _in_words(words)
        advice = (
            ": allow more minutes per session or another session a week to reach it"
            if f"{HELD}time" in by
            else ""
        )
        return f"{said}: {listed} leave{'s' * (len(words) == 1)} no room for more{advice}."
    if kind == "unmet":
        if not ordered or not detail or (issue is not None and rule is None):
            return None
        if by:
            # The rules or the equipment, not the time: naming them tells the person what
            # keeps it out. Two rules for one person (the falls rules) may open alike:
            # named once.
            known = rules or {}
            kit = equipment or {}
            ruled = [r for r in by if not r.startswith((LACKS, HELD))]
            lacks = [r.removeprefix(LACKS) for r in by if r.startswith(LACKS)]
            held = [r.removeprefix(HELD) for r in by if r.startswith(HELD)]
            reasons: list[str] = []
            if ruled:
                names = list(
                    dict.fromkeys(
                        f"“{rule_words(known[r])}”" if r in known else f"“{r.replace('_', ' ')}”"
                        for r in ruled
                    )
                )
                named = _in_words(names)
                reasons.append(
                    f"the safety rule{'s' * (len(names) > 1)} {named} "
                    f"exclude{'s' * (len(names) == 1)} every exercise that would meet it with "
                    "your equipment"
                )
            if lacks:
                items = ", ".join(kit[e].name if e in kit else e.replace("_", " ") for e in lacks)
                reasons.append(
                    f"{'the other' if ruled else 'every'} exercise that would meet it needs "
                    f"equipment you did not list ({items})"
                )
            if held:
                # Some exercise could meet it: what the solver showed leaves no room.
                words = _held_words(held, schedule, known)
                if not words:
                    return None
                listed = _in_words(words)
                reasons.append(f"{listed} leave{'s' * (len(words) == 1)} no room for it")
            return f"In {_weeks_span(weeks)}, {detail}: {' and '.join(reasons)}, so it is left out."
        return (
            f"In {_weeks_span(weeks)}, {detail}: the safety rules, equipment, time and the "
            "limits on weekly work leave no room for it, so it is left out."
        )
    if detail is not None:
        return None
    if kind == "left_out":
        if issue is None or rule is not None or not ordered:
            return None
        return (
            f"{issue} is left out of {_weeks_span(weeks)}: its weekly work did not fit in "
            f"{schedule.sessions_per_week} session(s) of {schedule.minutes_per_session} "
            "minutes alongside the more severe findings. Allow more minutes or sessions "
            "to train it."
        )
    if issue is not None or rule is not None or weeks:
        return None
    if kind == "no_issue":
        return (
            "Screening found no issue: this is a general glute strength, balance and "
            "control program for healthy, long-lived hips."
        )
    if kind == "referral":
        return "No program was generated: a red flag needs a clinician first."
    return None


def engine_warning(
    kind: str,
    schedule: Schedule,
    *,
    issue: str | None = None,
    rule: str | None = None,
    weeks: Iterable[int] = (),
    detail: str | None = None,
    by: Sequence[str] = (),
    rules: Mapping[str, SafetyRule] | None = None,
    equipment: Mapping[str, Equipment] | None = None,
) -> WarningDetail:
    """A warning of one of :data:`ENGINE_WARNING_KINDS`, worded by :func:`warning_text`."""
    weeks = tuple(weeks)
    message = warning_text(
        kind,
        schedule,
        issue=issue,
        rule=rule,
        weeks=weeks,
        detail=detail,
        by=by,
        rules=rules,
        equipment=equipment,
    )
    if message is None:
        raise ValueError(
            f"the engine writes no {kind!r} warning with issue={issue!r}, rule={rule!r}, "
            f"weeks={weeks!r}, detail={detail!r}, by={by!r}"
        )
    return WarningDetail(
        kind=kind, message=message, issue=issue, rule=rule, weeks=weeks, detail=detail, by=by
    )


def _warning_details(value: Iterable[WarningDetail | str]) -> tuple[WarningDetail, ...]:
    # Plain text (from an app, or a test) is a note: shown, but it excuses nothing.
    return tuple(
        w if isinstance(w, WarningDetail) else WarningDetail(kind="note", message=str(w))
        for w in value
    )


# --- What an exercise may say ---------------------------------------------------------


def allowed_cues(exercise: Exercise, restrictions: Restrictions | None = None) -> tuple[str, ...]:
    """The cues a program may show for ``exercise`` under the applicable ``restrictions``.

    The one answer to "what cues may this exercise show": the catalogue's cues less
    those that ask for what an applicable rule forbids (a cue carrying an excluded
    tag); the planner and verification both ask here.
    """
    if restrictions is None:
        return tuple(str(cue) for cue in exercise.cues)
    return restrictions.cues(exercise)


# --- The program ----------------------------------------------------------------------


@frozen
class Program:
    """A generated program (or a referral), immutable; ``to_dict()`` is the program JSON.

    ``issues`` describes every issue found (name, message, fix, evidence) and
    ``safety`` the rules that applied, the stop signs and notes, so renderers need
    nothing but the program. ``warnings`` (the init argument) takes
    :class:`WarningDetail` objects, or plain text as notes; the ``warnings``
    property gives their messages, ``warning_details`` the structured warnings.
    """

    status: str
    profile: Profile
    engine_version: str
    plugins: tuple[tuple[str, str], ...] = field(converter=_tuple)
    referrals: tuple[Referral, ...] = field(default=(), converter=_tuple)
    findings: tuple[Finding, ...] = field(default=(), converter=_tuple)
    phases: tuple[Phase, ...] = field(default=(), converter=_tuple)
    weeks: tuple[Week, ...] = field(default=(), converter=_tuple)
    warning_details: tuple[WarningDetail, ...] = field(
        default=(), converter=_warning_details, alias="warnings"
    )
    issues: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = field(
        default=(), converter=_tuple
    )
    safety_rules: tuple[tuple[tuple[str, Any], ...], ...] = field(default=(), converter=_tuple)
    stop_signs: tuple[str, ...] = field(default=(), converter=_tuple)
    notes: tuple[str, ...] = field(default=(), converter=_tuple)
    person: tuple[Any, ...] = field(default=(), converter=_tuple)
    """Each person state's value over its run of weeks, and why (the person model)."""
    # Read against the person's usual pain: the light of one whose usual pain is already
    # amber calls pain no worse than usual green, or they could never progress.
    traffic_light: TrafficLight = field(
        default=attrs.Factory(lambda self: traffic_light_for(self.profile.pain), takes_self=True)
    )

    @property
    def warnings(self) -> tuple[str, ...]:
        """The warnings as shown to the person: each detail's message, in order."""
        return tuple(w.message for w in self.warning_details)

    @property
    def seed(self) -> int:
        """The seed the program was planned with."""
        return self.profile.seed or 0

    def to_dict(self) -> dict[str, Any]:
        """The program JSON, as Python data; key order is stable."""
        data: dict[str, Any] = _CONVERTER.unstructure(self)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Program:
        """The program a program JSON document (as Python data) describes.

        The document is checked first (plain JSON data, finite numbers, the program
        JSON Schema, ``warnings`` matching ``warning_details``); the embedded profile is
        validated as :meth:`Profile.from_dict` does. Raises :class:`~gluteus.ProfileError`
        naming the first problem's JSON path. Building a program does not check its
        rules: that is :func:`gluteus.check`.
        """
        from ..schemas import document_problems

        problems = document_problems(data)
        if problems:
            path, message = problems[0]
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise ProfileError(f"not a valid program: {message}{more}", path=json_path(path))
        return structure_program(data)


def json_path(path: Iterable[str | int]) -> str:
    """``$.weeks[2].sessions[0]`` for the path ``("weeks", 2, "sessions", 0)``."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def structure_program(data: Mapping[str, Any], *, profile: Profile | None = None) -> Program:
    """Build the :class:`Program` of a document already known to be well formed
    (:func:`gluteus.schemas.document_problems` found nothing).

    ``profile`` is the embedded profile when the caller has built it already.
    Raises :class:`~gluteus.ProfileError` when the embedded profile is invalid.
    """
    if profile is None:
        profile = Profile.from_dict(data["profile"])
    try:
        return _structure_program(_CONVERTER, data, profile)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        # Unreachable for a document that passed the schema; a clear message if not.
        raise ProfileError(f"not a valid program: {_one_line(str(exc))}") from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- The converter --------------------------------------------------------------------


def _unstructure_session(conv: cattrs.Converter, session: Session) -> dict[str, Any]:
    return {
        "day": session.day,
        "date": session.date.isoformat() if session.date else None,
        "minutes": session.minutes,
        "exercises": [conv.unstructure(p, Prescription) for p in session.exercises],
    }


def _structure_session(conv: cattrs.Converter, data: Mapping[str, Any]) -> Session:
    session = Session(
        day=data["day"],
        date=None if data["date"] is None else dt.date.fromisoformat(data["date"]),
        exercises=conv.structure(data["exercises"], tuple[Prescription, ...]),
    )
    stated = float(data["minutes"])
    # Kept only when it is not the sum, so a planned session round-trips equal.
    return session if stated == session.minutes else attrs.evolve(session, stated_minutes=stated)


def _unstructure_program(conv: cattrs.Converter, program: Program) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "status": program.status,
        "engine": {"version": program.engine_version, "plugins": dict(program.plugins)},
        "profile": program.profile.to_dict(),
        "person": [dict(p) for p in program.person],
        "referrals": [r.to_dict() for r in program.referrals],
        "findings": [f.to_dict() for f in program.findings],
        "issues": {issue_id: dict(info) for issue_id, info in program.issues},
        "safety": {
            "rules": [
                {k: list(v) if k == "weeks" else v for k, v in rule}
                for rule in program.safety_rules
            ],
            "stop_signs": list(program.stop_signs),
            "notes": list(program.notes),
            "traffic_light": program.traffic_light.to_dict(),
        },
        "phases": [conv.unstructure(p, Phase) for p in program.phases],
        "weeks": [conv.unstructure(w, Week) for w in program.weeks],
        "warnings": list(program.warnings),
        "warning_details": [w.to_dict() for w in program.warning_details],
    }


def _structure_program(
    conv: cattrs.Converter, data: Mapping[str, Any], profile: Profile
) -> Program:
    safety = data["safety"]
    return Program(
        status=data["status"],
        profile=profile,
        engine_version=data["engine"]["version"],
        plugins=tuple(data["engine"]["plugins"].items()),
        referrals=conv.structure(data["referrals"], tuple[Referral, ...]),
        findings=conv.structure(data["findings"], tuple[Finding, ...]),
        phases=conv.structure(data["phases"], tuple[Phase, ...]),
        weeks=conv.structure(data["weeks"], tuple[Week, ...]),
        warnings=conv.structure(data["warning_details"], tuple[WarningDetail, ...]),
        issues=tuple((issue_id, tuple(info.items())) for issue_id, info in data["issues"].items()),
        safety_rules=tuple(
            tuple((k, tuple(v) if k == "weeks" else v) for k, v in rule.items())
            for rule in safety["rules"]
        ),
        person=tuple(data["person"]),
        stop_signs=tuple(safety["stop_signs"]),
        notes=tuple(safety["notes"]),
        traffic_light=conv.structure(safety["traffic_light"], TrafficLight),
    )


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(Effort, lambda e: e.to_dict())
    conv.register_structure_hook(
        Effort,
        lambda d, _: Effort(
            rpe=tuple(d["rpe"]) if d["rpe"] else None,
            rm=tuple(d["rm"]) if d["rm"] else None,
            rir=tuple(d["rir"]) if d["rir"] else None,
        ),
    )
    conv.register_unstructure_hook(Session, lambda s: _unstructure_session(conv, s))
    conv.register_structure_hook(Session, lambda d, _: _structure_session(conv, d))
    conv.register_unstructure_hook(Program, lambda p: _unstructure_program(conv, p))
    conv.register_structure_hook(
        Program, lambda d, _: _structure_program(conv, d, Profile.from_dict(d["profile"]))
    )
    # The traffic light's zones are positional in code but keyed in the JSON.
    conv.register_structure_hook(
        Zone, lambda d, _: Zone(d["colour"], d["pain"], d["meaning"], d["action"])
    )
    return conv


_CONVERTER = _make_converter()


# --- Assembling programs --------------------------------------------------------------


def lifted_before(weeks: Sequence[Week]) -> dict[int, frozenset[str]]:
    """Per block, the lifts (exercise ids) done with an external load in the blocks
    before it: where a ``first_load`` cap no longer holds (the planner counts the same
    as it plans; the checker holds each row's load type to the catalogue's)."""
    per_block: dict[int, set[str]] = {}
    for week in weeks:
        per_block.setdefault(week.block, set()).update(
            rx.id for s in week.sessions for rx in s.exercises if rx.load_type == "external"
        )
    out: dict[int, frozenset[str]] = {}
    seen: set[str] = set()
    for block in sorted(per_block):
        out[block] = frozenset(seen)
        seen |= per_block[block]
    return out


def engine_info(ctx: Context) -> tuple[str, tuple[tuple[str, str], ...]]:
    """gluteus's version and every loaded plugin's name and version."""
    from .._version import __version__
    from .pluginmanager import plugin_versions

    return __version__, tuple(sorted(plugin_versions(ctx.pm).items()))


def issue_info(ctx: Context, issue_ids: tuple[str, ...]) -> tuple[Any, ...]:
    """The description of each issue, as carried in ``Program.issues``."""
    out = []
    for issue_id in issue_ids:
        issue = ctx.registry.issues[issue_id]
        # The words its signs are named with (a finding lists their ids); only when it
        # has signs, so programs written before they were named keep their form.
        signs = {
            sign.id: sign.name or sign.id.replace("_", " ")
            for sign in ctx.registry.signs.values()
            if sign.issue == issue_id
        }
        out.append(
            (
                issue_id,
                (
                    ("name", issue.name),
                    ("message", issue.message),
                    ("fix", issue.fix),
                    ("evidence", issue.evidence),
                    ("evidence_note", issue.evidence_note),
                    *((("signs", signs),) if signs else ()),
                ),
            )
        )
    return tuple(out)


def referral_program(profile: Profile, referrals: tuple[Referral, ...], ctx: Context) -> Program:
    """The ``status: referral`` document: no weeks, one referral per red flag."""
    version, plugins = engine_info(ctx)
    return Program(
        status="referral",
        profile=profile,
        engine_version=version,
        plugins=plugins,
        referrals=referrals,
        warnings=(engine_warning("referral", profile.schedule),),
    )


def as_dict(program: Any) -> dict[str, Any]:
    """The program JSON of ``program`` (a Program, or that JSON already as data)."""
    # The registry's contract is a Program; a dict (e.g. a program read back from
    # JSON) renders the same way, so `gluteus check`-style tools can reuse this.
    if isinstance(program, Mapping):
        return dict(program)
    data: dict[str, Any] = program.to_dict()
    return data


def program_json(program: Any) -> str:
    """The program JSON of ``program`` as text; the same program always gives the same bytes.

    Here, beside the program, rather than with the view: writing JSON needs none of
    what a person reads, and the view takes a while to import."""
    return json.dumps(as_dict(program), indent=2, ensure_ascii=False) + "\n"
