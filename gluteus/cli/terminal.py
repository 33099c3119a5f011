"""One terminal look for every command: rich in a terminal, plain text otherwise.

- Standard output is a terminal: rich tables, rules and colour (the look of
  :func:`gluteus.engine.view.blocks_to_rich`), as wide as the terminal.
- Piped or redirected, ``NO_COLOR`` set (https://no-color.org) or ``TERM=dumb``:
  plain text laid out for 80 columns (``COLUMNS`` sets another width), so scripts
  and diffs stay stable. ``FORCE_COLOR`` asks for the rich look even when piped.
  Tables never squeeze a column into letters: long text goes under its row.
- Output taller than the terminal goes through the pager (``$PAGER``, else
  ``less``; colour kept with ``less -R``); ``PAGER=cat`` turns paging off.

Commands build the same blocks the text format uses (``Heading``, ``Para``,
``Bullets``, ``Table`` from :mod:`gluteus.engine.view`) and call
:func:`show`; ``generate`` asks :func:`text_options` how to render and
:func:`emit` to write. Nothing heavy is imported here: rich loads only when
something is drawn.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from typing import IO, Any

import click

MIN_WIDTH = 60
MAX_WIDTH = 120
"""Rich output is as wide as the terminal, within these bounds (long lines read badly)."""
PLAIN_WIDTH = 80
"""Plain output (piped, redirected) is laid out this wide unless ``COLUMNS`` says."""


def _env(name: str) -> bool:
    return os.environ.get(name, "") != ""


def is_terminal(stream: IO[Any] | None = None) -> bool:
    """True when ``stream`` (standard output by default) is an interactive terminal."""
    stream = stream if stream is not None else sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real file
        return False


def no_color() -> bool:
    """True when the environment asks for no colour: ``NO_COLOR`` or ``TERM=dumb``."""
    return _env("NO_COLOR") or os.environ.get("TERM") == "dumb"


def wants_rich(output: str | None = None, stream: IO[Any] | None = None) -> bool:
    """Whether output to ``output`` (None or ``-``: standard output) gets the rich look."""
    if output not in (None, "-") or no_color():
        return False
    return is_terminal(stream) or _env("FORCE_COLOR")


def width() -> int:
    """Columns to draw in: the terminal's width, between 60 and 120."""
    columns = shutil.get_terminal_size((100, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def plain_width() -> int:
    """Columns for plain output: ``COLUMNS`` when set (40 to 200), else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return PLAIN_WIDTH
    return max(40, min(200, columns))


def text_options(output: str | None = None) -> dict[str, Any]:
    """Options for the ``text`` renderer writing to ``output``: the rich look for a
    terminal (``terminal``, ``width``, ``color``); for a pipe, the plain width when
    ``COLUMNS`` sets one; nothing (the file layout) otherwise."""
    if wants_rich(output):
        return {"terminal": True, "width": width(), "color": True}
    if output in (None, "-") and os.environ.get("COLUMNS", "").strip():
        return {"width": plain_width()}
    return {}


def page(text: str) -> None:
    """Print ``text``; through the pager when standard output is a terminal and the
    text is taller than it."""
    if is_terminal() and text.count("\n") + 1 > shutil.get_terminal_size().lines:
        # color=None: click keeps colour for `less` (setting LESS=-R when unset) and
        # strips it for pagers that would show escape codes.
        click.echo_via_pager(text)
    else:
        # Colour drawn on purpose (a terminal, or FORCE_COLOR) is kept; click would
        # otherwise strip it whenever it doubts the stream is a terminal.
        click.echo(text, nl=not text.endswith("\n"), color=True if wants_rich() else None)


def emit(data: str | bytes, output: str | None) -> None:
    """Write a rendered program: to a file whole or not at all, to a pipe as it is,
    to a terminal through :func:`page`."""
    from gluteus.output import write_output

    if isinstance(data, str) and output in (None, "-") and is_terminal():
        page(data)
    else:
        write_output(data, output)


def render_blocks(blocks: Sequence[Any], *, plain: str | None = None) -> str:
    """``blocks`` drawn for standard output: rich when :func:`wants_rich`, else
    ``plain`` (default: the blocks as plain text, as the text format writes them)."""
    from gluteus.engine.view import blocks_to_ansi, blocks_to_text

    if wants_rich():
        return blocks_to_ansi(blocks, width=width(), color=True)
    return plain if plain is not None else blocks_to_text(blocks, width=plain_width())


def show(blocks: Sequence[Any], *, plain: str | None = None) -> None:
    """Print ``blocks`` in the terminal look (paged when long), or ``plain`` when piped."""
    page(render_blocks(blocks, plain=plain))


def console(*, stderr: bool = False) -> Any:
    """A rich console on standard output (or error) with gluteus's settings: colour
    only in a terminal without ``NO_COLOR``, no markup or emoji guessing in data."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    rich = wants_rich(stream=stream)
    return Console(
        file=stream,
        width=width() if rich else None,
        force_terminal=rich,
        no_color=not rich,
        color_system="standard" if rich else None,
        markup=False,
        highlight=False,
        emoji=False,
    )


__all__: Sequence[str] = (
    "console",
    "emit",
    "is_terminal",
    "no_color",
    "page",
    "plain_width",
    "render_blocks",
    "show",
    "text_options",
    "wants_rich",
    "width",
)
