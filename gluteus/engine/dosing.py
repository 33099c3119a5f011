"""Dosing: sets, reps or holds, rest, tempo, effort and load for one exercise in one week.

Pure functions over the plugins' :class:`~gluteus.engine.model.DoseRule` data. A
rule applies by role, phase, experience and load type, so an RM- or load-based dose
only ever reaches an exercise with an external load, and power doses only power
exercises. A block's first loading week starts at the rule's base dose; each further
loading week moves by the rule's ``progression`` (more reps, longer holds, one more
set, or for external loads fewer reps of a heavier load; reps or holds at their
top add a set a week instead, up to the rule's most); a deload keeps the
exercise and its first-week reps or hold with fewer sets than the week before and an
easier effort (Rogerson 2024: cut sets and reps, more reps in reserve), lowered after
the safety caps so it is easier than the capped loading weeks too. Work whose load
cannot rise keeps its reps into a new block that asks as much effort
(:func:`keeps_reps`), and the planner's doses are rounded to what a person is told
(:func:`told_reps`, :func:`told_hold`).

Effort is data (:class:`Effort`: RPE, repetition maximum, reps in reserve) and the
words a person reads are made from it here, so a safety cap changes the numbers and
the words together: a cap on RPE lowers the effort, ``no_rm`` words the load by feel
(the talk test) instead of a repetition maximum, ``min_rm`` keeps loads lighter than
that repetition maximum. The load a dose names is the one its reps and reps in reserve
make (:func:`working_rm`: 8 reps with 3 in reserve is a weight you could lift about 11
times), never a range whose heavy end would turn the reps into a set to failure.

Time is counted in whole seconds: every set is the work of each side plus the rest
after it, and each exercise adds a transition for moving and setting up
(:data:`TRANSITION_S`). Minutes are rounded up to the tenth, so a session's minutes
are exactly the sum of its exercises'.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
from attrs import frozen

from .model import Cap, DoseRule, Exercise, ObjectiveTest

TRANSITION_S = 30
"""Seconds to move to an exercise and set it up (a convention, not a measurement)."""

FALLBACK_REPS = (8, 12)
"""Reps for a dynamic exercise whose rule gives only holds: ACSM 2009's novice 8–12."""

TENTH_S = 6  # a tenth of a minute

TALK_TEST = "you can talk but not sing"
HEAVY_RPE = 8
"""An effort of 8/10 (about 2 reps in reserve, Zourdos 2016) or more is heavy work."""
HEAVY_RM = 8
"""A load of 8 repetitions maximum or heavier is heavy work: heavier than the 8-12RM
loads of moderate effort (ACSM 2009)."""
"""How a moderate effort feels, when loads are worded by feel (the talk test)."""


@frozen
class Effort:
    """How hard a dose is: ``rpe`` the effort on 0–10 (a range), ``rm`` the repetition
    maximum the load should be (external loads), ``rir`` the reps kept in reserve.

    In a dose, ``rm`` is the working load its reps and ``rir`` make (reps plus reps in
    reserve, :func:`working_rm`); in a dose rule, the range of loads allowed."""

    rpe: tuple[int, int] | None = None
    rm: tuple[int, int] | None = None
    rir: tuple[int, int] | None = None

    @property
    def heavy(self) -> bool:
        """True for hard, heavy work: an effort reaching :data:`HEAVY_RPE` (2 reps or
        fewer in reserve) or a load of :data:`HEAVY_RM` repetitions maximum or heavier."""
        return (self.rpe is not None and self.rpe[1] >= HEAVY_RPE) or (
            self.rm is not None and self.rm[0] <= HEAVY_RM
        )

    def to_dict(self) -> dict[str, Any]:
        """The effort as it appears in the program JSON."""
        return {
            "rpe": list(self.rpe) if self.rpe else None,
            "rm": list(self.rm) if self.rm else None,
            "rir": list(self.rir) if self.rir else None,
        }


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
    effort: Effort = Effort()
    extra_sets: int = 0

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
    """No loaded plugin gives a dose rule for this role, phase, experience and load."""


