"""Reading profile files and validating untrusted profile data (SPEC §1).

Everything that can go wrong with a profile becomes one
:class:`~gluteus.ProfileError` naming the file, the key path
(``schedule.minutes_per_session``), the line where the parser knows it, what was
expected, what was found and, for a typo, the closest valid key or id. Nothing
else escapes: hostile input (executable YAML tags, alias bombs, huge or binary
files, deep nesting, NaN, booleans posing as numbers, non-string keys) is refused
quickly and without reading more than :data:`MAX_BYTES`. YAML is read with safe
constructors only, through libyaml when PyYAML has it (after a flat pass over its
events has refused aliases, deep nesting and too many values) and through PyYAML's
pure-Python parser, with the same limits, when it does not; TOML is sized up
before tomllib (pure Python) sees it. Measured worst cases for a hostile file just
under 1 MiB: about 10 ms with libyaml (0.6 s with pure-Python YAML), 0.15 s for
TOML, 30 ms for JSON; anything larger fails on its size, before it is opened.

Validation is done by hand, key by key, because the messages are the product;
the validated data is then structured into the frozen classes of
:mod:`gluteus.engine.profile` by a private cattrs converter, which also
unstructures a profile back to plain data. :func:`dump_profile` writes profile
data back as YAML, TOML or JSON (``gluteus init`` uses it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import os
import re
import stat
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import cattrs
import yaml

from .errors import ProfileError
from .model import DAYS, EQUIPMENT, EXPERIENCE, PAIN_REGIONS
from .profile import Profile, Sides

if TYPE_CHECKING:
    from .registry import Registry

MAX_BYTES = 1024 * 1024
"""SPEC §1: a file over 1 MiB is refused before it is parsed."""

MAX_NAME = 200
SEED_MAX = 2**31 - 1  # the solver takes a 32-bit signed seed
MAX_DEPTH = 32  # a profile nests three levels deep; anything far deeper is hostile
MAX_ITEMS = 500
"""The most ids one list may hold: several times any catalogue, and a bound on the work
a hostile file can cause."""
MAX_NODES = 5_000
"""The most values (YAML nodes, keys included; TOML array items) a profile file may
hold. PyYAML's pure-Python parser needs about 13 µs per value and tomllib about 2,
so a 1 MiB list of half a million values would take seconds; this stops either
within about 70 ms. Every id list full at :data:`MAX_ITEMS` still fits."""
MAX_SHOWN = 60  # characters of a key or id quoted in a message

EXTENSIONS: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}

DEFAULT_DAYS: dict[int, tuple[str, ...]] = {
    1: ("wed",),
    2: ("mon", "thu"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    5: ("mon", "tue", "wed", "fri", "sat"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
    7: DAYS,
}
"""Training days when a profile gives none: spread so that sessions rest a day
between them wherever the count allows."""

STANCE_CAP_S = 60  # SPEC §1: single-leg stance is timed up to 60 s
HOLD_MAX_S = 600  # plank-type holds: ten minutes is beyond any recorded norm (EVIDENCE.md §5)

TOP_KEYS: tuple[str, ...] = (
    "format",
    "name",
    "age",
    "experience",
    "start",
    "schedule",
    "equipment",
    "signs",
    "pain",
    "tests",
    "red_flags",
    "precautions",
    "pregnancy_trimester",
    "focus",
    "preferences",
    "seed",
)
SCHEDULE_KEYS = ("weeks", "sessions_per_week", "minutes_per_session", "days", "time", "timezone")
TEST_KEYS = (
    "single_leg_stance_s",
    "side_plank_s",
    "single_leg_squat_knee_valgus",
    "trendelenburg",
    "bridge_hold_s",
)
PREFERENCE_KEYS = ("avoid", "prefer")


def default_days(sessions_per_week: int) -> tuple[str, ...]:
    """The days used when a profile does not name its own."""
    return DEFAULT_DAYS[sessions_per_week]


# --- Describing what was found -----------------------------------------------------


def describe(value: Any) -> str:
    """A short, human description of a parsed value, for ``found ...``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        # str() refuses ints over 4300 digits (CVE-2020-10735), and nobody reads those.
        return str(value) if value.bit_length() <= 64 else "a number far too large"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN (not a number)"
        if math.isinf(value):
            return "infinity"
        return repr(value)
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text) if value else "an empty string"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, dt.time):
        return f"a time ({value.isoformat()})"
    return f"a {type(value).__name__}"


def closest(value: Any, choices: Iterable[str]) -> str | None:
    """The choice most like ``value``, when one is reasonably close."""
    if not isinstance(value, str):
        return None
    options = sorted(choices)
    lowered = {c.lower(): c for c in options}
    if value.lower() in lowered:
        return lowered[value.lower()]
    normalised = value.strip().lower().replace("-", "_").replace(" ", "_")
    if normalised in lowered:
        return lowered[normalised]
    match = difflib.get_close_matches(normalised, options, n=1, cutoff=0.6)
    return match[0] if match else None


