"""`gluteus batch` end to end: outputs and summary, exit codes, resuming, progress, Ctrl-C.

Through click's CliRunner where a stand-in is needed (a bug) and in real processes
where processes are the point (parallel workers, terminals, Ctrl-C). Every profile
is planned by the real planner with the built-in plugins.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import PROFILES
from strategies import builtin_registry

from gluteus.cli import batch as batch_module
from gluteus.cli import cli
from gluteus.engine import api

BASE: dict[str, Any] = {
    "age": 40,
    "equipment": ["mat", "mini_band"],
    "schedule": {"weeks": 4, "sessions_per_week": 2, "minutes_per_session": 30},
}


def person(**changes: Any) -> dict[str, Any]:
    return {**BASE, "signs": ["barely_feel_glutes"], **changes}


def infeasible() -> dict[str, Any]:
    """Knees in focus with every knees exercise avoided: no plan can train them."""
    knees = sorted(e.id for e in builtin_registry().exercises.values() if "knees" in e.issues)
    return person(signs=["knees_cave_in"], focus=["knees"], preferences={"avoid": knees})


def write(folder: Path, **profiles: dict[str, Any] | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, data in profiles.items():
        if isinstance(data, str):
            (folder / f"{stem}.yaml").write_text(data)
        else:
            (folder / f"{stem}.json").write_text(json.dumps(data))
    return folder


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["batch", *args])


def gluteus(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gluteus", *args],
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def record(outdir: Path, stem: str) -> dict[str, Any]:
    return json.loads((outdir / ".gluteus-batch" / f"{stem}.json").read_text())


def leftovers(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*") if p.name.endswith(".tmp"))


# --- Outputs and the summary ----------------------------------------------------------


def test_every_profile_gets_its_outputs_and_the_summary_says_what_happened(tmp_path):
    shutil.copy(PROFILES / "dana.yaml", tmp_path / "dana.yaml")
    shutil.copy(PROFILES / "red_flag.yaml", tmp_path / "red_flag.yaml")
    write(tmp_path, ann=person(), bob=person(signs=["poor_balance"], seed=3))
    out = tmp_path / "out"
    result = run(str(tmp_path), "-o", str(out), "-f", "json", "-f", "markdown", "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        f"{stem}.{ext}" for stem in ("ann", "bob", "dana", "red_flag") for ext in ("json", "md")
    ]
    # The very program `gluteus generate --format json` gives.
    single = CliRunner().invoke(cli, ["generate", str(tmp_path / "dana.yaml"), "-f", "json"])
    assert (out / "dana.json").read_text() == single.stdout
    referral = json.loads((out / "red_flag.json").read_text())
    assert referral["status"] == "referral" and referral["weeks"] == []
    text = result.stdout
    assert f"gluteus batch: 4 profiles -> {out}" in text
    assert "3 done, 1 referred, 0 infeasible, 0 bad input" in text
    assert f"  {tmp_path / 'dana.yaml'}: written: dana.json, dana.md" in text
    assert (
        f"  {tmp_path / 'red_flag.yaml'}: red flags: bladder_or_bowel_change (emergency), "
        "unexplained_weight_loss (urgent), severe_pain (soon); written: red_flag.json, red_flag.md"
        in text
    )
    assert result.stderr == ""  # no progress bar: not a terminal
    assert leftovers(out) == []
    assert oct((out / "ann.json").stat().st_mode & 0o777) == oct(0o666 & ~current_umask())


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_bad_input_is_reported_by_file_and_the_good_profiles_still_get_their_programs(tmp_path):
    write(
        tmp_path / "in",
        good=person(),
        old=person(age=150),
        typo="age: 40\nsigns: [barely_feel_glute]\n",
        broken="age: [40\n",
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    result = run(
        str(tmp_path / "in"), str(empty), str(tmp_path / "missing.yaml"), "-o", str(out), "-j", "1"
    )
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["good.json"]
    text = result.stdout
    assert "1 done, 0 referred, 0 infeasible, 5 bad input" in text
    lines = text.split("Bad input:\n")[1].splitlines()
    # In the order given: the first folder's files by name, the empty folder, the file.
    assert lines[0].startswith(f"  {tmp_path / 'in' / 'broken.yaml'}: line ")
    assert any(
        line.startswith(f"  {tmp_path / 'in' / 'typo.yaml'}: line 2: signs[0]: ")
        and "did you mean 'barely_feel_glutes'?" in line
        for line in lines
    )
    assert any(line.startswith(f"  {tmp_path / 'in' / 'old.json'}: age: ") for line in lines)
    assert lines[3:5] == [
        f"  {empty}: no profile files (.yaml, .yml, .toml, .json) in this folder",
        f"  {tmp_path / 'missing.yaml'}: no such file",
    ]
    assert not (out / ".gluteus-batch" / "old.json").exists()


def test_an_infeasible_profile_exits_4_and_names_the_conflict(tmp_path):
    write(tmp_path / "in", fine=person(), stuck=infeasible())
    result = run(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 4, result.output
    assert "1 done, 0 referred, 1 infeasible, 0 bad input" in result.stdout
    line = result.stdout.split("Infeasible (no program: the constraints cannot all be met):\n")[1]
    line = line.splitlines()[0]
    assert line.startswith(f"  {tmp_path / 'in' / 'stuck.json'}: ")
    assert "knees must be trained every week" in line and "(could change: " in line
    assert not (tmp_path / "out" / "stuck.json").exists()


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the stand-in reaches forked workers only"
)
def test_exit_codes_rank_a_bug_over_bad_input_over_infeasible(tmp_path, monkeypatch):
    real = api.generate

    def buggy(profile: Any, **kwargs: Any) -> Any:
        if profile.name == "Bug":
            raise RuntimeError("planner bug")
        return real(profile, **kwargs)

    folder = write(tmp_path / "in", stuck=infeasible(), bad=person(age=-1))
    assert run(str(folder), "-o", str(tmp_path / "o1"), "-j", "1").exit_code == 2
    monkeypatch.setattr(api, "generate", buggy)
    write(folder, bug=person(name="Bug"))
    result = run(str(folder), "-o", str(tmp_path / "o2"), "-j", "1")
    assert result.exit_code == 1
    assert "1 error" in result.stdout
    assert f"  {folder / 'bug.json'}: RuntimeError: planner bug" in result.stdout
    assert "Traceback (most recent call last)" in result.stderr  # for the bug report
    assert "RuntimeError: planner bug" in result.stderr


def test_usage_errors_exit_2_before_any_work(tmp_path):
    folder = write(tmp_path / "a", dana=person())
    write(tmp_path / "b", dana=person(seed=1))
    out = tmp_path / "out"
    clash = run(str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out))
    assert clash.exit_code == 2
    assert "would both write dana.json" in clash.stderr
    unknown = run(str(folder), "-o", str(out), "-f", "jsn")
    assert unknown.exit_code == 2 and "did you mean 'json'?" in unknown.stderr
    over = run(str(folder / "dana.json"), "-o", str(folder))
    assert over.exit_code == 2 and "would be overwritten" in over.stderr
    same = run(str(folder), "-o", str(folder))
    assert same.exit_code == 2 and "also a folder of profiles" in same.stderr
    (tmp_path / "file").write_text("x")
    assert run(str(folder), "-o", str(tmp_path / "file")).exit_code == 2
    assert not out.exists()


def test_formats_sharing_an_extension_get_the_format_in_the_name():
    class R:
        def __init__(self, ext: str) -> None:
            self.extension = ext

    renderers = {"pdf": R("pdf"), "cheatsheet": R("pdf"), "json": R("json")}
    names = batch_module._output_names(["json", "pdf", "cheatsheet"], renderers)
    assert names == {
        "json": "{stem}.json",
        "pdf": "{stem}.pdf.pdf",
        "cheatsheet": "{stem}.cheatsheet.pdf",
    }


# --- Resuming ---------------------------------------------------------------------


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}


def test_up_to_date_outputs_are_skipped_and_changed_ones_made_again(tmp_path):
    folder = write(tmp_path / "in", ann=person(), bob=person(seed=5), cy=person(seed=9))
    out = tmp_path / "out"
    assert run(str(folder), "-o", str(out), "-j", "1").exit_code == 0
    first = stamps(out)
    again = run(str(folder), "-o", str(out), "-j", "1")
    assert again.exit_code == 0
    assert "3 done, 0 referred, 0 infeasible, 0 bad input (3 already up to date)" in again.stdout
    assert f"  {folder / 'ann.json'}: up to date: ann.json" in again.stdout
    assert stamps(out) == first  # nothing rewritten

    (folder / "ann.json").write_text(json.dumps(person(seed=11)))  # the profile changed
    (out / "bob.json").write_text("{}")  # an output edited by hand
    (out / "cy.json").unlink()  # an output removed
    third = run(str(folder), "-o", str(out), "-j", "1")
    assert "3 done" in third.stdout and "already up to date" not in third.stdout
    assert json.loads((out / "ann.json").read_text())["profile"]["seed"] == 11
    assert json.loads((out / "bob.json").read_text())["status"] == "ok"
    assert (out / "cy.json").exists()


def test_another_engine_version_or_format_makes_outputs_again(tmp_path):
    folder = write(tmp_path / "in", ann=person())
    out = tmp_path / "out"
    assert run(str(folder), "-o", str(out), "-j", "1").exit_code == 0
    rec = record(out, "ann")
    rec["engine"]["version"] = "0.0.1"
    (out / ".gluteus-batch" / "ann.json").write_text(json.dumps(rec))
    assert "already up to date" not in run(str(folder), "-o", str(out), "-j", "1").stdout
    assert record(out, "ann")["engine"]["version"] != "0.0.1"
    both = run(str(folder), "-o", str(out), "-j", "1", "-f", "json", "-f", "markdown")
    assert "already up to date" not in both.stdout  # markdown was never made
    assert set(record(out, "ann")["outputs"]) == {"json", "markdown"}
    # Asking for one of them again: up to date, and the record keeps the other.
    md = run(str(folder), "-o", str(out), "-j", "1", "-f", "markdown")
    assert "(1 already up to date)" in md.stdout
    assert set(record(out, "ann")["outputs"]) == {"json", "markdown"}


def test_the_record_names_the_profile_bytes_engine_and_each_output(tmp_path):
    folder = write(tmp_path / "in", ann=person())
    out = tmp_path / "out"
    run(str(folder), "-o", str(out), "-j", "1")
    rec = record(out, "ann")
    assert rec["format"] == "gluteus.batch-record/1"
    assert rec["status"] == "done"
    assert rec["profile_sha256"] == hashlib.sha256((folder / "ann.json").read_bytes()).hexdigest()
    assert rec["engine"]["version"] == __import__("gluteus").__version__
    assert "inhibition" in rec["engine"]["plugins"]
    digest = hashlib.sha256((out / "ann.json").read_bytes()).hexdigest()
    assert rec["outputs"] == {"json": {"file": "ann.json", "sha256": digest}}


# --- Processes: parallel, progress, Ctrl-C ----------------------------------------------


def many(folder: Path, count: int) -> Path:
    signs = ["barely_feel_glutes", "knees_cave_in", "poor_balance", "chronic_glute_tightness"]
    return write(
        folder,
        **{
            f"p{i:02d}": {
                **BASE,
                "signs": [signs[i % 4]],
                "seed": i,
                "schedule": {"weeks": 8, "sessions_per_week": 3, "minutes_per_session": 30},
            }
            for i in range(count)
        },
    )


@pytest.mark.slow  # worker processes each import the engine
def test_worker_processes_write_the_same_bytes_as_one_process(tmp_path):
    folder = many(tmp_path / "in", 6)
    write(folder, stuck=infeasible(), bad=person(age=-1))
    shutil.copy(PROFILES / "red_flag.yaml", folder / "red_flag.yaml")
    serial = gluteus("batch", str(folder), "-o", str(tmp_path / "one"), "-j", "1")
    parallel = gluteus("batch", str(folder), "-o", str(tmp_path / "two"), "-j", "2")
    assert serial.returncode == parallel.returncode == 2
    assert parallel.stdout.replace("/two", "/one") == serial.stdout
    for path in (tmp_path / "one").iterdir():
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name
    assert parallel.stderr == ""  # piped: no progress bar
    assert leftovers(tmp_path / "two") == []


def test_the_progress_bar_shows_rate_and_eta_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")
    folder = many(tmp_path / "in", 3)
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gluteus", "batch", str(folder), "-o", str(tmp_path / "o")],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=300)
    os.close(leader)
    screen = seen.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "Generating" in screen and "programs/s" in screen and "ETA" in screen
    assert "3/3" in screen or "/3" in screen


def workers_of(pid: int) -> list[int]:
    """The worker processes of batch ``pid``: its children that left its process
    group, as workers do (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and int(fields[2]) != pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
@pytest.mark.slow  # seconds of worker processes and a signal; the slow run keeps it
def test_ctrl_c_stops_the_workers_keeps_finished_outputs_and_the_next_run_resumes(tmp_path):
    folder = many(tmp_path / "in", 24)
    out = tmp_path / "out"
    records = out / ".gluteus-batch"
    proc = subprocess.Popen(
        [sys.executable, "-m", "gluteus", "batch", str(folder), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job
    )
    deadline = time.monotonic() + 120
    while not (records.is_dir() and len(list(records.glob("*.json"))) >= 2):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    workers = workers_of(proc.pid)
    assert len(workers) == 2
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends to its job
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "(stopped by Ctrl-C; finished outputs kept)" in stdout
    assert "Not finished:" in stdout
    assert "Traceback" not in stderr
    # The batch waited for its workers to end before it exited.
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []
    assert leftovers(out) == []
    kept = sorted(p.stem for p in records.glob("*.json"))
    assert 2 <= len(kept) < 24
    for stem in kept:  # every recorded output is complete
        entry = record(out, stem)["outputs"]["json"]
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    rest = gluteus("batch", str(folder), "-o", str(out), "-j", "2")
    assert rest.returncode == 0, rest.stderr
    assert f"24 done, 0 referred, 0 infeasible, 0 bad input ({len(kept)} already up to date)" in (
        rest.stdout
    )
    assert len(list(records.glob("*.json"))) == 24
