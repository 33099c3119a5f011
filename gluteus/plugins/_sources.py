"""Citations and progression criteria shared by the built-in issue plugins.

Several plugins cite the same papers; each declares the same :class:`Source`
objects from here (the registry accepts identical duplicates), so a plugin can be
blocked without breaking another's references. Levels follow the tags of
``EVIDENCE.md``: [V] ``verified``, [R] ``recalled``, ⚠ ``weak``, practice or expert
opinion ``convention``.
"""

from __future__ import annotations

from gluteus.engine.model import Source

S = Source

BOREN2011 = S(
    "boren2011",
    "Boren K et al. Electromyographic analysis of gluteus medius and gluteus maximus during "
    "rehabilitation exercises. Int J Sports Phys Ther 2011;6(3):206-223 (peak activity).",
    "verified",
)
EKSTROM2007 = S(
    "ekstrom2007",
    "Ekstrom RA et al. Electromyographic analysis of core trunk, hip, and thigh muscles during "
    "9 rehabilitation exercises. J Orthop Sports Phys Ther 2007;37(12):754-762.",
    "recalled",
)
DISTEFANO2009 = S(
    "distefano2009",
    "Distefano LJ et al. Gluteal muscle activation during common therapeutic exercises. "
    "J Orthop Sports Phys Ther 2009;39(7):532-540.",
    "verified",
)
SELKOWITZ2013 = S(
    "selkowitz2013",
    "Selkowitz DM et al. Which exercises target the gluteal muscles while minimizing activation "
    "of the tensor fascia lata? J Orthop Sports Phys Ther 2013;43(2):54-64.",
    "verified",
)
KANG2016 = S(
    "kang2016",
    "Kang SY et al. Effects of hip abduction on the gluteus maximus during bridging. "
    "Man Ther 2016 (30 deg hip abduction raises Gmax, lowers erector spinae).",
    "verified",
)
MACADAM_FESER2019 = S(
    "macadam_feser2019",
    "Macadam P, Feser EH. Examination of gluteus maximus electromyographic excitation "
    "associated with dynamic hip extension during body weight exercise: a systematic review. "
    "Int J Sports Phys Ther 2019;14(1):14-31.",
    "verified",
)
NETO2020 = S(
    "neto2020",
    "Neto WK et al. Gluteus maximus activation during common strength and hypertrophy "
    "exercises: a systematic review. J Sports Sci Med 2020;19(1):195-203.",
    "verified",
)
CONTRERAS2015 = S(
    "contreras2015",
    "Contreras B et al. A comparison of gluteus maximus, biceps femoris, and vastus lateralis "
    "EMG activity in the back squat and barbell hip thrust. J Appl Biomech 2015;31(6):452-458.",
    "verified",
)
MACASKILL2014 = S(
    "macaskill2014",
    "MacAskill MJ et al. Gluteal muscle activation during rehabilitation exercises in female "
    "subjects. Int J Sports Phys Ther 2014;9(7):907-914 (10RM loads).",
    "verified",
)
MACADAM2015 = S(
    "macadam2015",
    "Macadam P et al. An examination of the gluteal muscle activity associated with dynamic "
    "hip abduction and hip external rotation exercise: a systematic review. "
    "Int J Sports Phys Ther 2015;10(5):573-591.",
    "verified",
)
LEWIS2018 = S(
    "lewis2018",
    "Lewis CL et al. Hip-muscle activity in men and women during resisted side stepping with "
    "different band positions. J Athl Train 2018;53(11):1071-1081 (band at feet > ankles > knees).",
    "verified",
)
ARC_RUNNING = S(
    "arc_running_side_plank",
    "Side-plank entry by hold time (<10 s knee side plank; 10-20 s knee side plank with top leg "
    "raised; 20-30 s full side plank; 3 x 30 s per level). Practice source, arc-running.com.",
    "convention",
)
LADDER_SYNTHESIS = S(
    "ladder_synthesis",
    "gluteus EVIDENCE.md section 1 'Progression ladders': ordered by published EMG and rising "
    "demand; a synthesis, no trial has validated these sequences.",
    "weak",
)
PRACTICE = S(
    "practice_convention",
    "Common rehabilitation and coaching practice with no trial or EMG data gathered for it "
    "(expert opinion). Used for exercises and numbers chosen by convention.",
    "convention",
)
RTR_GATE = S(
    "ijspt2022_return_to_run",
    "Return-to-run criteria (plank 45 s, side plank 45 s, bird dog 30 s, 30 side-lying "
    "abductions, 30 bent-knee prone extensions, 10 lateral step-downs, 10 single-leg squats). "
    "Int J Sports Phys Ther 2022;17(6):1002 (PMC9528724).",
    "verified",
)
SPRINGER2007 = S(
    "springer2007",
    "Springer BA et al. Normative values for the unipedal stance test with eyes open and "
    "closed. J Geriatr Phys Ther 2007;30(1):8-15.",
    "verified",
)
ACSM2009 = S(
    "acsm2009",
    "American College of Sports Medicine. Progression models in resistance training for "
    "healthy adults. Med Sci Sports Exerc 2009;41(3):687-708.",
    "verified",
)
ACSM_SECONDARY = S(
    "acsm_secondary",
    "ACSM resistance-training guidance as summarised on a secondary page: endurance <70% 1RM, "
    "2-4 x 10-25 reps, 30-60 s rest; power in older adults 40-60% 1RM, 6-10 fast reps.",
    "verified",
)
ACTIVATION_CONVENTION = S(
    "activation_convention",
    "Activation and motor-control dosing (10 x 10 s holds or 2-3 x 10-15 reps): rehabilitation "
    "convention only, no trial behind the numbers.",
    "convention",
)
RIO2015 = S(
    "rio2015",
    "Rio E et al. Isometric exercise induces analgesia and reduces inhibition in patellar "
    "tendinopathy. Br J Sports Med 2015;49(19):1277-1283 (5 x 45 s at ~70% MVIC, 2 min rest; "
    "n=6). Counter-evidence: no isometric-vs-isotonic difference in van Ark 2016 (n=29) and "
    "Holden 2020 (n=21).",
    "weak",
)
KONGSGAARD2009 = S(
    "kongsgaard2009",
    "Kongsgaard M et al. Heavy slow resistance training for patellar tendinopathy. Scand J Med "
    "Sci Sports 2009 (3 x/wk, 4 sets, 15RM to 6RM over 12 weeks, 2-3 min rest, reps >6 s).",
    "verified",
)
VISNES_BAHR2007 = S(
    "visnes_bahr2007",
    "Visnes H, Bahr R. The evolution of eccentric training as treatment for patellar "
    "tendinopathy. Br J Sports Med 2007;41(4):217-223 (home-based, twice daily, 12 weeks; "
    "protocols vary).",
    "verified",
)
ZOURDOS2016 = S(
    "zourdos2016",
    "Zourdos MC et al. Novel resistance training-specific RPE scale measuring repetitions in "
    "reserve. J Strength Cond Res 2016;30(1):267-275.",
    "verified",
)
ROGERSON2024 = S(
    "rogerson2024",
    "Rogerson D et al. Deloading practices in strength and physique sports: a survey (n=246). "
    "Sports Med Open 2024 (deloads 6.4 days every 5.6 weeks; fewer sets and reps, more RIR). "
    "Coaches: Bell 2022 Front Sports Act Living. The 40-60% volume cut is from taper research "
    "(Bosquet 2007), not deload trials.",
    "weak",
)
SILBERNAGEL2007 = S(
    "silbernagel2007",
    "Silbernagel KG et al. Continued sports activity, using a pain-monitoring model, during "
    "rehabilitation in patients with Achilles tendinopathy. Am J Sports Med 2007;35(6):897-906 "
    "(0-3 safe, 4-5 acceptable, >5 too much; settled by next morning).",
    "verified",
)
GRIMALDI2015 = S(
    "grimaldi_fearon2015",
    "Grimaldi A, Fearon A. Gluteal tendinopathy: integrating pathomechanics and clinical "
    "features in its management. J Orthop Sports Phys Ther 2015;45(11):910-922.",
    "verified",
)
MELLOR2018 = S(
    "mellor2018",
    "Mellor R et al. Education plus exercise versus corticosteroid injection use versus a wait "
    "and see approach on global outcome and pain from gluteal tendinopathy (LEAP). "
    "BMJ 2018;361:k1662.",
    "verified",
)
TONLEY2010 = S(
    "tonley2010",
    "Tonley JC et al. Treatment of an individual with piriformis syndrome focusing on hip muscle "
    "strengthening and movement reeducation: a case report. J Orthop Sports Phys Ther "
    "2010;40(2):103-111.",
    "weak",
)
WILLY2019 = S(
    "willy2019",
    "Willy RW et al. Patellofemoral pain clinical practice guideline. J Orthop Sports Phys Ther "
    "2019;49(9):CPG1-CPG95 (limit deep loaded knee flexion early; exact ranges recalled).",
    "verified",
)
FERBER2015 = S(
    "ferber2015",
    "Ferber R et al. Strengthening of the hip and core versus knee muscles for the treatment of "
    "patellofemoral pain. J Athl Train 2015;50(4):366-377 (6 weeks, n=199).",
    "verified",
)

