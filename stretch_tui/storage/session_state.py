"""`state/session-in-progress.toml`: what a running session has done so far (docs/product.md 6 and
8).

The session screen saves it after every step, every few seconds inside a step, and when the
app is closed from outside (a hang-up, a terminate), and clears it once the session is in
history. Besides the history entry so far it holds what is needed to carry on: the routine
as it was planned, a fingerprint of the plan, and the session clock's state
(`SessionClock.to_state`). A file still there at start-up means the connection dropped or the
app was killed mid-session: the app offers to resume it (`ResumeData`), and when the person
declines, when it is older than `RESUME_HOURS`, or when it cannot be resumed (a file of the
first format, a plan that changed), `recover_interrupted` turns it into one `interrupted`
history entry and removes it. That adds the entry first and deletes the file second; saving is
idempotent by session id, so a crash between the two steps never gives two entries.

While a session runs, its app holds `RunningSession`, an exclusive lock the operating system
drops when the process ends however it ends. Another instance starting meanwhile sees the
lock, so it neither takes the running session's file for a leftover nor starts a second
session over the same file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from datetime import datetime, timedelta
from typing import Any, Final

from attrs import evolve, fields, frozen

from stretch_tui.domain.history import HistoryEntry
from stretch_tui.domain.routine import Routine, RoutineItem, routine_to_document
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
"""Version 1 is the first format. The `[resume]` table came later as an optional addition:
a file without it (saved by an earlier release) is recorded as interrupted, not resumed, and
an earlier release reading a file with it ignores it."""

RESUME_HOURS: Final = 12
"""A session cut off longer ago than this is not offered for resuming: it goes to history."""

_MAX_STEPS: Final = 100_000

ITEM_FIELDS: Final = frozenset(f.name for f in fields(RoutineItem)) - {"exercise_id"}
"""The dose fields a saved routine item may carry."""

RUNNING_LOCK_NAME: Final = ".session-running.lock"
"""The lock file, next to the in-progress file, that a running session holds."""


@frozen
class ResumeData:
    """What carrying on a session needs besides its history entry."""

    routine: Routine
    """The routine as it was planned (lead-in and rest as they were then)."""
    plan_fingerprint: str
    """`plan_fingerprint` of the plan that ran: planning the routine again must give it."""
    clock: dict[str, Any]
    """`SessionClock.to_state()` at the last save."""
    assessed: bool = False
    """Whether the session was started as assessed (urgent screening result confirmed)."""


@frozen
class SessionInProgress:
    """A session as far as it got: the history entry so far and the step it is on."""

    entry: HistoryEntry
    """`ended` is the time of the last save; `status` is what it would be if it ended now."""
    step: int = 0
    """Index of the current step in the session's step list."""
    resume: ResumeData | None = None
    """What resuming needs; None for a file that cannot be resumed (saved without it)."""

    def resumable(self, now: datetime) -> bool:
        """True when this can be offered for resuming at `now`: it has what resuming needs
        and was saved less than `RESUME_HOURS` ago."""
        # A save dated after `now` (a clock set back) counts as recent.
        return self.resume is not None and now - self.entry.ended < timedelta(hours=RESUME_HOURS)


def save_in_progress(
    paths: AppPaths, entry: HistoryEntry, step: int = 0, resume: ResumeData | None = None
) -> None:
    """Save the running session (after every step, and every few seconds within one). Raises
    `StorageError` when it cannot; the previous save is then as it was."""
    data: dict[str, Any] = {"step": step, "session": entry_to_table(entry)}
    if resume is not None:
        data["resume"] = {
            "plan": resume.plan_fingerprint,
            "assessed": resume.assessed,
            "routine": routine_to_document(resume.routine),
            "clock": resume.clock,
        }
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
    resume = _resume_from_table(read.data.get("resume"))
    return Loaded(SessionInProgress(entry, step, resume), notices, read.read_only)


