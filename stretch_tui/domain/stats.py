"""Statistics over history for the progress screen and the report: pure functions, no I/O.

A session belongs to the local day it started on, in its own UTC offset (`HistoryEntry.day`),
so a session at 23:30 in Lisbon stays on that day when the user later travels. Weeks start
on Monday; a *span* of weeks may also end on any day (the report's weeks end today).

Why one module of over 700 lines: the progress screen and the clinician's report must never
disagree, so both read every number from here, and the words for them (so the screen need
not import the report). The sections share the week spans, the day totals and the thresholds
below: weeks, streaks and the heat map; pain and function trends; the dose ledger; the
progress summary that puts them together; the shared words.

The results are `NamedTuple`s rather than attrs classes: an attrs class generates a dozen
functions, and these were half of the module's memory (docs/product.md 10).

The thresholds of docs/product.md 4.3 live here: a pain change of 2 points or 30% of the starting
rating matters to people; so does a change of 2 points in the function score's average.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Final, Literal, NamedTuple

from stretch_tui.domain.history import HistoryEntry
from stretch_tui.domain.profile import FunctionRating, Profile
from stretch_tui.domain.vocabulary import TARGETS

MEANINGFUL_PAIN_POINTS: Final = 2
"""A pain change of this many points (0-10 scale) is the smallest that matters
(docs/product.md 4.3)."""

MEANINGFUL_PAIN_FRACTION: Final = 0.3
"""... and so is a change of this fraction of the starting rating (3 to 2 is 33%: it matters)."""

MEANINGFUL_FUNCTION_POINTS: Final = 2
"""A change of this many points in the function score's average matters (docs/product.md 4.3)."""

GOAL_SECONDS_PER_STRETCH: Final = 60
"""About a minute per stretch each session: 2-4 holds of 10-30 s (docs/product.md 3.2)."""

GOAL_DAYS_PER_WEEK: Final = 3
"""Days a week with a session, at least (docs/product.md 3.2: at least 2-3 days; daily is best)."""

WEEKLY_AREA_GOAL_SECONDS: Final = GOAL_SECONDS_PER_STRETCH * GOAL_DAYS_PER_WEEK
"""Seconds a body area should get on each side in a week to meet the goal."""

BALANCE_TOLERANCE: Final = 0.2
"""Left and right differing by more than this fraction of the larger side are uneven ..."""

BALANCE_SLACK_SECONDS: Final = 10
"""... unless the difference is this small (one short hold is not an imbalance)."""

RERATING_DAYS: Final = 7
"""The function activities are re-rated weekly (docs/product.md 4.3)."""

HEAT_LEVEL_SECONDS: Final = (300, 600, 1200)
"""Where the heat map's levels 2, 3 and 4 begin: 5, 10 and 20 minutes in a day (level 0 is a
day without a session, level 1 a session of less than 5 minutes)."""

_EPSILON: Final = 1e-9
# Averages are floats: 6.0 - 4.0 must count as 2 points, and 1/3 as at least 30%.

Direction = Literal["better", "worse"]
"""Which way a change went, as the person feels it (less pain, more function: better)."""


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


class WeekSpan(NamedTuple):
    """Seven days, `start` to `end` inclusive."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def days(self) -> list[date]:
        """Every day of the span, in order."""
        return [self.start + timedelta(days=offset) for offset in range(7)]


def week_spans(last_day: date, weeks: int) -> tuple[WeekSpan, ...]:
    """`weeks` spans of seven days, oldest first, the last one ending on `last_day`."""
    spans = []
    for back in range(weeks - 1, -1, -1):
        end = last_day - timedelta(days=7 * back)
        spans.append(WeekSpan(end - timedelta(days=6), end))
    return tuple(spans)


def calendar_weeks(today: date, weeks: int) -> tuple[WeekSpan, ...]:
    """The last `weeks` Monday-to-Sunday weeks, oldest first, the last one holding `today`."""
    return week_spans(week_start(today) + timedelta(days=6), weeks)


# --- meaningful change ---------------------------------------------------------------------------


def is_meaningful_pain_change(start: float, end: float) -> bool:
    """True when pain went from `start` to `end` by 2 points or more, or by 30% or more of
    `start` (docs/product.md 4.3); either way, up or down.

    From a low rating 30% is less than a point: 3 to 2 (33%) matters, 6 to 5 (17%) does not.
    """
    change = abs(end - start)
    if change < _EPSILON:
        return False
    if change >= MEANINGFUL_PAIN_POINTS - _EPSILON:
        return True
    return start > 0 and change / start >= MEANINGFUL_PAIN_FRACTION - _EPSILON


def is_meaningful_function_change(start: float, end: float) -> bool:
    """True when the function score's average moved by 2 points or more (docs/product.md 4.3)."""
    return abs(end - start) >= MEANINGFUL_FUNCTION_POINTS - _EPSILON


