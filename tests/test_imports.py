"""No import cycles in gluteus: the import graph, read from the source, has none (but
for a few imports made for type checkers only, each listed here with its reason),
and every module imports on its own, in any order."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gluteus"

TYPE_ONLY_CYCLES: dict[tuple[str, str], str] = {
    ("gluteus.engine.errors", "gluteus.engine.model"): (
        "ReferralRequired.referrals is typed as model Referrals, and model classes raise "
        "PluginError when a plugin builds one with a field missing"
    ),
    ("gluteus.engine.errors", "gluteus.engine.program"): (
        "ReferralRequired.result is typed as a Program, and the program raises errors"
    ),
    ("gluteus.engine.facts", "gluteus.engine.registry"): (
        "conditions are checked against the registry, which checks its rules' conditions"
    ),
}
"""Imports made only under ``if TYPE_CHECKING:`` that close a cycle with imports that
run. They cost nothing at run time; each is listed so that a new one is a decision."""

NOT_IMPORTABLE_ALONE: dict[str, str] = {
    "gluteus.__main__": "runs the command line when imported (python -m gluteus)",
    "gluteus.journal.migrations.env": "a script Alembic runs inside a migration",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _under_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The gluteus modules an import statement loads (the longest known prefix)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".")
            if path.name != "__init__.py":
                base.pop()
            base = base[: len(base) - node.level + 1]
            prefix = ".".join([*base, node.module] if node.module else base)
        else:
            prefix = node.module or ""
        # ``from x import y`` loads x.y when it is a module, else takes y from x.
        names = [
            f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in MODULES else prefix
            for alias in node.names
        ]
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module:
            yield name


def import_graph() -> dict[str, dict[str, bool]]:
    """``graph[a][b]`` is True when ``a`` imports ``b`` at run time (at the top or in a
    function), False when only for type checkers."""
    graph: dict[str, dict[str, bool]] = {m: {} for m in MODULES}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                runtime = not _under_type_checking(node, parents)
                for target in _targets(module, path, node):
                    graph[module][target] = graph[module].get(target, False) or runtime
    return graph


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph ``edges``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


GRAPH = import_graph()


def test_the_imports_that_run_form_no_cycle():
    runtime = {a: {b for b, run in out.items() if run} for a, out in GRAPH.items()}
    assert find_cycle(runtime) is None, " -> ".join(find_cycle(runtime) or [])


def test_only_the_listed_type_checking_imports_close_a_cycle():
    every = {a: set(out) for a, out in GRAPH.items()}
    for edge in TYPE_ONLY_CYCLES:
        assert edge[1] in GRAPH[edge[0]] and not GRAPH[edge[0]][edge[1]], (
            f"{edge} is no longer a type-checking-only import: remove it from the list"
        )
        every[edge[0]].discard(edge[1])
    # Type-checking imports among themselves are harmless; one that closes a cycle with
    # imports that run must be listed.
    runtime = {a: {b for b, run in out.items() if run} for a, out in GRAPH.items()}
    for a, out in GRAPH.items():
        for b, run in out.items():
            if run or (a, b) in TYPE_ONLY_CYCLES:
                continue
            reach = {b}
            todo = [b]
            while todo:
                for nxt in runtime[todo.pop()] - reach:
                    reach.add(nxt)
                    todo.append(nxt)
            assert a not in reach, f"{a} imports {b} for type checkers, and {b} imports {a}"


def test_no_engine_module_imports_the_package_root():
    for module, out in GRAPH.items():
        if module.startswith("gluteus.engine"):
            assert "gluteus" not in out, f"{module} imports gluteus (use gluteus._version)"


def test_the_checker_sees_cycles_and_type_checking_imports(tmp_path):
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .profile import P\n"
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
    assert _under_type_checking(imports[0], parents)
    path = PACKAGE / "engine" / "core.py"
    assert list(_targets("gluteus.engine.core", path, imports[0])) == ["gluteus.engine.profile"]
    assert GRAPH["gluteus.engine.core"]["gluteus.engine.planner"] is True  # in a function
    assert GRAPH["gluteus.engine.core"]["gluteus.engine.verify"] is True
    assert GRAPH["gluteus.engine.planner"]["gluteus.engine.context"] is False


IMPORTABLE = sorted(set(MODULES) - set(NOT_IMPORTABLE_ALONE))

ONE_BY_ONE = """
import importlib, json, sys
failed = {}
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m == "gluteus" or m.startswith("gluteus.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(failed))
"""


@pytest.mark.slow  # a fresh interpreter per module
def test_every_module_imports_with_no_other_gluteus_module_loaded():
    """Each module imported with gluteus's modules cleared from sys.modules: what a
    fresh interpreter would see of gluteus (third-party modules stay loaded, which
    keeps this quick; the slow test below uses a fresh interpreter for each)."""
    done = subprocess.run(
        [sys.executable, "-c", ONE_BY_ONE, json.dumps(IMPORTABLE)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {}


@pytest.mark.slow
@pytest.mark.parametrize("module", IMPORTABLE)
def test_every_module_imports_alone_in_a_fresh_interpreter(module):
    code = f"import importlib; importlib.import_module({module!r})"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr


def test_the_modules_left_out_are_real_and_say_why():
    for name, reason in NOT_IMPORTABLE_ALONE.items():
        assert name in MODULES and reason
        assert importlib.util.find_spec(name.rpartition(".")[0]) is not None
