"""``gluteus init``: ask the questions in plain words and write a profile file.

The questions are data: a list of :class:`Question` (what to ask, how to read the
answer, when to ask it) built from the loaded plugins (each red flag's, sign's and
precaution's ``question``) and from the tables below, so adding a question is
adding an entry. The red-flag questions come first: a referral should not wait
for fifty answers. Every question shows where the person is (``(5/48)``), answers
are read in plain words (``mini band``, ``beginner``, ``2`` for the trimester),
``back`` returns to the previous question, the self-tests come with instructions,
and a summary is shown before anything is written.

Every answer is checked as it is given, by the same rules the profile loader
applies, and asked again with the reason when it does not fit. The file is
written whole or not at all, in the format its extension names (YAML by
default), never over an existing file unless ``--force`` is given, and it loads
with :func:`gluteus.load_profile`.

A red flag answered yes is flagged at once (see a clinician first); the person
may stop there (name and age are still asked, so the profile loads) and the
profile is written: ``gluteus generate`` gives the referral instead of a program.

Exit codes: 0 the profile was written; 2 bad input (the file exists, an unknown
extension, a missing folder, standard input closed, or the answers ran out / the
questions were cancelled / the summary was declined: nothing is written); 1 a bug.
"""

from __future__ import annotations

import difflib
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import click
from attrs import frozen

from gluteus.engine.errors import ProfileError
from gluteus.engine.messages import closest
from gluteus.engine.vocabulary import DAYS

# The profile loader (YAML, TOML, cattrs) is imported inside the functions that use
# it: `gluteus --help` imports this module to list the command, and must stay fast.

DEFAULT_OUTPUT = "profile.yaml"

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

PAIN_WORDS: dict[str, str] = {
    "low_back": "Low back",
    "knee": "Knees",
    "hip": "Hips (the outside of the hip)",
    "buttock": "Buttocks",
    # Front-of-hip pain goes with the groin: it is seldom the outer hip's tendons, and
    # the outer hip's rules (adduction kept out) would be wrong for it.
    "groin": "Groin (the inner thigh or the front of the hip)",
}

PLACEHOLDER_AGE = 30
"""An age that always passes, to check one answer at a time against the loader."""

BACK = frozenset({"back", "<", "go back", "previous"})
"""Answers that return to the previous question."""

YES = frozenset({"y", "yes", "yeah", "yep", "sure", "true", "ok"})
NO = frozenset({"n", "no", "nope", "false", "none", "not"})
TRIMESTERS: dict[str, int] = {
    "1": 1, "first": 1, "1st": 1, "one": 1,
    "2": 2, "second": 2, "2nd": 2, "two": 2,
    "3": 3, "third": 3, "3rd": 3, "three": 3,
}  # fmt: skip

EXPERIENCE_WORDS: dict[str, tuple[str, ...]] = {
    "novice": ("novice", "beginner", "new", "new to it", "starter", "none", "little", "1"),
    "intermediate": ("intermediate", "some", "some experience", "regular", "moderate", "2"),
    "advanced": ("advanced", "experienced", "expert", "very experienced", "athlete", "3"),
}
"""Plain words (and 1-3) for each experience level."""

EQUIPMENT_WORDS: dict[str, tuple[str, ...]] = {
    "mat": ("mat", "yoga mat", "exercise mat", "floor mat"),
    "mini_band": ("mini band", "loop band", "mini loop", "booty band", "hip band", "glute band"),
    "long_band": ("long band", "resistance band", "theraband", "tube band", "long loop"),
    "dumbbell": ("dumbbell", "dumb bell", "hand weight", "free weight", "db"),
    "kettlebell": ("kettlebell", "kettle bell", "kb"),
    "barbell": ("barbell", "bar bell", "olympic bar", "bar"),
    "bench": ("bench", "weight bench", "gym bench"),
    "step": ("step", "box", "stair", "stairs", "aerobic step", "step box", "plyo box"),
    "cable": ("cable", "cable machine", "pulley"),
    "stability_ball": ("stability ball", "swiss ball", "exercise ball", "gym ball", "fitness ball"),
    "slider": ("slider", "gliding disc", "glider", "furniture slider"),
}
"""What people call each piece of equipment (a plural is read as the singular)."""
AMBIGUOUS_EQUIPMENT = {
    "band": "a mini band (a small loop around the legs) or a long band? Say 'mini band' or "
    "'long band'",
    "ball": "which ball? Say 'stability ball' (the large inflatable one)",
}
NO_EQUIPMENT = frozenset({"", "none", "nothing", "no", "no equipment", "bodyweight only"})
NO_SPORT = frozenset({"none", "nothing", "no", "never"})
"""Answers that mean no sport days."""


Answers = dict[str, Any]
Parse = Callable[[str, Answers], Any]


def _always(answers: Answers) -> bool:
    return True


