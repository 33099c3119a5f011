"""Builds plugin managers: the built-in modules and the ``gluteus`` entry points.

There is no module-level manager. Every engine, command and test builds its own
with :func:`make_plugin_manager`, so plugins never leak between them.

Choosing plugins: ``only`` (the third-party plugins to load) and ``blocked`` (plugins
never to register), or with ``from_environment=True`` the variables
:data:`LOAD_ENV` and :data:`BLOCK_ENV`, as ``DATASETTE_LOAD_PLUGINS`` and
``LLM_LOAD_PLUGINS`` do. The command line reads them (its ``--load-plugins`` and
``--block-plugins`` options win over them); a library call does not unless asked,
so an embedding app's plugins never depend on the environment it runs in.

One broken plugin breaks nothing else. A third-party plugin that fails to import or
whose hooks do not match the specifications is skipped; one whose contributions
fail when the registry is built (a hook that raises, malformed data, an id that
clashes with another plugin's) is disabled as a whole and the registry built
again without it. Each is recorded, with why, in ``pm.load_errors`` (one warning
each on the command line). Only a failing essential built-in
(:data:`ESSENTIAL_PLUGINS`) or a plugin asked for explicitly is fatal.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import os
import threading
import traceback
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError

if TYPE_CHECKING:
    from .registry import Registry

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


ESSENTIAL_PLUGINS: tuple[str, ...] = ("basics", "safety")
"""Built-in plugins every program's safety rests on: ``safety`` holds the red flags,
precautions and safety rules, ``basics`` the vocabularies they are written in
(equipment, pain regions, objective tests). They cannot be blocked, and a failure
of theirs is fatal (:class:`~gluteus.PluginError`) instead of disabling them."""

LOAD_ENV = "GLUTEUS_LOAD_PLUGINS"
"""Comma-separated third-party plugins to load (entry-point or distribution names);
set but empty, none is loaded. Read only with ``from_environment=True``."""

BLOCK_ENV = "GLUTEUS_BLOCK_PLUGINS"
"""Comma-separated plugins never to register. Read only with ``from_environment=True``."""


@attrs.frozen
class LoadError:
    """A plugin that failed and was left out, and why.

    ``stage``: ``import`` (its module failed to import), ``register`` (its hooks do
    not match the hook specifications) or ``contributions`` (a hook raised, or what
    it returned does not fit: it was disabled as a whole, its registrations undone).
    ``traceback`` is the full traceback, for ``--debug``.
    """

    plugin: str
    distribution: str | None
    error: str
    stage: str = "import"
    builtin: bool = False
    traceback: str = attrs.field(default="", eq=False, repr=False)

    def warning(self) -> str:
        """The one-line warning the command line prints."""
        dist = f" (from {self.distribution})" if self.distribution else ""
        if self.stage == "contributions":
            return (
                f"plugin {self.plugin!r}{dist} is disabled and everything else works "
                f"without it: {self.error}"
            )
        return f"plugin {self.plugin!r}{dist} failed to load and is skipped: {self.error}"


@attrs.frozen
class Blocked:
    """A plugin that was not registered on purpose, and why."""

    plugin: str
    reason: str


SHARED_REGISTRIES = 8
"""How many registries built by one manager are kept for others with the same
``register_*`` hook implementations (see :meth:`GluteusPluginManager.registry`)."""

_shared: OrderedDict[tuple[Any, ...], Registry] = OrderedDict()
_shared_lock = threading.Lock()


class _Same:
    """An object in a key, matched by identity (a plugin's ``__eq__`` is its own)."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj

    def __hash__(self) -> int:
        return id(self.obj)


def _contributors(pm: pluggy.PluginManager) -> tuple[Any, ...] | None:
    """What ``pm``'s registry is built from: every ``register_*`` hook implementation
    (plugin, function and options, by identity). None when hook calls are being
    monitored (``add_hookcall_monitoring``, ``enable_tracing``): the build is then
    run, so the monitor sees it."""
    from pluggy._callers import _multicall

    if getattr(pm, "_inner_hookexec", None) is not _multicall:
        return None
    parts: list[Any] = []
    for name in sorted(n for n in vars(pm.hook) if n.startswith("register_")):
        impls = getattr(pm.hook, name).get_hookimpls()
        parts.append(
            (
                name,
                tuple(
                    (
                        i.plugin_name,
                        _Same(i.plugin),
                        _Same(getattr(i.function, "__func__", i.function)),
                        tuple(sorted(i.opts.items())),
                    )
                    for i in impls
                ),
            )
        )
    return tuple(parts)


def _shared_registry(key: tuple[Any, ...] | None) -> Registry | None:
    if key is None:
        return None
    with _shared_lock:
        found = _shared.get(key)
        if found is not None:
            _shared.move_to_end(key)
        return found


def _share_registry(key: tuple[Any, ...] | None, registry: Registry) -> None:
    if key is None:
        return
    with _shared_lock:
        _shared[key] = registry
        while len(_shared) > SHARED_REGISTRIES:
            _shared.popitem(last=False)


class GluteusPluginManager(pluggy.PluginManager):
    """A pluggy manager that also remembers which plugins failed or were blocked, and
    keeps the :class:`~gluteus.engine.registry.Registry` of its plugins once built.

    One broken plugin breaks nothing else: building the registry disables a plugin
    whose contributions fail (a hook that raises, malformed data, an id clashing with
    another plugin's) and builds it again without it, recording why in
    :attr:`load_errors`, unless the plugin is essential (:data:`ESSENTIAL_PLUGINS`)
    or was asked for explicitly (named in ``only``, passed as an object, or
    registered by hand): then the :class:`~gluteus.PluginError` is raised.
    """

    def __init__(self) -> None:
        # Set before add_hookspecs, which goes through the invalidating override.
        self._registry: Registry | None = None
        self._generation = 0
        self._registry_lock = threading.Lock()
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.load_errors: list[LoadError] = []
        self.builtin_names: set[str] = set()
        self.blocked_plugins: list[Blocked] = []
        self.disposable: set[str] = set()
        """Names of plugins that may be disabled when they fail: built-ins that are not
        essential, and entry points nobody asked for by name."""

    def registry(self) -> Registry:
        """The registry of the plugins registered now, built on first use.

        Every engine call needs it and building it calls every ``register_*`` hook
        and checks the result, so it is built once and kept until a plugin is
        registered or unregistered (or a hook specification added). Managers with
        the same ``register_*`` hook implementations (the same plugin objects and
        functions: a fresh default manager for each call of the module-level
        functions) share the registry one of them built, unless hook calls are being
        monitored. The registry is immutable, so threads may share it. A failing
        plugin in :attr:`disposable` is disabled (see the class docstring); any other failure raises
        :class:`PluginError` as :func:`~gluteus.engine.registry.build_registry`
        does, and is not kept.
        """
        registry = self._registry
        if registry is not None:
            return registry
        with self._registry_lock:
            if self._registry is not None:
                return self._registry
            while True:
                generation = self._generation
                from .registry import build_registry

                key = _contributors(self)
                try:
                    registry = _shared_registry(key) or build_registry(self)
                except PluginError as exc:
                    if exc.plugin not in self.disposable or not self.has_plugin(exc.plugin):
                        raise
                    self._disable(exc)
                    continue
                # A plugin registered by another thread while this one was building
                # makes this registry stale: return it to this caller, keep nothing.
                if generation == self._generation:
                    self._registry = registry
                    _share_registry(key, registry)
                return registry

    def disable_failing(self, error: PluginError) -> bool:
        """Disable the plugin ``error`` names if it may be disabled (see the class
        docstring), recording why; True when it was. A plugin whose hook fails while a
        profile is screened is treated as one whose contributions fail."""
        with self._registry_lock:
            if error.plugin not in self.disposable or not self.has_plugin(error.plugin):
                return False
            self._disable(error)
            return True

    def _disable(self, error: PluginError) -> None:
        """Undo every registration of the plugin ``error`` names and record why."""
        name = error.plugin
        plugin = self.get_plugin(name)
        dist = _distribution_of(self, plugin)
        self.unregister(name=name)
        self.disposable.discard(name)
        self.load_errors.append(
            LoadError(
                name,
                dist,
                error.message,
                stage="contributions",
                builtin=name in self.builtin_names,
                traceback=_traceback(error),
            )
        )

    def plugin_warnings(self) -> tuple[str, ...]:
        """Every warning about the plugins, one line each: plugins that failed to load
        or were disabled (and why), and contributions left out because they refer to
        what no loaded plugin declares (one line per plugin).

        Builds the registry, so it raises :class:`PluginError` for a failure that
        cannot be disabled. Warnings are not failures: everything else works.
        """
        registry = self.registry()
        lines = [error.warning() for error in self.load_errors]
        lines += [f"plugin {plugin!r} {message}" for plugin, message in registry.warnings]
        return tuple(lines)

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


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def make_plugin_manager(
    *,
    entrypoints: bool = True,
    defaults: bool = True,
    plugins: Iterable[object] = (),
    blocked: Iterable[str] = (),
    only: Iterable[str] | None = None,
    from_environment: bool = False,
) -> GluteusPluginManager:
    """Build a fresh plugin manager.

    ``defaults`` registers the built-in modules; ``entrypoints`` loads third-party
    plugins from the ``gluteus`` entry-point group, one at a time: a plugin that
    fails to import or register is recorded in ``pm.load_errors`` and skipped, not
    fatal. ``only`` names the third-party plugins to load (entry-point or
    distribution names; empty: none; None: every installed one); a plugin named
    there was asked for, so its failure is fatal. ``plugins`` registers extra
    plugin objects (modules or instances) by their ``__name__`` or class name; they
    were asked for too. Names in ``blocked`` are never registered.

    ``from_environment`` also reads :data:`LOAD_ENV` (when ``only`` is None) and
    :data:`BLOCK_ENV` (when ``blocked`` is empty), as the command line does; library
    calls leave it off, so an app's plugins never depend on its environment.

    Raises :class:`~gluteus.ProfileError` (exit code 2) for a name in ``blocked`` or
    ``only`` that no plugin has (naming the closest), and for blocking an essential
    built-in (:data:`ESSENTIAL_PLUGINS`): a program without its safety rules would
    still look safe. A failing essential built-in raises
    :class:`~gluteus.PluginError`.
    """
    block = tuple(blocked)
    load = None if only is None else tuple(only)
    block_why, load_why = "blocked on request", "not among the plugins asked for"
    if from_environment:
        if load is None and LOAD_ENV in os.environ:
            load, load_why = _names(os.environ[LOAD_ENV]), f"not named in {LOAD_ENV}"
        if not block and os.environ.get(BLOCK_ENV, "").strip():
            block, block_why = _names(os.environ[BLOCK_ENV]), f"blocked by {BLOCK_ENV}"
    extra = [(plugin_name(plugin), plugin) for plugin in plugins]
    eps = _entry_points() if entrypoints or block or load else []
    _check_selection(block, load, eps, [name for name, _ in extra])

    pm = GluteusPluginManager()
    for name in block:
        pm.set_blocked(name)
        pm.blocked_plugins.append(Blocked(name, block_why))
    if defaults:
        for module_path in DEFAULT_PLUGINS:
            name = module_path.rsplit(".", 1)[-1]
            if pm.is_blocked(name):
                continue
            _load_builtin(pm, module_path, name)
    if entrypoints:
        _load_entrypoints(pm, eps, load, load_why)
    for name, plugin in extra:
        _register(pm, plugin, name)
    return pm


def _entry_points() -> list[Any]:
    eps = importlib.metadata.entry_points(group=hookspecs.PROJECT)
    return sorted(eps, key=lambda e: e.name)


def _dist_name(ep: Any) -> str | None:
    dist = getattr(ep, "dist", None)
    return str(dist.name) if dist is not None else None


def _check_selection(
    block: tuple[str, ...], load: tuple[str, ...] | None, eps: list[Any], extra: list[str]
) -> None:
    from .errors import ProfileError

    builtins = [path.rsplit(".", 1)[-1] for path in DEFAULT_PLUGINS]
    for name in block:
        if name in ESSENTIAL_PLUGINS:
            raise ProfileError(
                f"the built-in plugin {name!r} cannot be blocked: "
                + (
                    "it holds the red flags, precautions and safety rules every program "
                    "is checked against"
                    if name == "safety"
                    else "the safety rules are written in the equipment, pain regions and "
                    "tests it declares"
                ),
                path="blocked",
            )
    known = sorted({*builtins, *extra, *(ep.name for ep in eps)})
    with_dists = sorted({*known, *(d for d in map(_dist_name, eps) if d)})
    for label, names, choices in (("blocked", block, known), ("only", load or (), with_dists)):
        for name in names:
            if name not in choices:
                close = difflib.get_close_matches(name, choices, n=1)
                raise ProfileError(
                    f"no plugin is called {name!r}; plugins: {', '.join(known)}",
                    path=label,
                    suggestion=close[0] if close else None,
                )


def _load_builtin(pm: GluteusPluginManager, module_path: str, name: str) -> None:
    essential = name in ESSENTIAL_PLUGINS
    try:
        module = importlib.import_module(module_path)
        _register(pm, module, name)
    except Exception as exc:
        if essential:
            if isinstance(exc, PluginError):
                raise
            raise PluginError(name, f"failed to import: {_exception_words(exc)}") from exc
        error = exc.message if isinstance(exc, PluginError) else _exception_words(exc)
        stage = "register" if isinstance(exc, PluginError) else "import"
        pm.load_errors.append(
            LoadError(name, None, error, stage=stage, builtin=True, traceback=_traceback(exc))
        )
        return
    pm.builtin_names.add(name)
    if not essential:
        pm.disposable.add(name)


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
    """Register ``plugin`` as ``name``; a :class:`PluginError` (and nothing registered)
    when its hooks do not match the specifications."""
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        if pm.is_registered(plugin):
            pm.unregister(plugin)
        raise PluginError(name, " ".join(str(exc).split())) from exc
    except ValueError as exc:  # name already registered
        raise PluginError(name, str(exc)) from exc
    unknown = _unknown_hooks(pm, plugin)
    if unknown:
        pm.unregister(plugin)
        raise PluginError(name, "; ".join(unknown))


def _unknown_hooks(pm: pluggy.PluginManager, plugin: object) -> list[str]:
    """One sentence per hook ``plugin`` implements that no specification declares
    (pluggy's ``check_pending``, worded with the closest hook name)."""
    known = sorted(
        name
        for name, caller in vars(pm.hook).items()
        if isinstance(caller, pluggy.HookCaller) and caller.spec is not None
    )
    out: list[str] = []
    for name, caller in sorted(vars(pm.hook).items()):
        if not isinstance(caller, pluggy.HookCaller) or caller.spec is not None:
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not impl.optionalhook:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                out.append(
                    f"{name} is not a gluteus hook{hint}; the hooks are listed in docs/plugins.md"
                )
    return out


def _load_entrypoints(
    pm: GluteusPluginManager, eps: list[Any], load: tuple[str, ...] | None, why: str
) -> None:
    # Loaded one by one (unlike pm.load_setuptools_entrypoints) so that one broken
    # package is reported by name instead of taking the whole command line down.
    for ep in eps:
        if pm.is_blocked(ep.name) or pm.has_plugin(ep.name):
            continue
        dist = _dist_name(ep)
        asked = load is not None and (ep.name in load or dist in load)
        if load is not None and not asked:
            pm.blocked_plugins.append(Blocked(ep.name, why))
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            if asked:
                raise PluginError(ep.name, f"failed to import: {_exception_words(exc)}") from exc
            pm.load_errors.append(
                LoadError(ep.name, dist, _import_words(exc), traceback=_traceback(exc))
            )
            continue
        try:
            _register(pm, plugin, ep.name)
        except PluginError as exc:
            if asked:
                raise
            pm.load_errors.append(
                LoadError(ep.name, dist, exc.message, stage="register", traceback=_traceback(exc))
            )
            continue
        if ep.dist is not None:
            pm._plugin_distinfo.append((plugin, ep.dist))  # same record pluggy keeps
        if not asked:
            pm.disposable.add(ep.name)


def _exception_words(exc: BaseException) -> str:
    # The registry (and the model it checks) loads only when a plugin has failed, or
    # when the registry is built: `gluteus --help` needs neither.
    from .registry import exception_words

    return exception_words(exc)


def _import_words(exc: BaseException) -> str:
    words = _exception_words(exc)
    # A model object built at import time: say so, in the words a hook call gets.
    return f"importing it {words}" if not words.startswith("raised ") else words[len("raised ") :]


def _traceback(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def _distribution_of(pm: pluggy.PluginManager, plugin: object) -> str | None:
    for known, dist in pm.list_plugin_distinfo():
        if known is plugin:
            name = getattr(dist, "name", None) or getattr(dist, "project_name", None)
            return str(name) if name else None
    return None


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
