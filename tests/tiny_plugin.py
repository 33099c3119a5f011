"""A tiny, self-contained plugin and a hand-built program that satisfies it.

Verification, rendering and schema tests use these so they do not depend on the
built-in clinical content or the planner: every fact a test relies on is visible
here. :func:`program` builds a valid program; tests hand-edit its dict.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from gluteus.engine.api import Context, context
from gluteus.engine.dosing import Effort
from gluteus.engine.hookspecs import hookimpl
from gluteus.engine.model import (
    DAYS,
    ROLES,
    Cap,
    Exercise,
    Finding,
    Issue,
    Precaution,
    RedFlag,
    Referral,
    Requirement,
    SafetyRule,
    Sign,
    Source,
    Trigger,
)
from gluteus.engine.pluginmanager import make_plugin_manager
from gluteus.engine.profile import Pain, Preferences, Profile, Schedule
from gluteus.engine.program import Phase, Prescription, Program, Session, Week


def _ex(id: str, role: str, position: str, planes: tuple[str, ...], **kw: Any) -> Exercise:
    defaults: dict[str, Any] = dict(
        name=id.replace("_", " ").capitalize(),
        issues=("inhibition",),
        equipment=(),
        loaded=False,
        unilateral=False,
        level=1,
        cues=(f"{id} cue",),
        fault=f"{id} fault",
        source="tiny",
        evidence="convention",
        seconds_per_rep=3.0,
        targets=("gmax",),
    )
    defaults.update(kw)
    return Exercise(id=id, role=role, position=position, planes=planes, **defaults)


EXERCISES = (
    _ex(
        "clamshell",
        "activation",
        "side-lying",
        ("frontal", "transverse"),
        issues=("inhibition", "knees"),
        targets=("gmed",),
        unilateral=True,
    ),
    _ex(
        "standing_squeeze", "activation", "standing", ("sagittal",), seconds_per_rep=None, hold_s=10
    ),
    _ex("glute_bridge", "activation", "supine", ("sagittal",)),
    _ex(
        "band_walk",
        "strength",
        "standing",
        ("frontal",),
        issues=("knees",),
        equipment=("mini_band",),
        loaded=True,
        targets=("gmed",),
    ),
    _ex(
        "lateral_step_up",
        "strength",
        "standing",
        ("frontal", "transverse"),
        issues=("knees", "inhibition"),
        equipment=("step",),
        unilateral=True,
    ),
    _ex("jump_squat", "power", "standing", ("sagittal",), issues=("knees",)),
    _ex(
        "hip_thrust",
        "strength",
        "supine",
        ("sagittal",),
        equipment=("bench",),
        loaded=True,
    ),
)

RULES = (
    SafetyRule(
        id="pregnancy-no-supine",
        description="No lying on the back or front after the first trimester.",
        source="tiny",
        evidence="verified",
        when=Trigger(precautions=("pregnancy",), min_trimester=2),
        exclude_positions=("supine", "prone"),
        stop_signs=("bleeding", "dizziness"),
    ),
    SafetyRule(
        id="inhibition-activation-first",
        description="Activation opens each session, before anything loaded.",
        source="tiny",
        evidence="convention",
        when=Trigger(findings=("inhibition",)),
        requires=(
            Requirement(kind="session_opens", roles=("activation",)),
            Requirement(kind="before_loaded", roles=("activation",)),
        ),
    ),
    SafetyRule(
        id="knees-3d",
        description="Frontal and transverse plane work every week.",
        source="tiny",
        evidence="recalled",
        when=Trigger(findings=("knees",)),
        requires=(Requirement(kind="weekly", planes=("frontal", "transverse"), issue="knees"),),
    ),
    SafetyRule(
        id="knee-pain",
        description="With knee pain: no power work, fewer sets, shorter holds.",
        source="tiny",
        evidence="convention",
        when=Trigger(pain=(("knee", 4),)),
        exclude_roles=("power",),
        cap=Cap(max_sets=2, max_hold_s=20),
        notes=("Pain during exercise: 0-3/10 is fine, 4-5 acceptable, over 5 too much.",),
    ),
)

ISSUES = (
    Issue(
        id="inhibition",
        name="Glutes switched off",
        message="Your glutes are off the clock.",
        fix="Activation opens every session.",
        evidence="weak",
        evidence_note="Expert opinion only.",
        order=1,
    ),
    Issue(
        id="knees",
        name="Knees cave in",
        message="Weak glute med lets the knees cave in.",
        fix="Frontal and transverse work every week.",
        evidence="verified",
        order=2,
    ),
)


class TinyPlugin:
    """Two issues, seven exercises, four rules: enough to break every invariant."""

    gluteus_name = "tiny"

    @hookimpl
    def register_issues(self) -> list[Issue]:
        return list(ISSUES)

    @hookimpl
    def register_signs(self) -> list[Sign]:
        return [
            Sign(id="barely_feel_glutes", issue="inhibition", question="Barely feel them?"),
            Sign(id="knees_cave_in", issue="knees", question="Knees cave in?"),
        ]

    @hookimpl
    def register_red_flags(self) -> list[RedFlag]:
        return [
            RedFlag(
                id="saddle_numbness",
                question="Numb saddle area?",
                urgency="emergency",
                see="emergency department",
                message="Possible cauda equina syndrome.",
                source="tiny",
            )
        ]

    @hookimpl
    def register_precautions(self) -> list[Precaution]:
        return [
            Precaution(id="pregnancy", question="Pregnant?", source="tiny", needs_trimester=True)
        ]

    @hookimpl
    def register_sources(self) -> list[Source]:
        return [Source(key="tiny", citation="A tiny test source.", level="convention")]

    @hookimpl
    def register_exercises(self) -> list[Exercise]:
        return list(EXERCISES)

    @hookimpl
    def register_safety_rules(self) -> list[SafetyRule]:
        return list(RULES)

    @hookimpl
    def screen(self, profile: Profile) -> list[Finding]:
        return [
            Finding(
                issue="inhibition",
                severity=2 if "barely_feel_glutes" in profile.signs else 0,
                signs=("barely_feel_glutes",) if "barely_feel_glutes" in profile.signs else (),
            ),
            Finding(
                issue="knees",
                severity=2 if "knees_cave_in" in profile.signs else 0,
                signs=("knees_cave_in",) if "knees_cave_in" in profile.signs else (),
                weaker_side="left" if "knees_cave_in" in profile.signs else None,
            ),
        ]


def tiny_context(*extra: object) -> Context:
    """A context with the tiny plugin (plus ``extra`` plugins) and nothing else."""
    import gluteus.plugins.basics as basics

    # The shared vocabulary (equipment, pain regions, tests) is the basics plugin's.
    pm = make_plugin_manager(
        defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), *extra]
    )
    return context(pm)


PROFILE = Profile(
    age=34,
    name="Tess",
    start=dt.date(2026, 12, 7),  # a Monday
    schedule=Schedule(weeks=6, sessions_per_week=2, minutes_per_session=30, days=("mon", "thu")),
    equipment=("mini_band", "step"),
    signs=("barely_feel_glutes", "knees_cave_in"),
    seed=0,
)


@functools.cache
def _catalogue() -> Mapping[str, Exercise]:
    # The registry's entries: what it derives (load type, the floor tag) included.
    return tiny_context().registry.exercises


def rx(ex_id: str, sets: int = 2, minutes: float = 4.0, **kw: Any) -> Prescription:
    """A prescription copying the catalogue's facts for ``ex_id``."""
    ex = _catalogue()[ex_id]
    fields: dict[str, Any] = dict(
        id=ex.id,
        name=ex.name,
        issues=ex.issues,
        role=ex.role,
        sets=sets,
        reps=None if ex.is_hold else 12,
        hold_s=ex.hold_s,
        side="each" if ex.unilateral else "both",
        load="bodyweight" if not ex.loaded else "light band",
        rest_s=45,
        minutes=minutes,
        equipment=ex.equipment,
        position=ex.position,
        planes=ex.planes,
        loaded=ex.loaded,
        cues=ex.cues,
        tempo="2-1-2",
        level=ex.level,
        fault=ex.fault,
        why=f"Why {ex.id}.",
        evidence=ex.evidence,
        source=ex.source,
        tags=ex.tags,
        targets=ex.targets,
        family=ex.family,
        load_type=ex.load_type,
        effort=Effort(),
    )
    fields.update(kw)
    return Prescription(**fields)


