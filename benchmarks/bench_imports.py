"""What importing the solver costs, measured: medians of alternating fresh processes.

Run on demand (never as a test)::

    python benchmarks/bench_imports.py

Compares, each in a new interpreter: ``from ortools.sat.python import cp_model``
(which imports pandas), :func:`gluteus.engine.solver.load_cp_model` (the same
module, pandas deferred until used), OR-Tools' compiled helper alone (the floor
for any pure-Python model builder), and pandas and numpy by themselves.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_planner import load  # sibling script, not a package

TIMED = """
import sys, time
start = time.perf_counter()
{code}
took = (time.perf_counter() - start) * 1000
print(took, "pandas" in sys.modules)
"""

CASES = {
    "cp_model, ordinary import": "from ortools.sat.python import cp_model",
    "cp_model via load_cp_model": (
        "from gluteus.engine.solver import load_cp_model; cp_model = load_cp_model()"
    ),
    "cp_model_helper alone": "from ortools.sat.python import cp_model_helper",
    "pandas alone": "import pandas",
    "numpy alone": "import numpy",
}


def main() -> None:
    print(load())
    times: dict[str, list[float]] = {name: [] for name in CASES}
    pandas: dict[str, bool] = {}
    for _ in range(11):
        for name, code in CASES.items():  # alternating, so load falls on all alike
            out = subprocess.run(
                [sys.executable, "-c", TIMED.format(code=code)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            times[name].append(float(out[0]))
            pandas[name] = out[1] == "True"
    for name, samples in times.items():
        note = "pandas imported" if pandas[name] else "no pandas"
        print(f"{name:<30}{statistics.median(samples):7.0f} ms  ({note})")
    print(load())


if __name__ == "__main__":
    main()
