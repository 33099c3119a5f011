"""A plugin manager builds its registry once, and again only after its plugins change."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pluggy
import pytest
from conftest import PROFILES

import gluteus
from gluteus.engine import api
from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import Source
from gluteus.engine.pluginmanager import GluteusPluginManager, make_plugin_manager


class CountingPlugin:
    """Counts how often the registry is built: every build calls each register hook once."""

    gluteus_name = "counting"

    def __init__(self) -> None:
        self.builds = 0

    @hookimpl
    def register_sources(self) -> list[Source]:
        self.builds += 1
        return []


class ExtraSource:
    """A plugin whose one contribution shows whether the registry saw it."""

    gluteus_name = "extra-source"

    @hookimpl
    def register_sources(self) -> list[Source]:
        return [Source(key="cache-test", citation="A test, 2025.", level="convention")]


@pytest.fixture
def counted() -> tuple[GluteusPluginManager, CountingPlugin]:
    counter = CountingPlugin()
    return make_plugin_manager(entrypoints=False, plugins=[counter]), counter


def test_one_generate_with_its_loading_and_rendering_builds_the_registry_once(counted):
    pm, counter = counted
    profile = gluteus.load_profile(PROFILES / "dana.yaml", plugins=pm)
    program = gluteus.generate(profile, plugins=pm)
    gluteus.render(program, "json", plugins=pm)
    assert gluteus.check(program, plugins=pm) == []
    assert counter.builds == 1
    gluteus.screen_profile(profile, plugins=pm)
    assert counter.builds == 1


def test_registering_or_unregistering_a_plugin_rebuilds_the_registry(counted):
    pm, counter = counted
    first = api.context(pm).registry
    assert "cache-test" not in first.sources
    extra = ExtraSource()
    pm.register(extra, name="extra-source")
    assert "cache-test" in api.context(pm).registry.sources
    assert counter.builds == 2
    api.context(pm)
    assert counter.builds == 2
    pm.unregister(extra)
    # Back to the plugins the first registry was built from: that one serves again.
    assert api.context(pm).registry is first
    assert counter.builds == 2


def test_blocking_a_plugin_rebuilds_the_registry(counted):
    pm, counter = counted
    first = api.context(pm).registry
    pm.register(ExtraSource(), name="extra-source")
    assert "cache-test" in api.context(pm).registry.sources
    pm.set_blocked("extra-source")
    assert api.context(pm).registry is first
    assert "cache-test" not in first.sources
    assert counter.builds == 2


def test_managers_with_the_same_hook_implementations_share_one_registry(monkeypatch):
    counter = CountingPlugin()
    one = make_plugin_manager(entrypoints=False, plugins=[counter])
    two = make_plugin_manager(entrypoints=False, plugins=[counter])
    assert one.registry() is two.registry()
    assert counter.builds == 1
    # Another plugin object, even an equal one, is another contribution.
    other = make_plugin_manager(entrypoints=False, plugins=[CountingPlugin()])
    assert other.registry() is not one.registry()
    # A hook implementation changed on a built-in module is a different registry.
    from gluteus.plugins import basics

    def no_sources() -> list[Source]:
        return [Source(key="patched", citation="Patched, 2025.", level="convention")]

    monkeypatch.setattr(basics, "register_sources", hookimpl(no_sources))
    patched = make_plugin_manager(entrypoints=False, plugins=[counter])
    assert "patched" in patched.registry().sources
    assert "patched" not in one.registry().sources


def test_a_monitored_manager_builds_its_registry_where_the_monitor_sees_it():
    counter = CountingPlugin()
    make_plugin_manager(entrypoints=False, plugins=[counter]).registry()
    seen: list[str] = []
    pm = make_plugin_manager(entrypoints=False, plugins=[counter])
    pm.add_hookcall_monitoring(lambda name, impls, kwargs: seen.append(name), lambda *a: None)
    pm.registry()
    assert "register_exercises" in seen and counter.builds == 2


def test_a_registry_that_fails_to_build_is_not_kept(counted):
    pm, _ = counted

    class Broken:
        gluteus_name = "broken"
        calls = 0

        @hookimpl
        def register_sources(self) -> list[Source]:
            Broken.calls += 1
            raise RuntimeError("boom")

    pm.register(Broken(), name="broken")
    for _ in range(2):
        with pytest.raises(gluteus.PluginError, match="boom"):
            api.context(pm)
    assert Broken.calls == 2


def test_threads_sharing_a_manager_share_one_registry(counted):
    pm, counter = counted
    with ThreadPoolExecutor(max_workers=4) as pool:
        registries = list(pool.map(lambda _: api.context(pm).registry, range(16)))
    assert counter.builds == 1
    assert all(r is registries[0] for r in registries)


def test_a_plain_pluggy_manager_still_works_and_is_never_cached():
    from gluteus.engine import hookspecs

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    counter = CountingPlugin()
    pm.register(counter)
    api.context(pm)
    api.context(pm)
    assert counter.builds == 2


def test_what_a_registry_works_out_is_worked_out_once_and_kept_within_bounds(monkeypatch):
    from gluteus.engine import registry as registry_module

    reg = make_plugin_manager(entrypoints=False).registry()
    calls: list[int] = []

    def compute(n: int) -> object:
        calls.append(n)
        return object()

    first = reg.cached(("test", 1), lambda: compute(1))
    assert reg.cached(("test", 1), lambda: compute(1)) is first
    assert calls == [1]
    monkeypatch.setattr(registry_module, "MEMO_SIZE", 3)
    for n in range(2, 6):
        reg.cached(("test", n), lambda n=n: compute(n))
    # The least recently used went first: key 1, then 2; 3, 4 and 5 are kept.
    reg.cached(("test", 5), lambda: compute(5))
    assert calls == [1, 2, 3, 4, 5]
    reg.cached(("test", 1), lambda: compute(1))
    assert calls == [1, 2, 3, 4, 5, 1]
    # What a registry keeps is not part of what it is.
    assert reg == make_plugin_manager(entrypoints=False).registry()


def test_restrictions_for_the_same_rules_are_shared_and_the_same_as_worked_out_afresh():
    from gluteus.engine.safety import _restrictions, _restrictions_now

    reg = make_plugin_manager(entrypoints=False).registry()
    rules = [reg.safety_rules[r] for r in sorted(reg.safety_rules)[:5]]
    kept = _restrictions(rules, reg)
    assert _restrictions(list(rules), reg) is kept
    assert kept == _restrictions_now(rules, reg)
