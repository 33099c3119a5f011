"""Adaptation: re-plan a program's remaining weeks from what its journal records.

:func:`adapt` is pure: a program and the entries logged against it in, the
adapted program out; the same program and entries always give the same program,
byte for byte, and adapting twice with the same entries changes nothing the
second time. Weeks already done are never touched. The decisions follow the
adaptation rules the loaded plugins contribute (:mod:`.adaptation`), after the
pain-monitoring model (Silbernagel 2007) and the criteria gate of the ladders:

- **regress** an exercise whose last session was red (pain over 5/10, not settled
  by the next morning, or rising week to week): one rung down its ladder, or,
  with no allowed rung below, fewer sets at the block's first dose;
- **hold** one whose last session was amber: no dose above the last one done,
  for the rest of the block;
- **progress** one whose last sessions were green at the full dose with effort in
  range, while the person's latest session is green too: one rung up its ladder,
  when the person's equipment, safety rules, phase and time allow the next rung;
- **repeat the week** after a week with too many sessions missed (the weeks after
  it move one week later and the last is dropped, so the program still ends when
  planned; only where that keeps the skeleton's deloads and phases in place);
- suggest a **referral** after several red sessions in one region, and prompt a
  **re-test** at the end of each phase; new test results are screened again.

Every row an adaptation writes is the row the planner would write for that
exercise in that week: dosed by the dosing rules under the safety rules of all
the weeks of its block, with effort, family, load type and the weaker side's extra
sets on the same row, in the planner's session order. The adapted program passes
the same verification as a generated one: each candidate is verified, and a change
that would break a rule is left out of that session for the whole block (a
regression then falls back to a lighter dose). How the remaining weeks are
transformed is in :mod:`.replan`, the one module that uses the engine's internals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy
from attrs import field, frozen

from . import replan
from .adaptation import (
    RULE_KINDS,
    AdaptationRule,
    Entry,
    PainRating,
    PainRule,
    Rules,
    Verdict,
    rate_pain,
    rising_regions,
)
from .errors import PluginError, ProfileError
from .model import PAIN_REGIONS
from .program import Prescription, Program, Session, Week
from .traffic_light import green_line

if TYPE_CHECKING:
    from .dosing import Dose
    from .replan import Person

MAX_ROUNDS = 6
"""Verification rounds before every change is given up (each round leaves out what
the last one broke)."""

SETTLE_ROUNDS = 3
"""Passes of the decisions over their own result, at most; a pass that changes nothing
ends them."""

MOVED_UP = "Adapted: Moved up from"
MOVED_DOWN = "Adapted: Moved down from"
"""How the ``why`` of a rung an adaptation moved to begins its note."""


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@frozen
class Change:
    """One decision, in words: what changes (or is suggested) and why.

    ``kind``: ``progress``, ``regress``, ``hold``, ``keep`` (criteria met but the
    next rung is not allowed yet), ``repeat_week``, ``refer``, ``retest`` or
    ``rescreen``. ``exercise``/``to`` name exercise ids; ``weeks`` where the change
    lands; ``rule`` the adaptation rule behind it.
    """

    kind: str
    reason: str
    exercise: str | None = None
    to: str | None = None
    weeks: tuple[int, ...] = field(default=(), converter=_tuple)
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON data."""
        return {
            "kind": self.kind,
            "exercise": self.exercise,
            "to": self.to,
            "weeks": list(self.weeks),
            "rule": self.rule,
            "reason": self.reason,
        }

    def __str__(self) -> str:
        where = ""
        if self.weeks:
            first, last = self.weeks[0], self.weeks[-1]
            where = f"week {first}: " if first == last else f"weeks {first}-{last}: "
        what = {
            "progress": f"{self.exercise} → {self.to} (up a rung)",
            "regress": f"{self.exercise} → {self.to} (down a rung)"
            if self.to
            else f"{self.exercise}: lighter dose",
            "hold": f"{self.exercise}: same dose as last time",
            "keep": f"{self.exercise}: stays",
            "repeat_week": "the week is repeated",
            "refer": "see a clinician",
            "retest": "re-take your tests",
            "rescreen": "screening re-run",
        }.get(self.kind, self.kind)
        return f"{where}{what}: {self.reason}"


@frozen
class Adaptation:
    """The adapted program and every decision behind it.

    ``through`` is the last session the entries reach (``(week, session)``) and
    ``next`` the next session due (None when the program is finished).
    """

    program: Program
    changes: tuple[Change, ...] = field(converter=_tuple)
    through: tuple[int, int] | None
    next: tuple[int, int] | None

    @property
    def changed(self) -> bool:
        """True when the program differs from the one adapted."""
        return any(c.kind in ("progress", "regress", "hold", "repeat_week") for c in self.changes)


# --- Rules from the plugins -----------------------------------------------------------------


