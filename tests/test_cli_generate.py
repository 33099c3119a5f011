"""`gluteus generate` and `gluteus check` through click's CliRunner.

Two layers: the command flow (formats, -o, exit codes, never overwriting a good
file) with the tiny plugin and a stand-in for the planner, so each exit path is
forced exactly; then end to end with the built-in plugins and the real planner.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from bundled import bundled_params
from click.testing import CliRunner
from tiny_plugin import PROFILE, TinyPlugin, build, program_dict, referral

from gluteus.cli import cli
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.engine.errors import GluteusError, Infeasible, ReferralRequired
from gluteus.plugins import basics, formats
from gluteus.plugins.formats.renderers import render_json, render_markdown, render_text


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def tiny(monkeypatch):
    """Every command builds its plugin manager from the tiny plugin and the formats."""

    original = pluginmanager_module.make_plugin_manager

    def make(**kwargs):
        return original(defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), formats])

    monkeypatch.setattr(pluginmanager_module, "make_plugin_manager", make)


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "tess.json"
    path.write_text(json.dumps(PROFILE.to_dict()))
    return path


@pytest.fixture
def planned(monkeypatch, tiny):
    """api.generate stands in for the planner: the hand-built program for the profile."""

    def fake_generate(profile, *, seed=None, plugins=None):
        if seed is not None:
            profile = attrs.evolve(profile, seed=seed)
        return build(profile)

    monkeypatch.setattr(api, "generate", fake_generate)


# --- generate: the command's flow -----------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "renderer"),
    [("text", render_text), ("markdown", render_markdown), ("json", render_json)],
)
def test_generate_each_format_to_stdout(runner, planned, profile_file, fmt, renderer):
    result = runner.invoke(cli, ["generate", str(profile_file), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout == renderer(build(), {})


def test_generate_defaults_to_text_and_dash_is_stdout(runner, planned, profile_file):
    plain = runner.invoke(cli, ["generate", str(profile_file)])
    dash = runner.invoke(cli, ["generate", str(profile_file), "-o", "-"])
    assert plain.stdout == dash.stdout == render_text(build(), {})


def test_generate_writes_the_file(runner, planned, profile_file, tmp_path):
    out = tmp_path / "program.json"
    result = runner.invoke(cli, ["generate", str(profile_file), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == render_json(build(), {})
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_generate_seed_reaches_the_program(runner, planned, profile_file):
    result = runner.invoke(cli, ["generate", str(profile_file), "-f", "json", "--seed", "7"])
    assert json.loads(result.stdout)["profile"]["seed"] == 7
    bad = runner.invoke(cli, ["generate", str(profile_file), "--seed", "-1"])
    assert bad.exit_code == 2


def test_unknown_format_is_bad_input_with_a_suggestion(runner, planned, profile_file):
    result = runner.invoke(cli, ["generate", str(profile_file), "--format", "markdwon"])
    assert result.exit_code == 2
    assert "'markdwon' is not a format; choose from json, markdown, text" in result.stderr
    assert "did you mean 'markdown'?" in result.stderr
    assert "Traceback" not in result.output


def test_missing_output_folder_fails_before_planning(
    runner, monkeypatch, tiny, profile_file, tmp_path
):
    def never(*args, **kwargs):
        raise AssertionError("planned although -o cannot be written")

    monkeypatch.setattr(api, "generate", never)
    result = runner.invoke(
        cli, ["generate", str(profile_file), "-o", str(tmp_path / "no" / "p.txt")]
    )
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_missing_profile_is_bad_input(runner, planned, tmp_path):
    result = runner.invoke(cli, ["generate", str(tmp_path / "nobody.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nobody.yaml'}: no such file\n"


def test_red_flag_exits_3_and_writes_the_referral_json(
    runner, monkeypatch, tiny, profile_file, tmp_path
):
    ref = referral()

    def refuse(profile, *, seed=None, plugins=None):
        raise ReferralRequired(ref.referrals, result=ref)

    monkeypatch.setattr(api, "generate", refuse)
    out = tmp_path / "program.json"
    result = runner.invoke(cli, ["generate", str(profile_file), "-f", "json", "-o", str(out)])
    assert result.exit_code == 3
    assert "saddle_numbness (emergency)" in result.stderr
    assert "See: emergency department" in result.stderr
    assert out.read_text(encoding="utf-8") == render_json(ref, {})
    # Every format: the referral document is written too, a page to take along.
    text_out = tmp_path / "program.txt"
    result = runner.invoke(cli, ["generate", str(profile_file), "-o", str(text_out)])
    assert result.exit_code == 3
    assert text_out.read_text(encoding="utf-8") == render_text(ref, {})
    assert result.stdout == ""


def test_infeasible_exits_4_with_conflicts_and_suggestions(runner, monkeypatch, tiny, profile_file):
    def conflict(profile, *, seed=None, plugins=None):
        raise Infeasible(
            ["focus issue knees: every exercise is avoided"], ["remove band_walk from avoid"]
        )

    monkeypatch.setattr(api, "generate", conflict)
    result = runner.invoke(cli, ["generate", str(profile_file)])
    assert result.exit_code == 4
    assert "focus issue knees: every exercise is avoided" in result.stderr
    assert "remove band_walk from avoid" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "error",
    [
        Infeasible(["too little time"]),
        GluteusError("generated program failed verification:\nweek 1: x"),
    ],
)
def test_a_failed_run_never_touches_a_good_file(
    runner, monkeypatch, tiny, profile_file, tmp_path, error
):
    out = tmp_path / "program.md"
    out.write_text("the good program\n")

    def fail(profile, *, seed=None, plugins=None):
        raise error

    monkeypatch.setattr(api, "generate", fail)
    result = runner.invoke(cli, ["generate", str(profile_file), "-f", "markdown", "-o", str(out)])
    assert result.exit_code == error.exit_code
    assert out.read_text() == "the good program\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["program.md", "tess.json"]


def test_a_renderer_that_crashes_leaves_the_file_alone(
    runner, planned, monkeypatch, profile_file, tmp_path
):
    out = tmp_path / "program.txt"
    out.write_text("the good program\n")

    def broken(program, fmt="text", *, plugins=None, **options):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(api, "render", broken)
    result = runner.invoke(cli, ["generate", str(profile_file), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text() == "the good program\n"


def test_generate_help_documents_exit_codes(runner):
    result = runner.invoke(cli, ["generate", "--help"])
    assert result.exit_code == 0
    assert "3 a red flag" in result.stdout and "4 the constraints" in result.stdout


# --- check --------------------------------------------------------------------------------


def write(tmp_path, data, name="program.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_clean_program(runner, tiny, tmp_path):
    result = runner.invoke(cli, ["check", str(write(tmp_path, program_dict()))])
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 6 weeks, 12 sessions, no violations\n"


def test_check_referral(runner, tiny, tmp_path):
    result = runner.invoke(cli, ["check", str(write(tmp_path, referral().to_dict()))])
    assert result.exit_code == 0
    assert result.stdout == "OK: a referral (no program), no violations\n"


def test_check_edited_program_one_line_per_violation(runner, tiny, tmp_path):
    data = program_dict()
    data["profile"]["preferences"]["avoid"] = ["clamshell"]
    data["weeks"][2]["deload"] = True
    path = write(tmp_path, data)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    out = result.stdout.splitlines()
    assert out[0] == "week 1, session 1 (mon), clamshell: the profile asks to avoid this exercise"
    # In week order: every occurrence (6 weeks x 2 sessions) and the week made a deload.
    assert out[4:7] == [
        # Week 3 opens the strength phase: no loading week of its phase before it.
        "week 3: a deload after 0 loading week(s) of its phase; it comes only after at least 2",
        "week 3: is a deload, unlike the engine's skeleton",
        "week 3: deload week with 16 sets, not fewer than the 16 of the week before",
    ]
    assert sum("clamshell: the profile asks to avoid" in line for line in out) == 12
    assert result.stderr == f"{path}: 15 violations; do not use this program as it is\n"


def test_check_bad_json_is_one_message(runner, tiny, tmp_path):
    path = tmp_path / "program.json"
    path.write_text('{"format": "gluteus.program/1",\n "status": }')
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}:2: not valid JSON: Expecting value (column 12)\n"


def test_check_unreadable_file(runner, tiny, tmp_path):
    path = tmp_path / "program.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: cannot read the program:")
    assert "Traceback" not in result.output


def test_check_not_a_program(runner, tiny, tmp_path):
    result = runner.invoke(cli, ["check", str(write(tmp_path, {"weeks": []}))])
    assert result.exit_code == 2
    assert "program: $: 'format' is a required property" in result.stdout


def test_check_help_documents_the_exit_code(runner):
    result = runner.invoke(cli, ["check", "--help"])
    assert result.exit_code == 0
    assert "a program that fails its check is bad input" in " ".join(result.stdout.split())


# --- End to end: built-in plugins and the real planner ------------------------------------

needs_planner = pytest.mark.skipif(
    not (
        pluginmanager_module.__file__
        and (Path(pluginmanager_module.__file__).parent / "planner.py").exists()
    ),
    reason="the planner (gluteus/engine/planner.py) is not there yet",
)

DANA = {
    "name": "Dana",
    "age": 38,
    "start": "2026-12-07",
    "schedule": {"weeks": 8, "sessions_per_week": 3, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes", "knees_cave_in"],
    "pain": {"knee": 2},
}


def yaml_profile(tmp_path, data, name="dana.yaml"):
    import yaml

    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@needs_planner
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_e2e_every_format(runner, tmp_path, fmt):
    profile = yaml_profile(tmp_path, DANA)
    result = runner.invoke(cli, ["generate", str(profile), "-f", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        from gluteus.schemas import program_validator

        data = json.loads(result.stdout)
        assert list(program_validator().iter_errors(data)) == []
        assert len(data["weeks"]) == 8
    else:
        assert "Dana" in result.stdout and "Week 8" in result.stdout


@needs_planner
def test_e2e_generate_then_check(runner, tmp_path):
    profile = yaml_profile(tmp_path, DANA)
    out = tmp_path / "dana.json"
    assert (
        runner.invoke(cli, ["generate", str(profile), "-f", "json", "-o", str(out)]).exit_code == 0
    )
    result = runner.invoke(cli, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "OK: 8 weeks, 24 sessions, no violations\n"
    # Hand-edit: put an avoided exercise's id into the profile's avoid list.
    data = json.loads(out.read_text())
    first = data["weeks"][0]["sessions"][0]["exercises"][0]["id"]
    data["profile"]["preferences"]["avoid"] = [first]
    out.write_text(json.dumps(data))
    result = runner.invoke(cli, ["check", str(out)])
    assert result.exit_code == 2
    assert f"week 1, session 1 (mon), {first}: the profile asks to avoid this exercise" in (
        result.stdout.splitlines()
    )


@needs_planner
def test_e2e_seed_is_applied_and_determines_the_program(runner, tmp_path):
    profile = yaml_profile(tmp_path, DANA)

    def run(seed):
        result = runner.invoke(cli, ["generate", str(profile), "-f", "json", "--seed", str(seed)])
        assert result.exit_code == 0, result.output
        return result.stdout

    first = run(1)
    assert json.loads(first)["profile"]["seed"] == 1
    assert run(1) == first
    weeks = {json.dumps(json.loads(run(seed))["weeks"]) for seed in range(1, 6)}
    assert len(weeks) > 1, "different seeds should be able to give different programs"


@needs_planner
def test_e2e_bad_profile_exit_2(runner, tmp_path):
    profile = yaml_profile(tmp_path, {**DANA, "sessions": 3})
    result = runner.invoke(cli, ["generate", str(profile)])
    assert result.exit_code == 2
    assert "sessions" in result.stderr
    assert "Traceback" not in result.output


@needs_planner
def test_e2e_red_flag_exit_3(runner, tmp_path):
    profile = yaml_profile(tmp_path, {**DANA, "red_flags": ["saddle_numbness"]})
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["generate", str(profile), "-f", "json", "-o", str(out)])
    assert result.exit_code == 3
    assert "saddle_numbness" in result.stderr
    data = json.loads(out.read_text())
    assert data["status"] == "referral" and data["weeks"] == []
    assert runner.invoke(cli, ["check", str(out)]).exit_code == 0


@needs_planner
def test_e2e_infeasible_exit_4_keeps_the_good_file(runner, tmp_path):
    registry = api.context(pluginmanager_module.make_plugin_manager(entrypoints=False)).registry
    knees = sorted(ex.id for ex in registry.exercises.values() if "knees" in ex.issues)
    data = {**DANA, "focus": ["knees"], "preferences": {"avoid": knees}}
    profile = yaml_profile(tmp_path, data)
    out = tmp_path / "program.txt"
    out.write_text("the good program\n")
    result = runner.invoke(cli, ["generate", str(profile), "-o", str(out)])
    assert result.exit_code == 4, result.output
    assert "knees" in result.stderr
    assert out.read_text() == "the good program\n"


BUNDLED = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "profiles").glob("*")
    if p.suffix in {".yaml", ".yml", ".toml", ".json"}
)


@needs_planner
@pytest.mark.parametrize("profile", bundled_params(BUNDLED))
def test_e2e_every_bundled_profile_generates_a_program_check_accepts(runner, tmp_path, profile):
    out = tmp_path / "program.json"
    result = runner.invoke(cli, ["generate", str(profile), "-f", "json", "-o", str(out)])
    assert result.exit_code in (0, 3), result.output  # a referral example is allowed
    checked = runner.invoke(cli, ["check", str(out)])
    assert checked.exit_code == 0, checked.output


@needs_planner
@pytest.mark.slow  # renders in every format (seconds); the slow run keeps it
def test_renderer_options_reach_the_renderer(runner, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    profile = yaml_profile(tmp_path, DANA)
    out = tmp_path / "letter.pdf"
    args = ["generate", str(profile), "-f", "pdf", "-O", "paper=letter", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert (round(box.width), round(box.height)) == (612, 792)  # US Letter in points
    bad = runner.invoke(cli, [*args[:-4], "-O", "paper=a5", "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code == 2 and "unknown paper 'a5'" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()
    malformed = runner.invoke(cli, ["generate", str(profile), "-O", "paper"])
    assert malformed.exit_code == 2 and "KEY=VALUE" in malformed.stderr
