"""The program invariants, proven by hypothesis over generated profiles.

Every generated profile goes through the real engine (built-in plugins, planner)
and the result must pass :func:`verify` (which checks every invariant: weeks,
sessions and days as asked; dates on their days; minutes; equipment; avoided and
excluded exercises; activation first; weekly work; deloads; pregnancy; no
identical loaded exercise on consecutive days) and validate against the JSON
Schema. Same profile and seed give byte-identical JSON, also when the profile is
read from YAML, TOML or JSON. Example counts come from the conftest profiles.
"""

from __future__ import annotations

import collections
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from bundled import bundled_params
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy

from gluteus.engine import api
from gluteus.engine.errors import Infeasible, ReferralRequired
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.profile import Profile
from gluteus.engine.verify import verify
from gluteus.plugins.formats.renderers import render_json
from gluteus.schemas import program_validator

# Until the planner and the shared profile strategy land, this module skips (loudly,
# with the reason) instead of failing to collect.
pytest.importorskip("gluteus.engine.planner")
strategies = pytest.importorskip("strategies")
profiles_data = strategies.profiles_data
to_toml = strategies.to_toml
if not isinstance(profiles_data, SearchStrategy):  # a strategy factory rather than a strategy
    profiles_data = profiles_data()

PM = make_plugin_manager(entrypoints=False)
CTX = api.context(PM)

INFEASIBLE_SHARE = 0.15
"""At most this share of generated profiles may be infeasible: the generator draws
mostly ordinary people, and an engine that gives up on many of them is broken."""


def schema_errors(data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in program_validator().iter_errors(data)
    ]


def outcome_of(data: dict[str, Any]) -> str:
    """Generate from ``data`` and check everything; return what happened."""
    profile = Profile.from_dict(data)
    try:
        program = api.generate(profile, plugins=PM)
    except ReferralRequired as exc:
        assert exc.result is not None
        doc = exc.result.to_dict()
        assert schema_errors(doc) == []
        assert [str(v) for v in verify(doc, CTX)] == []
        return "referral"
    except Infeasible as exc:
        # An honest refusal: it says what conflicts and what to change.
        assert exc.conflicts
        assert all(c.strip() for c in exc.conflicts)
        return "infeasible"
    doc = json.loads(render_json(program, {}))  # through real JSON, as `check` reads it
    assert schema_errors(doc) == []
    assert [str(v) for v in verify(doc, CTX)] == []
    schedule = profile.schedule
    assert len(doc["weeks"]) == schedule.weeks
    assert all(len(w["sessions"]) == schedule.sessions_per_week for w in doc["weeks"])
    assert_issue_invariants(doc)
    assert_person_invariants(doc, profile)
    assert_prescription_invariants(doc)
    return "ok"


def _named(issue: str, warnings: list[str]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(issue)}(?![\w-])", w) for w in warnings)


def assert_issue_invariants(doc: dict[str, Any]) -> None:
    """The built-in issues' demands, checked here on the catalogue's facts independently
    of how the content encodes them as rules (verify checks the rules themselves)."""
    found = {f["issue"] for f in doc["findings"] if f["severity"] >= 1 or f["focus"]}
    catalogue = CTX.registry.exercises
    if "inhibition" in found:
        for week in doc["weeks"]:
            for session in week["sessions"]:
                first = catalogue[session["exercises"][0]["id"]]
                assert first.role == "activation", (week["number"], session["day"])
    for week in doc["weeks"]:
        if week["deload"]:
            continue
        exercises = [catalogue[e["id"]] for s in week["sessions"] for e in s["exercises"]]
        if "knees" in found and not _named("knees", doc["warnings"]):
            planes = {p for ex in exercises if "knees" in ex.issues for p in ex.planes}
            assert {"frontal", "transverse"} <= planes, week["number"]
        if "tightness" in found and not _named("tightness", doc["warnings"]):
            roles = {ex.role for ex in exercises if "tightness" in ex.issues}
            assert roles & {"isometric", "eccentric", "strength"}, week["number"]


def _state(doc: dict[str, Any], state: str, week: int) -> str | None:
    for entry in doc["person"]:
        if entry["state"] == state and week in entry["weeks"]:
            return str(entry["value"])
    return None


EVERYONE_STOP_SIGNS = ("chest pain", "breathless", "dizz", "palpitation", "numbness")


