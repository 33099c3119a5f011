"""Speed of planning, measured: medians of repeated runs, in-process and whole-process.

Run on demand (never as a test)::

    python benchmarks/bench_planner.py            # the targets and the scaling tables
    python benchmarks/bench_planner.py --quick    # fewer repeats

The targets (issue 4): 12 weeks x 4 sessions with all five issues <= 250 ms
in-process; 24 weeks x 6 sessions x 90 minutes with all equipment <= 2 s;
whole-process ``gluteus generate --format json`` of the 12-week case <= 1.5 s;
whole-process ``gluteus --help`` and ``gluteus screen`` <= 300 ms. In-process
times are taken after imports (the solver and every plugin already loaded), and
include screening, planning, dosing and the verification ``generate`` runs.
Also reported: how time grows with weeks, sessions per week and catalogue size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gluteus
from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import EQUIPMENT, Exercise
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry

ALL_SIGNS = [
    "barely_feel_glutes",
    "low_back_ache_standing",
    "knees_cave_in",
    "chronic_glute_tightness",
    "poor_balance",
]

CASE_12 = {
    "age": 40,
    "experience": "intermediate",
    "schedule": {"weeks": 12, "sessions_per_week": 4, "minutes_per_session": 45},
    "equipment": ["mat", "mini_band", "long_band", "dumbbell", "step"],
    "signs": ALL_SIGNS,
    "pain": {"low_back": 3, "knee": 2},
}
CASE_24 = {
    "age": 35,
    "experience": "advanced",
    "schedule": {"weeks": 24, "sessions_per_week": 6, "minutes_per_session": 90},
    "equipment": list(EQUIPMENT),
    "signs": ALL_SIGNS,
}


def median_ms(fn: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """Median and minimum of ``repeats`` runs of ``fn``, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def in_process(profile_data: dict[str, Any], repeats: int, pm: Any = None) -> float:
    pm = pm if pm is not None else make_plugin_manager(entrypoints=False)
    profile = gluteus.Profile.from_dict(profile_data)
    gluteus.generate(profile, plugins=pm)  # warm: imports, registry, solver
    med, _ = median_ms(lambda: gluteus.generate(profile, plugins=pm), repeats)
    return med


def whole_process(args: list[str], repeats: int) -> float:
    exe = [sys.executable, "-m", "gluteus", *args]
    subprocess.run(exe, capture_output=True, check=False)  # warm the file cache
    med, _ = median_ms(lambda: subprocess.run(exe, capture_output=True, check=False), repeats)
    return med


class Synthetic:
    """A plugin adding ``n`` plausible extra exercises, to measure catalogue growth."""

    gluteus_name = "synthetic"

    def __init__(self, n: int) -> None:
        self.n = n

    @hookimpl
    def register_exercises(self) -> list[Exercise]:
        roles = ["activation", "strength", "stability", "isometric", "eccentric", "power"]
        issues = ["inhibition", "back", "knees", "tightness", "function"]
        planes = [("sagittal",), ("frontal",), ("transverse",), ("sagittal", "frontal")]
        out = []
        for i in range(self.n):
            role = roles[i % len(roles)]
            hold = role in ("isometric", "stability") and i % 2 == 0
            out.append(
                Exercise(
                    id=f"synthetic_{i:03d}",
                    name=f"Synthetic exercise {i}",
                    issues=(issues[i % 5], issues[(i // 5) % 5]),
                    role=role,
                    position="standing",
                    planes=planes[i % len(planes)],
                    equipment=(),
                    loaded=False,
                    unilateral=i % 3 == 0,
                    level=1 + i % 5,
                    cues=("cue one", "cue two"),
                    fault="fault",
                    source="practice_convention",
                    evidence="convention",
                    hold_s=20 if hold else None,
                    seconds_per_rep=None if hold else 3.0,
                    rest_s=30,
                    targets=(("gmax",), ("gmed",), ("hip_rotators",))[i % 3],
                    why="Benchmark filler.",
                )
            )
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    reps = 3 if args.quick else 7
    root = Path(__file__).resolve().parent.parent
    report: dict[str, Any] = {}

    print("== targets (medians) ==")
    t12 = in_process(CASE_12, reps)
    print(f"12 weeks x 4 sessions, all five issues, in-process: {t12:7.0f} ms  (target 250)")
    t24 = in_process(CASE_24, max(3, reps // 2))
    print(f"24 weeks x 6 x 90 min, all equipment, in-process:   {t24:7.0f} ms  (target 2000)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case12.json"
        path.write_text(json.dumps(CASE_12))
        gen = whole_process(["generate", str(path), "--format", "json"], reps)
        screen = whole_process(["screen", str(root / "profiles" / "dana.yaml")], reps)
    helps = whole_process(["--help"], reps)
    print(f"whole process: generate --format json (12 weeks):   {gen:7.0f} ms  (target 1500)")
    print(f"whole process: gluteus --help:                      {helps:7.0f} ms  (target 300)")
    print(f"whole process: gluteus screen dana.yaml:            {screen:7.0f} ms  (target 300)")
    report["targets"] = {
        "in_process_12x4_ms": t12,
        "in_process_24x6x90_ms": t24,
        "generate_json_ms": gen,
        "help_ms": helps,
        "screen_ms": screen,
    }

    print("\n== growth with weeks (4 sessions, 45 min, all issues) ==")
    report["weeks"] = {}
    for weeks in (4, 8, 12, 16, 20, 24):
        case = {**CASE_12, "schedule": {**CASE_12["schedule"], "weeks": weeks}}
        ms = in_process(case, reps)
        report["weeks"][weeks] = ms
        print(f"  {weeks:2d} weeks: {ms:6.0f} ms  ({ms / t12:4.2f} x the 12-week case)")

    print("\n== growth with sessions per week (12 weeks, 45 min) ==")
    report["sessions"] = {}
    for sessions in range(1, 8):
        case = {**CASE_12, "schedule": {**CASE_12["schedule"], "sessions_per_week": sessions}}
        ms = in_process(case, reps)
        report["sessions"][sessions] = ms
        print(f"  {sessions} sessions: {ms:6.0f} ms  ({ms / t12:4.2f} x)")

    print("\n== growth with catalogue size (12 weeks x 4, synthetic extra exercises) ==")
    report["catalogue"] = {}
    for extra in (0, 100, 200, 300):
        pm = make_plugin_manager(entrypoints=False, plugins=[Synthetic(extra)] if extra else [])
        size = len(build_registry(pm).exercises)
        ms = in_process(CASE_12, reps, pm)
        report["catalogue"][size] = ms
        print(f"  {size:3d} exercises: {ms:6.0f} ms  ({ms / t12:4.2f} x)")

    out = os.environ.get("GLUTEUS_BENCH_JSON")
    if out:
        Path(out).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
