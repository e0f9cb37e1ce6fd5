"""What the session runner shows while a session runs: the pose, what to do, the countdown,
the step and session bars, the breath pacer and what comes next (docs/product.md 6).

`SessionView.show(clock)` draws the clock's moment. Every shown value is coarse (whole
seconds, bars in fixed steps) and set through `var`s and `_set_text`, which repaint only
when the value changes: during a hold the view changes about once a second, so little is
written to the terminal (docs/product.md 10). The session screen's stylesheet styles it.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import evolve, frozen
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Static

from stretch_tui.domain.exercise import Exercise, Pose, PoseFrame
from stretch_tui.domain.session_clock import SessionClock
from stretch_tui.domain.session_display import (
    counter,
    heading,
    instruction_text,
    quantized,
    seconds_shown,
    side_label,
    step_count,
)
from stretch_tui.domain.session_plan import Step
from stretch_tui.widgets.breath_pacer import BreathPacer
from stretch_tui.widgets.coarse_progress import CoarseProgressBar
from stretch_tui.widgets.countdown import Countdown
from stretch_tui.widgets.pose_view import PoseView
from stretch_tui.widgets.rep_pacer import RepPacer

STEP_BAR_STEPS = 50
"""The step bar moves in 2% steps at most (a 30 s hold: once a second)."""
SESSION_BAR_STEPS = 100
"""The session bar moves in 1% steps..."""
SESSION_BAR_SECONDS = 5.0
"""... at most every this many seconds within a step."""
FLASH_SECONDS = 0.6
"""How long the countdown is highlighted after a cue."""
MARKER_SECONDS = 2.0
"""How long a cue's text marker stays (the only cue shown with reduced motion)."""
PAUSED_MARKER = "PAUSED\nspace resumes"
"""The cue line while the session is paused."""
LAST_SECONDS = 3
"""The countdown is marked (and the soft tick sounds) in the last this many seconds."""

_FIXED_SIZE = frozenset({"step-count", "next-line", "cue-marker"})
"""Statics whose size the stylesheet fixes (see `SessionView._set_text`)."""


@frozen
class Shown:
    """What `SessionView.show` put on screen."""

    seconds_left: int
    """The whole seconds the countdown shows."""
    new_second: bool
    """True when the countdown (or the step) changed since the last call."""


def _art_only(pose: Pose) -> Pose:
    """The pose without its cues: the view shows the cue itself, swapped for the right side."""
    return evolve(pose, frames=tuple(PoseFrame(art=frame.art) for frame in pose.frames))


