"""Progress: the calendar of sessions, streaks, pain and function trends, this week's dose,
and every session to browse; `e` writes the clinician report (docs/product.md 2, issue 6).

The screen shows at once with empty parts; the history is read and summarised in a thread
worker (ten years of sessions take a moment) and the parts fill in when it is done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar, Final

from attrs import frozen
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from stretch_tui.domain.dates import short_day
from stretch_tui.domain.history import HistoryEntry
from stretch_tui.domain.report import (
    DEFAULT_WEEKS,
    STATUS_WORDS,
    describe_function_change,
    describe_pain_change,
    format_score,
    format_seconds,
)
from stretch_tui.domain.stats import (
    GOAL_DAYS_PER_WEEK,
    MEANINGFUL_FUNCTION_POINTS,
    TREND_WEEKS,
    WEEKLY_AREA_GOAL_SECONDS,
    ProgressSummary,
    average_sessions_per_week,
    is_meaningful_pain_change,
    next_function_rating,
    progress_window,
    summarize_progress,
    week_spans,
)
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.workers import forget_worker
from stretch_tui.widgets.dose_ledger import DoseLedgerView, clock
from stretch_tui.widgets.heat_map import HeatMapView
from stretch_tui.widgets.steady_footer import SteadyFooter
from stretch_tui.widgets.trend_chart import Mark, Series, TrendChart

PAGE: Final = 30
"""Sessions added to the list at a time, two screens and a half of the list: a table of
thousands of rows takes a second to build (and each row is measured as it comes), so older
sessions come in as the cursor reaches the end."""

LINES_AFTER: Final = 0.25
"""Seconds after the screen is drawn to line up the sessions after the first page (which
takes a hundredth of a second per hundred sessions)."""

TALL_SCREEN: Final = 34
"""From this many rows the charts' bars get two rows each (finer steps)."""

REPORTS_FOLDER: Final = "reports"
"""Where `e` writes reports, inside the data folder (next to history)."""

PAIN_MARKS: Final = {"better": Mark("▼", "better"), "worse": Mark("▲", "worse")}
"""Under a session whose pain fell (or rose) by a change that matters."""

FUNCTION_MARKS: Final = {"better": Mark("▲", "better"), "worse": Mark("▼", "worse")}
"""Under a rating 2 points or more above (or below) the first."""


@frozen
class SessionLine:
    """One session as the screen shows it: its row in the list and its detail under the list.
    All the screen keeps of a session: a few hundred bytes of text rather than the session
    with its exercise records, so that its memory hardly grows with the history."""

    row: tuple[str, str, str, str, str, str]
    detail: str
    """`session_detail`'s text; its first line is shown bold (`detail_text`)."""


@frozen
class HistoryLoad:
    """What the worker hands back: the sessions' lines (newest first), the sessions the
    report needs, the statistics, and the file problems to tell the user about."""

    sessions: list[SessionLine]
    """The first page of the list: the newest sessions' lines."""
    later: list[HistoryEntry]
    """The rest of the last year's sessions (`progress_window`), or of all of them when
    `complete`: a second worker turns them into lines once the screen is drawn."""
    recent: list[HistoryEntry]
    """The sessions of the report's weeks (`DEFAULT_WEEKS`), newest first."""
    complete: bool
    """True when `sessions` and `later` are the whole history."""
    days: frozenset[date]
    """Every day with a session, in the whole history."""
    summary: ProgressSummary
    notices: list[str]


class ProgressBody(VerticalScroll):
    """The scrolling body of the screen, restyled alone when it gains or loses focus.

    Textual restyles a widget and every widget inside it when its focus changes, in case a
    rule such as `VerticalScroll:focus Static` depends on it. No rule of the app does for
    this body, and restyling its twenty parts when the screen first focuses it (and again
    when the screen is left) was a tenth of the screen's time (docs/product.md 10)."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyle the body itself for `:focus`, not its parts."""
        self.app.stylesheet.update_nodes([self], animate=True)


