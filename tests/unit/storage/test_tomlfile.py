"""The safe file primitive: quarantine, migrations, newer files, atomic writes, bad disks."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest

from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import Profile
from stretch_tui.storage.history import append_session, read_history
from stretch_tui.storage.notices import DiskFullError, ReadOnlyError
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.preferences import load_preferences, save_preferences
from stretch_tui.storage.profile import save_profile
from stretch_tui.storage.tomlfile import FileKind, read_toml, unchanged, write_toml
from tests.oskit import deny_writes_under
from tests.unit.storage.builders import FIXTURES, make_entry

CORRUPT_NAME = re.compile(r"^preferences\.toml\.corrupt-\d{8}T\d{6}$")


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (caches and locks aside) with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "cache" not in path.parts and not path.name.endswith(".lock")
    }


# --- writing -------------------------------------------------------------------------------


def test_files_are_private_and_start_with_schema_version(paths: AppPaths) -> None:
    save_preferences(paths, Preferences())
    append_session(paths, make_entry())
    for path in (paths.preferences, paths.history_month("2024-05")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().startswith("schema_version = 1\n")
    for folder in (paths.config_dir, paths.history_dir, paths.cache_dir / "history"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_write_leaves_no_temporary_file(paths: AppPaths) -> None:
    save_preferences(paths, Preferences(cue_volume=10))
    save_preferences(paths, Preferences(cue_volume=20))
    assert [p.name for p in paths.config_dir.iterdir() if p.name.endswith(".tmp")] == []


# --- corrupt files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b'sound_mode = "bell\n', b"cue_volume = 40\n\xff\xfe\n", b"schema_version = 'one'\n"],
    ids=["not-toml", "not-utf8", "bad-version"],
)
def test_a_corrupt_file_is_moved_aside_and_defaults_are_used(
    paths: AppPaths, content: bytes
) -> None:
    save_profile(paths, Profile())
    append_session(paths, make_entry())
    paths.preferences.write_bytes(content)
    others = {k: v for k, v in files_under(paths.config_dir).items() if k != "preferences.toml"}

    loaded = load_preferences(paths)

    assert loaded.value == Preferences()
    aside = [p for p in paths.config_dir.iterdir() if CORRUPT_NAME.match(p.name)]
    assert len(aside) == 1
    assert aside[0].read_bytes() == content
    assert not paths.preferences.exists()
    [notice] = loaded.notices
    assert notice.kind == "corrupt"
    assert str(paths.preferences) in notice.message and aside[0].name in notice.message
    assert "\n" not in notice.message
    after = {k: v for k, v in files_under(paths.config_dir).items() if k in others}
    assert after == others


def test_a_second_quarantine_in_the_same_second_does_not_overwrite_the_first(
    paths: AppPaths,
) -> None:
    for content in (b"= 1", b"= 2"):
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.preferences.write_bytes(content)
        load_preferences(paths)
    aside = sorted(p.read_bytes() for p in paths.config_dir.glob("preferences.toml.corrupt-*"))
    assert aside == [b"= 1", b"= 2"]


def test_a_corrupt_file_in_a_read_only_folder_is_left_alone_and_reported(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.preferences.write_bytes(b"[[[")
    deny_writes_under(paths.config_dir, monkeypatch, errno.EROFS)

    loaded = load_preferences(paths)

    assert loaded.value == Preferences()
    assert loaded.read_only
    assert paths.preferences.read_bytes() == b"[[["
    assert "leaves the file as it is" in loaded.notices[0].message


# --- versions ------------------------------------------------------------------------------


def test_a_version_0_file_is_migrated_with_a_backup_beside_it(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    original = (FIXTURES / "preferences-v0.toml").read_bytes()
    paths.preferences.write_bytes(original)

    loaded = load_preferences(paths)

    assert loaded.value == Preferences(
        sound_mode="bell", cue_volume=40, lead_in_seconds=8, left_out=("pigeon-pose",)
    )
    backup = paths.config_dir / "preferences.toml.v0.bak"
    assert backup.read_bytes() == original
    migrated = paths.preferences.read_text()
    assert migrated.startswith("schema_version = 1\n")
    assert tomllib.loads(migrated)["cue_volume"] == 40
    assert [n.kind for n in loaded.notices] == ["migrated"]
    assert backup.name in loaded.notices[0].message
    assert load_preferences(paths).notices == []  # migrated once, not at every start


def test_a_version_0_history_month_is_migrated_and_still_read(paths: AppPaths) -> None:
    paths.history_dir.mkdir(parents=True)
    original = (FIXTURES / "history-v0.toml").read_bytes()
    paths.history_month("2023-11").write_bytes(original)

    history = read_history(paths)

    assert [entry.id for entry in history.entries] == ["old-1"]
    assert history.entries[0].exercises[0].symptom == "same"
    assert (paths.history_dir / "2023-11.toml.v0.bak").read_bytes() == original
    assert paths.history_month("2023-11").read_text().startswith("schema_version = 1\n")


def test_migrations_run_one_step_at_a_time_in_order(tmp_path: Path) -> None:
    def rename_volume(document: dict[str, Any]) -> dict[str, Any]:
        document["volume"] = document.pop("loudness")
        return document

    def scale_volume(document: dict[str, Any]) -> dict[str, Any]:
        document["volume"] = document["volume"] * 10
        return document

    kind = FileKind("test", 3, {0: unchanged, 1: rename_volume, 2: scale_volume})
    path = tmp_path / "file.toml"
    path.write_text("schema_version = 1\nloudness = 7\n")

    read = read_toml(path, kind)

    assert read.data == {"volume": 70}
    assert tomllib.loads(path.read_text()) == {"schema_version": 3, "volume": 70}
    assert (tmp_path / "file.toml.v1.bak").read_text() == "schema_version = 1\nloudness = 7\n"


def test_a_kind_without_every_migration_step_is_refused() -> None:
    with pytest.raises(ValueError, match="no migration from version 1"):
        FileKind("test", 2, {0: unchanged})


def test_a_file_from_a_newer_app_opens_read_only_and_is_never_changed(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    content = b'schema_version = 7\ncue_volume = 25\nhologram = "on"\n'
    paths.preferences.write_bytes(content)

    loaded = load_preferences(paths)

    assert loaded.read_only
    assert loaded.value.cue_volume == 25  # what it can understand is still used
    newer = [n for n in loaded.notices if n.kind == "newer"]
    assert newer and "newer stretch-tui" in newer[0].message and "read-only" in newer[0].message
    with pytest.raises(ReadOnlyError, match="newer stretch-tui"):
        save_preferences(paths, Preferences(cue_volume=99))
    assert paths.preferences.read_bytes() == content


# --- full disk and read-only folders -------------------------------------------------------


def test_disk_full_while_writing_keeps_the_old_file(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_preferences(paths, Preferences(cue_volume=40))
    before = paths.preferences.read_bytes()
    real_write = os.write

    def full(descriptor: int, data: Any) -> int:
        if descriptor <= 2:
            return real_write(descriptor, data)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DiskFullError) as caught:
        save_preferences(paths, Preferences(cue_volume=90))
    monkeypatch.undo()

    assert paths.preferences.read_bytes() == before
    assert str(caught.value).startswith("The disk is full:")
    assert str(paths.preferences) in str(caught.value)
    assert not list(paths.config_dir.glob("*.tmp"))


def test_disk_full_at_fsync_keeps_the_old_month_file(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    append_session(paths, make_entry(1))
    month = paths.history_month("2024-05")
    before = month.read_bytes()

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFullError):
        append_session(paths, make_entry(2))
    monkeypatch.undo()

    assert month.read_bytes() == before
    assert [entry.id for entry in read_history(paths).entries] == ["session-1"]
    append_session(paths, make_entry(2))  # space again: the save goes through
    assert [entry.id for entry in read_history(paths).entries] == ["session-2", "session-1"]


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES], ids=["read-only", "no-permission"])
def test_a_read_only_folder_keeps_the_old_file_and_says_so(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    save_profile(paths, Profile())
    before = paths.profile.read_bytes()
    deny_writes_under(paths.config_dir, monkeypatch, code)

    with pytest.raises(ReadOnlyError) as caught:
        save_profile(paths, Profile(assessed_confirmed_at=make_entry().started))

    message = str(caught.value)
    assert message.startswith(f"Cannot write in {paths.config_dir} (read-only")
    assert "profile.toml was not saved" in message and "\n" not in message
    assert paths.profile.read_bytes() == before


def test_a_read_only_history_folder_refuses_the_save_clearly(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    append_session(paths, make_entry(1))
    before = paths.history_month("2024-05").read_bytes()
    deny_writes_under(paths.history_dir, monkeypatch, errno.EROFS)

    with pytest.raises(ReadOnlyError, match="read-only"):
        append_session(paths, make_entry(2))

    assert paths.history_month("2024-05").read_bytes() == before


def test_reading_works_in_a_read_only_folder(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_preferences(paths, Preferences(theme="nord"))
    deny_writes_under(paths.config_dir, monkeypatch, errno.EROFS)
    loaded = load_preferences(paths)
    assert loaded.value.theme == "nord"
    assert loaded.notices == []


def test_an_unreadable_file_is_not_overwritten(paths: AppPaths, tmp_path: Path) -> None:
    kind = FileKind("test", 1, {0: unchanged})
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "file.toml").mkdir()  # a folder where the file should be: reading fails
    read = read_toml(folder / "file.toml", kind)
    assert read.read_only
    assert read.notices[0].kind == "unreadable"
    shutil.rmtree(folder / "file.toml")
    write_toml(folder / "file.toml", kind, {"a": 1})
    assert tomllib.loads((folder / "file.toml").read_text()) == {"schema_version": 1, "a": 1}
