"""What every stretch-tui screen shares: typed access to the app and its state, and the one
way a dialog closes (once).

A dialog can be asked to close more than once before it is gone: two keys typed quickly
both reach it (the second is already queued for the dialog's focused button when the first
closes it), or a key and a click, or a key and a quit. Closing twice calls the result
callback twice (an `InvalidStateError` when someone awaits the result) and pops the screen
underneath as well. `AnswersOnce` is the one guard against that whole class: the first
answer closes the dialog, and from then on, or while the dialog is not the top screen, or
once the app is quitting, every answer, key binding and action of the dialog is ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual.app import App

    from stretch_tui.app import StretchApp
    from stretch_tui.state import AppState

ResultT = TypeVar("ResultT")
"""What a dialog answers with."""


class _AppAccess:
    if TYPE_CHECKING:
        app: App[Any]

    @property
    def stretch_app(self) -> StretchApp:
        """The app, typed."""
        return cast("StretchApp", self.app)

    @property
    def state(self) -> AppState:
        """The app's data."""
        return self.stretch_app.state


class StretchScreen(_AppAccess, Screen[object]):
    """A full screen of the app."""

    def leave(self) -> None:
        """Close this screen, back to the one under it, but only while it is the top screen.

        `App.pop_screen` closes whatever screen is on top. A key queued for this screen can
        arrive after another opened over it (a second escape typed quickly, a dialog's
        answer), and popping then would close that one instead: a running session, whose
        time was then never saved (the random-key test found it). A key that arrives before
        the screen has finished mounting does nothing either: closed then, its `on_mount` would
        run on a screen whose widgets are already gone."""
        if self.is_active and self.is_mounted:
            self.app.pop_screen()

    def action_leave_screen(self) -> None:
        """Back to the screen under this one (see `leave`)."""
        self.leave()


class AnswersOnce(ModalScreen[ResultT]):
    """A screen over another that closes at most once and takes no input once closing.

    Answer with `answer(result)`; a plain `dismiss` (Textual's own, when it pops screens)
    is also done at most once. (A subclass lists Textual's screen class first when it has
    one, as the palette does: Textual takes styles only along the first base class.)
    """

    _closing_once = False

    @property
    def answered(self) -> bool:
        """True once the screen was dismissed (it may still be on its way out)."""
        return self._closing_once

    @property
    def accepts_answers(self) -> bool:
        """True while an answer would be taken: not answered yet, the top screen, and the
        app not quitting."""
        return (
            not self._closing_once
            and self.is_active
            and not getattr(self.app, "exiting", False)  # StretchApp's flag
        )

    def answer(self, result: ResultT) -> None:
        """Close with `result`, unless the screen cannot answer any more (see
        `accepts_answers`): then nothing happens."""
        if self.accepts_answers:
            self.dismiss(result)

    def answer_by_switching_to(self, screen: Screen[Any]) -> None:
        """Close by putting `screen` in this one's place (Textual's `switch_screen`), under the
        same rule as `answer`; no result is given (for a screen pushed without a callback)."""
        if self.accepts_answers:
            self._closing_once = True
            self.app.switch_screen(screen)

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Dismiss the screen (Textual's `Screen.dismiss`) the first time; later calls do
        nothing, and so does a call while another screen is on top (Textual would pop that
        one instead)."""
        if self._closing_once or not self.is_active:
            return cast(AwaitComplete, AwaitComplete.nothing())  # type: ignore[no-untyped-call]
        self._closing_once = True
        return super().dismiss(result)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key binding or action of the screen runs once it is closing or not on top."""
        if not self.accepts_answers:
            return False
        return super().check_action(action, parameters)


class StretchModal(_AppAccess, AnswersOnce[ResultT]):
    """A dialog over a screen, answered once with a `ResultT` (see `AnswersOnce`)."""
