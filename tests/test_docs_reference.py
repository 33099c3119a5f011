"""docs/ cannot drift from the code: every generated part (keys, ids, exit codes, the
commands' help, the API reference) is regenerated and compared; the examples in the
pages run; tables and links render on GitHub; README.md leads to the docs."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gluteus

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))


def _generator():
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


@pytest.mark.parametrize("name", sorted(GEN.PARTS))
def test_each_generated_part_is_up_to_date(name):
    page, make = GEN.PARTS[name]
    current = (DOCS / page).read_text(encoding="utf-8")
    assert GEN.update(current, name, make()) == current, (
        f"docs/{page} ({name}) drifted from the code: run python docs/gen_reference.py"
    )


def test_the_check_flag_fails_on_drift_and_the_generator_repairs_it(tmp_path):
    for page in {page for page, _ in GEN.PARTS.values()}:
        shutil.copy(DOCS / page, tmp_path / page)
    stale = (tmp_path / "program.md").read_text(encoding="utf-8")
    (tmp_path / "program.md").write_text(stale.replace("| `rest_s` |", "| `rest` |"))
    assert GEN.main(["--check"], docs=tmp_path) == 1
    assert GEN.main([], docs=tmp_path) == 0
    assert (tmp_path / "program.md").read_text() == (DOCS / "program.md").read_text()
    assert GEN.main(["--check"], docs=tmp_path) == 0


def test_the_generator_runs_as_a_script():
    done = subprocess.run(
        [sys.executable, str(DOCS / "gen_reference.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


# --- What the generated parts rest on -------------------------------------------------------


def test_every_key_of_the_program_has_a_meaning_and_no_meaning_is_stale():
    reader = GEN.program_reader()
    paths = set()
    for path, key, child, _ in reader.fields():
        full = f"{path}.{key}" if path else key
        paths.add(full)
        assert reader.meaning(path, key, child), f"{full}: no meaning in MEANINGS or the schema"
    assert set(GEN.MEANINGS) <= paths, sorted(set(GEN.MEANINGS) - paths)


def test_the_program_page_covers_the_sections_apps_read():
    text = (DOCS / "program.md").read_text(encoding="utf-8")
    for heading in (
        "### `safety.traffic_light`",
        "### `safety.traffic_light.zones[]`",
        "### `person[]`",
        "### `warning_details[]`",
        "### `weeks[].sessions[].exercises[]`",
    ):
        assert heading in text, heading


def test_the_profile_page_has_every_key_and_the_person_model():
    from gluteus.engine.profile import SECTIONS, keys_of

    text = (DOCS / "profile.md").read_text(encoding="utf-8")
    for cls, path in SECTIONS.items():
        prefix = "".join(f"{p}." for p in path)
        for key in keys_of(cls):
            assert f"| `{prefix}{key}` |" in text, f"{prefix}{key}"
    for key in ("pregnancy_week", "weeks_since_surgery", "can_get_up_from_floor", "walking_aid"):
        assert f"| `{key}` |" in text
    for test_id in GEN.builtin_registry().tests:
        assert f"| `{test_id}` |" in text


def test_every_key_that_takes_ids_points_to_its_list():
    from gluteus.engine.profile import SECTIONS

    names = {a for cls in SECTIONS for a in __import__("attrs").fields_dict(cls)}
    assert set(GEN.CATALOGUE_OF) <= names


def test_every_exit_code_an_error_carries_has_its_meaning():
    from gluteus.engine import errors

    codes = {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.GluteusError)
    }
    assert codes <= set(GEN.EXIT_CODES)
    assert {0, 1, 2, 3, 4} <= set(GEN.EXIT_CODES)


def test_the_cli_page_has_every_command():
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    from gluteus.cli import COMMANDS

    for name in COMMANDS:
        assert f"### `gluteus {name}`" in text, name
    assert "### `gluteus journal export`" in text


# --- The examples in the pages are real -----------------------------------------------------


def _blocks(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


@pytest.mark.slow  # every example of the Python pages run (seconds); the slow run keeps it
def test_the_python_pages_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    blocks = _blocks("python.md", "python")
    assert len(blocks) >= 8
    for block in blocks:
        exec(compile(block, "docs/python.md", "exec"), namespace)


def test_the_profile_pages_examples_are_valid_profiles():
    yaml_example, error_example = _blocks("profile.md", "yaml")[:2]
    (toml_example,) = _blocks("profile.md", "toml")
    dana = gluteus.parse_profile(yaml_example, "yaml")
    assert dana.name == "Dana" and dana.schedule.time == "07:30"
    assert gluteus.parse_profile(toml_example, "toml").signs == dana.signs
    with pytest.raises(gluteus.ProfileError):
        gluteus.parse_profile(error_example, "yaml")


def test_the_profile_pages_error_example_is_what_the_command_prints(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from gluteus.cli import cli

    error_example = _blocks("profile.md", "yaml")[1]
    (printed,) = _blocks("profile.md", "text")
    monkeypatch.chdir(tmp_path)
    Path("dana.yaml").write_text(error_example, encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", "dana.yaml"])
    assert result.exit_code == 2
    assert result.stderr == printed


# --- They render on GitHub -------------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith("#"):
            continue
        slug = _slug(line.lstrip("#"))
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


LINKED = [*PAGES, ROOT / "README.md", ROOT / "examples" / "service" / "README.md"]


@pytest.mark.parametrize("path", LINKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_lead_somewhere(path):
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        assert dest.exists(), f"{path.name}: {target}"
        if anchor and dest.suffix == ".md":
            assert anchor in _anchors(dest), f"{path.name}: {target}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_tables_have_as_many_cells_as_their_header(path):
    in_code = False
    columns = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            in_code = not in_code
        if in_code or not line.startswith("|"):
            columns = None
            continue
        cells = len(re.split(r"(?<!\\)\|", line)) - 2
        if columns is None:
            columns = cells
        assert cells == columns, f"{path.name}:{number}: {cells} cells, header has {columns}"


def test_the_readme_leads_to_the_docs_and_the_index_to_every_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/README.md)" in readme
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in PAGES:
        if page.name != "README.md":
            assert f"]({page.name})" in index, page.name


def test_the_schemas_the_pages_name_are_shipped():
    from gluteus.schemas import schema_path

    for name in ("profile.schema.json", "program.schema.json"):
        json.loads(schema_path(name).read_text(encoding="utf-8"))
        assert (
            f"gluteus/schemas/{name}"
            in (DOCS / "profile.md").read_text() + (DOCS / "program.md").read_text()
        )


def test_the_readmes_python_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    exec(compile(block, "README.md", "exec"), {})
    assert "#" in capsys.readouterr().out  # the Markdown program was printed
