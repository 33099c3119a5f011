"""The ``pdf`` and ``cheatsheet`` formats, drawn with fpdf2 (pure Python wheels).

- :func:`render_pdf`: the whole program for print, with the chart (vector) and one
  table per session with a tick box for every set and a line to log pain and the
  date; tables break between rows, never inside one, and repeat their header row
  on the next page; a heading never sits alone at the foot of a page. Bookmarks
  lead to each part and each week. A referral is a page to take to the
  appointment: whom to see, how urgently, why, and what the person reported.
- :func:`render_cheatsheet`: the one-page Glute Activation Cheat Sheet: the
  person's activation drills with the weeks each applies to, cues and dose, when
  to do them, the pain traffic light and their stop signs. The type is as large
  as still fits on one page.

Both take option ``paper``: ``a4`` (default) or ``letter``. Text is set in DejaVu
Sans, the font matplotlib ships (so every character of the program prints, and no
font file needs to be vendored). The output is byte-for-byte deterministic: the
creation date is the Unix epoch, the conventional "no date" of reproducible
builds (gluteus records no real creation time, and does not pretend one), and the
file ID is a hash of the content.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from gluteus.engine.errors import ProfileError
from gluteus.engine.view import (
    DELOAD_HEADING,
    NO_FINDINGS,
    NO_RULES,
    READINGS_INTRO,
    REFERRAL_AFTER,
    REFERRAL_BRING,
    REFERRAL_INTRO,
    CardView,
    ProgramView,
    SessionView,
    card_items,
    evidence_words,
    referral_items,
    view,
    weeks_words,
)

PAPERS = {"a4": "A4", "letter": "Letter"}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
"""The creation date written: the Unix epoch, "no date" (a PDF must carry one)."""

FONT = "DejaVu"
INK = (29, 35, 39)
MUTED = (91, 103, 112)
ACCENT = (11, 93, 143)
LINE = (217, 222, 226)
SOFT = (240, 243, 246)
FILLS = {
    "green": (231, 244, 233),
    "amber": (255, 244, 214),
    "red": (253, 236, 235),
}
EDGES = {"green": (30, 125, 50), "amber": (138, 90, 0), "red": (179, 38, 30)}


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def paper(options: Mapping[str, Any] | None) -> str:
    """The fpdf2 page format for option ``paper`` (``a4`` or ``letter``)."""
    name = str((options or {}).get("paper") or "a4").lower()
    if name not in PAPERS:
        raise ProfileError(f"unknown paper {name!r}; expected one of {', '.join(PAPERS)}")
    return PAPERS[name]


class Document(FPDF):
    """An fpdf2 document with gluteus's type, colours and a small set of blocks."""

    def __init__(self, v: ProgramView, page_format: str, *, footer_text: str, scale: float = 1.0):
        super().__init__(orientation="portrait", unit="mm", format=page_format)
        self.v = v
        self.scale = scale
        self.footer_text = footer_text
        fonts = _font_dir()
        self.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=16)
        self.set_creation_date(EPOCH)
        self.set_title(v.title)
        if v.name:
            self.set_author(v.name)
        self.set_creator(f"gluteus {v.version}")
        self.set_lang("en")
        self.set_text_color(*INK)
        self.set_draw_color(*LINE)
        self._dry: float | None = None  # while measuring: the height so far

    # --- measuring without drawing ----------------------------------------------------
    #
    # fpdf2's offset_rendering() deep-copies the whole document (fonts included) for
    # each trial, far too slow for one trial per exercise card; blocks here measure
    # themselves instead, with multi_cell(dry_run=True).

    def measure(self, draw: Callable[[], None]) -> float:
        """The height ``draw`` would take, in mm; nothing is drawn."""
        outer, self._dry = self._dry, 0.0
        try:
            draw()
            return self._dry
        finally:
            self._dry = outer

    def ln(self, h: float | None = None) -> None:
        if self._dry is not None:
            self._dry += float(getattr(self, "lasth", 0.0)) if h is None else h
        else:
            super().ln(h)

    def _multi(self, h: float, text: str, **kwargs: Any) -> None:
        if self._dry is not None:
            height = self.multi_cell(
                0, h, text, dry_run=True, output="HEIGHT", new_x=XPos.LMARGIN, **kwargs
            )
            self._dry += cast(float, height)
        else:
            self.multi_cell(0, h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **kwargs)

    # --- page furniture -------------------------------------------------------------

    def footer(self) -> None:
        self.set_y(-11)
        self.font(7, "")
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    # --- blocks ---------------------------------------------------------------------

    def font(self, size: float, style: str = "") -> None:
        self.set_font(FONT, style=style, size=size * self.scale)

    def line_height(self, size: float) -> float:
        return size * self.scale * 0.5

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit below the cursor."""
        if self._dry is None and height <= self.eph and self.will_page_break(height):
            self.add_page()

    def para(self, text: str, size: float = 10, style: str = "", colour: Any = None) -> None:
        self.font(size, style)
        if colour:
            self.set_text_color(*colour)
        self._multi(self.line_height(size), text, align="L")
        self.set_text_color(*INK)

    def heading(self, text: str, level: int, bookmark: int | None = None) -> None:
        """A heading; with ``bookmark`` (an outline level), also an entry in the PDF's
        bookmarks."""
        size = {1: 18, 2: 14, 3: 11.5, 4: 10.5}[level]
        self.keep({1: 30, 2: 30, 3: 24, 4: 14}[level])
        self.ln({1: 0, 2: 4, 3: 2.5, 4: 1.5}[level] * self.scale)
        if bookmark is not None and self._dry is None:
            self.start_section(text, level=bookmark)
        self.para(text, size, "B", ACCENT if level == 2 else None)
        if level == 2 and self._dry is None:
            self.set_draw_color(*ACCENT)
            self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
            self.set_draw_color(*LINE)
        if level == 2:
            self.ln(2 * self.scale)
        else:
            self.ln(0.8 * self.scale)

    def labelled(self, label: str, text: str, size: float = 10) -> None:
        self.font(size, "")
        self._multi(self.line_height(size), f"**{_md(label)}** {_md(text)}", markdown=True)

    def bullets(self, items: Sequence[str], size: float = 10, colour: Any = None) -> None:
        self.font(size, "")
        indent = 5 * self.scale
        for item in items:
            if colour:
                self.set_text_color(*colour)
            self.set_x(self.l_margin + indent)
            if self._dry is None:
                self.set_x(self.l_margin + 1.5)
                self.cell(indent - 1.5, self.line_height(size), "•")
            self.set_left_margin(self.l_margin + indent)
            self._multi(self.line_height(size), item, align="L")
            self.set_left_margin(self.l_margin - indent)
            self.set_x(self.l_margin)
            self.set_text_color(*INK)
        self.ln(1 * self.scale)

    def _inset(self, draw: Callable[[], None], pad: float = 4) -> Callable[[], None]:
        def inset() -> None:
            self.set_left_margin(self.l_margin + pad)
            self.set_x(self.l_margin)
            self.ln(1.5)
            draw()
            self.ln(0.3)
            self.set_left_margin(self.l_margin - pad)
            self.set_x(self.l_margin)

        return inset

    def box(self, draw: Callable[[], None], fill: tuple[int, int, int], edge: Any) -> None:
        """Draw ``draw``'s content on a tinted panel with a coloured left edge, moved
        whole to the next page when it would break."""
        inset = self._inset(draw)
        height = self.measure(inset)
        if self._dry is None and height <= self.eph:  # no tint for a box taller than a page
            self.keep(height)
            top = self.get_y()
            self.set_fill_color(*fill)
            self.rect(self.l_margin, top, self.epw, height, style="F")
            self.set_fill_color(*edge)
            self.rect(self.l_margin, top, 1.2, height, style="F")
            # Back to fpdf2's default: tables and the chart's SVG read the fill colour.
            self.set_fill_color(0)
        inset()
        self.ln(2 * self.scale)

    def table_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str],
        size: float = 9,
        fills: Sequence[Any] | None = None,
        bold_first: bool = False,
    ) -> None:
        self.font(size, "")
        with self.table(
            col_widths=tuple(widths),
            text_align=tuple(align),
            headings_style=FontFace(emphasis="BOLD", fill_color=SOFT, color=INK),
            borders_layout="HORIZONTAL_LINES",
            line_height=self.line_height(size) * 1.15,
            padding=(0.9 * self.scale, 1.2),
            repeat_headings=1,
            v_align="TOP",
            first_row_as_headings=bool(headers),
        ) as table:
            if headers:
                table.row(list(headers))
            for i, cells in enumerate(rows):
                style = FontFace(fill_color=fills[i]) if fills and fills[i] else None
                row = table.row(style=style)
                for j, cell in enumerate(cells):
                    bold = FontFace(emphasis="BOLD") if bold_first and j == 0 else None
                    row.cell(cell, style=bold)
        self.ln(2.5 * self.scale)

    def row_height(self, cells: Sequence[str], widths: Sequence[float], size: float = 9) -> float:
        """The height, in mm, :meth:`table_rows` gives a row of ``cells`` (``widths`` in
        parts of the page width, as there), found by a dry run of each cell's wrapping."""
        self.font(size, "")
        line = self.line_height(size) * 1.15
        total = sum(widths)
        lines = 1
        for text, part in zip(cells, widths, strict=True):
            width = self.epw * part / total - 2 * 1.2  # the cell's left and right padding
            wrapped = self.multi_cell(width, line, text, dry_run=True, output="LINES")
            lines = max(lines, len(cast(list[str], wrapped)))
        return lines * line + 2 * 0.9 * self.scale

    def together(self, draw: Callable[[], None]) -> None:
        """Draw ``draw`` on one page: moved whole to the next page when it would break."""
        self.keep(self.measure(draw))
        draw()

    def traffic_light(self, size: float = 9.5, heading: str | None = None) -> None:
        """The pain traffic light (under ``heading``), kept whole on one page."""
        light = self.v.traffic_light
        rows = [
            (f"{z.colour.capitalize()}: {z.pain}", f"{z.meaning}. {z.action.capitalize()}.")
            for z in light.zones
        ]

        def text() -> None:
            self.para(light.rule, size)
            self.ln(1)
            self.para(f"After the {light.source}.", size - 1.5, "I", MUTED)

        # The table draws as it goes, so its rows are measured one by one.
        height = self.measure(text) + sum(self.row_height(r, (22, 78), size) for r in rows)
        self.keep(height + 2.5 * self.scale + (14 if heading else 0))
        if heading:
            self.heading(heading, 4)
        self.para(light.rule, size)
        self.ln(1)
        self.table_rows(
            (),
            rows,
            (22, 78),
            ("LEFT", "LEFT"),
            size,
            fills=[FILLS[z.colour] for z in light.zones],
            bold_first=True,
        )
        self.para(f"After the {light.source}.", size - 1.5, "I", MUTED)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def _md(text: str) -> str:
    # fpdf2's markdown reads **, __ and -- as markers; keep the program's text literal.
    return (
        text.replace("\\", "\\\\")
        .replace("**", "\\*\\*")
        .replace("__", "\\_\\_")
        .replace("--", "\\-\\-")
    )


