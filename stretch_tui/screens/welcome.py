"""First run: a short welcome, the self-care notice, and the offer to take the screening."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from stretch_tui.screens.base import StretchModal
from stretch_tui.screens.notice import SELF_CARE_NOTICE
from stretch_tui.widgets.key_footer import KeyFooter

WELCOME_TEXT = (
    "Welcome to stretch-tui, a trainer for lower back and hip pain.\n\n"
    "A short screening first checks for warning signs that need a clinician, then asks "
    "which movements ease your pain. The app uses the answer to suggest stretches that "
    "suit you and to flag the ones that may not. It takes about two minutes."
)


class WelcomeScreen(StretchModal[None]):
    """Shown until the self-care notice has been acknowledged once."""

    DEFAULT_CSS = """
    /* Opaque, unlike other dialogs: the first thing a new user sees stands alone. On a bare
       first start there is nothing under it yet (Home comes when it closes); opened on
       another screen (`stretch-tui library`), that screen fills in after the first frame. */
    WelcomeScreen { align: center middle; background: $background; }
    WelcomeScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    WelcomeScreen #welcome-buttons { height: auto; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "screening", "Take the screening", id="welcome.screening"),
        Binding("l,escape", "later", "Later", id="welcome.later"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("stretch-tui", classes="screen-title")
            yield Static(WELCOME_TEXT)
            yield Static(SELF_CARE_NOTICE, classes="notice", id="self-care-notice")
            with Horizontal(id="welcome-buttons"):
                yield Button("Take the screening (s)", variant="primary", id="take-screening")
                yield Button("Later (l)", id="later")
        yield KeyFooter()

    def _acknowledge(self) -> None:
        self.state.update_preferences(notice_seen=True)
        self.stretch_app.report_notices()
        self.stretch_app.leave_welcome(self)

    @on(Button.Pressed, "#take-screening")
    def action_screening(self) -> None:
        """Acknowledge the notice and go to the screening."""
        self._acknowledge()
        self.stretch_app.action_open("screening")

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        """Acknowledge the notice and stay on Home."""
        self._acknowledge()
