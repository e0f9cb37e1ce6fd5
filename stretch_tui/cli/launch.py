"""Starting the full-screen app from the command line, and closing it cleanly on a signal.

A hang-up (SIGHUP: the SSH connection dropped, the terminal window closed) or a terminate
(SIGTERM) puts a running session in history as `interrupted` and exits the app normally, which
restores the terminal; only SIGKILL leaves an in-progress file, recovered at the next start.
"""

from __future__ import annotations

import gc
import os
import signal
import sys

from stretch_tui.storage.paths import AppPaths

EXIT_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
"""The signals that save a running session and exit cleanly."""


def check_routine_id(paths: AppPaths, routine_id: str) -> None:
    """Raise `UsageError` (one line: the known ids) when no routine has that id; read without
    starting the app, so a typo never opens a full screen."""
    from stretch_tui.cli.usage import UsageError
    from stretch_tui.domain.routine import RECOMMENDED_ID
    from stretch_tui.storage.user_catalog import load_all_routines, load_user_catalog

    if routine_id == RECOMMENDED_ID:
        return
    routines, _problems = load_all_routines(paths, load_user_catalog(paths))
    if routine_id not in routines:
        known = ", ".join([RECOMMENDED_ID, *sorted(routines)])
        raise UsageError(f"unknown routine `{routine_id}`; known routines: {known}")


def check_resumable(paths: AppPaths) -> None:
    """Raise `UsageError` (one line) when `session --resume` has nothing to go on with: no
    session was cut off, or another stretch-tui is running it. Whether the one found can
    still be resumed (not too old, its routine unchanged) the app says, once it opens."""
    from stretch_tui.cli.usage import UsageError
    from stretch_tui.storage.session_state import load_in_progress, session_running

    if session_running(paths):
        raise UsageError(
            "the session is running in another stretch-tui window; go on with it there"
        )
    if load_in_progress(paths).value is None:
        raise UsageError("there is no session to resume")


def run_app(paths: AppPaths, screen: str | None = None, routine: str | None = None) -> int:
    """Run the app on `screen` (Home when None; `session` runs `routine`, default the
    recommended one; `resume` goes on with the session cut off); returns the exit status.

    Needs a terminal: without one, says so in one line instead of drawing into a pipe. A
    browser tab's app (`stretch-tui serve`) has pipes to textual-serve instead, and Textual's
    web driver to speak over them.
    """
    from stretch_tui.sound.mode import in_browser

    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not in_browser(os.environ):
        print(
            "stretch-tui: the app needs a terminal; for output you can pipe, "
            "try `stretch-tui list` or `stretch-tui --help`",
            file=sys.stderr,
        )
        return 2
    # The launch makes hundreds of thousands of objects that live as long as the app (modules,
    # classes, styles, widgets): the collector's passes over them, which free next to nothing,
    # took a tenth of the time to the first frame (docs/product.md 10). The app turns
    # collection back on after its first frame (`StretchApp._after_first_frame`).
    gc.disable()
    from stretch_tui.app import StretchApp
    from stretch_tui.state import AppState

    app = StretchApp(AppState(paths), start_screen=screen, start_routine=routine)
    app.exit_signals = EXIT_SIGNALS
    result = app.run()
    if app.exit_watchdog is not None:
        app.exit_watchdog.cancel()
    if isinstance(result, int):
        return result
    # An unhandled error ends the app with Textual's return code (1) and no result.
    return app.return_code or 0
