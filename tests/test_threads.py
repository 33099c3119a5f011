"""The engine keeps no global state: programs generated from several threads at once
are exactly the programs generated one after another."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import gluteus

BASE = {"age": 40, "equipment": ["mat", "mini_band", "dumbbell", "step"], "seed": 0}
PROFILES = [
    {**BASE, "signs": ["barely_feel_glutes"], "schedule": {"weeks": 4, "sessions_per_week": 2}},
    {**BASE, "signs": ["knees_cave_in", "poor_balance"], "schedule": {"weeks": 6}},
    {**BASE, "signs": ["low_back_ache_standing"], "pain": {"low_back": 4}, "seed": 5},
    {**BASE, "signs": ["chronic_glute_tightness"], "experience": "advanced", "seed": 9},
]


def _bytes(program: gluteus.Program) -> str:
    return json.dumps(program.to_dict(), sort_keys=True)


@pytest.mark.slow  # many programs serially and on threads; CI runs it
def test_threads_give_exactly_the_serial_results():
    profiles = [gluteus.Profile.from_dict(p) for p in PROFILES]
    serial = [_bytes(gluteus.generate(p)) for p in profiles]
    assert len(set(serial)) == len(serial)  # four different programs, not one repeated
    jobs = profiles * 3  # every profile generated three times, interleaved
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: _bytes(gluteus.generate(p)), jobs))
    assert parallel == serial * 3


def test_one_plugin_manager_may_be_shared_between_threads():
    pm = gluteus.make_plugin_manager(entrypoints=False)
    profiles = [gluteus.Profile.from_dict(p) for p in PROFILES[:2]]
    serial = [_bytes(gluteus.generate(p, plugins=pm)) for p in profiles]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: _bytes(gluteus.generate(p, plugins=pm)), profiles * 2))
    assert parallel == serial * 2