def adaptation_rules(ctx: Any) -> Rules:
    """Every adaptation rule the loaded plugins contribute, checked: a list of rules,
    ids unique, sources declared. A malformed contribution is a PluginError naming
    the plugin."""
    from .registry import call_each

    seen: dict[str, str] = {}
    rules: list[AdaptationRule] = []
    for name, result in call_each(ctx.pm, "register_adaptation_rules"):
        if result is None:
            continue
        if not isinstance(result, list | tuple):
            raise PluginError(
                name,
                f"hook register_adaptation_rules returned {type(result).__name__}, expected a list",
            )
        for rule in result:
            if not isinstance(rule, RULE_KINDS):
                raise PluginError(
                    name,
                    f"hook register_adaptation_rules returned a {type(rule).__name__} in its "
                    "list, expected an adaptation rule (PainRule, ProgressRule, ReferralRule, "
                    "MissedRule or RetestRule)",
                )
            if rule.id in seen:
                raise PluginError(
                    name, f"adaptation rule id {rule.id!r} is already declared by {seen[rule.id]!r}"
                )
            if rule.source not in ctx.registry.sources:
                raise PluginError(
                    name, f"adaptation rule {rule.id!r} cites unknown source {rule.source!r}"
                )
            seen[rule.id] = name
            rules.append(rule)
    return Rules.of(rules)


# --- Entries against their program ----------------------------------------------------------


def check_entries(
    program: Program,
    entries: Iterable[Entry | Mapping[str, Any]],
    *,
    source: str | None = None,
    path: Sequence[str | int] | None = ("entries",),
) -> list[Entry]:
    """``entries`` as :class:`Entry` objects, each checked against ``program``.

    The week and session must exist, an exercise must be in that session, test
    results must be valid profile tests, and a session may be logged once. Raises
    :class:`~gluteus.ProfileError` naming the entry's key path.
    """
    from .messages import closest, path_text

    out: list[Entry] = []
    seen: dict[tuple[int, int], int] = {}
    for i, item in enumerate(entries):
        where: list[str | int] = [*path, i] if path is not None else []
        entry = (
            item if isinstance(item, Entry) else Entry.from_dict(item, source=source, path=where)
        )

        def fail(
            sub: list[str | int], message: str, where: list[str | int] = where, **kw: Any
        ) -> Any:
            raise ProfileError(message, file=source, path=path_text([*where, *sub]), **kw)

        weeks = len(program.weeks)
        if entry.week > weeks:
            fail(["week"], f"expected a week from 1 to {weeks}, found {entry.week}")
        sessions = program.weeks[entry.week - 1].sessions
        if entry.session > len(sessions):
            fail(
                ["session"],
                f"expected a session from 1 to {len(sessions)} of week {entry.week}, "
                f"found {entry.session}",
            )
        if entry.slot in seen:
            fail(
                [],
                f"week {entry.week}, session {entry.session} is logged twice "
                f"(also entry {seen[entry.slot] + 1})",
            )
        seen[entry.slot] = i
        ids = [rx.id for rx in sessions[entry.session - 1].exercises]
        for result in entry.exercises:
            if result.exercise not in ids:
                fail(
                    ["exercises", result.exercise],
                    f"{result.exercise!r} is not in week {entry.week}, session "
                    f"{entry.session}; expected one of {', '.join(dict.fromkeys(ids))}",
                    expected="an exercise of that session",
                    found=repr(result.exercise),
                    suggestion=closest(result.exercise, ids),
                )
        if entry.tests:
            _merged_profile(program, [entry], source=source, path=where)
        out.append(entry)
    return sorted(out, key=lambda e: e.slot)


def _merged_profile(
    program: Program,
    entries: Sequence[Entry],
    *,
    source: str | None = None,
    path: Sequence[str | int] = (),
) -> Any:
    """The program's profile with the test results of ``entries`` (later ones win),
    validated by the profile's own rules."""
    from .messages import path_text
    from .profile import Profile

    data = program.profile.to_dict()
    tests = {k: v for k, v in (data.get("tests") or {}).items() if v is not None}
    for entry in entries:
        tests.update(dict(entry.tests))
    data["tests"] = tests
    try:
        return Profile.from_dict(data)
    except ProfileError as exc:
        raise ProfileError(
            exc.message,
            file=source,
            path=path_text([*path, *(exc.path or "").split(".")]) if exc.path else None,
            expected=exc.expected,
            found=exc.found,
            suggestion=exc.suggestion,
        ) from None


# --- The decisions -----------------------------------------------------------------------------


@frozen
class _Decision:
    kind: str  # progress | regress | hold
    exercise: str
    reason: str
    rule: str | None
    last: Prescription  # the prescription of the last session that held it
    done: tuple[int, int, int | None]  # sets, reps, hold done last time
    target: str | None = None


def _slots(program: Program) -> dict[tuple[int, int], Session]:
    return {(w.number, i + 1): s for w in program.weeks for i, s in enumerate(w.sessions)}


def _next_slot(program: Program, slot: tuple[int, int]) -> tuple[int, int] | None:
    week, session = slot
    if session < len(program.weeks[week - 1].sessions):
        return (week, session + 1)
    if week < len(program.weeks):
        return (week + 1, 1)
    return None


def _main_rows(session: Session) -> dict[str, Prescription]:
    """Each exercise's row in a session, by id (the weaker side's extra sets are on the
    same row)."""
    return {rx.id: rx for rx in session.exercises}


