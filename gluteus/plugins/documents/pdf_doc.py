"""The ``pdf`` and ``cheatsheet`` formats, drawn with fpdf2 (pure Python wheels).

- :func:`render_pdf`: the whole program for print, with the chart (vector) and one
  table per session; tables break between rows, never inside one, and repeat their
  header row on the next page; a heading never sits alone at the foot of a page.
- :func:`render_cheatsheet`: the one-page Glute Activation Cheat Sheet: the
  person's activation drills with cues and dose, when to do them, the pain traffic
  light and their stop signs. The type shrinks until it fits on one page.

Both take option ``paper``: ``a4`` (default) or ``letter``. Text is set in DejaVu
Sans, the font matplotlib ships (so every character of the program prints, and no
font file needs to be vendored). The output is byte-for-byte deterministic: the
creation date is the program's start date (or a constant without one) and the
file ID is a hash of the content.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from gluteus.engine.errors import ProfileError
from gluteus.engine.view import NO_FINDINGS, NO_RULES, REFERRAL_INTRO, ProgramView, view

PAPERS = {"a4": "A4", "letter": "Letter"}
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The creation date of a program without a start date (any constant would do)."""

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
        created = dt.datetime.combine(v.start, dt.time(), tzinfo=dt.UTC) if v.start else EPOCH
        self.set_creation_date(created)
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

    def heading(self, text: str, level: int) -> None:
        size = {1: 18, 2: 14, 3: 11.5, 4: 10.5}[level]
        self.keep({1: 30, 2: 30, 3: 24, 4: 14}[level])
        self.ln({1: 0, 2: 4, 3: 2.5, 4: 1.5}[level] * self.scale)
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

    def traffic_light(self, size: float = 9.5) -> None:
        light = self.v.traffic_light
        self.para(light.rule, size)
        self.ln(1)
        rows = [
            (f"{z.colour.capitalize()}: {z.pain}", f"{z.meaning}. {z.action.capitalize()}.")
            for z in light.zones
        ]
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
    doc.heading("What your glutes are telling you", 2)
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
    doc.heading("Safety", 2)
    if v.stop_signs:
        _stop_box(doc, "Stop and get advice if:", v.stop_signs)
    if v.red_flags:
        _stop_box(doc, "Stop and see a clinician if any of these appear:", v.red_flags)
    if v.rules:
        doc.heading("Rules applied to you", 4)
        doc.bullets([f"{r.description} ({r.id}; evidence: {r.evidence_text})" for r in v.rules])
    else:
        doc.para(NO_RULES)
    if v.notes:
        doc.heading("Notes", 4)
        doc.bullets(v.notes)
    doc.heading("Pain monitoring: the traffic light", 4)
    doc.traffic_light()


def _chart(doc: Document) -> None:
    from .chart import chart_svg

    v = doc.v
    if not v.weeks:
        return
    width = doc.epw
    height = width * 0.45
    doc.keep(height + 30)  # the heading, the chart and its caption stay together
    doc.heading(v.chart.title, 2)
    svg = chart_svg(v.chart, width_in=width / 25.4, height_in=height / 25.4, text_as_paths=True)
    doc.image(io.BytesIO(svg.encode("utf-8")), x=doc.l_margin, w=width, h=height)
    doc.ln(1)
    doc.para(
        v.chart.caption,
        8.5,
        "I",
        MUTED,
    )


SESSION_WIDTHS = (4, 27, 18, 10, 29, 7, 6)
SESSION_ROW = 9 * 0.5 * 1.15 + 0.6  # mm: one line of a 9 pt table cell, with padding
SESSION_ALIGN = ("RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT")


def _weeks(doc: Document) -> None:
    from gluteus.engine.view import SESSION_HEADERS

    # A session's title stays with its header row and first two rows (of up to three
    # lines each), and a week's heading with its first session.
    session_start = 6 + 2 * SESSION_ROW + 2 * 3 * SESSION_ROW
    for week in doc.v.weeks:
        doc.keep(session_start + 14)
        doc.heading(week.title, 2)
        for session in week.sessions:
            doc.keep(session_start)
            doc.para(session.title, 10.5, "B")
            doc.ln(0.8)
            rows = [
                (str(ex.index), ex.name, ex.dose, ex.side, ex.load, ex.rest, ex.minutes)
                for ex in session.exercises
            ]
            doc.table_rows(SESSION_HEADERS, rows, SESSION_WIDTHS, SESSION_ALIGN)


