"""The running-session lock: a second instance never takes a live session for a leftover."""

from __future__ import annotations

from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.session_state import (
    claim_running_session,
    recover_interrupted,
    save_in_progress,
    session_running,
)
from tests.unit.storage.builders import make_entry


def test_a_session_running_elsewhere_is_not_taken_for_a_leftover(paths: AppPaths) -> None:
    save_in_progress(paths, make_entry(8), step=2)
    running = claim_running_session(paths)
    assert running is not None
    assert session_running(paths)
    assert claim_running_session(paths) is None  # a second session may not start over it
    assert recover_interrupted(paths) is None
    assert paths.session_in_progress.exists()

    running.release()
    running.release()  # twice is harmless
    assert not session_running(paths)
    assert recover_interrupted(paths) is not None


def test_no_lock_file_means_no_session(paths: AppPaths) -> None:
    assert not session_running(paths)
