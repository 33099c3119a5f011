"""The person model: who the person is, week by week, as the plugins assess it.

Plugins declare person states (:class:`~gluteus.engine.model.PersonState`: falls
risk, pregnancy stage, stage after a joint replacement, ...) and assess them for
each program week through the ``assess_person`` hook, because some change as the
weeks pass. The model is computed once per program, before screening, and used by
everything that decides what is safe: the red-flag gate, the safety rules
(``state.<id>`` facts), the planner and the verifier. The program carries it
(``person`` in the program JSON) so the person can read why their program looks as
it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pluggy
from attrs import frozen

from .errors import PluginError
from .model import Assessment
from .profile import Profile
from .registry import Registry, call_each


@frozen
class Stretch:
    """One state holding one value over a run of weeks, and why."""

    state: str
    name: str
    value: str
    why: str
    weeks: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """The entry of the program JSON's ``person`` list."""
        return {
            "state": self.state,
            "name": self.name,
            "value": self.value,
            "why": self.why,
            "weeks": list(self.weeks),
        }


@frozen
class PersonModel:
    """Every declared state's assessment in every program week (``weeks[0]`` is week 1)."""

    weeks: tuple[tuple[Assessment, ...], ...]
    names: tuple[tuple[str, str], ...] = ()  # state id -> display name

    def at(self, week: int) -> tuple[Assessment, ...]:
        """The assessments of program week ``week`` (1-based)."""
        return self.weeks[week - 1]

    def value(self, state: str, week: int = 1) -> str | None:
        """The value of ``state`` in ``week``, or None when no plugin assessed it."""
        return next((a.value for a in self.at(week) if a.state == state), None)

    def stretches(self) -> Iterator[Stretch]:
        """Each state's runs of weeks with one value, in state order then week order;
        each run says why in the words of its first week."""
        names = dict(self.names)
        states = sorted({a.state for week in self.weeks for a in week})
        for state in states:
            run: list[int] = []
            first: Assessment | None = None
            for number, assessments in enumerate(self.weeks, start=1):
                found = next((a for a in assessments if a.state == state), None)
                if first is not None and (found is None or found.value != first.value):
                    yield Stretch(
                        state, names.get(state, state), first.value, first.why, tuple(run)
                    )
                    run, first = [], None
                if found is not None:
                    first = first or found
                    run.append(number)
            if first is not None:
                yield Stretch(state, names.get(state, state), first.value, first.why, tuple(run))

    def to_list(self) -> list[dict[str, Any]]:
        """The program JSON's ``person`` list."""
        return [s.to_dict() for s in self.stretches()]


def assess(profile: Profile, pm: pluggy.PluginManager, registry: Registry) -> PersonModel:
    """Ask every plugin to assess its person states for each week of the program.

    Each plugin gets its own copy of the profile. A plugin that assesses a state it
    does not declare, gives a value the state cannot take, or leaves one of its states
    unassessed is named in a :class:`PluginError`.
    """
    weeks: list[tuple[Assessment, ...]] = []
    for week in range(1, profile.schedule.weeks + 1):
        found: dict[str, Assessment] = {}
        for plugin, result in call_each(
            pm, "assess_person", fresh=True, profile=profile, week=week
        ):
            if result is None:
                continue
            if not isinstance(result, list | tuple):
                raise PluginError(
                    plugin, f"hook assess_person returned {type(result).__name__}, expected a list"
                )
            for item in result:
                if not isinstance(item, Assessment):
                    raise PluginError(
                        plugin,
                        f"hook assess_person returned a {type(item).__name__}, expected Assessment",
                    )
                state = registry.person_states.get(item.state)
                if state is None or registry.plugin_of("person_state", item.state) != plugin:
                    raise PluginError(
                        plugin,
                        f"hook assess_person assessed {item.state!r}, a state it does not declare",
                    )
                if item.value not in state.values:
                    raise PluginError(
                        plugin,
                        f"hook assess_person gave {item.state} the value {item.value!r}; "
                        f"expected one of {', '.join(state.values)}",
                    )
                if item.state in found:
                    raise PluginError(plugin, f"hook assess_person assessed {item.state!r} twice")
                found[item.state] = item
        missing = sorted(set(registry.person_states) - set(found))
        if missing:
            owner = registry.plugin_of("person_state", missing[0]) or "?"
            raise PluginError(
                owner, f"hook assess_person did not assess {', '.join(missing)} for week {week}"
            )
        weeks.append(tuple(found[s] for s in sorted(found)))
    names = tuple(sorted((s.id, s.name) for s in registry.person_states.values()))
    return PersonModel(weeks=tuple(weeks), names=names)
