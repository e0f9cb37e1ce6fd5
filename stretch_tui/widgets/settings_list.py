"""Every setting as a line of one widget, like a game's options menu.

Settings used to be a form of 61 Textual widgets (a switch and a label per on/off, an input
and a label per number, two drop-down lists), and each mounted widget costs memory: its
styles, message queue and render caches. The form made Settings the highest step of the
app's peak memory (docs/product.md 10). This widget draws the same settings as lines of its
own: a highlight moves over them, and each line shows its label and value.

It knows nothing about files: it takes the settings and their values in, and says what
changed (`Changed`), what it could not take (`Rejected`) and where the highlight went
(`Highlighted`). The keys that move and change are the screen's, which calls the methods
here (`move`, `step`, `activate`, ...) so that Help lists them; digits typed on a number line
come here directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeGuard

from attrs import field, frozen
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

SettingValue = bool | int | str
"""What a setting holds: on/off, a whole number or one of its choices."""

MOST_DIGITS = 4
"""Digits typed on a number line beyond this are ignored (the highest limit has 3)."""

INDENT = "   "
"""Before each setting's label: the section titles stand out to its left."""

GAP = 2
"""Spaces between the labels' column and the values'."""


@frozen
class Section:
    """A title line over a group of settings; the highlight passes it by."""

    title: str
    """What the group is about."""


@frozen
class Toggle:
    """An on/off setting: space, enter, left or right, or a click on its value, flips it."""

    key: str
    """The setting's name, as `Changed` reports it."""
    label: str
    """What the line says."""
    help: str
    """The sentence under the list while the line is highlighted."""


@frozen
class Number:
    """A whole number from `low` to `high`: left and right step it, digits set it."""

    key: str
    """The setting's name, as `Changed` reports it."""
    label: str
    """What the line says."""
    help: str
    """The sentence under the list while the line is highlighted."""
    low: int
    """The lowest value allowed."""
    high: int
    """The highest value allowed."""


@frozen
class Choice:
    """One of a few names: left and right (and space, enter) go round them."""

    key: str
    """The setting's name, as `Changed` reports it."""
    label: str
    """What the line says."""
    help: str
    """The sentence under the list while the line is highlighted, when the choice has
    none of its own in `choice_help`."""
    choices: tuple[str, ...]
    """The names, in the order left and right go through them."""
    choice_help: Mapping[str, str] = field(factory=dict)
    """A sentence for a choice, shown instead of `help` while it is the value."""


Setting = Toggle | Number | Choice
"""A line the highlight stops on."""

Line = Section | Setting
"""A line of the list as given: a title or a setting."""


