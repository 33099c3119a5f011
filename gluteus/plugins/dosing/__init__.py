"""The built-in ``dosing`` plugin: generic dose rules every issue module shares.

One rule per role, phase and experience level (``issue=None``), used for any
exercise whose issue has no rule of its own (see
:func:`gluteus.engine.dosing.choose_rule`). They live in their own plugin, not in
an issue module, so that an app may run any subset of the issue modules; a
third-party plugin may contribute issue-specific rules that win over these.
"""

from __future__ import annotations

from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import EXPERIENCE, PHASES, DoseRule, Source
from gluteus.plugins import _sources as src

# Numbers: ACSM 2009 (novice 8-12RM; intermediate/advanced heavier, leaning on
# 1-6RM) and the ACSM endurance/power ranges; activation and stability doses are
# convention. Heavy sets call for 3-5 min rest; a home session cannot afford that,
# so rests are 2-3 min (the HSR range of Kongsgaard 2009) and the load is kept at
# 2 reps in reserve to compensate.

_CONV_SOURCE = "activation_convention"


def _generic() -> tuple[DoseRule, ...]:
    rules: list[DoseRule] = []
    for phase in PHASES:
        rules.append(
            DoseRule(
                role="activation",
                phase=phase,
                sets=2,
                max_sets=3,
                reps=(10, 15),
                hold_s=10,
                max_hold_s=10,
                rest_s=30,
                tempo="2-1-2",
                load="Bodyweight or a light band, RPE 4-6",
                progression="reps",
                step=2,
                source=_CONV_SOURCE,
                evidence="convention",
            )
        )
        rules.append(
            DoseRule(
                role="stability",
                phase=phase,
                sets=2,
                max_sets=3,
                reps=(8, 12),
                hold_s=20,
                max_hold_s=45,
                rest_s=30,
                tempo="3-1-3",
                load="Bodyweight; perfect form, RPE 5-7",
                progression="hold",
                step=5,
                source=_CONV_SOURCE,
                evidence="convention",
            )
        )
        rules.append(
            DoseRule(
                role="mobility",
                phase=phase,
                sets=2,
                hold_s=30,
                max_hold_s=30,
                rest_s=15,
                tempo="hold",
                load="Gentle, no pain",
                progression="sets",
                max_sets=3,
                source="practice_convention",
                evidence="convention",
            )
        )
        rules.append(
            DoseRule(
                role="isometric",
                phase=phase,
                sets=3,
                max_sets=5,
                hold_s=20,
                max_hold_s=45,
                rest_s=60,
                tempo="hold",
                load="Firm effort (RPE 6-7), pain no higher than 3/10",
                progression="hold",
                step=5,
                source="rio2015",
                evidence="weak",
            )
        )
        rules.append(
            DoseRule(
                role="eccentric",
                phase=phase,
                sets=2,
                max_sets=4,
                reps=(8, 12),
                rest_s=90,
                tempo="1-0-4",
                load="A load you can lower slowly for every rep, 2 reps in reserve",
                progression="sets",
                step=1,
                source="visnes_bahr2007",
                evidence="verified",
            )
        )
        rules.append(
            DoseRule(
                role="power",
                phase=phase,
                experience=EXPERIENCE,
                sets=2,
                max_sets=4,
                reps=(6, 10),
                rest_s=90,
                tempo="fast up, controlled down",
                load="Bodyweight, or 40-60% of a 1RM; every rep fast, stop when speed drops",
                progression="sets",
                step=1,
                source="acsm_secondary",
                evidence="verified",
            )
        )
        if phase == "activation":
            # Endurance range first (ACSM: <70% 1RM, 10-25 reps, 30-60 s rest).
            rules.append(
                DoseRule(
                    role="strength",
                    phase=phase,
                    sets=2,
                    max_sets=3,
                    reps=(12, 20),
                    rest_s=60,
                    tempo="2-1-2",
                    load="Light: 3-4 reps in reserve (RPE 6-7)",
                    progression="reps",
                    step=2,
                    source="acsm_secondary",
                    evidence="verified",
                )
            )
        else:
            rules.append(
                DoseRule(
                    role="strength",
                    phase=phase,
                    experience=("novice",),
                    sets=2,
                    max_sets=3,
                    reps=(8, 12),
                    rest_s=90,
                    tempo="2-1-2",
                    load="8-12RM with 2 reps in reserve (RPE 8); +2-10% once the top is beaten by 1-2 reps",
                    progression="reps",
                    step=1,
                    source="acsm2009",
                    evidence="verified",
                )
            )
            rules.append(
                DoseRule(
                    role="strength",
                    phase=phase,
                    experience=("intermediate", "advanced"),
                    sets=3,
                    max_sets=5,
                    reps=(6, 10) if phase == "strength" else (4, 6),
                    rest_s=150,
                    tempo="2-0-2",
                    load="6-10RM (4-6RM in the power phase) at 1-2 reps in reserve",
                    progression="load",
                    step=1,
                    source="acsm2009",
                    evidence="verified",
                )
            )
    return tuple(rules)


DOSING: tuple[DoseRule, ...] = _generic()


@hookimpl
def register_sources() -> list[Source]:
    return list(src.ALL)


@hookimpl
def register_dosing() -> list[DoseRule]:
    return list(DOSING)
