"""`gluteus progress --format html` in a real headless browser, like the program
page: no console errors, no network request, the chart and the week table shown.

Skipped, saying why, only where no chromium is installed (.ci/run installs it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gluteus
from gluteus.journal import Journal, report

chromium = pytest.importorskip("chromium")
EXECUTABLE = chromium.find_chromium()
pytestmark = pytest.mark.skipif(
    EXECUTABLE is None,
    reason="no chromium on PATH: install Debian's chromium (.ci/run does) to run the browser test",
)
ROOT = Path(__file__).resolve().parent.parent


def test_progress_page_loads_clean_with_its_chart(tmp_path):
    with Journal(str(tmp_path / "j.db")) as journal:
        program = gluteus.generate(gluteus.load_profile(ROOT / "profiles" / "dana.yaml"))
        program_id = journal.save_program(program)
        journal.log(
            program_id,
            [
                {"week": 1, "session": 1, "effort": 6, "pain": {"knee": 3}},
                {"week": 1, "session": 2, "status": "skipped"},
                {
                    "week": 1,
                    "session": 3,
                    "effort": 7,
                    "pain": {"knee": {"during": 6, "next_morning": 4}},
                },
                {"week": 2, "session": 1, "effort": 5, "pain": {"knee": 2}},
            ],
        )
        journal.adapt(program_id)
        data = report.build(program_id, journal.versions(program_id), journal.entries(program_id))
    page_file = tmp_path / "progress.html"
    page_file.write_text(report.html(data), encoding="utf-8")
    url = chromium.file_url(page_file)
    with (
        chromium.browser(EXECUTABLE) as browser,
        browser.page(url, width=420, height=900, mobile=True) as page,
    ):
        assert page.console_errors == []
        assert page.requests == [url]
        box = page.evaluate(
            "(() => { const r = document.querySelector('#chart svg').getBoundingClientRect();"
            " return [r.width, r.height]; })()"
        )
        assert box[0] > 200 and box[1] > 80
        assert page.evaluate("document.querySelectorAll('#weeks tbody tr').length") == 2
        assert page.evaluate("document.documentElement.scrollWidth") <= 420
        assert (
            "knee"
            in page.evaluate(
                "document.querySelector('#chart svg').getAttribute('aria-label')"
            ).lower()
        )
