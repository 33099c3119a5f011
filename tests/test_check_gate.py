"""`gluteus check` is a safety gate: it never crashes, and it never accepts a program
whose safety-relevant content was changed.

Each test is one defect an attack campaign found (a crash, or an unsafe program
accepted), shown on the smallest program that has it: the hand-built program of
tests/tiny_plugin.py where the tiny catalogue suffices, a bundled profile's
program where the built-in rules matter.
"""

from __future__ import annotations

import copy
import json
import re

import attrs
import pytest
from checked_programs import as_dict, bundled, context, made
from click.testing import CliRunner
from tiny_plugin import PROFILE, TinyPlugin, build, program_dict, rx, tiny_context

from gluteus.cli import cli
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.engine.errors import ProfileError
from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import DoseRule, Exercise
from gluteus.engine.program import allowed_cues, engine_warning
from gluteus.engine.verify import verify
from gluteus.plugins import basics, formats


@pytest.fixture(scope="module")
def ctx():
    return tiny_context()


def lines(program, ctx) -> list[str]:
    return [str(v) for v in verify(program, ctx)]


def session(program, week: int, number: int):
    return program["weeks"][week - 1]["sessions"][number - 1]


# --- Crashes: exit 2 with one message, never a traceback ------------------------------


@pytest.fixture
def tiny(monkeypatch):
    """`gluteus check` loads the tiny plugin and the formats, nothing else."""
    original = pluginmanager_module.make_plugin_manager

    def make(**kwargs):
        return original(defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), formats])

    monkeypatch.setattr(pluginmanager_module, "make_plugin_manager", make)


def check_file(tmp_path, text: str):
    path = tmp_path / "program.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result, path


@pytest.mark.parametrize(
    ("text", "found"),
    [("[]", "a list"), ("null", "nothing (null)"), ("42", "42"), ('"a program"', "'a program'")],
)
def test_a_top_level_that_is_not_an_object_is_bad_input(tiny, tmp_path, text, found):
    result, path = check_file(tmp_path, text)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: expected a program (a JSON object), found {found}\n"


def test_deeply_nested_json_is_bad_input(tiny, tmp_path):
    result, path = check_file(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: the data is nested far too deeply to be a program\n"


def test_a_number_with_thousands_of_digits_is_bad_input(tiny, tmp_path):
    text = json.dumps(program_dict()).replace('"sets": 2', '"sets": ' + "9" * 5000, 1)
    result, path = check_file(tmp_path, text)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: not valid JSON: a number with thousands of digits\n"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_a_file_are_bad_input(tiny, tmp_path, constant):
    text = json.dumps(program_dict()).replace('"minutes": 19.5', f'"minutes": {constant}', 1)
    result, path = check_file(tmp_path, text)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: not valid JSON: {constant} is not a number a program may hold\n"
    )


@pytest.mark.parametrize("key", ["sets", "reps", "hold_s", "rest_s", "minutes"])
def test_a_dose_of_ten_to_the_400_is_a_violation_not_an_overflow(tiny, tmp_path, key):
    data = program_dict()
    exercise = session(data, 1, 1)["exercises"][1 if key == "hold_s" else 0]
    exercise[key] = 10**400
    result, _ = check_file(tmp_path, json.dumps(data))
    assert result.exit_code == 2
    where = 1 if key == "hold_s" else 0
    name = "standing_squeeze" if key == "hold_s" else "clamshell"
    assert result.stdout.splitlines() == [
        f"week 1, session 1 (mon), {name}: $.weeks[0].sessions[0].exercises[{where}].{key}: "
        "a whole number of about 401 digits"
    ]


@pytest.mark.parametrize("value", [10**7, 1e308, -1])
def test_every_number_is_bounded_by_the_schema(ctx, value):
    data = program_dict()
    session(data, 2, 1)["exercises"][0]["rest_s"] = value
    found = lines(data, ctx)
    assert len(found) == 1
    assert found[0].startswith("week 2, session 1 (mon), clamshell: $.weeks[1].sessions[0]")