def _quote(value: Any) -> str:
    """``repr`` of a key or id, cut short: a hostile file must not make a huge message."""
    if isinstance(value, str):
        return repr(value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 3] + "...")
    return describe(value)


def _printable(text: str) -> bool:
    """False for control characters (terminal escapes, newlines) and lone surrogates."""
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _path_text(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part) and len(part) <= MAX_SHOWN:
            out += ("." if out else "") + part
        else:
            # A key with spaces, line breaks or escapes is quoted, so the message
            # stays on one line and says exactly what the key was.
            out += f"[{_quote(part)}]"
    return out


# --- Validation --------------------------------------------------------------------


class _Checker:
    """Validates one profile's data, raising the first problem as a ProfileError."""

    def __init__(self, source: str | None, lines: Mapping[tuple[str | int, ...], int]) -> None:
        self.source = source
        self.lines = lines

    def fail(
        self,
        path: Sequence[str | int],
        expected: str,
        value: Any = None,
        *,
        found: str | None = None,
        suggestion: str | None = None,
        message: str | None = None,
    ) -> NoReturn:
        found_text = found if found is not None else describe(value)
        text = message or f"expected {expected}, found {found_text}"
        # The innermost path the parser located, so a bad list item points at its line.
        line = None
        key = tuple(path)
        while key and line is None:
            line = self.lines.get(key)
            key = key[:-1]
        raise ProfileError(
            text,
            file=self.source,
            path=_path_text(path) or None,
            line=line,
            expected=expected,
            found=found_text,
            suggestion=suggestion,
        )

    # Primitive checks ---------------------------------------------------------------

    def mapping(self, value: Any, path: Sequence[str | int], keys: Sequence[str]) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            what = f"a mapping with keys such as {', '.join(keys[:4])}"
            self.fail(path, what, value)
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                self.fail(
                    [*path, describe(key)],
                    f"one of the keys {', '.join(keys)}",
                    key,
                    message=f"{describe(key)} is not a key; expected one of {', '.join(keys)}",
                )
            if key not in keys:
                near = closest(key, keys)
                self.fail(
                    [*path, key],
                    f"one of the keys {', '.join(keys)}",
                    key,
                    suggestion=near,
                    message=f"unknown key {_quote(key)}; expected one of {', '.join(keys)}",
                )
            out[key] = item
        return out

    def integer(
        self, value: Any, path: Sequence[str | int], low: int, high: int, what: str = ""
    ) -> int:
        expected = f"a whole number from {low} to {high}" + (f" ({what})" if what else "")
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer() and low <= value <= high:
                self.fail(path, expected, value, suggestion=str(int(value)))
            self.fail(path, expected, value)
        if not low <= value <= high:
            self.fail(path, expected, value)
        return value

    def number(self, value: Any, path: Sequence[str | int], low: float, high: float) -> float:
        expected = f"a number of seconds from {low:g} to {high:g}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, expected, value)
        # A range test alone also refuses NaN and infinities, and unlike math.isfinite
        # it cannot overflow on a huge int.
        if not low <= value <= high:
            self.fail(path, expected, value)
        return value

    def choice(self, value: Any, path: Sequence[str | int], choices: Sequence[str]) -> str:
        expected = f"one of {', '.join(choices)}"
        if not isinstance(value, str) or value not in choices:
            self.fail(path, expected, value, suggestion=closest(value, choices))
        return value

    def id_list(
        self,
        value: Any,
        path: Sequence[str | int],
        what: str,
        choices: Sequence[str] | None = None,
    ) -> tuple[str, ...]:
        """A list of unique ids (strings); checked against ``choices`` when given."""
        if isinstance(value, str):
            self.fail(
                path,
                f"a list of {what}",
                value,
                suggestion=f"[{value}]",
                message=f"expected a list of {what}, found the single value {describe(value)}",
            )
        if not isinstance(value, list | tuple):
            self.fail(path, f"a list of {what}", value)
        if len(value) > MAX_ITEMS:
            self.fail(path, f"at most {MAX_ITEMS} {what}", found=f"{len(value):,} items")
        seen: dict[str, None] = {}  # a dict: ordered, and O(1) to test for repeats
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item:
                self.fail([*path, i], f"an id of a {what.rstrip('s')}", item)
            if choices is not None and item not in choices:
                self.fail(
                    [*path, i],
                    f"one of {', '.join(choices)}",
                    item,
                    suggestion=closest(item, choices),
                )
            if item in seen:
                self.fail(
                    [*path, i], f"each of the {what} once", item, found=f"{_quote(item)} twice"
                )
            seen[item] = None
        return tuple(seen)

    # The profile --------------------------------------------------------------------

    def profile(self, data: Any) -> dict[str, Any]:
        if data is None:
            self.fail([], "a profile (a mapping with at least 'age')", found="an empty document")
        top = self.mapping(data, [], TOP_KEYS)
        out: dict[str, Any] = {}
        fmt = top.get("format", 1)
        if fmt is not None and (isinstance(fmt, bool) or fmt != 1 or not isinstance(fmt, int)):
            self.fail(["format"], "1 (the only profile format so far)", fmt)
        out["format"] = 1
        name = top.get("name")
        if name is not None:
            if not isinstance(name, str):
                self.fail(["name"], "text", name)
            if len(name) > MAX_NAME:
                self.fail(
                    ["name"], f"at most {MAX_NAME} characters", found=f"{len(name)} characters"
                )
            if not _printable(name):
                # The name is printed in programs and terminals: no escapes, no line breaks,
                # and nothing that cannot be written as UTF-8.
                self.fail(
                    ["name"],
                    "text on one line without control characters",
                    found="a control character or an unpaired surrogate",
                )
        out["name"] = name
        if "age" not in top or top["age"] is None:
            self.fail(
                ["age"],
                "a whole number from 13 to 100",
                message="missing required key 'age' (a whole number from 13 to 100)",
            )
        out["age"] = self.integer(top["age"], ["age"], 13, 100, "years")
        experience = top.get("experience")
        out["experience"] = (
            "novice" if experience is None else self.choice(experience, ["experience"], EXPERIENCE)
        )
        out["start"] = self.date(top.get("start"), ["start"])
        out["schedule"] = self.schedule(top.get("schedule"))
        equipment = top.get("equipment")
        if isinstance(equipment, list | tuple) and "bodyweight" in equipment:
            i = list(equipment).index("bodyweight")
            self.fail(
                ["equipment", i],
                f"one of {', '.join(EQUIPMENT)}",
                "bodyweight",
                message="bodyweight is always available; leave it out of equipment",
            )
        out["equipment"] = self.optional_ids(equipment, ["equipment"], "equipment ids", EQUIPMENT)
        out["signs"] = self.optional_ids(top.get("signs"), ["signs"], "sign ids")
        out["pain"] = self.pain(top.get("pain"))
        out["tests"] = self.tests(top.get("tests"))
        out["red_flags"] = self.optional_ids(top.get("red_flags"), ["red_flags"], "red-flag ids")
        out["precautions"] = self.optional_ids(
            top.get("precautions"), ["precautions"], "precaution ids"
        )
        trimester = top.get("pregnancy_trimester")
        if trimester is not None:
            trimester = self.integer(trimester, ["pregnancy_trimester"], 1, 3)
            if "pregnancy" not in out["precautions"]:
                self.fail(
                    ["pregnancy_trimester"],
                    "a trimester only with the precaution pregnancy",
                    trimester,
                    message="pregnancy_trimester is given, but precautions does not list "
                    "pregnancy; add it there or remove the trimester",
                )
        elif "pregnancy" in out["precautions"]:
            self.fail(
                ["pregnancy_trimester"],
                "1, 2 or 3",
                message="the precaution pregnancy needs pregnancy_trimester (1, 2 or 3): "
                "what is safe changes with the trimester",
            )
        out["pregnancy_trimester"] = trimester
        out["focus"] = self.optional_ids(top.get("focus"), ["focus"], "issue ids")
        out["preferences"] = self.preferences(top.get("preferences"))
        seed = top.get("seed")
        out["seed"] = 0 if seed is None else self.integer(seed, ["seed"], 0, SEED_MAX)
        return out

    def optional_ids(
        self, value: Any, path: list[str | int], what: str, choices: Sequence[str] | None = None
    ) -> tuple[str, ...]:
        return () if value is None else self.id_list(value, path, what, choices)

    def date(self, value: Any, path: list[str | int]) -> str | None:
        expected = "a date that exists, written YYYY-MM-DD"
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            self.fail(path, expected, value, suggestion=value.date().isoformat())
        if isinstance(value, dt.date):
            return value.isoformat()
        if not isinstance(value, str):
            self.fail(path, expected, value)
        text = value.strip()
        parts = text.split("-")
        digits = text.replace("-", "")
        # isascii: str.isdigit also accepts digits such as '²' that int() refuses.
        if [len(p) for p in parts] != [4, 2, 2] or not (digits.isascii() and digits.isdigit()):
            self.fail(path, expected, value)
        try:
            date = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError as exc:
            self.fail(path, expected, value, message=f"{text} is not a date that exists ({exc})")
        return date.isoformat()

    def schedule(self, value: Any) -> dict[str, Any]:
        raw = {} if value is None else self.mapping(value, ["schedule"], SCHEDULE_KEYS)
        p = ["schedule"]
        weeks = raw.get("weeks")
        sessions = raw.get("sessions_per_week")
        minutes = raw.get("minutes_per_session")
        out: dict[str, Any] = {
            "weeks": 8 if weeks is None else self.integer(weeks, [*p, "weeks"], 2, 24),
            "sessions_per_week": 3
            if sessions is None
            else self.integer(sessions, [*p, "sessions_per_week"], 1, 7),
            "minutes_per_session": 30
            if minutes is None
            else self.integer(minutes, [*p, "minutes_per_session"], 10, 120),
        }
        days = raw.get("days")
        if days is None:
            out["days"] = default_days(out["sessions_per_week"])
        else:
            chosen = self.id_list(days, [*p, "days"], "days (mon..sun)", DAYS)
            if len(chosen) != out["sessions_per_week"]:
                self.fail(
                    [*p, "days"],
                    f"{out['sessions_per_week']} days, one per session (sessions_per_week)",
                    found=f"{len(chosen)} day{'s' if len(chosen) != 1 else ''}",
                )
            out["days"] = tuple(sorted(chosen, key=DAYS.index))
        out["time"] = self.clock(raw.get("time"), [*p, "time"])
        out["timezone"] = self.timezone(raw.get("timezone"), [*p, "timezone"])
        if out["timezone"] is not None and out["time"] is None:
            self.fail(
                [*p, "timezone"],
                "a timezone only with a time",
                out["timezone"],
                message="schedule.timezone is given, but schedule.time is not; add the time "
                'sessions start ("HH:MM") or remove the timezone',
            )
        return out

    def clock(self, value: Any, path: list[str | int]) -> str | None:
        """A time of day as ``"HH:MM"`` (24-hour), or None when not given."""
        expected = 'a time of day written "HH:MM" (24-hour), in quotes'
        if value is None:
            return None
        if isinstance(value, dt.time):  # TOML's local time
            if value.second or value.microsecond or value.tzinfo is not None:
                self.fail(path, expected, value, suggestion=f'"{value:%H:%M}"')
            return f"{value:%H:%M}"
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            # YAML 1.1 reads an unquoted 18:30 as the base-60 number 1110.
            hours, minutes = divmod(value, 60)
            self.fail(
                path,
                expected,
                value,
                suggestion=f'"{hours:02d}:{minutes:02d}"',
                message=f"found the number {value}: YAML reads an unquoted time such as "
                f"{hours}:{minutes:02d} as a number; write it in quotes",
            )
        text = value.strip() if isinstance(value, str) else ""
        match = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", text)
        if match is None:
            self.fail(path, expected, value)
        return f"{int(match.group(1)):02d}:{match.group(2)}"

    def timezone(self, value: Any, path: list[str | int]) -> str | None:
        """An IANA time zone name known to this system, or None when not given."""
        import zoneinfo

        expected = "an IANA time zone name such as Europe/Berlin or America/New_York"
        if value is None:
            return None
        if not isinstance(value, str) or not value or len(value) > 64:
            self.fail(path, expected, value)
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            self.fail(
                path, expected, value, suggestion=closest(value, zoneinfo.available_timezones())
            )
        return value

    def pain(self, value: Any) -> dict[str, int]:
        raw = {} if value is None else self.mapping(value, ["pain"], PAIN_REGIONS)
        return {
            region: 0
            if raw.get(region) is None
            else self.integer(raw[region], ["pain", region], 0, 10, "pain out of 10")
            for region in PAIN_REGIONS
        }

    def sides(self, value: Any, path: list[str | int], kind: str) -> dict[str, Any] | None:
        if value is None:
            return None
        raw = self.mapping(value, path, ("left", "right"))
        out: dict[str, Any] = {}
        for side in ("left", "right"):
            if side not in raw or raw[side] is None:
                self.fail(
                    [*path, side],
                    "both left and right",
                    message=f"missing {side!r}: give the result for both sides",
                )
            item = raw[side]
            if kind == "bool":
                if not isinstance(item, bool):
                    self.fail([*path, side], "true or false", item)
                out[side] = item
            else:
                high = STANCE_CAP_S if kind == "stance" else HOLD_MAX_S
                out[side] = self.number(item, [*path, side], 0, high)
        return out

    def tests(self, value: Any) -> dict[str, Any]:
        raw = {} if value is None else self.mapping(value, ["tests"], TEST_KEYS)
        p = ["tests"]
        bridge = raw.get("bridge_hold_s")
        return {
            "single_leg_stance_s": self.sides(
                raw.get("single_leg_stance_s"), [*p, "single_leg_stance_s"], "stance"
            ),
            "side_plank_s": self.sides(raw.get("side_plank_s"), [*p, "side_plank_s"], "hold"),
            "single_leg_squat_knee_valgus": self.sides(
                raw.get("single_leg_squat_knee_valgus"),
                [*p, "single_leg_squat_knee_valgus"],
                "bool",
            ),
            "trendelenburg": self.sides(raw.get("trendelenburg"), [*p, "trendelenburg"], "bool"),
            "bridge_hold_s": None
            if bridge is None
            else self.number(bridge, [*p, "bridge_hold_s"], 0, HOLD_MAX_S),
        }

    def preferences(self, value: Any) -> dict[str, tuple[str, ...]]:
        raw = {} if value is None else self.mapping(value, ["preferences"], PREFERENCE_KEYS)
        avoid = self.optional_ids(raw.get("avoid"), ["preferences", "avoid"], "exercise ids")
        prefer = self.optional_ids(raw.get("prefer"), ["preferences", "prefer"], "exercise ids")
        both = [ex for ex in prefer if ex in avoid]
        if both:
            self.fail(
                ["preferences", "prefer", prefer.index(both[0])],
                "an exercise either avoided or preferred",
                both[0],
                message=f"{both[0]!r} is both avoided and preferred; keep it in one list",
            )
        return {"avoid": avoid, "prefer": prefer}


