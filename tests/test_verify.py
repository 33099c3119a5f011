"""verify(): every rule and invariant, proven by hand-editing a valid program.

The programs come from tests/tiny_plugin.py (a tiny plugin and a program built by hand),
so each test shows the exact line a person would read from `gluteus check`.
"""

from __future__ import annotations

import copy

import attrs
import pytest
from tiny_plugin import PROFILE, build, program_dict, referral, rx, tiny_context

from gluteus.engine.model import Requirement
from gluteus.engine.program import engine_warning
from gluteus.engine.verify import Violation, verify


@pytest.fixture(scope="module")
def ctx():
    return tiny_context()


# Seven weeks: long enough for a deload (week 5, after two strength weeks), with no power
# phase.
LONG = attrs.evolve(PROFILE, schedule=attrs.evolve(PROFILE.schedule, weeks=7))


def lines(program, ctx) -> list[str]:
    return [str(v) for v in verify(program, ctx)]


def session(program, week: int, number: int):
    return program["weeks"][week - 1]["sessions"][number - 1]


def test_the_hand_built_program_is_clean(ctx):
    assert verify(program_dict(), ctx) == []


def test_violation_is_one_line_naming_week_session_and_exercise():
    v = Violation(
        week=3,
        session=2,
        day="wed",
        exercise="clamshell",
        rule="pregnancy-no-supine",
        message="excluded by rule pregnancy-no-supine:\n  supine position",
    )
    assert str(v) == (
        "week 3, session 2 (wed), clamshell: excluded by rule pregnancy-no-supine: supine position"
    )
    assert str(Violation(message="no deload")) == "program: no deload"
    assert str(Violation(week=2, message="x")) == "week 2: x"
    assert v.to_dict()["rule"] == "pregnancy-no-supine"


def test_avoided_exercise(ctx):
    program = program_dict()
    program["profile"]["preferences"]["avoid"] = ["lateral_step_up"]
    found = lines(program, ctx)
    assert found[0] == (
        "week 1, session 1 (mon), lateral_step_up: the profile asks to avoid this exercise"
    )
    assert len(found) == 12  # every occurrence: 6 weeks x 2 sessions


def test_supine_exercise_in_second_trimester_names_the_rule(ctx):
    profile = attrs.evolve(PROFILE, precautions=("pregnancy",), pregnancy_trimester=2)
    program = program_dict(profile)
    assert verify(program, ctx) == []
    session(program, 3, 2)["exercises"][1] = rx("glute_bridge").to_dict()  # for the squeeze
    assert lines(program, ctx) == [
        "week 3, session 2 (thu), glute_bridge: excluded by rule pregnancy-no-supine: "
        "supine position"
    ]


def test_session_minutes_must_add_up_and_fit(ctx):
    program = program_dict()
    session(program, 2, 1)["minutes"] = 21.0
    assert lines(program, ctx) == [
        "week 2, session 1 (mon): session minutes 21 but its exercises add up to 19.5"
    ]
    program = program_dict()
    s = session(program, 2, 2)
    s["exercises"][2]["minutes"] = 20.0
    s["minutes"] = 33.0
    assert lines(program, ctx) == [
        "week 2, session 2 (thu): takes 33.0 minutes, over the 30 minutes per session"
    ]


def test_more_sets_cannot_hide_behind_unchanged_minutes(ctx):
    program = program_dict()
    session(program, 1, 1)["exercises"][0]["sets"] = 40  # 12 reps x 3 s, 45 s rest
    assert lines(program, ctx) == [
        "week 1, session 1 (mon), clamshell: says 4 minutes, but 40 sets of 12 reps with 45 s "
        "rest takes at least 53.2"
    ]
    program = program_dict()
    session(program, 2, 2)["exercises"][1]["hold_s"] = 300
    assert lines(program, ctx) == [
        "week 2, session 2 (thu), standing_squeeze: says 4 minutes, but 2 sets of 300 s holds "
        "with 45 s rest takes at least 10.8"
    ]


def test_rounding_of_session_minutes_is_tolerated(ctx):
    program = program_dict()
    session(program, 1, 1)["exercises"][0]["minutes"] = 4.04
    assert verify(program, ctx) == []


def test_removing_the_deload(ctx):
    program = program_dict(LONG)
    assert verify(program, ctx) == []
    assert program["weeks"][4]["deload"]
    program["weeks"][4]["deload"] = False
    assert lines(program, ctx) == [
        "program: a program of 7 weeks needs at least one deload week (every 4–6 weeks)",
        # Its one set per exercise is now a loading week's: short of the weekly floor.
        "program: inhibition's weekly hard sets fall under the floor: the program 2 in weeks "
        "5, its warning says nothing",
        "week 5: is not a deload, unlike the engine's skeleton",
    ]


