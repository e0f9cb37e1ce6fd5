"""The step list of a session: every dose kind, every `sides` value, and what each moment shows."""

from __future__ import annotations

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.domain.catalog import Catalog, load_shipped_catalog
from stretch_tui.domain.exercise import Dose
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import RoutineItem
from stretch_tui.domain.session_plan import (
    END_LABEL,
    RELEASE_SECONDS,
    SWITCH_SECONDS,
    Step,
    phase_at,
    plan_session,
    seconds_by_side,
    swap_sides,
    units_done,
)
from tests.unit.session.helpers import routine_of

PREFS = Preferences(inhale_seconds=4, exhale_seconds=6, lead_in_seconds=7, rest_seconds=12)
_SHIPPED = load_shipped_catalog()
EVERY_EXERCISE = plan_session(routine_of(*_SHIPPED.exercises), _SHIPPED, PREFS)


def shape(steps: tuple[Step, ...] | list[Step]) -> list[tuple[str, str, float]]:
    return [(step.kind, step.side, step.seconds) for step in steps]


def test_a_hold_on_both_sides_is_holds_with_a_release_between(catalog: Catalog) -> None:
    plan = plan_session(routine_of("childs-pose"), catalog, PREFS)
    assert shape(plan.steps) == [
        ("lead-in", "both", 5.0),
        ("work", "both", 30.0),
        ("release", "both", RELEASE_SECONDS),
        ("work", "both", 30.0),
    ]
    assert [step.title for step in plan.steps[1::2]] == [
        "Child's pose, hold 1 of 2",
        "Child's pose, hold 2 of 2",
    ]


def test_each_side_gives_left_a_switch_and_the_same_right(catalog: Catalog) -> None:
    plan = plan_session(routine_of("lumbar-trunk-rotation", lead_in=0), catalog, PREFS)
    assert shape(plan.steps) == [
        ("work", "left", 30.0),
        ("release", "left", RELEASE_SECONDS),
        ("work", "left", 30.0),
        ("switch", "right", SWITCH_SECONDS),
        ("work", "right", 30.0),
        ("release", "right", RELEASE_SECONDS),
        ("work", "right", 30.0),
    ]


@pytest.mark.parametrize(
    "exercise_id",
    ["lumbar-trunk-rotation", "pigeon-pose", "standing-quad-stretch", "seated-spinal-twist"],
)
@pytest.mark.parametrize(
    ("seconds", "reps"),
    [(None, None), (17, 3), (45, 1)],
)
def test_right_side_gets_exactly_the_same_time_as_left(
    catalog: Catalog, exercise_id: str, seconds: int | None, reps: int | None
) -> None:
    item = RoutineItem(exercise_id, seconds=seconds, reps=reps)
    plan = plan_session(routine_of(item), catalog, PREFS)
    left = [step for step in plan.steps if step.side == "left" and step.kind != "lead-in"]
    right = [step for step in plan.steps if step.side == "right" and step.kind != "switch"]
    assert [(s.kind, s.seconds) for s in left] == [(s.kind, s.seconds) for s in right]
    assert sum(s.seconds for s in left if s.is_work) == (seconds or 30) * (reps or 2)


def test_breaths_are_one_step_at_the_breathing_pace(catalog: Catalog) -> None:
    plan = plan_session(routine_of("goddess-pose", lead_in=0), catalog, PREFS)
    (step,) = plan.steps
    assert step.seconds == 8 * (4 + 6)
    assert phase_at(step, 0).breath == "in"
    assert phase_at(step, 3.9).breath == "in"
    assert phase_at(step, 4.0).breath == "out"
    assert phase_at(step, 9.9).breath == "out"
    assert phase_at(step, 10.0).breath == "in"
    assert phase_at(step, 10.0).rep_index == 1
    assert phase_at(step, 79.9).rep_index == 7
    assert phase_at(step, 79.9).reps_total == 8
    assert phase_at(step, 2.0).breath_fraction == pytest.approx(0.5)


