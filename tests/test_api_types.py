"""The public API's types hold for an embedding app: mypy --strict accepts the
embedding example and refuses misuse (a pdf taken as text, a referral's missing
document used as a program), line by line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WRONG = ROOT / "tests" / "typecheck" / "wrong_types.py"


def mypy(*paths: Path) -> subprocess.CompletedProcess[str]:
    if subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.skip("mypy is not installed (it comes with the test extra)")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow  # a mypy run of its own, 5 s; CI runs the slow tests too
def test_mypy_refuses_exactly_the_lines_marked_wrong():
    result = mypy(ROOT / "gluteus" / "__init__.py", WRONG)
    flagged = {
        int(m.group(1))
        for m in re.finditer(rf"{re.escape(WRONG.name)}:(\d+): error", result.stdout)
    }
    lines = WRONG.read_text(encoding="utf-8").splitlines()
    marked = {n for n, line in enumerate(lines, 1) if line.endswith("# wrong")}
    assert marked and flagged == marked, result.stdout


def test_the_embedding_example_is_clean_under_mypy_strict():
    result = mypy(ROOT / "gluteus" / "__init__.py", ROOT / "examples" / "embed.py")
    assert result.returncode == 0, result.stdout


def test_the_embedding_example_runs(tmp_path, capsys):
    import runpy

    module = runpy.run_path(str(ROOT / "examples" / "embed.py"))
    out = tmp_path / "program.html"
    assert module["main"]([str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "done 1/1" in capsys.readouterr().err
