"""Red flags and precautions: the questions a person is asked before any program.

A red flag stops generation and refers the person on.
Urgency follows the sources: cauda-equina signs mean emergency care now (NHS
pathways applying NICE guidance); the other flags mean stop and see a clinician,
the same day where the NHS advises an urgent appointment (fever, weight loss,
night pain, trauma, cannot bear weight, a hot swollen joint) and within days
otherwise. Single red flags are poor at diagnosis (Finucane 2020 ⚠): they are a
reason to be checked, not a diagnosis, and the messages say so.

Precautions do not stop generation: the safety rules of :mod:`.rules` act on
them, and the questions here are worded to match those rules.
"""

from __future__ import annotations

from gluteus.engine.model import AnyOf, Fact, Precaution, RedFlag, Source

NHS_LBP = Source(
    "nhs_nice_lbp_red_flags",
    "NHS low back pain pathways applying NICE guidance (NG59 asks clinicians to exclude "
    "specific causes first): cauda equina (new bladder or bowel change, saddle numbness, "
    "bilateral or progressive leg weakness) needs emergency care; cancer (history of cancer, "
    "unexplained weight loss, night pain), infection (fever, unwell) and fracture (trauma) "
    "need prompt assessment. Sciatica in both legs: BASS 2018 via NHS Cornwall.",
    "verified",
)
OTTAWA_KNEE = Source(
    "ottawa_knee_rules",
    "Ottawa knee rules (acute knee injury; x-ray if any: age >=55, isolated patellar "
    "tenderness, fibular head tenderness, cannot flex to 90 deg, cannot take 4 steps both "
    "immediately and at assessment). Locking, giving way, rapid effusion after trauma or a "
    "hot swollen joint: refer (recalled).",
    "verified",
)
NHS_HIP = Source(
    "nhs_hip_pathway",
    "NHS hip pain pathway red flags: fracture or trauma; septic signs (fever, hot swollen "
    "joint, recent surgery or injection, immunosuppression); history of cancer; constant or "
    "night pain; weight loss; cannot walk on or move the hip; neurovascular signs.",
    "verified",
)
FINUCANE2020 = Source(
    "finucane2020",
    "Finucane LM et al. International framework for red flags for potential serious spinal "
    "pathologies. J Orthop Sports Phys Ther 2020;50(7):350-372 (most single red flags have "
    "poor diagnostic accuracy; combine them into a level of concern).",
    "weak",
)

NICE_NG136 = Source(
    "nice_ng136",
    "NICE NG136 (2019, updated 2023): hypertension in adults (recalled: a clinic reading of "
    "180/120 or more needs same-day assessment; with signs such as papilloedema, new "
    "confusion, chest pain or acute kidney injury, same-day specialist referral).",
    "recalled",
)
PAIN_REFERRAL = Source(
    "severe_pain_convention",
    "Practice convention: at 6/10 or more in everyday life, every session of a pain-"
    "monitored program (Silbernagel 2007: above 5/10 is too much) would stop at once, so a "
    "clinician sets the starting dose first. No trial behind the threshold.",
    "convention",
)

SOURCES: tuple[Source, ...] = (
    NHS_LBP,
    OTTAWA_KNEE,
    NHS_HIP,
    FINUCANE2020,
    NICE_NG136,
    PAIN_REFERRAL,
)
"""Citations of the red flags; the precautions cite the sources of :mod:`.rules`."""

_EMERGENCY_SEE = "Emergency department (A&E) now, or call an ambulance (999 / 112 / 911)"
_CHECK = "A single sign like this is a reason to be checked, not a diagnosis (Finucane 2020)."

