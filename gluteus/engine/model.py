"""Immutable domain objects that plugins contribute and the engine passes along.

Everything here is a frozen, slotted attrs class with tuple fields, so values
can be shared between threads and hashed. Plugins build these objects and
return them from their hooks (see :mod:`gluteus.engine.hookspecs`); the
registry checks them and stamps which plugin contributed each.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any, Literal, TypeVar, get_args

import attrs
from attrs import field, frozen

from .vocabulary import (
    CONTRAINDICATION_TAGS as CONTRAINDICATION_TAGS,
)
from .vocabulary import (
    DAYS as DAYS,
)

# --- Vocabularies (see :mod:`.vocabulary`) ----------------------------------------
from .vocabulary import (  # re-exported: the model's words, kept apart to load fast
    EQUIPMENT as EQUIPMENT,
)
from .vocabulary import (
    EVIDENCE_LEVELS as EVIDENCE_LEVELS,
)
from .vocabulary import (
    EXPERIENCE as EXPERIENCE,
)
from .vocabulary import (
    FLOOR_POSITIONS as FLOOR_POSITIONS,
)
from .vocabulary import (
    LOAD_TYPES as LOAD_TYPES,
)
from .vocabulary import (
    PAIN_REGIONS as PAIN_REGIONS,
)
from .vocabulary import (
    PHASES as PHASES,
)
from .vocabulary import (
    PLANES as PLANES,
)
from .vocabulary import (
    POSITIONS as POSITIONS,
)
from .vocabulary import (
    REQUIREMENT_KINDS as REQUIREMENT_KINDS,
)
from .vocabulary import (
    ROLES as ROLES,
)
from .vocabulary import (
    SIDES as SIDES,
)
from .vocabulary import (
    TARGETS as TARGETS,
)
from .vocabulary import (
    URGENCIES as URGENCIES,
)
from .vocabulary import (
    RequirementKind as RequirementKind,
)


def _tuple_of_str(value: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _one_of(choices: tuple[str, ...]) -> Any:
    return attrs.validators.in_(choices)


def _each_of(choices: tuple[str, ...]) -> Any:
    return attrs.validators.deep_iterable(attrs.validators.in_(choices))


_nonempty: Any = attrs.validators.min_len(1)

_C = TypeVar("_C", bound=type)


def _names_missing_fields(cls: _C) -> _C:
    """Make a missing required field a :class:`TypeError` that names the item.

    Plugins build these objects themselves, often at import time, where Python's own
    ``Exercise.__init__() missing 1 required positional argument: 'fault'`` says
    neither which exercise nor what else is missing. Checked in ``__new__``, which
    sees the arguments before ``__init__`` refuses them; copies and unpickling call
    it with no arguments and are let through.
    """
    fields = [a for a in attrs.fields(cls) if a.init]
    names = [a.name for a in fields]
    required = [a.name for a in fields if a.default is attrs.NOTHING]

    def __new__(klass: type, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            given = set(names[: len(args)]) | kwargs.keys()
            missing = [name for name in required if name not in given]
            if missing:
                ident = kwargs.get("id", args[0] if args and names[0] == "id" else None)
                what = f"{klass.__name__} {ident!r}" if ident is not None else klass.__name__
                plural = "s" if len(missing) > 1 else ""
                raise TypeError(f"{what} is missing required field{plural}: {', '.join(missing)}")
        return object.__new__(klass)

    setattr(cls, "__new__", staticmethod(__new__))  # noqa: B010 - mypy refuses a plain assignment
    return cls


def _pair(value: Iterable[int] | None) -> tuple[int, int] | None:
    """A (low, high) range of whole numbers, or None."""
    if value is None:
        return None
    low, high = tuple(value)
    return (low, high)


# --- What plugins declare ----------------------------------------------------------


@frozen
class Source:
    """A citation that content refers to by ``key`` (e.g. ``"distefano2009"``)."""

    key: str
    citation: str
    level: str = field(validator=_one_of(EVIDENCE_LEVELS))
    url: str | None = None


@_names_missing_fields
@frozen
class Issue:
    """One message the glutes send (the article's five, or a plugin's own).

    ``message`` is the article's plain language; ``fix`` what the program does about
    it; ``evidence`` how firm the module's footing is, and ``evidence_note`` says so
    in words when it rests on expert opinion or case reports.
    """

    id: str
    name: str
    message: str
    fix: str
    evidence: str = field(validator=_one_of(EVIDENCE_LEVELS))
    evidence_note: str | None = None
    order: int = 100


@_names_missing_fields
@frozen
class Sign:
    """Something a person notices, asked as a plain-words yes/no ``question``.

    ``issue`` is the issue it counts towards; None for a sign that no issue grades but
    safety rules may condition on (pelvic girdle pain in pregnancy, say). ``name`` is
    the sign in a few plain words, without a comma (outputs list several with commas),
    as a program names it to the person ("knee pain on stairs or running"); its id in
    words when empty.
    """

    id: str
    issue: str | None
    question: str
    name: str = ""


@_names_missing_fields
@frozen
class RedFlag:
    """A finding that stops generation and refers the person on.

    ``urgency``: ``emergency`` (go now), ``urgent`` (same day), ``soon`` (book an
    appointment within days). ``see`` says whom; ``message`` what to tell them.
    """

    id: str
    question: str
    urgency: str = field(validator=_one_of(URGENCIES))
    see: str
    message: str
    source: str
    when: Condition | None = None
    """Also present, without being listed, when this condition holds (blood pressure
    at or over 180/110, say)."""


@_names_missing_fields
@frozen
class Precaution:
    """A condition that excludes or changes exercises through safety rules.

    ``name`` is how outputs show it (its id in words when not given). ``needs``
    lists profile keys of which at least one must be given with this precaution
    (pregnancy needs ``pregnancy_week`` or ``pregnancy_trimester``); those keys are
    refused without it. ``needs_trimester`` is the first form of
    ``needs=("pregnancy_week", "pregnancy_trimester")``, kept for plugins written
    against it. ``asks`` lists profile keys worth giving with it but not required
    (a joint replacement's ``weeks_since_surgery``: without it the most careful stage
    is assumed); ``gluteus init`` asks for them too.
    """

    id: str
    question: str
    source: str
    needs_trimester: bool = False
    name: str | None = None
    needs: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    asks: tuple[str, ...] = field(default=(), converter=_tuple_of_str)

    @property
    def required_keys(self) -> tuple[str, ...]:
        """The profile keys of which one must be given with this precaution."""
        if self.needs:
            return self.needs
        return ("pregnancy_week", "pregnancy_trimester") if self.needs_trimester else ()

    @property
    def label(self) -> str:
        """The plain-words name of the precaution."""
        return self.name or self.id.replace("_", " ")


@_names_missing_fields
@frozen
class Equipment:
    """Equipment a profile may list.

    ``kind`` says how it loads an exercise (``band``, ``external``) or that it only
    supports one (``none``: a mat, a step, a bench), which decides an exercise's load
    type. ``stands_in_for`` lists equipment ids it can replace: a profile listing it
    may do exercises that need any of those.
    """

    id: str
    name: str
    kind: str = field(validator=_one_of(("none", "band", "external")))
    stands_in_for: tuple[str, ...] = field(default=(), converter=_tuple_of_str)


@_names_missing_fields
@frozen
class PainRegion:
    """A body region a profile may rate pain for (``pain: {region: 0-10}``)."""

    id: str
    name: str


@_names_missing_fields
@frozen
class Cutoff:
    """A test result that counts towards an issue's finding (one point, the test named):
    a result ``below`` ``value``, or ``at_least`` it, for people aged ``from_age`` or
    more (of a test's cut-offs for one issue, the one with the highest ``from_age`` the
    person has reached applies: an age-banded norm). ``meaning`` says what such a
    result shows, with its source (``"a higher falls risk (CDC STEADI)"``). The plugin
    that grades ``issue`` counts it (:func:`ObjectiveTest.beyond`), so a test declared
    by any plugin can weigh on another's finding.
    """

    issue: str
    value: float
    worse: str = field(validator=_one_of(("below", "at_least")))
    meaning: str
    from_age: int = 0


@_names_missing_fields
@frozen
class ObjectiveTest:
    """An objective test a profile may give a result for (``tests: {id: result}``).

    ``kind``: ``seconds`` (a time), ``count`` (a number of repetitions) or
    ``positive`` (true when the sign is present). ``sided`` tests take
    ``{left: ..., right: ...}``. ``low``/``high`` bound a result; ``instructions``
    tell a person how to do the test and ``question`` asks for the result in plain
    words (``{side}`` stands for left or right in a sided test); ``gluteus init``
    shows both. ``holds``: for a ``seconds`` test, the exercise families whose holds
    it measures; a person's holds of those families stay within what the test showed
    (see :func:`gluteus.engine.dosing.tested_hold_limit`). ``reps``: for a ``count``
    test, the exercise families whose repetitions it counts; a set of those families
    stays short of the count (see :func:`gluteus.engine.dosing.tested_rep_limit`).
    ``cutoffs``: results that count towards an issue's finding (:class:`Cutoff`,
    :meth:`beyond`).
    """

    id: str
    name: str
    kind: str = field(validator=_one_of(("seconds", "count", "positive")))
    sided: bool
    instructions: str
    source: str
    low: float = 0
    high: float = 600
    question: str = ""
    holds: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    reps: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    cutoffs: tuple[Cutoff, ...] = field(default=(), converter=_tuple)

    def beyond(self, issue: str, result: Any, age: int) -> str | None:
        """The words for ``result`` when it is beyond this test's cut-off for ``issue``
        at ``age`` (``"Timed Up and Go 14 s (12 s or more): a higher falls risk (CDC
        STEADI)"``; a sided result by its worse side), else None: no cut-off applies,
        or the result is within it."""
        fitting = [c for c in self.cutoffs if c.issue == issue and c.from_age <= age]
        if not fitting:
            return None
        cut = max(fitting, key=lambda c: c.from_age)
        sided = getattr(result, "left", None), getattr(result, "right", None)
        values = [v for v in sided if v is not None] if self.sided else [result]
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if not numbers:
            return None
        worst = min(numbers) if cut.worse == "below" else max(numbers)
        if (worst < cut.value) != (cut.worse == "below"):
            return None
        unit = " s" if self.kind == "seconds" else ""
        limit = (
            f"under {cut.value:g}{unit}" if cut.worse == "below" else f"{cut.value:g}{unit} or more"
        )
        later = [c.from_age for c in self.cutoffs if c.issue == issue and c.from_age > age]
        if later:
            limit += f" at ages {cut.from_age}-{min(later) - 1}"
        elif cut.from_age:
            limit += f" from age {cut.from_age}"
        where = ""
        if self.sided:
            where = " left" if sided[0] == worst else " right"
        return f"{self.name}{where} {worst:g}{unit} ({limit}): {cut.meaning}"

    def ask(self, side: str | None = None) -> str:
        """The question for the result (on ``side``), in plain words."""
        if self.question:
            return self.question.format(side=side or "")
        unit = {"seconds": "in seconds", "count": "how many", "positive": "yes or no"}[self.kind]
        where = f", {side} side" if side else ""
        return f"{self.name.capitalize()}{where} ({unit})"


@_names_missing_fields
@frozen
class PersonState:
    """One aspect of who the person is that changes what is safe (falls risk,
    pregnancy stage, surgery stage, ...), with the values it can take.

    Plugins declare states with ``register_person_states`` and assess them with
    ``assess_person``; safety rules condition on them (``state.<id>``).
    """

    id: str
    name: str
    values: tuple[str, ...] = field(converter=_tuple_of_str, validator=_nonempty)
    description: str
    source: str


@frozen
class Assessment:
    """A plugin's assessment of one person state in one week, and why, in plain words."""

    state: str
    value: str
    why: str = ""


