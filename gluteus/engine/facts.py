"""Facts about a person in one program week, and conditions evaluated over them.

Safety rules and computed red flags say when they apply as a
:data:`~gluteus.engine.model.Condition`: data over named facts (``age``,
``finding.knees``, ``test.timed_up_and_go_s``, ``state.falls_risk``, ...; the list is
on :class:`~gluteus.engine.model.Fact`). This module is the only place that knows
how a fact is named and worked out, and it knows no plugin's ids: every id comes
from the registry (declared by plugins) or is a key of the profile itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .model import AllOf, AnyOf, Condition, Fact, Finding, Not, facts_named
from .profile import Sides

if TYPE_CHECKING:
    from .model import Assessment
    from .profile import Profile
    from .registry import Registry

PROFILE_FACTS: tuple[str, ...] = (
    "walking_aid",
    "can_get_up_from_floor",
    "weeks_since_surgery",
    "hip_precautions_lifted",
    "weeks_since_birth",
    "pregnancy_week",
    "pregnancy_trimester",
    "blood_pressure.systolic",
    "blood_pressure.diastolic",
    "minutes_per_session",
    "sessions_per_week",
    "weeks",
    "sport_days",
    "match_days",
    "days_clear_of_sport",
    "days_clear_of_any_sport",
)
"""The profile's own keys a condition may name as ``profile.<key>`` (``sport_days`` and
``match_days`` as how many there are; ``days_clear_of_sport``, worked out from the
schedule, as how many training days are not kept light for a sport day following them,
see ``Schedule.before_sport``; ``days_clear_of_any_sport`` as how many are not the day
before any sport day)."""

TOP_FACTS: tuple[str, ...] = ("age", "experience", "week")

Facts = Mapping[str, Any]


def _bool_facts(prefix: str, declared: Iterable[str], present: Iterable[str]) -> dict[str, bool]:
    have = set(present)
    return {f"{prefix}.{item}": item in have for item in declared}


def profile_facts(profile: Profile, registry: Registry, week: int = 1) -> dict[str, Any]:
    """The facts the profile gives for program week ``week`` (no screening needed)."""
    facts: dict[str, Any] = {
        "age": profile.age,
        "experience": profile.experience,
        "week": week,
    }
    facts.update(_bool_facts("precaution", registry.precautions, profile.precautions))
    facts.update(_bool_facts("sign", registry.signs, profile.signs))
    facts.update(_bool_facts("red_flag", registry.red_flags, profile.red_flags))
    have = registry.available(tuple(profile.equipment))
    facts.update(_bool_facts("equipment", registry.equipment, have))
    for region in registry.pain_regions:
        facts[f"pain.{region}"] = profile.pain.get(region)
    for test_id, result in profile.tests.items():
        if isinstance(result, Sides):
            facts[f"test.{test_id}.left"] = result.left
            facts[f"test.{test_id}.right"] = result.right
            facts[f"test.{test_id}.worse"] = (
                bool(result.left or result.right)
                if isinstance(result.left, bool)
                else min(result.left, result.right)
            )
        else:
            facts[f"test.{test_id}"] = result
    keys: dict[str, Any] = {
        "walking_aid": profile.walking_aid,
        "can_get_up_from_floor": profile.can_get_up_from_floor,
        "weeks_since_surgery": profile.weeks_since_surgery_at(week),
        "hip_precautions_lifted": profile.hip_precautions_lifted,
        "weeks_since_birth": profile.weeks_since_birth_at(week),
        "pregnancy_week": profile.pregnancy_week_at(week),
        "pregnancy_trimester": profile.trimester_at(week),
        "minutes_per_session": profile.schedule.minutes_per_session,
        "sessions_per_week": profile.schedule.sessions_per_week,
        "weeks": profile.schedule.weeks,
        "sport_days": len(profile.schedule.sport_days) or None,
        "match_days": len(profile.schedule.match_days) or None,
        "days_clear_of_sport": len(profile.schedule.days) - len(profile.schedule.before_sport),
        "days_clear_of_any_sport": len(profile.schedule.days)
        - len(profile.schedule.before_any_sport),
    }
    if profile.blood_pressure is not None:
        keys["blood_pressure.systolic"] = profile.blood_pressure.systolic
        keys["blood_pressure.diastolic"] = profile.blood_pressure.diastolic
    facts.update({f"profile.{k}": v for k, v in keys.items() if v is not None})
    return facts


def state_facts(assessments: Iterable[Assessment]) -> dict[str, str]:
    """``state.<id>`` facts from one week's assessments."""
    return {f"state.{a.state}": a.value for a in assessments}