class Change(NamedTuple):
    """A value at the start of a period and at its end, and whether the change matters."""

    start: float
    end: float
    start_day: date
    end_day: date
    meaningful: bool
    direction: Direction | None
    """None when nothing changed."""

    @property
    def difference(self) -> float:
        """`end - start`."""
        return self.end - self.start

    @property
    def fraction(self) -> float | None:
        """The change as a fraction of the start; None when the start is 0."""
        return self.difference / self.start if self.start else None


def pain_change(start: float, end: float, start_day: date, end_day: date) -> Change:
    """A pain change between two ratings (or averages): less pain is better."""
    direction: Direction | None = None
    if abs(end - start) >= _EPSILON:
        direction = "better" if end < start else "worse"
    return Change(start, end, start_day, end_day, is_meaningful_pain_change(start, end), direction)


def function_change(start: float, end: float, start_day: date, end_day: date) -> Change:
    """A change in the function score's average: a higher score is better."""
    direction: Direction | None = None
    if abs(end - start) >= _EPSILON:
        direction = "better" if end > start else "worse"
    return Change(
        start, end, start_day, end_day, is_meaningful_function_change(start, end), direction
    )


# --- days, streaks, the heat map and weeks -------------------------------------------------------


class DayTotal(NamedTuple):
    """What one day held: sessions started that day and the seconds done in them."""

    sessions: int
    seconds: int


def day_totals(entries: Iterable[HistoryEntry]) -> dict[date, DayTotal]:
    """Sessions and seconds done per local day."""
    sessions: dict[date, int] = {}
    seconds: dict[date, int] = {}
    for entry in entries:
        day = entry.started.date()
        sessions[day] = sessions.get(day, 0) + 1
        seconds[day] = seconds.get(day, 0) + sum(r.done_seconds for r in entry.exercises)
    return {day: DayTotal(count, seconds[day]) for day, count in sessions.items()}


class Streaks(NamedTuple):
    """Consecutive days with a session."""

    current: int
    """Up to today, or up to yesterday while today has no session yet."""
    longest: int
    longest_start: date | None
    longest_end: date | None


def streaks(days: Iterable[date], today: date) -> Streaks:
    """The current and the longest streak over the days that had a session.

    Two sessions on one day count once; a day without a session breaks a streak. Days after
    `today` (a clock that was wrong) count for the longest streak only.
    """
    return streaks_of_day_numbers({day.toordinal() for day in days}, today)


def streaks_of_day_numbers(ordinals: Collection[int], today: date) -> Streaks:
    """`streaks` over the days as `date.toordinal()` numbers, as the history cache's index
    keeps them: ten years of days are walked at each progress visit, and whole numbers are
    several times quicker to compare than dates, and smaller (docs/product.md 10)."""
    return streaks_of_sorted_day_numbers(sorted(set(ordinals)), today)


def streaks_of_sorted_day_numbers(days: Sequence[int], today: date) -> Streaks:
    """`streaks_of_day_numbers` over day numbers in ascending order (a number may repeat),
    such as the index's days in a flat array: no set of ten years of days is made
    (docs/product.md 10, memory)."""
    longest, longest_start, longest_end = 0, 0, 0
    run_start = previous = -2
    for day in days:
        if day == previous:
            continue
        if day != previous + 1:
            run_start = day
        previous = day
        if day - run_start + 1 > longest:
            longest, longest_start, longest_end = day - run_start + 1, run_start, day
    # Up to today, or up to yesterday while today has no session yet (`current_streak`).
    end = today.toordinal()
    at = bisect_right(days, end) - 1
    if at < 0 or days[at] != end:
        end -= 1
    day = end
    while at >= 0 and days[at] == day:
        day -= 1
        while at >= 0 and days[at] > day:
            at -= 1
    current = end - day
    if not longest:
        return Streaks(current, 0, None, None)
    first, last = date.fromordinal(longest_start), date.fromordinal(longest_end)
    return Streaks(current, longest, first, last)


