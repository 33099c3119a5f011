"""The built-in output formats: ``text``, ``markdown`` and ``json``.

Every renderer reads the program through ``program.to_dict()`` (the program JSON):
JSON writes it as it is; every other format, here and in the ``documents`` plugin
(HTML, PDF, calendar), reads the one view model of :mod:`gluteus.engine.view`, so
the formats can never disagree with each other or with the machine-readable
output. Text and Markdown are the view's document blocks written out; rendering
is pure: no I/O, no click.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gluteus.engine.model import Renderer

# The view model (:mod:`gluteus.engine.view`) is imported when a program is rendered:
# commands that only build the registry, such as `gluteus screen`, never load it.


def render_text(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program as plain text for a printout or a pipe, laid out for option
    ``width`` columns (default 78): long text goes under its row, never into a
    column too narrow to read.

    With option ``terminal`` true, drawn for a terminal instead: rich headings and
    colour, ``width`` columns wide (default 100), in colour unless ``color`` is false
    (:mod:`gluteus.cli.terminal` picks these options for the command line).
    """
    from gluteus.engine.view import WIDTH, blocks_to_ansi, blocks_to_text, document

    options = options or {}
    blocks = document(program)
    if options.get("terminal"):
        return blocks_to_ansi(
            blocks, width=int(options.get("width") or 100), color=bool(options.get("color", True))
        )
    return blocks_to_text(blocks, width=_width(options.get("width"), WIDTH))


def _width(value: Any, default: int) -> int:
    """A width option (a number, possibly as text from ``-O width=N``), 40 to 200."""
    if value in (None, ""):
        return default
    try:
        width = int(value)
    except (TypeError, ValueError):
        from gluteus.engine.errors import ProfileError

        raise ProfileError(f"option width must be a whole number, found {value!r}") from None
    return max(40, min(200, width))


def render_markdown(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program as GitHub-flavoured Markdown: tables for the sessions, each exercise
    linked to its entry in the exercise guide, everything from the program escaped."""
    from gluteus.engine.view import blocks_to_markdown, document

    return blocks_to_markdown(document(program))


# --- JSON -------------------------------------------------------------------------------


def render_json(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program JSON (its schema ships as gluteus/schemas/program.schema.json); the
    same program always gives the same bytes."""
    from gluteus.engine.program import program_json

    return program_json(program)


def _renderer(
    fmt: str,
    description: str,
    fn: Callable[..., str],
    media_type: str,
    extension: str,
    options: Mapping[str, str] | None = None,
) -> Renderer:
    return Renderer(
        format=fmt,
        description=description,
        render=fn,
        media_type=media_type,
        extension=extension,
        options=options or {},
    )


TEXT_OPTIONS: Mapping[str, str] = {
    "width": "columns to lay the text out for, 40 to 200 (78 for a file, 100 for a terminal)",
    "terminal": "true: drawn for a terminal, with rich headings (the command line sets it)",
    "color": "false: no colour in the terminal drawing (the command line sets it)",
}
"""The text renderer's options (``gluteus generate -O width=60``)."""

RENDERERS: tuple[Renderer, ...] = (
    _renderer(
        "text",
        "plain text for a terminal or a printout",
        render_text,
        "text/plain",
        "txt",
        TEXT_OPTIONS,
    ),
    _renderer(
        "markdown", "Markdown with a table per session", render_markdown, "text/markdown", "md"
    ),
    _renderer(
        "json",
        "the program JSON, machine-readable",
        render_json,
        "application/json",
        "json",
    ),
)
"""The formats this plugin contributes through ``register_renderers``."""
