"""A session cut off by a hang-up is resumed where it stopped, discarded, or recorded.

The app runs on a fake clock: the first app runs a session into its first hold and is hung
up on (`save_and_exit(SIGHUP)`, what the signal handler calls); a second app over the same
home is what the person sees at the next start.
"""

from __future__ import annotations

import signal
from datetime import timedelta
from pathlib import Path

import pytest
from attrs import evolve
from textual.widgets import Static

from stretch_tui.app import StretchApp
from stretch_tui.domain.history import HistoryEntry
from stretch_tui.screens.home import HomeScreen
from stretch_tui.screens.session import RESUME_GET_READY, SessionScreen
from stretch_tui.screens.session_dialogs import ResumeDialog
from stretch_tui.screens.summary import SummaryScreen
from stretch_tui.state import AppState
from stretch_tui.storage.history import read_history
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.storage.session_state import (
    SessionInProgress,
    load_in_progress,
    save_in_progress,
)
from stretch_tui.widgets.pain_scale import PainScale
from tests.appkit import capture_notes
from tests.sessionkit import (
    SHORT_ROUTINE,
    TODAY,
    FakeClock,
    prepare_home,
    run_for,
    session_app,
)
from tests.waiting import wait_until

pytestmark = pytest.mark.usefixtures("player")

SIZE = (80, 24)
HELD_BEFORE = 3.0
"""Seconds of the first hold (10 s, after a 3 s lead-in) done before the hang-up."""


def next_start(home: Path, clock: FakeClock, screen: str | None = None) -> StretchApp:
    """The app as the next `stretch-tui` (or `stretch-tui session --resume`: `resume`)."""
    app = StretchApp(AppState(resolve_paths(home), today=lambda: TODAY), start_screen=screen)
    app.session_clock = clock
    return app


def history(paths: AppPaths) -> list[HistoryEntry]:
    return read_history(paths).entries


def left_done(entry: HistoryEntry) -> int:
    return next(
        r.done_seconds
        for r in entry.exercises
        if (r.id, r.side) == ("lumbar-trunk-rotation", "left")
    )


async def hang_up_in_the_first_hold(home: Path) -> tuple[AppPaths, SessionInProgress]:
    """Run the short routine 3 s into its first 10 s hold, then hang up."""
    paths = prepare_home(home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("2")
        await run_for(pilot, screen, clock, 3 + HELD_BEFORE)
        app.save_and_exit(signal.SIGHUP)
        await pilot.pause()
    saved = load_in_progress(paths).value
    assert saved is not None and saved.resume is not None
    return paths, saved


def resumed_screen(app: StretchApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


def marker(screen: SessionScreen) -> str:
    return str(screen.query_one("#cue-marker", Static).content)


async def test_session_resume_goes_on_with_the_time_left_and_history_gets_one_entry(
    isolated_home: Path,
) -> None:
    paths, saved = await hang_up_in_the_first_hold(isolated_home)
    assert history(paths) == []
    clock = FakeClock(now=90_000.0)  # another process: its own monotonic clock
    app = next_start(isolated_home, clock, "resume")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        screen = resumed_screen(app)
        assert screen.page == "runner"
        step = screen.clock.current_step
        assert step is not None and (step.exercise_id, step.side) == (
            "lumbar-trunk-rotation",
            "left",
        )
        assert screen.clock.step_remaining == pytest.approx(10 - HELD_BEFORE)
        await run_for(pilot, screen, clock, 1)
        assert "RESUMED: going on in 4 s" in marker(screen)
        assert screen.clock.step_remaining == pytest.approx(10 - HELD_BEFORE)  # held meanwhile
        await run_for(pilot, screen, clock, RESUME_GET_READY - 1 + 2)
        assert "RESUMED" not in marker(screen)
        assert screen.clock.step_remaining == pytest.approx(10 - HELD_BEFORE - 2)
        await run_for(pilot, screen, clock, 40)
        assert screen.page == "after"
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
    [entry] = history(paths)
    assert entry.id == saved.entry.id and entry.status == "completed"
    assert entry.started == saved.entry.started and entry.pain_before == 2
    assert entry.pain_after == 1
    assert left_done(entry) == 10  # 3 s before the hang-up, 7 s after
    assert not paths.session_in_progress.exists()


async def test_space_goes_on_at_once_after_a_resume(isolated_home: Path) -> None:
    await hang_up_in_the_first_hold(isolated_home)
    clock = FakeClock()
    app = next_start(isolated_home, clock, "resume")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        screen = resumed_screen(app)
        await pilot.press("space")
        await run_for(pilot, screen, clock, 2)
        assert not screen.clock.is_paused
        assert screen.clock.step_remaining == pytest.approx(10 - HELD_BEFORE - 2)


async def test_the_next_start_offers_to_resume_and_discarding_records_one_interrupted_entry(
    isolated_home: Path,
) -> None:
    paths, saved = await hang_up_in_the_first_hold(isolated_home)
    app = next_start(isolated_home, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeDialog), "the offer")
        summary = str(app.screen.query_one("#resume-summary", Static).content)
        assert summary.startswith("Resume Short test routine: Lumbar trunk rotation")
        assert summary.endswith(f"{10 - HELD_BEFORE:.0f} s left")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home")
    [entry] = history(paths)
    assert (entry.id, entry.status) == (saved.entry.id, "interrupted")
    assert left_done(entry) == HELD_BEFORE
    assert not paths.session_in_progress.exists()


async def test_the_offer_resumes_with_r(isolated_home: Path) -> None:
    await hang_up_in_the_first_hold(isolated_home)
    app = next_start(isolated_home, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeDialog), "the offer")
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        screen = resumed_screen(app)
        assert screen.clock.step_remaining == pytest.approx(10 - HELD_BEFORE)


