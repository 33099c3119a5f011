"""The built-in ``function`` issue plugin: Function over looks.

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
        ObjectiveTest,
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
        id="function",
        name="Function over looks",
        message="Glutes are for balance, walking, getting up and everyday and sport movements, not only for looks: poor balance, hip pain in workouts or fatigue in the wrong places say they are not doing their job.",
        fix="Balance, trunk control, power and single-leg work for everyday and sport movements, progressed for quality over quantity.",
        evidence="convention",
        evidence_note="No glute-specific dose trials were gathered for this module; screening norms come from population studies (Springer 2007) and the dosing from general training guidance (ACSM 2009).",
        order=5,
    )
    return [issue]


@hookimpl
def register_signs() -> list[Sign]:
    from . import screening

    return list(screening.SIGNS)


@hookimpl
def screen(
    profile: Profile, signs: dict[str, Sign], tests: dict[str, ObjectiveTest]
) -> list[Finding]:
    from . import screening

    return [screening.grade(profile, tests)]


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
