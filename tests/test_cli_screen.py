"""`gluteus screen` through click's CliRunner: every exit code it can give, both formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import heavy_imports

from gluteus.cli import cli
from gluteus.cli.screen import SCREEN_FORMAT, SEVERITY_WORDS
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.schemas import program_validator

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"

DANA = {
    "name": "Dana",
    "age": 38,
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes", "knees_cave_in"],
    "pain": {"low_back": 3, "knee": 2, "hip": 0, "buttock": 4},
    "tests": {
        "single_leg_stance_s": {"left": 12, "right": 30},
        "side_plank_s": {"left": 20, "right": 35},
        "single_leg_squat_knee_valgus": {"left": True, "right": False},
        "trendelenburg": {"left": False, "right": True},
        "bridge_hold_s": 40,
    },
}
ISSUE_NAMES = ("inhibition", "back", "knees", "tightness", "function")


@pytest.fixture(autouse=True)
def no_entry_points(monkeypatch):
    """The command's plugin manager: the built-ins only, whatever is installed."""
    original = pluginmanager_module.make_plugin_manager

    def make(**kwargs):
        return original(**{**kwargs, "entrypoints": False})

    monkeypatch.setattr(pluginmanager_module, "make_plugin_manager", make)


@pytest.fixture
def runner():
    return CliRunner()


