"""Screening for ``inhibition`` (glutes switched off): its signs and its grade.

Only the person's signs count. There is no validated test for 'inhibited'
glutes: the prone hip extension firing-order test has sensitivity 0.18-0.27 and
specificity 0.63-0.78, and glute max fires late on it even in healthy people
(Bruno 2014; a systematic review), so no test result and no pain region is used
here. Pain is graded by the modules whose regions it belongs to.
"""

from __future__ import annotations

from gluteus.engine.model import Finding, Sign, Source
from gluteus.engine.profile import Profile
from gluteus.plugins import _screening as sc

ISSUE = "inhibition"

SIGNS: tuple[Sign, ...] = (
    Sign(
        "barely_feel_glutes",
        ISSUE,
        "Do you barely feel your glutes working during exercises meant for them, "
        "like bridges or squats?",
        name="barely feeling your glutes work",
    ),
    Sign(
        "hamstrings_or_back_take_over",
        ISSUE,
        "When you do glute exercises, do you feel them mostly in your hamstrings "
        "or your low back instead?",
        name="hamstrings or low back taking over",
    ),
    Sign(
        "flat_glutes_despite_training",
        ISSUE,
        "Have your glutes stayed flat or weak even though you train them regularly?",
        name="flat glutes despite training",
    ),
)
"""The inhibition signs (a profile's ``signs``), each with the yes/no question a person is asked."""

SOURCES: tuple[Source, ...] = sc.SOURCES

CAVEAT = (
    "Evidence is very weak: 'switched-off' glutes rest on expert opinion. There is no "
    "validated test (prone hip extension firing order: sensitivity 0.18-0.27, specificity "
    "0.63-0.78, Bruno 2014), so this grade counts only what you notice."
)


def grade(profile: Profile) -> Finding:
    """Grade inhibition 0-3 from its signs alone (1 point each; see module docstring)."""
    evidence = sc.count_signs(profile, [s.id for s in SIGNS], sc.Evidence())
    return sc.finish(ISSUE, evidence, CAVEAT)
