"""Immutable domain objects that plugins contribute and the engine passes along.

Everything here is a frozen, slotted attrs class with tuple fields, so values
can be shared between threads and hashed. Plugins build these objects and
return them from their hooks (see :mod:`gluteus.engine.hookspecs`); the
registry checks them and stamps which plugin contributed each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs
from attrs import field, frozen

# --- Vocabularies fixed by SPEC.md -------------------------------------------------

EQUIPMENT: tuple[str, ...] = (
    "mat",
    "mini_band",
    "long_band",
    "dumbbell",
    "kettlebell",
    "barbell",
    "bench",
    "step",
    "cable",
    "stability_ball",
    "slider",
)
"""Equipment ids a profile may list; bodyweight is always available and never listed."""

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EXPERIENCE: tuple[str, ...] = ("novice", "intermediate", "advanced")
PAIN_REGIONS: tuple[str, ...] = ("low_back", "knee", "hip", "buttock")
ROLES: tuple[str, ...] = (
    "activation",
    "strength",
    "power",
    "stability",
    "isometric",
    "eccentric",
    "mobility",
)
POSITIONS: tuple[str, ...] = (
    "supine",
    "prone",
    "side-lying",
    "quadruped",
    "kneeling",
    "seated",
    "standing",
)
PLANES: tuple[str, ...] = ("sagittal", "frontal", "transverse")
SIDES: tuple[str, ...] = ("both", "each", "left", "right")
PHASES: tuple[str, ...] = ("activation", "strength", "power")
"""Phase kinds of the periodization skeleton: activate and control → build strength →
power and function. Dose rules and rung windows are keyed by these."""

TARGETS: tuple[str, ...] = ("gmax", "gmed", "hip_rotators", "trunk", "whole_leg")
"""What an exercise mainly trains; pairs loaded work with activation of the same region."""

EVIDENCE_LEVELS: tuple[str, ...] = ("verified", "recalled", "weak", "convention")
"""How firmly a piece of content stands (EVIDENCE.md tags): ``verified`` [V] seen in
the source; ``recalled`` [R] to be checked; ``weak`` ⚠ weak or conflicting evidence;
``convention`` practice or expert opinion with no trial behind it."""

CONTRAINDICATION_TAGS: tuple[str, ...] = (
    "deep_loaded_knee_flexion",
    "loaded_spinal_flexion",
    "high_spinal_load",
    "supine",
    "prone",
    "hip_flexion_past_90",
    "adduction_past_midline",
    "hip_internal_rotation",
    "hip_extension_with_external_rotation",
    "active_hip_abduction",
    "sustained_hip_adduction",
    "lateral_hip_compression",
    "impact",
    "breath_hold",
    "kneeling_on_knee",
    "static_stretch",
    "balance_challenge",
)
"""Tags that safety rules exclude by. Plugins may use more; a rule may only name tags
that some exercise or this list knows."""

URGENCIES: tuple[str, ...] = ("emergency", "urgent", "soon")


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


# --- What plugins declare ----------------------------------------------------------


@frozen
class Source:
    """A citation that content refers to by ``key`` (e.g. ``"distefano2009"``)."""

    key: str
    citation: str
    level: str = field(validator=_one_of(EVIDENCE_LEVELS))
    url: str | None = None


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


@frozen
class Sign:
    """Something a person notices, asked as a plain-words yes/no ``question``."""

    id: str
    issue: str
    question: str


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


@frozen
class Precaution:
    """A condition that excludes or changes exercises through safety rules."""

    id: str
    question: str
    source: str
    needs_trimester: bool = False


@frozen
class Activation:
    """Published activation, in %MVIC, of glute max and/or med (None: not published).

    ``measure`` says whether the figure is a ``mean`` or a ``peak`` (EVIDENCE.md:
    they are not on one scale).
    """

    gmax: float | None = None
    gmed: float | None = None
    measure: Literal["mean", "peak", "mixed", "none"] = "mean"
    note: str = ""


@frozen
class Exercise:
    """One exercise of the catalogue, declared once and tagged with every issue it serves.

    Exactly one of ``seconds_per_rep`` (dynamic work) and ``hold_s`` (isometric holds)
    is set. ``equipment`` lists everything needed besides bodyweight. ``tags`` are
    contraindication tags (:data:`CONTRAINDICATION_TAGS`). ``level`` 1–5 is the rung
    of difficulty used for phase windows and ladders.
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
    cues: tuple[str, ...] = field(converter=_tuple_of_str)
    fault: str
    source: str
    evidence: str = field(validator=_one_of(EVIDENCE_LEVELS))
    seconds_per_rep: float | None = None
    hold_s: int | None = None
    rest_s: int = 60
    tags: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    targets: tuple[str, ...] = field(default=("gmax",), converter=_tuple_of_str)
    activation: Activation = Activation(measure="none")
    why: str = ""

    @property
    def is_hold(self) -> bool:
        """True when the exercise is dosed in seconds held rather than reps."""
        return self.hold_s is not None


