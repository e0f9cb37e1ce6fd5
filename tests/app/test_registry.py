"""The screen registry (`stretch_tui.screen_names.SCREENS`) is the one list of screens: every
entry is reachable from the palette, listed in Help, bound to its keys, on Home's menu and a
command-line command, each exactly when its entry says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from stretch_tui.app import StretchApp
from stretch_tui.cli import APP_SCREENS, UsageError, build_parser
from stretch_tui.screen_names import SCREENS, ScreenEntry, key_text
from stretch_tui.screens.help import (
    HelpScreen,
    current_screen_keys,
    documented_screens,
    help_keys_module,
)
from stretch_tui.screens.help_keys import SCREEN_KEYS
from stretch_tui.screens.home import SESSION_MENU_LINE, HomeScreen
from stretch_tui.screens.registry import make_screen, screen_class
from stretch_tui.widgets.home_menu import HomeMenu
from tests.appkit import make_app
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]

BY_NAME = [entry for entry in SCREENS if entry.opened_by_name]
WITH_GLOBAL_KEY = [entry for entry in SCREENS if entry.global_key is not None]
ON_MENU = [entry for entry in SCREENS if entry.menu_label is not None]
WITH_MENU_KEY = [entry for entry in ON_MENU if entry.menu_key is not None]


def _shows(app: StretchApp, entry: ScreenEntry) -> bool:
    """True once `entry`'s screen is on top and mounted (popping it sooner would pull its
    widgets from under its own mount handler)."""
    return app.screen.id == entry.name and app.screen.is_mounted


def _ids(entries: list[ScreenEntry]) -> list[str]:
    return [entry.name for entry in entries]


def test_every_entry_names_a_screen_class_and_its_names_are_unique() -> None:
    names = [entry.name for entry in SCREENS]
    assert len(set(names)) == len(names)
    for entry in SCREENS:
        assert issubclass(screen_class(entry), Screen), entry.target


def test_no_two_screens_share_a_key() -> None:
    global_keys = [entry.global_key for entry in WITH_GLOBAL_KEY]
    menu_keys = [entry.menu_key for entry in WITH_MENU_KEY]
    assert len(set(global_keys)) == len(global_keys)
    assert len(set(menu_keys)) == len(menu_keys)
    # Home's session line and its other keys are not taken by a screen's menu key.
    home_own = {SESSION_MENU_LINE[2], "w", "q"}
    assert not home_own & set(menu_keys)


@pytest.mark.parametrize("entry", BY_NAME, ids=_ids(BY_NAME))
def test_a_screen_opened_by_name_gets_its_name_as_id(entry: ScreenEntry) -> None:
    screen = make_screen(entry.name)
    assert isinstance(screen, screen_class(entry))
    assert screen.id == entry.name


def test_a_screen_that_needs_more_than_its_name_is_not_made_by_name() -> None:
    needs_more = [entry for entry in SCREENS if not entry.opened_by_name]
    assert needs_more
    for entry in needs_more:
        with pytest.raises(ValueError, match="not opened by name"):
            make_screen(entry.name)


def test_help_lists_every_entry_in_order() -> None:
    assert documented_screens() == [(entry.title, screen_class(entry)) for entry in SCREENS]


def test_the_command_line_opens_exactly_the_flagged_screens() -> None:
    flagged = tuple(entry.name for entry in SCREENS if entry.command_line)
    assert flagged and flagged == APP_SCREENS
    parser = build_parser()
    for name in flagged:
        assert parser.parse_args([name]).command == name
    for entry in SCREENS:
        if not entry.command_line and entry.name != "session":  # `session` has its own command
            with pytest.raises(UsageError):
                parser.parse_args([entry.name])


def test_the_app_binds_every_global_key_to_its_screen() -> None:
    bindings = {b.id: b for b in StretchApp.BINDINGS if isinstance(b, Binding)}
    for entry in WITH_GLOBAL_KEY:
        binding = bindings[entry.name]
        assert binding.key == entry.global_key
        assert binding.action == f"open({entry.name!r})"
        assert binding.show == entry.global_key_in_footer


async def test_every_global_key_opens_its_screen(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        for entry in WITH_GLOBAL_KEY:
            assert entry.global_key is not None
            await pilot.press(entry.global_key)
            await wait_until(pilot, lambda e=entry: _shows(app, e), f"{entry.name} open")
            await app.pop_screen()
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "back on Home")


async def test_homes_menu_lists_the_flagged_screens_and_their_keys_open_them(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home shows")
        menu = app.screen.query_one("#home-menu", HomeMenu)
        lines = [menu.label(choice) for choice in menu.choice_ids]
        expected = [f"{label}  ({key})" for _, label, key in [SESSION_MENU_LINE]] + [
            f"{entry.menu_label}  ({entry.menu_key_text})" for entry in ON_MENU
        ]
        assert lines == expected
        for entry in WITH_MENU_KEY:
            assert entry.menu_key is not None
            await pilot.press(entry.menu_key)
            await wait_until(pilot, lambda e=entry: _shows(app, e), f"{entry.name} open")
            await app.pop_screen()
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "back on Home")


async def test_homes_menu_line_opens_its_screen(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home shows")
        for entry in ON_MENU:
            menu = app.screen.query_one("#home-menu", HomeMenu)
            menu.focus()
            menu.cursor_row = menu.choice_ids.index(entry.name)
            await pilot.press("enter")
            await wait_until(pilot, lambda e=entry: _shows(app, e), f"{entry.name} open")
            await app.pop_screen()
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "back on Home")


async def test_the_palette_opens_every_screen_opened_by_name(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home shows")
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for entry in BY_NAME:
            command = commands[f"Open {entry.title}"]
            assert entry.title in command.help
            if entry.name == "home":
                continue  # Home is the screen at the bottom: its command is checked below
            command.callback()
            await wait_until(pilot, lambda e=entry: _shows(app, e), f"{entry.name} open")
            await app.pop_screen()
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "back on Home")
        # Home is open already: its command says so rather than stacking a second Home.
        await app.push_screen(make_screen("help"))
        commands["Open Home"].callback()
        await wait_until(pilot, lambda: bool(app._notifications), "a notification")
        assert "Home is already open" in next(iter(app._notifications)).message
        assert isinstance(app.screen, HelpScreen)


async def test_help_shows_every_title_and_global_key(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(make_screen("help"))
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "Help shows")
        text = "\n".join(str(widget.render()) for widget in app.screen.query(Static))
        for entry in SCREENS:
            assert entry.title in text
        for entry in WITH_GLOBAL_KEY:
            assert entry.global_key is not None
            assert app.get_key_display(Binding(entry.global_key, "noop")) in text


def test_key_text_writes_function_keys_in_capitals() -> None:
    assert key_text("f1") == "F1"
    assert key_text("ctrl+t") == "ctrl+t"
    assert key_text("s") == "s"


def test_help_keys_are_the_keys_the_screens_declare() -> None:
    assert current_screen_keys() == SCREEN_KEYS, (
        "a screen's keys changed: run `make help-keys` (scripts/help_keys.py)"
    )


def test_help_keys_module_is_what_the_script_writes() -> None:
    import stretch_tui.screens.help_keys as module

    assert Path(module.__file__).read_text(encoding="utf-8") == help_keys_module(SCREEN_KEYS)


def test_help_shows_every_screen_without_importing_them(tmp_path: Path) -> None:
    code = (
        "import asyncio, sys\n"
        "from stretch_tui.screens.help import HelpScreen\n"
        "from tests.appkit import make_app\n"
        "async def main():\n"
        f"    app = make_app(__import__('pathlib').Path({str(tmp_path)!r}))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        await app.push_screen(HelpScreen())\n"
        "        await pilot.pause()\n"
        "        text = str(app.screen.query_one('#help-keys').render())\n"
        "        print('Routine editor' in text and 'Session summary' in text)\n"
        "    print(sorted(m for m in sys.modules if m.startswith('stretch_tui.screens.')))\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    shown, loaded = result.stdout.splitlines()[-2:]
    assert shown == "True"
    for module in ("session", "routine_editor", "screening", "summary", "exercise"):
        assert f"stretch_tui.screens.{module}'" not in loaded
