"""The HTML page in a real headless browser (Debian's chromium, driven over the
DevTools pipe by tests/chromium.py): it loads with no console errors and no network
request, the chart and every week are there and visible, a screenshot is not
blank, it fits a phone's width with chart text of 11 CSS px or more, its week
navigation, headings and skip link work, and it prints with no page under half
full except the last page of a week (nothing kept whole is taller than half a page).

Skipped, saying why, only where no chromium is installed (.ci/run installs it).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from pathlib import Path

import pytest
from tiny_plugin import build

from gluteus.engine.view import view
from gluteus.plugins.documents.html_page import render_html

chromium = pytest.importorskip("chromium")
Image = pytest.importorskip("PIL.Image")

EXECUTABLE = chromium.find_chromium()
pytestmark = pytest.mark.skipif(
    EXECUTABLE is None,
    reason="no chromium on PATH: install Debian's chromium (apt-get install chromium; "
    ".ci/run does) to run the browser test",
)

ROOT = Path(__file__).resolve().parent.parent
PLANNER = ROOT / "gluteus" / "engine" / "planner.py"


def _dana():
    import gluteus

    return gluteus.generate(gluteus.load_profile(ROOT / "profiles" / "dana.yaml"))


PROGRAMS = {
    "tiny": build,
    "dana": pytest.param(
        _dana,
        marks=pytest.mark.skipif(not PLANNER.exists(), reason="the planner is not there yet"),
    ),
}


@pytest.fixture(scope="module")
def browser():
    with chromium.browser(EXECUTABLE) as b:
        yield b


@pytest.fixture(scope="module", params=list(PROGRAMS.values()), ids=list(PROGRAMS))
def page_file(request, tmp_path_factory):
    program = request.param()
    path = tmp_path_factory.mktemp("html") / "program.html"
    path.write_text(render_html(program, {}), encoding="utf-8")
    return program, path


def not_blank(png: bytes) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 20, "a screenshot of one flat colour"
    ink = sum(count for count, rgb in colours if sum(rgb) < 600)
    assert ink / (image.width * image.height) > 0.01, "almost nothing drawn"


def test_loads_without_errors_or_network_and_shows_every_part(browser, page_file):
    program, path = page_file
    url = chromium.file_url(path)
    v = view(program)
    with browser.page(url, width=1000, height=1400) as page:
        assert page.console_errors == []
        assert page.requests == [url], "the page asked for something besides itself"
        chart = page.evaluate(
            "(() => { const s = Array.from(document.querySelectorAll('#chart svg'))"
            ".filter(x => x.getBoundingClientRect().width > 0);"
            " const r = s[0].getBoundingClientRect();"
            " return [s.length, r.width, r.height, s[0].querySelectorAll('path').length]; })()"
        )
        assert chart[0] == 1 and chart[1] > 300 and chart[2] > 100 and chart[3] > 10
        weeks = page.evaluate(
            "Array.from(document.querySelectorAll('section.week')).map(s => [Number(s.dataset.week),"
            " s.getBoundingClientRect().height, s.querySelectorAll('tbody tr').length])"
        )
        assert [w[0] for w in weeks] == [w.number for w in v.weeks]
        for (_, height, rows), week in zip(weeks, v.weeks, strict=True):
            assert height > 50
            assert rows == sum(len(s.exercises) for s in week.sessions)
        cards = page.evaluate("document.querySelectorAll('article.card').length")
        assert cards == len(v.cards)
        not_blank(page.screenshot())


def test_fits_a_phone(browser, page_file):
    _, path = page_file
    with browser.page(chromium.file_url(path), width=390, height=844, mobile=True) as page:
        assert page.console_errors == []
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, "sideways scrolling on a phone"
        # Session tables turn into one block per exercise.
        display = page.evaluate(
            "getComputedStyle(document.querySelector('table.session-table tr')).display"
        )
        assert display == "block"
        not_blank(page.screenshot())


CHART_TEXT = """(() => {
  const sizes = [];
  for (const svg of document.querySelectorAll('#chart svg')) {
    if (svg.getBoundingClientRect().width === 0) continue;  // the other size, not shown
    for (const t of svg.querySelectorAll('text')) {
      const m = t.getScreenCTM();
      sizes.push(parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b));
    }
  }
  return sizes;
})()"""


def test_chart_text_reads_on_a_phone(browser, page_file):
    _, path = page_file
    with browser.page(chromium.file_url(path), width=390, height=844, mobile=True) as page:
        sizes = page.evaluate(CHART_TEXT)
        assert sizes, "no chart text shown"
        assert min(sizes) >= 11, f"smallest chart text {min(sizes):.1f} CSS px"
        shown = page.evaluate(
            "Array.from(document.querySelectorAll('#chart svg'))"
            ".filter(s => s.getBoundingClientRect().width > 0).length"
        )
        assert shown == 1
        title = page.evaluate("document.querySelector('#chart svg title').textContent")
        assert title == "Weekly work by issue"


def test_headings_skip_link_and_week_navigation(browser, page_file):
    program, path = page_file
    v = view(program)
    with browser.page(chromium.file_url(path), width=390, height=844, mobile=True) as page:
        levels = page.evaluate(
            "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1])"
        )
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
        sessions = page.evaluate(
            "Array.from(document.querySelectorAll('section.session > h4')).map(h => h.textContent)"
        )
        assert sessions == [s.title for s in v.sessions]  # heading navigation reaches them
        # The skip link is the first thing a keyboard reaches, and shows when focused.
        first = page.evaluate(
            "(() => { const a = document.querySelector('a[href]'); a.focus();"
            " const r = a.getBoundingClientRect();"
            " return [a.getAttribute('href'), document.activeElement === a, r.top >= 0]; })()"
        )
        assert first == ["#main", True, True]
        # The week bar stays at the top while the weeks scroll by.
        page.evaluate("document.getElementById('week-2').scrollIntoView()")
        bar = page.evaluate(
            "(() => { const n = document.querySelector('nav.weeks-nav');"
            " return [getComputedStyle(n).position, n.getBoundingClientRect().top,"
            " n.querySelectorAll('a').length]; })()"
        )
        assert bar[0] == "sticky" and abs(bar[1]) < 1 and bar[2] == len(v.weeks)
        # Today's week: marked, and "Jump to this week" points at it.
        week2 = v.weeks[1]
        assert week2.first_day is not None
        day = (week2.first_day + dt.timedelta(days=2)).isoformat()
        assert page.evaluate(f"gluteusThisWeek('{day}')") == 2
        link = page.evaluate(
            "(() => { const a = document.getElementById('this-week');"
            " return [a.hidden, a.getAttribute('href'), a.textContent,"
            " a.getBoundingClientRect().height > 0,"
            " document.querySelector('nav.weeks-nav a[aria-current]').textContent.trim()]; })()"
        )
        assert link == [False, "#week-2", "Jump to this week (week 2)", True, "2"]
        assert page.evaluate("gluteusThisWeek('1999-01-01')") is None
        assert page.evaluate("document.getElementById('this-week').hidden") is True
        assert page.console_errors == []


def fills(pdf: bytes) -> list[tuple[float, str]]:
    """Per printed page: how far down its text reaches (0 to 1), and its first line."""
    pypdf = pytest.importorskip("pypdf")
    out = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        ys: list[float] = []

        def visit(text, cm, tm, font, size, ys=ys):
            if text.strip():
                ys.append(cm[5] + tm[5] * cm[3])

        text = page.extract_text(visitor_text=visit).strip()
        height = float(page.mediabox.height)
        out.append(
            ((height - min(ys)) / height if ys else 0.0, text.splitlines()[0] if text else "")
        )
    return out


@pytest.mark.slow  # a headless browser prints each page to PDF
def test_prints(browser, page_file):
    pypdf = pytest.importorskip("pypdf")
    program, path = page_file
    with browser.page(chromium.file_url(path)) as page:
        pdf = page.print_pdf(paperWidth=8.27, paperHeight=11.69, printBackground=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Week 1" in text and f"Week {len(program.weeks)}" in text
    assert "Findings" not in text.split("What your glutes")[0]  # no on-screen contents bar
    assert "Jump to this week" not in text and "Skip to the program" not in text
    # No page under half full, except the last page of a week (the next week starts
    # a page) and the last page of all.
    pages = fills(pdf)
    for i, (fill, _) in enumerate(pages[:-1]):
        ends_a_week = re.match(r"Week \d+: ", pages[i + 1][1])
        assert fill >= 0.5 or ends_a_week, f"page {i + 1} is {fill:.0%} full"
    for week in program.weeks[1:]:
        assert any(first.startswith(f"Week {week.number}: ") for _, first in pages)


# An A4 page less the print margins (210 x 297 mm, 12 mm each side, 14 mm top and
# bottom), in CSS px at 96 per inch.
PRINT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
PRINT_HEIGHT = (297 - 2 * 14) / 25.4 * 96

KEPT_WHOLE = """(() => {
  const outer = e => {
    const s = getComputedStyle(e);
    return e.getBoundingClientRect().height + parseFloat(s.marginTop) + parseFloat(s.marginBottom);
  };
  const out = Array.from(document.querySelectorAll('article.card')).map(c => [c.id, outer(c)]);
  // A heading prints with what follows it: the guide's heading and its introduction.
  const h = document.querySelector('#exercises > h2');
  if (h) out.push(['exercise guide heading', outer(h) + outer(h.nextElementSibling)]);
  return out;
})()"""


def test_what_prints_kept_whole_fits_half_a_page(browser, page_file):
    """The reason no page is under half full: each card, and the guide's heading with
    what it keeps, is at most half a printed page tall (so when one does not fit what
    is left of a page, more than half of that page is already used)."""
    _, path = page_file
    with browser.page(chromium.file_url(path), width=PRINT_WIDTH, height=800) as page:
        page.send("Emulation.setEmulatedMedia", {"media": "print"})
        blocks = page.evaluate(KEPT_WHOLE)
    assert len(blocks) > 1
    for name, height in blocks:
        assert height <= PRINT_HEIGHT / 2, f"{name} is {height / PRINT_HEIGHT:.0%} of a page"


def test_the_harness_sees_console_errors_and_requests(browser, tmp_path):
    """The checks above would catch a broken page: a script error, a console error and
    a request for something else (on loopback, refused at once)."""
    path = tmp_path / "broken.html"
    path.write_text(
        "<!DOCTYPE html><html><body><img src='http://127.0.0.1:9/x.png'>"
        "<script>console.error('boom'); undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    with browser.page(chromium.file_url(path)) as page:
        errors = " ".join(page.console_errors)
        assert "boom" in errors and "undefinedFunction" in errors
        assert "http://127.0.0.1:9/x.png" in page.requests
