"""Every bundled profile in every format, with the real plugins and planner.

A profile without a start date is given one, so its calendar has dates (without
one, ``ics`` is refused: see tests/test_documents_ics.py). The red-flag profile
renders its referral document. What a client reads (text, Markdown, the page's
visible text, the PDFs' text, the calendar's summaries and descriptions) holds no
internal id, no citation key, no snake_case word and no decimal minutes, and
every format carries the pain traffic light and the person's stop signs. Then the
command line end to end: ``generate -f pdf`` and ``cheatsheet`` in a fresh
process, as a person runs them.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from bundled import bundled_params
from icalendar import Calendar

import gluteus
from gluteus.engine.errors import ReferralRequired
from gluteus.engine.registry import build_registry
from gluteus.engine.view import view

pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).resolve().parent.parent
PROFILES = sorted(
    p for p in (ROOT / "profiles").iterdir() if p.suffix in (".yaml", ".yml", ".toml", ".json")
)
pytestmark = pytest.mark.skipif(
    not (ROOT / "gluteus" / "engine" / "planner.py").exists(),
    reason="the planner (gluteus/engine/planner.py) is not there yet",
)
FORMATS = ("text", "markdown", "json", "html", "pdf", "ics", "cheatsheet")
CLIENT_FORMATS = ("text", "markdown", "html", "pdf", "ics", "cheatsheet")
"""What a client reads; the JSON is for programs and keeps its ids (the allow-list)."""

SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
DECIMAL_MINUTES = re.compile(r"\b\d+[.,]\d+\s*(?:min\b|minutes\b)", re.I)


@pytest.fixture(scope="module")
def pm():
    return gluteus.make_plugin_manager(entrypoints=False)


@pytest.fixture(scope="module")
def internal_words(pm):
    """Every id and citation key the loaded plugins declare that could not be an
    ordinary word (snake_case ids are caught by the pattern anyway)."""
    registry = build_registry(pm)
    words = set(registry.sources)
    for table in (
        registry.exercises,
        registry.red_flags,
        registry.signs,
        registry.precautions,
        registry.issues,
        registry.safety_rules,
        registry.ladders,
    ):
        words.update(table)
    # A plain English word (an issue called "knees", an exercise called "clamshell")
    # may be said; an id shaped like code (digits, underscores, hyphens) may not.
    return {w for w in words if re.search(r"[\d_]", w) or (re.search(r"-", w) and w.count("-") > 1)}


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(p.extract_text() for p in reader.pages).split())


class Visible(HTMLParser):
    """The text a person sees (and hears) of a page: text nodes outside style and
    script, plus the attributes read aloud or shown (aria-label, title, alt)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.minutes: list[str] = []
        self._cell: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.hidden += 1
        a = dict(attrs)
        for name in ("aria-label", "title", "alt"):
            if a.get(name):
                self.parts.append(a[name])
        self._cell = "" if tag == "td" and a.get("data-label") == "Minutes" else None

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.hidden -= 1
        if tag == "td" and self._cell is not None:
            self.minutes.append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)
            if self._cell is not None:
                self._cell += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def calendar_text(text: str) -> str:
    cal = Calendar.from_ical(text)
    parts = [str(cal.get("X-WR-CALNAME", "")), str(cal.get("X-WR-CALDESC", ""))]
    for event in cal.walk("VEVENT"):
        parts += [str(event.get("SUMMARY", "")), str(event.get("DESCRIPTION", ""))]
        parts += [str(a.get("DESCRIPTION", "")) for a in event.walk("VALARM")]
    return " ".join(" ".join(parts).split())


def client_text(fmt: str, out: str | bytes) -> str:
    if fmt in ("pdf", "cheatsheet"):
        assert isinstance(out, bytes)
        return pdf_text(out)[1]
    assert isinstance(out, str)
    if fmt == "html":
        return Visible(out).text
    if fmt == "ics":
        return calendar_text(out)
    if fmt == "markdown":
        out = re.sub(r"\]\(#[^)]*\)", "]", out)  # link targets are anchors, not text
        out = re.sub(r"\\(.)", r"\1", out)
    return " ".join(out.split())


