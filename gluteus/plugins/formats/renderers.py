"""The built-in output formats: ``text``, ``markdown`` and ``json``.

Every renderer reads the program through ``program.to_dict()`` (the JSON of SPEC §2):
JSON writes it as it is; every other format, here and in the ``documents`` plugin
(HTML, PDF, calendar), reads the one view model of :mod:`.view`, so the formats can
never disagree with each other or with the machine-readable output. Text, Markdown
and the terminal share one document builder, :func:`document`, that turns the view
into a short list of blocks (headings, paragraphs, lists, tables); each format only
decides how a block looks. Rendering is pure: no I/O, no click.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from attrs import frozen

from gluteus.engine.model import Renderer

from .view import NO_FINDINGS, NO_RULES, REFERRAL_INTRO, ProgramView, as_dict, view

WIDTH = 78
"""Text output wraps paragraphs and lists at this many characters."""


# --- A tiny document model shared by text, Markdown and the terminal -----------------
#
# ``tone`` is a hint for formats with colour (the terminal): "warning", "stop",
# "muted"; plain text and Markdown ignore it.


@frozen
class Heading:
    level: int
    text: str
    tone: str | None = None


@frozen
class Para:
    text: str
    tone: str | None = None


@frozen
class Bullets:
    items: tuple[str, ...]
    tone: str | None = None


@frozen
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-align these columns in text
    tone: str | None = None
    nowrap: tuple[bool, ...] = ()  # never wrap these columns (ids to copy) in the terminal


Block = Heading | Para | Bullets | Table


def _header(v: ProgramView) -> list[Block]:
    return [Heading(1, v.title), Para(v.summary), Para(v.made_by, tone="muted")]


def _warnings(v: ProgramView) -> list[Block]:
    if not v.warnings:
        return []
    return [Heading(2, "Warnings", tone="warning"), Bullets(v.warnings, tone="warning")]


def _findings(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [Heading(2, "What your glutes are telling you")]
    if not v.findings:
        blocks.append(Para(NO_FINDINGS))
    for f in v.findings:
        blocks.append(Heading(3, f.title))
        if f.message:
            blocks.append(Para(f"Why it matters: {f.message}"))
        if f.fix:
            blocks.append(Para(f"What the program does: {f.fix}"))
        items: list[str] = []
        if f.signs:
            items.append("Signs you noticed: " + ", ".join(f.signs))
        items.extend(f"Test: {t}" for t in f.tests)
        if f.weaker_side:
            items.append(f"Weaker side: {f.weaker_side}")
        items.extend(f.notes)
        if f.evidence_text:
            caveat = f"Evidence: {f.evidence_text}"
            if f.evidence_note:
                caveat += f". {f.evidence_note}"
            items.append(caveat)
        if items:
            blocks.append(Bullets(tuple(items)))
    if v.quiet:
        blocks.append(Para(f"Also screened, nothing found: {', '.join(v.quiet)}."))
    return blocks


def _safety(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Safety")]
    if v.rules:
        blocks.append(Para("Rules applied to you:"))
        blocks.append(
            Bullets(
                tuple(f"{r.description} ({r.id}; evidence: {r.evidence_text})" for r in v.rules)
            )
        )
    if v.stop_signs:
        blocks.append(Para("Stop and get advice if:", tone="stop"))
        blocks.append(Bullets(v.stop_signs, tone="stop"))
    if v.red_flags:
        blocks.append(Para("Stop and see a clinician if any of these appear:", tone="stop"))
        blocks.append(Bullets(v.red_flags, tone="stop"))
    if v.notes:
        blocks.append(Para("Pain monitoring and notes:"))
        blocks.append(Bullets(v.notes))
    if len(blocks) == 1:
        blocks.append(Para(NO_RULES))
    return blocks


def _phases(v: ProgramView) -> list[Block]:
    if not v.phases:
        return []
    rows = tuple((p.name, p.span, p.goal) for p in v.phases)
    return [Heading(2, "Phases"), Table(("Phase", "Weeks", "Goal"), rows, (False, False, False))]


SESSION_HEADERS = ("#", "Exercise", "Sets × reps/hold", "Side", "Load", "Rest", "Min")
SESSION_NUMERIC = (True, False, False, False, False, True, True)


def _weeks(v: ProgramView) -> list[Block]:
    blocks: list[Block] = []
    seen: set[str] = set()
    for week in v.weeks:
        blocks.append(Heading(2, week.title))
        for session in week.sessions:
            blocks.append(Heading(3, session.title))
            rows = tuple(
                (str(ex.index), ex.name, ex.dose, ex.side, ex.load, ex.rest, ex.minutes)
                for ex in session.exercises
            )
            blocks.append(Table(SESSION_HEADERS, rows, SESSION_NUMERIC))
            # Cues are printed where an exercise first appears; the guide at the end
            # repeats them for every exercise.
            cues = []
            for ex in session.exercises:
                if ex.id in seen:
                    continue
                seen.add(ex.id)
                text = f"{ex.name}: " + "; ".join(ex.cues) if ex.cues else ex.name
                if ex.tempo:
                    text += f" (tempo {ex.tempo})"
                cues.append(text)
            if cues:
                blocks.append(Para("Cues:"))
                blocks.append(Bullets(tuple(cues)))
    return blocks


def _guide(v: ProgramView) -> list[Block]:
    if not v.cards:
        return []
    blocks: list[Block] = [Heading(2, "Exercise guide")]
    for card in v.cards:
        blocks.append(Heading(3, f"{card.name} ({card.id})"))
        items: list[str] = []
        if card.why:
            items.append(f"Why: {card.why}")
        if card.cues:
            items.append("Cues: " + "; ".join(card.cues))
        if card.fault:
            items.append(f"Watch for: {card.fault}")
        items.append(
            f"Position: {card.position}; planes: {', '.join(card.planes)}; {card.equipment}"
        )
        if card.ladder:
            items.append(f"Progression: {card.ladder}")
        evidence = f"Evidence: {card.evidence_text}"
        if card.source:
            evidence += f" ({card.source})"
        items.append(evidence)
        blocks.append(Bullets(tuple(items)))
    return blocks


def _referral(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, v.title, tone="stop"),
        Para(REFERRAL_INTRO),
    ]
    for r in v.referrals:
        blocks.append(Heading(2, r.title, tone="stop"))
        blocks.append(Para(r.message))
        blocks.append(Bullets((f"Urgency: {r.urgency_text}", f"See: {r.see}")))
    blocks.extend(_warnings(v))
    return blocks


def document(program: Any) -> list[Block]:
    """The blocks a person reads, in order, built from the program's :func:`view`."""
    v = program if isinstance(program, ProgramView) else view(program)
    if v.status == "referral":
        return _referral(v)
    return [
        *_header(v),
        *_warnings(v),
        *_findings(v),
        *_safety(v),
        *_phases(v),
        *_weeks(v),
        *_guide(v),
    ]


