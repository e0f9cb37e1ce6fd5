"""AppState's catalog: read once from any thread, and the library's index kept while the
screening result and preferences stay the same."""

from __future__ import annotations

import threading

from stretch_tui.state import AppState
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.user_catalog import load_user_catalog
from tests.catalogkit import write_exercise_copies


def test_the_catalog_is_read_once_however_many_threads_ask(paths: AppPaths) -> None:
    state = AppState(paths)
    found = []
    threads = [threading.Thread(target=lambda: found.append(state.catalog)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert state.catalog_loaded
    assert all(catalog is state.catalog for catalog in found)


def test_the_library_index_is_kept_until_the_preferences_change(paths: AppPaths) -> None:
    state = AppState(paths)
    state.read_ahead()
    index = state.library_index()

    assert state.library_index() is index
    assert len(index) == len(state.catalog.exercises)

    state.update_preferences(left_out=("cat-cow",))
    changed = state.library_index()

    assert changed is not index
    labels = {entry.exercise.id: entry.for_you.reason for entry in changed.entries}
    assert labels["cat-cow"] == "left out"


def test_the_library_listing_comes_from_the_cache_before_the_catalog_and_not_after(
    paths: AppPaths,
) -> None:
    write_exercise_copies(paths, 5, "mine")
    broken = paths.exercises_dir / "broken.toml"
    broken.write_text('schema_version = 1\nid = "broken"\nkind = "dance"\n', encoding="utf-8")
    load_user_catalog(paths)  # writes the cache, as an earlier run did
    state = AppState(paths)

    listing = state.library_listing()

    assert listing is not None and len(listing) == 22 + 5
    assert not state.catalog_loaded
    assert state.take_notices() == []  # the broken file is the whole catalog's to report
    _ = state.catalog
    assert any("broken.toml:3" in notice for notice in state.take_notices())
    assert state.library_listing() is None  # the whole catalog's index is at hand now


def test_a_read_ahead_leaves_the_catalog_to_the_listing_expected(paths: AppPaths) -> None:
    """The library opened straight in lists the exercises, then reads the catalog itself: a
    read ahead that took the catalog first would keep the rows waiting for all of it."""
    write_exercise_copies(paths, 3, "mine")
    load_user_catalog(paths)
    state = AppState(paths)
    state.expect_listing()

    state.read_ahead()
    assert not state.catalog_loaded
    assert state.library_listing() is not None

    state.read_ahead()  # once the listing has the catalog's lock, a read ahead reads as ever
    assert state.catalog_loaded
