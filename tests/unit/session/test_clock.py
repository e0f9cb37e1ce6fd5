"""The session clock: exact to the end, pause-proof, navigable, and honest about what was done."""

from __future__ import annotations

import bisect
import tomllib

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from stretch_tui.domain.catalog import Catalog, load_shipped_catalog
from stretch_tui.domain.history import ExerciseRecord
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import RoutineItem
from stretch_tui.domain.session_clock import (
    AskSymptom,
    ExerciseStopped,
    SessionClock,
    SessionEvent,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from stretch_tui.domain.session_plan import SessionPlan, plan_session
from tests.unit.session.helpers import FakeClock, routine_of

PREFS = Preferences()
_SHIPPED = load_shipped_catalog()


def thirty_minute_plan(catalog: Catalog) -> SessionPlan:
    """Every beginner exercise once, padded to exactly 30 minutes with the bike."""
    ids = [
        e.id
        for e in catalog.exercises.values()
        if e.difficulty == "beginner" and e.id != "recumbent-bike"
    ]
    base = plan_session(routine_of(*ids), catalog, PREFS).total_seconds
    bike = RoutineItem("recumbent-bike", seconds=int(1800 - base - 10))
    plan = plan_session(routine_of(*ids, bike), catalog, PREFS)
    assert plan.total_seconds == 1800
    return plan


THIRTY = thirty_minute_plan(_SHIPPED)


def kinds(events: list[SessionEvent]) -> list[str]:
    return [type(event).__name__ for event in events]


def started_clock(plan: SessionPlan, fake: FakeClock) -> SessionClock:
    clock = SessionClock(plan, fake)
    events = clock.start()
    assert kinds(events) == ["StepStarted"]
    return clock


def at(clock: SessionClock, fake: FakeClock, start: float, seconds: float) -> list[SessionEvent]:
    """Move the fake clock to `seconds` after `start` and tick."""
    fake.now = start + seconds
    return clock.update()


def test_a_30_minute_session_ends_exactly_on_time(fake_clock: FakeClock) -> None:
    start = fake_clock.now
    clock = started_clock(THIRTY, fake_clock)
    tick = 0.0
    while tick < 1800:
        events = at(clock, fake_clock, start, tick)
        assert not any(isinstance(e, SessionFinished) for e in events)
        tick += 0.37  # an awkward interval, so ticks never fall on step boundaries
    at(clock, fake_clock, start, 1800 - 1e-6)
    assert not clock.is_finished
    assert clock.session_remaining == pytest.approx(1e-6, abs=1e-8)
    fake_clock.now = start + 1800
    events = clock.update()
    finished_at = fake_clock.now - start
    assert isinstance(events[-1], SessionFinished)
    assert finished_at == 1800
    assert clock.is_finished and clock.status == "completed"
    assert clock.session_elapsed == THIRTY.total_seconds == 1800
    assert clock.running_seconds == 1800
    assert clock.session_fraction == 1.0
    records = clock.records()
    assert all(r.outcome == "done" and r.done_seconds == r.planned_seconds for r in records)


def test_every_step_starts_exactly_where_the_plan_says(fake_clock: FakeClock) -> None:
    start = fake_clock.now
    clock = started_clock(THIRTY, fake_clock)
    for index in range(1, len(THIRTY.steps)):
        boundary = THIRTY.start_of(index)
        at(clock, fake_clock, start, boundary - 0.001)
        assert clock.index == index - 1
        events = at(clock, fake_clock, start, boundary)
        assert kinds(events)[-1] == "StepStarted"
        assert clock.index == index
        assert clock.step_elapsed == 0


@settings(max_examples=60, deadline=None)
@given(gaps=st.lists(st.floats(min_value=0.001, max_value=400), min_size=1, max_size=40))
def test_no_tick_schedule_changes_where_the_session_is(gaps: list[float]) -> None:
    fake = FakeClock(5000.0)
    start = fake.now
    clock = SessionClock(THIRTY, fake)
    clock.start()
    starts = [THIRTY.start_of(i) for i in range(len(THIRTY.steps))]
    moment = 0.0
    for gap in gaps:
        moment = min(moment + gap, 1799.0)
        events = at(clock, fake, start, moment)
        expected = bisect.bisect_right(starts, moment) - 1
        assert clock.index == expected
        assert clock.step_elapsed == pytest.approx(moment - starts[expected], abs=1e-6)
        assert clock.session_elapsed == pytest.approx(moment, abs=1e-6)
        assert not any(isinstance(e, SessionFinished) for e in events)
    # However it got here, the end is at exactly 30 minutes.
    at(clock, fake, start, 1800 - 1e-6)
    assert not clock.is_finished
    events = at(clock, fake, start, 1800)
    assert isinstance(events[-1], SessionFinished)
    assert clock.session_elapsed == 1800


def test_a_long_gap_carries_the_overshoot_through_several_steps(fake_clock: FakeClock) -> None:
    start = fake_clock.now
    clock = started_clock(THIRTY, fake_clock)
    target = THIRTY.start_of(7) + 3.5
    events = at(clock, fake_clock, start, target)
    # Child's pose (flexion) ends at step 5: its symptom question comes on the way.
    expected = ["StepFinished", "StepStarted"] * 7
    expected.insert(11, "AskSymptom")
    assert kinds(events) == expected
    assert [e.index for e in events if isinstance(e, StepStarted)] == list(range(1, 8))
    assert all(e.completed for e in events if isinstance(e, StepFinished))
    assert clock.index == 7
    assert clock.step_elapsed == pytest.approx(3.5)


def test_a_ten_minute_pause_loses_and_gains_nothing(fake_clock: FakeClock) -> None:
    start = fake_clock.now
    clock = started_clock(THIRTY, fake_clock)
    at(clock, fake_clock, start, 100.0)
    index, elapsed = clock.index, clock.step_elapsed
    clock.pause()
    assert clock.is_paused
    for minute in range(1, 11):
        assert at(clock, fake_clock, start, 100.0 + minute * 60) == []
        assert (clock.index, clock.step_elapsed) == (index, elapsed)
        assert clock.session_elapsed == pytest.approx(100.0)
    clock.resume()
    assert not clock.is_paused
    assert clock.step_elapsed == elapsed
    at(clock, fake_clock, start, 1800 + 600 - 1e-6)
    assert not clock.is_finished
    events = at(clock, fake_clock, start, 1800 + 600)
    assert events[-1] == SessionFinished()
    assert clock.session_elapsed == 1800
    assert clock.running_seconds == 1800


def test_next_previous_and_restart_land_on_the_right_step(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(routine_of("childs-pose", "cobra"), catalog, PREFS)
    # lead-in 5 | hold 30 | release 5 | hold 30 | rest 10 | hold 30 | release 5 | hold 30
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 5)
    assert clock.index == 1
    at(clock, fake_clock, start, 17)
    events = clock.next_step()
    assert events == [StepFinished(1, plan.steps[1], False), StepStarted(2, plan.steps[2])]
    assert clock.index == 2 and clock.step_elapsed == 0
    assert clock.session_elapsed == plan.start_of(2)
    at(clock, fake_clock, start, 19)
    assert clock.step_elapsed == 2
    assert kinds(clock.previous_step()) == ["StepFinished", "StepStarted"]
    assert clock.index == 1 and clock.step_elapsed == 0
    at(clock, fake_clock, start, 29)
    assert clock.step_elapsed == 10
    clock.restart_step()
    assert clock.index == 1 and clock.step_elapsed == 0
    at(clock, fake_clock, start, 29 + 30)
    assert clock.index == 2  # the restarted hold ran its full 30 s
    # From here on the rest of the timings follow the restart.
    assert clock.session_elapsed == plan.start_of(2)
    first = clock.records()[0]
    assert (first.id, first.done_seconds, first.reps_done) == ("childs-pose", 30, 1)


def test_previous_on_the_first_step_restarts_it(catalog: Catalog, fake_clock: FakeClock) -> None:
    plan = plan_session(routine_of("cobra"), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 3)
    clock.previous_step()
    assert clock.index == 0 and clock.step_elapsed == 0


def test_partial_time_is_kept_and_a_repeat_is_not_counted_twice(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(routine_of("cobra", lead_in=0), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 12)
    clock.next_step()  # leave hold 1 after 12 s
    at(clock, fake_clock, start, 13)
    clock.previous_step()  # back to hold 1
    at(clock, fake_clock, start, 13 + 20)
    clock.next_step()  # leave it after 20 s this time
    (record,) = clock.records()
    assert (record.planned_seconds, record.done_seconds, record.reps_done) == (60, 20, 0)
    assert record.outcome == "skipped"  # under half the planned time
    at(clock, fake_clock, start, 33 + 5)  # the release ran out
    at(clock, fake_clock, start, 38 + 30)  # hold 2 ran out: the end
    assert clock.is_finished
    (record,) = clock.records()
    assert (record.done_seconds, record.reps_done, record.outcome) == (50, 1, "done")


def test_skipping_every_step_ends_the_session(catalog: Catalog, fake_clock: FakeClock) -> None:
    plan = plan_session(routine_of("cobra", "cat-cow"), catalog, PREFS)
    clock = started_clock(plan, fake_clock)
    for _ in plan.steps:
        events = clock.next_step()
    assert events[-1] == SessionFinished()
    assert clock.current_step is None
    assert [(r.id, r.outcome, r.done_seconds) for r in clock.records()] == [
        ("cobra", "skipped", 0),
        ("cat-cow", "skipped", 0),
    ]


def test_quitting_keeps_what_was_done(catalog: Catalog, fake_clock: FakeClock) -> None:
    plan = plan_session(routine_of("cat-cow", "cobra", lead_in=0), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 40)
    before = clock.status
    clock.stop()
    assert (before, clock.status, clock.is_finished) == ("interrupted", "stopped", True)
    fake_clock.advance(100)
    assert clock.running_seconds == 40
    assert clock.session_elapsed == 40
    assert clock.records() == [
        ExerciseRecord("cat-cow", "both", 60, 40, 4, "done"),
    ]


def test_it_hurts_stops_the_exercise_both_sides(catalog: Catalog, fake_clock: FakeClock) -> None:
    plan = plan_session(routine_of("lumbar-trunk-rotation", "cobra"), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 5 + 10)  # 10 s into the first left hold
    events = clock.mark_hurt()
    assert events[0] == ExerciseStopped(0, "lumbar-trunk-rotation", "hurt")
    step = clock.current_step
    assert step is not None and (step.kind, step.exercise_id) == ("rest", "cobra")
    assert clock.step_elapsed == 0
    assert clock.session_remaining == plan.total_seconds - plan.start_of(plan.steps.index(step))
    records = clock.records()
    assert [(r.id, r.side, r.done_seconds, r.outcome) for r in records] == [
        ("lumbar-trunk-rotation", "left", 10, "hurt"),
        ("lumbar-trunk-rotation", "right", 0, "skipped"),
    ]
    finish = at(clock, fake_clock, start, 15 + 10 + 65)
    assert finish[-1] == SessionFinished()
    assert clock.records()[-1].outcome == "done"


def test_it_hurts_on_the_right_side_keeps_the_left_as_done(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(routine_of("lumbar-trunk-rotation", lead_in=0), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 65 + 5 + 3)  # 3 s into the right side
    events = clock.mark_hurt()
    assert events[-1] == SessionFinished()
    assert [(r.side, r.outcome) for r in clock.records()] == [("left", "done"), ("right", "hurt")]


def test_it_hurts_in_a_rest_means_the_exercise_just_done(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(routine_of("cobra", "cat-cow", lead_in=0), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 65 + 2)  # 2 s into the rest
    events = clock.mark_hurt()
    assert events == [ExerciseStopped(0, "cobra", "hurt")]
    assert clock.current_step is not None and clock.current_step.kind == "rest"
    assert clock.step_elapsed == 2
    assert clock.records()[0].outcome == "hurt"


def test_it_hurts_in_the_lead_in_skips_the_first_exercise(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(routine_of("cobra", "cat-cow"), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 2)
    clock.mark_hurt()
    step = clock.current_step
    # The lead-in carries on, now leading into cat-cow; cat-cow's own rest is dropped.
    assert step is not None and (step.kind, step.exercise_id) == ("lead-in", "cat-cow")
    assert clock.step_elapsed == 2
    assert clock.session_seconds == 5 + 60
    at(clock, fake_clock, start, 5)
    assert clock.current_step is not None and clock.current_step.exercise_id == "cat-cow"
    assert at(clock, fake_clock, start, 65)[-1] == SessionFinished()


def symptom_plan(catalog: Catalog) -> SessionPlan:
    return plan_session(
        routine_of("standing-lumbar-extension", "cat-cow", "sloppy-push-up", "pelvic-tilt"),
        catalog,
        PREFS,
    )


def test_the_symptom_question_comes_after_extension_and_flexion_work(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = symptom_plan(catalog)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    asked = []
    for second in range(int(plan.total_seconds) + 1):
        asked += [e for e in at(clock, fake_clock, start, second) if isinstance(e, AskSymptom)]
    assert asked == [
        AskSymptom(0, "standing-lumbar-extension"),
        AskSymptom(2, "sloppy-push-up"),
        AskSymptom(3, "pelvic-tilt"),
    ]


def test_no_question_for_an_exercise_that_was_skipped(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(routine_of("sloppy-push-up", lead_in=0), catalog, PREFS)
    clock = started_clock(plan, fake_clock)
    fake_clock.advance(1)
    assert kinds(clock.next_step()) == ["StepFinished", "SessionFinished"]


def test_worse_stops_that_direction_for_the_rest_of_the_session(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = symptom_plan(catalog)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    end_of_first = 5 + 40
    events = at(clock, fake_clock, start, end_of_first)
    assert AskSymptom(0, "standing-lumbar-extension") in events
    events = clock.record_symptom("standing-lumbar-extension", "worse")
    assert events == [ExerciseStopped(2, "sloppy-push-up", "direction")]
    # Cat-cow and the flexion exercise stay; the push-up and the rest before it go.
    assert clock.session_seconds == plan.total_seconds - 10 - 40
    ids = []
    second = end_of_first
    while not clock.is_finished:
        second += 1
        for event in at(clock, fake_clock, start, second):
            if isinstance(event, StepStarted):
                ids.append(event.step.exercise_id)
    assert "sloppy-push-up" not in ids
    assert second == plan.total_seconds - 50
    records = {r.id: r for r in clock.records()}
    assert records["standing-lumbar-extension"].symptom == "worse"
    assert records["sloppy-push-up"].outcome == "skipped"
    assert records["pelvic-tilt"].outcome == "done"


def test_worse_during_the_rest_before_that_direction_keeps_the_rest_going(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(
        routine_of("standing-lumbar-extension", "sloppy-push-up", "cat-cow"), catalog, PREFS
    )
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 45 + 4)  # 4 s into the rest before the push-up
    clock.record_symptom("standing-lumbar-extension", "worse")
    step = clock.current_step
    assert step is not None and (step.kind, step.exercise_id) == ("rest", "cat-cow")
    assert "Cat-cow" in step.instruction
    assert clock.next_label == "Cat-cow"
    assert clock.step_elapsed == 4
    assert at(clock, fake_clock, start, 45 + 10 + 60)[-1] == SessionFinished()


def test_better_and_same_change_nothing_but_the_record(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = symptom_plan(catalog)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 45)
    assert clock.record_symptom("standing-lumbar-extension", "better") == []
    assert clock.session_seconds == plan.total_seconds
    assert clock.records()[0].symptom == "better"


def test_the_state_survives_a_round_trip_through_toml(
    catalog: Catalog, fake_clock: FakeClock
) -> None:
    plan = plan_session(
        routine_of(
            "standing-lumbar-extension", "lumbar-trunk-rotation", "sloppy-push-up", "cat-cow"
        ),
        catalog,
        PREFS,
    )
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 45)
    clock.record_symptom("standing-lumbar-extension", "worse")
    at(clock, fake_clock, start, 55 + 12)
    clock.next_step()
    at(clock, fake_clock, start, 55 + 15)
    state = clock.to_state()
    text = tomli_w.dumps({"clock": state})
    restored_state = tomllib.loads(text)["clock"]
    assert restored_state == state

    other = FakeClock(77.0)
    restored = SessionClock.from_state(plan, restored_state, other)
    assert restored.is_paused
    assert (restored.index, restored.step_elapsed) == (clock.index, clock.step_elapsed)
    assert restored.session_elapsed == clock.session_elapsed
    assert restored.session_seconds == clock.session_seconds
    assert restored.records() == clock.records()
    assert restored.to_state()["step_elapsed"] == state["step_elapsed"]
    # Both run on to the same end.
    restored.resume()
    left = clock.session_remaining
    other.advance(left)
    assert restored.update()[-1] == SessionFinished()
    fake_clock.advance(left)
    assert clock.update()[-1] == SessionFinished()
    assert restored.records() == clock.records()
    assert restored.running_seconds == clock.running_seconds


def test_a_state_from_another_plan_is_refused(catalog: Catalog, fake_clock: FakeClock) -> None:
    one = plan_session(routine_of("cobra"), catalog, PREFS)
    two = plan_session(routine_of("cobra", "cat-cow"), catalog, PREFS)
    clock = started_clock(one, fake_clock)
    with pytest.raises(ValueError):
        SessionClock.from_state(two, clock.to_state(), fake_clock)
    broken = {**clock.to_state(), "step": 99}
    with pytest.raises(ValueError):
        SessionClock.from_state(one, broken, fake_clock)


def test_nothing_happens_before_the_start(catalog: Catalog, fake_clock: FakeClock) -> None:
    clock = SessionClock(plan_session(routine_of("cobra"), catalog, PREFS), fake_clock)
    assert clock.update() == [] and clock.next_step() == [] and clock.mark_hurt() == []
    assert clock.current_step is None and clock.session_elapsed == 0
    assert not clock.is_started


def test_an_empty_plan_finishes_at_once(catalog: Catalog, fake_clock: FakeClock) -> None:
    clock = SessionClock(plan_session(routine_of(), catalog, PREFS), fake_clock)
    assert clock.start() == [SessionFinished()]
    assert clock.is_finished and clock.session_fraction == 1.0


def test_the_phase_follows_the_clock(catalog: Catalog, fake_clock: FakeClock) -> None:
    plan = plan_session(routine_of("cat-cow", lead_in=0), catalog, PREFS)
    start = fake_clock.now
    clock = started_clock(plan, fake_clock)
    at(clock, fake_clock, start, 7)
    phase = clock.phase()
    assert phase is not None and (phase.frame_index, phase.rep_index) == (1, 0)
