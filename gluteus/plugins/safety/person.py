"""Who the person is, week by week: the person states the safety rules act on.

Declared through ``register_person_states`` and assessed through ``assess_person``
for every program week, as any plugin may. The cut-offs, with their sources:

- **Age band**: under 18, adult, 65 and over, 80 and over (the bands the youth,
  older-adult and Otago guidance use).
- **Falls risk** is high with any of: a Timed Up and Go of 12 s or more, a tandem
  stance held under 10 s, or a 30-second chair stand below the age norm (CDC STEADI
  [R]); a single-leg stance under 5 s (Vellas 1997 [R]); age 80 or more (the
  population Otago's falls fell most in, Campbell 1997 / Robertson 2002 [R]); a
  walking aid, or poor balance reported at 65 or more (conventions).
- **Getting up from the floor**: as the person says; when they do not say, not
  assumed for someone at high falls risk or using a walking aid (convention: many
  frail adults cannot, and a floor exercise they cannot get out of is a fall).
- **Pregnancy stage**: the trimester of each program week (from the week of
  pregnancy, or the last week of the trimester given, so a later stage's rules come
  as soon as it could begin).
- **Hip and knee replacement stage**: early (under 6 weeks), middle (6 to 11),
  late (12 on), from the weeks since surgery in each program week; when the weeks are
  not given, early (the most careful stage) until the person says otherwise.
- **After giving birth**: under 12 weeks, then 12 weeks on, from the weeks since the
  birth in each program week (Goom, Donnelly & Brockwell 2019 put the return to
  running and other impact at 12 weeks at the earliest [R]).
- **Bone**: osteoporosis when the precaution is listed; otherwise osteopenia (low bone
  density without a fracture from a minor fall) when that one is.
- **Blood pressure**: high with the precaution or a reading of 140/90 or more;
  uncontrolled at 180/110 or more, which is a red flag (see a doctor before training:
  Pescatello 2015 [R]).
- **Outer hip**: the gluteal tendon picture with outer hip pain of 4/10 or more, or
  from 2/10 when it comes with workouts, with lying on that side or with a pelvis that
  drops on one leg (Grimaldi & Fearon 2015: pain on loading and lying on the side,
  abductors failing on one leg); the cut-offs are a convention. Not after a hip
  replacement: hip pain then is the operated hip healing, read by its own stages.
"""

from __future__ import annotations

from collections.abc import Iterator

from gluteus.engine.model import Assessment, Cutoff, ObjectiveTest, PersonState, Sign, Source
from gluteus.engine.profile import Profile, Sides

VELLAS1997 = Source(
    "vellas1997",
    "Vellas BJ et al. One-leg balance is an important predictor of injurious falls in older "
    "persons. J Am Geriatr Soc 1997;45(6):735-738 (single-leg stance under 5 s).",
    "recalled",
)
PESCATELLO2015 = Source(
    "pescatello2015",
    "Pescatello LS et al. Exercise for hypertension: a prescription update integrating "
    "existing recommendations with emerging research. Curr Hypertens Rep 2015;17(11):87 "
    "(resistance training at moderate effort, breathing out on effort, no Valsalva; resting "
    "pressure of 180/110 or more: see a doctor before training).",
    "recalled",
)
RIEBE2015 = Source(
    "riebe2015",
    "Riebe D et al. Updating ACSM's recommendations for exercise preparticipation health "
    "screening. Med Sci Sports Exerc 2015;47(11):2473-2479 (stop for chest pain or "
    "pressure, unusual breathlessness, dizziness or fainting, palpitations).",
    "recalled",
)
REPLACEMENT_STAGES = Source(
    "joint_replacement_stages",
    "Stages of rehabilitation after hip or knee replacement as commonly taught: early "
    "(0-6 weeks) isometrics, supported standing work and walking; middle (6-12 weeks) "
    "progressive strength within the precautions and balance with support; late (over 12 "
    "weeks) functional and single-leg work. Practice convention, recalled; the surgical "
    "team's own advice overrides.",
    "convention",
)
POSTNATAL_STAGES = Source(
    "postnatal_stages",
    "Goom T, Donnelly G, Brockwell E. Returning to running postnatal: guidelines for "
    "medical, health and fitness professionals managing this population. 2019 (recalled: "
    "no running or other high-impact exercise before 12 weeks after giving birth, and then "
    "only with no symptoms of pelvic-floor dysfunction: heaviness or dragging, leaking, "
    "pain). Using 12 weeks as the line for impact, speed work, full planks and heavy loads "
    "too is gluteus's convention.",
    "recalled",
)
PERSON_CONVENTION = Source(
    "person_convention",
    "gluteus's own conventions for who a program is for: a walking aid, or poor balance "
    "at 65 or more, counts as a falls risk; someone at high falls risk who does not say "
    "they can get up from the floor is not given floor exercises. No trial behind them.",
    "convention",
)

