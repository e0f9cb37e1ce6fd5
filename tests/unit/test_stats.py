"""Statistics over history: streaks, heat map, weeks, pain and function trends, dose ledger."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.domain.catalog import load_catalog
from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.domain.profile import FunctionActivity, FunctionRating, Profile
from stretch_tui.domain.stats import (
    PAIN_CHART_SESSIONS,
    WEEKLY_AREA_GOAL_SECONDS,
    AreaDose,
    DayTotal,
    Streaks,
    calendar_weeks,
    day_totals,
    dose_ledger,
    function_rating_due,
    function_trend,
    heat_level,
    heat_map,
    is_meaningful_function_change,
    is_meaningful_pain_change,
    next_function_rating,
    pain_points,
    pain_trend,
    progress_window,
    streaks,
    streaks_of_day_numbers,
    streaks_of_sorted_day_numbers,
    summarize_progress,
    week_spans,
    week_start,
    weekly_activity,
)

TODAY = date(2025, 3, 12)  # a Wednesday


def session(
    started: datetime,
    number: int = 0,
    *,
    before: int | None = None,
    after: int | None = None,
    records: tuple[ExerciseRecord, ...] = (),
) -> HistoryEntry:
    return HistoryEntry(
        id=f"s{number}-{started.isoformat()}",
        started=started,
        ended=started + timedelta(minutes=10),
        routine="morning",
        status="completed",
        pain_before=before,
        pain_after=after,
        exercises=records,
    )


def on(day: str, hour: int = 8, zone: timezone = UTC) -> datetime:
    parsed = date.fromisoformat(day)
    return datetime(parsed.year, parsed.month, parsed.day, hour, tzinfo=zone)


def days_of(*sessions: HistoryEntry) -> list[date]:
    return [entry.day for entry in sessions]


# --- streaks -------------------------------------------------------------------------------------


def test_a_streak_runs_across_the_end_of_a_month() -> None:
    entries = [session(on(day)) for day in ("2025-01-30", "2025-01-31", "2025-02-01")]
    result = streaks(days_of(*entries), date(2025, 2, 1))
    assert (result.current, result.longest) == (3, 3)
    assert (result.longest_start, result.longest_end) == (date(2025, 1, 30), date(2025, 2, 1))


def test_a_streak_runs_across_the_end_of_a_year() -> None:
    entries = [session(on(day)) for day in ("2024-12-30", "2024-12-31", "2025-01-01")]
    assert streaks(days_of(*entries), date(2025, 1, 2)).current == 3
    assert streaks(days_of(*entries), date(2025, 1, 2)).longest == 3


def test_a_leap_day_is_a_day_like_any_other() -> None:
    entries = [session(on(day)) for day in ("2024-02-28", "2024-02-29", "2024-03-01")]
    assert streaks(days_of(*entries), date(2024, 3, 1)).current == 3


def test_a_gap_day_breaks_the_streak() -> None:
    days = [date(2025, 3, d) for d in (1, 2, 3, 5, 6)]
    result = streaks(days, date(2025, 3, 6))
    assert result.current == 2
    assert result.longest == 3
    assert result.longest_end == date(2025, 3, 3)


def test_the_current_streak_survives_until_today_ends() -> None:
    days = [date(2025, 3, 10), date(2025, 3, 11)]
    assert streaks(days, date(2025, 3, 12)).current == 2
    assert streaks(days, date(2025, 3, 13)).current == 0
    assert streaks(days, date(2025, 3, 13)).longest == 2


def test_two_sessions_on_one_day_count_once() -> None:
    entries = [
        session(on("2025-03-10", 7)),
        session(on("2025-03-10", 19), 1),
        session(on("2025-03-11", 7)),
    ]
    result = streaks(days_of(*entries), date(2025, 3, 11))
    assert (result.current, result.longest) == (2, 2)
    totals = day_totals(entries)
    assert totals[date(2025, 3, 10)].sessions == 2


def test_a_session_counts_on_its_local_day_in_its_own_offset() -> None:
    # 23:30 at UTC-5 is already the next day in UTC; 00:30 at UTC+9 is still the day before
    # in UTC. Each belongs to the day its own clock showed.
    late_in_new_york = datetime(2025, 3, 10, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    early_in_tokyo = datetime(2025, 3, 11, 0, 30, tzinfo=timezone(timedelta(hours=9)))
    entries = [session(late_in_new_york), session(early_in_tokyo, 1)]
    assert days_of(*entries) == [date(2025, 3, 10), date(2025, 3, 11)]
    assert streaks(days_of(*entries), date(2025, 3, 11)).current == 2
    assert set(day_totals(entries)) == {date(2025, 3, 10), date(2025, 3, 11)}


def test_no_sessions_no_streak() -> None:
    result = streaks([], TODAY)
    assert (result.current, result.longest, result.longest_start) == (0, 0, None)


@given(st.sets(st.integers(min_value=0, max_value=60), max_size=40))
def test_the_longest_streak_is_the_first_longest_run_of_days(offsets: set[int]) -> None:
    start = date(2024, 12, 20)
    days = {start + timedelta(days=offset) for offset in offsets}
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    longest = max(runs, key=lambda run: (run[1] - run[0]).days, default=None)
    result = streaks(days, start + timedelta(days=60))
    length = (longest[1] - longest[0]).days + 1 if longest else 0
    assert result.longest == length
    assert (result.longest_start, result.longest_end) == (longest or (None, None))


# --- heat map and weeks --------------------------------------------------------------------------


def test_heat_map_columns_are_weeks_from_monday_ending_with_this_week() -> None:
    grid = heat_map({}, TODAY, 26)
    assert len(grid.columns) == 26
    assert all(len(column) == 7 for column in grid.columns)
    assert grid.week_starts[-1] == date(2025, 3, 10)
    assert all(start.weekday() == 0 for start in grid.week_starts)
    last = grid.columns[-1]
    assert [cell.future for cell in last] == [False, False, False, True, True, True, True]


def test_heat_map_levels_follow_the_minutes_done() -> None:
    totals = {
        date(2025, 3, 3): DayTotal(1, 0),
        date(2025, 3, 4): DayTotal(1, 299),
        date(2025, 3, 5): DayTotal(1, 300),
        date(2025, 3, 6): DayTotal(2, 600),
        date(2025, 3, 7): DayTotal(2, 1200),
    }
    cells = heat_map(totals, TODAY, 2).columns[0]
    assert [cell.level for cell in cells] == [1, 1, 2, 3, 4, 0, 0]
    assert heat_level(None) == 0


def test_heat_map_minutes_come_from_the_done_seconds() -> None:
    record = ExerciseRecord("cat-cow", "both", 600, 540, 6, "done")
    totals = day_totals([session(on("2025-03-11"), records=(record, record))])
    cell = heat_map(totals, TODAY, 1).columns[0][1]
    assert (cell.day, cell.seconds, cell.level) == (date(2025, 3, 11), 1080, 3)


def test_weeks_can_end_on_any_day() -> None:
    spans = week_spans(TODAY, 2)
    assert [(span.start, span.end) for span in spans] == [
        (date(2025, 2, 27), date(2025, 3, 5)),
        (date(2025, 3, 6), date(2025, 3, 12)),
    ]
    assert calendar_weeks(TODAY, 1)[0].start == week_start(TODAY) == date(2025, 3, 10)


def test_sessions_per_week_count_sessions_and_days() -> None:
    entries = [
        session(on("2025-03-03", 7)),
        session(on("2025-03-03", 19), 1),
        session(on("2025-03-09")),
        session(on("2025-03-10")),
    ]
    weeks = weekly_activity(day_totals(entries), calendar_weeks(TODAY, 2))
    assert [(w.sessions, w.days) for w in weeks] == [(3, 2), (1, 1)]
    assert not weeks[0].goal_met


# --- meaningful change ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "matters"),
    [
        (6, 4, True),  # 2 points
        (6, 5, False),  # 1 point, 17%
        (10, 9, False),  # 1 point, 10%
        (4, 3, False),  # 1 point, 25%
        (3, 2, True),  # 1 point, 33% of a low start
        (2, 1, True),  # 50%
        (1, 0, True),  # 100%
        (5, 5, False),
        (0, 1, False),  # a rise from nothing: 30% of 0 is no rule; 1 point is not 2
        (0, 2, True),
        (4, 6, True),  # a rise counts too
        (10 / 3, 7 / 3, True),  # averages: exactly 1 point from 3.33 is 30%
        (6.0, 4.0, True),
        (10.0, 8.0000001, False),  # just short of 2 points, and 30% of 10 is 3
    ],
)
def test_pain_change_matters_at_two_points_or_thirty_percent(
    start: float, end: float, matters: bool
) -> None:
    assert is_meaningful_pain_change(start, end) is matters


@pytest.mark.parametrize(
    ("start", "end", "matters"),
    [(4.0, 6.0, True), (4.0, 5.9, False), (6.0, 4.0, True), (3.0, 4.0, False)],
)
def test_function_change_matters_at_two_points(start: float, end: float, matters: bool) -> None:
    assert is_meaningful_function_change(start, end) is matters


def test_pain_points_mark_the_sessions_whose_change_matters() -> None:
    entries = [
        session(on("2025-03-01"), before=6, after=4),
        session(on("2025-03-02"), before=3, after=2),
        session(on("2025-03-03"), before=6, after=5),
        session(on("2025-03-04"), before=4, after=6),
        session(on("2025-03-05"), before=5),
        session(on("2025-03-06")),
    ]
    points = pain_points(reversed(entries))
    assert [(p.meaningful, p.direction) for p in points] == [
        (True, "better"),
        (True, "better"),
        (False, "better"),
        (True, "worse"),
        (False, None),
    ]
    assert [p.before for p in pain_points(entries, limit=2)] == [4, 5]


def test_pain_trend_compares_the_first_and_last_weeks_with_ratings() -> None:
    entries = [
        session(on("2025-02-17"), before=6, after=5),
        session(on("2025-02-19"), before=6, after=4),
        # no ratings the week of 24 February
        session(on("2025-03-10"), before=4, after=3),
        session(on("2025-03-11"), before=4),
    ]
    trend = pain_trend(entries, calendar_weeks(TODAY, 4))
    assert [w.before for w in trend.weeks] == [6.0, None, None, 4.0]
    assert trend.change is not None
    assert trend.change.meaningful  # exactly 2 points
    assert trend.change.direction == "better"
    assert trend.change.start_day == date(2025, 2, 17)
    assert (trend.rated_twice, trend.better, trend.worse) == (3, 1, 0)


def test_a_one_point_fall_in_the_weekly_mean_does_not_matter() -> None:
    entries = [session(on("2025-03-03"), before=6), session(on("2025-03-10"), before=5)]
    change = pain_trend(entries, calendar_weeks(TODAY, 2)).change
    assert change is not None and not change.meaningful


def test_a_thirty_percent_fall_from_a_low_weekly_mean_matters() -> None:
    entries = [session(on("2025-03-03"), before=3), session(on("2025-03-10"), before=2)]
    change = pain_trend(entries, calendar_weeks(TODAY, 2)).change
    assert change is not None and change.meaningful
    assert change.fraction == pytest.approx(-1 / 3)


def test_one_week_of_ratings_has_nothing_to_compare() -> None:
    entries = [session(on("2025-03-10"), before=3, after=1)]
    assert pain_trend(entries, calendar_weeks(TODAY, 4)).change is None


# --- function ------------------------------------------------------------------------------------


def rating(day: str, *scores: int) -> FunctionRating:
    return FunctionRating(on(day), scores)


def test_function_trend_marks_two_points_from_the_first_rating() -> None:
    trend = function_trend(
        [
            rating("2025-03-01", 3, 4),  # 3.5
            rating("2025-02-01", 2, 2),  # 2.0, the first
            rating("2025-02-08", 3, 2),  # 2.5
            rating("2025-02-15", 3, 3),  # 3.0
            rating("2025-02-22"),  # nothing rated: left out
        ]
    )
    assert [p.average for p in trend.points] == [2.0, 2.5, 3.0, 3.5]
    assert [p.meaningful for p in trend.points] == [False, False, False, False]
    trend = function_trend([rating("2025-02-01", 2, 2), rating("2025-02-08", 4, 4)])
    assert trend.points[-1].meaningful
    assert trend.change is not None and trend.change.direction == "better"


def test_rerating_is_due_a_week_after_the_last_rating() -> None:
    socks = (FunctionActivity("putting on socks"),)
    rated = Profile(activities=socks, function_ratings=(rating("2025-03-05", 4),))
    assert next_function_rating(rated) == date(2025, 3, 12)
    assert not function_rating_due(rated, date(2025, 3, 11))
    assert function_rating_due(rated, date(2025, 3, 12))
    assert function_rating_due(Profile(activities=socks), TODAY)
    assert not function_rating_due(Profile(), TODAY)


# --- the dose ledger -----------------------------------------------------------------------------

TARGETS = {exercise.id: exercise.targets for exercise in load_catalog().exercises.values()}

sides = st.sampled_from(("both", "left", "right"))
known_ids = st.sampled_from(sorted(TARGETS))
ledger_records = st.builds(
    ExerciseRecord,
    id=known_ids | st.just("retired-exercise"),
    side=sides,
    planned_seconds=st.just(60),
    done_seconds=st.integers(0, 600),
    reps_done=st.just(1),
    outcome=st.sampled_from(("done", "skipped", "hurt")),
)
ledger_sessions = st.builds(
    session,
    started=st.integers(0, 13).map(lambda n: on("2025-03-03") + timedelta(days=n, hours=n % 5)),
    number=st.integers(0, 10_000),
    records=st.lists(ledger_records, max_size=8).map(tuple),
)


@given(st.lists(ledger_sessions, max_size=12))
def test_ledger_sums_per_area_and_side_equal_the_history(entries: list[HistoryEntry]) -> None:
    start, end = date(2025, 3, 10), date(2025, 3, 16)
    ledger = dose_ledger(entries, TARGETS, start, end)
    in_week = [e for e in entries if start <= e.day <= end]
    records = [r for e in in_week for r in e.exercises]
    by_area = {area.area: area for area in ledger.areas}
    for area_name in {a for r in records if r.id in TARGETS for a in TARGETS[r.id]}:
        for side in ("left", "right", "both"):
            expected = sum(
                r.done_seconds
                for r in records
                if r.side == side and area_name in TARGETS.get(r.id, ())
            )
            found = getattr(by_area[area_name], side) if area_name in by_area else 0
            assert found == expected
    assert ledger.unknown_seconds == sum(r.done_seconds for r in records if r.id not in TARGETS)
    assert ledger.active_days == len({e.day for e in in_week})


def test_ledger_counts_only_the_week_and_checks_the_goal_per_side() -> None:
    rotation_left = ExerciseRecord("lumbar-trunk-rotation", "left", 60, 60, 2, "done")
    rotation_right = ExerciseRecord("lumbar-trunk-rotation", "right", 60, 30, 1, "hurt")
    knees = ExerciseRecord("double-knee-to-chest", "both", 60, 60, 2, "done")
    entries = [
        session(on(f"2025-03-{day:02d}"), day, records=(rotation_left, rotation_right, knees))
        for day in (9, 10, 11, 12)
    ]
    ledger = dose_ledger(entries, TARGETS, date(2025, 3, 10), date(2025, 3, 16))
    lower_back = next(area for area in ledger.areas if area.area == "lower-back")
    assert (lower_back.left, lower_back.right, lower_back.both) == (180, 90, 180)
    assert lower_back.goal == WEEKLY_AREA_GOAL_SECONDS
    assert lower_back.goal_met  # each side also got the two-sided knees-to-chest
    assert lower_back.balance == "more left"
    obliques = next(area for area in ledger.areas if area.area == "obliques")
    assert not obliques.goal_met
    assert ledger.active_days == 3
    assert [area.area for area in ledger.areas][:3] == ["lower-back", "spine", "hips"]


def test_balance_ignores_a_few_seconds() -> None:
    assert AreaDose("hips", 100, 92, 0, 180).balance == "even"
    assert AreaDose("hips", 100, 70, 0, 180).balance == "more left"
    assert AreaDose("hips", 0, 0, 100, 180).balance is None


def test_the_progress_summary_is_the_same_from_a_list_or_read_once_month_by_month() -> None:
    """The progress screen hands its sessions over as they are read, once; the numbers must
    be those of the whole list (docs/product.md 10, memory)."""
    start = datetime(2025, 1, 6, 7, 30, tzinfo=UTC)
    entries = [
        make_summary_entry(number, start + timedelta(hours=17 * number)) for number in range(600)
    ]
    today = date(2025, 3, 12)
    profile = Profile()
    targets = {"cat-cow": ("lower back",)}
    listed = summarize_progress(entries, profile, targets, today)
    streamed = summarize_progress(iter(reversed(entries)), profile, targets, today)
    assert streamed == listed
    assert len(listed.pain) == PAIN_CHART_SESSIONS
    assert listed.pain == pain_points(entries, PAIN_CHART_SESSIONS)


def test_streaks_from_day_numbers_match_streaks_from_days() -> None:
    days = {date(2025, 1, 1) + timedelta(days=offset) for offset in (0, 1, 2, 5, 6, 9, 10, 11, 12)}
    for today in (date(2025, 1, 3), date(2025, 1, 4), date(2025, 1, 13), date(2025, 1, 14)):
        numbers = {day.toordinal() for day in days}
        assert streaks_of_day_numbers(numbers, today) == streaks(days, today)
    assert streaks_of_day_numbers(set(), date(2025, 1, 1)) == Streaks(0, 0, None, None)


@given(
    offsets=st.lists(st.integers(min_value=0, max_value=40), max_size=30),
    today_offset=st.integers(min_value=-2, max_value=45),
)
def test_streaks_from_sorted_day_numbers_match_streaks_from_days(
    offsets: list[int], today_offset: int
) -> None:
    """Ascending numbers with repeats (the index's days in an array) give the same streaks
    as the days themselves."""
    first = date(2025, 1, 1)
    days = [first + timedelta(days=offset) for offset in offsets]
    today = first + timedelta(days=today_offset)
    numbers = sorted(day.toordinal() for day in days)  # repeats kept
    assert streaks_of_sorted_day_numbers(numbers, today) == streaks(days, today)


def test_a_streak_from_sorted_day_numbers_counts_each_day_once() -> None:
    first = date(2025, 1, 1).toordinal()
    numbers = [first, first, first + 1, first + 2, first + 2, first + 4]
    assert streaks_of_sorted_day_numbers(numbers, date(2025, 1, 3)) == Streaks(
        3, 3, date(2025, 1, 1), date(2025, 1, 3)
    )
    assert streaks_of_sorted_day_numbers(numbers, date(2025, 1, 4)).current == 3  # yesterday
    assert streaks_of_sorted_day_numbers(numbers, date(2025, 1, 5)).current == 1
    assert streaks_of_sorted_day_numbers([], date(2025, 1, 5)) == Streaks(0, 0, None, None)


def test_the_progress_summary_counts_days_outside_the_year_like_those_in_it() -> None:
    """The year is tallied in flat arrays, older days (a summary of the whole history) and
    days after today (a wrong clock) apart: the totals are those of every day all the same."""
    today = date(2025, 3, 12)
    start = datetime(2023, 11, 1, 7, 30, tzinfo=UTC)
    entries = [
        make_summary_entry(number, start + timedelta(hours=31 * number)) for number in range(400)
    ]
    summary = summarize_progress(entries, Profile(), {}, today)
    assert summary.totals == day_totals(entries)
    assert max(summary.totals) > today and min(summary.totals) < progress_window(today)


def make_summary_entry(number: int, started: datetime) -> HistoryEntry:
    rated = number % 3 != 0
    return HistoryEntry(
        id=f"s{number:04d}",
        started=started,
        ended=started + timedelta(minutes=5),
        routine="r",
        status="completed",
        pain_before=number % 11 if rated else None,
        pain_after=(number * 7) % 11 if rated else None,
        exercises=(ExerciseRecord("cat-cow", "both", 60, 45 + number % 20, 3, "done"),),
    )
