"""The screen table (`stretch_tui.screen_names.SCREENS`) as Textual needs it: screen classes,
new screens by name, the global key bindings and Home's menu keys."""

from __future__ import annotations

import importlib
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from stretch_tui.screen_names import SCREENS, ScreenEntry, screen_entry

RELEASED_WHEN_LEFT = frozenset({"library", "exercise", "routines", "progress", "settings", "help"})
"""Screens that hold nothing a user could lose (a search typed, at most): opening another
screen from one of them closes it first, so that browsing every screen never keeps them all
open (docs/product.md 10, memory). The screening, a session and the routine editor stay
open under what they open, with their answers and changes."""


def released_when_left(screen: Screen[Any]) -> bool:
    """Whether opening another screen from `screen` closes it (`RELEASED_WHEN_LEFT`)."""
    return screen.id in RELEASED_WHEN_LEFT


def screen_class(entry: ScreenEntry) -> type[Screen[Any]]:
    """The class of `entry`'s screen, importing its module now if it was not yet."""
    module, _, attribute = entry.target.partition(":")
    found: type[Screen[Any]] = getattr(importlib.import_module(module), attribute)
    return found


def make_screen(name: str) -> Screen[Any]:
    """A new instance of the screen called `name`, with `name` as its id (KeyError for a
    name no screen has, ValueError for one that needs more than its name to open)."""
    entry = screen_entry(name)
    if not entry.opened_by_name:
        raise ValueError(f"the {entry.title} screen is not opened by name")
    screen = screen_class(entry)()
    if screen.id is None:
        screen.id = name
    return screen


def documented_screens() -> list[tuple[str, type[Screen[Any]]]]:
    """Every screen whose keys Help lists, with its title, in the order a user meets them."""
    return [(entry.title, screen_class(entry)) for entry in SCREENS]


def global_key_bindings() -> list[Binding]:
    """The app's bindings that open a screen from anywhere."""
    return [
        Binding(
            entry.global_key,
            f"open({entry.name!r})",
            entry.title,
            show=entry.global_key_in_footer,
            id=entry.name,
        )
        for entry in SCREENS
        if entry.global_key is not None
    ]


def home_menu_bindings() -> list[Binding]:
    """Home's own keys for the screens on its menu."""
    return [
        Binding(
            entry.menu_key,
            f"app.open({entry.name!r})",
            entry.title,
            show=entry.menu_key_in_footer,
            id=f"home.{entry.name}",
        )
        for entry in SCREENS
        if entry.menu_label is not None and entry.menu_key is not None
    ]


def home_menu() -> list[tuple[str, str, str]]:
    """Home's menu after its first line: (screen name, label, key), in the table's order."""
    return [
        (entry.name, entry.menu_label, entry.menu_key_text)
        for entry in SCREENS
        if entry.menu_label is not None
    ]
