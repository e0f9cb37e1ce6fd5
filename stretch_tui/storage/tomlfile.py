"""The one safe way to keep a TOML file (docs/product.md 8); every file of the app goes through
here.

- Reading: a file that does not parse is moved aside to `NAME.corrupt-YYYYMMDDTHHMMSS` and
  reported, never dropped; an older `schema_version` is migrated step by step after a backup
  copy `NAME.vN.bak`; a newer one is opened read-only and reported.
- Writing: `schema_version` first; a temporary file in the same folder, flushed and fsynced,
  then `os.replace`, then an fsync of the folder; files 0600 in folders 0700.
- Two instances: every change happens under an `fcntl.flock` on a separate lock file
  `.NAME.lock` beside the file. Locks are per open file, so they also order threads of one
  process; they are not re-entrant, which is why the `*_locked` variants exist.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
import tomllib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from stretch_tui.storage.notices import Notice, ReadOnlyError, StorageError, error_for
from stretch_tui.storage.toml_writer import dumps_toml

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""One step: the document of version N (without `schema_version`) to that of version N+1."""

FILE_MODE = 0o600
"""Files hold health data: only the user reads them."""

FOLDER_MODE = 0o700
"""Folders likewise."""

LOCK_TIMEOUT_SECONDS = 10.0
"""How long a save waits for another instance before giving up with a message."""

STALE_TEMP_SECONDS = 600.0
"""A temporary file this old was left by a killed process and is removed."""


def unchanged(document: dict[str, Any]) -> dict[str, Any]:
    """The migration for a version step that changed nothing but the number."""
    return document


