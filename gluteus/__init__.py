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

from .engine.api import check, generate, load_profile, render, screen_profile
from .engine.errors import (
    GluteusError,
    Infeasible,
    PluginError,
    ProfileError,
    ReferralRequired,
)
from .engine.hookspecs import hookimpl
from .engine.model import Finding, Referral
from .engine.pluginmanager import make_plugin_manager
from .engine.profile import Profile

if TYPE_CHECKING:
    from .engine.program import Program
    from .engine.verify import Violation

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "GluteusError",
    "Infeasible",
    "PluginError",
    "Profile",
    "ProfileError",
    "Program",
    "Referral",
    "ReferralRequired",
    "Violation",
    "__version__",
    "check",
    "generate",
    "hookimpl",
    "load_profile",
    "make_plugin_manager",
    "render",
    "screen_profile",
]


if not TYPE_CHECKING:
    # Hidden from type checkers: a module-level __getattr__ would make them accept
    # any name (gluteus.genrate(...) included); they see Program and Violation
    # through the TYPE_CHECKING import above instead.

    def __getattr__(name: str) -> Any:
        # Program and Violation live with the planner, which imports the solver;
        # load them on first use so `import gluteus` stays fast.
        if name == "Program":
            from .engine.program import Program

            return Program
        if name == "Violation":
            from .engine.verify import Violation

            return Violation
        raise AttributeError(f"module 'gluteus' has no attribute {name!r}")