# --- The program ---------------------------------------------------------------------


def _findings(doc: Document) -> None:
    v = doc.v
    doc.heading("What your glutes are telling you", 2, bookmark=0)
    if not v.findings:
        doc.para(NO_FINDINGS)
    for f in v.findings:
        doc.heading(f.title, 3)
        if f.message:
            doc.labelled("Why it matters:", f.message)
        if f.fix:
            doc.labelled("What the program does:", f.fix)
        items = []
        if f.signs:
            items.append("Signs you noticed: " + ", ".join(f.signs))
        items += [f"Test: {t}" for t in f.tests]
        if f.weaker_side:
            items.append(f"Weaker side: {f.weaker_side}")
        items += list(f.notes)
        if items:
            doc.ln(0.5)
            doc.bullets(items)
        if f.evidence_text:
            note = f". {f.evidence_note}" if f.evidence_note else ""
            doc.para(f"Evidence: {f.evidence_text}{note}", 9, "I", MUTED)
    if v.not_counted:
        doc.ln(1)
        doc.para(f"Also screened, not counted: {'; '.join(v.not_counted)}.", 9, "", MUTED)
    if v.quiet:
        doc.ln(1)
        doc.para(f"Also screened, nothing found: {', '.join(v.quiet)}.", 9, "", MUTED)


