"""JSON Schemas shipped with gluteus, loaded from package data.

``program.schema.json`` (draft 2020-12) describes the program JSON exactly as
:meth:`gluteus.engine.program.Program.to_dict` produces it. ``profile.schema.json``
describes a profile file, for editors and form builders. The profile's schema (in
both files) is generated from the profile model, :mod:`gluteus.engine.profile`:
``python -m gluteus.schemas`` rewrites it, and a test fails when it drifts.
"""

from __future__ import annotations

import functools
import json
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
