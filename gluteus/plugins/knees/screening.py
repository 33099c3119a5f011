"""Screening for ``knees`` (knees cave in).

Counts the knee signs, knee pain, the knee caving in on a single-leg squat
(a criterion of the single-leg squat quality ratings) and a positive Trendelenburg
sign (pelvic drop: weak stance-side hip abductors; no accuracy data ⚠). The
Trendelenburg sign is a hip abductor sign, graded by ``tightness``; it counts here
only when the knee is also seen or felt to cave in (a positive single-leg squat or
the ``knees_cave_in`` sign), where the weak abductors are the mechanism behind the
valgus. A one-sided result names the weaker side when the results agree.
"""

from __future__ import annotations

from gluteus.engine.model import Finding, Sign, Source
from gluteus.engine.profile import Profile
from gluteus.plugins import _screening as sc

ISSUE = "knees"

SIGNS: tuple[Sign, ...] = (
    Sign(
        "knee_pain_stairs_running",
        ISSUE,
        "Do your knees hurt on stairs, when running or when squatting?",
    ),
    Sign(
        "knees_cave_in",
        ISSUE,
        "Do your knees drift or cave inwards when you squat, lunge, land or climb stairs?",
    ),
    Sign(
        "ankle_sprains_or_hip_tightness",
        ISSUE,
        "Do you often sprain an ankle, or feel tight at the outside of the hip?",
    ),
)
"""The knees signs (a profile's ``signs``), each with the yes/no question a person is asked."""

SOURCES: tuple[Source, ...] = sc.SOURCES

CAVEAT = (
    "Evidence is moderate: hip and core programmes eased knee pain as well as knee "
    "programmes and a week sooner (Ferber 2015), though at one year hip exercise was no "
    "better than free activity (Hott 2020)."
)


def valgus_seen(profile: Profile) -> bool:
    """True when the knee is seen or felt to cave in: a positive single-leg squat on
    either side, or the ``knees_cave_in`` sign."""
    squat = profile.tests.single_leg_squat_knee_valgus
    return "knees_cave_in" in profile.signs or (
        squat is not None and bool(squat.left or squat.right)
    )


def grade(profile: Profile) -> Finding:
    """Grade knees 0-3: 1 point per sign, 1-2 for knee pain, 1 per positive test
    (single-leg squat valgus; Trendelenburg only when valgus is also seen)."""
    evidence = sc.count_signs(profile, [s.id for s in SIGNS], sc.Evidence())
    evidence = sc.count_pain(profile, ("knee",), evidence)
    tests = profile.tests
    if tests.single_leg_squat_knee_valgus is not None:
        evidence = sc.one_sided(
            "single-leg squat",
            tests.single_leg_squat_knee_valgus,
            "the knee caves in on the {where}",
            evidence,
        )
    trendelenburg = tests.trendelenburg
    if trendelenburg is not None and valgus_seen(profile):
        evidence = sc.trendelenburg(trendelenburg, evidence)
    elif trendelenburg is not None and (trendelenburg.left or trendelenburg.right):
        evidence = evidence.add(
            note="A Trendelenburg sign is a hip abductor sign, graded with tightness; it "
            "counts for the knees only when a knee is also seen or felt to cave in."
        )
    return sc.finish(ISSUE, evidence, CAVEAT)
