"""gluteus-hamstrings: an example third-party issue plugin for gluteus.

It adds one issue, ``hamstrings`` (hamstrings at risk: an old strain, cramps or a
feeling of "about to pull" when sprinting, sit-bone pain), with three signs and a
``screen`` hook, eleven exercises, two progression ladders, its own dose rules for
every role × phase it uses, and two safety rules — all through the public hooks,
with nothing in gluteus changed. Install it next to gluteus and it is loaded from
the ``gluteus`` entry-point group (see ``pyproject.toml``).

Evidence: the trials cited below are recalled from the literature, not re-read for
this package, so every source is marked ``recalled`` (check before relying on
them); choices with no trial behind them cite :data:`CONVENTION` and say so.
"""

# Clinical content is prose in data: long cited strings read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

from gluteus import hookimpl
from gluteus.engine.model import (
    DoseRule,
    Exercise,
    Finding,
    Issue,
    Ladder,
    LadderStep,
    Requirement,
    SafetyRule,
    Sign,
    Source,
    Trigger,
)
from gluteus.engine.profile import Profile

__version__ = "0.1.0"

ISSUE_ID = "hamstrings"

# Source keys are namespaced with the plugin's name: keys are global across every
# loaded plugin, and a bare "acsm2009" could clash with another plugin's entry.
_NS = "hamstrings/"

SOURCES: tuple[Source, ...] = (
    Source(
        key=_NS + "petersen2011",
        citation="Petersen J, Thorborg K, Nielsen MB, Budtz-Jørgensen E, Hölmich P. Preventive effect of eccentric training on acute hamstring injuries in men's soccer: a cluster-randomized controlled trial. Am J Sports Med. 2011;39(11):2296-2303.",
        level="recalled",
    ),
    Source(
        key=_NS + "vanderhorst2015",
        citation="van der Horst N, Smits DW, Petersen J, Goedhart EA, Backx FJ. The preventive effect of the Nordic hamstring exercise on hamstring injuries in amateur soccer players: a randomized controlled trial. Am J Sports Med. 2015;43(6):1316-1323.",
        level="recalled",
    ),
    Source(
        key=_NS + "vandyk2019",
        citation="van Dyk N, Behan FP, Whiteley R. Including the Nordic hamstring exercise in injury prevention programmes halves the rate of hamstring injuries: a systematic review and meta-analysis of 8459 athletes. Br J Sports Med. 2019;53(21):1362-1370.",
        level="recalled",
    ),
    Source(
        key=_NS + "mjolsnes2004",
        citation="Mjølsnes R, Arnason A, Østhagen T, Raastad T, Bahr R. A 10-week randomized trial comparing eccentric vs. concentric hamstring strength training in well-trained soccer players. Scand J Med Sci Sports. 2004;14(5):311-317.",
        level="recalled",
    ),
    Source(
        key=_NS + "askling2013",
        citation="Askling CM, Tengvar M, Thorstensson A. Acute hamstring injuries in Swedish elite football: a prospective randomised controlled clinical trial comparing two rehabilitation protocols. Br J Sports Med. 2013;47(15):953-959.",
        level="recalled",
    ),
    Source(
        key=_NS + "bourne2017",
        citation="Bourne MN, Williams MD, Opar DA, Al Najjar A, Kerr GK, Shield AJ. Impact of exercise selection on hamstring muscle activation. Br J Sports Med. 2017;51(13):1021-1028.",
        level="recalled",
    ),
    Source(
        key=_NS + "heiderscheit2010",
        citation="Heiderscheit BC, Sherry MA, Silder A, Chumanov ES, Thelen DG. Hamstring strain injuries: recommendations for diagnosis, rehabilitation, and injury prevention. J Orthop Sports Phys Ther. 2010;40(2):67-81.",
        level="recalled",
    ),
    Source(
        key=_NS + "sherry2004",
        citation="Sherry MA, Best TM. A comparison of 2 rehabilitation programs in the treatment of acute hamstring strains. J Orthop Sports Phys Ther. 2004;34(3):116-125.",
        level="recalled",
    ),
    Source(
        key=_NS + "acsm2009",
        citation="American College of Sports Medicine. Position stand: progression models in resistance training for healthy adults. Med Sci Sports Exerc. 2009;41(3):687-708.",
        level="verified",
    ),
    Source(
        key=_NS + "convention",
        citation="Common rehabilitation and coaching practice; no trial tests this particular choice. The number or rule is a convention of this plugin.",
        level="convention",
    ),
)
"""Every citation this plugin's content refers to."""

CONVENTION = _NS + "convention"

