"""Ctrl-C (SIGINT) and SIGTERM stop a run: exit 130 or 143, one line, the old output
as it was and no temporary file, whether the signal comes while the solver plans
or while the program is being written.

The runs are real processes with real signals. A small driver runs the command
line after wrapping one function to say on stderr when the phase under test has
begun, so the signal is sent at a known moment rather than after a guessed sleep.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import gluteus
from gluteus.cli import cli
from gluteus.engine import api
from gluteus.engine.model import DAYS, EQUIPMENT

ROOT = Path(__file__).resolve().parent.parent

# Announces the first solve (planning has begun) on stderr, then runs gluteus.
DURING_PLANNING = """
import os, sys
from ortools.sat.python import cp_model

solve = cp_model.CpSolver.solve

def announced(self, *args, **kwargs):
    if not getattr(announced, "done", False):
        announced.done = True
        os.write(2, b"PLANNING\\n")
    return solve(self, *args, **kwargs)

cp_model.CpSolver.solve = announced
from gluteus.cli import main
sys.argv = ["gluteus", *sys.argv[1:]]
main()
"""

# Announces that the temporary file is written (fsync) and waits there, so the
# signal lands while the temporary file exists and the old output is not replaced.
DURING_WRITING = """
import os, sys, time

def slow_fsync(fd, real=os.fsync):
    real(fd)
    os.write(2, b"WRITING\\n")
    time.sleep(30)

os.fsync = slow_fsync
from gluteus.cli import main
sys.argv = ["gluteus", *sys.argv[1:]]
main()
"""


@pytest.fixture(scope="module")
def long_profile(tmp_path_factory):
    """The longest program there is (24 weeks, 7 sessions of 120 min, all equipment):
    about a second of planning, in several solves."""
    data = yaml.safe_load((ROOT / "profiles" / "dana.yaml").read_text())
    data["schedule"] = {
        "weeks": 24,
        "sessions_per_week": 7,
        "minutes_per_session": 120,
        "days": list(DAYS),
    }
    data["equipment"] = [e for e in EQUIPMENT if e != "bodyweight"]
    path = tmp_path_factory.mktemp("signals") / "long.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def interrupt(
    driver: str, marker: str, args: list[str], signum: int, delay: float
) -> tuple[int, str]:
    """Run ``driver`` with ``args``, send ``signum`` ``delay`` seconds after it
    printed ``marker``; its exit code and the rest of its stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-c", driver, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline().decode()
        assert line == f"{marker}\n", line + proc.stderr.read().decode()
        time.sleep(delay)
        proc.send_signal(signum)
        code = proc.wait(timeout=20)
        return code, proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def assert_stopped(code: int, err: str, signum: int, out: Path, old: bytes, mode: int) -> None:
    assert code == 128 + signum, err
    assert "Traceback" not in err, err
    assert err.count("Stopped:") == 1, err
    assert out.read_bytes() == old
    assert (out.stat().st_mode & 0o7777) == mode
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


@pytest.mark.parametrize(
    ("signum", "delay"),
    [
        (signal.SIGINT, 0.0),
        (signal.SIGINT, 0.05),
        (signal.SIGINT, 0.2),
        (signal.SIGTERM, 0.0),
        (signal.SIGTERM, 0.1),
    ],
)
def test_a_signal_while_planning_stops_the_run(long_profile, tmp_path, signum, delay):
    out = tmp_path / "program.txt"
    out.write_bytes(b"the program from last week\n")
    out.chmod(0o640)
    code, err = interrupt(
        DURING_PLANNING, "PLANNING", ["generate", str(long_profile), "-o", str(out)], signum, delay
    )
    assert_stopped(code, err, signum, out, b"the program from last week\n", 0o640)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_writing_leaves_no_temporary(tmp_path, signum):
    out = tmp_path / "program.txt"
    out.write_bytes(b"the program from last week\n")
    out.chmod(0o644)
    profile = ROOT / "profiles" / "dana.yaml"
    code, err = interrupt(
        DURING_WRITING, "WRITING", ["generate", str(profile), "-o", str(out)], signum, 0.0
    )
    assert_stopped(code, err, signum, out, b"the program from last week\n", 0o644)


def test_ctrl_c_inside_a_command_exits_130_with_one_line(monkeypatch, tmp_path):
    profile = ROOT / "profiles" / "dana.yaml"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "generate", interrupted)
    result = CliRunner().invoke(cli, ["generate", str(profile), "-o", str(tmp_path / "p.txt")])
    assert result.exit_code == 130
    assert result.stderr == "Stopped: interrupted (Ctrl-C); nothing more was written.\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_planning_leaves_the_sigint_handler_in_place(pm):
    """The solver must not take SIGINT over: after a solve, Ctrl-C still reaches
    Python's handler (the kernel still has a handler, not the default action)."""

    def caught() -> bool:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
        raise AssertionError("no SigCgt line")

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert caught()
    gluteus.generate(gluteus.load_profile(ROOT / "profiles" / "dana.yaml"), plugins=pm)
    assert caught()
