"""Programs generated once per test process from the bundled profiles, for the tests
of ``gluteus check`` and of the program model.

Generating takes the solver a tenth of a second or more per profile; every test
that needs a real program shares these. Callers get a deep copy to edit.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import attrs
from conftest import PROFILES

from gluteus.engine import api
from gluteus.engine.errors import ReferralRequired
from gluteus.engine.profile import Profile
from gluteus.engine.program import Program

BUNDLED = tuple(
    sorted(p.name for p in PROFILES.iterdir() if p.suffix in (".yaml", ".toml", ".json"))
)
"""Every bundled profile file, by name."""

LEFT_OUT = {
    "age": 40,
    "schedule": {"weeks": 4, "sessions_per_week": 1, "minutes_per_session": 10},
    "signs": [
        "barely_feel_glutes",
        "hamstrings_or_back_take_over",
        "flat_glutes_despite_training",
        "low_back_ache_standing",
        "knees_cave_in",
        "chronic_glute_tightness",
        "poor_balance",
    ],
}
"""Ten minutes once a week cannot hold every issue found: a program with 'left_out'
warnings."""

GENERAL = {"age": 40, "schedule": {"weeks": 2}}
"""Nothing found: a general program with the 'no_issue' warning."""


@functools.cache
def context() -> api.Context:
    """The built-in plugins (no entry points), built once."""
    from gluteus.engine.pluginmanager import make_plugin_manager

    return api.context(make_plugin_manager(entrypoints=False))


def _program(profile: Profile) -> Program:
    try:
        return api.generate(profile, plugins=context().pm)
    except ReferralRequired as exc:
        assert isinstance(exc.result, Program)
        return exc.result


@functools.cache
def _bundled(name: str, weeks: int | None) -> Program:
    profile = api.load_profile(PROFILES / name, plugins=context().pm)
    if weeks is not None:
        profile = attrs.evolve(profile, schedule=attrs.evolve(profile.schedule, weeks=weeks))
    return _program(profile)


def bundled(name: str, weeks: int | None = None) -> Program:
    """The program (or referral) for the bundled profile ``name``, optionally shortened
    to ``weeks`` weeks (shorter programs verify faster)."""
    return _bundled(name, weeks)


@functools.cache
def _made(kind: str) -> Program:
    data = {"left_out": LEFT_OUT, "general": GENERAL}[kind]
    return _program(Profile.from_dict(data))


def made(kind: str) -> Program:
    """``left_out`` or ``general``: a program with that engine warning."""
    return _made(kind)


def as_dict(program: Program) -> dict[str, Any]:
    """A fresh deep copy of the program's JSON data, safe to edit."""
    return copy.deepcopy(program.to_dict())


def retime(session: dict[str, Any]) -> None:
    """A session's minutes summed again from its exercises, after a test has taken some
    out or put some in (the check compares the two)."""
    session["minutes"] = round(sum(rx["minutes"] for rx in session["exercises"]), 1)
