"""Adding an exercise to one of the user's routines, `routines/ID.toml` (DESIGN 5 and 8).

The exercise detail's "add to routine" lists the user's routines and appends an item to one,
or starts a new routine. The append re-reads the file under its lock and writes it atomically
(`update_toml`), so a routine edited in another instance or by hand keeps everything else it
holds, and a routine that does not parse is moved aside (and reported) rather than lost.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from stretch_tui.domain.validation import KEBAB_CASE
from stretch_tui.storage.notices import Notice
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import FileKind, unchanged, update_toml

ROUTINE_FILE: Final = FileKind("routine", 1, {0: unchanged})
"""Version 1 is the format of DESIGN 5; a version-0 file is one without `schema_version`."""


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


def new_routine_id(paths: AppPaths, name: str) -> str:
    """A kebab-case id made from the name that no routine file uses yet.

    "Morning loosen-up" becomes `morning-loosen-up`; if that file exists, `morning-loosen-up-2`.
    """
    base = _NOT_ID.sub("-", name.casefold()).strip("-")[:40].strip("-") or "routine"
    candidate, number = base, 1
    while routine_path(paths, candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


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
