"""`gluteus init` through click's CliRunner, answering on standard input.

The answers are scripted from the same registry the command asks from, so a test
says what a person answers (``signs={"knees_cave_in"}``) rather than which line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

import gluteus
from gluteus.cli import cli
from gluteus.cli import init as init_module
from gluteus.engine import pluginmanager
from gluteus.engine.model import Sign
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.registry import Registry, build_registry


def _builtins(**kwargs: Any) -> Any:
    return make_plugin_manager(entrypoints=False)


@pytest.fixture(autouse=True)
def builtin_plugins(monkeypatch):
    """The command asks the built-in plugins' questions, whatever else is installed."""
    monkeypatch.setattr(pluginmanager, "make_plugin_manager", _builtins)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry(make_plugin_manager(entrypoints=False))


Answer = str | Sequence[str]
"""One answer, or several lines (bad answers first, then the good one)."""


def _lines(answer: Answer) -> list[str]:
    return [answer] if isinstance(answer, str) else list(answer)


def sign_order(registry: Registry) -> list[Sign]:
    issues = sorted(registry.issues.values(), key=lambda issue: (issue.order, issue.id))
    owned = [s for issue in issues for s in registry.signs.values() if s.issue == issue.id]
    return owned + [s for s in registry.signs.values() if s.issue is None]


def script(
    registry: Registry,
    *,
    red_flags: Iterable[str] = (),
    go_on: Answer | None = None,
    name: Answer = "Dana",
    age: Answer = "38",
    experience: Answer = "",
    weeks: Answer = "",
    sessions: Answer = "",
    minutes: Answer = "",
    days: Answer = "",
    sport_days: Answer = "",
    start: Answer = "",
    equipment: Answer = "",
    signs: Iterable[str] = (),
    pain: Sequence[Answer] = ("", "", "", "", ""),
    tests: Sequence[str] | None = None,
    precautions: Iterable[str] = (),
    pregnancy: Answer | None = None,
    trimester: Answer | None = None,
    pregnancy_week: Answer = "",
    surgery_weeks: Answer = "8",
    precautions_lifted: Answer = "",
    operated_side: Answer = "",
    birth_weeks: Answer = "6",
    walking_aid: Answer = "",
    floor: Answer = "",
    blood_pressure: Answer = "",
    confirm: Answer = "",
) -> str:
    """The lines a person types, in the order `gluteus init` asks: red flags first."""
    lines: list[str] = ["y" if f in set(red_flags) else "n" for f in registry.red_flags]
    if red_flags:
        lines += _lines(go_on if go_on is not None else "y")
    full = not red_flags or go_on in (None, "y", "yes")
    lines += _lines(name) + _lines(age)
    if not full:
        return "\n".join(lines + _lines(confirm)) + "\n"
    lines += _lines(experience) + _lines(walking_aid) + _lines(floor) + _lines(blood_pressure)
    for answer in (weeks, sessions, minutes, days, sport_days, start, equipment):
        lines += _lines(answer)
    lines += ["y" if sign.id in set(signs) else "n" for sign in sign_order(registry)]
    for answer in pain:
        lines += _lines(answer)
    lines += ["n"] if tests is None else ["y", *tests]
    for pre in registry.precautions.values():
        if pre.id == "pregnancy" and pregnancy is not None:
            lines += _lines(pregnancy) + _lines(pregnancy_week)
            lines += _lines(trimester) if trimester is not None else []
        elif pre.id == "pregnancy" and trimester is not None:
            lines += ["y", *_lines(pregnancy_week), *_lines(trimester)]
        else:
            chosen = pre.id in set(precautions)
            lines.append("y" if chosen else "n")
            if chosen and "weeks_since_surgery" in (*pre.required_keys, *pre.asks):
                lines += _lines(surgery_weeks)
            if chosen and "operated_side" in pre.asks:
                lines += _lines(operated_side)
            if chosen and "hip_precautions_lifted" in pre.asks:
                lines += _lines(precautions_lifted)
            if chosen and "weeks_since_birth" in (*pre.required_keys, *pre.asks):
                lines += _lines(birth_weeks)
    lines += _lines(confirm)
    return "\n".join(lines) + "\n"


