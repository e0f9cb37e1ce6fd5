"""What keeps the launch quick and the memory flat (docs/product.md 10): Home fills in its
history after the first frame (in a worker when the cache is missing), screens left are
closed and freed, thread workers let go of their screen, and the collector is back on
after the launch."""

from __future__ import annotations

import asyncio
import gc
import shutil
import threading
import weakref
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.worker import active_worker

from stretch_tui.screens.home import HomeScreen
from stretch_tui.screens.progress import ProgressScreen
from stretch_tui.storage import history
from stretch_tui.storage.history import HomeSummary, append_session, home_summary
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.widgets.home_status import HomeStatus
from tests.appkit import make_app
from tests.unit.storage.builders import make_entry
from tests.waiting import wait_until


def history_text(app: App[Any]) -> str:
    return app.screen.query_one(HomeStatus).part("history")


async def test_home_reads_a_history_without_cache_in_a_worker_and_the_streak_fills_in(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = resolve_paths(isolated_home)
    today = date.today()
    zone = timezone(timedelta(hours=1))
    for number in range(100):  # four months or more, each day: more than Home parses at once
        day = today - timedelta(days=number)
        started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=zone)
        append_session(paths, make_entry(number, started=started))
    shutil.rmtree(paths.cache_dir)
    reads: list[tuple[int | None, bool]] = []  # (parse limit, on the UI thread)

    def recorded(*args: Any, **kwargs: Any) -> HomeSummary:
        on_ui = threading.current_thread() is threading.main_thread()
        reads.append((kwargs.get("parse_limit"), on_ui))
        return home_summary(*args, **kwargs)

    monkeypatch.setattr(history, "home_summary", recorded)
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "Streak: 100 days" in history_text(app), "the streak")
    # On the UI thread Home stopped at two month files; the rest was read in a worker.
    assert reads == [(2, True), (None, False)]
    assert (paths.cache_dir / "history" / "index.json").exists()


async def test_home_fills_in_only_after_its_first_frame_is_drawn(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual draws nothing during its start-up (docs/upstream.md 12): the history and the
    recommended session wait until Home is drawn, or they would delay the first frame."""
    drawn: list[str] = []  # each frame drawn, and each fill-in, in order
    display = App._display

    def noting_frames(app: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None and not app._batch_count:
            drawn.append(f"frame of {type(screen).__name__}")
        display(app, screen, renderable)

    fill_in = HomeScreen._fill_in

    def noting_fill_in(screen: HomeScreen) -> None:
        drawn.append("fill-in")
        fill_in(screen)

    monkeypatch.setattr(HomeScreen, "_fill_in", noting_fill_in)
    app = make_app(isolated_home)
    monkeypatch.setattr(app, "_display", lambda *args: noting_frames(app, *args))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "fill-in" in drawn, "Home fills in")
        await wait_until(pilot, lambda: history_text(app) != "", "the history")
    assert drawn[0] == "frame of HomeScreen"
    assert drawn.count("fill-in") == 1


async def test_a_screen_opened_from_the_library_replaces_it(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home shows")
        await pilot.press("l")
        await wait_until(pilot, lambda: app.screen.id == "library", "the library")
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgressScreen), "Progress")
        assert [screen.id for screen in app.screen_stack[1:]] == ["home", "progress"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "back on Home")


async def test_a_closed_progress_screen_is_freed(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home shows")
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: isinstance(app.screen, ProgressScreen), "Progress")
        progress = weakref.ref(app.screen)
        await wait_until(pilot, lambda: not list(app.workers), "the history read")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: app.screen.id == "settings", "Settings")
        gc.collect()
        assert progress() is None


async def test_textual_still_leaves_a_thread_worker_in_the_pool_threads_context() -> None:
    """Why `screens/workers.forget_worker` exists (Textual 8.2.8): once this fails, Textual
    clears the value itself and the work-around can go."""

    class Bare(App[None]):
        pass

    app = Bare()
    async with app.run_test() as pilot:
        worker = app.run_worker(lambda: None, thread=True)
        await wait_until(pilot, lambda: worker.is_finished, "the worker done")
        loop = asyncio.get_running_loop()
        left = await loop.run_in_executor(None, lambda: active_worker.get(None))
        assert left is worker


async def test_collection_is_back_on_after_the_first_frame(isolated_home: Path) -> None:
    gc.disable()  # as run_app does for the launch
    try:
        app = make_app(isolated_home)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_until(pilot, gc.isenabled, "the collector on")
    finally:
        gc.enable()
