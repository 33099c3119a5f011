"""generate's progress callback and cancel flag, and agenerate for asyncio apps.

The planner reports between the blocks of weeks it solves through the context's
checkpoint (``ctx.checkpoint("plan", done, total)``); a stand-in planner that reports
a chosen number of blocks, then plans for real without reporting, shows what an app
sees whatever the planner does inside."""

from __future__ import annotations

import asyncio
import threading

import pytest

import gluteus
from gluteus.engine import planner

PROFILE = {
    "age": 38,
    "schedule": {"weeks": 4, "sessions_per_week": 2, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes"],
    "seed": 0,
}


@pytest.fixture(scope="module")
def engine() -> gluteus.Engine:
    return gluteus.Engine(gluteus.make_plugin_manager(entrypoints=False))


@pytest.fixture(scope="module")
def profile() -> gluteus.Profile:
    return gluteus.Profile.from_dict(PROFILE)


REAL_PLAN = planner.plan


def blockwise(blocks: int, *, between=None):
    """A planner that reports ``blocks`` blocks (calling ``between(i)`` after each
    report), then plans for real."""

    def plan(profile, findings, safety, person, ctx):
        for done in range(blocks):
            ctx.checkpoint("plan", done, blocks)
            if between is not None:
                between(done)
        return REAL_PLAN(profile, findings, safety, person, ctx.with_checkpoint(None))

    return plan


def stages(events: list[gluteus.Progress]) -> list[tuple[str, int, int]]:
    return [(e.stage, e.done, e.total) for e in events]


def test_progress_goes_through_every_stage_in_order(engine, profile):
    events: list[gluteus.Progress] = []
    program = engine.generate(profile, progress=events.append)
    assert program == engine.generate(profile)
    seen = stages(events)
    assert seen[:2] == [("screen", 0, 1), ("screen", 1, 1)]
    assert seen[-3:] == [("verify", 0, 1), ("verify", 1, 1), ("done", 1, 1)]
    planning = [e for e in seen if e[0] == "plan"]
    total = planning[-1][2]
    assert planning[-1] == ("plan", total, total)
    assert all(t == total and 0 <= d <= t for _, d, t in planning)
    assert [d for _, d, _ in planning] == sorted(d for _, d, _ in planning)


def test_the_planners_blocks_reach_the_callback(monkeypatch, engine, profile):
    monkeypatch.setattr(planner, "plan", blockwise(3))
    events: list[gluteus.Progress] = []
    engine.generate(profile, progress=events.append)
    assert [s for s in stages(events) if s[0] == "plan"] == [
        ("plan", 0, 3),
        ("plan", 1, 3),
        ("plan", 2, 3),
        ("plan", 3, 3),
    ]


def test_the_real_planner_reports_each_of_its_blocks(engine):
    from gluteus.engine.skeleton import build_skeleton

    profile = gluteus.Profile.from_dict(
        {**PROFILE, "schedule": {**PROFILE["schedule"], "weeks": 12}}
    )
    events: list[gluteus.Progress] = []
    engine.generate(profile, progress=events.append)
    blocks = len(build_skeleton(12, profile.experience, 1, True).blocks)
    assert blocks > 2
    assert [s for s in stages(events) if s[0] == "plan"] == [
        ("plan", n, blocks) for n in range(blocks + 1)
    ]


def test_the_module_function_takes_progress_and_cancel_too(engine, profile):
    events: list[gluteus.Progress] = []
    gluteus.generate(profile, plugins=engine.plugins, progress=events.append)
    assert stages(events)[-1] == ("done", 1, 1)
    with pytest.raises(gluteus.Cancelled):
        gluteus.generate(profile, plugins=engine.plugins, cancel=_set())


def _set() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


def test_cancelled_before_the_call_nothing_is_screened(monkeypatch, engine, profile):
    def never(*args, **kwargs):
        raise AssertionError("screened after cancel")

    from gluteus.engine import core

    monkeypatch.setattr(core, "run_screen", never)
    with pytest.raises(gluteus.Cancelled) as info:
        engine.generate(profile, cancel=_set())
    assert info.value.stage == "screen"
    assert info.value.exit_code == 130


def test_cancelled_after_screening_nothing_is_planned(monkeypatch, engine, profile):
    def never(*args, **kwargs):
        raise AssertionError("planned after cancel")

    monkeypatch.setattr(planner, "plan", never)
    cancel = threading.Event()

    def progress(event: gluteus.Progress) -> None:
        if event.stage == "screen" and event.done == 1:
            cancel.set()

    with pytest.raises(gluteus.Cancelled) as info:
        engine.generate(profile, progress=progress, cancel=cancel)
    assert info.value.stage == "plan"


def test_cancelled_between_blocks_the_planner_stops(monkeypatch, engine, profile):
    cancel = threading.Event()
    reached: list[int] = []

    def between(done: int) -> None:
        reached.append(done)
        if done == 1:
            cancel.set()  # as another thread would, while block 2 is solved

    monkeypatch.setattr(planner, "plan", blockwise(4, between=between))
    with pytest.raises(gluteus.Cancelled) as info:
        engine.generate(profile, cancel=cancel)
    assert info.value.stage == "plan"
    assert reached == [0, 1]


def test_a_program_already_made_is_returned_even_if_cancelled_late(engine, profile):
    cancel = threading.Event()

    def progress(event: gluteus.Progress) -> None:
        if event.stage == "verify" and event.done == 1:
            cancel.set()

    assert engine.generate(profile, progress=progress, cancel=cancel) == engine.generate(profile)


def test_an_exception_from_the_callback_is_the_apps_own(engine, profile):
    class Stop(Exception):
        pass

    def progress(event: gluteus.Progress) -> None:
        raise Stop

    with pytest.raises(Stop):
        engine.generate(profile, progress=progress)


# --- agenerate --------------------------------------------------------------------------


def test_agenerate_gives_the_same_program_and_reports_on_the_loop(engine, profile):
    threads: set[int] = set()
    events: list[gluteus.Progress] = []

    def progress(event: gluteus.Progress) -> None:
        threads.add(threading.get_ident())
        events.append(event)

    async def main():
        return await engine.agenerate(profile, progress=progress), threading.get_ident()

    program, loop_thread = asyncio.run(main())
    assert program == engine.generate(profile)
    assert threads == {loop_thread}
    assert stages(events)[-1] == ("done", 1, 1)
    assert asyncio.run(gluteus.agenerate(profile, plugins=engine.plugins)) == program


def test_agenerate_passes_errors_through(engine):
    red = gluteus.Profile.from_dict({**PROFILE, "red_flags": ["cannot_bear_weight"]})
    with pytest.raises(gluteus.ReferralRequired):
        asyncio.run(engine.agenerate(red))


def test_cancelling_the_task_stops_the_worker_at_its_next_checkpoint(monkeypatch, engine, profile):
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    outcome: list[BaseException | None] = []

    def between(done: int) -> None:
        if done == 0:
            started.set()
            release.wait(10)

    plan = blockwise(2, between=between)

    def recorded(*args):
        try:
            result = plan(*args)
            outcome.append(None)
            return result
        except BaseException as exc:
            outcome.append(exc)
            raise
        finally:
            finished.set()

    monkeypatch.setattr(planner, "plan", recorded)

    async def main() -> None:
        task = asyncio.create_task(engine.agenerate(profile))
        assert await asyncio.to_thread(started.wait, 10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        release.set()
        assert await asyncio.to_thread(finished.wait, 10)

    asyncio.run(main())
    assert len(outcome) == 1 and isinstance(outcome[0], gluteus.Cancelled)


def test_agenerate_honours_the_apps_own_cancel_flag(engine, profile):
    with pytest.raises(gluteus.Cancelled):
        asyncio.run(engine.agenerate(profile, cancel=_set()))