def run(*args: str, input: str, columns: int = 80) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, ["init", *args], input=input)


def flat(text: str) -> str:
    return " ".join(text.split())


FULL_TESTS = [
    "12",  # single-leg stance, left
    "30",  # right
    "20.5",  # side plank, left
    "35",  # right
    "y",  # did the single-leg squat test
    "y",  # left knee caves in
    "n",  # right
    "y",  # did the Trendelenburg test
    "n",  # left
    "y",  # right
    "40",  # bridge hold
    "",  # timed up and go: skipped
    "",  # 30-second chair stand: skipped
    "",  # tandem stance: skipped
]


def test_the_happy_path_writes_a_profile_equal_to_the_answers(tmp_path, registry):
    target = tmp_path / "dana.yaml"
    answers = script(
        registry,
        experience="intermediate",
        weeks="10",
        sessions="4",
        minutes="45",
        days="Monday tue thu sat",
        start="2026-12-07",
        equipment="a mat, mini band and dumbbells",
        signs={"barely_feel_glutes", "knees_cave_in"},
        pain=("3", "2", "0", "4", "2"),
        tests=FULL_TESTS,
        precautions={"hypertension"},
        pregnancy="2",  # "in which trimester (1, 2 or 3)?": 2 says yes and which
    )
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}." in result.stdout
    assert f"Next: gluteus screen {target}" in result.stdout
    assert "Which trimester are you in?" not in result.stdout
    profile = gluteus.load_profile(target)
    expected = gluteus.Profile.from_dict(
        {
            "name": "Dana",
            "age": 38,
            "experience": "intermediate",
            "start": "2026-12-07",
            "schedule": {
                "weeks": 10,
                "sessions_per_week": 4,
                "minutes_per_session": 45,
                "days": ["mon", "tue", "thu", "sat"],
            },
            "equipment": ["mat", "mini_band", "dumbbell"],
            "signs": [
                s.id
                for s in sign_order(registry)
                if s.id in {"barely_feel_glutes", "knees_cave_in"}
            ],
            "pain": {"low_back": 3, "knee": 2, "hip": 0, "buttock": 4, "groin": 2},
            "tests": {
                "single_leg_stance_s": {"left": 12, "right": 30},
                "side_plank_s": {"left": 20.5, "right": 35},
                "single_leg_squat_knee_valgus": {"left": True, "right": False},
                "trendelenburg": {"left": False, "right": True},
                "bridge_hold_s": 40,
            },
            "precautions": [p for p in registry.precautions if p in {"pregnancy", "hypertension"}],
            "pregnancy_trimester": 2,
        }
    )
    assert profile == expected
    text = target.read_text()
    assert text.startswith("# A gluteus profile, written by `gluteus init`.")
    assert yaml.safe_load(text)["tests"]["single_leg_stance_s"] == {"left": 12, "right": 30}


def test_pressing_enter_takes_the_defaults(tmp_path, registry):
    target = tmp_path / "p.yaml"
    result = run("-o", str(target), input=script(registry, name="", age="40"))
    assert result.exit_code == 0, result.output
    profile = gluteus.load_profile(target)
    assert profile == gluteus.Profile.from_dict({"age": 40})
    assert profile.name is None and profile.tests == gluteus.Profile.from_dict({"age": 40}).tests
    assert "[novice]" in result.stdout and "[mon wed fri]" in result.stdout


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".toml", ".json", ".TOML"])
def test_the_extension_chooses_the_format(tmp_path, registry, suffix):
    target = tmp_path / f"dana{suffix}"
    answers = script(
        registry,
        name='Dana "D" O\'Neil 😀',
        start="2026-12-07",
        signs={"poor_balance"},
        tests=FULL_TESTS,
        pregnancy="1",
    )
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    profile = gluteus.load_profile(target)
    assert profile.name == 'Dana "D" O\'Neil 😀'
    assert profile.signs == ("poor_balance",)
    assert profile.pregnancy_trimester == 1
    reference = tmp_path / "reference.yaml"
    run("-o", str(reference), input=answers)
    assert profile == gluteus.load_profile(reference)


