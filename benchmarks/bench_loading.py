"""How fast hostile profile files are refused, measured: medians of repeated runs.

Run on demand (never as a test)::

    python benchmarks/bench_loading.py

The aim: an alias bomb and a 5 MB file each fail in well under a second; the
tests check that they fail with one clear message, this script how long it takes.
Also reported: the slowest hostile files just under the 1 MiB limit, and a normal
profile for comparison.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gluteus.engine.errors import ProfileError
from gluteus.engine.loading import MAX_BYTES, read_profile


def _alias_bomb() -> bytes:
    """Nine levels of nine aliases each: 9**9 strings once expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(8):
        name, prev = chr(98 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines).encode()


CASES: dict[str, Callable[[], bytes]] = {
    "normal profile (docs/profile.md example)": lambda: (
        b"age: 38\nschedule: {weeks: 8, sessions_per_week: 3, minutes_per_session: 30}\n"
        b"equipment: [mat, mini_band]\nsigns: [barely_feel_glutes, knees_cave_in]\n"
    ),
    "alias bomb (billion laughs)": _alias_bomb,
    "5 MB file": lambda: b"# padding\n" * (5 * 1024 * 1024 // 10),
    "YAML list just under 1 MiB": lambda: b"signs: [" + b"x," * (MAX_BYTES // 2 - 20) + b"x]\n",
    "TOML dotted keys just under 1 MiB": lambda: (b"a" + b".a" * (MAX_BYTES // 2 - 10)) + b" = 1\n",
    "JSON nesting just under 1 MiB": lambda: (
        b"[" * (MAX_BYTES // 2 - 1) + b"]" * (MAX_BYTES // 2 - 1)
    ),
}
SUFFIX = {"TOML": ".toml", "JSON": ".json"}


def median_ms(fn: Callable[[], object], repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            suffix = next((s for k, s in SUFFIX.items() if k in name), ".yaml")
            path = Path(tmp) / f"case{suffix}"
            path.write_bytes(make())

            def load(path: Path = path) -> str:
                try:
                    read_profile(path)
                except ProfileError as exc:
                    return str(exc)
                return "loaded"

            outcome = load()
            ms = median_ms(load)
            print(f"{name:36s} {ms:9.2f} ms   {outcome[:70]}", file=sys.stdout)


if __name__ == "__main__":
    main()
