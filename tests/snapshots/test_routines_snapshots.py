"""How the routines list, the routine editor and its dialogs look, at 80x24 and 120x40."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.domain.routine import Routine, RoutineItem
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile
from stretch_tui.storage.routine_edit import save_routine
from tests.appkit import SIZES, make_app

SnapCompare = Callable[..., bool]
SIZE_IDS = [f"{width}x{height}" for width, height in SIZES]
TAKEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
DOWN_TO_EVENING = ("down",) * 5
"""From the recommended routine past the four built-ins to the user's routine."""


@pytest.fixture(autouse=True)
def extension_responder_with_a_routine(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An extension responder with a routine of their own that holds child's pose (avoid).

    HOME is the home's parent, so the file's path shows as `~/stretch-home/...` in every run.
    """
    monkeypatch.setenv("HOME", str(isolated_home.parent))
    paths = resolve_paths(isolated_home)
    record = ScreeningRecord(date=TAKEN, tier="none", responder="extension")
    save_profile(paths, Profile(screening=record))
    evening = Routine(
        id="evening",
        name="Evening wind-down",
        items=(
            RoutineItem("cat-cow", cycles=8),
            RoutineItem("childs-pose", seconds=45),
            RoutineItem("lumbar-trunk-rotation"),
            RoutineItem("pelvic-tilt", tempo_seconds=3.0),
        ),
        rest_seconds=15,
    )
    save_routine(paths, evening)


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that presses `keys` and lets the screen settle."""

    async def run_before(pilot: Pilot[Any]) -> None:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_routines_list(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home, "routines")
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_routines_list_avoid_warning(
    snap_compare: SnapCompare, isolated_home: Path, size: Any
) -> None:
    app = make_app(isolated_home, "routines")
    assert snap_compare(app, terminal_size=size, run_before=pressing(*DOWN_TO_EVENING))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_routine_editor(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home, "routines")
    keys = (*DOWN_TO_EVENING, "e", "down")
    assert snap_compare(app, terminal_size=size, run_before=pressing(*keys))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_new_routine_picker(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home, "routines")
    keys = ("n", "M", "o", "r", "n", "enter", "k", "n", "e", "e")
    assert snap_compare(app, terminal_size=size, run_before=pressing(*keys))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_dose_dialog(snap_compare: SnapCompare, isolated_home: Path, size: Any) -> None:
    app = make_app(isolated_home, "routines")
    keys = (*DOWN_TO_EVENING, "e", "enter", "tab", "1", "0", "0", "0", "enter")
    assert snap_compare(app, terminal_size=size, run_before=pressing(*keys))