def test_the_default_file_is_profile_yaml(tmp_path, registry, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(input=script(registry))
    assert result.exit_code == 0, result.output
    assert gluteus.load_profile(tmp_path / "profile.yaml").age == 38


def test_dash_writes_yaml_to_stdout_and_asks_on_stderr(registry):
    result = run("-o", "-", input=script(registry, signs={"knees_cave_in"}))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["signs"] == ["knees_cave_in"]
    assert gluteus.Profile.from_dict(data).age == 38
    assert "Your age, in years" in result.stderr
    assert "Your age" not in result.stdout


# --- bad answers are asked again, with the reason ------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad", "good", "reason"),
    [
        ("age", "abc", "38", "expected a whole number from 13 to 100 (years), found 'abc'"),
        ("age", "12", "38", "found 12"),
        ("age", "38.5", "38", "found 38.5"),
        ("age", "true", "38", "found 'true'"),
        (
            "experience",
            "guru",
            "advanced",
            "expected one of novice, intermediate, advanced, found 'guru'",
        ),
        ("experience", "Intermediat", "intermediate", "did you mean 'intermediate'?"),
        ("weeks", "30", "12", "expected a whole number from 2 to 24, found 30"),
        ("sessions", "0", "3", "from 1 to 7, found 0"),
        ("minutes", "5", "30", "from 10 to 120, found 5"),
        ("minutes", "nan", "30", "found NaN"),
        (
            "days",
            "mon wed",
            "mon wed fri",
            "expected 3 days, one per session (sessions_per_week), found 2 days",
        ),
        ("days", "mon mon fri", "mon wed fri", "'mon' twice"),
        ("days", "mon wed funday", "mon wed fri", "found 'funday'"),
        ("sport_days", "sat sat", "sat", "'sat' twice"),
        ("start", "2026-02-30", "2026-03-02", "2026-02-30 is not a date that exists"),
        ("start", "next week", "2026-03-02", "written YYYY-MM-DD"),
        (
            "equipment",
            "mat miniband",
            "mat mini band",
            "found 'miniband'; say one of mat, mini band",
        ),
        ("equipment", "mat kettlebel", "mat kettlebell", "(did you mean 'kettlebell'?)"),
        ("equipment", "a band", "mini band", "a mini band (a small loop around the legs) or"),
        ("equipment", "bodyweight", "", "bodyweight is always available"),
        ("equipment", "mat mat", "mat", "'mat' twice"),
        ("name", "x" * 201, "Dana", "at most 200 characters"),
    ],
)
def test_a_bad_answer_is_asked_again_with_the_reason(tmp_path, registry, field, bad, good, reason):
    target = tmp_path / "p.yaml"
    result = run("-o", str(target), input=script(registry, **{field: [bad, good]}), columns=250)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = next(
        i for i, line in enumerate(lines) if line.startswith("Error: ") and reason in flat(line)
    )
    question = lines[at - 1].rsplit(": ", 1)[0]
    assert lines[at - 1] == f"{question}: {bad}"
    assert lines[at + 1].rstrip() == f"{question}: {good}".rstrip(), "asked again"
    profile = gluteus.load_profile(target)
    if field == "age":
        assert profile.age == 38
    elif field == "days":
        assert profile.schedule.days == ("mon", "wed", "fri")
    elif field == "sport_days":
        assert profile.schedule.sport_days == ("sat",)
    elif field == "start":
        assert profile.start is not None and profile.start.isoformat() == "2026-03-02"


