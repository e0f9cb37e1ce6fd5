"""Thousands of random keys across every screen: no crash, no traceback, the terminal restored.

The keys come from a seeded generator, so a failure repeats with the same seed
(`STRETCH_TUI_E2E_SEED`); `STRETCH_TUI_E2E_KEYS` sets how many in all (5,000 by default),
shared between the start points in `START_POINTS` (the app opened on Home, the library, the
screening, progress and a session), so every screen gets keys whatever the dice say.

Quit keys: ctrl+c (quit from anywhere) is left out of the alphabet, and so are the keys a
terminal or Textual treat specially (ctrl+q, ctrl+s, ctrl+z, ctrl+\\). Every other key is in,
`q` included: it is a letter typed into the library's search, and on Home it quits. A quit
is part of normal use, so when the app exits with status 0, with the terminal restored and no
traceback written, the test starts it again and goes on with the next key; the restarts are
counted in the report. Any other exit fails, with the last keys and the traceback's frames.

ctrl+c must quit from whatever state the keys reached, within `QUIT_DEADLINE` (one second,
from the key to the terminal back in its normal screen): after the last key, and after
random batches along the way (one in `QUIT_CHECK_EVERY` on average, chosen by a generator of
its own so the keys stay the same for a seed); the app then starts again. Checking after
every batch would restart the app hundreds of times per run.

`STRETCH_TUI_E2E_REPORT`, when set, names a file where each run appends one JSON line (start
point, keys, restarts, quit times, screens seen); `scripts/soak.py` reads it.

This test found (and now guards) these crashes: a second screen with the id of one already
open, screens piling up without end, keys typed right after q opening a screen during
shutdown, a dialog answered twice, ctrl+c waiting behind a backlog of keys for many
seconds (`tests/app/test_modals.py`), and two Textual bugs (page keys in an option list
with no size yet, a late command palette result); see `stretch_tui/textual_fixes.py` and
`stretch_tui/screens/palette.py`.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import StartApp, past_the_welcome, screened_as
from tests.e2e.terminal import Terminal, key_bytes

KEY_COUNT = int(os.environ.get("STRETCH_TUI_E2E_KEYS", "5000"))
SEED = int(os.environ.get("STRETCH_TUI_E2E_SEED", "20250312"))

START_POINTS: dict[str, tuple[tuple[str, ...], str]] = {
    "home": ((), "Your profile"),
    "library": (("library",), "Exercise"),
    "screening": (("screening",), "Question 1 of"),
    "progress": (("progress",), "Progress"),
    "session": (("session",), "How much does your back hurt"),
}
"""Where each share of the keys starts: the command's arguments and text the first screen
shows."""

BATCH = 25
"""Keys sent before letting the app settle and looking at the screen."""
BACK_HOME_EVERY = 8
"""Every this many batches, a few escapes walk back towards Home (random keys mostly open
screens on top of others), so the screens Home leads to get their share of keys too."""

QUIT_DEADLINE = float(os.environ.get("STRETCH_TUI_E2E_QUIT_DEADLINE", "1.0"))
"""Seconds from ctrl+c to the app gone from the screen, from any state. On a machine busy
with other work (a load well above its cores) a quit can take a little longer; set
`STRETCH_TUI_E2E_QUIT_DEADLINE` there rather than loosen the default."""
QUIT_CHECK_EVERY = 8
"""On average one batch in this many ends with a ctrl+c check (and a restart)."""
REPORT = os.environ.get("STRETCH_TUI_E2E_REPORT")
"""A file to append one JSON line per run to (for the soak script), or None."""

LETTERS = [*"abcdefghijklmnopqrstuvwxyz", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *"0123456789 -'.,/?"]
NAVIGATION = [
    "enter",
    "tab",
    "shift+tab",
    "backspace",
    "delete",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
    *(f"f{n}" for n in range(1, 9)),
]
GLOBAL = ["ctrl+l", "ctrl+o", "ctrl+t", "ctrl+g", "ctrl+p"]
"""The app's screen keys and the command palette."""

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
"""Escape sequences, removed to print a traceback readably."""
FRAME = re.compile(r"(\S+\.py):(\d+) in (\S+)")
"""A frame's place in a Rich traceback: path, line and function."""
HEADER = re.compile(r"\s*⭘\s+(\w[\w ]*?)(?:\s{2,}|$)")
"""The header line: the icon, then the screen's title."""


