"""The periodization skeleton: phases, blocks and deload weeks, laid out by arithmetic.

The first stage of planning, before any exercise is chosen. It is deterministic and
depends only on the program's length, the person's experience and how severe the worst
finding is:

- **Phases** follow a common rehabilitation skeleton (a synthesis of the glute
  training literature, not itself validated ⚠):
  activate and control for the first weeks, then build strength (most trials run
  6–8 weeks), then power and function once there has been time for strength.
- **Deloads** close every 4–6 weeks (Bell 2022: every 4–6 weeks; Rogerson 2024:
  every 5.6 ± 2.3 weeks): a novice deloads after three loading weeks, others after
  four; a short tail at the end of the program needs none. One rule
  (:func:`deload_fault`) says when a deload may come; the layout and the verifier
  both apply it.
- **Stages** (:class:`Stages`): while the person passes through stages that relax
  with time (the weeks after a joint replacement), effort is capped low and power
  waits until the rules allow it.
- **Blocks** are runs of 2–4 weeks inside one phase, each closed by a phase change
  or a deload week. The planner chooses one set of sessions per block and
  progresses its doses week by week; a phase or tail of a single week is a block
  of one week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .messages import weeks_words
from .model import PHASES

if TYPE_CHECKING:
    from .demands import Training
    from .person import PersonModel
    from .profile import Profile
    from .safety import ProgramSafety

PHASE_NAMES: dict[str, str] = {
    "activation": "Activate and control",
    "strength": "Build strength",
    "power": "Power and function",
}
PHASE_GOALS: dict[str, str] = {
    "activation": "Switch the glutes on and own the basic positions: activation drills, "
    "isometric holds and easy strength work with perfect form.",
    "strength": "Build glute max and med strength in controlled, pelvis-neutral movements, "
    "adding reps, sets or load week by week.",
    "power": "Turn strength into function: balance, single-leg control and speed in "
    "everyday and sport movements, entered only when the strength work is pain-free with "
    "good form.",
}

HELD_ABDUCTION_TAG = "active_hip_abduction"
"""Work lifting or pushing a leg out to the side: the glute med work the strength goal
names, which some rules hold out (a lateral hip replacement while its repair heals)."""

STRENGTH_GOAL_WITHOUT_ABDUCTION = (
    "Build glute strength in controlled, pelvis-neutral movements, adding reps, sets or "
    "load week by week; work lifting or pushing the leg out to the side (glute med) waits "
    "until your rules allow it."
)
"""The strength goal when every week of the phase holds that work out: it promises no
glute med strength the program cannot train."""


def phase_goal(kind: str, safety: ProgramSafety | None = None, weeks: Iterable[int] = ()) -> str:
    """The goal of a phase of ``kind`` over ``weeks``, worded for what the rules of
    those weeks (``safety``) allow."""
    weeks = tuple(weeks)
    if kind == "strength" and safety is not None and weeks:
        held = all(
            any(HELD_ABDUCTION_TAG in r.exclude_tags for r in safety.at(w).rules) for w in weeks
        )
        if held:
            return STRENGTH_GOAL_WITHOUT_ABDUCTION
    return PHASE_GOALS[kind]


DELOAD_EVERY: dict[str, int] = {"novice": 4, "intermediate": 5, "advanced": 5}
"""Weeks in a loading cycle, its last week the deload (within the 4–6 of Bell 2022)."""

MAX_BLOCK_WEEKS = 4
"""Longest block: the same sessions for more than four weeks stop progressing."""

NO_DELOAD_BELOW = 7
"""Programs shorter than this need no deload: a lighter week comes every 4–6 weeks
(Bell 2022; Rogerson 2024: 5.6 ± 2.3), so a program of six weeks or fewer ends before
one is due. Verification demands one from here. Light weeks (:class:`Stages`) are not
counted: after a joint replacement, two light weeks and six harder ones need none."""


MIN_LOADING_BEFORE_DELOAD = 2
"""A deload comes only after at least this many loading weeks of its own phase."""

LIGHT_RPE = 7
"""Effort capped at or under this (three or more reps in reserve) while a stage is
still passing is too light to need a lighter week: a deload sheds the fatigue of hard
loading (Bell 2022), and there is none to shed."""

MIN_POWER_WEEKS = 2
"""A power phase shorter than this is folded into strength: one week of new, faster
work followed by the program's end is no phase."""

