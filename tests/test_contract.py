"""The plugin contract (gluteus.engine.contract): every check finds what it claims to,
names the plugin and the offending item, and a plugin that keeps the contract passes."""

from __future__ import annotations

import importlib.metadata
import sys
import types

import attrs
import pytest
from click.testing import CliRunner

from gluteus import hookimpl
from gluteus.engine.contract import Problem, _find_cycle, check_plugin
from gluteus.engine.errors import PluginError
from gluteus.engine.model import (
    DoseRule,
    Exercise,
    Issue,
    Ladder,
    LadderStep,
    Limit,
    Requirement,
    SafetyRule,
    Sign,
    Source,
    Trigger,
)
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry


def _ex(id: str, level: int = 1, **kw) -> Exercise:
    fields = dict(
        name=id.replace("_", " "),
        issues=("calves",),
        role="strength",
        position="standing",
        planes=("sagittal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=level,
        cues=("Rise slowly", "Lower under control"),
        fault="Bouncing",
        source="calf-src",
        evidence="convention",
        seconds_per_rep=3.0,
        targets=("whole_leg",),
        why="Calf strength.",
    )
    fields.update(kw)
    return Exercise(id=id, **fields)


def _dose(phase: str) -> DoseRule:
    return DoseRule(
        role="strength",
        phase=phase,
        sets=2,
        reps=(8, 12),
        rest_s=60,
        tempo="2-0-2",
        load="bodyweight",
        source="calf-src",
        evidence="convention",
        issue="calves",
    )


class Calves:
    """A small plugin that keeps the contract (programs aside); tests break one thing each."""

    gluteus_name = "calves"
    EXERCISES: tuple[Exercise, ...] = (
        _ex("calf_raise", 1),
        _ex("single_leg_calf_raise", 2, unilateral=True),
        _ex("calf_hold", 1, role="isometric", seconds_per_rep=None, hold_s=20),
    )
    LADDERS: tuple[Ladder, ...] = (
        Ladder(
            id="calf_ladder",
            name="Calves",
            issues=("calves",),
            steps=(
                LadderStep("calf_raise", "3 × 15", "pain"),
                LadderStep("single_leg_calf_raise", "3 × 12", "pain"),
            ),
            source="calf-src",
            evidence="convention",
        ),
    )
    RULES: tuple[SafetyRule, ...] = (
        SafetyRule(
            id="calf-pain",
            description="With knee pain, no power work.",
            source="calf-src",
            evidence="convention",
            when=Trigger(pain=(("knee", 5),)),
            exclude_roles=("power",),
        ),
    )
    DOSING: tuple[DoseRule, ...] = tuple(
        [_dose(p) for p in ("activation", "strength", "power")]
        + [
            attrs.evolve(
                _dose(p), role="isometric", reps=None, hold_s=20, max_hold_s=40, progression="hold"
            )
            for p in ("activation", "strength", "power")
        ]
    )

    @hookimpl
    def register_issues(self):
        return [Issue(id="calves", name="Calves", message="m", fix="f", evidence="convention")]

    @hookimpl
    def register_signs(self):
        return [Sign(id="calf_cramps", issue="calves", question="Do your calves cramp?")]

    @hookimpl
    def register_sources(self):
        return [Source(key="calf-src", citation="Convention.", level="convention")]

    @hookimpl
    def register_exercises(self):
        return list(self.EXERCISES)

    @hookimpl
    def register_ladders(self):
        return list(self.LADDERS)

    @hookimpl
    def register_dosing(self):
        return list(self.DOSING)

    @hookimpl
    def register_safety_rules(self):
        return list(self.RULES)


def problems_of(plugin: object, *others: object, name: str = "calves") -> list[Problem]:
    pm = make_plugin_manager(
        defaults=False, entrypoints=False, plugins=[_basics(), *others, plugin]
    )
    return check_plugin(pm, name, generate=False)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_a_plugin_that_keeps_the_contract_has_no_problems():
    assert problems_of(Calves()) == []


def test_problems_name_the_plugin_and_the_item():
    class OneCue(Calves):
        EXERCISES = (*Calves.EXERCISES[1:], _ex("calf_raise", cues=("Only one",)))

    [problem] = problems_of(OneCue())
    assert problem == Problem("calves", "exercise 'calf_raise'", "has 1 cues; give 2 to 4")
    assert str(problem).startswith("plugin 'calves': exercise 'calf_raise': ")


def test_incomplete_exercises_are_reported_each():
    class Sloppy(Calves):
        EXERCISES = (
            _ex("calf_raise", fault="  ", why=""),
            _ex("single_leg_calf_raise", 2, equipment=("trampoline",)),
            _ex("calf_hold", tags=("bouncy",), targets=("calves",)),
        )

    found = messages(problems_of(Sloppy()))
    assert "plugin 'calves': exercise 'calf_raise': fault is empty" in found
    assert "plugin 'calves': exercise 'calf_raise': why is empty" in found
    # Nobody can own equipment no plugin declares: the registry drops the exercise and
    # the contract check reports it.
    assert any(
        "'single_leg_calf_raise' needs equipment no loaded plugin declares: trampoline" in m
        for m in found
    )
    assert any("'calf_hold': has tag 'bouncy'" in m for m in found)
    assert any("'calf_hold': has unknown target 'calves'" in m for m in found)


def test_a_tag_a_rule_excludes_by_is_known():
    class OwnTag(Calves):
        EXERCISES = (*Calves.EXERCISES[:2], _ex("calf_hold", tags=("bouncy",)))
        RULES = (attrs.evolve(Calves.RULES[0], exclude_tags=("bouncy",)),)

    assert problems_of(OwnTag()) == []


def test_a_requirement_kind_or_a_progression_unknown_is_refused_where_it_is_written():
    # The kind is a Literal for type checkers only; a plugin without mypy wrote "weeky"
    # and its rule asked for nothing.
    with pytest.raises(ValueError, match=r"'kind' must be in .*'weekly'.*got 'weeky'"):
        Requirement(kind="weeky", planes=("frontal",))
    with pytest.raises(ValueError, match=r"'progression' must be in .*got 'rep'"):
        attrs.evolve(_dose("strength"), progression="rep")


def test_rules_naming_unknown_things_are_reported():
    class BadRule(Calves):
        RULES = (
            SafetyRule(
                id="bad",
                description="d",
                source="calf-src",
                evidence="convention",
                when=Trigger(precautions=("gout",), pain=(("elbow", 3),)),
                exclude_tags=("wobbly",),
                exclude_positions=("hanging",),
                exclude_roles=("cardio",),
                exclude_exercises=("nope",),
                requires=(Requirement(kind="weekly", planes=("diagonal",), issue="calves"),),
            ),
            SafetyRule(
                id="never",
                description="d",
                source="calf-src",
                evidence="convention",
                when=Trigger(),
            ),
        )

    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[BadRule()])
    with pytest.raises(PluginError, match="unknown precaution 'gout'"):
        build_registry(pm)  # the registry already refuses an unknown precaution

    class ElbowRule(BadRule):
        RULES = (attrs.evolve(BadRule.RULES[0], when=Trigger(pain=(("elbow", 3),))),)

    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[_basics(), ElbowRule()])
    with pytest.raises(PluginError, match=r"names the fact 'pain\.elbow', which no loaded plugin"):
        build_registry(pm)  # ... and a pain region no plugin declares

    class BadRuleKnownPrecaution(BadRule):
        RULES = (
            attrs.evolve(BadRule.RULES[0], when=Trigger(pain=(("knee", 3),))),
            BadRule.RULES[1],
        )

    # A tag no exercise carries and no vocabulary lists is refused at load ...
    found = messages(problems_of(BadRuleKnownPrecaution()))
    assert any("rule 'bad' excludes tag 'wobbly', which no exercise carries" in m for m in found)

    class BadRuleKnownTag(BadRuleKnownPrecaution):
        RULES = (
            attrs.evolve(BadRuleKnownPrecaution.RULES[0], exclude_tags=("impact",)),
            BadRule.RULES[1],
        )

    # ... and the contract reports everything else the rule names wrongly.
    found = messages(problems_of(BadRuleKnownTag()))
    for text in (
        "names unknown position 'hanging'",
        "names unknown role 'cardio'",
        "names unknown exercise 'nope'",
        "names unknown plane 'diagonal'",
    ):
        assert f"plugin 'calves': safety rule 'bad': {text}" in found
    assert (
        "plugin 'calves': safety rule 'never': has an empty trigger, so it never applies" in found
    )


