"""Seeded random profiles for the benchmarks: valid, varied, the same for a given seed.

Not hypothesis: a benchmark needs the same thousand profiles on every run and on
every machine, drawn fast, without a test dependency. Most profiles are ones a
person would write (one to three signs, two to five sessions of 20-60 minutes);
about one in fifty carries a red flag, as a caseload would.
"""

from __future__ import annotations

import random
from typing import Any

from gluteus.engine.model import EQUIPMENT, EXPERIENCE, PAIN_REGIONS
from gluteus.engine.registry import Registry

RED_FLAG_EVERY = 50
"""One profile in this many carries a red flag (a referral, not a program)."""


def profile_data(index: int, registry: Registry, *, seed: int = 0) -> dict[str, Any]:
    """The ``index``-th profile of the series ``seed``: profile data as in a file."""
    rng = random.Random(seed * 1_000_003 + index)
    signs = sorted(registry.signs)
    others = [e for e in EQUIPMENT if e != "mat"]
    equipment = ["mat", *sorted(rng.sample(others, rng.randint(0, 3)))]
    data: dict[str, Any] = {
        "name": f"Person {index}",
        "age": rng.randint(18, 80),
        "experience": rng.choice(EXPERIENCE),
        "schedule": {
            "weeks": rng.choice((4, 6, 8, 10, 12, 16)),
            "sessions_per_week": rng.randint(2, 5),
            "minutes_per_session": rng.choice((20, 30, 40, 45, 60)),
        },
        "equipment": equipment,
        "signs": sorted(rng.sample(signs, rng.randint(1, 3))),
        "pain": {r: rng.randint(0, 5) for r in sorted(rng.sample(PAIN_REGIONS, rng.randint(0, 2)))},
        "seed": rng.randrange(2**31 - 1),
    }
    if index % RED_FLAG_EVERY == RED_FLAG_EVERY - 1:
        data["red_flags"] = [rng.choice(sorted(registry.red_flags))]
    return data


def profiles_data(count: int, registry: Registry, *, seed: int = 0) -> list[dict[str, Any]]:
    """The first ``count`` profiles of the series ``seed``."""
    return [profile_data(i, registry, seed=seed) for i in range(count)]
