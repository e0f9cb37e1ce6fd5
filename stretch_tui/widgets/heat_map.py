"""A calendar heat map of sessions: weeks as columns, weekdays as rows, minutes as shade.

As many weeks as the width allows (26 at the progress screen's 80 columns, up to a year).
Each level has its own glyph as well as its own colour, so the map reads in 256 colours, in
monochrome and over any SSH client.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar, Final

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive

from stretch_tui.domain.stats import HEAT_LEVEL_SECONDS, DayTotal, HeatMap, heat_map
from stretch_tui.widgets.text_lines import TextLines

GLYPHS: Final = ("·", "░", "▒", "▓", "█")
"""One glyph per level, no session to 20 minutes or more."""

LABEL_WIDTH: Final = 4
"""Columns for the weekday names on the left."""

CELL_WIDTH: Final = 2
"""Columns per week: the glyph and a gap."""

MAX_WEEKS: Final = 53
"""A year is as far back as the map goes, however wide the terminal."""

ROW_LABELS: Final = ("Mon", "", "Wed", "", "Fri", "", "Sun")
"""Every other weekday is named, as wall calendars do when space is short."""

_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def weeks_for_width(width: int) -> int:
    """How many week columns fit in `width` columns (at least one)."""
    return max(1, min(MAX_WEEKS, (width - LABEL_WIDTH + 1) // CELL_WIDTH))


def legend_text() -> str:
    """What each glyph means, in minutes done that day."""
    first, second, third = (seconds // 60 for seconds in HEAT_LEVEL_SECONDS)
    return (
        f"{GLYPHS[0]} none  {GLYPHS[1]} <{first}  {GLYPHS[2]} {first}-{second - 1}  "
        f"{GLYPHS[3]} {second}-{third - 1}  {GLYPHS[4]} {third}+ min a day"
    )


class HeatMapView(TextLines):
    """Sessions by day for the last weeks up to `today`: a month row, seven weekday rows and a
    legend row."""

    DEFAULT_CSS = """
    HeatMapView {
        height: auto;
        width: 1fr;
    }
    HeatMapView > .heat-map--label {
        color: $text-muted;
    }
    HeatMapView > .heat-map--level-0 {
        color: $text-disabled;
    }
    HeatMapView > .heat-map--level-1 {
        color: $success 70%;
    }
    HeatMapView > .heat-map--level-2 {
        color: $success 80%;
    }
    HeatMapView > .heat-map--level-3 {
        color: $success 90%;
    }
    HeatMapView > .heat-map--level-4 {
        color: $success;
    }
    HeatMapView > .heat-map--today {
        text-style: reverse;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heat-map--label",
        "heat-map--level-0",
        "heat-map--level-1",
        "heat-map--level-2",
        "heat-map--level-3",
        "heat-map--level-4",
        "heat-map--today",
    }
    """`--label` styles month and weekday names, `--level-N` each shade, `--today` today."""

    today: reactive[date] = reactive(date(2000, 1, 3))
    """The last day shown; days after it in its week are left blank."""

    def __init__(
        self,
        totals: Mapping[date, DayTotal] | None = None,
        today: date | None = None,
        *,
        title: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(title=title, name=name, id=id, classes=classes)
        self._totals: Mapping[date, DayTotal] = totals or {}
        if today is not None:
            self.set_reactive(HeatMapView.today, today)

    def show(self, totals: Mapping[date, DayTotal], today: date) -> None:
        """Draw these day totals, up to `today`."""
        self._totals = totals
        self.today = today
        self.redraw()

    def watch_today(self) -> None:
        """Another last day: the lines kept are out of date."""
        self.redraw()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The title, the month row, seven weekday rows and the legend."""
        return self.title_rows + 9

    @property
    def weeks(self) -> int:
        """The week columns the current width holds."""
        return weeks_for_width(self.content_size.width or self.size.width)

    def grid(self) -> HeatMap:
        """The cells as drawn now."""
        return heat_map(self._totals, self.today, self.weeks)

    def render(self) -> Text:
        """Month names, the seven weekday rows, and the legend."""
        grid = self.grid()
        label_style = self.get_component_rich_style("heat-map--label")
        levels = [self.get_component_rich_style(f"heat-map--level-{n}") for n in range(5)]
        today_style = self.get_component_rich_style("heat-map--today")
        text = Text(no_wrap=True, overflow="crop")
        text.append(self._month_row(grid), style=label_style)
        for row, label in enumerate(ROW_LABELS):
            text.append("\n")
            text.append(label.ljust(LABEL_WIDTH), style=label_style)
            for column in grid.columns:
                cell = column[row]
                if cell.future:
                    text.append(" " * CELL_WIDTH)
                    continue
                style = levels[cell.level]
                if cell.day == self.today:
                    style = style + today_style
                text.append(GLYPHS[cell.level], style=style)
                text.append(" " * (CELL_WIDTH - 1))
        text.append("\n")
        text.append(" " * LABEL_WIDTH)
        text.append(legend_text(), style=label_style)
        return text

    @staticmethod
    def _month_row(grid: HeatMap) -> str:
        """Each month's name over the first week that holds its first day, where it fits."""
        row = [" "] * (LABEL_WIDTH + CELL_WIDTH * len(grid.columns))
        free_from = 0
        for index, column in enumerate(grid.columns):
            first = next((cell.day for cell in column if cell.day.day == 1), None)
            if index == 0 and first is None:
                first = column[-1].day
            if first is None:
                continue
            start = LABEL_WIDTH + CELL_WIDTH * index
            name = _MONTHS[first.month - 1]
            if first.month == 1:
                name += f" {first.year}"
            if start < free_from or start + len(name) > len(row):
                continue
            row[start : start + len(name)] = name
            free_from = start + len(name) + 1
        return "".join(row).rstrip()
