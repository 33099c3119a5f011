"""Reading a profile file: parse it, build the profile, check its ids against the plugins.

Each step has its own module: hardened parsing in :mod:`.parsing`, the profile model
and its checks in :mod:`.profile`, the words of a problem in :mod:`.messages`. What
is left here is the flow (file → text → data → :class:`Profile`) and
:func:`check_ids`, which judges what only the loaded plugins can: sign, red-flag,
precaution, issue, exercise, equipment, test and pain-region ids, test results
against each test's declaration, and the keys a precaution needs. Every problem
becomes part of one :class:`~gluteus.ProfileError`; nothing else escapes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dump import dump_profile
from .errors import ProfileError
from .messages import closest, describe, path_text, quote
from .parsing import EXTENSIONS, parse_text, read_text, stat_file
from .profile import Profile, Sides, default_days, structure, unstructure

if TYPE_CHECKING:
    from .model import ObjectiveTest
    from .registry import Registry

__all__ = [
    "check_ids",
    "default_days",
    "dump_profile",
    "profile_from_dict",
    "profile_to_dict",
    "read_profile",
]


def profile_from_dict(
    data: Any, *, source: str | None = None, lines: Mapping[Any, int] | None = None
) -> Profile:
    """Validate untrusted profile data and build the :class:`Profile` (see
    :func:`gluteus.engine.profile.structure`)."""
    return structure(data, source=source, lines=lines)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The profile as plain JSON data with every default applied."""
    return unstructure(profile)


def read_profile(path: str | os.PathLike[str], registry: Registry | None = None) -> Profile:
    """Read, parse and validate one profile file (YAML, TOML or JSON, by extension).

    With ``registry``, ids are also checked against the loaded plugins (with the
    line of the offending id where the parser knows it). Raises :class:`ProfileError`
    for every problem, including hostile input, and nothing else.
    """
    try:
        name = os.fspath(path)
    except TypeError:
        raise ProfileError(
            f"expected a file name, found {describe(path)}", expected="a file name"
        ) from None
    info = stat_file(name)
    kind = EXTENSIONS.get(Path(name).suffix.lower())
    if kind is None:
        suffix = Path(name).suffix or "(none)"
        raise ProfileError(
            f"expected a .yaml, .yml, .toml or .json file, found the extension {suffix}",
            file=name,
            expected=".yaml, .yml, .toml or .json",
            found=suffix,
            suggestion=closest(Path(name).suffix.lower(), list(EXTENSIONS)),
        )
    text = read_text(name, info)
    data, lines = parse_text(text, kind, name)
    profile = structure(data, source=name, lines=lines)
    if registry is not None:
        check_ids(profile, registry, lines=lines)
    return profile


# --- Checking ids against the loaded plugins ------------------------------------------


class _Problems:
    """Collects id problems, each at its key path and line."""

    def __init__(self, source: str | None, lines: Mapping[Any, int]) -> None:
        self.source = source
        self.lines = lines
        self.found: list[ProfileError] = []

    def add(
        self,
        path: Sequence[str | int],
        message: str,
        *,
        expected: str,
        found: str,
        suggestion: str | None = None,
    ) -> None:
        line = None
        key = tuple(path)
        while key and line is None:
            line = self.lines.get(key)
            key = key[:-1]
        self.found.append(
            ProfileError(
                message,
                file=self.source,
                path=path_text(path) or None,
                line=line,
                expected=expected,
                found=found,
                suggestion=suggestion,
            )
        )

    def unknown(
        self, path: Sequence[str | int], item: str, known: Sequence[str], what: str
    ) -> None:
        known = sorted(known)
        plural = what if what == "equipment" else f"{what}s"
        if len(known) <= 40:
            listing = f"; known {plural}: {', '.join(known)}" if known else f"; no {what} is known"
        elif what == "exercise":
            listing = f"; `gluteus exercises` lists all {len(known)}"
        else:
            listing = f"; `gluteus plugins` shows which plugins declare the {len(known)} known"
        self.add(
            path,
            f"unknown {what} {quote(item)}{listing}",
            expected=f"a {what} id some loaded plugin declares",
            found=describe(item),
            suggestion=closest(item, known),
        )