def test_a_drill_first_demand_and_a_limit_name_what_they_apply_to():
    class HalfRule(Calves):
        RULES = (
            attrs.evolve(
                Calves.RULES[0],
                exclude_roles=(),
                requires=(Requirement(kind="drill_first", families=("calf_drill",)),),
                limits=(Limit(roles=("cardio",), not_on_consecutive_days=True),),
            ),
        )

    found = messages(problems_of(HalfRule()))
    assert (
        "plugin 'calves': safety rule 'calf-pain': a drill_first requirement needs the drill's "
        "families and the families that wait for it (then)" in found
    )
    assert "plugin 'calves': safety rule 'calf-pain': names unknown role 'cardio'" in found
    with pytest.raises(ValueError, match="tags, roles or families"):
        Limit(max_weekly_sets=3)


def test_ladders_must_be_acyclic_across_ladders_and_easiest_first():
    back = Ladder(
        id="calf_back",
        name="Back down",
        issues=("calves",),
        steps=(
            LadderStep("single_leg_calf_raise", "a", "r"),
            LadderStep("calf_raise", "a", "r"),
        ),
        source="calf-src",
        evidence="convention",
    )

    class Cyclic(Calves):
        LADDERS = (*Calves.LADDERS, back)

    found = messages(problems_of(Cyclic()))
    assert (
        "plugin 'calves': ladders: form a cycle: calf_raise → single_leg_calf_raise → calf_raise"
        in found
    )
    assert (
        "plugin 'calves': ladder 'calf_back': rungs are not easiest first (levels [2, 1])" in found
    )