ALL: tuple[Source, ...] = (
    BOREN2011,
    EKSTROM2007,
    DISTEFANO2009,
    SELKOWITZ2013,
    KANG2016,
    MACADAM_FESER2019,
    NETO2020,
    CONTRERAS2015,
    MACASKILL2014,
    MACADAM2015,
    LEWIS2018,
    ARC_RUNNING,
    LADDER_SYNTHESIS,
    PRACTICE,
    RTR_GATE,
    SPRINGER2007,
    ACSM2009,
    ACSM_SECONDARY,
    ACTIVATION_CONVENTION,
    RIO2015,
    KONGSGAARD2009,
    VISNES_BAHR2007,
    ZOURDOS2016,
    ROGERSON2024,
    SILBERNAGEL2007,
    GRIMALDI2015,
    MELLOR2018,
    TONLEY2010,
    WILLY2019,
    FERBER2015,
)
"""Every shared source; each issue plugin declares all of them (identical duplicates)."""

# --- Progression criteria (EVIDENCE.md §4, pain monitoring after Silbernagel 2007) ----

ADVANCE_REPS = (
    "Top of the rep range reached on every set with good form and 1-2 reps in reserve; "
    "pain green (0-3/10) with a normal 24-hour response."
)
ADVANCE_HOLD = (
    "Target hold reached on every set with good form and normal breathing; "
    "pain green (0-3/10) with a normal 24-hour response."
)
REGRESS = (
    "Red pain (>5/10, or not settled by the next morning), failed form (knee inside the foot, "
    "pelvic drop or shift, trunk lean) or 0 reps in reserve before the target: go back a rung; "
    "also go back when this rung's equipment is missing."
)
