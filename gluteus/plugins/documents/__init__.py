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

from typing import TYPE_CHECKING, Any

from gluteus.engine.hookspecs import hookimpl

if TYPE_CHECKING:
    from gluteus.engine.model import Renderer


@hookimpl
def register_renderers() -> list[Renderer]:
    from . import renderers

    return list(renderers.RENDERERS)


@hookimpl
def register_commands(cli: Any) -> None:
    from .commands import cheatsheet

    cli.add_command(cheatsheet)
