"""Home's two widgets (`widgets/home_menu.py`, `widgets/home_status.py`): the menu moves, chooses
with enter or a click, shades the line under the mouse and scrolls when it does not fit; the
column of text lays its parts out as the six widgets it replaced did."""

from __future__ import annotations

from rich.style import Style
from textual import events
from textual.app import App, ComposeResult

from stretch_tui.widgets.home_menu import HomeMenu
from stretch_tui.widgets.home_status import HomeStatus

CHOICES = [("session", "Start  (r)"), ("library", "Library  (l)"), ("help", "Help  (F1)")]


class MenuApp(App[None]):
    def __init__(self, choices: list[tuple[str, str]], height: str = "auto") -> None:
        super().__init__()
        self.choices = choices
        self.height = height
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        menu = HomeMenu(self.choices)
        menu.styles.height = self.height
        yield menu

    def on_home_menu_chosen(self, event: HomeMenu.Chosen) -> None:
        self.chosen.append(event.choice)


def style_of(menu: HomeMenu, y: int) -> Style | None:
    """The style line `y` is drawn in."""
    return next(iter(menu.render_line(y))).style


def lines(menu: HomeMenu) -> list[str]:
    return [menu.render_line(y).text for y in range(menu.size.height)]


async def test_the_menu_moves_with_the_keys_and_enter_chooses_the_highlighted_line() -> None:
    app = MenuApp(CHOICES)
    async with app.run_test(size=(40, 12)) as pilot:
        menu = app.query_one(HomeMenu)
        menu.focus()
        await pilot.press("down", "down", "down")  # stops at the last line
        assert menu.highlighted == "help"
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.chosen == ["library"]
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.chosen == ["library", "session"]


async def test_the_menu_is_as_tall_as_its_lines_inside_its_border() -> None:
    app = MenuApp(CHOICES)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        menu = app.query_one(HomeMenu)
        assert menu.size.height == len(CHOICES)
        assert menu.outer_size.height == len(CHOICES) + 2  # the tall border above and below
        assert [line.rstrip() for line in lines(menu)] == [label for _, label in CHOICES]


async def test_a_click_on_a_line_highlights_and_chooses_it() -> None:
    app = MenuApp(CHOICES)
    async with app.run_test(size=(40, 12)) as pilot:
        menu = app.query_one(HomeMenu)
        # The border's top line and the padding's column come before the first line.
        await pilot.click(HomeMenu, offset=(3, 3))
        await pilot.pause()
        assert menu.highlighted == "help"
        assert app.chosen == ["help"]


async def test_the_line_under_the_mouse_is_shaded_and_no_longer_once_it_leaves() -> None:
    app = MenuApp(CHOICES)
    async with app.run_test(size=(40, 12)) as pilot:
        menu = app.query_one(HomeMenu)
        plain = style_of(menu, 1)
        await pilot.hover(HomeMenu, offset=(3, 2))
        await pilot.pause()
        assert style_of(menu, 1) != plain
        assert style_of(menu, 2) == plain
        menu.post_message(events.Leave(menu))
        await pilot.pause()
        assert style_of(menu, 1) == plain


async def test_a_menu_taller_than_its_room_scrolls_to_the_cursor_with_a_scrollbar() -> None:
    choices = [(f"c{i}", f"Choice {i}") for i in range(10)]
    app = MenuApp(choices, height="6")  # 4 lines inside the border
    async with app.run_test(size=(40, 12)) as pilot:
        menu = app.query_one(HomeMenu)
        menu.focus()
        await pilot.press("end")
        await pilot.pause()
        assert menu.highlighted == "c9"
        shown = lines(menu)
        assert [line[:8] for line in shown] == ["Choice 6", "Choice 7", "Choice 8", "Choice 9"]
        assert [line[-1] for line in shown] == [" ", " ", "█", "█"]  # the thumb at the bottom


class StatusApp(App[None]):
    def compose(self) -> ComposeResult:
        yield HomeStatus()


async def test_the_status_lays_out_its_parts_under_their_titles() -> None:
    app = StatusApp()
    async with app.run_test(size=(60, 20)) as pilot:
        status = app.query_one(HomeStatus)
        status.set_part("profile", "Flexion responder.")
        status.set_part("history", "Streak: 3 days.")
        await pilot.pause()
        text = status.render().plain  # type: ignore[union-attr]
        # No re-rating due: no line for it; the recommended session keeps its (empty) line
        # while it is worked out, so the sessions do not move when it comes.
        assert text.split("\n") == [
            "",
            "Your profile",
            "Flexion responder.",
            "",
            "",
            "",
            "Your sessions",
            "Streak: 3 days.",
        ]
        status.set_part("rerate", "Press w to rate again.")
        status.set_part("recommended", "Recommended session: 7 exercises.")
        await pilot.pause()
        assert status.part("rerate") == "Press w to rate again."
        assert status.render().plain.split("\n")[2:6] == [  # type: ignore[union-attr]
            "Flexion responder.",
            "Press w to rate again.",
            "",
            "Recommended session: 7 exercises.",
        ]


async def test_the_status_shows_brackets_as_written_not_as_markup() -> None:
    app = StatusApp()
    async with app.run_test(size=(60, 20)) as pilot:
        status = app.query_one(HomeStatus)
        status.set_part("history", "Last session: [bold]routine[/bold]")
        await pilot.pause()
        assert "Last session: [bold]routine[/bold]" in status.render().plain  # type: ignore[union-attr]
