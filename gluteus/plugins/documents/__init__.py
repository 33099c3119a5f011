"""The built-in ``documents`` plugin: outputs people look at away from the terminal.

- ``html``: one self-contained page, readable on a phone and printable;
- ``pdf``: the program for print, A4 (default) or Letter (option ``paper``);
- ``ics``: a calendar with one event per session (the profile needs ``start``;
  options ``reminder`` and ``replaces``);
- ``cheatsheet``: the one-page Glute Activation Cheat Sheet (PDF), also the
  ``gluteus cheatsheet`` command.

Contributed through the same ``register_renderers`` and ``register_commands``
hooks a third party would use. Every format reads the shared view model
(:mod:`gluteus.engine.view`). The heavy libraries (jinja2, matplotlib,
fpdf2, icalendar) are imported only when a document is rendered, so loading the
plugin costs nothing at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import Renderer


def _lazy(module: str, function: str) -> Callable[[Any, Mapping[str, Any] | None], Any]:
    def render(program: Any, options: Mapping[str, Any] | None = None) -> Any:
        impl = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return impl(program, options)

    render.__name__ = render.__qualname__ = function
    render.__doc__ = f"Renders with {__name__}.{module}.{function} (imported on first use)."
    return render


PAPER = "a4 (the default) or letter"
"""What the ``paper`` option of the PDF formats takes."""

RENDERERS: tuple[Renderer, ...] = (
    Renderer(
        format="html",
        description="one self-contained web page (phone and print), with the chart",
        render=_lazy("html_page", "render_html"),
        media_type="text/html",
        extension="html",
        options={},
    ),
    Renderer(
        format="pdf",
        description="the program as a PDF for print (A4; paper=letter for Letter)",
        render=_lazy("pdf_doc", "render_pdf"),
        binary=True,
        media_type="application/pdf",
        extension="pdf",
        options={"paper": PAPER},
    ),
    Renderer(
        format="ics",
        description="a calendar (iCalendar) with one event per session; needs start",
        render=_lazy("ics_calendar", "render_ics"),
        media_type="text/calendar",
        extension="ics",
        options={
            "reminder": "minutes before each session to remind you, 0 (none) to 10080; default 30",
            "replaces": "the text of an earlier calendar this one replaces (gluteus "
            "generate --replaces FILE gives it)",
        },
    ),
    Renderer(
        format="cheatsheet",
        description="the one-page Glute Activation Cheat Sheet (PDF)",
        render=_lazy("pdf_doc", "render_cheatsheet"),
        binary=True,
        media_type="application/pdf",
        extension="pdf",
        options={"paper": PAPER},
    ),
)
"""The formats this plugin contributes through ``register_renderers``."""


@hookimpl
def register_renderers() -> list[Renderer]:
    return list(RENDERERS)


@hookimpl
def register_commands(cli: Any) -> None:
    from .commands import cheatsheet

    cli.add_command(cheatsheet)
