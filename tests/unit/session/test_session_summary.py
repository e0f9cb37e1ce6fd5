"""The summary's words: time held, the pain change that matters, what the session changed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.domain.session_summary import (
    changes,
    format_duration,
    pain_line,
    record_line,
    time_held,
)
from stretch_tui.domain.stats import is_meaningful_pain_change

NAMES = {"cobra": "Cobra", "cat-cow": "Cat-cow", "lumbar-trunk-rotation": "Lumbar trunk rotation"}


def entry(*records: ExerciseRecord) -> HistoryEntry:
    start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    return HistoryEntry(
        id="s", started=start, ended=start, routine="r", status="completed", exercises=records
    )


@pytest.mark.parametrize(
    ("before", "after", "matters"),
    [(6, 4, True), (6, 5, False), (3, 2, True), (1, 0, True), (0, 1, False), (5, 5, False)],
)
def test_two_points_or_thirty_percent_is_a_change_that_matters(
    before: int, after: int, matters: bool
) -> None:
    assert is_meaningful_pain_change(before, after) is matters


def test_pain_lines() -> None:
    assert pain_line(6, 3) == "Pain: 6/10 before, 3/10 after: 3 points less, a change that matters."
    assert pain_line(4, 4) == "Pain: 4/10 before, 4/10 after, no change."
    assert pain_line(5, 6) == "Pain: 5/10 before, 6/10 after: 1 point more."
    assert pain_line(None, 3) == "Pain after: 3/10 (the other was skipped)."
    assert pain_line(None, None) == "Pain: not rated."


def test_durations() -> None:
    assert [format_duration(s) for s in (0, 45, 180, 270)] == ["0 s", "45 s", "3 min", "4 min 30 s"]


def test_time_held_adds_both_sides() -> None:
    done = entry(
        ExerciseRecord("lumbar-trunk-rotation", "left", 30, 30, 1, "done"),
        ExerciseRecord("lumbar-trunk-rotation", "right", 30, 30, 1, "done"),
    )
    assert time_held(done) == 60
    row = record_line(done.exercises[1], NAMES)
    assert row == ("Lumbar trunk rotation (right)", "30 s of 30 s", "1", "done")


def test_hurt_and_worse_suggest_rescreening_and_say_what_was_left_out() -> None:
    session = entry(
        ExerciseRecord("cobra", "both", 60, 12, 0, "hurt"),
        ExerciseRecord("cat-cow", "both", 60, 60, 6, "done", "worse"),
    )
    lines = changes(session, NAMES, left_out=["cobra"])
    assert lines[0].startswith("Cobra hurt and is left out of recommended routines")
    assert "Leg symptoms spread after Cat-cow" in lines[1]
    assert "screening again" in lines[2]
    assert changes(session, NAMES, left_out=[])[0] == "Cobra hurt and was stopped."


def test_a_quiet_session_changes_nothing() -> None:
    assert changes(entry(ExerciseRecord("cat-cow", "both", 60, 60, 6, "done")), NAMES, []) == []
