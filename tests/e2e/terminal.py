"""A real terminal for end-to-end tests and benchmarks: a pseudo-terminal read by `pyte`.

`Terminal` starts a program on the slave side of a pty (as the session leader, with the pty as
its controlling terminal, like a shell would), writes keys into the master side and feeds
everything the program draws into an in-process terminal emulator (`pyte`), so a test reads
the screen a person would see. Every byte the program wrote is also kept, to check that the
terminal was restored at exit (alternate screen left, mouse reporting turned off).

    with Terminal(cols=100, rows=30) as term:
        term.start([stretch_tui_command(), "library"], env=app_env(home))
        term.wait_for("Exercise")
        term.send("p", "i", "g", "enter")
        term.wait_for("Pigeon pose")
        term.send("ctrl+c")
        assert term.wait_exit() == 0
        term.assert_restored()

Every wait has a deadline; on timeout the error carries the screen as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

import pyte

KEYS: dict[str, bytes] = {
    "enter": b"\r",
    "escape": b"\x1b",
    "tab": b"\t",
    "shift+tab": b"\x1b[Z",
    "backspace": b"\x7f",
    "space": b" ",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "insert": b"\x1b[2~",
    "delete": b"\x1b[3~",
    "f1": b"\x1bOP",
    "f2": b"\x1bOQ",
    "f3": b"\x1bOR",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
    "f6": b"\x1b[17~",
    "f7": b"\x1b[18~",
    "f8": b"\x1b[19~",
    "f9": b"\x1b[20~",
    "f10": b"\x1b[21~",
    "f11": b"\x1b[23~",
    "f12": b"\x1b[24~",
}
"""Named keys as an xterm sends them (normal cursor mode). `ctrl+<letter>` is computed."""

ESCAPE_DELAY_MS = 50
"""How long the app waits after an escape byte for the rest of a sequence (`ESCDELAY`, read
by Textual; its default is 100 ms), set by `app_env` to keep the tests quick."""

ESCAPE_PAUSE = 0.12
"""Seconds to wait after a lone escape, so the app reads it as the escape key and not as the
start of an escape sequence together with the next key."""

FRAME_REST_SECONDS = 0.5
"""How long `wait_for` reads on for the rest of a frame once its text is on screen (a
program that keeps drawing, an animation, is left after this)."""

ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"
MOUSE_MODES = (b"1000", b"1002", b"1003", b"1006", b"1015")
"""Mouse reporting modes (click, drag, any motion, SGR, urxvt) an app may switch on."""


def key_bytes(key: str) -> bytes:
    """The bytes a terminal sends for `key`: a name from `KEYS`, `ctrl+x`, or literal text."""
    if key in KEYS:
        return KEYS[key]
    if key.startswith("ctrl+") and len(key) == 6 and key[5].isalpha():
        return bytes([ord(key[5].lower()) & 0x1F])
    return key.encode("utf-8")


def stretch_tui_command() -> str:
    """The installed `stretch-tui` entry point of the interpreter running the tests."""
    command = Path(sys.executable).with_name("stretch-tui")
    if not command.exists():
        raise FileNotFoundError(f"{command} is missing: install the project (pip install -e .)")
    return str(command)


def app_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment for the app: its files under `home`, a known terminal type, no SSH,
    nothing from the developer's own configuration. HOME and the XDG folders point at a
    folder beside `home` (created here), so nothing the app or Textual writes to the user's
    folders (a screenshot from the palette goes to ~/Downloads) leaves the test."""
    user = home.with_name(f"{home.name}-user")
    user.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("TEXTUAL", "SSH_", "XDG_", "STRETCH_TUI", "COLUMNS", "LINES", "ESCDELAY")
        )
    }
    env.update(
        STRETCH_TUI_HOME=str(home),
        HOME=str(user),
        XDG_CONFIG_HOME=str(user / ".config"),
        XDG_DATA_HOME=str(user / ".local/share"),
        XDG_STATE_HOME=str(user / ".local/state"),
        XDG_CACHE_HOME=str(user / ".cache"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        ESCDELAY=str(ESCAPE_DELAY_MS),
    )
    env.update(extra)
    return env


class TerminalTimeout(AssertionError):
    """A wait ran past its deadline; the message holds the screen at that moment."""


class Terminal:
    """A program running in a pseudo-terminal of `cols` x `rows`, its screen kept by pyte."""

    def __init__(self, cols: int = 100, rows: int = 30) -> None:
        self.cols = cols
        self.rows = rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        """Every byte the program wrote, from the start."""
        self.process: subprocess.Popen[bytes] | None = None
        self.returncode: int | None = None
        self.max_rss_kb: int | None = None
        """The program's peak resident memory in KiB (`ru_maxrss` from `wait4`), once it exited."""
        self.started_at = 0.0
        """`time.perf_counter()` just before the program was spawned."""
        self.found_at = 0.0
        """`time.perf_counter()` when the output that completed the last `wait_for`'s text
        arrived: before this emulator read it, which for a full screen takes `pyte` 10-20 ms
        (a real terminal draws it at once), or when the wait began if the text was there."""
        self._master: int | None = None

    # --- starting and stopping -----------------------------------------------------------

    def start(
        self, args: Iterable[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> None:
        """Spawn `args` with the pty as its terminal (stdin, stdout and stderr)."""
        if self.process is not None:
            raise RuntimeError("this terminal already runs a program")
        master, slave = os.openpty()
        self._set_winsize(master)
        self.started_at = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                list(args),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(env) if env is not None else None,
                cwd=cwd,
                start_new_session=True,
                preexec_fn=_take_controlling_terminal,  # the tests start no threads
                close_fds=True,
            )
        finally:
            os.close(slave)
        os.set_blocking(master, False)
        self._master = master

    def close(self) -> None:
        """Kill the program if it still runs and close the pty. Safe to call twice."""
        if self.process is not None and self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self._reap(block=True)
        if self._master is not None:
            os.close(self._master)
            self._master = None

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- input -----------------------------------------------------------------------------

    def send(self, *keys: str) -> None:
        """Type `keys`: named keys (`enter`, `escape`, `tab`, `up`, `f2`, `ctrl+l`, ...) or
        literal text (`"pig"` types three letters)."""
        for key in keys:
            self.write(key_bytes(key))
            if key == "escape":
                self.pump(ESCAPE_PAUSE)

    def write(self, data: bytes) -> None:
        """Write raw bytes to the program's input, reading its output meanwhile so that
        neither side blocks."""
        master = self._require_master()
        view = memoryview(data)
        while view:
            try:
                written = os.write(master, view)
            except BlockingIOError:
                written = 0
            view = view[written:]
            if view:
                self.pump(0.01)

    def resize(self, cols: int, rows: int) -> None:
        """Change the terminal's size and tell the program (SIGWINCH, as a terminal does)."""
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        self._set_winsize(self._require_master())
        # The kernel signals the foreground group of the controlling terminal; say it again
        # in case the program put itself in another group.
        self.signal(signal.SIGWINCH)

    def signal(self, signum: int) -> None:
        """Send `signum` to the program."""
        if self.process is None or self.returncode is not None:
            raise RuntimeError("no program is running")
        self.process.send_signal(signum)

    def drop(self) -> None:
        """Close the terminal's side of the pty as a dropped SSH connection does (sshd closes
        the master): the kernel sends the program SIGHUP, and its writes fail from then on."""
        master = self._require_master()
        self._master = None
        os.close(master)

    def wait_ended(self, timeout: float = 10.0) -> int:
        """Wait for the program to exit without reading its output (for a dropped terminal);
        returns its exit status. Fails if it still runs after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while self._reap(block=False) is None:
            if time.monotonic() > deadline:
                raise TerminalTimeout(f"the program still runs {timeout} s after the drop")
            time.sleep(0.05)
        assert self.returncode is not None
        return self.returncode

    # --- output ----------------------------------------------------------------------------

    def pump(self, timeout: float = 0.0, until: str | re.Pattern[str] | None = None) -> int:
        """Read what the program wrote within `timeout` seconds (stopping early once it goes
        quiet after writing, or once `until` is on screen: `found_at` then says when the
        output that completed it arrived); returns the number of bytes read."""
        master = self._master
        if master is None:
            return 0
        total = 0
        deadline = time.monotonic() + timeout
        while True:
            left = max(deadline - time.monotonic(), 0.0)
            ready, _, _ = select.select([master], [], [], left if total == 0 else min(left, 0))
            if not ready:
                return total
            try:
                chunk = os.read(master, 65536)
            except BlockingIOError:
                continue
            except OSError:  # EIO: every process on the slave side is gone
                return total
            if not chunk:
                return total
            arrived = time.perf_counter()
            total += len(chunk)
            self.output += chunk
            self.stream.feed(chunk)
            if until is not None and self.has_text(until):
                self.found_at = arrived
                return total

    def screen_text(self) -> str:
        """The screen as lines of text (trailing spaces removed)."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def has_text(self, text: str | re.Pattern[str]) -> bool:
        """True when `text` (a string or a compiled pattern) is on screen now."""
        shown = self.screen_text()
        if isinstance(text, re.Pattern):
            return text.search(shown) is not None
        return text in shown

    def wait_for(
        self, text: str | re.Pattern[str], timeout: float = 10.0, *, whole_frame: bool = True
    ) -> str:
        """Read until `text` is on screen; returns the screen. Fails with the screen dump
        after `timeout` seconds, or at once if the program exited without showing it.

        `found_at` says when the output that completed `text` arrived. That output may be the
        first part of a frame (the rest of the screen still the one before), so the screen
        returned is read on until the program pauses (at most `FRAME_REST_SECONDS`); a
        benchmark timing the next text from here passes `whole_frame=False`."""
        deadline = time.monotonic() + timeout
        if self.has_text(text):
            self.found_at = time.perf_counter()
            return self.screen_text()
        while True:
            if self._exited_and_drained():
                self._fail(f"the program exited ({self.returncode}) before showing {text!r}")
            if time.monotonic() > deadline:
                self._fail(f"{text!r} not on screen after {timeout} s")
            self.pump(0.05, until=text)
            if self.has_text(text):  # `pump` has set `found_at`
                if whole_frame:
                    self.settle(quiet=0.03, timeout=FRAME_REST_SECONDS, strict=False)
                return self.screen_text()

    def wait_gone(self, text: str | re.Pattern[str], timeout: float = 10.0) -> str:
        """Read until `text` is no longer on screen; returns the screen."""
        deadline = time.monotonic() + timeout
        while True:
            if not self.has_text(text):
                return self.screen_text()
            if time.monotonic() > deadline:
                self._fail(f"{text!r} still on screen after {timeout} s")
            self.pump(0.05)

    def settle(self, quiet: float = 0.15, timeout: float = 10.0, *, strict: bool = True) -> bool:
        """Read until the program has written nothing for `quiet` seconds (it has finished
        reacting to the keys sent); returns True then. After `timeout` seconds of constant
        output (an animation), fails, or with `strict=False` returns False."""
        deadline = time.monotonic() + timeout
        while self.pump(quiet):
            if time.monotonic() > deadline:
                if strict:
                    self._fail(f"still drawing after {timeout} s")
                return False
        return True

    # --- exit ------------------------------------------------------------------------------

    @property
    def alive(self) -> bool:
        """True while the program runs."""
        return self.process is not None and self._reap(block=False) is None

    @property
    def screen_left(self) -> bool:
        """True once the program has left the alternate screen it entered (a full-screen app
        does that as it exits; the process may take a moment longer to end)."""
        output = self.output
        entered = output.rfind(ALT_SCREEN_ON)
        return entered >= 0 and output.rfind(ALT_SCREEN_OFF) > entered

    def wait_screen_left(self, timeout: float = 10.0) -> float:
        """Read until the program has left its alternate screen (what a person sees as the
        app closing); returns the seconds it took. Fails with the screen dump after
        `timeout` seconds."""
        started = time.perf_counter()
        deadline = time.monotonic() + timeout
        while not self.screen_left:
            if time.monotonic() > deadline:
                self._fail(f"the program did not leave its screen within {timeout} s")
            self.pump(0.01)
        return time.perf_counter() - started

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the program to exit (reading its last output); returns its exit status,
        negative for a signal. Fails with the screen dump if it is still running."""
        deadline = time.monotonic() + timeout
        while self._reap(block=False) is None:
            if time.monotonic() > deadline:
                self._fail(f"the program still runs after {timeout} s")
            self.pump(0.05)
        self.pump(0.05)
        assert self.returncode is not None
        return self.returncode

    def restore_problems(self) -> list[str]:
        """What the program left switched on at exit: an empty list when the terminal was
        restored (the alternate screen left after it was last entered, and every mouse mode
        turned off after it was last turned on)."""
        output = bytes(self.output)
        problems = []
        entered = output.rfind(ALT_SCREEN_ON)
        if entered >= 0 and output.rfind(ALT_SCREEN_OFF) < entered:
            problems.append("the alternate screen was not left")
        for mode in MOUSE_MODES:
            on = output.rfind(b"\x1b[?" + mode + b"h")
            if on >= 0 and output.rfind(b"\x1b[?" + mode + b"l") < on:
                problems.append(f"mouse mode {mode.decode()} was not turned off")
        return problems

    def assert_restored(self) -> None:
        """Fail, with what was left on, unless the terminal was restored at exit."""
        if ALT_SCREEN_ON not in self.output:
            self._fail("the program never entered the alternate screen")
        problems = self.restore_problems()
        if problems:
            self._fail("terminal not restored: " + "; ".join(problems))

    # --- inside ----------------------------------------------------------------------------

    def _require_master(self) -> int:
        if self._master is None:
            raise RuntimeError("start a program first")
        return self._master

    def _set_winsize(self, fd: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))

    def _reap(self, block: bool) -> int | None:
        """The exit status once the program has exited (collecting its resource usage)."""
        if self.returncode is not None or self.process is None:
            return self.returncode
        try:
            pid, status, usage = os.wait4(self.process.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            pid, status, usage = self.process.pid, 0, None
        if pid == 0:
            return None
        self.returncode = os.waitstatus_to_exitcode(status)
        self.process.returncode = self.returncode
        if usage is not None:
            self.max_rss_kb = usage.ru_maxrss
        return self.returncode

    def _exited_and_drained(self) -> bool:
        return self._reap(block=False) is not None and self.pump(0.05) == 0

    def _fail(self, why: str) -> None:
        border = "-" * self.cols
        raise TerminalTimeout(f"{why}; the screen:\n{border}\n{self.screen_text()}\n{border}")


def _take_controlling_terminal() -> None:
    """In the child, after `setsid`: make the pty (stdin) the session's controlling terminal,
    so a window size change and a hang-up reach the program as they would from a terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
