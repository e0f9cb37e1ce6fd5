"""What the runner shows, worked out from the clock: coarse values that change rarely."""

from __future__ import annotations

import pytest

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import Routine, RoutineItem
from stretch_tui.domain.session_display import (
    counter,
    exercise_position,
    format_clock,
    heading,
    minutes_left,
    plan_overview,
    quantized,
    resume_summary,
    seconds_shown,
    side_label,
    step_count,
)
from stretch_tui.domain.session_plan import phase_at, plan_session
from stretch_tui.widgets.breath_pacer import pacer_parts
from tests.unit.session.helpers import routine_of


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [(30.0, 30), (29.95, 30), (29.0, 29), (0.4, 1), (0.0, 0), (-1.0, 0)],
)
def test_the_countdown_rounds_up_so_zero_shows_only_at_the_end(
    remaining: float, shown: int
) -> None:
    assert seconds_shown(remaining) == shown


def test_clock_format() -> None:
    assert [format_clock(s) for s in (0, 9, 18, 75, 600, 3725)] == [
        "0:00",
        "0:09",
        "0:18",
        "1:15",
        "10:00",
        "1:02:05",
    ]


def test_session_time_left_changes_once_a_minute() -> None:
    assert minutes_left(400.0) == minutes_left(361.0) == "7 min left"
    assert minutes_left(360.0) == "6 min left"
    assert minutes_left(59.0) == "under 1 min left"
    assert minutes_left(0.0) == "done"


def test_bars_move_in_whole_steps() -> None:
    assert quantized(0.499, 50) == 0.48
    assert quantized(0.5, 50) == 0.5
    assert quantized(1.3, 100) == 1.0 and quantized(-0.2, 100) == 0.0
    shown = {quantized(second / 600, 100) for second in range(601)}
    assert len(shown) == 101  # a ten-minute session repaints its bar 100 times, not 600


def test_step_count_moves_with_the_countdown() -> None:
    assert step_count(30.0, 30) == "0 of 30 s"
    assert step_count(30.0, 18) == "12 of 30 s"


def test_side_labels() -> None:
    assert side_label("left") == "LEFT side" and side_label("right") == "RIGHT side"
    assert side_label("both") == ""


def test_headings_and_counters_of_a_one_sided_hold(catalog: Catalog) -> None:
    routine = routine_of(RoutineItem("lumbar-trunk-rotation", seconds=20, reps=2))
    plan = plan_session(routine, catalog, Preferences())
    lead_in, first_hold = plan.steps[0], plan.steps[1]
    assert heading(lead_in, "Lumbar trunk rotation") == "Get ready: Lumbar trunk rotation"
    assert heading(first_hold, "Lumbar trunk rotation") == "Lumbar trunk rotation"
    assert counter(first_hold, phase_at(first_hold, 3.0)) == "Hold 1 of 2"
    assert counter(lead_in, phase_at(lead_in, 1.0)) == ""
    switch = next(step for step in plan.steps if step.kind == "switch")
    assert heading(switch, "Lumbar trunk rotation").startswith("Switch sides")


def test_counters_of_cycles_and_repetitions(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cat-cow", "glute-bridge"), catalog, Preferences())
    cycles = next(s for s in plan.steps if s.is_work and s.exercise_id == "cat-cow")
    reps = next(s for s in plan.steps if s.is_work and s.exercise_id == "glute-bridge")
    assert counter(cycles, phase_at(cycles, 12.0)) == "Cycle 2 of 6"
    assert counter(reps, phase_at(reps, 0.5)) == "Rep 1 of 10"


def test_exercise_position_counts_lead_ins_with_their_exercise(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cat-cow", "glute-bridge"), catalog, Preferences())
    positions = [exercise_position(plan.steps, i) for i in range(len(plan.steps))]
    assert positions[0] == (1, 2)  # the lead-in
    assert positions[-1] == (2, 2)
    assert exercise_position(plan.steps, len(plan.steps)) == (0, 2)


def test_breath_pacer_fills_the_current_half() -> None:
    parts = pacer_parts("in", 1, 4, 6)
    assert "".join(text for text, _ in parts) == "breathe in ●●··  out ······"
    assert [current for _, current in parts] == [False, True, False, False]
    assert "".join(text for text, _ in pacer_parts("out", 5, 4, 6)).endswith("out ●●●●●●")
    assert pacer_parts("", 0, 4, 6) == []


def test_the_page_before_names_each_exercise_once_and_the_missing_ones(catalog: Catalog) -> None:
    routine = routine_of(
        RoutineItem("lumbar-trunk-rotation", seconds=30, reps=1), "no-such-exercise", "cat-cow"
    )
    plan = plan_session(routine, catalog, Preferences())
    text = plan_overview(plan, lambda exercise_id: exercise_id.upper())
    first, names, missing = text.split("\n")
    minutes = max(1, round(plan.total_seconds / 60))
    assert first == f"Test: 2 exercises, about {minutes} min."
    assert names == "LUMBAR-TRUNK-ROTATION, CAT-COW."  # both sides: named once
    assert missing == "Not in the catalog, left out: no-such-exercise."
    single = Routine(id="one", name="One", items=(RoutineItem("cat-cow"),))
    one = plan_session(single, catalog, Preferences())
    assert plan_overview(one, str).startswith("One: 1 exercise, about")


def test_the_offer_to_resume_says_where_the_session_stands(catalog: Catalog) -> None:
    plan = plan_session(
        routine_of(RoutineItem("lumbar-trunk-rotation", seconds=20, reps=2), "cat-cow"),
        catalog,
        Preferences(),
    )
    hold = plan.steps[1]
    cycles = next(s for s in plan.steps if s.is_work and s.exercise_id == "cat-cow")
    text = resume_summary(plan, hold, phase_at(hold, 3.0), 17.2)
    assert text == f"Test: {hold.title}, 18 s left"
    assert text.lower().count("hold 1 of 2") <= 1  # a hold's title counts it already
    text = resume_summary(plan, cycles, phase_at(cycles, 12.0), 48.0)
    assert text == f"Test: {cycles.title}, cycle 2 of 6, 48 s left"
    assert resume_summary(plan, None, None, 0.0) == "Test: at its end"
