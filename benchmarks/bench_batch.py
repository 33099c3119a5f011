"""Throughput of ``gluteus batch``, measured: programs per second for 1 and N worker
processes over generated profiles, medians of alternating runs.

Run on demand (never as a test)::

    python benchmarks/bench_batch.py                 # 1,000 profiles, 3 runs each
    python benchmarks/bench_batch.py --count 100 --repeats 1   # a quick look

The target: at least 20 programs per second with one worker per CPU on a 2-core
machine. The profiles are benchmarks/profile_gen.py's seeded series (the same on
every run: one to three signs, 4-16 weeks of 2-5 sessions, one in fifty with a red
flag), written as JSON files. Every run writes into an empty folder, so nothing is
skipped; the last folder is then batched again to time the up-to-date check.
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
from pathlib import Path

from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_planner import compile_bytecode, load  # sibling scripts, not a package
from profile_gen import profiles_data

TARGET = 20.0
"""Programs per second wanted with one worker per CPU on a 2-core machine."""


def batch(folder: Path, out: Path, jobs: int, fmt: str) -> tuple[float, str]:
    """Seconds one whole ``gluteus batch`` run takes, and its summary's count line."""
    args = [sys.executable, "-m", "gluteus", "batch", str(folder), "-o", str(out)]
    args += ["-j", str(jobs), "-f", fmt]
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 4):  # 4: a generated profile can be infeasible
        raise SystemExit(f"gluteus batch failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds, done.stdout.splitlines()[1].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="profiles (default 1000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per worker count")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="N (default: CPUs)")
    parser.add_argument("--format", default="json", help="output format (default json)")
    args = parser.parse_args()
    print(load())
    compile_bytecode()
    registry = build_registry(make_plugin_manager(entrypoints=False))
    report: dict[str, object] = {"count": args.count, "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "profiles"
        folder.mkdir()
        for i, data in enumerate(profiles_data(args.count, registry)):
            (folder / f"person_{i:04d}.json").write_text(json.dumps(data))
        counts = sorted({1, args.jobs})
        seconds: dict[int, list[float]] = {j: [] for j in counts}
        outcome = ""
        last = Path(tmp)
        for run in range(args.repeats):
            for jobs in counts:  # alternating: 1, N, 1, N, ...
                last = Path(tmp) / f"out-{jobs}-{run}"
                took, outcome = batch(folder, last, jobs, args.format)
                seconds[jobs].append(took)
                print(f"  run {run + 1}, {jobs} worker(s): {took:6.1f} s", flush=True)
        print(f"\n== {args.count} profiles, {args.format}: {outcome} ==")
        rates = {}
        for jobs in counts:
            median = statistics.median(seconds[jobs])
            rates[jobs] = args.count / median
            goal = f"  (target {TARGET:g})" if jobs == args.jobs else ""
            print(
                f"{jobs} worker process{'es' * (jobs != 1)}: {rates[jobs]:6.1f} programs/s "
                f"(median {median:.1f} s of {len(seconds[jobs])}){goal}"
            )
        if len(counts) > 1:
            print(f"speed-up with {args.jobs} workers: {rates[args.jobs] / rates[1]:.2f} x")
        skip, _ = batch(folder, last, args.jobs, args.format)
        print(f"all {args.count} up to date again: {skip:.2f} s (records and outputs checked)")
        report.update(rates={str(j): r for j, r in rates.items()}, up_to_date_s=skip)
    report["load_after"] = os.getloadavg()
    print(load())
    out = os.environ.get("GLUTEUS_BENCH_JSON")
    if out:
        Path(out).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
