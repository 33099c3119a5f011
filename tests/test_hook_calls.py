"""Hooks whose results the engine merges are called through pluggy: ``tryfirst`` and
``trylast`` order them, wrappers wrap them, hook-call monitoring sees them, and each
result (or exception) is still credited to the plugin it came from."""

from __future__ import annotations

import pytest

from gluteus.engine.errors import PluginError
from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import Source
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry, call_each


def _source(key: str) -> Source:
    return Source(key=key, citation=f"{key} (2020)", level="convention")


class Contributes:
    """Declares one source, and notes when its hook ran."""

    def __init__(self, name: str, key: str, log: list[str], **opts: bool) -> None:
        self.gluteus_name = name
        self.key = key
        self.log = log

        @hookimpl(**opts)
        def register_sources() -> list[Source]:
            log.append(name)
            return [_source(self.key)]

        self.register_sources = register_sources


def _pm(*plugins: object):
    return make_plugin_manager(defaults=False, entrypoints=False, plugins=plugins)


def test_a_tryfirst_plugin_runs_first_and_its_results_come_first():
    log: list[str] = []
    pm = _pm(
        Contributes("a", "a2020", log),
        Contributes("b", "b2020", log),
        Contributes("eager", "e2020", log, tryfirst=True),
    )
    pairs = call_each(pm, "register_sources")
    assert log[0] == "eager"
    assert [name for name, _ in pairs] == ["eager", "a", "b"]


def test_a_trylast_plugin_runs_last_and_the_rest_keep_registration_order():
    log: list[str] = []
    pm = _pm(
        Contributes("late", "l2020", log, trylast=True),
        Contributes("a", "a2020", log),
        Contributes("b", "b2020", log),
    )
    pairs = call_each(pm, "register_sources")
    assert log[-1] == "late"
    assert [name for name, _ in pairs] == ["a", "b", "late"]


def test_tryfirst_decides_which_plugin_declared_an_id_first():
    """The registry keeps the first declaration of an id and names the plugin that
    declared it again: with tryfirst, the plugin registered later is the first."""

    class Cites:
        def __init__(self, name: str, citation: str, **opts: bool) -> None:
            self.gluteus_name = name

            @hookimpl(**opts)
            def register_sources() -> list[Source]:
                return [Source(key="same2020", citation=citation, level="convention")]

            self.register_sources = register_sources

    plain, eager = Cites("plain", "Plain (2020)"), Cites("eager", "Eager (2020)", tryfirst=True)
    with pytest.raises(PluginError) as info:
        build_registry(_pm(plain, eager))
    assert info.value.plugin == "plain"
    assert "already declared by plugin 'eager'" in str(info.value)

    with pytest.raises(PluginError) as info:
        build_registry(_pm(plain, Cites("later", "Later (2020)")))
    assert info.value.plugin == "later"


class Wrapping:
    """A new-style wrapper around register_sources that notes what it saw."""

    gluteus_name = "wrapping"

    def __init__(self) -> None:
        self.seen: list[object] = []

    @hookimpl(wrapper=True)
    def register_sources(self):
        self.seen.append("before")
        results = yield
        self.seen.append(("after", [s.key for result in results for s in result]))
        return results


def test_a_wrapper_wraps_the_whole_call():
    log: list[str] = []
    wrapper = Wrapping()
    pm = _pm(Contributes("a", "a2020", log), wrapper, Contributes("b", "b2020", log))
    pairs = call_each(pm, "register_sources")
    assert wrapper.seen[0] == "before"
    assert wrapper.seen[1][0] == "after"
    assert sorted(wrapper.seen[1][1]) == ["a2020", "b2020"]
    assert [name for name, _ in pairs] == ["a", "b"]


