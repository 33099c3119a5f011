"""Writing profile data back as YAML, TOML or JSON (``gluteus init`` and the tests).

Only plain profile data is written (the output of :meth:`Profile.to_dict` or data
of that shape); the text reads back to the same profile in every format.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from typing import Any

import yaml

from .messages import describe


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
        # Flow style for lists and mappings of plain values, as in docs/profile.md's example.
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