def test_find_cycle():
    assert _find_cycle({"a": ["b"], "b": ["c"]}) is None
    assert _find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c"]


def test_every_exercise_needs_a_dose_rule_in_every_phase():
    class NoPowerDose(Calves):
        DOSING = tuple(
            r for r in Calves.DOSING if not (r.role == "strength" and r.phase == "power")
        )

    found = messages(problems_of(NoPowerDose()))
    assert any(
        m.startswith(
            "plugin 'calves': exercise 'calf_raise': no dose rule for role 'strength' in power/"
        )
        for m in found
    )


def test_bad_dose_rules_are_reported():
    class BadDose(Calves):
        DOSING = (*Calves.DOSING, attrs.evolve(_dose("power"), reps=(12, 8), deload_factor=1.5))

    found = messages(problems_of(BadDose()))
    assert (
        "plugin 'calves': dose rule calves/strength/power: reps (12, 8) is not a range low..high"
        in found
    )
    assert (
        "plugin 'calves': dose rule calves/strength/power: deload_factor must be between 0 and 1"
        in found
    )


def test_a_dose_rule_that_could_dose_an_exercise_it_does_not_fit_is_reported():
    """RM and load progression on bodyweight work, and a rule without reps for exercises
    done in reps: each named, whatever plugin the exercise comes from."""
    generic = attrs.evolve(_dose("power"), issue=None)

    class Misfit(Calves):
        DOSING = (
            *Calves.DOSING,
            attrs.evolve(generic, rm=(4, 6), load_types=("bodyweight", "external")),
            attrs.evolve(generic, phase="strength", progression="load", load_types=("band",)),
            attrs.evolve(generic, phase="activation", reps=None, hold_s=20),
        )

    found = messages(problems_of(Misfit()))
    assert (
        "plugin 'calves': dose rule generic/strength/power: gives a repetition maximum (4-6RM) "
        "but also doses bodyweight work, which has none: limit load_types to external or "
        "drop rm" in found
    )
    # A repetition maximum without reps in reserve cannot name the load of a dose.
    assert (
        "plugin 'calves': dose rule generic/strength/power: gives a repetition maximum (4-6RM) "
        "but no reps in reserve: the load a dose names is the one its reps plus the reps in "
        "reserve make, so give rir too" in found
    )
    assert (
        "plugin 'calves': dose rule generic/strength/strength: progresses by load, but only "
        "doses bodyweight or band work, which cannot get heavier by percent: progress by "
        "reps, hold or sets" in found
    )
    # A built-in strength exercise done in reps would get this rule's dose.
    assert any(
        m.startswith(
            "plugin 'calves': dose rule generic/strength/activation: could dose exercises done "
            "in repetitions ("
        )
        and m.endswith(") but gives no reps")
        for m in found
    )
    # The rules as they come keep the contract.
    assert not any("dose rule" in m for m in messages(problems_of(Calves())))