def test_dates_near_the_end_of_the_calendar_do_not_overflow(tiny, tmp_path):
    """A start whose weeks run past 9999-12-31 is an invalid profile (one message, exit 2),
    never an OverflowError; dates at the very end of the calendar are compared as days."""
    data = program_dict(attrs.evolve(PROFILE, start=None))
    data["profile"]["start"] = "9999-12-20"
    for w, week in enumerate(data["weeks"]):
        for s, ses in enumerate(week["sessions"]):
            ses["date"] = "9999-12-20" if (w, s) == (0, 0) else "9999-12-31"
    result, _ = check_file(tmp_path, json.dumps(data))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "program: the embedded profile is invalid: start: a program of 6 weeks from "
        "9999-12-20 would run past the end of the calendar (the year 9999)"
    ]
    short = program_dict(attrs.evolve(PROFILE, start=None))
    short["profile"]["start"] = "9999-11-01"  # a Monday; six weeks end on 9999-12-12
    short["weeks"][1]["sessions"][0]["date"] = "9999-12-31"
    result, _ = check_file(tmp_path, json.dumps(short))
    assert result.exit_code == 2
    assert "week 2, session 1 (mon): dated 9999-12-31, a fri, not a mon" in result.stdout


@pytest.mark.parametrize(
    "data",
    [None, [], 42, "text", 1.5, float("nan"), {"format": float("inf")}, {1: "a"}, {"a": {1, 2}}],
)
def test_the_library_check_returns_violations_for_anything(data):
    violations = api.check(data, plugins=tiny_context().pm)
    assert violations and all(str(v).startswith("program: $") for v in violations)


def test_the_library_check_survives_hostile_structures():
    ctx = tiny_context()
    deep: dict = {}
    node = deep
    for _ in range(50_000):
        node["a"] = {}
        node = node["a"]
    looped: list = []
    looped.append(looped)
    huge = program_dict()
    huge["weeks"][0]["number"] = 10**5000
    for data in (deep, looped, huge):
        found = lines(data, ctx)
        assert len(found) == 1
    assert lines(huge, ctx) == ["week 1: $.weeks[0].number: a whole number of about 5,001 digits"]


# --- NaN and infinity anywhere are invalid --------------------------------------------


def test_nan_minutes_no_longer_switch_off_the_time_budget():
    """20 sets of 100 reps, no rest, in a pregnancy program: the minutes NaN."""
    data = as_dict(bundled("pregnancy.yaml"))
    exercise = session(data, 1, 1)["exercises"][0]
    exercise.update(sets=20, reps=100, rest_s=0, minutes=float("nan"))
    session(data, 1, 1)["minutes"] = float("nan")
    found = [str(v) for v in verify(data, context())]
    assert found == [
        f"week 1, session 1 (mon), {exercise['id']}: $.weeks[0].sessions[0].exercises[0]"
        ".minutes: NaN is not a number a program may hold",
        "week 1, session 1 (mon): $.weeks[0].sessions[0].minutes: NaN is not a number a "
        "program may hold",
    ]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_invalid_anywhere(ctx, value):
    for place in ("profile", "findings", "weeks"):
        data = program_dict()
        if place == "profile":
            data["profile"]["tests"]["bridge_hold_s"] = value
        elif place == "findings":
            data["findings"][0]["severity"] = value
        else:
            data["weeks"][2]["sessions"][1]["exercises"][3]["rest_s"] = value
        found = lines(data, ctx)
        assert len(found) == 1 and "is not a number a program may hold" in found[0]


# --- Warnings: only the engine's own excuse anything ----------------------------------


def _drop_knees_in_week_2(data):
    for s in data["weeks"][1]["sessions"]:
        s["exercises"] = [e for e in s["exercises"] if "knees" not in e["issues"]]
        s["minutes"] = round(sum(e["minutes"] for e in s["exercises"]), 1)


NOT_TRAINED = [
    "week 2: issue knees was found but is not trained this week, and no warning of the "
    "engine's leaves it out",
    "week 2: work in the frontal plane and work in the transverse plane for knees are needed "
    "every week (rule knees-3d), but there is no work in the frontal plane and no work in the "
    "transverse plane here",
]


def _warn(data, *details):
    data["warnings"] = [d["message"] for d in details]
    data["warning_details"] = list(details)


def test_a_warning_that_merely_names_an_issue_excuses_nothing(ctx):
    data = program_dict()
    _drop_knees_in_week_2(data)
    text = "Not enough time for knees in every week: see week 2."
    data["warnings"] = [text]
    data["warning_details"] = [
        {"kind": "note", "issue": None, "rule": None, "weeks": [], "detail": None, "message": text}
    ]
    assert lines(data, ctx) == NOT_TRAINED


