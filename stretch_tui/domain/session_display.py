"""What the session runner shows, worked out from the clock's numbers (pure, no Textual).

The runner redraws only what changed: every value here is coarse on purpose (whole seconds,
whole minutes, a bar in fixed steps), so that during a hold the screen changes about once a
second and the bytes sent to the terminal stay small over SSH (docs/product.md 10).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Final

from stretch_tui.domain.session_plan import Phase, PhaseSide, SessionPlan, Step, StepSide

SIDE_LABELS: Final[dict[str, str]] = {
    "both": "",
    "left": "LEFT side",
    "right": "RIGHT side",
    "alternate": "alternating sides",
}
"""How the runner names a side next to the exercise."""

_UNIT_NAMES: Final = {"breaths": "Breath", "reps": "Rep", "cycles": "Cycle"}
_EPSILON: Final = 1e-6


def seconds_shown(remaining: float) -> int:
    """The whole seconds a countdown shows: rounded up, so it reads 0 only at the very end."""
    return max(math.ceil(remaining - _EPSILON), 0)


def format_clock(seconds: int) -> str:
    """`m:ss` (or `h:mm:ss` from an hour), for the big countdown."""
    minutes, secs = divmod(max(seconds, 0), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def minutes_left(seconds: float) -> str:
    """The session's time left in whole minutes (changes once a minute, not every second)."""
    if seconds <= _EPSILON:
        return "done"
    if seconds < 60:
        return "under 1 min left"
    return f"{math.ceil(seconds / 60 - _EPSILON)} min left"


def quantized(fraction: float, steps: int) -> float:
    """`fraction` (0 to 1) rounded down to a multiple of 1/`steps`, so a bar repaints only
    when it visibly moves."""
    clamped = min(max(fraction, 0.0), 1.0)
    return math.floor(clamped * steps + _EPSILON) / steps


def side_label(side: StepSide | PhaseSide) -> str:
    """`LEFT side`, `RIGHT side`, `alternating sides`, or empty for both sides at once."""
    return SIDE_LABELS[side]


def heading(step: Step, exercise_name: str) -> str:
    """The line above the instruction: the exercise, or what the pause between is for."""
    match step.kind:
        case "lead-in":
            return f"Get ready: {exercise_name}"
        case "rest":
            return f"Rest, then {exercise_name}"
        case "switch":
            return f"Switch sides: {exercise_name}"
        case "release":
            return f"Release: {exercise_name}"
        case _:
            return exercise_name


def instruction_text(step: Step) -> str:
    """The step's instruction, and under it, on the first turn of an exercise whose dose is a
    default rather than the article's, the one line that says so."""
    if step.dose_note:
        return f"{step.instruction}\n{step.dose_note}"
    return step.instruction


def counter(step: Step, phase: Phase) -> str:
    """The repetition pacer's line: `Hold 1 of 2`, `Rep 3 of 10`, `Cycle 2 of 6`, ... ; empty
    when nothing is counted (a lead-in, a rest, a single hold, a long timer)."""
    if not step.is_work or phase.reps_total <= 1:
        return ""
    unit = _UNIT_NAMES.get(step.pacing.mode, "Hold")
    text = f"{unit} {phase.rep_index + 1} of {phase.reps_total}"
    if step.pacing.alternate:
        text += f", {phase.side} side"
    return text


def step_count(step_seconds: float, shown_left: int) -> str:
    """`12 of 30 s`: whole seconds done of the step (moves with the countdown)."""
    total = seconds_shown(step_seconds)
    return f"{max(total - shown_left, 0)} of {total} s"


def exercise_position(steps: tuple[Step, ...], index: int) -> tuple[int, int]:
    """(which exercise, how many) for step `index`: lead-ins and rests count as the exercise
    they lead into. (0, n) when `index` is past the end."""
    items: list[int] = []
    for step in steps:
        if step.item_index not in items:
            items.append(step.item_index)
    if index >= len(steps):
        return 0, len(items)
    return items.index(steps[index].item_index) + 1, len(items)


def plan_overview(plan: SessionPlan, exercise_name: Callable[[str], str]) -> str:
    """What the page before the session says is coming: the routine, how many exercises and
    minutes, their names, and any the catalog lacks."""
    names: list[str] = []
    for step in plan.steps:
        name = exercise_name(step.exercise_id)
        if step.is_work and name not in names:
            names.append(name)
    minutes = max(1, round(plan.total_seconds / 60))
    count = len(names)
    text = (
        f"{plan.routine_name}: {count} exercise{'s' if count != 1 else ''}, "
        f"about {minutes} min.\n{', '.join(names)}."
    )
    if plan.missing:
        text += f"\nNot in the catalog, left out: {', '.join(plan.missing)}."
    return text


def resume_summary(
    plan: SessionPlan, step: Step | None, phase: Phase | None, remaining: float
) -> str:
    """Where a session cut off stands, for the offer to resume it: `Quick check: Cobra, hold 1
    of 2, 22 s left`."""
    if step is None:
        return f"{plan.routine_name}: at its end"
    count = counter(step, phase).lower() if phase is not None else ""
    # A hold's title already counts it ("hold 1 of 2"); breaths, reps and cycles count here.
    where = f"{step.title}, {count}" if count and count not in step.title.lower() else step.title
    return f"{plan.routine_name}: {where}, {seconds_shown(remaining)} s left"
