"""Hypothesis strategies shared by gluteus's own tests (plugin authors: gluteus.testing).

:func:`profiles_data` draws valid profile data, as a person would write it in a
profile file, over every key of docs/profile.md the built-in plugins know. It is
mostly realistic, because the invariant suite plans a program for every example:
a few issues at a time, small preference lists, precautions now and then and a
red flag only rarely. :func:`to_toml` writes such data as a TOML file (TOML has
no writer in the standard library, and gluteus adds no test dependency for one).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from gluteus.engine.loading import dump_profile
from gluteus.engine.model import DAYS
from gluteus.engine.registry import Registry
from gluteus.testing import profile_dicts

__all__ = ["builtin_registry", "profiles_data", "tests_data", "to_toml"]


@functools.cache
def builtin_registry() -> Registry:
    """The registry of the built-in plugins (no entry points), built once per process."""
    from gluteus.engine.pluginmanager import make_plugin_manager
    from gluteus.engine.registry import build_registry

    return build_registry(make_plugin_manager(entrypoints=False))


def _some(values: Sequence[str], max_size: int, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(
        st.sampled_from(sorted(values)), unique=True, min_size=min_size, max_size=max_size
    )


def _rarely(chance_in: int) -> st.SearchStrategy[bool]:
    # One value in `chance_in`, away from the ends of the range, which hypothesis
    # favours; a plain booleans() would be true about half the time.
    return st.integers(0, chance_in - 1).map(lambda n: n == chance_in // 2)


def _seconds(high: int) -> st.SearchStrategy[int | float]:
    """A timed test result: whole seconds mostly, a stopwatch's tenths sometimes."""
    return st.one_of(
        st.integers(0, high),
        st.integers(0, high * 10).map(lambda tenths: tenths / 10),
    )


def _pair(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"left": values, "right": values})