def heat_level(total: DayTotal | None) -> int:
    """0 for a day without a session; else 1 to 4 by the minutes done (a session that held
    nothing still shows as 1: the person turned up)."""
    if total is None or total.sessions == 0:
        return 0
    return 1 + sum(total.seconds >= threshold for threshold in HEAT_LEVEL_SECONDS)


class HeatCell(NamedTuple):
    """One day of the heat map."""

    day: date
    sessions: int
    seconds: int
    level: int
    """0 (no session) to 4."""
    future: bool
    """After today: drawn empty."""


class HeatMap(NamedTuple):
    """Weeks as columns (oldest first), each a column of seven days, Monday first."""

    columns: tuple[tuple[HeatCell, ...], ...]

    @property
    def week_starts(self) -> tuple[date, ...]:
        """The Monday of each column."""
        return tuple(column[0].day for column in self.columns)


def heat_map(totals: Mapping[date, DayTotal], today: date, weeks: int) -> HeatMap:
    """The last `weeks` calendar weeks up to the one holding `today`, day by day."""
    columns = []
    for span in calendar_weeks(today, max(weeks, 0)):
        column = []
        for day in span.days():
            total = totals.get(day)
            column.append(
                HeatCell(
                    day=day,
                    sessions=total.sessions if total else 0,
                    seconds=total.seconds if total else 0,
                    level=heat_level(total),
                    future=day > today,
                )
            )
        columns.append(tuple(column))
    return HeatMap(tuple(columns))


class WeekActivity(NamedTuple):
    """Sessions, days with a session and seconds done in one span of seven days."""

    span: WeekSpan
    sessions: int
    days: int
    seconds: int

    @property
    def goal_met(self) -> bool:
        """At least `GOAL_DAYS_PER_WEEK` days with a session."""
        return self.days >= GOAL_DAYS_PER_WEEK


def weekly_activity(
    totals: Mapping[date, DayTotal], spans: Sequence[WeekSpan]
) -> tuple[WeekActivity, ...]:
    """Sessions per week (and days, seconds) for each span."""
    weeks = []
    for span in spans:
        found = [totals[day] for day in span.days() if day in totals]
        weeks.append(
            WeekActivity(
                span=span,
                sessions=sum(total.sessions for total in found),
                days=sum(1 for total in found if total.sessions),
                seconds=sum(total.seconds for total in found),
            )
        )
    return tuple(weeks)


def average_sessions_per_week(weeks: Sequence[WeekActivity]) -> float:
    """The mean of the weeks' session counts; 0 for no weeks."""
    return sum(week.sessions for week in weeks) / len(weeks) if weeks else 0.0


# --- pain ----------------------------------------------------------------------------------------


class PainPoint(NamedTuple):
    """The pain ratings of one session."""

    session_id: str
    started: datetime
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        """`after - before`; None unless both were given."""
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def meaningful(self) -> bool:
        """True when the change within the session matters (2 points or 30%)."""
        if self.before is None or self.after is None:
            return False
        return is_meaningful_pain_change(self.before, self.after)

    @property
    def direction(self) -> Direction | None:
        """`better` (less pain after), `worse`, or None (no change, or not rated twice)."""
        change = self.change
        if not change:
            return None
        return "better" if change < 0 else "worse"


def pain_points(entries: Iterable[HistoryEntry], limit: int | None = None) -> tuple[PainPoint, ...]:
    """The sessions with a pain rating (before, after or both), oldest first; only the newest
    `limit` when given."""
    rated = [
        (e.started, e.id, e.pain_before, e.pain_after)
        for e in entries
        if e.pain_before is not None or e.pain_after is not None
    ]
    return _points(_newest(rated, limit))