@frozen
class Question:
    """One question of the interview.

    ``parse`` reads the answer (given the answers so far) or raises ProfileError with
    the reason; ``when`` says whether to ask it at all; ``hint`` (text, or made from
    the answers so far) is said before the question; ``default`` is what Enter
    answers; ``yes_no`` shows ``[y/N]``-style choices.
    """

    key: str
    section: str
    text: str
    parse: Parse
    default: str | None = None
    hint: str | Callable[[Answers], str] = ""
    when: Callable[[Answers], bool] = _always
    yes_no: bool = False
    choices: str = ""  # shown after the question, e.g. "(1, 2 or 3)"


# --- Reading answers in plain words ------------------------------------------------------


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
    return [w for w in re.split(r"[\s,;&+/]+", raw.lower()) if w and w not in ("and", "or")]


def _day(word: str) -> str:
    # "Wednesday", "wednes" and "wed" all mean wed; anything else goes to the check as is.
    for day, full in zip(DAYS, DAY_NAMES, strict=True):
        if len(word) >= 3 and full.startswith(word):
            return day
    return word


def _checked(fragment: Mapping[str, Any], registry: Any = None) -> Any:
    """Validate part of a profile with the profile model's own rules (raises
    ProfileError); with ``registry``, its ids too (equipment, pain regions and tests are
    declared by plugins)."""
    from gluteus.engine.loading import check_ids, profile_from_dict

    profile = profile_from_dict({"age": PLACEHOLDER_AGE, **fragment})
    if registry is not None:
        check_ids(profile, registry)
    return profile


def yes_no(raw: str, default: bool = False) -> bool:
    """``yes``/``no`` in the usual words; empty is ``default``."""
    word = raw.strip().lower()
    if not word:
        return default
    if word in YES:
        return True
    if word in NO:
        return False
    raise ProfileError("answer yes or no (y or n)", found=repr(raw))


def experience(raw: str) -> str:
    """An experience level from plain words: ``beginner`` → ``novice``."""
    word = " ".join(raw.lower().split()) or "novice"
    for level, names in EXPERIENCE_WORDS.items():
        if word in names:
            return level
    return str(_checked({"experience": word}).experience)  # the loader says what is wrong


def _singular(phrase: str, phrases: Mapping[str, str]) -> str:
    if phrase.endswith("sses") or not phrase.endswith("s"):
        return phrase
    return phrase[:-2] if phrase.endswith("es") and phrase[:-2] in phrases else phrase[:-1]


def _phrases(registry: Any) -> dict[str, str]:
    """What people may call each declared piece of equipment: the built-ins' usual
    names, and for every piece its id, its id in words and its declared name."""
    out: dict[str, str] = {}
    for eq_id, item in registry.equipment.items():
        for phrase in EQUIPMENT_WORDS.get(eq_id, ()):
            out[phrase] = eq_id
        name = item.name.lower()
        for article in ("a ", "an ", "some "):
            name = name.removeprefix(article)
        out[name.split(" (")[0]] = eq_id
        out[eq_id] = eq_id
        out[eq_id.replace("_", " ")] = eq_id
    return out


def equipment(raw: str, registry: Any) -> list[str]:
    """Equipment from plain words: ``a mini band, dumbbells and a step``."""
    phrases = _phrases(registry)
    text = raw.lower().replace("-", " ").replace("&", ",").replace("+", ",")
    if " ".join(text.split()) in NO_EQUIPMENT:
        return []
    words = [w for w in re.split(r"[\s,;/]+|\band\b", text) if w and w not in ("a", "an", "some")]
    chosen: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if len(words[i : i + size]) < size:
                continue
            found = phrases.get(phrase) or phrases.get(_singular(phrase, phrases))
            if found:
                break
        else:
            word = words[i]
            if word == "bodyweight":
                raise ProfileError("bodyweight is always available; leave it out")
            if _singular(word, phrases) in AMBIGUOUS_EQUIPMENT:
                raise ProfileError(AMBIGUOUS_EQUIPMENT[_singular(word, phrases)], found=repr(word))
            near = difflib.get_close_matches(word, list(phrases), n=1, cutoff=0.6)
            names = ", ".join(e.replace("_", " ") for e in registry.equipment)
            raise ProfileError(
                f"found {word!r}; say one of {names}", suggestion=near[0] if near else None
            )
        if found in chosen:
            raise ProfileError(f"each piece of equipment once; found {phrase!r} twice")
        chosen.append(found)
        i += size
    return list(_checked({"equipment": chosen}, registry).equipment)


def _seconds_value(raw: str) -> Any:
    text = raw.strip().lower()
    text = re.sub(r"\s*(seconds?|secs?|s)$", "", text)
    return _number(text)


# --- The questions ------------------------------------------------------------------------


def _red_flags(registry: Any) -> list[Question]:
    out = []
    for flag in registry.red_flags.values():
        out.append(
            Question(
                key=f"red_flag:{flag.id}",
                section="Safety questions first",
                text=flag.question,
                parse=lambda raw, answers: yes_no(raw),
                default="n",
                yes_no=True,
            )
        )
    return out


def flagged(answers: Answers) -> list[str]:
    """The red flags answered yes so far."""
    return [
        key.split(":", 1)[1]
        for key, value in answers.items()
        if key.startswith("red_flag:") and value
    ]


