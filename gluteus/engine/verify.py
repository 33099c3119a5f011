"""Verification: re-check a finished (possibly hand-edited) program against every rule.

:func:`verify` takes the program JSON as Python data and trusts nothing in it but
the profile. It first makes sure the document is a program at all (plain JSON,
finite numbers, the shipped JSON Schema) and structures it into the typed
:class:`~gluteus.engine.program.Program`; then it rebuilds what the engine would
say for the embedded profile (referrals, findings, the applicable safety rules
with their stop signs and notes, the traffic light, the issues' descriptions)
and holds the program's own copies against it; checks every exercise against the
*catalogue's* facts (so a hand-edited role, position, cue or ``loaded`` flag
cannot dodge a rule, nor say something the catalogue does not); and checks every
structural invariant of a program. ``generate`` runs it before anything is
written; ``gluteus check`` runs it on a file.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import evolve, field, frozen

from .amber_gate import asks_more, week_before
from .demands import (
    CAPPED_ROLES,
    ISOMETRIC_SHARE,
    LOADED_LIFT,
    MAX_ACTIVATION_TENTHS,
    Coverage,
    Demands,
    FloorKey,
    Group,
    RungKey,
    Step,
    TagLimit,
    Training,
    demands_for,
    floor_key,
    gets_extra,
    meets_alone,
    needs_warm_up,
    rung_key,
    taught_by,
    training,
    waits_for_drill,
)
from .dosing import (
    SHORTEST_HOLD_S,
    TESTED_REPS_SHORT,
    TESTED_REPS_WEEKLY,
    fits,
    keeps_reps,
    lighter_load,
    tested_hold_limit,
    tested_rep_limit,
    told_hold,
    told_reps,
    too_short_to_hold,
    worded,
    working_rm,
)
from .errors import ProfileError
from .model import (
    DAYS,
    Cap,
    DoseRule,
    Equipment,
    Exercise,
    Finding,
    ObjectiveTest,
    Referral,
    Requirement,
    SafetyRule,
)
from .person import PersonModel, assess
from .profile import Profile
from .program import (
    HELD,
    HELD_WORDS,
    LACKS,
    Prescription,
    Program,
    Session,
    Week,
    allowed_cues,
    issue_info,
    json_path,
    lifted_before,
    structure_program,
    warning_text,
)
from .safety import ProgramSafety, Restrictions, exclusion_reasons, found_issues, program_safety
from .screening import referrals_for, screen
from .skeleton import PHASE_NAMES, Skeleton, program_faults, skeleton_for
from .traffic_light import GREEN_ONLY, amber_baseline, traffic_light_for

if TYPE_CHECKING:
    from .context import Context
    from .registry import Registry
    from .screened import Screening

# Session minutes are rounded to 0.1 in the JSON; a hand-computed sum may differ by
# rounding alone, never by more than this.
MINUTES_TOLERANCE = 0.05


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@frozen
class Violation:
    """One broken rule or invariant, located as precisely as the problem allows.

    ``week`` and ``session`` are 1-based; ``day`` is the session's day; ``exercise``
    the exercise id; ``rule`` the id of the safety rule broken, when one is.
    ``str()`` gives one line, e.g. ``week 3, session 2 (wed), clamshell: excluded
    by rule pregnancy-no-supine: supine position``.
    """

    week: int | None = None
    session: int | None = None
    day: str | None = None
    exercise: str | None = None
    rule: str | None = None
    message: str = field(default="", converter=_one_line)

    def __str__(self) -> str:
        where: list[str] = []
        if self.week is not None:
            where.append(f"week {self.week}")
        if self.session is not None:
            where.append(f"session {self.session}" + (f" ({self.day})" if self.day else ""))
        elif self.day:
            where.append(self.day)
        if self.exercise:
            where.append(self.exercise)
        return f"{', '.join(where) or 'program'}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The violation as JSON data."""
        return {
            "week": self.week,
            "session": self.session,
            "day": self.day,
            "exercise": self.exercise,
            "rule": self.rule,
            "message": self.message,
        }


# --- Is it a program at all? --------------------------------------------------------


def _located(program: Any, path: Sequence[str | int], message: str) -> Violation:
    """A violation at ``path``, placed in its week, session and exercise where the path
    runs through them (read defensively: the document is known to be broken)."""
    where: dict[str, Any] = {}
    try:
        if len(path) >= 2 and path[0] == "weeks" and isinstance(path[1], int):
            week = program["weeks"][path[1]]
            number = week.get("number") if isinstance(week, dict) else None
            valid = isinstance(number, int) and not isinstance(number, bool) and number < 2**31
            where["week"] = number if valid else path[1] + 1
            if len(path) >= 4 and path[2] == "sessions" and isinstance(path[3], int):
                where["session"] = path[3] + 1
                session = week["sessions"][path[3]]
                if isinstance(session.get("day"), str):
                    where["day"] = _shorten(session["day"], 12)
                if len(path) >= 6 and path[4] == "exercises" and isinstance(path[5], int):
                    ex_id = session["exercises"][path[5]].get("id")
                    where["exercise"] = _shorten(ex_id, 60) if isinstance(ex_id, str) else None
    except (AttributeError, IndexError, KeyError, TypeError):
        pass  # malformed on the way down: the path alone still locates it
    return Violation(message=f"{json_path(path)}: {message}", **where)


def schema_violations(program: Any) -> list[Violation]:
    """One violation per place where ``program`` is not a program document: not plain
    JSON data (NaN, infinity, a number with thousands of digits, nesting far too deep),
    against the program JSON Schema, or warnings that do not match their details.

    Each names the JSON path (``$.weeks[2].sessions[0].exercises[1].sets``) and,
    where the path runs through a week, session or exercise, locates it there too.
    """
    from ..schemas import document_problems

    return [_located(program, path, message) for path, message in document_problems(program)]


# --- Walking the program ------------------------------------------------------------


@frozen
class _Slot:
    """One exercise in its place: week/session (1-based), day and its index in the session."""

    week: int
    session: int
    day: str
    index: int
    rx: Prescription
    exercise: Exercise | None  # the catalogue entry; None when the id is unknown
    deload: bool = False

    def violation(self, message: str, rule: str | None = None) -> Violation:
        return Violation(
            week=self.week,
            session=self.session,
            day=self.day,
            exercise=self.rx.id,
            rule=rule,
            message=message,
        )


def _slots(week: Week, number: int, session: Session, reg: Registry) -> list[_Slot]:
    return [
        _Slot(week.number, number, session.day, i, rx, reg.exercises.get(rx.id), week.deload)
        for i, rx in enumerate(session.exercises)
    ]


def _sessions(weeks: Sequence[Week]) -> Iterator[tuple[Week, int, Session]]:
    for week in weeks:
        for si, session in enumerate(week.sessions):
            yield week, si + 1, session


def _session_violation(week: int, session: int, data: Session, msg: str) -> Violation:
    return Violation(week=week, session=session, day=data.day, message=msg)


def _trained(slots: Iterable[_Slot]) -> set[str]:
    """The issues the catalogue says these exercises train."""
    return {i for s in slots if s.exercise is not None for i in s.exercise.issues}


# --- What the engine says, held against what the program says -----------------------


def _check_referrals(stated: Sequence[Referral], actual: Sequence[Referral]) -> Iterator[Violation]:
    """Referrals one by one, most urgent first, as the red flags word them."""
    for i, (got, want) in enumerate(itertools.zip_longest(stated, actual), 1):
        if want is None:
            assert got is not None
            yield Violation(
                message=f"referral {i} ({got.flag}): no red flag in the profile calls for it"
            )
        elif got is None:
            yield Violation(
                message=f"the referral for red flag {want.flag} ({want.urgency}, see "
                f"{want.see}) is missing"
            )
        elif got.flag != want.flag:
            yield Violation(
                message=f"referral {i} is for {got.flag}, but the profile's red flags call "
                f"for {want.flag} here (most urgent first)"
            )
        else:
            for name in ("urgency", "see", "message"):
                have, should = getattr(got, name), getattr(want, name)
                if have != should:
                    yield Violation(
                        message=f"referral {i} ({want.flag}): {name} "
                        f"{_shorten(repr(have))}, but the red flag says {_shorten(repr(should))}"
                    )


def _finding_words(finding: Finding | None) -> str:
    if finding is None:
        return "nothing"
    return f"severity {finding.severity}{' (focus)' if finding.focus else ''}"


def _check_findings(stated: Sequence[Finding], actual: Iterable[Finding]) -> Iterator[Violation]:
    """The program's findings must be what screening the profile finds now."""
    by_issue: dict[str, Finding] = {}
    for finding in stated:
        if finding.issue in by_issue:
            yield Violation(message=f"finding {finding.issue} appears twice")
        by_issue.setdefault(finding.issue, finding)
    wanted = {f.issue: f for f in actual}
    for issue in sorted(set(by_issue) | set(wanted)):
        got, want = by_issue.get(issue), wanted.get(issue)
        if got is None or want is None or (got.severity, got.focus) != (want.severity, want.focus):
            yield Violation(
                message=f"finding {issue}: the program says {_finding_words(got)}, screening "
                f"the profile gives {_finding_words(want)}"
            )
            continue
        for name in ("signs", "tests", "weaker_side", "notes"):
            have, should = getattr(got, name), getattr(want, name)
            if have != should:
                show: Callable[[Any], str] = (
                    (lambda v: _shorten(repr(list(v)))) if isinstance(should, tuple) else repr
                )
                yield Violation(
                    message=f"finding {issue}: the program says {name} {show(have)}, "
                    f"screening the profile gives {show(should)}"
                )


