"""Every bundled profile's program JSON (and some generated ones'), to prove a speed
change left the programs byte-identical.

Run on demand (never as a test)::

    python benchmarks/snapshot_programs.py /tmp/before          # before the change
    python benchmarks/snapshot_programs.py /tmp/after --compare /tmp/before

Each profile gives ``<name>.json``: the program JSON, or the referral JSON for a red
flag; a profile whose constraints conflict gives ``<name>.infeasible.txt`` with
the message. One plugin manager serves every profile, as in a ``gluteus batch``
worker, so anything cached on it is exercised too.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from pathlib import Path

import gluteus
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from profile_gen import profiles_data  # noqa: E402  (a sibling script, not a package)


def outputs(generated: int) -> dict[str, str]:
    """File name -> contents, for every bundled profile and ``generated`` random ones."""
    pm = make_plugin_manager(entrypoints=False)
    cases: list[tuple[str, gluteus.Profile]] = [
        (path.stem, gluteus.load_profile(path, plugins=pm))
        for path in sorted((ROOT / "profiles").iterdir())
        if path.suffix in (".yaml", ".toml", ".json")
    ]
    registry = build_registry(pm)
    for i, data in enumerate(profiles_data(generated, registry)):
        cases.append((f"generated_{i:04d}", gluteus.Profile.from_dict(data)))
    out: dict[str, str] = {}
    for name, profile in cases:
        try:
            program = gluteus.generate(profile, plugins=pm)
        except gluteus.ReferralRequired as exc:
            out[f"{name}.json"] = str(gluteus.render(exc.result, "json", plugins=pm))
        except gluteus.Infeasible as exc:
            out[f"{name}.infeasible.txt"] = str(exc) + "\n"
        else:
            out[f"{name}.json"] = str(gluteus.render(program, "json", plugins=pm))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="folder to write the outputs into")
    parser.add_argument("--generated", type=int, default=20, help="random profiles to add")
    parser.add_argument("--compare", type=Path, default=None, help="a folder from before")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, text in outputs(args.generated).items():
        (args.outdir / name).write_text(text, encoding="utf-8")
    written = sorted(p.name for p in args.outdir.iterdir())
    print(f"{len(written)} outputs in {args.outdir}")
    if args.compare is None:
        return
    before = sorted(p.name for p in args.compare.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(args.compare, args.outdir, before, shallow=False)
    missing = sorted(set(before) ^ set(written))
    for name in [*mismatch, *errors, *missing]:
        print(f"DIFFERS: {name}")
    if mismatch or errors or missing:
        sys.exit(1)
    print(f"byte-identical: all {len(match)} outputs match {args.compare}")


if __name__ == "__main__":
    main()
