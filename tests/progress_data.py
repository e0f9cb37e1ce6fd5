"""Histories for the progress tests: one session, or a generated year (seeded, so every run
writes the same sessions)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from stretch_tui.domain.history import ExerciseRecord, HistoryEntry, Outcome, Symptom
from stretch_tui.domain.profile import (
    FunctionActivity,
    FunctionRating,
    Profile,
    ScreeningRecord,
)
from stretch_tui.storage.history import append_session
from stretch_tui.storage.history_format import entry_to_table
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile
from stretch_tui.storage.toml_writer import dumps_toml

TODAY = date(2025, 3, 12)
"""A Wednesday: the current week is half done."""

ZONE = timezone(timedelta(hours=1))

ROUTINE = (
    ("pelvic-tilt", "both", 45),
    ("double-knee-to-chest", "both", 60),
    ("single-knee-to-chest", "left", 60),
    ("single-knee-to-chest", "right", 60),
    ("lumbar-trunk-rotation", "left", 60),
    ("lumbar-trunk-rotation", "right", 60),
    ("seated-forward-bend", "both", 60),
    ("cat-cow", "both", 60),
)
"""A flexion responder's ten minutes: (exercise, side, planned seconds)."""

ACTIVITIES = ("putting on socks", "getting out of a car", "sitting through a meal")


def screened_profile(ratings: tuple[FunctionRating, ...] = ()) -> Profile:
    """A flexion responder screened a year ago, with three activities."""
    return Profile(
        screening=ScreeningRecord(
            date=datetime(2024, 3, 10, 9, 0, tzinfo=ZONE),
            responder="flexion",
            extension_score=1,
            flexion_score=6,
        ),
        activities=tuple(FunctionActivity(name) for name in ACTIVITIES),
        function_ratings=ratings,
    )


def one_session(home: Path) -> HistoryEntry:
    """Yesterday's one session, pain 6 before and 3 after, one side stopped because it hurt."""
    paths = resolve_paths(home)
    save_profile(paths, screened_profile())
    started = datetime(2025, 3, 11, 7, 30, tzinfo=ZONE)
    entry = HistoryEntry(
        id="only-session",
        started=started,
        ended=started + timedelta(minutes=9),
        routine="flexion-responders",
        status="completed",
        profile="flexion",
        pain_before=6,
        pain_after=3,
        exercises=(
            ExerciseRecord("pelvic-tilt", "both", 45, 45, 10, "done", "better"),
            ExerciseRecord("double-knee-to-chest", "both", 60, 60, 2, "done", "same"),
            ExerciseRecord("lumbar-trunk-rotation", "left", 60, 60, 2, "done"),
            ExerciseRecord("lumbar-trunk-rotation", "right", 60, 25, 1, "hurt"),
        ),
    )
    append_session(paths, entry)
    return entry


def year_of_sessions(today: date = TODAY, seed: int = 6, prefix: str = "gen") -> list[HistoryEntry]:
    """About a year of mornings: most days one session, some two, some none; pain easing
    from about 7 to about 3 with noise; a few exercises that hurt and "worse" answers."""
    rng = random.Random(seed)
    entries = []
    first = today - timedelta(days=364)
    for offset in range(365):
        day = first + timedelta(days=offset)
        if day >= today or rng.random() < 0.25:
            continue
        progress = offset / 365
        for slot in range(2 if rng.random() < 0.1 else 1):
            started = datetime(day.year, day.month, day.day, 7 + 11 * slot, 30, tzinfo=ZONE)
            entries.append(_generated(rng, started, progress, f"{prefix}-{len(entries):04d}"))
    return entries


def _generated(
    rng: random.Random, started: datetime, progress: float, session_id: str
) -> HistoryEntry:
    records = []
    for exercise, side, planned in ROUTINE:
        if rng.random() < 0.08:
            continue
        outcome: Outcome = "done"
        done = planned
        roll = rng.random()
        if roll < 0.02:
            outcome, done = "hurt", planned // 3
        elif roll < 0.05:
            outcome, done = "skipped", 0
        symptom: Symptom | None = None
        if exercise in ("pelvic-tilt", "double-knee-to-chest", "seated-forward-bend"):
            symptom = rng.choice(("better", "better", "same", "same", "worse"))
        records.append(ExerciseRecord(exercise, side, planned, done, 2, outcome, symptom))  # type: ignore[arg-type]
    base = 7 - 4 * progress
    before = max(0, min(10, round(base + rng.uniform(-1.5, 1.5))))
    after = max(0, before - rng.choice((0, 1, 1, 2, 2, 3)))
    skip = rng.random()
    seconds = sum(r.done_seconds for r in records)
    return HistoryEntry(
        id=session_id,
        started=started,
        ended=started + timedelta(seconds=seconds + 90),
        routine="flexion-responders",
        status=rng.choice(("completed",) * 12 + ("stopped", "interrupted")),
        profile="flexion",
        pain_before=None if skip < 0.05 else before,
        pain_after=None if skip < 0.12 else after,
        exercises=tuple(records),
    )


def weekly_ratings(today: date = TODAY) -> tuple[FunctionRating, ...]:
    """A rating every week of the year, the average climbing from about 3 to about 7."""
    ratings = []
    first = today - timedelta(days=364)
    for week in range(52):
        day = first + timedelta(days=7 * week)
        level = 3 + 4 * week / 51
        scores = tuple(max(0, min(10, round(level + delta))) for delta in (-1, 0, 1))
        ratings.append(
            FunctionRating(datetime(day.year, day.month, day.day, 9, tzinfo=ZONE), scores)
        )
    return tuple(ratings)


def write_year(home: Path, today: date = TODAY, years: int = 1) -> list[HistoryEntry]:
    """Write `years` generated years as month files (straight, as the benchmark does: saving
    them one by one would take seconds) and a profile with weekly ratings."""
    paths = resolve_paths(home)
    save_profile(paths, screened_profile(weekly_ratings(today)))
    entries = []
    for year in range(years):
        end = today - timedelta(days=364 * year)
        entries += year_of_sessions(end, seed=6 + year, prefix=f"gen{year}")
    months: dict[str, list[HistoryEntry]] = {}
    for entry in entries:
        months.setdefault(entry.month, []).append(entry)
    paths.history_dir.mkdir(parents=True, exist_ok=True)
    for month, found in months.items():
        document = {"schema_version": 1, "session": [entry_to_table(e) for e in found]}
        paths.history_month(month).write_text(dumps_toml(document), encoding="utf-8")
    return entries
