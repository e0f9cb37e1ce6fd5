"""AppState's catalog: read once from any thread, and the library's index kept while the
screening result and preferences stay the same."""

from __future__ import annotations

import threading

from stretch_tui.state import AppState
from stretch_tui.storage.paths import AppPaths


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