_Rating = tuple[datetime, str, int | None, int | None]
"""A session's pain ratings as the statistics gather them: started, id, before, after (a
tuple, quicker to make than a `PainPoint` for each of thousands of sessions)."""

_ORDER: Final = itemgetter(0, 1)
"""Sessions in order of their start, ties by id."""


def _newest(ratings: list[_Rating], limit: int | None) -> list[_Rating]:
    """The newest `limit` ratings (all of them without a limit), in any order."""
    return ratings if limit is None else heapq.nlargest(limit, ratings, key=_ORDER)


def _points(ratings: list[_Rating]) -> tuple[PainPoint, ...]:
    """The ratings as points, oldest first."""
    ratings = sorted(ratings, key=_ORDER)
    return tuple(PainPoint(rating[1], rating[0], rating[2], rating[3]) for rating in ratings)


class WeekPain(NamedTuple):
    """The mean pain ratings of one span of seven days."""

    span: WeekSpan
    before: float | None
    """Mean rating before the sessions; None when none was rated."""
    after: float | None
    before_count: int
    after_count: int


class PainTrend(NamedTuple):
    """Pain over a run of weeks: weekly means, the change that matters over the period, and
    how often a session itself changed pain by a meaningful amount."""

    weeks: tuple[WeekPain, ...]
    change: Change | None
    """Mean pain before sessions, first week with ratings to last; None with fewer than two
    such weeks."""
    rated_twice: int
    """Sessions rated both before and after."""
    better: int
    """Sessions whose rating after was lower by a meaningful amount."""
    worse: int
    """Sessions whose rating after was higher by a meaningful amount."""


def pain_trend(entries: Iterable[HistoryEntry], spans: Sequence[WeekSpan]) -> PainTrend:
    """Pain over `spans` (oldest first).

    The change over the period compares the mean pain *before* sessions, the person's state
    on arriving, in the first and the last week that have ratings; a session's own change
    (before to after) is counted separately.
    """
    return _pain_trend(
        ((entry.started.date(), entry.pain_before, entry.pain_after) for entry in entries), spans
    )


_DayPain = tuple[date, int | None, int | None]
"""A session's day and pain ratings, before and after: all `pain_trend` needs of it."""


def _pain_trend(ratings: Iterable[_DayPain], spans: Sequence[WeekSpan]) -> PainTrend:
    """`pain_trend` over each session's day and ratings."""
    if not spans:
        return PainTrend((), None, 0, 0, 0)
    week_of = {day: index for index, span in enumerate(spans) for day in span.days()}
    befores: list[list[int]] = [[] for _ in spans]
    afters: list[list[int]] = [[] for _ in spans]
    rated_twice = better = worse = 0
    for day, pain_before, pain_after in ratings:
        index = week_of.get(day)
        if index is None:
            continue
        if pain_before is not None:
            befores[index].append(pain_before)
        if pain_after is not None:
            afters[index].append(pain_after)
        if pain_before is not None and pain_after is not None:
            rated_twice += 1
            if is_meaningful_pain_change(pain_before, pain_after):
                if pain_after < pain_before:
                    better += 1
                else:
                    worse += 1
    weeks = tuple(
        WeekPain(span, _mean(before), _mean(after), len(before), len(after))
        for span, before, after in zip(spans, befores, afters, strict=True)
    )
    rated = [week for week in weeks if week.before is not None]
    change = None
    if len(rated) >= 2:
        start, end = rated[0], rated[-1]
        assert start.before is not None and end.before is not None
        change = pain_change(start.before, end.before, start.span.start, end.span.start)
    return PainTrend(weeks, change, rated_twice, better, worse)


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


# --- function ------------------------------------------------------------------------------------


class FunctionPoint(NamedTuple):
    """One rating of the activities: its day, average and change from the first rating."""

    day: date
    average: float
    scores: tuple[int, ...]
    change: Change | None
    """From the first rating; None for the first itself."""

    @property
    def meaningful(self) -> bool:
        """True when the average is 2 points or more away from the first rating's."""
        return self.change is not None and self.change.meaningful