Measure = Literal["mean", "peak", "mixed", "none"]
"""How a published activation figure was taken (:attr:`Activation.measure`)."""


@frozen
class Activation:
    """Published activation, in %MVIC, of glute max and/or med (None: not published).

    ``measure`` says whether the figure is a ``mean`` or a ``peak``: the two are not
    on one scale.
    """

    gmax: float | None = None
    gmed: float | None = None
    measure: Measure = field(default="mean", validator=_one_of(get_args(Measure)))
    note: str = ""


class Cue(str):
    """A coaching cue: text, with the contraindication tags of what it asks for.

    A cue is a string (plain strings work wherever a cue is expected); ``tags`` say
    what following it involves, e.g. "other knee to the chest" carries
    ``hip_flexion_past_90``. A rule that excludes a tag drops the cues that carry it
    and keeps the exercise when the exercise itself does not carry the tag, so a cue
    never asks for what a precaution forbids.

    ``guards`` names the tags whose risk following the cue keeps away, e.g. "toes
    pointing straight down" guards ``hip_extension`` against turning the leg out: a rule
    with ``guard_tags`` keeps an exercise carrying such a tag only while a cue guarding
    it is shown.
    """

    tags: tuple[str, ...]
    guards: tuple[str, ...]

    def __new__(cls, text: str, tags: Iterable[str] = (), guards: Iterable[str] = ()) -> Cue:
        cue = super().__new__(cls, text)
        cue.tags = tuple(tags)
        cue.guards = tuple(guards)
        return cue

    def __getnewargs__(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:  # type: ignore[override]
        return (str(self), self.tags, self.guards)


def _cues(value: Iterable[str] | str) -> tuple[Cue, ...]:
    items = (value,) if isinstance(value, str) else tuple(value)
    return tuple(item if isinstance(item, Cue) else Cue(item) for item in items)


@_names_missing_fields
@frozen
class Exercise:
    """One exercise of the catalogue, declared once and tagged with every issue it serves.

    Exactly one of ``seconds_per_rep`` (dynamic work) and ``hold_s`` (isometric holds)
    is set. ``equipment`` lists everything needed besides bodyweight. ``tags`` are
    contraindication tags (:data:`CONTRAINDICATION_TAGS`). ``level`` 1–5 is the rung
    of difficulty used for phase windows and ladders. ``cues`` are strings or
    :class:`Cue` objects carrying tags of their own.

    ``targets`` says what the exercise mainly trains (:data:`TARGETS`) and must be
    given: loaded and fast work is paired with activation of the same target, and the registry
    refuses an exercise without targets (they once defaulted to ``("gmax",)``, which
    paired hip work wrongly without a word).

    ``unilateral`` exercises are done one side at a time, with sets for each side;
    ``alternating`` ones switch sides rep by rep (a bird dog, a marching bridge), so
    their sides cannot be given different work.

    ``family`` names the movement the exercise is a variant of (clamshell, banded
    clamshell and clamshell with rotation are one family): a session holds at most
    one exercise of a family. It defaults to the exercise's own id. ``load`` is its
    load type (:data:`LOAD_TYPES`); when not given the registry derives it from the
    equipment (an external weight makes it ``external``, a band ``band``, else
    ``bodyweight``). ``effort`` is the effort the exercise itself asks for (RPE
    0–10) when that is fixed by how it is done, e.g. a maximal squeeze. ``load_words``
    replace the dose rule's words on how the reps are done where those would mislead:
    a jump landed and held is one jump at a time with a reset, not fast rebounds.
    ``asked_only`` exercises are offered only where a rule that applies asks for work
    like them (adductor work for groin pain), never as general work for the issues they
    list: they treat a complaint, which the issues' findings do not show.
    """

    id: str
    name: str
    issues: tuple[str, ...] = field(converter=_tuple_of_str, validator=_nonempty)
    role: str = field(validator=_one_of(ROLES))
    position: str = field(validator=_one_of(POSITIONS))
    planes: tuple[str, ...] = field(
        converter=_tuple_of_str, validator=[_nonempty, _each_of(PLANES)]
    )
    equipment: tuple[str, ...] = field(converter=_tuple_of_str)
    loaded: bool
    unilateral: bool
    level: int = field(validator=[attrs.validators.ge(1), attrs.validators.le(5)])
    cues: tuple[Cue, ...] = field(converter=_cues)
    fault: str
    source: str
    evidence: str = field(validator=_one_of(EVIDENCE_LEVELS))
    seconds_per_rep: float | None = None
    hold_s: int | None = None
    rest_s: int = 60
    tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    # Empty by default only so that a plugin written when it defaulted still loads,
    # into an error that says what to add (the registry refuses it empty).
    targets: tuple[str, ...] = field(
        default=(), converter=_tuple_of_str, metadata={"required": True}
    )
    activation: Activation = Activation(measure="none")
    why: str = ""
    family: str = field(default=attrs.Factory(lambda self: self.id, takes_self=True))
    alternating: bool = False
    load: str | None = field(default=None, validator=attrs.validators.optional(_one_of(LOAD_TYPES)))
    effort: tuple[int, int] | None = field(default=None, converter=_pair)
    load_words: str | None = None
    asked_only: bool = False

    @property
    def is_hold(self) -> bool:
        """True when the exercise is dosed in seconds held rather than reps."""
        return self.hold_s is not None

    @property
    def load_type(self) -> str:
        """The load type; ``bodyweight`` until the registry has derived it."""
        return self.load or "bodyweight"

    def cues_allowed(self, excluded_tags: Iterable[str]) -> tuple[Cue, ...]:
        """The cues that ask for nothing tagged in ``excluded_tags``."""
        banned = set(excluded_tags)
        return tuple(cue for cue in self.cues if not banned & set(cue.tags))

    @functools.cached_property
    def all_tags(self) -> frozenset[str]:
        """The exercise's own tags and those of its cues (computed once: every demand
        and limit asks it of every candidate)."""
        return frozenset(self.tags).union(*(cue.tags for cue in self.cues))


@frozen
class LadderStep:
    """A rung of a ladder: the exercise and when to move up or down from it."""

    exercise: str
    advance: str
    regress: str


@_names_missing_fields
@frozen
class Ladder:
    """An ordered progression chain, easiest rung first."""

    id: str
    name: str
    issues: tuple[str, ...] = field(converter=_tuple_of_str)
    steps: tuple[LadderStep, ...] = field(converter=_tuple, validator=attrs.validators.min_len(2))
    source: str
    evidence: str = field(validator=_one_of(EVIDENCE_LEVELS))

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """The rungs' exercise ids, in order."""
        return tuple(step.exercise for step in self.steps)


Progression = Literal["reps", "hold", "sets", "load"]
"""What a dose rule raises week by week (:attr:`DoseRule.progression`)."""


@_names_missing_fields
@frozen
class DoseRule:
    """How to dose exercises of one ``role`` in one ``phase`` for some experience levels
    and load types.

    ``issue`` None makes the rule generic; an issue-specific rule wins over a generic
    one. ``load_types`` limits the rule to exercises of those load types, so an
    RM- or load-based rule never doses bodyweight or band work. Week 1 of a block
    starts at ``sets`` and ``reps[0]`` (``reps[1]`` for ``load``, or ``hold_s``); each
    following week of the block moves by ``progression`` (``reps``: +``step`` reps up to
    ``reps[1]``;
    ``hold``: +``step`` seconds up to ``max_hold_s``; ``sets``: +1 set up to
    ``max_sets``; ``load``: heavier load — external loads only: the reps fall by
    ``step`` a week from ``reps[1]`` at the same reps in reserve, so the weight they name
    rises, and a new block carries on from where the last stopped). Reps or a
    hold at the top (or held by a cap) add a set a week instead, up to ``max_sets``. A
    deload multiplies sets by ``deload_factor`` (never below 1, always fewer than the
    week before).

    Effort is structured: ``effort`` is the RPE range (0–10), ``rm`` the repetition
    maximum the load should be (external loads only), ``rir`` the reps kept in reserve.
    ``load`` is a short note in words (what to use); the engine words the rest, so a
    cap on effort changes the words and the numbers together. With ``rm``, ``rir`` is
    needed too: the engine names the weight each dose's reps and reps in reserve make
    ("A weight you could lift about 11 times") and ``load`` follows it ("with good form
    on every rep"), so it must not name a weight of its own.
    """

    role: str = field(validator=_one_of(ROLES))
    phase: str = field(validator=_one_of(PHASES))
    sets: int
    rest_s: int
    tempo: str
    load: str
    source: str
    evidence: str = field(validator=_one_of(EVIDENCE_LEVELS))
    issue: str | None = None
    experience: tuple[str, ...] = field(default=EXPERIENCE, converter=_tuple_of_str)
    reps: tuple[int, int] | None = None
    hold_s: int | None = None
    max_hold_s: int | None = None
    max_sets: int | None = None
    # Checked at run time too: a misspelt progression would silently dose by another.
    progression: Progression = field(default="reps", validator=_one_of(get_args(Progression)))
    step: int = 1
    deload_factor: float = 0.6
    load_types: tuple[str, ...] = field(
        default=LOAD_TYPES, converter=_tuple_of_str, validator=_each_of(LOAD_TYPES)
    )
    effort: tuple[int, int] | None = field(default=None, converter=_pair)
    rm: tuple[int, int] | None = field(default=None, converter=_pair)
    rir: tuple[int, int] | None = field(default=None, converter=_pair)


# --- Conditions: when a rule applies, as data --------------------------------------

OPERATORS: tuple[str, ...] = ("==", "!=", ">=", ">", "<=", "<", "in", "present")
"""How a :class:`Fact` compares: ``in`` takes a tuple of values; ``present`` is true
when the fact is known at all (a test was done, say)."""


@frozen
class Fact:
    """A condition on one fact about the person, e.g. ``Fact("finding.knees", ">=", 2)``.

    Fact names (every one must be declared by some loaded plugin or the profile, unless
    it is ``optional``):

    - ``age``, ``experience``, ``week`` (the program week, 1-based);
    - ``finding.<issue>``: severity 0–3 (0 when not found); ``focus.<issue>``: true or
      false;
    - ``precaution.<id>``, ``sign.<id>``, ``equipment.<id>``, ``red_flag.<id>``: true or
      false;
    - ``pain.<region>``: 0–10;
    - ``test.<id>``: the result; for a test done on each side ``test.<id>.left``,
      ``.right`` and ``.worse`` (the lower number, or true when either side is
      positive); absent when the test was not done;
    - ``state.<id>``: a person state's value that week (:class:`PersonState`);
    - ``profile.<key>``: a profile key (``walking_aid``, ``can_get_up_from_floor``,
      ``weeks_since_surgery``, ``hip_precautions_lifted``, ``weeks_since_birth``,
      ``pregnancy_week``,
      ``pregnancy_trimester``, ``blood_pressure.systolic``, ...), where keys that
      change with time (``pregnancy_week``, ``pregnancy_trimester``,
      ``weeks_since_surgery``, ``weeks_since_birth``) are their value in that program
      week; ``profile.sport_days`` and ``profile.match_days`` are how many sport and
      match days a week the profile gives (absent with none),
      ``profile.days_clear_of_sport`` how many training days are not kept light for
      the sport day after them (the day before any sport day while some training day
      is not one; otherwise the day before a match day), and
      ``profile.days_clear_of_any_sport`` how many are not the day before any sport day.

    A comparison with a fact that is absent is false (except ``!=``, which is true).

    ``optional=True`` names a fact that another plugin declares, one that may not be
    loaded (as pluggy's ``optionalhook``): with no loaded plugin declaring it, the fact
    is absent, rather than the condition being an error. A rule of the safety plugin
    keyed on the knees plugin's ``sign.knees_cave_in`` keeps working from the test
    alone when the knees plugin is blocked.
    """

    name: str
    op: str = field(default="==", validator=_one_of(OPERATORS))
    value: Any = True
    optional: bool = field(default=False, kw_only=True)


@frozen
class AllOf:
    """True when every one of ``conditions`` holds."""

    conditions: tuple[Condition, ...] = field(converter=_tuple, validator=_nonempty)


@frozen
class AnyOf:
    """True when at least one of ``conditions`` holds."""

    conditions: tuple[Condition, ...] = field(converter=_tuple, validator=_nonempty)


@frozen
class Not:
    """True when ``condition`` does not hold."""

    condition: Condition


Condition = Fact | AllOf | AnyOf | Not
"""A condition: a :class:`Fact`, or facts combined with :class:`AllOf`, :class:`AnyOf`
and :class:`Not`. Plain data: plugins build it, the engine evaluates it."""


def facts_named(condition: Condition) -> Iterator[Fact]:
    """Every :class:`Fact` inside ``condition``."""
    if isinstance(condition, Fact):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for inner in condition.conditions:
            yield from facts_named(inner)
    else:
        yield from facts_named(condition.condition)


@frozen
class Trigger:
    """When a safety rule applies. Empty fields are ignored; set fields must all match.

    ``condition``: a :data:`Condition` over facts about the person (findings with a
    minimum severity, precautions, signs, test results against a cut-off, age, pain,
    person states). The other fields are shorthands: ``precautions``: any of these is
    present; ``min_trimester``: pregnant and in at least this trimester that week;
    ``pain``: any of these (region, minimum level) pairs holds; ``findings``: any of
    these issues is trained, found at any severity or asked for in the profile's
    ``focus`` (its fix is the same); ``always``: unconditional.
    """

    precautions: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    min_trimester: int | None = None
    pain: tuple[tuple[str, int], ...] = field(default=(), converter=_tuple)
    findings: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    always: bool = False
    condition: Condition | None = None

    def as_condition(self) -> Condition | None:
        """The whole trigger as one condition (None: the trigger never fires)."""
        if self.always:
            return AllOf((Fact("week", ">=", 1),))
        parts: list[Condition] = []
        if self.precautions:
            parts.append(AnyOf(tuple(Fact(f"precaution.{p}") for p in self.precautions)))
        if self.min_trimester is not None:
            parts.append(Fact("profile.pregnancy_trimester", ">=", self.min_trimester))
        if self.pain:
            parts.append(AnyOf(tuple(Fact(f"pain.{r}", ">=", n) for r, n in self.pain)))
        if self.findings:
            parts.append(
                AnyOf(
                    tuple(Fact(f"finding.{i}", ">=", 1) for i in self.findings)
                    + tuple(Fact(f"focus.{i}") for i in self.findings)
                )
            )
        if self.condition is not None:
            parts.append(self.condition)
        return AllOf(tuple(parts)) if parts else None


@frozen
class Requirement:
    """A structural demand a rule places on the program.

    ``kind``:
    - ``before_loaded``: in every session, exercises of ``roles`` come before any
      loaded or fast (``power``) exercise, and such an exercise has one of them for the
      same target.
    - ``session_opens``: every session opens with an exercise of ``roles``.
    - ``weekly``: every non-deload week holds exercises of ``issue`` covering
      ``planes``, ``roles``, ``tags`` and/or ``families`` (all of them when ``each``,
      else at least one of them).
    - ``session``: every session holds such exercises.
    - ``stepped``: exercises carrying any of ``tags`` (and of ``roles``, when given)
      come only in a block after one that held an exercise of ``families``: a
      ladder climbed from its easier rungs, as the first block holding those families
      can hold only the rungs without the tags (a full plank after a block of planks on
      the knees or on the side), or, with ``roles``, only the tagged work of other
      roles (abduction held still before the leg is lifted out to the side). Once
      opened, a step stays open: any earlier block opens it, so a block of the tagged
      work does not send the next back down to the easier rungs. With
      ``after_tags``, only work of ``families`` carrying one of them opens the step (a
      single-leg squat done free-standing, not its wall-supported version).
    - ``drill_first``: an exercise of the families in ``then`` (loaded or not) comes
      only once an exercise of ``families`` (the drill that teaches the movement) has
      been done in an earlier week, or earlier in the same session: the movement is
      learnt with the drill before it is trained, and unloaded before it is loaded.

    ``phases`` limits the demand to weeks of those phase kinds (all when empty);
    ``load_types`` (``weekly`` and ``session``) counts only exercises of those load
    types (all when empty): a lift with a weight, not its bodyweight version.
    ``sessions`` (``weekly`` only): the work is needed in at least this many of the
    week's sessions, or in every session when the week has fewer (strengthening
    done about three times a week, not once); None: in one session of the week.
    ``optional``: work the rule recommends rather than a safety limit; when the time,
    equipment or other rules leave no room for it, it is left out with a warning
    naming the rule (the program says so) instead of failing the program.
    """

    # Checked at run time too: a misspelt kind would otherwise be a demand nothing enforces.
    kind: RequirementKind = field(validator=_one_of(REQUIREMENT_KINDS))
    roles: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    planes: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    issue: str | None = None
    each: bool = True
    tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    phases: tuple[str, ...] = field(default=(), converter=_tuple_of_str, validator=_each_of(PHASES))
    families: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    optional: bool = False
    then: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    load_types: tuple[str, ...] = field(
        default=(), converter=_tuple_of_str, validator=_each_of(LOAD_TYPES)
    )
    after_tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    sessions: int | None = field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(1))
    )

    def __attrs_post_init__(self) -> None:
        if self.sessions is not None and self.kind != "weekly":
            raise ValueError("sessions is for a weekly requirement only")


