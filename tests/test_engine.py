"""gluteus.Engine: the plugins and their registry built once, every operation an app
needs, the catalogue a form builder offers, and parse_profile for text an app was sent."""

from __future__ import annotations

import json
import threading

import pluggy
import pytest

import gluteus
from gluteus.engine import hookspecs
from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import Renderer, Source
from gluteus.engine.pluginmanager import DEFAULT_PLUGINS
from gluteus.engine.registry import Registry

PROFILE = {
    "age": 38,
    "schedule": {"weeks": 4, "sessions_per_week": 2, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes", "knees_cave_in"],
    "pain": {"knee": 2},
    "seed": 0,
}
YAML = """\
age: 38
schedule: {weeks: 4, sessions_per_week: 2, minutes_per_session: 30}
equipment: [mat, mini_band]
signs: [barely_feel_glutes, knees_cave_in]
pain: {knee: 2}
seed: 0
"""
TOML = """\
age = 38
equipment = ["mat", "mini_band"]
signs = ["barely_feel_glutes", "knees_cave_in"]
seed = 0

[schedule]
weeks = 4
sessions_per_week = 2
minutes_per_session = 30

[pain]
knee = 2
"""


@pytest.fixture(scope="module")
def engine() -> gluteus.Engine:
    return gluteus.Engine(gluteus.make_plugin_manager(entrypoints=False))


@pytest.fixture(scope="module")
def profile() -> gluteus.Profile:
    return gluteus.Profile.from_dict(PROFILE)


@pytest.fixture(scope="module")
def program(engine, profile):
    return engine.generate(profile)


# --- Built once ------------------------------------------------------------------------


def test_a_broken_plugin_fails_when_the_engine_is_made():
    class Broken:
        gluteus_name = "broken"

        @hookimpl
        def register_sources(self):
            raise RuntimeError("boom")

    with pytest.raises(gluteus.PluginError) as info:
        gluteus.Engine(gluteus.make_plugin_manager(entrypoints=False, plugins=[Broken()]))
    assert info.value.plugin == "broken"


def test_the_registry_is_built_once_and_follows_the_plugins(engine):
    assert engine.registry is engine.registry
    pm = gluteus.make_plugin_manager(entrypoints=False)
    fresh = gluteus.Engine(pm)

    class Cites:
        gluteus_name = "cites"

        @hookimpl
        def register_sources(self):
            return [Source(key="engine2020", citation="Engine (2020)", level="convention")]

    assert "engine2020" not in fresh.registry.sources
    pm.register(Cites(), name="cites")
    assert "engine2020" in fresh.registry.sources


def test_any_pluggy_manager_gets_its_registry_built_once():
    import importlib

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for path in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(path), name=path.rsplit(".", 1)[-1])
    engine = gluteus.Engine(pm)
    assert isinstance(engine.registry, Registry)
    assert engine.registry is engine.registry
    assert engine.plugins is pm
    assert "barely_feel_glutes" in engine.signs()


def test_the_engine_says_which_plugins_it_runs(engine):
    assert "knees" in repr(engine) and "documents" in repr(engine)


# --- Profiles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (YAML, "yaml"),
        (YAML.encode(), "yml"),
        (TOML, "toml"),
        (TOML.encode(), ".TOML"),
        (json.dumps(PROFILE), "json"),
        (json.dumps(PROFILE).encode(), "JSON"),
        (bytearray(json.dumps(PROFILE).encode()), "json"),
        (b"\xef\xbb\xbf" + YAML.encode(), "yaml"),
    ],
    ids=["yaml", "yaml-bytes", "toml", "toml-bytes", "json", "json-bytes", "bytearray", "bom"],
)
def test_parse_profile_reads_every_format_to_the_same_profile(engine, profile, data, fmt):
    assert engine.parse_profile(data, fmt) == profile


