"""The app's sessions: starting one, the one running, saving it when the app closes under it,
and recovering one cut off last time (docs/architecture.md 2).

`SessionFlow.start` is the one way into a session, whoever asks (Home, a routine, the
library, an exercise's detail, the palette, `stretch-tui session`). In order:

1. the screening's gate: an emergency result never starts;
2. another stretch-tui window running a session: not two at once;
3. the routine: recommended, by id, or exercises from the library;
4. the red-flag questions, when they were never answered, are older than 3 months or were
   answered with an older questionnaire (docs/product.md 4.1); a clear result goes on;
5. an urgent result asks for the recorded "I have been assessed";
6. the pre-session check (`stretch_tui.domain.session_check`): every item that may not suit
   the person is listed with the reason, to skip (the default), keep, or not start;
7. the `SessionScreen`.

The runner registers itself here when its session starts and unregisters when it ends, so
the app asks this flow, not its screen stack, what to save on ctrl+c (`stopped`) or a
hang-up (`interrupted`). `recover_interrupted` turns a session cut off last time into
history at start-up.

Sits between the app and the screens: it imports screens, and no screen imports it (a screen
reaches it as `self.stretch_app.sessions`, typed). Everything but the typing is imported
when first needed: this module is loaded with the app, and the session code is not needed
to show Home (benchmarks/launch_bench.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from stretch_tui.app import StretchApp
    from stretch_tui.domain.history import HistoryEntry, Status
    from stretch_tui.domain.routine import Routine
    from stretch_tui.domain.session_clock import SessionClock
    from stretch_tui.domain.session_plan import SessionPlan
    from stretch_tui.screens.base import StretchScreen
    from stretch_tui.storage.notices import Notice
    from stretch_tui.storage.session_state import SessionInProgress


RUNNING_ELSEWHERE = "The session is running in another stretch-tui window; go on with it there."
"""Said when the session to resume holds another live instance's running-session lock."""


class RunningSession(Protocol):
    """A session in progress, as the flow sees it: something to save when the app closes."""

    def save_interrupted(self) -> HistoryEntry | None:
        """Save what was done as `interrupted` (the app is closed from outside)."""
        ...

    def save_stopped(self) -> HistoryEntry | None:
        """Save what was done as `stopped` (the person quits the app)."""
        ...


