"""A derived cache of the checked exercise files, so that a catalog of thousands of exercises
loads in a fraction of a second (docs/product.md 10).

Reading and checking 5,000 exercise files takes seconds (most of it `tomllib`); reading the
same exercises back from JSON takes a tenth of that. The TOML files stay the source of truth:
each cached file carries the size and modification time (in nanoseconds) it had when it was
checked, and is used only while the file still has both; any other file is read and checked
again, so its problems are reported with their lines as on a first read. The cache can be
deleted at any time; a missing, unreadable, odd or stale one is simply rebuilt, and failing to
write it only makes the next start slower.

One file per folder, in `CACHE/catalog/`: `user-exercises.jsonl` for the user's exercises and
`shipped-exercises.jsonl` for the shipped ones (checking their 22 TOML files takes longer than
reading 5,000 cached exercises). A header line (the cache key and the folder), then one line
per exercise file: its name, stamp, the checked exercise (or null) as positional rows, and its
problems and warnings as (line, message) pairs. Each line is decoded on its own, so a thread
reading the cache never holds the interpreter for long. The file is replaced whole (a
temporary file renamed over it), so a reader never meets half of one.

Whether two files share an id is not cached: it depends on the other files, and
`domain.catalog.load_catalog` checks it on every load.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import attrs
from attrs import evolve

from stretch_tui import __version__
from stretch_tui.domain import catalog, exercise, figure, validation, vocabulary
from stretch_tui.domain import problems as problem_lines
from stretch_tui.domain.catalog import (
    Catalog,
    load_catalog,
    read_exercise_file,
    read_exercise_files,
    shipped_exercises_dir,
)
from stretch_tui.domain.digest import sha256_hex
from stretch_tui.domain.exercise import Exercise, Pose, PoseFrame
from stretch_tui.domain.problems import Problem
from stretch_tui.domain.validation import Checked
from stretch_tui.storage.collector import collection_paused
from stretch_tui.storage.history_cache import write_in_place
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import FileStamp

CACHE_FORMAT: Final = 2
"""Bumped whenever the cache's own layout changes."""

CACHE_NAME: Final = "user-exercises.jsonl"
SHIPPED_CACHE_NAME: Final = "shipped-exercises.jsonl"

_decode_json_at: Final = json.JSONDecoder().raw_decode
"""Decodes the JSON document at a position of a text: (the value, where it ends)."""

_CHECKING_MODULES: Final = (catalog, validation, vocabulary, exercise, figure, problem_lines)
"""The code that decides what a file gives: when any of it (or this module) changes, every
file is checked again (a new rule may turn a good file bad, a fix move a problem's line)."""

_Decoder = Callable[[Any], Any]

_DRAWN_NEWLINE: Final = "\x7f"
"""What stands for a newline in a cached drawing. Drawings hold printable ASCII and newlines
only (`domain.catalog` checks them; the stick figure draws no other), and JSON writes this
character (DEL) as it is, where every newline would be the escape `\\n`: decoding the cache,
mostly drawings, takes a third less time without them."""

_DRAWINGS: Final = {(PoseFrame, "art"), (Pose, "drawn")}
"""The fields that hold drawings: one drawing, or a tuple of them."""


def _stored_drawing(drawing: str) -> str:
    if _DRAWN_NEWLINE in drawing:
        raise ValueError("a drawing holds the character that stands for a newline")
    return drawing.replace("\n", _DRAWN_NEWLINE)


def _drawing(stored: str) -> str:
    return stored.replace(_DRAWN_NEWLINE, "\n")


def _drawings(stored: list[str]) -> tuple[str, ...]:
    return tuple([drawing.replace(_DRAWN_NEWLINE, "\n") for drawing in stored])


