"""A small driver for Debian's headless Chromium over the DevTools protocol.

Chromium is started with ``--remote-debugging-pipe``: DevTools messages travel as
NUL-terminated JSON over file descriptors 3 (to the browser) and 4 (from it), so
no port, no websocket library and no browser download are needed. The page's
console messages, uncaught exceptions, log entries and network requests are
collected while it loads, for tests to assert on.

Used by ``tests/test_documents_browser.py`` and ``docs/screenshot.py``.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",  # chromium refuses to run as root otherwise
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    """Debian's chromium (or another Chromium on PATH), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class DevToolsError(RuntimeError):
    pass


def _above(fd: int, minimum: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, minimum)
    os.close(fd)
    return high


class Browser:
    """One Chromium process, spoken to over the DevTools pipe."""

    def __init__(self, executable: str, *, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="gluteus-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # Move the child's ends above 3 and 4, so the shell's redirections cannot collide.
        to_child_r, from_child_w = (_above(fd, 10) for fd in (to_child_r, from_child_w))
        # DevTools reads fd 3 and writes fd 4 in the browser: bash moves the pipe
        # ends there and execs chromium (no preexec_fn, safe with threads).
        wire = f'exec "$@" 3<&{to_child_r} 4>&{from_child_w} {to_child_r}<&- {from_child_w}>&-'
        command = [executable, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"]
        self.process = subprocess.Popen(
            ["bash", "-c", wire, "bash", *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(to_child_r, from_child_w),
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self._claimed: set[int] = set()

    # --- the protocol -----------------------------------------------------------------

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its result (events seen meanwhile are kept)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, session: str | None = None) -> dict[str, Any]:
        """Wait for the next event ``method`` not waited for before (every event stays in
        :attr:`events`)."""
        while True:
            for index, event in enumerate(self.events):
                if (
                    index not in self._claimed
                    and event.get("method") == method
                    and (session is None or event.get("sessionId") == session)
                ):
                    self._claimed.add(index)
                    return event
            self.events.append(self._read())

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise DevToolsError("timed out waiting for chromium")
            if self.process.poll() is not None:
                err = (
                    self.process.stderr.read().decode(errors="replace")
                    if self.process.stderr
                    else ""
                )
                raise DevToolsError(f"chromium exited ({self.process.returncode}): {err[-2000:]}")
            import select

            ready, _, _ = select.select([self._from_child], [], [], 0.5)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    continue
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    os.write(
                        self._to_child,
                        json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0",
                    )
                    self.process.wait(timeout=10)
                except (OSError, subprocess.TimeoutExpired):
                    self.process.kill()
                    self.process.wait(timeout=10)
        finally:
            for fd in (self._to_child, self._from_child):
                with suppress(OSError):
                    os.close(fd)
            if self.process.stderr:
                self.process.stderr.close()
            self._profile.cleanup()

    # --- pages --------------------------------------------------------------------------

    @contextmanager
    def page(
        self, url: str, *, width: int = 1000, height: int = 800, mobile: bool = False
    ) -> Iterator[Page]:
        """Open ``url`` in a new tab of the given viewport and wait until it has loaded."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, session)
        try:
            for domain in ("Page", "Runtime", "Log", "Network"):
                self.send(f"{domain}.enable", session=session)
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
                session=session,
            )
            self.send("Page.navigate", {"url": url}, session=session)
            self.wait_for("Page.loadEventFired", session=session)
            yield page
        finally:
            self.send("Target.closeTarget", {"targetId": target})


class Page:
    """A loaded tab: evaluate JavaScript, take screenshots, print, and read what it logged."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, *, full_page: bool = False) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": size["height"],
                "scale": 1,
            }
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    def print_pdf(self, **params: Any) -> bytes:
        return base64.b64decode(self.send("Page.printToPDF", params)["data"])

    def _events(self, method: str) -> list[dict[str, Any]]:
        return [
            e["params"]
            for e in self.browser.events
            if e.get("method") == method and e.get("sessionId") == self.session
        ]

    @property
    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (CSP violations,
        failed loads) seen so far."""
        errors = [
            " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            for p in self._events("Runtime.consoleAPICalled")
            if p.get("type") in ("error", "assert")
        ]
        errors += [str(p["exceptionDetails"]) for p in self._events("Runtime.exceptionThrown")]
        errors += [
            f"{p['entry'].get('source')}: {p['entry'].get('text')} {p['entry'].get('url', '')}"
            for p in self._events("Log.entryAdded")
            if p["entry"].get("level") == "error"
        ]
        return errors

    @property
    def requests(self) -> list[str]:
        """Every URL the page asked for, the page itself included."""
        return [p["request"]["url"] for p in self._events("Network.requestWillBeSent")]


@contextmanager
def browser(executable: str | None = None) -> Iterator[Browser]:
    """A started Chromium, closed afterwards."""
    path = executable or find_chromium()
    if path is None:
        raise DevToolsError("no chromium on PATH")
    b = Browser(path)
    try:
        yield b
    finally:
        b.close()


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
