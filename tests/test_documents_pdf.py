"""The ``pdf`` format, read back with pypdf: pages, paper sizes, text, the chart,
tables that split between rows, and byte-for-byte determinism."""

from __future__ import annotations

import datetime as dt
import io
import re

import attrs
import pytest
from tiny_plugin import PROFILE, build, referral, rx

from gluteus.engine.api import render
from gluteus.engine.errors import ProfileError
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.plugins import documents
from gluteus.plugins.documents.chart import COLOURS
from gluteus.plugins.documents.pdf_doc import render_pdf

pypdf = pytest.importorskip("pypdf")

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def read(data: bytes):
    return pypdf.PdfReader(io.BytesIO(data))


def pages_text(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def program():
    return build()


@pytest.fixture(scope="module")
def pdf(program):
    return render_pdf(program, {})


LONG = attrs.evolve(PROFILE, schedule=attrs.evolve(PROFILE.schedule, weeks=8))
"""Eight weeks: long enough for a deload (week 5, after two strength weeks); six weeks or
fewer have none."""


@pytest.fixture(scope="module")
def long_text():
    return flat("\n".join(pages_text(read(render_pdf(build(LONG), {})))))


@pytest.mark.slow  # two PDFs rendered (seconds); the slow run keeps it
def test_a_pdf_on_a4_by_default_and_letter_on_request(program, pdf):
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    a4 = read(pdf)
    assert 3 <= len(a4.pages) <= 8
    for page in a4.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4)
    letter = read(render_pdf(program, {"paper": "letter"}))
    for page in letter.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(LETTER)
    assert render_pdf(program, {"paper": "A4"}) == pdf


def test_unknown_paper_is_bad_input(program):
    with pytest.raises(ProfileError, match="unknown paper 'a5'; expected one of a4, letter"):
        render_pdf(program, {"paper": "a5"})


@pytest.mark.slow  # seconds of PDF rendering; the slow run keeps it
def test_same_program_same_bytes(pdf):
    assert render_pdf(build(), {}) == pdf


@pytest.mark.slow  # seconds of PDF rendering; the slow run keeps it
def test_metadata_is_fixed_and_claims_no_date(pdf):
    meta = read(pdf).metadata
    assert meta["/Title"] == "Glute program for Tess"
    assert meta["/Author"] == "Tess"
    # Not now, and not the program's start pretending to be a creation time: the
    # Unix epoch, "no date".
    assert meta["/CreationDate"] == "D:19700101000000Z"
    assert meta["/Creator"].startswith("gluteus ")
    for other in (
        attrs.evolve(PROFILE, start=None),
        attrs.evolve(PROFILE, start=dt.date(2027, 3, 1)),
    ):
        assert read(render_pdf(build(other), {})).metadata["/CreationDate"] == "D:19700101000000Z"


def test_bookmarks_lead_to_each_part_and_each_week(program, pdf):
    reader = read(pdf)
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top[:3] == ["Glute program for Tess", "What your glutes are telling you", "Safety"]
    assert "Your weeks" in top and "Exercise guide" in top
    assert "Words used in this program" in top
    weeks = next(item for item in outline if isinstance(item, list))
    assert [w.title for w in weeks] == [
        f"Week {w.number}: {w.phase}" + (" (deload: a lighter week to recover)" if w.deload else "")
        for w in program.weeks
    ]
    texts = pages_text(reader)
    for item in weeks:
        page = reader.get_destination_page_number(item)
        assert item.title.split(" (")[0] in texts[page]


def test_every_session_has_a_tick_box_per_set_and_a_log_line(program, pdf, long_text):
    text = flat("\n".join(pages_text(read(pdf))))
    sessions = sum(len(w.sessions) for w in program.weeks)
    assert text.count("Date: ____________ Pain during: ____ /10 Next morning: ____ /10") == sessions
    assert "1 Clamshell 2 × 12 each side 45 s 4 bodyweight ☐ ☐ 2" in text
    assert "1 Clamshell 1 × 12 each side" not in text  # six weeks: no deload
    assert "1 Clamshell 1 × 12 each side 45 s 4 bodyweight ☐ 2" in long_text  # deload: 1 set


def test_the_text_a_person_needs(program, pdf):
    reader = read(pdf)
    text = flat("\n".join(pages_text(reader)))
    for part in (
        "Glute program for Tess",
        "6 weeks, 2 sessions a week (Monday, Thursday), up to 30 minutes each",
        "Glutes switched off: moderate",
        "Why it matters: Your glutes are off the clock.",
        "Evidence: weak: little or mixed research. Expert opinion only.",
        "Activation opens each session, before anything loaded.",
        "Green: 0–3/10",
        "Red: over 5/10",
        "Activate and control 1–2 Switch the glutes on",
        "Deload weeks • No deload week: at 6 weeks the program ends before one is due",
        "Weekly work by issue",
        "Week 4: Build strength",
        "# Exercise Sets × reps Rest Min Load Done",
        "1 Clamshell 2 × 12 each side 45 s 4 bodyweight",
        "2 Standing squeeze 2 × 10 s hold 45 s 4 bodyweight",
        "Kind of load: a resistance band",
        "Movement family: Band walk",
        "Exercise guide",
        "Watch for: band walk fault",
        "Words used in this program",
    ):
        assert part in text, part
    for week in program.weeks:
        assert f"Week {week.number}: {week.phase}" in text
        for n, session in enumerate(week.sessions, start=1):
            assert f"Session {n}: " in text
            assert session.date is not None and session.date.isoformat() in text
    assert "page 1 of" in pages_text(reader)[0]
    assert "deload: a lighter week" not in text


