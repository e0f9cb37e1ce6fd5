"""The baseline for launch time and memory: a minimal Textual app (a header, a line, a footer).

    python benchmarks/minimal_app.py

launch_bench.py starts it in a pseudo-terminal next to stretch-tui and times both to their
first full frame; ctrl+c quits, as in stretch-tui.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

READY_TEXT = "Minimal Textual app: ready."
"""What the app shows, for the benchmark to wait for."""


class MinimalApp(App[None]):
    """A header, a static line and a footer: as little as a Textual app can be."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit", "Quit", priority=True),
    ]

    def compose(self) -> ComposeResult:
        """The three widgets."""
        yield Header()
        yield Static(READY_TEXT)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
