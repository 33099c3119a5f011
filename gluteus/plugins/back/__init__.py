"""The built-in ``back`` issue plugin: The low back works because the glutes don't.

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
        id="back",
        name="The low back works because the glutes don't",
        message="When the glutes under-perform, the low back takes over hip extension and stabilising: an ache after standing, the back arching under load, feeling lifts in the back.",
        fix="Glute max and med strength in controlled, pelvis-neutral movements with form cues, and back-friendly loading (low spinal load early).",
        evidence="weak",
        evidence_note="Adding hip work to low-back care gave little or no extra benefit in trials (Kendall 2015, Fukuda 2021; de Jesus 2020 meta-analysis: pain -5.4/100): the evidence is low and conflicting.",
        order=2,
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
