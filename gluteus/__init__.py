"""gluteus: turns what a person's glutes are telling them into a safe, periodized program.

The stable, typed API for embedding (docs/python.md tells the whole of it)::

    import gluteus

    profile = gluteus.load_profile("dana.yaml")   # or gluteus.parse_profile(body, "json")
    program = gluteus.generate(profile, seed=7)   # -> gluteus.Program (immutable)
    program.to_dict()                             # the program JSON, as Python data
    gluteus.render(program, "markdown")           # -> str (bytes for pdf)
    gluteus.check(program.to_dict())              # -> list of violations, empty when safe

    engine = gluteus.Engine()                     # plugins loaded once; share it freely
    engine.generate(profile)                      # the same calls, and the catalogue:
    engine.signs(), engine.red_flags(), engine.formats()

Errors derive from :class:`GluteusError`, mirror the command line's exit codes and
give themselves as JSON data (``error.to_dict()``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .engine.errors import (
    Cancelled,
    GluteusError,
    Infeasible,
    OutputError,
    PluginError,
    ProfileError,
    ReferralRequired,
)

if TYPE_CHECKING:
    from .engine.adapt import adapt
    from .engine.api import (
        agenerate,
        check,
        generate,
        load_profile,
        parse_profile,
        render,
        screen_profile,
    )
    from .engine.core import Engine, Progress
    from .engine.hookspecs import hookimpl
    from .engine.model import (
        Equipment,
        Exercise,
        Finding,
        Issue,
        ObjectiveTest,
        PainRegion,
        Precaution,
        RedFlag,
        Referral,
        Renderer,
        Sign,
    )
    from .engine.pluginmanager import make_plugin_manager
    from .engine.profile import Profile
    from .engine.program import Program
    from .engine.screened import Screening
    from .engine.verify import Violation
    from .journal import Journal

__all__ = [
    "Cancelled",
    "Engine",
    "Equipment",
    "Exercise",
    "Finding",
    "GluteusError",
    "Infeasible",
    "Issue",
    "Journal",
    "ObjectiveTest",
    "OutputError",
    "PainRegion",
    "PluginError",
    "Precaution",
    "Profile",
    "ProfileError",
    "Program",
    "Progress",
    "RedFlag",
    "Referral",
    "ReferralRequired",
    "Renderer",
    "Screening",
    "Sign",
    "Violation",
    "__version__",
    "adapt",
    "agenerate",
    "check",
    "generate",
    "hookimpl",
    "load_profile",
    "make_plugin_manager",
    "parse_profile",
    "render",
    "screen_profile",
]


_MODEL = "gluteus.engine.model"

_LAZY: dict[str, str] = {
    "agenerate": "gluteus.engine.api",
    "check": "gluteus.engine.api",
    "generate": "gluteus.engine.api",
    "load_profile": "gluteus.engine.api",
    "parse_profile": "gluteus.engine.api",
    "render": "gluteus.engine.api",
    "screen_profile": "gluteus.engine.api",
    "Engine": "gluteus.engine.core",
    "Progress": "gluteus.engine.core",
    "Screening": "gluteus.engine.screened",
    "hookimpl": "gluteus.engine.hookspecs",
    **dict.fromkeys(
        (
            "Equipment",
            "Exercise",
            "Finding",
            "Issue",
            "ObjectiveTest",
            "PainRegion",
            "Precaution",
            "RedFlag",
            "Referral",
            "Renderer",
            "Sign",
        ),
        _MODEL,
    ),
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
