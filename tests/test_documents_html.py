"""The ``html`` format: one self-contained page, parsed back with html.parser.

On the hand-built programs of tests/tiny_plugin.py; every bundled profile is
rendered in tests/test_documents_profiles.py, and the page is loaded in a real
browser in tests/test_documents_browser.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser

import attrs
import pytest
from tiny_plugin import PROFILE, build, referral

from gluteus.engine.api import render
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry
from gluteus.engine.view import view
from gluteus.plugins import documents, formats
from gluteus.plugins.documents.html_page import render_html, script_hash
from gluteus.plugins.formats.renderers import render_markdown

BLOCKS = {
    "p", "li", "td", "th", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "div", "section",
    "article", "caption", "ul", "ol", "table", "figcaption", "figure", "header", "footer",
    "summary", "details", "nav",
}  # fmt: skip


class Page(HTMLParser):
    """What a test needs of a page: elements by id and class, links, text, the svg."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, str] = {}
        self.classes: dict[str, list[dict[str, str | None]]] = defaultdict(list)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: dict[str, int] = defaultdict(int)
        self.text_parts: list[str] = []
        self.stack: list[str] = []
        self.text_in: dict[str, list[str]] = defaultdict(list)  # id -> its text
        self.svg_parents: list[list[str]] = []
        self.feed(html)
        self.close()

    def _break(self, tag):
        if tag in BLOCKS:
            self.handle_data(" ")

    def handle_starttag(self, tag, attrs):
        self._break(tag)
        a = dict(attrs)
        self.tags[tag] += 1
        if tag == "svg":
            self.svg_parents.append(list(self.stack))
        if a.get("id"):
            self.ids[a["id"]] = tag
        for cls in (a.get("class") or "").split():
            self.classes[cls].append(a)
        for name in ("src", "href", "xlink:href", "action", "data", "poster"):
            if a.get(name):
                self.links.append((tag, name, a[name]))
        if tag not in ("meta", "link", "br", "img", "input", "path", "use", "rect"):
            self.stack.append(a.get("id") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("meta", "link", "br", "img", "input", "path", "use", "rect"):
            self.stack.pop()

    def handle_endtag(self, tag):
        self._break(tag)
        if tag not in ("meta", "link", "br", "img", "input", "path", "use", "rect") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        self.text_parts.append(data)
        for element_id in self.stack:
            if element_id:
                self.text_in[element_id].append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    def text_of(self, element_id: str) -> str:
        return " ".join("".join(self.text_in[element_id]).split())


LONG = attrs.evolve(PROFILE, schedule=attrs.evolve(PROFILE.schedule, weeks=8))
"""Eight weeks: long enough for a deload (week 5, after two strength weeks); six weeks or
fewer have none."""


@pytest.fixture(scope="module")
def program():
    return build()


@pytest.fixture(scope="module")
def page(program):
    return Page(render_html(program, {}))


@pytest.fixture(scope="module")
def long_program():
    return build(LONG)


@pytest.fixture(scope="module")
def long_page(long_program):
    return Page(render_html(long_program, {}))


def test_the_plugin_contributes_html_pdf_ics_and_the_cheatsheet():
    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[documents])
    renderers = build_registry(pm).renderers
    assert sorted(renderers) == ["cheatsheet", "html", "ics", "pdf"]
    assert renderers["html"].media_type == "text/html" and not renderers["html"].binary
    assert renderers["pdf"].binary and renderers["cheatsheet"].binary
    assert renderers["ics"].extension == "ics"


def test_api_render_gives_html_as_str(program):
    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[formats, documents])
    out = render(program, "html", plugins=pm)
    assert isinstance(out, str) and out == render_html(program, {})


def test_same_program_same_bytes(program):
    assert render_html(program, {}) == render_html(build(), {})


def test_the_page_is_self_contained(page, program):
    html = render_html(program, {})
    assert html.startswith("<!DOCTYPE html>")
    # Nothing to fetch: no external scripts, styles or fonts, no remote links.
    assert page.tags["iframe"] == 0 and page.tags["img"] == 0
    assert not any(tag == "script" for tag, _, _ in page.links)  # no <script src>
    remote = [link for link in page.links if re.match(r"\s*(https?:)?//", link[2], re.I)]
    assert remote == []
    assert all(value.startswith(("#", "data:")) for _, _, value in page.links), page.links
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "@import" not in html
    # ... and the browser is told to load nothing from anywhere, and to run only the
    # one inline script whose hash it names.
    assert "default-src 'none'" in html
    assert page.tags["script"] == 1
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    assert script_hash(script) in html.split("Content-Security-Policy", 1)[1].split(">", 1)[0]
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html


