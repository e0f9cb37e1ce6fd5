"""Home's menu: a line a choice, the highlighted one drawn as a cursor; enter or a click chooses.

It looks and moves like Textual's `OptionList`, which it replaces on Home: an option list is
a scrolling container of its own, with five component classes to style, and it was a good
part of what Home cost its first frame over a bare Textual app's (docs/product.md 10). This
widget draws its few lines itself; the cursor, the moves and the wheel come from
`RowCursorList` (`row_cursor_list.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from stretch_tui.widgets.row_cursor_list import RowCursorList, fit_line

Choice = tuple[str, str]
"""A line of the menu: what it chooses (an id) and the words shown."""


class HomeMenu(RowCursorList):
    """The choices, one a line; posts `Chosen` on enter or a click on a line."""

    DEFAULT_CSS = """
    HomeMenu {
        height: auto;
        max-height: 100%;
        color: $foreground;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
    }
    HomeMenu:focus {
        border: tall $border;
        background-tint: $foreground 5%;
    }
    HomeMenu > .home-menu--cursor {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    HomeMenu:focus > .home-menu--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    HomeMenu > .home-menu--hover {
        background: $block-hover-background;
    }
    HomeMenu > .home-menu--scrollbar {
        color: $scrollbar;
        background: $scrollbar-background;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "home-menu--cursor",
        "home-menu--hover",
        "home-menu--scrollbar",
    }
    """The highlighted line, the line under the mouse and the scrollbar."""

    COMPONENT_PREFIX = "home-menu"
    HEADER_LINES = 0
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose", show=False),
    ]

    class Chosen(Message):
        """The line whose id is `choice` was chosen."""

        def __init__(self, menu: HomeMenu, choice: str) -> None:
            super().__init__()
            self.menu = menu
            self.choice = choice

        @property
        def control(self) -> HomeMenu:
            """The menu, for `@on(HomeMenu.Chosen, "#id")`."""
            return self.menu

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._choices = tuple(choices)
        self._hover: int | None = None

    @property
    def row_count(self) -> int:
        """How many choices there are."""
        return len(self._choices)

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The choices' ids, top to bottom."""
        return tuple(choice for choice, _ in self._choices)

    @property
    def highlighted(self) -> str:
        """The id of the highlighted choice."""
        return self._choices[self.cursor_row][0]

    def label(self, choice: str) -> str:
        """The words shown for `choice`."""
        return dict(self._choices)[choice]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the longest line."""
        return max((cell_len(label) for _, label in self._choices), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """A line a choice."""
        return len(self._choices)

    def action_choose(self) -> None:
        """Choose the highlighted line."""
        if self._choices:
            self.post_message(self.Chosen(self, self.highlighted))

    def _row_under(self, event: events.MouseEvent) -> int | None:
        """The row under the mouse; None on the border or below the last line."""
        offset = event.get_content_offset(self)
        return None if offset is None else self._row_at(offset.y)

    def on_click(self, event: events.Click) -> None:
        """A click on a line highlights and chooses it."""
        row = self._row_under(event)
        if row is not None:
            self.cursor_row = row
            self.action_choose()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The line under the mouse is shaded."""
        self._set_hover(self._row_under(event))

    def on_leave(self, event: events.Leave) -> None:
        """The mouse left: no line is shaded."""
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            old, self._hover = self._hover, row
            for each in (old, row):
                if each is not None:
                    self._refresh_row(each)

    def render_line(self, y: int) -> Strip:
        """Line `y`: a choice, with the scrollbar's column last when they do not all fit."""
        full_width = self.size.width
        scrolls = len(self._choices) > self.visible_rows
        width = full_width - 1 if scrolls else full_width
        base = self._style("")
        row = self.top_row + y
        if 0 <= row < len(self._choices):
            style = base
            if row == self.cursor_row:
                style = base + self._style("cursor")
            elif row == self._hover:
                style = base + self._style("hover")
            strip = Strip([Segment(fit_line(self._choices[row][1], width), style)], width)
        else:
            strip = Strip.blank(width, base)
        if not scrolls:
            return strip
        return Strip([*strip, self._scrollbar_cell(y)], full_width)
