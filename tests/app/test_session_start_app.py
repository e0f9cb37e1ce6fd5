"""Every way into a session asks the red-flag questions first when they are due, then lists
what may not suit the person, then runs (docs/product.md 4.1 and 5)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from stretch_tui.app import StretchApp
from stretch_tui.domain.screening import load_questionnaire
from stretch_tui.screens.home import HomeScreen
from stretch_tui.screens.screening import ScreeningScreen
from stretch_tui.screens.session import SessionScreen
from stretch_tui.screens.session_dialogs import PreSessionCheckDialog
from stretch_tui.sound.player import CuePlayer
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import load_profile
from tests.sessionkit import TAKEN, TODAY, FakeClock, RecordingPlayer, prepare_home, session_app

SIZE = (100, 30)
RED_FLAGS = load_questionnaire().red_flags


@pytest.fixture(autouse=True)
def quiet_player(monkeypatch: pytest.MonkeyPatch) -> RecordingPlayer:
    recorder = RecordingPlayer()
    monkeypatch.setattr(CuePlayer, "from_preferences", lambda *args, **kwargs: recorder)
    return recorder


async def answer_every_red_flag_no(pilot: Pilot[int], app: StretchApp) -> None:
    for _ in RED_FLAGS:
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press("n")
        await pilot.pause()


async def test_an_unscreened_user_meets_the_red_flags_before_the_pain_question(
    isolated_home: Path,
) -> None:
    prepare_home(isolated_home, screened=False)
    app = session_app(isolated_home, "seven-hip-stretches", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        assert not any(isinstance(screen, SessionScreen) for screen in app.screen_stack)
        await answer_every_red_flag_no(pilot, app)
        # Clear: the session goes on, through the check (no direction known yet).
        dialog = app.screen
        assert isinstance(dialog, PreSessionCheckDialog)
        assert "childs-pose" in {item.exercise_id for item in dialog.check.flagged}
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "childs-pose" not in {step.exercise_id for step in screen.plan.steps}
    saved = load_profile(resolve_paths(isolated_home)).value.screening
    assert saved is not None and saved.tier == "none" and saved.responder is None


async def test_red_flag_answers_older_than_three_months_are_asked_again(
    isolated_home: Path,
) -> None:
    prepare_home(isolated_home, responder="extension")
    later = TAKEN.date() + timedelta(days=100)
    app = StretchApp(
        AppState(resolve_paths(isolated_home), today=lambda: later),
        start_screen="session",
        start_routine="extension-responders",
    )
    app.session_clock = FakeClock()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await answer_every_red_flag_no(pilot, app)
        assert isinstance(app.screen, SessionScreen)  # nothing to warn an extension responder of
    saved = load_profile(resolve_paths(isolated_home)).value.screening
    assert saved is not None
    assert saved.responder == "extension"  # the movement result is kept
    assert saved.date > TAKEN


async def test_current_answers_go_straight_to_the_session(isolated_home: Path) -> None:
    prepare_home(isolated_home, responder="extension")
    app = session_app(isolated_home, "extension-responders", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert TODAY - TAKEN.date() < timedelta(days=90)


async def test_an_emergency_answer_before_a_session_never_starts_it(isolated_home: Path) -> None:
    prepare_home(isolated_home, screened=False)
    app = session_app(isolated_home, "seven-hip-stretches", FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for flag in RED_FLAGS:
            assert isinstance(app.screen, ScreeningScreen)
            await pilot.press("y" if flag.tier == "emergency" else "n")
            await pilot.pause()
        # The result page, over no session.
        assert isinstance(app.screen, ScreeningScreen)
        assert not any(isinstance(screen, SessionScreen) for screen in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert not any(isinstance(screen, SessionScreen) for screen in app.screen_stack)
    saved = load_profile(resolve_paths(isolated_home)).value.screening
    assert saved is not None and saved.tier == "emergency"


async def test_home_r_asks_the_red_flags_too(isolated_home: Path) -> None:
    prepare_home(isolated_home, screened=False)
    app = session_app(isolated_home, None, FakeClock())
    app._start_screen = None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press("escape")
        await pilot.pause()
        # Leaving the questions starts nothing.
        assert not any(isinstance(screen, SessionScreen) for screen in app.screen_stack)


async def test_the_library_path_asks_them_as_well(isolated_home: Path) -> None:
    prepare_home(isolated_home, screened=False)
    app = session_app(isolated_home, None, FakeClock())
    app._start_screen = None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.start_session(exercise_ids=["cat-cow"])
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await answer_every_red_flag_no(pilot, app)
        screen = app.screen
        assert isinstance(screen, SessionScreen)  # cat-cow alone: nothing to warn of
        assert screen.plan.routine_id == "single-cat-cow"
