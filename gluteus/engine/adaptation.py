"""What a journal says about the next sessions: the data of adaptation, and its reading.

Two kinds of data meet here, both immutable:

- **Adaptation rules**, contributed by plugins through the
  ``register_adaptation_rules`` hook: the pain traffic light's thresholds
  (:class:`PainRule`), the criteria gate for moving up a ladder
  (:class:`ProgressRule`), when repeated red sessions call for a clinician
  (:class:`ReferralRule`), what missed sessions do to the calendar
  (:class:`MissedRule`) and when to re-take the profile's tests
  (:class:`RetestRule`). A rule may be scoped to issues, so a plugin adapts its
  own content; where several rules fit an exercise the most cautious wins.
- **Entries**: what happened in one session (:class:`Entry`), built from plain
  data by :meth:`Entry.from_dict`, which names the key path of anything wrong.

:func:`rate_pain` gives one session's traffic-light colour with its reasons
(:class:`Verdict`), and :func:`rising_regions` the regions whose weekly worst pain
rose; :mod:`gluteus.engine.adapt` reads a journal with them. Both are pure: the same
entries always give the same reading.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from attrs import field, frozen

from .errors import ProfileError
from .model import EVIDENCE_LEVELS, PAIN_REGIONS
from .traffic_light import AMBER_FROM, AMBER_MAX, green_line

COLOURS: tuple[str, ...] = ("green", "amber", "red")
STATUSES: tuple[str, ...] = ("done", "skipped")
MAX_NOTE = 500
"""The note is the only free text the journal keeps; a few sentences are enough."""
MAX_EFFORT = 10.0


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _tuple_of_str(value: Iterable[str] | str) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


# --- Rules: what plugins contribute -------------------------------------------------


@frozen(kw_only=True)
class AdaptationRule:
    """Common to every adaptation rule: an id, what it does in words, its source.

    ``issues`` scopes a rule to the exercises that serve one of these issues (a
    plugin adapting its own content); empty means every exercise. ``source`` is a
    source key some plugin declares, ``evidence`` one of the evidence levels.
    """

    id: str
    description: str
    source: str
    evidence: str = field(validator=attrs.validators.in_(EVIDENCE_LEVELS))
    issues: tuple[str, ...] = field(default=(), converter=_tuple_of_str)

    def fits(self, issues: Iterable[str]) -> bool:
        """True when the rule applies to an exercise serving ``issues``."""
        return not self.issues or bool(set(self.issues) & set(issues))


@frozen(kw_only=True)
class PainRule(AdaptationRule):
    """The pain traffic light as thresholds on a 0–10 scale.

    Pain during or after a session up to ``green_max`` is green, up to
    ``amber_max`` amber, above it red. Pain the next morning more than
    ``morning_margin`` above the person's usual pain in that region (the profile's
    ``pain``) has not settled: red. A region whose worst pain in a week rose above
    the week before and reached ``rising_from`` is rising week to week: red.
    """

    # The program's own traffic light, stated once (Silbernagel 2007).
    green_max: int = AMBER_FROM - 1
    amber_max: int = AMBER_MAX
    morning_margin: int = 1
    rising_from: int = AMBER_FROM
    recent_weeks: int = 2


@frozen(kw_only=True)
class ProgressRule(AdaptationRule):
    """The criteria gate for moving an exercise up its ladder.

    The last ``sessions`` sessions that held the exercise were all green with a
    normal next-morning response, the prescribed sets and reps (or holds) were
    reached, and effort stayed at or below ``max_rpe`` (1–2 reps in reserve).
    """

    sessions: int = 3
    max_rpe: float = 8.0


@frozen(kw_only=True)
class ReferralRule(AdaptationRule):
    """``red_sessions`` red sessions in one region within ``within_weeks`` weeks:
    suggest seeing ``see``, saying ``message``."""

    red_sessions: int = 3
    within_weeks: int = 2
    see: str = "a physiotherapist or your doctor"
    message: str = ""


@frozen(kw_only=True)
class MissedRule(AdaptationRule):
    """A week in which at least ``missed_share`` of the sessions were skipped is done
    again rather than jumped over; the last block is shortened so the program ends
    when it was meant to."""

    missed_share: float = 0.5


@frozen(kw_only=True)
class RetestRule(AdaptationRule):
    """At the end of each phase, re-take the profile's tests (``message`` says how);
    new results are screened again."""

    message: str = ""


RULE_KINDS: tuple[type[AdaptationRule], ...] = (
    PainRule,
    ProgressRule,
    ReferralRule,
    MissedRule,
    RetestRule,
)


@frozen
class Rules:
    """Every adaptation rule the loaded plugins contribute, by kind, in registration order."""

    pain: tuple[PainRule, ...] = field(default=(), converter=_tuple)
    progress: tuple[ProgressRule, ...] = field(default=(), converter=_tuple)
    referral: tuple[ReferralRule, ...] = field(default=(), converter=_tuple)
    missed: tuple[MissedRule, ...] = field(default=(), converter=_tuple)
    retest: tuple[RetestRule, ...] = field(default=(), converter=_tuple)

    @classmethod
    def of(cls, rules: Iterable[AdaptationRule]) -> Rules:
        """Sort ``rules`` by kind."""
        rules = list(rules)
        return cls(
            pain=[r for r in rules if isinstance(r, PainRule)],
            progress=[r for r in rules if isinstance(r, ProgressRule)],
            referral=[r for r in rules if isinstance(r, ReferralRule)],
            missed=[r for r in rules if isinstance(r, MissedRule)],
            retest=[r for r in rules if isinstance(r, RetestRule)],
        )

    def pain_for(self, issues: Iterable[str] = ()) -> PainRule | None:
        """The most cautious pain rule for an exercise serving ``issues`` (None: no rule)."""
        fitting = [r for r in self.pain if r.fits(issues)]
        if not fitting:
            return None
        return min(fitting, key=lambda r: (r.amber_max, r.green_max, r.morning_margin, r.id))

    def progress_for(self, issues: Iterable[str]) -> ProgressRule | None:
        """The most demanding progress gate for an exercise serving ``issues``."""
        fitting = [r for r in self.progress if r.fits(issues)]
        if not fitting:
            return None
        return max(fitting, key=lambda r: (r.sessions, -r.max_rpe, r.id))

    def missed_rule(self) -> MissedRule | None:
        """The most cautious missed-sessions rule."""
        return min(self.missed, key=lambda r: (r.missed_share, r.id)) if self.missed else None


# --- Entries: what happened in a session ---------------------------------------------


@frozen
class PainRating:
    """Pain in one region, 0–10: during the session, after it, and the next morning."""

    region: str
    during: int | None = None
    after: int | None = None
    next_morning: int | None = None

    @property
    def peak(self) -> int:
        """The worst of during and after (0 when neither was rated)."""
        return max((v for v in (self.during, self.after) if v is not None), default=0)

    def to_dict(self) -> dict[str, Any]:
        """As entry data."""
        return {"during": self.during, "after": self.after, "next_morning": self.next_morning}


@frozen
class ExerciseResult:
    """What was done of one prescribed exercise. ``None`` fields mean "as prescribed";
    ``sets`` 0 means it was left out. ``effort`` is RPE 0–10; ``pain`` 0–10 during it."""

    exercise: str
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    effort: float | None = None
    pain: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """As entry data (only what was given)."""
        out: dict[str, Any] = {}
        for key in ("sets", "reps", "hold_s", "effort", "pain"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@frozen
class Entry:
    """One session of a program: done or skipped, with what was done and felt.

    ``week`` and ``session`` (1-based) place it in the program's calendar. For a
    done session, ``exercises`` lists the exercises that differed from the
    prescription (the rest were done as prescribed); ``effort`` is the session's
    RPE; ``pain`` one rating per region that hurt (a region not rated counts as no
    pain); ``tests`` re-taken test results, keyed as in the profile; ``note`` the
    only free text.
    """

    week: int
    session: int
    status: str = "done"
    date: dt.date | None = None
    effort: float | None = None
    pain: tuple[PainRating, ...] = field(default=(), converter=_tuple)
    exercises: tuple[ExerciseResult, ...] = field(default=(), converter=_tuple)
    tests: tuple[tuple[str, Any], ...] = field(default=(), converter=_tuple)
    note: str | None = None

    @property
    def slot(self) -> tuple[int, int]:
        """``(week, session)``: where the entry sits in the calendar."""
        return (self.week, self.session)

    @property
    def done(self) -> bool:
        """True for a session that was done (not skipped)."""
        return self.status == "done"

    def result_for(self, exercise: str) -> ExerciseResult | None:
        """What was recorded for ``exercise`` (None: done as prescribed)."""
        for result in self.exercises:
            if result.exercise == exercise:
                return result
        return None

    def to_dict(self) -> dict[str, Any]:
        """The entry as plain data, the form :meth:`from_dict` reads (and export writes)."""
        out: dict[str, Any] = {"week": self.week, "session": self.session, "status": self.status}
        if self.date is not None:
            out["date"] = self.date.isoformat()
        if self.effort is not None:
            out["effort"] = self.effort
        if self.pain:
            out["pain"] = {p.region: p.to_dict() for p in self.pain}
        if self.exercises:
            out["exercises"] = {r.exercise: r.to_dict() for r in self.exercises}
        if self.tests:
            out["tests"] = {name: value for name, value in self.tests}
        if self.note is not None:
            out["note"] = self.note
        return out

    @classmethod
    def from_dict(
        cls, data: Any, *, source: str | None = None, path: Sequence[str | int] = ()
    ) -> Entry:
        """Validate one entry's plain data (as parsed from YAML or JSON).

        Raises :class:`~gluteus.ProfileError` naming ``source``, the key path (under
        ``path``), what was expected, what was found and the closest valid key.
        """
        return _EntryReader(source, tuple(path)).entry(data)


ENTRY_KEYS = ("week", "session", "status", "date", "effort", "pain", "exercises", "tests", "note")
PAIN_KEYS = ("during", "after", "next_morning")
RESULT_KEYS = ("sets", "reps", "hold_s", "effort", "pain")


class _EntryReader:
    """Checks entry data key by key; the first problem becomes one ProfileError."""

    def __init__(self, source: str | None, prefix: tuple[str | int, ...]) -> None:
        self.source = source
        self.prefix = prefix

    def fail(
        self,
        path: Sequence[str | int],
        expected: str,
        value: Any = None,
        *,
        found: str | None = None,
        suggestion: str | None = None,
        message: str | None = None,
    ) -> Any:
        from .messages import describe, path_text

        found_text = found if found is not None else describe(value)
        raise ProfileError(
            message or f"expected {expected}, found {found_text}",
            file=self.source,
            path=path_text([*self.prefix, *path]) or None,
            expected=expected,
            found=found_text,
            suggestion=suggestion,
        )

    def mapping(self, value: Any, path: list[str | int], keys: Sequence[str]) -> dict[str, Any]:
        from .messages import closest

        if not isinstance(value, Mapping):
            self.fail(path, f"a mapping with keys such as {', '.join(keys[:4])}", value)
        for key in value:
            if not isinstance(key, str) or key not in keys:
                self.fail(
                    [*path, str(key)],
                    f"one of the keys {', '.join(keys)}",
                    key,
                    message=f"unknown key {key!r}; expected one of {', '.join(keys)}",
                    suggestion=closest(key, keys),
                )
        return dict(value)

    def integer(self, value: Any, path: list[str | int], low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(path, f"a whole number from {low} to {high}", value)
        return int(value)

    def number(self, value: Any, path: list[str | int], low: float, high: float) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or value != value or not low <= value <= high:
            self.fail(path, f"a number from {low:g} to {high:g}", value)
        return float(value)

    def entry(self, data: Any) -> Entry:
        from .messages import closest

        raw = self.mapping(data, [], ENTRY_KEYS)
        for key in ("week", "session"):
            if key not in raw:
                self.fail(
                    [key], "a whole number", message=f"missing required key {key!r} (a number)"
                )
        week = self.integer(raw["week"], ["week"], 1, 52)
        session = self.integer(raw["session"], ["session"], 1, 7)
        status = raw.get("status", "done")
        if status not in STATUSES:
            self.fail(["status"], "done or skipped", status, suggestion=closest(status, STATUSES))
        date = None
        if raw.get("date") is not None:
            value = raw["date"]
            if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
                self.fail(["date"], "a date, YYYY-MM-DD", value)
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    self.fail(["date"], "a date, YYYY-MM-DD", value)
            date = value
        effort = None
        if raw.get("effort") is not None:
            effort = self.number(raw["effort"], ["effort"], 0, MAX_EFFORT)
        pain = self.pain(raw.get("pain"))
        exercises = self.results(raw.get("exercises"))
        tests = self.tests(raw.get("tests"))
        note = raw.get("note")
        if note is not None:
            from .messages import printable

            if not isinstance(note, str):
                self.fail(["note"], "text", note)
            if len(note) > MAX_NOTE:
                self.fail(
                    ["note"], f"at most {MAX_NOTE} characters", found=f"{len(note)} characters"
                )
            if not printable(note.replace("\n", " ")):
                self.fail(["note"], "text without control characters", found="a control character")
            note = note.strip() or None
        if status == "skipped" and (exercises or pain or effort is not None):
            self.fail(
                ["status"],
                "done, for a session with exercises, effort or pain",
                status,
                message="a skipped session has no exercises, effort or pain; "
                "set status: done or leave those out",
            )
        return Entry(
            week=week,
            session=session,
            status=status,
            date=date,
            effort=effort,
            pain=pain,
            exercises=exercises,
            tests=tests,
            note=note,
        )

    def pain(self, value: Any) -> tuple[PainRating, ...]:
        if value is None:
            return ()
        raw = self.mapping(value, ["pain"], PAIN_REGIONS)
        out = []
        for region in PAIN_REGIONS:
            if region not in raw or raw[region] is None:
                continue
            item = raw[region]
            path: list[str | int] = ["pain", region]
            if isinstance(item, Mapping):
                rated = self.mapping(item, path, PAIN_KEYS)
                values = {
                    k: None if rated.get(k) is None else self.integer(rated[k], [*path, k], 0, 10)
                    for k in PAIN_KEYS
                }
                out.append(PainRating(region, **values))
            else:
                # A bare number is the pain during the session, the common case.
                out.append(PainRating(region, during=self.integer(item, path, 0, 10)))
        return tuple(out)

    def results(self, value: Any) -> tuple[ExerciseResult, ...]:
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self.fail(["exercises"], "a mapping of exercise id to what was done", value)
        out = []
        for ex_id, item in value.items():
            path: list[str | int] = ["exercises", str(ex_id)]
            if not isinstance(ex_id, str):
                self.fail(path, "an exercise id", ex_id)
            if item is None:
                out.append(ExerciseResult(ex_id))
                continue
            raw = self.mapping(item, path, RESULT_KEYS)
            out.append(
                ExerciseResult(
                    exercise=ex_id,
                    sets=None
                    if raw.get("sets") is None
                    else self.integer(raw["sets"], [*path, "sets"], 0, 20),
                    reps=None
                    if raw.get("reps") is None
                    else self.integer(raw["reps"], [*path, "reps"], 0, 200),
                    hold_s=None
                    if raw.get("hold_s") is None
                    else self.integer(raw["hold_s"], [*path, "hold_s"], 0, 600),
                    effort=None
                    if raw.get("effort") is None
                    else self.number(raw["effort"], [*path, "effort"], 0, MAX_EFFORT),
                    pain=None
                    if raw.get("pain") is None
                    else self.integer(raw["pain"], [*path, "pain"], 0, 10),
                )
            )
        return tuple(sorted(out, key=lambda r: r.exercise))

    def tests(self, value: Any) -> tuple[tuple[str, Any], ...]:
        if value is None:
            return ()
        if not isinstance(value, Mapping) or not value:
            self.fail(["tests"], "a mapping of test results, keyed as in the profile", value)
        # The values are checked against the profile's own rules when the entry is
        # read with its program (check_entries), which knows every test key.
        return tuple(sorted((str(k), _plain(v)) for k, v in value.items()))


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


# --- Reading a journal -----------------------------------------------------------------


@frozen
class Verdict:
    """A session's traffic-light colour, and why, in words (empty reasons for green)."""

    colour: str
    reasons: tuple[str, ...] = field(default=(), converter=_tuple)
    red_regions: tuple[str, ...] = field(default=(), converter=_tuple)


