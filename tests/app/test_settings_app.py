"""Settings as a person uses it: keys and clicks on the list, what it says, what is saved."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from textual.pilot import Pilot

from stretch_tui.app import StretchApp
from stretch_tui.domain.preferences import Preferences
from stretch_tui.screens.settings import SettingsScreen
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.widgets.settings_list import SettingsList
from stretch_tui.widgets.status_text import StatusText
from tests.appkit import make_app
from tests.waiting import wait_until

SIZE = (100, 30)


def saved(home: Path) -> Preferences:
    """The preferences on disk, read afresh."""
    return AppState(resolve_paths(home)).preferences


def settings_list(app: StretchApp) -> SettingsList:
    return app.screen.query_one(SettingsList)


def status(app: StretchApp) -> str:
    return app.screen.query_one("#settings-status", StatusText).text.plain


def explanation(app: StretchApp) -> str:
    return app.screen.query_one("#settings-help", StatusText).text.plain


def line(app: StretchApp, label: str) -> str:
    """The list's line that starts with `label` (after its indent)."""
    rows = settings_list(app).rows_text().splitlines()
    return next(row for row in rows if row.startswith(f"   {label}"))


async def open_settings(app: StretchApp, pilot: Pilot[int]) -> None:
    await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen), "Settings")
    await pilot.pause()


async def go_to(pilot: Pilot[int], app: StretchApp, key: str) -> None:
    """Move the highlight with the arrow keys down to the setting `key`."""
    await pilot.press("home")
    for _ in range(30):
        if settings_list(app).highlighted.key == key:
            return
        await pilot.press("down")
    raise AssertionError(f"no setting {key}")


async def test_space_toggles_an_on_off_and_saves_it(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "include_advanced")
        assert "[ ] off" in line(app, "Include advanced")
        await pilot.press("space")
        await pilot.pause()
        assert "[x] on" in line(app, "Include advanced")
        assert status(app) == "Saved: Include advanced exercises, on."
    assert saved(isolated_home).include_advanced is True


async def test_reduced_motion_applies_at_once(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await pilot.press("end")
        assert settings_list(app).highlighted.key == "reduced_motion"
        await pilot.press("enter")
        await pilot.pause()
        assert app.reduced_motion
    assert saved(isolated_home).reduced_motion is True


async def test_right_steps_a_number_and_stops_at_its_highest(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "inhale_seconds")
        assert "1-20" in line(app, "Breathe in for")  # the range is shown
        await pilot.press("left")
        await pilot.pause()
        assert saved(isolated_home).inhale_seconds == 3
        await pilot.press(*["right"] * 20)
        await pilot.pause()
        assert " 20 ›" in line(app, "Breathe in for")
        assert "20 is the highest" in status(app)
    assert saved(isolated_home).inhale_seconds == 20


async def test_a_number_typed_is_set_on_enter(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "rest_seconds")
        await pilot.press("2", "5")
        await pilot.pause()
        assert "25_" in line(app, "Rest between")  # shown as typed, not yet saved
        assert saved(isolated_home).rest_seconds == 10
        await pilot.press("enter")
        await pilot.pause()
        assert status(app) == "Saved: Rest between exercises (seconds), 25."
    assert saved(isolated_home).rest_seconds == 25


async def test_a_number_typed_is_set_on_leaving_its_line(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "target_minutes")
        await pilot.press("1", "5", "down")
        await pilot.pause()
    assert saved(isolated_home).target_minutes == 15


async def test_a_typed_number_out_of_range_says_so_and_saves_nothing(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "inhale_seconds")
        await pilot.press("9", "9", "enter")
        await pilot.pause()
        assert "from 1 to 20" in status(app)
        assert "Nothing saved" in status(app)
        assert " 4 ›" in line(app, "Breathe in for")  # back to the value saved
    assert saved(isolated_home).inhale_seconds == 4


async def test_a_letter_on_a_number_line_says_it_takes_a_number(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "cue_volume")
        await pilot.press("x")
        await pilot.pause()
        assert "takes a whole number from 0 to 100" in status(app)
    assert saved(isolated_home).cue_volume == 80


async def test_escape_undoes_the_digits_typed_and_then_leaves(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "rest_seconds")
        await pilot.press("7", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "‹  10 ›" in line(app, "Rest between")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, SettingsScreen), "Home")
    assert saved(isolated_home).rest_seconds == 10


async def test_the_theme_cycles_applies_and_is_saved(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await go_to(pilot, app, "theme")
        themes = sorted(app.available_themes)
        following = themes[(themes.index("textual-dark") + 1) % len(themes)]
        await pilot.press("right")
        await pilot.pause()
        assert app.theme == following
        assert f"‹ {following} ›" in line(app, "Theme")
    assert saved(isolated_home).theme == following


async def test_the_sound_mode_cycles_and_its_help_shows(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        assert settings_list(app).highlighted.key == "sound_mode"
        assert explanation(app).startswith("auto: the bell over SSH")
        await pilot.press("right", "right")
        await pilot.pause()
        assert explanation(app).startswith("bell: the terminal bell")
        assert "‹ bell ›" in line(app, "Sound mode")
        await pilot.press("left", "left", "left")  # round past the first to the last
        await pilot.pause()
        assert explanation(app).startswith("off: no cues")
    assert saved(isolated_home).sound_mode == "off"


async def test_a_click_on_a_value_changes_it(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        rows = settings_list(app).rows_text().splitlines()
        row = next(index for index, text in enumerate(rows) if "Voice: breathe" in text)
        column = rows[row].index("[ ] off")
        await pilot.click(SettingsList, offset=(column + 1, row))
        await pilot.pause()
        assert settings_list(app).highlighted.key == "voice_breathing"
        assert "[x] on" in line(app, "Voice: breathe")
        volume = next(index for index, text in enumerate(rows) if "Cue volume" in text)
        left_arrow = rows[volume].index("‹")
        await pilot.click(SettingsList, offset=(left_arrow, volume))
        await pilot.pause()
    preferences = saved(isolated_home)
    assert preferences.voice_breathing is True
    assert preferences.cue_volume == 79


async def test_a_click_on_a_label_only_highlights(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        rows = settings_list(app).rows_text().splitlines()
        row = next(index for index, text in enumerate(rows) if "Include advanced" in text)
        await pilot.click(SettingsList, offset=(5, row))
        await pilot.pause()
        assert settings_list(app).highlighted.key == "include_advanced"
    assert saved(isolated_home).include_advanced is False


async def test_every_preference_but_the_hidden_ones_has_a_line(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await pilot.press("end")
        last = settings_list(app).highlighted.key
        keys = []
        await pilot.press("home")
        while True:
            keys.append(settings_list(app).highlighted.key)
            if keys[-1] == last:
                break
            await pilot.press("down")
    hidden = {"left_out", "notice_seen"}
    assert sorted(keys) == sorted(a.name for a in fields(Preferences) if a.name not in hidden)
