"""The ``ics`` format, read back by two independent parsers (icalendar, which writes
it, and ical, a separate implementation): one event per session on its date or at
its time, with its length, a reminder, the doses, the traffic light and the stop
signs in the description; UIDs stable so re-importing updates; SEQUENCE that rises
when an event changes and cancellations for removed sessions, given the calendar
being replaced."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import attrs
import pytest
from click.testing import CliRunner
from icalendar import Calendar
from tiny_plugin import PROFILE, TinyPlugin, build, referral, rx

from gluteus.cli import cli
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.engine.errors import ProfileError
from gluteus.engine.view import view
from gluteus.plugins import basics, documents, formats
from gluteus.plugins.documents.ics_calendar import render_ics


def events(text: str):
    return list(Calendar.from_ical(text).walk("VEVENT"))


def second_reading(text: str):
    """The calendar as the ical package reads it (strict RFC 5545, its own parser)."""
    from ical.calendar_stream import IcsCalendarStream

    return IcsCalendarStream.calendar_from_ics(text)


def with_schedule(**changes):
    return attrs.evolve(PROFILE, schedule=attrs.evolve(PROFILE.schedule, **changes))


@pytest.fixture(scope="module")
def program():
    return build()


def test_one_event_per_session_on_its_date(program):
    text = render_ics(program, {})
    cal = Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0" and "gluteus" in str(cal["PRODID"])
    found = events(text)
    sessions = [(w, n, s) for w in program.weeks for n, s in enumerate(w.sessions, start=1)]
    assert len(found) == len(sessions) == 12
    for event, (week, n, session) in zip(found, sessions, strict=True):
        start = event.decoded("DTSTART")
        assert start == session.date and not isinstance(start, dt.datetime)  # all day
        assert event.decoded("DTEND") == session.date + dt.timedelta(days=1)
        summary = str(event["SUMMARY"])
        assert summary.startswith(f"Glute training: week {week.number}")
        assert f"session {n} (20 min)" in summary  # whole minutes: 19.5 rounds up
        assert ("(deload)" in summary) == week.deload
        description = str(event["DESCRIPTION"])
        for i, ex in enumerate(session.exercises, start=1):
            assert f"{i}. {ex.name}: " in description
        assert "Pain traffic light: Rate pain 0–10 during each exercise" in description
        assert "- Red (over 5/10): too much" in description
        # A reminder at 08:00 on the day of an all-day session.
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == dt.timedelta(hours=8)
        assert int(event["SEQUENCE"]) == 0
    first = str(found[0]["DESCRIPTION"]).splitlines()
    assert first[:2] == [
        "Week 1: Activate and control.",
        "Session 1: Monday 2026-12-07 (20 min).",
    ]
    assert "1. Clamshell: 2 × 12 each side, bodyweight, rest 45 s, tempo 2-1-2" in first
    # A hold has no tempo to keep.
    assert "2. Standing squeeze: 2 × 10 s hold, bodyweight, rest 45 s" in first
    other = second_reading(text)
    assert len(other.events) == 12
    assert [e.dtstart for e in other.events] == [s.date for _, _, s in sessions]


def test_a_deload_week_is_named_in_its_events():
    program = build(with_schedule(weeks=8))
    found = events(render_ics(program, {}))
    deloads = [w.number for w in program.weeks if w.deload]
    assert deloads == [5]
    for event in found:
        summary = str(event["SUMMARY"])
        week = int(summary.split("week ", 1)[1].split(",")[0].split(" ")[0])
        assert ("(deload)" in summary) == (week in deloads), summary
    week5 = [str(e["DESCRIPTION"]) for e in found if "week 5" in str(e["SUMMARY"])]
    assert week5 and all(
        d.startswith("Week 5: Build strength (deload: a lighter week to recover).") for d in week5
    )


def test_effort_and_extra_sets_are_in_the_event(program):
    data = program.to_dict()
    ex = data["weeks"][0]["sessions"][0]["exercises"][0]
    ex.update(
        load="Light; 2-3 reps in reserve (effort 6-7/10)",
        effort={"rpe": [6, 7], "rm": None, "rir": [2, 3]},
        extra={"side": "left", "sets": 1},
    )
    first = str(events(render_ics(data, {}))[0]["DESCRIPTION"]).splitlines()
    assert (
        "1. Clamshell: 2 × 12 each side + 1 set left, Light, rest 45 s, "
        "RPE 6–7, 2–3 reps in reserve, tempo 2-1-2" in first
    )


def test_the_stop_signs_are_in_every_event():
    pregnant = attrs.evolve(PROFILE, precautions=("pregnancy",), pregnancy_trimester=2)
    for event in events(render_ics(build(pregnant), {})):
        assert "Stop and get advice if: bleeding; dizziness." in str(event["DESCRIPTION"])


def test_timed_events_in_a_time_zone_with_length_and_reminder():
    program = build(with_schedule(time="07:30", timezone="Europe/Berlin"))
    text = render_ics(program, {})
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Berlin" in text
    for reading in ("icalendar", "ical"):
        if reading == "icalendar":
            got = [
                (e.decoded("DTSTART"), e.decoded("DTEND"), e.walk("VALARM")[0].decoded("TRIGGER"))
                for e in events(text)
            ]
        else:
            got = [(e.dtstart, e.dtend, e.alarm[0].trigger) for e in second_reading(text).events]
        assert len(got) == 12
        for (start, end, trigger), session in zip(got, view(program).sessions, strict=True):
            assert start == dt.datetime.combine(session.date, dt.time(7, 30), tzinfo=berlin)
            assert start.utcoffset() == dt.timedelta(hours=1)  # CET in December
            assert end - start == dt.timedelta(minutes=20)  # 19.5 min, rounded up
            assert trigger == dt.timedelta(minutes=-30)
    assert "TRANSP:OPAQUE" in text


def test_a_time_without_a_zone_is_floating():
    text = render_ics(build(with_schedule(time="18:05")), {})
    assert "VTIMEZONE" not in text and "TZID" not in text
    start = events(text)[0].decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 7, 18, 5) and start.tzinfo is None
    assert second_reading(text).events[0].dtstart == dt.datetime(2026, 12, 7, 18, 5)


def test_the_reminder_option():
    program = build(with_schedule(time="07:30"))
    assert "VALARM" not in render_ics(program, {"reminder": "0"})
    trigger = events(render_ics(program, {"reminder": "90"}))[0].walk("VALARM")[0]
    assert trigger.decoded("TRIGGER") == dt.timedelta(minutes=-90)
    for bad in ("soon", "-5", "99999"):
        with pytest.raises(ProfileError):
            render_ics(program, {"reminder": bad})


def by_uid(text: str):
    return {str(e["UID"]): e for e in events(text)}


def test_sequence_rises_only_for_events_whose_content_changed():
    first = render_ics(build(), {})
    # Replacing a calendar with the same program changes nothing, byte for byte.
    assert render_ics(build(), {"replaces": first}) == first
    program = build()
    week = program.weeks[1]
    lighter = attrs.evolve(
        week.sessions[0],
        exercises=(rx("clamshell", 1), *week.sessions[0].exercises[1:]),
    )
    changed = attrs.evolve(
        program,
        weeks=(
            program.weeks[0],
            attrs.evolve(week, sessions=(lighter, *week.sessions[1:])),
            *program.weeks[2:],
        ),
    )
    second = render_ics(changed, {"replaces": first})
    sequences = {uid: int(e["SEQUENCE"]) for uid, e in by_uid(second).items()}
    changed_uid = next(u for u in sequences if u.endswith("-w02-s1@gluteus.program"))
    assert sequences.pop(changed_uid) == 1
    assert set(sequences.values()) == {0}
    # Deterministic, and a third import of the same program keeps the numbers.
    assert render_ics(changed, {"replaces": first}) == second
    assert render_ics(changed, {"replaces": second}) == second
    assert {e.sequence for e in second_reading(second).events} == {0, 1}


def test_removed_sessions_are_cancelled():
    first = render_ics(build(), {})
    shorter = build(with_schedule(weeks=4))
    second = render_ics(shorter, {"replaces": first})
    found = by_uid(second)
    assert len(found) == 12  # 8 sessions kept, 4 cancelled
    cancelled = {u: e for u, e in found.items() if str(e.get("STATUS")) == "CANCELLED"}
    assert len(cancelled) == 4
    assert all(u.split("-")[-2] in ("w05", "w06") for u in cancelled)
    for uid, event in cancelled.items():
        old = by_uid(first)[uid]
        assert event.decoded("DTSTART") == old.decoded("DTSTART")
        assert int(event["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
        assert str(event["SUMMARY"]).startswith("Cancelled: ")
    statuses = [e.status for e in second_reading(second).events if e.status is not None]
    assert len(statuses) == 4 and all(str(s.value) == "CANCELLED" for s in statuses)
    # Made again from the same profile: they stay cancelled, at the same SEQUENCE.
    third = render_ics(shorter, {"replaces": second})
    assert third == second


def test_a_referral_cancels_the_planned_sessions():
    first = render_ics(build(), {})
    text = render_ics(
        referral(attrs.evolve(PROFILE, red_flags=("saddle_numbness",))), {"replaces": first}
    )
    found = events(text)
    assert len(found) == 12 and all(str(e["STATUS"]) == "CANCELLED" for e in found)


def test_the_calendar_to_replace_must_be_a_calendar():
    with pytest.raises(ProfileError):
        render_ics(build(), {"replaces": "not a calendar"})


def test_generate_replaces_reads_the_old_calendar(monkeypatch, tmp_path):
    original = pluginmanager_module.make_plugin_manager
    monkeypatch.setattr(
        pluginmanager_module,
        "make_plugin_manager",
        lambda **kw: original(
            defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), formats, documents]
        ),
    )
    monkeypatch.setattr(api, "generate", lambda profile, seed=None, plugins=None: build(profile))
    path = tmp_path / "tess.json"
    path.write_text(json.dumps(with_schedule(weeks=4).to_dict()))
    old = tmp_path / "old.ics"
    old.write_text(render_ics(build(), {}), encoding="utf-8")
    out = tmp_path / "new.ics"
    args = ["generate", str(path), "-f", "ics", "--replaces", str(old), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert sum(str(e.get("STATUS")) == "CANCELLED" for e in events(out.read_text())) == 4
    missing = ["generate", str(path), "-f", "ics", "--replaces", str(tmp_path / "no.ics")]
    result = CliRunner().invoke(cli, missing)
    assert result.exit_code == 2 and "cannot read the calendar" in result.stderr
    not_ics = ["generate", str(path), "-f", "html", "--replaces", str(old)]
    result = CliRunner().invoke(cli, not_ics)
    assert result.exit_code == 2 and "add -f ics" in result.stderr


def test_dtstamp_comes_from_the_program_not_the_clock(program):
    stamps = {e.decoded("DTSTAMP") for e in events(render_ics(program, {}))}
    assert stamps == {dt.datetime(2026, 12, 7, tzinfo=dt.UTC)}
    assert render_ics(program, {}) == render_ics(build(), {})  # same program, same bytes


def test_uids_are_unique_and_stable_so_reimporting_updates(program):
    uids = [str(e["UID"]) for e in events(render_ics(program, {}))]
    assert len(set(uids)) == len(uids)
    assert all(u.endswith("@gluteus.program") for u in uids)
    assert "-w01-s1@" in uids[0] and "-w06-s2@" in uids[-1]
    # The same person and start, regenerated with another seed and other pain:
    # the same UIDs, so a calendar updates its events instead of adding new ones.
    again = build(attrs.evolve(PROFILE, seed=7, pain=PROFILE.pain.replace(knee=2)))
    assert [str(e["UID"]) for e in events(render_ics(again, {}))] == uids
    # Another start date (a new program) or another person: other UIDs.
    moved = build(attrs.evolve(PROFILE, start=dt.date(2027, 1, 4)))
    assert not set(uids) & {str(e["UID"]) for e in events(render_ics(moved, {}))}
    other = build(attrs.evolve(PROFILE, name="Sam"))
    assert not set(uids) & {str(e["UID"]) for e in events(render_ics(other, {}))}


def test_without_a_start_date_it_says_so(program):
    with pytest.raises(ProfileError) as info:
        render_ics(build(attrs.evolve(PROFILE, start=None)), {})
    assert info.value.exit_code == 2
    assert "start" in str(info.value) and "YYYY-MM-DD" in str(info.value)


def test_generate_without_start_exits_2(monkeypatch, tmp_path):
    original = pluginmanager_module.make_plugin_manager
    monkeypatch.setattr(
        pluginmanager_module,
        "make_plugin_manager",
        lambda **kw: original(
            defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), formats, documents]
        ),
    )
    monkeypatch.setattr(api, "generate", lambda profile, seed=None, plugins=None: build(profile))
    path = tmp_path / "tess.json"
    path.write_text(json.dumps(attrs.evolve(PROFILE, start=None).to_dict()))
    out = tmp_path / "tess.ics"
    result = CliRunner().invoke(cli, ["generate", str(path), "-f", "ics", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "start" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    path.write_text(json.dumps(PROFILE.to_dict()))
    result = CliRunner().invoke(cli, ["generate", str(path), "-f", "ics", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(events(out.read_text(encoding="utf-8"))) == 12


def test_referral_is_an_empty_calendar():
    text = render_ics(referral(), {})
    assert events(text) == []
    assert "No program" in str(Calendar.from_ical(text)["X-WR-CALDESC"])
    assert second_reading(text).events == []