def _stop_box(doc: Document, title: str, items: Sequence[str], size: float = 10) -> None:
    def draw() -> None:
        doc.para(title, size, "B", EDGES["red"])
        doc.bullets(items, size)

    doc.box(draw, FILLS["red"], EDGES["red"])


def _safety(doc: Document) -> None:
    v = doc.v
    doc.heading("Safety", 2, bookmark=0)
    if v.stop_signs:
        _stop_box(doc, "Stop and get advice if:", v.stop_signs)
    if v.red_flags:
        _stop_box(doc, "Stop and see a clinician if any of these appear:", v.red_flags)
    doc.traffic_light(heading="Pain monitoring: the traffic light")
    doc.heading("Rules applied to you", 4)
    if v.readings:
        doc.para(READINGS_INTRO)
        doc.bullets(v.readings)
    if v.rules:
        doc.bullets(
            [
                f"{r.description} Evidence: {evidence_words(r.evidence_text, r.source)}."
                for r in v.rules
            ]
        )
    else:
        doc.para(NO_RULES)
    if v.notes:
        doc.heading("Notes", 4)
        doc.bullets(v.notes)


def _chart(doc: Document) -> None:
    from .chart import chart_svg

    v = doc.v
    if not v.weeks:
        return
    width = doc.epw
    height = width * 0.45
    doc.keep(height + 30)  # the heading, the chart and its caption stay together
    doc.heading(v.chart.title, 2, bookmark=0)
    svg = chart_svg(
        v.chart,
        width_in=width / 25.4,
        height_in=height / 25.4,
        text_as_paths=True,
        title=False,
    )
    doc.image(io.BytesIO(svg.encode("utf-8")), x=doc.l_margin, w=width, h=height)
    doc.ln(1)
    doc.para(
        v.chart.caption,
        8.5,
        "I",
        MUTED,
    )


