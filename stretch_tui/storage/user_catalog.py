"""The user's own exercises and routines, `exercises/*.toml` and `routines/*.toml` (DESIGN 3, 5).

Both are checked with the same rules as the shipped catalog: a bad file is reported as
`path:line: message` and skipped, every good file still loads. Routines are returned as checked
documents for now; their domain model comes with the routine builder.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from stretch_tui.domain.catalog import Catalog, load_catalog
from stretch_tui.domain.problems import Problem
from stretch_tui.domain.validation import KEBAB_CASE, FileChecker, read_and_check
from stretch_tui.storage.paths import AppPaths

_ROUTINE_REQUIRED: Final = ("schema_version", "id", "name", "items")
_ROUTINE_OPTIONAL: Final = ("summary", "lead_in_seconds", "rest_seconds")
# Dose fields an item may override: (whole number, low, high), as the catalog allows them.
_ITEM_OVERRIDES: Final[Mapping[str, tuple[bool, float, float]]] = {
    "seconds": (True, 1, 7200),
    "reps": (True, 1, 200),
    "breaths": (True, 1, 100),
    "tempo_seconds": (False, 0.5, 60),
    "seconds_per_phase": (False, 0.5, 120),
    "cycles": (True, 1, 100),
}
_ROUTINE_TIMES: Final[Mapping[str, tuple[float, float]]] = {
    "lead_in_seconds": (0, 60),
    "rest_seconds": (0, 300),
}


def load_user_catalog(paths: AppPaths) -> Catalog:
    """The shipped exercises and the user's own; bad user files are in `problems`."""
    return load_catalog(user_dir=paths.exercises_dir)


@frozen
class CheckedRoutine:
    """A routine file of the user's that passed its checks."""

    id: str
    name: str
    path: Path
    document: dict[str, Any]
    """The checked document, as in the file (without `schema_version`)."""


@frozen
class CheckedRoutines:
    """The user's routines that loaded, by id, and the problems of those that did not."""

    routines: dict[str, CheckedRoutine]
    problems: list[Problem]


def load_user_routines(paths: AppPaths, known_ids: Collection[str]) -> CheckedRoutines:
    """Check every `routines/*.toml`; `known_ids` are the exercise ids items may name."""
    routines: dict[str, CheckedRoutine] = {}
    problems: list[Problem] = []
    folder = paths.routines_dir
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(str(path), 1, f"not UTF-8 text ({error.reason})"))
            continue
        except OSError as error:
            problems.append(Problem(str(path), 1, f"cannot read: {error.strerror or error}"))
            continue
        document, found = parse_routine(str(path), text, known_ids, taken=set(routines))
        problems.extend(found)
        if document is not None:
            routine_id, name = document["id"], document["name"]
            routines[routine_id] = CheckedRoutine(routine_id, name, path, document)
    return CheckedRoutines(routines, problems)


def parse_routine(
    path: str, text: str, known_ids: Collection[str], taken: Collection[str] = ()
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Check one routine file's text: the document (without `schema_version`), or None and
    every problem found. `taken` are routine ids already defined by other files."""

    def build(checker: FileChecker, document: dict[str, Any]) -> dict[str, Any] | None:
        checker.check_keys(document, (), _ROUTINE_REQUIRED, _ROUTINE_OPTIONAL)
        routine_id = checker.text_value(document, (), "id")
        if routine_id is not None and not KEBAB_CASE.fullmatch(routine_id):
            checker.report(("id",), f'`id` "{routine_id}" must be kebab-case, like "morning"')
        elif routine_id is not None and routine_id in taken:
            checker.report(("id",), f"duplicate routine id `{routine_id}`")
        checker.text_value(document, (), "name")
        if "summary" in document:
            checker.text_value(document, (), "summary")
        for key, (low, high) in _ROUTINE_TIMES.items():
            if key in document:
                checker.number(document, (), key, low=low, high=high)
        items = checker.tables(document, (), "items")
        if not items and isinstance(document.get("items"), list):
            checker.report(("items",), "`items` must name at least one exercise")
        for where, item in items:
            _check_item(checker, where, item, known_ids)
        return {key: value for key, value in document.items() if key != "schema_version"}

    return read_and_check(path, text, build)


def _check_item(
    checker: FileChecker, where: Any, item: Mapping[str, Any], known_ids: Collection[str]
) -> None:
    checker.check_keys(item, where, ("exercise",), tuple(_ITEM_OVERRIDES))
    exercise = checker.text_value(item, where, "exercise")
    if exercise is not None and exercise not in known_ids:
        checker.report((*where, "exercise"), f"unknown exercise `{exercise}`")
    for key, (whole, low, high) in _ITEM_OVERRIDES.items():
        if key in item:
            checker.number(item, where, key, low=low, high=high, whole=whole)
