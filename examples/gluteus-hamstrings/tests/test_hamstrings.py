"""The hamstrings plugin's own tests, as a plugin author would write them with
gluteus.testing. Run from this folder: ``pytest``."""

from __future__ import annotations

import gluteus_hamstrings as plugin
import pytest
from hypothesis import given, settings

from gluteus.engine.registry import build_registry
from gluteus.testing import assert_plugin_ok, profiles, registered_plugin


def test_screen_counts_signs():
    low = plugin.grade(profiles_example(signs=("hamstring_strain_history",)))
    high = plugin.grade(profiles_example(signs=plugin.SIGN_IDS))
    assert (low.severity, high.severity) == (1, 3)
    assert high.signs == plugin.SIGN_IDS


def test_buttock_pain_adds_a_point_only_with_a_sign():
    from gluteus.engine.profile import Pain

    with_sign = profiles_example(signs=("sit_bone_pain",), pain=Pain(buttock=6))
    without = profiles_example(signs=(), pain=Pain(buttock=6))
    assert plugin.grade(with_sign).severity == 2
    assert plugin.grade(without).severity == 0


@settings(max_examples=40)
@given(profiles(signs=plugin.SIGN_IDS))
def test_grade_is_always_0_to_3_and_names_only_reported_signs(profile):
    finding = plugin.grade(profile)
    assert 0 <= finding.severity <= 3
    assert set(finding.signs) <= set(profile.signs)
    assert finding.severity >= 1  # at least one of our signs is always drawn


def test_registers_alongside_the_builtins(gluteus_pm):
    pm = gluteus_pm()
    with registered_plugin(pm, plugin, "hamstrings"):
        registry = build_registry(pm)
        assert registry.plugin_of("sign", "sit_bone_pain") == "hamstrings"
        assert len([e for e in registry.exercises.values() if "hamstrings" in e.issues]) >= 8
    assert not pm.has_plugin("hamstrings")


def test_every_source_is_cited_and_every_exercise_is_on_a_ladder():
    cited = {ex.source for ex in plugin.EXERCISES} | {lad.source for lad in plugin.LADDERS}
    cited |= {rule.source for rule in plugin.DOSING} | {r.source for r in plugin.SAFETY_RULES}
    declared = {s.key for s in plugin.SOURCES}
    assert cited <= declared
    on_ladder = {step.exercise for lad in plugin.LADDERS for step in lad.steps}
    others = {ex.id for ex in plugin.EXERCISES} - on_ladder
    assert others == {"ball_hamstring_curl", "askling_glider"}


@pytest.mark.parametrize("generate", [False, True], ids=["content", "programs"])
def test_keeps_the_gluteus_plugin_contract(gluteus_pm, generate):
    assert_plugin_ok(gluteus_pm(plugin), "gluteus_hamstrings", generate=generate)


def profiles_example(**kw):
    from gluteus.engine.profile import Profile

    return Profile(age=30, **kw)
