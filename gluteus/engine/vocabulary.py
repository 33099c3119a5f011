"""The words profiles, plugins and programs share: equipment, days, roles, positions,
phases, contraindication tags and the rest, as plain tuples of ids.

Kept apart from :mod:`gluteus.engine.model` (which re-exports every one of them) so
that what only needs the words, such as the command line's option help, loads without
building the model's classes.
"""

from __future__ import annotations

from typing import Literal, get_args

SEED_MAX = 2**31 - 1
"""The largest seed: the solver takes a 32-bit signed seed."""

EQUIPMENT: tuple[str, ...] = (
    "mat",
    "mini_band",
    "long_band",
    "dumbbell",
    "kettlebell",
    "barbell",
    "bench",
    "step",
    "cable",
    "stability_ball",
    "slider",
)
"""The built-in equipment ids (declared by the ``basics`` plugin; plugins may declare
more with :class:`Equipment`). Bodyweight is always available and never listed."""

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EXPERIENCE: tuple[str, ...] = ("novice", "intermediate", "advanced")
PAIN_REGIONS: tuple[str, ...] = ("low_back", "knee", "hip", "buttock", "groin")
"""The built-in pain regions (declared by the ``basics`` plugin; plugins may declare more
with :class:`PainRegion`)."""
LOAD_TYPES: tuple[str, ...] = ("bodyweight", "band", "external")
"""How an exercise is loaded: by the body alone, by an elastic band, or by an external
weight (dumbbell, kettlebell, barbell, cable, cuff weight). Dose rules apply by load
type, so a %- or RM-based dose only ever reaches external loads."""
FLOOR_POSITIONS: tuple[str, ...] = ("supine", "prone", "side-lying", "quadruped", "kneeling")
"""Positions done on the floor: an exercise in one of them carries the derived tag
``floor`` (unless it is tagged ``on_bed``), so a rule can keep someone who cannot get
down to the floor and up again safely off it."""
ROLES: tuple[str, ...] = (
    "activation",
    "strength",
    "power",
    "stability",
    "isometric",
    "eccentric",
    "mobility",
)
POSITIONS: tuple[str, ...] = (
    "supine",
    "prone",
    "side-lying",
    "quadruped",
    "kneeling",
    "seated",
    "standing",
)
PLANES: tuple[str, ...] = ("sagittal", "frontal", "transverse")
SIDES: tuple[str, ...] = ("both", "each", "left", "right")
RequirementKind = Literal[
    "before_loaded", "session_opens", "weekly", "session", "stepped", "drill_first"
]
REQUIREMENT_KINDS: tuple[str, ...] = get_args(RequirementKind)
"""The kinds of work a safety rule can ask for (see ``Requirement``)."""
PHASES: tuple[str, ...] = ("activation", "strength", "power")
"""Phase kinds of the periodization skeleton: activate and control → build strength →
power and function. Dose rules and rung windows are keyed by these."""

TARGETS: tuple[str, ...] = ("gmax", "gmed", "hip_rotators", "trunk", "whole_leg", "adductors")
"""What an exercise mainly trains; pairs loaded work with activation of the same region."""

EVIDENCE_LEVELS: tuple[str, ...] = ("verified", "recalled", "weak", "convention")
"""How firmly a piece of content stands (the evidence tags): ``verified`` [V] seen in
the source; ``recalled`` [R] to be checked; ``weak`` ⚠ weak or conflicting evidence;
``convention`` practice or expert opinion with no trial behind it."""

