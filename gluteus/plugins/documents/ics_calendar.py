"""The ``ics`` format: one calendar event per session, built with icalendar.

Each session is an event on its date (the profile needs ``start``): all day, or
at the profile's ``schedule.time`` for the session's length in whole minutes
(rounded up), in ``schedule.timezone`` when given (with its VTIMEZONE) and as a
floating local time otherwise. Every event carries a reminder (option
``reminder``: minutes before a timed session, default 30; 0 for none; an all-day
session reminds at 08:00 that day) and a description with the session's
exercises, the pain traffic light and the person's stop signs.

Updating a calendar: the UID names the program's owner and start and the
session's place (week, number), so importing a regenerated program updates its
events instead of duplicating them. Given the calendar it replaces (option
``replaces``: that file's text; ``gluteus generate --replaces OLD.ics``), an event
whose content changed gets the old SEQUENCE plus one (an unchanged one keeps
it), and a session that is no longer in the program is sent again as
``STATUS:CANCELLED`` with a higher SEQUENCE, so calendar apps remove it. Without
it every SEQUENCE is 0. Nothing reads the clock: DTSTAMP is the program's start,
so the same program (and the same earlier calendar) always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from gluteus.engine.errors import ProfileError
from gluteus.engine.view import ProgramView, SessionView, view

PRODID = "-//gluteus//glute training program//EN"
UID_DOMAIN = "gluteus.program"
DEFAULT_REMINDER = 30
"""Minutes before a timed session that its reminder goes off."""
ALL_DAY_REMINDER = dt.timedelta(hours=8)
"""An all-day session reminds at 08:00 on its day (its start is midnight)."""
CONTENT = ("DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "STATUS")
"""The properties whose change is a new version of an event (SEQUENCE + 1)."""
MAX_REPLACED = 16 * 1024 * 1024
"""An earlier calendar larger than this is not one gluteus wrote."""


def calendar_key(v: ProgramView) -> str:
    """What the UIDs of one person's program share: their name and start date, hashed
    (stable when the program is regenerated, different for another person or start)."""
    who = f"{v.name or ''}|{v.start.isoformat() if v.start else ''}"
    return hashlib.sha256(who.encode("utf-8")).hexdigest()[:16]


def session_uid(v: ProgramView, session: SessionView) -> str:
    """The stable UID of one session's event."""
    return f"{calendar_key(v)}-{session.key}@{UID_DOMAIN}"


def description(v: ProgramView, session: SessionView) -> str:
    """What a session's event says: the week, the exercises with their doses, how to
    read pain, and when to stop."""
    week = v.weeks[session.week - 1] if 0 < session.week <= len(v.weeks) else None
    lines = [f"{week.title}." if week else f"Week {session.week}.", session.title + "."]
    lines.append("")
    lines += [f"{ex.index}. {ex.line}" for ex in session.exercises]
    lines.append("")
    lines.append("Pain traffic light: " + v.traffic_light.rule)
    lines += [f"- {line}" for line in v.zone_lines()]
    if v.stop_signs or v.red_flags:
        lines.append("")
        lines.append("Stop and get advice if: " + "; ".join((*v.stop_signs, *v.red_flags)) + ".")
    return "\n".join(lines)


def _reminder(options: Mapping[str, Any]) -> int:
    value = options.get("reminder", DEFAULT_REMINDER)
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        minutes = -1
    if not 0 <= minutes <= 7 * 24 * 60:
        raise ProfileError(
            f"option reminder must be whole minutes from 0 (none) to 10080, found {value!r}"
        )
    return minutes


def _when(v: ProgramView, session: SessionView) -> tuple[Any, Any]:
    """The event's start and end: dates for an all-day event, else date-times (with
    the profile's time zone, or floating)."""
    assert session.date is not None
    if not v.time:
        return session.date, session.date + dt.timedelta(days=1)
    hours, minutes = (int(part) for part in v.time.split(":"))
    zone = None
    if v.timezone:
        import zoneinfo

        zone = zoneinfo.ZoneInfo(v.timezone)
    start = dt.datetime.combine(session.date, dt.time(hours, minutes), tzinfo=zone)
    return start, start + dt.timedelta(minutes=session.whole_minutes)