SESSION_HEADERS = ("#", "Exercise", "Sets × reps", "Rest", "Min", "Load", "Done")
SESSION_WIDTHS = (4, 25, 19, 7, 6, 28, 11)
SESSION_ALIGN = ("RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT")
TICK = "☐"
LOG_LINE = "Date: ____________    Pain during: ____ /10    Next morning: ____ /10"


def _ticks(sets: int) -> str:
    """A box to tick for every set (two rows of boxes for many sets)."""
    boxes = [TICK] * max(1, sets)
    return " ".join(boxes[:5]) + ("\n" + " ".join(boxes[5:]) if sets > 5 else "")


def _session_rows(session: SessionView) -> list[tuple[str, ...]]:
    effort = any(ex.effort for ex in session.exercises)
    rows: list[tuple[str, ...]] = []
    for ex in session.exercises:
        load = f"{ex.load}\nEffort: {ex.effort}" if effort and ex.effort else ex.load
        ticks = _ticks(ex.sets + ex.extra_sets)  # the weaker side's extra sets get boxes too
        rows.append((str(ex.index), ex.name, ex.amount, ex.rest, ex.minutes, load, ticks))
    return rows


def _session_start(doc: Document, session: SessionView) -> float:
    """The height of a session's title, header row and first two rows, measured (a row
    with a long load or effort runs to many lines): what must fit below its title."""
    rows = _session_rows(session)[:2]
    return (
        6
        + doc.row_height(SESSION_HEADERS, SESSION_WIDTHS)
        + sum(doc.row_height(row, SESSION_WIDTHS) for row in rows)
    )


def _session(doc: Document, session: SessionView) -> None:
    """A session's title and table, the title never alone at the foot of a page."""
    doc.keep(_session_start(doc, session))
    doc.para(session.title, 10.5, "B")
    doc.ln(0.8)
    doc.table_rows(SESSION_HEADERS, _session_rows(session), SESSION_WIDTHS, SESSION_ALIGN)
    doc.para(LOG_LINE, 8.5, "", MUTED)
    doc.ln(1.5)


def _weeks(doc: Document) -> None:
    # A week's heading stays with its first session's start.
    first = True
    for week in doc.v.weeks:
        if week.sessions:
            doc.keep(_session_start(doc, week.sessions[0]) + 14)
        if first:
            # The weeks' parent bookmark, pointing at the first week.
            doc.start_section("Your weeks", level=0)
            first = False
        doc.heading(week.title, 2, bookmark=1)
        for session in week.sessions:
            _session(doc, session)


def _card(doc: Document, card: CardView) -> None:
    doc.para(f"{card.name} ({card.role})", 11, "B")
    doc.ln(0.5)
    for label, text in card_items(card):
        if label == "Cues:":
            doc.labelled("Cues:", "", 9.5)
            doc.bullets(card.cues, 9.5)
        elif label == "Why:":
            doc.labelled("Why it is in your program:", text, 9.5)
        else:
            doc.labelled(label, text, 9.5)
    if card.source is not None and card.source.citation:
        doc.para(f"{card.source.label}: {card.source.citation}", 8, "I", MUTED)
    doc.ln(3)


