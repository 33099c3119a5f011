"""The registry: contributions are checked, stamped with their plugin, and malformed
data or clashing ids name the plugin responsible."""

from __future__ import annotations

import pytest

from gluteus import hookimpl
from gluteus.engine.errors import PluginError
from gluteus.engine.model import Issue, Sign, Source
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import build_registry, call_each


class Minimal:
    """A plugin declaring one issue, one sign and one source."""

    gluteus_name = "minimal"

    @hookimpl
    def register_issues(self):
        return [Issue(id="calves", name="Calves", message="m", fix="f", evidence="convention")]

    @hookimpl
    def register_signs(self):
        return [Sign(id="calf_cramps", issue="calves", question="Do your calves cramp?")]

    @hookimpl
    def register_sources(self):
        return [Source(key="acsm2009", citation="ACSM 2009", level="verified")]


def registry_with(*plugins):
    return build_registry(make_plugin_manager(defaults=False, entrypoints=False, plugins=plugins))


def test_contributions_are_stamped_with_their_plugin():
    reg = registry_with(Minimal())
    assert reg.plugin_of("sign", "calf_cramps") == "minimal"
    assert reg.plugin_of("issue", "calves") == "minimal"
    assert reg.plugin_of("sign", "nope") is None


def test_duplicate_ids_across_plugins_name_both():
    class Other(Minimal):
        gluteus_name = "other"

    with pytest.raises(PluginError) as info:
        registry_with(Minimal(), Other())
    assert info.value.plugin == "other"
    assert "'minimal'" in str(info.value)


def test_identical_sources_may_be_declared_twice():
    class SameSource:
        gluteus_name = "same-source"

        @hookimpl
        def register_sources(self):
            return [Source(key="acsm2009", citation="ACSM 2009", level="verified")]

    reg = registry_with(Minimal(), SameSource())
    assert reg.sources["acsm2009"].citation == "ACSM 2009"


def test_a_plugin_returning_the_wrong_type_is_named():
    class Broken:
        gluteus_name = "broken"

        @hookimpl
        def register_signs(self):
            return ["not a sign"]

    with pytest.raises(PluginError, match=r"broken.*expected Sign"):
        registry_with(Minimal(), Broken())


def test_a_plugin_returning_a_non_list_is_named():
    class Broken:
        gluteus_name = "broken"

        @hookimpl
        def register_signs(self):
            return Sign(id="x", issue="calves", question="?")

    with pytest.raises(PluginError, match=r"broken.*expected a list"):
        registry_with(Minimal(), Broken())


def test_a_plugin_that_raises_is_named_and_chained():
    class Raising:
        gluteus_name = "raising"

        @hookimpl
        def register_issues(self):
            raise RuntimeError("boom")

    with pytest.raises(PluginError) as info:
        registry_with(Raising())
    assert info.value.plugin == "raising"
    assert isinstance(info.value.__cause__, RuntimeError)


def test_a_sign_of_an_unknown_issue_is_refused():
    class Orphan:
        gluteus_name = "orphan"

        @hookimpl
        def register_signs(self):
            return [Sign(id="lost", issue="nowhere", question="?")]

    with pytest.raises(PluginError, match=r"orphan.*unknown issue 'nowhere'"):
        registry_with(Orphan())


def test_call_each_passes_only_the_arguments_an_impl_names():
    seen = []

    class OptIn:
        gluteus_name = "opt-in"

        @hookimpl
        def screen(self, profile):
            seen.append(profile)
            return []

    pm = make_plugin_manager(defaults=False, entrypoints=False, plugins=[OptIn()])
    assert call_each(pm, "screen", profile="P", signs={}) == [("opt-in", [])]
    assert seen == ["P"]


def test_misspelled_hook_is_refused_at_registration():
    class Typo:
        gluteus_name = "typo"

        @hookimpl
        def register_exercise(self):  # missing the s
            return []

    with pytest.raises(PluginError, match="typo"):
        make_plugin_manager(defaults=False, entrypoints=False, plugins=[Typo()])


def test_each_manager_is_independent():
    first = make_plugin_manager(defaults=False, entrypoints=False, plugins=[Minimal()])
    second = make_plugin_manager(defaults=False, entrypoints=False)
    assert first.has_plugin("minimal")
    assert not second.has_plugin("minimal")