POWER_FROM_WEEKS = 8
"""Programs shorter than this have no power phase: power is built on a base of
strength (Haff & Nimphius 2012), and a shorter program leaves too little of it."""

YOUNG_POWER_FROM_WEEKS = 6
"""For the young (under 18) a power phase fits from this many weeks: low-volume jumps
with the landing taught first are part of youth training from the start (Lloyd 2014;
the FIFA 11+ warm-up, Soligard 2008, has jump-landing work in every session), so two
weeks of it may follow a short strength phase. The six weeks are a convention."""


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _frozenset(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)


@frozen
class Stages:
    """What the person's safety rules allow, week by week, as the layout needs it.

    ``light`` are the weeks whose loading is too light to need a deload: effort capped
    at RPE :data:`LIGHT_RPE` or less by a rule that is lifted later in the program (a
    stage still passing, as after a joint replacement). ``power_from`` is the first
    week from which every week allows power work and holds no rule lifted later
    (None: no such week, or a walking aid while a stage passes; no power phase).
    """

    light: frozenset[int] = field(default=frozenset(), converter=_frozenset)
    power_from: int | None = 1
    # Why power waits, when it does: "rules" (a rule leaves it out to the end),
    # "stage" (a stage of recovery still passing) or "walking_aid".
    power_why: str | None = None


def skeleton_for(
    profile: Profile, who: Training, safety: ProgramSafety, person: PersonModel | None
) -> Skeleton:
    """The skeleton of ``profile``'s program, as the planner lays it out and the checker
    holds a program to: its weeks, experience and the issues trained, the stages its
    rules make, and whether it is laid out for someone under 18."""
    return build_skeleton(
        profile.schedule.weeks,
        profile.experience,
        who.max_severity,
        found_any=bool(who.trained),
        stages=stages_of(safety, profile.walking_aid),
        young=person is not None and person.value("age_band") == "under_18",
    )


def stages_of(safety: ProgramSafety, walking_aid: bool | None = None) -> Stages:
    """The :class:`Stages` of a program's per-week safety rules.

    Someone still walking with an aid while a stage of recovery passes gets no power
    phase at all: fast work on a leg that cannot yet carry them unaided waits for a new
    program once they walk without it (joint_replacement_stages; the profile cannot
    say when that will be).
    """
    weeks = len(safety.weeks)
    rules = [frozenset(r.id for r in safety.at(w).rules) for w in range(1, weeks + 1)]
    # A rule in force in a week and gone in a later one marks a stage still passing.
    passing = [
        any(r not in rules[j] for r in rules[i] for j in range(i + 1, weeks)) for i in range(weeks)
    ]
    light: set[int] = set()
    for number in range(1, weeks + 1):
        cap = safety.at(number).cap.max_rpe
        if passing[number - 1] and cap is not None and cap <= LIGHT_RPE:
            light.add(number)
    allows = [
        not passing[w - 1] and all("power" not in r.exclude_roles for r in safety.at(w).rules)
        for w in range(1, weeks + 1)
    ]
    power_from: int | None = None
    if walking_aid and any(passing):
        return Stages(light=light, power_from=None, power_why="walking_aid")
    for number in range(weeks, 0, -1):
        if not allows[number - 1]:
            break
        power_from = number
    why = None
    if power_from != 1:
        last = power_from - 1 if power_from else weeks
        why = "stage" if passing[last - 1] else "rules"
    return Stages(light=light, power_from=power_from, power_why=why)


