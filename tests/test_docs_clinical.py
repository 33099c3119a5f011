"""docs/clinical.md says what the engine enforces: its tables are generated from the
built-in rules, and this fails when the committed page has drifted from them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_clinical", ROOT / "docs" / "gen_clinical.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_clinical_page_is_up_to_date():
    gen = _generator()
    current = gen.DOC.read_text(encoding="utf-8")
    assert gen.wanted(current) == current, (
        "docs/clinical.md drifted: run python docs/gen_clinical.py"
    )


def test_every_rule_red_flag_and_state_is_on_the_page():
    from gluteus.engine.pluginmanager import make_plugin_manager
    from gluteus.engine.registry import build_registry

    reg = build_registry(make_plugin_manager(entrypoints=False))
    text = (ROOT / "docs" / "clinical.md").read_text(encoding="utf-8")
    for ids in (reg.safety_rules, reg.red_flags, reg.person_states, reg.tests):
        for key in ids:
            assert f"`{key}`" in text, key
    assert "(clinical.md)" in (ROOT / "docs" / "README.md").read_text(encoding="utf-8")


def test_the_chair_stand_norms_in_the_docs_are_the_engines():
    from gluteus.plugins.safety.person import CHAIR_STAND_BELOW

    merged: list[list[int]] = []  # [first age, last age, count]
    for (age, count), nxt in zip(CHAIR_STAND_BELOW, [*CHAIR_STAND_BELOW[1:], (0, 0)], strict=True):
        if merged and merged[-1][2] == count:
            merged[-1][1] = (nxt[0] - 1) if nxt[0] else 0
        else:
            merged.append([age, (nxt[0] - 1) if nxt[0] else 0, count])
    said = [f"{c} at {a}-{b}" if b else f"{c} from {a}" for a, b, c in merged]
    said[0] = said[0].replace(f"{merged[0][2]} at", f"under {merged[0][2]} at")
    text = " ".join((ROOT / "docs" / "clinical.md").read_text().split())
    assert ", ".join(said) in text, said