class _Journal:
    """The entries read against the program with the rules: colours and evidence."""

    def __init__(self, program: Program, entries: Sequence[Entry], rules: Rules) -> None:
        self.program = program
        self.entries = entries
        self.rules = rules
        self.slots = _slots(program)
        self.usual = {r: program.profile.pain.get(r) for r in PAIN_REGIONS}
        rising = rising_regions(entries)
        self.rising: dict[int, dict[str, int]] = {}
        for (week, region), before in rising.items():
            self.rising.setdefault(week, {})[region] = before
        self.done = [e for e in entries if e.done]

    def verdict(self, entry: Entry, rule: PainRule) -> Verdict:
        return rate_pain(entry, self.usual, rule, self.rising.get(entry.week))

    def exercise_verdict(self, entry: Entry, exercise: str, rule: PainRule) -> Verdict:
        result = entry.result_for(exercise)
        if result is None or result.pain is None:
            return self.verdict(entry, rule)
        # Its own rating replaces the session's during/after pain; the next morning
        # still counts for the whole session.
        morning = attrs.evolve(
            entry,
            pain=tuple(PainRating(p.region, next_morning=p.next_morning) for p in entry.pain),
        )
        base = rate_pain(morning, self.usual, rule)
        own = result.pain
        if own > rule.amber_max:
            return Verdict(
                "red", (f"pain {own}/10 during it, over {rule.amber_max}", *base.reasons)
            )
        if base.colour == "red":
            return base
        # A rating of the exercise names no region: it is read against the person's
        # worst usual pain, as the program's traffic light is.
        green = green_line(
            max(self.program.profile.pain.values(), default=0), rule.green_max, rule.amber_max
        )
        if own > green:
            return Verdict("amber", (f"pain {own}/10 during it, in the amber zone",))
        return base

    def evidence(self) -> dict[str, list[tuple[Entry, Prescription]]]:
        """Per exercise id, the done sessions that held it, in calendar order."""
        out: dict[str, list[tuple[Entry, Prescription]]] = {}
        for entry in self.done:
            for ex_id, rx in _main_rows(self.slots[entry.slot]).items():
                result = entry.result_for(ex_id)
                if result is not None and result.sets == 0:
                    continue  # left out that day: no evidence either way
                out.setdefault(ex_id, []).append((entry, rx))
        return out


def _done(entry: Entry, rx: Prescription) -> tuple[int, int, int | None]:
    result = entry.result_for(rx.id)
    sets = result.sets if result is not None and result.sets is not None else rx.sets
    reps = result.reps if result is not None and result.reps is not None else (rx.reps or 0)
    hold = result.hold_s if result is not None and result.hold_s is not None else rx.hold_s
    return sets, reps, hold


def _full_dose(entry: Entry, rx: Prescription) -> bool:
    sets, reps, hold = _done(entry, rx)
    if sets < rx.sets:
        return False
    if rx.reps is not None and reps < rx.reps:
        return False
    return not (rx.hold_s is not None and (hold or 0) < rx.hold_s)


def _effort(entry: Entry, exercise: str) -> float | None:
    result = entry.result_for(exercise)
    if result is not None and result.effort is not None:
        return result.effort
    return entry.effort


def _decide(journal: _Journal, who: Person) -> tuple[list[_Decision], list[Change]]:
    rules = journal.rules
    general = rules.pain_for(())
    decisions: list[_Decision] = []
    notes: list[Change] = []
    if general is None:
        return decisions, notes
    latest = journal.done[-1] if journal.done else None
    latest_week = journal.entries[-1].week if journal.entries else 0
    now = journal.verdict(latest, general) if latest is not None else None
    # No step up while a recent session was red: the flare must have settled first.
    flared = any(
        journal.verdict(e, general).colour == "red"
        for e in journal.done
        if e.week > latest_week - general.recent_weeks
    )
    for ex_id, evidence in sorted(journal.evidence().items()):
        exercise = who.exercise(ex_id)
        issues = exercise.issues if exercise is not None else ()
        pain_rule = rules.pain_for(issues) or general
        entry, rx = evidence[-1]
        verdict = journal.exercise_verdict(entry, ex_id, pain_rule)
        when = f"week {entry.week}, session {entry.session}"
        if verdict.colour != "green" and entry.week <= latest_week - pain_rule.recent_weeks:
            # A flare weeks ago, with sessions since: the person's latest sessions tell
            # more about today than the last time this exercise was done.
            continue
        if verdict.colour == "red":
            decisions.append(
                _Decision(
                    "regress",
                    ex_id,
                    f"red in {when}: {'; '.join(verdict.reasons)}",
                    pain_rule.id,
                    rx,
                    _done(entry, rx),
                )
            )
            continue
        if verdict.colour == "amber":
            decisions.append(
                _Decision(
                    "hold",
                    ex_id,
                    f"amber in {when}: {'; '.join(verdict.reasons)}",
                    pain_rule.id,
                    rx,
                    _done(entry, rx),
                )
            )
            continue
        gate = rules.progress_for(issues)
        if gate is None or now is None or now.colour != "green" or flared:
            continue
        recent = evidence[-gate.sessions :]
        if len(recent) < gate.sessions:
            continue
        if not all(
            journal.exercise_verdict(e, ex_id, pain_rule).colour == "green"
            and _full_dose(e, r)
            and (_effort(e, ex_id) is None or (_effort(e, ex_id) or 0) <= gate.max_rpe)
            for e, r in recent
        ):
            continue
        decisions.append(
            _Decision(
                "progress",
                ex_id,
                f"{gate.sessions} sessions in a row green with a settled next morning, the full "
                f"dose done and effort at most RPE {gate.max_rpe:g} (the last in {when})",
                gate.id,
                rx,
                _done(entry, rx),
            )
        )
    return decisions, notes


