"""Citations, progression criteria and words shared by the built-in issue plugins.

Several plugins cite the same papers; each declares the same :class:`Source`
objects from here (the registry accepts identical duplicates), so a plugin can be
blocked without breaking another's references. Levels: ``verified`` seen in the
source; ``recalled`` recalled from the paper, to be checked before a number from it
is relied on; ``weak`` weak or conflicting evidence; ``convention`` practice or
expert opinion. A convention built from several sources says so in its own entry
rather than borrowing a paper's authority.
"""

from __future__ import annotations

from gluteus.engine.model import Cue, Source

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
    "Progression ladders of the gluteus catalogue: exercises ordered by published EMG and "
    "rising demand; a synthesis, no trial has validated these sequences.",
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
HOME_REST = S(
    "home_rest_convention",
    "Rest between sets of bodyweight or band holds and slow-lowering reps: 60 s, the top of "
    "the ACSM endurance range (30-60 s between sets of light loads; acsm_secondary), not the "
    "2 minutes of Rio 2015 (near-maximal contractions on a machine) or the 2-3 minutes of "
    "heavy slow resistance (Kongsgaard 2009), which follow heavy external loads. Hold times "
    "and sets follow Rio 2015; slow lowering and sets follow Kongsgaard 2009 and Visnes & "
    "Bahr 2007. A convention built from these sources; no trial compared rests for such "
    "work.",
    "convention",
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

# --- The person: older adults, bone, pregnancy, youth ---------------------------------

OTAGO = S(
    "otago",
    "Campbell AJ et al. Randomised controlled trial of a general practice programme of home "
    "based exercise to prevent falls in elderly women. BMJ 1997;315:1065-1069; Robertson MC et "
    "al. Preventing injuries in older people by preventing falls: a meta-analysis of "
    "individual-level data. J Am Geriatr Soc 2002;50(5):905-911. The Otago Exercise Programme: "
    "strength exercises with ankle cuff weights (among them the hip abductors) and balance "
    "exercises (among them knee bends, sideways walking, tandem stance and tandem walk, "
    "one-leg stand, sit-to-stand and stairs), each progressed from holding a support to no "
    "support; about 30 min three times a week. Recalled, to be checked.",
    "recalled",
)
CDC_STEADI = S(
    "cdc_steadi",
    "Centers for Disease Control and Prevention. STEADI (Stopping Elderly Accidents, Deaths "
    "and Injuries) falls-risk screening: a Timed Up and Go of 12 s or more, a tandem stance "
    "not held for 10 s, or a 30-second chair stand (arms crossed on the chest) below the norm "
    "for age suggest a raised risk of falling. Recalled, to be checked.",
    "recalled",
    url="https://www.cdc.gov/steadi/",
)
CHODZKO_ZAJKO2009 = S(
    "chodzko_zajko2009",
    "Chodzko-Zajko WJ et al. American College of Sports Medicine position stand: exercise and "
    "physical activity for older adults. Med Sci Sports Exerc 2009;41(7):1510-1530 (recalled: "
    "moderate effort, 5-6 on a 0-10 scale, progressing to 7-8; 1-3 sets of 8-12 repetitions; "
    "power work with a fast lifting phase and a controlled lowering at light to moderate "
    "loads). To be checked.",
    "recalled",
)
GIANGREGORIO2014 = S(
    "giangregorio2014",
    "Giangregorio LM et al. Too Fit To Fracture: exercise recommendations for individuals with "
    "osteoporosis or osteoporotic vertebral fracture. Osteoporos Int 2014;25(3):821-835 "
    "(recalled: progressive resistance training of the major muscle groups on at least 2 "
    "days a week, 1-3 sets of 8-12 repetitions; balance training, about 2 hours a week in "
    "total; avoid loaded spinal flexion, twisting under load and fast end-range flexion "
    "of the trunk with rotation; caution with high impact). To be checked.",
    "recalled",
)
"""Word for word the entry the ``safety`` plugin declares under the same key: the
registry accepts a source declared twice only when both entries are identical."""
LLOYD2014 = S(
    "lloyd2014",
    "Lloyd RS et al. Position statement on youth resistance training: the 2014 International "
    "Consensus. Br J Sports Med 2014;48(7):498-505 (recalled: safe and effective with "
    "qualified supervision and technique first; 2-3 non-consecutive days a week; moderate "
    "loads; plyometric work in low volume). To be checked.",
    "recalled",
)
VLEEMING2008 = S(
    "vleeming2008",
    "Vleeming A et al. European guidelines for the diagnosis and treatment of pelvic girdle "
    "pain. Eur Spine J 2008;17(6):794-819 (recalled: individualised exercise for pelvic girdle "
    "pain in pregnancy). To be checked; which movements to avoid is a convention "
    "(pgp_convention).",
    "recalled",
)
ACOG2020 = S(
    "acog2020",
    "American College of Obstetricians and Gynecologists. Physical activity and exercise during "
    "pregnancy and the postpartum period. Committee Opinion No. 804. Obstet Gynecol "
    "2020;135(4):e178-e188 (recalled: strength work encouraged at moderate effort; avoid "
    "activities with a risk of falling or of abdominal impact, and prolonged lying on the back "
    "after the first trimester). To be checked.",
    "recalled",
)
MOTTOLA2018 = S(
    "mottola2018",
    "Mottola MF et al. 2019 Canadian guideline for physical activity throughout pregnancy. "
    "Br J Sports Med 2018;52(21):1339-1346 (recalled: moderate intensity, judged by the talk "
    "test; resistance training included). To be checked.",
    "recalled",
)
FALLS_CONVENTION = S(
    "falls_convention",
    "Convention built from the Otago programme, CDC STEADI and ACSM guidance for older adults; "
    "no trial tests these rules as stated. With a risk of falling, balance and standing work "
    "starts next to a support the cue names (a kitchen counter, a sturdy chair back, a wall, a "
    "stair rail) and lets go of it only once the exercise is steady for its target time; "
    "step-ups are done beside a rail; sit-to-stand is a staple; no hops or jumps. Someone who "
    "cannot get down to the floor and up again safely trains standing, on a chair or on a bed.",
    "convention",
)
PGP_CONVENTION = S(
    "pgp_convention",
    "Convention after the European pelvic girdle pain guidelines (Vleeming 2008) and common "
    "antenatal physiotherapy advice (POGP's pelvic girdle pain leaflet for mothers-to-be and "
    "new mothers, recalled); expert opinion, no trial behind the specifics. With pelvic "
    "girdle pain, prefer symmetric, narrow-stance loading (feet hip-width, weight on both "
    "legs) and leave out split stances, single-leg loading, wide side-steps, deep lunges and "
    "lifting or pushing one leg out to the side against a load (positions that shear or gap "
    "the symphysis and sacroiliac joints); keep the knees together when getting into and out "
    "of a chair or bed.",
    "convention",
)

HOLMICH1999 = S(
    "holmich1999",
    "Hölmich P et al. Effectiveness of active physical training as treatment for long-standing "
    "adductor-related groin pain in athletes: randomised trial. Lancet 1999;353(9151):439-443 "
    "(recalled: progressive adductor strengthening, from isometric squeezes of a ball between "
    "the knees to loaded adduction, trained three times a week, beat passive physiotherapy "
    "for return to sport).",
    "recalled",
)
WEIR2015 = S(
    "weir2015",
    "Weir A et al. Doha agreement meeting on terminology and definitions in groin pain in "
    "athletes. Br J Sports Med 2015;49(12):768-774 (recalled: adductor-, iliopsoas-, inguinal- "
    "and pubic-related groin pain, and hip-related groin pain, which a clinical examination "
    "tells apart).",
    "recalled",
)
HAROY2019 = S(
    "haroy2019",
    "Harøy J et al. The Adductor Strengthening Programme prevents groin problems among male "
    "football players: a cluster-randomised controlled trial. Br J Sports Med "
    "2019;53(3):150-157 (recalled: the Copenhagen adduction exercise, short lever with the "
    "knee on the support, then long lever with the ankle on it, progressed over weeks; two "
    "to three sessions a week in the preseason, one a week in season).",
    "recalled",
)
GROIN_CONVENTION = S(
    "groin_pain_convention",
    "Convention after Hölmich 1999 and Harøy 2019 (recalled), with pain monitored as "
    "Silbernagel 2007 does: adductor-related groin pain is loaded in steps, squeeze holds "
    "first, then the short-lever Copenhagen adduction, then the long lever, each step only "
    "while pain stays at 3/10 or less during the exercise and has settled by the next "
    "morning. Reading groin pain of 4/10 or more (the amber zone of the traffic light) as "
    "too sore for the long lever, kicking-like swung loads and fast changes of direction is "
    "gluteus's convention; no trial tests these gates as stated.",
    "convention",
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
    HOME_REST,
    ZOURDOS2016,
    ROGERSON2024,
    SILBERNAGEL2007,
    GRIMALDI2015,
    MELLOR2018,
    TONLEY2010,
    WILLY2019,
    FERBER2015,
    OTAGO,
    CDC_STEADI,
    CHODZKO_ZAJKO2009,
    GIANGREGORIO2014,
    LLOYD2014,
    VLEEMING2008,
    ACOG2020,
    MOTTOLA2018,
    FALLS_CONVENTION,
    PGP_CONVENTION,
    HOLMICH1999,
    WEIR2015,
    HAROY2019,
    GROIN_CONVENTION,
)
"""Every shared source; each issue plugin declares all of them (identical duplicates)."""

# --- Progression criteria (pain monitoring after Silbernagel 2007; ACSM 2009) -----------

ADVANCE_REPS = (
    "Top of the rep range reached on every set with good form and 1-2 reps in reserve; "
    "pain green (0-3/10) with a normal 24-hour response."
)
ADVANCE_HOLD = (
    "Target hold reached on every set with good form and normal breathing; "
    "pain green (0-3/10) with a normal 24-hour response."
)
ADVANCE_SUPPORT = (
    "Steady for the target time (or every rep) on every set with no more than a fingertip "
    "on the support, good form and pain green (0-3/10) with a normal 24-hour response: next "
    "time, do it without holding on, the support still within reach."
)
"""When to let go of a support (Otago: from holding a support to none)."""
REGRESS = (
    "Red pain (>5/10, or not settled by the next morning), failed form (knee inside the foot, "
    "pelvic drop or shift, trunk lean) or 0 reps in reserve before the target: go back a rung; "
    "also go back when this rung's equipment is missing."
)

# Cues that keep hip extension from turning the leg out: after an anterior hip
# replacement, extension with external rotation is the movement to avoid (the
# precautions' own words), so a rule keeps these exercises only with one of them shown.
TOES_DOWN = Cue(
    "Toes pointing straight down: the thigh does not rotate outwards", guards=("hip_extension",)
)
KNEES_AHEAD = Cue(
    "Knees and toes pointing straight ahead, hip-width apart: the knees do not fall out",
    guards=("hip_extension",),
)
STANDING_FOOT_AHEAD = Cue(
    "Standing foot and knee pointing straight ahead", guards=("hip_extension",)
)
# In a split stance the back hip is extended under part of the body's weight, and the
# back foot and knee often turn out; in a single-leg deadlift the free leg is extended
# behind, and the pelvis opening up is the same extension with the leg turning out.
BACK_LEG_AHEAD = Cue(
    "Back knee and toes point straight ahead: the back leg does not turn out",
    guards=("hip_extension",),
)
FREE_LEG_TOES_DOWN = Cue(
    "Free leg's toes point to the floor: its hip does not turn out", guards=("hip_extension",)
)


HINGE_DRILL_FIRST_NOTE = (
    "Learn the hip hinge with the hinge drill in your program (the back long and still, "
    "the hips moving back) before any other hinge and before any weight is added to one: "
    "the other hinges come only once the drill has been practised."
)
"""The note of every rule that has the hinge learnt with a drill first (a back doing the
glutes' work, osteoporosis): one wording, so a person both rules apply to reads it once,
and no drill named that their other rules may leave out (a free-standing drill for
someone who hinges at a wall)."""