def fits(rule: DoseRule, exercise: Exercise, phase: str, experience: str) -> bool:
    """True when ``rule`` may dose ``exercise`` in ``phase`` at ``experience``."""
    return (
        rule.role == exercise.role
        and rule.phase == phase
        and experience in rule.experience
        and exercise.load_type in rule.load_types
    )


def choose_rule(
    exercise: Exercise,
    phase: str,
    experience: str,
    rules: Sequence[DoseRule],
    found: Iterable[str] = (),
) -> DoseRule:
    """The dose rule for ``exercise`` in ``phase`` at ``experience``.

    An issue-specific rule wins over a generic one, but only for an issue of the
    exercise found in this person (its words speak of that issue: "while the back is
    the complaint"); otherwise the generic rule for its role and load type, and only
    when there is none, an issue rule of the exercise's own issues in order. Among
    equals the first registered wins.
    """
    fitting = [r for r in rules if fits(r, exercise, phase, experience)]
    found_set = set(found)
    order = [i for i in exercise.issues if i in found_set]
    for issue in order:
        for rule in fitting:
            if rule.issue == issue:
                return rule
    for rule in fitting:
        if rule.issue is None:
            return rule
    for issue in exercise.issues:
        for rule in fitting:
            if rule.issue == issue:
                return rule
    raise NoDoseRule(
        f"no dose rule for role {exercise.role!r} ({exercise.load_type} load) in the "
        f"{phase} phase at {experience} level"
    )


MODERATE_REPS = 10
"""Reps at least, on external load when effort is by feel (no repetition maximum): a
moderate weight for 10-15 reps (Mottola 2018; ACSM 2009's 8-12 at moderate loads)."""

MODERATE_TOP_REPS = 12
"""The most reps a load-progressing lift climbs to when effort is by feel: a weight
that cannot get heavier under the cap still asks more by reps, up to the top of ACSM
2009's 8-12 at moderate loads (short of the 15 the load words name), then by sets."""

TESTED_HOLD_SHARE = (7, 10)
"""A hold stays within 70% of the same hold tested (the worse side), so every set can be
held with good form until the test is taken again: a convention, in the 50-70% range
clinicians use to set isometric doses from a test (Rio 2015 used 70% of a maximal
contraction)."""

SHORTEST_HOLD_S = 10
"""The shortest hold worth a set of its own (Otago's balance holds start at 10 s; a
convention). A hands-free hold whose tested cap is shorter is left out, so the
supported version takes its place; a supported hold (a hand on a counter) is more
than the hands-free test measured, so it keeps this many seconds when 70% of the test
is less."""

WALKING_TAG = "walking_balance"
"""The tag of balance work done walking (a tandem walk along a counter), dosed in steps
by the stability rule, whose holds it does not have: it gains steps a week instead of
seconds (only these walks: the rule's other work done in reps keeps its doses)."""

HANDS_FREE_TAG = "unsupported_balance"
"""The tag of standing balance work done without holding a support: the work a
balance test measures directly, so its cap is never raised to :data:`SHORTEST_HOLD_S`."""


def _tested(
    exercise: Exercise,
    results: Mapping[str, Any],
    tests: Mapping[str, ObjectiveTest],
    kind: str,
) -> Iterator[tuple[str, float]]:
    """Each test of ``kind`` that measures ``exercise``'s family (its holds for a
    ``seconds`` test, its reps for a ``count`` one), with the worse side's result."""
    for test_id, result in sorted(results.items()):
        test = tests.get(test_id)
        if test is None or test.kind != kind:
            continue
        if exercise.family not in (test.holds if kind == "seconds" else test.reps):
            continue
        values = [result.left, result.right] if hasattr(result, "left") else [result]
        numbers = [float(v) for v in values if isinstance(v, int | float) and v is not True]
        if numbers:
            yield test_id, min(numbers)