@frozen
class Cap:
    """Upper limits a rule puts on doses; the most restrictive across rules wins.

    ``max_rpe`` caps effort (RPE 0–10); ``no_rm`` words loads without repetition
    maximums (effort by feel, e.g. the talk test); ``min_rm`` forbids loads heavier
    than that repetition maximum (``min_rm=8``: nothing heavier than an 8RM);
    ``max_reps`` caps the reps of a set. With ``tags``, the cap holds only for
    exercises carrying any of them (single-leg squats while a knee caves in), and
    every other exercise is dosed as if the rule set no cap. With ``first_load``, it
    holds only for a lift with an external load that no earlier block lifted with one
    (``loaded`` in :meth:`applies_to`): a lift's first block with a weight is dosed
    under the cap, and heavier loads come in the blocks after it. The lift, not its
    movement family: a barbell deadlift after dumbbell Romanian deadlifts is a new lift.
    """

    max_hold_s: int | None = None
    max_level: int | None = None
    max_sets: int | None = None
    max_rpe: float | None = None
    no_rm: bool = False
    min_rm: int | None = None
    max_reps: int | None = None
    tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    first_load: bool = False

    def applies_to(self, exercise: Exercise, loaded: Collection[str] | None = None) -> bool:
        """True when the cap holds for ``exercise``: always, unless it names tags the
        exercise does not carry (its own tags: a cue cannot make a squat another one),
        or it is a ``first_load`` cap and ``exercise`` is not a lift with an external
        load, or it is among ``loaded`` (the ids of the lifts done with an external load
        in the blocks before; None when they are not known, and then a ``first_load``
        cap does not hold)."""
        if self.first_load and (
            loaded is None or exercise.load_type != "external" or exercise.id in loaded
        ):
            return False
        return not self.tags or bool(set(self.tags) & set(exercise.tags))


