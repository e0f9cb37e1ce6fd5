"""A large user catalog: the library shows and filters hundreds of exercises, and the catalog
is read in a thread after the first frame, so the app keeps running while it loads."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from stretch_tui.app import StretchApp
from stretch_tui.domain.catalog import Catalog
from stretch_tui.state import LARGE_USER_CATALOG
from stretch_tui.storage import user_catalog
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.widgets.exercise_table import ExerciseTable
from stretch_tui.widgets.home_status import HomeStatus
from tests.appkit import capture_notes, make_app
from tests.catalogkit import write_exercise_copies
from tests.waiting import let_a_timer_fire, wait_until

MANY = 300
SHIPPED = 22


def write_user_exercises(home: Path, count: int) -> None:
    """`count` user exercises: copies of the shipped ones, each with its own id and a name
    ending in its number ("Cobra 7")."""
    write_exercise_copies(resolve_paths(home), count, "copy")


def table(app: StretchApp) -> ExerciseTable:
    return app.screen.query_one(ExerciseTable)


def names_on_screen(app: StretchApp) -> list[str]:
    """The exercise names in the table's drawn row lines, as the user reads them."""
    widget = table(app)
    names = []
    for y in range(1, widget.size.height):
        text = widget.render_line(y).text
        if text.strip():
            names.append(text[2:].split("  ")[0].strip())
    return names


def planning_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The threads Home's recommended session is planned in, one per plan, as it happens."""
    from stretch_tui.domain import recommend

    threads: list[threading.Thread] = []
    plan = recommend.recommend_routine

    def recommend_routine(*args: object) -> recommend.Recommendation:
        threads.append(threading.current_thread())
        return plan(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(recommend, "recommend_routine", recommend_routine)
    return threads


def hold_catalog_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[threading.Event, list[threading.Thread]]:
    """Make every read of the whole catalog wait until the event returned is set; the list
    returned gets each thread that asked, as it asks."""
    release = threading.Event()
    threads: list[threading.Thread] = []
    load = user_catalog.load_user_catalog

    def slow_load(paths: AppPaths) -> Catalog:
        threads.append(threading.current_thread())
        release.wait(timeout=30)
        return load(paths)

    monkeypatch.setattr(user_catalog, "load_user_catalog", slow_load)
    return release, threads


async def type_text(pilot: Pilot[int], text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)
    await pilot.pause()


async def test_hundreds_of_exercises_show_a_screenful_in_name_order_and_filter(
    isolated_home: Path,
) -> None:
    write_user_exercises(isolated_home, MANY)
    app = make_app(isolated_home, "library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = table(app)
        entries = list(widget.entries)
        assert len(entries) == SHIPPED + MANY
        names = [entry.exercise.name for entry in entries]
        assert names == sorted(names, key=str.casefold)
        shown = names_on_screen(app)
        assert len(shown) == widget.size.height - 1
        assert shown == names[: len(shown)]

        await type_text(pilot, "cobra")
        cobras = [entry.exercise.name for entry in widget.entries]
        expected = [name for name in names if "cobra" in name.casefold()]
        assert cobras == expected and len(cobras) == 1 + MANY // SHIPPED + 1
        assert names_on_screen(app) == expected[: widget.size.height - 1]

        await type_text(pilot, " 2")  # every word must match: "Cobra 2", "Cobra 24", ...
        assert all(re.fullmatch(r"Cobra \d*2\d*", name) for name in names_on_screen(app))

        await pilot.press("pagedown")
        await pilot.pause()
        for _ in "cobra 2":
            await pilot.press("backspace")
        await pilot.pause()
        assert len(widget.entries) == SHIPPED + MANY
        highlighted = widget.highlighted
        assert highlighted is not None
        assert re.fullmatch(r"Cobra \d*2\d*", highlighted.exercise.name)
        assert f"> {highlighted.exercise.name}" in "\n".join(
            widget.render_line(y).text for y in range(widget.size.height)
        )


async def test_the_app_keeps_running_while_the_catalog_loads_in_a_thread(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user_exercises(isolated_home, 3)
    broken = resolve_paths(isolated_home).exercises_dir / "broken.toml"
    broken.write_text('schema_version = 1\nid = "broken"\nkind = "dance"\n', encoding="utf-8")
    release, threads = hold_catalog_reads(monkeypatch)
    # The welcome of a first run needs no catalog (Home asks for it as it fills in).
    app = make_app(isolated_home, first_run=True)
    notes = capture_notes(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(threads), "the catalog read started")
        # The event loop goes on while the read waits: timers fire, keys are handled.
        await let_a_timer_fire(pilot, 0.01)
        assert not app.state.catalog_loaded
        assert threads[0] is not threading.main_thread()
        release.set()
        await wait_until(pilot, lambda: app.state.catalog_loaded, "the catalog was read")
        await wait_until(pilot, lambda: any("broken.toml:3" in note for note in notes), "notice")
        assert len(app.state.catalog.exercises) == SHIPPED + 3


async def test_home_works_out_its_recommendation_off_the_ui_thread_for_a_large_catalog(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user_exercises(isolated_home, LARGE_USER_CATALOG + 1)
    planned_in = planning_threads(monkeypatch)
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 30)) as pilot:
        status = app.screen.query_one(HomeStatus)
        await wait_until(
            pilot, lambda: "Press r to start" in status.part("recommended"), "the line"
        )
    assert planned_in and threading.main_thread() not in planned_in


async def test_the_library_opened_straight_in_shows_before_a_large_catalog_is_read(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user_exercises(isolated_home, LARGE_USER_CATALOG + 1)
    release, threads = hold_catalog_reads(monkeypatch)
    app = make_app(isolated_home, "library")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(ExerciseTable)), "the library")
        table = app.screen.query_one(ExerciseTable)
        count = app.screen.query_one("#library-count")
        assert not table.entries
        # The table says why it is empty (not "no exercise matches"), in full.
        assert "Reading your exercises..." in table.render_line(1).text
        assert "matches" not in str(app.screen.query_one("#library-why").render())
        # The search takes letters while the catalog is read; the rows come filtered by them.
        await pilot.press(*"cobra 7")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: "still being read" in " ".join(str(n.message) for n in app._notifications),
            "the still-reading message",
        )
        assert not app.state.catalog_loaded
        release.set()
        await wait_until(pilot, lambda: bool(table.entries), "the rows")
        names = [entry.exercise.name for entry in table.entries]
        assert names and all(re.fullmatch(r"Cobra \d*7\d*", name) for name in names)
        assert f"of {SHIPPED + LARGE_USER_CATALOG + 1}" in str(count.render())
    assert threads and threading.main_thread() not in threads


