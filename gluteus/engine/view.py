"""The one view model every output format reads: what a person sees of a program.

:func:`view` turns a program (a :class:`~gluteus.engine.program.Program` or its
JSON as Python data) into a :class:`ProgramView`: plain, frozen values with every
label, dose and sentence already worded, so text, Markdown, HTML, PDF and the
calendar show the same words and numbers and can never disagree. Formats decide
only how things look. Building the view is pure: no I/O, no click, nothing heavy
imported.

What a person reads is in plain words: no internal ids, no citation keys, no
snake_case (an id that slips into a plugin's prose is turned into words or an
author-year citation), evidence levels said as words with the source beside
them, whole minutes, and a short glossary that explains each term the program
uses (RPE, tempo, RM, reps in reserve, deload...) once. The JSON keeps the exact
values and the ids.

Each exercise's load and effort are said apart and once each: the planner words
the effort into the load text, and :func:`load_and_effort` takes the engine's own
effort words back out of it, showing the structured effort instead (RPE, RM,
reps in reserve, or the talk test for an effort capped by feel). Fields a program
lacks (effort, extra sets, family, kind of load, a phase's note) show nothing.

Text, Markdown and the terminal share one document builder, :func:`document`,
that turns the view into a short list of blocks (headings, paragraphs, lists,
tables); :func:`blocks_to_text`, :func:`blocks_to_markdown` and
:func:`blocks_to_ansi` decide only how a block looks, and lay tables out for the
width they are given (long text goes under its row rather than into a narrow
column). The command line and the output plugins all import from here: the
engine owns the view, not a plugin.

Clinical wording comes from the program itself (issue messages, rule
descriptions and notes, stop signs, the pain-monitoring traffic light, referral
messages); nothing clinical is written here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from attrs import frozen

from .dosing import TALK_TEST, WEIGHT_WORDS, Effort, effort_words
from .model import DAYS, Cap, states_evidence

# program_json lives beside the program (writing JSON needs no view); kept importable here.
from .program import as_dict
from .program import program_json as program_json
from .traffic_light import GREEN_ONLY, GREEN_ONLY_BEFORE, TRAFFIC_LIGHT, TrafficLight, Zone

# --- Plain words -------------------------------------------------------------------

SEVERITY = {0: "nothing found", 1: "mild", 2: "moderate", 3: "marked"}
EVIDENCE = {
    "verified": "strong: research backs it",
    "recalled": "research backs it, reference still to be double-checked",
    "weak": "weak: little or mixed research",
    "convention": "common practice: experts use it, but no trial has tested it",
}
"""How firmly something stands, in words a client understands."""
URGENCY = {
    "emergency": "emergency: get help now",
    "urgent": "urgent: be seen today",
    "soon": "soon: book an appointment within days",
}
URGENCY_ORDER = {"emergency": 0, "urgent": 1, "soon": 2}
SIDE = {"both": "", "each": "each side", "left": "left side only", "right": "right side only"}
"""A dose's side in words; both legs together needs no words."""
SIDE_CARD = {
    "both": "",  # both legs together, or alternating (bird dog): no words needed
    "each": "each side",
    "left": "left side only",
    "right": "right side only",
}
POSITION = {
    "supine": "lying on your back",
    "prone": "lying face down",
    "side-lying": "lying on your side",
    "quadruped": "on hands and knees",
    "kneeling": "kneeling",
    "seated": "sitting",
    "standing": "standing",
}
PLANE = {
    "sagittal": "forward-and-back",
    "frontal": "side-to-side",
    "transverse": "turning",
}
ROLE = {
    "activation": "activation drill",
    "strength": "strength",
    "power": "power",
    "stability": "stability",
    "isometric": "hold",
    "eccentric": "slow lowering",
    "mobility": "mobility",
}
LOAD_TYPE = {"bodyweight": "your bodyweight", "band": "a resistance band", "external": "weights"}
NO_FINDINGS = (
    "No issue was found. The program trains general glute strength and function for "
    "healthy, long-lived hips."
)
NO_RULES = "No precaution or pain rule applies to this profile."
REFERRAL_INTRO = (
    "Your profile reports something that needs a clinician's assessment before you train. "
    "gluteus does not make a program until then."
)
REFERRAL_BRING = (
    "Take this page to the appointment: it says what you reported and why it matters. "
    "gluteus is not a diagnosis; the clinician decides what it means."
)
REFERRAL_AFTER = (
    "Once a clinician has assessed you and says that exercise is safe for you, update your "
    "profile with what they found (the answer, or a new reading) and make the program again."
)
DELOAD_HEADING = "Deload weeks"
GUIDE_POINTER = "How to do each exercise (cues, common faults, set-up): see the exercise guide."
GUIDE_INTRO = (
    "One card for each exercise, in the order they first appear: why it is in your program, "
    "its dose week by week, and how to do it well."
)
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
PAIN_WORDS = {
    "low_back": "low back",
    "knee": "knees",
    "hip": "hips",
    "buttock": "buttocks",
    "groin": "groin",
}

GLOSSARY: tuple[tuple[str, str, str], ...] = (
    # (term, when it is used: a pattern searched in the program's words, meaning)
    (
        "Sets × reps",
        r" × ",
        "2 × 12 means 2 sets (rounds) of 12 repetitions, with the rest shown between sets.",
    ),
    ("Hold", r"\bs hold\b", "Keep the position still for the seconds shown, breathing normally."),
    ("Each side", r"\beach side\b", "Do all the sets on one side, then on the other."),
    ("Min", r"\bMin\b", "The minutes an exercise takes, its rests included."),
    (
        "Tempo",
        r"\btempo \d",
        "Seconds for each part of a repetition: 2-1-2 means 2 to lift, 1 to pause at the "
        "top, 2 to lower.",
    ),
    (
        "RPE",
        r"\bRPE\b",
        "Rate of perceived exertion: how hard a set feels, from 0 (resting) to 10 (the "
        "hardest you could do). RPE 6-7 is a firm effort with a few repetitions left.",
    ),
    (
        "RM",
        r"\dRM\b",
        "Repetition maximum: 11RM is a load you could lift 11 times and no more, so 8 "
        "repetitions with it leave 3 in reserve; 1RM is the most you can lift once.",
    ),
    (
        "Reps in reserve",
        r"reps? in reserve|\bRIR\b",
        "How many more repetitions you could still do when you end a set: 2 reps in reserve "
        "means stop with 2 left.",
    ),
    (
        "Talk test",
        r"\btalk test\b",
        "Effort judged by feel: you can still talk in short sentences, but you could not "
        "sing. Go no harder than that.",
    ),
    (
        "Extra sets",
        r"\+ \d+ sets? (left|right)\b",
        "+ 1 set left means: after the sets for each side, one more set for the left side "
        "only, the side screening found weaker.",
    ),
    (
        "Movement family",
        r"\bMovement family\b",
        "Versions of one movement (a clamshell with or without a band, say): a session holds "
        "at most one of each family.",
    ),
    (
        "Activation drill",
        r"\b[Aa]ctivat",
        "A light exercise that wakes the glutes up, so they lead the harder work after it.",
    ),
    (
        "Deload",
        r"\b[Dd]eload",
        "A lighter week with fewer sets, so your body recovers and adapts before the next "
        "block of harder weeks.",
    ),
    ("Isometric", r"\b[Ii]sometric", "The muscle works without the joint moving, as in a hold."),
    ("Eccentric", r"\b[Ee]ccentric", "The lowering part of a movement, done slowly."),
    (
        "Planes of movement",
        r"\b(frontal|transverse|sagittal)\b",
        "The directions a movement goes: sagittal is forward and back, frontal is side to "
        "side, transverse is turning.",
    ),
    (
        "MVIC",
        r"\bMVIC\b",
        "Maximum voluntary isometric contraction, a muscle's hardest effort: 60% MVIC means "
        "the exercise makes it work at 60% of that.",
    ),
    ("EMG", r"\bEMG\b", "Electromyography: measuring how strongly a muscle fires."),
    ("Valgus", r"\bvalgus\b", "The knee falling inwards, towards the other knee."),
    (
        "Trendelenburg test",
        r"Trendelenburg",
        "Stand on one leg for 30 seconds: when the pelvis drops on the other side, the "
        "hip's side muscles (glute med) are not holding it.",
    ),
)
"""Every term a program may use, explained once; a program's glossary holds those it uses."""

_ACRONYMS = frozenset({"acsm", "ijspt", "nhs", "nice", "emg", "rpe", "acog", "lbp"})
_YEAR_KEY = re.compile(r"([a-z]+)(\d{4})([a-z]?)")
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_CONVENTION_KEY = re.compile(r"\b(an?) convention, ([a-z]+)_convention\b")
_CITATION_KEY = re.compile(r"\b[a-z]{3,}\d{4}[a-z]?\b")


def words(identifier: str) -> str:
    """An id as words: ``knees_cave_in`` → ``knees cave in``."""
    return identifier.replace("_", " ").replace("-", " ")