class FunctionTrend(NamedTuple):
    """The function score over time, oldest rating first."""

    points: tuple[FunctionPoint, ...]

    @property
    def change(self) -> Change | None:
        """First rating to latest; None with fewer than two ratings."""
        return self.points[-1].change if len(self.points) >= 2 else None


def function_trend(ratings: Iterable[FunctionRating]) -> FunctionTrend:
    """Each rating's average and its change from the first (the baseline at screening).

    Ratings without scores are left out.
    """
    ordered = sorted(
        (rating for rating in ratings if rating.scores), key=lambda rating: rating.date
    )
    points: list[FunctionPoint] = []
    for rating in ordered:
        average = rating.average
        assert average is not None
        day = rating.date.date()
        change = None
        if points:
            base = points[0]
            change = function_change(base.average, average, base.day, day)
        points.append(FunctionPoint(day, average, rating.scores, change))
    return FunctionTrend(tuple(points))


def next_function_rating(profile: Profile) -> date | None:
    """The day the activities are next due for rating; None without activities. Due at once
    (the last rating's day, or the epoch) when there are activities but no ratings."""
    if not profile.activities:
        return None
    rated = [rating.date.date() for rating in profile.function_ratings if rating.scores]
    if not rated:
        return date.min
    return max(rated) + timedelta(days=RERATING_DAYS)


def function_rating_due(profile: Profile, today: date) -> bool:
    """True when the user has activities and a week has passed since they last rated them."""
    due = next_function_rating(profile)
    return due is not None and today >= due


# --- the dose ledger -----------------------------------------------------------------------------

_SIDE_SLOT: Final = {"left": 0, "right": 1, "both": 2}

Balance = Literal["even", "more left", "more right"]
"""How one-sided work on an area was shared between the sides."""


class AreaDose(NamedTuple):
    """Seconds one body area was worked, by side, against the goal for the period."""

    area: str
    left: int
    right: int
    both: int
    """Exercises done on both sides at once (cat-cow, child's pose ...)."""
    goal: int
    """Seconds each side should get in the period."""

    @property
    def total(self) -> int:
        """All the seconds, sides added."""
        return self.left + self.right + self.both

    @property
    def left_side(self) -> int:
        """What the left side got: its own work and the two-sided work."""
        return self.left + self.both

    @property
    def right_side(self) -> int:
        """What the right side got: its own work and the two-sided work."""
        return self.right + self.both

    @property
    def goal_met(self) -> bool:
        """Both sides reached the goal."""
        return min(self.left_side, self.right_side) >= self.goal

    @property
    def balance(self) -> Balance | None:
        """None without one-sided work; else whether the sides got about the same."""
        if not self.left and not self.right:
            return None
        gap = abs(self.left - self.right)
        if gap <= BALANCE_SLACK_SECONDS or gap <= BALANCE_TOLERANCE * max(self.left, self.right):
            return "even"
        return "more left" if self.left > self.right else "more right"


class DoseLedger(NamedTuple):
    """Time per body area and side over a run of days, against the goal."""

    start: date
    end: date
    areas: tuple[AreaDose, ...]
    """Areas with any time, in the catalog vocabulary's order."""
    unknown_seconds: int
    """Seconds in exercises the catalog no longer has (their areas are unknown)."""
    active_days: int
    """Days with a session in the period."""
    goal_days: int
    """Days with a session the goal asks for in the period."""


def dose_ledger(
    entries: Iterable[HistoryEntry],
    targets: Mapping[str, Sequence[str]],
    start: date,
    end: date,
) -> DoseLedger:
    """Seconds done per body area and side from `start` to `end` (inclusive).

    `targets` maps exercise ids to the areas they work; an exercise counts in full for each
    of its areas. The goal scales with the length of the period: `WEEKLY_AREA_GOAL_SECONDS`
    per side per seven days.
    """
    sums: dict[str, list[int]] = {}
    unknown = 0
    days = set()
    for entry in entries:
        day = entry.started.date()
        if not start <= day <= end:
            continue
        days.add(day)
        for record in entry.exercises:
            worked = targets.get(record.id)
            if worked is None:
                unknown += record.done_seconds
                continue
            slot = _SIDE_SLOT[record.side]
            for area in worked:
                sums.setdefault(area, [0, 0, 0])[slot] += record.done_seconds
    weeks = max(1, round(((end - start).days + 1) / 7))
    goal = WEEKLY_AREA_GOAL_SECONDS * weeks
    order = {area: index for index, area in enumerate(TARGETS)}
    areas = tuple(
        AreaDose(area, left, right, both, goal)
        for area, (left, right, both) in sorted(
            sums.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
        )
        if left or right or both
    )
    return DoseLedger(start, end, areas, unknown, len(days), GOAL_DAYS_PER_WEEK * weeks)


