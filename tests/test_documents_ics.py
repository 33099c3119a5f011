"""The ``ics`` format, parsed back with icalendar: one event per session on its
date, doses in the description, UIDs stable so re-importing updates."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest
from click.testing import CliRunner
from icalendar import Calendar
from tiny_plugin import PROFILE, TinyPlugin, build, referral

from gluteus.cli import cli
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.engine.errors import ProfileError
from gluteus.plugins import basics, documents, formats
from gluteus.plugins.documents.ics_calendar import render_ics


def events(text: str):
    return list(Calendar.from_ical(text).walk("VEVENT"))


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
        assert f"session {n} (19.5 min)" in summary
        assert ("(deload)" in summary) == week.deload
        description = str(event["DESCRIPTION"])
        for i, ex in enumerate(session.exercises, start=1):
            assert f"{i}. {ex.name}: " in description
        assert "Rate pain 0–10 during each exercise" in description
    first = str(found[0]["DESCRIPTION"]).splitlines()
    assert first[:2] == ["Week 1: Activate.", "Session 1: Monday 2026-12-07 (19.5 min)."]
    assert "1. Clamshell: 2 × 12, each side, bodyweight, rest 45 s, tempo 2-1-2" in first
    assert "2. Standing squeeze: 2 × 10 s hold, both, bodyweight, rest 45 s, tempo 2-1-2" in first


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
