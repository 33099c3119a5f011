"""The Python API (docs/python.md: what `import gluteus` offers embedding apps), and one
test per hook (test_hook_<name>) showing that a plugin's contribution through it
reaches the engine's result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from tiny_plugin import ExcludeEverything

import gluteus
from gluteus import testing
from gluteus.engine.model import (
    Precaution,
    RedFlag,
    Renderer,
    SafetyRule,
    Source,
    Trigger,
)
from gluteus.testing import registered_plugin

# The SDK's fixture, used here as a plugin author's conftest would get it.
gluteus_pm = testing.gluteus_pm

ROOT = Path(__file__).resolve().parent.parent

PROFILE = {
    "age": 38,
    "experience": "novice",
    "schedule": {"weeks": 6, "sessions_per_week": 3, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes", "knees_cave_in"],
    "pain": {"knee": 2},
    "seed": 0,
}
HAMSTRING_SIGNS = ["hamstring_strain_history", "sit_bone_pain"]


@pytest.fixture(scope="module")
def hamstrings():
    """The example third-party plugin module (examples/gluteus-hamstrings)."""
    sys.path.insert(0, str(ROOT / "examples" / "gluteus-hamstrings"))
    try:
        import gluteus_hamstrings

        yield gluteus_hamstrings
    finally:
        sys.path.remove(str(ROOT / "examples" / "gluteus-hamstrings"))
        sys.modules.pop("gluteus_hamstrings", None)


@pytest.fixture(scope="module")
def program():
    return gluteus.generate(gluteus.Profile.from_dict(PROFILE))


# --- profiles ----------------------------------------------------------------------


def test_load_profile_reads_every_format_to_the_same_profile(tmp_path):
    import yaml

    (tmp_path / "p.yaml").write_text(yaml.safe_dump(PROFILE))
    (tmp_path / "p.json").write_text(json.dumps(PROFILE))
    from_yaml = gluteus.load_profile(tmp_path / "p.yaml")
    from_json = gluteus.load_profile(str(tmp_path / "p.json"))
    assert from_yaml == from_json == gluteus.Profile.from_dict(PROFILE)
    assert isinstance(from_yaml, gluteus.Profile)


def test_profile_round_trips_through_to_dict():
    profile = gluteus.Profile.from_dict(PROFILE)
    data = profile.to_dict()
    assert data["schedule"]["days"]  # defaults applied
    assert gluteus.Profile.from_dict(data) == profile
    json.dumps(data)  # plain JSON types


def test_a_bad_profile_is_a_profile_error_with_exit_code_2():
    with pytest.raises(gluteus.ProfileError) as info:
        gluteus.Profile.from_dict({**PROFILE, "schedule": {"weeks": 99}})
    assert info.value.exit_code == 2
    assert "schedule.weeks" in str(info.value)


def test_an_unknown_sign_is_a_profile_error_naming_the_closest(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**PROFILE, "signs": ["knees_caves_in"]}))
    with pytest.raises(gluteus.ProfileError, match="knees_cave_in"):
        gluteus.load_profile(path)


# --- generate, to_dict, render, check ----------------------------------------------


def test_generate_returns_an_immutable_program(program):
    assert isinstance(program, gluteus.Program)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        program.status = "changed"


def test_same_profile_and_seed_give_the_same_bytes(program):
    again = gluteus.generate(gluteus.Profile.from_dict(PROFILE))
    assert json.dumps(again.to_dict(), sort_keys=True) == json.dumps(
        program.to_dict(), sort_keys=True
    )


def test_the_seed_argument_overrides_the_profiles_seed():
    profile = gluteus.Profile.from_dict(PROFILE)
    seeded = gluteus.generate(profile, seed=7).to_dict()
    assert seeded["profile"]["seed"] == 7
    assert gluteus.generate(profile, seed=7).to_dict() == seeded
    assert profile.seed == 0  # the caller's profile is untouched


def test_to_dict_is_the_spec_program_json(program):
    data = program.to_dict()
    assert data["format"] == "gluteus.program/1"
    assert data["status"] == "ok" and data["referrals"] == []
    assert {"engine", "profile", "findings", "phases", "weeks", "warnings"} <= set(data)
    assert len(data["weeks"]) == 6
    json.loads(json.dumps(data))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_render_gives_text_formats_as_str(program, fmt):
    out = gluteus.render(program, fmt)
    assert isinstance(out, str) and out.strip()
    if fmt == "json":
        assert json.loads(out)["format"] == "gluteus.program/1"


def test_render_an_unknown_format_suggests_the_closest(program):
    with pytest.raises(gluteus.ProfileError, match="markdown"):
        gluteus.render(program, "markdwn")


def test_check_is_empty_for_a_generated_program_and_finds_hand_edits(program):
    data = program.to_dict()
    assert gluteus.check(data) == []
    assert gluteus.check(program) == []
    edited = json.loads(json.dumps(data))
    session = edited["weeks"][0]["sessions"][0]
    session["exercises"][0]["sets"] = 40  # far over the time budget
    violations = gluteus.check(edited)
    assert violations
    assert all(isinstance(v, gluteus.Violation) for v in violations)
    assert any(v.week == 1 and str(v).startswith("week 1") for v in violations)


# --- errors ------------------------------------------------------------------------


def test_every_error_derives_from_gluteus_error_with_its_exit_code():
    codes = {
        gluteus.PluginError: 1,
        gluteus.ProfileError: 2,
        gluteus.ReferralRequired: 3,
        gluteus.Infeasible: 4,
    }
    for cls, code in codes.items():
        assert issubclass(cls, gluteus.GluteusError)
        assert cls.exit_code == code


def test_a_red_flag_raises_referral_required_carrying_the_referrals():
    profile = gluteus.Profile.from_dict({**PROFILE, "red_flags": ["saddle_numbness"]})
    with pytest.raises(gluteus.ReferralRequired) as info:
        gluteus.generate(profile)
    assert [r.flag for r in info.value.referrals] == ["saddle_numbness"]
    assert info.value.referrals[0].urgency == "emergency"
    assert info.value.result.to_dict()["status"] == "referral"


def test_infeasible_carries_the_conflicts(gluteus_pm):
    with pytest.raises(gluteus.Infeasible) as info:
        gluteus.generate(
            gluteus.Profile.from_dict(PROFILE), plugins=gluteus_pm(ExcludeEverything())
        )
    assert info.value.exit_code == 4
    assert info.value.conflicts


def test_a_plugin_that_raises_is_a_plugin_error_naming_it(gluteus_pm):
    class Broken:
        gluteus_name = "broken"

        @gluteus.hookimpl
        def screen(self, profile):
            raise RuntimeError("boom")

    with pytest.raises(gluteus.PluginError, match="broken") as info:
        gluteus.generate(gluteus.Profile.from_dict(PROFILE), plugins=gluteus_pm(Broken()))
    assert info.value.plugin == "broken"


# --- choosing plugins --------------------------------------------------------------


def test_generate_runs_only_the_plugins_it_is_given(gluteus_pm):
    profile = gluteus.Profile.from_dict({**PROFILE, "signs": ["barely_feel_glutes"]})
    full = gluteus.generate(profile, plugins=gluteus_pm()).to_dict()
    assert "function" in full["engine"]["plugins"]
    blocked = gluteus.make_plugin_manager(entrypoints=False, blocked=["function"])
    without = gluteus.generate(profile, plugins=blocked).to_dict()
    assert "function" not in without["engine"]["plugins"]
    assert "function" not in {f["issue"] for f in without["findings"]}
    assert all(
        "function" not in ex["issues"] or len(ex["issues"]) > 1
        for week in without["weeks"]
        for session in week["sessions"]
        for ex in session["exercises"]
    )


def test_a_third_party_plugin_changes_what_profiles_may_say(gluteus_pm, hamstrings):
    profile = gluteus.Profile.from_dict({**PROFILE, "signs": HAMSTRING_SIGNS})
    with pytest.raises(gluteus.ProfileError, match="hamstring_strain_history"):
        gluteus.generate(profile, plugins=gluteus_pm())
    data = gluteus.generate(profile, plugins=gluteus_pm(hamstrings)).to_dict()
    assert {f["issue"]: f["severity"] for f in data["findings"]}["hamstrings"] == 2


# --- one test per hook ---------------------------------------------------------------


def _registry(pm):
    from gluteus.engine.registry import build_registry

    return build_registry(pm)


def test_hook_register_issues(gluteus_pm, hamstrings):
    reg = _registry(gluteus_pm(hamstrings))
    assert reg.issues["hamstrings"].name == "Hamstrings at risk"
    assert reg.plugin_of("issue", "hamstrings") == "gluteus_hamstrings"


def test_hook_register_signs(gluteus_pm, hamstrings):
    reg = _registry(gluteus_pm(hamstrings))
    assert reg.signs["sit_bone_pain"].issue == "hamstrings"
    assert reg.signs["sit_bone_pain"].question.endswith("?")


def test_hook_screen(gluteus_pm, hamstrings):
    profile = gluteus.Profile.from_dict(
        {**PROFILE, "signs": HAMSTRING_SIGNS, "pain": {"buttock": 5}}
    )
    result = gluteus.screen_profile(profile, plugins=gluteus_pm(hamstrings))
    [finding] = [f for f in result.findings if f.issue == "hamstrings"]
    assert finding.severity == 3 and finding.signs == tuple(HAMSTRING_SIGNS)


def test_hook_register_sources(gluteus_pm, hamstrings):
    reg = _registry(gluteus_pm(hamstrings))
    assert "Askling" in reg.sources["hamstrings/askling2013"].citation


def test_hook_register_exercises(gluteus_pm, hamstrings):
    reg = _registry(gluteus_pm(hamstrings))
    assert reg.exercises["nordic_hamstring_curl"].role == "eccentric"
    assert reg.plugin_of("exercise", "nordic_hamstring_curl") == "gluteus_hamstrings"


def test_hook_register_ladders(gluteus_pm, hamstrings):
    reg = _registry(gluteus_pm(hamstrings))
    assert reg.ladders["hamstring_knee_flexion"].exercise_ids[-1] == "nordic_hamstring_curl"


def test_hook_register_dosing(gluteus_pm, hamstrings):
    reg = _registry(gluteus_pm(hamstrings))
    mine = [
        rule
        for plugin, rule in zip(reg.dose_owner, reg.dosing, strict=True)
        if plugin == "gluteus_hamstrings"
    ]
    assert {(r.role, r.phase) for r in mine} >= {("eccentric", "strength"), ("isometric", "power")}


def test_hook_register_safety_rules(gluteus_pm, hamstrings):
    profile = gluteus.Profile.from_dict(
        {**PROFILE, "signs": HAMSTRING_SIGNS, "pain": {"buttock": 5}}
    )
    result = gluteus.screen_profile(profile, plugins=gluteus_pm(hamstrings))
    assert "hamstrings-pain-no-lengthening-load" in result.restrictions.rule_ids
    assert not result.restrictions.allows("nordic_hamstring_curl")


class Extras:
    """A plugin adding a red flag, a precaution with its rule, and an output format."""

    gluteus_name = "extras"

    @gluteus.hookimpl
    def register_sources(self):
        return [Source(key="extras-src", citation="A test source.", level="convention")]

    @gluteus.hookimpl
    def register_red_flags(self):
        return [
            RedFlag(
                id="thigh_bruising_after_pop",
                question="Did you feel a pop with bruising at the back of the thigh?",
                urgency="soon",
                see="a sports physician",
                message="A possible hamstring tendon tear needs assessment first.",
                source="extras-src",
            )
        ]

    @gluteus.hookimpl
    def register_precautions(self):
        return [
            Precaution(
                id="anticoagulants", question="Do you take blood thinners?", source="extras-src"
            )
        ]

    @gluteus.hookimpl
    def register_safety_rules(self):
        return [
            SafetyRule(
                id="anticoagulants-no-power",
                description="On blood thinners: no power work.",
                source="extras-src",
                evidence="convention",
                when=Trigger(precautions=("anticoagulants",)),
                exclude_roles=("power",),
            )
        ]

    @gluteus.hookimpl
    def register_renderers(self):
        def render(program, options):
            data = program if isinstance(program, dict) else program.to_dict()
            return f"{data['status']},{len(data['weeks'])}\n"

        return [Renderer(format="csvish", description="Status and weeks.", render=render)]


def test_hook_register_red_flags(gluteus_pm):
    profile = gluteus.Profile.from_dict({**PROFILE, "red_flags": ["thigh_bruising_after_pop"]})
    with pytest.raises(gluteus.ReferralRequired) as info:
        gluteus.generate(profile, plugins=gluteus_pm(Extras()))
    [referral] = info.value.referrals
    assert referral.see == "a sports physician"


def test_hook_register_precautions(gluteus_pm):
    profile = gluteus.Profile.from_dict({**PROFILE, "precautions": ["anticoagulants"]})
    pm = gluteus_pm(Extras())
    result = gluteus.screen_profile(profile, plugins=pm)
    assert "anticoagulants-no-power" in result.restrictions.rule_ids
    data = gluteus.generate(profile, plugins=pm).to_dict()
    roles = {ex["role"] for w in data["weeks"] for s in w["sessions"] for ex in s["exercises"]}
    assert "power" not in roles


def test_hook_register_renderers(gluteus_pm, program):
    pm = gluteus_pm(Extras())
    assert gluteus.render(program, "csvish", plugins=pm) == "ok,6\n"
    with pytest.raises(gluteus.ProfileError):
        gluteus.render(program, "csvish")


def test_hook_register_commands(monkeypatch):
    import importlib.metadata
    import types

    import click

    from gluteus.cli import GluteusGroup

    module = types.ModuleType("hello_plugin")

    @gluteus.hookimpl
    def register_commands(cli):
        @cli.command()
        def hello():
            """Say hello."""
            click.echo("hello from a plugin")

    module.register_commands = register_commands
    monkeypatch.setitem(sys.modules, "hello_plugin", module)
    ep = importlib.metadata.EntryPoint(name="hello", value="hello_plugin", group="gluteus")
    real = importlib.metadata.entry_points
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **kw: (
            importlib.metadata.EntryPoints([ep]) if kw.get("group") == "gluteus" else real(**kw)
        ),
    )
    group = GluteusGroup(name="gluteus")  # a fresh group: commands load once per group
    result = CliRunner().invoke(group, ["hello"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "hello from a plugin\n"


def test_registered_plugin_unregisters_even_on_error(gluteus_pm):
    pm = gluteus_pm()
    plugin = Extras()
    with pytest.raises(RuntimeError), registered_plugin(pm, plugin):
        assert pm.has_plugin("extras")
        raise RuntimeError("inside")
    assert not pm.has_plugin("extras")