def _check_issues(
    stated: Sequence[tuple[str, Sequence[tuple[str, Any]]]],
    actual: Sequence[tuple[str, Sequence[tuple[str, Any]]]],
) -> Iterator[Violation]:
    """Each issue's description is the plugin's, for exactly the issues screening graded."""
    have = {issue: dict(info) for issue, info in stated}
    want = {issue: dict(info) for issue, info in actual}
    for issue in sorted(set(have) | set(want)):
        if issue not in have:
            yield Violation(
                message=f"issue {issue} was graded, but the program does not describe it"
            )
        elif issue not in want:
            yield Violation(message=f"the program describes issue {issue}, which was not graded")
        else:
            for key in sorted(set(have[issue]) | set(want[issue])):
                if key == "signs" and key not in have[issue]:
                    continue  # written before the signs were named in words: still valid
                if have[issue].get(key) != want[issue].get(key):
                    yield Violation(
                        message=f"issue {issue}: its {key} is not the plugin's "
                        f"({_shorten(repr(want[issue].get(key)))})"
                    )


def _check_texts(what: str, stated: Sequence[str], actual: Sequence[str]) -> Iterator[Violation]:
    """A list of texts the rules produce (stop signs, notes), held against the program's."""
    if list(stated) == list(actual):
        return
    missing = [t for t in actual if t not in stated]
    extra = [t for t in stated if t not in actual]
    for text in missing:
        yield Violation(message=f"{what} missing: {_shorten(repr(text))}")
    for text in extra:
        yield Violation(message=f"{what} {_shorten(repr(text))} comes from no rule that applies")
    if not missing and not extra:
        yield Violation(message=f"the {what}s are not the rules' list, in order, once each")


def _check_person(program: Program, person: PersonModel) -> Iterator[Violation]:
    """The program's person model is the one the plugins assess from its profile."""
    want = [dict(p) for p in person.to_list()]
    have = [dict(p) for p in program.person]
    if have != want:
        states = sorted(
            {str(p.get("state")) for p in have if p not in want}
            | {str(p.get("state")) for p in want if p not in have}
        )
        yield Violation(
            message="the person model is not what assessing the profile gives"
            + (f" (states {', '.join(states)})" if states else "")
        )


def _check_safety(program: Program, safety: ProgramSafety | None) -> Iterator[Violation]:
    """The safety section is exactly what the applicable rules and the engine say."""
    entries = safety.rule_entries() if safety is not None else ()
    have = [dict(rule) for rule in program.safety_rules]
    want = {str(dict(info)["id"]): dict(info) for info in entries}
    have_ids = [str(r.get("id")) for r in have]
    missing = [rule_id for rule_id in want if rule_id not in have_ids]
    extra = [rule_id for rule_id in have_ids if rule_id not in want]
    for rule_id in missing:
        yield Violation(
            rule=rule_id,
            message=f"safety rule {rule_id} applies to this profile, but the program "
            "does not list it",
        )
    for rule_id in extra:
        yield Violation(
            message=f"the program lists safety rule {rule_id}, which does not apply to this profile"
        )
    for got in have:
        should = want.get(str(got.get("id")))
        if should is not None and got != should:
            yield Violation(
                rule=should["id"],
                message=f"safety rule {should['id']}: not as the rule states it "
                f"({', '.join(k for k in should if got.get(k) != should[k])} differ)",
            )
    if not missing and not extra and have_ids != list(want):
        yield Violation(message="the safety rules are not the engine's list, in order, once each")
    everywhere = safety.everywhere if safety is not None else None
    yield from _check_texts(
        "stop sign", program.stop_signs, everywhere.stop_signs if everywhere else ()
    )
    # The phases are checked against the skeleton elsewhere; a rule acting only in
    # phases the program lacks adds no note.
    kinds = [phase.kind for phase in program.phases]
    yield from _check_texts(
        "note", program.notes, safety.notes_in(kinds) if safety is not None else ()
    )
    # Read against the person's usual pain: the light of one whose usual pain is amber
    # says pain no worse than usual is green.
    if program.traffic_light != traffic_light_for(program.profile.pain):
        yield Violation(
            message=f"the pain traffic light is not the engine's: {_light_diff(program)}"
        )


def _light_diff(program: Program) -> str:
    light, engine = program.traffic_light, traffic_light_for(program.profile.pain)
    for got, want in itertools.zip_longest(light.zones, engine.zones):
        if got != want:
            if got is None or want is None or got.colour != want.colour:
                return "its zones are not green, amber and red"
            names = [
                k for k in ("pain", "meaning", "action") if getattr(got, k) != getattr(want, k)
            ]
            return f"the {want.colour} zone's {', '.join(names)} differ"
    return "its rule differs" if light.rule != engine.rule else "its source differs"


def _check_warnings(
    program: Program,
    profile: Profile,
    findings: Sequence[Finding],
    weeks: Iterable[int],
    rules: Mapping[str, SafetyRule] | None = None,
    equipment: Mapping[str, Equipment] | None = None,
) -> tuple[list[Violation], _Claims]:
    """The engine's warnings must be worded by the engine and true; returns the
    violations and what the warnings claim (the weeks a ``left_out`` warning excuses,
    the shortfalls and unmet conventions the others name, for the structure check to
    hold against the program).

    Only a warning of a kind the engine writes, worded exactly as
    :func:`~gluteus.engine.program.warning_text` words its fields, counts; a note
    (text an app or a person added) is shown but excuses nothing. A focus issue is
    never excused: the engine never leaves one out.
    """
    found = set(found_issues(findings))
    focus = {f.issue for f in findings if f.focus}
    referral = program.status == "referral"
    weeks = set(weeks)
    out: list[Violation] = []
    excused: dict[str, set[int]] = {}
    short: dict[str, tuple[tuple[int, ...], str | None]] = {}
    unmet: dict[str, set[int]] = {}
    by: dict[str, tuple[str, ...]] = {}
    seen: set[tuple[str, str | None]] = set()
    for i, w in enumerate(program.warning_details, 1):
        if w.kind == "note":
            continue
        name = f"warning {i} ({w.kind})"
        if referral and w.kind != "referral":
            out.append(Violation(message=f"{name}: a referral holds no such warning"))
            continue
        words = warning_text(
            w.kind,
            profile.schedule,
            issue=w.issue,
            rule=w.rule,
            weeks=w.weeks,
            detail=w.detail,
            by=w.by,
            rules=rules,
            equipment=equipment,
        )
        if words is None or words != w.message:
            out.append(Violation(message=f"{name} is not worded as the engine words it"))
            continue
        outside = [n for n in w.weeks if n not in weeks]
        if outside:
            out.append(Violation(message=f"{name} names week {outside[0]}, not in the program"))
            continue
        if w.kind == "unmet":
            assert w.detail is not None
            if w.detail in unmet:
                out.append(Violation(message=f"{name} repeats an earlier warning"))
            unmet.setdefault(w.detail, set()).update(w.weeks)
            if w.by:
                by[w.detail] = w.by
            continue
        if (w.kind, w.issue) in seen:
            out.append(Violation(message=f"{name} repeats an earlier warning"))
            continue
        seen.add((w.kind, w.issue))
        if w.kind == "referral" and not referral:
            out.append(Violation(message=f"{name} says no program was generated, but one was"))
        elif w.kind == "no_issue" and found:
            out.append(
                Violation(
                    message=f"{name} says screening found no issue, but it found "
                    f"{', '.join(sorted(found))}"
                )
            )
        elif w.kind == "left_out":
            assert w.issue is not None
            if w.issue in focus:
                out.append(
                    Violation(
                        message=f"{name} leaves out {w.issue}, a focus issue; the engine never "
                        "leaves a focus issue out"
                    )
                )
                continue
            if w.issue not in found:
                out.append(
                    Violation(message=f"{name} leaves out {w.issue}, which screening did not find")
                )
                continue
            # An issue left out may still be touched by an exercise chosen for another
            # issue; the warning is about its own weekly work, so it need not be absent.
            excused.setdefault(w.issue, set()).update(w.weeks)
        elif w.kind == "below_floor":
            assert w.issue is not None
            if w.issue not in found:
                out.append(
                    Violation(message=f"{name} is about {w.issue}, which screening did not find")
                )
                continue
            short[w.issue] = (tuple(w.weeks), w.detail)
            if w.by:
                by[floor_claim(w.issue)] = w.by
    kinds = {kind for kind, _ in seen}
    if referral and "referral" not in kinds:
        out.append(Violation(message="a referral must say that no program was generated"))
    if not referral and not found and "no_issue" not in kinds:
        out.append(
            Violation(
                message="screening found no issue, and no warning says the program is general"
            )
        )
    return out, _Claims(left_out=excused, short=short, unmet=unmet, by=by)


# --- The program's own invariants ---------------------------------------------------


def _check_calendar(weeks: Sequence[Week], profile: Profile) -> Iterator[Violation]:
    """Weeks, sessions and days as the profile asks; dates on their days, a week apart."""
    schedule = profile.schedule
    if len(weeks) != schedule.weeks:
        yield Violation(message=f"{len(weeks)} weeks, but the profile asks for {schedule.weeks}")
    for i, week in enumerate(weeks):
        if week.number != i + 1:
            yield Violation(
                week=week.number, message=f"week numbered {week.number}, expected {i + 1}"
            )
    days = profile.days
    first_dates: dict[int, dt.date] = {}
    for wi, week in enumerate(weeks):
        sessions = week.sessions
        if len(sessions) != schedule.sessions_per_week:
            yield Violation(
                week=week.number,
                message=f"{len(sessions)} sessions, but the profile asks for "
                f"{schedule.sessions_per_week} a week",
            )
        got_days = [s.day for s in sessions]
        if got_days != list(days[: len(got_days)]) or len(got_days) > len(days):
            yield Violation(
                week=week.number,
                message=f"sessions on {', '.join(got_days)}; the profile's days are "
                f"{', '.join(days)}",
            )
        for si, session in enumerate(sessions):
            yield from _check_date(week.number, wi, si, session, profile.start, first_dates)


