"""Builders and hypothesis strategies for the storage tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import strategies as st

from stretch_tui.domain.history import (
    OUTCOMES,
    SIDES,
    STATUSES,
    SYMPTOMS,
    ExerciseRecord,
    HistoryEntry,
    Status,
)

FIXTURES = Path(__file__).with_name("fixtures")
"""Files written by hand, e.g. version-0 files to migrate."""

START = datetime(2024, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))


def make_entry(
    number: int = 0,
    *,
    started: datetime | None = None,
    status: Status = "completed",
    pain_before: int | None = 5,
    pain_after: int | None = 3,
) -> HistoryEntry:
    """A plausible session; `number` makes the id (and, by default, the start) unique."""
    start = started or START + timedelta(minutes=number)
    return HistoryEntry(
        id=f"session-{number}",
        started=start,
        ended=start + timedelta(minutes=10),
        routine="morning",
        status=status,
        profile="extension",
        pain_before=pain_before,
        pain_after=pain_after,
        exercises=(
            ExerciseRecord("cat-cow", "both", 60, 60, 6, "done", "better"),
            ExerciseRecord("lumbar-trunk-rotation", "left", 30, 30, 2, "done"),
            ExerciseRecord("lumbar-trunk-rotation", "right", 30, 12, 1, "hurt", "worse"),
        ),
    )


offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
"""UTC offsets TOML can write: whole minutes, under a day."""

moments = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1), timezones=offsets
)
"""Offset-aware datetimes, microseconds included."""

words = st.text(min_size=1, max_size=20).filter(lambda text: text.strip() != "")
"""Non-blank text, any characters."""

RECORD_VALUES: dict[str, st.SearchStrategy[object]] = {
    "id": words,
    "side": st.sampled_from(SIDES),
    "planned_seconds": st.integers(0, 3600),
    "done_seconds": st.integers(0, 3600),
    "reps_done": st.integers(0, 500),
    "outcome": st.sampled_from(OUTCOMES),
    "symptom": st.none() | st.sampled_from(SYMPTOMS),
}
"""A strategy for every attribute of an exercise record (a test checks none is missing)."""

records = st.builds(ExerciseRecord, **RECORD_VALUES)

ENTRY_VALUES: dict[str, st.SearchStrategy[object]] = {
    "id": words,
    "started": moments,
    "ended": moments,
    "routine": words,
    "status": st.sampled_from(STATUSES),
    "profile": words,
    "pain_before": st.none() | st.integers(0, 10),
    "pain_after": st.none() | st.integers(0, 10),
    "exercises": st.lists(records, max_size=6).map(tuple),
    "assessed": st.booleans(),
    "notes": st.text(max_size=40),
}
"""A strategy for every attribute of a history entry (a test checks none is missing)."""

entries = st.builds(HistoryEntry, **ENTRY_VALUES)
"""Any history entry storage must keep exactly."""


def same_offsets(first: datetime, second: datetime) -> bool:
    """True when two datetimes are the same instant written with the same UTC offset."""
    return first == second and first.utcoffset() == second.utcoffset()
