"""Adaptation step by step: each program the journal writes after a step up, a step
down or a held dose is the program the planner would write for that person (its
doses from the dosing rules under each block's safety rules, with effort, family,
load type and the weaker side's extra sets on the same row) and passes the engine's
own verification, as ``gluteus check`` runs it."""

from __future__ import annotations

from typing import Any

import pytest

import gluteus
from gluteus.engine import replan
from gluteus.engine.adapt import adaptation, adaptation_rules
from gluteus.engine.api import context, run_screen
from gluteus.engine.demands import gets_extra, training
from gluteus.engine.dosing import choose_rule, week_dose, with_tested_limits
from gluteus.engine.program import Extra, Program
from gluteus.journal import Journal

PROFILE = {
    "age": 45,
    "experience": "novice",
    "start": "2027-01-04",
    "schedule": {
        "weeks": 12,
        "sessions_per_week": 3,
        "minutes_per_session": 45,
        "days": ["mon", "wed", "fri"],
    },
    "equipment": ["mat", "mini_band"],
    "signs": ["knees_cave_in", "barely_feel_glutes"],
    "pain": {"knee": 2},
    # A weaker left side: one-sided work for the issues that name it gets an extra set.
    "tests": {"side_plank_s": {"left": 20, "right": 25}},
    "seed": 1,
}


@pytest.fixture(scope="module")
def program() -> Program:
    return gluteus.generate(gluteus.Profile.from_dict(PROFILE))


@pytest.fixture(scope="module")
def gate():
    """The criteria gate for a step up, as the loaded plugins state it."""
    found = adaptation_rules(context()).progress_for(())
    assert found is not None
    return found


def easy(weeks, effort: float) -> list[dict]:
    """Every session of ``weeks`` done as prescribed, with no pain and this effort."""
    return [{"week": w, "session": s, "effort": effort} for w in weeks for s in (1, 2, 3)]


def saved_and_adapted(tmp_path, program: Program, entries: list[dict]):
    """What the journal writes: the program stored, the entries logged, adapted."""
    with Journal(str(tmp_path / "journal.db")) as journal:
        program_id = journal.save_program(program)
        journal.log(program_id, entries)
        result, version = journal.adapt(program_id)
        stored = journal.program(program_id)
    return result, version, stored


def rows(program: Program, week: int):
    return [
        (i, rx) for i, s in enumerate(program.weeks[week - 1].sessions, 1) for rx in s.exercises
    ]


def assert_written_as_the_planner_writes(adapted: Program) -> None:
    """Every row: the catalogue's family and load type, an effort, one row per exercise
    in a session, and extra sets only where the planner gives them; a rung moved to
    trains an issue the program trains, or is work a rule asks for (the planner offers
    nothing for an issue nobody found)."""
    ctx = context()
    who = training(run_screen(adapted.profile, ctx).findings)
    person = replan.person(adapted.profile, ctx)
    assert person is not None
    where = replan.places(adapted)
    for week in adapted.weeks:
        demands = person.demands(where[week.number].block, where[week.number].kind)
        asked = [g for c in demands.coverage if c.rule is not None for g in c.groups]
        for session in week.sessions:
            ids = [rx.id for rx in session.exercises]
            assert len(ids) == len(set(ids)), (week.number, ids)
            for rx in session.exercises:
                ex = ctx.registry.exercises[rx.id]
                assert (rx.family, rx.load_type) == (ex.family, ex.load_type)
                assert rx.effort is not None
                want = Extra(who.weaker_side, 1) if gets_extra(ex, who) else None
                assert rx.extra == want, (week.number, rx.id)
                if "Adapted: Moved" in rx.why:
                    assert set(ex.issues) & set(who.trained) or any(g.fits(ex) for g in asked), (
                        week.number,
                        rx.id,
                        ex.issues,
                    )


