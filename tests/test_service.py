"""The embedding example web service (examples/service/app.py), called through
Starlette's TestClient: status codes and bodies mirror the CLI's exit codes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")  # the HTTP client Starlette's TestClient drives

from starlette.testclient import TestClient

import gluteus

ROOT = Path(__file__).resolve().parent.parent
PROFILE = {
    "age": 38,
    "schedule": {"weeks": 4, "sessions_per_week": 2, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes"],
    "seed": 0,
}


def _load_app_module():
    spec = importlib.util.spec_from_file_location(
        "gluteus_service_app", ROOT / "examples" / "service" / "app.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SERVICE = _load_app_module()


@pytest.fixture(scope="module")
def client():
    app = SERVICE.create_app(gluteus.make_plugin_manager(entrypoints=False))
    with TestClient(app) as c:
        yield c


def test_a_profile_gives_the_program_json(client):
    response = client.post("/programs", json=PROFILE)
    assert response.status_code == 200, response.text
    expected = gluteus.generate(gluteus.Profile.from_dict(PROFILE)).to_dict()
    assert response.json() == json.loads(json.dumps(expected))


@pytest.mark.parametrize(
    "bad",
    [
        {**PROFILE, "schedule": {"weeks": 99}},
        {**PROFILE, "agee": 38},
        {k: v for k, v in PROFILE.items() if k != "age"},
    ],
    ids=["out-of-range", "typo", "missing"],
)
def test_a_bad_profile_is_422_with_the_clis_message(client, bad):
    with pytest.raises(gluteus.ProfileError) as info:
        gluteus.Profile.from_dict(bad)
    response = client.post("/programs", json=bad)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_profile"
    assert body["message"] == str(info.value)
    assert body["path"] == info.value.path


def test_an_unknown_sign_is_422_naming_the_closest(client):
    response = client.post("/programs", json={**PROFILE, "signs": ["barely_feel_glute"]})
    assert response.status_code == 422
    assert "barely_feel_glutes" in response.json()["message"]


def test_a_body_that_is_not_json_is_422(client):
    response = client.post(
        "/programs", content=b"age: 38", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_profile"


def test_a_red_flag_is_409_with_the_referral(client):
    response = client.post("/programs", json={**PROFILE, "red_flags": ["cannot_bear_weight"]})
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "referral"
    assert [r["flag"] for r in body["referrals"]] == ["cannot_bear_weight"]
    assert body["weeks"] == []


def test_infeasible_is_422_with_the_conflicts():
    from tiny_plugin import ExcludeEverything

    pm = gluteus.make_plugin_manager(entrypoints=False, plugins=[ExcludeEverything()])
    with TestClient(SERVICE.create_app(pm)) as client:
        response = client.post("/programs", json=PROFILE)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "infeasible" and body["conflicts"]


def test_a_broken_plugin_is_500_naming_it():
    class Broken:
        gluteus_name = "broken"

        @gluteus.hookimpl
        def screen(self, profile):
            raise RuntimeError("boom")

    pm = gluteus.make_plugin_manager(entrypoints=False, plugins=[Broken()])
    with TestClient(SERVICE.create_app(pm)) as client:
        response = client.post("/programs", json=PROFILE)
    assert response.status_code == 500
    assert response.json()["plugin"] == "broken"


def test_only_post_is_allowed(client):
    assert client.get("/programs").status_code == 405
