"""Dosing: sets, reps or holds, rest, tempo and load for one exercise in one week.

Pure functions over the plugins' :class:`~gluteus.engine.model.DoseRule` data.
A block's first loading week starts at the rule's base dose; each further
loading week moves by the rule's ``progression`` (more reps, longer holds, one
more set, or the same dose with a heavier load); a deload keeps the easiest dose
with fewer sets than the week before (Rogerson 2024: cut sets and reps, more reps
in reserve). Safety caps from the applicable rules bound every number.

Time is counted in whole seconds: every set is the work of each side plus the
rest after it, and each exercise adds a transition for moving and setting up
(:data:`TRANSITION_S`). Minutes are rounded up to the tenth, so a session's
minutes are exactly the sum of its exercises'.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from attrs import frozen

from .model import Cap, DoseRule, Exercise

TRANSITION_S = 30
"""Seconds to move to an exercise and set it up (a convention, not a measurement)."""

FALLBACK_REPS = (8, 12)
"""Reps for a dynamic exercise whose rule gives only holds: ACSM 2009's novice 8–12."""

TENTH_S = 6  # a tenth of a minute


@frozen
class Dose:
    """One exercise's prescription for one week."""

    sets: int
    reps: int | None
    hold_s: int | None
    rest_s: int
    tempo: str
    load: str
    seconds: int
    extra_seconds: int = 0

    @property
    def main_tenths(self) -> int:
        """The time of the sets on both sides, transition included, in tenths of a minute
        (rounded up)."""
        return -(-(self.seconds - self.extra_seconds) // TENTH_S)

    @property
    def extra_tenths(self) -> int:
        """The time of the extra one-sided sets, in tenths of a minute (rounded up)."""
        return -(-self.extra_seconds // TENTH_S)

    @property
    def tenths(self) -> int:
        """The time the exercise takes, in tenths of a minute: each part rounded up, so
        the parts shown separately add up to exactly this."""
        return self.main_tenths + self.extra_tenths

    @property
    def minutes(self) -> float:
        """The time the exercise takes, in minutes, rounded up to the tenth."""
        return self.tenths / 10


class NoDoseRule(LookupError):
    """No loaded plugin gives a dose rule for this role, phase and experience."""


def choose_rule(
    exercise: Exercise,
    phase: str,
    experience: str,
    rules: Sequence[DoseRule],
    found: Iterable[str] = (),
) -> DoseRule:
    """The dose rule for ``exercise`` in ``phase`` at ``experience``.

    An issue-specific rule wins over a generic one: first for an issue of the
    exercise that was found in this person, then for any of its issues in order,
    then the generic rule for its role. Among equals the first registered wins.
    """
    fitting = [r for r in rules if r.role == exercise.role and r.phase == phase]
    fitting = [r for r in fitting if experience in r.experience]
    found_set = set(found)
    order = [i for i in exercise.issues if i in found_set] + list(exercise.issues)
    for issue in order:
        for rule in fitting:
            if rule.issue == issue:
                return rule
    for rule in fitting:
        if rule.issue is None:
            return rule
    raise NoDoseRule(
        f"no dose rule for role {exercise.role!r} in the {phase} phase at {experience} level"
    )


def _capped(value: int, cap: int | None) -> int:
    return value if cap is None else min(value, cap)


def week_dose(
    exercise: Exercise,
    rule: DoseRule,
    step: int,
    cap: Cap,
    *,
    deload_after: Dose | None = None,
    extra_sets: int = 0,
) -> Dose:
    """The dose of ``exercise`` in the ``step``-th loading week of its block (0-based).

    With ``deload_after`` (the dose of the week before), the week is a deload: the
    block's first-week reps or hold, and sets cut by the rule's ``deload_factor``
    but always fewer than the week before (never below one). ``extra_sets`` adds
    sets done on one side only (extra work for a weaker side) to the time.
    """
    sets = rule.sets
    reps: int | None = None
    hold: int | None = None
    if exercise.is_hold:
        hold = rule.hold_s if rule.hold_s is not None else exercise.hold_s
        assert hold is not None
    else:
        low, high = rule.reps if rule.reps is not None else FALLBACK_REPS
        reps = low
    deload = deload_after is not None
    progression = rule.progression
    if progression == "load" and not exercise.loaded:
        # Bodyweight work cannot get heavier; it progresses by reps instead.
        progression = "reps"
    if not deload and step > 0:
        if progression == "reps" and reps is not None:
            high = rule.reps[1] if rule.reps is not None else FALLBACK_REPS[1]
            reps = min(reps + step * rule.step, high)
        elif progression == "hold" and hold is not None:
            ceiling = rule.max_hold_s if rule.max_hold_s is not None else hold
            hold = min(hold + step * rule.step, max(hold, ceiling))
        elif progression == "sets":
            ceiling = rule.max_sets if rule.max_sets is not None else sets
            sets = min(sets + step, max(sets, ceiling))
    sets = _capped(sets, cap.max_sets)
    if hold is not None:
        hold = _capped(hold, cap.max_hold_s)
    if deload_after is not None:
        before = deload_after.sets
        sets = max(1, min(before - 1, math.floor(before * rule.deload_factor + 0.5)))
    load = _load_text(rule, step, deload, cap, exercise.loaded)
    rest = max(rule.rest_s, exercise.rest_s) if exercise.loaded else rule.rest_s
    sides = 2 if exercise.unilateral else 1
    if hold is not None:
        work = hold
    else:
        assert reps is not None and exercise.seconds_per_rep is not None
        work = math.ceil(reps * exercise.seconds_per_rep)
    extra = extra_sets * (work + rest)
    seconds = sets * (sides * work + rest) + extra + TRANSITION_S
    return Dose(
        sets=sets,
        reps=reps,
        hold_s=hold,
        rest_s=rest,
        tempo=rule.tempo,
        load=load,
        seconds=seconds,
        extra_seconds=extra,
    )


def _load_text(rule: DoseRule, step: int, deload: bool, cap: Cap, loaded: bool) -> str:
    text = rule.load
    if deload:
        # Rogerson 2024: deloads keep the exercises but cut sets and reps and lower
        # load and effort (more reps in reserve).
        text = f"Deload: {text}; lighter than last week and further from failure"
    elif rule.progression == "load" and loaded and step > 0:
        # ACSM 2009: +2-10% once the target is beaten by 1-2 reps.
        text = (
            f"{text}; heavier than last week: +2-10% if every set reached the top of "
            "the range with 1-2 reps in reserve"
        )
    if cap.max_rpe is not None:
        text = f"{text}; keep effort at or below RPE {cap.max_rpe:g}"
    return text
