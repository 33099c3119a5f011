"""Safety rules that no single issue owns: precautions (pregnancy, osteoporosis,
joint replacements, hypertension) and pain levels. Data only; the engine
(:mod:`gluteus.engine.safety`) applies them, the most restrictive winning.
"""

from __future__ import annotations

from gluteus.engine.model import Cap, SafetyRule, Source, Trigger
from gluteus.plugins import _sources as src

PREGNANCY = Source(
    "pregnancy_guidance",
    "Exercise-in-pregnancy guidance summaries: no supine exercise after the first trimester "
    "(ACOG Committee Opinion 804 says avoid prolonged supine positions [R]); stop signs: "
    "bleeding, leaking fluid, contractions, dizziness, chest pain, calf swelling, reduced "
    "fetal movement.",
    "verified",
)
OSTEOPOROSIS = Source(
    "giangregorio2014",
    "Giangregorio LM et al. Too Fit To Fracture: exercise recommendations for individuals with "
    "osteoporosis or osteoporotic vertebral fracture. Osteoporos Int 2014;25(3):821-835 "
    "(avoid loaded spinal flexion; caution with high impact).",
    "recalled",
)
HIP_REPLACEMENT = Source(
    "hip_replacement_precautions",
    "Hip replacement precautions: posterior approach flexion <=90 deg, no adduction past "
    "midline, no internal rotation; anterior approach no extension with external rotation. "
    "The surgeon's rules override. Dislocation ~2.2% with vs 2.0% without precautions.",
    "verified",
)
KNEE_REPLACEMENT = Source(
    "knee_replacement_convention",
    "Common post-operative advice after knee replacement: avoid kneeling on the operated knee "
    "and high-impact activity. Practice convention; no source gathered in EVIDENCE.md.",
    "convention",
)
HYPERTENSION = Source(
    "hypertension_valsalva",
    "ACSM guidance for resistance training with hypertension: avoid the Valsalva manoeuvre "
    "(breath-held straining). Recalled, to be checked; the 30 s hold cap is a convention.",
    "recalled",
)

SOURCES: tuple[Source, ...] = (
    *src.ALL,
    PREGNANCY,
    OSTEOPOROSIS,
    HIP_REPLACEMENT,
    KNEE_REPLACEMENT,
    HYPERTENSION,
)

PREGNANCY_STOP_SIGNS: tuple[str, ...] = (
    "vaginal bleeding",
    "fluid leaking from the vagina",
    "regular painful contractions",
    "dizziness or feeling faint",
    "chest pain",
    "calf pain or swelling",
    "reduced fetal movement",
)

SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="pregnancy_no_supine_prone",
        description="From the second trimester: no exercise lying on the back or front.",
        source="pregnancy_guidance",
        evidence="verified",
        when=Trigger(precautions=("pregnancy",), min_trimester=2),
        exclude_tags=("supine", "prone"),
        exclude_positions=("supine", "prone"),
        stop_signs=PREGNANCY_STOP_SIGNS,
        notes=("Stop and contact your midwife or doctor if any stop sign appears.",),
    ),
    SafetyRule(
        # Stop signs apply from the start of pregnancy; no source gathered says to drop
        # impact or breath-held work in trimester 1, so this rule excludes nothing.
        id="pregnancy_stop_signs",
        description="In pregnancy, stop for any warning sign and seek care.",
        source="pregnancy_guidance",
        evidence="verified",
        when=Trigger(precautions=("pregnancy",)),
        stop_signs=PREGNANCY_STOP_SIGNS,
    ),
    SafetyRule(
        id="osteoporosis",
        description="With osteoporosis: no loaded spinal flexion and no high-impact work.",
        source="giangregorio2014",
        evidence="recalled",
        when=Trigger(precautions=("osteoporosis",)),
        exclude_tags=("loaded_spinal_flexion", "impact"),
    ),
    SafetyRule(
        id="hip_replacement_posterior",
        description="Posterior hip replacement: hip flexion no more than 90 deg, no crossing the midline, no turning the hip in.",
        source="hip_replacement_precautions",
        evidence="verified",
        when=Trigger(precautions=("hip_replacement_posterior",)),
        exclude_tags=("hip_flexion_past_90", "adduction_past_midline", "hip_internal_rotation"),
        notes=("Your surgeon's precautions override these.",),
    ),
    SafetyRule(
        id="hip_replacement_anterior",
        description="Anterior hip replacement: no hip extension combined with turning the leg out.",
        source="hip_replacement_precautions",
        evidence="verified",
        when=Trigger(precautions=("hip_replacement_anterior",)),
        exclude_tags=("hip_extension_with_external_rotation",),
        notes=("Your surgeon's precautions override these.",),
    ),
    SafetyRule(
        id="knee_replacement",
        description="Knee replacement: no kneeling on the knee and no impact (practice convention).",
        source="knee_replacement_convention",
        evidence="convention",
        when=Trigger(precautions=("knee_replacement",)),
        exclude_tags=("kneeling_on_knee", "impact"),
        notes=("Your surgeon's precautions override these.",),
    ),
    SafetyRule(
        # Cap of 30 s: a convention (no source gives a number); it keeps holds short
        # enough to breathe through and below the 45 s tendinopathy holds.
        id="hypertension",
        description="High blood pressure: no breath-held straining; isometric holds capped at 30 s, breathing throughout.",
        source="hypertension_valsalva",
        evidence="recalled",
        when=Trigger(precautions=("hypertension",)),
        exclude_tags=("breath_hold",),
        cap=Cap(max_hold_s=30, max_rpe=8),
        notes=(
            "Breathe out on the effort and never hold your breath; the 30 s hold cap and the "
            "RPE 8 ceiling are conventions.",
        ),
    ),
    SafetyRule(
        id="knee_pain_high",
        description="Knee pain 5/10 or more: no deep loaded knee bending.",
        source="willy2019",
        evidence="weak",
        when=Trigger(pain=(("knee", 5),)),
        exclude_tags=("deep_loaded_knee_flexion",),
        # RPE 7 (about 3 reps in reserve) while pain is high: a convention, no source.
        cap=Cap(max_rpe=7),
        notes=(
            "Pain during exercise: 0-3/10 is fine, 4-5 acceptable, over 5 too much (Silbernagel 2007).",
        ),
    ),
    SafetyRule(
        # ⚠ "No loaded flexion" is expert opinion; guidelines back staying active.
        id="low_back_pain_high",
        description="Low-back pain 5/10 or more: no loaded spinal flexion or high spinal load (expert opinion).",
        source="silbernagel2007",
        evidence="weak",
        when=Trigger(pain=(("low_back", 5),)),
        exclude_tags=("loaded_spinal_flexion", "high_spinal_load"),
        # RPE 7 (about 3 reps in reserve) while pain is high: a convention, no source.
        cap=Cap(max_rpe=7),
        notes=("Stay active; let symptoms guide you: pain 0-3/10 during exercise is fine.",),
    ),
    SafetyRule(
        # Trigger at 4: the amber zone of the pain-monitoring model, and Lequesne's
        # single-leg-stance test counts >=2/10 lateral hip pain as positive; 4 keeps
        # mild aches from removing most glute med work.
        id="gluteal_tendinopathy_pain",
        description="Outer hip or buttock pain 4/10 or more: no sustained adduction or side-lying compression positions.",
        source="grimaldi_fearon2015",
        evidence="verified",
        when=Trigger(pain=(("hip", 4), ("buttock", 4))),
        exclude_tags=("sustained_hip_adduction", "lateral_hip_compression"),
        notes=("Avoid crossing your legs, hanging on one hip and lying on the painful side.",),
    ),
)
