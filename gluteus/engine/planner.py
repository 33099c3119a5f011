"""The planner: from a screened profile and the plugins' content to a :class:`Program`.

Three stages:

1. **Skeleton** (:mod:`.skeleton`): phases, blocks and deloads, by arithmetic.
2. **Selection and scheduling**: for each block, in order, a CP-SAT model chooses
   which exercises go into which session of the block's week; the week repeats
   through the block and the block is fixed before the next is solved. One worker,
   a fixed seed, a deterministic time budget and a model built in sorted order make
   the same input give the same program on any machine.
3. **Dosing** (:mod:`.dosing`): sets, reps or holds, rest, tempo, effort and load per
   week from the plugins' rules, rising through a block and cut in its deload.

Each block is planned under the safety rules of all its weeks together
(:meth:`ProgramSafety.over`): a pregnancy that reaches its third trimester in a
block's last week gets that trimester's rules for the whole block. What a block must
hold is one list of demands (:mod:`.demands`): each trained issue every week, the
weekly and per-session work the rules ask for, the engine's conventions (one variant
of a movement per session, a short activation block, holds not taking over a
session, strength work in the strength phase, power work in the power phase), tag
limits, and each issue's weekly hard sets (its need, not the minutes). The verifier
checks the same list on the finished program.

Hard constraints are enforced by construction (equipment, exclusions, avoided
exercises, the phase's level window) or by the model (session time; at most one
exercise of a family per session; the activation block's size; the share of holds;
activation before loaded work; sessions opening with activation where a rule says
so; coverage; tag limits; each issue's weekly cap; no identical loaded exercise on
consecutive days). Issues found by screening are trained when they fit, the most
severe first; one that does not fit is left out and named in the warnings. Issues in
the profile's ``focus`` must fit: when they cannot, :class:`~gluteus.Infeasible`
says which constraints conflict, from plain Python pre-checks or from the solver's
own infeasible core (assumption literals).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

from .amber_gate import green_gated
from .demands import (
    CAPPED_ROLES,
    FILL_PHASES,
    FILL_ROLES,
    FILL_SHARE,
    HARD_ROLES,
    ISOMETRIC_SHARE,
    LOADED_LIFT,
    MAX_ACTIVATION_DRILLS,
    MAX_ACTIVATION_TENTHS,
    MAX_EXERCISES,
    SPARE_FACTOR,
    Coverage,
    Demands,
    FloorKey,
    Group,
    RungKey,
    Training,
    asks_for,
    demands_for,
    floor_key,
    gets_extra,
    loaded_lifts_kept,
    loaded_lifts_progressed,
    meets_alone,
    needs_warm_up,
    relevant,
    rung_key,
    taught_by,
    training,
    waits_for_drill,
)
from .dosing import (
    Dose,
    NoDoseRule,
    choose_rule,
    tested_hold_start,
    too_short_to_hold,
    week_dose,
    with_tested_limits,
)
from .errors import GluteusError, Infeasible
from .model import DAYS, PHASES, DoseRule, Exercise, Finding, Requirement
from .program import (
    HELD,
    LACKS,
    Extra,
    Phase,
    Prescription,
    Program,
    Session,
    WarningDetail,
    Week,
    allowed_cues,
    engine_info,
    engine_warning,
    issue_info,
)
from .safety import ProgramSafety, Restrictions
from .skeleton import (
    PHASE_NAMES,
    Block,
    Skeleton,
    phase_goal,
    phase_note,
    skeleton_for,
)
from .traffic_light import amber_baseline

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from .context import Context
    from .person import PersonModel
    from .profile import Profile
    from .registry import Registry

# --- Tunables, each with its reason ---------------------------------------------------

LEVEL_WINDOW: dict[str, dict[str, int]] = {
    "activation": {"novice": 2, "intermediate": 3, "advanced": 3},
    "strength": {"novice": 3, "intermediate": 4, "advanced": 5},
    "power": {"novice": 4, "intermediate": 5, "advanced": 5},
}
"""Highest exercise level (the ladder rung) allowed per phase and experience: the
ladders are climbed as the phases advance."""

PHASE_ROLES: dict[str, frozenset[str]] = {
    "activation": frozenset(
        {"activation", "isometric", "stability", "mobility", "strength", "eccentric"}
    ),
    "strength": frozenset(
        {"activation", "isometric", "stability", "mobility", "strength", "eccentric"}
    ),
    "power": frozenset(
        {"activation", "isometric", "stability", "mobility", "strength", "eccentric", "power"}
    ),
}
"""Power work waits for the power phase (entered after the strength weeks, once the
criteria gate is passed)."""

BUDGET_BASE = 0.025
BUDGET_PER_CHOICE = 0.0003
"""Deterministic time limit per block: a base plus a little per (session, exercise)
choice, in CP-SAT's own work units rather than wall-clock seconds, so a busy machine
gives the same plan. The search stops well before it once its plan is proven within
:data:`STOP_GAP` of the best; the limit is wide enough that it nearly always does
(measured over the plan-quality report's profiles: every block, where a fifth of
this limit left one search in fifteen to start again with a longer one, each time
from nothing)."""

BUDGET_RETRIES = 4
"""When a budget ends before any plan is found, it is tripled, at most this often."""

PROBE_BUDGET_FACTOR = 10
"""When a plan leaves a trained issue, an optional demand or a floor's sets out and
the bound says more might fit, the search asks what fits with this many times the
budget (see :func:`_more_of_what_is_wanted`) before it is reported left out: most
plans include everything at the first budget, and what is left out must be a fact
of the person's time and rules, not of a short search (measured on the bundled
profiles)."""

MAX_RETRY_BUDGET = 2.0
"""The most deterministic time a retry gets (about two seconds of one core): past it,
seven long sessions a week with many rules took minutes per block and found no better
plan (measured on generated profiles)."""

ROLE_ORDER: dict[str, int] = {
    "activation": 0,
    "power": 1,
    "strength": 2,
    "eccentric": 3,
    "isometric": 4,
    "stability": 5,
    "mobility": 6,
}
"""Order inside a session after the warm-up drills: fast and heavy work while fresh,
holds and control work after it."""

# Objective weights. Including an issue dominates everything else; then each issue's
# weekly hard sets up to its target, by its priority; then, in the activation weeks, a
# session's time spent on glute work, up to its share (demands.FILL_SHARE); then
# quality terms. Past that, spare minutes go to the most severe issue, up to its cap,
# or stay free.
W_INCLUDE = 10_000_000
W_VOLUME = 4_000
W_SPARE = 300
W_CLUTTER = 900
W_ACTIVATION = 20
W_PREFER = 6_000
W_REUSE = 1_500
W_NEXT_RUNG = 2_500
W_LEVEL = 300
W_WEAKER = 1_000
W_REPEAT = 700
W_NOISE = 250
W_OPTIONAL = 2_000_000
W_FLOOR = 200_000
W_SPREAD = 80
W_FILL = 300
"""Per tenth of a minute of a session's glute work in the activation weeks, up to its
share (demands.FILL_SHARE): a minute of it (3,000) weighs less than one set an issue
needs (4,000 or more) and far more than the clutter of one more exercise. Measured
over the bundled and review profiles: at 100 the search stopped short of the share
more often (the tenth-percentile first-block session used 27% of its minutes, 33% at
300, 22% with no fill)."""
W_FILL_LEVEL = 3_000
"""Per level of an exercise filling the activation weeks (see :class:`_Values`): one
level up is worth a minute of fill, so a step-up beats abduction held at a chair that
takes a minute longer."""

STOP_GAP = W_FLOOR // 4
"""The search stops once its plan is proven within this of the best possible plan.
It is a quarter of what one issue's floor is worth (and far less than leaving an
issue or a convention out), so a plan is never accepted with an issue under its
floor or left out for want of search; what the rest of the search could still gain
is a few sets or preferences. Measured over the plan-quality report's profiles: half
the solver's work, with the same floors, coverage and warnings."""


# --- The plan: what every block shares ----------------------------------------------


@frozen
class Plan:
    """Everything the per-block models share for one profile."""

    profile: Profile
    findings: tuple[Finding, ...]
    safety: ProgramSafety
    person: PersonModel | None
    skeleton: Skeleton
    who: Training  # the issues trained, their priorities, focus and the weaker side
    next_rungs: Mapping[str, tuple[str, ...]]  # exercise -> the rungs above it on its ladders
    rungs: Mapping[str, tuple[str, int]]  # exercise -> its ladder and rung (see _rungs)
    available: frozenset[str]  # equipment the person can use
    # (exercise id, phase) -> its dose rule, or None: asked of every exercise in every
    # block, the same each time for one profile.
    rules: dict[tuple[str, str], DoseRule | None] = field(factory=dict, eq=False, repr=False)

    def rule_for(self, ex: Exercise, phase: str, ctx: Context) -> DoseRule | None:
        """The dose rule for ``ex`` in ``phase`` (see :func:`choose_rule`), or None."""
        key = (ex.id, phase)
        if key not in self.rules:
            try:
                self.rules[key] = choose_rule(
                    ex,
                    phase,
                    self.profile.experience,
                    _dose_rules(ctx.registry).get((ex.role, phase), ()),
                    self.trained,
                )
            except NoDoseRule:
                self.rules[key] = None
        return self.rules[key]

    @property
    def trained(self) -> tuple[str, ...]:
        """Issues to train (found or focus), most severe first."""
        return self.who.trained

    @property
    def priority(self) -> Mapping[str, int]:
        return self.who.priority

    @property
    def focus(self) -> frozenset[str]:
        return self.who.focus


def _dose_rules(registry: Registry) -> Mapping[tuple[str, str], tuple[DoseRule, ...]]:
    """The registry's dose rules by role and phase, in registry order: the only ones
    :func:`choose_rule` can pick for an exercise of that role in that phase (it
    scanned all of them for each exercise and phase: about 20,000 checks, 1 to 1.5 ms
    of a 12-week plan). Built once per registry."""

    def build() -> Mapping[tuple[str, str], tuple[DoseRule, ...]]:
        out: dict[tuple[str, str], list[DoseRule]] = {}
        for rule in registry.dosing:
            out.setdefault((rule.role, rule.phase), []).append(rule)
        return MappingProxyType({k: tuple(v) for k, v in out.items()})

    return registry.cached(("dose rules", "by role and phase"), build)


def _make_plan(
    profile: Profile,
    findings: Sequence[Finding],
    safety: ProgramSafety,
    person: PersonModel | None,
    ctx: Context,
) -> Plan:
    who = training(findings)
    skeleton = skeleton_for(profile, who, safety, person)
    return Plan(
        profile=profile,
        findings=tuple(findings),
        safety=safety,
        person=person,
        skeleton=skeleton,
        who=who,
        next_rungs=_ladder_next(ctx),
        rungs=_rungs(trained_issues=who.trained, ctx=ctx),
        available=ctx.registry.available(profile.equipment),
    )