def test_an_issue_without_signs_or_exercises_is_reported():
    class Orphan(Calves):
        @hookimpl
        def register_issues(self):
            return [
                *super().register_issues(),
                Issue(id="shins", name="Shins", message="m", fix="f", evidence="convention"),
            ]

    found = messages(problems_of(Orphan()))
    assert (
        "plugin 'calves': issue 'shins': no exercise serves it, so a program cannot address it"
        in found
    )
    assert (
        "plugin 'calves': issue 'shins': no sign points to it, so screening can never find it"
        in found
    )


def test_hook_parameters_with_defaults_and_undecorated_hooks_are_reported():
    class Careless(Calves):
        @hookimpl
        def screen(self, profile, signs=None):
            return []

        def register_red_flags(self):  # forgot @hookimpl: pluggy ignores it silently
            return []

    found = messages(problems_of(Careless()))
    assert (
        "plugin 'calves': hook screen: gives parameters defaults (signs); pluggy never passes them"
        in found
    )
    assert (
        "plugin 'calves': hook register_red_flags: is defined but not decorated with @hookimpl"
        in found
    )


def test_ids_clashing_with_another_plugin_name_both_plugins():
    class Rival:
        gluteus_name = "rival"

        @hookimpl
        def register_sources(self):
            return [Source(key="calf-src", citation="Something else.", level="weak")]

        @hookimpl
        def register_exercises(self):
            return [attrs.evolve(Calves.EXERCISES[0], issues=("calves",))]

    found = messages(problems_of(Calves(), Rival()))
    assert (
        "plugin 'calves': exercise 'calf_raise': is declared by both 'rival' and 'calves'" in found
    )
    assert "plugin 'calves': source 'calf-src': is declared by both 'rival' and 'calves'" in found


def test_identical_sources_from_two_plugins_are_not_a_clash():
    class SameSource:
        gluteus_name = "same"

        @hookimpl
        def register_sources(self):
            return [Source(key="calf-src", citation="Convention.", level="convention")]

    assert problems_of(Calves(), SameSource()) == []


def test_an_unknown_plugin_name_is_reported():
    [problem] = problems_of(Calves(), name="calfs")
    assert problem.plugin == "calfs" and "no plugin of this name is loaded" in problem.message


# --- plugins installed through entry points ----------------------------------------


def _install(monkeypatch: pytest.MonkeyPatch, **modules: types.ModuleType) -> None:
    """Make ``modules`` look installed under the gluteus entry-point group."""
    eps = []
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, module.__name__, module)
        eps.append(importlib.metadata.EntryPoint(name=name, value=module.__name__, group="gluteus"))
    real = importlib.metadata.entry_points

    def entry_points(**kw):
        if kw.get("group") == "gluteus":
            return importlib.metadata.EntryPoints(eps)
        return real(**kw)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


