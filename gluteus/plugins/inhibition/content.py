"""Clinical content of the ``inhibition`` module: isolated activation drills that open
every session (clamshells, glute bridges, standing kickbacks), the hip-extension
ladder's first rungs, activation dosing and the activation-first rules.

Evidence: the module rests on expert opinion (no validated test for "inhibited"
glutes); the drills are chosen by published EMG where it exists and by
convention otherwise, and each says which.

Families: a session holds at most one exercise of a family. A family is what a
physiotherapist would call doing the same exercise twice: the same movement in the
same posture, whatever the load, band, tempo (slow lowering, fast rising), hold or
support. Jumps, hops and bounds are families of their own (landing is a skill of
its own); a change of posture that changes the work (side-lying, standing or seated
abduction) makes a new family.

    ================= ==========================================================
    family            exercises (this module's first; others in brackets)
    ================= ==========================================================
    glute_squeeze     standing_glute_squeeze, seated_glute_squeeze
    bridge            glute_bridge, banded_glute_bridge, frog_bridge,
                      bridge_on_bed (marching_bridge, isometric_bridge_hold,
                      eccentric_bridge)
    clamshell         clamshell, banded_clamshell (clamshell_abduction_er,
                      eccentric_clamshell)
    kickback          standing_kickback, banded_standing_kickback
    ================= ==========================================================

quadruped_hip_extension, prone_bent_knee_hip_extension (``prone_hip_extension``)
and fire_hydrant are families of one. The single-leg bridge is not a bridge
variant but its own family (one leg, a strength exercise the knees rule names);
hip thrusts are not bridges either, so a bridge can prepare a thrust.

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
    DoseRule,
    Exercise,
    Ladder,
    LadderStep,
    Requirement,
    SafetyRule,
    Trigger,
)
from gluteus.plugins import _sources as src
from gluteus.plugins._sources import ADVANCE_HOLD, ADVANCE_REPS, REGRESS

SOURCES = src.ALL

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        id="standing_glute_squeeze",
        name="Standing glute squeeze",
        issues=("inhibition", "back", "tightness", "function"),
        role="activation",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        hold_s=10,
        rest_s=15,
        cues=(
            "Stand tall, feet hip-width",
            "Squeeze both buttocks firmly, thighs relaxed",
            "Hold the squeeze and keep breathing",
        ),
        fault="Tucking the pelvis hard and clenching the thighs instead of the glutes.",
        tags=(),
        targets=("gmax",),
        activation=Activation(
            gmax=81,
            measure="peak",
            note="Peak during a maximal squeeze (Boren 2011); the drill asks for a firm squeeze, not a maximal one.",
        ),
        source="boren2011",
        evidence="verified",
        why="Highest-activation no-equipment drill (81% MVIC peak when squeezed maximally), doable anywhere, so the glutes can be switched on before any session.",
        family="glute_squeeze",
    ),
    Exercise(
        id="glute_bridge",
        name="Glute bridge",
        issues=("inhibition", "back", "knees"),
        role="activation",
        position="supine",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Feet flat, knees bent",
            "Squeeze the glutes, then lift the hips",
            "Ribs down: stop when hips and knees line up",
            src.KNEES_AHEAD,
        ),
        fault="Arching the low back to lift higher instead of extending at the hip.",
        tags=("supine", "hip_extension"),
        targets=("gmax",),
        activation=Activation(
            gmax=25, gmed=28, measure="mean", note="Ekstrom 2007 values recalled [R]."
        ),
        source="ekstrom2007",
        evidence="recalled",
        why="A standard first activation drill: teaches hip extension by the glutes with the back unloaded.",
        family="bridge",
    ),
    Exercise(
        id="banded_glute_bridge",
        name="Glute bridge, band at the knees",
        issues=("inhibition", "back"),
        role="activation",
        position="supine",
        planes=("sagittal", "frontal"),
        equipment=("mini_band",),
        loaded=True,
        unilateral=False,
        level=2,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Press the knees gently out against the band",
            "Lift from the glutes, ribs down",
            "Pause 1 s at the top",
        ),
        fault="Knees falling in to the band at the top.",
        tags=(
            "supine",
            "hip_extension_with_external_rotation",
            "active_hip_abduction",
            "hip_extension",
        ),
        targets=("gmax", "gmed"),
        activation=Activation(
            measure="none",
            note="Bridging in 30 deg abduction raises Gmax and lowers erector spinae (Kang 2016); no %MVIC gathered.",
        ),
        source="kang2016",
        evidence="verified",
        why="Adds abduction to the bridge, which shifts work from the low back to glute max.",
        family="bridge",
    ),
    Exercise(
        id="frog_bridge",
        name="Frog bridge (soles together)",
        issues=("inhibition",),
        role="activation",
        position="supine",
        planes=("sagittal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=2,
        rest_s=30,
        cues=(
            "Soles together, knees out",
            "Short lift: squeeze the glutes to raise the hips",
            "Keep the back flat",
        ),
        fault="Pushing through the back instead of the glutes.",
        tags=("supine", "hip_extension_with_external_rotation", "hip_extension"),
        targets=("gmax", "hip_rotators"),
        source="practice_convention",
        evidence="convention",
        why="A short-range bridge with the hips turned out, for people who feel bridges in the hamstrings.",
        family="bridge",
    ),
    Exercise(
        id="clamshell",
        name="Clamshell",
        issues=("inhibition", "knees", "tightness"),
        role="activation",
        position="side-lying",
        planes=("frontal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=1,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Hips bent about 30-60 deg, heels together",
            "Open the top knee without rolling the pelvis back",
            "Pause at the top",
        ),
        fault="Rolling the pelvis backwards to open further.",
        tags=("active_hip_abduction", "lateral_hip_compression"),
        targets=("gmed", "hip_rotators"),
        activation=Activation(
            gmax=34,
            gmed=40,
            measure="mean",
            note="Hip at 30 deg; 38% Gmed at 60 deg. Best glute-to-TFL index of 11 exercises (Selkowitz 2013).",
        ),
        source="distefano2009",
        evidence="verified",
        why="A standard fix: glute med and deep rotators with little TFL, no equipment.",
        family="clamshell",
    ),
    Exercise(
        id="banded_clamshell",
        name="Clamshell with mini band",
        issues=("inhibition", "knees", "tightness"),
        role="activation",
        position="side-lying",
        planes=("frontal", "transverse"),
        equipment=("mini_band",),
        loaded=True,
        unilateral=True,
        level=2,
        seconds_per_rep=3,
        rest_s=30,
        cues=("Band just above the knees", "Open against the band, pelvis still", "Lower slowly"),
        fault="Rolling back with the pelvis as the band gets harder.",
        tags=("active_hip_abduction", "lateral_hip_compression", "pelvic_gapping"),
        targets=("gmed", "hip_rotators"),
        activation=Activation(
            measure="none", note="Band version of the clamshell; EMG gathered only without a band."
        ),
        source="ladder_synthesis",
        evidence="weak",
        why="Adds resistance to the clamshell once the bodyweight version is easy.",
        family="clamshell",
    ),
    Exercise(
        id="standing_kickback",
        name="Standing glute kickback",
        issues=("inhibition", "back"),
        role="activation",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=1,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Hold a sturdy chair back or a wall, standing knee soft",
            "Push the heel back by squeezing the glute",
            "No arching: stop when the back wants to move",
            src.TOES_DOWN,
        ),
        fault="Swinging the leg high by arching the low back.",
        tags=("asymmetric_loading", "hip_extension"),
        targets=("gmax",),
        source="practice_convention",
        evidence="convention",
        why="A standard standing activation drill; no EMG for the bodyweight version was gathered.",
        family="kickback",
    ),
    Exercise(
        id="banded_standing_kickback",
        name="Standing kickback with band",
        issues=("inhibition", "back"),
        role="activation",
        position="standing",
        planes=("sagittal",),
        equipment=("long_band",),
        loaded=True,
        unilateral=True,
        level=2,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Band round the ankle, anchored low in front; hold a chair back or a wall",
            "Drive the heel back from the glute",
            "Pelvis square, trunk still",
            src.TOES_DOWN,
        ),
        fault="Turning the pelvis open to move the leg further.",
        tags=("asymmetric_loading", "hip_extension"),
        targets=("gmax",),
        source="practice_convention",
        evidence="convention",
        why="A resisted kickback for people who no longer feel the bodyweight drill.",
        family="kickback",
    ),
    Exercise(
        id="quadruped_hip_extension",
        name="Quadruped hip extension (donkey kick)",
        issues=("inhibition", "back"),
        role="activation",
        position="quadruped",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=1,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Hands under shoulders, knees under hips",
            "Push the foot to the ceiling with the knee bent",
            "Back stays flat like a table",
        ),
        fault="Arching the low back as the leg rises.",
        tags=("kneeling_on_knee", "hip_extension"),
        targets=("gmax",),
        activation=Activation(
            measure="none", note="Glute-to-TFL index 50 (Selkowitz 2013); no %MVIC gathered."
        ),
        source="selkowitz2013",
        evidence="verified",
        why="The first rung of the quadruped ladder: hip extension without load on the spine.",
        family="quadruped_hip_extension",
    ),
    Exercise(
        id="prone_bent_knee_hip_extension",
        name="Prone bent-knee hip extension",
        issues=("inhibition", "back", "function"),
        role="activation",
        position="prone",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=2,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Lie face down, knee bent to 90 deg",
            "Squeeze the glute to lift the thigh a few centimetres",
            "Hip bone stays on the floor",
        ),
        fault="Lifting the pelvis or arching the back instead of extending the hip.",
        tags=("prone", "hip_extension"),
        targets=("gmax",),
        source="ijspt2022_return_to_run",
        evidence="verified",
        why="Isolates glute max from the hamstrings; 30 in a row is a published benchmark of hip-extension endurance.",
        family="prone_hip_extension",
    ),
    Exercise(
        id="fire_hydrant",
        name="Fire hydrant",
        issues=("inhibition", "tightness"),
        role="activation",
        position="quadruped",
        planes=("frontal", "transverse"),
        equipment=(),
        loaded=False,
        unilateral=True,
        level=2,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "On hands and knees",
            "Lift the bent knee out to the side",
            "Keep the weight centred: do not lean away",
        ),
        fault="Shifting the trunk over the standing knee.",
        tags=("kneeling_on_knee", "active_hip_abduction", "pelvic_gapping"),
        targets=("gmed", "hip_rotators"),
        source="practice_convention",
        evidence="convention",
        why="A no-equipment abduction and rotation drill between the clamshell and standing work.",
        family="fire_hydrant",
    ),
    Exercise(
        id="seated_glute_squeeze",
        name="Seated glute squeeze",
        issues=("inhibition", "back"),
        role="activation",
        position="seated",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        hold_s=10,
        rest_s=15,
        cues=(
            "Sit tall on a firm chair, feet flat",
            "Squeeze both buttocks firmly, so you rise a little in the seat",
            "Hold the squeeze and keep breathing",
        ),
        fault="Pushing through the feet and thighs instead of squeezing the buttocks.",
        targets=("gmax",),
        source="activation_convention",
        evidence="convention",
        why="The standing squeeze done sitting, for anyone who cannot stand for long; no EMG was gathered for the seated version.",
        family="glute_squeeze",
    ),
    Exercise(
        id="bridge_on_bed",
        name="Glute bridge on the bed",
        issues=("inhibition", "back", "knees"),
        role="activation",
        position="supine",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        seconds_per_rep=3,
        rest_s=30,
        cues=(
            "Lie on your back on a firm bed, knees bent, feet flat",
            "Squeeze the glutes, then lift the hips a hand's width",
            "Lower slowly; roll onto your side to get up",
            src.KNEES_AHEAD,
        ),
        fault="Pushing up with the arms and the back instead of the glutes.",
        tags=("supine", "on_bed", "hip_extension", "supported_version"),
        targets=("gmax",),
        source="falls_convention",
        evidence="convention",
        why="The bridge for someone who cannot get down to the floor and up again: the same drill on a bed.",
        family="bridge",
    ),
)

LADDERS: tuple[Ladder, ...] = (
    Ladder(
        id="inhibition_activation",
        name="Activation: switch on, then bridge and kick back",
        issues=("inhibition",),
        steps=(
            LadderStep("standing_glute_squeeze", ADVANCE_HOLD, REGRESS),
            LadderStep("glute_bridge", ADVANCE_REPS, REGRESS),
            LadderStep("banded_glute_bridge", ADVANCE_REPS, REGRESS),
        ),
        source="ladder_synthesis",
        evidence="weak",
    ),
    Ladder(
        id="clamshell_ladder",
        name="Clamshell: bodyweight, then banded",
        issues=("inhibition", "knees"),
        steps=(
            LadderStep("clamshell", ADVANCE_REPS, REGRESS),
            LadderStep("banded_clamshell", ADVANCE_REPS, REGRESS),
        ),
        source="ladder_synthesis",
        evidence="weak",
    ),
    Ladder(
        id="kickback_ladder",
        name="Kickback: standing, then banded",
        issues=("inhibition",),
        steps=(
            LadderStep("standing_kickback", ADVANCE_REPS, REGRESS),
            LadderStep("banded_standing_kickback", ADVANCE_REPS, REGRESS),
        ),
        source="practice_convention",
        evidence="convention",
    ),
)

DOSING: tuple[DoseRule, ...] = tuple(
    # With inhibition found, activation stays short and frequent in every phase: it
    # primes the session rather than being the workout (convention ⚠). One rule per
    # load type, so a bodyweight drill is never told to use a band; an activation drill
    # with a weight takes the generic rule.
    DoseRule(
        role="activation",
        phase=phase,
        issue="inhibition",
        sets=2,
        reps=(10, 15),
        hold_s=10,
        max_hold_s=10,
        rest_s=30,
        tempo="2-1-2",
        load=load,
        effort=(3, 5),
        progression="reps",
        step=2,
        load_types=(load_type,),
        source="activation_convention",
        evidence="convention",
    )
    for phase in ("activation", "strength", "power")
    for load_type, load in (
        ("bodyweight", "Your own bodyweight: feel the glutes working"),
        ("band", "A light band: feel the glutes working"),
    )
)

SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="activation_before_loaded",
        description="In every session, a short drill that switches on the same muscles comes before anything done with a weight or a band.",
        source="activation_convention",
        evidence="convention",
        when=Trigger(always=True),
        requires=(Requirement(kind="before_loaded", roles=("activation",)),),
        notes=(
            "Activation drills go first so the glutes are working before anything loaded (expert opinion).",
        ),
    ),
    SafetyRule(
        id="inhibition_session_opens_with_activation",
        description="With glutes that are switched off, every session starts with a drill that switches them on.",
        source="activation_convention",
        evidence="convention",
        when=Trigger(findings=("inhibition",)),
        requires=(Requirement(kind="session_opens", roles=("activation",)),),
        notes=(
            "Every session starts with a glute activation drill; this rests on expert opinion, not trials.",
        ),
    ),
)
