"""The hooks that open the profile's vocabulary to plugins: equipment, pain regions,
objective tests and person states (declared, then assessed week by week), and
safety rules that condition on them. A third-party plugin here uses each one the way
the built-ins do."""

from __future__ import annotations

import attrs
import pytest

import gluteus
from gluteus import hookimpl
from gluteus.engine.errors import PluginError, ProfileError
from gluteus.engine.model import (
    AllOf,
    Assessment,
    Equipment,
    Exercise,
    Fact,
    ObjectiveTest,
    PainRegion,
    PersonState,
    SafetyRule,
    Source,
    Trigger,
)
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry

CUT_OFF_S = 15


class Steady:
    """A small falls module: its own equipment, region, test, state and rules."""

    gluteus_name = "steady"

    @hookimpl
    def register_sources(self):
        return [Source("steady-src", "A test source.", "convention")]

    @hookimpl
    def register_equipment(self):
        return [
            Equipment("ankle_weights", "ankle cuff weights", "external"),
            Equipment("foam_pad", "a foam pad", "none", stands_in_for=("mat",)),
        ]

    @hookimpl
    def register_pain_regions(self):
        return [PainRegion("ankle", "ankle")]

    @hookimpl
    def register_tests(self):
        return [
            ObjectiveTest(
                id="four_square_step_s",
                name="four square step test",
                kind="seconds",
                sided=False,
                high=120,
                instructions="Step into four squares in order as fast as you safely can.",
                source="steady-src",
            )
        ]

    @hookimpl
    def register_person_states(self):
        return [
            PersonState(
                id="steadiness",
                name="steadiness",
                values=("steady", "unsteady"),
                description="Whether stepping quickly is safe.",
                source="steady-src",
            )
        ]

    @hookimpl
    def assess_person(self, profile, week):
        result = profile.tests.get("four_square_step_s")
        slow = result is not None and result >= CUT_OFF_S
        return [
            Assessment(
                "steadiness",
                "unsteady" if slow else "steady",
                f"four square step test {result} s" if result is not None else "not tested",
            )
        ]

    @hookimpl
    def register_exercises(self):
        return [
            Exercise(
                id="ankle_weight_hip_abduction",
                name="Standing hip abduction with an ankle weight, holding a counter",
                issues=("function",),
                role="strength",
                position="standing",
                planes=("frontal",),
                equipment=("ankle_weights",),
                loaded=True,
                unilateral=True,
                level=2,
                seconds_per_rep=3,
                cues=("Hold the counter", "Lift the leg out to the side, toes forward"),
                fault="Leaning the trunk away.",
                source="steady-src",
                evidence="convention",
                targets=("gmed",),
                why="Otago-style hip abductor strength.",
            )
        ]

    @hookimpl
    def register_safety_rules(self):
        return [
            SafetyRule(
                id="steady-unsupported",
                description="Unsteady: balance work only next to a support.",
                source="steady-src",
                evidence="convention",
                when=Trigger(condition=Fact("state.steadiness", "==", "unsteady")),
                exclude_tags=("unsupported_balance", "impact"),
                stop_signs=("you feel you are about to fall",),
            ),
            SafetyRule(
                id="steady-ankle",
                description="Ankle pain at 4 or more and a slow step test: no hops.",
                source="steady-src",
                evidence="convention",
                when=Trigger(
                    condition=AllOf(
                        (
                            Fact("pain.ankle", ">=", 4),
                            Fact("test.four_square_step_s", ">=", CUT_OFF_S),
                        )
                    )
                ),
                exclude_tags=("impact",),
            ),
        ]


def pm_with(*plugins: object):
    return make_plugin_manager(entrypoints=False, plugins=plugins)


PROFILE = {
    "age": 70,
    "schedule": {"weeks": 4, "sessions_per_week": 3, "minutes_per_session": 30},
    "signs": ["poor_balance"],
    "equipment": ["ankle_weights", "foam_pad", "mini_band"],
    "pain": {"ankle": 5},
    "tests": {"four_square_step_s": 18},
}


def test_hook_register_equipment():
    pm = pm_with(Steady())
    registry = build_registry(pm)
    assert registry.equipment["ankle_weights"].kind == "external"
    # A foam pad stands in for a mat: mat exercises become usable.
    assert "mat" in registry.available(("foam_pad",))
    # The plugin's exercise is external load, derived from its equipment.
    assert registry.exercises["ankle_weight_hip_abduction"].load_type == "external"
    profile = gluteus.Profile.from_dict(PROFILE)
    program = gluteus.generate(profile, plugins=pm).to_dict()
    assert gluteus.check(program, plugins=pm) == []
    # Without the plugin nobody declares the equipment: one clear error.
    with pytest.raises(ProfileError, match="unknown equipment 'ankle_weights'"):
        gluteus.generate(profile, plugins=make_plugin_manager(entrypoints=False))


