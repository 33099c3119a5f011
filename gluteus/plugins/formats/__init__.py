"""The built-in ``formats`` plugin: the text, Markdown and JSON renderers, contributed
through the same ``register_renderers`` hook a third party would use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gluteus.engine.hookspecs import hookimpl

if TYPE_CHECKING:
    from gluteus.engine.model import Renderer


@hookimpl
def register_renderers() -> list[Renderer]:
    from . import renderers

    return list(renderers.RENDERERS)