SOURCES: tuple[Source, ...] = (
    VELLAS1997,
    PESCATELLO2015,
    RIEBE2015,
    REPLACEMENT_STAGES,
    POSTNATAL_STAGES,
    PERSON_CONVENTION,
)

TUG_S = 12
"""CDC STEADI [R]: a Timed Up and Go of 12 s or more means a higher falls risk."""
TANDEM_S = 10
"""CDC STEADI [R]: a tandem stance not held for 10 s means a higher falls risk."""
STANCE_S = 5
"""Vellas 1997 [R]: a single-leg stance under 5 s predicts injurious falls."""
POSTNATAL_EARLY_WEEKS = 12
"""Goom, Donnelly & Brockwell 2019 [R]: no running or impact before 12 weeks after the
birth; the early postnatal stage lasts until then."""

CHAIR_STAND_BELOW: tuple[tuple[int, int], ...] = (
    (60, 14),
    (65, 12),
    (70, 12),
    (75, 11),
    (80, 10),
    (85, 8),
    (90, 7),
)
"""CDC STEADI's 30-second chair stand, below-average scores by age from 60 [R]: the
men's figures, which are the higher (so more people are flagged), since a profile
gives no sex. A count under the figure for the person's age band means a higher
falls risk."""

PGP = Sign(
    id="pelvic_girdle_pain",
    issue=None,
    question="Do you have pain at the front of the pelvis (over the pubic bone) or at the "
    "back (over the dimples above the buttocks), worse on stairs, turning in bed or "
    "standing on one leg (pelvic girdle pain, common in pregnancy)?",
    name="pelvic girdle pain",
)

SIDE_LYING_PAIN = Sign(
    id="hip_pain_lying_on_side",
    issue=None,
    question="Does the outside of your hip hurt when you lie on that side, for example in "
    "bed at night?",
    name="outer hip pain lying on that side",
)
"""Pain lying on the painful side: with outer hip pain, part of the gluteal tendon
picture (Grimaldi & Fearon 2015), which the outer-hip rules act on."""

FALLS_RISK = "a higher falls risk (CDC STEADI)"
"""What a falls test beyond its cut-off shows, in the words the ``function`` finding
names it with (each counts a point there, as the falls risk here)."""
LEGS_BELOW_AVERAGE = "below-average leg strength for this age (CDC STEADI)"
"""What a chair stand under the age norm shows, in the ``function`` finding's words: it
counts a point there, but towards a raised falls risk only beside another finding or
with no gait or balance test given (:func:`falls_reasons`)."""

TESTS: tuple[ObjectiveTest, ...] = (
    ObjectiveTest(
        id="timed_up_and_go_s",
        name="Timed Up and Go",
        kind="seconds",
        sided=False,
        high=120,
        instructions="Sit in a chair with arms, your usual shoes on and your walking aid "
        "if you use one. On 'go', stand up, walk at your normal pace to a line 3 metres "
        "(10 feet) away, turn, walk back and sit down. Someone times it from 'go' until "
        "you sit. Have a person beside you.",
        question="Timed Up and Go, in seconds",
        source="cdc_steadi",
        cutoffs=(Cutoff("function", TUG_S, "at_least", FALLS_RISK),),
    ),
    ObjectiveTest(
        id="chair_stand_30s",
        name="30-second chair stand",
        kind="count",
        sided=False,
        high=60,
        instructions="Sit in the middle of a chair against a wall, arms crossed on your "
        "chest, feet flat. Count how many times you stand up fully and sit back down in "
        "30 seconds.",
        question="30-second chair stand: how many full stands?",
        source="cdc_steadi",
        reps=("sit_to_stand",),
        cutoffs=tuple(
            Cutoff("function", below, "below", LEGS_BELOW_AVERAGE, from_age=age)
            for age, below in CHAIR_STAND_BELOW
        ),
    ),
    ObjectiveTest(
        id="tandem_stance_s",
        name="tandem stance",
        kind="seconds",
        sided=False,
        high=60,
        instructions="Stand with one foot directly in front of the other, heel touching "
        "toe, next to a counter you can grab. Time how long you hold it without moving "
        "your feet or grabbing the counter, up to 30 seconds.",
        question="Tandem stance (heel to toe), in seconds",
        source="cdc_steadi",
        cutoffs=(Cutoff("function", TANDEM_S, "below", FALLS_RISK),),
        holds=("tandem_stance",),
    ),
)

