"""Builds plugin managers: the built-in modules and the ``gluteus`` entry points.

There is no module-level manager. Every engine, command and test builds its own
with :func:`make_plugin_manager`, so plugins never leak between them.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import threading
from collections.abc import Iterable
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError
from .registry import Registry, build_registry

DEFAULT_PLUGINS: tuple[str, ...] = (
    "gluteus.plugins.basics",
    "gluteus.plugins.safety",
    "gluteus.plugins.dosing",
    "gluteus.plugins.inhibition",
    "gluteus.plugins.back",
    "gluteus.plugins.knees",
    "gluteus.plugins.tightness",
    "gluteus.plugins.function",
    "gluteus.plugins.adaptation",
    "gluteus.plugins.formats",
    "gluteus.plugins.documents",
)
"""Built-in plugin modules, registered through the same manager and hooks as
third-party ones. Their plugin name is the last part of the module path."""


@attrs.frozen
class LoadError:
    """A third-party plugin that could not be loaded, and why."""

    plugin: str
    distribution: str | None
    error: str


class GluteusPluginManager(pluggy.PluginManager):
    """A pluggy manager that also remembers which plugins failed to load, and keeps the
    :class:`~gluteus.engine.registry.Registry` of its plugins once built."""

    def __init__(self) -> None:
        # Set before add_hookspecs, which goes through the invalidating override.
        self._registry: Registry | None = None
        self._generation = 0
        self._registry_lock = threading.Lock()
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.load_errors: list[LoadError] = []
        self.builtin_names: set[str] = set()

    def registry(self) -> Registry:
        """The registry of the plugins registered now, built on first use.

        Every engine call needs it and building it calls every ``register_*`` hook
        and checks the result, so it is built once and kept until a plugin is
        registered or unregistered (or a hook specification added). The registry is
        immutable, so threads may share it. Raises :class:`PluginError` as
        :func:`~gluteus.engine.registry.build_registry` does; a failure is not kept.
        """
        registry = self._registry
        if registry is not None:
            return registry
        with self._registry_lock:
            if self._registry is not None:
                return self._registry
            generation = self._generation
            registry = build_registry(self)
            # A plugin registered by another thread while this one was building
            # makes this registry stale: return it to this caller, keep nothing.
            if generation == self._generation:
                self._registry = registry
            return registry

    def _changed(self) -> None:
        self._generation += 1
        self._registry = None

    def register(self, plugin: Any, name: str | None = None) -> str | None:
        """Register ``plugin`` (pluggy's ``register``), dropping the kept registry."""
        self._changed()
        try:
            return super().register(plugin, name)
        finally:
            self._changed()

    def unregister(self, plugin: Any = None, name: str | None = None) -> Any:
        """Unregister a plugin (pluggy's ``unregister``), dropping the kept registry."""
        self._changed()
        try:
            return super().unregister(plugin, name)
        finally:
            self._changed()

    def add_hookspecs(self, module_or_class: Any) -> None:
        """Add hook specifications (pluggy's ``add_hookspecs``), dropping the kept
        registry: a plugin's pending ``register_*`` hook may become callable."""
        self._changed()
        super().add_hookspecs(module_or_class)


def make_plugin_manager(
    *,
    entrypoints: bool = True,
    defaults: bool = True,
    plugins: Iterable[object] = (),
    blocked: Iterable[str] = (),
) -> GluteusPluginManager:
    """Build a fresh plugin manager.

    ``defaults`` registers the built-in modules; ``entrypoints`` loads third-party
    plugins from the ``gluteus`` entry-point group (one at a time: a plugin that
    fails to import is recorded in ``pm.load_errors`` and skipped, not fatal);
    ``plugins`` registers extra plugin objects (modules or instances) by their
    ``__name__`` or class name; names in ``blocked`` are never registered.
    """
    pm = GluteusPluginManager()
    for name in blocked:
        pm.set_blocked(name)
    if defaults:
        for module_path in DEFAULT_PLUGINS:
            name = module_path.rsplit(".", 1)[-1]
            if pm.is_blocked(name):
                continue
            module = importlib.import_module(module_path)
            _register(pm, module, name)
            pm.builtin_names.add(name)
    if entrypoints:
        _load_entrypoints(pm)
    for plugin in plugins:
        _register(pm, plugin, plugin_name(plugin))
    return pm


def plugin_name(plugin: object) -> str:
    """A readable name for a plugin object: its ``gluteus_name``, module or class name."""
    name = getattr(plugin, "gluteus_name", None)
    if isinstance(name, str):
        return name
    module_name = getattr(plugin, "__name__", None)
    if isinstance(module_name, str):
        return module_name.rsplit(".", 1)[-1]
    return type(plugin).__name__


def _register(pm: GluteusPluginManager, plugin: object, name: str) -> None:
    try:
        pm.register(plugin, name=name)
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        if pm.is_registered(plugin):
            pm.unregister(plugin)
        raise PluginError(name, str(exc)) from exc
    except ValueError as exc:  # name already registered
        raise PluginError(name, str(exc)) from exc


def _load_entrypoints(pm: GluteusPluginManager) -> None:
    # Loaded one by one (unlike pm.load_setuptools_entrypoints) so that one broken
    # package is reported by name instead of taking the whole command line down.
    eps = importlib.metadata.entry_points(group=hookspecs.PROJECT)
    for ep in sorted(eps, key=lambda e: e.name):
        if pm.is_blocked(ep.name) or pm.has_plugin(ep.name):
            continue
        dist = ep.dist.name if ep.dist is not None else None
        try:
            plugin = ep.load()
        except Exception as exc:
            pm.load_errors.append(LoadError(ep.name, dist, f"{type(exc).__name__}: {exc}"))
            continue
        try:
            _register(pm, plugin, ep.name)
        except PluginError as exc:
            pm.load_errors.append(LoadError(ep.name, dist, str(exc)))
            continue
        if ep.dist is not None:
            pm._plugin_distinfo.append((plugin, ep.dist))  # same record pluggy keeps


def plugin_versions(pm: pluggy.PluginManager) -> dict[str, str]:
    """Each registered plugin's name and version (built-ins carry gluteus's version)."""
    from .._version import __version__

    dist_by_plugin = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    versions: dict[str, str] = {}
    for name, plugin in sorted(pm.list_name_plugin()):
        if plugin is None:
            continue
        dist = dist_by_plugin.get(id(plugin))
        if dist is not None:
            versions[name] = dist.version
        else:
            versions[name] = str(getattr(plugin, "__version__", __version__))
    return versions
