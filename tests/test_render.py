"""The text, Markdown and JSON renderers, on hand-built programs (tests/tiny_plugin.py)."""

from __future__ import annotations

import json

import attrs
import pytest
from tiny_plugin import PROFILE, build, referral, rx

from gluteus.engine.api import render
from gluteus.engine.errors import ProfileError
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.program import Extra
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

LONG = attrs.evolve(PROFILE, schedule=attrs.evolve(PROFILE.schedule, weeks=8))
"""Eight weeks: long enough for a deload (week 5, after two strength weeks); six weeks or
fewer have none."""


@pytest.fixture(scope="module")
def program():
    return build()


def exercises(data):
    """Every exercise entry of a program dict."""
    return [ex for week in data["weeks"] for s in week["sessions"] for ex in s["exercises"]]


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
    # Findings and why each matters, with the evidence caveat in plain words.
    assert "Glutes switched off: moderate" in text
    assert "Why it matters: Your glutes are off the clock." in text
    assert "What the program does: Activation opens every session." in text
    assert "Evidence: weak: little or mixed research. Expert opinion only." in text
    assert "Weaker side: left" in text
    assert "Signs you noticed: knees cave in" in text
    # Safety rules that apply: in words, with the evidence and the source, no rule id.
    assert (
        "- Activation opens each session, before anything loaded. Evidence: common practice: "
        "experts use it, but no trial has tested it (Tiny)." in flat(text)
    )
    assert "inhibition-activation-first" not in text
    # Phases, weeks, sessions and tables: the dose and its side in one column, whole
    # minutes (19.5 rounds up to 20 for the session, 6.5 to 7 for an exercise).
    assert "Activate and control  1–2\n  Goal: Switch the glutes on and own" in text
    assert "Build strength        3–6\n" in text
    # Six weeks have no deload, and the phase's note says why.
    assert "deload: a lighter week" not in text
    assert "Deload weeks - No deload week: at 6 weeks the program ends before one is due" in flat(
        text
    )
    assert "Session 2: Thursday 2026-12-10 (20 min)" in text
    assert "#  Exercise          Sets × reps       Rest  Min  Load" in text
    assert "1  Clamshell         2 × 12 each side  45 s    4  bodyweight" in text
    assert "2  Standing squeeze  2 × 10 s hold     45 s    4  bodyweight" in text
    assert "3  Band walk         2 × 12            45 s    7  light band" in text
    assert "19.5" not in text and "6.5" not in text
    # Cues are said once, in the exercise guide, which the sessions point to.
    assert "see the exercise guide" in text
    assert text.count("clamshell cue") == 1
    guide = text.split("Exercise guide\n", 1)[1]
    assert "Clamshell\n  - Why: Why clamshell." in guide
    assert "  - Cues: clamshell cue" in guide and "  - Tempo: 2-1-2" in guide
    assert "  - When: weeks 1–6" in guide
    # A hold has no lifting and lowering to time: no tempo on its card.
    squeeze = guide.split("Standing squeeze\n", 1)[1].split("\n\n", 1)[0]
    assert "Dose: 2 × 10 s hold" in squeeze and "Tempo" not in squeeze
    assert "Set-up: Lying on your side; side-to-side and turning movement" in flat(guide)
    assert "Watch for: band walk fault" in flat(guide)
    # Every term used is explained once, at the end.
    glossary = text.split("Words used in this program\n", 1)[1]
    for term in ("Sets × reps:", "Tempo:", "Deload:", "Each side:", "Min:"):
        assert glossary.count(term) == 1, term
    assert "RPE:" not in glossary  # the tiny program never says RPE
    # Plain text: no Markdown syntax.
    assert "|" not in text and "#" not in text.replace("#  Exercise", "")


def test_a_deload_week_is_marked_and_its_lighter_dose_said():
    text = render_text(build(LONG), {})
    assert "Week 5: Build strength (deload: a lighter week to recover)" in text
    assert "Week 4: Build strength\n" in text and "Week 6: Power and function\n" in text
    assert "Deload weeks - Week 5: a deload, with fewer sets and an easier effort" in flat(text)
    assert "No deload week" not in text
    guide = flat(text.split("Exercise guide", 1)[1])
    assert "Dose: 2 × 12, weeks 1–8; 1 × 12 in deload weeks; rest 45 s" in guide
    glossary = text.split("Words used in this program\n", 1)[1]
    assert glossary.count("Deload:") == 1


