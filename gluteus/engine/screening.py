"""The red-flag gate and screening: from a profile to referrals or findings."""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pluggy

from .errors import PluginError, ReferralRequired
from .model import Finding, Referral
from .profile import Profile
from .registry import Registry


def referrals_for(profile: Profile, registry: Registry) -> tuple[Referral, ...]:
    """One referral per red flag present in the profile, most urgent first."""
    rank = {"emergency": 0, "urgent": 1, "soon": 2}
    referrals = [
        Referral(flag=flag.id, message=flag.message, urgency=flag.urgency, see=flag.see)
        for flag_id in profile.red_flags
        if (flag := registry.red_flags.get(flag_id)) is not None
    ]
    return tuple(sorted(referrals, key=lambda r: (rank.get(r.urgency, 9), r.flag)))


def gate(profile: Profile, registry: Registry) -> None:
    """Raise :class:`ReferralRequired` when any red flag is present."""
    referrals = referrals_for(profile, registry)
    if referrals:
        raise ReferralRequired(referrals)


def _screen_each(
    pm: pluggy.PluginManager, profile: Profile, registry: Registry
) -> list[tuple[str, Any]]:
    """Every plugin's ``screen`` result, each plugin handed its own deep copy of the
    profile and the signs.

    Frozen classes still yield to ``object.__setattr__``: a plugin that changed what
    it was handed (say, dropped ``pregnancy`` from the precautions) would change the
    profile the safety rules are then chosen by. With copies the engine decides on
    its own profile, whatever a plugin does to its copy.
    """
    results: list[tuple[str, Any]] = []
    for impl in pm.hook.screen.get_hookimpls():
        own = {"profile": copy.deepcopy(profile), "signs": copy.deepcopy(dict(registry.signs))}
        name = pm.get_name(impl.plugin) or repr(impl.plugin)
        try:
            result = impl.function(**{arg: own[arg] for arg in impl.argnames})
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(name, f"hook screen raised {type(exc).__name__}: {exc}") from exc
        results.append((name, result))
    return results


def screen(profile: Profile, pm: pluggy.PluginManager, registry: Registry) -> tuple[Finding, ...]:
    """Every plugin's findings for ``profile``, in issue order.

    Issues listed in ``profile.focus`` are marked ``focus`` and kept even at
    severity 0. A plugin that returns malformed findings, or grades an issue it
    does not declare, is named in a :class:`PluginError`.
    """
    findings: dict[str, Finding] = {}
    for plugin, result in _screen_each(pm, profile, registry):
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
