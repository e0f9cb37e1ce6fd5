"""The breathing pacer: `breathe in ●●○○  out ○○○○○○`, one dot per second of the pace.

Shows which half of the breath it is and how far into it, in whole seconds, so it repaints
once a second at most. Empty when the step paces no breath.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BreathHalf = Literal["in", "out", ""]
"""The half of the breath, or "" when no breath is paced."""

FULL = "●"
"""A second of the current half already breathed."""
EMPTY = "·"
"""A second still to come."""


def pacer_parts(half: BreathHalf, second: int, inhale: int, exhale: int) -> list[tuple[str, bool]]:
    """The pacer as (text, is-current) pieces, for `half` at whole `second` into it."""
    if not half:
        return []

    def dots(length: int, active: bool) -> str:
        filled = min(second + 1, length) if active else 0
        return FULL * filled + EMPTY * (length - filled)

    return [
        ("breathe ", False),
        (f"in {dots(inhale, half == 'in')}", half == "in"),
        ("  ", False),
        (f"out {dots(exhale, half == 'out')}", half == "out"),
    ]


class BreathPacer(Widget):
    """Inhale and exhale at the pace from Settings. Set `half` and `second` (whole seconds
    into the half); `inhale` and `exhale` are the pace in seconds."""

    DEFAULT_CSS = """
    BreathPacer {
        height: 1;
        width: 1fr;
    }
    BreathPacer > .breath-pacer--current {
        color: $text-accent;
        text-style: bold;
    }
    BreathPacer > .breath-pacer--other {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"breath-pacer--current", "breath-pacer--other"}
    """`--current` styles the half being breathed, `--other` the rest."""

    half: reactive[BreathHalf] = reactive[BreathHalf]("")
    """`in`, `out`, or "" (nothing to pace: the widget is blank)."""
    second: reactive[int] = reactive(0)
    """Whole seconds into the current half."""
    inhale: reactive[int] = reactive(4)
    """Seconds of one inhale."""
    exhale: reactive[int] = reactive(6)
    """Seconds of one exhale."""

    def render(self) -> Text:
        """The pacer line."""
        current = self.get_component_rich_style("breath-pacer--current")
        other = self.get_component_rich_style("breath-pacer--other")
        text = Text(no_wrap=True, overflow="ellipsis")
        for piece, is_current in pacer_parts(self.half, self.second, self.inhale, self.exhale):
            text.append(piece, style=current if is_current else other)
        return text
