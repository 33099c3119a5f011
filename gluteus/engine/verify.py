"""Verification: re-check a finished (possibly hand-edited) program against every rule.

:func:`verify` takes the program JSON as Python data and trusts nothing in it but
the profile: it validates the document against the shipped JSON Schema, rebuilds
the profile, screens it again and recomputes the safety restrictions from the
loaded plugins, then checks every exercise against the *catalogue's* facts (so a
hand-edited role, position or ``loaded`` flag cannot dodge a rule) and every
structural invariant of a program. ``generate`` runs it before anything is written;
``gluteus check`` runs it on a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .errors import ProfileError
from .model import DAYS, Exercise, Requirement, SafetyRule
from .profile import Profile
from .safety import Restrictions, exclusion_reasons, found_issues, restrictions_for
from .screening import referrals_for, screen

if TYPE_CHECKING:
    from .api import Context
    from .registry import Registry

# Session minutes are rounded to 0.1 in the JSON; a hand-computed sum may differ by
# rounding alone, never by more than this.
MINUTES_TOLERANCE = 0.05

# The engine's own invariant, checked even when no plugin rule asks for it (issue 4:
# "activation before any loaded exercise"); a plugin rule with the same demand is
# checked under its own id instead.
ACTIVATION_FIRST = Requirement(kind="before_loaded", roles=("activation",))

# EVIDENCE.md §3: no supine exercise after the first trimester (guidance summaries
# [V]); the built-in rules also exclude prone lying. Checked directly, whatever the
# loaded rules say.
PREGNANCY_POSITIONS = ("supine", "prone")

DELOAD_FROM_WEEKS = 6
"""Programs at least this long must hold a deload week (EVIDENCE.md §2: every 4–6 weeks)."""


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


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


# --- Walking the program ------------------------------------------------------------


@frozen
class _Slot:
    """One exercise in its place: week/session (1-based), day and its index in the session."""

    week: int
    session: int
    day: str
    index: int
    data: Mapping[str, Any]
    exercise: Exercise | None  # the catalogue entry; None when the id is unknown

    def violation(self, message: str, rule: str | None = None) -> Violation:
        return Violation(
            week=self.week,
            session=self.session,
            day=self.day,
            exercise=str(self.data["id"]),
            rule=rule,
            message=message,
        )


def _week_no(week: Mapping[str, Any], index: int) -> int:
    number = week.get("number")
    return number if isinstance(number, int) else index + 1


def _slots(session: Mapping[str, Any], week: int, number: int, reg: Registry) -> list[_Slot]:
    return [
        _Slot(week, number, session["day"], i, ex, reg.exercises.get(ex["id"]))
        for i, ex in enumerate(session["exercises"])
    ]


def _sessions(weeks: Sequence[Mapping[str, Any]]) -> Iterator[tuple[int, int, Mapping[str, Any]]]:
    for wi, week in enumerate(weeks):
        for si, session in enumerate(week["sessions"]):
            yield _week_no(week, wi), si + 1, session


def _session_violation(week: int, session: int, data: Mapping[str, Any], msg: str) -> Violation:
    return Violation(week=week, session=session, day=data.get("day"), message=msg)


def _named_in(issue: str, warnings: Iterable[str]) -> bool:
    pattern = re.compile(rf"(?<![\w-]){re.escape(issue)}(?![\w-])")
    return any(pattern.search(w) for w in warnings)


def _rule_for(req: Requirement, rules: Iterable[SafetyRule]) -> str | None:
    """The id of the first applicable rule that makes ``req`` (directly or by substitution)."""
    for rule in rules:
        if req in rule.requires:
            return rule.id
        if req.kind == "weekly" and any(to == req.roles for _, to in rule.substitute):
            return rule.id
    return None


# --- Schema -------------------------------------------------------------------------


def _json_path(path: Iterable[Any]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def schema_violations(program: Any) -> list[Violation]:
    """One violation per place where ``program`` breaks the program JSON Schema.

    Each names the JSON path (``$.weeks[2].sessions[0].exercises[1].sets``) and,
    where the path runs through a week, session or exercise, locates it there too.
    """
    from ..schemas import program_validator

    errors = sorted(
        program_validator().iter_errors(program),
        # Indexes compare as numbers (weeks[10] after weeks[2]), keys as text.
        key=lambda e: (
            [f"{p:09d}" if isinstance(p, int) else p for p in e.absolute_path],
            e.message,
        ),
    )
    out: list[Violation] = []
    for error in errors:
        path = list(error.absolute_path)
        where: dict[str, Any] = {}
        try:
            if len(path) >= 2 and path[0] == "weeks" and isinstance(path[1], int):
                week = program["weeks"][path[1]]
                where["week"] = _week_no(week, path[1]) if isinstance(week, dict) else path[1] + 1
                if len(path) >= 4 and path[2] == "sessions" and isinstance(path[3], int):
                    where["session"] = path[3] + 1
                    session = week["sessions"][path[3]]
                    if isinstance(session.get("day"), str):
                        where["day"] = session["day"]
                    if len(path) >= 6 and path[4] == "exercises" and isinstance(path[5], int):
                        ex_id = session["exercises"][path[5]].get("id")
                        where["exercise"] = ex_id if isinstance(ex_id, str) else None
        except (AttributeError, IndexError, KeyError, TypeError):
            pass  # malformed on the way down: the path alone still locates it
        out.append(Violation(message=f"{_json_path(path)}: {_shorten(error.message)}", **where))
    return out


# --- The checks ---------------------------------------------------------------------


def _check_calendar(weeks: Sequence[Mapping[str, Any]], profile: Profile) -> Iterator[Violation]:
    """Weeks, sessions and days as the profile asks; dates on their days, a week apart."""
    schedule = profile.schedule
    if len(weeks) != schedule.weeks:
        yield Violation(message=f"{len(weeks)} weeks, but the profile asks for {schedule.weeks}")
    for i, week in enumerate(weeks):
        if week["number"] != i + 1:
            yield Violation(
                week=week["number"], message=f"week numbered {week['number']}, expected {i + 1}"
            )
    days = profile.days
    first_dates: dict[int, dt.date] = {}
    for wi, week in enumerate(weeks):
        number = _week_no(week, wi)
        sessions = week["sessions"]
        if len(sessions) != schedule.sessions_per_week:
            yield Violation(
                week=number,
                message=f"{len(sessions)} sessions, but the profile asks for "
                f"{schedule.sessions_per_week} a week",
            )
        got_days = [s["day"] for s in sessions]
        if got_days != list(days[: len(got_days)]) or len(got_days) > len(days):
            yield Violation(
                week=number,
                message=f"sessions on {', '.join(got_days)}; the profile's days are "
                f"{', '.join(days)}",
            )
        for si, session in enumerate(sessions):
            yield from _check_date(number, wi, si, session, profile.start, first_dates)


def _check_date(
    week: int,
    week_index: int,
    index: int,
    session: Mapping[str, Any],
    start: dt.date | None,
    first_dates: dict[int, dt.date],
) -> Iterator[Violation]:
    raw = session["date"]
    if start is None:
        if raw is not None:
            yield _session_violation(
                week, index + 1, session, f"dated {raw}, but the profile has no start date"
            )
        return
    if raw is None:
        yield _session_violation(
            week, index + 1, session, f"no date, but the profile starts on {start.isoformat()}"
        )
        return
    date = dt.date.fromisoformat(raw)  # the schema checked the format
    day = session["day"]
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
        if date > start + dt.timedelta(days=6):
            yield _session_violation(
                week,
                index + 1,
                session,
                f"dated {raw}, outside the first week from {start.isoformat()}",
            )
    elif index in first_dates:
        expected = first_dates[index] + dt.timedelta(weeks=week_index)
        if date != expected:
            yield _session_violation(
                week,
                index + 1,
                session,
                f"dated {raw}; {week_index} week(s) after the first week's session it should "
                f"be {expected.isoformat()}",
            )


def _check_minutes(weeks: Sequence[Mapping[str, Any]], profile: Profile) -> Iterator[Violation]:
    """A session's minutes are the sum of its exercises' and fit the time budget."""
    budget = profile.schedule.minutes_per_session
    for week, number, session in _sessions(weeks):
        total = sum(float(ex["minutes"]) for ex in session["exercises"])
        stated = float(session["minutes"])
        if abs(total - stated) > MINUTES_TOLERANCE:
            yield _session_violation(
                week,
                number,
                session,
                f"session minutes {stated:g} but its exercises add up to {total:.1f}",
            )
        longest = max(total, stated)
        if longest > budget + 1e-9:
            yield _session_violation(
                week,
                number,
                session,
                f"takes {longest:.1f} minutes, over the {budget} minutes per session",
            )


def _check_exercise(
    slot: _Slot, profile: Profile, restrictions: Restrictions, reg: Registry
) -> Iterator[Violation]:
    """One exercise against the catalogue, the person's equipment and preferences, and
    every applicable rule; rules are judged on the catalogue's facts, not the file's."""
    data, ex = slot.data, slot.exercise
    if ex is None:
        yield slot.violation("no loaded plugin has an exercise with this id")
        return
    mismatches = []
    for key in ("role", "position", "loaded"):
        if data[key] != getattr(ex, key):
            mismatches.append(f"{key} {data[key]!r} (the catalogue says {getattr(ex, key)!r})")
    for key in ("planes", "equipment"):
        if set(data[key]) != set(getattr(ex, key)):
            mismatches.append(
                f"{key} {list(data[key])} (the catalogue says {list(getattr(ex, key))})"
            )
    extra_issues = sorted(set(data["issues"]) - set(ex.issues))
    if extra_issues:
        mismatches.append(f"issues {extra_issues} it does not serve")
    for text in mismatches:
        yield slot.violation(f"does not match the catalogue: {text}")
    if (data["reps"] is None) == (data["hold_s"] is None):
        yield slot.violation("needs exactly one of reps and hold_s")
    floor = _least_minutes(data, ex)
    if floor is not None and data["minutes"] + MINUTES_TOLERANCE < floor:
        # A hand-edited dose (more sets, reps or longer holds) cannot sneak past the
        # time budget by leaving the minutes as they were.
        yield slot.violation(
            f"says {data['minutes']:g} minutes, but {_dose_words(data)} takes at least {floor:.1f}"
        )
    missing = sorted(set(ex.equipment) - set(profile.equipment))
    if missing:
        yield slot.violation(f"needs {', '.join(missing)}, which the profile does not list")
    if ex.id in profile.preferences.avoid:
        yield slot.violation("the profile asks to avoid this exercise")
    for rule in restrictions.rules:
        why = exclusion_reasons(ex, rule)
        if why:
            yield slot.violation(f"excluded by rule {rule.id}: {'; '.join(why)}", rule=rule.id)
        cap = rule.cap
        if cap is None:
            continue
        if cap.max_sets is not None and data["sets"] > cap.max_sets:
            yield slot.violation(
                f"{data['sets']} sets, over the cap of {cap.max_sets} set by rule {rule.id}",
                rule=rule.id,
            )
        hold = data["hold_s"]
        if cap.max_hold_s is not None and hold is not None and hold > cap.max_hold_s:
            yield slot.violation(
                f"{hold} s hold, over the cap of {cap.max_hold_s} s set by rule {rule.id}",
                rule=rule.id,
            )
    if (
        "pregnancy" in profile.precautions
        and (profile.pregnancy_trimester or 0) >= 2
        and ex.position in PREGNANCY_POSITIONS
        # Already reported under the rule that excludes the position, by its id.
        and not any(ex.position in r.exclude_positions for r in restrictions.rules)
    ):
        yield slot.violation(
            f"{ex.position} position in trimester {profile.pregnancy_trimester} of pregnancy: "
            "no supine or prone exercise after the first trimester"
        )


def _least_minutes(data: Mapping[str, Any], ex: Exercise) -> float | None:
    """The least time a dose can take: the work of every set and the rest between sets.

    Deliberately a lower bound (one side only, no transitions, no rest after the last
    set), so any honest way of counting time is above it.
    """
    if data["hold_s"] is not None:
        work = float(data["hold_s"])
    elif data["reps"] is not None and ex.seconds_per_rep is not None:
        work = data["reps"] * ex.seconds_per_rep
    else:
        return None
    sets = data["sets"]
    return (sets * work + (sets - 1) * data["rest_s"]) / 60


def _dose_words(data: Mapping[str, Any]) -> str:
    each = f"{data['hold_s']} s holds" if data["hold_s"] is not None else f"{data['reps']} reps"
    return f"{data['sets']} sets of {each} with {data['rest_s']} s rest"


def _check_before_loaded(
    slots: Sequence[_Slot], req: Requirement, rule: str | None
) -> Iterator[Violation]:
    """Exercises of ``req.roles`` come before any loaded exercise, and each loaded one
    has such a drill for one of its targets earlier in the session."""
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
                f"{what} work after loaded work; {by} puts {what} first", rule=rule
            )
        if not ex.loaded:
            continue
        loaded_seen = True
        if ex.role in roles:
            continue  # a loaded drill of the required role is its own preparation
        earlier = [s for s in known[:i] if drill(s)]
        if not earlier:
            yield slot.violation(
                f"loaded exercise before any {what} work; {by} requires {what} first",
                rule=rule,
            )
        elif not any(set(ex.targets) & set(s.exercise.targets) for s in earlier if s.exercise):
            yield slot.violation(
                f"loaded exercise with no earlier {what} drill for its target "
                f"({', '.join(ex.targets)}); {by} requires one",
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


def _check_weekly(
    number: int,
    slots: Sequence[_Slot],
    req: Requirement,
    rule: str | None,
) -> Iterator[Violation]:
    exercises = [
        s.exercise
        for s in slots
        if s.exercise is not None and (req.issue is None or req.issue in s.exercise.issues)
    ]
    planes = {p for ex in exercises for p in ex.planes}
    roles = {ex.role for ex in exercises}
    whose = f"{req.issue} " if req.issue else ""
    by = f"rule {rule}" if rule else "a rule"
    for wanted, have, what in ((req.planes, planes, "plane"), (req.roles, roles, "role")):
        if not wanted:
            continue
        missing = [w for w in wanted if w not in have]
        if req.each and missing:
            yield Violation(
                week=number,
                rule=rule,
                message=f"no {whose}work in the {', '.join(missing)} {what}(s) this week; "
                f"{by} requires {', '.join(wanted)} every non-deload week",
            )
        elif not req.each and len(missing) == len(wanted):
            yield Violation(
                week=number,
                rule=rule,
                message=f"no {whose}work of any {what} of {', '.join(wanted)} this week; "
                f"{by} requires one every non-deload week",
            )


def _check_structure(
    weeks: Sequence[Mapping[str, Any]],
    restrictions: Restrictions,
    found: Sequence[str],
    warnings: Sequence[str],
    reg: Registry,
) -> Iterator[Violation]:
    """Requirements of the applicable rules, the engine's activation-first invariant,
    and weekly work for every issue found."""
    reqs = [(req, _rule_for(req, restrictions.rules)) for req in restrictions.requirements]
    if not any(req.kind == "before_loaded" for req, _ in reqs):
        reqs.insert(0, (ACTIVATION_FIRST, None))
    for wi, week in enumerate(weeks):
        number = _week_no(week, wi)
        week_slots: list[_Slot] = []
        for si, session in enumerate(week["sessions"]):
            slots = _slots(session, number, si + 1, reg)
            week_slots.extend(slots)
            for req, rule in reqs:
                if req.kind == "before_loaded":
                    yield from _check_before_loaded(slots, req, rule)
                elif req.kind == "session_opens":
                    yield from _check_opens(slots, req, rule)
        if week["deload"]:
            continue
        for req, rule in reqs:
            # An issue the person was told was left out (time too short) cannot have
            # its weekly work; the warning is the honest answer.
            if req.kind == "weekly" and not (req.issue and _named_in(req.issue, warnings)):
                yield from _check_weekly(number, week_slots, req, rule)
        trained = {i for s in week_slots if s.exercise is not None for i in s.exercise.issues}
        for issue in found:
            if issue not in trained and not _named_in(issue, warnings):
                yield Violation(
                    week=number,
                    message=f"issue {issue} was found but is not trained this week, "
                    "and no warning names it",
                )


def _total_sets(week: Mapping[str, Any]) -> int:
    return sum(ex["sets"] for s in week["sessions"] for ex in s["exercises"])


def _check_deloads(weeks: Sequence[Mapping[str, Any]]) -> Iterator[Violation]:
    if len(weeks) >= DELOAD_FROM_WEEKS and not any(w["deload"] for w in weeks):
        yield Violation(
            message=f"a program of {len(weeks)} weeks needs at least one deload week "
            "(every 4–6 weeks)"
        )
    for wi, week in enumerate(weeks):
        if not week["deload"]:
            continue
        number = _week_no(week, wi)
        if wi == 0:
            yield Violation(week=number, message="the first week cannot be a deload")
            continue
        now, before = _total_sets(week), _total_sets(weeks[wi - 1])
        if now >= before:
            yield Violation(
                week=number,
                message=f"deload week with {now} sets, not fewer than the {before} of the "
                "week before",
            )


def _check_consecutive(weeks: Sequence[Mapping[str, Any]], reg: Registry) -> Iterator[Violation]:
    """No identical loaded exercise on consecutive calendar days, across weeks too."""
    seen: dict[tuple[str, int], tuple[int, int]] = {}
    for wi, week in enumerate(weeks):
        number = _week_no(week, wi)
        for si, session in enumerate(week["sessions"]):
            if session["date"] is not None:
                ordinal = dt.date.fromisoformat(session["date"]).toordinal()
            else:
                ordinal = wi * 7 + DAYS.index(session["day"])
            for slot in _slots(session, number, si + 1, reg):
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
                seen.setdefault((ex_id, ordinal), (number, si + 1))


def _check_findings(program: Mapping[str, Any], findings: Iterable[Any]) -> Iterator[Violation]:
    """The program's findings must be what screening the profile finds now."""
    stated = {f["issue"]: (f["severity"], f["focus"]) for f in program["findings"]}
    actual = {f.issue: (f.severity, f.focus) for f in findings}
    for issue in sorted(set(stated) | set(actual)):
        if stated.get(issue) != actual.get(issue):
            want = actual.get(issue)
            got = stated.get(issue)
            yield Violation(
                message=f"finding {issue}: the program says "
                + (f"severity {got[0]}{' (focus)' if got[1] else ''}" if got else "nothing")
                + ", screening the profile gives "
                + (f"severity {want[0]}{' (focus)' if want[1] else ''}" if want else "nothing")
            )


