"""`list`, `show` and `check`: the catalog on the command line."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from stretch_tui.domain.catalog import (
    Catalog,
    filter_exercises,
    is_shipped_exercise_file,
    load_catalog,
    load_exercise_file,
)
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.guidance import (
    Advice,
    Article,
    load_advice,
    load_articles,
    parse_advice,
    parse_articles,
)
from stretch_tui.domain.problems import Problem
from stretch_tui.domain.routine import parse_routine
from stretch_tui.domain.screening import parse_screening
from stretch_tui.domain.session_check import suits
from stretch_tui.storage.paths import AppPaths

SHOW_ADVICE = ("start-small", "tension-not-pain", "breathe-and-relax")
"""The general advice `show` ends with: what matters while doing any one exercise."""

JSON_SCHEMA = 1
"""Version of the `list --json` shape; bumped only when a field changes meaning or goes."""

_EXIT_OK, _EXIT_FAILURE, _EXIT_USAGE = 0, 1, 2


def run_list(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print the exercises, as a table or as JSON, filtered as asked."""
    catalog = _load(paths)
    exercises = filter_exercises(catalog.exercises.values(), area=args.area, position=args.position)
    if args.safe_for is not None:
        # What the pre-session check would not flag for that type (README, `--safe-for`).
        exercises = [exercise for exercise in exercises if suits(exercise, args.safe_for)]
    if args.json:
        document = {"schema": JSON_SCHEMA, "exercises": [exercise_json(e) for e in exercises]}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return _EXIT_OK
    rows = [("ID", "NAME", "POSITION", "DIRECTION", "LEVEL", "DOSE")]
    rows += [
        (e.id, e.name, e.position, e.direction, e.difficulty, e.dose.describe()) for e in exercises
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
    print(f"\n{len(exercises)} of {len(catalog.exercises)} exercises")
    return _EXIT_OK


def exercise_json(exercise: Exercise) -> dict[str, Any]:
    """The stable JSON form of an exercise for `list --json` (documented in the README)."""
    dose = {
        key: value
        for key, value in (
            ("kind", exercise.dose.kind),
            ("sides", exercise.dose.sides),
            ("seconds", exercise.dose.seconds),
            ("reps", exercise.dose.reps),
            ("breaths", exercise.dose.breaths),
            ("tempo_seconds", exercise.dose.tempo_seconds),
            ("seconds_per_phase", exercise.dose.seconds_per_phase),
            ("cycles", exercise.dose.cycles),
            ("default_note", exercise.dose.default_note),
        )
        if value is not None
    }
    return {
        "id": exercise.id,
        "name": exercise.name,
        "aliases": list(exercise.aliases),
        "summary": exercise.summary,
        "kind": exercise.kind,
        "targets": list(exercise.targets),
        "position": exercise.position,
        "direction": exercise.direction,
        "difficulty": exercise.difficulty,
        "dose": dose,
        "cautions": [{"who": c.who, "level": c.level, "why": c.why} for c in exercise.cautions],
        "sources": [{"article": s.article, "item": s.item} for s in exercise.sources],
        "pose_frames": len(exercise.pose.frames),
        "user": exercise.user_defined,
    }


def run_show(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print one exercise: pose, dose, steps, cautions, tips, props and sources."""
    catalog = _load(paths)
    exercise = catalog.get(args.exercise_id)
    if exercise is None:
        close = difflib.get_close_matches(args.exercise_id, list(catalog.exercises), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `stretch-tui list` shows them"
        print(f"stretch-tui: no exercise `{args.exercise_id}`{hint}", file=sys.stderr)
        return _EXIT_USAGE
    advice = [item for item in load_advice() if item.id in SHOW_ADVICE]
    print(render_exercise(exercise, load_articles(), side=args.side, advice=advice))
    return _EXIT_OK


def render_exercise(
    exercise: Exercise,
    articles: dict[str, Article],
    side: str = "left",
    advice: Sequence[Advice] = (),
) -> str:
    """An exercise as plain text for the terminal, its pose, steps, cues and tips for `side`
    (the catalog writes them for the left side), then `advice`."""
    exercise = exercise.for_side(side)
    pose = exercise.pose
    lines = [
        f"{exercise.name}  ({exercise.id})",
        f"{exercise.difficulty} | {exercise.position} | {exercise.direction} | {exercise.kind}",
    ]
    if exercise.summary:
        lines.append(exercise.summary)
    lines += ["", f"Works:  {', '.join(exercise.targets)}", f"Dose:   {exercise.dose.describe()}"]
    if exercise.dose.default_note:
        lines.append(_wrap(exercise.dose.default_note, " " * 8))
    if exercise.dose.sides != "both":
        lines.append(f"Drawn for the {side} side.")
    for number, frame in enumerate(pose.frames, start=1):
        lines.append("")
        if frame.cue:
            prefix = f"{number}. " if pose.animated else ""
            lines.append(f"  {prefix}{frame.cue}")
        lines += [f"    {row}".rstrip() for row in frame.art.split("\n")]
    lines += ["", "Steps:"]
    lines += _numbered(exercise.steps)
    sections: list[tuple[str, tuple[str, ...]]] = [
        ("Cautions:", tuple(_caution_text(c.who, c.level, c.why) for c in exercise.cautions)),
        ("Tips:", exercise.tips),
        ("Props:", exercise.props),
        ("Equipment:", exercise.equipment),
        ("Sources:", tuple(_source_text(s.article, s.item, articles) for s in exercise.sources)),
    ]
    for title, items in sections:
        if items:
            lines += ["", title]
            lines += [_wrap(item, "  - ") for item in items]
    if advice:
        lines += ["", "Good to know:"]
        lines += [_wrap(f"{item.title}. {item.text}", "  - ") for item in advice]
    return "\n".join(lines)


def _numbered(items: tuple[str, ...]) -> list[str]:
    return [_wrap(item, f"  {number}. ") for number, item in enumerate(items, start=1)]


def _wrap(text: str, prefix: str) -> str:
    return textwrap.fill(text, width=78, initial_indent=prefix, subsequent_indent=" " * len(prefix))


def _caution_text(who: str, level: str, why: str) -> str:
    group = "everyone" if who == "everyone" else who.replace("-", " ")
    return f"{level.upper()} for {group}: {why}"


def _source_text(article_id: str, item: str, articles: dict[str, Article]) -> str:
    article = articles.get(article_id)
    if article is None:
        return f"{article_id}, {item}"
    return f'"{article.title}" ({article.publisher}), {item}'


def run_check(args: argparse.Namespace, paths: AppPaths) -> int:
    """Validate catalog files; print each problem as `path:line: message`."""
    files: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            files += sorted(path.rglob("*.toml"))
        elif path.exists():
            files.append(path)
        else:
            print(f"{path}:1: no such file", file=sys.stderr)
            return _EXIT_USAGE
    problems: list[Problem] = []
    warnings: list[Problem] = []
    known_ids: set[str] = set()
    for path in files:
        found, warned = _check_one(path, known_ids)
        problems += found
        warnings += warned
    for problem in problems:
        print(problem, file=sys.stderr)
    for warning in warnings:
        print(_warning_text(warning), file=sys.stderr)
    checked = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    if problems:
        print(f"{len(problems)} problem(s) in {checked}", file=sys.stderr)
        return _EXIT_USAGE
    if warnings:
        print(f"{checked} checked: all valid, {len(warnings)} warning(s)")
        return _EXIT_OK
    print(f"{checked} checked: all valid")
    return _EXIT_OK


def _warning_text(warning: Problem) -> str:
    return f"{warning.path}:{warning.line}: warning: {warning.message}"


def _check_one(path: Path, known_ids: set[str]) -> tuple[list[Problem], list[Problem]]:
    """The problems and the warnings of one file."""
    checker = file_checker_for(path)
    if checker is None:
        checked = load_exercise_file(path, known_ids, shipped=is_shipped_exercise_file(path))
        if checked.value is not None:
            known_ids.add(checked.value.id)
        return checked.problems, checked.warnings
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(str(path), 1, f"cannot read: {error}")], []
    _, problems = checker(str(path), text)
    return problems, []


CheckFunction = Callable[[str, str], tuple[object, list[Problem]]]


def file_checker_for(path: Path) -> CheckFunction | None:
    """The checker for a catalog file other than an exercise, chosen by its name (or, for a
    routine, its folder); None for an exercise."""
    if path.parent.name == "routines":
        # A routine names exercises: check it against the shipped catalog plus the exercises
        # beside its folder (the user's own, when it is the user's `routines/`).
        exercises = load_catalog(user_dir=path.parent.parent / "exercises").exercises

        def check_routine(name: str, text: str) -> tuple[object, list[Problem]]:
            return parse_routine(name, text, exercises)

        return check_routine
    by_name: dict[str, CheckFunction] = {
        "articles.toml": parse_articles,
        "advice.toml": parse_advice,
        "screening.toml": parse_screening,
    }
    return by_name.get(path.name)


def _load(paths: AppPaths) -> Catalog:
    catalog = load_catalog(user_dir=paths.exercises_dir)
    for problem in catalog.problems:
        print(f"{problem} (file skipped)", file=sys.stderr)
    for warning in catalog.warnings:
        print(_warning_text(warning), file=sys.stderr)
    return catalog
