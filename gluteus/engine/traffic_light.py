"""The pain-monitoring traffic light: how to read pain during and after exercise.

Silbernagel's pain-monitoring model (Silbernagel 2007, Am J Sports Med 35:897):
pain during exercise of 0–3/10 is safe, 4–5/10 acceptable if it settles by the
next morning, over 5/10 too much; pain should be back to its usual level by the
next morning and should not rise from week to week. Every program carries it
(``safety.traffic_light`` in the program JSON) and every format shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen


@frozen
class Zone:
    """One light of the pain-monitoring traffic light."""

    colour: str  # "green" | "amber" | "red"
    pain: str  # the pain range, e.g. "0–3/10"
    meaning: str
    action: str


@frozen
class TrafficLight:
    """How to read pain during and after exercise, and what to do about it."""

    zones: tuple[Zone, ...]
    rule: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The traffic light as it appears in the program JSON (``safety.traffic_light``)."""
        return {
            "zones": [
                {"colour": z.colour, "pain": z.pain, "meaning": z.meaning, "action": z.action}
                for z in self.zones
            ],
            "rule": self.rule,
            "source": self.source,
        }


AMBER_FROM = 4
"""Pain from this score (out of 10) is in the amber zone (4–5/10; over 5 is red)."""

AMBER_MAX = 5
"""The model's ceiling: pain during exercise over 5/10 is too much, whatever the person's
usual pain (Silbernagel 2007)."""


TRAFFIC_LIGHT = TrafficLight(
    zones=(
        Zone(
            "green",
            f"0–{AMBER_FROM - 1}/10",
            "safe",
            "carry on, and progress when the form is good",
        ),
        Zone(
            "amber",
            f"{AMBER_FROM}–{AMBER_MAX}/10",
            "acceptable if it settles by the next morning",
            "hold: repeat the same dose next time",
        ),
        Zone(
            "red",
            f"over {AMBER_MAX}/10",
            "too much; also when pain has not settled by the next morning, or rises week to week",
            "stop the exercise today and go back a step next time",
        ),
    ),
    rule="Rate pain 0–10 during each exercise and again the next morning; it should be "
    "back to your usual level by then.",
    source="Silbernagel 2007 pain-monitoring model (Am J Sports Med 35:897)",
)
"""0–3 green (progress), 4–5 amber (hold), over 5 red (regress); pain should settle by
the next morning and not rise week to week."""


GREEN_ONLY = (
    "only if last week's sessions stayed green (pain no worse than your usual, and back "
    "to it by the next morning); otherwise repeat last week's sessions"
)
"""The words on every row that asks more than the week before while baseline pain is
amber (:func:`~.amber_gate.asks_more`): the traffic light holds the dose in amber (Silbernagel
2007), so an increase, a new exercise or a harder effort is earned by green weeks. Green is
read against the person's usual pain (:func:`traffic_light_for`): a fixed 3/10 line below
their everyday pain would never let them progress."""

GREEN_ONLY_BEFORE = (
    "only if last week's sessions stayed green (pain 3/10 or less); otherwise repeat "
    "last week's sessions"
)
"""The gate's earlier words, still in programs written before green was read against the
person's usual pain: readers strip them as they strip :data:`GREEN_ONLY`."""


def amber_baseline(pain: Mapping[str, int]) -> bool:
    """True when the worst pain the person reports is already in the amber zone, so
    each increase in their program is conditional (:data:`GREEN_ONLY`)."""
    return max(pain.values(), default=0) >= AMBER_FROM


def green_line(usual: int, green_max: int = AMBER_FROM - 1, amber_max: int = AMBER_MAX) -> int:
    """The highest pain that is still green for a place whose usual pain is ``usual``:
    0–3/10, or up to the usual pain where that is higher, never past the model's ceiling.
    The model accepts pain up to 5/10 that is back to its usual level by the next morning
    (Silbernagel 2007); its 3/10 green line sits below the everyday pain of a person whose
    usual pain is 4/10 or more, who could then never progress. Reading green as "no worse
    than usual" for them is the convention: it keeps the model's ceiling and its
    next-morning test and adds no number of its own."""
    return max(green_max, min(usual, amber_max))


def traffic_light_for(pain: Mapping[str, int]) -> TrafficLight:
    """The traffic light of a person with usual pain ``pain`` (region -> 0–10): the
    engine's :data:`TRAFFIC_LIGHT` while it is under the amber zone, and while it is in
    the amber zone or above a light read against it, so pain no worse than usual and
    settled by the next morning is green (:func:`green_line`), and their program can
    progress on it."""
    if not amber_baseline(pain):
        return TRAFFIC_LIGHT
    raised = sorted((r, p) for r, p in pain.items() if p >= AMBER_FROM)
    usual = ", ".join(f"{r.replace('_', ' ')} {min(p, AMBER_MAX)}/10" for r, p in raised)
    return TrafficLight(
        zones=(
            Zone(
                "green",
                f"no more than your usual pain, {usual}; elsewhere 0–3/10",
                "safe, as long as it is back to your usual by the next morning",
                "carry on, and progress when the form is good",
            ),
            Zone(
                "amber",
                f"above your usual up to {AMBER_MAX}/10, or a point above your usual the "
                "next morning",
                "acceptable if it settles by the next morning",
                "hold: repeat the same dose next time",
            ),
            Zone(
                "red",
                f"over {AMBER_MAX}/10",
                "too much; also when pain is more than a point above your usual the next "
                "morning, or rises week to week",
                "stop the exercise today and go back a step next time",
            ),
        ),
        rule=TRAFFIC_LIGHT.rule,
        source="Silbernagel 2007 pain-monitoring model (Am J Sports Med 35:897), read "
        "against your usual pain (convention)",
    )
