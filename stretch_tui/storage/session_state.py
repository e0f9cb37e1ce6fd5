"""`state/session-in-progress.toml`: what a running session has done so far (docs/product.md 6 and
8).

The session screen saves it after every step and clears it once the session is in history. A
file still there at start-up means the app was killed (or the connection dropped) mid-session:
`recover_interrupted` turns it into one `interrupted` history entry and removes it. It adds the
entry first and deletes the file second; saving is idempotent by session id, so a crash between
the two steps never gives two entries.

While a session runs, its app holds `RunningSession`, an exclusive lock the operating system
drops when the process ends however it ends. Another instance starting meanwhile sees the
lock, so it neither takes the running session's file for a leftover nor starts a second
session over the same file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from typing import Final

from attrs import evolve, frozen

from stretch_tui.domain.history import HistoryEntry
from stretch_tui.storage import checks
from stretch_tui.storage.history import append_session
from stretch_tui.storage.history_format import SessionProblems, entry_from_table, entry_to_table
from stretch_tui.storage.notices import Loaded, Notice, StorageError, error_for
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import (
    FILE_MODE,
    FileKind,
    ensure_folder,
    file_lock,
    quarantine,
    read_toml,
    remove_file,
    unchanged,
    write_toml,
)

SESSION_STATE_FILE: Final = FileKind("session in progress", 1, {0: unchanged})
"""Version 1 is the first format."""

_MAX_STEPS: Final = 100_000

RUNNING_LOCK_NAME: Final = ".session-running.lock"
"""The lock file, next to the in-progress file, that a running session holds."""


@frozen
class SessionInProgress:
    """A session as far as it got: the history entry so far and the step it is on."""

    entry: HistoryEntry
    """`ended` is the time of the last save; `status` is what it would be if it ended now."""
    step: int = 0
    """Index of the current step in the session's step list."""


def save_in_progress(paths: AppPaths, entry: HistoryEntry, step: int = 0) -> None:
    """Save the running session (call after every step). Raises `StorageError` when it
    cannot; the previous save is then as it was."""
    data = {"step": step, "session": entry_to_table(entry)}
    write_toml(paths.session_in_progress, SESSION_STATE_FILE, data)


def clear_in_progress(paths: AppPaths) -> None:
    """Remove the saved state, once the session is safely in history (or was discarded).
    Raises `StorageError` when it cannot."""
    remove_file(paths.session_in_progress)


def load_in_progress(paths: AppPaths) -> Loaded[SessionInProgress | None]:
    """The saved state, or None when there is none (or it could not be used: see notices)."""
    path = paths.session_in_progress
    read = read_toml(path, SESSION_STATE_FILE)
    if not read.exists or not read.data:
        return Loaded(None, list(read.notices), read.read_only)
    found = SessionProblems()
    table = read.data.get("session")
    entry = entry_from_table(table, "session", found) if isinstance(table, dict) else None
    notices = list(read.notices)
    if entry is None:
        reason = "; ".join(found.problems) or "there is no [session] table"
        notices.append(Notice(path, "invalid", f"{path}: {reason}.", "error"))
        return Loaded(None, notices, read.read_only)
    try:
        step = checks.whole_number(read.data.get("step", 0), 0, _MAX_STEPS)
    except checks.BadValue:
        step = 0
    return Loaded(SessionInProgress(entry, step), notices, read.read_only)


def recover_interrupted(
    paths: AppPaths, notices: list[Notice] | None = None
) -> HistoryEntry | None:
    """Turn a leftover in-progress file into one `interrupted` history entry, and remove it.

    Returns the entry (for the app to tell the user), or None when there was nothing to
    recover. Anything the user should know (a corrupt leftover moved aside, a file from a
    newer app left alone) is added to `notices` when given. Raises `StorageError` when the
    entry cannot be saved; the file then stays, to be recovered at the next start.
    """
    told = notices if notices is not None else []
    if session_running(paths):
        return None  # another instance is in the middle of that session
    loaded = load_in_progress(paths)
    told.extend(loaded.notices)
    path = paths.session_in_progress
    if loaded.read_only:
        return None
    if loaded.value is None:
        _move_aside_if_present(paths, told)
        return None
    entry = evolve(loaded.value.entry, status="interrupted")
    append_session(paths, entry)
    clear_in_progress(paths)
    told.append(
        Notice(
            path,
            "recovered",
            f"The session of {entry.started:%Y-%m-%d %H:%M} was cut off; what was done is "
            "saved in history as interrupted.",
            "information",
        )
    )
    return entry


def _move_aside_if_present(paths: AppPaths, told: list[Notice]) -> None:
    """A leftover that parses but holds no usable session is kept aside, not retried forever."""
    path = paths.session_in_progress
    if not path.exists():
        return
    # If it cannot be moved (read-only folder), the notice already given says what is wrong.
    with contextlib.suppress(StorageError), file_lock(path):
        if path.exists():
            told.append(quarantine(path, "it holds no usable session"))


class RunningSession:
    """The lock a running session holds (see the module docstring); `release()` it when the
    session is in history. Closing the descriptor, or the process ending, releases it too."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor: int | None = descriptor

    def release(self) -> None:
        """Let go of the lock (safe to call twice)."""
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


def claim_running_session(paths: AppPaths) -> RunningSession | None:
    """Take the running-session lock; None when another instance holds it. Raises
    `StorageError` when the lock file cannot be made (e.g. a read-only folder)."""
    descriptor = _open_running_lock(paths)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return RunningSession(descriptor)


def session_running(paths: AppPaths) -> bool:
    """True when a session holds the running-session lock (this process's or another's)."""
    lock_path = paths.state_dir / RUNNING_LOCK_NAME
    if not lock_path.exists():
        return False
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # also drops the lock taken just to look
    return False


def _open_running_lock(paths: AppPaths) -> int:
    lock_path = paths.state_dir / RUNNING_LOCK_NAME
    try:
        ensure_folder(paths.state_dir)
        return os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    except OSError as error:
        raise error_for(lock_path, error) from error