def _worse(a: str, b: str) -> str:
    return a if COLOURS.index(a) >= COLOURS.index(b) else b


def rate_pain(
    entry: Entry,
    usual: Mapping[str, int],
    rule: PainRule,
    rising: Mapping[str, int] | None = None,
) -> Verdict:
    """The colour of one session from its pain ratings.

    ``usual`` is the person's usual pain per region (the profile's ``pain``);
    ``rising`` maps a region whose weekly worst rose to last week's worst. Green is read
    against the usual pain, as the program's traffic light says
    (:func:`~.traffic_light.green_line`): pain no worse than usual is green where that is
    above ``green_max``, and for such a place a next morning a point above usual (within
    ``morning_margin``) is amber, not yet settled.
    """
    colour = "green"
    reasons: list[str] = []
    red: list[str] = []
    for rating in entry.pain:
        region = rating.region.replace("_", " ")
        peak = rating.peak
        base = usual.get(rating.region) or 0
        green = green_line(base, rule.green_max, rule.amber_max)
        if peak > rule.amber_max:
            colour = "red"
            red.append(rating.region)
            reasons.append(f"{region} pain {peak}/10, over {rule.amber_max}")
        elif peak > green:
            colour = _worse(colour, "amber")
            above = f", above your usual {base}/10" if green > rule.green_max else ""
            reasons.append(f"{region} pain {peak}/10, in the amber zone{above}")
        morning = rating.next_morning
        if morning is not None and morning > base + rule.morning_margin:
            colour = "red"
            if rating.region not in red:
                red.append(rating.region)
            reasons.append(
                f"{region} pain {morning}/10 the next morning, not back to your usual {base}/10"
            )
        elif morning is not None and morning > base and green > rule.green_max:
            colour = _worse(colour, "amber")
            reasons.append(
                f"{region} pain {morning}/10 the next morning, above your usual {base}/10: "
                "not quite settled"
            )
        rose_from = rising.get(rating.region) if rising else None
        if (
            rose_from is not None
            and rose_from >= rule.rising_from
            and rose_from < peak <= rule.amber_max
        ):
            colour = "red"
            if rating.region not in red:
                red.append(rating.region)
            reasons.append(f"{region} pain rose week to week ({rose_from} → {peak}/10)")
    return Verdict(colour, reasons, red)


def rising_regions(entries: Sequence[Entry]) -> dict[tuple[int, str], int]:
    """``(week, region) -> last week's worst`` where a region's weekly worst pain rose.

    Weeks compare with the previous week that has a done session.
    """
    worst: dict[int, dict[str, int]] = {}
    for entry in entries:
        if not entry.done:
            continue
        week = worst.setdefault(entry.week, {})
        for rating in entry.pain:
            week[rating.region] = max(week.get(rating.region, 0), rating.peak)
    out: dict[tuple[int, str], int] = {}
    weeks = sorted(worst)
    for before, now in itertools.pairwise(weeks):
        for region, level in worst[now].items():
            previous = worst[before].get(region, 0)
            if level > previous and previous >= 1:
                out[(now, region)] = previous
    return out
