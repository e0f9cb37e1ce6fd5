"""What a running session leaves on disk (`storage/session_recorder.SessionRecorder`)."""

from __future__ import annotations

from pathlib import Path

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.session_clock import SessionClock
from stretch_tui.domain.session_plan import plan_session
from stretch_tui.storage.history import read_history
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.storage.session_recorder import SessionRecorder
from stretch_tui.storage.session_state import load_in_progress, session_running
from tests.unit.session.helpers import FakeClock, routine_of


def started_recorder(
    home: Path, catalog: Catalog, clock: FakeClock
) -> tuple[AppPaths, SessionClock, SessionRecorder]:
    """A cat-cow session begun with pain 4, 10 s into its lead-in."""
    paths = resolve_paths(home)
    session = SessionClock(plan_session(routine_of("cat-cow"), catalog, Preferences()), clock)
    recorder = SessionRecorder(paths, session, assessed=True)
    recorder.begin(4, "flexion")
    session.start()
    return paths, session, recorder


def test_nothing_is_saved_before_the_session_begins(
    isolated_home: Path, catalog: Catalog, fake_clock: FakeClock
) -> None:
    paths = resolve_paths(isolated_home)
    session = SessionClock(plan_session(routine_of("cat-cow"), catalog, Preferences()), fake_clock)
    recorder = SessionRecorder(paths, session)
    assert recorder.save_progress() is None
    assert recorder.save_stopped() is None
    assert recorder.save_interrupted(warn=lambda _: None) is None
    assert not paths.session_in_progress.exists()
    assert read_history(paths).entries == []


def test_progress_goes_to_the_in_progress_file_with_the_entry_so_far(
    isolated_home: Path, catalog: Catalog, fake_clock: FakeClock
) -> None:
    paths, session, recorder = started_recorder(isolated_home, catalog, fake_clock)
    fake_clock.advance(3)
    assert recorder.save_progress() is None
    loaded = load_in_progress(paths).value
    assert loaded is not None
    assert loaded.entry.id == recorder.session_id
    assert (loaded.entry.pain_before, loaded.entry.profile) == (4, "flexion")
    assert loaded.entry.assessed is True and loaded.step == session.index


def test_a_failing_progress_save_is_reported_once(
    isolated_home: Path, catalog: Catalog, fake_clock: FakeClock
) -> None:
    paths, _session, recorder = started_recorder(isolated_home, catalog, fake_clock)
    # A file where the state folder should be: every save of the in-progress file fails.
    paths.session_in_progress.parent.parent.mkdir(parents=True, exist_ok=True)
    paths.session_in_progress.parent.write_text("not a folder", encoding="utf-8")
    first = recorder.save_progress()
    assert first is not None and first.endswith("The session goes on; it is saved at the end.")
    assert recorder.save_progress() is None


def test_stopping_stores_one_entry_once_and_clears_the_in_progress_file(
    isolated_home: Path, catalog: Catalog, fake_clock: FakeClock
) -> None:
    paths, session, recorder = started_recorder(isolated_home, catalog, fake_clock)
    recorder.claim()
    assert session_running(paths)
    fake_clock.advance(12)
    recorder.save_progress()
    entry = recorder.save_stopped()
    assert entry is not None and entry.status == "stopped"
    assert session.is_finished and not recorder.open
    assert recorder.save_stopped() is None  # already in history: nothing more
    assert [e.id for e in read_history(paths).entries] == [recorder.session_id]
    assert not paths.session_in_progress.exists()
    assert not session_running(paths)  # the lock went with the save


def test_an_interrupted_session_is_stored_as_interrupted(
    isolated_home: Path, catalog: Catalog, fake_clock: FakeClock
) -> None:
    paths, _session, recorder = started_recorder(isolated_home, catalog, fake_clock)
    fake_clock.advance(20)
    warned: list[str] = []
    entry = recorder.save_interrupted(warn=warned.append)
    assert entry is not None and entry.status == "interrupted" and warned == []
    [saved] = read_history(paths).entries
    assert saved.status == "interrupted" and saved.pain_before == 4
