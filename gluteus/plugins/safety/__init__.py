"""The built-in ``safety`` plugin: red flags, precautions, the person model and the
safety rules that are not owned by one issue (falls risk, pregnancy, joint
replacements, osteoporosis, blood pressure, youth, pain levels). Red flags and
precautions live in :mod:`.flags`, who the person is (person states, the tests that
tell, and their week-by-week assessment) in :mod:`.person`, the rules in
:mod:`.rules`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gluteus.engine.hookspecs import hookimpl

if TYPE_CHECKING:
    from gluteus.engine.model import (
        Assessment,
        ObjectiveTest,
        PersonState,
        Precaution,
        RedFlag,
        SafetyRule,
        Sign,
        Source,
    )
    from gluteus.engine.profile import Profile

# The data (:mod:`.flags`, :mod:`.person`, :mod:`.rules`) is imported by the hooks that
# hand it over, so loading the plugin, as `gluteus --help` does, builds none of it.


@hookimpl
def register_red_flags() -> list[RedFlag]:
    from . import flags

    return list(flags.RED_FLAGS)


@hookimpl
def register_precautions() -> list[Precaution]:
    from . import flags

    return list(flags.PRECAUTIONS)


@hookimpl
def register_sources() -> list[Source]:
    from . import flags, rules

    return list(flags.SOURCES) + list(rules.SOURCES)


@hookimpl
def register_safety_rules() -> list[SafetyRule]:
    from . import rules

    return list(rules.SAFETY_RULES)


@hookimpl
def register_signs() -> list[Sign]:
    from . import person

    return [person.PGP, person.SIDE_LYING_PAIN]


@hookimpl
def register_tests() -> list[ObjectiveTest]:
    from . import person

    return list(person.TESTS)


@hookimpl
def register_person_states() -> list[PersonState]:
    from . import person

    return list(person.PERSON_STATES)


@hookimpl
def assess_person(profile: Profile, week: int) -> list[Assessment]:
    from . import person

    return person.assess(profile, week)