def _date_text(ordinal: int) -> str:
    """The date of a day number, or words when it lies past the calendar's end."""
    if ordinal > dt.date.max.toordinal():
        return "a date after 9999-12-31"
    return dt.date.fromordinal(ordinal).isoformat()


def _check_date(
    week: int,
    week_index: int,
    index: int,
    session: Session,
    start: dt.date | None,
    first_dates: dict[int, dt.date],
) -> Iterator[Violation]:
    # Dates are compared as day numbers: near 9999-12-31, date arithmetic overflows.
    date = session.date
    raw = date.isoformat() if date is not None else None
    if start is None:
        if raw is not None:
            yield _session_violation(
                week, index + 1, session, f"dated {raw}, but the profile has no start date"
            )
        return
    if date is None:
        yield _session_violation(
            week, index + 1, session, f"no date, but the profile starts on {start.isoformat()}"
        )
        return
    day = session.day
    if DAYS[date.weekday()] != day:
        yield _session_violation(
            week, index + 1, session, f"dated {raw}, a {DAYS[date.weekday()]}, not a {day}"
        )
    if date < start:
        yield _session_violation(
            week, index + 1, session, f"dated {raw}, before the start date {start.isoformat()}"
        )
    if week_index == 0:
        first_dates[index] = date
        if date.toordinal() > start.toordinal() + 6:
            yield _session_violation(
                week,
                index + 1,
                session,
                f"dated {raw}, outside the first week from {start.isoformat()}",
            )
    elif index in first_dates:
        expected = first_dates[index].toordinal() + 7 * week_index
        if date.toordinal() != expected:
            yield _session_violation(
                week,
                index + 1,
                session,
                f"dated {raw}; {week_index} week(s) after the first week's session it should "
                f"be {_date_text(expected)}",
            )


def _check_minutes(weeks: Sequence[Week], profile: Profile) -> Iterator[Violation]:
    """A session's minutes are the sum of its exercises' and fit the time budget."""
    budget = profile.schedule.minutes_per_session
    for week, number, session in _sessions(weeks):
        total = sum(rx.minutes for rx in session.exercises)
        stated = session.minutes
        if abs(total - stated) > MINUTES_TOLERANCE:
            yield _session_violation(
                week.number,
                number,
                session,
                f"session minutes {stated:g} but its exercises add up to {total:.1f}",
            )
        longest = max(total, stated)
        if longest > budget + 1e-9:
            yield _session_violation(
                week.number,
                number,
                session,
                f"takes {longest:.1f} minutes, over the {budget} minutes per session",
            )


@frozen
class _DoseTexts:
    """The load and tempo texts and the efforts the dose rules can give one exercise."""

    loads: frozenset[str]
    deload_loads: frozenset[str]
    tempos: frozenset[str]
    efforts: frozenset[Any]


def _dose_texts(
    ex: Exercise,
    registry: Registry,
    experience: str,
    restrictions: Restrictions,
    reps: int | None = None,
    loaded: frozenset[str] | None = None,
) -> _DoseTexts | None:
    """What the dose rules that fit ``ex`` can say for its load, tempo and effort at
    ``reps`` (a load by repetition maximum is the one those reps make), in a loading
    week and in a deload, under the rules' caps (a ``first_load`` cap unless it is
    among ``loaded``); None when no dose rule fits it (the
    planner never uses such an exercise), and no texts at all when no plugin gives any
    dose rule (nothing can be planned, so loads cannot be judged). The dose rules are
    ``registry``'s.

    Worded by :func:`~gluteus.engine.dosing.worded`, as the planner words them: a
    first week, a later week, and a deload.
    """
    rules = registry.dosing
    if not rules:
        return _DoseTexts(frozenset(), frozenset(), frozenset(), frozenset())
    cap = restrictions.cap_for(ex, loaded)
    # The same texts for every program with this exercise, cap and reps: worked out
    # once per registry (the dose rules are the registry's).
    return registry.cached(
        ("dose texts", ex.id, experience, cap, reps),
        lambda: _dose_texts_now(ex, rules, experience, cap, reps),
    )


def _dose_texts_now(
    ex: Exercise, rules: Sequence[DoseRule], experience: str, cap: Cap, reps: int | None
) -> _DoseTexts | None:
    fitting = [
        r
        for r in rules
        if fits(r, ex, r.phase, experience) and (r.issue is None or r.issue in ex.issues)
    ]
    if not fitting:
        return None
    loads: set[str] = set()
    deloads: set[str] = set()
    efforts: set[Any] = set()
    for rule in fitting:
        first = worded(ex, rule, cap, reps, step=0, deload=False)
        later = worded(ex, rule, cap, reps, step=1, deload=False)
        deload = worded(ex, rule, cap, reps, step=0, deload=True)
        loads.update((first[1], later[1]))
        deloads.add(deload[1])
        efforts.update((first[0], later[0], deload[0]))
    return _DoseTexts(
        frozenset(loads),
        frozenset(deloads),
        frozenset(r.tempo for r in fitting),
        frozenset(efforts),
    )


_SAME_AS_CATALOGUE = ("role", "position", "loaded")
_SAME_SET_AS_CATALOGUE = ("planes", "equipment")
_ALSO_AS_CATALOGUE = ("name", "level", "fault", "evidence", "source")
_SAME_TAGS_AS_CATALOGUE = ("tags", "targets")


def _catalogue_mismatches(rx: Prescription, ex: Exercise, cues: Sequence[str]) -> Iterator[str]:
    """Where the program's copy of the exercise says something its catalogue entry does
    not (cues: what :func:`~gluteus.engine.program.allowed_cues` allows)."""
    for key in _SAME_AS_CATALOGUE:
        if getattr(rx, key) != getattr(ex, key):
            yield f"{key} {getattr(rx, key)!r} (the catalogue says {getattr(ex, key)!r})"
    for key in _SAME_SET_AS_CATALOGUE:
        if set(getattr(rx, key)) != set(getattr(ex, key)):
            yield f"{key} {list(getattr(rx, key))} (the catalogue says {list(getattr(ex, key))})"
    extra_issues = sorted(set(rx.issues) - set(ex.issues))
    if extra_issues:
        yield f"issues {extra_issues} it does not serve"
    for key in _ALSO_AS_CATALOGUE:
        have, want = getattr(rx, key), getattr(ex, key)
        if have != want:
            yield f"{key} {_shorten(repr(have))} (the catalogue says {_shorten(repr(want))})"
    for key in _SAME_TAGS_AS_CATALOGUE:
        if set(getattr(rx, key)) != set(getattr(ex, key)):
            yield f"{key} {list(getattr(rx, key))} (the catalogue says {list(getattr(ex, key))})"
    if rx.cues != tuple(cues):
        unknown = [c for c in rx.cues if c not in cues]
        missing = [c for c in cues if c not in rx.cues]
        if unknown:
            yield f"cue {_shorten(repr(unknown[0]))} is not one of its cues"
        if missing:
            yield f"its cue {_shorten(repr(missing[0]))} is missing"
        if not unknown and not missing:
            yield "its cues are not the catalogue's, in order, once each"


