"""gluteus-falls: an example third-party plugin for gluteus, unsteady on your feet.

It adds the ``falls`` issue (unsteady on your feet: a fall in the last year,
feeling unsteady, worrying about falling), graded from three yes/no signs and an
objective test, with strength and balance exercises in the style of the Otago
Exercise Programme. It shows the parts of the plugin contract the first example
(``gluteus-hamstrings``) does not use:

- its own objective test with a cut-off (:data:`FOUR_SQUARE_STEP`; a profile gives
  ``tests: {four_square_step_s: 17}``), asked by ``gluteus init`` and reported as a
  structured :class:`~gluteus.engine.model.TestResult`;
- its own equipment (ankle cuff weights), pain region (ankle) and person state
  (steadiness, assessed week by week by ``assess_person``);
- safety rules conditioned on the test, on the person state and on the pain
  region, written as data (:class:`~gluteus.engine.model.Fact`), and one tag of its
  own (``calf_raise_load``) that only its exercises carry;
- generic dose rules: it declares none, because the built-in ``dosing`` plugin
  already doses every role it uses (strength and stability).

Evidence: the sources below are recalled from the literature, not re-read for this
package, so each is marked ``recalled``; choices no trial tests cite
:data:`CONVENTION`. Screening is not a diagnosis.
"""

# Clinical content is prose in data: long cited strings read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

from gluteus import hookimpl
from gluteus.engine.model import (
    Assessment,
    Equipment,
    Exercise,
    Fact,
    Finding,
    Issue,
    Ladder,
    LadderStep,
    ObjectiveTest,
    PainRegion,
    PersonState,
    Requirement,
    SafetyRule,
    Sign,
    Source,
    TestResult,
    Trigger,
)
from gluteus.engine.profile import Profile

__version__ = "0.1.0"

ISSUE_ID = "falls"

# Source keys are global across every loaded plugin: namespaced with the plugin's name.
_NS = "falls/"

SOURCES: tuple[Source, ...] = (
    Source(
        key=_NS + "dite2002",
        citation="Dite W, Temple VA. A clinical test of stepping and change of direction to identify multiple falling older adults. Arch Phys Med Rehabil. 2002;83(11):1566-1571.",
        level="recalled",
    ),
    Source(
        key=_NS + "campbell1997",
        citation="Campbell AJ, Robertson MC, Gardner MM, Norton RN, Tilyard MW, Buchner DM. Randomised controlled trial of a general practice programme of home based exercise to prevent falls in elderly women. BMJ. 1997;315(7115):1065-1069.",
        level="recalled",
    ),
    Source(
        key=_NS + "sherrington2019",
        citation="Sherrington C, Fairhall NJ, Wallbank GK, et al. Exercise for preventing falls in older people living in the community. Cochrane Database Syst Rev. 2019;1:CD012424.",
        level="recalled",
    ),
    Source(
        key=_NS + "steadi",
        citation="Centers for Disease Control and Prevention. STEADI (Stopping Elderly Accidents, Deaths & Injuries): the three key questions (fallen in the past year; unsteady when standing or walking; worried about falling).",
        level="recalled",
    ),
    Source(
        key=_NS + "convention",
        citation="Common practice in falls-prevention exercise; no trial tests this particular choice. The number or rule is a convention of this plugin.",
        level="convention",
    ),
)
"""Every citation this plugin's content refers to."""

CONVENTION = _NS + "convention"

CUT_OFF_S = 15
"""Four square step test times over this (seconds) counted towards the issue: Dite
2002 found more than 15 s in older people who had fallen more than once (recalled)."""

ISSUE = Issue(
    id=ISSUE_ID,
    name="Unsteady on your feet",
    message="A fall in the last year, feeling unsteady when you stand or walk, or worrying about falling: the hip muscles that hold you upright when you step, turn or stand on one leg may be doing too little.",
    fix="Strength for the hips and legs and balance work that gets harder week by week, holding a support until you are steady without it, as in the Otago Exercise Programme.",
    evidence="recalled",
    evidence_note="Exercise that trains balance and strength reduced falls in a Cochrane review (Sherrington 2019) and in the Otago trials (Campbell 1997); both recalled, not re-read. The grading is this plugin's convention.",
    order=7,
)

