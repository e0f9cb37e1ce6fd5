"""Reading and validating exercise files: the shipped catalog and the user's own
(docs/product.md 3).

Every problem is reported as `path:line: message`; a bad file is skipped while every good
file still loads.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, cast

from attrs import Factory, evolve, frozen

from stretch_tui.domain import figure
from stretch_tui.domain import vocabulary as vocab
from stretch_tui.domain.exercise import (
    DEFAULT_HOLD_REPS,
    Caution,
    Dose,
    Exercise,
    Pose,
    PoseFrame,
    Source,
)
from stretch_tui.domain.problems import KeyPath, Problem
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.validation import (
    KEBAB_CASE,
    Checked,
    FileChecker,
    check_file,
    direction_rule_gap,
)

_TOP_REQUIRED = (
    "schema_version",
    "id",
    "name",
    "kind",
    "targets",
    "position",
    "direction",
    "difficulty",
    "steps",
    "dose",
    "pose",
)
_TOP_OPTIONAL = ("aliases", "summary", "sources", "cautions", "tips", "props", "equipment")

DOSE_FIELDS: dict[str, tuple[tuple[str, bool, bool, float, float], ...]] = {
    "hold": (("seconds", False, True, 1, 600), ("reps", False, True, 1, 20)),
    "breaths": (("breaths", True, True, 1, 100),),
    "reps": (("reps", True, True, 1, 200), ("tempo_seconds", True, False, 0.5, 60)),
    "cycles": (("seconds_per_phase", True, False, 0.5, 120), ("cycles", True, True, 1, 100)),
    "duration": (("seconds", True, True, 1, 7200),),
}
"""Which dose fields each kind takes: (name, required, whole number, low, high).

A hold without `seconds` takes the user's default hold length (Settings) when planned.
"""
_ALL_DOSE_FIELDS = sorted({name for fields in DOSE_FIELDS.values() for name, *_ in fields})

MAX_DEFAULT_NOTE = 90
"""`dose.default_note` is one line under the instruction: it must fit 80 columns."""

MAX_POSE_FRAMES = 12
"""More frames than this is not a pose but a film."""


@frozen
class Catalog:
    """The exercises that loaded, and the problems of the files that did not."""

    exercises: dict[str, Exercise]
    """By id, shipped exercises first, then the user's, each group sorted by file name."""
    problems: list[Problem]
    warnings: list[Problem] = Factory(list)
    """Things to tell about files that loaded anyway (a user's exercise that breaks the
    direction rule of docs/product.md 3.1)."""

    def get(self, exercise_id: str) -> Exercise | None:
        """The exercise with that id, or None."""
        return self.exercises.get(exercise_id)


def parse_exercise(
    path: str, text: str, *, shipped: bool = False
) -> tuple[Exercise | None, list[Problem]]:
    """Check one exercise file's text; the exercise, or None and every problem found.

    Warnings are left out; `check_exercise` has them too.
    """
    checked = check_exercise(path, text, shipped=shipped)
    return checked.value, checked.problems


def check_exercise(path: str, text: str, *, shipped: bool = False) -> Checked[Exercise]:
    """Check one exercise file's text: the exercise (None on any problem), problems, warnings.

    The direction rule of docs/product.md 3.1 (an extension or flexion exercise carries a caution
    for the other responder type) is a problem in a `shipped` file and a warning in a user's.
    """
    return check_file(path, text, partial(_build_exercise, shipped=shipped))


def load_exercise_file(
    path: Path, known_ids: Collection[str], *, shipped: bool = False
) -> Checked[Exercise]:
    """Read and check one exercise file; an id already in `known_ids` is a problem."""
    return with_duplicate_check(path, read_exercise_file(path, shipped=shipped), known_ids)


