"""History: one TOML file per month, `history/YYYY-MM.toml`, sessions as `[[session]]`
(docs/product.md 8).

Saving a session touches one month file: under the month's lock the file is read as it is now
and the session is added, so two instances never lose each other's sessions. Usually the
session is appended as text to the bytes just read (comments and keys this version does not
know stay exactly as they were); the whole file is re-written only when it cannot be extended
that way. Saving is idempotent by session id.

Reading goes through the derived cache (`history_cache`), rebuilt from the TOML wherever a
month file changed. `home_summary` reads only what the Home screen shows, which does not grow
with the length of the history.
"""

from __future__ import annotations

import os
import re
import tomllib
from array import array
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from attrs import field, frozen

from stretch_tui.domain.history import HistoryEntry, newest_first
from stretch_tui.storage.collector import collection_paused
from stretch_tui.storage.history_cache import (
    HistoryCache,
    MonthDays,
    MonthSnapshot,
    days_of_index_line,
)
from stretch_tui.storage.history_format import SessionProblems, entry_from_table, entry_to_table
from stretch_tui.storage.notices import Notice, ReadOnlyError, error_for
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.toml_writer import dumps_toml
from stretch_tui.storage.tomlfile import (
    FileKind,
    FileStamp,
    TomlRead,
    file_lock,
    quarantine,
    read_toml,
    read_toml_locked,
    unchanged,
    write_atomically,
)

HISTORY_FILE: Final = FileKind("history month", 1, {0: unchanged})
"""Version 1 is the first format; a version-0 file is one without `schema_version`."""

RECENT_SESSIONS: Final = 30
"""Sessions the Home screen gets for its last-session line and pain sparkline."""

_MONTH_FILE = re.compile(r"(\d{4})-(0[1-9]|1[0-2])\.toml")
# A top-level `session = [...]` (an inline array) cannot be extended by appending `[[session]]`.
_INLINE_SESSIONS = re.compile(rb"""^[ \t]*(?:session|"session"|'session')[ \t]*=""", re.MULTILINE)
_LISTED_AT_MOST = 5


@frozen
class HistoryRead:
    """Sessions read from history, newest first, with what the user should be told."""

    entries: list[HistoryEntry]
    notices: list[Notice] = field(factory=list)


@frozen
class SaveResult:
    """What saving a session did."""

    path: Path
    """The month file."""
    appended: bool
    """False when the session was already there (saving is idempotent by id)."""
    notices: list[Notice] = field(factory=list)
    """Problems met on the way (e.g. the month file was corrupt and moved aside)."""


@frozen
class HomeSummary:
    """What the Home screen shows from history."""

    last_session: HistoryEntry | None
    recent: tuple[HistoryEntry, ...]
    """Up to `RECENT_SESSIONS` sessions, newest first (the pain sparkline's values)."""
    streak_days: int
    """Consecutive days with a session up to today (or yesterday)."""
    notices: list[Notice] = field(factory=list)

    @property
    def pain_values(self) -> list[tuple[int | None, int | None]]:
        """(before, after) of the recent sessions, oldest first, for a sparkline."""
        return [(entry.pain_before, entry.pain_after) for entry in reversed(self.recent)]

    @property
    def recent_pain_before(self) -> tuple[int, ...]:
        """The pain ratings given before the recent sessions, oldest first (skips left out)."""
        return tuple(e.pain_before for e in reversed(self.recent) if e.pain_before is not None)

    @property
    def recent_pain_after(self) -> tuple[int, ...]:
        """The pain ratings given after the recent sessions, oldest first (skips left out)."""
        return tuple(e.pain_after for e in reversed(self.recent) if e.pain_after is not None)

    def describe(self) -> str:
        """The history part of Home in a line or two of plain text."""
        last = self.last_session
        if last is None:
            return "No sessions yet."
        days = self.streak_days
        streak = f"Streak: {days} day{'s' if days != 1 else ''}." if days else "No streak yet."
        minutes = max(1, round((last.ended - last.started).total_seconds() / 60))
        return (
            f"{streak}\nLast session: {last.started:%a %d %b, %H:%M}, {last.routine} "
            f"({last.status}, {minutes} min)."
        )


