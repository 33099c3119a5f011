"""The engine's entry points, shared by the command line and embedding apps.

Each call builds what it needs from the plugin manager it is given (or a fresh
default one), keeps no global state and can run in several threads at once.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from .loading import check_ids, read_profile
from .model import Finding, Referral
from .person import PersonModel, assess
from .pluginmanager import GluteusPluginManager, make_plugin_manager
from .profile import Profile
from .registry import Registry, build_registry
from .safety import ProgramSafety, Restrictions, program_safety
from .screening import referrals_for, screen

if TYPE_CHECKING:
    from .program import Program
    from .verify import Violation


@attrs.frozen
class Context:
    """A plugin manager and the registry built from it."""

    pm: pluggy.PluginManager
    registry: Registry


def context(plugins: pluggy.PluginManager | None = None) -> Context:
    """The plugin manager to use (a fresh default one when None) and its registry.

    A :class:`GluteusPluginManager` builds its registry once and keeps it until its
    plugins change; any other pluggy manager gets a new registry on every call.
    """
    pm = plugins if plugins is not None else make_plugin_manager()
    if isinstance(pm, GluteusPluginManager):
        return Context(pm=pm, registry=pm.registry())
    return Context(pm=pm, registry=build_registry(pm))


def load_profile(
    path: str | os.PathLike[str], *, plugins: pluggy.PluginManager | None = None
) -> Profile:
    """Read and validate a profile file (YAML, TOML or JSON, by extension).

    Ids (signs, red flags, precautions, focus, exercises) are checked against the
    loaded plugins. Raises :class:`~gluteus.ProfileError` with file, key path and line.
    """
    return read_profile(path, context(plugins).registry)


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


def screen_profile(profile: Profile, *, plugins: pluggy.PluginManager | None = None) -> Screening:
    """Red-flag gate and screening only: referrals, or findings with severity and evidence."""
    return run_screen(profile, context(plugins))


def generate(
    profile: Profile, *, seed: int | None = None, plugins: pluggy.PluginManager | None = None
) -> Program:
    """Screen ``profile`` and plan, dose and verify a multi-week program.

    ``seed`` overrides the profile's seed: an integer from 0 to 2**31 - 1. Raises
    :class:`~gluteus.ReferralRequired` (carrying the referrals and the
    ``status: referral`` document) for a red flag, :class:`~gluteus.Infeasible`
    when the hard constraints conflict, and :class:`~gluteus.ProfileError` for ids
    no loaded plugin knows or a seed out of range (before any planning).
    """
    from .errors import GluteusError, ReferralRequired
    from .planner import plan
    from .program import referral_program
    from .verify import verify

    if seed is not None:
        # The profile model checks the seed, as it checks every key.
        profile = attrs.evolve(profile, seed=seed)
    ctx = context(plugins)
    result = run_screen(profile, ctx)
    if result.referrals:
        raise ReferralRequired(
            result.referrals, result=referral_program(profile, result.referrals, ctx)
        )
    assert result.safety is not None and result.person is not None
    program = plan(profile, result.findings, result.safety, result.person, ctx)
    violations = verify(program.to_dict(), ctx, schema=False)
    if violations:
        # The planner produced something the rules forbid: a bug, never shipped.
        raise GluteusError(
            "generated program failed verification:\n" + "\n".join(str(v) for v in violations)
        )
    return program


def render(
    program: Program,
    fmt: str = "text",
    *,
    plugins: pluggy.PluginManager | None = None,
    **options: Any,
) -> str | bytes:
    """Render ``program`` in any format a loaded plugin provides (text, markdown, json, ...).

    A renderer that raises (other than a :class:`~gluteus.GluteusError` of its own,
    such as a bad option) or returns neither text nor bytes is named in a
    :class:`~gluteus.PluginError`. An option the renderer does not declare is a
    :class:`~gluteus.ProfileError` naming the format and its options.
    """
    from .errors import GluteusError, PluginError, ProfileError

    registry = context(plugins).registry
    renderer = registry.renderers.get(fmt)
    if renderer is None:
        import difflib

        close = difflib.get_close_matches(fmt, list(registry.renderers), n=1)
        raise ProfileError(
            f"unknown format {fmt!r}; expected one of {', '.join(sorted(registry.renderers))}",
            suggestion=close[0] if close else None,
        )
    # An option the renderer does not declare is refused (a renderer declaring none
    # takes any, as before options were declared).
    renderer.check_options(options)
    plugin = registry.plugin_of("renderer", fmt) or "?"
    try:
        out = renderer.render(program, dict(options))
    except GluteusError:
        raise
    except Exception as exc:
        raise PluginError(
            plugin, f"format {fmt!r} failed to render: {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(out, str | bytes):
        raise PluginError(
            plugin, f"format {fmt!r} returned {type(out).__name__}, expected str or bytes"
        )
    return out


def check(
    program: dict[str, Any] | Program, *, plugins: pluggy.PluginManager | None = None
) -> list[Violation]:
    """Re-verify a program (its JSON as Python data, possibly hand-edited) against
    every safety rule and invariant. Returns the violations; empty when safe. Data
    that is not a program at all (a list, NaN, ...) gives violations too, never an
    exception."""
    from .verify import verify

    return verify(program, context(plugins))