def test_text_fits_its_width(program):
    for width in (78, 60, 100):
        text = render_text(program, {"width": width})
        assert max(len(line) for line in text.splitlines()) <= width, width
    with pytest.raises(ProfileError):
        render_text(program, {"width": "wide"})


def test_a_table_too_wide_puts_long_text_under_its_row():
    long_load = "Bodyweight or a light-to-medium band; stop 2-3 reps short of failure (RPE 6-7)"
    program = build()
    week = program.weeks[0]
    odd = rx("lateral_step_up", name="Lateral band walk, band at the knees", load=long_load)
    session = attrs.evolve(week.sessions[0], exercises=(odd,))
    program = attrs.evolve(program, weeks=(attrs.evolve(week, sessions=(session,)),))
    lines = render_text(program, {"width": 60}).splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("1  Lateral band"))
    assert lines[row + 1].startswith("   ") and "knees" in lines[row + 1]  # the name wraps
    under = " ".join(line.strip() for line in lines[row + 1 : row + 5])
    assert f"Load: {long_load}" in under
    assert all(len(line) <= 60 for line in lines)
    # No column is squeezed into letters: every word of the name is whole.
    assert not any(line.strip() in ("L", "a", "t") for line in lines)


def test_safety_notes_stop_signs_and_the_traffic_light_are_shown():
    pregnant = attrs.evolve(
        PROFILE,
        precautions=("pregnancy",),
        pregnancy_trimester=2,
        pain=PROFILE.pain.replace(knee=4),
    )
    for draw in (render_text, render_markdown):
        text = flat(draw(build(pregnant), {}))
        assert "Stop and get advice if: - bleeding - dizziness" in text
        assert "Pain during exercise: 0-3/10 is fine" in text
        assert "No lying on the back or front after the first trimester." in text
        assert "pregnancy-no-supine" not in text
        assert "Pain monitoring: the traffic light" in text
        assert "Rate pain 0–10 during each exercise" in text
        # Knee pain of 4/10 is already amber: green is read against it.
        for zone in (
            "Green (no more than your usual pain, knee 4/10; elsewhere 0–3/10): safe",
            "Amber (above your usual up to 5/10",
            "Red (over 5/10): too much",
        ):
            assert zone in text, zone


def test_whatever_the_program_lists_as_stop_signs_is_shown():
    data = build().to_dict()
    data["safety"]["stop_signs"] = ["Chest pain or pressure", "Sudden sharp pain"]
    for draw in (render_text, render_markdown):
        out = draw(data, {})
        assert "Chest pain or pressure" in out and "Sudden sharp pain" in out


def test_no_dates_without_a_start():
    text = render_text(build(attrs.evolve(PROFILE, start=None)), {})
    assert "Session 1: Monday (20 min)" in text
    assert "Starts" not in text


