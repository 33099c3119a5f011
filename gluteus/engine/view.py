"""The one view model every output format reads: what a person sees of a program.

:func:`view` turns a program (a :class:`~gluteus.engine.program.Program` or its
JSON as Python data) into a :class:`ProgramView`: plain, frozen values with every
label, dose and sentence already worded, so text, Markdown, HTML, PDF and the
calendar show the same words and numbers and can never disagree. Formats decide
only how things look. Building the view is pure: no I/O, no click, nothing heavy
imported.

Text, Markdown and the terminal share one document builder, :func:`document`,
that turns the view into a short list of blocks (headings, paragraphs, lists,
tables); :func:`blocks_to_text`, :func:`blocks_to_markdown` and
:func:`blocks_to_ansi` decide only how a block looks. The command line and the
output plugins all import from here; the engine owns the view, not a plugin.

Clinical wording comes from the program itself (issue messages, rule
descriptions and notes, stop signs, the pain-monitoring traffic light, referral
messages); nothing clinical is written here.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from .model import DAYS, states_evidence
from .traffic_light import TRAFFIC_LIGHT, TrafficLight, Zone

SEVERITY = {0: "nothing found", 1: "mild", 2: "moderate", 3: "marked"}
EVIDENCE = {
    "verified": "verified in its source",
    "recalled": "recalled from its source, to be checked",
    "weak": "weak or conflicting evidence",
    "convention": "practice convention or expert opinion, no trial behind it",
}
URGENCY = {
    "emergency": "emergency: get help now",
    "urgent": "urgent: be seen today",
    "soon": "soon: book an appointment within days",
}
SIDE = {"both": "both", "each": "each side", "left": "left only", "right": "right only"}
NO_FINDINGS = (
    "No issue was found. The program trains general glute strength and function for "
    "healthy, long-lived hips."
)
NO_RULES = "No precaution or pain rule applies to this profile."
REFERRAL_INTRO = (
    "Your profile reports something that needs a clinician's assessment before you train. "
    "gluteus does not make a program until then."
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


# --- The pieces of the view --------------------------------------------------------


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


@frozen
class PhaseView:
    name: str
    kind: str
    weeks: tuple[int, ...]
    span: str  # "1–2" or "1, 3"
    goal: str


@frozen
class ExerciseRow:
    """One exercise in one session, with its dose worded."""

    index: int
    id: str
    name: str
    dose: str  # "2 × 12", "3 × 20 s hold"
    side: str  # "each side"
    load: str
    rest: str  # "45 s"
    minutes: str  # "6.5"
    tempo: str
    role: str
    issues: tuple[str, ...]
    cues: tuple[str, ...]

    @property
    def line(self) -> str:
        """The exercise on one line, for a calendar or a cheat sheet."""
        parts = [self.dose, self.side, self.load, f"rest {self.rest}"]
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
    minutes: float
    exercises: tuple[ExerciseRow, ...]

    @property
    def title(self) -> str:
        when = f"{self.day_name} {self.date.isoformat()}" if self.date else self.day_name
        return f"Session {self.number}: {when} ({num(self.minutes)} min)"

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

    @property
    def title(self) -> str:
        text = f"Week {self.number}: {self.phase}"
        return text + (" (deload: a lighter week to recover)" if self.deload else "")


@frozen
class CardView:
    """Everything about one exercise of the program, for its exercise card."""

    id: str
    name: str
    role: str
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
    position: str
    planes: tuple[str, ...]
    equipment: str  # "mini band, step" or "bodyweight only"
    ladder: str | None  # "ladder hip extension, rung 2"
    evidence: str
    evidence_text: str
    source: str


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
                parts.append(f"{s.name}: {min(s.values)} to {max(s.values)} {self.unit} a week")
        text = "; ".join(parts) + "." if parts else "No exercises."
        if self.deloads:
            text += " Deload weeks: " + ", ".join(str(w) for w in self.deloads) + "."
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

    @property
    def sessions(self) -> tuple[SessionView, ...]:
        """Every session of every week, in order."""
        return tuple(s for w in self.weeks for s in w.sessions)

    @property
    def activation(self) -> tuple[CardView, ...]:
        """The activation drills of the program, in order of first appearance."""
        return tuple(c for c in self.cards if c.role == "activation")


# --- Small wording helpers -----------------------------------------------------------


def words(identifier: str) -> str:
    """An id as words: ``knees_cave_in`` → ``knees cave in``."""
    return identifier.replace("_", " ").replace("-", " ")


def num(value: float) -> str:
    """A number without a trailing ``.0``."""
    return f"{value:g}"


def weeks_span(weeks: Iterable[int]) -> str:
    """``1–4`` for a run of weeks, else a comma list."""
    numbers = sorted(weeks)
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)


def dose(ex: Mapping[str, Any]) -> str:
    """Sets and reps or hold time: ``2 × 12``, ``3 × 20 s hold``."""
    if ex["hold_s"] is not None:
        return f"{ex['sets']} × {ex['hold_s']} s hold"
    if ex["reps"] is not None:
        return f"{ex['sets']} × {ex['reps']}"
    return f"{ex['sets']} sets"


def evidence_text(level: str) -> str:
    return EVIDENCE.get(level, level)


def as_dict(program: Any) -> dict[str, Any]:
    """The program JSON of ``program`` (a Program, or that JSON already as data)."""
    # The registry's contract is a Program; a dict (e.g. a program read back from
    # JSON) renders the same way, so `gluteus check`-style tools can reuse this.
    if isinstance(program, Mapping):
        return dict(program)
    data: dict[str, Any] = program.to_dict()
    return data


def program_json(program: Any) -> str:
    """The program JSON of ``program`` as text; the same program always gives the same bytes."""
    return json.dumps(as_dict(program), indent=2, ensure_ascii=False) + "\n"


# --- Building the view -----------------------------------------------------------------


def _issue_name(data: Mapping[str, Any], issue: str) -> str:
    info = data.get("issues", {}).get(issue)
    return str(info["name"]) if info else words(issue)


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
    equipment = profile.get("equipment") or []
    text += " Equipment: " + (
        ", ".join(words(e) for e in equipment) + " and bodyweight." if equipment else "bodyweight."
    )
    return text


def _shown(finding: Mapping[str, Any]) -> bool:
    return bool(finding["severity"] >= 1 or finding.get("focus"))


def _findings(data: Mapping[str, Any]) -> tuple[FindingView, ...]:
    out = []
    for f in data["findings"]:
        if not _shown(f):
            continue
        info = data.get("issues", {}).get(f["issue"], {})
        level = info.get("evidence")
        out.append(
            FindingView(
                issue=f["issue"],
                name=_issue_name(data, f["issue"]),
                severity=f["severity"],
                severity_label=SEVERITY.get(f["severity"], "?"),
                focus=bool(f.get("focus")),
                message=info.get("message") or "",
                fix=info.get("fix") or "",
                signs=tuple(words(s) for s in f["signs"]),
                tests=tuple(f.get("tests", ())),
                weaker_side=f.get("weaker_side"),
                notes=tuple(f.get("notes", ())),
                evidence=level,
                evidence_text=evidence_text(level) if level else None,
                # Said once: the issue's note only when the finding's notes do not
                # already carry the caveat (as the built-in modules' do).
                evidence_note=None
                if states_evidence(f.get("notes", ()))
                else info.get("evidence_note"),
            )
        )
    return tuple(out)


def _row(index: int, ex: Mapping[str, Any], data: Mapping[str, Any]) -> ExerciseRow:
    return ExerciseRow(
        index=index,
        id=ex["id"],
        name=ex["name"],
        dose=dose(ex),
        side=SIDE.get(ex["side"], ex["side"]),
        load=ex["load"],
        rest=f"{ex['rest_s']} s",
        minutes=num(ex["minutes"]),
        tempo=ex.get("tempo") or "",
        role=ex["role"],
        issues=tuple(_issue_name(data, i) for i in ex["issues"]),
        cues=tuple(ex["cues"]),
    )


def _weeks(data: Mapping[str, Any]) -> tuple[WeekView, ...]:
    weeks = []
    for w in data["weeks"]:
        sessions = []
        for n, s in enumerate(w["sessions"], start=1):
            sessions.append(
                SessionView(
                    week=w["number"],
                    number=n,
                    day=s["day"],
                    day_name=DAY_NAMES.get(s["day"], s["day"]),
                    date=dt.date.fromisoformat(s["date"]) if s["date"] else None,
                    minutes=s["minutes"],
                    exercises=tuple(
                        _row(i, ex, data) for i, ex in enumerate(s["exercises"], start=1)
                    ),
                )
            )
        weeks.append(
            WeekView(
                number=w["number"],
                phase=w["phase"],
                deload=w["deload"],
                block=w.get("block"),
                sessions=tuple(sessions),
            )
        )
    return tuple(weeks)


def _card_dose(seen: list[tuple[int, bool, str]]) -> str:
    """How an exercise's dose runs over the weeks it appears in (week, deload, dose)."""
    full = [(w, d) for w, deload, d in seen if not deload] or [(w, d) for w, _, d in seen]
    light = sorted({d for _, deload, d in seen if deload} - {d for _, d in full})
    if len({d for _, d in full}) == 1:
        weeks = [w for w, _, _ in seen]
        text = full[0][1] + (f", weeks {weeks_span(weeks)}" if len(weeks) > 1 else "")
    else:
        (w1, d1), (wn, dn) = full[0], full[-1]
        text = f"week {w1}: {d1}, building to {dn} by week {wn}"
    if light:
        text += f"; {' or '.join(light)} in deload weeks"
    return text


