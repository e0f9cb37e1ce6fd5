"""What every stretch-tui screen shares: typed access to the app and its state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual.app import App

    from stretch_tui.app import StretchApp
    from stretch_tui.state import AppState


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


class StretchModal(_AppAccess, ModalScreen[object]):
    """A dialog over a screen."""