def random_keys(rng: random.Random, count: int) -> list[str]:
    """`count` keys: about half letters (what typing in the search and the screening's
    answers need), most of the rest navigation, some escapes (back towards Home, where more
    screens open) and a few screen switches."""
    groups = [(LETTERS, 0.5), (NAVIGATION, 0.34), (["escape"], 0.1), (GLOBAL, 0.06)]
    keys = []
    for _ in range(count):
        alphabet = rng.choices([group for group, _ in groups], [w for _, w in groups])[0]
        keys.append(rng.choice(alphabet))
    return keys


def crash_summary(output: str) -> str:
    """The frames and the error of the last traceback in the output (Textual prints it with
    every local variable, far too long to read in a test report)."""
    text = ANSI.sub("", output[output.rindex("Traceback") :])
    frames = [f"  {m[0]}:{m[1]} in {m[2]}" for m in FRAME.findall(text)]
    error = text.rsplit("╯", 1)[-1].strip()
    return "\n".join([*frames, error[:2000]])


def check_clean_exit(term: Terminal, last_keys: list[str]) -> None:
    """A quit from a key: status 0, terminal restored, no traceback written."""
    status = term.wait_exit()
    output = term.output.decode("utf-8", "replace")
    if "Traceback" in output:
        raise AssertionError(f"seed {SEED}, crash after {last_keys}:\n{crash_summary(output)}")
    assert status == 0, f"exit status {status} after {last_keys}:\n{term.screen_text()}"
    term.assert_restored()


def title(term: Terminal) -> str:
    """The screen's title from the header line ("?" when there is no header: a dialog)."""
    found = HEADER.match(term.screen_text())
    return found.group(1) if found else "?"


class KeyRun:
    """Random keys into the app started at one start point, restarting it after a clean quit."""

    def __init__(self, start_app: StartApp, args: tuple[str, ...], first_text: str) -> None:
        self.start_app = start_app
        self.args = args
        self.first_text = first_text
        self.restarts = 0
        self.quit_times: list[float] = []
        self.titles: set[str] = set()
        self.sent: list[str] = []
        self.exits: list[tuple[str, list[str]]] = []
        """Each quit the app made by itself: the screen it was on and the last keys."""
        self.term = self._start()

    def _start(self) -> Terminal:
        term = self.start_app(*self.args)
        term.wait_for(self.first_text, timeout=20)
        return term

    def press(self, key: str) -> None:
        """Send one key; if the app quit on it, check the exit was clean and start again."""
        self.term.send(key)
        self.sent.append(key)
        # Stop typing once the app has left its screen: keys sent while the process ends
        # would reach a terminal back in its normal mode (and ctrl keys there send signals).
        if self.term.screen_left or not self.term.alive:
            self._restart_after_exit(self.sent[-12:])

    def _restart_after_exit(self, last_keys: list[str]) -> None:
        """The app left by itself: check the exit was clean and start it again."""
        check_clean_exit(self.term, last_keys)
        self.exits.append((title(self.term), last_keys[-5:]))
        self.restarts += 1
        self.term = self._start()

    def _left_by_itself(self) -> bool:
        """Read what the app wrote so far; True when it has left its screen or ended.

        Keys sent without a pause are not read back one by one, so a quit (or a crash) on
        one of them may show only now. A ctrl+c typed then would reach a terminal already
        back in its normal mode, where it is a signal that kills the ending process and
        hides what ended it."""
        self.term.pump(0.05)
        return self.term.screen_left or not self.term.alive

    def check_quit(self) -> None:
        """ctrl+c now: the app leaves its screen within `QUIT_DEADLINE`, exits cleanly
        (a running session saved), and starts again for the next keys."""
        if self._left_by_itself():
            self._restart_after_exit(self.sent[-BATCH:])
        where = title(self.term)
        started = time.perf_counter()
        self.term.send("ctrl+c")
        self.term.wait_screen_left(timeout=10 * QUIT_DEADLINE)
        took = time.perf_counter() - started
        check_clean_exit(self.term, [*self.sent[-BATCH:], "ctrl+c"])
        self.quit_times.append(took)
        assert took <= QUIT_DEADLINE, (
            f"seed {SEED}: ctrl+c on {where} took {took:.2f} s after {self.sent[-BATCH:]}"
        )
        self.restarts += 1
        self.term = self._start()

    def look(self) -> None:
        """Let the app settle, then fail if a traceback is on screen."""
        self.term.settle(quiet=0.05, timeout=1.0, strict=False)
        if self._left_by_itself():
            self._restart_after_exit(self.sent[-BATCH:])
            return
        screen = self.term.screen_text()
        assert "Traceback" not in screen, f"seed {SEED}, after {self.sent[-BATCH:]}:\n{screen}"
        self.titles.add(title(self.term))