def check_ids(
    profile: Profile,
    registry: Registry,
    *,
    lines: Mapping[Any, int] | None = None,
) -> None:
    """Check every id in ``profile`` against what the loaded plugins declare.

    Signs, red flags, precautions, focus issues, preferred or avoided exercises,
    equipment, tests and pain regions must each be known; test results must fit
    their test; a precaution's required keys must be given (and only with it).
    Every problem found is raised together in one :class:`ProfileError`, each naming
    its key path, the closest known id and, for short vocabularies, all of them.
    """
    problems = _Problems(profile.source, lines or {})
    tables: list[tuple[str, tuple[str, ...], Mapping[str, Any], str]] = [
        ("equipment", profile.equipment, registry.equipment, "equipment"),
        ("signs", profile.signs, registry.signs, "sign"),
        ("red_flags", profile.red_flags, registry.red_flags, "red flag"),
        ("precautions", profile.precautions, registry.precautions, "precaution"),
        ("focus", profile.focus, registry.issues, "issue"),
    ]
    for key, ids, known, what in tables:
        for i, item in enumerate(ids):
            if key == "equipment" and item == "bodyweight":
                problems.add(
                    [key, i],
                    "bodyweight is always available; leave it out of equipment",
                    expected=f"one of {', '.join(sorted(known))}",
                    found="'bodyweight'",
                )
            elif item not in known:
                problems.unknown([key, i], item, list(known), what)
    for key in ("avoid", "prefer"):
        for i, item in enumerate(getattr(profile.preferences, key)):
            if item not in registry.exercises:
                problems.unknown(
                    ["preferences", key, i], item, list(registry.exercises), "exercise"
                )
    for region in profile.pain:
        if region not in registry.pain_regions:
            problems.add(
                ["pain", region],
                f"unknown key {quote(region)}; expected one of {', '.join(registry.pain_regions)}",
                expected=f"one of the keys {', '.join(registry.pain_regions)}",
                found=describe(region),
                suggestion=closest(region, list(registry.pain_regions)),
            )
    for test_id, result in profile.tests.items():
        test = registry.tests.get(test_id)
        if test is None:
            problems.add(
                ["tests", test_id],
                f"unknown key {quote(test_id)}; expected one of {', '.join(registry.tests)}",
                expected=f"one of the keys {', '.join(registry.tests)}",
                found=describe(test_id),
                suggestion=closest(test_id, list(registry.tests)),
            )
            continue
        _check_result(problems, test, result)
    _check_needs(problems, profile, registry)
    if problems.found:
        raise ProfileError.many(problems.found)


def _check_result(problems: _Problems, test: ObjectiveTest, result: Any) -> None:
    path: list[str | int] = ["tests", test.id]
    if test.sided and not isinstance(result, Sides):
        problems.add(
            path,
            f"expected a result for each side, e.g. {{left: ..., right: ...}}, found "
            f"{describe(result)}",
            expected="{left: ..., right: ...}",
            found=describe(result),
        )
        return
    if not test.sided and isinstance(result, Sides):
        problems.add(
            path,
            "expected one result (this test is not done on each side), found a left/right pair",
            expected="one result",
            found="a left/right pair",
        )
        return
    values = (
        [("left", result.left), ("right", result.right)]
        if isinstance(result, Sides)
        else [(None, result)]
    )
    for side, value in values:
        where = [*path, side] if side else path
        if test.kind == "positive":
            if not isinstance(value, bool):
                problems.add(
                    where,
                    f"expected true or false, found {describe(value)}",
                    expected="true or false",
                    found=describe(value),
                )
            continue
        unit = "seconds" if test.kind == "seconds" else "repetitions"
        expected = f"a number of {unit} from {test.low:g} to {test.high:g}"
        whole = test.kind != "count" or (isinstance(value, int) and not isinstance(value, bool))
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not test.low <= value <= test.high
            or not whole
        ):
            if test.kind == "count":
                expected = f"a whole number of repetitions from {test.low:g} to {test.high:g}"
            problems.add(
                where,
                f"expected {expected}, found {describe(value)}",
                expected=expected,
                found=describe(value),
            )


_KEY_WORDS = {
    "pregnancy_week": "pregnancy_week (the week of pregnancy now)",
    "pregnancy_trimester": "pregnancy_trimester (1, 2 or 3)",
    "weeks_since_surgery": "weeks_since_surgery (whole weeks since the operation)",
    "weeks_since_birth": "weeks_since_birth (whole weeks since giving birth)",
}

ONLY_WITH_ASKED = ("hip_precautions_lifted", "operated_side")
"""Keys a precaution only asks for that mean nothing without it: refused without one of
the precautions asking for them, as required keys are (whole weeks since an operation
stay accepted alone, as they always were)."""


def _check_needs(problems: _Problems, profile: Profile, registry: Registry) -> None:
    """A precaution's required keys are given, and such keys only with one of them."""
    present = [registry.precautions[p] for p in profile.precautions if p in registry.precautions]
    for pre in present:
        keys = pre.required_keys
        if keys and all(getattr(profile, k, None) is None for k in keys):
            words = " or ".join(_KEY_WORDS.get(k, k) for k in keys)
            problems.add(
                [keys[-1]],
                f"the precaution {pre.id} needs {words}: what is safe changes with it",
                expected=words,
                found="nothing",
            )
    needed_by: dict[str, list[str]] = {}
    for pre in registry.precautions.values():
        for key in (*pre.required_keys, *(k for k in pre.asks if k in ONLY_WITH_ASKED)):
            needed_by.setdefault(key, []).append(pre.id)
    wanted = {k for pre in present for k in (*pre.required_keys, *pre.asks)}
    for key, owners in sorted(needed_by.items()):
        if getattr(profile, key, None) is not None and key not in wanted:
            names = " or ".join(owners)
            problems.add(
                [key],
                f"{key} is given, but precautions does not list {names}; add it there or "
                f"remove {key}",
                expected=f"{key} only with the precaution {names}",
                found=describe(getattr(profile, key)),
            )
