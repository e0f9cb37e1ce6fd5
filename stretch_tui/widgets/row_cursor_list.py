"""Rows under a header line, drawn by the widget itself, with a row cursor: the part the
library's exercise table (`exercise_table.py`), the progress screen's sessions list
(`session_list.py`) and Home's menu (`home_menu.py`, without a header) share.

Both draw only the lines on screen (Textual's line API) and scroll themselves rather than
giving Textual a virtual size, which keeps a keystroke cheap (docs/product.md 10). This class
holds the cursor row and the first row on screen, keeps both in range and the cursor in
view, moves by a row, a page or to either end, follows the wheel, and repaints only the
lines a move changed; the subclasses hold the rows and draw them.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.widget import Widget

WHEEL_ROWS = 3
"""Rows one turn of the mouse wheel scrolls."""


def fit(text: str, width: int) -> str:
    """The text cut or padded to exactly `width` cells."""
    return set_cell_size(text, max(width, 0))


def fit_line(text: str, width: int) -> str:
    """A whole line to exactly `width` cells, ending in `…` where its text is cut."""
    if width > 0 and cell_len(text.rstrip()) > width:
        return set_cell_size(text, width - 1) + "…"
    return fit(text, width)


class RowCursorList(Widget, can_focus=True):
    """A header line (or none: `HEADER_LINES`), then one line a row from `top_row` on, with
    the cursor on `cursor_row`.

    A subclass gives `row_count`, `render_line` and `COMPONENT_PREFIX` (the start of its
    component classes' names, for `_style`); it may set `PAGE_OVERLAP` and
    `WHEEL_PASSES_AT_ENDS`, and override `_cursor_moved` to say where the cursor went.
    Textual calls the `on_…` handlers of every class in the chain, so a subclass's
    `on_resize` runs before this one's and does not call it itself.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    COMPONENT_PREFIX: ClassVar[str] = "row-cursor-list"
    """The start of the component classes' names: `_style("cursor")` is `PREFIX--cursor`."""

    PAGE_OVERLAP: ClassVar[int] = 0
    """Rows of the screenful before that a page move keeps in view."""

    WHEEL_PASSES_AT_ENDS: ClassVar[bool] = True
    """Whether a wheel turn past either end goes on to the screen (to scroll it)."""

    HEADER_LINES: ClassVar[int] = 1
    """Lines above the rows (the header); 0 for a list of rows alone."""

    cursor_row: reactive[int] = reactive(0, repaint=False)
    """The highlighted row (0-based)."""
    top_row: reactive[int] = reactive(0)
    """The first row on screen."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._styles: dict[str, Style] = {}

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        raise NotImplementedError

    @property
    def visible_rows(self) -> int:
        """How many rows fit under the header."""
        return max(self.size.height - self.HEADER_LINES, 1)

    def validate_cursor_row(self, row: int) -> int:
        """Keep the cursor on a row."""
        return max(0, min(row, self.row_count - 1))

    def validate_top_row(self, row: int) -> int:
        """Never scroll past the last screenful."""
        return max(0, min(row, self.row_count - self.visible_rows))

    def _top_for(self, cursor: int, top: int) -> int:
        """The first row to show so that the cursor is on screen, moving as little as needed."""
        if cursor < top:
            top = cursor
        elif cursor >= top + self.visible_rows:
            top = cursor - self.visible_rows + 1
        return self.validate_top_row(top)

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Repaint the two rows that changed (or all, if the view scrolls), then say so."""
        top = self._top_for(new, self.top_row)
        if top != self.top_row:
            self.top_row = top
        else:
            self._refresh_row(old)
            self._refresh_row(new)
        self._cursor_moved(new)

    def _cursor_moved(self, row: int) -> None:
        """The cursor is now on `row`: a subclass posts its message here."""

    def _refresh_row(self, row: int) -> None:
        y = row - self.top_row + self.HEADER_LINES
        if self.HEADER_LINES <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _row_at(self, y: int) -> int | None:
        """The row drawn on line `y`, or None for the header and the lines under the rows."""
        row = y + self.top_row - self.HEADER_LINES
        if y >= self.HEADER_LINES and 0 <= row < self.row_count:
            return row
        return None

    def on_resize(self, event: events.Resize) -> None:
        """Keep the cursor on screen in the new size."""
        self.top_row = self._top_for(self.cursor_row, self.top_row)

    def action_cursor_up(self) -> None:
        """Highlight the row above."""
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        """Highlight the row below."""
        self.cursor_row += 1

    def action_page_up(self) -> None:
        """Move the cursor up a screenful."""
        self.cursor_row -= max(self.visible_rows - self.PAGE_OVERLAP, 1)

    def action_page_down(self) -> None:
        """Move the cursor down a screenful."""
        self.cursor_row += max(self.visible_rows - self.PAGE_OVERLAP, 1)

    def action_first(self) -> None:
        """Highlight the first row."""
        self.cursor_row = 0

    def action_last(self) -> None:
        """Highlight the last row."""
        self.cursor_row = self.row_count - 1

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls the rows (the cursor stays where it is unless it leaves)."""
        if self._scroll_by(WHEEL_ROWS) or not self.WHEEL_PASSES_AT_ENDS:
            event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls the rows."""
        if self._scroll_by(-WHEEL_ROWS) or not self.WHEEL_PASSES_AT_ENDS:
            event.stop()

    def _scroll_by(self, rows: int) -> bool:
        """Scroll; False when the rows were already at that end."""
        top = self.validate_top_row(self.top_row + rows)
        if top == self.top_row:
            return False
        self.top_row = top
        bottom = top + self.visible_rows - 1
        cursor = max(top, min(self.cursor_row, bottom))
        if cursor != self.cursor_row:
            self.cursor_row = cursor
        return True

    def _thumb(self, y: int, height: int) -> bool:
        """True when line `y` (of the rows below the header) is part of the scrollbar's thumb."""
        total = self.row_count
        if total <= height:
            return False
        thumb = max(1, round(height * height / total))
        start = round((height - thumb) * self.top_row / max(total - height, 1))
        return start <= y < start + thumb

    def _scrollbar_cell(self, y: int) -> Segment:
        """The scrollbar's cell on line `y`: part of the thumb, or of the track (the header's
        lines are track)."""
        row = y - self.HEADER_LINES
        thumb = row >= 0 and self._thumb(row, self.visible_rows)
        return Segment("█" if thumb else " ", self._style("") + self._style("scrollbar"))

    def notify_style_update(self) -> None:
        """Forget the styles kept when the theme or the CSS changes."""
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """A component class's style (`""`: the widget's own), kept until styles change."""
        style = self._styles.get(name)
        if style is None:
            if name:
                style = self.get_component_rich_style(f"{self.COMPONENT_PREFIX}--{name}")
            else:
                style = self.visual_style.rich_style
            self._styles[name] = style
        return style