def read_exercise_file(path: Path, *, shipped: bool = False) -> Checked[Exercise]:
    """Read and check one exercise file on its own (whether another file has its id is
    `with_duplicate_check`'s question)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return Checked(None, [Problem(str(path), 1, f"not UTF-8 text ({error.reason})")], [])
    except OSError as error:
        return Checked(None, [Problem(str(path), 1, f"cannot read: {error.strerror or error}")], [])
    return check_exercise(str(path), text, shipped=shipped)


def with_duplicate_check(
    path: Path, checked: Checked[Exercise], known_ids: Collection[str]
) -> Checked[Exercise]:
    """`checked` as it is, or, when its exercise's id is already in `known_ids`, no exercise
    and a problem at the line of the file's `id`."""
    if checked.value is None or checked.value.id not in known_ids:
        return checked
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""  # gone or changed since it was read: the problem goes on line 1
    checker = FileChecker(str(path), text)
    message = f"duplicate id `{checked.value.id}`: another file already defines it"
    checker.report(("id",), message)
    return Checked(None, checker.problems, [])


def shipped_exercises_dir() -> Path:
    """The folder of the exercises shipped with the app."""
    return shipped_data_dir("catalog") / "exercises"


def is_shipped_exercise_file(path: Path) -> bool:
    """True when `path` is one of the shipped exercise files (held to the stricter rules)."""
    try:
        return path.resolve().parent == shipped_exercises_dir().resolve()
    except FileNotFoundError:
        return False


ExerciseFilesReader = Callable[[Path, list[str], bool], list[Checked[Exercise]]]
"""Checks exercise files: given a folder, the names of its exercise files and whether they are
the shipped ones (held to the stricter rules), one result per name in the same order, each as
`read_exercise_file(folder / name, shipped=shipped)` would give it, or already marked
`user_defined` as the catalog holds it. Storage passes one that keeps a cache."""


def read_exercise_files(folder: Path, names: list[str], shipped: bool) -> list[Checked[Exercise]]:
    """Each file read and checked on its own (the default `ExerciseFilesReader`)."""
    return [read_exercise_file(folder / name, shipped=shipped) for name in names]


def load_catalog(
    user_dir: Path | None = None,
    shipped_dir: Path | None = None,
    *,
    read_files: ExerciseFilesReader = read_exercise_files,
) -> Catalog:
    """Load the shipped exercises and then the user's; bad files are skipped and reported."""
    exercises: dict[str, Exercise] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    folders = ((shipped_dir or shipped_exercises_dir(), True), (user_dir, False))
    for folder, shipped in folders:
        if folder is None:
            continue
        names = exercise_file_names(folder)
        for name, checked in zip(names, read_files(folder, names, shipped), strict=True):
            exercise = checked.value
            if exercise is not None and exercise.id in exercises:
                checked = with_duplicate_check(folder / name, checked, exercises)
                exercise = None
            if checked.problems:
                problems.extend(checked.problems)
            if checked.warnings:
                warnings.extend(checked.warnings)
            if exercise is not None:
                if exercise.user_defined == shipped:
                    exercise = evolve(exercise, user_defined=not shipped)
                exercises[exercise.id] = exercise
    return Catalog(exercises=exercises, problems=problems, warnings=warnings)


def load_shipped_catalog() -> Catalog:
    """The catalog shipped with the app, without the user's files."""
    return load_catalog()


def exercise_file_names(directory: Path) -> list[str]:
    """The names of a folder's exercise files (`*.toml`), sorted; none when it is missing.

    Names rather than paths: listing a folder of 5,000 files as `Path` objects costs more than
    reading it (docs/product.md 10).
    """
    try:
        with os.scandir(directory) as entries:
            return sorted(entry.name for entry in entries if entry.name.endswith(".toml"))
    except OSError:  # missing, not a folder, or not readable
        return []


