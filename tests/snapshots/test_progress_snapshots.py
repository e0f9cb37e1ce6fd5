"""How the progress screen looks with no history, one session and a generated year, and the
weekly re-rating on Home."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from stretch_tui.domain.profile import FunctionRating
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile
from tests.appkit import SIZES, make_app
from tests.progress_data import TODAY, ZONE, one_session, screened_profile, write_year

SnapCompare = Callable[..., bool]
SIZE_IDS = [f"{width}x{height}" for width, height in SIZES]


async def history_read(pilot: Pilot[Any]) -> None:
    """Let the history worker finish and its result be drawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def progress_snapshot(snap_compare: SnapCompare, home: Path, size: Any) -> bool:
    app = make_app(home, "progress")
    app.state.today = lambda: TODAY
    return snap_compare(app, terminal_size=size, run_before=history_read)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_progress_empty(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    assert progress_snapshot(snap_compare, isolated_home, size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_progress_one_session(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    one_session(isolated_home)
    assert progress_snapshot(snap_compare, isolated_home, size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_progress_a_year(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    write_year(isolated_home)
    assert progress_snapshot(snap_compare, isolated_home, size)


def test_progress_a_year_scrolled_to_the_sessions(
    snap_compare: SnapCompare, isolated_home: Path
) -> None:
    write_year(isolated_home)

    async def browse(pilot: Pilot[Any]) -> None:
        await history_read(pilot)
        await pilot.press("b", "down", "down")
        await pilot.pause()

    app = make_app(isolated_home, "progress")
    app.state.today = lambda: TODAY
    assert snap_compare(app, terminal_size=(80, 24), run_before=browse)


def rated_a_week_ago(home: Path) -> None:
    rated = datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=ZONE) - timedelta(days=8)
    save_profile(resolve_paths(home), screened_profile((FunctionRating(rated, (3, 4, 5)),)))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_home_rerating_due(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    rated_a_week_ago(isolated_home)
    app = make_app(isolated_home)
    app.state.today = lambda: TODAY
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_rerating_dialog(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    rated_a_week_ago(isolated_home)
    app = make_app(isolated_home)
    app.state.today = lambda: TODAY

    async def open_dialog(pilot: Pilot[Any]) -> None:
        await pilot.press("w", "6")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_dialog)