def _cards(data: Mapping[str, Any]) -> tuple[CardView, ...]:
    first: dict[str, Mapping[str, Any]] = {}
    seen: dict[str, list[tuple[int, bool, str]]] = {}
    for week in data["weeks"]:
        for session in week["sessions"]:
            for ex in session["exercises"]:
                first.setdefault(ex["id"], ex)
                appearances = seen.setdefault(ex["id"], [])
                entry = (week["number"], bool(week["deload"]), dose(ex))
                if not appearances or appearances[-1][0] != entry[0]:
                    appearances.append(entry)
    cards = []
    for ex_id, ex in first.items():
        ladder = None
        if ex.get("ladder"):
            rung = f", rung {ex['rung']}" if ex.get("rung") is not None else ""
            ladder = f"ladder {words(ex['ladder'])}{rung}"
        level = ex.get("evidence") or "convention"
        cards.append(
            CardView(
                id=ex_id,
                name=ex["name"],
                role=ex["role"],
                issues=tuple(_issue_name(data, i) for i in ex["issues"]),
                why=ex.get("why") or "",
                cues=tuple(ex["cues"]),
                fault=ex.get("fault") or "",
                dose=_card_dose(seen[ex_id]),
                weeks=weeks_span({w for w, _, _ in seen[ex_id]}),
                rest=f"{ex['rest_s']} s",
                load=ex["load"],
                side=SIDE.get(ex["side"], ex["side"]),
                tempo=ex.get("tempo") or "",
                position=ex["position"],
                planes=tuple(ex["planes"]),
                equipment=", ".join(words(e) for e in ex["equipment"]) or "bodyweight only",
                ladder=ladder,
                evidence=level,
                evidence_text=evidence_text(level),
                source=ex.get("source") or "",
            )
        )
    return tuple(cards)


