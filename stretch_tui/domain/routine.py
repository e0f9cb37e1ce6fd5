"""Routines: an ordered list of exercises with per-item dose overrides (docs/product.md 5).

Built-in routines live in `catalog/routines/`, the user's own in their `routines/` folder;
both are read with the same rules as exercise files, and every problem is reported as
`path:line: message`. A bad file is skipped while every good one still loads.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, cast

from attrs import evolve, frozen

from stretch_tui.domain.catalog import DOSE_FIELDS, Catalog
from stretch_tui.domain.exercise import Dose, Exercise, Sides
from stretch_tui.domain.preferences import NUMBER_LIMITS
from stretch_tui.domain.problems import KeyPath, Problem
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.validation import KEBAB_CASE, FileChecker, read_and_check

OVERRIDE_FIELDS: Final = (
    "seconds",
    "reps",
    "breaths",
    "tempo_seconds",
    "seconds_per_phase",
    "cycles",
)
"""The dose fields an item may override; which ones apply depends on the exercise's dose kind."""

RECOMMENDED_ID: Final = "recommended"
"""The id of the routine built from the profile; no routine file may use it."""

_TOP_REQUIRED = ("schema_version", "id", "name", "items")
_TOP_OPTIONAL = ("lead_in_seconds", "rest_seconds", "description")
_ONE_SIDED: Final = ("each", "alternate")


@frozen
class RoutineItem:
    """One exercise of a routine, with the dose fields it changes (None: as in the catalog)."""

    exercise_id: str
    seconds: int | None = None
    """`hold`: seconds per hold; `duration`: the whole timer."""
    reps: int | None = None
    """`hold`: holds per side; `reps`: repetitions."""
    breaths: int | None = None
    tempo_seconds: float | None = None
    seconds_per_phase: float | None = None
    cycles: int | None = None
    sides: Sides | None = None
    """Only for one-sided exercises: `each` (left, switch, right) or `alternate`."""

    def overrides(self) -> dict[str, Any]:
        """The fields this item sets, by name (sides included)."""
        names = (*OVERRIDE_FIELDS, "sides")
        values = {name: getattr(self, name) for name in names}
        return {name: value for name, value in values.items() if value is not None}


@frozen
class Routine:
    """A named, ordered list of exercises (docs/product.md 5)."""

    id: str
    name: str
    items: tuple[RoutineItem, ...]
    lead_in_seconds: int | None = None
    """Overrides the "get ready" length of Settings; None: use Settings."""
    rest_seconds: int | None = None
    """Overrides the rest between exercises of Settings; None: use Settings."""
    description: str = ""
    origin: str = ""
    """The file it was loaded from, for messages; empty for a routine made by code."""
    user_defined: bool = False
    """True for a routine from the user's own folder."""

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """The exercise of every item, in order."""
        return tuple(item.exercise_id for item in self.items)


def effective_dose(item: RoutineItem, exercise: Exercise) -> Dose:
    """The exercise's dose with the item's overrides applied.

    Fields that do not apply to the dose's kind are ignored (the loader already reported them),
    and so is a `sides` override for an exercise done with both sides at once.
    """
    wanted = {name for name, *_ in DOSE_FIELDS[exercise.dose.kind]}
    changes: dict[str, Any] = {
        name: value for name, value in item.overrides().items() if name in wanted
    }
    if item.sides is not None and exercise.dose.sides in _ONE_SIDED and item.sides in _ONE_SIDED:
        changes["sides"] = item.sides
    return evolve(exercise.dose, **changes) if changes else exercise.dose


def without_items(routine: Routine, indexes: set[int]) -> Routine:
    """The routine with the items at `indexes` removed (e.g. the ones a warning offered to skip)."""
    kept = tuple(item for index, item in enumerate(routine.items) if index not in indexes)
    return evolve(routine, items=kept)