def test_the_engines_left_out_warning_excuses_its_issue_and_weeks_only(ctx):
    data = program_dict()
    _drop_knees_in_week_2(data)
    _warn(data, engine_warning("left_out", PROFILE.schedule, issue="knees", weeks=(2,)).to_dict())
    assert lines(data, ctx) == []
    # The same warning for other weeks excuses nothing in week 2.
    _warn(data, engine_warning("left_out", PROFILE.schedule, issue="knees", weeks=(3,)).to_dict())
    assert lines(data, ctx) == NOT_TRAINED


def test_a_reworded_or_relabelled_warning_excuses_nothing(ctx):
    data = program_dict()
    _drop_knees_in_week_2(data)
    genuine = engine_warning("left_out", PROFILE.schedule, issue="knees", weeks=(2,)).to_dict()
    forged = [
        {**genuine, "message": genuine["message"].replace("Allow more", "Do not allow more")},
        {**genuine, "weeks": [2, 5]},  # the message still says week 2 only
        {**genuine, "rule": "knees-3d"},  # the engine never sets a rule on it
        {**genuine, "kind": "note"},
        {**genuine, "issue": "inhibition"},
    ]
    for detail in forged:
        _warn(data, detail)
        found = lines(data, ctx)
        if detail["kind"] == "note":
            assert found == NOT_TRAINED
        else:
            assert found == [
                "program: warning 1 (left_out) is not worded as the engine words it",
                *NOT_TRAINED,
            ], detail


def test_a_focus_issue_is_never_excused(ctx):
    profile = attrs.evolve(PROFILE, focus=("knees",))
    data = copy.deepcopy(build(profile).to_dict())
    _drop_knees_in_week_2(data)
    _warn(data, engine_warning("left_out", profile.schedule, issue="knees", weeks=(2,)).to_dict())
    assert lines(data, ctx) == [
        "program: warning 1 (left_out) leaves out knees, a focus issue; the engine never "
        "leaves a focus issue out",
        *NOT_TRAINED,
    ]


def test_warnings_and_their_details_must_agree(ctx):
    data = program_dict()
    data["warnings"] = ["knees is left out"]
    assert lines(data, ctx) == [
        "program: $.warning_details: 0 warning details for 1 warnings; there is one detail "
        "for each warning, in the same order"
    ]


def test_the_general_program_must_say_so_and_only_then():
    data = as_dict(made("general"))
    assert verify(data, context()) == []
    _warn(data)
    assert [str(v) for v in verify(data, context())] == [
        "program: screening found no issue, and no warning says the program is general"
    ]
    data = as_dict(made("left_out"))
    general = as_dict(made("general"))["warning_details"][0]
    _warn(data, *data["warning_details"], general)
    found = [str(v) for v in verify(data, context())]
    assert len(found) == 1
    assert found[0].startswith(
        f"program: warning {len(data['warnings'])} (no_issue) says screening found no issue, "
        "but it found"
    )


def test_deleting_an_engine_warning_is_caught():
    data = as_dict(made("left_out"))
    assert verify(data, context()) == []
    kept = [d for d in data["warning_details"] if d["issue"] != "tightness"]
    [gone] = [d for d in data["warning_details"] if d["issue"] == "tightness"]
    assert gone["kind"] == "left_out" and gone["message"].startswith("tightness is left out of")
    _warn(data, *kept)
    found = [str(v) for v in verify(data, context())]
    assert found, "a program that hides a left-out issue must not pass"
    assert all("tightness" in line for line in found)


# --- Exercises say what the catalogue says --------------------------------------------


