"""The ``ics`` format: one calendar event per session, built with icalendar.

Each session is an all-day event on its date (the profile needs ``start``), with
the session's exercises and doses in its description. The UID names the
program's owner and start and the session's place (week, number), so importing a
regenerated program again updates its events instead of duplicating them; DTSTAMP
is the start date, so the same program always gives the same bytes.
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


def calendar_key(v: ProgramView) -> str:
    """What the UIDs of one person's program share: their name and start date, hashed
    (stable when the program is regenerated, different for another person or start)."""
    who = f"{v.name or ''}|{v.start.isoformat() if v.start else ''}"
    return hashlib.sha256(who.encode("utf-8")).hexdigest()[:16]


def session_uid(v: ProgramView, session: SessionView) -> str:
    """The stable UID of one session's event."""
    return f"{calendar_key(v)}-{session.key}@{UID_DOMAIN}"


def _description(v: ProgramView, session: SessionView) -> str:
    week = v.weeks[session.week - 1] if 0 < session.week <= len(v.weeks) else None
    lines = [f"{week.title}." if week else f"Week {session.week}.", session.title + "."]
    lines.append("")
    lines += [f"{ex.index}. {ex.line}" for ex in session.exercises]
    lines.append("")
    lines.append(v.traffic_light.rule)
    if v.stop_signs:
        lines.append("Stop and get advice if: " + "; ".join(v.stop_signs) + ".")
    return "\n".join(lines)


def render_ics(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program's sessions as an iCalendar file (RFC 5545)."""
    from icalendar import Calendar, Event

    v = view(program)
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
    for session in sessions:
        assert session.date is not None
        week = v.weeks[session.week - 1]
        event = Event()
        event.add("uid", session_uid(v, session))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.date)
        event.add("dtend", session.date + dt.timedelta(days=1))
        deload = " (deload)" if week.deload else ""
        event.add(
            "summary",
            f"Glute training: week {session.week}{deload}, session {session.number} "
            f"({session.minutes:g} min)",
        )
        event.add("description", _description(v, session))
        event.add("categories", ["gluteus", week.phase])
        event.add("transp", "TRANSPARENT")
        event.add("sequence", 0)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
