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
    from .engine.adapt import adapt
    from .engine.program import Program
    from .engine.verify import Violation
    from .journal import Journal

__version__ = "0.1.0"

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


def __getattr__(name: str) -> Any:
    # Program and Violation live with the planner, which imports the solver; load
    # them on first use so `import gluteus` stays fast.
    if name == "Program":
        from .engine.program import Program

        return Program
    if name == "Violation":
        from .engine.verify import Violation

        return Violation
    # The journal and adaptation load SQLAlchemy and the planner's data; only on use.
    if name == "adapt":
        from .engine.adapt import adapt

        return adapt
    if name == "Journal":
        from .journal import Journal

        return Journal
    raise AttributeError(f"module 'gluteus' has no attribute {name!r}")
