"""Where a plugin's failure used to be silent or too wide: each now fails loudly at
load, naming plugin and item, or is confined to the plugin that failed.

Third-party plugins arrive the way pip installs them (fake entries in the
``gluteus`` entry-point group); built-ins are broken by patching one hook.
"""

from __future__ import annotations

import importlib.metadata
import json
import types
from typing import Any

import pytest
from click.testing import CliRunner, Result

import gluteus
from gluteus import hookimpl
from gluteus.cli import cli
from gluteus.engine.errors import PluginError, ProfileError
from gluteus.engine.model import (
    Cue,
    Exercise,
    Issue,
    Ladder,
    LadderStep,
    Limit,
    Renderer,
    Requirement,
    SafetyRule,
    Sign,
    Source,
    Trigger,
)
from gluteus.engine.pluginmanager import ESSENTIAL_PLUGINS, make_plugin_manager

PROFILE = {"age": 40, "signs": ["knees_cave_in"], "equipment": ["mat", "mini_band"], "seed": 2}


class FakeEntryPoint:
    """An entry in the ``gluteus`` group, as ``importlib.metadata`` gives it."""

    def __init__(self, name: str, load: Any, dist: str | None = None) -> None:
        self.name = name
        self.dist = types.SimpleNamespace(name=dist, version="1.0") if dist else None
        self.group = "gluteus"
        self._load = load

    def load(self) -> Any:
        return self._load()


@pytest.fixture
def installed(monkeypatch):
    """Install fake third-party plugins: ``installed(ep, ...)``."""
    real = importlib.metadata.entry_points

    def install(*eps: FakeEntryPoint) -> None:
        def fake(**kwargs: Any) -> Any:
            if kwargs.get("group") == "gluteus":
                return list(eps)
            return real(**kwargs)

        monkeypatch.setattr(importlib.metadata, "entry_points", fake)

    return install


def module(name: str, **hooks: Any) -> types.ModuleType:
    mod = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(mod, hook, hookimpl(function))
    return mod


def entry(name: str, **hooks: Any) -> FakeEntryPoint:
    plugin = module(f"gluteus_{name}", **hooks)
    return FakeEntryPoint(name, lambda: plugin, dist=f"gluteus-{name}")


def _raise() -> list[Any]:
    raise RuntimeError("catalogue unavailable")


SRC = Source("iso-src", "A test source.", "convention")


