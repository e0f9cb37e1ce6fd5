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
per exercise file in two parts, split by a tab (JSON writes none of its own): first its name,
stamp, the exercise's listed fields (`LISTED_FIELDS`, what the library shows, searches,
filters and labels by; null for a file with problems) as positional rows and its problems and
warnings as (line, message) pairs; then the exercise's other fields. The library's rows need
only the first part (`load_listed_catalog`), a quarter of the bytes: the steps and drawings are
decoded only for the whole catalog. Each part is decoded on its own, so a thread reading the
cache never holds the interpreter for long. The file is replaced whole (a temporary file
renamed over it), so a reader never meets half of one.

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
from typing import Any, Final, cast

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
from stretch_tui.storage.cache_file import write_in_place
from stretch_tui.storage.collector import collection_paused
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import FileStamp

CACHE_FORMAT: Final = 3
"""Bumped whenever the cache's own layout changes."""

CACHE_NAME: Final = "user-exercises.jsonl"
SHIPPED_CACHE_NAME: Final = "shipped-exercises.jsonl"

_decode_json_at: Final = json.JSONDecoder().raw_decode
"""Decodes the JSON document at a position of a text: (the value, where it ends)."""

_CHECKING_MODULES: Final = (catalog, validation, vocabulary, exercise, figure, problem_lines)
"""The code that decides what a file gives: when any of it (or this module) changes, every
file is checked again (a new rule may turn a good file bad, a fix move a problem's line)."""

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
    hints, so a new field is cached without a change here (and changes the cache key).

    Decoding is most of reading a cached catalog (5,000 exercises are some 30,000 rows), so
    each class gets decoders written for it, as attrs writes each class's `__init__`: one
    function that unpacks the row and converts in place only the values that need it, with no
    loop over the fields."""

    def __init__(self, owner: type) -> None:
        self.owner = owner
        hints = typing.get_type_hints(owner, vars(sys.modules[owner.__module__]))
        self.names = tuple(field.name for field in attrs.fields(owner))
        self.drawings: dict[str, bool] = {}
        """The fields that hold drawings, each True when it holds a tuple of them."""
        self._in_code: dict[str, Any] = {"Owner": owner}
        """What the decoders' code calls by name."""
        self._values: dict[str, str] = {}
        """Each field's value as an expression of `v<its position>`, the JSON value."""
        for position, name in enumerate(self.names):
            value = f"v{position}"
            converted = self._converted(hints[name], value)
            if (owner, name) in _DRAWINGS:
                many = converted is not None
                self.drawings[name] = many
                converted = f"{self._name_of(_drawings if many else _drawing)}({value})"
            self._values[name] = converted or value
        self.decode: Callable[[list[Any]], Any] = self.decoder((self.names,))
        """The object back from a row; raises ValueError or TypeError for another shape."""

    def decoder(
        self, parts: tuple[tuple[str, ...], ...], stand_ins: dict[str, Any] | None = None
    ) -> Callable[..., Any]:
        """A function making the object from one row per part, each row holding the values of
        that part's fields in that order; a field in no part takes its value in `stand_ins`.
        It raises ValueError or TypeError for rows of another shape."""
        given = {name for part in parts for name in part}
        missing = [name for name in self.names if name not in given | set(stand_ins or {})]
        if missing:
            raise TypeError(f"no value for {', '.join(missing)} of {self.owner.__qualname__}")
        rows = [f"r{number}" for number in range(len(parts))]
        lines = [f"def decode({', '.join(rows)}):"]
        for row, part in zip(rows, parts, strict=True):
            # A one-field row unpacks as `v0, = r0`.
            unpacked = "".join(f"v{self.names.index(name)}, " for name in part)
            lines.append(f"    if type({row}) is not list: raise TypeError('not a row')")
            lines.append(f"    {unpacked}= {row}")
        values = [
            self._values[name] if name in given else self._name_of((stand_ins or {})[name])
            for name in self.names
        ]
        lines.append(f"    return Owner({', '.join(values)})")
        namespace = dict(self._in_code)
        code = compile("\n".join(lines), f"<cached rows of {self.owner.__qualname__}>", "exec")
        exec(code, namespace)  # the code is written here, from the class's type hints
        return cast(Callable[..., Any], namespace["decode"])

    def _name_of(self, thing: object) -> str:
        """The name the decoders' code calls `thing` by."""
        name = f"n{len(self._in_code)}"
        self._in_code[name] = thing
        return name

    def _converted(self, hint: Any, value: str, depth: int = 0) -> str | None:
        """An expression turning the JSON value named `value`, of this type, into the
        field's value; None when the JSON value is one already (text, numbers, true/false)."""
        if attrs.has(hint):
            return f"{self._name_of(_rows_for(hint).decode)}({value})"
        origin, arguments = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):
            inner = [
                self._converted(argument, value, depth)
                for argument in arguments
                if argument is not type(None)
            ]
            converted = [expression for expression in inner if expression is not None]
            if not converted:
                return None
            (expression,) = converted  # one class or None: the only unions the catalog has
            return f"(None if {value} is None else {expression})"
        if origin is not tuple:
            return None
        item = f"e{depth}"
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            each = self._converted(arguments[0], item, depth + 1)
            if each is None:
                return f"tuple({value})"
            return f"tuple([{each} for {item} in {value}])"
        items = [f"{item}_{at}" for at in range(len(arguments))]
        each_converted = [
            self._converted(argument, name, depth + 1)
            for argument, name in zip(arguments, items, strict=True)
        ]
        if not any(each_converted):
            return f"tuple({value})"
        # A pair or so of which some need converting: a call checks that the number fits.
        parts = [expression or name for expression, name in zip(each_converted, items, strict=True)]
        return f"(lambda {', '.join(items)}: ({', '.join(parts)},))(*{value})"

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

