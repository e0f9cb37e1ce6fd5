"""How the library and the exercise detail look, at 80x24 and 120x40."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.screens.library import LibraryScreen
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile
from stretch_tui.widgets.exercise_table import ExerciseTable
from stretch_tui.widgets.pose_view import PoseView
from tests.appkit import SIZES, make_app
from tests.waiting import wait_until

SnapCompare = Callable[..., bool]
TAKEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def extension_profile(isolated_home: Path) -> None:
    """An extension responder, so the "For you" column and the cautions have something to say."""
    record = ScreeningRecord(date=TAKEN, tier="none", responder="extension")
    save_profile(resolve_paths(isolated_home), Profile(screening=record))


async def preview_rested(pilot: Pilot[Any]) -> None:
    """On the wide library, wait until the preview shows the highlighted exercise (it
    follows once the highlight rests, on a short timer of the screen's own)."""
    screen = pilot.app.screen
    if not isinstance(screen, LibraryScreen) or not screen.query("#preview-pose"):
        return  # not the library, or too narrow for a preview
    highlighted = screen.query_one(ExerciseTable).highlighted
    pose = screen.query_one("#preview-pose", PoseView)
    await wait_until(
        pilot,
        lambda: highlighted is None or pose.pose == highlighted.exercise.pose,
        "the preview shows the highlighted exercise",
    )


def typing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that presses `keys`, then holds every pose on its first frame.

    The detail animates its pose on a timer; a snapshot must not depend on when it is taken.
    """

    async def run_before(pilot: Pilot[Any]) -> None:
        for key in keys:
            await pilot.press(key)
        await preview_rested(pilot)
        for view in pilot.app.screen.query(PoseView):
            view.playing = False
            view.frame_index = 0
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_library(snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]) -> None:
    app = make_app(isolated_home, "library")
    assert snap_compare(app, terminal_size=size, run_before=typing("down", "down"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_library_filtered_safe_for_me(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home, "library")
    assert snap_compare(app, terminal_size=size, run_before=typing("f2", "f4", "p", "o"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_cat_cow_detail(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home, "library")
    assert snap_compare(app, terminal_size=size, run_before=typing("c", "a", "t", "enter"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_pigeon_pose_detail_right_side(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home, "library")
    keys = ("p", "i", "g", "enter", "x")
    assert snap_compare(app, terminal_size=size, run_before=typing(*keys))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_add_to_routine_dialog(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home, "library")
    keys = ("c", "o", "b", "enter", "a", "M", "o", "r", "n")
    assert snap_compare(app, terminal_size=size, run_before=typing(*keys))