def _build_exercise(
    checker: FileChecker, document: dict[str, Any], *, shipped: bool = False
) -> Exercise | None:
    checker.check_keys(document, (), _TOP_REQUIRED, _TOP_OPTIONAL)
    exercise_id = checker.text_value(document, (), "id")
    if exercise_id is not None and not KEBAB_CASE.match(exercise_id):
        checker.report(("id",), f'`id` "{exercise_id}" must be kebab-case, like "cat-cow"')
    name = checker.text_value(document, (), "name")
    kind = checker.word(document, (), "kind", vocab.KINDS)
    targets = checker.text_list(document, (), "targets", vocabulary=vocab.TARGETS, non_empty=True)
    position = checker.word(document, (), "position", vocab.POSITIONS)
    direction = checker.word(document, (), "direction", vocab.DIRECTIONS)
    difficulty = checker.word(document, (), "difficulty", vocab.DIFFICULTIES)
    steps = checker.text_list(document, (), "steps", non_empty=True)
    lists = {key: checker.text_list(document, (), key) for key in _OPTIONAL_LISTS}
    summary = document.get("summary", "")
    if not isinstance(summary, str):
        checker.report(("summary",), "`summary` must be text")
    dose = _build_dose(checker, document)
    pose = _build_pose(checker, document)
    cautions = _build_cautions(checker, document)
    sources = _build_sources(checker, document)
    if direction is not None:
        gap = direction_rule_gap(direction, ((c.who, c.level) for c in cautions))
        if gap is not None:
            (checker.report if shipped else checker.warn)(("direction",), gap)
    if checker.problems:
        return None
    return Exercise(
        id=cast(str, exercise_id),
        name=cast(str, name),
        kind=cast(Any, kind),
        targets=cast(tuple[str, ...], targets),
        position=cast(str, position),
        direction=cast(Any, direction),
        difficulty=cast(Any, difficulty),
        dose=cast(Dose, dose),
        steps=cast(tuple[str, ...], steps),
        pose=cast(Pose, pose),
        sources=sources,
        aliases=lists["aliases"] or (),
        summary=str(summary),
        cautions=cautions,
        tips=lists["tips"] or (),
        props=lists["props"] or (),
        equipment=lists["equipment"] or (),
        origin=checker.path,
    )


_OPTIONAL_LISTS = ("aliases", "tips", "props", "equipment")


def _build_dose(checker: FileChecker, document: Mapping[str, Any]) -> Dose | None:
    if "dose" not in document:
        return None
    dose = checker.table(document, (), "dose")
    if dose is None:
        return None
    where: KeyPath = ("dose",)
    checker.check_keys(dose, where, ("kind",), ("sides", "default_note", *_ALL_DOSE_FIELDS))
    note_ok, note = _default_note(checker, dose)
    kind = checker.word(dose, where, "kind", vocab.DOSE_KINDS)
    sides = checker.word(dose, where, "sides", vocab.SIDES) if "sides" in dose else "both"
    if kind is None or sides is None:
        return None
    fields = DOSE_FIELDS[kind]
    wanted = {name for name, *_ in fields}
    values: dict[str, float | None] = {}
    for key in dose:
        if key in _ALL_DOSE_FIELDS and key not in wanted:
            checker.report((*where, key), f"`dose.{key}` does not apply to a `{kind}` dose")
    for name, required, whole, low, high in fields:
        if name not in dose:
            if required:
                checker.report(where, f"missing `dose.{name}` (a `{kind}` dose needs it)")
            continue
        values[name] = checker.number(dose, where, name, low=low, high=high, whole=whole)
    if kind == "hold":
        values.setdefault("reps", DEFAULT_HOLD_REPS)
    if any(value is None for value in values.values()) or not note_ok:
        return None
    whole_fields = {name for name, _, whole, *_ in fields if whole}
    arguments = {
        name: int(value) if name in whole_fields else value
        for name, value in values.items()
        if value is not None
    }
    return Dose(
        kind=cast(Any, kind),
        sides=cast(Any, sides),
        default_note=note,
        **arguments,  # type: ignore[arg-type]
    )


def _default_note(checker: FileChecker, dose: Mapping[str, Any]) -> tuple[bool, str | None]:
    """(True, the dose's `default_note` or None when it has none), or (False, None) with a
    problem recorded."""
    if "default_note" not in dose:
        return True, None
    note = checker.text_value(dose, ("dose",), "default_note")
    if note is None:
        return False, None
    if "\n" in note.strip() or len(note.strip()) > MAX_DEFAULT_NOTE:
        checker.report(
            ("dose", "default_note"),
            f"`dose.default_note` must be one line of at most {MAX_DEFAULT_NOTE} characters "
            f"(it has {len(note.strip())})",
        )
        return False, None
    return True, note.strip()


