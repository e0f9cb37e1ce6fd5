"""The one-widget footer: drawn cell for cell as Textual's `Footer`, and used as one."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from rich.style import Style
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label

from stretch_tui.screens.home import HomeScreen
from stretch_tui.widgets.home_menu import HomeMenu
from stretch_tui.widgets.key_footer import KeyFooter
from tests.appkit import make_app
from tests.waiting import wait_until

Cells = list[tuple[str, Style]]


class Keys(Screen[None]):
    """Keys of every kind: with a description, without, disabled, hidden, one with a tooltip;
    `ctrl+d` is disabled until `allow` is set."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "note('a')", "Alpha", tooltip="The first key"),
        Binding("b", "note('b')", "Bravo"),
        Binding("c", "note('c')", ""),
        Binding("ctrl+d", "disabled", "Disabled one"),
        Binding("e", "note('e')", "Echo", show=False),
        Binding("escape", "note('escape')", "Back"),
    ]

    def __init__(self, footer: Widget) -> None:
        super().__init__()
        self.footer = footer
        self.allow = False

    def compose(self) -> ComposeResult:
        yield Label("keys")
        yield self.footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "disabled" and not self.allow else True

    def action_note(self, key: str) -> None:
        self.app.pressed.append(key)  # type: ignore[attr-defined]


class KeysApp(App[None]):
    def __init__(self, footer: Widget, theme: str = "textual-dark") -> None:
        super().__init__()
        self.footer = footer
        self.pressed: list[str] = []
        self.bells = 0
        self.start_theme = theme

    def on_mount(self) -> None:
        self.theme = self.start_theme
        self.push_screen(Keys(self.footer))

    def bell(self) -> None:
        self.bells += 1


def bottom_line(app: App[Any]) -> Cells:
    """The last line on the screen, a cell at a time (text and colours, no mouse data)."""
    strip = app.screen._compositor.render_strips()[-1]
    return [
        (character, (segment.style or Style()).clear_meta_and_links())
        for segment in strip
        for character in segment.text
    ]


async def footer_line(
    footer: Widget, theme: str, width: int, hover: int | None = None, expect: str = "palette"
) -> Cells:
    """The footer's line once it shows `expect`, with the mouse at `hover` if given."""
    app = KeysApp(footer, theme)
    async with app.run_test(size=(width, 5)) as pilot:
        await wait_until(pilot, lambda: expect in "".join(c for c, _ in bottom_line(app)), expect)
        if hover is not None:
            await pilot.hover(offset=(hover, 4))
            await pilot.pause()
        await pilot.pause()
        return bottom_line(app)


@pytest.mark.parametrize(
    ("theme", "compact", "width", "hover"),
    [
        ("textual-dark", False, 100, None),
        ("textual-dark", True, 100, None),
        ("textual-light", False, 60, None),
        ("nord", True, 60, None),
        ("gruvbox", False, 100, 3),  # over "a Alpha"
        ("dracula", False, 100, 20),  # over the disabled key
        ("textual-dark", True, 100, 97),  # over the command palette's key
        ("solarized-light", False, 100, 97),
    ],
)
async def test_the_footer_is_drawn_as_textuals_footer(
    theme: str, compact: bool, width: int, hover: int | None
) -> None:
    ours = await footer_line(KeyFooter(compact=compact), theme, width, hover)
    textuals = await footer_line(Footer(compact=compact), theme, width, hover)
    assert "".join(c for c, _ in ours) == "".join(c for c, _ in textuals)
    assert ours == textuals


async def test_a_click_on_a_key_presses_it_and_a_disabled_key_rings_the_bell() -> None:
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(100, 5)) as pilot:
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(9, 0))  # " b Bravo "
        await pilot.click(KeyFooter, offset=(20, 0))  # " ^d Disabled one "
        await pilot.click(KeyFooter, offset=(70, 0))  # nothing there
        await pilot.pause()
        assert app.pressed == ["b"]
        assert app.bells == 1


async def test_the_keys_are_drawn_again_when_they_change() -> None:
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(100, 5)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert [key.enabled for key in footer.keys if key.key == "ctrl+d"] == [False]
        disabled = [style for character, style in bottom_line(app) if character == "D"]
        app.screen.allow = True  # type: ignore[attr-defined]
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert [key.enabled for key in footer.keys if key.key == "ctrl+d"] == [True]
        enabled = [style for character, style in bottom_line(app) if character == "D"]
        assert len(enabled) == len(disabled) == 1
        assert enabled != disabled  # no longer dimmed


async def test_the_key_under_the_mouse_shows_its_tooltip() -> None:
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(100, 5)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        await pilot.hover(KeyFooter, offset=(3, 0))
        assert footer.tooltip == "The first key"
        await pilot.hover(KeyFooter, offset=(9, 0))  # Bravo has none
        assert footer.tooltip is None
        await pilot.hover(KeyFooter, offset=(96, 0))
        assert footer.tooltip == "Open the command palette"


async def test_keys_that_do_not_fit_are_cut_off_before_the_palette_key() -> None:
    ours = await footer_line(KeyFooter(), "textual-dark", 30)
    assert "".join(character for character, _ in ours) == " a Alpha  b Bravo ▏^p palette "
    assert ours == await footer_line(Footer(), "textual-dark", 30)
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(17, 0))  # the last cell of " b Bravo "
        await pilot.pause()
        assert app.pressed == ["b"]
        await pilot.click(KeyFooter, offset=(20, 0))  # the palette's key
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")


async def test_a_click_between_compact_keys_or_after_the_palette_key_presses_nothing() -> None:
    app = KeysApp(KeyFooter(compact=True))
    async with app.run_test(size=(100, 5)) as pilot:
        await pilot.pause()
        line = "".join(character for character, _ in bottom_line(app))
        assert line.startswith("a Alpha b Bravo ")
        await pilot.click(KeyFooter, offset=(7, 0))  # the footer's cell after "a Alpha"
        await pilot.click(KeyFooter, offset=(99, 0))  # the cell after the palette's key
        await pilot.hover(KeyFooter, offset=(7, 0))
        assert app.screen.query_one(KeyFooter).tooltip is None
        await pilot.click(KeyFooter, offset=(6, 0))  # the last cell of "a Alpha"
        await pilot.pause()
        assert app.pressed == ["a"]
        assert isinstance(app.screen, Keys)


async def test_the_mouse_after_the_keys_changed_finds_the_keys_drawn_last() -> None:
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(100, 5)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        footer.show_command_palette = False  # the keys change; not drawn again yet
        footer.on_mouse_move(events.MouseMove(footer, 97, 0, 0, 0, 0, False, False, False))
        assert footer.tooltip is None
        await pilot.pause()
        await pilot.click(KeyFooter, offset=(97, 0))  # drawn again: nothing there now
        await pilot.pause()
        assert isinstance(app.screen, Keys)


async def test_the_footer_stays_while_a_widget_is_maximized(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home")
        await pilot.pause()
        app.screen.maximize(app.screen.query_one(HomeMenu))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.maximized is not None
        assert "palette" in "".join(character for character, _ in bottom_line(app))


@pytest.mark.parametrize("width", [5, 10])
async def test_a_line_too_short_for_the_palette_key_shows_its_end(width: int) -> None:
    ours = await footer_line(KeyFooter(), "textual-dark", width, expect="ette")
    assert ours == await footer_line(Footer(), "textual-dark", width, expect="ette")
