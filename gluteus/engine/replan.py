"""The adapter between adaptation and the engine's internals: the one module to re-point.

Adaptation (:mod:`gluteus.engine.adapt`) re-plans the remaining weeks of a
program by transforming them (swap an exercise for another rung, change a dose,
repeat a week) rather than by calling the planner again, so it does not depend
on how the planner works inside. What it does need from the engine is gathered
here and nowhere else:

- :func:`gluteus.engine.context.context` (plugin manager and registry),
  :func:`gluteus.engine.screening.screen` and
  :func:`gluteus.engine.safety.restrictions_for` (what the person may do);
- :func:`gluteus.engine.dosing.choose_rule` and :func:`gluteus.engine.dosing.week_dose`
  (the dose of an exercise in a week, and the time it takes);
- :data:`gluteus.engine.planner.LEVEL_WINDOW` and :data:`~gluteus.engine.planner.PHASE_ROLES`
  (which rungs and roles a phase allows);
- the program classes of :mod:`gluteus.engine.program` (read back from the program
  JSON by :func:`program_from_dict`) and :func:`gluteus.engine.verify.verify`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from .dosing import Dose, NoDoseRule, choose_rule, week_dose
from .model import Exercise, Finding, Referral
from .profile import Profile
from .program import Phase, Prescription, Program, Session, Week
from .safety import Restrictions, found_issues, restrictions_for

if TYPE_CHECKING:
    from .context import Context
    from .verify import Violation


def context(plugins: pluggy.PluginManager | None) -> Context:
    """The plugin manager (a fresh default one when None) and its registry."""
    from .context import context as make

    return make(plugins)


# --- The program, read back ------------------------------------------------------------


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def program_from_dict(data: Mapping[str, Any]) -> Program:
    """A :class:`Program` from its JSON (as :meth:`Program.to_dict` wrote it).

    The document is trusted to have the program JSON's shape (verify it first when
    it comes from outside).
    """
    weeks = tuple(
        Week(
            number=w["number"],
            phase=w["phase"],
            deload=w["deload"],
            block=w["block"],
            sessions=tuple(
                Session(
                    day=s["day"],
                    date=_date(s["date"]),
                    exercises=tuple(_prescription(e) for e in s["exercises"]),
                )
                for s in w["sessions"]
            ),
        )
        for w in data["weeks"]
    )
    safety = data["safety"]
    return Program(
        status=data["status"],
        profile=Profile.from_dict(data["profile"]),
        engine_version=data["engine"]["version"],
        plugins=tuple(data["engine"]["plugins"].items()),
        referrals=tuple(Referral(**r) for r in data["referrals"]),
        findings=tuple(
            Finding(
                issue=f["issue"],
                severity=f["severity"],
                signs=tuple(f["signs"]),
                tests=tuple(f["tests"]),
                weaker_side=f["weaker_side"],
                notes=tuple(f["notes"]),
                focus=f["focus"],
            )
            for f in data["findings"]
        ),
        phases=tuple(
            Phase(name=p["name"], kind=p["kind"], weeks=tuple(p["weeks"]), goal=p["goal"])
            for p in data["phases"]
        ),
        weeks=weeks,
        warnings=tuple(data["warnings"]),
        issues=tuple((k, tuple(v.items())) for k, v in data["issues"].items()),
        safety_rules=tuple(tuple(rule.items()) for rule in safety["rules"]),
        stop_signs=tuple(safety["stop_signs"]),
        notes=tuple(safety["notes"]),
    )


_PRESCRIPTION_FIELDS = tuple(a.name for a in attrs.fields(Prescription))


def _prescription(data: Mapping[str, Any]) -> Prescription:
    return Prescription(**{k: data[k] for k in _PRESCRIPTION_FIELDS if k in data})


def as_program(program: Program | Mapping[str, Any]) -> Program:
    """``program`` as a :class:`Program` (read from its JSON when given as data)."""
    return program if isinstance(program, Program) else program_from_dict(program)


# --- What the person may do ---------------------------------------------------------------


@attrs.frozen
class Person:
    """A profile's screening, restrictions and the catalogue, as adaptation needs them."""

    profile: Profile
    findings: tuple[Finding, ...]
    restrictions: Restrictions
    found: tuple[str, ...]
    ctx: Any  # Context

    def exercise(self, exercise_id: str) -> Exercise | None:
        """The catalogue entry (None when no loaded plugin has it)."""
        result: Exercise | None = self.ctx.registry.exercises.get(exercise_id)
        return result


