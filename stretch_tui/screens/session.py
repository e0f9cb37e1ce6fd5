"""The session runner (docs/product.md 6): pain before, the guided steps, pain after, then the
summary.

The timing lives in `SessionClock` (pure, on an injected clock); this screen ticks it a few
times a second, turns its events into cues, questions and saves, and shows what the clock
says. Every shown value is coarse (whole seconds, bars in fixed steps) and set through
reactives, which repaint only when the value changes: during a hold the screen changes about
once a second, so little is written to the terminal (docs/product.md 10).

What was done is never lost: the in-progress file is saved after every step (a killed app's
leftover becomes an `interrupted` history entry at the next start), the app's signal handler
calls `save_interrupted`, and the finished session goes to history before the summary shows.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Static

from stretch_tui.domain.exercise import Pose, PoseFrame
from stretch_tui.domain.history import NO_PROFILE, HistoryEntry, Status, new_session_id
from stretch_tui.domain.history import now_with_offset as wall_clock
from stretch_tui.domain.session_clock import (
    AskSymptom,
    ExerciseStopped,
    SessionClock,
    SessionEvent,
    SessionFinished,
    StepFinished,
    StepStarted,
)
from stretch_tui.domain.session_display import (
    counter,
    exercise_position,
    heading,
    instruction_text,
    minutes_left,
    quantized,
    seconds_shown,
    side_label,
    step_count,
)
from stretch_tui.domain.session_plan import SessionPlan, Step
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.session_dialogs import HurtDialog, SymptomDialog
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CuePlayer
from stretch_tui.storage.notices import StorageError
from stretch_tui.storage.session_state import RunningSession, claim_running_session
from stretch_tui.widgets.breath_pacer import BreathPacer
from stretch_tui.widgets.coarse_progress import CoarseProgressBar
from stretch_tui.widgets.countdown import Countdown
from stretch_tui.widgets.pain_scale import PainScale
from stretch_tui.widgets.pose_view import PoseView
from stretch_tui.widgets.rep_pacer import RepPacer

Page = Literal["before", "runner", "after"]
"""The pages of the screen, in order."""

TICK_SECONDS = 0.1
"""How often the screen reads the clock. Time comes from the clock, never from counting
ticks, so this only bounds how late a change shows (and costs nothing when nothing changes)."""

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
TICK_FROM = 3
"""The soft tick sounds in the last this many seconds of a step."""
END_WAKE_SLACK = 0.0005
"""The exact wake-up at a step's end comes this much after it, so it never lands just before."""
TALL_ROWS = 32
"""From this many rows the runner's text is centred beside the pose."""

_CUE_RANK = {Cue.END: 1, Cue.START: 2, Cue.SWITCH: 3, Cue.SESSION_DONE: 4}
"""When one tick brings several cues (a hold ends and the switch starts), the highest plays."""

_FIXED_SIZE = frozenset({"step-count", "next-line", "cue-marker"})
"""Statics whose size the stylesheet fixes (see `SessionScreen._set_text`)."""

_RUNNER_ACTIONS = frozenset({"toggle_pause", "next_step", "previous_step", "restart_step", "hurts"})


def _art_only(pose: Pose) -> Pose:
    """The pose without its cues: the runner shows the cue itself, swapped for the right side."""
    return Pose(frames=tuple(PoseFrame(art=frame.art) for frame in pose.frames))


