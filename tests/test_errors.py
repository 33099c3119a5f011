"""Every error gluteus raises says itself as JSON data (``to_dict``) with its exit code:
what a web service returns, mapped in one place."""

from __future__ import annotations

import inspect
import json
import pickle

import pytest
from tiny_plugin import ExcludeEverything

import gluteus
from gluteus.engine import errors
from gluteus.engine.model import Referral

PROFILE = {
    "age": 38,
    "schedule": {"weeks": 4, "sessions_per_week": 2, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes"],
}

CLASSES = [
    cls
    for _, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, errors.GluteusError)
]


def test_the_public_errors_are_every_error_there_is():
    public = {name for name in gluteus.__all__ if name.endswith("Error")}
    public |= {"ReferralRequired", "Infeasible", "Cancelled"}
    assert {cls.__name__ for cls in CLASSES} == public
    assert all(getattr(gluteus, cls.__name__) is cls for cls in CLASSES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_error_has_an_exit_code_and_documents_its_to_dict(cls):
    assert isinstance(cls.exit_code, int)
    assert cls.to_dict.__doc__


def _round_trip(data):
    return json.loads(json.dumps(data))


def test_a_plain_error_gives_type_message_and_exit_code():
    error = gluteus.GluteusError("generated program failed verification")
    assert error.to_dict() == {
        "type": "GluteusError",
        "message": "generated program failed verification",
        "exit_code": 1,
    }


def test_a_profile_error_lists_each_problem_with_where_and_what():
    with pytest.raises(gluteus.ProfileError) as info:
        gluteus.Profile.from_dict({"age": 5, "experiense": "novice"})
    data = _round_trip(info.value.to_dict())
    assert data["type"] == "ProfileError"
    assert data["exit_code"] == 2
    assert data["message"] == str(info.value)
    assert len(data["problems"]) == 2
    by_path = {p["path"]: p for p in data["problems"]}
    assert by_path["age"]["expected"].startswith("a whole number from 13 to 100")
    assert by_path["age"]["found"] == "5"
    assert by_path["experiense"]["suggestion"] == "experience"
    assert set(by_path["age"]) == {
        "message",
        "file",
        "path",
        "line",
        "expected",
        "found",
        "suggestion",
    }


def test_a_single_problem_is_still_a_list_of_one():
    error = gluteus.ProfileError("no such file", file="nobody.yaml")
    assert error.to_dict()["problems"] == [
        {
            "message": "no such file",
            "file": "nobody.yaml",
            "path": None,
            "line": None,
            "expected": None,
            "found": None,
            "suggestion": None,
        }
    ]


def test_a_referral_carries_the_referrals_and_the_referral_document():
    profile = gluteus.Profile.from_dict({**PROFILE, "red_flags": ["cannot_bear_weight"]})
    with pytest.raises(gluteus.ReferralRequired) as info:
        gluteus.generate(profile, plugins=gluteus.make_plugin_manager(entrypoints=False))
    data = _round_trip(info.value.to_dict())
    assert data["exit_code"] == 3
    assert [r["flag"] for r in data["referrals"]] == ["cannot_bear_weight"]
    assert set(data["referrals"][0]) == {"flag", "message", "urgency", "see"}
    assert data["program"]["status"] == "referral"
    assert data["program"] == _round_trip(info.value.result.to_dict())


def test_a_referral_without_its_document_says_so():
    referral = Referral(flag="saddle_numbness", message="Go now.", urgency="emergency", see="A&E")
    data = gluteus.ReferralRequired([referral]).to_dict()
    assert data["program"] is None
    assert data["referrals"] == [referral.to_dict()]


def test_infeasible_carries_conflicts_and_suggestions():
    pm = gluteus.make_plugin_manager(entrypoints=False, plugins=[ExcludeEverything()])
    with pytest.raises(gluteus.Infeasible) as info:
        gluteus.generate(gluteus.Profile.from_dict(PROFILE), plugins=pm)
    data = _round_trip(info.value.to_dict())
    assert data["exit_code"] == 4
    assert data["conflicts"] == list(info.value.conflicts) and data["conflicts"]
    assert data["suggestions"] == list(info.value.suggestions)


def test_a_plugin_error_names_the_plugin():
    data = gluteus.PluginError("hostile", "hook screen raised RuntimeError: boom").to_dict()
    assert data == {
        "type": "PluginError",
        "message": "plugin 'hostile': hook screen raised RuntimeError: boom",
        "exit_code": 1,
        "plugin": "hostile",
    }


def test_an_output_error_names_the_file():
    data = gluteus.OutputError("it is a folder", file="out").to_dict()
    assert (data["exit_code"], data["file"]) == (2, "out")


def test_cancelled_names_the_stage_and_pickles():
    error = gluteus.Cancelled("plan")
    assert error.to_dict() == {
        "type": "Cancelled",
        "message": "cancelled before plan was done",
        "exit_code": 130,
        "stage": "plan",
    }
    assert pickle.loads(pickle.dumps(error)) == error