def _targets(decisions: Sequence[_Decision], who: Person) -> dict[str, _Decision]:
    """Each decision with the exercise it moves to: one rung up, or down the ladder past
    any rung that went red too."""
    by_id = {d.exercise: d for d in decisions}
    out: dict[str, _Decision] = {}
    for d in decisions:
        if d.kind not in ("progress", "regress"):
            out[d.exercise] = d
            continue
        seen = {d.exercise}
        current = d.exercise
        ladder = d.last.ladder
        target: str | None = None
        while True:
            below, above = replan.neighbours(who, current, ladder)
            step = below if d.kind == "regress" else above
            if step is None or step in seen:
                break
            other = by_id.get(step)
            if d.kind == "progress" and other is not None and other.kind != "progress":
                break  # the next rung went amber or red last time it was done
            target = step
            seen.add(step)
            # Up: one rung at a time. Down: on past a rung that went red too.
            if d.kind == "progress" or other is None or other.kind != d.kind:
                break
            current = step
        out[d.exercise] = attrs.evolve(d, target=target)
    return out


# --- Week-level decisions ------------------------------------------------------------------------


def _already_repeated(before: Week, after: Week) -> bool:
    """True when ``after`` is ``before`` done again (with rungs swapped or doses lowered)."""
    if before.block != after.block or after.deload or len(before.sessions) != len(after.sessions):
        return False
    for a, b in zip(before.sessions, after.sessions, strict=True):
        if len(a.exercises) != len(b.exercises):
            return False
        for x, y in zip(a.exercises, b.exercises, strict=True):
            if x.id == y.id:
                if y.sets > x.sets or (y.reps or 0) > (x.reps or 0):
                    return False
                if (y.hold_s or 0) > (x.hold_s or 0):
                    return False
            elif x.ladder is None or x.ladder != y.ladder:
                return False
    return True


def _repeat(program: Program, week: int) -> Program:
    """Week ``week`` done again in the next week; the rest one week later, the last
    week dropped so the program ends when planned."""
    weeks = list(program.weeks)
    moved: list[Week] = []
    contents = [weeks[week - 1], *weeks[week:-1]]
    for slot, content in zip(weeks[week:], contents, strict=True):
        sessions = tuple(
            attrs.evolve(content_session, date=calendar.date, day=calendar.day)
            for content_session, calendar in zip(content.sessions, slot.sessions, strict=True)
        )
        moved.append(attrs.evolve(content, number=slot.number, sessions=sessions))
    return replan.with_weeks(program, weeks[:week] + moved)


# --- Applying the decisions --------------------------------------------------------------------


@frozen
class _Plan:
    """What to change: per exercise the decision, and the swaps and weeks left out."""

    decisions: Mapping[str, _Decision]
    no_swap: frozenset[tuple[int, int, str]] = frozenset()  # (block, session, exercise)
    no_change: frozenset[tuple[int, int, str]] = frozenset()
    blocked: dict[str, str] = field(factory=dict, eq=False)


def _apply(
    program: Program,
    plan: _Plan,
    start: tuple[int, int],
    who: Person,
) -> tuple[Program, dict[tuple[int, int, str], tuple[str, str | None]]]:
    """The remaining sessions (from ``start``) with every decision applied.

    Returns the program and, per changed ``(week, session, new id)``, the decision's
    exercise and the swap target (None for a dose change).
    """
    where = replan.places(program)
    current_block = where[start[0]].block
    applied: dict[tuple[int, int, str], tuple[str, str | None]] = {}
    # Per (block, new exercise): the loading weeks it has had and its last dose, so a new
    # rung starts at its rule's first dose and climbs week by week from there.
    steps: dict[tuple[tuple[int, ...], str], int] = {}
    last_dose: dict[tuple[tuple[int, ...], str, int], Dose] = {}
    weeks: list[Week] = []
    for week in program.weeks:
        if week.number < start[0]:
            weeks.append(week)
            continue
        place = where[week.number]
        sessions: list[Session] = []
        stepped: set[str] = set()
        for index, session in enumerate(week.sessions, start=1):
            if (week.number, index) < start:
                sessions.append(session)
                continue
            rows: list[Prescription] = []
            present = {rx.id: rx.family for rx in session.exercises}
            changed = False
            for rx in session.exercises:
                decision = plan.decisions.get(rx.id)
                key = (week.block, index, rx.id)
                if decision is None or key in plan.no_change or not _acts_on(decision, rx):
                    rows.append(rx)
                    continue
                new = _change(
                    decision,
                    rx,
                    place,
                    week.block,
                    index,
                    place.block == current_block,
                    present,
                    plan,
                    who,
                    steps,
                    last_dose,
                    stepped,
                )
                if new is None:
                    rows.append(rx)
                    continue
                row, target = new
                applied[(week.number, index, row.id)] = (decision.exercise, target)
                rows.append(row)
                changed = True
            if changed:
                rows = list(replan.ordered(who, place, rows))
            sessions.append(attrs.evolve(session, exercises=tuple(rows)))
        for ex_id in stepped:
            steps[(place.block, ex_id)] = steps.get((place.block, ex_id), 0) + 1
        weeks.append(attrs.evolve(week, sessions=tuple(sessions)))
    return replan.with_weeks(program, weeks), applied