@frozen
class Block:
    """Weeks that share one set of sessions, inside one phase.

    ``weeks`` are the week numbers (1-based), ``deload`` the deload week among them
    (always the last, when there is one).
    """

    number: int
    phase: str
    weeks: tuple[int, ...] = field(converter=_tuple)
    deload: int | None = None

    @property
    def loading_weeks(self) -> tuple[int, ...]:
        """The weeks that are not the deload, in order."""
        return tuple(w for w in self.weeks if w != self.deload)


@frozen
class Skeleton:
    """The whole calendar: each week's phase, the deload weeks and the blocks.

    ``stages`` are the person's stages it was laid out for; ``power_held`` is true when
    they shortened or removed the power phase.
    """

    weeks: int
    phases: tuple[tuple[str, tuple[int, ...]], ...] = field(converter=_tuple)
    deloads: tuple[int, ...] = field(converter=_tuple)
    blocks: tuple[Block, ...] = field(converter=_tuple)
    stages: Stages = Stages()
    power_held: bool = False
    young: bool = False  # laid out for someone under 18 (see YOUNG_POWER_FROM_WEEKS)

    def phase_of(self, week: int) -> str:
        """The phase kind of a week."""
        for kind, weeks in self.phases:
            if week in weeks:
                return kind
        raise ValueError(f"week {week} is outside the program")


def phase_lengths(
    weeks: int,
    max_severity: int,
    found_any: bool,
    power_from: int | None = 1,
    young: bool = False,
) -> dict[str, int]:
    """How many weeks each phase gets.

    Activation gets two weeks (weeks 1–2 of the usual skeleton), one in short programs or
    when nothing was found, three when a marked finding (severity 3) has ten weeks
    or more to work with. Power needs strength first: it only appears from eight
    weeks, with about a quarter of the program (weeks 9–12 of 12), one week less
    when a finding is marked, and never before ``power_from`` (None: not at all);
    fewer than two weeks of it are none. Strength takes the rest.
    """
    if weeks < 6 or not found_any:
        activation = 1
    elif max_severity >= 3 and weeks >= 10:
        activation = 3
    else:
        activation = 2
    power = 0
    if weeks >= (YOUNG_POWER_FROM_WEEKS if young else POWER_FROM_WEEKS):
        power = min(6, max(2, round(weeks / 4)))
        if max_severity >= 3:
            power = max(2, power - 1)
    if power_from is None:
        power = 0
    elif weeks - power + 1 < power_from:
        power = weeks - power_from + 1
    if power < MIN_POWER_WEEKS:
        power = 0
    strength = weeks - activation - power
    return {"activation": activation, "strength": strength, "power": power}


def deload_fault(
    week: int,
    phase_weeks: Sequence[int],
    previous: int = 0,
    light: frozenset[int] = frozenset(),
) -> str | None:
    """Why ``week`` may not be a deload, or None when it may: the one statement of the
    rule, for the layout and for the verifier.

    A deload closes a block of work, so it comes after at least
    :data:`MIN_LOADING_BEFORE_DELOAD` loading weeks of its own phase (``phase_weeks``)
    since the deload before it (``previous``, 0 for none); weeks of ``light`` loading
    (:class:`Stages`) do not count, as there is no fatigue from them to shed.
    """
    since = [w for w in phase_weeks if previous < w < week]
    if len(since) < MIN_LOADING_BEFORE_DELOAD:
        return (
            f"a deload after {len(since)} loading week(s) of its phase; it comes only after "
            f"at least {MIN_LOADING_BEFORE_DELOAD}"
        )
    if sum(1 for w in since if w not in light) < MIN_LOADING_BEFORE_DELOAD:
        return (
            f"a deload after loading capped at RPE {LIGHT_RPE} or less while a stage of "
            "recovery passes: too light to need one"
        )
    return None


