"""A small chart of 0-10 ratings over time: one bar row (or more) per series, one column per
rating, with a row of marks under the columns where a change that matters happened.

The newest ratings are on the right; when there are more than the width holds, the oldest
are left out. Each series ends with its latest value as a number, so the chart can be read
exactly where it matters most.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Final, Literal

from attrs import frozen
from rich.text import Text
from textual.geometry import Size

from stretch_tui.widgets.text_lines import TextLines

BLOCKS: Final = " ▁▂▃▄▅▆▇█"
"""Eighths of a row, empty to full."""

SCALE_MAX: Final = 10
"""The top of the scale: pain and function are both rated 0 to 10."""

MarkKind = Literal["better", "worse"]
"""How a mark is coloured: a change for the better or for the worse."""


@frozen
class Series:
    """One line of ratings, oldest first; None where a rating was skipped."""

    label: str
    values: tuple[float | None, ...]


@frozen
class Mark:
    """A glyph under one column, e.g. `▼` where pain fell by a change that matters."""

    glyph: str
    kind: MarkKind


def bar_rows(value: float | None, rows: int) -> list[str]:
    """The glyphs of one column, top row first. A rated 0 still shows a sliver, so that it
    differs from a skipped rating (blank)."""
    if value is None:
        return [" "] * rows
    eighths = rows * 8
    level = max(1, min(eighths, round(value / SCALE_MAX * eighths)))
    column = []
    for row in range(rows - 1, -1, -1):
        column.append(BLOCKS[max(0, min(8, level - 8 * row))])
    return column


def format_value(value: float) -> str:
    """A whole number as is (`6`), anything else with one decimal (`4.3`)."""
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


class TrendChart(TextLines):
    """Ratings as bars, one column each (or `column_width`), with marks under them."""

    DEFAULT_CSS = """
    TrendChart {
        height: auto;
        width: 1fr;
    }
    TrendChart > .trend-chart--label {
        color: $text-muted;
    }
    TrendChart > .trend-chart--series-0 {
        color: $warning;
    }
    TrendChart > .trend-chart--series-1 {
        color: $accent;
    }
    TrendChart > .trend-chart--better {
        color: $success;
        text-style: bold;
    }
    TrendChart > .trend-chart--worse {
        color: $error;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "trend-chart--label",
        "trend-chart--series-0",
        "trend-chart--series-1",
        "trend-chart--better",
        "trend-chart--worse",
    }
    """`--label` styles the names and numbers, `--series-N` each series' bars, `--better`
    and `--worse` the marks."""

    LABEL_WIDTH: ClassVar[int] = 7
    """Columns for the series names on the left."""

    VALUE_WIDTH: ClassVar[int] = 5
    """Columns for the latest value on the right."""

    def __init__(
        self,
        *,
        rows_per_series: int = 1,
        column_width: int = 1,
        title: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(title=title, name=name, id=id, classes=classes)
        self._series: tuple[Series, ...] = ()
        self._marks: tuple[Mark | None, ...] = ()
        self.rows_per_series = rows_per_series
        """Rows each series' bars take: 8 levels per row."""
        self.column_width = column_width
        """Columns per rating: 1 for many ratings, 2 or more for a few weekly ones."""

    def show(self, series: Sequence[Series], marks: Sequence[Mark | None] = ()) -> None:
        """Draw these series (all the same length) with one optional mark per column."""
        self._series = tuple(series)
        self._marks = tuple(marks)
        self.redraw(layout=True)

    def set_rows_per_series(self, rows: int) -> None:
        """Make the bars taller or shorter (more rows, finer steps)."""
        if rows != self.rows_per_series:
            self.rows_per_series = rows
            self.redraw(layout=True)

    @property
    def columns(self) -> int:
        """How many ratings the current width shows."""
        width = self.content_size.width or self.size.width
        return max(1, (width - self.LABEL_WIDTH - self.VALUE_WIDTH) // self.column_width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The title, the bar rows of every series, and the marks row when there are marks
        (with no series, the title alone, or a blank line)."""
        if not self._series:
            return self.title_rows or 1
        marks = 1 if any(self._marks) else 0
        return self.title_rows + len(self._series) * self.rows_per_series + marks

    def render(self) -> Text:
        """The bars, newest on the right, the latest value after each series, then the marks."""
        if not self._series:
            return Text()
        label_style = self.get_component_rich_style("trend-chart--label")
        shown = self.columns
        length = max(len(series.values) for series in self._series)
        first = max(0, length - shown)
        text = Text(no_wrap=True, overflow="crop")
        for index, series in enumerate(self._series):
            style = self.get_component_rich_style(f"trend-chart--series-{min(index, 1)}")
            values = series.values[first:]
            columns = [bar_rows(value, self.rows_per_series) for value in values]
            latest = next((v for v in reversed(series.values) if v is not None), None)
            for row in range(self.rows_per_series):
                if index or row:
                    text.append("\n")
                is_last_row = row == self.rows_per_series - 1
                label = series.label if is_last_row else ""
                text.append(label.ljust(self.LABEL_WIDTH)[: self.LABEL_WIDTH], style=label_style)
                for column in columns:
                    text.append(column[row] * self.column_width, style=style)
                if is_last_row and latest is not None:
                    padding = " " * (shown - len(columns)) * self.column_width
                    text.append(f"{padding} {format_value(latest)}", style=label_style)
        if any(self._marks):
            text.append("\n")
            text.append(" " * self.LABEL_WIDTH)
            for mark in self._marks[first:]:
                if mark is None:
                    text.append(" " * self.column_width)
                else:
                    kind_style = self.get_component_rich_style(f"trend-chart--{mark.kind}")
                    text.append(mark.glyph.ljust(self.column_width), style=kind_style)
        return text
