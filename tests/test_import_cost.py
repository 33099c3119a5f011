"""Quick commands import only what they use (what it costs is benchmarks/bench_planner.py's
business; this checks the modules, which a test can do exactly)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PROFILES

REPORT = """
import json, sys
from click.testing import CliRunner
from gluteus.cli import cli
args = json.loads(sys.argv[1])
code = CliRunner().invoke(cli, args).exit_code if args else 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# Heavy for a command that does not need them: the profile reader's parsers, the
# text renderers, the terminal look, documents, the solver and what it pulls in.
LOADER = {"yaml", "cattrs", "gluteus.engine.loading"}
RENDERERS = {"gluteus.plugins.formats.renderers"}
LOOKS = {"rich", "jinja2", "matplotlib", "fpdf", "icalendar"}
SOLVER = {"ortools", "pandas", "numpy", "gluteus.engine.planner", "gluteus.engine.solver"}
# The domain model and the plugins' data: every command that reads a profile needs them,
# listing the commands does not (built-in plugins import their data in their hooks).
MODEL = {
    "gluteus.engine.model",
    "gluteus.engine.profile",
    "gluteus.engine.registry",
    "gluteus.engine.view",
    "gluteus.engine.adaptation",
    "gluteus.plugins.safety.rules",
    "gluteus.plugins.knees.content",
    "gluteus.plugins.dosing.content",
    "gluteus.plugins.basics.content",
}


def imported(*args: str, code: str = REPORT) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def test_import_gluteus_loads_no_engine_until_a_name_is_used():
    code, modules = imported()
    assert code == 0
    assert "gluteus" in modules
    assert not modules & (LOADER | RENDERERS | LOOKS | SOLVER | {"gluteus.engine.api"})


def test_the_public_names_still_resolve_lazily():
    _, modules = imported(
        code="""
import json, sys
import gluteus
names = [n for n in gluteus.__all__ if n != "__version__"]
assert all(getattr(gluteus, n) is not None for n in names)
assert set(names) <= set(dir(gluteus))
from gluteus import generate, hookimpl, Program
print(json.dumps({"code": 0, "modules": sorted(sys.modules)}))
"""
    )
    assert "gluteus.engine.api" in modules


def test_help_imports_no_loader_renderers_look_or_solver():
    code, modules = imported("--help")
    assert code == 0
    assert not modules & (LOADER | RENDERERS | LOOKS | SOLVER)


def test_help_builds_no_model_and_no_plugin_data_yet_lists_plugin_commands():
    """The plugins are loaded (their commands are listed: `cheatsheet` is the documents
    plugin's) but none of their data is built."""
    code, modules = imported("--help")
    assert code == 0
    assert "gluteus.plugins.documents" in modules and "gluteus.plugins.knees" in modules
    assert not modules & MODEL, sorted(modules & MODEL)


def test_screen_piped_imports_no_look_or_solver():
    code, modules = imported("screen", str(PROFILES / "dana.yaml"))
    assert code == 0
    assert not modules & (LOOKS | SOLVER)


def test_building_the_registry_leaves_the_view_model_unloaded():
    """The text, Markdown and JSON renderers import the view when they render."""
    code, modules = imported("plugins")
    assert code == 0
    assert "gluteus.plugins.formats.renderers" in modules
    assert "gluteus.engine.view" not in modules


def test_writing_the_program_json_leaves_the_view_model_unloaded(tmp_path):
    """JSON is the program's own data: writing it needs none of what a person reads."""
    out = tmp_path / "dana.json"
    code, modules = imported(
        "generate", str(PROFILES / "dana.yaml"), "--format", "json", "-o", str(out)
    )
    assert code == 0 and json.loads(out.read_text())["status"] == "ok"
    assert "gluteus.engine.view" not in modules
