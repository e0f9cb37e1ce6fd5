"""The session runner (docs/product.md 6): pain before, the guided steps, pain after, then the
summary.

The timing lives in `SessionClock` (pure, on an injected clock); this screen ticks it a few
times a second and turns its events into cues, questions and saves. The pieces it drives:

- `stretch_tui.widgets.session_view.SessionView` shows the clock's moment (pose, countdown,
  bars, breath pacer, what comes next), repainting only what changed (docs/product.md 10);
- `stretch_tui.screens.session_questions.QuestionQueue` asks the questions one at a time
  (leg symptoms, "it hurts", "stop the session?"), the clock waiting meanwhile;
- `stretch_tui.storage.session_recorder.SessionRecorder` keeps what was done: the
  in-progress file after every step and every few seconds within one (the next start offers
  to resume it), and the history entry at the end, before the summary shows.

While the session runs the screen is registered with the app's `SessionFlow`, which saves
it when the app is closed under it (ctrl+c: in history as stopped; a hang-up: kept to be
resumed). Given `resume` (a session cut off earlier), the screen opens on the runner, at the
step it was on with the time it had left, after `RESUME_GET_READY` seconds to get back in
position.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Static

from stretch_tui.domain.history import HistoryEntry, Symptom
from stretch_tui.domain.routine import Routine
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
    exercise_position,
    minutes_left,
    plan_overview,
    seconds_shown,
)
from stretch_tui.domain.session_plan import Breath, SessionPlan, Step
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.dialogs import ConfirmDialog
from stretch_tui.screens.session_dialogs import HurtDialog, SymptomDialog
from stretch_tui.screens.session_questions import QuestionQueue
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CuePlayer
from stretch_tui.sound.voice import COUNTDOWN, SESSION_COMPLETE, breath_phrase, step_phrases
from stretch_tui.storage.session_recorder import SAVE_EVERY_SECONDS, SessionRecorder
from stretch_tui.storage.session_state import SessionInProgress
from stretch_tui.widgets.key_footer import KeyFooter
from stretch_tui.widgets.pain_scale import PainScale
from stretch_tui.widgets.session_view import LAST_SECONDS, SessionView

Page = Literal["before", "runner", "after"]
"""The pages of the screen, in order."""

TICK_SECONDS = 0.1
"""How often the screen reads the clock. Time comes from the clock, never from counting
ticks, so this only bounds how late a change shows (and costs nothing when nothing changes)."""

END_WAKE_SLACK = 0.0005
"""The exact wake-up at a step's end comes this much after it, so it never lands just before."""
TALL_ROWS = 32
RESUME_GET_READY = 5.0
"""Seconds to get back in position before a resumed session's clock goes on."""
"""From this many rows the runner's text is centred beside the pose."""

_CUE_RANK = {Cue.END: 1, Cue.START: 2, Cue.SWITCH: 3, Cue.SESSION_DONE: 4}
"""When one tick brings several cues (a hold ends and the switch starts), the highest plays."""

_RUNNER_ACTIONS = frozenset({"toggle_pause", "next_step", "previous_step", "restart_step", "hurts"})