ISSUE = Issue(
    id=ISSUE_ID,
    name="Hamstrings at risk",
    message="Hamstrings that have been strained before, cramp or feel about to pull when you sprint, or ache at the sit bone are the muscles most often torn in running sports, and they take over hip extension when the glutes do too little.",
    fix="Progressive hamstring strength from isometric bridges to eccentric work (sliders, then the Nordic hamstring curl) and hip-hinge strength, with lengthening drills, paired with the glute work of the other modules.",
    evidence="recalled",
    evidence_note="Programmes that include the Nordic hamstring exercise roughly halved hamstring injuries in trials and a meta-analysis (Petersen 2011, van der Horst 2015, van Dyk 2019; recalled, not re-read). The screening questions and the grading are this plugin's convention, not a validated test.",
    order=6,
)

SIGNS: tuple[Sign, ...] = (
    Sign(
        id="hamstring_strain_history",
        issue=ISSUE_ID,
        question="Have you pulled or strained a hamstring (back of the thigh) in the last two years?",
    ),
    Sign(
        id="hamstrings_cramp_when_sprinting",
        issue=ISSUE_ID,
        question="Do your hamstrings cramp, or feel like they are about to pull, when you sprint, kick or stride out?",
    ),
    Sign(
        id="sit_bone_pain",
        issue=ISSUE_ID,
        question="Do you get pain deep in the buttock at the sit bone when you sit for long, run uphill or lean forward?",
    ),
)
"""What a person may notice, each asked as a plain-words yes/no question."""

SIGN_IDS = tuple(sign.id for sign in SIGNS)


def grade(profile: Profile) -> Finding:
    """Grade the ``hamstrings`` issue for ``profile``, from 0 to 3.

    One point per sign reported; buttock pain of 4/10 or more adds one point when
    at least one sign is present (sit-bone pain is felt there). Capped at 3. The
    scoring is a convention of this plugin: no validated hamstring screen exists
    in the questions a profile can hold.
    """
    signs = tuple(sign for sign in SIGN_IDS if sign in profile.signs)
    severity = len(signs)
    tests: tuple[str, ...] = ()
    buttock = profile.pain.get("buttock")
    if signs and buttock >= 4:
        severity += 1
        tests = (f"buttock pain {buttock}/10",)
    notes: list[str] = []
    if signs:
        notes.append(
            "Graded by counting signs (a convention of the hamstrings plugin, not a validated test)."
        )
    if "hamstring_strain_history" in signs:
        notes.append(
            "A previous hamstring strain is commonly reported as the strongest risk factor for another one."
        )
    return Finding(
        issue=ISSUE_ID, severity=min(severity, 3), signs=signs, tests=tests, notes=tuple(notes)
    )


def _exercise(**fields: object) -> Exercise:
    """An Exercise serving the hamstrings issue (every field is still given below)."""
    return Exercise(issues=(ISSUE_ID,), **fields)  # type: ignore[arg-type]


