"""The library as an embedding app meets it, without the command line: seeds are
checked before planning, every public exception survives a trip through pickle
(and a process pool), and a misspelt name is a type error."""

from __future__ import annotations

import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pytest

import gluteus
from gluteus.engine import planner
from gluteus.engine.errors import OutputError
from gluteus.engine.model import Referral

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"


# --- Seeds -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [-1, 2**31, True, False, 1.5, 7.0, "7", b"7"])
def test_a_bad_seed_is_a_profile_error_before_planning(monkeypatch, pm, seed):
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("planned with a bad seed")

    monkeypatch.setattr(planner, "plan", never)
    profile = gluteus.load_profile(PROFILES / "dana.yaml", plugins=pm)
    with pytest.raises(gluteus.ProfileError) as info:
        gluteus.generate(profile, seed=seed, plugins=pm)
    assert isinstance(info.value, ValueError)
    assert info.value.exit_code == 2
    assert info.value.path == "seed"
    assert str(info.value).startswith("seed: expected a whole number from 0 to 2147483647, found")


def test_the_largest_seed_plans(pm):
    profile = gluteus.load_profile(PROFILES / "dana.yaml", plugins=pm)
    assert gluteus.generate(profile, seed=2**31 - 1, plugins=pm).seed == 2**31 - 1


# --- Exceptions pickle and compare equal ----------------------------------------------

REFERRALS = (
    Referral(flag="saddle_numbness", message="Go now.", urgency="emergency", see="A&E"),
    Referral(flag="weight_loss", message="Book a visit.", urgency="urgent", see="your GP"),
)

ERRORS: list[Any] = [
    lambda: gluteus.GluteusError("generated program failed verification"),
    lambda: gluteus.ProfileError(
        "must be one of novice, intermediate, advanced",
        file="me.yaml",
        path="experience",
        line=4,
        expected="one of novice, intermediate, advanced",
        found="'guru'",
        suggestion="novice",
    ),
    lambda: gluteus.ProfileError("no such file", file="nobody.yaml"),
    lambda: gluteus.ReferralRequired(REFERRALS),
    lambda: gluteus.Infeasible(["sessions are too short"], ["allow more minutes per session"]),
    lambda: gluteus.PluginError("hostile", "hook screen raised RuntimeError: boom"),
    lambda: OutputError("it is a folder; give a file name", file="out"),
    lambda: OutputError("standard output is closed"),
]


ERROR_IDS = [
    "GluteusError",
    "ProfileError",
    "ProfileError-file",
    "ReferralRequired",
    "Infeasible",
    "PluginError",
    "OutputError",
    "OutputError-stdout",
]


@pytest.mark.parametrize("make", ERRORS, ids=ERROR_IDS)
def test_every_public_exception_pickles_and_unpickles_equal(make):
    error = make()
    error.add_note("while planning Dana")
    again = pickle.loads(pickle.dumps(error))
    assert again == error
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert again.args == error.args
    assert again.exit_code == error.exit_code
    assert vars(again) == vars(error)
    assert hash(again) == hash(error)


def test_errors_compare_by_value_not_identity():
    assert gluteus.PluginError("a", "b") == gluteus.PluginError("a", "b")
    assert gluteus.PluginError("a", "b") != gluteus.PluginError("a", "c")
    assert gluteus.ProfileError("x", path="age") != gluteus.ProfileError("x", path="seed")
    assert gluteus.GluteusError("x") != gluteus.PluginError("x", "x")


def test_a_real_referral_pickles_with_its_document(pm):
    profile = gluteus.load_profile(PROFILES / "red_flag.yaml", plugins=pm)
    with pytest.raises(gluteus.ReferralRequired) as info:
        gluteus.generate(profile, plugins=pm)
    again = pickle.loads(pickle.dumps(info.value))
    assert again == info.value
    assert again.result.to_dict() == info.value.result.to_dict()


def _generate(name: str) -> dict[str, Any]:
    """Runs in a worker process: a program, or the exception, as an embedding app would."""
    manager = gluteus.make_plugin_manager(entrypoints=False)
    profile = gluteus.load_profile(PROFILES / name, plugins=manager)
    return gluteus.generate(profile, seed=3, plugins=manager).to_dict()


def test_a_red_flag_in_a_process_pool_does_not_break_the_pool(pm):
    profile = gluteus.load_profile(PROFILES / "red_flag.yaml", plugins=pm)
    with pytest.raises(gluteus.ReferralRequired) as here:
        gluteus.generate(profile, seed=3, plugins=pm)
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        with pytest.raises(gluteus.ReferralRequired) as there:
            pool.submit(_generate, "red_flag.yaml").result(timeout=120)
        assert there.value == here.value
        assert [r.flag for r in there.value.referrals] == [
            "bladder_or_bowel_change",
            "unexplained_weight_loss",
            "severe_pain",  # his 6/10 back pain
        ]
        # The same pool goes on to plan the next person.
        assert pool.submit(_generate, "dana.yaml").result(timeout=120)["status"] == "ok"


# --- Types --------------------------------------------------------------------------------


@pytest.mark.slow  # a mypy run of its own
def test_a_misspelt_name_fails_mypy_strict(tmp_path):
    """A module-level __getattr__ visible to type checkers makes every attribute of
    `gluteus` exist; hidden from them, a typo is an error again."""
    pytest.importorskip("mypy")
    usage = tmp_path / "misspelt.py"
    usage.write_text(
        "import gluteus\n"
        "\n"
        "profile = gluteus.load_profile('dana.yaml')\n"
        "gluteus.genrate(profile, sed=7)\n"
        "program: gluteus.Program = gluteus.generate(profile, seed=7)\n"
        "problems: list[gluteus.Violation] = gluteus.check(program)\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--no-incremental",
            "gluteus/__init__.py",
            str(usage),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert done.returncode == 1, done.stdout + done.stderr
    assert len(errors) == 1, done.stdout
    assert 'misspelt.py:4: error: Module has no attribute "genrate"' in errors[0]