@frozen
class Limit:
    """A limit on work carrying any of ``tags`` (impact, say), of any of ``roles`` or of
    any of ``families``: at most ``max_weekly_sets`` sets a week, and
    (``not_on_consecutive_days``) never on two days in a row; with ``same_exercise``,
    only the same exercise is kept off the next day (other such work may follow).
    With ``heavy``, only such work dosed heavy counts (an effort of 8/10 or more, or a
    load of 8 repetitions maximum or heavier: :attr:`~gluteus.engine.dosing.Effort.heavy`),
    so the same work at a lighter dose may follow it. ``max_per_session``: at most that
    many such exercises in one session (two variants of one movement, say).
    ``loaded_families``: families whose work counts only when it is lifted with an
    external weight (a squat holding a dumbbell, not the bodyweight squat), beside
    ``families``, whose work counts at any load. ``not_before_sport_days``: never in a
    session the schedule keeps light for the sport day after it (the day before one of
    ``schedule.sport_days``; when every training day is such a day, the day before one
    of ``schedule.match_days``).
    At least one of ``tags``, ``roles``, ``families`` and ``loaded_families`` is given."""

    tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    max_weekly_sets: int | None = None
    not_on_consecutive_days: bool = False
    roles: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    families: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    same_exercise: bool = False
    heavy: bool = False
    max_per_session: int | None = None
    loaded_families: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    not_before_sport_days: bool = False

    def __attrs_post_init__(self) -> None:
        if not (self.tags or self.roles or self.families or self.loaded_families):
            raise ValueError("a limit needs tags, roles or families to apply to")