def test_deload_must_cut_sets(ctx):
    program = program_dict()
    program["weeks"][2]["deload"] = True  # week 3 has as many sets as week 2
    assert "week 3: deload week with 16 sets, not fewer than the 16 of the week before" in lines(
        program, ctx
    )
    program = program_dict()
    program["weeks"][0]["deload"] = True
    assert "week 1: the first week cannot be a deload" in lines(program, ctx)


def test_loaded_exercise_moved_before_activation(ctx):
    program = program_dict()
    exercises = session(program, 2, 1)["exercises"]
    exercises.insert(0, exercises.pop(2))  # band_walk (loaded) first
    assert lines(program, ctx) == [
        "week 2, session 1 (mon), band_walk: loaded exercise before any activation work; "
        "rule inhibition-activation-first requires activation first",
        "week 2, session 1 (mon), clamshell: activation work after loaded or fast work; rule "
        "inhibition-activation-first puts activation first",
        "week 2, session 1 (mon), standing_squeeze: activation work after loaded or fast work; rule "
        "inhibition-activation-first puts activation first",
        "week 2, session 1 (mon), band_walk: the session opens with strength work; rule "
        "inhibition-activation-first requires it to open with activation",
    ]


def test_loaded_exercise_needs_activation_for_its_own_target(ctx):
    program = program_dict()
    exercises = session(program, 1, 2)["exercises"]
    del exercises[0]  # the clamshell, the only gmed drill before band_walk (gmed)
    exercises.append(rx("clamshell").to_dict())  # now after it
    assert lines(program, ctx) == [
        "week 1, session 2 (thu), band_walk: loaded exercise with no earlier activation drill "
        "for its target (gmed); rule inhibition-activation-first requires one",
        "week 1, session 2 (thu), clamshell: activation work after loaded or fast work; rule "
        "inhibition-activation-first puts activation first",
    ]


def test_activation_first_is_an_engine_invariant_without_any_rule(ctx):
    """No inhibition found, so no rule asks for it; the engine still demands it."""
    profile = attrs.evolve(PROFILE, signs=("knees_cave_in",))
    program = program_dict(profile)
    exercises = session(program, 1, 1)["exercises"]
    exercises.insert(0, exercises.pop(2))
    found = lines(program, ctx)
    assert found[0] == (
        "week 1, session 1 (mon), band_walk: loaded exercise before any activation work; "
        "the engine requires activation first"
    )
    assert not any("opens with" in line for line in found)  # no inhibition, no rule


def test_changing_a_role_cannot_dodge_a_rule(ctx):
    profile = attrs.evolve(PROFILE, pain=PROFILE.pain.replace(knee=5))
    program = program_dict(profile)
    for s in (session(program, 1, 1),):
        jump = rx("jump_squat", minutes=3.0).to_dict()
        jump["role"] = "strength"  # hand-edited to look like allowed work
        s["exercises"].append(jump)
        s["minutes"] += 3.0
    found = lines(program, ctx)
    assert (
        "week 1, session 1 (mon), jump_squat: does not match the catalogue: role 'strength' "
        "(the catalogue says 'power')" in found
    )
    assert "week 1, session 1 (mon), jump_squat: excluded by rule knee-pain: power role" in found


def test_hand_edited_position_or_loaded_flag_is_caught(ctx):
    profile = attrs.evolve(PROFILE, precautions=("pregnancy",), pregnancy_trimester=2)
    program = program_dict(profile)
    bridge = rx("glute_bridge").to_dict()
    bridge["position"] = "standing"
    session(program, 2, 1)["exercises"][1] = bridge  # for the squeeze
    walk = session(program, 2, 2)["exercises"][2]
    walk["loaded"] = False
    assert lines(program, ctx) == [
        "week 2, session 1 (mon), glute_bridge: does not match the catalogue: position "
        "'standing' (the catalogue says 'supine')",
        "week 2, session 1 (mon), glute_bridge: excluded by rule pregnancy-no-supine: "
        "supine position",
        "week 2, session 2 (thu), band_walk: does not match the catalogue: loaded False "
        "(the catalogue says True)",
    ]


