"""The built-in ``knees`` issue plugin: Knees cave in.

Contributes the issue, its signs and screening (:mod:`.screening`), and its
exercises, ladders, dosing and safety rules (:mod:`.content`), through the same
hooks any third-party plugin uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gluteus.engine.hookspecs import hookimpl

if TYPE_CHECKING:
    from gluteus.engine.model import (
        DoseRule,
        Exercise,
        Finding,
        Issue,
        Ladder,
        SafetyRule,
        Sign,
        Source,
    )
    from gluteus.engine.profile import Profile

# The module's data (the issue below, :mod:`.content` and :mod:`.screening`) is
# imported by the hooks that hand it over, so loading the plugin, as `gluteus --help`
# does, builds none of it.


@hookimpl
def register_issues() -> list[Issue]:
    from gluteus.engine.model import Issue

    issue = Issue(
        id="knees",
        name="Knees cave in",
        message="When glute med is weak the thigh drops inward and the knee caves in (valgus) on stairs, squats and landings, loading the knee.",
        fix="Every week, hip work in both the frontal and the transverse plane, with at least one of the exercises that fix it (band walks, single-leg bridges, side-lying leg raises, step-ups or step-downs), progressing to single-leg control.",
        evidence="recalled",
        evidence_note="Moderate evidence: hip and core programmes eased knee pain as well as knee programmes and a week sooner (Ferber 2015, n=199), though at one year hip exercise was no better than free activity (Hott 2020).",
        order=3,
    )
    return [issue]


@hookimpl
def register_signs() -> list[Sign]:
    from . import screening

    return list(screening.SIGNS)


@hookimpl
def screen(profile: Profile, signs: dict[str, Sign]) -> list[Finding]:
    from . import screening

    return [screening.grade(profile)]


@hookimpl
def register_sources() -> list[Source]:
    from . import content, screening

    return list(screening.SOURCES) + list(content.SOURCES)


@hookimpl
def register_exercises() -> list[Exercise]:
    from . import content

    return list(content.EXERCISES)


@hookimpl
def register_ladders() -> list[Ladder]:
    from . import content

    return list(content.LADDERS)


@hookimpl
def register_dosing() -> list[DoseRule]:
    from . import content

    return list(content.DOSING)


@hookimpl
def register_safety_rules() -> list[SafetyRule]:
    from . import content

    return list(content.SAFETY_RULES)
