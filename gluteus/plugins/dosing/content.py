"""The data of the built-in ``dosing`` plugin, handed over by its hooks (see the
package docstring)."""

from __future__ import annotations

from gluteus.engine.model import EXPERIENCE, PHASES, DoseRule

_CONV_SOURCE = "activation_convention"
_REST_SOURCE = "home_rest_convention"
_BODY = ("bodyweight", "band")
_EXTERNAL = ("external",)
_ALL = ("bodyweight", "band", "external")
_LATER = ("intermediate", "advanced")


ACTIVATION_LOADS: dict[str, str] = {
    "bodyweight": "Your own bodyweight: feel the glutes doing the work",
    "band": "A light band: feel the glutes doing the work",
    "external": "A light weight: feel the glutes doing the work",
}
"""What an activation drill uses, in words, by its load type."""


def _generic() -> tuple[DoseRule, ...]:
    rules: list[DoseRule] = []
    for phase in PHASES:
        for load_type, load in ACTIVATION_LOADS.items():
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
                    load=load,
                    effort=(3, 5),
                    progression="reps",
                    step=2,
                    load_types=(load_type,),
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
                load="Perfect form before anything else",
                effort=(4, 6),
                progression="hold",
                step=5,
                load_types=_ALL,
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
                effort=(2, 3),
                progression="sets",
                max_sets=3,
                load_types=_ALL,
                source="practice_convention",
                evidence="convention",
            )
        )
        # Rio 2015's 2 minutes followed near-maximal machine holds; a bodyweight or band
        # hold at 6-7/10 rests 60 s (home_rest_convention).
        for types, rest, source, evidence in (
            (_BODY, 60, _REST_SOURCE, "convention"),
            (_EXTERNAL, 120, "rio2015", "weak"),
        ):
            rules.append(
                DoseRule(
                    role="isometric",
                    phase=phase,
                    sets=3,
                    max_sets=5,
                    hold_s=20,
                    max_hold_s=45,
                    rest_s=rest,
                    tempo="hold",
                    load="A firm, steady hold, breathing throughout; pain no higher than 3/10",
                    effort=(6, 7),
                    progression="hold",
                    step=5,
                    load_types=types,
                    source=source,
                    evidence=evidence,
                )
            )
        for types, rest, source, evidence in (
            (_BODY, 60, _REST_SOURCE, "convention"),
            (_EXTERNAL, 90, "visnes_bahr2007", "verified"),
        ):
            rules.append(
                DoseRule(
                    role="eccentric",
                    phase=phase,
                    sets=2,
                    max_sets=4,
                    reps=(8, 12),
                    rest_s=rest,
                    tempo="1-0-4",
                    load="Lower slowly, for a count of four, on every rep",
                    effort=(6, 7),
                    rir=(3, 4),
                    progression="sets",
                    step=1,
                    load_types=types,
                    source=source,
                    evidence=evidence,
                )
            )
        rules.append(
            DoseRule(
                role="power",
                phase=phase,
                sets=2,
                max_sets=4,
                reps=(6, 10),
                rest_s=90,
                tempo="fast up, controlled down",
                load="Every rep as fast as you safely can; stop the set when the speed drops",
                effort=(5, 7),
                progression="sets",
                step=1,
                load_types=_BODY,
                source="acsm_secondary",
                evidence="verified",
            )
        )
        rules.append(
            DoseRule(
                role="power",
                phase=phase,
                sets=2,
                max_sets=4,
                reps=(6, 10),
                rest_s=90,
                tempo="fast up, controlled down",
                load="A light weight moved fast; stop the set when the speed drops",
                effort=(5, 7),
                progression="sets",
                step=1,
                load_types=_EXTERNAL,
                source="acsm_secondary",
                evidence="verified",
            )
        )
        if phase == "activation":
            # Endurance range first (ACSM: light loads, 10-25 reps, 30-60 s rest).
            rules.append(
                DoseRule(
                    role="strength",
                    phase=phase,
                    sets=2,
                    max_sets=3,
                    reps=(12, 20),
                    rest_s=60,
                    tempo="2-1-2",
                    load="Light: easy to control all the way",
                    effort=(5, 6),
                    rir=(4, 5),
                    progression="reps",
                    step=2,
                    load_types=_ALL,
                    source="acsm_secondary",
                    evidence="verified",
                )
            )
            continue
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
                load="with good form on every rep",
                effort=(7, 8),
                rm=(8, 12),
                rir=(2, 3),
                # Heavier by weeks, as for everyone (Kongsgaard 2009; ACSM 2009): the reps
                # fall by two a loading week at the same reps in reserve, so the weight
                # rises by about 5% a step, within ACSM's 2-10%. Reps that rose at the same
                # reserve would name a lighter weight each week.
                progression="load",
                step=2,
                load_types=_EXTERNAL,
                source="acsm2009",
                evidence="verified",
            )
        )
        rules.append(
            DoseRule(
                role="strength",
                phase=phase,
                experience=_LATER,
                sets=3,
                max_sets=5,
                reps=(6, 10) if phase == "strength" else (4, 6),
                rest_s=150,
                tempo="2-0-2",
                load="with good form on every rep",
                effort=(8, 9),
                rm=(6, 10) if phase == "strength" else (4, 6),
                rir=(1, 2),
                progression="load",
                step=2,
                load_types=_EXTERNAL,
                source="acsm2009",
                evidence="verified",
            )
        )
        for levels, sets, max_sets in ((("novice",), 2, 3), (_LATER, 3, 4)):
            rules.append(
                DoseRule(
                    role="strength",
                    phase=phase,
                    experience=levels,
                    sets=sets,
                    max_sets=max_sets,
                    reps=(8, 15),
                    rest_s=75,
                    tempo="2-1-2",
                    load="Slow and controlled; when the top of the range is easy with good "
                    "form, move on to the next, harder version",
                    effort=(7, 8),
                    rir=(2, 3),
                    progression="reps",
                    step=2,
                    load_types=_BODY,
                    source="acsm2009",
                    evidence="verified",
                )
            )
    return tuple(rules)


DOSING: tuple[DoseRule, ...] = _generic()

assert {r.experience for r in DOSING} <= {EXPERIENCE, ("novice",), _LATER}