class _Rows:
    """Positional rows for one attrs class of the catalog: its attributes in the class's own
    order, nested classes as rows of their own, tuples as lists. Built from the class's type
    hints, so a new field is cached without a change here (and changes the cache key)."""

    def __init__(self, owner: type) -> None:
        self.owner = owner
        hints = typing.get_type_hints(owner, vars(sys.modules[owner.__module__]))
        self.names = tuple(field.name for field in attrs.fields(owner))
        self.decoders: list[tuple[int, _Decoder]] = []
        self.drawings: dict[str, bool] = {}
        """The fields that hold drawings, each True when it holds a tuple of them."""
        for position, name in enumerate(self.names):
            decoder = self._decoder(hints[name])
            if (owner, name) in _DRAWINGS:
                self.drawings[name] = decoder is not None
                decoder = _drawings if decoder is not None else _drawing
            if decoder is not None:
                self.decoders.append((position, decoder))

    def _decoder(self, hint: Any) -> _Decoder | None:
        """How a JSON value of this type becomes the field's value, or None when it is one
        already (text, numbers, true/false)."""
        if attrs.has(hint):
            return _rows_for(hint).decode
        origin, arguments = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            inner = [self._decoder(argument) for argument in arguments if argument is not None]
            decoders = [decoder for decoder in inner if decoder is not None]
            if not decoders:
                return None
            (decoder,) = decoders  # one class or None: the only unions the catalog has
            return lambda value: None if value is None else decoder(value)
        if origin is tuple:
            if len(arguments) == 2 and arguments[1] is Ellipsis:
                each = self._decoder(arguments[0])
                if each is None:
                    return tuple
                return lambda value: tuple(map(each, value))
            items = [self._decoder(argument) for argument in arguments]
            if not any(items):
                return tuple
            return lambda value: tuple(
                item if decode is None else decode(item)
                for decode, item in zip(items, value, strict=True)
            )
        return None

    def encode(self, item: Any) -> list[Any]:
        """The object as a row (tuples become lists in JSON); raises ValueError for a drawing
        that cannot be stored."""
        row = [_encode(getattr(item, name)) for name in self.names]
        for name, many in self.drawings.items():
            position = self.names.index(name)
            value = row[position]
            row[position] = (
                [_stored_drawing(each) for each in value] if many else _stored_drawing(value)
            )
        return row

    def decode(self, row: list[Any]) -> Any:
        """The object back from a row; raises ValueError or TypeError for another shape."""
        if len(row) != len(self.names):
            raise ValueError("a cached row of another shape")
        for position, decoder in self.decoders:
            row[position] = decoder(row[position])
        return self.owner(*row)


_ROWS: dict[type, _Rows] = {}


def _rows_for(owner: type) -> _Rows:
    rows = _ROWS.get(owner)
    if rows is None:
        rows = _ROWS[owner] = _Rows(owner)
    return rows


def _encode(value: Any) -> Any:
    if attrs.has(type(value)):
        return _rows_for(type(value)).encode(value)
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


_EXERCISE_ROWS: Final = _rows_for(Exercise)


def cache_key() -> str:
    """The key a cache file must carry to be used: the layout's version, the app's, and a
    digest of the cached classes' fields and of the checking code."""
    parts = [__version__.encode()]
    for owner, rows in sorted(_ROWS.items(), key=lambda item: item[0].__qualname__):
        parts.append(f"{owner.__qualname__}:{','.join(rows.names)};".encode())
    for module in (*_CHECKING_MODULES, sys.modules[__name__]):
        source = getattr(module, "__file__", None)
        if source is not None:
            with contextlib.suppress(OSError):
                parts.append(Path(source).read_bytes())
    return f"{CACHE_FORMAT}-{sha256_hex(b''.join(parts))[:16]}"


