"""Red flags and precautions of the safety plugin, and the gate that turns flags into referrals."""

from __future__ import annotations

import pytest

from gluteus.engine import api
from gluteus.engine.errors import ReferralRequired
from gluteus.engine.model import URGENCIES
from gluteus.engine.profile import Profile
from gluteus.engine.registry import build_registry
from gluteus.engine.screening import gate, referrals_for
from gluteus.plugins.safety import flags

BUILTIN_RED_FLAGS = {
    "saddle_numbness",
    "bladder_or_bowel_change",
    "progressive_leg_weakness",
    "unexplained_weight_loss",
    "history_of_cancer",
    "fever_or_unwell",
    "night_pain_unrelieved_by_rest",
    "recent_significant_trauma",
    "knee_locking_or_giving_way",
    "cannot_bear_weight",
    "hot_swollen_joint",
    "uncontrolled_blood_pressure",
    "severe_pain",
}
CAUDA_EQUINA = ("saddle_numbness", "bladder_or_bowel_change", "progressive_leg_weakness")
BUILTIN_PRECAUTIONS = {
    "pregnancy",
    "osteoporosis",
    "osteopenia",
    "hip_replacement_posterior",
    "hip_replacement_lateral",
    "hip_replacement_anterior",
    "knee_replacement",
    "postnatal",
    "hypertension",
}
RANK = {"emergency": 0, "urgent": 1, "soon": 2}


@pytest.fixture
def registry(pm):
    return build_registry(pm)


def test_all_spec_red_flags_are_declared_once(registry):
    assert {f.id for f in flags.RED_FLAGS} == BUILTIN_RED_FLAGS
    assert len(flags.RED_FLAGS) == len(BUILTIN_RED_FLAGS)
    assert set(registry.red_flags) == BUILTIN_RED_FLAGS


@pytest.mark.parametrize("flag", flags.RED_FLAGS, ids=lambda f: f.id)
def test_each_red_flag_has_question_whom_urgency_message_and_a_source(registry, flag):
    assert flag.question.endswith("?")
    assert "_" not in flag.question
    assert flag.urgency in URGENCIES
    assert flag.see and flag.message
    assert flag.source in registry.sources
    assert registry.plugin_of("red_flag", flag.id) == "safety"


@pytest.mark.parametrize("flag_id", CAUDA_EQUINA)
def test_cauda_equina_flags_mean_emergency_care_now(registry, flag_id):
    flag = registry.red_flags[flag_id]
    assert flag.urgency == "emergency"
    assert "A&E" in flag.see or "mergency" in flag.see
    assert "now" in flag.message
    assert flag.source == "nhs_nice_lbp_red_flags"


def test_only_cauda_equina_flags_are_emergencies(registry):
    emergencies = {f.id for f in registry.red_flags.values() if f.urgency == "emergency"}
    assert emergencies == set(CAUDA_EQUINA)


def test_red_flag_sources_are_the_cited_ones(registry):
    keys = {f.source for f in flags.RED_FLAGS}
    assert keys <= {
        "nhs_nice_lbp_red_flags",
        "ottawa_knee_rules",
        "nhs_hip_pathway",
        "pescatello2015",
        "nice_ng136",
        "severe_pain_convention",
    }
    assert registry.sources["finucane2020"].level == "weak"
    assert {s.key for s in flags.SOURCES} == {
        "nhs_nice_lbp_red_flags",
        "ottawa_knee_rules",
        "nhs_hip_pathway",
        "finucane2020",
        "nice_ng136",
        "severe_pain_convention",
    }


def test_all_spec_precautions_are_declared_with_questions_and_sources(registry):
    assert {p.id for p in flags.PRECAUTIONS} == BUILTIN_PRECAUTIONS
    assert set(registry.precautions) == BUILTIN_PRECAUTIONS
    for pre in flags.PRECAUTIONS:
        assert pre.question.endswith("?"), pre.id
        assert pre.source in registry.sources, pre.id
        assert pre.needs_trimester is (pre.id == "pregnancy")