def test_ctrl_c_quits_at_once_after_a_burst_of_keys(
    start_app: StartApp, isolated_home: Path
) -> None:
    """The hang the random keys found, shrunk to its cause: keys arriving faster than the app
    handles them (here 200 screen switches in one write), then ctrl+c. It used to wait for
    every key before it (about three seconds here, minutes after a long run)."""
    past_the_welcome(isolated_home)
    term = start_app()
    term.wait_for("Your profile", timeout=20)
    term.settle(quiet=0.1, timeout=5, strict=False)
    switches = ["f1", "ctrl+g", "ctrl+l", "ctrl+o"] * 50
    term.write(b"".join(key_bytes(key) for key in switches))
    started = time.perf_counter()
    term.send("ctrl+c")
    term.wait_screen_left(timeout=10 * QUIT_DEADLINE)
    took = time.perf_counter() - started
    check_clean_exit(term, ["200 screen switches", "ctrl+c"])
    assert took <= QUIT_DEADLINE, f"ctrl+c took {took:.2f} s after a burst of keys"


@pytest.mark.parametrize("start", list(START_POINTS))
def test_random_keys_never_crash_the_app(
    start_app: StartApp, isolated_home: Path, start: str
) -> None:
    past_the_welcome(isolated_home)
    screened_as(isolated_home, "extension")
    rng = random.Random(f"{SEED}-{start}")
    keys = random_keys(rng, max(KEY_COUNT // len(START_POINTS), 1))
    quit_dice = random.Random(f"{SEED}-{start}-quit")
    args, first_text = START_POINTS[start]

    run = KeyRun(start_app, args, first_text)
    for number in range(0, len(keys), BATCH):
        for key in keys[number : number + BATCH]:
            run.press(key)
        if (number // BATCH) % BACK_HOME_EVERY == BACK_HOME_EVERY - 1:
            for _ in range(5):
                run.press("escape")
        run.look()
        if quit_dice.randrange(QUIT_CHECK_EVERY) == 0:
            run.check_quit()

    assert run.term.alive
    run.check_quit()
    slowest = max(run.quit_times)
    print(
        f"{start}: {len(keys)} keys, seed {SEED}, {run.restarts} restarts, "
        f"{len(run.quit_times)} ctrl+c checks (slowest {slowest:.2f} s), saw {run.titles}; "
        f"quit by itself on: {run.exits}"
    )
    if REPORT:
        line = {
            "start": start,
            "seed": SEED,
            "keys": len(keys),
            "restarts": run.restarts,
            "quit_times": run.quit_times,
            "titles": sorted(run.titles),
        }
        with open(REPORT, "a", encoding="utf-8") as report:
            report.write(json.dumps(line) + "\n")
