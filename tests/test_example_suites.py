"""Each example plugin's own test suite (examples/*/tests) passes inside the project's
suite: run as its author runs it, from its own folder, with its own pytest settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = sorted(p.parent for p in (ROOT / "examples").glob("*/tests") if p.is_dir())


def test_every_example_plugin_has_a_suite():
    assert {p.name for p in PACKAGES} >= {"gluteus-hamstrings", "gluteus-falls"}


@pytest.mark.slow  # each example's own suite in a fresh process
@pytest.mark.parametrize("package", PACKAGES, ids=[p.name for p in PACKAGES])
def test_the_example_plugins_own_tests_pass(package):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(package), str(ROOT)])}
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=package,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
