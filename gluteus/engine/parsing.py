"""Hardened reading of YAML, TOML and JSON: untrusted text in, plain data out.

Everything that can go wrong becomes one :class:`~gluteus.ProfileError` naming the
file and, where the parser knows it, the line. Nothing else escapes: hostile input
(executable YAML tags, alias bombs, huge or binary files, deep nesting, NaN,
duplicate keys, numbers with thousands of digits) is refused quickly and without
reading more than :data:`MAX_BYTES`. YAML is read with safe constructors only,
through libyaml when PyYAML has it (after a flat pass over its events has refused
aliases, deep nesting and too many values) and through PyYAML's pure-Python parser,
with the same limits, when it does not; TOML is sized up before tomllib (pure
Python) sees it. Measured worst cases for a hostile file just under 1 MiB: about
10 ms with libyaml (0.6 s with pure-Python YAML), 0.15 s for TOML, 30 ms for JSON;
anything larger fails on its size, before it is opened.

Profiles and program files are both read through here (:func:`parse_document`).
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from collections.abc import Callable
from typing import Any, NoReturn

import yaml

from .errors import ProfileError
from .messages import quote

MAX_BYTES = 1024 * 1024
"""A profile file over 1 MiB is refused before it is parsed."""

MAX_DEPTH = 32  # a profile nests three levels deep; anything far deeper is hostile
MAX_NODES = 5_000
"""The most values (YAML nodes, keys included; TOML array items) a profile file may
hold. PyYAML's pure-Python parser needs about 13 µs per value and tomllib about 2,
so a 1 MiB list of half a million values would take seconds; this stops either
within about 70 ms. Every id list full at 500 items (the most a profile list may
hold) still fits."""

EXTENSIONS: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}

Lines = dict[tuple[str | int, ...], int]
"""The line of each key path, where the parser knows it (YAML)."""


def stat_file(name: str) -> os.stat_result:
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


def read_text(name: str, info: os.stat_result) -> str:
    """The text of file ``name`` (``info`` from :func:`stat_file`), checked by
    :func:`decode_text`; a file over :data:`MAX_BYTES` is refused before it is read."""
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
    return decode_text(raw, name)


def decode_text(data: bytes | str, name: str | None = None, *, file: bool = True) -> str:
    """``data`` as text, with the checks every profile gets, whether it comes from a
    file or from an app: at most :data:`MAX_BYTES` (1 MiB) as UTF-8, no NUL byte,
    valid UTF-8 (a byte-order mark is dropped), not empty.

    ``name`` is where the data came from (for messages); ``file`` says whether it was
    read from a file, so that a message calls it a file or text. Raises
    :class:`ProfileError`, and nothing else.
    """
    noun = "the file" if file else "the text"
    # Characters never outnumber their UTF-8 bytes, so a string this long is too big
    # without being encoded.
    too_big = len(data) > MAX_BYTES
    raw = data if isinstance(data, bytes) or too_big else _encoded(data, name)
    if too_big or len(raw) > MAX_BYTES:
        raise ProfileError(
            f"{noun} is over {MAX_BYTES:,} bytes (1 MiB), the most a profile may be",
            file=name,
            expected="at most 1 MiB",
            found=f"over {MAX_BYTES:,} bytes",
        )
    assert isinstance(raw, bytes)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise ProfileError(
            f"this is not {'a text file' if file else 'text'} (a NUL byte at offset {offset})",
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
            f"{noun} is empty; a profile needs at least 'age'",
            file=name,
            expected="a profile",
            found="an empty file" if file else "empty text",
        )
    return text


def _encoded(text: str, name: str | None) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, which no UTF-8 file can hold
        raise ProfileError(
            f"this is not valid Unicode text (a lone surrogate at character {exc.start})",
            file=name,
            expected="UTF-8 text",
            found="a lone surrogate",
        ) from None


def parse_text(
    text: str, kind: str, name: str | None = None, *, what: str = "profile"
) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    """Parse profile text of ``kind`` (yaml, toml, json) into data and a line map.

    The line map gives the line of each key path where the parser knows it (YAML).
    Raises :class:`ProfileError`, and nothing else, for text that does not parse.
    ``what`` names the document in messages (``"program"`` for a program file).
    """
    parsers: dict[str, Callable[[str, str | None], tuple[Any, dict[tuple[str | int, ...], int]]]]
    parsers = {"yaml": _parse_yaml, "toml": _parse_toml, "json": _parse_json}
    try:
        if kind == "json":
            return _parse_json(text, name, what)
        return parsers[kind](text, name)
    except RecursionError:
        raise ProfileError(f"the data is nested far too deeply to be a {what}", file=name) from None


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
                problem=f"{quote(value)} is not a valid !!{tag}{why}",
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
                        context=f"the key {quote(key)} first appears on line {seen[key]}",
                        problem=f"the key {quote(key)} appears twice",
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


def _no_constants(name: str, what: str = "profile") -> NoReturn:
    raise ValueError(f"{name} is not a number a {what} may hold")


def _parse_json(
    text: str, name: str | None, what: str = "profile"
) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=lambda constant: _no_constants(constant, what),
        )
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
