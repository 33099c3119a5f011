"""The profile: one person, and the single source of every key, bound and default.

Every key of a profile file is a field of the frozen classes below, and each field
carries its check (:class:`Check` in its metadata): the words for what is
expected, the bounds, how the value is converted and, for the JSON Schema and for
``gluteus init``, how it is described. The same check runs wherever a profile is
made: ``Profile(...)``, ``attrs.evolve(profile, ...)``, :meth:`Profile.from_dict`
and the file loader (through a private cattrs converter with detailed validation,
so that every problem in a file is reported at once, each at its key path).

What the profile model cannot know is checked against the loaded plugins by
:func:`gluteus.engine.loading.check_ids`: sign, red-flag, precaution, issue,
exercise, equipment, test and pain-region ids, and what a precaution needs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, TypeVar

import attrs
from attrs import Factory, field, frozen

from .errors import ProfileError
from .messages import closest, describe, path_text, printable, quote
from .vocabulary import DAYS, EXPERIENCE, SEED_MAX

if TYPE_CHECKING:
    import cattrs

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

MAX_NAME = 200
MAX_ITEMS = 500
"""The most ids one list may hold: several times any catalogue, and a bound on the work
a hostile file can cause."""
READING_MAX = 100_000
"""The largest number a test result may hold before its own (plugin-declared) bounds
are checked: far above any test, and small enough to print."""
PREGNANCY_WEEKS = 42
"""The last week of pregnancy a program may reach (term is 37–42 weeks)."""
POSTNATAL_WEEKS = 104
"""The most weeks since giving birth a profile may give with the precaution postnatal
(two years: past that the birth no longer sets what is safe; a bound, not a finding)."""

Path = tuple[str | int, ...]


def default_days(sessions_per_week: int) -> tuple[str, ...]:
    """The days used when a profile does not name its own."""
    return DEFAULT_DAYS[sessions_per_week]


# --- Problems -------------------------------------------------------------------------


class Problem(Exception):
    """One thing wrong with one value, before it is placed in a file and a key path.

    ``where`` is the path below the value's own key (an index in a list, a key in a
    mapping); the loader prefixes the value's key path and adds the file and line.
    """

    def __init__(
        self,
        expected: str,
        found: str,
        *,
        message: str | None = None,
        suggestion: str | None = None,
        where: Path = (),
    ) -> None:
        self.expected = expected
        self.found = found
        self.message = message or f"expected {expected}, found {found}"
        self.suggestion = suggestion
        self.where = where
        super().__init__(self.message)

    def at(self, path: Path, *, file: str | None = None, line: int | None = None) -> ProfileError:
        """The problem as a :class:`ProfileError` at ``path`` (its own ``where`` appended)."""
        return ProfileError(
            self.message,
            file=file,
            path=path_text((*path, *self.where)) or None,
            line=line,
            expected=self.expected,
            found=self.found,
            suggestion=self.suggestion,
        )


def _fail(expected: str, value: Any, **kwargs: Any) -> NoReturn:
    raise Problem(expected, kwargs.pop("found", None) or describe(value), **kwargs)


# --- Checks: one per kind of value ------------------------------------------------------


class Check:
    """How one key is checked and converted, and described for people and schemas.

    ``__call__`` returns the converted value or raises :class:`Problem`; it accepts
    its own output unchanged, so values are checked again, cheaply, when a profile
    is rebuilt. ``expected`` is the words for a valid value; :meth:`schema` is its
    JSON Schema; ``question`` is asked by ``gluteus init``.
    """

    expected: str = ""
    question: str | None = None

    def __call__(self, value: Any) -> Any:  # pragma: no cover - every check overrides it
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:  # pragma: no cover - every check overrides it
        raise NotImplementedError


@frozen
class Integer(Check):
    """A whole number from ``low`` to ``high``; booleans are not numbers."""

    low: int
    high: int
    what: str = ""
    question: str | None = None
    required: bool = False

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a whole number from {self.low} to {self.high}" + (
            f" ({self.what})" if self.what else ""
        )

    def __call__(self, value: Any) -> int:
        if value is None and self.required:
            _fail(
                f"a whole number from {self.low} to {self.high}",
                value,
                found="nothing",
                message="missing a required key",
            )
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer() and self.low <= value <= self.high:
                _fail(self.expected, value, suggestion=str(int(value)))
            _fail(self.expected, value)
        # A range test also refuses huge ints without converting them to text.
        if not self.low <= value <= self.high:
            _fail(self.expected, value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


@frozen
class Number(Check):
    """A number (whole or decimal) from ``low`` to ``high``; never NaN or infinite."""

    low: float
    high: float
    unit: str = "seconds"
    question: str | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a number of {self.unit} from {self.low:g} to {self.high:g}"

    def __call__(self, value: Any) -> float | int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            _fail(self.expected, value)
        # A range test alone also refuses NaN and infinities, and unlike math.isfinite
        # it cannot overflow on a huge int.
        if not self.low <= value <= self.high:
            _fail(self.expected, value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "number", "minimum": self.low, "maximum": self.high}


@frozen
class Boolean(Check):
    """``true`` or ``false``; numbers are not booleans."""

    question: str | None = None
    expected: str = "true or false"

    def __call__(self, value: Any) -> bool:
        if not isinstance(value, bool):
            _fail(self.expected, value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@frozen
class Text(Check):
    """Text on one line, without control characters, at most ``max_len`` characters."""

    max_len: int
    expected: str = "text"
    question: str | None = None

    def __call__(self, value: Any) -> str:
        if not isinstance(value, str):
            _fail("text", value)
        if len(value) > self.max_len:
            _fail(f"at most {self.max_len} characters", value, found=f"{len(value)} characters")
        if not printable(value):
            # Names are printed in programs and terminals: no escapes, no line breaks,
            # and nothing that cannot be written as UTF-8.
            _fail(
                "text on one line without control characters",
                value,
                found="a control character or an unpaired surrogate",
            )
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_len}


@frozen
class Choice(Check):
    """One of ``choices``."""

    choices: tuple[str, ...]
    question: str | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"one of {', '.join(self.choices)}"

    def __call__(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.choices:
            _fail(self.expected, value, suggestion=closest(value, self.choices))
        return value

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


@frozen
class Const(Check):
    """Exactly ``value`` (the profile format)."""

    value: int
    expected: str = "1 (the only profile format so far)"

    def __call__(self, value: Any) -> int:
        if isinstance(value, bool) or value != self.value or not isinstance(value, int):
            _fail(self.expected, value)
        return value

    def schema(self) -> dict[str, Any]:
        return {"const": self.value}


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", re.ASCII)


@frozen
class Date(Check):
    """A date that exists, written YYYY-MM-DD (a date object is taken as it is)."""

    expected: str = "a date that exists, written YYYY-MM-DD"
    question: str | None = None

    def __call__(self, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            _fail(self.expected, value, suggestion=value.date().isoformat())
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            _fail(self.expected, value)
        text = value.strip()
        # re.ASCII: str.isdigit would also accept digits such as '²' that int() refuses.
        if not _DATE.fullmatch(text):
            _fail(self.expected, value)
        try:
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            _fail(self.expected, value, message=f"{text} is not a date that exists ({exc})")

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


@frozen
class ClockTime(Check):
    """A time of day on the 24-hour clock, written "HH:MM" (kept as "HH:MM")."""

    expected: str = 'a time of day written "HH:MM" (24-hour), in quotes'
    question: str | None = None

    def __call__(self, value: Any) -> str:
        if isinstance(value, dt.time):  # TOML's local time
            if value.second or value.microsecond or value.tzinfo is not None:
                _fail(self.expected, value, suggestion=f'"{value:%H:%M}"')
            return f"{value:%H:%M}"
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            # YAML 1.1 reads an unquoted 18:30 as the base-60 number 1110.
            hours, minutes = divmod(value, 60)
            _fail(
                self.expected,
                value,
                suggestion=f'"{hours:02d}:{minutes:02d}"',
                message=f"found the number {value}: YAML reads an unquoted time such as "
                f"{hours}:{minutes:02d} as a number; write it in quotes",
            )
        text = value.strip() if isinstance(value, str) else ""
        match = _TIME.fullmatch(text)
        if match is None:
            _fail(self.expected, value)
        return f"{int(match[1]):02d}:{match[2]}"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]$"}


@frozen
class TimeZone(Check):
    """An IANA time zone name such as Europe/London."""

    expected: str = "an IANA time zone name such as Europe/Berlin or America/New_York"
    question: str | None = None

    def __call__(self, value: Any) -> str:
        import zoneinfo

        if not isinstance(value, str) or not value or len(value) > 64 or not printable(value):
            _fail(self.expected, value)
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            names = zoneinfo.available_timezones()
            _fail(self.expected, value, suggestion=closest(value, names))
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


@frozen
class Ids(Check):
    """A list of unique, non-empty ids; checked against ``choices`` when given (other
    vocabularies are the plugins' and are checked against the registry)."""

    what: str
    choices: tuple[str, ...] | None = None
    question: str | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a list of {self.what}"

    def __call__(self, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            _fail(
                self.expected,
                value,
                suggestion=f"[{value}]",
                message=f"expected a list of {self.what}, found the single value {describe(value)}",
            )
        if not isinstance(value, list | tuple):
            _fail(self.expected, value)
        if len(value) > MAX_ITEMS:
            _fail(f"at most {MAX_ITEMS} {self.what}", value, found=f"{len(value):,} items")
        seen: dict[str, None] = {}  # a dict: ordered, and O(1) to test for repeats
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item:
                _fail(f"an id of a {self.what.rstrip('s')}", item, where=(i,))
            if self.choices is not None and item not in self.choices:
                _fail(
                    f"one of {', '.join(self.choices)}",
                    item,
                    suggestion=closest(item, self.choices),
                    where=(i,),
                )
            if item in seen:
                _fail(
                    f"each of the {self.what} once", item, found=f"{quote(item)} twice", where=(i,)
                )
            seen[item] = None
        return tuple(seen)

    def schema(self) -> dict[str, Any]:
        items: dict[str, Any] = (
            {"enum": list(self.choices)} if self.choices else {"type": "string", "minLength": 1}
        )
        return {"type": "array", "items": items, "uniqueItems": True, "maxItems": MAX_ITEMS}


@frozen
class Days(Ids):
    """Training days, unique, kept in week order (so the same days give the same profile)."""

    def __call__(self, value: Any) -> tuple[str, ...]:
        return tuple(sorted(super().__call__(value), key=DAYS.index))


@frozen
class Optional(Check):
    """``None`` (the key left out), or a value ``inner`` accepts."""

    inner: Check

    @property
    def expected(self) -> str:  # type: ignore[override]
        return self.inner.expected

    @property
    def question(self) -> str | None:  # type: ignore[override]
        return self.inner.question

    def __call__(self, value: Any) -> Any:
        return None if value is None else self.inner(value)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.inner.schema(), {"type": "null"}]}