# --- everything the progress screen shows --------------------------------------------------------

TREND_WEEKS: Final = 4
"""Weeks the progress screen's pain change and sessions per week look back over."""

PROGRESS_WEEKS: Final = 53
"""Calendar weeks of sessions the progress screen needs in full: the widest heat map (a
year), which also covers the trends, this week's ledger and the pain chart."""

PAIN_CHART_SESSIONS: Final = 240
"""The newest sessions kept for the pain chart: more than the widest terminal shows."""


def progress_window(today: date) -> date:
    """The first day whose sessions the progress screen needs in full (a Monday)."""
    return calendar_weeks(today, PROGRESS_WEEKS)[0].start


class ProgressSummary(NamedTuple):
    """What the progress screen shows, worked out in one go (in a worker, off the UI)."""

    today: date
    totals: Mapping[date, DayTotal]
    """Per day, for the heat map."""
    streaks: Streaks
    weeks: tuple[WeekActivity, ...]
    """The last `TREND_WEEKS` calendar weeks, this one last."""
    pain: tuple[PainPoint, ...]
    """Up to `PAIN_CHART_SESSIONS` newest rated sessions, oldest first."""
    pain_trend: PainTrend
    """Over the last `TREND_WEEKS` calendar weeks."""
    function: FunctionTrend
    ledger: DoseLedger
    """This calendar week."""


def summarize_progress(
    entries: Iterable[HistoryEntry],
    profile: Profile,
    targets: Mapping[str, Sequence[str]],
    today: date,
    days: Iterable[date] | None = None,
) -> ProgressSummary:
    """Every statistic of the progress screen.

    `entries` need only reach back to `progress_window(today)`; the streaks come from `days`,
    every day with a session in the whole history, when given (a streak can be longer than
    the window), else from the entries.

    The entries are gone through once, in any order, and let go as they pass: what is kept
    of each is its day's totals and its pain ratings, and only this week's sessions (the
    ledger's) are kept whole. So a reader can hand them over a month at a time (a year of
    sessions held at once is megabytes: docs/product.md 10, memory).
    """
    spans = calendar_weeks(today, TREND_WEEKS)
    first = spans[0].start
    this_week = spans[-1]
    days_of = _DayTally(progress_window(today), this_week.end)
    recent: list[_DayPain] = []
    week: list[HistoryEntry] = []
    rated = _NewestRatings(PAIN_CHART_SESSIONS)
    for entry in entries:
        day = entry.started.date()
        days_of.add(day, sum(r.done_seconds for r in entry.exercises))
        if entry.pain_before is not None or entry.pain_after is not None:
            rated.add((entry.started, entry.id, entry.pain_before, entry.pain_after))
            if day >= first:
                recent.append((day, entry.pain_before, entry.pain_after))
        if this_week.start <= day <= this_week.end:
            week.append(entry)
    totals = days_of.totals()
    return ProgressSummary(
        today=today,
        totals=totals,
        streaks=streaks(totals if days is None else days, today),
        weeks=weekly_activity(totals, spans),
        pain=_points(rated.newest()),
        pain_trend=_pain_trend(recent, spans),
        function=function_trend(profile.function_ratings),
        ledger=dose_ledger(week, targets, this_week.start, this_week.end),
    )


