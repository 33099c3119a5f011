"""The built-in clinical content: a full, cited catalogue that the registry accepts."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

import pytest

from gluteus.engine.model import (
    CONTRAINDICATION_TAGS,
    EQUIPMENT,
    EXPERIENCE,
    PHASES,
    PLANES,
    TARGETS,
    Exercise,
)
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import Registry, build_registry

ISSUES = ("inhibition", "back", "knees", "tightness", "function")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry(make_plugin_manager(entrypoints=False))


def by_issue(registry: Registry, issue: str) -> list[Exercise]:
    return [ex for ex in registry.exercises.values() if issue in ex.issues]


def test_catalogue_is_large_enough(registry):
    assert len(registry.exercises) >= 60
    for issue in ISSUES:
        assert len(by_issue(registry, issue)) >= 10, issue


@pytest.mark.parametrize(
    ("ex_id", "issue", "role"),
    [
        ("clamshell", "inhibition", "activation"),
        ("glute_bridge", "inhibition", "activation"),
        ("standing_kickback", "inhibition", "activation"),
        ("lateral_band_walk", "knees", None),
        ("single_leg_bridge", "knees", None),
        ("side_lying_hip_abduction", "knees", None),
        ("isometric_bridge_hold", "tightness", "isometric"),
        ("eccentric_single_leg_rdl", "tightness", "eccentric"),
        ("clamshell_abduction_er", "tightness", None),
        ("seated_band_external_rotation", "tightness", None),
        ("single_leg_stance", "function", "stability"),
        ("bird_dog", "function", "stability"),
        ("forward_hop", "function", "power"),
        ("reverse_lunge_knee_drive", "function", "power"),
        ("single_leg_rdl", "back", "strength"),
        ("barbell_hip_thrust", "back", "strength"),
    ],
)
def test_named_fixes_are_present(registry, ex_id, issue, role):
    ex = registry.exercises[ex_id]
    assert issue in ex.issues
    if role is not None:
        assert ex.role == role


def test_knees_has_frontal_and_transverse_options_without_equipment(registry):
    knees = by_issue(registry, "knees")
    transverse_bw = [ex for ex in knees if "transverse" in ex.planes and not ex.equipment]
    frontal_bw = [ex for ex in knees if "frontal" in ex.planes and not ex.equipment]
    assert len(transverse_bw) >= 3
    assert len(frontal_bw) >= 3
    assert any("transverse" in ex.planes and ex.equipment for ex in knees)


def test_tightness_has_isometric_eccentric_and_rotator_work_at_several_levels(registry):
    tight = by_issue(registry, "tightness")
    for role in ("isometric", "eccentric"):
        levels = {ex.level for ex in tight if ex.role == role}
        bw_levels = {ex.level for ex in tight if ex.role == role and not ex.equipment}
        assert len(levels) >= 3, role
        assert len(bw_levels) >= 2, role
    assert sum("hip_rotators" in ex.targets for ex in tight) >= 4
    stretches = [ex for ex in registry.exercises.values() if "static_stretch" in ex.tags]
    assert 2 <= len(stretches) <= 3
    assert all(ex.role == "mobility" and ex.evidence == "convention" for ex in stretches)


def test_function_has_power_stability_and_running_work(registry):
    fn = by_issue(registry, "function")
    roles = defaultdict(int)
    for ex in fn:
        roles[ex.role] += 1
    assert roles["power"] >= 5 and roles["stability"] >= 5


def test_every_exercise_is_complete(registry):
    for ex in registry.exercises.values():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", ex.id), ex.id
        assert ex.name and ex.fault and ex.why, ex.id
        assert 2 <= len(ex.cues) <= 4 and all(ex.cues), ex.id
        assert (ex.hold_s is None) != (ex.seconds_per_rep is None), ex.id
        assert ex.rest_s > 0, ex.id
        assert set(ex.equipment) <= set(EQUIPMENT), ex.id
        assert set(ex.tags) <= set(CONTRAINDICATION_TAGS), (ex.id, ex.tags)
        assert ex.targets and set(ex.targets) <= set(TARGETS), ex.id
        assert set(ex.planes) <= set(PLANES), ex.id
        assert set(ex.issues) <= set(registry.issues), ex.id
        assert ex.source in registry.sources, ex.id
        if ex.position in ("supine", "prone"):
            assert ex.position in ex.tags, f"{ex.id} must carry the {ex.position} tag"
        if ex.loaded:
            assert ex.equipment, f"{ex.id} is loaded but needs no equipment"
        act = ex.activation
        if act.gmax is not None or act.gmed is not None:
            assert act.measure in ("mean", "peak", "mixed"), ex.id
            assert ex.evidence != "convention", ex.id


def test_each_exercise_is_declared_by_the_plugin_of_one_of_its_issues(registry):
    for ex in registry.exercises.values():
        assert registry.plugin_of("exercise", ex.id) in ex.issues, ex.id


def test_every_module_has_bodyweight_options_at_every_level_it_uses(registry):
    for issue in ISSUES:
        exercises = by_issue(registry, issue)
        for level in sorted({ex.level for ex in exercises}):
            bodyweight = [ex.id for ex in exercises if ex.level == level and not ex.equipment]
            assert bodyweight, f"{issue} has no bodyweight exercise at level {level}"


def test_a_ten_minute_no_equipment_session_is_possible_for_every_module(registry):
    for issue in ISSUES:
        short = [
            ex
            for ex in by_issue(registry, issue)
            if ex.level <= 2 and not ex.equipment and ex.role != "mobility"
        ]
        assert len(short) >= 3, issue


def _ladder_edges(registry):
    for ladder in registry.ladders.values():
        ids = ladder.exercise_ids
        yield from itertools.pairwise(ids)


def test_ladders_reference_existing_exercises_and_rise_in_level(registry):
    assert {"hip_extension", "abduction_er", "quadruped_prone", "frontal_weight_bearing"} <= set(
        registry.ladders
    )
    assert "unilateral_sagittal" in registry.ladders and "tightness_load" in registry.ladders
    for ladder in registry.ladders.values():
        assert ladder.source in registry.sources
        levels = [registry.exercises[i].level for i in ladder.exercise_ids]
        assert levels == sorted(levels), ladder.id
        for step in ladder.steps:
            assert "pain" in step.advance and "form" in step.advance, ladder.id
            assert "Red pain" in step.regress and "form" in step.regress, ladder.id


def test_ladders_together_are_acyclic(registry):
    graph = defaultdict(set)
    for a, b in _ladder_edges(registry):
        graph[a].add(b)
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        state[node] = 1
        for nxt in graph[node]:
            assert state.get(nxt) != 1, f"cycle through {node} -> {nxt}"
            if nxt not in state:
                visit(nxt)
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_a_generic_dose_exists_for_every_role_phase_and_experience(registry):
    roles = {ex.role for ex in registry.exercises.values()}
    generic = [r for r in registry.dosing if r.issue is None]
    for role in roles:
        for phase in PHASES:
            for exp in EXPERIENCE:
                matches = [
                    r
                    for r in generic
                    if r.role == role and r.phase == phase and exp in r.experience
                ]
                assert len(matches) == 1, (role, phase, exp, len(matches))


def test_dose_rules_are_sane(registry):
    for rule in registry.dosing:
        assert rule.sets >= 1 and rule.rest_s > 0 and rule.load and rule.tempo
        assert 0 < rule.deload_factor < 1
        assert rule.reps is not None or rule.hold_s is not None
        if rule.reps is not None:
            assert 1 <= rule.reps[0] <= rule.reps[1]
        if rule.hold_s is not None and rule.max_hold_s is not None:
            assert rule.hold_s <= rule.max_hold_s
        if rule.max_sets is not None:
            assert rule.sets <= rule.max_sets


def test_tightness_isometric_dose_follows_rio_2015(registry):
    rule = next(r for r in registry.dosing if r.issue == "tightness" and r.role == "isometric")
    assert rule.max_hold_s == 45 and rule.max_sets == 5 and rule.rest_s == 120
    assert rule.source == "rio2015" and rule.evidence == "weak"


def _minutes(ex: Exercise, registry: Registry, phase: str = "strength") -> float:
    rule = next(
        r
        for r in registry.dosing
        if r.issue is None and r.role == ex.role and r.phase == phase and "novice" in r.experience
    )
    sides = 2 if ex.unilateral else 1
    if ex.hold_s is not None:
        work = (rule.hold_s or ex.hold_s) * sides
    else:
        assert ex.seconds_per_rep is not None and rule.reps is not None
        work = rule.reps[0] * ex.seconds_per_rep * sides
    return rule.sets * (work + rule.rest_s) / 60


def test_a_thirty_minute_session_holds_four_to_six_exercises(registry):
    for ex in registry.exercises.values():
        minutes = _minutes(ex, registry)
        assert 1 <= minutes <= 7.5, (ex.id, minutes)


@pytest.mark.parametrize("issue", [*ISSUES, "safety"])
def test_content_modules_export_tuples_of_model_objects(issue):
    import importlib

    name = "rules" if issue == "safety" else "content"
    module = importlib.import_module(f"gluteus.plugins.{issue}.{name}")
    exports = ("SOURCES", "SAFETY_RULES")
    if issue != "safety":
        exports += ("EXERCISES", "LADDERS", "DOSING")
    for export in exports:
        # A generator here would be used up by the first registry built.
        assert isinstance(getattr(module, export), tuple), (issue, export)


def test_registry_is_the_same_when_built_twice():
    first = build_registry(make_plugin_manager(entrypoints=False))
    second = build_registry(make_plugin_manager(entrypoints=False))
    assert first.dosing == second.dosing
    assert dict(first.exercises) == dict(second.exercises)