def assert_person_invariants(doc: dict[str, Any], profile: Profile) -> None:
    """The person's safety, on the catalogue's facts (tags of exercises and cues,
    equipment) and the program's effort fields, independently of the rule data."""
    catalogue = CTX.registry.exercises
    signs = " ".join(doc["safety"]["stop_signs"]).lower()
    assert all(word in signs for word in EVERYONE_STOP_SIGNS), signs
    pain = {region: profile.pain.get(region) or 0 for region in CTX.registry.pain_regions}
    sign_ids = set(profile.signs)
    for week in doc["weeks"]:
        n = week["number"]
        band = _state(doc, "age_band", n)
        pregnancy = _state(doc, "pregnancy", n)
        banned: set[str] = set()
        max_rpe = 10
        min_rm = 1
        no_rm = False
        if band in ("65_plus", "80_plus"):
            banned |= {"impact"}
        if _state(doc, "falls_risk", n) == "high":
            banned |= {"unsupported_balance", "balance_challenge", "impact", "single_leg_squat"}
        if _state(doc, "floor", n) == "no":
            banned |= {"floor"}
        if pregnancy in ("trimester_2", "trimester_3"):
            banned |= {"supine", "prone", "impact", "single_leg_squat", "breath_hold", "ballistic"}
            max_rpe, no_rm = 6, True
        if pregnancy == "trimester_3":
            banned |= {"unsupported_balance", "balance_challenge", "high_abdominal_pressure"}
        if "pelvic_girdle_pain" in sign_ids:
            banned |= {"asymmetric_loading", "wide_stance"}
        if "hip_replacement_posterior" in profile.precautions and not (
            profile.hip_precautions_lifted
        ):
            banned |= {"hip_flexion_past_90", "adduction_past_midline", "hip_internal_rotation"}
        if _state(doc, "bone", n) == "osteoporosis":
            banned |= {"loaded_spinal_flexion", "loaded_twist", "flexion_rotation", "impact"}
        if _state(doc, "bone", n) == "osteopenia":
            # Low bone density keeps the spinal limits, not the ban on impact.
            banned |= {"loaded_spinal_flexion", "loaded_twist", "flexion_rotation"}
        if _state(doc, "blood_pressure", n) == "high":
            banned |= {"breath_hold", "ballistic"}
            max_rpe = min(max_rpe, 7)
            min_rm = max(min_rm, 8)
        if _state(doc, "hip_replacement", n) in ("early", "middle") or _state(
            doc, "knee_replacement", n
        ) in ("early", "middle"):
            banned |= {"stance_pivot", "single_leg_squat", "impact"}
        if band == "under_18":
            min_rm = max(min_rm, 8)
        if max(pain.values(), default=0) >= 4:
            min_rm = max(min_rm, 8)
        if max_rpe <= 7:
            min_rm = max(min_rm, 8)
        if pain.get("hip", 0) >= 4:
            banned |= {"lateral_hip_compression", "sustained_hip_adduction", "adduction_under_load"}
        banned |= {"static_stretch"}
        for session in week["sessions"]:
            for rx in session["exercises"]:
                ex = catalogue[rx["id"]]
                tags = set(ex.tags) | {
                    t for cue in rx["cues"] for c in ex.cues if c == cue for t in c.tags
                }
                assert not tags & banned, (n, rx["id"], sorted(tags & banned))
                if max(pain.values(), default=0) >= 4:
                    assert "barbell" not in ex.equipment, (n, rx["id"])
                effort = rx.get("effort") or {}
                if effort.get("rpe"):
                    assert effort["rpe"][1] <= max_rpe, (n, rx["id"], effort)
                if effort.get("rm"):
                    assert not no_rm, (n, rx["id"], effort)
                    assert effort["rm"][0] >= min_rm, (n, rx["id"], effort)
    if _state(doc, "age_band", 1) == "under_18":
        # Impact: at most 6 sets a week, never on two days in a row.
        for week in doc["weeks"]:
            impact = [
                (s["date"] or s["day"], rx["sets"])
                for s in week["sessions"]
                for rx in s["exercises"]
                if "impact" in catalogue[rx["id"]].tags
            ]
            assert sum(sets for _, sets in impact) <= 6, (week["number"], impact)