_FAMILY_WORDS = {"rdl": "Romanian deadlift", "it": "IT"}


def family_words(family: str) -> str:
    """A movement family's id in words: ``single_leg_rdl`` → ``single-leg Romanian
    deadlift``, ``it_band_stretch`` → ``IT band stretch``."""
    text = " ".join(_FAMILY_WORDS.get(p, p) for p in re.split(r"[_\-]", family) if p)
    return re.sub(r"\b(single|one|two) leg\b", r"\1-leg", text)


def _word(part: str) -> str:
    return part.upper() if part in _ACRONYMS else part


def source_label(key: str, *, in_prose: bool = False) -> str:
    """A citation key in words: ``distefano2009`` → ``Distefano 2009``,
    ``grimaldi_fearon2015`` → ``Grimaldi and Fearon 2015``, ``practice_convention`` →
    ``Practice convention`` (lower case inside a sentence when ``in_prose``)."""
    parts = [p for p in re.split(r"[_\-]", key) if p]
    for i, part in enumerate(parts):
        match = _YEAR_KEY.fullmatch(part)
        if match:
            names = [*parts[:i], match.group(1)]
            authors = " and ".join(_word(n) if n in _ACRONYMS else n.capitalize() for n in names)
            text = f"{authors} {match.group(2)}{match.group(3)}"
            rest = " ".join(_word(p) for p in parts[i + 1 :])
            return f"{text} ({rest})" if rest else text
    text = " ".join(_word(p) for p in parts)
    return text if in_prose else text[:1].upper() + text[1:]


def prose(text: str, names: Mapping[str, str] | None = None) -> str:
    """``text`` with any id or citation key that slipped into it said in words.

    ``names`` maps ids known to the program (issues) to their names; any other
    snake_case word is read as a citation key (``trendelenburg_sign`` → ``trendelenburg
    sign``, ``macadam_feser2019`` → ``Macadam and Feser 2019``).
    """
    names = names or {}

    def snake(match: re.Match[str]) -> str:
        token = match.group(0)
        return names.get(token) or source_label(token, in_prose=True)

    def key(match: re.Match[str]) -> str:
        return source_label(match.group(0), in_prose=True)

    # "a convention, screening_convention" names the convention once: "a screening
    # convention", not "a convention, screening convention".
    text = _CONVENTION_KEY.sub(r"\1 \2 convention", text)
    return _CITATION_KEY.sub(key, _SNAKE.sub(snake, text))


def num(value: float) -> str:
    """A number without a trailing ``.0``."""
    return f"{value:g}"


def whole_minutes(value: float) -> int:
    """Minutes for people: rounded half up, at least 1 for anything that takes time."""
    if value <= 0:
        return 0
    return max(1, math.floor(value + 0.5))


def session_minutes(value: float) -> int:
    """A session's minutes for people and calendars: rounded up, so the time set aside
    is never shorter than the session (and never over a whole-minute budget)."""
    return math.ceil(round(value, 6)) if value > 0 else 0


