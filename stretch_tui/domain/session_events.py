"""What the session clock reports: steps started and finished, questions to ask, exercises
stopped, the end (see `stretch_tui.domain.session_clock.SessionClock`)."""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from stretch_tui.domain.session_plan import Step

StopReason = Literal["hurt", "direction"]
"""Why an exercise was stopped: "it hurts", or a "worse" answer stopped its direction."""


@frozen
class StepStarted:
    """A step began: play the start cue (the switch cue for a `switch` step)."""

    index: int
    step: Step


@frozen
class StepFinished:
    """A step ended; `completed` is False when it was left before its time ran out."""

    index: int
    step: Step
    completed: bool


@frozen
class AskSymptom:
    """Ask the one-key question: did leg symptoms get better, stay the same or get worse?

    Comes after the last work step of an extension or flexion exercise that was done; answer
    with `SessionClock.record_symptom`. The clock does not wait for the answer.
    """

    item_index: int
    exercise_id: str


@frozen
class ExerciseStopped:
    """An exercise was stopped before its end (its remaining steps are skipped)."""

    item_index: int
    exercise_id: str
    reason: StopReason


@frozen
class SessionFinished:
    """The last step ended (or the remaining ones were all skipped)."""


SessionEvent = StepStarted | StepFinished | AskSymptom | ExerciseStopped | SessionFinished
"""Anything the clock reports, in the order it happened."""