def _chart(data: Mapping[str, Any], findings: tuple[FindingView, ...]) -> ChartView:
    weeks = tuple(w["number"] for w in data["weeks"])
    issues = [(f.issue, f.name) for f in findings]
    series = []
    for issue, name in issues:
        values = tuple(
            sum(ex["sets"] for s in w["sessions"] for ex in s["exercises"] if issue in ex["issues"])
            for w in data["weeks"]
        )
        series.append(Series(issue=issue, name=name, values=values))
    if not series and weeks:
        totals = tuple(
            sum(ex["sets"] for s in w["sessions"] for ex in s["exercises"]) for w in data["weeks"]
        )
        series.append(Series(issue="all", name="All glute work", values=totals))
    starts = []
    previous = None
    for w in data["weeks"]:
        if w["phase"] != previous:
            starts.append((w["number"], w["phase"]))
            previous = w["phase"]
    return ChartView(
        weeks=weeks,
        series=tuple(series),
        deloads=tuple(w["number"] for w in data["weeks"] if w["deload"]),
        phase_starts=tuple(starts),
    )


def _red_flag(item: Any) -> str:
    # Not in the program JSON yet; read it when a planner adds the red flags to watch
    # for (plain strings, or objects with the question and whom to see).
    if isinstance(item, Mapping):
        text = str(item.get("question") or item.get("message") or item.get("id", ""))
        return text + (f" See: {item['see']}." if item.get("see") else "")
    return str(item)