class CatalogCache:
    """Reads and writes the cache of one folder of exercise files: the user's, or the shipped
    catalog's (22 TOML files take longer to check than 5,000 cached exercises to read)."""

    def __init__(self, paths: AppPaths, *, shipped: bool = False) -> None:
        self.shipped = shipped
        """True for the shipped catalog's folder (its files held to the stricter rules)."""
        self.folder = shipped_exercises_dir() if shipped else paths.exercises_dir
        """The exercise folder the cache stands for."""
        self.path = paths.cache_dir / "catalog" / (SHIPPED_CACHE_NAME if shipped else CACHE_NAME)
        """The cache file."""
        self.hits = 0
        """Files the last `read_files` took from the cache (for tests and benchmarks)."""
        self._key: str | None = None

    @property
    def key(self) -> str:
        """This version's cache key (worked out once)."""
        if self._key is None:
            self._key = cache_key()
        return self._key

    def read_files(self, names: list[str]) -> list[Checked[Exercise]]:
        """Each of the folder's files `names` checked, from the cache while its stamp is
        unchanged, else read and checked again; the cache is rewritten when anything differed.
        """
        text, cached = self._load()
        # The text `str(self.folder / name)` has, without making a Path per file.
        prefix = str(self.folder / "_")[:-1]
        results: list[Checked[Exercise]] = []
        lines: list[str | tuple[int, int]] = []  # a new line, or where an old one is in `text`
        changed = len(cached) != len(names)
        self.hits = 0
        for name in names:
            where = prefix + name
            try:
                status = os.stat(where)
            except OSError:
                results.append(self._read(name))  # reports why it cannot be read
                changed = True
                continue
            size, mtime_ns = status.st_size, status.st_mtime_ns
            found = cached.get(name)
            checked = None
            if found is not None:
                entry, start, end = found
                if entry[1] == size and entry[2] == mtime_ns:
                    checked = self._decode(where, entry)
            if checked is None:
                checked = self._read(name)
                line = self._line(name, FileStamp(size, mtime_ns), checked)
                if line is not None:
                    lines.append(line)
                changed = True
            else:
                self.hits += 1
                lines.append((start, end))
            results.append(checked)
        if changed:
            self._store([line if isinstance(line, str) else text[slice(*line)] for line in lines])
        return results

    def _read(self, name: str) -> Checked[Exercise]:
        return read_exercise_file(self.folder / name, shipped=self.shipped)

    def _load(self) -> tuple[str, dict[str, tuple[list[Any], int, int]]]:
        """The cache's text and its entries by file name, each with where its line is in the
        text; nothing for a missing, unreadable or foreign cache.

        Each line is decoded on its own, so this thread never holds the interpreter for long,
        but in place: no copy of the text is made per line.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return "", {}
        header, newline, _ = text.partition("\n")
        try:
            document = json.loads(header)
        except ValueError:
            return "", {}
        if document != {"format": self.key, "folder": str(self.folder)}:
            return "", {}
        entries: dict[str, tuple[list[Any], int, int]] = {}
        position, length = len(header) + len(newline), len(text)
        while position < length:
            try:
                entry, end = _decode_json_at(text, position)
            except ValueError:
                break  # a damaged cache: what follows is read from the files again
            if type(entry) is list and len(entry) == 6 and type(entry[0]) is str:
                entries[entry[0]] = (entry, position, end)
            if end < length and text[end] != "\n":
                break
            position = end + 1
        return text, entries

    def _decode(self, where: str, entry: list[Any]) -> Checked[Exercise] | None:
        """The cached result of the file at `where` (its stamp already matched), or None when
        the entry is of another shape or for a file elsewhere."""
        try:
            _, _, _, row, problems, warnings = entry
            value = None if row is None else _EXERCISE_ROWS.decode(row)
            if value is not None and value.origin != where:
                return None
            if not problems and not warnings:
                return Checked(value, [], [])
            return Checked(
                value,
                [Problem(where, int(at), str(message)) for at, message in problems],
                [Problem(where, int(at), str(message)) for at, message in warnings],
            )
        except (TypeError, ValueError, AttributeError):
            return None

    def _line(self, name: str, stamp: FileStamp, checked: Checked[Exercise]) -> str | None:
        """The file's cache line, or None when its exercise cannot be cached (it is read from
        the file every time)."""
        value = checked.value
        # Stored as the catalog holds it, so a cached exercise needs no change when loaded.
        row = None
        if value is not None:
            try:
                row = _EXERCISE_ROWS.encode(evolve(value, user_defined=not self.shipped))
            except ValueError:
                return None
        problems = [[problem.line, problem.message] for problem in checked.problems]
        warnings = [[problem.line, problem.message] for problem in checked.warnings]
        entry = [name, stamp.size, stamp.mtime_ns, row, problems, warnings]
        return json.dumps(entry, separators=(",", ":"), ensure_ascii=False)

    def _store(self, lines: list[str]) -> None:
        """Replace the cache file (best effort: a failure only means a slower next load)."""
        header = json.dumps({"format": self.key, "folder": str(self.folder)})
        content = "\n".join([header, *lines]).encode("utf-8")
        name = self.path.name
        temporary = self.path.with_name(f".{name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            write_in_place(temporary, content)
            os.replace(temporary, self.path)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


class CachedFilesReader:
    """An `ExerciseFilesReader` that reads the user's folder and the shipped one through their
    caches (any other folder directly)."""

    def __init__(self, paths: AppPaths) -> None:
        self.user = CatalogCache(paths)
        """The cache of the user's exercise files."""
        self.shipped = CatalogCache(paths, shipped=True)
        """The cache of the shipped exercise files."""

    def __call__(self, folder: Path, names: list[str], shipped: bool) -> list[Checked[Exercise]]:
        cache = self.shipped if shipped else self.user
        if folder != cache.folder:
            return read_exercise_files(folder, names, shipped)
        return cache.read_files(names)


def load_cached_catalog(paths: AppPaths) -> Catalog:
    """The shipped exercises and the user's own, both through their caches."""
    reader = CachedFilesReader(paths)
    with collection_paused():
        return load_catalog(user_dir=paths.exercises_dir, read_files=reader)
