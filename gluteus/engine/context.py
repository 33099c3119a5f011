"""What one engine call runs with: a plugin manager, its registry, and a checkpoint.

The planner, the verifier and the program builder take a :class:`Context` rather
than the module that makes one, so they import nothing above them: the public
:class:`~gluteus.Engine` (``engine/core.py``) and the module-level functions
(``engine/api.py``) build it, the engine's modules only read it.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pluggy

from .pluginmanager import GluteusPluginManager, make_plugin_manager
from .registry import Registry, build_registry

Checkpoint = Callable[[str, int, int], None]
"""Called as ``checkpoint(stage, done, total)`` between steps of a long call; it may
raise (:class:`~gluteus.Cancelled`, or the app's own exception) to stop the call."""


@attrs.frozen
class Context:
    """A plugin manager and the registry built from it, and (for one call) the
    checkpoint that reports progress and stops a cancelled call."""

    pm: pluggy.PluginManager
    registry: Registry
    on_checkpoint: Checkpoint | None = attrs.field(default=None, eq=False, repr=False)

    def checkpoint(self, stage: str, done: int, total: int) -> None:
        """A point where a long call may report progress and be stopped.

        ``stage`` names the work (``"plan"``), ``done`` counts the steps of it finished
        so far and ``total`` the steps there are. Raises what the checkpoint raises
        (:class:`~gluteus.Cancelled` when the caller cancelled); does nothing when no
        one listens.
        """
        if self.on_checkpoint is not None:
            self.on_checkpoint(stage, done, total)

    def with_checkpoint(self, checkpoint: Checkpoint | None) -> Context:
        """The same plugins and registry, reporting to ``checkpoint``."""
        return attrs.evolve(self, on_checkpoint=checkpoint)


def context(plugins: pluggy.PluginManager | None = None) -> Context:
    """The plugin manager to use (a fresh default one when None) and its registry.

    A :class:`GluteusPluginManager` builds its registry once and keeps it until its
    plugins change; any other pluggy manager gets a new registry on every call.
    """
    pm = plugins if plugins is not None else make_plugin_manager()
    if isinstance(pm, GluteusPluginManager):
        return Context(pm=pm, registry=pm.registry())
    return Context(pm=pm, registry=build_registry(pm))
