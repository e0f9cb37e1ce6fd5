"""The runner moves a dynamic pose through in-between drawings on the session's clock, and
holds it still under reduced motion (docs/product.md 3.3 and 6)."""

from __future__ import annotations

from pathlib import Path

from stretch_tui.screens.session import SessionScreen
from stretch_tui.widgets.pose_view import PoseView
from stretch_tui.widgets.rep_pacer import RepPacer
from tests.sessionkit import FakeClock, RecordingPlayer, prepare_home, run_for, session_app

SIZE = (80, 24)

CAT_COW_ROUTINE = """\
schema_version = 1
id = "cat-cow-only"
name = "Cat-cow only"
lead_in_seconds = 3
rest_seconds = 4

[[items]]
exercise = "cat-cow"
cycles = 2
"""
"""Lead-in 3 s, then cat-cow: 5 s as the cat, 5 s into the cow, twice."""


async def test_the_runner_draws_in_between_frames_mid_movement(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home, CAT_COW_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "cat-cow-only", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("4")
        await pilot.pause()
        pose = app.state.catalog.exercises["cat-cow"].pose
        view = screen.query_one("#runner-pose", PoseView)
        cat, cow = (frame.art for frame in pose.frames)

        await run_for(pilot, screen, clock, 3 + 4)  # 4 s into the cat: held
        assert view.current_art == cat

        await run_for(pilot, screen, clock, 2.5)  # 1.5 s into the cow's phase: moving
        moving = view.current_art
        assert moving not in (cat, cow)
        assert moving in pose.motion
        drawn = str(view.render())
        assert all(line.strip() in drawn for line in moving.split("\n"))
        assert screen.query_one(RepPacer).cue.startswith("Cow")  # the cue of the phase moved into

        await run_for(pilot, screen, clock, 0.5)  # further on: another in-between drawing
        assert view.current_art not in (cat, cow, moving)

        await run_for(pilot, screen, clock, 2.0)  # 4 s into the cow's phase: held
        assert view.current_art == cow


async def test_reduced_motion_keeps_the_runner_pose_still(
    isolated_home: Path, player: RecordingPlayer
) -> None:
    prepare_home(isolated_home, CAT_COW_ROUTINE, reduced_motion=True)
    clock = FakeClock()
    app = session_app(isolated_home, "cat-cow-only", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("4")
        await pilot.pause()
        pose = app.state.catalog.exercises["cat-cow"].pose
        view = screen.query_one("#runner-pose", PoseView)
        seen = set()
        for _ in range(16):
            await run_for(pilot, screen, clock, 0.5)
            seen.add(view.current_art)
        assert seen == {pose.frames[0].art}