def test_bad_pain_seconds_and_trimester_are_asked_again(tmp_path, registry):
    target = tmp_path / "p.yaml"
    tests = [
        "61",
        "12",
        "",
        "30",
        "",
        "n",
        "n",
        "-3",
        "40",
        "y",  # timed up and go: not a number, asked again
        "9.5",
        "",
        "",
    ]  # stance left: 61 then 12; right: empty then 30
    answers = script(
        registry,
        pain=(["11", "3"], ["-1", "2"], "none", ["four", "4"], ""),
        tests=tests,
        trimester=["4", "0", "third"],
    )
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Error: expected a whole number from 0 to 10 (pain out of 10), found 11" in out
    assert "found -1" in out and "found 'four'" in out
    assert "Error: expected a number of seconds from 0 to 60, found 61" in out
    assert "Error: an answer is needed here" in out
    assert "Error: expected a number of seconds from 0 to 600, found -3" in out
    assert out.count("Error: expected a whole number from 1 to 3") == 2
    profile = gluteus.load_profile(target)
    assert (
        profile.pain
        == gluteus.Profile.from_dict(
            {"age": 30, "pain": {"low_back": 3, "knee": 2, "buttock": 4}}
        ).pain
    )
    assert profile.tests.single_leg_stance_s is not None
    assert (profile.tests.single_leg_stance_s.left, profile.tests.single_leg_stance_s.right) == (
        12,
        30,
    )
    assert profile.tests.side_plank_s is None  # skipped
    assert profile.tests.bridge_hold_s == 40
    assert profile.pregnancy_trimester == 3


# --- red flags ---------------------------------------------------------------------------


