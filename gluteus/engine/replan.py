"""The adapter between adaptation and the engine's internals: the one module to re-point.

Adaptation (:mod:`gluteus.engine.adapt`) re-plans the remaining weeks of a
program by transforming them (swap an exercise for another rung, change a dose,
repeat a week) rather than by calling the planner again. Every row it writes is
the row the planner would write for that exercise in that week, so an adapted
program passes the same verification as a generated one. What it needs from the
engine is gathered here and nowhere else:

- :func:`gluteus.engine.screened.run_screen`: the person model, the findings and each
  week's safety rules (:class:`~gluteus.engine.safety.ProgramSafety`); a block is
  dosed and its cues chosen under the rules of all its weeks
  (:meth:`ProgramSafety.over`), as the planner does;
- :mod:`gluteus.engine.demands`: who is trained, the weaker side's extra sets
  (:func:`~gluteus.engine.demands.gets_extra`) and each issue's weekly floor of hard
  sets;
- :mod:`gluteus.engine.dosing`: the dose of an exercise in a week (sets, reps or
  hold, rest, tempo, effort, load words and time);
- :data:`gluteus.engine.planner.LEVEL_WINDOW` and :data:`~gluteus.engine.planner.PHASE_ROLES`
  (which rungs and roles a phase allows), and the planner's order of a session's
  rows (``planner._order_key``: the planner has no public name for it yet; it is
  used, not copied, so a session an adaptation changed is ordered as the planner
  orders one);
- the program classes of :mod:`gluteus.engine.program` and
  :func:`gluteus.engine.verify.verify`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from .demands import (
    Coverage,
    Demands,
    Training,
    demands_for,
    gets_extra,
    hard_sets,
    relevant,
    training,
)
from .dosing import (
    Dose,
    NoDoseRule,
    choose_rule,
    tested_hold_start,
    week_dose,
    with_tested_limits,
)
from .model import Cap, DoseRule, Exercise, Finding
from .profile import Profile
from .program import (
    Extra,
    Phase,
    Prescription,
    Program,
    WarningDetail,
    Week,
    allowed_cues,
    engine_warning,
    issue_info,
    lifted_before,
    structure_program,
)
from .safety import ProgramSafety, Restrictions

if TYPE_CHECKING:
    from .context import Context
    from .person import PersonModel
    from .verify import Violation


def context(plugins: pluggy.PluginManager | None) -> Context:
    """The plugin manager (a fresh default one when None) and its registry."""
    from .context import context as make

    return make(plugins)


# --- The program, read back ------------------------------------------------------------


def as_program(program: Program | Mapping[str, Any]) -> Program:
    """``program`` as a :class:`Program` (read from its JSON when given as data).

    The document is trusted to have the program JSON's shape (the journal stores
    only documents the engine wrote; verify one from outside first).
    """
    return program if isinstance(program, Program) else structure_program(program)


# --- What the person may do ---------------------------------------------------------------


@attrs.frozen
class Person:
    """A profile's screening, person model and week-by-week safety rules, as the
    planner saw them, with the catalogue."""

    profile: Profile
    findings: tuple[Finding, ...]
    safety: ProgramSafety
    model: PersonModel | None
    who: Training
    ctx: Any  # Context
    cache: dict[tuple[int, ...], Restrictions] = attrs.field(
        factory=dict, eq=False, repr=False, init=False
    )

    @property
    def found(self) -> tuple[str, ...]:
        """The issues the program trains (found or in focus), most severe first."""
        return self.who.trained

    def exercise(self, exercise_id: str) -> Exercise | None:
        """The catalogue entry (None when no loaded plugin has it)."""
        result: Exercise | None = self.ctx.registry.exercises.get(exercise_id)
        return result

    def demands(self, weeks: Iterable[int], kind: str) -> Demands:
        """What the weeks ``weeks`` of phase ``kind`` must hold under their rules together
        (a block's, as the planner plans it; one week's, as verification checks it)."""
        return demands_for(
            self.rules(weeks),
            kind,
            self.who.trained,
            self.who.priority,
            self.who.focus,
            self.profile.experience,
        )

    def rules(self, weeks: Iterable[int]) -> Restrictions:
        """The rules of all of ``weeks`` together (a block's: what the planner doses and
        words its cues by)."""
        key = tuple(sorted(weeks))
        if key not in self.cache:
            self.cache[key] = self.safety.over(key)
        return self.cache[key]


def person(profile: Profile, ctx: Context) -> Person | None:
    """Screen ``profile`` as generating does; None when a red flag now calls for a
    referral (there is no program to adapt for it)."""
    from .screened import run_screen

    result = run_screen(profile, ctx)
    if result.referrals or result.safety is None:
        return None
    return Person(
        profile=profile,
        findings=tuple(result.findings),
        safety=result.safety,
        model=result.person,
        who=training(result.findings),
        ctx=ctx,
    )


@attrs.frozen
class Place:
    """Where a week sits: its number, phase kind, the weeks of its block and the
    block's deload week (None when it has none); ``lifted`` the lifts (exercise ids)
    the blocks before did with an external load (a ``first_load`` cap holds for the
    others)."""

    week: int
    kind: str
    block: tuple[int, ...]
    deload: int | None
    lifted: frozenset[str] = frozenset()

    @property
    def is_deload(self) -> bool:
        """True when the week is its block's deload."""
        return self.week == self.deload