def _card(doc: Document, card: Any) -> None:
    doc.para(f"{card.name} ({card.role})", 11, "B")
    doc.ln(0.5)
    if card.why:
        doc.labelled("Why it is in your program:", card.why, 9.5)
    tempo = f"; tempo {card.tempo}" if card.tempo else ""
    doc.labelled(
        "Dose:", f"{card.dose}; {card.side}; load {card.load}; rest {card.rest}{tempo}", 9.5
    )
    if card.cues:
        doc.labelled("Cues:", "", 9.5)
        doc.bullets(card.cues, 9.5)
    if card.fault:
        doc.labelled("Common fault:", card.fault, 9.5)
    doc.labelled(
        "Set-up:",
        f"{card.position}; planes: {', '.join(card.planes)}; {card.equipment}",
        9.5,
    )
    if card.ladder:
        doc.labelled("Progression:", card.ladder, 9.5)
    source = f" ({card.source})" if card.source else ""
    doc.labelled("Evidence:", f"{card.evidence_text}{source}", 9.5)
    doc.ln(3)


def _guide(doc: Document) -> None:
    if not doc.v.cards:
        return
    doc.keep(doc.measure(functools.partial(_card, doc, doc.v.cards[0])) + 16)
    doc.heading("Exercise guide", 2)  # ... with its first card
    for card in doc.v.cards:
        doc.together(functools.partial(_card, doc, card))


def _referral(doc: Document) -> None:
    v = doc.v
    doc.para(REFERRAL_INTRO)
    doc.ln(2)
    for r in v.referrals:
        _stop_box(doc, r.title, [r.message, f"Urgency: {r.urgency_text}", f"See: {r.see}"])
    if v.warnings:
        doc.bullets(v.warnings)


def render_pdf(program: Any, options: Mapping[str, Any] | None = None) -> bytes:
    """The program (or referral) as a PDF for print; option ``paper``: a4 or letter."""
    v = view(program)
    doc = Document(v, paper(options), footer_text=f"{v.title} · gluteus {v.version}")
    doc.add_page()
    doc.heading(v.title, 1)
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
        doc.heading("Phases", 2)
        doc.table_rows(headers, rows, widths, ("LEFT", "LEFT", "LEFT"), 9.5)
    _chart(doc)
    _weeks(doc)
    _guide(doc)
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
SCALES = (1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62, 0.56, 0.5)


def _cheatsheet(v: ProgramView, page_format: str, scale: float, max_cues: int | None) -> Document:
    who = f" for {v.name}" if v.name else ""
    doc = Document(
        v, page_format, footer_text=f"{CHEATSHEET_TITLE}{who} · gluteus {v.version}", scale=scale
    )
    doc.add_page()
    doc.para(CHEATSHEET_TITLE + who, 18, "B", ACCENT)
    doc.ln(1)
    if v.status == "referral":
        doc.heading(v.title, 3)
        _referral(doc)
        return doc
    doc.heading("When", 4)
    doc.bullets(WHEN, 9.5)
    doc.heading("Your activation drills", 4)
    drills = v.activation
    if not drills:
        doc.para("Your program has no separate activation drills.", 9.5)
    for card in drills:
        cues = card.cues if max_cues is None else card.cues[:max_cues]
        doc.para(card.name, 10.5, "B")
        dose = f"{card.dose}; {card.side}; rest {card.rest}"
        doc.labelled("Dose:", dose, 9)
        if cues:
            doc.labelled("Cues:", "; ".join(cues), 9)
        if card.fault:
            doc.labelled("Watch for:", card.fault, 9)
        doc.ln(1.2 * scale)
    doc.heading("Pain monitoring: the traffic light", 4)
    doc.traffic_light(9)
    doc.ln(1)
    stops = list(v.stop_signs) + list(v.red_flags)
    if stops:
        _stop_box(doc, "Your stop signs: stop and get advice if", stops, 9.5)
    else:
        doc.para(
            "No condition-specific stop signs apply to you: red on the traffic light means "
            "stop that exercise for today.",
            9,
            "I",
        )
    return doc


def render_cheatsheet(program: Any, options: Mapping[str, Any] | None = None) -> bytes:
    """The one-page Glute Activation Cheat Sheet of the program; option ``paper``."""
    v = view(program)
    page_format = paper(options)
    for max_cues in (None, 2, 1):
        for scale in SCALES:
            doc = _cheatsheet(v, page_format, scale, max_cues)
            if doc.pages_count == 1:
                return doc.output_bytes()
    raise ValueError("the cheat sheet does not fit on one page even in the smallest type")
