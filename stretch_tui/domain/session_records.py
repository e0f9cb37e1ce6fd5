"""What a session did, per exercise and side, as history keeps it (docs/product.md 8).

The session clock keeps each step's longest run and what happened to each exercise; this
module turns that into `ExerciseRecord`s.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from stretch_tui.domain.history import ExerciseRecord, Outcome, Side, Symptom
from stretch_tui.domain.session_plan import (
    NANOS_PER_SECOND,
    Step,
    seconds_by_side,
    units_done,
)


def exercise_records(
    steps: Sequence[Step],
    best: Sequence[int],
    reached: Sequence[bool],
    stopped: Collection[int],
    hurt: Collection[tuple[int, Side]],
    symptoms: Mapping[int, Symptom],
) -> list[ExerciseRecord]:
    """What was done, per exercise and side, for history.

    `best` is each step's longest run (ns), `reached` whether the session got to it;
    `stopped` the items stopped early, `hurt` the (item, side) pairs that hurt, `symptoms`
    the leg-symptom answers by item.

    Covers every exercise the session reached or skipped; the ones after the point where it
    stopped are left out. `done_seconds` counts each step's longest run (a restarted step
    counts once); `outcome` is `hurt` for the side that hurt, `done` when at least half the
    planned time was done, and `skipped` otherwise.
    """
    planned, exercise_of = planned_work(steps)
    done: dict[tuple[int, Side], float] = dict.fromkeys(planned, 0.0)
    reps: dict[tuple[int, Side], int] = dict.fromkeys(planned, 0)
    touched: set[int] = set(stopped)
    for index, step in enumerate(steps):
        if not step.is_work:
            continue
        item = step.item_index
        if reached[index] or best[index]:
            touched.add(item)
        best_seconds = best[index] / NANOS_PER_SECOND
        for side, seconds in seconds_by_side(step, best_seconds).items():
            done[(item, side)] += seconds
        for side, count in units_done(step, best_seconds).items():
            reps[(item, side)] += count
    result = []
    for key in planned:
        item, side = key
        if item not in touched:
            continue
        outcome: Outcome
        if key in hurt:
            outcome = "hurt"
        elif planned[key] > 0 and done[key] * 2 >= planned[key]:
            outcome = "done"
        else:
            outcome = "skipped"
        result.append(
            ExerciseRecord(
                id=exercise_of[item],
                side=side,
                planned_seconds=whole_seconds(planned[key]),
                done_seconds=whole_seconds(done[key]),
                reps_done=reps[key],
                outcome=outcome,
                symptom=symptoms.get(item),
            )
        )
    return result


def record_sides(step: Step) -> set[Side]:
    """The side(s) a work step is recorded under (an alternating step counts for both)."""
    if step.side == "alternate":
        return {"left", "right"}
    return {step.side}


def planned_work(
    steps: Sequence[Step],
) -> tuple[dict[tuple[int, Side], float], dict[int, str]]:
    """The planned seconds of work per (routine item, side), in the plan's order, and each
    item's exercise: what history records as `planned_seconds` and what `stretch-tui plan`
    shows, worked out once."""
    planned: dict[tuple[int, Side], float] = {}
    exercise_of: dict[int, str] = {}
    for step in steps:
        if not step.is_work:
            continue
        exercise_of.setdefault(step.item_index, step.exercise_id)
        for side, seconds in seconds_by_side(step, step.seconds).items():
            key = (step.item_index, side)
            planned[key] = planned.get(key, 0.0) + seconds
    return planned, exercise_of


def whole_seconds(seconds: float) -> int:
    """Seconds rounded half up to a whole number (history keeps whole seconds)."""
    return int(seconds + 0.5)
