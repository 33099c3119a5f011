"""The ``gluteus`` command line: a click group whose commands live in sibling modules.

Every command shares one error boundary (:class:`GluteusGroup`): a
:class:`~gluteus.GluteusError` becomes one message on stderr and its exit code;
Ctrl-C (SIGINT) exits 130 and SIGTERM 143, each with one line; anything else is a
bug and keeps its traceback (exit 1). Commands write their output with
:func:`gluteus.output.write_output`.

Global options, before the command: ``--load-plugins NAMES`` and
``--block-plugins NAMES`` choose the plugins (they win over ``GLUTEUS_LOAD_PLUGINS``
and ``GLUTEUS_BLOCK_PLUGINS``); ``--debug`` (or ``GLUTEUS_DEBUG=1``) prints the
full traceback of a plugin error, and of each plugin that failed, under its
warning. Commands get their plugin manager from :func:`plugin_manager`, which
prints one warning line per plugin that failed, was disabled, or had part of what
it contributes left out.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from typing import Any, NoReturn

import click

from gluteus.engine.errors import GluteusError, ReferralRequired

# Command name -> "module:attribute"; imported on first use so that `--help` and
# quick commands never pay for the planner or the solver.
COMMANDS: dict[str, str] = {
    "batch": "gluteus.cli.batch:batch",
    "generate": "gluteus.cli.generate:generate",
    "check": "gluteus.cli.generate:check",
    "screen": "gluteus.cli.screen:screen",
    "plugins": "gluteus.cli.plugins:plugins",
    "exercises": "gluteus.cli.exercises:exercises",
    "init": "gluteus.cli.init:init",
    "programs": "gluteus.cli.journal:programs",
    "log": "gluteus.cli.journal:log",
    "adapt": "gluteus.cli.journal:adapt",
    "progress": "gluteus.cli.journal:progress",
    "journal": "gluteus.cli.journal:journal",
}


class Terminated(BaseException):
    """SIGTERM arrived. Like KeyboardInterrupt, not an Exception: nothing that
    handles errors swallows it, and every ``finally`` (temporary files) runs."""


def _raise_terminated(signum: int, frame: Any) -> NoReturn:
    raise Terminated


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While the command line runs, SIGTERM unwinds like Ctrl-C instead of killing
    the process outright, so clean-up runs and the exit code is 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous != signal.SIG_DFL:
        yield  # someone chose what SIGTERM does (ignored, or handled): keep it
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stopped(signum: int) -> NoReturn:
    """One line on stderr and the shell's exit code for a run stopped by a signal
    (128 + its number: 130 for Ctrl-C, 143 for SIGTERM)."""
    what = "interrupted (Ctrl-C)" if signum == signal.SIGINT else "terminated (SIGTERM)"
    with contextlib.suppress(Exception):
        click.echo(f"Stopped: {what}; nothing more was written.", err=True)
    sys.exit(128 + signum)


def debugging() -> bool:
    """True when ``--debug`` was given (or ``GLUTEUS_DEBUG`` is set to a true value)."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        given = ctx.find_root().params.get("debug")
        if given is not None:
            return bool(given)
    return os.environ.get("GLUTEUS_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def plugin_selection() -> dict[str, Any]:
    """The keyword arguments of ``make_plugin_manager`` that choose the plugins for a
    command: ``--load-plugins``/``--block-plugins`` when given, else the environment."""
    ctx = click.get_current_context(silent=True)
    params = ctx.find_root().params if ctx is not None else {}
    chosen: dict[str, Any] = {"from_environment": True}
    if params.get("load_plugins") is not None:
        chosen["only"] = _names(params["load_plugins"])
    if params.get("block_plugins") is not None:
        chosen["blocked"] = _names(params["block_plugins"])
    return chosen


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def make_manager() -> Any:
    """A fresh plugin manager with the plugins the command line chose; a name no
    plugin has is a usage error naming the option (or variable) it came from."""
    from gluteus.engine.errors import ProfileError
    from gluteus.engine.pluginmanager import BLOCK_ENV, LOAD_ENV, make_plugin_manager

    chosen = plugin_selection()
    try:
        return make_plugin_manager(**chosen)
    except ProfileError as exc:
        if exc.path not in ("blocked", "only"):
            raise
        options = {"blocked": ("--block-plugins", BLOCK_ENV), "only": ("--load-plugins", LOAD_ENV)}
        option, variable = options[exc.path]
        raise ProfileError(
            exc.message,
            path=option if exc.path in chosen else variable,
            suggestion=exc.suggestion,
        ) from None


def fail(error: GluteusError, *, referrals_shown: bool = False) -> NoReturn:
    """Print ``error`` on stderr and exit with its code.

    A referral lists every red flag with whom to see, unless the command already
    printed the referrals (``referrals_shown``): then only the one-line error. With
    ``--debug``, a plugin error (or any error caused by another exception) is
    preceded by its full traceback.
    """
    from gluteus.engine.errors import PluginError

    debug = debugging()
    if debug and (isinstance(error, PluginError) or error.__cause__ is not None):
        click.echo("".join(traceback.format_exception(error)).rstrip("\n"), err=True)
    if isinstance(error, ReferralRequired) and not referrals_shown:
        click.echo("No program: a red flag needs a clinician first.", err=True)
        for r in error.referrals:
            click.echo(f"  - {r.flag} ({r.urgency}): {r.message} See: {r.see}.", err=True)
    else:
        # An input with several problems lists them all, one line each.
        for line in str(error).splitlines() or [""]:
            click.echo(f"Error: {line}", err=True)
    sys.exit(error.exit_code)


class GluteusGroup(click.Group):
    """A group that loads its commands lazily and maps gluteus errors to exit codes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plugins_loaded = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugin_commands()
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module_name, attr = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module_name), attr), cmd_name)
        if cmd_name not in self.commands:
            self._load_plugin_commands()
        return self.commands.get(cmd_name)

    def _load_plugin_commands(self) -> None:
        # Plugins' extra commands come from the register_commands hook; loaded only
        # when a name is not a built-in command, to keep the common path fast.
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        try:
            pm = make_manager()
        except GluteusError as exc:
            fail(exc)
        # One plugin at a time, so that one that raises costs only its own commands,
        # never `--help` or the built-in ones.
        for impl in pm.hook.register_commands.get_hookimpls():
            name = pm.get_name(impl.plugin) or repr(impl.plugin)
            before = dict(self.commands)
            try:
                impl.function(**{arg: self for arg in impl.argnames})
            except Exception as exc:
                self.commands = before
                click.echo(
                    f"Warning: plugin {name!r} failed to add its commands, which are "
                    f"skipped: {type(exc).__name__}: {exc}",
                    err=True,
                )

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GluteusError as exc:
            fail(exc)
        except KeyboardInterrupt:
            stopped(signal.SIGINT)
        except Terminated:
            stopped(signal.SIGTERM)


@click.group(cls=GluteusGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--load-plugins",
    metavar="NAMES",
    default=None,
    help="Load only these third-party plugins (comma-separated entry-point or "
    "distribution names; an empty value loads none). Default: $GLUTEUS_LOAD_PLUGINS, "
    "else every installed plugin.",
)
@click.option(
    "--block-plugins",
    metavar="NAMES",
    default=None,
    help="Never load these plugins (comma-separated names). Default: "
    "$GLUTEUS_BLOCK_PLUGINS. The built-in safety and basics plugins cannot be blocked.",
)
@click.option(
    "--debug",
    is_flag=True,
    default=None,
    help="Print the full traceback of plugin errors (also GLUTEUS_DEBUG=1).",
)
@click.version_option(package_name="gluteus")
def cli(load_plugins: str | None, block_plugins: str | None, debug: bool | None) -> None:
    """Turn what your glutes are telling you into a safe, periodized training program.

    Start with `gluteus init` to write a profile, `gluteus screen PROFILE` to see
    what it finds, and `gluteus generate PROFILE` for the program.
    """


def late_warnings(pm: Any) -> None:
    """Warn (stderr) about plugins disabled while the command ran (a hook that failed
    while screening), once each: the command went on without them."""
    told = getattr(pm, "_told", 0)
    for error in pm.load_errors[told:]:
        click.echo(f"Warning: {error.warning()}", err=True)
        if debugging() and error.traceback:
            click.echo(error.traceback.rstrip("\n"), err=True)
    pm._told = len(pm.load_errors)


def plugin_manager() -> Any:
    """A fresh plugin manager for a command, with its registry built, warning on
    stderr (one line each) about plugins that failed to load or were disabled and
    contributions left out: the command goes on without them. A failure that cannot
    be disabled (an essential built-in, a plugin asked for by name) is raised."""
    pm = make_manager()
    warnings = pm.plugin_warnings()
    details = {error.warning(): error.traceback for error in pm.load_errors}
    for line in warnings:
        click.echo(f"Warning: {line}", err=True)
        if debugging() and details.get(line):
            click.echo(details[line].rstrip("\n"), err=True)
    pm._told = len(pm.load_errors)
    return pm


def main() -> None:
    """Console-script entry point."""
    try:
        with _sigterm_raises():
            cli(prog_name="gluteus")
    except KeyboardInterrupt:  # outside a command, e.g. while loading plugins
        stopped(signal.SIGINT)
    except Terminated:
        stopped(signal.SIGTERM)
    except SystemExit:
        _flush_stdout()
        raise


def _flush_stdout() -> None:
    """What a command printed and Python still buffers goes out now, so a full disk
    or a closed pipe is one message and exit 2, not a complaint at exit."""
    from gluteus.engine.errors import OutputError
    from gluteus.output import discard

    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        discard(sys.stdout)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        fail(OutputError(f"cannot write to standard output: {reason}"))