def _acts_on(decision: _Decision, rx: Prescription) -> bool:
    """True when ``decision`` may change the row ``rx``.

    Not when the row was already changed for this very decision (its words carry the
    decision's reason, which names the sessions it rests on), and not a rung an
    adaptation moved to while the decision rests only on sessions done before it:
    the person has not done that row yet, so the same evidence must not move it again
    (one rung at a time, and adapting twice with the same entries changes nothing).
    """
    if decision.reason in rx.why:
        return False
    return not _moved(rx) or _moved(decision.last)


def _moved(rx: Prescription) -> bool:
    """True for a rung an adaptation moved to."""
    return MOVED_UP in rx.why or MOVED_DOWN in rx.why


def _change(
    decision: _Decision,
    rx: Prescription,
    place: replan.Place,
    week_block: int,
    index: int,
    current_block: bool,
    present: Mapping[str, str],
    plan: _Plan,
    who: Person,
    steps: dict[tuple[tuple[int, ...], str], int],
    last_dose: dict[tuple[tuple[int, ...], str, int], Dose],
    stepped: set[str],
) -> tuple[Prescription, str | None] | None:
    target_id = decision.target
    swap_ok = target_id is not None and target_id not in present
    if target_id is not None and (week_block, index, rx.id) in plan.no_swap:
        swap_ok = False
        plan.blocked.setdefault(
            rx.id,
            f"{target_id} would not fit the session's minutes or would break a program rule "
            "(such as an activation drill before loaded work)",
        )
    target = who.exercise(target_id) if swap_ok and target_id is not None else None
    if target is not None:
        # One variant of a movement per session: the rung may not join another variant.
        other = next(
            (i for i, family in present.items() if family == target.family and i != rx.id), None
        )
        if other is not None:
            swap_ok = False
            plan.blocked.setdefault(
                rx.id, f"{target_id} would join {other}, a variant of the same movement"
            )
    if swap_ok and target_id is not None:
        refusal = replan.why_not(who, target, place) if target is not None else "it is unknown"
        if refusal is not None:
            plan.blocked.setdefault(rx.id, f"{target_id} is not allowed yet: {refusal}")
        if target is not None and refusal is None:
            key = (place.block, target_id)
            if place.is_deload:
                before = last_dose.get((place.block, target_id, index))
                dose = replan.planned_dose(
                    who,
                    target,
                    place,
                    0,
                    deload_after=before or replan.planned_dose(who, target, place, 0),
                )
            else:
                dose = replan.planned_dose(who, target, place, steps.get(key, 0))
                stepped.add(target_id)
            if dose is not None:
                if not place.is_deload:
                    last_dose[(place.block, target_id, index)] = dose
                verb = MOVED_UP if decision.kind == "progress" else MOVED_DOWN
                row = replan.prescription(
                    who,
                    target,
                    dose,
                    place,
                    extra=replan.extra_for(who, target),
                    ladder=replan.ladder_place(who, target_id, rx.ladder),
                    note=f"{verb} {rx.name}: {decision.reason}.",
                )
                return row, target_id
    if decision.kind == "progress":
        return None
    # Hold, or a regression with no rung to go to: a lighter dose, in this block only.
    if not current_block or place.is_deload:
        return None
    sets, reps, hold = decision.done
    if decision.kind == "hold":
        new_sets = min(rx.sets, sets)
        new_reps = min(rx.reps, reps) if rx.reps is not None else None
        new_hold = min(rx.hold_s, hold or rx.hold_s) if rx.hold_s is not None else None
        note = f"Adapted: same dose as last time: {decision.reason}."
    else:
        exercise = who.exercise(rx.id)
        first = replan.planned_dose(who, exercise, place, 0) if exercise is not None else None
        new_sets = min(rx.sets, max(1, sets - 1))
        new_reps = rx.reps
        new_hold = rx.hold_s
        if first is not None:
            new_reps = min(rx.reps, first.reps) if rx.reps is not None and first.reps else rx.reps
            new_hold = (
                min(rx.hold_s, first.hold_s)
                if rx.hold_s is not None and first.hold_s
                else rx.hold_s
            )
        note = f"Adapted: a lighter dose: {decision.reason}."
    if (new_sets, new_reps, new_hold) == (rx.sets, rx.reps, rx.hold_s):
        return None
    lighter = replan.redose(
        who, rx, place, sets=new_sets, reps=new_reps, hold_s=new_hold, note=note
    )
    if lighter is None:
        return None
    return lighter, None


