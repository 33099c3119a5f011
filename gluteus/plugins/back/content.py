"""Clinical content of the ``back`` module: controlled, pelvis-neutral glute max and
med strength with form cues and back-friendly loading (low spinal load early,
heavy barbell work only at the top of the ladders).

Evidence: adding hip work to low-back care gave little or no extra benefit in
trials (Kendall 2015, Fukuda 2021); the exercises are chosen by EMG (Neto 2020,
Contreras 2015, Ekstrom 2007) and spinal load, not by trial results.

Families: a session holds at most one exercise of a family. A family is what a
physiotherapist would call doing the same exercise twice: the same movement in the
same posture, whatever the load, band, tempo (slow lowering, fast rising), hold or
support. Jumps, hops and bounds are families of their own (landing is a skill of
its own); a change of posture that changes the work (side-lying, standing or seated
abduction) makes a new family.

    ================= ==========================================================
    family            exercises (this module's first; others in brackets)
    ================= ==========================================================
    sit_to_stand      sit_to_stand_raised_seat, sit_to_stand,
                      sit_to_stand_arms_crossed, sit_to_stand_low_chair
                      (eccentric_sit_to_stand,
                      fast_sit_to_stand)
    squat             mini_squat_counter, goblet_squat, back_squat
    mini_squat        mini_squat_dumbbell (a quarter squat with a weight, asked for by name)
    split_squat       split_squat, split_squat_loaded, reverse_lunge
                      (split_squat_hold, reverse_lunge_knee_drive)
    single_leg_rdl    single_leg_rdl, single_leg_rdl_loaded
                      (eccentric_single_leg_rdl)
    deadlift          romanian_deadlift, deadlift
    hip_thrust        band_hip_thrust, barbell_hip_thrust (eccentric_hip_thrust)
    front_plank       front_plank_hip_extension (front_plank_knees, front_plank)
    step_up           step_up_loaded, goblet_step_up (step_up, step_up_at_rail,
                      lateral_step_up, crossover_step_up, fast_step_up_rail,
                      step_up_knee_drive)
    bridge            kettlebell_glute_bridge, dumbbell_glute_bridge (glute_bridge,
                      ...)
    ================= ==========================================================

hip_hinge is hip_hinge_drill and wall_supported_hip_hinge (the same drill, the wall behind to stop
the hips); bird_dog and dead_bug are families of one; bird dog and dead bug alternate
sides rep by rep.

Tags: ``unsupported_balance`` (with ``balance_challenge``) marks one-leg or
narrow-base standing work done without holding anything; its supported version
names the support in a cue (a counter, a chair back, a wall, a rail) and sits below
it on a ladder. ``asymmetric_loading`` marks all single-leg or split-stance loading
(single-leg bridges too); ``lateral_hip_compression`` every side-lying position; a cue carries a tag
only when following it breaks a precaution the exercise itself does not.
``hip_flexion_past_90`` marks every hinge, deep one-leg squat and knee drive to hip
height; ``active_hip_abduction`` everything that lifts or pushes a leg out to the side
(band walks, wide side-steps and knees pressed out against a band too);
``stance_pivot`` turning the pelvis over a planted leg; ``adduction_under_load`` a
loaded standing hip moving into adduction (crossovers, curtsies, closing a hip
airplane, skater squats); ``ballistic`` swung or jumped loads;
``high_abdominal_pressure`` full planks and side planks from the feet;
``arms_crossed`` standing up or squatting with no hand free.
"""

from __future__ import annotations

from gluteus.engine.model import (
    Activation,
    AllOf,
    AnyOf,
    Cue,
    DoseRule,
    Exercise,
    Fact,
    Ladder,
    LadderStep,
    Limit,
    Requirement,
    SafetyRule,
    Trigger,
)
from gluteus.plugins import _sources as src
from gluteus.plugins._sources import ADVANCE_HOLD, ADVANCE_REPS, REGRESS

