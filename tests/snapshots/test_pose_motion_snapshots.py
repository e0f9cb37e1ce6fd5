"""How the runner looks in the middle of a movement: an in-between drawing (fake clock)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.sound.player import CuePlayer
from tests.app.test_pose_motion_app import CAT_COW_ROUTINE
from tests.sessionkit import (
    FakeClock,
    RecordingPlayer,
    follow_wall_clock,
    prepare_home,
    session_app,
)
from tests.snapshots.test_session_snapshots import SnapCompare, session_until

BRIDGE_ROUTINE = """\
schema_version = 1
id = "bridge-only"
name = "Glute bridge only"
lead_in_seconds = 3
rest_seconds = 4

[[items]]
exercise = "glute-bridge"
reps = 3
"""
"""Lead-in 3 s, then bridges of 4 s: 2 s down, 2 s up."""


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No cue reaches a sound device."""
    monkeypatch.setattr(CuePlayer, "from_preferences", lambda *a, **k: RecordingPlayer())


def test_runner_mid_cat_to_cow(
    snap_compare: SnapCompare, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_home(isolated_home, CAT_COW_ROUTINE)
    clock = FakeClock()
    follow_wall_clock(monkeypatch, clock)
    app = session_app(isolated_home, "cat-cow-only", clock)
    # Lead-in 3, the cat 5, then 1.5 s of the 3 s move into the cow.
    assert snap_compare(app, terminal_size=(80, 24), run_before=session_until(clock, 9.5))


def test_runner_mid_bridge_lift(
    snap_compare: SnapCompare, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepare_home(isolated_home, BRIDGE_ROUTINE)
    clock = FakeClock()
    follow_wall_clock(monkeypatch, clock)
    app = session_app(isolated_home, "bridge-only", clock)
    # Lead-in 3, down 2, then 0.5 s of the 1.2 s lift.
    assert snap_compare(app, terminal_size=(80, 24), run_before=session_until(clock, 5.5))