# --- Text -----------------------------------------------------------------------------


def _text_table(table: Table) -> list[str]:
    widths = [
        max(len(cell) for cell in column) for column in zip(table.headers, *table.rows, strict=True)
    ]

    def line(cells: Iterable[str]) -> str:
        parts = [
            cell.rjust(w) if right else cell.ljust(w)
            for cell, w, right in zip(cells, widths, table.numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(table.headers), "  ".join("-" * w for w in widths), *map(line, table.rows)]


def _text_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        if block.level == 1:
            return [block.text, "=" * len(block.text)]
        if block.level == 2:
            return [block.text, "-" * len(block.text)]
        return [block.text]
    if isinstance(block, Para):
        return textwrap.wrap(block.text, WIDTH, break_on_hyphens=False) or [""]
    if isinstance(block, Bullets):
        lines: list[str] = []
        for item in block.items:
            lines.extend(
                textwrap.wrap(
                    item,
                    WIDTH,
                    initial_indent="  - ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,  # keep ids such as knee-pain whole
                )
            )
        return lines
    return _text_table(block)


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """Blocks as plain text: no colour, no markup, lines wrapped at :data:`WIDTH`."""
    out: list[str] = []
    for block in blocks:
        if out and (isinstance(block, Heading) or not isinstance(block, Bullets)):
            out.append("")
        out.extend(_text_block(block))
    return "\n".join(out) + "\n"


# The terminal look, shared with the commands through gluteus.cli.terminal.
STYLES: Mapping[str, str] = {
    "h1": "bold",
    "h2": "bold cyan",
    "h3": "bold",
    "warning": "yellow",
    "stop": "bold red",
    "muted": "dim",
    "header": "bold",
}


def blocks_to_rich(blocks: Iterable[Block]) -> list[Any]:
    """Blocks as rich renderables (tables, rules, hanging bullets) in gluteus's look."""
    from rich import box
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table as RichTable
    from rich.text import Text

    out: list[Any] = []
    for block in blocks:
        tone = STYLES.get(block.tone or "", "")
        if isinstance(block, Heading):
            if block.level == 1:
                out += [Text(block.text, style=tone or STYLES["h1"]), Rule(style="bold cyan")]
            elif block.level == 2:
                out += [
                    Text(""),
                    Rule(Text(block.text, style=tone or STYLES["h2"]), align="left", style="cyan"),
                ]
            else:
                out += [Text(""), Text(block.text, style=tone or STYLES["h3"])]
        elif isinstance(block, Para):
            out.append(Text(block.text, style=tone))
        elif isinstance(block, Bullets):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for item in block.items:
                grid.add_row(Text("•", style=tone), Text(item, style=tone))
            out.append(Padding(grid, (0, 0, 0, 2)))
        else:
            table = RichTable(
                box=box.SIMPLE_HEAD, header_style=STYLES["header"], pad_edge=False, show_edge=False
            )
            nowrap = block.nowrap or (False,) * len(block.headers)
            for header, right, keep in zip(block.headers, block.numeric, nowrap, strict=True):
                # fold, never an ellipsis: a cell's text is never lost.
                table.add_column(
                    Text(header),
                    justify="right" if right else "left",
                    overflow="fold",
                    no_wrap=keep,
                )
            for row in block.rows:
                table.add_row(*(Text(cell, style=tone) for cell in row))
            out.append(table)
    return out


def blocks_to_ansi(blocks: Iterable[Block], *, width: int = 100, color: bool = True) -> str:
    """Blocks drawn for a terminal ``width`` columns wide, with colour unless ``color``
    is False; returned as a string (ANSI escapes included), nothing printed."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="standard" if color else None,
        no_color=not color,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for renderable in blocks_to_rich(blocks):
        console.print(renderable)
    return buffer.getvalue()


def render_text(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program as plain text for a printout or a pipe.

    With option ``terminal`` true, drawn for a terminal instead: rich tables and
    headings, ``width`` columns wide (default 100), in colour unless ``color`` is
    false (:mod:`gluteus.cli.terminal` picks these options for the command line).
    """
    options = options or {}
    blocks = document(program)
    if options.get("terminal"):
        return blocks_to_ansi(
            blocks, width=int(options.get("width") or 100), color=bool(options.get("color", True))
        )
    return blocks_to_text(blocks)


# --- Markdown --------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + block.text]
    if isinstance(block, Para):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"- {item}" for item in block.items]
    align = ["---:" if right else "---" for right in block.numeric]
    return [
        "| " + " | ".join(_md_cell(h) for h in block.headers) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows),
    ]


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    """Blocks as GitHub-flavoured Markdown."""
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        out.extend(_md_block(block))
    return "\n".join(out) + "\n"


def render_markdown(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program as GitHub-flavoured Markdown, with tables for the sessions."""
    return blocks_to_markdown(document(program))


# --- JSON -------------------------------------------------------------------------------


def render_json(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program JSON of SPEC §2; the same program always gives the same bytes."""
    return json.dumps(as_dict(program), indent=2, ensure_ascii=False) + "\n"


def _renderer(
    fmt: str, description: str, fn: Callable[..., str], media_type: str, extension: str
) -> Renderer:
    return Renderer(
        format=fmt, description=description, render=fn, media_type=media_type, extension=extension
    )


RENDERERS: tuple[Renderer, ...] = (
    _renderer("text", "plain text for a terminal or a printout", render_text, "text/plain", "txt"),
    _renderer(
        "markdown", "Markdown with a table per session", render_markdown, "text/markdown", "md"
    ),
    _renderer(
        "json",
        "the program JSON (SPEC §2), machine-readable",
        render_json,
        "application/json",
        "json",
    ),
)
"""The formats this plugin contributes through ``register_renderers``."""