SIGNS: tuple[Sign, ...] = (
    Sign(
        id="fallen_in_last_year",
        issue=ISSUE_ID,
        question="Have you fallen in the past year?",
    ),
    Sign(
        id="feels_unsteady",
        issue=ISSUE_ID,
        question="Do you feel unsteady when you stand or walk?",
    ),
    Sign(
        id="worried_about_falling",
        issue=ISSUE_ID,
        question="Do you worry about falling?",
    ),
)
"""The three key questions of STEADI, each a plain yes/no question."""

SIGN_IDS = tuple(sign.id for sign in SIGNS)

FOUR_SQUARE_STEP = ObjectiveTest(
    id="four_square_step_s",
    name="four square step test",
    kind="seconds",
    sided=False,
    low=1,
    high=120,
    instructions="Lay four walking sticks on the floor in a cross, making four squares. Stand in one square facing forward and step, as fast as you safely can, into each square in turn: forward, right, back, left, then the same way back. Keep facing forward. Have someone stand by you and time it.",
    question="How many seconds did the four square step test take?",
    source=_NS + "dite2002",
)
"""The plugin's own objective test, with :data:`CUT_OFF_S` as its cut-off."""

ANKLE_CUFF_WEIGHTS = Equipment(
    id="ankle_cuff_weights",
    name="ankle cuff weights",
    kind="external",
)
"""Otago's strength exercises load the leg with a cuff around the ankle."""

ANKLE = PainRegion(id="ankle", name="ankle or foot")

STEADINESS = PersonState(
    id="steadiness",
    name="steadiness on your feet",
    values=("steady", "unsteady"),
    description="Unsteady when the four square step test is slower than the cut-off, or after a fall in the last year, or when standing or walking feels unsteady.",
    source=_NS + "dite2002",
)


def grade(profile: Profile) -> Finding:
    """Grade the ``falls`` issue 0-3: one point per sign, one for a four square step
    test over :data:`CUT_OFF_S` (a convention of this plugin), capped at 3."""
    signs = tuple(sign for sign in SIGN_IDS if sign in profile.signs)
    severity = len(signs)
    results: tuple[TestResult, ...] = ()
    time = profile.tests.get(FOUR_SQUARE_STEP.id)
    if isinstance(time, int | float) and time > CUT_OFF_S:
        severity += 1
        results = (
            TestResult(
                test=FOUR_SQUARE_STEP.id,
                value=time,
                meaning=f"over {CUT_OFF_S} s, the time Dite 2002 found in people who fall more than once",
                name=FOUR_SQUARE_STEP.name,
            ),
        )
    notes = (
        ("Graded by counting signs and the step test (a convention of the falls plugin).",)
        if severity
        else ()
    )
    return Finding(
        issue=ISSUE_ID,
        severity=min(severity, 3),
        signs=signs,
        test_results=results,
        notes=notes,
    )


def steadiness(profile: Profile) -> Assessment:
    """The person's steadiness (the same every week: nothing here changes with time)."""
    time = profile.tests.get(FOUR_SQUARE_STEP.id)
    reasons = []
    if isinstance(time, int | float) and time > CUT_OFF_S:
        reasons.append(f"four square step test {time:g} s (over {CUT_OFF_S} s)")
    if "fallen_in_last_year" in profile.signs:
        reasons.append("a fall in the last year")
    if "feels_unsteady" in profile.signs:
        reasons.append("feels unsteady")
    if reasons:
        return Assessment(STEADINESS.id, "unsteady", "; ".join(reasons))
    return Assessment(STEADINESS.id, "steady", "no fall, no unsteadiness, no slow step test")


def _exercise(**fields: object) -> Exercise:
    """An Exercise serving the falls issue (every other field is given below)."""
    return Exercise(issues=(ISSUE_ID,), **fields)  # type: ignore[arg-type]


