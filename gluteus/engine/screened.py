"""The screen stage whole: the gate (red flags), the person model, the findings and
each week's safety rules, as generating and adapting a program both need it."""

from __future__ import annotations

import attrs

from .context import Context
from .loading import check_ids
from .model import Finding, Referral
from .person import PersonModel, assess
from .profile import Profile
from .safety import ProgramSafety, Restrictions, program_safety
from .screening import referrals_for, screen


@attrs.frozen
class Screening:
    """What screening found: referrals (red flags) or findings, the person model, and
    the rules that apply (``restrictions``: in any week; ``safety``: week by week)."""

    profile: Profile
    referrals: tuple[Referral, ...]
    findings: tuple[Finding, ...]
    restrictions: Restrictions | None
    person: PersonModel | None = None
    safety: ProgramSafety | None = None


def run_screen(profile: Profile, ctx: Context) -> Screening:
    """Gate and screen ``profile`` with the plugins of ``ctx``; never raises for red flags."""
    check_ids(profile, ctx.registry)
    person = assess(profile, ctx.pm, ctx.registry)
    referrals = referrals_for(profile, ctx.registry, person)
    if referrals:
        return Screening(profile, referrals, (), None, person)
    findings = screen(profile, ctx.pm, ctx.registry)
    safety = program_safety(profile, findings, ctx.registry, person)
    return Screening(profile, (), findings, safety.everywhere, person, safety)
