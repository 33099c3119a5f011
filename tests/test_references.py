"""The repository stands alone: no file refers to a document that is not in it (the
team's own notes) or to an issue by number. What is meant is said, or a page of
docs/ is named."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The names are joined from pieces, so that this file does not match itself.
spec, evidence = "".join(("SP", "EC")), "".join(("EVI", "DENCE"))
notes = (spec, evidence, "".join(("DES", "IGN")), "".join(("STY", "LE")))
OUTSIDE_DOCUMENT = re.compile(
    r"\b(?:" + "|".join(rf"{name}\.md" for name in notes) + r")\b"
    rf"|\b{spec}\b(?!_)"  # the document by its name alone, not a variable named after it
    r"|(?i:\bissue) \d+\b(?![-–]\d)"  # an issue by number (not "an issue 0-3")
)
"""A reference to a document outside the repository, or to an issue by its number."""


def tracked_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in out.splitlines() if (ROOT / name).is_file()]


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None  # a binary file (an image)


def test_no_file_refers_to_a_document_outside_the_repository():
    found = []
    for path in tracked_files():
        name = path.relative_to(ROOT).as_posix()
        text = _text(path)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE_DOCUMENT.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("line", "refers"),
    [
        ("see {S}.md for the contract", True),
        ("the {S} §1 example", True),
        ("as the {S} says", True),
        ("per {E}.md section 4", True),
        ("(issue {n})", True),
        ("Issue {n}{n} asks for", True),
        ("{S}_YAML = 1", False),
        ("{E}_LEVELS", False),
        ("HOOKSPECS = ROOT", False),
        ("the hamstrings issue, graded 0-3", False),
        ("an issue 0–3", False),
        ("see docs/profile.md", False),
    ],
)
def test_the_pattern_tells_a_reference_from_a_name(line, refers):
    line = line.format(S=spec, E=evidence, n=3)
    assert bool(OUTSIDE_DOCUMENT.search(line)) is refers
