"""The terminal look (gluteus.cli.terminal and the text renderer's ``terminal``
option): rich tables and colour in a terminal, plain text when piped or with
NO_COLOR, long output through the pager."""

from __future__ import annotations

import io
import os
import pty
import re

import pytest
from tiny_plugin import build, referral

from gluteus.cli import terminal
from gluteus.engine.view import (
    Bullets,
    Heading,
    Para,
    Table,
    blocks_to_ansi,
    document,
    view,
)
from gluteus.plugins.formats.renderers import render_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    return ANSI.sub("", text)


@pytest.fixture
def tty(monkeypatch):
    """Standard output is a terminal, 100 columns by 40 lines; no colour switches set."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(terminal, "is_terminal", lambda stream=None: True)
    monkeypatch.setattr(
        terminal.shutil, "get_terminal_size", lambda fallback=None: os.terminal_size((100, 40))
    )


@pytest.fixture
def piped(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(terminal, "is_terminal", lambda stream=None: False)


def test_is_terminal_reads_the_stream():
    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "w", closefd=False) as stream:
            assert terminal.is_terminal(stream)
        assert not terminal.is_terminal(io.StringIO())
    finally:
        os.close(master)
        os.close(slave)


def test_options_for_a_terminal_a_pipe_a_file_and_no_color(tty, monkeypatch):
    assert terminal.text_options() == {"terminal": True, "width": 100, "color": True}
    assert terminal.text_options("-") == terminal.text_options()
    assert terminal.text_options("program.txt") == {}  # a file always gets plain text
    monkeypatch.setenv("NO_COLOR", "1")
    assert terminal.text_options() == {}
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: only a non-empty value counts
    assert terminal.text_options() != {}
    monkeypatch.setenv("TERM", "dumb")
    assert terminal.text_options() == {}


def test_piped_is_plain_unless_forced(piped, monkeypatch):
    assert terminal.text_options() == {}
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert terminal.text_options()["terminal"] is True


def test_width_is_the_terminals_within_bounds(monkeypatch):
    for columns, expected in ((40, 60), (100, 100), (300, 120)):
        monkeypatch.setattr(
            terminal.shutil,
            "get_terminal_size",
            lambda fallback=None, c=columns: os.terminal_size((c, 40)),
        )
        assert terminal.width() == expected


def test_the_terminal_look_has_the_same_content_as_plain_text():
    program = build()
    rich_text = render_text(program, {"terminal": True, "width": 100})
    assert ANSI.search(rich_text), "colour and bold in a terminal"
    shown = plain(rich_text)
    assert "─" in shown  # rules under headings, lines under table headers
    for session in view(program).sessions:
        assert session.title in shown
        for ex in session.exercises:
            assert re.search(
                rf"{ex.index}\s+{re.escape(ex.name)}\s+{re.escape(ex.dose)}\s+{ex.side}", shown
            )
    assert "Why it matters: Your glutes are off the clock." in shown
    assert max(len(line) for line in shown.splitlines()) <= 100


def test_no_colour_keeps_the_layout_without_escape_codes():
    out = render_text(build(), {"terminal": True, "width": 90, "color": False})
    assert not ANSI.search(out.replace("\x1b[0m", ""))  # at most resets
    assert "Session 1: Monday 2026-12-07 (20 min)" in out


def test_plain_text_is_unchanged_without_the_option():
    program = build()
    assert render_text(program, {}) == render_text(program, None)
    assert not ANSI.search(render_text(program, {}))


def test_text_in_brackets_is_not_read_as_markup():
    out = blocks_to_ansi([Para("Ekstrom 2007 [R]; [bold]not bold[/bold]")], width=80)
    assert "Ekstrom 2007 [R]; [bold]not bold[/bold]" in plain(out)


def test_referral_in_the_terminal_is_red():
    out = render_text(referral(), {"terminal": True, "width": 80})
    assert "\x1b[1;31m" in out and "No program: see a clinician first" in plain(out)


def test_page_uses_the_pager_only_for_long_output_on_a_terminal(tty, monkeypatch, capsys):
    paged = []
    monkeypatch.setattr(terminal.click, "echo_via_pager", lambda text, **kw: paged.append(text))
    terminal.page("short\n")
    assert paged == [] and capsys.readouterr().out == "short\n"
    long_text = "\n".join(f"line {i}" for i in range(100)) + "\n"
    terminal.page(long_text)
    assert paged == [long_text] and capsys.readouterr().out == ""


def test_page_never_pages_a_pipe(piped, monkeypatch, capsys):
    monkeypatch.setattr(terminal.click, "echo_via_pager", lambda *a, **k: pytest.fail("paged"))
    long_text = "\n".join(f"line {i}" for i in range(100))
    terminal.page(long_text)
    assert capsys.readouterr().out == long_text + "\n"


def test_emit_writes_files_whole_and_pipes_as_they_are(piped, tmp_path, capsys):
    target = tmp_path / "out.txt"
    terminal.emit("hello\n", str(target))
    assert target.read_text() == "hello\n"
    terminal.emit("to the pipe\n", None)
    assert capsys.readouterr().out == "to the pipe\n"


def test_show_blocks_rich_in_a_terminal_plain_when_piped(tty, monkeypatch, capsys):
    blocks = [
        Heading(2, "Exercises"),
        Table(("id", "name"), (("clamshell", "Clamshell"),), (False, False)),
        Bullets(("one",)),
    ]
    terminal.show(blocks, plain="id  name\nclamshell  Clamshell\n")
    out = capsys.readouterr().out
    assert ANSI.search(out) and "Clamshell" in plain(out)
    monkeypatch.setattr(terminal, "is_terminal", lambda stream=None: False)
    terminal.show(blocks, plain="id  name\nclamshell  Clamshell\n")
    assert capsys.readouterr().out == "id  name\nclamshell  Clamshell\n"
    terminal.show(blocks)  # without a plain version: the blocks as plain text
    assert capsys.readouterr().out.startswith("Exercises\n---------\n")


def test_console_is_plain_when_piped(piped):
    console = terminal.console()
    assert console.no_color and not console.is_terminal


def test_document_accepts_the_view():
    program = build()
    assert document(view(program)) == document(program)