def _build_pose(checker: FileChecker, document: Mapping[str, Any]) -> Pose | None:
    if "pose" not in document:
        return None
    pose = checker.table(document, (), "pose")
    if pose is None:
        return None
    if "keys" in pose or "model" in pose:
        return _build_model_pose(checker, pose)
    checker.check_keys(pose, ("pose",), ("frames",))
    entries = checker.tables(pose, ("pose",), "frames")
    if "frames" in pose and not entries:
        checker.report(("pose",), "`pose.frames` needs at least one frame")
        return None
    if len(entries) > MAX_POSE_FRAMES:
        checker.report(("pose",), f"`pose.frames` has {len(entries)} frames; at most 12")
        return None
    frames = []
    betweens: list[tuple[KeyPath, list[str] | None]] = []
    for where, entry in entries:
        checker.check_keys(entry, where, ("art",), ("cue", "between"))
        art = checker.text_value(entry, where, "art")
        cue = entry.get("cue", "")
        if not isinstance(cue, str):
            checker.report((*where, "cue"), "`pose.frames.cue` must be text")
            cue = ""
        if "between" in entry:
            betweens.append((where, _between(checker, where, entry["between"])))
        if art is None:
            continue
        frame = _check_frame(checker, where, art)
        if frame is not None:
            frames.append(PoseFrame(art=frame, cue=cue))
    if len(frames) != len(entries):
        return None
    if not betweens:
        return Pose(frames=_same_size(frames))
    drawn = _drawn_loop(checker, entries, betweens, frames)
    if drawn is None:
        return None
    arts = _same_size_art([frame.art for frame in frames] + drawn)
    sized = tuple(
        PoseFrame(art=art, cue=frame.cue) for art, frame in zip(arts, frames, strict=False)
    )
    return Pose(frames=sized, drawn=_loop_order(arts[: len(frames)], arts[len(frames) :]))


def _between(checker: FileChecker, where: KeyPath, value: object) -> list[str] | None:
    """One frame's `between`: drawings (checked as frames are) from it toward the next."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        checker.report((*where, "between"), "`pose.frames.between` must be a list of drawings")
        return None
    drawings = [_check_frame(checker, where, art, key="between") for art in value]
    if any(drawing is None for drawing in drawings):
        return None
    return [drawing for drawing in drawings if drawing is not None]


def _drawn_loop(
    checker: FileChecker,
    entries: list[tuple[KeyPath, Mapping[str, Any]]],
    betweens: list[tuple[KeyPath, list[str] | None]],
    frames: list[PoseFrame],
) -> list[str] | None:
    """Every frame's in-betweens, in order, when each frame has the same number (at least
    `figure.MIN_TWEENS`); otherwise None with the problems recorded."""
    if len(frames) < 2:
        checker.report(("pose",), "`pose.frames.between` needs at least two frames to move between")
        return None
    given = {where: drawings for where, drawings in betweens}
    missing = [where for where, _ in entries if where not in given]
    for where in missing:
        checker.report(
            where,
            "this frame has no `between`; when one frame has in-between drawings, every frame "
            "needs them",
        )
    if missing or any(drawings is None for drawings in given.values()):
        return None
    counts = [len(given[where] or []) for where, _ in entries]
    for (where, _), count in zip(entries, counts, strict=True):
        if count < figure.MIN_TWEENS:
            checker.report(
                (*where, "between"),
                f"`pose.frames.between` has {count} drawings; at least {figure.MIN_TWEENS}",
            )
            return None
        if count != counts[0]:
            checker.report(
                (*where, "between"),
                f"`pose.frames.between` has {count} drawings but the first frame's has "
                f"{counts[0]}; every frame needs the same number",
            )
            return None
    return [art for where, _ in entries for art in given[where] or []]


def _loop_order(frames: list[str], drawn: list[str]) -> tuple[str, ...]:
    """Each frame's drawing followed by its in-betweens, frame after frame."""
    per_frame = len(drawn) // len(frames)
    loop: list[str] = []
    for index, art in enumerate(frames):
        loop.append(art)
        loop.extend(drawn[index * per_frame : (index + 1) * per_frame])
    return tuple(loop)