def program_of(path: Path, pm, **schedule):
    profile = gluteus.load_profile(path, plugins=pm)
    if profile.start is None:
        profile = attrs.evolve(profile, start=dt.date(2027, 1, 4))
    if schedule:
        profile = attrs.evolve(profile, schedule=attrs.evolve(profile.schedule, **schedule))
    try:
        return gluteus.generate(profile, plugins=pm)
    except ReferralRequired as exc:
        return exc.result


@functools.cache
def _rendered(path: Path) -> tuple[object, dict[str, str | bytes]]:
    pm = gluteus.make_plugin_manager(entrypoints=False)
    program = program_of(path, pm)
    return program, {fmt: gluteus.render(program, fmt, plugins=pm) for fmt in FORMATS}


@pytest.mark.slow  # every format of every profile; each format has its own default tests
@pytest.mark.parametrize("path", bundled_params(PROFILES))
def test_every_format_renders_the_profile(path):
    program, out = _rendered(path)
    v = view(program)
    assert json.loads(out["json"])["status"] == v.status
    for fmt in ("text", "markdown", "html", "ics"):
        assert isinstance(out[fmt], str) and out[fmt].strip()
    pages, text = pdf_text(out["pdf"])
    assert pages >= 1 and v.title in text
    assert orphan_headings(out["pdf"]) == []
    sheet_pages, sheet = pdf_text(out["cheatsheet"])
    assert sheet_pages == 1
    events = list(Calendar.from_ical(out["ics"]).walk("VEVENT"))
    assert len(events) == len(v.sessions)
    if v.status == "referral":
        for fmt in ("text", "markdown", "html", "pdf", "cheatsheet"):
            said = client_text(fmt, out[fmt])
            assert "No program: see a clinician first" in said, fmt
            for r in v.referrals:
                # Whom to see, how urgently and why, in every format.
                for part in (r.title, r.see, r.urgency_text, r.message):
                    assert " ".join(part.split()) in said, (fmt, part)
        return
    assert 'id="chart"' in out["html"] and "<svg" in out["html"]
    for week in v.weeks:
        assert f'id="week-{week.number}"' in out["html"]
        assert f"Week {week.number}: {week.phase}" in text
    for card in v.cards:
        assert f'id="ex-{card.id}"' in out["html"]
    for drill in v.activation:
        assert drill.name in sheet
    assert {e.decoded("DTSTART") for e in events} == {s.date for s in v.sessions}


@pytest.mark.parametrize("path", bundled_params(PROFILES))
@pytest.mark.slow  # every format rendered (seconds); the slow run keeps it
def test_client_text_has_no_ids_keys_snake_case_or_decimal_minutes(path, internal_words):
    _, out = _rendered(path)
    for fmt in CLIENT_FORMATS:
        said = client_text(fmt, out[fmt])
        assert SNAKE.findall(said) == [], fmt
        leaked = sorted(
            w for w in internal_words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", said)
        )
        assert leaked == [], (fmt, leaked)
        assert DECIMAL_MINUTES.findall(said) == [], fmt
        # The person never read the article gluteus is built on: no "the article's ...".
        assert re.findall(r"\barticle", said, re.I) == [], fmt
    # Table cells of minutes are whole numbers too.
    assert re.findall(r"\| \d+\.\d+ \|", str(out["markdown"])) == []
    assert all(cell.strip().isdigit() for cell in Visible(str(out["html"])).minutes)
    for event in Calendar.from_ical(out["ics"]).walk("VEVENT"):
        if "DTEND" in event and isinstance(event.decoded("DTSTART"), dt.datetime):
            length = event.decoded("DTEND") - event.decoded("DTSTART")
            assert length.total_seconds() % 60 == 0