def month_files(paths: AppPaths) -> list[tuple[str, Path]]:
    """The month files (`YYYY-MM`, path), oldest first; other files in the folder are ignored."""
    try:
        names = os.listdir(paths.history_dir)
    except OSError:
        return []
    found = [(name[:7], paths.history_dir / name) for name in names if _MONTH_FILE.fullmatch(name)]
    return sorted(found)


def append_session(paths: AppPaths, entry: HistoryEntry) -> SaveResult:
    """Add a session to its month's file, safely against crashes and a second instance.

    Returns whether it was added (not when a session with the same id is already there).
    Raises `StorageError` (`DiskFullError`, `ReadOnlyError`) with a one-line message when it
    cannot; the month file is then as it was.
    """
    month = entry.month
    path = paths.history_month(month)
    table = entry_to_table(entry)
    cache = HistoryCache(paths)
    notices: list[Notice] = []
    with file_lock(path):
        current = _read_bytes(path)
        snapshot: MonthSnapshot | None = None
        document: dict[str, Any] | None = None
        if current is not None:
            content, stamp = current
            snapshot = cache.month(month, path, stamp)
            if snapshot is None:
                read = read_toml_locked(path, HISTORY_FILE)
                notices.extend(read.notices)
                snapshot, document = _snapshot_for_append(month, path, read, notices)
                current = _read_bytes(path) if snapshot is not None else None
            if snapshot is not None and snapshot.read_only:
                reason = (
                    snapshot.notices[0].message if snapshot.notices else f"{path} is read-only."
                )
                raise ReadOnlyError(path, f"{reason} The session was not saved there.")
        if snapshot is not None and any(saved.id == entry.id for saved in snapshot.entries):
            return SaveResult(path, appended=False, notices=notices)
        if current is None or snapshot is None:
            fresh = {"schema_version": HISTORY_FILE.version, "session": [table]}
            stamp = write_atomically(path, dumps_toml(fresh).encode("utf-8"))
            entries: tuple[HistoryEntry, ...] = (entry,)
            kept: tuple[Notice, ...] = ()
        else:
            content = current[0]
            if not _INLINE_SESSIONS.search(content):
                separator = b"" if content.endswith(b"\n") or not content else b"\n"
                chunk = dumps_toml({"session": [table]}).encode("utf-8")
                stamp = write_atomically(path, content + separator + chunk)
            else:
                if document is None:
                    document = tomllib.loads(content.decode("utf-8"))
                document["session"] = [*document.get("session", []), table]
                document = {"schema_version": HISTORY_FILE.version, **document}
                stamp = write_atomically(path, dumps_toml(document).encode("utf-8"))
            entries = (*snapshot.entries, entry)
            kept = snapshot.notices
        saved = MonthSnapshot(month=month, stamp=stamp, entries=entries, notices=kept)
        cache.store_month(saved)
        cache.update_index([saved])
    return SaveResult(path, appended=True, notices=notices)


def _read_bytes(path: Path) -> tuple[bytes, FileStamp] | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(), FileStamp.of(os.fstat(handle.fileno()))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise error_for(path, error) from error


def _snapshot_for_append(
    month: str, path: Path, read: TomlRead, notices: list[Notice]
) -> tuple[MonthSnapshot | None, dict[str, Any] | None]:
    """The month as read under the lock, or None when there is no usable file left (it was
    moved aside as corrupt, here or by `read_toml_locked`)."""
    if read.read_only:
        reason = read.notices[0].message if read.notices else f"{path} is read-only."
        raise ReadOnlyError(path, f"{reason} The session was not saved there.")
    if not read.exists or read.stamp is None:
        return None, None
    if not _sessions_are_tables(read.data):
        notices.append(quarantine(path, "`session` is not a list of [[session]] tables"))
        return None, None
    return snapshot_from_read(month, path, read), read.data


