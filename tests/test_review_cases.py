"""What physiotherapists found reading real programs, kept as regular tests.

The profiles in tests/fixtures/review*/ were written by clinicians reviewing gluteus's
output (the engine was not tuned on them). Each test below is one of their findings:
it failed on the program they read, and holds now.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from checked_programs import retime

import gluteus
from gluteus.engine.api import context
from gluteus.engine.model import DAYS
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.program import warning_text
from gluteus.engine.verify import Violation
from gluteus.engine.verify import verify as _verify

FIXTURES = Path(__file__).parent / "fixtures"
PM = make_plugin_manager(entrypoints=False)
CTX = context(PM)
CATALOGUE = CTX.registry.exercises


def verify(doc: Any, ctx: Any) -> list[Violation]:
    """The rules and invariants without the JSON Schema: these cases edit a program's
    facts, never its shape (the schema has tests of its own)."""
    return _verify(doc, ctx, schema=False)


@functools.cache
def _generated(name: str) -> str:
    profile = gluteus.load_profile(next(FIXTURES.glob(f"review*/{name}")), plugins=PM)
    try:
        return json.dumps(gluteus.generate(profile, plugins=PM).to_dict())
    except gluteus.ReferralRequired as exc:
        assert exc.result is not None
        return json.dumps(exc.result.to_dict())


def program(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(_generated(name))
    return doc


def rows(doc: dict[str, Any], weeks: Any = None) -> list[tuple[int, dict[str, Any]]]:
    return [
        (w["number"], rx)
        for w in doc["weeks"]
        if weeks is None or w["number"] in weeks
        for s in w["sessions"]
        for rx in s["exercises"]
    ]


def tags(rx: dict[str, Any]) -> set[str]:
    ex = CATALOGUE[rx["id"]]
    return set(ex.tags) | {t for c in ex.cues if c in rx["cues"] for t in c.tags}


def test_late_pregnancy_is_never_told_to_avoid_lying_on_either_side():
    doc = program("p07_preg_wk31_pgp.yaml")
    words = " ".join(doc["safety"]["notes"] + [r["description"] for r in doc["safety"]["rules"]])
    assert "either side" not in words


def test_a_posterior_hip_replacement_gets_no_pivot_or_hands_free_chair_stand_before_12_weeks():
    doc = program("p08_thr_posterior_5wk.yaml")  # 5 weeks after surgery in week 1
    early = [(n, rx) for n, rx in rows(doc) if n + 5 - 1 < 12]
    assert early
    for n, rx in early:
        assert not tags(rx) & {"stance_pivot", "arms_crossed", "hip_flexion_past_90"}, (n, rx["id"])


def test_a_hip_replacement_never_hops():
    doc = program("n09_anterior_thr_8wk_tennis.yaml")
    assert not any("impact" in tags(rx) for _, rx in rows(doc))


def test_high_blood_pressure_gets_moderate_loads_in_words_and_numbers():
    doc = program("p10_bp_150_95.yaml")
    for _, rx in rows(doc):
        effort = rx["effort"] or {}
        if effort.get("rpe"):
            assert effort["rpe"][1] <= 7, rx["id"]
        if effort.get("rm"):
            assert effort["rm"][0] >= 8, rx["id"]
        assert "heavy" not in rx["load"].lower(), (rx["id"], rx["load"])


@pytest.mark.parametrize("name", ["p06_preg_wk14.yaml", "p16_preg_t1_trimester_only.yaml"])
def test_pregnancy_is_never_told_to_lift_heavy(name):
    doc = program(name)
    later = [w["number"] for w in doc["weeks"]]
    for _, rx in rows(doc, later):
        effort = rx["effort"] or {}
        if effort.get("rpe") and effort["rpe"][1] <= 6 and rx["load_type"] == "external":
            assert "heavy" not in rx["load"].lower(), (rx["id"], rx["load"])
            assert rx["reps"] is None or rx["reps"] >= 10, (rx["id"], rx["reps"])


def test_someone_at_high_risk_of_falling_always_has_something_to_hold():
    doc = program("p03_osteo_86_chair.yaml")
    for n, rx in rows(doc):
        assert not tags(rx) & {"unsupported_balance", "balance_challenge", "single_leg_squat"}, (
            n,
            rx["id"],
        )


def test_outer_hip_pain_with_a_dropping_pelvis_keeps_off_the_side():
    doc = program("n01_cyclist_58_hip3_trendelenburg.yaml")  # outer hip 3/10, Trendelenburg
    assert "gluteal_tendinopathy_pain" in {r["id"] for r in doc["safety"]["rules"]}
    assert not any(rx["position"] == "side-lying" for _, rx in rows(doc))


@pytest.mark.parametrize(
    ("name", "flag", "urgency"),
    [
        ("p19_lbp_8.yaml", "severe_pain", "soon"),
        ("n08_knee6_miniband_50.yaml", "severe_pain", "soon"),
        ("p15_bp_185_115.yaml", "uncontrolled_blood_pressure", "urgent"),
        ("n10_bp_178_121.yaml", "uncontrolled_blood_pressure", "urgent"),
    ],
)
def test_pain_in_the_red_and_uncontrolled_blood_pressure_are_referrals(name, flag, urgency):
    doc = program(name)
    assert doc["status"] == "referral" and doc["weeks"] == []
    assert (flag, urgency) in {(r["flag"], r["urgency"]) for r in doc["referrals"]}


def test_no_stop_sign_is_said_twice():
    for name in ("p06_preg_wk14.yaml", "n03_tkr10wk_bp145_67.yaml", "p08_thr_posterior_5wk.yaml"):
        signs = program(name)["safety"]["stop_signs"]
        assert len(signs) == len(set(signs)), name
        words = [s.split(",")[0].split(" or ")[0] for s in signs]
        assert len(words) == len(set(words)), (name, signs)


def test_pregnancy_and_high_blood_pressure_carry_their_own_stop_signs():
    # ACOG 2020's warning signs in pregnancy; Pescatello 2015's with high blood pressure.
    pregnancy = program("p06_preg_wk14.yaml")["safety"]["stop_signs"]
    for sign in ("a headache", "breathlessness before you start the effort"):
        assert sign in pregnancy
    assert "a severe headache" in program("p10_bp_150_95.yaml")["safety"]["stop_signs"]
    assert "a severe headache" not in pregnancy


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", sorted(FIXTURES.glob("review*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_every_review_profile_keeps_every_invariant(path):
    from test_invariants import outcome_of

    data = gluteus.load_profile(path, plugins=PM).to_dict()
    assert outcome_of(data) in ("ok", "referral")


# --- Pelvic girdle pain, outer hip pain, landing, anterior hip replacement -------------


def test_pelvic_girdle_pain_gets_no_one_sided_or_legs_apart_loading():
    doc = program("r04_sofia_preg34_pgp.yaml")  # 34 weeks pregnant, pelvic girdle pain
    assert "pelvic_girdle_pain" in {r["id"] for r in doc["safety"]["rules"]}
    given = {rx["id"] for _, rx in rows(doc)}
    # The exercises the reviewer found: one leg out to the side, the pelvis opened unevenly.
    assert not given & {"fire_hydrant", "clamshell_abduction_er", "eccentric_side_lying_abduction"}
    for n, rx in rows(doc):
        assert not tags(rx) & {"asymmetric_loading", "wide_stance", "pelvic_gapping"}, (n, rx["id"])


def test_outer_hip_pain_stands_on_one_leg_only_holding_on_and_for_less_than_tested():
    doc = program("r07_karen_lateral_hip.yaml")  # hip 5/10, Trendelenburg left, stance 8 s left
    assert "gluteal_tendinopathy_staging" in {r["id"] for r in doc["safety"]["rules"]}
    stance = [rx for _, rx in rows(doc) if rx["family"] == "single_leg_stance"]
    assert stance, "balance stays, with a hand on the counter"
    assert {rx["id"] for rx in stance} == {"single_leg_stance_support"}
    for n, rx in rows(doc):
        assert not tags(rx) & {"sustained_single_leg_stance", "single_leg_excursion", "impact"}, (
            n,
            rx["id"],
        )
        assert rx["role"] != "power", (n, rx["id"])


def test_a_hands_free_hold_is_never_longer_than_70_percent_of_the_test():
    from gluteus.engine.dosing import tested_hold_limit, tested_hold_start

    tests = context(PM).registry.tests
    profile = gluteus.load_profile(
        next(FIXTURES.glob("review*/r07_karen_lateral_hip.yaml")), plugins=PM
    )
    hands_free = CATALOGUE["single_leg_stance"]
    assert tested_hold_limit(hands_free, profile.tests, tests) == (5, "single_leg_stance_s")
    # The supported version is more than the hands-free test measured: not capped by it,
    # it starts at 10 s (70% of the test is less) and lengthens by its rule.
    supported = CATALOGUE["single_leg_stance_support"]
    assert tested_hold_limit(supported, profile.tests, tests) is None
    assert tested_hold_start(supported, profile.tests, tests) == 10
    assert tested_hold_start(hands_free, profile.tests, tests) is None


def test_a_valgus_knee_lands_on_two_feet_and_gets_no_extra_sets_of_fast_work():
    doc = program("r08_ethan16_football.yaml")  # 16, knee 3/10, single-leg squat valgus left
    assert "landing_ladder" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert not tags(rx) & {"single_leg_landing", "rotational_landing"}, (n, rx["id"])
        if rx["role"] == "power" or "impact" in tags(rx):
            assert rx["extra"] is None, (n, rx["id"])
    assert any(rx["extra"] for _, rx in rows(doc)), "strength work still gets the extra set"


def test_an_anterior_hip_replacement_extends_the_hip_only_with_the_leg_kept_straight():
    from gluteus.engine.safety import exclusion_reasons

    doc = program("r05_geoff_tha_ant5.yaml")  # anterior approach, 5 weeks after surgery
    assert "hip_replacement_anterior" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        ex = CATALOGUE[rx["id"]]
        if "hip_extension" in ex.tags:
            guards = [str(c) for c in ex.cues if "hip_extension" in c.guards]
            assert guards and set(guards) <= set(rx["cues"]), (n, rx["id"])
    rule = context(PM).registry.safety_rules["hip_replacement_anterior"]
    # The kickback the reviewer read stays, with its guarding cue; hip extension with no
    # cue to guard it is left out.
    kickback = CATALOGUE["standing_kickback"]
    assert exclusion_reasons(kickback, rule) == []
    assert any("Toes pointing straight down" in c and c.guards for c in kickback.cues)
    assert exclusion_reasons(CATALOGUE["quadruped_hip_extension"], rule) == [
        "tagged hip_extension with no cue guarding it"
    ]


def test_a_stage_rules_note_says_the_weeks_it_holds_for():
    # 5 weeks after an anterior hip replacement: the raised seat holds for the early and
    # middle stages (weeks 1-7), said once for those weeks, never for the whole program.
    notes = program("r05_geoff_tha_ant5.yaml")["safety"]["notes"]
    chair = [n for n in notes if "firm, high chair" in n]
    assert [n.split(":")[0] for n in chair] == ["Weeks 1-7"]
    assert not any(n.startswith("Stand up from a firm") for n in notes)


@pytest.mark.parametrize(
    ("weeks", "words"),
    [
        ((3,), "Week 3"),
        ((1, 2), "Weeks 1-2"),
        ((1, 2, 5), "Weeks 1-2 and 5"),
        ((1, 3, 5), "Weeks 1, 3 and 5"),
    ],
)
def test_weeks_in_words(weeks, words):
    from gluteus.engine.messages import weeks_words

    assert weeks_words(weeks).capitalize() == words


# --- Review 3: phases, deloads and doses ----------------------------------------------


def _deloads(doc: dict[str, Any]) -> list[int]:
    return [w["number"] for w in doc["weeks"] if w["deload"]]


def test_a_two_week_power_phase_at_the_end_has_no_deload():
    doc = program("r02_irene70_osteo.yaml")
    phases = {p["kind"]: p["weeks"] for p in doc["phases"]}
    assert phases["power"] == [11, 12]
    assert not set(_deloads(doc)) & set(phases["power"])
    # Every deload follows at least two loading weeks of its own phase.
    kind = {w: p["kind"] for p in doc["phases"] for w in p["weeks"]}
    previous = 0
    for deload in _deloads(doc):
        assert sum(kind[w] == kind[deload] for w in range(previous + 1, deload)) >= 2
        previous = deload


def test_early_after_a_hip_replacement_no_deload_and_no_power_before_the_stage_allows():
    doc = program("r05_geoff_tha_ant5.yaml")
    # 5 weeks after surgery: the effort is capped at RPE 7 or less until week 8 (12 weeks
    # after it), too light to need a deload; power waits for that stage, and one week
    # of it is no phase.
    assert _deloads(doc) == []
    assert [p["kind"] for p in doc["phases"]] == ["activation", "strength"]
    notes = " ".join(p["note"] for p in doc["phases"])
    assert "too light to need a lighter week" in notes
    assert "No power phase: fast work waits until you walk without an aid" in notes


def test_no_power_phase_says_only_the_reason_that_applies():
    # Pregnancy leaves power work out by rule: nothing about walking aids or surgery.
    notes = " ".join(p["note"] for p in program("r03_chloe_preg18_runner.yaml")["phases"])
    assert "No power phase: your safety rules leave power work out" in notes
    assert "aid" not in notes and "recovery" not in notes


@pytest.mark.parametrize(
    "name",
    ["r01_albert84_frame.yaml", "r03_chloe_preg18_runner.yaml", "r07_karen_lateral_hip.yaml"],
)
def test_bodyweight_reps_do_not_halve_when_the_strength_phase_starts(name):
    from test_invariants import assert_reps_keep_up_with_effort

    assert_reps_keep_up_with_effort(program(name))


def test_albert_keeps_his_step_up_reps_into_the_strength_phase():
    # Albert's knee pain alone no longer makes a knees finding (it drove his step-ups);
    # with knees that cave in, a knees sign, the step-up at a rail spans the phases.
    profile = gluteus.load_profile(
        next(FIXTURES.glob("review*/r01_albert84_frame.yaml")), plugins=PM
    )
    profile = attrs.evolve(profile, signs=(*profile.signs, "knees_cave_in"))
    doc = gluteus.generate(profile, plugins=PM).to_dict()
    step_up = {
        week: (rx["reps"], rx["effort"]["rpe"])
        for week, rx in rows(doc)
        if rx["id"] == "step_up_at_rail"
    }
    # Week 3 ends activation at 16 reps; the strength phase asks more effort with the
    # same bodyweight (from RPE 6-7 to 7: knees that cave in hold step-ups at 7 at
    # most), so it keeps at least those reps.
    assert step_up[3][0] == 16
    assert step_up[4][1][0] > step_up[3][1][0]
    assert step_up[4][1][1] >= step_up[3][1][1]
    assert step_up[4][0] >= 16


def test_a_deload_under_the_pregnancy_cap_is_still_easier():
    doc = program("r03_chloe_preg18_runner.yaml")
    for deload in _deloads(doc):
        before = {rx["id"]: rx["effort"]["rpe"] for _, rx in rows(doc, {deload - 1})}
        for _, rx in rows(doc, {deload}):
            if rx["effort"]["rpe"] and before.get(rx["id"]):
                assert rx["effort"]["rpe"][1] < before[rx["id"]][1], (deload, rx["id"])
                assert rx["effort"]["rpe"][1] <= 6 - 2, rx["id"]


@pytest.mark.parametrize("name", ["r07_karen_lateral_hip.yaml", "r09_david_lbp_htn.yaml"])
def test_with_amber_pain_every_increase_waits_for_green_sessions(name):
    from gluteus.engine.traffic_light import GREEN_ONLY

    doc = program(name)
    weeks = doc["weeks"]
    rises = 0
    for before, week in itertools.pairwise(weeks):
        if week["deload"] or before["deload"] or before["block"] != week["block"]:
            continue
        last = {rx["id"]: rx for s in before["sessions"] for rx in s["exercises"]}
        for s in week["sessions"]:
            for rx in s["exercises"]:
                was = last.get(rx["id"])
                if was is None:
                    continue
                now = (rx["sets"], rx["reps"] or 0, rx["hold_s"] or 0)
                then = (was["sets"], was["reps"] or 0, was["hold_s"] or 0)
                if now != then:
                    rises += 1
                    assert rx["load"].endswith(GREEN_ONLY), (week["number"], rx["id"])
                else:
                    assert GREEN_ONLY not in rx["load"], (week["number"], rx["id"])
    assert rises, "the table progresses, conditionally"


def test_without_amber_pain_increases_are_not_conditional():
    from gluteus.engine.traffic_light import GREEN_ONLY

    doc = program("r01_albert84_frame.yaml")  # knee pain 3/10: green
    assert not any(GREEN_ONLY in rx["load"] for _, rx in rows(doc))


def test_computed_doses_are_rounded_as_a_person_would_be_told():
    # 70% of a 30 s test is 21 s: told as 20 s; 12RM less 3 in reserve is 9: told as 10.
    # Nina's pelvic drop alone no longer makes tight glutes (whose hip airplane hold this
    # was); with chronic tightness it does, and the hold comes from her stance test.
    profile = gluteus.load_profile(
        next(FIXTURES.glob("review*/r12_nina_runner_valgus.yaml")), plugins=PM
    )
    profile = attrs.evolve(
        profile,
        signs=(*profile.signs, "chronic_glute_tightness"),
        # Asked for, so the test reads the hold's dose whichever holds the plan prefers
        # (a preference, not a demand: a seed whose plan grants it).
        preferences=attrs.evolve(profile.preferences, prefer=("hip_airplane_hold",)),
        seed=1,
    )
    holds = {
        rx["hold_s"]
        for _, rx in rows(gluteus.generate(profile, plugins=PM).to_dict())
        if rx["id"] == "hip_airplane_hold"
    }
    assert holds and all(h % 5 == 0 for h in holds), holds
    for name in ("r07_karen_lateral_hip.yaml", "r12_nina_runner_valgus.yaml"):
        for week, rx in rows(program(name)):
            reps = rx["reps"]
            assert reps is None or reps <= 6 or reps % 2 == 0 or reps % 5 == 0, (week, rx["id"])


@pytest.mark.parametrize(
    ("weeks", "walking_aid", "power"),
    [(14, True, None), (14, False, [12, 13, 14]), (12, False, None)],
)
def test_power_after_a_hip_replacement_waits_for_12_weeks_and_no_walking_aid(
    weeks, walking_aid, power
):
    from gluteus.engine.skeleton import phase_lengths

    path = FIXTURES / "review3" / "r05_geoff_tha_ant5.yaml"
    data = gluteus.load_profile(path, plugins=PM).to_dict()
    data["schedule"]["weeks"] = weeks
    data["weeks_since_surgery"] = 1  # 12 weeks after the operation in week 12
    data["walking_aid"] = walking_aid
    # Without his outer-hip rules (hip pain with a dropping pelvis, or coming with
    # workouts), which hold power back on their own: the stage alone is what this test
    # is about.
    data["tests"]["trendelenburg"] = {"left": False, "right": False}
    data["signs"] = [s for s in data["signs"] if s != "hip_pain_in_workouts"]
    doc = gluteus.generate(gluteus.Profile.from_dict(data), plugins=PM).to_dict()
    assert gluteus.check(doc) == []
    phases = {p["kind"]: p["weeks"] for p in doc["phases"]}
    assert phases.get("power") == power
    # Without the stage, power would have come anyway (in twelve weeks: weeks 11-12).
    severity = max(f["severity"] for f in doc["findings"])
    assert phase_lengths(weeks, severity, True)["power"] >= 2


# --- Review 3: older adults, osteoporosis, falls risk and power -------------------------


def test_osteoporosis_gets_no_swing_no_heavy_load_and_only_supported_single_leg_work():
    doc = program("r02_irene70_osteo.yaml")  # 70, osteoporosis with a wrist fracture
    assert "osteoporosis" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert not tags(rx) & {
            "ballistic",
            "unsupported_balance",
            "balance_challenge",
            "single_leg_squat",
        }, (n, rx["id"])
        rm = rx["effort"]["rm"]
        assert rm is None or rm[0] >= 8, (n, rx["id"], rm)


@pytest.mark.parametrize(
    "name",
    [
        "r01_albert84_frame.yaml",  # walker, TUG 16 s, single-leg stance 2-3 s
        "r05_geoff_tha_ant5.yaml",  # crutch after a hip replacement, stance 5 s on the right
        "r06_marjorie_tkr10.yaml",  # knee replacement, stance 4 s on the left
    ],
)
def test_no_fast_single_leg_work_or_wall_drive_with_a_falls_risk(name):
    doc = program(name)
    assert "fast_single_leg_needs_stance" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert "fast_single_leg" not in tags(rx), (n, rx["id"])
        assert CATALOGUE[rx["id"]].family != "wall_drive", (n, rx["id"])


@pytest.mark.parametrize("name", ["r01_albert84_frame.yaml", "r02_irene70_osteo.yaml"])
def test_older_power_weeks_stand_up_from_the_chair_fast(name):
    doc = program(name)
    power = [w for w in doc["weeks"] if w["phase"] == "Power and function" and not w["deload"]]
    assert power
    for week in power:
        fast = {rx["id"] for s in week["sessions"] for rx in s["exercises"]}
        # From an ordinary chair or a raised seat: both are the fast chair rise.
        assert any("fast_chair_rise" in CATALOGUE[e].tags for e in fast), (week["number"], fast)


def test_a_raised_seat_does_not_tell_someone_without_a_new_joint_that_she_has_one():
    """Edith, 82, has no joint replacement; her raised-seat sit to stand said "after a hip
    replacement, the operated leg" and "kept to a raised seat while a new hip may not
    bend". Anyone may be given a raised seat, so its words say "if" about a new joint."""
    raised = [ex for ex in CATALOGUE.values() if "raised seat" in ex.name]
    assert len(raised) >= 2
    for ex in raised:
        for text in [*ex.cues, ex.why]:
            if "replacement" in text or "new hip" in text:
                assert "if you have had" in text or "may not bend" in text, (ex.id, text)
        # A new knee is strengthened by loading it: no cue tells it to slide forward.
        assert not any("knee replacement" in cue for cue in ex.cues), ex.id


# --- Review 4: split-stance holds on an outer-hip rule, loads after a joint replacement -


def test_a_split_stance_hold_is_a_split_squat_for_the_outer_hip_rule():
    doc = program("p10_thr_post55.yaml")  # posterior hip replacement, Trendelenburg left
    assert "gluteal_tendinopathy_staging" in {r["id"] for r in doc["safety"]["rules"]}
    assert "split_squat_hold" not in {rx["id"] for _, rx in rows(doc)}


def test_a_replaced_knee_is_never_loaded_past_an_8_repetition_maximum():
    doc = program("p02_tennis58_tkr20.yaml")  # knee replacement 20 weeks ago, gym
    assert "joint_replacement_loads" in {r["id"] for r in doc["safety"]["rules"]}
    loaded = [rx for _, rx in rows(doc) if rx["effort"]["rm"]]
    assert loaded, "the gym's loads are still used"
    assert all(rx["effort"]["rm"][0] >= 8 for rx in loaded), [rx["effort"] for rx in loaded]


# --- Review 4: after giving birth -------------------------------------------------------

POSTPARTUM = "p03_postpartum33.yaml"  # 6 weeks after the birth, an 8-week program


def test_before_12_weeks_after_the_birth_no_planks_impact_or_speed_work():
    doc = program(POSTPARTUM)
    early = rows(doc, weeks=range(1, 7))  # weeks 6 to 11 after the birth
    assert early
    for week, rx in early:
        assert not tags(rx) & {"high_abdominal_pressure", "impact", "ballistic", "breath_hold"}, (
            week,
            rx["id"],
        )
        assert rx["role"] != "power", (week, rx["id"])
        assert rx["effort"]["rpe"][1] <= 7 and rx["effort"]["rm"] is None, (week, rx["effort"])
    assert all(w["phase"] != "Power and function" for w in doc["weeks"][:6])


def test_the_early_postnatal_stage_lifts_in_the_week_she_passes_12_weeks():
    doc = program(POSTPARTUM)
    weeks = {r["id"]: r["weeks"] for r in doc["safety"]["rules"]}
    assert weeks["postnatal_early"] == [1, 2, 3, 4, 5, 6]
    assert weeks["postnatal"] == list(range(1, 9))
    stages = {p["value"]: p["weeks"] for p in doc["person"] if p["state"] == "postnatal"}
    assert stages == {"under_12_weeks": [1, 2, 3, 4, 5, 6], "12_weeks_on": [7, 8]}


def test_after_giving_birth_the_postnatal_stop_signs_and_pelvic_floor_work_are_given():
    doc = program(POSTPARTUM)
    signs = doc["safety"]["stop_signs"]
    for words in ("heaviness, dragging", "leaking urine", "bleeding", "caesarean scar"):
        assert any(words in s for s in signs), (words, signs)
    notes = doc["safety"]["notes"]
    assert any("Pelvic-floor exercises every day" in n for n in notes)
    assert any(n.startswith("Build trunk work up in steps: lying on your side") for n in notes)
    assert {"postnatal", "postnatal_early"} <= {r["id"] for r in doc["safety"]["rules"]}


# --- Review 4: outer hip pain under 4/10, and what pain alone is screened as -----------

OUTER_HIP_COMPRESSION = {
    "lateral_hip_compression",
    "sustained_hip_adduction",
    "adduction_under_load",
    "adduction_past_midline",
}


def test_outer_hip_pain_3_with_a_level_pelvis_keeps_off_the_side_and_crossing_and_fast_work():
    # Ken, 49, runner: outer hip and buttock 3/10, worse after runs; no Trendelenburg.
    doc = program("p06_runner49_hip.yaml")
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert {"gluteal_tendinopathy_pain", "gluteal_tendinopathy_fast_last"} <= rules
    # The first stage (no lunges or hands-free single-leg holds) is for 4/10 or a drop.
    assert "gluteal_tendinopathy_staging" not in rules
    given = {rx["id"] for _, rx in rows(doc)}
    # The exercises the reviewer found.
    assert not given & {
        "eccentric_side_lying_abduction",
        "side_lying_hip_abduction",
        "clamshell_abduction_er",
        "crossover_step_up",
        "side_plank_top_leg_abduction",
        "side_plank_bottom_leg_abduction",
        "lateral_hop",
    }
    for n, rx in rows(doc):
        assert rx["position"] != "side-lying", (n, rx["id"])
        assert not tags(rx) & (OUTER_HIP_COMPRESSION | {"impact"}), (n, rx["id"])
        assert rx["role"] != "power", (n, rx["id"])
    # LEAP's start: an isometric abduction hold, standing, every week.
    for week in doc["weeks"]:
        families = {rx["family"] for s in week["sessions"] for rx in s["exercises"]}
        assert "standing_abduction_hold" in families, week["number"]


def test_the_outer_hip_education_reaches_the_runner_who_needs_it():
    notes = " ".join(program("p06_runner49_hip.yaml")["safety"]["notes"])
    assert "Avoid crossing your legs" in notes and "pillow between the knees" in notes
    assert "shorter runs and walks" in notes and "no speed work" in notes


def test_outer_hip_pain_is_not_screened_as_tight_glutes_or_knees_caving_in():
    doc = program("p06_runner49_hip.yaml")
    by_issue = {f["issue"]: f for f in doc["findings"]}
    assert by_issue["tightness"]["severity"] == 0
    assert by_issue["knees"]["severity"] == 0
    assert any("outer hip pain 3/10" in n for n in by_issue["tightness"]["notes"])
    assert any("only when a knee is also seen" in n for n in by_issue["knees"]["notes"])
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert not {r for r in rules if r.startswith(("tightness_", "knees_"))}, rules


@pytest.mark.parametrize(
    "name",
    [
        "p10_thr_post55.yaml",  # a pelvic drop after a posterior hip replacement
        "r05_geoff_tha_ant5.yaml",  # the same after an anterior one
        "r04_sofia_preg34_pgp.yaml",  # buttock pain from pelvic girdle pain
        "r01_albert84_frame.yaml",  # trouble getting up; knee pain 3/10 alone
    ],
)
def test_pain_a_pelvic_drop_or_trouble_getting_up_alone_drive_no_tightness_or_knee_work(name):
    doc = program(name)
    by_issue = {f["issue"]: f for f in doc["findings"]}
    assert by_issue["tightness"]["severity"] == 0
    assert by_issue["knees"]["severity"] == 0
    assert any(n.startswith("Not counted as tight glutes") for n in by_issue["tightness"]["notes"])
    # No piriformis-style deep-rotator work rides on a finding that is not there.
    for n, rx in rows(doc):
        assert rx["family"] != "hip_external_rotation", (n, rx["id"])
    notes = " ".join(doc["safety"]["notes"])
    assert "tight-feeling muscles" not in notes


def test_a_pelvic_drop_after_a_hip_replacement_is_counted_as_weak_abductors():
    doc = program("p10_thr_post55.yaml")
    function = next(f for f in doc["findings"] if f["issue"] == "function")
    assert any(
        t.startswith("Trendelenburg: positive standing on the left") for t in function["tests"]
    )
    assert any("expected after a hip replacement" in n for n in function["notes"])


# --- Review 5: hands free to catch a fall, landings after a birth ------------------------


def test_a_person_likely_to_fall_stands_up_with_the_hands_free():
    doc = program("p1_osteo_78.yaml")  # 78, osteoporosis, a walking stick
    assert "falls_supported_balance" in {r["id"] for r in doc["safety"]["rules"]}
    assert any(rx["family"] == "sit_to_stand" for _, rx in rows(doc))
    for n, rx in rows(doc):
        assert "arms_crossed" not in tags(rx), (n, rx["id"])


def test_after_a_birth_jumps_land_on_two_feet():
    doc = program("p2_postnatal_runner.yaml")  # 10 weeks after the birth, a runner
    for n, rx in rows(doc):
        assert not tags(rx) & {"single_leg_landing", "rotational_landing"}, (n, rx["id"])


PLANKS = {"front_plank", "side_plank"}


def _plank_blocks(doc: dict[str, Any]) -> tuple[dict[int, set[str]], dict[int, int]]:
    """The exercises each block holds, and the block of each week."""
    blocks: dict[int, set[str]] = {}
    for week in doc["weeks"]:
        ids = {rx["id"] for s in week["sessions"] for rx in s["exercises"]}
        blocks.setdefault(week["block"], set()).update(ids)
    return blocks, {w["number"]: w["block"] for w in doc["weeks"]}


def test_after_a_birth_planks_start_on_the_knees_and_come_from_the_feet_a_block_later():
    # 10 weeks after the birth: the first block holding a plank holds planks on the
    # knees only, and planks from the feet come in a later block.
    doc = program("p2_postnatal_runner.yaml")
    assert gluteus.check(doc) == []
    blocks, block_of = _plank_blocks(doc)
    weeks = {r["id"]: r["weeks"] for r in doc["safety"]["rules"]}
    assert weeks["postnatal_early"] == [1, 2]
    first = min(b for b, ids in blocks.items() if any(CATALOGUE[e].family in PLANKS for e in ids))
    planks = {e for e in blocks[first] if CATALOGUE[e].family in PLANKS}
    assert planks and all(e.endswith("_knees") for e in planks), planks
    for n, rx in rows(doc):
        if "high_abdominal_pressure" in tags(rx):
            assert block_of[n] > first, (n, rx["id"])
            before = set().union(*(blocks[b] for b in blocks if b < block_of[n]))
            assert any(CATALOGUE[e].family in PLANKS for e in before), (n, rx["id"])
    assert any("high_abdominal_pressure" in tags(rx) for _, rx in rows(doc))


def _swap(doc: dict[str, Any], week: int, old: str, new: str) -> None:
    ex = CATALOGUE[new]
    for session in doc["weeks"][week - 1]["sessions"]:
        for rx in session["exercises"]:
            if rx["id"] == old:
                rx.update(id=ex.id, name=ex.name, cues=[str(c) for c in ex.cues])
                rx.update(tags=sorted(ex.tags), level=ex.level, fault=ex.fault)
                rx.update(source=ex.source, evidence=ex.evidence)


def test_a_full_plank_in_the_first_plank_block_after_a_birth_is_caught():
    doc = program("p2_postnatal_runner.yaml")
    # Whichever plank on the knees the first week with one holds, made the one from the
    # feet: no block before it held a plank.
    week = next(
        w["number"]
        for w in doc["weeks"]
        if any(
            rx["id"].endswith("_knees") and rx["family"] in PLANKS
            for _, rx in rows(doc, {w["number"]})
        )
    )
    _swap(doc, week, "front_plank_knees", "front_plank")
    _swap(doc, week, "side_plank_knees", "side_plank")
    found = gluteus.check(doc)
    assert any(v.rule == "postnatal" and v.week == week for v in found), [str(v) for v in found]


def test_a_full_plank_after_a_block_without_the_supported_planks_is_caught():
    # Take the planks on the knees out of the program: the full planks that followed
    # them now follow no block of plank work, and are caught in the first block holding
    # them.
    doc = program("p2_postnatal_runner.yaml")
    for week in doc["weeks"]:
        for session in week["sessions"]:
            session["exercises"] = [
                rx
                for rx in session["exercises"]
                if not (rx["family"] in PLANKS and rx["id"].endswith("_knees"))
            ]
            retime(session)
    _, block_of = _plank_blocks(doc)
    full = sorted(n for n, rx in rows(doc) if "high_abdominal_pressure" in tags(rx))
    assert full
    first = {n for n in full if block_of[n] == block_of[full[0]]}
    found = [v for v in gluteus.check(doc) if v.rule == "postnatal"]
    assert found and {v.week for v in found} == first, [str(v) for v in found]


# --- Review 5: a raised seat while the hip may not bend past 90 degrees -----------------


def _raised(rx: dict[str, Any]) -> bool:
    """The row shows a cue naming the raised seat (one guarding ``chair_rise``)."""
    ex = CATALOGUE[rx["id"]]
    return any("chair_rise" in c.guards and c in rx["cues"] for c in ex.cues)


def _with(name: str, **changes: Any) -> dict[str, Any]:
    data = gluteus.load_profile(next(FIXTURES.glob(f"review*/{name}")), plugins=PM).to_dict()
    data.update(changes)
    doc: dict[str, Any] = gluteus.generate(gluteus.Profile.from_dict(data), plugins=PM).to_dict()
    return doc


@pytest.mark.parametrize("approach", ["hip_replacement_lateral", "hip_replacement_posterior"])
def test_every_sit_to_stand_keeps_the_raised_seat_while_the_hip_precaution_is_printed(approach):
    # 71, a lateral (and, the same profile, a posterior) hip replacement 9 weeks ago: the
    # flexion precaution is printed for all 10 weeks, so the seat instruction is too.
    if approach == "hip_replacement_lateral":
        doc = program("p4_lateral_thr.yaml")
    else:
        doc = _with("p4_lateral_thr.yaml", precautions=[approach])
    assert gluteus.check(doc) == []
    weeks = {r["id"]: r["weeks"] for r in doc["safety"]["rules"]}
    assert weeks[approach] == weeks["raised_seat_sit_to_stand"] == list(range(1, 11))
    assert "raised_seat_after_replacement" not in weeks
    chair = [n for n in doc["safety"]["notes"] if "firm, high chair" in n]
    assert len(chair) == 1 and chair[0].startswith("While your hip may not bend"), chair
    rises = [(n, rx) for n, rx in rows(doc) if "chair_rise" in tags(rx)]
    assert rises
    for n, rx in rises:
        assert _raised(rx), (n, rx["id"])
        assert not tags(rx) & {"arms_crossed", "hip_flexion_past_90"}, (n, rx["id"])
    # The power weeks keep their fast rise, from the raised seat.
    power = [w["number"] for w in doc["weeks"] if w["phase"] == "Power and function"]
    assert power
    assert {n for n, rx in rises if "fast_chair_rise" in tags(rx)} == set(power)


def test_an_anterior_hip_replacement_keeps_the_raised_seat_only_for_its_stages():
    # The anterior approach has no flexion precaution: the raised seat holds up to 12
    # weeks after the operation (weeks 1-3 here), and the note says so.
    doc = _with("p4_lateral_thr.yaml", precautions=["hip_replacement_anterior"])
    assert gluteus.check(doc) == []
    weeks = {r["id"]: r["weeks"] for r in doc["safety"]["rules"]}
    assert "raised_seat_sit_to_stand" not in weeks
    assert weeks["raised_seat_after_replacement"] == [1, 2, 3]
    chair = [n for n in doc["safety"]["notes"] if "firm, high chair" in n]
    assert [n.split(":")[0] for n in chair] == ["Weeks 1-3"]
    for n, rx in rows(doc, weeks=(1, 2, 3)):
        if "chair_rise" in tags(rx):
            assert _raised(rx), (n, rx["id"])


@pytest.mark.parametrize(
    "ex_id", ["sit_to_stand_arms_crossed", "sit_to_stand", "fast_sit_to_stand"]
)
def test_an_ordinary_seat_slipped_into_the_hip_precaution_weeks_is_caught(ex_id):
    doc = program("p4_lateral_thr.yaml")
    # The first sit to stand from week 7 on, 16 weeks after the operation.
    number, rows_, at = next(
        (week["number"], session["exercises"], i)
        for week in doc["weeks"][6:]
        for session in week["sessions"]
        for i, rx in enumerate(session["exercises"])
        if "chair_rise" in tags(rx)
    )
    ex = CATALOGUE[ex_id]
    rows_[at] = {**rows_[at], "id": ex.id, "name": ex.name, "cues": [str(c) for c in ex.cues]}
    rows_[at].update(tags=sorted(ex.tags), role=ex.role, level=ex.level, fault=ex.fault)
    rows_[at].update(source=ex.source, evidence=ex.evidence, issues=list(ex.issues))
    found = gluteus.check(doc)
    assert any(v.rule == "raised_seat_sit_to_stand" and v.week == number for v in found), [
        str(v) for v in found
    ]