@_names_missing_fields
@frozen
class SafetyRule:
    """A safety rule as data: what triggers it and what it does.

    Actions: ``exclude_tags``/``exclude_positions``/``exclude_roles``/
    ``exclude_exercises``/``exclude_equipment`` remove exercises (a tag found only on
    a cue removes the cue, not the exercise); ``cap`` limits doses; ``limits`` bound
    tagged work per week and across days; ``requires`` adds structural demands;
    ``substitute`` maps a role to the roles that replace it (e.g. static stretching →
    isometric, eccentric, strength); ``stop_signs`` are printed with the program;
    ``notes`` explain the rule to the person. ``guard_tags`` are tags an exercise may
    carry only with a cue guarding them (:attr:`Cue.guards`), shown in the program;
    an exercise with none is left out.
    """

    id: str
    description: str
    source: str
    evidence: str = field(validator=_one_of(EVIDENCE_LEVELS))
    when: Trigger
    exclude_tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    exclude_positions: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    exclude_roles: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    exclude_exercises: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    cap: Cap | None = None
    requires: tuple[Requirement, ...] = field(default=(), converter=_tuple)
    substitute: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), converter=_tuple)
    stop_signs: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    notes: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    exclude_equipment: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    limits: tuple[Limit, ...] = field(default=(), converter=_tuple)
    guard_tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)