def test_easy_pain_free_sessions_for_the_gates_window_move_up_a_rung(tmp_path, program, gate):
    """Three weeks of sessions done in full, pain-free and easy (effort well under the
    gate's RPE): an exercise done that way in the gate's window of sessions moves up a
    rung, the new rung starts at its first dose, and the stored program checks clean."""
    weeks = range(1, 4)
    result, version, stored = saved_and_adapted(tmp_path, program, easy(weeks, gate.max_rpe - 3))
    steps = [c for c in result.changes if c.kind == "progress"]
    assert steps and version == 2
    assert gluteus.check(stored) == []
    adapted = Program.from_dict(stored)
    assert_written_as_the_planner_writes(adapted)
    ctx = context()
    screening = run_screen(adapted.profile, ctx)
    assert screening.safety is not None
    where = replan.places(adapted)
    for change in steps:
        assert change.rule == gate.id and change.to is not None
        # Its window: the last `sessions` logged sessions that held it.
        held = [(w, s) for w in weeks for s, rx in rows(program, w) if rx.id == change.exercise]
        assert len(held) >= gate.sessions
        # One rung up the ladder the program names for it.
        ladder = next(
            rx.ladder for w, _ in held for _, rx in rows(program, w) if rx.id == change.exercise
        )
        assert ctx.registry.ladders[ladder].exercise_ids.index(change.to) == (
            ctx.registry.ladders[ladder].exercise_ids.index(change.exercise) + 1
        )
        # In its first week, the new rung's row is the dosing rules' first dose under the
        # rules of every week of that block (and a deload's when that week is one). A
        # session that already held the new rung keeps its own row (one row per exercise
        # in a session), so only the sessions that held the old rung without the new one
        # can have moved up.
        first = change.weeks[0]
        ids = {
            i: {rx.id for rx in s.exercises}
            for i, s in enumerate(program.weeks[first - 1].sessions, 1)
        }
        was = {i for i, held in ids.items() if change.exercise in held and change.to not in held}
        new = [rx for i, rx in rows(adapted, first) if rx.id == change.to and i in was]
        assert new and all("Adapted: Moved up" in rx.why for rx in new)
        place = where[first]
        ex = ctx.registry.exercises[change.to]
        rule = choose_rule(
            ex,
            place.kind,
            adapted.profile.experience,
            ctx.registry.dosing,
            training(screening.findings).trained,
        )
        cap = with_tested_limits(
            screening.safety.over(place.block).cap_for(ex),
            ex,
            adapted.profile.tests,
            ctx.registry.tests,
        )
        extra_sets = 1 if new[0].extra is not None else 0
        dose = week_dose(ex, rule, 0, cap, extra_sets=extra_sets)
        if place.is_deload:
            dose = week_dose(ex, rule, 0, cap, deload_after=dose, extra_sets=extra_sets)
        for rx in new:
            assert (rx.sets, rx.reps, rx.hold_s, rx.load, rx.effort, rx.minutes) == (
                dose.sets,
                dose.reps,
                dose.hold_s,
                dose.load,
                dose.effort,
                dose.tenths / 10,
            )


def test_a_rung_for_an_issue_nobody_found_is_not_moved_to(gate):
    """Four easy weeks pass the gate for many exercises; a next rung that trains only
    issues the program does not train (the hip airplane hold, for tightness) is not
    moved to: the exercise stays, and the change says why."""
    # The first seed whose plan holds the clamshell with rotation in its first weeks
    # (which exercises a plan holds is the planner's choice; most seeds do).
    for seed in range(1, 6):
        program = gluteus.generate(gluteus.Profile.from_dict({**PROFILE, "seed": seed}))
        first = {rx.id for session in program.weeks[0].sessions for rx in session.exercises}
        if "clamshell_abduction_er" in first:
            break
    result = adaptation(program, easy(range(1, 5), gate.max_rpe - 3))
    assert [c for c in result.changes if c.kind == "progress"]
    assert_written_as_the_planner_writes(result.program)
    kept = [c for c in result.changes if c.kind == "keep" and "does not train" in c.reason]
    assert kept
    reg = context().registry
    trained = set(training(run_screen(program.profile, context()).findings).trained)
    for change in kept:
        assert change.to is not None and not set(reg.exercises[change.to].issues) & trained
    assert gluteus.check(result.program) == []


