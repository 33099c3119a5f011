"""The profile: one person, as SPEC §1 describes it, with defaults applied.

Plain frozen value classes. Reading files, structuring untrusted data and
turning every problem into one clear :class:`~gluteus.ProfileError` is the job of
:mod:`gluteus.engine.loading`; checking ids against the loaded plugins is
:func:`gluteus.engine.loading.check_ids`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import Factory, field, frozen


@frozen
class Schedule:
    """How long and how often the person trains."""

    weeks: int = 8
    sessions_per_week: int = 3
    minutes_per_session: int = 30
    days: tuple[str, ...] | None = None
    time: str | None = None
    """When sessions start, ``"HH:MM"`` (24-hour); without it calendar events last all day."""
    timezone: str | None = None
    """The IANA time zone of ``time`` (``"Europe/Berlin"``); without it times are floating."""


@frozen
class Sides:
    """A left/right pair of test results (seconds, or True/False for a positive sign)."""

    left: Any
    right: Any


@frozen
class Tests:
    """Optional objective screens (SPEC §1)."""

    single_leg_stance_s: Sides | None = None
    side_plank_s: Sides | None = None
    single_leg_squat_knee_valgus: Sides | None = None
    trendelenburg: Sides | None = None
    bridge_hold_s: float | None = None


@frozen
class Pain:
    """Typical pain now, 0–10, per region; a region not given is 0."""

    low_back: int = 0
    knee: int = 0
    hip: int = 0
    buttock: int = 0

    def get(self, region: str) -> int:
        """Pain in ``region`` (0 for a region this profile format does not know)."""
        return int(getattr(self, region, 0))


@frozen
class Preferences:
    """Exercise ids never to use, and ids to favour."""

    avoid: tuple[str, ...] = ()
    prefer: tuple[str, ...] = ()


@frozen
class Profile:
    """One person's profile, validated and with defaults applied.

    Build one with :func:`gluteus.load_profile` or :meth:`Profile.from_dict`;
    :meth:`to_dict` gives back the profile as data (defaults included), and
    ``Profile.from_dict(p.to_dict()) == p``.
    """

    age: int
    format: int = 1
    name: str | None = None
    experience: str = "novice"
    start: dt.date | None = None
    schedule: Schedule = Factory(Schedule)
    equipment: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    pain: Pain = Factory(Pain)
    tests: Tests = Factory(Tests)
    red_flags: tuple[str, ...] = ()
    precautions: tuple[str, ...] = ()
    pregnancy_trimester: int | None = None
    focus: tuple[str, ...] = ()
    preferences: Preferences = Factory(Preferences)
    seed: int | None = None
    source: str | None = field(default=None, eq=False, repr=False)
    """The file the profile was read from, for error messages; not part of its value."""

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Profile:
        """Validate untrusted data (as parsed from YAML, TOML or JSON) into a Profile.

        Raises :class:`~gluteus.ProfileError` naming the key path, what was expected,
        what was found and the closest valid key or value.
        """
        from .loading import profile_from_dict

        return profile_from_dict(data, source=source)

    def to_dict(self) -> dict[str, Any]:
        """The profile as plain data (JSON types), defaults applied."""
        from .loading import profile_to_dict

        return profile_to_dict(self)

    @property
    def days(self) -> tuple[str, ...]:
        """The training days: the schedule's, or spread evenly over the week."""
        from .loading import default_days

        return self.schedule.days or default_days(self.schedule.sessions_per_week)