def test_without_dates_there_is_no_script():
    html = render_html(build(attrs.evolve(PROFILE, start=None)), {})
    assert "<script" not in html and "script-src 'none'" in html
    assert "data-start" not in html


def test_the_chart_is_inline_svg_inside_the_chart_section(page, long_program, long_page):
    for p in (page, long_page):
        assert p.ids["chart"] == "section"
        # The page's chart and the phone's, both in the chart section, both labelled.
        assert len(p.svg_parents) == 2 and all("chart" in x for x in p.svg_parents)
        svg = [a for a in p.classes["chart"] if a.get("role") == "img"]
        assert len(svg) == 2 and any("compact" in a["class"] for a in svg)
    label = next(a["aria-label"] for a in page.classes["chart"] if a.get("role") == "img")
    assert "Glutes switched off: 12 sets a week;" in label and "Deload" not in label
    label = next(a["aria-label"] for a in long_page.classes["chart"] if a.get("role") == "img")
    assert "Glutes switched off: 6 to 12 sets a week" in label
    assert "Deload weeks: 5." in label
    assert "Phases start in week 1 (Activate and control), 3 (Build strength), 6 (Power" in label
    # Drawn by matplotlib: the phases and the deload are marked in the figure, and
    # the SVG has a <title> of its own.
    html = render_html(long_program, {})
    svg_text = html[html.index("<svg") : html.index("</svg>")]
    for mark in ("Activate and control", "Build strength", "Power and function", "deload"):
        assert mark in svg_text, mark
    assert "Week" in svg_text
    assert html.count("<title>Weekly work by issue</title>") == 2


def test_the_chart_ignores_the_hosts_matplotlib_style(program):
    """A host application's style must not change gluteus's bytes."""
    import matplotlib
    import matplotlib.style

    clean = render_html(program, {})
    with (
        matplotlib.style.context("dark_background"),
        matplotlib.rc_context(
            {
                "font.size": 20,
                "lines.linewidth": 5,
                "axes.prop_cycle": matplotlib.cycler(color=["r"]),
            }
        ),
    ):
        assert render_html(program, {}) == clean
    matplotlib.style.use("dark_background")
    try:
        assert render_html(program, {}) == clean
    finally:
        matplotlib.rcdefaults()


@pytest.mark.parametrize("long", [False, True])
def test_every_week_and_session_is_there_as_headings(long, request):
    program = request.getfixturevalue("long_program" if long else "program")
    page = request.getfixturevalue("long_page" if long else "page")
    assert any(week.deload for week in program.weeks) == long
    for week in program.weeks:
        week_id = f"week-{week.number}"
        assert page.ids[week_id] == "section"
        assert page.ids[f"{week_id}-title"] == "h3"
        text = page.text_of(week_id)
        assert text.startswith(f"Week {week.number}: {week.phase}")
        assert ("deload: a lighter week to recover" in text) == week.deload
        for n, session in enumerate(week.sessions, start=1):
            key = f"w{week.number:02d}-s{n}"
            assert page.ids[key] == "section"
            assert page.ids[f"{key}-title"] == "h4"  # heading navigation reaches it
            session_text = page.text_of(key)
            assert session_text.startswith(f"Session {n}: ")
            for ex in session.exercises:
                assert ex.name in session_text
    assert "Session 2: Thursday 2026-12-10 (20 min)" in page.text
    assert "2 × 10 s hold" in page.text_of("w01-s1")
    # The deload week's lighter dose, only where there is one.
    assert ("1 × 12" in page.text_of("w05-s1")) == long
    assert ("2 × 12" in page.text_of("w05-s1")) != long


def test_a_skip_link_week_navigation_and_dates_for_this_week(page, program):
    html = render_html(program, {})
    assert html.index('class="skip" href="#main"') < html.index("<h1>")
    assert page.ids["main"] == "main"
    for week in program.weeks:
        assert ("a", "href", f"#week-{week.number}") in page.links
    nav = page.classes["weeks-nav"]
    assert nav and nav[0]["aria-label"] == "Weeks"
    first = program.weeks[0].sessions[0].date
    assert f'data-week="1" data-start="{first.isoformat()}" data-end="2026-12-13"' in html
    assert 'id="this-week"' in html and "hidden" in html.split('id="this-week"', 1)[1][:60]


