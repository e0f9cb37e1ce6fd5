"""The dose ledger: time per body area and side over a week, with a bar against the goal.

The bar shows the weaker side (left or right, each with the two-sided work added), because
the goal is met only when both sides reach it.
"""

from __future__ import annotations

from typing import ClassVar, Final

from rich.text import Text
from textual.geometry import Size

from stretch_tui.domain.stats import AreaDose, DoseLedger
from stretch_tui.widgets.text_lines import TextLines

BAR_WIDTH: Final = 10
"""Columns of the goal bar."""

_PARTS: Final = " ▏▎▍▌▋▊▉█"
_AREA_WIDTH: Final = 13
_TIME_WIDTH: Final = 7


def clock(seconds: int) -> str:
    """`1:05` for 65 seconds, `-` for none; hours as minutes (`75:00`)."""
    if seconds <= 0:
        return "-"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


def goal_bar(done: int, goal: int, width: int = BAR_WIDTH) -> str:
    """`done` of `goal` as a bar of eighths, full at the goal."""
    eighths = round(min(done / goal, 1.0) * width * 8) if goal else width * 8
    full, part = divmod(eighths, 8)
    return ("█" * full + (_PARTS[part] if part else "")).ljust(width)


class DoseLedgerView(TextLines):
    """A table of body areas: left, right and two-sided time, and the goal bar."""

    DEFAULT_CSS = """
    DoseLedgerView {
        height: auto;
        width: 1fr;
    }
    DoseLedgerView > .dose-ledger--header {
        color: $text-muted;
    }
    DoseLedgerView > .dose-ledger--met {
        color: $success;
    }
    DoseLedgerView > .dose-ledger--short {
        color: $warning;
    }
    DoseLedgerView > .dose-ledger--uneven {
        color: $warning;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "dose-ledger--header",
        "dose-ledger--met",
        "dose-ledger--short",
        "dose-ledger--uneven",
    }
    """`--header` the column names, `--met` and `--short` the bars, `--uneven` a side that
    got clearly more than the other."""

    def __init__(
        self,
        *,
        title: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(title=title, name=name, id=id, classes=classes)
        self._ledger: DoseLedger | None = None

    def show(self, ledger: DoseLedger) -> None:
        """Draw this ledger."""
        self._ledger = ledger
        self.redraw(layout=True)

    def render(self) -> Text:
        """The header row and one row per area worked (nothing when no area was worked but
        the title has something to say)."""
        header = self.get_component_rich_style("dose-ledger--header")
        if self._ledger is None or (self.title and not self._ledger.areas):
            return Text()
        text = Text(no_wrap=True, overflow="ellipsis")
        columns = (
            "Area".ljust(_AREA_WIDTH)
            + "Left".rjust(_TIME_WIDTH)
            + "Right".rjust(_TIME_WIDTH)
            + "Both".rjust(_TIME_WIDTH)
            + "  Each side vs goal"
        )
        text.append(columns, style=header)
        for area in self._ledger.areas:
            text.append("\n")
            self._row(text, area)
        return text

    def _row(self, text: Text, area: AreaDose) -> None:
        weaker = min(area.left_side, area.right_side)
        met = area.goal_met
        text.append(area.area.replace("-", " ").ljust(_AREA_WIDTH)[:_AREA_WIDTH])
        for seconds in (area.left, area.right, area.both):
            text.append(clock(seconds).rjust(_TIME_WIDTH))
        text.append("  ")
        style = self.get_component_rich_style("dose-ledger--met" if met else "dose-ledger--short")
        text.append(goal_bar(weaker, area.goal), style=style)
        text.append(" met" if met else f" {round(100 * weaker / area.goal)}%")
        balance = area.balance
        if balance is not None and balance != "even":
            text.append(f"  {balance}", style=self.get_component_rich_style("dose-ledger--uneven"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The title, a header and a row per area worked."""
        if self._ledger is None or (self.title and not self._ledger.areas):
            return self.title_rows or 1
        return self.title_rows + 1 + len(self._ledger.areas)