CONTRAINDICATION_TAGS: tuple[str, ...] = (
    "deep_loaded_knee_flexion",
    "loaded_spinal_flexion",
    "high_spinal_load",
    "supine",
    "prone",
    "hip_flexion_past_90",
    "adduction_past_midline",
    "hip_internal_rotation",
    "hip_extension_with_external_rotation",
    "active_hip_abduction",
    "sustained_hip_adduction",
    "lateral_hip_compression",
    "impact",
    "breath_hold",
    "kneeling_on_knee",
    "static_stretch",
    "balance_challenge",
    "unsupported_balance",
    "single_leg_squat",
    "asymmetric_loading",
    "wide_stance",
    "loaded_twist",
    "flexion_rotation",
    "floor",
    "on_bed",
    "overhead",
    "stance_pivot",
    "adduction_under_load",
    "ballistic",
    "high_abdominal_pressure",
    "arms_crossed",
    "pelvic_gapping",
    "sustained_single_leg_stance",
    "single_leg_excursion",
    "single_leg_landing",
    "rotational_landing",
    "loaded_jump",
    "hip_extension",
    "single_leg_step",
    "fast_single_leg",
    "fast_chair_rise",
    "chair_rise",
    "multiplanar_lunge",
    "stepping_lunge",
    "single_leg_rotation",
    "plank_limb_lift",
    "end_range_spinal_flexion",
    "walking_balance",
    "copenhagen_adduction",
    "long_lever_adduction",
    "supported_version",
)
"""Tags that safety rules exclude by (or ask for). Plugins may use more; a rule may only
name tags that some exercise or this list knows.

``unsupported_balance``: standing balance work done without holding a support.
``single_leg_squat``: loading one bent leg with the whole body weight (single-leg squats,
pistols, single-leg deadlifts). ``asymmetric_loading``: one leg loaded more than the
other in a split or single-leg stance (split squats, lunges, step-ups).
``wide_stance``: legs wide apart under load (wide side-steps, lateral lunges, sumo).
``loaded_twist``: twisting the trunk under load. ``flexion_rotation``: rotating with
the trunk bent forward. ``floor``: derived from the position (see
:data:`FLOOR_POSITIONS`). ``on_bed``: done lying on a bed, not the floor.
``stance_pivot``: turning the pelvis over a planted standing leg. ``adduction_under_load``:
the standing hip loaded while it moves towards or past the midline (crossover step-ups,
curtsy lunges, skater squats). ``ballistic``: a swung or thrown load.
``high_abdominal_pressure``: full planks and side planks from the feet, the hardest
trunk holds. ``arms_crossed``: standing up from a chair, or squatting, with no hand
free (the arms crossed, or both holding a weight).
``pelvic_gapping``: one leg lifted or pushed out to the side, away from the other,
against a band, a weight or the whole leg's weight (side-lying leg raises, fire
hydrants, clamshells with the feet lifted or a band), which opens the pelvis unevenly;
a plain clamshell, feet together and the knee opening a little, is not.
``sustained_single_leg_stance``: a held stance on one leg with no hand gripping a
support (hands free, or leaning on a flat wall), the standing hip's outer tendons
carrying the body for the whole hold.
``single_leg_excursion``: the body moved a long way over one loaded leg without a
support, or held there (lunges, split squats and their holds, single-leg reaches and
deadlifts, single-leg squats done free-standing). ``single_leg_landing``:
landing a jump or hop on one leg, or in a split stance with the legs switched in the air
(split and scissor jumps: the front knee takes the landing, which cannot be held).
``rotational_landing``: landing while turning, the
highest rung of landing work. ``loaded_jump``: a jump holding a weight (dumbbell jump
squats): the landing takes the weight too, a rung above the same jump without it.
``hip_extension``: the hip driven back into extension against a load (bridges,
kickbacks, hip thrusts, four-point and prone hip extension, the back leg of split squats
and lunges, the free leg of single-leg deadlifts), where the leg can turn out as it goes.
``single_leg_step``: the body's weight carried up onto,
or off, a step on one leg (every step-up, at a rail too).
``fast_single_leg``: moving fast on one leg (fast step-ups, hops).
``fast_chair_rise``: standing up from a chair as fast as is safe, the power work of
older adults; a cue keeping the hands on the armrests guards it. ``chair_rise``:
standing up from a seat and sitting back down (every sit to stand); a cue naming a
raised seat guards it. ``multiplanar_lunge``: a lunge stepping out to the side or back
and across (lateral and curtsy lunges), the rungs after split squats and forward or
reverse lunges, loading the hip away from or across the midline. ``stepping_lunge``: a
lunge stepped into, the front foot landing or the back foot reaching back under the
body's weight (reverse lunges), the rung after a split squat held in place.
``single_leg_rotation``: the trunk and pelvis turned over one bent, loaded leg (a
rotational single-leg squat), the rung after a plain single-leg squat.
``plank_limb_lift``: a plank with a leg or arm lifted off the floor, the rung after
the plain plank it starts from. ``end_range_spinal_flexion``: the spine rounded to the end
of its range, unloaded (a knee hugged to the chest lying on the back, which curls the low
back off the floor); ``loaded_spinal_flexion`` is the same bending under a load.
``walking_balance``: balance work done walking (a tandem or sideways walk along a
counter), a rung after the stances it follows.
``copenhagen_adduction``: a side plank held up by the top leg pressing down on a bench
(the Copenhagen adduction), the rung after squeezes of a ball between the knees.
``long_lever_adduction``: that with the ankle on the bench rather than the knee, the
inner thigh's heaviest load.
``supported_version``: the first rung of a ladder made easy by a chair, a counter, a
wall or a bed, or the rise from a chair itself (bodyweight sit to stands, a mini squat
or abduction holding a counter or a chair back, heel and toe raises at a counter, a
bridge on a bed): the work of someone with a reason to be supported (a raised falls
risk, older age, a joint replacement, pregnancy, pain that limits loading, no getting
down to the floor); anyone else takes the next rung of the same ladder. Single-leg
work held at a counter or a rail is not tagged: the balance and outer-hip rules decide
who keeps its support."""

URGENCIES: tuple[str, ...] = ("emergency", "urgent", "soon")
