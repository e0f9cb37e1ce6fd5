"""A guided session in a real terminal: run to the end, cut off by a hang-up or a kill, resized.

The app runs as its own process on the wall clock, so the routines here are a few seconds
long (a user routine written into the temporary home), and history is read back the way a
person would: `stretch-tui history --json`.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from stretch_tui.storage.paths import resolve_paths
from tests.e2e.conftest import StartApp, past_the_welcome, screened_as
from tests.e2e.drive import HOME_MARK
from tests.e2e.terminal import Terminal, app_env, stretch_tui_command

QUICK = """\
schema_version = 1
id = "quick"
name = "Quick test routine"
lead_in_seconds = 0
rest_seconds = 1

[[items]]
exercise = "cat-cow"
cycles = 1
seconds_per_phase = 1

[[items]]
exercise = "lumbar-trunk-rotation"
seconds = 1
reps = 1
"""
"""Cat-cow 2 s, rest 1, rotation left 1, switch 5, right 1: about 10 s."""

LONG = """\
schema_version = 1
id = "long"
name = "Long hold routine"
lead_in_seconds = 0

[[items]]
exercise = "lumbar-trunk-rotation"
seconds = 30
reps = 1
"""
"""One 30-second hold a side: time to do things to the app in the middle of it."""

PAIN_BEFORE = "How much does your back hurt right now?"
PAIN_AFTER = "And now: how much does your back hurt?"
TOO_SMALL = "Make the terminal larger"
HOLD_COUNT = re.compile(r"\b(\d+) of 30 s\b")
"""The step count beside the step bar during the 30-second hold."""


def prepare(home: Path, *routines: str) -> None:
    """Welcome acknowledged, an extension responder, and the routines in `home/routines/`."""
    past_the_welcome(home)
    screened_as(home, "extension")
    folder = resolve_paths(home).routines_dir
    folder.mkdir(parents=True, exist_ok=True)
    for text in routines:
        routine_id = text.split('id = "', 1)[1].split('"', 1)[0]
        (folder / f"{routine_id}.toml").write_text(text, encoding="utf-8")


def history(home: Path) -> list[dict[str, Any]]:
    """The sessions `stretch-tui history --json` prints for `home`."""
    done = subprocess.run(
        [stretch_tui_command(), "history", "--json"],
        env=app_env(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    sessions: list[dict[str, Any]] = json.loads(done.stdout)["sessions"]
    return sessions


def held_seconds(term: Terminal, at_least: int = 1, timeout: float = 10.0) -> int:
    """Wait until the 30-second hold shows at least `at_least` seconds done; returns them."""
    deadline = time.monotonic() + timeout
    while True:
        term.wait_for(HOLD_COUNT, timeout=max(deadline - time.monotonic(), 0.1))
        match = HOLD_COUNT.search(term.screen_text())
        assert match is not None
        if int(match.group(1)) >= at_least:
            return int(match.group(1))
        if time.monotonic() > deadline:
            raise AssertionError(f"the hold is not at {at_least} s:\n{term.screen_text()}")
        term.pump(0.1)


def no_traceback(term: Terminal) -> None:
    assert "Traceback" not in term.output.decode("utf-8", "replace")


def test_a_short_session_runs_to_the_end_and_is_in_history(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, QUICK)
    term = start_app("session", "quick")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send("3")
    term.wait_for("Cat-cow", timeout=5)  # the runner, on its first exercise

    deadline = time.monotonic() + 20
    while not term.has_text(PAIN_AFTER):
        if term.has_text("Better") and term.has_text("Worse"):
            term.send("s")  # a leg-symptom question: the same
        assert term.alive, term.screen_text()
        assert time.monotonic() < deadline, f"no pain-after page:\n{term.screen_text()}"
        term.pump(0.1)
    term.wait_for("Session complete")
    term.send("2")
    term.wait_for("Session complete: Quick test routine", timeout=5)  # the summary
    term.wait_for("Saved in your history.")
    term.send("enter")
    term.wait_for(HOME_MARK)
    term.send("q")
    assert term.wait_exit() == 0
    term.assert_restored()
    no_traceback(term)

    (session,) = history(isolated_home)
    assert session["status"] == "completed"
    assert session["routine"] == "quick"
    assert session["pain_before"] == 3
    assert session["pain_after"] == 2
    records = {(record["id"], record["side"]): record for record in session["exercises"]}
    assert set(records) == {
        ("cat-cow", "both"),
        ("lumbar-trunk-rotation", "left"),
        ("lumbar-trunk-rotation", "right"),
    }
    left = records["lumbar-trunk-rotation", "left"]
    right = records["lumbar-trunk-rotation", "right"]
    assert left["done_seconds"] == right["done_seconds"] == 1
    assert all(record["outcome"] == "done" for record in records.values())
    assert not resolve_paths(isolated_home).session_in_progress.exists()


def test_a_hang_up_mid_session_saves_it_as_interrupted_and_restores_the_terminal(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, LONG)
    term = start_app("session", "long")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send("4")
    held = held_seconds(term, at_least=2)

    term.signal(signal.SIGHUP)
    status = term.wait_exit()
    assert status in (0, 128 + signal.SIGHUP), status  # a clean exit, not death by signal
    term.assert_restored()
    no_traceback(term)

    (session,) = history(isolated_home)
    assert session["status"] == "interrupted"
    assert session["routine"] == "long"
    assert session["pain_before"] == 4
    assert session["pain_after"] is None
    first = session["exercises"][0]
    assert (first["id"], first["side"]) == ("lumbar-trunk-rotation", "left")
    assert first["done_seconds"] >= held
    assert not resolve_paths(isolated_home).session_in_progress.exists()


def test_a_killed_session_is_recovered_once_at_the_next_start(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, LONG)
    in_progress = resolve_paths(isolated_home).session_in_progress
    term = start_app("session", "long")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send("5")
    held_seconds(term, at_least=1)
    assert in_progress.exists()

    term.signal(signal.SIGKILL)
    assert term.wait_exit() == -signal.SIGKILL
    assert in_progress.exists()
    assert history(isolated_home) == []

    again = start_app()
    again.wait_for(HOME_MARK, timeout=20)
    shown = " ".join(again.wait_for("Session recovered", timeout=5).split())
    assert "was cut off" in shown
    assert not in_progress.exists()
    again.send("q")
    assert again.wait_exit() == 0
    no_traceback(again)

    (session,) = history(isolated_home)
    assert session["status"] == "interrupted"
    assert session["routine"] == "long"
    assert session["pain_before"] == 5

    third = start_app()
    third.wait_for(HOME_MARK, timeout=20)
    third.settle(quiet=0.5, timeout=5, strict=False)
    assert not third.has_text("Session recovered")
    third.send("q")
    assert third.wait_exit() == 0
    assert len(history(isolated_home)) == 1


def test_resizing_mid_session_keeps_the_timer_running(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, LONG)
    term = start_app("session", "long")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send("6")
    before = held_seconds(term, at_least=1)

    term.resize(50, 15)
    small = term.wait_for(TOO_SMALL)
    assert "now 50x15" in " ".join(small.split())
    term.pump(1.5)  # time passes while the window is too small
    term.resize(100, 30)
    term.wait_gone(TOO_SMALL)
    after = held_seconds(term, at_least=before + 2, timeout=5)
    assert term.alive

    term.send("q")  # stop the session ...
    term.wait_for("Stop the session here?")
    term.send("y")
    term.wait_for(PAIN_AFTER)
    term.wait_for("Session stopped")
    term.send("s")  # ... skip the rating ...
    term.wait_for("Session stopped: Long hold routine", timeout=5)
    term.send("enter")  # ... and leave from Home
    term.wait_for(HOME_MARK)
    term.send("q")
    assert term.wait_exit() == 0
    term.assert_restored()
    no_traceback(term)

    (session,) = history(isolated_home)
    assert session["status"] == "stopped"
    assert session["pain_before"] == 6
    assert session["pain_after"] is None
    assert session["exercises"][0]["done_seconds"] >= after
