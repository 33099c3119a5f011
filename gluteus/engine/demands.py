"""What every week and every session of a program must hold: one list of demands.

The demands come from two places, stated once here:

- the safety rules that apply (their ``requires``, substitutions and ``limits``,
  contributed by plugins as data), and
- the engine's own conventions about what a well-made session is (one variant of a
  movement per session, activation kept short, holds not taking over a session,
  strength work in the strength phase, power work in the power phase) and how much
  work each issue needs a week.

The planner turns each demand into constraints, :func:`Plan <gluteus.engine.planner>`
explains a conflict with its words, and the verifier checks each one on the finished
program: the same objects, so the three can never disagree.

Conventions are labelled as such: the weekly dose that counts comes from Ralston
2017 (about 4–6 hard sets a week per muscle group gain strength in the untrained,
more sets more gain [R]); the cap that stops a long schedule from piling up sets,
the activation block's size and the share holds may take are conventions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen

from .model import Exercise, Finding, Requirement

if TYPE_CHECKING:
    from .safety import Restrictions

# --- The engine's conventions ---------------------------------------------------------

HARD_ROLES: frozenset[str] = frozenset({"strength", "eccentric", "isometric", "power", "stability"})
"""Roles whose sets count as hard sets for an issue's weekly dose; activation drills and
mobility prepare the work rather than being it."""

CAPPED_ROLES: frozenset[str] = HARD_ROLES - {"stability"}
"""Roles whose sets count against an issue's cap and the weekly maximum: balance and
trunk-control sets count towards the need but are dosed by practice time, not fatigue
(Sherrington 2019: about 3 hours of balance a week prevents falls), so they are not
capped like loading."""

FLOOR_SETS = 4
"""Ralston 2017 [R]: about 4–6 hard sets a week per muscle group is the least that
builds strength in the untrained. Below it, the program says so."""

TARGET_SETS: Mapping[int, int] = {1: 4, 2: 6, 3: 8}
"""Hard sets a week the planner aims at for an issue, by its priority (severity, a focus
issue at least 2): the floor for a mild finding, more for marked ones (Ralston 2017:
more sets, more gain). A convention built on that floor."""

CAP_FACTOR = 3
"""An issue's weekly hard sets never go above this many times its target (convention):
room for the different kinds of work an issue's rules ask for, and a stop."""

SPARE_FACTOR = (3, 2)
"""Spare time raises the most severe issue's weekly hard sets to at most 3/2 of its
target (convention); beyond that, time stays free and a session may end early."""

FILL_SHARE = (2, 3)
"""A session of the activation weeks aims to spend about two thirds of its minutes (in
the block's longest week) on the glute work itself, :data:`FILL_ROLES`, where the caps,
the rules and the catalogue leave room (convention). Without it a 45-minute session of
a first week held 11 minutes of drills: no training dose, and a reason to stop coming.
Balance, trunk and mobility work may come on top; they do not fill the time."""

FILL_ROLES: frozenset[str] = CAPPED_ROLES
"""The work that fills a session's time (:data:`FILL_SHARE`): loading and fast work.
Activation drills prime it and have their own short block; they do not fill a session."""

FILL_PHASES: frozenset[str] = frozenset({"activation"})
"""Phases whose sessions are filled to :data:`FILL_SHARE`. From the strength phase each
issue's floor and target give the sessions their work (measured over the bundled and
review profiles: a median session uses 55% of its minutes, the first weeks 44%
without the fill), and a fill in every phase cost the 12-week benchmark case three to
four times its solving time (measured), its later blocks ending their budgets with
plans that left optional demands out."""

WEEKLY_HARD_SETS_MAX = 24
"""The most hard sets in one week, whatever the schedule (convention: about twice the
10 or so weekly sets per muscle where gains level off in trained people, Schoenfeld
2017 [R], for the whole hip), so 24 weeks of six 90-minute sessions do not become
hundreds of sets."""

VOLUME_PHASES: frozenset[str] = frozenset({"strength", "power"})
"""Phases whose weeks must reach an issue's floor; the activation phase aims at half
the target and owns the positions first."""