def deload_weeks(
    weeks: int,
    experience: str,
    phases: Sequence[Sequence[int]] = (),
    light: frozenset[int] = frozenset(),
) -> tuple[int, ...]:
    """The deload weeks: one closing every cycle of 4–6 weeks where :func:`deload_fault`
    allows it.

    A cycle is placed only while more than five weeks remain, so the tail after the
    last deload is at most five loading weeks and the first week is never one. Each
    cycle takes its usual length when it can, else the nearest length from four to
    six weeks that keeps the rule (later first), else the first week after that keeps
    it (after light weeks of recovery); with none, no more deloads.
    """
    # Light weeks shed no fatigue, so a program whose harder weeks alone are too few
    # for a deload to be due gets none: as short as a program that ends before one is.
    if weeks - len(light & set(range(1, weeks + 1))) < NO_DELOAD_BELOW:
        return ()
    whole = tuple(range(1, weeks + 1))
    phase_of = {w: tuple(ws) for ws in phases for w in ws}
    cycle = DELOAD_EVERY[experience]
    out: list[int] = []
    position = 0
    while weeks - position > 5:
        preferred = position + cycle
        order = [
            *range(preferred, position + 7),
            *range(preferred - 1, position + 3, -1),
            *range(position + 7, weeks + 1),
        ]
        found = next(
            (
                w
                for w in order
                if w <= weeks and deload_fault(w, phase_of.get(w, whole), position, light) is None
            ),
            None,
        )
        if found is None:
            break
        out.append(found)
        position = found
    return tuple(out)


def phase_note(skeleton: Skeleton, kind: str) -> str:
    """Why this phase has the deload weeks it has (or none), and why power waits, in
    plain words."""
    weeks = dict(skeleton.phases)[kind]
    parts: list[str] = []
    deloads = [w for w in skeleton.deloads if w in weeks]
    # Said once, in the phase where the light weeks begin, naming them all.
    light = sorted(skeleton.stages.light) if min(skeleton.stages.light, default=0) in weeks else []
    if deloads:
        which = " and ".join(f"week {w}" for w in deloads)
        parts.append(
            f"{which.capitalize()}: a deload, with fewer sets and an easier effort, so the "
            "body can catch up with the work; a lighter week comes every 4-6 weeks (Bell "
            "2022, Rogerson 2024)."
        )
    elif light and skeleton.deloads:
        parts.append(
            f"No deload in {weeks_words(light)}: while this stage of recovery passes the "
            f"effort is capped at RPE {LIGHT_RPE} or less, too light to need a lighter week "
            "(a deload sheds the fatigue of hard loading)."
        )
    elif light and skeleton.weeks >= NO_DELOAD_BELOW:
        harder = skeleton.weeks - len(skeleton.stages.light)
        parts.append(
            f"No deload week: while this stage of recovery passes ({weeks_words(light)}) "
            f"the effort is capped at RPE {LIGHT_RPE} or less, too light to need a lighter "
            f"week, and with only {harder} harder week{'' if harder == 1 else 's'} after it "
            "the program ends before one is due (a lighter week comes every 4-6 weeks: Bell "
            "2022, Rogerson 2024)."
        )
    elif not skeleton.deloads and kind == skeleton.phases[0][0]:
        parts.append(
            f"No deload week: at {skeleton.weeks} weeks the program ends before one is due "
            "(a lighter week comes every 4-6 weeks)."
        )
    if skeleton.power_held and kind == "strength":
        power = dict(skeleton.phases).get("power")
        why = {
            "walking_aid": "fast work waits until you walk without an aid",
            "stage": "power work waits until this stage of recovery has passed",
        }.get(skeleton.stages.power_why or "", "your safety rules leave power work out")
        parts.append(
            f"Power and function starts in week {power[0]}: until then {why}, and strength "
            "work continues."
            if power
            else f"No power phase: {why}, so strength work continues to the end."
        )
    shortest = YOUNG_POWER_FROM_WEEKS if skeleton.young else POWER_FROM_WEEKS
    if (
        kind == skeleton.phases[-1][0]
        and kind != "power"
        and not skeleton.power_held
        and skeleton.weeks < shortest
    ):
        parts.append(
            f"No power phase: fast work is built on strength, and at {skeleton.weeks} "
            f"weeks the program ends before there is time for both (a power phase comes "
            f"in programs of {shortest} weeks or more)."
        )
    return " ".join(parts)


