"""Typed use of the public API, checked by CI with mypy --strict (never run by pytest).

    .venv/bin/mypy --strict --follow-imports=silent gluteus/__init__.py tests/typecheck/api_usage.py

If a change to ``gluteus``'s exports breaks an embedding app's types, this fails.
"""

from __future__ import annotations

from typing import Any

import gluteus


def embed(data: dict[str, Any]) -> tuple[dict[str, Any], str | bytes, int]:
    profile: gluteus.Profile = gluteus.Profile.from_dict(data)
    pm = gluteus.make_plugin_manager(entrypoints=False, blocked=["function"])
    try:
        program: gluteus.Program = gluteus.generate(profile, seed=7, plugins=pm)
    except gluteus.ReferralRequired as exc:
        flags: list[str] = [r.flag for r in exc.referrals]
        return {"referrals": flags}, "", exc.exit_code
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


@gluteus.hookimpl
def register_issues() -> None:
    return None


VERSION: str = gluteus.__version__
