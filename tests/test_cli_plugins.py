"""`gluteus plugins` and `gluteus plugins check NAME` through click's CliRunner.

Third-party plugins are simulated the way pip would install them: fake entries in
the ``gluteus`` entry-point group (``importlib.metadata.entry_points`` patched), one
that imports, one that fails to import and one whose hooks are misspelt.
"""

from __future__ import annotations

import collections
import importlib.metadata
import json
import types
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import heavy_imports

from gluteus import __version__, hookimpl
from gluteus.cli import cli
from gluteus.engine import pluginmanager
from gluteus.engine.model import Issue
from gluteus.engine.pluginmanager import DEFAULT_PLUGINS, make_plugin_manager
from gluteus.engine.registry import build_registry

BUILTINS = [path.rsplit(".", 1)[-1] for path in DEFAULT_PLUGINS]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["plugins", *args])


class FakeDist:
    """What an installed distribution tells about itself."""

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version


class FakeEntryPoint:
    """An entry in the ``gluteus`` group, as ``importlib.metadata`` gives it."""

    def __init__(self, name: str, load: Any, dist: FakeDist | None = None) -> None:
        self.name = name
        self.dist = dist
        self.group = "gluteus"
        self._load = load

    def load(self) -> Any:
        return self._load()


@pytest.fixture
def entry_points(monkeypatch):
    """Install fake third-party plugins: ``entry_points(ep, ...)``."""
    real = importlib.metadata.entry_points

    def install(*eps: FakeEntryPoint) -> None:
        def fake(**kwargs: Any) -> Any:
            if kwargs.get("group") == "gluteus":
                return list(eps)
            return real(**kwargs)

        monkeypatch.setattr(importlib.metadata, "entry_points", fake)

    return install


def _missing_module() -> Any:
    return importlib.import_module("gluteus_no_such_plugin")


