"""The program: an immutable result whose :meth:`Program.to_dict` is SPEC §2's JSON.

The planner builds it; renderers, verification and embedding apps read it. The
same class carries a referral (``status == "referral"``, no weeks) so every
output format can show why there is no program.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .model import Finding, Referral
from .profile import Profile
from .traffic_light import TRAFFIC_LIGHT

if TYPE_CHECKING:
    from .api import Context

FORMAT = "gluteus.program/1"


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@frozen
class Prescription:
    """One exercise in one session, with its dose for that week.

    ``minutes`` is the time the exercise takes, work and rest included (SPEC §2).
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

    def to_dict(self) -> dict[str, Any]:
        """The exercise entry of the program JSON."""
        return {
            "id": self.id,
            "name": self.name,
            "issues": list(self.issues),
            "role": self.role,
            "sets": self.sets,
            "reps": self.reps,
            "hold_s": self.hold_s,
            "side": self.side,
            "load": self.load,
            "rest_s": self.rest_s,
            "minutes": self.minutes,
            "equipment": list(self.equipment),
            "position": self.position,
            "planes": list(self.planes),
            "loaded": self.loaded,
            "cues": list(self.cues),
            "tempo": self.tempo,
            "level": self.level,
            "fault": self.fault,
            "why": self.why,
            "evidence": self.evidence,
            "source": self.source,
            "tags": list(self.tags),
            "targets": list(self.targets),
            "ladder": self.ladder,
            "rung": self.rung,
        }


@frozen
class Session:
    """One training session: its day, date (when the profile has ``start``) and exercises."""

    day: str
    date: dt.date | None
    exercises: tuple[Prescription, ...] = field(converter=_tuple)

    @property
    def minutes(self) -> float:
        """Total time: the sum of the exercises' minutes, rest included."""
        return round(sum(p.minutes for p in self.exercises), 1)

    def to_dict(self) -> dict[str, Any]:
        """The session entry of the program JSON."""
        return {
            "day": self.day,
            "date": self.date.isoformat() if self.date else None,
            "minutes": self.minutes,
            "exercises": [p.to_dict() for p in self.exercises],
        }


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
        return {
            "number": self.number,
            "phase": self.phase,
            "deload": self.deload,
            "block": self.block,
            "sessions": [s.to_dict() for s in self.sessions],
        }


@frozen
class Phase:
    """A phase of the skeleton: display ``name``, ``kind`` (one of model.PHASES), weeks."""

    name: str
    kind: str
    weeks: tuple[int, ...] = field(converter=_tuple)
    goal: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The phase entry of the program JSON."""
        return {"name": self.name, "kind": self.kind, "weeks": list(self.weeks), "goal": self.goal}


@frozen
class Program:
    """A generated program (or a referral), immutable; ``to_dict()`` is SPEC §2's JSON.

    ``issues`` describes every issue found (name, message, fix, evidence) and
    ``safety`` the rules that applied, the stop signs and notes, so renderers need
    nothing but the program.
    """

    status: str
    profile: Profile
    engine_version: str
    plugins: tuple[tuple[str, str], ...] = field(converter=_tuple)
    referrals: tuple[Referral, ...] = field(default=(), converter=_tuple)
    findings: tuple[Finding, ...] = field(default=(), converter=_tuple)
    phases: tuple[Phase, ...] = field(default=(), converter=_tuple)
    weeks: tuple[Week, ...] = field(default=(), converter=_tuple)
    warnings: tuple[str, ...] = field(default=(), converter=_tuple)
    issues: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = field(
        default=(), converter=_tuple
    )
    safety_rules: tuple[tuple[tuple[str, Any], ...], ...] = field(default=(), converter=_tuple)
    stop_signs: tuple[str, ...] = field(default=(), converter=_tuple)
    notes: tuple[str, ...] = field(default=(), converter=_tuple)
    person: tuple[Any, ...] = field(default=(), converter=_tuple)
    """Each person state's value over its run of weeks, and why (the person model)."""

    @property
    def seed(self) -> int:
        """The seed the program was planned with."""
        return self.profile.seed or 0

    def to_dict(self) -> dict[str, Any]:
        """The program JSON of SPEC §2, as Python data; key order is stable."""
        return {
            "format": FORMAT,
            "status": self.status,
            "engine": {"version": self.engine_version, "plugins": dict(self.plugins)},
            "profile": self.profile.to_dict(),
            "person": [dict(p) for p in self.person],
            "referrals": [r.to_dict() for r in self.referrals],
            "findings": [f.to_dict() for f in self.findings],
            "issues": {issue_id: dict(info) for issue_id, info in self.issues},
            "safety": {
                "rules": [
                    {k: list(v) if k == "weeks" else v for k, v in rule}
                    for rule in self.safety_rules
                ],
                "stop_signs": list(self.stop_signs),
                "notes": list(self.notes),
                "traffic_light": TRAFFIC_LIGHT.to_dict(),
            },
            "phases": [p.to_dict() for p in self.phases],
            "weeks": [w.to_dict() for w in self.weeks],
            "warnings": list(self.warnings),
        }


def engine_info(ctx: Context) -> tuple[str, tuple[tuple[str, str], ...]]:
    """gluteus's version and every loaded plugin's name and version."""
    from .. import __version__
    from .pluginmanager import plugin_versions

    return __version__, tuple(sorted(plugin_versions(ctx.pm).items()))


def issue_info(ctx: Context, issue_ids: tuple[str, ...]) -> tuple[Any, ...]:
    """The description of each issue, as carried in ``Program.issues``."""
    out = []
    for issue_id in issue_ids:
        issue = ctx.registry.issues[issue_id]
        out.append(
            (
                issue_id,
                (
                    ("name", issue.name),
                    ("message", issue.message),
                    ("fix", issue.fix),
                    ("evidence", issue.evidence),
                    ("evidence_note", issue.evidence_note),
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
        warnings=("No program was generated: a red flag needs a clinician first.",),
    )
