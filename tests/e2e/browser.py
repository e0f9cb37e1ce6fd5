"""`stretch-tui serve` driven in a real headless Chromium, for the browser test and the README's
browser screenshot (scripts/browser_screenshot.py).

`ServedApp` runs the installed `stretch-tui serve` on a free loopback port, in a process group
of its own, so that stopping it also ends the app process textual-serve started for each tab.
`BrowserPage` opens the page in Debian's `chromium` through its `chromedriver` (selenium; never
a browser a tool downloads), types into the page as a person would, and reads the text the
page's terminal (xterm.js) holds. xterm.js draws on a canvas, so there is no text in the page's
DOM: a script run before the page's own catches each terminal object as xterm.js builds it
(xterm's `Terminal` sets its `_core` in its constructor), and `screen_text` reads its buffer.

    with ServedApp(home) as served, BrowserPage() as page:
        page.open(served.url)
        page.wait_for("Library")
        page.type("l")

Every wait has a deadline; on timeout the error carries the page's screen as it was. Requests
for any host but this machine fail at once (the page asks Google Fonts for its font), so
nothing here needs the network.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.e2e.terminal import app_env, stretch_tui_command

ENTER, ESCAPE, END = "\ue007", "\ue00c", "\ue010"
"""Named keys for `BrowserPage.type`, as WebDriver codes them (selenium's `Keys`)."""

STARTUP_TIMEOUT = 20.0
"""Seconds `stretch-tui serve` gets to print the address it listens on."""

URL_LINE = re.compile(r"open (http://\S+) in a web browser")

CATCH_TERMINALS = """
window.__stretchTerminals = [];
Object.defineProperty(Object.prototype, "_core", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_core", {
      value, writable: true, configurable: true, enumerable: true,
    });
    window.__stretchTerminals.push(this);
  },
});
"""
"""Run before the page's scripts: keeps every object that sets `_core` (xterm's terminals)."""

READ_SCREEN = """
const term = window.__stretchTerminals.find((t) => t.buffer && t.buffer.active && t.rows);
if (!term) { return null; }
const buffer = term.buffer.active;
const lines = [];
for (let row = 0; row < term.rows; row++) {
  const line = buffer.getLine(buffer.viewportY + row);
  lines.push(line ? line.translateToString(true) : "");
}
return [term.cols, term.rows, lines.join("\\n")];
"""
"""The page terminal's columns, rows and visible text, or null before it exists."""


def system_chromium() -> tuple[str, str] | None:
    """The system's chromium and its chromedriver (Debian: `chromium`, `chromium-driver`), or
    None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def free_port() -> int:
    """A loopback port nobody listens on now (the kernel's pick)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class ServedApp:
    """`stretch-tui serve` over `home` on a free loopback port, stopped (with every tab's app
    process) on exit."""

    def __init__(self, home: Path, *, env: dict[str, str] | None = None) -> None:
        self.home = home
        self.env = app_env(home) if env is None else env
        self.port = free_port()
        self.url = ""
        self.output = ""
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> str:
        """Start serving; returns the address it printed. Fails with its output if it does
        not print one within `STARTUP_TIMEOUT` seconds."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [stretch_tui_command(), "serve", "--port", str(self.port)],
            env=self.env,
            cwd=self.home,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not (found := URL_LINE.search(self.output)):
            left = deadline - time.monotonic()
            if left <= 0 or self.process.poll() is not None:
                raise AssertionError(f"stretch-tui serve printed no address:\n{self.output}")
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if ready:
                self.output += self.process.stdout.readline()
        self.url = found.group(1)
        return self.url

    def stop(self) -> int | None:
        """Stop the server and the apps it started (terminate, then kill after 10 s); returns
        the server's exit status. Safe to call twice."""
        if self.process is None:
            return None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        # Whatever is left of the group (an app a tab started) goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        status = self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.output += self.process.stdout.read()
            self.process.stdout.close()
        return status

    def __enter__(self) -> ServedApp:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class BrowserPage:
    """A headless Chromium window (selenium) on the served app; `window` is its size in CSS
    pixels (None: the browser's default)."""

    def __init__(self, window: tuple[int, int] | None = None) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        found = system_chromium()
        if found is None:
            raise RuntimeError(
                "chromium and chromedriver are needed (Debian: apt install "
                "chromium chromium-driver)"
            )
        browser, driver = found
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for argument in (
            "--headless=new",
            "--no-sandbox",  # the test may run as root, where the sandbox refuses to start
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        ):
            options.add_argument(argument)
        if window is not None:
            options.add_argument(f"--window-size={window[0]},{window[1]}")
        self.driver = webdriver.Chrome(options=options, service=Service(driver))
        self.driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINALS}
        )

    def open(self, url: str) -> None:
        """Load the page (its script then connects and the server starts this tab's app)."""
        self.driver.get(url)

    def size(self) -> tuple[int, int] | None:
        """The page terminal's columns and rows, or None before it exists."""
        read = self._read()
        return None if read is None else (read[0], read[1])

    def screen_text(self) -> str:
        """The text the page's terminal shows now ("" before it exists)."""
        read = self._read()
        return "" if read is None else read[2]

    def has_text(self, text: str | re.Pattern[str]) -> bool:
        screen = self.screen_text()
        return bool(text.search(screen)) if isinstance(text, re.Pattern) else text in screen

    def wait_for(self, text: str | re.Pattern[str], timeout: float = 20.0) -> str:
        """Wait until `text` is on the page's screen; returns the screen. Fails with the
        screen after `timeout` seconds."""
        return self._wait(lambda: self.has_text(text), f"{text!r} on screen", timeout)

    def wait_gone(self, text: str | re.Pattern[str], timeout: float = 10.0) -> str:
        """Wait until `text` is no longer on the page's screen; returns the screen."""
        return self._wait(lambda: not self.has_text(text), f"{text!r} gone", timeout)

    def type(self, text: str) -> None:
        """Type `text` into the page's terminal, key by key, as a person at the keyboard."""
        from selenium.webdriver.common.action_chains import ActionChains

        self.driver.execute_script(
            "const input = document.querySelector('.xterm-helper-textarea');"
            "if (input) { input.focus(); }"
        )
        ActionChains(self.driver).send_keys(text).perform()

    def screenshot(self, path: Path) -> Path:
        """Save what the window shows as a PNG at `path`."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self.driver.save_screenshot(str(path)):
            raise AssertionError(f"the browser saved no screenshot at {path}")
        return path

    def close(self) -> None:
        """Close the browser and its driver. Safe to call twice."""
        with contextlib.suppress(Exception):
            self.driver.quit()

    def __enter__(self) -> BrowserPage:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _read(self) -> tuple[int, int, str] | None:
        read: Any = self.driver.execute_script(READ_SCREEN)
        return None if read is None else (int(read[0]), int(read[1]), str(read[2]))

    def _wait(self, done: Callable[[], bool], what: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout} s waiting for {what}; the page shows:\n"
                    f"{self.screen_text()}"
                )
            time.sleep(0.05)
        return self.screen_text()