EXERCISES: tuple[Exercise, ...] = (
    _exercise(
        id="falls_side_hip_raise_cuff",
        name="Side hip raise with an ankle cuff weight, holding a support",
        role="strength",
        position="standing",
        planes=("frontal",),
        equipment=("ankle_cuff_weights",),
        loaded=True,
        unilateral=True,
        level=2,
        cues=(
            "Hold a kitchen counter with one hand",
            "Lift the leg out to the side, toes pointing forward",
            "Lower it over three seconds",
        ),
        fault="Leaning the trunk away from the lifting leg",
        source=_NS + "campbell1997",
        evidence="recalled",
        seconds_per_rep=4.0,
        rest_s=60,
        targets=("gmed",),
        why="Otago's side hip strengthening: the hip abductors hold the pelvis level on one leg, when you step and turn (Campbell 1997; recalled).",
    ),
    _exercise(
        id="falls_back_knee_cuff",
        name="Back knee bend with an ankle cuff weight, holding a support",
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("ankle_cuff_weights",),
        loaded=True,
        unilateral=True,
        level=2,
        cues=(
            "Hold a kitchen counter with both hands",
            "Bend the knee, bringing the heel towards the buttock",
        ),
        fault="Swinging the thigh forward instead of bending the knee",
        source=_NS + "campbell1997",
        evidence="recalled",
        seconds_per_rep=4.0,
        rest_s=60,
        targets=("whole_leg",),
        why="One of Otago's leg strengthening exercises (Campbell 1997; recalled).",
    ),
    _exercise(
        id="falls_calf_raise_supported",
        name="Calf raise holding a support",
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        cues=("Hold a kitchen counter", "Rise onto the toes, then lower slowly"),
        fault="Rolling out onto the little toes",
        source=_NS + "campbell1997",
        evidence="recalled",
        seconds_per_rep=3.0,
        rest_s=45,
        tags=("calf_raise_load",),
        targets=("whole_leg",),
        why="Otago's toe raises: the calves catch a stumble forward (Campbell 1997; recalled).",
    ),
    _exercise(
        id="falls_sit_to_stand",
        name="Sit to stand, hands on the chair if you need them",
        role="strength",
        position="seated",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        cues=("Feet behind the knees", "Lean forward and stand up tall", "Sit down slowly"),
        fault="Dropping back into the chair",
        source=_NS + "campbell1997",
        evidence="recalled",
        seconds_per_rep=4.0,
        rest_s=60,
        targets=("gmax",),
        why="Otago's sit to stand trains the hip and knee extensors you stand up and climb with (Campbell 1997; recalled).",
    ),
    _exercise(
        id="falls_sideways_walking",
        name="Sideways walking along a counter",
        role="stability",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        cues=("Stand tall, a counter within reach", "Step sideways, feet apart then together"),
        fault="Dragging the feet or crossing them",
        source=_NS + "campbell1997",
        evidence="recalled",
        seconds_per_rep=4.0,
        rest_s=30,
        tags=("balance_challenge",),
        targets=("gmed",),
        why="Otago's sideways walking: side steps load the hip abductors the way losing balance sideways does (Campbell 1997; recalled).",
    ),
    _exercise(
        id="falls_tandem_stance_supported",
        name="Heel-to-toe stand holding a support",
        role="stability",
        position="standing",
        planes=("frontal", "sagittal"),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        cues=("Hold a kitchen counter", "One foot straight in front of the other", "Look ahead"),
        fault="Letting go before you are steady",
        source=_NS + "campbell1997",
        evidence="recalled",
        hold_s=10,
        rest_s=30,
        tags=("balance_challenge",),
        targets=("gmed",),
        why="A static balance hold with a support at hand, the first rung before standing on one leg (Campbell 1997; recalled).",
    ),
    _exercise(
        id="falls_one_leg_stand",
        name="One-leg stand without holding on",
        role="stability",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=4,
        cues=("Stand next to a counter, hands off it", "Lift one foot and hold, pelvis level"),
        fault="The pelvis dropping on the lifted side",
        source=_NS + "campbell1997",
        evidence="recalled",
        hold_s=10,
        rest_s=30,
        tags=("balance_challenge", "unsupported_balance"),
        targets=("gmed",),
        why="The hardest static balance rung: the hip abductors alone keep the pelvis level (Campbell 1997; recalled).",
    ),
)
"""The plugin's exercises; each serves the ``falls`` issue."""

