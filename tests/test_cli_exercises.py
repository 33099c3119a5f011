"""``gluteus exercises``: browse, filter, show one, JSON listing and per-profile exclusions."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from gluteus.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, ["exercises", *args])


def test_json_lists_the_whole_catalogue_sorted_with_every_field():
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) >= 60
    ids = [item["id"] for item in data]
    assert ids == sorted(ids)
    fields = {
        "id",
        "name",
        "issues",
        "role",
        "position",
        "planes",
        "equipment",
        "loaded",
        "unilateral",
        "level",
        "cues",
        "fault",
        "source",
        "evidence",
        "seconds_per_rep",
        "hold_s",
        "rest_s",
        "tags",
        "targets",
        "activation",
        "why",
        "source_citation",
        "ladders",
    }
    for item in data:
        assert fields <= set(item), fields - set(item)
    assert {"clamshell", "glute_bridge", "standing_kickback", "lateral_band_walk"} <= set(ids)


def test_json_is_deterministic():
    assert run("--format", "json").stdout == run("--format", "json").stdout


def test_filters_combine():
    result = run("--issue", "knees", "--role", "strength", "--format", "json")
    data = json.loads(result.stdout)
    assert data and all("knees" in d["issues"] and d["role"] == "strength" for d in data)

    data = json.loads(run("--equipment", "mini_band", "--format", "json").stdout)
    assert data and all(set(d["equipment"]) <= {"mini_band"} for d in data)
    assert any(d["equipment"] == ["mini_band"] for d in data)
    assert any(d["equipment"] == [] for d in data)
    assert all("barbell" not in d["equipment"] for d in data)

    data = json.loads(run("--position", "side-lying", "--level", "1", "--format", "json").stdout)
    assert data and all(d["position"] == "side-lying" and d["level"] == 1 for d in data)


def test_text_listing_is_a_plain_table_when_piped():
    result = run("--issue", "tightness")
    assert result.exit_code == 0
    assert "isometric_bridge_hold" in result.stdout
    assert "clamshell" in result.stdout and "back_squat" not in result.stdout
    assert result.stdout.strip().endswith("exercises")


def test_show_one_exercise_with_cues_evidence_and_ladders():
    result = run("clamshell")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Clamshell (clamshell)" in out
    assert "Open the top knee" in out
    assert "Rolling the pelvis backwards" in out
    assert "glute med 40% MVIC" in out and "distefano2009" in out and "verified" in out
    assert "abduction_er" in out and "rung 1 of" in out


def test_show_one_as_json():
    data = json.loads(run("single_leg_bridge", "--format", "json").stdout)
    assert data["id"] == "single_leg_bridge"
    assert any(p["ladder"] == "hip_extension" for p in data["ladders"])


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (("clamshel",), "clamshell"),
        (("--issue", "kness"), "knees"),
        (("--role", "strenght"), "strength"),
        (("--equipment", "miniband"), "mini_band"),
        (("--position", "sidelying"), "side-lying"),
    ],
)
def test_unknown_values_exit_2_with_the_closest(args, suggestion):
    result = run(*args)
    assert result.exit_code == 2
    assert suggestion in result.stderr
    assert "Traceback" not in result.output


def test_profile_shows_which_rules_exclude_what(tmp_path):
    path = tmp_path / "pregnant.json"
    path.write_text(
        json.dumps(
            {"age": 31, "precautions": ["pregnancy"], "pregnancy_trimester": 2, "pain": {"knee": 5}}
        )
    )
    result = run("--profile", str(path))
    assert result.exit_code == 0, result.output
    assert "pregnancy_no_supine_prone" in result.stdout
    assert "glute_bridge" in result.stdout and "supine position" in result.stdout
    assert "knee_pain_high" in result.stdout
    assert "reduced fetal movement" in result.stdout
    data = json.loads(run("--profile", str(path), "--format", "json").stdout)
    assert "glute_bridge" in data["excluded"] and "glute_bridge" not in data["allowed"]
    assert "standing_glute_squeeze" in data["allowed"]
    assert any(r.startswith("knee_pain_high:") for r in data["excluded"]["goblet_squat"])


def test_profile_with_a_red_flag_says_generation_would_refer(tmp_path):
    path = tmp_path / "flag.json"
    path.write_text(json.dumps({"age": 45, "red_flags": ["saddle_numbness"]}))
    result = run("--profile", str(path))
    assert result.exit_code == 0, result.output
    assert "refer" in result.stdout and "saddle_numbness" in result.stdout


def test_bad_profile_exits_2(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"age": 31, "precautions": ["pregnancyy"]}))
    result = run("--profile", str(path))
    assert result.exit_code == 2


def test_a_terminal_gets_a_rich_table_that_keeps_every_id_whole(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("PAGER", "cat")
    monkeypatch.setenv("COLUMNS", "100")
    result = run("--issue", "knees")
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout
    monkeypatch.delenv("FORCE_COLOR")
    ids = [d["id"] for d in json.loads(run("--issue", "knees", "--format", "json").stdout)]
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert ids and all(re.search(rf"^{re.escape(i)}\s", shown, re.M) for i in ids), (
        "ids never wrap, whatever the width"
    )