def _full(answers: Answers) -> bool:
    """Whether to ask every question: no red flag, or the person chose to go on."""
    return not flagged(answers) or bool(answers.get("continue"))


def _about() -> list[Question]:
    def name(raw: str, answers: Answers) -> str | None:
        _checked({"name": raw or None})
        return raw or None

    def age(raw: str, answers: Answers) -> int:
        from gluteus.engine.loading import profile_from_dict

        return int(profile_from_dict({"age": _number(raw)}).age)

    levels = ", ".join(f"{level} ({names[1]})" for level, names in EXPERIENCE_WORDS.items())
    return [
        Question("name", "About you", "Your name (optional, Enter to skip)", name, default=""),
        Question("age", "About you", "Your age, in years", age),
        Question(
            "experience",
            "About you",
            f"Your training experience: {levels}",
            lambda raw, answers: experience(raw),
            default="novice",
            when=_full,
        ),
    ]


def _schedule() -> list[Question]:
    def field(key: str) -> Parse:
        def check(raw: str, answers: Answers) -> int:
            return int(getattr(_checked({"schedule": {key: _number(raw)}}).schedule, key))

        return check

    def days(raw: str, answers: Answers) -> list[str]:
        sessions = answers.get("schedule.sessions_per_week", 3)
        chosen = [_day(w) for w in _words(raw)]
        checked = _checked({"schedule": {"sessions_per_week": sessions, "days": chosen}})
        return list(checked.schedule.days)

    def sport_days(raw: str, answers: Answers) -> list[str]:
        chosen = [_day(w) for w in _words(raw) if w not in NO_SPORT]
        return list(_checked({"schedule": {"sport_days": chosen}}).schedule.sport_days)

    def start(raw: str, answers: Answers) -> str | None:
        profile = _checked({"start": raw or None})
        return profile.start.isoformat() if profile.start else None

    section = "Your schedule"
    return [
        Question(
            "schedule.weeks",
            section,
            "How many weeks should the program run? (2-24)",
            field("weeks"),
            "8",
            when=_full,
        ),
        Question(
            "schedule.sessions_per_week",
            section,
            "How many sessions a week? (1-7)",
            field("sessions_per_week"),
            "3",
            when=_full,
        ),
        Question(
            "schedule.minutes_per_session",
            section,
            "How many minutes per session? (10-120)",
            field("minutes_per_session"),
            "30",
            when=_full,
        ),
        Question(
            "schedule.days",
            section,
            "Which days of the week? (mon..sun, one per session)",
            days,
            default="",  # filled in from the sessions a week when asked
            when=_full,
        ),
        Question(
            "schedule.sport_days",
            section,
            "On which days do you run, train for or play your sport, or have a match? "
            "(mon..sun; Enter for none)",
            sport_days,
            default="",
            hint="Heavy leg work and jumps are kept off the day before each of them, so "
            "your legs are fresh for it.",
            when=_full,
        ),
        Question(
            "start",
            section,
            "Start date, YYYY-MM-DD (optional: gives sessions real dates; Enter to skip)",
            start,
            default="",
            when=_full,
        ),
    ]


def _equipment_question(registry: Any) -> Question:
    names = ", ".join(e.replace("_", " ") for e in registry.equipment)
    return Question(
        "equipment",
        "Equipment",
        "Your equipment, in your words (Enter for none)",
        lambda raw, answers: equipment(raw, registry),
        default="",
        hint=f"Your bodyweight is always there. Besides it, which of these do you have? {names}",
        when=_full,
    )


def _signs(registry: Any) -> list[Question]:
    issues = sorted(registry.issues.values(), key=lambda issue: (issue.order, issue.id))
    groups = [
        (
            f"What you notice: {issue.name}",
            [s for s in registry.signs.values() if s.issue == issue.id],
        )
        for issue in issues
    ]
    # Signs no issue owns (pelvic girdle pain) feed the safety rules: asked too.
    groups.append(("What else you notice", [s for s in registry.signs.values() if s.issue is None]))
    return [
        Question(
            key=f"sign:{sign.id}",
            section=section,
            text=sign.question,
            parse=lambda raw, answers: yes_no(raw),
            default="n",
            when=_full,
            yes_no=True,
        )
        for section, signs in groups
        for sign in signs
    ]


def _pain(registry: Any) -> list[Question]:
    out = []
    regions = list(registry.pain_regions.values())
    for region in regions:

        def check(raw: str, answers: Answers, region: str = region.id) -> int:
            value = 0 if raw.strip().lower() in NO else _number(raw)
            return int(_checked({"pain": {region: value}}, registry).pain.get(region))

        out.append(
            Question(
                key=f"pain:{region.id}",
                section="Pain",
                text=PAIN_WORDS.get(region.id, region.name.capitalize()),
                parse=check,
                default="0",
                hint="Your typical pain now, from 0 (none) to 10 (the worst you can imagine)."
                if region is regions[0]
                else "",
                when=_full,
            )
        )
    return out


