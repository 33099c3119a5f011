"""The repository stands alone: no file refers to a document that is not in it (the
team's own notes) or to an issue by number. What is meant is said, or a page of
docs/ is named."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Spelled in pieces, so that this file does not match itself.
_NOTES = "|".join(name + r"\.md" for name in ("SPEC", "EVIDENCE", "DESIGN", "STYLE"))
OUTSIDE_DOCUMENT = re.compile(
    rf"\b(?:{_NOTES})\b|\bSP" r"EC\b(?!_)|\bSP" r"EC §|(?i:\bissue) \d+\b(?![-–]\d)"
)
"""A reference to a document outside the repository, or to an issue by its number."""

PENDING: dict[str, str] = {
    "gluteus/engine/planner.py": "rewritten by the lead, who cleans its references",
    "gluteus/engine/skeleton.py": "rewritten by the lead",
    "gluteus/plugins/safety/": "rewritten by the lead",
    "tests/test_invariants.py": "the property suite, edited only with the planner's rewrite",
}
"""Files whose references are cleaned with the rewrite now under way: each must still
have one (else it comes off this list)."""


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


def _pending(name: str) -> bool:
    return any(name == p or (p.endswith("/") and name.startswith(p)) for p in PENDING)


def test_no_file_refers_to_a_document_outside_the_repository():
    found = []
    for path in tracked_files():
        name = path.relative_to(ROOT).as_posix()
        text = _text(path)
        if text is None or _pending(name):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE_DOCUMENT.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)


def test_each_pending_file_still_has_a_reference_to_clean():
    names = {path.relative_to(ROOT).as_posix(): path for path in tracked_files()}
    for pending in PENDING:
        paths = [p for n, p in names.items() if n == pending or n.startswith(pending)]
        assert paths, f"{pending} is gone: take it off PENDING"
        texts = [_text(p) or "" for p in paths]
        assert any(OUTSIDE_DOCUMENT.search(t) for t in texts), (
            f"{pending} has no reference left: take it off PENDING"
        )


@pytest.mark.parametrize(
    ("line", "refers"),
    [
        ("see SPEC.md for the contract", True),
        ("the SPEC §1 example", True),
        ("as the SPEC says", True),
        ("per EVIDENCE.md section 4", True),
        ("(issue 6)", True),
        ("Issue 13 asks for", True),
        ("SPEC_YAML = 1", False),
        ("EVIDENCE_LEVELS", False),
        ("HOOKSPECS = ROOT", False),
        ("the hamstrings issue, graded 0-3", False),
        ("an issue 0–3", False),
        ("see docs/profile.md", False),
    ],
)
def test_the_pattern_tells_a_reference_from_a_name(line, refers):
    assert bool(OUTSIDE_DOCUMENT.search(line)) is refers
