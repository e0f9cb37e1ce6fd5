"""Settings: every preference of docs/product.md 2 and 7, each saved the moment it changes.

The settings are the lines of one widget (`widgets/settings_list.py`) rather than a form of
switches, inputs and drop-downs: the form's 61 widgets made this screen the highest step of
the app's peak memory (docs/product.md 10).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header

from stretch_tui.domain.preferences import NUMBER_LIMITS, SOUND_MODES
from stretch_tui.screens.base import StretchScreen
from stretch_tui.widgets.key_footer import KeyFooter
from stretch_tui.widgets.settings_list import (
    Choice,
    Line,
    Number,
    Section,
    Setting,
    SettingsList,
    SettingValue,
    Toggle,
)
from stretch_tui.widgets.status_text import StatusText

SOUND_MODE_HELP = {
    "auto": "auto: the bell over SSH, cues on screen in a browser, real audio locally.",
    "audio": "audio: sound files through the audio player.",
    "bell": "bell: the terminal bell (reaches you over SSH).",
    "visual": "visual: a flash on screen, no sound.",
    "off": "off: no cues at all.",
}
"""What each sound mode does, shown under the list while the sound mode is highlighted."""

SAVED_AT_ONCE = "Settings are saved as soon as you change them."
"""The status line before anything changed."""


def _number(key: str, label: str, help: str) -> Number:
    low, high = NUMBER_LIMITS[key]
    return Number(key, label, help, low, high)


def settings_lines(themes: Sequence[str]) -> tuple[Line, ...]:
    """Every setting Settings shows, in its sections; `themes` are the names to choose from.

    A new setting gets its line here (docs/architecture.md 3, "A setting")."""
    return (
        Section("Sound cues"),
        Choice("sound_mode", "Sound mode", "How the cues reach you.", SOUND_MODES, SOUND_MODE_HELP),
        Toggle("voice", "Voice", "Speak each exercise, side and change (real audio only)."),
        Toggle(
            "voice_breathing",
            "Voice: breathe in, breathe out",
            "With the voice: say breathe in, breathe out while the breath is paced.",
        ),
        Toggle(
            "tick_last_seconds",
            "Count the last 3 seconds",
            "Count the last 3 seconds of a step: a soft tick, or the voice.",
        ),
        _number("cue_volume", "Cue volume", "Cue volume, where the audio player supports it."),
        Section("Session"),
        _number(
            "lead_in_seconds",
            "Get-ready time (seconds)",
            "Time to get ready before the first exercise.",
        ),
        _number("rest_seconds", "Rest between exercises (seconds)", "Rest between exercises."),
        _number(
            "default_hold_seconds",
            "Default hold (seconds)",
            "The hold for a stretch whose dose gives no time.",
        ),
        _number("inhale_seconds", "Breathe in for (seconds)", "Breathing pace: one breath in."),
        _number("exhale_seconds", "Breathe out for (seconds)", "Breathing pace: one breath out."),
        _number(
            "target_minutes",
            "Recommended routine (minutes)",
            "The length the recommended routine is fitted to.",
        ),
        Toggle(
            "include_advanced",
            "Include advanced exercises",
            "Let recommended routines include advanced exercises.",
        ),
        Section("Theme"),
        Choice(
            "theme",
            "Theme",
            "Left and right try each theme at once; the one shown is kept.",
            tuple(themes),
        ),
        Toggle(
            "reduced_motion",
            "Reduced motion",
            "Reduced motion: still poses, no flashing cues (applied at once).",
        ),
    )


class SettingsScreen(StretchScreen):
    """Change any preference; it is saved at once."""

    # Default CSS rather than CSS_PATH: a screen's CSS_PATH makes Textual parse every
    # stylesheet of the app again when the screen is first pushed (docs/product.md 10).
    DEFAULT_CSS = """
    SettingsScreen #settings-help {
        height: 2;
        padding: 0 1;
        color: $text-muted;
    }
    SettingsScreen #settings-status {
        height: 1;
        padding: 0 1;
    }
    SettingsScreen #settings-status.-refused {
        color: $warning;
    }
    """
    TITLE = "Settings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_screen", "Back", id="settings.back"),
        Binding("space", "activate", "Toggle", id="settings.toggle"),
        Binding("right", "step(1)", "Change", key_display="←→", id="settings.next"),
        Binding("left", "step(-1)", "Change back", show=False, id="settings.previous"),
        Binding("enter", "activate", "Set", show=False, id="settings.set"),
        Binding("plus", "step(1)", "One more", show=False, id="settings.more"),
        Binding("minus", "step(-1)", "One less", show=False, id="settings.less"),
        Binding("up", "move(-1)", "Previous setting", show=False, id="settings.up"),
        Binding("down", "move(1)", "Next setting", show=False, id="settings.down"),
        Binding("home", "move_to_end(False)", "First setting", show=False, id="settings.first"),
        Binding("end", "move_to_end(True)", "Last setting", show=False, id="settings.last"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="settings.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="settings.page-down"),
    ]

    def compose(self) -> ComposeResult:
        preferences = self.state.preferences
        themes = sorted(self.app.available_themes)
        lines = settings_lines(themes)
        values: dict[str, SettingValue] = {
            line.key: getattr(preferences, line.key)
            for line in lines
            if not isinstance(line, Section)
        }
        if preferences.theme not in themes:
            values["theme"] = self.app.theme
        self._list = SettingsList(lines, values, id="settings-list")
        yield Header()
        yield self._list
        yield StatusText(id="settings-help")
        yield StatusText(id="settings-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Explain the first setting; follow a theme chosen from the palette meanwhile."""
        self._show_help()
        self._say(SAVED_AT_ONCE)
        self.watch(self.app, "theme", self._show_theme, init=False)

    # The keys (the screen's, so that Help lists them)

    def action_move(self, delta: int) -> None:
        """Move the highlight up or down."""
        self._list.move(delta)

    def action_move_to_end(self, last: bool) -> None:
        """Highlight the first or last setting."""
        self._list.move_to_end(last)

    def action_page(self, delta: int) -> None:
        """Move the highlight a screenful."""
        self._list.page(delta)

    def action_step(self, delta: int) -> None:
        """One more or less, the next or previous choice, an on/off flipped."""
        self._list.step(delta)

    def action_activate(self) -> None:
        """Flip an on/off, take the next choice, set a number typed."""
        self._list.activate()

    # What the list says

    @on(SettingsList.Changed)
    def save_setting(self, event: SettingsList.Changed) -> None:
        """Save the new value at once; apply the theme and reduced motion at once too."""
        setting, value = event.setting, event.value
        if setting.key == "theme":
            self.app.theme = str(value)  # the app saves it (watch_theme)
            if self.state.preferences.theme == value:
                self._say(_saved(setting, value))
            return
        if getattr(self.state.preferences, setting.key) == value:
            return
        saved = self.state.update_preferences(**{setting.key: value})
        self.stretch_app.report_notices()
        if saved:
            self._say(_saved(setting, value))
        if setting.key == "reduced_motion":
            self.stretch_app.set_reduced_motion(bool(value))

    @on(SettingsList.Rejected)
    def say_why_not(self, event: SettingsList.Rejected) -> None:
        """A value the setting does not take: say what it does take."""
        self._say(event.reason, refused=True)

    @on(SettingsList.Highlighted)
    def explain_setting(self) -> None:
        """Explain the setting now highlighted."""
        self._show_help()

    def _show_help(self) -> None:
        self.query_one("#settings-help", StatusText).text = Text(self._list.explanation())

    def _say(self, message: str, *, refused: bool = False) -> None:
        status = self.query_one("#settings-status", StatusText)
        status.text = Text(message, overflow="ellipsis", no_wrap=True)
        status.set_class(refused, "-refused")

    def _show_theme(self, theme: str) -> None:
        self._list.set_value("theme", theme)


def _saved(setting: Setting, value: SettingValue) -> str:
    if isinstance(setting, Toggle):
        return f"Saved: {setting.label}, {'on' if value else 'off'}."
    return f"Saved: {setting.label}, {value}."