def test_hard_sessions_do_not_pass_the_gate(program, gate):
    """The same sessions at an effort over the gate's RPE: no step up."""
    result = adaptation(program, easy(range(1, 4), gate.max_rpe + 1))
    assert not [c for c in result.changes if c.kind == "progress"]
    assert "keep" not in {c.kind for c in result.changes}


def test_a_red_session_steps_down_and_the_program_still_checks(tmp_path, program):
    """Pain over 5/10, not settled by the next morning: the exercises of that session
    go down a rung (or to fewer sets where no easier rung fits), and the program the
    journal stores checks clean."""
    # The first session after the first block holding an exercise above the bottom rung
    # of its ladder (which exercises a plan holds is the planner's choice; in the first
    # block the rung below is often a drill the phase leaves out, as a counter-held
    # stance is for someone who stands well on one leg).
    week, session = next(
        (w.number, i + 1)
        for w in program.weeks
        if w.block > 1
        for i, s in enumerate(w.sessions)
        if any(rx.ladder and rx.rung and rx.rung > 1 for rx in s.exercises)
    )
    red = {
        "week": week,
        "session": session,
        "effort": 6,
        "pain": {"knee": {"during": 7, "next_morning": 5}},
    }
    result, version, stored = saved_and_adapted(tmp_path, program, [*easy(range(1, week), 5), red])
    down = [c for c in result.changes if c.kind == "regress"]
    assert down and version == 2
    assert any(c.to for c in down)
    assert gluteus.check(stored) == []
    adapted = Program.from_dict(stored)
    assert_written_as_the_planner_writes(adapted)
    session_ids = {rx.id for rx in program.weeks[week - 1].sessions[session - 1].exercises}
    for change in down:
        assert change.exercise in session_ids
        for week in change.weeks:
            before = [rx for _, rx in rows(program, week) if rx.id == change.exercise]
            after = {rx.id: rx for _, rx in rows(adapted, week)}
            if change.to is not None:
                assert change.to in after
            else:
                # Fewer sets (or reps, or a shorter hold) than planned, never more.
                lighter = [after[rx.id] for rx in before if rx.id in after]
                assert lighter and all(
                    (a.sets, a.reps or 0, a.hold_s or 0) < (b.sets, b.reps or 0, b.hold_s or 0)
                    for a, b in zip(lighter, before, strict=True)
                )


def test_an_amber_week_holds_the_dose_and_the_program_still_checks(tmp_path, program):
    """Pain of 4/10 through the first week of a block: its later weeks keep the doses
    last done (no step up in sets, reps or hold), with the rules' effort and words."""
    entries = [*easy(range(1, 5), 5)]
    entries += [{"week": 5, "session": s, "effort": 6, "pain": {"knee": 4}} for s in (1, 2, 3)]
    result, _, stored = saved_and_adapted(tmp_path, program, entries)
    held = [c for c in result.changes if c.kind == "hold"]
    assert held
    assert gluteus.check(stored) == []
    adapted = Program.from_dict(stored)
    assert_written_as_the_planner_writes(adapted)
    done = {rx.id: rx for _, rx in rows(program, 5)}
    for change in held:
        for week in change.weeks:
            for _, rx in rows(adapted, week):
                if rx.id == change.exercise:
                    last = done[rx.id]
                    assert rx.sets <= last.sets
                    assert (rx.reps or 0) <= (last.reps or 0)
                    assert (rx.hold_s or 0) <= (last.hold_s or 0)


def test_one_rung_at_a_time_and_adapting_again_changes_nothing(program, gate):
    """A rung just moved to is not moved again on the same evidence, and the adapted
    program adapted again with the same entries is the same program."""
    entries = easy(range(1, 4), gate.max_rpe - 3)
    first = adaptation(program, entries)
    ups = [c for c in first.changes if c.kind == "progress"]
    assert ups
    # Each session that held a moved exercise holds the rung it moved to, not one beyond
    # (a rung that was already in the program may move on by its own evidence), or
    # keeps the exercise where it holds a variant of that movement already.
    for c in ups:
        for week in c.weeks:
            now: dict[int, set[str]] = {}
            for i, rx in rows(first.program, week):
                now.setdefault(i, set()).add(rx.id)
            for i, rx in rows(program, week):
                if rx.id == c.exercise:
                    assert c.to in now[i] or c.exercise in now[i], (c, week, i, now[i])
    again = adaptation(first.program, entries)
    assert not again.changed
    assert again.program == first.program


