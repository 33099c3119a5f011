"""Safety rules, enforced by the engine: which apply to a person, and what they forbid.

Rules are data contributed by plugins (:class:`~gluteus.engine.model.SafetyRule`).
Here they are matched against a profile and its findings and combined, the most
restrictive winning: exclusions are unioned, caps take the minimum, requirements
and stop signs accumulate. The planner selects only from what this allows, and
verification re-checks the finished program against the same
:class:`Restrictions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from attrs import frozen

from .model import Cap, Exercise, Finding, Requirement, SafetyRule
from .profile import Profile
from .registry import Registry


def rule_applies(rule: SafetyRule, profile: Profile, found: Iterable[str]) -> bool:
    """True when every condition set in ``rule.when`` holds for this person.

    ``found`` holds the issue ids that screening found (severity ≥ 1, or in focus).
    A trigger with no condition set never fires unless ``always`` is set.
    """
    when = rule.when
    if when.always:
        return True
    conditions: list[bool] = []
    if when.precautions:
        conditions.append(any(p in profile.precautions for p in when.precautions))
    if when.min_trimester is not None:
        trimester = profile.pregnancy_trimester
        conditions.append(
            "pregnancy" in profile.precautions
            and trimester is not None
            and trimester >= when.min_trimester
        )
    if when.pain:
        conditions.append(any(profile.pain.get(region) >= level for region, level in when.pain))
    if when.findings:
        found_set = set(found)
        conditions.append(any(issue in found_set for issue in when.findings))
    return bool(conditions) and all(conditions)


def _combine_caps(caps: Iterable[Cap]) -> Cap:
    def least(values: Iterable[int | float | None]) -> int | float | None:
        present = [v for v in values if v is not None]
        return min(present) if present else None

    caps = list(caps)
    return Cap(
        max_hold_s=least(c.max_hold_s for c in caps),  # type: ignore[arg-type]
        max_level=least(c.max_level for c in caps),  # type: ignore[arg-type]
        max_sets=least(c.max_sets for c in caps),  # type: ignore[arg-type]
        max_rpe=least(c.max_rpe for c in caps),
    )


def exclusion_reasons(exercise: Exercise, rule: SafetyRule, cap: Cap | None = None) -> list[str]:
    """Why ``rule`` excludes ``exercise``, in words (empty when it does not)."""
    reasons: list[str] = []
    tags = set(rule.exclude_tags) & set(exercise.tags)
    if tags:
        reasons.append("tagged " + ", ".join(sorted(tags)))
    if exercise.position in rule.exclude_positions:
        reasons.append(f"{exercise.position} position")
    if exercise.role in rule.exclude_roles:
        reasons.append(f"{exercise.role} role")
    if exercise.id in rule.exclude_exercises:
        reasons.append("named by the rule")
    for from_role, _ in rule.substitute:
        if exercise.role == from_role:
            reasons.append(f"{from_role} work is replaced")
    level_cap = rule.cap.max_level if rule.cap else None
    if level_cap is not None and exercise.level > level_cap:
        reasons.append(f"level {exercise.level} above the cap of {level_cap}")
    return reasons


@frozen
class Restrictions:
    """The combined effect of every safety rule that applies to one person.

    ``excluded`` maps exercise id → the ids of the rules that exclude it;
    ``reasons`` maps exercise id → one line per rule saying why.
    """

    rules: tuple[SafetyRule, ...]
    excluded: Mapping[str, tuple[str, ...]]
    reasons: Mapping[str, tuple[str, ...]]
    cap: Cap
    requirements: tuple[Requirement, ...]
    stop_signs: tuple[str, ...]
    notes: tuple[str, ...]

    def allows(self, exercise_id: str) -> bool:
        """True when no applicable rule excludes the exercise."""
        return exercise_id not in self.excluded

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Ids of the applicable rules, sorted."""
        return tuple(sorted(r.id for r in self.rules))


def found_issues(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Issue ids the program must address: severity ≥ 1, or asked for through focus."""
    return tuple(f.issue for f in findings if f.severity >= 1 or f.focus)


def restrictions_for(
    profile: Profile, findings: Iterable[Finding], registry: Registry
) -> Restrictions:
    """Match every safety rule in ``registry`` against ``profile`` and its findings."""
    found = found_issues(findings)
    rules = tuple(
        rule
        for _, rule in sorted(registry.safety_rules.items())
        if rule_applies(rule, profile, found)
    )
    excluded: dict[str, list[str]] = {}
    reasons: dict[str, list[str]] = {}
    for ex_id, exercise in sorted(registry.exercises.items()):
        for rule in rules:
            why = exclusion_reasons(exercise, rule)
            if why:
                excluded.setdefault(ex_id, []).append(rule.id)
                reasons.setdefault(ex_id, []).append(f"{rule.id}: {'; '.join(why)}")
    requirements: list[Requirement] = []
    for rule in rules:
        for req in rule.requires:
            if req not in requirements:
                requirements.append(req)
        for _, to_roles in rule.substitute:
            # Work a substituted role did must still be done, by the replacing roles.
            for issue in rule.when.findings or (None,):
                req = Requirement(kind="weekly", roles=to_roles, issue=issue, each=False)
                if req not in requirements:
                    requirements.append(req)
    stop_signs: list[str] = []
    notes: list[str] = []
    for rule in rules:
        stop_signs.extend(s for s in rule.stop_signs if s not in stop_signs)
        notes.extend(n for n in rule.notes if n not in notes)
    return Restrictions(
        rules=rules,
        excluded=MappingProxyType({k: tuple(v) for k, v in excluded.items()}),
        reasons=MappingProxyType({k: tuple(v) for k, v in reasons.items()}),
        cap=_combine_caps(r.cap for r in rules if r.cap is not None),
        requirements=tuple(requirements),
        stop_signs=tuple(stop_signs),
        notes=tuple(notes),
    )
