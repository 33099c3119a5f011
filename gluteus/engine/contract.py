"""The plugin contract test: everything a plugin must get right, checked in one call.

:func:`check_plugin` is what ``gluteus plugins check NAME`` and
:func:`gluteus.testing.assert_plugin_ok` run. It never stops at the first
problem: it returns every :class:`Problem` it finds, each naming the plugin and
the offending item, so an author can fix them all in one pass. An empty list
means the plugin keeps the contract.

The checks, in order:

1. the plugin is loaded (or the reason it failed to load);
2. its hook implementations match the specs (names, arguments, no defaults);
3. its ids are unique and do not clash with other loaded plugins;
4. the registry builds (references to sources, issues, exercises resolve);
5. every exercise is complete, ladders are acyclic and ordered, rules and dose
   rules name only known tags, positions, roles, precautions and issues;
6. programs generated for a few profiles that use its signs pass verification
   and contain its exercises.
"""

from __future__ import annotations

import difflib
import inspect
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import pluggy

from .errors import GluteusError, Infeasible, PluginError, ReferralRequired
from .model import (
    CONTRAINDICATION_TAGS,
    EXPERIENCE,
    PHASES,
    PLANES,
    POSITIONS,
    ROLES,
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
from .profile import Profile, Schedule
from .registry import Registry, build_registry, collect, number_problems


@attrs.frozen
class Problem:
    """One way a plugin breaks the contract.

    ``plugin`` is the plugin at fault, ``item`` what is wrong (``"exercise
    'nordic_curl'"``, ``"hook screen"``, ``"program for profile 'all signs'"``) and
    ``message`` why, in words.
    """

    plugin: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.item}: {self.message}"


# (kind, hook, class, key) for every id-bearing contribution, as the registry reads them.
_KINDS: tuple[tuple[str, str, type, Callable[[Any], str]], ...] = (
    ("issue", "register_issues", Issue, lambda x: x.id),
    ("sign", "register_signs", Sign, lambda x: x.id),
    ("red flag", "register_red_flags", RedFlag, lambda x: x.id),
    ("precaution", "register_precautions", Precaution, lambda x: x.id),
    ("equipment", "register_equipment", Equipment, lambda x: x.id),
    ("test", "register_tests", ObjectiveTest, lambda x: x.id),
    ("pain region", "register_pain_regions", PainRegion, lambda x: x.id),
    ("person state", "register_person_states", PersonState, lambda x: x.id),
    ("source", "register_sources", Source, lambda x: x.key),
    ("exercise", "register_exercises", Exercise, lambda x: x.id),
    ("ladder", "register_ladders", Ladder, lambda x: x.id),
    ("safety rule", "register_safety_rules", SafetyRule, lambda x: x.id),
    ("format", "register_renderers", Renderer, lambda x: x.format),
)


def check_plugin(pm: pluggy.PluginManager, name: str, *, generate: bool = True) -> list[Problem]:
    """Check that plugin ``name``, as loaded in ``pm``, keeps the plugin contract.

    ``pm`` should hold every plugin the plugin is meant to run with (normally the
    built-ins too), since clashes and references are checked against them.
    ``generate`` False skips the slowest step, generating programs. Returns the
    problems found, sorted; empty when the plugin passes.
    """
    plugin = pm.get_plugin(name)
    if plugin is None:
        for error in getattr(pm, "load_errors", ()):
            if error.plugin == name:
                return [Problem(name, "loading", error.error)]
        known = ", ".join(sorted(n for n, p in pm.list_name_plugin() if p is not None))
        return [Problem(name, "loading", f"no plugin of this name is loaded (loaded: {known})")]

    problems = _check_hooks(pm, name, plugin)
    problems += _check_ids(pm, name)
    if problems:
        # Malformed hooks or clashing ids stop the registry from building; the
        # problems above already say why, more precisely than its first error would.
        return sorted(set(problems), key=_order)
    try:
        # Numbers are listed all at once below, not stopped at the first.
        registry = build_registry(pm, check_numbers=False)
    except PluginError as exc:
        return [Problem(exc.plugin, "registry", str(exc).split(": ", 1)[-1])]
    problems += [Problem(*problem) for problem in number_problems(registry)]

    problems += [
        Problem(name, "references", message)
        for plugin, message in registry.pruned
        if plugin == name
    ]
    problems += _check_content(registry, name)
    if generate and not problems:
        problems += _check_programs(pm, registry, name)
    return sorted(set(problems), key=_order)