# People whose easy weeks move an unloaded drill up to loaded work: loaded activation
# (a banded bridge or clamshell, which must then follow the session's other drills) for
# an intermediate, and loaded strength work (a kettlebell single-leg deadlift) for
# someone with weights. Which person and week first pass the gate for such a rung
# depends on the plan, so the first of these people and of their first eight weeks
# that does is taken.
KIT = ["mat", "mini_band", "dumbbell", "step", "kettlebell"]
LOADED_RUNGS = {
    "loaded-activation": (
        # The quickest to find first (each candidate costs a program and up to seven
        # adaptations); the others are there for when the planner's choices move it.
        [
            {},
            {"experience": "intermediate"},
            {"experience": "intermediate", "equipment": ["mat", "mini_band", "long_band"]},
        ],
        True,
    ),
    "loaded-strength": (
        [
            # A bodyweight drill left for its loaded rung to take over (which person
            # and seed leave one follows the planner's choices; the quickest first).
            {"equipment": ["mat", "kettlebell"], "seed": 2},
            {"equipment": ["mat", "kettlebell"]},
            {"equipment": KIT, "seed": 3},
            {"equipment": ["mat", "kettlebell", "dumbbell"]},
            {"equipment": KIT},
            {"equipment": KIT, "experience": "intermediate"},
            {"equipment": KIT, "age": 66},
            {"equipment": ["mat", "kettlebell", "dumbbell"], "seed": 2},
        ],
        False,
    ),
}


def _first_loaded_rung(people, activation, gate):
    """The first adaptation, over ``people`` and their first eight weeks, that moves an
    unloaded drill up to loaded work of the asked kind, and those changes."""
    reg = context().registry
    for changes in people:
        program = gluteus.generate(gluteus.Profile.from_dict({**PROFILE, **changes}))
        for logged in range(2, 9):
            result = adaptation(program, easy(range(1, logged + 1), gate.max_rpe - 3))
            loaded = [
                c
                for c in result.changes
                if c.kind == "progress"
                and c.to is not None
                and reg.exercises[c.to].loaded
                and not reg.exercises[c.exercise].loaded
                and (reg.exercises[c.to].role == "activation") == activation
            ]
            if loaded:
                return result, loaded
    return None, []


@pytest.mark.parametrize("case", sorted(LOADED_RUNGS))
def test_a_rung_that_becomes_loaded_work_takes_its_place_in_the_session(case, gate):
    """A drill moved up to a rung that is loaded work still moves up: it goes where the
    planner puts loaded work, after the session's activation drills, so the activation
    that prepares loaded work still comes first."""
    reg = context().registry
    people, activation = LOADED_RUNGS[case]
    result, loaded = _first_loaded_rung(people, activation, gate)
    assert loaded
    for change in loaded:
        for week in change.weeks:
            for session in result.program.weeks[week - 1].sessions:
                ids = [rx.id for rx in session.exercises]
                if change.to not in ids:
                    continue
                # In the planner's order: unloaded drills, then loaded activation work,
                # then the rest; the activation that prepares loaded work comes first.
                roles = [reg.exercises[i].role for i in ids]
                assert roles[0] == "activation"
                if reg.exercises[change.to].role != "activation":
                    drills = [i for i, role in enumerate(roles) if role == "activation"]
                    assert max(drills) < ids.index(change.to)
                else:
                    unloaded = [
                        i
                        for i, x in enumerate(ids)
                        if roles[i] == "activation" and not reg.exercises[x].loaded
                    ]
                    assert all(i < ids.index(change.to) for i in unloaded)
    assert gluteus.check(result.program) == []