def test_hook_register_pain_regions():
    pm = pm_with(Steady())
    assert "ankle" in build_registry(pm).pain_regions
    screening = gluteus.screen_profile(gluteus.Profile.from_dict(PROFILE), plugins=pm)
    assert "steady-ankle" in screening.restrictions.rule_ids
    calm = gluteus.Profile.from_dict({**PROFILE, "pain": {"ankle": 3}})
    assert "steady-ankle" not in gluteus.screen_profile(calm, plugins=pm).restrictions.rule_ids
    with pytest.raises(ProfileError, match="unknown key 'ankle'"):
        gluteus.screen_profile(
            gluteus.Profile.from_dict({"age": 40, "pain": {"ankle": 3}}),
            plugins=make_plugin_manager(entrypoints=False),
        )


def test_hook_register_tests():
    pm = pm_with(Steady())
    assert build_registry(pm).tests["four_square_step_s"].high == 120
    # Results are checked against the declaration, each problem at its key path.
    with pytest.raises(ProfileError) as info:
        gluteus.screen_profile(
            gluteus.Profile.from_dict({**PROFILE, "tests": {"four_square_step_s": 500}}),
            plugins=pm,
        )
    assert info.value.path == "tests.four_square_step_s"
    assert "from 0 to 120" in str(info.value)
    with pytest.raises(ProfileError, match="one result"):
        gluteus.screen_profile(
            gluteus.Profile.from_dict(
                {**PROFILE, "tests": {"four_square_step_s": {"left": 3, "right": 4}}}
            ),
            plugins=pm,
        )


def test_a_plugins_test_with_a_cut_off_counts_towards_another_plugins_finding():
    """A test declared by any plugin, with a cut-off for ``function``, weighs on the
    function finding as the built-in falls tests do, the test named."""
    from gluteus.engine.model import Cutoff

    class Graded(Steady):
        @hookimpl
        def register_tests(self):
            (test,) = Steady.register_tests(self)
            meaning = "slow stepping, a higher falls risk (Dite 2002)"
            return [
                attrs.evolve(test, cutoffs=(Cutoff("function", CUT_OFF_S, "at_least", meaning),))
            ]

    pm = pm_with(Graded())
    profile = {**PROFILE, "signs": [], "tests": {"four_square_step_s": 17}}
    result = gluteus.screen_profile(gluteus.Profile.from_dict(profile), plugins=pm)
    finding = next(f for f in result.findings if f.issue == "function")
    assert finding.severity == 1
    assert finding.tests == (
        "four square step test 17 s (15 s or more): slow stepping, a higher falls risk (Dite 2002)",
    )
    quick = {**profile, "tests": {"four_square_step_s": 12}}
    result = gluteus.screen_profile(gluteus.Profile.from_dict(quick), plugins=pm)
    assert next(f for f in result.findings if f.issue == "function").severity == 0
    # Without the cut-off, the same result counts for nothing.
    plain = gluteus.screen_profile(gluteus.Profile.from_dict(profile), plugins=pm_with(Steady()))
    assert next(f for f in plain.findings if f.issue == "function").severity == 0


def test_hook_register_person_states():
    registry = build_registry(pm_with(Steady()))
    assert registry.person_states["steadiness"].values == ("steady", "unsteady")
    assert registry.plugin_of("person_state", "steadiness") == "steady"

    class Typo(Steady):
        @hookimpl
        def register_safety_rules(self):
            return [
                SafetyRule(
                    id="typo",
                    description="d",
                    source="steady-src",
                    evidence="convention",
                    when=Trigger(condition=Fact("state.steadiness", "==", "wobbly")),
                )
            ]

    with pytest.raises(PluginError, match=r"compares state\.steadiness with 'wobbly'"):
        build_registry(pm_with(Typo()))


def test_hook_assess_person():
    pm = pm_with(Steady())
    profile = gluteus.Profile.from_dict(PROFILE)
    screening = gluteus.screen_profile(profile, plugins=pm)
    assert screening.person is not None
    assert screening.person.value("steadiness") == "unsteady"
    assert "steady-unsupported" in screening.restrictions.rule_ids
    program = gluteus.generate(profile, plugins=pm).to_dict()
    [entry] = [p for p in program["person"] if p["state"] == "steadiness"]
    assert entry == {
        "state": "steadiness",
        "name": "steadiness",
        "value": "unsteady",
        "why": "four square step test 18 s",
        "weeks": [1, 2, 3, 4],
    }
    assert "you feel you are about to fall" in program["safety"]["stop_signs"]

    class Unknown(Steady):
        @hookimpl
        def assess_person(self, profile, week):
            return [Assessment("steadiness", "wobbly")]

    with pytest.raises(PluginError, match="gave steadiness the value 'wobbly'"):
        gluteus.screen_profile(profile, plugins=pm_with(Unknown()))