def test_red_flags_come_first_and_are_flagged_at_once(tmp_path, registry):
    flags = list(registry.red_flags.values())
    flag = flags[0]
    target = tmp_path / "p.yaml"
    result = run(
        "-o", str(target), input=script(registry, red_flags={flag.id}, go_on="n"), columns=250
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    # The very first question is a red flag's.
    first = next(line for line in out.splitlines() if line.startswith("(1/"))
    assert flag.question in first
    after = out.split(flag.question, 1)[1]
    warning, rest = after.split(flags[1].question, 1)
    assert "See a clinician first" in warning and flag.see in warning
    assert flag.message in warning
    # Stopping there: only name and age, then the summary; no sign asked.
    assert "You can stop here" in rest
    assert not any(s.question in out for s in registry.signs.values())
    assert "Red flags: " + flag.question in out
    assert "gluteus will not make a program: please see a clinician first" in rest
    assert gluteus.load_profile(target).red_flags == (flag.id,)
    screened = CliRunner().invoke(cli, ["screen", str(target)])
    assert screened.exit_code == 3


def test_after_a_red_flag_the_rest_may_still_be_answered(tmp_path, registry):
    flag = next(iter(registry.red_flags))
    target = tmp_path / "p.yaml"
    answers = script(registry, red_flags={flag}, go_on="y", signs={"knees_cave_in"})
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    profile = gluteus.load_profile(target)
    assert profile.red_flags == (flag,) and profile.signs == ("knees_cave_in",)


def test_progress_is_shown_on_every_question(tmp_path, registry):
    result = run("-o", str(tmp_path / "p.yaml"), input=script(registry), columns=250)
    assert result.exit_code == 0, result.output
    counts = re.findall(r"^\((\d+)/(\d+)\) ", result.stdout, re.M)
    numbers = [int(n) for n, _ in counts]
    total = int(counts[-1][1])
    assert numbers == list(range(1, total + 1))  # one step each, no gaps
    assert all(int(t) == total for _, t in counts)
    assert (
        total
        == len(registry.red_flags)
        + 3  # name, age, experience
        + 3  # walking aid, getting up from the floor, blood pressure
        + 6  # the schedule
        + 1  # equipment
        + len(registry.signs)
        + len(registry.pain_regions)
        + 1  # whether to do the self-tests
        + len(registry.precautions)
        + 1
    )  # ... and the confirmation


def test_back_returns_to_the_previous_question(tmp_path, registry):
    target = tmp_path / "p.yaml"
    answers = script(registry, experience=["back", "41", "beginner"])
    result = run("-o", str(target), input=answers, columns=250)
    assert result.exit_code == 0, result.output
    assert gluteus.load_profile(target).age == 41  # the age was asked again and changed
    assert result.stdout.count("Your age, in years") == 2
    # At the first question there is nowhere to go back to.
    first = "back\n" + script(registry)
    result = run("-o", str(tmp_path / "q.yaml"), input=first)
    assert result.exit_code == 0, result.output
    assert "nothing to go back to" in result.stdout


def test_the_summary_comes_before_writing_and_can_be_declined(tmp_path, registry):
    target = tmp_path / "p.yaml"
    answers = script(
        registry,
        equipment="mini band, step",
        signs={"knees_cave_in"},
        pain=("", "3", "", "", ""),
        confirm="n",
    )
    result = run("-o", str(target), input=answers, columns=250)
    assert result.exit_code == 2
    out = result.stdout
    summary = out.split("Your answers:", 1)[1]
    for part in (
        "Name: Dana; age 38; novice",
        "Schedule: 8 weeks, 3 sessions a week (mon wed fri), 30 minutes",
        "Equipment: mini band, step",
        "You notice: " + registry.signs["knees_cave_in"].question,
        "Pain: knees 3/10",
        "Red flags: none",
    ):
        assert part in summary, part
    assert out.index("Your answers:") < out.index("Write this profile to")
    assert "no profile was written" in result.stderr
    assert not target.exists()
    # 'back' at the summary returns to the last question; then Enter writes.
    again = script(registry, confirm=["back", "", ""])
    result = run("-o", str(target), input=again)
    assert result.exit_code == 0, result.output
    assert target.exists()


def test_plain_words_and_synonyms_are_understood(tmp_path, registry):
    target = tmp_path / "p.yaml"
    answers = script(
        registry,
        experience="Beginner",
        days="Monday, Wednesday and Friday",
        equipment="Mini-bands, a Swiss ball & kettle bells",
        pregnancy="yes",
        trimester="second",
    )
    result = run("-o", str(target), input=answers.replace("\nn\n", "\nno\n", 1))
    assert result.exit_code == 0, result.output
    profile = gluteus.load_profile(target)
    assert profile.experience == "novice"
    assert profile.equipment == ("mini_band", "stability_ball", "kettlebell")
    assert profile.precautions == ("pregnancy",) and profile.pregnancy_trimester == 2


def test_the_self_tests_are_explained(tmp_path, registry):
    result = run(
        "-o", str(tmp_path / "p.yaml"), input=script(registry, tests=FULL_TESTS), columns=250
    )
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    for test in registry.tests.values():
        how = f"{test.name.capitalize()}: {test.instructions}"
        assert how in out, test.id
        # Said before the test's first question.
        first = test.ask("left" if test.sided else None)
        assert out.index(how) < out.index(first)


def test_prompts_wrap_at_word_boundaries(tmp_path, registry):
    result = run("-o", str(tmp_path / "p.yaml"), input=script(registry), columns=60)
    assert result.exit_code == 0, result.output
    out = result.stdout
    questions = [f.question for f in registry.red_flags.values()]
    questions += [s.question for s in registry.signs.values()]
    for question in questions:
        assert question in flat(out), question  # every word whole
    for line in out.splitlines():
        # An echoed answer follows the prompt; the text before it fits.
        text = line.rsplit(": ", 1)[0] + ": " if re.match(r"\(\d+/\d+\)", line) else line
        assert len(text) <= 60 or "/" in text, line


def test_closed_standard_input_is_one_message_and_exit_2(tmp_path):
    """`gluteus init <&-`: no traceback, one line, exit 2, nothing written."""
    import subprocess
    import sys

    target = tmp_path / "p.yaml"
    done = subprocess.run(
        ["bash", "-c", f'"$0" -m gluteus init -o "{target}" <&-', sys.executable],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: standard input is closed: gluteus init needs answers typed or piped in"
    ]
    assert not target.exists()


def test_every_question_comes_from_the_plugins(tmp_path, registry):
    result = run(
        "-o",
        str(tmp_path / "p.yaml"),
        input=script(registry, tests=[""] * 2 + ["n", "n", "", "", "", ""], trimester="1"),
    )
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    for item in [
        *registry.signs.values(),
        *registry.precautions.values(),
        *registry.red_flags.values(),
    ]:
        assert item.question in out, item.id
    # Signs are grouped under their issue's name, in the issues' order.
    positions = [
        out.index(issue.name) for issue in sorted(registry.issues.values(), key=lambda i: i.order)
    ]
    assert positions == sorted(positions)
    for sign in registry.signs.values():
        heading = registry.issues[sign.issue].name if sign.issue else "What else you notice"
        assert out.rindex(heading, 0, out.index(sign.question)) >= 0


def test_a_third_party_plugin_adds_its_questions(tmp_path, monkeypatch):
    from gluteus.engine.hookspecs import hookimpl
    from gluteus.engine.model import Issue

    class Hamstrings:
        gluteus_name = "hams"

        @hookimpl
        def register_issues(self) -> list[Issue]:
            return [
                Issue(
                    id="hams",
                    name="Hamstrings at risk",
                    message="m",
                    fix="f",
                    evidence="weak",
                    order=9,
                )
            ]

        @hookimpl
        def register_signs(self) -> list[Sign]:
            return [Sign(id="old_strain", issue="hams", question="Have you strained a hamstring?")]

    def make(**kwargs: Any) -> Any:
        return make_plugin_manager(entrypoints=False, plugins=[Hamstrings()])

    monkeypatch.setattr(pluginmanager, "make_plugin_manager", make)
    registry = build_registry(make())
    target = tmp_path / "p.yaml"
    result = run("-o", str(target), input=script(registry, signs={"old_strain"}))
    assert result.exit_code == 0, result.output
    assert "Hamstrings at risk" in result.stdout
    assert gluteus.load_profile(target, plugins=make()).signs == ("old_strain",)


# --- refusals and exit codes ------------------------------------------------------------------


def test_an_existing_file_is_refused_before_any_question(tmp_path, registry):
    target = tmp_path / "dana.yaml"
    target.write_text("age: 50\n")
    result = run("-o", str(target), input=script(registry))
    assert result.exit_code == 2
    assert "already exists; use --force" in result.stderr
    assert "Your age" not in result.output
    assert target.read_text() == "age: 50\n"


def test_force_replaces_an_existing_file(tmp_path, registry):
    target = tmp_path / "dana.yaml"
    target.write_text("age: 50\n")
    result = run("-o", str(target), "--force", input=script(registry, age="61"))
    assert result.exit_code == 0, result.output
    assert gluteus.load_profile(target).age == 61
    assert [p.name for p in tmp_path.iterdir()] == ["dana.yaml"]  # no temporary left


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("dana.txt", "must end in .yaml, .yml, .toml or .json"),
        ("dana.jsn", "(did you mean '.json'?)"),
        ("missing/dana.yaml", "does not exist"),
        (".", "is a folder"),
    ],
)
def test_a_target_that_cannot_be_written_exits_2(tmp_path, registry, monkeypatch, output, message):
    monkeypatch.chdir(tmp_path)
    result = run("-o", output, input=script(registry))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_running_out_of_answers_exits_2_and_writes_nothing(tmp_path, registry):
    target = tmp_path / "p.yaml"
    answers = script(registry)
    result = run("-o", str(target), input=answers[: len(answers) // 2])
    assert result.exit_code == 2
    assert "Error: stopped before the last question; no profile was written" in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()


def test_a_file_that_appears_while_asking_is_not_overwritten(tmp_path, registry, monkeypatch):
    target = tmp_path / "p.yaml"
    real = init_module.ask_profile

    def slow_person(*args: Any) -> Any:
        data = real(*args)
        target.write_text("age: 77\n")  # written by someone else meanwhile
        return data

    monkeypatch.setattr(init_module, "ask_profile", slow_person)
    result = run("-o", str(target), input=script(registry))
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text() == "age: 77\n"


def test_a_bug_exits_1_and_leaves_no_file(tmp_path, registry, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("writer bug")

    monkeypatch.setattr("gluteus.engine.dump.dump_profile", broken)
    target = tmp_path / "p.yaml"
    result = run("-o", str(target), input=script(registry))
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)
    assert not target.exists()


def test_help_documents_the_exit_codes():
    result = CliRunner().invoke(cli, ["init", "--help"])
    assert result.exit_code == 0
    assert "Exit codes: 0" in result.stdout
    assert "--force" in result.stdout


def test_the_written_file_is_what_the_answers_say_in_every_format_and_loads_cleanly(
    tmp_path, registry
):
    # The file as written is plain data: parse it back and compare key by key.
    target = tmp_path / "p.yaml"
    run("-o", str(target), input=script(registry, signs={"knees_cave_in"}, equipment="step"))
    data = yaml.safe_load(Path(target).read_text())
    assert data["format"] == 1
    assert data["age"] == 38
    assert data["signs"] == ["knees_cave_in"]
    assert data["equipment"] == ["step"]
    assert data["red_flags"] == []
    assert "tests" not in data and "start" not in data and "pregnancy_trimester" not in data


def test_a_joint_replacement_asks_the_weeks_since_surgery(tmp_path, registry):
    target = tmp_path / "hip.yaml"
    answers = script(
        registry,
        age="68",
        precautions={"hip_replacement_posterior"},
        surgery_weeks=["soon", "8"],
    )
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    assert "Error: " in result.stdout  # "soon" is asked again
    profile = gluteus.load_profile(target)
    assert profile.precautions == ("hip_replacement_posterior",)
    assert profile.weeks_since_surgery == 8
    assert "hip replacement (from the back) (8 weeks after the operation)" in flat(result.stdout)
    # Skipped, it is left out: the program then assumes the most careful stage.
    skipped = tmp_path / "hip2.yaml"
    answers = script(
        registry, age="68", precautions={"hip_replacement_posterior"}, surgery_weeks=""
    )
    result = run("-o", str(skipped), input=answers)
    assert result.exit_code == 0, result.output
    assert gluteus.load_profile(skipped).weeks_since_surgery is None


def test_a_hip_replacement_asks_whether_the_surgeon_has_lifted_the_precautions(tmp_path, registry):
    target = tmp_path / "hip.yaml"
    answers = script(
        registry,
        age="67",
        precautions={"hip_replacement_posterior"},
        surgery_weeks="39",
        precautions_lifted="y",
    )
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    assert "Has your surgeon lifted your hip precautions" in flat(result.stdout)
    profile = gluteus.load_profile(target)
    assert profile.hip_precautions_lifted is True
    assert "(precautions lifted by the surgeon)" in flat(result.stdout)
    # A "no" (the default) writes nothing: the precautions are kept.
    kept = tmp_path / "hip2.yaml"
    answers = script(registry, age="67", precautions={"hip_replacement_posterior"})
    result = run("-o", str(kept), input=answers)
    assert result.exit_code == 0, result.output
    assert "hip_precautions_lifted" not in kept.read_text()
    assert gluteus.load_profile(kept).hip_precautions_lifted is None


def test_a_joint_replacement_asks_which_side_was_operated_on(tmp_path, registry):
    target = tmp_path / "knee.yaml"
    answers = script(
        registry,
        age="68",
        precautions={"knee_replacement"},
        surgery_weeks="20",
        operated_side=["middle", "Right"],
    )
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    assert "Which side was operated on?" in flat(result.stdout)
    assert "Error: " in result.stdout  # "middle" is asked again
    assert gluteus.load_profile(target).operated_side == "right"
    assert "knee replacement (20 weeks after the operation) (right side)" in flat(result.stdout)


def test_after_giving_birth_init_asks_the_weeks_since_the_birth(tmp_path, registry):
    target = tmp_path / "postnatal.yaml"
    answers = script(
        registry, age="33", precautions={"postnatal"}, birth_weeks=["", "soon", "-1", "6"]
    )
    result = run("-o", str(target), input=answers)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Error: ") == 3  # nothing, "soon" and -1 are asked again
    profile = gluteus.load_profile(target)
    assert profile.precautions == ("postnatal",)
    assert profile.weeks_since_birth == 6
    assert "after giving birth (6 weeks after the birth)" in flat(result.stdout)


def test_sport_days_are_asked_and_kept_in_week_order(tmp_path, registry):
    """The days of the person's own sport are asked after the training days: in any
    order and in full words, "none" for none, and said in the summary."""
    target = tmp_path / "p.yaml"
    answers = script(registry, sport_days="Saturday, tue")
    result = run("-o", str(target), input=answers, columns=250)
    assert result.exit_code == 0, result.output
    assert gluteus.load_profile(target).schedule.sport_days == ("tue", "sat")
    assert "sport on tue sat" in result.stdout
    result = run("-o", str(tmp_path / "q.yaml"), input=script(registry, sport_days="none"))
    assert result.exit_code == 0, result.output
    assert gluteus.load_profile(tmp_path / "q.yaml").schedule.sport_days == ()
    assert "sport_days" not in (tmp_path / "q.yaml").read_text()