EXERCISES: tuple[Exercise, ...] = (
    _exercise(
        id="hamstring_bridge_hold",
        name="Hamstring bridge hold (heels dug in)",
        role="isometric",
        position="supine",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        cues=(
            "Heels dug into the floor, knees bent about 90°",
            "Lift the hips and hold, ribs down",
        ),
        fault="Arching the low back instead of pushing through the heels",
        source=_NS + "heiderscheit2010",
        evidence="recalled",
        hold_s=20,
        rest_s=45,
        tags=("supine",),
        targets=("gmax", "whole_leg"),
        why="A pain-free isometric start: early hamstring rehabilitation begins with low-load, pain-free contractions before lengthening work (Heiderscheit 2010).",
    ),
    _exercise(
        id="askling_extender",
        name="Askling extender (active knee extension)",
        role="mobility",
        position="supine",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=1,
        cues=(
            "Hold the thigh at about 90° hip flexion with both hands",
            "Slowly straighten the knee until you feel a stretch, never pain",
        ),
        fault="Letting the thigh drop away from 90° to find more range",
        source=_NS + "askling2013",
        evidence="recalled",
        seconds_per_rep=4.0,
        rest_s=30,
        tags=("supine",),
        targets=("whole_leg",),
        why="One of the three lengthening exercises of the L-protocol, which returned players to play sooner than a conventional protocol in Askling 2013.",
    ),
    _exercise(
        id="long_lever_hamstring_bridge",
        name="Long-lever hamstring bridge",
        role="strength",
        position="supine",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        cues=(
            "Heels far from the hips, knees only slightly bent",
            "Push through the heels, hips level",
        ),
        fault="Cramping from rushing: lift slowly and lower under control",
        source=CONVENTION,
        evidence="convention",
        seconds_per_rep=4.0,
        rest_s=60,
        tags=("supine",),
        targets=("gmax", "whole_leg"),
        why="Moving the feet away lengthens the lever so the hamstrings share hip extension with the glutes; a common bridge progression with no trial behind it.",
    ),
    _exercise(
        id="single_leg_hamstring_bridge",
        name="Single-leg hamstring bridge",
        role="strength",
        position="supine",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=3,
        cues=("Free knee pulled to the chest", "Drive through the working heel, pelvis level"),
        fault="The pelvis dropping toward the free-leg side",
        source=CONVENTION,
        evidence="convention",
        seconds_per_rep=4.0,
        rest_s=60,
        tags=("supine",),
        targets=("gmax", "whole_leg"),
        why="One leg at a time doubles the load without equipment; common practice.",
    ),
    _exercise(
        id="ball_hamstring_curl",
        name="Stability-ball hamstring curl",
        role="strength",
        position="supine",
        planes=("sagittal",),
        equipment=("stability_ball",),
        loaded=False,
        unilateral=False,
        level=3,
        cues=(
            "Hips up in a straight line from shoulders to heels",
            "Roll the ball in with the heels, then out slowly",
        ),
        fault="Hips sagging as the ball rolls in",
        source=CONVENTION,
        evidence="convention",
        seconds_per_rep=4.0,
        rest_s=60,
        tags=("supine",),
        targets=("whole_leg",),
        why="Knee-flexion strength with the hips extended, a position the bridges do not train; common practice.",
    ),
    _exercise(
        id="slider_hamstring_curl",
        name="Slider hamstring curl (slow lowering)",
        role="eccentric",
        position="supine",
        planes=("sagittal",),
        equipment=("slider",),
        loaded=False,
        unilateral=False,
        level=3,
        cues=(
            "Bridge up with heels on the sliders",
            "Slide the heels away over 3–4 seconds, keep the hips up",
            "Drop the hips to pull the heels back in",
        ),
        fault="Letting the hips touch down before the legs are straight",
        source=_NS + "bourne2017",
        evidence="recalled",
        seconds_per_rep=6.0,
        rest_s=75,
        tags=("supine", "lengthening_hamstring_load"),
        targets=("whole_leg",),
        why="Slow lowering loads the hamstrings as they lengthen, the step before the Nordic curl; knee-dominant exercises favour the semitendinosus (Bourne 2017).",
    ),
    _exercise(
        id="askling_diver",
        name="Askling diver",
        role="eccentric",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=2,
        cues=(
            "Stand on one leg, knee soft",
            "Tip forward like a diver, arms reaching out, back leg rising",
            "Hips square to the floor",
        ),
        fault="Rotating the pelvis open as the back leg rises",
        source=_NS + "askling2013",
        evidence="recalled",
        seconds_per_rep=4.0,
        rest_s=45,
        tags=("balance_challenge",),
        targets=("whole_leg", "gmax"),
        why="The L-protocol's hip-dominant lengthening drill (Askling 2013): the hamstring works as it lengthens at the hip, at low load.",
    ),
    _exercise(
        id="askling_glider",
        name="Askling glider",
        role="eccentric",
        position="standing",
        planes=("sagittal",),
        equipment=("slider",),
        loaded=False,
        unilateral=True,
        level=3,
        cues=(
            "Front foot planted, back foot on a slider",
            "Slide the front foot forward slowly, weight on the back leg",
            "Pull back with the arms on a support, not the front leg",
        ),
        fault="Sliding into pain or further than you can control",
        source=_NS + "askling2013",
        evidence="recalled",
        seconds_per_rep=5.0,
        rest_s=60,
        tags=("lengthening_hamstring_load",),
        targets=("whole_leg",),
        why="The L-protocol's most demanding lengthening drill (Askling 2013).",
    ),
    _exercise(
        id="kickstand_rdl",
        name="Kickstand Romanian deadlift",
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=True,
        level=3,
        cues=(
            "Back foot only for balance, weight in the front heel",
            "Push the hips back with a long spine, dumbbells close to the leg",
        ),
        fault="Rounding the back to reach lower",
        source=CONVENTION,
        evidence="convention",
        seconds_per_rep=4.0,
        rest_s=75,
        tags=(),
        targets=("gmax", "whole_leg"),
        why="A hip hinge biased to one leg, easier to balance than a true single-leg deadlift; a coaching convention.",
    ),
    _exercise(
        id="dumbbell_romanian_deadlift",
        name="Dumbbell Romanian deadlift",
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=False,
        level=4,
        cues=(
            "Soft knees, hips travel back",
            "Stop when the hamstrings are long and the back still flat",
        ),
        fault="Turning it into a squat by bending the knees",
        source=_NS + "bourne2017",
        evidence="recalled",
        seconds_per_rep=4.0,
        rest_s=90,
        tags=(),
        targets=("gmax", "whole_leg"),
        why="Hip-extension exercises such as the Romanian deadlift favour the biceps femoris long head (Bourne 2017).",
    ),
    _exercise(
        id="nordic_hamstring_curl",
        name="Nordic hamstring curl",
        role="eccentric",
        position="kneeling",
        planes=("sagittal",),
        equipment=("mat",),
        loaded=False,
        unilateral=False,
        level=5,
        cues=(
            "Kneel on a mat, heels anchored under something heavy or held by a partner",
            "Lower the body forward as slowly as you can, hips straight",
            "Catch yourself with the hands, push back up",
        ),
        fault="Bending at the hips to shorten the lever",
        source=_NS + "vanderhorst2015",
        evidence="recalled",
        seconds_per_rep=6.0,
        rest_s=90,
        tags=("kneeling_on_knee", "lengthening_hamstring_load"),
        targets=("whole_leg",),
        why="Programmes that include the Nordic hamstring exercise roughly halved hamstring injuries (Petersen 2011, van der Horst 2015, van Dyk 2019; recalled).",
    ),
)
"""The plugin's exercises; each serves the ``hamstrings`` issue."""

