"""One way to word a problem with untrusted input: what was found, the closest valid
value, and where (the key path).

Shared by the profile model, the loaders, the program checker and the command
line, so every message says things the same way; and one way to say a run of weeks
(:func:`weeks_words`), for the phase notes and the rules' notes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

MAX_SHOWN = 60
"""Characters of a key or id quoted in a message: a hostile file must not make a huge one."""


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


def quote(value: Any) -> str:
    """``repr`` of a key or id, cut short: a hostile file must not make a huge message."""
    if isinstance(value, str):
        return repr(value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 3] + "...")
    return describe(value)


def printable(text: str) -> bool:
    """False for control characters (terminal escapes, newlines) and lone surrogates."""
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def path_text(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part) and len(part) <= MAX_SHOWN:
            out += ("." if out else "") + part
        else:
            # A key with spaces, line breaks or escapes is quoted, so the message
            # stays on one line and says exactly what the key was.
            out += f"[{quote(part)}]"
    return out


def weeks_words(weeks: Sequence[int]) -> str:
    """``week 3``, ``weeks 1-4`` or ``weeks 1-2 and 5``: runs of weeks, in words (the
    phase notes and the rules' notes say weeks this way)."""
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = [f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    said = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"week {said}" if len(weeks) == 1 else f"weeks {said}"