def test_caps_on_sets_and_holds_name_the_rule(ctx):
    profile = attrs.evolve(PROFILE, pain=PROFILE.pain.replace(knee=4))
    program = program_dict(profile)
    assert verify(program, ctx) == []
    s = session(program, 5, 1)
    s["exercises"][0]["sets"] = 3
    s["exercises"][1]["hold_s"] = 30
    assert lines(program, ctx) == [
        "week 5, session 1 (mon), clamshell: 3 sets, over the cap of 2 set by rule knee-pain",
        "week 5, session 1 (mon), standing_squeeze: 30 s hold, over the cap of 20 s set by "
        "rule knee-pain",
        # Knee pain 4/10 is amber: a dose raised over the week before must say it waits
        # for green sessions.
        "week 5, session 1 (mon), clamshell: a dose above last week's, with pain already "
        "amber, that does not say it is taken only after green sessions",
        "week 5, session 1 (mon), standing_squeeze: a dose above last week's, with pain "
        "already amber, that does not say it is taken only after green sessions",
    ]


def test_equipment_must_be_the_profiles(ctx):
    program = program_dict()
    program["profile"]["equipment"] = ["mini_band"]
    found = lines(program, ctx)
    assert found[0] == (
        "week 1, session 1 (mon), lateral_step_up: needs step, which the profile does not list"
    )
    assert len(found) == 12


def test_unknown_exercise(ctx):
    program = program_dict()
    session(program, 1, 1)["exercises"][1]["id"] = "made_up"
    assert lines(program, ctx) == [
        "week 1, session 1 (mon), made_up: no loaded plugin has an exercise with this id"
    ]


def test_dose_needs_reps_or_hold(ctx):
    program = program_dict()
    session(program, 1, 1)["exercises"][0]["reps"] = None
    assert lines(program, ctx) == [
        "week 1, session 1 (mon), clamshell: needs exactly one of reps and hold_s"
    ]


def test_weeks_sessions_and_days_as_asked(ctx):
    program = program_dict()
    program["weeks"].pop()
    program["phases"][1]["weeks"].pop()
    assert lines(program, ctx) == [
        "program: the phases are not the engine's for this profile: activation weeks 1-2; "
        "strength weeks 3-6",
        "program: 5 weeks, but the profile asks for 6",
    ]

    program = program_dict()
    program["weeks"][1]["number"] = 7
    assert "week 7: week numbered 7, expected 2" in lines(program, ctx)

    program = program_dict()
    program["weeks"][4]["sessions"].pop()
    assert lines(program, ctx) == [
        "program: inhibition's weekly hard sets fall under the floor: the program 2 in weeks "
        "5, its warning says nothing",
        "week 5: 1 sessions, but the profile asks for 2 a week",
    ]

    program = program_dict()
    program["weeks"][2]["sessions"].reverse()
    assert "week 3: sessions on thu, mon; the profile's days are mon, thu" in lines(program, ctx)


def test_dates_fall_on_their_days_and_step_by_week(ctx):
    program = program_dict()
    session(program, 2, 2)["date"] = "2026-12-18"  # a Friday
    found = lines(program, ctx)
    assert found == [
        "week 2, session 2 (thu): dated 2026-12-18, a fri, not a thu",
        "week 2, session 2 (thu): dated 2026-12-18; 1 week(s) after the first week's session it "
        "should be 2026-12-17",
    ]
    program = program_dict()
    session(program, 3, 1)["date"] = "2026-12-28"  # a Monday, but a week late
    assert lines(program, ctx) == [
        "week 3, session 1 (mon): dated 2026-12-28; 2 week(s) after the first week's session it "
        "should be 2026-12-21"
    ]
    program = program_dict()
    session(program, 1, 1)["date"] = None
    assert lines(program, ctx) == [
        "week 1, session 1 (mon): no date, but the profile starts on 2026-12-07"
    ]


def test_dates_are_null_without_a_start(ctx):
    profile = attrs.evolve(PROFILE, start=None)
    program = program_dict(profile)
    assert verify(program, ctx) == []
    session(program, 1, 1)["date"] = "2026-12-07"
    assert lines(program, ctx) == [
        "week 1, session 1 (mon): dated 2026-12-07, but the profile has no start date"
    ]


