"""The Glute Activation Cheat Sheet: one page, the person's activation drills with
cues and dose, when to do them, the pain traffic light and their stop signs; and
the ``gluteus cheatsheet`` command that writes it."""

from __future__ import annotations

import io
import json

import attrs
import click
import pytest
from click.testing import CliRunner
from tiny_plugin import PROFILE, TinyPlugin, build, referral, rx

from gluteus.cli import cli
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.engine.errors import ReferralRequired
from gluteus.plugins import basics, documents, formats
from gluteus.plugins.documents.commands import cheatsheet
from gluteus.plugins.documents.pdf_doc import render_cheatsheet

pypdf = pytest.importorskip("pypdf")


def read(data: bytes):
    return pypdf.PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in read(data).pages).split())


PREGNANT = attrs.evolve(PROFILE, precautions=("pregnancy",), pregnancy_trimester=2)


def test_one_page_with_the_drills_when_and_the_traffic_light():
    data = render_cheatsheet(build(), {})
    assert len(read(data).pages) == 1
    text = text_of(data)
    assert text.startswith("Glute Activation Cheat Sheet for Tess")
    assert "Before every session:" in text and "Before lifting:" in text
    # The program's activation drills (clamshell, standing squeeze), not its strength
    # work, each with the weeks it applies to.
    for part in (
        "Which drills when Weeks 1–6 Clamshell, Standing squeeze",
        "Clamshell (weeks 1–6) Dose: 2 × 12, weeks 1–6; each side; rest 45 s",
        "Cues: clamshell cue",
        "Watch for: clamshell fault",
        "Standing squeeze (weeks 1–6) Dose: 2 × 10 s hold",
    ):
        assert part in text, part
    assert "Band walk" not in text and "Lateral step up" not in text
    assert "deload" not in text and "Effort" not in text  # six weeks, no effort given
    for zone in ("Green: 0–3/10", "Amber: 4–5/10", "Red: over 5/10"):
        assert zone in text
    assert "Silbernagel 2007" in text
    assert "No condition-specific stop signs apply to you" in text


def test_a_drills_deload_dose_effort_and_extra_sets():
    program = build(attrs.evolve(PROFILE, schedule=attrs.evolve(PROFILE.schedule, weeks=8)))
    data = program.to_dict()
    for week in data["weeks"]:
        for session in week["sessions"]:
            ex = session["exercises"][0]  # the clamshell
            ex["effort"] = {"rpe": [1, 3] if week["deload"] else [3, 5], "rm": None, "rir": None}
            ex["extra"] = None if week["deload"] else {"side": "left", "sets": 1}
    text = text_of(render_cheatsheet(data, {}))
    for part in (
        "Clamshell (weeks 1–8) Dose: 2 × 12, weeks 1–8; 1 × 12 in deload weeks; each side; "
        "rest 45 s",
        "Extra sets: + 1 set left, after the sets for each side, except in deload weeks",
        "Effort: RPE 3–5; RPE 1–3 in deload weeks",
    ):
        assert part in text, part


def test_the_weeks_each_drill_applies_to():
    """Drills that change over the program: the sheet says which to do in which weeks."""
    program = build()
    weeks = []
    for week in program.weeks:
        drill = rx("clamshell") if week.number <= 2 else rx("glute_bridge", name="Banded bridge")
        session = attrs.evolve(week.sessions[0], exercises=(drill, *week.sessions[0].exercises[1:]))
        weeks.append(attrs.evolve(week, sessions=(session, *week.sessions[1:])))
    text = text_of(render_cheatsheet(attrs.evolve(program, weeks=tuple(weeks)), {}))
    assert "Weeks 1–2 Clamshell, Standing squeeze" in text
    assert "Weeks 3–6 Banded bridge, Standing squeeze" in text
    assert "Clamshell (weeks 1–6)" in text  # it stays in the second session each week
    assert "Banded bridge (weeks 3–6)" in text


def test_the_type_is_as_large_as_fits():
    """A short sheet is set larger than a long one; both fill one page."""
    from gluteus.engine.view import view
    from gluteus.plugins.documents.pdf_doc import SCALES, _cheatsheet

    v = view(build())
    short = render_cheatsheet(build(), {})
    assert len(read(short).pages) == 1
    chosen = next(s for s in SCALES if _cheatsheet(v, "A4", s, None).output_bytes() == short)
    assert chosen > 1.0  # larger than the base type: the page has room
    bigger = [s for s in SCALES if s > chosen]
    if bigger:  # ... and the next size up would not fit
        assert _cheatsheet(v, "A4", min(bigger), None).pages_count > 1
    assert "Cues: clamshell cue" in text_of(short)


