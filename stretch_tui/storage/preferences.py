"""`preferences.toml`: every setting, checked on load, saved at once (docs/product.md 2, 7 and 8).

A bad value is reported and replaced by its default; a key this version does not know is
reported and kept in the file when the preferences are saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, Final

from stretch_tui.domain.preferences import NUMBER_LIMITS, SOUND_MODES, Preferences
from stretch_tui.storage import checks
from stretch_tui.storage.notices import Loaded, reading_notices
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import FileKind, read_toml, save_keeping_unknown, unchanged

PREFERENCES_FILE: Final = FileKind("preferences", 1, {0: unchanged})
"""Version 1 is the first format; a version-0 file is one without `schema_version`."""

_NAMES: Final = tuple(attribute.name for attribute in fields(Preferences))


def load_preferences(paths: AppPaths) -> Loaded[Preferences]:
    """The saved preferences, or the defaults; problems with the file are in the notices."""
    read = read_toml(paths.preferences, PREFERENCES_FILE)
    preferences, problems, unknown = preferences_from_document(read.data)
    notices = reading_notices(
        paths.preferences,
        read.notices,
        problems,
        "The default is used instead.",
        unknown,
        "is not a setting this version knows; kept in the file, not used.",
    )
    return Loaded(preferences, notices, read.read_only)


def save_preferences(paths: AppPaths, preferences: Preferences) -> None:
    """Write every setting, keeping keys this version does not know.

    Raises `StorageError` (with a one-line message) when the file cannot be written.
    """
    save_keeping_unknown(
        paths.preferences, PREFERENCES_FILE, preferences_to_document(preferences), _NAMES
    )


def preferences_to_document(preferences: Preferences) -> dict[str, Any]:
    """The settings as the TOML document holds them (without `schema_version`)."""
    document: dict[str, Any] = {name: getattr(preferences, name) for name in _NAMES}
    document["left_out"] = list(preferences.left_out)
    return document


def preferences_from_document(
    document: Mapping[str, Any],
) -> tuple[Preferences, list[str], list[str]]:
    """The preferences in a document: the value (defaults where missing or bad), the
    problems (one phrase per bad value) and the keys this version does not know."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for name in _NAMES:
        if name not in document:
            continue
        try:
            values[name] = _check(name, document[name])
        except checks.BadValue as bad:
            problems.append(f"`{name}` {bad}")
    unknown = [key for key in document if key not in _NAMES]
    return Preferences(**values), problems, unknown


def _check(name: str, value: object) -> object:
    if name in NUMBER_LIMITS:
        low, high = NUMBER_LIMITS[name]
        return checks.whole_number(value, low, high)
    match name:
        case "sound_mode":
            return checks.word(value, SOUND_MODES)
        case "theme":
            return checks.text(value)
        case "left_out":
            return tuple(dict.fromkeys(checks.texts(value)))
        case _:
            return checks.flag(value)
