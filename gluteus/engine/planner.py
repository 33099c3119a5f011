"""The planner: from a screened profile and the plugins' content to a :class:`Program`.

Three stages (DESIGN.md, "The planner"):

1. **Skeleton** (:mod:`.skeleton`): phases, blocks and deloads, by arithmetic.
2. **Selection and scheduling**: for each block, in order, a CP-SAT model chooses
   which exercises go into which session of the block's week; the week repeats
   through the block and the block is fixed before the next is solved. This is
   the shape the prototype measured as fast and deterministic (one worker, a
   fixed seed, a deterministic time budget, the model built in sorted order).
3. **Dosing** (:mod:`.dosing`): sets, reps or holds, rest, tempo and load per
   week from the plugins' rules, rising through a block and cut in its deload.

Hard constraints are enforced by construction (equipment, safety exclusions,
avoided exercises and the phase's level window filter the candidates) or by the
model (session time budget; activation before loaded work; sessions opening with
activation where a rule says so; weekly plane and role coverage the rules ask
for; at least one exercise a week for every issue trained; no identical loaded
exercise on consecutive days). Issues found by screening are trained when they
fit, the most severe first; one that does not fit is left out and named in the
program's warnings. Issues in the profile's ``focus`` must fit: when they cannot,
:class:`~gluteus.Infeasible` says which constraints conflict, from plain Python
pre-checks or from the solver's own infeasible core (assumption literals).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

from .dosing import Dose, NoDoseRule, choose_rule, week_dose
from .errors import GluteusError, Infeasible
from .model import DAYS, PHASES, Exercise, Finding, Requirement
from .program import (
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
from .safety import ProgramSafety, Restrictions, found_issues
from .skeleton import PHASE_GOALS, PHASE_NAMES, Block, Skeleton, build_skeleton

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from .context import Context
    from .person import PersonModel
    from .profile import Profile

# --- Tunables, each with its reason ---------------------------------------------------

LEVEL_WINDOW: dict[str, dict[str, int]] = {
    "activation": {"novice": 2, "intermediate": 3, "advanced": 3},
    "strength": {"novice": 3, "intermediate": 4, "advanced": 5},
    "power": {"novice": 4, "intermediate": 5, "advanced": 5},
}
"""Highest exercise level (the ladder rung) allowed per phase and experience: the
ladders of EVIDENCE.md §1 are climbed as the phases advance."""

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
"""Power work waits for the power phase (EVIDENCE.md §4: entered after the strength
weeks, once the criteria gate is passed)."""

MAX_EXERCISES = 10
"""At most this many exercises in one session, however long: quality over quantity."""

BUDGET_BASE = 0.005
BUDGET_PER_CHOICE = 0.00006
"""Deterministic time limit per block: a base plus a little per (session, exercise)
choice, in CP-SAT's own work units rather than wall-clock seconds, so a busy machine
gives the same plan. Measured over 40 generated profiles (131 blocks) against a
budget of 0.3 per block: no issue left out that the long search kept, and soft
goals within about 0.5% of its objective, in a seventh of the time."""

BUDGET_RETRIES = 4
"""When a budget ends before any plan is found, it is tripled, at most this often."""

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

# Objective weights. Including an issue dominates everything else; then the share of
# time each issue gets, in proportion to its severity; then quality terms.
W_INCLUDE = 10_000_000
W_SHARE = 100
W_FILL = 10
W_ACTIVATION = 20
W_PREFER = 6_000
W_REUSE = 1_500
W_NEXT_RUNG = 2_500
W_LEVEL = 300
W_WEAKER = 1_000
W_REPEAT = 700
W_NOISE = 250


def _priority(finding: Finding) -> int:
    """How strongly an issue competes for time: its severity (a focus issue at least 2)."""
    return max(finding.severity, 2 if finding.focus else 1)


# --- Candidates -------------------------------------------------------------------


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@frozen
class Need:
    """A weekly demand on the program: exercises of ``issue`` covering ``planes`` or
    ``roles``. ``each``: every listed plane/role; otherwise any one of them."""

    issue: str | None
    planes: tuple[str, ...] = field(converter=_tuple)
    roles: tuple[str, ...] = field(converter=_tuple)
    each: bool
    rule: str | None

    def groups(self) -> list[tuple[str, frozenset[str]]]:
        """(label, kinds) pairs: one per plane/role that must be present, or one for any."""
        if self.each:
            return [(p, frozenset({p})) for p in self.planes] + [
                (r, frozenset({r})) for r in self.roles
            ]
        out: list[tuple[str, frozenset[str]]] = []
        if self.planes:
            out.append((" or ".join(self.planes), frozenset(self.planes)))
        if self.roles:
            out.append((" or ".join(self.roles), frozenset(self.roles)))
        return out

    def covers(self, exercise: Exercise, kinds: frozenset[str]) -> bool:
        """True when ``exercise`` counts towards the group ``kinds`` of this need."""
        if self.issue is not None and self.issue not in exercise.issues:
            return False
        return bool(kinds & (set(exercise.planes) | {exercise.role}))


@frozen
class Demand:
    """Something every week (or session) must hold, met by any exercise ``fits``
    accepts: ``what`` says it in plain words; ``issue`` is whose it is, if anyone's."""

    what: str
    issue: str | None
    fits: Callable[[Exercise], bool] = field(eq=False)


