"""Saving and deleting whole routines, and choosing ids for new ones (storage.routine_edit)."""

from __future__ import annotations

import errno
import stat

import pytest

from stretch_tui.domain.catalog import Catalog, load_shipped_catalog
from stretch_tui.domain.routine import (
    RECOMMENDED_ID,
    Routine,
    RoutineItem,
    load_routines,
    parse_routine,
)
from stretch_tui.storage.notices import ReadOnlyError, StorageError
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.routine_edit import (
    append_to_routine,
    delete_routine,
    new_routine_id,
    reserved_routine_ids,
    routine_file,
    routine_path,
    save_routine,
)
from tests.oskit import deny_writes_under

BUILT_IN_IDS = {
    "extension-responders",
    "flexion-responders",
    "fourteen-stretches",
    "seven-hip-stretches",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The shipped exercises."""
    return load_shipped_catalog()


def morning() -> Routine:
    """A routine with overrides of every number type, timings and a sides change."""
    return Routine(
        id="morning",
        name="Morning loosen-up",
        items=(
            RoutineItem("cat-cow", cycles=8, seconds_per_phase=4.5),
            RoutineItem("lumbar-trunk-rotation", seconds=20, reps=3),
            RoutineItem("pelvic-tilt", tempo_seconds=3.0),
            RoutineItem("goddess-pose", breaths=6),
        ),
        lead_in_seconds=8,
        rest_seconds=0,
        user_defined=True,
    )


def test_a_saved_routine_parses_back_to_the_same_routine(paths: AppPaths, catalog: Catalog) -> None:
    routine = morning()
    path, notices = save_routine(paths, routine, exercises=catalog.exercises)
    assert path == routine_path(paths, "morning")
    assert notices == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("schema_version = 1\n")
    loaded, problems = parse_routine(str(path), text, catalog.exercises)
    assert problems == []
    assert loaded is not None
    assert loaded.items == routine.items
    assert (loaded.id, loaded.name) == ("morning", "Morning loosen-up")
    assert (loaded.lead_in_seconds, loaded.rest_seconds) == (8, 0)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_saved_routine_loads_with_the_users_routines(paths: AppPaths, catalog: Catalog) -> None:
    save_routine(paths, morning())
    routines, problems = load_routines(catalog, user_dir=paths.routines_dir)
    assert problems == []
    assert routines["morning"].user_defined
    assert routines["morning"].items == morning().items


def test_saving_again_replaces_the_whole_file(paths: AppPaths) -> None:
    save_routine(paths, morning())
    shorter = Routine(id="morning", name="Shorter", items=(RoutineItem("cobra"),))
    path, _ = save_routine(paths, shorter)
    text = path.read_text(encoding="utf-8")
    assert "cat-cow" not in text
    assert "lead_in_seconds" not in text
    assert 'name = "Shorter"' in text


def test_a_routine_that_would_not_load_is_not_written(paths: AppPaths, catalog: Catalog) -> None:
    # `cycles` does not apply to a hold; the parser would reject the file.
    bad = Routine(id="bad", name="Bad", items=(RoutineItem("cobra", cycles=3),))
    with pytest.raises(ValueError, match="does not apply"):
        save_routine(paths, bad, exercises=catalog.exercises)
    assert not routine_path(paths, "bad").exists()


@pytest.mark.parametrize("routine_id", [RECOMMENDED_ID, "extension-responders", "Not Kebab"])
def test_reserved_and_malformed_ids_are_refused(paths: AppPaths, routine_id: str) -> None:
    routine = Routine(id=routine_id, name="x", items=(RoutineItem("cobra"),))
    with pytest.raises(ValueError):
        save_routine(paths, routine)
    assert not paths.routines_dir.exists() or not list(paths.routines_dir.glob("*.toml"))


def test_an_empty_routine_is_refused(paths: AppPaths) -> None:
    with pytest.raises(ValueError, match="at least one"):
        save_routine(paths, Routine(id="empty", name="Empty", items=()))


def test_a_routine_from_a_newer_app_is_not_overwritten(paths: AppPaths) -> None:
    path = routine_path(paths, "morning")
    path.parent.mkdir(parents=True)
    newer = 'schema_version = 99\nid = "morning"\nname = "Future"\n'
    path.write_text(newer, encoding="utf-8")
    with pytest.raises(ReadOnlyError):
        save_routine(paths, morning())
    assert path.read_text(encoding="utf-8") == newer


def test_a_read_only_folder_leaves_the_file_as_it_was(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = save_routine(paths, morning())
    before = path.read_bytes()
    deny_writes_under(paths.routines_dir, monkeypatch, errno.EROFS)
    with pytest.raises(StorageError):
        save_routine(paths, Routine(id="morning", name="New", items=(RoutineItem("cobra"),)))
    assert path.read_bytes() == before


def test_a_hand_named_file_is_saved_in_place(paths: AppPaths, catalog: Catalog) -> None:
    # A user file `evening.toml` holding id "wind-down": saving must not add `wind-down.toml`.
    path = paths.routines_dir / "evening.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        'schema_version = 1\nid = "wind-down"\nname = "Wind down"\n'
        '[[items]]\nexercise = "cat-cow"\n',
        encoding="utf-8",
    )
    routines, _ = load_routines(catalog, user_dir=paths.routines_dir)
    loaded = routines["wind-down"]
    assert routine_file(paths, loaded) == path
    changed = Routine(
        id=loaded.id,
        name="Wind down",
        items=(RoutineItem("cobra"),),
        origin=loaded.origin,
        user_defined=True,
    )
    saved_path, _ = save_routine(paths, changed)
    assert saved_path == path
    assert sorted(p.name for p in paths.routines_dir.glob("*.toml")) == ["evening.toml"]


def test_deleting_removes_the_users_file_only(paths: AppPaths, catalog: Catalog) -> None:
    save_routine(paths, morning())
    routines, _ = load_routines(catalog, user_dir=paths.routines_dir)
    with pytest.raises(ValueError, match="not one of your routines"):
        delete_routine(paths, routines["extension-responders"])
    removed = delete_routine(paths, routines["morning"])
    assert removed == routine_path(paths, "morning")
    assert not removed.exists()


def test_reserved_ids_are_the_built_in_ones_and_recommended() -> None:
    assert reserved_routine_ids() == {RECOMMENDED_ID, *BUILT_IN_IDS}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Recommended", "recommended-2"),
        ("Extension responders", "extension-responders-2"),
        ("fourteen stretches", "fourteen-stretches-2"),
        ("Morning", "morning"),
    ],
)
def test_new_ids_avoid_built_in_ids_and_recommended(
    paths: AppPaths, name: str, expected: str
) -> None:
    assert new_routine_id(paths, name) == expected


def test_new_ids_avoid_the_ids_given_as_taken(paths: AppPaths) -> None:
    assert new_routine_id(paths, "Wind down", taken={"wind-down"}) == "wind-down-2"
    append_to_routine(paths, "wind-down-2", "x", "cobra")
    assert new_routine_id(paths, "Wind down", taken={"wind-down"}) == "wind-down-3"


def test_every_new_id_is_accepted_by_the_loader(paths: AppPaths, catalog: Catalog) -> None:
    for name in ("Recommended", "Extension responders", "Flexion responders", "!!!"):
        routine_id = new_routine_id(paths, name)
        save_routine(paths, Routine(id=routine_id, name=name, items=(RoutineItem("cobra"),)))
    routines, problems = load_routines(catalog, user_dir=paths.routines_dir)
    assert problems == []
    assert sum(routine.user_defined for routine in routines.values()) == 4