def test_same_loaded_exercise_on_consecutive_days_even_across_weeks(ctx):
    profile = attrs.evolve(
        PROFILE, schedule=attrs.evolve(PROFILE.schedule, days=("mon", "sun")), start=None
    )
    program = program_dict(profile)
    found = lines(program, ctx)
    # Sunday of one week and Monday of the next hold band_walk: every boundary.
    assert found[0] == (
        "week 2, session 1 (mon), band_walk: the same loaded exercise is also in week 1, "
        "session 2, the day next to it: not on consecutive days"
    )
    assert len(found) == 5
    # With dates the calendar decides: Monday and Sunday 6 days apart are fine,
    # the Sunday and next Monday are not.
    dated = program_dict(attrs.evolve(profile, start=PROFILE.start))
    assert len(lines(dated, ctx)) == 5


def test_every_found_issue_every_non_deload_week_or_a_warning(ctx):
    program = program_dict()
    for s in program["weeks"][1]["sessions"]:
        s["exercises"] = [e for e in s["exercises"] if "knees" not in e["issues"]]
        s["minutes"] = round(sum(e["minutes"] for e in s["exercises"]), 1)
    assert lines(program, ctx) == [
        "week 2: issue knees was found but is not trained this week, and no warning of the "
        "engine's leaves it out",
        "week 2: work in the frontal plane and work in the transverse plane for knees are needed "
        "every week (rule knees-3d), but there is no work in the frontal plane and no work in "
        "the transverse plane here",
    ]
    # Only the engine's own structured warning, for this issue and week, excuses it.
    left_out = engine_warning("left_out", PROFILE.schedule, issue="knees", weeks=(2,))
    program["warnings"] = [left_out.message]
    program["warning_details"] = [left_out.to_dict()]
    assert verify(program, ctx) == []
    # A warning that merely names the issue excuses nothing.
    note = "Not enough time for knees in every week: see week 2."
    program["warnings"] = [note]
    program["warning_details"] = [
        {"kind": "note", "issue": "knees", "rule": None, "weeks": [2], "message": note}
    ]
    assert len(verify(program, ctx)) == 2


def test_weekly_role_requirement_any_of():
    class SwapRule:
        gluteus_name = "swap"

        from gluteus.engine.hookspecs import hookimpl as _h

        @_h
        def register_safety_rules(self):
            from gluteus.engine.model import SafetyRule, Trigger

            return [
                SafetyRule(
                    id="swap-power",
                    description="d",
                    source="tiny",
                    evidence="convention",
                    when=Trigger(findings=("knees",)),
                    requires=(
                        Requirement(kind="weekly", roles=("power", "eccentric"), each=False),
                    ),
                )
            ]

    ctx = tiny_context(SwapRule())
    # Its safety section lists the rule; seven weeks, so week 5 is a deload.
    program = copy.deepcopy(build(LONG, ctx=ctx).to_dict())
    found = lines(program, ctx)
    assert found[0] == (
        "week 1: power work or eccentric work is needed every week (rule swap-power), but there "
        "is no power work or eccentric work here"
    )
    # Every loading week, and not the deload: a weekly demand does not hold in deloads.
    assert [line.split(":")[0] for line in found] == [f"week {n}" for n in (1, 2, 3, 4, 6, 7)]


def test_findings_are_recomputed_not_trusted(ctx):
    program = program_dict()
    program["findings"][1]["severity"] = 0
    assert lines(program, ctx) == [
        "program: finding knees: the program says severity 0, screening the profile gives "
        "severity 2"
    ]


def test_schema_errors_are_one_line_each_with_the_json_path(ctx):
    program = program_dict()
    session(program, 2, 1)["exercises"][0]["sets"] = "three"
    del program["weeks"][0]["sessions"][1]["exercises"][2]["load"]
    program["weeks"][3]["sessions"][0]["exercises"][1]["side"] = "middle"
    found = lines(program, ctx)
    assert found == [
        "week 1, session 2 (thu), band_walk: $.weeks[0].sessions[1].exercises[2]: "
        "'load' is a required property",
        "week 2, session 1 (mon), clamshell: $.weeks[1].sessions[0].exercises[0].sets: "
        "'three' is not of type 'integer'",
        "week 4, session 1 (mon), standing_squeeze: $.weeks[3].sessions[0].exercises[1].side: "
        "'middle' is not one of ['both', 'each', 'left', 'right']",
    ]
    assert all("\n" not in line for line in found)


def test_schema_catches_a_broken_document(ctx):
    assert lines([], ctx) == ["program: $: [] is not of type 'object'"]
    program = program_dict()
    program["format"] = "gluteus.program/2"
    assert lines(program, ctx) == ["program: $.format: 'gluteus.program/1' was expected"]


