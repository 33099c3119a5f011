"""JSON Schemas shipped with gluteus, loaded from package data, and the checks a
program document must pass before anything reads it as a program.

``program.schema.json`` (draft 2020-12) describes the program JSON exactly as
:meth:`gluteus.engine.program.Program.to_dict` produces it; :func:`document_problems`
adds what a JSON Schema cannot say. ``profile.schema.json`` describes a profile file,
for editors and form builders. The profile's schema (in both files) is generated
from the profile model, :mod:`gluteus.engine.profile`: ``python -m gluteus.schemas``
rewrites it, and a test fails when it drifts.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator
from importlib import resources
from typing import Any

import jsonschema

PROGRAM_SCHEMA = "program.schema.json"
PROFILE_SCHEMA = "profile.schema.json"
_PROGRAM_PROFILE_NOTE = (
    "The profile after defaults were applied: the schema of profile.schema.json, generated "
    "from the profile model. check() re-validates it in full with Profile.from_dict."
)


def schema_path(name: str) -> Any:
    """The shipped schema file ``name`` (for reading, and for regenerating in a checkout)."""
    return resources.files(__package__).joinpath(name)


def profile_schema() -> dict[str, Any]:
    """The shipped profile JSON Schema."""
    data: dict[str, Any] = json.loads(schema_path(PROFILE_SCHEMA).read_text(encoding="utf-8"))
    return data


def generated_texts() -> dict[str, str]:
    """The text each schema file should have, its profile part generated from the model."""
    import re

    from ..engine.profile import Profile, section_schema
    from ..engine.profile import profile_schema as model_schema

    out = {PROFILE_SCHEMA: json.dumps(model_schema(), indent=2, ensure_ascii=False) + "\n"}
    text = schema_path(PROGRAM_SCHEMA).read_text(encoding="utf-8")
    start = text.index('    "profile": {\n')
    end = re.compile(r'\n    "[a-z_]+": \{').search(text, start + 10)
    assert end is not None
    body = {"description": _PROGRAM_PROFILE_NOTE, **section_schema(Profile)}
    lines = json.dumps(body, indent=2, ensure_ascii=False).split("\n")
    block = "\n".join([lines[0], *("    " + line for line in lines[1:])])
    out[PROGRAM_SCHEMA] = text[:start] + '    "profile": ' + block + "," + text[end.start() :]
    return out


MAX_DEPTH = 32
"""The deepest nesting a program document may have: a program nests seven levels
(weeks, sessions, exercises, cues); anything far deeper is not a program, and is
refused before a recursive reader could overflow the stack on it."""

MAX_INTEGER = 2**53
"""The largest whole number a program document may hold: the last one every JSON
reader keeps exactly. The schema bounds every number far below it; this bound
comes first, so a number with thousands of digits is refused before it is ever
turned into text (Python refuses to print one) or compared."""

MAX_VALUES = 1_000_000
"""The most values (keys excluded) a program document may hold. The longest program
(24 weeks of seven sessions) holds about 150,000; the bound keeps a hostile
document, or one that contains itself, from costing more than a second."""

Path = tuple[str | int, ...]


def program_schema() -> dict[str, Any]:
    """The program JSON Schema, as a fresh dict (callers may change their copy)."""
    text = resources.files(__package__).joinpath(PROGRAM_SCHEMA).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def program_validator() -> jsonschema.protocols.Validator:
    """A validator for the program schema, with ``format`` (dates) checked.

    Built once per process; jsonschema validators hold no per-call state, so the
    same one serves every thread.
    """
    cls = jsonschema.Draft202012Validator
    schema = program_schema()
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def data_problems(data: Any) -> list[tuple[Path, str]]:
    """Where ``data`` is not plain JSON a program could hold: values JSON has no type
    for, keys that are not text, NaN or infinity, whole numbers beyond
    :data:`MAX_INTEGER`, nesting deeper than :data:`MAX_DEPTH`.

    Iterative, so neither depth nor a value that contains itself can exhaust the
    stack. Each problem is a JSON path (as a tuple) and a message.
    """
    out: list[tuple[Path, str]] = []
    if not isinstance(data, dict | list):
        problem = _scalar_problem(data)
        return [((), problem)] if problem else []
    stack: list[tuple[Path, Any]] = [((), data)]
    seen = 1
    while stack:
        path, value = stack.pop()
        if len(path) >= MAX_DEPTH:
            out.append((path, "nested far too deeply to be part of a program"))
            continue
        seen += len(value)
        if seen > MAX_VALUES:
            return [((), f"holds over {MAX_VALUES:,} values, far more than any program")]
        is_dict = isinstance(value, dict)
        # Most values are text or numbers: they are judged here, and only containers
        # (and problems) get a path of their own, which is most of the cost otherwise.
        for key, item in value.items() if is_dict else enumerate(value):
            if is_dict and type(key) is not str and not isinstance(key, str):
                out.append((path, f"a key that is not text ({type(key).__name__})"))
                continue
            kind = type(item)
            if kind is str or kind is bool or item is None:
                continue
            if kind is dict or kind is list or isinstance(item, dict | list):
                stack.append(((*path, key), item))
                continue
            problem = _scalar_problem(item)
            if problem:
                out.append(((*path, key), problem))
    return sorted(out, key=lambda p: (_sort_key(p[0]), p[1]))


def _scalar_problem(value: Any) -> str | None:
    """What is wrong with ``value``, not a list or dict, as a JSON value (None if
    nothing)."""
    if value is None or isinstance(value, str | bool):
        return None
    if isinstance(value, int):
        if abs(value) > MAX_INTEGER:
            digits = int(value.bit_length() * math.log10(2)) + 1
            return f"a whole number of about {digits:,} digits"
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"{json.dumps(value)} is not a number a program may hold"
        return None
    return f"a Python {type(value).__name__}, not a JSON value"


def _sort_key(path: Path) -> list[str]:
    # Indexes compare as numbers (weeks[10] after weeks[2]), keys as text.
    return [f"{p:09d}" if isinstance(p, int) else p for p in path]


def schema_problems(data: Any) -> list[tuple[Path, str]]:
    """Every place where ``data`` (plain JSON, see :func:`data_problems`) breaks the
    program JSON Schema, in document order."""
    errors = [
        (tuple(e.absolute_path), _shorten(" ".join(e.message.split())))
        for e in program_validator().iter_errors(data)
    ]
    return sorted(errors, key=lambda p: (_sort_key(p[0]), p[1]))


def _warning_mismatches(data: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    warnings, details = data["warnings"], data["warning_details"]
    if len(warnings) != len(details):
        yield (
            ("warning_details",),
            f"{len(details)} warning details for {len(warnings)} warnings; there is one "
            "detail for each warning, in the same order",
        )
        return
    for i, (text, detail) in enumerate(zip(warnings, details, strict=True)):
        if text != detail["message"]:
            yield (
                ("warning_details", i, "message"),
                f"the detail's message is not warning {i + 1}'s text",
            )


def document_problems(data: Any) -> list[tuple[Path, str]]:
    """Why ``data`` cannot be read as a program document at all: not plain JSON
    (:func:`data_problems`), not what the schema describes (:func:`schema_problems`),
    or warnings that do not match their details. Empty for a well-formed document;
    each problem is a JSON path (as a tuple) and a message."""
    problems = data_problems(data)
    if problems:
        return problems
    problems = schema_problems(data)
    if problems:
        return problems
    return list(_warning_mismatches(data))