def _build_model_pose(checker: FileChecker, pose: Mapping[str, Any]) -> Pose | None:
    """A pose made from key poses of the stick figure (`stretch_tui.domain.figure`)."""
    if not checker.check_keys(pose, ("pose",), ("model", "keys")):
        return None
    model = checker.table(pose, ("pose",), "model")
    entries = checker.tables(pose, ("pose",), "keys")
    if model is None:
        return None
    where: KeyPath = ("pose", "model")
    checker.check_keys(model, where, ("width", "height"), ("tweens", "floor"))
    width = checker.number(model, where, "width", low=8, high=vocab.POSE_MAX_COLUMNS)
    height = checker.number(model, where, "height", low=3, high=vocab.POSE_MAX_ROWS)
    tweens = (
        checker.number(model, where, "tweens", low=figure.MIN_TWEENS, high=figure.MAX_TWEENS)
        if "tweens" in model
        else float(figure.DEFAULT_TWEENS)
    )
    floor = model.get("floor", True)
    if not isinstance(floor, bool):
        checker.report((*where, "floor"), "`pose.model.floor` must be true or false")
        return None
    if not entries:
        checker.report(("pose",), "`pose.keys` needs at least one key pose")
        return None
    if len(entries) > MAX_POSE_FRAMES:
        checker.report(("pose",), f"`pose.keys` has {len(entries)} key poses; at most 12")
        return None
    if width is None or height is None or tweens is None:
        return None
    keys = []
    for key_where, entry in entries:
        key = _key_pose(checker, key_where, entry, int(width), int(height))
        if key is not None:
            keys.append(key)
    if len(keys) != len(entries):
        return None
    for (key_where, _), key in zip(entries, keys, strict=True):
        if key.names != keys[0].names:
            checker.report(
                key_where,
                "every key pose must place the same joints; this one places "
                f"{', '.join(key.names)} but the first places {', '.join(keys[0].names)}",
            )
            return None
    model_value = figure.FigureModel(
        width=int(width), height=int(height), keys=tuple(keys), tweens=int(tweens), floor=floor
    )
    frames = tuple(
        PoseFrame(art=art, cue=key.cue)
        for art, key in zip(model_value.key_drawings(), keys, strict=True)
    )
    return Pose(frames=frames, model=model_value)


def _key_pose(
    checker: FileChecker, where: KeyPath, entry: Mapping[str, Any], width: int, height: int
) -> figure.KeyPose | None:
    """One `[[pose.keys]]` table: a cue and joints as [x, y] inside the grid, above the floor."""
    if not checker.check_keys(entry, where, figure.REQUIRED_JOINTS, ("cue", *_OPTIONAL_JOINTS)):
        return None
    cue = entry.get("cue", "")
    if not isinstance(cue, str):
        checker.report((*where, "cue"), "`pose.keys.cue` must be text")
        return None
    joints: dict[str, figure.Point] = {}
    for name in figure.JOINTS:
        if name not in entry:
            continue
        value = entry[name]
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in value)
        ):
            checker.report(
                (*where, name), f"`pose.keys.{name}` must be [x, y], two numbers, not {value!r}"
            )
            return None
        x, y = float(value[0]), float(value[1])
        if not (0 <= x <= width - 1 and 1 <= y < height):
            checker.report(
                (*where, name),
                f"`pose.keys.{name}` is [{x:g}, {y:g}]; x must be 0 to {width - 1} and y 1 "
                f"(on the floor) to below {height} (the model's width and height)",
            )
            return None
        joints[name] = (x, y)
    for pair in figure.JOINT_PAIRS:
        if (pair[0] in joints) != (pair[1] in joints):
            given = pair[0] if pair[0] in joints else pair[1]
            checker.report(
                (*where, given), f"`{pair[0]}` and `{pair[1]}` go together: give both or neither"
            )
            return None
    return figure.KeyPose.of(joints, cue)