def test_every_exercise_has_a_card(page, program, long_page):
    ids = {ex.id for week in program.weeks for s in week.sessions for ex in s.exercises}
    cards = {a["id"] for a in page.classes["card"]}
    assert cards == {f"ex-{i}" for i in ids}
    card = page.text_of("ex-band_walk")
    for part in (
        "Band walk",
        "Why it is in your program: Why band walk.",
        "band walk cue",
        "Common fault band walk fault",
        "Dose 2 × 12, weeks 1–6; rest 45 s",
        "Load light band",
        "When Weeks 1–6",
        "Set-up Standing; side-to-side movement; mini band",
        "Kind of load a resistance band",
        "Movement family Band walk",
        "Evidence common practice: experts use it, but no trial has tested it (Tiny)",
    ):
        assert part in card, part
    assert "deload" not in card
    # With a deload week, the card says its lighter dose.
    assert "Dose 2 × 12, weeks 1–8; 1 × 12 in deload weeks; rest 45 s" in long_page.text_of(
        "ex-band_walk"
    )
    # Session rows link to the exercise's card.
    assert ("a", "href", "#ex-band_walk") in page.links


def test_a_full_citation_is_one_click_away_when_the_program_carries_it(program):
    data = program.to_dict()
    data["sources"] = {
        "tiny": {"citation": "Tiny T et al. A tiny trial. J Tiny 2020;1:1-2.", "url": None}
    }
    page = Page(render_html(data, {}))
    assert page.tags["details"] >= 1 and page.tags["summary"] >= 1
    card = page.text_of("ex-band_walk")
    assert "Source: Tiny" in card and "A tiny trial. J Tiny 2020;1:1-2." in card


def test_findings_safety_and_the_traffic_light(page):
    findings = page.text_of("findings")
    assert "Glutes switched off moderate" in findings
    assert "Why it matters: Your glutes are off the clock." in findings
    assert "What the program does: Activation opens every session." in findings
    assert "Evidence: weak: little or mixed research. Expert opinion only." in findings
    assert "Weaker side: left" in findings
    safety = page.text_of("safety")
    assert "Activation opens each session, before anything loaded." in safety
    assert "inhibition-activation-first" not in safety
    light = page.text_of("traffic-light")
    assert "Green: 0–3/10" in light and "Amber: 4–5/10" in light and "Red: over 5/10" in light
    assert "Silbernagel 2007" in safety
    phases = page.text_of("phases")
    assert phases.startswith(
        "Phases Phase Weeks Goal Activate and control 1–2 Switch the glutes on"
    )
    assert "Build strength 3–6 Build glute max and med strength" in phases
    assert page.text_of("phase-notes") == (
        "No deload week: at 6 weeks the program ends before one is due (a lighter week comes "
        "every 4-6 weeks). No power phase: fast work is built on strength, and at 6 weeks the "
        "program ends before there is time for both (a power phase comes in programs of 8 "
        "weeks or more)."
    )
    glossary = page.text_of("glossary")
    assert "Sets × reps 2 × 12 means 2 sets" in glossary and "Deload A lighter week" in glossary


def test_stop_signs_and_rule_notes_come_from_the_program():
    pregnant = attrs.evolve(
        PROFILE,
        precautions=("pregnancy",),
        pregnancy_trimester=2,
        pain=PROFILE.pain.replace(knee=4),
    )
    page = Page(render_html(build(pregnant), {}))
    stop = page.text_of("stop-signs")
    assert stop == "Stop and get advice if bleeding dizziness"
    assert "Pain during exercise: 0-3/10 is fine" in page.text_of("safety")
    assert "No lying on the back or front after the first trimester." in page.text_of("rules")


def test_text_is_escaped():
    program = build()
    week = program.weeks[0]
    from tiny_plugin import rx

    odd = rx("clamshell", name="Clam <b>shell</b> & co")
    session = attrs.evolve(week.sessions[0], exercises=(odd, *week.sessions[0].exercises[1:]))
    program = attrs.evolve(
        program,
        weeks=(attrs.evolve(week, sessions=(session, *week.sessions[1:])), *program.weeks[1:]),
    )
    html = render_html(program, {})
    assert "Clam &lt;b&gt;shell&lt;/b&gt; &amp; co" in html
    assert "<b>shell</b>" not in html


