"""The data of the built-in ``adaptation`` plugin, handed over by its hooks (see the
package docstring)."""

from __future__ import annotations

from gluteus.engine.adaptation import (
    AdaptationRule,
    MissedRule,
    PainRule,
    ProgressRule,
    ReferralRule,
    RetestRule,
)
from gluteus.engine.model import Source
from gluteus.engine.traffic_light import AMBER_FROM, AMBER_MAX
from gluteus.plugins import _sources as src

SOURCES: tuple[Source, ...] = (
    src.SILBERNAGEL2007,
    src.ACSM2009,
    src.ZOURDOS2016,
    src.PRACTICE,
    src.RTR_GATE,
)

RULES: tuple[AdaptationRule, ...] = (
    PainRule(
        id="pain-traffic-light",
        # The program's traffic light, stated once (traffic_light.py).
        description=f"Pain during or after a session: 0-{AMBER_FROM - 1}/10 green, progress "
        f"when the other criteria hold; {AMBER_FROM}-{AMBER_MAX} amber, hold the dose; over "
        f"{AMBER_MAX} red, go back a step. Where your usual pain is {AMBER_FROM}/10 or more, "
        "pain no worse than usual is green, and a next morning a point above usual is amber "
        "(convention). Red too when pain the next morning is more than a point above your "
        f"usual, or when pain that was already {AMBER_FROM}/10 or more last week rose again. "
        "A red or amber session counts for two weeks.",
        source="silbernagel2007",
        evidence="verified",
        green_max=AMBER_FROM - 1,
        amber_max=AMBER_MAX,
        morning_margin=1,
        rising_from=AMBER_FROM,
        recent_weeks=2,
    ),
    ProgressRule(
        id="criteria-gate",
        description="Move up a rung only after three sessions in a row with the exercise that "
        "were green with a settled next morning, reached the prescribed sets and reps or holds, "
        "and stayed at or below RPE 8 (about 2 reps in reserve).",
        source="acsm2009",
        evidence="verified",
        sessions=3,
        max_rpe=8.0,
    ),
    ReferralRule(
        id="repeated-red",
        description="Three red sessions for one region within two weeks, even after going back "
        "a step: have it assessed rather than keep adjusting the program.",
        source="practice_convention",
        evidence="convention",
        red_sessions=3,
        within_weeks=2,
        see="a physiotherapist or your doctor",
        message="Keep to the easier exercises until then, and stop any that hurt over 5/10.",
    ),
    MissedRule(
        id="missed-week",
        description="When half or more of a week's sessions were missed, do that week again "
        "instead of moving on to harder doses; the last block is a week shorter.",
        source="practice_convention",
        evidence="convention",
        missed_share=0.5,
    ),
    RetestRule(
        id="phase-retest",
        description="At the end of each phase, re-take the tests in your profile; the new "
        "results are screened again.",
        source="ijspt2022_return_to_run",
        evidence="convention",
        message="Log them with the last session of the phase (tests: in the entry).",
    ),
)