def _resume_from_table(table: object) -> ResumeData | None:
    """The `[resume]` table read back; None when it is missing or not what was written (the
    session is then recorded as interrupted, as a file of the first format is)."""
    if not isinstance(table, dict):
        return None
    routine = _routine_from_document(table.get("routine"))
    fingerprint = table.get("plan")
    clock = table.get("clock")
    assessed = table.get("assessed", False)
    if (
        routine is None
        or not isinstance(fingerprint, str)
        or not isinstance(clock, dict)
        or not isinstance(assessed, bool)
    ):
        return None
    return ResumeData(routine, fingerprint, clock, assessed)


def _routine_from_document(document: object) -> Routine | None:
    """A routine as `routine_to_document` wrote it; None for anything else. The plan made
    from it is checked against the saved fingerprint, so this only has to get the shape
    right."""
    if not isinstance(document, dict):
        return None
    routine_id, name = document.get("id"), document.get("name")
    items = document.get("items")
    if not isinstance(routine_id, str) or not isinstance(name, str) or not isinstance(items, list):
        return None
    built = []
    for table in items:
        if not isinstance(table, dict) or not isinstance(table.get("exercise"), str):
            return None
        overrides = {key: value for key, value in table.items() if key != "exercise"}
        if set(overrides) - set(ITEM_FIELDS):
            return None
        try:
            built.append(RoutineItem(table["exercise"], **overrides))
        except TypeError:
            return None
    lead_in, rest = document.get("lead_in_seconds"), document.get("rest_seconds")
    if not all(value is None or type(value) is int for value in (lead_in, rest)):
        return None
    return Routine(
        id=routine_id,
        name=name,
        items=tuple(built),
        lead_in_seconds=lead_in,
        rest_seconds=rest,
        description=str(document.get("description", "")),
    )


def take_leftover(paths: AppPaths) -> Loaded[SessionInProgress | None]:
    """The session a cut-off run left behind, to resume or to record; None when there is none
    to use. A file that holds no usable session, or that a newer stretch-tui wrote (this one
    must neither resume it nor write over it), is moved aside, kept, with a notice. Call it
    only when no other instance runs a session (`session_running`)."""
    loaded = load_in_progress(paths)
    notices = list(loaded.notices)
    newer = any(notice.kind == "newer" for notice in notices)
    if loaded.read_only and not newer:
        return Loaded(None, notices, True)  # unreadable: the notice says so, the file stays
    if loaded.value is None or newer:
        _move_aside_if_present(paths, notices)
        return Loaded(None, notices, False)
    return Loaded(loaded.value, notices, False)


def record_interrupted(
    paths: AppPaths, saved: SessionInProgress, notices: list[Notice] | None = None
) -> HistoryEntry:
    """Put `saved` in history as one `interrupted` entry and remove the in-progress file.
    Raises `StorageError` when the entry cannot be saved; the file then stays."""
    entry = evolve(saved.entry, status="interrupted")
    append_session(paths, entry)
    clear_in_progress(paths)
    if notices is not None:
        notices.append(
            Notice(
                paths.session_in_progress,
                "recovered",
                f"The session of {entry.started:%Y-%m-%d %H:%M} was cut off; what was done is "
                "saved in history as interrupted.",
                "information",
            )
        )
    return entry


def recover_interrupted(
    paths: AppPaths, notices: list[Notice] | None = None
) -> HistoryEntry | None:
    """Turn a leftover in-progress file into one `interrupted` history entry, and remove it.

    Returns the entry (for the app to tell the user), or None when there was nothing to
    recover. Anything the user should know (a corrupt leftover moved aside, a file from a
    newer app moved aside) is added to `notices` when given. Raises `StorageError` when the
    entry cannot be saved; the file then stays, to be recovered at the next start.
    """
    told = notices if notices is not None else []
    if session_running(paths):
        return None  # another instance is in the middle of that session
    loaded = take_leftover(paths)
    told.extend(loaded.notices)
    if loaded.value is None:
        return None
    return record_interrupted(paths, loaded.value, told)


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