_OPTIONAL_JOINTS = tuple(name for name in figure.JOINTS if name not in figure.REQUIRED_JOINTS)


def _same_size(frames: list[PoseFrame]) -> tuple[PoseFrame, ...]:
    """Pad every frame to the pose's widest and tallest, blank rows on top.

    So the floor line stays put while the runner animates, and mirroring flips every frame
    about the same axis.
    """
    arts = _same_size_art([frame.art for frame in frames])
    return tuple(PoseFrame(art=art, cue=frame.cue) for art, frame in zip(arts, frames, strict=True))


def _same_size_art(arts: list[str]) -> list[str]:
    """Drawings padded to the widest and tallest of them, blank rows on top."""
    width = max(len(line) for art in arts for line in art.split("\n"))
    height = max(len(art.split("\n")) for art in arts)
    padded = []
    for art in arts:
        lines = [line.ljust(width) for line in art.split("\n")]
        padded.append("\n".join([" " * width] * (height - len(lines)) + lines))
    return padded


def normalise_art(art: str) -> str:
    """Drop blank lines above and below and trailing spaces, then pad lines to one width."""
    lines = [line.rstrip() for line in art.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    width = max((len(line) for line in lines), default=0)
    return "\n".join(line.ljust(width) for line in lines)


def _check_frame(checker: FileChecker, where: KeyPath, art: str, *, key: str = "art") -> str | None:
    bad = sorted({char for char in art if char != "\n" and not " " <= char <= "~"})
    if bad:
        shown = ", ".join(repr(char) for char in bad[:5])
        message = f"pose frame uses characters that are not plain ASCII: {shown}"
        checker.report((*where, key), message)
        return None
    frame = normalise_art(art)
    lines = frame.split("\n")
    width = max(len(line) for line in lines)
    if width > vocab.POSE_MAX_COLUMNS or len(lines) > vocab.POSE_MAX_ROWS:
        checker.report(
            (*where, key),
            f"pose frame is {width} columns x {len(lines)} rows; "
            f"at most {vocab.POSE_MAX_COLUMNS} x {vocab.POSE_MAX_ROWS}",
        )
        return None
    return frame


def _build_cautions(checker: FileChecker, document: Mapping[str, Any]) -> tuple[Caution, ...]:
    cautions = []
    for where, entry in checker.tables(document, (), "cautions"):
        checker.check_keys(entry, where, ("who", "level", "why"))
        who = checker.word(entry, where, "who", vocab.CAUTION_WHO)
        level = checker.word(entry, where, "level", vocab.CAUTION_LEVELS)
        why = checker.text_value(entry, where, "why")
        if who and level and why:
            cautions.append(Caution(who=cast(Any, who), level=cast(Any, level), why=why))
    return tuple(cautions)


def _build_sources(checker: FileChecker, document: Mapping[str, Any]) -> tuple[Source, ...]:
    sources = []
    for where, entry in checker.tables(document, (), "sources"):
        checker.check_keys(entry, where, ("article", "item"))
        article = checker.text_value(entry, where, "article")
        item = checker.text_value(entry, where, "item")
        if article and item:
            sources.append(Source(article=article, item=item))
    return tuple(sources)


def filter_exercises(
    exercises: Iterable[Exercise],
    *,
    area: str | None = None,
    position: str | None = None,
    safe_for: str | None = None,
) -> list[Exercise]:
    """The exercises that work `area`, start in `position`, and are not `avoid` for `safe_for`.

    `stretch-tui list --safe-for` is stricter: it keeps what the pre-session check would not
    flag (`stretch_tui.domain.session_check.suits`).
    """
    return [
        exercise
        for exercise in exercises
        if (area is None or area in exercise.targets)
        and (position is None or exercise.position == position)
        and (safe_for is None or exercise.verdict_for(safe_for) != "avoid")
    ]