def tests_data(registry: Registry | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Some of the optional objective screens (the profile's ``tests``), possibly none:
    every test a loaded plugin registers, each drawn within its own bounds."""
    reg = registry if registry is not None else builtin_registry()
    options: dict[str, st.SearchStrategy[Any]] = {}
    for test in reg.tests.values():
        low, high = int(test.low), int(test.high)
        value: st.SearchStrategy[Any]
        if test.kind == "positive":
            value = st.booleans()
        elif test.kind == "count":
            value = st.integers(low, high)
        else:
            value = st.one_of(
                st.integers(low, high),
                st.integers(low * 10, high * 10).map(lambda tenths: tenths / 10),
            )
        options[test.id] = _pair(value) if test.sided else value

    @st.composite
    def draw_tests(draw: st.DrawFn) -> dict[str, Any]:
        keys = draw(st.lists(st.sampled_from(sorted(options)), unique=True))
        return {key: draw(options[key]) for key in sorted(keys)}

    return draw_tests()


def _profile_data(draw: st.DrawFn, registry: Registry) -> dict[str, Any]:
    # signs, pain, schedule numbers, equipment, experience, age, name and seed come
    # from the strategy plugin authors use; the rest of the profile format is added here.
    data: dict[str, Any] = draw(profile_dicts(registry=registry))
    if len(data["signs"]) > 4:
        # A person rarely reports more than a handful of signs; keep most profiles
        # plannable in their minutes so that the invariant suite tests plans.
        keep = draw(st.integers(1, 4))
        data["signs"] = sorted(draw(st.permutations(data["signs"]))[:keep])
    schedule = data["schedule"]
    if draw(st.booleans()):
        days = draw(st.permutations(DAYS))[: schedule["sessions_per_week"]]
        schedule["days"] = list(days)
    if draw(_rarely(3)):
        # Sport days, sometimes with the games among them: the rules that keep the day
        # before one light, and what they do when every training day is such a day.
        sport = sorted(draw(st.sets(st.sampled_from(DAYS), min_size=1, max_size=4)), key=DAYS.index)
        schedule["sport_days"] = sport
        if draw(st.booleans()):
            schedule["match_days"] = draw(st.lists(st.sampled_from(sport), min_size=1, unique=True))
    if draw(st.booleans()):
        start = draw(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
        data["start"] = start.isoformat()
    tests = draw(tests_data(registry))
    if tests:
        data["tests"] = tests
    # The person: age bands are uniform over 13-100 already; walking aid, floor,
    # blood pressure now and then.
    if draw(_rarely(4)):
        data["walking_aid"] = True
    if draw(st.booleans()):
        data["can_get_up_from_floor"] = draw(st.booleans())
    if draw(_rarely(4)):
        systolic = draw(st.integers(95, 179))
        data["blood_pressure"] = {
            "systolic": systolic,
            "diastolic": draw(st.integers(55, min(109, systolic - 10))),
        }
    focus = draw(_some(list(registry.issues), 2))
    if focus:
        data["focus"] = focus
    precautions: list[str] = []
    if draw(_rarely(5)):
        others = [p for p in registry.precautions if p != "pregnancy"]
        precautions = draw(_some(others, 2, min_size=1))
    if "pregnancy" in registry.precautions and draw(_rarely(10)):
        precautions.append("pregnancy")
    if precautions:
        data["precautions"] = sorted(precautions)
    needs_trimester = any(registry.precautions[p].needs_trimester for p in precautions)
    if needs_trimester:
        # The week of pregnancy (the program follows the trimesters as they change), or
        # the trimester alone.
        if draw(st.booleans()):
            # Within the pregnancy: the program may not run past week 42.
            last = max(1, 42 - data["schedule"]["weeks"] + 1)
            data["pregnancy_week"] = draw(st.integers(1, last))
        else:
            data["pregnancy_trimester"] = draw(st.integers(1, 3))
    surgery = [p for p in precautions if "weeks_since_surgery" in registry.precautions[p].asks]
    if surgery and draw(st.integers(0, 3)):
        data["weeks_since_surgery"] = draw(st.integers(0, 60))
    # Sometimes the operated side is given.
    if any("operated_side" in registry.precautions[p].asks for p in precautions) and draw(
        _rarely(3)
    ):
        data["operated_side"] = draw(st.sampled_from(["left", "right"]))
    hips = [p for p in precautions if "hip_precautions_lifted" in registry.precautions[p].asks]
    # Sometimes the surgeon has lifted the hip precautions.
    if hips and draw(_rarely(3)):
        data["hip_precautions_lifted"] = True
    if any("weeks_since_birth" in registry.precautions[p].required_keys for p in precautions):
        data["weeks_since_birth"] = draw(st.integers(0, 104))
    exercises = sorted(registry.exercises)
    avoid = draw(_some(exercises, 3))
    prefer = draw(_some([e for e in exercises if e not in avoid], 3))
    preferences = {k: v for k, v in (("avoid", avoid), ("prefer", prefer)) if v}
    if preferences:
        data["preferences"] = preferences
    if draw(_rarely(15)):
        data["red_flags"] = draw(_some(list(registry.red_flags), 2, min_size=1))
    if draw(_rarely(4)):
        data["format"] = 1
    return data


def profiles_data(registry: Registry | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """Valid profile dicts over every profile key, with the ids of ``registry``'s plugins.

    Signs, pain, tests, start dates, explicit days, sport and match days, equipment
    subsets, experience,
    focus issues, precautions (pregnancy with its trimester), preferences (real
    exercise ids, sampled), seeds, 2-24 weeks, 1-7 sessions of 10-120 minutes, and
    rarely a red flag. ``registry`` defaults to the built-in plugins'.
    """
    reg = registry if registry is not None else builtin_registry()

    # A closure rather than an argument: hypothesis would print the whole registry
    # in the strategy's repr, and in every failure report.
    @st.composite
    def profile_data(draw: st.DrawFn) -> dict[str, Any]:
        return _profile_data(draw, reg)

    return profile_data()


# --- writing profile data as TOML ---------------------------------------------------


def to_toml(data: dict[str, Any]) -> str:
    """Profile data as TOML text, by the writer ``gluteus init`` uses (None keys left out)."""
    return dump_profile(data, "toml")