class SessionScreen(StretchScreen):
    """A guided session of one plan, from the pain question before to the summary after.

    `clock` is the monotonic clock the session runs on (tests pass a fake one and call
    `tick()`); `assessed` is recorded in history (an urgent screening result was confirmed as
    assessed); `player` plays the cues (by default one made from the preferences).
    """

    CSS_PATH = "session.tcss"
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause", id="session.pause"),
        Binding("n,right", "next_step", "Next", id="session.next"),
        Binding("p,left", "previous_step", "Back", id="session.previous"),
        Binding("r", "restart_step", "Restart", id="session.restart"),
        Binding("h", "hurts", "It hurts", id="session.hurts"),
        Binding("q,escape", "quit_session", "Quit", id="session.quit"),
    ]

    # `var`, not `reactive`: a change must repaint only the widgets bound to it, never the
    # whole screen (which a screen's own repainting reactive would, once a second).
    seconds_left: var[int] = var(0, init=False)
    """Whole seconds left in the step (the big countdown)."""
    step_fraction: var[float] = var(0.0, init=False)
    """0 to 1 through the step, in `STEP_BAR_STEPS` steps."""
    session_fraction: var[float] = var(0.0, init=False)
    """0 to 1 through the session, in `SESSION_BAR_STEPS` steps."""

    def __init__(
        self,
        plan: SessionPlan,
        *,
        assessed: bool = False,
        clock: Callable[[], float] = time.monotonic,
        player: CuePlayer | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.clock = SessionClock(plan, clock)
        self._read_clock = clock
        """The session's clock: what is on, what was done."""
        self.assessed = assessed
        self.session_id = new_session_id()
        """The history entry's id (the same in the in-progress file and in history)."""
        self.page: Page = "before"
        """The page on show."""
        self.pain_before: int | None = None
        self.pain_after: int | None = None
        self.saved_entry: HistoryEntry | None = None
        """The entry as saved in history, once it is."""
        self._player = player
        self._own_player = player is None
        self._started: datetime | None = None
        self._profile = NO_PROFILE
        self._timer: Timer | None = None
        self._end_timer: Timer | None = None
        self._dialogs: list[tuple[Screen[Any], Callable[[Any], None]]] = []
        self._dialog_open = False
        self._lock: RunningSession | None = None
        self._save_warned = False
        self._shown_step: Step | None = None
        self._shown_exercise = ""
        self._texts: dict[str, str] = {}
        self._ticked = 0
        self._shown_second: tuple[int, int] = (-1, -1)
        self._session_bar_step = -1
        self._session_bar_at = 0.0
        self._cue_shown_at: float | None = None
        """When the last cue was shown (on the session's clock, so tests stay exact)."""

    # -- building -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-top"):
            yield Static(self.plan.routine_name, id="top-routine", markup=False)
            yield Static("", id="top-position", markup=False)
        with ContentSwitcher(initial="page-before", id="session-pages"):
            with Vertical(id="page-before", classes="pain-page"):
                yield Static("Before you start", classes="page-title")
                yield Static(self._plan_text(), id="before-plan", markup=False)
                yield Static("How much does your back hurt right now?", classes="pain-question")
                yield PainScale(id="pain-before")
                yield Static(
                    "Then a short get-ready step, and the session runs by itself. Tension is "
                    "fine; sharp pain is a stop sign: press h.",
                    classes="muted pain-hint",
                )
            with Vertical(id="page-runner"):
                with Horizontal(id="runner-main"):
                    with Vertical(id="pose-panel"):
                        yield PoseView(Pose(frames=(PoseFrame(art=""),)), id="runner-pose")
                    with Vertical(id="runner-info"):
                        yield Static("", id="step-heading", markup=False)
                        yield Static("", id="step-side", markup=False)
                        yield Static("", id="step-instruction", markup=False)
                        yield RepPacer(id="rep-pacer")
                        with Horizontal(id="countdown-row"):
                            yield Countdown(id="countdown").data_bind(
                                seconds=SessionScreen.seconds_left
                            )
                            yield Static("", id="cue-marker", markup=False)
                        with Horizontal(id="step-bar-row"):
                            yield CoarseProgressBar(id="step-bar").data_bind(
                                progress=SessionScreen.step_fraction
                            )
                            yield Static("", id="step-count", markup=False)
                        yield BreathPacer(id="breath-pacer")
                yield Static("", id="next-line", markup=False)
                with Horizontal(id="session-bar-row"):
                    yield Static("Session", id="session-bar-label")
                    yield CoarseProgressBar(show_percentage=True, id="session-bar").data_bind(
                        progress=SessionScreen.session_fraction
                    )
            with Vertical(id="page-after", classes="pain-page"):
                yield Static("", id="after-title", classes="page-title", markup=False)
                yield Static("And now: how much does your back hurt?", classes="pain-question")
                yield PainScale(id="pain-after")
                yield Static(
                    "The summary comes next; the session is saved in your history.",
                    classes="muted pain-hint",
                )
        yield Footer()

    def _plan_text(self) -> str:
        plan = self.plan
        names: list[str] = []
        for step in plan.steps:
            name = self._exercise_name(step.exercise_id)
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

    def on_mount(self) -> None:
        """Get the player and the running-session lock; wait for the pain rating."""
        preferences = self.state.preferences
        breath = self.query_one(BreathPacer)
        breath.inhale = preferences.inhale_seconds
        breath.exhale = preferences.exhale_seconds
        if self._player is None:
            self._player = CuePlayer.from_preferences(
                preferences, bell=self.app.bell, is_web=self.app.is_web
            )
        try:
            self._lock = claim_running_session(self.state.paths)
        except StorageError:
            self._lock = None  # saving will say what is wrong with the folder
        self._timer = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self.query_one("#pain-before", PainScale).focus()
        self._set_text("top-position", f"{self.plan.item_count} exercises")

    def on_resize(self, event: events.Resize) -> None:
        """Centre the runner's text beside the pose when the terminal is tall enough."""
        self.set_class(event.size.height >= TALL_ROWS, "-tall")

    def on_unmount(self) -> None:
        """Let go of the lock and the audio process."""
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._player is not None and self._own_player:
            self._player.close(timeout=0.2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The runner's keys work (and show) only while the session runs."""
        if action in _RUNNER_ACTIONS:
            return self.page == "runner"
        return True

    # -- pages ----------------------------------------------------------------------------

    @on(PainScale.Chosen, "#pain-before")
    def start_after_pain_before(self, event: PainScale.Chosen) -> None:
        """The rating before is in (or skipped): start the session."""
        event.stop()
        if self.page != "before":
            return
        self.pain_before = event.value
        self._started = wall_clock()
        self._profile = self.state.profile.responder or NO_PROFILE
        if self._player is not None:
            self._player.start()
        self._show_page("runner")
        events = self.clock.start()
        if self._timer is not None:
            self._timer.resume()
        self._handle(events)
        self._refresh_view()

    @on(PainScale.Chosen, "#pain-after")
    def finish_after_pain_after(self, event: PainScale.Chosen) -> None:
        """The rating after is in (or skipped): save the session and show the summary."""
        event.stop()
        if self.page != "after" or self.saved_entry is not None:
            return
        self.pain_after = event.value
        self._finish()

    def _show_page(self, page: Page) -> None:
        self.page = page
        self.query_one(ContentSwitcher).current = f"page-{page}"
        if page == "after":
            self.query_one(f"#pain-{page}", PainScale).focus()
        self.refresh_bindings()

    def _show_pain_after(self) -> None:
        if self._timer is not None:
            self._timer.pause()
        title = "Session complete" if self.clock.status == "completed" else "Session stopped"
        self._set_text("after-title", title)
        self._set_text("top-position", "done")
        self._show_page("after")
        self._save_progress()

    # -- the clock ------------------------------------------------------------------------

    def tick(self) -> None:
        """Read the clock: act on what happened since the last tick and show the moment."""
        if self.page != "runner":
            return
        self._handle(self.clock.update())
        self._refresh_view()
        self._wake_at_step_end()

    def _wake_at_step_end(self) -> None:
        """When the step ends before the next regular tick, tick exactly at its end, so the
        end cue is not up to a tick late (docs/product.md 10: under 10 ms)."""
        if self.page != "runner" or self.clock.is_paused or self._end_timer is not None:
            return
        remaining = self.clock.step_remaining
        if 0 < remaining <= TICK_SECONDS:
            self._end_timer = self.set_timer(remaining + END_WAKE_SLACK, self._tick_at_step_end)

    def _tick_at_step_end(self) -> None:
        self._end_timer = None
        self.tick()

    def _handle(self, events: Sequence[SessionEvent]) -> None:
        """Cues, saves and questions for the clock's events."""
        cue: Cue | None = None
        moved = False
        for event in events:
            match event:
                case StepStarted(step=step):
                    moved = True
                    if step.kind == "switch":
                        cue = _louder(cue, Cue.SWITCH)
                    elif step.is_work:
                        cue = _louder(cue, Cue.START)
                case StepFinished(step=step, completed=completed):
                    if step.is_work and completed:
                        cue = _louder(cue, Cue.END)
                case AskSymptom():
                    self._queue(
                        SymptomDialog(self._exercise_name(event.exercise_id)),
                        self._symptom_answer(event),
                    )
                case SessionFinished():
                    moved = True
                    cue = _louder(cue, Cue.SESSION_DONE)
        if moved:
            self._ticked = 0
            self._save_progress()
        if cue is not None:
            self._cue(cue)
        self._continue()

    def _continue(self) -> None:
        """Open the next waiting question; when none is left and the clock is done, ask the
        pain after."""
        if self._dialog_open:
            return
        if self._dialogs:
            dialog, answered = self._dialogs.pop(0)
            self._dialog_open = True
            paused_here = not self.clock.is_paused and not self.clock.is_finished
            if paused_here:
                # The question waits for the person, so the step does too.
                self.clock.pause()
                self._refresh_view()

            def closed(result: object) -> None:
                self._dialog_open = False
                if paused_here and self.clock.is_paused:
                    self.clock.resume()
                answered(result)  # may queue or open the next question
                self._continue()
                self._refresh_view()

            self.app.push_screen(dialog, closed)
            return
        if self.clock.is_finished and self.page == "runner":
            self._show_pain_after()

    def _queue(
        self, dialog: Screen[Any], answered: Callable[[Any], None], *, first: bool = False
    ) -> None:
        if first:
            self._dialogs.insert(0, (dialog, answered))
        else:
            self._dialogs.append((dialog, answered))

    def _symptom_answer(self, asked: AskSymptom) -> Callable[[object], None]:
        def answered(result: object) -> None:
            if result not in ("better", "same", "worse"):
                return
            events = self.clock.record_symptom(
                asked.exercise_id,
                "better" if result == "better" else "same" if result == "same" else "worse",
                asked.item_index,
            )
            stopped = [e for e in events if isinstance(e, ExerciseStopped)]
            if result == "worse":
                step = next((s for s in self.plan.steps if s.item_index == asked.item_index), None)
                direction = step.direction if step is not None else "that direction"
                self.notify(
                    f"Leg symptoms spread: the remaining {direction} exercises are skipped "
                    f"({len(stopped)} today). Consider taking the screening again.",
                    title="Stopped for this session",
                    severity="warning",
                    timeout=12,
                )
            self._save_progress()
            self._handle(events)

        return answered

    # -- keys -----------------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        """Pause or resume (space)."""
        self.clock.toggle_pause()
        self._refresh_view()

    def action_next_step(self) -> None:
        """Go on to the next step now (n, right)."""
        self._handle(self.clock.next_step())
        self._refresh_view()

    def action_previous_step(self) -> None:
        """Go back to the step before (p, left)."""
        self._handle(self.clock.previous_step())
        self._refresh_view()

    def action_restart_step(self) -> None:
        """Start this step again (r)."""
        self._handle(self.clock.restart_step())
        self._refresh_view()

    def action_hurts(self) -> None:
        """It hurts (h): stop this exercise, record it, offer to leave it out in future."""
        events = self.clock.mark_hurt()
        for event in events:
            if isinstance(event, ExerciseStopped):
                exercise_id = event.exercise_id
                already = exercise_id in self.state.preferences.left_out
                self._queue(
                    HurtDialog(self._exercise_name(exercise_id), already),
                    self._leave_out_answer(exercise_id),
                    first=True,
                )
        self._save_progress()
        self._handle(events)
        self._refresh_view()

    def _leave_out_answer(self, exercise_id: str) -> Callable[[object], None]:
        def answered(result: object) -> None:
            if result is not True:
                return
            left_out = self.state.preferences.left_out
            if exercise_id not in left_out:
                saved = self.state.update_preferences(left_out=(*left_out, exercise_id))
                self.stretch_app.report_notices()
                if saved:
                    self.notify(
                        f"{self._exercise_name(exercise_id)} is left out of recommended routines "
                        "(the library can put it back).",
                        timeout=8,
                    )

        return answered

    def action_quit_session(self) -> None:
        """q: before the start, leave; during the session, ask, then stop; after it, skip
        the rating."""
        match self.page:
            case "before":
                self.dismiss()
            case "after":
                if self.saved_entry is None:
                    self._finish()
            case "runner":
                from stretch_tui.screens.dialogs import ConfirmDialog

                question = (
                    "Stop the session here? What you have done so far is saved in your "
                    "history as stopped."
                )
                self._queue(
                    ConfirmDialog(question, yes="Stop the session", no="Keep going"),
                    self._quit_answer,
                    first=True,
                )
                self._continue()

    def _quit_answer(self, result: object) -> None:
        if result is True and not self.clock.is_finished:
            self._handle(self.clock.stop())

    # -- saving ---------------------------------------------------------------------------

    def entry(self, status: Status | None = None) -> HistoryEntry:
        """The session as history will keep it, as far as it got (`ended`: now)."""
        started = self._started or wall_clock()
        ended = max(wall_clock(), started)
        return HistoryEntry(
            id=self.session_id,
            started=started,
            ended=ended,
            routine=self.plan.routine_id,
            status=status or self.clock.status,
            profile=self._profile,
            pain_before=self.pain_before,
            pain_after=self.pain_after,
            exercises=tuple(self.clock.records()),
            assessed=self.assessed,
        )

    def _save_progress(self) -> None:
        """Save the in-progress file (after every step), so a kill loses at most one step."""
        if self._started is None or self.saved_entry is not None:
            return
        from stretch_tui.storage.session_state import save_in_progress

        try:
            save_in_progress(self.state.paths, self.entry(), self.clock.index)
        except StorageError as error:
            if not self._save_warned:
                self._save_warned = True
                self.notify(
                    f"{error} The session goes on; it is saved at the end.",
                    title="Progress not saved",
                    severity="warning",
                    timeout=12,
                )

    def _store(self, entry: HistoryEntry) -> str | None:
        """Add `entry` to history and drop the in-progress file; the error, if any."""
        from stretch_tui.storage.history import append_session
        from stretch_tui.storage.session_state import clear_in_progress

        try:
            append_session(self.state.paths, entry)
        except StorageError as error:
            return str(error)
        self.saved_entry = entry
        # If the file cannot go, the next start finds the entry already in history (saving
        # is idempotent by id), so nothing is counted twice.
        with contextlib.suppress(StorageError):
            clear_in_progress(self.state.paths)
        return None

    def _finish(self) -> None:
        """Save the finished (or stopped) session and replace this screen by the summary."""
        from stretch_tui.screens.summary import SummaryScreen

        error = self._store(self.entry())
        entry = self.saved_entry or self.entry()
        self._release()
        self.app.switch_screen(SummaryScreen(entry, self.plan.routine_name, save_error=error))

    def save_interrupted(self) -> HistoryEntry | None:
        """The app is being closed from outside (hang-up, terminate): put what was done in
        history now, as `interrupted` (or as it ended, if the session was over). Returns the
        entry, or None when there was nothing to save."""
        if self._started is None or self.saved_entry is not None:
            return None
        status: Status = "interrupted" if not self.clock.is_finished else self.clock.status
        if not self.clock.is_finished:
            self.clock.stop()  # counts the partial step
        entry = self.entry(status)
        if self._store(entry) is not None:
            self._save_progress()
        self._release()
        return self.saved_entry

    def save_stopped(self) -> HistoryEntry | None:
        """The app is quitting (ctrl+c): save what was done as `stopped`."""
        if self._started is None or self.saved_entry is not None:
            return None
        if not self.clock.is_finished:
            self.clock.stop()
        self._store(self.entry())
        self._release()
        return self.saved_entry

    # -- showing --------------------------------------------------------------------------

    def _exercise_name(self, exercise_id: str) -> str:
        exercise = self.state.catalog.get(exercise_id)
        return exercise.name if exercise is not None else exercise_id

    def _set_text(self, widget_id: str, text: str) -> None:
        """Update a Static only when its text changes (an update always repaints). The ones
        whose size the stylesheet fixes skip the layout pass: a layout change repaints every
        widget that moved, and these never move anything."""
        if self._texts.get(widget_id) == text:
            return
        self._texts[widget_id] = text
        self.query_one(f"#{widget_id}", Static).update(text, layout=widget_id not in _FIXED_SIZE)

    def _refresh_view(self) -> None:
        """Show the clock's moment; only values that changed repaint."""
        if self.page != "runner":
            return
        clock = self.clock
        step = clock.current_step
        phase = clock.phase()
        if step is None or phase is None:
            return
        if step != self._shown_step:
            self._show_step(step)
        left = seconds_shown(clock.step_remaining)
        if (left, clock.index) != self._shown_second:
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
            position, count = exercise_position(self.plan.steps, clock.index)
            self._set_text(
                "top-position",
                f"exercise {position} of {count}   {minutes_left(clock.session_remaining)}",
            )
        self._set_text("next-line", f"Next: {clock.next_label}")
        pose = self.query_one("#runner-pose", PoseView)
        pose.side = "right" if phase.side == "right" else "left"
        pose.frame_index = phase.frame_index
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
        countdown.set_class(0 < left <= TICK_FROM and not clock.is_paused, "last-seconds")
        if clock.is_paused:
            self._set_text("cue-marker", "PAUSED\nspace resumes")
        elif self._texts.get("cue-marker", "").startswith("PAUSED"):
            self._set_text("cue-marker", "")
        self._maybe_tick(left, step)
        self._expire_cue()

    def _show_step(self, step: Step) -> None:
        self._shown_step = step
        name = self._exercise_name(step.exercise_id)
        self._set_text("step-heading", heading(step, name))
        side = side_label(step.side) if step.kind != "rest" else ""
        self._set_text("step-side", side)
        self.query_one("#step-side", Static).display = bool(side)
        self._set_text("step-instruction", instruction_text(step))
        pose_view = self.query_one("#runner-pose", PoseView)
        if step.exercise_id != self._shown_exercise:
            self._shown_exercise = step.exercise_id
            exercise = self.state.catalog.get(step.exercise_id)
            if exercise is not None:
                pose_view.set_pose(_art_only(exercise.pose))
        # Reduced motion: a pose that would change frame during the step stays on its first
        # frame, and the cue line says what to do.
        pose_view.still = self.stretch_app.reduced_motion and step.pacing.mode in (
            "reps",
            "cycles",
        )

    def _maybe_tick(self, left: int, step: Step) -> None:
        """The soft tick in the last seconds, once per second shown."""
        if (
            not self.state.preferences.tick_last_seconds
            or self.clock.is_paused
            or not 0 < left <= TICK_FROM
            or step.seconds <= TICK_FROM
            or left == self._ticked
        ):
            return
        self._ticked = left
        self._play(Cue.TICK)

    def _cue(self, cue: Cue) -> None:
        """Play a cue and show it, so a muted terminal still guides: the countdown flashes
        (not with reduced motion) and a text marker names the cue for a moment."""
        self._play(cue)
        self._cue_shown_at = self._read_clock()
        if not self.stretch_app.reduced_motion:
            self.query_one(Countdown).add_class("flash")
        self._set_text("cue-marker", f"» {cue.label}")

    def _expire_cue(self) -> None:
        """End the flash and the marker once their time is up (checked at each tick)."""
        if self._cue_shown_at is None:
            return
        shown_for = self._read_clock() - self._cue_shown_at
        if shown_for >= FLASH_SECONDS:
            self.query_one(Countdown).remove_class("flash")
        if shown_for >= MARKER_SECONDS:
            self._cue_shown_at = None
            if not self.clock.is_paused:
                self._set_text("cue-marker", "")

    def _play(self, cue: Cue) -> None:
        if self._player is None:
            return
        result = self._player.play(cue)
        message = result.message or self._player.take_message()
        if message:
            self.notify(message, title="Sound", severity="warning", timeout=10)


def _louder(current: Cue | None, new: Cue) -> Cue:
    if current is None or _CUE_RANK[new] > _CUE_RANK[current]:
        return new
    return current
