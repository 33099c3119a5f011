"""``gluteus init``: ask the questions in plain words and write a profile file.

The questions come from the loaded plugins: each sign's ``question`` (grouped by
the issue it belongs to), each precaution's and each red flag's. Every answer is
checked as it is given, by the same rules the profile loader applies, and asked
again with the reason when it does not fit. The file is written whole or not at
all, in the format its extension names (YAML by default), never over an existing
file unless ``--force`` is given, and it loads with :func:`gluteus.load_profile`.

A red flag answered yes is flagged at once (see a clinician first); the profile is
still written, and ``gluteus generate`` will give the referral instead of a program.

Exit codes: 0 the profile was written; 2 bad input (the file exists, an unknown
extension, a missing folder, or the answers ran out / the questions were cancelled:
nothing is written); 1 a bug.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click

from gluteus.engine.errors import ProfileError

# The profile loader (YAML, TOML, cattrs) is imported inside the functions that use
# it: `gluteus --help` imports this module to list the command, and must stay fast.
from gluteus.engine.model import DAYS, EXPERIENCE

DEFAULT_OUTPUT = "profile.yaml"

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

PAIN_WORDS: dict[str, str] = {
    "low_back": "Low back",
    "knee": "Knees",
    "hip": "Hips (the outside or front of the hip)",
    "buttock": "Buttocks",
}

PLACEHOLDER_AGE = 30
"""An age that always passes, to check one answer at a time against the loader."""


class _Asker:
    """Prompts on the terminal (or on stderr when the profile goes to stdout)."""

    def __init__(self, err: bool) -> None:
        self.err = err

    def say(self, text: str = "", **style: Any) -> None:
        click.secho(text, err=self.err, **style)

    def heading(self, text: str) -> None:
        self.say()
        self.say(text, bold=True)

    def ask(
        self,
        text: str,
        check: Callable[[str], Any],
        default: str | None = None,
    ) -> Any:
        """Ask until ``check`` accepts the answer; ``check`` raises ProfileError with the reason."""

        def proc(raw: str) -> Any:
            try:
                return check(raw.strip())
            except ProfileError as exc:
                raise click.UsageError(_reason(exc)) from None

        return click.prompt(
            text,
            default=default,
            value_proc=proc,
            show_default=bool(default),
            err=self.err,
        )

    def yes(self, text: str, default: bool = False) -> bool:
        return click.confirm(text, default=default, err=self.err)


def _reason(error: ProfileError) -> str:
    text = error.message
    if error.suggestion:
        text += f" (did you mean {error.suggestion!r}?)"
    return text


def _number(raw: str) -> Any:
    """The answer as a number when it reads as one, else as given (the check says why)."""
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError:
        return raw


def _words(raw: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", raw.lower()) if w]


def _day(word: str) -> str:
    # "Wednesday", "wednes" and "wed" all mean wed; anything else goes to the check as is.
    for day, full in zip(DAYS, DAY_NAMES, strict=True):
        if len(word) >= 3 and full.startswith(word):
            return day
    return word


def _checked(fragment: Mapping[str, Any], registry: Any = None) -> Any:
    """Validate part of a profile with the loader's own rules (raises ProfileError); with
    ``registry``, its ids too (equipment, pain regions and tests are the plugins')."""
    from gluteus.engine.loading import check_ids, profile_from_dict

    profile = profile_from_dict({"age": PLACEHOLDER_AGE, **fragment})
    if registry is not None:
        check_ids(profile, registry)
    return profile


# --- The questions ----------------------------------------------------------------------


def _about(ask: _Asker) -> dict[str, Any]:
    ask.heading("About you")

    def name(raw: str) -> str | None:
        _checked({"name": raw or None})
        return raw or None

    def age(raw: str) -> int:
        return int(_checked({"age": _number(raw)}).age)

    def experience(raw: str) -> str:
        return str(_checked({"experience": raw.lower() or "novice"}).experience)

    return {
        "name": ask.ask("Your name (optional, Enter to skip)", name, default=""),
        "age": ask.ask("Your age, in years", age),
        "experience": ask.ask(
            f"Your training experience ({', '.join(EXPERIENCE)})", experience, default="novice"
        ),
    }


def _schedule(ask: _Asker) -> tuple[dict[str, Any], str | None]:
    ask.heading("Your schedule")
    schedule: dict[str, Any] = {}

    def field(key: str) -> Callable[[str], int]:
        def check(raw: str) -> int:
            value = getattr(_checked({"schedule": {key: _number(raw)}}).schedule, key)
            return int(value)

        return check

    schedule["weeks"] = ask.ask(
        "How many weeks should the program run? (2-24)", field("weeks"), "8"
    )
    schedule["sessions_per_week"] = ask.ask(
        "How many sessions a week? (1-7)", field("sessions_per_week"), "3"
    )
    schedule["minutes_per_session"] = ask.ask(
        "How many minutes per session? (10-120)", field("minutes_per_session"), "30"
    )
    sessions = schedule["sessions_per_week"]

    def days(raw: str) -> list[str]:
        chosen = [_day(w) for w in _words(raw)]
        checked = _checked({"schedule": {"sessions_per_week": sessions, "days": chosen}})
        return list(checked.schedule.days)

    from gluteus.engine.loading import default_days

    plural = "day" if sessions == 1 else f"{sessions} days"
    schedule["days"] = ask.ask(
        f"Which {plural} of the week? (mon..sun)", days, " ".join(default_days(sessions))
    )

    def start(raw: str) -> str | None:
        profile = _checked({"start": raw or None})
        return profile.start.isoformat() if profile.start else None

    when = ask.ask(
        "Start date, YYYY-MM-DD (optional: gives sessions real dates; Enter to skip)",
        start,
        default="",
    )
    return schedule, when


def _equipment(ask: _Asker, registry: Any) -> list[str]:
    ask.heading("Equipment")
    ask.say("Your bodyweight is always there. Besides it, which of these do you have?")
    ask.say("  " + ", ".join(registry.equipment))

    def check(raw: str) -> list[str]:
        return list(_checked({"equipment": _words(raw)}, registry).equipment)

    chosen: list[str] = ask.ask(
        "Your equipment, separated by spaces (Enter for none)", check, default=""
    )
    return chosen


def _signs(ask: _Asker, registry: Any) -> list[str]:
    ask.heading("What you notice")
    ask.say("Answer y (yes) or n (no).")
    chosen: list[str] = []
    issues = sorted(registry.issues.values(), key=lambda issue: (issue.order, issue.id))
    for issue in issues:
        signs = [s for s in registry.signs.values() if s.issue == issue.id]
        if not signs:
            continue
        ask.say()
        ask.say(issue.name, underline=True)
        chosen.extend(sign.id for sign in signs if ask.yes(sign.question))
    return chosen


def _pain(ask: _Asker, registry: Any) -> dict[str, int]:
    ask.heading("Pain")
    ask.say("Your typical pain now, from 0 (none) to 10 (the worst you can imagine).")
    pain: dict[str, int] = {}
    for region in registry.pain_regions:

        def check(raw: str, region: str = region) -> int:
            return _checked({"pain": {region: _number(raw)}}).pain.get(region)

        pain[region] = ask.ask(PAIN_WORDS.get(region, region.replace("_", " ")), check, "0")
    return pain


def _seconds(ask: _Asker, key: str, question: str, optional: bool, registry: Any) -> Any:
    def check(raw: str) -> Any:
        if not raw and optional:
            return None
        value = _number(raw) if raw else None
        if value is None:
            raise ProfileError("an answer is needed here, for both sides (Ctrl-C stops)")
        sides = key != "bridge_hold_s"
        # Checked by the loader's rules; the number is kept as typed (12, not 12.0).
        _checked({"tests": {key: {"left": value, "right": value} if sides else value}}, registry)
        return value

    text = question + (" (Enter to skip)" if optional else "")
    # Empty answers reach the check either way, so a missing one is told why.
    return ask.ask(text, check, default="")


def _tests(ask: _Asker, registry: Any) -> dict[str, Any]:
    ask.heading("Self-tests (optional)")
    tests: dict[str, Any] = {}
    if not ask.yes(
        "Have you done any of the self-tests (single-leg stance, side plank, "
        "single-leg squat, Trendelenburg, bridge hold)?"
    ):
        return tests
    timed = (
        ("single_leg_stance_s", "Single-leg stance, eyes open, in seconds (up to 60)"),
        ("side_plank_s", "Side plank hold, in seconds"),
    )
    for key, label in timed:
        left = _seconds(ask, key, f"{label}, on your left side", True, registry)
        if left is None:
            continue
        right = _seconds(ask, key, f"{label}, on your right side", False, registry)
        tests[key] = {"left": left, "right": right}
    if ask.yes("Did you do the single-leg squat test?"):
        tests["single_leg_squat_knee_valgus"] = {
            side: ask.yes(f"Squatting on your {side} leg, does the {side} knee cave inwards?")
            for side in ("left", "right")
        }
    if ask.yes("Did you do the Trendelenburg test (standing on one leg for 30 seconds)?"):
        tests["trendelenburg"] = {
            side: ask.yes(f"Standing on your {side} leg, does your pelvis drop on the other side?")
            for side in ("left", "right")
        }
    bridge = _seconds(ask, "bridge_hold_s", "Glute bridge hold, in seconds", True, registry)
    if bridge is not None:
        tests["bridge_hold_s"] = bridge
    return tests


def _precautions(ask: _Asker, registry: Any) -> tuple[list[str], int | None]:
    ask.heading("Precautions")
    ask.say("These change which exercises are safe for you.")
    chosen = [pre.id for pre in registry.precautions.values() if ask.yes(pre.question)]
    trimester = None
    if any(registry.precautions[p].needs_trimester for p in chosen):

        def check(raw: str) -> int:
            checked = _checked({"precautions": ["pregnancy"], "pregnancy_trimester": _number(raw)})
            return int(checked.pregnancy_trimester)

        trimester = ask.ask("Which trimester are you in? (1, 2 or 3)", check)
    return chosen, trimester


def _red_flags(ask: _Asker, registry: Any) -> list[str]:
    ask.heading("Safety questions")
    ask.say("A yes to any of these means a clinician should see you before you train.")
    chosen: list[str] = []
    for flag in registry.red_flags.values():
        if ask.yes(flag.question):
            chosen.append(flag.id)
            # Said at once, not after the remaining questions: it may be urgent.
            ask.say(f"  -> See a clinician first: {flag.see}.", fg="red", bold=True)
            ask.say(f"     {flag.message}", fg="red")
    return chosen


def ask_profile(ask: _Asker, registry: Any) -> dict[str, Any]:
    """Ask every question and return the answers as profile data (SPEC §1 key order)."""
    about = _about(ask)
    schedule, start = _schedule(ask)
    equipment = _equipment(ask, registry)
    signs = _signs(ask, registry)
    pain = _pain(ask, registry)
    tests = _tests(ask, registry)
    precautions, trimester = _precautions(ask, registry)
    red_flags = _red_flags(ask, registry)
    return {
        "format": 1,
        "name": about["name"],
        "age": about["age"],
        "experience": about["experience"],
        "start": start,
        "schedule": schedule,
        "equipment": equipment,
        "signs": signs,
        "pain": pain,
        "tests": tests or None,
        "red_flags": red_flags,
        "precautions": precautions,
        "pregnancy_trimester": trimester,
    }


# --- The command -------------------------------------------------------------------------


def _target(output: str, force: bool) -> str:
    """The format for ``output``; refuses (exit 2) what cannot or must not be written."""
    from gluteus.engine.messages import closest
    from gluteus.engine.parsing import EXTENSIONS
    from gluteus.output import check_output

    if output == "-":
        return "yaml"
    # The checks every command's -o gets (folder, missing folder, an existing file).
    check_output(
        output, overwrite=force, exists_hint="use --force to replace it, or choose another name"
    )
    path = Path(output)
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        near = closest(path.suffix.lower(), list(EXTENSIONS))
        hint = f" (did you mean {near!r}?)" if near else ""
        raise click.BadParameter(
            f"{output!r} must end in .yaml, .yml, .toml or .json{hint}", param_hint="'-o'"
        )
    return kind


@click.command()
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="The profile file to write; .yaml/.yml, .toml or .json chooses the format. "
    "'-' writes YAML to standard output (questions then go to stderr).",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def init(output: str, force: bool) -> None:
    """Ask the questions in plain words and write a profile file.

    Age, experience and schedule, equipment, what you notice, pain, optional
    self-tests, precautions and the safety questions (red flags). Each answer is
    checked at once and asked again, with the reason, when it does not fit. The
    file is written whole or not at all, and never over an existing file unless
    --force is given.

    Exit codes: 0 the profile was written; 2 bad input (the file exists, an
    unknown extension, a missing folder, or the questions were cancelled or ran
    out of answers: nothing is written).
    """
    from gluteus.cli import plugin_manager
    from gluteus.engine.loading import check_ids, dump_profile, profile_from_dict
    from gluteus.engine.registry import build_registry
    from gluteus.output import write_output

    kind = _target(output, force)  # before any question: no answers are wasted
    registry = build_registry(plugin_manager())
    ask = _Asker(err=output == "-")
    where = "standard output" if output == "-" else output
    ask.say("gluteus init: a few questions about you and your training. Your answers")
    ask.say(f"become a profile ({where}) that `gluteus screen` and `gluteus generate` read.")
    ask.say("Press Enter to take the answer shown in [brackets]; Ctrl-C stops.")
    try:
        data = ask_profile(ask, registry)
    except click.Abort:
        # Ctrl-C or the end of the answers: not a bug (exit 1), and nothing is written.
        ask.say()
        raise ProfileError("stopped before the last question; no profile was written") from None
    profile = profile_from_dict(data)
    check_ids(profile, registry)
    text = dump_profile(
        data,
        kind,
        comment="A gluteus profile, written by `gluteus init`.\n"
        "Check it with `gluteus screen FILE`; make the program with `gluteus generate FILE`.",
    )
    if output != "-":
        # Asked a while ago: make sure no file appeared meanwhile.
        _target(output, force)
    write_output(text, output, overwrite=force)
    if output == "-":
        return
    ask.say()
    ask.say(f"Wrote {output}.", bold=True)
    if profile.red_flags:
        ask.say(
            "Because of your answer to the safety questions, gluteus will not make a "
            "program: please see a clinician first.",
            fg="red",
            bold=True,
        )
    else:
        ask.say(f"Next: gluteus screen {output}   then: gluteus generate {output}")
