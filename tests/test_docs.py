"""docs/plugins.md cannot drift from the code: its hook reference is regenerated from
the hookspecs and compared, every hook is documented and has a test (as datasette's
test_plugin_hooks_have_tests / test_plugin_hooks_are_documented do)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "plugins.md"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "gen_hook_reference", ROOT / "docs" / "gen_hook_reference.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
HOOKS = [name for name, _, _ in GEN.hooks(GEN.load_hookspecs())]


def test_the_hook_list_matches_the_plugin_manager():
    from gluteus.engine.pluginmanager import make_plugin_manager

    pm = make_plugin_manager(defaults=False, entrypoints=False)
    assert sorted(HOOKS) == sorted(n for n in vars(pm.hook) if not n.startswith("_"))
    assert len(HOOKS) >= 12


def test_the_committed_hook_reference_is_up_to_date():
    current = DOC.read_text(encoding="utf-8")
    assert GEN.update(current, GEN.render_reference()) == current, (
        "docs/plugins.md drifted from gluteus/engine/hookspecs.py: "
        "run python docs/gen_hook_reference.py"
    )


def test_the_check_flag_fails_on_drift(tmp_path, monkeypatch):
    stale = DOC.read_text(encoding="utf-8").replace("Declare the issues", "Declare issues", 1)
    copy = tmp_path / "plugins.md"
    copy.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(GEN, "DOC", copy)
    assert GEN.main(["--check"]) == 1
    assert GEN.main([]) == 0
    assert copy.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")


def test_the_generator_runs_as_a_script():
    out = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "gen_hook_reference.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_are_documented(hook):
    from gluteus.engine import hookspecs

    signature = GEN.call_signature(hook, __import__("inspect").signature(getattr(hookspecs, hook)))
    doc = DOC.read_text(encoding="utf-8")
    assert f"### `{signature}`" in doc
    # ... and its whole docstring is in the reference, not just the heading.
    assert (getattr(hookspecs, hook).__doc__ or "").strip().splitlines()[0] in doc


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hooks_have_tests(hook):
    pattern = re.compile(rf"^\s*def test_hook_{hook}\b", re.MULTILINE)
    tested = [
        p.name
        for p in (ROOT / "tests").glob("test_*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert tested, f"no test_hook_{hook} in tests/"


def test_the_guide_walks_through_every_step():
    doc = DOC.read_text(encoding="utf-8")
    for needed in (
        "[project.entry-points.gluteus]",
        "@hookimpl",
        "gluteus plugins check",
        'pytest_plugins = ["gluteus.testing"]',
        "registered_plugin(",
        "profiles(",
        "assert_plugin_ok(",
        "twine upload",
    ):
        assert needed in doc, needed


def test_the_guide_shows_the_example_plugins_real_entry_point():
    pyproject = (ROOT / "examples" / "gluteus-hamstrings" / "pyproject.toml").read_text()
    assert 'hamstrings = "gluteus_hamstrings"' in pyproject
    assert 'hamstrings = "gluteus_hamstrings"' in DOC.read_text(encoding="utf-8")


def _readme_command(name: str) -> str:
    """The one shell line inside README.md's ``<!-- ci:NAME -->`` code block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- ci:{name} -->\n```sh\n(.+?)\n```", text)
    assert match, f"README.md has no ci:{name} command"
    return match.group(1)


@pytest.mark.parametrize("name", ["run", "test"])
def test_ci_runs_readmes_commands_word_for_word(name):
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_command(name) in ci_lines
