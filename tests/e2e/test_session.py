"""A guided session in a real terminal: run to the end, resized, cut off by a hang-up or a
kill and resumed (or discarded) at the next start.

The app runs as its own process on the wall clock, so the routines here are a few seconds
long (a user routine written into the temporary home), and history is read back the way a
person would: `stretch-tui history --json`. How much of a hold a drop loses is measured on
the in-progress file the app leaves (its clock state and when it was written) and on the step
count the runner shows; the tests print it (`pytest -rP` shows it).
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import subprocess
import time
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

import tomli_w

from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.session_recorder import SAVE_EVERY_SECONDS
from tests.e2e.conftest import StartApp, past_the_welcome, screened_as
from tests.e2e.drive import HOME_MARK
from tests.e2e.terminal import FRAME_REST_SECONDS, Terminal, app_env, stretch_tui_command

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

SIDE_HOLD = 12
SIDES = f"""\
schema_version = 1
id = "sides"
name = "Side hold routine"
lead_in_seconds = 0

[[items]]
exercise = "lumbar-trunk-rotation"
seconds = {SIDE_HOLD}
reps = 1
"""
"""One 12-second hold a side, 5 s to switch between: the 30-second hold of a person's cobra
cut off after 8 s, scaled down (cut off here after about 4 s) so a resumed session runs to
its end in well under a minute."""

PAIN_BEFORE = "How much does your back hurt right now?"
PAIN_AFTER = "And now: how much does your back hurt?"
TOO_SMALL = "Make the terminal larger"
HOLD_COUNT = re.compile(r"\b(\d+) of 30 s\b")
"""The step count beside the step bar during the 30-second hold."""
SIDE_COUNT = re.compile(rf"\b(\d+) of {SIDE_HOLD} s\b")
"""The step count during a hold of the SIDES routine."""
LEFT, SWITCH, RIGHT = "LEFT side", "Switch sides", "RIGHT side"
"""What the runner shows on the left hold, the switch and the right hold."""
CUT_OFF = "A session was cut off"
RESUMED = "RESUMED: going on in"
RECOVERED = "Session recovered"


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


def held_seconds(
    term: Terminal, at_least: int = 1, timeout: float = 10.0, count: re.Pattern[str] = HOLD_COUNT
) -> int:
    """Wait until the hold (by default the 30-second one) shows at least `at_least` seconds
    done; returns them."""
    deadline = time.monotonic() + timeout
    while True:
        term.wait_for(count, timeout=max(deadline - time.monotonic(), 0.1))
        match = count.search(term.screen_text())
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


# -- a session cut off, and what the next start does with it ---------------------------------


def in_progress_file(home: Path) -> Path:
    """Where the app keeps the session running (and one cut off, to be resumed)."""
    return resolve_paths(home).session_in_progress


def read_saved(home: Path) -> tuple[float, dict[str, Any]]:
    """The in-progress file as the app last wrote it: (when, on the wall clock, its content).
    The app replaces the file whole, so the time and the content are of the same save."""
    with in_progress_file(home).open("rb") as file:
        written = os.fstat(file.fileno()).st_mtime
        return written, tomllib.load(file)


def step_elapsed(saved: dict[str, Any]) -> float:
    """Seconds done of the step the saved session was on (its clock's state)."""
    clock = saved["resume"]["clock"]
    assert clock["step"] == 0, clock  # still on the left-side hold
    elapsed: float = clock["step_elapsed"]
    return elapsed


def wait_for_save(term: Terminal, home: Path, after: float, timeout: float = 10.0) -> float:
    """Read the terminal until the app saves the in-progress file after wall time `after`;
    returns that save's wall time."""
    deadline = time.monotonic() + timeout
    while True:
        path = in_progress_file(home)
        if path.exists() and (written := path.stat().st_mtime) > after:
            return written
        if time.monotonic() > deadline:
            raise AssertionError(f"no save after {after} within {timeout} s:\n{term.screen_text()}")
        term.pump(0.02)


def words(term: Terminal) -> str:
    """The screen as one line of words, without the borders of dialogs and notices, so a
    sentence wrapped over several lines reads whole."""
    return " ".join(re.sub(r"[█▌▐▎▏│┃▔▁▄▀]", " ", term.screen_text()).split())


def wait_for_words(term: Terminal, text: str, timeout: float = 10.0) -> str:
    """Read until `text` is on screen, maybe wrapped over lines; returns the screen's words
    once the frame that showed it is whole (the output that completes `text` may be the first
    part of a frame, as in `Terminal.wait_for`)."""
    deadline = time.monotonic() + timeout
    while text not in words(term):
        if time.monotonic() > deadline or not term.alive:
            raise AssertionError(f"{text!r} not on screen:\n{term.screen_text()}")
        term.pump(0.05)
    term.settle(quiet=0.03, timeout=FRAME_REST_SECONDS, strict=False)
    return words(term)


def cut_off(start_app: StartApp, home: Path, how: signal.Signals, pain: int, held: int) -> int:
    """Start the SIDES routine, rate the pain `pain`, and once `held` seconds of the left hold
    are done, send `how` (a hang-up or a kill); returns the seconds shown as done then."""
    term = start_app("session", "sides")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send(str(pain))
    shown = held_seconds(term, at_least=held, count=SIDE_COUNT)
    term.signal(how)
    status = term.wait_exit()
    if how == signal.SIGKILL:
        assert status == -signal.SIGKILL
    else:
        assert status == 128 + how, status  # a clean exit, not death by the signal
        term.assert_restored()
        no_traceback(term)
    assert in_progress_file(home).exists()
    assert history(home) == []
    return shown


def nothing_offered(start_app: StartApp) -> None:
    """Start the app, see Home with no session offered or recorded, and quit."""
    term = start_app()
    term.wait_for(HOME_MARK, timeout=20)
    term.settle(quiet=0.5, timeout=5, strict=False)
    assert not term.has_text(CUT_OFF) and not term.has_text(RECOVERED)
    term.send("q")
    assert term.wait_exit() == 0


def run_to_pain_after(term: Terminal, timeout: float) -> None:
    """Let the session run to the pain question after it (a leg-symptom question: the same)."""
    deadline = time.monotonic() + timeout
    while not term.has_text(PAIN_AFTER):
        if term.has_text("Better") and term.has_text("Worse"):
            term.send("s")
        assert term.alive, term.screen_text()
        assert time.monotonic() < deadline, f"no pain-after page:\n{term.screen_text()}"
        term.pump(0.1)


def resume_to_the_end(
    term: Terminal, saved_elapsed: float, *, wait_out_get_ready: bool
) -> tuple[int, float]:
    """In `stretch-tui session --resume`: check the runner is back on the left hold with the
    time it had left (`saved_elapsed` done), held for the get-ready seconds (waited out, or
    skipped with space), then run the session to its end, rate the pain after 2 and go
    back to Home and quit. Returns the step count shown while getting ready and the seconds
    from going on to the end of the left hold."""
    term.wait_for(RESUMED, timeout=20)
    shown_at = time.monotonic()
    assert term.has_text("Lumbar trunk rotation") and term.has_text(LEFT)
    resumed = held_seconds(term, at_least=0, count=SIDE_COUNT)
    assert resumed == int(saved_elapsed), (resumed, saved_elapsed)  # shows what was saved
    if wait_out_get_ready:
        term.wait_gone(RESUMED, timeout=10)
        ready = time.monotonic() - shown_at
        assert 5 - 1.5 < ready < 5 + 1.5, f"got ready in {ready:.1f} s"
        # The clock waited meanwhile: the hold goes on from where it was.
        assert held_seconds(term, at_least=0, count=SIDE_COUNT) in (resumed, resumed + 1)
    else:
        term.send("space")  # go on now
        term.wait_gone(RESUMED, timeout=5)
    going_on = time.monotonic()
    term.wait_for(SWITCH, timeout=SIDE_HOLD + 10)
    left_hold = time.monotonic() - going_on
    assert abs(left_hold - (SIDE_HOLD - saved_elapsed)) < 1.5, (left_hold, saved_elapsed)
    term.wait_for(RIGHT, timeout=15)
    run_to_pain_after(term, timeout=SIDE_HOLD + 15)
    term.wait_for("Session complete")
    term.send("2")
    term.wait_for("Session complete: Side hold routine", timeout=10)
    term.wait_for("Saved in your history.")
    term.send("enter")
    term.wait_for(HOME_MARK)
    term.send("q")
    assert term.wait_exit() == 0
    term.assert_restored()
    no_traceback(term)
    return resumed, left_hold


def assert_one_whole_session(home: Path, before: dict[str, Any]) -> None:
    """History holds the resumed session once, completed, as the session saved in `before`
    (the in-progress file at the drop) began it, with both holds done in full."""
    (session,) = history(home)
    assert session["id"] == before["session"]["id"]  # the session kept its id
    assert session["status"] == "completed"
    assert session["routine"] == "sides"
    assert session["pain_before"] == before["session"]["pain_before"]
    assert session["pain_after"] == 2
    records = {record["side"]: record for record in session["exercises"]}
    assert set(records) == {"left", "right"}
    # The left hold counts the seconds done before the drop and after it: the full hold.
    assert records["left"]["done_seconds"] == SIDE_HOLD
    assert records["right"]["done_seconds"] == SIDE_HOLD
    assert all(record["outcome"] == "done" for record in records.values())
    assert not in_progress_file(home).exists()


def test_a_session_cut_off_by_a_hang_up_resumes_where_it_stopped(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, SIDES)
    term = start_app("session", "sides")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send("4")
    held = held_seconds(term, at_least=4, count=SIDE_COUNT)
    last_save, saved = read_saved(isolated_home)
    hung_up = time.time()
    term.signal(signal.SIGHUP)
    assert term.wait_exit() == 128 + signal.SIGHUP  # a clean exit, not death by the signal
    term.assert_restored()
    no_traceback(term)
    assert history(isolated_home) == []  # kept to be resumed, not recorded

    _, at_drop = read_saved(isolated_home)
    kept = step_elapsed(at_drop)
    lost = step_elapsed(saved) + (hung_up - last_save) - kept
    print(f"hang-up {held} s into the hold: {kept:.2f} s kept, {lost:.2f} s lost")
    assert lost < 0.5  # saved as the app closed, not at the last save before
    assert kept >= held

    resume = start_app("session", "--resume")
    resumed, _ = resume_to_the_end(resume, kept, wait_out_get_ready=True)
    assert abs(resumed - held) <= 1
    assert_one_whole_session(isolated_home, at_drop)


DROP_EXIT_SECONDS = 5.0
"""How long a dropped connection may leave the app running: it saves at once, then exits;
a process that outlives its terminal would hold the running-session lock."""


def test_a_dropped_connection_ends_the_app_and_keeps_the_session_to_resume(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, SIDES)
    term = start_app("session", "sides")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send("4")
    held = held_seconds(term, at_least=3, count=SIDE_COUNT)
    term.drop()  # the pty's master closed, as sshd does: SIGHUP, and no terminal left to write to
    status = term.wait_ended(timeout=DROP_EXIT_SECONDS)
    assert status == 128 + signal.SIGHUP, status  # saved and exited, not killed by the signal
    assert history(isolated_home) == []  # kept to be resumed, not recorded
    _, at_drop = read_saved(isolated_home)
    assert step_elapsed(at_drop) >= held

    resume = start_app("session", "--resume")
    resume_to_the_end(resume, step_elapsed(at_drop), wait_out_get_ready=True)
    assert_one_whole_session(isolated_home, at_drop)


def test_a_killed_session_resumes_losing_at_most_the_seconds_since_the_last_save(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, SIDES)
    term = start_app("session", "sides")
    term.wait_for(PAIN_BEFORE, timeout=20)
    term.send("3")
    held_seconds(term, at_least=1, count=SIDE_COUNT)
    # The saves inside the hold: one about every SAVE_EVERY_SECONDS.
    first = wait_for_save(term, isolated_home, after=0)
    second = wait_for_save(term, isolated_home, after=first)
    third = wait_for_save(term, isolated_home, after=second)
    gaps = (second - first, third - second)
    assert all(gap < SAVE_EVERY_SECONDS + 1.0 for gap in gaps), gaps
    # Killed just before the next save is due: about the most a kill can lose.
    while time.time() < third + SAVE_EVERY_SECONDS - 0.2:
        term.pump(0.02)
    shown = held_seconds(term, at_least=0, count=SIDE_COUNT)
    last_save, saved = read_saved(isolated_home)
    killed = time.time()
    term.signal(signal.SIGKILL)
    assert term.wait_exit() == -signal.SIGKILL
    assert history(isolated_home) == []

    _, at_drop = read_saved(isolated_home)
    assert at_drop == saved  # nothing was written after the kill
    kept = step_elapsed(at_drop)
    lost = killed - last_save
    print(
        f"kill -9 {shown} s into the hold, {lost:.2f} s after the last save: {kept:.2f} s "
        f"kept, {lost:.2f} s lost (saves {gaps[0]:.2f} s and {gaps[1]:.2f} s apart)"
    )
    assert lost < SAVE_EVERY_SECONDS + 0.5

    resume = start_app("session", "--resume")
    resumed, _ = resume_to_the_end(resume, kept, wait_out_get_ready=False)
    assert 0 <= shown - resumed <= math.ceil(SAVE_EVERY_SECONDS), (shown, resumed)
    assert_one_whole_session(isolated_home, at_drop)


def test_a_session_cut_off_is_offered_at_the_next_start_until_discarded(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, SIDES)
    held = cut_off(start_app, isolated_home, signal.SIGHUP, pain=5, held=3)
    kept = step_elapsed(read_saved(isolated_home)[1])

    later = start_app()
    later.wait_for(CUT_OFF, timeout=20)
    left = math.ceil(SIDE_HOLD - kept - 1e-6)
    wait_for_words(
        later, f"Resume Side hold routine: Lumbar trunk rotation, left side, {left} s left"
    )
    later.send("escape")  # decide later: nothing is recorded, the session waits
    later.wait_gone(CUT_OFF)
    later.wait_for(HOME_MARK)
    later.send("q")
    assert later.wait_exit() == 0
    assert in_progress_file(isolated_home).exists()
    assert history(isolated_home) == []

    discard = start_app()
    discard.wait_for(CUT_OFF, timeout=20)
    discard.send("d")
    shown = wait_for_words(discard, RECOVERED)
    assert "was cut off" in shown
    assert "cannot be resumed" not in shown
    discard.wait_for(HOME_MARK)
    assert not in_progress_file(isolated_home).exists()
    discard.send("q")
    assert discard.wait_exit() == 0
    no_traceback(discard)

    (session,) = history(isolated_home)
    assert session["status"] == "interrupted"
    assert session["routine"] == "sides"
    assert session["pain_before"] == 5
    first = session["exercises"][0]
    assert (first["id"], first["side"]) == ("lumbar-trunk-rotation", "left")
    assert first["done_seconds"] >= held

    nothing_offered(start_app)
    assert len(history(isolated_home)) == 1


def test_a_killed_session_is_offered_at_the_next_start_and_recorded_once(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, SIDES)
    held = cut_off(start_app, isolated_home, signal.SIGKILL, pain=6, held=3)

    again = start_app()
    again.wait_for(CUT_OFF, timeout=20)
    wait_for_words(again, "Resume Side hold routine: Lumbar trunk rotation, left side")
    again.send("d")
    assert "was cut off" in wait_for_words(again, RECOVERED)
    again.wait_for(HOME_MARK)
    assert not in_progress_file(isolated_home).exists()
    again.send("q")
    assert again.wait_exit() == 0
    no_traceback(again)

    (session,) = history(isolated_home)
    assert session["status"] == "interrupted"
    assert session["routine"] == "sides"
    assert session["pain_before"] == 6
    # What was saved before the kill: at most one save interval short of what was shown.
    assert session["exercises"][0]["done_seconds"] >= held - math.ceil(SAVE_EVERY_SECONDS)

    nothing_offered(start_app)
    assert len(history(isolated_home)) == 1


def test_a_session_cut_off_13_hours_ago_is_recorded_without_asking(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, SIDES)
    cut_off(start_app, isolated_home, signal.SIGHUP, pain=4, held=2)
    path = in_progress_file(isolated_home)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 1
    session = saved["session"]
    session["started"] -= timedelta(hours=13)
    session["ended"] -= timedelta(hours=13)  # the last save, 13 hours ago
    path.write_text(tomli_w.dumps(saved), encoding="utf-8")

    term = start_app()
    term.wait_for(HOME_MARK, timeout=20)
    shown = wait_for_words(term, RECOVERED)
    assert "was cut off" in shown
    assert "It cannot be resumed: it is more than 12 hours old." in wait_for_words(
        term, "more than 12 hours old"
    )
    assert not term.has_text(CUT_OFF)
    assert not path.exists()
    term.send("q")
    assert term.wait_exit() == 0
    no_traceback(term)

    (recorded,) = history(isolated_home)
    assert recorded["status"] == "interrupted"
    assert recorded["id"] == session["id"]
    assert recorded["pain_before"] == 4
    assert recorded["started"] == session["started"].isoformat()


def test_a_second_window_cannot_resume_the_session_another_one_runs(
    start_app: StartApp, isolated_home: Path
) -> None:
    prepare(isolated_home, SIDES)
    # Terminated (as a system shutting down does): kept to be resumed, as after a hang-up.
    cut_off(start_app, isolated_home, signal.SIGTERM, pain=4, held=2)
    first = start_app("session", "--resume")
    first.wait_for(RESUMED, timeout=20)  # the first window runs the session again

    second = subprocess.run(
        [stretch_tui_command(), "session", "--resume"],
        env=app_env(isolated_home),
        cwd=isolated_home,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert second.returncode == 2
    assert second.stdout == ""
    (line,) = second.stderr.splitlines()
    assert "running in another stretch-tui window" in line

    nothing_offered(start_app)  # nor does a plain start offer it, or record it

    first.pump(0.2)
    assert first.alive and first.has_text("Lumbar trunk rotation")  # still in its runner
    assert in_progress_file(isolated_home).exists()
    assert history(isolated_home) == []


def test_resuming_with_no_session_cut_off_says_so_in_one_line(isolated_home: Path) -> None:
    prepare(isolated_home, SIDES)
    done = subprocess.run(
        [stretch_tui_command(), "session", "--resume"],
        env=app_env(isolated_home),
        cwd=isolated_home,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == ["stretch-tui: there is no session to resume"]
