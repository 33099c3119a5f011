"""Writing what a command produced: to standard output, through a device, or to a file.

One writer for every command that writes (``generate``, ``init``, a plugin's
``cheatsheet``), free of the command line's framework so that plugins may use it
too. What ``-o PATH`` does depends on what is there:

- ``-`` (or nothing): standard output; so are ``/dev/stdout``, ``/dev/fd/N`` and
  ``/proc/self/fd/N``, which name a descriptor this process already holds: the data
  goes through that descriptor, wherever it leads.
- A character device (``/dev/null``, a terminal) or a FIFO: written through, never
  replaced.
- A symbolic link: followed; its target is what gets written (or replaced).
- A regular file, or nothing yet: written whole or not at all, to a temporary
  ``.NAME.XXXXXXXX.tmp`` in the same folder that is then renamed over the name. A new
  file gets the usual mode (``0666`` less the umask); an existing file keeps its mode.
- Anything else (a folder, a socket, a block device), an empty name, the file a
  command is reading, a missing folder: refused with one :class:`OutputError` line.

A signal whose Python handler raises (Ctrl-C; SIGTERM under the command line)
during a write leaves no temporary file, and the old file as it was unless the
rename had already happened.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, Literal

import attrs

from gluteus.engine.errors import OutputError

STDOUT = "-"

_DESCRIPTOR_PATH = re.compile(r"^/(?:dev/fd|proc/(?:self|thread-self|\d+)/fd)/(\d+)$")
_STANDARD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_MAX_LINKS = 40  # as the kernel's own limit on symbolic links in one lookup
_TEMP_NAME_MAX = 200  # of the name's own part: '.' + name + '.XXXXXXXX.tmp' fits 255 bytes


@attrs.frozen
class Target:
    """Where an output goes, once links are followed.

    ``kind``: ``stream`` (a descriptor this process holds, ``fd``), ``through`` (a
    character device or FIFO at ``path``, written in place) or ``replace`` (a
    regular file at ``path``, or none yet, replaced by rename). ``mode`` is the
    existing file's permission bits (None for a new file).
    """

    kind: Literal["stream", "through", "replace"]
    path: str | None = None
    fd: int | None = None
    mode: int | None = None
    owner: tuple[int, int] | None = None
    exists: bool = False


def _descriptor(path: str) -> int | None:
    """The descriptor a path such as ``/dev/stdout`` or ``/proc/self/fd/3`` names."""
    if path in _STANDARD_STREAMS:
        return _STANDARD_STREAMS[path]
    match = _DESCRIPTOR_PATH.match(path)
    if match is None:
        return None
    pid = path.split("/")[2]
    if pid.isdigit() and int(pid) != os.getpid():
        return None  # another process's descriptor: an ordinary path
    return int(match.group(1))


def locate(output: str) -> Target:
    """Where ``output`` leads: follows links one at a time, so that a link to
    ``/dev/stdout`` or to another file is seen for what it is. Raises
    :class:`OutputError` for what cannot be written."""
    if output == STDOUT:
        return Target("stream", fd=1)
    if output == "":
        raise OutputError(
            "the output file name is empty; give a file name, or '-' for standard output"
        )
    # Not os.path.abspath: it drops 'link/..' without following the link.
    path = os.path.join(os.getcwd(), output)
    shown = os.path.dirname(output) or "."
    for _ in range(_MAX_LINKS):
        fd = _descriptor(path)
        if fd is not None:
            return Target("stream", fd=fd)
        folder, leaf = os.path.split(path)
        if leaf in ("", ".", ".."):
            raise OutputError("it is a folder; give a file name", file=output)
        if not os.path.isdir(folder):
            raise OutputError(f"folder {shown!r} does not exist", file=output)
        folder = os.path.realpath(folder)
        path = os.path.join(folder, leaf)
        fd = _descriptor(path)  # e.g. /dev/fd/1, whose folder is /proc/self/fd
        if fd is not None:
            return Target("stream", fd=fd)
        if not os.path.islink(path):
            break
        path = os.path.join(folder, os.readlink(path))
        shown = os.path.dirname(path)
    else:
        raise OutputError("too many levels of symbolic links", file=output)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Target("replace", path=path)
    except OSError as exc:
        raise OutputError(_reason(exc), file=output) from exc
    if stat.S_ISREG(info.st_mode):
        return Target(
            "replace",
            path=path,
            mode=stat.S_IMODE(info.st_mode),
            owner=(info.st_uid, info.st_gid),
            exists=True,
        )
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return Target("through", path=path, exists=True)
    what = "a folder" if stat.S_ISDIR(info.st_mode) else _kind_name(info.st_mode)
    raise OutputError(f"it is {what}; give a file name", file=output)


def _kind_name(mode: int) -> str:
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_output(
    output: str | None,
    *,
    inputs: Sequence[str | os.PathLike[str]] = (),
    overwrite: bool = True,
    exists_hint: str = "choose another name",
) -> Target:
    """Check, before any work is done, that ``output`` can be written.

    Refuses (:class:`OutputError`) an empty name, a folder, a missing or read-only
    folder, one of the ``inputs`` the command reads (also through another path, a
    link or a hard link), and, unless ``overwrite``, an existing file (the message
    ends with ``exists_hint``). A closed standard output is refused too.
    """
    if output is None:
        output = STDOUT
    target = locate(output)
    if target.kind == "stream":
        if target.fd == 1 and sys.stdout is None:
            raise OutputError("standard output is closed; give a file with -o")
        return target
    if target.kind != "replace":
        return target
    assert target.path is not None
    if target.exists:
        here = os.stat(target.path)
        for source in inputs:
            with contextlib.suppress(OSError):
                there = os.stat(source)
                if (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino):
                    raise OutputError(
                        f"it is {os.fspath(source)!r}, the file being read; choose another name",
                        file=output,
                    )
        if not overwrite:
            raise OutputError(f"it already exists; {exists_hint}", file=output)
    folder = os.path.dirname(target.path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"folder {folder!r} is not writable", file=output)
    return target


def write_output(data: str | bytes, output: str | None, *, overwrite: bool = True) -> None:
    """Write ``data`` (text is UTF-8) to ``output`` (None or ``-``: standard output),
    as the module docstring says.

    Unless ``overwrite``, a file that exists (or appears meanwhile) is never
    replaced. Every failure is one :class:`OutputError` (exit code 2).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    name = STDOUT if output is None else output
    target = locate(name)
    if target.kind == "stream":
        assert target.fd is not None
        _write_stream(payload, target.fd, name)
    elif target.kind == "through":
        assert target.path is not None
        _write_through(payload, target.path, name)
    else:
        if target.exists and not overwrite:
            raise OutputError("it already exists", file=name)
        _replace(payload, target, name, overwrite=overwrite)


