"""Collects what every plugin contributes into one checked, immutable :class:`Registry`.

Each ``register_*`` hook is called one plugin at a time so that a plugin that
raises or returns malformed data is named in the error, and every item is
stamped with the plugin that contributed it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import pluggy
from attrs import frozen

from .errors import PluginError
from .model import (
    FLOOR_POSITIONS,
    DoseRule,
    Equipment,
    Exercise,
    Issue,
    Ladder,
    ObjectiveTest,
    PainRegion,
    PersonState,
    Precaution,
    RedFlag,
    Renderer,
    SafetyRule,
    Sign,
    Source,
)

T = TypeVar("T")


def call_each(pm: pluggy.PluginManager, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call one hook plugin by plugin, in registration order.

    Returns ``(plugin_name, result)`` pairs. An exception from a plugin becomes a
    :class:`PluginError` naming that plugin, with the original chained.
    """
    caller = getattr(pm.hook, hook_name)
    results: list[tuple[str, Any]] = []
    # pluggy keeps implementations in call order reversed (LIFO); registration order
    # is what people expect to read and makes outputs stable.
    for impl in caller.get_hookimpls():
        name = pm.get_name(impl.plugin) or repr(impl.plugin)
        args = {arg: kwargs[arg] for arg in impl.argnames}
        try:
            result = impl.function(**args)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(name, f"hook {hook_name} raised {type(exc).__name__}: {exc}") from exc
        results.append((name, result))
    return results


def collect(pm: pluggy.PluginManager, hook_name: str, kind: type[T]) -> list[tuple[str, T]]:
    """Call a ``register_*``-style hook and check each plugin returned a list of ``kind``."""
    items: list[tuple[str, T]] = []
    for name, result in call_each(pm, hook_name):
        if result is None:
            continue
        if not isinstance(result, list | tuple):
            raise PluginError(
                name, f"hook {hook_name} returned {type(result).__name__}, expected a list"
            )
        for item in result:
            if not isinstance(item, kind):
                raise PluginError(
                    name,
                    f"hook {hook_name} returned a {type(item).__name__} in its list, "
                    f"expected {kind.__name__}",
                )
            items.append((name, item))
    return items


def _by_key(
    items: list[tuple[str, T]], key: Callable[[T], str], what: str
) -> tuple[dict[str, T], dict[str, str]]:
    found: dict[str, T] = {}
    owner: dict[str, str] = {}
    for plugin, item in items:
        k = key(item)
        if k in owner and what == "source" and found[k] == item:
            continue  # several plugins may cite the same work with the same entry
        if k in owner:
            other = owner[k]
            raise PluginError(
                plugin,
                f"{what} id {k!r} is already declared by plugin {other!r}"
                if other != plugin
                else f"{what} id {k!r} is declared twice",
            )
        found[k] = item
        owner[k] = plugin
    return found, owner


def _ro(d: dict[str, T]) -> Mapping[str, T]:
    return MappingProxyType(d)