def _module(name: str, plugin: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for attr in dir(plugin):
        value = getattr(plugin, attr)
        if callable(value) and hasattr(value, "gluteus_impl"):
            setattr(module, attr, value)
    return module


def test_two_installed_plugins_with_the_same_id_are_reported_with_both_names(monkeypatch):
    class Rival(Calves):
        @hookimpl
        def register_sources(self):
            return []  # cites calves' source, declares the same exercises

    _install(
        monkeypatch, calves=_module("calves_pkg", Calves()), rival=_module("rival_pkg", Rival())
    )
    pm = make_plugin_manager(defaults=False)
    assert {"calves", "rival"} <= {name for name, _ in pm.list_name_plugin()}
    with pytest.raises(PluginError) as info:
        build_registry(pm)
    # Entry points load sorted by name: calves first, so rival is the one refused.
    assert info.value.plugin == "rival"
    assert "'calves'" in str(info.value)
    found = messages(check_plugin(pm, "rival", generate=False))
    assert "plugin 'rival': issue 'calves': is declared by both 'calves' and 'rival'" in found


def test_an_installed_plugin_that_fails_validation_is_reported_by_the_contract(monkeypatch):
    class Wrong:
        @hookimpl
        def register_exercises(self, catalogue):  # the spec passes no such argument
            return []

    _install(monkeypatch, wrong=_module("wrong_pkg", Wrong()))
    pm = make_plugin_manager(defaults=False)
    [problem] = check_plugin(pm, "wrong")
    assert problem.plugin == "wrong" and problem.item == "loading"
    assert "catalogue" in problem.message


def test_cli_check_reports_problems_and_exit_codes(monkeypatch):
    # Through the group, as a user runs it: a command invoked on its own keeps the help
    # option it made then (click caches it), and `gluteus plugins check -h` would fail.
    from gluteus.cli import cli

    class OneCue(Calves):
        EXERCISES = (*Calves.EXERCISES[1:], _ex("calf_raise", cues=("Only one",)))

    _install(monkeypatch, calves=_module("calves_pkg", OneCue()))
    # The command builds its own manager: built-ins plus entry points, like a user's.
    monkeypatch.setattr(
        "gluteus.engine.pluginmanager.DEFAULT_PLUGINS", ("gluteus.plugins.basics",), raising=True
    )
    runner = CliRunner()
    result = runner.invoke(cli, ["plugins", "check", "calves", "--no-generate"])
    assert result.exit_code == 1, result.output
    assert "plugin 'calves': exercise 'calf_raise': has 1 cues; give 2 to 4" in result.stderr

    result = runner.invoke(cli, ["plugins", "check", "calvs"])
    assert result.exit_code == 2
    assert "did you mean 'calves'" in result.stderr


def test_cli_check_passes_a_good_plugin(monkeypatch):
    from gluteus.cli import cli

    _install(monkeypatch, calves=_module("calves_pkg", Calves()))
    monkeypatch.setattr("gluteus.engine.pluginmanager.DEFAULT_PLUGINS", ("gluteus.plugins.basics",))
    result = CliRunner().invoke(cli, ["plugins", "check", "calves", "--no-generate"])
    assert result.exit_code == 0, result.output
    assert "plugin 'calves' keeps the contract." in result.stdout


# --- gluteus.testing strategies ----------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gluteus.testing import profile_dicts, profiles  # noqa: E402


def _basics():
    import gluteus.plugins.basics as basics

    return basics


# The shared vocabulary (equipment, pain regions, tests) comes from the basics plugin.
CALVES_REGISTRY = build_registry(
    make_plugin_manager(defaults=False, entrypoints=False, plugins=[_basics(), Calves()])
)


@settings(max_examples=30)
@given(profiles(registry=CALVES_REGISTRY))
def test_drawn_profiles_pass_the_loader_and_the_id_check(profile):
    from gluteus.engine.loading import check_ids

    check_ids(profile, CALVES_REGISTRY)  # raises ProfileError if an id were unknown
    assert set(profile.signs) <= {"calf_cramps"}
    assert len(profile.days) == profile.schedule.sessions_per_week


@settings(max_examples=30)
@given(profile_dicts(signs=["calf_cramps"], weeks=st.just(4)))
def test_given_signs_are_always_used(data):
    assert data["signs"] == ["calf_cramps"]
    assert data["schedule"]["weeks"] == 4
