"""Layering: the engine imports neither the command line nor a plugin; plugins import
the engine, never the command line; the view model lives in the engine, where the
command line and every output plugin read it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gluteus"


def imported_modules(path: Path, package: str | None = None) -> set[str]:
    """Every module ``path`` imports, at any depth (relative imports resolved against
    ``package``, by default the package the file sits in)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def sources(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", sources("plugins"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_plugin_imports_the_command_line(path):
    bad = sorted(
        m for m in imported_modules(path) if m == "gluteus.cli" or m.startswith("gluteus.cli.")
    )
    assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize("path", sources("engine"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_engine_imports_no_plugin_and_no_command_line(path):
    bad = sorted(
        m
        for m in imported_modules(path)
        if m.startswith(("gluteus.cli", "gluteus.plugins"))
        or m in ("gluteus.cli", "gluteus.plugins")
    )
    assert bad == [], f"{path.relative_to(ROOT)} imports {bad}"


def test_the_command_line_reads_the_view_from_the_engine():
    for name in ("terminal.py", "screen.py", "exercises.py"):
        modules = imported_modules(PACKAGE / "cli" / name)
        assert not any(m.startswith("gluteus.plugins") for m in modules), name
    assert "gluteus.engine.view" in imported_modules(PACKAGE / "cli" / "terminal.py")


def test_the_checker_sees_an_import_of_the_command_line(tmp_path):
    """The scan above would catch a plugin importing the command line, in any form."""
    probe = tmp_path / "probe.py"
    for text in (
        "from gluteus.cli import write_output\n",
        "import gluteus.cli.terminal\n",
        "def f():\n    from ...cli import terminal\n",
    ):
        probe.write_text(text)
        modules = imported_modules(probe, package="gluteus.plugins.documents")
        assert any(m.startswith("gluteus.cli") for m in modules), text
