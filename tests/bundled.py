"""The bundled profiles as test parameters: a few in the default run, every one with
``pytest -m slow``.

Sweeps over every file in ``profiles/`` (every format, every invariant, a fresh
process each) are what make the default run long; the spec's example and a referral
keep each sweep honest in the default run, and the slow run (README's test command
runs both) covers the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pytest

QUICK = ("dana.yaml", "red_flag.yaml")
"""The profiles every default run sweeps: the spec's example and a referral."""

T = TypeVar("T")


def bundled_params(items: Iterable[T], name: Callable[[T], str] = lambda p: p.name) -> list[Any]:
    """``items`` as parametrize values named by file, the ones outside :data:`QUICK`
    marked slow."""
    return [
        pytest.param(item, id=name(item), marks=() if name(item) in QUICK else pytest.mark.slow)
        for item in items
    ]