def test_effort_extra_sets_family_and_load_type_when_present():
    """Fields of an exercise: each shown in words when there."""
    data = build().to_dict()
    ex = data["weeks"][0]["sessions"][0]["exercises"][0]
    ex.update(
        sets=3,
        reps=10,
        load="Bodyweight or a band; 8-12RM, 2-3 reps in reserve (effort 6-7/10)",
        effort={"rpe": [6, 7], "rm": [8, 12], "rir": [2, 3]},
        extra={"side": "left", "sets": 1},
        family="single_leg_rdl",
        load_type="band",
    )
    text = render_text(data, {"width": 160})
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("1  Clamshell"))
    assert "3 × 10 each side + 1 set left" in lines[row]
    # The load says what to use, the effort how hard: the engine's effort words in the
    # load are not said twice.
    assert (
        lines[row].rstrip().endswith("Bodyweight or a band  RPE 6–7, 8–12RM, 2–3 reps in reserve")
    )
    assert "effort 6-7/10" not in text
    # Narrower, both go under the row, each on a line of its own.
    narrow = render_text(data, {}).splitlines()
    row = next(i for i, line in enumerate(narrow) if line.startswith("1  Clamshell"))
    assert narrow[row + 1 : row + 3] == [
        "   Load: Bodyweight or a band",
        "   Effort: RPE 6–7, 8–12RM, 2–3 reps in reserve",
    ]
    guide = flat(text.split("Exercise guide", 1)[1])
    assert "Extra sets: + 1 set left, after the sets for each side, week 1" in guide
    # Only week 1 has the effort, and the card says so.
    assert (
        "Load: Bodyweight or a band - Effort: week 1: RPE 6–7, 8–12RM, 2–3 reps in reserve" in guide
    )
    assert "Kind of load: a resistance band" in guide
    assert "Movement family: Single-leg Romanian deadlift" in guide
    glossary = text.split("Words used in this program", 1)[1]
    for term in ("RPE:", "RM:", "Reps in reserve:", "Extra sets:", "Movement family:"):
        assert glossary.count(term) == 1, term
    assert "Talk test:" not in glossary
    md = render_markdown(data, {})
    assert "| 3 × 10 each side + 1 set left |" in md
    assert "| Effort |" in md and "| RPE 6–7, 8–12RM, 2–3 reps in reserve |" in md
    # Only the first session has an effort column: the others' exercises have none.
    assert md.count("| Effort |") == 1


def test_nothing_is_invented_when_the_fields_are_absent():
    """A program without effort, extra sets, family or kind of load (stripped from every
    exercise, or empty) shows none of them and explains none of their words."""
    for strip in ("absent", "empty"):
        data = build().to_dict()
        for ex in exercises(data):
            if strip == "absent":
                for key in ("effort", "extra", "family", "load_type"):
                    del ex[key]
            else:
                ex.update(effort={"rpe": None, "rm": None, "rir": None}, extra=None, family="")
                del ex["load_type"]
        for out in (render_text(data, {}), render_markdown(data, {})):
            for word in ("Effort", "Kind of load", "family", "Extra sets", "RPE", "+ 1 set"):
                assert word not in out, (strip, word)
    # ... and the same program with them says them (the check above can fail).
    plain = render_text(build(), {})
    assert "Kind of load: your bodyweight" in plain and "Movement family: Clamshell" in plain


def test_an_effort_capped_by_feel_says_the_talk_test():
    data = build().to_dict()
    for ex in exercises(data):
        ex.update(
            load="Light; moderate effort: you can talk but not sing (effort 5-6/10)",
            effort={"rpe": [5, 6], "rm": None, "rir": None},
        )
    text = render_text(data, {"width": 120})
    assert "RPE 5–6 (talk test: you can talk but not sing)" in text
    assert "moderate effort: you can talk" not in text and "effort 5-6/10" not in text
    row = next(line for line in text.splitlines() if line.startswith("1  Clamshell"))
    assert "  Light  " in row
    glossary = text.split("Words used in this program", 1)[1]
    assert "Talk test:" in glossary and "RPE:" in glossary
    assert "Reps in reserve:" not in glossary and "RM:" not in glossary


def test_a_stretch_shows_no_effort():
    """How hard a stretch feels is not its point: its load says gentle and pain-free."""
    data = build().to_dict()
    ex = data["weeks"][0]["sessions"][0]["exercises"][0]
    ex.update(
        role="mobility",
        load="Gentle, no pain; effort 2-3/10",
        effort={"rpe": [2, 3], "rm": None, "rir": None},
    )
    text = render_text(data, {"width": 120})
    assert "Gentle, no pain" in text
    assert "RPE" not in text and "effort 2-3/10" not in text and "Effort" not in text


def test_a_cards_effort_follows_the_weeks():
    data = build(LONG).to_dict()
    for week in data["weeks"]:
        for ex in exercises({"weeks": [week]}):
            if week["deload"]:
                rpe = [4, 5]
            elif week["number"] <= 2:
                rpe = [5, 6]
            else:
                rpe = [6, 7]
            ex["effort"] = {"rpe": rpe, "rm": None, "rir": None}
    guide = flat(render_text(data, {}).split("Exercise guide", 1)[1])
    assert "Effort: weeks 1–2: RPE 5–6; weeks 3–8: RPE 6–7; RPE 4–5 in deload weeks" in guide


