"""Safety rules, enforced by the engine: which apply to a person, week by week, and
what they forbid.

Rules are data contributed by plugins (:class:`~gluteus.engine.model.SafetyRule`).
Here they are matched against the facts about a person in one program week (their
profile, findings and person states: :mod:`.facts`) and combined, the most
restrictive winning: exclusions are unioned, caps take the minimum, limits,
requirements and stop signs accumulate. Some facts change as the weeks pass (a
pregnancy moves into its third trimester), so each week has its own
:class:`Restrictions`; a planning block takes the union of its weeks', and the
verifier checks each week against its own.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .facts import Facts, finding_facts, holds, profile_facts, state_facts
from .messages import weeks_words
from .model import PHASES, Cap, Condition, Exercise, Finding, Limit, Requirement, SafetyRule
from .profile import Profile
from .registry import Registry

if TYPE_CHECKING:
    from .person import PersonModel


def rule_applies(rule: SafetyRule, facts: Facts) -> bool:
    """True when ``rule``'s trigger holds for ``facts`` (a trigger with nothing set
    never fires unless ``always`` is set)."""
    condition = rule.when.as_condition()
    return condition is not None and holds(condition, facts)


def _triggers(registry: Registry) -> tuple[tuple[SafetyRule, Condition], ...]:
    """The registry's safety rules that can fire, by id, each with its trigger as one
    condition (built once: every week of every program asks)."""

    def build() -> tuple[tuple[SafetyRule, Condition], ...]:
        out = []
        for _, rule in sorted(registry.safety_rules.items()):
            condition = rule.when.as_condition()
            if condition is not None:
                out.append((rule, condition))
        return tuple(out)

    return registry.cached("safety triggers", build)


def applicable_rules(registry: Registry, facts: Facts) -> tuple[SafetyRule, ...]:
    """The registry's safety rules whose triggers hold for ``facts``, by id."""
    return tuple(rule for rule, condition in _triggers(registry) if holds(condition, facts))


def _combine_caps(caps: Iterable[Cap]) -> Cap:
    def least(values: Iterable[Any]) -> Any:
        present = [v for v in values if v is not None]
        return min(present) if present else None

    caps = list(caps)
    return Cap(
        max_hold_s=least(c.max_hold_s for c in caps),
        max_level=least(c.max_level for c in caps),
        max_sets=least(c.max_sets for c in caps),
        max_rpe=least(c.max_rpe for c in caps),
        no_rm=any(c.no_rm for c in caps),
        min_rm=max((c.min_rm for c in caps if c.min_rm is not None), default=None),
        max_reps=least(c.max_reps for c in caps),
    )


def exclusion_reasons(exercise: Exercise, rule: SafetyRule) -> list[str]:
    """Why ``rule`` excludes ``exercise``, in words (empty when it does not).

    Only the exercise's own tags exclude it; a tag found on a cue alone drops that cue
    (see :meth:`Exercise.cues_allowed`), unless no cue would be left. A tag the rule
    guards (``guard_tags``) excludes it unless one of its cues guards it.
    """
    reasons: list[str] = []
    tags = set(rule.exclude_tags) & set(exercise.tags)
    if tags:
        reasons.append("tagged " + ", ".join(sorted(tags)))
    elif rule.exclude_tags and not exercise.cues_allowed(rule.exclude_tags):
        reasons.append("every cue asks for what the rule forbids")
    for tag in sorted(set(rule.guard_tags) & set(exercise.tags)):
        shown = exercise.cues_allowed(rule.exclude_tags)
        if not any(tag in cue.guards for cue in shown):
            reasons.append(f"tagged {tag} with no cue guarding it")
    if exercise.position in rule.exclude_positions:
        reasons.append(f"{exercise.position} position")
    if exercise.role in rule.exclude_roles:
        reasons.append(f"{exercise.role} role")
    if exercise.id in rule.exclude_exercises:
        reasons.append("named by the rule")
    equipment = set(rule.exclude_equipment) & set(exercise.equipment)
    if equipment:
        reasons.append("needs " + ", ".join(sorted(equipment)))
    for from_role, _ in rule.substitute:
        if exercise.role == from_role:
            reasons.append(f"{from_role} work is replaced")
    level_cap = rule.cap.max_level if rule.cap and rule.cap.applies_to(exercise) else None
    if level_cap is not None and exercise.level > level_cap:
        reasons.append(f"level {exercise.level} above the cap of {level_cap}")
    return reasons


