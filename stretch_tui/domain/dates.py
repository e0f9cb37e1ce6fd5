"""Dates in words that read the same in every locale (not `strftime`, which follows it)."""

from __future__ import annotations

from datetime import date
from typing import Final

MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names, fixed, so screens and reports read the same everywhere."""


def long_day(day: date) -> str:
    """`3 March 2025` (a datetime gives its own date)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_day(day: date) -> str:
    """`3 Mar`."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"