# What a precaution needs to be acted on fully: the stage of a pregnancy or a surgery.
PRECAUTION_PROFILE = {
    "pregnancy": {"pregnancy_week": 20},
    "hip_replacement_posterior": {"weeks_since_surgery": 8},
    "hip_replacement_lateral": {"weeks_since_surgery": 8},
    "hip_replacement_anterior": {"weeks_since_surgery": 8},
    "knee_replacement": {"weeks_since_surgery": 8},
    "postnatal": {"weeks_since_birth": 6},
}


def _rules_for(registry, pm, **fields):
    from gluteus.engine.person import assess
    from gluteus.engine.safety import program_safety

    profile = Profile(age=50, **fields)
    person = assess(profile, pm, registry)
    return {r.id: r for r in program_safety(profile, (), registry, person).everywhere.rules}


@pytest.mark.parametrize("precaution", sorted(BUILTIN_PRECAUTIONS))
def test_every_precaution_is_acted_on_by_a_safety_rule_citing_its_source(registry, pm, precaution):
    """Listing the precaution brings in rules that do not apply without it (directly or
    through the person state it sets), and one of them cites the precaution's source."""
    without = _rules_for(registry, pm)
    extra = PRECAUTION_PROFILE.get(precaution, {})
    with_it = _rules_for(registry, pm, precautions=(precaution,), **extra)
    added = {k: r for k, r in with_it.items() if k not in without}
    assert added, precaution
    source = registry.precautions[precaution].source
    assert source in {r.source for r in added.values()}, (precaution, sorted(added))


# --- the gate ---------------------------------------------------------------------------


@pytest.mark.parametrize("flag_id", sorted(BUILTIN_RED_FLAGS))
def test_any_single_red_flag_stops_generation(registry, flag_id):
    profile = Profile(age=40, red_flags=(flag_id,))
    with pytest.raises(ReferralRequired) as info:
        gate(profile, registry)
    (referral,) = info.value.referrals
    flag = registry.red_flags[flag_id]
    assert (referral.flag, referral.urgency, referral.see, referral.message) == (
        flag_id,
        flag.urgency,
        flag.see,
        flag.message,
    )


def test_no_red_flag_no_referral(registry):
    gate(Profile(age=40), registry)  # does not raise
    assert referrals_for(Profile(age=40), registry) == ()


def test_the_gate_gives_one_referral_per_flag_most_urgent_first(registry):
    chosen = ("knee_locking_or_giving_way", "fever_or_unwell", "saddle_numbness")
    chosen += ("history_of_cancer", "bladder_or_bowel_change")
    referrals = referrals_for(Profile(age=60, red_flags=chosen), registry)
    assert sorted(r.flag for r in referrals) == sorted(chosen)
    ranks = [RANK[r.urgency] for r in referrals]
    assert ranks == sorted(ranks)
    assert referrals[0].urgency == "emergency"
    assert [r.flag for r in referrals[:2]] == ["bladder_or_bowel_change", "saddle_numbness"]


def test_all_flags_at_once_give_a_referral_each_in_order(registry):
    profile = Profile(age=60, red_flags=tuple(sorted(BUILTIN_RED_FLAGS)))
    referrals = referrals_for(profile, registry)
    assert len(referrals) == len(BUILTIN_RED_FLAGS) == 13
    assert [RANK[r.urgency] for r in referrals] == sorted(RANK[r.urgency] for r in referrals)


def test_screening_with_a_red_flag_returns_referrals_and_no_findings(pm):
    profile = Profile.from_dict(
        {"age": 50, "signs": ["knees_cave_in"], "red_flags": ["cannot_bear_weight"]}
    )
    result = api.screen_profile(profile, plugins=pm)
    assert [r.flag for r in result.referrals] == ["cannot_bear_weight"]
    assert result.findings == ()
    assert result.restrictions is None