PERSON_STATES: tuple[PersonState, ...] = (
    PersonState(
        id="age_band",
        name="age",
        values=("under_18", "adult", "65_plus", "80_plus"),
        description="The age band the youth and older-adult guidance use.",
        source="person_convention",
    ),
    PersonState(
        id="falls_risk",
        name="falls risk",
        values=("low", "high"),
        description="Whether balance work needs a support and impact is left out.",
        source="cdc_steadi",
    ),
    PersonState(
        id="floor",
        name="getting down to the floor and up",
        values=("yes", "no"),
        description="Whether floor exercises are in the program.",
        source="person_convention",
    ),
    PersonState(
        id="pregnancy",
        name="pregnancy",
        values=("none", "trimester_1", "trimester_2", "trimester_3"),
        description="The trimester in each week of the program.",
        source="pregnancy_guidance",
    ),
    PersonState(
        id="hip_replacement",
        name="hip replacement",
        values=("none", "early", "middle", "late"),
        description="The stage after a hip replacement in each week of the program.",
        source="joint_replacement_stages",
    ),
    PersonState(
        id="knee_replacement",
        name="knee replacement",
        values=("none", "early", "middle", "late"),
        description="The stage after a knee replacement in each week of the program.",
        source="joint_replacement_stages",
    ),
    PersonState(
        id="postnatal",
        name="after giving birth",
        values=("none", "under_12_weeks", "12_weeks_on"),
        description="The stage after giving birth in each week of the program.",
        source="postnatal_stages",
    ),
    PersonState(
        id="bone",
        name="bone health",
        values=("normal", "osteopenia", "osteoporosis"),
        description="Whether loaded bending and twisting of the spine are left out, and "
        "whether impact and free-standing single-leg work are too (osteoporosis only).",
        source="giangregorio2014",
    ),
    PersonState(
        id="blood_pressure",
        name="blood pressure",
        values=("normal", "high", "uncontrolled"),
        description="Whether breath-holding is left out and effort kept moderate.",
        source="pescatello2015",
    ),
    PersonState(
        id="outer_hip",
        name="outer hip pain",
        values=("none", "tendon_picture", "after_hip_replacement"),
        description="Whether the outer hip is kept out of compression and fast work (the "
        "tendon picture), or, after a hip replacement, trained standing first.",
        source="grimaldi_fearon2015",
    ),
)

HIP_REPLACEMENTS = (
    "hip_replacement_posterior",
    "hip_replacement_anterior",
    "hip_replacement_lateral",
)


def _age_band(age: int) -> Assessment:
    if age < 18:
        return Assessment("age_band", "under_18", f"{age} years old")
    if age >= 80:
        return Assessment("age_band", "80_plus", f"{age} years old")
    if age >= 65:
        return Assessment("age_band", "65_plus", f"{age} years old")
    return Assessment("age_band", "adult", f"{age} years old")


def _chair_norm(age: int) -> int | None:
    below = None
    for start, count in CHAIR_STAND_BELOW:
        if age >= start:
            below = count
    return below


def _chair_stand_low(profile: Profile) -> str | None:
    """The chair stand's words when the count is under the age norm, else None."""
    chair = profile.tests.get("chair_stand_30s")
    norm = _chair_norm(profile.age)
    if isinstance(chair, int | float) and norm is not None and chair < norm:
        return f"{chair:g} chair stands in 30 s (under {norm} at this age)"
    return None


def _gait_and_balance_tested(profile: Profile) -> list[str]:
    """The gait and balance tests the person gave a result for (Timed Up and Go, tandem
    stance, single-leg stance); :func:`falls_reasons` says whether each is beyond."""
    tests = profile.tests
    given = []
    if isinstance(tests.get("timed_up_and_go_s"), int | float):
        given.append("Timed Up and Go")
    if isinstance(tests.get("tandem_stance_s"), int | float):
        given.append("tandem stance")
    if isinstance(tests.get("single_leg_stance_s"), Sides):
        given.append("single-leg stance")
    return given