def _key(key: Any, keys: Sequence[str] | None = None, what: str = "key") -> str:
    """A mapping key, checked: text on one line (and one of ``keys`` when given)."""
    if not isinstance(key, str) or not key or not printable(key):
        listing = f"; expected one of {', '.join(keys)}" if keys else ""
        _fail(
            f"a {what}",
            key,
            message=f"{describe(key) if not isinstance(key, str) else quote(key)} is not a "
            f"{what}{listing}",
            where=(describe(key) if not isinstance(key, str) else key,),
        )
    if keys is not None and key not in keys:
        _fail(
            f"one of the keys {', '.join(keys)}",
            key,
            suggestion=closest(key, keys),
            message=f"unknown key {quote(key)}; expected one of {', '.join(keys)}",
            where=(key,),
        )
    return key


# --- Readings: pain per region and test results -----------------------------------------

V = TypeVar("V")


class Readings(Mapping[str, V]):
    """An immutable, hashable mapping of ids to values, in the order given.

    Pain per region and test results are keyed by ids that plugins declare, so the
    profile holds them as a mapping; the ids are checked against the registry.
    """

    __slots__ = ("_items",)
    _missing: ClassVar[Any] = None

    def __init__(self, items: Mapping[str, V] | Iterable[tuple[str, V]] = (), **named: V) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        object.__setattr__(self, "_items", {**dict(pairs), **named})

    def __setattr__(self, name: str, value: Any) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __getitem__(self, key: str) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._items.items(), key=lambda kv: kv[0])))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Readings):
            return dict(self._items) == dict(other._items)
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"

    def __getattr__(self, name: str) -> Any:
        # Attribute access by id (``profile.tests.bridge_hold_s``) as in the first
        # profile model, where tests and pain regions were fixed fields.
        if name.startswith("_"):
            raise AttributeError(name)
        return self._items.get(name, self._missing)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (tuple(self._items.items()),))

    def replace(self, **changes: V) -> Any:
        """A copy with ``changes`` applied (the mapping's ``attrs.evolve``)."""
        return type(self)({**self._items, **changes})


