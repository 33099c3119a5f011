"""The plugin contract of gluteus: every hook a plugin may implement.

A plugin is a module (or object) with functions decorated by
``@gluteus.hookimpl`` and named after the hooks below. Built-in issue modules
(``gluteus.plugins.*``) use exactly these hooks; a third-party package registers
its module under the ``gluteus`` entry-point group::

    [project.entry-points.gluteus]
    hamstrings = "gluteus_hamstrings"

How results combine: every ``register_*`` hook is called once per plugin, one
plugin at a time, and returns a list (or None for nothing). The engine
concatenates the lists, stamps each item with the plugin that returned it, and
rejects duplicate ids naming both plugins. A hook that raises, or returns
something that is not a list of the documented type, is reported as a
:class:`gluteus.PluginError` naming the plugin.

Hooks take only the arguments they name (pluggy's opt-in arguments), so new
arguments can be added to a spec without breaking existing plugins. Hook
functions must not give their parameters default values: pluggy does not pass
arguments to parameters that have defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .adaptation import AdaptationRule
    from .model import (
        Assessment,
        DoseRule,
        Equipment,
        Exercise,
        Finding,
        Issue,
        Ladder,
        ObjectiveTest,
        PainRegion,
        PersonState,
        Precaution,
        RedFlag,
        Renderer,
        SafetyRule,
        Sign,
        Source,
    )
    from .profile import Profile

PROJECT = "gluteus"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_issues() -> list[Issue] | None:
    """Declare the issues (messages from the glutes) this plugin grades.

    Called once when the registry is built. Returns :class:`~gluteus.engine.model.Issue`
    objects; ids are unique across all plugins.
    """


@hookspec
def register_signs() -> list[Sign] | None:
    """Declare the signs a person may report, each with its plain-words question.

    Called once when the registry is built. Returns :class:`~gluteus.engine.model.Sign`
    objects whose ``issue`` is an issue some plugin declares. A profile may only list
    sign ids that some loaded plugin declares.
    """


@hookspec
def register_red_flags() -> list[RedFlag] | None:
    """Declare red flags: any one present in a profile stops generation with a referral.

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.RedFlag` objects, each saying whom to see and how
    urgently.
    """


@hookspec
def register_precautions() -> list[Precaution] | None:
    """Declare precautions a profile may list (pregnancy, hip replacement, ...).

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.Precaution` objects; what a precaution *does* is
    said by safety rules that trigger on it.
    """


@hookspec
def register_equipment() -> list[Equipment] | None:
    """Declare equipment a profile may list (besides bodyweight, always there).

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.Equipment` objects: id, plain-words name, how it loads
    an exercise, and which equipment ids it may stand in for. A profile may only list
    equipment that some loaded plugin declares.
    """


@hookspec
def register_pain_regions() -> list[PainRegion] | None:
    """Declare body regions a profile may rate pain for (``pain: {region: 0-10}``).

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.PainRegion` objects.
    """


@hookspec
def register_tests() -> list[ObjectiveTest] | None:
    """Declare objective tests a profile may give results for (``tests: {id: result}``).

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.ObjectiveTest` objects: id, name, kind (seconds,
    count or positive), whether it is done on each side, bounds, instructions and the
    source of any cut-off. Screening, safety-rule conditions (``test.<id>``) and
    ``gluteus init`` use them.
    """


@hookspec
def register_person_states() -> list[PersonState] | None:
    """Declare person states this plugin assesses (falls risk, pregnancy stage, ...).

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.PersonState` objects with the values each can take.
    Safety rules condition on them as ``state.<id>``.
    """


@hookspec
def assess_person(profile: Profile, week: int) -> list[Assessment] | None:
    """Assess the person states this plugin declares, for one week of the program.

    Called for each program week (``week`` 1-based) before screening; states may
    change as the weeks pass (a pregnancy moves into its next trimester, an operation
    recedes), so rules follow them week by week. Returns one
    :class:`~gluteus.engine.model.Assessment` per declared state, with the value and
    why in plain words. Must be a pure function of its arguments; the profile is a
    copy (changing it changes nothing).
    """


@hookspec
def register_sources() -> list[Source] | None:
    """Declare the citations this plugin's content refers to by key.

    Called once when the registry is built. Every ``source`` key used by an exercise,
    ladder, dose rule, safety rule, red flag or precaution must resolve to a
    :class:`~gluteus.engine.model.Source` some plugin declares.
    """


@hookspec
def screen(
    profile: Profile, signs: dict[str, Sign], tests: dict[str, ObjectiveTest]
) -> list[Finding] | None:
    """Grade this plugin's issues for one profile.

    Called once per generation or ``gluteus screen``, after the red-flag gate has
    passed. Receives the validated profile, every declared sign by id and every
    declared objective test by id (a test's ``cutoffs`` say which results count
    towards which issue, whichever plugin declares it:
    :meth:`~gluteus.engine.model.ObjectiveTest.beyond`). Returns one
    :class:`~gluteus.engine.model.Finding` per issue the plugin declares, severity
    0 (nothing found) to 3, with the signs and test results that counted, the weaker
    side when left and right differ meaningfully, and notes. Must be a pure function
    of its arguments. Issues in ``profile.focus`` are kept by the engine even at
    severity 0.
    """


@hookspec
def register_exercises() -> list[Exercise] | None:
    """Contribute exercises to the catalogue.

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.Exercise` objects. An exercise that serves several
    issues is declared once, by one plugin, with every issue in ``issues``; ids are
    unique across plugins.
    """


@hookspec
def register_ladders() -> list[Ladder] | None:
    """Contribute progression ladders: ordered chains of exercise ids, easiest first.

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.Ladder` objects whose steps name exercises some
    plugin contributes; each step says when to advance and when to regress. Ladders
    must be acyclic.
    """


@hookspec
def register_dosing() -> list[DoseRule] | None:
    """Contribute dose rules: sets, reps or holds, rest, tempo, load and weekly progression.

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.DoseRule` objects keyed by role, phase and
    experience, optionally by issue. For an exercise the planner uses a rule for one
    of its issues (issues found in the person first, then the exercise's own order),
    else the generic rule (``issue=None``) for its role; the first registered wins
    among equals. An exercise with no rule for a phase is not used in that phase.
    """


@hookspec
def register_safety_rules() -> list[SafetyRule] | None:
    """Contribute safety rules as data: a trigger and the actions it takes.

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.SafetyRule` objects. The engine (not the plugin)
    decides which rules apply to a profile, unions their exclusions and takes the
    most restrictive caps; the finished program is re-checked against them.
    """


@hookspec
def register_renderers() -> list[Renderer] | None:
    """Contribute output formats for ``gluteus generate --format NAME``.

    Called once when the registry is built. Returns
    :class:`~gluteus.engine.model.Renderer` objects; a format name is unique across
    plugins.
    """


@hookspec
def register_adaptation_rules() -> list[AdaptationRule] | None:
    """Contribute adaptation rules: how a journal's entries change the remaining weeks.

    Called once per adaptation (``gluteus adapt``, :func:`gluteus.adapt`). Returns
    rules from :mod:`gluteus.engine.adaptation`: ``PainRule`` (the pain traffic
    light's thresholds), ``ProgressRule`` (the criteria gate for moving up a ladder),
    ``ReferralRule`` (repeated red sessions in a region), ``MissedRule`` (missed
    sessions repeat a week) and ``RetestRule`` (re-take the tests at phase ends).
    A rule's ``issues`` scope it to exercises serving those issues, so a plugin
    adapts its own content; where several fit, the most cautious wins. Ids are
    unique across plugins and ``source`` must be a declared source key.
    """


@hookspec
def register_commands(cli: Any) -> None:
    """Add commands to the ``gluteus`` command line.

    Called once when the command line starts, with the root ``click.Group``; call
    ``cli.command()`` or ``cli.add_command(...)`` on it. Return nothing.
    """
