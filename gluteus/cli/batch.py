"""``gluteus batch``: programs for many profiles at once, in parallel processes.

Each profile ``NAME.yaml`` (or .yml, .toml, .json) gives ``OUTDIR/NAME.EXT`` per
format (``NAME.FORMAT.EXT`` when two chosen formats share an extension), written
whole or not at all. A red flag gives the referral document in each format
instead. Beside the outputs, ``OUTDIR/.gluteus-batch/NAME.json`` records what
they were made from: the profile's bytes (SHA-256), the engine and plugin
versions, and each output's SHA-256. A profile whose record still matches is not
generated again, so a stopped batch resumes where it stopped.

Work is done in worker processes that return plain data (the engine's exceptions
never cross a process boundary). Ctrl-C stops the workers at once, removes their
temporary files and keeps every output that was finished.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

PROFILE_SUFFIXES = (".yaml", ".yml", ".toml", ".json")
RECORDS = ".gluteus-batch"
"""The folder inside OUTDIR holding one record per profile (see the module docstring)."""
TEMP_PREFIX = ".gluteus-batch-"
RECORD_FORMAT = "gluteus.batch-record/1"

DONE, REFERRED, INFEASIBLE, BAD, ERROR, STOPPED = (
    "done",
    "referred",
    "infeasible",
    "bad input",
    "error",
    "not finished",
)
EXIT_CODES = {ERROR: 1, BAD: 2, INFEASIBLE: 4}
"""The exit code when any profile ends so, the first that applies in this order;
0 when every profile was generated or referred; 130 when stopped by Ctrl-C."""


# --- Output: written whole or not at all ---------------------------------------------
#
# A small private writer: write to a temporary file in the target's folder, then
# rename over the target. Temporary names carry the batch's id, so the batch can
# sweep away its own leftovers (a worker killed outright cannot) and never another
# run's.


def _write_atomic(target: Path, data: bytes, run_id: str) -> None:
    import tempfile  # here: `gluteus --help` imports this module

    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{run_id}-", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as any new file; mkstemp's are private
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    if "umask" not in _WORKER:
        # Reading the umask means setting it; done once, before any file is written.
        _WORKER["umask"] = os.umask(0o022)
        os.umask(_WORKER["umask"])
    return int(_WORKER["umask"])


def _sweep(outdir: Path, run_id: str) -> None:
    """Remove this run's temporary files, which only a killed worker leaves behind."""
    for folder in (outdir, outdir / RECORDS):
        for leftover in folder.glob(f"{TEMP_PREFIX}{run_id}-*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# --- The work for one profile (runs in a worker process) ----------------------------


class _Stop(SystemExit):
    """SIGTERM in a worker: unwinds the current profile (removing its temporary
    files) without being mistaken for a failure of that profile, and ends an idle
    worker quietly (a SystemExit)."""


def _stop(signum: int, frame: Any) -> None:
    raise _Stop


_WORKER: dict[str, Any] = {}
"""A worker process's state: its plugin manager (``pm``, built once by
:func:`_worker_init`) and the umask new files are created with."""


def _preload() -> None:
    """Import the planner and the solver (without pandas) before the first profile."""
    from gluteus.engine import planner  # noqa: F401
    from gluteus.engine.solver import load_cp_model

    load_cp_model()


def _worker_init(selection: dict[str, Any] | None = None) -> None:
    """Set up a worker process: Ctrl-C never reaches it (see :func:`_run_workers`),
    SIGTERM unwinds the profile at hand, the engine is loaded once, with the plugins
    the command line chose (``selection``: :func:`gluteus.cli.plugin_selection`)."""
    from gluteus.engine.pluginmanager import make_plugin_manager

    if hasattr(os, "setpgrp"):
        os.setpgrp()  # out of the terminal's foreground group, which Ctrl-C signals
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    _preload()
    _WORKER["pm"] = make_plugin_manager(**(selection or {}))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def run_one(task: dict[str, Any]) -> dict[str, Any]:
    """Generate, render and write the outputs of one profile in a worker; always
    returns plain data (status, one-line reason, files written), and raises only to
    stop (SIGTERM)."""
    from gluteus.engine import api
    from gluteus.engine.errors import Infeasible, ProfileError, ReferralRequired

    source = Path(task["profile"])
    result: dict[str, Any] = {"profile": task["profile"], "outputs": [], "detail": None}
    try:
        pm = _WORKER["pm"]
        before = _sha256(source)
        profile = api.load_profile(source, plugins=pm)
        try:
            program = api.generate(profile, plugins=pm)
            status, reason = DONE, ""
        except ReferralRequired as exc:
            if exc.result is None:  # the engine always builds the referral document
                raise
            program = exc.result
            status = REFERRED
            flags = ", ".join(f"{r.flag} ({r.urgency})" for r in exc.referrals)
            reason = f"red flag{'s' * (len(exc.referrals) != 1)}: {flags}"
        # Every format is rendered before anything is written: one that cannot render
        # this profile (bad input) leaves no outputs at all.
        rendered = {fmt: api.render(program, fmt, plugins=pm) for fmt in task["outputs"]}
        outdir = Path(task["outdir"])
        record_outputs = {}
        for fmt, data in rendered.items():
            name = task["outputs"][fmt]
            payload = data.encode("utf-8") if isinstance(data, str) else data
            _write_atomic(outdir / name, payload, task["run_id"])
            record_outputs[fmt] = {"file": name, "sha256": hashlib.sha256(payload).hexdigest()}
            result["outputs"].append(name)
        # The record is written last: outputs without one are simply made again. A
        # profile edited while it was read gets no record, for the same reason.
        if before is not None and _sha256(source) == before:
            record = {
                "format": RECORD_FORMAT,
                "profile": task["profile"],
                "profile_sha256": before,
                "engine": task["engine"],
                "status": status,
                "reason": reason,
                "outputs": {**task["kept"], **record_outputs},
            }
            text = json.dumps(record, indent=2, sort_keys=True) + "\n"
            _write_atomic(outdir / RECORDS / task["record"], text.encode(), task["run_id"])
        result.update(status=status, reason=reason)
    except ProfileError as exc:
        where = [f"line {exc.line}"] if exc.line else []
        where += [exc.path] if exc.path else []
        hint = f" (did you mean {exc.suggestion!r}?)" if exc.suggestion else ""
        result.update(status=BAD, reason=_one_line(": ".join([*where, exc.message]) + hint))
    except Infeasible as exc:
        reason = "; ".join(exc.conflicts)
        if exc.suggestions:
            reason += " (could change: " + "; ".join(exc.suggestions) + ")"
        result.update(status=INFEASIBLE, reason=_one_line(reason))
    except Exception as exc:  # a bug, or a plugin's: reported with its traceback
        result.update(
            status=ERROR,
            reason=_one_line(f"{type(exc).__name__}: {exc}")[:300],
            detail=traceback.format_exc(),
        )
    except _Stop:
        # The temporary files are gone (the writer removes its own on the way out).
        # Exit now: returning would let this worker start a task already queued.
        os._exit(128 + signal.SIGTERM)
    return result


# --- Planning the batch (in the command's process) ----------------------------------


def _profiles(paths: Sequence[str]) -> tuple[list[Path], list[dict[str, Any]], list[str]]:
    """The profile files named, folders expanded (not recursively, no hidden files);
    bad-input results for folders without any profile file; and both in the order
    given, for the summary."""
    found: list[Path] = []
    bad: list[dict[str, Any]] = []
    order: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in PROFILE_SUFFIXES and not p.name.startswith(".")
                if p.is_file()
            )
            if not inside:
                order.append(raw)
                bad.append(
                    {
                        "profile": raw,
                        "status": BAD,
                        "reason": "no profile files (.yaml, .yml, .toml, .json) in this folder",
                        "outputs": [],
                        "detail": None,
                    }
                )
            found.extend(inside)
            order.extend(str(p) for p in inside)
        else:
            found.append(path)  # the loader says what is wrong with it, if anything
            order.append(str(path))
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), bad, order


