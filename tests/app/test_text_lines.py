"""The heat map, charts and ledger cut their lines themselves (`widgets/text_lines.py`): the
lines follow every change of data, width and theme, and cropped lines say so."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from stretch_tui.domain.stats import AreaDose, DayTotal, DoseLedger
from stretch_tui.widgets.dose_ledger import DoseLedgerView
from stretch_tui.widgets.heat_map import HeatMapView
from stretch_tui.widgets.trend_chart import Series, TrendChart

TODAY = date(2025, 3, 12)


class Parts(App[None]):
    def compose(self) -> ComposeResult:
        yield HeatMapView(id="map")
        yield TrendChart(id="chart")
        yield DoseLedgerView(id="ledger")


def line_text(widget: HeatMapView | TrendChart | DoseLedgerView, y: int) -> str:
    return widget.render_line(y).text


async def test_new_data_is_drawn_and_not_the_lines_kept_from_before() -> None:
    app = Parts()
    async with app.run_test(size=(60, 24)) as pilot:
        view = app.query_one(HeatMapView)
        view.show({}, TODAY)
        await pilot.pause()
        wednesday = line_text(view, 3)
        assert "█" not in wednesday
        view.show({TODAY: DayTotal(1, 25 * 60)}, TODAY)
        await pilot.pause()
        assert "█" in line_text(view, 3)
        chart = app.query_one(TrendChart)
        chart.show([Series("before", (4.0, 6.0))])
        await pilot.pause()
        assert line_text(chart, 0).rstrip().endswith("6")
        chart.show([Series("before", (4.0, 3.0))])
        await pilot.pause()
        assert line_text(chart, 0).rstrip().endswith("3")


async def test_a_narrower_widget_gets_lines_cut_again_and_a_cropped_row_ends_in_an_ellipsis() -> (
    None
):
    app = Parts()
    async with app.run_test(size=(80, 24)) as pilot:
        ledger = app.query_one(DoseLedgerView)
        area = AreaDose("lower-back", 60, 30, 0, 180)
        ledger.show(DoseLedger(TODAY, TODAY, (area,), 0, 1, 3))
        await pilot.pause()
        assert line_text(ledger, 1).rstrip().endswith("17%  more left")
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        row = line_text(ledger, 1).rstrip()
        assert len(row) <= 40
        assert row.endswith("…")


async def test_a_new_theme_recolours_the_lines() -> None:
    app = Parts()
    async with app.run_test(size=(60, 24)) as pilot:
        view = app.query_one(HeatMapView)
        view.show({TODAY: DayTotal(1, 25 * 60)}, TODAY)
        await pilot.pause()
        before = view.render_line(3)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = view.render_line(3)
        assert after.text == before.text
        assert list(after) != list(before)


class Titled(App[None]):
    def compose(self) -> ComposeResult:
        yield TrendChart(id="chart", title="Pain over time")
        yield DoseLedgerView(id="ledger", title="This week's dose")


async def test_a_title_is_drawn_bold_above_the_lines_and_alone_when_there_is_nothing_else() -> None:
    app = Titled()
    async with app.run_test(size=(60, 24)) as pilot:
        chart = app.query_one(TrendChart)
        ledger = app.query_one(DoseLedgerView)
        ledger.show(DoseLedger(TODAY, TODAY, (), 0, 0, 3))
        await pilot.pause()
        assert (chart.size.height, ledger.size.height) == (1, 1)
        title = chart.render_line(0)
        assert title.text.rstrip() == "Pain over time"
        assert all(
            segment.style and segment.style.bold for segment in title if segment.text.strip()
        )
        assert ledger.render_line(0).text.rstrip() == "This week's dose"
        chart.show([Series("before", (4.0, 6.0))])
        await pilot.pause()
        assert chart.size.height == 2
        assert line_text(chart, 0).rstrip() == "Pain over time"
        assert line_text(chart, 1).startswith("before")
