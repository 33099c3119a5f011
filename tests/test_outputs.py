"""Where `-o` writes, and what it never destroys.

Devices, FIFOs and links are private nodes made in a temporary folder (never the
real /dev): a character device with the numbers of /dev/null (1, 3) or /dev/full
(1, 7) needs root to make, and those tests say so when they skip. Commands run in
click's CliRunner where they can, and in a real process where file descriptors
(a closed or full standard output) are the point.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from tiny_plugin import PROFILE, TinyPlugin, build

from gluteus.cli import cli
from gluteus.engine import api
from gluteus.engine import pluginmanager as pluginmanager_module
from gluteus.engine.errors import OutputError
from gluteus.output import check_output, locate, write_output
from gluteus.plugins import basics, formats
from gluteus.plugins.documents.commands import cheatsheet

ROOT = Path(__file__).resolve().parent.parent
DANA = ROOT / "profiles" / "dana.yaml"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def planned(monkeypatch):
    """The tiny plugin and a stand-in planner: `generate` takes milliseconds."""
    original = pluginmanager_module.make_plugin_manager

    def make(**kwargs):
        return original(defaults=False, entrypoints=False, plugins=[basics, TinyPlugin(), formats])

    def fake_generate(profile, *, seed=None, plugins=None):
        return build(profile)

    monkeypatch.setattr(pluginmanager_module, "make_plugin_manager", make)
    monkeypatch.setattr(api, "generate", fake_generate)


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "tess.json"
    path.write_text(json.dumps(PROFILE.to_dict()))
    return path


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def char_device(path: Path, minor: int) -> Path:
    """A private character device with the numbers of /dev/null (3) or /dev/full (7)."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"making a character device needs root (CAP_MKNOD): {exc}")
    return path


def generate(runner, profile_file, *args):
    return runner.invoke(cli, ["generate", str(profile_file), *args])