def _serves(issue: str, ex: Exercise) -> bool:
    return issue in ex.issues


def _covers(need: Need, kinds: frozenset[str], ex: Exercise) -> bool:
    return need.covers(ex, kinds)


def _has_role(roles: tuple[str, ...], ex: Exercise) -> bool:
    return ex.role in roles


def _rule_of(req: Requirement, restrictions: Restrictions) -> str | None:
    return restrictions.rule_for(req)


@frozen
class Plan:
    """Everything the per-block models share for one profile."""

    profile: Profile
    findings: tuple[Finding, ...]
    restrictions: Restrictions
    skeleton: Skeleton
    trained: tuple[str, ...]  # issues to train (found or focus), most severe first
    priority: Mapping[str, int]
    focus: frozenset[str]
    usable: tuple[Exercise, ...]  # allowed by equipment, rules and preferences
    partners: Mapping[str, tuple[tuple[str, ...], ...]]  # loaded id -> drills per requirement
    before_loaded: tuple[tuple[Requirement, str | None], ...]
    opens: tuple[tuple[Requirement, str | None], ...]
    needs: tuple[Need, ...]
    weaker: Mapping[str, str]  # issue -> weaker side
    next_rungs: Mapping[str, tuple[str, ...]]  # exercise -> the rungs above it on its ladders
    safety: ProgramSafety | None = None
    person: PersonModel | None = None

    def demands(self) -> list[Demand]:
        """Every demand the program must meet: each trained issue, each plane or role a
        rule asks of it every week, and each role sessions must open with."""
        out = []
        for issue in self.trained:
            why = "you asked to focus on it" if issue in self.focus else "screening found it"
            out.append(
                Demand(
                    f"{issue} must be trained every week ({why})",
                    issue,
                    functools.partial(_serves, issue),
                )
            )
        for need in self.needs:
            if need.issue is not None and need.issue not in self.trained:
                continue
            whose = f"{need.issue} " if need.issue else ""
            by = f" (rule {need.rule})" if need.rule else ""
            for label, kinds in need.groups():
                out.append(
                    Demand(
                        f"{whose}work in the {label} plane or role is needed every week{by}",
                        need.issue,
                        functools.partial(_covers, need, kinds),
                    )
                )
        for req, rule in self.opens:
            out.append(
                Demand(
                    f"every session must open with {'/'.join(req.roles)} work (rule {rule})",
                    None,
                    functools.partial(_has_role, req.roles),
                )
            )
        return out


def _usable(profile: Profile, restrictions: Restrictions, ctx: Context) -> list[Exercise]:
    have = ctx.registry.available(profile.equipment)
    avoid = set(profile.preferences.avoid)
    return [
        ex
        for _, ex in sorted(ctx.registry.exercises.items())
        if ex.id not in avoid and restrictions.allows(ex.id) and set(ex.equipment) <= have
    ]


