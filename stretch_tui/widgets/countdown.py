"""The runner's big countdown: whole seconds as `m:ss` in large digits.

It repaints only when the whole second shown changes (the screen binds `seconds` to a value
that changes once a second), which keeps the bytes sent during a hold small (docs/product.md 10).
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Digits

from stretch_tui.domain.session_display import format_clock


class Countdown(Digits):
    """Seconds left, drawn large. Bind `seconds`; the classes `flash` (a cue just played),
    `last-seconds` and `paused` are styled by the screen's stylesheet."""

    DEFAULT_CSS = """
    Countdown {
        width: auto;
    }
    """

    seconds: reactive[int] = reactive(0, init=False)
    """Whole seconds to show."""

    def __init__(
        self, seconds: int = 0, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(format_clock(seconds), id=id, classes=classes)
        self.set_reactive(Countdown.seconds, seconds)

    def watch_seconds(self, seconds: int) -> None:
        """Show the new value (Digits repaints only itself)."""
        self.update(format_clock(seconds))
