"""cp_model loaded without pandas: the same module, the same programs, pandas on demand.

Each check runs in a fresh interpreter, since what is imported is the point.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import PROFILES


def _run(code: str, *args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_cp_model_loads_and_solves_without_importing_pandas():
    out = _run(
        """
        import sys
        from gluteus.engine.solver import load_cp_model

        cp = load_cp_model()
        from ortools.sat.python import cp_model
        import ortools.sat.python.cp_model as again

        assert cp is cp_model is again
        model = cp_model.CpModel()
        x = [model.new_bool_var(f"x{i}") for i in range(4)]
        model.add(sum(x) <= 2)
        model.add_max_equality(model.new_int_var(0, 1, "m"), x)
        model.maximize(sum((i + 1) * v for i, v in enumerate(x)))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(model) == cp_model.OPTIMAL
        print([solver.boolean_value(v) for v in x], "pandas" in sys.modules)
        """
    )
    assert out.split() == ["[False,", "False,", "True,", "True]", "False"]


def test_pandas_helpers_still_work_and_import_pandas_on_first_use():
    out = _run(
        """
        import sys
        from gluteus.engine.solver import load_cp_model

        cp_model = load_cp_model()
        assert "pandas" not in sys.modules
        import pandas as pd

        model = cp_model.CpModel()
        xs = model.new_bool_var_series("x", pd.Index(range(3)))
        model.add(xs.sum() == 2)
        solver = cp_model.CpSolver()
        assert solver.solve(model) == cp_model.OPTIMAL
        values = solver.boolean_values(xs)
        print(type(values).__name__, int(values.sum()))
        """
    )
    assert out.split() == ["Series", "2"]


def test_with_pandas_already_imported_the_ordinary_module_is_used():
    out = _run(
        """
        import pandas
        from gluteus.engine.solver import load_cp_model

        print(load_cp_model().pd is pandas)
        """
    )
    assert out.strip() == "True"


def test_a_module_that_needs_pandas_to_load_falls_back_to_the_ordinary_import(tmp_path):
    # Stands for another OR-Tools version that uses pandas while it loads.
    (tmp_path / "needs_pandas.py").write_text("import pandas as pd\nFRAME = pd.DataFrame\n")
    out = _run(
        """
        import sys
        from gluteus.engine import solver

        solver.CP_MODEL = "needs_pandas"
        module = solver.load_cp_model()
        import pandas
        print(module.FRAME is pandas.DataFrame, sys.modules["needs_pandas"] is module)
        """,
        cwd=tmp_path,
    )
    assert out.split() == ["True", "True"]


GENERATE_ALL = """
import json, sys
from pathlib import Path
if sys.argv[2] == "ordinary":
    # With pandas already imported, the solver module is imported the ordinary way.
    import pandas  # noqa: F401
import gluteus

pm = gluteus.make_plugin_manager(entrypoints=False)
out = {}
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix not in (".yaml", ".toml", ".json"):
        continue
    profile = gluteus.load_profile(path, plugins=pm)
    try:
        program = gluteus.generate(profile, plugins=pm)
    except gluteus.ReferralRequired as exc:
        program = exc.result
    out[path.name] = gluteus.render(program, "json", plugins=pm)
out["pandas imported"] = "pandas" in sys.modules
print(json.dumps(out))
"""


@pytest.mark.slow  # two fresh processes planning every bundled profile
def test_every_bundled_profile_gives_byte_identical_programs():
    ordinary = json.loads(_run(GENERATE_ALL, str(PROFILES), "ordinary"))
    deferred = json.loads(_run(GENERATE_ALL, str(PROFILES), "deferred"))
    assert ordinary.pop("pandas imported") is True
    assert deferred.pop("pandas imported") is False
    assert len(ordinary) == len(list(PROFILES.glob("*.*"))) - 1  # all but the README
    assert deferred == ordinary