class Pain(Readings[int]):
    """Typical pain now, 0–10, per region; a region not given is 0 (so a region given as
    0 and one left out are the same pain)."""

    _missing: ClassVar[Any] = 0

    def _felt(self) -> dict[str, int]:
        return {k: v for k, v in self._items.items() if v}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Pain):
            return self._felt() == other._felt()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._felt().items())))

    def get(self, region: str, default: Any = 0) -> int:
        """Pain in ``region`` (0 when not given)."""
        return int(self._items.get(region, default))

    def highest(self) -> int:
        """The highest pain in any region (0 when none is given)."""
        return max(self._items.values(), default=0)


@frozen
class Sides:
    """A left/right pair of test results (seconds, a count, or True/False for a sign)."""

    left: Any
    right: Any


class Tests(Readings[Any]):
    """Objective test results by test id: a number, True/False, or :class:`Sides`.

    Which tests exist, their kind and their bounds are declared by plugins
    (:class:`gluteus.engine.model.ObjectiveTest`).
    """


@frozen
class PainCheck(Check):
    """Pain per region: region ids (declared by plugins) to a whole number 0–10."""

    expected: str = "a mapping of pain regions to pain 0-10, e.g. {knee: 3}"
    question: str | None = None

    def __call__(self, value: Any) -> Pain:
        if isinstance(value, Pain):
            return value
        if value is None:
            return Pain()
        if not isinstance(value, Mapping):
            _fail(self.expected, value)
        level = Integer(0, 10, "pain out of 10")
        out: dict[str, int] = {}
        for key, item in value.items():
            region = _key(key)
            if item is None:
                continue  # a region left empty is a region without pain
            try:
                out[region] = level(item)
            except Problem as exc:
                raise Problem(
                    exc.expected, exc.found, suggestion=exc.suggestion, where=(region,)
                ) from None
        return Pain(out)

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 10},
        }