def person(profile: Profile, ctx: Context) -> Person:
    """Screen ``profile`` and work out what its safety rules allow."""
    from .screening import screen

    findings = tuple(screen(profile, ctx.pm, ctx.registry))
    restrictions = restrictions_for(profile, findings, ctx.registry)
    return Person(profile, findings, restrictions, found_issues(findings), ctx)


def neighbours(
    who: Person, exercise_id: str, ladder_id: str | None
) -> tuple[str | None, str | None]:
    """The rungs below and above ``exercise_id`` on its ladder (``ladder_id`` when the
    program names one, else the first ladder it is on)."""
    on = who.ctx.registry.ladders_of(exercise_id)
    chosen = [pair for pair in on if pair[0].id == ladder_id] or list(on)
    if not chosen:
        return None, None
    ladder, rung = chosen[0]
    ids = ladder.exercise_ids
    below = ids[rung - 2] if rung >= 2 else None
    above = ids[rung] if rung < len(ids) else None
    return below, above


def why_not(who: Person, exercise: Exercise, phase_kind: str) -> str | None:
    """Why ``exercise`` may not be prescribed in a week of ``phase_kind`` (None: it may)."""
    from .planner import LEVEL_WINDOW, PHASE_ROLES

    profile = who.profile
    missing = sorted(set(exercise.equipment) - set(profile.equipment))
    if missing:
        return f"it needs {', '.join(missing)}"
    if exercise.id in profile.preferences.avoid:
        return "your profile asks to avoid it"
    if not who.restrictions.allows(exercise.id):
        rules = ", ".join(who.restrictions.excluded.get(exercise.id, ()))
        return f"a safety rule excludes it ({rules})"
    cap = who.restrictions.cap.max_level
    top = LEVEL_WINDOW.get(phase_kind, {}).get(profile.experience, 5)
    if cap is not None:
        top = min(top, cap)
    if exercise.level > top:
        return f"its level {exercise.level} is above what this phase allows ({top})"
    if exercise.role not in PHASE_ROLES.get(phase_kind, frozenset()):
        return f"{exercise.role} work waits for a later phase"
    return None


# --- Doses ---------------------------------------------------------------------------------


def rule_for(who: Person, exercise: Exercise, phase_kind: str) -> Any | None:
    """The dose rule for ``exercise`` in ``phase_kind`` (None when no plugin gives one)."""
    try:
        return choose_rule(
            exercise, phase_kind, who.profile.experience, who.ctx.registry.dosing, who.found
        )
    except NoDoseRule:
        return None


def planned_dose(
    who: Person,
    exercise: Exercise,
    phase_kind: str,
    step: int,
    *,
    deload_after: Dose | None = None,
    extra_sets: int = 0,
) -> Dose | None:
    """The dose the dosing rules give ``exercise`` in the ``step``-th loading week of a
    block (a deload after ``deload_after``); None when no rule doses it in this phase."""
    rule = rule_for(who, exercise, phase_kind)
    if rule is None:
        return None
    return week_dose(
        exercise,
        rule,
        step,
        who.restrictions.cap,
        deload_after=deload_after,
        extra_sets=extra_sets,
    )


def fixed_dose(
    who: Person,
    exercise: Exercise,
    phase_kind: str,
    *,
    sets: int,
    reps: int | None,
    hold_s: int | None,
    extra_sets: int = 0,
) -> Dose | None:
    """``sets`` of ``reps`` (or ``hold_s``) of ``exercise``, timed by the dosing rules."""
    rule = rule_for(who, exercise, phase_kind)
    if rule is None:
        return None
    rule = attrs.evolve(
        rule,
        sets=sets,
        max_sets=sets,
        reps=(reps, reps) if reps is not None else rule.reps,
        hold_s=hold_s if hold_s is not None else rule.hold_s,
        max_hold_s=hold_s if hold_s is not None else rule.max_hold_s,
        progression="reps",
        step=0,
    )
    return week_dose(exercise, rule, 0, who.restrictions.cap, extra_sets=extra_sets)