def test_reps_are_one_step_of_reps_times_tempo(catalog: Catalog) -> None:
    plan = plan_session(routine_of("pelvic-tilt", lead_in=0), catalog, PREFS)
    (step,) = plan.steps
    assert step.seconds == 12 * 4
    assert [phase_at(step, t).rep_index for t in (0, 3.99, 4, 47.9)] == [0, 0, 1, 11]
    # Two frames: the first half of a repetition shows frame 0, the second half frame 1.
    assert [phase_at(step, t).frame_index for t in (0, 1.9, 2, 3.9, 4)] == [0, 0, 1, 1, 0]
    assert phase_at(step, 5).breath is None


def test_cycles_walk_the_frames_with_their_cues(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cat-cow", lead_in=0), catalog, PREFS)
    (step,) = plan.steps
    assert step.seconds == 6 * 2 * 5
    cat, cow = (frame.cue for frame in catalog.exercises["cat-cow"].pose.frames)
    assert [phase_at(step, t).cue for t in (0, 4.9, 5, 9.9, 10)] == [cat, cat, cow, cow, cat]
    assert [phase_at(step, t).rep_index for t in (0, 9.9, 10, 59.9)] == [0, 0, 1, 5]
    assert phase_at(step, 60).reps_total == 6


def test_a_duration_is_one_long_step(catalog: Catalog) -> None:
    plan = plan_session(routine_of("recumbent-bike", lead_in=0), catalog, PREFS)
    (step,) = plan.steps
    assert (step.kind, step.seconds) == ("work", 300.0)
    assert phase_at(step, 150).reps_total == 0


def test_alternate_holds_take_turns_with_a_switch_between(catalog: Catalog) -> None:
    routine = routine_of(RoutineItem("pigeon-pose", sides="alternate"), lead_in=0)
    plan = plan_session(routine, catalog, PREFS)
    assert shape(plan.steps) == [
        ("work", "left", 30.0),
        ("switch", "right", SWITCH_SECONDS),
        ("work", "right", 30.0),
        ("switch", "left", SWITCH_SECONDS),
        ("work", "left", 30.0),
        ("switch", "right", SWITCH_SECONDS),
        ("work", "right", 30.0),
    ]


def test_alternate_reps_change_side_every_repetition(catalog: Catalog) -> None:
    # No shipped exercise of these kinds is one-sided, so borrow one and change its dose.
    routine = routine_of(RoutineItem("lumbar-trunk-rotation", sides="alternate"), lead_in=0)
    exercise = catalog.exercises["lumbar-trunk-rotation"]
    reps = evolve(exercise, dose=Dose(kind="reps", sides="alternate", reps=5, tempo_seconds=3.0))
    local = Catalog(exercises={**catalog.exercises, exercise.id: reps}, problems=[])
    (step,) = plan_session(routine, local, PREFS).steps
    assert (step.side, step.seconds) == ("alternate", 2 * 5 * 3.0)
    sides = [phase_at(step, t).side for t in (0, 3, 6, 9, 29.9)]
    assert sides == ["left", "right", "left", "right", "right"]
    assert [phase_at(step, t).rep_index for t in (0, 3, 6, 29.9)] == [0, 0, 1, 4]
    assert phase_at(step, 0).reps_total == 5
    assert seconds_by_side(step, 7.5) == {"left": 4.5, "right": 3.0}
    assert units_done(step, 7.5) == {"left": 1, "right": 1}
    assert units_done(step, step.seconds) == {"left": 5, "right": 5}


def test_the_right_side_cue_says_right(catalog: Catalog) -> None:
    plan = plan_session(routine_of("lumbar-trunk-rotation", lead_in=0), catalog, PREFS)
    left, right = plan.steps[0], plan.steps[4]
    assert "left" in phase_at(left, 1).cue
    assert phase_at(right, 1).cue == swap_sides(phase_at(left, 1).cue)
    assert "right" in phase_at(right, 1).cue
    assert phase_at(right, 1).side == "right"


def test_a_hold_shows_the_held_frame_and_counts_the_holds(catalog: Catalog) -> None:
    plan = plan_session(routine_of("lumbar-trunk-rotation", lead_in=0), catalog, PREFS)
    first, release, second = plan.steps[:3]
    assert phase_at(first, 10).frame_index == 1
    assert phase_at(release, 1).frame_index == 0
    assert (phase_at(first, 10).rep_index, phase_at(first, 10).reps_total) == (0, 2)
    assert phase_at(second, 10).rep_index == 1
    assert phase_at(first, 5).breath == "out"


def test_rest_shows_what_comes_next(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cobra", "lumbar-trunk-rotation"), catalog, PREFS)
    rest = next(step for step in plan.steps if step.kind == "rest")
    assert rest.seconds == 10
    assert rest.exercise_id == "lumbar-trunk-rotation"
    assert rest.side == "left"
    assert rest.next_label == "Lumbar trunk rotation, left side, hold 1 of 2"
    assert "Next: Lumbar trunk rotation, left side." in rest.instruction
    first_step = catalog.exercises["lumbar-trunk-rotation"].steps[0]
    assert rest.upcoming == first_step and first_step in rest.instruction
    assert plan.steps[-1].next_label == END_LABEL


def test_lead_in_shows_the_first_exercise_and_its_first_step(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cat-cow", lead_in=None), catalog, PREFS)
    lead_in = plan.steps[0]
    assert (lead_in.kind, lead_in.seconds, lead_in.exercise_id) == ("lead-in", 7.0, "cat-cow")
    assert catalog.exercises["cat-cow"].steps[0] in lead_in.instruction


def test_timings_come_from_settings_unless_the_routine_says(catalog: Catalog) -> None:
    from_settings = plan_session(
        routine_of("cobra", "cat-cow", rest=None, lead_in=None), catalog, PREFS
    )
    assert [s.seconds for s in from_settings.steps if s.kind in ("lead-in", "rest")] == [7, 12]
    none = plan_session(routine_of("cobra", "cat-cow", rest=0, lead_in=0), catalog, PREFS)
    assert [s.kind for s in none.steps] == ["work", "release", "work", "work"]


def test_the_symptom_question_follows_extension_and_flexion_only(catalog: Catalog) -> None:
    plan = plan_session(
        routine_of("standing-hip-flexor-stretch", "cat-cow", "pelvic-tilt"), catalog, PREFS
    )
    asking = [(step.exercise_id, step.side) for step in plan.steps if step.asks_symptom]
    assert asking == [("standing-hip-flexor-stretch", "right"), ("pelvic-tilt", "both")]
    last_hip_flexor = max(
        i
        for i, s in enumerate(plan.steps)
        if s.exercise_id == "standing-hip-flexor-stretch" and s.is_work
    )
    assert plan.steps[last_hip_flexor].asks_symptom


def test_an_unknown_exercise_is_left_out_and_named(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cobra", "not-there"), catalog, PREFS)
    assert plan.missing == ("not-there",)
    assert {step.exercise_id for step in plan.steps} == {"cobra"}


def test_the_total_is_the_sum_of_the_steps(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cobra", "lumbar-trunk-rotation", "cat-cow"), catalog, PREFS)
    assert plan.total_seconds == sum(step.seconds for step in plan.steps)
    assert plan.start_of(2) == plan.steps[0].seconds + plan.steps[1].seconds
    assert plan.item_count == 3


def test_an_empty_routine_has_no_steps(catalog: Catalog) -> None:
    plan = plan_session(routine_of(), catalog, PREFS)
    assert plan.steps == ()
    assert plan.total_seconds == 0


@given(elapsed=st.floats(min_value=-5, max_value=400, allow_nan=False))
def test_a_phase_is_always_inside_its_step(elapsed: float) -> None:
    for step in EVERY_EXERCISE.steps:
        phase = phase_at(step, elapsed)
        assert 0 <= phase.frame_index < step.pacing.frames
        assert 0 <= phase.unit_fraction <= 1
        assert phase.reps_total == 0 or 0 <= phase.rep_index < phase.reps_total