def exercise(id: str, **changes: Any) -> Exercise:
    fields: dict[str, Any] = dict(
        id=id,
        name=id.replace("_", " "),
        issues=("knees",),
        role="strength",
        position="standing",
        planes=("frontal",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=2,
        cues=("one", "two"),
        fault="f",
        source="iso-src",
        evidence="convention",
        seconds_per_rep=3.0,
        targets=("gmed",),
        why="w",
    )
    fields.update(changes)
    return Exercise(**fields)


def rule(id: str, **changes: Any) -> SafetyRule:
    fields: dict[str, Any] = dict(
        id=id,
        description="d",
        source="iso-src",
        evidence="convention",
        when=Trigger(findings=("knees",)),
    )
    fields.update(changes)
    return SafetyRule(**fields)


CLASH = entry(
    "clash",
    register_issues=lambda: [
        Issue(id="knees", name="Knees again", message="m", fix="f", evidence="weak")
    ],
)
RAISES = entry("raises", register_exercises=_raise)
MALFORMED = entry("malformed", register_signs=lambda: "knees_cave_in")
GOOD = entry(
    "good",
    register_sources=lambda: [SRC],
    register_signs=lambda: [Sign("good_sign", "knees", "Do your knees click?")],
)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def warnings_of(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]


# --- a rule naming a tag nobody knows -------------------------------------------------


class TagTypo:
    """A rule that excludes a misspelt tag: it would never protect anyone."""

    gluteus_name = "tag_typo"

    @hookimpl
    def register_sources(self):
        return [SRC]

    @hookimpl
    def register_safety_rules(self):
        return [rule("falls-guard", exclude_tags=("unsuported_balance",))]


def test_a_rule_tag_typo_is_a_load_error_naming_plugin_and_rule():
    with pytest.raises(PluginError) as info:
        make_plugin_manager(entrypoints=False, plugins=[TagTypo()]).registry()
    assert info.value.plugin == "tag_typo"
    assert "rule 'falls-guard' excludes tag 'unsuported_balance'" in str(info.value)
    assert "which no exercise carries" in str(info.value)
    assert "(did you mean 'unsupported_balance'?)" in str(info.value)


@pytest.mark.parametrize(
    "where",
    [
        {"limits": (Limit(tags=("jumpy",), max_weekly_sets=4),)},
        {"exclude_tags": ("jumpy",)},
    ],
    ids=["limit", "exclusion"],
)
def test_a_tag_only_a_plugins_own_exercise_carries_is_fine(where):
    class OwnTag:
        gluteus_name = "own_tag"

        @hookimpl
        def register_sources(self):
            return [SRC]

        @hookimpl
        def register_exercises(self):
            return [
                exercise("jumpy_step", tags=("jumpy",)),
                # on a cue only, and needing equipment nobody declares (so pruned):
                exercise(
                    "pruned_hop",
                    equipment=("trampoline",),
                    cues=(Cue("hop", tags=("hoppy",)), "land"),
                ),
            ]

        @hookimpl
        def register_safety_rules(self):
            return [rule("own", **where), rule("cue", exclude_tags=("hoppy",))]

    registry = make_plugin_manager(entrypoints=False, plugins=[OwnTag()]).registry()
    assert {"own", "cue"} <= set(registry.safety_rules)
    # What was left out is said once, naming the plugin.
    assert registry.warnings == (
        (
            "own_tag",
            "refers to what no loaded plugin declares, so that part of it is left out: "
            "equipment 'trampoline' (named by exercise 'pruned_hop')",
        ),
    )


# --- ladders through an exercise nobody declares --------------------------------------


class LadderTypo:
    gluteus_name = "ladder_typo"

    @hookimpl
    def register_sources(self):
        return [SRC]

    @hookimpl
    def register_exercises(self):
        return [exercise("iso_step", level=1), exercise("iso_lunge", level=3)]

    @hookimpl
    def register_ladders(self):
        return [
            Ladder(
                id="iso_ladder",
                name="n",
                issues=("knees",),
                steps=(
                    LadderStep("iso_step", "a", "r"),
                    LadderStep("iso_squatt", "a", "r"),
                    LadderStep("iso_lunge", "a", "r"),
                ),
                source="iso-src",
                evidence="convention",
            )
        ]


def test_a_ladder_naming_an_unknown_exercise_is_pruned_with_one_warning(installed):
    registry = make_plugin_manager(entrypoints=False, plugins=[LadderTypo()]).registry()
    assert registry.ladders["iso_ladder"].exercise_ids == ("iso_step", "iso_lunge")
    assert registry.warnings == (
        (
            "ladder_typo",
            "refers to what no loaded plugin declares, so that part of it is left out: "
            "exercise 'iso_squatt' (named by ladder 'iso_ladder')",
        ),
    )
    plugin = LadderTypo()
    installed(FakeEntryPoint("ladder_typo", lambda: plugin))
    result = invoke("screen", _profile_file())
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [
        "Warning: plugin 'ladder_typo' refers to what no loaded plugin declares, so that "
        "part of it is left out: exercise 'iso_squatt' (named by ladder 'iso_ladder')"
    ]
    listed = json.loads(invoke("plugins", "--format", "json").stdout)
    assert listed["warnings"] == [warnings_of(result)[0].removeprefix("Warning: ")]


_PROFILE_DIR: list[str] = []


def _profile_file() -> str:
    import tempfile

    if not _PROFILE_DIR:
        _PROFILE_DIR.append(tempfile.mkdtemp())
    path = f"{_PROFILE_DIR[0]}/p.json"
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(PROFILE, fh)
    return path


# --- one broken plugin breaks nothing else ----------------------------------------------


@pytest.mark.parametrize(
    ("ep", "why"),
    [
        (CLASH, "issue id 'knees' is already declared by plugin 'knees'"),
        (RAISES, "hook register_exercises raised RuntimeError: catalogue unavailable"),
        (MALFORMED, "hook register_signs returned str, expected a list"),
    ],
    ids=["clash", "raises", "malformed"],
)
def test_a_broken_third_party_plugin_is_disabled_and_everything_else_works(installed, ep, why):
    installed(ep, GOOD)
    pm = make_plugin_manager()
    registry = pm.registry()
    assert not pm.has_plugin(ep.name)  # every registration undone
    assert pm.has_plugin("good") and "good_sign" in registry.signs
    [error] = pm.load_errors
    assert (error.plugin, error.stage, error.error) == (ep.name, "contributions", why)
    assert "Traceback" in error.traceback
    program = gluteus.generate(gluteus.Profile.from_dict(PROFILE), plugins=pm).to_dict()
    assert ep.name not in program["engine"]["plugins"]
    assert gluteus.check(program, plugins=pm) == []

    result = invoke("generate", _profile_file(), "-f", "json")
    assert result.exit_code == 0, result.output
    assert warnings_of(result) == [
        f"Warning: plugin {ep.name!r} (from gluteus-{ep.name}) is disabled and everything "
        f"else works without it: {why}"
    ]
    listed = invoke("plugins")
    assert listed.exit_code == 0
    assert "Disabled (everything else works without them):" in listed.stdout
    assert f"{ep.name} (gluteus-{ep.name}): {why}" in " ".join(listed.stdout.split())


def test_a_failing_builtin_that_is_not_essential_is_disabled(monkeypatch):
    from gluteus.plugins import tightness

    monkeypatch.setattr(tightness, "register_exercises", hookimpl(_raise))
    pm = make_plugin_manager(entrypoints=False)
    registry = pm.registry()
    assert "tightness" not in registry.issues
    [error] = pm.load_errors
    assert error.plugin == "tightness" and error.builtin
    result = invoke("screen", _profile_file())
    assert result.exit_code == 0, result.output
    assert "Warning: plugin 'tightness' is disabled" in result.stderr


@pytest.mark.parametrize("name", ESSENTIAL_PLUGINS)
def test_a_failing_essential_builtin_is_fatal(monkeypatch, name):
    plugin = importlib.import_module(f"gluteus.plugins.{name}")
    monkeypatch.setattr(plugin, "register_sources", hookimpl(_raise))
    with pytest.raises(PluginError, match=f"plugin '{name}': hook register_sources raised"):
        make_plugin_manager(entrypoints=False).registry()
    result = invoke("screen", _profile_file())
    assert result.exit_code == 1
    assert f"Error: plugin '{name}': hook register_sources raised" in result.stderr
    assert "Traceback" not in result.output


def test_a_plugin_asked_for_by_name_is_fatal(installed):
    installed(CLASH, GOOD)
    with pytest.raises(PluginError, match="issue id 'knees' is already declared"):
        make_plugin_manager(only=["clash", "good"]).registry()
    result = invoke("--load-plugins", "clash", "screen", _profile_file())
    assert result.exit_code == 1
    assert "Error: plugin 'clash': issue id 'knees' is already declared" in result.stderr
    # Passed as an object, or registered by hand: asked for too.
    with pytest.raises(PluginError):
        gluteus.generate(
            gluteus.Profile.from_dict(PROFILE),
            plugins=make_plugin_manager(entrypoints=False, plugins=[TagTypo()]),
        )


# --- blocking and choosing plugins ------------------------------------------------------


# A sign of another issue module, for a profile the blocked module cannot read.
OTHER_SIGN = {
    "inhibition": "knees_cave_in",
    "back": "knees_cave_in",
    "knees": "barely_feel_glutes",
    "tightness": "knees_cave_in",
    "function": "knees_cave_in",
}


@pytest.mark.parametrize("name", sorted(OTHER_SIGN))
def test_blocking_any_issue_module_leaves_a_working_engine(name):
    """Rules of the safety plugin that read another module's sign name it as an optional
    fact: blocking the knees module once made the safety plugin fail to load."""
    pm = make_plugin_manager(entrypoints=False, blocked=[name])
    assert not pm.has_plugin(name) and pm.has_plugin("safety")
    profile = gluteus.Profile.from_dict(
        {
            "age": 30,
            "signs": [OTHER_SIGN[name]],
            "equipment": ["mat", "mini_band"],
            "schedule": {"weeks": 4, "sessions_per_week": 2},
            # The single-leg squat test is the basics plugin's: with the knees module
            # blocked, a valgus knee still keeps single-leg landings out.
            "tests": {"single_leg_squat_knee_valgus": {"left": True, "right": False}},
        }
    )
    doc = gluteus.generate(profile, plugins=pm).to_dict()
    assert "landing_ladder" in {r["id"] for r in doc["safety"]["rules"]}


def test_an_undeclared_optional_fact_is_no_error_and_a_required_one_is():
    from gluteus.engine.facts import holds, unknown_facts
    from gluteus.engine.model import AnyOf, Fact

    reg = make_plugin_manager(entrypoints=False, blocked=["knees"]).registry()
    optional = AnyOf((Fact("sign.knees_cave_in", optional=True), Fact("age", ">=", 65)))
    assert unknown_facts(optional, reg) == []
    assert not holds(optional, {"age": 30}) and holds(optional, {"age": 70})
    required = AnyOf((Fact("sign.knees_cave_in"), Fact("age", ">=", 65)))
    assert unknown_facts(required, reg) == [
        "its condition names the fact 'sign.knees_cave_in', which no loaded plugin declares"
    ]


@pytest.mark.parametrize("name", ["safety", "basics"])
def test_blocking_an_essential_builtin_is_refused(name, monkeypatch):
    with pytest.raises(ProfileError, match=f"the built-in plugin '{name}' cannot be blocked"):
        make_plugin_manager(blocked=[name])
    result = invoke("--block-plugins", name, "screen", _profile_file())
    assert result.exit_code == 2
    assert f"Error: --block-plugins: the built-in plugin '{name}' cannot be blocked" in (
        result.stderr
    )
    result = invoke("screen", _profile_file(), env={"GLUTEUS_BLOCK_PLUGINS": name})
    assert result.exit_code == 2
    assert "Error: GLUTEUS_BLOCK_PLUGINS: the built-in plugin" in result.stderr


def test_an_unknown_plugin_name_is_an_error_with_the_closest(installed):
    installed(GOOD)
    with pytest.raises(ProfileError) as info:
        make_plugin_manager(blocked=["kneez"])
    assert info.value.suggestion == "knees"
    assert "no plugin is called 'kneez'" in str(info.value)
    with pytest.raises(ProfileError, match=r"'goood'.*did you mean 'good'"):
        make_plugin_manager(only=["goood"])
    result = invoke("--block-plugins", "kneez", "plugins")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --block-plugins: no plugin is called 'kneez'")
    assert "(did you mean 'knees'?)" in result.stderr


def test_load_plugins_chooses_the_third_party_plugins(installed, monkeypatch):
    installed(GOOD, entry("other", register_sources=lambda: [SRC]))
    # A library call ignores the environment unless asked.
    monkeypatch.setenv("GLUTEUS_LOAD_PLUGINS", "")
    assert make_plugin_manager().has_plugin("good")
    pm = make_plugin_manager(from_environment=True)
    assert not pm.has_plugin("good") and not pm.has_plugin("other")
    assert pm.has_plugin("knees")  # built-ins always load
    assert {b.plugin: b.reason for b in pm.blocked_plugins} == {
        "good": "not named in GLUTEUS_LOAD_PLUGINS",
        "other": "not named in GLUTEUS_LOAD_PLUGINS",
    }
    monkeypatch.setenv("GLUTEUS_LOAD_PLUGINS", "gluteus-good")  # a distribution name works
    pm = make_plugin_manager(from_environment=True)
    assert pm.has_plugin("good") and not pm.has_plugin("other")
    # The option wins over the variable.
    report = json.loads(invoke("--load-plugins", "other", "plugins", "-f", "json").stdout)
    names = {p["name"] for p in report["plugins"]}
    assert "other" in names and "good" not in names
    assert report["blocked"] == [{"name": "good", "reason": "not among the plugins asked for"}]


def test_block_plugins_shows_what_was_blocked_and_why(installed, monkeypatch):
    installed(GOOD)
    monkeypatch.setenv("GLUTEUS_BLOCK_PLUGINS", "good, documents")
    result = invoke("plugins")
    assert result.exit_code == 0, result.output
    assert "2 blocked" in result.stdout.splitlines()[0]
    assert "Blocked:\n  good: blocked by GLUTEUS_BLOCK_PLUGINS\n" in result.stdout
    assert "documents 0" not in result.stdout
    report = json.loads(invoke("--block-plugins", "good", "plugins", "-f", "json").stdout)
    assert report["blocked"] == [{"name": "good", "reason": "blocked on request"}]
    assert "documents" in {p["name"] for p in report["plugins"]}


def test_each_plugin_counts_the_sources_it_cites_itself():
    report = json.loads(invoke("plugins", "-f", "json").stdout)
    given = {p["name"]: p["contributes"] for p in report["plugins"]}
    registry = make_plugin_manager(entrypoints=False).registry()
    cited = {
        registry.exercises[e].source
        for e in registry.exercises
        if registry.plugin_of("exercise", e) == "knees"
    }
    assert given["knees"]["sources"] >= len(cited) > 0
    # The issue modules share lists of citations, so each declares far more than its
    # own content cites; what each cites is its own.
    modules = ("inhibition", "back", "knees", "tightness", "function")
    assert len({given[m]["sources"] for m in modules}) > 1
    assert all(given[m]["sources"] < given[m]["sources_declared"] for m in modules)


# --- renderer options ---------------------------------------------------------------------


def test_an_unknown_renderer_option_names_the_format_and_its_options(tmp_path):
    program = gluteus.generate(gluteus.Profile.from_dict(PROFILE))
    with pytest.raises(ProfileError) as info:
        gluteus.render(program, "pdf", papr="letter")
    assert str(info.value) == (
        "format 'pdf' has no option 'papr'; its options: paper (a4 (the default) or letter) "
        "(did you mean 'paper'?)"
    )
    with pytest.raises(ProfileError, match="format 'json' has no option 'width'; it takes no"):
        gluteus.render(program, "json", width=60)
    out = tmp_path / "p.pdf"
    result = invoke("generate", _profile_file(), "-f", "pdf", "-O", "papr=letter", "-o", str(out))
    assert result.exit_code == 2
    assert "format 'pdf' has no option 'papr'" in result.stderr
    assert not out.exists()


def test_a_renderer_declaring_no_options_takes_any_with_a_warning(monkeypatch):
    seen: list[dict[str, Any]] = []

    class OldFormat:
        gluteus_name = "old_format"

        @hookimpl
        def register_renderers(self):
            def render(program: Any, options: Any) -> str:
                seen.append(dict(options))
                return "ok\n"

            return [Renderer("old", "written before options were declared", render=render)]

    from gluteus.engine import pluginmanager

    real = pluginmanager.make_plugin_manager
    monkeypatch.setattr(
        pluginmanager,
        "make_plugin_manager",
        lambda **kw: real(entrypoints=False, plugins=[OldFormat()]),
    )
    result = invoke("generate", _profile_file(), "-f", "old", "-O", "colour=green")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok\n"
    assert seen == [{"colour": "green"}]
    assert warnings_of(result) == [
        "Warning: format 'old' does not declare its options, so colour is passed to it unchecked"
    ]


# --- hook typos, missing fields, the old contract ---------------------------------------


def test_a_misspelt_hook_says_which_hook_was_meant(installed):
    installed(entry("typo", register_ladder=lambda: []))
    pm = make_plugin_manager()
    [error] = pm.load_errors
    assert error.stage == "register"
    assert error.error.startswith(
        "register_ladder is not a gluteus hook (did you mean register_ladders?)"
    )
    with pytest.raises(PluginError, match=r"did you mean register_ladders\?"):
        make_plugin_manager(only=["typo"])


def test_a_missing_exercise_field_names_the_exercise(installed):
    def exercises() -> list[Exercise]:
        # Built inside the hook, as a plugin that builds its data lazily does.
        return [Exercise(id="half_done", name="Half done", issues=("knees",))]  # type: ignore[call-arg]

    with pytest.raises(PluginError) as info:
        make_plugin_manager(
            entrypoints=False, plugins=[module("gluteus_half", register_exercises=exercises)]
        ).registry()
    message = str(info.value)
    assert message.startswith(
        "plugin 'gluteus_half': hook register_exercises built an Exercise 'half_done' "
        "without its required field(s) role, position, planes"
    )
    assert "fault" in message and "__init__" not in message

    def broken_import() -> Any:
        Exercise(id="at_import", name="n")  # type: ignore[call-arg]

    installed(FakeEntryPoint("at_import", broken_import))
    [error] = make_plugin_manager().load_errors
    assert error.error.startswith("importing it built an Exercise 'at_import' without its")


def test_a_value_outside_a_fields_choices_names_the_field_and_the_closest_choice(installed):
    def rules() -> list[SafetyRule]:
        return [
            SafetyRule(
                id="weekly_typo",
                description="d",
                source="s",
                evidence="convention",
                when=Trigger(always=True),
                requires=(Requirement(kind="weeky", roles=("strength",)),),
            )
        ]

    with pytest.raises(PluginError) as info:
        make_plugin_manager(
            entrypoints=False, plugins=[module("gluteus_typo", register_safety_rules=rules)]
        ).registry()
    assert str(info.value) == (
        "plugin 'gluteus_typo': hook register_safety_rules gave the field 'kind' the value "
        "'weeky', which is not one of before_loaded, session_opens, weekly, session, "
        "stepped, drill_first; the closest is 'weekly'"
    )


def test_a_plugin_written_before_targets_were_required_fails_with_what_to_change(installed):
    # The hamstrings example as first published, less its targets: what a plugin that
    # relied on the old default ('gmax',) looks like.
    import pathlib
    import re

    source = pathlib.Path(__file__).parent.parent / "examples" / "gluteus-hamstrings"
    text = (source / "gluteus_hamstrings" / "__init__.py").read_text(encoding="utf-8")
    old = re.sub(r"\n\s*targets=\([^)]*\),", "", text)
    assert "targets=" not in old
    plugin = types.ModuleType("gluteus_old_hamstrings")
    exec(compile(old, "gluteus_old_hamstrings.py", "exec"), plugin.__dict__)
    installed(FakeEntryPoint("hamstrings", lambda: plugin))
    pm = make_plugin_manager()
    pm.registry()
    [error] = pm.load_errors
    assert error.plugin == "hamstrings" and error.stage == "contributions"
    assert "gives no targets. The plugin contract changed: Exercise.targets must now be" in (
        error.error
    )
    assert "targets=('gmax',) keeps the old behaviour" in error.error
    with pytest.raises(PluginError, match="gives no targets"):
        make_plugin_manager(only=["hamstrings"]).registry()


# --- --debug ----------------------------------------------------------------------------


def test_debug_prints_the_full_traceback_of_a_plugin_error(installed):
    installed(RAISES)
    quiet = invoke("--load-plugins", "raises", "screen", _profile_file())
    assert quiet.exit_code == 1
    assert "Traceback" not in quiet.output
    assert quiet.stderr.strip().splitlines() == [
        "Error: plugin 'raises': hook register_exercises raised RuntimeError: catalogue unavailable"
    ]
    for args, env in (
        (["--debug", "--load-plugins", "raises"], None),
        (["--load-plugins", "raises"], {"GLUTEUS_DEBUG": "1"}),
    ):
        loud = invoke(*args, "screen", _profile_file(), env=env)
        assert loud.exit_code == 1
        assert "Traceback (most recent call last)" in loud.stderr
        assert "RuntimeError: catalogue unavailable" in loud.stderr
        assert 'raise RuntimeError("catalogue unavailable")' in loud.stderr
        assert loud.stderr.rstrip().endswith("catalogue unavailable")


def test_debug_shows_why_a_disabled_plugin_failed(installed):
    installed(RAISES)
    result = invoke("--debug", "screen", _profile_file())
    assert result.exit_code == 0, result.output
    assert "Warning: plugin 'raises'" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "Traceback" not in invoke("screen", _profile_file()).stderr


def test_the_contract_check_names_a_clash_in_the_new_vocabularies():
    from gluteus.engine.contract import check_plugin
    from gluteus.engine.model import Equipment, PainRegion

    class Clashing:
        gluteus_name = "vocab_clash"

        @hookimpl
        def register_equipment(self):
            return [Equipment("mat", "a yoga mat", "none")]

        @hookimpl
        def register_pain_regions(self):
            return [PainRegion("knee", "knee")]

    pm = make_plugin_manager(entrypoints=False, plugins=[Clashing()])
    assert [str(p) for p in check_plugin(pm, "vocab_clash", generate=False)] == [
        "plugin 'vocab_clash': equipment 'mat': is declared by both 'basics' and 'vocab_clash'",
        "plugin 'vocab_clash': pain region 'knee': is declared by both 'basics' and 'vocab_clash'",
    ]


def _screen_raises(profile: Any, signs: Any) -> Any:
    raise RuntimeError("screening service down")


def _assess_raises(profile: Any, week: Any) -> Any:
    raise RuntimeError("no model today")


@pytest.mark.parametrize(
    ("hook", "function", "why"),
    [
        ("screen", _screen_raises, "hook screen raised RuntimeError: screening service down"),
        ("assess_person", _assess_raises, "hook assess_person raised RuntimeError: no model today"),
    ],
)
def test_a_plugin_whose_hook_fails_while_screening_is_disabled(installed, hook, function, why):
    """A plugin failing at run time, not while the catalogue is built, is disabled the
    same way: the program is made without it, and the command says so once."""
    installed(entry("flaky", **{hook: function}), GOOD)
    pm = make_plugin_manager()
    program = gluteus.generate(gluteus.Profile.from_dict(PROFILE), plugins=pm).to_dict()
    assert not pm.has_plugin("flaky") and pm.has_plugin("good")
    assert "flaky" not in program["engine"]["plugins"]
    [error] = pm.load_errors
    assert (error.plugin, error.error) == ("flaky", why)
    assert gluteus.check(program, plugins=pm) == []

    for command in ("generate", "screen"):
        result = invoke(command, _profile_file())
        assert result.exit_code == 0, result.output
        assert warnings_of(result) == [
            f"Warning: plugin 'flaky' (from gluteus-flaky) is disabled and everything else "
            f"works without it: {why}"
        ]
    # Asked for by name, its failure stops the command, naming it.
    result = invoke("--load-plugins", "flaky,good", "generate", _profile_file())
    assert result.exit_code == 1
    assert f"Error: plugin 'flaky': {why}" in result.stderr
