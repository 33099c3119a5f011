"""The second example plugin (examples/gluteus-falls) works with no change to gluteus:
installed through the entry-point path, its own objective test, equipment, pain
region and person state are valid in profiles, programs use its rules, and
`gluteus check` enforces the rule conditioned on its test."""

from __future__ import annotations

import importlib.metadata
import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import gluteus
from gluteus.cli import cli
from gluteus.engine.contract import check_plugin
from gluteus.engine.pluginmanager import make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "examples" / "gluteus-falls"

PROFILE = {
    "age": 74,
    "schedule": {"weeks": 6, "sessions_per_week": 3, "minutes_per_session": 30},
    "signs": ["fallen_in_last_year", "worried_about_falling"],
    "equipment": ["ankle_cuff_weights", "mat"],
    "pain": {"ankle": 2},
    "tests": {"four_square_step_s": 17},
    "seed": 1,
}


@pytest.fixture
def installed(monkeypatch):
    """The plugin as if pip-installed: on sys.path and in the gluteus entry-point group."""
    monkeypatch.syspath_prepend(str(PACKAGE))
    ep = importlib.metadata.EntryPoint(name="falls", value="gluteus_falls", group="gluteus")
    real = importlib.metadata.entry_points

    def entry_points(**kw):
        if kw.get("group") == "gluteus":
            return importlib.metadata.EntryPoints([ep])
        return real(**kw)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    yield
    sys.modules.pop("gluteus_falls", None)


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "steady.yaml"
    path.write_text(yaml.safe_dump(PROFILE))
    return path


def test_it_loads_through_the_entry_point_and_keeps_the_contract(installed):
    pm = make_plugin_manager()
    assert pm.has_plugin("falls") and not pm.load_errors
    registry = pm.registry()
    assert registry.plugin_of("test", "four_square_step_s") == "falls"
    assert registry.plugin_of("equipment", "ankle_cuff_weights") == "falls"
    assert registry.plugin_of("pain_region", "ankle") == "falls"
    assert registry.plugin_of("person_state", "steadiness") == "falls"
    assert registry.warnings == ()
    assert check_plugin(make_plugin_manager(), "falls", generate=False) == []


def test_a_profile_using_its_vocabulary_validates_screens_and_generates(installed, profile_file):
    pm = make_plugin_manager()
    profile = gluteus.load_profile(profile_file, plugins=pm)
    assert profile.tests["four_square_step_s"] == 17
    program = gluteus.generate(profile, plugins=pm).to_dict()
    [falls] = [f for f in program["findings"] if f["issue"] == "falls"]
    assert falls["severity"] == 3
    assert falls["test_results"] == [
        {
            "test": "four_square_step_s",
            "side": None,
            "value": 17,
            "meaning": "over 15 s, the time Dite 2002 found in people who fall more than once",
            "name": "four square step test",
        }
    ]
    assert {r["id"] for r in program["safety"]["rules"]} >= {
        "falls-slow-stepping",
        "falls-unsteady-no-impact",
        "falls-balance-weekly",
    }
    [state] = [p for p in program["person"] if p["state"] == "steadiness"]
    assert state["value"] == "unsteady"
    used = {e["id"] for w in program["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert "falls_one_leg_stand" not in used
    assert gluteus.check(program, plugins=pm) == []
    # The structured results survive a round trip through the program JSON.
    again = gluteus.Program.from_dict(program).to_dict()
    assert again["findings"] == program["findings"]


def test_the_command_line_uses_it_and_check_enforces_the_conditional_rule(
    installed, profile_file, tmp_path
):
    runner = CliRunner()
    listed = runner.invoke(cli, ["plugins", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    [falls] = [p for p in json.loads(listed.stdout)["plugins"] if p["name"] == "falls"]
    given = falls["contributes"]
    assert (given["tests"], given["equipment"], given["pain_regions"]) == (1, 1, 1)
    assert given["person_states"] == 1 and given["sources"] == 4
    result = runner.invoke(cli, ["generate", str(profile_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    program = json.loads(result.stdout)
    path = tmp_path / "program.json"
    path.write_text(result.stdout)
    assert runner.invoke(cli, ["check", str(path)]).exit_code == 0
    # A hand edit putting unsupported balance work in front of a slow stepper is caught.
    entry = next(
        e
        for w in program["weeks"]
        for s in w["sessions"]
        for e in s["exercises"]
        if e["id"] == "falls_tandem_stance_supported"
    )
    entry["id"] = "falls_one_leg_stand"
    path.write_text(json.dumps(program))
    checked = runner.invoke(cli, ["check", str(path)])
    assert checked.exit_code != 0
    assert "excluded by rule falls-slow-stepping: tagged unsupported_balance" in checked.output


def test_blocking_it_takes_its_vocabulary_away(installed, profile_file):
    result = CliRunner().invoke(cli, ["--block-plugins", "falls", "screen", str(profile_file)])
    assert result.exit_code == 2
    assert "four_square_step_s" in result.stderr
    assert "Traceback" not in result.output


def test_a_fresh_interpreter_finds_it_through_real_package_metadata(tmp_path, profile_file):
    """Laid out as an installer lays it out (the package beside a .dist-info folder
    with its entry_points.txt), found by importlib.metadata in a new process."""
    import os
    import shutil
    import subprocess

    site = tmp_path / "site"
    shutil.copytree(
        PACKAGE / "gluteus_falls",
        site / "gluteus_falls",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    info = site / "gluteus_falls-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gluteus-falls\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[gluteus]\nfalls = gluteus_falls\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    env.pop("GLUTEUS_LOAD_PLUGINS", None)
    env.pop("GLUTEUS_BLOCK_PLUGINS", None)
    done = subprocess.run(
        [sys.executable, "-m", "gluteus", "generate", str(profile_file), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    program = json.loads(done.stdout)
    assert program["engine"]["plugins"]["falls"] == "0.1.0"
    assert "falls-slow-stepping" in {r["id"] for r in program["safety"]["rules"]}
