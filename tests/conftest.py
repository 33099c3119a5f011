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


@pytest.fixture
def pm():
    """A fresh plugin manager with the built-in plugins only (no entry points), per test."""
    from gluteus.engine.pluginmanager import make_plugin_manager

    return make_plugin_manager(entrypoints=False)