def _split(weeks: list[int]) -> list[list[int]]:
    """Split a run of weeks into near-equal blocks of at most four weeks, longest first."""
    count = -(-len(weeks) // MAX_BLOCK_WEEKS)
    size, extra = divmod(len(weeks), count)
    parts: list[list[int]] = []
    start = 0
    for i in range(count):
        length = size + (1 if i < extra else 0)
        parts.append(weeks[start : start + length])
        start += length
    return parts


def build_skeleton(
    weeks: int,
    experience: str,
    max_severity: int,
    found_any: bool = True,
    stages: Stages | None = None,
    young: bool = False,
) -> Skeleton:
    """Lay out phases, deloads and blocks for a program of ``weeks`` weeks, for a
    person at ``stages`` (none: no stage holds anything back), ``young`` when under 18."""
    stages = stages or Stages()
    lengths = phase_lengths(weeks, max_severity, found_any, stages.power_from, young)
    held = lengths["power"] < phase_lengths(weeks, max_severity, found_any, young=young)["power"]
    phases: list[tuple[str, tuple[int, ...]]] = []
    week = 1
    for kind in PHASES:
        n = lengths[kind]
        if n > 0:
            phases.append((kind, tuple(range(week, week + n))))
            week += n
    deloads = deload_weeks(weeks, experience, [ws for _, ws in phases], stages.light)
    # A phase's last week alone after a deload would be a one-week block; a new
    # cycle starts after a deload, so that week opens the next phase instead (but
    # never power before the person's stage allows it).
    for i in range(len(phases) - 1):
        kind, phase_weeks = phases[i]
        next_kind, next_weeks = phases[i + 1]
        early = next_kind == "power" and (
            stages.power_from is None or phase_weeks[-1] < stages.power_from
        )
        if len(phase_weeks) > 1 and phase_weeks[-2] in deloads and not early:
            phases[i] = (kind, phase_weeks[:-1])
            phases[i + 1] = (next_kind, (phase_weeks[-1], *next_weeks))
    # Runs of weeks that share a phase and end at a deload or a phase change.
    runs: list[tuple[str, list[int]]] = []
    for kind, phase_weeks in phases:
        current: list[int] = []
        for w in phase_weeks:
            current.append(w)
            if w in deloads:
                runs.append((kind, current))
                current = []
        if current:
            runs.append((kind, current))
    blocks: list[Block] = []
    for kind, run in runs:
        for part in _split(run):
            deload = part[-1] if part[-1] in deloads else None
            blocks.append(Block(number=len(blocks) + 1, phase=kind, weeks=part, deload=deload))
    return Skeleton(
        weeks=weeks,
        phases=phases,
        deloads=deloads,
        blocks=blocks,
        stages=stages,
        power_held=held,
        young=young,
    )


def program_faults(
    phases: Sequence[tuple[str, Sequence[int]]], deloads: Sequence[int], stages: Stages
) -> list[tuple[int, str]]:
    """Each deload of a laid-out program that breaks :func:`deload_fault`, and each
    power week before the person's stage allows it, as (week, why)."""
    out: list[tuple[int, str]] = []
    previous = 0
    for week in sorted(deloads):
        weeks = next((tuple(ws) for _, ws in phases if week in ws), ())
        why = deload_fault(week, weeks, previous, stages.light)
        if why is not None:
            out.append((week, why))
        previous = week
    for kind, ws in phases:
        if kind != "power":
            continue
        for week in ws:
            if stages.power_from is None or week < stages.power_from:
                out.append((week, "power work before the person's stage allows it"))
    return out
