"""The in-progress session: saved after every step, recovered once after a crash."""

from __future__ import annotations

import pytest
from attrs import evolve

from stretch_tui.storage import session_state
from stretch_tui.storage.history import read_history
from stretch_tui.storage.notices import Notice
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.session_state import (
    clear_in_progress,
    load_in_progress,
    recover_interrupted,
    save_in_progress,
)
from tests.unit.storage.builders import make_entry


def test_the_last_saved_step_is_what_loads(paths: AppPaths) -> None:
    entry = make_entry(status="stopped")
    for step in range(4):
        save_in_progress(paths, evolve(entry, exercises=entry.exercises[: step % 3]), step)
    loaded = load_in_progress(paths).value
    assert loaded is not None
    assert loaded.step == 3 and loaded.entry == evolve(entry, exercises=())
    assert paths.session_in_progress == paths.state_dir / "session-in-progress.toml"


def test_a_leftover_becomes_one_interrupted_entry_once(paths: AppPaths) -> None:
    save_in_progress(paths, make_entry(7), step=5)
    notices: list[Notice] = []

    recovered = recover_interrupted(paths, notices)

    assert recovered == evolve(make_entry(7), status="interrupted")
    assert [n.kind for n in notices] == ["recovered"]
    assert not paths.session_in_progress.exists()
    assert recover_interrupted(paths) is None  # the next start: nothing again
    history = read_history(paths).entries
    assert [(e.id, e.status) for e in history] == [("session-7", "interrupted")]


def test_a_crash_between_saving_and_removing_still_gives_one_entry(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_in_progress(paths, make_entry(3))

    def crash(_: AppPaths) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(session_state, "clear_in_progress", crash)
    with pytest.raises(SystemExit):
        recover_interrupted(paths)
    monkeypatch.undo()
    assert paths.session_in_progress.exists()
    assert [e.id for e in read_history(paths).entries] == ["session-3"]  # saved first

    assert recover_interrupted(paths) is not None
    assert recover_interrupted(paths) is None
    assert [e.id for e in read_history(paths).entries] == ["session-3"]


def test_a_corrupt_leftover_is_moved_aside_and_reported(paths: AppPaths) -> None:
    paths.state_dir.mkdir(parents=True)
    paths.session_in_progress.write_text("[session\nid = ")
    notices: list[Notice] = []
    assert recover_interrupted(paths, notices) is None
    assert [n.kind for n in notices] == ["corrupt"]
    assert len(list(paths.state_dir.glob("session-in-progress.toml.corrupt-*"))) == 1
    assert read_history(paths).entries == []


def test_a_leftover_without_a_usable_session_is_kept_aside_not_retried(paths: AppPaths) -> None:
    paths.state_dir.mkdir(parents=True)
    paths.session_in_progress.write_text('schema_version = 1\n[session]\nid = "x"\n')
    notices: list[Notice] = []
    assert recover_interrupted(paths, notices) is None
    assert [n.kind for n in notices] == ["invalid", "corrupt"]
    assert not paths.session_in_progress.exists()
    assert recover_interrupted(paths) is None


def test_clearing_removes_the_file(paths: AppPaths) -> None:
    save_in_progress(paths, make_entry())
    clear_in_progress(paths)
    assert not paths.session_in_progress.exists()
    assert load_in_progress(paths).value is None
    clear_in_progress(paths)  # nothing there: fine