def test_no_issue_found_says_so():
    text = render_text(build(attrs.evolve(PROFILE, signs=())), {})
    assert "No issue was found." in text
    assert "Also screened, nothing found: Glutes switched off, Knees cave in." in text


def test_warnings_are_shown_near_the_top():
    program = attrs.evolve(build(), warnings=("Not enough time for knees in week 2.",))
    text = render_text(program, {})
    assert text.index("Warnings") < text.index("What your glutes are telling you")
    assert "  - Not enough time for knees in week 2." in text


def test_engine_warnings_name_issues_and_rules_in_words():
    from gluteus.engine.program import engine_warning

    schedule = PROFILE.schedule
    demand = "knees work of frontal or transverse plane is needed every week (rule knees-3d)"
    program = attrs.evolve(
        build(),
        warnings=(
            engine_warning("below_floor", schedule, issue="knees", weeks=(3, 4), detail="1"),
            engine_warning("below_floor", schedule, issue="inhibition", weeks=(5,), detail="2"),
            engine_warning(
                "unmet", schedule, issue="knees", rule="knees-3d", weeks=(3,), detail=demand
            ),
            engine_warning("left_out", schedule, issue="inhibition", weeks=(6,)),
            "A note from the physio: knees first.",
        ),
    )
    for draw in (render_text, render_markdown):
        text = flat(draw(program, {}).replace("**", "").replace("\\", ""))
        warnings = text.split("Warnings", 1)[1].split("What your glutes", 1)[0]
        assert "Knees cave in gets only 1 hard set a week in weeks 3-4, fewer than the 4" in (
            warnings
        )
        assert "Glutes switched off gets only 2 hard sets a week in week 5" in warnings
        assert (
            "In week 3, what this rule asks for, “Frontal and transverse plane work every "
            "week”: the safety rules" in warnings
        )
        assert (
            "Glutes switched off is left out of week 6: its weekly work did not fit in 2 "
            "sessions of 30 minutes" in warnings
        )
        assert "A note from the physio: knees first." in warnings
        # No id and no "(s)" reaches the person.
        for raw in ("knees-3d", "knees gets", "inhibition", "(s)"):
            assert raw not in warnings, raw
    # The JSON keeps the engine's exact words and fields.
    data = json.loads(render_json(program, {}))
    assert data["warning_details"][0]["message"].startswith("knees gets only 1 hard set(s)")


def test_markdown_tables_headings_bold_labels_and_links(program):
    md = render_markdown(program, {})
    assert md.startswith("# Glute program for Tess\n")
    assert "## Week 1: Activate and control\n" in md
    assert "## Phases\n" in md and "### Deload weeks\n\n- No deload week: at 6 weeks" in md
    assert "### Session 1: Monday 2026-12-07 (20 min)\n" in md
    assert "| \\# | Exercise | Sets × reps | Rest | Min | Load |\n" in md
    assert "| ---: | --- | --- | ---: | ---: | --- |\n" in md
    assert "| 3 | [Band walk](#band-walk) | 2 × 12 | 45 s | 7 | light band |\n" in md
    assert "**Why it matters:** Your glutes are off the clock." in md
    assert "- **Signs you noticed:** barely feel glutes" in md
    # Cues once, in the guide the session rows link to; headings carry no ids.
    assert md.count("clamshell cue") == 1
    assert "### Band walk\n" in md and "(band_walk)" not in md
    assert "- **Cues:** clamshell cue" in md


def test_markdown_links_reach_the_right_heading_when_names_repeat():
    program = build()
    week = program.weeks[0]
    twin = rx("glute_bridge", name="Clamshell")  # a second exercise with the same name
    session = attrs.evolve(week.sessions[0], exercises=(*week.sessions[0].exercises, twin))
    program = attrs.evolve(program, weeks=(attrs.evolve(week, sessions=(session,)),))
    md = render_markdown(program, {})
    assert "[Clamshell](#clamshell)" in md and "[Clamshell](#clamshell-1)" in md
    assert md.count("### Clamshell\n") == 2