@frozen
class TestsCheck(Check):
    """Test results: test ids (declared by plugins) to a number, True/False, or a
    ``{left, right}`` pair of either."""

    expected: str = "a mapping of test ids to results"
    question: str | None = None

    def __call__(self, value: Any) -> Tests:
        if isinstance(value, Tests):
            return value
        if value is None:
            return Tests()
        if not isinstance(value, Mapping):
            _fail(self.expected, value)
        out: dict[str, Any] = {}
        for key, item in value.items():
            test = _key(key)
            if item is None:
                continue
            out[test] = self.result(item, (test,))
        return Tests(out)

    def result(self, item: Any, where: Path) -> Any:
        if isinstance(item, Sides):
            item = {"left": item.left, "right": item.right}
        if isinstance(item, Mapping):
            for side in item:
                if side not in ("left", "right"):
                    _key(side, ("left", "right"))
            sides: dict[str, Any] = {}
            for side in ("left", "right"):
                if item.get(side) is None:
                    _fail(
                        "both left and right",
                        None,
                        message=f"missing {side!r}: give the result for both sides",
                        where=(*where, side),
                    )
                sides[side] = self.single(item[side], (*where, side))
            if type(sides["left"]) is bool and type(sides["right"]) is not bool:
                _fail("true or false", sides["right"], where=(*where, "right"))
            if type(sides["right"]) is bool and type(sides["left"]) is not bool:
                _fail("true or false", sides["left"], where=(*where, "left"))
            return Sides(left=sides["left"], right=sides["right"])
        return self.single(item, where)

    def single(self, item: Any, where: Path) -> Any:
        if isinstance(item, bool):
            return item
        # Each test's own bounds are checked against its declaration (check_ids).
        if isinstance(item, int | float) and -READING_MAX <= item <= READING_MAX:
            return item
        _fail("a number, or true or false", item, where=where)

    def schema(self) -> dict[str, Any]:
        single = {
            "anyOf": [
                {"type": "boolean"},
                {"type": "number", "minimum": -READING_MAX, "maximum": READING_MAX},
            ]
        }
        pair = {
            "type": "object",
            "additionalProperties": False,
            "required": ["left", "right"],
            "properties": {"left": single, "right": single},
        }
        return {"type": "object", "additionalProperties": {"anyOf": [single, pair]}}


# --- The classes --------------------------------------------------------------------------


def _check_of(attribute: attrs.Attribute[Any]) -> Check:
    check = attribute.metadata.get("check")
    assert isinstance(check, Check), attribute.name
    return check


def _spec(check: Check, *, doc: str = "") -> dict[str, Any]:
    return {"check": check, "doc": doc}


def _checked(check: Check, *, doc: str = "", **kwargs: Any) -> Any:
    """A field whose value goes through ``check`` whenever an instance is made."""
    return field(converter=_Converter(check), metadata=_spec(check, doc=doc), **kwargs)


class _Converter:
    """Runs a field's :class:`Check` as its attrs converter, raising a ProfileError at
    the field's key path for a value built directly (``Profile(age=5)``)."""

    def __init__(self, check: Check) -> None:
        self.check = check
        self.path: Path = ()  # set once the class (and so the key path) is known

    def __call__(self, value: Any) -> Any:
        try:
            return self.check(value)
        except Problem as exc:
            raise exc.at(self.path) from None


def _place(cls: type[Any], prefix: Path) -> None:
    """Give each field's converter its key path, for errors in directly built values."""
    for attribute in attrs.fields(cls):
        converter = attribute.converter
        if isinstance(converter, _Converter):
            converter.path = (*prefix, attribute.name)


def _cross(problems: list[ProfileError]) -> None:
    if problems:
        raise ProfileError.many(problems)


@frozen(kw_only=True)
class Schedule:
    """How long and how often the person trains."""

    weeks: int = _checked(Integer(2, 24), default=8, doc="How many weeks the program runs.")
    sessions_per_week: int = _checked(Integer(1, 7), default=3, doc="Training sessions a week.")
    minutes_per_session: int = _checked(
        Integer(10, 120), default=30, doc="The most minutes one session may take."
    )
    days: tuple[str, ...] = _checked(
        Days("days (mon..sun)", DAYS),
        default=Factory(lambda self: default_days(self.sessions_per_week), takes_self=True),
        doc="The training days, as many as sessions_per_week; kept in week order. Without "
        "them, days are spread so that sessions rest a day between them.",
    )
    sport_days: tuple[str, ...] = _checked(
        Days("days (mon..sun)", DAYS),
        default=(),
        doc="The days of the person's own sport (runs, track sessions, team training, "
        "matches), kept in week order; training days may be among them. Heavy leg work, "
        "jumps and slow-lowering work stay off the day before each of them.",
    )
    match_days: tuple[str, ...] = _checked(
        Days("days (mon..sun)", DAYS),
        default=(),
        doc="The sport days that matter most (games, races), each one of sport_days. "
        "When every training day falls the day before some sport day, the day before "
        "each of these is still kept free of heavy leg work, jumps and slow-lowering "
        "work, and the other sessions hold it.",
    )
    time: str | None = _checked(
        Optional(ClockTime()),
        default=None,
        doc="The time sessions start (HH:MM, 24-hour clock); the calendar then holds timed events.",
    )
    timezone: str | None = _checked(
        Optional(TimeZone()),
        default=None,
        doc="The time zone of the session time (an IANA name such as Europe/London); "
        "without it, times are local wherever the calendar is opened.",
    )

    @property
    def before_sport(self) -> tuple[str, ...]:
        """The training days kept light because a sport day follows them, in week order:
        those before any sport day (a Friday session before a Saturday match) while some
        training day is not such a day; when every one is, those before a match day
        (:attr:`match_days`), so that the hard work has days to go to."""
        eves = _eves(self.days, self.sport_days)
        if len(eves) == len(self.days) and self.match_days:
            return _eves(self.days, self.match_days)
        return eves

    @property
    def before_any_sport(self) -> tuple[str, ...]:
        """The training days that fall the day before any sport day, match or not."""
        return _eves(self.days, self.sport_days)

    def __attrs_post_init__(self) -> None:
        problems = []
        if self.timezone is not None and self.time is None:
            problems.append(
                ProfileError(
                    "schedule.timezone is given, but schedule.time is not; add the time "
                    'sessions start ("HH:MM") or remove the timezone',
                    path="schedule.timezone",
                    expected="a timezone only with a time",
                    found=quote(self.timezone),
                )
            )
        for i, day in enumerate(self.match_days):
            if day not in self.sport_days:
                sport = ", ".join(self.sport_days) or "none given"
                problems.append(
                    ProfileError(
                        f"{day!r} is a match day but not one of sport_days ({sport}); a "
                        "match is a sport day: add it to sport_days too",
                        path=f"schedule.match_days[{i}]",
                        expected=f"one of sport_days ({sport})",
                        found=quote(day),
                    )
                )
        if len(self.days) != self.sessions_per_week:
            problems.append(
                ProfileError(
                    f"expected {self.sessions_per_week} days, one per session "
                    f"(sessions_per_week), found {len(self.days)} "
                    f"day{'s' if len(self.days) != 1 else ''}",
                    path="schedule.days",
                    expected=f"{self.sessions_per_week} days, one per session (sessions_per_week)",
                    found=f"{len(self.days)} day{'s' if len(self.days) != 1 else ''}",
                )
            )
        _cross(problems)


