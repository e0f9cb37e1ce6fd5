"""A session as history keeps it (docs/product.md 8), and small pure helpers over sessions."""

from __future__ import annotations

import uuid
from collections.abc import Container, Iterable
from datetime import date, datetime
from typing import Final, Literal

from attrs import frozen

Status = Literal["completed", "stopped", "interrupted"]
"""How a session ended: finished, quit by the user, or cut off (crash, kill, lost connection)."""

STATUSES: Final[tuple[Status, ...]] = ("completed", "stopped", "interrupted")
"""Every status."""

Side = Literal["both", "left", "right"]
"""Which side an exercise record is for."""

SIDES: Final[tuple[Side, ...]] = ("both", "left", "right")
"""Every side."""

Outcome = Literal["done", "skipped", "hurt"]
"""What became of one exercise in a session."""

OUTCOMES: Final[tuple[Outcome, ...]] = ("done", "skipped", "hurt")
"""Every outcome."""

Symptom = Literal["better", "same", "worse"]
"""Where leg symptoms went after an extension or flexion exercise (docs/product.md 6)."""

SYMPTOMS: Final[tuple[Symptom, ...]] = ("better", "same", "worse")
"""Every symptom answer."""

PAIN_RANGE: Final = (0, 10)
"""The numeric pain rating (docs/product.md 4.3)."""

NO_PROFILE: Final = "unknown"
"""`HistoryEntry.profile` when the user had not been screened."""


@frozen
class ExerciseRecord:
    """One exercise (one side of it) as done in a session."""

    id: str
    """The catalog id of the exercise."""
    side: Side
    planned_seconds: int
    done_seconds: int
    reps_done: int
    outcome: Outcome
    symptom: Symptom | None = None
    """None when the question was not asked."""


@frozen
class HistoryEntry:
    """One session in history."""

    id: str
    """Unique and stable, e.g. `new_session_id()`."""
    started: datetime
    """With the UTC offset of the moment, so the local day is known."""
    ended: datetime
    routine: str
    """The routine's id."""
    status: Status
    profile: str = NO_PROFILE
    """The responder type at the time of the session."""
    pain_before: int | None = None
    """0 to 10; None when skipped."""
    pain_after: int | None = None
    """0 to 10; None when skipped."""
    exercises: tuple[ExerciseRecord, ...] = ()
    assessed: bool = False
    """The user confirmed "I have been assessed" (urgent tier) before this session."""
    notes: str = ""

    @property
    def day(self) -> date:
        """The local day the session started on."""
        return self.started.date()

    @property
    def month(self) -> str:
        """`YYYY-MM` of the local start: the history file that holds this session."""
        return f"{self.started.year:04d}-{self.started.month:02d}"

    @property
    def seconds_done(self) -> int:
        """Time spent in exercises, summed over the records."""
        return sum(record.done_seconds for record in self.exercises)


def new_session_id() -> str:
    """A fresh, unique session id (32 hex digits)."""
    return uuid.uuid4().hex


def now_with_offset() -> datetime:
    """The current local time with its UTC offset, to the whole second (as history keeps it)."""
    return datetime.now().astimezone().replace(microsecond=0)


def newest_first(entries: Iterable[HistoryEntry]) -> list[HistoryEntry]:
    """The sessions sorted by start, newest first; ties broken by id so the order is stable."""
    return sorted(entries, key=lambda entry: (entry.started, entry.id), reverse=True)


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with a session, counting back from today.

    A streak is still alive when today has no session yet but yesterday had one; it counts
    from yesterday then.
    """
    return streak_in_day_numbers({day.toordinal() for day in days}, today.toordinal())


def streak_in_day_numbers(days: Container[int], today: int) -> int:
    """`current_streak` on day numbers (`date.toordinal`): ten years of session days as
    numbers take a fraction of the memory of dates."""
    day = today if today in days else today - 1
    streak = 0
    while day in days:
        streak += 1
        day -= 1
    return streak
