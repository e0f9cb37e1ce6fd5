"""The progress screen and the weekly re-rating, driven through Pilot."""

from __future__ import annotations

import subprocess
import sys
import threading
import weakref
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from stretch_tui.app import StretchApp
from stretch_tui.domain.history import HistoryEntry
from stretch_tui.domain.profile import FunctionRating
from stretch_tui.domain.stats import ProgressSummary, summarize_progress
from stretch_tui.screens import progress
from stretch_tui.screens.function_rating import FunctionRatingDialog
from stretch_tui.screens.help import documented_screens
from stretch_tui.screens.home import HomeScreen
from stretch_tui.screens.progress import PAGE, ProgressScreen, SessionTexts, report_path
from stretch_tui.state import AppState
from stretch_tui.storage import history
from stretch_tui.storage.history import append_session, read_history
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile
from stretch_tui.widgets.dose_ledger import DoseLedgerView
from stretch_tui.widgets.heat_map import HeatMapView
from stretch_tui.widgets.home_status import HomeStatus
from stretch_tui.widgets.key_footer import KeyFooter
from stretch_tui.widgets.session_list import SessionList
from stretch_tui.widgets.trend_chart import TrendChart
from tests.appkit import make_app
from tests.progress_data import TODAY, ZONE, one_session, screened_profile, write_year
from tests.waiting import wait_until


def progress_app(home: Path) -> StretchApp:
    app = make_app(home, "progress")
    app.state.today = lambda: TODAY
    return app


async def settled(pilot: Pilot[Any]) -> ProgressScreen:
    """Wait for the history worker, the frame that shows its result, and the worker that
    lines up the sessions after the first page."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    assert screen.sessions is not None
    await wait_until(pilot, lambda: not screen._lining, "the sessions lined up")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def text_of(screen: ProgressScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_history_is_read_in_a_described_worker(isolated_home: Path) -> None:
    one_session(isolated_home)
    app = progress_app(isolated_home)
    messages: list[Message] = []
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        screen = await settled(pilot)
        assert not screen.query_one("#progress-loading").display
    changes = [m for m in messages if isinstance(m, Worker.StateChanged)]
    history = [m for m in changes if m.worker.group == "history"]
    assert {m.worker.description for m in history} == {"Reading history"}
    assert history[-1].state == WorkerState.SUCCESS
    assert history[-1].worker.node is screen


async def test_an_empty_history_says_how_to_begin(isolated_home: Path) -> None:
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert screen.sessions is not None and len(screen.sessions) == 0
        assert "No pain ratings yet" in text_of(screen, "#pain-summary")
        assert "Nothing held yet this week" in text_of(screen, "#ledger-note")
        assert "No sessions yet" in text_of(screen, "#session-detail")
        assert not screen.query_one("#sessions", SessionList).display
        assert "none right now" in text_of(screen, "#progress-streaks")


async def test_one_session_fills_every_part(isolated_home: Path) -> None:
    one_session(isolated_home)
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert screen.summary is not None
        assert screen.summary.streaks.current == 1
        heat_map = screen.query_one(HeatMapView)
        yesterday = heat_map.grid().columns[-1][1]
        assert (yesterday.sessions, yesterday.seconds, yesterday.level) == (1, 190, 1)
        assert screen.query_one("#pain-chart", TrendChart).display
        ledger = screen.query_one(DoseLedgerView)
        assert ledger.display
        assert screen.query_one("#sessions", SessionList).row_count == 1
        detail = text_of(screen, "#session-detail")
        assert "6/10 before, 3/10 after: 3 points lower, a change that matters" in detail
        assert "it hurt" in detail and "legs better" in detail


async def test_a_year_lists_a_page_and_more_as_the_cursor_reaches_the_end(
    isolated_home: Path,
) -> None:
    entries = write_year(isolated_home)
    app = progress_app(isolated_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(pilot)
        table = screen.query_one("#sessions", SessionList)
        assert table.row_count == PAGE
        await pilot.press("b")
        assert screen.focused is table
        table.cursor_row = PAGE - 1
        await pilot.pause()
        assert table.row_count == min(2 * PAGE, len(entries))
        newest = max(entries, key=lambda entry: entry.started)
        table.cursor_row = 0
        await pilot.pause()
        assert f"{newest.started:%a %d %b %Y, %H:%M}" in text_of(screen, "#session-detail")


async def test_browsing_past_a_year_reads_the_older_sessions(isolated_home: Path) -> None:
    entries = write_year(isolated_home, years=2)
    read_history(resolve_paths(isolated_home))  # a visit before: the cache and index are warm
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert screen.sessions is not None and len(screen.sessions) < len(entries)
        assert screen.summary is not None
        # The streaks still see the whole history, through the cache's index.
        all_days = {entry.day for entry in entries}
        assert screen.summary.streaks.longest >= _longest_run(all_days)
        table = screen.query_one("#sessions", SessionList)
        while table.row_count < len(screen.sessions):
            table.cursor_row = table.row_count - 1
            await pilot.pause()
        table.cursor_row = table.row_count - 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(screen.sessions) == len(entries)
        assert table.row_count > len(screen.sessions) - len(entries) + PAGE


def _longest_run(days: set[Any]) -> int:
    best = run = 0
    for day in sorted(days):
        run = run + 1 if day - timedelta(days=1) in days else 1
        best = max(best, run)
    return best


async def test_export_writes_the_report_in_the_data_folder_and_says_where(
    isolated_home: Path,
) -> None:
    one_session(isolated_home)
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("e")
        await pilot.pause()
        path = report_path(app.state.paths.data_dir, TODAY)
        assert path.exists()
        assert (path.stat().st_mode & 0o777) == 0o600
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Back and hip exercise report: 13 February 2025 to 12 March")
        assert "Lumbar trunk rotation (right side)" in text
        assert any(str(path) in str(n.message) for n in app._notifications)


async def test_help_lists_the_progress_keys() -> None:
    assert ("Progress", ProgressScreen) in documented_screens()


# --- the weekly re-rating on Home ----------------------------------------------------------------


def rated_profile(home: Path, days_ago: int) -> None:
    rated = datetime(TODAY.year, TODAY.month, TODAY.day, 9, tzinfo=ZONE) - timedelta(days_ago)
    save_profile(resolve_paths(home), screened_profile((FunctionRating(rated, (3, 4, 5)),)))


def home_app(home: Path) -> StretchApp:
    app = make_app(home)
    app.state.today = lambda: TODAY
    return app


def rerate_line(app: StretchApp) -> str:
    """Home's line asking for the weekly re-rating; empty when none is due."""
    return app.screen.query_one(HomeStatus).part("rerate")