SOURCES = src.ALL

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="hip_hinge_drill",
        name="Hip hinge drill (hands on hips)",
        issues=("back",),
        role="activation",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Soft knees, push the hips back",
            "Back stays long and still",
            "Squeeze the glutes to stand up",
        ),
        fault="Bending through the low back instead of folding at the hips.",
        # Hands on the hips, hinging forward with nothing to hold: a balance challenge.
        tags=("hip_flexion_past_90", "balance_challenge", "unsupported_balance"),
        targets=("gmax", "trunk"),
        source="practice_convention",
        evidence="convention",
        why="Teaches the hip, not the back, to bend and extend before any hinge is loaded.",
        family="hip_hinge",
    ),
    Exercise(
        id="wall_supported_hip_hinge",
        name="Hip hinge drill to a wall",
        issues=("back",),
        role="stability",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Stand a foot's length in front of a wall, facing away, soft knees",
            "Push the hips back until they touch the wall, back long and still",
            "Squeeze the glutes to stand up; step further from the wall as it gets easy",
        ),
        fault="Bending through the low back to reach the wall instead of folding at the hips.",
        # The wall stops the hips and catches a loss of balance backwards: the drill for
        # those whose balance work is done next to a support (osteoporosis, falls risk).
        tags=("hip_flexion_past_90", "supported_version"),
        # A lesson in keeping the back still as the hips bend (trunk control, hence its
        # role), not a glute warm-up before loaded work: the hinge rules bring it in
        # where the drill without a support is ruled out.
        targets=("gmax", "trunk"),
        source="practice_convention",
        evidence="convention",
        why=(
            "Teaches the hip, not the back, to bend before any hinge is loaded, with the "
            "wall to stop the hips and to steady the body."
        ),
        family="hip_hinge",
    ),
    Exercise(
        id="bird_dog",
        name="Bird dog",
        issues=("back", "function"),
        role="stability",
        position="quadruped",
        planes=("sagittal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        hold_s=10,
        rest_s=30,
        cues=(
            "Reach opposite arm and leg long",
            "Keep the pelvis level: no tipping",
            "Hold, breathing normally, then switch sides",
        ),
        fault="Lifting the leg too high and arching or rotating the back.",
        tags=("kneeling_on_knee",),
        targets=("gmax", "trunk"),
        activation=Activation(
            gmax=56, gmed=42, measure="mean", note="Ekstrom 2007 values recalled [R]."
        ),
        source="ekstrom2007",
        evidence="recalled",
        why="Glute max work with a neutral spine and trunk control; a 30 s hold is a published benchmark of trunk control.",
        family="bird_dog",
        alternating=True,
    ),
    Exercise(
        id="dead_bug",
        name="Dead bug",
        issues=("back", "function"),
        role="stability",
        position="supine",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=4,
        rest_s=30,
        cues=(
            "Low back gently on the floor",
            # The start, hips bent to 90 degrees, is a hip precaution's limit: the knees
            # stay over the hips, never drawn towards the chest.
            "Knees stacked over the hips, never drawn towards the chest",
            "Lower opposite arm and leg slowly, then switch sides",
            "Breathe out as you reach",
        ),
        fault="The low back lifting off the floor as the leg lowers.",
        tags=("supine",),
        targets=("trunk",),
        source="practice_convention",
        evidence="convention",
        why="Trunk control with the spine unloaded, so the pelvis stays neutral when the hips work.",
        family="dead_bug",
        alternating=True,
    ),
    Exercise(
        id="sit_to_stand",
        name="Sit to stand (chair)",
        issues=("back", "function", "inhibition"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=4,
        rest_s=45,
        cues=(
            "Sit near the front of a firm chair, feet under the knees",
            Cue(
                "Lean the chest forward over the toes, then drive up", tags=("hip_flexion_past_90",)
            ),
            "Push up through the heels; armrests only as much as you need",
            "Stand tall with a glute squeeze; sit down slowly",
        ),
        fault="Knees dropping inwards or the back rounding to stand.",
        tags=("chair_rise", "supported_version"),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="The everyday squat pattern at the lowest level, with no equipment.",
        family="sit_to_stand",
    ),
    Exercise(
        id="sit_to_stand_raised_seat",
        name="Sit to stand from a raised seat",
        issues=("back", "function", "inhibition"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=4,
        rest_s=45,
        cues=(
            Cue(
                "A firm chair with armrests, its seat raised (a firm cushion or chair raisers) "
                "so your hips stay higher than your knees",
                guards=("chair_rise",),
            ),
            # The operated leg slid forward is said by the hip-replacement rules' notes,
            # to those who have one: anyone may be given a raised seat. So the cue asks
            # for flat feet, not level ones, which would contradict that note.
            "Feet flat, both legs working",
            "Push on the armrests to stand up tall, trunk upright; sit down slowly the same way",
        ),
        fault="Leaning far forward or dropping into the seat.",
        tags=("chair_rise", "supported_version"),
        targets=("gmax", "whole_leg"),
        # Raised seats, armrests and the operated leg forward are how standing up is
        # commonly taught while a new hip may not bend past 90 degrees (a convention).
        source="practice_convention",
        evidence="convention",
        # Why a new hip needs it is said by the hip-replacement rules, to those who have one.
        why="Standing up with less bend at the hip and knee: a gentler start.",
        family="sit_to_stand",
    ),
    Exercise(
        id="split_squat",
        name="Split squat, bodyweight",
        issues=("back", "knees", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=2,
        seconds_per_rep=4,
        rest_s=45,
        cues=(
            "Long stance, trunk tall",
            "Lower straight down, front knee over the foot",
            "Push through the front heel",
            src.BACK_LEG_AHEAD,
        ),
        fault="The front knee drifting inside the foot.",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "deep_loaded_knee_flexion",
            "single_leg_excursion",
            "hip_extension",
        ),
        targets=("gmax", "whole_leg"),
        source="ladder_synthesis",
        evidence="weak",
        why="The first rung of the unilateral sagittal ladder; loaded versions reach 70% MVIC (Neto 2020).",
        family="split_squat",
    ),
    Exercise(
        id="reverse_lunge",
        name="Reverse lunge",
        issues=("back", "function", "knees"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=3,
        seconds_per_rep=4,
        rest_s=60,
        cues=(
            "Step back, lower under control",
            "Front knee tracks over the middle toes",
            "Drive back up through the front heel",
            src.BACK_LEG_AHEAD,
        ),
        fault="The trunk tipping forward and the pelvis dropping on the back-leg side.",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "deep_loaded_knee_flexion",
            "single_leg_excursion",
            "hip_extension",
            "stepping_lunge",
        ),
        targets=("gmax", "gmed", "whole_leg"),
        activation=Activation(gmed=48, measure="mean", note="Bodyweight lunge, Distefano 2009."),
        source="distefano2009",
        evidence="verified",
        why="Bodyweight single-leg strength with a neutral pelvis; glute med 48% MVIC.",
        family="split_squat",
    ),
    Exercise(
        id="single_leg_rdl",
        name="Single-leg Romanian deadlift, bodyweight",
        issues=("back", "function", "tightness"),
        role="strength",
        position="standing",
        planes=("sagittal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=3,
        seconds_per_rep=4,
        rest_s=60,
        cues=(
            "Hinge at the hip, back leg long",
            "Hips stay square to the floor",
            "Stand up by squeezing the standing glute",
            src.FREE_LEG_TOES_DOWN,
        ),
        fault="The pelvis opening up (hip of the free leg rotating up).",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "single_leg_squat",
            "hip_flexion_past_90",
            "single_leg_excursion",
            "hip_extension",
        ),
        targets=("gmax", "gmed"),
        activation=Activation(gmax=59, gmed=59, measure="mean"),
        source="distefano2009",
        evidence="verified",
        why="High glute max and med activation (59/59% MVIC) with a light spinal load and balance.",
        family="single_leg_rdl",
    ),
    Exercise(
        id="front_plank_hip_extension",
        name="Front plank with bent-knee hip extension",
        issues=("back", "function"),
        role="stability",
        position="prone",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=4,
        seconds_per_rep=4,
        rest_s=45,
        cues=(
            "Forearm plank, body in a line",
            "Lift one bent knee's foot to the ceiling",
            "No sag or rotation of the pelvis",
        ),
        fault="The hips sagging or twisting as the leg lifts.",
        tags=("prone", "high_abdominal_pressure", "hip_extension", "plank_limb_lift"),
        targets=("gmax", "trunk"),
        activation=Activation(
            gmax=106,
            gmed=75,
            measure="peak",
            note="Gmax 106 peak (Boren 2011) / 106.2 (Macadam & Feser 2019); Gmed 75 recalled.",
        ),
        source="boren2011",
        evidence="verified",
        why="Among the highest glute max activations of any bodyweight exercise, with trunk control.",
        family="front_plank",
    ),
    Exercise(
        id="romanian_deadlift",
        name="Romanian deadlift, dumbbells",
        issues=("back",),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=False,
        level=3,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Weights slide down the thighs",
            "Hips back, spine long",
            "Drive the hips forward to stand",
        ),
        fault="Rounding the back to reach lower.",
        tags=("hip_flexion_past_90",),
        targets=("gmax",),
        source="ladder_synthesis",
        evidence="weak",
        why="Loaded hinge that keeps the spine neutral: the entry to the hinge ladder.",
        family="deadlift",
    ),
    Exercise(
        id="kettlebell_deadlift",
        name="Kettlebell deadlift",
        issues=("back", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("kettlebell",),
        loaded=True,
        unilateral=False,
        level=3,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Bell on the floor between the feet (on a step or a block at first)",
            "Hips back, spine long, grip the handle with both hands",
            "Stand tall by driving the hips forward, breathing out as you rise",
        ),
        fault="Squatting the bell up with the knees, or rounding the back to reach it.",
        tags=("hip_flexion_past_90", "hip_extension"),
        targets=("gmax",),
        source="practice_convention",
        evidence="convention",
        why=(
            "The two-handed lift from the floor that picking up a child or a bag is, with "
            "the one weight a home often has: the loaded hinge's entry with a kettlebell."
        ),
        family="deadlift",
    ),
    Exercise(
        id="single_leg_rdl_loaded",
        name="Single-leg Romanian deadlift, kettlebell",
        issues=("back", "function"),
        role="strength",
        position="standing",
        planes=("sagittal", "transverse"),
        equipment=("kettlebell",),
        loaded=True,
        unilateral=True,
        level=4,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Bell in the hand opposite the standing leg",
            "Hips square, back long",
            "Stand tall with the glute",
            src.FREE_LEG_TOES_DOWN,
        ),
        fault="Rotating the pelvis open and rounding the back.",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "single_leg_squat",
            "hip_flexion_past_90",
            "single_leg_excursion",
            "hip_extension",
        ),
        targets=("gmax", "gmed"),
        source="ladder_synthesis",
        evidence="weak",
        why="The top of the hinge ladder: single-leg loading with little spinal load.",
        family="single_leg_rdl",
    ),
    Exercise(
        id="goblet_squat",
        name="Goblet squat",
        issues=("back", "knees"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("kettlebell",),
        loaded=True,
        unilateral=False,
        level=3,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Weight held at the chest",
            "Knees track over the toes",
            "Sit between the hips, chest up",
        ),
        fault="Knees caving in on the way up.",
        tags=("deep_loaded_knee_flexion", "hip_flexion_past_90", "arms_crossed"),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="A squat with the load in front, so the back stays upright and the spinal load low.",
        family="squat",
    ),
    Exercise(
        id="goblet_squat_dumbbell",
        name="Goblet squat, dumbbell",
        issues=("back", "knees"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=False,
        level=3,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "One dumbbell held upright at the chest, both hands under its top end",
            "Knees track over the toes",
            "Sit between the hips, chest up",
        ),
        fault="Knees caving in on the way up.",
        tags=("deep_loaded_knee_flexion", "hip_flexion_past_90", "arms_crossed"),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="The goblet squat with the dumbbell a person owns: the load in front keeps the back upright and the spinal load low.",
        family="squat",
    ),
    Exercise(
        id="band_hip_thrust",
        name="Band hip thrust",
        issues=("back", "inhibition"),
        role="strength",
        position="supine",
        planes=("sagittal",),
        equipment=("long_band", "bench"),
        loaded=True,
        unilateral=False,
        level=3,
        seconds_per_rep=3,
        rest_s=90,
        cues=(
            "Upper back on the bench, band across the hips",
            "Chin tucked, ribs down",
            "Drive the hips up with the glutes; pause",
            src.KNEES_AHEAD,
        ),
        fault="Over-arching the low back at the top.",
        tags=("supine", "hip_extension"),
        targets=("gmax",),
        activation=Activation(
            gmax=60,
            measure="mean",
            note="In Neto 2020's 'very high' (>60% MVIC) list; exact value not reported.",
        ),
        source="neto2020",
        evidence="verified",
        why="Very high glute max activation with a low spinal load.",
        family="hip_thrust",
    ),
    Exercise(
        id="kettlebell_glute_bridge",
        name="Glute bridge, kettlebell on the hips",
        issues=("back",),
        role="strength",
        position="supine",
        planes=("sagittal",),
        equipment=("kettlebell",),
        loaded=True,
        unilateral=False,
        level=4,
        seconds_per_rep=3,
        rest_s=90,
        cues=(
            "Kettlebell across the hip crease, both hands holding it; feet flat",
            "Squeeze the glutes, then lift the hips",
            "Ribs down: stop when hips and knees line up",
            src.KNEES_AHEAD,
        ),
        fault="Arching the low back to lift higher instead of extending at the hip.",
        tags=("supine", "hip_extension"),
        targets=("gmax",),
        source="practice_convention",
        evidence="convention",
        why="Two-leg hip extension made heavier with a kettlebell, without a bench: the load "
        "goes up once bodyweight bridges are easy, as heavy slow tendon loading asks "
        "(Kongsgaard 2009).",
        family="bridge",
    ),
    # A dumbbell bridges too, without a bench or a kettlebell: for the rules asking for a
    # hip lift with a weight (after a hip replacement, low bone density) where a
    # dumbbell is the only weight. Asked for only: offered where a rule asks for a lift
    # like it, not to everyone with dumbbells.
    Exercise(
        id="dumbbell_glute_bridge",
        name="Glute bridge, dumbbell on the hips",
        issues=("back",),
        role="strength",
        position="supine",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=False,
        level=4,
        seconds_per_rep=3,
        rest_s=90,
        cues=(
            "A dumbbell lengthways across the hip crease, both hands holding its ends; feet flat",
            "Squeeze the glutes, then lift the hips",
            "Ribs down: stop when hips and knees line up",
            src.KNEES_AHEAD,
        ),
        fault="Arching the low back to lift higher instead of extending at the hip.",
        tags=("supine", "hip_extension"),
        targets=("gmax",),
        source="practice_convention",
        evidence="convention",
        why="Two-leg hip extension made heavier with a dumbbell, without a bench, the hip "
        "bent well short of 90 degrees: the loaded hip lift progressive resistance "
        "training asks for after a hip replacement (Mikkelsen 2014; Husby 2009).",
        family="bridge",
        asked_only=True,
    ),
    Exercise(
        id="barbell_hip_thrust",
        name="Barbell hip thrust",
        issues=("back", "function"),
        role="strength",
        position="supine",
        planes=("sagittal",),
        equipment=("barbell", "bench"),
        loaded=True,
        unilateral=False,
        level=4,
        seconds_per_rep=3,
        rest_s=150,
        cues=(
            "Bar padded over the hip crease",
            "Shins vertical at the top",
            "Ribs down: finish with the glutes, not the back",
            src.KNEES_AHEAD,
        ),
        fault="Hyperextending the low back to finish the rep.",
        tags=("supine", "breath_hold", "hip_extension"),
        targets=("gmax",),
        activation=Activation(
            gmax=86.8,
            measure="mean",
            note="10RM: 69.5 upper / 86.8 lower Gmax (Contreras 2015); pooled 75 (Neto 2020).",
        ),
        source="contreras2015",
        evidence="verified",
        why="The top glute max strength exercise by EMG, with moderate spinal load.",
        family="hip_thrust",
    ),
    Exercise(
        id="step_up_loaded",
        name="Step-up with dumbbells",
        issues=("back", "knees", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("step", "dumbbell"),
        loaded=True,
        unilateral=True,
        level=4,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Whole foot on the step",
            "Drive up through the heel, not the back foot",
            "Lower slowly",
        ),
        fault="Pushing off the back foot and the knee caving in.",
        tags=("asymmetric_loading", "unsupported_balance", "balance_challenge", "single_leg_step"),
        targets=("gmax", "whole_leg"),
        activation=Activation(gmax=125, measure="mean", note="Pooled 125 (104-169), Neto 2020."),
        source="neto2020",
        evidence="verified",
        why="The highest pooled glute max value in Neto 2020's review, with a moderate spinal load.",
        family="step_up",
    ),
    Exercise(
        id="goblet_step_up",
        name="Goblet step-up, kettlebell",
        issues=("back", "knees", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("step", "kettlebell"),
        loaded=True,
        unilateral=True,
        level=4,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Kettlebell held at the chest, elbows in",
            "Whole foot on the step",
            "Drive up through the heel, not the back foot",
            "Lower slowly",
        ),
        fault="Pushing off the back foot and the knee caving in.",
        tags=("asymmetric_loading", "unsupported_balance", "balance_challenge", "single_leg_step"),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="The step-up made heavier with one kettlebell when the bodyweight reps have run "
        "out: heavier and slower, not more reps (heavy slow resistance, Kongsgaard 2009); its "
        "glute max work is the loaded step-up's (Neto 2020), not measured with the bell at "
        "the chest.",
        family="step_up",
    ),
    Exercise(
        id="split_squat_loaded",
        name="Split squat with dumbbells",
        issues=("back", "knees"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=True,
        level=4,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Dumbbells at the sides",
            "Lower under control, trunk tall",
            "Front knee over the foot",
            src.BACK_LEG_AHEAD,
        ),
        fault="The front knee caving in at the bottom.",
        tags=(
            "deep_loaded_knee_flexion",
            "asymmetric_loading",
            "unsupported_balance",
            "balance_challenge",
            "single_leg_excursion",
            "hip_extension",
        ),
        targets=("gmax", "whole_leg"),
        activation=Activation(gmax=70, measure="mean"),
        source="neto2020",
        evidence="verified",
        why="Loaded single-leg strength at 70% MVIC glute max.",
        family="split_squat",
    ),
    Exercise(
        id="back_squat",
        name="Barbell back squat",
        issues=("back",),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("barbell",),
        loaded=True,
        unilateral=False,
        level=5,
        seconds_per_rep=4,
        rest_s=180,
        cues=(
            "Brace, bar on the upper back",
            "Knees out over the toes",
            "Drive up with hips and chest together",
        ),
        fault="The hips shooting up first and the back rounding.",
        tags=("deep_loaded_knee_flexion", "hip_flexion_past_90", "high_spinal_load", "breath_hold"),
        targets=("gmax", "whole_leg"),
        activation=Activation(
            gmax=45.4,
            measure="mean",
            note="10RM 29.4 upper / 45.4 lower (Contreras 2015); pooled 53 (Neto 2020).",
        ),
        source="contreras2015",
        evidence="verified",
        why="Heavy whole-leg strength for experienced lifters; high spinal load, so only at the top.",
        family="squat",
    ),
    Exercise(
        id="deadlift",
        name="Hex-bar or barbell deadlift",
        issues=("back", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("barbell",),
        loaded=True,
        unilateral=False,
        level=5,
        seconds_per_rep=4,
        rest_s=180,
        cues=(
            "Bar over the mid-foot, brace",
            "Push the floor away, bar close",
            "Finish tall with the glutes, no lean back",
        ),
        fault="Rounding the back off the floor.",
        tags=("high_spinal_load", "breath_hold", "hip_flexion_past_90"),
        targets=("gmax", "whole_leg"),
        activation=Activation(
            gmax=61,
            measure="mean",
            note="Pooled 61 (35-94), Neto 2020; hex bar in the 'very high' list.",
        ),
        source="neto2020",
        evidence="verified",
        why="Heavy hinge strength for experienced lifters at the top of the hinge ladder.",
        family="deadlift",
    ),
    Exercise(
        id="sit_to_stand_arms_crossed",
        name="Sit to stand, arms crossed",
        issues=("back", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        seconds_per_rep=4,
        rest_s=45,
        cues=(
            "Arms crossed on the chest, sitting near the front of a firm chair",
            Cue("Lean the chest forward over the toes, then stand", tags=("hip_flexion_past_90",)),
            "Stand fully tall, then sit back down slowly without dropping",
        ),
        fault="Swinging the arms or rocking back and forth to get up.",
        tags=("arms_crossed", "chair_rise", "supported_version"),
        targets=("gmax", "whole_leg"),
        source="cdc_steadi",
        evidence="recalled",
        why="The sit to stand without the hands, as in the 30-second chair stand test used to screen for falls risk.",
        family="sit_to_stand",
    ),
    Exercise(
        id="sit_to_stand_low_chair",
        name="Sit to stand from a lower seat",
        issues=("back", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=3,
        seconds_per_rep=4,
        rest_s=60,
        cues=(
            "A seat lower than a dining chair: a low stool or a firm sofa",
            "Arms crossed, chest over the toes, stand up",
            "Lower slowly until you just touch the seat",
        ),
        fault="Dropping onto the seat or the knees falling inward on the way up.",
        # A bodyweight rise from a chair however low the seat: too little load for a young
        # or fit adult, as the higher seats are (supported_version).
        tags=(
            "hip_flexion_past_90",
            "deep_loaded_knee_flexion",
            "arms_crossed",
            "chair_rise",
            "supported_version",
        ),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="A lower seat makes the hips and knees work through more range: the next step once the chair is easy.",
        family="sit_to_stand",
        # Bodyweight alone seldom takes this near failure in 8-15 reps, so its effort
        # is stated as it is reached (5-6/10, a convention), not as the 7-8/10 of
        # strength work: harder comes from a harder version, not from words.
        effort=(5, 6),
    ),
    Exercise(
        id="sit_to_stand_dumbbell",
        name="Sit to stand holding a dumbbell at your side",
        issues=("back", "knees", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=False,
        level=3,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Sit near the front of a firm chair with armrests, a dumbbell in one hand by your side",
            Cue("Lean the chest forward over the toes, then stand", tags=("hip_flexion_past_90",)),
            "The free hand on the armrest: push as little as you need, and catch yourself",
            "Sit back down slowly, over 2-3 s; the dumbbell in the other hand next set",
        ),
        fault="The knees falling inward, leaning towards the dumbbell, or dropping back "
        "onto the seat.",
        tags=("chair_rise",),
        targets=("gmax", "whole_leg"),
        # Older adults' strength work is progressive resistance, 8-12 repetitions
        # (Chodzko-Zajko 2009): the chair rise with a weight is the sit to stand's
        # load, with both feet down and the seat behind. One hand holds the weight and
        # the other stays free for the armrest: both hands on a weight at the chest
        # left a 68-year-old with a raised falls risk nothing to catch a fall with.
        source="chodzko_zajko2009",
        evidence="recalled",
        why="The everyday rise from a chair made heavier with a weight at the side, for legs that have outgrown their bodyweight, a hand still free for the armrest.",
        family="sit_to_stand",
    ),
    Exercise(
        id="mini_squat_counter",
        name="Mini squat holding a counter",
        issues=("back", "knees", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=4,
        rest_s=45,
        cues=(
            "Face a kitchen counter, feet hip-width, both hands resting on it",
            "Bend the knees a little and send the hips back, knees over the toes",
            "Stand tall with a glute squeeze",
        ),
        fault="The knees drifting inward or the heels lifting.",
        targets=("gmax", "whole_leg"),
        source="otago",
        evidence="recalled",
        why="Otago's knee bends: a supported, shallow, symmetric squat, safe with a risk of falling and with pelvic girdle pain.",
        family="squat",
        tags=("supported_version",),
    ),
    Exercise(
        # A leg lift with a weight that never needs the hip past 90 degrees, nor a chair:
        # a new hip whose precautions still hold may sit to stand only from a raised seat
        # pushing on the armrests, and without a step had no loaded leg lift at all (a
        # golfer 9 months after a posterior approach got bridges as his only weights).
        # The knee bend stays shallow, as Otago's does; the weight at the side, one hand
        # on the counter, is the sit to stand's loading (Chodzko-Zajko 2009's progressive
        # resistance); the depth that keeps the hip well under 90 degrees is a convention.
        id="mini_squat_dumbbell",
        name="Mini squat holding a counter and a dumbbell",
        issues=("back", "knees", "function"),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=False,
        level=2,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Stand side-on to a kitchen counter, one hand resting on it, feet hip-width, a "
            "dumbbell in the other hand by your side",
            "Bend the knees and send the hips back only a quarter of the way down: the "
            "hips stay well above the knees, the trunk upright",
            "Stand tall with a glute squeeze; the dumbbell in the other hand next set",
        ),
        fault="Going deeper than a quarter squat, leaning towards the dumbbell, or the "
        "knees drifting inward.",
        targets=("gmax", "whole_leg"),
        source="chodzko_zajko2009",
        evidence="recalled",
        why="Otago's knee bend made heavier with a weight at the side: a leg lift with a "
        "weight and little bend at the hip, a hand still on the counter.",
        # A family of its own, asked for by name only where a new hip's precautions leave
        # no deeper leg lift (hip_replacement_loaded_lifts): for anyone else a goblet
        # squat or a sit to stand holding a weight is the better lift, and off the squat
        # ladder it is no rung to step back down to.
        family="mini_squat",
        asked_only=True,
        tags=("supported_version",),
    ),
)

LADDERS: tuple[Ladder, ...] = (
    Ladder(
        id="hip_extension",
        name="A. Hip extension",
        issues=("back", "inhibition"),
        steps=(
            LadderStep("standing_glute_squeeze", ADVANCE_HOLD, REGRESS),
            LadderStep("glute_bridge", ADVANCE_REPS, REGRESS),
            LadderStep("banded_glute_bridge", ADVANCE_REPS, REGRESS),
            LadderStep("single_leg_bridge", ADVANCE_REPS, REGRESS),
            LadderStep("band_hip_thrust", ADVANCE_REPS, REGRESS),
            LadderStep("barbell_hip_thrust", ADVANCE_REPS, REGRESS),
            LadderStep("kettlebell_swing", ADVANCE_REPS, REGRESS),
        ),
        source="ladder_synthesis",
        evidence="weak",
    ),
    Ladder(
        id="quadruped_prone",
        name="C. Prone and quadruped",
        issues=("back", "inhibition"),
        steps=(
            LadderStep("quadruped_hip_extension", ADVANCE_REPS, REGRESS),
            LadderStep("bird_dog", ADVANCE_HOLD, REGRESS),
            LadderStep("front_plank_knees", ADVANCE_HOLD, REGRESS),
            LadderStep("front_plank", ADVANCE_HOLD, REGRESS),
            LadderStep("front_plank_hip_extension", ADVANCE_REPS, REGRESS),
        ),
        source="ladder_synthesis",
        evidence="weak",
    ),
    Ladder(
        id="hinge",
        name="E. Hinge",
        issues=("back", "function"),
        steps=(
            LadderStep("hip_hinge_drill", ADVANCE_REPS, REGRESS),
            LadderStep("romanian_deadlift", ADVANCE_REPS, REGRESS),
            LadderStep("single_leg_rdl", ADVANCE_REPS, REGRESS),
            LadderStep("single_leg_rdl_loaded", ADVANCE_REPS, REGRESS),
            LadderStep("deadlift", ADVANCE_REPS, REGRESS),
        ),
        source="ladder_synthesis",
        evidence="weak",
    ),
    # The hinge drill with a wall behind, for those whose rules keep balance work next
    # to a support (osteoporosis, a raised falls risk): its next step is the dumbbell
    # Romanian deadlift, as the drill's is. A ladder of its own sorting after the hinge
    # ladder, so adding it moves no rung of that one.
    Ladder(
        id="hinge_wall",
        name="Hinge: the drill at a wall, then a weight",
        issues=("back", "function"),
        steps=(
            LadderStep("wall_supported_hip_hinge", ADVANCE_REPS, REGRESS),
            LadderStep("romanian_deadlift", ADVANCE_REPS, REGRESS),
        ),
        source="practice_convention",
        evidence="convention",
    ),
    # A kettlebell as the next step where the ladders' loaded rungs need dumbbells, a
    # barbell or a bench. Each is a ladder of its own, serving the issues of the ladder
    # its first rung is placed by (and sorting after it), so adding it moves no rung.
    Ladder(
        id="hip_extension_weighted",
        name="Bridge: bodyweight, then a kettlebell",
        issues=("back", "inhibition"),
        steps=(
            LadderStep("glute_bridge", ADVANCE_REPS, REGRESS),
            LadderStep("kettlebell_glute_bridge", ADVANCE_REPS, REGRESS),
        ),
        source="practice_convention",
        evidence="convention",
    ),
    Ladder(
        id="step_up_weighted",
        name="Step-up: bodyweight, then a kettlebell at the chest",
        issues=("knees", "function"),
        steps=(
            LadderStep("step_up", ADVANCE_REPS, REGRESS),
            LadderStep("goblet_step_up", ADVANCE_REPS, REGRESS),
        ),
        source="practice_convention",
        evidence="convention",
    ),
    Ladder(
        id="squat",
        name="Squat pattern",
        issues=("back",),
        steps=(
            LadderStep("mini_squat_counter", ADVANCE_REPS, REGRESS),
            LadderStep("sit_to_stand", ADVANCE_REPS, REGRESS),
            LadderStep("goblet_squat", ADVANCE_REPS, REGRESS),
            LadderStep("back_squat", ADVANCE_REPS, REGRESS),
        ),
        source="practice_convention",
        evidence="convention",
    ),
    Ladder(
        id="sit_to_stand",
        name="Sit to stand: raised seat, hands, no hands, lower seat, with a weight",
        issues=("back", "function"),
        steps=(
            LadderStep("sit_to_stand_raised_seat", ADVANCE_REPS, REGRESS),
            LadderStep("sit_to_stand", ADVANCE_REPS, REGRESS),
            LadderStep("sit_to_stand_arms_crossed", ADVANCE_REPS, REGRESS),
            LadderStep("sit_to_stand_low_chair", ADVANCE_REPS, REGRESS),
            LadderStep("sit_to_stand_dumbbell", ADVANCE_REPS, REGRESS),
        ),
        source="falls_convention",
        evidence="convention",
    ),
)

DOSING: tuple[DoseRule, ...] = (
    # Back-friendly loading: novices stay in the ACSM 8-12RM range with reps in
    # reserve; nobody trains to failure on a back exercise (convention). The rule doses
    # every exercise of the back module, whether or not back was found, so its words do
    # not say that the back is the complaint.
    DoseRule(
        role="strength",
        phase="strength",
        issue="back",
        experience=("novice",),
        sets=2,
        max_sets=3,
        reps=(8, 12),
        rest_s=90,
        tempo="2-1-2",
        load="with good form on every rep",
        effort=(7, 8),
        rm=(8, 12),
        rir=(2, 3),
        load_types=("external",),
        # The weight rises as the reps fall at the same reserve (see the generic rule).
        progression="load",
        step=2,
        source="acsm2009",
        evidence="verified",
    ),
    DoseRule(
        role="strength",
        phase="strength",
        issue="back",
        experience=("intermediate", "advanced"),
        sets=3,
        max_sets=4,
        reps=(6, 10),
        rest_s=120,
        tempo="2-1-2",
        # The reserve is in the effort beside these words: a cap (a first block kept
        # moderate, raised blood pressure) may leave more than 2 reps, and the words
        # must not say otherwise.
        load="each set stopped short of failure to spare the low back",
        effort=(8, 8),
        rm=(6, 10),
        rir=(2, 2),
        load_types=("external",),
        progression="load",
        step=2,
        source="acsm2009",
        evidence="verified",
    ),
    DoseRule(
        role="strength",
        phase="power",
        issue="back",
        experience=("intermediate", "advanced"),
        sets=3,
        max_sets=4,
        # The power weeks' heavier strength dose (ACSM 2009: 4-6 reps), with the same
        # reserve as the strength weeks: the low back is spared to the end of the
        # program, not only while it builds strength.
        reps=(4, 6),
        rest_s=150,
        tempo="2-1-2",
        load="each set stopped short of failure to spare the low back",
        effort=(8, 8),
        rm=(4, 6),
        rir=(2, 2),
        load_types=("external",),
        progression="load",
        step=2,
        source="acsm2009",
        evidence="verified",
    ),
)

SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="back_glute_strength_weekly",
        description="When the low back does the glutes' work, every week has glute strength exercises done with the pelvis level and the low back still.",
        source="practice_convention",
        evidence="convention",
        when=Trigger(findings=("back",)),
        requires=(Requirement(kind="weekly", roles=("strength",), issue="back"),),
        notes=(
            "Each week has glute strength exercises that keep the pelvis and low back still while the hips do the work; adding hip work to back care helped little in trials, so this rests on expert opinion.",
        ),
    ),
    SafetyRule(
        id="back_hinge_drill_first",
        description="When the low back does the glutes' work or hurts, the hip hinge is learnt unloaded first: a hinge (Romanian deadlift, deadlift, single-leg Romanian deadlift with or without a weight, kettlebell swing) only after the hip hinge drill has been done in an earlier week, or earlier in the same session.",
        source="practice_convention",
        evidence="convention",
        # The drill exists to teach the hip, not the back, to bend before any hinge is
        # loaded (the hinge ladder's first rung); loading the hinge first reverses it.
        when=Trigger(
            condition=AnyOf(
                (Fact("finding.back", ">=", 1), Fact("focus.back"), Fact("pain.low_back", ">=", 1))
            )
        ),
        requires=(
            Requirement(
                kind="drill_first",
                families=("hip_hinge",),
                then=("deadlift", "single_leg_rdl", "kettlebell_swing"),
            ),
        ),
        notes=(src.HINGE_DRILL_FIRST_NOTE,),
    ),
    SafetyRule(
        id="back_hinge_loaded",
        description="When the low back does the glutes' work or hurts and there is a weight to lift, the hinge the drill teaches is then trained with a weight: every week of the strength and power phases holds a two-handed lift from the floor with a weight (a kettlebell, Romanian or barbell deadlift); a single-leg Romanian deadlift may come beside it.",
        source="practice_convention",
        evidence="convention",
        # The drill prepares a loaded hinge (the hinge ladder climbs to the deadlift); a
        # program that teaches it and never loads it leaves the person unable to lift
        # from the floor, the task the back finds hard: a two-handed lift (a child, a bag,
        # a bar), which the single-leg version, a balance task as much, does not train.
        # Optional: where the time or other rules leave no room, the program says so.
        when=Trigger(
            condition=AllOf(
                (
                    AnyOf(
                        (
                            Fact("finding.back", ">=", 1),
                            Fact("focus.back"),
                            Fact("pain.low_back", ">=", 1),
                        )
                    ),
                    AnyOf(
                        (
                            Fact("equipment.dumbbell"),
                            Fact("equipment.kettlebell"),
                            Fact("equipment.barbell"),
                        )
                    ),
                )
            )
        ),
        requires=(
            Requirement(
                kind="weekly",
                families=("deadlift",),
                each=False,
                load_types=("external",),
                # On through the power weeks: the fast work comes beside the hinge, it
                # does not replace it (an advanced lifter's deadlift stopped after two
                # strength weeks, when it should have gone on getting heavier).
                phases=("strength", "power"),
                optional=True,
            ),
        ),
    ),
    SafetyRule(
        id="back_heavy_lifts_apart",
        description="When the low back does the glutes' work or hurts: no heavy lower-body "
        "lifts on two days in a row, whichever the movement (a deadlift, hip thrust or "
        "bridge one day, a squat, split squat, lunge or step-up the next, at an effort of "
        "8/10 or more or with a weight you could lift 8 times or fewer); lighter work may "
        "follow.",
        source="garber2011",
        evidence="convention",
        # Garber 2011 gives the same muscles 48 hours between hard sessions; the heavy
        # hinge and the heavy squat each have that rule, but a heavy deadlift on
        # Thursday and a heavy back squat on Friday both load the back extensors, and a
        # lifter whose back aches and takes over under load was given exactly that.
        # Extending the 48 hours across the two movements for the back is a convention.
        when=Trigger(
            condition=AnyOf(
                (
                    Fact("finding.back", ">=", 1),
                    Fact("focus.back"),
                    Fact("pain.low_back", ">=", 1),
                )
            )
        ),
        limits=(
            Limit(
                families=(
                    "deadlift",
                    "single_leg_rdl",
                    "kettlebell_swing",
                    "hip_thrust",
                    "bridge",
                    "squat",
                    "split_squat",
                    "single_leg_squat",
                    "step_up",
                    "step_down",
                    "lateral_lunge",
                    "curtsy_lunge",
                ),
                not_on_consecutive_days=True,
                heavy=True,
            ),
        ),
    ),
)
