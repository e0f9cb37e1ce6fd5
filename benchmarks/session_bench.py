"""Measure the session runner's budgets of docs/product.md 10: timer error and bytes sent during a
hold.

    python benchmarks/session_bench.py [--seconds 60] [--window 10] [--update-readme]

1. Timer error at the end of a session on the real clock. The real `SessionScreen` runs a
   session of one 60-second hold in a headless app (`run_test`, `time.monotonic`, its own
   10 Hz tick); the moment its end is handled is compared with the planned end (the clock's
   start reading plus 60 s). The clock's own count of the time run is reported too. Baseline,
   in the same run and at the same time (a thread): a bare countdown that calls
   `time.sleep(0.1)` 600 times, as a naive timer would.
2. Bytes written to the terminal per second during a hold. `stretch-tui session bench` runs in
   a real pseudo-terminal (80x24, TERM=xterm-256color, a temporary STRETCH_TUI_HOME with one
   30-second hold); the pain question is skipped, and once the hold has started every byte
   the app writes is counted for 10 s. Baseline: a minimal Textual app showing a static label
   in the same kind of terminal for the same time.

Prints a Markdown table; `--update-readme` also writes it into benchmarks/README.md (the other
sections there are kept). Not part of the tests: it takes about 90 s and measures the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import os
import platform
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

README = Path(__file__).with_name("README.md")
SECTION = "## Session"
TIMER_BUDGET_MS = 10.0
BYTES_BUDGET = 2048.0
COLUMNS, ROWS = 80, 24

BENCH_ROUTINE = """\
schema_version = 1
id = "bench"
name = "Benchmark hold"
lead_in_seconds = {lead_in}
rest_seconds = 0

[[items]]
exercise = "cobra"
seconds = {seconds}
reps = 1
"""

PREFERENCES = """\
schema_version = 1
notice_seen = true
sound_mode = "visual"
tick_last_seconds = true
"""

MINIMAL_APP = """\
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("A static label")

Minimal().run()
"""


def make_home(folder: Path, seconds: int, lead_in: int) -> Path:
    """A STRETCH_TUI_HOME with quiet preferences, a current screening and the benchmark
    routine."""
    (folder / "routines").mkdir(parents=True, exist_ok=True)
    (folder / "preferences.toml").write_text(PREFERENCES, encoding="utf-8")
    # A screening whose warning-sign answers hold: the session starts without the questions.
    from stretch_tui.domain.profile import Profile
    from stretch_tui.storage.paths import resolve_paths
    from stretch_tui.storage.profile import save_profile
    from tests.appkit import current_screening

    save_profile(resolve_paths(folder), Profile(screening=current_screening("extension")))
    text = BENCH_ROUTINE.format(seconds=seconds, lead_in=lead_in)
    (folder / "routines" / "bench.toml").write_text(text, encoding="utf-8")
    return folder


# -- 1. timer error ---------------------------------------------------------------------------


def sleep_countdown(seconds: float, result: dict[str, float]) -> None:
    """The baseline: count down by sleeping a tenth of a second at a time."""
    start = time.monotonic()
    for _ in range(round(seconds * 10)):
        time.sleep(0.1)
    result["error_ms"] = abs(time.monotonic() - start - seconds) * 1000


async def session_end_error(home: Path, seconds: float) -> tuple[float, float]:
    """(ms between the planned end and the moment the runner handled it, ms of error in the
    clock's own count of time run), for one real-clock session of a single hold."""
    from stretch_tui.app import StretchApp
    from stretch_tui.domain.session_clock import SessionEvent, SessionFinished
    from stretch_tui.screens.session import SessionScreen
    from stretch_tui.sound.player import CuePlayer
    from stretch_tui.state import AppState
    from stretch_tui.storage.paths import resolve_paths

    handled: list[float] = []
    original = SessionScreen._handle

    def timed_handle(self: SessionScreen, events: Sequence[SessionEvent]) -> None:
        if any(isinstance(event, SessionFinished) for event in events):
            handled.append(time.monotonic())
        original(self, events)

    def silent(preferences: object, *, bell: object, is_web: bool = False) -> CuePlayer:
        return CuePlayer("off", bell=lambda: None)

    SessionScreen._handle = timed_handle  # type: ignore[method-assign]
    CuePlayer.from_preferences = silent  # type: ignore[method-assign]
    app = StretchApp(AppState(resolve_paths(home)), start_screen="session", start_routine="bench")
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await pilot.pause()
        origin_nanos = screen.clock._origin  # the monotonic clock's reading, in nanoseconds
        assert origin_nanos is not None
        origin = origin_nanos / 1_000_000_000
        deadline = time.monotonic() + seconds + 5
        while not handled and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        running = screen.clock.running_seconds
    SessionScreen._handle = original  # type: ignore[method-assign]
    if not handled:
        raise RuntimeError("the session did not end")
    planned_end = origin + seconds
    return abs(handled[0] - planned_end) * 1000, abs(running - seconds) * 1000


# -- 2. bytes during a hold -------------------------------------------------------------------


class Terminal:
    """A program in a pseudo-terminal of COLUMNS x ROWS, its output drained and counted."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the program, on the terminal's slave side
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.kill(pid, signal.SIGWINCH)
        self.received = bytearray()

    def read_for(self, seconds: float) -> int:
        """Drain the output for `seconds`; returns the bytes read."""
        count = 0
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            count += len(chunk)
            self.received += chunk
        return count

    def wait_for(self, text: bytes, timeout: float) -> bool:
        """Drain until `text` has appeared in the output (True) or `timeout` passed."""
        deadline = time.monotonic() + timeout
        while text not in self.received and time.monotonic() < deadline:
            self.read_for(0.05)
        return text in self.received

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def close(self) -> None:
        """Terminate the program (it saves and exits on SIGTERM) and reap it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            self.read_for(0.05)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def terminal_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "SSH_", "COLORTERM"))
    }
    env.update(TERM="xterm-256color", STRETCH_TUI_HOME=str(home), LINES="24", COLUMNS="80")
    return env


