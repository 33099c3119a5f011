"""The ``gluteus`` command line: a click group whose commands live in sibling modules.

Every command shares one error boundary (:class:`GluteusGroup`): a
:class:`~gluteus.GluteusError` becomes one message on stderr and the exit code of
SPEC §3; anything else is a bug and keeps its traceback (exit 1).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from gluteus.engine.errors import GluteusError, ReferralRequired

# Command name -> "module:attribute"; imported on first use so that `--help` and
# quick commands never pay for the planner or the solver.
COMMANDS: dict[str, str] = {
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


def fail(error: GluteusError, *, referrals_shown: bool = False) -> None:
    """Print ``error`` on stderr and exit with its code.

    A referral lists every red flag with whom to see, unless the command already
    printed the referrals (``referrals_shown``): then only the one-line error.
    """
    if isinstance(error, ReferralRequired) and not referrals_shown:
        click.echo("No program: a red flag needs a clinician first.", err=True)
        for r in error.referrals:
            click.echo(f"  - {r.flag} ({r.urgency}): {r.message} See: {r.see}.", err=True)
    else:
        click.echo(f"Error: {error}", err=True)
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
        from gluteus.engine.pluginmanager import make_plugin_manager
        from gluteus.engine.registry import call_each

        try:
            call_each(make_plugin_manager(), "register_commands", cli=self)
        except GluteusError as exc:
            fail(exc)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GluteusError as exc:
            fail(exc)


@click.group(cls=GluteusGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gluteus")
def cli() -> None:
    """Turn what your glutes are telling you into a safe, periodized training program.

    Start with `gluteus init` to write a profile, `gluteus screen PROFILE` to see
    what it finds, and `gluteus generate PROFILE` for the program.
    """


def plugin_manager() -> Any:
    """A fresh plugin manager for a command, warning on stderr (one line each) about
    third-party plugins that failed to load: the command goes on without them."""
    from gluteus.engine.pluginmanager import make_plugin_manager

    pm = make_plugin_manager()
    for error in pm.load_errors:
        dist = f" (from {error.distribution})" if error.distribution else ""
        click.echo(
            f"Warning: plugin {error.plugin!r}{dist} failed to load and is skipped: {error.error}",
            err=True,
        )
    return pm


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="gluteus")


def write_output(data: str | bytes, output: str | None) -> None:
    """Write ``data`` to ``output`` (None or ``-`` is standard output).

    A file is written whole or not at all: to a temporary file in the same folder,
    then renamed over the target, so a failed run never leaves half a file behind
    nor replaces a good one.
    """
    if output is None or output == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            click.echo(data, nl=not data.endswith("\n"))
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise click.BadParameter(f"folder {str(directory)!r} does not exist", param_hint="'-o'")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
