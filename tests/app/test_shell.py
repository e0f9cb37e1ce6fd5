"""The app shell: first run, Home, settings saved at once, help, palette, sizes."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.widgets import Static

from stretch_tui.screens.help import HelpScreen, documented_screens, screen_bindings
from stretch_tui.screens.home import HomeScreen
from stretch_tui.screens.settings import SettingsScreen
from stretch_tui.screens.too_small import TooSmallScreen
from stretch_tui.screens.welcome import WelcomeScreen
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.widgets.settings_list import SettingsList
from stretch_tui.widgets.status_text import StatusText
from tests.appkit import make_app
from tests.waiting import wait_until


def screen_text(app: object) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


async def test_first_run_shows_the_welcome_and_the_self_care_notice(isolated_home: Path) -> None:
    app = make_app(isolated_home, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "not a diagnosis" in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert AppState(resolve_paths(isolated_home)).preferences.notice_seen


async def test_welcome_offers_the_screening(isolated_home: Path) -> None:
    app = make_app(isolated_home, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ScreeningScreen"
        # Home is under it, to come back to.
        assert [screen.id for screen in app.screen_stack[1:]] == ["home", "screening"]


async def test_on_a_first_run_home_is_built_when_the_welcome_closes(isolated_home: Path) -> None:
    app = make_app(isolated_home, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The opaque welcome hides whatever is under it: Home is not built for it.
        assert isinstance(app.screen, WelcomeScreen)
        assert [screen.id for screen in app.screen_stack[1:]] == [None]  # the welcome alone
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Not screened yet" in screen_text(app), "Home shows")
        assert [screen.id for screen in app.screen_stack[1:]] == ["home"]
        await pilot.press("escape")  # Home is the bottom: esc does not leave it
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_first_run_on_another_screen_keeps_home_under_it(isolated_home: Path) -> None:
    app = make_app(isolated_home, first_run=True, start_screen="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("l")
        await wait_until(pilot, lambda: app.screen.id == "library", "the library shows")
        assert [screen.id for screen in app.screen_stack[1:]] == ["home", "library"]


async def test_a_later_run_opens_home_without_the_welcome(isolated_home: Path) -> None:
    make_app(isolated_home)  # acknowledges the notice on disk
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Not screened yet" in screen_text(app)


async def test_start_screen_from_the_command_line(isolated_home: Path) -> None:
    app = make_app(isolated_home, start_screen="library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LibraryScreen"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_settings_are_saved_at_once_and_reloaded(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        settings = screen.query_one(SettingsList)
        await pilot.press("right", "right")  # the sound mode: auto, audio, bell
        await pilot.press("end", "space")  # reduced motion, on
        await pilot.press(*["up"] * 7, "2", "5", "enter")  # rest between exercises
        await pilot.pause()
        assert settings.value("rest_seconds") == 25
        assert app.reduced_motion
    reloaded = AppState(resolve_paths(isolated_home)).preferences
    assert reloaded.sound_mode == "bell"
    assert reloaded.reduced_motion is True
    assert reloaded.rest_seconds == 25


async def test_an_out_of_range_number_is_not_saved(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        settings = app.screen.query_one(SettingsList)
        while settings.highlighted.key != "inhale_seconds":
            await pilot.press("down")
        await pilot.press("9", "9", "enter")
        await pilot.pause()
        status = app.screen.query_one("#settings-status", StatusText).text.plain
        assert "from 1 to 20" in status
    assert AppState(resolve_paths(isolated_home)).preferences.inhale_seconds == 4


async def test_theme_chosen_is_saved(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert AppState(resolve_paths(isolated_home)).preferences.theme == "nord"
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_too_small_terminal_says_so_and_recovers(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "Make the terminal larger" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_80x24_home_shows_every_way_on(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)
        menu = app.screen.query_one("#home-menu")
        assert menu.region.right <= 80 and menu.region.bottom <= 24


def test_help_lists_every_key_of_every_screen() -> None:
    for _title, screen_class in documented_screens():
        bindings = list(screen_bindings(screen_class))
        assert bindings, f"{screen_class.__name__} declares no keys"


async def test_help_screen_shows_keys_notice_and_files(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "not a diagnosis" in text
        assert str(isolated_home) in text
        for _title, screen_class in documented_screens():
            for binding in screen_bindings(screen_class):
                assert binding.description in text


async def test_every_screen_is_reachable_by_keyboard(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, name in [
            ("l", "LibraryScreen"),
            ("s", "ScreeningScreen"),
            ("g", "ProgressScreen"),
            ("o", "SettingsScreen"),
            ("f1", "HelpScreen"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.__class__.__name__ == name, key
            await pilot.press("escape")
            await pilot.pause()
            if not isinstance(app.screen, HomeScreen):
                await pilot.press("escape")
                await pilot.pause()
            assert isinstance(app.screen, HomeScreen), name


async def test_command_palette_reaches_every_screen(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Open Library", "Open Screening", "Open Settings", "Open Help"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open settings")
        # The palette searches in a worker and shows the results as they come.
        await app.workers.wait_for_complete()
        results = app.screen.query_one(CommandList)
        await wait_until(
            pilot,
            lambda: (
                results.highlighted is not None
                and "Open Settings" in str(results.get_option_at_index(results.highlighted).prompt)
            ),
            "the palette highlights Open Settings",
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_a_corrupt_preferences_file_is_reported_and_the_app_goes_on(
    isolated_home: Path,
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "preferences.toml").write_text("schema_version = 1\ntheme = [\n")
    app = make_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert any("corrupt" in message for message in messages), messages
        assert isinstance(app.screen, HomeScreen)
    assert list(isolated_home.glob("preferences.toml.corrupt-*"))
