"""Every bundled profile in every format, with the real plugins and planner.

A profile without a start date is given one, so its calendar has dates (without
one, ``ics`` is refused: see tests/test_documents_ics.py). The red-flag profile
renders its referral document. Then the command line end to end: ``generate -f
pdf`` and ``cheatsheet`` in a fresh process, as a person runs them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from icalendar import Calendar

import gluteus
from gluteus.engine.errors import ReferralRequired
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


@pytest.fixture(scope="module")
def pm():
    return gluteus.make_plugin_manager(entrypoints=False)


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def orphan_headings(data: bytes) -> list[str]:
    """Headings that end a page (their content went to the next one)."""
    orphans = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines[:-1] if " · gluteus " not in line]  # minus the footer
        if body and re.match(r"(Week \d+: |Session \d+: |Exercise guide$|Phases$)", body[-1]):
            orphans.append(body[-1])
    return orphans


@pytest.mark.parametrize("path", PROFILES, ids=[p.name for p in PROFILES])
def test_every_format_renders_the_profile(path, pm):
    profile = gluteus.load_profile(path, plugins=pm)
    if profile.start is None:
        profile = attrs.evolve(profile, start=dt.date(2027, 1, 4))
    try:
        program = gluteus.generate(profile, plugins=pm)
    except ReferralRequired as exc:
        program = exc.result
    v = view(program)
    out = {fmt: gluteus.render(program, fmt, plugins=pm) for fmt in FORMATS}
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
        assert "No program: see a clinician first" in out["html"]
        assert "No program: see a clinician first" in text
        return
    assert 'id="chart"' in out["html"] and "<svg" in out["html"]
    for week in v.weeks:
        assert f'id="week-{week.number}"' in out["html"]
        assert f"Week {week.number}: {week.phase}" in text
    for card in v.cards:
        assert f'id="ex-{card.id}"' in out["html"]
    for drill in v.activation:
        assert drill.name in sheet
    for stop in v.stop_signs:
        assert stop in sheet and stop in out["html"]
    assert {e.decoded("DTSTART") for e in events} == {s.date for s in v.sessions}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gluteus", *args], cwd=cwd, capture_output=True, timeout=300
    )


def test_the_command_line_writes_a_pdf_and_a_cheat_sheet(tmp_path):
    dana = ROOT / "profiles" / "dana.yaml"
    result = run("generate", str(dana), "-f", "pdf", "-o", str(tmp_path / "dana.pdf"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    pages, text = pdf_text((tmp_path / "dana.pdf").read_bytes())
    assert pages > 3 and "Glute program for Dana" in text and "Week 8" in text
    result = run("cheatsheet", str(dana), "-o", str(tmp_path / "sheet.pdf"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    pages, text = pdf_text((tmp_path / "sheet.pdf").read_bytes())
    assert pages == 1 and text.startswith("Glute Activation Cheat Sheet for Dana")
    # A red flag: exit 3, the referral printed, no sheet.
    red = ROOT / "profiles" / "red_flag.yaml"
    result = run("cheatsheet", str(red), "-o", str(tmp_path / "red.pdf"), cwd=tmp_path)
    assert result.returncode == 3
    assert b"No program: a red flag needs a clinician first." in result.stderr
    assert not (tmp_path / "red.pdf").exists()