def _guide(doc: Document) -> None:
    if not doc.v.cards:
        return
    doc.keep(doc.measure(functools.partial(_card, doc, doc.v.cards[0])) + 16)
    doc.heading("Exercise guide", 2, bookmark=0)  # ... with its first card
    for card in doc.v.cards:
        doc.together(functools.partial(_card, doc, card))


def _glossary(doc: Document) -> None:
    if not doc.v.glossary:
        return
    first = doc.v.glossary[0]
    doc.keep(30 + doc.measure(lambda: doc.labelled(first.term + ":", first.meaning, 9.5)))
    doc.heading("Words used in this program", 2, bookmark=0)
    for entry in doc.v.glossary:
        doc.labelled(f"{entry.term}:", entry.meaning, 9.5)
        doc.ln(0.8)


def _referral(doc: Document) -> None:
    v = doc.v
    doc.para(REFERRAL_INTRO)
    doc.ln(2)
    for r in v.referrals:
        items = [f"{label} {text}" for label, text in referral_items(r)]
        _stop_box(doc, r.title, items)
    if v.facts:
        doc.heading("What you reported", 4)
        doc.bullets([f"{label}: {text}" for label, text in v.facts])
    doc.heading("At the appointment", 4)
    doc.para(REFERRAL_BRING)
    doc.ln(1)
    doc.para(REFERRAL_AFTER)
    if v.warnings:
        doc.ln(2)
        doc.bullets(v.warnings)


def render_pdf(program: Any, options: Mapping[str, Any] | None = None) -> bytes:
    """The program (or referral) as a PDF for print; option ``paper``: a4 or letter."""
    v = view(program)
    doc = Document(v, paper(options), footer_text=f"{v.title} · gluteus {v.version}")
    doc.add_page()
    doc.heading(v.title, 1, bookmark=0)
    if v.status == "referral":
        _referral(doc)
        return doc.output_bytes()
    doc.para(v.summary, 10.5)
    doc.para(v.made_by, 8.5, "", MUTED)
    if v.warnings:

        def warnings() -> None:
            doc.para("Warnings", 10.5, "B", EDGES["amber"])
            doc.bullets(v.warnings)

        doc.ln(2)
        doc.box(warnings, FILLS["amber"], EDGES["amber"])
    _findings(doc)
    _safety(doc)
    if v.phases:
        headers, widths = ("Phase", "Weeks", "Goal"), (22, 12, 66)
        rows = [(p.name, p.span, p.goal) for p in v.phases]
        # The heading stays with the table's header and first row (a goal wraps to
        # several lines): a heading alone at the foot of a page says nothing.
        doc.keep(30 + doc.row_height(headers, widths, 9.5) + doc.row_height(rows[0], widths, 9.5))
        doc.heading("Phases", 2, bookmark=0)
        doc.table_rows(headers, rows, widths, ("LEFT", "LEFT", "LEFT"), 9.5)
        if v.phase_notes:
            doc.heading(DELOAD_HEADING, 4)
            doc.bullets(v.phase_notes, 9.5)
    _chart(doc)
    _weeks(doc)
    _guide(doc)
    _glossary(doc)
    return doc.output_bytes()


# --- The cheat sheet ---------------------------------------------------------------------

CHEATSHEET_TITLE = "Glute Activation Cheat Sheet"
WHEN = (
    "Before every session: these drills open it, before anything else.",
    "Before lifting: before any loaded exercise (band, weights), in the program or in a "
    "workout of your own, so the glutes lead the movement.",
    "Slow and controlled; you should feel the glutes working. Stop short of pain (see the "
    "traffic light).",
)
SCALES = tuple(round(1.4 - 0.03 * i, 2) for i in range(31))
"""Type sizes tried, largest first (1.4 to 0.5): the sheet uses the largest that fits
one page, so a short program gets large type and a long one still fits."""


def drill_plan(v: ProgramView) -> list[tuple[str, list[str]]]:
    """Which drills in which weeks: runs of weeks with the same activation drills,
    e.g. ``("Weeks 1–2", ["Fire hydrant", "Clamshell"])``."""
    drills = {c.id: c for c in v.activation}
    plan: list[tuple[list[int], list[str]]] = []
    for week in v.weeks:
        names: list[str] = []
        for session in week.sessions:
            for ex in session.exercises:
                if ex.id in drills and drills[ex.id].name not in names:
                    names.append(drills[ex.id].name)
        if plan and plan[-1][1] == names:
            plan[-1][0].append(week.number)
        else:
            plan.append(([week.number], names))
    return [(weeks_words(weeks).capitalize(), names) for weeks, names in plan if names]