@frozen
class Restrictions:
    """The combined effect of every safety rule that applies to one person (in one
    week, or in every week of a block).

    ``excluded`` maps exercise id → the ids of the rules that exclude it;
    ``reasons`` maps exercise id → one line per rule saying why; ``excluded_tags``
    is every tag an applicable rule excludes (cues carrying one are dropped).
    """

    rules: tuple[SafetyRule, ...]
    excluded: Mapping[str, tuple[str, ...]]
    reasons: Mapping[str, tuple[str, ...]]
    cap: Cap
    requirements: tuple[Requirement, ...]
    stop_signs: tuple[str, ...]
    notes: tuple[str, ...]
    limits: tuple[Limit, ...] = ()
    excluded_tags: frozenset[str] = frozenset()

    def allows(self, exercise_id: str) -> bool:
        """True when no applicable rule excludes the exercise."""
        return exercise_id not in self.excluded

    def cap_for(self, exercise: Exercise, loaded: Collection[str] | None = None) -> Cap:
        """The caps on ``exercise``: :attr:`cap` (every rule's cap that holds for every
        exercise) with those of the rules whose cap names a tag it carries, and the
        ``first_load`` caps when it is not among ``loaded`` (the lifts the blocks before
        did with a weight: see :meth:`Cap.applies_to`)."""
        own = [r.cap for r in self.rules if r.cap is not None and (r.cap.tags or r.cap.first_load)]
        fitting = [c for c in own if c.applies_to(exercise, loaded)]
        return _combine_caps((self.cap, *fitting)) if fitting else self.cap

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Ids of the applicable rules, sorted."""
        return tuple(sorted(r.id for r in self.rules))

    def cues(self, exercise: Exercise) -> tuple[str, ...]:
        """The exercise's cues that ask for nothing these rules forbid, as text."""
        return tuple(str(cue) for cue in exercise.cues_allowed(self.excluded_tags))

    @functools.cached_property
    def requirement_rules(self) -> tuple[tuple[Requirement, str | None], ...]:
        """Each of :attr:`requirements` with :meth:`rule_for` it. Worked out once: these
        restrictions are kept per registry and rule set, and every block planned and
        every week checked asks (496 calls of :meth:`rule_for` in a 12-week plan, about
        3 ms). A race computes the same tuple twice."""
        return tuple((req, self.rule_for(req)) for req in self.requirements)

    def rule_for(self, req: Requirement) -> str | None:
        """The id of the first applicable rule that makes ``req`` (directly or through a
        substitution), or None for a demand no rule makes."""
        for rule in self.rules:
            if req in rule.requires:
                return rule.id
            if req.kind == "weekly" and any(to == req.roles for _, to in rule.substitute):
                return rule.id
        return None


def found_issues(findings: Iterable[Finding]) -> tuple[str, ...]:
    """Issue ids the program must address: severity ≥ 1, or asked for through focus."""
    return tuple(f.issue for f in findings if f.severity >= 1 or f.focus)


def week_facts(
    profile: Profile,
    findings: Iterable[Finding],
    registry: Registry,
    person: PersonModel | None,
    week: int,
) -> dict[str, Any]:
    """Every fact about the person in program week ``week``."""
    facts = profile_facts(profile, registry, week)
    facts.update(finding_facts(findings, registry))
    if person is not None:
        facts.update(state_facts(person.at(week)))
    return facts


def restrictions_for(
    profile: Profile,
    findings: Iterable[Finding],
    registry: Registry,
    *,
    person: PersonModel | None = None,
    week: int = 1,
) -> Restrictions:
    """Match every safety rule in ``registry`` against the person in program ``week``."""
    facts = week_facts(profile, tuple(findings), registry, person, week)
    return _restrictions(applicable_rules(registry, facts), registry)


def _restrictions(rules: Sequence[SafetyRule], registry: Registry) -> Restrictions:
    """What ``rules`` (applicable together) allow, cap and ask of the registry's
    exercises; worked out once per registry for each set of rules."""
    key = ("restrictions", *(rule.id for rule in rules))
    return registry.cached(key, lambda: _restrictions_now(rules, registry))


def _restrictions_now(rules: Sequence[SafetyRule], registry: Registry) -> Restrictions:
    excluded: dict[str, list[str]] = {}
    reasons: dict[str, list[str]] = {}
    for ex_id, exercise in sorted(registry.exercises.items()):
        for rule in rules:
            why = exclusion_reasons(exercise, rule)
            if why:
                excluded.setdefault(ex_id, []).append(rule.id)
                reasons.setdefault(ex_id, []).append(f"{rule.id}: {'; '.join(why)}")
    requirements: list[Requirement] = []
    for rule in rules:
        for req in rule.requires:
            if req not in requirements:
                requirements.append(req)
        for _, to_roles in rule.substitute:
            # Work a substituted role did must still be done, by the replacing roles.
            for issue in rule.when.findings or (None,):
                req = Requirement(kind="weekly", roles=to_roles, issue=issue, each=False)
                if req not in requirements:
                    requirements.append(req)
    stop_signs: list[str] = []
    notes: list[str] = []
    limits: list[Limit] = []
    for rule in rules:
        stop_signs.extend(s for s in rule.stop_signs if s not in stop_signs)
        notes.extend(n for n in rule.notes if n not in notes)
        limits.extend(lim for lim in rule.limits if lim not in limits)
    return Restrictions(
        rules=tuple(rules),
        excluded=MappingProxyType({k: tuple(v) for k, v in excluded.items()}),
        reasons=MappingProxyType({k: tuple(v) for k, v in reasons.items()}),
        # A cap on tagged work only is not everyone's: :meth:`Restrictions.cap_for`.
        cap=_combine_caps(
            r.cap for r in rules if r.cap is not None and not (r.cap.tags or r.cap.first_load)
        ),
        requirements=tuple(requirements),
        stop_signs=tuple(stop_signs),
        notes=tuple(notes),
        limits=tuple(limits),
        excluded_tags=frozenset(t for r in rules for t in r.exclude_tags),
    )