def _tests(registry: Any) -> list[Question]:
    section = "Self-tests (optional)"
    tests = list(registry.tests.values())

    def doing(answers: Answers) -> bool:
        return _full(answers) and bool(answers.get("tests"))

    out = [
        Question(
            "tests",
            section,
            "Do the self-tests now (or enter results you have)?",
            lambda raw, answers: yes_no(raw),
            default="n",
            hint=f"{len(tests)} short tests that make the screening more precise: each is "
            "explained before you enter its result, and you can skip any with Enter.",
            when=_full,
            yes_no=True,
        )
    ]
    for test in tests:
        out += _test_questions(test, section, doing, registry)
    return out


def _test_questions(
    test: Any, section: str, doing: Callable[[Answers], bool], registry: Any
) -> list[Question]:
    """The questions for one declared test (:class:`gluteus.engine.model.ObjectiveTest`):
    its instructions first, then its result (on each side when it is sided)."""
    key = f"test:{test.id}"
    how = f"{test.name.capitalize()}: {test.instructions}"

    def value(raw: str) -> Any:
        return _seconds_value(raw) if test.kind == "seconds" else _number(raw.strip())

    if test.kind != "positive" and not test.sided:

        def one(raw: str, answers: Answers) -> Any:
            if not raw.strip() or raw.strip().lower() == "skip":
                return None
            result = value(raw)
            _checked({"tests": {test.id: result}}, registry)
            return result

        return [Question(key, section, f"{test.ask()} (Enter to skip)", one, "", how, doing)]
    if test.kind != "positive":

        def side(which: str) -> Parse:
            def check(raw: str, answers: Answers) -> Any:
                if which == "left" and (not raw.strip() or raw.strip().lower() == "skip"):
                    return None
                if not raw.strip():
                    raise ProfileError("an answer is needed here, for both sides ('back' to skip)")
                result = value(raw)
                _checked({"tests": {test.id: {"left": result, "right": result}}}, registry)
                return result

            return check

        return [
            Question(
                f"{key}:left", section, f"{test.ask('left')} (Enter to skip)",
                side("left"), "", how, doing,
            ),
            Question(
                f"{key}:right", section, test.ask("right"), side("right"), "", "",
                lambda answers: doing(answers) and answers.get(f"{key}:left") is not None,
            ),
        ]  # fmt: skip
    # Yes/no (on each side when sided), after a question whether the test was done.
    done = Question(
        key,
        section,
        f"Did you do the {test.name}?",
        lambda raw, answers: yes_no(raw),
        "n",
        how,
        doing,
        yes_no=True,
    )
    sides = [
        Question(
            f"{key}:{which}" if which else f"{key}:result",
            section,
            test.ask(which),
            lambda raw, answers: yes_no(raw),
            "n",
            "",
            lambda answers: doing(answers) and bool(answers.get(key)),
            yes_no=True,
        )
        for which in (("left", "right") if test.sided else (None,))
    ]
    return [done, *sides]


def _body(registry: Any) -> list[Question]:
    """Who the person is, for the person model: walking aid, getting up from the
    floor, blood pressure (words from the profile model's own fields)."""
    section = "You and your body"

    def floor(raw: str, answers: Answers) -> bool | None:
        word = raw.strip().lower()
        if word in ("", "not sure", "unsure", "don't know", "dont know", "?"):
            return None  # not said: gluteus then assumes it for people at risk of falling
        return yes_no(word)

    def pressure(raw: str, answers: Answers) -> dict[str, int] | None:
        text = raw.strip().lower().replace("mmhg", "").strip()
        if not text or text in ("skip", "not sure", "don't know"):
            return None
        match = re.fullmatch(r"(\d{2,3})\s*(?:/|over)\s*(\d{2,3})", text)
        if not match:
            raise ProfileError(
                "write the reading as upper/lower, e.g. 130/85", found=repr(raw.strip())
            )
        reading = {"systolic": int(match[1]), "diastolic": int(match[2])}
        _checked({"blood_pressure": reading})
        return reading

    return [
        Question(
            "walking_aid",
            section,
            "Do you use a stick, a crutch or a frame to walk?",
            lambda raw, answers: yes_no(raw),
            "n",
            when=_full,
            yes_no=True,
        ),
        Question(
            "can_get_up_from_floor",
            section,
            "Can you get down to the floor and up again safely on your own? (y, n, or Enter "
            "if you are not sure)",
            floor,
            "",
            when=_full,
        ),
        Question(
            "blood_pressure",
            section,
            "Your resting blood pressure, if you know it, e.g. 130/85 (Enter to skip)",
            pressure,
            "",
            when=_full,
        ),
    ]


def _pregnant_without_trimester(pre_id: str) -> Callable[[Answers], bool]:
    def when(answers: Answers) -> bool:
        # A plain "yes" (not the trimester itself) asks for the trimester next.
        return _full(answers) and answers.get(f"precaution:{pre_id}") is True

    return when


def _answered_yes(pre_id: str) -> Callable[[Answers], bool]:
    def when(answers: Answers) -> bool:
        return _full(answers) and bool(answers.get(f"precaution:{pre_id}"))

    return when