def _partner_map(
    exercises: Sequence[Exercise], before_loaded: Sequence[tuple[Requirement, str | None]]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each loaded exercise, per before-loaded requirement, the drills that may
    prepare it: unloaded, of the required roles, sharing a target."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for ex in exercises:
        if not ex.loaded:
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


def _dosable(ex: Exercise, experience: str, ctx: Context) -> bool:
    """True when some loaded plugin gives a dose rule for it in at least one phase."""
    for phase in PHASES:
        try:
            choose_rule(ex, phase, experience, ctx.registry.dosing)
        except NoDoseRule:
            continue
        return True
    return False


def _prepared(ex: Exercise, partners: Mapping[str, tuple[tuple[str, ...], ...]]) -> bool:
    """True when a loaded exercise has a possible drill for every requirement."""
    return all(partners.get(ex.id, ()))


def _make_plan(
    profile: Profile, findings: Sequence[Finding], restrictions: Restrictions, ctx: Context
) -> Plan:
    trained_ids = found_issues(findings)
    by_issue = {f.issue: f for f in findings}
    priority = {i: _priority(by_issue[i]) for i in trained_ids}
    trained = tuple(sorted(trained_ids, key=lambda i: (-priority[i], i)))
    max_severity = max((by_issue[i].severity for i in trained), default=0)
    skeleton = build_skeleton(
        profile.schedule.weeks, profile.experience, max_severity, found_any=bool(trained)
    )
    reqs = [(r, _rule_of(r, restrictions)) for r in restrictions.requirements]
    before = [(r, rule) for r, rule in reqs if r.kind == "before_loaded"]
    if not any(r.roles == ("activation",) for r, _ in before):
        # The engine's own invariant (verification checks it whatever the rules say).
        before.insert(0, (Requirement(kind="before_loaded", roles=("activation",)), None))
    opens = tuple((r, rule) for r, rule in reqs if r.kind == "session_opens")
    needs = tuple(
        Need(issue=r.issue, planes=r.planes, roles=r.roles, each=r.each, rule=rule)
        for r, rule in reqs
        if r.kind == "weekly"
    )
    usable_all = [
        ex for ex in _usable(profile, restrictions, ctx) if _dosable(ex, profile.experience, ctx)
    ]
    partners = _partner_map(usable_all, before)
    usable = tuple(ex for ex in usable_all if not ex.loaded or _prepared(ex, partners))
    weaker = {f.issue: f.weaker_side for f in findings if f.weaker_side and f.issue in trained_ids}
    return Plan(
        profile=profile,
        findings=tuple(findings),
        restrictions=restrictions,
        skeleton=skeleton,
        trained=trained,
        priority=priority,
        focus=frozenset(f.issue for f in findings if f.focus),
        usable=usable,
        partners=partners,
        before_loaded=tuple(before),
        opens=opens,
        needs=needs,
        weaker=weaker,
        next_rungs=_ladder_next(ctx),
    )


# --- Pre-checks: plain-words conflicts before any solving ---------------------------


def _why_ruled_out(
    exercises: Iterable[Exercise], plan: Plan, ctx: Context
) -> tuple[list[str], list[str]]:
    """Why each of ``exercises`` is unusable, summarised, and what would change it."""
    profile = plan.profile
    avoided: list[str] = []
    missing: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    unprepared: list[str] = []
    undosed: list[str] = []
    for ex in exercises:
        if not _dosable(ex, profile.experience, ctx):
            undosed.append(ex.id)
        if ex.id in profile.preferences.avoid:
            avoided.append(ex.id)
        lacking = sorted(set(ex.equipment) - set(profile.equipment))
        for item in lacking:
            missing[item] = missing.get(item, 0) + 1
        for rule_id in plan.restrictions.excluded.get(ex.id, ()):
            by_rule[rule_id] = by_rule.get(rule_id, 0) + 1
        # The partner map holds every allowed, dosable loaded exercise: one of those
        # is unusable only for want of an activation drill to go before it.
        if ex.id in plan.partners and not _prepared(ex, plan.partners):
            unprepared.append(ex.id)
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
        rules = sorted(by_rule)
        reasons.append("safety rules exclude some (" + ", ".join(rules) + ")")
        changes.append("the safety exclusions stay; a physiotherapist can tailor work around them")
    if undosed:
        reasons.append(
            f"no loaded plugin gives a dose rule for {len(undosed)} of them "
            f"({', '.join(undosed[:3])})"
        )
    if unprepared:
        reasons.append(
            "the loaded ones have no usable activation drill for the same muscles to go first"
        )
    return reasons, changes


def _precheck(plan: Plan, ctx: Context) -> None:
    """Raise :class:`Infeasible` for a trained issue or a demand no usable exercise meets."""
    conflicts: list[str] = []
    changes: list[str] = []
    catalogue = sorted(ctx.registry.exercises.values(), key=lambda e: e.id)

    def report(what: str, pool: list[Exercise], issue: str | None) -> None:
        reasons, fixes = _why_ruled_out(pool, plan, ctx)
        detail = "; ".join(reasons) if reasons else "no loaded plugin offers one"
        conflicts.append(f"{what}, but every exercise for it is ruled out: {detail}")
        changes.extend(f for f in fixes if f not in changes)
        if issue in plan.focus:
            tip = f"remove {issue} from focus"
            if tip not in changes:
                changes.append(tip)

    for demand in plan.demands():
        if not any(demand.fits(ex) for ex in plan.usable):
            report(demand.what, [ex for ex in catalogue if demand.fits(ex)], demand.issue)
    if conflicts:
        raise Infeasible(conflicts, changes)


# --- One block's model ---------------------------------------------------------------


@frozen
class Option:
    """A candidate exercise in one block, with its dose for every week of the block."""

    exercise: Exercise
    doses: Mapping[int, Dose]  # week number -> dose
    extra: tuple[str, int] | None  # (weaker side, extra sets) when it gets extra work

    @property
    def tenths(self) -> int:
        """The most time it takes in any week of the block, in tenths of a minute."""
        return max(d.tenths for d in self.doses.values())


@frozen
class Chosen:
    """A solved block: each session's exercise ids and the issues it trains."""

    block: Block
    sessions: tuple[tuple[str, ...], ...]
    options: Mapping[str, Option]
    included: frozenset[str]


def _window(plan: Plan, phase: str) -> list[Exercise]:
    top = LEVEL_WINDOW[phase][plan.profile.experience]
    cap = plan.restrictions.cap.max_level
    if cap is not None:
        top = min(top, cap)
    roles = PHASE_ROLES[phase]
    inside = [ex for ex in plan.usable if ex.level <= top and ex.role in roles]
    chosen = {ex.id for ex in inside}
    # A demand the window cannot meet is met by its easiest usable exercises instead,
    # so that a phase never drops an issue its level window happens to leave out.
    for demand in plan.demands():
        fits = [ex for ex in plan.usable if demand.fits(ex)]
        if fits and not any(ex.id in chosen for ex in fits):
            lowest = min(ex.level for ex in fits)
            for ex in fits:
                if ex.level == lowest and ex.id not in chosen:
                    inside.append(ex)
                    chosen.add(ex.id)
    # Loaded work needs its drills in reach too.
    by_id = {ex.id: ex for ex in plan.usable}
    for ex in list(inside):
        for drills in plan.partners.get(ex.id, ()):
            for drill in drills:
                if drill not in chosen and drill in by_id:
                    inside.append(by_id[drill])
                    chosen.add(drill)
    return sorted(inside, key=lambda e: e.id)


def _options(plan: Plan, block: Block, ctx: Context) -> dict[str, Option]:
    profile = plan.profile
    cap = plan.restrictions.cap
    out: dict[str, Option] = {}
    for ex in _window(plan, block.phase):
        try:
            rule = choose_rule(
                ex, block.phase, profile.experience, ctx.registry.dosing, plan.trained
            )
        except NoDoseRule:
            # Without a rule it cannot be dosed in this phase; the plugin contract
            # check reports the gap to the plugin's author.
            continue
        extra: tuple[str, int] | None = None
        if ex.unilateral:
            sides = [
                plan.weaker[i]
                for i in sorted(ex.issues, key=lambda i: (-plan.priority.get(i, 0), i))
                if i in plan.weaker
            ]
            if sides:
                extra = (sides[0], 1)
        doses: dict[int, Dose] = {}
        previous: Dose | None = None
        for step, week in enumerate(block.loading_weeks):
            previous = doses[week] = week_dose(
                ex, rule, step, cap, extra_sets=extra[1] if extra else 0
            )
        if block.deload is not None:
            doses[block.deload] = week_dose(
                ex, rule, 0, cap, deload_after=previous, extra_sets=extra[1] if extra else 0
            )
        out[ex.id] = Option(exercise=ex, doses=doses, extra=extra)
    return out


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

    EVIDENCE.md: values are not on one scale across studies; this only breaks ties
    towards exercises with higher published activation.
    """
    values = [v for v in (ex.activation.gmax, ex.activation.gmed) if v is not None]
    return int(min(100, max(values))) if values else 0


def _ladder_next(ctx: Context) -> dict[str, tuple[str, ...]]:
    nxt: dict[str, list[str]] = {}
    for _, ladder in sorted(ctx.registry.ladders.items()):
        ids = ladder.exercise_ids
        for a, b in itertools.pairwise(ids):
            nxt.setdefault(a, []).append(b)
    return {k: tuple(v) for k, v in nxt.items()}


class _Model:
    """Builds one block's CP-SAT model; in ``explain`` mode every hard constraint group
    is guarded by an assumption literal so the solver can name a conflicting set."""

    def __init__(
        self,
        plan: Plan,
        block: Block,
        options: Mapping[str, Option],
        previous: Chosen | None,
        ctx: Context,
        seed: int,
        explain: bool = False,
    ) -> None:
        from .solver import load_cp_model

        cp_model = load_cp_model()
        self.cp = cp_model
        self.model = cp_model.CpModel()
        self.plan = plan
        self.block = block
        self.options = options
        self.explain = explain
        self.assumptions: dict[int, str] = {}
        self.literals: list[Any] = []
        self.days = plan.profile.days
        n_sessions = len(self.days)
        ids = sorted(options)
        self.ids = ids
        m = self.model
        self.x = {(s, e): m.new_bool_var(f"x_{s}_{e}") for s in range(n_sessions) for e in ids}
        self.used = {e: m.new_bool_var(f"used_{e}") for e in ids}
        for e in ids:
            column = [self.x[s, e] for s in range(n_sessions)]
            m.add_max_equality(self.used[e], column)
        self.include = {i: m.new_bool_var(f"include_{i}") for i in plan.trained}
        self._hard(previous)
        if not explain:
            self._objective(previous, ctx, seed)

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

    def _hard(self, previous: Chosen | None) -> None:
        m, plan, x, ids = self.model, self.plan, self.x, self.ids
        sessions = range(len(self.days))
        budget = plan.profile.schedule.minutes_per_session * 10
        g_time = self._guard("time")
        g_size = self._guard("size")
        for s in sessions:
            self._add(m.add(sum(self.options[e].tenths * x[s, e] for e in ids) <= budget), g_time)
            self._add(m.add(sum(x[s, e] for e in ids) >= 1), g_size)
            self._add(m.add(sum(x[s, e] for e in ids) <= MAX_EXERCISES), g_size)
        # Loaded work only with a drill for the same muscles in the same session.
        g_prep = self._guard("before_loaded")
        for e in ids:
            for partner in plan.partners.get(e, ()):
                drills = [d for d in partner if d in self.options]
                for s in sessions:
                    self._add(m.add(x[s, e] <= sum(x[s, d] for d in drills)), g_prep)
        for req, rule in plan.opens:
            g = self._guard(f"opens:{rule}")
            openers = [e for e in ids if self.options[e].exercise.role in req.roles]
            for s in sessions:
                self._add(m.add(sum(x[s, e] for e in openers) >= 1), g)
        # Every issue trained: at least one of its exercises a week, and the weekly
        # demands the rules make of it.
        for issue in plan.trained:
            lit = self.include[issue]
            serving = [e for e in ids if issue in self.options[e].exercise.issues]
            m.add(sum(x[s, e] for s in sessions for e in serving) >= 1).only_enforce_if(lit)
            if issue in plan.focus:
                self._add(m.add(lit == 1), self._guard(f"focus:{issue}"))
        for n, need in enumerate(plan.needs):
            if need.issue is not None and need.issue not in plan.trained:
                continue
            g = self._guard(f"need:{n}")
            for _, kinds in need.groups():
                covering = [e for e in ids if need.covers(self.options[e].exercise, kinds)]
                total = sum(x[s, e] for s in sessions for e in covering)
                constraint = m.add(total >= 1)
                lits = [g] if g is not None else []
                if need.issue is not None:
                    lits.append(self.include[need.issue])
                if lits:
                    constraint.only_enforce_if(lits)
        # No identical loaded exercise on consecutive days, within the repeating week
        # and across the seam with the block before.
        g_days = self._guard("consecutive")
        loaded = [e for e in ids if self.options[e].exercise.loaded]
        for a, b in _adjacent_pairs(self.days):
            for e in loaded:
                self._add(m.add(x[a, e] + x[b, e] <= 1), g_days)
        if previous is not None:
            # Only the last day of a week and the first of the next cross the seam
            # between blocks; weeks start on the start date's weekday (else Monday).
            start = plan.profile.start
            first = start.weekday() if start is not None else 0
            seam = (DAYS[(first - 1) % 7], DAYS[first])
            last = dict(zip(self.days, previous.sessions, strict=True))
            for a, b in _adjacent_pairs(self.days):
                if (self.days[a], self.days[b]) != seam:
                    continue
                for e in loaded:
                    if e in last[self.days[a]]:
                        self._add(m.add(x[b, e] == 0), g_days)

    # Soft goals ----------------------------------------------------------------------

    def _objective(self, previous: Chosen | None, ctx: Context, seed: int) -> None:
        m, plan, x, ids = self.model, self.plan, self.x, self.ids
        sessions = range(len(self.days))
        budget = plan.profile.schedule.minutes_per_session * 10
        weekly = budget * len(self.days)
        terms: list[Any] = []
        for issue in plan.trained:
            terms.append(W_INCLUDE * 4 ** plan.priority[issue] * self.include[issue])
        # Work shared by severity: each issue's time, up to its share of the week.
        weights = (
            {i: plan.priority[i] for i in plan.trained}
            if plan.trained
            else {i: 1 for i in sorted(ctx.registry.issues)}
        )
        total_weight = sum(weights.values()) or 1
        for issue, weight in sorted(weights.items()):
            target = weekly * weight // total_weight
            serving = [e for e in ids if issue in self.options[e].exercise.issues]
            got = m.new_int_var(0, max(target, 0), f"share_{issue}")
            m.add(got <= sum(self.options[e].tenths * x[s, e] for s in sessions for e in serving))
            terms.append(W_SHARE * weight * got)
        rng = random.Random(seed * 1_000_003 + self.block.number)
        before = set().union(*previous.sessions) if previous is not None else set()
        rungs_up = {n for p in sorted(before) for n in plan.next_rungs.get(p, ())}
        prefer = set(plan.profile.preferences.prefer)
        phase_rank = {"activation": 0, "strength": 1, "power": 2}[self.block.phase]
        for e in ids:
            option = self.options[e]
            ex = option.exercise
            per_pick = W_FILL * option.tenths + W_ACTIVATION * _activation_score(ex)
            if phase_rank and ex.role != "activation":
                per_pick += W_LEVEL * ex.level * phase_rank
            if option.extra is not None:
                per_pick += W_WEAKER
            for s in sessions:
                terms.append((per_pick + rng.randrange(W_NOISE)) * x[s, e])
            if e in prefer:
                terms.append(W_PREFER * self.used[e])  # once per block, not per session
            if e in before and ex.role != "activation":
                terms.append(-W_REUSE * self.used[e])
            if e in rungs_up and e not in before:
                terms.append(W_NEXT_RUNG * self.used[e])
            repeats = m.new_int_var(0, len(self.days), f"repeat_{e}")
            m.add(repeats >= sum(x[s, e] for s in sessions) - 1)
            terms.append(-W_REPEAT * repeats)
        m.maximize(sum(terms))

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
        # Measured: on these small models presolve costs more than it saves, and
        # without it first solutions come sooner at the same budget.
        params.cp_model_presolve = False
        params.log_search_progress = False
        # The solver's own Ctrl-C handler would end a search early and let a
        # different program be written as if nothing had happened, and it leaves
        # SIGINT at its default afterwards. Without it Python's handler stays: the
        # signal is seen as soon as this (short) solve returns, and the run stops.
        params.catch_sigint_signal = False
        return solver


def _solve_block(
    plan: Plan,
    block: Block,
    options: Mapping[str, Option],
    previous: Chosen | None,
    ctx: Context,
    seed: int,
) -> Chosen:
    built = _Model(plan, block, options, previous, ctx, seed)
    cp = built.cp
    budget = built.budget
    for _ in range(BUDGET_RETRIES + 1):
        solver = built.solver(seed, budget)
        status = solver.solve(built.model)
        if status == cp.INFEASIBLE:
            raise _explain(plan, block, options, previous, ctx, seed)
        if status in (cp.OPTIMAL, cp.FEASIBLE):
            break
        budget *= 3  # nothing found yet: more room, still deterministic
    else:
        raise GluteusError(
            f"the planner found no plan for weeks {block.weeks[0]}-{block.weeks[-1]} "
            "within its search budget; please report this profile"
        )
    sessions = tuple(
        tuple(e for e in built.ids if solver.boolean_value(built.x[s, e]))
        for s in range(len(built.days))
    )
    included = frozenset(i for i in plan.trained if solver.boolean_value(built.include[i]))
    return Chosen(block=block, sessions=sessions, options=options, included=included)


def _explain(
    plan: Plan,
    block: Block,
    options: Mapping[str, Option],
    previous: Chosen | None,
    ctx: Context,
    seed: int,
) -> Infeasible:
    """The solver's own set of conflicting constraints (its sufficient assumptions for
    infeasibility, not always the smallest), turned into plain words."""
    built = _Model(plan, block, options, previous, ctx, seed, explain=True)
    built.model.add_assumptions(built.literals)
    solver = built.solver(seed, built.budget * 50)
    status = solver.solve(built.model)
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
        elif kind == "size":
            conflicts.append(f"every session holds between 1 and {MAX_EXERCISES} exercises")
        elif kind == "before_loaded":
            conflicts.append(
                "loaded exercises need an activation drill for the same muscles earlier in "
                "the session"
            )
        elif kind == "opens":
            conflicts.append(f"every session opens with an activation drill (rule {rest})")
        elif kind == "focus":
            conflicts.append(f"you asked to focus on {rest}, so it is trained every week")
            changes.append(f"remove {rest} from focus")
        elif kind == "need":
            need = plan.needs[int(rest)]
            what = " and ".join(need.planes + need.roles)
            whose = f"{need.issue} " if need.issue else ""
            conflicts.append(
                f"{whose}needs {what} work every week"
                + (f" (rule {need.rule})" if need.rule else "")
            )
        elif kind == "consecutive":
            conflicts.append("the same loaded exercise is never done on consecutive days")
            changes.append("train on days with a rest day between them")
    kinds = {label.partition(":")[0] for label in core}
    if "time" in kinds and schedule.sessions_per_week < 7:
        changes.append("add a session a week")
    if kinds & {"focus", "need"} and not plan.profile.equipment:
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


def _rungs(plan: Plan, ctx: Context) -> dict[str, tuple[str, int]]:
    """Each exercise's ladder and rung, once per program: of the ladders it is on, the
    first (by id) that serves an issue being trained, else the first."""
    trained = set(plan.trained)
    out: dict[str, tuple[str, int]] = {}
    for ex_id in ctx.registry.exercises:
        on = sorted(
            ctx.registry.ladders_of(ex_id),
            key=lambda pair: (not set(pair[0].issues) & trained, pair[0].id),
        )
        if on:
            out[ex_id] = (on[0][0].id, on[0][1])
    return out


def _why(ex: Exercise, plan: Plan) -> str:
    served = [i for i in ex.issues if i in plan.trained]
    base = ex.why or f"Trains {', '.join(ex.issues)}."
    if served:
        return f"{base} In this program for: {', '.join(served)}."
    return base


def _prescriptions(
    option: Option, week: int, plan: Plan, rungs: Mapping[str, tuple[str, int]]
) -> list[Prescription]:
    ex = option.exercise
    dose = option.doses[week]
    ladder, rung = rungs.get(ex.id, (None, None))
    out: list[Prescription] = []
    common: dict[str, Any] = dict(
        id=ex.id,
        name=ex.name,
        issues=ex.issues,
        role=ex.role,
        reps=dose.reps,
        hold_s=dose.hold_s,
        load=dose.load,
        rest_s=dose.rest_s,
        equipment=ex.equipment,
        position=ex.position,
        planes=ex.planes,
        loaded=ex.loaded,
        cues=allowed_cues(ex, plan.restrictions),
        tempo=dose.tempo,
        level=ex.level,
        fault=ex.fault,
        evidence=ex.evidence,
        source=ex.source,
        tags=ex.tags,
        targets=ex.targets,
        ladder=ladder,
        rung=rung,
    )
    out.append(
        Prescription(
            sets=dose.sets,
            side="each" if ex.unilateral else "both",
            minutes=dose.main_tenths / 10,
            why=_why(ex, plan),
            **common,
        )
    )
    if option.extra is not None:
        side, sets = option.extra
        issue = next(i for i in ex.issues if plan.weaker.get(i) == side)
        out.append(
            Prescription(
                sets=sets,
                side=side,
                minutes=dose.extra_tenths / 10,
                why=f"Extra work for the weaker {side} side, found in screening for {issue}.",
                **common,
            )
        )
    return out


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


def _warnings(plan: Plan, chosen: Sequence[Chosen], ctx: Context) -> list[WarningDetail]:
    out: list[WarningDetail] = []
    schedule = plan.profile.schedule
    for issue in plan.trained:
        missing = [c.block for c in chosen if issue not in c.included]
        if missing:
            weeks = sorted(w for b in missing for w in b.weeks)
            out.append(engine_warning("left_out", schedule, issue=issue, weeks=weeks))
    if not plan.trained:
        out.append(engine_warning("no_issue", schedule))
    return out


def plan(
    profile: Profile,
    findings: Sequence[Finding],
    safety: ProgramSafety,
    person: PersonModel,
    ctx: Context,
) -> Program:
    """Plan, dose and assemble the program for a screened ``profile``.

    Raises :class:`~gluteus.Infeasible` when the hard constraints cannot all hold.
    """
    the_plan = _make_plan(profile, findings, safety.everywhere, ctx)
    the_plan = attrs.evolve(the_plan, safety=safety, person=person)
    _precheck(the_plan, ctx)
    seed = profile.seed or 0
    chosen: list[Chosen] = []
    previous: Chosen | None = None
    for block in the_plan.skeleton.blocks:
        options = _options(the_plan, block, ctx)
        previous = _solve_block(the_plan, block, options, previous, ctx, seed)
        chosen.append(previous)
    return _assemble(the_plan, chosen, ctx)


def _assemble(plan: Plan, chosen: Sequence[Chosen], ctx: Context) -> Program:
    profile = plan.profile
    opens = frozenset(r for req, _ in plan.opens for r in req.roles)
    rungs = _rungs(plan, ctx)
    weeks: list[Week] = []
    for c in chosen:
        for week in c.block.weeks:
            dates = _dates(profile, week)
            sessions: list[Session] = []
            for day, ids in zip(profile.days, c.sessions, strict=True):
                ordered = sorted(ids, key=lambda e: _order_key(c.options[e].exercise, opens))
                exercises = [
                    rx for e in ordered for rx in _prescriptions(c.options[e], week, plan, rungs)
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
        Phase(name=PHASE_NAMES[kind], kind=kind, weeks=w, goal=PHASE_GOALS[kind])
        for kind, w in plan.skeleton.phases
    )
    version, plugins = engine_info(ctx)
    return Program(
        status="ok",
        profile=profile,
        engine_version=version,
        plugins=plugins,
        findings=plan.findings,
        phases=phases,
        weeks=weeks,
        warnings=_warnings(plan, chosen, ctx),
        issues=issue_info(ctx, tuple(f.issue for f in plan.findings)),
        safety_rules=plan.safety.rule_entries() if plan.safety else (),
        person=tuple(plan.person.to_list()) if plan.person else (),
        stop_signs=plan.restrictions.stop_signs,
        notes=plan.restrictions.notes,
    )
