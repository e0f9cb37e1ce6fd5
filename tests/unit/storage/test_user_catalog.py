"""The user's own exercises and routines: checked like the shipped ones, bad files reported."""

from __future__ import annotations

from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.user_catalog import load_all_routines, load_user_catalog

ROUTINE = """schema_version = 1
id = "morning"
name = "Morning loosen-up"
lead_in_seconds = 5

[[items]]
exercise = "cat-cow"
cycles = 6

[[items]]
exercise = "lumbar-trunk-rotation"
seconds = 30
reps = 2
"""


def write_routine(paths: AppPaths, name: str, text: str) -> None:
    paths.routines_dir.mkdir(parents=True, exist_ok=True)
    (paths.routines_dir / name).write_text(text)


def test_a_good_routine_loads(paths: AppPaths) -> None:
    write_routine(paths, "morning.toml", ROUTINE)
    routines, problems = load_all_routines(paths, load_user_catalog(paths))
    assert problems == []
    routine = routines["morning"]
    assert routine.name == "Morning loosen-up"
    assert routine.user_defined
    assert routine.exercise_ids == ("cat-cow", "lumbar-trunk-rotation")
    assert routine.items[1].seconds == 30


def test_bad_routines_are_reported_with_their_line_and_skipped(paths: AppPaths) -> None:
    write_routine(paths, "a.toml", ROUTINE.replace('"lumbar-trunk-rotation"', '"moonwalk"'))
    write_routine(paths, "b.toml", ROUTINE.replace("schema_version = 1\n", ""))
    write_routine(paths, "c.toml", ROUTINE.replace("cycles = 6", "cycles = 0"))
    write_routine(paths, "d.toml", ROUTINE)
    write_routine(paths, "e.toml", ROUTINE)  # same id as d
    routines, problems = load_all_routines(paths, load_user_catalog(paths))

    assert [r.id for r in routines.values() if r.user_defined] == ["morning"]
    assert routines["morning"].origin.endswith("d.toml")
    messages = [str(problem) for problem in problems]
    folder = paths.routines_dir
    assert f"{folder / 'a.toml'}:11: unknown exercise `moonwalk`" in messages
    assert any(m.startswith(f"{folder / 'b.toml'}:1: missing `schema_version`") for m in messages)
    assert any(m.startswith(f"{folder / 'c.toml'}:8:") for m in messages)
    assert (
        f"{folder / 'e.toml'}:2: duplicate id `morning`: another routine already uses it"
        in messages
    )


def test_user_exercises_join_the_catalog_and_bad_ones_are_reported(paths: AppPaths) -> None:
    shipped = (shipped_data_dir("catalog") / "exercises" / "cat-cow.toml").read_text()
    paths.exercises_dir.mkdir(parents=True)
    mine = shipped.replace('id = "cat-cow"', 'id = "my-cat-cow"')
    (paths.exercises_dir / "my-cat-cow.toml").write_text(mine)
    (paths.exercises_dir / "broken.toml").write_text('schema_version = 1\nid = "x"\n')

    catalog = load_user_catalog(paths)

    assert "my-cat-cow" in catalog.exercises and "cat-cow" in catalog.exercises
    assert any(
        str(p).startswith(str(paths.exercises_dir / "broken.toml")) for p in catalog.problems
    )
