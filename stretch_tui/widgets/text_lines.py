"""A widget drawn from one Rich `Text` of whole lines, turned into screen lines once per change.

Textual turns a widget's `render()` result into lines by way of its `Content`: every cell gets
a selection offset, and every cell is then looked at again for a link. For the heat map's
four hundred cells, the charts and the ledger that was most of the progress screen's paint
(docs/product.md 10). These widgets have no links and nothing to select, so their `Text` is
cut into lines here, directly, and the lines are kept until the widget changes (`redraw`),
is resized or is restyled.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


class TextLines(Widget):
    """A widget whose `render()` gives one `Text` of whole lines, never wrapped: each line is
    cropped to the width (or ends in `…` when the `Text` says `overflow="ellipsis"`).

    An optional title line goes above them (a widget fewer than a heading of its own: each
    widget of a screen costs it time to mount, style and lay out)."""

    DEFAULT_CSS = """
    TextLines > .text-lines--title {
        text-style: bold;
        color: $accent;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"text-lines--title"}
    """`--title` styles the title line."""

    def __init__(
        self,
        *,
        title: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._lines: list[Strip] | None = None
        self._lines_width = -1
        self._title = title

    @property
    def title(self) -> str:
        """The line above the widget's own; empty for none."""
        return self._title

    @title.setter
    def title(self, title: str) -> None:
        if title != self._title:
            layout = not title or not self._title
            self._title = title
            self.redraw(layout=layout)

    @property
    def title_rows(self) -> int:
        """1 with a title, else 0."""
        return 1 if self._title else 0

    def render(self) -> Text:
        """The widget's lines, newline-separated."""
        raise NotImplementedError

    def redraw(self, layout: bool = False) -> None:
        """Forget the lines kept, and paint again (asking for a new layout if the height may
        have changed)."""
        self._lines = None
        self.refresh(layout=layout)

    def notify_style_update(self) -> None:
        """A new theme or class: the lines' colours change."""
        self._lines = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        """Line `y` of the text, over the widget's own colours."""
        width = self.content_size.width
        if self._lines is None or width != self._lines_width:
            self._lines = self._cut_lines(width)
            self._lines_width = width
        if 0 <= y < len(self._lines):
            return self._lines[y]
        return Strip.blank(width, self.visual_style.rich_style)

    def _cut_lines(self, width: int) -> list[Strip]:
        base = self.visual_style.rich_style
        console = self.app.console
        text = self.render()
        overflow = text.overflow or "crop"
        lines = []
        parts = list(text.split("\n", allow_blank=True)) if text.plain else []
        if self._title:
            title_style = self.get_component_rich_style("text-lines--title")
            parts.insert(0, Text().append(self._title, style=title_style))
        for index, line in enumerate(parts):
            # A title too long for the width says so; the widget's own lines say how.
            line.truncate(width, overflow="ellipsis" if index < self.title_rows else overflow)
            # `Text.render` leaves out the text's own style (a console adds it): added here.
            style = base + console.get_style(line.style) if line.style else base
            segments = Segment.simplify(Segment.apply_style(line.render(console), style))
            lines.append(Strip(list(segments)))
        return lines