class _DayTally:
    """Sessions and seconds per day as `summarize_progress` gathers them: two flat arrays over
    the progress window (`first` to `last`) rather than a dict entry, a date and two numbers
    kept for each day. The sessions are read a month at a time and let go; whatever is kept
    of one month while the next is read is scattered among the blocks that month freed, and
    holds them (docs/product.md 10, memory). Days outside the window (a summary of the whole
    history, a wrong clock) are counted in a dict."""

    def __init__(self, first: date, last: date) -> None:
        self.first = first.toordinal()
        size = max(last.toordinal() - self.first + 1, 0)
        self.sessions = array("l", bytes(size * array("l").itemsize))
        self.seconds = array("l", bytes(size * array("l").itemsize))
        self.others: dict[date, list[int]] = {}

    def add(self, day: date, seconds: int) -> None:
        """Count one session of `day` that held `seconds`."""
        at = day.toordinal() - self.first
        if 0 <= at < len(self.sessions):
            self.sessions[at] += 1
            self.seconds[at] += seconds
        else:
            counts = self.others.setdefault(day, [0, 0])
            counts[0] += 1
            counts[1] += seconds

    def totals(self) -> dict[date, DayTotal]:
        """Every day with a session: those outside the window, then the window's in order."""
        totals = {day: DayTotal(count, seconds) for day, (count, seconds) in self.others.items()}
        for at, count in enumerate(self.sessions):
            if count:
                totals[date.fromordinal(self.first + at)] = DayTotal(count, self.seconds[at])
        return totals


class _NewestRatings:
    """The newest `limit` pain ratings among those added, in any order. Once `limit` are held,
    a rating older than all of them is passed over without being kept: read newest first, a
    year of sessions keeps only the ratings it shows, not twice as many at times (memory,
    docs/product.md 10)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held: list[_Rating] = []
        self.floor: tuple[datetime, str] | None = None
        """The oldest of `limit` ratings held: an older one cannot be among the newest."""

    def add(self, rating: _Rating) -> None:
        """Consider one more rating."""
        if self.floor is not None and _ORDER(rating) < self.floor:
            return
        self.held.append(rating)
        if len(self.held) >= 2 * self.limit:
            self.held = _newest(self.held, self.limit)
            self.floor = None
        if self.floor is None and len(self.held) >= self.limit:
            self.floor = min(map(_ORDER, self.held))

    def newest(self) -> list[_Rating]:
        """The newest `limit` ratings added."""
        return _newest(self.held, self.limit)


# --- the words the progress screen and the report share --------------------------------------

DEFAULT_WEEKS: Final = 4
"""The report's period when none is asked for."""

STATUS_WORDS: Final = {
    "completed": "completed",
    "stopped": "stopped early",
    "interrupted": "cut off",
}
"""How the report names each session status."""


def format_seconds(seconds: int) -> str:
    """`45 s`, `3 min`, `4 min 30 s`, `2 h 5 min` (seconds dropped past an hour)."""
    seconds = max(seconds, 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes and secs:
        return f"{minutes} min {secs} s"
    return f"{minutes} min" if minutes else f"{secs} s"


def format_score(value: float) -> str:
    """A rating or mean with one decimal, halves rounded up as people expect (13/4 is `3.3`,
    where Python's float formatting would give 3.2)."""
    tenths = math.floor(value * 10 + 0.5 + 1e-9)
    return f"{tenths / 10:.1f}"


def describe_pain_change(change: Change) -> str:
    """`2.5 points lower (42%), a change that matters`, or the like."""
    return _describe_change(change, "lower", "higher", with_fraction=True)


def describe_function_change(change: Change) -> str:
    """`2.0 points higher, a change that matters`, or the like."""
    return _describe_change(change, "lower", "higher", with_fraction=False)


def _describe_change(change: Change, down: str, up: str, *, with_fraction: bool) -> str:
    if change.direction is None:
        return "no change"
    # The size is worked out from the values as shown (one decimal), so that the reader's own
    # subtraction agrees with it; whether it matters was decided on the exact values.
    start, end = float(format_score(change.start)), float(format_score(change.end))
    size = float(format_score(abs(end - start)))
    text = f"{size:.1f} point{'s' if size != 1 else ''} {down if end < start else up}"
    if with_fraction and start:
        text += f" ({abs(end - start) / start:.0%})"
    if change.meaningful:
        return f"{text}, a change that matters"
    return f"{text}, less than a change that matters"