def _over_budget(program: Program, start: tuple[int, int]) -> list[tuple[int, int]]:
    limit = replan.budget(program.profile)
    return [
        (w.number, i)
        for w in program.weeks
        for i, s in enumerate(w.sessions, start=1)
        if (w.number, i) >= start and s.minutes > limit + 1e-9
    ]


# --- The whole adaptation ----------------------------------------------------------------------


def adaptation(
    program: Program | Mapping[str, Any],
    entries: Iterable[Entry | Mapping[str, Any]],
    *,
    plugins: pluggy.PluginManager | None = None,
) -> Adaptation:
    """Adapt ``program`` to ``entries``: the new program and every decision, in words.

    ``program`` is a :class:`~gluteus.Program` or its JSON as Python data;
    ``entries`` are :class:`~gluteus.engine.adaptation.Entry` objects or their data.
    Raises :class:`~gluteus.ProfileError` for an entry that does not fit the program.
    """
    ctx = replan.context(plugins)
    original = replan.as_program(program)
    if original.status != "ok":
        raise ProfileError("a referral has no sessions to adapt")
    checked = check_entries(original, entries)
    rules = adaptation_rules(ctx)
    if not checked:
        return Adaptation(original, (), None, (1, 1) if original.weeks else None)
    through = checked[-1].slot
    start = _next_slot(original, through)
    changes: list[Change] = []
    who = replan.person(original.profile, ctx)
    if who is None:
        raise ProfileError(
            "the program's profile now raises a red flag with the loaded plugins: see a "
            "clinician before going on (gluteus screen shows why)"
        )
    base = original

    # New test results: screen again, and carry on with the new findings when the
    # program still fits them.
    tested = [e for e in checked if e.tests]
    rescreen: Person | None = None
    if tested:
        profile = _merged_profile(original, tested)
        if profile != original.profile:
            rescreen = replan.person(profile, ctx)
            if rescreen is None:
                changes.append(
                    Change(
                        "rescreen",
                        "your new test results raise a red flag: see a clinician before going "
                        "on with the program (gluteus screen shows why)",
                    )
                )
            else:
                changes.extend(_screening_changes(who, rescreen))
    journal = _Journal(original, checked, rules)
    changes.extend(_referrals(journal, rules))
    changes.extend(_retest(original, checked, through, rules))
    if start is None:
        return Adaptation(original, changes, through, None)

    candidates: list[Person] = [rescreen, who] if rescreen is not None else [who]
    for person in candidates:
        result = _replan(base, journal, start, person, rules)
        if result is not None:
            adapted, made = result
            if person is rescreen and rescreen is not None:
                changes = [c for c in changes if c.kind != "rescreen"] + _screening_changes(
                    who, rescreen, adopted=True
                )
            return Adaptation(adapted, [*made, *changes], through, start)
    return Adaptation(original, changes, through, start)


def _replan(
    program: Program, journal: _Journal, start: tuple[int, int], who: Person, rules: Rules
) -> tuple[Program, list[Change]] | None:
    """The remaining weeks re-planned for ``who``; None when even the unchanged program
    does not verify for this person (new findings it does not train)."""
    if who.profile != program.profile:
        program = replan.with_warnings(replan.with_person(program, who), who)
        if replan.violations(program, who.ctx):
            return None
    changes: list[Change] = []
    repeat = _repeat_decision(program, journal, start, rules)
    if repeat is not None:
        repeated = replan.with_warnings(_repeat(program, repeat.weeks[0] - 1), who)
        if not replan.violations(repeated, who.ctx):
            program = repeated
            changes.append(repeat)
    decisions, _ = _decide(journal, who)
    targets = _targets(decisions, who)
    # Settled again on its own result until nothing more changes: what one change left
    # room for is taken now, so adapting the result with the same entries changes nothing.
    applied: _Applied = {}
    blocked: dict[str, str] = {}
    for _ in range(SETTLE_ROUNDS):
        program, more, why = _settle(program, targets, start, who)
        applied.update(more)
        blocked = {**why, **{k: v for k, v in blocked.items() if k not in why}}
        if not more:
            break
    kept = {
        key: value
        for key, value in applied.items()
        if any(rx.id == key[2] for rx in program.weeks[key[0] - 1].sessions[key[1] - 1].exercises)
    }
    changes.extend(_describe(kept, targets, program, start, blocked))
    return program, changes


_Applied = dict[tuple[int, int, str], tuple[str, str | None]]
_Problems = list[tuple[int | None, int | None]]


