"""A list of rows of text under a header, with a row cursor: the progress screen's sessions.

Textual's DataTable would do, but importing it and its helpers keeps about 0.8 MiB of modules
for the rest of the process, and it measures and stores every cell it is given as a `Text`
(docs/product.md 10, memory). This list keeps the rows as tuples of strings, sizes its
columns from them as they come, draws only the lines on screen (Textual's line API), and
scrolls itself, with a scrollbar in its last column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

Row = tuple[str, ...]
"""One row: a string per column."""


def fit(text: str, width: int) -> str:
    """The text cut or padded to exactly `width` cells."""
    return set_cell_size(text, max(width, 0))


def fit_line(text: str, width: int) -> str:
    """A whole line to exactly `width` cells, ending in `…` where its text is cut."""
    if width > 0 and cell_len(text.rstrip()) > width:
        return set_cell_size(text, width - 1) + "…"
    return fit(text, width)


class SessionList(Widget, can_focus=True):
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

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)
    """The highlighted row (0-based)."""
    top_row: reactive[int] = reactive(0)
    """The first row on screen."""

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
        self._styles: dict[str, Style] = {}

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return len(self._rows)

    @property
    def visible_rows(self) -> int:
        """How many rows fit under the header."""
        return max(self.size.height - 1, 1)

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

    def validate_cursor_row(self, row: int) -> int:
        """Keep the cursor on a row."""
        return max(0, min(row, len(self._rows) - 1))

    def validate_top_row(self, row: int) -> int:
        """Never scroll past the last screenful."""
        return max(0, min(row, len(self._rows) - self.visible_rows))

    def _top_for(self, cursor: int, top: int) -> int:
        """The first row to show so that the cursor is on screen, moving as little as needed."""
        if cursor < top:
            top = cursor
        elif cursor >= top + self.visible_rows:
            top = cursor - self.visible_rows + 1
        return self.validate_top_row(top)

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Repaint the two rows that changed (or all, if the view scrolls); say where the
        cursor is."""
        top = self._top_for(new, self.top_row)
        if top != self.top_row:
            self.top_row = top
        else:
            self._refresh_row(old)
            self._refresh_row(new)
        if self._rows:
            self.post_message(self.Highlighted(self, new))

    def _refresh_row(self, row: int) -> None:
        y = row - self.top_row + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

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
        self.cursor_row -= self.visible_rows

    def action_page_down(self) -> None:
        """Move the cursor down a screenful."""
        self.cursor_row += self.visible_rows

    def action_first(self) -> None:
        """Highlight the first row."""
        self.cursor_row = 0

    def action_last(self) -> None:
        """Highlight the last row."""
        self.cursor_row = len(self._rows) - 1

    def on_click(self, event: events.Click) -> None:
        """A click on a row highlights it."""
        row = event.y + self.top_row - 1
        if event.y >= 1 and 0 <= row < len(self._rows):
            self.cursor_row = row

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls the rows (the cursor stays where it is unless it leaves)."""
        if self._scroll_by(3):
            event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls the rows."""
        if self._scroll_by(-3):
            event.stop()

    def _scroll_by(self, rows: int) -> bool:
        """Scroll; False when the rows were already at that end (the screen scrolls then)."""
        top = self.validate_top_row(self.top_row + rows)
        if top == self.top_row:
            return False
        self.top_row = top
        bottom = top + self.visible_rows - 1
        cursor = max(top, min(self.cursor_row, bottom))
        if cursor != self.cursor_row:
            self.cursor_row = cursor
        return True

    def notify_style_update(self) -> None:
        """Forget the styles kept when the theme or the CSS changes."""
        super().notify_style_update()
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """A component class's style (`""`: the widget's own), kept until styles change."""
        style = self._styles.get(name)
        if style is None:
            if name:
                style = self.get_component_rich_style(f"session-list--{name}")
            else:
                style = self.visual_style.rich_style
            self._styles[name] = style
        return style

    def _line_text(self, cells: Row) -> str:
        widths = self._widths
        return "".join(f" {fit(cell, width)} " for cell, width in zip(cells, widths, strict=False))

    def _thumb(self, y: int, height: int) -> bool:
        """True when line `y` (of the rows below the header) is part of the scrollbar's thumb."""
        total = len(self._rows)
        thumb = max(1, round(height * height / total))
        start = round((height - thumb) * self.top_row / max(total - height, 1))
        return start <= y < start + thumb

    def render_line(self, y: int) -> Strip:
        """Line `y`: the header on the first line, rows under it, the scrollbar's column
        last when the rows do not all fit."""
        full_width = self.size.width
        visible = max(self.size.height - 1, 1)
        scrolls = len(self._rows) > visible
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
        thumb = y > 0 and self._thumb(y - 1, visible)
        bar = Segment("█" if thumb else " ", base + self._style("scrollbar"))
        return Strip([*strip, bar], full_width)