RED_FLAGS: tuple[RedFlag, ...] = (
    # Cauda equina (NHS / NICE low back pain red flags): any item means emergency care.
    RedFlag(
        id="saddle_numbness",
        question="Do you have numbness or tingling around your bottom, genitals or inner "
        "thighs (where you would sit on a saddle)?",
        urgency="emergency",
        see=_EMERGENCY_SEE,
        message="Numbness around the bottom or genitals can be a sign of cauda equina "
        "syndrome, which needs emergency care the same hour: go to A&E now. Do not start "
        "exercising.",
        source="nhs_nice_lbp_red_flags",
    ),
    RedFlag(
        id="bladder_or_bowel_change",
        question="Have you recently had trouble passing urine, lost control of your bladder "
        "or bowels, or lost feeling when you go to the toilet?",
        urgency="emergency",
        see=_EMERGENCY_SEE,
        message="New bladder or bowel problems with back pain can be a sign of cauda equina "
        "syndrome, which needs emergency care: go to A&E now. Do not start exercising.",
        source="nhs_nice_lbp_red_flags",
    ),
    RedFlag(
        id="progressive_leg_weakness",
        question="Is one or both of your legs getting weaker, or is your walking getting "
        "worse (feet catching, legs giving out)?",
        urgency="emergency",
        see=_EMERGENCY_SEE,
        message="Leg weakness that is getting worse, or weakness in both legs, can be a sign "
        "of nerve compression (cauda equina syndrome) and needs emergency care: go to A&E "
        "now. Do not start exercising.",
        source="nhs_nice_lbp_red_flags",
    ),
    # Cancer, infection, fracture (NHS / NICE low back pain red flags): stop and refer.
    RedFlag(
        id="unexplained_weight_loss",
        question="Have you lost weight recently without trying?",
        urgency="urgent",
        see="Your GP or doctor: ask for an urgent appointment (or NHS 111)",
        message="Pain together with weight loss you cannot explain should be checked by a "
        "doctor before you start a program: ask for an urgent appointment. " + _CHECK,
        source="nhs_nice_lbp_red_flags",
    ),
    RedFlag(
        id="history_of_cancer",
        question="Have you ever had cancer?",
        urgency="soon",
        see="Your GP or your cancer team, within the next few days",
        message="New back, hip or buttock pain after cancer should be checked by your GP or "
        "cancer team before you start a program; book an appointment in the next few days, "
        "sooner if the pain is severe, worse at night or your legs feel weak. " + _CHECK,
        source="nhs_nice_lbp_red_flags",
    ),
    RedFlag(
        id="fever_or_unwell",
        question="Do you have a fever, chills or shivers, or feel generally unwell, along "
        "with your pain?",
        urgency="urgent",
        see="Your GP or an urgent care service today (NHS 111)",
        message="Pain with a fever or feeling unwell can mean an infection of the spine or a "
        "joint: get checked today, and do not exercise until you have been seen.",
        source="nhs_nice_lbp_red_flags",
    ),
    RedFlag(
        id="night_pain_unrelieved_by_rest",
        question="Do you have pain at night that does not ease when you rest or change position?",
        urgency="urgent",
        see="Your GP or doctor: ask for an urgent appointment (or NHS 111)",
        message="Constant pain at night that rest and changing position do not ease should "
        "be checked by a doctor before you start a program. " + _CHECK,
        source="nhs_hip_pathway",
    ),
    RedFlag(
        id="recent_significant_trauma",
        question="Did your pain start after a fall, accident or other significant injury in "
        "the last few weeks?",
        urgency="urgent",
        see="An urgent treatment centre, minor injuries unit or A&E today",
        message="Pain that started with a fall or injury can hide a fracture, more likely with "
        "osteoporosis or steroid use: get it examined (and x-rayed if needed) today before "
        "exercising.",
        source="nhs_nice_lbp_red_flags",
    ),
    RedFlag(
        id="knee_locking_or_giving_way",
        question="Does your knee lock (get stuck and will not straighten) or suddenly give "
        "way under you?",
        urgency="soon",
        see="Your GP, a physiotherapist or a knee specialist, within the next few days",
        message="A knee that locks or gives way may have a torn meniscus or ligament: have it "
        "assessed before you start a program; go today if it is also very swollen after an "
        "injury.",
        source="ottawa_knee_rules",
    ),
    RedFlag(
        id="cannot_bear_weight",
        question="Are you unable to put weight on the leg, or to take four steps on it?",
        urgency="urgent",
        see="An urgent treatment centre, minor injuries unit or A&E today",
        message="Not being able to take weight or four steps on the leg needs an examination "
        "and often an x-ray today (Ottawa knee rules, NHS hip pathway). Do not exercise on it.",
        source="ottawa_knee_rules",
    ),
    RedFlag(
        id="hot_swollen_joint",
        question="Is a joint (knee or hip) hot, red or swollen?",
        urgency="urgent",
        see="Your GP or an urgent care service today; A&E if you also have a fever",
        message="A hot, swollen joint can be an infection or inflammation that needs treatment "
        "the same day: get it checked today, and do not exercise it until you have been seen.",
        source="nhs_hip_pathway",
    ),
    RedFlag(
        id="uncontrolled_blood_pressure",
        question="Is your resting blood pressure 180/110 or higher (upper number 180 or "
        "more, or lower number 110 or more)?",
        urgency="urgent",
        see="Your GP or an urgent care service today; call an ambulance if you also have a "
        "severe headache, blurred vision, confusion, chest pain or breathlessness",
        message="A resting blood pressure with an upper number of 180 or more, or a lower "
        "number of 110 or more, needs a doctor's assessment today (NICE NG136: same-day "
        "assessment from 180/120; Pescatello 2015: not to train until it is controlled). "
        "With a severe headache, changes in your sight, confusion, chest pain or "
        "breathlessness it is an emergency. Do not exercise until you have been seen.",
        source="nice_ng136",
        when=AnyOf(
            (
                Fact("profile.blood_pressure.systolic", ">=", 180),
                Fact("profile.blood_pressure.diastolic", ">=", 110),
            )
        ),
    ),
    RedFlag(
        id="severe_pain",
        question="Is any of your pain 6/10 or more most days?",
        urgency="soon",
        see="A physiotherapist or your GP: book an appointment before you start",
        message="Pain of 6/10 or more is in the red of the pain traffic light (over 5/10), so "
        "every session would have to stop at once. Exercise is still likely to help: a "
        "physiotherapist can find where to start and what to ease first.",
        source="severe_pain_convention",
        when=AnyOf(
            tuple(
                Fact(f"pain.{region}", ">=", 6)
                for region in ("low_back", "knee", "hip", "buttock", "groin")
            )
        ),
    ),
)
"""The built-in red flags: question asked, whom to see, how urgently, message, source."""