class ProgressScreen(StretchScreen):
    """How the sessions add up: calendar, streaks, trends, dose, and the sessions themselves."""

    # Default CSS rather than CSS_PATH: a screen's CSS_PATH makes Textual parse every
    # stylesheet of the app again and restyle every widget when the screen is first pushed
    # (docs/product.md 10); default CSS is parsed alone.
    DEFAULT_CSS = (Path(__file__).parent / "progress.tcss").read_text(encoding="utf-8")
    TITLE = "Progress"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_screen", "Back", id="progress.back"),
        Binding("e", "export_report", "Export report", id="progress.report"),
        Binding("b", "browse_sessions", "Browse sessions", id="progress.sessions"),
    ]

    def __init__(self) -> None:
        super().__init__(id="progress")
        self.sessions: list[SessionLine] | None = None
        """The sessions' lines, newest first, once the worker is done: the last year's, and
        every one once browsing has gone back further."""
        self._recent: list[HistoryEntry] = []
        self._lining = False
        """True while the second worker makes the lines after the first page."""
        self._names: Mapping[str, str] = {}
        """Exercise names by id, for the sessions' details."""
        self.summary: ProgressSummary | None = None
        """The statistics shown, once the worker is done."""
        self._listed = 0
        self._complete = False
        self._days: frozenset[date] = frozenset()
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading your history...", id="progress-loading", classes="muted")
        # Hidden until the worker is done: the parts are drawn (styled, laid out, painted)
        # once, with the history's numbers, rather than once empty and again filled in.
        body = ProgressBody(id="progress-body")
        body.display = False
        with body:
            # Each chart carries its heading as its title: a widget fewer each.
            with Horizontal(id="progress-top"):
                yield HeatMapView(id="heat-map", title="Sessions by day")
                yield Static("", id="progress-streaks")
            yield TrendChart(
                id="pain-chart",
                title="Pain before and after each session, 0-10 (▼▲ changes that matter)",
            )
            yield Static("", id="pain-summary")
            yield DoseLedgerView(id="ledger", title="This week's dose")
            yield Static("", id="ledger-note", classes="muted")
            yield TrendChart(
                id="function-chart",
                column_width=2,
                title="Everyday activities: your average rating, 0-10 "
                f"(▲▼ {MEANINGFUL_FUNCTION_POINTS} points from the first)",
            )
            yield Static("", id="function-summary")
            yield Static("Sessions, newest first", classes="progress-heading spaced")
            yield DataTable(id="sessions", cursor_type="row")
            yield Static("", id="session-detail")
        yield SteadyFooter()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Skip Textual's restyle of every widget when the screen is first shown: each was
        styled as it was composed, a moment ago, and styling them all again is a sixth of
        the screen's time (docs/product.md 10). Later resumes restyle as usual (the theme
        may have changed meanwhile). Textual runs this before its own `Screen` handler."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        """Show the loading line at once, then read the history in a worker."""
        today = self.state.today()
        self.query_one(HeatMapView).show({}, today)
        table = self.query_one("#sessions", DataTable)
        # Plain `Text` labels: a string label is read as markup, which loads Rich's emoji
        # table, 0.8 MiB for six words (docs/product.md 10, memory).
        table.add_columns(*map(Text, ("Started", "Routine", "Status", "Held", "Pain", "Notes")))
        table.display = False
        self._fit_charts(self.size.height)
        exercises = self.state.catalog.exercises.values()
        targets = {e.id: e.targets for e in exercises}
        self._names = {e.id: e.name for e in exercises}
        self.read_history(today, targets, self._names)

    def on_resize(self, event: events.Resize) -> None:
        """Taller terminals get finer bars in the charts."""
        self._fit_charts(event.size.height)

    def _fit_charts(self, height: int) -> None:
        rows = 2 if height >= TALL_SCREEN else 1
        for chart in self.query(TrendChart):
            chart.set_rows_per_series(rows)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="history",
        description="Reading history",
    )
    def read_history(
        self, today: date, targets: Mapping[str, Sequence[str]], names: Mapping[str, str]
    ) -> HistoryLoad:
        """Read the last year of sessions and every session day, and work out the statistics
        and the first page's lines (off the UI thread)."""
        from stretch_tui.storage.history import indexed_session_days, read_history

        try:
            paths = self.state.paths
            window = progress_window(today)
            read = read_history(paths, since=window)
            days = indexed_session_days(paths)
            complete = False
            if days is None:
                read = read_history(paths)
                days = {entry.day for entry in read.entries}
                complete = True
            complete = complete or not any(day < window for day in days)
            summary = summarize_progress(read.entries, self.state.profile, targets, today, days)
            notices = [str(notice) for notice in read.notices]
            first = week_spans(today, DEFAULT_WEEKS)[0].start
            recent = [entry for entry in read.entries if entry.day >= first]
            return HistoryLoad(
                session_lines(read.entries[:PAGE], names),
                read.entries[PAGE:],
                recent,
                complete,
                frozenset(days),
                summary,
                notices,
            )
        finally:
            forget_worker()

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="lines",
        description="Listing sessions",
    )
    def line_sessions(
        self, entries: Sequence[HistoryEntry], names: Mapping[str, str]
    ) -> list[SessionLine]:
        """The lines of the sessions after the first page. Made once the screen is drawn (a
        year's take a tenth of the screen's time), after which the sessions themselves
        are let go."""
        try:
            return session_lines(entries, names)
        finally:
            forget_worker()

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="older",
        description="Reading older sessions",
    )
    def read_older_sessions(self, names: Mapping[str, str]) -> list[SessionLine]:
        """Every session's line, for browsing back past the last year."""
        from stretch_tui.storage.history import read_history

        try:
            return session_lines(read_history(self.state.paths).entries, names)
        finally:
            forget_worker()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Fill the screen in when the history has been read; say so if it could not be."""
        worker = event.worker
        if worker.group not in ("history", "lines", "older"):
            return
        if event.state == WorkerState.SUCCESS:
            if isinstance(worker.result, HistoryLoad):
                self.show_history(worker.result)
            elif worker.group == "lines" and isinstance(worker.result, list):
                self._lining = False
                self.sessions = [*(self.sessions or []), *worker.result]
                self._list_more_at_the_end()
            elif isinstance(worker.result, list):
                self._complete = True
                self.sessions = worker.result
                self._list_more()
        elif event.state == WorkerState.ERROR and worker.group == "lines":
            self._lining = False  # the list stops at its first page; browsing reads again
        elif event.state == WorkerState.ERROR:
            loading = self.query_one("#progress-loading", Static)
            loading.update(f"Your history could not be read: {worker.error}")
            loading.display = True

    def show_history(self, load: HistoryLoad) -> None:
        """Draw everything from the worker's result."""
        for notice in load.notices:
            self.state.add_notice(notice)
        self.stretch_app.report_notices()
        self.sessions = load.sessions
        self._recent = load.recent
        self._complete = load.complete
        self._days = load.days
        self.summary = summary = load.summary
        # One frame for all the parts, rather than a repaint per part.
        with self.app.batch_update():
            self._draw(summary)
        if load.later:
            # Once the screen has settled: that thread would otherwise compete with painting
            # it (for Python's one lock), and the list's first page is drawn already.
            self._lining = True
            self.set_timer(LINES_AFTER, lambda: self.line_sessions(load.later, self._names))
        if not self.sessions:
            # Nothing to browse after all: the footer drops the key. (Rebuilding the footer
            # costs a tenth of the screen's time, so it is not done when nothing changed.)
            self.refresh_bindings()

    def _draw(self, summary: ProgressSummary) -> None:
        self.query_one("#progress-loading", Static).display = False
        self.query_one("#progress-body").display = True
        self.query_one(HeatMapView).show(summary.totals, summary.today)
        self.query_one("#progress-streaks", Static).update(streak_text(summary))
        self._show_pain(summary)
        self._show_ledger(summary)
        self._show_function(summary)
        self._show_sessions()

    # --- the parts --------------------------------------------------------------------------

    def _show_pain(self, summary: ProgressSummary) -> None:
        chart = self.query_one("#pain-chart", TrendChart)
        points = summary.pain
        if points:
            chart.show(
                [
                    Series("before", tuple(point.before for point in points)),
                    Series("after", tuple(point.after for point in points)),
                ],
                [
                    PAIN_MARKS[point.direction]
                    if point.meaningful and point.direction is not None
                    else None
                    for point in points
                ],
            )
        self.query_one("#pain-summary", Static).update(pain_text(summary))

    def _show_ledger(self, summary: ProgressSummary) -> None:
        ledger = summary.ledger
        span = f"{short_day(ledger.start)} to {short_day(ledger.end)}"
        days = ledger.active_days
        view = self.query_one("#ledger", DoseLedgerView)
        view.title = (
            f"This week's dose, {span}: {days} of {GOAL_DAYS_PER_WEEK} days so far"
            if days < GOAL_DAYS_PER_WEEK
            else f"This week's dose, {span}: {days} days, the goal of {GOAL_DAYS_PER_WEEK} is met"
        )
        view.show(ledger)
        goal = clock(WEEKLY_AREA_GOAL_SECONDS)
        note = (
            f"Goal: {goal} a week on each side of an area (about a minute per stretch, "
            f"{GOAL_DAYS_PER_WEEK} days a week). Two-sided exercises count for both sides."
        )
        if not ledger.areas:
            note = f"Nothing held yet this week. {note}"
        self.query_one("#ledger-note", Static).update(note)

    def _show_function(self, summary: ProgressSummary) -> None:
        chart = self.query_one("#function-chart", TrendChart)
        points = summary.function.points
        if points:
            chart.show(
                [Series("score", tuple(point.average for point in points))],
                [
                    FUNCTION_MARKS[point.change.direction]
                    if point.meaningful
                    and point.change is not None
                    and point.change.direction is not None
                    else None
                    for point in points
                ],
            )
        due = next_function_rating(self.state.profile)
        self.query_one("#function-summary", Static).update(function_text(summary, due))

    def _show_sessions(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        self._listed = 0
        table.display = bool(self.sessions)
        self._list_more()
        self._show_detail(self.sessions[0] if self.sessions else None)

    def _list_more(self) -> None:
        """Add the next page of older sessions to the list."""
        if self.sessions is None:
            return
        page = self.sessions[self._listed : self._listed + PAGE]
        table = self.query_one("#sessions", DataTable)
        # As `Text`, not strings, which the table reads as markup: a "[" in a routine's
        # name would be taken for a style (or refused), and markup loads Rich's emoji table.
        table.add_rows([[_cell(value) for value in line.row] for line in page])
        self._listed += len(page)

    @on(DataTable.RowHighlighted, "#sessions")
    def show_highlighted_session(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted session's detail; at the end of the list, bring in more."""
        if self.sessions is None or not 0 <= event.cursor_row < len(self.sessions):
            return
        self._show_detail(self.sessions[event.cursor_row])
        if event.cursor_row >= self._listed - 1:
            if self._listed < len(self.sessions):
                self._list_more()
            elif not self._complete and not self._lining:
                self.read_older_sessions(self._names)

    def _list_more_at_the_end(self) -> None:
        """More rows, if the cursor waits at the end of the list for them."""
        table = self.query_one("#sessions", DataTable)
        if table.row_count and table.cursor_row >= self._listed - 1:
            self._list_more()

    def _show_detail(self, line: SessionLine | None) -> None:
        detail = self.query_one("#session-detail", Static)
        if line is None:
            detail.update("No sessions yet. Start one from Home (r).")
            return
        detail.update(detail_text(line))

    # --- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Browsing needs sessions to browse; while the history is read, it is assumed there
        are some (most visits), so the footer stays as it is when they come."""
        if action == "browse_sessions":
            return self.sessions is None or bool(self.sessions)
        return True

    def action_browse_sessions(self) -> None:
        """Move to the list of sessions."""
        table = self.query_one("#sessions", DataTable)
        if self.sessions and table.display:
            table.focus()
            table.scroll_visible()

    def action_export_report(self) -> None:
        """Write the clinician report for the last weeks into the data folder and say where."""
        if self.sessions is None:
            self.notify("Still reading your history; try again in a moment.")
            return
        from stretch_tui.domain.report import build_report
        from stretch_tui.domain.screening import shipped_questionnaire
        from stretch_tui.storage.notices import StorageError
        from stretch_tui.storage.tomlfile import write_atomically

        today = self.state.today()
        text = build_report(
            self._recent,
            self.state.profile,
            self.state.catalog,
            today,
            DEFAULT_WEEKS,
            shipped_questionnaire(),
            self._days,
        )
        path = report_path(self.state.paths.data_dir, today)
        try:
            write_atomically(path, text.encode("utf-8"))
        except StorageError as error:
            self.notify(str(error), title="Report not written", severity="error", timeout=12)
            return
        self.notify(
            f"The report for the last {DEFAULT_WEEKS} weeks is in {path}",
            title="Report written",
            timeout=12,
        )


def report_path(data_dir: Path, today: date) -> Path:
    """Where the progress screen writes today's report (one per day, the latest wins)."""
    return data_dir / REPORTS_FOLDER / f"stretch-tui-report-{today.isoformat()}.md"


def streak_text(summary: ProgressSummary) -> Text:
    """The side panel: streaks, this week, sessions per week."""
    streak = summary.streaks
    this_week = summary.weeks[-1]
    text = Text()
    text.append("Streak\n", style="bold")
    if streak.current:
        text.append(f"{_days(streak.current)} now\n")
    else:
        text.append("none right now\n")
    text.append(f"longest {_days(streak.longest)}\n" if streak.longest else "\n")
    text.append("\nThis week\n", style="bold")
    text.append(f"{_count(this_week.sessions, 'session')}, {_days(this_week.days)}\n")
    to_go = GOAL_DAYS_PER_WEEK - this_week.days
    if to_go > 0:
        text.append(f"goal: {_count(to_go, 'more day')}\n")
    else:
        text.append(f"goal of {GOAL_DAYS_PER_WEEK} days met\n")
    text.append(f"\nLast {TREND_WEEKS} weeks\n", style="bold")
    average = average_sessions_per_week(summary.weeks)
    text.append(f"{average:.1f} sessions a week")
    return text


def pain_text(summary: ProgressSummary) -> str:
    """The pain chart's summary line: the change over the last weeks, or why there is none."""
    if not summary.pain:
        return (
            "No pain ratings yet. Rate your pain before and after a session (one key) to "
            "see the trend here."
        )
    trend = summary.pain_trend
    change = trend.change
    if change is None:
        return (
            f"Rate pain in two different weeks to compare them; the last {TREND_WEEKS} "
            "weeks have ratings in one week or none."
        )
    today = summary.today
    return (
        f"Pain before sessions, week of {day_text(change.start_day, today)} to week of "
        f"{day_text(change.end_day, today)}: {format_score(change.start)} → "
        f"{format_score(change.end)}, {describe_pain_change(change)}."
    )


def function_text(summary: ProgressSummary, due: date | None) -> str:
    """The function chart's summary line, with when the next rating is due."""
    points = summary.function.points
    if due is None:
        return (
            "No activities named yet. The screening's last part (s on Home) asks for up to "
            "three everyday activities your back makes hard, to rate each week."
        )
    today = summary.today
    when = "now (w on Home)" if due <= today else f"on {day_text(due, today)} (w on Home)"
    if not points:
        return f"Not rated yet. Rating due {when}."
    change = summary.function.change
    if change is None:
        text = f"One rating so far: {format_score(points[0].average)}."
    else:
        text = (
            f"From {format_score(change.start)} ({day_text(change.start_day, today)}) to "
            f"{format_score(change.end)} ({day_text(change.end_day, today)}): "
            f"{describe_function_change(change)}."
        )
    return f"{text} Next rating due {when}."


def day_text(day: date, today: date) -> str:
    """`3 Mar` this year, `3 Mar 2024` another year."""
    return short_day(day) if day.year == today.year else f"{short_day(day)} {day.year}"


LIST_STATUS: Final = {"completed": "completed", "stopped": "stopped", "interrupted": "cut off"}
"""Status words short enough for the sessions list."""


def session_row(entry: HistoryEntry) -> tuple[str, str, str, str, str, str]:
    """One row of the sessions list."""
    pain = ""
    if entry.pain_before is not None or entry.pain_after is not None:
        before = "-" if entry.pain_before is None else str(entry.pain_before)
        after = "-" if entry.pain_after is None else str(entry.pain_after)
        pain = f"{before} → {after}"
    notes = []
    if any(record.outcome == "hurt" for record in entry.exercises):
        notes.append("hurt")
    if any(record.symptom == "worse" for record in entry.exercises):
        notes.append("legs worse")
    return (
        f"{entry.started:%d %b %Y %H:%M}",
        entry.routine,
        LIST_STATUS[entry.status],
        clock(entry.seconds_done) if entry.seconds_done else "0:00",
        pain,
        ", ".join(notes),
    )


def session_lines(entries: Sequence[HistoryEntry], names: Mapping[str, str]) -> list[SessionLine]:
    """What the screen keeps of these sessions: each one's row and detail."""
    return [SessionLine(session_row(entry), session_detail(entry, names)) for entry in entries]


def detail_text(line: SessionLine) -> Text:
    """A session's detail as shown, its first line bold."""
    text = Text(line.detail)
    end = line.detail.find("\n")
    text.stylize("bold", 0, len(line.detail) if end < 0 else end)
    return text


def session_detail(entry: HistoryEntry, names: Mapping[str, str]) -> str:
    """One session in full: when, routine, status, pain, and each exercise. (Plain text,
    made for every session of the year in the worker, so no `Text` is built here.)"""
    held = format_seconds(entry.seconds_done)
    lines = [
        f"{entry.started:%a %d %b %Y, %H:%M}-{entry.ended:%H:%M} · {entry.routine} · "
        f"{STATUS_WORDS[entry.status]}",
        f"{held} held. {_pain_sentence(entry.pain_before, entry.pain_after)}",
    ]
    if entry.assessed:
        lines.append("Confirmed a clinician's assessment before this session.")
    if not entry.exercises:
        lines.append("No exercise was reached.")
    width = max((len(names.get(r.id, r.id)) for r in entry.exercises), default=0)
    for record in entry.exercises:
        outcome = _OUTCOMES[record.outcome]
        if record.symptom is not None:
            outcome += f", legs {record.symptom}"
        done = clock(record.done_seconds) if record.done_seconds else "0:00"
        held = f"{done}/{clock(record.planned_seconds)}"
        lines.append(
            f"{names.get(record.id, record.id).ljust(width)}  {record.side:<5}  "
            f"{held:>9}  {record.reps_done:>2} reps  {outcome}"
        )
    if entry.notes:
        lines.append(f"Notes: {entry.notes}")
    return "\n".join(lines)


_OUTCOMES: Final = {"done": "done", "skipped": "skipped", "hurt": "it hurt"}
"""An exercise's outcome in a session's detail."""


def _pain_sentence(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return "Pain not rated."
    if before is None or after is None:
        which, value = ("before", before) if before is not None else ("after", after)
        return f"Pain {value}/10 {which} (the other rating was skipped)."
    text = f"Pain {before}/10 before, {after}/10 after"
    if before == after:
        return f"{text}: no change."
    size = abs(after - before)
    way = "lower" if after < before else "higher"
    matters = ", a change that matters" if is_meaningful_pain_change(before, after) else ""
    return f"{text}: {size} point{'s' if size != 1 else ''} {way}{matters}."


def _days(count: int) -> str:
    return _count(count, "day")


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _cell(value: str) -> Text:
    """A session-list cell as plain text on one line, as the table draws a string cell."""
    return Text(value, no_wrap=True, end="")