# --- cattrs: validated data <-> the frozen profile classes ----------------------------


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    # Sides hold seconds or booleans as found; they need no conversion either way.
    conv.register_structure_hook(Sides, lambda v, _: Sides(left=v["left"], right=v["right"]))
    return conv


_CONVERTER = _make_converter()


def profile_from_dict(
    data: Any,
    *,
    source: str | None = None,
    lines: Mapping[tuple[str | int, ...], int] | None = None,
) -> Profile:
    """Validate untrusted profile data and build the :class:`Profile`, defaults applied.

    ``source`` names the file in error messages; ``lines`` maps key paths to line
    numbers when the parser knew them. Raises :class:`ProfileError` and nothing else.
    """
    checked = _Checker(source, lines or {}).profile(data)
    try:
        profile = _CONVERTER.structure(checked, Profile)
    except Exception as exc:  # pragma: no cover - validation above makes this unreachable
        raise ProfileError(f"could not build the profile: {exc}", file=source) from exc
    return attrs.evolve(profile, source=source) if source else profile


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The profile as plain JSON data with every default applied (SPEC §1 keys only)."""
    data: dict[str, Any] = _CONVERTER.unstructure(profile)
    data.pop("source", None)
    data["schedule"]["days"] = list(profile.days)
    for key in ("equipment", "signs", "red_flags", "precautions", "focus"):
        data[key] = list(data[key])
    data["preferences"] = {k: list(v) for k, v in data["preferences"].items()}
    return {key: data[key] for key in TOP_KEYS}


# --- Checking ids against the loaded plugins ------------------------------------------


def check_ids(
    profile: Profile,
    registry: Registry,
    *,
    lines: Mapping[tuple[str | int, ...], int] | None = None,
) -> None:
    """Check every id in ``profile`` against what the loaded plugins declare.

    Signs, red flags, precautions, focus issues and preferred or avoided exercises
    must each be known; an unknown one raises :class:`ProfileError` naming the key
    path, the closest known id and, for short vocabularies, all of them.
    """
    checker = _Checker(profile.source, lines or {})
    tables: list[tuple[str, tuple[str, ...], Mapping[str, Any], str]] = [
        ("signs", profile.signs, registry.signs, "sign"),
        ("red_flags", profile.red_flags, registry.red_flags, "red flag"),
        ("precautions", profile.precautions, registry.precautions, "precaution"),
        ("focus", profile.focus, registry.issues, "issue"),
    ]
    for key, ids, known, what in tables:
        for i, item in enumerate(ids):
            if item not in known:
                _unknown(checker, [key, i], item, sorted(known), what)
    for key in PREFERENCE_KEYS:
        for i, item in enumerate(getattr(profile.preferences, key)):
            if item not in registry.exercises:
                _unknown(
                    checker, ["preferences", key, i], item, sorted(registry.exercises), "exercise"
                )
    for pre_id in profile.precautions:
        pre = registry.precautions.get(pre_id)
        if pre is not None and pre.needs_trimester and profile.pregnancy_trimester is None:
            checker.fail(
                ["pregnancy_trimester"],
                "1, 2 or 3",
                message=f"the precaution {pre_id} needs pregnancy_trimester (1, 2 or 3)",
            )


def _unknown(
    checker: _Checker, path: list[str | int], item: str, known: list[str], what: str
) -> NoReturn:
    if len(known) <= 40:
        listing = f"; known {what}s: {', '.join(known)}"
    elif what == "exercise":
        listing = f"; `gluteus exercises` lists all {len(known)}"
    else:
        listing = f"; `gluteus plugins` shows which plugins declare the {len(known)} known"
    checker.fail(
        path,
        f"a {what} id some loaded plugin declares",
        item,
        suggestion=closest(item, known),
        message=f"unknown {what} {_quote(item)}{listing}",
    )


# --- Reading files --------------------------------------------------------------------


def read_profile(path: str | os.PathLike[str], registry: Registry | None = None) -> Profile:
    """Read, parse and validate one profile file (YAML, TOML or JSON, by extension).

    With ``registry``, ids are also checked against the loaded plugins (with the
    line of the offending id where the parser knows it). Raises :class:`ProfileError`
    for every problem, including hostile input, and nothing else.
    """
    try:
        name = os.fspath(path)
    except TypeError:
        raise ProfileError(
            f"expected a file name, found {describe(path)}", expected="a file name"
        ) from None
    info = _stat(name)
    kind = EXTENSIONS.get(Path(name).suffix.lower())
    if kind is None:
        suffix = Path(name).suffix or "(none)"
        raise ProfileError(
            f"expected a .yaml, .yml, .toml or .json file, found the extension {suffix}",
            file=name,
            expected=".yaml, .yml, .toml or .json",
            found=suffix,
            suggestion=closest(Path(name).suffix.lower(), list(EXTENSIONS)),
        )
    text = _read_text(name, info)
    data, lines = parse_text(text, kind, name)
    profile = profile_from_dict(data, source=name, lines=lines)
    if registry is not None:
        check_ids(profile, registry, lines=lines)
    return profile


def _stat(name: str) -> os.stat_result:
    # Checked before the extension, so a folder or a missing file is called what it is.
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise ProfileError("no such file", file=name, expected="a profile file") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProfileError(f"cannot read the file: {reason}", file=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise ProfileError("this is a folder; expected a profile file", file=name, found="a folder")
    return info


def _read_text(name: str, info: os.stat_result) -> str:
    if info.st_size > MAX_BYTES:
        raise ProfileError(
            f"the file is {info.st_size:,} bytes; a profile may be at most {MAX_BYTES:,} "
            "bytes (1 MiB)",
            file=name,
            expected="at most 1 MiB",
            found=f"{info.st_size:,} bytes",
        )
    try:
        with open(name, "rb") as fh:
            # Read one byte past the limit: a device or pipe has no size to stat.
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ProfileError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    if len(raw) > MAX_BYTES:
        raise ProfileError(
            f"the file is over {MAX_BYTES:,} bytes (1 MiB), the most a profile may be",
            file=name,
            expected="at most 1 MiB",
            found=f"over {MAX_BYTES:,} bytes",
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise ProfileError(
            f"this is not a text file (a NUL byte at offset {offset})",
            file=name,
            line=raw[:offset].count(b"\n") + 1,
            expected="UTF-8 text",
            found="binary data",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError(
            f"this is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            file=name,
            line=line,
            expected="UTF-8 text",
            found="binary data",
        ) from None
    if not text.strip():
        raise ProfileError(
            "the file is empty; a profile needs at least 'age'",
            file=name,
            expected="a profile",
            found="an empty file",
        )
    return text


def parse_text(
    text: str, kind: str, name: str | None = None
) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    """Parse profile text of ``kind`` (yaml, toml, json) into data and a line map.

    The line map gives the line of each key path where the parser knows it (YAML).
    Raises :class:`ProfileError`, and nothing else, for text that does not parse.
    """
    parsers: dict[str, Callable[[str, str | None], tuple[Any, dict[tuple[str | int, ...], int]]]]
    parsers = {"yaml": _parse_yaml, "toml": _parse_toml, "json": _parse_json}
    try:
        return parsers[kind](text, name)
    except RecursionError:
        raise ProfileError("the data is nested far too deeply to be a profile", file=name) from None


def _one_line(text: str) -> str:
    """Parser messages sometimes span lines; the command line prints one."""
    return " ".join(text.split())


def _exception_text(exc: BaseException) -> str:
    """A parser's exception in plain words, on one line."""
    text = str(exc)
    if "integer string conversion" in text:
        # Python's own advice (sys.set_int_max_str_digits) is no help to the person.
        return "a number with thousands of digits"
    return _one_line(text) or type(exc).__name__