LADDERS: tuple[Ladder, ...] = (
    Ladder(
        id="falls_static_balance",
        name="Balance: sideways walking to a one-leg stand",
        issues=(ISSUE_ID,),
        steps=(
            LadderStep(
                "falls_sideways_walking",
                advance="10 steps each way without touching the counter",
                regress="you reach for the counter",
            ),
            LadderStep(
                "falls_tandem_stance_supported",
                advance="hold 10 s with one finger on the counter",
                regress="you grip the counter to stay up",
            ),
            LadderStep(
                "falls_one_leg_stand",
                advance="hold 10 s on each leg, pelvis level",
                regress="you have to touch the counter",
            ),
        ),
        source=CONVENTION,
        evidence="convention",
    ),
)
"""Ordered progressions, easiest rung first."""

SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="falls-slow-stepping",
        description="A four square step test over 15 s: balance work only next to a support you hold, never standing on one leg without one.",
        source=_NS + "dite2002",
        evidence="recalled",
        when=Trigger(condition=Fact("test.four_square_step_s", ">", CUT_OFF_S)),
        exclude_tags=("unsupported_balance",),
        stop_signs=("You feel you are about to fall: hold your support and stop.",),
        notes=(
            "Your step test was slower than the cut-off for repeated falls: every balance exercise keeps a support within reach.",
        ),
    ),
    SafetyRule(
        id="falls-unsteady-no-impact",
        description="Unsteady on your feet: no jumping or hopping.",
        source=CONVENTION,
        evidence="convention",
        when=Trigger(condition=Fact("state.steadiness", "==", "unsteady")),
        exclude_tags=("impact",),
        notes=("Landings are left out until you are steady on your feet.",),
    ),
    SafetyRule(
        id="falls-ankle-pain",
        description="Ankle or foot pain of 5/10 or more: no calf raises.",
        source=CONVENTION,
        evidence="convention",
        when=Trigger(condition=Fact("pain.ankle", ">=", 5)),
        exclude_tags=("calf_raise_load",),
        notes=("Calf raises wait until the ankle pain is below 5/10.",),
    ),
    SafetyRule(
        id="falls-balance-weekly",
        description="When the falls issue is found, every training week includes balance work.",
        source=_NS + "sherrington2019",
        evidence="recalled",
        when=Trigger(condition=Fact("finding.falls", ">=", 1)),
        requires=(Requirement(kind="weekly", roles=("stability",), issue=ISSUE_ID),),
        notes=(
            "Programmes that challenge balance prevented the most falls (Sherrington 2019; recalled).",
        ),
    ),
)
"""Safety rules as data, each conditioned on a fact about the person."""


@hookimpl
def register_issues() -> list[Issue]:
    return [ISSUE]


@hookimpl
def register_signs() -> list[Sign]:
    return list(SIGNS)


@hookimpl
def register_tests() -> list[ObjectiveTest]:
    return [FOUR_SQUARE_STEP]


@hookimpl
def register_equipment() -> list[Equipment]:
    return [ANKLE_CUFF_WEIGHTS]


@hookimpl
def register_pain_regions() -> list[PainRegion]:
    return [ANKLE]


@hookimpl
def register_person_states() -> list[PersonState]:
    return [STEADINESS]


@hookimpl
def assess_person(profile: Profile) -> list[Assessment]:
    return [steadiness(profile)]


@hookimpl
def screen(profile: Profile) -> list[Finding]:
    return [grade(profile)]


@hookimpl
def register_sources() -> list[Source]:
    return list(SOURCES)


@hookimpl
def register_exercises() -> list[Exercise]:
    return list(EXERCISES)


@hookimpl
def register_ladders() -> list[Ladder]:
    return list(LADDERS)


@hookimpl
def register_safety_rules() -> list[SafetyRule]:
    return list(SAFETY_RULES)
