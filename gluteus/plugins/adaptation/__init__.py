"""The built-in ``adaptation`` plugin: how a journal changes the remaining weeks.

Rules as data, read by :mod:`gluteus.engine.adapt` (see
:mod:`gluteus.engine.adaptation` for what each kind means):

- the pain traffic light of Silbernagel 2007's pain-monitoring model: 0–3/10
  green (progress), 4–5 amber (hold), over 5 red (regress), and red too when pain
  has not settled by the next morning or rises week to week;
- the criteria gate for a harder rung: the prescribed sets and reps or holds done
  in green sessions with 1–2 reps in reserve (ACSM 2009's step once the target is
  beaten; RPE by reps in reserve after Zourdos 2016), three sessions in a row;
- practice conventions, said as such: three red sessions for one region within
  two weeks call for a clinician; a week with half or more of its sessions missed
  is done again; the tests are re-taken at the end of each phase.

A third-party plugin adds its own rules, scoped to its issues (``issues=(...)``);
where several fit an exercise, the most cautious wins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gluteus.engine.hookspecs import hookimpl

if TYPE_CHECKING:
    from gluteus.engine.adaptation import AdaptationRule
    from gluteus.engine.model import Source

# The data (:mod:`.content`) is imported by the hooks that hand it over, so loading
# the plugin, as `gluteus --help` does, builds none of it.


@hookimpl
def register_sources() -> list[Source]:
    from . import content

    return list(content.SOURCES)


@hookimpl
def register_adaptation_rules() -> list[AdaptationRule]:
    from . import content

    return list(content.RULES)