# YAML --------------------------------------------------------------------------------


class _ProfileResolver(yaml.resolver.Resolver):
    """YAML 1.1's implicit types less timestamps: dates stay text, so that every
    format goes through the same date check."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own (class-level) table
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Budget:
    """What a profile document may hold: no aliases, bounded nesting and size.

    Aliases are refused outright: a profile never needs them, and refusing them
    stops alias bombs ("billion laughs") before anything is expanded. The bounds
    (:data:`MAX_DEPTH`, :data:`MAX_NODES`) stop hostile input early. Fed one event
    per node, by the pure-Python composer or by the libyaml event stream.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.nodes = 0

    def node(self, event: Any) -> bool:
        """Account for the node ``event`` starts; True when it opens a collection."""
        mark: Any = event.start_mark  # pure-Python or libyaml's own Mark class
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in a profile", problem_mark=mark
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise yaml.MarkedYAMLError(
                problem=f"more than {MAX_NODES:,} values: far too many to be a profile",
                problem_mark=mark,
            )
        if not isinstance(event, yaml.CollectionStartEvent):
            return False
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem="the data is nested far too deeply to be a profile", problem_mark=mark
            )
        return True


class _ProfileConstructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, stricter: no duplicate or merge keys, and every
    failure is a MarkedYAMLError with the line of the value."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.MarkedYAMLError, RecursionError):
            raise
        except Exception as exc:
            # Safe constructors trust their tags: `!!bool maybe` is a KeyError and
            # `!!timestamp x` an AttributeError. Say which value, and where.
            tag = str(node.tag).rsplit(":", 1)[-1]
            value = node.value if isinstance(node.value, str) else ""
            detail = _exception_text(exc)
            why = f" ({detail})" if "digits" in detail else ""
            raise yaml.MarkedYAMLError(
                problem=f"{_quote(value)} is not a valid !!{tag}{why}",
                problem_mark=node.start_mark,
            ) from None

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.MarkedYAMLError(
                        problem="merge keys (<<) are not allowed in a profile; write the keys out",
                        problem_mark=key_node.start_mark,
                    )
                key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    continue  # the base class reports unhashable keys with their line
                if key in seen:
                    raise yaml.MarkedYAMLError(
                        context=f"the key {_quote(key)} first appears on line {seen[key]}",
                        problem=f"the key {_quote(key)} appears twice",
                        problem_mark=key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class _ProfileLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _ProfileConstructor,
    _ProfileResolver,
):
    """The pure-Python loader: PyYAML's safe loader with the profile's budget and rules.

    Used when PyYAML was built without libyaml; the budget is kept as nodes are
    composed, so hostile input stops early here too (though a long scalar is
    scanned at pure-Python speed, about 0.4 s per MiB).
    """

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _ProfileConstructor.__init__(self)
        _ProfileResolver.__init__(self)
        self._budget = _Budget()

    def compose_node(self, parent: Any, index: Any) -> Any:
        opened = self._budget.node(self.peek_event())
        try:
            return super().compose_node(parent, index)
        finally:
            if opened:
                self._budget.depth -= 1