def _referrals(data: Mapping[str, Any]) -> tuple[ReferralView, ...]:
    return tuple(
        ReferralView(
            flag=r["flag"],
            title=words(r["flag"]).capitalize(),
            message=r["message"],
            urgency=r.get("urgency", ""),
            urgency_text=URGENCY.get(r.get("urgency", ""), r.get("urgency", "")),
            see=r.get("see", ""),
        )
        for r in data["referrals"]
    )


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


def view(program: Any) -> ProgramView:
    """The view of ``program`` (a Program or its JSON as data) that every format renders."""
    data = as_dict(program)
    profile = data["profile"]
    name = profile.get("name")
    safety = data.get("safety") or {}
    findings = _findings(data) if data["status"] != "referral" else ()
    start = profile.get("start")
    if data["status"] == "referral":
        title = "No program: see a clinician first" + (f" ({name})" if name else "")
    else:
        title = f"Glute program for {name}" if name else "Glute program"
    return ProgramView(
        status=data["status"],
        title=title,
        name=name,
        summary=_summary(profile),
        made_by=f"Made by gluteus {data['engine']['version']} with seed "
        f"{profile.get('seed') or 0}.",
        start=dt.date.fromisoformat(start) if start else None,
        warnings=tuple(data["warnings"]),
        findings=findings,
        quiet=tuple(_issue_name(data, f["issue"]) for f in data["findings"] if not _shown(f)),
        rules=tuple(
            RuleView(
                id=r["id"],
                description=r["description"],
                evidence=r["evidence"],
                evidence_text=evidence_text(r["evidence"]),
            )
            for r in safety.get("rules", ())
        ),
        stop_signs=tuple(safety.get("stop_signs", ())),
        red_flags=tuple(_red_flag(item) for item in safety.get("red_flags", ())),
        notes=tuple(safety.get("notes", ())),
        traffic_light=_traffic_light(safety.get("traffic_light")),
        phases=tuple(
            PhaseView(
                name=p["name"],
                kind=p.get("kind", ""),
                weeks=tuple(p["weeks"]),
                span=weeks_span(p["weeks"]),
                goal=p.get("goal", ""),
            )
            for p in data["phases"]
        ),
        weeks=_weeks(data),
        cards=_cards(data),
        chart=_chart(data, findings),
        referrals=_referrals(data),
        version=data["engine"]["version"],
        seed=profile.get("seed") or 0,
    )


# --- The document: blocks shared by text, Markdown and the terminal -------------------

WIDTH = 78
"""Text output wraps paragraphs and lists at this many characters."""


# --- A tiny document model shared by text, Markdown and the terminal -----------------
#
# ``tone`` is a hint for formats with colour (the terminal): "warning", "stop",
# "muted"; plain text and Markdown ignore it.