def fingerprint(event: Any) -> str:
    """A hash of what a person sees of ``event`` (see :data:`CONTENT`)."""
    digest = hashlib.sha256()
    for name in CONTENT:
        value = event.get(name)
        text = value.to_ical() if hasattr(value, "to_ical") else str(value or "").encode()
        params = getattr(value, "params", None)
        digest.update(name.encode() + b"\0" + bytes(text) + b"\0" + str(params).encode() + b"\1")
    return digest.hexdigest()


def _previous(text: Any) -> dict[str, Any]:
    """The events of the calendar being replaced, by UID."""
    if text in (None, ""):
        return {}
    from icalendar import Calendar

    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if not isinstance(text, str) or len(text) > MAX_REPLACED:
        raise ProfileError("the calendar to replace must be the text of an .ics file")
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise ProfileError(f"the calendar to replace is not iCalendar: {exc}") from exc
    return {str(e["UID"]): e for e in calendar.walk("VEVENT") if "UID" in e}


def _sequence(old: Any) -> int:
    try:
        return max(0, int(old.get("SEQUENCE", 0)))
    except (TypeError, ValueError):
        return 0


def render_ics(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program's sessions as an iCalendar file (RFC 5545).

    Options: ``reminder`` (minutes before a timed session; 0 for none) and
    ``replaces`` (the text of the calendar this one replaces, to raise SEQUENCE on
    changed events and cancel removed ones).
    """
    from icalendar import Alarm, Calendar, Event

    options = options or {}
    v = view(program)
    reminder = _reminder(options)
    previous = _previous(options.get("replaces"))
    sessions = v.sessions
    if sessions and (v.start is None or any(s.date is None for s in sessions)):
        raise ProfileError(
            "the calendar needs dates: add a start date to the profile "
            "(start: YYYY-MM-DD) so sessions fall on real days",
            path="start",
        )
    stamp = dt.datetime.combine(v.start or dt.date(2000, 1, 1), dt.time(), tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", v.title)
    if v.status == "referral":
        cal.add("x-wr-caldesc", "No program: see a clinician first.")
    if v.timezone and sessions:
        cal.add("x-wr-timezone", v.timezone)
    current: set[str] = set()
    for session in sessions:
        week = v.weeks[session.week - 1]
        start, end = _when(v, session)
        uid = session_uid(v, session)
        current.add(uid)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        deload = " (deload)" if week.deload else ""
        event.add(
            "summary",
            f"Glute training: week {session.week}{deload}, session {session.number} "
            f"({session.whole_minutes} min)",
        )
        event.add("description", description(v, session))
        event.add("categories", ["gluteus", week.phase])
        event.add("transp", "OPAQUE" if v.time else "TRANSPARENT")
        old = previous.get(uid)
        sequence = 0 if old is None else _sequence(old)
        if old is not None and fingerprint(old) != fingerprint(event):
            sequence += 1
        event.add("sequence", sequence)
        if reminder:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add(
                "description",
                f"Glute training in {reminder} min" if v.time else "Glute training today",
            )
            trigger = -dt.timedelta(minutes=reminder) if v.time else ALL_DAY_REMINDER
            alarm.add("trigger", trigger)
            event.add_component(alarm)
        cal.add_component(event)
    for uid in sorted(set(previous) - current):
        cal.add_component(_cancelled(previous[uid], stamp))
    if v.timezone and sessions:
        first = sessions[0].date
        last = sessions[-1].date
        assert first is not None and last is not None
        cal.add_missing_timezones(
            first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 2, 1, 1)
        )
    return cal.to_ical().decode("utf-8")


def _cancelled(old: Any, stamp: dt.datetime) -> Any:
    """``old`` sent again as cancelled: a higher SEQUENCE, unless it already was."""
    from icalendar import Event

    event = Event()
    event.add("uid", str(old["UID"]))
    event.add("dtstamp", stamp)
    for name in ("DTSTART", "DTEND"):
        if name in old:
            event[name] = old[name]
    summary = str(old.get("SUMMARY", "Glute training"))
    cancelled = str(old.get("STATUS", "")).upper() == "CANCELLED"
    event.add("summary", summary if summary.startswith("Cancelled: ") else f"Cancelled: {summary}")
    event.add(
        "description",
        "This session is no longer in your program: the program was made again and "
        "changed. Nothing to do on this day.",
    )
    event.add("status", "CANCELLED")
    event.add("sequence", _sequence(old) + (0 if cancelled else 1))
    return event
