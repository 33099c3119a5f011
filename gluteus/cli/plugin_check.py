"""``gluteus plugins check NAME``: run the plugin contract on one loaded plugin.

Exit 0 when the plugin keeps the contract; 1 with one line per problem when it
does not (a plugin bug); 2 when no plugin of that name is loaded.
"""

from __future__ import annotations

import contextlib
import difflib

import click

from gluteus.engine.errors import ProfileError


@click.command("check")
@click.argument("name")
@click.option(
    "--no-generate",
    is_flag=True,
    help="Skip generating programs (the slowest check).",
)
def check_plugin(name: str, no_generate: bool) -> None:
    """Check that plugin NAME keeps the gluteus plugin contract.

    Verifies its hooks against the specs, that its ids are unique, that every
    exercise is complete, that ladders are acyclic and rules name known tags, and
    that programs generated with its signs pass `gluteus check`.
    """
    from gluteus.cli import make_manager
    from gluteus.engine.contract import check_plugin as run_contract
    from gluteus.engine.errors import PluginError

    pm = make_manager()
    loaded = sorted(n for n, p in pm.list_name_plugin() if p is not None)
    failed = [e.plugin for e in pm.load_errors]
    if name not in loaded and name not in failed:
        close = difflib.get_close_matches(name, loaded, n=1)
        raise ProfileError(
            f"no plugin {name!r} is loaded; loaded: {', '.join(loaded)}",
            path="NAME",
            suggestion=close[0] if close else None,
        )
    # Other broken plugins are disabled first (with their warnings), so they cannot
    # fail the contract of this one; this one is kept, whatever it does.
    disposable = getattr(pm, "disposable", None)
    if disposable is not None:
        disposable.discard(name)
        # A failure of this plugin's own is reported by the contract below, with
        # every other problem.
        with contextlib.suppress(PluginError):
            pm.registry()
        for error in pm.load_errors:
            if error.plugin != name:
                click.echo(f"Warning: {error.warning()}", err=True)
    problems = run_contract(pm, name, generate=not no_generate)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(problems)} problem(s) in plugin {name!r}.", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"plugin {name!r} keeps the contract.")