def _check_exercise(
    slot: _Slot,
    profile: Profile,
    restrictions: Restrictions,
    block: Restrictions,
    who: Training,
    doses: Callable[[Exercise, int | None], _DoseTexts | None],
    available: frozenset[str],
    tests: Mapping[str, ObjectiveTest],
    loaded: frozenset[str] | None = None,
) -> Iterator[Violation]:
    """One exercise against the catalogue, the dose rules, the person's equipment and
    preferences, and every rule of its week (``restrictions``); its cues and dose are
    those of its block (``block``: the rules of all the block's weeks). Rules are
    judged on the catalogue's facts, not the file's; ``loaded`` are the lifts the
    blocks before did with an external load (see :meth:`~.model.Cap.applies_to`)."""
    rx, ex = slot.rx, slot.exercise
    if ex is None:
        yield slot.violation("no loaded plugin has an exercise with this id")
        return
    # A catalogue cue a rule drops (a knee hugged to the chest with osteoporosis) is
    # named with that rule, not as a cue the exercise does not have.
    dropped = [c for c in ex.cues if c in rx.cues and set(c.tags) & block.excluded_tags]
    for cue, rule in ((c, r) for c in dropped for r in block.rules):
        tags = sorted(set(cue.tags) & set(rule.exclude_tags))
        if tags:
            yield slot.violation(
                f"its cue {_shorten(repr(str(cue)))} asks for {', '.join(tags)}, which rule "
                f"{rule.id} excludes",
                rule=rule.id,
            )
    shown = evolve(rx, cues=[c for c in rx.cues if c not in dropped]) if dropped else rx
    for text in _catalogue_mismatches(shown, ex, allowed_cues(ex, block)):
        yield slot.violation(f"does not match the catalogue: {text}")
    if (rx.reps is None) == (rx.hold_s is None):
        yield slot.violation("needs exactly one of reps and hold_s")
    elif ex.is_hold != (rx.hold_s is not None):
        kind = "held seconds" if ex.is_hold else "reps"
        yield slot.violation(f"does not match the catalogue: it is dosed in {kind}")
    yield from _check_side(slot, ex, who)
    if rx.family != ex.family or rx.load_type != ex.load_type:
        yield slot.violation(
            f"does not match the catalogue: family {rx.family!r} and load {rx.load_type!r} "
            f"(the catalogue says {ex.family!r} and {ex.load_type!r})"
        )
    yield from _check_effort(slot, restrictions, loaded)
    if not _adapted(rx):
        # Doses are the numbers a person is told (a journal's adaptation keeps what the
        # person logged instead).
        if rx.reps is not None and told_reps(rx.reps) != rx.reps:
            yield slot.violation(
                f"{rx.reps} reps: reps above six are told as an even number or a multiple of five"
            )
        if rx.hold_s is not None and told_hold(rx.hold_s) != rx.hold_s:
            yield slot.violation(f"{rx.hold_s} s hold: holds from 10 s are told in steps of 5 s")
    tested = tested_hold_limit(ex, profile.tests, tests)
    if tested is not None and rx.hold_s is not None and rx.hold_s > tested[0]:
        yield slot.violation(
            f"{rx.hold_s} s hold, longer than {tested[0]} s: holds stay within 70% of the "
            f"tested {tested[1]}"
        )
    counted = tested_rep_limit(ex, profile.tests, tests, slot.week)
    if counted is not None and rx.reps is not None and rx.reps > counted[0]:
        yield slot.violation(
            f"{rx.reps} reps a set, more than {counted[0]}: a set starts "
            f"{TESTED_REPS_SHORT} reps short of the tested {counted[1]} and adds at most "
            f"{TESTED_REPS_WEEKLY} a week"
        )
    short = too_short_to_hold(ex, profile.tests, tests)
    if short is not None:
        yield slot.violation(
            f"a hands-free hold the tested {short[1]} allows only {short[0]} s of, under "
            f"the {SHORTEST_HOLD_S} s worth doing: the supported version, or none"
        )
    texts = doses(ex, rx.reps)
    if texts is None:
        yield slot.violation(
            f"no dose rule gives {ex.role} work a dose at {profile.experience} level, so "
            "its dose is not the engine's"
        )
    elif texts.loads:
        loads = texts.deload_loads if slot.deload else texts.loads
        said = rx.load
        if amber_baseline(profile.pain) and not slot.deload:
            said = said.removesuffix(f"; {GREEN_ONLY}")
        if said not in loads:
            week = "a deload week" if slot.deload else "a loading week"
            yield slot.violation(
                f"load {_shorten(repr(rx.load))} is not what the dose rules give it in {week}"
            )
        if rx.tempo not in texts.tempos:
            yield slot.violation(
                f"tempo {_shorten(repr(rx.tempo))} is not what the dose rules give it"
            )
        if rx.effort not in texts.efforts:
            yield slot.violation("its effort is not what the dose rules give it")
    floor = _least_minutes(rx, ex)
    if floor is not None and rx.minutes + MINUTES_TOLERANCE < floor:
        # A hand-edited dose (more sets, reps or longer holds) cannot sneak past the
        # time budget by leaving the minutes as they were.
        yield slot.violation(
            f"says {rx.minutes:g} minutes, but {_dose_words(rx)} takes at least {floor:.1f}"
        )
    missing = sorted(set(ex.equipment) - available)
    if missing:
        yield slot.violation(f"needs {', '.join(missing)}, which the profile does not list")
    if ex.id in profile.preferences.avoid:
        yield slot.violation("the profile asks to avoid this exercise")
    excluded_by = restrictions.excluded.get(ex.id, ())
    for rule in restrictions.rules:
        # The engine matched every catalogue exercise against these rules once, when it
        # built them; the reasons are worded only for a rule that excludes this one.
        if rule.id in excluded_by:
            why = "; ".join(exclusion_reasons(ex, rule))
            yield slot.violation(f"excluded by rule {rule.id}: {why}", rule=rule.id)
        # Most rules guard no tag: asked only of those that do (the sets and sort, for
        # every rule and slot, were 10,000 calls and about 3 ms of a 12-week check).
        for tag in sorted(set(rule.guard_tags) & set(ex.tags)) if rule.guard_tags else ():
            guards = {str(cue) for cue in ex.cues if tag in cue.guards}
            if guards and not guards & set(rx.cues):
                yield slot.violation(
                    f"no cue guarding {tag} is shown, which rule {rule.id} asks for",
                    rule=rule.id,
                )
        cap = rule.cap
        if cap is None or not cap.applies_to(ex):
            continue
        if cap.max_sets is not None and rx.sets > cap.max_sets:
            yield slot.violation(
                f"{rx.sets} sets, over the cap of {cap.max_sets} set by rule {rule.id}",
                rule=rule.id,
            )
        hold = rx.hold_s
        if cap.max_reps is not None and rx.reps is not None and rx.reps > cap.max_reps:
            yield slot.violation(
                f"{rx.reps} reps, over the cap of {cap.max_reps} set by rule {rule.id}",
                rule=rule.id,
            )
        if cap.max_hold_s is not None and hold is not None and hold > cap.max_hold_s:
            yield slot.violation(
                f"{hold} s hold, over the cap of {cap.max_hold_s} s set by rule {rule.id}",
                rule=rule.id,
            )


def _pair(pair: tuple[int, int]) -> str:
    return f"{pair[0]}" if pair[0] == pair[1] else f"{pair[0]}-{pair[1]}"


def _check_effort(
    slot: _Slot, restrictions: Restrictions, loaded: frozenset[str] | None = None
) -> Iterator[Violation]:
    """The effort stays within the caps of the rules of its week (a ``first_load`` cap
    on a lift not among ``loaded``, those the blocks before did with a weight)."""
    effort = slot.rx.effort
    if effort is None:
        return
    for rule in restrictions.rules:
        cap = rule.cap
        if cap is None or (cap.first_load and slot.exercise is None):
            continue
        if slot.exercise is not None and not cap.applies_to(slot.exercise, loaded):
            continue
        if cap.max_rpe is not None and effort.rpe is not None and effort.rpe[1] > cap.max_rpe:
            yield slot.violation(
                f"effort up to {effort.rpe[1]}/10, over the {cap.max_rpe:g} rule {rule.id} allows",
                rule=rule.id,
            )
        if cap.no_rm and effort.rm is not None:
            yield slot.violation(
                f"a load by repetition maximum ({effort.rm[0]}-{effort.rm[1]}RM); rule "
                f"{rule.id} asks for effort by feel",
                rule=rule.id,
            )
        least = cap.min_rm
        if cap.max_rpe is not None and cap.max_rpe <= 7:
            least = max(least or 0, 8)  # a moderate effort is a moderate load (dosing)
        if least is not None and effort.rm is not None and effort.rm[0] < least:
            yield slot.violation(
                f"a load as heavy as {effort.rm[0]}RM; rule {rule.id} allows nothing heavier "
                f"than {least}RM",
                rule=rule.id,
            )
    reps = slot.rx.reps
    if effort.rm is not None and effort.rir is not None and reps is not None:
        want = working_rm(reps, effort.rir)
        if effort.rm != want:
            heavier = "; a heavier load makes it a set to failure" if effort.rm < want else ""
            yield slot.violation(
                f"{reps} reps with {_pair(effort.rir)} in reserve on a load of "
                f"{_pair(effort.rm)}RM: the load and the effort disagree (reps plus reps in "
                f"reserve make {_pair(want)}RM{heavier})"
            )
    if (
        effort.rpe is not None
        and effort.rir is not None
        and (effort.rir[0] < 10 - effort.rpe[1] or effort.rir[1] < 10 - effort.rpe[0])
    ):
        yield slot.violation(
            f"effort {effort.rpe[0]}-{effort.rpe[1]}/10 with only {effort.rir[0]}-"
            f"{effort.rir[1]} reps in reserve: the two disagree (RPE 10 minus reps in reserve)"
        )


def _check_side(slot: _Slot, ex: Exercise, who: Training) -> Iterator[Violation]:
    """Both legs together for a two-legged exercise, each leg for a one-legged one; extra
    sets (in the same row) only for the one weaker side screening names, and only on
    an exercise done one side at a time for an issue that names it."""
    side = slot.rx.side
    want = "each" if ex.unilateral else "both"
    if side != want:
        how = "one leg at a time" if ex.unilateral else "with both legs together"
        yield slot.violation(
            f"does not match the catalogue: side {side!r}, but it is done {how} ({want!r})"
        )
    extra = slot.rx.extra
    if extra is None:
        return
    if not gets_extra(ex, who):
        yield slot.violation(
            f"extra {extra.side}-side sets, but screening names no one weaker side for an "
            "issue of this exercise, or it is not done one side at a time"
        )
    elif extra.side != who.weaker_side:
        yield slot.violation(
            f"extra {extra.side}-side sets, but the weaker side screening names is "
            f"{who.weaker_side}"
        )
    elif extra.sets != 1:
        yield slot.violation(f"{extra.sets} extra sets; the engine gives the weaker side 1")


def _check_repeats(slots: Sequence[_Slot]) -> Iterator[Violation]:
    """An exercise is in a session once, and a session holds one variant of a movement."""
    seen: set[str] = set()
    families: dict[str, str] = {}
    for slot in slots:
        if slot.rx.id in seen:
            yield slot.violation("is already in this session")
        seen.add(slot.rx.id)
        ex = slot.exercise
        if ex is None:
            continue
        if ex.family in families and families[ex.family] != ex.id:
            yield slot.violation(
                f"another variant of the same movement ({families[ex.family]}) is already in "
                "this session: one variant of a movement per session"
            )
        families.setdefault(ex.family, ex.id)


def _tenths(minutes: float) -> int:
    return round(minutes * 10)


def _check_session_size(slots: Sequence[_Slot], demands: Demands) -> Iterator[Violation]:
    """The activation block stays short; holds do not take over the session."""
    drills = [s for s in slots if s.exercise and s.exercise.role == "activation"]
    most = demands.max_activation
    if len(drills) > most:
        yield drills[most].violation(
            f"{len(drills)} activation exercises in one session; at most {most}"
        )
    drill_tenths = sum(_tenths(s.rx.minutes) for s in drills)
    if drill_tenths > MAX_ACTIVATION_TENTHS and drills:
        yield drills[-1].violation(
            f"activation drills take {drill_tenths / 10:g} minutes; at most "
            f"{MAX_ACTIVATION_TENTHS / 10:g}"
        )
    holds = [s for s in slots if s.exercise and s.exercise.role == "isometric"]
    if holds:
        num, den = ISOMETRIC_SHARE
        hold = sum(_tenths(s.rx.minutes) for s in holds)
        total = sum(_tenths(s.rx.minutes) for s in slots)
        if den * hold > num * total:
            yield holds[-1].violation(
                f"holds take {hold / 10:g} of the session's {total / 10:g} minutes; at most "
                f"{100 * num // den}%"
            )