# --- One block: its rules, exercises and demands --------------------------------------


@frozen
class Option:
    """A candidate exercise in one block, with its dose for every week of the block."""

    exercise: Exercise
    doses: Mapping[int, Dose]  # week number -> dose
    extra: Extra | None  # extra sets for the weaker side
    tenths: int  # the most time it takes in any week of the block, in tenths of a minute
    first_sets: int  # its sets in the block's first week (the fewest of its loading weeks)
    most_sets: int  # its sets in the block's fullest week
    heavy: bool = False  # dosed heavy in some week of the block (limits on heavy work)
    # Its sets in the block's fullest week with the weaker side's extra sets: what a
    # tag limit counts (a cap on sets of some work is on the sets actually done).
    most_done: int = 0

    @classmethod
    def of(
        cls, exercise: Exercise, doses: Mapping[int, Dose], extra: Extra | None, first_week: int
    ) -> Option:
        """The option, with the figures every model of its block reads computed once."""
        return cls(
            exercise=exercise,
            doses=doses,
            extra=extra,
            tenths=max(d.tenths for d in doses.values()),
            first_sets=doses[first_week].sets,
            most_sets=max(d.sets for d in doses.values()),
            heavy=any(d.effort.heavy for d in doses.values()),
            most_done=max(d.sets + d.extra_sets for d in doses.values()),
        )


@frozen
class BlockPlan:
    """One block: the rules of all its weeks, what may be used and what must be there."""

    block: Block
    restrictions: Restrictions
    demands: Demands
    usable: tuple[Exercise, ...]  # allowed, with the equipment, dosable in this phase
    options: Mapping[str, Option]
    partners: Mapping[str, tuple[tuple[str, ...], ...]]  # loaded id -> drills per requirement
    dropped: tuple[Coverage, ...]  # optional demands no usable exercise meets
    # loaded id -> per drill_first requirement not yet met, the drills that may precede it
    gates: Mapping[str, tuple[tuple[str, ...], ...]] = field(factory=dict)
    teaches: frozenset[str] = frozenset()  # drills of drill_first requirements not yet met
    loaded: frozenset[str] = frozenset()  # lifts (ids) done with a weight in the blocks before
    # Per group, the options that fit it (see :meth:`fitting`); a block plan is made
    # and used within one planning call.
    _fitting: dict[Group, frozenset[str]] = field(factory=dict, init=False, eq=False, repr=False)

    def fitting(self, group: Group) -> frozenset[str]:
        """The ids of :attr:`options` whose exercise fits ``group``: asked for every
        candidate by :func:`_kept` and again by each model built for the block, so
        worked out once (the models' own asking was about 4,600 calls of
        :meth:`Group.fits` and 1.5 ms of a 12-week plan)."""
        found = self._fitting.get(group)
        if found is None:
            found = frozenset(e for e, o in self.options.items() if group.fits(o.exercise))
            self._fitting[group] = found
        return found


