"""Programs are data both ways: Program.from_dict(d) builds the typed program a
program document describes, refuses anything that is not one, and round-trips."""

from __future__ import annotations

import json

import attrs
import pytest
from bundled import bundled_params
from checked_programs import BUNDLED, as_dict, bundled, context, made
from tiny_plugin import PROFILE, build, program_dict, referral

from gluteus.engine.demands import FLOOR_SETS
from gluteus.engine.errors import ProfileError
from gluteus.engine.program import (
    ENGINE_WARNING_KINDS,
    Program,
    Session,
    WarningDetail,
    engine_warning,
    warning_text,
)
from gluteus.engine.traffic_light import TRAFFIC_LIGHT


@pytest.mark.parametrize("name", bundled_params(BUNDLED, str))
def test_every_bundled_profile_round_trips(name):
    program = bundled(name)
    data = program.to_dict()
    again = Program.from_dict(data)
    assert again.to_dict() == data
    assert again == program
    # Through JSON text too, as a file would carry it.
    assert Program.from_dict(json.loads(json.dumps(data))).to_dict() == data


@pytest.mark.parametrize("kind", ["left_out", "general"])
def test_programs_with_engine_warnings_round_trip(kind):
    program = made(kind)
    assert program.warning_details, "the profile was chosen to draw a warning"
    assert Program.from_dict(program.to_dict()) == program


def test_the_hand_built_programs_round_trip():
    assert Program.from_dict(build().to_dict()) == build()
    # A Profile built in code may leave its days to the default; its data names them.
    data = referral().to_dict()
    assert Program.from_dict(data).to_dict() == data


def test_from_dict_builds_typed_objects():
    program = Program.from_dict(program_dict())
    week = program.weeks[1]
    assert week.number == 2 and not week.deload
    session = week.sessions[0]
    assert isinstance(session, Session)
    assert session.date is not None and session.date.isoformat() == "2026-12-14"
    assert session.exercises[0].cues == ("clamshell cue",)
    assert program.profile == PROFILE
    assert program.traffic_light == TRAFFIC_LIGHT


def test_the_stated_session_minutes_are_kept():
    data = program_dict()
    data["weeks"][0]["sessions"][0]["minutes"] = 21.0
    program = Program.from_dict(data)
    assert program.weeks[0].sessions[0].minutes == 21.0
    # A session the planner builds has no stated minutes: they are its exercises' sum.
    assert build().weeks[0].sessions[0].minutes == 19.5


@pytest.mark.parametrize(
    ("edit", "path", "words"),
    [
        (lambda d: d["weeks"][0]["sessions"][0].update(minutes=float("nan")), "minutes", "NaN"),
        (lambda d: d["weeks"][0].update(number=10**5000), "number", "digits"),
        (lambda d: d["weeks"][0]["sessions"][0]["exercises"][0].update(sets=10**400), "sets", ""),
        (lambda d: d.update(format="gluteus.program/9"), "$.format", "was expected"),
        (lambda d: d["warnings"].append("Extra text"), "$.warning_details", "one detail"),
    ],
)
def test_from_dict_refuses_what_is_not_a_program(edit, path, words):
    data = program_dict()
    edit(data)
    with pytest.raises(ProfileError) as info:
        Program.from_dict(data)
    assert path in str(info.value) and words in str(info.value)
    assert str(info.value).startswith("$")


@pytest.mark.parametrize("data", [None, [], 42, "program", {"format": "gluteus.program/1"}])
def test_from_dict_refuses_non_programs_with_a_profile_error(data):
    with pytest.raises(ProfileError, match="not a valid program"):
        Program.from_dict(data)


def test_from_dict_refuses_an_invalid_embedded_profile():
    data = program_dict()
    data["profile"]["pregnancy_week"] = 20
    data["profile"]["pregnancy_trimester"] = 3  # week 20 is in the second trimester
    with pytest.raises(ProfileError, match="pregnancy"):
        Program.from_dict(data)


def test_warnings_are_details_with_the_strings_kept():
    detail = engine_warning("left_out", PROFILE.schedule, issue="knees", weeks=(2, 3))
    program = attrs.evolve(build(), warnings=(detail, "A note from the physio."))
    assert program.warnings == (detail.message, "A note from the physio.")
    assert program.warning_details[1] == WarningDetail(
        kind="note", message="A note from the physio."
    )
    data = program.to_dict()
    assert data["warnings"] == [d["message"] for d in data["warning_details"]]
    assert data["warning_details"][0] == {
        "kind": "left_out",
        "issue": "knees",
        "rule": None,
        "weeks": [2, 3],
        # No "detail": only the kinds that carry one write it (older programs keep bytes).
        "message": "knees is left out of weeks 2-3: its weekly work did not fit in 2 "
        "session(s) of 30 minutes alongside the more severe findings. Allow more minutes "
        "or sessions to train it.",
    }
    assert Program.from_dict(data) == program