def extra_module(name: str, **hooks: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(module, hook, hookimpl(function))
    return module


GLUTE_HAM = extra_module(
    "gluteus_glute_ham",
    register_issues=lambda: [
        Issue(
            id="glute_ham",
            name="Glute-ham tie-in",
            message="The glutes and hamstrings share the work badly.",
            fix="Bridges and hinges with the glutes leading.",
            evidence="convention",
        )
    ],
)
GLUTE_HAM.__version__ = "2.5.0"  # type: ignore[attr-defined]

BROKEN = FakeEntryPoint("broken", _missing_module, FakeDist("gluteus-broken", "0.3.0"))
WORKING = FakeEntryPoint("glute_ham", lambda: GLUTE_HAM, FakeDist("gluteus-glute-ham", "2.5.0"))
MISSPELT = FakeEntryPoint(
    "misspelt", lambda: extra_module("gluteus_misspelt", register_exercise=lambda: [])
)


def counts_by_plugin() -> dict[str, collections.Counter[str]]:
    """What each built-in contributes, counted from the registry's own bookkeeping."""
    registry = build_registry(make_plugin_manager(entrypoints=False))
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    keys = {
        "issue": "issues",
        "sign": "signs",
        "red_flag": "red_flags",
        "precaution": "precautions",
        "exercise": "exercises",
        "ladder": "ladders",
        "safety_rule": "safety_rules",
        "renderer": "formats",
    }
    for (kind, _), plugin in registry.owner.items():
        if kind in keys:
            counts[plugin][keys[kind]] += 1
    for plugin in registry.dose_owner:
        counts[plugin]["dose_rules"] += 1
    return counts


# --- the listing -------------------------------------------------------------------------


def test_text_lists_every_builtin_with_version_and_contributions(entry_points):
    entry_points()
    result = run()
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    for name in BUILTINS:
        assert f"{name} {__version__} (built-in)" in result.stdout
    knees = result.stdout.split(f"knees {__version__} (built-in)\n", 1)[1].split("\n\n", 1)[0]
    expected = counts_by_plugin()["knees"]
    assert f"{expected['issues']} issue;" in knees
    assert f"{expected['exercises']} exercises" in knees
    assert f"{expected['ladders']} ladders" in knees
    assert "hooks: " in knees and "register_exercises" in knees and "screen" in knees
    assert "formats text, markdown, json" in result.stdout
    assert "Failed to load" not in result.stdout


def test_json_counts_match_the_registry(entry_points):
    entry_points()
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["format"] == "gluteus.plugins/1"
    assert report["engine"] == {"version": __version__}
    assert report["failed"] == [] and report["problems"] == []
    by_name = {p["name"]: p for p in report["plugins"]}
    assert list(by_name) == [n for n in BUILTINS if n in by_name]
    assert set(by_name) == set(BUILTINS)
    expected = counts_by_plugin()
    for name, plugin in by_name.items():
        assert plugin["builtin"] is True
        assert plugin["version"] == __version__
        assert plugin["distribution"] is None
        assert plugin["module"] == f"gluteus.plugins.{name}"
        assert plugin["errors"] == []
        given = plugin["contributes"]
        for key in (
            "issues",
            "signs",
            "red_flags",
            "precautions",
            "exercises",
            "ladders",
            "dose_rules",
            "safety_rules",
        ):
            assert given[key] == expected[name][key], (name, key)
        assert len(given["formats"]) == expected[name]["formats"], name
        assert plugin["hooks"] == sorted(plugin["hooks"])
        assert all(
            h.startswith("register_") or h in ("screen", "assess_person") for h in plugin["hooks"]
        )
    assert by_name["knees"]["contributes"]["signs"] == 3
    assert by_name["formats"]["contributes"]["formats"] == ["text", "markdown", "json"]


def test_a_third_party_plugin_that_fails_to_load_is_listed_with_its_error(entry_points):
    entry_points(BROKEN, WORKING)
    result = run()
    assert result.exit_code == 0, result.output
    assert "1 failed to load" in result.stdout
    failed = " ".join(result.stdout.split("Failed to load:\n", 1)[1].split())  # unwrapped
    assert (
        "broken (gluteus-broken): ModuleNotFoundError: No module named 'gluteus_no_such_plugin'"
        in failed
    )
    assert "glute_ham 2.5.0 (from gluteus-glute-ham)" in result.stdout
    assert "contributes: 1 issue\n" in result.stdout
    assert result.stderr.splitlines() == [
        "Warning: plugin 'broken' failed to load: ModuleNotFoundError: No module named 'gluteus_no_such_plugin'"
    ]
    assert "Traceback" not in result.output


def test_failures_are_in_the_json_too(entry_points):
    entry_points(BROKEN, WORKING, MISSPELT)
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # stdout holds the JSON only
    failed = {f["name"]: f for f in report["failed"]}
    assert set(failed) == {"broken", "misspelt"}
    assert failed["broken"]["distribution"] == "gluteus-broken"
    assert "ModuleNotFoundError" in failed["broken"]["error"]
    assert "register_exercise" in failed["misspelt"]["error"]
    ham = next(p for p in report["plugins"] if p["name"] == "glute_ham")
    assert ham["builtin"] is False
    assert ham["distribution"] == "gluteus-glute-ham"
    assert ham["version"] == "2.5.0"
    assert ham["module"] == "gluteus_glute_ham"
    assert ham["hooks"] == ["register_issues"]
    assert ham["contributes"]["issues"] == 1
    assert len(result.stderr.splitlines()) == 2


class Raising:
    """A plugin whose hook raises: listed with the error, the others unharmed."""

    gluteus_name = "raising"

    @hookimpl
    def register_exercises(self) -> list[Any]:
        raise RuntimeError("catalogue unavailable")


class Clashing:
    """A plugin declaring an issue id a built-in already declares."""

    gluteus_name = "clashing"

    @hookimpl
    def register_issues(self) -> list[Issue]:
        return [Issue(id="knees", name="Knees again", message="m", fix="f", evidence="weak")]


@pytest.fixture
def with_plugins(monkeypatch):
    """Make every command's manager the built-ins plus ``plugins`` (no entry points)."""

    def install(*plugins: object) -> None:
        def make(**kwargs: Any) -> Any:
            return make_plugin_manager(entrypoints=False, plugins=plugins)

        monkeypatch.setattr(pluginmanager, "make_plugin_manager", make)

    return install


def test_a_plugin_whose_hook_raises_is_listed_with_the_error(with_plugins):
    with_plugins(Raising())
    result = run()
    assert result.exit_code == 0, result.output
    block = result.stdout.split("raising ", 1)[1]
    assert "ERROR: hook register_exercises raised RuntimeError: catalogue unavailable" in block
    assert "Warning: plugin 'raising': hook register_exercises raised RuntimeError" in result.stderr
    assert f"knees {__version__} (built-in)" in result.stdout
    assert (
        "tests.test_cli_plugins.Raising" in result.stdout
        or "test_cli_plugins.Raising" in result.stdout
    )


def test_plugins_that_do_not_fit_together_are_a_problem(with_plugins):
    with_plugins(Clashing())
    result = run("--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["problems"] == [
        "plugin 'clashing': issue id 'knees' is already declared by plugin 'knees'"
    ]
    assert "Warning: plugin 'clashing': issue id 'knees'" in result.stderr
    text = run().stdout
    assert "Problems (generate would fail until they are fixed):" in text


def test_blocked_plugins_are_not_listed(monkeypatch):
    monkeypatch.setattr(
        pluginmanager,
        "make_plugin_manager",
        lambda **kw: make_plugin_manager(entrypoints=False, blocked=["documents"]),
    )
    report = json.loads(run("--format", "json").stdout)
    assert "documents" not in {p["name"] for p in report["plugins"]}


def test_commands_a_plugin_adds_are_listed(entry_points):
    entry_points()
    report = json.loads(run("--format", "json").stdout)
    commands = {p["name"]: p["contributes"]["commands"] for p in report["plugins"]}
    assert any(commands.values()), commands  # the documents plugin adds `cheatsheet`
    assert all(c == sorted(c) for c in commands.values())


def test_an_unknown_format_is_a_usage_error():
    result = run("--format", "yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_the_listing_never_imports_the_planner_or_the_solver():
    codes, heavy = heavy_imports(["plugins", "--format", "json"])
    assert codes == [0]
    assert heavy == []


# --- plugins check NAME -----------------------------------------------------------------------


def test_help_names_the_check_subcommand():
    result = run("--help")
    assert result.exit_code == 0
    assert "check" in result.stdout
    assert run("check", "--help").exit_code == 0


def test_check_a_plugin_that_keeps_the_contract_exits_0(entry_points):
    entry_points()
    result = run("check", "knees", "--no-generate")
    assert result.exit_code == 0, result.output
    assert "plugin 'knees' keeps the contract." in result.stdout


def test_check_an_unknown_plugin_exits_2_with_the_closest(entry_points):
    entry_points()
    result = run("check", "kness")
    assert result.exit_code == 2
    assert "no plugin 'kness' is loaded" in result.stderr
    assert "(did you mean 'knees'?)" in result.stderr
    assert "Traceback" not in result.output


def test_check_a_plugin_that_failed_to_load_exits_1_with_the_reason(entry_points):
    entry_points(BROKEN)
    result = run("check", "broken", "--no-generate")
    assert result.exit_code == 1
    assert "ModuleNotFoundError" in result.stderr
    assert "1 problem(s) in plugin 'broken'." in result.stderr


def test_check_a_plugin_that_breaks_the_contract_exits_1(with_plugins):
    with_plugins(Clashing())
    result = run("check", "clashing", "--no-generate")
    assert result.exit_code == 1
    assert "knees" in result.stderr


def test_other_commands_warn_once_about_a_broken_plugin_and_carry_on(entry_points, tmp_path):
    entry_points(BROKEN)
    path = tmp_path / "p.yaml"
    path.write_text("age: 40\nsigns: [knees_cave_in]\n")
    result = CliRunner().invoke(cli, ["screen", str(path)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1
    assert "plugin 'broken' (from gluteus-broken) failed to load and is skipped" in warnings[0]
    assert "Knees cave in" in result.stdout