def test_a_raised_seat_without_its_seat_cue_is_caught():
    doc = program("p4_lateral_thr.yaml")
    rx = next(rx for _, rx in rows(doc) if "chair_rise" in tags(rx))
    rx["cues"] = [c for c in rx["cues"] if "raised" not in c]
    found = gluteus.check(doc)
    assert any(v.rule == "raised_seat_sit_to_stand" and "guarding" in str(v) for v in found), [
        str(v) for v in found
    ]


# --- Review 5: a load the reps and reps in reserve make -----------------------------------


@functools.cache
def _markdown(name: str) -> str:
    profile = gluteus.load_profile(next(FIXTURES.glob(f"review*/{name}")), plugins=PM)
    text = gluteus.render(gluteus.generate(profile, plugins=PM), "markdown", plugins=PM)
    assert isinstance(text, str)
    return text


def test_the_load_named_is_the_one_the_reps_and_reserve_make_never_a_set_to_failure():
    """High blood pressure and back pain 4/10: "2 × 8, 8-12RM, 3 reps in reserve" with a
    weight you can lift 8 times makes 8 reps a set to failure; 8 reps with 3 in reserve
    is a weight you could lift about 11 times, and 8RM stays the heaviest allowed."""
    doc = program("p6_bp_back.yaml")
    by_rm = [(n, rx) for n, rx in rows(doc) if (rx["effort"] or {}).get("rm")]
    assert by_rm, "the program loads external weights"
    for n, rx in by_rm:
        rm, rir, reps = rx["effort"]["rm"], rx["effort"]["rir"], rx["reps"]
        assert rm == [reps + rir[0], reps + rir[1]], (n, rx["id"], reps, rm, rir)
        assert rm[0] >= 8, (n, rx["id"])  # the hypertension cap, an upper bound on the load
        if not rx["load"].startswith("Deload"):
            times = f"{rm[0]}" if rm[0] == rm[1] else f"{rm[0]} to {rm[1]}"
            assert rx["load"].startswith(f"A weight you could lift about {times} times"), (
                n,
                rx["load"],
            )
    text = _markdown("p6_bp_back.yaml")
    assert "8–12RM" not in text and "lift 8 to 12 times" not in text
    assert "| 2 × 8 | 90 s | 5 | A weight you could lift about 11 times" in text
    assert "RPE 7, 11RM, 3 reps in reserve" in text


def test_a_load_heavier_than_the_reps_and_reserve_make_is_caught():
    """The reviewer's line put back by hand: 8 reps with 3 in reserve at 8-12RM."""
    doc = program("p6_bp_back.yaml")
    assert verify(doc, CTX) == []
    rx = next(rx for _, rx in rows(doc) if (rx["effort"] or {}).get("rm") and rx["reps"] == 8)
    rx["effort"]["rm"] = [8, 12]
    found = [str(v) for v in verify(doc, CTX)]
    assert any("the load and the effort disagree" in v and "set to failure" in v for v in found)
    doc = program("p6_bp_back.yaml")
    rx = next(rx for _, rx in rows(doc) if (rx["effort"] or {}).get("rm") and rx["reps"] == 8)
    rx["load"] = rx["load"].replace("about 11 times", "8 to 12 times")
    found = [str(v) for v in verify(doc, CTX)]
    assert any("is not what the dose rules give it" in v for v in found), found


# --- Review 5: the hinge is learnt before it is loaded ------------------------------------

HINGES = {"deadlift", "single_leg_rdl", "kettlebell_swing"}


def test_when_the_back_takes_over_the_hinge_drill_comes_before_any_loaded_hinge():
    """Back pain 4/10 and the back doing the glutes' work: the dumbbell Romanian deadlift
    came in weeks 7-8 and the hip hinge drill that teaches it only in weeks 9-10."""
    doc = program("p6_bp_back.yaml")
    assert "back_hinge_drill_first" in {r["id"] for r in doc["safety"]["rules"]}
    learnt: set[str] = set()
    loaded = 0
    for week in doc["weeks"]:
        for session in week["sessions"]:
            drilled = "hip_hinge" in learnt
            for rx in session["exercises"]:
                if rx["family"] == "hip_hinge":
                    drilled = True
                elif rx["family"] in HINGES and rx["loaded"]:
                    loaded += 1
                    assert drilled, (week["number"], rx["id"])
        learnt |= {
            rx["family"] for s in week["sessions"] for rx in s["exercises"] if not rx["loaded"]
        }
    assert loaded, "the program still loads the hinge, after the drill"


def test_a_loaded_hinge_before_the_hinge_drill_is_caught():
    doc = program("p6_bp_back.yaml")
    assert verify(doc, CTX) == []
    # The first week of a hinge: any hinge waits for the drill, with a weight or not.
    first = min(n for n, rx in rows(doc) if rx["family"] in HINGES)
    for week in doc["weeks"]:
        if week["number"] > first:
            break
        for session in week["sessions"]:
            session["exercises"] = [
                rx for rx in session["exercises"] if rx["family"] != "hip_hinge"
            ]
            retime(session)
    found = [v for v in verify(doc, CTX) if v.rule == "back_hinge_drill_first"]
    assert found and min(v.week or 0 for v in found) == first, [str(v) for v in found]


# --- Review 5: a 16-year-old on back-to-back days -----------------------------------------

LOADING = {"strength", "eccentric", "isometric", "power"}
ISOLATED_ABDUCTION = {
    "clamshell",
    "side_lying_abduction",
    "fire_hydrant",
    "standing_hip_abduction",
    "seated_abduction",
}


def test_a_youth_never_does_the_same_hard_exercise_on_two_days_in_a_row():
    """Mon and Tue back to back: the same clamshell and side-lying sets at RPE 7-8 on
    both days. Lloyd 2014: 2-3 non-consecutive days a week."""
    doc = program("p5_youth_bball.yaml")  # 16, sessions Mon, Tue, Thu, Sat
    assert "youth" in {r["id"] for r in doc["safety"]["rules"]}
    for week in doc["weeks"]:
        days = {s["day"]: s for s in week["sessions"]}
        monday, tuesday = days["mon"], days["tue"]
        hard = [
            {rx["id"] for rx in s["exercises"] if rx["role"] in LOADING} for s in (monday, tuesday)
        ]
        assert not hard[0] & hard[1], (week["number"], hard[0] & hard[1])


def test_a_youth_gets_at_most_8_sets_a_week_of_isolated_abduction():
    doc = program("p5_youth_bball.yaml")
    assert "youth_abduction_volume" in {r["id"] for r in doc["safety"]["rules"]}
    for week in doc["weeks"]:
        sets = sum(
            rx["sets"]
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["family"] in ISOLATED_ABDUCTION
        )
        assert sets <= 8, (week["number"], sets)


def test_the_reviewers_back_to_back_abduction_sets_are_caught():
    """The review's weeks 7-8 put back by hand: Monday's hard abduction exercise again on
    Tuesday."""
    doc = program("p5_youth_bball.yaml")
    assert verify(doc, CTX) == []
    week = next(w for w in doc["weeks"] if w["number"] == 7)
    days = {s["day"]: s for s in week["sessions"]}
    tuesday = days["tue"]["exercises"]
    abduction = next(
        rx
        for s in week["sessions"]
        for rx in s["exercises"]
        if rx["family"] in ISOLATED_ABDUCTION and rx["role"] in LOADING
    )
    days["mon"]["exercises"].append(dict(abduction))
    if not any(rx["id"] == abduction["id"] for rx in tuesday):
        tuesday.append(dict(abduction))
    for s in (days["mon"], days["tue"]):
        retime(s)
    found = [str(v) for v in verify(doc, CTX) if v.rule == "youth"]
    assert any("the same exercise" in v and abduction["id"] in v for v in found), found


# --- Review 5: the power weeks keep a strength maintenance dose -----------------------------


@pytest.mark.parametrize("name", ["p5_youth_bball.yaml", "p6_bp_back.yaml"])
def test_the_power_weeks_keep_each_issues_floor_of_loading_sets_in_every_session(name):
    """Loading sets fell from 24 (p5) and 22 (p6) to 4-5 a week in the power weeks, with
    whole sessions of activation drills only."""
    doc = program(name)
    trained = {f["issue"] for f in doc["findings"] if f["severity"] >= 1 or f["focus"]}
    power = [w for w in doc["weeks"] if w["phase"] == "Power and function" and not w["deload"]]
    assert power and trained
    for week in power:
        for session in week["sessions"]:
            assert any(rx["role"] in LOADING for rx in session["exercises"]), (
                week["number"],
                session["day"],
            )
        for issue in trained:
            sets = sum(
                rx["sets"]
                for s in week["sessions"]
                for rx in s["exercises"]
                if issue in rx["issues"] and rx["role"] in LOADING
            )
            assert sets >= 4, (week["number"], issue, sets)
    assert not [w for w in doc["warnings"] if "power phase" in w or "hard set" in w]


def test_a_power_week_of_drills_and_holds_only_is_caught():
    doc = program("p5_youth_bball.yaml")
    assert verify(doc, CTX) == []
    week = next(w for w in doc["weeks"] if w["phase"] == "Power and function")
    for session in week["sessions"]:
        session["exercises"] = [rx for rx in session["exercises"] if rx["role"] not in LOADING]
        retime(session)
    found = [str(v) for v in verify(doc, CTX)]
    assert any("holds loading work" in v for v in found), found
    assert any("below_floor" in v or "hard set" in v for v in found), found


# --- Review 6: ladders climbed, not stepped back down -----------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "a01_beryl68_knee_oa.yaml",
        # Not Priya (34, pregnant): her activation weeks hold the arms-crossed sit to
        # stand, and in her strength weeks the fit-adult chair filter leaves only the
        # plain one, which the inhibition demand needs; the floor keeps an easier rung
        # when no harder one is usable, as documented. A known residual.
        "a04_gail58_tha_anterior.json",
        "a05_kofi16_football.yaml",
        "a08_edith82_osteo.yaml",
    ],
)
def test_a_rung_reached_stays_the_floor_of_its_ladder_in_later_blocks(name):
    """Once a block has done a rung of a ladder as training work, no later block goes
    back to an easier rung of it in the same role (a plank after planks on the knees
    stays a plank; a sit to stand from a lower seat is not followed by a raised seat).
    Lifts with a weight are held to the lifts' own floor: they climb by their load."""
    doc = program(name)
    highest: dict[tuple[str, str, bool], tuple[int, int]] = {}  # -> rung, block
    for week in doc["weeks"]:
        for session in week["sessions"]:
            for rx in session["exercises"]:
                if rx["ladder"] is None or rx["role"] == "activation":
                    continue
                key = (rx["ladder"], rx["role"], rx["load_type"] == "external")
                if key in highest and highest[key][1] < week["block"]:
                    assert rx["rung"] >= highest[key][0], (week["number"], rx["id"], key)
                if key not in highest or rx["rung"] > highest[key][0]:
                    highest[key] = (rx["rung"], week["block"])


def test_a_youth_whose_knees_cave_in_holds_no_weight_in_his_first_jumps():
    """Kofi, 16, knees caving in, with dumbbells: the power block that brings his first
    jumps holds no jump with a weight (the landing is learnt with his own weight)."""
    doc = program("a05_kofi16_football.yaml")
    power = [w for w in doc["weeks"] if w["phase"] == "Power and function"]
    assert power
    first = [
        rx
        for w in power
        if w["block"] == power[0]["block"]
        for s in w["sessions"]
        for rx in s["exercises"]
    ]
    assert not [rx["id"] for rx in first if "loaded_jump" in tags(rx)]


# --- Review 6: split stances after an anterior hip replacement, outer hip tendon staging --

GAIL = "a04_gail58_tha_anterior.json"  # anterior hip replacement 7 weeks ago, hip 2/10
TOM = "a03_tom27_runner_hip.yaml"  # runner, outer hip 2/10 in workouts, pelvis drops
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SINGLE_LEG_LOADING = {"single_leg_step", "single_leg_squat", "single_leg_excursion"}


def test_every_split_stance_and_single_leg_hinge_extends_the_hip_for_the_anterior_rule():
    from gluteus.engine.safety import exclusion_reasons

    rule = CTX.registry.safety_rules["hip_replacement_anterior"]
    for ex in CATALOGUE.values():
        if ex.family in {"split_squat", "split_squat_jump", "curtsy_lunge", "single_leg_rdl"}:
            assert "hip_extension" in ex.tags, ex.id
    # Those done slowly stay, with the cue keeping the back or free leg from turning out.
    for ex_id, words in (
        ("reverse_lunge", "Back knee and toes point straight ahead"),
        ("split_squat", "Back knee and toes point straight ahead"),
        ("split_squat_hold", "Back knee and toes point straight ahead"),
        ("single_leg_rdl", "Free leg's toes point to the floor"),
        ("single_leg_rdl_loaded", "Free leg's toes point to the floor"),
    ):
        assert exclusion_reasons(CATALOGUE[ex_id], rule) == [], ex_id
        assert any(
            c.startswith(words) and "hip_extension" in c.guards for c in CATALOGUE[ex_id].cues
        )
    # Too fast, or twisting across, for a cue to hold the leg: left out.
    for ex_id in ("reverse_lunge_knee_drive", "split_squat_jump", "curtsy_lunge"):
        assert "tagged hip_extension with no cue guarding it" in exclusion_reasons(
            CATALOGUE[ex_id], rule
        ), ex_id


def test_after_an_anterior_hip_replacement_lunges_and_single_leg_hinges_show_the_cue():
    doc = program(GAIL)
    assert "hip_replacement_anterior" in {r["id"] for r in doc["safety"]["rules"]}
    extending = [(n, rx) for n, rx in rows(doc) if "hip_extension" in CATALOGUE[rx["id"]].tags]
    assert extending
    for n, rx in extending:
        guards = {str(c) for c in CATALOGUE[rx["id"]].cues if "hip_extension" in c.guards}
        assert guards and guards <= set(rx["cues"]), (n, rx["id"])
    given = {rx["id"] for _, rx in rows(doc)}
    assert not given & {"reverse_lunge_knee_drive", "split_squat_jump", "curtsy_lunge"}
    text = _markdown(GAIL)
    for ex_id, cue in (
        ("reverse_lunge", "Back knee and toes point straight ahead"),
        ("single_leg_rdl", "Free leg's toes point to the floor"),
    ):
        if ex_id in given:
            section = text.split(f"### {CATALOGUE[ex_id].name}\n", 1)[1].split("\n### ", 1)[0]
            assert cue in section, ex_id


@pytest.mark.parametrize("ex_id", ["reverse_lunge", "single_leg_rdl"])
def test_a_lunge_or_single_leg_hinge_without_its_cue_is_caught(ex_id):
    """The reviewer's rows put back: the exercise with only its old cues."""
    doc = program(GAIL)
    assert verify(doc, CTX) == []
    week = next(w for w in doc["weeks"] if w["number"] == 10)
    rx = week["sessions"][0]["exercises"][-1]
    ex = CATALOGUE[ex_id]
    rx.update(
        id=ex.id,
        name=ex.name,
        family=ex.family,
        role=ex.role,
        tags=sorted(ex.tags),
        cues=[str(c) for c in ex.cues if "hip_extension" not in c.guards],
    )
    found = verify(doc, CTX)
    assert any(
        v.rule == "hip_replacement_anterior" and "no cue guarding hip_extension" in str(v)
        for v in found
    ), [str(v) for v in found]


def test_hip_pain_after_a_hip_replacement_is_not_read_as_the_outer_hip_tendon():
    doc = program(GAIL)
    state = next(p for p in doc["person"] if p["state"] == "outer_hip")
    # Her 2/10 is outer hip pain after a hip replacement (trained standing first), not
    # the tendon picture, and the person summary says so.
    assert state["value"] == "after_hip_replacement" and "hip replacement" in state["why"]
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert not {r for r in rules if r.startswith("gluteal_tendinopathy")}, rules
    notes = " ".join(doc["safety"]["notes"])
    # The runner's advice the reviewer found, against her no-jumps rule.
    assert "Jumps, hops and fast work come" not in notes
    assert "shorter runs" not in notes
    assert "ache around the new joint" in notes and "next morning" in notes
    # What the tendon rules kept off her, the new hip keeps off itself.
    assert "hip_replacement_at_home" in rules
    for n, rx in rows(doc):
        banned = {"stance_pivot", "adduction_under_load", "adduction_past_midline"}
        assert not tags(rx) & (banned | {"fast_single_leg", "impact"}), (n, rx["id"])


def test_a_pivot_on_a_new_hip_is_caught():
    doc = program(GAIL)
    assert verify(doc, CTX) == []
    week = doc["weeks"][8]
    rx = week["sessions"][0]["exercises"][-1]
    ex = CATALOGUE["hip_airplane"]
    rx.update(id=ex.id, name=ex.name, family=ex.family, role=ex.role, cues=list(ex.cues))
    found = verify(doc, CTX)
    assert any(v.rule == "hip_replacement_at_home" for v in found), [str(v) for v in found]


def _first_block(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in doc["weeks"] if w["block"] == doc["weeks"][0]["block"]]


def test_the_outer_hip_tendon_gets_holds_and_two_leg_work_before_single_leg_loading():
    from gluteus.plugins.safety.rules import TENDON_FIRST_WORK

    doc = program(TOM)
    assert "gluteal_tendinopathy_single_leg_later" in {r["id"] for r in doc["safety"]["rules"]}
    first = _first_block(doc)
    assert first and len(first) < len(doc["weeks"])
    for week in first:
        for session in week["sessions"]:
            for rx in session["exercises"]:
                assert not tags(rx) & SINGLE_LEG_LOADING, (week["number"], rx["id"])
                # The step-ups the reviewer found in week 1.
                assert rx["family"] != "step_up", (week["number"], rx["id"])
            families = {rx["family"] for rx in session["exercises"]}
            assert families & set(TENDON_FIRST_WORK), (week["number"], session["day"])
    later = [rx for n, rx in rows(doc) if n > first[-1]["number"]]
    assert any(tags(rx) & SINGLE_LEG_LOADING for rx in later), "single-leg work comes later"


def test_the_outer_hip_tendon_never_does_the_same_hard_exercise_two_days_running():
    doc = program(TOM)
    days: dict[str, list[int]] = {}
    for week in doc["weeks"]:
        for session in week["sessions"]:
            day = (week["number"] - 1) * 7 + WEEKDAYS.index(session["day"])
            for rx in session["exercises"]:
                if rx["role"] in ("strength", "eccentric"):
                    days.setdefault(rx["id"], []).append(day)
    assert days
    for ex_id, when in days.items():
        assert all(b - a > 1 for a, b in itertools.pairwise(sorted(when))), ex_id
    # The reviewer's single-leg wall squat on Monday and Tuesday, put back, is caught.
    week = next(w for w in doc["weeks"] if w["number"] == 5)
    mon, tue = week["sessions"][0], week["sessions"][1]
    assert (mon["day"], tue["day"]) == ("mon", "tue")
    hard = next(rx for rx in mon["exercises"] if rx["role"] == "strength")
    slot = tue["exercises"][-1]
    slot.update({k: hard[k] for k in hard if k not in ("minutes",)})
    found = verify(doc, CTX)
    assert any(v.rule == "gluteal_tendinopathy_single_leg_later" for v in found), [
        str(v) for v in found
    ]


def test_a_step_up_in_the_first_block_of_the_outer_hip_tendon_is_caught():
    doc = program(TOM)
    assert verify(doc, CTX) == []
    rx = doc["weeks"][0]["sessions"][0]["exercises"][-1]
    ex = CATALOGUE["step_up_at_rail"]
    rx.update(id=ex.id, name=ex.name, family=ex.family, role=ex.role, cues=list(ex.cues))
    found = verify(doc, CTX)
    assert any(v.rule == "gluteal_tendinopathy_single_leg_later" for v in found), [
        str(v) for v in found
    ]


def test_the_lunge_gate_is_the_one_the_first_stage_lifts_at():
    """2/10 with a pelvis that drops: "under 3/10" read as met; the pelvis holds him."""
    from gluteus.plugins.safety import person as states

    notes = [n for n in program(TOM)["safety"]["notes"] if n.startswith("Stand on one leg only")]
    assert len(notes) == 1
    assert "pelvis stays level" in notes[0] and "Trendelenburg" in notes[0]
    assert f"under {states.OUTER_HIP_ALONE}/10" in notes[0] and "under 3/10" not in notes[0]
    # The gate as said lifts the rule: a level pelvis under that pain, and not before.
    data = gluteus.load_profile(next(FIXTURES.glob(f"review*/{TOM}")), plugins=PM).to_dict()
    level = {**data["tests"], "trendelenburg": {"left": False, "right": False}}
    for pain, tests, holds in (
        (2, data["tests"], True),
        (states.OUTER_HIP_ALONE - 1, level, False),
        (states.OUTER_HIP_ALONE, level, True),
    ):
        changed = gluteus.Profile.from_dict({**data, "pain": {"hip": pain}, "tests": tests})
        doc = gluteus.generate(changed, plugins=PM).to_dict()
        rules = {r["id"] for r in doc["safety"]["rules"]}
        assert ("gluteal_tendinopathy_staging" in rules) is holds, (pain, tests)


# --- Review 6: split jumps land like hops; the fast rise keeps the hands free; reps
# --- within the chair stands tested ----------------------------------------------------


def _swap_in(doc: dict[str, Any], week: int, ex_id: str, like: str) -> dict[str, Any]:
    """Put catalogue exercise ``ex_id`` in place of week ``week``'s first row of ``like``
    (an exercise id, a family or a role), keeping that row's dose; return the new row."""
    ex = CATALOGUE[ex_id]
    for session in doc["weeks"][week - 1]["sessions"]:
        for rx in session["exercises"]:
            if like in (rx["id"], rx["family"], rx["role"]):
                rx.update(id=ex.id, name=ex.name, cues=[str(c) for c in ex.cues])
                rx.update(tags=sorted(ex.tags), role=ex.role, level=ex.level, fault=ex.fault)
                rx.update(source=ex.source, evidence=ex.evidence, issues=list(ex.issues))
                rx.update(family=ex.family, planes=list(ex.planes), targets=list(ex.targets))
                return rx
    raise AssertionError(f"no {like} in week {week}")


def test_a_split_jump_lands_on_one_leg_for_the_rules_that_stage_landings():
    # Switching legs in the air and landing in a split stance: the front knee takes a
    # landing that cannot be held, so it is staged with the hops on one leg.
    assert "single_leg_landing" in CATALOGUE["split_squat_jump"].tags