def test_invalid_embedded_profile(ctx):
    program = program_dict()
    program["profile"]["signs"] = ["no_such_sign"]
    found = lines(program, ctx)
    assert len(found) == 1
    assert found[0].startswith("program: the embedded profile is invalid:")
    assert "no_such_sign" in found[0]


def test_red_flag_means_referral_and_no_weeks(ctx):
    program = program_dict()
    program["profile"]["red_flags"] = ["saddle_numbness"]
    assert lines(program, ctx) == [
        "program: red flag present (saddle_numbness): a referral, never a program"
    ]
    ref = referral().to_dict()
    assert verify(ref, ctx) == []
    ref["weeks"] = program["weeks"]
    assert any("$.weeks" in line for line in lines(ref, ctx))
    ref = referral().to_dict()
    ref["profile"]["red_flags"] = []
    assert lines(ref, ctx) == ["program: status is referral, but the profile has no red flag"]


def test_violations_are_deterministic(ctx):
    program = program_dict()
    program["profile"]["preferences"]["avoid"] = ["clamshell", "band_walk"]
    program["weeks"][3]["deload"] = False
    found = lines(program, ctx)
    assert found and found == lines(program, ctx) == lines(copy.deepcopy(program), ctx)


def test_build_is_a_program_object():
    # The fixture behind these tests renders and round-trips like a real one.
    program = build()
    assert program.to_dict() == build().to_dict()


def test_schema_violations_come_in_program_order(ctx):
    profile = attrs.evolve(PROFILE, schedule=attrs.evolve(PROFILE.schedule, weeks=12))
    program = program_dict(profile)
    program["weeks"][10]["sessions"][0]["exercises"][0]["sets"] = 0
    program["weeks"][2]["sessions"][0]["exercises"][0]["sets"] = 0
    assert [v.week for v in verify(program, ctx)] == [3, 11]


def test_a_deload_needs_two_loading_weeks_of_its_phase(ctx):
    program = program_dict(LONG)
    kinds = {w: p["kind"] for p in program["phases"] for w in p["weeks"]}
    assert [w["number"] for w in program["weeks"] if w["deload"]] == [5]
    # A second deload right after the first: no loading week of its phase before it.
    program["weeks"][5]["deload"] = True
    assert kinds[6] == kinds[5]
    found = lines(program, ctx)
    assert (
        "week 6: a deload after 0 loading week(s) of its phase; it comes only after at least 2"
        in found
    )


def test_power_before_the_stage_allows_it_is_caught():
    from gluteus.engine.skeleton import Stages, program_faults

    phases = [("activation", (1, 2)), ("strength", (3, 4, 5, 6)), ("power", (7, 8))]
    assert program_faults(phases, [5], Stages()) == []
    assert program_faults(phases, [5], Stages(power_from=8)) == [
        (7, "power work before the person's stage allows it")
    ]
    assert [w for w, _ in program_faults(phases, [5], Stages(power_from=None))] == [7, 8]
    # Strength weeks 3-4 capped light while a stage passes: no fatigue for week 5 to shed.
    assert program_faults(phases, [5], Stages(light=frozenset({3, 4}))) == [
        (
            5,
            "a deload after loading capped at RPE 7 or less while a stage of recovery passes: "
            "too light to need one",
        )
    ]


def _review3(name: str, *signs: str):
    """A real program for review profile ``name`` (with ``signs`` added) and the context
    that checks it."""
    import json
    from pathlib import Path

    import attrs

    import gluteus
    from gluteus.engine.api import context
    from gluteus.engine.pluginmanager import make_plugin_manager

    pm = make_plugin_manager(entrypoints=False)
    path = Path(__file__).parent / "fixtures" / "review3" / name
    profile = gluteus.load_profile(path, plugins=pm)
    profile = attrs.evolve(profile, signs=(*profile.signs, *signs))
    program = gluteus.generate(profile, plugins=pm)
    return json.loads(json.dumps(program.to_dict())), context(pm)


def test_reps_that_fall_while_the_effort_rises_are_caught():
    # The review's own case: a bodyweight step-up from 2 x 16 at the end of activation
    # to 2 x 8 at a higher effort when the strength phase starts. Albert's knee pain alone
    # no longer makes the knees finding that gave him the step-up: knees that cave in do.
    doc, real = _review3("r01_albert84_frame.yaml", "knees_cave_in")
    assert verify(doc, real) == []
    for session in doc["weeks"][3]["sessions"]:
        for row in session["exercises"]:
            if row["id"] == "step_up_at_rail":
                row["reps"] = 8
    said = [str(v) for v in verify(doc, real)]
    assert any(
        s.startswith("week 4, session ")
        and s.endswith(
            "step_up_at_rail: 8 reps after 16 in week 3 at no easier an effort, with a "
            "bodyweight load that cannot get heavier"
        )
        for s in said
    ), said


