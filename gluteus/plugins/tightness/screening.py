"""Screening for ``tightness`` ('tight' glutes that are really weak).

Counts the tightness signs, buttock or outer-hip pain (the worse of the two),
a positive Trendelenburg sign (abductor weakness is a feature of gluteal
tendinopathy, Grimaldi & Fearon 2015; the sign has no accuracy data ⚠) and a
left/right side-plank asymmetry (side plank is a high glute-med exercise,
Ekstrom 2007; healthy ratio ~1:1, McGill 1999).

Two of these are supporting evidence. Discomfort sitting or getting up from a chair
(:data:`SUPPORTING_SIGNS`) is as much a sign of hip arthritis, recovery from surgery,
pregnancy or general weakness, and often a result of the very pain counted here: it
adds a point alongside chronic tightness or piriformis symptoms, and when nothing
else counts it makes the finding mild at most, but it adds nothing to pain or a test
result alone (one vague sign never makes tightness marked). A side-plank asymmetry
counts only when chronic tightness, piriformis symptoms, buttock or hip pain or a
Trendelenburg sign already counts,
because trunk and hip endurance differ between sides for many reasons.
"""

from __future__ import annotations

from gluteus.engine.model import Finding, Sign, Source
from gluteus.engine.profile import Profile
from gluteus.plugins import _screening as sc
from gluteus.plugins import _sources as src

ISSUE = "tightness"

SIGNS: tuple[Sign, ...] = (
    Sign(
        "chronic_glute_tightness",
        ISSUE,
        "Do your glutes feel tight most of the time, with stretching giving only brief relief?",
    ),
    Sign(
        "piriformis_symptoms",
        ISSUE,
        "Do you get a deep ache in the buttock, sometimes spreading down the back of the "
        "thigh, that is worse when sitting?",
    ),
    Sign(
        "discomfort_sitting_or_transitions",
        ISSUE,
        "Is it uncomfortable to sit for long, or to get up from a chair or out of a car?",
    ),
)
"""The tightness signs (a profile's ``signs``), each with the yes/no question a person is asked."""

SUPPORTING_SIGNS: tuple[str, ...] = ("discomfort_sitting_or_transitions",)
"""Signs that add a point alongside a specific tightness sign (the others of
:data:`SIGNS`) or, 1 point at most, when nothing else counts; never on top of pain
or a test result alone (``screening_convention``)."""

SOURCES: tuple[Source, ...] = (*sc.SOURCES, src.GRIMALDI2015, src.EKSTROM2007)

CAVEAT = (
    "Evidence is mixed: gluteal tendinopathy care has moderate evidence (LEAP, Mellor 2018), "
    "but the piriformis approach rests on one case report and a 6-case series (Tonley 2010, "
    "Schröder 2016): very weak, treat it as expert opinion."
)


def grade(profile: Profile) -> Finding:
    """Grade tightness 0-3: 1 point per sign, 1-2 for buttock or hip pain, 1 for a
    positive Trendelenburg sign, 1 for a side-plank asymmetry over 10%; the supporting
    sign and the asymmetry count only as the module docstring says."""
    specific = [s.id for s in SIGNS if s.id not in SUPPORTING_SIGNS]
    evidence = sc.count_signs(profile, specific, sc.Evidence())
    has_specific = bool(evidence.signs)
    evidence = sc.count_pain(profile, ("buttock", "hip"), evidence)
    tests = profile.tests
    if tests.trendelenburg is not None:
        evidence = sc.trendelenburg(tests.trendelenburg, evidence)
    if tests.side_plank_s is not None:
        if evidence.points:
            evidence = sc.asymmetry(
                "side plank", tests.side_plank_s, evidence, source="McGill 1999"
            )
        elif sc.weaker_of(tests.side_plank_s)[0] is not None:
            evidence = evidence.add(
                note="A side-plank difference alone does not count: trunk and hip endurance "
                "differ between sides for many reasons; it counts alongside chronic "
                "tightness, piriformis symptoms, buttock or hip pain or a Trendelenburg sign "
                "(a convention, screening_convention)."
            )
    supporting = [s for s in SUPPORTING_SIGNS if s in profile.signs]
    if supporting and (has_specific or not evidence.points):
        evidence = sc.count_signs(profile, SUPPORTING_SIGNS, evidence)
        if not has_specific:
            evidence = evidence.add(
                note="Discomfort sitting or getting up from a chair is as much a sign of hip "
                "arthritis, recovery from surgery, pregnancy or general weakness: on its own "
                "it makes this finding mild at most (a convention, screening_convention)."
            )
    elif supporting:
        evidence = evidence.add(
            note="Discomfort sitting or getting up from a chair was reported but adds nothing "
            "to the pain or test result already counted, which may well cause it; it adds a "
            "point alongside chronic tightness or piriformis symptoms (a convention, "
            "screening_convention)."
        )
    return sc.finish(ISSUE, evidence, CAVEAT)
