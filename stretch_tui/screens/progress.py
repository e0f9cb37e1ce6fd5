"""Progress: until the progress issue lands, a plain list of the latest sessions."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from stretch_tui.screens.base import StretchScreen


class ProgressScreen(StretchScreen):
    """The sessions in history, newest first (the charts come with the progress issue)."""

    TITLE = "Progress"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="progress.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Progress", classes="screen-title")
            yield Static(
                "The calendar, trends and dose ledger are not built yet. "
                "Your sessions are all kept; `stretch-tui history` prints them.",
                classes="muted",
            )
            yield Static("", id="progress-sessions")
        yield Footer()
