"""Embed gluteus in an app: one Engine, a profile from text, a program with progress,
a rendered page written to a file.

    python examples/embed.py [OUTPUT]

Writes HTML when an ``html`` renderer is installed, else Markdown. No profile file
is read and nothing global is touched: the engine is shared safely between threads.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import gluteus

PROFILE = """\
name: Dana
age: 38
experience: novice
start: 2026-12-07
schedule: {weeks: 8, sessions_per_week: 3, minutes_per_session: 30}
equipment: [mat, mini_band]
signs: [barely_feel_glutes, knees_cave_in]
pain: {knee: 2}
seed: 0
"""


def show(progress: gluteus.Progress) -> None:
    print(f"  {progress.stage} {progress.done}/{progress.total}", file=sys.stderr)


def main(argv: list[str]) -> int:
    engine = gluteus.Engine()  # plugins loaded once; keep it for every later call
    try:
        profile = engine.parse_profile(PROFILE, "yaml", name="the app's form")
        program = engine.generate(profile, progress=show)
    except gluteus.ReferralRequired as exc:
        for referral in exc.referrals:
            print(f"see {referral.see}: {referral.message}", file=sys.stderr)
        return exc.exit_code
    except gluteus.GluteusError as exc:  # bad profile, infeasible, plugin bug
        print(exc, file=sys.stderr)
        return exc.exit_code

    fmt: Literal["html", "markdown"] = "html" if "html" in engine.formats() else "markdown"
    page: str = engine.render(program, fmt)  # a text format, so str (pdf would be bytes)
    output = Path(argv[0]) if argv else Path(f"program.{engine.formats()[fmt].extension}")
    output.write_text(page, encoding="utf-8")
    print(f"wrote {output} ({fmt}, {len(program.weeks)} weeks)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