def places(program: Program) -> dict[int, Place]:
    """Each week's place: its phase kind, the weeks of its block and their deload."""
    kinds = {p.name: p.kind for p in program.phases}
    blocks: dict[int, list[int]] = {}
    deloads: dict[int, int] = {}
    for w in program.weeks:
        blocks.setdefault(w.block, []).append(w.number)
        if w.deload:
            deloads[w.block] = w.number
    before = lifted_before(program.weeks)
    return {
        w.number: Place(
            w.number,
            kinds.get(w.phase, "strength"),
            tuple(blocks[w.block]),
            deloads.get(w.block),
            before[w.block],
        )
        for w in program.weeks
    }


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


def why_not(who: Person, exercise: Exercise, place: Place) -> str | None:
    """Why the planner would not prescribe ``exercise`` in the block of ``place``
    (None: it may): equipment, preferences, the rules of every week of the block, the
    phase's level and role window, the issues it serves, and a dose rule for it."""
    from .planner import LEVEL_WINDOW, PHASE_ROLES

    profile = who.profile
    missing = sorted(set(exercise.equipment) - who.ctx.registry.available(profile.equipment))
    if missing:
        return f"it needs {', '.join(missing)}"
    if exercise.id in profile.preferences.avoid:
        return "your profile asks to avoid it"
    rules = who.rules(place.block)
    if not rules.allows(exercise.id):
        return f"a safety rule excludes it ({', '.join(rules.excluded.get(exercise.id, ()))})"
    top = LEVEL_WINDOW.get(place.kind, {}).get(profile.experience, 5)
    if rules.cap.max_level is not None:
        top = min(top, rules.cap.max_level)
    if exercise.level > top:
        return f"its level {exercise.level} is above what this phase allows ({top})"
    if exercise.role not in PHASE_ROLES.get(place.kind, frozenset()):
        return f"{exercise.role} work waits for a later phase"
    if not relevant(exercise, who.found, who.demands(place.block, place.kind)):
        issues = " and ".join(exercise.issues)
        return f"it trains {issues}, which this program does not train"
    if rule_for(who, exercise, place.kind) is None:
        return f"no dose rule doses {exercise.role} work in this phase"
    return None


# --- Doses ---------------------------------------------------------------------------------


def rule_for(who: Person, exercise: Exercise, phase_kind: str) -> DoseRule | None:
    """The dose rule the planner would choose for ``exercise`` in ``phase_kind``
    (None when no plugin gives one)."""
    try:
        return choose_rule(
            exercise, phase_kind, who.profile.experience, who.ctx.registry.dosing, who.found
        )
    except NoDoseRule:
        return None


def extra_for(who: Person, exercise: Exercise) -> Extra | None:
    """The weaker side's extra sets the planner gives ``exercise`` (None: none)."""
    if who.who.weaker_side is None or not gets_extra(exercise, who.who):
        return None
    return Extra(side=who.who.weaker_side, sets=1)


def planned_dose(
    who: Person,
    exercise: Exercise,
    place: Place,
    step: int,
    *,
    deload_after: Dose | None = None,
) -> Dose | None:
    """The dose the dosing rules give ``exercise`` in the ``step``-th loading week of
    the block of ``place`` (a deload after ``deload_after``), under the block's caps,
    with the weaker side's extra sets; None when no rule doses it in this phase."""
    rule = rule_for(who, exercise, place.kind)
    if rule is None:
        return None
    extra = extra_for(who, exercise)
    return week_dose(
        exercise,
        rule,
        step,
        capped(who, exercise, place),
        deload_after=deload_after,
        extra_sets=extra.sets if extra else 0,
        first_hold=tested_hold_start(exercise, who.profile.tests, who.ctx.registry.tests),
    )