def test_a_rewritten_cue_fails():
    data = as_dict(bundled("pregnancy.yaml"))
    # An exercise whose first cue the message quotes whole (a long one is shortened).
    exercise = next(rx for rx in session(data, 2, 1)["exercises"] if len(rx["cues"][0]) < 70)
    original = exercise["cues"][0]
    exercise["cues"][0] = "lie flat on your back and hold your breath"
    assert [str(v) for v in verify(data, context())] == [
        f"week 2, session 1 (mon), {exercise['id']}: does not match the catalogue: cue "
        "'lie flat on your back and hold your breath' is not one of its cues",
        f"week 2, session 1 (mon), {exercise['id']}: does not match the catalogue: its cue "
        f"{original!r} is missing",
    ]


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("name", "Gentle stretch", "name 'Gentle stretch' (the catalogue says 'Clamshell')"),
        ("tags", ["breath_hold"], "tags ['breath_hold'] (the catalogue says ['floor'])"),
        ("equipment", ["mini_band"], "equipment ['mini_band'] (the catalogue says [])"),
        ("cues", [], "its cue 'clamshell cue' is missing"),
        ("cues", ["clamshell cue"] * 2, "its cues are not the catalogue's, in order, once each"),
        ("fault", "none", "fault 'none' (the catalogue says 'clamshell fault')"),
        ("level", 3, "level 3 (the catalogue says 1)"),
        ("targets", ["gmax"], "targets ['gmax'] (the catalogue says ['gmed'])"),
        ("planes", ["sagittal"], "planes ['sagittal'] (the catalogue says"),
        ("evidence", "verified", "evidence 'verified' (the catalogue says 'convention')"),
        ("source", "a blog", "source 'a blog' (the catalogue says 'tiny')"),
    ],
)
def test_safety_relevant_exercise_content_must_be_the_catalogues(ctx, key, value, says):
    data = program_dict()
    session(data, 1, 1)["exercises"][0][key] = value
    found = lines(data, ctx)
    where = "week 1, session 1 (mon), clamshell: does not match the catalogue: "
    assert any(line.startswith(where + says) for line in found), found


def test_the_dose_kind_and_side_are_the_catalogues(ctx):
    data = program_dict()
    squeeze = session(data, 1, 1)["exercises"][1]  # a hold
    squeeze.update(reps=10, hold_s=None)
    walk = session(data, 1, 2)["exercises"][2]  # both legs together
    walk["side"] = "each"
    clam = session(data, 2, 1)["exercises"][0]  # one leg at a time
    clam["side"] = "both"
    assert lines(data, ctx) == [
        "week 1, session 1 (mon), standing_squeeze: does not match the catalogue: it is dosed "
        "in held seconds",
        "week 1, session 2 (thu), band_walk: does not match the catalogue: side 'each', but it "
        "is done with both legs together ('both')",
        "week 2, session 1 (mon), clamshell: does not match the catalogue: side 'both', but it "
        "is done one leg at a time ('each')",
    ]


def test_extra_sets_only_for_the_weaker_side_found_right_after_the_exercise(ctx):
    """Extra sets sit in the exercise's own row (``extra``), only for the one weaker side
    screening names, and only on an exercise done one side at a time."""
    data = program_dict()
    exercises = session(data, 1, 1)["exercises"]
    clam = exercises[0]
    assert clam["id"] == "clamshell"
    clam["extra"] = {"side": "left", "sets": 1}
    assert lines(data, ctx) == []  # screening found the left knee weaker
    clam["extra"] = {"side": "right", "sets": 1}
    assert lines(data, ctx) == [
        "week 1, session 1 (mon), clamshell: extra right-side sets, but the weaker side "
        "screening names is left"
    ]
    clam["extra"] = None
    walk = next(e for e in exercises if e["id"] == "band_walk")
    walk["extra"] = {"side": "left", "sets": 1}
    assert lines(data, ctx) == [
        "week 1, session 1 (mon), band_walk: extra left-side sets, but screening names no one "
        "weaker side for an issue of this exercise, or it is not done one side at a time"
    ]
    walk["extra"] = None
    clam["side"] = "left"  # the first form: a row of its own for one side
    assert lines(data, ctx) == [
        "week 1, session 1 (mon), clamshell: does not match the catalogue: side 'left', but "
        "it is done one leg at a time ('each')"
    ]


def test_an_exercise_twice_in_a_session_fails(ctx):
    data = program_dict()
    exercises = session(data, 1, 1)["exercises"]
    exercises.insert(2, copy.deepcopy(exercises[1]))
    session(data, 1, 1)["minutes"] += exercises[1]["minutes"]
    assert "week 1, session 1 (mon), standing_squeeze: is already in this session" in lines(
        data, ctx
    )


def test_load_and_tempo_are_the_dose_rules_words():
    from gluteus.engine.verify import _shorten

    data = as_dict(bundled("dana.yaml"))
    first = session(data, 1, 1)["exercises"][0]
    first["load"] = "As heavy as you can; push through pain"
    later = session(data, 2, 1)["exercises"][0]
    later["tempo"] = "explosive"
    # In the deload week a loading week's words are not the deload's.
    n = next(w["number"] for w in data["weeks"] if w["deload"])
    deload = session(data, n, 2)["exercises"][0]
    same = next(e for e in session(data, n - 1, 2)["exercises"] if e["id"] == deload["id"])
    deload["load"] = same["load"]
    assert [str(v) for v in verify(data, context())] == [
        f"week 1, session 1 (mon), {first['id']}: load 'As heavy as you can; push through "
        "pain' is not what the dose rules give it in a loading week",
        f"week 2, session 1 (mon), {later['id']}: tempo 'explosive' is not what the dose rules "
        "give it",
        f"week {n}, session 2 (wed), {deload['id']}: load {_shorten(repr(same['load']))} is "
        "not what the dose rules give it in a deload week",
    ]