class SessionView(Vertical):
    """The runner's page: pose on the left; heading, side, instruction, rep pacer, countdown,
    step bar and breath pacer on the right; the next step and the session bar below.

    `exercise` looks an exercise up by id (None when the catalog does not have it).
    """

    # `var`, not `reactive`: a change must repaint only the widgets bound to it, never the
    # whole view (which a repainting reactive would, once a second).
    seconds_left: var[int] = var(0, init=False)
    """Whole seconds left in the step (the big countdown)."""
    step_fraction: var[float] = var(0.0, init=False)
    """0 to 1 through the step, in `STEP_BAR_STEPS` steps."""
    session_fraction: var[float] = var(0.0, init=False)
    """0 to 1 through the session, in `SESSION_BAR_STEPS` steps."""

    def __init__(
        self, exercise: Callable[[str], Exercise | None], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._exercise = exercise
        self._texts: dict[str, str] = {}
        self._shown_step: Step | None = None
        self._shown_exercise = ""
        self._shown_second: tuple[int, int] = (-1, -1)
        self._session_bar_step = -1
        self._session_bar_at = 0.0
        self._cue_shown_at: float | None = None
        """When the last cue was shown (on the session's clock, so tests stay exact)."""
        self._held_marker = False
        """True while the cue line says the clock is held (paused, or getting ready)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="runner-main"):
            with Vertical(id="pose-panel"):
                yield PoseView(Pose(frames=(PoseFrame(art=""),)), id="runner-pose")
            with Vertical(id="runner-info"):
                yield Static("", id="step-heading", markup=False)
                yield Static("", id="step-side", markup=False)
                yield Static("", id="step-instruction", markup=False)
                yield RepPacer(id="rep-pacer")
                with Horizontal(id="countdown-row"):
                    yield Countdown(id="countdown").data_bind(seconds=SessionView.seconds_left)
                    yield Static("", id="cue-marker", markup=False)
                with Horizontal(id="step-bar-row"):
                    yield CoarseProgressBar(id="step-bar").data_bind(
                        progress=SessionView.step_fraction
                    )
                    yield Static("", id="step-count", markup=False)
                yield BreathPacer(id="breath-pacer")
        yield Static("", id="next-line", markup=False)
        with Horizontal(id="session-bar-row"):
            yield Static("Session", id="session-bar-label")
            yield CoarseProgressBar(show_percentage=True, id="session-bar").data_bind(
                progress=SessionView.session_fraction
            )

    @property
    def _reduced_motion(self) -> bool:
        return self.app.animation_level == "none"

    def set_breath(self, inhale: int, exhale: int) -> None:
        """The breath pacer's lengths (from the preferences)."""
        breath = self.query_one(BreathPacer)
        breath.inhale = inhale
        breath.exhale = exhale

    def _set_text(self, widget_id: str, text: str) -> None:
        """Update a Static only when its text changes (an update always repaints). The ones
        whose size the stylesheet fixes skip the layout pass: a layout change repaints every
        widget that moved, and these never move anything."""
        if self._texts.get(widget_id) == text:
            return
        self._texts[widget_id] = text
        self.query_one(f"#{widget_id}", Static).update(text, layout=widget_id not in _FIXED_SIZE)

    def show(self, clock: SessionClock, held: str = "") -> Shown | None:
        """Show the clock's moment; only values that changed repaint. None when no step is
        on (before the start, after the end). `held` replaces the PAUSED marker while the
        clock waits for another reason (a resumed session's get-ready seconds)."""
        step = clock.current_step
        phase = clock.phase()
        if step is None or phase is None:
            return None
        if step != self._shown_step:
            self._show_step(step)
        left = seconds_shown(clock.step_remaining)
        new_second = (left, clock.index) != self._shown_second
        if new_second:
            # Everything that moves with time is redrawn together, once per second shown.
            self._shown_second = (left, clock.index)
            total = seconds_shown(step.seconds)
            self.seconds_left = left
            self.step_fraction = quantized((total - left) / total if total else 1.0, STEP_BAR_STEPS)
            if (
                clock.index != self._session_bar_step
                or abs(clock.session_elapsed - self._session_bar_at) >= SESSION_BAR_SECONDS
            ):
                # The session bar is the widest line that moves: redrawn at each step and
                # every few seconds, not every second.
                self._session_bar_step = clock.index
                self._session_bar_at = clock.session_elapsed
                self.session_fraction = quantized(clock.session_fraction, SESSION_BAR_STEPS)
            self._set_text("step-count", step_count(step.seconds, left))
        self._set_text("next-line", f"Next: {clock.next_label}")
        pose = self.query_one("#runner-pose", PoseView)
        pose.side = "right" if phase.side == "right" else "left"
        pose.frame_index = phase.frame_index
        # Reduced motion: no in-between drawings, the figure shows the phase's own frame.
        pose.position = float(phase.frame_index) if self._reduced_motion else phase.pose_position
        pacer = self.query_one(RepPacer)
        pacer.count = counter(step, phase)
        pacer.done = phase.rep_index
        pacer.total = phase.reps_total if pacer.count else 0
        pacer.cue = phase.cue if step.is_work else ""
        breath = self.query_one(BreathPacer)
        if phase.breath is not None and phase.breath_fraction is not None:
            half = breath.inhale if phase.breath == "in" else breath.exhale
            breath.half = phase.breath
            breath.second = min(int(phase.breath_fraction * half + 1e-6), max(half - 1, 0))
        else:
            breath.half = ""
        breath.display = bool(breath.half)
        countdown = self.query_one(Countdown)
        countdown.set_class(clock.is_paused, "paused")
        countdown.set_class(0 < left <= LAST_SECONDS and not clock.is_paused, "last-seconds")
        if clock.is_paused:
            self._set_text("cue-marker", held or PAUSED_MARKER)
            self._held_marker = True
        elif self._held_marker:
            self._held_marker = False
            self._set_text("cue-marker", "")
        return Shown(left, new_second)

    def _show_step(self, step: Step) -> None:
        self._shown_step = step
        exercise = self._exercise(step.exercise_id)
        name = exercise.name if exercise is not None else step.exercise_id
        self._set_text("step-heading", heading(step, name))
        side = side_label(step.side) if step.kind != "rest" else ""
        self._set_text("step-side", side)
        self.query_one("#step-side", Static).display = bool(side)
        self._set_text("step-instruction", instruction_text(step))
        pose_view = self.query_one("#runner-pose", PoseView)
        if step.exercise_id != self._shown_exercise:
            self._shown_exercise = step.exercise_id
            if exercise is not None:
                pose_view.set_pose(_art_only(exercise.pose))
        # Reduced motion: a pose that would change frame during the step stays on its first
        # frame, and the cue line says what to do.
        pose_view.still = self._reduced_motion and step.pacing.mode in ("reps", "cycles")

    def show_cue(self, label: str, now: float) -> None:
        """Show a cue, so a muted terminal still guides: the countdown flashes (not with
        reduced motion) and a text marker names the cue for a moment. `now` is the session's
        clock reading."""
        self._cue_shown_at = now
        if not self._reduced_motion:
            self.query_one(Countdown).add_class("flash")
        self._set_text("cue-marker", f"» {label}")

    def expire_cue(self, now: float, *, paused: bool) -> None:
        """End the flash and the marker once their time is up (checked at each tick); a
        paused session keeps its PAUSED marker."""
        if self._cue_shown_at is None:
            return
        shown_for = now - self._cue_shown_at
        if shown_for >= FLASH_SECONDS:
            self.query_one(Countdown).remove_class("flash")
        if shown_for >= MARKER_SECONDS:
            self._cue_shown_at = None
            if not paused:
                self._set_text("cue-marker", "")