LADDERS: tuple[Ladder, ...] = (
    Ladder(
        id="hamstring_knee_flexion",
        name="Hamstrings: bridge hold to Nordic curl",
        issues=(ISSUE_ID,),
        steps=(
            LadderStep(
                "hamstring_bridge_hold", advance="3 × 30 s pain-free", regress="pain above 3/10"
            ),
            LadderStep(
                "long_lever_hamstring_bridge",
                advance="3 × 12 without cramping",
                regress="cramp or pain above 3/10",
            ),
            LadderStep(
                "single_leg_hamstring_bridge",
                advance="3 × 10 each side, pelvis level",
                regress="pelvis drops",
            ),
            LadderStep(
                "slider_hamstring_curl",
                advance="3 × 8 lowering over 3 s",
                regress="hips drop before the legs are straight",
            ),
            LadderStep(
                "nordic_hamstring_curl",
                advance="control the first half of the range for 3 × 6",
                regress="pain, or falling from the start",
            ),
        ),
        source=CONVENTION,
        evidence="convention",
    ),
    Ladder(
        id="hamstring_hinge",
        name="Hamstrings: lengthening and hinge",
        issues=(ISSUE_ID,),
        steps=(
            LadderStep(
                "askling_extender",
                advance="full range pain-free",
                regress="pain during the stretch",
            ),
            LadderStep(
                "askling_diver",
                advance="3 × 6 each side, hips square",
                regress="loss of balance or pain",
            ),
            LadderStep(
                "kickstand_rdl", advance="3 × 10 each side with a flat back", regress="back rounds"
            ),
            LadderStep(
                "dumbbell_romanian_deadlift",
                advance="add 2–10% load after beating the target by 1–2 reps",
                regress="back rounds or pain",
            ),
        ),
        source=_NS + "askling2013",
        evidence="recalled",
    ),
)
"""Ordered progressions, easiest rung first (a synthesis; no trial validates the order)."""


def _dose(role: str, phase: str, **fields: object) -> DoseRule:
    return DoseRule(role=role, phase=phase, issue=ISSUE_ID, **fields)  # type: ignore[arg-type]