def _least_minutes(rx: Prescription, ex: Exercise) -> float | None:
    """The least time a dose can take: the work of every set and the rest between sets.

    Deliberately a lower bound (one side only, no transitions, no rest after the last
    set), so any honest way of counting time is above it.
    """
    if rx.hold_s is not None:
        work = float(rx.hold_s)
    elif rx.reps is not None and ex.seconds_per_rep is not None:
        work = rx.reps * ex.seconds_per_rep
    else:
        return None
    return (rx.sets * work + (rx.sets - 1) * rx.rest_s) / 60


def _dose_words(rx: Prescription) -> str:
    each = f"{rx.hold_s} s holds" if rx.hold_s is not None else f"{rx.reps} reps"
    return f"{rx.sets} sets of {each} with {rx.rest_s} s rest"


def _check_before_loaded(
    slots: Sequence[_Slot], req: Requirement, rule: str | None
) -> Iterator[Violation]:
    """Exercises of ``req.roles`` come before any loaded or fast exercise
    (:func:`~.demands.needs_warm_up`), and each such one has such a drill for one of its
    targets earlier in the session."""
    roles = set(req.roles)
    what = "/".join(req.roles)
    by = f"rule {rule}" if rule else "the engine"

    def drill(s: _Slot) -> bool:
        assert s.exercise is not None
        return s.exercise.role in roles and not s.exercise.loaded

    known = [s for s in slots if s.exercise is not None]
    loaded_seen = False
    for i, slot in enumerate(known):
        ex = slot.exercise
        assert ex is not None
        if drill(slot) and loaded_seen:
            yield slot.violation(
                f"{what} work after loaded or fast work; {by} puts {what} first", rule=rule
            )
        if not needs_warm_up(ex):
            continue
        loaded_seen = True
        if ex.role in roles:
            continue  # a loaded drill of the required role is its own preparation
        earlier = [s for s in known[:i] if drill(s)]
        kind = "loaded" if ex.loaded else "fast"
        if not earlier:
            yield slot.violation(
                f"{kind} exercise before any {what} work; {by} requires {what} first",
                rule=rule,
            )
        elif not any(set(ex.targets) & set(s.exercise.targets) for s in earlier if s.exercise):
            yield slot.violation(
                f"{kind} exercise with no earlier {what} drill for its target "
                f"({', '.join(ex.targets)}); {by} requires one",
                rule=rule,
            )


def _check_drill_first(
    slots: Sequence[_Slot], req: Requirement, rule: str | None, learnt: Iterable[str]
) -> Iterator[Violation]:
    """Loaded work ``req`` holds back comes only after its drill: done in an earlier
    week (``learnt``: the families of unloaded work done before this week), or earlier
    in the same session."""
    if set(req.families) & set(learnt):
        return
    drilled = False
    for slot in slots:
        ex = slot.exercise
        if ex is None:
            continue
        if taught_by(req, ex):
            drilled = True
        elif waits_for_drill(req, ex) and not drilled:
            drill = " or ".join(f.replace("_", " ") for f in req.families)
            yield slot.violation(
                f"a {'loaded ' if ex.loaded else ''}{ex.family.replace('_', ' ')} before "
                f"the {drill} drill has been "
                f"done, in an earlier week or earlier in this session; rule {rule} teaches "
                "the movement unloaded first",
                rule=rule,
            )


def _check_opens(slots: Sequence[_Slot], req: Requirement, rule: str | None) -> Iterator[Violation]:
    first = slots[0] if slots else None
    if first is None or first.exercise is None:
        return
    if first.exercise.role not in req.roles:
        yield first.violation(
            f"the session opens with {first.exercise.role} work; rule {rule} requires it to "
            f"open with {'/'.join(req.roles)}",
            rule=rule,
        )


@frozen
class _Claims:
    """What the engine's warnings say: issue weeks left out, the hard sets an issue is
    said to fall short in, and the conventions said to be unmet."""

    left_out: Mapping[str, set[int]]
    short: Mapping[str, tuple[tuple[int, ...], str | None]]
    unmet: Mapping[str, set[int]]
    # The rules an unmet demand's warning names as keeping it out (by its detail).
    by: Mapping[str, tuple[str, ...]] = field(factory=dict)


def _ruling(
    missing: Sequence[Group],
    restrictions: Restrictions,
    reg: Registry,
    available: frozenset[str],
    steps: Sequence[Step] = (),
) -> set[str]:
    """The rules of one week that exclude work of the ``missing`` groups, or hold it
    back by a step (``steps``), and the equipment the person did not list that such
    work needs (:data:`~.program.LACKS`)."""
    fitting = [ex for ex in reg.exercises.values() if any(g.fits(ex) for g in missing)]
    return (
        {rule for ex in fitting for rule in restrictions.excluded.get(ex.id, ())}
        | {s.rule for s in steps if s.rule and any(s.gates(ex) for ex in fitting)}
        | {f"{LACKS}{e}" for ex in fitting for e in ex.equipment if e not in available}
    )


def floor_claim(issue: str) -> str:
    """How the claims key what an issue's ``below_floor`` warning names as leaving no
    room for more sets, beside the unmet demands' words."""
    return f"the hard sets {issue} needs to build strength"


def _holding(cover: Coverage | None, demands: Demands) -> set[str]:
    """What a warning may name as leaving no room for ``cover`` (None: more sets of
    an issue) in one week (:data:`~.program.HELD`): the session time and the engine's
    own limits; the limits of a rule in force that week, whatever work they limit (a
    limit on other work moves it into the sessions this work would use: the day before
    a sport day pushes the heavy work to the other days); the work of a rule in force
    that asks for other work, and the engine's own. That these together leave no room
    is the solver's finding, not re-checked; that each could is."""
    return (
        {f"{HELD}{key}" for key in (*HELD_WORDS, "time", "work.engine")}
        | {f"{HELD}limit.{lim.rule}" for lim in demands.limits if lim.rule}
        | {
            f"{HELD}work.{other.rule}"
            for other in demands.coverage
            if other.rule and other != cover
        }
        | {f"{HELD}work.{rule}" for _, rule in demands.opens if rule}
    )


def _check_ruled_out(claims: _Claims, ruling: Mapping[str, set[str]]) -> Iterator[Violation]:
    """A warning that names the rules keeping a demand out must name rules that exclude
    work the demand asks for, in a week it names (``ruling``: per demand, the rules
    that do, over the weeks it went unmet), and equipment it names must be equipment
    the person did not list that such work needs. A block may span stages, so one rule
    may hold in some of its weeks only; the planner names them only when together they
    exclude all of it, and that the equipment leaves nothing else is not re-checked."""
    for what, by in sorted(claims.by.items()):
        for rule in by:
            if rule.startswith(LACKS) and rule not in ruling.get(what, set()):
                yield Violation(
                    message=f"a warning says {what} needs {rule.removeprefix(LACKS)}, which "
                    "the person lacks, but none of that work needs it or it is listed",
                )
                continue
            if rule.startswith(HELD) and rule not in ruling.get(what, set()):
                yield Violation(
                    message=f"a warning says {rule.removeprefix(HELD)} leaves no room for "
                    f"{what}, but it does not apply to that work in the weeks it is missing",
                )
                continue
            if rule not in ruling.get(what, set()):
                yield Violation(
                    rule=rule,
                    message=f"a warning says rule {rule} keeps out {what}, but it excludes "
                    "none of that work in the weeks it is missing",
                )


def _met(group_fits: Callable[[Exercise], bool], slots: Sequence[_Slot]) -> bool:
    return any(s.exercise is not None and group_fits(s.exercise) for s in slots)