LISTED_FIELDS: Final = (
    "id",
    "name",
    "kind",
    "targets",
    "position",
    "direction",
    "difficulty",
    "dose",
    "aliases",
    "cautions",
    "origin",
    "user_defined",
)
"""What the library lists, searches, filters and labels an exercise by: the first part of its
cache line. The rest (steps, drawings, sources, summary, tips), three quarters of the line, is
decoded only for the whole exercise (`load_listed_catalog`)."""

_OTHER_FIELDS: Final = tuple(name for name in _EXERCISE_ROWS.names if name not in LISTED_FIELDS)

_NOT_LISTED: Final = {
    **{
        field.name: field.default
        for field in attrs.fields(Exercise)
        if field.default is not attrs.NOTHING
    },
    "steps": (),
    "pose": Pose(frames=(PoseFrame(art=""),)),
}
"""What a listed exercise holds in the fields the library does not list: nothing."""

_decode_exercise: Final = _EXERCISE_ROWS.decoder((LISTED_FIELDS, _OTHER_FIELDS))
_decode_listed_exercise: Final = _EXERCISE_ROWS.decoder((LISTED_FIELDS,), _NOT_LISTED)


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


_Entry = tuple[list[Any], int, int, int]
"""A cached file's line: its first part decoded, where the line starts, where its second part
starts and where the line ends, in the cache's text."""