def verify(program: Any, ctx: Context, *, schema: bool = True) -> list[Violation]:
    """Every way ``program`` (the program JSON as Python data) breaks a rule or invariant.

    Empty when the program is safe and well formed. The document is first checked
    against the JSON Schema (a broken document stops there); then its embedded
    profile is rebuilt, re-screened and its restrictions recomputed from the plugins
    of ``ctx``. The program's own findings and exercise facts are never trusted for
    safety. ``schema=False`` skips the schema for a document that
    :meth:`Program.to_dict` just built (its shape is fixed by code, and tested
    against the schema); every rule and invariant is still checked.
    """
    out = schema_violations(program) if schema else []
    if out:
        return out
    try:
        profile = Profile.from_dict(program["profile"])
        from .loading import check_ids

        check_ids(profile, ctx.registry)
    except ProfileError as exc:
        return [Violation(message=f"the embedded profile is invalid: {exc}")]
    weeks: list[dict[str, Any]] = program["weeks"]
    referrals = referrals_for(profile, ctx.registry)
    if referrals:
        if program["status"] != "referral":
            flags = ", ".join(r.flag for r in referrals)
            out.append(
                Violation(message=f"red flag present ({flags}): a referral, never a program")
            )
        return out
    if program["status"] == "referral":
        return [Violation(message="status is referral, but the profile has no red flag")]

    findings = screen(profile, ctx.pm, ctx.registry)
    restrictions = restrictions_for(profile, findings, ctx.registry)
    found = found_issues(findings)
    warnings: list[str] = program["warnings"]

    out.extend(_check_findings(program, findings))
    out.extend(_check_calendar(weeks, profile))
    out.extend(_check_minutes(weeks, profile))
    for wi, week in enumerate(weeks):
        for si, session in enumerate(week["sessions"]):
            for slot in _slots(session, _week_no(week, wi), si + 1, ctx.registry):
                out.extend(_check_exercise(slot, profile, restrictions, ctx.registry))
    out.extend(_check_structure(weeks, restrictions, found, warnings, ctx.registry))
    out.extend(_check_deloads(weeks))
    out.extend(_check_consecutive(weeks, ctx.registry))
    # Program-wide problems first, then in calendar order; stable within a place.
    return sorted(out, key=lambda v: (v.week is not None, v.week or 0, v.session or 0))