class ActivationDosesOnly:
    """Dose rules for activation work only: strength work cannot be dosed."""

    gluteus_name = "activation-doses"

    @hookimpl
    def register_dosing(self):
        return [
            DoseRule(
                role="activation",
                phase=phase,
                sets=2,
                reps=(12, 12),
                rest_s=45,
                tempo="2-1-2",
                load="bodyweight",
                source="tiny",
                evidence="convention",
            )
            for phase in ("activation", "strength", "power")
        ]


def test_an_exercise_no_dose_rule_can_dose_is_not_the_engines():
    ctx = tiny_context(ActivationDosesOnly())
    found = lines(program_dict(), ctx)
    assert found[:2] == [
        "week 1, session 1 (mon), band_walk: no dose rule gives strength work a dose at novice "
        "level, so its dose is not the engine's",
        "week 1, session 1 (mon), lateral_step_up: no dose rule gives strength work a dose at "
        "novice level, so its dose is not the engine's",
    ]
    # The clamshell's dose is the rule's words.
    assert not [line for line in found if "clamshell" in line]


def test_allowed_cues_are_the_catalogues_today():
    ex: Exercise = tiny_context().registry.exercises["clamshell"]
    assert allowed_cues(ex, None) == ("clamshell cue",)


# --- The safety section and referrals are re-derived ----------------------------------


def test_deleted_stop_signs_fail():
    data = as_dict(bundled("pregnancy.yaml"))
    signs = list(data["safety"]["stop_signs"])
    deleted = data["safety"]["stop_signs"].pop(0)
    assert [str(v) for v in verify(data, context())] == [f"program: stop sign missing: {deleted!r}"]
    data["safety"]["stop_signs"] = []
    assert len(verify(data, context())) == len(signs)


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (
            lambda s: s["rules"].remove(
                next(r for r in s["rules"] if r["id"] == "pregnancy_no_supine_prone")
            ),
            "program: safety rule pregnancy_no_supine_prone applies to this profile, but the "
            "program does not list it",
        ),
        (
            lambda s: s["rules"][0].update(description="Anything goes."),
            "program: safety rule activation_before_loaded: not as the rule states it "
            "(description differ)",
        ),
        (  # found by the tamper campaign: a repeated rule passed
            lambda s: s["rules"].insert(0, s["rules"][0]),
            "program: the safety rules are not the engine's list, in order, once each",
        ),
        (
            lambda s: s["notes"].append("Pain is fine."),
            "program: note 'Pain is fine.' comes from no rule that applies",
        ),
        (
            lambda s: s["stop_signs"].reverse(),
            "program: the stop signs are not the rules' list, in order, once each",
        ),
        (
            lambda s: s["traffic_light"]["zones"][2].update(action="carry on"),
            "program: the pain traffic light is not the engine's: the red zone's action differ",
        ),
        (
            lambda s: s["traffic_light"].update(rule="Ignore pain."),
            "program: the pain traffic light is not the engine's: its rule differs",
        ),
    ],
)
def test_the_safety_section_is_what_the_rules_produce(edit, says):
    data = as_dict(bundled("pregnancy.yaml"))
    edit(data["safety"])
    assert [str(v) for v in verify(data, context())] == [says]


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (
            lambda r: r[0].update(urgency="soon"),
            "program: referral 1 (bladder_or_bowel_change): urgency 'soon', but the red flag "
            "says 'emergency'",
        ),
        (
            lambda r: r[0].update(see="nobody"),
            "program: referral 1 (bladder_or_bowel_change): see 'nobody', but the red flag says "
            "'Emergency department (A&E) now, or call an ambulance (999 / 112 / 911)'",
        ),
        (
            lambda r: r[0].update(message="carry on training"),
            "program: referral 1 (bladder_or_bowel_change): message 'carry on training', but "
            "the red flag says 'New bladder or bowel problems with back pain can be a sign of",
        ),
        (
            # Graham's low-back pain of 6/10 is a referral too, the least urgent one.
            lambda r: r.pop(),
            "program: the referral for red flag severe_pain (soon, see A physiotherapist or "
            "your GP: book an appointment before you start) is missing",
        ),
        (
            lambda r: r.reverse(),
            "program: referral 1 is for severe_pain, but the profile's red flags call for "
            "bladder_or_bowel_change here (most urgent first)",
        ),
    ],
)
def test_referrals_are_re_derived_and_compared_one_by_one(edit, says):
    data = as_dict(bundled("red_flag.yaml"))
    assert verify(data, context()) == []
    edit(data["referrals"])
    found = [str(v) for v in verify(data, context())]
    assert found[0].startswith(says)


