"""A user catalog for tests: copies of the shipped exercises, each with its own id and name."""

from __future__ import annotations

import re
from pathlib import Path

from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.storage.paths import AppPaths

SHIPPED_EXERCISES = shipped_data_dir("catalog") / "exercises"
"""The folder of the 22 shipped exercise files."""


def write_exercise_copies(paths: AppPaths, count: int, tag: str) -> list[Path]:
    """`count` user exercise files: copies of the shipped ones in turn, the id of copy N
    ending in `-TAG-N` and its name in ` N` ("Cobra 7"); their paths, in order."""
    paths.exercises_dir.mkdir(parents=True, exist_ok=True)
    sources = sorted(SHIPPED_EXERCISES.glob("*.toml"))
    written = []
    for number in range(count):
        text = sources[number % len(sources)].read_text(encoding="utf-8")
        old_id = re.search(r'^id = "([^"]+)"', text, re.MULTILINE)
        assert old_id is not None
        new_id = f"{old_id.group(1)}-{tag}-{number}"
        text = text.replace(old_id.group(0), f'id = "{new_id}"', 1)
        text = re.sub(r'^name = "([^"]+)"', rf'name = "\1 {number}"', text, count=1, flags=re.M)
        path = paths.exercises_dir / f"{new_id}.toml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
