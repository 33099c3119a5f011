"""The text, Markdown and JSON renderers, on hand-built programs (tests/tiny_plugin.py)."""

from __future__ import annotations

import json

import attrs
import pytest
from tiny_plugin import PROFILE, build, referral, rx

from gluteus.engine.api import render
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry
from gluteus.engine.view import document
from gluteus.plugins import formats
from gluteus.plugins.formats.renderers import (
    RENDERERS,
    render_json,
    render_markdown,
    render_text,
)
from gluteus.schemas import program_validator


@pytest.fixture(scope="module")
def program():
    return build()


def test_the_plugin_contributes_text_markdown_and_json():
    assert [r.format for r in RENDERERS] == ["text", "markdown", "json"]
    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[formats])
    assert sorted(build_registry(pm).renderers) == ["json", "markdown", "text"]
    assert {r.format: r.extension for r in RENDERERS} == {
        "text": "txt",
        "markdown": "md",
        "json": "json",
    }
    assert not any(r.binary for r in RENDERERS)


def test_api_render_uses_the_registered_renderers(program):
    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[formats])
    assert render(program, "markdown", plugins=pm) == render_markdown(program, {})
    assert render(program, "json", plugins=pm) == render_json(program, {})


def test_json_is_to_dict_byte_for_byte(program):
    out = render_json(program, {})
    assert out == json.dumps(program.to_dict(), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(out) == program.to_dict()
    assert render_json(build(), {}) == out  # the same program, the same bytes
    assert list(program_validator().iter_errors(json.loads(out))) == []


def test_json_keeps_non_ascii_readable():
    program = build(attrs.evolve(PROFILE, name="Zoë"))
    assert '"name": "Zoë"' in render_json(program, {})


def flat(text: str) -> str:
    """Whitespace collapsed, so assertions do not depend on where lines wrap."""
    return " ".join(text.split())


def test_text_has_every_part_a_person_needs(program):
    text = render_text(program, {})
    assert text.startswith("Glute program for Tess\n======================\n")
    assert "6 weeks, 2 sessions a week (Monday, Thursday), up to 30 minutes each" in text
    assert "Starts Monday 2026-12-07." in text
    assert "Equipment: mini band, step and bodyweight." in text
    # Findings and why each matters, with the evidence caveat.
    assert "Glutes switched off: moderate" in text
    assert "Why it matters: Your glutes are off the clock." in text
    assert "What the program does: Activation opens every session." in text
    assert "Evidence: weak or conflicting evidence. Expert opinion only." in text
    assert "Weaker side: left" in text
    assert "Signs you noticed: knees cave in" in text
    # Safety rules that apply.
    assert (
        "- Activation opens each session, before anything loaded. (inhibition-activation-first;"
        " evidence: practice convention or expert opinion, no trial behind it)" in flat(text)
    )
    # Phases, weeks, sessions, tables and cues.
    assert "Activate  1–2    Switch the glutes on." in text
    assert "Week 4: Strength (deload: a lighter week to recover)" in text
    assert "Session 2: Thursday 2026-12-10 (19.5 min)" in text
    assert "#  Exercise          Sets × reps/hold  Side       Load        Rest  Min" in text
    assert "1  Clamshell         2 × 12            each side  bodyweight  45 s    4" in text
    assert "2  Standing squeeze  2 × 10 s hold     both       bodyweight  45 s    4" in text
    assert "3  Band walk         2 × 12            both       light band  45 s  6.5" in text
    assert "Cues:\n  - Clamshell: clamshell cue (tempo 2-1-2)" in text
    assert "Exercise guide" in text
    assert "Watch for: band_walk fault" in text
    # Plain text: no Markdown syntax.
    assert "|" not in text and "#" not in text.replace("#  Exercise", "")


def test_text_wraps_long_lines(program):
    for line in render_text(program, {}).splitlines():
        if not line.startswith(("#", " ", "-")) and "  " not in line.strip():
            assert len(line) <= 78, line


def test_safety_notes_and_stop_signs_are_shown():
    pregnant = attrs.evolve(
        PROFILE,
        precautions=("pregnancy",),
        pregnancy_trimester=2,
        pain=attrs.evolve(PROFILE.pain, knee=4),
    )
    text = render_text(build(pregnant), {})
    assert "Stop and get advice if:\n  - bleeding\n  - dizziness" in text
    assert "Pain monitoring and notes: - Pain during exercise: 0-3/10 is fine" in flat(text)
    assert "No lying on the back or front after the first trimester. (pregnancy-no-supine" in flat(
        text
    )


def test_no_dates_without_a_start():
    text = render_text(build(attrs.evolve(PROFILE, start=None)), {})
    assert "Session 1: Monday (19.5 min)" in text
    assert "Starts" not in text


def test_no_issue_found_says_so():
    text = render_text(build(attrs.evolve(PROFILE, signs=())), {})
    assert "No issue was found." in text
    assert "Also screened, nothing found: Glutes switched off, Knees cave in." in text


def test_warnings_are_shown_near_the_top():
    program = attrs.evolve(build(), warnings=("Not enough time for knees in week 2.",))
    text = render_text(program, {})
    assert text.index("Warnings") < text.index("What your glutes are telling you")
    assert "  - Not enough time for knees in week 2." in text


def test_markdown_tables_and_headings(program):
    md = render_markdown(program, {})
    assert md.startswith("# Glute program for Tess\n")
    assert "## Week 1: Activate\n" in md
    assert "### Session 1: Monday 2026-12-07 (19.5 min)\n" in md
    assert "| # | Exercise | Sets × reps/hold | Side | Load | Rest | Min |\n" in md
    assert "| ---: | --- | --- | --- | --- | ---: | ---: |\n" in md
    assert "| 3 | Band walk | 2 × 12 | both | light band | 45 s | 6.5 |\n" in md
    assert "- Clamshell: clamshell cue (tempo 2-1-2)\n" in md


def test_markdown_escapes_table_cells():
    program = build()
    week = program.weeks[0]
    odd = rx("clamshell", name="Clam | shell", load="band | light")
    session = attrs.evolve(week.sessions[0], exercises=(odd, *week.sessions[0].exercises[1:]))
    program = attrs.evolve(
        program, weeks=(attrs.evolve(week, sessions=(session, *week.sessions[1:])),)
    )
    md = render_markdown(program, {})
    assert "| 1 | Clam \\| shell | 2 × 12 | each side | band \\| light | 45 s | 4 |" in md


def test_referral_renders_as_the_referral():
    ref = referral()
    for out in (render_text(ref, {}), render_markdown(ref, {})):
        assert "No program: see a clinician first" in out
        assert "Possible cauda equina syndrome." in out
        assert "Urgency: emergency: get help now" in out
        assert "See: emergency department" in out
        assert "Week" not in out
    assert json.loads(render_json(ref, {}))["status"] == "referral"


def test_text_and_markdown_agree_on_content(program):
    """Both come from one document: every table row's exercise is in both."""
    blocks = document(program)
    text, md = render_text(program, {}), render_markdown(program, {})
    for block in blocks:
        if hasattr(block, "text"):
            first = block.text.split()[0]
            assert first in text and first in md


def test_renderers_accept_a_program_dict(program):
    data = program.to_dict()
    assert render_text(data, {}) == render_text(program, {})
    assert render_json(data, {}) == render_json(program, {})


def test_a_modules_evidence_caveat_is_said_once():
    """A finding whose notes carry the caveat does not repeat the issue's note too."""
    from gluteus.engine.view import view

    data = build().to_dict()
    issue = data["findings"][0]["issue"]
    data["issues"][issue]["evidence_note"] = "Rests on a hunch."
    assert view(data).findings[0].evidence_note == "Rests on a hunch."
    data["findings"][0]["notes"] = ["Evidence is very weak: a hunch only."]
    assert view(data).findings[0].evidence_note is None
    assert render_text(data, {}).count("hunch") == 1