def assert_prescription_invariants(doc: dict[str, Any]) -> None:
    """Doses fit the exercise, one variant of a movement per session, holds at most 40%
    of a session, a small activation block, extra sets only for a named weaker side on
    one-side-at-a-time work."""
    catalogue = CTX.registry.exercises
    weaker = {f["issue"]: f["weaker_side"] for f in doc["findings"] if f["weaker_side"]}
    sides = set(weaker.values())
    for week in doc["weeks"]:
        for session in week["sessions"]:
            rows = session["exercises"]
            families = [catalogue[rx["id"]].family for rx in rows]
            assert len(families) == len(set(families)), (week["number"], families)
            total = sum(rx["minutes"] for rx in rows)
            holds = sum(rx["minutes"] for rx in rows if rx["role"] == "isometric")
            assert holds <= 0.4 * total + 0.05, (week["number"], holds, total)
            drills = [rx for rx in rows if rx["role"] == "activation" and not rx["loaded"]]
            assert len(drills) <= 3, (week["number"], [d["id"] for d in drills])
            assert sum(d["minutes"] for d in drills) <= 8.05, (week["number"], drills)
            for rx in rows:
                ex = catalogue[rx["id"]]
                assert rx["load_type"] == ex.load_type
                # "About 70% of a maximal effort" is an effort; percent load is not.
                if ex.load_type != "external":
                    assert not (rx.get("effort") or {}).get("rm"), rx["id"]
                    assert "% load" not in rx["load"], (rx["id"], rx["load"])
                if week["deload"]:
                    assert "% load" not in rx["load"], (rx["id"], rx["load"])
                extra = rx.get("extra")
                if extra:
                    assert len(sides) == 1 and extra["side"] in sides, (rx["id"], weaker)
                    assert ex.unilateral and not ex.alternating, rx["id"]
                    assert set(ex.issues) & set(weaker), (rx["id"], weaker)
                assert rx["side"] in ("both", "each"), rx["id"]
                # Doses as a person is told them: no "3 x 21 s" or "2 x 9".
                reps, hold = rx["reps"], rx["hold_s"]
                assert reps is None or reps <= 6 or reps % 2 == 0 or reps % 5 == 0, rx
                assert hold is None or hold < 10 or hold % 5 == 0, rx
    assert_reps_keep_up_with_effort(doc)


def _top_rpe(rx: dict[str, Any]) -> int | None:
    rpe = (rx.get("effort") or {}).get("rpe")
    return rpe[1] if rpe else None


def assert_reps_keep_up_with_effort(doc: dict[str, Any]) -> None:
    """The same exercise at a load that cannot rise (bodyweight, band) never has fewer
    reps than in the loading week before at the same or a higher effort; only a
    deload, with its easier effort, may have fewer."""
    weeks = doc["weeks"]
    for i, week in enumerate(weeks):
        if week["deload"] or i == 0:
            continue
        before = weeks[i - 1] if not weeks[i - 1]["deload"] or i < 2 else weeks[i - 2]
        if before["deload"]:
            continue
        last = {rx["id"]: rx for s in before["sessions"] for rx in s["exercises"]}
        for session in week["sessions"]:
            for rx in session["exercises"]:
                was = last.get(rx["id"])
                if was is None or rx["load_type"] == "external" or rx["reps"] is None:
                    continue
                now_rpe, was_rpe = _top_rpe(rx), _top_rpe(was)
                if now_rpe is None or was_rpe is None or now_rpe < was_rpe:
                    continue
                assert rx["reps"] >= was["reps"], (
                    rx["id"],
                    f"week {before['number']}: {was['reps']} reps at RPE {was_rpe}",
                    f"week {week['number']}: {rx['reps']} reps at RPE {now_rpe}",
                )


INVARIANT_EXAMPLES = 300
"""Profiles per run of the main property test, whatever the hypothesis profile (at least
a few hundred per CI run); a profile asking for more (``thorough``) wins."""


@pytest.mark.slow
def test_generated_programs_pass_every_check():
    outcomes: collections.Counter[str] = collections.Counter()

    @settings(max_examples=max(INVARIANT_EXAMPLES, settings().max_examples))
    @given(profiles_data)
    def check(data: dict[str, Any]) -> None:
        outcomes[outcome_of(data)] += 1

    check()
    total = sum(outcomes.values())
    assert outcomes["ok"] > 0, outcomes
    assert outcomes["infeasible"] <= max(2, INFEASIBLE_SHARE * total), outcomes


# --- Determinism ---------------------------------------------------------------------------


