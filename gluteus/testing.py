"""Test helpers for plugin authors (and gluteus's own tests).

Needs the test extra (``pip install 'gluteus[test]'``: pytest and hypothesis).
Use the fixtures by adding one line to your ``conftest.py``::

    pytest_plugins = ["gluteus.testing"]

then::

    from gluteus.testing import assert_plugin_ok, profiles, registered_plugin

    def test_contract(gluteus_pm):
        pm = gluteus_pm(my_plugin)              # built-ins + my plugin, no entry points
        assert_plugin_ok(pm, "my_plugin")

    @given(profiles(signs=my_plugin.SIGN_IDS))
    def test_screen_grades_0_to_3(profile):
        assert 0 <= my_plugin.grade(profile).severity <= 3

Nothing here keeps global state: every manager is built fresh, and
:func:`registered_plugin` always unregisters what it registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pluggy
import pytest
from hypothesis import strategies as st

from .engine.contract import Problem, check_plugin
from .engine.model import EQUIPMENT, EXPERIENCE, PAIN_REGIONS
from .engine.pluginmanager import GluteusPluginManager, make_plugin_manager, plugin_name
from .engine.profile import Profile
from .engine.registry import Registry

__all__ = [
    "Problem",
    "assert_plugin_ok",
    "check_plugin",
    "gluteus_pm",
    "profile_dicts",
    "profiles",
    "registered_plugin",
]


# --- plugin managers ---------------------------------------------------------------


def _fresh_pm(*plugins: object, defaults: bool = True) -> GluteusPluginManager:
    return make_plugin_manager(entrypoints=False, defaults=defaults, plugins=plugins)


@pytest.fixture
def gluteus_pm() -> Callable[..., GluteusPluginManager]:
    """A factory for fresh plugin managers: ``gluteus_pm(*plugins, defaults=True)``.

    Each call returns a new manager holding the built-in plugins (unless
    ``defaults=False``) and ``plugins``, but no installed entry points, so a test
    sees exactly the plugins it asks for.
    """
    return _fresh_pm


@contextmanager
def registered_plugin(
    pm: pluggy.PluginManager, plugin: object, name: str | None = None
) -> Iterator[object]:
    """Register ``plugin`` on ``pm`` for the duration of a ``with`` block.

    The plugin is unregistered on the way out, even when the block raises, so it
    cannot leak into another test (datasette #2627).
    """
    pm.register(plugin, name=name or plugin_name(plugin))
    try:
        pm.check_pending()
        yield plugin
    finally:
        pm.unregister(plugin)


def assert_plugin_ok(pm: pluggy.PluginManager, name: str, *, generate: bool = True) -> None:
    """Fail the test with every contract problem of plugin ``name``, one per line."""
    problems = check_plugin(pm, name, generate=generate)
    if problems:
        raise AssertionError(
            f"plugin {name!r} breaks the contract:\n" + "\n".join(f"  {p}" for p in problems)
        )


# --- hypothesis strategies ---------------------------------------------------------


def _subset(values: Sequence[str], *, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(sorted(values)), unique=True, min_size=min_size).map(sorted)


@st.composite
def profile_dicts(
    draw: st.DrawFn,
    *,
    registry: Registry | None = None,
    signs: Sequence[str] | None = None,
    weeks: st.SearchStrategy[int] | None = None,
    sessions_per_week: st.SearchStrategy[int] | None = None,
    minutes_per_session: st.SearchStrategy[int] | None = None,
    equipment: st.SearchStrategy[list[str]] | None = None,
) -> dict[str, Any]:
    """Valid profile data, as a person would write it in a profile file (docs/profile.md).

    Signs come from ``signs`` when given (at least one is used: handy for a
    plugin's own sign ids), else from ``registry``'s signs (possibly none). No red
    flags or precautions: those have their own tests. The other arguments narrow
    the schedule and equipment, e.g. to profiles a planner can satisfy.
    """
    if signs is not None:
        chosen = draw(_subset(list(signs), min_size=1 if signs else 0))
    elif registry is not None and registry.signs:
        chosen = draw(_subset(list(registry.signs)))
    else:
        chosen = []
    n_sessions = draw(sessions_per_week if sessions_per_week is not None else st.integers(1, 7))
    data: dict[str, Any] = {
        "age": draw(st.integers(13, 100)),
        "experience": draw(st.sampled_from(EXPERIENCE)),
        "schedule": {
            "weeks": draw(weeks if weeks is not None else st.integers(2, 24)),
            "sessions_per_week": n_sessions,
            "minutes_per_session": draw(
                minutes_per_session if minutes_per_session is not None else st.integers(10, 120)
            ),
        },
        "equipment": draw(equipment if equipment is not None else _subset(EQUIPMENT)),
        "signs": chosen,
        "pain": {region: draw(st.integers(0, 10)) for region in draw(_subset(PAIN_REGIONS))},
        "seed": draw(st.integers(0, 2**31 - 1)),
    }
    if draw(st.booleans()):
        # Letters, digits and spaces: names are free text, but keep them printable.
        data["name"] = draw(st.text(st.characters(categories=("L", "N", "Zs")), max_size=40))
    return data


def profiles(
    *,
    registry: Registry | None = None,
    signs: Sequence[str] | None = None,
    **narrow: Any,
) -> st.SearchStrategy[Profile]:
    """Valid :class:`~gluteus.Profile` objects, built through ``Profile.from_dict``.

    Takes the arguments of :func:`profile_dicts`. Going through the loader means
    every profile drawn is one gluteus accepts, with its defaults applied.
    """
    return profile_dicts(registry=registry, signs=signs, **narrow).map(Profile.from_dict)