def _try(
    program: Program, plan: _Plan, start: tuple[int, int], who: Person
) -> tuple[Program, _Applied, _Problems]:
    """``plan`` applied, and where the result breaks something: sessions over time,
    demanded work taken away or added, then (only when those are fine) every rule and
    invariant verification checks."""
    candidate, applied = _apply(program, plan, start, who)
    if not applied:
        return program, applied, []
    candidate = replan.with_warnings(candidate, who)
    problems: _Problems = [
        *_over_budget(candidate, start),
        *_coverage_changes(program, candidate, start, who),
    ]
    if not problems:
        problems = [(v.week, v.session) for v in replan.violations(candidate, who.ctx)]
    return candidate, applied, problems


_ORDER = {"regress": 0, "hold": 1, "progress": 2}


def _settle(
    program: Program, decisions: Mapping[str, _Decision], start: tuple[int, int], who: Person
) -> tuple[Program, _Applied, dict[str, str]]:
    """Every decision applied where the result still verifies.

    First all at once, leaving out the changes of a session that breaks something (in
    every week of its block: the planner's sessions repeat through a block). When a
    problem spans a week or the whole program it cannot be pinned on one session: the
    decisions are then added one at a time, the safest first (step down, hold, step
    up), each keeping only what verifies on top of those before it.
    """
    blocks = {w.number: w.block for w in program.weeks}
    plan = _Plan(decisions=decisions)
    for _ in range(MAX_ROUNDS):
        candidate, applied, problems = _try(program, plan, start, who)
        if not problems:
            return candidate, applied, dict(plan.blocked)
        if any(s is None for _, s in problems):
            break
        plan = _leave_out(plan, applied, problems, blocks)
    accepted = _Plan(decisions={})
    best: tuple[Program, _Applied] = (program, {})
    blocked: dict[str, str] = {}
    for d in sorted(decisions.values(), key=lambda d: (_ORDER.get(d.kind, 3), d.exercise)):
        trial = attrs.evolve(accepted, decisions={**accepted.decisions, d.exercise: d})
        for _ in range(MAX_ROUNDS):
            candidate, applied, problems = _try(program, trial, start, who)
            if not problems:
                accepted, best = trial, (candidate, applied)
                blocked.update(trial.blocked)
                break
            own = {k: v for k, v in applied.items() if v[0] == d.exercise}
            trial = _leave_out(trial, own, problems, blocks)
        else:
            if d.target is not None:
                blocked.setdefault(
                    d.exercise,
                    f"{d.target} would not fit the session's minutes or would break a program "
                    "rule (such as an activation drill before loaded work)",
                )
    return best[0], best[1], blocked


def _coverage_changes(
    before: Program, after: Program, start: tuple[int, int], who: Person
) -> list[tuple[int, int | None]]:
    """The weeks and sessions whose demanded work the changes took away or added."""
    where = replan.places(after)
    out: list[tuple[int, int | None]] = []
    for old, new in zip(before.weeks, after.weeks, strict=True):
        if new.number < start[0] or old == new:
            continue
        out.extend(
            (new.number, session)
            for session in replan.coverage_changes(who, where[new.number], old, new)
        )
    return out


def _leave_out(
    plan: _Plan,
    applied: Mapping[tuple[int, int, str], tuple[str, str | None]],
    problems: Sequence[tuple[int | None, int | None]],
    blocks: Mapping[int, int],
) -> _Plan:
    """The plan without the changes a round blamed: those in a session with a problem
    (over time, a broken rule), in a week with a week-wide one, or all of them for a
    problem of the whole program. A block's sessions repeat through its weeks, as the
    planner made them: a change blamed in one week is left out of that session in every
    week of its block. A swap blamed falls back to a dose change; a dose change blamed
    is left out."""
    no_swap = set(plan.no_swap)
    no_change = set(plan.no_change)
    blamed = False
    for (week, session, _new), (old, target) in applied.items():
        hit = any(w is None or (w == week and (s is None or s == session)) for w, s in problems)
        if not hit:
            continue
        blamed = True
        key = (blocks[week], session, old)
        if target is not None:
            no_swap.add(key)
        else:
            no_change.add(key)
    if not blamed:
        # Nothing applied can be blamed: leave every change out.
        for (week, session, _), (old, _t) in applied.items():
            no_change.add((blocks[week], session, old))
    return attrs.evolve(
        plan, no_swap=frozenset(no_swap), no_change=frozenset(no_change), blocked={}
    )


def _describe(
    applied: Mapping[tuple[int, int, str], tuple[str, str | None]],
    decisions: Mapping[str, _Decision],
    program: Program,
    start: tuple[int, int],
    blocked: Mapping[str, str],
) -> list[Change]:
    weeks: dict[tuple[str, str | None], set[int]] = {}
    for (week, _session, _new), (old, target) in sorted(applied.items()):
        weeks.setdefault((old, target), set()).add(week)
    out: list[Change] = []
    for (old, target), numbers in sorted(weeks.items(), key=lambda kv: (min(kv[1]), kv[0][0])):
        d = decisions[old]
        kind = d.kind
        reason = d.reason
        if kind == "regress" and target is None:
            reason += "; no easier rung fits, so fewer sets and reps for the rest of this block"
        out.append(Change(kind, reason, old, target, sorted(numbers), d.rule))
    for ex_id, d in sorted(decisions.items()):
        if d.kind == "progress" and not any(k[0] == ex_id for k in weeks):
            # Only an exercise still to come, as the decision may change it: one left in
            # past blocks, or a rung just moved to, needs no word.
            still = any(
                rx.id == ex_id and _acts_on(d, rx)
                for w in program.weeks
                for i, s in enumerate(w.sessions, start=1)
                if (w.number, i) >= start
                for rx in s.exercises
            )
            if still:
                why = (
                    "no harder rung on its ladder"
                    if d.target is None
                    else blocked.get(ex_id, f"{d.target} is already in those sessions")
                )
                out.append(Change("keep", f"{d.reason}; {why}", ex_id, d.target, (), d.rule))
    return out