def finding_facts(findings: Iterable[Finding], registry: Registry) -> dict[str, Any]:
    """``finding.<issue>`` (severity, 0 when not found) and ``focus.<issue>`` facts."""
    by_issue = {f.issue: f for f in findings}
    facts: dict[str, Any] = {}
    for issue in registry.issues:
        finding = by_issue.get(issue)
        facts[f"finding.{issue}"] = finding.severity if finding else 0
        facts[f"focus.{issue}"] = bool(finding and finding.focus)
    return facts


def _compare(have: Any, op: str, want: Any) -> bool:
    if op == "present":
        return have is not None
    if have is None:
        return op == "!="
    if op == "==":
        return bool(have == want)
    if op == "!=":
        return bool(have != want)
    if op == "in":
        return have in tuple(want)
    if isinstance(have, bool) or not isinstance(have, int | float):
        return False  # ordering compares numbers only
    if op == ">=":
        return bool(have >= want)
    if op == ">":
        return bool(have > want)
    if op == "<=":
        return bool(have <= want)
    if op == "<":
        return bool(have < want)
    raise ValueError(f"unknown operator {op!r}")  # pragma: no cover - validated on Fact


def holds(condition: Condition, facts: Facts) -> bool:
    """True when ``condition`` holds for ``facts``."""
    if isinstance(condition, Fact):
        return _compare(facts.get(condition.name), condition.op, condition.value)
    if isinstance(condition, AllOf):
        return all(holds(c, facts) for c in condition.conditions)
    if isinstance(condition, AnyOf):
        return any(holds(c, facts) for c in condition.conditions)
    if isinstance(condition, Not):
        return not holds(condition.condition, facts)
    raise TypeError(f"not a condition: {condition!r}")


def known_names(registry: Registry) -> Iterator[str]:
    """Every fact name a condition may use with the plugins of ``registry``."""
    yield from TOP_FACTS
    for issue in registry.issues:
        yield f"finding.{issue}"
        yield f"focus.{issue}"
    yield from (f"precaution.{p}" for p in registry.precautions)
    yield from (f"sign.{s}" for s in registry.signs)
    yield from (f"red_flag.{r}" for r in registry.red_flags)
    yield from (f"equipment.{e}" for e in registry.equipment)
    yield from (f"pain.{r}" for r in registry.pain_regions)
    for test in registry.tests.values():
        if test.sided:
            yield from (f"test.{test.id}.{side}" for side in ("left", "right", "worse"))
        else:
            yield f"test.{test.id}"
    yield from (f"state.{s}" for s in registry.person_states)
    yield from (f"profile.{k}" for k in PROFILE_FACTS)


def unknown_facts(condition: Condition, registry: Registry) -> list[str]:
    """One sentence per fact ``condition`` names that no loaded plugin (nor the profile)
    declares, or per state value the state cannot take; empty when all are known."""
    names = set(known_names(registry))
    out: list[str] = []
    for fact in facts_named(condition):
        if fact.name not in names and fact.optional:
            continue  # declared by a plugin that is not loaded: absent, never true
        if fact.name not in names:
            close = difflib.get_close_matches(fact.name, sorted(names), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append(
                f"its condition names the fact {fact.name!r}, which no loaded plugin declares"
                + hint
            )
            continue
        if fact.name.startswith("state.") and fact.op in ("==", "!=", "in"):
            state = registry.person_states[fact.name.split(".", 1)[1]]
            wanted = fact.value if fact.op == "in" else (fact.value,)
            for value in wanted:
                if value not in state.values:
                    out.append(
                        f"its condition compares {fact.name} with {value!r}, which is not one "
                        f"of its values ({', '.join(state.values)})"
                    )
    return out


def describe_condition(condition: Condition) -> str:
    """A condition in words close to its data, for messages and docs."""
    if isinstance(condition, Fact):
        if condition.op == "present":
            return f"{condition.name} is known"
        if condition.op == "==" and condition.value is True:
            return condition.name
        return f"{condition.name} {condition.op} {condition.value!r}"
    if isinstance(condition, AllOf):
        return " and ".join(f"({describe_condition(c)})" for c in condition.conditions)
    if isinstance(condition, AnyOf):
        return " or ".join(f"({describe_condition(c)})" for c in condition.conditions)
    return f"not ({describe_condition(condition.condition)})"