@frozen
class LadderStep:
    """A rung of a ladder: the exercise and when to move up or down from it."""

    exercise: str
    advance: str
    regress: str


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


@frozen
class DoseRule:
    """How to dose exercises of one ``role`` in one ``phase`` for some experience levels.

    ``issue`` None makes the rule generic; an issue-specific rule wins over a generic
    one. Week 1 of a block starts at ``sets`` and ``reps[0]`` (or ``hold_s``); each
    following week of the block moves by ``progression`` (``reps``: +``step`` reps up
    to ``reps[1]``; ``hold``: +``step`` seconds up to ``max_hold_s``; ``sets``: +1 set
    up to ``max_sets``; ``load``: same dose, heavier load). A deload multiplies sets by
    ``deload_factor`` (never below 1, always fewer than the week before).
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
    progression: Literal["reps", "hold", "sets", "load"] = "reps"
    step: int = 1
    deload_factor: float = 0.6


@frozen
class Trigger:
    """When a safety rule applies. Empty fields are ignored; set fields must all match.

    ``precautions``: any of these is present. ``min_trimester``: with pregnancy, the
    trimester is at least this. ``pain``: any of these (region, minimum level) pairs
    holds. ``findings``: any of these issues was found. ``always``: unconditional.
    """

    precautions: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    min_trimester: int | None = None
    pain: tuple[tuple[str, int], ...] = field(default=(), converter=_tuple)
    findings: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    always: bool = False


@frozen
class Requirement:
    """A structural demand a rule places on the program.

    ``kind``:
    - ``before_loaded``: in every session, exercises of ``roles`` come before any
      loaded exercise, and a loaded exercise has one of them for the same target.
    - ``session_opens``: every session opens with an exercise of ``roles``.
    - ``weekly``: every non-deload week holds exercises of ``issue`` covering
      ``planes`` and/or ``roles`` (all of them when ``each``, else at least one).
    """

    kind: Literal["before_loaded", "session_opens", "weekly"]
    roles: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    planes: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    issue: str | None = None
    each: bool = True


@frozen
class Cap:
    """Upper limits a rule puts on doses; the most restrictive across rules wins."""

    max_hold_s: int | None = None
    max_level: int | None = None
    max_sets: int | None = None
    max_rpe: float | None = None


@frozen
class SafetyRule:
    """A safety rule as data: what triggers it and what it does.

    Actions: ``exclude_tags``/``exclude_positions``/``exclude_roles``/
    ``exclude_exercises`` remove exercises; ``cap`` limits doses; ``requires`` adds
    structural demands; ``substitute`` maps a role to the roles that replace it
    (e.g. static stretching → isometric, eccentric, strength); ``stop_signs`` are
    printed with the program; ``notes`` explain the rule to the person.
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


# --- What screening produces -------------------------------------------------------


def states_evidence(notes: Iterable[str]) -> bool:
    """True when a finding's notes already state its module's evidence caveat (a note
    starting "Evidence"), so an output need not add the issue's ``evidence_note`` too."""
    return any(str(note).startswith("Evidence") for note in notes)


@frozen
class Finding:
    """A plugin's grade of its issue for one profile.

    ``severity`` 0 (nothing found) to 3. ``signs`` the sign ids that counted;
    ``tests`` the test results that counted, in words; ``weaker_side`` when left and
    right differ meaningfully; ``notes`` explain the grade, including the module's
    evidence caveat where it rests on weak evidence.
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

    def to_dict(self) -> dict[str, Any]:
        """The finding as it appears in the program JSON."""
        return {
            "issue": self.issue,
            "severity": self.severity,
            "signs": list(self.signs),
            "tests": list(self.tests),
            "weaker_side": self.weaker_side,
            "focus": self.focus,
            "notes": list(self.notes),
        }


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
class Renderer:
    """An output format: ``render(program, options)`` returns ``str`` or ``bytes``.

    ``program`` is a :class:`~gluteus.engine.program.Program`, or its JSON as a dict
    (a program read back from a file renders the same way); ``options`` holds the
    renderer's own options (``gluteus generate -O KEY=VALUE``). ``binary`` formats
    (pdf) must be written to a file, not a terminal.
    """

    format: str
    description: str
    render: Any = field(eq=False)
    binary: bool = False
    media_type: str = "text/plain"
    extension: str = "txt"
