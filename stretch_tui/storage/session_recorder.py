"""What a running session leaves on disk, and when (docs/architecture.md 2).

`SessionRecorder` keeps one session's history entry as it grows: the in-progress file after
every step and every `SAVE_EVERY_SECONDS` within one (so a killed app loses at most that much
of a hold), with what resuming needs; the in-progress file again when the app is closed from
outside (a hang-up: the session is resumed at the next start); the entry in history once the
session ends or is quit; and the running-session lock while it runs. It never shows
anything: it returns the problems, and the session screen says them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime

from stretch_tui.domain.history import NO_PROFILE, HistoryEntry, Status, new_session_id
from stretch_tui.domain.history import now_with_offset as wall_clock
from stretch_tui.domain.routine import Routine
from stretch_tui.domain.session_clock import SessionClock
from stretch_tui.storage.history import append_session
from stretch_tui.storage.notices import StorageError
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.session_state import (
    ResumeData,
    RunningSession,
    SessionInProgress,
    claim_running_session,
    clear_in_progress,
    save_in_progress,
)

__all__ = ["SAVE_EVERY_SECONDS", "SessionRecorder", "wall_clock"]
"""`wall_clock` is named so tests and the screenshot script can set the session's dates."""

SAVE_EVERY_SECONDS = 2.0
"""Inside a long step the in-progress file is saved this often: a crash or kill -9 loses at
most this much of a hold (a hang-up loses nothing: the file is saved as the app closes)."""


class SessionRecorder:
    """The record of one session, run by `clock`: pain ratings, what was done, where it went.

    `assessed` goes into history (an urgent screening result was confirmed as assessed).
    `routine` is the routine the clock's plan was made from, as planned (lead-in and rest
    filled in): with it, the in-progress file can be resumed; without it, a session cut off is
    recorded as interrupted.
    """

    def __init__(
        self,
        paths: AppPaths,
        clock: SessionClock,
        *,
        assessed: bool = False,
        routine: Routine | None = None,
    ) -> None:
        self._paths = paths
        self._clock = clock
        self._routine = routine
        self.assessed = assessed
        self.session_id = new_session_id()
        """The history entry's id (the same in the in-progress file and in history)."""
        self.pain_before: int | None = None
        self.pain_after: int | None = None
        self.saved_entry: HistoryEntry | None = None
        """The entry as saved in history, once it is."""
        self._started: datetime | None = None
        self._profile = NO_PROFILE
        self._lock: RunningSession | None = None
        self._save_warned = False
        self._kept = False
        """True once the session was left on disk to be resumed (nothing more to save)."""

    @property
    def started(self) -> bool:
        """True once the session began (after the pain rating before)."""
        return self._started is not None

    @property
    def open(self) -> bool:
        """True while there is something to save: begun, not in history yet, and not left on
        disk to be resumed."""
        return self._started is not None and self.saved_entry is None and not self._kept

    def claim(self) -> None:
        """Take the running-session lock, so another instance neither starts a session nor
        takes this one's in-progress file for a leftover."""
        try:
            self._lock = claim_running_session(self._paths)
        except StorageError:
            self._lock = None  # saving will say what is wrong with the folder

    def release(self) -> None:
        """Let go of the running-session lock (again: nothing happens)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def begin(self, pain_before: int | None, profile: str | None) -> None:
        """The session starts now, with this rating before and this movement result."""
        self.pain_before = pain_before
        self._started = wall_clock()
        self._profile = profile or NO_PROFILE

    def carry_on(self, saved: SessionInProgress) -> None:
        """The session goes on from `saved` (cut off earlier): the same id, start, rating
        before and movement result, so history gets one entry for the whole session."""
        entry = saved.entry
        self.session_id = entry.id
        self.pain_before = entry.pain_before
        self._started = entry.started
        self._profile = entry.profile
        self.assessed = entry.assessed

    def entry(self, status: Status | None = None) -> HistoryEntry:
        """The session as history will keep it, as far as it got (`ended`: now)."""
        started = self._started or wall_clock()
        ended = max(wall_clock(), started)
        return HistoryEntry(
            id=self.session_id,
            started=started,
            ended=ended,
            routine=self._clock.plan.routine_id,
            status=status or self._clock.status,
            profile=self._profile,
            pain_before=self.pain_before,
            pain_after=self.pain_after,
            exercises=tuple(self._clock.records_so_far()),
            assessed=self.assessed,
        )

    def save_progress(self) -> str | None:
        """Save the in-progress file (after every step), so a kill loses at most one step.

        Returns what to tell the person the first time saving fails (the session goes on);
        None otherwise."""
        if not self.open:
            return None
        try:
            save_in_progress(self._paths, self.entry(), self._clock.index, self._resume_data())
        except StorageError as error:
            if not self._save_warned:
                self._save_warned = True
                return f"{error} The session goes on; it is saved at the end."
        return None

    def store(self, entry: HistoryEntry) -> str | None:
        """Add `entry` to history and drop the in-progress file; the error, if any."""
        try:
            append_session(self._paths, entry)
        except StorageError as error:
            return str(error)
        self.saved_entry = entry
        # If the file cannot go, the next start finds the entry already in history (saving
        # is idempotent by id), so nothing is counted twice.
        with contextlib.suppress(StorageError):
            clear_in_progress(self._paths)
        return None

    def _resume_data(self) -> ResumeData | None:
        """What resuming needs, as of now; None when the session cannot be resumed (no
        routine to plan it again from, or it is over)."""
        if self._routine is None or self._clock.is_finished:
            return None
        clock = self._clock
        return ResumeData(self._routine, clock.plan.fingerprint, clock.to_state(), self.assessed)

    def keep_for_resume(self, warn: Callable[[str], None]) -> bool:
        """The app is being closed from outside (hang-up, terminate) mid-session: save the
        in-progress file as of now, to be resumed at the next start. Returns False when that
        cannot be done (the session is over, it cannot be resumed, or the file could not be
        written): then `save_interrupted` puts it in history instead."""
        resume = self._resume_data()
        if not self.open or resume is None:
            return False
        try:
            save_in_progress(self._paths, self.entry(), self._clock.index, resume)
        except StorageError as error:
            warn(f"{error} The session is saved in history as interrupted instead.")
            return False
        self._kept = True
        self.release()
        return True

    def save_interrupted(self, warn: Callable[[str], None]) -> HistoryEntry | None:
        """Put what was done in history now, as `interrupted` (or as it ended, if the session
        was over): the app is closed from outside and the session cannot wait to be resumed.
        When history cannot take it, the in-progress file is saved instead (`warn` gets the
        problem). Returns the entry, or None when there was nothing to save."""
        if not self.open:
            return None
        clock = self._clock
        status: Status = "interrupted" if not clock.is_finished else clock.status
        if not clock.is_finished:
            clock.stop()  # counts the partial step
        entry = self.entry(status)
        if self.store(entry) is not None:
            problem = self.save_progress()
            if problem is not None:
                warn(problem)
        self.release()
        return self.saved_entry

    def save_stopped(self) -> HistoryEntry | None:
        """The app is quitting (ctrl+c): save what was done as `stopped`."""
        if not self.open:
            return None
        if not self._clock.is_finished:
            self._clock.stop()
        self.store(self.entry())
        self.release()
        return self.saved_entry