def test_parse_profile_is_load_profile_without_a_file(engine, tmp_path):
    (tmp_path / "p.yaml").write_text(YAML)
    assert engine.parse_profile(YAML, "yaml") == engine.load_profile(tmp_path / "p.yaml")
    assert gluteus.parse_profile(YAML, "yaml") == gluteus.load_profile(tmp_path / "p.yaml")


@pytest.mark.parametrize(
    ("data", "fmt", "words"),
    [
        (b"x" * (1024 * 1024 + 1), "yaml", "over 1,048,576 bytes"),
        ("é" * (600 * 1024), "yaml", "over 1,048,576 bytes"),
        ("x" * (1024 * 1024 + 1), "json", "over 1,048,576 bytes"),
        (b"age: 38\n\x00", "yaml", "NUL byte"),
        (b"age: 38\nname: \xff\n", "yaml", "not UTF-8 text"),
        ("age: 38\nname: \udc80\n", "yaml", "lone surrogate"),
        (b"  \n", "json", "the text is empty"),
        ("", "toml", "the text is empty"),
        ("!!python/object/apply:os.system [echo]", "yaml", ""),
        ("a: &x [1]\nb: *x\n", "yaml", "aliases"),
        ('{"age": 38, "age": 39}', "json", "age"),
        ('{"age": NaN}', "json", ""),
        ("age = 38\nage = 39\n", "toml", ""),
        ("[" * 10_000, "json", ""),
        ('{"age": 38, "schedule": {"weeks": 99}}', "json", "schedule.weeks"),
        ('{"age": 38, "signs": ["barely_feel_glute"]}', "json", "barely_feel_glutes"),
    ],
    ids=[
        "big-bytes",
        "big-when-encoded",
        "big-str",
        "nul",
        "not-utf8",
        "surrogate",
        "blank",
        "empty",
        "yaml-tag",
        "alias",
        "duplicate-key",
        "nan",
        "toml-duplicate",
        "deep",
        "out-of-range",
        "unknown-sign",
    ],
)
def test_parse_profile_refuses_bad_input_with_a_profile_error_only(engine, data, fmt, words):
    with pytest.raises(gluteus.ProfileError) as info:
        engine.parse_profile(data, fmt)
    assert words in str(info.value)
    json.dumps(info.value.to_dict())


def test_parse_profile_gives_the_line_of_an_unknown_id(engine):
    with pytest.raises(gluteus.ProfileError) as info:
        engine.parse_profile("age: 38\nsigns:\n  - knees_caves_in\n", "yaml", name="upload")
    assert info.value.line == 3
    assert info.value.file == "upload"
    assert str(info.value).startswith("upload:3: signs[0]")
    assert info.value.suggestion == "knees_cave_in"


@pytest.mark.parametrize(
    ("fmt", "suggestion"), [("ymal", "yaml"), ("xml", None), ("", None), (None, None)]
)
def test_an_unknown_profile_format_is_a_profile_error(engine, fmt, suggestion):
    with pytest.raises(gluteus.ProfileError, match="unknown profile format") as info:
        engine.parse_profile(YAML, fmt)
    assert info.value.suggestion == suggestion


def test_data_that_is_not_text_is_a_profile_error(engine):
    with pytest.raises(gluteus.ProfileError, match=r"Profile\.from_dict"):
        engine.parse_profile(PROFILE, "json")  # type: ignore[arg-type]


def test_the_schemas_are_the_shipped_ones(engine, program):
    import jsonschema

    schema = engine.profile_schema()
    assert schema["required"] == ["age"]
    assert "signs" in schema["properties"]
    jsonschema.validate(program.to_dict(), engine.program_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**program.to_dict(), "status": "fine"}, engine.program_schema())


# --- Screening, generating, rendering, checking, adapting -------------------------------


def test_screen_returns_a_public_screening(engine, profile):
    result = engine.screen(profile)
    assert isinstance(result, gluteus.Screening)
    assert {f.issue for f in result.findings} >= {"inhibition", "knees"}
    assert result is not engine.screen(profile) and result == engine.screen(profile)


