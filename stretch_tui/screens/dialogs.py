"""Dialogs shared by several screens, and the base every dialog of the app is built on.

`StretchModal[ResultT]` (from `screens.base`) is a dialog answered once: `answer(result)`
closes it the first time and is ignored afterwards, and no key reaches it once it is
closing. Every modal screen of the app derives from it, so no dialog can be answered twice.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from stretch_tui.screens.base import AnswersOnce, StretchModal

__all__ = ["AnswersOnce", "ConfirmDialog", "StretchModal"]


class ConfirmDialog(StretchModal[bool]):
    """A yes/no question over the screen; answers True for yes, False for no (esc too)."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    ConfirmDialog #confirm-buttons { height: auto; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._question, markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self._yes} (y)", variant="primary", id="confirm-yes")
                yield Button(f"{self._no} (n)", id="confirm-no")

    def action_answer(self, yes: bool) -> None:
        """y or n (esc): close with the answer."""
        self.answer(yes)

    @on(Button.Pressed, "#confirm-yes")
    def confirm_from_button(self) -> None:
        """The yes button."""
        self.answer(True)

    @on(Button.Pressed, "#confirm-no")
    def decline_from_button(self) -> None:
        """The no button."""
        self.answer(False)
