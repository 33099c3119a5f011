"""Every command fits an 80-column terminal: ``COLUMNS=80`` (or a pipe, which gets 80)
and no line is longer, with words never broken; long text goes under its row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from gluteus.cli import cli
from gluteus.engine import pluginmanager

ROOT = Path(__file__).resolve().parent.parent
DANA = str(ROOT / "profiles" / "dana.yaml")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def builtin_plugins(monkeypatch):
    original = pluginmanager.make_plugin_manager
    monkeypatch.setattr(
        pluginmanager, "make_plugin_manager", lambda **kw: original(entrypoints=False)
    )


COMMANDS = {
    "generate": ["generate", DANA],
    "exercises": ["exercises"],
    "exercise": ["exercises", "clamshell"],
    "exercises-profile": ["exercises", "--profile", str(ROOT / "profiles" / "pregnancy.yaml")],
    "plugins": ["plugins"],
    "screen": ["screen", DANA],
    "screen-pregnancy": ["screen", str(ROOT / "profiles" / "pregnancy.yaml")],
    "screen-referral": ["screen", str(ROOT / "profiles" / "red_flag.yaml")],
    "help": ["--help"],
    "generate-help": ["generate", "--help"],
    "exercises-help": ["exercises", "--help"],
    "init-help": ["init", "--help"],
}


def long_lines(text: str, width: int) -> list[str]:
    return [line for line in ANSI.sub("", text).splitlines() if len(line) > width]


@pytest.mark.parametrize("args", list(COMMANDS.values()), ids=list(COMMANDS))
def test_no_line_over_80_columns(args):
    result = CliRunner(env={"COLUMNS": "80", "NO_COLOR": None, "FORCE_COLOR": None}).invoke(
        cli, args
    )
    assert result.exit_code in (0, 3), result.output
    assert result.stdout.strip()
    assert long_lines(result.stdout, 80) == []


def test_a_pipe_without_columns_gets_80():
    result = CliRunner(env={"COLUMNS": None}).invoke(cli, ["exercises"])
    assert result.exit_code == 0
    assert long_lines(result.stdout, 80) == []


def test_a_wider_columns_is_used():
    narrow = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["exercises"]).stdout
    wide = CliRunner(env={"COLUMNS": "160"}).invoke(cli, ["exercises"]).stdout
    assert long_lines(wide, 160) == []
    assert max(len(line) for line in wide.splitlines()) > 80
    assert len(wide.splitlines()) < len(narrow.splitlines())  # more fits in a row


def test_generate_puts_the_load_under_each_row_and_keeps_words_whole():
    out = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["generate", DANA]).stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("#  Exercise"))
    assert "Load" not in lines[header]  # too long for a column at 80
    assert lines[header + 3].lstrip().startswith("Load: ")
    assert "Sets × reps" in lines[header] and "Min" in lines[header]
    for line in lines:
        if set(line.strip()) <= {"-", "=", " "}:
            continue  # rules under headings and table headers
        for word in line.split():
            assert len(word) < 40, line
    # No column squeezed into single letters: every exercise name is in a row whole
    # or wrapped between words.
    assert not [line for line in lines if re.fullmatch(r"\s+\S{1,2}", line)]


def test_exercises_keeps_ids_and_names_in_the_row_and_the_rest_under_it():
    out = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["exercises"]).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name"]
    row = next(i for i, line in enumerate(lines) if line.startswith("clamshell "))
    assert "Clamshell" in lines[row]
    under = " ".join(" ".join(lines[row + 1 : row + 3]).split())
    assert "role: activation" in under and "issues: inhibition, knees, tightness" in under
    assert out.rstrip().endswith("exercises")


def test_plugins_wraps_at_word_boundaries():
    out = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["plugins"]).stdout
    words = set(re.findall(r"register_[a-z_]+", out))
    assert {"register_exercises", "register_safety_rules", "register_sources"} <= words
    for line in out.splitlines():
        assert not line.rstrip().endswith(("register_", "regis"))


def test_help_shows_whole_summaries():
    out = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["--help"]).stdout
    commands = out.split("Commands:", 1)[1]
    assert "..." not in commands
    for name in ("cheatsheet", "check", "exercises", "generate", "init", "plugins", "screen"):
        assert re.search(rf"^  {name}\s+\S", commands, re.M), name