def _session(day: str, date: dt.date | None, sets: int) -> Session:
    return Session(
        day=day,
        date=date,
        exercises=(
            rx("clamshell", sets),
            rx("standing_squeeze", sets),
            rx("band_walk", sets, minutes=6.5),
            rx("lateral_step_up", sets, minutes=5.0),
        ),
    )


def build(profile: Profile = PROFILE, ctx: Context | None = None) -> Program:
    """A program for ``profile`` that breaks no rule: the same four exercises in every
    session, with the phases, blocks, deloads and words of the engine's own skeleton."""
    from gluteus.engine.demands import training
    from gluteus.engine.person import assess
    from gluteus.engine.program import engine_info, engine_warning, issue_info
    from gluteus.engine.safety import program_safety
    from gluteus.engine.screening import screen
    from gluteus.engine.skeleton import (
        PHASE_GOALS,
        PHASE_NAMES,
        build_skeleton,
        phase_note,
        stages_of,
    )

    ctx = ctx or tiny_context()
    findings = screen(profile, ctx.pm, ctx.registry)
    who = training(findings)
    person = assess(profile, ctx.pm, ctx.registry)
    safety = program_safety(profile, findings, ctx.registry, person)
    skeleton = build_skeleton(
        profile.schedule.weeks,
        profile.experience,
        who.max_severity,
        bool(who.trained),
        stages_of(safety, profile.walking_aid),
    )
    block_of = {w: b.number for b in skeleton.blocks for w in b.weeks}
    weeks = []
    for n in range(1, profile.schedule.weeks + 1):
        deload = n in skeleton.deloads
        sets = 1 if deload else 2
        sessions = []
        for day in profile.days:
            date = None
            if profile.start:
                offset = (DAYS.index(day) - profile.start.weekday()) % 7
                date = profile.start + dt.timedelta(days=7 * (n - 1) + offset)
            sessions.append(_session(day, date, sets))
        weeks.append(
            Week(
                number=n,
                phase=PHASE_NAMES[skeleton.phase_of(n)],
                deload=deload,
                block=block_of[n],
                sessions=sessions,
            )
        )
    restrictions = safety.everywhere
    version, plugins = engine_info(ctx)
    warnings = () if who.trained else (engine_warning("no_issue", profile.schedule),)
    return Program(
        status="ok",
        profile=profile,
        engine_version=version,
        plugins=plugins,
        findings=findings,
        phases=tuple(
            Phase(
                name=PHASE_NAMES[kind],
                kind=kind,
                weeks=w,
                goal=PHASE_GOALS[kind],
                note=phase_note(skeleton, kind),
            )
            for kind, w in skeleton.phases
        ),
        weeks=weeks,
        warnings=warnings,
        issues=issue_info(ctx, tuple(f.issue for f in findings)),
        safety_rules=safety.rule_entries(),
        person=tuple(person.to_list()),
        stop_signs=restrictions.stop_signs,
        notes=restrictions.notes,
    )