_CParser: Any
try:  # libyaml's parser, when PyYAML was built with it (its wheels on PyPI are)
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    _CParser = None

_FastProfileLoader: Any = None
if _CParser is not None:

    class _FastProfileLoader(_CParser, _ProfileConstructor, _ProfileResolver):  # type: ignore[no-redef]
        """libyaml parses and composes; the profile's constructor and resolver build.

        libyaml composes in C, recursively and with aliases shared, so it is only
        given a document whose event stream has passed :func:`_check_events`.
        """

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _ProfileConstructor.__init__(self)
            _ProfileResolver.__init__(self)


def _check_events(text: str) -> None:
    """Keep the budget over libyaml's event stream: flat, fast, nothing composed."""
    budget = _Budget()
    parser = _CParser(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.NodeEvent):
                budget.node(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                budget.depth -= 1
    finally:
        parser.dispose()


def _yaml_lines(
    node: Any, path: tuple[str | int, ...], out: dict[tuple[str | int, ...], int]
) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_path = (*path, key_node.value)
                out.setdefault(key_path, key_node.start_mark.line + 1)
                _yaml_lines(value_node, key_path, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out.setdefault((*path, i), item.start_mark.line + 1)
            _yaml_lines(item, (*path, i), out)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "not valid YAML"
    if "maximum nesting depth" in problem:  # libyaml's own limit (1,000 levels)
        return "the data is nested far too deeply to be a profile"
    if "could not determine a constructor" in problem:
        tag = problem.split(" for the tag ")[-1]
        return (
            f"the tag {tag} is not allowed: profiles are plain data (only the standard YAML tags)"
        )
    if exc.context and not exc.context.startswith("while "):
        # e.g. "expected a single document in the stream" + "but found another document"
        return (
            f"{exc.context}, {problem}"
            if problem.startswith("but ")
            else f"{problem} ({exc.context})"
        )
    return problem


def _parse_yaml(text: str, name: str | None) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    loader = None
    try:
        if _FastProfileLoader is not None and not _PURE_PYTHON_YAML:
            _check_events(text)
            loader = _FastProfileLoader(text)
        else:
            # The reader checks every character up front, so even this can fail.
            loader = _ProfileLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None, {}
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ProfileError(
            f"not a valid profile file: {_one_line(_yaml_problem(exc))}",
            file=name,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # The pure-Python reader counts characters, libyaml bytes of the UTF-8 text.
        if exc.encoding == "?":
            line = text.encode()[: exc.position].count(b"\n") + 1
        else:
            line = text.count("\n", 0, exc.position) + 1
        raise ProfileError(
            f"not valid YAML: the character U+{char:04X} is not allowed in YAML text",
            file=name,
            line=line,
            expected="printable text",
            found=f"the control character U+{char:04X}",
        ) from None
    except RecursionError:
        raise
    except Exception as exc:
        # Hostile text must end as one ProfileError, whatever PyYAML raised on the way.
        raise ProfileError(f"not valid YAML: {_exception_text(exc)}", file=name) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[tuple[str | int, ...], int] = {}
    _yaml_lines(node, (), lines)
    return data, lines


_PURE_PYTHON_YAML = False
"""Set (by tests) to use the pure-Python loader even when libyaml is there."""


# TOML --------------------------------------------------------------------------------


MAX_TOML_KEYS = 1_000
"""The most keys and table headers a TOML profile may hold (a full profile has about 50)."""
MAX_TOML_DOTS = 16
"""The most parts a dotted TOML key may have (a profile's deepest is ``tests.x.left``)."""

# Strings and comments, each matched whole (or to the end of its line, or of the text,
# when unterminated) so that what they hold is not taken for keys. Linear: each
# alternative either ends at its line's end or, for the multi-line strings, runs to
# its closing quotes once.
_TOML_QUOTED = re.compile(
    r'"""[\s\S]*?(?:"""|\Z)'
    r"|'''[\s\S]*?(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\.)*(?:"|$)'
    r"|'[^'\n]*(?:'|$)"
    r"|#[^\n]*",
    re.MULTILINE,
)
_TOML_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_TOML_DOTTED = re.compile(rf"(?:\.[ \t]*[A-Za-z0-9_-]+[ \t]*){{{MAX_TOML_DOTS},}}")


def _toml_too_big(text: str) -> str | None:
    """Why ``text`` is too much to give tomllib, or None.

    tomllib is pure Python: 1 MiB of table headers takes it seconds, a 1 MiB array
    about one, and one dotted key of many parts (``a.a.a...``) costs memory quadratic
    in its length (8,000 parts: 250 MB; a 1 MiB file of them exhausts memory).
    Counted on the text with strings blanked and comments removed.
    """
    bare = _TOML_QUOTED.sub(lambda m: "" if m.group().startswith("#") else "s", text)
    keys = bare.count("=") + len(_TOML_HEADER.findall(bare))
    if keys > MAX_TOML_KEYS:
        return f"more than {MAX_TOML_KEYS:,} keys and tables: far too many to be a profile"
    if bare.count(",") > MAX_NODES:
        # Array items, a cheap count: 500,000 of them take tomllib a second.
        return f"more than {MAX_NODES:,} values: far too many to be a profile"
    if _TOML_DOTTED.search(bare):
        return f"a dotted key of more than {MAX_TOML_DOTS} parts: far too deep to be a profile"
    return None


def _parse_toml(text: str, name: str | None) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    problem = _toml_too_big(text)
    if problem is not None:
        raise ProfileError(f"not a valid profile file: {problem}", file=name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = getattr(exc, "lineno", None)
        if line is None and "(at line " in message:
            try:
                line = int(message.rsplit("(at line ", 1)[1].split(",")[0])
            except ValueError:
                line = None
        if line is None and message.endswith("(at end of document)"):
            line = max(1, len(text.splitlines()))
        message = message.split(" (at line ")[0].removesuffix(" (at end of document)")
        raise ProfileError(f"not valid TOML: {_one_line(message)}", file=name, line=line) from None
    except RecursionError:
        raise
    except Exception as exc:
        # tomllib lets int() errors through, e.g. a 5000-digit number (a ValueError).
        raise ProfileError(f"not valid TOML: {_exception_text(exc)}", file=name) from None
    return data, {}


# JSON --------------------------------------------------------------------------------


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _no_constants(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number a profile may hold")


def _parse_json(text: str, name: str | None) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=name, line=exc.lineno
        ) from None
    except _Duplicate as exc:
        line = _json_key_line(text, exc.key)
        raise ProfileError(
            f"the key {exc.key!r} appears twice in one object", file=name, line=line
        ) from None
    except RecursionError:
        raise
    except Exception as exc:
        # parse_constant's refusals, and int() errors such as a 5000-digit number.
        raise ProfileError(f"not valid JSON: {_exception_text(exc)}", file=name) from None
    return data, {}


def _json_key_line(text: str, key: str) -> int | None:
    """The line of the second ``"key":`` in ``text`` (a best effort for the message).

    Only keys count (the quoted text followed by a colon), so a value that happens
    to equal the key does not mislead it.
    """
    keys = re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)
    second = next(keys, None) and next(keys, None)
    return text.count("\n", 0, second.start()) + 1 if second is not None else None


# --- Writing profile files ------------------------------------------------------------


def dump_profile(data: Mapping[str, Any], kind: str, *, comment: str | None = None) -> str:
    """Profile data as the text of a ``kind`` file (``yaml``, ``toml`` or ``json``).

    Keys keep the order given and keys whose value is None are left out (TOML has
    no null; the loader reads a missing key and a null one alike), so the text reads
    back to the same profile in every format. ``comment`` (YAML and TOML only) goes
    on top, one ``#`` line per line.
    """
    clean = _without_none(data)
    head = "".join(f"# {line}".rstrip() + "\n" for line in (comment or "").splitlines())
    if kind == "json":
        return json.dumps(clean, indent=2, ensure_ascii=False) + "\n"
    if kind == "yaml":
        # Flow style for lists and mappings of plain values, as in SPEC §1's example.
        body = yaml.safe_dump(clean, sort_keys=False, allow_unicode=True, default_flow_style=None)
        return head + body
    if kind == "toml":
        return head + _toml_document(clean)
    raise ValueError(f"unknown profile format {kind!r}; expected yaml, toml or json")


def _without_none(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_without_none(v) for v in value]
    return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no place in a profile")
        return repr(value)
    if isinstance(value, str):
        # JSON's escapes are valid TOML; ensure_ascii=False keeps astral characters
        # whole (TOML refuses surrogate escapes), and DEL must be escaped in TOML.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, Mapping):
        items = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    raise ValueError(f"cannot write {describe(value)} as TOML")


def _toml_key(key: str) -> str:
    bare = bool(key) and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if bare else _toml_value(key)


def _toml_document(data: Mapping[str, Any]) -> str:
    # Plain values first: in TOML, whatever follows a [table] header belongs to it.
    lines = [
        f"{_toml_key(k)} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, Mapping)
    ]
    for key, table in data.items():
        if isinstance(table, Mapping):
            lines.append(f"\n[{_toml_key(key)}]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines).lstrip("\n") + "\n"
