"""Every screen of the app in one table: its name, title, keys, and where it is offered.

Home's menu and keys, Help, the command palette, the app's global keys and the command line
(`stretch-tui library`, ...) all read `SCREENS`, so a new screen is one entry here plus its
module in `stretch_tui/screens/` (docs/architecture.md 3, "A screen"). Plain data without
Textual, so the command line reads it without loading the UI; `screens/registry.py` turns an
entry into its screen class and the key bindings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScreenEntry:
    """One screen and every place it is offered."""

    name: str
    """Its id, the name `StretchApp.action_open` takes, and its command-line command."""
    title: str
    """Its heading in Help, and its name in the palette and the global keys' help."""
    target: str
    """Where its class lives, "module:Class"; imported only when the screen is first opened
    (importing every screen to show Home cost a tenth of a second of launch time)."""
    opened_by_name: bool = True
    """Opened without arguments, by name: from the palette, a global key or Home. False for a
    screen another screen opens with what it needs (an exercise's detail, a session)."""
    global_key: str | None = None
    """The key that opens it from anywhere."""
    global_key_in_footer: bool = False
    """Whether every screen's footer shows the global key (the footer must fit 80 columns)."""
    menu_label: str | None = None
    """Its line in Home's menu (in the order of `SCREENS`); None keeps it off the menu."""
    menu_key: str | None = None
    """Home's own one-letter key for it (the menu shows it, or else the global key)."""
    menu_key_in_footer: bool = False
    """Whether Home's footer shows `menu_key`."""
    command_line: bool = False
    """Whether `stretch-tui NAME` opens the app on it."""

    @property
    def menu_key_text(self) -> str:
        """The key Home's menu names beside the label: Home's own, else the global one."""
        return key_text(self.menu_key or self.global_key or "")


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry(
        "welcome",
        "Welcome (first run)",
        "stretch_tui.screens.welcome:WelcomeScreen",
        opened_by_name=False,
    ),
    ScreenEntry("home", "Home", "stretch_tui.screens.home:HomeScreen"),
    ScreenEntry(
        "screening",
        "Screening",
        "stretch_tui.screens.screening:ScreeningScreen",
        global_key="ctrl+t",
        menu_label="Screening",
        menu_key="s",
        menu_key_in_footer=True,
        command_line=True,
    ),
    ScreenEntry(
        "library",
        "Library",
        "stretch_tui.screens.library:LibraryScreen",
        global_key="ctrl+l",
        menu_label="Library of stretches",
        menu_key="l",
        menu_key_in_footer=True,
        command_line=True,
    ),
    ScreenEntry(
        "exercise",
        "Exercise detail",
        "stretch_tui.screens.exercise:ExerciseScreen",
        opened_by_name=False,
    ),
    ScreenEntry(
        "routines",
        "Routines",
        "stretch_tui.screens.routines:RoutinesScreen",
        menu_label="Routines",
        menu_key="t",
        menu_key_in_footer=True,
    ),
    ScreenEntry(
        "routine-editor",
        "Routine editor",
        "stretch_tui.screens.routine_editor:RoutineEditorScreen",
        opened_by_name=False,
    ),
    ScreenEntry(
        "session",
        "Session",
        "stretch_tui.screens.session:SessionScreen",
        opened_by_name=False,
    ),
    ScreenEntry(
        "summary",
        "Session summary",
        "stretch_tui.screens.summary:SummaryScreen",
        opened_by_name=False,
    ),
    ScreenEntry(
        "progress",
        "Progress",
        "stretch_tui.screens.progress:ProgressScreen",
        global_key="ctrl+g",
        menu_label="Progress",
        menu_key="g",
        command_line=True,
    ),
    ScreenEntry(
        "settings",
        "Settings",
        "stretch_tui.screens.settings:SettingsScreen",
        global_key="ctrl+o",
        menu_label="Settings",
        menu_key="o",
    ),
    ScreenEntry(
        "help",
        "Help",
        "stretch_tui.screens.help:HelpScreen",
        global_key="f1",
        global_key_in_footer=True,
        menu_label="Help",
    ),
)
"""Every screen, in the order a user meets them (Help lists them so, and Home's menu and the
palette keep the order)."""


def screen_entry(name: str) -> ScreenEntry:
    """The entry of the screen called `name` (KeyError for an unknown one)."""
    for entry in SCREENS:
        if entry.name == name:
            return entry
    raise KeyError(name)


def command_line_screens() -> tuple[str, ...]:
    """The names `stretch-tui NAME` opens the app on."""
    return tuple(entry.name for entry in SCREENS if entry.command_line)


def key_text(key: str) -> str:
    """A key as the menu writes it: function keys in capitals (`F1`), others as they are."""
    return key.upper() if re.fullmatch(r"f\d+", key) else key