def _cheatsheet(v: ProgramView, page_format: str, scale: float, max_cues: int | None) -> Document:
    who = f" for {v.name}" if v.name else ""
    doc = Document(
        v, page_format, footer_text=f"{CHEATSHEET_TITLE}{who} · gluteus {v.version}", scale=scale
    )
    doc.set_margins(12, 12, 12)
    doc.add_page()
    doc.para(CHEATSHEET_TITLE + who, 18, "B", ACCENT)
    doc.ln(1)
    if v.status == "referral":
        doc.heading(v.title, 3)
        _referral(doc)
        return doc
    doc.heading("When", 4)
    doc.bullets(WHEN, 9.5)
    plan = drill_plan(v)
    if plan:
        doc.heading("Which drills when", 4)
        doc.table_rows(
            (),
            [(weeks, ", ".join(names)) for weeks, names in plan],
            (18, 82),
            ("LEFT", "LEFT"),
            9.5,
            bold_first=True,
        )
    doc.heading("Your activation drills", 4)
    drills = v.activation
    if not drills:
        doc.para("Your program has no separate activation drills.", 9.5)
    for card in drills:
        cues = card.cues if max_cues is None else card.cues[:max_cues]
        when = f" ({card.when})" if card.when else ""
        doc.para(card.name + when, 10.5, "B")
        dose = "; ".join(p for p in (card.dose, card.side, f"rest {card.rest}") if p)
        doc.labelled("Dose:", dose, 9.5)
        if card.extra:
            doc.labelled("Extra sets:", card.extra, 9.5)
        if card.effort:
            doc.labelled("Effort:", card.effort, 9.5)
        if cues:
            doc.labelled("Cues:", "; ".join(cues), 9.5)
        if card.fault:
            doc.labelled("Watch for:", card.fault, 9.5)
        doc.ln(1.2 * scale)
    doc.traffic_light(9.5, heading="Pain monitoring: the traffic light")
    doc.ln(1)
    stops = list(v.stop_signs) + list(v.red_flags)
    if stops:
        _stop_box(doc, "Your stop signs: stop and get advice if", stops, 9.5)
    else:
        doc.para(
            "No condition-specific stop signs apply to you: red on the traffic light means "
            "stop that exercise for today.",
            9.5,
            "I",
        )
    return doc


def _used(doc: Document) -> float:
    """How much page height ``doc``'s content takes, in mm (over all its pages)."""
    body = doc.h - doc.t_margin - doc.b_margin
    return (doc.pages_count - 1) * body + (doc.get_y() - doc.t_margin)


def _largest_fitting(v: ProgramView, page_format: str, max_cues: int | None) -> Document | None:
    """The sheet in the largest type of :data:`SCALES` that fits on one page, or None.

    Each trial builds a whole document, so the search first aims where the text's
    height says it should (height grows roughly with the square of the type size,
    re-aimed from each trial), then walks to the boundary from there: a few trials
    instead of one per size.
    """
    trials: dict[int, Document] = {}

    def trial(k: int) -> Document:
        if k not in trials:
            trials[k] = _cheatsheet(v, page_format, SCALES[k], max_cues)
        return trials[k]

    def index(scale: float) -> int:
        return next((k for k, s in enumerate(SCALES) if s <= scale), len(SCALES) - 1)

    i = index(1.0)
    for _ in range(3):
        doc = trial(i)
        body = doc.h - doc.t_margin - doc.b_margin
        used = _used(doc)
        aim = index(SCALES[i] * math.sqrt(body / used)) if used > 0 else 0
        if aim == i or aim in trials:
            break
        i = aim
    if trial(i).pages_count == 1:
        while i > 0 and trial(i - 1).pages_count == 1:
            i -= 1
        return trials[i]
    while i + 1 < len(SCALES):
        i += 1
        if trial(i).pages_count == 1:
            return trials[i]
    return None


def render_cheatsheet(program: Any, options: Mapping[str, Any] | None = None) -> bytes:
    """The one-page Glute Activation Cheat Sheet of the program; option ``paper``."""
    v = view(program)
    page_format = paper(options)
    for max_cues in (None, 2, 1):
        doc = _largest_fitting(v, page_format, max_cues)
        if doc is not None:
            return doc.output_bytes()
    raise ValueError("the cheat sheet does not fit on one page even in the smallest type")
