"""Routine lengths and counts in words, shared by the Routines screen and the editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.domain.routine_text import count_text, display_path, length_text, minutes_text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(45, "45 s"), (240, "4 min"), (580, "9 min 40 s"), (3900, "1 h 5 min"), (7200, "2 h")],
)
def test_length_text_names_hours_minutes_and_seconds(seconds: float, text: str) -> None:
    assert length_text(seconds) == text


def test_minutes_text_rounds_and_says_under_a_minute() -> None:
    assert minutes_text(20) == "under 1 min"
    assert minutes_text(250) == "4 min"


def test_count_text_puts_the_plural_only_when_needed() -> None:
    assert count_text(1) == "1 exercise"
    assert count_text(3) == "3 exercises"
    assert count_text(2, "routine") == "2 routines"


def test_display_path_shortens_the_home_folder_only() -> None:
    assert display_path(Path.home() / "a" / "b.toml") == str(Path("~/a/b.toml"))
    outside = Path("/srv/elsewhere/b.toml")
    assert display_path(outside) == str(outside)