def test_html_and_markdown_show_the_same_program(program):
    """One view model: every table cell of the Markdown is text of the page."""
    page = Page(render_html(program, {}))
    v = view(program)
    md = render_markdown(program, {})
    for session in v.sessions:
        for ex in session.exercises:
            for cell in (ex.amount, ex.load, ex.rest, ex.minutes):
                assert cell in page.text_of(session.key)
                assert f" {cell} |" in md
            assert ex.name in page.text_of(session.key) and f"[{ex.name}](#" in md


def test_referral_page():
    page = Page(render_html(referral(), {}))
    assert "No program: see a clinician first" in page.text
    referral_text = page.text_of("referral-1")
    assert "Saddle numbness" in referral_text
    assert "How urgently emergency: get help now" in referral_text
    assert "Whom to see emergency department" in referral_text
    assert "Why Possible cauda equina syndrome." in referral_text
    assert "Age 50" in page.text_of("reported")
    assert "Take this page to the appointment" in page.text_of("appointment")
    assert "chart" not in page.ids and page.tags["svg"] == 0 and page.tags["script"] == 0
    assert not any(i.startswith("week-") for i in page.ids)
    assert "saddle_numbness" not in page.text


def test_no_issue_found_still_draws_all_work():
    page = Page(render_html(build(attrs.evolve(PROFILE, signs=())), {}))
    assert "No issue was found." in page.text_of("findings")
    label = next(a["aria-label"] for a in page.classes["chart"] if a.get("role") == "img")
    assert "All glute work:" in label


@pytest.mark.slow
def test_concurrent_renders_give_the_same_pages():
    """The API is thread-safe: the chart's matplotlib settings are held under a lock."""
    from concurrent.futures import ThreadPoolExecutor

    programs = [build(), build(attrs.evolve(PROFILE, signs=("knees_cave_in",)))]
    expected = [render_html(p, {}) for p in programs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda i: render_html(programs[i % 2], {}), range(8)))
    assert results == [expected[i % 2] for i in range(8)]


def test_effort_and_extra_sets_when_the_program_has_them(program):
    data = program.to_dict()
    ex = data["weeks"][0]["sessions"][0]["exercises"][0]
    ex.update(
        sets=3,
        reps=10,
        effort={"rpe": [6, 7], "rm": None, "rir": [2, 3]},
        extra={"side": "left", "sets": 1},
        load_type="band",
    )
    html = render_html(data, {})
    page = Page(html)
    session = page.text_of("w01-s1")
    assert "3 × 10 each side + 1 set left" in session
    # A line never breaks inside a phrase of the dose or an effort term.
    for phrase in ("3 × 10", "each side", "+ 1 set left", "RPE 6–7", "2–3 reps in reserve"):
        assert f'<span class="nw">{phrase}</span>' in html, phrase
    assert "Effort" in session and "RPE 6–7, 2–3 reps in reserve" in session
    card = page.text_of("ex-clamshell")
    assert "Effort week 1: RPE 6–7, 2–3 reps in reserve" in card
    assert "Kind of load a resistance band" in card
    assert "Extra sets + 1 set left, after the sets for each side, week 1" in card
    assert "Effort" not in page.text_of("w02-s1")  # only where the program says
    # Without the fields (stripped from the dict), nothing of them is shown.
    for ex in (e for w in data["weeks"] for s in w["sessions"] for e in s["exercises"]):
        for key in ("effort", "extra", "family", "load_type"):
            ex.pop(key)
    bare = Page(render_html(data, {}))
    for word in ("Effort", "Extra sets", "Kind of load", "Movement family", "RPE"):
        assert word not in bare.text, word


def test_a_short_phases_long_name_wraps_to_its_width():
    """Two weeks of twelve cannot hold "Activate and control" on one line: it wraps
    rather than running into the next phase's name."""
    from gluteus.plugins.documents.chart import LABEL_CHARS_PER_IN, _fit

    assert _fit("Activate and control", 8.0 * 6 / 8) == "Activate and control"
    narrow = _fit("Activate and control", 8.0 * 2 / 12)
    assert narrow.splitlines() == ["Activate and", "control"]
    assert all(len(line) < 8.0 * 2 / 12 * LABEL_CHARS_PER_IN for line in narrow.splitlines())
    assert _fit("Strength", 0.1) == "Strength"  # a word is never broken