def single_exercise_routine(exercise: Exercise) -> Routine:
    """A routine of one exercise, for "start this exercise alone" in the exercise detail."""
    return Routine(
        id=f"single-{exercise.id}",
        name=exercise.name,
        items=(RoutineItem(exercise.id),),
        description=f"{exercise.name} on its own.",
    )


def routine_to_document(routine: Routine) -> dict[str, Any]:
    """The routine as a TOML document (plain values), in the file format `parse_routine` reads."""
    document: dict[str, Any] = {"schema_version": 1, "id": routine.id, "name": routine.name}
    if routine.description:
        document["description"] = routine.description
    if routine.lead_in_seconds is not None:
        document["lead_in_seconds"] = routine.lead_in_seconds
    if routine.rest_seconds is not None:
        document["rest_seconds"] = routine.rest_seconds
    document["items"] = [
        {"exercise": item.exercise_id, **item.overrides()} for item in routine.items
    ]
    return document


def parse_routine(
    path: str, text: str, exercises: Mapping[str, Exercise]
) -> tuple[Routine | None, list[Problem]]:
    """Check one routine file's text against the exercises it may name.

    `exercises` maps the known exercise ids to their exercises (e.g. `Catalog.exercises`): an
    item naming another id is a problem, and so is an override that does not fit the named
    exercise's dose. Returns the routine, or None and every problem found.
    """

    def build(checker: FileChecker, document: dict[str, Any]) -> Routine | None:
        return _build_routine(checker, document, exercises)

    return read_and_check(path, text, build)


