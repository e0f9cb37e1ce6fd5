"""A 0-10 pain rating answered with one key (docs/product.md 4.3): digits 0-9, `t` for 10; `s` or
enter skips. Posts `PainScale.Chosen` with the value (None when skipped)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

CELL = 4
"""Columns per number on the scale (clicks are mapped back through it)."""
LOW_LABEL = "no pain"
HIGH_LABEL = "worst imaginable"


def key_for(value: int) -> str:
    """The key that picks `value`: its digit, or `t` for 10."""
    return "t" if value == 10 else str(value)


class PainScale(Widget, can_focus=True):
    """The numbers 0 to 10 in a row with their meaning under them; one key picks one."""

    DEFAULT_CSS = """
    PainScale {
        height: 3;
        width: 46;
    }
    PainScale > .pain-scale--number {
        text-style: bold;
    }
    PainScale > .pain-scale--label {
        color: $text-muted;
    }
    PainScale > .pain-scale--chosen {
        background: $accent;
        color: $text;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pain-scale--number",
        "pain-scale--label",
        "pain-scale--chosen",
    }
    """`--number` styles the numbers, `--label` the words, `--chosen` the picked number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "choose(0)", "Rate 0-10", key_display="0-9 t", id="pain.rate"),
        *[Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)],
        Binding("t", "choose(10)", show=False),
        Binding("s,enter", "skip", "Skip", id="pain.skip"),
    ]

    @dataclass
    class Chosen(Message):
        """A rating was picked (`value` 0-10) or skipped (`value` None)."""

        scale: PainScale
        value: int | None

        @property
        def control(self) -> PainScale:
            """The scale that was answered."""
            return self.scale

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chosen: int | None = None
        """The last value picked, shown highlighted."""

    def action_choose(self, value: int) -> None:
        """Pick `value`."""
        self.chosen = value
        self.refresh()
        self.post_message(self.Chosen(self, value))

    def action_skip(self) -> None:
        """Skip the rating."""
        self.post_message(self.Chosen(self, None))

    def on_click(self, event: events.Click) -> None:
        """A click on a number picks it."""
        if event.y == 0 and 0 <= event.x < CELL * 11:
            self.action_choose(min(event.x // CELL, 10))

    def render(self) -> Text:
        """The numbers, then the words at both ends, then the keys."""
        number = self.get_component_rich_style("pain-scale--number")
        label = self.get_component_rich_style("pain-scale--label")
        chosen = self.get_component_rich_style("pain-scale--chosen")
        text = Text(no_wrap=True, end="")
        for value in range(11):
            text.append(f"{value:^{CELL - 1}}", style=chosen if value == self.chosen else number)
            text.append(" ")
        width = CELL * 11 - 1
        gap = max(width - len(LOW_LABEL) - len(HIGH_LABEL), 1)
        text.append(f"\n{LOW_LABEL}{' ' * gap}{HIGH_LABEL}", style=label)
        text.append("\nkeys 0-9, t for 10; s or enter to skip", style=label)
        return text
