"""How Home, the welcome, settings, help and the too-small message look."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.storage.history import append_session
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile
from tests.appkit import SIZES, make_app

SnapCompare = Callable[..., bool]
TODAY = date(2025, 3, 12)
SIZE_IDS = [f"{width}x{height}" for width, height in SIZES]


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that presses `keys` and lets the screen settle."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def with_history(home: Path) -> None:
    """A flexion responder with a week of sessions, so Home has a streak and a pain trend."""
    paths = resolve_paths(home)
    screened = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    save_profile(paths, Profile(screening=ScreeningRecord(date=screened, responder="flexion")))
    for day, pain in zip(range(6, 12), (6, 6, 5, 4, 4, 3), strict=True):
        started = datetime(2025, 3, day, 8, 0, tzinfo=UTC)
        append_session(
            paths,
            HistoryEntry(
                id=f"s{day}",
                started=started,
                ended=started.replace(minute=10),
                routine="flexion-responders",
                status="completed",
                profile="flexion",
                pain_before=pain,
                pain_after=max(pain - 2, 0),
                exercises=(ExerciseRecord("double-knee-to-chest", "both", 60, 60, 2, "done"),),
            ),
        )


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_home_first_visit(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home)
    app.state.today = lambda: TODAY
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_home_with_history(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    with_history(isolated_home)
    app = make_app(isolated_home)
    app.state.today = lambda: TODAY
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_welcome(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home, first_run=True)
    app.state.today = lambda: TODAY
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_settings(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home, "settings")
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_help(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home, "help")
    assert snap_compare(app, terminal_size=size)


def test_too_small(snap_compare: SnapCompare, isolated_home: Path) -> None:
    app = make_app(isolated_home)
    assert snap_compare(app, terminal_size=(50, 15))