def _load_month(
    month: str,
    path: Path,
    cache: HistoryCache,
    notices: list[Notice],
    before_parse: Callable[[], None] | None = None,
) -> MonthSnapshot | None:
    """One month, from the cache when it matches the file, else parsed (and cached); None when
    the file is gone or was just moved aside as corrupt (that notice goes to `notices`).
    `before_parse` is called before a file is parsed (it may raise to stop the read)."""
    try:
        stamp = FileStamp.of(os.stat(path))
    except OSError:
        return None
    cached = cache.month(month, path, stamp)
    if cached is not None:
        return cached
    if before_parse is not None:
        before_parse()
    read = read_toml(path, HISTORY_FILE)
    if not read.exists or read.stamp is None:
        notices.extend(read.notices)
        return None
    snapshot = snapshot_from_read(month, path, read)
    cache.store_month(snapshot)
    return snapshot


def snapshot_from_read(month: str, path: Path, read: TomlRead) -> MonthSnapshot:
    """The sessions of a month file as read, with one notice for values that could not be used
    and one for keys this version does not know (which stay in the file)."""
    assert read.stamp is not None
    notices = list(read.notices)
    found = SessionProblems()
    entries = []
    if _sessions_are_tables(read.data):
        for index, table in enumerate(read.data.get("session", [])):
            entry = entry_from_table(table, f"session[{index}]", found)
            if entry is not None:
                entries.append(entry)
    else:
        found.problems.append("`session` is not a list of [[session]] tables; nothing is used")
    found.unknown[:0] = [key for key in read.data if key != "session"]
    if found.problems:
        notices.append(
            Notice(path, "invalid", f"{path}: {_listed(found.problems, '; ')}.", "warning")
        )
    if found.unknown:
        notices.append(
            Notice(
                path,
                "unknown-key",
                f"{path}: kept in the file but not used by this version: "
                f"{_listed(found.unknown, ', ')}.",
                "warning",
            )
        )
    return MonthSnapshot(month, read.stamp, tuple(entries), tuple(notices), read.read_only)


def _sessions_are_tables(data: dict[str, Any]) -> bool:
    sessions = data.get("session", [])
    return isinstance(sessions, list) and all(isinstance(item, dict) for item in sessions)


def _listed(items: list[str], separator: str) -> str:
    shown = separator.join(items[:_LISTED_AT_MOST])
    more = len(items) - _LISTED_AT_MOST
    return f"{shown} (and {more} more)" if more > 0 else shown


def read_history(paths: AppPaths, since: date | None = None) -> HistoryRead:
    """Every session (from `since` on, by local start day), newest first.

    Fast when the cache is warm; months whose file changed are parsed again (and cached).
    """
    cache = HistoryCache(paths)
    months = month_files(paths)
    if since is not None:
        first = f"{since.year:04d}-{since.month:02d}"
        months = [(month, path) for month, path in months if month >= first]
    entries: list[HistoryEntry] = []
    notices: list[Notice] = []
    snapshots = []
    with collection_paused():
        for month, path in months:
            snapshot = _load_month(month, path, cache, notices)
            if snapshot is None:
                continue
            snapshots.append(snapshot)
            notices.extend(snapshot.notices)
            entries.extend(snapshot.entries)
        if since is not None:
            entries = [entry for entry in entries if entry.day >= since]
        ordered = newest_first(entries)
    cache.update_index(snapshots)
    return HistoryRead(entries=ordered, notices=notices)


def stream_history(
    paths: AppPaths,
    since: date | None = None,
    notices: list[Notice] | None = None,
    *,
    update_index: bool = True,
) -> Iterator[HistoryEntry]:
    """The sessions of `read_history`, in the same order (newest first), one month file at a
    time: only a month's sessions are held while they are handed on, so a caller that keeps
    summaries rather than the sessions never holds ten years, or even one, at once. The
    notices reading gave are added to `notices`; the cache's index is brought up to date once
    every month has been read, unless the caller has just found it current (`update_index`
    False): then nothing of a month is kept once its sessions are handed on, not even its
    days (docs/product.md 10, memory).
    """
    cache = HistoryCache(paths)
    months = month_files(paths)
    if since is not None:
        first = f"{since.year:04d}-{since.month:02d}"
        months = [(month, path) for month, path in months if month >= first]
    found = notices if notices is not None else []
    indexed: list[tuple[str, MonthDays]] = []
    waiting: list[HistoryEntry] = []
    for month, path in reversed(months):
        with collection_paused():
            snapshot = _load_month(month, path, cache, found)
        if snapshot is None:
            continue
        found.extend(snapshot.notices)
        if update_index:
            indexed.append((month, MonthDays(snapshot.stamp, snapshot.days)))
        entries = snapshot.entries
        if since is not None:
            entries = tuple(entry for entry in entries if entry.day >= since)
        del snapshot
        waiting = newest_first([*waiting, *entries])
        del entries
        # A session of an older month started before this month's first day, local time, so
        # (with a UTC offset under a day) before a day after that midnight in UTC: whatever
        # started later can go now; the rest waits for the older month, which may sort
        # between them (a session near a month's edge, in another offset).
        bound = datetime(int(month[:4]), int(month[5:]), 1, tzinfo=UTC) + timedelta(days=1)
        ready = 0
        while ready < len(waiting) and waiting[ready].started >= bound:
            ready += 1
        going, waiting = waiting[:ready], waiting[ready:]
        yield from _handed_over(going)
    yield from _handed_over(waiting)
    if update_index:
        cache.update_index_days(indexed)