def _needs_trimester(pre_id: str) -> Callable[[Answers], bool]:
    def when(answers: Answers) -> bool:
        # Asked when neither the yes nor the week of pregnancy gave the trimester.
        return (
            _pregnant_without_trimester(pre_id)(answers)
            and answers.get(f"pregnancy_week:{pre_id}") is None
        )

    return when


def _precautions(registry: Any) -> list[Question]:
    section = "Conditions that change which exercises are safe"
    out = []
    for pre in registry.precautions.values():
        keys = (*pre.required_keys, *pre.asks)
        if "pregnancy_trimester" in keys:

            def either(raw: str, answers: Answers) -> Any:
                word = raw.strip().lower()
                if word in TRIMESTERS:
                    return TRIMESTERS[word]  # yes, and the trimester
                return yes_no(raw)

            out.append(
                Question(
                    f"precaution:{pre.id}",
                    section,
                    pre.question,
                    either,
                    "n",
                    when=_full,
                    choices="[y/N or 1, 2, 3]",
                )
            )

            def week(raw: str, answers: Answers, pre_id: str = pre.id) -> int | None:
                if not raw.strip():
                    return None
                checked = _checked({"precautions": [pre_id], "pregnancy_week": _number(raw)})
                return checked.pregnancy_week

            def trimester(raw: str, answers: Answers, pre_id: str = pre.id) -> int:
                value = TRIMESTERS.get(raw.strip().lower(), _number(raw))
                checked = _checked({"precautions": [pre_id], "pregnancy_trimester": value})
                return int(checked.pregnancy_trimester or value)

            out.append(
                Question(
                    f"pregnancy_week:{pre.id}",
                    section,
                    "Which week of pregnancy are you in? (1-42; Enter if you only know the "
                    "trimester)",
                    week,
                    "",
                    hint="With the week, your program follows your trimesters as they change.",
                    when=_answered_yes(pre.id),
                )
            )
            out.append(
                Question(
                    f"trimester:{pre.id}",
                    section,
                    "Which trimester are you in? (1, 2 or 3)",
                    trimester,
                    when=_needs_trimester(pre.id),
                )
            )
            continue
        out.append(
            Question(
                f"precaution:{pre.id}",
                section,
                pre.question,
                lambda raw, answers: yes_no(raw),
                "n",
                when=_full,
                yes_no=True,
            )
        )
        if "weeks_since_surgery" in keys:
            required = "weeks_since_surgery" in pre.required_keys

            def weeks(raw: str, answers: Answers, required: bool = required) -> int | None:
                if not raw.strip() and not required:
                    return None  # not known: the most careful stage is assumed
                checked = _checked({"weeks_since_surgery": _number(raw)})
                return int(checked.weeks_since_surgery)

            skip = "" if required else "; Enter if you do not know"
            out.append(
                Question(
                    f"weeks_since_surgery:{pre.id}",
                    section,
                    f"How many weeks ago was the operation? (0 if less than a week{skip})",
                    weeks,
                    None if required else "",
                    hint="What is safe changes as the weeks since surgery pass.",
                    when=_answered_yes(pre.id),
                )
            )
        if "operated_side" in keys:

            def side(raw: str, answers: Answers) -> str | None:
                if not raw.strip():
                    return None  # both, or not known
                checked = _checked({"operated_side": raw.strip().lower()})
                return str(checked.operated_side)

            out.append(
                Question(
                    f"operated_side:{pre.id}",
                    section,
                    "Which side was operated on? (left or right; Enter if both or not sure)",
                    side,
                    "",
                    hint="The operated leg is usually the weaker one for a year or more: it "
                    "gets an extra set of its single-leg work.",
                    when=_answered_yes(pre.id),
                )
            )
        if "hip_precautions_lifted" in keys:
            out.append(
                Question(
                    f"hip_precautions_lifted:{pre.id}",
                    section,
                    "Has your surgeon lifted your hip precautions (the limits on how far you "
                    "may bend, cross or turn the hip, and the raised seat)?",
                    lambda raw, answers: yes_no(raw),
                    "n",
                    hint="Only your surgeon lifts them: until they do, the program keeps "
                    "them in every week.",
                    when=_answered_yes(pre.id),
                    yes_no=True,
                )
            )
        if "weeks_since_birth" in keys:
            needed = "weeks_since_birth" in pre.required_keys

            def birth(raw: str, answers: Answers, needed: bool = needed) -> int | None:
                if not raw.strip() and not needed:
                    return None
                checked = _checked({"weeks_since_birth": _number(raw)})
                return int(checked.weeks_since_birth)

            out.append(
                Question(
                    f"weeks_since_birth:{pre.id}",
                    section,
                    "How many weeks ago did you give birth? (0 if less than a week)",
                    birth,
                    None if needed else "",
                    hint="What is safe changes as the weeks since the birth pass.",
                    when=_answered_yes(pre.id),
                )
            )
    return out


