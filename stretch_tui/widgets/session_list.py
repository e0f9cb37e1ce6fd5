"""A list of rows of text under a header, with a row cursor: the progress screen's sessions.

Textual's DataTable would do, but importing it and its helpers keeps about 0.8 MiB of modules
for the rest of the process, and it measures and stores every cell it is given as a `Text`
(docs/product.md 10, memory). This list keeps the rows as tuples of strings, sizes its
columns from them as they come, draws only the lines on screen (Textual's line API), and
scrolls itself, with a scrollbar in its last column. The cursor, scrolling and moves come
from `RowCursorList` (`row_cursor_list.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip

from stretch_tui.widgets.row_cursor_list import RowCursorList, fit, fit_line

Row = tuple[str, ...]
"""One row: a string per column."""


class SessionList(RowCursorList):
    """Rows of text in columns under a header line; the columns are as wide as their widest
    cell (or title), with a space either side. Posts `Highlighted` when the cursor moves to
    another row, by the keys, the mouse or `cursor_row`."""

    DEFAULT_CSS = """
    SessionList {
        height: auto;
        max-height: 100%;
        background: $surface;
        color: $foreground;
    }
    SessionList:focus {
        background-tint: $foreground 5%;
    }
    SessionList > .session-list--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    SessionList > .session-list--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    SessionList:focus > .session-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    SessionList > .session-list--scrollbar {
        color: $scrollbar;
        background: $scrollbar-background;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "session-list--header",
        "session-list--cursor",
        "session-list--scrollbar",
    }
    """The header line, the cursor's row and the scrollbar."""

    COMPONENT_PREFIX = "session-list"

    class Highlighted(Message):
        """The cursor is on row `cursor_row`."""

        def __init__(self, session_list: SessionList, cursor_row: int) -> None:
            super().__init__()
            self.session_list = session_list
            self.cursor_row = cursor_row

        @property
        def control(self) -> SessionList:
            """The list, for `@on(SessionList.Highlighted, "#id")`."""
            return self.session_list

    def __init__(
        self,
        *titles: str,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._titles: Row = titles
        self._rows: list[Row] = []
        self._widths = [cell_len(title) for title in titles]

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return len(self._rows)

    def row(self, index: int) -> Row:
        """Row `index`'s cells."""
        return self._rows[index]

    def clear(self) -> None:
        """No rows, the cursor back at the top."""
        self._rows = []
        self._widths = [cell_len(title) for title in self._titles]
        self.set_reactive(SessionList.cursor_row, 0)
        self.set_reactive(SessionList.top_row, 0)
        self.refresh()

    def add_rows(self, rows: Sequence[Row]) -> None:
        """Add rows at the end (the cursor stays where it is); the columns widen to fit."""
        for row in rows:
            for column, cell in enumerate(row[: len(self._widths)]):
                self._widths[column] = max(self._widths[column], cell_len(cell))
        self._rows.extend(rows)
        self.refresh()

    def replace_rows(self, rows: Sequence[Row]) -> None:
        """The same number of rows, perhaps with other text: the cursor stays on its row."""
        self._rows = []
        self._widths = [cell_len(title) for title in self._titles]
        self.add_rows(rows)
        self.cursor_row = self.validate_cursor_row(self.cursor_row)

    def _cursor_moved(self, row: int) -> None:
        if self._rows:
            self.post_message(self.Highlighted(self, row))

    def on_click(self, event: events.Click) -> None:
        """A click on a row highlights it."""
        row = self._row_at(event.y)
        if row is not None:
            self.cursor_row = row

    def _line_text(self, cells: Row) -> str:
        widths = self._widths
        return "".join(f" {fit(cell, width)} " for cell, width in zip(cells, widths, strict=False))

    def render_line(self, y: int) -> Strip:
        """Line `y`: the header on the first line, rows under it, the scrollbar's column
        last when the rows do not all fit."""
        full_width = self.size.width
        scrolls = len(self._rows) > self.visible_rows
        width = full_width - 1 if scrolls else full_width
        base = self._style("")
        row = self.top_row + y - 1
        if y == 0:
            style = base + self._style("header")
            strip = Strip([Segment(fit_line(self._line_text(self._titles), width), style)], width)
        elif 0 <= row < len(self._rows):
            style = base + self._style("cursor") if row == self.cursor_row else base
            text = fit_line(self._line_text(self._rows[row]), width)
            strip = Strip([Segment(text, style)], width)
        else:
            strip = Strip.blank(width, base)
        if not scrolls:
            return strip
        return Strip([*strip, self._scrollbar_cell(y)], full_width)