def _output_names(formats: Sequence[str], renderers: Any) -> dict[str, str]:
    """Format -> file name pattern (``{stem}`` filled in per profile)."""
    extensions = [renderers[f].extension for f in formats]
    return {
        fmt: f"{{stem}}.{ext}" if extensions.count(ext) == 1 else f"{{stem}}.{fmt}.{ext}"
        for fmt, ext in zip(formats, extensions, strict=True)
    }


def _check_formats(formats: Sequence[str], renderers: Any) -> list[str]:
    import difflib

    chosen: list[str] = []
    for fmt in formats:
        if fmt not in renderers:
            close = difflib.get_close_matches(fmt, list(renderers), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise click.BadParameter(
                f"{fmt!r} is not a format; choose from {', '.join(sorted(renderers))}{hint}",
                param_hint="'--format'",
            )
        if fmt not in chosen:
            chosen.append(fmt)
    return chosen


def _record_if_current(
    path: Path, outdir: Path, record_name: str, outputs: dict[str, str], engine: Any
) -> dict[str, Any] | None:
    """The profile's record when every output it asks for is still what was written
    from these very profile bytes by this engine; else None."""
    try:
        record = json.loads((outdir / RECORDS / record_name).read_text(encoding="utf-8"))
        if (
            record.get("format") != RECORD_FORMAT
            or record.get("engine") != engine
            or record.get("status") not in (DONE, REFERRED)
            or record.get("profile_sha256") != _sha256(path)
        ):
            return None
        for fmt, name in outputs.items():
            entry = record["outputs"].get(fmt)
            if entry is None or entry["file"] != name:
                return None
            if _sha256(outdir / name) != entry["sha256"]:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return dict(record)


def _kept_outputs(
    path: Path, outdir: Path, record_name: str, engine: Any, formats: Sequence[str]
) -> dict[str, Any]:
    """Outputs of other formats from an earlier run that are still current: the new
    record keeps listing them."""
    try:
        record = json.loads((outdir / RECORDS / record_name).read_text(encoding="utf-8"))
        if record.get("engine") != engine or record.get("profile_sha256") != _sha256(path):
            return {}
        return {f: e for f, e in record["outputs"].items() if f not in formats}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


# --- Progress --------------------------------------------------------------------------


@contextlib.contextmanager
def _progress(total: int, show: bool) -> Iterator[Any]:
    """A callable advancing a progress bar (rate and ETA) on stderr, or doing nothing
    when stderr is not a terminal: logs and pipes get the summary alone."""
    if not show or total == 0:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} programs/s" if speed else "- programs/s")

    progress = Progress(
        TextColumn("Generating"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )
    task = progress.add_task("batch", total=total)
    with progress:
        yield lambda: progress.advance(task)


# --- The command -------------------------------------------------------------------


@click.command(short_help="Generate programs for many profiles at once, in parallel; resumes.")
@click.argument("profiles", nargs=-1, required=True, metavar="PROFILE_OR_DIR...")
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the outputs (created if missing).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="json (the default), text, markdown, or any format a plugin adds; repeatable.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes (default: one per CPU).",
)
def batch(
    profiles: tuple[str, ...], outdir: str, formats: tuple[str, ...], jobs: int | None
) -> None:
    """Generate programs for many PROFILE files or folders of them, in parallel.

    Folders are read for .yaml, .yml, .toml and .json files (not recursively).
    Outputs go to OUTDIR, named after each profile; a profile whose outputs are
    already up to date (the same profile bytes, engine and format) is skipped, so
    an interrupted batch resumes. A progress bar shows on a terminal. At the end, a
    summary lists every profile: done, referred (a red flag: the referral is
    written instead), infeasible, or bad input, each with its reason.

    Exit codes: 0 every profile was generated or referred; 1 a bug (the traceback
    is printed); 2 a bad input (and no bug); 4 a profile whose constraints cannot
    all be met (and neither of those); 130 stopped by Ctrl-C (finished outputs
    are kept).
    """
    from gluteus.cli import plugin_manager, terminal
    from gluteus.engine import api
    from gluteus.engine.program import engine_info

    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"{outdir!r} is not a folder", param_hint="'-o'")
    if any(Path(p).is_dir() and Path(p).resolve() == out.resolve() for p in profiles):
        raise click.BadParameter(
            f"{outdir!r} is also a folder of profiles: the next batch would read its outputs "
            "as profiles; choose another OUTDIR",
            param_hint="'-o'",
        )
    pm = plugin_manager()
    ctx = api.context(pm)
    chosen = _check_formats(formats or ("json",), ctx.registry.renderers)
    version, plugins = engine_info(ctx)
    engine = {"version": version, "plugins": dict(plugins)}
    names = _output_names(chosen, ctx.registry.renderers)
    paths, results, given = _profiles(profiles)

    # Every output name must be unique and must not overwrite a profile.
    owner: dict[Path, Path] = {}
    inputs = {p.resolve() for p in paths}
    for path in paths:
        for pattern in names.values():
            target = (out / pattern.format(stem=path.stem)).resolve()
            if target in inputs:
                raise click.BadParameter(
                    f"{path} would be overwritten by the output of {owner.get(target, path)}; "
                    "choose another OUTDIR",
                    param_hint="'-o'",
                )
            if target in owner and owner[target] != path:
                raise click.BadParameter(
                    f"{owner[target]} and {path} would both write {target.name}; rename one "
                    "or run them separately",
                    param_hint="'PROFILE_OR_DIR'",
                )
            owner[target] = path

    out.mkdir(parents=True, exist_ok=True)
    (out / RECORDS).mkdir(exist_ok=True)
    run_id = str(os.getpid())
    tasks: list[dict[str, Any]] = []
    for path in paths:
        outputs = {fmt: pattern.format(stem=path.stem) for fmt, pattern in names.items()}
        record_name = f"{path.stem}.json"
        record = _record_if_current(path, out, record_name, outputs, engine)
        if record is not None:
            results.append(
                {
                    "profile": str(path),
                    "status": record["status"],
                    "reason": record.get("reason", ""),
                    "outputs": list(outputs.values()),
                    "detail": None,
                    "up_to_date": True,
                }
            )
            continue
        tasks.append(
            {
                "profile": str(path),
                "outdir": str(out),
                "outputs": outputs,
                "record": record_name,
                "kept": _kept_outputs(path, out, record_name, engine, chosen),
                "engine": engine,
                "run_id": run_id,
            }
        )

    workers = min(jobs or _default_jobs(), len(tasks)) or 1
    stopped = False
    try:
        if tasks:
            _run_workers(tasks, workers, results, terminal.is_terminal(sys.stderr))
    except KeyboardInterrupt:
        stopped = True
    finally:
        _sweep(out, run_id)
    done = {r["profile"] for r in results}
    results += [
        {"profile": t["profile"], "status": STOPPED, "reason": "", "outputs": [], "detail": None}
        for t in tasks
        if t["profile"] not in done
    ]
    order: dict[str, int] = {}
    for name in given:
        order.setdefault(name, len(order))
    results.sort(key=lambda r: order[r["profile"]])
    _summary(results, out, stopped)
    if stopped:
        sys.exit(130)
    statuses = {r["status"] for r in results}
    for status in (ERROR, BAD, INFEASIBLE):
        if status in statuses:
            sys.exit(EXIT_CODES[status])