def questions(registry: Any) -> list[Question]:
    """Every question, in the order asked: red flags first, then (unless a red flag
    stops the rest) about you, schedule, equipment, signs, pain, self-tests and
    conditions. Data: add an entry to extend the interview."""
    go_on = Question(
        "continue",
        "Safety questions first",
        "Answer the other questions too, so your profile is ready for later?",
        lambda raw, answers: yes_no(raw),
        default="n",
        hint="Because of your answer, gluteus will not make a program until a clinician has "
        "seen you. You can stop here (only your name and age are asked), or go on.",
        when=lambda answers: bool(flagged(answers)),
        yes_no=True,
    )
    return [
        *_red_flags(registry),
        go_on,
        *_about(),
        *_body(registry),
        *_schedule(),
        _equipment_question(registry),
        *_signs(registry),
        *_pain(registry),
        *_tests(registry),
        *_precautions(registry),
    ]


# --- From answers to a profile ------------------------------------------------------------


def profile_data(answers: Answers, registry: Any) -> dict[str, Any]:
    """The profile the answers describe (profile key order), defaults for the unasked."""
    from gluteus.engine.profile import default_days

    sessions = answers.get("schedule.sessions_per_week", 3)
    schedule = {
        "weeks": answers.get("schedule.weeks", 8),
        "sessions_per_week": sessions,
        "minutes_per_session": answers.get("schedule.minutes_per_session", 30),
        "days": answers.get("schedule.days") or list(default_days(sessions)),
    }
    if answers.get("schedule.sport_days"):
        schedule["sport_days"] = answers["schedule.sport_days"]
    tests: dict[str, Any] = {}
    for test in registry.tests.values():
        key = f"test:{test.id}"
        if test.kind == "positive":
            if not answers.get(key):
                continue
            tests[test.id] = (
                {"left": answers[f"{key}:left"], "right": answers[f"{key}:right"]}
                if test.sided
                else answers[f"{key}:result"]
            )
        elif test.sided and answers.get(f"{key}:left") is not None:
            tests[test.id] = {"left": answers[f"{key}:left"], "right": answers[f"{key}:right"]}
        elif not test.sided and answers.get(key) is not None:
            tests[test.id] = answers[key]
    precautions = [p for p in registry.precautions if answers.get(f"precaution:{p}")]
    trimester = week = surgery = birth = lifted = operated = None
    for pre_id in precautions:
        value = answers.get(f"precaution:{pre_id}")
        keys = (*registry.precautions[pre_id].required_keys, *registry.precautions[pre_id].asks)
        if "pregnancy_trimester" in keys:
            week = answers.get(f"pregnancy_week:{pre_id}")
            if week is None:
                trimester = value if value is not True else answers.get(f"trimester:{pre_id}")
            elif value is not True:
                trimester = value  # the trimester given with the yes; the model checks both
        if "weeks_since_surgery" in keys:
            surgery = answers.get(f"weeks_since_surgery:{pre_id}", surgery)
        if "weeks_since_birth" in keys:
            birth = answers.get(f"weeks_since_birth:{pre_id}", birth)
        if "operated_side" in keys:
            operated = answers.get(f"operated_side:{pre_id}", operated)
        if "hip_precautions_lifted" in keys:
            lifted = answers.get(f"hip_precautions_lifted:{pre_id}", lifted)
    return {
        "format": 1,
        "name": answers.get("name"),
        "age": answers.get("age"),
        "experience": answers.get("experience", "novice"),
        "start": answers.get("start"),
        "schedule": schedule,
        "equipment": answers.get("equipment", []),
        "signs": [s for s in registry.signs if answers.get(f"sign:{s}")],
        "pain": {r: answers.get(f"pain:{r}", 0) for r in registry.pain_regions},
        "tests": tests or None,
        "red_flags": flagged(answers),
        "precautions": precautions,
        "pregnancy_trimester": trimester,
        "pregnancy_week": week,
        "weeks_since_surgery": surgery,
        "operated_side": operated,
        # A "no" is the default (kept), so only a "yes" is written.
        "hip_precautions_lifted": lifted or None,
        "weeks_since_birth": birth,
        "can_get_up_from_floor": answers.get("can_get_up_from_floor"),
        "walking_aid": answers.get("walking_aid", False),
        "blood_pressure": answers.get("blood_pressure"),
    }


