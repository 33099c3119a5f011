"""Safety rules that no single issue owns: precautions (pregnancy, osteoporosis,
joint replacements, hypertension) and pain levels. Data only; the engine
(:mod:`gluteus.engine.safety`) applies them, the most restrictive winning.
"""

from __future__ import annotations

from gluteus.engine.demands import HIP_LIFT_FAMILIES, LEG_LIFT_FAMILIES
from gluteus.engine.dosing import SHORTEST_HOLD_S, TESTED_HOLD_SHARE
from gluteus.engine.model import (
    AllOf,
    AnyOf,
    Cap,
    Fact,
    Limit,
    Not,
    Requirement,
    SafetyRule,
    Source,
    Trigger,
)
from gluteus.plugins import _sources as src

from . import person

PREGNANCY = Source(
    "pregnancy_guidance",
    "Exercise-in-pregnancy guidance summaries: no supine exercise after the first trimester "
    "(ACOG Committee Opinion 804 says avoid prolonged supine positions [R]); stop signs: "
    "bleeding, leaking fluid, contractions, dizziness, chest pain, calf swelling, reduced "
    "fetal movement, and (ACOG Committee Opinion 804's warning signs) breathlessness before "
    "exertion, headache and muscle weakness affecting balance.",
    "verified",
)
HIP_REPLACEMENT = Source(
    "hip_replacement_precautions",
    "Hip replacement precautions: posterior approach flexion <=90 deg, no adduction past "
    "midline, no internal rotation; anterior approach no extension with external rotation. "
    "The surgeon's rules override. Dislocation ~2.2% with vs 2.0% without precautions.",
    "verified",
)
GROIN_AFTER_HIP_REPLACEMENT = Source(
    "henderson_lachiewicz2012",
    "Henderson RA, Lachiewicz PF. Groin pain after replacement of the hip: aetiology, "
    "evaluation and treatment. J Bone Joint Surg Br 2012;94-B(2):145-151 (recalled: groin "
    "pain 3 months or more after a hip replacement has causes in the joint, such as "
    "infection, aseptic loosening and the iliopsoas tendon catching on the cup, and "
    "causes outside it, such as the spine or a hernia, and is worked up by the surgeon "
    "with an examination, x-rays and blood tests). When to have it seen is gluteus's "
    "convention, after the NHS hip pathway's septic signs.",
    "recalled",
)
KNEE_REPLACEMENT = Source(
    "knee_replacement_convention",
    "Common post-operative advice after knee replacement: avoid kneeling on the operated knee "
    "and high-impact activity. Practice convention; no trial behind it.",
    "convention",
)
HYPERTENSION = Source(
    "hypertension_valsalva",
    "ACSM guidance for resistance training with hypertension: avoid the Valsalva manoeuvre "
    "(breath-held straining), breathe out on effort, moderate effort (Pescatello 2015). "
    "Isometric holds lower resting pressure with steady breathing (Edwards 2023 network "
    "meta-analysis). Recalled, to be checked.",
    "recalled",
)

CHAIR_STAND_NORMS = Source(
    "rikli_jones2013",
    "Rikli RE, Jones CJ. Development and validation of criterion-referenced clinically "
    "relevant fitness standards for maintaining physical independence in later years. "
    "Gerontologist 2013;53(2):255-267 (recalled: fewer than 8 unassisted 30-second chair "
    "stands marks weak legs at any older age; the test is done arms crossed).",
    "recalled",
)
VTE_GUIDANCE = Source(
    "nice_ng89",
    "NICE NG89 (2018): venous thromboembolism in over 16s, including after hip and knee "
    "replacement (recalled: calf pain or swelling, sudden breathlessness or chest pain need "
    "urgent assessment).",
    "recalled",
)
TENDINOPATHY_STAGES = Source(
    "tendinopathy_staging_convention",
    "Convention after LEAP (Mellor 2018) and Grimaldi & Fearon 2015: gluteal tendinopathy is "
    "loaded in stages, isometric and two-leg work first, then single-leg work, then fast, "
    "energy-storing work last, with the outer hip kept out of compression throughout. The "
    "gates and which exercises each stage holds are gluteus's conventions; no trial tests "
    "them as stated: outer hip pain of 2/10 or more that comes with workouts, with lying on "
    "that side or with a Trendelenburg sign (or any of 4/10 or more) is read as the tendon "
    "picture (no compression, no fast work yet, single-leg loading only after a block of "
    "holds and two-leg work, and the same hard exercise on days apart, heavy tendon loading "
    "wanting 48-72 hours between sessions, as heavy slow resistance runs 3 times a week, "
    "Kongsgaard 2009); 4/10 or more, or from 2/10 with a "
    "Trendelenburg sign, holds the first stage (no hands-free single-leg holds, step-ups "
    "or step-downs, lunges or single-leg reaches: single-leg loading is done with a hand "
    "on a rail or the back on a wall). After a hip replacement, hip pain is read as the operated hip, "
    "not the tendon picture; a pelvis that drops still holds the first stage.",
    "convention",
)
REPLACEMENT_LOADS = Source(
    "replacement_loads_convention",
    "Convention: after a hip or knee replacement, strength work at home progresses with "
    "loads of about 8 repetitions maximum or lighter (8-12RM), as progressive resistance "
    "after knee replacement is usually built up (Bade & Stevens-Lapsley 2011, recalled); "
    "near-maximal loads on the new joint are for supervised settings. No trial sets this "
    "limit as stated.",
    "convention",
)
KNEE_REPLACEMENT_STRENGTH = Source(
    "bade2011",
    "Bade MJ, Stevens-Lapsley JE. Early high-intensity rehabilitation following total knee "
    "arthroplasty improves outcomes. J Orthop Sports Phys Ther 2011;41(12):932-941; Artz N "
    "et al. Effectiveness of physiotherapy exercise following total knee replacement: "
    "systematic review and meta-analysis. BMC Musculoskelet Disord 2015;16:15 (both "
    "recalled: quadriceps weakness lasts for years after a knee replacement, and "
    "progressive resistance training of the knee is what restores strength and function). "
    "Which lifts and how many a week are gluteus's conventions.",
    "recalled",
)
KNEE_REPLACEMENT_ECCENTRIC = Source(
    "lastayo2009",
    "LaStayo PC et al. Reversing muscle and mobility deficits 1 to 4 years after TKA: a "
    "pilot study. Clin Orthop Relat Res 2009;467(6):1493-1500 (recalled: eccentric "
    "resistance training built quadriceps strength and stair descent after a knee "
    "replacement). The step-downs, the low step and rail first and the weaker leg first "
    "are gluteus's conventions.",
    "recalled",
)

# Outer hip pain with what makes it the tendon picture: a person state (person.py),
# as the signs that tell are not all this plugin's own.
OUTER_HIP_TENDON = Fact("state.outer_hip", "==", "tendon_picture")
# The first stage: outer hip pain in the amber zone, or a pelvis that drops on one leg.
# Not only the tendon picture: after a hip replacement the drop holds the stage too.
OUTER_HIP_FIRST_STAGE = AnyOf(
    (
        Fact("pain.hip", ">=", person.OUTER_HIP_ALONE),
        AllOf((Fact("pain.hip", ">=", person.OUTER_HIP_FROM), Fact("test.trendelenburg.worse"))),
    )
)
# Knees seen or felt to cave in: the sign, or the single-leg squat test. The sign is the
# knees plugin's: with that plugin blocked, the test alone still holds these rules.
KNEE_VALGUS = AnyOf(
    (
        Fact("test.single_leg_squat_knee_valgus.worse"),
        Fact("sign.knees_cave_in", optional=True),
    )
)
# Hip hinges (bilateral and single-leg, slow and swung), the hip thrust and a loaded
# bridge, which load the same glutes and hamstrings as hard: the families whose heavy sets need 48 hours
# between them (heavy_hinges_apart; a heavy deadlift on Monday and a heavy hip thrust on
# Tuesday were the same muscles without their rest).
HIP_EXTENSION_FAMILIES = ("deadlift", "single_leg_rdl", "kettlebell_swing", "hip_thrust", "bridge")
# Squats, lunges and steps, two legs and one: the knee-dominant families a heavy one of
# counts towards the thighs' and glutes' recovery (heavy_squats_apart). The sit to stand
# stays out: it is the older adult's everyday task, trained on the days there are.
# The knee lifts the knee replacement rules ask for with a weight (two legs, one leg).
KNEE_TWO_LEG_LIFTS = ("squat", "sit_to_stand")
KNEE_ONE_LEG_LIFTS = ("split_squat", "step_up")
SQUAT_FAMILIES = (
    "squat",
    "split_squat",
    "single_leg_squat",
    "step_up",
    "step_down",
    "lateral_lunge",
    "curtsy_lunge",
)
# Equipment that makes a lift heavier (a weight held or on the back).
WEIGHTS = ("dumbbell", "kettlebell", "barbell", "cable")
# Two-leg and hold work: the block before single-leg loading holds some of it.
TENDON_FIRST_WORK = ("standing_abduction_hold", "bridge", "hip_thrust", "squat", "sit_to_stand")
NEW_HIP_AT_HOME = Source(
    "new_hip_home_convention",
    "Convention: the advice commonly given after a hip replacement, whatever the approach "
    "(patient information from orthopaedic units, recalled): do not twist or pivot on the "
    "operated leg and do not cross it over the other; fast single-leg work returns in "
    "supervised rehabilitation. Only the surgeon lifts the precautions, so a home program "
    "that cannot know keeps these for all its weeks, unless the profile says the surgeon "
    "has lifted them (hip_precautions_lifted); jumps, hops and fast single-leg work stay "
    "out after that too. No trial sets them as stated.",
    "convention",
)
PRECAUTIONS_LIFTED = Source(
    "barnsley2015",
    "Barnsley L et al. 2015 and Smith TO et al. 2012, systematic reviews of hip "
    "precautions after a hip replacement (both recalled, to be checked: dislocation was "
    "about as rare with as without routine movement precautions, and the precautions "
    "limit daily life; surgeons commonly lift the posterior ones 6-12 weeks after the "
    "operation). Once the profile says the surgeon has lifted them "
    "(hip_precautions_lifted), the movement precautions (how far the hip bends, crosses "
    "and turns, no twisting or pivoting on the operated leg, the raised seat) no longer "
    "hold; the stages by the weeks since the operation, the load cap and no jumps, hops "
    "or fast single-leg work on the new hip still do (gluteus's convention).",
    "recalled",
)
OUTER_HIP_AFTER_REPLACEMENT = Source(
    "outer_hip_standing_first_convention",
    "Convention after Grimaldi & Fearon 2015 (recalled: lying on the painful side, and "
    "side-lying abduction with the hip at or past the midline, load the outer hip "
    "tendons in compression; isometric and standing abduction come first) and Mellor "
    "2018 (LEAP: isometric abduction, then functional standing work): after a hip "
    "replacement from the back or the front (a lateral approach's repaired abductors "
    "have steps of their own), with outer hip pain of 2/10 or more, the side of the hip "
    "is trained "
    "standing (isometric holds or standing leg lifts) in every session, and work lying "
    "on the side only in a block after one with that standing work, one such exercise "
    "a session. No trial tests this as stated.",
    "convention",
)
HIP_REPLACEMENT_STRENGTH = Source(
    "mikkelsen2014",
    "Mikkelsen LR et al. 2014 (progressive resistance training after a total hip "
    "replacement, started early, was safe and well tolerated) and Husby VS et al. 2009 "
    "(maximal strength training after a total hip replacement restored more strength "
    "than usual care); both recalled, to be checked: the hip extensor and abductor "
    "weakness after a hip replacement lasts a year or two, and loads that get heavier "
    "over the weeks are what rebuild it. A hip lift and a leg lift with a weight each "
    "strength week from 6 weeks after the operation, the middle stage with its bridges, "
    "sit to stands and step-ups (joint_replacement_stages), are gluteus's conventions.",
    "recalled",
)
RAISED_SEAT = Source(
    "raised_seat_convention",
    "Convention: while a new hip may not bend past 90 degrees (posterior and lateral "
    "approaches), and in the first 12 weeks after a hip or knee replacement, standing up is "
    "practised from a firm, raised seat with the hips above the knees, pushing on the "
    "armrests (after a hip replacement, the operated leg slid a little forward), as "
    "commonly taught after joint replacement. The approach precautions usually last 6 weeks, some surgeons keep them "
    "12, and only the surgeon lifts them: a program that cannot know keeps them, and the "
    "raised seat, for all its weeks; without them (an anterior approach, a knee) the seat "
    "is kept for the first 12 weeks. No trial sets these as stated.",
    "convention",
)
LATERAL_ABDUCTORS = Source(
    "lateral_abductor_convention",
    "Convention: a lateral (transgluteal) approach detaches and repairs part of the hip "
    "abductors, so no active abduction is the lateral precaution (hip replacement "
    "precautions); the approach precautions usually last 6 weeks, some surgeons keep them "
    "12, and late rehabilitation (over 12 weeks) is functional and single-leg work "
    "(joint_replacement_stages). gluteus holds the abduction precaution to 12 weeks, the "
    "careful end, and then rebuilds the abductors in steps a block apart: standing "
    "isometric abduction first (isometric holds open tendon loading, Rio 2015; Mellor "
    "2018), then standing abduction holding a support (the Otago hip abductor exercise, "
    "Campbell 1997). The surgeon's rules override. No trial sets these as stated.",
    "convention",
)
REPLACEMENT_ABDUCTORS = Source(
    "replacement_abductors_convention",
    "Judd DL et al. 2014 and Mikkelsen LR et al. 2014 (both recalled, to be checked: hip "
    "abductor weakness is the main lasting deficit after a total hip replacement, whatever "
    "the approach, and goes with the limp and the pelvis dropping on the operated leg; "
    "progressive strengthening rebuilds it); Otago trains the hip abductors standing at a "
    "support, with an ankle cuff weight, in each of its three sessions a week (Campbell "
    "1997). After a hip replacement from the back or the front, from 6 weeks after the "
    "operation (the middle stage's strength work, joint_replacement_stages), with a "
    "positive Trendelenburg sign: standing abduction each week and from the strength "
    "phase in every session, as after a lateral approach. Who it holds for and how often "
    "are gluteus's conventions.",
    "convention",
)
LANDING_LADDER = Source(
    "landing_convention",
    "Convention after Lloyd 2014 and the FIFA 11+ warm-up (Soligard T et al. BMJ "
    "2008;337:a2469, recalled): landing work runs from two-leg jumps landing softly and "
    "holding the landing with the knees over the toes, to single-leg forward hops, then "
    "sideways, then turning hops, each only once the knee stays in line on landing. Leaving "
    "single-leg hops out while a knee caves in on the single-leg squat is gluteus's "
    "convention; no trial tests it as stated.",
    "convention",
)
YOUTH_LANDING = Source(
    "youth_landing_convention",
    "Convention after Webster & Hewett 2018 (a meta-analysis of meta-analyses of training "
    "programmes to prevent anterior cruciate ligament injury, J Orthop Res 36:2696; "
    "recalled, to be checked: programmes with landing and plyometric work cut these "
    "injuries in young athletes) and the FIFA 11+ warm-up (Soligard 2008, recalled), which "
    "trains landing from the first session: a young athlete whose knees cave in learns the "
    "landing position (a snap-down held on two feet) from the first weeks, before the "
    "jumps of the power weeks. The first weeks and the drill are gluteus's convention; no "
    "trial tests them as stated.",
    "convention",
)
VALGUS_LOAD = Source(
    "valgus_load_convention",
    "Convention after Willy 2019 (patellofemoral pain guideline: hip and knee strengthening "
    "with movement retraining) and ACSM 2009 (8-12 repetition loads for moderate effort): "
    "while the knee caves in on the single-leg squat test, single-leg squats, step-ups and "
    "single-leg deadlifts stay at an effort of 7/10 at most (a weight lifted 8-12 times, 3 "
    "or more reps in reserve), as form breaks down nearest failure, until a re-test shows "
    "the knee in line, the gate the landing ladder uses for hops. No trial sets this "
    "limit as stated.",
    "convention",
)
YOUTH_KNEE_CONTROL = Source(
    "youth_knee_control_convention",
    "Convention after Willy 2019 (patellofemoral pain guideline: hip and knee "
    "strengthening with movement retraining) and the FIFA 11+ warm-up (Soligard T et al. "
    "BMJ 2008;337:a2469, recalled: single-leg squats and step work with the knee over the "
    "toes in every session, alongside jump-landing work): a young person whose knee caves "
    "in trains that control on one leg, slowly, every strength and power week. That every "
    "such week holds it is gluteus's convention; no trial tests it as stated.",
    "convention",
)
LUNGE_LADDER = Source(
    "lunge_ladder_convention",
    "Convention: lunges climb from the sagittal plane (a split squat, then forward or "
    "reverse lunges) to lunges stepping out to the side or back and across (lateral and "
    "curtsy lunges), which load the hip away from or across the midline and ask more "
    "balance; single-leg loading across the midline is among the movements that provoke "
    "pelvic girdle and pubic symphysis pain (Vleeming 2008, recalled). That each rung "
    "waits for a block of the one below is gluteus's convention; no trial tests it.",
    "convention",
)
SINGLE_LEG_SQUAT_LADDER = Source(
    "single_leg_squat_ladder_convention",
    "Convention after Willy 2019 (patellofemoral pain guideline: hip and knee strengthening "
    "with movement retraining; knee valgus with hip internal rotation is the movement to "
    "retrain): a single-leg squat is first trained plain, the knee kept over the foot, and "
    "turning the trunk and pelvis over the standing leg comes after. That it waits for a "
    "block of the plain squat is gluteus's convention; no trial tests it.",
    "convention",
)
PLANK_LADDER = Source(
    "plank_ladder_convention",
    "Convention: a plank with a leg lifted (Boren 2011 measured it among the highest glute "
    "max activations) keeps the trunk still on three points instead of four, so the plain "
    "plank, on the knees or from the feet, comes first. That it waits for a block of the "
    "plain plank is gluteus's convention; no trial tests it.",
    "convention",
)
RECOVERY_48H = Source(
    "garber2011",
    "Garber CE et al. American College of Sports Medicine position stand: quantity and "
    "quality of exercise for developing and maintaining cardiorespiratory, musculoskeletal, "
    "and neuromotor fitness in apparently healthy adults. Med Sci Sports Exerc "
    "2011;43(7):1334-1359 (recalled: each major muscle group trained 2-3 days a week, at "
    "least 48 hours apart). To be checked. Which work counts as heavy (an effort of 8/10 "
    "or more, or 8 repetitions maximum or heavier) is gluteus's convention.",
    "recalled",
)

SPORT_EVE = Source(
    "sport_day_eve_convention",
    "Convention after Garber 2011 (recalled: the same muscles get at least 48 hours "
    "between hard sessions) and Ishøi 2016 (Ishøi L et al. Large eccentric strength "
    "increase using the Copenhagen Adduction exercise in football: a randomized "
    "controlled trial. Scand J Med Sci Sports 2016;26(11):1334-1342; recalled, to be "
    "checked: muscle soreness after the Copenhagen adduction, an exercise that loads the "
    "inner thigh as it lengthens; slow-lowering work the muscles are not used to brings "
    "soreness that lasts some 24-72 hours). The person's sport counts as a hard session of "
    "the legs, so the day before it holds no heavy leg lifts, jumps, swings, fast lunges "
    "or step-ups, slow-lowering work or Copenhagen adductions; which work counts as hard "
    "is gluteus's convention, and no trial sets the day.",
    "convention",
)

