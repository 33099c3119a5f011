"""The module-level entry points (``gluteus.generate`` and the rest), shared by the
command line and embedding apps.

Each is a thin wrapper over :class:`~gluteus.Engine`: it builds an engine for the
plugin manager it is given (a fresh default one when None) and makes one call. An
app that calls gluteus often builds one ``Engine`` and keeps it instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, overload

import pluggy

from .context import Context, context
from .core import BinaryFormat, CancelFlag, Engine, Progress, TextFormat
from .screened import Screening, run_screen

if TYPE_CHECKING:
    from .profile import Profile
    from .program import Program
    from .verify import Violation

__all__ = [
    "Context",
    "Screening",
    "agenerate",
    "check",
    "context",
    "generate",
    "load_profile",
    "parse_profile",
    "render",
    "run_screen",
    "screen_profile",
]


def load_profile(
    path: str | os.PathLike[str], *, plugins: pluggy.PluginManager | None = None
) -> Profile:
    """Read and validate a profile file (YAML, TOML or JSON, by extension); see
    :meth:`Engine.load_profile`."""
    return Engine(plugins).load_profile(path)


def parse_profile(
    data: str | bytes,
    format: str,
    *,
    name: str | None = None,
    plugins: pluggy.PluginManager | None = None,
) -> Profile:
    """Validate a profile sent as text or bytes in ``format`` (yaml, toml or json), with
    every check a profile file gets; see :meth:`Engine.parse_profile`."""
    return Engine(plugins).parse_profile(data, format, name=name)


def screen_profile(profile: Profile, *, plugins: pluggy.PluginManager | None = None) -> Screening:
    """Red-flag gate and screening only: referrals, or findings with severity and evidence."""
    return Engine(plugins).screen(profile)


def generate(
    profile: Profile,
    *,
    seed: int | None = None,
    plugins: pluggy.PluginManager | None = None,
    progress: Callable[[Progress], object] | None = None,
    cancel: CancelFlag | None = None,
) -> Program:
    """Screen ``profile`` and plan, dose and verify a multi-week program; see
    :meth:`Engine.generate` for ``seed``, ``progress``, ``cancel`` and the errors."""
    return Engine(plugins).generate(profile, seed=seed, progress=progress, cancel=cancel)


async def agenerate(
    profile: Profile,
    *,
    seed: int | None = None,
    plugins: pluggy.PluginManager | None = None,
    progress: Callable[[Progress], object] | None = None,
    cancel: CancelFlag | None = None,
) -> Program:
    """:func:`generate` for asyncio, in a worker thread; see :meth:`Engine.agenerate`."""
    return await Engine(plugins).agenerate(profile, seed=seed, progress=progress, cancel=cancel)


@overload
def render(
    program: Program,
    fmt: TextFormat = ...,
    *,
    plugins: pluggy.PluginManager | None = ...,
    **options: Any,
) -> str: ...


@overload
def render(
    program: Program,
    fmt: BinaryFormat,
    *,
    plugins: pluggy.PluginManager | None = ...,
    **options: Any,
) -> bytes: ...


@overload
def render(
    program: Program,
    fmt: str,
    *,
    plugins: pluggy.PluginManager | None = ...,
    **options: Any,
) -> str | bytes: ...


def render(
    program: Program,
    fmt: str = "text",
    *,
    plugins: pluggy.PluginManager | None = None,
    **options: Any,
) -> str | bytes:
    """Render ``program`` in any format a loaded plugin provides: ``str`` for text
    formats, ``bytes`` for binary ones (pdf); see :meth:`Engine.render`."""
    return Engine(plugins).render(program, fmt, **options)


def check(
    program: Mapping[str, Any] | Program, *, plugins: pluggy.PluginManager | None = None
) -> list[Violation]:
    """Re-verify a program (its JSON as Python data, possibly hand-edited) against
    every safety rule and invariant; see :meth:`Engine.check`."""
    return Engine(plugins).check(program)
