"""Regenerate the profile parts of the shipped schemas from the profile model.

``python -m gluteus.schemas`` rewrites ``profile.schema.json`` and the ``$defs.profile``
of ``program.schema.json``; ``--check`` exits 1 when either has drifted.
"""

from __future__ import annotations

import sys

from . import PROFILE_SCHEMA, generated_texts, schema_path


def main(argv: list[str]) -> int:
    stale = [
        name
        for name, text in generated_texts().items()
        if schema_path(name).read_text(encoding="utf-8") != text
    ]
    if "--check" in argv:
        for name in stale:
            print(f"{name} is out of date with the profile model: run python -m gluteus.schemas")
        return 1 if stale else 0
    for name, text in generated_texts().items():
        schema_path(name).write_text(text, encoding="utf-8")
    print(f"wrote {PROFILE_SCHEMA} and the profile of the program schema")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
