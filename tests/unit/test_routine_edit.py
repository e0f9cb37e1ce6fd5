"""Appending an exercise to the user's routine files (stretch_tui.storage.routine_edit)."""

from __future__ import annotations

import errno
import stat
import tomllib
from pathlib import Path

import pytest

from stretch_tui.storage.notices import StorageError
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.routine_edit import (
    append_to_routine,
    list_user_routines,
    new_routine_id,
    routine_path,
)
from tests.oskit import deny_writes_under


def test_appending_to_a_new_routine_creates_a_valid_file(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    notices = append_to_routine(paths, "morning", "Morning loosen-up", "cat-cow")
    path = routine_path(paths, "morning")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("schema_version = 1\n")
    assert tomllib.loads(text) == {
        "schema_version": 1,
        "id": "morning",
        "name": "Morning loosen-up",
        "items": [{"exercise": "cat-cow"}],
    }
    assert "[[items]]" in text
    assert notices == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_appending_keeps_what_the_routine_already_has(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    path = routine_path(paths, "evening")
    path.parent.mkdir(parents=True)
    path.write_text(
        'schema_version = 1\nid = "evening"\nname = "Wind down"\nrest_seconds = 15\n'
        '[[items]]\nexercise = "cat-cow"\ncycles = 6\n',
        encoding="utf-8",
    )
    append_to_routine(paths, "evening", "ignored new name", "childs-pose")
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    assert document["name"] == "Wind down"
    assert document["rest_seconds"] == 15
    assert document["items"] == [
        {"exercise": "cat-cow", "cycles": 6},
        {"exercise": "childs-pose"},
    ]


def test_a_corrupt_routine_is_moved_aside_and_reported(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    path = routine_path(paths, "broken")
    path.parent.mkdir(parents=True)
    path.write_text("this is not = = toml", encoding="utf-8")
    notices = append_to_routine(paths, "broken", "Broken", "cobra")
    assert any("moved aside" in str(notice) for notice in notices)
    assert list(path.parent.glob("broken.toml.corrupt-*"))
    assert tomllib.loads(path.read_text(encoding="utf-8"))["items"] == [{"exercise": "cobra"}]


def test_a_bad_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="kebab-case"):
        append_to_routine(resolve_paths(tmp_path), "../escape", "x", "cat-cow")


def test_a_read_only_folder_raises_a_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = resolve_paths(tmp_path)
    paths.routines_dir.mkdir(parents=True)
    deny_writes_under(paths.routines_dir, monkeypatch, errno.EROFS)
    with pytest.raises(StorageError, match="read-only"):
        append_to_routine(paths, "morning", "Morning", "cat-cow")
    assert not routine_path(paths, "morning").exists()


def test_new_ids_come_from_the_name_and_never_clash(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    assert new_routine_id(paths, "Morning loosen-up!") == "morning-loosen-up"
    append_to_routine(paths, "morning-loosen-up", "Morning loosen-up", "cat-cow")
    assert new_routine_id(paths, "Morning  Loosen up") == "morning-loosen-up-2"
    assert new_routine_id(paths, "!!!") == "routine"


def test_listing_reads_names_and_skips_bad_files(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    assert list_user_routines(paths) == []
    append_to_routine(paths, "zed", "Another", "cat-cow")
    append_to_routine(paths, "zed", "Another", "cobra")
    append_to_routine(paths, "abc", "Zzz last", "cat-cow")
    (paths.routines_dir / "bad.toml").write_text("= nope", encoding="utf-8")
    routines = list_user_routines(paths)
    assert [(r.id, r.name, r.item_count) for r in routines] == [
        ("zed", "Another", 2),
        ("abc", "Zzz last", 1),
    ]
    assert (paths.routines_dir / "bad.toml").exists()  # listing never moves a file