def _order(problem: Problem) -> tuple[str, str, str]:
    return (problem.plugin, problem.item, problem.message)


# --- 2. hooks ----------------------------------------------------------------------


def _check_hooks(pm: pluggy.PluginManager, name: str, plugin: object) -> list[Problem]:
    problems: list[Problem] = []
    implemented: set[str] = set()
    for hook_name in sorted(vars(pm.hook)):
        caller = getattr(pm.hook, hook_name)
        if not isinstance(caller, pluggy.HookCaller):
            continue
        for impl in caller.get_hookimpls():
            if impl.plugin is not plugin:
                continue
            implemented.add(hook_name)
            item = f"hook {hook_name}"
            if caller.spec is None:
                known = sorted(
                    n
                    for n, c in vars(pm.hook).items()
                    if isinstance(c, pluggy.HookCaller) and c.spec is not None
                )
                close = difflib.get_close_matches(hook_name, known, n=1)
                hint = f"did you mean {close[0]}? " if close else ""
                problems.append(
                    Problem(name, item, f"is not a gluteus hook ({hint}see docs/plugins.md)")
                )
                continue
            extra = sorted(set(impl.argnames) - set(caller.spec.argnames))
            if extra:
                problems.append(
                    Problem(
                        name,
                        item,
                        f"takes {', '.join(extra)}, which the spec does not pass "
                        f"(it passes: {', '.join(caller.spec.argnames) or 'nothing'})",
                    )
                )
            if impl.kwargnames:
                # pluggy silently passes nothing to parameters with defaults.
                problems.append(
                    Problem(
                        name,
                        item,
                        f"gives parameters defaults ({', '.join(impl.kwargnames)}); "
                        "pluggy never passes them",
                    )
                )
    spec_names = {n for n in vars(pm.hook) if isinstance(getattr(pm.hook, n), pluggy.HookCaller)}
    for attr in sorted(dir(plugin)):
        if attr in spec_names and attr not in implemented and callable(getattr(plugin, attr)):
            problems.append(
                Problem(name, f"hook {attr}", "is defined but not decorated with @hookimpl")
            )
    if not implemented:
        problems.append(Problem(name, "hooks", "implements no gluteus hook"))
    return problems


# --- 3. ids ------------------------------------------------------------------------


def _check_ids(pm: pluggy.PluginManager, name: str) -> list[Problem]:
    problems: list[Problem] = []
    for kind, hook, cls, key in _KINDS:
        try:
            items: list[tuple[str, Any]] = collect(pm, hook, cls)
        except PluginError as exc:
            problems.append(Problem(exc.plugin, f"hook {hook}", str(exc).split(": ", 1)[-1]))
            continue
        seen: dict[str, tuple[str, Any]] = {}
        for plugin, item in items:
            k = key(item)
            if k in seen:
                other, first = seen[k]
                if kind == "source" and first == item:
                    continue  # identical citations may be declared by several plugins
                if name not in (plugin, other):
                    continue
                where = (
                    "twice by this plugin"
                    if plugin == other
                    else f"by both {other!r} and {plugin!r}"
                )
                problems.append(Problem(name, f"{kind} {k!r}", f"is declared {where}"))
            else:
                seen[k] = (plugin, item)
    return problems


# --- 5. content --------------------------------------------------------------------


def _mine(registry: Registry, kind: str, table: Mapping[str, Any], name: str) -> list[Any]:
    return [table[k] for k in sorted(table) if registry.plugin_of(kind, k) == name]


