"""The Markdown report a person can take to their clinician (docs/product.md 9, `stretch-tui
report`).

`build_report` is pure and deterministic: the same sessions, profile, catalog and day give the
same text, byte for byte, so the report can be reviewed once and pinned by a test.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.dates import MONTHS, long_day, short_day
from stretch_tui.domain.history import HistoryEntry, newest_first
from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.domain.screening import Questionnaire
from stretch_tui.domain.stats import (
    DEFAULT_WEEKS,
    GOAL_DAYS_PER_WEEK,
    GOAL_SECONDS_PER_STRETCH,
    MEANINGFUL_FUNCTION_POINTS,
    MEANINGFUL_PAIN_POINTS,
    STATUS_WORDS,
    WEEKLY_AREA_GOAL_SECONDS,
    AreaDose,
    Change,
    WeekSpan,
    day_totals,
    describe_function_change,
    describe_pain_change,
    dose_ledger,
    format_score,
    format_seconds,
    function_trend,
    pain_trend,
    streaks,
    week_spans,
    weekly_activity,
)

RESPONDER_WORDS: Final = {
    "extension": "extension (standing, walking and bending backwards tend to ease the pain; "
    "sitting and bending forward tend to bring it on)",
    "flexion": "flexion (sitting and bending forward tend to ease the pain; standing and "
    "walking tend to bring it on)",
    "unclear": "no clear direction (neither pattern stood out)",
}
"""The directional result in a clinician's words."""

TIER_WORDS: Final = {
    "emergency": "emergency (advised to seek emergency care at once)",
    "urgent": "urgent (advised to see a clinician the same day before exercising)",
    "soon": "soon (advised to book an appointment; gentle exercise may continue)",
}
"""The red-flag tiers, with the advice the app gave."""


DIRECTION_WORDS: Final = {
    "extension": "Extension (bending backwards)",
    "flexion": "Flexion (bending forward)",
}
"""The directions the leg-symptom question follows, named for the reader."""


def build_report(
    entries: Iterable[HistoryEntry],
    profile: Profile,
    catalog: Catalog,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    questionnaire: Questionnaire | None = None,
    session_days: Iterable[date] | None = None,
) -> str:
    """The report for the `weeks` weeks of seven days ending `today`, as Markdown.

    `entries` must reach back at least to the start of the period. `questionnaire` names the
    red flags in words; without it their ids are shown. `session_days`, every day with a
    session in the whole history, gives the streaks when the entries do not go back as far.
    """
    everything = list(entries)
    all_days = [entry.day for entry in everything] if session_days is None else list(session_days)
    spans = week_spans(today, weeks)
    first = spans[0].start
    period = [entry for entry in everything if first <= entry.day <= today]
    lines = [
        f"# Back and hip exercise report: {long_day(first)} to {long_day(today)}",
        "",
        f"Prepared on {long_day(today)} from the person's own records in stretch-tui, a "
        "self-care stretching app for lower back and hip pain. This is self-care guidance, "
        "not a diagnosis. Ratings are self-reported: pain from 0 (none) to 10 (worst "
        "imaginable); everyday activities from 0 (cannot do it) to 10 (as well as before the "
        "pain).",
        "",
        f"A change that matters (the smallest change people notice): pain, "
        f"{MEANINGFUL_PAIN_POINTS} points or 30% of the starting rating; the activity score, "
        f"{MEANINGFUL_FUNCTION_POINTS} points.",
    ]
    lines += _screening_section(profile, questionnaire)
    lines += _adherence_section(all_days, period, today, spans)
    lines += _pain_section(period, spans)
    lines += _function_section(profile, first, today)
    lines += _ledger_section(period, catalog, first, today, weeks)
    lines += _hurt_section(period, catalog)
    lines += _symptom_section(period, catalog)
    lines += _sessions_section(period, catalog)
    return "\n".join(lines) + "\n"