# --- What screening produces -------------------------------------------------------


def states_evidence(notes: Iterable[str]) -> bool:
    """True when a finding's notes already state its module's evidence caveat (a note
    starting "Evidence"), so an output need not add the issue's ``evidence_note`` too."""
    return any(str(note).startswith("Evidence") for note in notes)


@frozen
class TestResult:
    """One objective test result that counted towards a finding, and what it means.

    ``test`` is the test's id (an :class:`ObjectiveTest`'s, or the plugin's own);
    ``side`` ``left`` or ``right`` for a test done on each side (None otherwise);
    ``value`` the result (seconds, a count, or true when positive); ``meaning`` what
    it means for the grade, in plain words (``"below the 10 s cut-off: the hip
    abductors tire early"``). ``name`` is how outputs name the test (its id in words
    when empty).
    """

    __test__ = False  # a domain class, not a pytest test class

    test: str
    # A number, true/false or None; typed Any so that cattrs passes it through as is.
    value: Any = field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of((int, float))),
    )
    side: str | None = field(
        default=None, validator=attrs.validators.optional(_one_of(("left", "right")))
    )
    meaning: str = ""
    name: str = ""

    def __str__(self) -> str:
        label = self.name or self.test.replace("_", " ")
        if self.side:
            label += f", {self.side}"
        if isinstance(self.value, bool):
            value = "positive" if self.value else "negative"
        elif isinstance(self.value, int | float):
            value = f"{self.value:g}"
        else:
            value = "" if self.value is None else str(self.value)
        text = f"{label}: {value}" if value else label
        return f"{text} ({self.meaning})" if self.meaning else text

    def to_dict(self) -> dict[str, Any]:
        """The result as it appears in the program JSON (``test_results``)."""
        return {
            "test": self.test,
            "side": self.side,
            "value": self.value,
            "meaning": self.meaning,
            "name": self.name,
        }


