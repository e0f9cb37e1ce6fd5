"""The library's filter bar: the name search and one cycling control per filter.

Letters go to the name search; the filters are reached with tab (space or the arrow keys then
step through the values) or directly with function keys bound by the screen. Each change posts
`FilterBar.Changed` with the whole `LibraryFilter`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from attrs import evolve
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from stretch_tui.domain import vocabulary as vocab
from stretch_tui.domain.library import LibraryFilter

ANY = "any"
"""The first value of every filter: no filtering."""


class CycleChip(Widget, can_focus=True):
    """A small control showing `label: value` that steps through a fixed list of values.

    Space or right steps forward, left steps back, a click steps forward. Enter is left to the
    screen (in the library it opens the highlighted exercise).
    """

    DEFAULT_CSS = """
    CycleChip {
        width: auto;
        height: 1;
        padding: 0 1;
        margin-right: 1;
        background: $boost;
    }
    CycleChip:hover {
        background: $panel-lighten-1;
    }
    CycleChip:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    CycleChip.-active {
        text-style: bold;
    }
    CycleChip > .cycle-chip--key {
        color: $text-muted;
    }
    CycleChip:focus > .cycle-chip--key {
        color: $block-cursor-foreground;
    }
    CycleChip > .cycle-chip--value {
        color: $text-accent;
    }
    CycleChip:focus > .cycle-chip--value {
        color: $block-cursor-foreground;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"cycle-chip--key", "cycle-chip--value"}
    """`--key` styles the function key hint, `--value` the current value."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right", "step(1)", "Next value", show=False),
        Binding("left", "step(-1)", "Previous value", show=False),
    ]

    index: reactive[int] = reactive(0, layout=True)
    """Which of the values is chosen."""
    key_hint: reactive[str] = reactive("", layout=True)
    """The function key that also steps this chip, shown before the label when set."""

    class Changed(Message):
        """The chip's value changed."""

        def __init__(self, chip: CycleChip, value: str) -> None:
            super().__init__()
            self.chip = chip
            self.value = value

        @property
        def control(self) -> CycleChip:
            """The chip that changed (for `@on(..., selector)`)."""
            return self.chip

    def __init__(
        self,
        label: str,
        values: Sequence[str],
        *,
        value: str | None = None,
        key: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.values = tuple(values)
        self.key = key
        if value is not None:
            self.set_reactive(CycleChip.index, self.values.index(value))
        self.tooltip = f"{label}: space or a click for the next value" + (
            f" ({key} from anywhere)" if key else ""
        )

    @property
    def value(self) -> str:
        """The value shown."""
        return self.values[self.index]

    @value.setter
    def value(self, value: str) -> None:
        self.index = self.values.index(value)

    def validate_index(self, index: int) -> int:
        """Step round: after the last value comes the first."""
        return index % len(self.values)

    def watch_index(self) -> None:
        """Mark a chip that filters and tell the bar."""
        self.set_class(self.value != self.values[0], "-active")
        self.post_message(self.Changed(self, self.value))

    def action_step(self, step: int) -> None:
        """Show the next (1) or previous (-1) value."""
        self.index += step

    def on_click(self, event: events.Click) -> None:
        """A click steps forward."""
        event.stop()
        self.action_step(1)

    def render(self) -> Text:
        """`F3 area: any`: the key hint (if shown), the label and the value."""
        text = Text(no_wrap=True, end="")
        if self.key_hint:
            text.append(f"{self.key_hint} ", self.get_component_rich_style("cycle-chip--key"))
        text.append(f"{self.label}: ")
        text.append(self.value, self.get_component_rich_style("cycle-chip--value"))
        return text


class SearchField(Widget, can_focus=True):
    """A one-line text field for the name search that only ever repaints itself.

    Textual's Input asks for a layout of the whole screen at every change of its value, which
    alone costs a large part of the library's 16 ms keystroke budget (docs/product.md 10). This
    field keeps a fixed size, so a keystroke repaints one line.
    """

    DEFAULT_CSS = """
    SearchField {
        width: 1fr;
        max-width: 40;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    SearchField:focus {
        background: $surface-lighten-1;
    }
    SearchField > .search-field--placeholder {
        color: $text-muted;
    }
    SearchField > .search-field--cursor {
        background: $foreground;
        color: $background;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"search-field--placeholder", "search-field--cursor"}
    """`--placeholder` styles the hint shown while empty, `--cursor` the cursor cell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "delete_left", "Delete left", show=False),
        Binding("delete,ctrl+d", "delete_right", "Delete right", show=False),
        Binding("left", "cursor_left", "Cursor left", show=False),
        Binding("right", "cursor_right", "Cursor right", show=False),
        Binding("home,ctrl+a", "cursor_home", "Start of search", show=False),
        Binding("end,ctrl+e", "cursor_end", "End of search", show=False),
        Binding("ctrl+w", "delete_word", "Delete word", show=False),
        Binding("ctrl+u", "clear", "Clear search", show=False),
    ]

    value: reactive[str] = reactive("")
    """The text typed."""
    cursor: reactive[int] = reactive(0)
    """Where the next letter goes (0 is before the first)."""

    class Changed(Message):
        """The text changed."""

        def __init__(self, field: SearchField, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> SearchField:
            """The field that changed (for `@on(..., selector)`)."""
            return self.field

    def __init__(self, value: str = "", *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder
        self.set_reactive(SearchField.value, value)
        self.set_reactive(SearchField.cursor, len(value))

    def validate_cursor(self, cursor: int) -> int:
        """Keep the cursor within the text."""
        return max(0, min(cursor, len(self.value)))

    def watch_value(self, value: str) -> None:
        """Tell the filter bar."""
        self.cursor = self.cursor  # re-validate against the new length
        self.post_message(self.Changed(self, value))

    def insert(self, text: str) -> None:
        """Put text in at the cursor."""
        before, after = self.value[: self.cursor], self.value[self.cursor :]
        self.value = before + text + after
        self.cursor = len(before) + len(text)

    def on_key(self, event: events.Key) -> None:
        """A printable key goes into the text."""
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.insert(event.character)

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text goes in as one line."""
        event.stop()
        self.insert(" ".join(event.text.split()))

    def action_delete_left(self) -> None:
        """Delete the letter before the cursor."""
        if self.cursor:
            position = self.cursor
            self.value = self.value[: position - 1] + self.value[position:]
            self.cursor = position - 1

    def action_delete_right(self) -> None:
        """Delete the letter under the cursor."""
        position = self.cursor
        self.value = self.value[:position] + self.value[position + 1 :]

    def action_cursor_left(self) -> None:
        """Move the cursor back a letter."""
        self.cursor -= 1

    def action_cursor_right(self) -> None:
        """Move the cursor on a letter."""
        self.cursor += 1

    def action_cursor_home(self) -> None:
        """Move the cursor to the start."""
        self.cursor = 0

    def action_cursor_end(self) -> None:
        """Move the cursor to the end."""
        self.cursor = len(self.value)

    def action_delete_word(self) -> None:
        """Delete the word before the cursor."""
        before = self.value[: self.cursor].rstrip()
        cut = before.rfind(" ") + 1
        self.value = self.value[:cut] + self.value[self.cursor :]
        self.cursor = cut

    def action_clear(self) -> None:
        """Empty the field."""
        self.value = ""

    def render(self) -> Text:
        """The text (its end, if it is longer than the field) with the cursor when focused."""
        width = max(self.content_size.width, 1)
        if not self.value and not self.has_focus:
            return Text(
                self.placeholder, self.get_component_rich_style("search-field--placeholder")
            )
        shown, cursor = self.value, self.cursor
        start = max(0, cursor - width + 1)
        shown, cursor = shown[start : start + width], cursor - start
        text = Text(shown, no_wrap=True, end="")
        if self.has_focus:
            cursor_style = self.get_component_rich_style("search-field--cursor")
            if cursor < len(shown):
                text.stylize(cursor_style, cursor, cursor + 1)
            else:
                text.append(" ", cursor_style)
            if not self.value:
                hint = self.placeholder[: width - 1]
                text.append(hint, self.get_component_rich_style("search-field--placeholder"))
        return text

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()


FILTER_FIELDS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("safe_for_me", "safe for me", ("off", "on"), "f2"),
    ("area", "area", (ANY, *vocab.TARGETS), "f3"),
    ("position", "position", (ANY, *vocab.POSITIONS), "f4"),
    ("difficulty", "level", (ANY, *vocab.DIFFICULTIES), "f5"),
    ("direction", "direction", (ANY, *vocab.DIRECTIONS), "f6"),
    ("dose_kind", "dose", (ANY, *vocab.DOSE_KINDS), "f7"),
)
"""Each filter: its `LibraryFilter` field, its label, its values (the first is "no filter")
and the function key that steps it."""


class FilterBar(Widget):
    """The name search on the first line, the filter controls on the second."""

    DEFAULT_CSS = """
    FilterBar {
        height: auto;
        padding: 0 1;
    }
    FilterBar > Horizontal {
        height: 1;
        width: 1fr;
        overflow: hidden hidden;
    }
    FilterBar .filter-label {
        width: auto;
        padding-right: 1;
        color: $text-muted;
    }
    FilterBar #filter-text {
        margin-right: 2;
    }
    """

    show_keys: reactive[bool] = reactive(False)
    """Show each control's function key in front of it (when there is room)."""

    class Changed(Message):
        """The filter changed (a letter typed, or a control stepped)."""

        def __init__(self, bar: FilterBar, value: LibraryFilter) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

    def __init__(self, value: LibraryFilter | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value or LibraryFilter()

    @property
    def value(self) -> LibraryFilter:
        """The filter as the controls show it."""
        return self._value

    def compose(self) -> ComposeResult:
        """The search with the safe-for-me control, then the other filters."""
        first, *others = FILTER_FIELDS
        with Horizontal(id="filter-row-text"):
            yield Label("Find", classes="filter-label")
            yield SearchField(
                self._value.text, placeholder="type to filter by name", id="filter-text"
            )
            yield self._chip(first)
        with Horizontal(id="filter-row-chips"):
            for field in others:
                yield self._chip(field)

    def _chip(self, field: tuple[str, str, tuple[str, ...], str]) -> CycleChip:
        name, label, values, key = field
        return CycleChip(
            label, values, value=self._shown(name), key=key, id=f"filter-{name.replace('_', '-')}"
        )

    def _shown(self, name: str) -> str:
        current = getattr(self._value, name)
        if isinstance(current, bool):
            return "on" if current else "off"
        return current if current is not None else ANY

    def watch_show_keys(self, show: bool) -> None:
        """Show or hide the key hints on the controls."""
        for chip in self.query(CycleChip):
            chip.key_hint = chip.key if show else ""

    def chip(self, name: str) -> CycleChip:
        """The control of a `LibraryFilter` field."""
        return self.query_one(f"#filter-{name.replace('_', '-')}", CycleChip)

    def step(self, name: str, step: int = 1) -> None:
        """Step the control of a `LibraryFilter` field (for the screen's function keys)."""
        self.chip(name).action_step(step)

    @property
    def search(self) -> SearchField:
        """The name search field."""
        return self.query_one("#filter-text", SearchField)

    def set_text(self, text: str) -> None:
        """Replace the search text."""
        self.search.value = text

    def type_text(self, text: str) -> None:
        """Add letters to the search and put the keyboard there (typing elsewhere lands here)."""
        self.search.focus()
        self.search.insert(text)

    def focus_search(self) -> None:
        """Put the keyboard in the search."""
        self.search.focus()

    def reset(self) -> None:
        """Every filter back to "any" and an empty search."""
        self.set_text("")
        for name, _, values, _ in FILTER_FIELDS:
            self.chip(name).value = values[0]

    @on(SearchField.Changed, "#filter-text")
    def update_text_filter(self, event: SearchField.Changed) -> None:
        """A letter typed or deleted."""
        event.stop()
        self._change(text=event.value)

    @on(CycleChip.Changed)
    def update_chip_filter(self, event: CycleChip.Changed) -> None:
        """A control stepped."""
        event.stop()
        name = (event.chip.id or "").removeprefix("filter-").replace("-", "_")
        if name == "safe_for_me":
            self._change(safe_for_me=event.value == "on")
        else:
            self._change(**{name: None if event.value == ANY else event.value})

    def _change(self, **changes: object) -> None:
        value = evolve(self._value, **changes)  # type: ignore[arg-type]
        if value != self._value:
            self._value = value
            self.post_message(self.Changed(self, value))
