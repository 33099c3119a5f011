"""Clinical content of the ``function`` module: balance, trunk control, power and
single-leg work for everyday and sport movements (running drills only where the
exercise is one).

Evidence: no glute-specific dose trials were gathered; dosing follows general
training guidance (ACSM 2009, in the built-in ``dosing`` plugin) and the benchmarks
of the return-to-run checks (IJSPT 2022).

Families: a session holds at most one exercise of a family. A family is what a
physiotherapist would call doing the same exercise twice: the same movement in the
same posture, whatever the load, band, tempo (slow lowering, fast rising), hold or
support. Jumps, hops and bounds are families of their own (landing is a skill of
its own); a change of posture that changes the work (side-lying, standing or seated
abduction) makes a new family.

    ================= ==========================================================
    family            exercises (this module's first; others in brackets)
    ================= ==========================================================
    single_leg_stance single_leg_stance_support, single_leg_stance,
                      single_leg_stance_arm_swing
    tandem_stance     tandem_stance_counter, tandem_stance
    counter_walk      sideways_walk_counter, tandem_walk_counter
    sit_to_stand      fast_sit_to_stand, fast_sit_to_stand_raised_seat
                      (sit_to_stand, ...)
    step_up           fast_step_up_rail, step_up_knee_drive (step_up, ...)
    split_squat       reverse_lunge_knee_drive (split_squat, reverse_lunge, ...)
    bridge            marching_bridge (glute_bridge, ...)
    front_plank       front_plank_knees, front_plank (front_plank_hip_extension)
    hop               lateral_hop, forward_hop, transverse_hop
    squat_jump        squat_jump, dumbbell_jump_squat
    adductor_squeeze  seated_adductor_squeeze, adductor_squeeze
    copenhagen        copenhagen_adduction_short, copenhagen_adduction_long
    ================= ==========================================================

The adductor families are offered only where the safety plugin's groin pain rule asks
for them (``asked_only``).

single_leg_reach, pallof_press, wall_drive, kettlebell_swing, skater_bound, a_skip
and split_squat_jump are families of one; marching bridge, A-skips, skater bounds
and split-squat jumps alternate sides. Single-leg control families (the weekly rule)
are single_leg_stance, single_leg_reach, single_leg_squat, single_leg_rdl, step_up,
step_down, hip_airplane and hop.

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
    Cue,
    DoseRule,
    Exercise,
    Ladder,
    LadderStep,
    Requirement,
    SafetyRule,
    Trigger,
)
from gluteus.plugins import _sources as src
from gluteus.plugins._sources import ADVANCE_HOLD, ADVANCE_REPS, ADVANCE_SUPPORT, REGRESS

SOURCES = src.ALL

# A jump landed and held is one jump at a time: "as fast as you can" alone reads as
# rebounding from rep to rep, which skips the held landing the cues ask for.
STUCK_LANDING = (
    "One jump at a time, as fast as you safely can: land, hold the landing, then reset "
    "before the next; stop the set when the jumps get smaller or a landing is not held"
)
STUCK_LANDING_LOADED = (
    "A light weight, one jump at a time: land, hold the landing, then reset before the "
    "next; stop the set when the jumps get smaller or a landing is not held"
)


EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="single_leg_stance",
        name="Single-leg stance",
        issues=("function", "knees"),
        role="stability",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=1,
        hold_s=30,
        rest_s=15,
        cues=(
            "Stand on one leg, hands free, a counter within reach",
            "Pelvis level, knee soft",
            "Eyes on a point ahead",
        ),
        fault="The pelvis dropping on the lifted-leg side (Trendelenburg).",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "sustained_single_leg_stance",
        ),
        targets=("gmed",),
        source="springer2007",
        evidence="verified",
        why="Balance on one leg; normal times fall with age (about 43 s at 18-39, 27 s at 60-69).",
        family="single_leg_stance",
    ),
    Exercise(
        id="single_leg_stance_arm_swing",
        name="Single-leg stance with arm swing",
        issues=("function",),
        role="stability",
        position="standing",
        planes=("sagittal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=2,
        hold_s=30,
        rest_s=15,
        cues=(
            "Stand on one leg, free knee lifted",
            "Swing the arms as in brisk walking or running",
            "Pelvis and knee stay still",
        ),
        fault="The standing knee wobbling inward as the arms swing.",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "sustained_single_leg_stance",
        ),
        targets=("gmed", "trunk"),
        source="practice_convention",
        evidence="convention",
        why="Balance on one leg while the arms swing, as in brisk walking and running: the hip holds the pelvis while the trunk turns.",
        family="single_leg_stance",
    ),
    Exercise(
        id="single_leg_reach",
        name="Single-leg reach (Y-balance style)",
        issues=("function", "knees"),
        role="stability",
        position="standing",
        planes=("sagittal", "frontal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=3,
        seconds_per_rep=4,
        rest_s=30,
        cues=(
            "Stand on one leg",
            "Reach the free foot forward, sideways and back",
            "Knee over the foot, return under control",
        ),
        fault="The standing knee collapsing inward on the reach.",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "single_leg_squat",
            "single_leg_excursion",
        ),
        targets=("gmed", "whole_leg"),
        source="ijspt2022_return_to_run",
        evidence="verified",
        why="Trains the Y-balance reach, a published benchmark of single-leg balance (>=85%).",
        family="single_leg_reach",
    ),
    Exercise(
        id="front_plank_knees",
        name="Front plank on the knees",
        issues=("function", "back"),
        role="stability",
        position="prone",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        hold_s=20,
        rest_s=30,
        cues=(
            "Forearms down, knees bent on the mat, body in one line from the knees to the head",
            "Squeeze the glutes, ribs down",
            "Breathe steadily: do not hold your breath",
        ),
        fault="The hips piking up or the low back sagging.",
        tags=("prone", "kneeling_on_knee"),
        targets=("trunk",),
        source="practice_convention",
        evidence="convention",
        why="The supported step before a full plank: the same line of the trunk with less "
        "load on the tummy and the pelvic floor.",
        family="front_plank",
    ),
    Exercise(
        id="front_plank",
        name="Front plank",
        issues=("function", "back"),
        role="stability",
        position="prone",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        hold_s=20,
        rest_s=30,
        cues=(
            "Forearms down, body in one line",
            "Squeeze the glutes, ribs down",
            "Breathe steadily",
        ),
        fault="The hips sagging and the low back arching.",
        tags=("prone", "high_abdominal_pressure"),
        targets=("trunk",),
        activation=Activation(
            gmed=27, measure="mean", note="Gmax low; Gmed 27 recalled (Ekstrom 2007)."
        ),
        source="ekstrom2007",
        evidence="recalled",
        why="Trunk control; a 45 s plank is a published benchmark of trunk endurance.",
        family="front_plank",
    ),
    Exercise(
        id="pallof_press",
        name="Pallof press (anti-rotation)",
        issues=("function", "back"),
        role="stability",
        position="standing",
        planes=("transverse",),
        equipment=("long_band",),
        loaded=True,
        unilateral=False,
        level=2,
        seconds_per_rep=4,
        rest_s=30,
        cues=(
            "Band anchored to the side at chest height",
            "Press the hands straight out",
            "Do not let the band turn you",
        ),
        fault="The trunk and pelvis rotating towards the anchor.",
        targets=("trunk",),
        source="practice_convention",
        evidence="convention",
        why="Trunk control against rotation, the job the trunk does in everyday and sport movements: carrying, pushing, walking and running.",
        family="pallof_press",
        # Standing with both hands on the band and the band pulling sideways: balance
        # is challenged, with nothing to hold.
        tags=(
            "balance_challenge",
            "unsupported_balance",
        ),
    ),
    Exercise(
        id="marching_bridge",
        name="Marching bridge",
        issues=("function", "back"),
        role="stability",
        position="supine",
        planes=("sagittal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Hold a bridge",
            "Lift one foot a few centimetres, then the other",
            "Pelvis stays level",
            src.KNEES_AHEAD,
        ),
        fault="The pelvis dropping towards the lifted leg.",
        tags=("supine", "hip_extension"),
        targets=("gmax", "trunk"),
        source="practice_convention",
        evidence="convention",
        why="Pelvic control as the load shifts from leg to leg, as in walking.",
        family="bridge",
        alternating=True,
    ),
    Exercise(
        id="wall_drive",
        name="Wall drive (knee-drive posture drill)",
        issues=("function",),
        role="stability",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=1,
        hold_s=10,
        rest_s=20,
        cues=(
            "Hands on a wall, body leaning in a line",
            "Drive one knee up to hip height, hold",
            "Standing glute squeezed",
            src.STANDING_FOOT_AHEAD,
        ),
        fault="Bending at the waist instead of leaning from the ankles.",
        tags=(
            "asymmetric_loading",
            "hip_flexion_past_90",
            "hip_extension",
            "sustained_single_leg_stance",
            "unsupported_balance",
            "balance_challenge",
        ),
        targets=("gmax", "trunk"),
        source="practice_convention",
        evidence="convention",
        why="Teaches the standing hip to extend fully with the glute while the other knee drives up: the posture of climbing stairs, striding out and running.",
        family="wall_drive",
    ),
    Exercise(
        id="reverse_lunge_knee_drive",
        name="Reverse lunge to knee drive",
        issues=("function",),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=3,
        seconds_per_rep=3,
        rest_s=60,
        cues=(
            "Step back into a lunge",
            "Drive up fast onto the front leg, the back knee up to hip height",
            "Step back softly into the lunge",
        ),
        fault="Losing balance and the front knee caving in on the drive.",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "deep_loaded_knee_flexion",
            "hip_flexion_past_90",
            "single_leg_excursion",
            "fast_single_leg",
            # The back hip extends as it drives off, too fast for a cue to keep the
            # back leg from turning out: no guarding cue, so an anterior hip replacement
            # leaves it out.
            "hip_extension",
            "stepping_lunge",
        ),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="Fast single-leg hip extension without impact, as in climbing, striding and sport.",
        family="split_squat",
    ),
    Exercise(
        id="step_up_knee_drive",
        name="Step-up with knee drive",
        issues=("function", "knees"),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=("step",),
        loaded=False,
        unilateral=True,
        level=3,
        seconds_per_rep=3,
        rest_s=60,
        cues=(
            "Foot on the step",
            "Drive up fast, the other knee up to hip height",
            "Control the way down",
        ),
        fault="Pushing off the back foot instead of the step leg.",
        tags=(
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "hip_flexion_past_90",
            "fast_single_leg",
            "single_leg_step",
        ),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="A fast step-up: power for stairs, hills and sport.",
        family="step_up",
    ),
    Exercise(
        id="squat_jump",
        name="Squat jump",
        issues=("function",),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=3,
        seconds_per_rep=3,
        rest_s=60,
        cues=(
            "Quarter squat, arms back",
            "Jump up fast",
            "Land softly on both feet and hold the landing for a second, knees over the toes",
        ),
        fault="Landing stiff with the knees caving in.",
        tags=("impact",),
        targets=("gmax", "whole_leg"),
        source="acsm_secondary",
        evidence="verified",
        why="Bodyweight power: fast reps in a low-rep set (ACSM power guidance).",
        family="squat_jump",
        load_words=STUCK_LANDING,
    ),
    Exercise(
        id="kettlebell_swing",
        name="Kettlebell swing",
        issues=("function", "back"),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=("kettlebell",),
        loaded=True,
        unilateral=False,
        level=4,
        seconds_per_rep=2,
        rest_s=90,
        cues=(
            "Hinge, bell between the legs",
            "Snap the hips forward with the glutes",
            "Stand tall: the arms only guide",
        ),
        fault="Lifting with the arms and squatting instead of hinging.",
        tags=("high_spinal_load", "ballistic", "hip_flexion_past_90"),
        targets=("gmax",),
        source="ladder_synthesis",
        evidence="weak",
        why="Power work at the top of the hip-extension ladder (no EMG gathered).",
        family="kettlebell_swing",
    ),
    Exercise(
        id="lateral_hop",
        name="Lateral hop and stick",
        issues=("function", "knees"),
        role="power",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=4,
        seconds_per_rep=3,
        rest_s=60,
        cues=(
            "Hop sideways onto one leg",
            "Stick the landing for 2 s",
            "Knee over the foot, pelvis level",
        ),
        fault="The knee caving in on landing.",
        tags=(
            "impact",
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "active_hip_abduction",
            "single_leg_landing",
            "fast_single_leg",
        ),
        targets=("gmed", "whole_leg"),
        source="ladder_synthesis",
        evidence="weak",
        why="The top of the frontal-plane ladder: controlling landings sideways.",
        family="hop",
        load_words=STUCK_LANDING,
    ),
    Exercise(
        id="forward_hop",
        name="Forward single-leg hop and stick",
        issues=("function",),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=4,
        seconds_per_rep=3,
        rest_s=60,
        cues=("Hop forward onto the same leg", "Stick the landing, hip back", "Knee over the foot"),
        fault="Landing with a straight knee or the knee falling in.",
        tags=(
            "impact",
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "single_leg_landing",
            "fast_single_leg",
        ),
        targets=("gmax", "gmed", "whole_leg"),
        activation=Activation(gmax=35, gmed=48, measure="mean"),
        source="distefano2009",
        evidence="verified",
        why="Landing control on one leg; hop tests are used to clear a return to sport.",
        family="hop",
        load_words=STUCK_LANDING,
    ),
    Exercise(
        id="transverse_hop",
        name="Transverse (rotational) hop",
        issues=("function", "knees"),
        role="power",
        position="standing",
        planes=("transverse",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=5,
        seconds_per_rep=3,
        rest_s=60,
        cues=("On one leg, hop and turn 90 deg", "Land and stick", "Knee stays over the foot"),
        fault="The knee rotating inward on landing.",
        tags=(
            "impact",
            "balance_challenge",
            "hip_internal_rotation",
            "asymmetric_loading",
            "unsupported_balance",
            "stance_pivot",
            "single_leg_landing",
            "rotational_landing",
            "fast_single_leg",
        ),
        targets=("gmed", "hip_rotators", "whole_leg"),
        activation=Activation(
            gmax=35, gmed=48, measure="mean", note="Distefano 2009 hops (forward/transverse)."
        ),
        source="distefano2009",
        evidence="verified",
        why="Landing control while turning, for changing direction in everyday and sport movements.",
        family="hop",
        load_words=STUCK_LANDING,
    ),
    Exercise(
        id="skater_bound",
        name="Skater bound",
        issues=("function", "knees"),
        role="power",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=5,
        seconds_per_rep=2,
        rest_s=90,
        cues=(
            "Bound sideways from one leg to the other",
            "Land soft and stick",
            "Push from the hip",
        ),
        fault="The landing knee collapsing inward.",
        tags=(
            "impact",
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "wide_stance",
            "active_hip_abduction",
            "single_leg_landing",
        ),
        targets=("gmed", "gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="Sideways power for changing direction in sport.",
        family="skater_bound",
        alternating=True,
        load_words=STUCK_LANDING,
    ),
    Exercise(
        id="a_skip",
        name="A-skip",
        issues=("function",),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=3,
        seconds_per_rep=1,
        rest_s=60,
        cues=(
            "Tall posture",
            "Drive the knee up to hip height, strike down under the hip",
            "Quick, light contacts",
        ),
        fault="Leaning back and reaching forward with the foot.",
        tags=("impact", "hip_flexion_past_90"),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="A running drill: fast hip extension under the body.",
        family="a_skip",
        alternating=True,
    ),
    Exercise(
        id="dumbbell_jump_squat",
        name="Dumbbell jump squat",
        issues=("function",),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=("dumbbell",),
        loaded=True,
        unilateral=False,
        level=5,
        seconds_per_rep=3,
        rest_s=120,
        cues=(
            "Light dumbbells at the sides",
            "Jump fast from a quarter squat",
            "Land softly and reset",
        ),
        fault="Landing heavy with the knees caving in.",
        tags=("impact", "ballistic", "loaded_jump"),
        targets=("gmax", "whole_leg"),
        source="acsm_secondary",
        evidence="verified",
        why="Loaded power: a light weight moved fast for 6-10 reps (ACSM power guidance).",
        family="squat_jump",
        load_words=STUCK_LANDING_LOADED,
    ),
    Exercise(
        id="split_squat_jump",
        name="Split squat jump",
        issues=("function",),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=5,
        seconds_per_rep=2,
        rest_s=90,
        cues=(
            "Start in a split stance",
            "Jump and switch legs",
            "Land soft, front knee over the foot",
        ),
        fault="The front knee caving in on landing.",
        # Legs switched in the air and landed in a split stance: the front knee takes
        # the landing and it cannot be held, so it stages as a single-leg landing.
        tags=(
            "impact",
            "balance_challenge",
            "asymmetric_loading",
            "unsupported_balance",
            "single_leg_excursion",
            # Landing in a split stance extends the back hip, with no time to place it.
            "hip_extension",
            "single_leg_landing",
        ),
        targets=("gmax", "whole_leg"),
        source="practice_convention",
        evidence="convention",
        why="Bodyweight power at the top of the function module.",
        family="split_squat_jump",
        alternating=True,
    ),
    Exercise(
        id="single_leg_stance_support",
        name="Single-leg stance holding a counter",
        issues=("function", "knees"),
        role="stability",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=1,
        hold_s=20,
        rest_s=15,
        cues=(
            "Stand side-on to a kitchen counter, one hand resting on it",
            "Lift one foot just off the floor; pelvis level, knee soft",
            "Lighten the hand until only a fingertip touches",
        ),
        fault="Leaning on the counter with the whole arm, or hitching the hip of the lifted leg.",
        tags=("asymmetric_loading",),
        targets=("gmed",),
        source="otago",
        evidence="recalled",
        why="Otago's one-leg stand, started holding a support and let go only once steady: balance training that is safe with a risk of falling.",
        family="single_leg_stance",
    ),
    Exercise(
        id="tandem_stance_counter",
        name="Tandem stance at a counter",
        issues=("function",),
        role="stability",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        hold_s=20,
        rest_s=15,
        cues=(
            "Stand at a kitchen counter, one hand resting on it",
            "One foot directly in front of the other, heel to toe",
            # Otago's support is lightened as the stance steadies, before it is let go.
            "Once steady, lighten the hand until only a fingertip touches",
            "Stand tall; put the other foot in front on the next set",
        ),
        fault="The feet drifting apart sideways, or leaning on the counter.",
        targets=("gmed", "trunk"),
        source="otago",
        evidence="recalled",
        why="Otago's tandem stance beside a support: a narrow base with weight on both feet, the balance that falls screening checks.",
        family="tandem_stance",
    ),
    # Otago's balance work walks as well as stands (tandem walk, sideways walking;
    # Campbell 1997), each next to a support while a fall is likely: the walks keep a
    # hand sliding along a counter, and come after a block of tandem stance (the falls
    # rule's step). One rep is one step; 8-12 steps a set is the generic stability
    # dose, a convention.
    Exercise(
        id="tandem_walk_counter",
        name="Tandem walk along a counter",
        issues=("function",),
        role="stability",
        position="standing",
        planes=("sagittal", "frontal"),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        seconds_per_rep=2,
        rest_s=30,
        cues=(
            "Stand side-on to a kitchen counter, one hand resting on it",
            "Walk forward heel to toe, each heel placed just in front of the other toes",
            "Let the hand slide along the counter; each step is one rep",
            "At the end of the counter turn round slowly, the other hand on it, and walk back",
        ),
        fault="Stepping wide to catch the balance, or gripping the counter with the whole arm.",
        tags=("walking_balance",),
        targets=("gmed", "trunk"),
        source="otago",
        evidence="recalled",
        why="Otago's tandem walk, after its tandem stance: the narrow base kept while moving, "
        "the balance that walking asks for, with a hand on a counter while a fall is likely.",
        family="counter_walk",
    ),
    Exercise(
        id="sideways_walk_counter",
        name="Sideways walk along a counter",
        issues=("function",),
        role="stability",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=2,
        rest_s=30,
        cues=(
            "Stand facing a kitchen counter, both hands resting on it",
            "Step sideways along it, feet apart then together, toes pointing ahead",
            "Stand tall, knees soft; each step is one rep",
            "Walk to the end of the counter and back the other way",
        ),
        fault="Turning the toes out or leaning the trunk over to the side.",
        # Stepping the leg out to the side is active abduction, held back where that is.
        tags=("walking_balance", "active_hip_abduction"),
        targets=("gmed",),
        source="otago",
        evidence="recalled",
        why="Otago's sideways walking: the hip muscles that steady the pelvis side to side, "
        "trained while moving, holding a counter while a fall is likely.",
        family="counter_walk",
    ),
    Exercise(
        id="tandem_stance",
        name="Tandem stance, hands free",
        issues=("function",),
        role="stability",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        hold_s=20,
        rest_s=15,
        cues=(
            "Heel to toe, one foot directly in front of the other",
            "Hands free, a counter within reach but not held",
            "Eyes on a point ahead; put the other foot in front on the next set",
        ),
        fault="The feet drifting apart or the trunk swaying to keep balance.",
        tags=("unsupported_balance", "balance_challenge"),
        targets=("gmed", "trunk"),
        source="cdc_steadi",
        evidence="recalled",
        why="Holding a tandem stance for 10 s is part of the STEADI falls-risk check; this trains it without a support once the supported version is steady.",
        family="tandem_stance",
    ),
    Exercise(
        id="fast_sit_to_stand",
        name="Fast sit to stand",
        issues=("function", "back"),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        seconds_per_rep=4,
        rest_s=60,
        cues=(
            "Sit near the front of a firm chair with armrests, its back against a wall, "
            "feet under the knees",
            Cue("Lean the chest forward over the toes", tags=("hip_flexion_past_90",)),
            Cue(
                "Hands on the armrests, free to push and to catch yourself: stand up as fast "
                "as you safely can, and stand tall for 2 s",
                guards=("fast_chair_rise",),
            ),
            "Sit down slowly, over 2-3 s",
        ),
        fault="Dropping back into the chair, or the knees falling inward as you rise fast.",
        tags=("fast_chair_rise", "chair_rise", "supported_version"),
        targets=("gmax", "whole_leg"),
        source="chodzko_zajko2009",
        evidence="recalled",
        why="Power for daily life at any age: a fast rise and a controlled lowering, with no equipment and no impact (power training for older adults is built on it).",
        family="sit_to_stand",
    ),
    Exercise(
        id="fast_sit_to_stand_raised_seat",
        name="Fast sit to stand from a raised seat",
        issues=("function", "back"),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=4,
        rest_s=60,
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
            Cue(
                "Push on the armrests and stand up as fast as you safely can, trunk upright",
                guards=("fast_chair_rise",),
            ),
            "Sit down slowly, over 2-3 s, the same way",
        ),
        fault="Throwing the trunk forward to get up fast, or dropping into the seat.",
        tags=("fast_chair_rise", "chair_rise", "supported_version"),
        targets=("gmax", "whole_leg"),
        source="chodzko_zajko2009",
        evidence="recalled",
        why="The fast rise of power training for older adults, from a raised seat: less bend "
        "at the hip and knee, a first step into the fast rise.",
        family="sit_to_stand",
    ),
    Exercise(
        id="fast_step_up_rail",
        name="Fast step-up beside a rail",
        issues=("function", "knees"),
        role="power",
        position="standing",
        planes=("sagittal",),
        equipment=("step",),
        loaded=False,
        unilateral=True,
        level=3,
        seconds_per_rep=3,
        rest_s=60,
        cues=(
            "At the bottom stair or a step, one hand on the rail",
            "Step up fast through the heel, standing tall at the top",
            "Step down slowly and reset",
        ),
        fault="Pulling on the rail or pushing off the back foot.",
        tags=("asymmetric_loading", "fast_single_leg", "single_leg_step"),
        targets=("gmax", "whole_leg"),
        source="chodzko_zajko2009",
        evidence="recalled",
        why="Fast single-leg power with a rail for balance and no impact: the stair version of power training for older adults.",
        family="step_up",
    ),
    # Otago's strengthening exercises beyond the hip abductors include calf raises and
    # toe raises, done holding a support (Campbell 1997); without the programme's cuff
    # weights they are bodyweight work, dosed as strength work for older adults is
    # (1-3 sets of 8-12, Chodzko-Zajko 2009).
    Exercise(
        id="heel_raise_counter",
        name="Heel raises holding a counter",
        issues=("function",),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=3,
        rest_s=45,
        cues=(
            "Face a kitchen counter, feet hip-width, both hands resting on it",
            "Rise up onto the balls of the feet, as high as is comfortable",
            "Lower the heels slowly to the floor",
        ),
        fault="Leaning forward onto the counter or rolling out onto the little toes.",
        targets=("whole_leg",),
        source="otago",
        evidence="recalled",
        why="Otago's calf raises: the ankle push-off strength that walking and catching a "
        "trip need, holding a support.",
        family="heel_raise",
        # Bodyweight alone seldom takes this near failure in 8-15 reps, so its effort
        # is stated as it is reached (5-6/10, a convention), not as the 7-8/10 of
        # strength work: harder comes from a harder version, not from words.
        effort=(5, 6),
        tags=("supported_version",),
    ),
    Exercise(
        id="toe_raise_counter",
        name="Toe raises holding a counter",
        issues=("function",),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=3,
        rest_s=45,
        cues=(
            "Stand with your back near a kitchen counter, hands resting on it beside you",
            "Lift the toes and the front of the feet off the floor, weight on the heels",
            "Lower the feet slowly",
        ),
        fault="Sticking the bottom out or bending the hips to lift the toes.",
        targets=("whole_leg",),
        source="otago",
        evidence="recalled",
        why="Otago's toe raises: the shin muscles that lift the foot clear of the ground, so "
        "the toes do not catch and trip, holding a support.",
        family="toe_raise",
        # Bodyweight alone seldom takes this near failure in 8-15 reps, so its effort
        # is stated as it is reached (5-6/10, a convention), not as the 7-8/10 of
        # strength work: harder comes from a harder version, not from words.
        effort=(5, 6),
        tags=("supported_version",),
    ),
    # Adductor strengthening for groin pain, asked for by the safety plugin's groin rules
    # (Hölmich 1999: squeezes of a ball between the knees, progressed to loaded adduction;
    # Harøy 2019: the Copenhagen adduction, short lever then long). Each cue keeps the
    # pain monitoring in view, as the exercise is done on a sore groin.
    Exercise(
        id="seated_adductor_squeeze",
        name="Seated adductor squeeze (a ball or a folded pillow between the knees)",
        issues=("function",),
        role="isometric",
        position="seated",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        hold_s=15,
        rest_s=45,
        cues=(
            "Sit tall on a chair or a bench, feet flat, a ball or a folded pillow between the "
            "knees",
            "Squeeze the knees together into it and hold, breathing steadily",
            "Squeeze firmly, but only so far as the groin stays at 3/10 or less, and settled "
            "by the next morning",
        ),
        fault="Holding the breath or bracing the trunk instead of squeezing from the inner thighs.",
        targets=("adductors",),
        source="holmich1999",
        evidence="recalled",
        why="The first step of adductor strengthening for groin pain: the inner-thigh muscles "
        "work hard without moving the hip (Hölmich 1999).",
        family="adductor_squeeze",
        asked_only=True,
    ),
    Exercise(
        id="adductor_squeeze",
        name="Adductor squeeze lying on your back (a ball or a folded pillow between the knees)",
        issues=("function",),
        role="isometric",
        position="supine",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        hold_s=15,
        rest_s=45,
        cues=(
            "Lie on your back, knees bent, feet flat, a ball or a folded pillow between the knees",
            "Squeeze the knees together into it and hold, breathing steadily",
            "Squeeze firmly, but only so far as the groin stays at 3/10 or less, and settled "
            "by the next morning",
        ),
        fault="Lifting the low back off the floor or holding the breath to squeeze harder.",
        tags=("supine",),
        targets=("adductors",),
        source="holmich1999",
        evidence="recalled",
        why="Adductor strengthening for groin pain: a firm squeeze with the hips bent, as in "
        "Hölmich 1999's programme, the step before the Copenhagen adduction.",
        family="adductor_squeeze",
        asked_only=True,
    ),
    Exercise(
        id="copenhagen_adduction_short",
        name="Copenhagen adduction, short lever (knee on the bench)",
        issues=("function",),
        role="strength",
        position="side-lying",
        planes=("frontal",),
        equipment=("bench",),
        loaded=False,
        unilateral=True,
        level=3,
        seconds_per_rep=4,
        rest_s=60,
        cues=(
            "Side plank on your forearm beside a bench, the inside of the top knee resting on "
            "it, the bottom leg free",
            "Press the top knee down into the bench to lift the hips and the bottom leg, "
            "body in a straight line",
            "Lower slowly; pain in the groin 3/10 or less during, and settled by the next morning",
        ),
        fault="The hips sagging or turning towards the floor, or the top knee sliding off.",
        tags=("lateral_hip_compression", "copenhagen_adduction"),
        targets=("adductors", "trunk"),
        source="haroy2019",
        evidence="recalled",
        why="The Copenhagen adduction with the bench under the knee: a short lever, so the "
        "inner thigh lifts the body with less load than the long lever (Harøy 2019).",
        family="copenhagen",
        asked_only=True,
    ),
    Exercise(
        id="copenhagen_adduction_long",
        name="Copenhagen adduction, long lever (ankle on the bench)",
        issues=("function",),
        role="strength",
        position="side-lying",
        planes=("frontal",),
        equipment=("bench",),
        loaded=False,
        unilateral=True,
        level=4,
        seconds_per_rep=4,
        rest_s=90,
        cues=(
            "Side plank on your forearm beside a bench, the inside of the top ankle resting "
            "on it, the bottom leg free",
            "Press the upper leg down into the bench to lift the hips and the bottom leg, "
            "body in a straight line",
            "Lower slowly; pain in the groin 3/10 or less during, and settled by the next morning",
        ),
        fault="The hips sagging or turning towards the floor, or the top knee bending.",
        tags=(
            "lateral_hip_compression",
            "copenhagen_adduction",
            "long_lever_adduction",
            "high_abdominal_pressure",
        ),
        targets=("adductors", "trunk"),
        source="haroy2019",
        evidence="recalled",
        why="The full Copenhagen adduction: the long lever loads the inner thigh hardest "
        "(Harøy 2019), after the short lever.",
        family="copenhagen",
        asked_only=True,
    ),
)

LADDERS: tuple[Ladder, ...] = (
    # One ladder from standing heel to toe up to hops, so a block that has stood on one
    # leg never goes back to the easier tandem stance (a ladder's floor holds only its
    # own rungs): Otago climbs from tandem stance to the one-leg stand, each from holding
    # a support to none (Campbell 1997), and the return-to-run checks take it on.
    Ladder(
        id="balance",
        name="Balance and single-leg control",
        issues=("function",),
        steps=(
            LadderStep("tandem_stance_counter", ADVANCE_SUPPORT, REGRESS),
            LadderStep("tandem_stance", ADVANCE_HOLD, REGRESS),
            LadderStep("single_leg_stance_support", ADVANCE_SUPPORT, REGRESS),
            LadderStep("single_leg_stance", ADVANCE_HOLD, REGRESS),
            LadderStep("single_leg_stance_arm_swing", ADVANCE_HOLD, REGRESS),
            LadderStep("single_leg_reach", ADVANCE_REPS, REGRESS),
            LadderStep("forward_hop", ADVANCE_REPS, REGRESS),
            LadderStep("transverse_hop", ADVANCE_REPS, REGRESS),
        ),
        source="ijspt2022_return_to_run",
        evidence="weak",
    ),
    Ladder(
        id="running_power",
        name="Stride power: knee drives, skips and jumps",
        issues=("function",),
        steps=(
            LadderStep("wall_drive", ADVANCE_HOLD, REGRESS),
            LadderStep("reverse_lunge_knee_drive", ADVANCE_REPS, REGRESS),
            LadderStep("a_skip", ADVANCE_REPS, REGRESS),
            LadderStep("squat_jump", ADVANCE_REPS, REGRESS),
            LadderStep("split_squat_jump", ADVANCE_REPS, REGRESS),
        ),
        source="practice_convention",
        evidence="convention",
    ),
    Ladder(
        id="everyday_power",
        name="Everyday power: chair, then stairs",
        issues=("function",),
        steps=(
            LadderStep("fast_sit_to_stand", ADVANCE_REPS, REGRESS),
            LadderStep("fast_step_up_rail", ADVANCE_SUPPORT, REGRESS),
            LadderStep("step_up_knee_drive", ADVANCE_REPS, REGRESS),
        ),
        source="chodzko_zajko2009",
        evidence="recalled",
    ),
    # Squeezes, then the Copenhagen adduction short, then long (Hölmich 1999, Harøy 2019).
    Ladder(
        id="adductor_strength",
        name="Adductor strength: squeezes, then the Copenhagen adduction",
        issues=("function",),
        steps=(
            LadderStep("seated_adductor_squeeze", ADVANCE_HOLD, REGRESS),
            LadderStep("adductor_squeeze", ADVANCE_HOLD, REGRESS),
            LadderStep("copenhagen_adduction_short", ADVANCE_REPS, REGRESS),
            LadderStep("copenhagen_adduction_long", ADVANCE_REPS, REGRESS),
        ),
        source="groin_pain_convention",
        evidence="convention",
    ),
)

# Function has no dose rules of its own: its exercises use the generic rules of the
# built-in ``dosing`` plugin (gluteus.plugins.dosing), which every module shares.
DOSING: tuple[DoseRule, ...] = ()

SINGLE_LEG_FAMILIES: tuple[str, ...] = (
    "single_leg_stance",
    "single_leg_reach",
    "single_leg_squat",
    "single_leg_rdl",
    "step_up",
    "step_down",
    "hip_airplane",
    "hop",
)
"""Families whose exercises put the body's weight on one leg and make the hip control it."""

