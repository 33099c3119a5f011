"""With baseline pain already amber, what waits for green sessions.

The pain-monitoring traffic light holds the dose while pain is amber (Silbernagel
2007), so for a person whose usual pain is already amber every row that asks more than
the week before says it is taken only after green sessions
(:data:`~.traffic_light.GREEN_ONLY`). One statement of "asks more"
(:func:`asks_more`, :func:`week_before`) serves the planner, which writes the words
(:func:`green_gated`), and the verifier, which checks them.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .program import Prescription, Week
from .traffic_light import GREEN_ONLY


def asks_more(now: Prescription, before: Prescription | None) -> bool:
    """True when a row asks more than the same exercise's row in the week before
    (``before``; None when the exercise was not done then): a new exercise (as when a
    block brings new, harder ones), more sets, reps or hold with none fewer, a higher
    effort, or a heavier load (a lower repetition maximum: fewer reps of a heavier
    weight asks more, not less). With baseline pain amber each such row carries
    :data:`~.traffic_light.GREEN_ONLY`; the planner writes it (:func:`green_gated`) and
    the verifier checks it, both from this statement."""
    if before is None:
        return True
    dose = (now.sets, now.reps or 0, now.hold_s or 0)
    then = (before.sets, before.reps or 0, before.hold_s or 0)
    more = dose != then and all(a >= b for a, b in zip(dose, then, strict=True))
    rpe = now.effort.rpe if now.effort is not None else None
    was = before.effort.rpe if before.effort is not None else None
    harder = rpe is not None and was is not None and rpe[1] > was[1]
    rm = now.effort.rm if now.effort is not None else None
    lifted = before.effort.rm if before.effort is not None else None
    heavier = rm is not None and lifted is not None and rm[0] < lifted[0]
    return more or harder or heavier


def week_before(weeks: Sequence[Week], index: int) -> Week | None:
    """The week whose sessions earn the increases of ``weeks[index]``: the week just
    before it, a deload or another block's last week included (a new block asks more
    than either); None for the first week, and for a deload, which asks less."""
    if index == 0 or weeks[index].deload:
        return None
    return weeks[index - 1]


def green_gated(weeks: Sequence[Week]) -> list[Week]:
    """``weeks`` with :data:`~.traffic_light.GREEN_ONLY` on every row that asks more than the week
    before (:func:`asks_more`, :func:`week_before`): for baseline pain already amber."""
    out: list[Week] = []
    for index, week in enumerate(weeks):
        before = week_before(weeks, index)
        if before is None:
            out.append(week)
            continue
        last = {rx.id: rx for session in before.sessions for rx in session.exercises}
        sessions = [
            attrs.evolve(
                session,
                exercises=[
                    attrs.evolve(rx, load=f"{rx.load}; {GREEN_ONLY}")
                    if asks_more(rx, last.get(rx.id)) and GREEN_ONLY not in rx.load
                    else rx
                    for rx in session.exercises
                ],
            )
            for session in week.sessions
        ]
        out.append(attrs.evolve(week, sessions=sessions))
    return out


__all__ = ["asks_more", "green_gated", "week_before"]