async def test_home_under_the_library_opened_straight_in_fills_in_only_when_it_shows(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home's recommended session plans over the whole catalog: done under the library, its
    thread competed with the library's own read of a large catalog for the interpreter."""
    write_user_exercises(isolated_home, LARGE_USER_CATALOG + 1)
    planned = planning_threads(monkeypatch)
    app = make_app(isolated_home, "library")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(ExerciseTable)), "the library")
        await wait_until(pilot, lambda: bool(table(app).entries), "the rows")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not planned
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen.id == "home", "Home")
        status = app.screen.query_one(HomeStatus)
        await wait_until(
            pilot, lambda: "Press r to start" in status.part("recommended"), "the line"
        )
        history = status.part("history")
        assert "Reading your history" not in history and history.strip()
    assert len(planned) == 1 and threading.main_thread() not in planned


async def test_the_library_lists_a_cached_catalog_before_the_rest_of_it_is_read(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every exercise in the cache, the rows come from their listed fields while the
    whole catalog, steps and drawings, is still read; what needs those waits for it."""
    write_user_exercises(isolated_home, LARGE_USER_CATALOG + 1)
    user_catalog.load_user_catalog(resolve_paths(isolated_home))  # writes the cache
    release, _ = hold_catalog_reads(monkeypatch)
    app = make_app(isolated_home, "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query(ExerciseTable)), "the library")
        widget = table(app)
        await wait_until(pilot, lambda: bool(widget.entries), "the listed rows")
        assert not app.state.catalog_loaded
        assert len(widget.entries) == SHIPPED + LARGE_USER_CATALOG + 1
        shown = names_on_screen(app)
        assert shown and shown == [entry.exercise.name for entry in widget.entries][: len(shown)]
        assert "ok" in widget.render_line(1).text  # the label, from the listed cautions
        steps = app.screen.query_one("#preview-steps")
        await wait_until(pilot, lambda: "in a moment" in str(steps.render()), "the preview")
        await pilot.press("down")
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: "still being read" in " ".join(str(n.message) for n in app._notifications),
            "the still-reading message",
        )
        assert app.screen.id == "library"

        release.set()
        await wait_until(pilot, lambda: app.state.catalog_loaded, "the catalog was read")
        highlighted = widget.highlighted
        assert highlighted is not None
        await wait_until(pilot, lambda: "1." in str(steps.render()), "the steps")
        assert highlighted.exercise.steps and highlighted.exercise.steps[0] in str(steps.render())
        assert highlighted is widget.highlighted  # the cursor stayed on its exercise
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.id != "library", "the detail")
