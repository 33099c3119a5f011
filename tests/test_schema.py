"""The program JSON Schema: valid itself, shipped with the package, and exactly as
strict as Program.to_dict() (no key missing from it, none it does not produce)."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources

import jsonschema
import pytest
from conftest import ROOT
from tiny_plugin import build, program_dict, referral

from gluteus.engine.model import DAYS, PLANES, POSITIONS, ROLES, SIDES
from gluteus.schemas import PROGRAM_SCHEMA, program_schema, program_validator


def errors(data) -> list[str]:
    return [e.message for e in program_validator().iter_errors(data)]


def test_schema_is_valid_draft_2020_12():
    schema = program_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_ships_as_package_data():
    assert resources.files("gluteus.schemas").joinpath(PROGRAM_SCHEMA).is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "schemas/*.json" in pyproject["tool"]["setuptools"]["package-data"]["gluteus"]


def test_program_and_referral_validate():
    assert errors(program_dict()) == []
    assert errors(referral().to_dict()) == []


def _keys(defn: str) -> set[str]:
    return set(program_schema()["$defs"][defn]["properties"])


def _required(defn: str) -> set[str]:
    return set(program_schema()["$defs"][defn]["required"])


OPTIONAL: dict[str, set[str]] = {"finding": {"test_results"}, "issue": {"signs"}}
"""Keys added after programs were first written, present only when they hold something,
so programs written before them still validate."""


def test_schema_describes_every_key_to_dict_produces():
    """A new key in Program.to_dict() (or a dropped one) fails here first."""
    data = program_dict()
    schema = program_schema()
    assert set(schema["properties"]) == set(schema["required"]) == set(data)
    week = data["weeks"][0]
    session = week["sessions"][0]
    exercise = session["exercises"][0]
    for defn, sample in (
        ("week", week),
        ("session", session),
        ("exercise", exercise),
        ("phase", data["phases"][0]),
        ("finding", data["findings"][0]),
        ("issue", next(iter(data["issues"].values()))),
        ("rule", data["safety"]["rules"][0] if data["safety"]["rules"] else None),
        ("referral", referral().to_dict()["referrals"][0]),
    ):
        if sample is None:
            continue
        optional = OPTIONAL.get(defn, set())
        assert _keys(defn) - optional == _required(defn) == set(sample) - optional, defn
    assert set(data["profile"]) <= _keys("profile")
    assert set(data["profile"]["schedule"]) <= set(
        schema["$defs"]["profile"]["properties"]["schedule"]["properties"]
    )


def test_enums_match_the_model_vocabularies():
    defs = program_schema()["$defs"]
    assert tuple(defs["role"]["enum"]) == ROLES
    assert tuple(defs["position"]["enum"]) == POSITIONS
    assert tuple(defs["plane"]["enum"]) == PLANES
    assert tuple(defs["side"]["enum"]) == SIDES
    assert tuple(defs["day"]["enum"]) == DAYS
    # Equipment ids are declared by plugins: check() judges them against the catalogue.
    assert "equipment" not in defs


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("role", "cardio"),
        ("position", "hanging"),
        ("planes", ["diagonal"]),
        ("side", "middle"),
        ("sets", 0),
        ("reps", 0),
        ("minutes", 0),
        ("loaded", "yes"),
        ("evidence", "strong"),
    ],
)
def test_exercise_fields_are_checked(key, value):
    data = program_dict()
    data["weeks"][0]["sessions"][0]["exercises"][0][key] = value
    assert errors(data)


def test_days_and_dates_are_checked():
    data = program_dict()
    data["weeks"][0]["sessions"][0]["day"] = "monday"
    assert errors(data)
    data = program_dict()
    data["weeks"][0]["sessions"][0]["date"] = "2026-02-30"
    assert errors(data) == ["'2026-02-30' is not a 'date'"]
    data["weeks"][0]["sessions"][0]["date"] = "7 Dec 2026"
    assert errors(data)


def test_unknown_keys_are_rejected():
    data = program_dict()
    data["weeks"][0]["sessions"][0]["exercises"][0]["hold"] = 30  # a typo for hold_s
    assert errors(data) == ["Additional properties are not allowed ('hold' was unexpected)"]


def test_referrals_non_empty_iff_status_is_referral():
    ok = program_dict()
    ok["referrals"] = copy.deepcopy(referral().to_dict()["referrals"])
    assert errors(ok)
    ref = referral().to_dict()
    ref["referrals"] = []
    assert errors(ref) == ["[] should be non-empty"]
    ref = referral().to_dict()
    ref["weeks"] = program_dict()["weeks"]
    assert errors(ref)
    bad = referral().to_dict()
    bad["status"] = "maybe"
    assert errors(bad)


def test_findings_severity_range():
    data = program_dict()
    data["findings"][0]["severity"] = 4
    assert errors(data) == ["4 is greater than the maximum of 3"]


def test_validator_is_shared_and_program_schema_returns_copies():
    assert program_validator() is program_validator()
    first = program_schema()
    first["title"] = "changed"
    assert program_schema()["title"] != "changed"
    assert build().to_dict()["format"] == program_schema()["properties"]["format"]["const"]


def test_the_profile_schemas_are_generated_from_the_profile_model():
    """profile.schema.json and the program schema's profile are the model's own schema:
    a bound changed in the model and not regenerated fails here."""
    from gluteus.schemas import generated_texts, schema_path

    for name, text in generated_texts().items():
        assert schema_path(name).read_text(encoding="utf-8") == text, (
            f"{name} drifted from the profile model: run python -m gluteus.schemas"
        )


def test_the_profile_schema_accepts_the_bundled_profiles_and_refuses_bad_bounds():
    import jsonschema
    import yaml

    from gluteus.engine.profile import Profile
    from gluteus.schemas import profile_schema

    validator = jsonschema.Draft202012Validator(profile_schema())
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        data = Profile.from_dict(yaml.safe_load(path.read_text())).to_dict()
        assert list(validator.iter_errors(data)) == [], path.name
    assert list(validator.iter_errors({"age": 12}))
    assert list(validator.iter_errors({"age": 30, "schedule": {"weeks": 25}}))
    assert list(validator.iter_errors({"age": 30, "shedule": {}}))


def test_structured_test_results_validate_and_old_findings_without_them_too():
    from gluteus.engine.model import Finding, TestResult

    data = program_dict()
    finding = Finding(
        "inhibition",
        1,
        test_results=(TestResult("single_leg_stance_s", 8, side="left", meaning="short"),),
    ).to_dict()
    assert set(finding) - set(data["findings"][0]) == {"test_results"}
    data["findings"][0] = finding
    assert errors(data) == []
    data["findings"][0]["test_results"][0]["value"] = "eight"
    assert errors(data)
