"""The example third-party plugin (examples/gluteus-hamstrings) works with no change
to gluteus: registered through the same entry-point path an installed package uses,
its signs are valid in profiles, it is listed, and its issue appears in programs
that pass verification."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import gluteus
from gluteus.engine.contract import check_plugin
from gluteus.engine.pluginmanager import make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "examples" / "gluteus-hamstrings"

PROFILE_YAML = """\
age: 29
experience: intermediate
schedule: {weeks: 6, sessions_per_week: 3, minutes_per_session: 40}
equipment: [mat, mini_band, slider, dumbbell, stability_ball]
signs: [hamstring_strain_history, hamstrings_cramp_when_sprinting]
seed: 3
"""


@pytest.fixture
def installed(monkeypatch):
    """The plugin as if pip-installed: on sys.path and in the gluteus entry-point group."""
    monkeypatch.syspath_prepend(str(PACKAGE))
    ep = importlib.metadata.EntryPoint(
        name="hamstrings", value="gluteus_hamstrings", group="gluteus"
    )
    real = importlib.metadata.entry_points

    def entry_points(**kw):
        if kw.get("group") == "gluteus":
            return importlib.metadata.EntryPoints([ep])
        return real(**kw)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    yield
    sys.modules.pop("gluteus_hamstrings", None)


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "runner.yaml"
    path.write_text(PROFILE_YAML)
    return path


def test_it_loads_through_the_entry_point(installed):
    pm = make_plugin_manager()
    assert pm.has_plugin("hamstrings")
    assert "hamstrings" not in pm.builtin_names
    assert not pm.load_errors


def test_its_signs_are_valid_only_when_it_is_installed(installed, profile_file):
    profile = gluteus.load_profile(profile_file)
    assert "hamstring_strain_history" in profile.signs
    without = make_plugin_manager(entrypoints=False)
    with pytest.raises(gluteus.ProfileError, match="hamstring_strain_history"):
        gluteus.load_profile(profile_file, plugins=without)


def test_programs_contain_its_issue_and_pass_verification(installed, profile_file):
    pm = make_plugin_manager()
    profile = gluteus.load_profile(profile_file, plugins=pm)
    program = gluteus.generate(profile, plugins=pm)
    data = program.to_dict()
    found = {f["issue"]: f["severity"] for f in data["findings"]}
    assert found["hamstrings"] == 2
    used = {
        ex["id"]
        for week in data["weeks"]
        for session in week["sessions"]
        for ex in session["exercises"]
        if "hamstrings" in ex["issues"]
    }
    assert used, "no hamstring exercise in the program"
    assert data["engine"]["plugins"]["hamstrings"] == "0.1.0"
    assert gluteus.check(data, plugins=pm) == []


def test_it_keeps_the_plugin_contract(installed):
    assert check_plugin(make_plugin_manager(), "hamstrings") == []


def test_the_command_line_lists_it_and_uses_it(installed, profile_file):
    from gluteus.cli import cli

    runner = CliRunner()
    listed = runner.invoke(cli, ["plugins"])
    assert listed.exit_code == 0, listed.output
    assert "hamstrings" in listed.stdout
    result = runner.invoke(cli, ["generate", str(profile_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "hamstrings" in {f["issue"] for f in json.loads(result.stdout)["findings"]}


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("GLUTEUS_INSTALL_TESTS") != "1",
    reason="builds and pip-installs the package (needs the package index for setuptools); "
    "set GLUTEUS_INSTALL_TESTS=1 to run",
)
def test_pip_install_registers_the_entry_point(tmp_path):
    """A real install (into a throwaway target folder), then a fresh interpreter."""
    target = tmp_path / "site"
    # Build from a copy: setuptools writes build/ and *.egg-info next to the sources.
    source = tmp_path / "src"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        cwd=tmp_path,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "from gluteus.engine.pluginmanager import make_plugin_manager, plugin_versions;"
        "print(plugin_versions(make_plugin_manager())['hamstrings'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "0.1.0"
    listed = subprocess.run(
        [sys.executable, "-m", "gluteus", "plugins"], env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert "hamstrings" in listed.stdout


@pytest.mark.slow  # a fresh interpreter importing the engine; CI runs it
def test_a_fresh_interpreter_finds_it_through_real_package_metadata(tmp_path, profile_file):
    """The distribution as an installer lays it out (the package beside a .dist-info
    folder with its entry_points.txt), found by importlib.metadata in a new process:
    the real discovery path, with no monkeypatching and no network."""
    site = tmp_path / "site"
    shutil.copytree(
        PACKAGE / "gluteus_hamstrings",
        site / "gluteus_hamstrings",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    info = site / "gluteus_hamstrings-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: gluteus-hamstrings\nVersion: 0.1.0\n"
    )
    (info / "entry_points.txt").write_text("[gluteus]\nhamstrings = gluteus_hamstrings\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}

    def gluteus_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gluteus", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    listed = gluteus_cli("plugins", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert "hamstrings" in listed.stdout and "0.1.0" in listed.stdout
    result = gluteus_cli("generate", str(profile_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    program = json.loads(result.stdout)
    assert program["engine"]["plugins"]["hamstrings"] == "0.1.0"
    assert any(f["issue"] == "hamstrings" and f["severity"] >= 1 for f in program["findings"])
    out = tmp_path / "program.json"
    out.write_text(result.stdout)
    checked = gluteus_cli("check", str(out))
    assert checked.returncode == 0, checked.stdout + checked.stderr
