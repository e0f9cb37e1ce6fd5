"""A derived cache of the history month files, so that reading ten years stays fast
(docs/product.md 10).

Parsing 121 month files with `tomllib` takes seconds; reading the same sessions from JSON takes
milliseconds. The TOML files stay the source of truth: each cached month carries the size and
modification time (in nanoseconds) of the month file it was made from, and is used only while
the file still has both. The cache may be deleted at any time; an unreadable or odd cache file
is simply rebuilt. Failing to write the cache is never an error, only slower. Cache files are
written in place (no temporary file, no fsync): a torn one does not parse and is rebuilt.

Two kinds of cache file live in `CACHE/history/`:

- `YYYY-MM.json`: one month's sessions (as checked), with the notices reading it gave;
- `index.json`: per month, the stamp and the days that had a session, which is all the Home
  screen's streak needs, so launch reads one small file however long the history is.
"""

from __future__ import annotations

import contextlib
import json
from array import array
from collections.abc import Collection, Iterable
from itertools import pairwise
from operator import attrgetter
from pathlib import Path
from typing import Any, Final

import attrs
from attrs import frozen

from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.storage.cache_file import write_in_place
from stretch_tui.storage.history_fields import (
    EXERCISES_KEY,
    RECORD_FIELDS,
    SESSION_FIELDS,
    Field,
    fields_digest,
)
from stretch_tui.storage.notices import Notice
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import FileStamp

CACHE_FORMAT: Final = 2
"""Bumped whenever the cache's own layout changes (not for a new history field: see below)."""


def cache_key(
    session_fields: tuple[Field, ...] = SESSION_FIELDS,
    record_fields: tuple[Field, ...] = RECORD_FIELDS,
) -> str:
    """The `format` a cache file must carry to be used: the layout's version and a digest of
    the history field tables, so adding a field to them rebuilds every cached month."""
    return f"{CACHE_FORMAT}-{fields_digest(session_fields, record_fields)}"


CACHE_KEY: Final = cache_key()
"""This version's cache key; a cache file with any other `format` is rebuilt."""


@frozen
class MonthSnapshot:
    """What one month file held when it had a given stamp."""

    month: str
    """`YYYY-MM`."""
    stamp: FileStamp
    entries: tuple[HistoryEntry, ...]
    """In file order."""
    notices: tuple[Notice, ...] = ()
    """What reading the file reported (kept so a cached read reports it too)."""
    read_only: bool = False
    """The file is from a newer stretch-tui."""

    @property
    def days(self) -> frozenset[int]:
        """The local days that had a session, as `date.toordinal()` numbers."""
        return frozenset(entry.day.toordinal() for entry in self.entries)


@frozen
class MonthDays:
    """The index's line for one month: the stamp it was made from and the session days."""

    stamp: FileStamp
    days: Collection[int]
    """As `date.toordinal()` numbers: cheap to read, and all a streak needs (a tuple as read
    from the index: a set for each of ten years of months took Home a third of a MiB)."""