class SettingsList(Widget, can_focus=True):
    """Settings as lines: a highlight, each setting's label and value, section titles."""

    DEFAULT_CSS = """
    SettingsList {
        height: 1fr;
    }
    SettingsList > .settings-list--title {
        text-style: bold;
        color: $accent;
    }
    SettingsList > .settings-list--highlight {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    SettingsList:focus > .settings-list--highlight {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    SettingsList > .settings-list--range {
        color: $text-muted;
    }
    SettingsList > .settings-list--typed {
        text-style: reverse;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "settings-list--title",
        "settings-list--highlight",
        "settings-list--range",
        "settings-list--typed",
    }
    """`--title` styles a section's title, `--highlight` the highlighted line, `--range` a
    number's limits and `--typed` the digits typed so far."""

    @dataclass
    class Changed(Message):
        """A setting has a new value."""

        settings_list: SettingsList
        setting: Setting
        value: SettingValue

        @property
        def control(self) -> SettingsList:
            """The list the setting is on."""
            return self.settings_list

    @dataclass
    class Rejected(Message):
        """A value was not taken (out of range, not a number, already at a limit)."""

        settings_list: SettingsList
        setting: Setting
        reason: str
        """One sentence for the person."""

        @property
        def control(self) -> SettingsList:
            """The list the setting is on."""
            return self.settings_list

    @dataclass
    class Highlighted(Message):
        """The highlight moved, or what the highlighted line explains changed."""

        settings_list: SettingsList
        setting: Setting

        @property
        def control(self) -> SettingsList:
            """The list the setting is on."""
            return self.settings_list

    def __init__(
        self,
        lines: Sequence[Line],
        values: Mapping[str, SettingValue],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        rows: list[Line | None] = []
        for line in lines:
            if isinstance(line, Section) and rows:
                rows.append(None)  # a blank line before each title but the first
            rows.append(line)
        self._rows = tuple(rows)
        """What each line of the widget shows: a title, a setting or nothing."""
        self._values = {line.key: values[line.key] for line in self._rows if _is_setting(line)}
        self._label_width = max(
            (len(line.label) for line in self._rows if _is_setting(line)), default=0
        )
        self._number_width = max(
            (len(str(line.high)) for line in self._rows if isinstance(line, Number)), default=0
        )
        """Numbers are right-aligned in this many columns, so their limits line up."""
        self._highlight = next(
            (index for index, line in enumerate(self._rows) if _is_setting(line)), 0
        )
        self._top = 0
        """The first row shown."""
        self._typed = ""
        """Digits typed on the highlighted number line, not yet set."""

    # What it holds

    @property
    def highlighted(self) -> Setting:
        """The setting the highlight is on."""
        line = self._rows[self._highlight]
        assert _is_setting(line)
        return line

    @property
    def typed(self) -> str:
        """The digits typed on the highlighted number line and not yet set ("" for none)."""
        return self._typed

    def value(self, key: str) -> SettingValue:
        """The value the list shows for the setting `key`."""
        return self._values[key]

    def set_value(self, key: str, value: SettingValue) -> None:
        """Show `value` for `key` (changed elsewhere): no `Changed` is sent."""
        if self._values.get(key) != value:
            self._values[key] = value
            self.refresh()

    def explanation(self) -> str:
        """What the highlighted setting is, to show under the list."""
        setting = self.highlighted
        if isinstance(setting, Choice):
            return setting.choice_help.get(str(self._values[setting.key]), setting.help)
        if isinstance(setting, Number):
            limits = f"{setting.low} to {setting.high}"
            if self._typed:
                return f"{setting.help} Enter sets {self._typed} (from {limits}); escape undoes."
            return f"{setting.help} From {limits}: left and right step it, or type the number."
        return setting.help

    def rows_text(self) -> str:
        """Every line as plain text, titles and values included (for tests and checks)."""
        return "\n".join(
            self._row_text(index)[0].plain.rstrip() for index in range(len(self._rows))
        )

    # Moving

    def move(self, delta: int) -> None:
        """Move the highlight `delta` settings down (up when negative), stopping at the ends."""
        index = self._highlight
        step = 1 if delta > 0 else -1
        for _ in range(abs(delta)):
            following = self._next_setting(index, step)
            if following is None:
                break
            index = following
        self._highlight_row(index)

    def move_to_end(self, last: bool) -> None:
        """Highlight the first setting, or the last when `last`."""
        order = range(len(self._rows) - 1, -1, -1) if last else range(len(self._rows))
        index = next((row for row in order if _is_setting(self._rows[row])), self._highlight)
        self._highlight_row(index)

    def page(self, delta: int) -> None:
        """Move the highlight a screenful down (up when `delta` is negative)."""
        height = max(self.content_size.height - 1, 1)
        target = min(max(self._highlight + delta * height, 0), len(self._rows) - 1)
        step = 1 if delta > 0 else -1
        index = target if _is_setting(self._rows[target]) else self._next_setting(target, step)
        if index is None:
            index = self._next_setting(target, -step)
        self._highlight_row(self._highlight if index is None else index)

    # Changing

    def activate(self) -> None:
        """Space or enter: flip an on/off, go to the next choice, set the digits typed."""
        setting = self.highlighted
        if isinstance(setting, Toggle):
            self._change(setting, not self._values[setting.key])
        elif isinstance(setting, Choice):
            self.step(1)
        else:
            self.set_typed()

    def step(self, delta: int) -> None:
        """Left or right: a number one down or up (stopping at its limits), the previous or
        next choice (round and round), an on/off flipped."""
        setting = self.highlighted
        if isinstance(setting, Toggle):
            self._change(setting, not self._values[setting.key])
        elif isinstance(setting, Choice):
            current = str(self._values[setting.key])
            position = setting.choices.index(current) if current in setting.choices else -1
            self._change(setting, setting.choices[(position + delta) % len(setting.choices)])
        elif self._typed:
            self.set_typed()  # what was typed is the step: set it (or say why not)
        else:
            value = int(self._values[setting.key])
            wanted = min(max(value + delta, setting.low), setting.high)
            if wanted == value:
                limit = "highest" if delta > 0 else "lowest"
                self.post_message(
                    self.Rejected(self, setting, f"{setting.label}: {value} is the {limit}.")
                )
                return
            self._change(setting, wanted)

    def type_digit(self, digit: str) -> None:
        """A digit typed on a number line: shown as typed, set by `set_typed`."""
        if isinstance(self.highlighted, Number) and len(self._typed) < MOST_DIGITS:
            self._typed += digit
            self._typing_changed()

    def erase_digit(self) -> None:
        """Backspace: take back the last digit typed."""
        if self._typed:
            self._typed = self._typed[:-1]
            self._typing_changed()

    def undo_typed(self) -> None:
        """Forget the digits typed: the line shows its value again."""
        if self._typed:
            self._typed = ""
            self._typing_changed()

    def set_typed(self) -> bool:
        """Set the number typed on the highlighted line when it is within its limits; say
        why not otherwise (nothing is set). True unless something typed was refused."""
        setting = self.highlighted
        typed, self._typed = self._typed, ""
        if not typed or not isinstance(setting, Number):
            return True
        number = int(typed)
        if setting.low <= number <= setting.high:
            self._change(setting, number)
            return True
        self._typing_changed()
        self.post_message(
            self.Rejected(
                self,
                setting,
                f"{setting.label}: {number} is out of range; "
                f"enter a whole number from {setting.low} to {setting.high}. Nothing saved.",
            )
        )
        return False

    # Events

    def on_key(self, event: events.Key) -> None:
        """Digits, backspace and escape while typing a number; anything else that is not a
        number on a number line says what it takes. Other keys go on to the bindings."""
        setting = self.highlighted
        character = event.character
        if not isinstance(setting, Number):
            return
        if character is not None and character.isdecimal() and character.isascii():
            self.type_digit(character)
        elif event.key == "backspace" and self._typed:
            self.erase_digit()
        elif event.key == "escape" and self._typed:
            self.undo_typed()
        elif event.is_printable and character is not None and character not in "+-= ":
            self._typed = ""
            self._typing_changed()
            self.post_message(
                self.Rejected(
                    self,
                    setting,
                    f"{setting.label} takes a whole number from {setting.low} to "
                    f"{setting.high}: type digits, or step it with left and right.",
                )
            )
        else:
            return
        event.stop()
        event.prevent_default()

    def on_blur(self) -> None:
        """Leaving the list sets what was typed (as leaving the line does)."""
        self.set_typed()

    def on_click(self, event: events.Click) -> None:
        """A click highlights its line; a click on the value changes it too (on the `‹` of a
        number or choice: one down or back)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self._top + offset.y
        if not 0 <= index < len(self._rows) or not _is_setting(self._rows[index]):
            return
        self._highlight_row(index)
        setting = self.highlighted
        start = len(INDENT) + self._label_width + GAP
        shown = self._value_text(setting)
        if not start <= offset.x < start + len(shown):
            return
        if isinstance(setting, Toggle):
            self.activate()
        else:
            self.step(-1 if offset.x < start + 2 else 1)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls the lines (the highlight stays where it is)."""
        self._show_from(self._top + 1)
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls the lines (the highlight stays where it is)."""
        self._show_from(self._top - 1)
        event.stop()

    def on_resize(self) -> None:
        """Keep the highlight in view."""
        self._scroll_to_highlight()

    # Drawing

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row per line."""
        return len(self._rows)

    def render_line(self, y: int) -> Strip:
        """Row `y` of what is shown (the rows from `_top` on).

        Drawn on each call and not kept: Textual keeps the lines it shows, and a line kept
        here as well would hold its own caches of what Textual derives from it."""
        width = self.content_size.width
        index = self._top + y
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, self.visual_style.rich_style)
        text, style = self._row_text(index)
        if (y == 0 and self._top > 0) or (
            y == self.content_size.height - 1 and index < len(self._rows) - 1
        ):
            # There are more lines that way.
            mark = self.get_component_rich_style("settings-list--range", partial=True)
            text.truncate(width - 1, overflow="ellipsis", pad=True)
            text.append("▲" if y == 0 else "▼", style=mark)
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = Segment.apply_style(text.render(self.app.console), style)
        return Strip(list(Segment.simplify(segments)), width)

    def _row_text(self, index: int) -> tuple[Text, Style]:
        """Row `index` as text, and the style under it."""
        base = self.visual_style.rich_style
        line = self._rows[index]
        if line is None:
            return Text(), base
        if isinstance(line, Section):
            title = self.get_component_rich_style("settings-list--title", partial=True)
            # As a span: `Text.render` leaves out the text's own style.
            return Text().append(f" {line.title}", style=title), base
        if index == self._highlight:
            base = base + self.get_component_rich_style("settings-list--highlight")
        text = Text(f"{INDENT}{line.label:<{self._label_width}}{' ' * GAP}")
        if isinstance(line, Number) and self._typed and index == self._highlight:
            text.append("‹ ")
            typed = self.get_component_rich_style("settings-list--typed", partial=True)
            text.append(f"{self._typed}_", style=typed)
            text.append(" ›")
        else:
            text.append(self._value_text(line))
        if isinstance(line, Number):
            limits = self.get_component_rich_style("settings-list--range", partial=True)
            text.append(f"  {line.low}-{line.high}", style=limits)
        return text, base

    def _value_text(self, setting: Setting) -> str:
        value = self._values[setting.key]
        if isinstance(setting, Toggle):
            return "[x] on" if value else "[ ] off"
        if isinstance(setting, Number):
            return f"‹ {value:>{self._number_width}} ›"
        return f"‹ {value} ›"

    # Moving, inside

    def _next_setting(self, index: int, step: int) -> int | None:
        index += step
        while 0 <= index < len(self._rows):
            if _is_setting(self._rows[index]):
                return index
            index += step
        return None

    def _highlight_row(self, index: int) -> None:
        if index == self._highlight:
            self._scroll_to_highlight()
            return
        self.set_typed()  # leaving a number line sets what was typed on it (or says why not)
        self._highlight = index
        self._scroll_to_highlight()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def _scroll_to_highlight(self) -> None:
        height = self.content_size.height
        if height <= 0:
            return
        # The title over a section's first setting comes into view with it.
        first = self._highlight
        while first > 0 and isinstance(self._rows[first - 1], Section):
            first -= 1
        if first < self._top:
            self._show_from(first)
        elif self._highlight >= self._top + height:
            self._show_from(self._highlight - height + 1)

    def _show_from(self, top: int) -> None:
        top = max(min(top, len(self._rows) - self.content_size.height), 0)
        if top != self._top:
            self._top = top
            self.refresh()

    def _change(self, setting: Setting, value: SettingValue) -> None:
        self._values[setting.key] = value
        self.refresh()
        self.post_message(self.Changed(self, setting, value))
        self.post_message(self.Highlighted(self, setting))  # its explanation may change

    def _typing_changed(self) -> None:
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))


def _is_setting(line: Line | None) -> TypeGuard[Setting]:
    return line is not None and not isinstance(line, Section)