LOADING_PHASES: frozenset[str] = frozenset({"power"})
"""Phases whose floor counts loading sets only (:data:`CAPPED_ROLES`): the power weeks
keep a strength maintenance dose, and balance and trunk holds, which stay, do not
stand in for it (a convention on Ralston 2017's floor, which is of loading sets)."""

MAX_ACTIVATION_DRILLS = 3
"""At most this many activation exercises in one session when a rule asks sessions to
open with activation (convention: a short primer, not the workout)."""

MAX_ACTIVATION_PLAIN = 2
"""At most this many when no rule asks for it: a warm-up, not a block (convention)."""

MAX_ACTIVATION_TENTHS = 80
"""Activation drills take at most about 8 minutes of a session (convention)."""

ISOMETRIC_SHARE = (2, 5)
"""Isometric holds take at most 2/5 (40%) of a session's minutes (convention), so a
long hold with long rests cannot crowd out the rest of the work."""

MAX_EXERCISES = 10
"""At most this many exercises in one session, however long: quality over quantity."""


TRAINED_EXTRA_SETS: Mapping[str, int] = {"novice": 0, "intermediate": 2, "advanced": 4}
"""Weekly hard sets added to an issue's target by training experience: trained people
need more sets for the same gain (Schoenfeld 2017 [R]: 10 or more sets a week per
muscle do most; Ralston 2017 [R]). Convention on those sources."""


