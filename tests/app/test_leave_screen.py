"""A screen's "back" closes that screen only, and a running session is never closed unsaved.

`App.pop_screen` closes whatever is on top, so a back key that reaches a screen after another
opened over it closed the wrong one (`StretchScreen.leave` guards that); and a session
screen removed mid-session used to drop the time done (it now goes to history as stopped).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.screens.help import HelpScreen
from stretch_tui.screens.session import SessionScreen
from stretch_tui.storage.history import read_history
from tests.sessionkit import (
    SHORT_ROUTINE,
    FakeClock,
    prepare_home,
    run_for,
    session_app,
)
from tests.waiting import wait_until

pytestmark = pytest.mark.usefixtures("player")


async def test_back_on_a_screen_under_another_closes_nothing(isolated_home: Path) -> None:
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        session = app.screen
        assert isinstance(session, SessionScreen)
        app.push_screen(HelpScreen())
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        await wait_until(pilot, lambda: help_screen.is_mounted, "help mounted")
        help_screen.leave()
        await wait_until(pilot, lambda: app.screen is session, "back to the session")
        help_screen.leave()  # a second, late back: Help is no longer on top
        help_screen.action_leave_screen()
        for _ in range(5):
            await pilot.pause()
        assert app.screen is session


async def test_a_session_screen_removed_mid_session_saves_what_was_done(
    isolated_home: Path,
) -> None:
    paths = prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("3")
        await run_for(pilot, screen, clock, 7)
        await app.pop_screen()
        await wait_until(pilot, lambda: not isinstance(app.screen, SessionScreen), "removed")
    [entry] = read_history(paths).entries
    assert entry.status == "stopped" and entry.pain_before == 3
    assert not paths.session_in_progress.exists()


async def test_back_before_a_screen_has_mounted_closes_nothing(isolated_home: Path) -> None:
    """A back key that reaches a screen before it mounted (typed right after the key that
    opened it) is ignored: closed then, its mount would run on widgets already gone."""
    prepare_home(isolated_home, SHORT_ROUTINE)
    app = session_app(isolated_home, "short", FakeClock())
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        help_screen = HelpScreen()
        app.push_screen(help_screen)
        assert not help_screen.is_mounted
        help_screen.leave()
        await wait_until(pilot, lambda: help_screen.is_mounted, "help mounted")
        assert app.screen is help_screen
        help_screen.leave()
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "back")
