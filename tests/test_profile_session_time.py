"""The profile's optional session time (``schedule.time``, "HH:MM") and time zone
(``schedule.timezone``, an IANA name): accepted, kept, and refused with one clear
message like every other key."""

from __future__ import annotations

import pytest

import gluteus
from gluteus.engine.errors import ProfileError
from gluteus.engine.loading import parse_text, profile_from_dict
from gluteus.schemas import program_validator


def load(schedule: str, kind: str = "yaml"):
    if kind == "yaml":
        text = "age: 30\nschedule:\n" + "".join(f"  {line}\n" for line in schedule.splitlines())
    else:
        text = "age = 30\n[schedule]\n" + schedule + "\n"
    data, lines = parse_text(text, kind, f"p.{kind}")
    return profile_from_dict(data, source=f"p.{kind}", lines=lines)


def refused(schedule: str, kind: str = "yaml") -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load(schedule, kind)
    assert info.value.exit_code == 2
    return info.value


def test_time_and_timezone_are_optional_and_kept():
    assert (load("weeks: 4").schedule.time, load("weeks: 4").schedule.timezone) == (None, None)
    schedule = load('time: "7:05"\ntimezone: Europe/Berlin').schedule
    assert (schedule.time, schedule.timezone) == ("07:05", "Europe/Berlin")
    assert load('time = "18:30"', "toml").schedule.time == "18:30"
    assert load("time = 18:30:00", "toml").schedule.time == "18:30"  # TOML's local time


def test_the_profile_round_trips_and_matches_the_schema():
    profile = load('time: "06:45"\ntimezone: America/New_York')
    data = profile.to_dict()
    assert data["schedule"]["time"] == "06:45"
    assert data["schedule"]["timezone"] == "America/New_York"
    assert gluteus.Profile.from_dict(data) == profile
    schema = program_validator().schema["$defs"]["profile"]["properties"]["schedule"]
    assert set(schema["properties"]) >= {"time", "timezone"}


def test_an_unquoted_yaml_time_is_explained():
    error = refused("time: 18:30")  # YAML 1.1 reads it as the number 1110
    assert error.path == "schedule.time" and error.line == 3
    assert "quotes" in str(error) and error.suggestion == '"18:30"'


@pytest.mark.parametrize("value", ['"25:00"', '"18:60"', '"6pm"', '"18.30"', "true", '""'])
def test_a_bad_time_is_refused(value):
    error = refused(f"time: {value}")
    assert error.path == "schedule.time"
    assert 'expected a time of day written "HH:MM"' in str(error)


def test_toml_time_with_seconds_is_refused_with_the_closest_value():
    error = refused("time = 18:30:15", "toml")
    assert error.suggestion == '"18:30"'


def test_an_unknown_timezone_names_the_closest():
    error = refused('time: "18:30"\ntimezone: Europe/Berln')
    assert error.path == "schedule.timezone" and error.suggestion == "Europe/Berlin"
    assert "IANA time zone" in str(error)


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/localtime", "x" * 65, "42"])
def test_a_path_or_odd_value_is_not_a_timezone(value):
    error = refused(f'time: "18:30"\ntimezone: "{value}"')
    assert error.path == "schedule.timezone"


def test_a_timezone_needs_a_time():
    error = refused("timezone: Europe/Berlin")
    assert error.path == "schedule.timezone"
    assert "schedule.time is not" in str(error)