def test_warning_text_words_only_what_the_engine_writes():
    schedule = PROFILE.schedule
    assert warning_text("left_out", schedule, issue="knees", weeks=(1, 3)).startswith(
        "knees is left out of weeks 1, 3:"
    )
    assert warning_text("left_out", schedule, issue="knees", weeks=()) is None
    assert warning_text("left_out", schedule, issue="knees", weeks=(3, 1)) is None
    assert warning_text("left_out", schedule, issue="knees", rule="x", weeks=(1,)) is None
    assert warning_text("no_issue", schedule, issue="knees") is None
    assert warning_text("left_out", schedule, issue="knees", weeks=(1,), detail="2") is None
    assert warning_text("note", schedule) is None
    assert warning_text("made_up", schedule) is None
    # below_floor: an issue, its weeks, and the fewest weekly sets (fewer than the floor).
    assert warning_text(
        "below_floor", schedule, issue="knees", weeks=(3, 4), detail="2"
    ).startswith("knees gets only 2 hard set(s) a week in weeks 3-4, fewer than the 4 a week")
    for fields in (
        {"issue": "knees", "weeks": (3,)},  # no detail
        {"issue": "knees", "weeks": (3,), "detail": "two"},
        {"issue": "knees", "weeks": (3,), "detail": str(FLOOR_SETS)},  # not below the floor
        {"weeks": (3,), "detail": "2"},  # no issue
        {"issue": "knees", "rule": "r", "weeks": (3,), "detail": "2"},
        {"issue": "knees", "weeks": (), "detail": "2"},
    ):
        assert warning_text("below_floor", schedule, **fields) is None, fields
    # unmet: the demand in words and its weeks; an issue only with the rule asking for it.
    demand = "knees gets strength work every week of the strength phase"
    assert warning_text("unmet", schedule, weeks=(3, 5), detail=demand) == (
        f"In weeks 3, 5, {demand}: the safety rules, equipment, time and the limits on "
        "weekly work leave no room for it, so it is left out."
    )
    assert warning_text("unmet", schedule, issue="knees", rule="r", weeks=(3,), detail=demand)
    for fields in (
        {"weeks": (3,)},  # no detail
        {"weeks": (3,), "detail": ""},
        {"weeks": (), "detail": demand},
        {"issue": "knees", "weeks": (3,), "detail": demand},  # an issue without its rule
    ):
        assert warning_text("unmet", schedule, **fields) is None, fields
    every = {
        "left_out": {"issue": "knees", "weeks": (1,)},
        "below_floor": {"issue": "knees", "weeks": (1,), "detail": "1"},
        "unmet": {"weeks": (1,), "detail": demand},
    }
    for kind in ENGINE_WARNING_KINDS:
        fields = every.get(kind, {})
        detail = engine_warning(kind, schedule, **fields)
        assert detail.message == warning_text(kind, schedule, **fields)
        assert detail.detail == fields.get("detail")
    with pytest.raises(ValueError, match="writes no"):
        engine_warning("note", schedule)
    with pytest.raises(ValueError, match="writes no 'below_floor'"):
        engine_warning("below_floor", schedule, issue="knees", weeks=(1,))


def test_the_planner_words_its_warnings_through_warning_text():
    # Ten minutes once a week: issues left out, and the ones trained short of the floor.
    kinds = {"left_out": {"left_out", "below_floor"}, "general": {"no_issue"}}
    for name, expected in kinds.items():
        program = made(name)
        details = program.warning_details
        assert {d.kind for d in details} == expected
        registry = context().registry
        for d in details:
            assert d.message == warning_text(
                d.kind,
                program.profile.schedule,
                issue=d.issue,
                rule=d.rule,
                weeks=d.weeks,
                detail=d.detail,
                by=d.by,
                rules=registry.safety_rules,
                equipment=registry.equipment,
            )
    assert bundled("red_flag.yaml").warning_details[0].kind == "referral"


def test_a_program_copy_is_fresh_data():
    program = bundled("knees.yaml", weeks=4)
    first = as_dict(program)
    first["weeks"].clear()
    assert as_dict(program)["weeks"]


def test_the_journal_reads_pain_as_the_printed_traffic_light_says():
    # The zones a person reads and the thresholds the journal rates sessions by are one
    # statement: a score at each zone's edge gets that zone's colour.
    import re

    from gluteus.engine.adaptation import Entry, PainRating, PainRule, rate_pain
    from gluteus.plugins.adaptation.content import RULES

    (rule,) = (r for r in RULES if isinstance(r, PainRule))

    colours = {}
    for zone in TRAFFIC_LIGHT.zones:
        numbers = [int(n) for n in re.findall(r"\d+", zone.pain.split("/")[0])]
        edges = [numbers[-1] + 1] if zone.pain.startswith("over") else numbers
        for score in edges:
            colours[score] = zone.colour
    assert set(colours.values()) == {"green", "amber", "red"}
    for score, colour in sorted(colours.items()):
        entry = Entry(week=1, session=1, pain=(PainRating("knee", during=score),))
        assert rate_pain(entry, {}, rule).colour == colour, score
