"""Everything between "start a session" and the runner showing, and the app's session chores.

`start_session` is the one way into a session, whoever asks (Home, a routine, the library, an
exercise's detail, `stretch-tui session`). In order:

1. the screening's gate: an emergency result never starts;
2. the routine: recommended, by id, or exercises from the library;
3. the red-flag questions, when they were never answered, are older than 3 months or were
   answered with an older questionnaire (docs/product.md 4.1); a clear result goes on;
4. an urgent result asks for the recorded "I have been assessed";
5. the pre-session check (`stretch_tui.domain.session_check`): every item that may not suit
   the person is listed with the reason, to skip (the default), keep, or not start;
6. the `SessionScreen`.

`recover_interrupted_session` turns a session cut off last time into history at start-up;
`save_running_sessions` puts a running session in history when the app is closed under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from stretch_tui.domain.recommend import recommend_routine
from stretch_tui.domain.routine import (
    RECOMMENDED_ID,
    Routine,
    RoutineItem,
    single_exercise_routine,
)
from stretch_tui.domain.screening import (
    is_assessed,
    session_gate,
)
from stretch_tui.domain.session_check import check_routine
from stretch_tui.domain.session_plan import plan_session
from stretch_tui.screens.base import StretchScreen
from stretch_tui.storage.notices import Notice, StorageError

if TYPE_CHECKING:
    from stretch_tui.app import StretchApp
    from stretch_tui.domain.history import HistoryEntry, Status


def start_session(
    app: StretchApp, routine_id: str | None = None, exercise_ids: Sequence[str] | None = None
) -> None:
    """Start a session of `exercise_ids` (from the library), of routine `routine_id`, or of the
    recommended routine, once the screening's gate and the avoid-warning allow it."""
    from stretch_tui.storage.session_state import session_running

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
    routine = _routine(app, routine_id, exercise_ids)
    if routine is None:
        return
    due = state.red_flags_due()
    if due is not None:
        from stretch_tui.screens.screening import ScreeningScreen

        def answered(clear: object) -> None:
            if clear is True:
                start_session(app, routine_id, exercise_ids)

        app.push_screen(ScreeningScreen(before_session=due), answered)
        return
    if gate.needs_confirmation:
        screen = _stretch_screen(app)
        if screen is None:
            app.notify(gate.message, title="Sessions are locked", severity="error", timeout=20)
            return
        from stretch_tui.screens.screening import ask_and_record_assessment

        app.notify(gate.message, title="Before you start", severity="warning", timeout=12)
        ask_and_record_assessment(screen, after=lambda _moment: _check(app, routine, True))
        return
    if gate.message:
        app.notify(gate.message, title="Before you start", severity="warning", timeout=10)
    profile = state.profile
    _check(app, routine, profile.tier == "urgent" and is_assessed(profile))


def _stretch_screen(app: StretchApp) -> StretchScreen | None:
    """The topmost screen of ours, to ask the assessment question over."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, StretchScreen):
            return screen
    return None


def _routine(
    app: StretchApp, routine_id: str | None, exercise_ids: Sequence[str] | None
) -> Routine | None:
    """The routine asked for, or None (with a message saying why there is none)."""
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


def _check(app: StretchApp, routine: Routine, assessed: bool) -> None:
    """List what may not suit the person, offer to skip it, then open the runner."""
    from stretch_tui.screens.session_dialogs import PreSessionCheckDialog

    state = app.state
    check = check_routine(routine, state.catalog, state.responder, state.preferences)
    if check.clear:
        _open(app, routine, assessed)
        return

    def chosen(choice: object) -> None:
        if choice == "skip":
            _open(app, check.without_flagged(), assessed)
        elif choice == "keep":
            _open(app, routine, assessed)

    app.push_screen(PreSessionCheckDialog(check), chosen)


def _open(app: StretchApp, routine: Routine, assessed: bool) -> None:
    from stretch_tui.screens.session import SessionScreen

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
    app.push_screen(SessionScreen(plan, assessed=assessed, clock=app.session_clock))


def recover_interrupted_session(app: StretchApp) -> HistoryEntry | None:
    """At start-up: a session left in progress (the app was killed) goes to history as
    `interrupted`, and the person is told."""
    from stretch_tui.storage.session_state import recover_interrupted

    notices: list[Notice] = []
    entry = None
    try:
        entry = recover_interrupted(app.state.paths, notices)
    except StorageError as error:
        app.notify(
            f"{error} The unfinished session is kept and tried again at the next start.",
            title="Session not recovered",
            severity="error",
            timeout=15,
            markup=False,
        )
    for notice in notices:
        title = "Session recovered" if notice.kind == "recovered" else "File problem"
        app.notify(notice.message, title=title, severity=notice.severity, timeout=15, markup=False)
    return entry


def save_running_sessions(app: StretchApp, status: Status) -> list[HistoryEntry]:
    """Put any session running in the app into history now: `interrupted` when the app is
    closed from outside (hang-up, terminate), `stopped` when the person quits the app."""
    from stretch_tui.screens.session import SessionScreen

    saved = []
    for screen in list(app.screen_stack):
        if isinstance(screen, SessionScreen):
            interrupted = status == "interrupted"
            entry = screen.save_interrupted() if interrupted else screen.save_stopped()
            if entry is not None:
                saved.append(entry)
    return saved