def summary(data: Mapping[str, Any], registry: Any) -> list[str]:
    """The profile in a few lines, to check before it is written."""
    schedule = data["schedule"]
    lines = [
        f"Name: {data['name'] or '(none)'}; age {data['age']}; {data['experience']}",
        f"Schedule: {schedule['weeks']} weeks, {schedule['sessions_per_week']} sessions a week "
        f"({' '.join(schedule['days'])}), {schedule['minutes_per_session']} minutes"
        + (f"; sport on {' '.join(schedule['sport_days'])}" if schedule.get("sport_days") else "")
        + (f"; starts {data['start']}" if data["start"] else ""),
        "Equipment: "
        + (", ".join(e.replace("_", " ") for e in data["equipment"]) or "bodyweight only"),
    ]
    signs = [registry.signs[s].question for s in data["signs"]]
    lines.append("You notice: " + ("; ".join(signs) if signs else "none of the signs asked"))
    pain = [
        f"{PAIN_WORDS.get(r, r).split(' (')[0].lower()} {v}/10"
        for r, v in data["pain"].items()
        if v
    ]
    lines.append("Pain: " + (", ".join(pain) if pain else "none"))
    tests = data["tests"] or {}
    names = {t.id: t.name for t in registry.tests.values()}
    lines.append("Self-tests: " + (", ".join(names.get(k, k) for k in tests) if tests else "none"))
    body = []
    if data["walking_aid"]:
        body.append("uses a walking aid")
    if data["can_get_up_from_floor"] is not None:
        body.append(
            "can get down to the floor and up again"
            if data["can_get_up_from_floor"]
            else "cannot get down to the floor and up again safely"
        )
    if data["blood_pressure"]:
        bp = data["blood_pressure"]
        body.append(f"blood pressure {bp['systolic']}/{bp['diastolic']}")
    lines.append("You: " + ("; ".join(body) if body else "nothing more to note"))
    conditions = []
    for pre_id in data["precautions"]:
        words = registry.precautions[pre_id].label
        if "pregnancy_trimester" in registry.precautions[pre_id].required_keys:
            if data["pregnancy_week"]:
                words += f" (week {data['pregnancy_week']})"
            elif data["pregnancy_trimester"]:
                words += f" (trimester {data['pregnancy_trimester']})"
        pre = registry.precautions[pre_id]
        if "weeks_since_surgery" in (*pre.required_keys, *pre.asks) and (
            data["weeks_since_surgery"] is not None
        ):
            words += f" ({data['weeks_since_surgery']} weeks after the operation)"
        if "operated_side" in pre.asks and data.get("operated_side"):
            words += f" ({data['operated_side']} side)"
        if "hip_precautions_lifted" in pre.asks and data.get("hip_precautions_lifted"):
            words += " (precautions lifted by the surgeon)"
        if "weeks_since_birth" in (*pre.required_keys, *pre.asks) and (
            data.get("weeks_since_birth") is not None
        ):
            words += f" ({data['weeks_since_birth']} weeks after the birth)"
        conditions.append(words)
    lines.append("Conditions: " + (", ".join(conditions) if conditions else "none"))
    flags = [registry.red_flags[f].question for f in data["red_flags"]]
    lines.append(
        "Red flags: " + ("; ".join(flags) + " (see a clinician first)" if flags else "none")
    )
    return lines


# --- Asking -------------------------------------------------------------------------------


class _Asker:
    """Prompts on the terminal (or on stderr when the profile goes to stdout), wrapped
    at word boundaries to the terminal's width."""

    def __init__(self, err: bool) -> None:
        self.err = err
        self.width = max(40, min(200, shutil.get_terminal_size((80, 24)).columns))

    def say(self, text: str = "", **style: Any) -> None:
        """``text`` wrapped at word boundaries; its own line breaks are kept, and a
        line's indent continues on its wrapped lines."""
        if not text:
            click.secho("", err=self.err)
        for paragraph in text.splitlines():
            indent = " " * (len(paragraph) - len(paragraph.lstrip()))
            for line in textwrap.wrap(
                paragraph,
                self.width,
                subsequent_indent=indent + "  " if indent else "",
                break_on_hyphens=False,
            ) or [""]:
                click.secho(line, err=self.err, **style)

    def heading(self, text: str) -> None:
        self.say()
        self.say(text, bold=True)

    def raw(self, text: str, default: str | None) -> str:
        """One answer as typed (the default for Enter); the question wrapped, its last
        line the prompt."""
        suffix = f" [{default}]" if default else ""
        lines = textwrap.wrap(text + suffix, self.width - 2, break_on_hyphens=False) or [""]
        for line in lines[:-1]:
            click.echo(line, err=self.err)
        try:
            answer = click.prompt(
                lines[-1],
                default=default or "",
                show_default=False,
                err=self.err,
                value_proc=str,
            )
        except click.Abort:  # Ctrl-C or the end of the answers (Abort is a RuntimeError)
            raise
        except RuntimeError as exc:  # input(): lost sys.stdin
            raise ProfileError(
                "standard input is closed: gluteus init needs answers typed or piped in"
            ) from exc
        return str(answer)