def _run_workers(
    tasks: list[dict[str, Any]], workers: int, results: list[dict[str, Any]], show: bool
) -> None:
    """Run ``tasks`` in ``workers`` processes, appending each result as it arrives.

    Even one worker is a process of its own: the solver, while it runs, takes over
    Ctrl-C in its process (it stops the search early, and afterwards leaves Ctrl-C
    killing that process outright). Workers run in their own process group, so
    Ctrl-C at the terminal reaches this process alone; it cancels the pending
    tasks and stops the workers at once (SIGTERM unwinds each one's current
    profile, removing its temporary files); what was finished stays.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    if multiprocessing.get_start_method() == "fork":
        _preload()  # imported once here, shared by every forked worker
    from gluteus.cli import plugin_selection

    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_init, initargs=(plugin_selection(),)
    )
    futures = {}
    try:
        # Submitting starts the workers; forked before the progress bar starts its
        # thread, so no child inherits a lock that thread holds.
        futures = {pool.submit(run_one, task): task for task in tasks}
        with _progress(len(tasks), show) as advance:
            for future in as_completed(futures):
                _collect(future, futures[future], results, BrokenProcessPool)
                advance()
    except BaseException:
        for future in futures:
            future.cancel()
        for child in multiprocessing.active_children():
            with contextlib.suppress(OSError):
                child.terminate()
        raise
    finally:
        # One shutdown, waiting: it joins the pool's manager thread. A shutdown without
        # waiting first would leave that thread closing its pipe while the interpreter
        # exits, and Python 3.11's exit hook could then write to the closed pipe (an
        # "Exception ignored ... Bad file descriptor" traceback after Ctrl-C).
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(future: Any, task: dict[str, Any], results: list[dict[str, Any]], broken: Any) -> None:
    try:
        results.append(future.result())
    except broken as exc:
        results.append(
            {
                "profile": task["profile"],
                "status": ERROR,
                "reason": f"a worker process died: {exc}",
                "outputs": [],
                "detail": None,
            }
        )


def _summary(results: list[dict[str, Any]], outdir: Path, stopped: bool) -> None:
    """The summary on standard output: counts, then every profile by outcome."""
    by_status: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_status.setdefault(result["status"], []).append(result)
    skipped = sum(1 for r in results if r.get("up_to_date"))
    total = len(results)
    head = f"gluteus batch: {total} profile{'s' * (total != 1)} -> {outdir}"
    if stopped:
        head += " (stopped by Ctrl-C; finished outputs kept)"
    lines = [head]
    counts = [f"{len(by_status.get(s, []))} {s}" for s in (DONE, REFERRED, INFEASIBLE, BAD)]
    for extra in (ERROR, STOPPED):
        if by_status.get(extra):
            counts.append(f"{len(by_status[extra])} {extra}")
    lines.append("  " + ", ".join(counts) + (f" ({skipped} already up to date)" if skipped else ""))
    titles = {
        DONE: "Done",
        REFERRED: "Referred (red flags: the referral was written instead)",
        INFEASIBLE: "Infeasible (no program: the constraints cannot all be met)",
        BAD: "Bad input",
        ERROR: "Errors (a bug: please report it with the profile)",
        STOPPED: "Not finished",
    }
    for status, title in titles.items():
        group = by_status.get(status)
        if not group:
            continue
        lines += ["", f"{title}:"]
        for r in group:
            reason = r["reason"]
            if status in (DONE, REFERRED):
                files = ", ".join(r["outputs"])
                note = "up to date" if r.get("up_to_date") else "written"
                reason = f"{reason}; {note}: {files}" if reason else f"{note}: {files}"
            lines.append(f"  {r['profile']}: {reason}" if reason else f"  {r['profile']}")
    click.echo("\n".join(lines))
    for r in by_status.get(ERROR, []):
        if r.get("detail"):
            click.echo(f"\n{r['profile']}:\n{r['detail']}", err=True, nl=False)
