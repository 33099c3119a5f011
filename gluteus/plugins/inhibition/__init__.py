"""The built-in ``inhibition`` issue plugin: Glutes switched off.

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
        id="inhibition",
        name="Glutes switched off",
        message='Your glutes are "off the clock": after long sitting or injury they stop firing when they should (sometimes called gluteal amnesia), and other muscles do their job.',
        fix="Isolated activation drills (clamshells, glute bridges, standing kickbacks) open every session, before anything loaded, so the glutes are switched on when the work starts.",
        evidence="weak",
        evidence_note="Rests on expert opinion: there is no validated test for 'inhibited' glutes, and glute max fires late on prone hip extension even in healthy people (systematic review). The program uses generic activation and strength progression with pain monitoring.",
        order=1,
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