BALANCE_FAMILIES: tuple[str, ...] = (
    "single_leg_stance",
    "tandem_stance",
    "counter_walk",
    "single_leg_reach",
    "hip_airplane",
    "wall_drive",
)
"""Families of balance work: holding the body still over a narrow base or one leg, or
reaching and turning over it (a plank or bird dog is trunk work, not balance)."""

SINGLE_LEG_LOADING: tuple[str, ...] = (
    "single_leg_step",
    "single_leg_squat",
    "single_leg_excursion",
)
"""Tags of work moving the body's weight on one leg: step-ups, step-downs and single-leg
squats, split squats and lunges (a held stance carries none)."""

SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="function_balance_and_single_leg_weekly",
        description="When the glutes are not doing their job for balance, walking and everyday and sport movements, every week has balance work and an exercise where one hip controls your weight on one leg, and each strength week one that moves on one leg (a step-up, step-down, split squat or single-leg squat).",
        source="ijspt2022_return_to_run",
        evidence="weak",
        when=Trigger(findings=("function",)),
        requires=(
            # Balance by its families: a plank is stability work too, but not balance, and
            # counting it let weeks with planks and no balance at all meet this demand.
            Requirement(kind="weekly", families=BALANCE_FAMILIES, issue="function", each=False),
            Requirement(kind="weekly", families=SINGLE_LEG_FAMILIES, issue="function", each=False),
            # A held stance is balance, not single-leg strength: the strength weeks also
            # load one leg through a movement (step-ups, step-downs, split squats). Optional:
            # where the rules or the minutes leave none, a warning names this rule.
            Requirement(
                kind="weekly",
                tags=SINGLE_LEG_LOADING,
                issue="function",
                each=False,
                phases=("strength",),
                optional=True,
            ),
        ),
        notes=(
            "Balance and single-leg control every week: these are what published checks of hip control test (single-leg stance, step-downs, single-leg squats, a balance reach).",
        ),
    ),
    SafetyRule(
        id="function_power_in_power_phase",
        description="When the glutes are not doing their job for balance, walking and everyday and sport movements, the power weeks have fast (power) work suited to you, such as fast sit to stands, fast step-ups or hops.",
        source="acsm_secondary",
        evidence="weak",
        when=Trigger(findings=("function",)),
        requires=(
            Requirement(kind="weekly", roles=("power",), issue="function", phases=("power",)),
        ),
        notes=(
            "When your program has power weeks, some of their work is done fast: moving quickly with control is what climbing stairs, catching yourself when you trip and sport need.",
        ),
    ),
)