async def test_home_offers_the_rerating_a_week_after_the_last(isolated_home: Path) -> None:
    rated_profile(isolated_home, days_ago=7)
    app = home_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "press w" in rerate_line(app)
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FunctionRatingDialog)
        await pilot.press("5", "enter", "6", "enter", "7", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not rerate_line(app)
    saved = AppState(resolve_paths(isolated_home)).profile.function_ratings
    assert [rating.scores for rating in saved] == [(3, 4, 5), (5, 6, 7)]


async def test_the_rerating_is_not_due_within_the_week(isolated_home: Path) -> None:
    rated_profile(isolated_home, days_ago=6)
    app = home_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not rerate_line(app)
        await pilot.press("w")  # still reachable: the user may rate early
        await pilot.pause()
        assert isinstance(app.screen, FunctionRatingDialog)


async def test_a_score_out_of_range_is_refused_and_escape_saves_nothing(
    isolated_home: Path,
) -> None:
    rated_profile(isolated_home, days_ago=8)
    app = home_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FunctionRatingDialog)
        dialog.query_one("#score-0", Input).value = "11"
        dialog.query_one("#score-1", Input).value = "4"
        dialog.query_one("#score-2", Input).value = "4"
        await pilot.pause()
        dialog.save_ratings()
        await pilot.pause()
        assert 'Rate "putting on socks" from 0 to 10.' in str(
            dialog.query_one("#rating-error", Static).render()
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert len(AppState(resolve_paths(isolated_home)).profile.function_ratings) == 1


async def test_without_activities_there_is_nothing_to_rate(isolated_home: Path) -> None:
    app = home_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not rerate_line(app)
        assert app.screen.check_action("rerate", ()) is False


# --- what keeps the screen quick and small (docs/product.md 10) ----------------------------------


async def test_the_parts_stay_hidden_until_the_history_is_read(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_session(isolated_home)
    release = threading.Event()

    def held(*args: Any, **kwargs: Any) -> ProgressSummary:
        release.wait(timeout=10)
        return summarize_progress(*args, **kwargs)

    monkeypatch.setattr(progress, "summarize_progress", held)
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ProgressScreen), "Progress")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert screen.sessions is None
        assert screen.query_one("#progress-loading").display
        assert not screen.query_one("#progress-body").display
        release.set()
        screen = await settled(pilot)
        assert not screen.query_one("#progress-loading").display
        assert screen.query_one("#progress-body").display


async def test_the_screen_keeps_text_not_the_sessions(isolated_home: Path) -> None:
    entries = write_year(isolated_home)
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert isinstance(screen.sessions, SessionTexts)
        assert len(screen.sessions) == len(entries)
        newest = max(entries, key=lambda entry: entry.started)
        assert screen.sessions.row(0) == progress.session_row(newest)
        assert screen.sessions.detail(0) == progress.session_detail(newest, screen._names)
        # Nothing on the screen is a session: the report reads its weeks again on `e`.
        held = [value for value in vars(screen).values() if isinstance(value, (list, tuple))]
        assert not any(isinstance(item, HistoryEntry) for value in held for item in value)


