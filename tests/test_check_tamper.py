"""A hypothesis campaign over tampered programs: ``check`` never crashes, and never
accepts a change to safety-relevant content.

Real programs (a few bundled profiles, shortened so that each check stays quick,
one with 'left out' warnings, one referral, and the hand-built tiny program with
its deload) are generated once; each example applies one mutation to a fresh
copy and runs :func:`~gluteus.engine.verify.verify` on it. ``verify`` must return
a list of violations and nothing else, whatever the mutation; the same document
as JSON text is either read by the hardened parser or refused with a
:class:`~gluteus.ProfileError` (exit 2). When the mutation changed safety-relevant
content, the list must not be empty.

**Safety-relevant content** is everything in a program document except:

- whitespace-only changes to a text;
- reordering an object's keys;
- cosmetic fields, which nothing safety-related reads and the engine does not
  re-derive: ``engine`` (version and plugins), ``phases`` (the skeleton's names,
  goals and weeks, shown as headings), a week's ``phase`` name and ``block``, an
  exercise's ``why``, ``ladder`` and ``rung``; in the tiny program only, an
  exercise's ``load`` and ``tempo`` (its plugin gives no dose rules to judge them by);
- order alone where it carries no meaning: the findings, the exercises within a
  session (rules on order, such as activation first, are checked, but not every
  order breaks one), and an exercise's ``planes``, ``equipment``, ``tags``,
  ``targets`` and ``issues``;
- an exercise's ``issues`` losing or repeating an entry: the list says what the
  exercise is for, and the catalogue's issues decide what it trains;
- the embedded profile, which is what check trusts: a change there is
  safety-relevant exactly when it makes the profile invalid or changes what the
  engine derives from it (referrals, findings, the applicable rules with their
  stop signs, notes, caps and demands). A change the derivation does not see
  (a name, a seed) is not.

Everything else is safety-relevant: every number (a NaN, an infinity, a number
with hundreds of digits, a negative or far too large one is never accepted),
every other text (cues, names, faults, loads, tempos, stop signs, notes, rules,
the traffic light, referrals, findings, the issues' descriptions, warnings),
every list item deleted, repeated or moved outside the places above, every key
deleted or added.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from checked_programs import bundled, context, made
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tiny_plugin import build, tiny_context

from gluteus.engine.api import Context
from gluteus.engine.errors import ProfileError
from gluteus.engine.loading import check_ids, parse_text
from gluteus.engine.profile import Profile
from gluteus.engine.program import Program
from gluteus.engine.safety import restrictions_for
from gluteus.engine.screening import referrals_for, screen
from gluteus.engine.verify import Violation, verify

Path = tuple[str | int, ...]

# --- The programs, generated once -----------------------------------------------------

PROGRAMS: dict[str, Callable[[], tuple[Program, Context]]] = {
    "pregnancy": lambda: (bundled("pregnancy.yaml", weeks=3), context()),
    "knees": lambda: (bundled("knees.yaml", weeks=3), context()),  # weaker-side rows, dates
    "left_out": lambda: (made("left_out"), context()),
    "general": lambda: (made("general"), context()),  # the 'no issue found' warning
    "referral": lambda: (bundled("red_flag.yaml"), context()),
    "tiny": lambda: (build(), tiny_context()),  # six weeks with a deload
}


@functools.cache
def base(name: str) -> tuple[str, Context, tuple[tuple[Path, Any], ...]]:
    """The program's JSON text, its context, and every node of it with its path."""
    program, ctx = PROGRAMS[name]()
    data = program.to_dict()
    assert verify(data, ctx) == [], name
    return json.dumps(data), ctx, tuple(_nodes(data))