def load_routine_file(
    path: Path, exercises: Mapping[str, Exercise], taken_ids: set[str]
) -> tuple[Routine | None, list[Problem]]:
    """Read and check one routine file; an id in `taken_ids` is a problem."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(str(path), 1, f"not UTF-8 text ({error.reason})")]
    except OSError as error:
        return None, [Problem(str(path), 1, f"cannot read: {error.strerror or error}")]
    routine, problems = parse_routine(str(path), text, exercises)
    if routine is not None and routine.id in taken_ids:
        checker = FileChecker(str(path), text)
        checker.report(("id",), f"duplicate id `{routine.id}`: another routine already uses it")
        return None, checker.problems
    return routine, problems


def load_routines(
    catalog: Catalog, *, user_dir: Path | None = None, shipped_dir: Path | None = None
) -> tuple[dict[str, Routine], list[Problem]]:
    """Load the built-in routines and then the user's; bad files are skipped and reported.

    Items are checked against `catalog` (shipped and user exercises). A user routine cannot
    take the id of a built-in one: it is reported and skipped, so a built-in routine always
    means the same thing.
    """
    folder = shipped_dir if shipped_dir is not None else shipped_data_dir("catalog") / "routines"
    routines: dict[str, Routine] = {}
    problems: list[Problem] = []
    for directory, user_defined in ((folder, False), (user_dir, True)):
        for path in _toml_files(directory):
            routine, found = load_routine_file(path, catalog.exercises, set(routines))
            problems.extend(found)
            if routine is not None:
                routines[routine.id] = evolve(routine, user_defined=user_defined)
    return routines, problems


def _toml_files(directory: Path | None) -> list[Path]:
    if directory is None or not directory.is_dir():
        return []
    return sorted(directory.glob("*.toml"))


def _build_routine(
    checker: FileChecker, document: dict[str, Any], exercises: Mapping[str, Exercise]
) -> Routine | None:
    checker.check_keys(document, (), _TOP_REQUIRED, _TOP_OPTIONAL)
    routine_id = checker.text_value(document, (), "id")
    if routine_id is not None and not KEBAB_CASE.match(routine_id):
        checker.report(("id",), f'`id` "{routine_id}" must be kebab-case, like "morning"')
    elif routine_id == RECOMMENDED_ID:
        checker.report(("id",), f'`id` "{RECOMMENDED_ID}" is kept for the recommended routine')
    name = checker.text_value(document, (), "name")
    description = document.get("description", "")
    if not isinstance(description, str):
        checker.report(("description",), "`description` must be text")
        description = ""
    timings: dict[str, int | None] = {}
    for key in ("lead_in_seconds", "rest_seconds"):
        timings[key] = None
        if key in document:
            low, high = NUMBER_LIMITS[key]
            value = checker.number(document, (), key, low=low, high=high)
            timings[key] = int(value) if value is not None else None
    items = _build_items(checker, document, exercises)
    if checker.problems:
        return None
    return Routine(
        id=cast(str, routine_id),
        name=cast(str, name),
        items=items,
        lead_in_seconds=timings["lead_in_seconds"],
        rest_seconds=timings["rest_seconds"],
        description=description.strip(),
        origin=checker.path,
    )


def _build_items(
    checker: FileChecker, document: Mapping[str, Any], exercises: Mapping[str, Exercise]
) -> tuple[RoutineItem, ...]:
    if "items" not in document:
        return ()  # check_keys reported it
    entries = checker.tables(document, (), "items")
    if isinstance(document["items"], list) and not document["items"]:
        checker.report(("items",), "`items` needs at least one exercise")
    items = []
    for where, entry in entries:
        item = _build_item(checker, where, entry, exercises)
        if item is not None:
            items.append(item)
    return tuple(items)


def _build_item(
    checker: FileChecker,
    where: KeyPath,
    entry: Mapping[str, Any],
    exercises: Mapping[str, Exercise],
) -> RoutineItem | None:
    before = len(checker.problems)
    checker.check_keys(entry, where, ("exercise",), (*OVERRIDE_FIELDS, "sides"))
    exercise_id = checker.text_value(entry, where, "exercise") if "exercise" in entry else None
    exercise = exercises.get(exercise_id) if exercise_id is not None else None
    if exercise_id is not None and exercise is None:
        close = difflib.get_close_matches(exercise_id, list(exercises), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        checker.report((*where, "exercise"), f"unknown exercise `{exercise_id}`{hint}")
    values: dict[str, Any] = {}
    for key in OVERRIDE_FIELDS:
        if key in entry:
            values[key] = _override_value(checker, where, entry, key, exercise)
    if "sides" in entry:
        values["sides"] = _sides_value(checker, where, entry, exercise)
    if len(checker.problems) > before or exercise_id is None:
        return None
    return RoutineItem(exercise_id=exercise_id, **values)


def _override_value(
    checker: FileChecker,
    where: KeyPath,
    entry: Mapping[str, Any],
    key: str,
    exercise: Exercise | None,
) -> int | float | None:
    if exercise is None:
        # The exercise is unknown (already reported): still catch a value of the wrong type,
        # with the widest range any dose kind allows.
        specs = [spec for fields in DOSE_FIELDS.values() for spec in fields if spec[0] == key]
        whole = all(spec[2] for spec in specs)
        low, high = min(spec[3] for spec in specs), max(spec[4] for spec in specs)
    else:
        kind = exercise.dose.kind
        fields = {spec[0]: spec for spec in DOSE_FIELDS[kind]}
        if key not in fields:
            takes = ", ".join(fields)
            checker.report(
                (*where, key),
                f"`{key}` does not apply to `{exercise.id}`, a `{kind}` dose (it takes {takes})",
            )
            return None
        _, _, whole, low, high = fields[key]
    value = checker.number(entry, where, key, low=low, high=high, whole=whole)
    if value is None:
        return None
    return int(value) if whole else value


def _sides_value(
    checker: FileChecker, where: KeyPath, entry: Mapping[str, Any], exercise: Exercise | None
) -> Sides | None:
    sides = checker.word(entry, where, "sides", _ONE_SIDED)
    if sides is None or exercise is None:
        return None
    # An exercise drawn and dosed for both sides at once has no left and right to split;
    # a one-sided one may only change how its sides take turns, never drop one.
    if exercise.dose.sides == "both":
        checker.report(
            (*where, "sides"),
            f"`sides` does not apply to `{exercise.id}`: it works both sides at once",
        )
        return None
    return cast(Sides, sides)