PREGNANT = {
    "age": 31,
    "experience": "intermediate",
    "start": "2027-01-04",
    "schedule": {
        "weeks": 8,
        "sessions_per_week": 3,
        "minutes_per_session": 30,
        "days": ["mon", "wed", "sat"],
    },
    "equipment": ["mat", "mini_band", "stability_ball"],
    "signs": ["low_back_ache_standing", "chronic_glute_tightness"],
    "pain": {"low_back": 2, "buttock": 2},
    "precautions": ["pregnancy"],
    # Week 13 of pregnancy: the second trimester's rules (moderate effort, RPE 6 at
    # most) start in program week 2, inside the first block.
    "pregnancy_week": 13,
    "seed": 7,
}


def test_a_block_that_reaches_a_later_trimester_is_adapted_under_its_rules(tmp_path):
    """A red first session: the rest of the first block is made lighter, and every row
    the adaptation writes there keeps the effort cap of the block's later weeks (the
    planner doses a block under the rules of all its weeks), so the stored program
    checks clean."""
    program = gluteus.generate(gluteus.Profile.from_dict(PREGNANT))
    screening = run_screen(program.profile, context())
    assert screening.safety is not None
    block = [w.number for w in program.weeks if w.block == 1]
    cap = screening.safety.over(block).cap.max_rpe
    assert cap is not None and screening.safety.at(1).cap.max_rpe is None
    red = {"week": 1, "session": 1, "effort": 5, "pain": {"low_back": {"during": 7, "after": 6}}}
    result, _, stored = saved_and_adapted(tmp_path, program, [red])
    assert gluteus.check(stored) == []
    adapted = Program.from_dict(stored)
    changed = [c for c in result.changes if c.kind == "regress" and set(c.weeks) & set(block)]
    assert changed
    for week in block:
        for _, rx in rows(adapted, week):
            if "Adapted:" in rx.why:
                assert rx.effort is not None and rx.effort.rpe is not None
                assert rx.effort.rpe[1] <= cap


def test_a_lighter_dose_under_the_weekly_floor_is_said_as_the_planner_says_it(tmp_path):
    """One 20-minute session a week gives inhibition fewer hard sets than the floor in
    the strength block, with the engine's warning. A red session in the deload takes a
    set away in the power block: the step down still happens, and the warnings now name
    the weeks with fewer sets, worded as the engine words them."""
    from gluteus.engine.program import warning_text

    def run(seed: int) -> tuple[Any, ...]:
        profile = gluteus.Profile.from_dict(
            {
                **PROFILE,
                "schedule": {"weeks": 8, "sessions_per_week": 1, "minutes_per_session": 20},
                "signs": [
                    "knees_cave_in",
                    "barely_feel_glutes",
                    "low_back_ache_standing",
                    "chronic_glute_tightness",
                ],
                "tests": {},
                "seed": seed,
            }
        )
        program = gluteus.generate(profile)
        before = {
            (w.issue, w.weeks, w.detail) for w in program.warning_details if w.kind == "below_floor"
        }
        assert before
        entries = [{"week": w, "session": 1, "effort": 5} for w in range(1, 5)]
        entries.append(
            {
                "week": 5,
                "session": 1,
                "effort": 6,
                "pain": {"knee": {"during": 7, "next_morning": 6}},
            }
        )
        where = tmp_path / str(seed)
        where.mkdir()
        result, _, stored = saved_and_adapted(where, program, entries)
        assert gluteus.check(stored) == []
        adapted = Program.from_dict(stored)
        floors = [w for w in adapted.warning_details if w.kind == "below_floor"]
        return profile, before, result, floors

    # The first seed whose step down takes a set from an issue under its floor (which
    # exercise the step down lands on is the plan's): its warning is restated.
    for seed in range(1, 6):
        profile, before, result, floors = run(seed)
        if {(w.issue, w.weeks, w.detail) for w in floors} != before:
            break
    else:
        raise AssertionError("no seed's step down changed an issue under its floor")
    for after in floors:
        assert after.message == warning_text(
            "below_floor",
            profile.schedule,
            issue=after.issue,
            weeks=after.weeks,
            detail=after.detail,
        )
    assert any(c.kind == "regress" for c in result.changes)