async def test_the_year_is_read_a_month_at_a_time(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker never holds the year's sessions at once: it sums each month's up as it
    reads them (docs/product.md 10, memory)."""
    entries = write_year(isolated_home)
    alive: list[int] = []
    live = weakref.WeakSet[HistoryEntry]()
    original = history.stream_history

    def watched(*args: Any, **kwargs: Any) -> Iterator[HistoryEntry]:
        for entry in original(*args, **kwargs):
            live.add(entry)
            alive.append(len(live))
            yield entry

    monkeypatch.setattr(history, "stream_history", watched)
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert screen.sessions is not None and len(screen.sessions) == len(entries)
    # A month of sessions or two (and the first page, kept for its text), never the year.
    assert max(alive) < len(entries) / 3, max(alive)


async def test_progress_never_imports_textuals_data_table(isolated_home: Path) -> None:
    """Textual's DataTable and its helpers stay loaded for the rest of the process once
    imported (0.8 MiB): the sessions list is a light widget of ours (docs/product.md 10)."""
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tests.appkit import make_app\n"
        "from tests.progress_data import write_year\n"
        "home = Path(sys.argv[1])\n"
        "write_year(home)\n"
        "async def main():\n"
        "    app = make_app(home, 'progress')\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await app.workers.wait_for_complete()\n"
        "        await pilot.pause()\n"
        "        await pilot.press('b', 'down', 'end')\n"
        "        await pilot.pause()\n"
        "        assert app.screen.id == 'progress', app.screen\n"
        "asyncio.run(main())\n"
        "print(sorted(m for m in sys.modules if 'data_table' in m or m == 'textual.coordinate'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(isolated_home)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


async def test_the_list_moves_by_keys_and_by_a_click(isolated_home: Path) -> None:
    entries = write_year(isolated_home)
    newest_first = sorted(entries, key=lambda entry: (entry.started, entry.id), reverse=True)
    app = progress_app(isolated_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await settled(pilot)
        table = screen.query_one("#sessions", SessionList)

        def shown() -> str:
            return text_of(screen, "#session-detail")

        await pilot.press("b", "down", "down")
        await pilot.pause()
        assert table.cursor_row == 2
        assert f"{newest_first[2].started:%a %d %b %Y, %H:%M}" in shown()
        await pilot.press("pagedown")
        await pilot.pause()
        assert table.cursor_row == 2 + table.visible_rows
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == PAGE - 1
        assert table.row_count == 2 * PAGE  # the end of the list brought the next page
        await pilot.press("home", "up")
        await pilot.pause()
        assert table.cursor_row == 0
        assert f"{newest_first[0].started:%a %d %b %Y, %H:%M}" in shown()
        await pilot.click(table, offset=(3, 4))  # the header, then rows 0, 1, 2: row 3
        await pilot.pause()
        assert table.cursor_row == 3
        assert f"{newest_first[3].started:%a %d %b %Y, %H:%M}" in shown()
        header = table.render_line(0).text
        assert header.split() == ["Started", "Routine", "Status", "Held", "Pain", "Notes"]
        assert table.render_line(4).text.startswith(f" {newest_first[3].started:%d %b %Y %H:%M}")


def test_session_texts_give_back_each_row_and_detail() -> None:
    texts = SessionTexts()
    rows = [(f"0{n} Jan", "a\x1fb", "completed", "1:00", "", "") for n in range(70)]
    for number, row in enumerate(rows):
        texts.add(row, f"Session {number}\nline two\x00")
    texts.done()
    assert len(texts) == 70
    assert texts.row(69) == ("069 Jan", "a b", "completed", "1:00", "", "")
    assert texts.detail(40) == "Session 40\nline two"
    assert texts.detail(0) == "Session 0\nline two"
    assert [row[0] for row in texts.rows(30, 35)] == [f"0{n} Jan" for n in range(30, 35)]
    with pytest.raises(IndexError):
        texts.detail(70)


async def test_the_footer_is_not_redrawn_while_its_keys_stay_the_same(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_session(isolated_home)
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        footer = screen.query_one(KeyFooter)
        keys = footer.keys
        assert "b" in [key.key for key in keys]
        redrawn: list[object] = []
        monkeypatch.setattr(footer, "refresh", lambda *args, **kwargs: redrawn.append(args))
        await pilot.press("b")  # the focus moves to the list; the footer's keys stay
        await pilot.pause()
        assert isinstance(screen.focused, SessionList)
        assert footer.keys is keys
        assert redrawn == []


async def test_with_nothing_to_browse_the_footer_drops_the_browse_key(
    isolated_home: Path,
) -> None:
    app = progress_app(isolated_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        await pilot.pause()
        shown = [key.key for key in screen.query_one(KeyFooter).keys]
        assert "b" not in shown
        assert "escape" in shown


async def test_the_session_list_shows_its_text_as_written_not_as_markup(
    isolated_home: Path,
) -> None:
    entry = one_session(isolated_home)
    paths = resolve_paths(isolated_home)
    odd = evolve(
        entry, id="odd-name", routine="my [b]routine[/b]", started=entry.started - timedelta(days=1)
    )
    append_session(paths, odd)
    app = progress_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await settled(pilot)
        table = screen.query_one("#sessions", SessionList)
        assert table.row_count == 2
        drawn = [table.render_line(y).text for y in range(table.size.height)]
        assert any("my [b]routine[/b]" in line for line in drawn), drawn