def test_stop_signs_are_the_persons():
    text = text_of(render_cheatsheet(build(PREGNANT), {}))
    assert "Your stop signs: stop and get advice if • bleeding • dizziness" in text


@pytest.mark.slow  # seconds of PDF rendering; the slow run keeps it
def test_a4_letter_and_the_same_bytes_twice():
    program = build()
    a4 = read(render_cheatsheet(program, {})).pages[0].mediabox
    letter = read(render_cheatsheet(program, {"paper": "letter"})).pages[0].mediabox
    assert (float(a4.width), float(a4.height)) == pytest.approx((595.28, 841.89))
    assert (float(letter.width), float(letter.height)) == pytest.approx((612, 792))
    assert render_cheatsheet(program, {}) == render_cheatsheet(build(), {})


@pytest.mark.slow  # seconds of PDF rendering; the slow run keeps it
def test_many_long_drills_still_fit_on_one_page():
    program = build()
    long_cue = "Keep the pelvis still and the ribs down while the knee opens slowly " * 2
    drills = tuple(
        rx("clamshell", id=f"drill_{i}", name=f"Drill {i}", cues=(long_cue,) * 4)
        for i in range(1, 16)
    )
    week = program.weeks[0]
    session = attrs.evolve(week.sessions[0], exercises=drills)
    program = attrs.evolve(program, weeks=(attrs.evolve(week, sessions=(session,)),))
    data = render_cheatsheet(program, {})
    assert len(read(data).pages) == 1
    text = text_of(data)
    assert "Drill 1 " in text and "Drill 15 " in text and "Red: over 5/10" in text


def test_referral_sheet_says_no_program():
    text = text_of(render_cheatsheet(referral(), {}))
    assert "No program: see a clinician first" in text
    assert "Possible cauda equina syndrome." in text


# --- the command ------------------------------------------------------------------


def test_the_plugin_adds_the_command_through_register_commands():
    group = click.Group()
    documents.register_commands(cli=group)
    assert group.commands["cheatsheet"] is cheatsheet


@pytest.fixture
def command(monkeypatch, tmp_path):
    """`gluteus cheatsheet` with the tiny plugin and a stand-in planner."""
    original = pluginmanager_module.make_plugin_manager
    monkeypatch.setattr(
        pluginmanager_module,
        "make_plugin_manager",
        lambda **kw: original(
            defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), formats, documents]
        ),
    )
    monkeypatch.setattr(api, "generate", lambda profile, seed=None, plugins=None: build(profile))
    monkeypatch.setitem(cli.commands, "cheatsheet", cheatsheet)
    path = tmp_path / "tess.json"
    path.write_text(json.dumps(PROFILE.to_dict()))
    return path


@pytest.mark.slow  # seconds of PDF rendering; the slow run keeps it
def test_command_writes_the_pdf(command, tmp_path):
    out = tmp_path / "sheet.pdf"
    result = CliRunner().invoke(
        cli, ["cheatsheet", str(command), "-o", str(out), "--paper", "letter"]
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data == render_cheatsheet(build(), {"paper": "letter"})
    assert len(read(data).pages) == 1


def test_command_red_flag_exits_3_and_writes_the_referral(command, monkeypatch, tmp_path):
    ref = referral()

    def refuse(profile, *, seed=None, plugins=None):
        raise ReferralRequired(ref.referrals, result=ref)

    monkeypatch.setattr(api, "generate", refuse)
    out = tmp_path / "sheet.pdf"
    result = CliRunner().invoke(cli, ["cheatsheet", str(command), "-o", str(out)])
    assert result.exit_code == 3
    assert "saddle_numbness (emergency)" in result.stderr
    text = text_of(out.read_bytes())  # the sheet is the referral, to take along
    assert "No program: see a clinician first" in text and "Cauda" not in text.split("Why:")[0]
    assert "Possible cauda equina syndrome." in text


def test_command_bad_output_folder_is_bad_input(command, tmp_path):
    result = CliRunner().invoke(
        cli, ["cheatsheet", str(command), "-o", str(tmp_path / "no" / "x.pdf")]
    )
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_command_help_names_the_exit_codes():
    # Through the group, as a person runs it: click keeps a command's help option from
    # its first use, so a bare invoke here would drop `-h` from every later help page.
    result = CliRunner().invoke(cli, ["cheatsheet", "--help"])
    assert result.exit_code == 0
    assert "3 a red flag" in " ".join(result.output.split())