# --- Streams and devices ------------------------------------------------------------


def _write_stream(payload: bytes, fd: int, name: str) -> None:
    streams: dict[int, IO[Any] | None] = {1: sys.stdout, 2: sys.stderr}
    label = "standard output" if fd == 1 else f"descriptor {fd}"
    if fd in streams:
        stream = streams[fd]
        if stream is None:
            raise OutputError(f"{label} is closed")
        try:
            stream.flush()
            buffer = getattr(stream, "buffer", None)
            if buffer is not None:
                buffer.write(payload)
                buffer.flush()
            else:
                stream.write(payload.decode("utf-8"))
                stream.flush()
        except ValueError as exc:  # the stream object was closed
            raise OutputError(f"{label} is closed") from exc
        except OSError as exc:
            discard(stream)
            raise OutputError(f"cannot write to {label}: {_reason(exc)}") from exc
        return
    try:
        _write_all(fd, payload)
    except OSError as exc:
        raise OutputError(f"cannot write to {label}: {_reason(exc)}", file=name) from exc


def discard(stream: IO[Any]) -> None:
    """Point a stream that failed (full disk, closed pipe) at the null device, so the
    interpreter's last flush on exit does not fail again with a second message."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _write_through(payload: bytes, path: str, name: str) -> None:
    # No O_CREAT and no O_TRUNC: the node is used, never made or replaced; a FIFO
    # waits here for its reader.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise OutputError(_reason(exc), file=name) from exc
    try:
        _write_all(fd, payload)
    except OSError as exc:
        raise OutputError(_reason(exc), file=name) from exc
    finally:
        os.close(fd)


# --- Files: temporary file, then rename ---------------------------------------------

_SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


@contextlib.contextmanager
def _signals_held() -> Iterator[Callable[[], bool]]:
    """Hold SIGINT and SIGTERM for a few steps that must not be cut in half (making
    the temporary file and recording its name; the rename; the clean-up), then
    deliver them as if they had just arrived. Yields a function that says whether
    one is waiting. Only the main thread receives Python's signal handlers, so
    elsewhere this holds nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    caught: list[int] = []
    previous: dict[int, Any] = {}

    def hold(signum: int, frame: Any) -> None:
        caught.append(signum)

    try:
        for signum in _SIGNALS:
            handler = signal.getsignal(signum)
            if handler is None or handler == signal.SIG_IGN:
                continue  # set outside Python, or ignored: leave it be
            previous[signum] = handler
            signal.signal(signum, hold)
        yield lambda: bool(caught)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)


def _temporary(folder: str, name: str, mode: int | None) -> tuple[int, str]:
    base = os.fsencode(name)[:_TEMP_NAME_MAX].decode(errors="ignore")
    for _ in range(100):
        path = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            # 0666 less the umask, as any new file; a file being replaced starts private
            # and gets its old mode before anything is written.
            fd = os.open(
                path,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                0o666 if mode is None else 0o600,
            )
        except FileExistsError:
            continue
        return fd, path
    raise FileExistsError(errno.EEXIST, "no free temporary file name", folder)


def _replace(payload: bytes, target: Target, name: str, *, overwrite: bool) -> None:
    assert target.path is not None
    folder, base = os.path.split(target.path)
    tmp: str | None = None
    fd: int | None = None
    try:
        with _signals_held():
            fd, tmp = _temporary(folder, base, target.mode)
        if target.mode is not None:
            if target.owner is not None and target.owner != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fd, *target.owner)
            os.fchmod(fd, target.mode)  # after chown, which clears set-id bits
        _write_all(fd, payload)
        os.fsync(fd)
        os.close(fd)
        fd = None
        with _signals_held() as interrupted:
            # A signal that came while the last steps ran stops the run here, before
            # the old file is touched.
            if not interrupted():
                _commit(tmp, target.path, overwrite=overwrite, name=name)
                tmp = None
        if tmp is not None:  # a held signal's handler let the run go on
            _commit(tmp, target.path, overwrite=overwrite, name=name)
            tmp = None
        _sync_folder(folder)
    except OSError as exc:
        raise OutputError(_reason(exc), file=name) from exc
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None:
            with _signals_held(), contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _commit(tmp: str, path: str, *, overwrite: bool, name: str) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    # A hard link fails if the name exists, so a file that appeared meanwhile is
    # never replaced; the temporary name then goes.
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise OutputError("it already exists", file=name) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: check, then rename (a small race).
        if os.path.lexists(path):
            raise OutputError("it already exists", file=name) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable; a folder that cannot be opened is no failure."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = ["STDOUT", "Target", "check_output", "discard", "locate", "write_output"]