def _eves(days: Sequence[str], sport: Iterable[str]) -> tuple[str, ...]:
    """The training ``days`` that fall the day before one of the ``sport`` days."""
    eves = {DAYS[(DAYS.index(d) - 1) % 7] for d in sport}
    return tuple(d for d in days if d in eves)


@frozen(kw_only=True)
class Preferences:
    """Exercise ids never to use, and ids to favour."""

    avoid: tuple[str, ...] = _checked(
        Ids("exercise ids"), default=(), doc="Exercise ids never to use."
    )
    prefer: tuple[str, ...] = _checked(
        Ids("exercise ids"), default=(), doc="Exercise ids to favour when they fit."
    )

    def __attrs_post_init__(self) -> None:
        both = [ex for ex in self.prefer if ex in self.avoid]
        if both:
            _cross(
                [
                    ProfileError(
                        f"{both[0]!r} is both avoided and preferred; keep it in one list",
                        path=f"preferences.prefer[{self.prefer.index(both[0])}]",
                        expected="an exercise either avoided or preferred",
                        found=quote(both[0]),
                    )
                ]
            )


@frozen(kw_only=True)
class BloodPressure:
    """A resting blood pressure reading, in mmHg."""

    systolic: int = _checked(
        Integer(70, 260, "mmHg"), doc="The upper number of a resting reading, in mmHg."
    )
    diastolic: int = _checked(
        Integer(40, 160, "mmHg"), doc="The lower number of a resting reading, in mmHg."
    )

    def __attrs_post_init__(self) -> None:
        if self.diastolic >= self.systolic:
            _cross(
                [
                    ProfileError(
                        f"the lower number ({self.diastolic}) must be below the upper "
                        f"({self.systolic}); a reading is written upper over lower, e.g. "
                        "{systolic: 130, diastolic: 85}",
                        path="blood_pressure.diastolic",
                        expected=f"a number below {self.systolic}",
                        found=str(self.diastolic),
                    )
                ]
            )


