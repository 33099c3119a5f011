"""Typed use of the public API, checked by CI with mypy --strict (never run by pytest).

    .venv/bin/mypy --strict --follow-imports=silent gluteus/__init__.py tests/typecheck/api_usage.py

If a change to ``gluteus``'s exports breaks an embedding app's types, this fails.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping
from typing import Any

import gluteus


def embed(data: dict[str, Any]) -> tuple[dict[str, Any], str | bytes, int]:
    profile: gluteus.Profile = gluteus.Profile.from_dict(data)
    pm = gluteus.make_plugin_manager(entrypoints=False, blocked=["function"])
    try:
        program: gluteus.Program = gluteus.generate(profile, seed=7, plugins=pm)
    except gluteus.ReferralRequired as exc:
        flags: list[str] = [r.flag for r in exc.referrals]
        document: gluteus.Program | None = exc.result
        return {"referrals": flags, "document": document is not None}, "", exc.exit_code
    except gluteus.Infeasible as exc:
        conflicts: tuple[str, ...] = exc.conflicts
        return {"conflicts": list(conflicts)}, "", exc.exit_code
    except (gluteus.ProfileError, gluteus.PluginError) as exc:
        return {"error": str(exc)}, "", exc.exit_code
    as_dict: dict[str, Any] = program.to_dict()
    text: str | bytes = gluteus.render(program, "markdown")
    violations: list[gluteus.Violation] = gluteus.check(as_dict)
    problems: list[str] = [str(v) for v in violations]
    findings: list[gluteus.Finding] = list(gluteus.screen_profile(profile).findings)
    return {"program": as_dict, "problems": problems, "found": len(findings)}, text, 0


def load(path: str) -> gluteus.Profile:
    return gluteus.load_profile(path)


def rendered(program: gluteus.Program, fmt: str) -> tuple[str, str, bytes, bytes, str | bytes]:
    # Each built-in format has its own return type; any other name may give either.
    page: str = gluteus.render(program, "html")
    default: str = gluteus.render(program)
    pdf: bytes = gluteus.render(program, "pdf")
    sheet: bytes = gluteus.Engine().render(program, "cheatsheet")
    other: str | bytes = gluteus.render(program, fmt)
    return page, default, pdf, sheet, other


def served(body: bytes, cancel: threading.Event) -> dict[str, Any]:
    engine = gluteus.Engine(gluteus.make_plugin_manager(entrypoints=False))
    seen: list[gluteus.Progress] = []
    try:
        profile = engine.parse_profile(body, "json", name="request body")
        screening: gluteus.Screening = engine.screen(profile)
        program = engine.generate(profile, progress=seen.append, cancel=cancel)
    except gluteus.GluteusError as exc:
        error: dict[str, Any] = exc.to_dict()
        return error
    signs: Mapping[str, gluteus.Sign] = engine.signs()
    flags: Mapping[str, gluteus.RedFlag] = engine.red_flags()
    precautions: Mapping[str, gluteus.Precaution] = engine.precautions()
    equipment: Mapping[str, gluteus.Equipment] = engine.equipment()
    tests: Mapping[str, gluteus.ObjectiveTest] = engine.tests()
    regions: Mapping[str, gluteus.PainRegion] = engine.pain_regions()
    exercises: Mapping[str, gluteus.Exercise] = engine.exercises()
    issues: Mapping[str, gluteus.Issue] = engine.issues()
    formats: Mapping[str, gluteus.Renderer] = engine.formats()
    counts = [signs, flags, precautions, equipment, tests, regions, exercises, issues, formats]
    return {
        "weeks": len(program.weeks),
        "findings": len(screening.findings),
        "stages": [p.stage for p in seen],
        "catalogue": [len(c) for c in counts],
    }


async def in_the_loop(profile: gluteus.Profile) -> gluteus.Program:
    try:
        return await gluteus.Engine().agenerate(profile, seed=1)
    except gluteus.Cancelled as exc:
        stage: str = exc.stage
        raise RuntimeError(stage) from exc


def run(profile: gluteus.Profile) -> gluteus.Program:
    return asyncio.run(gluteus.agenerate(profile))


@gluteus.hookimpl
def register_issues() -> None:
    return None


VERSION: str = gluteus.__version__
