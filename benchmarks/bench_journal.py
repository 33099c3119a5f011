"""How the journal scales: log and adapt 12 weeks for many people.

    python benchmarks/bench_journal.py                 # 10,000 people, SQLite
    python benchmarks/bench_journal.py --people 200    # a quick run
    python benchmarks/bench_journal.py --postgres postgresql://user:pw@host/db

Each person gets a stored program (one of a few generated ones: planning is not
what is measured here), logs 36 sessions a week at a time (one transaction per
week, as `gluteus log --file` does) and adapts after every week (`gluteus adapt`).
Reports sessions logged and adaptations per second, the time of one adaptation
(median and 95th percentile) and the database's size. Speed is measured here,
never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

import gluteus
from gluteus.journal import Journal

PROFILE = {
    "age": 45,
    "start": "2027-01-04",
    "schedule": {"weeks": 12, "sessions_per_week": 3, "minutes_per_session": 45},
    "equipment": ["mat", "mini_band"],
    "signs": ["knees_cave_in", "barely_feel_glutes"],
    "pain": {"knee": 2},
}
PAIN = [3, 2, 2, 1, 4, 7, 2, 1, 1, 1, 1, 1]


def week_entries(person: int, week: int) -> list[dict]:
    out = []
    for session in (1, 2, 3):
        if (person + week) % 11 == 0 and session < 3:
            out.append({"week": week, "session": session, "status": "skipped"})
            continue
        pain = max(0, PAIN[week - 1] - (person % 3))
        out.append(
            {
                "week": week,
                "session": session,
                "effort": 6,
                "pain": {"knee": {"during": pain, "next_morning": min(pain, 2)}},
            }
        )
    return out


def run(url: str, people: int, programs: list[dict]) -> dict[str, float]:
    journal = Journal(url)
    adapt_times: list[float] = []
    logged = 0
    started = time.perf_counter()
    log_s = 0.0
    for person in range(people):
        program_id = journal.save_program(programs[person % len(programs)])
        for week in range(1, 13):
            t = time.perf_counter()
            logged += len(journal.log(program_id, week_entries(person, week)))
            log_s += time.perf_counter() - t
            t = time.perf_counter()
            journal.adapt(program_id)
            adapt_times.append(time.perf_counter() - t)
        if person and person % max(1, people // 10) == 0:
            print(f"  {person} people done, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    total = time.perf_counter() - started
    size = _size(journal)
    journal.close()
    adapt_times.sort()
    return {
        "people": people,
        "sessions": logged,
        "seconds": total,
        "sessions_per_s": logged / log_s,
        "adaptations_per_s": len(adapt_times) / sum(adapt_times),
        "adapt_median_ms": 1000 * statistics.median(adapt_times),
        "adapt_p95_ms": 1000 * adapt_times[int(0.95 * (len(adapt_times) - 1))],
        "adapt_max_ms": 1000 * adapt_times[-1],
        "size_mb": size / 2**20,
    }


def _size(journal: Journal) -> int:
    with journal.engine.connect() as conn:
        if journal.dialect == "sqlite":
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            page = conn.exec_driver_sql("PRAGMA page_size").scalar_one()
            return int(pages * page)
        return int(
            conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--postgres", default=os.environ.get("GLUTEUS_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    programs = [
        gluteus.generate(gluteus.Profile.from_dict({**PROFILE, "seed": seed})).to_dict()
        for seed in range(4)
    ]
    targets = []
    with tempfile.TemporaryDirectory() as tmp:
        targets.append(("SQLite", str(Path(tmp) / "bench.db")))
        if args.postgres:
            targets.append(("PostgreSQL", args.postgres))
        for name, url in targets:
            if name == "PostgreSQL":
                engine = sa.create_engine("postgresql+psycopg://" + url.split("://", 1)[1])
                with engine.begin() as conn:
                    meta = sa.MetaData()
                    meta.reflect(conn)
                    meta.drop_all(conn)
                    conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
                engine.dispose()
            try:
                r = run(url, args.people, programs)
            except gluteus.GluteusError as exc:
                print(f"{name}: skipped ({exc})")
                continue
            print(
                f"{name}: {r['people']} people x 12 weeks, {r['sessions']} sessions in "
                f"{r['seconds']:.0f} s; logging {r['sessions_per_s']:.0f} sessions/s; "
                f"adapting {r['adaptations_per_s']:.1f}/s, one adaptation median "
                f"{r['adapt_median_ms']:.0f} ms, p95 {r['adapt_p95_ms']:.0f} ms, max "
                f"{r['adapt_max_ms']:.0f} ms; database {r['size_mb']:.1f} MB"
            )


if __name__ == "__main__":
    main()
