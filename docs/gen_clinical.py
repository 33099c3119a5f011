"""Generate the reference part of docs/clinical.md from the built-in plugins' data.

Everything between the ``clinical:start`` and ``clinical:end`` markers is rewritten
from the registry: every red flag with its urgency, whom to see and source; every
person state with its values; every objective test; every safety rule with whom it
is for, what it does and the source it rests on, with that source's evidence level.
``tests/test_docs_clinical.py`` regenerates it and fails when the committed file
differs, so the page cannot drift from the rules the engine enforces.

    python docs/gen_clinical.py           # rewrite docs/clinical.md
    python docs/gen_clinical.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from gluteus.engine.dosing import (  # noqa: E402
    FEWEST_TESTED_REPS,
    SHORTEST_HOLD_S,
    TESTED_HOLD_SHARE,
    TESTED_REPS_SHORT,
)
from gluteus.engine.facts import describe_condition  # noqa: E402
from gluteus.engine.model import SafetyRule  # noqa: E402
from gluteus.engine.pluginmanager import make_plugin_manager  # noqa: E402
from gluteus.engine.registry import Registry, build_registry  # noqa: E402

DOC = ROOT / "docs" / "clinical.md"
START, END = "<!-- clinical:start -->\n", "<!-- clinical:end -->\n"

EVIDENCE = {
    "verified": "checked against the source",
    "recalled": "from the source as recalled, to be checked",
    "weak": "weak or conflicting evidence",
    "convention": "practice convention, no trial behind it",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _source(reg: Registry, key: str) -> str:
    source = reg.sources.get(key)
    if source is None:
        return f"`{key}`"
    return f"`{key}` ({EVIDENCE.get(source.level, source.level)})"


def _does(rule: SafetyRule) -> str:
    parts: list[str] = []
    if rule.exclude_tags:
        parts.append("excludes " + ", ".join(f"`{t}`" for t in rule.exclude_tags))
    if rule.guard_tags:
        parts.append(
            "keeps "
            + ", ".join(f"`{t}`" for t in rule.guard_tags)
            + " only with a cue guarding it shown"
        )
    if rule.exclude_positions:
        parts.append("excludes positions " + ", ".join(rule.exclude_positions))
    if rule.exclude_roles:
        parts.append("excludes roles " + ", ".join(rule.exclude_roles))
    if rule.exclude_equipment:
        parts.append("excludes equipment " + ", ".join(rule.exclude_equipment))
    if rule.exclude_exercises:
        parts.append("excludes exercises " + ", ".join(f"`{e}`" for e in rule.exclude_exercises))
    cap = rule.cap
    if cap is not None:
        caps = []
        if cap.max_rpe is not None:
            caps.append(f"RPE at most {cap.max_rpe:g}")
        if cap.no_rm:
            caps.append("no repetition maximum (effort by the talk test)")
        if cap.min_rm is not None:
            caps.append(f"nothing heavier than {cap.min_rm}RM")
        if cap.max_sets is not None:
            caps.append(f"at most {cap.max_sets} sets")
        if cap.max_hold_s is not None:
            caps.append(f"holds at most {cap.max_hold_s} s")
        if cap.max_level is not None:
            caps.append(f"ladder level at most {cap.max_level}")
        if caps:
            on = f" on {', '.join(f'`{t}`' for t in cap.tags)} work" if cap.tags else ""
            if cap.first_load:
                on += " in a movement's first block with a weight"
            parts.append(f"caps{on}: " + ", ".join(caps))
    for limit in rule.limits:
        kinds = [f"`{t}`" for t in limit.tags] + [*limit.roles, *limit.families]
        kinds += [f"{f} with a weight" for f in limit.loaded_families]
        words = f"{', '.join(kinds)} work"
        if limit.max_weekly_sets is not None:
            words += f" at most {limit.max_weekly_sets} sets a week"
        if limit.heavy:
            words += " worked heavy (effort 8/10 or more, or 8RM or heavier)"
        if limit.max_per_session is not None:
            words += f", at most {limit.max_per_session} in a session"
        if limit.not_on_consecutive_days:
            same = " the same exercise" if limit.same_exercise else ""
            words += f",{same} never on consecutive days"
        parts.append(words)
    for req in rule.requires:
        if req.kind == "stepped":
            roles = f" ({', '.join(req.roles)})" if req.roles else ""
            after = f" tagged `{'` or `'.join(req.after_tags)}`" if req.after_tags else ""
            parts.append(
                f"`{'`, `'.join(req.tags)}`{roles} work only in a block after one with "
                f"{', '.join(req.families)} work{after}"
            )
            continue
        if req.kind == "drill_first":
            parts.append(f"loaded {', '.join(req.then)} only after {', '.join(req.families)} work")
            continue
        kinds = [*req.roles, *req.planes, *req.tags, *req.families]
        where = {"weekly": "every week", "session": "every session"}.get(req.kind, req.kind)
        if req.sessions is not None:
            where = f"in {req.sessions} sessions a week, or every session of a shorter week"
        parts.append(f"asks for {', '.join(kinds) or 'activation'} ({where})")
    if rule.stop_signs:
        parts.append("stop signs: " + "; ".join(rule.stop_signs))
    return "; ".join(parts) or "notes only"


def render(reg: Registry) -> str:
    out: list[str] = []
    out.append("### Red flags: a referral instead of a program\n\n")
    out.append("| id | urgency | asked as | see | source |\n| --- | --- | --- | --- | --- |\n")
    for flag in reg.red_flags.values():
        asked = flag.question + (
            f" (also worked out: {describe_condition(flag.when)})" if flag.when else ""
        )
        out.append(
            f"| `{flag.id}` | {flag.urgency} | {_cell(asked)} | {_cell(flag.see)} | "
            f"{_source(reg, flag.source)} |\n"
        )
    out.append("\n### Person states: who the person is, week by week\n\n")
    out.append("| state | values | what it is |\n| --- | --- | --- |\n")
    for state in reg.person_states.values():
        out.append(
            f"| `{state.id}` | {', '.join(f'`{v}`' for v in state.values)} | "
            f"{_cell(state.description)} |\n"
        )
    out.append("\n### Objective tests\n\n")
    out.append("| test | kind | holds or reps it limits | source |\n| --- | --- | --- | --- |\n")
    for test in reg.tests.values():
        out.append(
            f"| `{test.id}` ({_cell(test.name)}) | {test.kind}{', per side' if test.sided else ''} "
            f"| {', '.join((*test.holds, *test.reps)) or '-'} | {_source(reg, test.source)} |\n"
        )
    num, den = TESTED_HOLD_SHARE
    out.append(
        f"\nA hold of a family a test measures stays within {100 * num // den}% of the worse "
        f"side's result, never cut below {SHORTEST_HOLD_S} s; a hands-free hold gets the "
        f"{100 * num // den}% however short, and when that is under {SHORTEST_HOLD_S} s it is "
        "left out, the supported version in its place. Standing balance held with a hand on "
        "a counter is more than the hands-free test measured: it is not capped by it, but "
        f"starts at the {100 * num // den}% (never under {SHORTEST_HOLD_S} s) and lengthens by "
        "its rule (conventions). A set of a family "
        f"a count test counts (sit to stands: the 30-second chair stand) stops {TESTED_REPS_SHORT} "
        f"reps short of the count, never under {FEWEST_TESTED_REPS} reps (a convention).\n"
    )
    out.append("\n### Safety rules\n\n")
    out.append("| rule | for whom | what it does | source |\n| --- | --- | --- | --- |\n")
    for rule_id in sorted(reg.safety_rules):
        rule = reg.safety_rules[rule_id]
        condition = rule.when.as_condition()
        if rule.when.always:
            who = "everyone"
        else:
            who = describe_condition(condition) if condition else "-"
        out.append(
            f"| `{rule.id}` ({reg.plugin_of('safety_rule', rule.id)}) | {_cell(who)} | "
            f"{_cell(rule.description)} {_cell(_does(rule))} | {_source(reg, rule.source)} |\n"
        )
    out.append("\n### Sources\n\n")
    cited = sorted(
        {r.source for r in reg.safety_rules.values()}
        | {f.source for f in reg.red_flags.values()}
        | {t.source for t in reg.tests.values()}
    )
    for key in cited:
        source = reg.sources.get(key)
        if source is not None:
            out.append(f"- `{key}`: {_cell(source.citation)}\n")
    return "".join(out)


def wanted(text: str) -> str:
    reg = build_registry(make_plugin_manager(entrypoints=False))
    try:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
    except ValueError:
        raise SystemExit(f"{DOC}: the clinical markers are missing") from None
    return head + START + "\n" + render(reg) + "\n" + END + tail


def main(argv: list[str]) -> int:
    current = DOC.read_text(encoding="utf-8")
    new = wanted(current)
    if "--check" in argv:
        if new != current:
            print(f"{DOC} is out of date: run python docs/gen_clinical.py", file=sys.stderr)
            return 1
        return 0
    if new != current:
        DOC.write_text(new, encoding="utf-8")
        print(f"updated {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
