"""Embed gluteus in an app: build a profile from a dict, generate, render, write a file.

    python examples/embed.py [OUTPUT]

Writes HTML when an ``html`` renderer is installed, else Markdown. No files are
read and nothing global is touched: the same calls are safe from several threads.
"""

from __future__ import annotations

import sys
from pathlib import Path

import gluteus

PROFILE = {
    "name": "Dana",
    "age": 38,
    "experience": "novice",
    "start": "2026-12-07",
    "schedule": {"weeks": 8, "sessions_per_week": 3, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes", "knees_cave_in"],
    "pain": {"knee": 2},
    "seed": 0,
}


def main(argv: list[str]) -> int:
    profile = gluteus.Profile.from_dict(PROFILE)
    try:
        program = gluteus.generate(profile)
    except gluteus.ReferralRequired as exc:
        for referral in exc.referrals:
            print(f"see {referral.see}: {referral.message}", file=sys.stderr)
        return exc.exit_code
    except gluteus.GluteusError as exc:  # bad profile, infeasible, plugin bug
        print(exc, file=sys.stderr)
        return exc.exit_code

    try:
        fmt, rendered = "html", gluteus.render(program, "html")
    except gluteus.ProfileError:  # no html renderer installed: unknown format
        fmt, rendered = "markdown", gluteus.render(program, "markdown")
    output = Path(argv[0]) if argv else Path(f"program.{'html' if fmt == 'html' else 'md'}")
    if isinstance(rendered, bytes):
        output.write_bytes(rendered)
    else:
        output.write_text(rendered, encoding="utf-8")
    weeks = len(program.to_dict()["weeks"])
    print(f"wrote {output} ({fmt}, {weeks} weeks)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
