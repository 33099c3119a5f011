"""How the engine matches and combines safety rules (the rules themselves are content,
tested in test_safety_rules.py)."""

from __future__ import annotations

from strategies import builtin_registry

from gluteus.engine.model import Cap, Finding, SafetyRule, Trigger
from gluteus.engine.profile import Pain, Profile
from gluteus.engine.safety import _combine_caps, found_issues, rule_applies, week_facts

REGISTRY = builtin_registry()


def rule(**when):
    return SafetyRule(
        id="r", description="d", source="s", evidence="convention", when=Trigger(**when)
    )


def applies(r: SafetyRule, profile: Profile, found: tuple[str, ...], week: int = 1) -> bool:
    findings = [Finding(issue=i, severity=1) for i in found]
    return rule_applies(r, week_facts(profile, findings, REGISTRY, None, week))


def test_empty_trigger_never_fires_but_always_does():
    p = Profile(age=40)
    assert not applies(rule(), p, ())
    assert applies(rule(always=True), p, ())


def test_precaution_pain_and_finding_triggers():
    p = Profile(age=40, precautions=("osteoporosis",), pain=Pain(knee=5))
    assert applies(rule(precautions=("osteoporosis", "hypertension")), p, ())
    assert not applies(rule(precautions=("hypertension",)), p, ())
    assert applies(rule(pain=(("knee", 5),)), p, ())
    assert not applies(rule(pain=(("knee", 6),)), p, ())
    assert applies(rule(findings=("knees",)), p, ("knees",))
    assert not applies(rule(findings=("knees",)), p, ("back",))


def test_all_set_conditions_must_hold():
    p = Profile(age=30, precautions=("pregnancy",), pregnancy_trimester=1)
    both = rule(precautions=("pregnancy",), min_trimester=2)
    assert not applies(both, p, ())
    p2 = Profile(age=30, precautions=("pregnancy",), pregnancy_trimester=2)
    assert applies(both, p2, ())


def test_most_restrictive_cap_wins():
    cap = _combine_caps([Cap(max_hold_s=30, max_level=4), Cap(max_hold_s=20), Cap(max_sets=2)])
    assert cap == Cap(max_hold_s=20, max_level=4, max_sets=2, max_rpe=None)
    assert _combine_caps([Cap(min_rm=6), Cap(min_rm=8, no_rm=True)]) == Cap(min_rm=8, no_rm=True)


def test_found_issues_are_graded_or_in_focus():
    findings = [
        Finding(issue="a", severity=0),
        Finding(issue="b", severity=2),
        Finding(issue="c", severity=0, focus=True),
    ]
    assert found_issues(findings) == ("b", "c")