@frozen
class Heading:
    level: int
    text: str
    tone: str | None = None


@frozen
class Para:
    text: str
    tone: str | None = None


@frozen
class Bullets:
    items: tuple[str, ...]
    tone: str | None = None


@frozen
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-align these columns in text
    tone: str | None = None
    nowrap: tuple[bool, ...] = ()  # never wrap these columns (ids to copy) in the terminal


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
            blocks.append(Para(f"Why it matters: {f.message}"))
        if f.fix:
            blocks.append(Para(f"What the program does: {f.fix}"))
        items: list[str] = []
        if f.signs:
            items.append("Signs you noticed: " + ", ".join(f.signs))
        items.extend(f"Test: {t}" for t in f.tests)
        if f.weaker_side:
            items.append(f"Weaker side: {f.weaker_side}")
        items.extend(f.notes)
        if f.evidence_text:
            caveat = f"Evidence: {f.evidence_text}"
            if f.evidence_note:
                caveat += f". {f.evidence_note}"
            items.append(caveat)
        if items:
            blocks.append(Bullets(tuple(items)))
    if v.quiet:
        blocks.append(Para(f"Also screened, nothing found: {', '.join(v.quiet)}."))
    return blocks


def _doc_safety(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Safety")]
    if v.rules:
        blocks.append(Para("Rules applied to you:"))
        blocks.append(
            Bullets(
                tuple(f"{r.description} ({r.id}; evidence: {r.evidence_text})" for r in v.rules)
            )
        )
    if v.stop_signs:
        blocks.append(Para("Stop and get advice if:", tone="stop"))
        blocks.append(Bullets(v.stop_signs, tone="stop"))
    if v.red_flags:
        blocks.append(Para("Stop and see a clinician if any of these appear:", tone="stop"))
        blocks.append(Bullets(v.red_flags, tone="stop"))
    if v.notes:
        blocks.append(Para("Pain monitoring and notes:"))
        blocks.append(Bullets(v.notes))
    if len(blocks) == 1:
        blocks.append(Para(NO_RULES))
    return blocks


def _doc_phases(v: ProgramView) -> list[Block]:
    if not v.phases:
        return []
    rows = tuple((p.name, p.span, p.goal) for p in v.phases)
    return [Heading(2, "Phases"), Table(("Phase", "Weeks", "Goal"), rows, (False, False, False))]


SESSION_HEADERS = ("#", "Exercise", "Sets × reps/hold", "Side", "Load", "Rest", "Min")
SESSION_NUMERIC = (True, False, False, False, False, True, True)


def _doc_weeks(v: ProgramView) -> list[Block]:
    blocks: list[Block] = []
    seen: set[str] = set()
    for week in v.weeks:
        blocks.append(Heading(2, week.title))
        for session in week.sessions:
            blocks.append(Heading(3, session.title))
            rows = tuple(
                (str(ex.index), ex.name, ex.dose, ex.side, ex.load, ex.rest, ex.minutes)
                for ex in session.exercises
            )
            blocks.append(Table(SESSION_HEADERS, rows, SESSION_NUMERIC))
            # Cues are printed where an exercise first appears; the guide at the end
            # repeats them for every exercise.
            cues = []
            for ex in session.exercises:
                if ex.id in seen:
                    continue
                seen.add(ex.id)
                text = f"{ex.name}: " + "; ".join(ex.cues) if ex.cues else ex.name
                if ex.tempo:
                    text += f" (tempo {ex.tempo})"
                cues.append(text)
            if cues:
                blocks.append(Para("Cues:"))
                blocks.append(Bullets(tuple(cues)))
    return blocks


def _doc_guide(v: ProgramView) -> list[Block]:
    if not v.cards:
        return []
    blocks: list[Block] = [Heading(2, "Exercise guide")]
    for card in v.cards:
        blocks.append(Heading(3, f"{card.name} ({card.id})"))
        items: list[str] = []
        if card.why:
            items.append(f"Why: {card.why}")
        if card.cues:
            items.append("Cues: " + "; ".join(card.cues))
        if card.fault:
            items.append(f"Watch for: {card.fault}")
        items.append(
            f"Position: {card.position}; planes: {', '.join(card.planes)}; {card.equipment}"
        )
        if card.ladder:
            items.append(f"Progression: {card.ladder}")
        evidence = f"Evidence: {card.evidence_text}"
        if card.source:
            evidence += f" ({card.source})"
        items.append(evidence)
        blocks.append(Bullets(tuple(items)))
    return blocks


def _doc_referral(v: ProgramView) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, v.title, tone="stop"),
        Para(REFERRAL_INTRO),
    ]
    for r in v.referrals:
        blocks.append(Heading(2, r.title, tone="stop"))
        blocks.append(Para(r.message))
        blocks.append(Bullets((f"Urgency: {r.urgency_text}", f"See: {r.see}")))
    blocks.extend(_doc_warnings(v))
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
    ]