def fixed_dose(
    who: Person,
    exercise: Exercise,
    place: Place,
    *,
    sets: int,
    reps: int | None,
    hold_s: int | None,
    extra_sets: int = 0,
) -> Dose | None:
    """``sets`` of ``reps`` (or ``hold_s``) of ``exercise``, dosed otherwise as the
    block's first week (rest, tempo, effort, load words, time); None when no rule
    doses it in this phase."""
    rule = rule_for(who, exercise, place.kind)
    if rule is None:
        return None
    # The rule's own first week with these sets, reps or hold and no progression:
    # everything else (rest, tempo, effort, caps, time) stays the dosing rules'.
    fixed = attrs.evolve(
        rule,
        sets=sets,
        max_sets=sets,
        reps=(reps, reps) if reps is not None else rule.reps,
        hold_s=hold_s if hold_s is not None else rule.hold_s,
        max_hold_s=hold_s if hold_s is not None else rule.max_hold_s,
        progression="reps",
        step=0,
    )
    return week_dose(exercise, fixed, 0, capped(who, exercise, place), extra_sets=extra_sets)


def capped(who: Person, exercise: Exercise, place: Place) -> Cap:
    """The caps on ``exercise`` in the block of ``place``: the block's rules', and its
    holds and its week's reps within what the person's tests showed, as the planner caps
    them."""
    return with_tested_limits(
        who.rules(place.block).cap_for(exercise, place.lifted),
        exercise,
        who.profile.tests,
        who.ctx.registry.tests,
        place.week,
    )


def prescription(
    who: Person,
    exercise: Exercise,
    dose: Dose,
    place: Place,
    *,
    extra: Extra | None,
    ladder: tuple[str, int] | None,
    note: str,
) -> Prescription:
    """The row the planner writes for ``exercise`` at ``dose`` in the block of ``place``
    (cues under the block's rules, effort, family, load type, extra sets on the same
    row), its ``why`` ending with ``note``."""
    reg = who.ctx.registry
    served = [
        reg.issues[i].name if i in reg.issues else i for i in exercise.issues if i in who.found
    ]
    why = exercise.why or f"Trains {', '.join(exercise.issues)}."
    if served:
        why = f"{why} In this program for: {', '.join(served)}."
    return Prescription(
        id=exercise.id,
        name=exercise.name,
        issues=exercise.issues,
        role=exercise.role,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        side="each" if exercise.unilateral else "both",
        load=dose.load,
        rest_s=dose.rest_s,
        minutes=dose.tenths / 10,
        equipment=exercise.equipment,
        position=exercise.position,
        planes=exercise.planes,
        loaded=exercise.loaded,
        cues=allowed_cues(exercise, who.rules(place.block)),
        tempo=dose.tempo,
        level=exercise.level,
        fault=exercise.fault,
        why=f"{why} {note}".strip(),
        evidence=exercise.evidence,
        source=exercise.source,
        tags=exercise.tags,
        targets=exercise.targets,
        ladder=ladder[0] if ladder else None,
        rung=ladder[1] if ladder else None,
        family=exercise.family,
        load_type=exercise.load_type,
        effort=dose.effort,
        extra=extra,
    )


def redose(
    who: Person,
    rx: Prescription,
    place: Place,
    *,
    sets: int,
    reps: int | None,
    hold_s: int | None,
    note: str,
) -> Prescription | None:
    """``rx`` with a new number of sets, reps or hold, dosed by the rules (its extra
    sets kept); None when the catalogue or the dose rules no longer know it."""
    exercise = who.exercise(rx.id)
    if exercise is None:
        return None
    dose = fixed_dose(
        who,
        exercise,
        place,
        sets=sets,
        reps=reps,
        hold_s=hold_s,
        extra_sets=rx.extra.sets if rx.extra is not None else 0,
    )
    if dose is None:
        return None
    return attrs.evolve(
        rx,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        rest_s=dose.rest_s,
        tempo=dose.tempo,
        load=dose.load,
        effort=dose.effort,
        minutes=dose.tenths / 10,
        why=f"{rx.why} {note}".strip(),
    )


def ladder_place(who: Person, exercise_id: str, prefer: str | None) -> tuple[str, int] | None:
    """``(ladder id, rung)`` for an exercise: on ladder ``prefer`` when it is on it,
    else the first (by id) serving an issue trained, else the first."""
    on = who.ctx.registry.ladders_of(exercise_id)
    if not on:
        return None
    for ladder, rung in on:
        if ladder.id == prefer:
            return ladder.id, rung
    trained = set(who.found)
    ladder, rung = sorted(on, key=lambda pair: (not set(pair[0].issues) & trained, pair[0].id))[0]
    return ladder.id, rung


# --- Sessions -------------------------------------------------------------------------------


def ordered(who: Person, place: Place, rows: Sequence[Prescription]) -> tuple[Prescription, ...]:
    """``rows`` in the order the planner gives a session of the block of ``place``
    (activation drills first, then fast and heavy work, holds and control work last),
    so a rung that changes role moves to its place."""
    from .planner import _order_key  # the planner's own order (see the module docstring)

    exercises = [who.exercise(rx.id) for rx in rows]
    if any(ex is None for ex in exercises):
        return tuple(rows)
    opens = frozenset(r for req, _ in who.demands(place.block, place.kind).opens for r in req.roles)
    keyed = sorted(
        zip(rows, exercises, strict=True),
        key=lambda pair: _order_key(pair[1], opens),  # type: ignore[arg-type]
    )
    return tuple(rx for rx, _ in keyed)