@frozen
class ProgramSafety:
    """Each program week's restrictions (``weeks[0]`` is week 1)."""

    weeks: tuple[Restrictions, ...]
    registry: Registry
    # The restrictions of each set of rules met so far: a block, the whole program and
    # every week with the same rules share one computation (each looks at every exercise).
    _known: dict[tuple[str, ...], Restrictions] = field(
        factory=dict, eq=False, repr=False, alias="known"
    )

    def at(self, week: int) -> Restrictions:
        """The restrictions of program week ``week`` (1-based)."""
        return self.weeks[week - 1]

    def over(self, weeks: Iterable[int]) -> Restrictions:
        """The restrictions that hold in every one of ``weeks`` together: every rule that
        applies in any of them (for a block whose sessions repeat through its weeks)."""
        rules: dict[str, SafetyRule] = {}
        for week in weeks:
            for rule in self.at(week).rules:
                rules.setdefault(rule.id, rule)
        key = tuple(sorted(rules))
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = _restrictions([rules[k] for k in key], self.registry)
        return found

    @property
    def everywhere(self) -> Restrictions:
        """Every rule that applies in any week of the program."""
        return self.over(range(1, len(self.weeks) + 1))

    def rule_entries(self) -> tuple[tuple[tuple[str, Any], ...], ...]:
        """Each rule that applies in any week, as the program's ``safety.rules`` carries
        it: id, description, source, evidence and the weeks it applies in."""
        return tuple(
            (
                ("id", r.id),
                ("description", r.description),
                ("source", r.source),
                ("evidence", r.evidence),
                ("weeks", self.weeks_of(r.id)),
            )
            for r in self.everywhere.rules
        )

    @property
    def notes(self) -> tuple[str, ...]:
        """The rules' notes for the program, in rule order, once each. A rule that
        applies in only some weeks (a stage after surgery, a trimester) says which, so
        a note for weeks 1-2 never contradicts the exercises of week 4."""
        return self.notes_in(PHASES)

    def notes_in(self, phases: Iterable[str]) -> tuple[str, ...]:
        """:attr:`notes` for a program of the phase kinds ``phases``: a rule whose
        only action is work asked in phases the program does not have (power work in
        the power weeks of a program without them) says nothing to it."""
        kinds = frozenset(phases)
        out: list[str] = []
        every = len(self.weeks)
        for rule in self.everywhere.rules:
            if _idle(rule, kinds):
                continue
            weeks = self.weeks_of(rule.id)
            when = "" if len(weeks) == every else f"{weeks_words(weeks).capitalize()}: "
            out.extend(f"{when}{n}" for n in rule.notes if f"{when}{n}" not in out)
        return tuple(out)

    def weeks_of(self, rule_id: str) -> tuple[int, ...]:
        """The weeks in which rule ``rule_id`` applies."""
        return self._rule_weeks.get(rule_id, ())

    @functools.cached_property
    def _rule_weeks(self) -> Mapping[str, tuple[int, ...]]:
        """Rule id -> the weeks it applies in, built once: asked once per rule of the
        program and per demand, each a scan of every week's rules (140 scans in a
        12-week plan, about 2 ms). A race builds the same mapping twice."""
        weeks: dict[str, list[int]] = {}
        for n, r in enumerate(self.weeks, start=1):
            for x in {x.id for x in r.rules}:
                weeks.setdefault(x, []).append(n)
        return MappingProxyType({k: tuple(v) for k, v in weeks.items()})


def _idle(rule: SafetyRule, phases: frozenset[str]) -> bool:
    """Whether ``rule`` does nothing in a program of the phase kinds ``phases``: all
    it does is ask for work in other phases."""
    acts = (
        rule.exclude_tags,
        rule.exclude_positions,
        rule.exclude_roles,
        rule.exclude_exercises,
        rule.exclude_equipment,
        rule.substitute,
        rule.limits,
        rule.guard_tags,
        rule.stop_signs,
    )
    return (
        bool(rule.requires)
        and rule.cap is None
        and not any(acts)
        and all(req.phases and not set(req.phases) & phases for req in rule.requires)
    )


def program_safety(
    profile: Profile,
    findings: Iterable[Finding],
    registry: Registry,
    person: PersonModel | None = None,
) -> ProgramSafety:
    """The restrictions of every week of ``profile``'s program. Weeks whose facts are the
    same share one computation."""
    findings = tuple(findings)
    done: dict[tuple[str, ...], Restrictions] = {}
    weeks: list[Restrictions] = []
    for week in range(1, profile.schedule.weeks + 1):
        facts = week_facts(profile, findings, registry, person, week)
        rules = applicable_rules(registry, facts)
        key = tuple(rule.id for rule in rules)
        if key not in done:
            done[key] = _restrictions(rules, registry)
        weeks.append(done[key])
    return ProgramSafety(weeks=tuple(weeks), registry=registry, known=done)