def test_a_referral_holds_nothing_planned():
    data = as_dict(bundled("red_flag.yaml"))
    data["safety"]["notes"] = ["Walk it off."]
    data["findings"] = as_dict(bundled("knees.yaml"))["findings"]
    found = [str(v) for v in verify(data, context())]
    assert "program: note 'Walk it off.' comes from no rule that applies" in found
    assert (
        "program: finding knees: the program says severity 3, screening the profile gives nothing"
    ) in found


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("weaker_side", "left", "weaker_side 'left', screening the profile gives 'right'"),
        ("notes", [], "notes [], screening the profile gives"),
        ("signs", ["knees_cave_in"], "signs ['knees_cave_in'], screening the profile gives"),
    ],
)
def test_every_field_of_a_finding_is_re_derived(key, value, says):
    data = as_dict(bundled("knees.yaml"))
    knees = next(f for f in data["findings"] if f["issue"] == "knees")
    knees[key] = value
    found = [str(v) for v in verify(data, context())]
    assert found[0].startswith(f"program: finding knees: the program says {says}")


def test_the_issues_descriptions_are_the_plugins(ctx):
    data = program_dict()
    data["issues"]["knees"]["fix"] = "Nothing to do."
    del data["issues"]["inhibition"]
    assert lines(data, ctx) == [
        "program: issue inhibition was graded, but the program does not describe it",
        "program: issue knees: its fix is not the plugin's ('Frontal and transverse work "
        "every week.')",
    ]


# --- The profile screening judges is the embedded one ---------------------------------


class DropsPregnancy:
    """A hostile plugin: screening, it quietly removes pregnancy from the profile."""

    gluteus_name = "drops-pregnancy"

    @hookimpl
    def screen(self, profile):
        object.__setattr__(profile, "precautions", ())
        object.__setattr__(profile, "pregnancy_trimester", None)


def test_a_plugin_that_alters_the_profile_cannot_change_what_is_judged():
    ctx = tiny_context(DropsPregnancy())
    profile = attrs.evolve(PROFILE, precautions=("pregnancy",), pregnancy_trimester=2)
    data = program_dict(profile)
    session(data, 1, 1)["exercises"].insert(1, rx("glute_bridge").to_dict())  # supine
    session(data, 1, 1)["minutes"] += 4.0
    found = lines(data, ctx)
    # Each plugin screens its own copy: what it drops from its copy is still judged.
    assert (
        "week 1, session 1 (mon), glute_bridge: excluded by rule pregnancy-no-supine: supine "
        "position"
    ) in found


# --- Unparseable documents are ProfileError, exit 2 -----------------------------------


def test_a_duplicated_key_is_bad_input(tiny, tmp_path):
    text = json.dumps(program_dict())
    text = re.sub(r'"sets": 2,', '"sets": 2, "sets": 9,', text, count=1)
    result, path = check_file(tmp_path, text)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:1: the key 'sets' appears twice in one object\n"


def test_parse_errors_name_the_program(tmp_path):
    from gluteus.engine.loading import parse_text

    with pytest.raises(ProfileError, match="NaN is not a number a program may hold"):
        parse_text('{"a": NaN}', "json", "p.json", what="program")
    with pytest.raises(ProfileError, match="NaN is not a number a profile may hold"):
        parse_text('{"a": NaN}', "json", "p.json")


def test_violations_stay_short_whatever_the_document_holds(ctx):
    data = program_dict()
    session(data, 1, 1)["exercises"][0]["id"] = "x" * 1_000_000
    session(data, 1, 2)["exercises"][0]["cues"] = ["y" * 1_000_000]
    found = lines(data, ctx)
    assert found and all(len(line) < 400 for line in found)