POWER_AS_JUMPS = Source(
    "power_jumps_convention",
    "Convention after Haff GG & Nimphius S, Training principles for power, Strength Cond J "
    "2012;34(6):2-12 (recalled: power is trained with the movements and speeds of the sport, "
    "jumps among the first, on a base of strength) and Lloyd 2014 (plyometrics for the young "
    "in low volume, landing first): a trained person under 65 whom no rule keeps from "
    "jumping does two-foot jumps as power work, while a fast rise from a chair, the power "
    "work of older adults (Chodzko-Zajko 2009), is left to those whom the rules keep from "
    "jumping. No trial sets this split as stated.",
    "convention",
)
POSTNATAL = Source(
    "postnatal_guidance",
    "Guidance on exercise after giving birth: UK Chief Medical Officers' Physical Activity "
    "Guidelines 2019, physical activity for women after childbirth (recalled: start with "
    "pelvic-floor exercises and gentle activity such as walking, build up gradually, with "
    "muscle strengthening twice a week once ready), and ACOG Committee Opinion 804 (2020), "
    "postpartum section (recalled: resume gradually as medically safe, pelvic-floor "
    "exercises in the postpartum period). Recalled, to be checked.",
    "recalled",
)
POSTNATAL_LOADS = Source(
    "postnatal_loads_convention",
    "Convention after the postnatal guidance (UK Chief Medical Officers 2019 and ACOG "
    "Committee Opinion 804, 2020, recalled: return to strength work gradually) and ACSM "
    "2009 (8-12 repetition loads for moderate effort): after a birth, lifts with a weight "
    "stay at an 8-repetition load or lighter and an effort of 8/10 or less (2 or more reps "
    "in reserve, Zourdos 2016), made harder beyond that by tempo and pauses rather than "
    "near-maximal loads, which brace hard against the recovering abdominal wall and "
    "pelvic floor. No trial sets this limit as stated.",
    "convention",
)
PELVIC_FLOOR_TRAINING = Source(
    "nice_pelvic_floor",
    "NICE NG210 (2021): pelvic floor dysfunction, prevention and non-surgical management "
    "(recalled: pelvic-floor muscle training offered after childbirth, and a supervised "
    "programme of at least 3 months for symptoms), and NICE NG123 (2019): urinary "
    "incontinence and pelvic organ prolapse in women (recalled: a programme of at least 8 "
    "contractions 3 times a day). Recalled, to be checked.",
    "recalled",
)
WILLIAMS2007 = Source(
    "williams2007",
    "Williams MA, Haskell WL, Ades PA, et al. Resistance exercise in individuals with and "
    "without cardiovascular disease: 2007 update. A scientific statement from the American "
    "Heart Association. Circulation 2007;116(5):572-584 (recalled: uncontrolled "
    "hypertension over 160/100 is a relative contraindication to resistance training, "
    "which means seeing a physician before taking part; over 180/110 an absolute one). "
    "The same 160/100 is NICE NG136's stage 2 for a clinic reading. Recalled, to be "
    "checked.",
    "recalled",
)
VALGUS_TURNING = Source(
    "valgus_turning_convention",
    "Convention after Willy 2019 (patellofemoral pain guideline: hip and knee strengthening "
    "with movement retraining; the hip turning in and moving towards the midline as the "
    "knee caves in is the movement to retrain): while the knee caves in on the single-leg "
    "squat test, single-leg work that loads the standing hip as it moves in towards or "
    "across the midline (skater squats, turning single-leg squats, hip airplanes, "
    "crossover step-ups, curtsy lunges) waits, and the knee is trained over the foot "
    "first, until a re-test shows it in line: the gate the landing ladder uses for hops. "
    "No trial tests this gate as stated.",
    "convention",
)
TRAINED_FROM_THE_START = Source(
    "trained_loaded_start_convention",
    "Convention after ACSM 2009 (progression models: intermediate and advanced lifters "
    "train multi-joint lifts with loads, periodised from lighter to heavier; light loads "
    "at 10-25 repetitions are its endurance range, as summarised on a secondary page) and "
    "Willy 2019 "
    "(patellofemoral pain guideline, recalled: hip and knee strengthening from the start, "
    "with loads the knee tolerates): a trained person with no pain of 4/10 or more keeps "
    "a hip lift and a leg lift with a light weight in the first weeks, beside the "
    "activation and control work, instead of weeks of bodyweight drills alone. The "
    "weeks and the light load (12-20 repetitions at an effort of 5-6/10, 4-5 in reserve) "
    "are gluteus's convention; no trial sets them as stated.",
    "convention",
)
PGP_IMPACT = Source(
    "pgp_impact_convention",
    "Convention after the European pelvic girdle pain guidelines (Vleeming 2008, recalled: "
    "loads that shear or gap the pelvic joints provoke the pain) and Goom, Donnelly & "
    "Brockwell 2019 (recalled: impact comes back after a birth at 12 weeks at the "
    "earliest, after an assessment by a pelvic health professional and a load-and-impact "
    "readiness check: standing on one leg, single-leg squats, hopping on the spot and "
    "bounding, all without pain): while pelvic girdle pain is present, no jumps, hops, "
    "bounds or swung weights, whose landings and swings load the pelvic joints at several "
    "times body weight; fast work stays symmetric and on both feet (a fast sit to stand). "
    "No trial sets this limit as stated.",
    "convention",
)
SUPPORTED_VERSIONS = Source(
    "supported_versions_convention",
    "Convention after the Otago programme (Campbell AJ et al. BMJ 1997;315:1065-1069, "
    "recalled: its exercises held at a counter or a chair back, and its sit to stands, are "
    "built for people likely to fall, 80 and over in its trials), CDC STEADI (its 30-second "
    "chair stand has norms from age 60) and Chodzko-Zajko WJ et al. ACSM position stand: "
    "exercise and physical activity for older adults, Med Sci Sports Exerc "
    "2009;41(7):1510-1530 (recalled: strength work at a moderate to vigorous effort, 5-8 "
    "out of 10): a version of an exercise made easy by a chair, a counter, a wall or a bed, "
    "and a bodyweight rise from a chair, are for someone with a reason to be supported; "
    "for a young or fit adult a bodyweight chair rise cannot reach a strength set's effort, "
    "and the support spares a balance they have. Which reasons count is gluteus's "
    "convention; no trial sets them as stated.",
    "convention",
)
BONE_FROM_THE_START = Source(
    "bone_loaded_start_convention",
    "Convention after LIFTMOR (Watson SL et al. High-intensity resistance and impact "
    "training improves bone mineral density and physical function in postmenopausal "
    "women with osteopenia and osteoporosis: the LIFTMOR randomized controlled trial. "
    "J Bone Miner Res 2018;33(2):211-220; recalled: a first month of supervised "
    "familiarisation with the lifts at light loads, then loads built up to about 80-85% "
    "of the one-repetition maximum, twice a week) and Giangregorio 2014 (recalled: "
    "progressive resistance training on at least 2 days a week): with low bone density "
    "and a weight to lift, the first weeks already hold a hip lift and a leg lift with a "
    "light weight, so the loads the later weeks build up start from lifts already learnt. "
    "The weeks and the light load (the first phase's 12-20 repetitions at an effort of "
    "5-6/10) are gluteus's convention; no trial sets them as stated.",
    "convention",
)

SOURCES: tuple[Source, ...] = (
    *src.ALL,
    CHAIR_STAND_NORMS,
    VTE_GUIDANCE,
    *person.SOURCES,
    PREGNANCY,
    HIP_REPLACEMENT,
    GROIN_AFTER_HIP_REPLACEMENT,
    KNEE_REPLACEMENT,
    HYPERTENSION,
    TENDINOPATHY_STAGES,
    REPLACEMENT_LOADS,
    KNEE_REPLACEMENT_STRENGTH,
    KNEE_REPLACEMENT_ECCENTRIC,
    RAISED_SEAT,
    NEW_HIP_AT_HOME,
    PRECAUTIONS_LIFTED,
    HIP_REPLACEMENT_STRENGTH,
    OUTER_HIP_AFTER_REPLACEMENT,
    LATERAL_ABDUCTORS,
    REPLACEMENT_ABDUCTORS,
    LANDING_LADDER,
    VALGUS_LOAD,
    YOUTH_KNEE_CONTROL,
    LUNGE_LADDER,
    SINGLE_LEG_SQUAT_LADDER,
    PLANK_LADDER,
    RECOVERY_48H,
    SPORT_EVE,
    POWER_AS_JUMPS,
    POSTNATAL,
    POSTNATAL_LOADS,
    PELVIC_FLOOR_TRAINING,
    PGP_IMPACT,
    WILLIAMS2007,
    VALGUS_TURNING,
    YOUTH_LANDING,
    TRAINED_FROM_THE_START,
    BONE_FROM_THE_START,
    SUPPORTED_VERSIONS,
)

PREGNANCY_STOP_SIGNS: tuple[str, ...] = (
    "vaginal bleeding",
    "fluid leaking from the vagina",
    "regular painful contractions",
    "calf pain or swelling",
    "reduced fetal movement",
    "breathlessness before you start the effort",
    "a headache",
    "muscle weakness that affects your balance",
)
"""With the stop signs for everyone (chest pain, dizziness): ACOG 2020's warning signs."""

POSTNATAL_STOP_SIGNS: tuple[str, ...] = (
    "heaviness, dragging or a bulge in the vagina",
    "leaking urine, wind or stool",
    "bleeding from the vagina that gets heavier or turns bright red again",
    "pain at a caesarean scar or in the perineum",
    "the middle of your tummy doming or bulging during an exercise",
)
"""After giving birth: symptoms of pelvic-floor dysfunction (Goom, Donnelly & Brockwell
2019 [R]: heaviness or dragging, leaking, pain), bleeding that increases (ACOG 2020 [R])
and doming along the midline; stop, and see a midwife, GP or pelvic health
physiotherapist."""

GENERAL_STOP_SIGNS: tuple[str, ...] = (
    "chest pain or pressure",
    "unusual breathlessness",
    "dizziness or feeling faint",
    "a racing or irregular heartbeat (palpitations)",
    "sudden sharp pain, or pain past the red of the traffic light",
    "new numbness, tingling or weakness",
)
"""Stop the session and seek advice (ACSM preparticipation screening, Riebe 2015 [R])."""

DISLOCATION_SIGNS: tuple[str, ...] = (
    "sudden severe pain in the operated hip, or a clunk",
    "the operated leg suddenly shorter or turned in or out",
    "cannot put weight on the operated leg",
)
"""Signs of a dislocated hip replacement: emergency care (joint replacement guidance [R])."""


AFTER_SURGERY_SIGNS: tuple[str, ...] = (
    "calf pain, swelling or warmth in either leg",
    "sudden breathlessness or chest pain",
    "the wound red, hot, oozing or opening, or a fever",
)
"""In the first 12 weeks after a joint replacement: signs of a blood clot (NICE NG89)
or an infection, which need care the same day."""

FALLS_BALANCE: tuple[str, ...] = ("single_leg_stance", "tandem_stance")
"""Exercise families that train standing balance with a support to hold."""

