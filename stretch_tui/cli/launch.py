"""Starting the full-screen app from the command line."""

from __future__ import annotations

import sys

from stretch_tui.storage.paths import AppPaths


def run_app(paths: AppPaths, screen: str | None = None) -> int:
    """Run the app on `screen` (Home when None); returns the exit status.

    Needs a terminal: without one, says so in one line instead of drawing into a pipe.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "stretch-tui: the app needs a terminal; for output you can pipe, "
            "try `stretch-tui list` or `stretch-tui --help`",
            file=sys.stderr,
        )
        return 2
    from stretch_tui.app import StretchApp
    from stretch_tui.state import AppState

    app = StretchApp(AppState(paths), start_screen=screen)
    result = app.run()
    return result if isinstance(result, int) else 0
