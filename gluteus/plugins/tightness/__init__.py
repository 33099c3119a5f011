"""The built-in ``tightness`` issue plugin: 'Tight' glutes that are really weak.

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
        id="tightness",
        name='"Tight" glutes that are really weak',
        message="Glutes that always feel tight are often weak and overworked, not short: stretching them brings brief relief and the tightness returns.",
        fix="Static stretching swapped for isometric holds, eccentric loading and strength work for the deep hip rotators and abductors.",
        evidence="weak",
        evidence_note="Tendinopathy care has moderate evidence (LEAP, Mellor 2018), but the piriformis approach rests on one case report and a small case series (Tonley 2010, Schröder 2016): treat it as expert opinion.",
        order=4,
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