# Dose rules for every role this plugin's exercises use (isometric, mobility,
# strength, eccentric) in every phase; no generic rule of another plugin is relied on.
DOSING: tuple[DoseRule, ...] = (
    *(
        _dose(
            "isometric",
            phase,
            sets=3,
            hold_s=20,
            max_hold_s=45,
            progression="hold",
            step=5,
            rest_s=45,
            tempo="hold",
            load="bodyweight",
            source=CONVENTION,
            evidence="convention",
        )
        for phase in ("activation", "strength", "power")
    ),
    *(
        _dose(
            "mobility",
            phase,
            sets=2,
            reps=(6, 10),
            progression="reps",
            step=2,
            rest_s=30,
            tempo="slow, pain-free",
            load="bodyweight",
            source=_NS + "askling2013",
            evidence="recalled",
        )
        for phase in ("activation", "strength", "power")
    ),
    _dose(
        "strength",
        "activation",
        sets=2,
        reps=(8, 12),
        progression="reps",
        step=2,
        rest_s=60,
        tempo="2-1-2",
        load="bodyweight or light",
        source=_NS + "acsm2009",
        evidence="verified",
    ),
    # Weighted lifts are dosed by effort: the engine names the load from the reps and
    # the reps in reserve ("a weight you could lift about 11 times"); the load words
    # only add how to lift it. Bodyweight and ball work climbs by reps instead.
    _dose(
        "strength",
        "strength",
        sets=3,
        reps=(8, 12),
        progression="load",
        rest_s=90,
        tempo="2-0-2",
        load="with good form on every rep",
        effort=(7, 8),
        rm=(8, 12),
        rir=(2, 3),
        load_types=("external",),
        source=_NS + "acsm2009",
        evidence="verified",
        max_sets=4,
    ),
    _dose(
        "strength",
        "strength",
        sets=3,
        reps=(8, 15),
        progression="reps",
        step=2,
        rest_s=75,
        tempo="2-1-2",
        load="slow and controlled",
        load_types=("bodyweight", "band"),
        source=_NS + "acsm2009",
        evidence="verified",
        max_sets=4,
    ),
    _dose(
        "strength",
        "power",
        sets=3,
        reps=(6, 10),
        progression="load",
        rest_s=120,
        tempo="2-0-1",
        load="with good form on every rep",
        effort=(7, 8),
        rm=(6, 10),
        rir=(2, 3),
        load_types=("external",),
        source=_NS + "acsm2009",
        evidence="verified",
    ),
    _dose(
        "strength",
        "power",
        sets=3,
        reps=(10, 15),
        progression="reps",
        step=2,
        rest_s=75,
        tempo="2-0-1",
        load="slow and controlled",
        load_types=("bodyweight", "band"),
        source=_NS + "acsm2009",
        evidence="verified",
    ),
    # Eccentric volume starts low and climbs, as in the Nordic programmes (Mjølsnes
    # 2004 started at 2 × 5 and built up to 3 sets of 12-10-8; recalled).
    _dose(
        "eccentric",
        "activation",
        sets=2,
        reps=(5, 6),
        progression="reps",
        step=1,
        rest_s=75,
        tempo="lower over 3-4 s",
        load="bodyweight",
        source=_NS + "mjolsnes2004",
        evidence="recalled",
    ),
    _dose(
        "eccentric",
        "strength",
        sets=3,
        reps=(6, 8),
        progression="reps",
        step=1,
        rest_s=90,
        tempo="lower over 3-4 s",
        load="bodyweight",
        source=_NS + "mjolsnes2004",
        evidence="recalled",
    ),
    _dose(
        "eccentric",
        "power",
        sets=3,
        reps=(8, 10),
        progression="reps",
        step=1,
        rest_s=90,
        tempo="lower over 3-4 s",
        load="bodyweight",
        source=_NS + "mjolsnes2004",
        evidence="recalled",
    ),
)
"""Sets, reps or holds, rest, tempo and load per role × phase for this issue."""

SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="hamstrings-pain-no-lengthening-load",
        description="With buttock (sit-bone) pain of 5/10 or more, no heavy lengthening hamstring work (slider curls, glider, Nordic curls) and no power work.",
        source=_NS + "heiderscheit2010",
        evidence="recalled",
        when=Trigger(pain=(("buttock", 5),)),
        exclude_tags=("lengthening_hamstring_load",),
        exclude_roles=("power",),
        stop_signs=(
            "A sudden sharp pain or a pop at the back of the thigh: stop and see a clinician.",
        ),
        notes=(
            "Hamstring rehabilitation progresses only while exercise stays pain-free (Heiderscheit 2010, Askling 2013; recalled).",
        ),
    ),
    SafetyRule(
        id="hamstrings-eccentric-weekly",
        description="When the hamstrings issue is found, every training week includes lengthening (eccentric) hamstring work.",
        source=_NS + "vandyk2019",
        evidence="recalled",
        when=Trigger(findings=(ISSUE_ID,)),
        requires=(Requirement(kind="weekly", roles=("eccentric",), issue=ISSUE_ID),),
        notes=(
            "Eccentric hamstring work is the part of the programme with trial evidence behind it (van Dyk 2019; recalled).",
        ),
    ),
)
"""Safety rules as data; the engine decides when they apply."""


@hookimpl
def register_issues() -> list[Issue]:
    return [ISSUE]


@hookimpl
def register_signs() -> list[Sign]:
    return list(SIGNS)


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
def register_dosing() -> list[DoseRule]:
    return list(DOSING)


@hookimpl
def register_safety_rules() -> list[SafetyRule]:
    return list(SAFETY_RULES)
