"""The row cursor the exercise table and the sessions list share (`widgets/row_cursor_list.py`):
both kept in range, the cursor kept in view, page moves with their overlap, the wheel, and a
move that repaints only the lines it changed."""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from stretch_tui.widgets.row_cursor_list import RowCursorList


class Numbers(RowCursorList):
    """`count` rows named by their number, the cursor's marked; it notes what it repaints."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.moves: list[int] = []
        self.repainted: list[tuple[Region, ...]] = []

    @property
    def row_count(self) -> int:
        return self.count

    def _cursor_moved(self, row: int) -> None:
        self.moves.append(row)

    def refresh(self, *regions: Region, **kwargs: bool) -> RowCursorList:
        self.repainted.append(regions)
        return super().refresh(*regions, **kwargs)

    def render_line(self, y: int) -> Strip:
        row = self.top_row + y - 1
        if y == 0 or row >= self.count:
            return Strip.blank(self.size.width)
        mark = ">" if row == self.cursor_row else " "
        return Strip([Segment(f"{mark}row {row}")])


class Overlapping(Numbers):
    PAGE_OVERLAP = 1
    WHEEL_PASSES_AT_ENDS = False


class OneList(App[None]):
    CSS = "Numbers { height: 6; }"  # a header and 5 rows

    def __init__(self, numbers: Numbers) -> None:
        super().__init__()
        self.numbers = numbers
        self.wheel_reached_app = 0

    def compose(self) -> ComposeResult:
        yield self.numbers

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.wheel_reached_app += 1


def wheel_down(widget: RowCursorList) -> None:
    widget.post_message(events.MouseScrollDown(widget, 2, 3, 0, 1, 0, False, False, False))


async def test_the_cursor_and_the_top_row_stay_in_range_and_the_cursor_in_view() -> None:
    numbers = Numbers(20)
    async with OneList(numbers).run_test(size=(30, 10)) as pilot:
        numbers.focus()
        await pilot.pause()
        numbers.moves.clear()
        await pilot.press("up")
        assert numbers.cursor_row == 0
        await pilot.press("end")
        assert (numbers.cursor_row, numbers.top_row) == (19, 15)
        await pilot.press("down")
        assert numbers.cursor_row == 19
        numbers.top_row = 40
        assert numbers.top_row == 15  # never past the last screenful
        await pilot.press("home")
        assert (numbers.cursor_row, numbers.top_row) == (0, 0)
        assert numbers.moves == [19, 0]  # the presses that moved nothing say nothing


async def test_a_page_move_keeps_the_overlap_its_list_asks_for() -> None:
    plain, overlapping = Numbers(20), Overlapping(20)
    for numbers, step in ((plain, 5), (overlapping, 4)):
        async with OneList(numbers).run_test(size=(30, 10)) as pilot:
            numbers.focus()
            await pilot.press("pagedown")
            assert numbers.cursor_row == step
            await pilot.press("pagedown", "pageup")
            assert numbers.cursor_row == step


async def test_a_move_on_screen_repaints_only_the_two_rows_it_changed() -> None:
    numbers = Numbers(20)
    async with OneList(numbers).run_test(size=(30, 10)) as pilot:
        await pilot.pause()
        numbers.repainted.clear()
        numbers.cursor_row = 2
        assert numbers.repainted == [(Region(0, 1, 30, 1),), (Region(0, 3, 30, 1),)]
        numbers.repainted.clear()
        numbers.cursor_row = 7  # off screen: the view scrolls, everything is drawn again
        assert numbers.top_row == 3
        assert () in numbers.repainted


async def test_the_wheel_scrolls_the_rows_and_keeps_the_cursor_on_screen() -> None:
    numbers = Numbers(20)
    app = OneList(numbers)
    async with app.run_test(size=(30, 10)) as pilot:
        wheel_down(numbers)
        await pilot.pause()
        assert (numbers.top_row, numbers.cursor_row) == (3, 3)
        assert app.wheel_reached_app == 0


async def test_the_wheel_past_the_end_goes_on_to_the_screen_unless_the_list_keeps_it() -> None:
    for numbers, passes in ((Numbers(3), True), (Overlapping(3), False)):
        app = OneList(numbers)
        async with app.run_test(size=(30, 10)) as pilot:
            wheel_down(numbers)
            await pilot.pause()
            assert numbers.top_row == 0
            assert app.wheel_reached_app == (1 if passes else 0)


async def test_a_smaller_size_keeps_the_cursor_on_screen() -> None:
    numbers = Numbers(20)
    app = OneList(numbers)
    async with app.run_test(size=(30, 10)) as pilot:
        numbers.cursor_row = 4
        await pilot.pause()
        numbers.styles.height = 3  # a header and 2 rows
        await pilot.pause()
        assert numbers.top_row == 3