def _handed_over(entries: list[HistoryEntry]) -> Iterator[HistoryEntry]:
    """The entries in order, each let go of here as it is handed on (a caller that keeps
    none holds one at a time, not the month)."""
    entries.reverse()
    while entries:
        yield entries.pop()


class HistoryNotCached(Exception):
    """`home_summary` would have had to parse more month files than it was allowed to."""


def home_summary(
    paths: AppPaths,
    today: date | None = None,
    recent: int = RECENT_SESSIONS,
    parse_limit: int | None = None,
) -> HomeSummary:
    """The last session, the recent sessions and the streak, reading as little as it can.

    With a warm cache this reads the cache index and the newest month or two, whatever the
    length of the history; a month whose file changed is parsed again (and cached). With
    `parse_limit`, raises `HistoryNotCached` rather than parse more month files than that
    (the months parsed so far stay cached): with the cache missing, ten years of history take
    seconds to parse, which the Home screen does in a worker instead of before its frame.
    """
    today = today or date.today()
    months = month_files(paths)
    key = _home_key(paths, months, today, recent)
    remembered = _home_remembered
    if key is not None and remembered is not None and remembered[0] == key:
        return remembered[1]
    summary = _home_summary(paths, months, today, recent, parse_limit)
    if key is not None:
        # The index as reading left it (brought up to date where a month had changed).
        folder, day, count, stamps, _ = key
        _remember_home((folder, day, count, stamps, _index_stamp(paths)), summary)
    return summary


_HomeKey = tuple[str, date, int, tuple[tuple[str, int, int], ...], tuple[int, int] | None]
"""What a `HomeSummary` was made from: the history folder, the day, the number of recent
sessions, each month file's name, size and modification time, and the cache index's size and
modification time (None without one)."""

_home_remembered: tuple[_HomeKey, HomeSummary] | None = None
"""The last summary made, and what it was made from."""


def _remember_home(key: _HomeKey, summary: HomeSummary) -> None:
    global _home_remembered
    _home_remembered = (key, summary)


def _home_key(
    paths: AppPaths, months: list[tuple[str, Path]], today: date, recent: int
) -> _HomeKey | None:
    """The key of `_home_remembered` for the files as they are now (None when a month file
    cannot be looked at). Home asks for its summary each time it shows again, between every
    two screens; made again, it read the newest months' sessions each time (a third of a MiB
    for ten years of twice-daily sessions) while the next screen was being built
    (docs/product.md 10, memory). Size and modification time tell a changed file, as they
    do for the cache; a changed or deleted cache index makes the summary again too."""
    stamps = _month_stamps(months)
    if stamps is None:
        return None
    return (
        str(paths.history_dir),
        today,
        recent,
        tuple((month, stamp.size, stamp.mtime_ns) for month, stamp in stamps),
        _index_stamp(paths),
    )


def _month_stamps(months: list[tuple[str, Path]]) -> list[tuple[str, FileStamp]] | None:
    """Each month file's stamp, or None when one cannot be looked at."""
    stamps = []
    for month, path in months:
        try:
            stamps.append((month, FileStamp.of(os.stat(path))))
        except OSError:
            return None
    return stamps


