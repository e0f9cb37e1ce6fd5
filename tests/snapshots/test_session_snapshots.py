"""How the session runner, its pain question and its summary look (fake clock: exact)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from stretch_tui.screens.session import SessionScreen
from stretch_tui.sound.player import CuePlayer
from tests.appkit import SIZES
from tests.sessionkit import (
    SHORT_ROUTINE,
    SHORT_SECONDS,
    FakeClock,
    RecordingPlayer,
    follow_wall_clock,
    prepare_home,
    session_app,
)

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No cue reaches a sound device."""
    monkeypatch.setattr(CuePlayer, "from_preferences", lambda *a, **k: RecordingPlayer())


def session_until(
    clock: FakeClock, seconds: float, *keys: str
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that rates the pain 4, lets `seconds` of session time pass, then
    presses `keys`."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("4")
        moved = 0.0
        while moved < seconds:
            clock.now += 0.25
            moved += 0.25
            screen.tick()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_runner_mid_hold_right_side(
    snap_compare: SnapCompare,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    prepare_home(isolated_home, SHORT_ROUTINE, responder="extension")
    clock = FakeClock()
    follow_wall_clock(monkeypatch, clock)
    app = session_app(isolated_home, "short", clock)
    # Lead-in 3, left 10, switch 5, then 3.5 s into the right side's hold.
    assert snap_compare(app, terminal_size=size, run_before=session_until(clock, 21.5))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_pain_before(snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]) -> None:
    prepare_home(isolated_home, SHORT_ROUTINE)
    app = session_app(isolated_home, "short", FakeClock())
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_summary(
    snap_compare: SnapCompare,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    follow_wall_clock(monkeypatch, clock)
    app = session_app(isolated_home, "short", clock)
    assert snap_compare(
        app, terminal_size=size, run_before=session_until(clock, SHORT_SECONDS, "2")
    )