async def test_later_keeps_the_session_and_a_new_one_records_it_first(
    isolated_home: Path,
) -> None:
    paths, saved = await hang_up_in_the_first_hold(isolated_home)
    clock = FakeClock()
    app = next_start(isolated_home, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeDialog), "the offer")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home")
        assert paths.session_in_progress.exists() and history(paths) == []
        app.start_session("short")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "a new session")
        # The one cut off is in history before the new one can write over its file.
        assert [(e.id, e.status) for e in history(paths)] == [(saved.entry.id, "interrupted")]
        await pilot.press("4")
        await run_for(pilot, resumed_screen(app), clock, 1)
        now = load_in_progress(paths).value
        assert now is not None and now.entry.id != saved.entry.id


async def test_a_session_cut_off_over_12_hours_ago_is_recorded_without_asking(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, saved = await hang_up_in_the_first_hold(isolated_home)
    old = evolve(
        saved.entry,
        started=saved.entry.started - timedelta(hours=13),
        ended=saved.entry.ended - timedelta(hours=13),
    )
    save_in_progress(paths, old, saved.step, saved.resume)
    app = next_start(isolated_home, FakeClock())
    notes = capture_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: any("12 hours" in note for note in notes), "the notice")
        await pilot.pause()
        assert not isinstance(app.screen, ResumeDialog)
    [entry] = history(paths)
    assert (entry.id, entry.status) == (saved.entry.id, "interrupted")
    assert any("more than 12 hours old" in note for note in notes)
    assert not paths.session_in_progress.exists()


async def test_a_session_whose_plan_changed_is_recorded_not_resumed(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, saved = await hang_up_in_the_first_hold(isolated_home)
    assert saved.resume is not None
    save_in_progress(
        paths, saved.entry, saved.step, evolve(saved.resume, plan_fingerprint="another plan")
    )
    app = next_start(isolated_home, FakeClock(), "resume")
    notes = capture_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert [e.status for e in history(paths)] == ["interrupted"]
    assert any("changed since" in note for note in notes)


async def test_an_in_progress_file_from_a_newer_version_is_moved_aside(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    paths.session_in_progress.write_text("schema_version = 99\nstep = 1\n", encoding="utf-8")
    app = next_start(isolated_home, FakeClock())
    notes = capture_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        # Once the first frame is on the terminal (`StretchApp.after_first_frame`).
        await wait_until(pilot, lambda: any("newer" in note for note in notes), "the notice")
        assert isinstance(app.screen, HomeScreen)
    assert not paths.session_in_progress.exists()
    kept = [p for p in paths.state_dir.iterdir() if p.name.startswith("session-in-progress")]
    assert kept, "the newer file is kept aside"
    assert any("newer" in note for note in notes)
    assert history(paths) == []


async def test_a_resumed_session_shows_the_runner_keys_not_the_rating_keys(
    isolated_home: Path,
) -> None:
    await hang_up_in_the_first_hold(isolated_home)
    app = next_start(isolated_home, FakeClock(), "resume")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        await pilot.pause()
        active = app.active_bindings.values()
        assert "toggle_pause" in {b.binding.action for b in active if b.enabled}
        assert not any(isinstance(b.node, PainScale) for b in active)
        assert not isinstance(app.focused, PainScale)


async def test_session_routine_offers_the_one_cut_off_first(isolated_home: Path) -> None:
    """`stretch-tui session short` with a session cut off: the offer comes first; declined,
    the session asked for starts, and the one cut off is in history."""
    paths, saved = await hang_up_in_the_first_hold(isolated_home)
    app = session_app(isolated_home, "short", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ResumeDialog), "the offer")
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the new one")
        assert resumed_screen(app).page == "before"
    assert [(e.id, e.status) for e in history(paths)] == [(saved.entry.id, "interrupted")]