class SessionFlow:
    """Starts the app's sessions, knows the one running, and saves or recovers it."""

    def __init__(self, app: StretchApp) -> None:
        self._app = app
        self._running: list[RunningSession] = []

    # -- the running session ----------------------------------------------------------------

    @property
    def running(self) -> tuple[RunningSession, ...]:
        """The sessions running now (at most one, in practice)."""
        return tuple(self._running)

    def register(self, session: RunningSession) -> None:
        """`session` started: save it if the app closes before it ends."""
        if session not in self._running:
            self._running.append(session)

    def unregister(self, session: RunningSession) -> None:
        """`session` ended (saved, or left): nothing more to save for it."""
        if session in self._running:
            self._running.remove(session)

    def save_running(self, status: Status) -> list[HistoryEntry]:
        """Put every running session into history now: `interrupted` when the app is closed
        from outside (hang-up, terminate), `stopped` when the person quits the app. Returns
        the entries saved."""
        saved = []
        for session in list(self._running):
            if status == "interrupted":
                entry = session.save_interrupted()
            else:
                entry = session.save_stopped()
            if entry is not None:
                saved.append(entry)
            self.unregister(session)
        return saved

    # -- a session cut off last time --------------------------------------------------------

    def offer_resume(
        self, *, resume_now: bool = False, otherwise: Callable[[], None] | None = None
    ) -> None:
        """At start-up: a session cut off last time (a dropped connection, a killed app) is
        offered for resuming (`ResumeDialog`: resume, discard, or later), or resumed at once
        with `resume_now` (`stretch-tui session --resume`). One that cannot be resumed (older
        than 12 hours, saved by an older version, its routine or settings changed since) goes
        to history as `interrupted`, and the person is told. `otherwise` runs when no session
        is resumed (none to offer, or the person declined)."""
        go_on = otherwise or _nothing
        app = self._app
        paths = app.state.paths
        if not _may_exist(paths.session_in_progress):
            if resume_now:
                app.notify("There is no session to resume.", severity="warning", timeout=10)
            go_on()
            return
        from stretch_tui.storage.session_state import session_running, take_leftover

        if session_running(paths):
            if resume_now:
                app.notify(
                    RUNNING_ELSEWHERE,
                    severity="warning",
                    timeout=10,
                )
            go_on()  # another instance is in the middle of that session
            return
        loaded = take_leftover(paths)
        self._tell(loaded.notices)
        saved = loaded.value
        if saved is None:
            go_on()
            return
        plan, clock, why_not = self._plan_to_resume(saved)
        if plan is None or clock is None:
            self._record_interrupted(saved, why_not)
            go_on()
            return
        if resume_now:
            self._resume(saved, plan)
            return
        from stretch_tui.domain.session_display import resume_summary
        from stretch_tui.screens.session_dialogs import ResumeChoice, ResumeDialog

        summary = resume_summary(plan, clock.current_step, clock.phase(), clock.step_remaining)

        def chosen(choice: ResumeChoice | None) -> None:
            if choice == "resume":
                self._resume(saved, plan)
                return
            if choice == "discard":
                self._record_interrupted(saved, "")
            go_on()

        app.push_screen(ResumeDialog(summary), chosen)

    def _plan_to_resume(
        self, saved: SessionInProgress
    ) -> tuple[SessionPlan | None, SessionClock | None, str]:
        """The plan to carry `saved` on with and its clock restored where it stopped, or
        None and None and why it cannot be."""
        from stretch_tui.domain.history import now_with_offset
        from stretch_tui.domain.session_clock import SessionClock
        from stretch_tui.domain.session_plan import plan_session

        resume = saved.resume
        if resume is None:
            return None, None, "it was saved by an earlier version of stretch-tui"
        if not saved.resumable(now_with_offset()):
            return None, None, "it is more than 12 hours old"
        state = self._app.state
        plan = plan_session(resume.routine, state.catalog, state.preferences)
        if plan.fingerprint != resume.plan_fingerprint:
            return None, None, "its routine, its exercises or your settings changed since"
        try:
            clock = SessionClock.from_state(plan, resume.clock, self._app.session_clock)
        except ValueError:
            return None, None, "its saved state does not fit its routine"
        return plan, clock, ""

    def _resume(self, saved: SessionInProgress, plan: SessionPlan) -> None:
        """Open the runner on `saved`, where it stopped (another window may have taken it
        meanwhile: then say so)."""
        from stretch_tui.screens.session import SessionScreen
        from stretch_tui.storage.session_state import session_running

        app = self._app
        if session_running(app.state.paths):
            app.notify(
                RUNNING_ELSEWHERE,
                severity="warning",
                timeout=10,
            )
            return
        assert saved.resume is not None
        app.push_screen(
            SessionScreen(
                plan,
                assessed=saved.resume.assessed,
                clock=app.session_clock,
                routine=saved.resume.routine,
                resume=saved,
            )
        )

    def _record_interrupted(self, saved: SessionInProgress, why_not: str) -> None:
        """Put `saved` in history as interrupted (declined, or it cannot be resumed)."""
        from stretch_tui.storage.notices import StorageError
        from stretch_tui.storage.session_state import record_interrupted

        notices: list[Notice] = []
        try:
            record_interrupted(self._app.state.paths, saved, notices)
        except StorageError as error:
            self._app.notify(
                f"{error} The unfinished session is kept and offered again at the next start.",
                title="Session not recorded",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        if why_not:
            from dataclasses import replace

            notices = [
                replace(notice, message=f"{notice.message} It cannot be resumed: {why_not}.")
                for notice in notices
            ]
        self._tell(notices)

    def _tell(self, notices: Sequence[Notice]) -> None:
        for notice in notices:
            title = "Session recovered" if notice.kind == "recovered" else "File problem"
            self._app.notify(
                notice.message, title=title, severity=notice.severity, timeout=15, markup=False
            )

    def _record_leftover(self) -> bool:
        """Before a new session: a session still waiting to be resumed goes to history as
        interrupted, so the new one never writes over it. False when it cannot be saved (the
        new session must not start then)."""
        from stretch_tui.storage.session_state import take_leftover

        app = self._app
        loaded = take_leftover(app.state.paths)
        self._tell(loaded.notices)
        if loaded.value is None:
            return not loaded.read_only
        self._record_interrupted(loaded.value, "")  # says so itself when it cannot
        return not _may_exist(app.state.paths.session_in_progress)

    # -- starting ---------------------------------------------------------------------------

    def start(
        self, routine_id: str | None = None, exercise_ids: Sequence[str] | None = None
    ) -> None:
        """Start a session of `exercise_ids` (from the library), of routine `routine_id`, or of
        the recommended routine, once the screening's gate and the avoid-warning allow it."""
        from stretch_tui.domain.screening import is_assessed, session_gate
        from stretch_tui.storage.session_state import session_running

        app = self._app
        state = app.state
        gate = session_gate(state.profile)
        if not gate.allowed and not gate.needs_confirmation:
            app.notify(gate.message, title="Sessions are locked", severity="error", timeout=20)
            return
        if session_running(state.paths):
            app.notify(
                "A session is running in another stretch-tui window; finish it there first.",
                title="Session already running",
                severity="warning",
                timeout=10,
            )
            return
        if _may_exist(state.paths.session_in_progress) and not self._record_leftover():
            return
        routine = self._routine(routine_id, exercise_ids)
        if routine is None:
            return
        due = state.red_flags_due()
        if due is not None:
            from stretch_tui.screens.screening import ScreeningScreen

            def answered(clear: object) -> None:
                if clear is True:
                    self.start(routine_id, exercise_ids)

            app.push_screen(ScreeningScreen(before_session=due), answered)
            return
        if gate.needs_confirmation:
            screen = self._stretch_screen()
            if screen is None:
                app.notify(gate.message, title="Sessions are locked", severity="error", timeout=20)
                return
            from stretch_tui.screens.screening import ask_and_record_assessment

            app.notify(gate.message, title="Before you start", severity="warning", timeout=12)
            ask_and_record_assessment(screen, after=lambda _moment: self._check(routine, True))
            return
        if gate.message:
            app.notify(gate.message, title="Before you start", severity="warning", timeout=10)
        profile = state.profile
        self._check(routine, profile.tier == "urgent" and is_assessed(profile))

    def _stretch_screen(self) -> StretchScreen | None:
        """The topmost screen of ours, to ask the assessment question over."""
        from stretch_tui.screens.base import StretchScreen

        for screen in reversed(self._app.screen_stack):
            if isinstance(screen, StretchScreen):
                return screen
        return None

    def _routine(
        self, routine_id: str | None, exercise_ids: Sequence[str] | None
    ) -> Routine | None:
        """The routine asked for, or None (with a message saying why there is none)."""
        from stretch_tui.domain.recommend import recommend_routine
        from stretch_tui.domain.routine import (
            RECOMMENDED_ID,
            Routine,
            RoutineItem,
            single_exercise_routine,
        )

        app = self._app
        state = app.state
        catalog = state.catalog
        if exercise_ids:
            exercises = [catalog.get(exercise_id) for exercise_id in exercise_ids]
            known = [exercise for exercise in exercises if exercise is not None]
            if not known:
                app.notify(
                    f"Unknown exercise: {', '.join(exercise_ids)}.", severity="error", timeout=10
                )
                return None
            if len(known) == 1:
                return single_exercise_routine(known[0])
            return Routine(
                id="selected",
                name=", ".join(exercise.name for exercise in known),
                items=tuple(RoutineItem(exercise.id) for exercise in known),
            )
        if routine_id is None or routine_id == RECOMMENDED_ID:
            routine = recommend_routine(catalog, state.responder, state.preferences).routine
            if not routine.items:
                app.notify(
                    "Nothing fits the recommended routine with your settings; pick an exercise "
                    "in the library instead.",
                    severity="warning",
                    timeout=12,
                )
                return None
            return routine
        from stretch_tui.storage.user_catalog import load_all_routines

        routines, _problems = load_all_routines(state.paths, catalog)
        found = routines.get(routine_id)
        if found is None:
            known_ids = ", ".join([RECOMMENDED_ID, *sorted(routines)])
            app.notify(
                f"There is no routine `{routine_id}`. Known: {known_ids}.",
                title="Unknown routine",
                severity="error",
                timeout=15,
                markup=False,
            )
        return found

    def _check(self, routine: Routine, assessed: bool) -> None:
        """List what may not suit the person, offer to skip it, then open the runner."""
        from stretch_tui.domain.session_check import check_routine
        from stretch_tui.screens.session_dialogs import CheckChoice, PreSessionCheckDialog

        state = self._app.state
        check = check_routine(routine, state.catalog, state.responder, state.preferences)
        if check.clear:
            self._open(routine, assessed)
            return

        def chosen(choice: CheckChoice | None) -> None:
            if choice == "skip":
                self._open(check.without_flagged(), assessed)
            elif choice == "keep":
                self._open(routine, assessed)

        self._app.push_screen(PreSessionCheckDialog(check), chosen)

    def _open(self, routine: Routine, assessed: bool) -> None:
        """Plan the session and show the runner (it registers itself once started)."""
        from stretch_tui.domain.session_plan import plan_session
        from stretch_tui.screens.session import SessionScreen

        app = self._app
        state = app.state
        plan = plan_session(routine, state.catalog, state.preferences)
        if not plan.steps:
            app.notify(
                f"{routine.name} has nothing left to do (its exercises were skipped or are "
                "missing from the catalog).",
                severity="warning",
                timeout=10,
            )
            return
        from attrs import evolve

        # Saved with the session, so it can be resumed: planned again, it gives this plan.
        planned = evolve(
            routine,
            lead_in_seconds=_first(routine.lead_in_seconds, state.preferences.lead_in_seconds),
            rest_seconds=_first(routine.rest_seconds, state.preferences.rest_seconds),
        )
        app.push_screen(
            SessionScreen(plan, assessed=assessed, clock=app.session_clock, routine=planned)
        )


def _may_exist(path: Path) -> bool:
    """False only when `path` is certainly not there (then nothing needs reading or
    importing for it at start); any other answer, an error included, means look."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def _nothing() -> None:
    """What `offer_resume` does after declining when told nothing else."""


def _first(value: int | None, default: int) -> int:
    return default if value is None else value