def _check_structure(
    weeks: Sequence[Week],
    safety: ProgramSafety,
    who: Training,
    skeleton: Skeleton,
    claims: _Claims,
    reg: Registry,
    experience: str,
    available: frozenset[str] = frozenset(),
    before_sport: Collection[str] = (),
) -> Iterator[Violation]:
    """Every week against the demands the planner planned it by (:mod:`.demands`, from
    that week's rules and phase): activation first, sessions opening as a rule asks,
    the work every week and every session must hold, one variant of a movement per
    session, a short activation block, holds not taking over, tag limits, each
    issue's weekly hard sets (never over its cap; under the floor only with the
    engine's warning), and every issue found trained unless a warning leaves it out."""
    kinds = {w: kind for kind, ws in skeleton.phases for w in ws}
    short: dict[str, dict[int, int]] = {}
    unmet: dict[str, set[int]] = {}
    ruling: dict[str, set[str]] = {}  # per unmet demand, the rules excluding its work
    asked_by: dict[str, str | None] = {}  # per unmet demand, the rule asking for it
    per_week: list[tuple[Week, Demands, list[_Slot], list[list[_Slot]]]] = []
    learnt: set[str] = set()  # families of the unloaded work of the weeks before
    # The weeks of a block share their rules and phase, so their demands: worked out
    # once per (rules, phase) in this call (12 weeks asked 12 times for 3 blocks'
    # demands, about 4 ms of a 12-week check). Keyed on the Restrictions object,
    # which ``safety`` keeps alive for the call.
    known_demands: dict[tuple[int, str], Demands] = {}
    for week in weeks:
        number = week.number
        known = 1 <= number <= len(safety.weeks)
        restrictions = safety.at(number) if known else safety.everywhere
        phase = kinds.get(number, "strength")
        demands = known_demands.get((id(restrictions), phase))
        if demands is None:
            demands = known_demands[id(restrictions), phase] = demands_for(
                restrictions, phase, who.trained, who.priority, who.focus, experience
            )
        week_slots: list[_Slot] = []
        sessions: list[list[_Slot]] = []
        for si, session in enumerate(week.sessions):
            slots = _slots(week, si + 1, session, reg)
            sessions.append(slots)
            week_slots.extend(slots)
            yield from _check_repeats(slots)
            yield from _check_session_size(slots, demands)
            for req, rule in demands.before_loaded:
                yield from _check_before_loaded(slots, req, rule)
            for req, rule in demands.opens:
                yield from _check_opens(slots, req, rule)
            for req, rule in demands.drill_first:
                yield from _check_drill_first(slots, req, rule, learnt)
        learnt.update(s.exercise.family for s in week_slots if s.exercise and not s.exercise.loaded)
        per_week.append((week, demands, week_slots, sessions))
        for cover in demands.coverage:
            if cover.issue is not None and number in claims.left_out.get(cover.issue, ()):
                continue
            scopes = [week_slots] if cover.scope == "week" else sessions
            if cover.scope == "week" and week.deload:
                continue
            need = cover.needed(len(sessions))
            if cover.scope == "week" and need > 1:
                # In that many sessions of the week, not only somewhere in it.
                missing = [
                    g for g in cover.groups if sum(_met(g.fits, ss) for ss in sessions) < need
                ]
            else:
                missing = [g for g in cover.groups for scope in scopes if not _met(g.fits, scope)]
            if not missing:
                continue
            # The engine's own conventions may go unsaid; a rule's optional demand is
            # left out only with the warning that names it.
            excused = (cover.optional and cover.rule is None) or cover.what in claims.unmet
            if cover.may_drop(who.focus) and excused:
                unmet.setdefault(cover.what, set()).add(number)
                asked_by[cover.what] = cover.rule
                if cover.what in claims.by:
                    ruling.setdefault(cover.what, set()).update(
                        _ruling(missing, restrictions, reg, available, demands.steps),
                        _holding(cover, demands),
                    )
                continue
            if cover.rule is None and cover.issue is not None and len(cover.groups) == 1:
                yield Violation(
                    week=number,
                    message=f"issue {cover.issue} was found but is not trained this week, "
                    "and no warning of the engine's leaves it out",
                )
                continue
            labels = sorted({g.label for g in missing})
            where = "here" if need == 1 else f"in {need} of the week's sessions"
            yield Violation(
                week=number,
                rule=cover.rule,
                message=f"{cover.what}, but there is no {' and no '.join(labels)} {where}",
            )
        if week.deload:
            continue
        rows = [(s.exercise, s.rx.sets) for s in week_slots if s.exercise is not None]
        total = sum(sets for ex, sets in rows if ex.role in CAPPED_ROLES)
        if total > demands.weekly_hard_max:
            yield Violation(
                week=number,
                message=f"{total} hard sets this week; at most {demands.weekly_hard_max}",
            )
        for vol in demands.volume:
            got = sum(s for ex, s in rows if vol.issue in ex.issues and ex.role in vol.roles)
            capped = sum(s for ex, s in rows if vol.issue in ex.issues and ex.role in CAPPED_ROLES)
            if capped > vol.cap:
                yield Violation(
                    week=number,
                    message=f"{capped} loading sets of {vol.issue} this week; at most {vol.cap}",
                )
            left = number in claims.left_out.get(vol.issue, ())
            if got < vol.floor and not left:
                short.setdefault(vol.issue, {})[number] = got
                if floor_claim(vol.issue) in claims.by:
                    ruling.setdefault(floor_claim(vol.issue), set()).update(_holding(None, demands))
    yield from _check_limits(per_week, before_sport)
    yield from _check_steps(per_week)
    yield from _check_one_rung(per_week)
    yield from _check_floors(per_week)
    yield from _check_claims(claims, short, unmet, asked_by)
    yield from _check_ruled_out(claims, ruling)


def _check_steps(
    per_week: Sequence[tuple[Week, Demands, list[_Slot], list[list[_Slot]]]],
) -> Iterator[Violation]:
    """A stepped rung only in a block after one that held its ladder's work: any
    earlier block, as a step once opened stays open (a block of the harder rung does
    not send the next one back down to the easier)."""
    held: dict[int, list[Exercise]] = {}
    for week, _, week_slots, _ in per_week:
        held.setdefault(week.block, []).extend(s.exercise for s in week_slots if s.exercise)
    # The exercises of the blocks before, once each, and whether they open a step, once
    # per block: every slot of every earlier week, for every step of every week, was
    # about 3 ms of checking a 24-week program.
    earlier: dict[int, list[Exercise]] = {}
    done: dict[str, Exercise] = {}
    for block in sorted(held):
        earlier[block] = list(done.values())
        for ex in held[block]:
            done.setdefault(ex.id, ex)
    opened: dict[tuple[int, Step], bool] = {}
    for week, demands, week_slots, _ in per_week:
        before = earlier[week.block]
        for step in demands.steps:
            ready = opened.get((week.block, step))
            if ready is None:
                ready = opened[week.block, step] = step.ready(before)
            if ready:
                continue
            for slot in week_slots:
                if slot.exercise is not None and step.gates(slot.exercise):
                    yield slot.violation(
                        f"work tagged {', '.join(sorted(step.tags & set(slot.exercise.tags)))}, "
                        f"but no block before held {' or '.join(sorted(step.families))} "
                        f"work{_tagged(step.after)}; rule {step.rule} comes to it only after "
                        "a block of the "
                        "easier rungs",
                        rule=step.rule,
                    )


def _tagged(tags: Iterable[str]) -> str:
    """`` tagged a or b`` for a step opened only by work with those tags, else ``""``."""
    return f" tagged {' or '.join(sorted(tags))}" if tags else ""


def _check_one_rung(
    per_week: Sequence[tuple[Week, Demands, list[_Slot], list[list[_Slot]]]],
) -> Iterator[Violation]:
    """One rung of a ladder per movement and role in a week, as the planner holds it: a
    harder rung one day and an easier one of the same movement another is a step back
    down the ladder within the week. Rows the journal adapted (one session's rung moved
    after its pain or effort) are its business, not the plan's."""
    for _, _, week_slots, _ in per_week:
        seen: dict[RungKey, _Slot] = {}
        for slot in week_slots:
            ex, rx = slot.exercise, slot.rx
            if ex is None or ex.role == "activation" or rx.ladder is None or _adapted(rx):
                continue
            key = rung_key(rx.ladder, ex)
            first = seen.setdefault(key, slot)
            if first.rx.rung != rx.rung:
                yield slot.violation(
                    f"rung {rx.rung} of the {rx.ladder} ladder in the same week as "
                    f"{first.rx.id} (rung {first.rx.rung}), the same movement: a week holds "
                    "one rung of a ladder per movement, so its sessions never step back down it"
                )


def _check_floors(
    per_week: Sequence[tuple[Week, Demands, list[_Slot], list[list[_Slot]]]],
) -> Iterator[Violation]:
    """A ladder is not stepped back down across blocks, where the program shows it
    could be climbed on: a block that holds a rung at or above the highest an earlier
    block reached (the ladder's floor, per :func:`~.demands.floor_key`) holds no
    training work below that floor, as the planner holds it. Not checked: a block
    holding only easier rungs (the checker cannot see whether its rules, equipment or
    minutes left a harder one usable); an easier rung that alone meets a demand's
    group (a two-handed deadlift the back asks for beside single-leg ones); a loaded
    strength lift (the planner keeps one the block before loaded, a preference the
    checker does not know); activation drills; rows an adaptation changed."""
    by_block: dict[int, list[tuple[Demands, _Slot, FloorKey]]] = {}
    for week, demands, week_slots, _ in per_week:
        for slot in week_slots:
            ex, rx = slot.exercise, slot.rx
            if ex is None or ex.role == "activation" or rx.ladder is None or rx.rung is None:
                continue
            if _adapted(rx):
                continue
            by_block.setdefault(week.block, []).append((demands, slot, floor_key(rx.ladder, ex)))
    floors: dict[FloorKey, int] = {}
    for block in sorted(by_block):
        entries = by_block[block]
        for demands, slot, key in entries:
            floor = floors.get(key)
            rung = slot.rx.rung
            ex = slot.exercise
            if floor is None or rung is None or ex is None or rung >= floor:
                continue
            if LOADED_LIFT.fits(ex):
                continue
            above = [
                s
                for _, s, k in entries
                if k == key and s.rx.rung is not None and s.rx.rung >= floor
            ]
            if not above:
                continue
            harder = [s.exercise for s in above if s.exercise is not None]
            groups = [g for cover in demands.coverage for g in cover.groups]
            if meets_alone(ex, harder, groups):
                continue
            yield slot.violation(
                f"rung {rung} of the {slot.rx.ladder} ladder after an earlier block reached "
                f"rung {floor}, in a block that holds {above[0].rx.id} (rung "
                f"{above[0].rx.rung}): a ladder is climbed, not stepped back down"
            )
        for _, slot, key in entries:
            if slot.rx.rung is not None:
                floors[key] = max(floors.get(key, slot.rx.rung), slot.rx.rung)


def _counted(lim: TagLimit, slot: _Slot) -> bool:
    """True when ``slot`` holds work ``lim`` counts, as dosed there (heavy or not)."""
    heavy = slot.rx.effort is not None and slot.rx.effort.heavy
    return slot.exercise is not None and lim.counts(slot.exercise, heavy)


