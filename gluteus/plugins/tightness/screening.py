"""Screening for ``tightness`` ('tight' glutes that are really weak).

Counts the tightness signs: chronic glute tightness and piriformis symptoms are
its own (:data:`SPECIFIC_SIGNS`). Everything else is supporting evidence that counts
only alongside one of them: buttock or outer-hip pain (the worse of the two), a
positive Trendelenburg sign (abductor weakness is a feature of gluteal tendinopathy,
Grimaldi & Fearon 2015; the sign has no accuracy data ⚠), a left/right side-plank
asymmetry (side plank is a high glute-med exercise, Ekstrom 2007; healthy ratio ~1:1,
McGill 1999) and discomfort sitting or getting up from a chair
(:data:`SUPPORTING_SIGNS`).

Without a tightness sign none of them makes a finding: buttock or hip pain is as
often pelvic girdle pain, the back, a gluteal tendinopathy or pain after surgery; a
pelvis that drops on one leg is weak abductors (graded by ``function``), expected
after a hip replacement; trouble getting up from a chair is as much hip arthritis,
recovery from surgery, pregnancy or general weakness; and trunk and hip endurance
differ between sides for many reasons. Calling any of them "tight glutes" would
steer the program to deep-rotator holds the person does not need
(``screening_convention``).
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
        name="glutes that feel tight most of the time",
    ),
    Sign(
        "piriformis_symptoms",
        ISSUE,
        "Do you get a deep ache in the buttock, sometimes spreading down the back of the "
        "thigh, that is worse when sitting?",
        name="a deep buttock ache that is worse sitting",
    ),
    Sign(
        "discomfort_sitting_or_transitions",
        ISSUE,
        "Is it uncomfortable to sit for long, or to get up from a chair or out of a car?",
        name="discomfort sitting or getting up",
    ),
)
"""The tightness signs (a profile's ``signs``), each with the yes/no question a person is asked."""

SUPPORTING_SIGNS: tuple[str, ...] = ("discomfort_sitting_or_transitions",)
"""Signs that add a point only alongside a specific tightness sign
(:data:`SPECIFIC_SIGNS`; ``screening_convention``)."""

SPECIFIC_SIGNS: tuple[str, ...] = tuple(s.id for s in SIGNS if s.id not in SUPPORTING_SIGNS)
"""The tightness signs of its own; pain, tests and the supporting signs count only
alongside one of them."""

SOURCES: tuple[Source, ...] = (*sc.SOURCES, src.GRIMALDI2015, src.EKSTROM2007)

CAVEAT = (
    "Evidence is mixed: gluteal tendinopathy care has moderate evidence (LEAP, Mellor 2018), "
    "but the piriformis approach rests on one case report and a 6-case series (Tonley 2010, "
    "Schröder 2016): very weak, treat it as expert opinion."
)


def _alone(profile: Profile, evidence: sc.Evidence) -> sc.Evidence:
    """Without a tightness sign: say what was reported and why it does not count."""
    tests = profile.tests
    reported: list[tuple[str, str]] = []
    region, level = max(
        ((r, profile.pain.get(r)) for r in ("hip", "buttock")), key=lambda kv: kv[1]
    )
    if level:
        reported.append(
            (
                f"{'outer hip' if region == 'hip' else region} pain {level}/10",
                "such pain is as often pelvic girdle pain, the back, a gluteal tendinopathy "
                "or pain after surgery",
            )
        )
    drop = tests.trendelenburg
    if drop is not None and (drop.left or drop.right):
        reported.append(
            (
                "a positive Trendelenburg sign",
                "a pelvis that drops on one leg is weak abductors, graded with function "
                "and expected after a hip replacement",
            )
        )
    plank = tests.side_plank_s
    if plank is not None and sc.weaker_of(plank)[0] is not None:
        reported.append(
            (
                "a side-plank difference",
                "trunk and hip endurance differ between sides for many reasons",
            )
        )
    if any(s in profile.signs for s in SUPPORTING_SIGNS):
        reported.append(
            (
                "discomfort sitting or getting up from a chair",
                "as much hip arthritis, recovery from surgery, pregnancy or general weakness",
            )
        )
    if not reported:
        return evidence
    return evidence.add(
        note="Not counted as tight glutes without chronic tightness or piriformis symptoms: "
        + "; ".join(f"{what} ({why})" for what, why in reported)
        + ". Each counts alongside chronic tightness or piriformis symptoms (a convention, "
        "screening_convention)."
    )


def grade(profile: Profile) -> Finding:
    """Grade tightness 0-3: 1 point per specific sign; alongside one, 1-2 for buttock or
    hip pain, 1 for a positive Trendelenburg sign, 1 for a side-plank asymmetry over 10%
    and 1 for discomfort sitting or getting up (see module docstring)."""
    evidence = sc.count_signs(profile, SPECIFIC_SIGNS, sc.Evidence())
    if not evidence.signs:
        return sc.finish(ISSUE, _alone(profile, evidence), CAVEAT)
    evidence = sc.count_pain(profile, ("buttock", "hip"), evidence)
    tests = profile.tests
    if tests.trendelenburg is not None:
        evidence = sc.trendelenburg(tests.trendelenburg, evidence)
    if tests.side_plank_s is not None:
        evidence = sc.asymmetry("side plank", tests.side_plank_s, evidence, source="McGill 1999")
    return sc.finish(ISSUE, sc.count_signs(profile, SUPPORTING_SIGNS, evidence), CAVEAT)
