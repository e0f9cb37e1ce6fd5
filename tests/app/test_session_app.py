"""The session runner driven from the keyboard on a fake clock: what it records and asks."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import ClassVar

import pytest
from textual.widgets import Static

from stretch_tui.app import EXIT_GRACE_SECONDS, StretchApp
from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.domain.screening import EMERGENCY_GATE_MESSAGE
from stretch_tui.screens.dialogs import ConfirmDialog
from stretch_tui.screens.home import HomeScreen
from stretch_tui.screens.session import SessionScreen
from stretch_tui.screens.session_dialogs import HurtDialog, PreSessionCheckDialog, SymptomDialog
from stretch_tui.screens.summary import SummaryScreen
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CuePlayer
from stretch_tui.state import AppState
from stretch_tui.storage.history import read_history
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.session_state import load_in_progress, save_in_progress
from stretch_tui.widgets.countdown import Countdown
from stretch_tui.widgets.home_status import HomeStatus
from tests.appkit import capture_notes
from tests.sessionkit import (
    FLEXION_ROUTINE,
    SHORT_ROUTINE,
    SHORT_SECONDS,
    FakeClock,
    RecordingPlayer,
    prepare_home,
    run_for,
    session_app,
)
from tests.waiting import wait_until

SIZE = (80, 24)


def page(screen: SessionScreen) -> str:
    """The page on show (read through a function, as keys change it behind mypy's back)."""
    return screen.page


def running(app: StretchApp) -> tuple[object, ...]:
    """The sessions the app would save if it closed now (read through a function, as keys
    change them behind mypy's back)."""
    return app.sessions.running


def top(app: StretchApp) -> object:
    """The screen on top."""
    return app.screen


def history(paths: AppPaths) -> list[HistoryEntry]:
    """The sessions in history, as a fresh start reads them."""
    return read_history(paths).entries


def record(entry: HistoryEntry, exercise_id: str, side: str) -> ExerciseRecord:
    """The entry's record of that exercise and side."""
    return next(r for r in entry.exercises if r.id == exercise_id and r.side == side)


async def test_a_short_routine_runs_from_pain_before_to_the_summary(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert page(screen) == "before"
        await pilot.press("6")
        await pilot.pause()
        assert page(screen) == "runner"
        assert paths.session_in_progress.exists()

        await run_for(pilot, screen, clock, 5)  # lead-in over, 2 s into the left side
        step = screen.clock.current_step
        assert step is not None and step.side == "left"
        assert screen.query_one(Countdown).seconds == 8
        assert "LEFT side" in str(screen.query_one("#step-side", Static).content)

        await run_for(pilot, screen, clock, SHORT_SECONDS - 5)
        assert page(screen) == "after"
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

    assert not paths.session_in_progress.exists()
    [entry] = history(paths)
    assert entry.status == "completed" and entry.routine == "short"
    assert (entry.pain_before, entry.pain_after) == (6, 3)
    left = record(entry, "lumbar-trunk-rotation", "left")
    right = record(entry, "lumbar-trunk-rotation", "right")
    assert left.done_seconds == right.done_seconds == 10
    assert left.outcome == right.outcome == "done"
    bridge = record(entry, "glute-bridge", "both")
    assert (bridge.done_seconds, bridge.reps_done) == (8, 2)
    assert player.cues[:2] == [Cue.START, Cue.TICK]  # the first hold, then its last seconds
    assert player.cues.count(Cue.SWITCH) == 1 and {Cue.END, Cue.TICK} <= set(player.cues)
    assert player.cues[-1] == Cue.SESSION_DONE


async def test_the_summary_says_what_was_done_and_the_pain_change(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("6")
        await run_for(pilot, screen, clock, SHORT_SECONDS)
        await pilot.press("3")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        pain = str(summary.query_one("#summary-pain", Static).content)
        assert "6/10 before, 3/10 after: 3 points less, a change that matters" in pain
        totals = str(summary.query_one("#summary-totals", Static).content)
        assert "Time held: 28 s of 28 s planned" in totals
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_it_hurts_stops_the_exercise_and_can_leave_it_out(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await run_for(pilot, screen, clock, 6)  # 3 s into the left side
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HurtDialog)
        assert screen.clock.is_paused  # the session waits for the answer
        await pilot.press("y")
        await pilot.pause()
        assert top(app) is screen and not screen.clock.is_paused
        step = screen.clock.current_step
        assert step is not None and step.exercise_id == "glute-bridge"
        await run_for(pilot, screen, clock, 20)
        await pilot.press("s")
        await pilot.pause()

    assert "lumbar-trunk-rotation" in AppState(paths).preferences.left_out
    [entry] = history(paths)
    assert record(entry, "lumbar-trunk-rotation", "left").outcome == "hurt"
    right = record(entry, "lumbar-trunk-rotation", "right")
    assert (right.outcome, right.done_seconds) == ("skipped", 0)
    assert record(entry, "glute-bridge", "both").outcome == "done"


async def test_declining_to_leave_out_keeps_the_exercise_in_recommendations(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.press("h")  # during the lead-in: the exercise about to start
        await pilot.pause()
        assert isinstance(app.screen, HurtDialog)
        await pilot.press("n")
        await pilot.pause()
    assert AppState(paths).preferences.left_out == ()


async def test_worse_leg_symptoms_skip_the_rest_of_that_direction(
    isolated_home: Path, player: RecordingPlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = prepare_home(isolated_home, FLEXION_ROUTINE, responder="flexion")
    clock = FakeClock()
    app = session_app(isolated_home, "flexion-test", clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app, monkeypatch)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await run_for(pilot, screen, clock, 3 + 5 + 5 + 5)  # both sides of the first one
        assert isinstance(app.screen, SymptomDialog)
        await pilot.press("w")
        await pilot.pause()
        assert any("flexion exercises are skipped" in note for note in notes)
        await run_for(pilot, screen, clock, 4)  # the rest now leads to the rotation
        step = screen.clock.current_step
        assert step is not None and step.exercise_id == "lumbar-trunk-rotation"
        await run_for(pilot, screen, clock, 20)
        assert page(screen) == "after"
        await pilot.press("enter")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        changes = str(summary.query_one("#summary-changes", Static).content)
        assert "screening again" in changes

    [entry] = history(paths)
    assert record(entry, "single-knee-to-chest", "right").symptom == "worse"
    skipped = record(entry, "double-knee-to-chest", "both")
    assert (skipped.outcome, skipped.done_seconds) == ("skipped", 0)
    assert record(entry, "lumbar-trunk-rotation", "left").outcome == "done"


async def test_quitting_asks_first_and_saves_a_stopped_session(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("5")
        await run_for(pilot, screen, clock, 7)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert top(app) is screen and page(screen) == "runner"
        assert history(paths) == []
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert page(screen) == "after"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

    [entry] = history(paths)
    assert entry.status == "stopped"
    assert record(entry, "lumbar-trunk-rotation", "left").done_seconds == 4
    assert not paths.session_in_progress.exists()


async def test_an_emergency_screening_blocks_the_session(
    isolated_home: Path, player: RecordingPlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE, tier="emergency")
    app = session_app(isolated_home, "short", FakeClock())
    notes = capture_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not any(isinstance(s, SessionScreen) for s in app.screen_stack)
        assert EMERGENCY_GATE_MESSAGE in notes
        await pilot.press("r")  # Home's key says the same
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert history(paths) == []


async def test_an_urgent_screening_needs_the_assessment_and_history_records_it(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE, tier="urgent")
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await run_for(pilot, screen, clock, SHORT_SECONDS)
        await pilot.press("s")
        await pilot.pause()
    [entry] = history(paths)
    assert entry.assessed is True
    assert AppState(paths).profile.assessed_confirmed_at is not None


async def test_declining_the_assessment_question_does_not_start(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home, SHORT_ROUTINE, tier="urgent")
    app = session_app(isolated_home, "short", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_avoid_items_are_named_and_can_be_skipped(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home, responder="extension")
    app = session_app(isolated_home, "fourteen-stretches", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PreSessionCheckDialog)
        named = {item.exercise_id for item in dialog.check.flagged}
        assert {"childs-pose", "wide-legged-forward-fold"} <= named
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        planned = {step.exercise_id for step in screen.plan.steps}
        assert "childs-pose" not in planned and "wide-legged-forward-fold" not in planned
        assert "cat-cow" in planned


async def test_one_exercise_from_the_library_runs_alone(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home)
    app = session_app(isolated_home, None, FakeClock())
    app._start_screen = None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_session(exercise_ids=["cat-cow"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert {step.exercise_id for step in screen.plan.steps} == {"cat-cow"}
        assert screen.plan.routine_id == "single-cat-cow"


async def test_home_starts_the_recommended_session_with_r(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home, responder="flexion")
    app = session_app(isolated_home, None, FakeClock())
    app._start_screen = None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        status = home.query_one(HomeStatus)
        await wait_until(
            pilot, lambda: "Press r to start" in status.part("recommended"), "the line"
        )
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.plan.routine_id == "recommended"
        await pilot.press("q")  # before the start: back, nothing recorded
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


class WatchdogSpy:
    """Stands in for `threading.Timer` in `StretchApp.exit_timer`: records, never fires."""

    made: ClassVar[list[WatchdogSpy]] = []

    def __init__(self, interval: float, function: object, args: tuple[object, ...]) -> None:
        self.calls = [(interval, function, args)]
        self.daemon = False
        self.started = False
        WatchdogSpy.made.append(self)

    def start(self) -> None:
        self.started = True


async def test_a_hang_up_keeps_the_running_session_to_resume(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("2")
        await run_for(pilot, screen, clock, 9)
        app.exit_timer = WatchdogSpy
        app.on_exit_signal(signal.SIGHUP)  # what the signal handler calls
        await pilot.pause()
    # If the exit had hung (a dropped terminal), the process would have ended itself, with the
    # same status, once the session was saved.
    assert app.exit_watchdog is WatchdogSpy.made[-1]
    assert WatchdogSpy.made[-1].calls == [(EXIT_GRACE_SECONDS, os._exit, (128 + signal.SIGHUP,))]
    assert WatchdogSpy.made[-1].daemon and WatchdogSpy.made[-1].started
    assert history(paths) == []
    saved = load_in_progress(paths).value
    assert saved is not None and saved.resume is not None
    assert saved.entry.pain_before == 2
    assert record(saved.entry, "lumbar-trunk-rotation", "left").done_seconds == 6
    assert saved.resume.clock["step_elapsed"] == 6  # to the second of the hang-up
    assert app.return_value == 128 + signal.SIGHUP


async def test_a_leftover_in_progress_file_becomes_one_interrupted_entry(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.storage.builders import make_entry

    paths = prepare_home(isolated_home)
    save_in_progress(paths, make_entry(3, status="interrupted"), step=4)
    app = session_app(isolated_home, None, FakeClock())
    app._start_screen = None
    notes = capture_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        # Once the first frame is on the terminal (`StretchApp.after_first_frame`).
        await wait_until(pilot, lambda: any("was cut off" in note for note in notes), "notice")
        await pilot.pause()
    entries = history(paths)
    assert [(e.id, e.status) for e in entries] == [("session-3", "interrupted")]
    assert not paths.session_in_progress.exists()
    assert sum("was cut off" in note for note in notes) == 1


async def test_pause_stops_the_countdown_and_shows_it(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await run_for(pilot, screen, clock, 5)
        await pilot.press("space")
        await run_for(pilot, screen, clock, 30)
        countdown = screen.query_one(Countdown)
        assert countdown.seconds == 8 and countdown.has_class("paused")
        assert "PAUSED" in str(screen.query_one("#cue-marker", Static).content)
        await pilot.press("space")
        await run_for(pilot, screen, clock, 1)
        assert countdown.seconds == 7 and not countdown.has_class("paused")


async def test_a_failing_player_is_reported_once(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = RecordingPlayer(message="Audio stopped working; cues use the bell now.")
    monkeypatch.setattr(CuePlayer, "from_preferences", lambda *args, **kwargs: failing)
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app, monkeypatch)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await run_for(pilot, screen, clock, 20)
    assert sum("Audio stopped working" in note for note in notes) == 1
    assert len(failing.cues) > 3


async def test_cues_are_shown_as_text_and_flash_only_without_reduced_motion(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    for reduced in (False, True):
        prepare_home(isolated_home, SHORT_ROUTINE, reduced_motion=reduced)
        clock = FakeClock()
        app = session_app(isolated_home, "short", clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SessionScreen)
            await pilot.press("s")
            await run_for(pilot, screen, clock, 3)  # the first hold starts: the start cue
            countdown = screen.query_one(Countdown)
            marker = str(screen.query_one("#cue-marker", Static).content)
            assert "Start" in marker
            assert countdown.has_class("flash") is not reduced
            await run_for(pilot, screen, clock, 2.5)
            assert not countdown.has_class("flash")
            assert str(screen.query_one("#cue-marker", Static).content) == ""


async def test_the_app_knows_the_running_session_only_while_it_runs(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert running(app) == ()  # before the pain rating there is nothing to save
        await pilot.press("s")
        await pilot.pause()
        assert running(app) == (screen,)
        await run_for(pilot, screen, clock, SHORT_SECONDS)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert running(app) == ()
        assert app.sessions.save_running("stopped") == []  # saved once, at its end
    [entry] = history(paths)
    assert entry.status == "completed"


async def test_ctrl_c_saves_the_running_session_as_stopped(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("3")
        await run_for(pilot, screen, clock, 9)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert running(app) == ()
    [entry] = history(paths)
    assert entry.status == "stopped" and entry.pain_before == 3
    assert record(entry, "lumbar-trunk-rotation", "left").done_seconds == 6
    assert not paths.session_in_progress.exists()
