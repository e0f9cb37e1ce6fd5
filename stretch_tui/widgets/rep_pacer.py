"""The repetition pacer: which hold, breath, repetition or cycle is on, and its cue.

A line like `Rep 3 of 10 · Lift the hips` with a row of marks for the ones done, so a
person glancing up from the floor sees where they are. Repaints only when the count or the
cue changes.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

MAX_MARKS = 16
"""More repetitions than this show as text only (the row would not fit)."""


class RepPacer(Widget):
    """Set `count` (e.g. `Rep 3 of 10`), `done`/`total` for the marks, and `cue`."""

    DEFAULT_CSS = """
    RepPacer {
        height: auto;
        width: 1fr;
    }
    RepPacer > .rep-pacer--count {
        text-style: bold;
    }
    RepPacer > .rep-pacer--cue {
        color: $text-accent;
        text-style: bold;
    }
    RepPacer > .rep-pacer--marks {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rep-pacer--count",
        "rep-pacer--cue",
        "rep-pacer--marks",
    }
    """`--count` styles the count, `--cue` the cue, `--marks` the row of marks."""

    count: reactive[str] = reactive("", layout=True)
    """`Hold 1 of 2`, `Rep 3 of 10`, ...; empty when nothing is counted."""
    done: reactive[int] = reactive(0)
    """How many are finished (filled marks)."""
    total: reactive[int] = reactive(0)
    """How many there are (0: no marks)."""
    cue: reactive[str] = reactive("", layout=True)
    """What to do in this phase (the pose frame's cue), for the side being worked."""

    def render(self) -> Text:
        """The count with its marks, then the cue."""
        text = Text(end="")
        if self.count:
            text.append(self.count, style=self.get_component_rich_style("rep-pacer--count"))
            if 1 < self.total <= MAX_MARKS:
                marks = "●" * self.done + "○" * (self.total - self.done)
                text.append(f"  {marks}", style=self.get_component_rich_style("rep-pacer--marks"))
        if self.cue:
            if self.count:
                text.append("\n")
            text.append(self.cue, style=self.get_component_rich_style("rep-pacer--cue"))
        return text
