"""The built-in ``safety`` plugin: red flags, precautions and the safety rules that
are not owned by one issue (pregnancy, joint replacements, osteoporosis,
hypertension, pain levels). Red flags and precautions live in :mod:`.flags`,
the rules in :mod:`.rules`."""

from __future__ import annotations

from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import Precaution, RedFlag, SafetyRule, Source

from . import flags, rules


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