def write(tmp_path: Path, data: dict, name: str = "person.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def screen(runner: CliRunner, *args: str):
    return runner.invoke(cli, ["screen", *args])


# --- exit 0 -------------------------------------------------------------------------------


def test_text_shows_findings_severity_evidence_side_and_rules(runner, tmp_path, pm):
    result = screen(runner, str(write(tmp_path, DANA)))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for issue in ISSUE_NAMES:
        assert f"[{issue}]:" in out
    expected = api.screen_profile(api.load_profile(write(tmp_path, DANA), plugins=pm), plugins=pm)
    for finding in expected.findings:
        assert (
            f"[{finding.issue}]: {finding.severity} of 3, {SEVERITY_WORDS[finding.severity]}" in out
        )
    assert "Signs:    barely feeling your glutes work" in out
    assert "Test:     single-leg squat: the knee caves in on the left" in out
    assert "Weaker:   left side" in out  # function: stance 12 s vs 30 s
    assert "Evidence: weak: little or mixed research" in out
    assert "very weak" in out  # the inhibition caveat
    assert "Safety rules that apply to you" in out
    for rule_id in expected.restrictions.rule_ids:
        assert f"[{rule_id}]" in out
    assert result.stderr == ""


def test_text_lists_precautions_and_stop_signs(runner, tmp_path):
    data = {"age": 31, "precautions": ["pregnancy"], "pregnancy_trimester": 2}
    result = screen(runner, str(write(tmp_path, data)))
    assert result.exit_code == 0, result.output
    assert "pregnancy (trimester 2)" in result.stdout
    assert "[pregnancy_no_supine_prone]" in result.stdout
    assert "Stop and seek care if you notice" in result.stdout
    assert "reduced fetal movement" in result.stdout


def test_text_for_an_empty_profile_finds_nothing(runner, tmp_path):
    result = screen(runner, str(write(tmp_path, {"age": 30})))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("0 of 3, none") == 5
    assert "Test:" not in result.stdout


def test_json_has_the_documented_shape(runner, tmp_path, pm):
    path = write(tmp_path, {**DANA, "precautions": ["hypertension"]})
    result = screen(runner, str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"format", "status", "engine", "profile", "findings", "safety"}
    assert data["format"] == SCREEN_FORMAT
    assert data["status"] == "ok"
    assert set(data["engine"]["plugins"]) >= {"safety", *ISSUE_NAMES}
    expected = api.screen_profile(api.load_profile(path, plugins=pm), plugins=pm)
    assert data["profile"] == expected.profile.to_dict()
    assert [f["issue"] for f in data["findings"]] == list(ISSUE_NAMES)
    for got, finding in zip(data["findings"], expected.findings, strict=True):
        assert set(got) == {
            "issue",
            "name",
            "severity",
            "severity_words",
            "signs",
            "tests",
            "weaker_side",
            "focus",
            "notes",
            "evidence",
            "evidence_note",
        }
        assert got["severity"] == finding.severity
        assert got["severity_words"] == SEVERITY_WORDS[finding.severity]
        assert got["signs"] == list(finding.signs)
        assert got["tests"] == list(finding.tests)
        assert got["weaker_side"] == finding.weaker_side
    safety = data["safety"]
    assert set(safety) == {"rules", "precautions", "cap", "stop_signs", "notes"}
    assert [r["id"] for r in safety["rules"]] == [r.id for r in expected.restrictions.rules]
    assert "hypertension" in [r["id"] for r in safety["rules"]]
    assert safety["cap"]["max_rpe"] == 7 and safety["cap"]["max_hold_s"] is None
    assert safety["precautions"][0]["id"] == "hypertension"
    assert safety["precautions"][0]["question"].endswith("?")
    excluded = {ex for r in safety["rules"] for ex in r["excludes"]}
    assert excluded == set(expected.restrictions.excluded)


def test_short_format_option_and_text_default(runner, tmp_path):
    path = str(write(tmp_path, {"age": 30}))
    assert json.loads(screen(runner, path, "-f", "json").stdout)["status"] == "ok"
    assert screen(runner, path).stdout.startswith("Screening: age 30, novice")


# --- exit 2 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"age": 5}, "age"),
        ({"age": 30, "signs": ["knees_cave"]}, "knees_cave_in"),  # suggests the closest
        ({"age": 30, "red_flags": ["saddle"]}, "saddle"),
        ({"age": 30, "shedule": {}}, "schedule"),
    ],
)
def test_bad_profiles_exit_2_with_one_message_and_no_traceback(runner, tmp_path, data, words):
    result = screen(runner, str(write(tmp_path, data)))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unparseable_file_exits_2(runner, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("age: [30\n")
    result = screen(runner, str(path))
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_and_unknown_format_are_usage_errors(runner, tmp_path):
    assert screen(runner, str(tmp_path / "nobody.yaml")).exit_code == 2
    path = str(write(tmp_path, {"age": 30}))
    result = screen(runner, path, "--format", "pdf")
    assert result.exit_code == 2
    assert "pdf" in result.stderr


# --- exit 3 -------------------------------------------------------------------------------

FLAGGED = {
    "name": "Graham",
    "age": 61,
    "signs": ["low_back_ache_standing"],
    "red_flags": ["history_of_cancer", "saddle_numbness", "fever_or_unwell"],
}


def test_red_flag_text_prints_one_referral_per_flag_most_urgent_first(runner, tmp_path, pm):
    result = screen(runner, str(write(tmp_path, FLAGGED)))
    assert result.exit_code == 3, result.output
    out = result.stdout
    assert "No program: a red flag needs a clinician first." in out
    registry = api.context(pm).registry
    positions = []
    for flag_id in FLAGGED["red_flags"]:
        flag = registry.red_flags[flag_id]
        assert f"[{flag_id}]" in out
        assert flag.see.split(",")[0] in out
        positions.append(out.index(f"[{flag_id}]"))
    # saddle numbness (emergency), fever (urgent), cancer (soon)
    assert positions[1] < positions[2] < positions[0]
    assert "EMERGENCY" in out and "URGENT" in out and "SOON" in out
    assert "[inhibition]" not in out  # no findings with a red flag
    assert result.stderr.startswith("Error: red flag present")
    assert len(result.stderr.strip().splitlines()) == 1


def test_red_flag_json_is_the_referral_program_and_validates(runner, tmp_path):
    result = screen(runner, str(write(tmp_path, FLAGGED)), "--format", "json")
    assert result.exit_code == 3, result.output
    data = json.loads(result.stdout)
    program_validator().validate(data)
    assert data["format"] == "gluteus.program/1"
    assert data["status"] == "referral"
    assert [r["flag"] for r in data["referrals"]] == [
        "saddle_numbness",
        "fever_or_unwell",
        "history_of_cancer",
    ]
    assert [r["urgency"] for r in data["referrals"]] == ["emergency", "urgent", "soon"]
    assert all(r["see"] and r["message"] for r in data["referrals"])
    assert data["weeks"] == []
    assert data["profile"]["name"] == "Graham"
    assert "red flag present" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("flag", ["bladder_or_bowel_change", "progressive_leg_weakness"])
def test_a_cauda_equina_flag_says_emergency_care(runner, tmp_path, flag):
    result = screen(runner, str(write(tmp_path, {"age": 45, "red_flags": [flag]})))
    assert result.exit_code == 3
    assert "EMERGENCY - go now" in result.stdout
    assert "A&E" in result.stdout


def test_help_lists_exit_codes(runner):
    result = runner.invoke(cli, ["screen", "--help"])
    assert result.exit_code == 0
    assert "3 a red flag" in result.stdout


# --- speed: no solver, no planner ---------------------------------------------------------


def test_screen_never_imports_the_solver_or_the_planner():
    codes, heavy = heavy_imports(
        ["screen", str(PROFILES / "dana.yaml")],
        ["screen", str(PROFILES / "dana.yaml"), "--format", "json"],
        ["screen", str(PROFILES / "red_flag.yaml"), "--format", "json"],
        ["screen", str(PROFILES / "red_flag.yaml")],
    )
    assert codes == [0, 0, 3, 3]
    assert heavy == []


def test_a_terminal_gets_the_rich_look_and_a_pipe_plain_text(runner, tmp_path, monkeypatch):
    path = str(write(tmp_path, DANA))
    plain = screen(runner, path).stdout
    assert "\x1b[" not in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("PAGER", "cat")
    rich = screen(runner, path).stdout
    assert "\x1b[" in rich, "colour in a terminal"
    assert "Severity" in rich and "Weaker side" in rich, "the findings as a table"
    for name in ("Knees cave in", "Safety rules that apply to you"):
        assert name in rich
    monkeypatch.setenv("NO_COLOR", "1")
    assert screen(runner, path).stdout == plain, "NO_COLOR wins: plain text"


def test_a_red_flag_in_a_terminal_keeps_exit_3_and_says_whom_to_see(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("PAGER", "cat")
    result = screen(runner, str(write(tmp_path, {**DANA, "red_flags": ["saddle_numbness"]})))
    assert result.exit_code == 3
    assert "\x1b[" in result.stdout and "See:" in result.stdout