def test_markdown_escapes_table_cells():
    program = build()
    week = program.weeks[0]
    odd = rx("clamshell", name="Clam | shell", load="band | light")
    session = attrs.evolve(week.sessions[0], exercises=(odd, *week.sessions[0].exercises[1:]))
    program = attrs.evolve(program, weeks=(attrs.evolve(week, sessions=(session,)),))
    md = render_markdown(program, {})
    assert (
        "| 1 | [Clam \\| shell](#clam--shell) | 2 × 12 each side | 45 s | 4 | band \\| light |"
        in md
    )


@pytest.mark.parametrize(
    "name",
    [
        "[x](javascript:alert(1))",
        "![img](http://evil.example/x.png)",
        "<script>alert(1)</script>",
        "**bold** _it_ `code`",
        "# heading",
    ],
)
def test_markdown_escapes_the_persons_text(name):
    """A name (or any other text from the profile or a plugin) is text, never markup."""
    md = render_markdown(build(attrs.evolve(PROFILE, name=name)), {})
    title = md.splitlines()[0]
    assert title.startswith("# Glute program for ")
    for char in "[]<>*_`!#":
        if char in name:
            # Every markup character of the name is backslash-escaped.
            assert title.count(f"\\{char}") == name.count(char), char
    assert "<script>" not in md


def test_referral_renders_as_the_referral():
    ref = referral()
    for out in (render_text(ref, {}), render_markdown(ref, {})):
        plain = flat(out.replace("**", ""))
        assert "No program: see a clinician first" in plain
        assert "Saddle numbness" in plain
        assert "How urgently: emergency: get help now" in plain
        assert "Whom to see: emergency department" in plain
        assert "Why: Possible cauda equina syndrome." in plain
        assert "What you reported" in plain and "Age: 50" in plain
        assert "Take this page to the appointment" in plain
        assert "saddle_numbness" not in out and "Week" not in out
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


def test_weeks_are_said_as_runs():
    from gluteus.engine.view import weeks_span, weeks_words

    assert weeks_span([1, 2, 3, 4]) == "1–4"
    assert weeks_span([5, 1, 2, 3, 6, 7, 8]) == "1–3, 5–8"
    assert weeks_span([1, 3]) == "1, 3" and weeks_span([2]) == "2" and weeks_span([]) == ""
    assert weeks_words([3]) == "week 3" and weeks_words([1, 2, 4]) == "weeks 1–2, 4"


def test_a_narrow_table_wraps_a_dose_between_its_phrases():
    """'2 × 20 s hold', 'each side' and '+ 1 set left' each stay whole on a line."""
    program = build()
    week = program.weeks[0]
    odd = rx(
        "clamshell",
        name="Single-leg stance holding a counter",
        reps=None,
        hold_s=20,
        extra=Extra(side="left", sets=1),
    )
    session = attrs.evolve(week.sessions[0], exercises=(odd,))
    program = attrs.evolve(program, weeks=(attrs.evolve(week, sessions=(session,)),))
    for width in (50, 60, 78):
        lines = render_text(program, {"width": width}).splitlines()
        row = next(i for i, line in enumerate(lines) if line.startswith("1  Single-leg"))
        cell = " ".join(lines[row : row + 3])
        assert "2 × 20 s hold" in cell and "each side" in cell and "+ 1 set left" in cell
        assert all(len(line) <= width for line in lines)
        assert "\u00a0" not in "\n".join(lines)
    md = render_markdown(program, {})
    assert "| 2 × 20 s hold each side + 1 set left |" in md and "\u00a0" not in md


def test_a_deload_load_does_not_say_deload_twice():
    data = build(LONG).to_dict()
    deload = next(w for w in data["weeks"] if w["deload"])
    for ex in exercises({"weeks": [deload]}):
        ex.update(
            load="Deload: fewer sets than last week and an easier effort; effort 1-3/10",
            effort={"rpe": [1, 3], "rm": None, "rir": None},
        )
    text = render_text(data, {"width": 120})
    week = text.split("Week 5: Build strength (deload", 1)[1].split("Week 6", 1)[0]
    assert "Fewer sets than last week and an easier effort  RPE 1–3" in week
    assert "Deload: fewer" not in text