def test_the_engine_and_the_module_functions_give_the_same_program(engine, profile, program):
    again = gluteus.generate(profile, plugins=engine.plugins)
    assert json.dumps(again.to_dict()) == json.dumps(program.to_dict())
    assert engine.generate(profile, seed=3).to_dict()["profile"]["seed"] == 3


@pytest.mark.slow  # renders in every format (seconds); the slow run keeps it
def test_render_gives_str_for_text_formats_and_bytes_for_binary_ones(engine, program):
    for fmt in ("text", "markdown", "json", "html"):
        assert isinstance(engine.render(program, fmt), str)
    assert engine.render(program, "pdf").startswith(b"%PDF")
    assert engine.render(program) == gluteus.render(program, plugins=engine.plugins)


def _renderer_plugin(fmt: str, out: str | bytes, binary: bool = False) -> object:
    class Formats:
        gluteus_name = "odd-formats"

        @hookimpl
        def register_renderers(self):
            return [Renderer(format=fmt, description="odd", render=lambda p, o: out, binary=binary)]

    return Formats()


def test_a_renderer_taking_over_a_builtin_name_must_return_its_type(program):
    pm = gluteus.make_plugin_manager(
        entrypoints=False, blocked=["documents"], plugins=[_renderer_plugin("html", b"<p>")]
    )
    with pytest.raises(gluteus.PluginError, match="it is a text format: str") as info:
        gluteus.Engine(pm).render(program, "html")
    assert info.value.plugin == "odd-formats"


def test_a_renderer_must_return_what_it_declares(program):
    pm = gluteus.make_plugin_manager(
        entrypoints=False, plugins=[_renderer_plugin("scroll", "text", binary=True)]
    )
    with pytest.raises(gluteus.PluginError, match="it is a binary format: bytes"):
        gluteus.Engine(pm).render(program, "scroll")
    pm = gluteus.make_plugin_manager(entrypoints=False, plugins=[_renderer_plugin("scroll", "ok")])
    assert gluteus.Engine(pm).render(program, "scroll") == "ok"


def test_check_and_adapt(engine, program):
    assert engine.check(program.to_dict()) == []
    edited = program.to_dict()
    edited["weeks"][0]["sessions"][0]["exercises"][0]["sets"] = 50
    assert engine.check(edited)
    assert engine.adapt(program, []) == program


def test_one_engine_serves_several_threads(engine, profile, program):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=3) as pool:
        programs = list(pool.map(lambda _: engine.generate(profile), range(3)))
    assert all(p == program for p in programs)


# --- The catalogue --------------------------------------------------------------------------


def test_the_catalogue_is_what_the_plugins_declare(engine):
    registry = engine.registry
    assert engine.issues() is registry.issues and "knees" in engine.issues()
    assert engine.signs()["knees_cave_in"].issue == "knees"
    assert "cannot_bear_weight" in engine.red_flags()
    assert engine.precautions()["pregnancy"].needs_trimester
    assert "mat" in engine.equipment()
    assert "single_leg_stance_s" in engine.tests()
    assert "knee" in engine.pain_regions()
    assert "clamshell" in engine.exercises()
    formats = engine.formats()
    assert formats["pdf"].binary and formats["pdf"].media_type == "application/pdf"
    assert not formats["html"].binary


def test_a_catalogue_cannot_be_changed_through_the_engine(engine):
    with pytest.raises(TypeError):
        engine.signs()["new"] = engine.signs()["knees_cave_in"]  # type: ignore[index]


def test_the_engine_is_shareable_because_it_holds_nothing_per_call(engine, profile):
    before = dict(vars(engine))
    engine.generate(profile, progress=lambda event: None, cancel=threading.Event())
    assert dict(vars(engine)) == before