def falls_reasons(profile: Profile) -> Iterator[str]:
    """Each reason, in plain words, that the person's falls risk is high.

    The tests are weighed together: a chair stand under the age norm is a reason only
    beside another one or a report of poor balance, or when no gait or balance test
    was given. CDC STEADI reads
    the chair stand as a test of leg strength and the Timed Up and Go and the stance
    tests as tests of gait and balance, each deficit to its own treatment; with those
    given and within their cut-offs (and no other reason), a below-average chair stand
    alone marks leg strength to train, not a raised falls risk. How the tests are
    combined is a convention here (see :func:`chair_stand_alone`)."""
    tests = profile.tests
    reasons = []
    tug = tests.get("timed_up_and_go_s")
    if isinstance(tug, int | float) and tug >= TUG_S:
        reasons.append(f"Timed Up and Go {tug:g} s ({TUG_S} s or more)")
    tandem = tests.get("tandem_stance_s")
    if isinstance(tandem, int | float) and tandem < TANDEM_S:
        reasons.append(f"tandem stance held {tandem:g} s (under {TANDEM_S} s)")
    chair_at = len(reasons)
    stance = tests.get("single_leg_stance_s")
    if isinstance(stance, Sides) and min(stance.left, stance.right) < STANCE_S:
        reasons.append(
            f"single-leg stance {min(stance.left, stance.right):g} s (under {STANCE_S} s)"
        )
    if profile.age >= 80:
        reasons.append("80 or older")
    if profile.walking_aid:
        reasons.append("uses a walking aid")
    if profile.age >= 65 and "poor_balance" in profile.signs:
        reasons.append("poor balance at 65 or older")
    chair = _chair_stand_low(profile)
    # A person who says their balance is poor (at any age) keeps the chair stand as a
    # reason: STEADI asks first whether someone feels unsteady.
    alone = not reasons and "poor_balance" not in profile.signs
    if chair is not None and (not alone or not _gait_and_balance_tested(profile)):
        reasons.insert(chair_at, chair)
    yield from reasons


def chair_stand_alone(profile: Profile) -> str | None:
    """When a chair stand under the age norm is the only finding and the gait and
    balance tests given are within their cut-offs: the words saying why the falls risk
    is not raised (a convention built on CDC STEADI), else None."""
    chair = _chair_stand_low(profile)
    if chair is None or list(falls_reasons(profile)):
        return None
    return (
        f"{chair}, with the {' and '.join(_gait_and_balance_tested(profile))} within their "
        "cut-offs: leg strength to train, not a raised falls risk on its own (CDC STEADI "
        "reads the chair stand as a strength test; weighing the tests together is a "
        "convention)"
    )


def _stage(weeks: int | None) -> tuple[str, str]:
    if weeks is None:
        return "early", "weeks since surgery not given: the most careful stage is assumed"
    if weeks < 6:
        return "early", f"{weeks} week(s) after surgery"
    if weeks < 12:
        return "middle", f"{weeks} weeks after surgery"
    return "late", f"{weeks} weeks after surgery"


def assess(profile: Profile, week: int) -> list[Assessment]:
    """Every person state this plugin declares, for program week ``week``."""
    out = [_age_band(profile.age)]
    reasons = list(falls_reasons(profile))
    out.append(
        Assessment("falls_risk", "high", "; ".join(reasons))
        if reasons
        else Assessment(
            "falls_risk", "low", chair_stand_alone(profile) or "no sign of a raised falls risk"
        )
    )
    if profile.can_get_up_from_floor is not None:
        floor = "yes" if profile.can_get_up_from_floor else "no"
        out.append(Assessment("floor", floor, "as you said"))
    elif reasons:
        # A mat is kit, not an answer: listing one does not say the person can get
        # down to it and up again, and a reader of the program might think it does.
        listed = "mat" in profile.equipment
        mat = " (a mat among your equipment is not taken as a yes)" if listed else ""
        out.append(
            Assessment(
                "floor",
                "no",
                f"not said{mat}, and not assumed with a raised falls risk: say "
                "can_get_up_from_floor: true if you can",
            )
        )
    else:
        out.append(Assessment("floor", "yes", "not said; assumed"))
    trimester = profile.trimester_at(week) if "pregnancy" in profile.precautions else None
    if trimester is None:
        out.append(Assessment("pregnancy", "none", "not pregnant"))
    else:
        known = profile.pregnancy_week_at(week)
        why = (
            f"week {known} of pregnancy"
            if known is not None
            else f"trimester {trimester} (from the trimester given)"
        )
        out.append(Assessment("pregnancy", f"trimester_{trimester}", why))
    for state, precautions in (
        ("hip_replacement", HIP_REPLACEMENTS),
        ("knee_replacement", ("knee_replacement",)),
    ):
        if any(p in profile.precautions for p in precautions):
            value, why = _stage(profile.weeks_since_surgery_at(week))
            out.append(Assessment(state, value, why))
        else:
            out.append(Assessment(state, "none", "no joint replacement"))
    out.append(_postnatal(profile, week))
    if "osteoporosis" in profile.precautions:
        out.append(
            Assessment("bone", "osteoporosis", "osteoporosis, or a fracture from a minor fall")
        )
    elif "osteopenia" in profile.precautions:
        # Both listed: the more careful one holds.
        out.append(Assessment("bone", "osteopenia", "low bone density (osteopenia)"))
    else:
        out.append(Assessment("bone", "normal", "no osteoporosis or low bone density given"))
    out.append(_blood_pressure(profile))
    out.append(_outer_hip(profile))
    return out


