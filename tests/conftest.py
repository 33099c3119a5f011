"""Shared test setup: hypothesis profiles and a fresh plugin manager per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci" extends hypothesis's own CI profile (loaded when CI is set); "dev" is the
# default locally; "thorough" is for long local runs: pytest --hypothesis-profile thorough
settings.register_profile(
    "dev", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    settings(settings.get_profile("ci"), deadline=None, max_examples=120),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", deadline=None, max_examples=2000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"


def pytest_configure(config: pytest.Config) -> None:
    """Compile the package's bytecode once, as an installed package has it: many tests
    run ``python -m gluteus`` in a child process, and with PYTHONDONTWRITEBYTECODE set
    (as on CI) an editable checkout has none, so every child compiled the whole engine
    from source. Written atomically, so xdist's workers may race at it harmlessly."""
    import compileall

    for folder in (ROOT / "gluteus", ROOT / "examples"):
        compileall.compile_dir(folder, quiet=2, workers=1)


@pytest.fixture(autouse=True)
def _no_inherited_terminal_size(monkeypatch):
    """Every test starts as a pipe with no ``COLUMNS`` or ``LINES`` (pytest-xdist's
    workers inherit the terminal's size there); a test that wants a width sets one."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def pm():
    """A fresh plugin manager with the built-in plugins only (no entry points), per test."""
    from gluteus.engine.pluginmanager import make_plugin_manager

    return make_plugin_manager(entrypoints=False)


HEAVY_CHECK = """
import json, sys
from click.testing import CliRunner
from gluteus.cli import cli
codes = [CliRunner().invoke(cli, args).exit_code for args in json.loads(sys.argv[1])]
heavy = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("ortools", "matplotlib")
    or (name.startswith("gluteus") and ("planner" in name or "solver" in name))
)
print(json.dumps({"codes": codes, "heavy": heavy}))
"""


def heavy_imports(*runs: list[str]) -> tuple[list[int], list[str]]:
    """Run ``gluteus`` with each argument list in one fresh interpreter: the exit codes,
    and the heavy modules (solver, planner, charting) that got imported."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", HEAVY_CHECK, json.dumps(list(runs))],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["codes"], report["heavy"]
