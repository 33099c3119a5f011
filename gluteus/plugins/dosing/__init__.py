"""The built-in ``dosing`` plugin: generic dose rules every issue module shares.

One rule per role, phase, experience level and load type (``issue=None``), used for
any exercise whose issue has no rule of its own (see
:func:`gluteus.engine.dosing.choose_rule`). They live in their own plugin, not in an
issue module, so that an app may run any subset of the issue modules; a third-party
plugin may contribute issue-specific rules that win over these.

Numbers: ACSM 2009 (novice 8–12RM; intermediate and advanced heavier, leaning on
1–6RM in the power phase; +2–10% once the top of the range is beaten) and the ACSM
endurance and power ranges (endurance: light loads, 10–25 reps; power for older
adults: light loads, 6–10 fast reps). Effort is structured, never a percentage of a
one-repetition maximum: RPE 0–10 with reps in reserve about 10 − RPE (Zourdos 2016:
RPE 8 is 2 reps in reserve, RPE 7 is 3), and a repetition maximum for external loads
only. The engine names that load from each dose's reps and reps in reserve (8 reps
with 3 in reserve: "a weight you could lift about 11 times"), so a rule's load words
only add how to lift it. Activation and stability doses are convention. Bodyweight
and band work is never dosed by % or RM: it progresses by reps, holds and tempo, then
by the next rung of its ladder, and each load type has its own rule so that its words
fit it (no band on a bodyweight exercise). Heavy sets call for 3–5 minutes' rest; a home session
cannot afford that, so rests are 2–3 minutes (the heavy slow resistance range of
Kongsgaard 2009) and the load is kept at 1–2 reps in reserve to make up for it.
Bodyweight and band holds and slow-lowering reps rest 60 s (home_rest_convention).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gluteus.engine.hookspecs import hookimpl

if TYPE_CHECKING:
    from gluteus.engine.model import DoseRule, Source

# The data (:mod:`.content`) is imported by the hooks that hand it over, so loading
# the plugin, as `gluteus --help` does, builds none of it.


@hookimpl
def register_sources() -> list[Source]:
    from gluteus.plugins import _sources

    return list(_sources.ALL)


@hookimpl
def register_dosing() -> list[DoseRule]:
    from . import content

    return list(content.DOSING)