class _NotAllCached(Exception):
    """A file of the user's is not in the cache as it is now: no listing without reading it."""


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
        # The text `str(self.folder / name)` has, without making a Path per file.
        self._prefix = str(self.folder / "_")[:-1]

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
        results: list[Checked[Exercise]] = []
        lines: list[str | tuple[int, int]] = []  # a new line, or where an old one is in `text`
        changed = len(cached) != len(names)
        self.hits = 0
        for name in names:
            where = self._prefix + name
            stamp = _stamp(where)
            if stamp is None:
                results.append(self._read(name))  # reports why it cannot be read
                changed = True
                continue
            found = cached.get(name)
            checked = None
            if found is not None and _same_stamp(found[0], stamp):
                checked = self._decode(where, found, text)
            if checked is None:
                checked = self._read(name)
                line = self._line(name, stamp, checked)
                if line is not None:
                    lines.append(line)
                changed = True
            else:
                self.hits += 1
                lines.append((found[1], found[3]))  # type: ignore[index]  # found when decoded
            results.append(checked)
        if changed:
            self._store([line if isinstance(line, str) else text[slice(*line)] for line in lines])
        return results

    def list_files(self, names: list[str]) -> list[Checked[Exercise]]:
        """Each of the files `names` as the library lists it (`LISTED_FIELDS`), from the
        cache; raises `_NotAllCached` when any file is not in the cache as it is now (reading
        it is for `read_files`, which also brings the cache up to date)."""
        _, cached = self._load()
        results = []
        for name in names:
            where = self._prefix + name
            found = cached.get(name)
            stamp = _stamp(where)
            if found is None or stamp is None or not _same_stamp(found[0], stamp):
                raise _NotAllCached(name)
            checked = self._decode_listed(where, found[0])
            if checked is None:
                raise _NotAllCached(name)
            results.append(checked)
        return results

    def _read(self, name: str) -> Checked[Exercise]:
        return read_exercise_file(self.folder / name, shipped=self.shipped)

    def _load(self) -> tuple[str, dict[str, _Entry]]:
        """The cache's text and its entries by file name, each with where its line and its
        line's second part are in the text; nothing for a missing, unreadable or foreign cache.

        Each line's first part is decoded on its own, so this thread never holds the
        interpreter for long, but in place: no copy of the text is made per line. The second
        part is only found, not decoded: that is for `_decode`, when the exercise is wanted.
        """
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return "", {}
        length = len(text)
        header_end = text.find("\n")  # not `partition`: that would copy the rest
        if header_end < 0:
            header_end = length
        try:
            document = json.loads(text[:header_end])
        except ValueError:
            return "", {}
        if document != {"format": self.key, "folder": str(self.folder)}:
            return "", {}
        entries: dict[str, _Entry] = {}
        position = header_end + 1
        while position < length:
            try:
                head, tab = _decode_json_at(text, position)
            except ValueError:
                break  # a damaged cache: what follows is read from the files again
            end = text.find("\n", tab)
            if end < 0:
                end = length
            # A line of another shape (no second part) is passed over.
            if (
                tab < end
                and text[tab] == "\t"
                and type(head) is list
                and len(head) == 6
                and type(head[0]) is str
            ):
                entries[head[0]] = (head, position, tab + 1, end)
            position = end + 1
        return text, entries

    def _decode(self, where: str, entry: _Entry, text: str) -> Checked[Exercise] | None:
        """The cached result of the file at `where` (its stamp already matched), or None when
        the entry is of another shape or for a file elsewhere."""
        head, _, rest_at, end = entry
        try:
            rest, rest_end = _decode_json_at(text, rest_at)
        except ValueError:
            return None
        if rest_end != end:
            return None
        return self._checked(where, head, lambda listed: _decode_exercise(listed, rest))

    def _decode_listed(self, where: str, head: list[Any]) -> Checked[Exercise] | None:
        """The file's exercise as the library lists it, from its cache line's first part."""
        return self._checked(where, head, _decode_listed_exercise)

    def _checked(
        self, where: str, head: list[Any], decode: Callable[[Any], Exercise]
    ) -> Checked[Exercise] | None:
        """The result of the file at `where`: its exercise made by `decode` from the line's
        listed fields, with the line's problems and warnings; None when the line is of another
        shape or the exercise came from another file."""
        try:
            listed, problems, warnings = head[3], head[4], head[5]
            value = None if listed is None else decode(listed)
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
        the file every time): its name, stamp, listed fields, problems and warnings, then a
        tab and the exercise's other fields."""
        value = checked.value
        listed = rest = None
        if value is not None:
            # Stored as the catalog holds it, so a cached exercise needs no change when loaded.
            try:
                row = _EXERCISE_ROWS.encode(evolve(value, user_defined=not self.shipped))
            except ValueError:
                return None
            fields = dict(zip(_EXERCISE_ROWS.names, row, strict=True))
            listed = [fields[name] for name in LISTED_FIELDS]
            rest = [fields[name] for name in _OTHER_FIELDS]
        problems = [[problem.line, problem.message] for problem in checked.problems]
        warnings = [[problem.line, problem.message] for problem in checked.warnings]
        head = [name, stamp.size, stamp.mtime_ns, listed, problems, warnings]
        return f"{_json_line(head)}\t{_json_line(rest)}"

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


def _json_line(value: Any) -> str:
    """Compact JSON, on one line and without a tab: JSON writes both escaped in text."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _stamp(where: str) -> FileStamp | None:
    """The file's size and modification time, or None when it cannot be looked at."""
    try:
        status = os.stat(where)
    except OSError:
        return None
    return FileStamp(status.st_size, status.st_mtime_ns)


def _same_stamp(head: list[Any], stamp: FileStamp) -> bool:
    return bool(head[1] == stamp.size and head[2] == stamp.mtime_ns)


class CachedFilesReader:
    """An `ExerciseFilesReader` that reads the user's folder and the shipped one through their
    caches (any other folder directly); with `listed`, the user's exercises only as the
    library lists them, and only when every one of them is in the cache."""

    def __init__(self, paths: AppPaths, *, listed: bool = False) -> None:
        self.user = CatalogCache(paths)
        """The cache of the user's exercise files."""
        self.shipped = CatalogCache(paths, shipped=True)
        """The cache of the shipped exercise files."""
        self.listed = listed

    def __call__(self, folder: Path, names: list[str], shipped: bool) -> list[Checked[Exercise]]:
        cache = self.shipped if shipped else self.user
        if folder != cache.folder:
            return read_exercise_files(folder, names, shipped)
        if self.listed and not shipped:
            return cache.list_files(names)
        return cache.read_files(names)


def load_cached_catalog(paths: AppPaths) -> Catalog:
    """The shipped exercises and the user's own, both through their caches."""
    reader = CachedFilesReader(paths)
    with collection_paused():
        return load_catalog(user_dir=paths.exercises_dir, read_files=reader)


def load_listed_catalog(paths: AppPaths) -> Catalog | None:
    """The shipped exercises, and the user's own as the library lists them (`LISTED_FIELDS`,
    the other fields empty), from the cache alone: some 60% of the time of the whole catalog,
    for the library's rows while the rest is read. None when any file of the user's is not in
    the cache as it is now. Its problems and warnings are the whole catalog's to report."""
    reader = CachedFilesReader(paths, listed=True)
    with collection_paused():
        try:
            return load_catalog(user_dir=paths.exercises_dir, read_files=reader)
        except _NotAllCached:
            return None