class SessionScreen(StretchScreen):
    """A guided session of one plan, from the pain question before to the summary after.

    `clock` is the monotonic clock the session runs on (tests pass a fake one and call
    `tick()`); `assessed` is recorded in history (an urgent screening result was confirmed as
    assessed); `player` plays the cues (by default one made from the preferences). `routine`
    is the routine the plan was made from (lead-in and rest filled in), saved so the session
    can be resumed; `resume` is a session cut off earlier, of that routine, to carry on.
    """

    CSS_PATH = "session.tcss"
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause", id="session.pause"),
        Binding("n,right", "next_step", "Next", id="session.next"),
        Binding("p,left", "previous_step", "Back", id="session.previous"),
        Binding("r", "restart_step", "Restart", id="session.restart"),
        Binding("h", "hurts", "It hurts", id="session.hurts"),
        # Not in the footer (it is full); the help lists it with the others.
        Binding("v", "toggle_voice", "Voice on/off", id="session.voice", show=False),
        Binding("q,escape", "quit_session", "Quit", id="session.quit"),
    ]

    def __init__(
        self,
        plan: SessionPlan,
        *,
        assessed: bool = False,
        clock: Callable[[], float] = time.monotonic,
        player: CuePlayer | None = None,
        routine: Routine | None = None,
        resume: SessionInProgress | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        if resume is not None and resume.resume is not None:
            self.clock = SessionClock.from_state(plan, resume.resume.clock, clock, paused=True)
        else:
            resume = None
            self.clock = SessionClock(plan, clock)
        """The session's clock: what is on, what was done."""
        self._read_clock = clock
        self._routine = routine
        self._resume = resume
        self._going_on_at: float | None = None
        """A resumed session: the clock reading at which it goes on (None otherwise)."""
        self._saved_at = clock()
        self.page: Page = "before"
        """The page on show."""
        self._player = player
        self._own_player = player is None
        self._recorder: SessionRecorder | None = None
        self._questions: QuestionQueue | None = None
        self._timer: Timer | None = None
        self._end_timer: Timer | None = None
        self._assessed = assessed
        self._texts: dict[str, str] = {}
        self._ticked = 0
        self._breath_said: tuple[int, Breath] | None = None
        """The step index and half breath last said "breathe in" or "breathe out" for."""

    @property
    def recorder(self) -> SessionRecorder:
        """What the session saves, and where (made when the screen is mounted)."""
        if self._recorder is None:
            self._recorder = SessionRecorder(
                self.state.paths, self.clock, assessed=self._assessed, routine=self._routine
            )
            if self._resume is not None:
                self._recorder.carry_on(self._resume)
        return self._recorder

    @property
    def questions(self) -> QuestionQueue:
        """The questions waiting to be asked (made when first needed)."""
        if self._questions is None:
            self._questions = QuestionQueue(
                self.app, self.clock, redraw=self._refresh_view, when_idle=self._when_no_question
            )
        return self._questions

    @property
    def saved_entry(self) -> HistoryEntry | None:
        """The entry as saved in history, once it is."""
        return self.recorder.saved_entry

    # -- building -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-top"):
            yield Static(self.plan.routine_name, id="top-routine", markup=False)
            yield Static("", id="top-position", markup=False)
        with ContentSwitcher(initial="page-before", id="session-pages"):
            with Vertical(id="page-before", classes="pain-page"):
                yield Static("Before you start", classes="page-title")
                yield Static(
                    plan_overview(self.plan, self._exercise_name), id="before-plan", markup=False
                )
                yield Static("How much does your back hurt right now?", classes="pain-question")
                yield PainScale(id="pain-before")
                yield Static(
                    "Then a short get-ready step, and the session runs by itself. Tension is "
                    "fine; sharp pain is a stop sign: press h.",
                    classes="muted pain-hint",
                )
            yield SessionView(self.state.catalog.get, id="page-runner")
            with Vertical(id="page-after", classes="pain-page"):
                yield Static("", id="after-title", classes="page-title", markup=False)
                yield Static("And now: how much does your back hurt?", classes="pain-question")
                yield PainScale(id="pain-after")
                yield Static(
                    "The summary comes next; the session is saved in your history.",
                    classes="muted pain-hint",
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        """Get the player and the running-session lock; wait for the pain rating."""
        preferences = self.state.preferences
        self.query_one(SessionView).set_breath(
            preferences.inhale_seconds, preferences.exhale_seconds
        )
        if self._player is None:
            self._player = CuePlayer.from_preferences(
                preferences, bell=self.app.bell, is_web=self.app.is_web
            )
        self.recorder.claim()
        self._timer = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self._set_text("top-position", f"{self.plan.item_count} exercises")
        if self._resume is not None:
            self._carry_on()
        else:
            self.query_one("#pain-before", PainScale).focus()

    def _carry_on(self) -> None:
        """A resumed session: straight to the runner, held for the get-ready seconds."""
        self.stretch_app.sessions.register(self)
        if self._player is not None:
            self._player.start()
        self._going_on_at = self._read_clock() + RESUME_GET_READY
        self._show_page("runner")
        if self._timer is not None:
            self._timer.resume()
        self._save_progress()
        self._refresh_view()

    def _go_on(self) -> None:
        """The get-ready seconds of a resumed session are over (or space was pressed)."""
        self._going_on_at = None
        self.clock.resume()
        step = self.clock.current_step
        self._cue(Cue.START, self._start_phrases(step) if step is not None else ())

    def on_resize(self, event: events.Resize) -> None:
        """Centre the runner's text beside the pose when the terminal is tall enough."""
        self.set_class(event.size.height >= TALL_ROWS, "-tall")

    def on_unmount(self) -> None:
        """Let go of the lock and the audio process; a session still running when its screen
        is removed (nothing should do that, but a screen is never the place to lose the
        time done) goes to history as stopped."""
        if self.recorder.open:
            self.recorder.save_stopped()
        self._release()

    def _release(self) -> None:
        self.stretch_app.sessions.unregister(self)
        self.recorder.release()
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
        self.recorder.begin(event.value, self.state.profile.responder)
        self.stretch_app.sessions.register(self)
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
        self.recorder.pain_after = event.value
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
        now = self._read_clock()
        if self._going_on_at is not None and now >= self._going_on_at:
            self._go_on()
        self._handle(self.clock.update())
        if now - self._saved_at >= SAVE_EVERY_SECONDS:
            self._save_progress()
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
        phrases: tuple[str, ...] = ()
        moved = started = False
        for event in events:
            match event:
                case StepStarted(step=step):
                    moved = started = True
                    if step.kind == "switch":
                        cue = _louder(cue, Cue.SWITCH)
                    elif step.is_work:
                        cue = _louder(cue, Cue.START)
                case StepFinished(step=step, completed=completed):
                    if step.is_work and completed:
                        cue = _louder(cue, Cue.END)
                case AskSymptom():
                    self.questions.ask(
                        SymptomDialog(self._exercise_name(event.exercise_id)),
                        self._symptom_answer(event),
                    )
                case SessionFinished():
                    moved = True
                    if self.clock.status == "completed":  # a stopped session gets the tone
                        phrases = (SESSION_COMPLETE,)
                    cue = _louder(cue, Cue.SESSION_DONE)
        if moved:
            self._ticked = 0
            self._breath_said = None
            self._save_progress()
            # Several steps can start in one tick: the one on now is said.
            current = self.clock.current_step
            if started and current is not None and not self.clock.is_finished:
                phrases = self._start_phrases(current)
        self._cue(cue, phrases)
        self.questions.next()

    def _when_no_question(self) -> None:
        """No question open or waiting: once the clock is done, ask the pain after."""
        if self.clock.is_finished and self.page == "runner":
            self._show_pain_after()

    def _symptom_answer(self, asked: AskSymptom) -> Callable[[Symptom | None], None]:
        def answered(result: Symptom | None) -> None:
            if result is None:
                return
            events = self.clock.record_symptom(asked.exercise_id, result, asked.item_index)
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
        """Pause or resume (space); while a resumed session gets ready, go on now."""
        if self._going_on_at is not None:
            self._go_on()
        else:
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
                self.questions.ask(
                    HurtDialog(self._exercise_name(exercise_id), already),
                    self._leave_out_answer(exercise_id),
                    first=True,
                )
        self._save_progress()
        self._handle(events)
        self._refresh_view()

    def action_toggle_voice(self) -> None:
        """Turn the spoken cues on or off (v), for this session and the next ones."""
        voice = not self.state.preferences.voice
        self.state.update_preferences(voice=voice)
        self.stretch_app.report_notices()
        if self._player is not None:
            self._player.voice = voice
        if not voice:
            said = "Voice off: the tones play instead."
        elif self._player is None:
            said = "Voice on."
        else:
            said = f"Voice on: {self._player.voice_reason}."
        self.notify(said, title="Voice", timeout=6)

    def _leave_out_answer(self, exercise_id: str) -> Callable[[bool | None], None]:
        def answered(result: bool | None) -> None:
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
                self.leave()
            case "after":
                if self.saved_entry is None:
                    self._finish()
            case "runner":
                question = (
                    "Stop the session here? What you have done so far is saved in your "
                    "history as stopped."
                )
                self.questions.ask(
                    ConfirmDialog(question, yes="Stop the session", no="Keep going"),
                    self._quit_answer,
                    first=True,
                )
                self.questions.next()

    def _quit_answer(self, result: bool | None) -> None:
        if result is True and not self.clock.is_finished:
            self._handle(self.clock.stop())

    # -- saving ---------------------------------------------------------------------------

    def _save_progress(self) -> None:
        """Save the in-progress file (after every step and every `SAVE_EVERY_SECONDS`), so a
        kill loses at most that much of a step."""
        self._saved_at = self._read_clock()
        problem = self.recorder.save_progress()
        if problem is not None:
            self._warn_not_saved(problem)

    def _warn_not_saved(self, problem: str) -> None:
        self.notify(problem, title="Progress not saved", severity="warning", timeout=12)

    def _finish(self) -> None:
        """Save the finished (or stopped) session and replace this screen by the summary."""
        from stretch_tui.screens.summary import SummaryScreen

        recorder = self.recorder
        error = recorder.store(recorder.entry())
        entry = recorder.saved_entry or recorder.entry()
        self._release()
        self.app.switch_screen(SummaryScreen(entry, self.plan.routine_name, save_error=error))

    def save_interrupted(self) -> HistoryEntry | None:
        """The app is being closed from outside (hang-up, terminate): keep the session on disk
        to be resumed at the next start; when it cannot be (it is over, or the file cannot be
        written), put what was done in history now, as `interrupted` (or as it ended). Returns
        the history entry, or None when none was saved (nothing to save, or kept to resume)."""
        if not self.recorder.open:
            return None
        if self.recorder.keep_for_resume(warn=self._warn_not_saved):
            self._release()
            return None
        entry = self.recorder.save_interrupted(warn=self._warn_not_saved)
        self._release()
        return entry

    def save_stopped(self) -> HistoryEntry | None:
        """The app is quitting (ctrl+c): save what was done as `stopped`."""
        if not self.recorder.open:
            return None
        entry = self.recorder.save_stopped()
        self._release()
        return entry

    # -- showing --------------------------------------------------------------------------

    def _exercise_name(self, exercise_id: str) -> str:
        exercise = self.state.catalog.get(exercise_id)
        return exercise.name if exercise is not None else exercise_id

    def _set_text(self, widget_id: str, text: str) -> None:
        """Update one of the screen's own Statics, only when its text changes."""
        if self._texts.get(widget_id) == text:
            return
        self._texts[widget_id] = text
        self.query_one(f"#{widget_id}", Static).update(text)

    def _refresh_view(self) -> None:
        """Show the clock's moment; only values that changed repaint."""
        if self.page != "runner":
            return
        clock = self.clock
        view = self.query_one(SessionView)
        held = ""
        if self._going_on_at is not None:
            wait = max(self._going_on_at - self._read_clock(), 0.0)
            held = f"RESUMED: going on in {seconds_shown(wait)} s\nspace: go on now"
        shown = view.show(clock, held)
        step = clock.current_step
        if shown is None or step is None:
            return
        if shown.new_second:
            position, count = exercise_position(self.plan.steps, clock.index)
            self._set_text(
                "top-position",
                f"exercise {position} of {count}   {minutes_left(clock.session_remaining)}",
            )
        self._maybe_tick(shown.seconds_left, step)
        self._maybe_breathe(shown.seconds_left, step)
        view.expire_cue(self._read_clock(), paused=clock.is_paused)

    def _counts_down(self, left: int, step: Step) -> bool:
        """True in the last seconds of a step, when they are counted (a tick or a word)."""
        return (
            self.state.preferences.tick_last_seconds
            and 0 < left <= LAST_SECONDS
            and step.seconds > LAST_SECONDS
        )

    def _maybe_tick(self, left: int, step: Step) -> None:
        """The last seconds, once per second shown: "three, two, one" with the voice, else
        the soft tick."""
        if self.clock.is_paused or not self._counts_down(left, step) or left == self._ticked:
            return
        self._ticked = left
        if self._speaks():
            self._say((COUNTDOWN[left],), Cue.TICK)
        else:
            self._play(Cue.TICK)

    def _maybe_breathe(self, left: int, step: Step) -> None:
        """ "Breathe in", "breathe out" at each half breath of the pacer, when the voice and
        its breathing cues are on; the countdown has the last seconds to itself."""
        if (
            not self._speaks_breath()
            or self.clock.is_paused
            or self._going_on_at is not None
            or self._counts_down(left, step)
        ):
            return
        phase = self.clock.phase()
        if phase is None or phase.breath is None:
            return
        said = (self.clock.index, phase.breath)
        if said != self._breath_said:
            self._breath_said = said
            self._say((breath_phrase(phase.breath),), None)

    def _start_phrases(self, step: Step) -> tuple[str, ...]:
        """What is said as `step` starts (docs/product.md 7), with the first half breath when
        the breathing cues are on."""
        phrases = step_phrases(step)
        if self._speaks_breath():
            phase = self.clock.phase()
            if phase is not None and phase.breath is not None:
                self._breath_said = (self.clock.index, phase.breath)
                phrases = (*phrases, breath_phrase(phase.breath))
        return phrases

    def _speaks(self) -> bool:
        """True when the voice is heard (on in Settings, and real audio plays)."""
        return self._player is not None and self._player.speaks

    def _speaks_breath(self) -> bool:
        return self.state.preferences.voice_breathing and self._speaks()

    def _cue(self, cue: Cue | None, phrases: Sequence[str] = ()) -> None:
        """Say the phrases (with the voice) or play the cue's tone, and show the cue, so a
        muted terminal still guides."""
        if phrases and self._speaks():
            self._say(phrases, cue)
        elif cue is not None:
            self._play(cue)
        if cue is not None:
            self.query_one(SessionView).show_cue(cue.label, self._read_clock())

    def _say(self, phrases: Sequence[str], fallback: Cue | None) -> None:
        if self._player is None:
            return
        result = self._player.say(phrases, fallback)
        message = (result.message if result is not None else None) or self._player.take_message()
        if message:
            self.notify(message, title="Sound", severity="warning", timeout=10)

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
