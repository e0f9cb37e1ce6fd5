"""The progress screen's sessions list (`widgets/session_list.py`): columns as wide as their
text, a row cursor moved by keys, wheel and click, and a message for each move."""

from __future__ import annotations

from textual import events, on
from textual.app import App, ComposeResult

from stretch_tui.widgets.session_list import SessionList


class OneList(App[None]):
    CSS = "SessionList { height: 6; }"

    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[int] = []

    def compose(self) -> ComposeResult:
        yield SessionList("When", "What", id="list")

    @on(SessionList.Highlighted, "#list")
    def note(self, event: SessionList.Highlighted) -> None:
        self.highlighted.append(event.cursor_row)


def rows(count: int, start: int = 0) -> list[tuple[str, ...]]:
    return [(f"day {number}", "stretch" * (1 + number % 2)) for number in range(start, count)]


async def test_columns_fit_their_widest_text_and_a_long_line_ends_in_an_ellipsis() -> None:
    app = OneList()
    async with app.run_test(size=(30, 10)) as pilot:
        table = app.query_one(SessionList)
        table.add_rows(rows(3))
        await pilot.pause()
        assert table.render_line(0).text.rstrip() == " When   What"
        assert table.render_line(1).text.rstrip() == " day 0  stretch"
        table.add_rows([("a much longer day", "and a routine too long for the list")])
        await pilot.pause()
        assert table.render_line(0).text.startswith(" When               What")
        assert table.render_line(4).text.rstrip().endswith("…")
        assert len(table.render_line(4).text) == 30


async def test_keys_move_the_cursor_and_say_so_and_the_rows_scroll_with_it() -> None:
    app = OneList()
    async with app.run_test(size=(30, 10)) as pilot:
        table = app.query_one(SessionList)
        table.add_rows(rows(20))
        table.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        assert app.highlighted == [1, 2]
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 19
        assert table.top_row == 20 - table.visible_rows
        assert table.render_line(table.visible_rows).text.startswith(" day 19")
        await pilot.press("pageup")
        await pilot.pause()
        assert table.cursor_row == 19 - table.visible_rows
        await pilot.press("home")
        await pilot.pause()
        assert (table.cursor_row, table.top_row) == (0, 0)
        assert app.highlighted[-1] == 0


async def test_a_click_highlights_a_row_and_the_wheel_scrolls() -> None:
    app = OneList()
    async with app.run_test(size=(30, 10)) as pilot:
        table = app.query_one(SessionList)
        table.add_rows(rows(20))
        await pilot.pause()
        await pilot.click(table, offset=(2, 3))
        await pilot.pause()
        assert table.cursor_row == 2
        table.post_message(events.MouseScrollDown(table, 2, 3, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert table.top_row == 3
        assert table.cursor_row == 3  # kept on screen
        table.clear()
        await pilot.pause()
        assert table.row_count == 0
        assert table.render_line(1).text.strip() == ""
