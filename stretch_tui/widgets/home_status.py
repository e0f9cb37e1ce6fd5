"""Home's left column of text: the profile, the weekly re-rating, the recommended session and
the sessions, as one widget.

They were six `Static`s (two titles and four parts); each widget of a screen costs its first
frame time to mount, style and lay out, and these six were a fifth of what Home cost over a
bare Textual app (docs/product.md 10). One widget draws them all, each part a paragraph under
its title, wrapped to the column.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.widgets import Static

Part = Literal["profile", "rerate", "recommended", "history"]
"""A paragraph of the column."""


class HomeStatus(Static):
    """ "Your profile" (the profile, then the re-rating line when one is due), the recommended
    session under a blank line, and "Your sessions"; a part with no text leaves no line, except
    the recommended session's, which keeps its line while it is worked out."""

    DEFAULT_CSS = """
    HomeStatus {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._parts: dict[Part, str] = {
            "profile": "",
            "rerate": "",
            "recommended": "",
            "history": "",
        }
        self.update(self._text())

    def part(self, name: Part) -> str:
        """The text shown for `name` (empty when none)."""
        return self._parts[name]

    def set_part(self, name: Part, text: str) -> None:
        """Show `text` for `name` (empty for none); redrawn only when it changed."""
        if self._parts[name] != text:
            self._parts[name] = text
            self.update(self._text())

    def _text(self) -> Text:
        parts = self._parts
        lines = Text()
        lines.append("\nYour profile", style="bold")
        for name in ("profile", "rerate"):
            if parts[name]:
                lines.append(f"\n{parts[name]}")
        lines.append(f"\n\n{parts['recommended']}\n\n")
        lines.append("Your sessions", style="bold")
        if parts["history"]:
            lines.append(f"\n{parts['history']}")
        return lines