@frozen
class Registry:
    """Everything the loaded plugins contribute, by id, with the contributing plugin.

    ``owner`` maps ``(kind, id)`` to the plugin name, e.g. ``("exercise", "clamshell")``.
    """

    issues: Mapping[str, Issue]
    signs: Mapping[str, Sign]
    red_flags: Mapping[str, RedFlag]
    precautions: Mapping[str, Precaution]
    sources: Mapping[str, Source]
    exercises: Mapping[str, Exercise]
    ladders: Mapping[str, Ladder]
    dosing: tuple[DoseRule, ...]
    safety_rules: Mapping[str, SafetyRule]
    renderers: Mapping[str, Renderer]
    owner: Mapping[tuple[str, str], str]
    dose_owner: tuple[str, ...]
    pruned: tuple[tuple[str, str], ...] = ()
    """``(plugin, message)`` for each reference to an issue or exercise that no loaded
    plugin declares, which the registry dropped (see :func:`build_registry`)."""
    equipment: Mapping[str, Equipment] = MappingProxyType({})
    tests: Mapping[str, ObjectiveTest] = MappingProxyType({})
    pain_regions: Mapping[str, PainRegion] = MappingProxyType({})
    person_states: Mapping[str, PersonState] = MappingProxyType({})

    def available(self, equipment: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
        """The equipment ids a person listing ``equipment`` can use: what they list and
        what any of it stands in for."""
        have = set(equipment)
        for item in equipment:
            declared = self.equipment.get(item)
            if declared is not None:
                have.update(declared.stands_in_for)
        return frozenset(have)

    def ladders_of(self, exercise_id: str) -> tuple[tuple[Ladder, int], ...]:
        """Every ladder ``exercise_id`` is a rung of, with the rung (1-based), by ladder id."""
        return tuple(
            (ladder, ladder.exercise_ids.index(exercise_id) + 1)
            for _, ladder in sorted(self.ladders.items())
            if exercise_id in ladder.exercise_ids
        )

    def plugin_of(self, kind: str, item_id: str) -> str | None:
        """The plugin that contributed ``item_id`` of ``kind`` (``"exercise"``, ``"sign"``, ...)."""
        return self.owner.get((kind, item_id))


def build_registry(pm: pluggy.PluginManager) -> Registry:
    """Call every ``register_*`` hook and check the contributions fit together.

    Raises :class:`PluginError` naming the plugin for malformed data, duplicate ids
    (naming both plugins) and references to ids no plugin declares.
    """
    owner: dict[tuple[str, str], str] = {}
    tables: dict[str, dict[str, Any]] = {}
    specs: list[tuple[str, str, type, str]] = [
        ("issue", "register_issues", Issue, "issue"),
        ("sign", "register_signs", Sign, "sign"),
        ("red_flag", "register_red_flags", RedFlag, "red flag"),
        ("precaution", "register_precautions", Precaution, "precaution"),
        ("equipment", "register_equipment", Equipment, "equipment"),
        ("test", "register_tests", ObjectiveTest, "test"),
        ("pain_region", "register_pain_regions", PainRegion, "pain region"),
        ("person_state", "register_person_states", PersonState, "person state"),
        ("source", "register_sources", Source, "source"),
        ("exercise", "register_exercises", Exercise, "exercise"),
        ("ladder", "register_ladders", Ladder, "ladder"),
        ("safety_rule", "register_safety_rules", SafetyRule, "safety rule"),
        ("renderer", "register_renderers", Renderer, "format"),
    ]
    for kind, hook, cls, what in specs:
        key: Callable[[Any], str] = (
            (lambda item: item.format)
            if cls is Renderer
            else (lambda item: item.key)
            if cls is Source
            else (lambda item: item.id)
        )
        table, owners = _by_key(collect(pm, hook, cls), key, what)
        tables[kind] = table
        owner.update({(kind, k): v for k, v in owners.items()})
    dosing_items = collect(pm, "register_dosing", DoseRule)
    pruned: list[tuple[str, str]] = []
    _prune(tables, owner, dosing_items, pruned)
    _derive(tables)

    registry = Registry(
        issues=_ro(tables["issue"]),
        signs=_ro(tables["sign"]),
        red_flags=_ro(tables["red_flag"]),
        precautions=_ro(tables["precaution"]),
        sources=_ro(tables["source"]),
        exercises=_ro(tables["exercise"]),
        ladders=_ro(tables["ladder"]),
        dosing=tuple(rule for _, rule in dosing_items),
        safety_rules=_ro(tables["safety_rule"]),
        renderers=_ro(tables["renderer"]),
        owner=MappingProxyType(owner),
        dose_owner=tuple(name for name, _ in dosing_items),
        pruned=tuple(pruned),
        equipment=_ro(tables["equipment"]),
        tests=_ro(tables["test"]),
        pain_regions=_ro(tables["pain_region"]),
        person_states=_ro(tables["person_state"]),
    )
    _check_references(registry)
    return registry


def _derive(tables: dict[str, dict[str, Any]]) -> None:
    """What an exercise's data implies, stated once here: its load type from its
    equipment (when it does not say), and the ``floor`` tag from its position."""
    kinds = {eq_id: eq.kind for eq_id, eq in tables["equipment"].items()}
    exercises = tables["exercise"]
    for ex_id, ex in list(exercises.items()):
        changes: dict[str, Any] = {}
        if ex.load is None:
            used = {kinds.get(e, "none") for e in ex.equipment}
            changes["load"] = (
                "external" if "external" in used else "band" if "band" in used else "bodyweight"
            )
        if ex.position in FLOOR_POSITIONS and "on_bed" not in ex.tags and "floor" not in ex.tags:
            changes["tags"] = (*ex.tags, "floor")
        if changes:
            exercises[ex_id] = attrs.evolve(ex, **changes)


def _prune(
    tables: dict[str, dict[str, Any]],
    owner: dict[tuple[str, str], str],
    dosing: list[tuple[str, DoseRule]],
    pruned: list[tuple[str, str]],
) -> None:
    """Drop references to issues and exercises that no loaded plugin declares.

    Plugins tag shared exercises with each other's issues and build ladders through
    each other's exercises, so blocking one plugin (an app choosing its plugins)
    must not break the others: an exercise keeps the issues that are loaded (and
    goes when none is), a ladder keeps the rungs that are loaded (and goes below two),
    a dose rule or safety rule about an unloaded issue goes. Each drop is recorded,
    so the plugin contract check can still report a typo.
    """
    issues = tables["issue"]
    exercises = tables["exercise"]
    for ex_id, ex in sorted(exercises.items()):
        missing = [e for e in ex.equipment if e not in tables["equipment"]]
        if missing:
            # Nobody can list equipment no loaded plugin declares: the exercise is out.
            pruned.append(
                (
                    owner[("exercise", ex_id)],
                    f"exercise {ex_id!r} needs equipment no loaded plugin declares: "
                    f"{', '.join(missing)}",
                )
            )
            del exercises[ex_id]
            del owner[("exercise", ex_id)]
    for ex_id, ex in sorted(exercises.items()):
        unknown = [i for i in ex.issues if i not in issues]
        if not unknown:
            continue
        plugin = owner[("exercise", ex_id)]
        pruned.append(
            (
                plugin,
                f"exercise {ex_id!r} names issue(s) no loaded plugin declares: "
                f"{', '.join(unknown)}",
            )
        )
        kept = tuple(i for i in ex.issues if i in issues)
        if kept:
            exercises[ex_id] = attrs.evolve(ex, issues=kept)
        else:
            del exercises[ex_id]
            del owner[("exercise", ex_id)]
    ladders = tables["ladder"]
    for ladder_id, ladder in sorted(ladders.items()):
        missing = [s.exercise for s in ladder.steps if s.exercise not in exercises]
        unknown = [i for i in ladder.issues if i not in issues]
        if not missing and not unknown:
            continue
        plugin = owner[("ladder", ladder_id)]
        if missing:
            pruned.append(
                (
                    plugin,
                    f"ladder {ladder_id!r} names exercise(s) no loaded plugin "
                    f"declares: {', '.join(missing)}",
                )
            )
        if unknown:
            pruned.append(
                (
                    plugin,
                    f"ladder {ladder_id!r} names issue(s) no loaded plugin "
                    f"declares: {', '.join(unknown)}",
                )
            )
        steps = tuple(s for s in ladder.steps if s.exercise in exercises)
        if len(steps) < 2:
            del ladders[ladder_id]
            del owner[("ladder", ladder_id)]
        else:
            ladders[ladder_id] = attrs.evolve(
                ladder, steps=steps, issues=tuple(i for i in ladder.issues if i in issues)
            )
    for plugin, dose in list(dosing):
        if dose.issue is not None and dose.issue not in issues:
            pruned.append(
                (
                    plugin,
                    f"a {dose.role} dose rule names issue {dose.issue!r}, "
                    "which no loaded plugin declares",
                )
            )
            dosing.remove((plugin, dose))
    rules = tables["safety_rule"]
    for rule_id, rule in sorted(rules.items()):
        unknown = [i for i in rule.when.findings if i not in issues]
        if not unknown:
            continue
        plugin = owner[("safety_rule", rule_id)]
        pruned.append(
            (
                plugin,
                f"rule {rule_id!r} names issue(s) no loaded plugin declares: {', '.join(unknown)}",
            )
        )
        kept = tuple(i for i in rule.when.findings if i in issues)
        if kept:
            rules[rule_id] = attrs.evolve(rule, when=attrs.evolve(rule.when, findings=kept))
        else:
            # It can never fire without the issue: drop it rather than let it apply
            # on its other conditions alone.
            del rules[rule_id]
            del owner[("safety_rule", rule_id)]


def _check_references(reg: Registry) -> None:
    from .facts import unknown_facts

    def fail(kind: str, item_id: str, message: str) -> None:
        raise PluginError(reg.plugin_of(kind, item_id) or "?", message)

    def source_ok(kind: str, item_id: str, key: str) -> None:
        if key not in reg.sources:
            fail(kind, item_id, f"{kind} {item_id!r} cites unknown source {key!r}")

    for sign in reg.signs.values():
        if sign.issue is not None and sign.issue not in reg.issues:
            fail("sign", sign.id, f"sign {sign.id!r} names unknown issue {sign.issue!r}")
    for flag in reg.red_flags.values():
        source_ok("red_flag", flag.id, flag.source)
    for pre in reg.precautions.values():
        source_ok("precaution", pre.id, pre.source)
    for ex in reg.exercises.values():
        for issue in ex.issues:
            if issue not in reg.issues:
                fail("exercise", ex.id, f"exercise {ex.id!r} names unknown issue {issue!r}")
        source_ok("exercise", ex.id, ex.source)
        if (ex.hold_s is None) == (ex.seconds_per_rep is None):
            fail(
                "exercise",
                ex.id,
                f"exercise {ex.id!r} must set exactly one of seconds_per_rep and hold_s",
            )
    for ladder in reg.ladders.values():
        source_ok("ladder", ladder.id, ladder.source)
        seen: set[str] = set()
        for ex_id in ladder.exercise_ids:
            if ex_id not in reg.exercises:
                fail("ladder", ladder.id, f"ladder {ladder.id!r} names unknown exercise {ex_id!r}")
            if ex_id in seen:
                fail("ladder", ladder.id, f"ladder {ladder.id!r} repeats exercise {ex_id!r}")
            seen.add(ex_id)
    for plugin, dose in zip(reg.dose_owner, reg.dosing, strict=True):
        if dose.issue is not None and dose.issue not in reg.issues:
            raise PluginError(plugin, f"dose rule names unknown issue {dose.issue!r}")
        if dose.source not in reg.sources:
            raise PluginError(plugin, f"dose rule cites unknown source {dose.source!r}")
    for rule in reg.safety_rules.values():
        source_ok("safety_rule", rule.id, rule.source)
        for pre_id in rule.when.precautions:
            if pre_id not in reg.precautions:
                fail(
                    "safety_rule", rule.id, f"rule {rule.id!r} names unknown precaution {pre_id!r}"
                )
        for issue in rule.when.findings:
            if issue not in reg.issues:
                fail("safety_rule", rule.id, f"rule {rule.id!r} names unknown issue {issue!r}")
        condition = rule.when.as_condition()
        if condition is not None:
            for problem in unknown_facts(condition, reg):
                fail("safety_rule", rule.id, f"rule {rule.id!r}: {problem}")
    for flag in reg.red_flags.values():
        if flag.when is not None:
            for problem in unknown_facts(flag.when, reg):
                fail("red_flag", flag.id, f"red flag {flag.id!r}: {problem}")
