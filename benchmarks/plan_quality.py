"""What the planner did to the programs, measured: run on demand, never as a test.

    python benchmarks/plan_quality.py              # bundled profiles + 40 random ones
    python benchmarks/plan_quality.py --random 200 # more random profiles

Over the bundled profiles (``profiles/``) and random profiles drawn from the loaded
plugins' vocabulary (a fixed seed, so two runs of one engine give the same report),
it reports, for loading weeks:

- each found issue's weekly hard sets against its target (the ratio's quartiles, and
  how often it is under the floor of 4 sets);
- the share of sessions holding two variants of one movement family;
- activation minutes per session (median and largest), and holds' share of a session;
- the share of the session's minutes used;
- how often each warning kind fires, and how many profiles were infeasible.

``bench_planner.py`` prints the same report after its timings, so a change to the
planner shows what it did to the programs as well as how fast it is.
"""

from __future__ import annotations

import argparse
import collections
import random
import statistics
from pathlib import Path
from typing import Any

import gluteus
from gluteus.engine.demands import FLOOR_SETS, HARD_ROLES, priority_of, target_sets
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import Registry, build_registry

ROOT = Path(__file__).resolve().parent.parent


def bundled() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted((ROOT / "profiles").iterdir()):
        if path.suffix in (".yaml", ".toml", ".json"):
            out.append((path.name, gluteus.load_profile(path).to_dict()))
    return out


def random_profiles(registry: Registry, count: int, seed: int = 2026) -> list[tuple[str, Any]]:
    """Profiles a clinic might see, drawn from the registry's own ids."""
    rng = random.Random(seed)
    signs = sorted(s for s, sign in registry.signs.items() if sign.issue)
    out = []
    for n in range(count):
        age = rng.choice([rng.randint(14, 17), rng.randint(18, 64), rng.randint(65, 90)])
        data: dict[str, Any] = {
            "age": age,
            "experience": rng.choice(["novice", "intermediate", "advanced"]),
            "schedule": {
                "weeks": rng.randint(4, 16),
                "sessions_per_week": rng.randint(1, 5),
                "minutes_per_session": rng.choice([15, 20, 30, 40, 45, 60, 90]),
            },
            "equipment": rng.sample(sorted(registry.equipment), rng.randint(0, 5)),
            "signs": rng.sample(signs, rng.randint(1, 4)),
            "pain": {
                r: rng.choice([0, 0, 2, 3, 4, 5])
                for r in rng.sample(sorted(registry.pain_regions), 2)
            },
            "seed": rng.randint(0, 10_000),
        }
        if age >= 65 and rng.random() < 0.4:
            data["walking_aid"] = True
            data["can_get_up_from_floor"] = rng.random() < 0.5
        out.append((f"random-{n}", data))
    return out


def measure(programs: list[dict[str, Any]], outcomes: collections.Counter[str]) -> dict[str, Any]:
    ratios: list[float] = []
    under = weeks_counted = 0
    sessions = repeated = 0
    activation: list[float] = []
    holds: list[float] = []
    used: list[float] = []
    warnings: collections.Counter[str] = collections.Counter()
    for doc in programs:
        profile = gluteus.Profile.from_dict(doc["profile"])
        kinds = {k: ws for k, ws in ((p["kind"], p["weeks"]) for p in doc["phases"])}
        phase_of = {w: k for k, ws in kinds.items() for w in ws}
        found = {
            f["issue"]: priority_of(
                gluteus.Finding(issue=f["issue"], severity=f["severity"], focus=f["focus"])
            )
            for f in doc["findings"]
            if f["severity"] >= 1 or f["focus"]
        }
        for w in doc["warning_details"]:
            warnings[w["kind"]] += 1
        budget = profile.schedule.minutes_per_session
        for week in doc["weeks"]:
            for s in week["sessions"]:
                sessions += 1
                families = [rx["family"] for rx in s["exercises"]]
                repeated += len(families) != len(set(families))
                activation.append(
                    sum(rx["minutes"] for rx in s["exercises"] if rx["role"] == "activation")
                )
                total = sum(rx["minutes"] for rx in s["exercises"]) or 1
                holds.append(
                    sum(rx["minutes"] for rx in s["exercises"] if rx["role"] == "isometric") / total
                )
                used.append(s["minutes"] / budget)
            if week["deload"]:
                continue
            phase = phase_of.get(week["number"], "strength")
            for issue, priority in found.items():
                sets = sum(
                    rx["sets"]
                    for s in week["sessions"]
                    for rx in s["exercises"]
                    if issue in rx["issues"] and rx["role"] in HARD_ROLES
                )
                target = target_sets(priority, phase, profile.experience)
                ratios.append(sets / target)
                weeks_counted += 1
                if phase != "activation" and sets < FLOOR_SETS:
                    under += 1
    q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [0, 0, 0]
    return {
        "programs": len(programs),
        "outcomes": dict(outcomes),
        "hard_sets_vs_target_quartiles": [round(x, 2) for x in q],
        "issue_weeks_under_floor_share": round(under / max(1, weeks_counted), 3),
        "sessions_with_a_family_twice_share": round(repeated / max(1, sessions), 3),
        "activation_minutes_median": round(statistics.median(activation), 1) if activation else 0,
        "activation_minutes_max": round(max(activation), 1) if activation else 0,
        "holds_share_max": round(max(holds), 2) if holds else 0,
        "minutes_used_median": round(statistics.median(used), 2) if used else 0,
        "warnings_per_program": {
            k: round(v / max(1, len(programs)), 2) for k, v in sorted(warnings.items())
        },
    }


def quality_report(random_count: int = 40) -> dict[str, Any]:
    """Generate every profile and measure what came out."""
    pm = make_plugin_manager(entrypoints=False)
    registry = build_registry(pm)
    outcomes: collections.Counter[str] = collections.Counter()
    programs = []
    for _, data in bundled() + random_profiles(registry, random_count):
        try:
            programs.append(gluteus.generate(gluteus.Profile.from_dict(data), plugins=pm).to_dict())
            outcomes["ok"] += 1
        except gluteus.ReferralRequired:
            outcomes["referral"] += 1
        except gluteus.Infeasible:
            outcomes["infeasible"] += 1
    return measure(programs, outcomes)


def print_report(report: dict[str, Any]) -> None:
    print("\nPlan quality (loading weeks; bundled and random profiles)")
    for key, value in report.items():
        print(f"  {key.replace('_', ' '):40} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=40, help="random profiles to add")
    args = parser.parse_args()
    print_report(quality_report(args.random))


if __name__ == "__main__":
    main()