# --- Text -----------------------------------------------------------------------------


def _text_table(table: Table) -> list[str]:
    widths = [
        max(len(cell) for cell in column) for column in zip(table.headers, *table.rows, strict=True)
    ]

    def line(cells: Iterable[str]) -> str:
        parts = [
            cell.rjust(w) if right else cell.ljust(w)
            for cell, w, right in zip(cells, widths, table.numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(table.headers), "  ".join("-" * w for w in widths), *map(line, table.rows)]


def _text_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        if block.level == 1:
            return [block.text, "=" * len(block.text)]
        if block.level == 2:
            return [block.text, "-" * len(block.text)]
        return [block.text]
    if isinstance(block, Para):
        return textwrap.wrap(block.text, WIDTH, break_on_hyphens=False) or [""]
    if isinstance(block, Bullets):
        lines: list[str] = []
        for item in block.items:
            lines.extend(
                textwrap.wrap(
                    item,
                    WIDTH,
                    initial_indent="  - ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,  # keep ids such as knee-pain whole
                )
            )
        return lines
    return _text_table(block)


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """Blocks as plain text: no colour, no markup, lines wrapped at :data:`WIDTH`."""
    out: list[str] = []
    for block in blocks:
        if out and (isinstance(block, Heading) or not isinstance(block, Bullets)):
            out.append("")
        out.extend(_text_block(block))
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


def blocks_to_rich(blocks: Iterable[Block]) -> list[Any]:
    """Blocks as rich renderables (tables, rules, hanging bullets) in gluteus's look."""
    from rich import box
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
            out.append(Text(block.text, style=tone))
        elif isinstance(block, Bullets):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for item in block.items:
                grid.add_row(Text("•", style=tone), Text(item, style=tone))
            out.append(Padding(grid, (0, 0, 0, 2)))
        else:
            table = RichTable(
                box=box.SIMPLE_HEAD, header_style=STYLES["header"], pad_edge=False, show_edge=False
            )
            nowrap = block.nowrap or (False,) * len(block.headers)
            for header, right, keep in zip(block.headers, block.numeric, nowrap, strict=True):
                # fold, never an ellipsis: a cell's text is never lost.
                table.add_column(
                    Text(header),
                    justify="right" if right else "left",
                    overflow="fold",
                    no_wrap=keep,
                )
            for row in block.rows:
                table.add_row(*(Text(cell, style=tone) for cell in row))
            out.append(table)
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
    for renderable in blocks_to_rich(blocks):
        console.print(renderable)
    return buffer.getvalue()


# --- Markdown --------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + block.text]
    if isinstance(block, Para):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"- {item}" for item in block.items]
    align = ["---:" if right else "---" for right in block.numeric]
    return [
        "| " + " | ".join(_md_cell(h) for h in block.headers) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows),
    ]


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    """Blocks as GitHub-flavoured Markdown."""
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        out.extend(_md_block(block))
    return "\n".join(out) + "\n"