@frozen(kw_only=True)
class Profile:
    """One person's profile, validated and with defaults applied.

    Build one with :func:`gluteus.load_profile`, :meth:`Profile.from_dict` or directly
    (``Profile(age=38)``): every way checks every key and raises
    :class:`~gluteus.ProfileError` naming the key path, what was expected and what
    was found. :meth:`to_dict` gives back the profile as data (defaults included),
    and ``Profile.from_dict(p.to_dict()) == p``.
    """

    format: int = _checked(Const(1), default=1, doc="The profile format; 1 is the only one so far.")
    name: str | None = _checked(
        Optional(Text(MAX_NAME)), default=None, doc="Free text, shown on the program."
    )
    age: int = _checked(Integer(13, 100, "years", required=True), doc="Age in years.")
    experience: str = _checked(
        Choice(EXPERIENCE), default="novice", doc="Training experience with weights."
    )
    start: dt.date | None = _checked(
        Optional(Date()),
        default=None,
        doc="The first day of the program; gives sessions real dates (and a calendar).",
    )
    schedule: Schedule = field(factory=Schedule, metadata={"section": Schedule})
    equipment: tuple[str, ...] = _checked(
        Ids("equipment ids"),
        default=(),
        doc="Equipment besides bodyweight, which is always there (ids some plugin declares).",
    )
    signs: tuple[str, ...] = _checked(
        Ids("sign ids"), default=(), doc="What the person notices (sign ids)."
    )
    pain: Pain = _checked(
        PainCheck(), default=Factory(Pain), doc="Typical pain now, 0-10, per region."
    )
    tests: Tests = _checked(
        TestsCheck(), default=Factory(Tests), doc="Objective test results by test id."
    )
    red_flags: tuple[str, ...] = _checked(
        Ids("red-flag ids"), default=(), doc="Red flags present: no program, a referral."
    )
    precautions: tuple[str, ...] = _checked(
        Ids("precaution ids"), default=(), doc="Precautions; they exclude or change exercises."
    )
    pregnancy_trimester: int | None = _checked(
        Optional(Integer(1, 3, "trimester")),
        default=None,
        doc="With the precaution pregnancy: the trimester now (or give pregnancy_week).",
    )
    pregnancy_week: int | None = _checked(
        Optional(Integer(1, PREGNANCY_WEEKS, "week of pregnancy")),
        default=None,
        doc="With the precaution pregnancy: the week of pregnancy now, so the program "
        "follows the trimesters as they change.",
    )
    weeks_since_surgery: int | None = _checked(
        Optional(Integer(0, 520, "weeks")),
        default=None,
        doc="With a joint-replacement precaution: whole weeks since the operation.",
    )
    operated_side: str | None = _checked(
        Optional(Choice(("left", "right"))),
        default=None,
        doc="With a joint-replacement precaution: the side of the operated joint (left or "
        "right); the operated leg is trained as the weaker one unless a test names the "
        "other. Not given: both, or not known.",
    )
    hip_precautions_lifted: bool | None = _checked(
        Optional(Boolean()),
        default=None,
        doc="With a hip-replacement precaution: true once the surgeon has lifted the "
        "movement precautions (how far the hip may bend, cross and turn, the raised "
        "seat); the stages by weeks_since_surgery still hold. Not given: kept.",
    )
    weeks_since_birth: int | None = _checked(
        Optional(Integer(0, POSTNATAL_WEEKS, "weeks")),
        default=None,
        doc="With the precaution postnatal: whole weeks since giving birth, so the program "
        "follows the postnatal stages as they pass.",
    )
    can_get_up_from_floor: bool | None = _checked(
        Optional(Boolean()),
        default=None,
        doc="Whether the person can get down to the floor and up again safely on their "
        "own; when not given, it is assumed for people at risk of falling.",
    )
    walking_aid: bool = _checked(
        Boolean(), default=False, doc="Whether the person uses a stick, crutch or frame."
    )
    blood_pressure: BloodPressure | None = field(
        default=None, metadata={"section": BloodPressure, "optional": True}
    )
    focus: tuple[str, ...] = _checked(
        Ids("issue ids"), default=(), doc="Issue ids to train even without signs."
    )
    preferences: Preferences = field(factory=Preferences, metadata={"section": Preferences})
    seed: int = _checked(
        Integer(0, SEED_MAX),
        default=0,
        doc="Same profile and same seed give the same program, byte for byte.",
    )
    source: str | None = field(default=None, eq=False, repr=False)
    """The file the profile was read from, for error messages; not part of its value."""

    def __attrs_post_init__(self) -> None:
        _cross(list(_profile_problems(self)))

    @classmethod
    def from_dict(cls, data: Any, *, source: str | None = None) -> Profile:
        """Validate untrusted data (as parsed from YAML, TOML or JSON) into a Profile.

        Raises :class:`~gluteus.ProfileError` naming the key path, what was expected,
        what was found and the closest valid key or value; a profile with several
        problems gets them all in one error (``error.problems``).
        """
        return structure(data, source=source)

    def to_dict(self) -> dict[str, Any]:
        """The profile as plain data (JSON types), defaults applied, in key order."""
        return unstructure(self)

    @property
    def days(self) -> tuple[str, ...]:
        """The training days in the order sessions happen: each program week starts on
        the start date's weekday (Monday without a start date), so with a Wednesday
        start, Monday/Wednesday/Friday sessions run Wednesday, Friday, Monday."""
        days = self.schedule.days
        first = self.start.weekday() if self.start is not None else 0
        return tuple(sorted(days, key=lambda d: (DAYS.index(d) - first) % 7))

    @property
    def trimester(self) -> int | None:
        """The trimester now: as given, or from ``pregnancy_week`` (weeks 1–13, 14–27, 28+)."""
        return self.trimester_at(1)

    def pregnancy_week_at(self, week: int) -> int | None:
        """The week of pregnancy in program week ``week`` (1-based), when it is known."""
        if self.pregnancy_week is None:
            return None
        return self.pregnancy_week + week - 1

    def trimester_at(self, week: int) -> int | None:
        """The trimester in program week ``week``. Given only a trimester, the person is
        taken to be in its last week at the start, so a later trimester's rules apply
        as soon as it could have begun (give ``pregnancy_week`` to follow it exactly)."""
        if self.pregnancy_week is not None:
            return trimester_of(self.pregnancy_week + week - 1)
        if self.pregnancy_trimester is None:
            return None
        return trimester_of(LAST_WEEK_OF[self.pregnancy_trimester] + week - 1)

    def weeks_since_surgery_at(self, week: int) -> int | None:
        """Whole weeks since the operation in program week ``week``, when it is known."""
        if self.weeks_since_surgery is None:
            return None
        return self.weeks_since_surgery + week - 1

    def weeks_since_birth_at(self, week: int) -> int | None:
        """Whole weeks since giving birth in program week ``week``, when it is known."""
        if self.weeks_since_birth is None:
            return None
        return self.weeks_since_birth + week - 1


LAST_WEEK_OF: dict[int, int] = {1: 13, 2: 27, 3: 40}
"""The last week of each trimester (the third runs to term)."""


def trimester_of(week: int) -> int:
    """The trimester of a week of pregnancy: 1 (weeks 1–13), 2 (14–27), 3 (28 on)."""
    return 1 if week <= 13 else 2 if week <= 27 else 3