def interview(
    ask: _Asker,
    items: Sequence[Question],
    on_answer: Callable[[Question, Any], None] | None = None,
) -> Answers:
    """Ask ``items`` in order (each when its ``when`` holds), with progress, going back
    one question on ``back``; ``on_answer`` hears each accepted answer at once.
    Returns the answers by key."""
    answers: Answers = {}
    history: list[int] = []
    section = None
    again = -1  # the question being asked again after a bad answer
    i = 0
    while i < len(items):
        q = items[i]
        if not q.when(answers):
            i += 1
            continue
        asked = [x for x in items if x.when(answers)]
        if q.section != section:
            ask.heading(q.section)
            section = q.section
        hint = q.hint(answers) if callable(q.hint) else q.hint
        if hint and again != i:
            ask.say(hint)
        again = -1
        default = q.default
        if q.key == "schedule.days":
            from gluteus.engine.profile import default_days

            default = " ".join(default_days(answers.get("schedule.sessions_per_week", 3)))
        choices = q.choices or (("[y/N]" if default == "n" else "[Y/n]") if q.yes_no else "")
        text = f"({asked.index(q) + 1}/{len(asked)}) {q.text}" + (f" {choices}" if choices else "")
        raw = ask.raw(text, None if q.yes_no or q.choices else default)
        if raw.strip().lower() in BACK:
            if history:
                i = history.pop()
                answers.pop(items[i].key, None)
                section = None
            else:
                ask.say("This is the first question: there is nothing to go back to.")
            continue
        if (q.yes_no or q.choices) and not raw.strip():
            raw = default or ""
        try:
            answers[q.key] = q.parse(raw.strip(), answers)
        except ProfileError as exc:
            ask.say(f"Error: {_reason(exc)}")
            again = i
            continue
        history.append(i)
        if on_answer is not None:
            on_answer(q, answers[q.key])
        i += 1
    return applicable(items, answers)


def applicable(items: Sequence[Question], answers: Answers) -> Answers:
    """The answers to questions that still apply: going back and changing a gate
    ("did you do the test?") drops the answers behind it."""
    return {q.key: answers[q.key] for q in items if q.key in answers and q.when(answers)}


def ask_profile(ask: _Asker, registry: Any, target: str = "") -> dict[str, Any]:
    """Ask every question, show the summary, and return the profile data once the
    person confirms it."""
    items = questions(registry)
    where = f" to {target}" if target else ""

    def refer(q: Question, value: Any) -> None:
        # Said at once, not after the remaining questions: it may be urgent.
        if not (q.key.startswith("red_flag:") and value):
            return
        flag = registry.red_flags.get(q.key.split(":", 1)[1])
        if flag is not None:
            ask.say(f"-> See a clinician first: {flag.see}.", fg="red", bold=True)
            ask.say(flag.message, fg="red")

    def shown(answers: Answers) -> str:
        data = profile_data(applicable(items, answers), registry)
        return "Your answers:\n" + "\n".join(f"  {line}" for line in summary(data, registry))

    def confirm(raw: str, answers: Answers) -> bool:
        if not yes_no(raw, default=True):
            raise click.Abort
        return True

    check = Question(
        "confirm",
        "Check your answers",
        f"Write this profile{where}? (Enter or y to write, 'back' to change the last "
        "answer, n to stop without writing)",
        confirm,
        default="y",
        hint=shown,
        yes_no=True,
    )
    answers = interview(ask, [*items, check], on_answer=refer)
    return profile_data(answers, registry)


# --- The command -------------------------------------------------------------------------


def _target(output: str, force: bool) -> str:
    """The format for ``output``; refuses (exit 2) what cannot or must not be written."""
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


@click.command(short_help="Answer questions in plain words; writes your profile.")
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

    The safety questions (red flags) come first, then age, experience and
    schedule, equipment, what you notice, pain, optional self-tests (each
    explained) and conditions. Each answer is checked at once and asked again,
    with the reason, when it does not fit; type 'back' to return to the previous
    question. A summary is shown before anything is written. The file is written
    whole or not at all, and never over an existing file unless --force is given.

    Exit codes: 0 the profile was written; 2 bad input (the file exists, an
    unknown extension, a missing folder, standard input closed, or the questions
    were cancelled, ran out of answers or the summary was declined: nothing is
    written).
    """
    from gluteus.cli import plugin_manager
    from gluteus.engine.dump import dump_profile
    from gluteus.engine.loading import check_ids, profile_from_dict
    from gluteus.engine.registry import build_registry
    from gluteus.output import write_output

    kind = _target(output, force)  # before any question: no answers are wasted
    if sys.stdin is None or sys.stdin.closed:
        raise ProfileError("standard input is closed: gluteus init needs answers typed or piped in")
    registry = build_registry(plugin_manager())
    ask = _Asker(err=output == "-")
    where = "standard output" if output == "-" else output
    ask.say(
        "gluteus init: a few questions about you and your training. Your answers become a "
        f"profile ({where}) that `gluteus screen` and `gluteus generate` read."
    )
    ask.say(
        "Press Enter to take the answer shown in [brackets]; type 'back' to return to the "
        "previous question; Ctrl-C stops."
    )
    try:
        data = ask_profile(ask, registry, "" if output == "-" else output)
    except click.Abort:
        # Ctrl-C, the end of the answers or a 'no' at the summary: not a bug (exit 1),
        # and nothing is written.
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
    click.secho(f"Wrote {output}.", err=ask.err, bold=True)  # a path is never wrapped
    if profile.red_flags:
        ask.say(
            "Because of your answer to the safety questions, gluteus will not make a "
            "program: please see a clinician first.",
            fg="red",
            bold=True,
        )
    else:
        click.echo(f"Next: gluteus screen {output}", err=ask.err)
        click.echo(f"Then: gluteus generate {output}", err=ask.err)
