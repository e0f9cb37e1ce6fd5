"""Below about 60x20 the layout cannot work: say so instead of drawing a broken screen."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Static

from stretch_tui.screens.base import StretchModal

MIN_WIDTH = 60
"""Below this many columns the app asks for a larger terminal (docs/product.md 11)."""
MIN_HEIGHT = 20
"""Below this many rows the app asks for a larger terminal."""


def is_too_small(width: int, height: int) -> bool:
    """True when a terminal of `width` x `height` cannot show the app's layouts."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(StretchModal[None]):
    """Covers everything until the terminal is large enough again (the app pops it)."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen > Static { width: auto; max-width: 100%; padding: 0 1; text-align: center; }
    """

    def compose(self) -> ComposeResult:
        yield Static(self._message(), id="too-small-message")

    def on_resize(self, event: events.Resize) -> None:
        """Keep the shown size current while the user resizes."""
        self.query_one("#too-small-message", Static).update(self._message())

    def _message(self) -> str:
        width, height = self.app.size
        return (
            f"Make the terminal larger: stretch-tui needs at least {MIN_WIDTH}x{MIN_HEIGHT} "
            f"(now {width}x{height}). Ctrl+C quits."
        )