@frozen
class Finding:
    """A plugin's grade of its issue for one profile.

    ``severity`` 0 (nothing found) to 3. ``signs`` the sign ids that counted;
    ``test_results`` the test results that counted, structured (:class:`TestResult`:
    test id, side, value and what it means); ``tests`` the same in words, one line
    each, for people (filled from ``test_results`` when not given; a plugin written
    before ``test_results`` existed gives free text here, which is kept as it is);
    ``weaker_side`` when left and right differ meaningfully; ``notes`` explain the
    grade, including the module's evidence caveat where it rests on weak evidence.
    """

    issue: str
    severity: int = field(validator=[attrs.validators.ge(0), attrs.validators.le(3)])
    signs: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    tests: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    weaker_side: str | None = field(
        default=None, validator=attrs.validators.optional(_one_of(("left", "right")))
    )
    notes: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    focus: bool = False
    test_results: tuple[TestResult, ...] = field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        if self.test_results and not self.tests:
            # Frozen: the words are derived once, here, from the structured results.
            object.__setattr__(self, "tests", tuple(str(r) for r in self.test_results))

    def to_dict(self) -> dict[str, Any]:
        """The finding as it appears in the program JSON (``test_results`` only when
        there are any, so programs without them keep their bytes)."""
        out = {
            "issue": self.issue,
            "severity": self.severity,
            "signs": list(self.signs),
            "tests": list(self.tests),
            "weaker_side": self.weaker_side,
            "focus": self.focus,
            "notes": list(self.notes),
        }
        if self.test_results:
            out["test_results"] = [r.to_dict() for r in self.test_results]
        return out


