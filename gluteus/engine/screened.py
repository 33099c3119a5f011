"""The screen stage whole: the gate (red flags), the person model, the findings and
each week's safety rules, as generating and adapting a program both need it."""

from __future__ import annotations

import attrs

from .context import Context
from .errors import PluginError
from .loading import check_ids
from .model import Finding, Referral
from .person import PersonModel, assess
from .pluginmanager import GluteusPluginManager
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
    context: Context | None = attrs.field(default=None, eq=False, repr=False)
    """The plugins screening ran with: ``ctx`` itself, or fewer when a plugin whose
    ``screen`` or ``assess_person`` hook failed was disabled on the way."""


def run_screen(profile: Profile, ctx: Context) -> Screening:
    """Gate and screen ``profile`` with the plugins of ``ctx``; never raises for red flags.

    A plugin whose hook fails here is disabled as a whole when its plugin manager may
    disable it (one nobody asked for by name, not an essential built-in), and
    screening runs again without it: the result's ``context`` says with which
    plugins. Any other plugin failure is raised, naming the plugin."""
    while True:
        try:
            return attrs.evolve(_screen_once(profile, ctx), context=ctx)
        except PluginError as exc:
            pm = ctx.pm
            if not isinstance(pm, GluteusPluginManager) or not pm.disable_failing(exc):
                raise
            ctx = Context(pm=pm, registry=pm.registry(), on_checkpoint=ctx.on_checkpoint)


def _screen_once(profile: Profile, ctx: Context) -> Screening:
    check_ids(profile, ctx.registry)
    person = assess(profile, ctx.pm, ctx.registry)
    referrals = referrals_for(profile, ctx.registry, person)
    if referrals:
        return Screening(profile, referrals, (), None, person)
    findings = screen(profile, ctx.pm, ctx.registry)
    safety = program_safety(profile, findings, ctx.registry, person)
    return Screening(profile, (), findings, safety.everywhere, person, safety)
