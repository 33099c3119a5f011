"""Screening for ``knees`` (knees cave in).

Counts the knee seen or felt to cave in: the ``knees_cave_in`` sign (:data:`OWN_SIGNS`)
and the knee caving in on a single-leg squat (a criterion of the single-leg squat
quality ratings). The rest counts only alongside one of them (:func:`valgus_seen`):

- knee pain (1-2 points) and knee pain on stairs, running or squatting: knee pain,
  wherever it is felt, is as often arthritis, a knee replacement or the joint itself,
  and calling it "knees cave in" would steer the program wrongly;
- the ankle-sprain-or-tight-outer-hip sign and a positive Trendelenburg sign (pelvic
  drop: weak stance-side hip abductors; no accuracy data ⚠), where the weak abductors
  are the mechanism behind the valgus. The Trendelenburg sign is otherwise graded by
  ``function``.

A one-sided result names the weaker side when the results agree.
"""

from __future__ import annotations

from gluteus.engine.model import Finding, Sign, Source
from gluteus.engine.profile import Profile
from gluteus.plugins import _screening as sc

ISSUE = "knees"

SIGNS: tuple[Sign, ...] = (
    Sign(
        "knees_cave_in",
        ISSUE,
        "Do your knees drift or cave inwards when you squat, lunge, land or climb stairs?",
        name="knees that cave in",
    ),
    Sign(
        "knee_pain_stairs_running",
        ISSUE,
        "Do your knees hurt on stairs, when running or when squatting?",
        name="knee pain on stairs or running",
    ),
    Sign(
        "ankle_sprains_or_hip_tightness",
        ISSUE,
        "Do you often sprain an ankle, or feel tight at the outside of the hip?",
        name="ankle sprains or a tight outer hip",
    ),
)
"""The knees signs (a profile's ``signs``), each with the yes/no question a person is asked."""

OWN_SIGNS: tuple[str, ...] = ("knees_cave_in",)
"""The knees sign that counts on its own: the knee felt or seen to cave in. The others
count only when valgus is seen (:func:`valgus_seen`)."""

WITH_VALGUS: tuple[str, ...] = ("knee_pain_stairs_running", "ankle_sprains_or_hip_tightness")
"""Signs that count only when the knee is seen or felt to cave in: knee pain on stairs
or running is as common with arthritis as with valgus, and ankle sprains or a tight
outer hip say nothing about the knee alone."""

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
    """Grade knees 0-3: 1 point for the knees-cave-in sign and per positive single-leg
    squat; with either, 1-2 for knee pain, 1 for knee pain on stairs or running, 1 for
    the ankle-sprain-or-hip sign and 1 for a Trendelenburg sign (see module docstring)."""
    evidence = sc.count_signs(profile, OWN_SIGNS, sc.Evidence())
    tests = profile.tests
    if tests.single_leg_squat_knee_valgus is not None:
        evidence = sc.one_sided(
            "single-leg squat",
            tests.single_leg_squat_knee_valgus,
            "the knee caves in on the {where}",
            evidence,
        )
    seen = valgus_seen(profile)
    if evidence.points:
        evidence = sc.count_pain(profile, ("knee",), evidence)
    elif profile.pain.get("knee") and "knee_replacement" in profile.precautions:
        # Said plainly: after a knee replacement, knee pain is the new knee's.
        evidence = evidence.add(
            note=f"Knee pain {profile.pain.get('knee')}/10 after a knee replacement is put "
            "down to the new knee, which the knee replacement rules look after; it is not "
            "counted as knees caving in."
        )
    elif profile.pain.get("knee"):
        evidence = evidence.add(
            note=f"Knee pain {profile.pain.get('knee')}/10 alone does not count as knees caving in: "
            "it is as often arthritis, a knee replacement or the joint itself. It counts "
            "alongside a knee seen or felt to cave in (a single-leg squat showing it, or "
            "knees that cave in) (a convention, screening_convention)."
        )
    if seen:
        evidence = sc.count_signs(profile, WITH_VALGUS, evidence)
    else:
        if "knee_pain_stairs_running" in profile.signs:
            evidence = evidence.add(
                note="Knee pain on stairs, running or squatting counts for the knees only "
                "when a knee is also seen or felt to cave in (a single-leg squat showing it, "
                "or knees that cave in): alone it is as often arthritis or the joint itself "
                "and says nothing about the knee caving in (a convention, "
                "screening_convention)."
            )
        if "ankle_sprains_or_hip_tightness" in profile.signs:
            evidence = evidence.add(
                note="Ankle sprains or a tight outer hip count for the knees only when a "
                "knee is also seen or felt to cave in: alone they say nothing about the "
                "knee (a convention, screening_convention)."
            )
    trendelenburg = tests.trendelenburg
    if trendelenburg is not None and seen:
        evidence = sc.trendelenburg(trendelenburg, evidence)
    elif trendelenburg is not None and (trendelenburg.left or trendelenburg.right):
        evidence = evidence.add(
            note="A Trendelenburg sign is a hip abductor sign, graded with function; it "
            "counts for the knees only when a knee is also seen or felt to cave in."
        )
    return sc.finish(ISSUE, evidence, CAVEAT)