def prescribe(
    who: Person,
    exercise: Exercise,
    dose: Dose,
    template: Prescription,
    *,
    ladder: tuple[str, int] | None,
    why: str,
    extra: Prescription | None = None,
) -> list[Prescription]:
    """``exercise`` at ``dose`` in the place of ``template`` (and its weaker-side row
    ``extra``, kept when the new exercise is one-sided too)."""
    served = [i for i in exercise.issues if i in who.found]
    base = exercise.why or f"Trains {', '.join(exercise.issues)}."
    if served:
        base = f"{base} In this program for: {', '.join(served)}."
    common: dict[str, Any] = dict(
        id=exercise.id,
        name=exercise.name,
        issues=exercise.issues,
        role=exercise.role,
        reps=dose.reps,
        hold_s=dose.hold_s,
        load=dose.load,
        rest_s=dose.rest_s,
        equipment=exercise.equipment,
        position=exercise.position,
        planes=exercise.planes,
        loaded=exercise.loaded,
        cues=exercise.cues,
        tempo=dose.tempo,
        level=exercise.level,
        fault=exercise.fault,
        evidence=exercise.evidence,
        source=exercise.source,
        tags=exercise.tags,
        targets=exercise.targets,
        ladder=ladder[0] if ladder else None,
        rung=ladder[1] if ladder else None,
    )
    main = attrs.evolve(
        template,
        sets=dose.sets,
        side="each" if exercise.unilateral else "both",
        minutes=dose.main_tenths / 10,
        why=f"{base} {why}".strip(),
        **common,
    )
    out = [main]
    if extra is not None and exercise.unilateral and dose.extra_seconds:
        out.append(
            attrs.evolve(
                extra,
                sets=extra.sets,
                minutes=dose.extra_tenths / 10,
                **common,
            )
        )
    return out


def redose(
    who: Person,
    rx: Prescription,
    extra: Prescription | None,
    phase_kind: str,
    *,
    sets: int,
    reps: int | None,
    hold_s: int | None,
    note: str,
) -> list[Prescription] | None:
    """``rx`` (and its weaker-side row) with a new number of sets, reps or hold, its
    minutes recomputed; None when the catalogue or the dose rules no longer know it."""
    exercise = who.exercise(rx.id)
    if exercise is None:
        return None
    dose = fixed_dose(
        who,
        exercise,
        phase_kind,
        sets=sets,
        reps=reps,
        hold_s=hold_s,
        extra_sets=extra.sets if extra is not None else 0,
    )
    if dose is None:
        return None
    main = attrs.evolve(
        rx,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        minutes=dose.main_tenths / 10,
        why=f"{rx.why} {note}".strip(),
    )
    out = [main]
    if extra is not None:
        out.append(
            attrs.evolve(extra, reps=dose.reps, hold_s=dose.hold_s, minutes=dose.extra_tenths / 10)
        )
    return out


def ladder_place(who: Person, exercise_id: str, prefer: str | None) -> tuple[str, int] | None:
    """``(ladder id, rung)`` for an exercise: on ladder ``prefer`` when it is on it."""
    on = who.ctx.registry.ladders_of(exercise_id)
    if not on:
        return None
    for ladder, rung in on:
        if ladder.id == prefer:
            return ladder.id, rung
    ladder, rung = on[0]
    return ladder.id, rung


# --- The finished program -------------------------------------------------------------------


def with_weeks(program: Program, weeks: Sequence[Week]) -> Program:
    """``program`` with new weeks, and phases whose weeks follow the weeks' phase names."""
    phases: list[Phase] = []
    for phase in program.phases:
        numbers = tuple(w.number for w in weeks if w.phase == phase.name)
        if numbers:
            phases.append(attrs.evolve(phase, weeks=numbers))
    return attrs.evolve(program, weeks=tuple(weeks), phases=tuple(phases))


def with_person(program: Program, who: Person) -> Program:
    """``program`` for an updated profile: its findings, issues and safety rules anew."""
    from .program import issue_info

    rules = who.restrictions.rules
    return attrs.evolve(
        program,
        profile=who.profile,
        findings=who.findings,
        issues=issue_info(who.ctx, tuple(f.issue for f in who.findings)),
        safety_rules=tuple(
            (
                ("id", r.id),
                ("description", r.description),
                ("source", r.source),
                ("evidence", r.evidence),
            )
            for r in rules
        ),
        stop_signs=who.restrictions.stop_signs,
        notes=who.restrictions.notes,
    )


def violations(program: Program, ctx: Context) -> list[Violation]:
    """Every rule and invariant the program breaks: the same check as a generated one."""
    from .verify import verify

    return verify(program.to_dict(), ctx, schema=False)


def phase_kinds(program: Program) -> dict[int, str]:
    """Each week's phase kind (``activation``, ``strength``, ``power``)."""
    by_name = {p.name: p.kind for p in program.phases}
    return {w.number: by_name.get(w.phase, "strength") for w in program.weeks}


def budget(profile: Profile) -> float:
    """The minutes one session may take."""
    return float(profile.schedule.minutes_per_session)