def _program_json(profile: Profile) -> str | None:
    try:
        return render_json(api.generate(profile, plugins=PM), {})
    except ReferralRequired as exc:
        return render_json(exc.result, {})
    except Infeasible:
        return None


@pytest.mark.slow
@settings(
    max_examples=max(5, settings().max_examples // 6),
    suppress_health_check=[HealthCheck.too_slow],
    deadline=None,
)
@given(profiles_data)
def test_same_profile_and_seed_give_identical_bytes_from_yaml_toml_and_json(data):
    profile = Profile.from_dict(data)
    expected = _program_json(profile)
    assert _program_json(Profile.from_dict(data)) == expected
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {
            "profile.json": json.dumps(data),
            "profile.yaml": yaml.safe_dump(data, sort_keys=False),
            "profile.toml": to_toml(data),
        }
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
            loaded = api.load_profile(folder / name, plugins=PM)
            assert loaded == profile, name
            assert _program_json(loaded) == expected, name


# --- Every bundled profile, and a few generated ones in the default run ---------------------

PROFILES = Path(__file__).resolve().parent.parent / "profiles"
BUNDLED = sorted(
    p
    for p in PROFILES.iterdir()
    if p.suffix in (".yaml", ".toml", ".json") and "red_flag" not in p.name
)


@pytest.mark.parametrize("path", bundled_params(BUNDLED))
def test_every_bundled_profile_keeps_every_invariant(path):
    data = api.load_profile(path, plugins=PM).to_dict()
    assert outcome_of(data) == "ok"


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles_data)
def test_a_few_generated_profiles_keep_every_invariant(data):
    """The quick form of the property test above (which runs hundreds under -m slow)."""
    outcome_of(data)


def test_regression_a_lift_with_a_weight_is_not_held_to_a_chair_stand_count():
    """Found by the property sweep: a 13-year-old with a chair stand of 0 had a sit to
    stand holding a dumbbell at 8 reps (11RM) in week 7 and 10 reps (13RM) in week 8:
    the tested rep limit, growing by the week, raised a weight's reps at the same
    reserve, a lighter weight outside a deload. The test counts rises with no weight."""
    data = {
        "age": 13,
        "experience": "novice",
        "schedule": {"weeks": 19, "sessions_per_week": 3, "minutes_per_session": 48},
        "equipment": ["barbell", "dumbbell", "kettlebell", "mat", "slider", "stability_ball"],
        "signs": [
            "ankle_sprains_or_hip_tightness",
            "fatigue_in_wrong_places",
            "pelvic_girdle_pain",
            "poor_balance",
        ],
        "seed": 0,
        "tests": {
            "bridge_hold_s": 0,
            "chair_stand_30s": 0,
            "side_plank_s": {"left": 0, "right": 0},
            "single_leg_squat_knee_valgus": {"left": False, "right": False},
            "single_leg_stance_s": {"left": 0, "right": 0},
        },
    }
    data["schedule"]["days"] = ["mon", "sat", "fri"]
    assert outcome_of(data) == "ok"


def test_regression_a_limit_on_other_work_may_hold_work_out():
    """Found by the property sweep once it drew sport days: sport on four days running
    left two of three sessions the day before one, and the solver's conflict for the
    falls programme's heel and toe raises needed the day-before limit, which limits
    other work (the heavy lifts it moves to the one clear day), not the raises. The
    checker had accepted a limit only on the work left out, and refused the program."""
    data = {
        "age": 23,
        "experience": "intermediate",
        "schedule": {
            "weeks": 19,
            "sessions_per_week": 3,
            "minutes_per_session": 112,
            "sport_days": ["mon", "tue", "wed", "thu"],
        },
        "equipment": [],
        "signs": ["ankle_sprains_or_hip_tightness", "back_arches_under_load"],
        "pain": {},
        "seed": 501,
        "start": "2034-11-22",
        "tests": {
            "bridge_hold_s": 0,
            "chair_stand_30s": 0,
            "side_plank_s": {"left": 0, "right": 0},
            "single_leg_squat_knee_valgus": {"left": False, "right": True},
            "single_leg_stance_s": {"left": 0, "right": 0},
            "tandem_stance_s": 0,
            "timed_up_and_go_s": 0,
            "trendelenburg": {"left": True, "right": False},
        },
        "can_get_up_from_floor": True,
        "preferences": {"avoid": ["isometric_bridge_hold"]},
    }
    assert outcome_of(data) == "ok"
