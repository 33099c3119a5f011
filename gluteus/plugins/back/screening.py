"""Screening for ``back`` (the low back works because the glutes don't).

Counts the back signs, low-back pain and the supine bridge hold. Bridge
endurance: about 170 s in healthy people vs about 76 s with low-back pain
(Schellenberg 2007; weak evidence, the groups overlap widely); a hold
below the low-back-pain group's mean counts.
"""

from __future__ import annotations

from gluteus.engine.model import Finding, Sign, Source
from gluteus.engine.profile import Profile
from gluteus.plugins import _screening as sc

ISSUE = "back"

SIGNS: tuple[Sign, ...] = (
    Sign(
        "low_back_ache_standing",
        ISSUE,
        "Does your low back ache after you have been standing for a while?",
        name="low back ache after standing",
    ),
    Sign(
        "back_arches_under_load",
        ISSUE,
        "Does your low back arch or sway when you lift, carry or push something heavy?",
        name="low back arching under load",
    ),
    Sign(
        "feel_it_in_back",
        ISSUE,
        "Do you feel lifts such as deadlifts, hip thrusts or bridges in your low back "
        "more than in your glutes?",
        name="feeling lifts in your low back",
    ),
)
"""The back signs (a profile's ``signs``), each with the yes/no question a person is asked."""

SOURCES: tuple[Source, ...] = sc.SOURCES

BRIDGE_LBP_MEAN_S = 76
"""Bridge hold below this counts 1 point: the mean of the low-back-pain group in
Schellenberg 2007 (``schellenberg2007``: 76.7 +/- 48.9 s, rounded to 76 s).
Using a group mean as a cut-off is a convention."""

BRIDGE_HEALTHY_MEAN_S = 170
"""Mean bridge hold of the healthy group (``schellenberg2007``); a hold between the
two means is only mentioned, not counted."""

CAVEAT = (
    "Evidence is low and conflicting: adding hip work to low-back care gave little or no "
    "extra benefit in trials (Kendall 2015, Fukuda 2021; de Jesus 2020: pain -5.4/100)."
)


PGP_SIGN = "pelvic_girdle_pain"
"""The sign of pelvic girdle pain (the safety plugin's): pain over the back of the
pelvis that a person may well call low-back pain (Vleeming 2008, recalled: pelvic
girdle pain lies between the posterior iliac crest and the gluteal fold, and is told
apart from lumbar pain)."""


def grade(profile: Profile) -> Finding:
    """Grade back 0-3: 1 point per sign, 1-2 for low-back pain, 1 for a short bridge hold.

    With pelvic girdle pain and no back sign, low-back pain is taken as that pain and
    not counted here: it is not the low back working for the glutes, and the pelvic
    girdle rules act on it."""
    signs = [s.id for s in SIGNS]
    evidence = sc.count_signs(profile, signs, sc.Evidence())
    level = profile.pain.get("low_back")
    if level and PGP_SIGN in profile.signs and not set(signs) & set(profile.signs):
        evidence = evidence.add(
            note=f"Low back pain {level}/10 not counted: with pelvic girdle pain and none "
            "of the back signs, pain there is taken as the pelvic girdle pain, which its "
            "own rules look after (Vleeming 2008: pelvic girdle pain lies below the low "
            "back, over the back of the pelvis)."
        )
    else:
        evidence = sc.count_pain(profile, ("low_back",), evidence)
    bridge = profile.tests.bridge_hold_s
    if bridge is not None:
        if bridge < BRIDGE_LBP_MEAN_S:
            evidence = evidence.add(
                1,
                test=f"bridge hold {bridge:g} s, below {BRIDGE_LBP_MEAN_S} s (the mean with "
                "low-back pain; healthy mean ~170 s, Schellenberg 2007)",
                note=f"Bridge holds under {BRIDGE_LBP_MEAN_S} s count: the low-back-pain "
                "group's mean in Schellenberg 2007 (76.7 s; healthy 170.4 s); the groups "
                "overlap widely, so using it as a cut-off is a convention.",
            )
        elif bridge < BRIDGE_HEALTHY_MEAN_S:
            evidence = evidence.add(
                note=f"Bridge hold {bridge:g} s lies between the low-back-pain mean (~76 s) "
                "and the healthy mean (~170 s) of Schellenberg 2007; not counted.",
            )
    return sc.finish(ISSUE, evidence, CAVEAT)