def _check_limits(
    per_week: Sequence[tuple[Week, Demands, list[_Slot], list[list[_Slot]]]],
    before_sport: Collection[str] = (),
) -> Iterator[Violation]:
    """Tag limits: weekly sets, never on two days in a row (across weeks too; only
    the same exercise, for a limit on the same exercise), and never on the training
    days ``before_sport`` (the day before one of the person's sport days)."""
    days: dict[tuple[str, int], tuple[int, int]] = {}
    for wi, (week, demands, week_slots, sessions) in enumerate(per_week):
        for lim in demands.limits:
            if lim.before_sport:
                for si, slots in enumerate(sessions):
                    day = week.sessions[si].day
                    if day not in before_sport:
                        continue
                    held = [s.exercise.id for s in slots if s.exercise and _counted(lim, s)]
                    if held:
                        yield Violation(
                            week=week.number,
                            session=si + 1,
                            day=day,
                            rule=lim.rule,
                            message=f"{lim.what} ({', '.join(held)}) on the day before a "
                            f"sport day; rule {lim.rule} keeps it off that day",
                        )
            if lim.max_weekly_sets is not None:
                # The weaker side's extra sets are sets done too (the planner counts them).
                sets = sum(
                    s.rx.sets + (s.rx.extra.sets if s.rx.extra is not None else 0)
                    for s in week_slots
                    if _counted(lim, s)
                )
                if sets > lim.max_weekly_sets:
                    yield Violation(
                        week=week.number,
                        rule=lim.rule,
                        message=f"{sets} sets of {lim.what} this week; rule {lim.rule} "
                        f"allows {lim.max_weekly_sets}",
                    )
            if lim.per_session is not None:
                for si, slots in enumerate(sessions):
                    held = [s.exercise.id for s in slots if s.exercise and _counted(lim, s)]
                    if len(held) > lim.per_session:
                        yield Violation(
                            week=week.number,
                            session=si + 1,
                            day=week.sessions[si].day,
                            rule=lim.rule,
                            message=f"{len(held)} exercises of {lim.what} in one session "
                            f"({', '.join(held)}); rule {lim.rule} allows {lim.per_session}",
                        )
            if not lim.not_consecutive:
                continue
            what = lim.what
            for si, slots in enumerate(sessions):
                fitting = [s.exercise.id for s in slots if s.exercise and _counted(lim, s)]
                if not fitting:
                    continue
                session = week.sessions[si]
                ordinal = (
                    session.date.toordinal()
                    if session.date is not None
                    else wi * 7 + DAYS.index(session.day)
                )
                # A limit on the same exercise keeps each exercise apart, not all of them.
                keys = (
                    [f"the same exercise ({e}, {what})" for e in dict.fromkeys(fitting)]
                    if lim.same_exercise
                    else [what]
                )
                for key in keys:
                    for other in (ordinal - 1, ordinal + 1):
                        if (key, other) in days:
                            w, s = days[(key, other)]
                            yield Violation(
                                week=week.number,
                                session=si + 1,
                                day=session.day,
                                rule=lim.rule,
                                message=f"{key} here and in week {w}, session {s}, the day "
                                f"next to it; rule {lim.rule} allows it only on days apart",
                            )
                    days.setdefault((key, ordinal), (week.number, si + 1))


def _check_claims(
    claims: _Claims,
    short: Mapping[str, Mapping[int, int]],
    unmet: Mapping[str, set[int]],
    asked_by: Mapping[str, str | None] | None = None,
) -> Iterator[Violation]:
    """The engine's ``below_floor`` and ``unmet`` warnings say exactly what the program
    holds: every week short of an issue's floor, and every convention left unmet, is
    named, and nothing else. A demand's weeks that differ name the rule asking for it
    (``asked_by``), as its unmet demand would without the warning."""
    for issue in sorted(set(short) | set(claims.short)):
        actual = short.get(issue, {})
        weeks, detail = claims.short.get(issue, ((), None))
        fewest = str(min(actual.values())) if actual else None
        if tuple(sorted(actual)) != tuple(weeks) or detail != fewest:
            said = (
                f"says {detail} set(s) in weeks {', '.join(map(str, weeks))}"
                if weeks
                else "says nothing"
            )
            have = (
                f"{fewest} in weeks {', '.join(map(str, sorted(actual)))}"
                if actual
                else "none short"
            )
            yield Violation(
                message=f"{issue}'s weekly hard sets fall under the floor: the program {have}, "
                f"its warning {said}"
            )
    for what in sorted(set(unmet) | set(claims.unmet)):
        if unmet.get(what, set()) != claims.unmet.get(what, set()):
            yield Violation(
                rule=(asked_by or {}).get(what),
                message=f"'{what}': the weeks it is unmet and the weeks the warning names differ",
            )


def _total_sets(week: Week) -> int:
    return sum(rx.sets for s in week.sessions for rx in s.exercises)


def _check_deloads(weeks: Sequence[Week]) -> Iterator[Violation]:
    for wi, week in enumerate(weeks):
        if not week.deload:
            continue
        if wi == 0:
            yield Violation(week=week.number, message="the first week cannot be a deload")
            continue
        now, before = _total_sets(week), _total_sets(weeks[wi - 1])
        if now >= before:
            yield Violation(
                week=week.number,
                message=f"deload week with {now} sets, not fewer than the {before} of the "
                "week before",
            )


def _check_skeleton(
    program: Program, skeleton: Skeleton, safety: ProgramSafety | None = None
) -> Iterator[Violation]:
    """Phases, their words and the deload weeks are the engine's skeleton for this
    profile (it is arithmetic on the profile and its findings, and the goals on the
    rules of the phase's weeks)."""
    from .skeleton import phase_goal, phase_note

    have = [(p.kind, tuple(p.weeks)) for p in program.phases]
    want = [(kind, tuple(weeks)) for kind, weeks in skeleton.phases]
    if have != want:
        yield Violation(
            message="the phases are not the engine's for this profile: "
            + "; ".join(f"{k} weeks {w[0]}-{w[-1]}" for k, w in want)
        )
    for phase in program.phases:
        if phase.kind in PHASE_NAMES and (
            phase.name != PHASE_NAMES[phase.kind]
            or phase.goal != phase_goal(phase.kind, safety, phase.weeks)
            or (have == want and phase.note != phase_note(skeleton, phase.kind))
        ):
            yield Violation(message=f"the {phase.kind} phase is not worded as the engine words it")
    if skeleton.deloads and not any(w.deload for w in program.weeks):
        yield Violation(
            message=f"a program of {len(program.weeks)} weeks needs at least one deload week "
            "(every 4–6 weeks)"
        )
    # The layout rules themselves, on the program's own phases and deloads.
    for number, why in program_faults(
        [(p.kind, tuple(p.weeks)) for p in program.phases],
        [w.number for w in program.weeks if w.deload],
        skeleton.stages,
    ):
        yield Violation(week=number, message=why)
    kinds = {w: kind for kind, ws in skeleton.phases for w in ws}
    for week in program.weeks:
        if week.deload != (week.number in skeleton.deloads):
            what = "is a deload" if week.deload else "is not a deload"
            yield Violation(week=week.number, message=f"{what}, unlike the engine's skeleton")
        kind = kinds.get(week.number)
        if kind is not None and week.phase != PHASE_NAMES[kind]:
            yield Violation(week=week.number, message=f"phase {week.phase!r}, not the engine's")


def _check_consecutive(weeks: Sequence[Week], reg: Registry) -> Iterator[Violation]:
    """No identical loaded exercise on consecutive calendar days, across weeks too."""
    seen: dict[tuple[str, int], tuple[int, int]] = {}
    for wi, week in enumerate(weeks):
        for si, session in enumerate(week.sessions):
            if session.date is not None:
                ordinal = session.date.toordinal()
            else:
                ordinal = wi * 7 + DAYS.index(session.day)
            for slot in _slots(week, si + 1, session, reg):
                if slot.exercise is None or not slot.exercise.loaded:
                    continue
                ex_id = slot.exercise.id
                for other in (ordinal - 1, ordinal + 1):
                    if (ex_id, other) in seen:
                        w, s = seen[(ex_id, other)]
                        yield slot.violation(
                            f"the same loaded exercise is also in week {w}, session {s}, "
                            "the day next to it: not on consecutive days"
                        )
                seen.setdefault((ex_id, ordinal), (week.number, si + 1))


ADAPTED = "Adapted:"
"""How a row changed by the journal's adaptation starts its note (in ``why``): its dose
follows what the person did and felt, not the week-to-week dose rules below."""


def _adapted(rx: Prescription) -> bool:
    return ADAPTED in rx.why


def _against(
    weeks: Sequence[Week], reg: Registry, before_of: Callable[[int], Week | None]
) -> Iterator[tuple[Week, _Slot, Prescription]]:
    """Each row of a week with the same exercise's row in the week ``before_of`` gives for
    it (by index; None: the week is not compared), where it was done there."""
    for wi, week in enumerate(weeks):
        before = before_of(wi)
        if before is None:
            continue
        last = {rx.id: rx for session in before.sessions for rx in session.exercises}
        for si, session in enumerate(week.sessions):
            for slot in _slots(week, si + 1, session, reg):
                was = last.get(slot.rx.id)
                if was is not None:
                    yield before, slot, was


def _loading_pairs(weeks: Sequence[Week], reg: Registry) -> list[tuple[Week, _Slot, Prescription]]:
    """Each row of a loading week with the same exercise's row in the latest loading
    week before that did it (deloads skipped): an exercise resumed after a deload, or
    after blocks without it, is judged against where it stopped."""
    latest: dict[str, tuple[Week, Prescription]] = {}
    pairs: list[tuple[Week, _Slot, Prescription]] = []
    for week in weeks:
        if week.deload:
            continue
        for si, session in enumerate(week.sessions):
            for slot in _slots(week, si + 1, session, reg):
                if slot.rx.id in latest:
                    before, was = latest[slot.rx.id]
                    pairs.append((before, slot, was))
        for session in week.sessions:
            for rx in session.exercises:
                latest[rx.id] = (week, rx)
    return pairs


def _check_reps_with_effort(weeks: Sequence[Week], reg: Registry) -> Iterator[Violation]:
    """Work whose load cannot rise keeps its reps while the effort asked does not fall
    (:func:`~gluteus.engine.dosing.keeps_reps`), judged against the latest loading week
    before that did it (:func:`_loading_pairs`), so an exercise resumed after a deload,
    or after blocks without it, starts where it stopped rather than back at its first
    reps."""
    for before, slot, was in _loading_pairs(weeks, reg):
        rx = slot.rx
        if not was.reps or rx.reps is None or rx.effort is None:
            continue
        if _adapted(rx) or _adapted(was) or rx.load_type != was.load_type:
            continue
        floor = keeps_reps(rx.load_type, was.reps, was.effort, rx.effort)
        if floor is not None and rx.reps < floor:
            yield slot.violation(
                f"{rx.reps} reps after {was.reps} in week {before.number} at no easier "
                f"an effort, with a {rx.load_type} load that cannot get heavier"
            )