def _postnatal(profile: Profile, week: int) -> Assessment:
    weeks = profile.weeks_since_birth_at(week)
    if "postnatal" not in profile.precautions:
        return Assessment("postnatal", "none", "no recent birth given")
    if weeks is None or weeks < POSTNATAL_EARLY_WEEKS:
        # The profile requires the weeks with the precaution; a plugin's profile built
        # without them still gets the more careful stage.
        why = (
            f"{weeks} week(s) after giving birth"
            if weeks is not None
            else "weeks since the birth not given: the more careful stage is assumed"
        )
        return Assessment("postnatal", "under_12_weeks", why)
    return Assessment("postnatal", "12_weeks_on", f"{weeks} weeks after giving birth")


OUTER_HIP_FROM = 2
"""Outer hip pain from which, with what makes it the tendon picture, the outer hip
rules hold (Lequesne's single-leg-stance test counts 2/10 as positive [R])."""
OUTER_HIP_ALONE = 4
"""Outer hip pain from which they hold on its own (the amber zone of pain monitoring)."""


def _outer_hip(profile: Profile) -> Assessment:
    level = profile.pain.get("hip")
    if any(p in profile.precautions for p in HIP_REPLACEMENTS):
        # Hip pain weeks after the operation is the new hip healing, not a tendon; the
        # tendon picture's advice (runs, hops to come) would contradict its precautions.
        # From 2/10 it is still outer hip pain, which the rules after a hip replacement
        # train standing first (hip_replacement_outer_hip): the state says so.
        if level >= OUTER_HIP_FROM:
            return Assessment(
                "outer_hip",
                "after_hip_replacement",
                f"hip pain {level}/10 after a hip replacement: read as the operated hip, "
                "not the tendon picture, and its side trained standing first",
            )
        return Assessment(
            "outer_hip", "none", "hip pain read as the operated hip, after a hip replacement"
        )
    drop = profile.tests.get("trendelenburg")
    with_ = [
        words
        for present, words in (
            ("hip_pain_in_workouts" in profile.signs, "pain in workouts"),
            (SIDE_LYING_PAIN.id in profile.signs, "pain lying on that side"),
            (isinstance(drop, Sides) and bool(drop.left or drop.right), "a pelvis that drops"),
        )
        if present
    ]
    if level >= OUTER_HIP_ALONE:
        return Assessment("outer_hip", "tendon_picture", f"outer hip pain {level}/10")
    if level >= OUTER_HIP_FROM and with_:
        return Assessment(
            "outer_hip", "tendon_picture", f"outer hip pain {level}/10 with {' and '.join(with_)}"
        )
    return Assessment("outer_hip", "none", "no outer hip pain with the tendon picture")


def _blood_pressure(profile: Profile) -> Assessment:
    reading = profile.blood_pressure
    if reading is not None and (reading.systolic >= 180 or reading.diastolic >= 110):
        return Assessment(
            "blood_pressure",
            "uncontrolled",
            f"{reading.systolic}/{reading.diastolic} (180/110 or more)",
        )
    if reading is not None and (reading.systolic >= 160 or reading.diastolic >= 100):
        # Still "high" (the same rules), said at the level the GP-first rule acts on.
        return Assessment(
            "blood_pressure", "high", f"{reading.systolic}/{reading.diastolic} (160/100 or more)"
        )
    if reading is not None and (reading.systolic >= 140 or reading.diastolic >= 90):
        return Assessment(
            "blood_pressure", "high", f"{reading.systolic}/{reading.diastolic} (140/90 or more)"
        )
    if "hypertension" in profile.precautions:
        return Assessment("blood_pressure", "high", "high blood pressure")
    return Assessment("blood_pressure", "normal", "no high blood pressure given")