def test_knees_that_cave_in_at_16_get_no_split_jump_and_no_landing_on_one_leg():
    doc = program("a05_kofi16_football.yaml")  # 16, both knees cave in on the test
    assert verify(doc, CTX) == []
    assert {"landing_ladder", "youth"} <= {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert rx["id"] != "split_squat_jump", n
        assert not tags(rx) & {"single_leg_landing", "rotational_landing"}, (n, rx["id"])


def test_a_split_jump_slipped_into_the_power_weeks_of_a_valgus_youth_is_caught():
    doc = program("a05_kofi16_football.yaml")
    week = next(w["number"] for w in doc["weeks"] if w["phase"] == "Power and function")
    _swap_in(doc, week, "split_squat_jump", "power")
    found = verify(doc, CTX)
    assert any(v.rule == "landing_ladder" and v.week == week for v in found), [
        str(v) for v in found
    ]


def test_a_youth_lands_on_one_leg_only_after_a_block_of_two_foot_jumps():
    # The same 16-year-old with knees that stay in line: the landing ladder's rule does
    # not hold, the landing progression (for everyone) does. A split jump in a block whose
    # block before held no two-foot jumps is caught, naming that rule.
    doc = _with("a05_kofi16_football.yaml", signs=["knee_pain_stairs_running"], tests={})
    assert verify(doc, CTX) == []
    assert "landing_ladder" not in {r["id"] for r in doc["safety"]["rules"]}
    blocks: dict[int, set[str]] = {}
    for w in doc["weeks"]:
        blocks.setdefault(w["block"], set()).update(
            rx["family"] for s in w["sessions"] for rx in s["exercises"]
        )
    block_of = {w["number"]: w["block"] for w in doc["weeks"]}
    for n, rx in rows(doc):
        if "single_leg_landing" in tags(rx):
            assert "squat_jump" in blocks.get(block_of[n] - 1, set()), (n, rx["id"])
    week = next(w["number"] for w in doc["weeks"] if w["phase"] == "Power and function")
    assert "squat_jump" not in blocks.get(block_of[week] - 1, set())
    _swap_in(doc, week, "split_squat_jump", "power")
    found = verify(doc, CTX)
    assert any(
        v.rule == "landing_progression" and "block before" in str(v) and v.week == week
        for v in found
    ), [str(v) for v in found]


FAST_RISE_PEOPLE = ["a08_edith82_osteo.yaml", "a01_beryl68_knee_oa.yaml"]


def _hands(rx: dict[str, Any]) -> set[str]:
    """The row's shown cues keeping the hands free on the armrests (guarding a fast rise)."""
    ex = CATALOGUE[rx["id"]]
    return {str(c) for c in ex.cues if "fast_chair_rise" in c.guards and c in rx["cues"]}


@pytest.mark.parametrize("name", FAST_RISE_PEOPLE)
def test_a_person_likely_to_fall_rises_fast_only_with_the_hands_on_the_armrests(name):
    # Edith, 82 (7 chair stands, a high falls risk) and Beryl, 68 (a high falls risk).
    doc = program(name)
    assert verify(doc, CTX) == []
    assert "falls_supported_balance" in {r["id"] for r in doc["safety"]["rules"]}
    fast = [(n, rx) for n, rx in rows(doc) if "fast_chair_rise" in tags(rx)]
    assert fast
    for n, rx in fast:
        assert _hands(rx), (n, rx["id"], rx["cues"])
        assert any("armrests" in c for c in _hands(rx)), (n, rx["id"])


@pytest.mark.parametrize("name", FAST_RISE_PEOPLE)
def test_a_fast_rise_without_its_hands_cue_is_caught(name):
    doc = program(name)
    n, rx = next((n, rx) for n, rx in rows(doc) if "fast_chair_rise" in tags(rx))
    rx["cues"] = [c for c in rx["cues"] if c not in _hands(rx)]
    found = verify(doc, CTX)
    assert any(
        v.rule == "falls_supported_balance" and v.week == n and "fast_chair_rise" in str(v)
        for v in found
    ), [str(v) for v in found]


def test_a_fast_rise_with_no_hands_cue_is_left_out_for_a_person_likely_to_fall():
    from gluteus.engine.safety import exclusion_reasons
    from gluteus.plugins.safety.rules import SAFETY_RULES

    plain = attrs.evolve(
        CATALOGUE["fast_sit_to_stand"],
        cues=tuple(str(c) for c in CATALOGUE["fast_sit_to_stand"].cues),
    )
    for rule in SAFETY_RULES:
        if rule.id in ("falls_supported_balance", "chair_stand_with_hands"):
            assert exclusion_reasons(plain, rule), rule.id
            assert not exclusion_reasons(CATALOGUE["fast_sit_to_stand"], rule), rule.id


@pytest.mark.parametrize(
    ("name", "most"), [("a08_edith82_osteo.yaml", 5), ("a01_beryl68_knee_oa.yaml", 8)]
)
def test_sit_to_stand_reps_stay_short_of_the_chair_stands_tested(name, most):
    # Edith managed 7 chair stands in 30 s, Beryl 10: a set starts 2 short of the count
    # and adds at most a rep a week (a review 11 profile: held at 6 for 12 weeks, it never grew).
    doc = program(name)
    # A rise holding a weight is dosed by its load, not by the count the test took
    # without one (dosing.tested_rep_limit).
    chair = [
        (n, rx)
        for n, rx in rows(doc)
        if rx["family"] == "sit_to_stand" and rx["load_type"] != "external"
    ]
    assert chair
    first = min(n for n, _ in chair)
    assert all(rx["reps"] <= most + (n - 1) for n, rx in chair), sorted(
        {(n, rx["reps"]) for n, rx in chair}
    )
    assert all(rx["reps"] <= most + first - 1 for n, rx in chair if n == first)


def test_sit_to_stand_reps_past_the_chair_stands_tested_are_caught():
    doc = program("a08_edith82_osteo.yaml")
    n, rx = next((n, rx) for n, rx in rows(doc) if rx["family"] == "sit_to_stand")
    rx["reps"] = 12
    found = [str(v) for v in verify(doc, CTX)]
    assert any(f"week {n}" in v.lower() and "chair_stand_30s" in v for v in found), found


@pytest.mark.parametrize(
    ("count", "most"), [(0, 3), (4, 3), (7, 5), (10, 8), (13, 10), (14, 12), (22, 20)]
)
def test_the_reps_a_chair_stand_count_allows_are_two_short_and_told(count, most):
    from gluteus.engine.dosing import tested_rep_limit, told_reps

    found = tested_rep_limit(
        CATALOGUE["sit_to_stand"], {"chair_stand_30s": count}, CTX.registry.tests
    )
    assert found == (most, "chair_stand_30s")
    assert told_reps(most) == most
    assert (
        tested_rep_limit(CATALOGUE["squat_jump"], {"chair_stand_30s": count}, CTX.registry.tests)
        is None
    )


# --- Review 6: with amber pain, a new block waits for green sessions too ------------------


def _block_starts(doc: dict[str, Any]) -> list[int]:
    return [
        week["number"]
        for before, week in itertools.pairwise(doc["weeks"])
        if week["block"] != before["block"]
    ]


def test_with_amber_pain_the_first_week_of_each_block_waits_for_green_sessions():
    # Mark's back pain is 5/10: the step into a new block (new, harder exercises at a
    # higher effort) was the one increase that did not wait for green sessions.
    from gluteus.engine.traffic_light import GREEN_ONLY

    doc = program("a06_mark45_lbp_htn.yaml")
    starts = _block_starts(doc)
    assert starts == [4, 7, 11, 14]
    for number in starts:
        before = {rx["id"]: rx for _, rx in rows(doc, {number - 1})}
        new = [rx for _, rx in rows(doc, {number}) if rx["id"] not in before]
        assert new, number
        for rx in new:
            assert rx["load"].endswith(f"; {GREEN_ONLY}"), (number, rx["id"])
        for rx in (r for _, r in rows(doc, {number}) if r["id"] in before):
            was = before[rx["id"]]
            now = [rx[k] or 0 for k in ("sets", "reps", "hold_s")] + [rx["effort"]["rpe"][1]]
            then = [was[k] or 0 for k in ("sets", "reps", "hold_s")] + [was["effort"]["rpe"][1]]
            if now == then:
                assert GREEN_ONLY not in rx["load"], (number, rx["id"])
            elif all(a >= b for a, b in zip(now, then, strict=True)):
                assert rx["load"].endswith(GREEN_ONLY), (number, rx["id"])
    # His first external load (a kettlebell, late in the program) waits for green
    # sessions the week before it too.
    first = min(n for n, rx in rows(doc) if rx["load_type"] == "external")
    loaded = [rx for _, rx in rows(doc, {first}) if rx["load_type"] == "external"]
    assert first > 1 and all(rx["load"].endswith(GREEN_ONLY) for rx in loaded), first
    # A deload asks less: it is never conditional.
    assert not any(GREEN_ONLY in rx["load"] for _, rx in rows(doc, set(_deloads(doc))))


def test_the_green_gate_is_on_the_weeks_rows_not_on_the_exercise_cards():
    # A card speaks for every week of an exercise; the gate holds one week's increase.
    text = _markdown("a06_mark45_lbp_htn.yaml")
    cards = [line for line in text.splitlines() if line.startswith("- **Load:**")]
    assert cards
    assert not any("stayed green" in line for line in cards)
    assert "| Your own bodyweight: feel the glutes working; only if last week's" in text


@pytest.mark.parametrize("after_deload", [False, True])
def test_a_block_change_without_the_green_gate_is_caught(after_deload):
    from gluteus.engine.traffic_light import GREEN_ONLY

    doc = program("a06_mark45_lbp_htn.yaml")
    assert verify(doc, CTX) == []
    number = 7 if after_deload else 4  # week 6 is a deload; week 3 is not
    before = {rx["id"] for _, rx in rows(doc, {number - 1})}
    row = next(rx for _, rx in rows(doc, {number}) if rx["id"] not in before)
    row["load"] = row["load"].removesuffix(f"; {GREEN_ONLY}")
    said = [str(v) for v in verify(doc, CTX)]
    assert any(
        s.startswith(f"week {number},")
        and f"{row['id']}: new since week {number - 1}, with pain already amber" in s
        for s in said
    ), said


# --- Review 6: knee pain on stairs is not knees caving in --------------------------------


def test_knee_arthritis_pain_on_stairs_alone_is_not_told_knees_cave_in():
    # Beryl has knee osteoarthritis: pain on stairs, no valgus sign or test.
    doc = program("a01_beryl68_knee_oa.yaml")
    knees = next(f for f in doc["findings"] if f["issue"] == "knees")
    assert knees["severity"] == 0 and knees["signs"] == []
    assert "Knees cave in" not in _markdown("a01_beryl68_knee_oa.yaml").split("Also screened")[0]


def test_a_knees_finding_from_stair_pain_alone_is_caught():
    doc = program("a01_beryl68_knee_oa.yaml")
    assert verify(doc, CTX) == []
    knees = next(f for f in doc["findings"] if f["issue"] == "knees")
    knees.update(severity=2, signs=["knee_pain_stairs_running"])
    said = [str(v) for v in verify(doc, CTX)]
    assert (
        "program: finding knees: the program says severity 2, screening the profile gives severity 0"
        in said
    )


def test_knee_pain_on_stairs_still_counts_beside_a_knee_seen_to_cave_in():
    profile = gluteus.load_profile(FIXTURES / "review6/a01_beryl68_knee_oa.yaml", plugins=PM)
    squat = {"single_leg_squat_knee_valgus": {"left": False, "right": True}}
    data = profile.to_dict()
    data["tests"] = {**data["tests"], **squat}
    result = gluteus.screen_profile(gluteus.Profile.from_dict(data), plugins=PM)
    knees = next(f for f in result.findings if f.issue == "knees")
    assert "knee_pain_stairs_running" in knees.signs
    assert knees.severity == 3  # the squat, the stairs and the 3/10 knee pain


# --- Review 6: falls tests weigh on the function finding -----------------------------------


def test_three_positive_falls_tests_make_function_marked_with_each_test_named():
    # Edith, 82: "Function over looks: mild" from her one sign, beside a high falls risk.
    doc = program("a08_edith82_osteo.yaml")
    function = next(f for f in doc["findings"] if f["issue"] == "function")
    assert function["severity"] == 3
    named = " ".join(function["tests"])
    for test in ("Timed Up and Go 14 s", "30-second chair stand 7", "tandem stance 6 s"):
        assert test in named, test
    assert named.count("a higher falls risk") == 2  # the Timed Up and Go, the tandem stance
    assert "30-second chair stand 7 (under 10 at ages 80-84): below-average leg strength" in named
    falls = next(p for p in doc["person"] if p["state"] == "falls_risk")
    assert falls["value"] == "high"  # the same tests, the same cut-offs
    text = _markdown("a08_edith82_osteo.yaml")
    assert "### Function over looks: marked" in text
    assert "Function over looks: mild" not in text


def test_a_function_finding_that_leaves_out_the_falls_tests_is_caught():
    doc = program("a08_edith82_osteo.yaml")
    assert verify(doc, CTX) == []
    function = next(f for f in doc["findings"] if f["issue"] == "function")
    function.update(severity=1, tests=[])
    assert [str(v) for v in verify(doc, CTX)] == [
        "program: finding function: the program says severity 1, screening the profile "
        "gives severity 3"
    ]


# --- Review 6: the signs a person noticed, in their own words -----------------------------


def test_signs_you_noticed_are_named_in_words_not_ids():
    text = _markdown("r12_nina_runner_valgus.yaml")
    assert "**Signs you noticed:** knees that cave in, knee pain on stairs or running" in text
    assert "knee pain stairs running" not in text
    assert "fatigue in wrong places" not in text
    for sign in CTX.registry.signs.values():
        # Outputs list several names with commas: one name holds none.
        assert sign.name and "," not in sign.name and "_" not in sign.name, sign.id


def test_a_programs_sign_words_that_are_not_the_plugins_are_caught():
    doc = program("r12_nina_runner_valgus.yaml")
    assert verify(doc, CTX) == []
    doc["issues"]["knees"]["signs"]["knees_cave_in"] = "knees that are fine"
    said = [str(v) for v in verify(doc, CTX)]
    assert any(s.startswith("program: issue knees: its signs is not the plugin's") for s in said)


def test_a_program_written_before_signs_were_named_still_checks():
    """Programs written before ``issues.<id>.signs`` existed lack the key: an extension
    of the program format, so they still check clean."""
    doc = program("r12_nina_runner_valgus.yaml")
    for info in doc["issues"].values():
        info.pop("signs", None)
    assert verify(doc, CTX) == []


# --- Review 7: landings climb for everyone; single-leg loading of a sore tendon on days
# --- apart; planks on the knees with pelvic girdle pain --------------------------------

SINGLE_LEG_LOADING = {"single_leg_step", "single_leg_squat", "single_leg_excursion"}


def test_a_cyclist_of_61_gets_no_turning_or_one_leg_landing_as_his_first_jumps():
    # Graham's first impact work was a one-leg hop with a turn: the landing progression
    # holds for everyone, each rung after a block of the one below.
    doc = program("b05_graham61_cyclist.yaml")
    assert "landing_progression" in {r["id"] for r in doc["safety"]["rules"]}
    families_before: set[str] = set()
    block = 0
    seen: dict[int, set[str]] = {}
    for w in doc["weeks"]:
        seen.setdefault(w["block"], set()).update(
            rx["family"] for s in w["sessions"] for rx in s["exercises"]
        )
    for w in doc["weeks"]:
        if w["block"] != block:
            block = w["block"]
            families_before = seen.get(block - 1, set())
        for s in w["sessions"]:
            for rx in s["exercises"]:
                if tags(rx) & {"single_leg_landing", "loaded_jump"}:
                    assert "squat_jump" in families_before, (w["number"], rx["id"])
                if "rotational_landing" in tags(rx):
                    assert "hop" in families_before, (w["number"], rx["id"])


def test_single_leg_loading_of_a_sore_outer_hip_is_never_on_two_days_running():
    doc = program(TOM)
    days = [d for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    for w in doc["weeks"]:
        loaded = [
            days.index(s["day"])
            for s in w["sessions"]
            if any(tags(rx) & SINGLE_LEG_LOADING for rx in s["exercises"])
        ]
        assert all(b - a > 1 for a, b in itertools.pairwise(sorted(loaded))), w["number"]


def test_single_leg_loading_slipped_into_the_day_after_is_caught():
    # Copied into the session the day after, or the day before, one that holds it:
    # whichever the week's days leave (plans move when other work merges).
    doc = program(TOM)
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    number, at, other = next(
        (w["number"], s, o)
        for w in doc["weeks"]
        for s in w["sessions"]
        if any(tags(rx) & SINGLE_LEG_LOADING for rx in s["exercises"])
        for o in w["sessions"]
        if abs(days.index(o["day"]) - days.index(s["day"])) == 1
    )
    row = next(rx for rx in at["exercises"] if tags(rx) & SINGLE_LEG_LOADING)
    other["exercises"].append(dict(row))
    found = verify(doc, CTX)
    assert any(
        v.rule == "gluteal_tendinopathy_single_leg_later" and v.week == number for v in found
    ), [str(v) for v in found]


def test_pelvic_girdle_pain_keeps_planks_on_the_knees():
    # Sofia, 22 weeks pregnant with pelvic girdle pain, a novice: full side planks from
    # the feet in weeks 3-5 loaded one side of the pelvis on a long lever.
    doc = program("b04_sofia38_preg22_pgp.json")
    assert "pelvic_girdle_pain" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert "high_abdominal_pressure" not in tags(rx), (n, rx["id"])


@pytest.mark.parametrize(
    "approach", ["hip_replacement_anterior", "hip_replacement_posterior", "hip_replacement_lateral"]
)
def test_hip_pain_after_a_replacement_keeps_side_lying_out(approach):
    # Found by the invariant sweep: once hip pain after a replacement was read as the new
    # hip rather than the tendon picture, nothing kept side-lying work off a 4/10 hip.
    data = {
        "age": 64,
        "experience": "novice",
        "schedule": {"weeks": 8, "sessions_per_week": 3, "minutes_per_session": 30},
        "equipment": ["mat", "mini_band"],
        "signs": ["barely_feel_glutes", "knees_cave_in"],
        "precautions": [approach],
        "weeks_since_surgery": 20,
        "pain": {"hip": 4},
    }
    doc = gluteus.generate(gluteus.Profile.from_dict(data), plugins=PM).to_dict()
    assert "hip_replacement_pain" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert rx["position"] != "side-lying", (n, rx["id"])
        assert "lateral_hip_compression" not in tags(rx), (n, rx["id"])


@pytest.mark.parametrize("name", ["a05_kofi16_football.yaml", "b02_zoe23_netball.yaml"])
def test_knees_that_cave_in_train_two_foot_landings_in_every_power_week(name):
    # Kofi (16, football) and Zoe (23, netball) had no landing work at all: A-skips
    # instead, while their notes told them how to land.
    doc = program(name)
    power = [w for w in doc["weeks"] if w["phase"] == "Power and function" and not w["deload"]]
    assert power
    for w in power:
        families = {rx["family"] for s in w["sessions"] for rx in s["exercises"]}
        assert "squat_jump" in families, w["number"]


# --- Review 8: single-leg load into a valgus knee, heavy hinges, the lunge ladder ---------

# The glutes and hamstrings worked hard by each of these: 48 hours between heavy ones.
HEAVY_APART = {"deadlift", "single_leg_rdl", "kettlebell_swing", "hip_thrust", "bridge"}


def _heavy(rx: dict[str, Any]) -> bool:
    """Dosed heavy: an effort of 8/10 or more, or a weight lifted 8 times or fewer."""
    effort = rx.get("effort") or {}
    return (effort.get("rpe") or [0, 0])[1] >= 8 or (effort.get("rm") or [99, 99])[0] <= 8


def test_a_knee_that_caves_in_gets_no_heavy_single_leg_squat():
    # Malik (29, basketball; the single-leg squat test caves in on both sides) had a
    # single-leg squat to a box at 5-6RM, RPE 8-9 in the power weeks, while the same
    # test kept his hops out: the pattern the test found at fault, loaded near maximum.
    doc = program("r8_basketball.yaml")
    assert "valgus_single_leg_load" in {r["id"] for r in doc["safety"]["rules"]}
    single_leg = [
        (n, rx) for n, rx in rows(doc) if tags(rx) & {"single_leg_squat", "single_leg_step"}
    ]
    assert any(rx["family"] == "single_leg_squat" for _, rx in single_leg)
    for n, rx in single_leg:
        effort = rx["effort"] or {}
        assert not effort.get("rpe") or effort["rpe"][1] <= 7, (n, rx["id"], effort)
        assert not effort.get("rm") or effort["rm"][0] >= 8, (n, rx["id"], effort)
    # The way to heavier single-leg work is said, as it is for the hops.
    assert any(
        "heavier single-leg work comes in a new program once the single-leg squat test" in note
        for note in doc["safety"]["notes"]
    )


@pytest.mark.parametrize("name", ["r8_basketball.yaml", "r11_back_lifter52.yaml"])
def test_heavy_hinges_are_never_on_consecutive_days(name):
    # Malik had a heavy deadlift on Thursday and a heavy single-leg Romanian deadlift on
    # Friday (both RPE 8-9), and a hinge on Monday before Tuesday's deadlift. Ian, 52,
    # had a 5-6RM hip thrust on Monday and an 8RM kettlebell bridge on Tuesday.
    doc = program(name)
    assert "heavy_hinges_apart" in {r["id"] for r in doc["safety"]["rules"]}
    days = [
        ((w["number"] - 1) * 7 + DAYS.index(s["day"]), w["number"], s["day"])
        for w in doc["weeks"]
        for s in w["sessions"]
        if any(rx["family"] in HEAVY_APART and _heavy(rx) for rx in s["exercises"])
    ]
    # Its deadlift's first block is moderate now (moderate_before_heavy), so the program
    # may hold no heavy hinge at all; it still holds hinges.
    assert any(rx["family"] in HINGES for _, rx in rows(doc)), "the program has hinges"
    for (a, wa, da), (b, wb, db) in itertools.pairwise(days):
        assert b - a > 1, (wa, da, wb, db)


def test_a_curtsy_lunge_is_not_a_novices_first_lunge_after_a_birth():
    # Sofia (35, 16 weeks after a birth, novice) went from activation work straight to a
    # curtsy lunge, loading the hip across the midline before any split squat or lunge.
    doc = program("r8_postnatal.yaml")
    assert "lunge_progression" in {r["id"] for r in doc["safety"]["rules"]}
    before: set[str] = set()
    for block in sorted({w["block"] for w in doc["weeks"]}):
        weeks = [w["number"] for w in doc["weeks"] if w["block"] == block]
        here = [rx for _, rx in rows(doc, weeks)]
        for rx in here:
            if "multiplanar_lunge" in tags(rx):
                assert "split_squat" in before, (weeks, rx["id"])
        before = {rx["family"] for rx in here}
    assert any("no pain at the front of the pelvis" in n for n in doc["safety"]["notes"])


def test_a_jump_landed_and_held_is_one_jump_at_a_time():
    # Malik's squat jumps said "every rep as fast as you safely can" while the cue said
    # to land and hold: read as rebounds, the held landing is skipped.
    doc = program("r8_basketball.yaml")
    jumps = [rx for _, rx in rows(doc) if rx["family"] == "squat_jump"]
    assert jumps
    for rx in jumps:
        assert "one jump at a time" in rx["load"].lower(), rx["load"]
        assert "hold the landing" in rx["load"], rx["load"]


# --- Review 8: doses resume where they stopped; the sprinter's power is jumps and keeps a
# --- loaded lift; the sore outer hip gets heavier, not only more reps ---------------------


def _last_loading_doses(doc: dict[str, Any]) -> list[tuple[int, str, int, int | None]]:
    """(week, id, reps, the reps of its latest earlier loading week) for each bodyweight
    or band row of a loading week, in order."""
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    out: list[tuple[int, str, int, int | None]] = []
    for w in doc["weeks"]:
        if w["deload"]:
            continue
        rxs = [rx for s in w["sessions"] for rx in s["exercises"]]
        for rx in rxs:
            was = latest.get(rx["id"])
            if rx["reps"] and rx["load_type"] != "external":
                before = was[1] if was else None
                same_effort = before is not None and (
                    rx["effort"]["rpe"][1] >= before["effort"]["rpe"][1]
                )
                out.append(
                    (w["number"], rx["id"], rx["reps"], before["reps"] if same_effort else None)
                )
        for rx in rxs:
            latest[rx["id"]] = (w["number"], rx)
    return out


def test_an_exercise_resumed_after_a_deload_or_a_block_without_it_starts_where_it_stopped():
    # Claire (47, outer hip pain): the forward step-up went 3 x 10 in week 5 to 3 x 8 in
    # week 10, the lateral step-up 3 x 14 in week 9 to 3 x 8 in week 12, after blocks
    # without them: bodyweight reps cut at the same effort, a step back.
    doc = program("r8_gtp_runner.yaml")
    resumed = [(n, e, reps, was) for n, e, reps, was in _last_loading_doses(doc) if was]
    # Her plan resumes some exercise after a loading week without it (which one is the
    # planner's choice): the check below is not vacuous.
    loading = [w for w in doc["weeks"] if not w["deload"]]
    weeks_of: dict[str, list[int]] = {}
    for i, w in enumerate(loading):
        for rx in (rx for s in w["sessions"] for rx in s["exercises"]):
            if i not in weeks_of.setdefault(rx["id"], []):
                weeks_of[rx["id"]].append(i)
    gaps = {e for e, idx in weeks_of.items() if any(b - a > 1 for a, b in itertools.pairwise(idx))}
    assert gaps & {e for _, e, _, _ in resumed}, gaps
    for n, e, reps, was in resumed:
        assert reps >= was, (n, e, reps, was)


def test_a_resumed_exercise_cut_back_to_its_first_reps_is_caught():
    doc = program("r8_gtp_runner.yaml")
    assert verify(doc, CTX) == []
    weeks = [w["number"] for w in doc["weeks"] if not w["deload"]]
    # A week whose exercise was last done two or more weeks before, at more reps.
    n, e, _, was = next(
        (n, e, reps, was)
        for n, e, reps, was in _last_loading_doses(doc)
        if was
        and was > 8
        and not any(
            rx["id"] == e
            for w in doc["weeks"]
            if w["number"] == weeks[weeks.index(n) - 1]
            for s in w["sessions"]
            for rx in s["exercises"]
        )
    )
    for w in doc["weeks"]:
        if w["number"] == n:
            for s in w["sessions"]:
                for rx in s["exercises"]:
                    if rx["id"] == e:
                        rx["reps"] = 8
    said = [str(v) for v in verify(doc, CTX)]
    assert any(f"{e}: 8 reps after {was} in week" in s for s in said), said


def test_a_young_sprinter_jumps_in_the_power_weeks_and_keeps_his_loaded_lift():
    # Theo (19, sprinter, barbell and dumbbells, nothing against jumping): his only power
    # work was a fast sit to stand from a chair with armrests, and the step-up with
    # dumbbells of weeks 3-4 was gone in weeks 6-8, all bodyweight.
    doc = program("r8_sprinter.yaml")
    power = [w for w in doc["weeks"] if w["phase"] == "Power and function" and not w["deload"]]
    assert power
    strength = [w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"]]
    lifted = {
        rx["family"]
        for w in strength
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["role"] == "strength"
    }
    assert lifted
    for w in power:
        week = [rx for s in w["sessions"] for rx in s["exercises"]]
        assert "squat_jump" in {rx["family"] for rx in week}, w["number"]
        assert not any("fast_chair_rise" in tags(rx) for rx in week), w["number"]
        kept = {
            rx["family"]
            for rx in week
            if rx["load_type"] == "external" and rx["role"] in ("strength", "eccentric")
        }
        # A loaded lift every power week; since a lift's first block with a weight is
        # moderate and heavy squats keep a day apart (moderate_before_heavy,
        # heavy_squats_apart), it may be a new one (the deadlift) rather than the
        # strength block's own, or the block's own lowered slowly with a weight.
        assert kept, w["number"]


def test_the_lunge_gate_says_both_ways_the_outer_hip_rule_lifts():
    """Claire (3/10, pelvis dropping) read "under 4/10" as met while lunges stayed out:
    the note says the gate as the rule holds it, pain alone or pain with a level pelvis."""
    from gluteus.plugins.safety import person as states

    doc = program("r8_gtp_runner.yaml")
    notes = [n for n in doc["safety"]["notes"] if n.startswith("Stand on one leg only")]
    assert len(notes) == 1
    assert f"under {states.OUTER_HIP_FROM}/10, or under {states.OUTER_HIP_ALONE}/10" in notes[0]
    # Under the lower figure the rule lifts with the pelvis still dropping.
    data = gluteus.load_profile(next(FIXTURES.glob("review*/r8_gtp_runner.yaml")), plugins=PM)
    below = gluteus.Profile.from_dict(
        {**data.to_dict(), "pain": {"hip": states.OUTER_HIP_FROM - 1}}
    )
    rules = {r["id"] for r in gluteus.generate(below, plugins=PM).to_dict()["safety"]["rules"]}
    assert "gluteal_tendinopathy_staging" not in rules


def test_a_sore_outer_hip_tendon_with_a_kettlebell_lifts_it_every_strength_week():
    # Claire (47, outer hip pain, a kettlebell): 16 weeks of bodyweight and band work,
    # reps up to 15 and stalled, against her own notes' heavy slow loading.
    doc = program("r8_gtp_runner.yaml")
    strength = [w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"]]
    assert strength
    for w in doc["weeks"]:
        week = [rx for s in w["sessions"] for rx in s["exercises"]]
        lifts = [rx for rx in week if rx["load_type"] == "external" and rx["role"] == "strength"]
        # The abduction holds stay in every week.
        assert "standing_abduction_hold" in {rx["family"] for rx in week}, w["number"]
        if w["phase"] == "Activate and control":
            assert not lifts, w["number"]  # holds and two-leg work first, unloaded
        elif not w["deload"]:
            assert lifts, w["number"]
            assert all(6 <= rx["reps"] <= 10 for rx in lifts), w["number"]
            assert all(rx["effort"]["rm"] for rx in lifts), w["number"]


# --- Review 8: a lateral hip replacement, 14 weeks after it, at a high risk of falling ----

LATERAL_THR = "r8_thr_lateral.yaml"  # Ruth, 66: 14 weeks after surgery in week 1; TUG 12 s
ABDUCTION_WORK = {"standing_abduction_hold", "standing_hip_abduction"}


def _loading(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in doc["weeks"] if not w["deload"]]


@functools.cache
def _lateral_thr_at(weeks_since_surgery: int, weeks: int) -> str:
    """Ruth's program, as if her operation had been ``weeks_since_surgery`` weeks before
    a program of ``weeks`` weeks."""
    path = next(FIXTURES.glob(f"review*/{LATERAL_THR}"))
    data = gluteus.load_profile(path, plugins=PM).to_dict()
    data["weeks_since_surgery"] = weeks_since_surgery
    data["schedule"]["weeks"] = weeks
    return json.dumps(gluteus.generate(gluteus.Profile.from_dict(data), plugins=PM).to_dict())


def test_a_lateral_hip_replacement_past_12_weeks_trains_the_abductors_holds_first():
    # "No active lifting of the leg out to the side" was held for all 12 weeks, 14 to 26
    # weeks after the operation: no glute med work at all after a transgluteal approach.
    doc = program(LATERAL_THR)
    ids = {r["id"] for r in doc["safety"]["rules"]}
    assert "hip_replacement_lateral_abductors" in ids
    assert "hip_replacement_lateral_abduction" not in ids  # past 12 weeks in week 1
    for w in _loading(doc):
        families = {rx["family"] for s in w["sessions"] for rx in s["exercises"]}
        assert families & ABDUCTION_WORK, w["number"]
    blocks: dict[int, set[str]] = {}
    for w in doc["weeks"]:
        for s in w["sessions"]:
            blocks.setdefault(w["block"], set()).update(rx["id"] for rx in s["exercises"])
    order = sorted(blocks)
    moving = [
        b
        for b in order
        for e in blocks[b]
        if "active_hip_abduction" in CATALOGUE[e].tags and CATALOGUE[e].role != "isometric"
    ]
    assert moving, "standing abduction comes in a later block"
    for b in moving:
        # The holds in an earlier block: a step once climbed stays open, so a block of
        # standing abduction may follow one that already had it.
        before = {e for a in order[: order.index(b)] for e in blocks[a]}
        assert any(CATALOGUE[e].family == "standing_abduction_hold" for e in before), b
    notes = " ".join(doc["safety"]["notes"])
    assert "Your surgeon's own rules override this" in notes
    strength = next(p for p in doc["phases"] if p["kind"] == "strength")
    assert strength["goal"].startswith("Build glute max and med strength")


def test_a_lateral_hip_replacement_under_12_weeks_holds_abduction_and_says_what_comes_next():
    # 8 weeks after the operation in week 1: weeks 1-4 are under 12 weeks.
    doc = json.loads(_lateral_thr_at(8, 12))
    held = [n for n, rx in rows(doc) if "active_hip_abduction" in tags(rx)]
    assert held and min(held) >= 5
    # The block of weeks 4-6 straddles week 12: its warning names only weeks 5-6, where
    # the rule asking for the work holds (the check compares them, week by week); the
    # demand for it in every session also spans the block's deload (week 7).
    warned = [w for w in doc["warning_details"] if w["rule"] == "hip_replacement_lateral_abductors"]
    assert sorted(w["weeks"] for w in warned) == [[5, 6], [5, 6, 7]], warned
    assert not verify(doc, CTX)
    # 2 weeks after it, an 8-week program: the restriction holds in every week.
    doc = json.loads(_lateral_thr_at(2, 8))
    assert not [n for n, rx in rows(doc) if "active_hip_abduction" in tags(rx)]
    strength = next(p for p in doc["phases"] if p["kind"] == "strength")
    assert "med" not in strength["goal"].split("(")[0]
    assert "waits until your rules allow it" in strength["goal"]
    # The check words the goal the same way: a program promising glute med strength
    # that its rules hold out is caught.
    from gluteus.engine.skeleton import PHASE_GOALS

    assert not verify(doc, CTX)
    strength["goal"] = PHASE_GOALS["strength"]
    assert any("strength phase is not worded" in v.message for v in verify(doc, CTX))
    notes = " ".join(doc["safety"]["notes"])
    assert "first a standing hold pressing the knee out into a wall" in notes
    assert "If your surgeon still says no" in notes


def test_the_lateral_hip_replacement_doses_rise_through_the_program():
    # Step-up 2 x 16 and a counter-held single-leg stance of 2 x 10 s every week for ten
    # weeks, against "adding reps, sets or load week by week".
    # With a raised risk of falling the balance work starts at a counter in tandem stance
    # and stands on one leg only in a later block (Otago's order): each supported hold
    # keeps the seconds it reached, and the balance holds climb past 30 s.
    doc = program(LATERAL_THR)
    balance = ("single_leg_stance_support", "tandem_stance_counter")
    stance = [
        (w["number"], rx["id"], rx["hold_s"])
        for w in _loading(doc)
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["id"] in balance
    ]
    assert stance[0][1] == "tandem_stance_counter", stance
    assert max(h for _, _, h in stance) >= 30, stance
    for ex_id in balance:
        holds = [h for _, e, h in stance if e == ex_id]
        assert holds and holds == sorted(holds), ("a supported hold keeps its seconds", stance)
    for ex_id in ("step_up_at_rail", "sit_to_stand_raised_seat"):
        doses = {
            (rx["sets"], rx["reps"])
            for w in _loading(doc)
            if w["number"] >= 4
            for s in w["sessions"]
            for rx in s["exercises"]
            if rx["id"] == ex_id
        }
        assert len(doses) > 1 and max(d[0] for d in doses) == 3, (ex_id, doses)


def test_the_stance_note_asks_for_no_re_take_of_a_test_never_taken():
    doc = program(LATERAL_THR)
    assert (
        "trendelenburg"
        not in gluteus.load_profile(next(FIXTURES.glob(f"review*/{LATERAL_THR}")), plugins=PM).tests
    )
    notes = " ".join(doc["safety"]["notes"])
    assert "Trendelenburg" in notes and "re-take the Trendelenburg" not in notes


# --- A young footballer whose knee caves in; a pregnant runner with pelvic girdle pain ---

YOUTH_FOOTBALL = "r9_youth_football.yaml"
PREG_PGP = "r9_preg_pgp_runner.yaml"


def test_a_young_footballer_with_a_caving_knee_gets_landing_weeks_in_a_six_week_program():
    # 15, novice, 6 weeks: "Activate and control 1-2 / Build strength 3-6", no power
    # block and no jumps, though his rules ask for landing training in power weeks.
    doc = program(YOUTH_FOOTBALL)
    kinds = {p["kind"]: p["weeks"] for p in doc["phases"]}
    assert kinds.get("power") == [5, 6], doc["phases"]
    jumps = {n for n, rx in rows(doc) if CATALOGUE[rx["id"]].family == "squat_jump"}
    assert jumps == {5, 6}
    # Landings on two feet only, held, as the landing ladder asks while the knee caves in.
    assert not any("single_leg_landing" in tags(rx) for _, rx in rows(doc))
    assert not verify(doc, CTX)


def test_a_young_footballer_with_a_caving_knee_trains_single_leg_control_every_week():
    # After week 2 no step-downs or single-leg squats, although "the work spreads to
    # step-downs, single-leg squats and landings".
    doc = program(YOUTH_FOOTBALL)
    later = {w["number"] for w in doc["weeks"] if w["phase"] != "Activate and control"}
    control = {
        n for n, rx in rows(doc) if CATALOGUE[rx["id"]].family in ("step_down", "single_leg_squat")
    }
    assert later and later <= control, sorted(control)
    assert "youth_knee_control" in {r["id"] for r in doc["safety"]["rules"]}


def test_a_short_program_says_why_it_has_no_power_phase():
    from gluteus.engine.skeleton import build_skeleton, phase_note

    adult = build_skeleton(6, "novice", 3)
    assert [k for k, _ in adult.phases] == ["activation", "strength"]
    assert "No power phase" in phase_note(adult, "strength")
    young = build_skeleton(6, "novice", 3, young=True)
    assert [k for k, _ in young.phases] == ["activation", "strength", "power"]
    assert "No power phase" not in " ".join(phase_note(young, k) for k, _ in young.phases)


def test_a_program_without_power_weeks_does_not_talk_about_them():
    doc = program(PREG_PGP)
    assert "power" not in {p["kind"] for p in doc["phases"]}
    assert not any("power weeks" in n for n in doc["safety"]["notes"])
    # With power weeks the note stays.
    youth = program(YOUTH_FOOTBALL)
    power_note = next(n for n in youth["safety"]["notes"] if "power weeks" in n)
    # The check holds the notes to the program's phases: the note slipped back in is caught.
    doc["safety"]["notes"].append(power_note)
    assert any("comes from no rule" in v.message for v in verify(doc, CTX))


def test_a_pregnant_runner_with_pgp_gets_the_side_of_hip_and_balance_work_promised():
    # Notes promised clamshells with a pillow and balance every week; the table had none.
    doc = program(PREG_PGP)
    loading = [w["number"] for w in doc["weeks"]]
    for family in ("clamshell", "tandem_stance"):
        weeks = {n for n, rx in rows(doc) if CATALOGUE[rx["id"]].family == family}
        assert weeks == set(loading), (family, sorted(weeks))
    # The clamshell is the one without a band, as the rule says.
    assert {rx["id"] for _, rx in rows(doc) if CATALOGUE[rx["id"]].family == "clamshell"} == {
        "clamshell"
    }
    notes = " ".join(doc["safety"]["notes"])
    assert "pillow between the knees" in notes and "one foot in front of the other" in notes
    assert not verify(doc, CTX)


def test_pelvic_girdle_pain_is_not_screened_as_the_low_back_working_for_the_glutes():
    doc = program(PREG_PGP)
    back = next(f for f in doc["findings"] if f["issue"] == "back")
    assert back["severity"] == 0
    assert any("taken as the pelvic girdle pain" in n for n in back["notes"])
    # A back sign alongside still counts the pain there.
    data = gluteus.load_profile(next(FIXTURES.glob(f"review*/{PREG_PGP}")), plugins=PM).to_dict()
    data["signs"] = [*data["signs"], "low_back_ache_standing"]
    screened = gluteus.screen_profile(gluteus.Profile.from_dict(data), plugins=PM)
    assert next(f for f in screened.findings if f.issue == "back").severity == 2


@functools.cache
def _pregnant_lifter() -> str:
    # The PGP runner with a back sign: a Romanian deadlift under the pregnancy cap.
    data = gluteus.load_profile(next(FIXTURES.glob(f"review*/{PREG_PGP}")), plugins=PM).to_dict()
    data["signs"] = [*data["signs"], "low_back_ache_standing"]
    return json.dumps(gluteus.generate(gluteus.Profile.from_dict(data), plugins=PM).to_dict())


def test_a_lift_held_at_a_moderate_weight_in_pregnancy_still_progresses():
    # Romanian deadlift 3 x 10 at RPE 6 from week 3 to week 10.
    doc = json.loads(_pregnant_lifter())
    doses = [
        (w["number"], rx["sets"], rx["reps"])
        for w in _loading(doc)
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["id"] == "romanian_deadlift"
    ]
    assert doses, "the plan holds a Romanian deadlift"
    assert len({(s, r) for _, s, r in doses}) > 1, doses
    # Short of the 15 reps the capped weight could be lifted (a trained lifter's light
    # first-phase reps, 12-14, carry on into the strength block).
    assert max(r for _, _, r in doses) < 15 and all(
        rx["effort"]["rm"] is None
        for w in _loading(doc)
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["id"] == "romanian_deadlift"
    )
    # Reps kept from one block to the next: the weight cannot rise under the cap.
    by_week = {n: r for n, _, r in doses}
    weeks = sorted(by_week)
    assert all(by_week[b] >= by_week[a] for a, b in itertools.pairwise(weeks)), by_week
    assert not verify(doc, CTX)


# --- Review 9: a knee replacement with a raised risk of falling (Margaret, 70) -----------

TKR_FALLS = "r9_tkr_falls.yaml"


def _families_by_week(doc: dict[str, Any]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for n, rx in rows(doc):
        out.setdefault(n, set()).add(CATALOGUE[rx["id"]].family)
    return out


def test_the_falls_program_holds_otago_strength_work_every_week():
    # Before: no hip abductor work at all, and the only step-up gone after week 5.
    doc = program(TKR_FALLS)
    by_week = _families_by_week(doc)
    assert all("standing_hip_abduction" in fams for fams in by_week.values()), by_week
    strength = [
        w["number"] for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"]
    ]
    assert strength and all("step_up" in by_week[n] for n in strength), by_week
    # Her long band loads the abduction once the chair version is done (it was never used).
    used = {rx["id"] for _, rx in rows(doc)}
    assert "long_band_hip_abduction" in used, sorted(used)


def test_the_falls_program_stands_in_tandem_before_standing_on_one_leg():
    # Before: a one-leg stance on day one, before the easier tandem stance she holds 6 s.
    doc = program(TKR_FALLS)
    block = {w["number"]: w["block"] for w in doc["weeks"]}
    one_leg = {block[n] for n, rx in rows(doc) if CATALOGUE[rx["id"]].family == "single_leg_stance"}
    tandem = {block[n] for n, rx in rows(doc) if CATALOGUE[rx["id"]].family == "tandem_stance"}
    assert block[1] in tandem and block[1] not in one_leg
    assert one_leg, "she moves on to one-leg stance in a later block"
    assert all(any(t < b for t in tandem) for b in one_leg), (tandem, one_leg)


def test_light_post_op_weeks_do_not_make_a_deload_due():
    # Two light weeks and six harder ones: no deload (before, week 5 was one, at 6 min).
    doc = program(TKR_FALLS)
    assert not any(w["deload"] for w in doc["weeks"])


# --- Review 9: osteoporosis, treated high blood pressure, outer hip pain (Helen, 55) -----

OSTEO_BP = "r9_osteo_bp_hiker.yaml"


def test_a_raised_blood_pressure_reading_is_named_with_a_gp_check():
    # Before: her 152/94 was never mentioned.
    doc = program(OSTEO_BP)
    assert "blood_pressure_reading_check" in {r["id"] for r in doc["safety"]["rules"]}
    notes = " ".join(doc["safety"]["notes"])
    assert "checked by your GP" in notes and "180/110" in notes


def test_the_tendon_notes_say_what_they_treat_and_assume_no_pain_lying_on_the_side():
    # Before: "At night lie on the side that does not hurt" and fast work gated on lying
    # on that side, for someone whose hip hurts only in workouts.
    doc = program(OSTEO_BP)
    notes = " ".join(doc["safety"]["notes"])
    assert "treated like a problem of the tendons at the side of the hip" in notes
    assert "if lying on that side hurts at night" in notes
    assert "At night lie on the side" not in notes
    assert "and lying on that side no longer hurts" not in notes


def test_the_strength_weeks_move_on_one_leg_every_week():
    # Before: weeks 12-14 held no single-leg or step work (a held stance at a counter
    # only), for a walker with poor balance and hip pain on long hikes.
    doc = program(OSTEO_BP)
    moving = {"single_leg_step", "single_leg_squat", "single_leg_excursion"}
    for w in _loading(doc):
        if w["phase"] != "Build strength":
            continue
        held = {rx["id"] for s in w["sessions"] for rx in s["exercises"] if tags(rx) & moving}
        assert held, f"week {w['number']} moves on no single leg"


def test_a_sign_read_but_not_counted_is_not_called_nothing_found():
    # Before: "Also screened, nothing found: ... Knees cave in" for a knee replacement
    # with knee pain on stairs, read as her knee problem ignored.
    from gluteus.engine.view import view

    doc = program(TKR_FALLS)
    v = view(doc)
    assert "Knees cave in" not in v.quiet
    assert any(
        t.startswith("Knees cave in (you noticed knee pain on stairs") for t in v.not_counted
    ), v.not_counted
    knees = next(f for f in doc["findings"] if f["issue"] == "knees")
    assert any("put down to the new knee" in n for n in knees["notes"]), knees["notes"]


# --- Review 9: a lift is moderate before it is heavy; heavy squats a day apart; the
# hinge drill first, then a loaded hinge that climbs --------------------------------------

OFFICE = "r9_office.yaml"  # 45, back aches and arches under load, wants to deadlift
SPRINTER9 = "r9_sprinter.yaml"  # 19, five sessions a week, Fri and Sat back to back
KNEE_DOMINANT = {"squat", "split_squat", "single_leg_squat", "step_up", "step_down"}
KNEE_DOMINANT |= {"lateral_lunge", "curtsy_lunge"}


def _blocks(doc: dict[str, Any]) -> list[list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for week in doc["weeks"]:
        out.setdefault(week["block"], []).append(week)
    return [out[b] for b in sorted(out)]


def _hard(rx: dict[str, Any]) -> bool:
    effort = rx["effort"] or {}
    return bool(effort.get("rpe")) and effort["rpe"][1] >= 8


@pytest.mark.parametrize("name", [OFFICE, SPRINTER9])
def test_a_lift_is_moderate_in_the_first_block_that_loads_its_movement(name):
    """The office worker's first loaded squat was a barbell back squat at 5-6RM, RPE 8-9
    (weeks 11-12); the sprinter's back squat came in at 5-6RM in week 6. A movement's
    first block with a weight is at RPE 7 at most; heavier only in a block after it."""
    doc = program(name)
    assert "moderate_before_heavy" in {r["id"] for r in doc["safety"]["rules"]}
    lifted: set[str] = set()
    heavy_later = 0
    for block in _blocks(doc):
        here = [rx for w in block for s in w["sessions"] for rx in s["exercises"]]
        for rx in here:
            if rx["load_type"] != "external":
                continue
            if rx["family"] in lifted:
                heavy_later += _hard(rx)
            else:
                assert rx["effort"]["rpe"][1] <= 7, (block[0]["number"], rx["id"], rx["effort"])
        lifted |= {rx["family"] for rx in here if rx["load_type"] == "external"}
    if name == OFFICE:
        assert heavy_later, "lifts still get heavy, in the blocks after their moderate one"
    assert verify(doc, CTX) == []


def test_a_heavy_first_load_is_caught():
    """The reviewer's line put back by hand: the back squat at 5-6RM in its first block."""
    doc = program(OFFICE)
    week = doc["weeks"][-1]
    # Any loaded squat the plan holds (a moderate one in the power weeks) taken out, so
    # the one put in is the movement's first load.
    for w in doc["weeks"]:
        for s in w["sessions"]:
            s["exercises"] = [
                rx
                for rx in s["exercises"]
                if not (rx["family"] == "squat" and rx["load_type"] == "external")
            ]
    session = week["sessions"][0]
    row = dict(
        session["exercises"][-1],
        **{
            k: getattr(CATALOGUE["back_squat"], k)
            for k in ("id", "name", "role", "family", "load_type")
        },
    )
    row.update(reps=4, effort={"rpe": [8, 9], "rm": [5, 6], "rir": [1, 2]})
    session["exercises"][-1] = row
    found = [v for v in verify(doc, CTX) if v.rule == "moderate_before_heavy"]
    assert found and found[0].week == week["number"], [str(v) for v in verify(doc, CTX)]


def test_heavy_squats_and_split_squats_are_never_on_consecutive_days():
    """Split squat at 5-6RM on Friday, barbell back squat at 5-6RM on Saturday."""
    doc = program(SPRINTER9)
    assert "heavy_squats_apart" in {r["id"] for r in doc["safety"]["rules"]}
    days = [
        (w["number"] * 7 + DAYS.index(s["day"]), rx["id"])
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["family"] in KNEE_DOMINANT and _hard(rx)
    ]
    for (a, one), (b, other) in itertools.combinations(days, 2):
        assert abs(a - b) != 1, (one, other)


def test_the_hinge_drill_comes_first_in_the_calendar_and_a_loaded_hinge_follows():
    """Monday of week 1 held a bodyweight single-leg Romanian deadlift, the hinge drill
    only on Friday; and after three weeks of the drill no Romanian deadlift or deadlift
    ever came, only kettlebell swings."""
    doc = program(OFFICE)
    order = [rx["family"] for w in doc["weeks"] for s in w["sessions"] for rx in s["exercises"]]
    assert order.index("hip_hinge") < min(order.index(f) for f in HINGES if f in order)
    # Every strength week then holds a hinge with a weight (back_hinge_loaded).
    assert "back_hinge_loaded" in {r["id"] for r in doc["safety"]["rules"]}
    for week in doc["weeks"]:
        if week["phase"] != "Build strength" or week["deload"]:
            continue
        hinges = [
            rx["id"]
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["family"] in {"deadlift", "single_leg_rdl"} and rx["load_type"] == "external"
        ]
        assert hinges, week["number"]
    assert verify(doc, CTX) == []


def test_a_strength_week_without_its_loaded_hinge_is_caught():
    doc = program(OFFICE)
    week = next(w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"])
    for session in week["sessions"]:
        session["exercises"] = [
            rx
            for rx in session["exercises"]
            if not (rx["family"] in HINGES and rx["load_type"] == "external")
        ]
        retime(session)
    found = [v for v in verify(doc, CTX) if v.rule == "back_hinge_loaded"]
    assert found and found[0].week == week["number"], [str(v) for v in verify(doc, CTX)]


def test_an_adaptation_knows_which_movements_were_lifted_before_each_block():
    """A journal's adaptation doses with the planner's caps: its places carry the
    lifts the blocks before did with a weight, so a first load stays moderate."""
    from gluteus.engine.program import Program
    from gluteus.engine.replan import places

    doc = program(OFFICE)
    at = places(Program.from_dict(doc))
    assert at[1].lifted == frozenset()
    last = at[len(doc["weeks"])]
    before = {
        rx["id"]
        for w in doc["weeks"]
        if w["number"] < last.block[0]
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external"
    }
    assert before and last.lifted == before


# --- Review 10: a free-standing single-leg squat on a sore outer-hip tendon ---------------


def test_a_sore_outer_hip_tendon_with_a_dropping_pelvis_gets_no_free_standing_single_leg_squat():
    """Priya, 28: outer hip pain 4/10, lying on that side hurts, the pelvis drops on the
    left. Her notes say one-leg work only holding a counter, yet weeks 4-12 held a
    single-leg squat to 3 x 14: a squat on one leg moves the body a long way over the
    loaded leg, so it is single-leg excursion work, which her rule keeps out."""
    doc = program("r10_trail_trend.yaml")
    assert "gluteal_tendinopathy_staging" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert not tags(rx) & {"single_leg_excursion", "sustained_single_leg_stance"}, (n, rx["id"])
    assert CATALOGUE["single_leg_squat"].tags.count("single_leg_excursion") == 1


def test_a_free_standing_single_leg_squat_slipped_into_her_program_is_caught():
    doc = program("r10_trail_trend.yaml")
    week = doc["weeks"][5]
    rx = week["sessions"][0]["exercises"][-1]
    ex = CATALOGUE["single_leg_squat"]
    rx.update(id=ex.id, name=ex.name, tags=list(ex.tags), family=ex.family)
    found = gluteus.check(doc, plugins=PM)
    assert any(v.rule == "gluteal_tendinopathy_staging" for v in found), [str(v) for v in found]


def test_a_new_knee_is_never_told_to_slide_its_leg_forward():
    """Review 10: the knee-replacement program's cue said "feet level" while its note said
    "the operated leg slid a little forward, every time": a hip-replacement set-up that
    spares the new knee. Only after a hip replacement does a leg slide forward."""
    doc = program("r9_tkr_falls.yaml")
    said = [*doc["safety"]["notes"], *(r["description"] for r in doc["safety"]["rules"])]
    said += [c for _, rx in rows(doc) for c in rx["cues"]]
    for text in said:
        if "forward" in text and ("operated leg" in text or "slide" in text):
            assert "hip replacement" in text, text


# --- Review 10: the youth abduction cap counts the weaker side's extra sets --------------


def test_the_youth_abduction_cap_counts_the_extra_sets_for_the_weaker_side():
    """Review 10: a 15-year-old footballer had clamshells and side-lying leg raises
    at 2 sets each side "+ 1 set left", twice a week: 12 sets of isolated abduction
    against his own rule's 8, because the cap counted only the sets for each side."""
    doc = program(YOUTH_FOOTBALL)
    rule = next(r for r in doc["safety"]["rules"] if r["id"] == "youth_abduction_volume")
    families = {
        "clamshell",
        "side_lying_abduction",
        "fire_hydrant",
        "standing_hip_abduction",
        "seated_abduction",
    }
    assert "8 sets" in rule["description"]
    for week in doc["weeks"]:
        done = sum(
            rx["sets"] + (rx["extra"]["sets"] if rx.get("extra") else 0)
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["family"] in families
        )
        assert done <= 8, (week["number"], done)
    assert any(rx.get("extra") for _, rx in rows(doc) if rx["family"] in families)


# --- Review 10: falls risk weighs the tests together; hip pain read as the outer hip -----

GOLFER = "r10_golfer_hip_oa.yaml"


def test_one_below_average_chair_stand_with_a_normal_tug_and_stance_is_no_raised_falls_risk():
    """Review 10: Graham, 62, a gym-going golfer, got counter-held balance drills
    and no floor work for 10 weeks from 13 chair stands (the norm at 60-64 is 14),
    although his Timed Up and Go (8 s) and single-leg stance (14 / 25 s) are normal."""
    doc = program(GOLFER)
    state = {p["state"]: p for p in doc["person"]}
    assert state["falls_risk"]["value"] == "low"
    assert "leg strength to train" in state["falls_risk"]["why"]
    assert state["floor"]["value"] == "yes"
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert not {r for r in rules if r.startswith("falls")}, rules
    function = next(f for f in doc["findings"] if f["issue"] == "function")
    assert any("below-average leg strength" in t for t in function["tests"])
    assert not any("falls risk" in t for t in function["tests"])
    used = {rx["id"] for _, rx in rows(doc)}
    # (A single-leg stance at a counter may stay: the outer hip rule asks for it.)
    assert "tandem_stance_counter" not in used
    assert any(CATALOGUE[e].position in ("supine", "prone") for e in used)
    # Strength work with a weight in the strength weeks: his legs are what the test found.
    loaded = {rx["id"] for n, rx in rows(doc) if n >= 7 and rx["load_type"] == "external"}
    assert len(loaded) >= 2, loaded


@pytest.mark.parametrize(
    ("tests", "signs", "age", "high"),
    [
        ({"chair_stand_30s": 13}, (), 62, True),  # no gait or balance test: kept
        ({"chair_stand_30s": 13, "timed_up_and_go_s": 8}, (), 62, False),
        ({"chair_stand_30s": 13, "tandem_stance_s": 20}, (), 62, False),
        ({"chair_stand_30s": 13, "timed_up_and_go_s": 8}, ("poor_balance",), 62, True),
        ({"chair_stand_30s": 13, "timed_up_and_go_s": 12}, (), 62, True),
        ({"chair_stand_30s": 9, "timed_up_and_go_s": 8}, (), 81, True),  # 80 or older
    ],
)
def test_a_below_average_chair_stand_raises_the_falls_risk_only_with_another_finding(
    tests, signs, age, high
):
    from gluteus.plugins.safety.person import falls_reasons

    who = gluteus.Profile.from_dict(
        {
            "age": age,
            "experience": "novice",
            "schedule": {"weeks": 8, "sessions_per_week": 2, "minutes_per_session": 30},
            "equipment": ["mat"],
            "signs": ["barely_feel_glutes", *signs],
            "tests": tests,
        }
    )
    reasons = list(falls_reasons(who))
    assert bool(reasons) is high, reasons
    if high:
        assert any("chair stands" in r for r in reasons), reasons


def test_hip_pain_read_as_the_outer_hip_says_so():
    """Review 10: the profile's one hip region is read as outer hip pain, so a
    golfer's osteoarthritis got the tendon rules; the program says which it assumed."""
    notes = " ".join(program(GOLFER)["safety"]["notes"])
    assert "read as pain at the outside of the hip" in notes
    assert "osteoarthritis" in notes


# --- Review 10: an unmet demand's warning names the rules when they are the reason -------


def test_an_unmet_single_leg_demand_names_the_pelvic_girdle_pain_rule_not_the_time():
    """Review 10: a pregnant runner with pelvic girdle pain was told the safety
    rules, equipment, time and weekly limits left no room for single-leg work, while
    her sessions used 5-24 of her 30 minutes: her pelvic girdle pain rule keeps it out."""
    doc = program(PREG_PGP)
    unmet = [w for w in doc["warning_details"] if w["kind"] == "unmet"]
    assert unmet
    for w in unmet:
        assert "pelvic_girdle_pain" in w["by"], w
        # Named in plain words, as the rule's description opens, not by its id.
        assert "“With pelvic girdle pain”" in w["message"]
        assert "pelvic_girdle_pain" not in w["message"]
        assert "time" not in w["message"].split(": ")[-1], w["message"]
    assert verify(doc, CTX) == []


def test_a_warning_naming_a_rule_that_keeps_nothing_out_is_caught():
    from gluteus.engine.program import warning_text

    doc = program(PREG_PGP)
    w = next(w for w in doc["warning_details"] if w["kind"] == "unmet")
    i = doc["warning_details"].index(w)
    schedule = gluteus.Profile.from_dict(doc["profile"]).schedule
    w["by"] = ["pregnancy_stop_signs"]  # an applied rule that excludes no exercise
    w["message"] = warning_text(
        "unmet",
        schedule,
        issue=w["issue"],
        rule=w["rule"],
        weeks=w["weeks"],
        detail=w["detail"],
        by=w["by"],
        rules=CTX.registry.safety_rules,
    )
    doc["warnings"][i] = w["message"]
    found = verify(doc, CTX)
    assert any(v.rule == "pregnancy_stop_signs" and "keeps out" in v.message for v in found), [
        str(v) for v in found
    ]
    # Names out of order (or twice) are not the engine's wording.
    assert warning_text("unmet", schedule, weeks=[1], detail="x", by=["b", "a"]) is None
    assert warning_text("left_out", schedule, issue="x", weeks=[1], by=["a"]) is None


# --- Review 10: a loaded lift goes on in the next strength block; a kettlebell at home is
# lifted; chair and counter drills are for the people who need them ------------------------


def _strength_blocks(doc: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [b for b in _blocks(doc) if b[0]["phase"] == "Build strength"]


def _lifts(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        rx
        for w in weeks
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["role"] == "strength"
    ]


def test_a_lift_loaded_in_one_strength_block_goes_on_in_the_next():
    """Marcus (45, back pain, a barbell, wants to deadlift): weeks 4-5 held a barbell hip
    thrust and a dumbbell split squat at 9RM; weeks 7-10 swapped both for a bodyweight
    single-leg wall squat and a curtsy lunge, reps climbing to 14. Each movement lifted
    with a weight in one strength block keeps a loaded lift in every loading week of the
    next, at the same weight or a heavier one."""
    doc = program(OFFICE)
    blocks = _strength_blocks(doc)
    assert len(blocks) >= 2
    for before, after in itertools.pairwise(blocks):
        lifted = {rx["family"]: rx for rx in _lifts(before)}
        assert lifted
        for week in after:
            if week["deload"]:
                continue
            here = {rx["family"]: rx for rx in _lifts([week])}
            assert set(lifted) <= set(here), (week["number"], sorted(lifted), sorted(here))
            for family, rx in here.items():
                if family in lifted and rx["effort"]["rm"] and lifted[family]["effort"]["rm"]:
                    # A lower RM is a heavier weight.
                    assert rx["effort"]["rm"][0] <= lifted[family]["effort"]["rm"][0], family
    assert verify(doc, CTX) == []


def test_each_loaded_movement_is_its_own_wish_in_a_strength_block():
    from gluteus.engine.demands import loaded_lifts_progressed

    kept = loaded_lifts_progressed(["split_squat", "hip_thrust", "hip_thrust"])
    assert [c.groups[0].families for c in kept] == [{"hip_thrust"}, {"split_squat"}]
    assert all(c.optional and not c.warned for c in kept)
    assert kept[0].groups[0].fits(CATALOGUE["barbell_hip_thrust"])
    assert not kept[0].groups[0].fits(CATALOGUE["glute_bridge"])  # bodyweight


CHAIR_FREE = ("r8_sprinter.yaml", "r10_trail_trend.yaml", "r10_csection_kb.yaml", OFFICE)


def _chair_drill(rx: dict[str, Any]) -> bool:
    ex = CATALOGUE[rx["id"]]
    return "chair_rise" in ex.all_tags or (ex.source == "otago" and ex.role == "strength")


@pytest.mark.parametrize("name", CHAIR_FREE)
def test_a_fit_adult_gets_no_chair_or_counter_drills_as_strength_work(name):
    """A 19-year-old sprinter did arms-crossed chair stands 'at RPE 7-8', an advanced trail
    runner sit to stands from a lower seat, a mother 9 months after a caesarean a
    raised-seat sit to stand from the hip-replacement library. For a fit adult under 60
    none of them reaches the effort a strength week asks; the light activation weeks
    may keep one."""
    doc = program(name)
    late = [
        (w["number"], rx)
        for w in doc["weeks"]
        if w["phase"] != "Activate and control"
        for s in w["sessions"]
        for rx in s["exercises"]
    ]
    assert late
    assert not [(n, rx["id"]) for n, rx in late if _chair_drill(rx)]


def test_a_fit_pregnant_runner_keeps_only_the_hardest_chair_drill_her_rules_leave():
    """Aisha (24, 18 weeks pregnant, runner, pelvic girdle pain, dumbbells): mini squats
    holding a counter and chair stands. Her rules leave single-leg work out, so a sit to
    stand meets the strength work for function; the hardest ones stay (from a lower seat,
    or holding her dumbbell), no counter-held squat. (The activation weeks keep every
    sit to stand, dosed light: see planner._harder_than_chairs.)"""
    doc = program("r9_preg_pgp_runner.yaml")
    later = [w["number"] for w in doc["weeks"] if w["phase"] != "Activate and control"]
    strength = {
        rx["id"] for _, rx in rows(doc, later) if _chair_drill(rx) and rx["role"] == "strength"
    }
    assert "mini_squat_counter" not in strength
    assert strength <= {"sit_to_stand_low_chair", "sit_to_stand_dumbbell"}, strength


def test_people_who_need_chair_drills_keep_them():
    doc = program("r9_tkr_falls.yaml")  # 70, a knee replacement, a raised falls risk
    assert any(_chair_drill(rx) and w > 3 for w, rx in rows(doc)), (
        "the sit to stand stays a staple with a falls risk"
    )


def test_a_kettlebell_at_home_is_enough_for_a_two_handed_hinge():
    """Sofia (38, 9 months after a caesarean, one kettlebell): the only loaded hinge the
    catalogue held for her was the single-leg RDL (the Romanian deadlift needs
    dumbbells). A kettlebell deadlift meets her back's loaded-hinge rule."""
    ex = CATALOGUE["kettlebell_deadlift"]
    assert ex.equipment == ("kettlebell",) and ex.family == "deadlift" and ex.loaded
    profile = gluteus.load_profile(next(FIXTURES.glob("review*/r10_csection_kb.yaml")), plugins=PM)
    assert set(ex.equipment) <= CTX.registry.available(profile.equipment)
    doc = program("r10_csection_kb.yaml")
    assert "back_hinge_loaded" in {r["id"] for r in doc["safety"]["rules"]}
    strength = [w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"]]
    assert strength
    for week in strength:
        ids = {rx["id"] for s in week["sessions"] for rx in s["exercises"]}
        assert "kettlebell_deadlift" in ids, (week["number"], sorted(ids))
    assert verify(doc, CTX) == []


def test_a_strength_week_whose_only_loaded_hinge_is_on_one_leg_is_caught():
    """The back's loaded hinge is the two-handed lift from the floor: a week holding only
    the single-leg Romanian deadlift, as Sofia's did, fails the check."""
    doc = program("r10_csection_kb.yaml")
    week = next(w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"])
    ex = CATALOGUE["single_leg_rdl_loaded"]
    for session in week["sessions"]:
        for rx in session["exercises"]:
            if rx["family"] == "deadlift":
                rx.update(id=ex.id, name=ex.name, family=ex.family, tags=list(ex.tags))
    found = [v for v in verify(doc, CTX) if v.rule == "back_hinge_loaded"]
    assert found and found[0].week == week["number"], [str(v) for v in verify(doc, CTX)]


# --- Review 11: turning on one leg with a falls risk -----------------------------------------


def test_someone_who_cannot_stand_on_one_leg_never_pivots_on_it():
    """Joan, 74, a stick, osteoporosis, 3 and 5 s on one leg: weeks 4-6 held a standing
    hip rotation, the pelvis turning over one leg with a hand on a counter."""
    doc = program("r11_frail74.yaml")
    assert "fast_single_leg_needs_stance" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert "stance_pivot" not in tags(rx), (n, rx["id"])


def test_a_pivot_on_one_leg_slipped_into_her_program_is_caught():
    doc = program("r11_frail74.yaml")
    rx = doc["weeks"][4]["sessions"][0]["exercises"][-1]
    ex = CATALOGUE["standing_hip_rotation"]
    rx.update(id=ex.id, name=ex.name, tags=list(ex.tags), family=ex.family)
    found = verify(doc, CTX)
    assert any(v.rule == "fast_single_leg_needs_stance" for v in found), [str(v) for v in found]


# --- Joan (74, frail) and fit people's balance --------------------------------------------

FRAIL74 = "r11_frail74.yaml"
FIT_BALANCE = ("r11_back_lifter52.yaml", "r11_netball17.yaml", "r10_csection_kb.yaml")
COUNTER_HELD = {"single_leg_stance_support", "tandem_stance_counter"}


@functools.cache
def _rendered(name: str) -> str:
    """The markdown a person reads, of the cached program (no second generation)."""
    from gluteus.engine.program import Program

    text = gluteus.render(Program.from_dict(program(name)), "markdown", plugins=PM)
    assert isinstance(text, str)
    return text


def _training_weeks(doc: dict[str, Any], phase: str | None = None) -> list[dict[str, Any]]:
    return [w for w in doc["weeks"] if not w["deload"] and (phase is None or w["phase"] == phase)]


def test_joan_stands_up_from_a_chair_in_every_session_with_sets_that_grow_past_six():
    """Review 11: chair stand 8 and a 15 s Timed Up and Go, yet from week 7 one sit
    to stand a week, never more than 6 reps in 12 weeks. Otago's sit to stands go with
    each session; older adults' strength work is 8-12 reps (Chodzko-Zajko 2009)."""
    doc = program(FRAIL74)
    for week in doc["weeks"]:
        for s in week["sessions"]:
            assert any(rx["family"] == "sit_to_stand" for rx in s["exercises"]), (
                week["number"],
                s["day"],
            )
    first = [rx for n, rx in rows(doc, {1}) if rx["family"] == "sit_to_stand"]
    assert first and all(rx["reps"] <= 6 for rx in first)  # 2 short of her 8 chair stands
    strength = {w["number"] for w in _training_weeks(doc, "Build strength")}
    slow = [
        rx
        for _, rx in rows(doc, strength)
        if rx["family"] == "sit_to_stand" and rx["role"] != "power"
    ]
    assert slow
    assert all(rx["reps"] >= 8 and rx["sets"] >= 2 for rx in slow), sorted(
        {(rx["sets"], rx["reps"]) for rx in slow}
    )


def test_joan_does_otagos_heel_and_toe_raises_at_a_counter_every_week():
    doc = program(FRAIL74)
    for week in _training_weeks(doc):
        families = {rx["family"] for s in week["sessions"] for rx in s["exercises"]}
        assert {"heel_raise", "toe_raise"} <= families, (week["number"], sorted(families))
    for family in ("heel_raise", "toe_raise"):
        ex = next(e for e in CATALOGUE.values() if e.family == family)
        assert ex.source == "otago" and any("counter" in c for c in ex.cues), ex.id


def test_a_week_without_heel_raises_in_joans_program_is_caught():
    doc = program(FRAIL74)
    week = _training_weeks(doc, "Build strength")[0]
    for s in week["sessions"]:
        s["exercises"] = [rx for rx in s["exercises"] if rx["family"] != "heel_raise"]
    found = verify(doc, CTX)
    assert any(v.rule == "falls_otago_strength" for v in found), [str(v) for v in found]


def test_joans_missing_step_up_says_why_and_she_is_given_a_walking_plan():
    """Review 11: the step-up was left out "for time"; the reason is that she
    listed no step. The program tells her a bottom stair with a rail is one, and adds
    Otago's walking."""
    doc = program(FRAIL74)
    notes = " ".join(doc["safety"]["notes"])
    assert "a bottom stair with a rail is the step it needs" in notes
    step_up = [w for w in doc["warning_details"] if w["rule"] == "falls_otago_strength"]
    assert step_up and all(w.get("by") == ["equipment.step"] for w in step_up), step_up
    assert all("equipment you did not list (a step" in w["message"] for w in step_up)
    assert "Walk as well" in notes and "walking aid" in notes
    assert not any(rx["family"] == "step_up" for _, rx in rows(doc))
    assert "step" not in doc["profile"]["equipment"]


def test_no_warning_a_person_reads_names_a_rule_by_its_id():
    """Review 11: "rule falls supported balance and rule fast single leg needs
    stance and rule older no impact and rule osteoporosis exclude every exercise"."""
    doc = program(FRAIL74)
    ruled = [w for w in doc["warning_details"] if w["kind"] == "unmet" and w.get("by")]
    assert ruled
    text = _rendered(FRAIL74)
    warnings = text.split("## Warnings", 1)[1].split("\n## ", 1)[0]
    for rule_id in CTX.registry.safety_rules:
        # An id of one word ("osteoporosis") is a plain word too; "rule <id>" is not.
        assert f"rule {rule_id.replace('_', ' ')}" not in warnings, rule_id
        if "_" in rule_id:
            assert rule_id not in warnings and rule_id.replace("_", " ") not in warnings
    assert "“With a raised risk of falling”" in warnings
    assert "“With osteoporosis”" in warnings
    assert verify(doc, CTX) == []


def test_the_raised_seat_says_nothing_of_a_hip_replacement_to_someone_without_one():
    """Review 11: Joan, with no surgery, read "if you have had a hip replacement,
    slide the operated leg's foot a little forward"."""
    assert not any("hip_replacement" in p for p in program(FRAIL74)["profile"]["precautions"])
    guide = _rendered(FRAIL74).split("## Exercise guide", 1)[1]
    assert "replacement" not in guide and "operated" not in guide and "new hip" not in guide


@pytest.mark.parametrize("name", FIT_BALANCE)
def test_fit_people_balance_hands_free_never_holding_a_counter(name):
    """Review 11: an advanced lifter, a netballer standing 30-40 s on one leg and a
    mother a year after a birth were given Otago's counter-held drills, the netballer on
    the session after a hands-free stance."""
    doc = program(name)
    assert "balance_hands_free_when_steady" in {r["id"] for r in doc["safety"]["rules"]}
    held = [(n, rx["id"]) for n, rx in rows(doc) if rx["id"] in COUNTER_HELD]
    assert held == []


@pytest.mark.parametrize("name", (*FIT_BALANCE, FRAIL74, "r10_golfer_hip_oa.yaml"))
def test_a_balance_drill_never_goes_back_to_the_counter_after_hands_free(name):
    doc = program(name)
    free_from: dict[str, int] = {}
    for n, rx in rows(doc):
        if rx["family"] in ("single_leg_stance", "tandem_stance") and rx["id"] not in COUNTER_HELD:
            free_from.setdefault(rx["family"], n)
    for n, rx in rows(doc):
        if rx["id"] in COUNTER_HELD:
            assert n < free_from.get(rx["family"], n + 1), (n, rx["id"])


def test_a_counter_held_drill_stays_for_those_who_need_a_support():
    """Joan (a falls risk and a stick) and the golfer (outer hip pain holding him to a
    counter on one leg) keep the counter; the rule is not theirs."""
    for name in (FRAIL74, "r10_golfer_hip_oa.yaml"):
        doc = program(name)
        assert "balance_hands_free_when_steady" not in {r["id"] for r in doc["safety"]["rules"]}
        assert any(rx["id"] in COUNTER_HELD for _, rx in rows(doc)), name


def test_a_counter_held_drill_slipped_into_the_netballers_program_is_caught():
    doc = program("r11_netball17.yaml")
    rx = doc["weeks"][0]["sessions"][0]["exercises"][-1]
    ex = CATALOGUE["single_leg_stance_support"]
    rx.update(id=ex.id, name=ex.name, tags=list(ex.tags), family=ex.family, cues=list(ex.cues))
    found = verify(doc, CTX)
    assert any(v.rule == "balance_hands_free_when_steady" for v in found), [str(v) for v in found]


def test_joans_counter_held_balance_asks_her_to_lighten_the_hand():
    """Review 11: twelve weeks at the counter and no session asked her to lighten
    the support, though the note says to. Her rules keep a hand on the counter; each
    counter drill tells her to lighten it to a fingertip once steady."""
    doc = program(FRAIL74)
    held = [rx for _, rx in rows(doc) if rx["id"] in COUNTER_HELD]
    assert {rx["id"] for rx in held} == COUNTER_HELD
    for rx in held:
        assert any("lighten the hand" in c.lower() for c in rx["cues"]), rx["id"]


# --- Chloe, Sofia, Emma and Graham: ladders climbed and lifts that progress -----------------

LADDERED = ["r11_netball17.yaml", "r10_csection_kb.yaml", "r11_postnatal_lift.yaml"]
EVERYONE_R11 = [*LADDERED, "r10_golfer_hip_oa.yaml"]


def _held_by_block(doc: dict[str, Any]) -> dict[int, set[str]]:
    held: dict[int, set[str]] = {}
    for week in doc["weeks"]:
        ids = {rx["id"] for s in week["sessions"] for rx in s["exercises"]}
        held.setdefault(week["block"], set()).update(ids)
    return held


def _before_its_ladder(doc: dict[str, Any], tag: str, families: set[str]) -> list[Any]:
    """Rows carrying ``tag`` in a block that no earlier block reached with untagged work
    of ``families`` (the plain rung the tagged one climbs from). As the rules hold it, a
    step once climbed stays open: a block between without either rung does not close it."""
    held = _held_by_block(doc)

    def holds(block: int) -> bool:
        return any(
            CATALOGUE[e].family in families and tag not in CATALOGUE[e].tags
            for e in held.get(block, set())
        )

    early = []
    for n, rx in rows(doc):
        if tag not in tags(rx):
            continue
        block = next(w["block"] for w in doc["weeks"] if w["number"] == n)
        if not any(holds(b) for b in range(1, block)):
            early.append((n, rx["id"]))
    return early


def _put(doc: dict[str, Any], week: int, ex_id: str) -> None:
    """``ex_id`` in place of the last exercise of week ``week``'s first session."""
    rx = doc["weeks"][week - 1]["sessions"][0]["exercises"][-1]
    ex = CATALOGUE[ex_id]
    rx.update(id=ex.id, name=ex.name, tags=sorted(ex.tags), family=ex.family, role=ex.role)


@pytest.mark.parametrize("name", LADDERED)
def test_a_single_leg_squat_turns_only_after_a_block_of_plain_ones(name):
    """Chloe (17, the right knee caves in on the single-leg squat) did a rotational
    single-leg squat in week 5, before any plain single-leg squat; Sofia and Emma did
    it in the same block as their first wall squats."""
    doc = program(name)
    assert "single_leg_squat_progression" in {r["id"] for r in doc["safety"]["rules"]}
    assert _before_its_ladder(doc, "single_leg_rotation", {"single_leg_squat"}) == []
    assert verify(doc, CTX) == []


def test_a_rotational_single_leg_squat_slipped_in_early_is_caught():
    doc = program("r11_netball17.yaml")
    _put(doc, 3, "rotational_single_leg_squat")
    found = verify(doc, CTX)
    assert any(v.rule == "single_leg_squat_progression" and v.week == 3 for v in found), [
        str(v) for v in found
    ]


def test_the_knees_summary_promises_only_what_every_week_holds():
    """Chloe's summary promised band walks and single-leg bridges every week; her tables
    held neither. It now names them as alternatives, and every week holds one of them
    and both planes, as the knees rules demand."""
    from gluteus.plugins.knees.content import KNEES_FIX_FAMILIES

    doc = program("r11_netball17.yaml")
    fix = doc["issues"]["knees"]["fix"]
    assert "at least one of" in fix and "frontal" in fix and "transverse" in fix
    for week in doc["weeks"]:
        if week["deload"]:
            continue
        done = [rx for s in week["sessions"] for rx in s["exercises"] if "knees" in rx["issues"]]
        assert {rx["family"] for rx in done} & set(KNEES_FIX_FAMILIES), week["number"]
        planes = {p for rx in done for p in rx["planes"]}
        assert {"frontal", "transverse"} <= planes, week["number"]


@pytest.mark.parametrize("name", EVERYONE_R11)
def test_no_week_steps_back_down_a_ladder(name):
    """Chloe's week 3: a front plank on Tuesday, a front plank on the knees on Sunday.
    A week holds one rung of a ladder per movement and role."""
    doc = program(name)
    for week in doc["weeks"]:
        rungs: dict[tuple[str, str, str], set[int]] = {}
        for s in week["sessions"]:
            for rx in s["exercises"]:
                if rx["role"] != "activation" and rx["ladder"] is not None:
                    key = (rx["ladder"], rx["family"], rx["role"])
                    rungs.setdefault(key, set()).add(rx["rung"])
        assert all(len(v) == 1 for v in rungs.values()), (week["number"], rungs)


@pytest.mark.parametrize("name", EVERYONE_R11)
def test_a_plank_with_a_leg_lifted_comes_after_a_block_of_plain_front_planks(name):
    """Emma's first front plank was one with a leg lifted (week 3), against her own note
    to build trunk work up in steps."""
    doc = program(name)
    assert _before_its_ladder(doc, "plank_limb_lift", {"front_plank"}) == []


def test_a_plank_with_a_leg_lifted_slipped_into_the_first_block_is_caught():
    doc = program("r11_postnatal_lift.yaml")
    _put(doc, 1, "front_plank_hip_extension")
    found = verify(doc, CTX)
    assert any(v.rule == "plank_progression" and v.week == 1 for v in found), [
        str(v) for v in found
    ]


def test_after_a_birth_the_split_squat_comes_before_the_reverse_lunge():
    """Emma's week 3 held a reverse lunge (Wednesday) before her first split squat
    (Saturday), against her note: a split squat, then a reverse lunge."""
    doc = program("r11_postnatal_lift.yaml")
    assert _before_its_ladder(doc, "stepping_lunge", {"split_squat"}) == []
    week = next(w for w in doc["weeks"] if w["phase"] == "Build strength")
    _put(doc, week["number"], "reverse_lunge")
    found = verify(doc, CTX)
    assert any(v.rule == "postnatal" and v.week == week["number"] for v in found), [
        str(v) for v in found
    ]


@pytest.mark.parametrize("name", ["r10_csection_kb.yaml", "r11_postnatal_lift.yaml"])
def test_after_a_birth_lifts_stay_moderate_and_still_get_heavier(name):
    """Sofia's kettlebell deadlift went from 9RM to 5-6RM at 1-2 reps in reserve in the
    power weeks. After a birth no lift is heavier than an 8RM or harder than RPE 8, and
    the lifts still get heavier over the weeks (by a lower repetition maximum)."""
    doc = program(name)
    assert "postnatal_moderate_loads" in {r["id"] for r in doc["safety"]["rules"]}
    lifts: dict[str, list[int]] = {}
    for n, rx in rows(doc):
        effort = rx["effort"]
        if effort and effort["rm"]:
            assert effort["rm"][0] >= 8 and effort["rpe"][1] <= 8, (n, rx["id"], effort)
            if not doc["weeks"][n - 1]["deload"]:
                lifts.setdefault(rx["id"], []).append(effort["rm"][0])
    assert lifts
    assert any(min(rms) < rms[0] for rms in lifts.values()), lifts


def test_a_near_maximal_lift_after_a_birth_is_caught():
    doc = program("r10_csection_kb.yaml")
    n, rx = next((n, rx) for n, rx in rows(doc) if rx["id"] == "kettlebell_deadlift")
    rx["effort"].update(rm=[5, 6], rir=[1, 2], rpe=[8, 9])
    found = verify(doc, CTX)
    assert any(v.rule == "postnatal_moderate_loads" and v.week == n for v in found), [
        str(v) for v in found
    ]


def test_the_main_lifts_get_heavier_across_the_strength_weeks():
    """Graham's step-up and Romanian deadlift stayed at 9RM, RPE 7 for seven weeks: the
    repetition maximum the loads name now falls week by week (within his blood-pressure
    cap of an 8RM and RPE 7) instead of only saying to add load."""
    doc = program("r10_golfer_hip_oa.yaml")
    strength = [w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"]]
    lifts: dict[str, list[tuple[int, int]]] = {}
    for week in strength:
        for s in week["sessions"]:
            for rx in s["exercises"]:
                if rx["effort"] and rx["effort"]["rm"]:
                    lifts.setdefault(rx["id"], []).append((week["number"], rx["effort"]["rm"][0]))
    assert lifts
    for ex_id, by_week in lifts.items():
        rms = [rm for _, rm in sorted(set(by_week))]
        assert rms == sorted(rms, reverse=True), (ex_id, by_week)  # never lighter again
        assert rms[-1] < rms[0], (ex_id, by_week)  # and heavier by the end
        assert rms[-1] >= 8  # the blood-pressure cap still holds


def test_outer_hip_pain_moves_from_holds_to_standing_abduction_with_load():
    """Graham's outer hip (read as a gluteal tendinopathy) had only the isometric
    wall-press hold for ten weeks: LEAP (Mellor 2018) moves on to isotonic abduction.
    From the strength phase each week holds standing abduction moving the leg out."""
    doc = program("r10_golfer_hip_oa.yaml")
    for week in doc["weeks"]:
        if week["phase"] == "Activate and control" or week["deload"]:
            continue
        families = {rx["family"] for s in week["sessions"] for rx in s["exercises"]}
        assert "standing_hip_abduction" in families, week["number"]
    week = next(w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"])
    for session in week["sessions"]:
        session["exercises"] = [
            rx for rx in session["exercises"] if rx["family"] != "standing_hip_abduction"
        ]
        retime(session)
    found = verify(doc, CTX)
    assert any(v.rule == "gluteal_tendinopathy_pain" for v in found), [str(v) for v in found]


def test_a_stance_below_the_norm_keeps_balance_work_every_week():
    """Graham stands 14 s on his left leg (the mean at 60-69 is 27 s); his balance work
    stopped after week 3, a plank counting as the balance the rule asks for."""
    from gluteus.plugins.function.content import BALANCE_FAMILIES

    doc = program("r10_golfer_hip_oa.yaml")
    for week in doc["weeks"]:
        families = {rx["family"] for s in week["sessions"] for rx in s["exercises"]}
        assert families & set(BALANCE_FAMILIES), week["number"]
    number = doc["weeks"][4]["number"]
    for session in doc["weeks"][4]["sessions"]:
        session["exercises"] = [
            rx for rx in session["exercises"] if rx["family"] not in BALANCE_FAMILIES
        ]
        retime(session)
    found = verify(doc, CTX)
    assert any(
        v.rule == "function_balance_and_single_leg_weekly" and v.week == number for v in found
    ), [str(v) for v in found]


def test_a_step_back_down_a_ladder_within_a_week_is_caught():
    """Chloe's week 3 as she got it: a harder rung of a movement in one session and an
    easier one of the same movement in another."""
    doc = program("r11_netball17.yaml")
    found_case = None
    for week in doc["weeks"]:
        if len(week["sessions"]) < 2:
            continue
        for rx in week["sessions"][0]["exercises"]:
            if rx["role"] == "activation" or rx["ladder"] is None:
                continue
            ladder = CTX.registry.ladders[rx["ladder"]]
            others = [
                (n, e)
                for n, e in enumerate(ladder.exercise_ids, start=1)
                if n != rx["rung"]
                and CATALOGUE[e].family == rx["family"]
                and CATALOGUE[e].role == rx["role"]
            ]
            if others:
                found_case = (week, rx, others[0])
                break
        if found_case:
            break
    assert found_case, "some laddered movement has a second rung of the same role"
    week, rx, (rung, ex_id) = found_case
    other = week["sessions"][1]["exercises"][-1]
    ex = CATALOGUE[ex_id]
    other.update(id=ex.id, name=ex.name, tags=sorted(ex.tags), family=ex.family, role=ex.role)
    other.update(ladder=rx["ladder"], rung=rung)
    found = verify(doc, CTX)
    assert any(v.week == week["number"] and "never step back down" in v.message for v in found), [
        str(v) for v in found
    ]


# --- Emma (postnatal, wants to lift): a lift climbs by its load -----------------------------


def test_a_mother_who_wants_to_lift_gets_her_two_handed_hinge_every_strength_week():
    """Emma, 26 weeks after the birth, dumbbells and a bench, the back's sign: a
    bodyweight single-leg deadlift in her first block held the dumbbell Romanian
    deadlift below its ladder's floor, so the rule asking for a two-handed lift from
    the floor every strength week went unmet "for time" in weeks 3-8."""
    doc = program("r11_postnatal_lift.yaml")
    assert not any("back_hinge_loaded" in w for w in doc["warnings"]), doc["warnings"]
    strength = [w for w in doc["weeks"] if w["phase"] == "Build strength"]
    assert strength
    for week in strength:
        lifts = {
            rx["id"]
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["family"] == "deadlift" and rx["load_type"] == "external"
        }
        assert lifts, week["number"]


def test_an_advanced_lifter_with_back_pain_keeps_his_deadlift_through_the_power_weeks():
    """Ian, 52, advanced, his back takes over on lifts: his deadlift stopped after two
    strength weeks and the power weeks held squat jumps instead; the fast work now
    comes beside a two-handed hinge with a weight, and a week without it is caught."""
    doc = program("r11_back_lifter52.yaml")
    late = [w for w in doc["weeks"] if w["phase"] in ("Build strength", "Power and function")]
    assert any(w["phase"] == "Power and function" for w in late)
    for week in late:
        assert any(
            rx["family"] == "deadlift" and rx["load_type"] == "external"
            for s in week["sessions"]
            for rx in s["exercises"]
        ), week["number"]
    assert verify(doc, CTX) == []
    last = copy.deepcopy(doc)
    week = last["weeks"][-1]
    for s in week["sessions"]:
        s["exercises"] = [rx for rx in s["exercises"] if rx["family"] != "deadlift"]
    found = verify(last, CTX)
    assert any(v.rule == "back_hinge_loaded" and v.week == week["number"] for v in found), [
        str(v) for v in found
    ]


# --- Ray (68, knee replacement, a raised falls risk): a weight he can lift seated -----------


def test_a_man_after_a_knee_replacement_with_dumbbells_lifts_one_in_his_strength_weeks():
    """Ray, 68, five months after a knee replacement, dumbbells, a raised falls risk:
    the split squat and step-up with dumbbells need balance his rules keep out, the
    dumbbell deadlift trains none of his issues, so ten weeks held no weight at all.
    A sit to stand holding a dumbbell (both feet down, the seat behind) is his load."""
    doc = program("r12_tkr68_garden.yaml")
    assert {p["state"]: p["value"] for p in doc["person"]}["falls_risk"] == "high"
    strength = [w for w in doc["weeks"] if w["phase"] == "Build strength" and not w["deload"]]
    assert strength
    for week in strength:
        assert any(
            rx["load_type"] == "external" for s in week["sessions"] for rx in s["exercises"]
        ), week["number"]
    lifted = {rx["id"] for _, rx in rows(doc) if rx["load_type"] == "external"}
    assert not lifted & {"split_squat_loaded", "step_up_loaded"}
    # A hand stays free to push on the armrest or catch a fall, as his falls rule says:
    # no weight held in both hands at the chest (a goblet squat, a goblet sit to stand).
    assert not lifted & {"goblet_squat", "goblet_squat_dumbbell"}
    for _, rx in rows(doc):
        if rx["id"] == "sit_to_stand_dumbbell":
            assert any("free hand on the armrest" in str(c) for c in rx["cues"]), rx["cues"]


# --- Anne, Mark, Ray and Joan: doses and words that match ---

ANNE = "r12_osteo57_hip.yaml"
MARK = "r12_office44_gym.yaml"
RAY = "r12_tkr68_garden.yaml"
PRIYA = "r12_runner35_bands.yaml"
MAYA = "r12_volley15.yaml"
LIFTERS = (
    ANNE,
    MARK,
    "r10_golfer_hip_oa.yaml",
    "r11_back_lifter52.yaml",
    "r11_postnatal_lift.yaml",
)


def _effort(rx: dict[str, Any]) -> Any:
    from gluteus.engine.dosing import Effort

    e = rx["effort"]
    return Effort(
        rpe=tuple(e["rpe"]) if e["rpe"] else None,
        rm=tuple(e["rm"]) if e["rm"] else None,
        rir=tuple(e["rir"]) if e["rir"] else None,
    )


def _lifts_by_week(doc: dict[str, Any]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Each lift named by its repetition maximum, in its loading weeks, in order."""
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for week in _training_weeks(doc):
        for s in week["sessions"]:
            for rx in s["exercises"]:
                if rx["load_type"] == "external" and (rx["effort"] or {}).get("rm"):
                    out.setdefault(rx["id"], []).append((week["number"], rx))
    return out


@pytest.mark.parametrize("name", LIFTERS)
def test_no_loaded_lift_gets_lighter_from_one_loading_week_to_the_next(name):
    """Anne's dumbbell Romanian deadlift went 11RM (2 × 8), 13RM (2 × 10), 11RM, 13RM for
    nine weeks and ended lighter than it began: reps that rose at the same reserve named
    a lighter weight. A lift's load climbs or holds across loading weeks and blocks; only
    a deload lightens it."""
    from gluteus.engine.dosing import lighter_load

    lifts = _lifts_by_week(program(name))
    assert lifts, name
    for ex_id, by_week in lifts.items():
        for (n0, before), (n1, after) in itertools.pairwise(by_week):
            assert not lighter_load(_effort(before), _effort(after), after["reps"]), (
                ex_id,
                n0,
                before["effort"]["rm"],
                n1,
                after["effort"]["rm"],
            )


def test_annes_romanian_deadlift_ends_heavier_than_it_starts():
    by_week = _lifts_by_week(program(ANNE))["romanian_deadlift"]
    first, last = by_week[0][1]["effort"]["rm"][0], by_week[-1][1]["effort"]["rm"][0]
    assert last < first, (first, last)
    assert last >= 8  # her caps: nothing heavier than an 8RM


def test_a_lift_made_lighter_in_a_later_loading_week_is_caught():
    doc = copy.deepcopy(program(ANNE))
    assert verify(doc, CTX) == []
    by_week = _lifts_by_week(doc)["romanian_deadlift"]
    n, rx = by_week[-1]
    rir = rx["effort"]["rir"]
    # The old oscillation: two more reps at the same reserve, so a lighter weight.
    rx["reps"] += 2
    rx["effort"]["rm"] = [rx["reps"] + rir[0], rx["reps"] + rir[1]]
    found = [str(v) for v in verify(doc, CTX)]
    assert any(f"week {n}" in v and "gets lighter only in a deload" in v for v in found), found


def test_effort_words_agree_with_the_reserve_they_sit_beside():
    """Mark: "each set stopped 2 reps short of failure … RPE 7, 13RM, 3 reps in reserve";
    and his deadlift rows in the power weeks dropped the back's reserve (RPE 8-9, 1-2
    reps in reserve) that every other hinge row of his back-pain program kept."""
    import re

    doc = program(MARK)
    for n, rx in rows(doc):
        said = re.search(r"(\d+) reps? short of failure", rx["load"] or "")
        if said and rx["effort"] and rx["effort"]["rir"]:
            lo, hi = rx["effort"]["rir"]
            assert lo <= int(said.group(1)) <= hi, (n, rx["id"], rx["load"], rx["effort"])
    hinges = [
        (n, rx)
        for n, rx in rows(doc)
        if rx["family"] == "deadlift" and rx["load_type"] == "external" and rx["effort"]["rir"]
    ]
    assert hinges
    for n, rx in hinges:
        assert rx["effort"]["rir"][0] >= 2, (n, rx["id"], rx["effort"])
        assert max(rx["effort"]["rpe"]) <= 8, (n, rx["id"], rx["effort"])
        # The first weeks' light lifts (4-5 reps in reserve) are dosed by the phase's
        # own rule, which spares the back by its reserve, checked above.
        if not rx["load"].startswith(("Deload", "Light:")):
            assert "to spare the low back" in rx["load"], (n, rx["load"])


@pytest.mark.parametrize("name", [PRIYA, MAYA, RAY])
def test_bodyweight_drills_claim_no_effort_they_cannot_reach(name):
    """Priya's bodyweight clamshell 3 × 15 and Maya's sit to stand from a lower seat were
    prescribed at RPE 7-8, an effort bodyweight alone seldom reaches in 8-15 reps: their
    effort is said as it is reached."""
    doc = program(name)
    easy = [
        (n, rx)
        for n, rx in rows(doc)
        if CATALOGUE[rx["id"]].effort is not None and rx["load_type"] == "bodyweight"
    ]
    assert easy, name
    for n, rx in easy:
        own = CATALOGUE[rx["id"]].effort
        assert rx["effort"]["rpe"][1] <= own[1] <= 6, (n, rx["id"], rx["effort"])
    text = _rendered(name)
    for line in text.splitlines():
        if "Clamshell progression" in line or "lower seat](#" in line:
            assert "RPE 7" not in line, line


def test_a_bodyweight_drill_said_at_an_effort_it_cannot_reach_is_caught():
    doc = copy.deepcopy(program(PRIYA))
    rx = next(
        rx
        for n, rx in rows(doc)
        if CATALOGUE[rx["id"]].effort is not None and not rx["load"].startswith("Deload")
    )
    rx["effort"]["rpe"] = [7, 8]
    rx["effort"]["rir"] = [2, 3]
    found = [str(v) for v in verify(doc, CTX)]
    assert any(rx["id"] in v and "effort is not what the dose rules give" in v for v in found), (
        found
    )


LANDING_NOTE = "Land every jump softly on both feet"


@pytest.mark.parametrize("name", [RAY, MAYA])
def test_no_jump_landing_note_where_the_rules_leave_no_jumps(name):
    """Ray is 68 and Maya has knee pain 4/10: their rules leave no jumps, yet both read
    how to land them."""
    doc = program(name)
    assert not any("impact" in tags(rx) for _, rx in rows(doc)), name
    assert not any(LANDING_NOTE in n for n in doc["safety"]["notes"]), name
    assert "landing_ladder" not in {r["id"] for r in doc["safety"]["rules"]}


def test_a_landing_note_slipped_in_without_jumps_is_caught():
    doc = copy.deepcopy(program(RAY))
    doc["safety"]["notes"].append(
        "Land every jump softly on both feet and hold the landing for a second, knees over "
        "the toes; re-take the single-leg squat test, and hops on one leg come in a new "
        "program once the knee no longer caves in."
    )
    found = [str(v) for v in verify(doc, CTX)]
    assert any("comes from no rule that applies" in v for v in found), found


def test_the_stair_note_does_not_ask_a_man_with_a_step_to_list_one():
    """Ray listed a step and does step-ups beside a rail, yet was told to "list a step in
    your equipment and the program adds it"."""
    doc = program(RAY)
    assert "step" in doc["profile"]["equipment"]
    assert any(rx["family"] == "step_up" for _, rx in rows(doc))
    notes = " ".join(doc["safety"]["notes"])
    assert "Otago's stair exercise" in notes and "list a step" not in notes


def test_a_raised_falls_risk_is_explained_with_its_reason_where_the_rules_are():
    """Ray's program is reshaped by a raised falls risk (a counter held for balance all
    ten weeks) that the markdown never explained: its reason is printed with the rules."""
    doc = program(RAY)
    falls = next(p for p in doc["person"] if p["state"] == "falls_risk")
    assert falls["value"] == "high"
    text = _rendered(RAY)
    rules_at = text.index("### Rules applied to you")
    line = next(x for x in text.splitlines() if x.startswith("- Falls risk high:"))
    assert falls["why"] in line
    assert rules_at < text.index(line) < text.index("### Notes")
    # Nothing to explain for a man whose readings are all unremarkable.
    assert "- Falls risk" not in _rendered(MARK)


def test_a_warning_blaming_equipment_the_work_does_not_need_is_caught():
    """Joan's step-up is left out because she listed no step (the warning now says so,
    not "the safety rules, equipment, time and the limits on weekly work"); a warning
    naming equipment no step-up needs fails the check."""
    from gluteus.engine.program import warning_text

    doc = copy.deepcopy(program(FRAIL74))
    w = next(w for w in doc["warning_details"] if w.get("by") == ["equipment.step"])
    assert "time" not in w["message"].split(": ")[-1], w["message"]
    i = doc["warning_details"].index(w)
    w["by"] = ["equipment.barbell"]
    w["message"] = warning_text(
        "unmet",
        gluteus.Profile.from_dict(doc["profile"]).schedule,
        issue=w["issue"],
        rule=w["rule"],
        weeks=w["weeks"],
        detail=w["detail"],
        by=w["by"],
        rules=CTX.registry.safety_rules,
        equipment=CTX.registry.equipment,
    )
    doc["warnings"][i] = w["message"]
    found = [str(v) for v in verify(doc, CTX)]
    assert any("needs barbell" in v for v in found), found


# --- Anne, Maya and Priya: movements learnt in order ---

ANNE = "r12_osteo57_hip.yaml"
MAYA = "r12_volley15.yaml"
PRIYA = "r12_runner35_bands.yaml"
HINGES = {"deadlift", "single_leg_rdl", "kettlebell_swing"}
KNEE_WORK = {"split_squat", "step_down", "step_up"}


def _weeks_with(doc: dict[str, Any], families: set[str]) -> list[int]:
    return sorted({n for n, rx in rows(doc) if rx["family"] in families})


def _block_of(doc: dict[str, Any], week: int) -> int:
    return int(next(w["block"] for w in doc["weeks"] if w["number"] == week))


def test_anne_learns_the_hinge_at_a_wall_for_weeks_before_any_hinge_with_a_weight():
    """Anne, 57, spinal osteoporosis, a novice at home: a dumbbell Romanian deadlift from
    week 4 with the hinge drill never taught; the drill now comes first, for weeks, in
    its supported version, and her first loaded session is to be watched."""
    doc = program(ANNE)
    assert "osteoporosis_hinge_drill_first" in {r["id"] for r in doc["safety"]["rules"]}
    hinges = _weeks_with(doc, HINGES)
    assert hinges, "she still gets a hinge with a weight"
    drilled = [n for n in _weeks_with(doc, {"hip_hinge"}) if n < hinges[0]]
    assert len(drilled) >= 2, (drilled, hinges[0])
    for _, rx in rows(doc):
        if rx["family"] == "hip_hinge":
            assert "unsupported_balance" not in tags(rx), rx["id"]
    assert any("physiotherapist or trainer" in n for n in doc["safety"]["notes"])
    assert verify(doc, CTX) == []


def test_a_hinge_with_a_weight_before_anne_has_learnt_the_drill_is_caught():
    doc = program(ANNE)
    rx = doc["weeks"][0]["sessions"][0]["exercises"][0]
    ex = CATALOGUE["romanian_deadlift"]
    rx.update(id=ex.id, name=ex.name, tags=sorted(ex.tags), family=ex.family, role=ex.role)
    rx.update(loaded=True, load_type=ex.load_type)
    found = verify(doc, CTX)
    assert any(v.rule == "osteoporosis_hinge_drill_first" and v.week == 1 for v in found), [
        str(v) for v in found
    ]


def test_maya_with_knee_pain_at_4_does_no_fast_lunge_or_step_up():
    """Maya, 15, knees caving in, knee pain 4/10: her first lunge was a reverse lunge to
    a knee drive done as fast as she could, in week 6, although the pain rule had
    already taken her jumps out."""
    doc = program(MAYA)
    assert "knee_pain_no_fast_single_leg" in {r["id"] for r in doc["safety"]["rules"]}
    for n, rx in rows(doc):
        assert "fast_single_leg" not in tags(rx), (n, rx["id"])
    assert verify(doc, CTX) == []


@pytest.mark.parametrize("name", [*EVERYONE_R11, "r11_back_lifter52.yaml", MAYA, PRIYA, ANNE])
def test_a_fast_lunge_comes_only_after_a_block_of_slow_ones(name):
    doc = program(name)
    held = _held_by_block(doc)
    for n, rx in rows(doc):
        if rx["role"] == "power" and "stepping_lunge" in tags(rx):
            before = held.get(_block_of(doc, n) - 1, set())
            assert any(CATALOGUE[e].family == "split_squat" for e in before), (n, rx["id"])


def test_a_fast_lunge_in_the_first_block_is_caught():
    doc = program(PRIYA)
    _put(doc, 1, "reverse_lunge_knee_drive")
    found = verify(doc, CTX)
    assert any(v.rule == "lunge_progression" and v.week == 1 for v in found), [
        str(v) for v in found
    ]


def test_priya_trains_her_knee_in_a_split_stance_every_strength_week():
    """Priya, a runner whose knees cave in, knee pain 3/10: no knee work in weeks 3-5,
    then free single-leg squats in week 6 as her first knee-loaded exercise since week 2."""
    doc = program(PRIYA)
    assert "knees_knee_work_with_pain" in {r["id"] for r in doc["safety"]["rules"]}
    strength = _training_weeks(doc, "Build strength")
    assert strength
    for week in strength:
        families = {rx["family"] for s in week["sessions"] for rx in s["exercises"]}
        assert families & KNEE_WORK, week["number"]
    # After the first block, the first knee work on one leg is not a free single-leg squat.
    later = [
        (n, rx)
        for n, rx in rows(doc)
        if _block_of(doc, n) > 1 and rx["family"] in {*KNEE_WORK, "single_leg_squat"}
    ]
    first = min(n for n, _ in later)
    assert any(
        rx["family"] in KNEE_WORK or "unsupported_balance" not in tags(rx)
        for n, rx in later
        if n == first
    ), first
    assert verify(doc, CTX) == []


def test_a_strength_week_without_knee_work_for_priya_is_caught():
    doc = program(PRIYA)
    week = _training_weeks(doc, "Build strength")[0]
    for session in week["sessions"]:
        session["exercises"] = [rx for rx in session["exercises"] if rx["family"] not in KNEE_WORK]
        retime(session)
    found = verify(doc, CTX)
    assert any(v.rule == "knees_knee_work_with_pain" and v.week == week["number"] for v in found), [
        str(v) for v in found
    ]


@pytest.mark.parametrize("name", ["r11_postnatal_lift.yaml", "r11_back_lifter52.yaml"])
def test_a_rotational_single_leg_squat_comes_only_after_a_free_one(name):
    """Emma did the rotational single-leg squat in weeks 6-8 after wall squats only, her
    first free single-leg squat in week 9; the wall squat no longer opens it. A step once
    opened stays open (single_leg_squat_progression), so any earlier block with a free one
    opens it."""
    doc = program(name)
    held = _held_by_block(doc)

    def holds(block: int) -> bool:
        return any(
            CATALOGUE[e].family == "single_leg_squat"
            and "unsupported_balance" in CATALOGUE[e].tags
            and "single_leg_rotation" not in CATALOGUE[e].tags
            for e in held.get(block, set())
        )

    for n, rx in rows(doc):
        if "single_leg_rotation" in tags(rx):
            assert any(holds(b) for b in range(_block_of(doc, n))), (n, rx["id"])


def test_a_rotational_single_leg_squat_after_wall_squats_only_is_caught():
    doc = program("r11_postnatal_lift.yaml")
    held = _held_by_block(doc)
    blocks = sorted(held)

    # A block after one of wall squats, with no free single-leg squat in any block before
    # it (one there would have opened the step for good); the free ones are taken out of
    # the blocks before where the plan has them.
    at = next(
        b
        for b, before in zip(blocks[1:], blocks, strict=False)
        if "single_leg_wall_squat" in held[before]
    )
    for week in doc["weeks"]:
        if week["block"] < at:
            for session in week["sessions"]:
                session["exercises"] = [
                    rx
                    for rx in session["exercises"]
                    if not (
                        CATALOGUE[rx["id"]].family == "single_leg_squat"
                        and "unsupported_balance" in CATALOGUE[rx["id"]].tags
                    )
                ]
    week = next(w["number"] for w in doc["weeks"] if w["block"] == at)
    _put(doc, week, "rotational_single_leg_squat")
    found = verify(doc, CTX)
    assert any(
        v.rule == "single_leg_squat_progression" and v.week == week and "unsupported" in v.message
        for v in found
    ), [str(v) for v in found]


def test_a_session_holds_one_hinge_however_it_is_done():
    """Ian's week 3-4 Tuesday held a single-leg Romanian deadlift with a kettlebell and a
    dumbbell Romanian deadlift: two variants of one movement in a session."""
    doc = program("r11_back_lifter52.yaml")
    assert "one_hinge_per_session" in {r["id"] for r in doc["safety"]["rules"]}
    for week in doc["weeks"]:
        for session in week["sessions"]:
            hinges = [rx["id"] for rx in session["exercises"] if rx["family"] in HINGES]
            assert len(hinges) <= 1, (week["number"], session["day"], hinges)
    assert verify(doc, CTX) == []


# --- Frank (72, a stick, 3 s on one leg): a hold on one leg keeps a hand on the wall --------


def test_a_standing_abduction_hold_keeps_a_hand_on_the_wall():
    """Frank, 72, a walking stick, a Timed Up and Go of 13 s and 3 s on his right leg,
    was given the standing wall-press abduction hold, up to 3 x 45 s a side, on one leg
    with no hand named for support, though his rules keep balance work next to
    something sturdy. The hold is for the hip, not for balance: a hand on the wall."""
    doc = program("r13_hipoa72_stick.yaml")
    assert {p["state"]: p["value"] for p in doc["person"]}["falls_risk"] == "high"
    held = [rx for _, rx in rows(doc) if rx["id"] == "wall_press_abduction_hold"]
    assert held
    for rx in held:
        assert any("hand flat on it for balance" in str(c) for c in rx["cues"]), rx["cues"]


# --- Mark and Ian: a trained lifter's heavy two-handed lifts are not on one kettlebell ------


def test_a_trained_lifter_with_a_barbell_deadlifts_with_it_not_with_one_kettlebell():
    """Mark (44, intermediate, a full gym) was given a kettlebell deadlift at 10RM and
    Ian (52, advanced) an 8RM kettlebell bridge: loads no single bell gives a trained
    man. With a barbell or dumbbells, those lifts are done with them; and a single-leg
    deadlift with a weight no longer holds the back's two-handed deadlift below its
    ladder's floor (Mark's weeks 7-8 were left without one)."""
    for name in ("r12_office44_gym.yaml", "r11_back_lifter52.yaml"):
        doc = program(name)
        used = {rx["id"] for _, rx in rows(doc)}
        assert not used & {"kettlebell_deadlift", "kettlebell_glute_bridge", "goblet_squat"}
        assert not any("back_hinge_loaded" in w for w in doc["warnings"]), doc["warnings"]
        for week in doc["weeks"]:
            if week["phase"] != "Build strength":
                continue
            assert any(
                rx["family"] == "deadlift" and rx["load_type"] == "external"
                for s in week["sessions"]
                for rx in s["exercises"]
            ), (name, week["number"])


# --- Marco (38, the back takes over under load): no heavy lower-body days in a row ----------


def test_a_lifter_whose_back_takes_over_gets_no_heavy_lower_body_days_in_a_row():
    """Marco, 38, intermediate, back ache 3/10, his back arches under load: a heavy
    deadlift on Thursday was followed by a heavy back squat on Friday. Each movement
    had its own 48 hours, but both load the back; with the back's finding no heavy
    lower-body lifts fall on consecutive days, and a week moved to do so is caught."""
    doc = program("r15_marco.yaml")
    lower = {
        "deadlift", "single_leg_rdl", "kettlebell_swing", "hip_thrust", "bridge", "squat",
        "split_squat", "single_leg_squat", "step_up", "step_down", "lateral_lunge",
        "curtsy_lunge",
    }  # fmt: skip

    def heavy(rx: dict[str, Any]) -> bool:
        e = rx["effort"]
        return rx["family"] in lower and (
            (e["rpe"] is not None and e["rpe"][0] >= 8) or (e["rm"] is not None and e["rm"][0] <= 8)
        )

    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for week in doc["weeks"]:
        hard = {s["day"] for s in week["sessions"] if any(heavy(rx) for rx in s["exercises"])}
        for a, b in itertools.pairwise(days):
            assert not (a in hard and b in hard), (week["number"], sorted(hard))
    assert verify(doc, CTX) == []
    # A heavy lift copied into the session the day before or after its own is caught.
    a, lift = next(
        (a, rx)
        for week in doc["weeks"]
        for b in week["sessions"]
        for rx in b["exercises"]
        if heavy(rx)
        for a in week["sessions"]
        if abs(days.index(b["day"]) - days.index(a["day"])) == 1
    )
    a["exercises"].append(dict(lift))
    found = verify(doc, CTX)
    assert any(v.rule == "back_heavy_lifts_apart" for v in found), [str(v) for v in found]


# --- George (60, osteoporosis after a vertebral fracture, dumbbells at home): load for the
# bone, balance at a counter, no knee hugged to the chest -------------------------------------

GEORGE = "r15_george.yaml"
BONE_HIP_LIFTS = {"deadlift", "hip_thrust", "bridge"}
BONE_LEG_LIFTS = {"sit_to_stand", "squat", "split_squat", "step_up"}
STANDING_BALANCE = {"single_leg_stance", "tandem_stance"}


def _loaded_lifts(week: dict[str, Any], families: set[str]) -> list[dict[str, Any]]:
    return [
        rx
        for s in week["sessions"]
        for rx in s["exercises"]
        if rx["family"] in families and rx["load_type"] == "external" and rx["role"] == "strength"
    ]


def test_george_lifts_a_weight_for_his_bones_from_the_strength_weeks_on():
    """George listed dumbbells, yet his 8 weeks held nothing with a weight: a single-leg
    bridge and a chair sit to stand at most. With osteoporosis, progressive resistance
    training at a moderate load is the treatment (Giangregorio 2014): each strength week
    now holds a hip lift and a leg lift with a weight and each power week one of them,
    within the 8-repetition limit, the hinge only after weeks of the drill."""
    doc = program(GEORGE)
    assert "osteoporosis_loaded_lifts" in {r["id"] for r in doc["safety"]["rules"]}
    strength = [w for w in _loading(doc) if w["phase"] == "Build strength"]
    power = [w for w in _loading(doc) if w["phase"] == "Power and function"]
    assert strength and power
    for w in strength:
        assert _loaded_lifts(w, BONE_HIP_LIFTS), f"week {w['number']}: no hip lift with a weight"
        assert _loaded_lifts(w, BONE_LEG_LIFTS), f"week {w['number']}: no leg lift with a weight"
    for w in power:
        assert _loaded_lifts(w, BONE_HIP_LIFTS | BONE_LEG_LIFTS), f"week {w['number']}"
    for n, rx in rows(doc):
        if rx["load_type"] == "external":
            # The first weeks' light lifts (bone_lifts_from_the_start) name their load by
            # reps in reserve: reps plus reps in reserve are its repetition maximum.
            rm = rx["effort"]["rm"] or [rx["reps"] + rx["effort"]["rir"][0]]
            assert rm[0] >= 8, (n, rx["id"], rx["effort"])
            assert not tags(rx) & {"unsupported_balance", "single_leg_squat"}, (n, rx["id"])
    hinges = _weeks_with(doc, HINGES)
    assert hinges and len([n for n in _weeks_with(doc, {"hip_hinge"}) if n < hinges[0]]) >= 2
    assert not any("osteoporosis_loaded_lifts" in w for w in doc["warnings"]), doc["warnings"]
    assert verify(doc, CTX) == []


def test_george_trains_his_balance_at_a_counter_every_week():
    """With osteoporosis a fall is a fracture, yet George had no balance work in 8 weeks
    (his rules keep it next to a support, and nothing asked for it). Every week now
    holds a stance on one leg or heel to toe, holding a counter."""
    doc = program(GEORGE)
    assert "osteoporosis_balance" in {r["id"] for r in doc["safety"]["rules"]}
    for w in _loading(doc):
        balance = [
            rx for s in w["sessions"] for rx in s["exercises"] if rx["family"] in STANDING_BALANCE
        ]
        assert balance, f"week {w['number']} has no balance work"
        for rx in balance:
            assert "unsupported_balance" not in tags(rx), (w["number"], rx["id"])


def test_george_is_never_told_to_hug_a_knee_to_the_chest():
    """The single-leg bridge offered "Easier on the back: hug the other knee to the
    chest" to a man with a vertebral fracture: end-range spinal flexion. The cue is left
    out under osteoporosis, and put back by hand it is caught, naming the rule."""
    doc = program(GEORGE)
    hug = next(str(c) for c in CATALOGUE["single_leg_bridge"].cues if "to the chest" in c)
    assert not any(hug in rx["cues"] for _, rx in rows(doc))
    bridges = [rx for _, rx in rows(doc) if rx["id"] == "single_leg_bridge"]
    assert bridges, "George still does single-leg bridges"
    bridges[0]["cues"].append(hug)
    found = verify(doc, CTX)
    assert [(v.rule, v.exercise) for v in found] == [("osteoporosis", "single_leg_bridge")], [
        str(v) for v in found
    ]
    assert "end_range_spinal_flexion" in found[0].message, found[0].message


# --- Rose (70, raised falls risk): the balance ladder is not stepped back down ---------------

ROSE = "r15_rose.yaml"


def _trained_rungs(doc: dict[str, Any]) -> list[tuple[int, int, dict[str, Any]]]:
    """(block, week, row) of the training work on a ladder (not the activation drills)."""
    return [
        (w["block"], w["number"], rx)
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["ladder"] is not None and rx["role"] != "activation"
    ]


def test_a_falls_program_never_steps_back_down_from_one_leg_to_tandem_stance():
    """Rose, 70: one-leg stance at a counter in weeks 4-5, tandem stance at the counter
    (the easier Otago step) again in weeks 7-8, one-leg stance in week 9. The step to
    one leg had closed again after a block without tandem stance, and tandem and
    one-leg stance sat on ladders of their own, so no floor held one above the other.
    Once a block has stood on one leg, later blocks stand on one leg (or harder)."""
    doc = program(ROSE)
    assert "falls_supported_balance" in {r["id"] for r in doc["safety"]["rules"]}
    one_leg = [b for b, _, rx in _trained_rungs(doc) if rx["family"] == "single_leg_stance"]
    assert one_leg, "she moves on to one-leg stance"
    after = [
        (n, rx["id"])
        for b, n, rx in _trained_rungs(doc)
        if rx["family"] == "tandem_stance" and b > min(one_leg)
    ]
    assert not after, after
    # Every ladder, every role: no block goes below a rung an earlier block reached.
    floors: dict[tuple[str, str, bool], tuple[int, int]] = {}  # -> rung, block
    for block, n, rx in _trained_rungs(doc):
        key = (rx["ladder"], rx["role"], rx["load_type"] == "external")
        if key in floors and floors[key][1] < block:
            assert rx["rung"] >= floors[key][0], (n, rx["id"], key, floors[key])
        if key not in floors or rx["rung"] > floors[key][0]:
            floors[key] = (rx["rung"], block)
    assert verify(doc, CTX) == []


def test_a_tandem_stance_slipped_back_in_after_one_leg_stance_is_caught():
    """One session of a block that stands on one leg put back to tandem stance at the
    counter: the block shows the harder rung was usable, so the step down is caught."""
    doc = program(ROSE)
    reached = min(b for b, _, rx in _trained_rungs(doc) if rx["family"] == "single_leg_stance")
    tandem = next(
        rx for b, _, rx in _trained_rungs(doc) if rx["family"] == "tandem_stance" and b < reached
    )
    week = next(w for w in doc["weeks"] if w["block"] > reached and not w["deload"])
    rows = week["sessions"][0]["exercises"]
    at = next(
        i
        for i, rx in enumerate(rows)
        if rx["family"] == "single_leg_stance" and rx["role"] != "activation"
    )
    assert tandem["rung"] < rows[at]["rung"]
    rows[at] = copy.deepcopy(tandem)
    found = [str(v) for v in verify(doc, CTX)]
    assert any(
        f"week {week['number']}" in v and "stepped back down" in v and tandem["id"] in v
        for v in found
    ), found


# --- Marco (38): a new lift starts moderate, even where its movement was loaded before ------

MARCO = "r15_marco.yaml"


def _new_lifts(doc: dict[str, Any]) -> list[tuple[int, dict[str, Any], bool]]:
    """(week, row, family loaded before) of each lift with a weight in the first block
    that does it."""
    ids: set[str] = set()
    families: set[str] = set()
    out = []
    for block in _blocks(doc):
        here = [(w["number"], rx) for w in block for s in w["sessions"] for rx in s["exercises"]]
        lifts = [(n, rx) for n, rx in here if rx["load_type"] == "external"]
        out += [(n, rx, rx["family"] in families) for n, rx in lifts if rx["id"] not in ids]
        ids |= {rx["id"] for _, rx in lifts}
        families |= {rx["family"] for _, rx in lifts}
    return out


def test_a_new_lift_starts_moderate_even_after_dumbbell_work_of_its_movement():
    """Marco, 38, back ache 3/10 and a back that arches under load: the barbell deadlift
    first came in week 9 at RPE 8, 8RM (6RM the week after), as dumbbell Romanian
    deadlifts had made the movement count as loaded before. A lift's first block with a
    weight is moderate whatever came before it: RPE 7 at most, a 10RM load or lighter."""
    doc = program(MARCO)
    assert "moderate_before_heavy" in {r["id"] for r in doc["safety"]["rules"]}
    new = _new_lifts(doc)
    # His plan now keeps the lifts it began (the power weeks bring in none): the new
    # barbell deadlift after dumbbell ones is written in by hand below.
    assert new
    for n, rx, _ in new:
        effort = rx["effort"]
        # No repetition maximum: a load named by its effort alone (the first weeks'
        # light lifts, 12 or more reps at 5-6/10; a slow lowering), held by the RPE.
        light = effort["rm"] is None
        assert effort["rpe"][1] <= 7 and (light or effort["rm"][0] >= 10), (n, rx["id"], effort)
    assert verify(doc, CTX) == []


@pytest.mark.parametrize(
    "effort",
    [
        {"rpe": [8, 8], "rm": [8, 8], "rir": [2, 2]},  # the reviewer's line
        {"rpe": [7, 7], "rm": [9, 9], "rir": [3, 3]},  # moderate effort, a heavy load
    ],
)
def test_a_heavy_first_block_of_a_new_lift_is_caught(effort):
    # A barbell deadlift in the last week, where dumbbell Romanian deadlifts (the same
    # movement, another lift) were all that came before it: its first block, heavy.
    doc = program(MARCO)
    n, rx = next(
        (w["number"], rx)
        for w in reversed(doc["weeks"])
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["id"] == "romanian_deadlift"
    )
    assert not [r for _, r, _ in _new_lifts(doc) if r["id"] == "deadlift"]
    rx.update(id="deadlift", name=CATALOGUE["deadlift"].name, reps=6, effort=effort)
    found = [v for v in verify(doc, CTX) if v.rule == "moderate_before_heavy"]
    assert any(v.week == n and v.exercise == rx["id"] for v in found), [
        str(v) for v in verify(doc, CTX)
    ]


# --- Review 16: pelvic girdle pain, stage-2 blood pressure, single-leg knees and hips


def test_pelvic_girdle_pain_keeps_jumps_and_swings_out_after_12_weeks_postnatal():
    """Nadia, 33, 7 weeks after a birth with pelvic girdle pain still there: weeks 9-10
    (past 12 weeks) gave squat jumps and kettlebell swings, "nothing in your rules
    against jumping". While the pain lasts no landing and no swung bell loads the
    pelvic joints (Vleeming 2008; Goom 2019 asks for a pelvic health check first); her
    power work stays on both feet, and a jump slipped in is caught."""
    doc = program("r16_nadia.yaml")
    rule_ids = {r["id"] for r in doc["safety"]["rules"]}
    assert "pelvic_girdle_pain_no_impact" in rule_ids
    assert "power_as_jumps" not in rule_ids
    for week, rx in rows(doc):
        tags = set(CATALOGUE[rx["id"]].tags)
        assert not tags & {"impact", "ballistic"}, (week, rx["name"])
    assert any("pelvic health physiotherapist before" in n for n in doc["safety"]["notes"])
    assert verify(doc, CTX) == []
    late = doc["weeks"][-1]["sessions"][0]["exercises"]
    swing = copy.deepcopy(late[-1])
    swing.update(id="squat_jump", name=CATALOGUE["squat_jump"].name)
    late[-1] = swing
    found = verify(doc, CTX)
    assert any(v.rule == "pelvic_girdle_pain_no_impact" for v in found), [str(v) for v in found]


def test_blood_pressure_of_160_100_sends_to_the_gp_and_keeps_every_weight_light():
    """Deepak, 54, an advanced powerlifter, 168/102 and untreated: the program said only
    "have it checked by your GP" and built to 8-9RM lifts, with nothing about his own
    near-maximal, breath-held lifting. At 160/100 or more a doctor's check comes before
    resistance training (Williams 2007): every weight, every week, stays at a 12RM or
    lighter at RPE 6 at most, the notes send him to the GP and stop his own maximal,
    breath-held lifts until then, and a 9RM written in is caught."""
    doc = program("r16_deepak.yaml")
    assert "blood_pressure_see_gp_first" in {r["id"] for r in doc["safety"]["rules"]}
    states = {p["state"]: p for p in doc["person"]}
    assert states["blood_pressure"]["why"] == "168/102 (160/100 or more)"
    loaded = [(w, rx) for w, rx in rows(doc) if rx["load_type"] == "external"]
    assert loaded, "a trained lifter still lifts a weight"
    for week, rx in loaded:
        # A lift dosed by reps in reserve (a slow-lowering one) names its load by them:
        # reps plus reps in reserve are its repetition maximum (dosing.working_rm).
        rm = rx["effort"]["rm"] or [rx["reps"] + rx["effort"]["rir"][0]]
        assert rm[0] >= 12, (week, rx["name"], rx["effort"])
    for week, rx in rows(doc):
        rpe = (rx.get("effort") or {}).get("rpe")
        assert rpe is None or rpe[1] <= 6, (week, rx["name"], rpe)
    note = next(n for n in doc["safety"]["notes"] if "160/100" in n)
    assert "see your GP" in note and "near-maximal" in note and "own lifting" in note
    assert "hold your breath" in note
    assert verify(doc, CTX) == []
    week, rx = loaded[-1]
    rx["effort"]["rm"] = [9, 9]
    found = verify(doc, CTX)
    assert any(v.rule == "blood_pressure_see_gp_first" for v in found), [str(v) for v in found]


def test_knees_that_cave_in_get_a_partial_single_leg_squat_first_and_no_turning_one():
    """Josh, 14, knee pain 3/10, both knees caving in on the single-leg squat test: his
    first single-leg squat was a skater squat lowering the back knee to the floor, and
    weeks 5-6 added a rotational single-leg squat and hip airplanes. The hip moving in and
    turning under load is the caving pattern (Willy 2019): it waits for a re-test, as
    the hops do, and the first single-leg squat is a partial one with deep knee bending
    left for later. A turning squat slipped in is caught."""
    doc = program("r16_josh.yaml")
    assert "valgus_no_adduction_under_load" in {r["id"] for r in doc["safety"]["rules"]}
    single_leg = []
    for week, rx in rows(doc):
        tags = set(CATALOGUE[rx["id"]].tags)
        assert not tags & {"adduction_under_load", "single_leg_rotation"}, (week, rx["name"])
        if rx["family"] in {"single_leg_squat", "step_down"}:
            single_leg.append((week, tags))
    assert single_leg, "a single-leg squat or step-down still trains the knee's control"
    first = min(week for week, _ in single_leg)
    assert all("deep_loaded_knee_flexion" not in t for w, t in single_leg if w == first)
    assert verify(doc, CTX) == []
    rx = next(rx for _, rx in rows(doc, weeks={doc["weeks"][-1]["number"]}))
    rx.update(id="rotational_single_leg_squat", family="single_leg_squat")
    found = verify(doc, CTX)
    assert any(v.rule == "valgus_no_adduction_under_load" for v in found), [str(v) for v in found]


def test_a_dropping_pelvis_with_outer_hip_pain_gets_only_supported_single_leg_loading():
    """Claire, 42, outer right hip pain 4/10, her pelvis drops standing on the right:
    the program told her to stand on one leg only with a hand on a counter, and gave her
    free-standing step-ups from week 3 and step-ups holding dumbbells later. A step on
    one leg with the pelvis dropping swings the hip into adduction under load, the
    compression Grimaldi & Fearon 2015 keep off the tendon: while the first stage holds,
    single-leg loading has a hand on a rail or the back on a wall, and a free step-up
    written in is caught."""
    doc = program("r16_claire.yaml")
    assert "gluteal_tendinopathy_staging" in {r["id"] for r in doc["safety"]["rules"]}
    single_leg = [
        (week, rx)
        for week, rx in rows(doc)
        if {"single_leg_step", "single_leg_squat"} & set(CATALOGUE[rx["id"]].tags)
    ]
    assert single_leg, "the staged single-leg loading still comes, supported"
    for week, rx in single_leg:
        assert "unsupported_balance" not in CATALOGUE[rx["id"]].tags, (week, rx["name"])
    assert verify(doc, CTX) == []
    week, rx = single_leg[-1]
    rx.update(id="step_up_loaded", name=CATALOGUE["step_up_loaded"].name, family="step_up")
    found = verify(doc, CTX)
    assert any(v.rule == "gluteal_tendinopathy_staging" for v in found), [str(v) for v in found]


# --- Beatrice and Margaret: the balance dose with a raised risk of falling, and the
# abductors after a lateral hip replacement ---

BEATRICE = "r17_beatrice.yaml"  # 79, two falls, stick, bands and a chair, 2 x 30 min
MARGARET = "r17_margaret.yaml"  # 66, lateral hip replacement 10 weeks ago, TUG 13 s, 3 x 30 min
FALLS_STANCES = {"tandem_stance", "single_leg_stance"}


@pytest.mark.parametrize("name", [BEATRICE, MARGARET])
def test_a_raised_falls_risk_walks_along_a_counter_after_standing_heel_to_toe(name):
    """One stance of 2 holds a session for 12-16 weeks, all static: 2-4 minutes of
    balance a week, never walking. From the strength phase each session holds a walk
    along a counter as well as a stance (Otago's tandem and sideways walking; Sherrington
    2019 on the dose), the walks only after a block of tandem stance, and their steps
    rise."""
    doc = program(name)
    assert "falls_walking_balance" in {r["id"] for r in doc["safety"]["rules"]}
    assert verify(doc, CTX) == []
    block = {w["number"]: w["block"] for w in doc["weeks"]}
    walks = [(n, rx) for n, rx in rows(doc) if rx["family"] == "counter_walk"]
    assert walks
    tandem_blocks = {block[n] for n, rx in rows(doc) if rx["family"] == "tandem_stance"}
    assert all(any(t < block[n] for t in tandem_blocks) for n, _ in walks)
    for w in doc["weeks"]:
        if w["phase"] == "Activate and control":
            continue
        for s in w["sessions"]:
            families = [rx["family"] for rx in s["exercises"]]
            assert "counter_walk" in families, (w["number"], s["day"])
            assert FALLS_STANCES & set(families), (w["number"], s["day"])
    # The walks are progressed, not the same steps for the whole program.
    doses = {(rx["sets"], rx["reps"]) for n, rx in walks}
    assert len(doses) > 2, doses
    for _, rx in walks:
        assert "walking_balance" in tags(rx) and "counter" in " ".join(rx["cues"])


def test_a_walk_along_a_counter_before_a_block_of_tandem_stance_is_caught():
    doc = copy.deepcopy(program(BEATRICE))
    rx = next(rx for _, rx in rows(doc, weeks={1}) if rx["family"] == "tandem_stance")
    walk = CATALOGUE["tandem_walk_counter"]
    rx.update(id=walk.id, name=walk.name, family=walk.family, hold_s=None, reps=8)
    found = verify(doc, CTX)
    assert any(v.rule == "falls_supported_balance" for v in found), [str(v) for v in found]


def test_after_a_lateral_hip_replacement_the_abductors_are_in_every_session_once_allowed():
    """Margaret: abductor work only on Wednesdays (weeks 4-6), then only on Fridays
    (weeks 7-9), while a warning blamed the time for Otago's missing abduction in weeks
    1-5, her sessions lasting 8-14 of her 30 minutes. From the strength phase, once the
    12 weeks are past, each session holds standing abduction (holds first), and the
    warning names the rules that held it back, not the time."""
    doc = program(MARGARET)
    assert verify(doc, CTX) == []
    allowed = set(
        next(
            r["weeks"]
            for r in doc["safety"]["rules"]
            if r["id"] == "hip_replacement_lateral_abductors"
        )
    )
    strength = [w for w in doc["weeks"] if w["phase"] != "Activate and control"]
    assert strength and all(w["number"] in allowed for w in strength)
    for w in strength:
        for s in w["sessions"]:
            families = {rx["family"] for rx in s["exercises"]}
            assert families & ABDUCTION_WORK, (w["number"], s["day"])
    otago = [
        w
        for w in doc["warning_details"]
        if w["rule"] == "falls_otago_strength" and "hip abduction" in w["detail"]
    ]
    for w in otago:
        assert "time" not in w["message"].split(": ")[-1], w["message"]
        assert "hip_replacement_lateral_abductors" in w["by"] or max(w["weeks"]) < min(
            w2["number"] for w2 in strength
        ), w


def test_the_osteoporosis_notes_on_weights_only_with_a_weight_to_lift():
    """Beatrice and Margaret, with bands, a chair and a step, were told to lift no
    heavier than an 8-repetition weight and to have their first session with a weight
    watched. Those notes go with a weight to lift (George has dumbbells); the counter
    note stays for everyone with osteoporosis."""
    weights = ("Lift no heavier than a weight", "Have your first session with a weight")
    for name in (BEATRICE, MARGARET):
        notes = program(name)["safety"]["notes"]
        assert not [n for n in notes if n.startswith(weights)], name
        assert "Do balance and single-leg exercises next to a kitchen counter." in notes
    notes = program("r15_george.yaml")["safety"]["notes"]
    assert all(any(n.startswith(w) for n in notes) for w in weights), notes
    doc = copy.deepcopy(program("r15_george.yaml"))
    doc["safety"]["notes"] = [n for n in notes if not n.startswith(weights[0])]
    assert verify(doc, CTX), "a weight note taken out is caught"


# --- Helga: the knee after a knee replacement, loaded and lowered --------------------

KNEE_TWO_LEG = {"squat", "sit_to_stand"}
KNEE_ONE_LEG = {"split_squat", "step_up"}


def _weeks_of(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    kinds = {p["name"]: p["kind"] for p in doc["phases"]}
    return [w for w in doc["weeks"] if kinds[w["phase"]] == kind and not w["deload"]]


def test_a_knee_replacement_past_its_early_stage_lifts_the_knee_with_a_weight():
    """Helga, 52, 34 weeks after a left knee replacement, dumbbells and a kettlebell at
    home: weeks 1-10 were hip work with one bodyweight step-up a week, and the weights
    first came in week 11. The quadriceps stay weak for years after a knee replacement
    and progressive resistance restores them (Bade & Stevens-Lapsley 2011): every
    strength week now holds a two-leg and a one-leg knee lift with a weight, on two days
    or more, started light and made heavier, never past the 8RM cap."""
    doc = program("r17_helga.yaml")
    rules = ("knee_replacement_loaded_knee_work", "knee_replacement_loaded_one_leg")
    assert set(rules) <= {r["id"] for r in doc["safety"]["rules"]}
    assert not any(rule in w for w in doc["warnings"] for rule in rules), doc["warnings"]
    heaviest: list[int] = []
    for week in _weeks_of(doc, "strength"):
        days = {
            s["day"]: {rx["family"] for rx in s["exercises"] if rx["load_type"] == "external"}
            for s in week["sessions"]
        }
        assert any(f & KNEE_TWO_LEG for f in days.values()), week["number"]
        assert any(f & KNEE_ONE_LEG for f in days.values()), week["number"]
        assert sum(bool(f & (KNEE_TWO_LEG | KNEE_ONE_LEG)) for f in days.values()) >= 2
        rms = [
            rx["effort"]["rm"][0]
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["load_type"] == "external" and rx["family"] in KNEE_TWO_LEG | KNEE_ONE_LEG
        ]
        assert min(rms) >= 8, (week["number"], rms)
        heaviest.append(min(rms))
    assert heaviest[0] >= 12, "the first loaded knee work is light"
    assert min(heaviest) < heaviest[0], "and gets heavier"
    # Loaded knee work in the power weeks too, so it is not dropped for two weeks.
    for week in _weeks_of(doc, "power"):
        families = {
            rx["family"]
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["load_type"] == "external"
        }
        assert families & (KNEE_TWO_LEG | KNEE_ONE_LEG), week["number"]


def test_knee_pain_on_stairs_after_a_knee_replacement_trains_the_step_down():
    """Helga's knee aches going down stairs and downhill and she wants 600 m of descent:
    no step-down or slow lowering came in 12 weeks, while a note promised "a split squat,
    a lunge, a step-down or a step-up" each strength week. Every strength and power week
    now holds a slow step-down (eccentric knee work built stair descent after a knee
    replacement, LaStayo 2009), never a step back from the lateral one to the forward one
    at a rail, and the knee-work note promises one of those exercises, as the rule asks."""
    doc = program("r17_helga.yaml")
    assert "knee_replacement_step_downs" in {r["id"] for r in doc["safety"]["rules"]}
    assert not any("knee_replacement_step_downs" in w for w in doc["warnings"])
    levels = []
    for week in [*_weeks_of(doc, "strength"), *_weeks_of(doc, "power")]:
        downs = [
            CATALOGUE[rx["id"]].level
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["family"] == "step_down"
        ]
        assert downs, week["number"]
        levels.append(min(downs))
    assert levels == sorted(levels), "no step back down the step-down ladder"
    cues = {c for _, rx in rows(doc) if rx["family"] == "step_down" for c in rx["cues"]}
    assert any("3" in c and "s" in c for c in cues), cues
    notes = doc["safety"]["notes"]
    knee_note = next(n for n in notes if n.startswith("With knee pain, the knee is trained"))
    assert "at least one" in knee_note
    assert any("walking poles" in n for n in notes)
    assert verify(doc, CTX) == []
    week = _weeks_of(doc, "strength")[0]
    for s in week["sessions"]:
        s["exercises"] = [rx for rx in s["exercises"] if rx["family"] != "step_down"]
        retime(s)
    found = verify(doc, CTX)
    assert any(v.rule == "knee_replacement_step_downs" for v in found), [str(v) for v in found]


# --- Kwame (25, a footballer with groin pain): the adductors, not the outer-hip tendon -------


def test_groin_pain_is_its_own_region_and_gets_adductor_strengthening_that_climbs():
    """Kwame, 25, a footballer with a groin ache 3/10 after sprinting and long passing:
    the profile could only give it as (outer) hip pain, so the program read it as the
    gluteal tendon picture, kept adduction out and had no adductor work in 6 weeks.
    Groin pain is now a region of its own, not the outer hip's, and asks for adductor
    strengthening that progresses (Hölmich 1999; Harøy 2019): squeezes first, then the
    short-lever Copenhagen adduction, never back down the ladder, with the pain gate in
    the cues and a note to have the groin examined. A Copenhagen slipped in before the
    squeezes is caught."""
    assert "groin" in CTX.registry.pain_regions
    doc = program("r17_kwame.yaml")
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert "groin_pain_adductor_strength" in rules
    assert not {r for r in rules if r.startswith("gluteal_tendinopathy")}, rules
    outer_hip = next(p for p in doc["person"] if p["state"] == "outer_hip")
    assert outer_hip["value"] == "none"
    ladder = next(lad for lad in CTX.registry.ladders.values() if lad.id == "adductor_strength")
    rung = {e: i for i, e in enumerate(ladder.exercise_ids)}
    highest: dict[int, int] = {}
    for week, rx in rows(doc):
        if rx["id"] in rung:
            highest[week] = max(highest.get(week, -1), rung[rx["id"]])
            assert any("3/10" in cue for cue in CATALOGUE[rx["id"]].cues), rx["name"]
    weeks = [w["number"] for w in doc["weeks"]]
    assert sorted(highest) == weeks, "adductor work every week"
    tops = [highest[w] for w in weeks]
    assert tops == sorted(tops), "the adductor ladder is climbed, never stepped back down"
    assert tops[-1] > tops[0], "the squeezes progress to the Copenhagen adduction"
    first = CATALOGUE[ladder.exercise_ids[tops[0]]]
    assert first.family == "adductor_squeeze", "squeezes come first"
    notes = " ".join(doc["safety"]["notes"])
    assert "physiotherapist or a sports doctor" in notes
    assert verify(doc, CTX) == []
    row = next(
        rx for _, rx in rows(doc, weeks={1}) if CATALOGUE[rx["id"]].family == "adductor_squeeze"
    )
    short = CATALOGUE["copenhagen_adduction_short"]
    row.update(id=short.id, name=short.name, family=short.family, role=short.role)
    found = verify(doc, CTX)
    assert any(v.rule == "groin_pain_adductor_strength" for v in found), [str(v) for v in found]


# --- Kwame (25, a footballer with groin pain): adductor work three times a week ------------


ADDUCTOR_FAMILIES = ("adductor_squeeze", "copenhagen")


def _adductor_sessions(week: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        s
        for s in week["sessions"]
        if any(CATALOGUE[rx["id"]].family in ADDUCTOR_FAMILIES for rx in s["exercises"])
    ]


def test_groin_pain_gets_adductor_work_in_three_sessions_a_week_not_one():
    """Kwame, 25, a footballer with groin pain 3/10, training 5 times a week: his
    adductor work (squeezes, then the Copenhagen adduction) came once a week, the
    in-season upkeep dose rather than treatment. Adductor strengthening for groin pain
    trains about three times a week (Hölmich 1999; Harøy 2019 two to three in the
    preseason), so it is now in at least 3 of his sessions every week, the Copenhagen
    never on two days in a row; a week cut back to fewer sessions of it is caught,
    though the week still holds some."""
    doc = program("r17_kwame.yaml")
    for week in doc["weeks"]:
        assert len(_adductor_sessions(week)) >= 3, week["number"]
        days = [
            DAYS.index(s["day"])
            for s in week["sessions"]
            if any(CATALOGUE[rx["id"]].family == "copenhagen" for rx in s["exercises"])
        ]
        assert all(b - a > 1 for a, b in itertools.pairwise(days)), (week["number"], days)
    assert not [w for w in doc["warnings"] if "groin_pain_adductor_strength" in w]
    assert verify(doc, CTX) == []
    week = doc["weeks"][0]
    for s in _adductor_sessions(week)[1:]:
        s["exercises"] = [
            rx for rx in s["exercises"] if CATALOGUE[rx["id"]].family not in ADDUCTOR_FAMILIES
        ]
        retime(s)
    found = [v for v in verify(doc, CTX) if v.rule == "groin_pain_adductor_strength"]
    assert [v.week for v in found] == [1], [str(v) for v in verify(doc, CTX)]
    assert "in 3 of the week's sessions" in found[0].message
    # The Copenhagen copied onto the day after (or before) one: caught.
    doc = program("r17_kwame.yaml")
    week, day, row = next(
        (w, DAYS.index(s["day"]), rx)
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if CATALOGUE[rx["id"]].family == "copenhagen"
    )
    beside = next(s for s in week["sessions"] if abs(DAYS.index(s["day"]) - day) == 1)
    beside["exercises"][-1] = copy.deepcopy(row)
    retime(beside)
    found = [v for v in verify(doc, CTX) if v.rule == "groin_pain_adductor_strength"]
    assert found, [str(v) for v in verify(doc, CTX)]


# --- Review 18: green read against the person's usual pain (Walter, Lucas) --------------


def _r18_sessions(doc: dict[str, Any], weeks: range, region: str, during: int, morning: int):
    """Every session of ``weeks`` done in full and easy, with this pain in ``region``."""
    pain = {region: {"during": during, "next_morning": morning}}
    return [
        {"week": w["number"], "session": i, "effort": 5, "pain": pain}
        for w in doc["weeks"]
        if w["number"] in weeks
        for i in range(1, len(w["sessions"]) + 1)
    ]


@pytest.mark.parametrize(
    ("name", "region", "usual"), [("r18_walter.yaml", "knee", 4), ("r18_lucas.yaml", "low_back", 5)]
)
def test_usual_pain_above_the_green_line_can_progress_when_sessions_do_not_make_it_worse(
    name, region, usual
):
    """Walter (knee osteoarthritis, usual knee pain 4/10) and Lucas (low back pain
    5/10): every increase said "only if last week's sessions stayed green (pain 3/10 or
    less)", below their everyday pain, so as written they could never progress, and
    Lucas's notes called pain over 3/10 not fine. Green is read against the usual pain
    (Silbernagel 2007: pain acceptable up to 5/10 and back to its usual level by the
    next morning): the program's gate, traffic light and notes say so, the journal
    progresses sessions at the usual pain that settle by the next morning and not ones
    above it, and a program carrying the fixed 0-3/10 light is caught."""
    from gluteus.engine.adapt import adaptation
    from gluteus.engine.program import Program
    from gluteus.engine.traffic_light import GREEN_ONLY, TRAFFIC_LIGHT

    doc = program(name)
    gated = [rx for _, rx in rows(doc) if GREEN_ONLY in rx["load"]]
    assert gated, "increases still wait for green sessions"
    assert "no worse than your usual" in GREEN_ONLY and "next morning" in GREEN_ONLY
    words = json.dumps(doc)
    assert "green (pain 3/10 or less)" not in words
    assert "0-3/10 during exercise is fine" not in words
    light = doc["safety"]["traffic_light"]
    green, amber, red = light["zones"]
    assert f"{region.replace('_', ' ')} {usual}/10" in green["pain"]
    assert "usual" in green["pain"] and "next morning" in green["meaning"]
    assert "above your usual" in amber["pain"], "amber is read against the usual pain too"
    assert "over 5/10" in red["pain"], "the model's ceiling stays"
    notes = " ".join(doc["safety"]["notes"])
    assert "pain no worse than your usual, and back to it by the next morning" in notes
    if region == "low_back":
        assert "at or below your usual level, and is back to usual by the next morning" in notes
    assert verify(doc, CTX) == []

    # The journal reads the same light: sessions at the usual pain, settled by the next
    # morning, move exercises up; a point above it, during exercise or the next
    # morning, does not.
    plan = Program.from_dict(doc)
    weeks = range(1, 4)
    at_usual = adaptation(plan, _r18_sessions(doc, weeks, region, usual, usual))
    kinds = {c.kind for c in at_usual.changes}
    assert "progress" in kinds and not kinds & {"hold", "regress"}, kinds
    if usual < 5:
        above = adaptation(plan, _r18_sessions(doc, weeks, region, usual + 1, usual))
        assert "progress" not in {c.kind for c in above.changes}, "amber: no step up"
    slow = adaptation(plan, _r18_sessions(doc, weeks, region, usual, usual + 1))
    assert "progress" not in {c.kind for c in slow.changes}, "not settled: no step up"

    wrong = copy.deepcopy(doc)
    wrong["safety"]["traffic_light"] = TRAFFIC_LIGHT.to_dict()
    found = [str(v) for v in verify(wrong, CTX)]
    assert any("the pain traffic light is not the engine's" in s for s in found), found
    if region == "low_back":
        wrong = copy.deepcopy(doc)
        notes = wrong["safety"]["notes"]
        at = next(i for i, n in enumerate(notes) if n.startswith("Stay active;"))
        notes[at] = "Stay active; let symptoms guide you: pain 0-3/10 during exercise is fine."
        found = [str(v) for v in verify(wrong, CTX)]
        assert any("0-3/10 during exercise is fine" in s for s in found), found


# --- Helga again (a knee replacement, six short sessions a week): knee days apart ------

# Work that loads the new knee: on one leg at any load (a step-down is slow lowering by
# design), on two legs with a weight. A bodyweight sit to stand or squat is everyday
# function and may come any day.
_KNEE_ONE_LEG = {"split_squat", "step_up", "step_down", "single_leg_squat", "lateral_lunge"}
_KNEE_TWO_LEG = {"squat", "sit_to_stand"}


def _loads_the_new_knee(rx: dict[str, Any]) -> bool:
    ex = CATALOGUE[rx["id"]]
    return ex.family in _KNEE_ONE_LEG or (ex.family in _KNEE_TWO_LEG and ex.load_type == "external")


def _knee_days(doc: dict[str, Any]) -> list[int]:
    from datetime import date

    return [
        date.fromisoformat(s["date"]).toordinal()
        for w in doc["weeks"]
        for s in w["sessions"]
        if any(_loads_the_new_knee(rx) for rx in s["exercises"])
    ]


def test_a_new_knee_is_loaded_on_days_apart_in_six_sessions_a_week():
    """Helga, 34 weeks after a knee replacement, six 20-minute sessions a week: once the
    knee rules asked for lifts with a weight and slow step-downs, the new knee was loaded
    six days in a row in weeks 7-9 (a step-up with dumbbells, a split squat with
    dumbbells, step-downs, a goblet squat, a lunge), at efforts under the 8/10 the heavy
    rules count. Its strength work now comes on days apart, 48 hours between sessions for
    the same muscles (Garber 2011, applied here as a convention), while every strength
    week still holds a two-leg and a one-leg lift with a weight and a step-down. A
    step-down slipped in on the day after a knee day is caught; a bodyweight sit to stand
    on the next day is not."""
    doc = program("r17_helga.yaml")
    assert "knee_replacement_knee_work_apart" in {r["id"] for r in doc["safety"]["rules"]}
    days = _knee_days(doc)
    assert len(days) >= 3 * len(_weeks_of(doc, "strength")), "the knee is still trained"
    assert not any(b - a == 1 for a, b in itertools.pairwise(sorted(set(days)))), days
    for week in _weeks_of(doc, "strength"):
        held = [CATALOGUE[rx["id"]] for s in week["sessions"] for rx in s["exercises"]]
        loaded = {e.family for e in held if e.load_type == "external"}
        assert loaded & _KNEE_TWO_LEG and loaded & {"split_squat", "step_up"}, week["number"]
        assert any(e.family == "step_down" for e in held), week["number"]
    for rule in (
        "knee_replacement_loaded_knee_work",
        "knee_replacement_loaded_one_leg",
        "knee_replacement_step_downs",
    ):
        assert not any(rule in w for w in doc["warnings"]), rule
    assert verify(doc, CTX) == []
    # The day after a knee day: a bodyweight sit to stand passes, a step-down does not.
    week = _weeks_of(doc, "strength")[0]
    sessions = week["sessions"]
    i = next(
        i
        for i in range(len(sessions) - 1)
        if any(_loads_the_new_knee(rx) for rx in sessions[i]["exercises"])
        and DAYS.index(sessions[i + 1]["day"]) == DAYS.index(sessions[i]["day"]) + 1
    )
    after = sessions[i + 1]["exercises"]
    light = copy.deepcopy(after[-1])
    chair = CATALOGUE["sit_to_stand"]
    light.update(id=chair.id, name=chair.name, family=chair.family, role=chair.role)
    light.update(load_type=chair.load_type, equipment=list(chair.equipment), tags=[])
    after[-1] = light
    assert not any(v.rule == "knee_replacement_knee_work_apart" for v in verify(doc, CTX))
    down = CATALOGUE["lateral_step_down"]
    after[-1] = dict(light, id=down.id, name=down.name, family=down.family, role=down.role)
    found = verify(doc, CTX)
    assert any(v.rule == "knee_replacement_knee_work_apart" for v in found), [str(v) for v in found]


# --- Sofia (45, an anterior hip replacement 22 weeks ago): groin pain is the new hip's --


def test_groin_pain_after_a_hip_replacement_is_for_the_surgical_team_not_an_adductor_strain():
    """Sofia, 45, 22 weeks after an anterior hip replacement, wants to run again; her
    ache at the front of the hip, entered as groin pain, was read as a footballer's
    adductor groin: squeezes every week and notes about sprinting, long passing and
    kicking, and about the hip joint "as with osteoarthritis", in a hip that is a
    prosthesis. Groin pain after a hip replacement can be the iliopsoas tendon or the
    new joint itself, which the surgeon works up (Henderson & Lachiewicz 2012): the
    groin rules' adductor ladder and sport advice now leave hip replacements out, and a
    note tells her to have it checked by her surgical team or physiotherapist, and when.
    The note cannot be taken out unseen."""
    doc = program("r18_sofia.yaml")
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert "hip_replacement_groin_pain" in rules
    assert not {r for r in rules if r.startswith("groin_pain")}, rules
    families = {CATALOGUE[rx["id"]].family for _, rx in rows(doc)}
    assert not families & {"adductor_squeeze", "copenhagen"}, "no adductor-strain programme"
    notes = doc["safety"]["notes"]
    text = " ".join(notes).lower()
    for sport in ("sprinting", "kicking", "passing", "osteoarthritis"):
        assert sport not in text, sport
    note = next(n for n in notes if "surgical team" in n)
    assert "iliopsoas" in note and "same day" in note
    assert verify(doc, CTX) == []
    doc["safety"]["notes"] = [n for n in notes if n != note]
    found = [str(v) for v in verify(doc, CTX)]
    assert any("note missing" in v and note[:40] in v for v in found), found


# --- Walter (70, knee arthritis, 8 s on his weaker leg): one-leg work kept supported ------


def test_a_short_stance_at_70_keeps_one_leg_reaches_and_lunges_to_a_support():
    """Walter stood 8 s on his right leg: his stance work was at a counter, yet from week
    4 he did single-leg reaches, single-leg deadlifts and reverse lunges hands-free. Those
    are out now; split squats, both feet down, stay."""
    from gluteus.plugins.safety.rules import FREE_STANDING_SINGLE_LEG

    doc = program("r18_walter.yaml")
    assert "older_short_stance_single_leg_supported" in {r["id"] for r in doc["safety"]["rules"]}
    done = {rx["id"] for w in doc["weeks"] for s in w["sessions"] for rx in s["exercises"]}
    assert not done & set(FREE_STANDING_SINGLE_LEG), sorted(done & set(FREE_STANDING_SINGLE_LEG))
    assert "single_leg_stance_support" in done
    # The rule's list is the catalogue's free-standing one-leg work that moves the body
    # over the leg, split squats held in place aside: a new exercise of that kind cannot
    # slip past it.
    kinds = {
        e.id
        for e in CATALOGUE.values()
        if {"single_leg_excursion", "unsupported_balance"} <= set(e.tags)
        and (e.family != "split_squat" or "stepping_lunge" in e.tags)
    }
    assert kinds == set(FREE_STANDING_SINGLE_LEG)


# --- Ruth (58, osteopenia, runs 5 km three times a week): low bone density is not osteoporosis


def test_osteopenia_in_a_runner_keeps_impact_single_leg_work_and_loaded_lifts():
    """Ruth, 58, has osteopenia on a bone scan and no fracture, and runs 5 km three times
    a week. With only an osteoporosis option she was told "no high-impact work", had no
    jumps, nothing about her running, and no step-up, step-down or split squat in any
    strength week (the osteoporosis and knees-cave-in rules together left none). With the
    osteopenia precaution the spinal limits and loaded lifts stay, and impact and
    single-leg work come back."""
    from gluteus.plugins.safety.rules import (
        KNEE_ONE_LEG_LIFTS,
        OSTEOPOROSIS_HIP_LIFTS,
        OSTEOPOROSIS_LEG_LIFTS,
    )

    doc = program("r19_ruth.yaml")
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert {"osteopenia", "osteopenia_loaded_lifts"} <= rules
    assert "osteoporosis" not in rules
    bone = next(s for s in doc["person"] if s["state"] == "bone")
    assert bone["value"] == "osteopenia"
    words = " ".join(
        doc["safety"]["notes"] + [r["description"] for r in doc["safety"]["rules"]]
    ).lower()
    assert "high-impact" not in words and "no impact" not in words
    assert any("no reason to stop running" in n for n in doc["safety"]["notes"]), "running is fine"
    for week in doc["weeks"]:
        done = [rx for s in week["sessions"] for rx in s["exercises"]]
        loaded = {rx["family"] for rx in done if rx["load_type"] == "external"}
        families = {rx["family"] for rx in done}
        if week["phase"] == "Build strength" and not week["deload"]:
            assert loaded & set(OSTEOPOROSIS_HIP_LIFTS), (week["number"], loaded)
            assert loaded & set(OSTEOPOROSIS_LEG_LIFTS), (week["number"], loaded)
            assert families & {*KNEE_ONE_LEG_LIFTS, "step_down"}, (week["number"], families)
        if week["phase"] == "Power and function" and not week["deload"]:
            assert any("impact" in tags(rx) for rx in done), (week["number"], families)
    assert not doc["warnings"], doc["warnings"]
    assert verify(doc, CTX) == []
    # The note that her running is fine cannot be taken out unseen.
    notes = doc["safety"]["notes"]
    note = next(n for n in notes if "no reason to stop running" in n)
    doc["safety"]["notes"] = [n for n in notes if n != note]
    found = [str(v) for v in verify(doc, CTX)]
    assert any("note missing" in v and note[:40] in v for v in found), found


def test_osteoporosis_listed_beside_osteopenia_holds():
    """Both listed: the more careful bone state, osteoporosis, is the one read."""
    from gluteus.engine.profile import Profile
    from gluteus.plugins.safety.person import assess

    both = Profile(age=58, precautions=("osteopenia", "osteoporosis"))
    bone = next(a for a in assess(both, 1) if a.state == "bone")
    assert bone.value == "osteoporosis"


# --- Ruth again (58, osteopenia, a runner whose left knee caves in): split squats capped ---


def test_a_split_squat_on_a_knee_that_caves_in_stays_at_a_controlled_load():
    """Ruth's loaded split squat climbed to a 5-6RM load while her knee caves in, though
    her rules held single-leg squats and step-ups at effort 7: the cap counts split squats
    and lunges too, at effort 7/10 and a weight lifted 8 times or more, and a heavier one
    put in by hand is caught."""
    doc = program("r19_ruth.yaml")
    rows = [
        (w["number"], rx)
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if "single_leg_excursion" in CATALOGUE[rx["id"]].tags and rx["load_type"] == "external"
    ]
    assert rows, "a loaded split squat or lunge in her program"
    for number, rx in rows:
        effort = rx["effort"]
        assert effort["rpe"][1] <= 7 and effort["rm"][0] >= 8, (number, rx["id"], effort)
    assert verify(doc, CTX) == []
    number, rx = rows[0]
    rx["effort"] = {"rpe": [8, 8], "rm": [6, 6], "rir": [2, 2]}
    found = [v for v in verify(doc, CTX) if v.rule == "valgus_single_leg_load"]
    assert found, [str(v) for v in verify(doc, CTX)]


# --- Aisha (19, a sprinter with a full gym): a loaded lift goes on in the power weeks -----


def test_a_trained_sprinters_power_weeks_keep_a_lift_with_a_weight():
    """Aisha's barbell hip thrust became a band hip thrust in her power weeks, and her
    split squat was dropped: a trained person's power weeks keep a hip or leg lift with a
    weight, and a power week without one is caught."""
    doc = program("r20_aisha.yaml")
    kinds = {n: p["kind"] for p in doc["phases"] for n in p["weeks"]}
    power = [w for w in doc["weeks"] if kinds[w["number"]] == "power" and not w["deload"]]
    assert power

    def lifted(week: dict[str, Any]) -> bool:
        return any(
            rx["load_type"] == "external" and rx["family"] in LIFT_FAMILIES
            for s in week["sessions"]
            for rx in s["exercises"]
        )

    assert all(lifted(w) for w in power), [w["number"] for w in power if not lifted(w)]
    assert not [w for w in doc["warnings"] if "trained" in w.lower()]
    assert verify(doc, CTX) == []
    week = power[0]
    for s in week["sessions"]:
        s["exercises"] = [
            rx
            for rx in s["exercises"]
            if not (rx["load_type"] == "external" and rx["family"] in LIFT_FAMILIES)
        ]
        retime(s)
    found = [v for v in verify(doc, CTX) if v.rule == "trained_lifts_loaded"]
    assert found, [str(v) for v in verify(doc, CTX)]


LIFT_FAMILIES = {
    "deadlift", "hip_thrust", "bridge", "single_leg_rdl", "squat", "split_squat", "step_up",
    "sit_to_stand", "single_leg_squat",
}  # fmt: skip


# --- Review 21: low bone density's stop sign --------------------------------------------


def test_low_bone_density_carries_the_spinal_fracture_stop_sign_as_osteoporosis_does():
    # A runner of 58 with osteopenia was told no sign to stop for: a vertebral fracture
    # shows as sudden new back pain whether the density is low or very low.
    signs = program("r19_ruth.yaml")["safety"]["stop_signs"]
    assert any("new spinal fracture" in s for s in signs)


# --- Review 16, carried over: fast work after a warm-up ----------------------------------


def test_jumps_come_after_a_drill_for_the_same_muscles_in_their_session():
    """Josh, 14, knees caving in: a session opened with squat jumps, no warm-up before
    them. Fast work, as loaded work, comes after an activation drill for the muscles it
    uses (a convention; FIFA 11+, Soligard 2008, warms young players up before they jump),
    and jumps moved to the top of a session are caught."""
    doc = program("r16_josh.yaml")
    fast_sessions = 0
    for week in doc["weeks"]:
        for session in week["sessions"]:
            kinds = [CATALOGUE[rx["id"]] for rx in session["exercises"]]
            fast = [i for i, ex in enumerate(kinds) if ex.role == "power"]
            if not fast:
                continue
            fast_sessions += 1
            drills = [ex for ex in kinds[: fast[0]] if ex.role == "activation" and not ex.loaded]
            targets = set().union(*(set(kinds[i].targets) for i in fast))
            assert any(set(d.targets) & targets for d in drills), (week["number"], session["day"])
    assert fast_sessions, "his power weeks hold jumps"
    assert verify(doc, CTX) == []
    week = next(
        w
        for w in doc["weeks"]
        if any(CATALOGUE[rx["id"]].role == "power" for s in w["sessions"] for rx in s["exercises"])
    )
    session = next(
        s
        for s in week["sessions"]
        if any(CATALOGUE[rx["id"]].role == "power" for rx in s["exercises"])
    )
    jump = next(rx for rx in session["exercises"] if CATALOGUE[rx["id"]].role == "power")
    session["exercises"].remove(jump)
    session["exercises"].insert(0, jump)
    found = [str(v) for v in verify(doc, CTX)]
    assert any("fast exercise before any activation work" in v for v in found), found


def test_a_drill_does_not_come_back_once_its_movement_has_been_lifted_with_a_weight():
    """Nadia and Deepak learnt the hip hinge with a drill and then lifted it with a weight
    for weeks; the drill came back as a warm-up or trunk work in the last weeks (Deepak's
    weeks 11-12 after eight weeks of Romanian deadlifts). Once the hinge has been lifted
    with a weight, its teaching drills stay out of the blocks after."""
    for name in ("r16_nadia.yaml", "r16_deepak.yaml"):
        doc = program(name)
        lifted_in = None
        for week in doc["weeks"]:
            exs = [CATALOGUE[rx["id"]] for s in week["sessions"] for rx in s["exercises"]]
            if lifted_in is not None and week["block"] > lifted_in:
                drills = [e.id for e in exs if e.family == "hip_hinge" and not e.loaded]
                assert not drills, (name, week["number"], drills)
            if lifted_in is None and any(
                e.family == "deadlift" and e.load_type == "external" for e in exs
            ):
                lifted_in = week["block"]
        assert lifted_in is not None and lifted_in < doc["weeks"][-1]["block"], name


def test_the_blood_pressure_rules_words_agree_on_the_heaviest_load():
    """Deepak's program gave the hypertension rule's "nothing heavier than an 8-repetition
    load" beside the GP-first rule's "one you could lift 12 times or more": the general
    rule's words say a reading of 160/100 or more asks for lighter."""
    rules = {r["id"]: r["description"] for r in program("r16_deepak.yaml")["safety"]["rules"]}
    assert "12 times or more" in rules["blood_pressure_see_gp_first"]
    assert "lighter still with a reading of 160/100 or more" in rules["hypertension"]


def test_one_hinge_drill_note_naming_no_drill_the_person_may_not_do():
    """Beatrice, 79, osteoporosis and a back doing the glutes' work: two notes told her to
    learn the hinge with a drill, one with "hands on the hips" (a free-standing drill her
    balance rules leave out; she hinges at a wall). Both rules give one note now."""
    notes = program("r17_beatrice.yaml")["safety"]["notes"]
    hinge = [n for n in notes if "hip hinge" in n and "drill" in n]
    assert len(hinge) == 1, hinge
    assert "hands on the hips" not in hinge[0]


# --- Sport days: the day before a run, track session or match is kept light -------------

LEG_FAMILIES = {
    "squat", "split_squat", "single_leg_squat", "step_up", "step_down", "lateral_lunge",
    "curtsy_lunge", "deadlift", "single_leg_rdl", "kettlebell_swing", "hip_thrust", "bridge",
}  # fmt: skip


def _heavy_leg_work(rx: dict[str, Any]) -> bool:
    """Leg work dosed heavy, with a weight or without, a jump or hop, a swing, or a lunge
    or step-up driven up fast."""
    return bool({"impact", "ballistic", "fast_single_leg"} & tags(rx)) or (
        rx["family"] in LEG_FAMILIES and _heavy(rx)
    )


def _eves(doc: dict[str, Any]) -> set[str]:
    sport = doc["profile"]["schedule"]["sport_days"]
    return {DAYS[(DAYS.index(d) - 1) % 7] for d in sport}


def _on_eves(doc: dict[str, Any], eves: set[str], found: Any) -> list[tuple[int, str, str]]:
    """(week, day, exercise) of every row on an eve that ``found`` picks."""
    return [
        (w["number"], s["day"], rx["id"])
        for w in doc["weeks"]
        for s in w["sessions"]
        if s["day"] in eves
        for rx in s["exercises"]
        if found(rx)
    ]


@pytest.mark.parametrize("name", ["r22_ruth.yaml", "r22_aisha.yaml"])
def test_the_day_before_a_sport_day_holds_no_heavy_leg_work_or_jumps(name):
    """Ruth's split squat came on the Friday before her Saturday parkrun, and Aisha's gym
    days took no account of her track days: with the sport days given, the session the
    day before one holds no heavy leg work, no jumps and no swings, while the loaded
    lifts stay in the program (the program passes its own check)."""
    doc = program(name)
    eves = _eves(doc)
    assert eves & {s["day"] for s in doc["weeks"][0]["sessions"]}, "a training day is an eve"
    assert "sport_day_eve_light" in {r["id"] for r in doc["safety"]["rules"]}
    on_eves = _on_eves(doc, eves, _heavy_leg_work)
    assert on_eves == []
    loaded = [rx for _, rx in rows(doc) if rx["load_type"] == "external"]
    assert loaded, "the loaded lifts moved to other days, they were not dropped"
    assert verify(doc, CTX) == []


def test_sport_days_change_nothing_when_no_training_day_is_left_clear():
    """Sport on the day after every training day leaves the heavy work nowhere else to
    go: the rule does not apply (rather than the program losing its loaded lifts)."""
    from gluteus.engine.profile import Profile, Schedule
    from gluteus.engine.safety import program_safety

    person = Profile(age=40, schedule=Schedule(days=("mon", "wed", "fri")))
    every = attrs.evolve(
        person, schedule=attrs.evolve(person.schedule, sport_days=("tue", "thu", "sat"))
    )
    some = attrs.evolve(person, schedule=attrs.evolve(person.schedule, sport_days=("sat",)))
    assert every.schedule.before_sport == ("mon", "wed", "fri")
    assert some.schedule.before_sport == ("fri",)

    def rules(profile: Profile) -> set[str]:
        safety = program_safety(profile, (), CTX.registry, None)
        return {r.id for r in safety.everywhere.rules}

    assert "sport_day_eve_light" not in rules(person)
    assert "sport_day_eve_light" not in rules(every)
    assert "sport_day_eve_light" in rules(some)
    # ... and the person whose every training day is an eve is told why.
    assert "sport_day_eve_every_day" in rules(every)
    assert "sport_day_eve_every_day" not in rules(some) | rules(person)


# --- Walter again (70, knee OA, a short stance): supported leg work replaces what left ---


def test_a_short_stance_keeps_leg_work_with_a_support_three_sessions_a_week():
    """Leaving out Walter's free-standing single-leg work left strength sessions of a
    glute squeeze and a clamshell, as nothing asked for leg work in its place: every
    week but a deload has leg work that keeps a support (split squats with both feet
    down, squats, steps at a rail, wall squats) in 3 of his 4 sessions, and no session
    of the strength phase is a drill and one hip exercise."""
    from gluteus.plugins.safety.rules import SUPPORTED_LEG_WORK

    doc = program("r18_walter.yaml")
    assert verify(doc, CTX) == []
    assert "older_short_stance_knee_work" in {r["id"] for r in doc["safety"]["rules"]}
    assert not [w for w in doc["warnings"] if "older_short_stance" in w]
    strength = {n for p in doc["phases"] if p["kind"] == "strength" for n in p["weeks"]}
    for week in doc["weeks"]:
        if week["deload"]:
            continue
        holding = [
            s["day"]
            for s in week["sessions"]
            if any(rx["family"] in SUPPORTED_LEG_WORK for rx in s["exercises"])
        ]
        assert len(holding) >= 3, (week["number"], holding)
        if week["number"] in strength:
            for s in week["sessions"]:
                assert len(s["exercises"]) >= 3, (week["number"], s["day"], s["exercises"])


# --- Dennis (67, a golfer 9 months after a posterior hip replacement, dumbbells) ---------

NEW_HIP_HIP_LIFTS = {"bridge", "hip_thrust", "deadlift"}
NEW_HIP_LEG_LIFTS = {"sit_to_stand", "squat", "split_squat", "step_up", "mini_squat"}
MOVEMENT_PRECAUTIONS = {"hip_replacement_posterior", "hip_replacement_at_home"}


def _weeks_of(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    kinds = {n: p["kind"] for p in doc["phases"] for n in p["weeks"]}
    return [w for w in doc["weeks"] if kinds[w["number"]] == kind and not w["deload"]]


def _with_a_weight(week: dict[str, Any], families: set[str]) -> list[str]:
    return [
        rx["id"]
        for s in week["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["family"] in families
    ]


def test_a_surgeon_who_lifts_the_hip_precautions_lifts_them_in_the_program():
    """Dennis's surgeon had cleared golf, yet 9 months on his program kept the posterior
    precautions in every week (no twisting or pivoting, the hip bent 90 degrees at most,
    a raised seat only), as it could not know. Said in the profile, they go; the stages'
    and the load cap's rules, and no jumps or fast single-leg work, stay."""
    kept = program("r22_dennis.yaml")
    cleared = program("r22_dennis_cleared.yaml")
    kept_rules = {r["id"] for r in kept["safety"]["rules"]}
    rules = {r["id"] for r in cleared["safety"]["rules"]}
    assert MOVEMENT_PRECAUTIONS | {"raised_seat_sit_to_stand"} <= kept_rules
    assert not (MOVEMENT_PRECAUTIONS | {"raised_seat_sit_to_stand"}) & rules, rules
    assert {"hip_replacement_precautions_lifted", "joint_replacement_loads"} <= rules
    notes = " ".join(cleared["safety"]["notes"])
    assert "no twisting or pivoting" not in notes and "firm, high chair" not in notes
    assert any("dislocat" in s or "clunk" in s for s in cleared["safety"]["stop_signs"])
    for n, rx in rows(cleared):
        assert not tags(rx) & {"impact", "fast_single_leg"}, (n, rx["id"])
        if rx["load_type"] == "external":
            assert rx["effort"]["rm"][0] >= 8, (n, rx["id"], rx["effort"])
    assert verify(cleared, CTX) == []
    # What the lifted precautions allowed is no breach now; a hop still is.
    week = _weeks_of(cleared, "strength")[0]
    rx = week["sessions"][0]["exercises"][-1]
    for ex_id, rule in (("goblet_squat_dumbbell", None), ("forward_hop", "older_no_impact")):
        ex = CATALOGUE[ex_id]
        rx.update(id=ex.id, name=ex.name, family=ex.family, role=ex.role, cues=list(ex.cues))
        found = {v.rule for v in verify(cleared, CTX)}
        assert not found & (MOVEMENT_PRECAUTIONS | {"raised_seat_sit_to_stand"}), found
        assert rule is None or {rule, "hip_replacement_precautions_lifted"} <= found, found


def test_a_new_hip_with_dumbbells_lifts_a_weight_every_strength_week():
    """Dennis's dumbbells were never used in 10 weeks: no bridge, hip thrust or loaded
    lift. From 6 weeks after the operation, with a weight, each strength week holds a hip
    lift with it, and a leg lift where the precautions leave one (a sit to stand holding
    a weight needs an ordinary chair: with the precautions kept the program says it is
    left out); taking them out is caught."""
    kept = program("r22_dennis.yaml")
    cleared = program("r22_dennis_cleared.yaml")
    for doc in (kept, cleared):
        strength = _weeks_of(doc, "strength")
        assert strength
        for week in strength:
            assert _with_a_weight(week, NEW_HIP_HIP_LIFTS), week["number"]
        for week in _weeks_of(doc, "power"):
            assert _with_a_weight(week, NEW_HIP_HIP_LIFTS | NEW_HIP_LEG_LIFTS), week["number"]
    for week in _weeks_of(cleared, "strength"):
        assert _with_a_weight(week, NEW_HIP_LEG_LIFTS), week["number"]
    # Kept precautions leave no sit to stand with a weight (the raised seat is pushed up
    # from with both hands) and he has no step: a quarter squat holding a dumbbell at a
    # counter, the hip well under 90 degrees, is his leg lift with a weight.
    for week in _weeks_of(kept, "strength"):
        assert _with_a_weight(week, NEW_HIP_LEG_LIFTS), week["number"]
    assert not any("hip_replacement_loaded_lifts" in w for w in kept["warnings"])
    assert not any("hip_replacement_loaded_lifts" in w for w in cleared["warnings"])
    week = _weeks_of(cleared, "strength")[0]
    for s in week["sessions"]:
        s["exercises"] = [
            rx
            for rx in s["exercises"]
            if not (rx["load_type"] == "external" and rx["family"] in NEW_HIP_HIP_LIFTS)
        ]
        retime(s)
    found = [v for v in verify(cleared, CTX) if v.rule == "hip_replacement_loaded_lifts"]
    assert found, [str(v) for v in verify(cleared, CTX)]


def test_a_new_hips_outer_ache_is_trained_standing_first():
    """Dennis's 2/10 ache at the side of the operated hip came with a side-lying leg raise
    in all 30 sessions, which presses on the tendons there: the side of the hip is
    trained standing in every session, lying on the side waits for a block of that, and
    then comes once a session at most."""
    standing = {"standing_abduction_hold", "standing_hip_abduction"}
    for doc in (program("r22_dennis.yaml"), program("r22_dennis_cleared.yaml")):
        assert "hip_replacement_outer_hip" in {r["id"] for r in doc["safety"]["rules"]}
        assert not [w for w in doc["warnings"] if "hip_replacement_outer_hip" in w]
        first = doc["weeks"][0]["block"]
        for week in doc["weeks"]:
            for s in week["sessions"]:
                lying = [rx["id"] for rx in s["exercises"] if "lateral_hip_compression" in tags(rx)]
                assert {rx["family"] for rx in s["exercises"]} & standing, week["number"]
                assert len(lying) <= (0 if week["block"] == first else 1), (week["number"], lying)


def test_a_new_hip_kept_to_its_precautions_steps_up_at_a_rail_with_a_weight():
    """A posterior hip replacement 14 weeks on, precautions kept, with a step and
    dumbbells: the sit to stand holding a weight needs an ordinary chair and the
    free-standing loaded step-ups are left out, so the leg lift with a weight is a
    step-up with a hand on the rail or a quarter squat at a counter holding one, every
    strength week; nothing is left out."""
    doc = program("p10_thr_post55.yaml")
    assert "hip_replacement_loaded_lifts" in {r["id"] for r in doc["safety"]["rules"]}
    for week in _weeks_of(doc, "strength"):
        assert _with_a_weight(week, NEW_HIP_HIP_LIFTS), week["number"]
        assert _with_a_weight(week, NEW_HIP_LEG_LIFTS), week["number"]
    assert not [w for w in doc["warnings"] if "hip_replacement_loaded_lifts" in w]


# --- Priya (41, a lifter), Aisha and Ruth: trained people's loaded work -------------------

PRIYA_LIFTER = "r22_priya.yaml"  # 41, four years of lifting, knee and back ache 2/10
HIP_LIFTS = {"deadlift", "hip_thrust", "bridge", "single_leg_rdl"}
LEG_LIFTS = LIFT_FAMILIES - HIP_LIFTS


def _week_lifts(week: dict[str, Any]) -> list[dict[str, Any]]:
    """The strength lifts with a weight of ``week``."""
    return [
        rx
        for s in week["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["role"] == "strength"
    ]


def _heaviest_in(week: dict[str, Any], ids: Any = None) -> int | None:
    """The heaviest load (the lowest repetition maximum) of ``week``'s lifts (of ``ids``)."""
    rms = [
        rx["effort"]["rm"][0]
        for rx in _week_lifts(week)
        if rx["effort"]["rm"] and (ids is None or rx["id"] in ids)
    ]
    return min(rms) if rms else None


@pytest.mark.parametrize("name", [PRIYA_LIFTER, "r20_aisha.yaml", "r19_ruth.yaml"])
def test_the_power_weeks_keep_the_lifts_the_strength_weeks_loaded(name):
    """Priya's power weeks had one new barbell deadlift at 11RM, held moderate as a first
    load, where her hip thrust, split squat and Romanian deadlift had reached 8-11RM: the
    heaviest lift went from 8RM to 11RM outside a deload. Aisha's deadlift came the same
    way, and Ruth (osteopenia) had no hip lift with a weight in her power weeks. The
    power weeks keep a hip lift and a leg lift the strength weeks loaded, each going on
    from its load, and the heaviest lift does not step back."""
    doc = program(name)
    strength, power = _weeks_of(doc, "strength"), _weeks_of(doc, "power")
    assert strength and power
    last = {
        rx["id"]: rx["effort"]["rm"][0]
        for w in strength
        for rx in _week_lifts(w)
        if rx["effort"]["rm"]
    }
    for week in power:
        for families in (HIP_LIFTS, LEG_LIFTS):
            kept = [rx for rx in _week_lifts(week) if rx["family"] in families and rx["id"] in last]
            assert kept, (name, week["number"], sorted(families))
            for rx in kept:
                assert rx["effort"]["rm"][0] <= last[rx["id"]], (name, week["number"], rx["id"])
        heaviest = _heaviest_in(week)
        assert heaviest is not None and heaviest <= _heaviest_in(strength[-1]), (
            name,
            week["number"],
        )
        # No lift first lifted with a weight in the power weeks: its first block holds it
        # moderate (moderate_before_heavy), a step back from the lifts already built.
        new = [rx["id"] for rx in _week_lifts(week) if rx["id"] not in last]
        assert not new, (name, week["number"], new)


def test_a_trained_lifter_lifts_with_a_weight_from_the_first_weeks():
    """Priya (intermediate, pain 2/10) had three weeks with no weight at all: clamshells,
    side-lying raises and bodyweight lunges in 21-26 of her 50 minutes. A trained person
    with no pain of 4/10 or more has a hip lift and a leg lift with a light weight in every
    first-phase week, and a week without them is caught."""
    doc = program(PRIYA_LIFTER)
    assert "trained_lifts_from_the_start" in {r["id"] for r in doc["safety"]["rules"]}
    first = _weeks_of(doc, "activation")
    assert first
    for week in first:
        lifts = _week_lifts(week)
        assert {rx["family"] for rx in lifts} & HIP_LIFTS, week["number"]
        assert {rx["family"] for rx in lifts} & LEG_LIFTS, week["number"]
        # Light: the first phase's dose, well short of failure.
        assert all(max(rx["effort"]["rpe"]) <= 6 for rx in lifts), week["number"]
    # With lifts loaded in the first weeks, the strength weeks start heavier than a
    # first load (10RM or lighter), as a trained lifter's would.
    assert any(
        rx["effort"]["rm"] and rx["effort"]["rm"][0] < 13
        for rx in _week_lifts(_weeks_of(doc, "strength")[0])
    )
    assert verify(doc, CTX) == []
    week = first[0]
    for s in week["sessions"]:
        s["exercises"] = [rx for rx in s["exercises"] if rx not in _week_lifts(week)]
        retime(s)
    found = [v for v in verify(doc, CTX) if v.rule == "trained_lifts_from_the_start"]
    assert found, [str(v) for v in verify(doc, CTX)]


def test_an_untrained_persons_first_weeks_stay_without_weights():
    """The first weeks of a novice with the same profile keep their bodyweight and band
    work: the rule is for trained people."""
    data = gluteus.load_profile(next(FIXTURES.glob(f"review*/{PRIYA_LIFTER}")), plugins=PM)
    novice = gluteus.Profile.from_dict({**data.to_dict(), "experience": "novice"})
    doc = gluteus.generate(novice, plugins=PM).to_dict()
    assert "trained_lifts_from_the_start" not in {r["id"] for r in doc["safety"]["rules"]}
    assert not [rx["id"] for w in _weeks_of(doc, "activation") for rx in _week_lifts(w)]


def test_a_trained_person_with_tight_feeling_glutes_hinges_with_a_weight_every_strength_week():
    """Aisha, a sprinter whose hamstrings always feel tight and niggle after top-speed
    runs, had no Romanian deadlift in her strength weeks: her only hinge was a bodyweight
    single-leg one in the first weeks. A trained person with the tightness finding loads
    the hinge every strength week, and a week without it is caught."""
    doc = program("r20_aisha.yaml")
    assert "tightness_loaded_hinge" in {r["id"] for r in doc["safety"]["rules"]}
    hinges = {"deadlift", "single_leg_rdl"}
    strength = _weeks_of(doc, "strength")
    assert strength
    for week in strength:
        assert {rx["family"] for rx in _week_lifts(week)} & hinges, week["number"]
    assert verify(doc, CTX) == []
    week = strength[0]
    for s in week["sessions"]:
        s["exercises"] = [
            rx
            for rx in s["exercises"]
            if not (rx["family"] in hinges and rx["load_type"] == "external")
        ]
        retime(s)
    found = [v for v in verify(doc, CTX) if v.rule == "tightness_loaded_hinge"]
    assert found, [str(v) for v in verify(doc, CTX)]


def test_the_weeks_after_a_joint_replacement_keep_their_own_return_to_weights():
    """A trained tennis player 8 weeks after an anterior hip replacement: the light lifts
    of a trained person's first weeks wait for the replacement's stages (the 12 weeks
    after it hold their own return to loads); a Romanian deadlift twice a week came in
    weeks 1-3 (9-11 weeks after surgery) before the rule said so."""
    doc = program("n09_anterior_thr_8wk_tennis.yaml")
    first = _weeks_of(doc, "activation")
    assert first
    # The hip replacement's own rule may ask a light lift from 6 weeks (a step-up at a
    # rail holding a dumbbell); the trained person's first-weeks rule asks none here.
    numbers = {w["number"] for w in first}
    for rule in doc["safety"]["rules"]:
        if rule["id"] == "trained_lifts_from_the_start":
            assert not numbers & set(rule["weeks"] or numbers), rule["weeks"]
    assert not [rx["id"] for w in first for rx in _week_lifts(w) if rx["family"] == "deadlift"]
    assert not [w for w in doc["warnings"] if "trained_lifts_from_the_start" in w]


# --- Review 22: a deep buttock ache worse on sitting -------------------------------------

HINGES = {"deadlift", "single_leg_rdl", "kettlebell_swing"}


def test_a_deep_buttock_ache_on_sitting_is_named_and_hinges_come_on_days_apart():
    """Kostas, 45, an advanced lifter whose deep right buttock ache is worse after half an
    hour's sitting: he hinged in all four sessions of his first week, and nothing said the
    ache may be the hamstring tendon at the sit bone or the back, or about sitting. The
    program names both with the signs that call for a physiotherapist, gives sitting
    advice, and keeps hinges off consecutive days; a hinge written in the day after
    another is caught."""
    doc = program("r23_kostas.yaml")
    note = next(n for n in doc["safety"]["notes"] if "sit bone" in n)
    assert "physiotherapist" in note and "sitting" in note and "down the leg" in note
    for week in doc["weeks"]:
        hinged = [
            DAYS.index(s["day"])
            for s in week["sessions"]
            if any(rx["family"] in HINGES for rx in s["exercises"])
        ]
        assert not any(b - a == 1 for a, b in itertools.pairwise(hinged)), (week["number"], hinged)
    # Spacing the hinges moves them; it does not cut the rest of his lifting (counting
    # the hip airplane as a hinge had left him 9 weighted sets a week of 15; about 10 a
    # week per muscle is where a trained person's gains level off, Schoenfeld 2017).
    for week in _weeks_of(doc, "strength"):
        assert _weighted_sets(week) >= 10, week["number"]
    assert verify(doc, CTX) == []
    # A hinge day followed by a training day, in whichever week has one.
    by_day, hinge_day, next_day = next(
        (by_day, s["day"], DAYS[DAYS.index(s["day"]) + 1])
        for week in doc["weeks"]
        for by_day in [{s["day"]: s for s in week["sessions"]}]
        for s in week["sessions"]
        if any(rx["family"] in HINGES for rx in s["exercises"])
        and s["day"] != DAYS[-1]
        and DAYS[DAYS.index(s["day"]) + 1] in by_day
    )
    rx = next(rx for rx in by_day[hinge_day]["exercises"] if rx["family"] in HINGES)
    by_day[next_day]["exercises"].append(dict(rx))
    found = [v for v in verify(doc, CTX) if v.rule == "deep_buttock_ache_checked"]
    assert found, [str(v) for v in verify(doc, CTX)]


# --- Review 22: a young athlete learns to land from the first weeks ----------------------


def test_a_young_athlete_whose_knees_cave_in_practises_landing_from_the_first_weeks():
    """Jayden, 16, basketball, both knees caving in: his only landing work was squat jumps
    once a week from week 6. Landing practice (a snap-down held on two feet) comes every
    week from the first, and goes on beside the power weeks' jumps (Webster & Hewett
    2018; FIFA 11+)."""
    doc = program("r23_jayden.yaml")
    assert "youth_landing_from_the_start" in {r["id"] for r in doc["safety"]["rules"]}
    for week in doc["weeks"]:
        if week["deload"]:
            continue
        families = {rx["family"] for s in week["sessions"] for rx in s["exercises"]}
        assert "snap_down" in families, week["number"]
    assert not [w for w in doc["warnings"] if "youth_landing_from_the_start" in w]


def test_a_young_athlete_with_dumbbells_lifts_them_every_strength_week():
    """Jayden had dumbbells and a kettlebell and lifted no weight in 8 weeks: young people
    gain strength safely from supervised lifting at moderate loads on 2-3 days a week
    (Lloyd 2014), so each strength week holds a hip lift and a leg lift with a weight on
    two days, each power week both, no heavier than the youth rule's 8RM."""
    doc = program("r23_jayden.yaml")
    assert "youth_loaded_lifts" in {r["id"] for r in doc["safety"]["rules"]}
    for week in _weeks_of(doc, "strength") + _weeks_of(doc, "power"):
        lifts = _week_lifts(week)
        assert {rx["family"] for rx in lifts} & set(HIP_LIFTS), week["number"]
        assert {rx["family"] for rx in lifts} & set(LEG_LIFTS), week["number"]
        for rx in lifts:
            assert rx["effort"]["rm"] is None or rx["effort"]["rm"][0] >= 8, rx["id"]
    # Two days a week in the strength weeks (Lloyd 2014: 2-3 days), not once.
    for week in _weeks_of(doc, "strength"):
        assert len(_days_lifting(week, set(HIP_LIFTS))) >= 2, week["number"]
        assert len(_days_lifting(week, set(LEG_LIFTS))) >= 2, week["number"]
    assert not [w for w in doc["warnings"] if "youth_loaded_lifts" in w]


def test_a_heavy_lift_put_on_the_day_before_parkrun_is_caught_and_a_moderate_one_is_not():
    """Ruth's heavy loaded lift moved by hand to the Friday before her parkrun is caught,
    naming the rule; the same lift at a moderate dose (12RM, effort 6-7/10) there is not
    this rule's business: the 48 hours are about hard sessions, not any weight."""
    doc = program("r22_ruth.yaml")
    eves = _eves(doc)
    week = next(
        w
        for w in doc["weeks"]
        if any(
            rx["load_type"] == "external" and rx["family"] in LEG_FAMILIES and _heavy(rx)
            for s in w["sessions"]
            for rx in s["exercises"]
        )
    )
    lift = next(
        rx
        for s in week["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["family"] in LEG_FAMILIES and _heavy(rx)
    )
    eve = next(s for s in week["sessions"] if s["day"] in eves)
    eve["exercises"][-1] = copy.deepcopy(lift)
    found = [v for v in verify(doc, CTX) if v.rule == "sport_day_eve_light"]
    assert found and all(v.day in eves for v in found), [str(v) for v in verify(doc, CTX)]
    eve["exercises"][-1]["effort"] = {"rpe": [6, 7], "rm": [12, 12], "rir": [3, 4]}
    assert [str(v) for v in verify(doc, CTX) if v.rule == "sport_day_eve_light"] == []


# --- Lena (34, an advanced lifter, 5-a-side Tue and Thu): the day before football holds
# moderate lifts, not nothing ---------------------------------------------------------------


def test_an_advanced_lifter_lifts_moderate_weights_the_day_before_football():
    """Lena's Monday and Wednesday come the day before her 5-a-side, and the rule for
    the day before a sport day left every weight off them: 10-minute sessions of
    clamshells, about 6 weighted sets a week for an advanced lifter. Garber 2011's 48
    hours are about hard sessions: those days hold no heavy leg lift, jump or swing,
    while moderate lifts stay, so every strength week lifts weights on two days or
    more and the heavy lifts still come on the day clear of sport."""
    doc = program("r23_lena.yaml")
    eves = _eves(doc)
    assert eves == {"mon", "wed"}
    on_eves = _on_eves(doc, eves, _heavy_leg_work)
    assert on_eves == []
    strength = _weeks_of(doc, "strength")
    assert strength
    for week in strength:
        lifts = [
            (s["day"], rx)
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["load_type"] == "external" and rx["family"] in LEG_FAMILIES
        ]
        assert len({day for day, _ in lifts} & eves) >= 1, week["number"]
        assert len({day for day, _ in lifts}) >= 2, week["number"]
        assert sum(rx["sets"] for _, rx in lifts) >= 12, week["number"]
    heavy_days = {
        s["day"]
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["family"] in LEG_FAMILIES and _heavy(rx)
    }
    assert heavy_days and not heavy_days & eves, heavy_days
    assert verify(doc, CTX) == []


def test_a_sprinters_heavy_lifts_come_on_her_track_days_or_the_day_after():
    """Aisha's track days are Mon, Tue, Thu and Fri, and she lifts Mon, Tue, Thu and Sat:
    the heavy lifts keep off Monday and Thursday (the days before a track session) and
    so fall on Tuesday, a track day, and Saturday, the day after one (the high-low
    model), on two days in some week rather than nowhere."""
    doc = program("r22_aisha.yaml")
    eves = _eves(doc)
    assert eves & {"mon", "tue", "thu", "sat"} == {"mon", "thu"}
    heavy: dict[int, set[str]] = {}
    for w in doc["weeks"]:
        for s in w["sessions"]:
            for rx in s["exercises"]:
                if rx["load_type"] == "external" and rx["family"] in LEG_FAMILIES and _heavy(rx):
                    heavy.setdefault(w["number"], set()).add(s["day"])
    assert heavy, "some week lifts heavy"
    assert not set().union(*heavy.values()) & eves, heavy
    assert any(len(days) >= 2 for days in heavy.values()), heavy


# --- Ruth (58, a runner whose left knee caves in) and Walter (70, painful arthritic knees):
# single-leg squats kept fresh for the run, and apart on a painful knee ----------------------


def test_a_knee_that_caves_in_does_no_single_leg_squats_the_day_before_parkrun():
    """Ruth's Friday before her Saturday parkrun held 3 x 12 single-leg squats on the knee
    that caves in: the single-leg squats and step-downs go on other days, and her
    single-leg knee work and loaded lifts stay in the program."""
    doc = program("r22_ruth.yaml")
    assert "valgus_sport_day_eve" in {r["id"] for r in doc["safety"]["rules"]}
    eves = _eves(doc)
    assert eves == {"fri"}
    squats = [
        (w["number"], s["day"])
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["family"] in {"single_leg_squat", "step_down"}
    ]
    assert squats, "the single-leg squats moved, they were not dropped"
    assert not [(n, day) for n, day in squats if day in eves], squats
    for week in _weeks_of(doc, "strength"):
        days = {
            s["day"]
            for s in week["sessions"]
            for rx in s["exercises"]
            if rx["load_type"] == "external" and rx["family"] in LEG_FAMILIES
        }
        assert len(days) >= 2, (week["number"], days)


def test_a_painful_knee_does_not_repeat_a_single_leg_squat_the_next_day():
    """Walter (knee pain 4/10, arthritic knees) had the single-leg wall squat on Thursday
    and Friday in weeks 11-12: the same single-leg squat, step-up or step-down never
    comes on two days in a row, within a week or across its end."""
    doc = program("r18_walter.yaml")
    assert "knee_pain_same_knee_work_apart" in {r["id"] for r in doc["safety"]["rules"]}
    done: dict[str, set[int]] = {}
    for w in doc["weeks"]:
        for s in w["sessions"]:
            for rx in s["exercises"]:
                if rx["family"] in {"single_leg_squat", "step_up", "step_down"}:
                    day = (w["number"] - 1) * 7 + DAYS.index(s["day"])
                    done.setdefault(rx["id"], set()).add(day)
    assert done, "he does single-leg knee work"
    for ex, days in done.items():
        assert not [d for d in days if d + 1 in days], (ex, sorted(days))


# --- Review 23: a new hip's abductors, its weaker side, and a leg lift within its
# precautions ----------------------------------------------------------------------------

FRANK = "r23_frank.yaml"  # 72, posterior hip replacement 16 weeks ago, right pelvis drops


def test_a_pelvis_dropping_on_a_new_hip_names_that_side_and_trains_its_abductors_each_session():
    """Frank, 72, 16 weeks after a posterior hip replacement, precautions lifted: the
    pelvis drops standing on the right and he stands 6 s on the right, 14 s on the left.
    8 s apart is within the stance test's error, so no side was named (no extra right
    set anywhere), and standing abduction came once a week. The one-sided drop names the
    right side; the abductors are trained standing every week, and from the strength
    phase in every session."""
    doc = program(FRANK)
    function = next(f for f in doc["findings"] if f["issue"] == "function")
    assert function["weaker_side"] == "right"
    extra = {rx["extra"]["side"] for _, rx in rows(doc) if rx.get("extra")}
    assert extra == {"right"}
    assert "hip_replacement_abductors" in {r["id"] for r in doc["safety"]["rules"]}
    for w in doc["weeks"]:
        families = [{rx["family"] for rx in s["exercises"]} for s in w["sessions"]]
        assert any(f & ABDUCTION_WORK for f in families), w["number"]
        if w["phase"] != "Activate and control":
            assert all(f & ABDUCTION_WORK for f in families), w["number"]
    # With dumbbells and no band, the note says what would load the leg lifts.
    assert "long_band" in " ".join(doc["safety"]["notes"])
    assert not [w for w in doc["warnings"] if "hip_replacement_abductors" in w]
    assert verify(doc, CTX) == []


def test_the_precautions_lifted_bring_no_raised_seat_rule_at_16_weeks():
    """Frank's raised seat in week 1 was the sit-to-stand ladder's first rung, not a rule:
    with the precautions lifted and past 12 weeks neither raised-seat rule holds."""
    doc = program(FRANK)
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert not rules & {"raised_seat_sit_to_stand", "raised_seat_after_replacement"}
    notes = " ".join(doc["safety"]["notes"])
    assert "firm, high chair" not in notes


def test_a_new_hips_outer_ache_is_what_the_person_summary_says():
    """Dennis's summary said "outer hip pain: none" while the rule training his outer hip
    standing first applied: the person state now says it is outer hip pain after a hip
    replacement, and that rule holds exactly where the state says so."""
    doc = program("r22_dennis.yaml")
    state = next(p for p in doc["person"] if p["state"] == "outer_hip")
    assert state["value"] == "after_hip_replacement", state
    assert "2/10" in state["why"]
    rule = next(r for r in doc["safety"]["rules"] if r["id"] == "hip_replacement_outer_hip")
    assert set(rule["weeks"] or state["weeks"]) == set(state["weeks"])
    # Frank has no hip pain: neither the state nor the rule.
    frank = program(FRANK)
    assert next(p for p in frank["person"] if p["state"] == "outer_hip")["value"] == "none"
    assert "hip_replacement_outer_hip" not in {r["id"] for r in frank["safety"]["rules"]}


def test_a_new_hip_with_its_precautions_kept_lifts_a_weight_with_its_legs_at_a_counter():
    """Dennis, precautions kept, dumbbells and no step: a sit to stand holding a weight
    needs an ordinary chair, so he had 2-4 loaded sets a week. A quarter squat holding a
    dumbbell at a counter keeps the hip well under 90 degrees and needs no chair; taking
    it out of a strength week is caught."""
    doc = program("r22_dennis.yaml")
    quarter = [(n, rx) for n, rx in rows(doc) if rx["family"] == "mini_squat"]
    assert quarter
    for _, rx in quarter:
        assert rx["load_type"] == "external"
        assert not tags(rx) & {"hip_flexion_past_90", "chair_rise"}
    assert verify(doc, CTX) == []
    week = next(w for w in _weeks_of(doc, "strength") if not w["deload"])
    for s in week["sessions"]:
        s["exercises"] = [
            rx
            for rx in s["exercises"]
            if not (rx["load_type"] == "external" and rx["family"] in NEW_HIP_LEG_LIFTS)
        ]
        retime(s)
    found = [v for v in verify(doc, CTX) if v.rule == "hip_replacement_loaded_lifts"]
    assert found, [str(v) for v in verify(doc, CTX)]


# --- Review 23: strength kept beside power, and bone loading ---------------------------


def _days_lifting(week: dict[str, Any], families: set[str]) -> list[str]:
    """The days of ``week`` that hold a lift of ``families`` with a weight."""
    return [
        s["day"]
        for s in week["sessions"]
        if any(rx["load_type"] == "external" and rx["family"] in families for rx in s["exercises"])
    ]


def _weighted_sets(week: dict[str, Any]) -> int:
    return sum(
        rx["sets"]
        for s in week["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["family"] in HIP_LIFTS | LEG_LIFTS
    )


@pytest.mark.parametrize("name", ["r23_kostas.yaml", "r22_aisha.yaml", "r22_priya.yaml"])
def test_a_trained_persons_power_weeks_keep_both_lifts_on_two_days(name):
    """Kostas, an advanced lifter training 4 x 60 min: his power weeks kept a deadlift and
    a single-leg squat on Tuesday only, his weighted sets falling from 15 a week to 6, and
    Thursday and Friday were clamshells and hip airplanes (a sprinter and a lifter too).
    Strength goes on beside power (ACSM 2009): every power week holds a hip lift and a
    leg lift with a weight, the leg lift on two days, and the weighted work stays at
    least half that of the last strength week."""
    doc = program(name)
    power = _weeks_of(doc, "power")
    strength = _weeks_of(doc, "strength")
    assert power and strength
    for week in power:
        assert _days_lifting(week, HIP_LIFTS), week["number"]
        assert len(_days_lifting(week, LEG_LIFTS)) >= 2, week["number"]
        assert 2 * _weighted_sets(week) >= _weighted_sets(strength[-1]), week["number"]
    assert not [w for w in doc["warnings"] if "trained_lifts_loaded" in w]


def _lifts_on_one_day(week: dict[str, Any], families: set[str]) -> None:
    """Take ``week``'s lifts with a weight of ``families`` out of every day but the first
    that held one."""
    first = _days_lifting(week, families)[0]
    for s in week["sessions"]:
        if s["day"] != first:
            s["exercises"] = [
                rx
                for rx in s["exercises"]
                if not (rx["load_type"] == "external" and rx["family"] in families)
            ]
            retime(s)


def test_a_power_week_with_its_lifts_on_one_day_is_caught():
    """``gluteus check`` finds a power week whose leg lifts with a weight were all put on
    one day."""
    doc = program("r23_kostas.yaml")
    assert verify(doc, CTX) == []
    _lifts_on_one_day(_weeks_of(doc, "power")[0], LEG_LIFTS)
    found = [v for v in verify(doc, CTX) if v.rule == "trained_lifts_loaded"]
    assert found, [str(v) for v in verify(doc, CTX)]


BONE_HIP = {"deadlift", "hip_thrust", "bridge"}
BONE_LEG = {"sit_to_stand", "squat", "split_squat", "step_up"}


def test_low_bone_density_lifts_light_weights_from_the_first_weeks_and_twice_a_week():
    """Maureen, 50, osteopenia, knee arthritis 3/10, a novice with dumbbells at home: no
    weight in weeks 1-3, then a goblet squat and a Romanian deadlift once a week each (4
    weighted sets a week). LIFTMOR (Watson 2018) started with light-load familiarisation
    and loaded the lifts twice a week: her first weeks now hold a hip and a leg lift with
    a light weight, and each strength week a hip lift and a leg lift with a weight on two
    days each."""
    doc = program("r23_maureen.yaml")
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert {"bone_lifts_from_the_start", "osteopenia_loaded_lifts"} <= rules
    first = _weeks_of(doc, "activation")
    strength = _weeks_of(doc, "strength")
    assert first and strength
    for week in first:
        assert _days_lifting(week, BONE_HIP) and _days_lifting(week, BONE_LEG), week["number"]
        for rx in _week_lifts(week):
            assert rx["effort"]["rpe"][1] <= 6, (week["number"], rx["id"], rx["effort"])
    # ... and the power weeks keep both, twice a week (they fell to 2 sets and one
    # step-up a week in her weeks 11-12).
    power = [w for w in _weeks_of(doc, "power") if not w["deload"]]
    assert power
    for week in strength + power:
        assert len(_days_lifting(week, BONE_HIP)) >= 2, week["number"]
        assert len(_days_lifting(week, BONE_LEG)) >= 2, week["number"]
    assert not [w for w in doc["warnings"] if "bone_lifts" in w or "osteopenia" in w]
    assert verify(doc, CTX) == []


def test_a_low_bone_density_strength_week_lifting_the_hip_once_is_caught():
    """``gluteus check`` finds a strength week whose hip lifts with a weight were all put
    on one day."""
    doc = program("r23_maureen.yaml")
    _lifts_on_one_day(_weeks_of(doc, "strength")[0], BONE_HIP)
    found = [v for v in verify(doc, CTX) if v.rule == "osteopenia_loaded_lifts"]
    assert found, [str(v) for v in verify(doc, CTX)]


def test_a_novices_lift_gains_a_set_once_its_load_stops_rising():
    """Maureen's goblet squat and Romanian deadlift stood at 2 x 8 at a 10-11RM load for
    the last weeks of her strength block: the novice's heaviest load, reached, and
    nothing else asked more. In the strength weeks a lift at its heaviest load adds a
    set the week after (ACSM 2009 progresses volume as well as load): each loading week
    of a strength block asks more of a lift than the week before, a heavier load or a
    set more."""
    doc = program("r23_maureen.yaml")
    kinds = {n: p["kind"] for p in doc["phases"] for n in p["weeks"]}
    blocks: dict[int, list[dict[str, Any]]] = {}
    for w in doc["weeks"]:
        if kinds[w["number"]] == "strength" and not w["deload"]:
            blocks.setdefault(w["block"], []).append(w)
    stood = 0
    for weeks in blocks.values():
        for before, after in itertools.pairwise(weeks):
            was = {rx["id"]: rx for rx in _week_lifts(before) if rx["effort"]["rm"]}
            for rx in _week_lifts(after):
                old = was.get(rx["id"])
                if old is None or not rx["effort"]["rm"]:
                    continue
                stood += 1
                heavier = rx["effort"]["rm"][0] < old["effort"]["rm"][0]
                assert heavier or rx["sets"] > old["sets"], (after["number"], rx["id"])
    assert stood, "the lifts go on from week to week"


# --- Review 23 and 24: the operated leg of a joint replacement -----------------------------


def test_the_operated_leg_is_trained_as_the_weaker_one_when_no_test_names_a_side():
    """Margaret, 68, a right knee replacement 20 weeks ago, stance 16 s left and 8 s right
    (a gap within the test's error): no side was named, so her operated leg got no extra
    work. With ``operated_side: right`` the function finding names the right leg, and
    its single-leg work carries an extra right set (the operated leg stays weaker for a
    year or more: Mizner 2005, recalled)."""
    doc = program("r24_margaret.yaml")
    findings = doc["findings"]
    function = next(f for f in findings if f["issue"] == "function")
    assert function["weaker_side"] == "right"
    assert any("operated right leg" in n for n in function["notes"])
    for week in _weeks_of(doc, "strength"):
        extra = [rx for s in week["sessions"] for rx in s["exercises"] if rx.get("extra")]
        assert extra and all(rx["extra"]["side"] == "right" for rx in extra), week["number"]
    assert verify(doc, CTX) == []


def test_a_weaker_side_that_was_not_operated_on_is_named_with_a_check():
    """Pat, 66, a right hip replacement, her pelvis dropping standing on the left: the
    test wins and the left is trained as the weaker side, but the program said the drop
    was "expected after a hip replacement". A weakness of the side not operated on is
    not the operation's, and the program says to have that side checked."""
    doc = program("r25_pat.yaml")
    function = next(f for f in doc["findings"] if f["issue"] == "function")
    assert function["weaker_side"] == "left"
    note = next(n for n in function["notes"] if "not the operated" in n)
    assert "left side is trained as the weaker" in note and "checked" in note


KNEE_ONE_LEG = {"split_squat", "step_up", "step_down", "single_leg_squat"}
KNEE_ONE_LEG |= {"lateral_lunge", "curtsy_lunge"}


def test_a_new_knee_does_at_most_two_one_leg_exercises_a_session():
    """Susan, 61, a right knee replacement 9 months ago: her Saturdays of weeks 3-4 held a
    reverse lunge, a step-up with a dumbbell and a step-down, 9-10 sets on the new knee,
    after 3 a week before. At most two one-leg knee exercises a session; a third written
    in is caught."""
    doc = program("r25_susan.yaml")
    for week in doc["weeks"]:
        for s in week["sessions"]:
            one_leg = [rx["id"] for rx in s["exercises"] if rx["family"] in KNEE_ONE_LEG]
            assert len(one_leg) <= 2, (week["number"], s["day"], one_leg)
    assert verify(doc, CTX) == []
    session = next(
        s
        for w in doc["weeks"]
        for s in w["sessions"]
        if sum(rx["family"] in KNEE_ONE_LEG for rx in s["exercises"]) == 2
    )
    extra = dict(next(rx for rx in session["exercises"] if rx["family"] in KNEE_ONE_LEG))
    extra.update(id="lateral_lunge", family="lateral_lunge", name=CATALOGUE["lateral_lunge"].name)
    session["exercises"].append(extra)
    found = [v for v in verify(doc, CTX) if v.rule == "knee_replacement_knee_work_apart"]
    assert found, [str(v) for v in verify(doc, CTX)]


# --- Review 22: the activation weeks hold a training dose ---------------------------------


@functools.cache
def _bundled(name: str) -> str:
    path = Path(__file__).parent.parent / "profiles" / name
    return json.dumps(
        gluteus.generate(gluteus.load_profile(path, plugins=PM), plugins=PM).to_dict()
    )


def _an_issue_at_its_cap(doc: dict[str, Any], week: dict[str, Any]) -> bool:
    """Some issue trained in ``week`` has its weekly hard sets at its cap (the
    planner's ceiling, demands.cap_sets), so the week could hold no more of its work."""
    from gluteus.engine.demands import CAPPED_ROLES, cap_sets

    phase = next(p["kind"] for p in doc["phases"] if week["number"] in p["weeks"])
    sets: dict[str, int] = {}
    for s in week["sessions"]:
        for rx in s["exercises"]:
            if rx["role"] in CAPPED_ROLES:
                for issue in rx["issues"]:
                    sets[issue] = sets.get(issue, 0) + rx["sets"]
    experience = doc["profile"]["experience"]
    # An issue's priority is its severity, a focus issue at least 2 (demands.priority_of).
    return any(
        sets.get(f["issue"], 0)
        >= cap_sets(max(f["severity"], 2 if f["focus"] else 1), phase, experience)
        for f in doc["findings"]
        if f["severity"] or f["focus"]
    )


@pytest.mark.parametrize("name", ["r23_jayden.yaml", "back.yaml", "pregnancy_t3_pgp.yaml"])
def test_the_activation_weeks_hold_a_training_dose(name):
    """Jayden (16, basketball, 45-minute sessions) had 11 minutes of drills in weeks 1-2,
    Tomasz (low back, 25 minutes) 4-5 minutes, a pregnant runner with pelvic girdle pain
    (30 minutes) 6-8: no training dose. A session of the activation weeks aims at two
    thirds of its minutes of bodyweight and band work for the issues found, where the
    caps and rules leave room: the first block's longest week spends at least a quarter
    of its minutes on it (they spent 5-13%), and no weight in those weeks unless a rule
    asks for one."""
    from gluteus.engine.demands import FILL_ROLES

    doc = json.loads(
        _bundled(name) if name in ("back.yaml", "pregnancy_t3_pgp.yaml") else _generated(name)
    )
    minutes = doc["profile"]["schedule"]["minutes_per_session"]
    first = [w for w in doc["weeks"] if w["phase"] == "Activate and control"]
    assert first
    longest = max(first, key=lambda w: sum(s["minutes"] for s in w["sessions"]))
    work = sum(
        rx["minutes"]
        for s in longest["sessions"]
        for rx in s["exercises"]
        if rx["role"] in FILL_ROLES
    )
    # Where the caps leave room: an issue whose weekly hard sets reach its cap takes no
    # more (Jayden's knees; the chair rises that filled past it are not his work now).
    assert work >= minutes * len(longest["sessions"]) / 4 or _an_issue_at_its_cap(doc, longest), (
        longest["number"],
        work,
    )
    rules = {r["id"] for r in doc["safety"]["rules"]}
    if not rules & {"trained_lifts_from_the_start", "bone_lifts_from_the_start"}:
        for _, rx in rows(doc, {w["number"] for w in first}):
            assert rx["load_type"] != "external", rx["id"]


def test_the_activation_weeks_fill_with_the_top_of_the_window_not_its_supported_versions():
    """The first fill of Jayden's weeks 1-2 was abduction holding a chair in every
    session, heel and toe raises at a counter and sit to stands: a falls programme for a
    16-year-old basketball player. The work filling the first weeks is the top of the
    phase's level window (level 2 for a novice: a band walk, a split squat, a sit to
    stand with the arms crossed), where nothing keeps him from it."""
    from gluteus.engine.demands import FILL_ROLES

    doc = program("r23_jayden.yaml")
    first = {w["number"] for w in doc["weeks"] if w["phase"] == "Activate and control"}
    work = [rx for _, rx in rows(doc, first) if rx["role"] in FILL_ROLES]
    assert work
    assert all(CATALOGUE[rx["id"]].level == 2 for rx in work), sorted({rx["id"] for rx in work})


# --- Slow-lowering work kept off the day before a sport day; balance practised at home ----


def _slow_lowering(rx: dict[str, Any]) -> bool:
    """Slow-lowering (eccentric) work, or the Copenhagen adduction: soreness for 1-3 days."""
    return rx["role"] == "eccentric" or rx["family"] == "copenhagen"


@pytest.mark.parametrize("name", ["r26_tomas.yaml", "r22_aisha.yaml", "r23_lena.yaml"])
def test_the_day_before_a_sport_day_holds_no_slow_lowering_work(name):
    """Tomas (19, footballer, match Saturday) had weighted slow-lowering hip thrusts and
    Copenhagen adductions at 7-8/10 on Fridays, a sprinter slow-lowering work the day
    before a track session, a lifter the day before 5-a-side: their soreness lasts 24-72
    hours (Ishøi 2016), into the sport. The day before a sport day holds none, while it
    still holds lifts with a weight at a moderate dose (the eves are not emptied), the
    footballer's groin keeps its Copenhagen on other days, and the program passes its
    check."""
    doc = program(name)
    eves = _eves(doc)
    assert "sport_day_eve_light" in {r["id"] for r in doc["safety"]["rules"]}
    on_eves = _on_eves(doc, eves, _slow_lowering)
    assert on_eves == []
    eve_lifts = [
        rx
        for w in doc["weeks"]
        for s in w["sessions"]
        if s["day"] in eves
        for rx in s["exercises"]
        if rx["load_type"] == "external"
    ]
    assert eve_lifts and not [rx["id"] for rx in eve_lifts if _heavy(rx)]
    if "groin_pain_adductor_strength" in {r["id"] for r in doc["safety"]["rules"]}:
        assert [rx for _, rx in rows(doc) if rx["family"] == "copenhagen"], "moved, not dropped"
    assert any("slow-lowering" in n for n in doc["safety"]["notes"])
    assert verify(doc, CTX) == []


def test_slow_lowering_work_put_on_the_day_before_a_match_is_caught():
    """A slow-lowering exercise or a Copenhagen adduction moved by hand to the Friday
    before Tomas's Saturday match is caught, naming the rule, at any dose."""
    doc = program("r26_tomas.yaml")
    eves = _eves(doc)
    for test in (_slow_lowering, lambda rx: rx["family"] == "copenhagen"):
        edited = copy.deepcopy(doc)
        week = next(
            w
            for w in edited["weeks"]
            if any(test(rx) for s in w["sessions"] for rx in s["exercises"])
        )
        work = next(rx for s in week["sessions"] for rx in s["exercises"] if test(rx))
        eve = next(s for s in week["sessions"] if s["day"] in eves)
        eve["exercises"][-1] = copy.deepcopy(work)
        eve["exercises"][-1]["effort"] = {"rpe": [5, 6], "rm": None, "rir": [4, 5]}
        found = [v for v in verify(edited, CTX) if v.rule == "sport_day_eve_light"]
        assert found and all(v.day in eves for v in found), [str(v) for v in verify(edited, CTX)]


def test_every_training_day_before_a_sport_day_says_what_to_leave_out_before_a_match():
    """Jayden's gym days (Mon, Wed, Fri) all come the day before practice or a game, so the
    program cannot keep them light; it names the work to leave out of the session before
    an important game (it cannot tell the game from practice)."""
    doc = program("r23_jayden.yaml")
    assert "sport_day_eve_every_day" in {r["id"] for r in doc["safety"]["rules"]}
    note = next(n for n in doc["safety"]["notes"] if "Every one of your training days" in n)
    for words in ("jumps", "slow-lowering exercises", "important run, match or race"):
        assert words in note, words


def test_a_raised_falls_risk_is_told_to_practise_balance_at_home_every_day():
    """Arthur (71, a fall last year, Timed Up and Go 13.5 s, 3 x 25 minutes) had 6-16
    minutes of balance a week; about 3 hours a week prevents falls (Sherrington 2019),
    more than the sessions can hold. The program says so, and asks for balance practice
    at home every day, building up towards 3 hours a week, in the JSON and the markdown."""
    doc = program("r26_arthur.yaml")
    assert "falls_supported_balance" in {r["id"] for r in doc["safety"]["rules"]}
    note = next(n for n in doc["safety"]["notes"] if "Sherrington 2019" in n)
    for words in ("every day", "kitchen counter", "heel to toe", "about 3 hours a week"):
        assert words in note, words
    assert " ".join(note.split()) in " ".join(_rendered("r26_arthur.yaml").split())
    # ... and a program without it fails its check.
    edited = copy.deepcopy(doc)
    edited["safety"]["notes"] = [n for n in doc["safety"]["notes"] if n != note]
    assert any("note missing: " in str(v) for v in verify(edited, CTX))


# --- Match days: when every training day is the day before a sport day -----------------


def test_with_every_training_day_before_a_sport_day_the_day_before_a_match_stays_light():
    """Jayden's gym days (Mon, Wed, Fri) each come the day before practice or a game, so
    no day was kept light and his Friday, before Saturday's game, held a slow-lowering
    hip thrust. With Saturday named a match day, Friday holds no slow-lowering work, no
    jumps and no heavy leg work, the hard work goes to the days before practice, he is
    told which days are which, and the program passes its own check."""
    doc = program("r27_jayden_match_day.yaml")
    assert doc["profile"]["schedule"]["match_days"] == ["sat"]
    ids = {r["id"] for r in doc["safety"]["rules"]}
    assert {"sport_day_eve_light", "sport_day_eve_matches_only"} <= ids
    assert "sport_day_eve_every_day" not in ids
    hard = lambda rx: _slow_lowering(rx) or _heavy_leg_work(rx)  # noqa: E731
    assert _on_eves(doc, {"fri"}, hard) == []
    assert _on_eves(doc, {"mon", "wed"}, hard), "the hard work moved, it was not dropped"
    assert any("only the sessions before your match days" in n for n in doc["safety"]["notes"])
    assert verify(doc, CTX) == []


def test_slow_lowering_work_put_on_the_day_before_a_match_day_is_caught():
    """The checker reads the match days as the planner does: an eccentric exercise moved by
    hand to Jayden's Friday is caught, naming the rule; the same moved to Wednesday, the
    day before practice, is not that rule's."""
    doc = program("r27_jayden_match_day.yaml")
    week = next(
        w
        for w in doc["weeks"]
        if any(_slow_lowering(rx) for s in w["sessions"] for rx in s["exercises"])
    )
    work = next(rx for s in week["sessions"] for rx in s["exercises"] if _slow_lowering(rx))

    def moved_to(day: str) -> list[Violation]:
        edited = copy.deepcopy(doc)
        target = next(w for w in edited["weeks"] if w["number"] == week["number"])
        session = next(s for s in target["sessions"] if s["day"] == day)
        if work["id"] not in {rx["id"] for rx in session["exercises"]}:
            session["exercises"][-1] = copy.deepcopy(work)
        return [v for v in verify(edited, CTX) if v.rule == "sport_day_eve_light"]

    found = moved_to("fri")
    assert found and all(v.day == "fri" for v in found)
    assert moved_to("wed") == []


def test_match_days_choose_which_eves_are_kept_only_when_no_training_day_is_clear():
    """Match days change nothing while some training day is clear of every sport day; when
    none is, the days before a match are the ones kept light, and when those are every
    training day too, none can be."""
    from gluteus.engine.facts import profile_facts
    from gluteus.engine.profile import Profile, Schedule

    def schedule(sport: tuple[str, ...], matches: tuple[str, ...]) -> Schedule:
        return Schedule(days=("mon", "wed", "fri"), sport_days=sport, match_days=matches)

    assert schedule(("sat", "sun"), ("sat",)).before_sport == ("fri",)
    assert schedule(("thu", "sat"), ("sat",)).before_sport == ("wed", "fri")
    every = schedule(("tue", "thu", "sat"), ("sat",))
    assert every.before_sport == ("fri",)
    assert every.before_any_sport == ("mon", "wed", "fri")
    assert schedule(("tue", "thu", "sat"), ("tue", "thu", "sat")).before_sport == (
        "mon",
        "wed",
        "fri",
    )
    facts = profile_facts(Profile(age=16, schedule=every), CTX.registry)
    assert facts["profile.match_days"] == 1
    assert facts["profile.days_clear_of_sport"] == 2
    assert facts["profile.days_clear_of_any_sport"] == 0


# --- Supported versions only for people with a reason to be supported --------------------

SUPPORTED = "supported_version"


def _supported(doc: dict[str, Any]) -> list[tuple[int, str]]:
    """Every (week, exercise) of ``doc`` that is a supported version (a chair, a counter, a
    wall or a bed; a bodyweight sit to stand)."""
    return [(n, rx["id"]) for n, rx in rows(doc) if SUPPORTED in CATALOGUE[rx["id"]].tags]


@pytest.mark.parametrize("name", ["r27_lea.yaml", "r27_carol.yaml", "r27_jayden.yaml"])
def test_able_people_get_no_supported_versions(name):
    """Lea (24, an intermediate dancer with dumbbells) had a bridge on a bed, sit to stands
    with the arms crossed and a stance at a counter; Carol (52, a runner) abduction holding
    a chair in every session of weeks 1-3; Jayden (16, basketball) a sit to stand in every
    session of weeks 1-2: falls work for people with no reason to be held. None of them
    gets a supported version, and the program passes its check."""
    doc = program(name)
    assert "able_no_supported_versions" in {r["id"] for r in doc["safety"]["rules"]}
    assert _supported(doc) == []
    assert verify(doc, CTX) == []


def test_a_runner_and_a_young_player_train_the_legs_on_one_leg_from_the_first_weeks():
    """In place of the chair rises, Carol's and Jayden's first weeks hold the next rungs:
    a split squat or a step-up, free-standing."""
    for name in ("r27_carol.yaml", "r27_jayden.yaml"):
        doc = program(name)
        first = {w["number"] for w in doc["weeks"] if w["phase"] == "Activate and control"}
        one_leg = {
            rx["id"]
            for _, rx in rows(doc, first)
            if rx["family"] in {"split_squat", "step_up"}
            and "unsupported_balance" in CATALOGUE[rx["id"]].tags
        }
        assert one_leg, name


def test_an_intermediate_with_dumbbells_lifts_a_weight_at_the_hip_every_strength_week():
    """Lea's strength weeks each hold a hip lift with a weight (a bridge or thrust holding
    a dumbbell); her weeks 1-2 hold none, as the outer hip tendon is loaded in its own
    stages, holds first (trained_lifts_from_the_start leaves it out)."""
    doc = program("r27_lea.yaml")
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert "trained_lifts_loaded" in rules and "trained_lifts_from_the_start" not in rules
    strength = [w["number"] for w in doc["weeks"] if w["phase"] == "Build strength"]
    assert strength
    for n in strength:
        lifts = [
            rx["id"]
            for _, rx in rows(doc, {n})
            if rx["load_type"] == "external"
            and rx["family"] in {"bridge", "hip_thrust", "deadlift"}
        ]
        assert lifts, n


def test_a_supported_version_put_in_an_able_persons_program_is_caught():
    """A sit to stand, a bridge on a bed or abduction holding a chair put by hand into
    Carol's program is caught, naming the rule."""
    for ex_id in ("sit_to_stand_arms_crossed", "bridge_on_bed", "standing_hip_abduction_chair"):
        doc = program("r27_carol.yaml")
        _put(doc, 1, ex_id)
        found = [v for v in verify(doc, CTX) if v.rule == "able_no_supported_versions"]
        assert found and all(v.week == 1 for v in found), [str(v) for v in verify(doc, CTX)]


@pytest.mark.parametrize(
    "name",
    ["chair_80.yaml", "older_adult.yaml", "hip_replacement_8wk.yaml", "hip_replacement.toml"],
)
def test_people_with_a_reason_to_be_supported_keep_the_supported_versions(name):
    """An 84-year-old with a stick, a 72-year-old with osteoporosis and poor balance, and
    two people after a hip replacement keep their chairs, counters and sit to stands."""
    doc = json.loads(_bundled(name))
    assert "able_no_supported_versions" not in {r["id"] for r in doc["safety"]["rules"]}
    assert _supported(doc), name


# --- The knees' fixes off the floor, and warnings that name what binds ----------------

KNEES_FIXES = {"band_walk", "single_leg_bridge", "side_lying_abduction", "step_up", "step_down"}


def test_the_knees_fix_is_met_every_week_off_the_floor_at_a_raised_falls_risk():
    """Ruth (60, arthritic knees that cave in, 10 chair stands in 30 s, a mat and bands,
    no step) is kept off the floor: at a raised falls risk the floor is not assumed, a
    mat or not. Every fix the knees rule names was floor work, free-standing or on a
    step, so the rule went unmet in every week. A bed version is what the floor rule
    promises, and it meets the rule in every week without any floor work."""
    doc = program("r27_ruth.yaml")
    rules = {r["id"] for r in doc["safety"]["rules"]}
    assert {"no_floor_work", "knees_named_fixes"} <= rules
    assert not any(w["rule"] == "knees_named_fixes" for w in doc["warning_details"])
    for week in doc["weeks"]:
        given = [rx for s in week["sessions"] for rx in s["exercises"]]
        assert any(CATALOGUE[rx["id"]].family in KNEES_FIXES for rx in given), week["number"]
        assert not any("floor" in tags(rx) for rx in given), week["number"]
    floor = next(p for p in doc["person"] if p["state"] == "floor")
    assert floor["value"] == "no" and "mat" in floor["why"]


def test_a_week_without_the_knees_fix_is_caught():
    doc = program("r27_ruth.yaml")
    edited = copy.deepcopy(doc)
    week = edited["weeks"][4]
    for session in week["sessions"]:
        session["exercises"] = [
            rx for rx in session["exercises"] if CATALOGUE[rx["id"]].family not in KNEES_FIXES
        ]
        retime(session)
    assert any(v.rule == "knees_named_fixes" for v in verify(edited, CTX))


GROIN_WORK = {"adductor_squeeze", "copenhagen"}


def _groin_warning(doc: dict[str, Any]) -> dict[str, Any]:
    return next(w for w in doc["warning_details"] if w["rule"] == "groin_pain_adductor_strength")


def test_a_warning_names_the_cap_and_the_sport_eve_limit_not_the_time_with_minutes_to_spare():
    """Tomas (19, a footballer with groin pain; team training Tue and Thu, a match on
    Saturday; 5 x 60 minutes) had adductor work on one day a week, and the warning
    blamed the time for sessions of 11-27 of 60 minutes. The solver's own conflict
    says what binds: the Copenhagen is kept off the eve of a sport day (Mon, Wed, Fri)
    and the weekly hard-set caps leave no room for squeezes on those days."""
    doc = program("r27_tomas.yaml")
    limit = doc["profile"]["schedule"]["minutes_per_session"]
    warning = _groin_warning(doc)
    named = [w for w in doc["weeks"] if w["number"] in warning["weeks"]]
    assert named and all(limit - s["minutes"] >= 20 for w in named for s in w["sessions"])
    assert "held.time" not in warning["by"]
    assert "minutes" not in warning["message"] and "time" not in warning["message"]
    assert {"held.limit.sport_day_eve_light", "held.volume"} <= set(warning["by"])
    assert "no room for it" in warning["message"]
    assert verify(doc, CTX) == []


def test_a_warning_blames_the_time_only_when_the_sessions_leave_no_room():
    """The same footballer with 15-minute sessions. A warning names the time only when
    more minutes would make room: the power weeks' loaded lifts on two days now want
    time, and in each week the warning names a session has less time left than the
    shortest loaded lift the program gives takes. The adductor work is held out by the
    weekly caps and the other work even with more minutes, and its warning says so
    without the time."""
    doc = program("r27_tomas_15min.yaml")
    limit = doc["profile"]["schedule"]["minutes_per_session"]
    assert "held.time" not in _groin_warning(doc)["by"]
    lifts = next(w for w in doc["warning_details"] if w["rule"] == "trained_lifts_loaded")
    assert "held.time" in lifts["by"] and f"sessions of {limit} minutes" in lifts["message"]
    shortest = min(rx["minutes"] for _, rx in rows(doc) if rx["load_type"] == "external")
    for week in doc["weeks"]:
        if week["number"] in lifts["weeks"]:
            assert min(limit - s["minutes"] for s in week["sessions"]) < shortest, week["number"]


def test_a_warning_naming_a_limit_of_a_rule_that_does_not_apply_is_caught():
    doc = program("r27_tomas.yaml")
    edited = copy.deepcopy(doc)
    warning = _groin_warning(edited)
    assert WRONG_CLAIM not in warning["by"]
    _claim_held(edited, warning, "review27/r27_tomas.yaml")
    assert any(
        "knee_replacement_knee_work_apart leaves no room" in str(v) for v in verify(edited, CTX)
    )


# A rule with limits that is not the person's (no knee replacement in these profiles).
WRONG_CLAIM = "held.limit.knee_replacement_knee_work_apart"


def _claim_held(doc: dict[str, Any], warning: dict[str, Any], fixture: str) -> None:
    """``warning`` of ``doc`` edited to name :data:`WRONG_CLAIM` as holding its work
    out, worded as the engine words it, so that only the claim is false."""
    warning["by"] = sorted({*warning["by"], WRONG_CLAIM})
    about = (
        {"issue": warning["issue"]}
        if warning["kind"] == "below_floor"
        else {"rule": warning["rule"], "equipment": CTX.registry.equipment}
    )
    warning["message"] = warning_text(
        warning["kind"],
        gluteus.load_profile(FIXTURES / fixture, plugins=PM).schedule,
        weeks=warning["weeks"],
        detail=warning["detail"],
        by=warning["by"],
        rules=CTX.registry.safety_rules,
        **about,
    )
    doc["warnings"] = [w["message"] for w in doc["warning_details"]]


def test_an_issue_under_its_floor_with_minutes_to_spare_is_not_told_to_add_minutes():
    """Theo (19, a sprinter): the work for glutes slow to switch on falls a set under
    the weekly floor in his power weeks with 10-15 of 40 minutes left in every session:
    the weekly caps and the other work hold it there, and the warning says so rather
    than asking for more minutes per session."""
    doc = program("r8_sprinter.yaml")
    limit = doc["profile"]["schedule"]["minutes_per_session"]
    floor = next(w for w in doc["warning_details"] if w["kind"] == "below_floor")
    named = [w for w in doc["weeks"] if w["number"] in floor["weeks"]]
    assert named and all(limit - s["minutes"] >= 5 for w in named for s in w["sessions"])
    assert "held.time" not in floor["by"] and "held.volume" in floor["by"]
    assert "allow more minutes" not in floor["message"] and "no room for more" in floor["message"]
    assert verify(doc, CTX) == []
    # A limit of a rule that is not this person's, named as holding it, is caught.
    edited = copy.deepcopy(doc)
    claim = next(w for w in edited["warning_details"] if w["kind"] == "below_floor")
    _claim_held(edited, claim, "review8/r8_sprinter.yaml")
    assert any(
        "knee_replacement_knee_work_apart leaves no room" in str(v) for v in verify(edited, CTX)
    )


def test_the_rule_keeping_supported_versions_from_able_people_names_each_reason_it_reads():
    """A mother 20 weeks after a birth read that she had "no ... recent birth": the rule's
    words name each reason it reads as the condition reads it (a birth in the last 12
    weeks, not a recent one)."""
    rule = CTX.registry.safety_rules["able_no_supported_versions"]
    for words in (
        "under 60",
        "raised risk of falling",
        "walking aid",
        "short one-leg or tandem stance",
        "fewer than 8 chair stands",
        "joint replacement",
        "osteoporosis",
        "pregnancy",
        "pelvic girdle pain",
        "birth in the last 12 weeks",
        "pain of 4/10 or more",
        "get down to the floor",
    ):
        assert words in rule.description, words
    assert "recent birth" not in rule.description


# --- A new knee's one-leg lift kept in the power weeks ----------------------------------

ONE_LEG_KNEE_WORK = {"step_up", "step_down", "split_squat"}


def _one_leg_lifts(week: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        rx
        for s in week["sessions"]
        for rx in s["exercises"]
        if rx["load_type"] == "external" and rx["family"] in KNEE_ONE_LEG
    ]


def test_a_new_knee_keeps_its_one_leg_lift_through_the_power_weeks():
    """Gerald (67, 26 weeks after a right knee replacement, walks hills on Saturdays,
    dumbbells and a step at home): after strength weeks with a step-up holding
    dumbbells, his power weeks held sit to stands and no step-up, step-down or split
    squat. Hills are climbed and come down on one leg, and the new knee's thigh muscles
    stay weak long after the operation: every power week now holds a one-leg knee lift
    with a weight, one the strength weeks loaded, going on from the load they reached
    and never past the 8-repetition cap."""
    doc = program("r28_gerald.yaml")
    assert "knee_replacement_loaded_one_leg" in {r["id"] for r in doc["safety"]["rules"]}
    assert not any(w["rule"] == "knee_replacement_loaded_one_leg" for w in doc["warning_details"])
    strength = _weeks_of(doc, "strength")
    reached = {rx["id"]: rx["effort"]["rm"][0] for rx in _one_leg_lifts(strength[-1])}
    power = _weeks_of(doc, "power")
    assert power and reached
    for week in power:
        given = {rx["family"] for s in week["sessions"] for rx in s["exercises"]}
        assert given & ONE_LEG_KNEE_WORK, week["number"]
        lifts = _one_leg_lifts(week)
        assert lifts, week["number"]
        for rx in lifts:
            assert rx["id"] in reached, (week["number"], rx["id"])
            assert 8 <= rx["effort"]["rm"][0] <= reached[rx["id"]], (week["number"], rx["id"])
    assert verify(doc, CTX) == []


def test_a_power_week_without_the_new_knees_one_leg_lift_is_caught():
    doc = copy.deepcopy(program("r28_gerald.yaml"))
    week = _weeks_of(doc, "power")[0]
    lifts = _one_leg_lifts(week)
    assert lifts
    for session in week["sessions"]:
        session["exercises"] = [rx for rx in session["exercises"] if rx not in lifts]
        retime(session)
    found = verify(doc, CTX)
    assert any(v.rule == "knee_replacement_loaded_one_leg" for v in found), [str(v) for v in found]


# --- A bridge on the bed serves what the bridge on the floor serves -----------------------


def test_a_bed_version_serves_every_issue_its_floor_version_serves():
    """A drill moved from the floor to a bed for someone kept off the floor is the same
    drill: it serves the issues the floor one serves, or the planner offers it only to
    people whose issues the floor one does not serve. The bridge on the bed served the
    back and switching the glutes on, not the knees the floor bridge serves."""
    on_bed = [ex for ex in CATALOGUE.values() if "on_bed" in ex.tags]
    assert on_bed
    for bed in on_bed:
        floor = [
            ex
            for ex in CATALOGUE.values()
            if "floor" in ex.tags
            and (ex.family, ex.role, ex.level) == (bed.family, bed.role, bed.level)
        ]
        assert floor, bed.id
        for ex in floor:
            assert set(ex.issues) <= set(bed.issues), (bed.id, ex.id)


def test_knees_trained_off_the_floor_get_hip_extension():
    """Ruth (60, knee osteoarthritis at 4/10, knees that cave in, a raised risk of
    falling, so kept off the floor): ten weeks held no hip extension, only glute
    squeezes, though a bridge on the bed was in the catalogue: it did not serve the
    knees, the issue she trains. Her program now holds hip extension off the floor."""
    doc = program("r28_ruth.yaml")
    assert "no_floor_work" in {r["id"] for r in doc["safety"]["rules"]}
    given = [rx for _, rx in rows(doc)]
    assert not any("floor" in tags(rx) for rx in given)
    assert any("hip_extension" in CATALOGUE[rx["id"]].tags for rx in given)
    assert verify(doc, CTX) == []


# --- A posterior hip replacement off all fours; pelvic-floor exercises in pregnancy ------


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("r29_walter.yaml", "hip_replacement_posterior"),
        ("r30_margaret.yaml", "hip_replacement_lateral"),
    ],
)
def test_a_hip_replacement_with_its_precautions_kept_is_never_on_all_fours_or_the_floor(name, rule):
    """Walter (63, 10 weeks after a posterior hip replacement, precautions kept) was given
    fire hydrants: on all fours the new hip bears weight bent to 90 degrees, and the
    trunk shifting over the knee adds the crossing inwards that, with the bend, is the
    position such a hip dislocates in. He and Margaret (67, 8 weeks after a lateral one)
    had bridges, planks and prone work on the floor, though both said they could get up
    from it: getting down and up goes through all fours or past 90 degrees. Nothing on
    all fours while the precautions hold, nothing on the floor up to 12 weeks after the
    operation (the bed stands in for it), and the program passes its check."""
    doc = program(name)
    assert {rule, "hip_replacement_off_the_floor"} <= {r["id"] for r in doc["safety"]["rules"]}
    assert doc["profile"]["can_get_up_from_floor"] is True
    assert [rx["id"] for _, rx in rows(doc) if rx["position"] == "quadruped"] == []
    surgery = doc["profile"]["weeks_since_surgery"]
    early = [w["number"] for w in doc["weeks"] if surgery + w["number"] - 1 < 12]
    assert early
    assert [rx["id"] for _, rx in rows(doc, early) if "floor" in tags(rx)] == []
    # From 12 weeks the floor comes back, with a way down and up shown by a
    # physiotherapist first while the precautions hold.
    note = next(n for n in doc["safety"]["notes"] if "Until 12 weeks after your operation" in n)
    assert "a way down and up that keeps within them" in note
    assert verify(doc, CTX) == []


def test_a_pregnant_woman_is_told_to_do_pelvic_floor_exercises_every_day():
    """Sofia (22 weeks pregnant) had no word of pelvic-floor training in eight weeks; it is
    advised through pregnancy (Mottola 2018), as after a birth: the note reaches her
    program, and one without it fails its check."""
    doc = program("r29_sofia.yaml")
    assert "pregnancy_pelvic_floor" in {r["id"] for r in doc["safety"]["rules"]}
    note = next(n for n in doc["safety"]["notes"] if "Pelvic-floor exercises every day" in n)
    assert "3 times a day" in note and "pregnancy" in note
    assert verify(doc, CTX) == []


def test_the_dead_bug_keeps_the_hips_at_90_degrees_in_its_words():
    """Walter's dead bug started at 90 degrees of hip bend, his precautions' limit, with
    no cue keeping it there: the exercise says the knees stay over the hips, and every
    program showing it shows that cue."""
    cue = "Knees stacked over the hips, never drawn towards the chest"
    assert cue in CATALOGUE["dead_bug"].cues
    shown = [rx for _, rx in rows(program("r29_walter.yaml")) if rx["id"] == "dead_bug"]
    assert all(cue in rx["cues"] for rx in shown)


def test_no_cue_of_a_raised_seat_rise_contradicts_the_operated_leg_slid_forward():
    """Walter's and Margaret's sit to stand said "Feet level" while the hip rule's note
    said to slide the operated leg a little forward: the rise's cues ask for nothing
    about where the feet stand beside each other, and the note is shown."""
    for name in ("r29_walter.yaml", "r30_margaret.yaml"):
        doc = program(name)
        note = next(n for n in doc["safety"]["notes"] if "operated leg slid a little forward" in n)
        # ... and what is done sitting is done on the same high seat.
        assert "exercises done sitting on that same high seat" in note
        rises = [rx for _, rx in rows(doc) if rx["family"] == "sit_to_stand"]
        assert rises
        assert not [c for rx in rises for c in rx["cues"] if "level" in c.lower()]


def test_a_side_lying_leg_raise_does_not_turn_a_posterior_hip_in():
    """Walter's side-lying leg raise told him to roll the pelvis forward, which turns the
    top hip in, as his precautions forbid: the cue carries that tag, so his program
    drops it and keeps the rest of the exercise's words; someone without the precaution
    keeps it."""
    for ex in ("side_lying_hip_abduction", "side_lying_hip_abduction_bed"):
        (rolled,) = [c for c in CATALOGUE[ex].cues if "forward" in c]
        assert "hip_internal_rotation" in rolled.tags
    raises = [
        rx for _, rx in rows(program("r29_walter.yaml")) if rx["family"] == "side_lying_abduction"
    ]
    assert raises
    assert not [c for rx in raises for c in rx["cues"] if "forward" in c]
    assert all(any("in line with the body" in c for c in rx["cues"]) for rx in raises)


def test_getting_up_from_the_bed_is_never_told_as_a_sit_up():
    """A woman of 74 with osteoporosis read "roll onto your back, then sit up" on the bed
    version of the side-lying leg raise: a forward bend of a weak spine. Every exercise
    done on a bed that says how to get up says to push up with the arms from the side."""
    on_bed = [ex for ex in CATALOGUE.values() if "on_bed" in ex.tags]
    assert on_bed
    for ex in on_bed:
        for cue in ex.cues:
            assert "sit up" not in cue, (ex.id, cue)
    bed_raise = CATALOGUE["side_lying_hip_abduction_bed"]
    assert any("push up with your arms" in c for c in bed_raise.cues)
