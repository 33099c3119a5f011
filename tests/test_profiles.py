"""The example profiles in ``profiles/``: they load, screen, and show what they are meant to."""

from __future__ import annotations

from pathlib import Path

import pytest

import gluteus
from gluteus.engine import api

PROFILES = Path(__file__).resolve().parent.parent / "profiles"
FILES = sorted(p for p in PROFILES.iterdir() if p.suffix in {".yaml", ".yml", ".toml", ".json"})
PER_ISSUE = ("inhibition", "back", "knees", "tightness", "function")


def test_the_examples_cover_what_the_readme_promises():
    names = {p.name for p in FILES}
    assert {f"{issue}.yaml" for issue in PER_ISSUE} <= names
    assert {"dana.yaml", "older_adult.yaml", "pregnancy.yaml", "red_flag.yaml"} <= names
    assert {p.suffix for p in FILES} >= {".yaml", ".toml", ".json"}
    assert len(FILES) >= 8


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix in {".yaml", ".yml", ".toml"}])
def test_each_commentable_profile_says_who_the_person_is(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# "), path.name


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_example_loads_and_screens(pm, path):
    profile = gluteus.load_profile(path, plugins=pm)
    result = api.screen_profile(profile, plugins=pm)
    if path.stem == "red_flag":
        assert result.referrals
        assert result.findings == ()
        return
    assert result.referrals == ()
    assert len(result.findings) == 5
    assert any(f.severity >= 1 for f in result.findings)
    # A planner needs room to work: sensible schedules only.
    assert profile.schedule.minutes_per_session >= 20
    assert profile.schedule.weeks >= 4


@pytest.mark.parametrize("issue", PER_ISSUE)
def test_each_per_issue_example_finds_its_issue(pm, issue):
    profile = gluteus.load_profile(PROFILES / f"{issue}.yaml", plugins=pm)
    findings = {f.issue: f for f in api.screen_profile(profile, plugins=pm).findings}
    assert findings[issue].severity >= 1
    # ... and it is that profile's most severe finding.
    assert findings[issue].severity == max(f.severity for f in findings.values())


def test_the_red_flag_example_refers_to_emergency_care_first(pm):
    profile = gluteus.load_profile(PROFILES / "red_flag.yaml", plugins=pm)
    referrals = api.screen_profile(profile, plugins=pm).referrals
    # Pain of 6/10 is a referral of its own, after the two red flags he reported.
    assert [r.urgency for r in referrals] == ["emergency", "urgent", "soon"]


def test_dana_is_the_spec_example(pm):
    dana = gluteus.load_profile(PROFILES / "dana.yaml", plugins=pm)
    assert (dana.name, dana.age, dana.equipment) == ("Dana", 38, ("mat", "mini_band"))
    assert dana.signs == ("barely_feel_glutes", "knees_cave_in")
    assert dana.pain.buttock == 4


def test_older_adult_and_pregnancy_examples_carry_their_precautions(pm):
    older = gluteus.load_profile(PROFILES / "older_adult.yaml", plugins=pm)
    assert older.age >= 65
    assert "osteoporosis" in older.precautions
    function = next(
        f for f in api.screen_profile(older, plugins=pm).findings if f.issue == "function"
    )
    assert function.severity >= 2  # poor balance and a short single-leg stance
    pregnant = gluteus.load_profile(PROFILES / "pregnancy.yaml", plugins=pm)
    assert pregnant.precautions == ("pregnancy",)
    assert pregnant.pregnancy_week == 20 and pregnant.trimester_at(1) == 2
    rules = api.screen_profile(pregnant, plugins=pm).restrictions
    assert rules is not None
    assert "pregnancy_no_supine_prone" in rules.rule_ids


def test_some_examples_are_bodyweight_only(pm):
    equipment = [gluteus.load_profile(p, plugins=pm).equipment for p in FILES]
    assert () in equipment
