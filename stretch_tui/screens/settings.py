"""Settings: every preference of docs/product.md 2 and 7, each saved the moment it changes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.validation import Number
from textual.widgets import Footer, Header, Input, Label, Select, Static, Switch

from stretch_tui.domain.preferences import NUMBER_LIMITS, SOUND_MODES
from stretch_tui.screens.base import StretchScreen

NUMBER_FIELDS: dict[str, str] = {
    "lead_in_seconds": "Get-ready time before the first exercise (seconds)",
    "rest_seconds": "Rest between exercises (seconds)",
    "default_hold_seconds": "Default hold where a stretch gives none (seconds)",
    "inhale_seconds": "Breathing pace: breathe in for (seconds)",
    "exhale_seconds": "Breathing pace: breathe out for (seconds)",
    "target_minutes": "Length of the recommended routine (minutes)",
    "cue_volume": "Cue volume, where the audio player supports it (0-100)",
}
"""The whole-number settings, with the label Settings shows."""

VOICE_FIELDS: dict[str, str] = {
    "voice": "Voice: speak each exercise, side and change (real audio only)",
    "voice_breathing": "Voice: say breathe in, breathe out while pacing",
}
"""The voice's on/off settings (docs/product.md 7), shown under the sound mode."""

SWITCH_FIELDS: dict[str, str] = {
    "tick_last_seconds": "Count the last 3 seconds of a step (a soft tick, or the voice)",
    "reduced_motion": "Reduced motion: still poses, no flashing cues",
    "include_advanced": "Include advanced exercises in recommended routines",
}
"""The on/off settings, with their labels."""

SOUND_MODE_HELP = {
    "auto": "auto: the bell over SSH, cues on screen in a browser, real audio locally",
    "audio": "audio: sound files through the audio player",
    "bell": "bell: the terminal bell (reaches you over SSH)",
    "visual": "visual: a flash on screen, no sound",
    "off": "off: no cues at all",
}


class SettingsScreen(StretchScreen):
    """Change any preference; it is saved at once."""

    CSS_PATH = "settings.tcss"
    TITLE = "Settings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_screen", "Back", id="settings.back"),
    ]

    def compose(self) -> ComposeResult:
        preferences = self.state.preferences
        yield Header()
        with VerticalScroll(id="settings-form"):
            yield Static("Settings are saved as soon as you change them.", classes="muted")
            yield Label("Sound cues", classes="section-title")
            yield Select(
                [(SOUND_MODE_HELP[mode], mode) for mode in SOUND_MODES],
                value=preferences.sound_mode,
                allow_blank=False,
                id="sound_mode",
            )
            for field, label in VOICE_FIELDS.items():
                with Horizontal(classes="setting-row"):
                    yield Switch(value=getattr(preferences, field), id=field)
                    yield Label(label)
            yield Label("Theme", classes="section-title")
            yield Select(
                [(name, name) for name in sorted(self.app.available_themes)],
                value=preferences.theme
                if preferences.theme in self.app.available_themes
                else self.app.theme,
                allow_blank=False,
                id="theme",
            )
            for field, label in SWITCH_FIELDS.items():
                with Horizontal(classes="setting-row"):
                    yield Switch(value=getattr(preferences, field), id=field)
                    yield Label(label)
            for field, label in NUMBER_FIELDS.items():
                low, high = NUMBER_LIMITS[field]
                with Horizontal(classes="setting-row"):
                    yield Input(
                        str(getattr(preferences, field)),
                        type="integer",
                        validators=[Number(minimum=low, maximum=high)],
                        id=field,
                        classes="number",
                    )
                    yield Label(f"{label}  [{low}-{high}]")
            yield Static("", id="settings-status", classes="muted")
        yield Footer()

    @on(Select.Changed)
    def save_choice(self, event: Select.Changed) -> None:
        """Save the sound mode or the theme."""
        field = event.select.id
        if field is None or event.value is Select.BLANK:
            return
        if field == "theme":
            self.app.theme = str(event.value)  # the app saves it (watch_theme)
            return
        self._save(field, event.value)

    @on(Switch.Changed)
    def save_switch(self, event: Switch.Changed) -> None:
        """Save an on/off setting."""
        if event.switch.id is None:
            return
        self._save(event.switch.id, event.value)
        if event.switch.id == "reduced_motion":
            self.stretch_app.set_reduced_motion(event.value)

    @on(Input.Changed, ".number")
    def save_number(self, event: Input.Changed) -> None:
        """Save a number once it is valid; say what is allowed while it is not."""
        field = event.input.id
        if field is None:
            return
        status = self.query_one("#settings-status", Static)
        if event.validation_result is not None and not event.validation_result.is_valid:
            low, high = NUMBER_LIMITS[field]
            status.update(f"{NUMBER_FIELDS[field]}: enter a whole number from {low} to {high}.")
            return
        status.update("")
        self._save(field, int(event.value))

    def _save(self, field: str, value: object) -> None:
        if getattr(self.state.preferences, field) == value:
            return
        saved = self.state.update_preferences(**{field: value})
        self.stretch_app.report_notices()
        if saved:
            self.query_one("#settings-status", Static).update("Saved.")
