"""``gluteus screen``: the red-flag gate and the findings, without planning a program.

Prints, for each issue, the severity 0-3 in numbers and words, the signs and test
results that counted, the weaker side and the module's evidence caveat, then the
safety rules and precautions that apply to this person. With a red flag it prints
the referrals instead and exits 3.

It never imports the planner or the solver, so it stays fast.

``--format json`` writes this document (``format: gluteus.screen/1``; keys are only
ever added)::

    {
      "format": "gluteus.screen/1",
      "status": "ok",
      "engine": {"version": str, "plugins": {name: version}},
      "profile": {... the profile after defaults were applied ...},
      "findings": [{
          "issue": id, "name": str, "severity": 0..3,
          "severity_words": "none" | "mild" | "moderate" | "marked",
          "signs": [id], "tests": [str], "weaker_side": "left" | "right" | null,
          "focus": bool, "notes": [str],
          "evidence": "verified" | "recalled" | "weak" | "convention",
          "evidence_note": str | null
      }],
      "safety": {
          "rules": [{"id": str, "description": str, "source": str, "evidence": str,
                     "notes": [str], "excludes": [exercise id]}],
          "precautions": [{"id": str, "question": str, "trimester": int | null}],
          "cap": {"max_hold_s": int | null, "max_level": int | null,
                  "max_sets": int | null, "max_rpe": number | null},
          "stop_signs": [str],
          "notes": [str]
      }
    }

With a red flag, ``--format json`` writes instead the ``status: referral`` program
document (it validates against the shipped program schema), and the
one-line message goes to standard error.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from gluteus.cli import fail, terminal
from gluteus.engine.errors import ReferralRequired

SEVERITY_WORDS: tuple[str, ...] = ("none", "mild", "moderate", "marked")
"""Words for severity 0-3, as shown next to the number."""

URGENCY_WORDS: dict[str, str] = {
    "emergency": "EMERGENCY - go now",
    "urgent": "URGENT - today",
    "soon": "SOON - within days",
}

SCREEN_FORMAT = "gluteus.screen/1"
WIDTH = 80
"""Plain screening text is laid out this wide unless ``COLUMNS`` says otherwise."""
INDENT = " " * 14


@click.command(short_help="Show red flags and findings for a PROFILE, without a program.")
@click.argument("profile", type=click.Path())  # the loader says what is wrong with it
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal, json for programs (a referral is the program JSON).",
)
def screen(profile: str, fmt: str) -> None:
    """Screen a PROFILE: red flags first, then what each issue module finds.

    Shows each issue's severity (0-3), the signs and tests that counted, the weaker
    side, how firm the evidence is, and the safety rules and precautions that apply
    to you. No program is planned.

    Exit codes: 0 done; 2 bad input; 3 a red flag (the referrals are printed, with
    --format json as the referral JSON of the program format).
    """
    from gluteus.cli import late_warnings, plugin_manager
    from gluteus.engine import api

    pm = plugin_manager()
    ctx = api.context(pm)
    person = api.load_profile(profile, plugins=pm)
    result = api.run_screen(person, ctx)
    ctx = result.context or ctx
    late_warnings(pm)
    if result.referrals:
        from gluteus.engine.program import program_json, referral_program

        document = referral_program(person, result.referrals, ctx)
        if fmt == "json":
            click.echo(program_json(document), nl=False)
        else:
            terminal.show(
                referral_blocks(result, ctx),
                plain=referral_text(result, ctx, width=terminal.plain_width()),
            )
        # Exit 3 through the shared boundary, without repeating the referrals above.
        fail(ReferralRequired(result.referrals, result=document), referrals_shown=True)
    if fmt == "json":
        click.echo(json.dumps(screen_dict(result, ctx), indent=2, ensure_ascii=False))
    else:
        terminal.show(
            screen_blocks(result, ctx), plain=screen_text(result, ctx, width=terminal.plain_width())
        )


# --- JSON --------------------------------------------------------------------------


def screen_dict(result: Any, ctx: Any) -> dict[str, Any]:
    """The ``gluteus.screen/1`` document for a screening without red flags."""
    from gluteus.engine.program import engine_info

    version, plugins = engine_info(ctx)
    registry = ctx.registry
    findings = []
    for finding in result.findings:
        issue = registry.issues.get(finding.issue)
        findings.append(
            {
                **finding.to_dict(),
                "name": issue.name if issue else finding.issue,
                "severity_words": SEVERITY_WORDS[finding.severity],
                "evidence": issue.evidence if issue else None,
                "evidence_note": issue.evidence_note if issue else None,
            }
        )
    restrictions = result.restrictions
    excludes: dict[str, list[str]] = {}
    for exercise_id, rule_ids in sorted(restrictions.excluded.items()):
        for rule_id in rule_ids:
            excludes.setdefault(rule_id, []).append(exercise_id)
    person = result.profile
    return {
        "format": SCREEN_FORMAT,
        "status": "ok",
        "engine": {"version": version, "plugins": dict(plugins)},
        "profile": person.to_dict(),
        "findings": findings,
        "safety": {
            "rules": [
                {
                    "id": rule.id,
                    "description": rule.description,
                    "source": rule.source,
                    "evidence": rule.evidence,
                    "notes": list(rule.notes),
                    "excludes": excludes.get(rule.id, []),
                }
                for rule in restrictions.rules
            ],
            "precautions": [
                {
                    "id": pre_id,
                    "question": pre.question if (pre := registry.precautions.get(pre_id)) else "",
                    "trimester": person.pregnancy_trimester if pre_id == "pregnancy" else None,
                }
                for pre_id in person.precautions
            ],
            "cap": {
                "max_hold_s": restrictions.cap.max_hold_s,
                "max_level": restrictions.cap.max_level,
                "max_sets": restrictions.cap.max_sets,
                "max_rpe": restrictions.cap.max_rpe,
            },
            "stop_signs": list(restrictions.stop_signs),
            "notes": list(restrictions.notes),
        },
    }


# --- Text --------------------------------------------------------------------------


def _fill(text: str, indent: str, first: str | None = None, width: int = WIDTH) -> str:
    return textwrap.fill(
        text,
        width=width,
        break_long_words=False,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def _who(person: Any) -> str:
    who = f"age {person.age}, {person.experience}"
    return f"{person.name}, {who}" if person.name else who


def _words(ident: str) -> str:
    return ident.replace("_", " ")


def _sign(registry: Any, sign_id: str) -> str:
    """A sign as its plugin names it to a person, else its id in words."""
    sign = registry.signs.get(sign_id)
    return (sign.name if sign is not None else "") or _words(sign_id)


def evidence_words(finding: Any, issue: Any) -> str:
    """How firm the issue's evidence is, in words, with the issue's own caveat unless
    the finding's notes already state it (the built-in modules' do)."""
    from gluteus.engine.model import states_evidence
    from gluteus.engine.view import EVIDENCE

    level = EVIDENCE.get(issue.evidence, issue.evidence)
    if issue.evidence_note and not states_evidence(finding.notes):
        level += f". {issue.evidence_note}"
    return level


def screen_text(result: Any, ctx: Any, width: int = WIDTH) -> str:
    """Plain text of a screening without red flags, wrapped at ``width`` columns."""

    from gluteus.engine.view import prose

    def _wrap(text: str, indent: str, first: str | None = None) -> str:
        return _fill(text, indent, first, width)

    registry = ctx.registry
    person = result.profile
    lines = [f"Screening: {_who(person)}", "", "Findings (severity 0-3)"]
    for finding in result.findings:
        issue = registry.issues.get(finding.issue)
        name = issue.name if issue else finding.issue
        focus = " (in focus)" if finding.focus else ""
        lines.append("")
        lines.append(
            _wrap(
                f"{name} [{finding.issue}]: {finding.severity} of 3, "
                f"{SEVERITY_WORDS[finding.severity]}{focus}",
                "    ",
                "  ",
            )
        )
        if finding.severity == 0 and not finding.focus:
            continue  # nothing counted: the heading says it all
        if finding.signs:
            signs = ", ".join(_sign(registry, s) for s in finding.signs)
            lines.append(_wrap(signs, INDENT, "    Signs:    "))
        for test in finding.tests:
            lines.append(_wrap(prose(test), INDENT, "    Test:     "))
        if finding.weaker_side:
            lines.append(f"    Weaker:   {finding.weaker_side} side")
        for note in finding.notes:
            lines.append(_wrap(prose(note), INDENT, "    Note:     "))
        if issue is not None:
            lines.append(_wrap(evidence_words(finding, issue), INDENT, "    Evidence: "))
    restrictions = result.restrictions
    lines += ["", "Safety rules that apply to you"]
    if not restrictions.rules:
        lines.append("  None beyond the usual pain monitoring.")
    excluded_by: dict[str, int] = {}
    for rule_ids in restrictions.excluded.values():
        for rule_id in rule_ids:
            excluded_by[rule_id] = excluded_by.get(rule_id, 0) + 1
    for rule in restrictions.rules:
        count = excluded_by.get(rule.id, 0)
        excl = f" ({count} exercise{'s' * (count != 1)} left out)" if count else ""
        lines.append(_wrap(f"{rule.description}{excl} [{rule.id}]", "    ", "  - "))
        for note in rule.notes:
            lines.append(_wrap(note, "      ", "      "))
    if person.precautions:
        lines += ["", "Precautions"]
        for pre_id in person.precautions:
            extra = (
                f" (trimester {person.pregnancy_trimester})"
                if pre_id == "pregnancy" and person.pregnancy_trimester
                else ""
            )
            lines.append(_wrap(f"{_words(pre_id)}{extra}", "    ", "  - "))
    if restrictions.stop_signs:
        lines += ["", "Stop and seek care if you notice"]
        lines += [_wrap(sign, "    ", "  - ") for sign in restrictions.stop_signs]
    return "\n".join(lines)


def referral_text(result: Any, ctx: Any, width: int = WIDTH) -> str:
    """Plain text of the referrals: one per red flag, most urgent first."""

    def _wrap(text: str, indent: str, first: str | None = None) -> str:
        return _fill(text, indent, first, width)

    lines = [
        f"Screening: {_who(result.profile)}",
        "",
        "No program: a red flag needs a clinician first.",
    ]
    for referral in result.referrals:
        flag = ctx.registry.red_flags.get(referral.flag)
        lines.append("")
        lines.append(
            _wrap(
                f"{_words(referral.flag)} [{referral.flag}]: "
                f"{URGENCY_WORDS.get(referral.urgency, referral.urgency)}",
                "    ",
                "  ",
            )
        )
        if flag is not None:
            lines.append(_wrap(flag.question, INDENT, "    Asked:    "))
        lines.append(_wrap(referral.see, INDENT, "    See:      "))
        lines.append(_wrap(referral.message, INDENT, "    Why:      "))
    return "\n".join(lines)


# --- The terminal look ----------------------------------------------------------------


def screen_blocks(result: Any, ctx: Any) -> list[Any]:
    """The screening as the shared document blocks, for the rich terminal look.

    Says the same as :func:`screen_text` (which piped output gets), laid out as a
    table of findings and a section per issue found.
    """
    from gluteus.engine.view import Bullets, Heading, Para, Table, prose

    registry = ctx.registry
    person = result.profile
    blocks: list[Any] = [Heading(1, f"Screening: {_who(person)}")]
    rows = []
    for finding in result.findings:
        issue = registry.issues.get(finding.issue)
        rows.append(
            (
                issue.name if issue else finding.issue,
                f"{finding.severity} of 3",
                SEVERITY_WORDS[finding.severity] + (" (in focus)" if finding.focus else ""),
                f"{finding.weaker_side} side" if finding.weaker_side else "-",
            )
        )
    blocks.append(
        Table(("Issue", "Severity", "", "Weaker side"), tuple(rows), (False, True, False, False))
    )
    for finding in result.findings:
        if finding.severity == 0 and not finding.focus:
            continue
        issue = registry.issues.get(finding.issue)
        blocks.append(Heading(2, issue.name if issue else finding.issue))
        items = []
        if finding.signs:
            items.append("Signs: " + ", ".join(_sign(registry, s) for s in finding.signs))
        items += [f"Test: {prose(test)}" for test in finding.tests]
        items += [prose(note) for note in finding.notes]
        if items:
            blocks.append(Bullets(tuple(items)))
        if issue is not None:
            blocks.append(Para(f"Evidence: {evidence_words(finding, issue)}", tone="muted"))
    restrictions = result.restrictions
    blocks.append(Heading(2, "Safety rules that apply to you"))
    if restrictions.rules:
        blocks.append(
            Bullets(tuple(f"{rule.description} [{rule.id}]" for rule in restrictions.rules))
        )
    else:
        blocks.append(Para("None beyond the usual pain monitoring."))
    if person.precautions:
        blocks.append(Heading(2, "Precautions"))
        blocks.append(Bullets(tuple(_words(p) for p in person.precautions)))
    if restrictions.stop_signs:
        blocks.append(Heading(2, "Stop and seek care if you notice", tone="stop"))
        blocks.append(Bullets(tuple(restrictions.stop_signs), tone="stop"))
    return blocks


def referral_blocks(result: Any, ctx: Any) -> list[Any]:
    """The referrals as document blocks, for the rich terminal look."""
    from gluteus.engine.view import Bullets, Heading, Para

    blocks: list[Any] = [
        Heading(1, f"Screening: {_who(result.profile)}"),
        Para("No program: a red flag needs a clinician first.", tone="stop"),
    ]
    for referral in result.referrals:
        urgency = URGENCY_WORDS.get(referral.urgency, referral.urgency)
        blocks.append(Heading(2, f"{_words(referral.flag)}: {urgency}", tone="stop"))
        blocks.append(Bullets((f"See: {referral.see}", f"Why: {referral.message}")))
    return blocks
