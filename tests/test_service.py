"""The web service example (examples/service/app.py, FastAPI), called through its test
client: bodies in JSON, YAML or TOML read by parse_profile, errors mapped in one place
from their own to_dict(), and bad input never a 500."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")  # the HTTP client the test client drives

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

import gluteus
from gluteus.schemas import profile_schema

ROOT = Path(__file__).resolve().parent.parent
PROFILE = {
    "age": 38,
    "schedule": {"weeks": 4, "sessions_per_week": 2, "minutes_per_session": 30},
    "equipment": ["mat", "mini_band"],
    "signs": ["barely_feel_glutes"],
    "seed": 0,
}
YAML = """\
age: 38
schedule: {weeks: 4, sessions_per_week: 2, minutes_per_session: 30}
equipment: [mat, mini_band]
signs: [barely_feel_glutes]
seed: 0
"""
TOML = """\
age = 38
equipment = ["mat", "mini_band"]
signs = ["barely_feel_glutes"]
seed = 0

[schedule]
weeks = 4
sessions_per_week = 2
minutes_per_session = 30
"""


def _load_app_module():
    spec = importlib.util.spec_from_file_location(
        "gluteus_service_app", ROOT / "examples" / "service" / "app.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SERVICE = _load_app_module()
PM = gluteus.make_plugin_manager(entrypoints=False)


@pytest.fixture(scope="module")
def client():
    with TestClient(SERVICE.create_app(PM)) as c:
        yield c


@pytest.fixture(scope="module")
def expected():
    return gluteus.generate(gluteus.Profile.from_dict(PROFILE), plugins=PM)


def post(client, body, content_type="application/json", **params):
    data = body if isinstance(body, bytes) else body.encode()
    return client.post(
        "/programs", content=data, headers={"content-type": content_type}, params=params
    )


# --- Programs ------------------------------------------------------------------------------


def test_a_profile_gives_the_program_json(client, expected):
    response = client.post("/programs", json=PROFILE)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == json.loads(gluteus.render(expected, "json"))


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (YAML, "application/yaml"),
        (YAML, "text/yaml; charset=utf-8"),
        (TOML, "application/toml"),
        (json.dumps(PROFILE), "Application/JSON"),
    ],
)
def test_yaml_and_toml_bodies_give_the_same_program(client, expected, body, content_type):
    response = post(client, body, content_type)
    assert response.status_code == 200, response.text
    assert response.json() == json.loads(gluteus.render(expected, "json"))


def test_a_format_asked_for_comes_with_its_media_type(client, expected):
    markdown = client.post("/programs", json=PROFILE, params={"format": "markdown"})
    assert markdown.status_code == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text == gluteus.render(expected, "markdown")
    pdf = client.post("/programs", json=PROFILE, params={"format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


# --- Errors, each from its own to_dict -------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {**PROFILE, "schedule": {"weeks": 99}},
        {**PROFILE, "agee": 38},
        {k: v for k, v in PROFILE.items() if k != "age"},
        {**PROFILE, "signs": ["barely_feel_glute"]},
    ],
    ids=["out-of-range", "typo", "missing", "unknown-sign"],
)
def test_a_bad_profile_is_422_with_the_errors_own_data(client, bad):
    with pytest.raises(gluteus.ProfileError) as info:
        gluteus.parse_profile(json.dumps(bad), "json", name="request body", plugins=PM)
    response = client.post("/programs", json=bad)
    assert response.status_code == 422
    assert response.json() == info.value.to_dict()
    assert response.json()["problems"][0]["path"] == info.value.path


def test_an_unknown_sign_names_the_closest_and_its_line(client):
    response = post(client, "age: 38\nsigns:\n  - barely_feel_glute\n", "application/yaml")
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert (problem["suggestion"], problem["line"]) == ("barely_feel_glutes", 3)


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        (b"age: 38", "application/json", "JSON"),
        (b"", "application/json", "empty"),
        (b'{"age": 38}\x00', "application/json", "NUL byte"),
        (b'{"age": 38, "name": "\xff"}', "application/json", "not UTF-8"),
        (b"x" * (1024 * 1024 + 10), "application/yaml", "1 MiB"),
        (b"[" * 5000, "application/json", ""),
        (b"!!python/object/apply:os.system [ls]", "application/yaml", ""),
        (b"a: &x [1]\nb: *x\n", "application/yaml", "aliases"),
        (b'{"age": 38, "age": 39}', "application/json", "age"),
        (b'{"age": 1e999}', "application/json", ""),
    ],
    ids=[
        "not-json",
        "empty",
        "nul",
        "not-utf8",
        "too-big",
        "deep",
        "yaml-tag",
        "alias",
        "duplicate",
        "infinity",
    ],
)
def test_hostile_or_broken_bodies_are_422_never_500(client, body, content_type, words):
    response = post(client, body, content_type)
    assert response.status_code == 422, response.text
    data = response.json()
    assert data["type"] == "ProfileError" and data["exit_code"] == 2
    assert words in data["message"]


def test_a_body_in_another_format_is_415(client):
    response = post(client, "<age>38</age>", "application/xml")
    assert response.status_code == 415
    assert response.json()["problems"][0]["path"] == "Content-Type"


def test_an_unknown_output_format_is_422_naming_the_closest(client):
    response = client.post("/programs", json=PROFILE, params={"format": "markdwon"})
    assert response.status_code == 422
    assert response.json()["problems"][0]["suggestion"] == "markdown"


def test_a_red_flag_is_409_with_the_referral(client):
    response = client.post("/programs", json={**PROFILE, "red_flags": ["cannot_bear_weight"]})
    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "ReferralRequired" and body["exit_code"] == 3
    assert [r["flag"] for r in body["referrals"]] == ["cannot_bear_weight"]
    assert body["program"]["status"] == "referral"
    assert body["program"]["weeks"] == []


def test_infeasible_is_422_with_the_conflicts():
    from tiny_plugin import ExcludeEverything

    pm = gluteus.make_plugin_manager(entrypoints=False, plugins=[ExcludeEverything()])
    with TestClient(SERVICE.create_app(pm)) as client:
        response = client.post("/programs", json=PROFILE)
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "Infeasible" and body["conflicts"]


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


@settings(max_examples=30, deadline=None)
@given(
    body=st.one_of(
        st.binary(max_size=64),
        st.text(max_size=64).map(str.encode),
        st.dictionaries(st.sampled_from(["age", "signs", "pain", "schedule", "x"]), st.integers())
        .map(json.dumps)
        .map(str.encode),
    ),
    content_type=st.sampled_from(["application/json", "application/yaml", "application/toml"]),
)
def test_no_body_gives_a_500(client, body, content_type):
    response = post(client, body, content_type)
    assert response.status_code in (200, 409, 422), response.text
    if response.status_code != 200:
        assert response.json()["type"] in ("ProfileError", "ReferralRequired", "Infeasible")


def test_only_post_is_allowed(client):
    assert client.get("/programs").status_code == 405


# --- For form builders and the OpenAPI page --------------------------------------------------


def test_the_catalogue_lists_what_a_profile_may_name(client):
    data = client.get("/catalogue").json()
    assert {"id": "knees_cave_in", "issue": "knees"}.items() <= next(
        s for s in data["signs"] if s["id"] == "knees_cave_in"
    ).items()
    assert "cannot_bear_weight" in {f["id"] for f in data["red_flags"]}
    pregnancy = next(p for p in data["precautions"] if p["id"] == "pregnancy")
    assert pregnancy["needs"] == ["pregnancy_week", "pregnancy_trimester"]
    assert {"mat", "mini_band"} <= {e["id"] for e in data["equipment"]}
    assert "knee" in {r["id"] for r in data["pain_regions"]}
    assert "single_leg_stance_s" in {t["id"] for t in data["tests"]}
    assert {"format": "pdf"}.items() <= next(
        f for f in data["formats"] if f["format"] == "pdf"
    ).items()


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_openapi_page_shows_the_shipped_profile_and_program_schemas(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    shipped = {k: v for k, v in profile_schema().items() if k not in ("$schema", "$id")}
    assert schemas["Profile"] == shipped
    body = spec["paths"]["/programs"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "application/yaml", "application/toml"}
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/Profile"}
    gluteus.Profile.from_dict(body["application/json"]["example"])
    program = spec["paths"]["/programs"]["post"]["responses"]["200"]["content"]
    assert program["application/json"]["schema"] == {"$ref": "#/components/schemas/Program"}
    for ref in _refs(spec):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in schemas, ref
    assert client.get("/docs").status_code == 200


def test_the_readme_tells_every_status_the_service_returns():
    readme = (ROOT / "examples" / "service" / "README.md").read_text(encoding="utf-8")
    for status in ("200", "409", "415", "422", "500"):
        assert f"| {status} |" in readme, status
