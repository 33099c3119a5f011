"""The HTML page in a real headless browser (Debian's chromium, driven over the
DevTools pipe by tests/chromium.py): it loads with no console errors and no network
request, the chart and every week are there and visible, a screenshot is not
blank, it fits a phone's width, and it prints.

Skipped, saying why, only where no chromium is installed (.ci/run installs it).
"""

from __future__ import annotations

import io
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
            "(() => { const s = document.querySelectorAll('#chart svg');"
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