def hold_bytes_per_second(home: Path, window: float) -> float:
    """Bytes per second the runner writes during a hold."""
    program = str(Path(sys.executable).with_name("stretch-tui"))
    terminal = Terminal([program, "session", "bench"], terminal_env(home))
    try:
        if not terminal.wait_for(b"hurt right now", 20):
            raise RuntimeError("the pain question never showed")
        terminal.send("s")
        if not terminal.wait_for(b"Hold the stretch", 10):
            raise RuntimeError("the hold never started")
        terminal.read_for(2.5)  # past the start cue's flash and marker
        return terminal.read_for(window) / window
    finally:
        terminal.close()


def static_bytes_per_second(home: Path, window: float) -> float:
    """Bytes per second a minimal Textual app showing a static label writes."""
    script = home / "minimal_app.py"
    script.write_text(MINIMAL_APP, encoding="utf-8")
    terminal = Terminal([sys.executable, str(script)], terminal_env(home))
    try:
        if not terminal.wait_for(b"A static label", 20):
            raise RuntimeError("the minimal app never drew")
        terminal.read_for(2.5)
        return terminal.read_for(window) / window
    finally:
        terminal.close()


# -- the table --------------------------------------------------------------------------------


def verdict(passed: bool) -> str:
    return "pass" if passed else "FAIL"


def run(seconds: float, window: float) -> str:
    with tempfile.TemporaryDirectory(prefix="stretch-bench-") as folder:
        root = Path(folder)
        timer_home = make_home(root / "timer", seconds=int(seconds), lead_in=0)
        baseline: dict[str, float] = {}
        thread = threading.Thread(target=sleep_countdown, args=(seconds, baseline))
        thread.start()
        end_ms, count_ms = asyncio.run(session_end_error(timer_home, seconds))
        thread.join()

        pty_home = make_home(root / "pty", seconds=30, lead_in=3)
        hold = hold_bytes_per_second(pty_home, window)
        still = static_bytes_per_second(pty_home, window)

    rows = [
        (
            f"timer error at the end of a {seconds:g} s session (end handled by the runner)",
            f"{end_ms:.1f} ms",
            f"{baseline['error_ms']:.1f} ms",
            f"< {TIMER_BUDGET_MS:g} ms",
            verdict(end_ms < TIMER_BUDGET_MS),
        ),
        (
            "the session clock's own count of time run, at the end",
            f"{count_ms:.3f} ms",
            "-",
            f"< {TIMER_BUDGET_MS:g} ms",
            verdict(count_ms < TIMER_BUDGET_MS),
        ),
        (
            f"bytes written per second during a hold ({COLUMNS}x{ROWS}, {window:g} s)",
            f"{hold:.0f} B/s",
            f"{still:.0f} B/s",
            f"< {BYTES_BUDGET:.0f} B/s",
            verdict(hold < BYTES_BUDGET),
        ),
    ]
    lines = [
        "| what | measured | baseline | budget | verdict |",
        "| --- | ---: | ---: | --- | --- |",
        *[f"| {' | '.join(row)} |" for row in rows],
    ]
    load = os.getloadavg()[0]
    notes = (
        f"\nBaselines: for the timer, a bare loop of `time.sleep(0.1)` counting down the same "
        f"{seconds:g} s at the same time (in a thread); for the bytes, a minimal Textual app "
        "showing a static label in the same kind of pseudo-terminal. The runner ticks at 10 Hz "
        "and wakes exactly at a step's end; it repaints the countdown, the step bar and the "
        "breathing pacer once a second, everything else only when it changes.\n\n"
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}; load average {load:.1f} when the run ended."
    )
    return "\n".join(lines) + "\n" + notes


def update_readme(table: str) -> None:
    """Replace (or add) the Session section of benchmarks/README.md, keeping the others."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    section = (
        f"{SECTION}\n\nMeasured by `python benchmarks/session_bench.py` (about 90 s):\n\n{table}\n"
    )
    if SECTION in text:
        before, rest = text.split(SECTION, 1)
        following = rest.find("\n## ")
        after = rest[following + 1 :] if following != -1 else ""
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="the timed session")
    parser.add_argument("--window", type=float, default=10.0, help="seconds of hold counted")
    parser.add_argument("--update-readme", action="store_true", help="write the table there")
    args = parser.parse_args()
    table = run(args.seconds, args.window)
    print(table)
    if args.update_readme:
        update_readme(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