class HistoryCache:
    """Reads and writes the cache files for one set of app paths."""

    def __init__(self, paths: AppPaths) -> None:
        self.folder = paths.cache_dir / "history"
        """Where the cache files are."""

    def month(self, month: str, path: Path, stamp: FileStamp) -> MonthSnapshot | None:
        """The cached month if it was made from the file as it is now (`stamp`), else None."""
        document = self._read(self.folder / f"{month}.json")
        if not isinstance(document, dict):
            return None
        try:
            if (
                document["format"] != CACHE_KEY
                or document["size"] != stamp.size
                or document["mtime_ns"] != stamp.mtime_ns
            ):
                return None
            return MonthSnapshot(
                month=month,
                stamp=stamp,
                entries=_entries_from_rows(document["sessions"]),
                notices=tuple(
                    Notice(path, item["kind"], item["message"], item["severity"])
                    for item in document["notices"]
                ),
                read_only=bool(document["read_only"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def store_month(self, snapshot: MonthSnapshot) -> None:
        """Keep a month's snapshot (best effort: a failure only means a slower next read)."""
        document: dict[str, Any] = {
            "format": CACHE_KEY,
            "size": snapshot.stamp.size,
            "mtime_ns": snapshot.stamp.mtime_ns,
            "read_only": snapshot.read_only,
            "notices": [
                {"kind": notice.kind, "message": notice.message, "severity": notice.severity}
                for notice in snapshot.notices
            ],
            "sessions": [_entry_to_row(entry) for entry in snapshot.entries],
        }
        self._write(self.folder / f"{snapshot.month}.json", document)

    def index(self) -> dict[str, MonthDays]:
        """The index as stored: month to stamp and days (empty when missing or unreadable)."""
        index: dict[str, MonthDays] = {}
        for month, line in self._index_lines().items():
            with contextlib.suppress(TypeError, ValueError):
                size, mtime_ns, ordinals = line
                index[month] = MonthDays(
                    stamp=FileStamp(size=int(size), mtime_ns=int(mtime_ns)),
                    days=tuple(map(int, ordinals)),
                )
        return index

    def indexed_day_numbers(self, stamps: Iterable[tuple[str, FileStamp]]) -> set[int] | None:
        """Every session day of these months (`date.toordinal()` numbers) from the index, or
        None when it lacks a month or has another stamp for one."""
        days = self.indexed_day_array(stamps)
        return None if days is None else set(days)

    def indexed_day_array(self, stamps: Iterable[tuple[str, FileStamp]]) -> array[int] | None:
        """`indexed_day_numbers` in ascending order (a day twice when two months name it),
        in a flat array: straight from the index's lines, without a `MonthDays` or a set
        entry for each of ten years of days, which the progress screen's worker made at each
        visit (docs/product.md 10, memory)."""
        lines = self._index_lines()
        days = array("i")
        for month, stamp in stamps:
            numbers = days_of_index_line(lines.get(month), stamp)
            if numbers is None:
                return None
            try:
                days.extend(numbers)
            except OverflowError:
                return None
        if any(later < earlier for earlier, later in pairwise(days)):
            days = array("i", sorted(days))  # an index written out of order by hand
        return days

    def update_index(self, snapshots: Iterable[MonthSnapshot]) -> None:
        """Record these months' days in the index (best effort), leaving the other lines as
        they are; the file is written only when a line changed."""
        self.update_index_days(
            (snapshot.month, MonthDays(snapshot.stamp, snapshot.days)) for snapshot in snapshots
        )

    def update_index_days(self, months: Iterable[tuple[str, MonthDays]]) -> None:
        """`update_index` from each month's stamp and days alone (what a reader that lets
        each month's sessions go as it reads on keeps of them)."""
        lines = self._index_lines()
        changed = False
        for month, days in months:
            line = _index_line(days.stamp, days.days)
            if lines.get(month) != line:
                lines[month] = line
                changed = True
        if changed:
            self._store_index_lines(lines)

    def index_lines(self) -> dict[str, Any]:
        """The index's lines as stored, month to `[size, mtime_ns, days]`, unchecked (empty
        when missing or unreadable): for a reader that needs a few months' days, without a
        `MonthDays` for every month."""
        return self._index_lines()

    def _index_lines(self) -> dict[str, Any]:
        document = self._read(self.folder / "index.json")
        if not isinstance(document, dict) or document.get("format") != CACHE_KEY:
            return {}
        months = document.get("months")
        return months if isinstance(months, dict) else {}

    def _store_index_lines(self, lines: dict[str, Any]) -> None:
        document = {"format": CACHE_KEY, "months": dict(sorted(lines.items()))}
        self._write(self.folder / "index.json", document)

    @staticmethod
    def _read(path: Path) -> object:
        try:
            return json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None

    @staticmethod
    def _write(path: Path, document: dict[str, Any]) -> None:
        content = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
        with contextlib.suppress(OSError):
            write_in_place(path, content.encode("utf-8"))


def _index_line(stamp: FileStamp, days: Collection[int]) -> list[Any]:
    return [stamp.size, stamp.mtime_ns, sorted(days)]


class _Rows:
    """Positional cache rows for one attrs class of history: its attributes in the class's
    own order, so a row is built back positionally (the fastest way, and reading ten years of
    sessions is the progress screen's time budget), each value as JSON holds it.

    Positional rows are a third of the size of keyed objects, and much faster to decode.
    """

    def __init__(
        self, owner: type, fields: tuple[Field, ...], nested: tuple[str, _Rows] | None = None
    ) -> None:
        by_name = {field.name: field for field in fields}
        self.owner = owner
        self.names = tuple(attribute.name for attribute in attrs.fields(owner))
        self.get_all = attrgetter(*self.names)
        kinds = [(position, by_name[name].kind) for position, name in enumerate(self.names)
                 if name in by_name]  # fmt: skip
        self.encoders = tuple((at, kind.to_json) for at, kind in kinds if kind.to_json)
        self.decoders = tuple((at, kind.from_json) for at, kind in kinds if kind.from_json)
        self.nested = None if nested is None else (self.names.index(nested[0]), nested[1])

    def encode(self, item: Any) -> list[Any]:
        """The object as a row."""
        row = list(self.get_all(item))
        for position, to_json in self.encoders:
            if row[position] is not None:
                row[position] = to_json(row[position])
        if self.nested is not None:
            position, rows = self.nested
            row[position] = [rows.encode(inner) for inner in row[position]]
        return row

    def decode(self, row: list[Any]) -> Any:
        """The object back from a row; raises ValueError or TypeError for another shape."""
        if len(row) != len(self.names):
            raise ValueError("a cached row of another shape")
        if self.decoders or self.nested is not None:
            row = list(row)
        for position, from_json in self.decoders:
            if row[position] is not None:
                row[position] = from_json(row[position])
        if self.nested is not None:
            position, rows = self.nested
            row[position] = rows.decode_all(row[position])
        return self.owner(*row)

    def decode_all(self, rows: list[list[Any]]) -> tuple[Any, ...]:
        """The objects back from a list of rows."""
        if self.decoders or self.nested is not None:
            return tuple(map(self.decode, rows))
        # Nothing to convert (exercise records): straight to the class, the hot loop of a
        # full read. A row of another length fails in the class, or here when it is short.
        owner, width = self.owner, len(self.names)
        objects = tuple([owner(*row) for row in rows])
        if any(len(row) != width for row in rows):
            raise ValueError("a cached row of another shape")
        return objects


_RECORD_ROWS: Final = _Rows(ExerciseRecord, RECORD_FIELDS)
_SESSION_ROWS: Final = _Rows(HistoryEntry, SESSION_FIELDS, nested=(EXERCISES_KEY, _RECORD_ROWS))


def _entry_to_row(entry: HistoryEntry) -> list[Any]:
    return _SESSION_ROWS.encode(entry)


def days_of_index_line(line: Any, stamp: FileStamp) -> list[int] | None:
    """A month's session days (`date.toordinal()` numbers) from its line of the index, or
    None when the line is missing, odd, or was made from the file with another stamp."""
    try:
        size, mtime_ns, days = line
        if int(size) != stamp.size or int(mtime_ns) != stamp.mtime_ns:
            return None
        return [int(day) for day in days]
    except (TypeError, ValueError):
        return None


def _entries_from_rows(rows: list[list[Any]]) -> tuple[HistoryEntry, ...]:
    """The sessions back from a month's rows, in order, each row let go as its session is
    made: a month's rows and its sessions are not all held at once (the progress screen
    reads a year of months while other screens are built: docs/product.md 10, memory).
    Empties `rows`."""
    if not isinstance(rows, list):
        raise TypeError("cached sessions are not a list")
    rows.reverse()
    entries = []
    while rows:
        entries.append(_entry_from_row(rows.pop()))
    return tuple(entries)


def _entry_from_row(row: list[Any]) -> HistoryEntry:
    entry: HistoryEntry = _SESSION_ROWS.decode(row)
    return entry