def _screening_section(profile: Profile, questionnaire: Questionnaire | None) -> list[str]:
    lines = ["", "## Screening", ""]
    record = profile.screening
    if record is None:
        return [*lines, "Not screened: no warning-sign questions have been answered."]
    lines.append(f"Latest screening: {long_day(record.date.date())}.")
    lines.append("")
    lines.append(f"- Warning signs (red flags): {_red_flags(record, questionnaire)}")
    if record.responder is not None:
        lines.append(
            f"- Directional preference: {RESPONDER_WORDS[record.responder]}. Signs counted: "
            f"extension {record.extension_score}, flexion {record.flexion_score}."
        )
    else:
        lines.append("- Directional preference: not asked (the warning signs came first).")
    if record.tier == "urgent":
        confirmed = profile.assessed_confirmed_at
        if confirmed is not None and confirmed.timestamp() >= record.date.timestamp():
            lines.append(
                f"- The person confirmed on {long_day(confirmed.date())} that a clinician had "
                "assessed them."
            )
        else:
            lines.append("- The person has not confirmed an assessment by a clinician.")
    if profile.earlier_screenings:
        lines += ["", "Earlier screenings:", ""]
        for earlier in profile.earlier_screenings:
            brief = _screening_brief(earlier, questionnaire)
            lines.append(f"- {long_day(earlier.date.date())}: {brief}")
    return lines


def _red_flags(record: ScreeningRecord, questionnaire: Questionnaire | None) -> str:
    if record.tier == "none" or not record.flags:
        return "none reported."
    names = []
    for flag in record.flags:
        question = questionnaire.red_flag(flag) if questionnaire is not None else None
        names.append(question.short if question is not None else flag)
    return f"{'; '.join(names)}. Tier: {TIER_WORDS[record.tier]}."


def _screening_brief(record: ScreeningRecord, questionnaire: Questionnaire | None) -> str:
    if record.tier != "none":
        return f"warning signs: {_red_flags(record, questionnaire)}"
    if record.responder is None:
        return "no result."
    if record.responder == "unclear":
        return "no warning signs; no clear direction."
    return f"no warning signs; {record.responder} responder."


