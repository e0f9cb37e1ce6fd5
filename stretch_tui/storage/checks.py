"""Checks for single values read from the user's files.

Each returns the value in the type the app uses, or raises `BadValue` whose message says what
was expected; the callers turn those into one notice per file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

W = TypeVar("W", bound=str)


class BadValue(ValueError):
    """A value of the wrong type or out of range; the message says what was expected."""


def show(value: object) -> str:
    """A value as a message quotes it."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def whole_number(value: object, low: int, high: int) -> int:
    """A whole number from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"is {show(value)}; expected a whole number")
    if not low <= value <= high:
        raise BadValue(f"is {value}; expected {low} to {high}")
    return value


def flag(value: object) -> bool:
    """`true` or `false`."""
    if not isinstance(value, bool):
        raise BadValue(f"is {show(value)}; expected true or false")
    return value


def text(value: object, *, empty: bool = False) -> str:
    """Text; not blank unless `empty`."""
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise BadValue(f"is {show(value)}; expected {'text' if empty else 'non-empty text'}")
    return value


def word(value: object, words: Iterable[W]) -> W:
    """One of a fixed set of words."""
    choices = tuple(words)
    for choice in choices:
        if value == choice:
            return choice
    raise BadValue(f"is {show(value)}; expected one of {', '.join(choices)}")


def texts(value: object) -> tuple[str, ...]:
    """A list of non-empty texts."""
    if not isinstance(value, list) or not all(isinstance(i, str) and i.strip() for i in value):
        raise BadValue(f"is {show(value)}; expected a list of non-empty text")
    return tuple(value)


def moment(value: object) -> datetime:
    """A date and time. One written without an offset is taken as local time."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.astimezone()
    if isinstance(value, date):
        raise BadValue(f"is {value.isoformat()}; expected a date with a time")
    raise BadValue(f"is {show(value)}; expected a date and time like 2024-05-01T08:30:00+02:00")
