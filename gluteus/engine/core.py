"""The engine as one object: :class:`Engine` holds a plugin manager and its registry,
built once, and does everything an app asks of gluteus.

An app that calls gluteus more than once builds one ``Engine`` and keeps it: it is
immutable, keeps no state between calls and is safe to share between threads. The
module-level functions (``gluteus.generate`` and the rest) build a default one per
call.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol, overload

import attrs
import pluggy

from .context import Context
from .errors import Cancelled, GluteusError, PluginError, ProfileError, ReferralRequired
from .loading import check_ids, read_profile
from .model import (
    Equipment,
    Exercise,
    Issue,
    ObjectiveTest,
    PainRegion,
    Precaution,
    RedFlag,
    Renderer,
    Sign,
)
from .parsing import decode_text, parse_text
from .pluginmanager import GluteusPluginManager, make_plugin_manager
from .profile import Profile, structure
from .registry import Registry, build_registry
from .screened import Screening, run_screen

if TYPE_CHECKING:
    from .adaptation import Entry
    from .program import Program
    from .verify import Violation

TextFormat = Literal["text", "markdown", "json", "html", "ics"]
"""The built-in formats that render to ``str``."""

BinaryFormat = Literal["pdf", "cheatsheet"]
"""The built-in formats that render to ``bytes``."""

BUILTIN_FORMATS: dict[str, bool] = {
    **dict.fromkeys(("text", "markdown", "json", "html", "ics"), False),
    **dict.fromkeys(("pdf", "cheatsheet"), True),
}
"""Each built-in format and whether it is binary: what :meth:`Engine.render` promises
to type checkers, so a renderer that takes over one of these names must keep to it."""

PROFILE_FORMATS: dict[str, str] = {"yaml": "yaml", "yml": "yaml", "toml": "toml", "json": "json"}
"""The text formats a profile may be written in, by the names :meth:`Engine.parse_profile`
accepts (with or without a leading dot, in any case)."""


@attrs.frozen
class Progress:
    """How far a :meth:`Engine.generate` call is, as handed to its ``progress`` callback.

    ``stage`` is ``"screen"``, ``"plan"``, ``"verify"`` or ``"done"``; ``done`` counts
    the steps of that stage finished and ``total`` the steps it has (for ``"plan"``,
    the blocks of weeks the planner solves one after another).
    """

    stage: str
    done: int
    total: int


class CancelFlag(Protocol):
    """Anything with ``is_set()``: a :class:`threading.Event` (or an
    :class:`asyncio.Event`) that the app sets to stop a call."""

    def is_set(self) -> bool:
        """True once the app wants the call stopped."""
        ...


class _Steps:
    """The checkpoint of one generate call: stops it when cancelled, else reports."""

    def __init__(
        self, progress: Callable[[Progress], object] | None, cancel: CancelFlag | None
    ) -> None:
        self.progress = progress
        self.cancel = cancel
        self.totals: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.check(stage)
        self.report(stage, done, total)

    def check(self, stage: str = "plan") -> None:
        """Stop here if the caller cancelled (before ``stage`` starts or goes on)."""
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled(stage)

    def report(self, stage: str, done: int, total: int) -> None:
        self.totals[stage] = total
        if self.progress is not None:
            self.progress(Progress(stage, done, total))

    def finished(self, stage: str) -> None:
        """The stage is complete: ``total`` of ``total``, whatever its steps were."""
        total = self.totals.get(stage, 1)
        self.report(stage, total, total)


class Engine:
    """gluteus with one set of plugins: profiles in; screenings, programs, documents
    and checks out; and the catalogue the plugins declare, for building forms.

    ``plugins`` is the plugin manager to use (default: a fresh one with the built-in
    plugins and every installed one, :func:`gluteus.make_plugin_manager`). The
    registry of what the plugins contribute is built when the engine is made, so a
    broken plugin raises :class:`~gluteus.PluginError` here, where the app starts,
    rather than in the middle of a request. A manager made by ``make_plugin_manager``
    keeps its registry and rebuilds it when its plugins change, and managers with the
    same plugins share one; the registry of any other pluggy manager is built once,
    here.

    An engine keeps no state between calls: share one between threads freely.
    """

    def __init__(self, plugins: pluggy.PluginManager | None = None) -> None:
        pm = plugins if plugins is not None else make_plugin_manager()
        self._pm = pm
        self._registry = None if isinstance(pm, GluteusPluginManager) else build_registry(pm)
        self.registry  # noqa: B018 - built now, so that a broken plugin fails here

    def __repr__(self) -> str:
        names = sorted(name for name, plugin in self._pm.list_name_plugin() if plugin is not None)
        return f"<gluteus.Engine plugins={names!r}>"

    @property
    def plugins(self) -> pluggy.PluginManager:
        """The plugin manager this engine calls."""
        return self._pm

    @property
    def registry(self) -> Registry:
        """Everything the plugins contribute, checked, by id."""
        if self._registry is not None:
            return self._registry
        assert isinstance(self._pm, GluteusPluginManager)
        return self._pm.registry()

    def context(self) -> Context:
        """The plugin manager and registry, as the engine's modules take them."""
        return Context(pm=self._pm, registry=self.registry)

    # --- Profiles ---------------------------------------------------------------------

    def load_profile(self, path: str | os.PathLike[str]) -> Profile:
        """Read and validate a profile file (YAML, TOML or JSON, by its extension).

        Ids (signs, red flags, precautions, focus, exercises, equipment, tests, pain
        regions) are checked against the plugins. Raises :class:`~gluteus.ProfileError`
        naming the file, the key path and the line.
        """
        return read_profile(path, self.registry)

    def parse_profile(self, data: str | bytes, format: str, *, name: str | None = None) -> Profile:
        """Validate a profile sent as text or bytes (a request body, an upload, a form).

        ``format`` is ``"yaml"`` (or ``"yml"``), ``"toml"`` or ``"json"``. The data
        gets every check a profile file gets: bytes must be UTF-8 text without NUL
        bytes, at most 1 MiB; the parsers refuse executable YAML tags, aliases, deep
        nesting, duplicate keys, NaN and huge numbers; the keys and values are checked
        by the profile model and the ids against the plugins. ``name`` says where the
        data came from in messages. Raises :class:`~gluteus.ProfileError`, and nothing
        else, for anything wrong.
        """
        kind = _profile_format(format)
        if isinstance(data, bytearray | memoryview):
            data = bytes(data)
        if not isinstance(data, str | bytes):
            raise ProfileError(
                f"expected the profile as text or bytes, found {type(data).__name__} "
                "(use Profile.from_dict for data already parsed)",
                file=name,
                expected="str or bytes",
                found=type(data).__name__,
            )
        text = decode_text(data, name, file=False)
        parsed, lines = parse_text(text, kind, name)
        profile = structure(parsed, source=name, lines=lines)
        check_ids(profile, self.registry, lines=lines)
        return profile

    def profile_schema(self) -> dict[str, Any]:
        """The JSON Schema of a profile: every key, its bounds and default (for editors
        and form builders). Ids are checked against the plugins, which the catalogue
        methods (:meth:`signs` and the rest) list."""
        from ..schemas import profile_schema

        return profile_schema()

    def program_schema(self) -> dict[str, Any]:
        """The JSON Schema of the program JSON (:meth:`Program.to_dict`), which every
        generated program validates against."""
        from ..schemas import program_schema

        return program_schema()

    # --- Screening, planning, checking --------------------------------------------------

    def screen(self, profile: Profile) -> Screening:
        """The red-flag gate and screening only: referrals, or findings with severity and
        evidence, and the person model. Never raises for a red flag."""
        return run_screen(profile, self.context())

    def generate(
        self,
        profile: Profile,
        *,
        seed: int | None = None,
        progress: Callable[[Progress], object] | None = None,
        cancel: CancelFlag | None = None,
    ) -> Program:
        """Screen ``profile`` and plan, dose and verify a multi-week program.

        ``seed`` overrides the profile's seed (0 to 2**31 - 1). ``progress``, when
        given, is called with a :class:`Progress` as each stage starts and ends, and
        between the blocks of weeks the planner solves. ``cancel`` (a
        :class:`threading.Event`) stops the call at the next of those points with
        :class:`~gluteus.Cancelled`; a program already complete is returned.

        Raises :class:`~gluteus.ReferralRequired` (carrying the referrals and the
        ``status: referral`` document) for a red flag, :class:`~gluteus.Infeasible`
        when the hard constraints conflict, and :class:`~gluteus.ProfileError` for ids
        no loaded plugin knows or a seed out of range (before any planning).
        """
        from .planner import plan
        from .program import referral_program
        from .verify import verify

        if seed is not None:
            # The profile model checks the seed, as it checks every key.
            profile = attrs.evolve(profile, seed=seed)
        steps = _Steps(progress, cancel)
        ctx = self.context().with_checkpoint(steps)
        steps("screen", 0, 1)
        result = run_screen(profile, ctx)
        ctx = result.context or ctx  # without a plugin disabled on the way
        if result.referrals:
            raise ReferralRequired(
                result.referrals, result=referral_program(profile, result.referrals, ctx)
            )
        steps.finished("screen")
        steps.check()
        assert result.safety is not None and result.person is not None
        program = plan(profile, result.findings, result.safety, result.person, ctx)
        steps.finished("plan")
        steps("verify", 0, 1)
        violations = verify(program, ctx, schema=False, screened=result)
        if violations:
            # The planner produced something the rules forbid: a bug, never shipped.
            raise GluteusError(
                "generated program failed verification:\n" + "\n".join(str(v) for v in violations)
            )
        steps.finished("verify")
        steps.report("done", 1, 1)
        return program

    async def agenerate(
        self,
        profile: Profile,
        *,
        seed: int | None = None,
        progress: Callable[[Progress], object] | None = None,
        cancel: CancelFlag | None = None,
    ) -> Program:
        """:meth:`generate` for asyncio: the work runs in a worker thread, so the event
        loop keeps serving while the planner thinks.

        ``progress`` is called on the event loop's thread. When the awaiting task is
        cancelled, the worker stops at its next checkpoint instead of planning on for
        no one.
        """
        import asyncio  # here: a command-line run never needs it, and it costs 20 ms

        loop = asyncio.get_running_loop()
        stop = threading.Event()
        flag = _Either(stop, cancel)

        def report(event: Progress) -> None:
            assert progress is not None
            loop.call_soon_threadsafe(progress, event)

        try:
            return await asyncio.to_thread(
                self.generate,
                profile,
                seed=seed,
                progress=report if progress is not None else None,
                cancel=flag,
            )
        except asyncio.CancelledError:
            stop.set()
            raise

    @overload
    def render(self, program: Program, fmt: TextFormat = ..., **options: Any) -> str: ...

    @overload
    def render(self, program: Program, fmt: BinaryFormat, **options: Any) -> bytes: ...

    @overload
    def render(self, program: Program, fmt: str, **options: Any) -> str | bytes: ...

    def render(self, program: Program, fmt: str = "text", **options: Any) -> str | bytes:
        """``program`` in any format a plugin provides (:meth:`formats` lists them):
        ``str`` for text formats (text, markdown, json, html, ics), ``bytes`` for
        binary ones (pdf, cheatsheet). ``options`` are the renderer's own (the command
        line's ``-O KEY=VALUE``).

        An unknown format is a :class:`~gluteus.ProfileError` naming the closest. A
        renderer that raises (other than a :class:`~gluteus.GluteusError` of its own,
        such as a bad option) or returns the wrong type is named in a
        :class:`~gluteus.PluginError`.
        """
        registry = self.registry
        renderer = registry.renderers.get(fmt)
        if renderer is None:
            import difflib

            close = difflib.get_close_matches(fmt, list(registry.renderers), n=1)
            raise ProfileError(
                f"unknown format {fmt!r}; expected one of {', '.join(sorted(registry.renderers))}",
                expected="a format some loaded plugin provides",
                found=repr(fmt),
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
        binary = BUILTIN_FORMATS.get(fmt, renderer.binary)
        if isinstance(out, bytes) != binary:
            kind = "a binary format: bytes" if binary else "a text format: str"
            raise PluginError(
                plugin, f"format {fmt!r} returned {type(out).__name__}, but it is {kind}"
            )
        return out

    def check(self, program: Mapping[str, Any] | Program) -> list[Violation]:
        """Re-verify a program (its JSON as Python data, possibly hand-edited) against
        every safety rule and invariant. Returns the violations, empty when it is
        safe. Data that is not a program at all (a list, NaN, ...) gives violations
        too, never an exception."""
        from .verify import verify

        return verify(program, self.context())

    def adapt(
        self,
        program: Program | Mapping[str, Any],
        entries: Iterable[Entry | Mapping[str, Any]],
    ) -> Program:
        """The program re-planned from what its journal records (``entries``: sessions
        done, pain, missed days, retests), deterministically. The result passes the
        same verification as a generated program. Raises :class:`~gluteus.ProfileError`
        for an entry that does not fit the program."""
        from .adapt import adapt

        return adapt(program, entries, plugins=self._pm)

    # --- The catalogue: what a form builder offers ----------------------------------------

    def issues(self) -> Mapping[str, Issue]:
        """The issues the plugins screen for (``focus`` takes their ids), by id."""
        return self.registry.issues

    def signs(self) -> Mapping[str, Sign]:
        """The signs a person may report (``signs``), each with its question, by id."""
        return self.registry.signs

    def red_flags(self) -> Mapping[str, RedFlag]:
        """The red flags (``red_flags``; any one means a referral), by id."""
        return self.registry.red_flags

    def precautions(self) -> Mapping[str, Precaution]:
        """The precautions (``precautions``) that exclude or change exercises, by id."""
        return self.registry.precautions

    def equipment(self) -> Mapping[str, Equipment]:
        """The equipment a person may list (``equipment``), by id."""
        return self.registry.equipment

    def tests(self) -> Mapping[str, ObjectiveTest]:
        """The objective tests whose results a profile may give (``tests``), by id."""
        return self.registry.tests

    def pain_regions(self) -> Mapping[str, PainRegion]:
        """The regions pain may be given for (``pain``), by id."""
        return self.registry.pain_regions

    def exercises(self) -> Mapping[str, Exercise]:
        """Every exercise (``preferences.avoid`` and ``prefer`` take their ids), by id."""
        return self.registry.exercises

    def formats(self) -> Mapping[str, Renderer]:
        """The output formats :meth:`render` knows, by name, with their media types."""
        return self.registry.renderers


class _Either:
    """Set when either flag is: the caller's cancel, or the engine's own."""

    def __init__(self, own: threading.Event, theirs: CancelFlag | None) -> None:
        self.own = own
        self.theirs = theirs

    def is_set(self) -> bool:
        return self.own.is_set() or (self.theirs is not None and self.theirs.is_set())


def _profile_format(format: str) -> str:
    key = format.lower().removeprefix(".") if isinstance(format, str) else ""
    kind = PROFILE_FORMATS.get(key)
    if kind is None:
        from .messages import closest

        raise ProfileError(
            f"unknown profile format {format!r}; expected yaml, toml or json",
            expected="yaml, toml or json",
            found=repr(format),
            suggestion=closest(key, ("yaml", "toml", "json")) if key else None,
        )
    return kind