def _profile_problems(p: Profile) -> Iterator[ProfileError]:
    """Rules across keys that need no plugin to judge."""
    if (
        p.pregnancy_week is not None
        and p.pregnancy_trimester is not None
        and trimester_of(p.pregnancy_week) != p.pregnancy_trimester
    ):
        yield ProfileError(
            f"week {p.pregnancy_week} of pregnancy is in trimester "
            f"{trimester_of(p.pregnancy_week)}, not {p.pregnancy_trimester}; give one of "
            "the two, or both in agreement",
            path="pregnancy_trimester",
            expected=f"{trimester_of(p.pregnancy_week)} (week {p.pregnancy_week})",
            found=str(p.pregnancy_trimester),
            suggestion=str(trimester_of(p.pregnancy_week)),
        )
    if p.pregnancy_week is not None:
        last = p.pregnancy_week + p.schedule.weeks - 1
        if last > PREGNANCY_WEEKS:
            fits = PREGNANCY_WEEKS - p.pregnancy_week + 1
            yield ProfileError(
                f"the program's {p.schedule.weeks} weeks would run to week {last} of "
                f"pregnancy, past the birth; plan at most {fits} week(s) and make a new "
                "profile after the birth (with the precaution postnatal and weeks_since_birth)",
                path="schedule.weeks",
                expected=f"at most {fits} weeks from week {p.pregnancy_week} of pregnancy",
                found=str(p.schedule.weeks),
                suggestion=str(max(2, fits)) if fits >= 2 else None,
            )
    if p.start is not None:
        try:
            p.start + dt.timedelta(weeks=p.schedule.weeks)
        except OverflowError:
            yield ProfileError(
                f"a program of {p.schedule.weeks} weeks from {p.start.isoformat()} would run "
                "past the end of the calendar (the year 9999)",
                path="start",
                expected="a start date whose weeks end by 9999-12-31",
                found=p.start.isoformat(),
            )


SECTIONS: dict[type[Any], Path] = {
    Profile: (),
    Schedule: ("schedule",),
    Preferences: ("preferences",),
    BloodPressure: ("blood_pressure",),
}
"""Each class and the key path it lives at."""

for _cls, _prefix in SECTIONS.items():
    _place(_cls, _prefix)


def keys_of(cls: type[Any]) -> tuple[str, ...]:
    """The keys a section of a profile file may hold, in order."""
    return tuple(a.name for a in attrs.fields(cls) if a.name != "source")


def field_checks(cls: type[Any] = Profile) -> dict[str, Check]:
    """Each key of ``cls`` with its check (sections left out): for ``init`` and docs."""
    return {a.name: _check_of(a) for a in attrs.fields(cls) if "check" in a.metadata}


# --- Structuring untrusted data: every problem at once ----------------------------------


def _section_hook(cls: type[Any], conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    import cattrs
    from cattrs.gen import make_dict_structure_fn, override

    keys = keys_of(cls)
    overrides: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        if attribute.name == "source":
            overrides["source"] = override(omit=True)
        elif "check" in attribute.metadata:
            overrides[attribute.name] = override(struct_hook=_raw(_check_of(attribute)))
        else:
            # Looked up when called: the section's own hook may be registered later.
            section = attribute.metadata["section"]
            overrides[attribute.name] = override(struct_hook=_optional_section(conv, section))
    generated = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=False, **overrides)

    def hook(value: Any, _: Any) -> Any:
        if value is None:
            value = {}
        if not isinstance(value, Mapping):
            _fail(f"a mapping with keys such as {', '.join(keys[:4])}", value)
        problems: list[Exception] = []
        for key in value:
            try:
                _key(key, keys)
            except Problem as exc:
                problems.append(exc)
        clean = {k: v for k, v in value.items() if isinstance(k, str) and k in keys}
        # A key given as null is a key left out: its default applies.
        clean = {k: v for k, v in clean.items() if v is not None or k == "age"}
        try:
            result = generated(clean, cls)
        except cattrs.ClassValidationError as exc:
            problems.extend(exc.exceptions)
        else:
            if not problems:
                return result
        raise cattrs.ClassValidationError(f"While structuring {cls.__name__}", problems, cls)

    return hook


def _raw(check: Check) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        return check(value)

    return hook


def _optional_section(conv: cattrs.Converter, cls: type[Any]) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        return None if value is None else conv.structure(value, cls)

    return hook


@functools.cache
def _converter() -> cattrs.Converter:
    """The private converter, built on first use: cattrs is imported only when a profile
    is structured, so quick commands (``--help``) need not load it."""
    import cattrs

    conv = cattrs.Converter(detailed_validation=True)
    for cls in SECTIONS:
        conv.register_structure_hook(cls, _section_hook(cls, conv))
    return conv


def _flatten(exc: BaseException, path: Path, out: list[tuple[Path, BaseException]]) -> None:
    """The leaf problems of a cattrs exception group, each with its key path."""
    if isinstance(exc, ExceptionGroup):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            names = [n.name for n in notes if hasattr(n, "name")]
            _flatten(sub, (*path, *names[:1]), out)
    else:
        out.append((path, exc))


