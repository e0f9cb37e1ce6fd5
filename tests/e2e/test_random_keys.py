"""Thousands of random keys across every screen: no crash, no traceback, the terminal restored.

The keys are drawn from a seeded generator, so a failure repeats with the same seed
(`STRETCH_TUI_E2E_SEED`); `STRETCH_TUI_E2E_KEYS` sets how many (5,000 by default).

Quit keys: ctrl+c (quit from anywhere) is left out of the alphabet, and so are the keys a
terminal or Textual treat specially (ctrl+q, ctrl+s, ctrl+z, ctrl+\\). Every other key is in,
`q` included: it is a letter typed into the library's search, and on Home it quits. A quit
is part of normal use, so when the app exits with status 0, with the terminal restored and no
traceback written, the test starts it again and goes on with the next key; the restarts are
counted in the report. Any other exit fails.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

from tests.e2e.conftest import StartApp, past_the_welcome, screened_as
from tests.e2e.drive import HOME_MARK
from tests.e2e.terminal import Terminal

KEY_COUNT = int(os.environ.get("STRETCH_TUI_E2E_KEYS", "5000"))
SEED = int(os.environ.get("STRETCH_TUI_E2E_SEED", "20250312"))
BATCH = 25
"""Keys sent before letting the app settle and looking at the screen."""
BACK_HOME_EVERY = 8
"""Every this many batches, a few escapes walk back towards Home (random keys mostly open
screens on top of others), so the screens Home leads to get their share of keys too."""

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
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")
"""Escape sequences, removed to print a traceback readably."""

HEADER = re.compile(r"\s*⭘\s+(\w[\w ]*?)(?:\s{2,}|$)")
"""The header line: the icon, then the screen's title."""

FRAME = re.compile(r"(\S+\.py):(\d+) in (\S+)")
"""A frame's place in a Rich traceback: path, line and function."""

GLOBAL = ["ctrl+l", "ctrl+o", "ctrl+t", "ctrl+g", "ctrl+p"]
"""The app's screen keys and the command palette."""


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


def test_random_keys_on_every_screen_never_crash(start_app: StartApp, isolated_home: Path) -> None:
    past_the_welcome(isolated_home)
    screened_as(isolated_home, "extension")
    rng = random.Random(SEED)
    keys = random_keys(rng, KEY_COUNT)

    term = start_app()
    term.wait_for(HOME_MARK, timeout=20)
    restarts = 0
    seen: set[str] = set()
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        for number, key in enumerate(batch):
            term.send(key)
            if not term.alive:
                check_clean_exit(term, keys[max(0, start + number - 10) : start + number + 1])
                restarts += 1
                term = start_app()
                term.wait_for(HOME_MARK, timeout=20)
        if (start // BATCH) % BACK_HOME_EVERY == BACK_HOME_EVERY - 1:
            for _ in range(5):
                term.send("escape")
                if not term.alive:
                    break
        term.settle(quiet=0.05, timeout=1.0, strict=False)
        screen = term.screen_text()
        where = f"seed {SEED}, keys {start}..{start + len(batch)}: {batch}"
        assert "Traceback" not in screen, f"{where}\n{screen}"
        seen.add(title(term))

    assert term.alive
    term.send("ctrl+c")
    check_clean_exit(term, ["ctrl+c"])
    print(f"{KEY_COUNT} keys (seed {SEED}), {restarts} restarts after a quit, screens: {seen}")
    assert len(seen) >= 4, f"the keys stayed on too few screens: {seen}"
