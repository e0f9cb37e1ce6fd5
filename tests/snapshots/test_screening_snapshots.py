"""How the screening looks: the first question and result pages, at 80x24 and 120x40, and
the warning-sign check before a session."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from stretch_tui.domain.screening import load_questionnaire
from stretch_tui.screens import screening as screening_module
from stretch_tui.screens.screening import ScreeningScreen
from tests.appkit import SIZES, make_app

SnapCompare = Callable[..., bool]
TAKEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
QUESTIONNAIRE = load_questionnaire()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The result page shows the screening's date; pin it."""
    monkeypatch.setattr(screening_module, "now", lambda: TAKEN)


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that presses `keys` one by one and lets the screen settle."""

    async def run_before(pilot: Pilot[Any]) -> None:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


def keys_for(*yes: str, directions: bool) -> list[str]:
    questions = [*QUESTIONNAIRE.red_flags, *(QUESTIONNAIRE.directions if directions else ())]
    return ["y" if q.id in yes else "n" for q in questions]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_first_question(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home, "screening")
    assert snap_compare(app, terminal_size=size, run_before=pressing())


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_emergency_result(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home, "screening")
    keys = keys_for("bladder-bowel", "fever-unwell", directions=False)
    assert snap_compare(app, terminal_size=size, run_before=pressing(*keys))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_extension_result(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home, "screening")
    keys = keys_for("sitting-worse", "bending-worse", "arching-eases", directions=True)
    assert snap_compare(app, terminal_size=size, run_before=pressing(*keys, "enter"))


def before_session(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A `run_before` that opens the check before a session over Home, then presses `keys`."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.push_screen(ScreeningScreen(before_session=True))
        await pilot.pause()
        await pressing(*keys)(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_before_a_first_session(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home)
    assert snap_compare(app, terminal_size=size, run_before=before_session())


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_soon_result_before_a_session(
    snap_compare: SnapCompare, isolated_home: Path, size: tuple[int, int]
) -> None:
    app = make_app(isolated_home)
    keys = keys_for("age-new-episode", directions=False)
    assert snap_compare(app, terminal_size=size, run_before=before_session(*keys))
