"""The runner moves a dynamic pose through in-between drawings on the session's clock, and
holds it still under reduced motion (docs/product.md 3.3 and 6)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.exercise import Pose, mirror_frame
from stretch_tui.screens.session import SessionScreen
from stretch_tui.widgets.pose_view import TICKS_PER_FRAME, PoseView
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


class PoseApp(App[None]):
    """A bare app showing one pose, its own timer stopped (the test turns it)."""

    def __init__(self, pose: Pose) -> None:
        super().__init__()
        self.pose = pose

    def compose(self) -> ComposeResult:
        yield PoseView(self.pose, interval=None)


async def test_the_pose_view_moves_through_in_betweens_and_holds_each_key() -> None:
    pose = load_shipped_catalog().exercises["glute-bridge"].pose
    down, up = (frame.art for frame in pose.frames)
    async with PoseApp(pose).run_test(size=(60, 20)) as pilot:
        view = pilot.app.query_one(PoseView)
        drawn = []
        for _ in range(3 * TICKS_PER_FRAME):
            view.move()
            drawn.append(view.current_art)
        await pilot.pause()
        # Ticks 1-10: the start position, held; then up early in the second phase, and held.
        assert drawn[:10] == [down] * 10
        first_up = drawn.index(up)
        last_down = max(index for index in range(first_up) if drawn[index] == down)
        rising = drawn[last_down + 1 : first_up]
        assert all(art in pose.motion and art not in (down, up) for art in rising)
        assert len(set(rising)) >= 3
        assert first_up < 2 * TICKS_PER_FRAME
        assert drawn[first_up : 2 * TICKS_PER_FRAME] == [up] * (2 * TICKS_PER_FRAME - first_up)
        # Round again: down through in-betweens, and held down at the end.
        assert any(art not in (down, up) for art in drawn[2 * TICKS_PER_FRAME :])
        assert drawn[-1] == down


async def test_setting_a_frame_draws_that_frame_even_mid_movement() -> None:
    pose = load_shipped_catalog().exercises["cat-cow"].pose
    async with PoseApp(pose).run_test(size=(60, 20)) as pilot:
        view = pilot.app.query_one(PoseView)
        for _ in range(TICKS_PER_FRAME + 2):  # moving from the cow back to the cat
            view.move()
        assert view.frame_index == 1 or view.current_art not in {f.art for f in pose.frames}
        view.frame_index = view.frame_index  # the same index: still snaps to its frame
        await pilot.pause()
        assert view.current_art == pose.frames[view.frame_index].art
        assert pose.frames[view.frame_index].art.split("\n")[0].strip() in str(view.render())


async def test_the_right_side_draws_each_in_between_mirrored() -> None:
    pose = load_shipped_catalog().exercises["lumbar-trunk-rotation"].pose
    async with PoseApp(pose).run_test(size=(60, 20)) as pilot:
        view = pilot.app.query_one(PoseView)
        view.side = "right"
        view.position = 0.6
        await pilot.pause()
        assert view.current_art == mirror_frame(pose.art_at(0.6))
        assert view.current_art not in {mirror_frame(f.art) for f in pose.frames}
