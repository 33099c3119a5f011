"""The code stays clean: ruff (lint and format) and mypy, run by the test suite so CI
enforces them; mypy --strict on the public API as an embedding app uses it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def needs(module: str) -> None:
    if shutil.which(module) is None and run(module, "--version").returncode != 0:
        pytest.skip(f"{module} is not installed (it comes with the test extra)")


def test_ruff_finds_nothing():
    needs("ruff")
    result = run("ruff", "check", "gluteus", "tests", "benchmarks", "docs", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_has_nothing_to_change():
    needs("ruff")
    result = run("ruff", "format", "--check", "gluteus", "tests", "benchmarks", "docs", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # a full mypy run
def test_mypy_is_clean_on_the_package():
    needs("mypy")
    result = run("mypy", "gluteus")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # a full mypy --strict run
def test_the_public_api_is_clean_under_mypy_strict():
    """What `import gluteus` exports, used as an embedding app would."""
    needs("mypy")
    result = run(
        "mypy",
        "--strict",
        "--follow-imports=silent",
        "gluteus/__init__.py",
        "tests/typecheck/api_usage.py",
    )
    assert result.returncode == 0, result.stdout + result.stderr
