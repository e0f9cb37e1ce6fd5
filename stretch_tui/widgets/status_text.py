"""A line or two of text that repaints only itself when it changes."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusText(Widget):
    """A line or two of text with a fixed size, so that changing it repaints only itself.

    (A Static asks for a layout of the whole screen on every update, which a keystroke in the
    library cannot afford.)
    """

    text: reactive[Text] = reactive(Text, always_update=True)
    """What it says."""

    def render(self) -> Text:
        """The text, wrapped to the width."""
        return self.text
