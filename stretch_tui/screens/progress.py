"""Progress: the calendar of sessions, streaks, pain and function trends, this week's dose,
and every session to browse; `e` writes the clinician report (docs/product.md 2, issue 6).

The screen shows at once with empty parts; the history is read and summarised in a thread
worker (ten years of sessions take a moment) and the parts fill in when it is done.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final, NamedTuple

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from stretch_tui.domain.dates import short_day
from stretch_tui.domain.history import HistoryEntry
from stretch_tui.domain.stats import (
    DEFAULT_WEEKS,
    GOAL_DAYS_PER_WEEK,
    MEANINGFUL_FUNCTION_POINTS,
    STATUS_WORDS,
    TREND_WEEKS,
    WEEKLY_AREA_GOAL_SECONDS,
    ProgressSummary,
    average_sessions_per_week,
    describe_function_change,
    describe_pain_change,
    format_score,
    format_seconds,
    is_meaningful_pain_change,
    next_function_rating,
    progress_window,
    streaks_of_day_numbers,
    streaks_of_sorted_day_numbers,
    summarize_progress,
    week_spans,
)
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.workers import forget_worker
from stretch_tui.widgets.dose_ledger import DoseLedgerView, clock
from stretch_tui.widgets.heat_map import HeatMapView
from stretch_tui.widgets.key_footer import KeyFooter
from stretch_tui.widgets.session_list import SessionList
from stretch_tui.widgets.trend_chart import Mark, Series, TrendChart

if TYPE_CHECKING:
    from stretch_tui.domain.profile import Profile
    from stretch_tui.storage.notices import Notice
    from stretch_tui.storage.paths import AppPaths

PAGE: Final = 30
"""Sessions added to the list at a time, two screens and a half of the list: older sessions
come in as the cursor reaches the end."""

LINES_AFTER: Final = 0.25
"""Seconds after the screen is drawn to line up the sessions after the first page (a year's
details take a tenth of the screen's time, so not before it is drawn)."""

DETAILS_PER_CHUNK: Final = 32
"""Sessions' details compressed together: a chunk is decompressed when one of its sessions
is highlighted (a tenth of a millisecond)."""

TALL_SCREEN: Final = 34
"""From this many rows the charts' bars get two rows each (finer steps)."""

REPORTS_FOLDER: Final = "reports"
"""Where `e` writes reports, inside the data folder (next to history)."""

PAIN_MARKS: Final = {"better": Mark("▼", "better"), "worse": Mark("▲", "worse")}
"""Under a session whose pain fell (or rose) by a change that matters."""

FUNCTION_MARKS: Final = {"better": Mark("▲", "better"), "worse": Mark("▼", "worse")}
"""Under a rating 2 points or more above (or below) the first."""


Row = tuple[str, str, str, str, str, str]
"""A session's cells in the list: started, routine, status, held, pain, notes."""

_FIELDS: Final = "\x1f"
"""Between a session's cells and its detail as kept (the unit separator: no cell holds one)."""

_WINDOW_BITS: Final = 14
_MEMORY_LEVEL: Final = 4
"""zlib's window (16 KiB) and memory level for a chunk: its defaults took a quarter of a MiB
for each chunk compressed, the largest block of the progress worker's peak, for 2% smaller
chunks (docs/product.md 10, memory). `zlib.decompress` reads any window."""

_SESSIONS: Final = "\x00"
"""Between the sessions of a chunk (a NUL cannot be shown anyway, so it is left out)."""


class SessionTexts:
    """The sessions as the screen shows them, newest first: each one's row in the list and its
    detail under it. All the screen keeps of the sessions, and small whatever the history's
    length: the text (a row and half a kilobyte of detail each, much of it exercise names
    said again and again) is kept compressed, a chunk of sessions together, at about a tenth
    of its size (docs/product.md 10, memory)."""

    def __init__(self) -> None:
        self._count = 0
        self._chunks: list[bytes] = []
        self._pending: list[str] = []
        self._open: tuple[int, list[str]] = (-1, [])
        """The chunk decompressed last, by number: moving along the list reads it again."""

    def add(self, row: Row, detail: str) -> None:
        """Add the next (older) session."""
        fields = [cell.replace(_FIELDS, " ") for cell in row]
        fields.append(detail)
        self._pending.append(_FIELDS.join(fields).replace(_SESSIONS, ""))
        self._count += 1
        if len(self._pending) == DETAILS_PER_CHUNK:
            self._seal()

    def done(self) -> SessionTexts:
        """The texts, every session added."""
        if self._pending:
            self._seal()
        return self

    def _seal(self) -> None:
        packer = zlib.compressobj(1, zlib.DEFLATED, _WINDOW_BITS, _MEMORY_LEVEL)
        text = _SESSIONS.join(self._pending).encode("utf-8")
        self._chunks.append(packer.compress(text) + packer.flush())
        self._pending = []

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return bool(self._count)

    def _fields(self, index: int) -> list[str]:
        if not 0 <= index < self._count:
            raise IndexError(index)
        number, at = divmod(index, DETAILS_PER_CHUNK)
        if number == len(self._chunks):  # not sealed yet
            text = self._pending[at]
        else:
            if self._open[0] != number:
                sessions = zlib.decompress(self._chunks[number]).decode("utf-8")
                self._open = (number, sessions.split(_SESSIONS))
            text = self._open[1][at]
        return text.split(_FIELDS, len(LIST_TITLES))

    def row(self, index: int) -> Row:
        """Session `index`'s cells in the list."""
        cells = self._fields(index)
        return (cells[0], cells[1], cells[2], cells[3], cells[4], cells[5])

    def rows(self, start: int, stop: int) -> list[Row]:
        """The cells of sessions `start` to `stop` (not included)."""
        return [self.row(index) for index in range(start, min(stop, self._count))]

    def detail(self, index: int) -> str:
        """Session `index`'s detail (`session_detail`'s text)."""
        return self._fields(index)[-1]


def session_texts(entries: Iterable[HistoryEntry], names: Mapping[str, str]) -> SessionTexts:
    """What the screen keeps of these sessions: each one's row and detail, as text."""
    texts = SessionTexts()
    for entry in entries:
        texts.add(session_row(entry), session_detail(entry, names))
    return texts.done()


class HistoryLoad(NamedTuple):
    """What the worker hands back: the first page of the sessions' texts, the statistics, and
    the file problems to tell the user about. No session: the screen keeps text and numbers."""

    sessions: SessionTexts
    """The first page of the list: the newest sessions' texts."""
    more: bool
    """More sessions than the first page: a second worker lines them up once the screen is
    drawn (`line_sessions`)."""
    complete: bool
    """True when those sessions are the whole history (none is older than the last year,
    or the whole history was read)."""
    summary: ProgressSummary
    notices: list[str]


def load_history(
    paths: AppPaths,
    profile: Profile,
    today: date,
    targets: Mapping[str, Sequence[str]],
    names: Mapping[str, str],
) -> HistoryLoad:
    """Read the last year of sessions a month at a time, working out the statistics and
    the first page's texts as they come, and every session day from the cache's index
    (off the UI thread). No more than a month of sessions is held at once."""
    from stretch_tui.storage.history import indexed_day_array, stream_history

    window = progress_window(today)
    # The streaks first, and the days let go before the sessions are read.
    ordinals = indexed_day_array(paths)
    streak = complete = None
    if ordinals is not None:
        streak = streaks_of_sorted_day_numbers(ordinals, today)
        complete = not ordinals or ordinals[0] >= window.toordinal()
        del ordinals
    notices: list[Notice] = []
    # The first page's texts are made as its sessions come, rather than the sessions kept
    # until the year is read (docs/product.md 10, memory).
    first = SessionTexts()
    counted = [0]
    seen: set[int] = set()

    def sessions(read: Iterator[HistoryEntry]) -> Iterator[HistoryEntry]:
        for entry in read:
            counted[0] += 1
            if len(first) < PAGE:
                first.add(session_row(entry), session_detail(entry, names))
            if streak is None:
                seen.add(entry.started.toordinal())
                if entry.day < window:
                    continue
            yield entry

    # Without the index (a month changed since it was written) the whole history is
    # read once: its days give the streaks, and reading brings the index up to date.
    since = None if streak is None else window
    # With the index found current just now, reading need not bring it up to date.
    read = stream_history(paths, since=since, notices=notices, update_index=streak is None)
    summary = summarize_progress(sessions(read), profile, targets, today)
    summary = summary._replace(streaks=streak or streaks_of_day_numbers(seen, today))
    return HistoryLoad(
        first.done(),
        counted[0] > len(first),
        complete is None or complete,
        summary,
        [str(notice) for notice in notices],
    )


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
        self.sessions: SessionTexts | None = None
        """The sessions' texts, newest first, once the worker is done: the last year's, and
        every one once browsing has gone back further."""
        self._lining = False
        """True while the second worker makes the texts after the first page."""
        self._names: Mapping[str, str] = {}
        """Exercise names by id, for the sessions' details."""
        self.summary: ProgressSummary | None = None
        """The statistics shown, once the worker is done."""
        self._listed = 0
        self._complete = False
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
            yield SessionList(*LIST_TITLES, id="sessions")
            yield Static("", id="session-detail")
        yield KeyFooter()

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
        self.query_one("#sessions", SessionList).display = False
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
        """The history read and summed up off the UI thread (`load_history`)."""
        try:
            paths, profile = self.state.paths, self.state.profile
            return load_history(paths, profile, today, targets, names)
        finally:
            forget_worker()

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="lines",
        description="Listing sessions",
    )
    def line_sessions(self, since: date | None, names: Mapping[str, str]) -> SessionTexts:
        """The texts of the sessions from `since` (every one for None), the first page's
        again among them, read a month at a time. Made once the screen is drawn (a year's
        take a tenth of the screen's time)."""
        from stretch_tui.storage.history import stream_history

        try:
            return session_texts(stream_history(self.state.paths, since=since), names)
        finally:
            forget_worker()

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="older",
        description="Reading older sessions",
    )
    def read_older_sessions(self, names: Mapping[str, str]) -> SessionTexts:
        """Every session's texts, for browsing back past the last year."""
        from stretch_tui.storage.history import stream_history

        try:
            return session_texts(stream_history(self.state.paths), names)
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
            elif isinstance(worker.result, SessionTexts):
                self._lining = False
                self._complete = self._complete or worker.group == "older"
                self._replace_sessions(worker.result)
        elif event.state == WorkerState.ERROR and worker.group == "lines":
            self._lining = False  # the list stops at its first page; browsing reads again
        elif event.state == WorkerState.ERROR:
            self._lining = False
            loading = self.query_one("#progress-loading", Static)
            loading.update(f"Your history could not be read: {worker.error}")
            loading.display = True

    def show_history(self, load: HistoryLoad) -> None:
        """Draw everything from the worker's result."""
        for notice in load.notices:
            self.state.add_notice(notice)
        self.stretch_app.report_notices()
        self.sessions = load.sessions
        self._complete = load.complete
        self.summary = summary = load.summary
        # One frame for all the parts, rather than a repaint per part.
        with self.app.batch_update():
            self._draw(summary)
        if load.more:
            # Once the screen has settled: that thread would otherwise compete with painting
            # it (for Python's one lock), and the list's first page is drawn already.
            self._lining = True
            since = None if load.complete else progress_window(summary.today)
            self.set_timer(LINES_AFTER, lambda: self.line_sessions(since, self._names))
        if not self.sessions:
            # Nothing to browse after all: the footer drops the key (it draws again only
            # when its keys change, so this is not done when nothing did).
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
        table = self.query_one("#sessions", SessionList)
        table.clear()
        self._listed = 0
        table.display = bool(self.sessions)
        self._list_more()
        self._show_detail(0)

    def _list_more(self) -> None:
        """Add the next page of older sessions to the list."""
        if self.sessions is None:
            return
        page = self.sessions.rows(self._listed, self._listed + PAGE)
        self.query_one("#sessions", SessionList).add_rows(page)
        self._listed += len(page)

    def _replace_sessions(self, sessions: SessionTexts) -> None:
        """Newer texts of the sessions (the first page's among them): the rows listed are
        drawn from them, and more are listed if the cursor waits at the end for them."""
        self.sessions = sessions
        table = self.query_one("#sessions", SessionList)
        self._listed = min(self._listed, len(sessions))
        table.replace_rows(sessions.rows(0, self._listed))
        table.display = bool(sessions)
        if table.row_count and table.cursor_row >= self._listed - 1:
            self._list_more()
        self._show_detail(table.cursor_row)

    @on(SessionList.Highlighted, "#sessions")
    def show_highlighted_session(self, event: SessionList.Highlighted) -> None:
        """Show the highlighted session's detail; at the end of the list, bring in more."""
        if self.sessions is None or not 0 <= event.cursor_row < len(self.sessions):
            return
        self._show_detail(event.cursor_row)
        if event.cursor_row >= self._listed - 1:
            if self._listed < len(self.sessions):
                self._list_more()
            elif not self._complete and not self._lining:
                self._lining = True
                self.read_older_sessions(self._names)

    def _show_detail(self, index: int) -> None:
        detail = self.query_one("#session-detail", Static)
        if not self.sessions:
            detail.update("No sessions yet. Start one from Home (r).")
            return
        detail.update(detail_text(self.sessions.detail(index)))

    # --- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Browsing needs sessions to browse; while the history is read, it is assumed there
        are some (most visits), so the footer stays as it is when they come."""
        if action == "browse_sessions":
            return self.sessions is None or bool(self.sessions)
        return True

    def action_browse_sessions(self) -> None:
        """Move to the list of sessions."""
        table = self.query_one("#sessions", SessionList)
        if self.sessions and table.display:
            table.focus()
            table.scroll_visible()

    def action_export_report(self) -> None:
        """Write the clinician report for the last weeks into the data folder and say where.

        Its sessions (a few weeks of them) and the session days are read again here: the
        screen keeps no session."""
        if self.sessions is None:
            self.notify("Still reading your history; try again in a moment.")
            return
        from stretch_tui.domain.report import build_report
        from stretch_tui.domain.screening import shipped_questionnaire
        from stretch_tui.storage.history import indexed_session_days, read_history
        from stretch_tui.storage.notices import StorageError
        from stretch_tui.storage.tomlfile import write_atomically

        today = self.state.today()
        paths = self.state.paths
        first = week_spans(today, DEFAULT_WEEKS)[0].start
        read = read_history(paths, since=first)
        days = indexed_session_days(paths)
        if days is None:  # a month changed since the index was written: read them all
            days = {entry.day for entry in read_history(paths).entries}
        text = build_report(
            read.entries,
            self.state.profile,
            self.state.catalog,
            today,
            DEFAULT_WEEKS,
            shipped_questionnaire(),
            days,
        )
        path = report_path(paths.data_dir, today)
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


LIST_TITLES: Final = ("Started", "Routine", "Status", "Held", "Pain", "Notes")
"""The sessions list's columns."""

LIST_STATUS: Final = {"completed": "completed", "stopped": "stopped", "interrupted": "cut off"}
"""Status words short enough for the sessions list."""


def session_row(entry: HistoryEntry) -> Row:
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


def detail_text(detail: str) -> Text:
    """A session's detail as shown, its first line bold."""
    text = Text(detail)
    end = detail.find("\n")
    text.stylize("bold", 0, len(detail) if end < 0 else end)
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