@pytest.mark.parametrize("path", bundled_params(PROFILES))
@pytest.mark.slow  # every format rendered (seconds); the slow run keeps it
def test_every_format_has_the_traffic_light_and_the_stop_signs(path):
    program, out = _rendered(path)
    v = view(program)
    if v.status == "referral":
        return
    rule = " ".join(v.traffic_light.rule.split())
    for fmt in CLIENT_FORMATS:
        said = client_text(fmt, out[fmt])
        assert rule in said, fmt
        for zone in v.traffic_light.zones:
            assert zone.pain in said, (fmt, zone.colour)
        for sign in v.stop_signs:
            assert " ".join(sign.split()) in said, (fmt, sign)


def test_the_calendar_at_a_time_has_whole_minutes(pm):
    program = program_of(
        ROOT / "profiles" / "dana.yaml", pm, time="18:30", timezone="Europe/London"
    )
    text = gluteus.render(program, "ics", plugins=pm)
    events = list(Calendar.from_ical(text).walk("VEVENT"))
    for event, session in zip(events, view(program).sessions, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert (start.hour, start.minute) == (18, 30)
        assert end - start == dt.timedelta(minutes=session.whole_minutes)
        assert session.whole_minutes >= session.minutes
    assert DECIMAL_MINUTES.findall(calendar_text(text)) == []


def orphan_headings(data: bytes) -> list[str]:
    """Headings that end a page (their content went to the next one)."""
    orphans = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines[:-1] if " · gluteus " not in line]  # minus the footer
        if body and re.match(r"(Week \d+: |Session \d+: |Exercise guide$|Phases$)", body[-1]):
            orphans.append(body[-1])
    return orphans


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gluteus", *args], cwd=cwd, capture_output=True, timeout=300
    )


@pytest.mark.slow  # two fresh processes render PDFs
def test_the_command_line_writes_a_pdf_and_a_cheat_sheet(tmp_path):
    dana = ROOT / "profiles" / "dana.yaml"
    result = run("generate", str(dana), "-f", "pdf", "-o", str(tmp_path / "dana.pdf"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""  # no warnings from the libraries
    pages, text = pdf_text((tmp_path / "dana.pdf").read_bytes())
    assert pages > 3 and "Glute program for Dana" in text and "Week 8" in text
    result = run("cheatsheet", str(dana), "-o", str(tmp_path / "sheet.pdf"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    pages, text = pdf_text((tmp_path / "sheet.pdf").read_bytes())
    assert pages == 1 and text.startswith("Glute Activation Cheat Sheet for Dana")


# The two PDF renders take seconds each: they run in the slow run, which CI runs too.
@pytest.mark.parametrize(
    "fmt",
    [
        "html",
        pytest.param("pdf", marks=pytest.mark.slow),
        "text",
        "markdown",
        pytest.param("cheatsheet", marks=pytest.mark.slow),
    ],
)
def test_a_red_flag_writes_the_referral_document(fmt, tmp_path):
    """Exit 3 with the referral on stderr, and the referral written as a document to
    take to the appointment: whom to see, how urgently and why."""
    red = ROOT / "profiles" / "red_flag.yaml"
    out = tmp_path / f"referral.{fmt}"
    args = ["generate", str(red), "-f", fmt, "-o", str(out)]
    if fmt == "cheatsheet":
        args = ["cheatsheet", str(red), "-o", str(out)]
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 3
    assert b"No program: a red flag needs a clinician first." in result.stderr
    data = out.read_bytes()
    said = client_text(fmt, data if fmt in ("pdf", "cheatsheet") else data.decode("utf-8"))
    for part in (
        "No program: see a clinician first (Graham)",
        "Bladder or bowel change",
        "Emergency department (A&E) now",
        "emergency: get help now",
        "cauda equina syndrome",
        "Unexplained weight loss",
        "urgent: be seen today",
    ):
        assert part in said, part
    assert "bladder_or_bowel_change" not in said
