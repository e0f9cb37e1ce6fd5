"""A progress bar that repaints only when its value changes.

Textual's `ProgressBar` refreshes itself every second to keep an ETA up to date, even when no
ETA is shown; over a slow SSH link that is a needless repaint per bar per second
(docs/product.md 10).
This one drops that timer; bind `progress` to a value that moves in coarse steps.
"""

from __future__ import annotations

from textual import events, on
from textual.widgets import ProgressBar


class CoarseProgressBar(ProgressBar):
    """`ProgressBar(total=1.0)` without the ETA and without the once-a-second refresh."""

    def __init__(
        self, *, show_percentage: bool = False, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(
            total=1.0, show_eta=False, show_percentage=show_percentage, id=id, classes=classes
        )

    @on(events.Mount)
    def draw_without_eta_timer(self, event: events.Mount) -> None:
        """Draw once; the base class's mount handler (the ETA timer) is not run."""
        event.prevent_default()
        self.update()
