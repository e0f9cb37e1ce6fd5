"""The clock of a guided session: which step is on, how long it has left, what was done.

Pure: the time comes from an injected function (monotonic seconds), so tests pass a fake one
and never sleep. Time left is always worked out from the start reading and the paused time,
never by counting ticks: a step's end is `its start + its length`, and when the screen did not
tick for a while, `update()` ends every step whose time ran out and starts the next one at the
exact moment the previous ended, so the session ends exactly `plan.total_seconds` of running
time after it started, however the ticks fell. Readings are turned into whole nanoseconds
once, so no float error adds up over a session.

Every change made while the session runs first catches up on the steps whose time ran out
(`SessionClock._catch_up_then`). The events the clock returns live in `session_events`, and
the history records it gives in `session_records`.

Why this module is longer than 600 lines: `SessionClock` is one state machine, and every
method here reads or changes the same private step tables (longest runs, skipped, reached,
stopped, retargeted); `to_state`/`from_state` must see all of them. Split across modules,
those tables would have to become public.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar

from attrs import evolve

from stretch_tui.domain.history import ExerciseRecord, Side, Status, Symptom
from stretch_tui.domain.session_events import (
    AskSymptom,
    ExerciseStopped,
    SessionEvent,
    SessionFinished,
    StepFinished,
    StepStarted,
    StopReason,
)
from stretch_tui.domain.session_plan import (
    END_LABEL,
    NANOS_PER_SECOND,
    Phase,
    SessionPlan,
    Step,
    phase_at,
    to_nanos,
    waiting_instruction,
)
from stretch_tui.domain.session_records import exercise_records, record_sides

__all__ = [
    "STATE_VERSION",
    "AskSymptom",
    "ExerciseStopped",
    "SessionClock",
    "SessionEvent",
    "SessionFinished",
    "StepFinished",
    "StepStarted",
    "StopReason",
]
"""The events are defined in `session_events` and named here too: callers of the clock
import what it returns from the clock's module."""

STATE_VERSION: Final = 1
"""Version of the `to_state` dictionary."""