def test_an_old_style_hookwrapper_wraps_too():
    seen: list[str] = []

    class Old:
        gluteus_name = "old"

        @hookimpl(hookwrapper=True)
        def register_sources(self):
            seen.append("before")
            outcome = yield
            seen.append(f"after {len(outcome.get_result())}")

    log: list[str] = []
    pm = _pm(Contributes("a", "a2020", log), Old())
    assert [name for name, _ in call_each(pm, "register_sources")] == ["a"]
    assert seen == ["before", "after 1"]


def test_a_wrapper_that_replaces_the_results_is_obeyed_and_credited():
    class Filter:
        gluteus_name = "filter"

        @hookimpl(wrapper=True)
        def register_sources(self):
            results = yield
            kept = [r for r in results if r[0].key != "b2020"]
            return [*kept, [_source("new2020")]]

    log: list[str] = []
    pm = _pm(Contributes("a", "a2020", log), Contributes("b", "b2020", log), Filter())
    pairs = call_each(pm, "register_sources")
    assert [(name, [s.key for s in result]) for name, result in pairs] == [
        ("a", ["a2020"]),
        ("filter", ["new2020"]),
    ]


def test_hook_call_monitoring_sees_the_call():
    log: list[str] = []
    pm = _pm(Contributes("a", "a2020", log))
    calls: list[tuple[str, list[str]]] = []

    def before(hook_name, impls, kwargs):
        calls.append((hook_name, [impl.plugin_name for impl in impls]))

    def after(outcome, hook_name, impls, kwargs):
        calls.append((f"{hook_name} done", [len(outcome.get_result())]))

    undo = pm.add_hookcall_monitoring(before, after)
    try:
        call_each(pm, "register_sources")
    finally:
        undo()
    assert calls == [("register_sources", ["a"]), ("register_sources done", [1])]


def test_an_exception_is_credited_to_the_plugin_and_wrappers_see_the_original():
    class Raising:
        gluteus_name = "raising"

        @hookimpl
        def register_sources(self):
            raise RuntimeError("boom")

    seen: list[BaseException] = []

    class Watching:
        gluteus_name = "watching"

        @hookimpl(wrapper=True)
        def register_sources(self):
            try:
                return (yield)
            except RuntimeError as exc:
                seen.append(exc)
                raise

    log: list[str] = []
    pm = _pm(Contributes("a", "a2020", log), Raising(), Watching())
    with pytest.raises(PluginError) as info:
        call_each(pm, "register_sources")
    assert info.value.plugin == "raising"
    assert "RuntimeError: boom" in str(info.value)
    assert isinstance(info.value.__cause__, RuntimeError)
    assert [str(e) for e in seen] == ["boom"]


def test_an_exception_from_a_wrapper_names_the_wrapper():
    class Faulty:
        gluteus_name = "faulty"

        @hookimpl(wrapper=True)
        def register_sources(self):
            yield
            raise ValueError("wrapper broke")

    log: list[str] = []
    pm = _pm(Contributes("a", "a2020", log), Faulty())
    with pytest.raises(PluginError) as info:
        call_each(pm, "register_sources")
    assert info.value.plugin == "faulty"


@pytest.mark.parametrize("mutates_first", [True, False])
def test_fresh_hands_each_plugin_a_copy_no_other_plugin_changed(mutates_first):
    seen: list[object] = []

    class Mutates:
        gluteus_name = "mutates"

        @hookimpl
        def screen(self, profile, signs):
            profile.append("changed")
            seen.append(profile)

    class Reads:
        gluteus_name = "reads"

        @hookimpl
        def screen(self, profile, signs):
            seen.append(list(profile))

    given = ["original"]
    # pluggy calls the plugin registered last first.
    pm = _pm(Reads(), Mutates()) if mutates_first else _pm(Mutates(), Reads())
    call_each(pm, "screen", fresh=True, profile=given, signs={})
    assert given == ["original"]
    assert ["original"] in seen and ["original", "changed"] in seen
    assert seen.index(["original"]) == (1 if mutates_first else 0)