def _problem_errors(
    exc: BaseException, source: str | None, lines: Mapping[Path, int]
) -> list[ProfileError]:
    leaves: list[tuple[Path, BaseException]] = []
    _flatten(exc, (), leaves)
    errors: list[ProfileError] = []
    for path, leaf in leaves:
        if isinstance(leaf, KeyError) and path:
            check = field_checks().get(str(path[-1])) if len(path) == 1 else None
            expected = "a value"
            if isinstance(check, Integer):
                expected = f"a whole number from {check.low} to {check.high}"
            elif check is not None:
                expected = check.expected
            leaf = Problem(
                expected,
                "nothing",
                message=f"missing required key {path[-1]!r} ({expected})",
            )
        if isinstance(leaf, Problem) and leaf.message.startswith("missing a required key"):
            leaf = Problem(
                leaf.expected,
                leaf.found,
                message=f"missing required key {path[-1]!r} ({leaf.expected})",
            )
        if isinstance(leaf, ProfileError):
            # A rule across keys, raised while building a section.
            errors.extend(_located(e, source, lines) for e in (leaf.problems or (leaf,)))
            continue
        if not isinstance(leaf, Problem):
            leaf = Problem("a valid value", type(leaf).__name__, message=f"invalid: {leaf}")
        full = (*path, *leaf.where)
        errors.append(leaf.at(path, file=source, line=_line(full, lines)))
    return errors


def _line(path: Path, lines: Mapping[Path, int]) -> int | None:
    # The innermost path the parser located, so a bad list item points at its line.
    key = tuple(path)
    while key:
        if key in lines:
            return lines[key]
        key = key[:-1]
    return None


def _located(error: ProfileError, source: str | None, lines: Mapping[Path, int]) -> ProfileError:
    path = _parse_path(error.path)
    return ProfileError(
        error.message,
        file=source,
        path=error.path,
        line=_line(path, lines),
        expected=error.expected,
        found=error.found,
        suggestion=error.suggestion,
    )


_PATH_PART = re.compile(r"\.?([A-Za-z0-9_-]+)|\[(\d+)\]")


def _parse_path(text: str | None) -> Path:
    if not text:
        return ()
    return tuple(int(m[2]) if m[2] is not None else m[1] for m in _PATH_PART.finditer(text))


def structure(
    data: Any, *, source: str | None = None, lines: Mapping[Path, int] | None = None
) -> Profile:
    """Validate untrusted profile data and build the :class:`Profile`, defaults applied.

    ``source`` names the file in error messages; ``lines`` maps key paths to line
    numbers when the parser knew them. Every problem is collected: the one
    :class:`ProfileError` raised lists them all. Raises nothing else.
    """
    lines = lines or {}
    if data is None:
        raise ProfileError(
            "expected a profile (a mapping with at least 'age'), found an empty document",
            file=source,
            expected="a profile (a mapping with at least 'age')",
            found="an empty document",
        )
    import cattrs

    try:
        profile: Profile = _converter().structure(data, Profile)
    except cattrs.ClassValidationError as exc:
        raise ProfileError.many(_problem_errors(exc, source, lines)) from None
    except Problem as exc:
        raise exc.at((), file=source, line=_line((), lines)) from None
    except ProfileError as exc:
        raise ProfileError.many(
            [_located(e, source, lines) for e in (exc.problems or (exc,))]
        ) from None
    except RecursionError:
        raise ProfileError(
            "the data is nested far too deeply to be a profile", file=source
        ) from None
    return attrs.evolve(profile, source=source) if source else profile


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Sides):
        return {"left": value.left, "right": value.right}
    if isinstance(value, Readings):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return {
            a.name: _plain(getattr(value, a.name))
            for a in attrs.fields(type(value))
            if a.name != "source"
        }
    return value


def unstructure(profile: Profile) -> dict[str, Any]:
    """The profile as plain JSON data with every default applied, in key order."""
    data: dict[str, Any] = _plain(profile)
    return data


# --- The JSON Schema, generated from the model --------------------------------------------


def _field_schema(attribute: attrs.Attribute[Any]) -> dict[str, Any]:
    if "check" in attribute.metadata:
        schema = dict(_check_of(attribute).schema())
    else:
        schema = section_schema(attribute.metadata["section"])
        if attribute.metadata.get("optional"):
            schema = {"anyOf": [schema, {"type": "null"}]}
    doc = attribute.metadata.get("doc")
    return {"description": doc, **schema} if doc else schema


def section_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema of one section of the profile (or of the whole profile)."""
    fields = [a for a in attrs.fields(cls) if a.name != "source"]
    required = [a.name for a in fields if a.default is attrs.NOTHING]
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False}
    if required:
        schema["required"] = required
    schema["properties"] = {a.name: _field_schema(a) for a in fields}
    return schema


def profile_schema() -> dict[str, Any]:
    """The profile's JSON Schema (draft 2020-12), generated from the model.

    Ids that plugins declare (signs, equipment, tests, pain regions, ...) are checked
    against the loaded plugins, not here; the schema checks the shape and the bounds
    the profile itself holds.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gluteus.dev/schemas/profile.schema.json",
        "title": "gluteus profile",
        "description": "One person's profile for gluteus (format 1). Generated from the "
        "profile model (gluteus.engine.profile); YAML, TOML and JSON files hold the same "
        "keys.",
        **section_schema(Profile),
    }
