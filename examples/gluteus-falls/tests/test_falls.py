"""The falls plugin's own tests, as a plugin author would write them with
gluteus.testing. Run from this folder: ``pytest``."""

from __future__ import annotations

import copy

import gluteus_falls as plugin
import pytest
from hypothesis import given, settings

import gluteus
from gluteus.engine.model import TestResult
from gluteus.engine.profile import Profile
from gluteus.engine.registry import build_registry
from gluteus.testing import assert_plugin_ok, profiles, registered_plugin

PROFILE = {
    "age": 74,
    "schedule": {"weeks": 6, "sessions_per_week": 3, "minutes_per_session": 30},
    "signs": ["fallen_in_last_year", "worried_about_falling"],
    "equipment": ["ankle_cuff_weights", "mat"],
    "pain": {"ankle": 2},
    "tests": {"four_square_step_s": 17},
    "seed": 1,
}


def _profile(**changes: object) -> Profile:
    return Profile.from_dict({**PROFILE, **changes})


def test_grade_counts_signs_and_a_slow_step_test():
    finding = plugin.grade(_profile())
    assert finding.severity == 3
    assert finding.signs == ("fallen_in_last_year", "worried_about_falling")
    [result] = finding.test_results
    assert result == TestResult(
        test="four_square_step_s",
        value=17,
        meaning="over 15 s, the time Dite 2002 found in people who fall more than once",
        name="four square step test",
    )
    # The words for people are derived from the structured result.
    assert finding.tests == (str(result),)
    assert finding.tests[0].startswith("four square step test: 17 (over 15 s")


@pytest.mark.parametrize(("seconds", "counted"), [(12, False), (15, False), (15.5, True)])
def test_only_a_time_over_the_cut_off_counts(seconds, counted):
    finding = plugin.grade(_profile(signs=[], tests={"four_square_step_s": seconds}))
    assert finding.severity == int(counted)
    assert bool(finding.test_results) is counted


def test_steadiness_follows_the_test_and_the_signs():
    assert plugin.steadiness(_profile()).value == "unsteady"
    steady = _profile(signs=["worried_about_falling"], tests={"four_square_step_s": 9})
    assert plugin.steadiness(steady).value == "steady"
    assert plugin.steadiness(_profile(signs=["feels_unsteady"], tests={})).value == "unsteady"


@settings(max_examples=30)
@given(profiles(signs=plugin.SIGN_IDS))
def test_grade_is_always_0_to_3_and_names_only_reported_signs(profile):
    finding = plugin.grade(profile)
    assert 1 <= finding.severity <= 3  # at least one of our signs is always drawn
    assert set(finding.signs) <= set(profile.signs)


def test_registers_its_vocabulary_alongside_the_builtins(gluteus_pm):
    pm = gluteus_pm()
    with registered_plugin(pm, plugin, "falls"):
        registry = build_registry(pm)
        assert registry.plugin_of("test", "four_square_step_s") == "falls"
        assert registry.plugin_of("equipment", "ankle_cuff_weights") == "falls"
        assert registry.plugin_of("pain_region", "ankle") == "falls"
        assert registry.plugin_of("person_state", "steadiness") == "falls"
        # Its loaded exercises are external load, derived from the equipment it declares.
        assert registry.exercises["falls_side_hip_raise_cuff"].load_type == "external"
    assert not pm.has_plugin("falls")


def test_a_profile_using_its_vocabulary_validates_screens_and_generates(gluteus_pm):
    pm = gluteus_pm(plugin)
    screening = gluteus.screen_profile(_profile(), plugins=pm)
    assert screening.person is not None
    assert screening.person.value("steadiness") == "unsteady"
    assert {"falls-slow-stepping", "falls-unsteady-no-impact", "falls-balance-weekly"} <= set(
        screening.restrictions.rule_ids
    )
    program = gluteus.generate(_profile(), plugins=pm).to_dict()
    used = {e["id"] for w in program["weeks"] for s in w["sessions"] for e in s["exercises"]}
    assert "falls_one_leg_stand" not in used  # excluded by the rule on the step test
    assert {"falls_sideways_walking", "falls_tandem_stance_supported"} & used
    assert gluteus.check(program, plugins=pm) == []
    # Without the plugin nobody declares the test: one clear error naming it.
    with pytest.raises(gluteus.ProfileError, match="four_square_step_s"):
        gluteus.generate(_profile(), plugins=gluteus_pm())


def test_check_enforces_the_rule_conditioned_on_the_test(gluteus_pm):
    pm = gluteus_pm(plugin)
    program = gluteus.generate(_profile(), plugins=pm).to_dict()
    tampered = copy.deepcopy(program)
    entry = next(
        e
        for w in tampered["weeks"]
        for s in w["sessions"]
        for e in s["exercises"]
        if e["id"] == "falls_tandem_stance_supported"
    )
    entry["id"] = "falls_one_leg_stand"  # unsupported balance, for a slow stepper
    found = [str(v) for v in gluteus.check(tampered, plugins=pm)]
    assert any("excluded by rule falls-slow-stepping" in v for v in found), found
    # The same program for someone whose step test is under the cut-off breaks no such rule.
    tampered["profile"]["tests"] = {"four_square_step_s": 12}
    found = [str(v) for v in gluteus.check(tampered, plugins=pm)]
    assert not any("excluded by rule falls-slow-stepping" in v for v in found), found


@pytest.mark.parametrize("generate", [False, True], ids=["content", "programs"])
def test_keeps_the_gluteus_plugin_contract(gluteus_pm, generate):
    assert_plugin_ok(gluteus_pm(plugin), "gluteus_falls", generate=generate)
