"""The built-in ``safety`` plugin: red flags, precautions, the person model and the
safety rules that are not owned by one issue (falls risk, pregnancy, joint
replacements, osteoporosis, blood pressure, youth, pain levels). Red flags and
precautions live in :mod:`.flags`, who the person is (person states, the tests that
tell, and their week-by-week assessment) in :mod:`.person`, the rules in
:mod:`.rules`."""

from __future__ import annotations

from gluteus.engine.hookspecs import hookimpl
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

from . import flags, person, rules


@hookimpl
def register_red_flags() -> list[RedFlag]:
    return list(flags.RED_FLAGS)


@hookimpl
def register_precautions() -> list[Precaution]:
    return list(flags.PRECAUTIONS)


@hookimpl
def register_sources() -> list[Source]:
    return list(flags.SOURCES) + list(rules.SOURCES)


@hookimpl
def register_safety_rules() -> list[SafetyRule]:
    return list(rules.SAFETY_RULES)


@hookimpl
def register_signs() -> list[Sign]:
    return [person.PGP, person.SIDE_LYING_PAIN]


@hookimpl
def register_tests() -> list[ObjectiveTest]:
    return list(person.TESTS)


@hookimpl
def register_person_states() -> list[PersonState]:
    return list(person.PERSON_STATES)


@hookimpl
def assess_person(profile: Profile, week: int) -> list[Assessment]:
    return person.assess(profile, week)
