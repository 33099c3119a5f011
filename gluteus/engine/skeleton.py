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
  four; a short tail at the end of the program needs none.
- **Blocks** are runs of 2–4 weeks inside one phase, each closed by a phase change
  or a deload week. The planner chooses one set of sessions per block and
  progresses its doses week by week; a phase or tail of a single week is a block
  of one week.
"""

from __future__ import annotations

from typing import Any

from attrs import field, frozen

from .model import PHASES

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

DELOAD_EVERY: dict[str, int] = {"novice": 4, "intermediate": 5, "advanced": 5}
"""Weeks in a loading cycle, its last week the deload (within the 4–6 of Bell 2022)."""

MAX_BLOCK_WEEKS = 4
"""Longest block: the same sessions for more than four weeks stop progressing."""

NO_DELOAD_BELOW = 7
"""Programs shorter than this need no deload: a lighter week comes every 4–6 weeks
(Bell 2022; Rogerson 2024: 5.6 ± 2.3), so a program of six weeks or fewer ends before
one is due. Verification demands one from here."""


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


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
    """The whole calendar: each week's phase, the deload weeks and the blocks."""

    weeks: int
    phases: tuple[tuple[str, tuple[int, ...]], ...] = field(converter=_tuple)
    deloads: tuple[int, ...] = field(converter=_tuple)
    blocks: tuple[Block, ...] = field(converter=_tuple)

    def phase_of(self, week: int) -> str:
        """The phase kind of a week."""
        for kind, weeks in self.phases:
            if week in weeks:
                return kind
        raise ValueError(f"week {week} is outside the program")


def phase_lengths(weeks: int, max_severity: int, found_any: bool) -> dict[str, int]:
    """How many weeks each phase gets.

    Activation gets two weeks (weeks 1–2 of the usual skeleton), one in short programs or
    when nothing was found, three when a marked finding (severity 3) has ten weeks
    or more to work with. Power needs strength first: it only appears from eight
    weeks, with about a quarter of the program (weeks 9–12 of 12), one week less
    when a finding is marked. Strength takes the rest.
    """
    if weeks < 6 or not found_any:
        activation = 1
    elif max_severity >= 3 and weeks >= 10:
        activation = 3
    else:
        activation = 2
    power = 0
    if weeks >= 8:
        power = min(6, max(2, round(weeks / 4)))
        if max_severity >= 3:
            power = max(2, power - 1)
    strength = weeks - activation - power
    return {"activation": activation, "strength": strength, "power": power}


def deload_weeks(
    weeks: int, experience: str, phase_starts: tuple[int, ...] = ()
) -> tuple[int, ...]:
    """The deload weeks: one closing every cycle, no cycle longer than six weeks.

    A cycle is placed only while more than five weeks remain, so the tail after
    the last deload is at most five loading weeks and the first week is never one.
    A deload closes a block of work, so it comes after at least two loading weeks of
    its phase (``phase_starts``): it moves later while that is not so and the cycle
    stays at most six weeks.
    """
    if weeks < NO_DELOAD_BELOW:
        return ()
    cycle = DELOAD_EVERY[experience]
    out: list[int] = []
    position = 0
    while weeks - position > 5:
        week = position + cycle
        while _loading_before(week, position, phase_starts) < 2 and week + 1 - position <= 6:
            week += 1
        out.append(week)
        position = week
    return tuple(out)


def _loading_before(week: int, position: int, phase_starts: tuple[int, ...]) -> int:
    """Loading weeks of ``week``'s phase before it, after the deload at ``position``."""
    start = max((s for s in phase_starts if s <= week), default=1)
    return week - max(start, position + 1)


def phase_note(skeleton: Skeleton, kind: str) -> str:
    """Why this phase has the deload weeks it has (or none), in plain words."""
    weeks = dict(skeleton.phases)[kind]
    deloads = [w for w in skeleton.deloads if w in weeks]
    if deloads:
        which = " and ".join(f"week {w}" for w in deloads)
        return (
            f"{which.capitalize()}: a deload, with fewer sets and an easier effort, so the "
            "body can catch up with the work; a lighter week comes every 4-6 weeks (Bell "
            "2022, Rogerson 2024)."
        )
    if not skeleton.deloads and kind == skeleton.phases[0][0]:
        return (
            f"No deload week: at {skeleton.weeks} weeks the program ends before one is due "
            "(a lighter week comes every 4-6 weeks)."
        )
    return ""


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
    weeks: int, experience: str, max_severity: int, found_any: bool = True
) -> Skeleton:
    """Lay out phases, deloads and blocks for a program of ``weeks`` weeks."""
    lengths = phase_lengths(weeks, max_severity, found_any)
    phases: list[tuple[str, tuple[int, ...]]] = []
    week = 1
    for kind in PHASES:
        n = lengths[kind]
        if n > 0:
            phases.append((kind, tuple(range(week, week + n))))
            week += n
    starts = tuple(phase_weeks[0] for _, phase_weeks in phases)
    deloads = deload_weeks(weeks, experience, starts)
    # A phase's last week alone after a deload would be a one-week block; a new
    # cycle starts after a deload, so that week opens the next phase instead.
    for i in range(len(phases) - 1):
        kind, phase_weeks = phases[i]
        if len(phase_weeks) > 1 and phase_weeks[-2] in deloads:
            next_kind, next_weeks = phases[i + 1]
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
    return Skeleton(weeks=weeks, phases=phases, deloads=deloads, blocks=blocks)
