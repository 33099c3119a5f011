"""OR-Tools' ``cp_model`` module, loaded without importing pandas until something uses it.

``ortools.sat.python.cp_model`` (9.15) imports pandas at the top for its
``*_series`` helpers, and names ``pd.Index``/``pd.Series`` in type hints evaluated
while it loads; the planner uses neither, and pandas is most of the module's import
time (about 150 of 270 ms measured on 2 cores). :func:`load_cp_model` runs the very
same module with its own ``import pandas`` answered by a stand-in: while the module
loads, the stand-in gives placeholders for those type hints; afterwards every
attribute is the real pandas, imported on first use. So ``cp_model`` behaves as
documented, ``*_series`` and ``values`` included, and a program that never touches
pandas never imports it.

Nothing global changes: no ``sys.modules["pandas"]`` entry, no patched builtins,
only ``cp_model``'s own import statements are redirected. When pandas is already
imported, or the module does not load this way (another OR-Tools version), the
ordinary import is used: slower, never wrong.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

CP_MODEL = "ortools.sat.python.cp_model"

_LOCK = threading.Lock()


class _HintOnly:
    """Stands in for ``pandas.Index`` and ``pandas.Series`` in cp_model's type hints."""


class _LazyPandas(types.ModuleType):
    """cp_model's ``pd``: placeholders while cp_model loads, the real pandas after."""

    def __init__(self) -> None:
        super().__init__("pandas")
        self.loading = True

    def __getattr__(self, name: str) -> Any:
        if self.loading:
            if name in ("Index", "Series"):
                return _HintOnly
            # Anything else at load time is not a type hint: this OR-Tools version
            # needs pandas to load, and the ordinary import is used instead.
            raise AttributeError(f"pandas.{name} used while cp_model loads")
        import pandas

        return getattr(pandas, name)


def load_cp_model() -> types.ModuleType:
    """``ortools.sat.python.cp_model``, imported once per process, pandas deferred.

    Safe to call from several threads; every call returns the same module, the one
    ``from ortools.sat.python import cp_model`` gives afterwards.
    """
    module = sys.modules.get(CP_MODEL)
    if module is not None:
        return module
    with _LOCK:
        module = sys.modules.get(CP_MODEL)
        if module is not None:
            return module
        if "pandas" in sys.modules:
            return importlib.import_module(CP_MODEL)
        try:
            return _load_without_pandas()
        except Exception:
            return importlib.import_module(CP_MODEL)


def _load_without_pandas() -> types.ModuleType:
    package = importlib.import_module(CP_MODEL.rpartition(".")[0])
    spec = importlib.util.find_spec(CP_MODEL)
    if spec is None or spec.loader is None:
        raise ImportError(CP_MODEL)
    module = importlib.util.module_from_spec(spec)
    stand_in = _LazyPandas()
    real_import = builtins.__import__

    def _import(
        name: str,
        globals: Any = None,
        locals: Any = None,
        fromlist: Any = (),
        level: int = 0,
    ) -> Any:
        if name == "pandas" and level == 0:
            return stand_in
        return real_import(name, globals, locals, fromlist, level)

    # The module's functions keep the builtins they were defined with, so the
    # redirect is put back to the real import once the module has loaded.
    own_builtins = dict(vars(builtins))
    own_builtins["__import__"] = _import
    module.__dict__["__builtins__"] = own_builtins
    sys.modules[CP_MODEL] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[CP_MODEL]
        raise
    finally:
        own_builtins["__import__"] = real_import
    module.__dict__["__builtins__"] = builtins
    stand_in.loading = False
    setattr(package, CP_MODEL.rpartition(".")[2], module)
    return module
