"""The red-flag gate and screening: from a profile to referrals or findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pluggy

from .errors import PluginError, ReferralRequired
from .model import Finding, Referral
from .profile import Profile
from .registry import Registry, call_each

if TYPE_CHECKING:
    from .person import PersonModel


def referrals_for(
    profile: Profile, registry: Registry, person: PersonModel | None = None
) -> tuple[Referral, ...]:
    """One referral per red flag present, most urgent first: flags the profile lists,
    and flags whose condition holds for the person at the start of the program."""
    from .facts import holds, profile_facts, state_facts

    rank = {"emergency": 0, "urgent": 1, "soon": 2}
    facts = profile_facts(profile, registry, 1)
    if person is not None:
        facts.update(state_facts(person.at(1)))
    present = [
        flag
        for flag_id, flag in sorted(registry.red_flags.items())
        if flag_id in profile.red_flags or (flag.when is not None and holds(flag.when, facts))
    ]
    referrals = [
        Referral(flag=flag.id, message=flag.message, urgency=flag.urgency, see=flag.see)
        for flag in present
    ]
    return tuple(sorted(referrals, key=lambda r: (rank.get(r.urgency, 9), r.flag)))


def gate(profile: Profile, registry: Registry, person: PersonModel | None = None) -> None:
    """Raise :class:`ReferralRequired` when any red flag is present."""
    referrals = referrals_for(profile, registry, person)
    if referrals:
        raise ReferralRequired(referrals)


def screen(profile: Profile, pm: pluggy.PluginManager, registry: Registry) -> tuple[Finding, ...]:
    """Every plugin's findings for ``profile``, in issue order.

    Issues listed in ``profile.focus`` are marked ``focus`` and kept even at
    severity 0. A plugin that returns malformed findings, or grades an issue it
    does not declare, is named in a :class:`PluginError`.
    """
    findings: dict[str, Finding] = {}
    for plugin, result in call_each(
        pm,
        "screen",
        fresh=True,
        profile=profile,
        signs=dict(registry.signs),
        tests=dict(registry.tests),
    ):
        if result is None:
            continue
        if not isinstance(result, list | tuple):
            raise PluginError(
                plugin, f"hook screen returned {type(result).__name__}, expected a list"
            )
        for finding in result:
            if not isinstance(finding, Finding):
                raise PluginError(
                    plugin, f"hook screen returned a {type(finding).__name__}, expected Finding"
                )
            if registry.plugin_of("issue", finding.issue) != plugin:
                raise PluginError(
                    plugin, f"hook screen graded issue {finding.issue!r}, which it does not declare"
                )
            if finding.issue in findings:
                raise PluginError(plugin, f"hook screen graded issue {finding.issue!r} twice")
            findings[finding.issue] = finding
    for issue in profile.focus:
        current = findings.get(issue) or Finding(issue=issue, severity=0)
        findings[issue] = attrs.evolve(current, focus=True)
    order = {issue_id: (issue.order, issue_id) for issue_id, issue in registry.issues.items()}
    return tuple(sorted(findings.values(), key=lambda f: order.get(f.issue, (999, f.issue))))
