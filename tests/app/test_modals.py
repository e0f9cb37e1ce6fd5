"""Dialogs answer once, and ctrl+c quits ahead of every key typed before it.

Both bugs were found by the end-to-end random-key test (tests/e2e/test_random_keys.py):

- Two keys typed quickly both reached a dialog: the second is already queued for the
  dialog's focused button when the first closes it, so the dialog answered twice, which
  called the answer's callback twice (Textual's `InvalidStateError`) or popped the screen
  underneath as well. Every dialog now answers once (`screens.base.AnswersOnce`).
- ctrl+c waited its turn behind every key typed before it: a key that opens or closes a
  screen takes tens of milliseconds, so after a burst the app ignored ctrl+c for seconds.
  It now jumps the queue (`StretchApp.post_message`).

The keys are posted straight into the app's queue, all before the app handles any, which is
what a burst from a terminal does (`pilot.press` waits for the app between keys).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from stretch_tui.app import StretchApp
from stretch_tui.screens.base import StretchModal
from stretch_tui.screens.dialogs import ConfirmDialog
from stretch_tui.screens.home import HomeScreen
from stretch_tui.screens.library import LibraryScreen
from stretch_tui.screens.palette import StretchCommandPalette
from stretch_tui.screens.session_dialogs import HurtDialog
from stretch_tui.widgets.filter_bar import SearchField
from tests.appkit import make_app

TURNS = 500
"""Turns of the app's loop to wait at most for what a test waits for."""


def burst(app: StretchApp, *keys: str) -> None:
    """Put `keys` in the app's queue at once, as a terminal does with fast typing."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def settle(app: StretchApp, pilot: object, until: object) -> None:
    """Let the app run until `until()` holds (at most `TURNS` turns)."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot) and callable(until)
    for _ in range(TURNS):
        if until():
            return
        await pilot.pause()
    assert until(), "the app never got there"


async def test_a_dialog_answered_twice_in_quick_succession_closes_once(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home)
    answers: list[bool | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, HomeScreen))
        app.push_screen(ConfirmDialog("Really?"), answers.append)
        await settle(app, pilot, lambda: isinstance(app.screen, ConfirmDialog))
        # Enter on the focused yes button, tab to no, enter: both presses reach the dialog
        # (the shortest sequence that closed it twice, found by trying every sequence of up
        # to three keys), and the second used to pop Home as well.
        burst(app, "enter", "tab", "enter")
        await settle(
            app, pilot, lambda: bool(answers) and not isinstance(app.screen, ConfirmDialog)
        )
        for _ in range(5):  # time for a second answer to arrive, if one could
            await pilot.pause()
        assert answers == [True]
        # The second press did not pop Home as well. (When the dialog is gone before the
        # last enter is handled, that enter reaches Home's menu and may open a screen over
        # Home: which one depends on timing, so only Home's place in the stack is checked.)
        assert isinstance(app.screen_stack[1], HomeScreen)
        assert not any(isinstance(screen, ConfirmDialog) for screen in app.screen_stack)


async def test_yes_then_no_in_quick_succession_keeps_the_first_answer(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home)
    answers: list[bool | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, HomeScreen))
        app.push_screen(HurtDialog("Cobra"), answers.append)
        await settle(app, pilot, lambda: isinstance(app.screen, HurtDialog))
        burst(app, "y", "n", "escape")
        await settle(app, pilot, lambda: isinstance(app.screen, HomeScreen) and answers)
        for _ in range(5):
            await pilot.pause()
        assert answers == [True]
        assert isinstance(app.screen, HomeScreen)


async def test_a_dialog_not_on_top_takes_no_answer(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    answers: list[bool | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.screen, HomeScreen))
        dialog = ConfirmDialog("Really?")
        app.push_screen(dialog, answers.append)
        await settle(app, pilot, lambda: app.screen is dialog)
        app.action_command_palette()
        await settle(app, pilot, lambda: isinstance(app.screen, StretchCommandPalette))
        # A late button press for the dialog under the palette: no answer, no pop.
        dialog.answer(True)
        assert not dialog.check_action("answer", (True,))
        await pilot.pause()
        assert answers == []
        assert isinstance(app.screen, StretchCommandPalette)
        await pilot.press("escape")
        await settle(app, pilot, lambda: app.screen is dialog)
        await pilot.press("n")
        await settle(app, pilot, lambda: answers == [False])


def test_every_dialog_of_the_app_answers_once() -> None:
    """Every modal screen class derives from the one base (checked by import, so a new
    dialog on Textual's plain `ModalScreen` fails here)."""
    import importlib
    import pkgutil

    from textual.command import CommandPalette
    from textual.screen import ModalScreen

    import stretch_tui.screens
    from stretch_tui.screens.base import AnswersOnce

    for module in pkgutil.iter_modules(stretch_tui.screens.__path__):
        importlib.import_module(f"stretch_tui.screens.{module.name}")
    found = []
    pending: list[type] = [ModalScreen]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("stretch_tui.") and cls is not AnswersOnce:
            found.append(cls)
            assert issubclass(cls, AnswersOnce), f"{cls.__name__} can answer twice"
            if not issubclass(cls, CommandPalette):
                assert issubclass(cls, StretchModal), cls.__name__
    assert {cls.__name__ for cls in found} >= {"ConfirmDialog", "HurtDialog", "WelcomeScreen"}


@pytest.mark.parametrize("typed", [1, 300])
async def test_ctrl_c_quits_ahead_of_the_keys_typed_before_it(
    isolated_home: Path, typed: int
) -> None:
    """The hang the random-key test found, shrunk: keys still queued, then ctrl+c. Before,
    the app handled every key before ctrl+c first (a backlog of 1,676 keys in the run that
    found it, seconds of screens opening and closing); one queued key is the smallest case
    of that order. Now the keys still queued are dropped and the app quits."""
    app = make_app(isolated_home, "library")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot, lambda: isinstance(app.focused, SearchField))
        search = app.focused
        assert isinstance(search, SearchField) and isinstance(app.screen, LibraryScreen)
        burst(app, *("pigeon" * 50)[:typed], "ctrl+c")
        await settle(app, pilot, lambda: not app.is_running or app._exit)
        assert app.exiting
        # Not one key of the burst reached the search: the quit came first.
        assert search.value == ""
    assert app.return_code == 0