def target_sets(priority: int, phase: str, experience: str = "novice") -> int:
    """The weekly hard sets aimed at for an issue of ``priority`` in ``phase``."""
    target = TARGET_SETS[min(3, max(1, priority))] + TRAINED_EXTRA_SETS.get(experience, 0)
    return target if phase in VOLUME_PHASES else -(-target // 2)


def cap_sets(priority: int, phase: str, experience: str = "novice") -> int:
    """The most weekly hard sets an issue of ``priority`` gets in ``phase``."""
    return CAP_FACTOR * target_sets(priority, phase, experience)


# --- Who is trained, how strongly, and on which side -------------------------------------


def priority_of(finding: Finding) -> int:
    """How strongly an issue competes for time: its severity (a focus issue at least 2)."""
    return max(finding.severity, 2 if finding.focus else 1)


@frozen
class Training:
    """The issues a program trains (found or in focus), most severe first, with their
    priorities, the focus issues, and the one weaker side screening names (with the
    issues that name it)."""

    trained: tuple[str, ...]
    priority: Mapping[str, int]
    focus: frozenset[str]
    weaker_side: str | None
    weaker_issues: frozenset[str]
    max_severity: int


def training(findings: Iterable[Finding]) -> Training:
    """What screening's findings ask the program to train.

    Extra work goes to a side only when every trained finding that names a weaker side
    names the same one; findings that disagree name none.
    """
    findings = tuple(findings)
    by_issue = {f.issue: f for f in findings}
    ids = [f.issue for f in findings if f.severity >= 1 or f.focus]
    priority = {i: priority_of(by_issue[i]) for i in ids}
    trained = tuple(sorted(ids, key=lambda i: (-priority[i], i)))
    named = {i: by_issue[i].weaker_side for i in trained if by_issue[i].weaker_side}
    sides = set(named.values())
    side = sides.pop() if len(sides) == 1 else None
    return Training(
        trained=trained,
        priority=priority,
        focus=frozenset(f.issue for f in findings if f.focus),
        weaker_side=side,
        weaker_issues=frozenset(named) if side else frozenset(),
        max_severity=max((by_issue[i].severity for i in trained), default=0),
    )


def gets_extra(ex: Exercise, who: Training) -> bool:
    """True when ``ex`` gets extra sets for the weaker side: one side at a time (not
    alternating), for an issue whose finding names the side, and never fast or impact
    work: more landings or fast reps on the side that controls them worst add risk, not
    strength (Lloyd 2014: plyometric work in low volume, alignment first)."""
    return (
        who.weaker_side is not None
        and ex.unilateral
        and not ex.alternating
        and ex.role != "power"
        and "impact" not in ex.tags
        and bool(set(ex.issues) & who.weaker_issues)
    )


# --- Groups: what an exercise must be to count towards a demand ------------------------


def _fs(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@frozen
class Group:
    """Exercises counting towards one part of a demand: of ``issue`` (any, when None),
    of one of ``load_types`` and ``only_roles`` and among ``only_exercises`` (any, when
    empty) and with one of these planes, roles, tags or families."""

    label: str
    issue: str | None = None
    planes: frozenset[str] = field(default=frozenset(), converter=_fs)
    roles: frozenset[str] = field(default=frozenset(), converter=_fs)
    tags: frozenset[str] = field(default=frozenset(), converter=_fs)
    families: frozenset[str] = field(default=frozenset(), converter=_fs)
    load_types: frozenset[str] = field(default=frozenset(), converter=_fs)
    only_roles: frozenset[str] = field(default=frozenset(), converter=_fs)
    only_exercises: frozenset[str] = field(default=frozenset(), converter=_fs)

    def fits(self, ex: Exercise) -> bool:
        """True when ``ex`` counts towards this group."""
        if self.issue is not None and self.issue not in ex.issues:
            return False
        if self.load_types and ex.load_type not in self.load_types:
            return False
        if self.only_roles and ex.role not in self.only_roles:
            return False
        if self.only_exercises and ex.id not in self.only_exercises:
            return False
        return bool(
            self.planes & set(ex.planes)
            or ex.role in self.roles
            or self.tags & ex.all_tags
            or ex.family in self.families
        )


def _phrase(key: str, value: str) -> str:
    """One kind of work in words: ``work in the frontal plane``, ``strength work``."""
    words = value.replace("_", " ")
    if key == "planes":
        return f"work in the {words} plane"
    if key == "families":
        return f"{words} exercises"
    return f"{words} work"


def _groups(req: Requirement) -> tuple[Group, ...]:
    """One group per listed plane/role/tag/family (``each``), else one per kind."""
    kinds = (
        ("planes", req.planes),
        ("roles", req.roles),
        ("tags", req.tags),
        ("families", req.families),
    )
    out: list[Group] = []
    for key, values in kinds:
        if not values:
            continue
        loads = {"load_types": req.load_types}
        held = " with a weight" if req.load_types == ("external",) else ""
        if req.each:
            out.extend(
                Group(_phrase(key, v) + held, issue=req.issue, **{key: (v,)}, **loads)
                for v in values
            )
        else:
            label = " or ".join(_phrase(key, v) for v in values) + held
            out.append(Group(label, issue=req.issue, **{key: values}, **loads))
    return tuple(out)


# --- The demands ---------------------------------------------------------------------------


@frozen
class Coverage:
    """Work that must be there: every group covered in every session (``scope`` session)
    or in every non-deload week (``scope`` week); with ``sessions`` (``scope`` week),
    in at least that many of the week's sessions, or every session when the week has
    fewer (see :meth:`needed`). ``what`` says it in plain words;
    ``rule`` is the safety rule that asks for it (None for the engine's own);
    ``optional`` demands are dropped, with a warning, when no usable exercise meets
    them (the engine's conventions), where a rule's demand is a hard conflict.
    ``warned`` False: a preference of the planner's alone, which the checker does not
    know, so leaving it unmet is never warned about (a warning the checker cannot hold
    against the program would fail it)."""

    what: str
    scope: Literal["week", "session"]
    groups: tuple[Group, ...]
    issue: str | None = None
    rule: str | None = None
    optional: bool = False
    warned: bool = True
    sessions: int | None = None

    def needed(self, in_week: int) -> int:
        """How many of a week of ``in_week`` sessions must hold each group's work
        (scope week): ``sessions``, capped at the week's sessions; one when None."""
        return 1 if self.sessions is None else min(self.sessions, in_week)

    def may_drop(self, focus: Iterable[str]) -> bool:
        """True when the demand may be left unmet, with a warning, if nothing can meet it:
        the engine's conventions, and a rule's demand on an issue screening found (not
        one the person asked to focus on: that is a conflict to report)."""
        if self.optional:
            return True
        return self.rule is not None and self.issue is not None and self.issue not in set(focus)


LOADED_LIFT = Group("loaded strength", roles=("strength",), load_types=("external",))
"""A strength lift held in the hands or on the back (see :func:`loaded_lifts_kept`)."""


def _loaded_lift(families: Sequence[str], what: str, exercises: Iterable[str] = ()) -> Coverage:
    """An optional weekly demand for a lift of ``families`` with an external load (one of
    ``exercises``, when given); ``what`` words it, its ``{}`` the movements. The
    planner's preference: unsaid when unmet (``gluteus check`` does not know it)."""
    words = " or ".join(f.replace("_", " ") for f in families)
    # A strength lift of the movement: an eccentric hip thrust with a dumbbell, dosed
    # by its tempo, does not carry on a barbell hip thrust's climbing load.
    group = Group(
        f"loaded {words}",
        families=families,
        load_types=LOADED_LIFT.load_types,
        only_roles=LOADED_LIFT.roles,
        only_exercises=exercises,
    )
    return Coverage(what.format(words), "week", (group,), optional=True, warned=False)


HIP_LIFT_FAMILIES: tuple[str, ...] = ("deadlift", "hip_thrust", "bridge", "single_leg_rdl")
"""A hip lift: a hinge, a thrust or a bridge (a trained person's main lifts, with
:data:`LEG_LIFT_FAMILIES`)."""

LEG_LIFT_FAMILIES: tuple[str, ...] = (
    "squat",
    "split_squat",
    "step_up",
    "sit_to_stand",
    "single_leg_squat",
)
"""A leg lift: a squat, split squat, step-up, sit to stand or single-leg squat."""

KEPT_MOVEMENTS: tuple[tuple[str, ...], ...] = (HIP_LIFT_FAMILIES, LEG_LIFT_FAMILIES)
"""The movements a power block keeps a loaded lift of, each on its own: a hip lift
(a hinge, thrust or bridge) and a leg lift (a squat, split squat or step-up), the two
main lifts a strength block loads; any other loaded movement is one of its own."""


def loaded_lifts_kept(lifts: Iterable[Exercise]) -> tuple[Coverage, ...]:
    """The power weeks keep, per movement of :data:`KEPT_MOVEMENTS` (a hip lift, a leg
    lift), one of ``lifts`` (the loaded strength lifts of the block before) that is of
    it: strength is kept up while power is trained (ACSM 2009 progression models;
    Haff & Nimphius 2012: power rests on maximal strength, which a power phase keeps
    training). The same lift, not a new one of the movement: a lift new to the person
    starts moderate (a ``first_load`` cap), so a barbell deadlift first met in the
    power weeks would stand at 11RM where the dumbbell Romanian deadlift it replaced
    had reached 8RM, and the load would step back. Each movement is optional on its
    own, a convention (its dose stays the strength rule's, carried on from the block
    before), so a week the rules or the minutes leave without one is not a
    conflict."""
    by_movement: dict[tuple[str, ...], list[Exercise]] = {}
    for ex in lifts:
        movement = next((m for m in KEPT_MOVEMENTS if ex.family in m), (ex.family,))
        by_movement.setdefault(movement, []).append(ex)
    return tuple(
        _loaded_lift(
            sorted({ex.family for ex in kept}),
            "the power weeks keep a loaded strength lift ({}) the block before loaded",
            sorted(ex.id for ex in kept),
        )
        for _, kept in sorted(by_movement.items())
    )


def loaded_lifts_progressed(families: Iterable[str]) -> tuple[Coverage, ...]:
    """A strength block after one that loaded lifts of ``families`` keeps, per movement,
    a loaded lift of it: a lift goes on from the load the block before reached
    (ACSM 2009 progression models: the load of a lift rises from block to block), not
    back to a bodyweight version of the movement. Each movement is optional on its own
    and a convention, so a week the rules or the minutes leave without one is not a
    conflict; like :func:`loaded_lifts_kept`, it is the planner's preference."""
    return tuple(
        _loaded_lift([f], "the strength weeks go on with a loaded {}, as the block before had")
        for f in sorted(set(families))
    )


@frozen
class Volume:
    """An issue's weekly hard sets (sets of ``roles``): at least ``floor`` (or the
    program says how short it is), aiming at ``target``, never more than ``cap``."""

    issue: str
    floor: int
    target: int
    cap: int
    roles: frozenset[str] = HARD_ROLES


@frozen
class TagLimit:
    """Work carrying any of ``tags`` (or of one of ``roles`` or ``families``, or of one
    of ``loaded_families`` lifted with an external weight): at most
    ``max_weekly_sets`` a week, at most ``per_session`` exercises in one session, and
    never on two days in a row when ``not_consecutive`` (only the same exercise, when
    ``same_exercise``), and never on the day before a sport day when ``before_sport``."""

    tags: frozenset[str] = field(converter=_fs)
    max_weekly_sets: int | None = None
    not_consecutive: bool = False
    rule: str | None = None
    roles: frozenset[str] = field(default=frozenset(), converter=_fs)
    families: frozenset[str] = field(default=frozenset(), converter=_fs)
    same_exercise: bool = False
    heavy: bool = False
    per_session: int | None = None
    loaded_families: frozenset[str] = field(default=frozenset(), converter=_fs)
    before_sport: bool = False

    def fits(self, ex: Exercise) -> bool:
        """True when ``ex`` carries one of the limited tags, roles or families (of the
        ``loaded_families``, only with an external weight)."""
        return (
            bool(self.tags & ex.all_tags)
            or ex.role in self.roles
            or ex.family in self.families
            or (ex.family in self.loaded_families and ex.load_type == "external")
        )

    def counts(self, ex: Exercise, heavy: bool) -> bool:
        """True when ``ex``, dosed heavy or not (``heavy``), is work this limit counts:
        it fits, and for a limit on heavy work only, it is dosed heavy."""
        return self.fits(ex) and (heavy or not self.heavy)

    @property
    def what(self) -> str:
        """The limited work in words: ``work tagged impact``, ``strength or power work``."""
        parts = []
        if self.tags:
            parts.append(f"work tagged {', '.join(sorted(self.tags))}")
        if self.roles:
            parts.append(f"{' or '.join(sorted(self.roles))} work")
        if self.families:
            words = ", ".join(f.replace("_", " ") for f in sorted(self.families))
            parts.append(f"{words} exercises")
        if self.loaded_families:
            words = ", ".join(f.replace("_", " ") for f in sorted(self.loaded_families))
            parts.append(f"{words} exercises with a weight")
        what = " or ".join(parts)
        return f"{what}, worked heavy" if self.heavy else what


@frozen
class Step:
    """Work carrying any of ``tags`` (of ``roles``, when given) only in a block after
    one that held work of ``families`` (carrying any of ``after``, when given; a
    ``stepped`` requirement of rule ``rule``). Any earlier block opens it: once
    climbed, a step stays open."""

    tags: frozenset[str] = field(converter=_fs)
    families: frozenset[str] = field(converter=_fs)
    rule: str | None = None
    roles: frozenset[str] = field(default=frozenset(), converter=_fs)
    after: frozenset[str] = field(default=frozenset(), converter=_fs)

    def gates(self, ex: Exercise) -> bool:
        """True when ``ex`` is work this step holds back."""
        return bool(self.tags & set(ex.tags)) and (not self.roles or ex.role in self.roles)

    def ready(self, before: Iterable[Exercise]) -> bool:
        """True when the blocks before, which held ``before``, open the step."""
        return any(self.opens(ex) for ex in before)

    def opens(self, ex: Exercise) -> bool:
        """True when ``ex``, done in the block before, opens the step."""
        return ex.family in self.families and (not self.after or bool(self.after & set(ex.tags)))


def relevant(ex: Exercise, trained: Iterable[str], demands: Demands) -> bool:
    """True when ``ex`` belongs in this person's program: it serves an issue being
    trained, or a rule asks for work like it (sit-to-stands, supported balance); with
    nothing trained (a general program) everything is. Nothing for an issue nobody
    found: the planner offers, and adaptation moves to, only such exercises. An
    :attr:`~.model.Exercise.asked_only` exercise only where a rule asks for its family by
    name: a rule asking for any lift with a weight does not ask for a quarter squat."""
    if not ex.asked_only:
        issues = set(trained)
        if not issues or issues & set(ex.issues):
            return True
    return any(asks_for(g, ex) for c in demands.coverage if c.rule is not None for g in c.groups)


def asks_for(group: Group, ex: Exercise) -> bool:
    """True when ``group`` asks for work like ``ex``: it fits, and an
    :attr:`~.model.Exercise.asked_only` exercise only when the group names its family (a
    rule asking for any lift with a weight does not ask for a quarter squat)."""
    return group.fits(ex) and (not ex.asked_only or ex.family in group.families)


@frozen
class Demands:
    """Everything one planning block (or one checked week) must hold."""

    coverage: tuple[Coverage, ...]
    volume: tuple[Volume, ...]
    limits: tuple[TagLimit, ...]
    before_loaded: tuple[tuple[Requirement, str | None], ...]
    opens: tuple[tuple[Requirement, str | None], ...]
    weekly_hard_max: int = WEEKLY_HARD_SETS_MAX
    steps: tuple[Step, ...] = ()
    drill_first: tuple[tuple[Requirement, str | None], ...] = ()

    @property
    def max_activation(self) -> int:
        """The most activation exercises one session holds."""
        return MAX_ACTIVATION_DRILLS if self.opens else MAX_ACTIVATION_PLAIN


ACTIVATION_FIRST = Requirement(kind="before_loaded", roles=("activation",))
"""The engine's own invariant: activation before loaded work, checked whatever the
rules say (a plugin rule with the same demand is named instead)."""


def needs_warm_up(ex: Exercise) -> bool:
    """Work a ``before_loaded`` requirement puts after its drills: a lift with a weight,
    or fast work (jumps, hops, fast rises). A warm-up before fast and plyometric work is
    a convention (ACSM 2009; FIFA 11+, Soligard 2008, in young players): a session of a
    boy of 14 whose knees cave in opened with squat jumps."""
    return ex.loaded or ex.role == "power"


def demands_for(
    restrictions: Restrictions,
    phase: str,
    trained: Sequence[str],
    priority: Mapping[str, int],
    focus: Iterable[str] = (),
    experience: str = "novice",
) -> Demands:
    """The demands of a block (or week) in ``phase`` under ``restrictions``, for the
    trained issues (most severe first) with their priorities."""
    focus_set = set(focus)
    coverage: list[Coverage] = []
    for issue in trained:
        why = "you asked to focus on it" if issue in focus_set else "screening found it"
        coverage.append(
            Coverage(
                f"{issue} must be trained every week ({why})",
                "week",
                (Group(issue, issue=issue, roles=_ALL_ROLES),),
                issue=issue,
            )
        )
    reqs = restrictions.requirement_rules
    for req, rule in reqs:
        if req.kind not in ("weekly", "session") or (req.phases and phase not in req.phases):
            continue
        if req.issue is not None and req.issue not in trained:
            continue
        groups = _groups(req)
        if not groups:
            continue
        whose = f" for {req.issue}" if req.issue else ""
        when = "every session" if req.kind == "session" else "every week"
        if req.sessions is not None:
            # Every session when the week has fewer: see Coverage.needed.
            when = f"in {req.sessions} sessions a week, or in every session of a shorter week"
        label = " and ".join(g.label for g in groups)
        verb = "are" if len(groups) > 1 else "is"
        by = f" (rule {rule})" if rule else ""
        coverage.append(
            Coverage(
                f"{label}{whose} {verb} needed {when}{by}",
                "session" if req.kind == "session" else "week",
                groups,
                issue=req.issue,
                rule=rule,
                optional=req.optional,
                sessions=req.sessions,
            )
        )
    if phase == "strength":
        coverage.append(
            Coverage(
                "every session of the strength phase holds strength work",
                "session",
                (Group("strength", roles=("strength",)),),
                optional=True,
            )
        )
        for issue in trained:
            coverage.append(
                Coverage(
                    f"{issue} gets strength work every week of the strength phase",
                    "week",
                    (Group(f"{issue} strength", issue=issue, roles=("strength", "eccentric")),),
                    issue=issue,
                    optional=True,
                )
            )
    if phase == "power":
        coverage.append(
            Coverage(
                "every week of the power phase holds power work",
                "week",
                (Group("power", roles=("power",)),),
                optional=True,
            )
        )
        coverage.append(
            Coverage(
                "every session of the power phase holds loading work, not only drills and "
                "holds for balance",
                "session",
                (Group("loading", roles=CAPPED_ROLES),),
                optional=True,
            )
        )
    volume = tuple(
        Volume(
            issue,
            floor=FLOOR_SETS if phase in VOLUME_PHASES else 0,
            target=target_sets(priority[issue], phase, experience),
            cap=cap_sets(priority[issue], phase, experience),
            roles=CAPPED_ROLES if phase in LOADING_PHASES else HARD_ROLES,
        )
        for issue in trained
    )
    limits = tuple(
        TagLimit(
            lim.tags,
            lim.max_weekly_sets,
            lim.not_on_consecutive_days,
            rule.id,
            roles=lim.roles,
            families=lim.families,
            same_exercise=lim.same_exercise,
            heavy=lim.heavy,
            per_session=lim.max_per_session,
            loaded_families=lim.loaded_families,
            before_sport=lim.not_before_sport_days,
        )
        for rule in restrictions.rules
        for lim in rule.limits
    )
    before = [(r, rule) for r, rule in reqs if r.kind == "before_loaded"]
    if not any(r.roles == ("activation",) for r, _ in before):
        before.insert(0, (ACTIVATION_FIRST, None))
    opens = tuple((r, rule) for r, rule in reqs if r.kind == "session_opens")
    steps = tuple(
        Step(r.tags, r.families, rule, roles=r.roles, after=r.after_tags)
        for r, rule in reqs
        if r.kind == "stepped" and (not r.phases or phase in r.phases)
    )
    return Demands(
        coverage=tuple(coverage),
        volume=volume,
        limits=limits,
        before_loaded=tuple(before),
        opens=opens,
        steps=steps,
        drill_first=tuple((r, rule) for r, rule in reqs if r.kind == "drill_first"),
    )


RungKey = tuple[str, str, str]


def rung_key(ladder: str, ex: Exercise) -> RungKey:
    """The movement a rung of ``ladder`` trains, by which a week holds one rung of a
    ladder (its family and role): the planner holds it and the checker checks it, so
    a week's sessions never step back down a ladder (a full plank one day, one on the
    knees the next). Activation drills are not held to it."""
    return (ladder, ex.family, ex.role)


FloorKey = tuple[str, str, bool]


def floor_key(ladder: str, ex: Exercise) -> FloorKey:
    """Where a rung counts for a ladder's floor across blocks: its ladder, its role,
    and whether it is lifted with a weight (the planner holds it and the checker checks
    it). A lift climbs by its load, so a bodyweight rung does not hold it down: a
    two-handed dumbbell deadlift stays open after single-leg deadlifts with no weight,
    and a loaded step-up beside a lateral step-down."""
    return (ladder, ex.role, ex.load_type == "external")


def meets_alone(ex: Exercise, harder: Iterable[Exercise], groups: Iterable[Group]) -> bool:
    """True when ``ex``, a rung below its ladder's floor, meets a demand's group that
    none of the ``harder`` rungs meets: it stays beside them (a back's two-handed
    deadlift after single-leg deadlifts with a weight). The planner's floors and the
    checker's ask this one question."""
    harder = list(harder)
    return any(g.fits(ex) and not any(g.fits(h) for h in harder) for g in groups)


def taught_by(req: Requirement, ex: Exercise) -> bool:
    """True when ``ex`` is a drill that teaches the movement ``req`` (a ``drill_first``
    requirement) guards: unloaded, of one of its ``families``."""
    return not ex.loaded and ex.family in req.families


def waits_for_drill(req: Requirement, ex: Exercise) -> bool:
    """True when ``ex`` may come only after the drill ``req`` names: work of one of its
    ``then`` families, with a weight or without (a bodyweight single-leg Romanian
    deadlift is a hinge too, so the drill comes first in the calendar)."""
    return ex.family in req.then and not taught_by(req, ex)


_ALL_ROLES = frozenset(
    {"activation", "strength", "power", "stability", "isometric", "eccentric", "mobility"}
)


def hard_sets(
    rows: Iterable[tuple[Exercise, int]], issue: str, roles: Iterable[str] = HARD_ROLES
) -> int:
    """The hard sets of ``issue`` (sets of ``roles``, a :class:`Volume`'s) among
    ``(exercise, sets)`` rows of one week."""
    kinds = frozenset(roles)
    return sum(sets for ex, sets in rows if issue in ex.issues and ex.role in kinds)