def _check_load_climbs(weeks: Sequence[Week], reg: Registry) -> Iterator[Violation]:
    """A weight named by its repetition maximum never gets lighter from one loading
    week to the next that does the exercise, within a block or across blocks
    (:func:`~gluteus.engine.dosing.lighter_load`); only a deload may lighten it."""
    for before, slot, was in _loading_pairs(weeks, reg):
        rx = slot.rx
        if rx.effort is None or was.effort is None or rx.load_type != "external":
            continue
        if _adapted(rx) or _adapted(was) or was.load_type != "external":
            continue
        if lighter_load(was.effort, rx.effort, rx.reps):
            assert rx.effort.rm is not None and was.effort.rm is not None
            yield slot.violation(
                f"a {_pair(rx.effort.rm)}RM load after {_pair(was.effort.rm)}RM in week "
                f"{before.number}: a lift's load gets lighter only in a deload"
            )


def _check_deload_effort(weeks: Sequence[Week], reg: Registry) -> Iterator[Violation]:
    """A deload says "an easier effort": its effort is below the week before's, for
    each exercise done in both."""

    def before_of(wi: int) -> Week | None:
        return weeks[wi - 1] if weeks[wi].deload and wi > 0 else None

    for before, slot, was in _against(weeks, reg, before_of):
        effort, then = slot.rx.effort, was.effort
        if effort is None or effort.rpe is None or then is None or then.rpe is None:
            continue
        if _adapted(slot.rx) or _adapted(was):
            continue
        if effort.rpe[1] >= then.rpe[1]:
            yield slot.violation(
                f"a deload at effort up to {effort.rpe[1]}/10, no easier than the "
                f"{then.rpe[1]}/10 of week {before.number}, yet it says an easier effort"
            )


def _check_amber_increases(
    weeks: Sequence[Week], reg: Registry, profile: Profile
) -> Iterator[Violation]:
    """With baseline pain already amber, every row that asks more than the week before
    (:func:`~gluteus.engine.amber_gate.asks_more`: a higher dose or effort, or an
    exercise new that week, as when a block changes) says it is taken only after green
    sessions (the traffic light holds the dose in amber), so the table and the notes
    agree."""
    if not amber_baseline(profile.pain):
        return
    for wi, week in enumerate(weeks):
        before = week_before(weeks, wi)
        if before is None:
            continue
        last = {rx.id: rx for session in before.sessions for rx in session.exercises}
        if any(_adapted(rx) for rx in last.values()):
            continue  # a journal rewrote last week: its own rules gate what follows
        for si, session in enumerate(week.sessions):
            for slot in _slots(week, si + 1, session, reg):
                rx, was = slot.rx, last.get(slot.rx.id)
                if GREEN_ONLY in rx.load or _adapted(rx) or not asks_more(rx, was):
                    continue
                what = (
                    f"new since week {before.number}" if was is None else "a dose above last week's"
                )
                yield slot.violation(
                    f"{what}, with pain already amber, that does not say it is taken "
                    "only after green sessions"
                )


def _check_referral(program: Program, referrals: tuple[Referral, ...]) -> list[Violation]:
    """A referral document: the referrals the red flags give, and nothing planned."""
    out = list(_check_referrals(program.referrals, referrals))
    out.extend(_check_findings(program.findings, ()))
    out.extend(_check_issues(program.issues, ()))
    out.extend(_check_safety(program, None))
    warned, _ = _check_warnings(program, program.profile, (), ())
    out.extend(warned)
    return out


def verify(
    program: Any, ctx: Context, *, schema: bool = True, screened: Screening | None = None
) -> list[Violation]:
    """Every way ``program`` (the program JSON as Python data, or a
    :class:`~gluteus.engine.program.Program`) breaks a rule or invariant.

    Empty when the program is safe and well formed. The document is first checked
    to be a program (plain JSON data with finite numbers, the JSON Schema); a broken
    document stops there. Then its embedded profile is rebuilt, re-screened and its
    restrictions recomputed from the plugins of ``ctx``, and everything the engine
    derives from the profile is held against the program's copy. The program's own
    findings, safety section, referrals and exercise facts are never trusted.
    ``schema=False`` skips the schema for a document that :meth:`Program.to_dict`
    just built (its shape is fixed by code, and tested against the schema); every
    rule and invariant is still checked.

    ``screened``, with a :class:`Program` the planner has just built from that very
    screening of its profile, skips the round trip through JSON data and the second
    screening: the program is still held against every rule and invariant, from the
    engine's screening rather than the program's copy of it.
    """
    if (
        screened is not None
        and isinstance(program, Program)
        and not schema
        and screened.profile == program.profile
        and screened.safety is not None
        and screened.person is not None
        and program.status != "referral"
    ):
        return _verify_planned(
            program,
            ctx,
            program.profile,
            screened.person,
            screened.findings,
            screened.safety,
        )
    from ..schemas import data_problems

    if isinstance(program, Program):
        program = program.to_dict()
    if schema or not isinstance(program, dict):
        out = schema_violations(program)
    else:
        out = [_located(program, path, msg) for path, msg in data_problems(program)]
    if out:
        return out
    try:
        profile = Profile.from_dict(program["profile"])
        from .loading import check_ids

        check_ids(profile, ctx.registry)
    except ProfileError as exc:
        return [Violation(message=f"the embedded profile is invalid: {exc}")]
    try:
        doc = structure_program(program, profile=profile)
    except ProfileError as exc:
        return [Violation(message=str(exc))]
    person = assess(profile, ctx.pm, ctx.registry)
    referrals = referrals_for(profile, ctx.registry, person)
    if referrals:
        if doc.status != "referral":
            flags = ", ".join(r.flag for r in referrals)
            return [Violation(message=f"red flag present ({flags}): a referral, never a program")]
        return _check_referral(doc, referrals)
    if doc.status == "referral":
        return [Violation(message="status is referral, but the profile has no red flag")]

    # Each plugin screens its own copy; the rules are matched against the engine's own.
    findings = screen(profile, ctx.pm, ctx.registry)
    safety = program_safety(profile, findings, ctx.registry, person)
    return _verify_planned(doc, ctx, profile, person, findings, safety)


def _verify_planned(
    doc: Program,
    ctx: Context,
    profile: Profile,
    person: PersonModel,
    findings: Sequence[Finding],
    safety: ProgramSafety,
) -> list[Violation]:
    """The checks of a planned program (not a referral) against the engine's own
    screening of its profile."""
    findings = tuple(findings)
    out: list[Violation] = []
    restrictions = safety.everywhere
    who = training(findings)
    skeleton = skeleton_for(profile, who, safety, person)
    weeks = doc.weeks
    warned, claims = _check_warnings(
        doc,
        profile,
        findings,
        {w.number for w in weeks},
        ctx.registry.safety_rules,
        ctx.registry.equipment,
    )

    out.extend(_check_findings(doc.findings, findings))
    out.extend(_check_issues(doc.issues, issue_info(ctx, tuple(f.issue for f in findings))))
    out.extend(_check_safety(doc, safety))
    out.extend(_check_person(doc, person))
    out.extend(warned)
    out.extend(_check_skeleton(doc, skeleton, safety))
    out.extend(_check_calendar(weeks, profile))
    out.extend(_check_minutes(weeks, profile))
    available = ctx.registry.available(profile.equipment)
    # A block's cues and doses follow the rules of all its weeks (as it was planned).
    blocks: dict[int, list[int]] = {}
    for week in weeks:
        blocks.setdefault(week.block, []).append(week.number)
    known = set(range(1, len(safety.weeks) + 1))
    block_rules = {
        b: safety.over(n for n in numbers if n in known) for b, numbers in blocks.items()
    }
    dose_texts: dict[tuple[int, str, int | None], _DoseTexts | None] = {}
    lifted = lifted_before(weeks)

    for week in weeks:
        block = block_rules[week.block]
        loaded = lifted[week.block]

        def doses(
            ex: Exercise,
            reps: int | None,
            block: Restrictions = block,
            key: int = week.block,
            loaded: frozenset[str] = loaded,
        ) -> Any:
            if (key, ex.id, reps) not in dose_texts:
                dose_texts[key, ex.id, reps] = _dose_texts(
                    ex, ctx.registry, profile.experience, block, reps, loaded
                )
            return dose_texts[key, ex.id, reps]

        # Each week against its own rules: a later trimester's apply from its week on.
        this_week = safety.at(week.number) if week.number in known else restrictions
        for si, session in enumerate(week.sessions):
            for slot in _slots(week, si + 1, session, ctx.registry):
                out.extend(
                    _check_exercise(
                        slot,
                        profile,
                        this_week,
                        block,
                        who,
                        doses,
                        available,
                        ctx.registry.tests,
                        loaded,
                    )
                )
    out.extend(
        _check_structure(
            weeks,
            safety,
            who,
            skeleton,
            claims,
            ctx.registry,
            profile.experience,
            available,
            profile.schedule.before_sport,
        )
    )
    out.extend(_check_deloads(weeks))
    out.extend(_check_consecutive(weeks, ctx.registry))
    out.extend(_check_reps_with_effort(weeks, ctx.registry))
    out.extend(_check_load_climbs(weeks, ctx.registry))
    out.extend(_check_deload_effort(weeks, ctx.registry))
    out.extend(_check_amber_increases(weeks, ctx.registry, profile))
    # Program-wide problems first, then in calendar order; stable within a place.
    return sorted(out, key=lambda v: (v.week is not None, v.week or 0, v.session or 0))
