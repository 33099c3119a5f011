"""``gluteus plugins``: the loaded plugins, their versions and what each contributes.

Like ``datasette plugins`` and ``llm plugins``, with built-ins included and marked.
For each plugin: its name, version, whether it is built in (or which distribution
installed it), what it contributes (issues, signs, red flags, precautions,
equipment, tests, pain regions, person states, exercises, ladders, dose rules,
safety rules, output formats, commands), the sources it cites and the hooks it
implements. Plugins that were blocked are listed with why; plugins that failed to
load, or were disabled because what they contribute does not work, with their
error; and so is a plugin whose hooks raise: the listing never crashes and exits 0,
but every failure is shown (and warned about on stderr).

Sources are counted per plugin as the distinct sources its own contributions cite
(``sources``), not the ones its ``register_sources`` hook returns
(``sources_declared``): the built-in modules share one list of screening
citations, so every one of them declares the same sources.

``--format json`` writes (``format: gluteus.plugins/1``; keys are only ever added)::

    {
      "format": "gluteus.plugins/1",
      "engine": {"version": str},
      "plugins": [{
          "name": str, "version": str, "builtin": bool,
          "distribution": str | null, "module": str,
          "hooks": [hook name],
          "contributes": {"issues": int, "signs": int, "red_flags": int,
                          "precautions": int, "equipment": int, "tests": int,
                          "pain_regions": int, "person_states": int,
                          "sources": int, "sources_declared": int, "exercises": int,
                          "ladders": int, "dose_rules": int, "safety_rules": int,
                          "formats": [str], "commands": [str]},
          "errors": [str]
      }],
      "failed": [{"name": str, "distribution": str | null, "error": str,
                  "stage": "import" | "register" | "contributions", "builtin": bool}],
      "blocked": [{"name": str, "reason": str}],
      "warnings": [str],
      "problems": [str]
    }

``failed`` with stage ``contributions`` are plugins disabled as a whole (every other
command works without them); ``warnings`` are contributions left out because they
refer to what no loaded plugin declares; ``problems`` holds what stops the plugins
working together and could not be disabled (an essential built-in or a plugin asked
for by name): ``gluteus generate`` would exit 1.

``gluteus plugins check NAME`` runs the plugin contract on one plugin (see
:mod:`gluteus.cli.plugin_check`).

It never imports the planner or the solver, so it stays fast.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from typing import Any

import click
import pluggy

from gluteus.cli.plugin_check import check_plugin

FORMAT = "gluteus.plugins/1"

CONTRIBUTIONS: tuple[tuple[str, str, str, str], ...] = (
    # (hook, key in "contributes", singular, plural) in the order a listing reads best
    ("register_issues", "issues", "issue", "issues"),
    ("register_signs", "signs", "sign", "signs"),
    ("register_red_flags", "red_flags", "red flag", "red flags"),
    ("register_precautions", "precautions", "precaution", "precautions"),
    ("register_equipment", "equipment", "piece of equipment", "pieces of equipment"),
    ("register_tests", "tests", "test", "tests"),
    ("register_pain_regions", "pain_regions", "pain region", "pain regions"),
    ("register_person_states", "person_states", "person state", "person states"),
    ("register_exercises", "exercises", "exercise", "exercises"),
    ("register_ladders", "ladders", "ladder", "ladders"),
    ("register_dosing", "dose_rules", "dose rule", "dose rules"),
    ("register_safety_rules", "safety_rules", "safety rule", "safety rules"),
)
"""The ``register_*`` hooks whose items are counted, one count per plugin."""

CITING: tuple[str, ...] = (
    *(hook for hook, _, _, _ in CONTRIBUTIONS),
    "register_adaptation_rules",
)
"""The hooks whose items cite a ``source``: the sources a plugin cites are theirs."""


def _impls_of(pm: pluggy.PluginManager, hook: str, plugin: object) -> list[Any]:
    caller = getattr(pm.hook, hook, None)
    if caller is None:
        return []
    return [impl for impl in caller.get_hookimpls() if impl.plugin is plugin]


def _call(impl: Any, hook: str, kwargs: Mapping[str, Any], errors: list[str]) -> Any:
    # One plugin's hook at a time, each failure recorded against it: a broken
    # plugin must not hide the others, nor crash the listing.
    try:
        return impl.function(**{arg: kwargs[arg] for arg in impl.argnames})
    except Exception as exc:
        errors.append(f"hook {hook} raised {type(exc).__name__}: {exc}")
        return None


def _items(result: Any, hook: str, errors: list[str]) -> list[Any]:
    if result is None:
        return []
    if not isinstance(result, list | tuple):
        errors.append(f"hook {hook} returned {type(result).__name__}, expected a list")
        return []
    return list(result)


def _distribution(pm: pluggy.PluginManager, plugin: object) -> tuple[str | None, str | None]:
    """The name and version of the distribution that installed ``plugin``, if any."""
    for known, dist in pm.list_plugin_distinfo():
        if known is plugin:
            name = getattr(dist, "name", None) or getattr(dist, "project_name", None)
            return (str(name) if name else None), str(dist.version)
    return None, None


def _module(plugin: object) -> str:
    name = getattr(plugin, "__name__", None)
    if isinstance(name, str) and not isinstance(plugin, type):
        return name
    cls = plugin if isinstance(plugin, type) else type(plugin)
    return f"{cls.__module__}.{cls.__qualname__}"


def describe_plugin(
    pm: pluggy.PluginManager, name: str, plugin: object, versions: Mapping[str, str]
) -> dict[str, Any]:
    """What plugin ``name`` is and contributes, as JSON data (see the module docstring)."""
    errors: list[str] = []
    returned: dict[str, list[Any]] = {}
    for hook in (*CITING, "register_sources"):
        returned[hook] = [
            item
            for impl in _impls_of(pm, hook, plugin)
            for item in _items(_call(impl, hook, {}, errors), hook, errors)
        ]
    contributes: dict[str, Any] = {key: len(returned[hook]) for hook, key, _, _ in CONTRIBUTIONS}
    cited = {
        source
        for hook in CITING
        for item in returned[hook]
        if isinstance(source := getattr(item, "source", None), str)
    }
    contributes["sources"] = len(cited)
    contributes["sources_declared"] = len(returned["register_sources"])
    formats: list[str] = []
    for impl in _impls_of(pm, "register_renderers", plugin):
        result = _call(impl, "register_renderers", {}, errors)
        for item in _items(result, "register_renderers", errors):
            formats.append(str(getattr(item, "format", item)))
    contributes["formats"] = formats
    commands: list[str] = []
    for impl in _impls_of(pm, "register_commands", plugin):
        # Given a throwaway group, so the listing sees the commands without adding them.
        group = click.Group("gluteus")
        _call(impl, "register_commands", {"cli": group}, errors)
        commands.extend(sorted(group.commands))
    contributes["commands"] = commands
    distribution, _ = _distribution(pm, plugin)
    builtin = name in getattr(pm, "builtin_names", ())
    return {
        "name": name,
        "version": versions.get(name, "unknown"),
        "builtin": builtin,
        "distribution": distribution,
        "module": _module(plugin),
        "hooks": sorted(caller.name for caller in pm.get_hookcallers(plugin) or ()),
        "contributes": contributes,
        "errors": errors,
    }


def plugins_report(pm: pluggy.PluginManager) -> dict[str, Any]:
    """Every registered plugin, every load failure and registry problem, as JSON data.

    Never raises for a broken plugin: its failure is part of the report.
    """
    from gluteus import __version__
    from gluteus.engine.errors import PluginError
    from gluteus.engine.pluginmanager import GluteusPluginManager, plugin_versions
    from gluteus.engine.registry import build_registry

    # Built first: a failing plugin that may be disabled is, before it is described.
    problem: PluginError | None = None
    warnings: list[str] = []
    try:
        registry = pm.registry() if isinstance(pm, GluteusPluginManager) else build_registry(pm)
        warnings = [f"plugin {plugin!r} {message}" for plugin, message in registry.warnings]
    except PluginError as exc:
        problem = exc
    versions = plugin_versions(pm)
    plugins = [
        describe_plugin(pm, name, plugin, versions)
        for name, plugin in pm.list_name_plugin()
        if plugin is not None  # a blocked name
    ]
    failed = [
        {
            "name": e.plugin,
            "distribution": e.distribution,
            "error": e.error,
            "stage": e.stage,
            "builtin": e.builtin,
        }
        for e in getattr(pm, "load_errors", ())
    ]
    blocked = [{"name": b.plugin, "reason": b.reason} for b in getattr(pm, "blocked_plugins", ())]
    problems: list[str] = []
    if problem is not None and not any(p["errors"] for p in plugins if p["name"] == problem.plugin):
        # What generate would fail on (ids that clash, references that do not
        # resolve), unless a hook of the same plugin already failed above.
        problems.append(str(problem))
    return {
        "format": FORMAT,
        "engine": {"version": __version__},
        "plugins": plugins,
        "failed": failed,
        "blocked": blocked,
        "warnings": warnings,
        "problems": problems,
    }


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _wrap(line: str, width: int) -> list[str]:
    """One report line wrapped at word boundaries, continuing under its text."""
    body = line.lstrip()
    indent = len(line) - len(body)
    label = body.split(": ", 1)[0] + ": " if ": " in body and indent else ""
    return textwrap.wrap(
        line,
        width,
        subsequent_indent=" " * (indent + min(len(label), 4) if label else indent + 2),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]


def report_text(report: Mapping[str, Any], width: int = 80) -> str:
    """The report as plain text, a short block per plugin, wrapped at ``width``."""
    plugins = report["plugins"]
    failed = [item for item in report["failed"] if item.get("stage") != "contributions"]
    disabled = [item for item in report["failed"] if item.get("stage") == "contributions"]
    blocked = report.get("blocked", [])
    head = f"{_counted(len(plugins), 'plugin', 'plugins')} loaded"
    if failed:
        head += f", {len(failed)} failed to load"
    if disabled:
        head += f", {len(disabled)} disabled"
    if blocked:
        head += f", {len(blocked)} blocked"
    lines = [f"gluteus {report['engine']['version']}: {head}.", ""]
    for plugin in plugins:
        origin = (
            "built-in"
            if plugin["builtin"]
            else f"from {plugin['distribution']}"
            if plugin["distribution"]
            else plugin["module"]
        )
        lines.append(f"{plugin['name']} {plugin['version']} ({origin})")
        given = plugin["contributes"]
        parts = [
            _counted(given[key], one, many) for _, key, one, many in CONTRIBUTIONS if given[key]
        ]
        if given["sources"]:
            parts.append("cites " + _counted(given["sources"], "source", "sources"))
        if given["formats"]:
            parts.append("formats " + ", ".join(given["formats"]))
        if given["commands"]:
            parts.append("commands " + ", ".join(given["commands"]))
        lines.append("  contributes: " + ("; ".join(parts) if parts else "nothing"))
        lines.append("  hooks: " + (", ".join(plugin["hooks"]) or "none"))
        lines.extend(f"  ERROR: {error}" for error in plugin["errors"])
        lines.append("")
    for title, items in (
        ("Failed to load:", failed),
        ("Disabled (everything else works without them):", disabled),
    ):
        if items:
            lines.append(title)
            for item in items:
                dist = f" ({item['distribution']})" if item["distribution"] else ""
                lines.append(f"  {item['name']}{dist}: {item['error']}")
            lines.append("")
    if blocked:
        lines.append("Blocked:")
        lines.extend(f"  {item['name']}: {item['reason']}" for item in blocked)
        lines.append("")
    if report.get("warnings"):
        lines.append("Left out (what no loaded plugin declares):")
        lines.extend(f"  {warning}" for warning in report["warnings"])
        lines.append("")
    if report["problems"]:
        lines.append("Problems (generate would fail until they are fixed):")
        lines.extend(f"  {problem}" for problem in report["problems"])
        lines.append("")
    wrapped = [part for line in lines for part in _wrap(line, width)]
    return "\n".join(wrapped).rstrip("\n") + "\n"


def _warnings(report: Mapping[str, Any]) -> list[str]:
    out = [
        f"Warning: plugin {item['name']!r} "
        + ("is disabled" if item.get("stage") == "contributions" else "failed to load")
        + f": {item['error']}"
        for item in report["failed"]
    ]
    out += [f"Warning: {warning}" for warning in report.get("warnings", ())]
    out += [
        f"Warning: plugin {p['name']!r}: {error}"
        for p in report["plugins"]
        for error in p["errors"]
    ]
    out += [f"Warning: {problem}" for problem in report["problems"]]
    return out


@click.group(invoke_without_command=True, short_help="List the plugins and what each adds.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.pass_context
def plugins(ctx: click.Context, fmt: str) -> None:
    """List the loaded plugins, their versions and what each contributes.

    Built-in plugins are listed too, and marked. A plugin that failed to load or
    was disabled is listed with its error (and warned about on stderr), a blocked
    one with why; the listing still exits 0. Sources are those each plugin's own
    contributions cite.

    \b
    Examples:
      gluteus plugins
      gluteus plugins --format json
      gluteus plugins check hamstrings
    """
    if ctx.invoked_subcommand is not None:
        return
    from gluteus.cli import make_manager

    report = plugins_report(make_manager())
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
    else:
        from gluteus.cli import terminal

        click.echo(report_text(report, terminal.plain_width()), nl=False)
    for warning in _warnings(report):
        click.echo(warning, err=True)


plugins.add_command(check_plugin, "check")
