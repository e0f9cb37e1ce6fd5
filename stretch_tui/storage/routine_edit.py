"""The user's routine files, `routines/ID.toml` (docs/product.md 5 and 8): add to, save, delete.

The exercise detail's "add to routine" lists the user's routines and appends an item to one,
or starts a new routine. The append re-reads the file under its lock and writes it atomically
(`update_toml`), so a routine edited in another instance or by hand keeps everything else it
holds, and a routine that does not parse is moved aside (and reported) rather than lost.
The routine editor saves a whole routine (`save_routine`) and deletes one (`delete_routine`)
through the same safe primitives.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.routine import (
    RECOMMENDED_ID,
    Routine,
    parse_routine,
    routine_to_document,
)
from stretch_tui.domain.validation import KEBAB_CASE
from stretch_tui.storage.notices import Notice
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.toml_writer import dumps_toml
from stretch_tui.storage.tomlfile import FileKind, remove_file, unchanged, update_toml

ROUTINE_FILE: Final = FileKind("routine", 1, {0: unchanged})
"""Version 1 is the format of docs/product.md 5; a version-0 file is one without
`schema_version`."""


@frozen
class UserRoutine:
    """One of the user's routines, as the "add to routine" dialog lists it."""

    id: str
    name: str
    item_count: int
    path: Path


def routine_path(paths: AppPaths, routine_id: str) -> Path:
    """Where the user's routine with that id lives."""
    return paths.routines_dir / f"{routine_id}.toml"


def list_user_routines(paths: AppPaths) -> list[UserRoutine]:
    """The user's routines by name; files that do not parse are left out (and left alone).

    Listing must not move a file aside the way a load does: the user only opened a dialog.
    """
    folder = paths.routines_dir
    if not folder.is_dir():
        return []
    routines = []
    for path in sorted(folder.glob("*.toml")):
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        name = document.get("name")
        items = document.get("items")
        routines.append(
            UserRoutine(
                id=path.stem,
                name=name if isinstance(name, str) and name.strip() else path.stem,
                item_count=len(items) if isinstance(items, list) else 0,
                path=path,
            )
        )
    return sorted(routines, key=lambda routine: routine.name.casefold())


_NOT_ID = re.compile(r"[^a-z0-9]+")


def reserved_routine_ids() -> frozenset[str]:
    """Ids a user routine cannot have: the built-in routines' and the recommended one's.

    A user file with one of them is rejected when routines load (a built-in id always means
    the built-in routine), so a new routine must never be given one.
    """
    try:
        folder = shipped_data_dir("catalog") / "routines"
    except FileNotFoundError:
        return frozenset({RECOMMENDED_ID})
    # The shipped files are named after their ids (the catalog tests check it).
    return frozenset({RECOMMENDED_ID, *(path.stem for path in folder.glob("*.toml"))})


def new_routine_id(paths: AppPaths, name: str, taken: Collection[str] = ()) -> str:
    """A kebab-case id made from the name that no routine uses yet.

    "Morning loosen-up" becomes `morning-loosen-up`; if that file exists, `morning-loosen-up-2`.
    Built-in ids, `recommended` and the ids in `taken` (e.g. those of the routines loaded,
    whose file names may differ from their ids) are skipped the same way.
    """
    base = _NOT_ID.sub("-", name.casefold()).strip("-")[:40].strip("-") or "routine"
    unavailable = reserved_routine_ids() | set(taken)
    candidate, number = base, 1
    while candidate in unavailable or routine_path(paths, candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def routine_file(paths: AppPaths, routine: Routine) -> Path:
    """The file a routine of the user's is kept in: the one it was loaded from, if any.

    A hand-written file may be named differently from its id; saving to `ID.toml` beside it
    would give two files with one id.
    """
    if routine.user_defined and routine.origin:
        origin = Path(routine.origin)
        if origin.parent == paths.routines_dir:
            return origin
    return routine_path(paths, routine.id)


def save_routine(
    paths: AppPaths, routine: Routine, exercises: Mapping[str, Exercise] | None = None
) -> tuple[Path, list[Notice]]:
    """Write the whole routine to its file (`routine_file`), atomically and under its lock.

    The file holds exactly `routine_to_document(routine)`, which `parse_routine` reads back.
    With `exercises` (the catalog's), the text is first checked the way it will be loaded,
    and a routine that would not load is refused rather than written.
    Returns the path and notices about the file it replaced (for example that it was corrupt
    and moved aside). Raises `ValueError` for an id that is not kebab-case or is reserved
    (`reserved_routine_ids`) and for a routine that would not load, `ReadOnlyError` for a
    file from a newer stretch-tui, and `StorageError` when the file cannot be written (the
    file on disk is then unchanged).
    """
    if not KEBAB_CASE.match(routine.id):
        raise ValueError(f"routine id `{routine.id}` must be kebab-case, like `morning`")
    if routine.id in reserved_routine_ids():
        raise ValueError(f"routine id `{routine.id}` belongs to a built-in routine")
    if not routine.items:
        raise ValueError("a routine needs at least one exercise")
    document = routine_to_document(routine)
    path = routine_file(paths, routine)
    if exercises is not None:
        _, problems = parse_routine(str(path), dumps_toml(document), exercises)
        if problems:
            raise ValueError(f"not saved: {problems[0]}")
    # `update_toml` rather than a plain write: it refuses to overwrite a file from a newer
    # app and moves a corrupt one aside (kept, and reported) instead of replacing it unseen.
    read = update_toml(path, ROUTINE_FILE, lambda _old: document)
    return path, list(read.notices)


def delete_routine(paths: AppPaths, routine: Routine) -> Path:
    """Delete the user's routine file (under its lock); returns the path it had.

    Raises `ValueError` for a routine that is not the user's, `StorageError` when it cannot.
    """
    if not routine.user_defined:
        raise ValueError(f"`{routine.id}` is not one of your routines")
    path = routine_file(paths, routine)
    remove_file(path)
    return path


def append_to_routine(
    paths: AppPaths, routine_id: str, name: str, exercise_id: str
) -> list[Notice]:
    """Append `[[items]] exercise = exercise_id` to the routine, creating it if needed.

    A new routine gets `id = routine_id` and `name`; an existing one keeps its own name and
    every other key. Returns notices about the file (for example that a corrupt file was moved
    aside). Raises `ValueError` for an id that is not kebab-case and `StorageError` when the
    file cannot be written (the file on disk is then unchanged).
    """
    if not KEBAB_CASE.match(routine_id):
        raise ValueError(f"routine id `{routine_id}` must be kebab-case, like `morning`")

    def change(document: dict[str, Any]) -> dict[str, Any]:
        updated: dict[str, Any] = {"id": routine_id, "name": name}
        updated.update(document)
        if not isinstance(updated.get("name"), str) or not updated["name"].strip():
            updated["name"] = name
        items = updated.get("items")
        items = list(items) if isinstance(items, list) else []
        items.append({"exercise": exercise_id})
        # `items` last, so the routine's own keys stay above its [[items]] tables.
        updated.pop("items", None)
        updated["items"] = items
        return updated

    read = update_toml(routine_path(paths, routine_id), ROUTINE_FILE, change)
    return list(read.notices)