def one_error(result) -> str:
    """The run failed with one message (exit 2, no traceback): the message."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- Nodes that are written through, never replaced ----------------------------------


def test_a_character_device_is_written_through_not_replaced(
    runner, planned, profile_file, tmp_path
):
    null = char_device(tmp_path / "null", 3)
    before = os.stat(null)
    result = generate(runner, profile_file, "-o", str(null))
    assert result.exit_code == 0, result.output
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, stat.S_IMODE(after.st_mode)) == (
        before.st_ino,
        before.st_rdev,
        stat.S_IMODE(before.st_mode),
    )
    assert temporaries(tmp_path) == []


def test_a_fifo_is_written_through_to_its_reader(runner, planned, profile_file, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = generate(runner, profile_file, "-o", str(fifo), "-f", "json")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["profile"]["name"] == PROFILE.name
    assert temporaries(tmp_path) == []


def test_a_symlink_is_followed_and_its_target_replaced(
    runner, planned, profile_file, tmp_path, umask_022
):
    target = tmp_path / "programs" / "tess.json"
    target.parent.mkdir()
    target.write_text("old program")
    target.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    result = generate(runner, profile_file, "-o", str(link), "-f", "json")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text())["profile"]["name"] == PROFILE.name
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert temporaries(tmp_path) == [] and temporaries(target.parent) == []


def test_a_dangling_symlink_gets_its_target_created(runner, planned, profile_file, tmp_path):
    link = tmp_path / "out.txt"
    link.symlink_to("made.txt")
    result = generate(runner, profile_file, "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (tmp_path / "made.txt").read_text().startswith("Glute program")


def test_names_of_this_process_descriptors_are_streams():
    """/dev/stdout and friends name a descriptor this process holds: written through
    it, never replaced (resolved by name alone, nothing in /dev is touched)."""
    assert locate("/dev/stdout").fd == 1
    assert locate("/dev/stderr").fd == 2
    assert locate("/dev/fd/1").fd == 1
    assert locate("/proc/self/fd/2").fd == 2
    assert locate(f"/proc/{os.getpid()}/fd/1").fd == 1
    assert all(locate(name).kind == "stream" for name in ("-", "/dev/stdout", "/dev/fd/1"))


def run_gluteus(args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "gluteus", *args],
        capture_output=kwargs.pop("capture_output", True),
        timeout=120,
        check=False,
        **kwargs,
    )


@pytest.mark.parametrize("how", ["/dev/fd/1", "/proc/self/fd/1", "link to /proc/self/fd/1"])
def test_a_descriptor_path_writes_through_to_what_stdout_is(tmp_path, how):
    """Like `> file` then `-o /dev/stdout`: the shell's file gets the program after
    what it held (opened for appending), keeps its inode, and no temporary is left."""
    out = tmp_path / "log.txt"
    out.write_text("header\n")
    before = out.stat().st_ino
    if how.startswith("link"):
        link = tmp_path / "stdout"
        link.symlink_to("/proc/self/fd/1")  # a private stand-in for /dev/stdout
        target = str(link)
    else:
        target = how
    header = out.read_bytes()
    with open(out, "ab") as fh:
        done = run_gluteus(
            ["generate", str(DANA), "-o", target, "-f", "json"],
            stdout=fh,
            stderr=subprocess.PIPE,
            capture_output=False,
        )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(header)
    assert json.loads(data[len(header) :])["profile"]["name"] == "Dana"
    assert out.stat().st_ino == before
    if how.startswith("link"):
        assert (tmp_path / "stdout").is_symlink()
    assert temporaries(tmp_path) == []


# --- Modes -----------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_follows_the_umask(runner, planned, profile_file, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        result = generate(runner, profile_file, "-o", str(tmp_path / "p.txt"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "p.txt").stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o755, 0o444])
def test_an_existing_file_keeps_its_mode(runner, planned, profile_file, tmp_path, mode):
    target = tmp_path / "p.txt"
    target.write_text("old")
    target.chmod(mode)
    result = generate(runner, profile_file, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("Glute program")
    assert stat.S_IMODE(target.stat().st_mode) == mode


# --- Refusals: one message, exit 2, before planning ----------------------------------


@pytest.fixture
def never_planned(monkeypatch, planned):
    def never(*args, **kwargs):
        raise AssertionError("planned although -o was refused")

    monkeypatch.setattr(api, "generate", never)


@pytest.mark.parametrize("how", ["same", "dotted", "symlink", "hard link"])
def test_the_profile_itself_is_never_the_output(runner, never_planned, profile_file, tmp_path, how):
    original = profile_file.read_bytes()
    if how == "same":
        output = str(profile_file)
    elif how == "dotted":
        (tmp_path / "sub").mkdir()
        output = str(tmp_path / "sub" / ".." / profile_file.name)
    elif how == "symlink":
        (tmp_path / "me.json").symlink_to(profile_file)
        output = str(tmp_path / "me.json")
    else:
        os.link(profile_file, tmp_path / "me.json")
        output = str(tmp_path / "me.json")
    message = one_error(generate(runner, profile_file, "-o", output))
    assert "the file being read" in message
    assert profile_file.read_bytes() == original
    assert temporaries(tmp_path) == []


def test_the_cheatsheet_never_replaces_its_profile(runner, monkeypatch, tmp_path):
    profile = tmp_path / "dana.yaml"
    profile.write_bytes(DANA.read_bytes())

    def never(*args, **kwargs):
        raise AssertionError("planned although -o was refused")

    monkeypatch.setattr(api, "generate", never)
    monkeypatch.setitem(cli.commands, "cheatsheet", cheatsheet)
    message = one_error(runner.invoke(cli, ["cheatsheet", str(profile), "-o", str(profile)]))
    assert "the file being read" in message
    assert profile.read_bytes() == DANA.read_bytes()


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("", "the output file name is empty"),
        (".", "it is a folder"),
        ("{tmp}", "it is a folder"),
        ("{tmp}/", "it is a folder"),
        ("{tmp}/missing/p.txt", "does not exist"),
    ],
)
def test_outputs_that_cannot_be_files_are_one_message(
    runner, never_planned, profile_file, tmp_path, output, expected
):
    message = one_error(generate(runner, profile_file, "-o", output.format(tmp=tmp_path)))
    assert expected in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_folder_is_one_message(runner, never_planned, profile_file, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        message = one_error(generate(runner, profile_file, "-o", str(folder / "p.txt")))
    finally:
        folder.chmod(0o755)
    assert "not writable" in message


def test_a_folder_refusing_the_file_at_write_time_is_one_message(
    runner, planned, profile_file, tmp_path, monkeypatch
):
    """What a read-only folder (or file system) does to a non-root user at the last
    step, here for any user: the file cannot be created. One message, exit 2."""
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    message = one_error(generate(runner, profile_file, "-o", str(tmp_path / "p.txt")))
    assert "Permission denied" in message
    assert list(tmp_path.iterdir()) == [profile_file]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "program.txt"
    target.write_text("good old program")

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match="No space left on device"):
        write_output("half", str(target))
    assert target.read_text() == "good old program"
    assert [p.name for p in tmp_path.iterdir()] == ["program.txt"]


def test_an_interrupt_while_writing_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "program.txt"
    target.write_text("good old program")

    def interrupted(fd):
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output("new program", str(target))
    assert target.read_text() == "good old program"
    assert [p.name for p in tmp_path.iterdir()] == ["program.txt"]


def test_an_interrupt_while_the_temporary_is_made_is_cleaned_up(tmp_path, monkeypatch):
    """The signal is held while the temporary file is created and named, then
    delivered: the run stops, and the file it had just made goes."""
    target = tmp_path / "program.txt"
    target.write_text("good old program")
    real_open = os.open

    def open_then_interrupt(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if flags & os.O_CREAT:
            signal.raise_signal(signal.SIGINT)
        return fd

    monkeypatch.setattr(os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_output("new program", str(target))
    assert target.read_text() == "good old program"
    assert [p.name for p in tmp_path.iterdir()] == ["program.txt"]


def test_whole_file_replaced_and_no_temporary(tmp_path):
    target = tmp_path / "program.txt"
    target.write_text("good old program")
    write_output("new program", str(target))
    assert target.read_text() == "new program"
    assert [p.name for p in tmp_path.iterdir()] == ["program.txt"]


def test_without_overwrite_a_file_that_appeared_is_kept(tmp_path, monkeypatch):
    """`init` without --force: a file that appears after the last check is not
    replaced (the commit is a hard link, which fails when the name exists)."""
    target = tmp_path / "me.yaml"
    check_output(str(target), overwrite=False)
    target.write_text("age: 77\n")  # someone else, meanwhile
    with pytest.raises(OutputError, match="already exists"):
        write_output("age: 40\n", str(target), overwrite=False)
    assert target.read_text() == "age: 77\n"
    assert [p.name for p in tmp_path.iterdir()] == ["me.yaml"]


def test_a_very_long_name_still_gets_a_temporary(tmp_path):
    target = tmp_path / ("p" * 250)
    write_output("x", str(target))
    assert target.read_text() == "x"


# --- Standard output that cannot take the program --------------------------------------


def test_stdout_on_a_full_device_is_one_message_and_exit_2(tmp_path):
    full = char_device(tmp_path / "full", 7)
    with open(full, "wb") as stdout:
        done = run_gluteus(
            ["generate", str(DANA)], stdout=stdout, stderr=subprocess.PIPE, capture_output=False
        )
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err == "Error: cannot write to standard output: No space left on device\n"


def test_closed_stdout_fails_before_planning():
    done = run_gluteus(
        ["generate", str(DANA)],
        stdout=None,
        stderr=subprocess.PIPE,
        capture_output=False,
        preexec_fn=lambda: os.close(1),
    )
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err == "Error: standard output is closed; give a file with -o\n"


def test_a_closed_pipe_is_one_message_and_no_complaint_at_exit():
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: every write fails with EPIPE
    try:
        done = run_gluteus(
            ["generate", str(DANA)], stdout=write, stderr=subprocess.PIPE, capture_output=False
        )
    finally:
        os.close(write)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err == "Error: cannot write to standard output: Broken pipe\n"