def _adherence_section(
    all_days: Sequence[date] | frozenset[date] | set[date],
    period: Sequence[HistoryEntry],
    today: date,
    spans: Sequence[WeekSpan],
) -> list[str]:
    lines = ["", "## Sessions and adherence", ""]
    days = (today - spans[0].start).days + 1
    totals = day_totals(period)
    if not period:
        last = max((day for day in all_days if day < spans[0].start), default=None)
        since = f" (the last was on {long_day(last)})" if last is not None else ""
        lines.append(f"No sessions in these {days} days{since}.")
    else:
        counts = {status: 0 for status in STATUS_WORDS}
        for entry in period:
            counts[entry.status] += 1
        statuses = ", ".join(
            f"{count} {STATUS_WORDS[status]}" for status, count in counts.items() if count
        )
        if counts["interrupted"]:
            statuses += " when the app closed or the connection was lost"
        count = len(period)
        lines.append(
            f"{count} session{'s' if count != 1 else ''} on {len(totals)} of {days} days "
            f"({statuses}); {format_seconds(sum(e.seconds_done for e in period))} in exercises."
        )
    streak = streaks(all_days, today)
    longest = "none yet"
    if streak.longest and streak.longest_start and streak.longest_end:
        longest = (
            f"{_days(streak.longest)} ({long_day(streak.longest_start)} to "
            f"{long_day(streak.longest_end)})"
        )
    lines += ["", f"Days in a row with a session: {_days(streak.current)} now; longest {longest}."]
    lines += [
        "",
        f"Goal: a session on at least {GOAL_DAYS_PER_WEEK} days a week, with about "
        f"{GOAL_SECONDS_PER_STRETCH} s per stretch.",
        "",
        f"| Week | Sessions | Days | Time in exercises | Goal of {GOAL_DAYS_PER_WEEK} days |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    met = 0
    for week in weekly_activity(totals, spans):
        met += week.goal_met
        lines.append(
            f"| {_span(week.span.start, week.span.end)} | {week.sessions} | {week.days} | "
            f"{format_seconds(week.seconds)} | {'met' if week.goal_met else 'not met'} |"
        )
    lines += ["", f"The goal was met in {met} of {len(spans)} weeks."]
    return lines


def _pain_section(period: Sequence[HistoryEntry], spans: Sequence[WeekSpan]) -> list[str]:
    trend = pain_trend(period, spans)
    lines = ["", "## Pain (0 to 10)", ""]
    before = sum(week.before_count for week in trend.weeks)
    after = sum(week.after_count for week in trend.weeks)
    if not before and not after:
        return [*lines, "No pain ratings in this period."]
    lines += [
        f"Rated before {_sessions(before)} and after {_sessions(after)} (each rating is optional).",
        "",
        "| Week | Before sessions: mean (ratings) | After sessions: mean (ratings) |",
        "| --- | ---: | ---: |",
    ]
    for week in trend.weeks:
        before_cell = _mean_cell(week.before, week.before_count)
        after_cell = _mean_cell(week.after, week.after_count)
        lines.append(f"| {_span(week.span.start, week.span.end)} | {before_cell} | {after_cell} |")
    lines.append("")
    change = trend.change
    if change is None:
        lines.append("Over the period: too few weeks with a rating before sessions to compare.")
    else:
        lines.append(
            f"Over the period: pain before sessions went from {format_score(change.start)} "
            f"(week of {short_day(change.start_day)}) to {format_score(change.end)} (week of "
            f"{short_day(change.end_day)}), {describe_pain_change(change)}."
        )
    if trend.rated_twice:
        lines.append("")
        lines.append(
            f"Within sessions: {_sessions(trend.rated_twice)} rated both before and after; "
            f"pain was lower afterwards by a change that matters in {_count(trend.better)} "
            f"of them, and higher by a change that matters in {_count(trend.worse)}."
        )
    return lines


def _mean_cell(value: float | None, count: int) -> str:
    if value is None:
        return "-"
    return f"{format_score(value)} ({count})"


def _function_section(profile: Profile, first: date, today: date) -> list[str]:
    lines = ["", "## Everyday activities (function)", ""]
    if not profile.activities:
        return [*lines, "No activities named for the function score."]
    names = [activity.name for activity in profile.activities]
    trend = function_trend(profile.function_ratings)
    lines.append(
        "Each activity is rated 0 (cannot do it) to 10 (as well as before the pain), about "
        "once a week; the score is their average."
    )
    lines.append("")
    if not trend.points:
        return [*lines, f"Activities: {'; '.join(names)}. Not rated yet."]
    shown = [
        point
        for index, point in enumerate(trend.points)
        if index == 0 or first <= point.day <= today
    ]
    header = " | ".join(names)
    lines += [
        f"| Date | {header} | Score | Change from first |",
        "| --- | " + "---: | " * len(names) + "---: | --- |",
    ]
    for index, point in enumerate(shown):
        scores = [str(score) for score in point.scores]
        scores += ["-"] * (len(names) - len(scores))
        change = "first rating" if index == 0 else _signed(point.change)
        lines.append(
            f"| {long_day(point.day)} | {' | '.join(scores[: len(names)])} | "
            f"{format_score(point.average)} | {change} |"
        )
    lines.append("")
    overall = trend.change
    if overall is None:
        lines.append("One rating so far: nothing to compare yet.")
    else:
        lines.append(
            f"Since the first rating: from {format_score(overall.start)} "
            f"({long_day(overall.start_day)}) to {format_score(overall.end)} "
            f"({long_day(overall.end_day)}), {describe_function_change(overall)}."
        )
    return lines


def _signed(change: Change | None) -> str:
    if change is None or change.direction is None:
        return "none"
    text = f"{change.difference:+.1f}"
    return f"{text}, matters" if change.meaningful else text


def _ledger_section(
    period: Sequence[HistoryEntry], catalog: Catalog, first: date, today: date, weeks: int
) -> list[str]:
    targets = {exercise.id: exercise.targets for exercise in catalog.exercises.values()}
    ledger = dose_ledger(period, targets, first, today)
    lines = [
        "",
        "## Time per body area (dose)",
        "",
        f"Goal for each side of each area worked: {format_seconds(WEEKLY_AREA_GOAL_SECONDS)} "
        f"a week (about {GOAL_SECONDS_PER_STRETCH} s per stretch on {GOAL_DAYS_PER_WEEK} "
        f"days), so {format_seconds(WEEKLY_AREA_GOAL_SECONDS * weeks)} over these "
        f"{weeks} week{'s' if weeks != 1 else ''}. Exercises done on both sides at once count "
        "for each side; an exercise counts for every area it works.",
        "",
    ]
    if not ledger.areas:
        return [*lines, "No time in exercises in this period."]
    lines += [
        "| Area | Left | Right | Both sides | Goal for each side | Left and right |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for area in ledger.areas:
        lines.append(
            f"| {area.area.replace('-', ' ')} | {_side_cell(area.left)} | "
            f"{_side_cell(area.right)} | {_side_cell(area.both)} | {_goal_cell(area)} | "
            f"{area.balance or 'both sides at once only'} |"
        )
    if ledger.unknown_seconds:
        lines += [
            "",
            f"Also {format_seconds(ledger.unknown_seconds)} in exercises no longer in the "
            "catalog (their areas are not known).",
        ]
    return lines


def _side_cell(seconds: int) -> str:
    return format_seconds(seconds) if seconds else "-"


def _goal_cell(area: AreaDose) -> str:
    if area.goal_met:
        return "met"
    low = min(area.left_side, area.right_side)
    return f"{round(100 * low / area.goal)}% of goal"


def _hurt_section(period: Sequence[HistoryEntry], catalog: Catalog) -> list[str]:
    lines = ["", "## Exercises stopped because they hurt", ""]
    found = []
    for entry in sorted(period, key=lambda e: (e.started, e.id)):
        for record in entry.exercises:
            if record.outcome == "hurt":
                side = "" if record.side == "both" else f" ({record.side} side)"
                found.append(f"- {long_day(entry.day)}: {_name(catalog, record.id)}{side}")
    if not found:
        return [*lines, 'No exercise was marked "it hurts" in this period.']
    return [*lines, *found]


def _symptom_section(period: Sequence[HistoryEntry], catalog: Catalog) -> list[str]:
    lines = [
        "",
        "## Leg symptoms after bending exercises",
        "",
        "Asked after each exercise that bends the spine backwards (extension) or forwards "
        "(flexion): did leg symptoms move toward the back (better), stay the same, or spread "
        "down the leg (worse)?",
        "",
    ]
    counts: dict[str, dict[str, int]] = {}
    worse: list[str] = []
    for entry in sorted(period, key=lambda e: (e.started, e.id)):
        for record in entry.exercises:
            if record.symptom is None:
                continue
            exercise = catalog.get(record.id)
            direction: str = exercise.direction if exercise is not None else "unknown"
            row = counts.setdefault(direction, {"better": 0, "same": 0, "worse": 0})
            row[record.symptom] += 1
            if record.symptom == "worse":
                worse.append(f"{_name(catalog, record.id)} on {long_day(entry.day)}")
    if not counts:
        return [*lines, "No answers in this period."]
    lines += ["| Direction | Better | Same | Worse |", "| --- | ---: | ---: | ---: |"]
    for direction in sorted(counts, key=_direction_order):
        row = counts[direction]
        name = DIRECTION_WORDS.get(direction, direction)
        lines.append(f"| {name} | {row['better']} | {row['same']} | {row['worse']} |")
    if worse:
        lines += ["", f"Answered worse: {'; '.join(worse)}."]
    return lines


def _direction_order(direction: str) -> tuple[int, str]:
    order = ("extension", "flexion")
    return (order.index(direction) if direction in order else len(order), direction)


def _sessions_section(period: Sequence[HistoryEntry], catalog: Catalog) -> list[str]:
    lines = ["", "## Sessions", ""]
    if not period:
        return [*lines, "None in this period."]
    lines += [
        "| Started | Routine | Status | Time in exercises | Pain before | Pain after |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for entry in reversed(newest_first(period)):
        lines.append(
            f"| {long_day(entry.day)} {entry.started:%H:%M} | {entry.routine} | "
            f"{STATUS_WORDS[entry.status]} | {format_seconds(entry.seconds_done)} | "
            f"{_rating(entry.pain_before)} | {_rating(entry.pain_after)} |"
        )
    return lines


def _rating(value: int | None) -> str:
    return "-" if value is None else str(value)


def _name(catalog: Catalog, exercise_id: str) -> str:
    exercise = catalog.get(exercise_id)
    return exercise.name if exercise is not None else exercise_id


def _count(count: int) -> str:
    return str(count) if count else "none"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _sessions(count: int) -> str:
    return f"{count} session{'s' if count != 1 else ''}"


def _span(start: date, end: date) -> str:
    if start.month == end.month:
        return f"{start.day}-{end.day} {MONTHS[end.month - 1][:3]}"
    return f"{short_day(start)} - {short_day(end)}"