@frozen
class Referral:
    """Why generation stopped for one red flag, and whom to see how urgently."""

    flag: str
    message: str
    urgency: str
    see: str

    def to_dict(self) -> dict[str, Any]:
        """The referral as it appears in the program JSON."""
        return {
            "flag": self.flag,
            "message": self.message,
            "urgency": self.urgency,
            "see": self.see,
        }


@frozen
class RendererOption:
    """An option a renderer takes (``gluteus generate -O NAME=VALUE``), with what it
    does in plain words (``help``)."""

    name: str
    help: str


def _renderer_options(
    value: Iterable[RendererOption] | Mapping[str, str] | None,
) -> tuple[RendererOption, ...] | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return tuple(RendererOption(name, text) for name, text in value.items())
    return tuple(value)


@frozen
class Renderer:
    """An output format: ``render(program, options)`` returns ``str`` or ``bytes``.

    ``program`` is a :class:`~gluteus.engine.program.Program`, or its JSON as a dict
    (a program read back from a file renders the same way); ``options`` holds the
    renderer's own options (``gluteus generate -O KEY=VALUE``). ``binary`` formats
    (pdf) must be written to a file, not a terminal.

    ``options`` declares the options the renderer takes (:class:`RendererOption`
    objects, or a ``{name: help}`` mapping); an option it does not declare is
    refused, naming the format and its options. A renderer that declares none
    (``None``, as renderers written before options were declared) is passed any
    option unchecked, with a warning; ``()`` says it takes no options.
    """

    format: str
    description: str
    render: Any = field(eq=False)
    binary: bool = False
    media_type: str = "text/plain"
    extension: str = "txt"
    options: tuple[RendererOption, ...] | None = field(default=None, converter=_renderer_options)

    def check_options(self, given: Iterable[str]) -> str | None:
        """Check the option names ``given`` against those the renderer declares.

        Raises :class:`~gluteus.ProfileError` for an option it does not declare,
        naming the format, its options and the closest name. Returns a one-line
        warning when the renderer declares no options at all (they are passed
        through unchecked), else None.
        """
        names = sorted(set(given))
        if not names:
            return None
        if self.options is None:
            return (
                f"format {self.format!r} does not declare its options, so "
                f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} passed to it unchecked"
            )
        known = {option.name: option for option in self.options}
        for name in names:
            if name not in known:
                import difflib

                from .errors import ProfileError

                close = difflib.get_close_matches(name, sorted(known), n=1)
                takes = (
                    "; its options: " + "; ".join(f"{o.name} ({o.help})" for o in self.options)
                    if self.options
                    else "; it takes no options"
                )
                raise ProfileError(
                    f"format {self.format!r} has no option {name!r}{takes}",
                    suggestion=close[0] if close else None,
                )
        return None