def _nodes(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _nodes(item, (*path, i))


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


# --- What is cosmetic -------------------------------------------------------------------

EXERCISE = ("weeks", "*", "sessions", "*", "exercises", "*")
COSMETIC_FIELDS = {
    ("engine",),
    ("phases",),
    ("weeks", "*", "phase"),
    ("weeks", "*", "block"),
    (*EXERCISE, "why"),
    (*EXERCISE, "ladder"),
    (*EXERCISE, "rung"),
}
ORDER_FREE = {
    ("findings",),
    ("weeks", "*", "sessions", "*", "exercises"),
    *((*EXERCISE, key) for key in ("planes", "equipment", "tags", "targets", "issues")),
}
SUBSET_FREE = {(*EXERCISE, "issues")}  # items may be dropped or repeated


def _pattern(path: Path) -> Path:
    return tuple("*" if isinstance(p, int) else p for p in path)


def later_optional(path: Path) -> bool:
    """True for a key the program format gained later, which older programs lack (the
    signs' words of an issue): taking it out leaves a program as valid as those."""
    pattern = _pattern(path)
    return len(pattern) == 3 and pattern[0] == "issues" and pattern[2] == "signs"


UNJUDGED_IN_TINY = {(*EXERCISE, "load"), (*EXERCISE, "tempo")}
"""The tiny plugin gives no dose rules: nothing says what its loads and tempos are."""


def cosmetic(path: Path, name: str = "") -> bool:
    """True when ``path`` lies in a cosmetic field (or is one) of program ``name``."""
    pattern = _pattern(path)
    fields = COSMETIC_FIELDS | (UNJUDGED_IN_TINY if name == "tiny" else set())
    return any(pattern[: len(field)] == field for field in fields)


# --- The profile oracle -----------------------------------------------------------------


def derived(profile_data: Any, ctx: Context) -> Any:
    """What the engine derives from a profile, for comparison; None when it is invalid."""
    try:
        profile = Profile.from_dict(profile_data)
        check_ids(profile, ctx.registry)
    except ProfileError:
        return None
    referrals = referrals_for(profile, ctx.registry)
    if referrals:
        return ("referral", referrals)
    findings = screen(profile, ctx.pm, ctx.registry)
    r = restrictions_for(profile, findings, ctx.registry)
    return findings, r.rules, r.stop_signs, r.notes, r.cap, r.requirements


def profile_changed(original: dict[str, Any], mutated: Any, ctx: Context) -> bool:
    """True when the mutated profile is invalid or derives something else."""
    after = derived(mutated, ctx)
    return after is None or after != derived(original, ctx)


# --- Mutations --------------------------------------------------------------------------

HOSTILE_NUMBERS = (
    math.nan,
    math.inf,
    -math.inf,
    10**400,
    -(10**400),
    1e308,
    -1,
    -0.5,
    2**40,
    2**53 + 1,
)
"""Never a valid value for any number (or null) in a program or its profile."""

DANGEROUS = "lie flat on your back and hold your breath"
TEXT_EDITS: dict[str, Callable[[str], str]] = {
    "replace": lambda s: DANGEROUS,
    "append": lambda s: s + " (push through the pain)",
    "empty": lambda s: "",
    "upper": lambda s: s.upper(),
    "whitespace": lambda s: s.replace(" ", "  ", 1) if " " in s else s + " ",
}


@functools.cache
def _paths(name: str, what: str) -> dict[str, list[Path]]:
    """The paths of one kind of node in program ``name``, by top-level section, so
    that a small section (the warnings, the referrals) is drawn as often as the weeks."""
    out: dict[str, list[Path]] = {}
    for path, value in base(name)[2]:
        if what == "numbers":  # nulls too: a number where null was
            fits = value is None or (isinstance(value, int | float) and not isinstance(value, bool))
        elif what == "texts":
            fits = isinstance(value, str)
        elif what == "dicts":
            fits = isinstance(value, dict) and bool(value)
        else:
            fits = isinstance(value, list) and bool(value)
        if fits:
            out.setdefault(str(path[0]) if path else "", []).append(path)
    return out


def _path(draw: st.DrawFn, name: str, what: str) -> Path:
    by_section = _paths(name, what)
    section = draw(st.sampled_from(sorted(by_section)))
    return draw(st.sampled_from(by_section[section]))


class Case:
    """One tampered program: its data and context, whether the mutation changed
    safety-relevant content, and what it did (its repr, so a failure reads short)."""

    def __init__(
        self, name: str, data: dict[str, Any], ctx: Context, relevant: bool, what: str
    ) -> None:
        self.name, self.data, self.ctx, self.relevant, self.what = name, data, ctx, relevant, what

    def __repr__(self) -> str:
        return f"<{self.name}: {self.what}, {'relevant' if self.relevant else 'cosmetic'}>"


@st.composite
def tampered(draw: st.DrawFn) -> Case:
    """One mutation of a fresh copy of one program."""
    name = draw(st.sampled_from(sorted(PROGRAMS)))
    text, ctx, _ = base(name)
    data = json.loads(text)
    ops = ["number", "text", "delete_key", "add_key", "item", "reorder_keys"]
    op = draw(st.sampled_from([*ops, "warning"] if data["warnings"] else ops))
    if op == "warning":
        return _tamper_warning(draw, name, data, ctx)
    if op == "number":
        path = _path(draw, name, "numbers")
        value = draw(st.sampled_from(HOSTILE_NUMBERS))
        _get(data, path[:-1])[path[-1]] = value
        return Case(name, data, ctx, True, f"{_pattern(path)} = {value!r:.40}")
    if op == "text":
        path = _path(draw, name, "texts")
        edit = draw(st.sampled_from(sorted(TEXT_EDITS)))
        old = _get(data, path)
        new = TEXT_EDITS[edit](old)
        _get(data, path[:-1])[path[-1]] = new
        relevant = new != old and edit != "whitespace" and not cosmetic(path, name)
        return Case(name, data, ctx, _judge(relevant, path, data, text, ctx), f"{edit} {path}")
    if op in ("delete_key", "add_key", "reorder_keys"):
        path = _path(draw, name, "dicts")
        node = _get(data, path)
        if op == "reorder_keys":
            items = list(node.items())[::-1]
            node.clear()
            node.update(items)
            return Case(name, data, ctx, False, f"reorder keys of {path}")
        if op == "add_key":
            node["zz_added"] = "x"
            relevant = not cosmetic((*path, "zz_added"), name)
            return Case(name, data, ctx, _judge(relevant, path, data, text, ctx), f"add key {path}")
        key = draw(st.sampled_from(sorted(node)))
        del node[key]
        relevant = not cosmetic((*path, key), name) and not later_optional((*path, key))
        return Case(name, data, ctx, _judge(relevant, path, data, text, ctx), f"del {path}.{key}")
    path = _path(draw, name, "lists")
    items = _get(data, path)
    change = draw(st.sampled_from(["delete", "duplicate", "swap"]))
    i = draw(st.integers(0, len(items) - 1))
    pattern = _pattern(path)
    if change == "delete":
        del items[i]
        relevant = pattern not in SUBSET_FREE
    elif change == "duplicate":
        items.insert(i, json.loads(json.dumps(items[i])))
        relevant = pattern not in SUBSET_FREE
    else:
        j = draw(st.integers(0, len(items) - 1))
        items[i], items[j] = items[j], items[i]
        relevant = items[i] != items[j] and pattern not in ORDER_FREE
    relevant = relevant and not cosmetic(path, name)
    return Case(name, data, ctx, _judge(relevant, path, data, text, ctx), f"{change} {path}[{i}]")


def _tamper_warning(draw: st.DrawFn, name: str, data: dict[str, Any], ctx: Context) -> Case:
    """One warning changed in both its text and its detail, so that the two still agree:
    only the engine's wording of the engine's warnings may stand."""
    i = draw(st.integers(0, len(data["warnings"]) - 1))
    detail = data["warning_details"][i]
    change = draw(st.sampled_from(["text", "kind", "issue", "weeks", "delete", "duplicate"]))
    relevant = True
    if change == "text":
        edit = draw(st.sampled_from(sorted(TEXT_EDITS)))
        detail["message"] = TEXT_EDITS[edit](detail["message"])
        relevant = edit != "whitespace"
    elif change == "kind":
        kinds = [k for k in ("left_out", "no_issue", "referral", "note") if k != detail["kind"]]
        detail["kind"] = draw(st.sampled_from(kinds))
    elif change == "issue":
        issues = [i for i in ("knees", "function", None) if i != detail["issue"]]
        detail["issue"] = draw(st.sampled_from(issues))
    elif change == "weeks":
        detail["weeks"] = [*detail["weeks"], max(detail["weeks"], default=0) + 1]
    elif change == "delete":
        del data["warning_details"][i]
        del data["warnings"][i]
    else:
        data["warning_details"].insert(i, dict(detail))
        data["warnings"].insert(i, detail["message"])
    if change in ("text", "kind", "issue", "weeks"):
        data["warnings"][i] = detail["message"]
    return Case(name, data, ctx, relevant, f"warning {i}: {change}")


def _judge(relevant: bool, path: Path, data: dict[str, Any], text: str, ctx: Context) -> bool:
    """Within the profile, the oracle decides; elsewhere the rules above."""
    if path[:1] == ("profile",) or (not path and "profile" not in data):
        original = json.loads(text)["profile"]
        return "profile" not in data or profile_changed(original, data["profile"], ctx)
    return relevant


# --- The campaign -----------------------------------------------------------------------


def _assert_check_holds(case: Case) -> None:
    name, data, ctx, relevant, what = case.name, case.data, case.ctx, case.relevant, case.what
    violations = verify(data, ctx)
    assert isinstance(violations, list)
    assert all(isinstance(v, Violation) and "\n" not in str(v) for v in violations)
    if relevant:
        assert violations, f"{name}: {what} was accepted"
    if not violations:
        # Accepted means well formed: the typed program can be built from it.
        Program.from_dict(data)
    # As a file: the hardened parser reads it back, or refuses it as bad input.
    try:
        parsed, _ = parse_text(json.dumps(data), "json", "program.json", what="program")
    except ProfileError:
        pass
    else:
        assert isinstance(parsed, dict)


CAMPAIGN = settings(
    max_examples=40,  # the long campaign below runs 2,000 with -m slow
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@CAMPAIGN
@given(tampered())
def test_check_never_crashes_and_never_accepts_a_safety_relevant_change(case):
    _assert_check_holds(case)


@pytest.mark.slow
@settings(CAMPAIGN, max_examples=2_000)
@given(tampered())
def test_check_holds_over_a_long_campaign(case):
    _assert_check_holds(case)


# --- Tampering the file's text ----------------------------------------------------------


class TextCase:
    """A tampered program file's text; its repr says what was done."""

    def __init__(self, text: str, what: str) -> None:
        self.text, self.what = text, what

    def __repr__(self) -> str:
        return f"<{self.what}>"


MARKER = "\u0000marker\u0000"


def _with_raw(data: Any, path: Path, raw: str) -> str:
    """``data`` as JSON text with the value at ``path`` written as ``raw`` text."""
    if not path:
        return raw
    _get(data, path[:-1])[path[-1]] = MARKER
    return json.dumps(data).replace(json.dumps(MARKER), raw)


@st.composite
def tampered_text(draw: st.DrawFn) -> TextCase:
    """A program file whose text repeats a key of some object, or holds a number JSON
    cannot hold (NaN, Infinity, thousands of digits)."""
    name = draw(st.sampled_from(sorted(PROGRAMS)))
    text, _, _ = base(name)
    data = json.loads(text)
    if draw(st.booleans()):
        path = _path(draw, name, "dicts")
        node = _get(data, path)
        key = draw(st.sampled_from(sorted(node)))
        raw = json.dumps(node)[:-1] + ", " + json.dumps(key) + ": " + json.dumps(node[key]) + "}"
        return TextCase(_with_raw(data, path, raw), f"{name}: key {key!r} twice at {path}")
    path = _path(draw, name, "numbers")
    token = draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "9" * 5000]))
    return TextCase(_with_raw(data, path, token), f"{name}: {token:.12} at {path}")


@settings(CAMPAIGN, max_examples=60)
@given(tampered_text())
def test_a_tampered_file_text_is_refused_as_bad_input(case):
    with pytest.raises(ProfileError) as info:
        parse_text(case.text, "json", "program.json", what="program")
    assert "\n" not in str(info.value)
