"""docs/plugins.md's model and built-in references are generated from the code and
cannot drift; every model class is documented field by field; the guide and the
example READMEs point only to files in the repository; the changelog for plugin
authors names every change of the contract."""

from __future__ import annotations

import importlib.util
import inspect
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from gluteus.engine import model

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "plugins.md"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "gen_model_reference", ROOT / "docs" / "gen_model_reference.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def test_the_committed_references_are_up_to_date():
    current = DOC.read_text(encoding="utf-8")
    assert GEN.wanted(current) == current, (
        "docs/plugins.md drifted from the code: run python docs/gen_model_reference.py"
    )


def test_the_check_flag_fails_on_drift(tmp_path, monkeypatch):
    stale = DOC.read_text(encoding="utf-8").replace("| `fault` | `str` | required |", "", 1)
    copy = tmp_path / "plugins.md"
    copy.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(GEN, "DOC", copy)
    assert GEN.main(["--check"]) == 1
    assert GEN.main([]) == 0
    assert copy.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")


def test_the_generator_runs_as_a_script():
    out = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "gen_model_reference.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


MODEL_CLASSES = [
    cls
    for _, cls in inspect.getmembers(model, inspect.isclass)
    if cls.__module__ == model.__name__ and (attrs.has(cls) or cls is model.Cue)
]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
def test_every_model_class_is_documented_field_by_field(cls):
    assert cls in GEN.MODEL_CLASSES
    doc = DOC.read_text(encoding="utf-8")
    section = doc.split(f"### `{cls.__name__}`\n", 1)[1].split("\n### ", 1)[0]
    for field in attrs.fields(cls) if attrs.has(cls) else ():
        if field.init:
            assert f"| `{field.name}` |" in section, field.name


def test_targets_are_documented_as_required():
    doc = DOC.read_text(encoding="utf-8")
    exercise = doc.split("### `Exercise`\n", 1)[1].split("\n### ", 1)[0]
    assert "| `targets` | `tuple[str, ...]` | required (the registry refuses `()`) |" in exercise


def test_the_builtin_reference_names_the_tags_rules_act_on_and_the_dosed_roles():
    from gluteus.engine.pluginmanager import make_plugin_manager

    registry = make_plugin_manager(entrypoints=False).registry()
    section = DOC.read_text(encoding="utf-8").split("<!-- builtin-reference:start", 1)[1]
    for rule in registry.safety_rules.values():
        for tag in rule.exclude_tags:
            assert re.search(rf"\| `{tag}` \|[^\n]*`{re.escape(rule.id)}`", section), tag
    generic = {d.role for d in registry.dosing if d.issue is None}
    for role in generic:
        assert re.search(rf"\| `{role}` \| activation", section), role


DOCS = [DOC, *sorted((ROOT / "examples").glob("*/README.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
PATH = re.compile(r"`((?:gluteus|docs|examples|tests|benchmarks)/[\w./-]+\.(?:py|md|toml|json))`")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_doc_points_to_a_file_not_in_the_repository(doc):
    text = doc.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if "://" in target:
            continue
        assert (doc.parent / target).resolve().exists(), f"{doc.name}: {target}"
    for path in PATH.findall(text):
        assert (ROOT / path).exists(), f"{doc.name}: {path}"


def test_the_guide_has_the_anchors_it_links_to():
    text = DOC.read_text(encoding="utf-8")
    headings = {
        re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in text.splitlines()
        if line.startswith("#")
    }
    for anchor in re.findall(r"\]\(#([\w-]+)\)", text):
        assert anchor in headings, anchor


def test_the_changelog_names_every_change_of_the_contract():
    changelog = DOC.read_text(encoding="utf-8").split("## Changelog for plugin authors", 1)[1]
    changelog = " ".join(changelog.split("\n## ", 1)[0].split())
    for needed in (
        "register_tests",
        "register_equipment",
        "register_pain_regions",
        "register_person_states",
        "Trigger.condition",
        "Cue(text, tags=...)",
        "`family`",
        "`load`",
        "`alternating`",
        "`effort`",
        '`families`, `phases`, `tags`, and kind `"session"`',
        "`name`",
        "`needs`",
        "**`Sign.issue`** may be `None`",
        "**`Renderer.options`**",
        "`targets` must be given",
        "**`Finding.test_results`**",
    ):
        assert needed in changelog, needed


def test_the_guide_shows_the_falls_examples_real_code():
    """The snippets of sections 6 and 7 are the example's own declarations."""
    sys.path.insert(0, str(ROOT / "examples" / "gluteus-falls"))
    try:
        import gluteus_falls as falls
    finally:
        sys.path.remove(str(ROOT / "examples" / "gluteus-falls"))
        sys.modules.pop("gluteus_falls", None)
    doc = DOC.read_text(encoding="utf-8")
    assert f'id="{falls.FOUR_SQUARE_STEP.id}"' in doc
    assert f"high={falls.FOUR_SQUARE_STEP.high:g}," in doc
    assert f'question="{falls.FOUR_SQUARE_STEP.question}"' in doc
    assert f'id="{falls.ANKLE_CUFF_WEIGHTS.id}"' in doc
    slow = next(r for r in falls.SAFETY_RULES if r.id == "falls-slow-stepping")
    assert 'Fact("test.four_square_step_s", ">", 15)' in doc
    assert slow.when.condition == model.Fact("test.four_square_step_s", ">", falls.CUT_OFF_S)
