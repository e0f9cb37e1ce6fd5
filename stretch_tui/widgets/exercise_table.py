"""A table of exercises that draws only the rows on screen, so replacing its rows is cheap.

Textual's DataTable measures and stores every row it is given: replacing 5,000 rows takes
hundreds of milliseconds, far over the library's 16 ms budget for a keystroke (docs/product.md 10).
This table keeps the list it is handed and renders the visible lines on demand (Textual's
line API). It also scrolls itself, with a scrollbar drawn in its last column, because a
change of a scrolling widget's virtual size makes Textual lay out the whole screen again;
here a new filter result costs a list assignment and a repaint of this widget only. The
cursor, scrolling and moves come from `RowCursorList` (`row_cursor_list.py`).
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
from textual.strip import Strip

from stretch_tui.domain.library import LibraryEntry
from stretch_tui.widgets.row_cursor_list import RowCursorList

LEVEL_SHORT = {"beginner": "beginner", "intermediate": "medium", "advanced": "advanced"}
"""Level words for narrow tables, where "intermediate" would take room from the names."""

CURSOR_MARK = "> "
"""Marks the highlighted row even without colour."""

_NOTHING_POSTED = object()
"""Stands for "no Highlighted message sent yet", which differs from an empty table."""

LINES_KEPT = 400
"""Drawn lines kept for reuse: a few screenfuls of rows, each with and without the cursor."""

STATUSES = ("ok", "caution", "opposite", "avoid", "advanced", "left-out")
"""The "For you" statuses, each with a component class for its colour."""


def fit(text: str, width: int) -> str:
    """The text cut (with an ellipsis) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ExerciseTable(RowCursorList):
    """Exercises with position, direction, level and the "For you" label, one per row.

    Posts `Highlighted` when the cursor lands on another exercise and `Selected` on enter or a
    click on the highlighted row.
    """

    DEFAULT_CSS = """
    ExerciseTable {
        height: 1fr;
    }
    ExerciseTable > .exercise-table--header {
        color: $text-muted;
        text-style: bold;
    }
    ExerciseTable > .exercise-table--cursor {
        background: $block-cursor-blurred-background;
        text-style: bold;
    }
    ExerciseTable:focus > .exercise-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    ExerciseTable > .exercise-table--scrollbar {
        color: $scrollbar;
        background: $scrollbar-background;
    }
    ExerciseTable > .exercise-table--ok { color: $text-success; }
    ExerciseTable > .exercise-table--caution { color: $text-warning; }
    ExerciseTable > .exercise-table--opposite { color: $text-warning; }
    ExerciseTable > .exercise-table--avoid { color: $text-error; text-style: bold; }
    ExerciseTable > .exercise-table--advanced { color: $text-muted; }
    ExerciseTable > .exercise-table--left-out { color: $text-muted; text-style: italic; }
    ExerciseTable > .exercise-table--empty { color: $text-muted; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "exercise-table--header",
        "exercise-table--cursor",
        "exercise-table--scrollbar",
        "exercise-table--empty",
        *(f"exercise-table--{status}" for status in STATUSES),
    }
    """The header, the cursor row, the scrollbar, the "no match" line and one class per
    "For you" status."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False),
    ]
    """Enter, besides `RowCursorList`'s moves."""

    COMPONENT_PREFIX = "exercise-table"
    PAGE_OVERLAP = 1
    WHEEL_PASSES_AT_ENDS = False

    class Highlighted(Message):
        """The cursor moved to another exercise (or the table became empty)."""

        def __init__(self, table: ExerciseTable, entry: LibraryEntry | None) -> None:
            super().__init__()
            self.table = table
            self.entry = entry

    class Selected(Message):
        """The user chose the highlighted exercise (enter, or a click on it)."""

        def __init__(self, table: ExerciseTable, entry: LibraryEntry) -> None:
            super().__init__()
            self.table = table
            self.entry = entry

    def __init__(
        self,
        *,
        empty_text: str = "No exercise matches.",
        focusable: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.can_focus = focusable
        self.empty_text = empty_text
        self._longest_name: int | None = None
        self._entries: Sequence[LibraryEntry] = ()
        self._widths: tuple[int, int, int, int, int, bool] | None = None
        self._widths_for = -1
        self._highlighted_id: str | None = None
        self._highlighted_entry: object = _NOTHING_POSTED
        self._lines: dict[tuple[int, int, bool, bool, bool, int], tuple[object, Strip]] = {}
        """Lines drawn, by entry (its id, or the line for no entry), cursor, scrollbar and
        width; each kept with its entry, so an id reused by another object is not mistaken."""

    @property
    def longest_name(self) -> int | None:
        """Width the name column asks for; None measures the rows.

        Set it once (from all the exercises) so the columns stay put while the rows change.
        """
        return self._longest_name

    @longest_name.setter
    def longest_name(self, width: int | None) -> None:
        self._longest_name = width
        self._widths_for = -1
        self._lines.clear()
        self.refresh()

    @property
    def entries(self) -> Sequence[LibraryEntry]:
        """The rows, in order."""
        return self._entries

    @property
    def row_count(self) -> int:
        """How many rows the table holds."""
        return len(self._entries)

    @property
    def highlighted(self) -> LibraryEntry | None:
        """The exercise under the cursor, or None when there are no rows."""
        if not self._entries:
            return None
        return self._entries[self.cursor_row]

    def set_entries(self, entries: Sequence[LibraryEntry]) -> None:
        """Show these rows, keeping the cursor on the same exercise when it is still there."""
        before = self._shown()
        self._entries = entries
        row = 0
        if self._highlighted_id is not None:
            for index, entry in enumerate(entries):
                if entry.exercise.id == self._highlighted_id:
                    row = index
                    break
        if self.longest_name is None:
            self._widths_for = -1  # the longest name may have changed
            self._lines.clear()
        self.set_reactive(ExerciseTable.cursor_row, row)
        self.set_reactive(ExerciseTable.top_row, self._top_for(row, self.top_row))
        self._refresh_changed(before, self._shown())
        self._post_highlighted()

    def _shown(self) -> list[tuple[object, bool, bool]]:
        """What each row line shows: its entry (or no rows at all), the cursor on it, and
        the scrollbar's thumb beside it."""
        visible = self.visible_rows
        entries, top, cursor = self._entries, self.top_row, self.cursor_row
        scrolls = len(entries) > visible
        shown: list[tuple[object, bool, bool]] = []
        for line in range(visible):
            row = top + line
            entry = entries[row] if row < len(entries) else None if entries else self
            thumb = scrolls and self._thumb(line, visible)
            shown.append((entry, row == cursor, thumb))
        return shown

    def _refresh_changed(
        self, before: list[tuple[object, bool, bool]], after: list[tuple[object, bool, bool]]
    ) -> None:
        """Repaint only the row lines whose content changed (a search that keeps the rows
        on screen, as a backspace back to them often does, repaints little)."""
        changed = [
            line
            for line, (old, new) in enumerate(zip(before, after, strict=True))
            if old[0] is not new[0] or old[1:] != new[1:]
        ]
        if self.longest_name is None or len(changed) * 2 > len(after):
            self.refresh()  # the columns follow the rows, or most lines changed
            return
        width = self.size.width
        for line in changed:
            self.refresh(Region(0, line + 1, width, 1))

    def _post_highlighted(self) -> None:
        entry = self.highlighted
        # Compared by identity: the same exercise with a new label (after the user left it out)
        # is a new entry and is announced again; rows kept while typing are not.
        if entry is self._highlighted_entry:
            return
        self._highlighted_entry = entry
        self._highlighted_id = entry.exercise.id if entry is not None else None
        self.post_message(self.Highlighted(self, entry))

    def _cursor_moved(self, row: int) -> None:
        self._post_highlighted()

    def on_resize(self, event: events.Resize) -> None:
        """Measure the columns again for the new size (`RowCursorList` then keeps the cursor
        on screen)."""
        self._widths_for = -1
        self._lines.clear()

    def move_cursor(self, where: str) -> None:
        """Move the cursor `up`, `down`, `page_up` or `page_down`: for a screen whose keys
        stay in a search field while they steer this table."""
        moves = {
            "up": self.action_cursor_up,
            "down": self.action_cursor_down,
            "page_up": self.action_page_up,
            "page_down": self.action_page_down,
        }
        moves[where]()

    def action_select(self) -> None:
        """Choose the highlighted exercise."""
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.Selected(self, entry))

    def on_click(self, event: events.Click) -> None:
        """A click highlights a row; a click on the highlighted row (or a double click) opens."""
        row = self._row_at(event.y)
        if row is None:
            return
        if row == self.cursor_row or event.chain > 1:
            self.cursor_row = row
            self.action_select()
        else:
            self.cursor_row = row

    def notify_style_update(self) -> None:
        """Forget the drawn lines when the theme or the CSS changes."""
        super().notify_style_update()
        self._lines.clear()

    def _column_widths(self, width: int) -> tuple[int, int, int, int, int, bool]:
        """Name, position, direction, level and "For you" widths, and whether levels are short.

        Position and direction are as wide as their longest word; the rest goes to the name
        (up to the longest name) and then to the "For you" label.
        """
        if width == self._widths_for and self._widths is not None:
            return self._widths
        position, direction = 9, 9
        inner = width - len(CURSOR_MARK) - 4  # a space between the five columns
        short_levels = inner - position - direction - 12 < 44
        level = 8 if short_levels else 12
        rest = max(inner - position - direction - level, 10)
        longest = self.longest_name
        if longest is None:
            longest = max((len(entry.exercise.name) for entry in self._entries), default=12)
        name = max(min(longest, rest - 20, 36), min(14, rest // 2))
        widths = (name, position, direction, level, rest - name, short_levels)
        self._widths, self._widths_for = widths, width
        return widths

    def render_line(self, y: int) -> Strip:
        """Line `y` of the widget: the header on the first line, rows under it.

        A row's line is kept (`_lines`) while its entry, the cursor on it and the scrollbar
        beside it stay the same, so a keystroke that shows other rows builds only the lines
        it has not drawn before.
        """
        size = self.size
        full_width = size.width
        visible = max(size.height - 1, 1)
        scrolls = len(self._entries) > visible
        row = self.top_row + y - 1
        entry = self._entries[row] if y and 0 <= row < len(self._entries) else None
        is_cursor = row == self.cursor_row
        thumb = scrolls and y > 0 and self._thumb(y - 1, visible)
        place = -1 if entry is not None else y if self._entries else -2 - y
        key = (id(entry), place, is_cursor, thumb, scrolls, full_width)
        kept = self._lines.get(key)
        if kept is not None and kept[0] is entry:
            return kept[1]
        strip = self._build_line(y, entry, is_cursor, thumb, scrolls, full_width)
        if len(self._lines) >= LINES_KEPT:
            self._lines.clear()
        self._lines[key] = (entry, strip)
        return strip

    def _build_line(
        self,
        y: int,
        entry: LibraryEntry | None,
        is_cursor: bool,
        thumb: bool,
        scrolls: bool,
        full_width: int,
    ) -> Strip:
        # The last column is always kept for the scrollbar, so the columns never shift when
        # a search makes the rows fit (or not).
        width = full_width - 1
        name_w, position_w, direction_w, level_w, you_w, short = self._column_widths(width)
        base = self._style("")
        if y == 0:
            text = " ".join(
                (
                    " " * len(CURSOR_MARK) + fit("Exercise", name_w),
                    fit("Position", position_w),
                    fit("Direction", direction_w),
                    fit("Level", level_w),
                    fit("For you", you_w),
                )
            )
            strip = Strip([Segment(fit(text, width), base + self._style("header"))], width)
            return self._with_scrollbar(strip, False, False, full_width, base)
        if not self._entries and y == 1:
            style = base + self._style("empty")
            return Strip([Segment(fit("  " + self.empty_text, full_width), style)], full_width)
        if entry is None:
            return self._with_scrollbar(Strip.blank(width, base), scrolls, thumb, full_width, base)
        exercise = entry.exercise
        row_style = base + self._style("cursor") if is_cursor else base
        level = LEVEL_SHORT[exercise.difficulty] if short else exercise.difficulty
        left = " ".join(
            (
                (CURSOR_MARK if is_cursor else " " * len(CURSOR_MARK)) + fit(exercise.name, name_w),
                fit(exercise.position, position_w),
                fit(exercise.direction, direction_w),
                fit(level, level_w),
                "",
            )
        )
        status = self._style(entry.for_you.status)
        # Only the status colour: the cursor's background stays under the label.
        you_style = row_style + Style(color=status.color, bold=status.bold, italic=status.italic)
        right = fit(entry.for_you.reason, max(width - cell_len(left), 0))
        strip = Strip([Segment(left, row_style), Segment(right, you_style)], width)
        return self._with_scrollbar(strip, scrolls, thumb, full_width, base)

    def _with_scrollbar(
        self, strip: Strip, scrolls: bool, thumb: bool, full_width: int, base: Style
    ) -> Strip:
        if not scrolls:
            return Strip([*strip, Segment(" ", base)], full_width)
        bar = Segment("█" if thumb else " ", base + self._style("scrollbar"))
        return Strip([*strip, bar], full_width)