def _repeat_decision(
    program: Program, journal: _Journal, start: tuple[int, int], rules: Rules
) -> Change | None:
    rule = rules.missed_rule()
    week_no, session = start
    if rule is None or session != 1 or week_no < 2:
        return None
    week = program.weeks[week_no - 2]
    skipped = [e for e in journal.entries if e.week == week.number and not e.done]
    share = len(skipped) / len(week.sessions)
    if share < rule.missed_share:
        return None
    if _already_repeated(week, program.weeks[week_no - 1]):
        return None
    return Change(
        "repeat_week",
        f"{len(skipped)} of {len(week.sessions)} sessions of week {week.number} were missed: "
        f"week {week.number} is done again rather than jumping ahead; the last block is a "
        "week shorter so the program still ends as planned",
        weeks=(week_no,),
        rule=rule.id,
    )


def _referrals(journal: _Journal, rules: Rules) -> list[Change]:
    general = rules.pain_for(())
    if general is None or not journal.done:
        return []
    last_week = journal.entries[-1].week
    out: list[Change] = []
    for rule in rules.referral:
        first = last_week - rule.within_weeks + 1
        count: dict[str, list[tuple[int, int]]] = {}
        for entry in journal.done:
            if entry.week < first:
                continue
            for region in journal.verdict(entry, general).red_regions:
                count.setdefault(region, []).append(entry.slot)
        for region, slots in sorted(count.items()):
            if len(slots) >= rule.red_sessions:
                where = ", ".join(f"week {w} session {s}" for w, s in slots)
                out.append(
                    Change(
                        "refer",
                        f"{len(slots)} red sessions for the {region.replace('_', ' ')} within "
                        f"{rule.within_weeks} weeks ({where}): please see {rule.see}. "
                        f"{rule.message}".strip(),
                        rule=rule.id,
                    )
                )
    return out


def _retest(
    program: Program, entries: Sequence[Entry], through: tuple[int, int], rules: Rules
) -> list[Change]:
    if not rules.retest:
        return []
    week, session = through
    if session != len(program.weeks[week - 1].sessions):
        return []
    ends = {p.weeks[-1]: p for p in program.phases if p.weeks}
    phase = ends.get(week)
    if phase is None:
        return []
    if any(e.tests for e in entries if e.week == week):
        return []  # already re-taken at this phase end
    tests = [k for k, v in program.profile.to_dict().get("tests", {}).items() if v is not None]
    out: list[Change] = []
    for rule in rules.retest:
        which = ", ".join(tests) if tests else "none in your profile yet"
        out.append(
            Change(
                "retest",
                f"the {phase.name} phase ends with week {week}: re-take your tests ({which}) "
                f"and log the results. {rule.message}".strip(),
                weeks=(week,),
                rule=rule.id,
            )
        )
    return out


def _screening_changes(before: Person, after: Person, *, adopted: bool = False) -> list[Change]:
    old = {f.issue: f.severity for f in before.findings}
    new = {f.issue: f.severity for f in after.findings}
    moved = [
        f"{issue} {old.get(issue, 0)} → {new.get(issue, 0)}"
        for issue in sorted(set(old) | set(new))
        if old.get(issue, 0) != new.get(issue, 0)
    ]
    if not moved:
        text = "your new test results were screened again: the findings are the same"
    else:
        text = "your new test results were screened again: severity " + ", ".join(moved)
    if moved and not adopted:
        text += (
            "; the program's remaining weeks cannot follow them as they are: generate a new "
            "program from your profile with these results"
        )
    return [Change("rescreen", text)]


def adapt(
    program: Program | Mapping[str, Any],
    entries: Iterable[Entry | Mapping[str, Any]],
    *,
    plugins: pluggy.PluginManager | None = None,
) -> Program:
    """The program re-planned from what its journal records (pure and deterministic).

    See :func:`adaptation` for the decisions behind it. The result passes the same
    verification as a generated program.
    """
    return adaptation(program, entries, plugins=plugins).program


def sessions_left(program: Program, after: tuple[int, int] | None) -> int:
    """How many sessions remain after ``after`` (all of them when None)."""
    total = sum(len(w.sessions) for w in program.weeks)
    if after is None:
        return total
    done = sum(len(w.sessions) for w in program.weeks[: after[0] - 1]) + after[1]
    return max(0, total - done)