def test_a_deload_week_and_its_note(long_text):
    assert "Week 5: Build strength (deload: a lighter week to recover)" in long_text
    assert "2 Standing squeeze 1 × 10 s hold 45 s 4 bodyweight" in long_text
    assert "Deload weeks • Week 5: a deload, with fewer sets and an easier effort" in long_text


@pytest.mark.slow  # seconds of PDF rendering; the slow run keeps it
def test_effort_and_extra_sets_when_the_program_has_them(program):
    data = program.to_dict()
    ex = data["weeks"][0]["sessions"][0]["exercises"][0]
    ex.update(
        load="Light; 2-3 reps in reserve (effort 6-7/10)",
        effort={"rpe": [6, 7], "rm": None, "rir": [2, 3]},
        extra={"side": "left", "sets": 1},
    )
    text = flat("\n".join(pages_text(read(render_pdf(data, {})))))
    # A box for each set, the extra one included.
    assert (
        "1 Clamshell 2 × 12 each side + 1 set left 45 s 4 Light Effort: RPE 6–7, 2–3 reps in reserve ☐ ☐ ☐"
        in text
    )
    assert "Light Effort: RPE 6–7, 2–3 reps in reserve" in text
    assert "effort 6-7/10" not in text
    assert "Extra sets: + 1 set left, after the sets for each side, week 1" in text
    assert "Effort: week 1: RPE 6–7, 2–3 reps in reserve" in text
    # The plain program has none of it.
    plain = flat("\n".join(pages_text(read(render_pdf(program, {})))))
    assert "Effort" not in plain and "Extra sets" not in plain and "RPE" not in plain


def test_the_chart_is_drawn_as_vector_art(pdf):
    reader = read(pdf)
    (page,) = [p for p in reader.pages if "Weekly work by issue" in p.extract_text()]
    content = page.get_contents().get_data().decode("latin-1")
    for colour in COLOURS[:2]:  # one line per issue found, in the chart's colours
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        assert re.search(rf"{r:.4g} {g:.4g} {b:.4g} RG", content), colour


def test_a_long_session_table_splits_between_rows_and_repeats_its_header():
    program = build()
    many = tuple(rx("clamshell", name=f"Drill {i:02d}") for i in range(1, 61))
    week = program.weeks[0]
    session = attrs.evolve(week.sessions[0], exercises=many)
    program = attrs.evolve(
        program, weeks=(attrs.evolve(week, sessions=(session,)),), phases=program.phases[:1]
    )
    texts = pages_text(read(render_pdf(program, {})))
    pages_with_rows = [i for i, t in enumerate(texts) if "Drill 01" in t or "Drill 60" in t]
    first, last = pages_with_rows[0], pages_with_rows[-1]
    assert last > first, "60 rows should not fit on one page"
    for i in range(first, last + 1):
        assert "# Exercise Sets × reps Rest Min Load Done" in texts[i]
    for n in range(1, 61):
        row = f"{n} Drill {n:02d} 2 × 12 each side 45 s 4 bodyweight ☐ ☐"
        holders = [i for i in range(first, last + 1) if row in texts[i].splitlines()]
        assert len(holders) == 1, row  # whole, on exactly one page


def test_a_heading_never_ends_a_page(program, pdf):
    for text in pages_text(read(pdf)):
        lines = [line for line in text.splitlines() if line.strip()]
        body = [
            line for line in lines if not line.startswith(("page ", "Glute program for Tess ·"))
        ]
        assert not re.match(r"(Week \d+:|Session \d+:|Exercise guide$)", body[-1]), body[-1]


def test_coloured_panels_do_not_tint_what_follows():
    pregnant = attrs.evolve(PROFILE, precautions=("pregnancy",), pregnancy_trimester=2)
    reader = read(render_pdf(build(pregnant), {}))
    texts = pages_text(reader)
    assert "Stop and get advice if:" in texts[0]  # the red panel, on page 1
    red = "0.702 0.149 0.1176 rg"  # its edge colour, as a fill
    for page, text in zip(reader.pages, texts, strict=True):
        if "Session 1:" in text:
            assert red not in page.get_contents().get_data().decode("latin-1")


def test_referral_pdf():
    reader = read(render_pdf(referral(), {}))
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    assert "No program: see a clinician first" in text
    assert "Why: Possible cauda equina syndrome." in text
    assert "How urgently: emergency: get help now" in text
    assert "Whom to see: emergency department" in text
    assert "What you reported" in text and "Age: 50" in text
    assert "Take this page to the appointment" in text
    assert "saddle_numbness" not in text


@pytest.mark.slow  # seconds of PDF rendering; the slow run keeps it
def test_api_render_gives_bytes(program):
    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[documents])
    out = render(program, "pdf", plugins=pm, paper="letter")
    assert isinstance(out, bytes) and out == render_pdf(program, {"paper": "letter"})