def _tested_hold(
    exercise: Exercise, results: Mapping[str, Any], tests: Mapping[str, ObjectiveTest]
) -> tuple[int, str] | None:
    """70% of the worse side's result (:data:`TESTED_HOLD_SHARE`) of the tests that
    measure ``exercise``'s holds, the least of them, and its test."""
    if not exercise.is_hold:
        return None
    best: tuple[int, str] | None = None
    for test_id, worse in _tested(exercise, results, tests, "seconds"):
        num, den = TESTED_HOLD_SHARE
        limit = int(worse * num // den)
        if best is None or limit < best[0]:
            best = (limit, test_id)
    return best


def supported_balance(exercise: Exercise) -> bool:
    """True for standing balance held with a hand on a support: a standing hold without
    :data:`HANDS_FREE_TAG` (the catalogue's hands-free standing holds carry it), more
    than a hands-free balance test of its family measured."""
    return exercise.is_hold and exercise.position == "standing" and not _hands_free(exercise)


def _hands_free(exercise: Exercise) -> bool:
    return HANDS_FREE_TAG in exercise.tags


def tested_hold_limit(
    exercise: Exercise, results: Mapping[str, Any], tests: Mapping[str, ObjectiveTest]
) -> tuple[int, str] | None:
    """The longest hold ``exercise`` may be given from the person's test ``results``,
    and the test it comes from; None when no test measures its holds, and for
    supported balance (:func:`supported_balance`), which a test of the hands-free hold
    starts rather than caps (:func:`tested_hold_start`).

    70% of the worse side's result (:data:`TESTED_HOLD_SHARE`); for a hands-free hold
    the 70% however short (see :func:`too_short_to_hold`), for any other never under
    :data:`SHORTEST_HOLD_S`."""
    if supported_balance(exercise):
        return None
    found = _tested_hold(exercise, results, tests)
    if found is None or _hands_free(exercise):
        return found
    return max(SHORTEST_HOLD_S, found[0]), found[1]


def tested_hold_start(
    exercise: Exercise, results: Mapping[str, Any], tests: Mapping[str, ObjectiveTest]
) -> int | None:
    """The hold supported balance (:func:`supported_balance`: a hand on a counter)
    starts at from the person's hands-free test ``results``: 70% of the worse side's,
    never under :data:`SHORTEST_HOLD_S`; None for other holds or when no test measures
    it.

    The support carries what the test found missing, so the hold is not capped by it:
    it starts where the test puts it (when that is shorter than its rule's start) and
    lengthens by its rule, as Otago's supported holds lengthen before the support is
    let go (a convention)."""
    if not supported_balance(exercise):
        return None
    found = _tested_hold(exercise, results, tests)
    return None if found is None else max(SHORTEST_HOLD_S, found[0])


def too_short_to_hold(
    exercise: Exercise, results: Mapping[str, Any], tests: Mapping[str, ObjectiveTest]
) -> tuple[int, str] | None:
    """The tested cap and its test when it leaves ``exercise`` a hold shorter than
    :data:`SHORTEST_HOLD_S` (a hands-free hold the person cannot yet keep for long
    enough): the exercise is left out, the supported version or none in its place.
    None when the exercise may be given."""
    found = tested_hold_limit(exercise, results, tests)
    if found is not None and found[0] < SHORTEST_HOLD_S:
        return found
    return None


TESTED_REPS_SHORT = 2
"""A set stops this many reps short of the count a test made of the same movement (the
30-second chair stand for sit to stands), so every set can be done with good form: a
convention. The test is done as fast as possible, arms crossed, so its count is about
as many as the legs manage in one go; two short, with the hands free to push, leaves
reps in reserve."""

FEWEST_TESTED_REPS = 3
"""The fewest reps a tested limit leaves a set (a convention): with the hands pushing on
the armrests, a person who can stand up from a chair at all can do this many."""


TESTED_REPS_WEEKLY = 1
"""The reps a tested limit grows by with each program week after the first (a
convention): the count is the legs' strength before training, and a limit that never
moved held a 74-year-old with 8 chair stands at 6 reps a set for 12 weeks, under the 8-12
of strength training for older adults (Chodzko-Zajko 2009). The dose rule's own
progression still sets the reps within it."""


def tested_rep_limit(
    exercise: Exercise,
    results: Mapping[str, Any],
    tests: Mapping[str, ObjectiveTest],
    week: int = 1,
) -> tuple[int, str] | None:
    """The most reps a set of ``exercise`` may have in program week ``week`` from the
    person's test ``results``, and the test it comes from; None when no test counts its
    reps.

    The count less :data:`TESTED_REPS_SHORT`, never under :data:`FEWEST_TESTED_REPS`,
    plus :data:`TESTED_REPS_WEEKLY` for each week after the first, and a number a person
    is told (:func:`told_reps`: 13 becomes 12). None for a lift with a weight: the tests
    count rises with no weight, and a weight's reps are set by the load they name (a
    limit growing by the week would raise them at the same reserve, a lighter weight)."""
    if exercise.is_hold or exercise.load_type == "external":
        return None
    best: tuple[int, str] | None = None
    grown = TESTED_REPS_WEEKLY * max(0, week - 1)
    for test_id, worse in _tested(exercise, results, tests, "count"):
        limit = max(FEWEST_TESTED_REPS, int(worse) - TESTED_REPS_SHORT) + grown
        while told_reps(limit) != limit:
            limit -= 1
        if best is None or limit < best[0]:
            best = (limit, test_id)
    return best


def with_tested_limits(
    cap: Cap,
    exercise: Exercise,
    results: Mapping[str, Any],
    tests: Mapping[str, ObjectiveTest],
    week: int = 1,
) -> Cap:
    """``cap``, with ``exercise``'s holds and reps in program week ``week`` kept within
    what the person's tests showed."""
    found = tested_hold_limit(exercise, results, tests)
    if found is not None:
        limit = found[0] if cap.max_hold_s is None else min(cap.max_hold_s, found[0])
        cap = attrs.evolve(cap, max_hold_s=limit)
    counted = tested_rep_limit(exercise, results, tests, week)
    if counted is not None:
        most = counted[0] if cap.max_reps is None else min(cap.max_reps, counted[0])
        cap = attrs.evolve(cap, max_reps=most)
    return cap


def _capped(value: int, cap: int | None) -> int:
    return value if cap is None else min(value, cap)


def effort_of(exercise: Exercise, rule: DoseRule, cap: Cap, *, deload: bool) -> Effort:
    """The effort of a dose: the rule's (or the exercise's own), lowered by a deload and
    limited by the safety caps."""
    rpe = exercise.effort or rule.effort
    rm = rule.rm if exercise.load_type == "external" else None
    rir = rule.rir
    if cap.max_rpe is not None and rpe is not None:
        top = int(cap.max_rpe)
        rpe = (min(rpe[0], top), min(rpe[1], top))
    if deload and rpe is not None:
        # Rogerson 2024: a deload lowers effort (more reps in reserve). Lowered from the
        # capped effort, so a cap that flattens the loading weeks still leaves the deload
        # easier than they are, as its words say.
        rpe = (max(1, rpe[0] - 2), max(1, rpe[1] - 2))
        rir = (rir[0] + 2, rir[1] + 2) if rir else None
    if rpe is not None and rir is not None:
        # Reps in reserve follow the effort (RIR-based RPE, Zourdos 2016: RPE 8 is about
        # 2 in reserve), so a capped effort never keeps a near-failure label.
        rir = (max(rir[0], 10 - rpe[1]), max(rir[1], 10 - rpe[0]))
    min_rm = cap.min_rm
    if cap.max_rpe is not None and cap.max_rpe <= 7:
        # A moderate effort is a moderate load too: 8-12 repetitions (ACSM 2009).
        min_rm = max(min_rm or 0, 8)
    if rm is not None and min_rm is not None and rm[0] < min_rm:
        rm = (min_rm, max(rm[1], min_rm + 4))
    if cap.no_rm:
        rm, rir = None, None
    return Effort(rpe=rpe, rm=rm, rir=rir)


def _span(pair: tuple[int, int]) -> str:
    return f"{pair[0]}" if pair[0] == pair[1] else f"{pair[0]}-{pair[1]}"


def working_rm(reps: int, rir: tuple[int, int]) -> tuple[int, int]:
    """The repetition maximum of the load that leaves ``rir`` reps in reserve after
    ``reps``: reps plus reps in reserve (the RIR scale, Zourdos 2016), so 8 reps with 3
    in reserve take a load you could lift about 11 times. An 8RM load lifted 8 times
    is a set to failure, whatever the reps in reserve say."""
    return (reps + rir[0], reps + rir[1])


def at_reps(effort: Effort, reps: int | None) -> Effort:
    """``effort`` for a dose of ``reps``: a repetition maximum becomes the working load
    those reps and the reps in reserve make (:func:`working_rm`). Unchanged without a
    repetition maximum, reps or reps in reserve."""
    if effort.rm is None or effort.rir is None or reps is None:
        return effort
    return attrs.evolve(effort, rm=working_rm(reps, effort.rir))


def fewest_reps(effort: Effort) -> int:
    """The fewest reps at ``effort`` whose working load is no heavier than the heaviest
    it allows (its lowest repetition maximum, a cap's ``min_rm`` included): fewer reps
    with the same reps in reserve would need a heavier load."""
    if effort.rm is None:
        return 0
    return effort.rm[0] - (effort.rir[0] if effort.rir is not None else 0)


def effort_words(effort: Effort, cap: Cap) -> str:
    """The effort in plain words, e.g. ``8-12RM, 2 reps in reserve (effort 7-8/10)``."""
    parts: list[str] = []
    if effort.rm is not None:
        parts.append(f"{_span(effort.rm)}RM")
    if effort.rir is not None:
        parts.append(f"{_span(effort.rir)} reps in reserve")
    text = ", ".join(parts)
    if cap.no_rm and effort.rpe is not None:
        # The talk test's words follow the numbers: an easy week is not "moderate".
        word = "moderate" if effort.rpe[1] >= 5 else "easy"
        feel = f"{word} effort: {TALK_TEST} (effort {_span(effort.rpe)}/10)"
        return f"{text}; {feel}" if text else feel
    if effort.rpe is not None:
        text = (
            f"{text} (effort {_span(effort.rpe)}/10)" if text else f"effort {_span(effort.rpe)}/10"
        )
    return text


def _weeks_at_the_top(step: int, moved: int, rule_step: int) -> int:
    """Of the ``step`` loading weeks before this one, those the dose spent at the end of
    its range: the weeks its reps, hold or load did not move (it moved ``moved`` in all,
    ``rule_step`` a week)."""
    return step - -(-moved // rule_step)


def week_dose(
    exercise: Exercise,
    rule: DoseRule,
    step: int,
    cap: Cap,
    *,
    deload_after: Dose | None = None,
    extra_sets: int = 0,
    carried: Dose | None = None,
    told: bool = False,
    first_hold: int | None = None,
) -> Dose:
    """The dose of ``exercise`` in the ``step``-th loading week of its block (0-based).

    With ``deload_after`` (the dose of the week before), the week is a deload: the
    block's first-week reps or hold, sets cut by the rule's ``deload_factor`` but
    always fewer than the week before (never below one), and an easier effort.
    ``extra_sets`` adds sets done on one side only (extra work for a weaker side) to
    the time. ``carried`` is the exercise's dose in the last loading week of the block
    before, when it was done there: see :func:`keeps_reps` (a hold keeps its seconds so
    too). ``first_hold`` starts a hold shorter than its rule's start (see
    :func:`tested_hold_start`). Reps or a hold at the top of the rule's range (or held
    there by a cap) add a set each further week instead, up to the rule's
    ``max_sets``: the dose keeps rising within its block. With baseline pain already
    amber, the planner adds to the load words of a week that asks more than the one
    before that it is taken only after green sessions
    (:func:`~.amber_gate.green_gated`). With ``told``, reps and holds are rounded to
    what a person is told (:func:`told_reps`, :func:`told_hold`); without it (a dose
    rebuilt from what a person logged) they are kept as given.
    """
    sets = rule.sets
    reps: int | None = None
    hold: int | None = None
    if exercise.is_hold:
        hold = rule.hold_s if rule.hold_s is not None else exercise.hold_s
        assert hold is not None
        if first_hold is not None:
            hold = min(hold, first_hold)
    else:
        reps = (rule.reps or FALLBACK_REPS)[0]
    deload = deload_after is not None
    effort = effort_of(exercise, rule, cap, deload=deload)
    if reps is not None and cap.no_rm and rule.rm is not None and exercise.load_type == "external":
        # Effort by feel instead of a heavy load: a moderate weight for more reps, which
        # also keeps people from holding their breath (Mottola 2018, ACOG 2020).
        reps = max(reps, MODERATE_REPS)
    if reps is not None and effort.rm is not None:
        # A lighter load (a higher repetition maximum) takes more reps, short of failure:
        # reps plus reps in reserve make the repetition maximum.
        reps = max(reps, fewest_reps(effort))
    # A deload keeps its block's first-week reps, so it takes the loading weeks' floor.
    floor = (
        None
        if carried is None
        else keeps_reps(
            exercise.load_type,
            carried.reps,
            carried.effort,
            effort_of(exercise, rule, cap, deload=False) if deload else effort,
        )
    )
    if reps is not None and floor is not None:
        reps = max(reps, floor)
    if hold is not None and carried is not None:
        # A hold cannot get heavier either: it keeps the seconds it reached, so the next
        # block does not start back at the rule's first hold.
        kept = keeps_reps(
            exercise.load_type,
            carried.hold_s,
            carried.effort,
            effort_of(exercise, rule, cap, deload=False) if deload else effort,
        )
        hold = hold if kept is None else max(hold, kept)
    start = reps if reps is not None else hold
    progression = rule.progression
    by_feel = progression == "load" and exercise.load_type == "external" and cap.no_rm
    if progression == "load" and (exercise.load_type != "external" or by_feel):
        # Bodyweight and band work cannot get heavier by percent: it gains reps, then the
        # next rung of its ladder. Nor can a weight held at a moderate one by a cap
        # (effort by feel, as in pregnancy): it gains reps, then sets.
        progression = "reps"
    if progression == "hold" and hold is None and WALKING_TAG in exercise.tags:
        # A walk dosed by the stability rule, which lengthens holds: more steps instead,
        # or it would stay flat for the whole program.
        progression = "reps"
    if progression == "reps" and exercise.load_type == "external" and effort.rm is not None:
        # A weight named by its repetition maximum is reps plus reps in reserve
        # (working_rm): reps that rose at the same reserve would name a lighter weight
        # each week. It climbs by its load instead (see :func:`lighter_load`).
        progression = "load"
    top = rule.reps[1] if rule.reps is not None else FALLBACK_REPS[1]
    if effort.rm is not None:
        top = max(top, effort.rm[1])
    if by_feel:
        top = max(top, MODERATE_TOP_REPS)
    if progression == "load" and reps is not None and effort.rm is not None:
        # Heavier by weeks (Kongsgaard 2009: 15RM, 12, 10, 8 to 6RM; ACSM 2009): the
        # reps fall from the top of the rule's range by its step a loading week, at the
        # same reps in reserve, so the weight they name rises towards the heaviest the
        # rule and the caps allow. A new block carries on from where the last stopped;
        # a deload keeps its block's first-week reps.
        heaviest = reps
        begin = max(heaviest, top if rule.reps is None else rule.reps[1])
        if carried is not None and carried.reps is not None:
            begin = max(heaviest, min(begin, carried.reps))
        if (
            not deload
            and carried is not None
            and carried.effort is not None
            and carried.effort.rm is not None
            and effort.rir is not None
        ):
            # Nor lighter than the weight the last block ended on (lighter_load), when a
            # new phase asks a smaller reserve: fewer reps at that weight, within the caps.
            lightest = max(heaviest, carried.effort.rm[0] - effort.rir[0])
            begin = min(begin, lightest)
        reps = begin if deload else max(heaviest, begin - step * rule.step)
        start = begin
        if (
            not deload
            and step > 0
            and rule.step > 0
            and rule.max_sets is not None
            and rule.phase == "strength"
        ):
            # A load at the heaviest the rule and the caps allow rises no more: in the
            # strength phase the next week adds a set, within the rule's most (ACSM 2009
            # progresses volume as well as load). A novice's lifts otherwise stood at
            # 2 x 8 for five loading weeks. One set only, and not in the power weeks,
            # whose fast work is added beside the lifts: a convention, as more crowded
            # the rules' other work out of short sessions.
            spare = _weeks_at_the_top(step, begin - reps, rule.step)
            if spare > 0:
                sets = min(sets + 1, max(sets, rule.max_sets))
    if not deload and step > 0:
        if progression == "reps" and reps is not None:
            reps = max(reps, min(reps + step * rule.step, top))
        elif progression == "hold" and hold is not None:
            ceiling = rule.max_hold_s if rule.max_hold_s is not None else hold
            hold = min(hold + step * rule.step, max(hold, ceiling))
        elif progression == "sets":
            ceiling = rule.max_sets if rule.max_sets is not None else sets
            sets = min(sets + step, max(sets, ceiling))
    if hold is not None:
        hold = _capped(hold, cap.max_hold_s)
    if reps is not None and cap.max_reps is not None:
        # A cap (the tested chair stands) wins over the rule's reps and last block's.
        reps = min(reps, cap.max_reps)
        top = min(max(top, floor or 0), cap.max_reps)
        floor = None
    rises = (progression == "reps" and reps is not None) or (
        progression == "hold" and hold is not None
    )
    if not deload and step > 0 and rises and rule.step > 0:
        # Reps or a hold that reached the top of the range (or a cap) rise no more: the
        # weeks left add a set each, up to the rule's most (ACSM 2009 progresses volume
        # as well as load), so a block whose reps start at the top is not flat.
        now = reps if reps is not None else hold
        rose = 0 if start is None or now is None else max(0, now - start)
        spare = _weeks_at_the_top(step, rose, rule.step)
        if spare > 0 and rule.max_sets is not None:
            sets = min(sets + spare, max(sets, rule.max_sets))
    sets = _capped(sets, cap.max_sets)
    if told:
        reps = None if reps is None else told_reps(reps, max(top, floor or 0))
        hold = None if hold is None else told_hold(hold, cap.max_hold_s)
    if deload_after is not None:
        before = deload_after.sets
        sets = max(1, min(before - 1, math.floor(before * rule.deload_factor + 0.5)))
    effort, load = worded(exercise, rule, cap, reps, step=step, deload=deload)
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
        effort=effort,
        extra_sets=extra_sets,
    )


TOLD_HOLD_STEP_S = 5
"""Holds of 10 s or more are told in steps of this many seconds ("3 x 20 s", not 21)."""


def told_reps(reps: int, top: int | None = None) -> int:
    """``reps`` as a person would be told them: up to six as they are; above, the next
    even number or multiple of five up (9 -> 10, 13 -> 14, 15 stays), unless that
    passes ``top`` (the most the dose may have), then the one below. Never lower for
    more reps, so a rising progression keeps rising or holds."""
    if reps <= 6:
        return reps

    def told(n: int) -> bool:
        return n % 2 == 0 or n % 5 == 0

    up = next(n for n in range(reps, reps + 3) if told(n))
    if top is None or up <= top:
        return up
    return next((n for n in range(reps, 6, -1) if told(n)), reps)


def told_hold(seconds: int, most: int | None = None) -> int:
    """A hold as a person would be told it: under 10 s as it is; from 10 s, to the
    nearest :data:`TOLD_HOLD_STEP_S` seconds, down when the nearest passes ``most`` (a
    cap the hold must stay within)."""
    if seconds < 10:
        return seconds
    step = TOLD_HOLD_STEP_S
    near = (seconds + step // 2) // step * step
    if most is not None and near > most:
        near = seconds // step * step
    return near


def keeps_reps(
    load_type: str, before_reps: int | None, before_effort: Effort | None, effort: Effort
) -> int | None:
    """The fewest reps a dose at ``effort`` may have after ``before_reps`` at
    ``before_effort`` (the same exercise's last loading week), or None for no floor:
    the one statement of the rule, for the planner and the verifier.

    Work whose load cannot rise (bodyweight and band work; only external loads get
    heavier) cannot get harder with fewer reps, so while the effort asked does not
    fall the reps do not fall either: 8 bodyweight reps are not harder than the 16 done
    the week before, nor as hard. (A deload, with its easier effort, may have fewer.)
    An external load worded by feel, with no repetition maximum (a cap keeping the
    weight moderate, as in pregnancy), is not made heavier either, so it keeps its
    reps too.
    """
    if before_reps is None or before_effort is None:
        return None
    if load_type == "external" and (effort.rm is not None or before_effort.rm is not None):
        return None
    if effort.rpe is None or before_effort.rpe is None or effort.rpe[1] < before_effort.rpe[1]:
        return None
    return before_reps


def lighter_load(before: Effort, effort: Effort, reps: int | None = None) -> bool:
    """True when ``effort`` (for ``reps``) names a lighter weight than ``before``, both
    by repetition maximum: the one statement, for the planner's tests and the verifier,
    that a lift's load climbs or holds from one loading week to the next (Kongsgaard
    2009; ACSM 2009). Only a deload may lighten it, and a weight worded by feel (no
    repetition maximum) is not judged.

    The heaviest weight a range names is its lowest repetition maximum: a wider
    reserve (1-2 reps, after 2) widens the range upwards without asking for a lighter
    weight. One repetition maximum more is no lighter a load when the rep below
    ``reps`` is not a number a person is told (:func:`told_reps`: 8 reps, not 7, at a
    weight a cap keeps at 8RM or lighter)."""
    if before.rm is None or effort.rm is None or effort.rm[0] <= before.rm[0]:
        return False
    rounded = reps is not None and reps - 1 > 0 and told_reps(reps - 1) != reps - 1
    return effort.rm[0] > before.rm[0] + (1 if rounded else 0)


def worded(
    exercise: Exercise,
    rule: DoseRule,
    cap: Cap,
    reps: int | None,
    *,
    step: int,
    deload: bool,
) -> tuple[Effort, str]:
    """The effort and the load words of a dose of ``reps`` (None for a hold) in the
    ``step``-th loading week of its block, or a deload: the one statement of both, for
    the planner (:func:`week_dose`) and the verifier, so a load's words and its
    repetition maximum always name the load the reps and reps in reserve make."""
    effort = at_reps(effort_of(exercise, rule, cap, deload=deload), reps)
    return effort, load_text(exercise, rule, step, deload, cap, effort)


WEIGHT_WORDS = "A weight you could lift about"
"""How a load by repetition maximum starts in words (:func:`weight_words`)."""


def weight_words(rm: tuple[int, int]) -> str:
    """A working load in words: ``A weight you could lift about 11 times``."""
    times = f"{rm[0]}" if rm[0] == rm[1] else f"{rm[0]} to {rm[1]}"
    return f"{WEIGHT_WORDS} {times} times"


def load_text(
    exercise: Exercise, rule: DoseRule, step: int, deload: bool, cap: Cap, effort: Effort
) -> str:
    """What to use and how hard, in words: for a load by repetition maximum, the weight
    ``effort`` names (:func:`weight_words`: the working load of the dose's reps, see
    :func:`worded`) and then the rule's note; otherwise the rule's note (or, when a
    safety cap asks for effort by feel, words for a moderate weight); the effort; and
    (for an external load in a later week of a load-progressing rule) how to add load."""
    effort_text = effort_words(effort, cap)
    if deload:
        # Only what a deload does: fewer sets, easier, same exercise.
        parts = ["Deload: fewer sets than last week and an easier effort", effort_text]
        return "; ".join(p for p in parts if p)
    # The exercise's own words on how its reps are done win over the rule's.
    words = exercise.load_words or rule.load
    if exercise.load_type == "external" and rule.rm is not None:
        if cap.no_rm:
            words = f"A moderate weight, one you could lift {MODERATE_REPS + 5} times or more"
        elif effort.rm is not None:
            words = ", ".join(w for w in (weight_words(effort.rm), words) if w)
    parts = [words, effort_text]
    if (
        rule.progression == "load"
        and exercise.load_type == "external"
        and step > 0
        and not cap.no_rm
    ):
        # ACSM 2009: +2-10% once the target is beaten by 1-2 reps.
        parts.append("add 2-10% load once every set is done with reps to spare beyond those asked")
    return "; ".join(p for p in parts if p)
