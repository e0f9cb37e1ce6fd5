"""The Textual app: theme, global keys, command palette and screen routing. Kept thin."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from stretch_tui.screen_names import SCREENS, screen_entry
from stretch_tui.screens.registry import global_key_bindings, make_screen, released_when_left
from stretch_tui.screens.workers import forget_worker
from stretch_tui.session_flow import SessionFlow
from stretch_tui.state import AppState
from stretch_tui.textual_fixes import apply_textual_fixes

if TYPE_CHECKING:
    from stretch_tui.screens.base import AnswersOnce

EXIT_GRACE_SECONDS = 3.0
"""After a hang-up or terminate signal, how long the normal exit may take before the process
ends itself (`StretchApp.on_exit_signal`)."""

QUIT_KEY = "ctrl+c"
"""Quits from anywhere, ahead of any keys still waiting (`StretchApp.post_message`)."""

FIRST_FRAME_WRITE_SECONDS = 0.05
"""How long the work left for after the first frame waits for that frame to reach the
terminal. Textual's writer thread writes a frame in pieces as the terminal takes them, and
needs the interpreter for each; work on the UI thread right away held it, and Home's first
frame with 10 years of history reached the terminal 40-90 ms later (launch_bench.py)."""


class QuitRequested(Message):
    """ctrl+c was pressed: quit now, whatever keys came before it."""


class StretchApp(App[int]):
    """stretch-tui: screening, a library of stretches and guided sessions."""

    CSS_PATH = "app.tcss"
    TITLE = "stretch-tui"
    ALLOW_IN_MAXIMIZED_VIEW = "KeyFooter"
    """The footer stays on the screen while a widget is maximized (Textual's names its own)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        # The screens' own keys (f1 Help, ctrl+l Library, ...), from the screen registry.
        *global_key_bindings(),
        # Listed for the keys' help; the key itself is taken before the bindings see it
        # (`post_message`), so nothing can shadow or delay it.
        Binding(QUIT_KEY, "quit", "Quit", show=False, priority=True, id="quit"),
    ]

    exit_signals: tuple[int, ...] = ()
    """Signals (SIGHUP, SIGTERM) that save a running session and exit cleanly; the command
    line sets them, tests leave them alone."""
    exit_timer: ClassVar[Callable[..., threading.Timer]] = threading.Timer
    """Makes the timer that ends the process if a signalled exit hangs; tests put a fake here."""
    exit_watchdog: threading.Timer | None = None
    """The timer `on_exit_signal` started; `run_app` cancels it once the app has returned."""

    def __init__(
        self, state: AppState, start_screen: str | None = None, start_routine: str | None = None
    ) -> None:
        apply_textual_fixes()
        super().__init__()
        self.state = state
        self._start_screen = start_screen
        self._start_routine = start_routine
        self.session_clock: Callable[[], float] = time.monotonic
        """The monotonic clock sessions run on; tests put a fake one here."""
        self.sessions = SessionFlow(self)
        """Starts sessions, knows the one running, saves it when the app closes under it."""
        self._too_small_shown = False
        self._started = False
        """True once Textual's start-up is over (`on_ready`)."""
        self._waiting_for_start: list[Callable[[], object]] = []
        """What `after_first_frame` was given before then."""
        self.exiting = False
        """True once `exit` was called or ctrl+c pressed: input still queued is dropped
        from then on."""
        if state.preferences.reduced_motion or os.environ.get("TEXTUAL_ANIMATIONS") == "none":
            self.animation_level = "none"

    def exit(
        self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Exit the app (see `App.exit`), ignoring the input still queued from then on.

        The app the command line runs (`exit_signals` set) also ignores SIGINT from now on:
        on its way out it puts the terminal back in its normal mode, where ctrl+c is a
        signal, and a second, impatient ctrl+c (or one right after q) would otherwise cut
        the shutdown short with a KeyboardInterrupt traceback and a failed exit status.
        """
        if self.exit_signals and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.exiting = True
        super().exit(result, return_code, message)

    def post_message(self, message: Message) -> bool:
        """Queue `message` for the app, except ctrl+c, which goes ahead of the queue.

        Keys are handled one at a time, in the order they came. A key that opens or closes
        a screen takes tens of milliseconds, so a burst of keys (a held key, a paste, fast
        typing on a slow machine) leaves hundreds waiting, and a ctrl+c handled in its turn
        waited for all of them: the app looked deaf to it for many seconds (the random-key
        test found backlogs of over a thousand keys). So ctrl+c marks the app as quitting at
        once, which drops every key still queued (`on_event`), and the quit runs as soon as
        the message being handled is done.
        """
        if isinstance(message, events.Key) and message.key == QUIT_KEY and not self.exiting:
            self.exiting = True
            return super().post_message(QuitRequested())
        return super().post_message(message)

    async def on_quit_requested(self, _: QuitRequested) -> None:
        """ctrl+c, ahead of the keys typed before it: quit (saving a running session)."""
        await self.action_quit()

    async def on_event(self, event: events.Event) -> None:
        """Drop keys and clicks that arrive after `exit`: typed right after q, they would
        open a screen while the app shuts down, which fails with a traceback (the end-to-end
        random-key test found it)."""
        if self.exiting and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    @property
    def reduced_motion(self) -> bool:
        """True when poses should stay still and nothing should animate."""
        return self.animation_level == "none"

    def on_mount(self) -> None:
        """Apply the saved theme, show Home (and the welcome on first run), report file notices."""
        if self.state.preferences.theme in self.available_themes:
            self.theme = self.state.preferences.theme
        first_run = not self.state.preferences.notice_seen
        if not (first_run and self._start_screen is None):
            # On a bare first start Home comes when the welcome closes (`leave_welcome`): the
            # welcome hides it, and composing both was a fifth of that launch (docs/product.md 10).
            self.push_screen(self.make_screen("home"))
        self._install_exit_signals()
        if self._start_screen == "resume":
            self.sessions.offer_resume(resume_now=True)
        elif self._start_screen == "session":
            # A session cut off is offered first; the one asked for starts unless it resumes.
            routine = self._start_routine
            self.sessions.offer_resume(otherwise=lambda: self.start_session(routine))
        else:
            if self._start_screen and self._start_screen != "home":
                self.push_screen(self.make_screen(self._start_screen))
            # Over the first screen, once it is drawn.
            self.after_first_frame(self.sessions.offer_resume)
        if first_run:
            from stretch_tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        self.report_notices()
        self._check_size(self.size.width, self.size.height)
        self.after_first_frame(self._after_first_frame)

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the top screen has been drawn: at launch, once the first frame
        is on its way to the terminal (`on_ready`). During its start-up Textual draws no frame
        at all, and a `call_after_refresh` made then runs without one (docs/upstream.md,
        section 12): work left for after the first frame would delay it instead."""
        if self._started:
            self.call_after_refresh(callback)
        else:
            self._waiting_for_start.append(callback)

    def on_ready(self) -> None:
        """Textual's start-up is over. Textual sends `Ready` when it first lays a screen out,
        during its start-up's batch update, and the app handles it after that batch, whose end
        draws the frame it dropped (`textual_fixes`). What waited for the first frame runs
        after the top screen's next refresh (at once if it is drawn already), once the frame
        has had time to reach the terminal (`FIRST_FRAME_WRITE_SECONDS`)."""
        self._started = True
        waiting, self._waiting_for_start = self._waiting_for_start, []
        for callback in waiting:
            self.call_after_refresh(self.set_timer, FIRST_FRAME_WRITE_SECONDS, callback)

    def leave_welcome(self, welcome: AnswersOnce[None]) -> None:
        """The welcome was answered: close it, to Home, which is built now if the launch left
        it for later (`on_mount`)."""
        if any(screen.id == "home" for screen in self.screen_stack):
            welcome.answer(None)
        else:
            welcome.answer_by_switching_to(self.make_screen("home"))

    def _after_first_frame(self) -> None:
        """Read the catalog in a thread (the first frame does without it, and thousands of
        the user's exercises must not freeze the screen), then show its file problems; turn
        the garbage collector back on (`run_app` keeps it off for the launch)."""
        # What the launch built (modules, styles, widgets) lives as long as the app: taken
        # to be old, only full collections look at it, not the frequent young ones.
        gc.freeze()
        gc.unfreeze()
        gc.enable()
        self._read_catalog()

    @work(thread=True, name="catalog", group="catalog", exit_on_error=False)
    def _read_catalog(self) -> None:
        """Read the catalog and prepare the library's index, in a thread; its file problems
        are shown when it is done (`on_worker_state_changed`). A thread worker, not a
        coroutine handed to one: an app closed just then would drop that un-awaited."""
        try:
            self.state.read_ahead()
        finally:
            forget_worker()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The catalog is read: show the problems found in its files."""
        if event.worker.group == "catalog" and event.state == WorkerState.SUCCESS:
            self.report_notices()

    def start_session(
        self, routine_id: str | None = None, exercise_ids: list[str] | None = None
    ) -> None:
        """Start a guided session: of `exercise_ids`, of routine `routine_id`, or of the
        recommended routine; the screening's gate and the avoid-warning come first."""
        self.sessions.start(routine_id, exercise_ids)

    def _install_exit_signals(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in self.exit_signals:
            loop.add_signal_handler(signum, self.on_exit_signal, signum)

    def on_exit_signal(self, signum: int) -> None:
        """A hang-up or terminate signal: save and exit, and make sure the process ends.

        After an SSH drop the terminal is gone, and Textual's shutdown can block for good in
        its writer thread while it turns input modes off (docs/upstream.md). The session is on
        disk by then, so if the exit has not finished within `EXIT_GRACE_SECONDS` the process
        ends itself with the same status: a process that outlived its connection would hold
        the running-session lock and keep the session from being resumed.
        """
        self.save_and_exit(signum)
        timer = self.exit_timer(EXIT_GRACE_SECONDS, os._exit, args=(128 + signum,))
        timer.daemon = True
        timer.start()
        self.exit_watchdog = timer

    def save_and_exit(self, signum: int) -> None:
        """A hang-up or terminate signal: put a running session in history, then exit (a
        normal exit restores the terminal)."""
        self.sessions.save_running("interrupted")
        self.exit(128 + signum)

    async def action_quit(self) -> None:
        """Quit the app; a session running is saved in history as stopped first."""
        self.sessions.save_running("stopped")
        self.exit()

    def watch_theme(self, theme: str) -> None:
        """Save a theme chosen anywhere (settings or the palette) at once."""
        if theme != self.state.preferences.theme:
            self.state.update_preferences(theme=theme)
            self.report_notices()

    def set_reduced_motion(self, reduced: bool) -> None:
        """Turn animation off or back on (the setting; TEXTUAL_ANIMATIONS=none always wins)."""
        forced = os.environ.get("TEXTUAL_ANIMATIONS") == "none"
        self.animation_level = "none" if reduced or forced else "full"

    def make_screen(self, name: str) -> Screen[object]:
        """A new instance of the screen called `name`, with `name` as its id."""
        return make_screen(name)

    def action_open(self, name: str) -> None:
        """Open a screen by name; from a screen of the same name, do nothing."""
        if self.screen.id == name:
            return
        if any(screen.id == name for screen in self.screen_stack):
            # Each named screen is open once: a second one with the same id would crash, and
            # without the check repeated keys (f1 on Help) pile up screens without end. Popping
            # back to it could throw away what the screens above hold (a running session).
            title = screen_entry(name).title
            self.notify(f"{title} is already open under this screen: esc goes back to it.")
            return
        if len(self.screen_stack) > 2 and released_when_left(self.screen):
            self.call_next(self._open_in_place, name)
            return
        self.push_screen(self.make_screen(name))

    async def _open_in_place(self, name: str) -> None:
        """Close the screens being left that hold nothing to lose, then open `name`: they are
        not kept under the new one (their widgets were most of the memory after a tour of the
        app, docs/product.md 10); esc from the new screen goes back to the one they were
        opened from."""
        while len(self.screen_stack) > 2 and released_when_left(self.screen):
            await self.pop_screen()
        # A screen's widgets refer to each other in cycles, which only a full collection
        # frees: collected before the new screen is built, its memory is reused for it.
        gc.collect()
        if not any(screen.id == name for screen in self.screen_stack):
            await self.push_screen(self.make_screen(name))

    def action_command_palette(self) -> None:
        """Show the command palette (ours: Textual's without a crash on early page keys)."""
        from stretch_tui.screens.palette import StretchCommandPalette

        palette_id = "--command-palette"
        # A palette under a dialog, or one closed but not yet removed, still holds the id among
        # the app's registered nodes (`children` shows only the active screen).
        if not self.use_command_palette or any(
            node.id == palette_id for node in (*self.screen_stack, *self._nodes)
        ):
            return
        self.push_screen(StretchCommandPalette(id=palette_id))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette reaches every screen and action, besides Textual's own commands."""
        yield from super().get_system_commands(screen)
        for entry in SCREENS:
            if entry.opened_by_name:
                yield SystemCommand(
                    f"Open {entry.title}",
                    f"Go to the {entry.title} screen",
                    self._opener(entry.name),
                )
        yield SystemCommand(
            "Start the recommended session",
            "A guided session of the routine built from your screening and settings",
            self.start_session,
        )
        yield from self.screen_commands(screen)

    def screen_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The current screen's own actions, for the palette."""
        for key, binding in screen._bindings.key_to_bindings.items():
            for each in binding:
                if each.description and not each.action.startswith("app."):
                    yield SystemCommand(
                        each.description,
                        f"{screen.__class__.__name__.removesuffix('Screen')} ({key})",
                        self._runner(screen, each.action),
                    )

    def _opener(self, name: str) -> Callable[[], None]:
        return lambda: self.action_open(name)

    def _runner(self, screen: Screen[object], action: str) -> Callable[[], object]:
        return lambda: self.run_action(action, screen)

    def on_resize(self, event: events.Resize) -> None:
        """Swap in the "make the terminal larger" screen below the minimum size."""
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        from stretch_tui.screens.too_small import TooSmallScreen, is_too_small

        small = is_too_small(width, height)
        if small and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen())
        elif not small and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    def report_notices(self) -> None:
        """Show any file problems storage reported since the last call."""
        for notice in self.state.take_notices():
            self.notify(notice, title="File problem", severity="warning", timeout=12)
