"""Collects what every plugin contributes into one checked, immutable :class:`Registry`.

Each ``register_*`` hook is called through pluggy (:func:`call_each`) so that a
plugin that raises or returns malformed data is named in the error, and every item
is stamped with the plugin that contributed it.
"""

from __future__ import annotations

import copy
import difflib
import functools
import inspect
import math
import numbers
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import pluggy
from attrs import field, frozen

from . import model
from .errors import PluginError
from .model import (
    CONTRAINDICATION_TAGS,
    FLOOR_POSITIONS,
    TARGETS,
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


def call_each(
    pm: pluggy.PluginManager, hook_name: str, *, fresh: bool = False, **kwargs: Any
) -> list[tuple[str, Any]]:
    """Call a hook whose results are merged, and say which plugin returned what.

    The call goes through pluggy's own hook execution, as ``pm.hook.<name>(...)``
    does, so ``tryfirst``/``trylast`` order the implementations, wrappers run around
    them, and hook-call monitoring (``pm.add_hookcall_monitoring``,
    ``pm.enable_tracing``) sees it. Each implementation is handed over wrapped in a
    recorder, which notes what it returned, so every result keeps its plugin's name.

    Returns ``(plugin_name, result)`` pairs, ``None`` results included: ``tryfirst``
    implementations first, ``trylast`` ones last, each group in registration order
    (pluggy calls the others last-registered first; registration order is what people
    read, and keeps outputs stable). When a wrapper replaces the results, its list
    stands, each item credited to the plugin that returned it (new items to the
    wrapper). An exception from a plugin becomes a :class:`PluginError` naming it,
    with the original chained; wrappers see the original first. With ``fresh``, each
    plugin gets a deep copy of the arguments that no other plugin has changed: frozen
    classes still yield to ``object.__setattr__``, and what one plugin does to what it
    was handed must change nothing the engine or another plugin decides on.
    """
    impls = getattr(pm.hook, hook_name).get_hookimpls()
    returned: dict[int, Any] = {}
    copies = _Copies() if fresh else None
    calls = [_recorded(impl, i, returned, copies) for i, impl in enumerate(impls)]
    try:
        # pluggy has no public call that takes the implementations to run; _hookexec is
        # what HookCaller.__call__ and call_extra use, so monitors see this call too.
        outcome = pm._hookexec(hook_name, calls, kwargs, False)
    except PluginError:
        raise
    except Exception as exc:
        plugin = _culprit(exc, impls) or "?"
        raise PluginError(plugin, f"hook {hook_name} {exception_words(exc)}") from exc
    plain = [i for i, impl in enumerate(impls) if not (impl.wrapper or impl.hookwrapper)]
    order = (
        [i for i in plain if impls[i].tryfirst]
        + [i for i in plain if not (impls[i].tryfirst or impls[i].trylast)]
        + [i for i in reversed(plain) if impls[i].trylast]
    )
    pairs = [(impls[i].plugin_name, returned[i]) for i in order]
    called = [returned[i] for i in reversed(plain) if returned[i] is not None]
    if isinstance(outcome, list) and [id(r) for r in outcome] == [id(r) for r in called]:
        return pairs
    wrappers = "/".join(i.plugin_name for i in impls if i.wrapper or i.hookwrapper) or "?"
    if not isinstance(outcome, list):
        raise PluginError(
            wrappers, f"hook {hook_name} wrapper returned {type(outcome).__name__}, expected a list"
        )
    owner = {id(result): name for name, result in pairs if result is not None}
    return [(owner.get(id(item), wrappers), item) for item in outcome]


class _Copies:
    """The copies of a hook call's arguments the next plugin is handed, by name.

    One deep copy of an argument serves plugin after plugin for as long as each leaves
    it equal to what the engine holds; one that changed it (frozen classes still yield
    to ``object.__setattr__``) keeps what it changed, and the next plugin gets a fresh
    copy. A deep copy per plugin cost more than the screening it guarded.
    """

    def __init__(self) -> None:
        self.kept: dict[str, Any] = {}

    def handed(self, names: tuple[str, ...], args: tuple[Any, ...]) -> list[Any]:
        for name, arg in zip(names, args, strict=True):
            if name not in self.kept:
                self.kept[name] = copy.deepcopy(arg)
        return [self.kept[name] for name in names]

    def returned(self, names: tuple[str, ...], args: tuple[Any, ...]) -> None:
        for name, arg in zip(names, args, strict=True):
            try:
                unchanged = bool(self.kept[name] == arg)
            except Exception:
                unchanged = False
            if not unchanged:
                del self.kept[name]


def _recorded(
    impl: pluggy.HookImpl, index: int, returned: dict[int, Any], copies: _Copies | None
) -> pluggy.HookImpl:
    """``impl`` as pluggy runs it, noting what it returns (and, with ``copies``, handing
    it a copy of the arguments no other plugin has changed). Wrappers are left as they
    are."""
    if impl.wrapper or impl.hookwrapper:
        return impl
    function = impl.function

    # functools.wraps keeps the signature pluggy reads to pick the arguments.
    @functools.wraps(function)
    def record(*args: Any, **kwargs: Any) -> Any:
        if copies is None or kwargs:
            if copies is not None:
                args, kwargs = copy.deepcopy((args, kwargs))
            result = function(*args, **kwargs)
        else:
            # pluggy hands the arguments by position, in the order of argnames.
            names = tuple(impl.argnames)
            try:
                result = function(*copies.handed(names, args))
            finally:
                copies.returned(names, args)
        returned[index] = result
        return result

    return pluggy.HookImpl(impl.plugin, impl.plugin_name, record, impl.opts)


def _culprit(exc: BaseException, impls: list[pluggy.HookImpl]) -> str | None:
    """The plugin whose implementation (or wrapper) raised ``exc``: the innermost of
    their functions on the exception's traceback."""
    codes = {}
    for impl in impls:
        function = inspect.unwrap(getattr(impl.function, "__func__", impl.function))
        code = getattr(function, "__code__", None)
        if code is not None:
            codes[code] = impl.plugin_name
    name = None
    tb = exc.__traceback__
    while tb is not None:
        name = codes.get(tb.tb_frame.f_code, name)
        tb = tb.tb_next
    return name


_MISSING = re.compile(
    r"^(?P<cls>\w+)\.__init__\(\) missing \d+ required (?:positional |keyword-only )?"
    r"arguments?: (?P<names>.+)$"
)
_UNEXPECTED = re.compile(
    r"^(?P<cls>\w+)\.__init__\(\) got an unexpected keyword argument '(?P<name>\w+)'$"
)
_NAMED_MISSING = re.compile(r"^(?P<what>\w+(?: '.*')?) is missing required fields?: (?P<names>.+)$")


def exception_words(exc: BaseException) -> str:
    """What a plugin's exception says, worded for its author: ``raised Type: message``,
    except that building a model object with a field missing or unknown says which
    object (its id, when the data shows it), which field, and where the fields are
    documented, instead of Python's ``__init__() missing 1 required positional
    argument``."""
    text = str(exc)
    if isinstance(exc, TypeError):
        named = _NAMED_MISSING.match(text)
        if named:
            return (
                f"built {_article(named['what'])} without its required field(s) "
                f"{named['names']} (every field without a default must be given; "
                "see the model reference in docs/plugins.md)"
            )
        missing = _MISSING.match(text)
        if missing and hasattr(model, missing["cls"]):
            names = ", ".join(re.findall(r"'(\w+)'", missing["names"]))
            return (
                f"built {_article(missing['cls'])} without its required field(s) {names} "
                "(every field without a default must be given; see the model reference "
                "in docs/plugins.md)"
            )
        unexpected = _UNEXPECTED.match(text)
        if unexpected and hasattr(model, unexpected["cls"]):
            cls = getattr(model, unexpected["cls"])
            fields = [a.name for a in attrs.fields(cls)] if attrs.has(cls) else []
            close = difflib.get_close_matches(unexpected["name"], fields, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            return (
                f"built {_article(unexpected['cls'])} with a field it does not have: "
                f"{unexpected['name']!r}{hint}"
            )
    if (
        isinstance(exc, ValueError)
        and len(exc.args) == 4
        and isinstance(exc.args[1], attrs.Attribute)
        and isinstance(exc.args[2], tuple | list | frozenset | set)
    ):
        # attrs' in_ validator: its arguments are the message, the field, the choices
        # and the value found; said as one line with the closest choice.
        field, choices, found = exc.args[1], exc.args[2], exc.args[3]
        words = [str(c) for c in choices]
        close = difflib.get_close_matches(str(found), words, n=1)
        hint = f"; the closest is {close[0]!r}" if close else ""
        return (
            f"gave the field {field.name!r} the value {found!r}, which is not one of "
            f"{', '.join(words)}{hint}"
        )
    return f"raised {type(exc).__name__}: {text}"


def _article(what: str) -> str:
    return ("an " if what[:1] in "AEIOU" else "a ") + what


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


MEMO_SIZE = 1024
"""How many computed values a :class:`Registry` keeps (see :meth:`Registry.cached`)."""


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
    warnings: tuple[tuple[str, str], ...] = ()
    """``(plugin, message)``: one line per plugin whose contributions were left out in
    part (see :attr:`pruned`), saying which ids they refer to. Not failures: the
    command line prints them as warnings; an embedding app may show or log them."""
    # What is worked out from the contributions alone (see :meth:`cached`). Not part
    # of what the registry is: left out of equality and repr.
    _memo: OrderedDict[Any, Any] = field(factory=OrderedDict, init=False, eq=False, repr=False)
    _memo_lock: threading.Lock = field(factory=threading.Lock, init=False, eq=False, repr=False)

    def cached(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per registry for ``key`` and kept.

        For what depends on the contributions alone (the restrictions of a set of
        safety rules look at every exercise, and every week of every program asks for
        them). Contributions are immutable, so what is kept never goes stale; the
        :data:`MEMO_SIZE` keys used last are kept, so a long-running service meeting
        many people does not grow without bound.
        """
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

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
        return self.cached(("ladders of", "every exercise"), self._ladders_of).get(exercise_id, ())

    def _ladders_of(self) -> Mapping[str, tuple[tuple[Ladder, int], ...]]:
        # Every exercise's ladders at once, kept (see :meth:`cached`): a plan asks for
        # each candidate, and each question scanned every ladder's rungs (125 questions,
        # 3,500 rung lists in a 12-week plan, about 2 ms).
        found: dict[str, list[tuple[Ladder, int]]] = {}
        for _, ladder in sorted(self.ladders.items()):
            ids = ladder.exercise_ids
            for exercise_id in dict.fromkeys(ids):
                found.setdefault(exercise_id, []).append((ladder, ids.index(exercise_id) + 1))
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    def plugin_of(self, kind: str, item_id: str) -> str | None:
        """The plugin that contributed ``item_id`` of ``kind`` (``"exercise"``, ``"sign"``, ...)."""
        return self.owner.get((kind, item_id))


def build_registry(pm: pluggy.PluginManager, *, check_numbers: bool = True) -> Registry:
    """Call every ``register_*`` hook and check the contributions fit together.

    Raises :class:`PluginError` naming the plugin for malformed data, duplicate ids
    (naming both plugins), references to ids no plugin declares, an exercise without
    targets, a safety rule naming a tag no exercise carries and no vocabulary lists
    (it would never act), a condition naming an undeclared fact and, unless
    ``check_numbers`` is false (the plugin contract check lists them all itself
    with :func:`number_problems`), numbers out of range.
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
    # Every tag some contributed exercise (or one of its cues) carries, before any is
    # pruned: a rule may name a tag of its own plugin's exercises even where those
    # exercises are left out for want of equipment.
    exercise_tags = frozenset(tag for ex in tables["exercise"].values() for tag in ex.all_tags)
    pruned: list[tuple[str, str]] = []
    refs: dict[str, dict[tuple[str, str], list[str]]] = {}
    _prune(tables, owner, dosing_items, pruned, refs)
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
        warnings=_prune_warnings(refs),
    )
    if check_numbers:
        for plugin, item, message in number_problems(registry)[:1]:
            raise PluginError(plugin, f"{item}: {message}")
    _check_references(registry, exercise_tags)
    return registry


def _prune_warnings(
    refs: Mapping[str, Mapping[tuple[str, str], list[str]]],
) -> tuple[tuple[str, str], ...]:
    """One line per plugin: the ids it refers to that no loaded plugin declares, each
    with what of the plugin's names it (the first few), so the plugin is named once."""
    out: list[tuple[str, str]] = []
    for plugin in sorted(refs):
        parts = []
        for (kind, ref_id), items in sorted(refs[plugin].items()):
            shown = ", ".join(items[:3]) + (f" and {len(items) - 3} more" if len(items) > 3 else "")
            parts.append(f"{kind} {ref_id!r} (named by {shown})")
        out.append(
            (
                plugin,
                "refers to what no loaded plugin declares, so that part of it is left out: "
                + "; ".join(parts),
            )
        )
    return tuple(out)


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
    refs: dict[str, dict[tuple[str, str], list[str]]],
) -> None:
    """Drop references to issues and exercises that no loaded plugin declares.

    Plugins tag shared exercises with each other's issues and build ladders through
    each other's exercises, so blocking one plugin (an app choosing its plugins)
    must not break the others: an exercise keeps the issues that are loaded (and
    goes when none is), a ladder keeps the rungs that are loaded (and goes below two),
    a dose rule or safety rule about an unloaded issue goes. Each drop is recorded,
    so the plugin contract check can still report a typo.
    """

    def refer(plugin: str, item: str, kind: str, missing: Iterable[str]) -> None:
        for ref_id in missing:
            refs.setdefault(plugin, {}).setdefault((kind, ref_id), []).append(item)

    issues = tables["issue"]
    exercises = tables["exercise"]
    for ex_id, ex in sorted(exercises.items()):
        missing = [e for e in ex.equipment if e not in tables["equipment"]]
        if missing:
            refer(owner[("exercise", ex_id)], f"exercise {ex_id!r}", "equipment", missing)
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
        refer(plugin, f"exercise {ex_id!r}", "issue", unknown)
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
        refer(plugin, f"ladder {ladder_id!r}", "exercise", missing)
        refer(plugin, f"ladder {ladder_id!r}", "issue", unknown)
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
            refer(plugin, f"a {dose.role} dose rule", "issue", (dose.issue,))
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
        refer(plugin, f"rule {rule_id!r}", "issue", unknown)
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


def _check_references(reg: Registry, exercise_tags: frozenset[str] = frozenset()) -> None:
    from .facts import unknown_facts

    known_tags = sorted(set(CONTRAINDICATION_TAGS) | exercise_tags)

    def tag_ok(rule: SafetyRule, tags: Iterable[str], where: str) -> None:
        for tag in tags:
            if tag in known_tags:
                continue
            close = difflib.get_close_matches(tag, known_tags, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(
                "safety_rule",
                rule.id,
                f"rule {rule.id!r} {where} tag {tag!r}, which no exercise carries and "
                f"model.CONTRAINDICATION_TAGS does not list, so it would never act{hint}",
            )

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
        if not ex.targets:
            fail(
                "exercise",
                ex.id,
                f"exercise {ex.id!r} gives no targets. The plugin contract changed: "
                "Exercise.targets must now be given (it used to default to ('gmax',) "
                "without a word). Add targets=(...) naming what the exercise mainly "
                f"trains, from {', '.join(TARGETS)}; targets=('gmax',) keeps the old "
                "behaviour",
            )
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
        # A tag nobody knows is a typo that would silently stop the rule protecting
        # anyone: refused here, at load, not only by the contract check.
        tag_ok(rule, rule.exclude_tags, "excludes")
        tag_ok(rule, rule.guard_tags, "guards")
        for limit in rule.limits:
            tag_ok(rule, limit.tags, "limits")
        if rule.cap is not None:
            tag_ok(rule, rule.cap.tags, "caps")
        for requirement in rule.requires:
            tag_ok(rule, requirement.tags, "requires")
    for flag in reg.red_flags.values():
        if flag.when is not None:
            for problem in unknown_facts(flag.when, reg):
                fail("red_flag", flag.id, f"red flag {flag.id!r}: {problem}")


# --- Numbers in contributed data ----------------------------------------------------


@frozen
class _Range:
    """What a number in plugin data may be: an int (or any finite real), between
    ``low`` and ``high``; ``above`` makes ``low`` itself invalid, ``below`` ``high``."""

    low: float
    high: float
    integer: bool = True
    above: bool = False
    below: bool = False

    def holds(self, value: object) -> bool:
        if isinstance(value, bool):
            return False  # True is an int to Python, never a dose
        if self.integer and not isinstance(value, int):
            return False
        if not isinstance(value, numbers.Real):
            return False
        number = float(value)
        if not math.isfinite(number):
            return False
        low_ok = number > self.low if self.above else number >= self.low
        high_ok = number < self.high if self.below else number <= self.high
        return low_ok and high_ok

    def __str__(self) -> str:
        kind = "an integer" if self.integer else "a finite number"
        if not self.above and not self.below:
            return f"{kind} from {self.low:g} to {self.high:g}"
        low = f"above {self.low:g}" if self.above else f"at least {self.low:g}"
        high = f"below {self.high:g}" if self.below else f"at most {self.high:g}"
        return f"{kind} {low} and {high}"


# The ranges are wide (a plugin may dose differently from the built-in ones) but
# keep every computed minute finite and positive: a NaN, infinite or negative
# number here would otherwise surface as a traceback far from the plugin, or as a
# session of negative minutes that passes its own checks.
_SECONDS_PER_REP = _Range(0, 60, integer=False, above=True)
_HOLD_S = _Range(1, 600)
_REST_S = _Range(0, 600)
_SETS = _Range(1, 20)
_REPS = _Range(1, 100)
_STEP = _Range(0, 60)
_LEVEL = _Range(1, 5)
_ACTIVATION = _Range(0, 300, integer=False)
_DELOAD = _Range(0, 1, integer=False, above=True, below=True)
_RPE = _Range(1, 10, integer=False)
_TRIMESTER = _Range(1, 3)
_PAIN = _Range(0, 10)
_ORDER = _Range(-1_000_000, 1_000_000)


def number_problems(registry: Registry) -> list[tuple[str, str, str]]:
    """Every number in what plugins contributed (issues, exercises, dose rules, safety
    rules) that is not of its type, finite and in range, as ``(plugin, item,
    message)``; empty when all are."""
    problems: list[tuple[str, str, str]] = []

    def need(plugin: str, item: str, field: str, value: object, rule: _Range) -> None:
        if not rule.holds(value):
            problems.append((plugin, item, f"{field} must be {rule}, found {value!r}"))

    def optional(plugin: str, item: str, field: str, value: object, rule: _Range) -> None:
        if value is not None:
            need(plugin, item, field, value, rule)

    def pair(plugin: str, item: str, field: str, value: object) -> bool:
        if isinstance(value, tuple | list) and len(value) == 2:
            return True
        problems.append((plugin, item, f"{field} must be a pair, found {value!r}"))
        return False

    for issue_id, issue in registry.issues.items():
        plugin = registry.owner[("issue", issue_id)]
        need(plugin, f"issue {issue_id!r}", "order", issue.order, _ORDER)
    for ex_id, ex in registry.exercises.items():
        plugin, item = registry.owner[("exercise", ex_id)], f"exercise {ex_id!r}"
        need(plugin, item, "level", ex.level, _LEVEL)
        optional(plugin, item, "seconds_per_rep", ex.seconds_per_rep, _SECONDS_PER_REP)
        optional(plugin, item, "hold_s", ex.hold_s, _HOLD_S)
        need(plugin, item, "rest_s", ex.rest_s, _REST_S)
        activation = ex.activation
        if activation is not None:
            optional(plugin, item, "activation.gmax", activation.gmax, _ACTIVATION)
            optional(plugin, item, "activation.gmed", activation.gmed, _ACTIVATION)
    for plugin, dose in zip(registry.dose_owner, registry.dosing, strict=True):
        item = f"dose rule {dose.issue or 'generic'}/{dose.role}/{dose.phase}"
        need(plugin, item, "sets", dose.sets, _SETS)
        need(plugin, item, "rest_s", dose.rest_s, _REST_S)
        if dose.reps is not None and pair(plugin, item, "reps", dose.reps):
            need(plugin, item, "reps[0]", dose.reps[0], _REPS)
            need(plugin, item, "reps[1]", dose.reps[1], _REPS)
            low, high = dose.reps
            if _REPS.holds(low) and _REPS.holds(high) and low > high:
                problems.append((plugin, item, f"reps must be low..high, found {(low, high)!r}"))
        optional(plugin, item, "hold_s", dose.hold_s, _HOLD_S)
        optional(plugin, item, "max_hold_s", dose.max_hold_s, _HOLD_S)
        optional(plugin, item, "max_sets", dose.max_sets, _SETS)
        need(plugin, item, "step", dose.step, _STEP)
        need(plugin, item, "deload_factor", dose.deload_factor, _DELOAD)
    for rule_id, rule in registry.safety_rules.items():
        plugin, item = registry.owner[("safety_rule", rule_id)], f"rule {rule_id!r}"
        optional(plugin, item, "when.min_trimester", rule.when.min_trimester, _TRIMESTER)
        for entry in rule.when.pain:
            if pair(plugin, item, "each when.pain entry (region, level)", entry):
                need(plugin, item, f"when.pain level for {entry[0]!r}", entry[1], _PAIN)
        cap = rule.cap
        if cap is not None:
            optional(plugin, item, "cap.max_hold_s", cap.max_hold_s, _HOLD_S)
            optional(plugin, item, "cap.max_level", cap.max_level, _LEVEL)
            optional(plugin, item, "cap.max_sets", cap.max_sets, _SETS)
            optional(plugin, item, "cap.max_rpe", cap.max_rpe, _RPE)
            optional(plugin, item, "cap.max_reps", cap.max_reps, _REPS)
    return problems