def _partner_map(
    exercises: Sequence[Exercise], before_loaded: Sequence[tuple[Requirement, str | None]]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each loaded or fast exercise (:func:`needs_warm_up`), per before-loaded
    requirement, the drills that may prepare it: unloaded, of the required roles,
    sharing a target."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for ex in exercises:
        if not needs_warm_up(ex):
            continue
        per_req: list[tuple[str, ...]] = []
        for req, _ in before_loaded:
            if ex.role in req.roles:
                continue  # a loaded drill of the required role prepares itself
            drills = tuple(
                d.id
                for d in exercises
                if d.role in req.roles and not d.loaded and set(d.targets) & set(ex.targets)
            )
            per_req.append(drills)
        out[ex.id] = tuple(per_req)
    return out


def _drill_gates(
    exercises: Sequence[Exercise],
    drill_first: Sequence[tuple[Requirement, str | None]],
    done: frozenset[str],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each loaded exercise a ``drill_first`` requirement holds back (its drill's
    families not among ``done``, the families of unloaded work in earlier blocks), per
    such requirement, the drills that may come before it in the same session."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for ex in exercises:
        per_req = [
            tuple(
                d.id
                for d in exercises
                if taught_by(req, d) and _order_key(d, frozenset()) < _order_key(ex, frozenset())
            )
            for req, _ in drill_first
            if waits_for_drill(req, ex) and not set(req.families) & done
        ]
        if per_req:
            out[ex.id] = tuple(per_req)
    return out


def _allowed(plan: Plan, restrictions: Restrictions, ctx: Context, phase: str) -> list[Exercise]:
    avoid = set(plan.profile.preferences.avoid)
    return [
        ex
        for _, ex in sorted(ctx.registry.exercises.items())
        if ex.id not in avoid
        and restrictions.allows(ex.id)
        and set(ex.equipment) <= plan.available
        and plan.rule_for(ex, phase, ctx) is not None
    ]


CHAIR_DRILLS_FROM_AGE = 60
"""From this age chair and counter drills stay candidates for everyone: the age the
30-second chair stand's norms start at (CDC STEADI), a convention for where a sit to
stand stops being too easy to count as strength work."""


def _chair_drill(ex: Exercise) -> bool:
    """A drill built for people who need a chair or a counter to train: any sit to
    stand (it carries ``chair_rise``), and Otago's supported strength work (a mini
    squat holding a counter, a step-up at a rail, abduction holding a chair back)."""
    return "chair_rise" in ex.all_tags or (ex.source == "otago" and ex.role == "strength")


def _needs_chair_drills(plan: Plan) -> bool:
    """True for a person chair and counter drills are made for: 60 or older, a novice,
    with a walking aid, a raised falls risk, no getting down to the floor, or a joint
    replacement, in any week. For anyone else a bodyweight sit to stand cannot reach
    the effort a strength set asks (RPE 7-8: Chodzko-Zajko 2009 takes older adults to
    it, not a fit adult), and a held counter spares balance they have."""
    profile = plan.profile
    if (
        profile.age >= CHAIR_DRILLS_FROM_AGE
        or profile.experience == "novice"
        or profile.walking_aid
    ):
        return True
    person = plan.person
    if person is None:
        return False
    needs = {
        "falls_risk": {"high"},
        "floor": {"no"},
        "hip_replacement": {"early", "middle", "late"},
        "knee_replacement": {"early", "middle", "late"},
    }
    return any(
        person.value(state, week) in values
        for week in range(1, len(person.weeks) + 1)
        for state, values in needs.items()
    )


def _harder_than_chairs(
    plan: Plan, phase: str, allowed: Sequence[Exercise], demands: Demands
) -> list[Exercise]:
    """``allowed`` without chair and counter drills in strength and power weeks for a
    person who does not need them (see :func:`_needs_chair_drills`), so their squat is a
    loaded or single-leg one. The activation weeks keep them: dosed light there
    (RPE 5-6), a sit to stand is what it says for anyone. A
    drill stays where drills alone meet a demand of the block, the hardest of them (the
    rules may leave nothing harder: a stage, a trimester, the equipment)."""
    if phase == "activation" or _needs_chair_drills(plan):
        return list(allowed)
    harder = [ex for ex in allowed if not _chair_drill(ex)]
    needed: set[str] = set()
    for cover in demands.coverage:
        for group in cover.groups:
            if any(asks_for(group, h) for h in harder):
                continue
            drills = [ex for ex in allowed if _chair_drill(ex) and group.fits(ex)]
            if drills:
                # The hardest of them: the one nearest the work a fit adult needs.
                top = max(ex.level for ex in drills)
                needed.update(ex.id for ex in drills if ex.level == top)
    return [ex for ex in allowed if not _chair_drill(ex) or ex.id in needed]


def _window(
    plan: Plan,
    phase: str,
    allowed: Sequence[Exercise],
    demands: Demands,
    restrictions: Restrictions,
) -> list[Exercise]:
    """The phase's level and role window, widened where a demand needs it."""
    top = LEVEL_WINDOW[phase][plan.profile.experience]
    if restrictions.cap.max_level is not None:
        top = min(top, restrictions.cap.max_level)
    roles = PHASE_ROLES[phase]
    inside = [ex for ex in allowed if ex.level <= top and ex.role in roles]
    inside = [ex for ex in inside if relevant(ex, plan.trained, demands)]
    chosen = {ex.id for ex in inside}
    # A demand the window cannot meet is met by its easiest allowed exercises instead,
    # so that a phase never drops an issue its level window happens to leave out. Only
    # the phase's roles are asked (every allowed exercise for every group was about
    # 19,000 calls of asks_for in a 24-week plan).
    in_roles = [ex for ex in allowed if ex.role in roles]
    for cover in demands.coverage:
        for group in cover.groups:
            fits = [ex for ex in in_roles if asks_for(group, ex)]
            if fits and not any(ex.id in chosen for ex in fits):
                lowest = min(ex.level for ex in fits)
                for ex in fits:
                    if ex.level == lowest and ex.id not in chosen:
                        inside.append(ex)
                        chosen.add(ex.id)
    return sorted(inside, key=lambda e: e.id)


def _block_plan(
    plan: Plan,
    block: Block,
    ctx: Context,
    carried: Mapping[str, Dose] | None = None,
    done: frozenset[str] = frozenset(),
    floors: Mapping[FloorKey, int] | None = None,
    resumed: Mapping[str, Dose] | None = None,
    loaded: frozenset[str] = frozenset(),
    steady: bool = False,
) -> BlockPlan:
    """The block's rules, demands and dosed options (``steady``: no sets added within
    the block, see :func:`_options`); ``carried`` are the doses of the
    exercises done in the last loading week of the block before, ``done`` the families
    of the unloaded work of all blocks before, ``floors`` each ladder's highest rung
    done per role and load as training work in the blocks before (see :func:`_above_floors`),
    ``resumed`` each exercise's dose in the last loading week of the latest block
    that did it (``carried`` when None), ``loaded`` the lifts (exercise ids) done with
    an external load in the blocks before (a ``first_load`` cap holds for the others)."""
    restrictions = plan.safety.over(block.weeks)
    demands = demands_for(
        restrictions,
        block.phase,
        plan.trained,
        plan.priority,
        focus=plan.focus,
        experience=plan.profile.experience,
    )
    lifted = [
        ex
        for ex in (ctx.registry.exercises[e] for e in sorted(carried or {}))
        if LOADED_LIFT.fits(ex)
    ]
    lifts = {ex.family for ex in lifted}
    # The lifts the block before loaded go on: in power weeks the same lifts, a hip
    # and a leg one (strength kept up, not restarted on a new lift), in strength weeks
    # each movement (its load climbs on; see demands).
    kept: tuple[Coverage, ...] = ()
    if lifts and block.phase == "power":
        kept = loaded_lifts_kept(lifted)
    elif lifts and block.phase == "strength":
        kept = loaded_lifts_progressed(lifts)
    allowed = _harder_than_chairs(
        plan, block.phase, _allowed(plan, restrictions, ctx, block.phase), demands
    )
    if lifts and block.phase == "power":
        # Power weeks keep training the lifts already loaded: a lift new to a weight
        # there starts moderate (moderate_before_heavy), a step back beside the lifts
        # built up, and is learnt in a strength block instead (a lifter's power weeks
        # brought in a barbell deadlift at 11RM beside her 8RM hip thrust).
        allowed = [ex for ex in allowed if not LOADED_LIFT.fits(ex) or ex.id in loaded]
    # A stepped rung (a full plank) waits for a block after one that held its ladder,
    # and stays open once opened: every earlier block counts, not only the one just
    # before, or a block of the harder rung would close its own step and send the next
    # block back down to the easier one (one-leg stance, then tandem stance again).
    before = [ctx.registry.exercises[e] for e in {**(resumed or {}), **(carried or {})}]
    # Whether a step is open depends on the blocks before, not on the exercise: asked
    # once per step, not once per exercise it gates.
    closed = [s for s in demands.steps if not s.ready(before)]
    allowed = [ex for ex in allowed if not any(s.gates(ex) for s in closed)]
    # Loaded and fast work need a drill for the same muscles; without one it is out.
    partners = _partner_map(allowed, demands.before_loaded)
    allowed = [ex for ex in allowed if all(partners.get(ex.id, ()))]
    # A movement learnt unloaded first: loaded work waits for its drill in an earlier
    # block, or in the same session; with no such drill usable it waits.
    gates = _drill_gates(allowed, demands.drill_first, done)
    allowed = [ex for ex in allowed if all(gates.get(ex.id, ()))]
    # A drill has taught its movement once the movement has been lifted with a weight in
    # an earlier block: it does not come back as a warm-up or trunk work (a hinge drill
    # in weeks 11-12, after eight weeks of Romanian deadlifts).
    lifted_families = {ctx.registry.exercises[e].family for e in loaded}
    taught = [req for req, _ in demands.drill_first if lifted_families & set(req.then)]
    allowed = [ex for ex in allowed if not any(taught_by(req, ex) for req in taught)]
    inside = _window(plan, block.phase, allowed, demands, restrictions)
    ids = {ex.id for ex in inside}
    by_id = {ex.id: ex for ex in allowed}
    for ex in list(inside):
        for drills in (*partners.get(ex.id, ()), *gates.get(ex.id, ())):
            for drill in drills:
                if drill not in ids and drill in by_id:
                    inside.append(by_id[drill])
                    ids.add(drill)
    inside.sort(key=lambda e: e.id)
    # An exercise resumed after a block without it starts from where it stopped, as
    # one carried straight on does (see dosing.keeps_reps), not from the rule's base.
    options = _options(
        plan,
        block,
        inside,
        restrictions,
        ctx,
        resumed if resumed is not None else carried or {},
        loaded,
        steady,
    )
    groups = [g for cover in (*demands.coverage, *kept) for g in cover.groups]
    options = _above_floors(options, floors or {}, plan.rungs, groups)
    usable = tuple(ex for ex in inside if ex.id in options)
    # Only asked where a lift can meet it, as the checked demands do not know it.
    kept = tuple(k for k in kept if any(k.groups[0].fits(ex) for ex in usable))
    if kept:
        demands = attrs.evolve(demands, coverage=(*demands.coverage, *kept))
    dropped = tuple(
        cover
        for cover in demands.coverage
        if cover.may_drop(plan.focus)
        and not all(any(g.fits(ex) for ex in usable) for g in cover.groups)
    )
    return BlockPlan(
        block=block,
        restrictions=restrictions,
        demands=demands,
        usable=usable,
        options=options,
        partners=partners,
        dropped=dropped,
        gates=gates,
        teaches=frozenset(
            ex.id
            for ex in usable
            for req, _ in demands.drill_first
            if taught_by(req, ex) and not set(req.families) & done
        ),
        loaded=loaded,
    )


def _above_floors(
    options: Mapping[str, Option],
    floors: Mapping[FloorKey, int],
    rungs: Mapping[str, tuple[str, int]],
    groups: Sequence[Group] = (),
) -> dict[str, Option]:
    """``options`` without training work below a rung already reached on its ladder.

    A ladder is climbed, not stepped back down: once a block has done a rung as
    training work of a role, later blocks use, for that role, that rung or a harder
    one, as long as one of those is usable in the block (a later trimester or a
    stage's rules may leave only easier rungs, and then they stay). ``floors`` maps
    (ladder, role) to the highest rung done. An easier rung may still come as an
    activation drill before the harder work, or in another role (a fast sit to stand
    as power work after slow ones from a lower seat). Lifts with a weight have floors
    of their own (see :func:`~.demands.floor_key`). A floor holds only its own
    ladder's rungs: movements one climbs to from another share a ladder (tandem
    stance below one-leg stance). An easier rung also stays where it meets a demand's
    group (``groups``) that no rung at or above the floor meets: a back's two-handed
    deadlift after single-leg deadlifts with a weight."""
    top: dict[FloorKey, int] = {}
    # Each floor key's rungs among the options, so that an option below its floor looks
    # at its own ladder's rungs, not at every option (about 9,000 floor keys worked out
    # in a 24-week plan).
    on_key: dict[FloorKey, list[tuple[int, Exercise]]] = {}
    for e, option in options.items():
        if e in rungs:
            key = floor_key(rungs[e][0], option.exercise)
            top[key] = max(top.get(key, rungs[e][1]), rungs[e][1])
            on_key.setdefault(key, []).append((rungs[e][1], option.exercise))

    def below(e: str, option: Option) -> bool:
        if option.exercise.role == "activation" or e not in rungs:
            return False
        ladder, rung = rungs[e]
        key = floor_key(ladder, option.exercise)
        floor = floors.get(key)
        if floor is None or not rung < floor <= top[key]:
            return False
        above = [ex for rung_of, ex in on_key[key] if rung_of >= floor]
        return not meets_alone(option.exercise, above, groups)

    return {e: option for e, option in options.items() if not below(e, option)}


def _options(
    plan: Plan,
    block: Block,
    exercises: Sequence[Exercise],
    restrictions: Restrictions,
    ctx: Context,
    carried: Mapping[str, Dose],
    loaded: frozenset[str] = frozenset(),
    steady: bool = False,
) -> dict[str, Option]:
    """Each usable exercise's doses over the block's weeks. ``steady`` holds each dose
    at its rule's sets for the whole block (reps and holds still rise): the fallback
    for a block whose minutes cannot hold the sets its doses would add."""
    profile = plan.profile
    out: dict[str, Option] = {}
    for ex in exercises:
        rule = plan.rule_for(ex, block.phase, ctx)
        if rule is None:
            continue
        if too_short_to_hold(ex, profile.tests, ctx.registry.tests):
            # A hands-free hold the person cannot keep for long enough yet: the
            # supported version (or nothing) instead of a hold longer than tested.
            continue
        extra = None
        if gets_extra(ex, plan.who) and plan.who.weaker_side is not None:
            extra = Extra(side=plan.who.weaker_side, sets=1)
        extra_sets = extra.sets if extra else 0
        doses: dict[int, Dose] = {}
        previous: Dose | None = None
        base = restrictions.cap_for(ex, loaded)
        if steady:
            held = rule.sets if base.max_sets is None else min(base.max_sets, rule.sets)
            base = attrs.evolve(base, max_sets=held)
        first_hold = tested_hold_start(ex, profile.tests, ctx.registry.tests)
        before = carried.get(ex.id)
        for step, week in enumerate(block.loading_weeks):
            # A tested rep limit grows week by week (dosing.TESTED_REPS_WEEKLY).
            mine = with_tested_limits(base, ex, profile.tests, ctx.registry.tests, week)
            previous = doses[week] = week_dose(
                ex,
                rule,
                step,
                mine,
                extra_sets=extra_sets,
                carried=before,
                told=True,
                first_hold=first_hold,
            )
        if block.deload is not None:
            doses[block.deload] = week_dose(
                ex,
                rule,
                0,
                with_tested_limits(base, ex, profile.tests, ctx.registry.tests, block.deload),
                deload_after=previous,
                extra_sets=extra_sets,
                carried=before,
                told=True,
                first_hold=first_hold,
            )
        if _too_long(ex, max(d.tenths for d in doses.values()), profile):
            continue
        out[ex.id] = Option.of(ex, doses, extra, block.weeks[0])
    return out


def _too_long(ex: Exercise, tenths: int, profile: Profile) -> bool:
    """True when one dose of ``ex`` cannot fit any session: longer than the session, or
    (a hold) more than its share of one."""
    budget = profile.schedule.minutes_per_session * 10
    if ex.role == "isometric":
        num, den = ISOMETRIC_SHARE
        return den * tenths > num * budget
    return tenths > budget


# --- Pre-checks: plain-words conflicts before any solving ---------------------------


def _why_ruled_out(
    exercises: Iterable[Exercise], plan: Plan, bp: BlockPlan, ctx: Context
) -> tuple[list[str], list[str]]:
    """Why each of ``exercises`` is unusable, summarised, and what would change it."""
    profile = plan.profile
    avoided: list[str] = []
    missing: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    undosed: list[str] = []
    long: list[str] = []
    short: list[str] = []
    for ex in exercises:
        if plan.rule_for(ex, bp.block.phase, ctx) is None:
            undosed.append(ex.id)
        elif too_short_to_hold(ex, profile.tests, ctx.registry.tests):
            short.append(ex.id)
        elif ex.id not in bp.options and bp.restrictions.allows(ex.id):
            long.append(ex.id)
        if ex.id in profile.preferences.avoid:
            avoided.append(ex.id)
        for item in sorted(set(ex.equipment) - plan.available):
            missing[item] = missing.get(item, 0) + 1
        for rule_id in bp.restrictions.excluded.get(ex.id, ()):
            by_rule[rule_id] = by_rule.get(rule_id, 0) + 1
    reasons: list[str] = []
    changes: list[str] = []
    if avoided:
        reasons.append(f"{len(avoided)} are in preferences.avoid")
        changes.append(f"take some out of preferences.avoid (e.g. {', '.join(avoided[:3])})")
    if missing:
        items = sorted(missing, key=lambda k: (-missing[k], k))
        reasons.append("some need equipment you do not list (" + ", ".join(items) + ")")
        changes.append(f"add equipment: {items[0]} (it opens up {missing[items[0]]} of them)")
    if by_rule:
        reasons.append("safety rules exclude some (" + ", ".join(sorted(by_rule)) + ")")
        changes.append("the safety exclusions stay; a physiotherapist can tailor work around them")
    if long:
        num, den = ISOMETRIC_SHARE
        reasons.append(
            f"{len(long)} take longer than a session of {profile.schedule.minutes_per_session} "
            f"minutes allows (holds at most {100 * num // den}% of it: {', '.join(long[:3])})"
        )
        changes.append("allow more minutes per session")
    if short:
        reasons.append(
            f"{len(short)} are hands-free holds longer than your tests allow "
            f"({', '.join(short[:3])})"
        )
        changes.append("re-take the tests when the holds have improved")
    if undosed:
        reasons.append(
            f"no loaded plugin gives a dose rule for {len(undosed)} of them "
            f"({', '.join(undosed[:3])})"
        )
    return reasons, changes


def _precheck(plan: Plan, bp: BlockPlan, ctx: Context) -> None:
    """Raise :class:`Infeasible` for a demand no usable exercise meets (a rule's demand,
    or a focus issue's); the engine's optional conventions are dropped with a warning."""
    conflicts: list[str] = []
    changes: list[str] = []
    catalogue = sorted(ctx.registry.exercises.values(), key=lambda e: e.id)
    for cover in bp.demands.coverage:
        if cover in bp.dropped:
            continue
        if cover.rule is None and cover.issue is not None and cover.issue not in plan.focus:
            continue  # a found issue that cannot be trained is left out, with a warning
        for group in cover.groups:
            if any(group.fits(ex) for ex in bp.usable):
                continue
            reasons, fixes = _why_ruled_out(
                [ex for ex in catalogue if group.fits(ex)], plan, bp, ctx
            )
            detail = "; ".join(reasons) if reasons else "no loaded plugin offers one"
            conflicts.append(f"{cover.what}, but every exercise for it is ruled out: {detail}")
            changes.extend(f for f in fixes if f not in changes)
            if cover.issue in plan.focus:
                tip = f"remove {cover.issue} from focus"
                if tip not in changes:
                    changes.append(tip)
    if conflicts:
        raise Infeasible(list(dict.fromkeys(conflicts)), changes)


# --- One block's model ---------------------------------------------------------------


@frozen
class Chosen:
    """A solved block: each session's exercise ids and the issues it trains."""

    block: Block
    plan: BlockPlan
    sessions: tuple[tuple[str, ...], ...]
    included: frozenset[str]

    @property
    def options(self) -> Mapping[str, Option]:
        return self.plan.options


def _adjacent_pairs(days: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs of session indexes on consecutive calendar days (Sunday then Monday too)."""
    index = [DAYS.index(d) for d in days]
    pairs = []
    for a in range(len(days)):
        for b in range(len(days)):
            if a != b and (index[b] - index[a]) % 7 == 1:
                pairs.append((a, b))
    return pairs


def _activation_score(ex: Exercise) -> int:
    """Published %MVIC (the higher of max and med, capped at 100) as a soft preference.

    Values are not on one scale across studies; this only breaks ties towards
    exercises with higher published activation.
    """
    values = [v for v in (ex.activation.gmax, ex.activation.gmed) if v is not None]
    return int(min(100, max(values))) if values else 0


def _ladder_next(ctx: Context) -> dict[str, tuple[str, ...]]:
    nxt: dict[str, list[str]] = {}
    for _, ladder in sorted(ctx.registry.ladders.items()):
        for a, b in itertools.pairwise(ladder.exercise_ids):
            nxt.setdefault(a, []).append(b)
    return {k: tuple(v) for k, v in nxt.items()}


def _seam(plan: Plan) -> tuple[str, str]:
    """The last weekday of a program week and the first of the next."""
    start = plan.profile.start
    first = start.weekday() if start is not None else 0
    return DAYS[(first - 1) % 7], DAYS[first]


@frozen
class _Values:
    """What the objective gives for choosing an exercise in one block, apart from the
    issues, volume and coverage it serves: per session it is in, and once per block."""

    phase_rank: int
    fills: bool  # a phase whose sessions are filled (demands.FILL_PHASES)
    prefer: frozenset[str]
    before: frozenset[str]  # the exercises of the block before
    rungs_up: frozenset[str]  # the rungs above those on their ladders
    teaches: frozenset[str]  # drills some loaded work waits for (drill_first)
    loaded: frozenset[str]  # lifts done with a weight in the blocks before

    @classmethod
    def of(cls, plan: Plan, bp: BlockPlan, previous: Chosen | None) -> _Values:
        before = frozenset().union(*previous.sessions) if previous is not None else frozenset()
        return cls(
            phase_rank={"activation": 0, "strength": 1, "power": 2}[bp.block.phase],
            fills=bp.block.phase in FILL_PHASES,
            prefer=frozenset(plan.profile.preferences.prefer),
            before=before,
            rungs_up=frozenset(n for p in sorted(before) for n in plan.next_rungs.get(p, ())),
            teaches=bp.teaches,
            loaded=bp.loaded,
        )

    def per_pick(self, option: Option) -> int:
        ex = option.exercise
        value = W_ACTIVATION * _activation_score(ex) - W_CLUTTER
        if self.phase_rank and ex.role != "activation":
            value += W_LEVEL * ex.level * self.phase_rank
        elif self.fills and ex.role in FILL_ROLES:
            # The work that fills the first weeks comes from the top of the phase's
            # window (a step-up, a split squat, a band walk for a novice), not its easiest
            # variants (abduction holding a chair, heel raises at a counter), which the
            # fill by minutes alone favoured for a 16-year-old basketball player. Who may
            # not do the harder ones, the rules keep them out of the window already.
            value += W_FILL_LEVEL * ex.level
        if option.extra is not None:
            value += W_WEAKER
        return value

    def once(self, option: Option) -> list[int]:
        ex = option.exercise
        out = []
        if ex.id in self.prefer:
            out.append(W_PREFER)
        # In the power weeks a lift the block before loaded goes on (its load carried
        # on, see demands.loaded_lifts_kept): no variety asked of it, and a lift never
        # lifted with a weight before weighs less, as its first block with one holds it
        # moderate (the rules' first_load cap): a step back from the lifts the strength
        # weeks built.
        power_lift = self.phase_rank == 2 and LOADED_LIFT.fits(ex)
        if ex.id in self.before and ex.role != "activation" and not power_lift:
            out.append(-W_REUSE)
        if power_lift and ex.id not in self.loaded:
            out.append(-W_NEXT_RUNG)
        if ex.id in self.rungs_up and ex.id not in self.before:
            out.append(W_NEXT_RUNG)
        if ex.id in self.teaches:
            # A drill some loaded work waits for: learnt early, the work can follow.
            out.append(W_NEXT_RUNG)
        return out


KEEP_PER_KIND = 3
"""Candidates the solver sees per kind of exercise (see :func:`_kept`): enough that a
session's one-per-family rule, the consecutive-day rules and the ladders still leave
a choice, few enough that a catalogue growing with near-identical exercises does not
grow the model with it."""


def _kept(plan: Plan, bp: BlockPlan, previous: Chosen | None) -> tuple[str, ...]:
    """The candidates the solver sees: of the exercises that would play the same part
    in the block's model (the same role, load, hold or reps, targets, trained issues,
    demands met, tag limits hit, sets and drill gates), the :data:`KEEP_PER_KIND` the objective
    values most, the shorter first among equals. Any other of the kind could only
    take one of their places for less (bar the per-session noise that varies plans);
    a plan the kept ones cannot complete is searched for again among all of them."""
    demands = bp.demands
    groups = [g for c in demands.coverage if c not in bp.dropped for g in c.groups]
    trained = frozenset(plan.trained)
    values = _Values.of(plan, bp, previous)
    gate_drills = {d for gates in bp.gates.values() for gate in gates for d in gate}
    kinds: dict[tuple[Any, ...], list[tuple[int, int, str]]] = {}
    fitting = [bp.fitting(g) for g in groups]
    for e, option in sorted(bp.options.items()):
        ex = option.exercise
        kind = (
            ex.role,
            ex.loaded,
            ex.is_hold,
            frozenset(ex.targets),
            frozenset(ex.issues) & trained,
            tuple(e in fits for fits in fitting),
            tuple(lim.counts(ex, option.heavy) for lim in demands.limits),
            option.first_sets,
            option.most_sets,
            option.most_done,
            e in gate_drills,
            bp.gates.get(e, ()),
        )
        value = values.per_pick(option) + sum(values.once(option))
        kinds.setdefault(kind, []).append((-value, option.tenths, e))
    keep: list[str] = []
    for members in kinds.values():
        keep.extend(e for _, _, e in sorted(members)[:KEEP_PER_KIND])
    return tuple(sorted(keep))


class _Model:
    """Builds one block's CP-SAT model; in ``explain`` mode every hard constraint group
    is guarded by an assumption literal so the solver can name a conflicting set."""

    def __init__(
        self,
        plan: Plan,
        bp: BlockPlan,
        previous: Chosen | None,
        seed: int,
        explain: bool = False,
        keep: Sequence[str] | None = None,
    ) -> None:
        from .solver import load_cp_model

        cp_model = load_cp_model()
        self.cp = cp_model
        self.model = cp_model.CpModel()
        self.plan = plan
        self.bp = bp
        self.options = bp.options
        self.explain = explain
        self.assumptions: dict[int, str] = {}
        self.literals: list[Any] = []
        self.days = plan.profile.days
        ids = sorted(bp.options if keep is None else keep)
        self.ids = ids
        # Each candidate's figures, as the weighted sums of both constraints and goals read them.
        self.tenths = {e: bp.options[e].tenths for e in ids}
        self.most_sets = {e: bp.options[e].most_sets for e in ids}
        self.first_sets = {e: bp.options[e].first_sets for e in ids}
        self.most_done = {e: bp.options[e].most_done for e in ids}
        m = self.model
        sessions = range(len(self.days))
        self.x = {(s, e): m.new_bool_var(f"x_{s}_{e}") for s in sessions for e in ids}
        self.used = {e: m.new_bool_var(f"used_{e}") for e in ids}
        for e in ids:
            m.add_max_equality(self.used[e], [self.x[s, e] for s in sessions])
        self.include = {i: m.new_bool_var(f"include_{i}") for i in plan.trained}
        self.optional = {
            n: m.new_bool_var(f"optional_{n}")
            for n, cover in enumerate(bp.demands.coverage)
            if cover.optional and cover not in bp.dropped
        }
        self.hard_sets: dict[str, Any] = {}
        self.wanted: list[tuple[int, Any]] = []
        self.terms: tuple[list[Any], list[int]] = ([], [])
        self._hard(previous)
        if not explain:
            self._objective(previous, seed)

    # Hard constraints --------------------------------------------------------------

    def _guard(self, label: str) -> Any:
        """A literal enforcing a constraint group, or None outside explain mode."""
        if not self.explain:
            return None
        lit = self.model.new_bool_var(label)
        self.assumptions[lit.index] = label
        self.literals.append(lit)
        return lit

    def _add(self, constraint: Any, *guards: Any) -> None:
        lits = [g for g in guards if g is not None]
        if lits:
            constraint.only_enforce_if(lits)

    def _fits(self, group: Any) -> list[str]:
        fits = self.bp.fitting(group)
        return [e for e in self.ids if e in fits]

    def _count(self, pairs: Iterable[tuple[int, str]]) -> Any:
        """How many of the (session, exercise) choices are taken."""
        return self.cp.LinearExpr.sum([self.x[p] for p in pairs])

    def _weigh(self, pairs: Iterable[tuple[int, str]], weight: Mapping[str, int]) -> Any:
        """The (session, exercise) choices taken, each counted ``weight[exercise]`` times.

        One call into OR-Tools' own weighted sum rather than Python's ``sum``, which
        builds an expression object per term (measured: about three times slower, and
        model building was a fifth of planning time)."""
        pairs = list(pairs)
        return self.cp.LinearExpr.weighted_sum(
            [self.x[p] for p in pairs], [weight[e] for _, e in pairs]
        )

    def _hard(self, previous: Chosen | None) -> None:
        m, plan, x, ids, opts = self.model, self.plan, self.x, self.ids, self.options
        demands = self.bp.demands
        sessions = range(len(self.days))
        budget = plan.profile.schedule.minutes_per_session * 10
        tenths, most_sets, first_sets = self.tenths, self.most_sets, self.first_sets
        exercise = {e: opts[e].exercise for e in ids}
        g_time = self._guard("time")
        g_size = self._guard("size")
        g_family = self._guard("family")
        g_block = self._guard("activation_block")
        g_share = self._guard("isometric_share")
        families: dict[str, list[str]] = {}
        for e in ids:
            families.setdefault(exercise[e].family, []).append(e)
        drills = [e for e in ids if exercise[e].role == "activation"]
        most_drills = self.bp.demands.max_activation
        holds = [e for e in ids if exercise[e].role == "isometric"]
        num, den = ISOMETRIC_SHARE
        # A hold counts (den - num) times its minutes against the share, anything else
        # -num times: den * holds <= num * everything, as one sum per session and week.
        share = {
            week: {
                e: opts[e].doses[week].tenths * ((den - num) if e in holds else -num) for e in ids
            }
            for week in self.bp.block.weeks
        }
        for s in sessions:
            everything = [(s, e) for e in ids]
            self._add(m.add(self._weigh(everything, tenths) <= budget), g_time)
            self._add(m.add(self._count(everything) >= 1), g_size)
            self._add(m.add(self._count(everything) <= MAX_EXERCISES), g_size)
            for members in families.values():
                if len(members) > 1:
                    self._add(m.add(self._count((s, e) for e in members) <= 1), g_family)
            if drills:
                in_block = [(s, e) for e in drills]
                self._add(m.add(self._count(in_block) <= most_drills), g_block)
                self._add(m.add(self._weigh(in_block, tenths) <= MAX_ACTIVATION_TENTHS), g_block)
            if holds:
                # In every week of the block: holds grow by the week, the rest by sets.
                for week in self.bp.block.weeks:
                    self._add(m.add(self._weigh(everything, share[week]) <= 0), g_share)
        # One rung of a ladder per movement and role in a block: the week's sessions do
        # not step back down the ladder (a full plank one day, on the knees the next).
        g_rung = self._guard("one_rung")
        rungs: dict[RungKey, list[str]] = {}
        for e in ids:
            if exercise[e].role != "activation" and e in plan.rungs:
                key = rung_key(plan.rungs[e][0], exercise[e])
                rungs.setdefault(key, []).append(e)
        for members in rungs.values():
            if len(members) > 1:
                self._add(m.add_at_most_one(self.used[e] for e in members), g_rung)
        # Loaded work only with a drill for the same muscles in the same session.
        g_prep = self._guard("before_loaded")
        candidates = set(ids)
        for e in ids:
            for partner in self.bp.partners.get(e, ()):
                prep = [d for d in partner if d in candidates]
                for s in sessions:
                    self._add(m.add(x[s, e] <= self._count((s, d) for d in prep)), g_prep)
        g_drill = self._guard("drill_first")
        for e in ids:
            for gate in self.bp.gates.get(e, ()):
                drills = [d for d in gate if d in candidates]
                for s in sessions:
                    self._add(m.add(x[s, e] <= self._count((s, d) for d in drills)), g_drill)
        for req, rule in demands.opens:
            g = self._guard(f"opens:{rule}")
            openers = [e for e in ids if exercise[e].role in req.roles]
            for s in sessions:
                self._add(m.add(self._count((s, e) for e in openers) >= 1), g)
        # Every issue trained: at least one of its exercises a week.
        for issue in plan.trained:
            lit = self.include[issue]
            serving = [e for e in ids if issue in exercise[e].issues]
            m.add(self._count((s, e) for s in sessions for e in serving) >= 1).only_enforce_if(lit)
            if issue in plan.focus:
                self._add(m.add(lit == 1), self._guard(f"focus:{issue}"))
        for n, cover in enumerate(demands.coverage):
            if cover in self.bp.dropped:
                continue
            if cover.rule is None and not cover.optional and cover.issue is not None:
                continue  # "train the issue every week": handled by include above
            g = self._guard(f"cover:{n}")
            lits = [g] if g is not None else []
            if cover.issue is not None and cover.issue in self.include:
                lits.append(self.include[cover.issue])
            if cover.optional:
                lits.append(self.optional[n])
            need = cover.needed(len(self.days))
            for k, group in enumerate(cover.groups):
                fitting = self._fits(group)
                if cover.scope == "week" and need > 1:
                    # In ``need`` sessions of the week: one literal per session, true
                    # only where the session holds the work, at least ``need`` of them.
                    held = [m.new_bool_var(f"held_{n}_{k}_{s}") for s in sessions]
                    for s in sessions:
                        m.add(held[s] <= self._count((s, e) for e in fitting))
                    c = m.add(self.cp.LinearExpr.sum(held) >= need)
                    if lits:
                        c.only_enforce_if(lits)
                    continue
                scopes = [tuple(sessions)] if cover.scope == "week" else [(s,) for s in sessions]
                for scope in scopes:
                    c = m.add(self._count((s, e) for s in scope for e in fitting) >= 1)
                    if lits:
                        c.only_enforce_if(lits)
        # Each issue's weekly hard sets never above its cap; the whole week's hard sets
        # never above the engine's weekly maximum.
        g_volume = self._guard("volume")
        hard = [e for e in ids if exercise[e].role in HARD_ROLES]
        capped = [e for e in hard if exercise[e].role in CAPPED_ROLES]
        for vol in demands.volume:
            serving = [e for e in capped if vol.issue in exercise[e].issues]
            total = self._weigh(((s, e) for s in sessions for e in serving), most_sets)
            self._add(m.add(total <= vol.cap), g_volume)
            counted = [
                e for e in ids if vol.issue in exercise[e].issues and exercise[e].role in vol.roles
            ]
            self.hard_sets[vol.issue] = self._weigh(
                ((s, e) for s in sessions for e in counted), first_sets
            )
        week_hard = self._weigh(((s, e) for s in sessions for e in capped), most_sets)
        self._add(m.add(week_hard <= demands.weekly_hard_max), g_volume)
        # Tag limits: weekly sets, and never on consecutive days.
        for n, lim in enumerate(demands.limits):
            g = self._guard(f"limit:{n}")
            tagged = [e for e in ids if lim.counts(exercise[e], opts[e].heavy)]
            if not tagged:
                continue
            if lim.max_weekly_sets is not None:
                # The weaker side's extra sets count: "at most 8 sets a week" is about
                # the sets done, and the extra ones load the same tissue.
                total = self._weigh(((s, e) for s in sessions for e in tagged), self.most_done)
                self._add(m.add(total <= lim.max_weekly_sets), g)
            if lim.per_session is not None and len(tagged) > lim.per_session:
                for s in sessions:
                    self._add(m.add(self._count((s, e) for e in tagged) <= lim.per_session), g)
            if lim.before_sport:
                eves = plan.profile.schedule.before_sport
                for s in (s for s in sessions if self.days[s] in eves):
                    for e in tagged:
                        self._add(m.add(x[s, e] == 0), g)
            if lim.not_consecutive and lim.same_exercise:
                for a, b in _adjacent_pairs(self.days):
                    for e in tagged:
                        self._add(m.add(x[a, e] + x[b, e] <= 1), g)
            elif lim.not_consecutive:
                # One "a tagged exercise is done" literal per session, not a constraint
                # per pair of tagged exercises: a back-pain plan's heavy lower-body
                # limit covers a dozen families, and the pairs grew as their square.
                pairs = _adjacent_pairs(self.days)
                busy = {}
                for s in sorted({s for pair in pairs for s in pair}):
                    busy[s] = m.new_bool_var(f"limit{n}_{s}")
                    for e in tagged:
                        m.add_implication(x[s, e], busy[s])
                for a, b in pairs:
                    self._add(m.add(busy[a] + busy[b] <= 1), g)
        # No identical loaded exercise on consecutive days, within the repeating week
        # and across the seam with the block before.
        g_days = self._guard("consecutive")
        loaded = [e for e in ids if exercise[e].loaded]
        for a, b in _adjacent_pairs(self.days):
            for e in loaded:
                self._add(m.add(x[a, e] + x[b, e] <= 1), g_days)
        if previous is not None:
            seam = _seam(plan)
            last = dict(zip(self.days, previous.sessions, strict=True))
            limited = [
                (lim, [e for e in ids if lim.counts(exercise[e], opts[e].heavy)])
                for lim in demands.limits
                if lim.not_consecutive
            ]
            for a, b in _adjacent_pairs(self.days):
                if (self.days[a], self.days[b]) != seam:
                    continue
                before = last[self.days[a]]
                for e in loaded:
                    if e in before:
                        self._add(m.add(x[b, e] == 0), g_days)
                for lim, tagged in limited:
                    if any(
                        lim.counts(previous.options[p].exercise, previous.options[p].heavy)
                        for p in before
                    ):
                        for e in tagged:
                            if not lim.same_exercise or e in before:
                                self._add(m.add(x[b, e] == 0), g_days)

    # Soft goals ----------------------------------------------------------------------

    def _objective(self, previous: Chosen | None, seed: int) -> None:
        m, plan, x, ids, opts = self.model, self.plan, self.x, self.ids, self.options
        sessions = range(len(self.days))
        variables: list[Any] = []
        weights: list[int] = []

        def term(weight: int, var: Any) -> None:
            variables.append(var)
            weights.append(weight)

        def wanted(weight: int, var: Any) -> None:
            term(weight, var)
            self.wanted.append((weight, var))

        for issue in plan.trained:
            wanted(W_INCLUDE * 4 ** plan.priority[issue], self.include[issue])
        for lit in self.optional.values():
            wanted(W_OPTIONAL, lit)
        # Sessions of a week about as long as each other (per tenth of a minute apart).
        budget = plan.profile.schedule.minutes_per_session * 10
        loads = [self._weigh(((s, e) for e in ids), self.tenths) for s in sessions]
        if len(loads) > 1:
            longest = m.new_int_var(0, budget, "longest")
            shortest = m.new_int_var(0, budget, "shortest")
            m.add_max_equality(longest, loads)
            m.add_min_equality(shortest, loads)
            term(-W_SPREAD, longest)
            term(W_SPREAD, shortest)
        if self.bp.block.phase in FILL_PHASES:
            # Bodyweight and band work fills these weeks: a lift with a weight comes in
            # them only where a rule asks for one (trained lifters, bone).
            num, den = FILL_SHARE
            filling = [
                e
                for e in ids
                if opts[e].exercise.role in FILL_ROLES and opts[e].exercise.load_type != "external"
            ]
            for s in sessions:
                fill = m.new_int_var(0, budget * num // den, f"fill_{s}")
                m.add(fill <= self._weigh(((s, e) for e in filling), self.tenths))
                term(W_FILL, fill)
        # Each issue's need: hard sets up to its target, weighted by priority.
        most_severe = plan.trained[0] if plan.trained else None
        for vol in self.bp.demands.volume:
            got = m.new_int_var(0, vol.target, f"need_{vol.issue}")
            m.add(got <= self.hard_sets[vol.issue])
            term(W_VOLUME * plan.priority[vol.issue], got)
            if vol.floor:
                # Up to the floor each set weighs far more: the least that builds
                # strength comes before any quality term (a first plan found fast in
                # a large model would otherwise miss it).
                base = m.new_int_var(0, vol.floor, f"floor_{vol.issue}")
                m.add(base <= self.hard_sets[vol.issue])
                wanted(W_FLOOR, base)
            if vol.issue == most_severe:
                num, den = SPARE_FACTOR
                room = max(0, min(vol.cap, vol.target * num // den) - vol.target)
                # Only the sets above the target count as spare (none when below it).
                excess = m.new_int_var(0, max(0, vol.cap), f"excess_{vol.issue}")
                m.add_max_equality(excess, [self.hard_sets[vol.issue] - vol.target, 0])
                spare = m.new_int_var(0, room, f"spare_{vol.issue}")
                m.add(spare <= excess)
                term(W_SPARE, spare)
        if not plan.trained:
            # A general program: a little of everything, by the same weekly need.
            hard = [e for e in ids if opts[e].exercise.role in HARD_ROLES]
            got = m.new_int_var(0, 8, "need_general")
            m.add(got <= self._weigh(((s, e) for s in sessions for e in hard), self.first_sets))
            term(W_VOLUME, got)
        rng = random.Random(seed * 1_000_003 + self.bp.block.number)
        values = _Values.of(plan, self.bp, previous)
        for e in ids:
            per_pick = values.per_pick(opts[e])
            for s in sessions:
                term(per_pick + rng.randrange(W_NOISE), x[s, e])
            for weight in values.once(opts[e]):
                term(weight, self.used[e])  # once per block, not per session
            repeats = m.new_int_var(0, len(self.days), f"repeat_{e}")
            m.add(repeats >= self._count((s, e) for s in sessions) - 1)
            term(-W_REPEAT, repeats)
        self.terms = (variables, weights)
        m.maximize(self.cp.LinearExpr.weighted_sum(variables, weights))

    def wanted_sum(self) -> Any:
        """What a plan holds of the objective's large terms: the issues, the optional
        demands, the sets up to each floor."""
        return self.cp.LinearExpr.weighted_sum(
            [var for _, var in self.wanted], [weight for weight, _ in self.wanted]
        )

    def wanted_value(self, solver: cp_model.CpSolver) -> int:
        """What ``solver``'s plan holds of the large terms (see :meth:`wanted_sum`)."""
        return sum(weight * solver.value(var) for weight, var in self.wanted)

    # Solving -------------------------------------------------------------------------

    @property
    def budget(self) -> float:
        """This model's deterministic time budget (see :data:`BUDGET_BASE`)."""
        return BUDGET_BASE + BUDGET_PER_CHOICE * len(self.x)

    def solver(self, seed: int, budget: float) -> cp_model.CpSolver:
        solver = self.cp.CpSolver()
        params = solver.parameters
        params.num_workers = 1
        params.random_seed = seed % (2**31)
        params.max_deterministic_time = budget
        params.absolute_gap_limit = STOP_GAP
        # Measured: on these small models presolve costs more than it saves, and
        # without it first solutions come sooner at the same budget.
        params.cp_model_presolve = False
        # A tighter LP bound proves sooner that what a plan leaves out cannot be had
        # (measured: a seven-session week's bound fell from 2M above the best plan to
        # 30k), so the retries below stop instead of searching on.
        params.linearization_level = 2
        # Without cutting planes the LP is cheaper to keep solving, and the bound it
        # gives these models is nearly as tight (measured over the plan-quality
        # report's profiles and 150 more: a third less solving time, the same floors,
        # coverage and warnings within one in 167 programs; seven-session weeks no
        # slower).
        params.cut_level = 0
        params.log_search_progress = False
        # Ctrl-C belongs to gluteus: CP-SAT's own handler would end the search early
        # (a different program, exit 0) and leave SIGINT at its default afterwards.
        params.catch_sigint_signal = False
        return solver


class _PrunedTooFar(Exception):
    """The model without the ranked-out candidates left something out, or found no
    plan: the block is solved again with every candidate."""


def _solve_block(plan: Plan, bp: BlockPlan, previous: Chosen | None, seed: int) -> Chosen:
    keep = _kept(plan, bp, previous)
    if len(keep) < len(bp.options):
        try:
            return _solve_model(plan, bp, previous, seed, keep)
        except _PrunedTooFar:
            pass
    return _solve_model(plan, bp, previous, seed, None)


def _solve_model(
    plan: Plan,
    bp: BlockPlan,
    previous: Chosen | None,
    seed: int,
    keep: Sequence[str] | None,
) -> Chosen:
    """One block solved over ``keep`` (None: every candidate). A pruned model that
    finds no plan, or leaves anything out, raises :class:`_PrunedTooFar`."""
    built = _Model(plan, bp, previous, seed, keep=keep)
    cp = built.cp
    budget = built.budget
    for _ in range(BUDGET_RETRIES + 1):
        solver = built.solver(seed, budget)
        status = solver.solve(built.model)
        if status == cp.INFEASIBLE:
            if keep is not None:
                raise _PrunedTooFar
            raise _explain(plan, bp, previous, seed)
        if status in (cp.OPTIMAL, cp.FEASIBLE):
            break
        budget *= 3  # nothing found yet: more room, still deterministic
    else:
        if keep is not None:
            raise _PrunedTooFar
        raise GluteusError(
            f"the planner found no plan for weeks {bp.block.weeks[0]}-{bp.block.weeks[-1]} "
            "within its search budget; please report this profile"
        )
    wanted = [*built.include.values(), *built.optional.values()]

    def complete(solver: cp_model.CpSolver) -> bool:
        """Everything wanted is in, and every included issue reaches its floor."""
        return all(solver.boolean_value(v) for v in wanted) and all(
            solver.value(built.hard_sets[vol.issue]) >= vol.floor
            for vol in bp.demands.volume
            if vol.floor and solver.boolean_value(built.include[vol.issue])
        )

    if keep is not None and not complete(solver):
        raise _PrunedTooFar
    if (
        status != cp.OPTIMAL
        and not complete(solver)
        and solver.best_objective_bound - solver.objective_value >= W_FLOOR
    ):
        solver = _more_of_what_is_wanted(built, solver, seed, budget)
    sessions = tuple(
        tuple(e for e in built.ids if solver.boolean_value(built.x[s, e]))
        for s in range(len(built.days))
    )
    included = frozenset(i for i in plan.trained if solver.boolean_value(built.include[i]))
    dropped_now = tuple(
        bp.demands.coverage[n]
        for n, lit in sorted(built.optional.items())
        if not solver.boolean_value(lit)
    )
    if dropped_now:
        bp = _with_dropped(bp, dropped_now)
    return Chosen(block=bp.block, plan=bp, sessions=sessions, included=included)


def _more_of_what_is_wanted(
    built: _Model, solver: cp_model.CpSolver, seed: int, budget: float
) -> cp_model.CpSolver:
    """A plan that leaves something out, with a bound that says more might fit: make
    sure what is left out is a fact of the person's time and rules, not of a short
    search.

    The question is asked of the objective's large terms alone (the issues, the
    optional demands, the sets up to each floor): without the many small quality
    terms the search proves quickly what can fit, where searching the whole
    objective again for longer spent most of its time proving it (measured: retries
    were two thirds of all solving time over the plan-quality report's profiles).
    When more fits, the whole objective is searched again from that plan, for the
    block's own budget, holding at least as much of what is wanted. Deterministic, as
    every search here is."""
    cp = built.cp
    longer = max(budget, min(budget * PROBE_BUDGET_FACTOR, MAX_RETRY_BUDGET))
    have = built.wanted_value(solver)
    m = built.model
    m.maximize(built.wanted_sum())
    # The probe starts from the plan in hand, so it spends its budget on whether more
    # fits (measured over the plan-quality report's profiles and both benchmark cases:
    # 6% less solving work in all, the same warnings).
    _hint(m, solver)
    probe = built.solver(seed, longer)
    # Every large term is worth at least a floor's set: a smaller gap proves the most
    # that fits.
    probe.parameters.absolute_gap_limit = W_FLOOR // 2
    found = probe.solve(m)
    m.maximize(cp.LinearExpr.weighted_sum(*built.terms))
    if found not in (cp.OPTIMAL, cp.FEASIBLE) or probe.objective_value <= have:
        return solver
    m.add(built.wanted_sum() >= round(probe.objective_value))
    _hint(m, probe)
    # From a complete plan that holds what is wanted, the rest is polish: the block's
    # own budget, not the question's (measured over the plan-quality report's profiles
    # and both benchmark cases: the same warnings and quality figures, and a 24-week
    # plan's search 35% shorter; a longer polish had run to its end without proving).
    again = built.solver(seed, budget)
    if again.solve(m) in (cp.OPTIMAL, cp.FEASIBLE):
        return again
    return solver


def _hint(m: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """``solver``'s plan as ``m``'s hint, in place of any hint before."""
    m.clear_hints()
    for index in range(len(m.proto.variables)):
        var = m.get_int_var_from_proto_index(index)
        m.add_hint(var, solver.value(var))


def _with_dropped(bp: BlockPlan, more: Sequence[Coverage]) -> BlockPlan:
    import attrs

    return attrs.evolve(bp, dropped=(*bp.dropped, *(c for c in more if c not in bp.dropped)))


_EXPLAIN_WORDS: dict[str, str] = {
    "size": f"every session holds between 1 and {MAX_EXERCISES} exercises",
    "family": "a session holds at most one variant of each movement",
    "one_rung": "a block holds one rung of a ladder per movement, so its sessions never "
    "step back down it",
    "activation_block": f"a session holds at most {MAX_ACTIVATION_DRILLS} activation exercises "
    f"and about {MAX_ACTIVATION_TENTHS // 10} minutes of them",
    "isometric_share": "holds take at most 40% of a session",
    "before_loaded": "loaded and fast exercises need an activation drill for the same muscles "
    "earlier in the session",
    "volume": "each issue's weekly hard sets stay under its cap",
    "drill_first": "loaded work a rule holds back until its drill has been learnt comes "
    "after that drill in the same session",
}


def _explain(plan: Plan, bp: BlockPlan, previous: Chosen | None, seed: int) -> Infeasible:
    """The solver's own set of conflicting constraints (its sufficient assumptions for
    infeasibility, not always the smallest), turned into plain words."""
    built = _Model(plan, bp, previous, seed, explain=True)
    built.model.add_assumptions(built.literals)
    solver = built.solver(seed, built.budget * 10)
    status = solver.solve(built.model)
    block = bp.block
    if status != built.cp.INFEASIBLE:
        return Infeasible(
            [
                f"weeks {block.weeks[0]}-{block.weeks[-1]} could not be planned, and the "
                "solver named no conflicting constraints within its budget"
            ],
            ["allow more minutes per session", "drop an issue from focus"],
        )
    core = [built.assumptions[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    conflicts: list[str] = []
    changes: list[str] = []
    schedule = plan.profile.schedule
    for label in sorted(core):
        kind, _, rest = label.partition(":")
        if kind == "time":
            conflicts.append(
                f"each session lasts at most {schedule.minutes_per_session} minutes "
                "(schedule.minutes_per_session)"
            )
            changes.append("allow more minutes per session")
        elif kind in _EXPLAIN_WORDS:
            conflicts.append(_EXPLAIN_WORDS[kind])
        elif kind == "opens":
            conflicts.append(f"every session opens with an activation drill (rule {rest})")
        elif kind == "focus":
            conflicts.append(f"you asked to focus on {rest}, so it is trained every week")
            changes.append(f"remove {rest} from focus")
        elif kind == "cover":
            conflicts.append(bp.demands.coverage[int(rest)].what)
        elif kind == "limit":
            lim = bp.demands.limits[int(rest)]
            conflicts.append(f"{lim.what} is limited (rule {lim.rule})")
            if lim.before_sport:
                changes.append("train on a day that is not the day before your sport")
        elif kind == "consecutive":
            conflicts.append("the same loaded exercise is never done on consecutive days")
            changes.append("train on days with a rest day between them")
    kinds = {label.partition(":")[0] for label in core}
    if "time" in kinds and schedule.sessions_per_week < 7:
        changes.append("add a session a week")
    if kinds & {"focus", "cover"} and not plan.profile.equipment:
        # Only when the core involves what must be trained: equipment widens the choice.
        changes.append("add a piece of equipment (a mini band opens up many exercises)")
    return Infeasible(conflicts, list(dict.fromkeys(changes)))


# --- Assembling the program ------------------------------------------------------------


def _order_key(ex: Exercise, opens: frozenset[str]) -> tuple[int, int, int, str]:
    drill = ex.role == "activation" and not ex.loaded
    if drill:
        group = 0
    elif ex.role in opens and not ex.loaded:
        group = 1
    elif ex.role == "activation":
        group = 2
    else:
        group = 3
    return (group, ROLE_ORDER.get(ex.role, 9), -ex.level, ex.id)


def _rungs(trained_issues: Iterable[str], ctx: Context) -> dict[str, tuple[str, int]]:
    """Each exercise's ladder and rung, once per program: of the ladders it is on, the
    first (by id) that serves an issue being trained, else the first."""
    trained = set(trained_issues)
    out: dict[str, tuple[str, int]] = {}
    for ex_id in ctx.registry.exercises:
        on = sorted(
            ctx.registry.ladders_of(ex_id),
            key=lambda pair: (not set(pair[0].issues) & trained, pair[0].id),
        )
        if on:
            out[ex_id] = (on[0][0].id, on[0][1])
    return out


def _why(ex: Exercise, plan: Plan, ctx: Context) -> str:
    served = [
        ctx.registry.issues[i].name if i in ctx.registry.issues else i
        for i in ex.issues
        if i in plan.trained
    ]
    base = ex.why or f"Trains {', '.join(ex.issues)}."
    if served:
        return f"{base} In this program for: {', '.join(served)}."
    return base


def _prescription(
    option: Option,
    week: int,
    plan: Plan,
    restrictions: Restrictions,
    rungs: Mapping[str, tuple[str, int]],
    ctx: Context,
) -> Prescription:
    ex = option.exercise
    dose = option.doses[week]
    ladder, rung = rungs.get(ex.id, (None, None))
    return Prescription(
        id=ex.id,
        name=ex.name,
        issues=ex.issues,
        role=ex.role,
        sets=dose.sets,
        reps=dose.reps,
        hold_s=dose.hold_s,
        side="each" if ex.unilateral else "both",
        load=dose.load,
        rest_s=dose.rest_s,
        minutes=dose.tenths / 10,
        equipment=ex.equipment,
        position=ex.position,
        planes=ex.planes,
        loaded=ex.loaded,
        cues=allowed_cues(ex, restrictions),
        tempo=dose.tempo,
        level=ex.level,
        fault=ex.fault,
        why=_why(ex, plan, ctx),
        evidence=ex.evidence,
        source=ex.source,
        tags=ex.tags,
        targets=ex.targets,
        ladder=ladder,
        rung=rung,
        family=ex.family,
        load_type=ex.load_type,
        effort=dose.effort,
        extra=option.extra,
    )


def _dates(profile: Profile, week: int) -> dict[str, dt.date | None]:
    """Each training day's date in program week ``week``: week 1 runs from the start
    date for seven days, so sessions fall in date order (``profile.days``)."""
    if profile.start is None:
        return {d: None for d in profile.days}
    first = profile.start
    return {
        d: first + dt.timedelta(days=(DAYS.index(d) - first.weekday()) % 7 + 7 * (week - 1))
        for d in profile.days
    }


def _ruled_out(
    plan: Plan,
    bp: BlockPlan,
    cover: Coverage,
    catalogue: Mapping[str, Exercise],
    weeks: Collection[int],
    before: Collection[Exercise] = (),
) -> tuple[str, ...]:
    """The safety rules that keep ``cover`` unmet in block ``bp``'s ``weeks``: for each
    of its groups no usable exercise meets, every exercise of the catalogue that would
    (with the person's equipment, not one they avoid) is excluded by a rule in force in
    one of those weeks, or held back by a rule's step the blocks before (which held
    ``before``) have not opened, and these are those rules; or, for a group whose every exercise
    needs equipment the person did not list, that equipment (:data:`~.program.LACKS`).
    () when something else is the reason for a group (the time, the level, a drill not
    yet learnt, a rule of a stage the block also spans) or the catalogue holds nothing
    for it."""
    avoid = set(plan.profile.preferences.avoid)
    in_force = {r.id for r in bp.restrictions.rules if set(plan.safety.weeks_of(r.id)) & set(weeks)}
    by: set[str] = set()
    for group in cover.groups:
        if any(group.fits(ex) for ex in bp.usable):
            continue
        fitting = [ex for ex in catalogue.values() if group.fits(ex) and ex.id not in avoid]
        could = [ex for ex in fitting if set(ex.equipment) <= plan.available]
        if fitting and not could:
            # Nothing the person's equipment allows: what it lacks is the reason (a step
            # for a step-up), not the time. The exercises needing least name it.
            lacking = [frozenset(ex.equipment) - plan.available for ex in fitting]
            fewest = min(len(items) for items in lacking)
            by.update(f"{LACKS}{e}" for items in lacking if len(items) == fewest for e in items)
            continue
        ruling = [
            (set(bp.restrictions.excluded.get(ex.id, ())) & in_force)
            # A step not yet climbed (abduction held still before the leg is lifted):
            # the rule's order keeps it out, not the time.
            or {
                st.rule
                for st in bp.demands.steps
                if st.rule and st.gates(ex) and not st.ready(before)
            }
            for ex in could
        ]
        if not could or not all(ruling):
            return ()
        for rules in ruling:
            by.update(rules)
    return tuple(sorted(by))


def _held_by(
    plan: Plan,
    c: Chosen,
    previous: Chosen | None,
    cover: Coverage | None = None,
    short: str | None = None,
) -> tuple[str, ...]:
    """What leaves no room in block ``c`` for ``cover``, an optional demand the solver
    left out although usable exercises meet it, or for the hard sets issue ``short``
    needs to build strength (its floor), as a warning's ``by`` names it
    (:data:`~.program.HELD`); () when the solver cannot show it.

    The block's model is asked again, in explain mode, with the demand (or the floor)
    required and what the plan holds (its issues, the optional demands it met, what it
    reached of the other floors) kept by assumption literals beside the model's own:
    infeasible, its conflicting set is made minimal by asking again without each part
    in turn, so each part named is needed. The session time is named only when more
    minutes would make room: a warning blamed the time for sessions using 11-27 of 60
    minutes, where a weekly cap and a rule's limit on the day before a sport day held
    the work out."""
    seed = plan.profile.seed or 0
    bp = attrs.evolve(c.plan, dropped=tuple(d for d in c.plan.dropped if d != cover))
    n = bp.demands.coverage.index(cover) if cover is not None else -1
    built = _Model(plan, bp, previous, seed, explain=True)
    m = built.model
    if cover is not None:
        if n not in built.optional:
            return ()
        m.add(built.optional[n] == 1)
    else:
        vol = next((v for v in bp.demands.volume if v.issue == short), None)
        if vol is None or short not in built.include:
            return ()
        m.add(built.include[vol.issue] == 1)
        m.add(built.hard_sets[vol.issue] >= vol.floor)
    label_of = dict(built.assumptions)
    lits = {label_of[lit.index]: lit for lit in built.literals}
    itself = lits.pop(f"cover:{n}", None)
    if itself is not None:
        m.add(itself == 1)  # the demand asked about is required, not a suspect
    for issue in sorted(c.included):
        lit = m.new_bool_var(f"issue:{issue}")
        m.add(built.include[issue] == 1).only_enforce_if(lit)
        lits[f"issue:{issue}"] = lit
    for k, wanted in sorted(built.optional.items()):
        if k != n and bp.demands.coverage[k] not in c.plan.dropped:
            lit = m.new_bool_var(f"met:{k}")
            m.add(wanted == 1).only_enforce_if(lit)
            lits[f"met:{k}"] = lit
    # The sets up to each issue's floor weigh more in the plan than an optional demand
    # when several issues would lose them: what the plan reached of each floor is kept.
    for vol in bp.demands.volume:
        if vol.floor and vol.issue in c.included and vol.issue != short:
            got = sum(
                c.options[e].first_sets
                for ids in c.sessions
                for e in ids
                if vol.issue in c.options[e].exercise.issues
                and c.options[e].exercise.role in vol.roles
            )
            lit = m.new_bool_var(f"floor:{vol.issue}")
            m.add(built.hard_sets[vol.issue] >= min(vol.floor, got)).only_enforce_if(lit)
            lits[f"floor:{vol.issue}"] = lit
    budget = built.budget * 10

    def conflict(labels: Sequence[str]) -> list[str] | None:
        m.clear_assumptions()
        m.add_assumptions([lits[label] for label in labels])
        solver = built.solver(seed, budget)
        if solver.solve(m) != built.cp.INFEASIBLE:
            return None
        index = {lits[label].index: label for label in labels}
        return sorted(index[i] for i in solver.sufficient_assumptions_for_infeasibility())

    def named(label: str) -> str:
        """What a warning names for one of the conflict's labels."""
        kind, _, rest = label.partition(":")
        if kind in ("cover", "met"):
            return f"work.{bp.demands.coverage[int(rest)].rule or 'engine'}"
        if kind == "opens":
            return f"work.{rest if rest and rest != 'None' else 'engine'}"
        if kind in ("issue", "focus"):
            return "work.engine"
        if kind == "limit":
            return f"limit.{bp.demands.limits[int(rest)].rule}"
        return kind

    core = conflict(sorted(lits))
    if core is None:
        return ()
    # Each thing a warning would name is asked about once, all its labels together (a
    # solve per label cost a sixth of a footballer's planning); the time first, so it is
    # named only when no conflict without it holds.
    for name in sorted({named(label) for label in core}, key=lambda n: (n != "time", n)):
        smaller = conflict([label for label in core if named(label) != name])
        if smaller is not None:
            core = smaller
    held = {named(label) for label in core}
    return tuple(sorted(f"{HELD}{h}" for h in held))


def _warnings(
    plan: Plan, chosen: Sequence[Chosen], catalogue: Mapping[str, Exercise]
) -> list[WarningDetail]:
    out: list[WarningDetail] = []
    schedule = plan.profile.schedule
    for issue in plan.trained:
        missing = [c.block for c in chosen if issue not in c.included]
        if missing:
            weeks = sorted(w for b in missing for w in b.weeks)
            out.append(engine_warning("left_out", schedule, issue=issue, weeks=weeks))
    for issue in plan.trained:
        short: dict[int, list[int]] = {}
        # Per block short of the floor, what leaves no room for more ((): not shown).
        room: list[tuple[str, ...]] = []
        for number, c in enumerate(chosen):
            if issue not in c.included:
                continue
            vol = next((v for v in c.plan.demands.volume if v.issue == issue), None)
            if vol is None or not vol.floor:
                continue
            got = {w: _hard_sets_in(c, w, issue, vol.roles) for w in c.block.loading_weeks}
            weeks = [w for w, sets in got.items() if sets < vol.floor]
            for week in weeks:
                short.setdefault(got[week], []).append(week)
            if weeks:
                previous = chosen[number - 1] if number else None
                room.append(_held_by(plan, c, previous, short=issue))
        if short:
            fewest = min(short)
            weeks = sorted(w for ws in short.values() for w in ws)
            # Named only when shown in every block short of it; else the advice alone.
            named = tuple(sorted({h for hs in room for h in hs})) if all(room) else ()
            out.append(
                engine_warning(
                    "below_floor",
                    schedule,
                    issue=issue,
                    weeks=weeks,
                    detail=str(fewest),
                    by=named,
                    rules=plan.safety.registry.safety_rules,
                )
            )
    unmet: dict[Coverage, list[int]] = {}
    # Per unmet demand, the rules keeping it out in each block ((): something else).
    ruled: dict[Coverage, list[tuple[str, ...]]] = {}
    done: list[Exercise] = []  # the work of the blocks before, which opens their steps
    for number, c in enumerate(chosen):
        before = tuple(done)
        done.extend(catalogue[e] for ids in c.sessions for e in ids if e in catalogue)
        for cover in c.plan.dropped:
            if not cover.warned:
                continue
            if cover.issue is not None and cover.issue not in c.included:
                continue  # the issue is left out of the block: its warning says so
            span = c.block.loading_weeks if cover.scope == "week" else c.block.weeks
            # A rule in force in only some of the block's weeks (a stage that ends or
            # begins in it) asks for the work in those weeks only.
            in_force = set(plan.safety.weeks_of(cover.rule)) if cover.rule else set(span)
            these = [w for w in span if w in in_force]
            unmet.setdefault(cover, []).extend(these)
            if these:
                why = _ruled_out(plan, c.plan, cover, catalogue, these, before)
                if not why and cover.optional:
                    # Usable work meets it, so the rules do not keep it out: what does.
                    why = _held_by(plan, c, chosen[number - 1] if number else None, cover)
                ruled.setdefault(cover, []).append(why)
    for cover, weeks in sorted(unmet.items(), key=lambda kv: kv[0].what):
        if not weeks:
            continue
        # Named only when the rules are the reason in every block it is unmet in; else
        # the warning names every possible reason, the time among them.
        by = ruled.get(cover, [])
        rules = tuple(sorted({r for rs in by for r in rs})) if by and all(by) else ()
        out.append(
            engine_warning(
                "unmet",
                schedule,
                issue=cover.issue if cover.rule else None,
                rule=cover.rule,
                weeks=sorted(set(weeks)),
                detail=cover.what,
                by=rules,
                rules=plan.safety.registry.safety_rules,
                equipment=plan.safety.registry.equipment,
            )
        )
    if not plan.trained:
        out.append(engine_warning("no_issue", schedule))
    return out


def _hard_sets_in(c: Chosen, week: int, issue: str, roles: frozenset[str] = HARD_ROLES) -> int:
    total = 0
    for ids in c.sessions:
        for e in ids:
            option = c.options[e]
            ex = option.exercise
            if issue in ex.issues and ex.role in roles:
                total += option.doses[week].sets
    return total


def plan(
    profile: Profile,
    findings: Sequence[Finding],
    safety: ProgramSafety,
    person: PersonModel | None,
    ctx: Context,
) -> Program:
    """Plan, dose and assemble the program for a screened ``profile``.

    Raises :class:`~gluteus.Infeasible` when the hard constraints cannot all hold.
    """
    the_plan = _make_plan(profile, findings, safety, person, ctx)
    seed = profile.seed or 0
    chosen: list[Chosen] = []
    previous: Chosen | None = None
    blocks = the_plan.skeleton.blocks
    learnt: set[str] = set()  # families of the unloaded work done so far
    lifted: set[str] = set()  # the lifts (ids) done with an external load so far
    floors: dict[FloorKey, int] = {}  # -> the highest rung done
    resumed: dict[str, Dose] = {}  # exercise -> its dose in the latest block that did it
    for number, block in enumerate(blocks):
        # Each block is dosed knowing what the blocks before it did (see dosing.keeps_reps).
        carried = _carried(previous)
        resumed.update(carried)
        planned = functools.partial(
            _block_plan,
            the_plan,
            block,
            ctx,
            carried,
            frozenset(learnt),
            floors,
            resumed=dict(resumed),
            loaded=frozenset(lifted),
        )
        bp = planned()
        _precheck(the_plan, bp, ctx)
        # Embedding apps: progress between blocks, and where a cancelled generate stops.
        ctx.checkpoint("plan", number, len(blocks))
        try:
            previous = _solve_block(the_plan, bp, previous, seed)
        except Infeasible:
            # Doses that add sets week by week (or carry on from an earlier block) can
            # outgrow short sessions beside the work every session must hold: the block
            # is planned again with its sets held, before it is called a conflict.
            held = planned(steady=True)
            if held.options == bp.options:
                raise
            previous = _solve_block(the_plan, held, previous, seed)
        chosen.append(previous)
        done = [previous.options[e].exercise for ids in previous.sessions for e in ids]
        learnt.update(ex.family for ex in done if not ex.loaded)
        # Per lift, not per movement family: a first barbell deadlift after dumbbell
        # Romanian deadlifts is a new lift, and starts moderate (a ``first_load`` cap).
        lifted.update(ex.id for ex in done if ex.load_type == "external")
        for ids in previous.sessions:
            for e in ids:
                ex = previous.options[e].exercise
                if e in the_plan.rungs and ex.role != "activation":
                    ladder, rung = the_plan.rungs[e]
                    key = floor_key(ladder, ex)
                    floors[key] = max(floors.get(key, rung), rung)
    return _assemble(the_plan, chosen, ctx)


def _carried(previous: Chosen | None) -> dict[str, Dose]:
    """The doses of the exercises done in ``previous``'s last loading week."""
    if previous is None or not previous.block.loading_weeks:
        return {}
    last = previous.block.loading_weeks[-1]
    done = {ex_id for session in previous.sessions for ex_id in session}
    return {ex_id: previous.options[ex_id].doses[last] for ex_id in sorted(done)}


def _assemble(plan: Plan, chosen: Sequence[Chosen], ctx: Context) -> Program:
    profile = plan.profile
    rungs = plan.rungs
    weeks: list[Week] = []
    for c in chosen:
        opens = frozenset(r for req, _ in c.plan.demands.opens for r in req.roles)
        for week in c.block.weeks:
            dates = _dates(profile, week)
            sessions: list[Session] = []
            for day, ids in zip(profile.days, c.sessions, strict=True):
                ordered = sorted(ids, key=lambda e: _order_key(c.options[e].exercise, opens))
                exercises = [
                    _prescription(c.options[e], week, plan, c.plan.restrictions, rungs, ctx)
                    for e in ordered
                ]
                sessions.append(Session(day=day, date=dates[day], exercises=exercises))
            weeks.append(
                Week(
                    number=week,
                    phase=PHASE_NAMES[c.block.phase],
                    deload=week == c.block.deload,
                    block=c.block.number,
                    sessions=sessions,
                )
            )
    phases = tuple(
        Phase(
            name=PHASE_NAMES[kind],
            kind=kind,
            weeks=w,
            goal=phase_goal(kind, plan.safety, w),
            note=phase_note(plan.skeleton, kind),
        )
        for kind, w in plan.skeleton.phases
    )
    everywhere = plan.safety.everywhere
    version, plugins = engine_info(ctx)
    return Program(
        status="ok",
        profile=profile,
        engine_version=version,
        plugins=plugins,
        findings=plan.findings,
        phases=phases,
        weeks=green_gated(weeks) if amber_baseline(profile.pain) else weeks,
        warnings=_warnings(plan, chosen, ctx.registry.exercises),
        issues=issue_info(ctx, tuple(f.issue for f in plan.findings)),
        safety_rules=plan.safety.rule_entries(),
        person=tuple(plan.person.to_list()) if plan.person else (),
        stop_signs=everywhere.stop_signs,
        notes=plan.safety.notes_in(kind for kind, _ in plan.skeleton.phases),
    )


__all__ = ["PHASES", "plan"]