@dataclass(frozen=True, slots=True)
class FileKind:
    """A kind of file: its name in messages, its current schema version, the steps up to it.

    `migrations[n]` turns a version-n document into a version-(n+1) one; every step from 0 up
    to the current version must be there. Version 0 is a file without `schema_version`
    (written by hand, or before the file had one).
    """

    what: str
    """What the file is, for messages: "preferences", "history month"."""
    version: int
    migrations: Mapping[int, Migration] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = [step for step in range(self.version) if step not in self.migrations]
        if missing:
            raise ValueError(f"{self.what}: no migration from version {missing[0]}")

    def migrate(self, document: dict[str, Any], version: int) -> dict[str, Any]:
        """The document brought from `version` to the current version, one step at a time."""
        for step in range(version, self.version):
            document = self.migrations[step](document)
        return document


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies one version of a file cheaply: its size and modification time."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> FileStamp:
        """The stamp of a `stat` result."""
        return cls(size=status.st_size, mtime_ns=status.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class TomlRead:
    """What reading a file gave: the document and anything the user should be told."""

    path: Path
    data: dict[str, Any]
    """The document without `schema_version`; empty when the file is missing or was moved
    aside."""
    version: int
    """The schema version `data` is in: the current one unless the file is from a newer app."""
    exists: bool
    """False when there was no file (or it was just moved aside as corrupt)."""
    read_only: bool = False
    """True when the file must not be overwritten: from a newer app, or unreadable."""
    notices: list[Notice] = field(default_factory=list)
    stamp: FileStamp | None = None
    """The stamp of the bytes that were read, None when there was no file."""


def read_toml(path: Path, kind: FileKind) -> TomlRead:
    """Read a file of this kind, moving it aside if corrupt and migrating it if old.

    Never raises for a bad or missing file: the problems are in `notices`. Repairs (moving
    aside, migrating) take the lock; if the folder cannot be written, the file is left alone,
    the result is `read_only` and the notice says so.
    """
    loaded = _load(path, kind)
    if isinstance(loaded, TomlRead):
        return loaded
    content, stamp = loaded
    document = _parse(content)
    if isinstance(document, dict) and _version(document) in range(kind.version, 1 << 31):
        return _interpret(path, kind, document, stamp, repair=False)
    try:
        with file_lock(path):
            return read_toml_locked(path, kind)
    except StorageError:
        # The folder cannot be written (or the lock not taken): use the file as it is, leave it
        # alone, and say so.
        return _interpret(path, kind, document, stamp, repair=False)


def read_toml_locked(path: Path, kind: FileKind) -> TomlRead:
    """`read_toml` for a caller that already holds `file_lock(path)`."""
    loaded = _load(path, kind)
    if isinstance(loaded, TomlRead):
        return loaded
    content, stamp = loaded
    return _interpret(path, kind, _parse(content), stamp, repair=True)


def write_toml(path: Path, kind: FileKind, data: Mapping[str, Any]) -> FileStamp:
    """Replace the file with `data` (at the current schema version), under the lock.

    Raises `StorageError` (`DiskFullError`, `ReadOnlyError`) with a one-line message when it
    cannot; the file on disk is then as it was.
    """
    with file_lock(path):
        return write_toml_locked(path, kind, data)


def write_toml_locked(path: Path, kind: FileKind, data: Mapping[str, Any]) -> FileStamp:
    """`write_toml` for a caller that already holds `file_lock(path)`."""
    document: dict[str, Any] = {"schema_version": kind.version}
    document.update((key, value) for key, value in data.items() if key != "schema_version")
    return write_atomically(path, dumps_toml(document).encode("utf-8"))


def update_toml(
    path: Path, kind: FileKind, change: Callable[[dict[str, Any]], Mapping[str, Any]]
) -> TomlRead:
    """Under the lock: read the file as it is now, apply `change`, write the result.

    Returns the read (with its notices) the change was applied to. Raises `ReadOnlyError` for
    a file that must not be overwritten, and `StorageError` when the write fails.
    """
    with file_lock(path):
        read = read_toml_locked(path, kind)
        if read.read_only:
            message = read.notices[0].message if read.notices else f"{path} is read-only"
            raise ReadOnlyError(path, f"{message} Not saved.")
        write_toml_locked(path, kind, change(dict(read.data)))
        return read


def save_keeping_unknown(
    path: Path, kind: FileKind, known: Mapping[str, Any], owned: Collection[str]
) -> None:
    """Write `known` under the lock, keeping any top-level key of the file not in `owned`.

    A key a newer version (or the user) added survives a save by this version.
    """

    def change(current: dict[str, Any]) -> dict[str, Any]:
        kept = {key: value for key, value in current.items() if key not in owned}
        return {**known, **kept}

    update_toml(path, kind, change)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold the exclusive lock that guards changes to `path` (creating its folder if needed).

    Raises `StorageError` if the lock file cannot be made (read-only folder) or another
    instance holds the lock longer than `LOCK_TIMEOUT_SECONDS`.
    """
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        ensure_folder(path.parent)
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    except OSError as error:
        raise error_for(path, error) from error
    try:
        _acquire(descriptor, path)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _acquire(descriptor: int, path: Path) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    pause = 0.001
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise StorageError(
                    path,
                    f"{path} stayed locked by another stretch-tui for "
                    f"{LOCK_TIMEOUT_SECONDS:g} s: not saved (the file on disk is unchanged).",
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.02)


def ensure_folder(folder: Path) -> None:
    """Create the folder if needed, and any missing parents, each with mode 0700.

    Folders that already exist are left as they are.
    """
    if folder.is_dir():
        return
    missing = [folder]
    while not missing[-1].parent.exists() and missing[-1].parent != missing[-1]:
        missing.append(missing[-1].parent)
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=FOLDER_MODE)


def write_atomically(path: Path, content: bytes) -> FileStamp:
    """Replace `path` with `content` so that a reader sees the old file or the new, never part.

    A temporary file in the same folder is written, flushed and fsynced, then renamed over
    `path`, then the folder is fsynced. Returns the new file's stamp. Raises `StorageError`
    with a one-line message on failure, leaving `path` as it was. Callers hold the file's lock.
    """
    temporary: str | None = None
    try:
        ensure_folder(path.parent)
        descriptor, temporary = _make_temporary(path)
        try:
            view = memoryview(content)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            os.fsync(descriptor)
            stamp = FileStamp.of(os.fstat(descriptor))
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        temporary = None
        _sync_folder(path.parent)
    except OSError as error:
        raise error_for(path, error) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _remove_stale_temporaries(path)
    return stamp


def _make_temporary(path: Path) -> tuple[int, str]:
    for attempt in range(100):
        name = path.with_name(f".{path.name}.{os.getpid()}-{time.monotonic_ns()}-{attempt}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
            return os.open(name, flags, FILE_MODE), str(name)
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free temporary file name", str(path))


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


_swept: set[Path] = set()


def _remove_stale_temporaries(path: Path) -> None:
    """Remove temporary files of `path` left by a process killed mid-write long ago (once per
    file and process: they are rare, and looking costs a folder listing)."""
    if path in _swept:
        return
    _swept.add(path)
    prefix, cutoff = f".{path.name}.", time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)


def remove_file(path: Path) -> None:
    """Delete the file (if there) under its lock, and make the deletion durable.

    Raises `StorageError` when it cannot.
    """
    with file_lock(path):
        try:
            path.unlink(missing_ok=True)
            _sync_folder(path.parent)
        except OSError as error:
            raise error_for(path, error) from error


def quarantine(path: Path, reason: str, *, now: datetime | None = None) -> Notice:
    """Move a file that cannot be used aside to `NAME.corrupt-YYYYMMDDTHHMMSS`; the notice
    says where it went. The caller holds the lock. Raises `StorageError` when it cannot."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    try:
        os.replace(path, target)
        _sync_folder(path.parent)
    except OSError as error:
        raise error_for(path, error) from error
    return Notice(
        path,
        "corrupt",
        f"{path} could not be read ({reason}); it was moved aside to {target.name} "
        "and the app started without it.",
        "error",
    )


def backup_copy(path: Path, version: int) -> Path:
    """Copy the file to `NAME.vN.bak` (or a timestamped name if that exists) before a
    migration. Raises `StorageError` when it cannot."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.name}.v{version}.bak-{stamp}")
    try:
        write_atomically(target, path.read_bytes())
        shutil.copystat(path, target)
        os.chmod(target, FILE_MODE)
    except OSError as error:
        raise error_for(target, error) from error
    return target


class _Unparsable:
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _load(path: Path, kind: FileKind) -> tuple[bytes, FileStamp] | TomlRead:
    try:
        with open(path, "rb") as handle:
            content = handle.read()
            return content, FileStamp.of(os.fstat(handle.fileno()))
    except FileNotFoundError:
        return TomlRead(path=path, data={}, version=kind.version, exists=False)
    except OSError as error:
        reason = error.strerror or str(error)
        notice = Notice(
            path,
            "unreadable",
            f"{path} cannot be read ({reason}); the app uses defaults for the {kind.what} "
            "and will not change the file.",
        )
        return TomlRead(
            path=path,
            data={},
            version=kind.version,
            exists=True,
            read_only=True,
            notices=[notice],
        )


def _parse(content: bytes) -> dict[str, Any] | _Unparsable:
    try:
        document = tomllib.loads(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        return _Unparsable(f"not UTF-8 text at byte {error.start}")
    except tomllib.TOMLDecodeError as error:
        return _Unparsable(f"not valid TOML: {error}")
    version = _version(document)
    if version is None:
        return _Unparsable("`schema_version` is not a whole number")
    return document


def _version(document: Mapping[str, Any]) -> int | None:
    version = document.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        return None
    return version


def _interpret(
    path: Path,
    kind: FileKind,
    document: dict[str, Any] | _Unparsable,
    stamp: FileStamp,
    *,
    repair: bool,
) -> TomlRead:
    if isinstance(document, _Unparsable):
        if repair:
            notice = quarantine(path, document.reason)
            return TomlRead(
                path=path, data={}, version=kind.version, exists=False, notices=[notice]
            )
        notice = Notice(
            path,
            "corrupt",
            f"{path} could not be read ({document.reason}); the app uses defaults for the "
            f"{kind.what} and leaves the file as it is.",
            "error",
        )
        return TomlRead(
            path=path,
            data={},
            version=kind.version,
            exists=True,
            read_only=True,
            notices=[notice],
            stamp=stamp,
        )
    version = _version(document) or 0
    data = {key: value for key, value in document.items() if key != "schema_version"}
    if version > kind.version:
        notice = Notice(
            path,
            "newer",
            f"{path} is from a newer stretch-tui (schema_version {version}; this one knows "
            f"up to {kind.version}): it is opened read-only and will not be changed.",
        )
        return TomlRead(
            path=path,
            data=data,
            version=version,
            exists=True,
            read_only=True,
            notices=[notice],
            stamp=stamp,
        )
    if version == kind.version:
        return TomlRead(path=path, data=data, version=version, exists=True, stamp=stamp)
    migrated = kind.migrate(data, version)
    if not repair:
        notice = Notice(
            path,
            "migrated",
            f"{path} is in an older format (schema_version {version}) and could not be "
            "updated; it is read as the current format and left unchanged.",
        )
        return TomlRead(
            path=path,
            data=migrated,
            version=kind.version,
            exists=True,
            read_only=True,
            notices=[notice],
            stamp=stamp,
        )
    backup = backup_copy(path, version)
    new_stamp = write_toml_locked(path, kind, migrated)
    notice = Notice(
        path,
        "migrated",
        f"{path} was updated from schema_version {version} to {kind.version}; "
        f"the old file is kept as {backup.name}.",
        "information",
    )
    return TomlRead(
        path=path,
        data=migrated,
        version=kind.version,
        exists=True,
        notices=[notice],
        stamp=new_stamp,
    )