def test_a_deload_no_easier_than_the_week_before_is_caught():
    # Pregnancy caps effort at RPE 6: the deload's effort is still lower than that.
    doc, real = _review3("r03_chloe_preg18_runner.yaml")
    assert verify(doc, real) == []
    deload = next(w for w in doc["weeks"] if w["deload"])
    before = doc["weeks"][deload["number"] - 2]
    efforts = {rx["id"]: rx["effort"] for s in before["sessions"] for rx in s["exercises"]}
    row = next(
        rx
        for s in deload["sessions"]
        for rx in s["exercises"]
        if rx["id"] in efforts and rx["effort"]["rpe"]
    )
    assert row["effort"]["rpe"][1] < efforts[row["id"]]["rpe"][1]
    row["effort"] = efforts[row["id"]]
    assert any(
        f"{row['id']}: a deload at effort up to" in line and "yet it says an easier effort" in line
        for line in map(str, verify(doc, real))
    )


def test_an_unconditional_increase_with_amber_pain_is_caught():
    from gluteus.engine.traffic_light import GREEN_ONLY

    doc, real = _review3("r07_karen_lateral_hip.yaml")
    assert verify(doc, real) == []
    week, row = next(
        (w["number"], rx)
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if rx["load"].endswith(GREEN_ONLY)
    )
    row["load"] = row["load"].removesuffix(f"; {GREEN_ONLY}")
    assert any(
        line.startswith(f"week {week},")
        and f"{row['id']}: a dose above last week's, with pain already amber" in line
        for line in map(str, verify(doc, real))
    )


def test_doses_not_told_as_round_numbers_are_caught():
    # Her pelvic drop alone no longer makes tight glutes (whose hold this is); with
    # chronic tightness it does.
    doc, real = _review3("r12_nina_runner_valgus.yaml", "chronic_glute_tightness")
    # Any hold of 10 s or more (which holds the plan prefers is the search's choice).
    week, row = next(
        (w["number"], rx)
        for w in doc["weeks"]
        for s in w["sessions"]
        for rx in s["exercises"]
        if (rx.get("hold_s") or 0) >= 10
    )
    assert row["hold_s"] % 5 == 0
    row["hold_s"] += 1
    found = [str(v) for v in verify(doc, real)]
    assert any(
        line.startswith(f"week {week},")
        and f"{row['id']}: {row['hold_s']} s hold: holds from 10 s are told in steps of 5 s" in line
        for line in found
    ), found


def _edits():
    """Hand edits each breaking a rule, as program dicts (see the tests above)."""
    avoided = program_dict()
    avoided["profile"]["preferences"]["avoid"] = ["lateral_step_up"]
    more_sets = program_dict()
    more_sets["weeks"][1]["sessions"][0]["exercises"][0]["sets"] += 3
    no_deload = program_dict(LONG)
    for week in no_deload["weeks"]:
        week["deload"] = False
    return {"avoided": avoided, "more_sets": more_sets, "no_deload": no_deload}


@pytest.mark.parametrize("edit", sorted(_edits()))
def test_verifying_a_just_planned_program_finds_what_the_full_check_finds(edit, ctx):
    """``generate`` verifies the Program it planned against the screening it planned
    from, without the JSON round trip: the same violations as ``gluteus check``'s
    full path, which re-screens the embedded profile."""
    from gluteus.engine.program import Program
    from gluteus.engine.screened import run_screen

    data = _edits()[edit]
    program = Program.from_dict(data)
    screened = run_screen(program.profile, ctx)
    full = verify(data, ctx)
    assert full
    assert verify(program, ctx, schema=False, screened=screened) == full


def test_a_screening_of_another_profile_is_not_trusted(ctx):
    """A screening whose profile is not the program's is ignored: the program's own
    profile is re-screened, so the avoided exercise is still caught."""
    from gluteus.engine.program import Program
    from gluteus.engine.screened import run_screen

    data = _edits()["avoided"]
    program = Program.from_dict(data)
    screened = run_screen(PROFILE, ctx)
    assert screened.profile != program.profile
    found = [str(v) for v in verify(program, ctx, schema=False, screened=screened)]
    assert any("asks to avoid" in line for line in found)
