"""gluteus: turns what a person's glutes are telling them into a safe, periodized program.

The stable, typed API for embedding::

    import gluteus

    profile = gluteus.load_profile("dana.yaml")   # or gluteus.Profile.from_dict({...})
    program = gluteus.generate(profile, seed=7)   # -> gluteus.Program (immutable)
    program.to_dict()                             # the program JSON, as Python data
    gluteus.render(program, "markdown")           # -> str (or bytes for binary formats)
    gluteus.check(program.to_dict())              # -> list of violations, empty when safe

Errors derive from :class:`GluteusError` and mirror the command line's exit codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .engine.errors import (
    GluteusError,
    Infeasible,
    PluginError,
    ProfileError,
    ReferralRequired,
)

if TYPE_CHECKING:
    from .engine.adapt import adapt
    from .engine.api import check, generate, load_profile, render, screen_profile
    from .engine.hookspecs import hookimpl
    from .engine.model import Finding, Referral
    from .engine.pluginmanager import make_plugin_manager
    from .engine.profile import Profile
    from .engine.program import Program
    from .engine.verify import Violation
    from .journal import Journal

__all__ = [
    "Finding",
    "GluteusError",
    "Infeasible",
    "Journal",
    "PluginError",
    "Profile",
    "ProfileError",
    "Program",
    "Referral",
    "ReferralRequired",
    "Violation",
    "__version__",
    "adapt",
    "check",
    "generate",
    "hookimpl",
    "load_profile",
    "make_plugin_manager",
    "render",
    "screen_profile",
]


_LAZY: dict[str, str] = {
    "check": "gluteus.engine.api",
    "generate": "gluteus.engine.api",
    "load_profile": "gluteus.engine.api",
    "render": "gluteus.engine.api",
    "screen_profile": "gluteus.engine.api",
    "hookimpl": "gluteus.engine.hookspecs",
    "Finding": "gluteus.engine.model",
    "Referral": "gluteus.engine.model",
    "make_plugin_manager": "gluteus.engine.pluginmanager",
    "Profile": "gluteus.engine.profile",
    "Program": "gluteus.engine.program",
    "Violation": "gluteus.engine.verify",
    "adapt": "gluteus.engine.adapt",
    "Journal": "gluteus.journal",
}
"""Where each public name lives. Loaded on first use (PEP 562), so that importing any
part of gluteus (the command line's ``--help`` above all) does not load the profile
reader, the plugins' content or the planner it does not need."""


if not TYPE_CHECKING:
    # Hidden from type checkers: a module-level __getattr__ would make them accept any
    # name (gluteus.genrate(...) included); they see the real names through the
    # TYPE_CHECKING imports above instead.

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'gluteus' has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # the next lookup is an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_LAZY})
