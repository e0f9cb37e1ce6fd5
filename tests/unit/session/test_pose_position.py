"""Where the figure is during a step: it moves into each phase's frame in step with the
phases and the breath, and holds still otherwise (docs/product.md 3.3 and 6)."""

from __future__ import annotations

import pytest

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.figure import MOVE_SHARE, ease
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.session_plan import RELEASE_SECONDS, phase_at, plan_session
from tests.unit.session.helpers import routine_of

PREFS = Preferences(inhale_seconds=4, exhale_seconds=6, lead_in_seconds=7, rest_seconds=12)


def test_cycles_start_still_then_move_into_each_phase(catalog: Catalog) -> None:
    (step,) = plan_session(routine_of("cat-cow", lead_in=0), catalog, PREFS).steps
    # 5 s a phase: the cat is held at the very start, then the cow is reached 3 s into its phase.
    assert phase_at(step, 0).pose_position == 0.0
    assert phase_at(step, 4.9).pose_position == 0.0
    assert phase_at(step, 5.0).pose_position == 0.0
    assert phase_at(step, 5 + 5 * MOVE_SHARE / 2).pose_position == pytest.approx(0.5)
    assert phase_at(step, 9.0).pose_position == 1.0
    # The second cycle comes back from the cow to the cat.
    assert phase_at(step, 10 + 5 * MOVE_SHARE / 2).pose_position == pytest.approx(1.5)
    assert phase_at(step, 14.0).pose_position == 2.0  # the cat again (the loop wraps round)


def test_every_moment_of_a_repetition_lies_between_its_frames(catalog: Catalog) -> None:
    (step,) = plan_session(routine_of("glute-bridge", lead_in=0), catalog, PREFS).steps
    positions = [phase_at(step, t / 10).pose_position for t in range(0, int(step.seconds * 10))]
    assert all(0.0 <= position <= 2.0 for position in positions)
    in_between = {round(p, 3) for p in positions if p % 1}
    assert len(in_between) >= 3  # moving, not jumping


def test_a_hold_moves_in_on_the_first_breath_out(catalog: Catalog) -> None:
    plan = plan_session(routine_of("lumbar-trunk-rotation", lead_in=0), catalog, PREFS)
    hold, release = plan.steps[:2]
    assert phase_at(hold, 3.9).pose_position == 0.0  # breathing in, knees up
    assert phase_at(hold, 4 + 3).pose_position == pytest.approx(ease(0.5))
    assert phase_at(hold, 10).pose_position == 1.0  # held, knees down
    assert phase_at(hold, 25).pose_position == 1.0
    assert phase_at(release, 0).pose_position == 1.0
    assert 0.0 < phase_at(release, RELEASE_SECONDS * MOVE_SHARE / 2).pose_position < 1.0
    assert phase_at(release, RELEASE_SECONDS).pose_position == 0.0


def test_a_pose_of_one_frame_never_moves(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cobra", lead_in=0), catalog, PREFS)
    assert {phase_at(step, t).pose_position for step in plan.steps for t in (0, 3, 9)} == {0.0}