def coverage_changes(who: Person, place: Place, before: Week, after: Week) -> list[int | None]:
    """Where ``after`` holds a demanded kind of work that ``before`` did not, or lacks
    one it held (the week's demands, as verification reads them: session numbers for a
    per-session demand, None for a weekly one). A change there would make the program
    say something untrue about what is left out, or leave out what the rules ask for."""

    def exercises(rows: Iterable[Prescription]) -> list[Exercise]:
        return [ex for rx in rows if (ex := who.exercise(rx.id)) is not None]

    demands = who.demands((place.week,), place.kind)
    out: list[int | None] = []
    for cover in demands.coverage:
        if cover.scope == "week":
            if place.is_deload:
                continue
            met = {_week_covers(cover, week, exercises) for week in (before, after)}
            if len(met) > 1 and None not in out:
                out.append(None)
            continue
        pairs = zip(before.sessions, after.sessions, strict=True)
        for number, (old, new) in enumerate(pairs, start=1):
            held = _covers(cover.groups, exercises(old.exercises))
            if held != _covers(cover.groups, exercises(new.exercises)) and number not in out:
                out.append(number)
    return out


def _covers(groups: Iterable[Any], exercises: Sequence[Exercise]) -> bool:
    return all(any(g.fits(ex) for ex in exercises) for g in groups)


def _week_covers(
    cover: Coverage, week: Week, exercises: Callable[[Iterable[Prescription]], list[Exercise]]
) -> bool:
    """Whether ``week`` meets a weekly demand: each group's work in as many of its
    sessions as the demand asks (one, unless it names more)."""
    held = [exercises(s.exercises) for s in week.sessions]
    need = cover.needed(len(held))
    return all(sum(any(g.fits(ex) for ex in ex_s) for ex_s in held) >= need for g in cover.groups)


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
    """``program`` for an updated profile: its findings, issues, person model and
    safety section anew, as the planner writes them."""
    everywhere = who.safety.everywhere
    return attrs.evolve(
        program,
        profile=who.profile,
        findings=who.findings,
        issues=issue_info(who.ctx, tuple(f.issue for f in who.findings)),
        safety_rules=who.safety.rule_entries(),
        person=tuple(who.model.to_list()) if who.model is not None else (),
        stop_signs=everywhere.stop_signs,
        notes=who.safety.notes_in(phase.kind for phase in program.phases),
    )


def with_warnings(program: Program, who: Person) -> Program:
    """``program`` with its ``below_floor`` warnings restated for the weeks as they now
    are (a lighter dose may take an issue under the weekly floor of hard sets; a
    warning says so, as the planner's would). The other warnings are kept."""
    schedule = program.profile.schedule
    left_out: dict[str, set[int]] = {}
    for w in program.warning_details:
        if w.kind == "left_out" and w.issue is not None:
            left_out.setdefault(w.issue, set()).update(w.weeks)
    where = places(program)
    short: dict[str, dict[int, int]] = {}
    for week in program.weeks:
        place = where[week.number]
        if place.is_deload:
            continue
        demands = who.demands(place.block, place.kind)
        rows = [
            (ex, rx.sets)
            for s in week.sessions
            for rx in s.exercises
            if (ex := who.exercise(rx.id)) is not None
        ]
        for vol in demands.volume:
            if not vol.floor or week.number in left_out.get(vol.issue, ()):
                continue
            got = hard_sets(rows, vol.issue, vol.roles)
            if got < vol.floor:
                short.setdefault(vol.issue, {})[week.number] = got
    below = {
        issue: engine_warning(
            "below_floor",
            schedule,
            issue=issue,
            weeks=sorted(weeks),
            detail=str(min(weeks.values())),
        )
        for issue, weeks in short.items()
    }
    details: list[WarningDetail] = []
    placed = False
    for w in program.warning_details:
        if w.kind == "below_floor":
            if not placed:
                details.extend(below[i] for i in who.who.trained if i in below)
                placed = True
            continue
        if not placed and w.kind not in ("left_out",):
            # The planner's order: left out, then below the floor, then the rest.
            details.extend(below[i] for i in who.who.trained if i in below)
            placed = True
        details.append(w)
    if not placed:
        details.extend(below[i] for i in who.who.trained if i in below)
    return attrs.evolve(program, warnings=tuple(details))


def violations(program: Program, ctx: Context) -> list[Violation]:
    """Every rule and invariant the program breaks: the same check as a generated one."""
    from .verify import verify

    return verify(program.to_dict(), ctx, schema=False)


def budget(profile: Profile) -> float:
    """The minutes one session may take."""
    return float(profile.schedule.minutes_per_session)