def program_dict(profile: Profile = PROFILE) -> dict[str, Any]:
    """A fresh, deep-copied valid program dict for hand-editing."""
    return copy.deepcopy(build(profile).to_dict())


def referral(profile: Profile | None = None) -> Program:
    """The referral document for a profile with a red flag."""
    from gluteus.engine.program import referral_program

    ctx = tiny_context()
    profile = profile or Profile(age=50, red_flags=("saddle_numbness",), seed=0)
    ref = Referral(
        flag="saddle_numbness",
        message="Possible cauda equina syndrome.",
        urgency="emergency",
        see="emergency department",
    )
    return referral_program(profile, (ref,), ctx)


class ExcludeEverything:
    """A plugin whose one rule leaves nothing to train: the planner cannot succeed."""

    gluteus_name = "exclude-everything"

    @hookimpl
    def register_sources(self) -> list[Source]:
        return [Source(key="test-nothing", citation="A test.", level="convention")]

    @hookimpl
    def register_safety_rules(self) -> list[SafetyRule]:
        return [
            SafetyRule(
                id="nothing-allowed",
                description="Exclude every role.",
                source="test-nothing",
                evidence="convention",
                when=Trigger(always=True),
                exclude_roles=ROLES,
            )
        ]


__all__ = [
    "EXERCISES",
    "PROFILE",
    "RULES",
    "ExcludeEverything",
    "Pain",
    "Preferences",
    "TinyPlugin",
    "build",
    "program_dict",
    "referral",
    "rx",
    "tiny_context",
]
