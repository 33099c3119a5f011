"""JSON Schemas shipped with gluteus, loaded from package data.

``program.schema.json`` (draft 2020-12) describes the program JSON of SPEC §2
exactly as :meth:`gluteus.engine.program.Program.to_dict` produces it.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import jsonschema

PROGRAM_SCHEMA = "program.schema.json"


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