class SessionClock:
    """Walks through a session plan on an injected monotonic clock.

    Call `start()`, then `update()` on every screen tick; both return the events that happened
    (steps started and finished, questions to ask, the end). Navigation (`next_step`,
    `previous_step`, `restart_step`), `pause`/`resume`, `mark_hurt` and `skip_direction` work
    at any moment. `records()` gives what was done, per exercise and side, for history.

    `session_elapsed` is the position in the plan (the lengths of the steps before the current
    one plus the time into it); `running_seconds` is the time the session actually ran.
    """

    def __init__(self, plan: SessionPlan, clock: Callable[[], float] = time.monotonic) -> None:
        self.plan = plan
        self._clock = clock
        self._steps: list[Step] = list(plan.steps)
        self._lengths = [to_nanos(step.seconds) for step in plan.steps]
        count = len(self._steps)
        self._origin: int | None = None
        """The injected clock's reading at the start (or the restore), in nanoseconds: every
        reading is turned to whole nanoseconds before subtracting, so a restored clock adds up
        to exactly what the original would have (a difference of float readings rounds
        differently depending on where the readings lie)."""
        self._base = 0
        """Running nanoseconds carried over from a saved state."""
        self._paused_total = 0
        self._pause_began: int | None = None
        self._index = 0
        self._step_start = 0
        """Running time (ns) at which the current step started."""
        self._best = [0] * count
        """The longest run of each step (ns): a restarted or repeated step is not counted twice."""
        self._completed = [False] * count
        self._reached = [False] * count
        self._skipped = [False] * count
        """Steps dropped by `mark_hurt` or `skip_direction`."""
        self._stopped: dict[int, StopReason] = {}
        self._hurt: set[tuple[int, Side]] = set()
        self._symptoms: dict[int, Symptom] = {}
        self._asked: set[int] = set()
        self._retargeted: list[tuple[int, int]] = []
        self._ended = False
        self._quit = False
        self._final_running = 0
        """Running time (ns) when the session ended or was stopped."""
        self._final_position = 0
        """Position in the plan (ns) when the session was stopped."""

    # -- reading the time ---------------------------------------------------------------

    def _now(self) -> int:
        """Nanoseconds since the start reading, plus what a restored state had run."""
        if self._origin is None:
            return 0
        return to_nanos(self._clock()) - self._origin + self._base

    def _running(self, now: int) -> int:
        """Running time (ns): time since start minus every pause, the current one included."""
        paused = self._paused_total
        if self._pause_began is not None:
            paused += now - self._pause_began
        return now - paused

    def _elapsed_in_step(self, running: int) -> int:
        if self.is_finished:
            return 0
        return min(max(running - self._step_start, 0), self._lengths[self._index])

    # -- state ----------------------------------------------------------------------------

    @property
    def is_started(self) -> bool:
        """True once `start()` was called."""
        return self._origin is not None

    @property
    def is_paused(self) -> bool:
        """True while paused."""
        return self._pause_began is not None

    @property
    def is_finished(self) -> bool:
        """True when the session ran to its end or was stopped."""
        return self._ended or self._quit

    @property
    def status(self) -> Status:
        """`completed` after the end, `stopped` after `stop()`; `interrupted` while running (if
        the app dies now, that is what history should say)."""
        if self._quit:
            return "stopped"
        return "completed" if self._ended else "interrupted"

    @property
    def index(self) -> int:
        """The current step's index (len(plan.steps) once finished)."""
        return self._index

    @property
    def current_step(self) -> Step | None:
        """The step on now; None before the first step or after the last."""
        if not self.is_started or self.is_finished:
            return None
        return self._steps[self._index]

    def step_at(self, index: int) -> Step:
        """Step `index` as the session has it now (a rest may point at a later exercise after
        `skip_direction`)."""
        return self._steps[index]

    def is_skipped(self, index: int) -> bool:
        """True when step `index` was dropped by `mark_hurt` or `skip_direction`."""
        return self._skipped[index]

    @property
    def step_elapsed(self) -> float:
        """Seconds into the current step (at most its length)."""
        return self._elapsed_in_step(self._running(self._now())) / NANOS_PER_SECOND

    @property
    def step_remaining(self) -> float:
        """Seconds left in the current step."""
        if self.current_step is None:
            return 0.0
        left = self._lengths[self._index] - self._elapsed_in_step(self._running(self._now()))
        return left / NANOS_PER_SECOND

    def phase(self) -> Phase | None:
        """What the current step shows now (frame, cue, breath, count); None when no step."""
        step = self.current_step
        return None if step is None else phase_at(step, self.step_elapsed)

    def _session_position(self) -> int:
        if not self.is_started:
            return 0
        if self._ended:
            return self._session_length()
        if self._quit:
            return self._final_position
        return self._session_position_at(
            self._index, self._elapsed_in_step(self._running(self._now()))
        )

    def _session_position_at(self, index: int, elapsed: int) -> int:
        done = sum(
            length for step, length in enumerate(self._lengths[:index]) if not self._skipped[step]
        )
        return done + elapsed

    def _session_length(self) -> int:
        return sum(length for index, length in enumerate(self._lengths) if not self._skipped[index])

    @property
    def session_seconds(self) -> float:
        """The planned length without the skipped steps."""
        return self._session_length() / NANOS_PER_SECOND

    @property
    def session_elapsed(self) -> float:
        """Seconds of the plan behind us: earlier steps (not skipped) plus time into this one."""
        return self._session_position() / NANOS_PER_SECOND

    @property
    def session_remaining(self) -> float:
        """Seconds of the plan ahead, skipped steps left out."""
        if self.is_finished:
            return 0.0
        return (self._session_length() - self._session_position()) / NANOS_PER_SECOND

    @property
    def session_fraction(self) -> float:
        """0 to 1 through the session, for the session progress bar."""
        length = self._session_length()
        if self._ended or length == 0:
            return 1.0
        return min(self._session_position() / length, 1.0)

    @property
    def running_seconds(self) -> float:
        """Seconds the session has actually run, pauses left out (frozen once it is over)."""
        if self.is_finished:
            return self._final_running / NANOS_PER_SECOND
        return self._running(self._now()) / NANOS_PER_SECOND

    @property
    def next_label(self) -> str:
        """What comes after the current step: the next work step that is not skipped."""
        for index in range(self._index + 1, len(self._steps)):
            if not self._skipped[index] and self._steps[index].is_work:
                return self._steps[index].title
        return END_LABEL

    # -- running ------------------------------------------------------------------------

    def start(self) -> list[SessionEvent]:
        """Start the session now; returns the first step's start (or the end, for no steps)."""
        if self.is_started:
            return []
        self._origin = to_nanos(self._clock())
        return self._enter(self._first_active(0), 0)

    def pause(self) -> None:
        """Stop the clock; nothing runs out while paused."""
        if self.is_started and not self.is_finished and self._pause_began is None:
            self._pause_began = self._now()

    def resume(self) -> None:
        """Run on from where the pause began."""
        if self._pause_began is not None:
            self._paused_total += self._now() - self._pause_began
            self._pause_began = None

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused (the space key)."""
        if self.is_paused:
            self.resume()
        else:
            self.pause()

    def update(self) -> list[SessionEvent]:
        """End every step whose time has run out and start the next, at its exact start.

        Call it on every screen tick; a late tick (or none for minutes) loses nothing: the
        overshoot is carried into the following steps.
        """
        return self._catch_up_then(lambda running: [])

    tick = update
    """Another name for `update`."""

    def _catch_up_then(self, action: Callable[[int], list[SessionEvent]]) -> list[SessionEvent]:
        """What every change made while running starts with: end the steps whose time ran out
        (`_advance`), then, when the session is still on, do `action` at the running time
        (ns) of now. Returns the events of both; nothing before the start or after the end."""
        if not self.is_started or self.is_finished:
            return []
        running = self._running(self._now())
        events = self._advance(running)
        if self.is_finished:
            return events
        return events + action(running)

    def _advance(self, running: int) -> list[SessionEvent]:
        events: list[SessionEvent] = []
        while not self.is_finished:
            end = self._step_start + self._lengths[self._index]
            if running < end:
                break
            events += self._leave(self._lengths[self._index], forward=True)
            events += self._enter(self._next_active(self._index), end)
        return events

    def next_step(self) -> list[SessionEvent]:
        """Leave the current step now (its partial time is kept) and start the next one."""
        return self._jump(lambda index: self._next_active(index), forward=True)

    def previous_step(self) -> list[SessionEvent]:
        """Go back to the step before (from its beginning); on the first step, restart it."""

        def previous(index: int) -> int:
            for earlier in range(index - 1, -1, -1):
                if not self._skipped[earlier]:
                    return earlier
            return index

        return self._jump(previous, forward=False)

    def restart_step(self) -> list[SessionEvent]:
        """Start the current step again from its beginning."""
        return self._jump(lambda index: index, forward=False)

    def _jump(self, target: Callable[[int], int], *, forward: bool) -> list[SessionEvent]:
        def jump(running: int) -> list[SessionEvent]:
            events = self._leave(self._elapsed_in_step(running), forward=forward)
            return events + self._enter(target(self._index), running)

        return self._catch_up_then(jump)

    def stop(self) -> list[SessionEvent]:
        """End the session early (the user quit): keep the current step's partial time."""

        def stop(running: int) -> list[SessionEvent]:
            self._final_position = self._session_position()
            events = self._leave(self._elapsed_in_step(running), forward=False)
            self._quit = True
            self._final_running = running
            self._pause_began = None
            return events

        return self._catch_up_then(stop)

    def _leave(self, elapsed: int, *, forward: bool) -> list[SessionEvent]:
        index = self._index
        step = self._steps[index]
        self._best[index] = max(self._best[index], elapsed)
        completed = elapsed >= self._lengths[index]
        self._completed[index] = self._completed[index] or completed
        events: list[SessionEvent] = [StepFinished(index, step, completed)]
        item = step.item_index
        if (
            forward
            and step.asks_symptom
            and item not in self._asked
            and item not in self._stopped
            and self._item_was_done(item)
        ):
            self._asked.add(item)
            events.append(AskSymptom(item, step.exercise_id))
        return events

    def _enter(self, index: int, start: int) -> list[SessionEvent]:
        self._index = index
        self._step_start = start
        if index >= len(self._steps):
            self._ended = True
            self._final_running = start
            self._pause_began = None
            return [SessionFinished()]
        self._reached[index] = True
        return [StepStarted(index, self._steps[index])]

    def _first_active(self, index: int) -> int:
        while index < len(self._steps) and self._skipped[index]:
            index += 1
        return index

    def _next_active(self, index: int) -> int:
        return self._first_active(index + 1)

    # -- stopping exercises -------------------------------------------------------------

    def mark_hurt(self) -> list[SessionEvent]:
        """ "It hurts": stop the current exercise, skipping its remaining steps (the other side
        too), and record the side being worked as `hurt`.

        During a rest, it is the exercise just done that hurt (nothing is skipped: it is over);
        during the lead-in, the exercise about to start is stopped. Returns the events, with an
        `ExerciseStopped` naming the exercise (to offer leaving it out of future routines).
        """
        return self._catch_up_then(self._stop_hurting)

    def _stop_hurting(self, running: int) -> list[SessionEvent]:
        step = self._steps[self._index]
        if step.kind == "rest":
            item = self._previous_item(self._index)
            if item is None or item in self._stopped:
                return []
            self._stopped[item] = "hurt"
            self._hurt.update((item, side) for side in self._last_sides(item, self._index))
            return [ExerciseStopped(item, self._exercise_of(item), "hurt")]
        item = step.item_index
        self._stopped[item] = "hurt"
        self._hurt.update((item, side) for side in self._last_sides(item, self._index + 1))
        self._skip_items({item})
        events: list[SessionEvent] = [ExerciseStopped(item, step.exercise_id, "hurt")]
        return events + self._settle(running)

    def skip_direction(self, direction: str) -> list[SessionEvent]:
        """Skip every remaining exercise of `direction` (after a "worse" answer, docs/product.md 6).

        The exercise in progress stops too when it has that direction; one coming after a
        rest or the lead-in that is on now is dropped, and the rest then leads to the next
        exercise that stays.
        """

        def skip(running: int) -> list[SessionEvent]:
            current = self._steps[self._index].item_index
            items = {
                step.item_index
                for step in self._steps[self._index :]
                if step.item_index >= current
                and step.is_work
                and step.direction == direction
                and step.item_index not in self._stopped
            }
            events: list[SessionEvent] = []
            for item in sorted(items):
                self._stopped[item] = "direction"
                events.append(ExerciseStopped(item, self._exercise_of(item), "direction"))
            self._skip_items(items)
            return events + self._settle(running)

        return self._catch_up_then(skip)

    def record_symptom(
        self, exercise_id: str, answer: Symptom, item_index: int | None = None
    ) -> list[SessionEvent]:
        """Record the answer to `AskSymptom` for that exercise (the latest one asked, unless
        `item_index` says which). "Worse" also skips the rest of that direction; the events
        of that are returned."""
        item = item_index
        if item is None:
            asked = [i for i in self._asked if self._exercise_of(i) == exercise_id]
            candidates = asked or [
                step.item_index for step in self._steps if step.exercise_id == exercise_id
            ]
            if not candidates:
                return []
            item = max(candidates)
        self._symptoms[item] = answer
        if answer != "worse":
            return []
        direction = next(
            (step.direction for step in self._steps if step.item_index == item and step.is_work),
            None,
        )
        return self.skip_direction(direction) if direction else []

    def _skip_items(self, items: Iterable[int]) -> None:
        """Drop the steps from here on that belong to `items` (their lead-in or rest too)."""
        chosen = set(items)
        for index in range(self._index, len(self._steps)):
            if self._steps[index].item_index in chosen:
                self._skipped[index] = True

    def _settle(self, running: int) -> list[SessionEvent]:
        """Move off the current step if it was just skipped.

        A rest (or the lead-in) that was leading into a dropped exercise carries on, now
        leading into the next exercise that stays, and that exercise's own rest is dropped:
        the person keeps resting instead of seeing the rest start over.
        """
        index = self._index
        if not self._skipped[index]:
            return []
        step = self._steps[index]
        following = self._next_active(index)
        if step.kind in ("rest", "lead-in") and following < len(self._steps):
            target = self._steps[following]
            if target.kind == "rest":
                self._retarget(index, following)
                return []
        events = self._leave(self._elapsed_in_step(running), forward=False)
        return events + self._enter(following, running)

    def _retarget(self, index: int, source: int) -> None:
        step, target = self._steps[index], self._steps[source]
        self._steps[index] = evolve(
            step,
            exercise_id=target.exercise_id,
            side=target.side,
            item_index=target.item_index,
            direction=target.direction,
            upcoming=target.upcoming,
            next_label=target.next_label,
            pacing=target.pacing,
            instruction=(
                target.instruction
                if target.kind == step.kind
                else waiting_instruction(step.kind, target.next_label, target.upcoming)
            ),
        )
        self._skipped[index] = False
        self._skipped[source] = True
        self._retargeted.append((index, source))

    def _previous_item(self, index: int) -> int | None:
        for earlier in range(index - 1, -1, -1):
            if self._steps[earlier].is_work:
                return self._steps[earlier].item_index
        return None

    def _last_sides(self, item: int, before: int) -> set[Side]:
        """The side(s) of the item's last work step before `before` (the one being worked)."""
        for index in range(min(before, len(self._steps)) - 1, -1, -1):
            step = self._steps[index]
            if step.item_index == item and step.is_work:
                return record_sides(step)
        first = next((s for s in self._steps if s.item_index == item and s.is_work), None)
        return record_sides(first) if first is not None else set()

    def _exercise_of(self, item: int) -> str:
        return next(step.exercise_id for step in self._steps if step.item_index == item)

    def _item_was_done(self, item: int) -> bool:
        planned = done = 0
        for index, step in enumerate(self._steps):
            if step.item_index == item and step.is_work:
                planned += self._lengths[index]
                done += self._best[index]
        return planned > 0 and done * 2 >= planned

    # -- what was done --------------------------------------------------------------------

    def records(self) -> list[ExerciseRecord]:
        """What was done, per exercise and side, for history (docs/product.md 8); see
        `stretch_tui.domain.session_records.exercise_records`."""
        return exercise_records(
            self._steps, self._best, self._reached, self._stopped, self._hurt, self._symptoms
        )

    def records_so_far(self) -> list[ExerciseRecord]:
        """`records()` as they would be if the session stopped now: the step in progress
        counts with the time done in it. For the in-progress file, so that a session cut
        off and never resumed keeps every second done. The clock itself goes on unchanged."""
        if not self.is_started or self.is_finished:
            return self.records()
        copy = SessionClock.from_state(self.plan, self.to_state(), self._clock, paused=False)
        copy.stop()
        return copy.records()

    # -- saving and restoring -------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to carry on later, as plain TOML-able values (no None)."""
        if self.is_finished:
            running = self._final_running  # frozen at the end, as `running_seconds` says
        else:
            running = self._running(self._now()) if self.is_started else 0
        elapsed = self._elapsed_in_step(running) if self.is_started else 0
        return {
            "version": STATE_VERSION,
            "routine": self.plan.routine_id,
            "steps": len(self._steps),
            "step": self._index,
            "step_elapsed": elapsed / NANOS_PER_SECOND,
            "running_seconds": running / NANOS_PER_SECOND,
            "paused": self.is_paused,
            "ended": self._ended,
            "stopped_early": self._quit,
            "best_seconds": [best / NANOS_PER_SECOND for best in self._best],
            "completed": [index for index, done in enumerate(self._completed) if done],
            "reached": [index for index, seen in enumerate(self._reached) if seen],
            "skipped": [index for index, gone in enumerate(self._skipped) if gone],
            "retargeted": [[index, source] for index, source in self._retargeted],
            "stopped": {str(item): reason for item, reason in self._stopped.items()},
            "hurt": [f"{item}:{side}" for item, side in sorted(self._hurt)],
            "symptoms": {str(item): answer for item, answer in self._symptoms.items()},
            "asked": sorted(self._asked),
        }

    @classmethod
    def from_state(
        cls,
        plan: SessionPlan,
        state: Mapping[str, Any],
        clock: Callable[[], float] = time.monotonic,
        *,
        paused: bool = True,
    ) -> SessionClock:
        """A clock carrying on from `to_state()`, started now (paused, unless told otherwise).

        Raises `ValueError` when the state does not fit the plan or is malformed.
        """
        result = cls(plan, clock)
        try:
            result._restore(state, paused=paused)
        except (KeyError, TypeError, IndexError, AttributeError) as error:
            raise ValueError(f"the saved session state is not usable: {error!r}") from error
        return result

    def _restore(self, state: Mapping[str, Any], *, paused: bool) -> None:
        count = len(self._steps)
        if state["version"] != STATE_VERSION or state["steps"] != count:
            raise ValueError("the saved session state belongs to another plan")
        best = [float(value) for value in state["best_seconds"]]
        if len(best) != count:
            raise ValueError("the saved step times do not fit the plan")
        for index, source in state["retargeted"]:
            self._retarget(_index(index, count), _index(source, count))
        for name, flags in (
            ("skipped", self._skipped),
            ("completed", self._completed),
            ("reached", self._reached),
        ):
            for value in state[name]:
                flags[_index(value, count)] = True
        self._best = [
            min(max(to_nanos(value), 0), length)
            for value, length in zip(best, self._lengths, strict=True)
        ]
        for item, reason in dict(state["stopped"]).items():
            self._stopped[int(item)] = _one_of(reason, ("hurt", "direction"))
        for entry in state["hurt"]:
            item, side = str(entry).split(":")
            self._hurt.add((int(item), _one_of(side, ("both", "left", "right"))))
        for item, answer in dict(state["symptoms"]).items():
            self._symptoms[int(item)] = _one_of(answer, ("better", "same", "worse"))
        self._asked = {int(value) for value in state["asked"]}
        index = _index(state["step"], count + 1)
        running = max(to_nanos(float(state["running_seconds"])), 0)
        self._origin = to_nanos(self._clock())
        self._base = running
        self._index = index
        self._ended = bool(state["ended"]) or index >= count
        self._quit = bool(state["stopped_early"])
        if self.is_finished:
            self._final_running = running
            self._final_position = self._session_position_at(index, 0)
            return
        elapsed = min(max(to_nanos(float(state["step_elapsed"])), 0), self._lengths[index])
        self._step_start = running - elapsed
        if paused or bool(state["paused"]):
            self._pause_began = self._now()


def _index(value: object, limit: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < limit:
        raise ValueError(f"step index {value!r} is out of range")
    return value


_Word = TypeVar("_Word", bound=str)


def _one_of(value: object, words: tuple[_Word, ...]) -> _Word:
    for word in words:
        if value == word:
            return word
    raise ValueError(f"{value!r} is not one of {', '.join(words)}")
