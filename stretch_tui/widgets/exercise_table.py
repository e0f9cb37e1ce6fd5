"""A table of exercises that draws only the rows on screen, so replacing its rows is cheap.

Textual's DataTable measures and stores every row it is given: replacing 5,000 rows takes
hundreds of milliseconds, far over the library's 16 ms budget for a keystroke (docs/product.md 10).
This table keeps the list it is handed and renders the visible lines on demand (Textual's
line API). It also scrolls itself, with a scrollbar drawn in its last column, because a
change of a scrolling widget's virtual size makes Textual lay out the whole screen again;
here a new filter result costs a list assignment and a repaint of this widget only.
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

from stretch_tui.domain.library import LibraryEntry

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


class ExerciseTable(Widget, can_focus=True):
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
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)
    """The highlighted row (0-based) of the current entries."""
    top_row: reactive[int] = reactive(0)
    """The first row on screen."""

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
        self._styles: dict[str, Style] = {}
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
    def highlighted(self) -> LibraryEntry | None:
        """The exercise under the cursor, or None when there are no rows."""
        if not self._entries:
            return None
        return self._entries[self.cursor_row]

    @property
    def visible_rows(self) -> int:
        """How many rows fit under the header."""
        return max(self.size.height - 1, 1)

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
            thumb = scrolls and self._scrollbar(line, visible)
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

    def validate_cursor_row(self, row: int) -> int:
        """Keep the cursor on a row."""
        return max(0, min(row, len(self._entries) - 1))

    def validate_top_row(self, row: int) -> int:
        """Never scroll past the last screenful."""
        return max(0, min(row, len(self._entries) - self.visible_rows))

    def _top_for(self, cursor: int, top: int) -> int:
        """The first row to show so that the cursor is on screen, moving as little as needed."""
        if cursor < top:
            top = cursor
        elif cursor >= top + self.visible_rows:
            top = cursor - self.visible_rows + 1
        return self.validate_top_row(top)

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Repaint the two rows that changed (or all, if the view scrolls)."""
        top = self._top_for(new, self.top_row)
        if top != self.top_row:
            self.top_row = top
        else:
            self._refresh_row(old)
            self._refresh_row(new)
        self._post_highlighted()

    def _refresh_row(self, row: int) -> None:
        y = row - self.top_row + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        """Keep the cursor on screen in the new size."""
        self._widths_for = -1
        self._lines.clear()
        self.top_row = self._top_for(self.cursor_row, self.top_row)

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

    def action_cursor_up(self) -> None:
        """Highlight the row above."""
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        """Highlight the row below."""
        self.cursor_row += 1

    def action_page_up(self) -> None:
        """Move the cursor up a screenful."""
        self.cursor_row -= max(self.visible_rows - 1, 1)

    def action_page_down(self) -> None:
        """Move the cursor down a screenful."""
        self.cursor_row += max(self.visible_rows - 1, 1)

    def action_first(self) -> None:
        """Highlight the first row."""
        self.cursor_row = 0

    def action_last(self) -> None:
        """Highlight the last row."""
        self.cursor_row = len(self._entries) - 1

    def action_select(self) -> None:
        """Choose the highlighted exercise."""
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.Selected(self, entry))

    def on_click(self, event: events.Click) -> None:
        """A click highlights a row; a click on the highlighted row (or a double click) opens."""
        row = event.y + self.top_row - 1
        if event.y < 1 or not 0 <= row < len(self._entries):
            return
        if row == self.cursor_row or event.chain > 1:
            self.cursor_row = row
            self.action_select()
        else:
            self.cursor_row = row

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls the rows (the cursor stays where it is unless it leaves)."""
        event.stop()
        self._scroll_by(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls the rows."""
        event.stop()
        self._scroll_by(-3)

    def _scroll_by(self, rows: int) -> None:
        self.top_row += rows
        top, bottom = self.top_row, self.top_row + self.visible_rows - 1
        self.cursor_row = max(top, min(self.cursor_row, bottom))

    def notify_style_update(self) -> None:
        """Forget the cached styles when the theme or the CSS changes."""
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def _style(self, name: str) -> Style:
        """A component class's style (`""`: the widget's own), kept until styles change."""
        style = self._styles.get(name)
        if style is None:
            if name:
                style = self.get_component_rich_style(f"exercise-table--{name}")
            else:
                style = self.rich_style
            self._styles[name] = style
        return style

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

    def _scrollbar(self, y: int, height: int) -> bool:
        """True when line `y` (of the rows below the header) is part of the scrollbar's thumb."""
        total = len(self._entries)
        if total <= height:
            return False
        thumb = max(1, round(height * height / total))
        start = round((height - thumb) * self.top_row / max(total - height, 1))
        return start <= y < start + thumb

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
        thumb = scrolls and y > 0 and self._scrollbar(y - 1, visible)
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
