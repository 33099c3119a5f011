"""The formats of the built-in ``documents`` plugin, handed over by its
``register_renderers`` hook (see the package docstring)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from gluteus.engine.model import Renderer

PACKAGE = __name__.rsplit(".", 1)[0]


def _lazy(module: str, function: str) -> Callable[[Any, Mapping[str, Any] | None], Any]:
    def render(program: Any, options: Mapping[str, Any] | None = None) -> Any:
        impl = getattr(importlib.import_module(f"{PACKAGE}.{module}"), function)
        return impl(program, options)

    render.__name__ = render.__qualname__ = function
    render.__doc__ = f"Renders with {PACKAGE}.{module}.{function} (imported on first use)."
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
