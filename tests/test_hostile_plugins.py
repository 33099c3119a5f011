"""A plugin, broken or hostile, must not break the engine or its safety: bad numbers
are refused at registration naming the plugin, a failing renderer or command hook
is named without a traceback, and a plugin that rewrites the profile it is handed
changes only its own copy."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from click.testing import CliRunner
from tiny_plugin import PROFILE, TinyPlugin, build

import gluteus
from gluteus.cli import GluteusGroup, cli
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import Cap, Renderer
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry
from gluteus.plugins import basics, formats

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"


@pytest.fixture(scope="module")
def builtin():
    """The built-in registry, whose items the hostile plugins copy and spoil."""
    return build_registry(make_plugin_manager(entrypoints=False))


def spoiled(item: Any, **changes: Any) -> Any:
    """``item`` with ``changes`` forced past its validators, as a hostile plugin can
    (frozen attrs classes still yield to object.__setattr__)."""
    copy = attrs.evolve(item)
    for name, value in changes.items():
        object.__setattr__(copy, name, value)
    return copy


class Contributes:
    """A plugin contributing exactly the given items through the register hooks."""

    def __init__(self, **items: list[Any]) -> None:
        self.items = items

    @hookimpl
    def register_exercises(self) -> list[Any]:
        return self.items.get("exercises", [])

    @hookimpl
    def register_dosing(self) -> list[Any]:
        return self.items.get("dosing", [])

    @hookimpl
    def register_safety_rules(self) -> list[Any]:
        return self.items.get("rules", [])


# --- Numbers in contributed data ------------------------------------------------------

NAN, INF = math.nan, math.inf

EXERCISE_CASES = [
    ("seconds_per_rep", NAN),
    ("seconds_per_rep", INF),
    ("seconds_per_rep", -3.0),
    ("seconds_per_rep", 0),
    ("seconds_per_rep", "3"),
    ("seconds_per_rep", True),
    ("rest_s", -30),
    ("rest_s", NAN),
    ("rest_s", 10**9),
    ("level", 2.5),
    ("level", True),
    ("level", 0),
]


@pytest.mark.parametrize(("field", "value"), EXERCISE_CASES)
def test_a_bad_exercise_number_is_refused_naming_plugin_item_and_field(builtin, field, value):
    bad = spoiled(builtin.exercises["glute_bridge"], id="hostile_bridge", **{field: value})
    pm = make_plugin_manager(entrypoints=False, plugins=[Contributes(exercises=[bad])])
    with pytest.raises(gluteus.PluginError) as info:
        build_registry(pm)
    assert info.value.plugin == "Contributes"
    assert f"exercise 'hostile_bridge': {field} must be" in str(info.value)
    assert f"found {value!r}" in str(info.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [("hold_s", 0), ("hold_s", -10), ("hold_s", 1.5), ("hold_s", NAN)],
)
def test_a_bad_hold_is_refused(builtin, field, value):
    hold = next(e for e in builtin.exercises.values() if e.hold_s is not None)
    bad = spoiled(hold, id="hostile_hold", **{field: value})
    pm = make_plugin_manager(entrypoints=False, plugins=[Contributes(exercises=[bad])])
    with pytest.raises(gluteus.PluginError, match=f"exercise 'hostile_hold': {field} must be"):
        build_registry(pm)


@pytest.mark.parametrize(
    ("gmax", "gmed"), [(NAN, None), (None, INF), (-1.0, None), (None, 301.0), ("high", None)]
)
def test_bad_activation_figures_are_refused(builtin, gmax, gmed):
    ex = builtin.exercises["glute_bridge"]
    bad = spoiled(ex, id="hostile_bridge", activation=spoiled(ex.activation, gmax=gmax, gmed=gmed))
    pm = make_plugin_manager(entrypoints=False, plugins=[Contributes(exercises=[bad])])
    with pytest.raises(gluteus.PluginError, match=r"exercise 'hostile_bridge': activation\.gm"):
        build_registry(pm)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sets": 0}, "sets"),
        ({"sets": NAN}, "sets"),
        ({"rest_s": -1}, "rest_s"),
        ({"reps": (12, 8)}, "reps"),  # must be low..high
        ({"reps": (0, 8)}, r"reps\[0\]"),
        ({"reps": (8, INF)}, r"reps\[1\]"),
        ({"reps": (8,)}, "reps"),
        ({"hold_s": -5}, "hold_s"),
        ({"max_hold_s": NAN}, "max_hold_s"),
        ({"max_sets": 0}, "max_sets"),
        ({"step": -1}, "step"),
        ({"deload_factor": 1.0}, "deload_factor"),
        ({"deload_factor": NAN}, "deload_factor"),
        ({"deload_factor": 0}, "deload_factor"),
    ],
)
def test_a_bad_dose_rule_number_is_refused(builtin, changes, field):
    bad = spoiled(builtin.dosing[0], **changes)
    pm = make_plugin_manager(entrypoints=False, plugins=[Contributes(dosing=[bad])])
    with pytest.raises(gluteus.PluginError) as info:
        build_registry(pm)
    assert info.value.plugin == "Contributes"
    assert "dose rule generic/activation/activation" in str(info.value)
    assert re.search(f": {field} must be", str(info.value)), str(info.value)


@pytest.mark.parametrize(
    ("cap", "when", "field"),
    [
        ({"max_rpe": NAN}, {}, "cap.max_rpe"),
        ({"max_rpe": 11}, {}, "cap.max_rpe"),
        ({"max_sets": 0}, {}, "cap.max_sets"),
        ({"max_hold_s": -1}, {}, "cap.max_hold_s"),
        ({"max_level": 6}, {}, "cap.max_level"),
        ({}, {"min_trimester": 4}, "when.min_trimester"),
        ({}, {"pain": (("knee", NAN),)}, "when.pain level for 'knee'"),
        ({}, {"pain": (("knee", 11),)}, "when.pain level for 'knee'"),
    ],
)
def test_a_bad_safety_rule_number_is_refused(builtin, cap, when, field):
    rule = builtin.safety_rules["pregnancy_no_supine_prone"]
    bad = spoiled(
        rule,
        id="hostile_rule",
        cap=spoiled(Cap(), **cap),
        when=spoiled(rule.when, **when),
    )
    pm = make_plugin_manager(entrypoints=False, plugins=[Contributes(rules=[bad])])
    with pytest.raises(gluteus.PluginError) as info:
        build_registry(pm)
    assert info.value.plugin == "Contributes"
    assert f"rule 'hostile_rule': {field} must be" in str(info.value)


def test_a_negative_rep_time_never_reaches_a_program(builtin, pm):
    """Once a program with negative minutes shipped with exit 0."""
    bad = spoiled(builtin.exercises["clamshell"], id="hostile_clam", seconds_per_rep=-30.0)
    hostile = make_plugin_manager(entrypoints=False, plugins=[Contributes(exercises=[bad])])
    profile = gluteus.load_profile(PROFILES / "dana.yaml", plugins=pm)
    with pytest.raises(gluteus.PluginError, match="hostile_clam': seconds_per_rep"):
        gluteus.generate(profile, plugins=hostile)


def test_the_builtin_content_passes(builtin):
    assert builtin.exercises and builtin.dosing and builtin.safety_rules


# --- Renderers ---------------------------------------------------------------------------


class BadFormats:
    """Formats that fail the way a broken renderer does."""

    @hookimpl
    def register_renderers(self) -> list[Renderer]:
        def raising(program: Any, options: Any) -> str:
            raise RuntimeError("template missing")

        def refusing(program: Any, options: Any) -> str:
            raise gluteus.ProfileError("unknown option 'paper'", path="-O paper")

        return [
            Renderer("number", "returns a number", render=lambda program, options: 42),
            Renderer("none", "returns nothing", render=lambda program, options: None),
            Renderer("raises", "raises", render=raising),
            Renderer("refuses", "a bad option", render=refusing),
        ]


@pytest.fixture
def bad_formats(monkeypatch):
    original = pluginmanager_module.make_plugin_manager

    def make(**kwargs: Any) -> Any:
        return original(
            defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), formats, BadFormats()]
        )

    monkeypatch.setattr(pluginmanager_module, "make_plugin_manager", make)
    monkeypatch.setattr(api, "generate", lambda profile, *, seed=None, plugins=None: build(profile))
    return make


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        ("number", "format 'number' returned int, expected str or bytes"),
        ("none", "format 'none' returned NoneType, expected str or bytes"),
        ("raises", "format 'raises' failed to render: RuntimeError: template missing"),
    ],
)
def test_a_failing_renderer_is_named_exit_1_no_traceback(bad_formats, tmp_path, fmt, message):
    profile = tmp_path / "tess.json"
    profile.write_text(json.dumps(PROFILE.to_dict()))
    out = tmp_path / "p.txt"
    result = CliRunner().invoke(cli, ["generate", str(profile), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr == f"Error: plugin 'BadFormats': {message}\n"
    assert not out.exists()
    with pytest.raises(gluteus.PluginError) as info:
        gluteus.render(build(), fmt, plugins=bad_formats())
    assert info.value.plugin == "BadFormats"


def test_a_renderer_s_own_bad_input_error_is_kept(bad_formats):
    with pytest.raises(gluteus.ProfileError, match="unknown option 'paper'"):
        gluteus.render(build(), "refuses", plugins=bad_formats())


# --- register_commands ---------------------------------------------------------------------


class BrokenCommands:
    """Adds a command, then raises: neither may reach the command line."""

    @hookimpl
    def register_commands(self, cli: Any) -> None:
        import click

        @click.command()
        def half() -> None:
            """Added before the hook raised."""

        cli.add_command(half, "half")
        raise RuntimeError("cannot reach the licence server")


@pytest.fixture
def broken_commands(monkeypatch) -> Callable[[], GluteusGroup]:
    monkeypatch.setattr(
        pluginmanager_module,
        "make_plugin_manager",
        lambda **kwargs: make_plugin_manager(entrypoints=False, plugins=[BrokenCommands()]),
    )

    def fresh() -> GluteusGroup:
        group = GluteusGroup(name="gluteus", help=cli.help, context_settings=cli.context_settings)
        group.params = cli.params
        return group

    return fresh


def test_a_raising_register_commands_costs_only_its_own_commands(broken_commands):
    result = CliRunner().invoke(broken_commands(), ["--help"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.stderr == (
        "Warning: plugin 'BrokenCommands' failed to add its commands, which are skipped: "
        "RuntimeError: cannot reach the licence server\n"
    )
    assert "cheatsheet" in result.stdout  # another plugin's command is still there
    assert "generate" in result.stdout
    assert "half" not in result.stdout


def test_a_raising_register_commands_leaves_every_command_usable(broken_commands, tmp_path):
    group = broken_commands()
    result = CliRunner().invoke(group, ["cheatsheet", "--help"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(group, ["screen", str(PROFILES / "dana.yaml")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(group, ["half"])
    assert result.exit_code == 2 and "No such command 'half'" in result.stderr


# --- A plugin rewriting the profile it is handed ---------------------------------------------


class Rewrites:
    """Screens nothing; instead drops the pregnancy from the profile it is handed and
    spoils the signs, as far as frozen classes let it (object.__setattr__)."""

    seen: ClassVar[list[Any]] = []

    @hookimpl
    def screen(self, profile: Any, signs: dict[str, Any]) -> None:
        object.__setattr__(profile, "precautions", ())
        object.__setattr__(profile, "pregnancy_trimester", None)
        object.__setattr__(profile.schedule, "minutes_per_session", 600)
        for sign in signs.values():
            object.__setattr__(sign, "issue", "nothing")
        signs.clear()
        self.seen.append(profile)
        return None


def test_a_plugin_rewriting_its_profile_cannot_lift_the_pregnancy_rules():
    pm = make_plugin_manager(entrypoints=False, plugins=[Rewrites()])
    profile = gluteus.load_profile(PROFILES / "pregnancy.yaml", plugins=pm)
    program = gluteus.generate(profile, plugins=pm).to_dict()
    assert Rewrites.seen and Rewrites.seen[-1].precautions == ()  # it did rewrite its copy
    assert profile.precautions == ("pregnancy",) and profile.trimester_at(1) == 2
    assert profile.schedule.minutes_per_session == 30
    assert program["profile"]["precautions"] == ["pregnancy"]
    assert "pregnancy_no_supine_prone" in [rule["id"] for rule in program["safety"]["rules"]]
    positions = {
        exercise["position"]
        for week in program["weeks"]
        for session in week["sessions"]
        for exercise in session["exercises"]
    }
    assert positions and not positions & {"supine", "prone"}
    assert all(
        session["minutes"] <= 30 for week in program["weeks"] for session in week["sessions"]
    )
    registry = build_registry(pm)
    assert all(sign.issue != "nothing" for sign in registry.signs.values())
    assert gluteus.check(program, plugins=pm) == []


def test_the_plugin_contract_check_lists_every_bad_number(builtin):
    """`gluteus plugins check` goes on past the first bad number and names them all."""
    from gluteus.engine.contract import check_plugin

    bad_exercise = spoiled(builtin.exercises["glute_bridge"], id="hostile_bridge", rest_s=NAN)
    bad_dose = spoiled(builtin.dosing[0], sets=-2, step=INF)
    pm = make_plugin_manager(
        entrypoints=False, plugins=[Contributes(exercises=[bad_exercise], dosing=[bad_dose])]
    )
    found = {str(problem) for problem in check_plugin(pm, "Contributes", generate=False)}
    expected = {
        "plugin 'Contributes': exercise 'hostile_bridge': rest_s must be an integer from 0 "
        "to 600, found nan",
        "plugin 'Contributes': dose rule generic/activation/activation: sets must be an "
        "integer from 1 to 20, found -2",
        "plugin 'Contributes': dose rule generic/activation/activation: step must be an "
        "integer from 0 to 60, found inf",
    }
    assert expected <= found, found