def weeks_span(weeks: Iterable[int]) -> str:
    """``1–4`` for a run of weeks, ``1–3, 5–8`` for runs, ``1, 3`` for single weeks."""
    runs: list[list[int]] = []
    for n in sorted(set(weeks)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def weeks_words(weeks: Iterable[int]) -> str:
    """``weeks 1–4``, ``week 3``, ``weeks 1, 3``."""
    numbers = sorted(set(weeks))
    return ("week " if len(numbers) == 1 else "weeks ") + weeks_span(numbers)


def _span(pair: Sequence[Any] | None) -> str:
    if not pair:
        return ""
    lo, hi = pair[0], pair[-1]
    return num(lo) if lo == hi else f"{num(lo)}–{num(hi)}"


def dose(ex: Mapping[str, Any]) -> str:
    """Sets and reps or hold time: ``2 × 12``, ``3 × 20 s hold``."""
    if ex["hold_s"] is not None:
        return f"{ex['sets']} × {ex['hold_s']} s hold"
    if ex["reps"] is not None:
        return f"{ex['sets']} × {ex['reps']}"
    return f"{ex['sets']} sets"


def extra_sets(ex: Mapping[str, Any]) -> str:
    """The weaker side's extra sets, ``+ 1 set left``, when the exercise has them."""
    extra = ex.get("extra")
    if not isinstance(extra, Mapping) or not extra.get("sets"):
        return ""
    sets = int(extra["sets"])
    return f"+ {sets} set{'s' if sets != 1 else ''} {extra.get('side', '')}".rstrip()


def _extra_count(ex: Mapping[str, Any]) -> int:
    extra = ex.get("extra")
    return int(extra.get("sets") or 0) if isinstance(extra, Mapping) else 0


def amount(ex: Mapping[str, Any]) -> str:
    """The whole dose in one phrase: ``3 × 10 each side + 1 set left``."""
    return " ".join(p for p in (dose(ex), SIDE.get(ex["side"], ex["side"]), extra_sets(ex)) if p)


def effort_text(effort: Any) -> str:
    """``RPE 6–7, 8–12RM, 2–3 reps in reserve`` from an exercise's ``effort``."""
    if not isinstance(effort, Mapping):
        return ""
    parts = []
    if effort.get("rpe"):
        parts.append(f"RPE {_span(effort['rpe'])}")
    if effort.get("rm"):
        parts.append(f"{_span(effort['rm'])}RM")
    if effort.get("rir"):
        rir = _span(effort["rir"])
        parts.append(f"{rir} rep{'' if rir == '1' else 's'} in reserve")
    return ", ".join(parts)


NO_EFFORT_ROLES = frozenset({"mobility"})
"""Roles whose effort is not shown: a stretch is gentle and free of pain (its load says
so), not a matter of how hard it feels."""


def _pair(value: Any) -> tuple[int, int] | None:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        return (int(value[0]), int(value[1]))
    return None


def _effort(data: Any) -> Effort | None:
    if not isinstance(data, Mapping):
        return None
    effort = Effort(
        rpe=_pair(data.get("rpe")), rm=_pair(data.get("rm")), rir=_pair(data.get("rir"))
    )
    return None if effort == Effort() else effort


def _without(parts: list[str], said: str) -> list[str] | None:
    """``parts`` less the run of parts that is ``said``, or None when it is not there."""
    words = said.split("; ")
    for i in range(len(parts) - len(words) + 1):
        if parts[i : i + len(words)] == words:
            return parts[:i] + parts[i + len(words) :]
    return None


_DELOAD_PREFIX = "Deload: "


def load_and_effort(ex: Mapping[str, Any]) -> tuple[str, str]:
    """An exercise's load and its effort in words, each said once.

    The planner words the effort into the load (``Light; 3-4 reps in reserve (effort
    5-6/10)``); shown apart, the load says what to use and the effort how hard:
    ``Light`` and ``RPE 5–6, 3–4 reps in reserve``. An effort capped by feel (the talk
    test) says so. Nothing is shown for an exercise without an effort, nor for a
    stretch (:data:`NO_EFFORT_ROLES`).
    """
    parts = str(ex.get("load") or "").split("; ")
    if parts[0].startswith(_DELOAD_PREFIX):
        # The week's title says it is a deload: "Load: Deload: fewer sets..." says it twice.
        parts[0] = _capitalized(parts[0][len(_DELOAD_PREFIX) :])
    effort = _effort(ex.get("effort"))
    if effort is None:
        return "; ".join(parts), ""
    talk = False
    # The engine's own words for this effort, by feel (a cap) or by numbers.
    for by_feel in (True, False) if effort.rpe is not None else (False,):
        said = effort_words(effort, Cap(no_rm=by_feel))
        rest = _without(parts, said) if said else None
        if rest is not None:
            parts, talk = rest, by_feel
            break
    if ex.get("role") in NO_EFFORT_ROLES:
        return "; ".join(parts), ""
    text = effort_text(ex.get("effort"))
    if talk:
        text += f" (talk test: {TALK_TEST})"
    return "; ".join(parts), text


def tempo_text(tempo: str | None, *, hold: bool = False) -> str:
    """A tempo worth showing: ``2-1-2``; empty for holds (the dose says it: a hold has
    no lifting and lowering to time)."""
    return "" if not tempo or tempo == "hold" or hold else tempo


def evidence_text(level: str) -> str:
    """An evidence level in plain words."""
    return EVIDENCE.get(level, words(level))


# --- The pieces of the view --------------------------------------------------------


@frozen
class SourceView:
    """Where something comes from: a short label always, the full citation when the
    program carries it (``sources`` in the program JSON)."""

    key: str
    label: str  # "Distefano 2009"
    citation: str | None = None
    url: str | None = None

    @property
    def shown(self) -> bool:
        """Whether the label says more than the evidence words (a bare convention does not)."""
        return bool(self.citation) or not self.key.endswith("convention")


@frozen
class FindingView:
    """One issue found (or asked for), worded for the person."""

    issue: str
    name: str
    severity: int
    severity_label: str
    focus: bool
    message: str
    fix: str
    signs: tuple[str, ...]
    tests: tuple[str, ...]
    weaker_side: str | None
    notes: tuple[str, ...]
    evidence: str | None
    evidence_text: str | None
    evidence_note: str | None

    @property
    def title(self) -> str:
        text = f"{self.name}: {self.severity_label}"
        return text + (" (you asked to focus on it)" if self.focus else "")


@frozen
class RuleView:
    """A safety rule that applies to this person."""

    id: str
    description: str
    evidence: str
    evidence_text: str
    source: SourceView | None = None


@frozen
class PhaseView:
    name: str
    kind: str
    weeks: tuple[int, ...]
    span: str  # "1–2" or "1, 3"
    goal: str
    note: str = ""  # its deload weeks, or why the program has none


@frozen
class ExerciseRow:
    """One exercise in one session, with its dose worded."""

    index: int
    id: str
    name: str
    dose: str  # "2 × 12", "3 × 20 s hold"
    side: str  # "each side", "" for both legs together
    load: str
    rest: str  # "45 s"
    minutes: str  # whole minutes, "4"
    tempo: str  # "2-1-2", "" when none is worth showing
    role: str
    issues: tuple[str, ...]
    cues: tuple[str, ...]
    extra: str = ""  # "+ 1 set left"
    effort: str = ""  # "RPE 6–7, 2–3 reps in reserve"
    exact_minutes: float = 0.0
    sets: int = 0
    extra_sets: int = 0  # the weaker side's, after the sets for each side

    @property
    def amount(self) -> str:
        """The whole dose in one phrase: ``3 × 10 each side + 1 set left``."""
        return " ".join(p for p in (self.dose, self.side, self.extra) if p)

    @property
    def line(self) -> str:
        """The exercise on one line, for a calendar or a cheat sheet."""
        parts = [self.amount, self.load, f"rest {self.rest}"]
        if self.effort:
            parts.append(self.effort)
        if self.tempo:
            parts.append(f"tempo {self.tempo}")
        return f"{self.name}: " + ", ".join(p for p in parts if p)


@frozen
class SessionView:
    week: int
    number: int  # 1-based within its week
    day: str
    day_name: str
    date: dt.date | None
    minutes: float  # exact, as in the program JSON
    exercises: tuple[ExerciseRow, ...]

    @property
    def whole_minutes(self) -> int:
        """The session's minutes for people: rounded up."""
        return session_minutes(self.minutes)

    @property
    def title(self) -> str:
        when = f"{self.day_name} {self.date.isoformat()}" if self.date else self.day_name
        return f"Session {self.number}: {when} ({self.whole_minutes} min)"

    @property
    def key(self) -> str:
        """Where the session sits in the program, e.g. ``w01-s2``: stable across renders."""
        return f"w{self.week:02d}-s{self.number}"


@frozen
class WeekView:
    number: int
    phase: str
    deload: bool
    block: int | None
    sessions: tuple[SessionView, ...]
    first_day: dt.date | None = None  # the week's seven days, when the program has a start
    last_day: dt.date | None = None

    @property
    def title(self) -> str:
        text = f"Week {self.number}: {self.phase}"
        return text + (" (deload: a lighter week to recover)" if self.deload else "")


@frozen
class CardView:
    """Everything about one exercise of the program, for its exercise card."""

    id: str
    name: str
    role: str  # in words: "activation drill"
    issues: tuple[str, ...]  # issue names
    why: str
    cues: tuple[str, ...]
    fault: str
    dose: str  # how the dose runs over the program
    weeks: str  # the weeks it appears in, e.g. "1–6"
    rest: str
    load: str
    side: str
    tempo: str
    position: str  # in words: "lying on your side"
    planes: tuple[str, ...]  # in words: "side-to-side"
    equipment: str  # "mini band, step" or "bodyweight only"
    ladder: str | None  # "step 2 of a series of harder versions"
    evidence: str
    evidence_text: str
    source: SourceView | None
    effort: str = ""
    family: str = ""
    load_type: str = ""
    week_numbers: tuple[int, ...] = ()
    extra: str = ""  # "+ 1 set left, after the sets for each side"

    @property
    def when(self) -> str:
        """``weeks 1–6`` or ``week 3``."""
        return weeks_words(self.week_numbers) if self.week_numbers else ""

    @property
    def setup(self) -> str:
        """Position, directions and equipment in one phrase."""
        text = self.position.capitalize()
        if self.planes:
            text += f"; {' and '.join(self.planes)} movement"
        return f"{text}; {self.equipment}"


@frozen
class Series:
    """One line of the chart: an issue and its weekly sets."""

    issue: str
    name: str
    values: tuple[int, ...]


@frozen
class ChartView:
    """Weekly work by issue: sets of the exercises that serve each issue, per week.

    An exercise that serves two issues counts for both, so the lines are not meant
    to be added up. ``phase_starts`` are the weeks where a new phase begins.
    """

    weeks: tuple[int, ...]
    series: tuple[Series, ...]
    deloads: tuple[int, ...]
    phase_starts: tuple[tuple[int, str], ...]
    unit: str = "sets"

    @property
    def title(self) -> str:
        return "Weekly work by issue"

    @property
    def caption(self) -> str:
        """How to read the chart, then the chart in words."""
        return (
            f"{self.unit.capitalize()} each week of the exercises that serve each issue (an "
            "exercise serving two issues counts for both). Shaded: deload weeks. Dashed lines: "
            f"a new phase begins. {self.description}"
        )

    @property
    def description(self) -> str:
        """The chart in words (its accessible description and its text fallback)."""
        parts = []
        for s in self.series:
            if s.values:
                low, high = min(s.values), max(s.values)
                amount = f"{low}" if low == high else f"{low} to {high}"
                parts.append(f"{s.name}: {amount} {self.unit} a week")
        text = "; ".join(parts) + "." if parts else "No exercises."
        if self.deloads:
            text += " Deload weeks: " + ", ".join(str(w) for w in self.deloads) + "."
        if len(self.phase_starts) > 1:
            text += " Phases start in week " + ", ".join(
                f"{week} ({name})" for week, name in self.phase_starts
            )
            text += "."
        return text


@frozen
class ReferralView:
    flag: str
    title: str
    message: str
    urgency: str
    urgency_text: str
    see: str


@frozen
class GlossaryEntry:
    term: str
    meaning: str


@frozen
class ProgramView:
    """A program as a person reads it; every output format renders this."""

    status: str  # "ok" | "referral"
    title: str
    name: str | None
    summary: str
    made_by: str
    start: dt.date | None
    warnings: tuple[str, ...]
    findings: tuple[FindingView, ...]
    quiet: tuple[str, ...]  # issue names screened with nothing found
    # Issues screened where something the person noticed was read but not counted, each
    # with what it was: "nothing found" would read as the complaint ignored.
    not_counted: tuple[str, ...]
    rules: tuple[RuleView, ...]
    stop_signs: tuple[str, ...]
    red_flags: tuple[str, ...]  # red-flag questions to watch for, when the program has them
    notes: tuple[str, ...]
    traffic_light: TrafficLight
    phases: tuple[PhaseView, ...]
    weeks: tuple[WeekView, ...]
    cards: tuple[CardView, ...]
    chart: ChartView
    referrals: tuple[ReferralView, ...]
    version: str
    seed: int
    glossary: tuple[GlossaryEntry, ...] = ()
    time: str | None = None  # sessions start at "HH:MM", when the profile says
    timezone: str | None = None
    facts: tuple[tuple[str, str], ...] = ()  # what the person reported, for a referral
    # What the rules read from the person's answers and tests (a raised falls risk, a
    # stage after surgery), each with its reason: a label that reshapes the program is
    # explained where the rules are.
    readings: tuple[str, ...] = ()

    @property
    def sessions(self) -> tuple[SessionView, ...]:
        """Every session of every week, in order."""
        return tuple(s for w in self.weeks for s in w.sessions)

    @property
    def activation(self) -> tuple[CardView, ...]:
        """The activation drills of the program, in order of first appearance."""
        return tuple(c for c in self.cards if c.role == ROLE["activation"])

    @property
    def last_day(self) -> dt.date | None:
        """The program's last day (the end of its last week), when it has a start."""
        return self.weeks[-1].last_day if self.weeks else None

    @property
    def phase_notes(self) -> tuple[str, ...]:
        """The phases' notes on their deload weeks (or why there are none), in order."""
        return tuple(p.note for p in self.phases if p.note)

    def card(self, exercise_id: str) -> CardView | None:
        """The exercise card of ``exercise_id``."""
        return next((c for c in self.cards if c.id == exercise_id), None)

    def zone_lines(self) -> tuple[str, ...]:
        """The traffic light's zones, one sentence each."""
        return tuple(zone_line(z) for z in self.traffic_light.zones)


def zone_line(zone: Zone) -> str:
    """``Green (0–3/10): safe. Carry on, and progress when the form is good.``"""
    return f"{zone.colour.capitalize()} ({zone.pain}): {zone.meaning}. {zone.action.capitalize()}."


# --- Building the view -----------------------------------------------------------------


class _Words:
    """The program's own names for its ids, and its sources, to word everything with."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        issues = data.get("issues") or {}
        self.issue_names = {i: str(info.get("name") or words(i)) for i, info in issues.items()}
        self.sources = data.get("sources") or {}

    def issue(self, issue: str) -> str:
        return self.issue_names.get(issue) or words(issue)

    def prose(self, text: str | None) -> str:
        return prose(text or "", self.issue_names)

    def source(self, key: str | None) -> SourceView | None:
        if not key:
            return None
        info = self.sources.get(key)
        if isinstance(info, Mapping):
            return SourceView(
                key=key,
                label=source_label(key),
                citation=str(info.get("citation") or "") or None,
                url=str(info.get("url") or "") or None,
            )
        return SourceView(key=key, label=source_label(key))

    def why(self, text: str) -> str:
        # The planner names the issues an exercise serves by id ("In this program for:
        # inhibition, tightness."): those ids are the program's issues, said by name.
        def names(match: re.Match[str]) -> str:
            ids = [i.strip() for i in match.group(2).split(",")]
            if all(i in self.issue_names for i in ids):
                return match.group(1) + ", ".join(self.issue_names[i] for i in ids) + "."
            return match.group(0)

        return self.prose(re.sub(r"(In this program for: |Trains )([a-z_, -]+)\.", names, text))


def _summary(profile: Mapping[str, Any]) -> str:
    schedule = profile["schedule"]
    days = ", ".join(DAY_NAMES.get(d, d) for d in schedule.get("days") or ())
    text = (
        f"{schedule['weeks']} weeks, {schedule['sessions_per_week']} sessions a week"
        + (f" ({days})" if days else "")
        + f", up to {schedule['minutes_per_session']} minutes each"
        + f"; {profile.get('experience', 'novice')} level."
    )
    start = profile.get("start")
    if start:
        weekday = DAY_NAMES[DAYS[dt.date.fromisoformat(start).weekday()]]
        text += f" Starts {weekday} {start}."
    if schedule.get("time"):
        zone = f" ({schedule['timezone']} time)" if schedule.get("timezone") else ""
        text += f" Sessions at {schedule['time']}{zone}."
    equipment = profile.get("equipment") or []
    text += " Equipment: " + (
        ", ".join(words(e) for e in equipment) + " and bodyweight." if equipment else "bodyweight."
    )
    return text


def _shown(finding: Mapping[str, Any]) -> bool:
    return bool(finding["severity"] >= 1 or finding.get("focus"))


def _noticed(data: Mapping[str, Any], finding: Mapping[str, Any]) -> list[str]:
    """The signs the person noticed that ``finding``'s issue reads, in its words."""
    signs = (data.get("issues", {}).get(finding["issue"]) or {}).get("signs") or {}
    return [signs[s] for s in data["profile"].get("signs") or () if s in signs]


def _findings(data: Mapping[str, Any], w: _Words) -> tuple[FindingView, ...]:
    out = []
    for f in data["findings"]:
        if not _shown(f):
            continue
        info = data.get("issues", {}).get(f["issue"], {})
        level = info.get("evidence")
        out.append(
            FindingView(
                issue=f["issue"],
                name=w.issue(f["issue"]),
                severity=f["severity"],
                severity_label=SEVERITY.get(f["severity"], "?"),
                focus=bool(f.get("focus")),
                message=w.prose(info.get("message")),
                fix=w.prose(info.get("fix")),
                signs=tuple(str((info.get("signs") or {}).get(s) or words(s)) for s in f["signs"]),
                tests=tuple(w.prose(t) for t in f.get("tests", ())),
                weaker_side=f.get("weaker_side"),
                notes=tuple(w.prose(n) for n in f.get("notes", ())),
                evidence=level,
                evidence_text=evidence_text(level) if level else None,
                # Said once: the issue's note only when the finding's notes do not
                # already carry the caveat (as the built-in modules' do).
                evidence_note=None
                if states_evidence(f.get("notes", ()))
                else (w.prose(info.get("evidence_note")) or None),
            )
        )
    return tuple(out)


def _row(index: int, ex: Mapping[str, Any], w: _Words) -> ExerciseRow:
    load, effort = load_and_effort(ex)
    return ExerciseRow(
        index=index,
        id=ex["id"],
        name=ex["name"],
        dose=dose(ex),
        side=SIDE.get(ex["side"], words(ex["side"])),
        load=w.prose(load),
        rest=f"{ex['rest_s']} s",
        minutes=str(whole_minutes(ex["minutes"])),
        tempo=tempo_text(ex.get("tempo"), hold=ex.get("hold_s") is not None),
        role=ROLE.get(ex["role"], words(ex["role"])),
        issues=tuple(w.issue(i) for i in ex["issues"]),
        cues=tuple(w.prose(c) for c in ex["cues"]),
        extra=extra_sets(ex),
        effort=effort,
        exact_minutes=float(ex["minutes"]),
        sets=int(ex["sets"]),
        extra_sets=_extra_count(ex),
    )


def _weeks(data: Mapping[str, Any], w: _Words, start: dt.date | None) -> tuple[WeekView, ...]:
    weeks = []
    for wk in data["weeks"]:
        sessions = []
        for n, s in enumerate(wk["sessions"], start=1):
            sessions.append(
                SessionView(
                    week=wk["number"],
                    number=n,
                    day=s["day"],
                    day_name=DAY_NAMES.get(s["day"], s["day"]),
                    date=dt.date.fromisoformat(s["date"]) if s["date"] else None,
                    minutes=s["minutes"],
                    exercises=tuple(_row(i, ex, w) for i, ex in enumerate(s["exercises"], start=1)),
                )
            )
        first = start + dt.timedelta(days=7 * (wk["number"] - 1)) if start else None
        weeks.append(
            WeekView(
                number=wk["number"],
                phase=wk["phase"],
                deload=wk["deload"],
                block=wk.get("block"),
                sessions=tuple(sessions),
                first_day=first,
                last_day=first + dt.timedelta(days=6) if first else None,
            )
        )
    return tuple(weeks)


def _card_dose(seen: list[tuple[int, bool, str]]) -> str:
    """How an exercise's dose runs over the weeks it appears in (week, deload, dose)."""
    full = [(wk, d) for wk, deload, d in seen if not deload] or [(wk, d) for wk, _, d in seen]
    light = sorted({d for _, deload, d in seen if deload} - {d for _, d in full})
    if len({d for _, d in full}) == 1:
        weeks = [wk for wk, _, _ in seen]
        text = full[0][1] + (f", weeks {weeks_span(weeks)}" if len(weeks) > 1 else "")
    else:
        # Each dose with its weeks, in order: a dose that changes is not always a
        # build-up (a lighter load takes more reps, a new block may start easier).
        runs: list[tuple[list[int], str]] = []
        for wk, d in full:
            if runs and runs[-1][1] == d:
                runs[-1][0].append(wk)
            else:
                runs.append(([wk], d))
        text = "; ".join(
            f"{'weeks ' + weeks_span(ws) if len(ws) > 1 else f'week {ws[0]}'}: {d}"
            for ws, d in runs
        )
    if light:
        text += f"; {' or '.join(light)} in deload weeks"
    return text


_WEIGHT = re.compile(rf"^{WEIGHT_WORDS} (\d+(?: to \d+)?) times")


def _card_load(seen: Sequence[tuple[int, bool, str]]) -> str:
    """An exercise's load on its card (week, deload, load): its first week's words, and
    when a load by repetition maximum changes with the reps, the weight of each week
    (``A weight you could lift about 11 times in week 7 and 13 times in week 8``).
    Without the words that hold a week's increase for green sessions: they belong to
    that week's row, and a card speaks for every week."""
    load = seen[0][2].removesuffix(f"; {GREEN_ONLY}").removesuffix(f"; {GREEN_ONLY_BEFORE}")
    start = _WEIGHT.match(load)
    if start is None:
        return load
    runs: list[tuple[str, list[int]]] = []
    for wk, deload, text in seen:
        found = _WEIGHT.match(text)
        if deload or found is None:
            continue
        if runs and runs[-1][0] == found.group(1):
            runs[-1][1].append(wk)
        else:
            runs.append((found.group(1), [wk]))
    if len(runs) < 2:
        return load
    each = " and ".join(f"{times} times in {weeks_words(ws)}" for times, ws in runs)
    return f"{WEIGHT_WORDS} {each}{load[start.end() :]}"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _card_effort(seen: Sequence[tuple[int, bool, str]], deloads: Iterable[int]) -> str:
    """How an exercise's effort runs over the weeks it appears in (week, deload, effort):
    one effort, or each with its weeks, and the deload weeks' easier effort."""
    full = [(wk, e) for wk, deload, e in seen if not deload] or [(wk, e) for wk, _, e in seen]
    runs: list[tuple[str, list[int]]] = []
    for wk, e in full:
        if runs and runs[-1][0] == e:
            runs[-1][1].append(wk)
        else:
            runs.append((e, [wk]))
    if len(runs) == 1:
        text = runs[0][0]
    else:
        lighter = set(deloads)

        def when(weeks: list[int]) -> str:
            # A deload week inside a run is part of it (said below), not a gap.
            inside = {d for d in lighter if weeks[0] < d < weeks[-1]}
            return weeks_words({*weeks, *inside})

        text = "; ".join(f"{when(ws)}: {e}" for e, ws in runs if e)
    light = [e for _, deload, e in seen if deload and e and e not in {x for _, x in full}]
    if text and light:
        text += f"; {' or '.join(sorted(set(light)))} in deload weeks"
    return text


def _card_extra(
    seen: Sequence[tuple[int, str]], weeks: Sequence[int], deloads: Iterable[int]
) -> str:
    """The weaker side's extra sets over the weeks (week, extra), when there are any."""
    extras = [(wk, x) for wk, x in seen if x]
    if not extras:
        return ""
    texts = sorted({x for _, x in extras})
    text = " or ".join(texts) + ", after the sets for each side"
    shown = [wk for wk, _ in extras]
    if shown == list(weeks):
        return text
    if shown == [wk for wk in weeks if wk not in set(deloads)]:
        return text + ", except in deload weeks"
    return text + f", {weeks_words(shown)}"


def _cards(data: Mapping[str, Any], w: _Words) -> tuple[CardView, ...]:
    first: dict[str, Mapping[str, Any]] = {}
    # Each exercise's first appearance in each week, in order.
    weekly: dict[str, list[tuple[int, bool, Mapping[str, Any]]]] = {}
    for week in data["weeks"]:
        for session in week["sessions"]:
            for ex in session["exercises"]:
                first.setdefault(ex["id"], ex)
                appearances = weekly.setdefault(ex["id"], [])
                if not appearances or appearances[-1][0] != week["number"]:
                    appearances.append((week["number"], bool(week["deload"]), ex))
    deloads = [wk["number"] for wk in data["weeks"] if wk["deload"]]
    cards = []
    for ex_id, ex in first.items():
        ladder = None
        if ex.get("ladder"):
            rung = ex.get("rung")
            ladder = (
                f"step {rung} of a series of harder versions of this movement"
                if rung is not None
                else "one of a series of harder versions of this movement"
            )
        level = ex.get("evidence") or "convention"
        seen = weekly[ex_id]
        numbers = tuple(wk for wk, _, _ in seen)
        load = _card_load([(wk, deload, load_and_effort(x)[0]) for wk, deload, x in seen])
        family = str(ex.get("family") or "")
        cards.append(
            CardView(
                id=ex_id,
                name=ex["name"],
                role=ROLE.get(ex["role"], words(ex["role"])),
                issues=tuple(w.issue(i) for i in ex["issues"]),
                why=w.why(ex.get("why") or ""),
                cues=tuple(w.prose(c) for c in ex["cues"]),
                fault=w.prose(ex.get("fault")),
                dose=_card_dose([(wk, deload, dose(x)) for wk, deload, x in seen]),
                weeks=weeks_span(numbers),
                rest=f"{ex['rest_s']} s",
                load=w.prose(load),
                side=SIDE_CARD.get(ex["side"], words(ex["side"])),
                tempo=tempo_text(ex.get("tempo"), hold=ex.get("hold_s") is not None),
                position=POSITION.get(ex["position"], words(ex["position"])),
                planes=tuple(PLANE.get(p, words(p)) for p in ex["planes"]),
                equipment=", ".join(words(e) for e in ex["equipment"]) or "bodyweight only",
                ladder=ladder,
                evidence=level,
                evidence_text=evidence_text(level),
                source=w.source(ex.get("source")),
                effort=_card_effort(
                    [(wk, deload, load_and_effort(x)[1]) for wk, deload, x in seen], deloads
                ),
                family=_capitalized(family_words(family)) if family else "",
                load_type=LOAD_TYPE.get(str(ex.get("load_type") or ""), ""),
                week_numbers=numbers,
                extra=_card_extra([(wk, extra_sets(x)) for wk, _, x in seen], numbers, deloads),
            )
        )
    return tuple(cards)


def _chart(data: Mapping[str, Any], findings: tuple[FindingView, ...]) -> ChartView:
    weeks = tuple(wk["number"] for wk in data["weeks"])
    series = []
    for f in findings:
        values = tuple(
            sum(
                ex["sets"]
                for s in wk["sessions"]
                for ex in s["exercises"]
                if f.issue in ex["issues"]
            )
            for wk in data["weeks"]
        )
        series.append(Series(issue=f.issue, name=f.name, values=values))
    if not series and weeks:
        totals = tuple(
            sum(ex["sets"] for s in wk["sessions"] for ex in s["exercises"]) for wk in data["weeks"]
        )
        series.append(Series(issue="all", name="All glute work", values=totals))
    starts = []
    previous = None
    for wk in data["weeks"]:
        if wk["phase"] != previous:
            starts.append((wk["number"], wk["phase"]))
            previous = wk["phase"]
    return ChartView(
        weeks=weeks,
        series=tuple(series),
        deloads=tuple(wk["number"] for wk in data["weeks"] if wk["deload"]),
        phase_starts=tuple(starts),
    )


_PLURAL = re.compile(r"\b(\d+) ((?:[a-z]+ )?)([a-z]+)\(s\)")


def plural(text: str) -> str:
    """``1 session(s)`` → ``1 session``, ``2 hard set(s)`` → ``2 hard sets``."""
    return _PLURAL.sub(lambda m: f"{m[1]} {m[2]}{m[3]}{'' if m[1] == '1' else 's'}", text)


def _warning(text: str, detail: Any, data: Mapping[str, Any], w: _Words) -> str:
    """One warning in words: the engine's message with the issue it names said by name
    (not by id), the rule it names by what the rule says, and plurals right."""
    if isinstance(detail, Mapping) and detail.get("message") == text:
        issue = detail.get("issue")
        if (
            issue
            and detail.get("kind") in ("left_out", "below_floor")
            and text.startswith(f"{issue} ")
        ):
            text = w.issue(issue) + text[len(issue) :]
        said = detail.get("detail")
        if detail.get("kind") == "unmet" and isinstance(said, str) and said in text:
            text = text.replace(said, _demand(said, data, w), 1)
    return plural(w.prose(text))


def _warnings(data: Mapping[str, Any], w: _Words) -> tuple[str, ...]:
    texts = list(data["warnings"])
    details = list(data.get("warning_details") or ())
    if len(details) != len(texts):  # a document without details: the text alone
        details = [None] * len(texts)
    return tuple(_warning(t, d, data, w) for t, d in zip(texts, details, strict=True))


def _demand(text: str, data: Mapping[str, Any], w: _Words) -> str:
    """A demand the engine could not meet, in words: ``knees work of frontal plane is
    needed every week (rule knees-3d)`` names the issue and what the rule says."""
    for issue in w.issue_names:
        if text.startswith(f"{issue} work of "):
            text = f"for {w.issue(issue)}, work of " + text[len(f"{issue} work of ") :]
            break
        if text.startswith(f"{issue} "):
            text = w.issue(issue) + text[len(issue) :]
            break
    rules = {
        r.get("id"): str(r.get("description") or "").rstrip(".")
        for r in (data.get("safety") or {}).get("rules", ())
        if isinstance(r, Mapping)
    }

    asked = re.search(r"\(rule ([^)\s]+)\)", text)
    if asked and rules.get(asked.group(1)):
        # The rule in its own words says what is missing better than the list of
        # planes, roles and exercise families the engine checks it by.
        return f"what this rule asks for, “{rules[asked.group(1)]}”"

    def rule(match: re.Match[str]) -> str:
        said = rules.get(match.group(1))
        return f"(the rule “{said}”)" if said else "(a safety rule)"

    return re.sub(r"\(rule ([^)\s]+)\)", rule, text)


def _red_flag(item: Any, w: _Words) -> str:
    # Not in the program JSON yet; read it when a planner adds the red flags to watch
    # for (plain strings, or objects with the question and whom to see).
    if isinstance(item, Mapping):
        text = str(item.get("question") or item.get("message") or words(str(item.get("id", ""))))
        return w.prose(text + (f" See: {item['see']}." if item.get("see") else ""))
    return w.prose(str(item))


def _referrals(data: Mapping[str, Any], w: _Words) -> tuple[ReferralView, ...]:
    found = sorted(
        data["referrals"], key=lambda r: URGENCY_ORDER.get(r.get("urgency", ""), len(URGENCY))
    )
    return tuple(
        ReferralView(
            flag=r["flag"],
            title=words(r["flag"]).capitalize(),
            message=w.prose(r["message"]),
            urgency=r.get("urgency", ""),
            urgency_text=URGENCY.get(r.get("urgency", ""), r.get("urgency", "")),
            see=w.prose(r.get("see", "")),
        )
        for r in found
    )


def _facts(profile: Mapping[str, Any], referrals: tuple[ReferralView, ...]) -> tuple[Any, ...]:
    """What the person reported, for the clinician who reads a referral."""
    facts = [("Age", str(profile.get("age")))]
    pain = profile.get("pain") or {}
    hurts = [f"{PAIN_WORDS.get(k, words(k))} {v}/10" for k, v in pain.items() if v]
    facts.append(("Pain now", ", ".join(hurts) if hurts else "none reported"))
    reading = profile.get("blood_pressure")
    if isinstance(reading, Mapping):
        facts.append(
            ("Resting blood pressure", f"{reading.get('systolic')}/{reading.get('diastolic')} mmHg")
        )
    if referrals:
        facts.append(("Warning signs", "; ".join(r.title for r in referrals)))
    signs = profile.get("signs") or []
    if signs:
        facts.append(("Also noticed", ", ".join(words(s) for s in signs)))
    precautions = profile.get("precautions") or []
    if precautions:
        text = ", ".join(words(p) for p in precautions)
        if profile.get("pregnancy_trimester"):
            text += f" (trimester {profile['pregnancy_trimester']})"
        facts.append(("Conditions", text))
    return tuple(facts)


def _traffic_light(data: Any) -> TrafficLight:
    """The program's traffic light; a program written before it was carried gets the
    engine's own."""
    if not isinstance(data, Mapping):
        return TRAFFIC_LIGHT
    return TrafficLight(
        zones=tuple(Zone(z["colour"], z["pain"], z["meaning"], z["action"]) for z in data["zones"]),
        rule=data["rule"],
        source=data["source"],
    )


def _glossary(texts: Iterable[str]) -> tuple[GlossaryEntry, ...]:
    """The glossary entries whose term the program uses, in the glossary's order."""
    corpus = "\n".join(texts)
    return tuple(
        GlossaryEntry(term, meaning)
        for term, pattern, meaning in GLOSSARY
        if re.search(pattern, corpus)
    )


UNREMARKABLE = frozenset({"none", "normal", "low", "adult", "yes"})
"""Person-model values that change nothing a person needs explained (no pregnancy, a
normal blood pressure, a low falls risk, an adult under 65, able to get to the floor)."""


READINGS_INTRO = "What the rules read from your answers and tests, and why:"


def _readings(data: Mapping[str, Any], w: _Words) -> tuple[str, ...]:
    """The person model's remarkable values, each with its reason, as a person reads
    them: ``Falls risk high: 11 chair stands in 30 s ...``, with the weeks when a value
    holds for only some of the program (a stage after surgery that ends in it)."""
    every = {week["number"] for week in data.get("weeks") or ()}
    out: list[str] = []
    for item in data.get("person") or ():
        if item["value"] in UNREMARKABLE or not item.get("why"):
            continue
        weeks = set(item.get("weeks") or ())
        when = f" (weeks {weeks_span(weeks)})" if weeks and weeks != every else ""
        name = str(item["name"])
        out.append(
            w.prose(f"{name[:1].upper()}{name[1:]} {words(item['value'])}{when}: {item['why']}.")
        )
    return tuple(out)


def _texts(v: ProgramView) -> Iterable[str]:
    """Every piece of text a person reads of ``v`` (what the glossary explains)."""
    yield v.summary
    yield v.made_by
    yield from v.warnings
    yield from v.readings
    for f in v.findings:
        yield from (f.message, f.fix, *f.tests, *f.notes, f.evidence_note or "")
    for r in v.rules:
        yield r.description
    yield from v.notes
    yield from v.stop_signs
    for p in v.phases:
        yield from (p.goal, p.note)
    for week in v.weeks:
        yield week.title
        for s in week.sessions:
            for ex in s.exercises:
                yield f"{ex.amount} {ex.load} {ex.effort} Min"
                if ex.tempo:
                    yield f"tempo {ex.tempo}"
    for c in v.cards:
        yield from (c.role, c.why, *c.cues, c.fault, c.dose, c.load, c.effort, c.extra)
        if c.family:
            yield "Movement family"


def view(program: Any) -> ProgramView:
    """The view of ``program`` (a Program or its JSON as data) that every format renders."""
    data = as_dict(program)
    profile = data["profile"]
    w = _Words(data)
    name = profile.get("name")
    safety = data.get("safety") or {}
    findings = _findings(data, w) if data["status"] != "referral" else ()
    start_text = profile.get("start")
    start = dt.date.fromisoformat(start_text) if start_text else None
    schedule = profile.get("schedule") or {}
    if data["status"] == "referral":
        title = "No program: see a clinician first" + (f" ({name})" if name else "")
    else:
        title = f"Glute program for {name}" if name else "Glute program"
    seed = profile.get("seed") or 0
    referrals = _referrals(data, w)
    v = ProgramView(
        status=data["status"],
        title=title,
        name=name,
        summary=_summary(profile),
        made_by=f"Made by gluteus {data['engine']['version']} with seed {seed} (the same "
        "profile and seed always give the same program).",
        start=start,
        warnings=_warnings(data, w),
        findings=findings,
        quiet=tuple(
            w.issue(f["issue"]) for f in data["findings"] if not _shown(f) and not _noticed(data, f)
        ),
        not_counted=tuple(
            f"{w.issue(f['issue'])} (you noticed {', '.join(_noticed(data, f))}, which on "
            "its own is not counted as this)"
            for f in data["findings"]
            if not _shown(f) and _noticed(data, f)
        ),
        rules=tuple(
            RuleView(
                id=r["id"],
                description=w.prose(r["description"]),
                evidence=r["evidence"],
                evidence_text=evidence_text(r["evidence"]),
                source=w.source(r.get("source")),
            )
            for r in safety.get("rules", ())
        ),
        stop_signs=tuple(w.prose(s) for s in safety.get("stop_signs", ())),
        readings=_readings(data, w) if data["status"] != "referral" else (),
        red_flags=tuple(_red_flag(item, w) for item in safety.get("red_flags", ())),
        notes=tuple(w.prose(n) for n in safety.get("notes", ())),
        traffic_light=_traffic_light(safety.get("traffic_light")),
        phases=tuple(
            PhaseView(
                name=p["name"],
                kind=p.get("kind", ""),
                weeks=tuple(p["weeks"]),
                span=weeks_span(p["weeks"]),
                goal=w.prose(p.get("goal", "")),
                note=w.prose(p.get("note", "")),
            )
            for p in data["phases"]
        ),
        weeks=_weeks(data, w, start),
        cards=_cards(data, w),
        chart=_chart(data, findings),
        referrals=referrals,
        version=data["engine"]["version"],
        seed=seed,
        time=schedule.get("time"),
        timezone=schedule.get("timezone"),
        facts=_facts(profile, referrals) if data["status"] == "referral" else (),
    )
    if v.status == "referral":
        return v
    return attrs.evolve(v, glossary=_glossary(_texts(v)))


# --- The document: blocks shared by text, Markdown and the terminal -------------------
#
# ``tone`` is a hint for formats with colour (the terminal): "warning", "stop",
# "muted"; plain text and Markdown ignore it. A ``label`` (of a paragraph or of a
# list item given as a (label, text) pair) is bold in Markdown and the terminal.

WIDTH = 78
"""Plain text is laid out for this many columns unless told otherwise."""


@frozen
class Heading:
    level: int
    text: str
    tone: str | None = None
    anchor: str | None = None  # what links to this heading (an exercise id), if anything


@frozen
class Para:
    text: str
    tone: str | None = None
    label: str = ""


Item = str | tuple[str, str]
"""A list item: text, or (label, text)."""


@frozen
class Bullets:
    items: tuple[Item, ...]
    tone: str | None = None


@frozen
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-align these columns
    tone: str | None = None
    nowrap: tuple[bool, ...] = ()  # never wrap these columns (ids to copy)
    under: tuple[int, ...] = ()
    """Per column, 0 to keep it in the row, else the order (1 first) in which it moves
    under the row, as ``Header: text``, when the table is wider than the page."""
    links: tuple[str | None, ...] = ()  # per row: the anchor its second column links to
    under_lines: bool = False
    """Each moved column on a line of its own (its text may itself hold "; "), rather
    than all on one line."""


Block = Heading | Para | Bullets | Table


def _doc_header(v: ProgramView) -> list[Block]:
    return [Heading(1, v.title), Para(v.summary), Para(v.made_by, tone="muted")]


def _doc_warnings(v: ProgramView) -> list[Block]:
    if not v.warnings:
        return []
    return [Heading(2, "Warnings", tone="warning"), Bullets(v.warnings, tone="warning")]


def _doc_findings(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [Heading(2, "What your glutes are telling you")]
    if not v.findings:
        blocks.append(Para(NO_FINDINGS))
    for f in v.findings:
        blocks.append(Heading(3, f.title))
        if f.message:
            blocks.append(Para(f.message, label="Why it matters:"))
        if f.fix:
            blocks.append(Para(f.fix, label="What the program does:"))
        items: list[Item] = []
        if f.signs:
            items.append(("Signs you noticed:", ", ".join(f.signs)))
        items.extend(("Test:", t) for t in f.tests)
        if f.weaker_side:
            items.append(("Weaker side:", f.weaker_side))
        items.extend(f.notes)
        if f.evidence_text:
            caveat = f.evidence_text + (f". {f.evidence_note}" if f.evidence_note else "")
            items.append(("Evidence:", caveat))
        if items:
            blocks.append(Bullets(tuple(items)))
    if v.not_counted:
        blocks.append(Para("; ".join(v.not_counted) + ".", label="Also screened, not counted:"))
    if v.quiet:
        blocks.append(Para(", ".join(v.quiet) + ".", label="Also screened, nothing found:"))
    return blocks


def evidence_words(evidence: str, source: SourceView | None) -> str:
    """``strong: research backs it (Distefano 2009)``."""
    if source is not None and source.shown:
        return f"{evidence} ({source.label})"
    return evidence


def traffic_light_blocks(v: ProgramView) -> list[Block]:
    """The pain-monitoring traffic light: the rule, a line per zone, its source."""
    light = v.traffic_light
    return [
        Heading(3, "Pain monitoring: the traffic light"),
        Para(light.rule),
        Bullets(v.zone_lines()),
        Para(f"After the {light.source}.", tone="muted"),
    ]


def _doc_safety(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Safety")]
    if v.stop_signs:
        blocks.append(Para("Stop and get advice if:", tone="stop"))
        blocks.append(Bullets(v.stop_signs, tone="stop"))
    if v.red_flags:
        blocks.append(Para("Stop and see a clinician if any of these appear:", tone="stop"))
        blocks.append(Bullets(v.red_flags, tone="stop"))
    blocks.extend(traffic_light_blocks(v))
    blocks.append(Heading(3, "Rules applied to you"))
    if v.readings:
        blocks.append(Para(READINGS_INTRO))
        blocks.append(Bullets(v.readings))
    if v.rules:
        blocks.append(
            Bullets(
                tuple(
                    f"{r.description} Evidence: {evidence_words(r.evidence_text, r.source)}."
                    for r in v.rules
                )
            )
        )
    else:
        blocks.append(Para(NO_RULES))
    if v.notes:
        blocks.append(Heading(3, "Notes"))
        blocks.append(Bullets(v.notes))
    return blocks


def _doc_phases(v: ProgramView) -> list[Block]:
    if not v.phases:
        return []
    rows = tuple((p.name, p.span, p.goal) for p in v.phases)
    table = Table(("Phase", "Weeks", "Goal"), rows, (False, False, False), under=(0, 0, 1))
    blocks: list[Block] = [Heading(2, "Phases"), table]
    if v.phase_notes:
        blocks += [Heading(3, DELOAD_HEADING), Bullets(v.phase_notes)]
    return blocks


SESSION_HEADERS = ("#", "Exercise", "Sets × reps", "Rest", "Min", "Load")
SESSION_NUMERIC = (True, False, False, True, True, False)
SESSION_UNDER = (0, 0, 0, 0, 0, 1)


def session_table(session: SessionView) -> Table:
    """One session as a table: the dose in the row, the load (and effort) under it
    when the page is narrow."""
    effort = any(ex.effort for ex in session.exercises)
    headers = SESSION_HEADERS + (("Effort",) if effort else ())
    rows = tuple(
        # The dose, its side and the extra sets each stay whole on a line.
        (str(ex.index), ex.name, " ".join(glued(p) for p in (ex.dose, ex.side, ex.extra) if p))
        + (ex.rest, ex.minutes, ex.load)
        + ((ex.effort,) if effort else ())
        for ex in session.exercises
    )
    return Table(
        headers,
        rows,
        SESSION_NUMERIC + ((False,) if effort else ()),
        under=SESSION_UNDER + ((2,) if effort else ()),
        links=tuple(ex.id for ex in session.exercises),
        under_lines=True,
    )


def _doc_weeks(v: ProgramView) -> list[Block]:
    blocks: list[Block] = []
    for week in v.weeks:
        blocks.append(Heading(2, week.title))
        for session in week.sessions:
            blocks.append(Heading(3, session.title))
            blocks.append(session_table(session))
            if week.number == v.weeks[0].number and session.number == 1:
                blocks.append(Para(GUIDE_POINTER, tone="muted"))
    return blocks


def card_items(card: CardView) -> tuple[tuple[str, str], ...]:
    """An exercise card as labelled lines."""
    items: list[tuple[str, str]] = []
    if card.why:
        items.append(("Why:", card.why))
    if card.cues:
        items.append(("Cues:", "; ".join(card.cues)))
    if card.fault:
        items.append(("Watch for:", card.fault))
    items.append(("Dose:", "; ".join(p for p in (card.dose, card.side, f"rest {card.rest}") if p)))
    if card.extra:
        items.append(("Extra sets:", card.extra))
    if card.load:
        items.append(("Load:", card.load))
    if card.effort:
        items.append(("Effort:", card.effort))
    if card.tempo:
        items.append(("Tempo:", card.tempo))
    if card.when:
        items.append(("When:", card.when))
    items.append(("Set-up:", card.setup))
    if card.load_type:
        items.append(("Kind of load:", card.load_type))
    if card.family:
        items.append(("Movement family:", card.family))
    if card.ladder:
        items.append(("Progression:", card.ladder))
    if card.issues:
        items.append(("Serves:", ", ".join(card.issues)))
    items.append(("Evidence:", evidence_words(card.evidence_text, card.source)))
    return tuple(items)


def _doc_guide(v: ProgramView) -> list[Block]:
    if not v.cards:
        return []
    blocks: list[Block] = [Heading(2, "Exercise guide")]
    for card in v.cards:
        blocks.append(Heading(3, card.name, anchor=card.id))
        blocks.append(Bullets(card_items(card)))
    return blocks


def _doc_glossary(v: ProgramView) -> list[Block]:
    if not v.glossary:
        return []
    return [
        Heading(2, "Words used in this program"),
        Bullets(tuple((f"{entry.term}:", entry.meaning) for entry in v.glossary)),
    ]


def referral_items(r: ReferralView) -> tuple[tuple[str, str], ...]:
    """Whom to see, how urgently and why, for one red flag."""
    return (("How urgently:", r.urgency_text), ("Whom to see:", r.see), ("Why:", r.message))


def _doc_referral(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, v.title, tone="stop"),
        Para(REFERRAL_INTRO),
    ]
    for r in v.referrals:
        blocks.append(Heading(2, r.title, tone="stop"))
        blocks.append(Bullets(referral_items(r)))
    if v.facts:
        blocks.append(Heading(2, "What you reported"))
        blocks.append(Bullets(tuple((f"{label}:", text) for label, text in v.facts)))
    blocks.append(Heading(2, "At the appointment"))
    blocks.append(Para(REFERRAL_BRING))
    blocks.append(Para(REFERRAL_AFTER))
    blocks.extend(_doc_warnings(v))
    blocks.append(Para(v.made_by, tone="muted"))
    return blocks


def document(program: Any) -> list[Block]:
    """The blocks a person reads, in order, built from the program's :func:`view`."""
    v = program if isinstance(program, ProgramView) else view(program)
    if v.status == "referral":
        return _doc_referral(v)
    return [
        *_doc_header(v),
        *_doc_warnings(v),
        *_doc_findings(v),
        *_doc_safety(v),
        *_doc_phases(v),
        *_doc_weeks(v),
        *_doc_guide(v),
        *_doc_glossary(v),
    ]


# --- Laying a table out for a width ----------------------------------------------------


@frozen
class Layout:
    """Where a table's columns go at one width: ``kept`` in the row with ``widths``,
    ``moved`` under it."""

    kept: tuple[int, ...]
    widths: tuple[int, ...]  # of the kept columns, in order
    moved: tuple[int, ...]
    indent: int  # where text under a row starts


GLUE = "\u00a0"
"""Joins the words of a table cell's phrase that must not wrap apart (``+ 1 set left``);
said as a space in every format."""


def glued(text: str) -> str:
    """``text`` as one unbreakable phrase in a table cell."""
    return text.replace(" ", GLUE)


def _words(cell: str) -> list[str]:
    return [word for word in re.split(r"[ \t\n]+", cell) if word]


def _wrap(text: str, width: int) -> list[str]:
    # Words are never broken: a column is at least as wide as its longest word (a
    # glued phrase is one word).
    lines = textwrap.wrap(text, max(1, width), break_long_words=False, break_on_hyphens=False)
    return [line.replace(GLUE, " ") for line in lines] or [""]


def layout(table: Table, width: int) -> Layout:
    """Lay ``table`` out in ``width`` columns: move the ``under`` columns below their
    row while the row is too wide, then wrap the widest wrappable column at word
    boundaries, never narrower than its longest word."""
    n = len(table.headers)
    columns = list(zip(table.headers, *table.rows, strict=True))
    natural = [max(len(cell) for cell in column) for column in columns]
    shortest = [
        max((len(word) for cell in column for word in _words(cell)), default=1)
        for column in columns
    ]
    nowrap = table.nowrap or (False,) * n
    under = table.under or (0,) * n
    kept = list(range(n))
    moved: list[int] = []

    def total(widths: Sequence[int]) -> int:
        return sum(widths[i] for i in kept) + 2 * (len(kept) - 1)

    for _, i in sorted((order, i) for i, order in enumerate(under) if order):
        if total(natural) <= width:
            break
        kept.remove(i)
        moved.append(i)
    widths = list(natural)
    while total(widths) > width:
        shrinkable = [
            i for i in kept if not nowrap[i] and not table.numeric[i] and widths[i] > shortest[i]
        ]
        if not shrinkable:
            break  # as narrow as whole words allow
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    first = widths[kept[0]] if kept else 0
    return Layout(
        kept=tuple(kept),
        widths=tuple(widths[i] for i in kept),
        moved=tuple(moved),
        indent=first + 2 if first <= 4 else 2,
    )


def table_lines(table: Table, width: int) -> list[tuple[str, str]]:
    """``table`` laid out in ``width`` columns as (kind, line) pairs; kind is
    ``header``, ``rule``, ``row`` or ``under`` (for a format to style)."""
    plan = layout(table, width)

    def cells(values: Sequence[str]) -> list[str]:
        wrapped = [_wrap(values[i], w) for i, w in zip(plan.kept, plan.widths, strict=True)]
        height = max(len(lines) for lines in wrapped)
        out = []
        for k in range(height):
            parts = []
            for lines, i, w in zip(wrapped, plan.kept, plan.widths, strict=True):
                text = lines[k] if k < len(lines) else ""
                parts.append(text.rjust(w) if table.numeric[i] else text.ljust(w))
            out.append("  ".join(parts).rstrip())
        return out

    lines: list[tuple[str, str]] = [("header", line) for line in cells(table.headers)]
    lines.append(("rule", "  ".join("-" * w for w in plan.widths)))
    for row in table.rows:
        lines.extend(("row", line) for line in cells(row))
        pad = " " * plan.indent
        moved = [f"{table.headers[i]}: {row[i]}" for i in sorted(plan.moved) if row[i]]
        if moved and not table.under_lines:
            moved = ["; ".join(moved)]
        for text in moved:
            lines.extend(("under", pad + line) for line in _wrap(text, width - plan.indent))
    return lines


# --- Text -----------------------------------------------------------------------------


def _item_text(item: Item) -> str:
    return item if isinstance(item, str) else f"{item[0]} {item[1]}"


def _text_block(block: Block, width: int) -> list[str]:
    if isinstance(block, Heading):
        if block.level == 1:
            return [*_wrap(block.text, width), "=" * min(len(block.text), width)]
        if block.level == 2:
            return [*_wrap(block.text, width), "-" * min(len(block.text), width)]
        return _wrap(block.text, width)
    if isinstance(block, Para):
        text = f"{block.label} {block.text}" if block.label else block.text
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if isinstance(block, Bullets):
        lines: list[str] = []
        for item in block.items:
            lines.extend(
                textwrap.wrap(
                    _item_text(item),
                    width,
                    initial_indent="  - ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,  # keep ranges such as 8-12RM whole
                )
            )
        return lines
    return [line for _, line in table_lines(block, width)]


def blocks_to_text(blocks: Iterable[Block], *, width: int = WIDTH) -> str:
    """Blocks as plain text: no colour, no markup, laid out for ``width`` columns."""
    out: list[str] = []
    for block in blocks:
        if out and (isinstance(block, Heading) or not isinstance(block, Bullets)):
            out.append("")
        out.extend(_text_block(block, width))
    return "\n".join(out) + "\n"


# The terminal look, shared by every command through gluteus.cli.terminal.
STYLES: Mapping[str, str] = {
    "h1": "bold",
    "h2": "bold cyan",
    "h3": "bold",
    "warning": "yellow",
    "stop": "bold red",
    "muted": "dim",
    "header": "bold",
}


def blocks_to_rich(blocks: Iterable[Block], *, width: int = 100) -> list[Any]:
    """Blocks as rich renderables (rules, hanging bullets, tables laid out for
    ``width`` columns) in gluteus's look."""
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table as RichTable
    from rich.text import Text

    out: list[Any] = []
    for block in blocks:
        tone = STYLES.get(block.tone or "", "")
        if isinstance(block, Heading):
            if block.level == 1:
                out += [Text(block.text, style=tone or STYLES["h1"]), Rule(style="bold cyan")]
            elif block.level == 2:
                out += [
                    Text(""),
                    Rule(Text(block.text, style=tone or STYLES["h2"]), align="left", style="cyan"),
                ]
            else:
                out += [Text(""), Text(block.text, style=tone or STYLES["h3"])]
        elif isinstance(block, Para):
            text = Text(style=tone)
            if block.label:
                text.append(block.label + " ", style="bold")
            text.append(block.text)
            out.append(text)
        elif isinstance(block, Bullets):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for item in block.items:
                text = Text(style=tone)
                if isinstance(item, tuple):
                    text.append(item[0] + " ", style="bold")
                    text.append(item[1])
                else:
                    text.append(item)
                grid.add_row(Text("•", style=tone), text)
            out.append(Padding(grid, (0, 0, 0, 2)))
        else:
            styles = {"header": STYLES["header"], "rule": "dim", "row": tone, "under": "dim"}
            for kind, line in table_lines(block, width):
                shown = line.replace("-", "─") if kind == "rule" else line
                out.append(Text(shown, style=styles[kind] or ""))
    return out


def blocks_to_ansi(blocks: Iterable[Block], *, width: int = 100, color: bool = True) -> str:
    """Blocks drawn for a terminal ``width`` columns wide, with colour unless ``color``
    is False; returned as a string (ANSI escapes included), nothing printed."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="standard" if color else None,
        no_color=not color,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for renderable in blocks_to_rich(blocks, width=width):
        console.print(renderable)
    return buffer.getvalue()


# --- Markdown --------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>|~&!#])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])(?=\s|$)")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown: no emphasis, link, image, HTML or heading can
    come out of it (a person's name such as ``[x](javascript:...)`` stays text)."""
    text = " ".join(text.replace(GLUE, " ").split("\n"))
    text = _MD_ESCAPE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to
    hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def _md_item(item: Item) -> str:
    if isinstance(item, str):
        return md_escape(item)
    return f"**{md_escape(item[0])}** {md_escape(item[1])}"


def _md_table(table: Table, slugs: Mapping[str, str]) -> list[str]:
    align = ["---:" if right else "---" for right in table.numeric]
    rows = []
    for r, row in enumerate(table.rows):
        cells = [md_escape(c) for c in row]
        target = table.links[r] if r < len(table.links) else None
        if target is not None and target in slugs and len(cells) > 1:
            cells[1] = f"[{cells[1]}](#{slugs[target]})"
        rows.append("| " + " | ".join(cells) + " |")
    return [
        "| " + " | ".join(md_escape(h) for h in table.headers) + " |",
        "| " + " | ".join(align) + " |",
        *rows,
    ]


def _md_block(block: Block, slugs: Mapping[str, str]) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + md_escape(block.text)]
    if isinstance(block, Para):
        text = md_escape(block.text)
        return [f"**{md_escape(block.label)}** {text}" if block.label else text]
    if isinstance(block, Bullets):
        return [f"- {_md_item(item)}" for item in block.items]
    return _md_table(block, slugs)


def _md_slugs(blocks: Sequence[Block]) -> dict[str, str]:
    """The GitHub anchor of each anchored heading (a repeated heading gets -1, -2...)."""
    counts: dict[str, int] = {}
    slugs: dict[str, str] = {}
    for block in blocks:
        if not isinstance(block, Heading):
            continue
        base = github_slug(block.text)
        n = counts.get(base, 0)
        counts[base] = n + 1
        if block.anchor:
            slugs[block.anchor] = base if n == 0 else f"{base}-{n}"
    return slugs


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    """Blocks as GitHub-flavoured Markdown; everything from the program is escaped,
    and a session's exercises link to their place in the exercise guide."""
    blocks = list(blocks)
    slugs = _md_slugs(blocks)
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        out.extend(_md_block(block, slugs))
    return "\n".join(out) + "\n"