PRECAUTIONS: tuple[Precaution, ...] = (
    Precaution(
        id="pregnancy",
        question="Are you pregnant? If so, in which trimester (1, 2 or 3)?",
        source="pregnancy_guidance",
        needs_trimester=True,
        name="pregnancy",
    ),
    Precaution(
        id="osteoporosis",
        question="Have you been told you have osteoporosis, or had a fracture from a minor fall?",
        source="giangregorio2014",
        name="osteoporosis",
    ),
    # Low bone density short of osteoporosis, with no fragility fracture, is its own
    # answer: Giangregorio 2014 leaves out high impact only after a vertebral fracture,
    # and a runner with osteopenia was given the osteoporosis program, told no impact.
    Precaution(
        id="osteopenia",
        question="Have you been told you have low bone density (osteopenia) on a bone scan, "
        "with no osteoporosis and no fracture from a minor fall?",
        source="giangregorio2014",
        name="low bone density (osteopenia)",
    ),
    Precaution(
        id="hip_replacement_posterior",
        question="Have you had a hip replacement through the back of the hip (posterior approach)?",
        source="hip_replacement_precautions",
        name="hip replacement (from the back)",
        asks=("weeks_since_surgery", "operated_side", "hip_precautions_lifted"),
    ),
    Precaution(
        id="hip_replacement_lateral",
        question="Have you had a hip replacement through the side of the hip (lateral approach)?",
        source="hip_replacement_precautions",
        name="hip replacement (from the side)",
        asks=("weeks_since_surgery", "operated_side", "hip_precautions_lifted"),
    ),
    Precaution(
        id="hip_replacement_anterior",
        question="Have you had a hip replacement through the front of the hip (anterior approach)?",
        source="hip_replacement_precautions",
        name="hip replacement (from the front)",
        asks=("weeks_since_surgery", "operated_side", "hip_precautions_lifted"),
    ),
    Precaution(
        id="knee_replacement",
        question="Have you had a knee replacement?",
        source="knee_replacement_convention",
        name="knee replacement",
        asks=("weeks_since_surgery", "operated_side"),
    ),
    Precaution(
        id="postnatal",
        question="Have you given birth in the last two years (vaginal or caesarean birth)?",
        source="postnatal_guidance",
        name="after giving birth",
        needs=("weeks_since_birth",),
    ),
    Precaution(
        id="hypertension",
        question="Do you have high blood pressure (hypertension), treated or not?",
        source="hypertension_valsalva",
        name="high blood pressure",
    ),
)
"""The built-in precautions, each with its question; the rules of :mod:`.rules` and the
person states of :mod:`.person` act on them."""