def _index_stamp(paths: AppPaths) -> tuple[int, int] | None:
    try:
        stamp = FileStamp.of(os.stat(HistoryCache(paths).folder / "index.json"))
    except OSError:
        return None
    return (stamp.size, stamp.mtime_ns)


def _home_summary(
    paths: AppPaths,
    months: list[tuple[str, Path]],
    today: date,
    recent: int,
    parse_limit: int | None,
) -> HomeSummary:
    """`home_summary` read from the files."""
    cache = HistoryCache(paths)
    notices: list[Notice] = []
    loaded: dict[str, MonthSnapshot | None] = {}
    parsed = 0

    def count_parse() -> None:
        nonlocal parsed
        if parse_limit is not None and parsed >= parse_limit:
            raise HistoryNotCached(f"more than {parse_limit} month files to parse")
        parsed += 1

    def load(month: str, path: Path) -> MonthSnapshot | None:
        if month not in loaded:
            snapshot = _load_month(month, path, cache, notices, count_parse)
            loaded[month] = snapshot
            if snapshot is not None:
                notices.extend(snapshot.notices)
        return loaded[month]

    newest: list[HistoryEntry] = []
    enough_at: int | None = None
    for position, (month, path) in enumerate(reversed(months)):
        snapshot = load(month, path)
        newest.extend(snapshot.entries if snapshot is not None else ())
        if enough_at is None and len(newest) >= recent:
            enough_at = position
        # One month past enough: a session near a month's edge may sort across it (offsets).
        if enough_at is not None and position > enough_at:
            break
    ordered = newest_first(newest)[:recent]
    return HomeSummary(
        last_session=ordered[0] if ordered else None,
        recent=tuple(ordered),
        streak_days=_streak(months, today, cache, load),
        notices=notices,
    )


def _streak(
    months: list[tuple[str, Path]],
    today: date,
    cache: HistoryCache,
    load: Callable[[str, Path], MonthSnapshot | None],
) -> int:
    """The current streak (`streak_in_day_numbers`), counted back from the newest month to
    the first gap, each month's days from its line of the index (or its sessions, where the
    line is missing or stale). Only one month's days are held at a time, not a set of every
    day back to the gap: with a streak of years that set, and a `MonthDays` for every month
    of the index, were made again each time Home showed (docs/product.md 10, memory)."""
    lines = cache.index_lines()
    rebuilt = []
    today_number = today.toordinal()
    cursor: int | None = None  # the day before the earliest day of the streak found so far
    start_day = today_number
    for month, path in reversed(months):
        try:
            stamp = FileStamp.of(os.stat(path))
        except OSError:
            continue
        indexed = days_of_index_line(lines.get(month), stamp)
        if indexed is None:
            snapshot = load(month, path)
            if snapshot is None:
                continue
            rebuilt.append(snapshot)
            indexed = list(snapshot.days)
        days = frozenset(indexed)
        start = date(int(month[:4]), int(month[5:]), 1).toordinal()
        if start > today_number:
            continue
        if cursor is None:
            cursor = start_day = today_number if today_number in days else today_number - 1
        while cursor in days:
            cursor -= 1
        if cursor >= start:  # the streak ends inside this month: older months cannot matter
            break
    cache.update_index(rebuilt)
    return 0 if cursor is None else start_day - cursor


def indexed_session_days(paths: AppPaths) -> set[date] | None:
    """Every day with a session, from the history cache's index (one small file), or None
    when the index lacks a month or a month file changed since (then read everything once,
    which brings the index up to date).

    Only the streaks need the whole history; reading ten years of sessions to count them
    would cost most of the screen's time budget.
    """
    ordinals = indexed_day_numbers(paths)
    return None if ordinals is None else {date.fromordinal(ordinal) for ordinal in ordinals}


def indexed_day_numbers(paths: AppPaths) -> set[int] | None:
    """`indexed_session_days` as `date.toordinal()` numbers: smaller, and all a streak needs."""
    days = indexed_day_array(paths)
    return None if days is None else set(days)


def indexed_day_array(paths: AppPaths) -> array[int] | None:
    """`indexed_day_numbers` ascending, in a flat array (a fraction of a set's memory)."""
    stamps = _month_stamps(month_files(paths))
    return None if stamps is None else HistoryCache(paths).indexed_day_array(stamps)