def _check_content(reg: Registry, name: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(item: str, message: str) -> None:
        problems.append(Problem(name, item, message))

    rule_tags = {tag for rule in reg.safety_rules.values() for tag in rule.exclude_tags}
    exercise_tags = {tag for ex in reg.exercises.values() for tag in ex.tags}
    known_tags = set(CONTRAINDICATION_TAGS)

    my_issues = _mine(reg, "issue", reg.issues, name)
    for issue in my_issues:
        if not any(issue.id in ex.issues for ex in reg.exercises.values()):
            add(f"issue {issue.id!r}", "no exercise serves it, so a program cannot address it")
        if not any(sign.issue == issue.id for sign in reg.signs.values()):
            add(f"issue {issue.id!r}", "no sign points to it, so screening can never find it")

    for ex in _mine(reg, "exercise", reg.exercises, name):
        problems.extend(_check_exercise(name, ex, known_tags | rule_tags, reg))

    problems.extend(_check_ladders(reg, name))

    for rule in _mine(reg, "safety_rule", reg.safety_rules, name):
        problems.extend(_check_rule(reg, name, rule, known_tags | exercise_tags))

    for plugin, rule in zip(reg.dose_owner, reg.dosing, strict=True):
        if plugin == name:
            problems.extend(_check_dose(name, rule))
            problems.extend(_check_dose_fit(reg, name, rule))
    problems.extend(_check_dose_coverage(reg, name))
    return problems


def _check_exercise(name: str, ex: Exercise, known_tags: set[str], reg: Registry) -> list[Problem]:
    item = f"exercise {ex.id!r}"
    out: list[Problem] = []
    for field_name in ("name", "fault", "source", "why"):
        if not str(getattr(ex, field_name)).strip():
            out.append(Problem(name, item, f"{field_name} is empty"))
    if not 2 <= len(ex.cues) <= 4:
        out.append(Problem(name, item, f"has {len(ex.cues)} cues; give 2 to 4"))
    if any(not cue.strip() for cue in ex.cues):
        out.append(Problem(name, item, "has an empty cue"))
    for eq in ex.equipment:
        if eq not in reg.equipment:
            out.append(Problem(name, item, f"needs unknown equipment {eq!r}"))
    for tag in ex.tags:
        if tag not in known_tags:
            out.append(
                Problem(
                    name,
                    item,
                    f"has tag {tag!r}, which neither model.CONTRAINDICATION_TAGS nor any "
                    "safety rule knows (a typo? it would never exclude anything)",
                )
            )
    for target in ex.targets:
        if target not in TARGETS:
            out.append(Problem(name, item, f"has unknown target {target!r}"))
    if (ex.hold_s is None) == (ex.seconds_per_rep is None):
        out.append(Problem(name, item, "must set exactly one of seconds_per_rep and hold_s"))
    if ex.hold_s is not None and ex.hold_s <= 0:
        out.append(Problem(name, item, "hold_s must be positive"))
    if ex.seconds_per_rep is not None and ex.seconds_per_rep <= 0:
        out.append(Problem(name, item, "seconds_per_rep must be positive"))
    if ex.rest_s < 0:
        out.append(Problem(name, item, "rest_s must not be negative"))
    return out


def _check_ladders(reg: Registry, name: str) -> list[Problem]:
    out: list[Problem] = []
    mine = _mine(reg, "ladder", reg.ladders, name)
    for ladder in mine:
        item = f"ladder {ladder.id!r}"
        levels: list[int] = []
        for step in ladder.steps:
            ex = reg.exercises.get(step.exercise)
            if ex is None:
                out.append(Problem(name, item, f"names unknown exercise {step.exercise!r}"))
                continue
            levels.append(ex.level)
            if not step.advance.strip() or not step.regress.strip():
                out.append(Problem(name, item, f"step {step.exercise!r} lacks advance/regress"))
        if levels != sorted(levels):
            out.append(Problem(name, item, f"rungs are not easiest first (levels {levels})"))
    # Across all ladders, "a comes before b" must never also mean "b before a".
    edges: dict[str, set[str]] = {}
    for ladder in reg.ladders.values():
        ids = ladder.exercise_ids
        for a, b in itertools.pairwise(ids):
            edges.setdefault(a, set()).add(b)
    cycle = _find_cycle(edges)
    if cycle and any(set(cycle) & set(ladder.exercise_ids) for ladder in mine):
        out.append(Problem(name, "ladders", "form a cycle: " + " → ".join([*cycle, cycle[0]])))
    return out


def _find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One cycle in the directed graph ``edges`` (as a list of nodes), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def _check_rule(reg: Registry, name: str, rule: SafetyRule, known_tags: set[str]) -> list[Problem]:
    item = f"safety rule {rule.id!r}"
    out: list[Problem] = []

    def unknown(values: Iterable[str], known: Iterable[str], what: str) -> None:
        known_set = set(known)
        for value in values:
            if value not in known_set:
                out.append(Problem(name, item, f"names unknown {what} {value!r}"))

    unknown(rule.exclude_tags, known_tags, "tag")
    unknown(rule.guard_tags, known_tags, "tag")
    unknown(rule.exclude_positions, POSITIONS, "position")
    unknown(rule.exclude_roles, ROLES, "role")
    unknown(rule.exclude_exercises, reg.exercises, "exercise")
    unknown(rule.when.precautions, reg.precautions, "precaution")
    unknown(rule.when.findings, reg.issues, "issue")
    for region, level in rule.when.pain:
        unknown((region,), reg.pain_regions, "pain region")
        if not 0 <= level <= 10:
            out.append(Problem(name, item, f"pain level {level} for {region!r} is not 0..10"))
    for lim in rule.limits:
        unknown(lim.roles, ROLES, "role")
    for req in rule.requires:
        unknown(req.roles, ROLES, "role")
        unknown(req.planes, PLANES, "plane")
        if req.kind == "drill_first" and not (req.families and req.then):
            out.append(
                Problem(
                    name,
                    item,
                    "a drill_first requirement needs the drill's families and the "
                    "families that wait for it (then)",
                )
            )
        if req.issue is not None:
            unknown((req.issue,), reg.issues, "issue")
    for from_role, to_roles in rule.substitute:
        unknown((from_role, *to_roles), ROLES, "role")
    when = rule.when
    if when.as_condition() is None:
        out.append(Problem(name, item, "has an empty trigger, so it never applies"))
    return out


def _check_dose(name: str, rule: DoseRule) -> list[Problem]:
    item = f"dose rule {rule.issue or 'generic'}/{rule.role}/{rule.phase}"
    out: list[Problem] = []
    if rule.sets < 1:
        out.append(Problem(name, item, "sets must be at least 1"))
    if rule.reps is not None and not 1 <= rule.reps[0] <= rule.reps[1]:
        out.append(Problem(name, item, f"reps {rule.reps} is not a range low..high"))
    if rule.progression == "hold" and (rule.hold_s is None or rule.max_hold_s is None):
        out.append(Problem(name, item, "hold progression needs hold_s and max_hold_s"))
    if rule.max_hold_s is not None and rule.hold_s is not None and rule.max_hold_s < rule.hold_s:
        out.append(Problem(name, item, "max_hold_s is below hold_s"))
    if rule.max_sets is not None and rule.max_sets < rule.sets:
        out.append(Problem(name, item, "max_sets is below sets"))
    if not 0 < rule.deload_factor < 1:
        out.append(Problem(name, item, "deload_factor must be between 0 and 1"))
    for level in rule.experience:
        if level not in EXPERIENCE:
            out.append(Problem(name, item, f"names unknown experience {level!r}"))
    return out


def _check_dose_fit(reg: Registry, name: str, rule: DoseRule) -> list[Problem]:
    """A dose rule fits everything it could dose: a repetition maximum and load
    progression only for external load, reps for exercises done in reps, a hold time
    for holds. Checked against every exercise loaded, any plugin's."""
    item = f"dose rule {rule.issue or 'generic'}/{rule.role}/{rule.phase}"
    out: list[Problem] = []
    light = sorted(set(rule.load_types) - {"external"})
    if rule.rm is not None and light:
        out.append(
            Problem(
                name,
                item,
                f"gives a repetition maximum ({rule.rm[0]}-{rule.rm[1]}RM) but also doses "
                f"{' and '.join(light)} work, which has none: limit load_types to external "
                "or drop rm",
            )
        )
    if rule.rm is not None and rule.rir is None:
        out.append(
            Problem(
                name,
                item,
                f"gives a repetition maximum ({rule.rm[0]}-{rule.rm[1]}RM) but no reps in "
                "reserve: the load a dose names is the one its reps plus the reps in "
                "reserve make, so give rir too",
            )
        )
    if rule.progression == "load" and "external" not in rule.load_types:
        out.append(
            Problem(
                name,
                item,
                "progresses by load, but only doses bodyweight or band work, which cannot "
                "get heavier by percent: progress by reps, hold or sets",
            )
        )
    from .dosing import fits

    could = [
        ex
        for ex in (reg.exercises[k] for k in sorted(reg.exercises))
        if any(fits(rule, ex, rule.phase, level) for level in rule.experience)
    ]
    counted = [ex.id for ex in could if not ex.is_hold and rule.reps is None]
    if counted:
        out.append(
            Problem(
                name,
                item,
                f"could dose exercises done in repetitions ({', '.join(counted[:3])}) but "
                "gives no reps",
            )
        )
    return out


def _check_dose_coverage(reg: Registry, name: str) -> list[Problem]:
    """Every exercise of the plugin can be dosed in every phase at every experience."""
    out: list[Problem] = []
    for ex in _mine(reg, "exercise", reg.exercises, name):
        missing: list[str] = []
        for phase in PHASES:
            for level in EXPERIENCE:
                if not any(
                    r.role == ex.role
                    and r.phase == phase
                    and level in r.experience
                    and r.issue in (None, ex.issues[0])
                    for r in reg.dosing
                ):
                    missing.append(f"{phase}/{level}")
        if missing:
            out.append(
                Problem(
                    name,
                    f"exercise {ex.id!r}",
                    f"no dose rule for role {ex.role!r} in {', '.join(missing)}",
                )
            )
    return out


# --- 6. generated programs ---------------------------------------------------------


def contract_profiles(registry: Registry, name: str) -> list[tuple[str, Profile]]:
    """The profiles the contract generates programs for: labelled, using the plugin's signs.

    One per sign (all equipment), and one with every sign on a short, bodyweight-only
    schedule. Empty when the plugin declares no signs.
    """
    signs = tuple(s for s in sorted(registry.signs) if registry.plugin_of("sign", s) == name)
    if not signs:
        return []
    out = [
        (
            f"sign {sign!r}",
            Profile(age=35, equipment=tuple(registry.equipment), signs=(sign,), seed=0),
        )
        for sign in signs
    ]
    out.append(
        (
            "every sign, bodyweight only, 4 weeks",
            Profile(
                age=52,
                experience="intermediate",
                schedule=Schedule(weeks=4, sessions_per_week=2, minutes_per_session=40),
                signs=signs,
                seed=1,
            ),
        )
    )
    return out


def _check_programs(pm: pluggy.PluginManager, reg: Registry, name: str) -> list[Problem]:
    from .api import context, generate
    from .verify import verify

    out: list[Problem] = []
    issues = {i for i in reg.issues if reg.plugin_of("issue", i) == name}
    ctx = context(pm)
    for label, profile in contract_profiles(reg, name):
        item = f"program for profile {label}"
        try:
            program = generate(profile, plugins=pm)
        except (Infeasible, ReferralRequired) as exc:
            out.append(Problem(name, item, f"was not generated: {exc}"))
            continue
        except PluginError as exc:
            out.append(Problem(exc.plugin, item, str(exc)))
            continue
        except GluteusError as exc:
            out.append(Problem(name, item, str(exc)))
            continue
        data = program.to_dict()
        for violation in verify(data, ctx):
            out.append(Problem(name, item, f"fails gluteus check: {violation}"))
        if not issues:
            continue  # signs that feed safety rules only: the program must pass its check
        found = {f["issue"] for f in data["findings"] if f["severity"] >= 1}
        if not issues & found:
            out.append(Problem(name, item, "screening found none of the plugin's issues"))
        used = {
            ex["id"]
            for week in data["weeks"]
            for session in week["sessions"]
            for ex in session["exercises"]
            if set(ex["issues"]) & issues
        }
        if not used:
            out.append(Problem(name, item, "contains no exercise for the plugin's issues"))
    return out


def signature(func: Callable[..., Any]) -> str:
    """``name(arg, ...)`` of a hook function, as the docs show it."""
    params = ", ".join(inspect.signature(func).parameters)
    return f"{func.__name__}({params})"