SINGLE_LEG_FAST_S = 10
"""Seconds of single-leg stance, on the worse leg, before fast single-leg work."""
# The shortest stance test that leaves a hands-free hold worth a set: 70% of it is the
# shortest hold (the dosing conventions), so 15 s; under it the counter version stays.
HANDS_FREE_S = -(-SHORTEST_HOLD_S * TESTED_HOLD_SHARE[1] // TESTED_HOLD_SHARE[0])


def _state(name: str, *values: str) -> Fact:
    return (
        Fact(f"state.{name}", "in", values)
        if len(values) > 1
        else Fact(f"state.{name}", "==", values[0])
    )


OLDER = _state("age_band", "65_plus", "80_plus")
PREGNANT_LATER = _state("pregnancy", "trimester_2", "trimester_3")
HIP_EARLY = _state("hip_replacement", "early")
HIP_MIDDLE = _state("hip_replacement", "middle")
HIP_LATERAL = Fact("precaution.hip_replacement_lateral")
KNEE_EARLY_MIDDLE = _state("knee_replacement", "early", "middle")
POSTNATAL_EARLY = _state("postnatal", "under_12_weeks")
# The surgeon has lifted the movement precautions (a profile key): the approach rules,
# the raised seat and no twisting stop; the stages by the weeks since the operation and
# the load cap do not.
HIP_PRECAUTIONS_KEPT = Not(Fact("profile.hip_precautions_lifted"))
# The hip may not bend past 90 degrees (posterior and lateral approaches): the program
# cannot know when the surgeon lifts it, so it holds in every week unless the profile
# says they have.
HIP_FLEXION_PRECAUTION = AllOf(
    (
        AnyOf(
            (
                Fact("precaution.hip_replacement_posterior"),
                Fact("precaution.hip_replacement_lateral"),
            )
        ),
        HIP_PRECAUTIONS_KEPT,
    )
)
# On all fours the hips bear weight bent to 90 degrees, the precautions' limit: rocking
# back takes them past it, and the trunk shifting over one knee (a fire hydrant's or a
# bird dog's fault) adds the crossing inwards that, with the bend, is the position a
# posterior or lateral hip dislocates in (a convention on the precautions: a man 10
# weeks after a posterior replacement was given fire hydrants).
ALL_FOURS = ("quadruped",)
# How a pelvic-floor exercise is done, in the notes during a pregnancy and after a birth.
PELVIC_FLOOR_HOW = (
    "Pelvic-floor exercises every day, on their own besides this program: squeeze and "
    "lift around the back passage, vagina and bladder as if stopping wind and a wee, hold, "
    "then let go fully"
)
# The abductors rebuilt after a hip replacement, said once for the rules that ask for it
# (a lateral approach's, whose repair weakens them, and the others' with a pelvis that
# drops): standing work pushing or lifting the leg out to the side each week, and from
# the strength phase in every session, as Otago trains the hip abductors in each of its
# three sessions a week (Campbell 1997). The first phase keeps it weekly (a convention:
# its short activation sessions have the least room). Optional: with no room for it, it
# is left out with a warning naming the rule.
ABDUCTORS_EACH_SESSION = (
    Requirement(
        kind="weekly",
        families=("standing_abduction_hold", "standing_hip_abduction"),
        each=False,
        optional=True,
    ),
    Requirement(
        kind="session",
        families=("standing_abduction_hold", "standing_hip_abduction"),
        each=False,
        phases=("strength", "power"),
        optional=True,
    ),
)
BONE_OSTEOPOROSIS = _state("bone", "osteoporosis")
# Low bone density without a fracture from a minor fall: loaded like osteoporosis, but
# with impact and free-standing single-leg work left to the other rules.
BONE_OSTEOPENIA = _state("bone", "osteopenia")
# The lifts osteoporosis_loaded_lifts (and hip_replacement_loaded_lifts) asks for with a
# weight: a hip lift and a leg lift.
OSTEOPOROSIS_HIP_LIFTS = ("deadlift", "hip_thrust", "bridge")
OSTEOPOROSIS_LEG_LIFTS = ("sit_to_stand", "squat", "split_squat", "step_up")


def loaded_lifts(
    *strength: tuple[str, ...],
    power: tuple[str, ...] | None = None,
    phase: str = "strength",
    sessions: int | None = None,
) -> tuple[Requirement, ...]:
    """The one shape of the rules asking for lifts with a weight: a lift of each family
    group in ``strength`` every week of ``phase`` (the strength phase unless given), and
    one of ``power`` (all those families unless given; none when empty) in each power
    week, each in ``sessions`` of the week's sessions when given (one when None).
    Optional: where the other rules and the minutes leave none, the program says so."""
    asked = [
        *((group, phase) for group in strength),
        (power if power is not None else tuple(f for g in strength for f in g), "power"),
    ]
    return tuple(
        Requirement(
            kind="weekly",
            families=families,
            each=False,
            load_types=("external",),
            phases=(when,),
            optional=True,
            sessions=sessions,
        )
        for families, when in asked
        if families
    )


# Low bone density's lifts (osteoporosis and osteopenia alike): a hip lift and a leg lift
# with a weight every strength and power week, each on two days of
# the week (every day of a shorter week), where the other rules and the minutes leave
# one: bone was built with loaded lifts twice a week (LIFTMOR, Watson 2018), and
# resistance training twice a week or more is what Giangregorio 2014 recommends.
BONE_LOADED_LIFTS = (
    *loaded_lifts(OSTEOPOROSIS_HIP_LIFTS, OSTEOPOROSIS_LEG_LIFTS, sessions=2, power=()),
    # The power weeks keep both, as bone loses what stops being loaded (a woman of 50
    # with osteopenia went from 14 weighted sets a week to 6 in her power weeks).
    *loaded_lifts(
        OSTEOPOROSIS_HIP_LIFTS, OSTEOPOROSIS_LEG_LIFTS, phase="power", sessions=2, power=()
    ),
)
# Low bone density's stop sign (osteoporosis and osteopenia alike): a vertebral fracture
# can come from everyday bending or lifting and shows as sudden new back pain
# (Giangregorio 2014).
SPINAL_FRACTURE_SIGNS = ("sudden new back pain (it can be a new spinal fracture)",)
# Knee work on one leg, at any load: split squats and lunges, steps up and down,
# single-leg squats.
KNEE_ONE_LEG_WORK = (
    "split_squat",
    "step_up",
    "step_down",
    "single_leg_squat",
    "lateral_lunge",
    "curtsy_lunge",
)
KNEE_PAST_EARLY = _state("knee_replacement", "middle", "late")
HAS_WEIGHTS = AnyOf(tuple(Fact(f"equipment.{w}") for w in WEIGHTS))
# A weight to hold for a hip or leg lift: a cable is a weight, but not one to squat with.
HAS_FREE_WEIGHTS = AnyOf(tuple(Fact(f"equipment.{w}") for w in WEIGHTS if w != "cable"))
# Trained: an intermediate or advanced lifter (the profile's experience).
TRAINED = Fact("experience", "in", ("intermediate", "advanced"))
# The rules that leave out every free-standing single-leg lift and single-leg squat
# (falls_supported_balance, osteoporosis): where they hold, a rule asking for one
# would only ever say it was left out.
SINGLE_LEG_KEPT_SUPPORTED = (_state("falls_risk", "high"), BONE_OSTEOPOROSIS)
ANY_PAIN_4 = AnyOf(
    tuple(
        Fact(f"pain.{region}", ">=", 4)
        for region in ("low_back", "knee", "hip", "buttock", "groin")
    )
)
# Light lifts with a weight may start in the first weeks (trained people, low bone
# density): a free weight, no pain of 4/10 or more, and not in the 12 weeks after a joint
# replacement or a birth, whose rules' stages keep their own return to loads.
LIGHT_LIFTS_FROM_THE_START = AllOf(
    (
        HAS_FREE_WEIGHTS,
        Not(ANY_PAIN_4),
        Not(_state("hip_replacement", "early", "middle")),
        Not(KNEE_EARLY_MIDDLE),
        Not(POSTNATAL_EARLY),
    )
)
# Everything that keeps jumps out: the conditions of the rules that leave out impact or
# power (older age, falls, pregnancy and the weeks after a birth, a joint replacement,
# osteoporosis, pain of 4/10 or more, the outer hip tendon picture), stated once for
# the rule that asks for jumps where nothing does.
JUMPS_RULED_OUT = AnyOf(
    (
        OLDER,
        _state("falls_risk", "high"),
        Fact("profile.walking_aid"),
        PREGNANT_LATER,
        POSTNATAL_EARLY,
        Fact("precaution.hip_replacement_posterior"),
        Fact("precaution.hip_replacement_lateral"),
        Fact("precaution.hip_replacement_anterior"),
        Fact("precaution.knee_replacement"),
        _state("hip_replacement", "early", "middle"),
        _state("knee_replacement", "early", "middle"),
        BONE_OSTEOPOROSIS,
        ANY_PAIN_4,
        OUTER_HIP_TENDON,
        Fact("sign.pelvic_girdle_pain"),
    )
)

# Single-leg work on a free-standing leg that moves the body over it (a reach, a hinge,
# a squat, a stepping lunge): what a short stance keeps to its supported versions.
FREE_STANDING_SINGLE_LEG = (
    "curtsy_lunge",
    "eccentric_single_leg_rdl",
    "eccentric_skater_squat",
    "hip_airplane",
    "lateral_lunge",
    "reverse_lunge",
    "reverse_lunge_knee_drive",
    "rotational_single_leg_squat",
    "single_leg_rdl",
    "single_leg_rdl_loaded",
    "single_leg_reach",
    "single_leg_squat",
    "single_leg_squat_loaded",
    "split_squat_jump",
)
# Leg strengthening whose rungs include versions with a support or both feet down: what
# a short stance trains the legs with once FREE_STANDING_SINGLE_LEG is left out.
SUPPORTED_LEG_WORK = ("split_squat", "squat", "step_up", "step_down", "single_leg_squat")
KEEPS_A_SUPPORT = (
    _state("falls_risk", "high"),
    Fact("profile.walking_aid"),
    # From 65 a stance not tested counts as short: the counter stays.
    AllOf((OLDER, Not(Fact("test.single_leg_stance_s.worse", ">=", HANDS_FREE_S)))),
    Fact("test.tandem_stance_s", "<", HANDS_FREE_S),
    # The rules that keep balance next to a support. By the precaution, not its stage:
    # a rule in force for only some weeks would split the program's blocks as a stage
    # does.
    Fact("precaution.pregnancy"),
    *(Fact(f"precaution.{p}") for p in person.HIP_REPLACEMENTS),
    Fact("precaution.knee_replacement"),
    BONE_OSTEOPOROSIS,
    Fact("sign.pelvic_girdle_pain"),
)
"""Reasons a person keeps a hand on a counter for balance work (see the hands-free rules;
one-leg stances have two more: a short one-leg stance test, and the outer hip tendon's
first stage, whose rule keeps them next to a support)."""
# Reasons a person is given the supported versions (tag ``supported_version``: a sit to
# stand, a bridge on a bed, a squat or abduction holding a counter or a chair): a reason
# to keep a support for balance, 60 or more (where the chair stand's norms start, CDC
# STEADI), no getting down to the floor (the bed is their floor), pain of 4/10 or more
# (it limits loading), the 12 weeks after a birth, or legs too weak for 8 chair stands
# (Rikli & Jones 2013). Not a novice as such, nor the outer hip tendon's first stage:
# that keeps single-leg work at a support (its own rules), not the rest.
SUPPORT_REASONS = (
    *KEEPS_A_SUPPORT,
    Fact("age", ">=", 60),
    _state("floor", "no"),
    ANY_PAIN_4,
    POSTNATAL_EARLY,
    Fact("test.chair_stand_30s", "<", 8),
)

SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        id="stop_signs_for_everyone",
        description="Stop the session and get advice for any of these signs.",
        source="riebe2015",
        evidence="recalled",
        when=Trigger(always=True),
        stop_signs=GENERAL_STOP_SIGNS,
    ),
    SafetyRule(
        id="no_static_stretching",
        description="No static stretches: glutes that feel tight are usually weak, and the "
        "stretches people reach for squeeze the outer hip tendons or take the hip into "
        "ranges to avoid; strength through the range replaces them.",
        source="grimaldi_fearon2015",
        evidence="recalled",
        when=Trigger(always=True),
        exclude_tags=("static_stretch",),
    ),
    # --- Falls risk and frailty ----------------------------------------------------------
    SafetyRule(
        id="falls_supported_balance",
        description="With a raised risk of falling: balance work in every session, only next "
        "to something sturdy to hold, no jumps, hops, swings or single-leg squats, and sit "
        "to stands with the hands free to push on the armrests or catch a fall.",
        source="otago",
        evidence="recalled",
        when=Trigger(condition=_state("falls_risk", "high")),
        # A swung weight pulls someone who is unsteady off balance: their power work is
        # the fast sit to stand. Arms crossed (a test position, and the low-seat version)
        # leaves nothing to catch a fall with: hands free is a convention here.
        exclude_tags=(
            "unsupported_balance",
            "balance_challenge",
            "impact",
            "single_leg_squat",
            "ballistic",
            "arms_crossed",
        ),
        # A fast rise is where balance is lost at the top: only one whose shown cue
        # keeps the hands on the armrests, to push and to catch a fall (a convention).
        guard_tags=("fast_chair_rise",),
        # Otago and Sherrington 2019: balance challenged often (about 3 hours a week is
        # the effective dose), so some in every session.
        requires=(
            Requirement(kind="session", families=FALLS_BALANCE, each=False),
            # Otago's balance exercises climb from a narrow base on both feet (tandem
            # stance) to standing on one leg: one-leg balance (balance work loading one
            # leg) only in a block after one with tandem stance.
            Requirement(
                kind="stepped",
                tags=("asymmetric_loading",),
                roles=("stability",),
                families=("tandem_stance",),
            ),
            # Otago walks heel to toe after standing so (Campbell 1997): a walk along a
            # counter only in a block after one with tandem stance.
            Requirement(kind="stepped", tags=("walking_balance",), families=("tandem_stance",)),
        ),
        notes=(
            "Do every balance exercise next to a kitchen counter or the back of a heavy "
            "chair; let go only when the exercise is steady for its whole time, and move to "
            "the harder version only when the ladder says so (Otago: from holding a support "
            "to no support).",
            # Some 10-20 minutes of balance a week fit in the sessions, a small part of
            # the dose that prevents falls: the rest is practice at home, said plainly.
            "Balance prevents falls when it is practised for about 3 hours a week in all "
            "(Sherrington 2019), more than these sessions hold: practise at home every day "
            "as well, standing at your kitchen counter with a hand on it or just above it, "
            "heel to toe, or on one leg once your sessions have reached it, a few minutes "
            "at a time several times a day (while the kettle boils, say), building up "
            "towards about 3 hours a week.",
        ),
    ),
    SafetyRule(
        # Otago (Campbell 1997) pairs its balance work with strength work standing at a
        # support: the hip abductors, calf raises and toe raises among the strengthening
        # exercises, sit to stands and stairs among the rest, three times a week.
        # Recommended work, so optional: without a step, or under a rule that holds
        # abduction back, it is left out with a warning naming this rule.
        id="falls_otago_strength",
        description="With a raised risk of falling: the strength work of the Otago "
        "programme beside the balance work: a sit to stand in every session, and every "
        "week lifting the leg out to the side standing at a support, heel raises and toe "
        "raises at a counter and, from the strength phase, a step-up beside a rail.",
        source="otago",
        evidence="recalled",
        when=Trigger(condition=_state("falls_risk", "high")),
        requires=(
            Requirement(kind="weekly", families=("standing_hip_abduction",), optional=True),
            Requirement(kind="weekly", families=("step_up",), phases=("strength",), optional=True),
            # The leg strength a low chair stand and a slow Timed Up and Go ask for:
            # Otago's sit to stands go with each of its three sessions a week.
            Requirement(kind="session", families=("sit_to_stand",), optional=True),
            Requirement(kind="weekly", families=("heel_raise", "toe_raise"), optional=True),
        ),
        notes=(
            # Said to everyone with the rule, so true whether a step is listed or not:
            # without one, the warning on the missing step-up names the step.
            "Otago's stair exercise is a step-up on the bottom stair holding the banister: "
            "a bottom stair with a rail is the step it needs.",
            "Walk as well, outside these sessions, as the Otago programme does: at your "
            "usual pace, with your walking aid if you use one, building up to about 30 "
            "minutes on most days, in shorter bouts if need be (how much and how often is "
            "a convention here).",
        ),
    ),
    SafetyRule(
        # The balance work of someone of 65 or more whose stance is short of a hands-free
        # hold stays at a counter (KEEPS_A_SUPPORT); a reach, a deadlift or a squat on one
        # free-standing leg asks more balance than standing on it (a man of 70 standing 8 s
        # on his weaker leg reached and lunged hands-free while his stance was held at a
        # counter). Their supported versions, and split squats with both feet down, stay.
        # Which work counts is a convention.
        id="older_short_stance_single_leg_supported",
        description="65 or older and standing on the weaker leg for less than a hands-free "
        "hold needs (or not tested): no single-leg reaches, single-leg deadlifts, single-leg "
        "squats, stepping lunges or split jumps on a free-standing leg; their versions with "
        "a hand on a counter, a rail or a wall, and split squats held with both feet down, "
        "stay.",
        source="falls_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (OLDER, Not(Fact("test.single_leg_stance_s.worse", ">=", HANDS_FREE_S)))
            )
        ),
        exclude_exercises=FREE_STANDING_SINGLE_LEG,
    ),
    SafetyRule(
        # What older_short_stance_single_leg_supported takes out is leg strengthening, and
        # nothing asked for it back: a man of 70 with sore knees was left with strength
        # sessions of a glute squeeze and a clamshell. With knee pain, leg work that keeps
        # a support (split squats with both feet down, squats at a counter, step-ups and
        # step-downs at a rail, single-leg squats against a wall) comes in 3 sessions a
        # week, or every session of a shorter week: resistance training 2-3 days a week
        # (Garber 2011), at its upper end as the knee is what is being treated, and hip
        # and knee work together for a painful knee (Willy 2019). The count is a
        # convention. Only with knee pain, and not where rules of their own ask for leg
        # work (Otago's strength work with a raised risk of falling, the new knee's lifts):
        # there, and for the other short stances (a new hip), this demand crowded out the
        # work those rules ask for.
        # Optional: without room or equipment for it, a warning names this rule.
        id="older_short_stance_knee_work",
        description="65 or older, standing on the weaker leg for less than a hands-free "
        "hold needs (or not tested), with knee pain: leg work that keeps a support (split "
        "squats with both feet down, squats, step-ups and step-downs at a rail, single-leg "
        "squats against a wall) in 3 sessions a week, or every session of a shorter week, "
        "in place of the free-standing single-leg work left out.",
        source="garber2011",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    OLDER,
                    Not(Fact("test.single_leg_stance_s.worse", ">=", HANDS_FREE_S)),
                    Fact("pain.knee", ">=", 1),
                    Not(_state("falls_risk", "high")),
                    Not(Fact("precaution.knee_replacement")),
                )
            )
        ),
        requires=(
            Requirement(
                kind="weekly",
                families=SUPPORTED_LEG_WORK,
                each=False,
                optional=True,
                sessions=3,
            ),
        ),
        notes=(
            "Your knees are strengthened 3 times a week with leg work that keeps a hand on "
            "a counter, a rail or a wall, or both feet down, while standing on one leg is "
            "still short: split squats, squats, step-ups or wall squats.",
        ),
    ),
    SafetyRule(
        # Otago's support is for people likely to fall (Campbell 1997): a fit lifter, a
        # netballer standing 30-40 s on one leg and a mother a year after a birth were
        # all sent back to a kitchen counter, a step down for them. Anyone a rule keeps
        # to a support, or whose tests are short of a hands-free hold, keeps the counter.
        id="balance_hands_free_when_steady",
        description="Steady on your feet (no raised risk of falling, no walking aid, no "
        "rule keeping your balance work next to a support, and no stance test too short "
        "for a hold without one): balance work is done hands-free from the start, not "
        "holding a counter.",
        source="falls_convention",
        evidence="convention",
        when=Trigger(
            condition=Not(
                AnyOf(
                    (
                        *KEEPS_A_SUPPORT,
                        Fact("test.single_leg_stance_s.worse", "<", HANDS_FREE_S),
                        OUTER_HIP_FIRST_STAGE,
                    )
                )
            )
        ),
        exclude_exercises=("single_leg_stance_support", "tandem_stance_counter"),
    ),
    SafetyRule(
        # Standing heel to toe asks far less balance than standing on one leg, and does
        # not load the outer hip as one leg does: a golfer of 62 standing 14 s on his
        # weaker leg, with outer hip pain, kept a counter for one-leg stances and was
        # then moved to a tandem stance at the counter, a step down for him.
        id="tandem_hands_free_when_steady",
        description="Steady on your feet (no raised risk of falling, no walking aid, no "
        "rule keeping all your balance work next to a support, and a tandem stance test, "
        "if taken, long enough): standing heel to toe is done hands-free, not holding a "
        "counter, even while one-leg stances still hold one.",
        source="falls_convention",
        evidence="convention",
        when=Trigger(condition=Not(AnyOf(KEEPS_A_SUPPORT))),
        exclude_exercises=("tandem_stance_counter",),
    ),
    SafetyRule(
        # One stance a session is 2-4 minutes of balance a week, far from the dose that
        # cut falls (Sherrington 2019; more with 3 hours a week, Sherrington 2017): a
        # walk along a counter joins the stance, Otago's tandem and sideways walking
        # (Campbell 1997), and only after a block of tandem stance, as Otago walks heel
        # to toe after standing so. From the strength phase, and with sessions of 30
        # minutes or more (as long as Otago's): shorter ones keep their minutes for the
        # stance and Otago's strength work. Both are conventions.
        id="falls_walking_balance",
        description="With a raised risk of falling and sessions of 30 minutes or more: from "
        "the strength phase, a walk along a counter (heel to toe, or sideways) in every "
        "session as well as the stance, once a block of tandem stance has been done.",
        source="otago",
        evidence="recalled",
        when=Trigger(
            condition=AllOf(
                (_state("falls_risk", "high"), Fact("profile.minutes_per_session", ">=", 30))
            )
        ),
        requires=(
            # Optional: with no room for it, the program says so.
            Requirement(
                kind="session",
                families=("counter_walk",),
                phases=("strength", "power"),
                optional=True,
            ),
        ),
    ),
    SafetyRule(
        # The walks along a counter are Otago's walking balance for people likely to
        # fall (Campbell 1997), asked for by falls_walking_balance; for anyone else a
        # hand sliding along a counter is below their level, and their balance work
        # stays with the stances and single-leg work (a convention).
        id="counter_walks_with_falls_risk",
        description="Walks along a counter (heel to toe, or sideways) only with a raised risk "
        "of falling: they are balance work for people likely to fall.",
        source="falls_convention",
        evidence="convention",
        when=Trigger(condition=Not(_state("falls_risk", "high"))),
        exclude_tags=("walking_balance",),
    ),
    SafetyRule(
        # A 24-year-old dancer lifting intermediate weights had a bridge on a bed, sit to
        # stands with the arms crossed and abduction holding a chair back; a runner of 52
        # and a basketball player of 16 stood up from a chair in nearly every session of
        # their first weeks: falls work for people with no reason to be held. They take
        # the next rung of the same ladder (a bridge on the floor, a squat or split squat,
        # abduction against a band); the rule is stated once, so the check sees it too.
        id="able_no_supported_versions",
        description="No reason to be supported (under 60; no raised risk of falling, "
        "walking aid, short one-leg or tandem stance, or fewer than 8 chair stands; no "
        "joint replacement, osteoporosis, pregnancy, pelvic girdle pain or birth in the "
        "last 12 weeks; no pain of 4/10 or more; able to get down to the floor): no "
        "versions of exercises made easy by a chair, a counter, a wall or a bed, and no sit "
        "to stands without a weight; the next rung of the same ladder instead.",
        source="supported_versions_convention",
        evidence="convention",
        when=Trigger(condition=Not(AnyOf(SUPPORT_REASONS))),
        exclude_tags=("supported_version",),
    ),
    SafetyRule(
        id="older_no_impact",
        description="At 65 or older: no jumps, hops or bounds.",
        source="falls_convention",
        evidence="convention",
        when=Trigger(condition=OLDER),
        exclude_tags=("impact",),
    ),
    SafetyRule(
        id="older_sit_to_stand",
        description="At 65 or older: standing up from a chair every week, the everyday "
        "strength that keeps people on their feet.",
        source="chodzko_zajko2009",
        evidence="recalled",
        when=Trigger(condition=OLDER),
        requires=(Requirement(kind="weekly", families=("sit_to_stand",)),),
    ),
    SafetyRule(
        # Power for older adults is a fast rise from a chair (Chodzko-Zajko 2009), and the
        # safe power work with osteoporosis (no swings: Giangregorio 2014). Not while power
        # work is left out (the first weeks after a joint replacement, later pregnancy),
        # where nothing could meet it.
        id="power_as_fast_sit_to_stand",
        description="At 65 or older, or with osteoporosis: in the power weeks, standing up "
        "from a chair as fast as you safely can, sitting down slowly.",
        source="chodzko_zajko2009",
        evidence="recalled",
        when=Trigger(
            condition=AllOf(
                (
                    AnyOf((OLDER, BONE_OSTEOPOROSIS)),
                    Not(
                        AnyOf(
                            (
                                HIP_EARLY,
                                _state("knee_replacement", "early"),
                                PREGNANT_LATER,
                                POSTNATAL_EARLY,
                            )
                        )
                    ),
                )
            )
        ),
        # Optional: in very short sessions it is left out, with a warning naming the rule.
        requires=(
            Requirement(kind="weekly", tags=("fast_chair_rise",), phases=("power",), optional=True),
        ),
    ),
    SafetyRule(
        # Vellas 1997 puts the falls line at 5 s; 10 s on each leg before fast stepping is
        # a convention (the step-up is done on one leg, fast, at home, unsupervised).
        id="fast_single_leg_needs_stance",
        description="Fast single-leg work (fast step-ups, hops) and turning on one leg "
        "(the pelvis pivoting over the standing hip) only once you can stand 10 s on each "
        "leg, without a walking aid and without a raised risk of falling; until then power "
        "work is a fast sit to stand, step-ups stay slow beside a rail, and turns are done "
        "with both feet on the floor.",
        source="falls_convention",
        evidence="convention",
        when=Trigger(
            condition=AnyOf(
                (
                    _state("falls_risk", "high"),
                    Fact("profile.walking_aid"),
                    Fact("test.single_leg_stance_s.worse", "<", SINGLE_LEG_FAST_S),
                )
            )
        ),
        # Pivoting over one leg is how a person who cannot stand on it falls, a hand on
        # a counter or not: a 74-year-old with a stick and 3-5 s stances was given one.
        exclude_tags=("fast_single_leg", "stance_pivot"),
    ),
    SafetyRule(
        id="chair_stand_with_hands",
        description="Fewer than 8 chair stands in 30 seconds: stand up using the armrests "
        "or your thighs, not with the arms crossed, and a fast sit to stand only with the "
        "hands on the armrests.",
        source="rikli_jones2013",
        evidence="recalled",
        when=Trigger(condition=Fact("test.chair_stand_30s", "<", 8)),
        exclude_tags=("arms_crossed",),
        guard_tags=("fast_chair_rise",),
    ),
    SafetyRule(
        id="no_floor_work",
        description="No exercises on the floor: everything standing, in a chair or on a bed.",
        source="person_convention",
        evidence="convention",
        when=Trigger(condition=_state("floor", "no")),
        exclude_tags=("floor",),
        notes=(
            "Getting down to the floor and up again is a skill of its own: practise it with "
            "a physiotherapist before floor exercises join your program.",
        ),
    ),
    # --- Pregnancy -----------------------------------------------------------------------
    SafetyRule(
        id="pregnancy_no_supine_prone",
        description="From the second trimester: no exercise lying on the back or front.",
        source="pregnancy_guidance",
        evidence="verified",
        when=Trigger(condition=PREGNANT_LATER),
        exclude_tags=("supine", "prone"),
        exclude_positions=("supine", "prone"),
    ),
    SafetyRule(
        id="pregnancy_moderate",
        description="From the second trimester: no jumps, hops, swings, speed work or "
        "single-leg squats, and a moderate effort (you can talk but not sing), without "
        "heavy loads or breath-holding.",
        source="mottola2018",
        evidence="recalled",
        when=Trigger(condition=PREGNANT_LATER),
        exclude_tags=("impact", "single_leg_squat", "breath_hold", "ballistic"),
        # No speed work either: fast, maximal-intent efforts are not moderate.
        exclude_roles=("power",),
        cap=Cap(max_rpe=6, no_rm=True),
        notes=(
            "Keep a moderate effort: you should be able to talk, but not sing (about 6/10). "
            "Breathe out on the effort and never hold your breath.",
        ),
    ),
    SafetyRule(
        id="pregnancy_supported_balance",
        description="In the third trimester: balance work only next to something sturdy to "
        "hold, as the bump moves the centre of mass, and no full planks or side planks "
        "from the feet.",
        source="acog2020",
        evidence="convention",
        when=Trigger(condition=_state("pregnancy", "trimester_3")),
        exclude_tags=("unsupported_balance", "balance_challenge", "high_abdominal_pressure"),
    ),
    SafetyRule(
        # The postnatal rule asks for them after the birth; training them through the
        # pregnancy lowers the risk of leaking urine during it and after (Mottola 2018's
        # guideline, recalled), so a pregnant woman is told the same.
        id="pregnancy_pelvic_floor",
        description="In pregnancy: pelvic-floor exercises every day, besides the program.",
        source="mottola2018",
        evidence="recalled",
        when=Trigger(precautions=("pregnancy",)),
        notes=(
            PELVIC_FLOOR_HOW + "; about 8 squeezes, 3 times a day (NICE NG123), through the "
            "pregnancy and after the birth (Mottola 2018; both recalled). Your midwife or a "
            "pelvic health physiotherapist can check you are doing them right.",
        ),
    ),
    SafetyRule(
        id="pregnancy_stop_signs",
        description="In pregnancy, stop for any warning sign and seek care.",
        source="pregnancy_guidance",
        evidence="verified",
        when=Trigger(precautions=("pregnancy",)),
        stop_signs=PREGNANCY_STOP_SIGNS,
        notes=("Stop and contact your midwife or doctor if any stop sign appears.",),
    ),
    SafetyRule(
        id="pelvic_girdle_pain",
        description="With pelvic girdle pain: no split stances, single-leg or wide-legged "
        "loading, no lifting or pushing one leg out to the side against a load (side-"
        "lying leg raises, fire hydrants, clamshells with the feet lifted or a band), and "
        "planks on the knees rather than the feet; knees together when you get in and out "
        "of bed or a car. Every week keeps gentle side-of-hip work (clamshells without a "
        "band) and, when balance is trained, balance in a narrow stance with one foot in "
        "front of the other instead of on one leg.",
        # Vleeming 2008 and POGP: positions that load one side of the pelvis or open it
        # unevenly provoke the pain; which exercises those are is convention.
        source="pgp_convention",
        evidence="convention",
        when=Trigger(condition=Fact("sign.pelvic_girdle_pain")),
        # A plank from the feet, on the side or the front, holds the pelvis on long
        # levers under the whole body's weight; the knees' short lever is the convention.
        exclude_tags=(
            "asymmetric_loading",
            "wide_stance",
            "pelvic_gapping",
            "high_abdominal_pressure",
        ),
        # What stays: glute med work without a load pulling the pelvis open, and balance
        # in a stance that loads both sides (the single-leg balance of the function
        # rules is left out above). Optional: with no room, a warning says so.
        requires=(
            Requirement(kind="weekly", families=("clamshell",), optional=True),
            Requirement(
                kind="weekly", families=("tandem_stance",), issue="function", optional=True
            ),
        ),
        notes=(
            "Keep your knees together when you turn in bed or get in and out of a car, and "
            "prefer symmetric, narrow stances: they spare the pelvic joints.",
            "Do clamshells with a pillow between the knees and open them only a little, "
            "within what stays comfortable.",
            "Balance is trained with one foot in front of the other, next to a counter, not "
            "on one leg: standing on one leg loads one side of the pelvis.",
        ),
    ),
    SafetyRule(
        id="pelvic_girdle_pain_no_impact",
        description="With pelvic girdle pain: no jumps, hops, bounds or swung weights "
        "(kettlebell swings) while the pain is there; fast work stays on both feet, as in a "
        "fast sit to stand.",
        # A landing loads the pelvis at several times body weight, and a swing drives the
        # hips hard through a wide stance: the shear and gapping the pelvic girdle pain rule
        # keeps out (Vleeming 2008). Goom 2019 brings impact back only after a pelvic health
        # check and single-leg readiness tasks this program cannot see. Convention.
        source="pgp_impact_convention",
        evidence="convention",
        when=Trigger(condition=Fact("sign.pelvic_girdle_pain")),
        exclude_tags=("impact", "ballistic"),
        notes=(
            "No jumping, hopping, running or kettlebell swings while the pelvic girdle pain "
            "lasts. Once it has gone, see a pelvic health physiotherapist before bringing "
            "them back: they check that you can stand and squat on one leg, and hop on the "
            "spot, without pain first (Goom, Donnelly & Brockwell 2019).",
        ),
    ),
    # --- After giving birth --------------------------------------------------------------
    SafetyRule(
        id="postnatal_early",
        description="Under 12 weeks after giving birth: no jumps, hops, running-type or "
        "speed work, no full planks or plank variants, no breath-holding and no heavy "
        "loads.",
        # Goom 2019: no running or impact before 12 weeks. Leaving out speed work, full
        # planks and heavy loads (high pressure inside the abdomen on a pelvic floor and
        # abdominal wall still recovering) until then, and RPE 7 at most, are conventions.
        source="postnatal_stages",
        evidence="convention",
        when=Trigger(condition=POSTNATAL_EARLY),
        exclude_tags=(
            "impact",
            "ballistic",
            "fast_single_leg",
            "high_abdominal_pressure",
            "breath_hold",
        ),
        exclude_roles=("power",),
        cap=Cap(max_rpe=7, no_rm=True),
    ),
    SafetyRule(
        id="postnatal",
        description="After giving birth: pelvic-floor exercises every day, stop for any "
        "postnatal warning sign, and running, jumps and hops only from 12 weeks, and then "
        "only without those signs; in this program jumps land on two feet, with no "
        "single-leg or turning hops or split jumps, and planks start on the knees or on the "
        "side: a full plank or side plank from the feet only in a block after one with "
        "those easier planks; lunges start as split squats held in place: a reverse lunge "
        "only in a block after one with split squats.",
        source="postnatal_guidance",
        evidence="recalled",
        when=Trigger(precautions=("postnatal",)),
        # Goom 2019 returns to impact in graded steps; two-leg landings before hops on one
        # leg (the landing ladder's order) is a convention here.
        exclude_tags=("single_leg_landing", "rotational_landing"),
        # The trunk note below, as a demand: a plank from the feet (high pressure on the
        # abdominal wall and pelvic floor) only after a block of the supported planks, so
        # never in the first block planks come in. Whole blocks apart is a convention.
        requires=(
            Requirement(
                kind="stepped",
                tags=("high_abdominal_pressure",),
                families=("front_plank", "side_plank"),
            ),
            # The lunge note below, as a demand: a lunge stepped into (a reverse lunge)
            # only after a block of split squats held in place, the order it names.
            Requirement(kind="stepped", tags=("stepping_lunge",), families=("split_squat",)),
        ),
        stop_signs=POSTNATAL_STOP_SIGNS,
        notes=(
            PELVIC_FLOOR_HOW + "; at least 8 squeezes, 3 times a day, for at least 3 months "
            "(NICE NG123, NG210). A pelvic health physiotherapist can check you are doing them "
            "right.",
            "Stop and see your midwife, GP or a pelvic health physiotherapist if any "
            "postnatal stop sign appears. Running and jumping come back from 12 weeks "
            "after the birth at the earliest, only without those signs, and best after a "
            "pelvic health physiotherapist has checked you (Goom, Donnelly & Brockwell 2019).",
            # Full planks come back at 12 weeks: the steps before them hold at any stage.
            "Build trunk work up in steps: lying on your side first, then supported (on "
            "your knees, or with your hands on a wall or a bench), and a full plank (not "
            "before 12 weeks after the birth) only once the easier steps bring none of the "
            "postnatal stop signs.",
            # Loading one leg across the midline can bring on pelvic girdle pain at the
            # pubic symphysis (Vleeming 2008); lunge_progression holds the order.
            "Lunges build up in steps too: a split squat, then a reverse lunge; a curtsy or "
            "side lunge only once those bring none of the postnatal stop signs and no pain "
            "at the front of the pelvis (the pubic bone).",
        ),
    ),
    SafetyRule(
        id="postnatal_moderate_loads",
        description="After giving birth: lifts with a weight no heavier than a weight you "
        "could lift 8 times, at an effort of 8/10 at most (2 or more reps to spare), never "
        "near-maximal: they get heavier over the weeks only up to that.",
        source="postnatal_loads_convention",
        evidence="convention",
        when=Trigger(precautions=("postnatal",)),
        # A near-maximal lift (a 5-6RM) is a hard brace against an abdominal wall and
        # pelvic floor still recovering; moderate loads train the same movement.
        cap=Cap(max_rpe=8, min_rm=8),
        notes=(
            "Lift no heavier than a weight you could lift 8 times (that weight rises as you "
            "get stronger), stopping each set with 2 or more reps to spare and breathing out "
            "on the effort; to make a lift harder beyond that, lower it more slowly or pause "
            "at the bottom rather than going near your maximum.",
        ),
    ),
    # --- Joint replacements --------------------------------------------------------------
    SafetyRule(
        id="hip_replacement_posterior",
        description="Posterior hip replacement: hip bent no more than 90 degrees, no "
        "crossing the midline, no turning the hip in, no kneeling on all fours, and no "
        "jumps or hops on the new hip.",
        source="hip_replacement_precautions",
        evidence="verified",
        when=Trigger(precautions=("hip_replacement_posterior",), condition=HIP_PRECAUTIONS_KEPT),
        exclude_tags=(
            "hip_flexion_past_90",
            "adduction_past_midline",
            "hip_internal_rotation",
            "impact",
        ),
        exclude_positions=ALL_FOURS,
        stop_signs=DISLOCATION_SIGNS,
        notes=(
            "Your surgeon's precautions override these; ask them when they may be lifted, "
            "and once they are, say so in your profile (hip_precautions_lifted: true) for "
            "a program without them.",
        ),
    ),
    SafetyRule(
        # Getting down to the floor and up again goes through all fours or a hip bent past
        # 90 degrees, whatever the person says of managing it: a man 10 weeks after a
        # posterior replacement and a woman 8 weeks after a lateral one, both saying they
        # could get up from the floor, had bridges, planks and prone work on it. The
        # middle stage's bridges are done on a bed; from 12 weeks the person's own answer
        # decides, as for anyone.
        id="hip_replacement_off_the_floor",
        description="Up to 12 weeks after a posterior or lateral hip replacement, with its "
        "precautions kept: no exercises on the floor, as getting down to it and up again "
        "goes through all fours or a hip bent past 90 degrees; their versions on a bed, "
        "in a chair or standing instead.",
        source="hip_replacement_precautions",
        evidence="convention",
        when=Trigger(condition=AllOf((HIP_FLEXION_PRECAUTION, AnyOf((HIP_EARLY, HIP_MIDDLE))))),
        exclude_tags=("floor",),
        notes=(
            "Until 12 weeks after your operation, while your hip precautions hold, stay off "
            "the floor: getting down and up again bends the new hip past 90 degrees or takes "
            "you onto all fours. The program's lying exercises are done on your bed. From 12 "
            "weeks, floor exercises come back as you said you can get down and up; while the "
            "precautions still hold, have your physiotherapist show you a way down and up "
            "that keeps within them before you use the floor.",
        ),
    ),
    SafetyRule(
        id="hip_replacement_lateral",
        description="Lateral hip replacement: as the posterior precautions: hip bent no "
        "more than 90 degrees, no crossing the midline, no turning the hip in, no kneeling "
        "on all fours, and no jumps or hops on the new hip.",
        source="hip_replacement_precautions",
        evidence="verified",
        when=Trigger(precautions=("hip_replacement_lateral",), condition=HIP_PRECAUTIONS_KEPT),
        exclude_tags=(
            "hip_flexion_past_90",
            "adduction_past_midline",
            "hip_internal_rotation",
            "impact",
        ),
        exclude_positions=ALL_FOURS,
        stop_signs=DISLOCATION_SIGNS,
        notes=(
            "Your surgeon's precautions override these; ask them when they may be lifted, "
            "and once they are, say so in your profile (hip_precautions_lifted: true) for "
            "a program without them.",
        ),
    ),
    SafetyRule(
        # The abductors cut and repaired in a lateral approach heal by the weeks, unlike
        # the precautions against dislocation, which the program keeps for all its weeks
        # (raised_seat_sit_to_stand): 12 weeks, the careful end of the usual 6-12, and
        # with the weeks not given the early stage, so all the program's weeks.
        id="hip_replacement_lateral_abduction",
        description="Lateral hip replacement, up to 12 weeks after the operation: no active "
        "lifting or pushing of the leg out to the side while the repaired muscle at the "
        "side of the hip heals.",
        source="lateral_abductor_convention",
        evidence="convention",
        when=Trigger(condition=AllOf((HIP_LATERAL, AnyOf((HIP_EARLY, HIP_MIDDLE))))),
        exclude_tags=("active_hip_abduction",),
        notes=(
            "No lifting or pushing the leg out to the side while the muscle repaired at "
            "the side of the hip heals (up to 12 weeks after the operation in this "
            "program, the careful end of the usual 6 to 12). Your surgeon's own rules "
            "override this. Once it is allowed, and your surgeon or physiotherapist "
            "agrees, build it back in steps: first a standing hold pressing the knee out "
            "into a wall (3 holds of 20 s each side to start, a little longer each week) "
            "for two to four weeks; then lifting the leg out to the side standing behind "
            "a chair, holding its back (2 sets of 8 each side to start). If your surgeon "
            "still says no, leave it out and ask them when it may start.",
        ),
    ),
    SafetyRule(
        # The abductors are what a lateral approach weakens (the stance test's weaker
        # side): once the restriction above lifts they are trained back, a rung a block.
        id="hip_replacement_lateral_abductors",
        description="Lateral hip replacement, from 12 weeks after the operation: the "
        "muscle at the side of the hip is trained back in steps, each week (from the "
        "strength phase each session) standing work pushing or lifting the leg out to "
        "the side: holds first, lifting the leg out only in a block after one with those holds, and work lying on the side "
        "(side-lying leg lifts, clamshells, side planks) only in a block after one with "
        "standing leg lifts.",
        source="lateral_abductor_convention",
        evidence="convention",
        when=Trigger(condition=AllOf((HIP_LATERAL, _state("hip_replacement", "late")))),
        requires=(
            # Weekly, and from the strength phase in every session: the weakness a
            # lateral approach leaves is what the Trendelenburg sign and the short stance
            # show.
            *ABDUCTORS_EACH_SESSION,
            # Every abduction but the isometric holds waits for a block of the holds, and
            # work lying on the side (side-lying lifts, clamshells, side planks: the whole
            # leg's lever, on the operated side) for a block of standing abduction.
            Requirement(
                kind="stepped",
                tags=("active_hip_abduction",),
                roles=("activation", "strength", "eccentric", "power", "stability", "mobility"),
                families=("standing_abduction_hold",),
            ),
            Requirement(
                kind="stepped",
                tags=("lateral_hip_compression",),
                families=("standing_hip_abduction",),
            ),
        ),
        notes=(
            "The muscle at the side of the hip, which a lateral approach repairs, comes "
            "back in steps: standing holds pressing the knee out into a wall first, "
            "lifting the leg out to the side standing in the block after, and lying on "
            "your side for it only after that. Your surgeon's own "
            "rules override this: if they still say no lifting or pushing the leg out to "
            "the side, leave those exercises out, do the rest, and ask them when they "
            "may start.",
        ),
    ),
    SafetyRule(
        # A posterior or anterior approach leaves the abductors attached, yet their
        # weakness is the main lasting deficit after any hip replacement (Judd 2014;
        # Mikkelsen 2014): a 72-year-old 16 weeks after a posterior one, his pelvis
        # dropping on the operated leg, stood 6 s on it and did standing abduction once a
        # week, as the falls rule asked. With the drop, the abductors get what a lateral
        # approach's get once its restriction lifts (ABDUCTORS_EACH_SESSION), without
        # its holds-first ladder, as nothing was cut; the ladders load the work where
        # the equipment allows (a long band; a cable).
        id="hip_replacement_abductors",
        description="From 6 weeks after a hip replacement from the back or the front, with "
        "the pelvis dropping on one leg (a positive Trendelenburg sign): the muscle at the "
        "side of the hip is trained standing (holds pressing the knee out, or leg lifts "
        "out to the side holding a support) every week, and from the strength phase in "
        "every session.",
        source="replacement_abductors_convention",
        evidence="convention",
        # A lateral approach's own rule asks the same from 12 weeks, after its
        # restriction (hip_replacement_lateral_abductors).
        when=Trigger(
            condition=AllOf(
                (
                    AnyOf(
                        (
                            Fact("precaution.hip_replacement_posterior"),
                            Fact("precaution.hip_replacement_anterior"),
                        )
                    ),
                    Not(HIP_LATERAL),
                    _state("hip_replacement", "middle", "late"),
                    Fact("test.trendelenburg.worse"),
                )
            )
        ),
        requires=ABDUCTORS_EACH_SESSION,
        notes=(
            "The muscle at the side of your new hip is what keeps the pelvis level as you "
            "stand and walk on that leg, and it is the slowest to come back after a hip "
            "replacement: each session has some standing work for it. To make the leg lifts "
            "harder over the weeks (the Otago programme uses an ankle cuff weight), a "
            "long resistance band tied low round a table leg is worth having: list it in "
            "your profile's equipment (long_band) and a new program loads them with it.",
        ),
    ),
    SafetyRule(
        id="hip_replacement_anterior",
        description="Anterior hip replacement: no hip extension combined with turning the "
        "leg out (hip extension only with the toes and knee pointing straight), and no "
        "jumps or hops on the new hip.",
        source="hip_replacement_precautions",
        evidence="verified",
        when=Trigger(precautions=("hip_replacement_anterior",), condition=HIP_PRECAUTIONS_KEPT),
        exclude_tags=("hip_extension_with_external_rotation", "impact"),
        # Hip extension stays only with a cue keeping the leg from turning out.
        guard_tags=("hip_extension",),
        stop_signs=DISLOCATION_SIGNS,
        notes=(
            "Your surgeon's precautions override these; ask them when they may be lifted, "
            "and once they are, say so in your profile (hip_precautions_lifted: true) for "
            "a program without them.",
        ),
    ),
    SafetyRule(
        # Hip pain after a hip replacement is the operated hip, not the outer hip tendon
        # picture, so the tendon rules (no crossing the midline, no fast work) do not
        # hold; what a new hip needs of them at home is said here, for every approach.
        id="hip_replacement_at_home",
        description="After a hip replacement (kept for all the program's weeks unless "
        "the profile says the surgeon has lifted the precautions, as only the surgeon "
        "lifts them): no twisting or pivoting on the operated leg, no loading it across "
        "the midline, and no fast single-leg work such as fast step-ups.",
        source="new_hip_home_convention",
        evidence="convention",
        when=Trigger(precautions=person.HIP_REPLACEMENTS, condition=HIP_PRECAUTIONS_KEPT),
        exclude_tags=(
            "stance_pivot",
            "adduction_under_load",
            "adduction_past_midline",
            "fast_single_leg",
        ),
    ),
    SafetyRule(
        # The surgeon has lifted the movement precautions, so the rules above keeping
        # the hip's range (the approach's, the raised seat, no twisting) stop: a golfer
        # 9 months after a posterior approach, cleared to play, was told no twisting or
        # pivoting and a raised seat for all 10 weeks. What stays is what a new hip keeps
        # whatever the surgeon has lifted: no jumps or hops, no fast single-leg work
        # (returned to in supervised rehabilitation), and the signs of a dislocation,
        # rarer but still possible. The stages by the weeks since the operation and the
        # load cap are rules of their own and still hold.
        id="hip_replacement_precautions_lifted",
        description="After a hip replacement whose movement precautions the surgeon has "
        "lifted: no limit on how far the hip bends, crosses or turns, and sit to stands "
        "from an ordinary chair (from 12 weeks after the operation), but still no jumps "
        "or hops and no fast single-leg work on the new hip.",
        source="barnsley2015",
        evidence="recalled",
        when=Trigger(
            precautions=person.HIP_REPLACEMENTS, condition=Fact("profile.hip_precautions_lifted")
        ),
        exclude_tags=("impact", "fast_single_leg"),
        stop_signs=DISLOCATION_SIGNS,
        notes=(
            "Your surgeon has lifted your hip precautions, so this program no longer limits "
            "how far your hip bends, crosses or turns: build the range back gradually, "
            "within the pain traffic light. Jumps, hops and fast single-leg work stay out "
            "of a home program on a new hip; your surgeon's own rules override this.",
        ),
    ),
    SafetyRule(
        id="hip_replacement_pain",
        description="After a hip replacement, hip pain of 4/10 or more: no side-lying "
        "exercises and nothing that presses on or squeezes the outer hip (lying on it, "
        "loaded or sustained adduction) until it settles.",
        # The operated hip's pain is read as the new joint healing, not the tendon
        # picture; what that picture's rule keeps off a painful outer hip still holds for
        # it (Grimaldi 2015's compression load, a convention after a replacement).
        source="new_hip_home_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    AnyOf(tuple(Fact(f"precaution.{p}") for p in person.HIP_REPLACEMENTS)),
                    Fact("pain.hip", ">=", person.OUTER_HIP_ALONE),
                )
            )
        ),
        exclude_tags=("sustained_hip_adduction", "lateral_hip_compression", "adduction_under_load"),
        exclude_positions=("side-lying",),
    ),
    SafetyRule(
        # The operated hip's outer pain is not read as the tendon picture (whose rules
        # keep every side-lying position out), and under 4/10 hip_replacement_pain keeps
        # none out either: a golfer 9 months after his hip replacement, with a 2/10 ache
        # at the side of the hip after a round and a pelvis that drops, did side-lying
        # leg raises in all 30 sessions. The tendons at the side of the hip may still be
        # what aches, so they are loaded standing first (Grimaldi & Fearon 2015), as the
        # lateral approach's abductors are rebuilt (hip_replacement_lateral_abductors).
        id="hip_replacement_outer_hip",
        description="After a hip replacement from the back or the front (a lateral "
        "approach's own rules rebuild the side of the hip), outer hip pain of 2/10 or "
        "more: the side of "
        "the hip is trained standing (holds pressing the knee out, or standing leg lifts "
        "out to the side) in every session, and work lying on the side (side-lying leg "
        "lifts, clamshells, side planks) only in a block after one with that standing "
        "work, and then one such exercise a session at most.",
        source="outer_hip_standing_first_convention",
        evidence="convention",
        # Not after a lateral approach, whose own rules keep active abduction out for 12
        # weeks and then rebuild it in these same steps (hip_replacement_lateral_abductors):
        # asked twice, it was only left out twice in the weeks neither could fit it.
        # The person state holds the pain (2/10 or more after a hip replacement), so the
        # person summary and this rule agree.
        when=Trigger(
            condition=AllOf(
                (Fact("state.outer_hip", "==", "after_hip_replacement"), Not(HIP_LATERAL))
            ),
        ),
        requires=(
            # Optional: with no room for it, it is left out with a warning.
            Requirement(
                kind="session",
                families=("standing_abduction_hold", "standing_hip_abduction"),
                each=False,
                optional=True,
            ),
            Requirement(
                kind="stepped",
                tags=("lateral_hip_compression",),
                families=("standing_abduction_hold", "standing_hip_abduction"),
            ),
        ),
        # Once it comes, one exercise lying on the side a session, not a side-lying leg
        # lift, a clamshell and a side plank together (a convention).
        limits=(Limit(tags=("lateral_hip_compression",), max_per_session=1),),
        notes=(
            "With the ache at the side of your hip, train that side standing first: "
            "press the knee out into a wall or a band, or lift the leg out to the side "
            "holding a chair. Lying on your side presses on the sore tendons, so "
            "side-lying leg lifts and clamshells come in a later block, and lie on the "
            "other side in bed, a pillow between your knees (Grimaldi & Fearon 2015).",
        ),
    ),
    SafetyRule(
        # Groin pain after a hip replacement is not a footballer's adductor groin: it can
        # be the iliopsoas tendon catching where it crosses the front of the new joint,
        # or the joint itself (a loosening or an infection of the implant), which the
        # surgeon works up (Henderson & Lachiewicz 2012); so the groin rules' adductor
        # ladder and sport advice do not apply (their triggers leave hip replacements
        # out). Not a red flag, which would stop the program: no source gives a mild
        # ache that comes with activity an urgency, so it is a note, and when to be seen
        # (the same day with the septic signs of the NHS hip pathway) is a convention.
        id="hip_replacement_groin_pain",
        description="After a hip replacement, groin pain (at the front of the hip) is not "
        "read as a groin strain (no adductor programme or sport advice for it): a note "
        "says to have it checked by the surgical team or a physiotherapist, and when "
        "(a convention).",
        source="henderson_lachiewicz2012",
        evidence="convention",
        when=Trigger(precautions=person.HIP_REPLACEMENTS, pain=(("groin", 1),)),
        notes=(
            "Pain in the groin or at the front of the new hip is not treated here as a "
            "groin strain: it can come from the hip-flexor tendon (iliopsoas) rubbing "
            "where it crosses the front of the new joint, or from the joint itself, which "
            "an exercise program cannot tell apart (Henderson & Lachiewicz 2012). Tell "
            "your surgical team or physiotherapist about it, and book a check soon if it "
            "is still there 3 months or more after the operation, is new or growing, "
            "comes at rest or at night, or comes when you lift the leg (climbing stairs, "
            "getting into a car). Get seen the same day if the hip turns hot, red or "
            "swollen, or you feel feverish.",
        ),
    ),
    SafetyRule(
        # What groin_pain_high keeps out in the amber zone, for the new hip whose groin
        # pain that rule leaves to hip_replacement_groin_pain: swung weights, side lunges
        # and fast changes of direction wait while it is 4/10 or more (a convention).
        id="hip_replacement_groin_pain_high",
        description="After a hip replacement, groin pain of 4/10 or more: no swung "
        "weights, no fast work on one leg or turning landings, and no side or curtsy "
        "lunges until it settles.",
        source="groin_pain_convention",
        evidence="convention",
        when=Trigger(precautions=person.HIP_REPLACEMENTS, pain=(("groin", 4),)),
        exclude_tags=("ballistic", "fast_single_leg", "rotational_landing", "multiplanar_lunge"),
        notes=(
            "Swung weights and side lunges come in a new program, once the front of the "
            "hip stays at 3/10 or less in and after workouts.",
        ),
    ),
    SafetyRule(
        id="joint_replacement_early",
        description="The first 6 weeks after a joint replacement: holds, easy strength work "
        "and supported standing work only; no single-leg or split stances.",
        source="joint_replacement_stages",
        evidence="convention",
        when=Trigger(condition=AnyOf((HIP_EARLY, _state("knee_replacement", "early")))),
        exclude_tags=(
            "unsupported_balance",
            "balance_challenge",
            "single_leg_squat",
            "asymmetric_loading",
            "impact",
            "deep_loaded_knee_flexion",
            "stance_pivot",
            "arms_crossed",
        ),
        exclude_roles=("power",),
        cap=Cap(max_level=2, max_rpe=5),
        stop_signs=AFTER_SURGERY_SIGNS,
    ),
    SafetyRule(
        id="joint_replacement_middle",
        description="6 to 12 weeks after a joint replacement: strength work within the "
        "precautions, balance next to a support, no single-leg squats or jumps, and no "
        "full planks or side planks from the feet.",
        source="joint_replacement_stages",
        evidence="convention",
        when=Trigger(condition=AnyOf((HIP_MIDDLE, _state("knee_replacement", "middle")))),
        exclude_tags=(
            "unsupported_balance",
            "balance_challenge",
            "single_leg_squat",
            "impact",
            "stance_pivot",
            "arms_crossed",
            # A whole-body lever on the healing joint (a side plank lies on it): the
            # hardest trunk holds wait for the late stage, a convention.
            "high_abdominal_pressure",
        ),
        cap=Cap(max_rpe=7),
        stop_signs=AFTER_SURGERY_SIGNS,
    ),
    SafetyRule(
        # Said once, here: the note, the weeks the rule holds in and the exercises it
        # leaves agree. Every sit to stand carries chair_rise; only one whose cue names
        # the raised seat (guarding it) stays. The exercises done sitting go on the same
        # seat (the note): on an ordinary chair the hip sits at 90 degrees or more, and a
        # man after a posterior replacement pressed his knees out sitting on one.
        id="raised_seat_sit_to_stand",
        description="While a new hip may not bend past 90 degrees (posterior and lateral "
        "approaches; this program keeps the precaution for all its weeks, as only the "
        "surgeon lifts it, unless the profile says they have): every sit to stand from a firm, raised seat, pushing on the "
        "armrests with the operated leg slid a little forward; no arms-crossed, low-seat "
        "or ordinary-chair sit to stands, fast ones included.",
        source="raised_seat_convention",
        evidence="convention",
        when=Trigger(condition=HIP_FLEXION_PRECAUTION),
        guard_tags=("chair_rise",),
        notes=(
            "While your hip may not bend past 90 degrees, stand up from a firm, high chair "
            "(or a firm cushion on the seat) pushing on the armrests, the operated leg slid "
            "a little forward, every time, and do the exercises done sitting on that same "
            "high seat, hips higher than the knees. This program keeps that precaution for "
            "all its weeks, as only your surgeon can lift it; once they do, say so in your "
            "profile (hip_precautions_lifted: true) and a new program brings the ordinary "
            "chair back.",
        ),
    ),
    SafetyRule(
        # The same seat for the stages of recovery, where no approach precaution holds
        # it for longer (an anterior hip, a knee): up to 12 weeks, by the stages.
        id="raised_seat_after_replacement",
        description="Up to 12 weeks after a hip or knee replacement: every sit to stand "
        "from a firm, raised seat, pushing on the armrests (after a hip replacement, the "
        "operated leg slid a little forward); no arms-crossed, low-seat or ordinary-chair sit to stands, fast "
        "ones included.",
        source="raised_seat_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (AnyOf((HIP_EARLY, HIP_MIDDLE, KNEE_EARLY_MIDDLE)), Not(HIP_FLEXION_PRECAUTION))
            )
        ),
        guard_tags=("chair_rise",),
        notes=(
            "Stand up from a firm, high chair (or a firm cushion on the seat) pushing on the "
            "armrests every time (after a hip replacement, with the operated leg slid a "
            "little forward); an ordinary "
            "chair comes from 12 weeks after the operation, unless your surgeon says "
            "otherwise.",
        ),
    ),
    SafetyRule(
        id="knee_replacement",
        description="Knee replacement: no kneeling on the knee and no impact (practice convention).",
        source="knee_replacement_convention",
        evidence="convention",
        when=Trigger(precautions=("knee_replacement",)),
        exclude_tags=("kneeling_on_knee", "impact"),
        stop_signs=("the knee more swollen, hot or red than before, or a new fever",),
        notes=("Your surgeon's precautions override these.",),
    ),
    SafetyRule(
        id="joint_replacement_loads",
        description="After a hip or knee replacement: nothing heavier than an "
        "8-repetition load (8-12 repetitions at the heaviest), at any stage.",
        source="replacement_loads_convention",
        evidence="convention",
        when=Trigger(
            precautions=(
                "hip_replacement_posterior",
                "hip_replacement_lateral",
                "hip_replacement_anterior",
                "knee_replacement",
            )
        ),
        cap=Cap(min_rm=8),
        notes=(
            "An ache around the new joint during or after exercise is common while it "
            "heals: keep it within the traffic light, settled by the next morning.",
        ),
    ),
    SafetyRule(
        id="knee_replacement_deep_bending",
        description="Up to 12 weeks after a knee replacement: no deep loaded knee bending.",
        source="joint_replacement_stages",
        evidence="convention",
        when=Trigger(condition=KNEE_EARLY_MIDDLE),
        exclude_tags=("deep_loaded_knee_flexion",),
    ),
    SafetyRule(
        # The hip's counterpart of the knee rules below, in their shape (loaded_lifts):
        # the extensor and abductor weakness after a hip replacement lasts a year or two,
        # and progressive resistance training rebuilds it (Mikkelsen 2014; Husby 2009).
        # A golfer 9 months after his, with dumbbells and bands at home, was given 10
        # weeks of bodyweight work with no bridge, hip thrust or loaded lift: nothing
        # asked for one. From 6 weeks, the middle stage, whose strength work holds
        # bridges and sit to stands (joint_replacement_stages); not the early stage's
        # holds and easy work. The lifts stay within the precautions in force (a bridge
        # or hip thrust keeps the hip under 90 degrees; a sit to stand holding a weight
        # needs an ordinary chair, so comes once the raised seat is no longer kept), the
        # 8RM cap (joint_replacement_loads) and the stage's effort cap; the first-load
        # dosing starts them light. Free weights only: a cable is not one to bridge with.
        id="hip_replacement_loaded_lifts",
        description="From 6 weeks after a hip replacement, with a weight to lift: every "
        "week of the strength phase holds a hip lift with a weight (a bridge, hip thrust "
        "or deadlift holding one) and a leg lift with a weight (a sit to stand holding one, a squat or "
        "a step-up), and every power week one of them, no heavier than an 8-repetition "
        "load, where the other rules and the minutes leave one.",
        source="mikkelsen2014",
        evidence="recalled",
        when=Trigger(
            condition=AllOf((_state("hip_replacement", "middle", "late"), HAS_FREE_WEIGHTS))
        ),
        # The quarter squat holding a weight at a counter (mini_squat) is the leg lift that
        # keeps the hip well under 90 degrees without a chair: with the precautions kept,
        # and no step, it is the one left.
        requires=loaded_lifts(OSTEOPOROSIS_HIP_LIFTS, (*OSTEOPOROSIS_LEG_LIFTS, "mini_squat")),
        notes=(
            "Your new hip's muscles need weights to get strong again: each strength week "
            "has a bridge or hip thrust and a sit to stand, squat or step-up holding a "
            "weight (while the hip may not bend past 90 degrees, a quarter squat at a "
            "counter), started light and made heavier over the weeks, never heavier than one you "
            "could lift 8 times (Mikkelsen 2014; Husby 2009).",
        ),
    ),
    SafetyRule(
        id="knee_replacement_loaded_knee_work",
        description="From 6 weeks after a knee replacement, with a weight to lift: every "
        "week of the strength phase holds a two-leg knee lift with a weight (a goblet squat "
        "or a sit to stand holding one), and every power week a knee lift with a weight, "
        "no heavier than an 8-repetition load, where the other rules and the minutes "
        "leave one.",
        # The quadriceps stay weak for years after a knee replacement, and progressive
        # resistance training is what restores them (Bade & Stevens-Lapsley 2011; Artz
        # 2015). A woman 8 months after hers, with dumbbells and a kettlebell at home,
        # was given 10 weeks of hip work and one bodyweight step-up a week: nothing asked
        # for the knee with a weight, as trained_lifts_loaded asks only of trained people
        # and the knee findings' work is met by a bodyweight step-up. Not the early stage,
        # whose holds and easy work come first; in the middle stage the deep-bending rule
        # leaves the sit to stand. The one-leg lift is the next rule's, which holds where
        # single-leg work is free. The 8RM cap (joint_replacement_loads) and the
        # first-load dosing start the lifts light. Optional: where the minutes or the
        # other rules leave no such lift, the program says so.
        source="bade2011",
        evidence="recalled",
        when=Trigger(condition=AllOf((KNEE_PAST_EARLY, HAS_WEIGHTS))),
        requires=loaded_lifts(KNEE_TWO_LEG_LIFTS, power=(*KNEE_TWO_LEG_LIFTS, *KNEE_ONE_LEG_LIFTS)),
        notes=(
            "Your new knee's thigh muscles need weights to get strong again: each strength "
            "week has a squat or a sit to stand holding a weight, started light and made "
            "heavier over the weeks, never heavier than one you could lift 8 times (Bade & "
            "Stevens-Lapsley 2011).",
        ),
    ),
    SafetyRule(
        id="knee_replacement_loaded_one_leg",
        description="From 12 weeks after a knee replacement, with a weight to lift and "
        "nothing keeping single-leg work next to a support (a raised risk of falling, "
        "osteoporosis): every week of the strength and power phases also holds a one-leg "
        "knee lift with a weight (a split squat or a step-up holding dumbbells or a "
        "kettlebell), no heavier than an 8-repetition load, where the other rules and the "
        "minutes leave one.",
        # The knee loaded on two days a week or more, as progressive resistance after a
        # knee replacement is (Bade & Stevens-Lapsley 2011), and on one leg, where the
        # operated side cannot lean on the other. From the late stage, the one for
        # single-leg work (joint_replacement_stages); not where the falls or osteoporosis
        # rules leave out every free-standing single-leg lift, whose programs would only
        # say it was left out. The power weeks keep it: the quadriceps weakness after a
        # knee replacement outlasts a program (Meier 2008, recalled), and hills and stairs
        # are climbed on one leg. With the two-leg rule's power ask met by any knee lift,
        # a man of 67, 26 weeks after his, walking hills on Saturdays, went from a
        # step-up with dumbbells and a bodyweight one in week 8 to a sit to stand holding
        # a weight and no step-up, step-down or split squat in weeks 9-10. The lift is
        # one the strength weeks loaded (the power weeks start no new lift), so it goes
        # on from its load.
        source="bade2011",
        evidence="recalled",
        when=Trigger(
            condition=AllOf(
                (
                    _state("knee_replacement", "late"),
                    HAS_WEIGHTS,
                    Not(AnyOf(SINGLE_LEG_KEPT_SUPPORTED)),
                )
            )
        ),
        requires=loaded_lifts(KNEE_ONE_LEG_LIFTS),
        notes=(
            "Each strength and power week also has a split squat or a step-up holding a "
            "weight, so the new knee works on its own, not leaning on the other leg.",
        ),
    ),
    SafetyRule(
        id="knee_replacement_step_downs",
        description="From 12 weeks after a knee replacement, with the knee hurting on "
        "stairs, and nothing keeping single-leg work next to a support (a raised risk of "
        "falling, osteoporosis): every week of the strength and power phases holds a slow "
        "step-down (a forward step-down from a low step with a hand on a rail, or a "
        "lateral step-down), lowering over 3-4 seconds, where the other rules and the "
        "minutes leave one.",
        # Going down stairs and hills loads the quadriceps eccentrically, and it is what
        # hurts: eccentric resistance training built quadriceps strength and stair descent
        # after a knee replacement (LaStayo 2009, recalled). A woman 8 months after hers,
        # whose knee ached on stairs down and downhill and who wanted a hike with 600 m of
        # descent, had no step-down in 12 weeks: the knee findings' work is met by a
        # step-up. The stair sign asks it for both directions; the weaker leg first and
        # the rail are conventions. From the late stage, as the earlier stages leave out
        # single-leg squats; with a raised risk of falling the falls rule's step-up
        # beside a rail trains the stairs instead. Optional: where the minutes or the
        # other rules leave none, the program says so.
        source="lastayo2009",
        evidence="recalled",
        when=Trigger(
            condition=AllOf(
                (
                    _state("knee_replacement", "late"),
                    Fact("sign.knee_pain_stairs_running", optional=True),
                    Not(AnyOf(SINGLE_LEG_KEPT_SUPPORTED)),
                )
            )
        ),
        requires=(
            Requirement(
                kind="weekly",
                families=("step_down",),
                phases=("strength", "power"),
                optional=True,
            ),
        ),
        notes=(
            "Going down stairs and hills is slow lowering on one leg, so each strength and "
            "power week has a step-down: lower over 3-4 seconds, knee over the middle toes, "
            "the weaker leg first, from a low step that gets higher as it gets easy "
            "(LaStayo 2009). For long descents on a hike, walking poles take load off the "
            "knee.",
        ),
    ),
    SafetyRule(
        # The knee rules above ask for loaded lifts and slow step-downs each week; with
        # six short sessions a week they landed on six days in a row (a step-up with
        # dumbbells, a split squat with dumbbells, step-downs, a goblet squat...), at
        # efforts of 7-8/10 that heavy_squats_apart does not count. Garber 2011's 48
        # hours between sessions for the same muscles, applied to all of this work on the
        # operated knee whatever its effort, is gluteus's convention. The work on one leg
        # counts at any load, as the operated knee carries the body alone (a step-down is
        # slow lowering by design); on two legs only with a weight, so a sit to stand or
        # a squat for everyday function may come daily. The asks are weekly, so a
        # program of 6 or 7 sessions still has 3 or 4 days for them. With those days
        # few, the two lifts with a weight the rules above ask for could share one day:
        # one of them a session keeps the knee loaded on two days a week or more, as
        # progressive resistance after a knee replacement is (Bade & Stevens-Lapsley
        # 2011; the one a session is gluteus's convention).
        id="knee_replacement_knee_work_apart",
        description="After a knee replacement: knee work on one leg (split squats, "
        "lunges, step-ups, step-downs, single-leg squats, at any load) and squats or sits "
        "to stand holding a weight never on two days in a row, so the thigh muscles of "
        "the new knee get 48 hours between them (a convention after Garber 2011); a squat "
        "or a sit to stand without a weight may come any day. At most one knee lift with "
        "a weight in a session, so the lifts spread over two days a week or more, and at "
        "most two exercises of one-leg knee work.",
        source="garber2011",
        evidence="convention",
        when=Trigger(precautions=("knee_replacement",)),
        limits=(
            Limit(
                families=KNEE_ONE_LEG_WORK,
                loaded_families=KNEE_TWO_LEG_LIFTS,
                not_on_consecutive_days=True,
            ),
            Limit(
                loaded_families=(*KNEE_TWO_LEG_LIFTS, *KNEE_ONE_LEG_LIFTS, "single_leg_squat"),
                max_per_session=1,
            ),
            # At most two one-leg knee exercises in a session, at any load: a woman 9
            # months after a knee replacement went from 3 one-leg sets a week to 9-10 on
            # the new knee in one Saturday (a lunge, a step-up and a step-down). A
            # convention, as the one loaded lift a session is.
            Limit(families=KNEE_ONE_LEG_WORK, max_per_session=2),
        ),
        notes=(
            "The new knee's strength work (lifts with a weight, and any step-up, "
            "step-down, lunge or single-leg squat) comes on days apart, so its thigh "
            "muscles have 48 hours to recover between sessions (Garber 2011); the days "
            "between train the hip, balance and trunk. One lift with a weight for the knee "
            "a session spreads them over the week.",
        ),
    ),
    # --- Bone and blood pressure ---------------------------------------------------------
    SafetyRule(
        id="osteoporosis",
        description="With osteoporosis: no loaded bending or twisting of the spine, no "
        "rotation with the trunk bent, no rounding the spine to the end of its range "
        "(hugging a knee to the chest), no swings or other fast loaded hinges, no "
        "high-impact work, nothing heavier than an 8-repetition load at home, and balance "
        "and single-leg work only next to something sturdy to hold.",
        source="giangregorio2014",
        evidence="recalled",
        when=Trigger(condition=BONE_OSTEOPOROSIS),
        # A swing at home easily turns into fast loaded spinal flexion, and a fall is a
        # fracture (Giangregorio 2014): no ballistic loads, supported balance only. End-
        # range flexion unloaded (a knee hugged to the chest, shown as an easier cue) is
        # left out too: Giangregorio 2014 warns against end-range trunk flexion; leaving
        # out the unloaded knee hug is a convention on it.
        exclude_tags=(
            "end_range_spinal_flexion",
            "loaded_spinal_flexion",
            "loaded_twist",
            "flexion_rotation",
            "impact",
            "ballistic",
            "unsupported_balance",
            "balance_challenge",
            "single_leg_squat",
        ),
        # Progressive resistance at a moderate load (Giangregorio 2014); heavier (5RM)
        # lifting was safe only supervised (LIFTMOR, Watson 2018).
        cap=Cap(min_rm=8),
        stop_signs=SPINAL_FRACTURE_SIGNS,
        # The notes on weights are osteoporosis_loaded_lifts', said only to someone with
        # a weight to lift.
        notes=("Do balance and single-leg exercises next to a kitchen counter.",),
    ),
    SafetyRule(
        id="osteoporosis_hinge_drill_first",
        description="With osteoporosis, the hip hinge is learnt unloaded first: the hip "
        "hinge drill every week of the first phase, a hinge (Romanian deadlift, deadlift, "
        "single-leg Romanian deadlift) only after the drill has been done in an earlier "
        "week, or earlier in the same session, and the first session with a weight checked "
        "by a physiotherapist or trainer.",
        # Loaded spinal flexion is the movement to avoid (Giangregorio 2014): a hinge keeps
        # the spine neutral only once the hip, not the back, has learnt to bend, as the back
        # finding's rule asks. Drill first for osteoporosis is a convention; the supervised
        # check follows LIFTMOR (Watson 2018), whose lifting was always supervised.
        source="giangregorio2014",
        evidence="convention",
        when=Trigger(condition=BONE_OSTEOPOROSIS),
        requires=(
            Requirement(
                kind="drill_first",
                families=("hip_hinge",),
                then=("deadlift", "single_leg_rdl", "kettlebell_swing"),
            ),
            # Taught through the first block, so weeks of drills come before any weight
            # rather than one set before the first loaded rep. Optional: with no room for
            # it, the program says so and the gate above still holds.
            Requirement(
                kind="weekly", families=("hip_hinge",), phases=("activation",), optional=True
            ),
        ),
        notes=(src.HINGE_DRILL_FIRST_NOTE,),
    ),
    SafetyRule(
        id="osteoporosis_loaded_lifts",
        description="With osteoporosis and a weight to lift: every week of the strength "
        "and power phases holds a hip lift with a weight (a Romanian deadlift once the hinge "
        "drill is learnt, a hip thrust or a bridge with a weight) and a leg lift with a "
        "weight (a sit to stand or squat holding one), each on two days of the week, no "
        "heavier than an 8-repetition load, where the other rules and the minutes leave one.",
        # Bone answers to load: progressive resistance training at 8-12 repetitions is
        # the exercise Giangregorio 2014 recommends, and LIFTMOR (Watson 2018) built
        # bone with loaded lifts. A novice at home with dumbbells was given 8 weeks of
        # bodyweight bridges and chair rises: nothing asked for a weight, as
        # trained_lifts_loaded asks only of trained people. The osteoporosis rule's
        # 8RM cap, its exclusions (no single-leg or unsupported lifts) and the hinge
        # drill first still hold. The power weeks keep one lift beside the fast sit to
        # stand: the recommended resistance training goes on twice a week or more, not
        # for one phase. Optional: where the minutes or the other rules leave no lift,
        # the program says so.
        source="giangregorio2014",
        evidence="recalled",
        when=Trigger(
            condition=AllOf(
                (
                    BONE_OSTEOPOROSIS,
                    HAS_FREE_WEIGHTS,
                )
            )
        ),
        requires=BONE_LOADED_LIFTS,
        # Said here, with a weight to lift, not to everyone with osteoporosis: a person
        # with bands and a chair was told how heavy to lift and to have the first session
        # with a weight watched.
        notes=(
            "Lift no heavier than a weight you could lift 8 times: heavier lifting with "
            "osteoporosis has been shown safe only with a trainer watching (LIFTMOR, Watson "
            "2018).",
            "Have your first session with a weight watched by a physiotherapist or trainer, "
            "who checks that the back stays long at the bottom of every rep: lifting with "
            "osteoporosis was shown safe with a trainer watching (LIFTMOR, Watson 2018).",
        ),
    ),
    SafetyRule(
        id="osteoporosis_balance",
        description="With osteoporosis: balance work every week, standing heel to toe or on "
        "one leg next to something sturdy to hold, as a fall is what breaks the bone.",
        # Giangregorio 2014 recommends balance training with osteoporosis (about 2 hours
        # a week in total); the osteoporosis rule keeps it next to a support. A man of 60
        # with a vertebral fracture had none in 8 weeks: nothing asked for it, and his
        # findings' exercises hold no balance work. Every week is a convention on that
        # total; optional, so a week the minutes leave without it is said, not failed.
        source="giangregorio2014",
        evidence="recalled",
        when=Trigger(condition=BONE_OSTEOPOROSIS),
        requires=(Requirement(kind="weekly", families=FALLS_BALANCE, each=False, optional=True),),
        notes=(
            "Balance training is recommended with osteoporosis, as falls break bones "
            "(Giangregorio 2014): practise it outside the sessions too, a few minutes on "
            "most days holding a kitchen counter, standing heel to toe or on one leg (how "
            "often is a convention here).",
        ),
    ),
    SafetyRule(
        id="osteopenia",
        description="With low bone density (osteopenia) and no fracture from a minor fall: "
        "no loaded bending or twisting of the spine and no rotation with the trunk bent; "
        "running, jumps and single-leg work stay, built up gradually, unless another rule "
        "says otherwise.",
        # Giangregorio 2014 advises against loaded spinal flexion, twisting under load and
        # end-range flexion with rotation with osteoporosis, and leaves out high impact
        # only after a vertebral fracture. Carrying the spinal limits over to low bone
        # density is a convention; impact and single-leg work are not left out, as bone
        # answers to impact and load (LIFTMOR, Watson 2018, in women with low bone mass).
        # A woman of 58 with osteopenia who ran 5 km three times a week was given the
        # osteoporosis program: no high impact, no jumps, every single-leg lift at a
        # support, and nothing about her running.
        source="giangregorio2014",
        evidence="convention",
        when=Trigger(condition=BONE_OSTEOPENIA),
        exclude_tags=("loaded_spinal_flexion", "loaded_twist", "flexion_rotation"),
        stop_signs=SPINAL_FRACTURE_SIGNS,
        notes=(
            "Low bone density is no reason to stop running or jumping: impact and lifting "
            "with a weight are what build bone (Watson 2018). Keep up the running you "
            "already do, and build any new jumping or hopping up gradually (how gradually "
            "is a convention here: a few more landings each week).",
        ),
    ),
    SafetyRule(
        id="osteopenia_loaded_lifts",
        description="With low bone density (osteopenia) and a weight to lift: every week of "
        "the strength and power phases holds a hip lift with a weight (a Romanian deadlift, "
        "a hip thrust or a bridge with a weight) and a leg lift with a weight (a squat, "
        "split squat, step-up or sit to stand holding one), each on two days of the week, "
        "where the other rules and the minutes leave one.",
        # Progressive resistance training is what Giangregorio 2014 recommends with
        # osteoporosis, and LIFTMOR (Watson 2018) built bone with loaded lifts in women
        # with low bone mass. The lifts are osteoporosis_loaded_lifts'; the 8-repetition cap
        # is not carried over (it is for osteoporosis lifting unsupervised), so the
        # person's usual dosing holds. Optional: where the minutes or the other rules
        # leave no lift, the program says so.
        source="giangregorio2014",
        evidence="recalled",
        when=Trigger(condition=AllOf((BONE_OSTEOPENIA, HAS_FREE_WEIGHTS))),
        requires=BONE_LOADED_LIFTS,
        notes=(
            "Lifting with a weight, made heavier over the weeks, is what builds bone with "
            "low bone density (LIFTMOR, Watson 2018): keep the back long at the bottom of "
            "every rep.",
        ),
    ),
    SafetyRule(
        id="bone_lifts_from_the_start",
        description="With low bone density (osteopenia or osteoporosis), a weight to lift "
        "and no pain of 4/10 or more: every week of the first phase already holds a hip "
        "lift with a weight (a Romanian deadlift once the hinge drill is learnt, a hip "
        "thrust or a bridge with a weight) and a leg lift with a weight (a squat, split "
        "squat, step-up or sit to stand holding one), at a light load (12 or more reps, "
        "effort 5-6/10) beside the control work, where the other rules leave one.",
        # A woman of 50 with osteopenia and dumbbells at home had three weeks of
        # clamshells and side-lying leg raises before her first weight: the bone rules
        # asked for lifts from the strength phase only. LIFTMOR (Watson 2018) began with
        # a month of light-load familiarisation with the very lifts it then loaded; the
        # first phase's own light dose (12-20 reps, effort 5-6/10) is that here, and the
        # bone rules' heavier weeks follow. Pain of 4/10 or more leaves the first weeks
        # as they are, as for trained people; the osteoporosis rules (no single-leg or
        # unsupported lifts, the 8RM cap, the hinge drill first) still hold. Optional:
        # where the time or the other rules leave no room, the program says so.
        source="bone_loaded_start_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    AnyOf((BONE_OSTEOPENIA, BONE_OSTEOPOROSIS)),
                    LIGHT_LIFTS_FROM_THE_START,
                )
            )
        ),
        requires=loaded_lifts(
            OSTEOPOROSIS_HIP_LIFTS, OSTEOPOROSIS_LEG_LIFTS, phase="activation", power=()
        ),
    ),
    SafetyRule(
        id="hypertension",
        description="High blood pressure: no breath-held straining, nothing heavier than an "
        "8-repetition load and a moderate effort (lighter still with a reading of 160/100 or "
        "more); breathe out on the effort (holds are fine with steady breathing).",
        source="hypertension_valsalva",
        evidence="recalled",
        when=Trigger(condition=_state("blood_pressure", "high")),
        exclude_tags=("breath_hold", "ballistic"),
        # Pescatello 2015: 60-70% of a one-repetition maximum (8-12 reps), RPE 7 at most.
        cap=Cap(max_rpe=7, min_rm=8),
        notes=("Breathe out on the effort and never hold your breath, in holds too.",),
        # Pescatello 2015's stop signs beyond those for everyone.
        stop_signs=("a severe headache",),
    ),
    SafetyRule(
        # The profile's own reading at 140/90 or more (below the 180/110 that sends to a
        # doctor first): training may go ahead at a moderate effort, and the reading is
        # worth a check with the GP, who confirms high blood pressure by repeated or home
        # readings (NICE NG136). Saying so is the convention; the threshold is NICE's.
        id="blood_pressure_reading_check",
        description="A resting blood pressure reading of 140/90 or more: have it checked "
        "by your GP, and train at a moderate effort meanwhile.",
        source="nice_ng136",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    _state("blood_pressure", "high"),
                    AnyOf(
                        (
                            Fact("profile.blood_pressure.systolic", ">=", 140),
                            Fact("profile.blood_pressure.diastolic", ">=", 90),
                        )
                    ),
                )
            )
        ),
        notes=(
            "The blood pressure reading you gave is 140/90 or more: have it checked by your "
            "GP (high blood pressure is confirmed by repeated or home readings, NICE NG136), "
            "and see a doctor before training if a resting reading is ever 180/110 or more.",
        ),
    ),
    SafetyRule(
        # 160/100 or more (under the 180/110 red flag): Williams 2007 asks for a doctor
        # before resistance training. The program cannot know when that happens, so it is
        # written for the time before: no near-maximal or breath-held lifting anywhere, and
        # every weight at the light end of Pescatello 2015's moderate range (60-70% of a
        # one-repetition maximum, about a 12-repetition load or lighter) at a moderate
        # effort (6/10 at most, the ACSM's moderate), without its progression towards 80%.
        # Which loads to keep until the GP has seen the reading is the convention.
        id="blood_pressure_see_gp_first",
        description="A resting blood pressure reading of 160/100 or more: see your GP "
        "before lifting heavy; until then no near-maximal or breath-held lifting in any "
        "training, and every weight here is one you could lift 12 times or more, at an "
        "effort of 6/10 at most.",
        source="williams2007",
        evidence="recalled",
        when=Trigger(
            condition=AllOf(
                (
                    _state("blood_pressure", "high"),
                    AnyOf(
                        (
                            Fact("profile.blood_pressure.systolic", ">=", 160),
                            Fact("profile.blood_pressure.diastolic", ">=", 100),
                        )
                    ),
                )
            )
        ),
        exclude_tags=("breath_hold", "ballistic"),
        cap=Cap(max_rpe=6, min_rm=12),
        notes=(
            "Your blood pressure reading is 160/100 or more: see your GP before you lift "
            "anything heavy (at this level a doctor's check comes before resistance "
            "training, Williams 2007). Until your GP has reviewed it, do no maximal or "
            "near-maximal lifts and never hold your breath to brace, in any training, your "
            "own lifting included. This program keeps every weight to one you could lift 12 "
            "times or more, at an effort of 6/10 at most; once your GP has seen you and your "
            "readings are under 160/100, enter the new reading for a new program.",
        ),
    ),
    # --- Recovery between hard sessions --------------------------------------------------
    SafetyRule(
        # Garber 2011: the same muscles get 48 hours between hard sessions. A heavy hinge
        # works the glutes, hamstrings and back extensors at once, whichever variant.
        id="heavy_hinges_apart",
        description="Heavy hip hinges, hip thrusts and bridges (deadlifts, single-leg "
        "Romanian deadlifts, swings, hip thrusts or bridges done at an effort of 8/10 or "
        "more, or with a weight you could lift 8 times or fewer) never on two days in a "
        "row, so the glutes, hamstrings and back get 48 hours between them; lighter work "
        "may follow.",
        source="garber2011",
        evidence="recalled",
        when=Trigger(always=True),
        limits=(Limit(families=HIP_EXTENSION_FAMILIES, not_on_consecutive_days=True, heavy=True),),
    ),
    SafetyRule(
        # Garber 2011, as for the hinges: a heavy squat, split squat or step-up works the
        # quadriceps and glutes whichever variant, so one the day after another is the
        # same muscles without their 48 hours.
        id="heavy_squats_apart",
        description="Heavy squats, split squats, lunges and step-ups (done at an effort of "
        "8/10 or more, or with a weight you could lift 8 times or fewer) never on two days "
        "in a row, so the thighs and glutes get 48 hours between them; lighter work may "
        "follow.",
        source="garber2011",
        evidence="recalled",
        when=Trigger(always=True),
        limits=(Limit(families=SQUAT_FAMILIES, not_on_consecutive_days=True, heavy=True),),
    ),
    SafetyRule(
        # The person's own sport (a parkrun, track sessions, a match) works the same
        # thighs, glutes and hamstrings as hard as a heavy session does: Garber 2011's 48
        # hours between hard sessions of the same muscles, applied to the sport as one of
        # them, keeps hard leg work off the day before it. Hard is the heavy dose (effort
        # 8/10 or more, or 8RM or heavier), with or without a weight, landings, ballistic
        # swings, and lunges and step-ups driven up fast (the knee loaded as fast as in a
        # landing, as knee_pain_no_fast_single_leg treats them), and slow-lowering work
        # (the eccentric role) and the Copenhagen adduction, whose soreness lasts 24-72
        # hours (Ishøi 2016), so it would come to the sport with the person (a footballer's
        # Friday before the match held weighted slow-lowering hip thrusts and Copenhagens at
        # 7-8/10); moderate lifts (9RM or
        # lighter at an effort of 7/10 or less) may stay, since the 48 hours are about
        # hard sessions, and leaving every weight
        # off the eve emptied whole sessions (a lifter's days before 5-a-side were 10
        # minutes of clamshells). A convention, as no trial sets the day. It applies while
        # some training day is not the day before a sport day: with none, the heavy work
        # has nowhere else to go.
        id="sport_day_eve_light",
        description="The day before one of the person's sport days (the runs, track "
        "sessions, team training or matches the profile lists; when every training day "
        "is such a day, the day before one of the match days): no squats, split squats, "
        "lunges, step-ups, single-leg squats, deadlifts, hip thrusts or bridges done "
        "heavy (an effort of 8/10 or more, or a weight lifted 8 times or fewer), "
        "no jumps, hops, kettlebell swings, or lunges or step-ups driven up fast, and no "
        "slow-lowering (eccentric) exercises or Copenhagen adductions, whose soreness lasts "
        "24-72 hours; moderate "
        "lifts (an effort of 7/10 or less with a weight lifted 9 times or more) may stay, "
        "so the legs come to the sport "
        "fresh (a convention after Garber 2011's 48 hours between hard sessions of the "
        "same muscles, and Ishøi 2016, recalled).",
        source="sport_day_eve_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    Fact("profile.sport_days", ">=", 1),
                    Fact("profile.days_clear_of_sport", ">=", 1),
                )
            )
        ),
        limits=(
            Limit(tags=("impact", "ballistic", "fast_single_leg"), not_before_sport_days=True),
            Limit(
                families=(*SQUAT_FAMILIES, *HIP_EXTENSION_FAMILIES),
                heavy=True,
                not_before_sport_days=True,
            ),
            # At any dose: the soreness comes from the lowering, not from the load.
            Limit(roles=("eccentric",), families=("copenhagen",), not_before_sport_days=True),
        ),
        notes=(
            "A session on the day before your sport (the runs, track sessions, training or "
            "matches you listed) holds no heavy leg lifts, no jumps, no swings, no fast "
            "lunges or step-ups, and no slow-lowering exercises or Copenhagen adductions "
            "(their soreness lasts 1-3 days), so your legs are fresh for it: moderate lifts "
            "(a weight you could lift 9 times or more, at an effort of 7/10 or less) may "
            "stay, and the hard work comes on your sport days or the day after (a "
            "convention after Garber 2011's 48 hours between hard sessions of the same "
            "muscles, and Ishøi 2016, recalled).",
        ),
    ),
    SafetyRule(
        # sport_day_eve_light leaves the program as it is when every training day is the
        # day before a sport day (the heavy work would have nowhere to go); the person is
        # told why, and what would let the program keep those days light.
        id="sport_day_eve_every_day",
        description="Every training day is the day before one of the person's sport days: "
        "the program cannot keep those days light, and says so.",
        source="garber2011",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    Fact("profile.sport_days", ">=", 1),
                    Fact("profile.days_clear_of_sport", "==", 0),
                )
            )
        ),
        notes=(
            "Every one of your training days is the day before one of your sport days, so "
            "this program cannot keep the day before your sport free of heavy leg work, "
            "jumps and slow-lowering exercises. If you can, move a session to a sport day or "
            "the day after one and make a new program, or list your games or races as "
            "match days (schedule.match_days) so the day before them is kept light; "
            "otherwise keep the session before an "
            "important run, match or race light: leave out its heavy lifts, jumps, hops, "
            "swings, slow-lowering exercises and Copenhagen adductions (a convention after "
            "Garber 2011's 48 hours between hard sessions of the same muscles).",
        ),
    ),
    SafetyRule(
        # With every training day before some sport day, sport_day_eve_light keeps the
        # days before the match days light (Schedule.before_sport), and the days before
        # practice hold the hard work: the person is told which is which.
        id="sport_day_eve_matches_only",
        description="Every training day is the day before one of the person's sport "
        "days, and some are not the day before a match: only the days before a match are "
        "kept light, and the program says so.",
        source="garber2011",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    Fact("profile.match_days", ">=", 1),
                    Fact("profile.days_clear_of_any_sport", "==", 0),
                    Fact("profile.days_clear_of_sport", ">=", 1),
                )
            )
        ),
        notes=(
            "Every one of your training days is the day before one of your sport days, so "
            "only the sessions before your match days are kept free of heavy leg work, "
            "jumps and slow-lowering exercises; the others hold that work, and your legs "
            "may be tired at the practice that follows them: keep that practice's hardest "
            "running and jumping for the days after a lighter session if you can (a "
            "convention after Garber 2011's 48 hours between hard sessions of the same "
            "muscles).",
        ),
    ),
    SafetyRule(
        # ACSM 2009 loads novices at 8-12RM and moves to heavier loads as training
        # advances; Lloyd 2014 asks for technique before load. Applied per lift (a
        # lifter new to a lift is a novice at it: a barbell deadlift after dumbbell
        # Romanian deadlifts is a new bar, path and grip to learn) by convention, and the
        # first block in the lighter part of that range, 10RM or lighter, is a
        # convention too: no trial sets the block or the load.
        id="moderate_before_heavy",
        description="A lift's first block with a weight is moderate (an effort of 7/10 at "
        "most, 3 or more reps in reserve, a weight you could lift 10 times or more): "
        "heavy loads of a lift come only in a block after one in which the same lift was "
        "done with a weight (a barbell deadlift after dumbbell ones starts moderate too).",
        source="acsm2009",
        evidence="convention",
        when=Trigger(always=True),
        cap=Cap(max_rpe=7, min_rm=10, first_load=True),
    ),
    # --- Youth ---------------------------------------------------------------------------
    SafetyRule(
        id="youth",
        description="Under 18: technique first, no near-maximal loads, jumps and hops in "
        "small amounts and never on two days in a row, hard sets of the same exercise "
        "never on two days in a row, and no turning hops (the last rung of landing work, "
        "for a coach to bring in).",
        source="lloyd2014",
        evidence="recalled",
        when=Trigger(condition=_state("age_band", "under_18")),
        cap=Cap(min_rm=8),
        # Landing work runs two-leg, single-leg forward, sideways, then turning (Lloyd
        # 2014, the FIFA 11+); a home program cannot see the earlier rungs mastered, so
        # the turning rung is left to supervised training (a convention).
        exclude_tags=("rotational_landing",),
        # Lloyd 2014: resistance training on 2-3 non-consecutive days a week, so the same
        # exercise, worked hard, gets a day between (other work may follow it).
        limits=(
            Limit(tags=("impact",), max_weekly_sets=6, not_on_consecutive_days=True),
            Limit(
                roles=("strength", "eccentric", "isometric", "power"),
                not_on_consecutive_days=True,
                same_exercise=True,
            ),
        ),
        notes=(
            "Learn each exercise with a coach, PE teacher or physiotherapist watching before "
            "adding load: resistance training is safe and effective for young people when "
            "it is supervised and technique comes first (Lloyd 2014).",
            "The same exercise, done hard, never on two days in a row: a day between lets "
            "the muscle and tendon recover (Lloyd 2014: 2-3 non-consecutive days a week).",
        ),
    ),
    SafetyRule(
        id="youth_loaded_lifts",
        description="Under 18 with a weight to lift: every week of the strength phase holds "
        "a hip lift and a leg lift with a weight (a Romanian deadlift, hip thrust or bridge; "
        "a goblet squat, split squat or step-up), each on two days, and every power week "
        "both, at the moderate loads the youth rule allows, learnt with someone watching.",
        # Lloyd 2014 (and Faigenbaum 2009, recalled): young people gain strength safely
        # from supervised resistance training at moderate loads, 1-3 sets of 6-15, 2-3
        # days a week. A basketball player of 16 with dumbbells and a kettlebell lifted
        # no weight in 8 weeks, then once a week. Optional: where the time or the other rules leave no
        # room, the program says so.
        source="lloyd2014",
        evidence="recalled",
        when=Trigger(condition=AllOf((_state("age_band", "under_18"), HAS_FREE_WEIGHTS))),
        requires=(
            *loaded_lifts(HIP_LIFT_FAMILIES, LEG_LIFT_FAMILIES, power=(), sessions=2),
            *loaded_lifts(HIP_LIFT_FAMILIES, LEG_LIFT_FAMILIES, phase="power", power=()),
        ),
    ),
    SafetyRule(
        id="youth_abduction_volume",
        description="Under 18: at most 8 sets a week of isolated hip abduction "
        "(clamshells, side-lying leg raises, fire hydrants, standing or seated abduction), "
        "so the work spreads to step-downs, single-leg squats and landings.",
        # A convention: young athletes who also play their sport add their own load to
        # the lateral hip; piling one plane of isolated work on it risks overuse (lateral
        # hip, tensor fasciae latae), and knee control comes from whole-leg work.
        source="practice_convention",
        evidence="convention",
        when=Trigger(condition=_state("age_band", "under_18")),
        limits=(
            Limit(
                families=(
                    "clamshell",
                    "side_lying_abduction",
                    "fire_hydrant",
                    "standing_hip_abduction",
                    "seated_abduction",
                ),
                max_weekly_sets=8,
            ),
        ),
    ),
    SafetyRule(
        id="landing_progression",
        description="Landing work climbs its ladder, for everyone: a landing on one leg or "
        "in a split stance only in a block after one with two-foot jumps, a turning landing "
        "only in a block after one with hops on one leg, and a jump holding a weight only "
        "in a block after one with two-foot jumps without it.",
        # Lloyd 2014 and the FIFA 11+ (Soligard 2008) run landing work from two-leg
        # jump-land-stick to single-leg forward, sideways, then turning hops; that each
        # rung waits for a block of the one below is the convention.
        source="landing_convention",
        evidence="convention",
        when=Trigger(always=True),
        requires=(
            Requirement(kind="stepped", tags=("single_leg_landing",), families=("squat_jump",)),
            Requirement(kind="stepped", tags=("rotational_landing",), families=("hop",)),
            Requirement(kind="stepped", tags=("loaded_jump",), families=("squat_jump",)),
        ),
    ),
    SafetyRule(
        id="lunge_progression",
        description="Lunges climb their ladder, for everyone: a lunge stepping out to the "
        "side or back and across (lateral, curtsy) only in a block after one with a split "
        "squat or a forward or reverse lunge, and a lunge done fast (a reverse lunge to a "
        "knee drive) only in a block after one with a split squat or lunge done slowly.",
        # The sagittal rungs teach the knee over the foot with the pelvis level before
        # the hip is loaded away from or across the midline; whole blocks apart is the
        # convention, as for landings (above). Technique before speed (Lloyd 2014): the
        # fast lunge, a power exercise, waits for a block of the controlled ones.
        source="lunge_ladder_convention",
        evidence="convention",
        when=Trigger(always=True),
        requires=(
            Requirement(kind="stepped", tags=("multiplanar_lunge",), families=("split_squat",)),
            Requirement(
                kind="stepped",
                tags=("stepping_lunge",),
                roles=("power",),
                families=("split_squat",),
            ),
        ),
    ),
    SafetyRule(
        id="single_leg_squat_progression",
        description="Single-leg squats climb their ladder, for everyone: a single-leg squat "
        "that turns the trunk and pelvis over the standing leg only in a block after one "
        "with a plain single-leg squat done free-standing (not the one against a wall).",
        # Turning over a bent, loaded leg adds the rotation of the knee-valgus pattern
        # (Willy 2019) to a squat whose knee must first stay over the foot; the plain
        # squat is learnt first and whole blocks apart is the convention. The wall squat
        # is the rung below the free squat: it takes the balance away, which the
        # turning squat adds back, so it does not open the step.
        source="single_leg_squat_ladder_convention",
        evidence="convention",
        when=Trigger(always=True),
        requires=(
            Requirement(
                kind="stepped",
                tags=("single_leg_rotation",),
                families=("single_leg_squat",),
                after_tags=("unsupported_balance",),
            ),
        ),
    ),
    SafetyRule(
        id="plank_progression",
        description="Planks climb their ladder, for everyone: a front plank with a leg "
        "lifted only in a block after one with a plain front plank (on the knees or from "
        "the feet).",
        # Lifting a limb takes a point of support away from a hold the trunk must already
        # keep still; the plain plank is learnt first. Whole blocks apart is the convention.
        source="plank_ladder_convention",
        evidence="convention",
        when=Trigger(always=True),
        requires=(
            Requirement(kind="stepped", tags=("plank_limb_lift",), families=("front_plank",)),
        ),
    ),
    SafetyRule(
        id="one_hinge_per_session",
        description="One hinge a session, for everyone: a deadlift, a single-leg Romanian "
        "deadlift or a kettlebell swing, not two of them in the same session.",
        # One variant of a movement per session is the engine's convention for families;
        # the hinges are one movement (the hip hinge) in different stances, loading the
        # same hamstrings and back extensors, so a second variant in the session adds
        # their load without a new movement. Counting them together is the convention.
        source="practice_convention",
        evidence="convention",
        when=Trigger(always=True),
        limits=(
            Limit(families=("deadlift", "single_leg_rdl", "kettlebell_swing"), max_per_session=1),
        ),
    ),
    SafetyRule(
        id="landing_training",
        description="Knees that cave in, under 65: each power week holds two-foot jumps "
        "landed softly and held, knees over the toes, the landing training that protects "
        "the knee.",
        # Neuromuscular warm-ups built on landing training cut knee injuries in young
        # athletes (Soligard 2008, the FIFA 11+); at 65 and over impact stays out.
        # Optional: when the rules or the equipment leave no jump, a warning says so.
        source="landing_convention",
        evidence="convention",
        when=Trigger(condition=AllOf((KNEE_VALGUS, _state("age_band", "under_18", "adult")))),
        requires=(
            Requirement(kind="weekly", families=("squat_jump",), phases=("power",), optional=True),
        ),
    ),
    SafetyRule(
        id="youth_knee_control",
        description="Under 18 with knees that cave in: each strength and power week holds "
        "a step-down or a single-leg squat, done slowly with the knee over the second toe, "
        "the single-leg control the caving knee lacks.",
        # Where the isolated hip work that youth_abduction_volume caps goes instead: the
        # movement the single-leg squat test failed, trained on one leg (Willy 2019; the
        # FIFA 11+, Soligard 2008). Optional: with no step and no room for a single-leg
        # squat, a warning says it is missing.
        source="youth_knee_control_convention",
        evidence="convention",
        when=Trigger(condition=AllOf((KNEE_VALGUS, _state("age_band", "under_18")))),
        requires=(
            Requirement(
                kind="weekly",
                families=("step_down", "single_leg_squat"),
                each=False,
                phases=("strength", "power"),
                optional=True,
            ),
        ),
    ),
    SafetyRule(
        id="youth_landing_from_the_start",
        description="Under 18 with knees that cave in, and nothing in the rules against "
        "jumping: every week holds landing practice (a snap-down to a landing held on two "
        "feet, knees over the toes), from the first weeks, so the landings of the power "
        "weeks and the person's sport start from a learnt position, and go on beside them.",
        # A basketball player of 16 whose knees caved in had no landing work before week
        # 6 (Webster & Hewett 2018: landing work cuts these injuries in young athletes).
        # Optional: where the time or the other rules leave no room, a warning says so.
        source="youth_landing_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf((KNEE_VALGUS, _state("age_band", "under_18"), Not(JUMPS_RULED_OUT)))
        ),
        requires=(
            Requirement(
                kind="weekly",
                families=("snap_down",),
                optional=True,
            ),
        ),
    ),
    SafetyRule(
        id="power_as_jumps",
        description="Trained, under 65, and nothing in your rules against jumping: the "
        "power weeks hold two-foot jumps, landed softly and held (the first rung of the "
        "landing ladder); a fast sit to stand, the power work of older adults, is left out.",
        # Power is trained in the movements of the sport, jumps among the first (Haff &
        # Nimphius 2012); a chair rise with armrests trains nothing a young athlete lacks.
        # Optional: in very short sessions a warning says the jumps are missing.
        source="power_jumps_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    TRAINED,
                    Not(JUMPS_RULED_OUT),
                )
            )
        ),
        exclude_tags=("fast_chair_rise",),
        requires=(
            Requirement(kind="weekly", families=("squat_jump",), phases=("power",), optional=True),
        ),
    ),
    SafetyRule(
        id="trained_lifts_loaded",
        description="Trained (intermediate or advanced) with a weight to lift: every week "
        "of the strength phase holds a hip lift with a weight (a deadlift, Romanian "
        "deadlift, hip thrust or loaded bridge) and a leg lift with a weight (a squat, "
        "split squat, step-up or sit to stand holding a weight), and every power week "
        "both, the leg lift in at least two of its sessions (every session of a shorter "
        "week), where the other rules leave them.",
        # Intermediate and advanced lifters train multi-joint lifts at 1-12RM,
        # periodised (ACSM 2009): band and bodyweight work alone does not reach that
        # load, and an intermediate man with a full gym had about one loaded lift a week
        # and a band hip thrust as his main glute lift. The power weeks keep one: a
        # sprinter's barbell hip thrust became a band hip thrust there, strength left to
        # fade while the fast work came in (ACSM 2009 keeps strength work going beside
        # power). Both lifts, the leg lift on two days: an advanced lifter's power weeks
        # kept his two lifts on one day and filled the other three with clamshells, his
        # weighted sets falling from 15 a week to 6; ACSM 2009 trains a muscle group on
        # two days a week or more, power work added to it, not put in its place. The
        # heavy hinge stays once a week (the hinges' own rules keep it off consecutive
        # days, and the jumps load the hip), and asking both lifts on two days of a
        # 3-session week crowded out a hip replacement's abductor work each session:
        # one lift on two days is a convention between the two. Optional: where the time or the other rules leave no room, the program
        # says so.
        source="acsm2009",
        evidence="verified",
        when=Trigger(
            condition=AllOf(
                (
                    TRAINED,
                    HAS_FREE_WEIGHTS,
                )
            )
        ),
        requires=(
            *loaded_lifts(HIP_LIFT_FAMILIES, LEG_LIFT_FAMILIES, power=()),
            *loaded_lifts(HIP_LIFT_FAMILIES, phase="power", power=()),
            *loaded_lifts(LEG_LIFT_FAMILIES, phase="power", power=(), sessions=2),
        ),
    ),
    SafetyRule(
        id="trained_lifts_from_the_start",
        description="Trained (intermediate or advanced) with a weight to lift and no pain "
        "of 4/10 or more: every week of the first phase already holds a hip lift with a "
        "weight (a deadlift, Romanian deadlift, hip thrust or loaded bridge) and a leg lift "
        "with a weight (a squat, split squat, step-up or sit to stand holding a weight), "
        "at a light load (12 or more reps, effort 5-6/10) beside the control work, where "
        "the other rules leave one (an outer hip tendon starts from holds instead, and the "
        "12 weeks after a joint replacement or a birth keep their own stages).",
        # A lifter of four years was given three weeks of clamshells and bodyweight
        # lunges, half her session time unused: the activation weeks asked nothing
        # loaded of anyone. Trained people lift with loads (ACSM 2009), and knee pain
        # is treated with loaded hip and knee strengthening from the start (Willy
        # 2019); the light dose is the first phase's own (12-20 reps, effort 5-6/10),
        # and the lifts' heavier loads follow in the blocks after. Pain of 4/10 or more,
        # and an outer hip tendon (staged from holds, Mellor 2018), leave the first
        # weeks as they are. Optional: where the time or the other
        # rules leave no room, the program says so.
        source="trained_loaded_start_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    TRAINED,
                    LIGHT_LIFTS_FROM_THE_START,
                    # The outer hip tendon is loaded in its own stages, holds first.
                    Not(OUTER_HIP_TENDON),
                )
            )
        ),
        requires=loaded_lifts(HIP_LIFT_FAMILIES, LEG_LIFT_FAMILIES, phase="activation", power=()),
    ),
    SafetyRule(
        id="trained_lifts_not_on_one_kettlebell",
        description="Trained (intermediate or advanced) with a barbell or dumbbells: the "
        "heavy two-handed lifts (a deadlift, a loaded bridge, a goblet squat) are done "
        "with them, not with a single kettlebell.",
        # Kettlebells come in a few fixed weights, and a trained person's two-handed lift
        # at 6-10 repetitions asks for far more than the heaviest of them: an advanced man
        # was given a kettlebell deadlift at 6RM (a bell of some 140 kg), another an 8RM
        # kettlebell bridge the week after a barbell hip thrust. The barbell or dumbbell
        # versions carry the load; the swing and the one-leg lifts stay.
        source="practice_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    TRAINED,
                    AnyOf((Fact("equipment.barbell"), Fact("equipment.dumbbell"))),
                )
            )
        ),
        exclude_exercises=("kettlebell_deadlift", "kettlebell_glute_bridge", "goblet_squat"),
    ),
    SafetyRule(
        id="landing_ladder",
        description="Knees that cave in: jumps land on two feet and hold the landing, "
        "knees over the toes; no single-leg or turning hops, and no split jumps, until "
        "the knee stays in line on landing.",
        # Lloyd 2014 and the FIFA 11+ (Soligard 2008) run landing work from two-leg
        # jump-land-stick to single-leg forward, sideways, then turning hops, each only
        # once landing alignment is good; a valgus knee has not shown it yet.
        source="landing_convention",
        evidence="convention",
        # Only where jumps may come at all: its landing note was read by a man of 68 and
        # a girl with knee pain 4/10 whose rules leave no jumps.
        when=Trigger(condition=AllOf((KNEE_VALGUS, Not(JUMPS_RULED_OUT)))),
        exclude_tags=("single_leg_landing", "rotational_landing"),
        notes=(
            "Land every jump softly on both feet and hold the landing for a second, knees "
            "over the toes; re-take the single-leg squat test, and hops on one leg come in "
            "a new program once the knee no longer caves in.",
        ),
    ),
    SafetyRule(
        id="valgus_single_leg_load",
        description="Knees that cave in: single-leg squats, step-ups, step-downs, "
        "single-leg deadlifts, split squats and lunges stay at a controlled load (effort "
        "7/10 at most, a weight you could lift 8 times or more) until the knee stays in "
        "line on the single-leg squat test.",
        # The knee caves in most as a set nears failure, so the pattern the test found
        # at fault is not loaded near maximum; the same test gates the hops (above). A
        # split squat's front knee is that pattern too (a runner of 58 whose knee caves in
        # reached a 5-6RM split squat while her step-ups were held at effort 7): the cap
        # counts every single-leg excursion, and names the load as well as the effort.
        source="valgus_load_convention",
        evidence="convention",
        when=Trigger(condition=KNEE_VALGUS),
        cap=Cap(
            max_rpe=7,
            min_rm=8,
            tags=("single_leg_squat", "single_leg_step", "single_leg_excursion"),
        ),
        notes=(
            "Single-leg squats, step-ups, single-leg deadlifts, split squats and lunges "
            "stay at a controlled load, with 3 or more reps in reserve, knee over the toes "
            "on every rep; "
            "heavier single-leg work comes in a new program once the single-leg squat "
            "test shows the knee no longer caves in.",
        ),
    ),
    SafetyRule(
        # The knee caves in most as the muscles holding it in line tire (hence the
        # controlled load above); sets of single-leg squats the day before a run or match
        # send them into the sport tired (a runner of 58 whose knee caves in had 3 x 12
        # single-leg squats on the Friday before her Saturday parkrun). Keeping the
        # single-leg squats and step-downs, where the one knee bends deepest under the
        # body alone, off that day, whatever their load, is gluteus's convention after
        # Garber 2011's 48 hours between sessions of the same muscles; step-ups and split
        # squats, with a shallower knee bend or the back foot sharing the load, may stay
        # (kept off too, they left a runner's weeks 3-5 without single-leg knee work and
        # her loaded lifts on one day). It waits for some training day clear of the
        # sport, as sport_day_eve_light does.
        id="valgus_sport_day_eve",
        description="Knees that cave in: the day before one of the person's sport days, no "
        "single-leg squats or step-downs at any load, so the muscles that hold the knee in "
        "line come to the sport fresh (a convention after Garber 2011's 48 hours between "
        "sessions of the same muscles).",
        source="garber2011",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    KNEE_VALGUS,
                    Fact("profile.sport_days", ">=", 1),
                    Fact("profile.days_clear_of_sport", ">=", 1),
                )
            )
        ),
        limits=(Limit(families=("single_leg_squat", "step_down"), not_before_sport_days=True),),
        notes=(
            "Your single-leg squats and step-downs are never on the day before your sport, "
            "so the muscles that keep your knee in line are fresh for it.",
        ),
    ),
    SafetyRule(
        id="valgus_no_adduction_under_load",
        description="Knees that cave in: no single-leg work that loads the hip as it moves "
        "in towards or across the midline (skater squats, turning single-leg squats, hip "
        "airplanes, crossover step-ups, curtsy lunges) until the knee stays in line on the "
        "single-leg squat test.",
        # The hip moving in and turning in under load is the knee's caving pattern
        # (Willy 2019): it is trained with the knee over the foot first, and the same
        # re-test that gates the hops (landing_ladder) gates the turning work. The hold of
        # the hip airplane, still in a fixed position, stays.
        source="valgus_turning_convention",
        evidence="convention",
        when=Trigger(condition=KNEE_VALGUS),
        exclude_tags=("adduction_under_load",),
        notes=(
            "Skater squats, turning single-leg squats, hip airplanes and crossing step-ups "
            "come in a new program once you re-take the single-leg squat test and the knee "
            "no longer caves in.",
        ),
    ),
    # --- Pain ------------------------------------------------------------------------------
    SafetyRule(
        id="pain_no_heavy_loading",
        description="Pain of 4/10 or more anywhere: no barbell work, no jumps or hops, and "
        "nothing heavier than an 8-repetition load until it settles and you re-take the "
        "tests.",
        source="silbernagel2007",
        evidence="convention",
        when=Trigger(condition=ANY_PAIN_4),
        exclude_equipment=("barbell",),
        # Silbernagel 2007, Willy 2019: jumps and hops come once pain has settled.
        exclude_tags=("impact",),
        cap=Cap(min_rm=8),
        # Green is read against the usual pain (no worse than usual, back to it by the
        # next morning: Silbernagel 2007): a 3/10 line below the everyday pain would
        # never let the program progress.
        notes=(
            "While your usual pain is 4/10 or more, progress only when sessions stay green: "
            "pain no worse than your usual, and back to it by the next morning. Re-take your "
            "tests and make a new program when it has settled.",
        ),
    ),
    SafetyRule(
        # The traffic light holds amber pain at its load, progressing only on green
        # (Silbernagel 2007), and jumps wait for pain to settle (the rule above). Fast
        # single-leg work (a lunge or step-up driven up fast, a hop) is the knee's power
        # rung beside the jumps, loading the bent knee as fast as a landing does: treating
        # it like a jump for a painful knee is the convention.
        id="knee_pain_no_fast_single_leg",
        description="Knee pain 4/10 or more: no fast work on one leg (a lunge or step-up "
        "driven up fast, a hop) until it settles.",
        source="silbernagel2007",
        evidence="convention",
        when=Trigger(pain=(("knee", 4),)),
        exclude_tags=("fast_single_leg",),
        notes=(
            "Fast lunges and step-ups come in a new program, once knee pain stays at 3/10 "
            "or less in and after workouts.",
        ),
    ),
    SafetyRule(
        # Garber 2011 gives the same muscles 48 hours between hard sessions; for a knee
        # that hurts at 4/10 or more (as in knee osteoarthritis) the same single-leg squat
        # or step, where the one knee carries the body alone, counts as hard at any load,
        # so it is not repeated the next day (a man of 70 with painful arthritic knees had
        # the single-leg wall squat on Thursday and Friday). Other work, a different knee
        # exercise and the split squat and its hold (the back foot shares the load)
        # included, may follow. A convention.
        id="knee_pain_same_knee_work_apart",
        description="Knee pain 4/10 or more: the same single-leg squat, step-up or "
        "step-down never on two days in a row, so the knee and its muscles get 48 hours "
        "between them (a convention after Garber 2011); other work may follow.",
        source="garber2011",
        evidence="convention",
        when=Trigger(pain=(("knee", 4),)),
        limits=(
            Limit(
                families=("single_leg_squat", "step_up", "step_down"),
                not_on_consecutive_days=True,
                same_exercise=True,
            ),
        ),
        notes=(
            "While your knee hurts at 4/10 or more, the same single-leg squat, step-up or "
            "step-down comes on days apart, so the knee has 48 hours between them (a "
            "convention after Garber 2011).",
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
    ),
    SafetyRule(
        # Groin pain is its own region, not the outer hip's: adductor-related groin pain
        # in athletes is treated by adductor strengthening that progresses (Hölmich 1999:
        # squeezes to loaded adduction; Harøy 2019: the Copenhagen adduction, short lever
        # then long), not by keeping adduction out as the gluteal tendon rules do. From
        # any groin pain given; the steps and the pain gate are conventions. Three
        # sessions a week, as Hölmich's programme trained (Harøy's preseason ran two to
        # three; once a week is its in-season upkeep, not treatment), or every session
        # of a shorter week. Optional: where no such work fits, a warning names this
        # rule; the once-a-week demand stands apart, so a week with too little room for
        # three still holds it once.
        id="groin_pain_adductor_strength",
        description="Groin pain: adductor strengthening in 3 sessions a week (every "
        "session of a shorter week): a squeeze of a ball "
        "between the knees, then the Copenhagen adduction, climbed in steps: the "
        "short-lever Copenhagen (knee on the bench) only in a block after one with "
        "squeezes, and the long lever (ankle on the bench) only in a block after one with "
        "the short lever, while the groin stays at 3/10 or less during and settled by the "
        "next morning; the Copenhagen never on two days in a row.",
        source="holmich1999",
        evidence="recalled",
        # Not after a hip replacement, whose groin pain is hip_replacement_groin_pain's.
        when=Trigger(
            pain=(("groin", 1),),
            condition=Not(AnyOf(tuple(Fact(f"precaution.{p}") for p in person.HIP_REPLACEMENTS))),
        ),
        requires=(
            Requirement(
                kind="weekly",
                families=("adductor_squeeze", "copenhagen"),
                each=False,
                optional=True,
            ),
            Requirement(
                kind="weekly",
                families=("adductor_squeeze", "copenhagen"),
                each=False,
                optional=True,
                sessions=3,
            ),
            Requirement(
                kind="stepped", tags=("copenhagen_adduction",), families=("adductor_squeeze",)
            ),
            Requirement(
                kind="stepped",
                tags=("long_lever_adduction",),
                families=("copenhagen",),
            ),
        ),
        # With adductor work three times a week the Copenhagen may come on more than one
        # day: a day between them, as the 48 hours between hard sessions for one muscle
        # group (Garber 2011) asks; a convention for this eccentric-heavy exercise.
        limits=(Limit(families=("copenhagen",), not_on_consecutive_days=True),),
        notes=(
            "Your groin pain is treated with adductor strengthening: squeezes of a ball "
            "between the knees first, then the Copenhagen adduction on a bench (Hölmich "
            "1999, Harøy 2019). Keep the groin at 3/10 or less during each exercise, and "
            "settled by the next morning; if not, go back a step.",
            # The traffic light (Silbernagel 2007) applied to the sport that provokes it.
            "Keep training and playing within the traffic light: when sprinting, long "
            "passing, kicking hard or sharp turns take the groin past 3/10, or it has not "
            "settled by the next morning, do less of them for a while and build them back "
            "gradually.",
            # Doha (Weir 2015): groin pain has several causes a clinical examination tells
            # apart; the hip joint's is beyond screening by questions.
            "Groin pain has several causes (Weir 2015), and not all are the adductors: the "
            "hip joint itself (as with osteoarthritis or an impingement) is one this "
            "program cannot tell apart. Have it examined by a physiotherapist or a sports "
            "doctor, and soon if it hurts at rest or at night, if the hip catches, locks or "
            "gives way, or if it keeps getting worse.",
        ),
    ),
    SafetyRule(
        # The amber zone of the traffic light (Silbernagel 2007) as the line: above it,
        # the work that loads the adductors hardest and fastest waits. A convention.
        id="groin_pain_high",
        description="Groin pain of 4/10 or more: no long-lever Copenhagen adduction, no "
        "swung weights, no fast work on one leg or turning landings (fast changes of "
        "direction), and no side or curtsy lunges until it settles.",
        source="groin_pain_convention",
        evidence="convention",
        # Not after a hip replacement (hip_replacement_groin_pain), as the rule above.
        when=Trigger(
            pain=(("groin", 4),),
            condition=Not(AnyOf(tuple(Fact(f"precaution.{p}") for p in person.HIP_REPLACEMENTS))),
        ),
        exclude_tags=(
            "long_lever_adduction",
            "ballistic",
            "fast_single_leg",
            "rotational_landing",
            "multiplanar_lunge",
        ),
        notes=(
            "The long-lever Copenhagen, fast changes of direction, kicking-like swung work "
            "and side lunges come in a new program, once the groin stays at 3/10 or less in "
            "and after workouts.",
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
        # The model accepts pain up to 5/10 that is back to its usual level by the next
        # morning (Silbernagel 2007); a 0-3/10 line would tell a person whose back usually
        # hurts 5/10 that his ordinary pain means stop, feeding the fear of moving that
        # staying active works against.
        notes=(
            "Stay active; let symptoms guide you: pain during exercise that stays at or below "
            "your usual level, and is back to usual by the next morning, is fine.",
        ),
    ),
    SafetyRule(
        # Lequesne's single-leg-stance test counts >=2/10 lateral hip pain as positive; from
        # 2/10 the rule wants something more that makes it the tendon picture (pain on
        # loading, lying on that side, a pelvis that drops), so a mild ache alone does not
        # remove most glute med work. At 4/10 (the amber zone) it holds on its own.
        # Outer hip only: buttock pain is seldom the gluteal tendons (pelvic girdle pain,
        # the back, the deep rotators), and the rule's advice would be wrong for it.
        id="gluteal_tendinopathy_pain",
        description="Outer hip pain of 4/10 or more, or from 2/10 when it comes with "
        "workouts, with lying on that side or with the pelvis dropping on one leg: no "
        "side-lying exercises, nothing that crosses the leg over the midline (crossover "
        "step-ups, curtsy lunges), and no sustained or loaded adduction or compression of "
        "the outer hip; each week a standing hold pushing the leg out to the side, and from "
        "the strength phase, standing abduction moving the leg out (against a band or a "
        "cable where there is one).",
        source="grimaldi_fearon2015",
        evidence="verified",
        # Compression is managed for everyone with the tendon picture (Grimaldi 2015).
        when=Trigger(condition=OUTER_HIP_TENDON),
        # LEAP (Mellor 2018) starts with isometric abduction without adduction. Optional:
        # when no hold fits (no room, a rule against pushing the leg out), it is left
        # out with a warning naming this rule.
        requires=(
            Requirement(kind="weekly", families=("standing_abduction_hold",), optional=True),
            # LEAP then progresses to isotonic abduction with load, standing (side-lying
            # is out here for compression): from the strength phase, after the block of
            # holds. Optional as the hold is.
            Requirement(
                kind="weekly",
                families=("standing_hip_abduction",),
                phases=("strength", "power"),
                optional=True,
            ),
        ),
        exclude_tags=(
            "sustained_hip_adduction",
            "lateral_hip_compression",
            "adduction_under_load",
            "adduction_past_midline",
        ),
        exclude_positions=("side-lying",),
        # The education of LEAP (Mellor 2018): compression and load management.
        notes=(
            # Said plainly: the rules treat the outer hip pain as the tendon picture, and
            # the night advice is for those whom lying on that side hurts.
            "Your outer hip pain is treated like a problem of the tendons at the side of the "
            "hip (the usual cause of outer hip pain). Avoid crossing your legs and hanging "
            "on one hip; if lying on that side hurts at night, lie on the side that does not "
            "hurt, with a pillow between the knees.",
            # Groin pain has a region of its own (its rules train the adductors), so hip
            # pain given here is the outer hip's; the note says so, for pain put here anyway.
            "The hip pain you gave is read as pain at the outside of the hip. Pain in the "
            "groin or at the front of the hip (as with hip osteoarthritis) is given as groin "
            "pain (pain: groin), which is treated differently: if yours is there, make the "
            "program again with it given as groin pain, and ask a physiotherapist whether "
            "these precautions fit you.",
            "For now, ease the load that provokes the outer hip: shorter runs and walks, "
            "fewer hills and stairs, and no speed work; build them back gradually as the "
            "pain settles (Mellor 2018).",
        ),
    ),
    SafetyRule(
        id="gluteal_tendinopathy_staging",
        description="Outer hip pain of 4/10 or more (or from 2/10 with the pelvis dropping "
        "on one leg): no standing on one leg hands-free for a hold, no step-ups or "
        "step-downs without a hand on a rail, and no lunges, split squats or single-leg "
        "reaches until the pain settles and the pelvis stays level.",
        # LEAP (Mellor 2018) and Grimaldi 2015 load in stages: holds and two-leg work,
        # then single-leg work, then fast, energy-storage loading last (the next rule).
        # The gates and which exercises each stage holds are conventions.
        source="tendinopathy_staging_convention",
        evidence="convention",
        when=Trigger(condition=OUTER_HIP_FIRST_STAGE),
        exclude_tags=("sustained_single_leg_stance", "single_leg_excursion"),
        # A step taken on one leg with no hand on a support is the one-leg stance above
        # under load: where the pelvis drops, the standing hip swings into adduction, the
        # compression Grimaldi & Fearon 2015 keep off the tendon. The supported versions
        # (a step-up at a rail, the single-leg squat with the back on a wall) stay. By id:
        # these are the step-ups and step-downs that carry unsupported_balance, and a rule
        # cannot exclude the pair of tags together.
        exclude_exercises=(
            "step_up",
            "step_up_loaded",
            "goblet_step_up",
            "lateral_step_up",
            "lateral_step_down",
            "crossover_step_up",
            "step_up_knee_drive",
        ),
        notes=(
            # The gate the condition above lifts at, for a pelvis that drops and for pain
            # in the amber zone alike.
            "Stand on one leg only with a hand on a counter for now, and step up or down "
            "only with a hand on a rail. Lunges and single-leg "
            "reaches come in a new program, once the outer hip pain is under "
            f"{person.OUTER_HIP_FROM}/10, or under {person.OUTER_HIP_ALONE}/10 when the "
            "pelvis stays level as you stand on one leg (the Trendelenburg test).",
        ),
    ),
    SafetyRule(
        # The staging's middle step, said once: single-leg loading waits for a block of
        # holds and two-leg work (Grimaldi & Fearon 2015; Mellor 2018), and heavy tendon
        # loading gets 48-72 hours between sessions (heavy slow resistance runs 3 times a
        # week, Kongsgaard 2009), so the same hard exercise is never on two days running.
        # Holds, which ease tendon pain (Rio 2015), may be daily.
        id="gluteal_tendinopathy_single_leg_later",
        description="Outer hip pain of 4/10 or more, or from 2/10 when it comes with "
        "workouts, with lying on that side or with the pelvis dropping on one leg: "
        "single-leg loading (step-ups, step-downs, single-leg squats and deadlifts, lunges) "
        "only after a block of holds and two-leg work and never on two days in a row, and "
        "the same hard exercise never on two days in a row.",
        source="tendinopathy_staging_convention",
        evidence="convention",
        when=Trigger(condition=OUTER_HIP_TENDON),
        requires=(
            Requirement(
                kind="stepped",
                tags=("single_leg_step", "single_leg_squat", "single_leg_excursion"),
                families=TENDON_FIRST_WORK,
            ),
            # The first block is that work: some of it in every session.
            Requirement(
                kind="session",
                families=TENDON_FIRST_WORK,
                each=False,
                phases=("activation",),
                optional=True,
            ),
        ),
        limits=(
            Limit(
                tags=("single_leg_step", "single_leg_squat", "single_leg_excursion"),
                not_on_consecutive_days=True,
            ),
            Limit(
                roles=("strength", "eccentric"),
                not_on_consecutive_days=True,
                same_exercise=True,
            ),
        ),
        notes=(
            "Holds and two-leg work come first; step-ups and other single-leg work join "
            "after the first block, on days apart. The same hard exercise gets a day between: heavy "
            "loading of a sore tendon is done on days apart, about 3 times a week "
            "(Kongsgaard 2009).",
        ),
    ),
    SafetyRule(
        # LEAP (Mellor 2018) moves from holds to isotonic loading that gets heavier, and
        # heavy slow resistance (Kongsgaard 2009) gains by load, not by ever more reps:
        # bodyweight work that only adds reps is endurance work. One lift a week with a
        # weight, when the person has one, is the convention; the holds stay (above).
        # Optional: when the rules or the minutes leave no such lift, a warning says so.
        id="gluteal_tendinopathy_heavy_slow",
        description="Outer hip pain of 4/10 or more, or from 2/10 when it comes with "
        "workouts, with lying on that side or with the pelvis dropping on one leg, and a "
        "weight to lift: each week of the strength phase has strength work with that "
        "weight, heavier and slower rather than ever more bodyweight reps.",
        source="tendinopathy_staging_convention",
        evidence="convention",
        when=Trigger(
            condition=AllOf(
                (
                    OUTER_HIP_TENDON,
                    AnyOf(tuple(Fact(f"equipment.{e}") for e in WEIGHTS)),
                )
            )
        ),
        requires=(
            Requirement(
                kind="weekly",
                roles=("strength",),
                load_types=("external",),
                phases=("strength",),
                optional=True,
            ),
        ),
        notes=(
            "From the strength phase each week has a lift with a weight: the tendon gets "
            "stronger as the load goes up, slowly, not from ever more bodyweight reps "
            "(Mellor 2018, Kongsgaard 2009). Add weight only when the last week's sessions "
            "stayed green.",
        ),
    ),
    SafetyRule(
        id="gluteal_tendinopathy_fast_last",
        description="Outer hip pain of 4/10 or more, or from 2/10 when it comes with "
        "workouts, with lying on that side or with the pelvis dropping on one leg: no "
        "jumps, hops or other fast, springy work, which loads the hip tendons hardest and "
        "comes last.",
        # Energy-storage loading is the last stage of LEAP (Mellor 2018) and Grimaldi
        # 2015; leaving it out for the whole tendon picture is the convention.
        source="tendinopathy_staging_convention",
        evidence="convention",
        when=Trigger(condition=OUTER_HIP_TENDON),
        exclude_tags=("impact",),
        exclude_roles=("power",),
        notes=(
            "Jumps, hops and fast work come in a new program, once the outer hip pain stays "
            "under 2/10 in and after workouts (and, if lying on that side hurt, it no longer "
            "does).",
        ),
    ),
)
