"""The cache of the user's checked exercise files: used while a file is unchanged, and never
trusted over the file (a missing, stale, corrupt or unwritable cache only means reading)."""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve

from stretch_tui.domain.catalog import Catalog, load_catalog, load_shipped_catalog
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.validation import Checked
from stretch_tui.storage import catalog_cache
from stretch_tui.storage.catalog_cache import (
    CachedFilesReader,
    CatalogCache,
    load_cached_catalog,
    load_listed_catalog,
)
from stretch_tui.storage.paths import AppPaths
from tests.catalogkit import SHIPPED_EXERCISES, write_exercise_copies

SHIPPED = SHIPPED_EXERCISES


def write_copies(paths: AppPaths, count: int) -> list[Path]:
    """`count` user exercises: copies of shipped files with their own ids and names."""
    return write_exercise_copies(paths, count, "mine")


def rewrite(path: Path, text: str) -> None:
    """Change a file so its stamp surely changes, however coarse the file system's clock."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def cached_read(paths: AppPaths) -> tuple[CatalogCache, Catalog]:
    """The catalog read through the caches, and the user's folder's cache."""
    reader = CachedFilesReader(paths)
    catalog = load_catalog(user_dir=paths.exercises_dir, read_files=reader)
    return reader.user, catalog


def test_a_second_load_takes_every_file_from_the_cache_and_gives_the_same_catalog(
    paths: AppPaths,
) -> None:
    write_copies(paths, 30)
    first_cache, first = cached_read(paths)
    second_cache, second = cached_read(paths)

    assert first_cache.hits == 0
    assert second_cache.hits == 30
    assert second == first == load_catalog(user_dir=paths.exercises_dir)
    assert all(
        exercise.user_defined for exercise in second.exercises.values() if "-mine-" in exercise.id
    )


def test_every_shipped_exercise_comes_back_from_the_cache_as_it_was(paths: AppPaths) -> None:
    """Stick-figure poses, hand-drawn in-betweens, cautions, sources and notes survive."""
    paths.exercises_dir.mkdir(parents=True)
    shipped = load_shipped_catalog().exercises
    cache = CatalogCache(paths)
    files = []
    for source in sorted(SHIPPED.glob("*.toml")):
        copy = paths.exercises_dir / source.name
        copy.write_bytes(source.read_bytes())
        files.append(copy.name)
    fresh = cache.read_files(files)
    again = cache.read_files(files)

    assert cache.hits == len(files) == len(shipped)
    for before, after in zip(fresh, again, strict=True):
        assert after.value is not None and before.value is not None
        assert after.value.pose == before.value.pose
        assert after.value.pose.motion == before.value.pose.motion
        assert after.value == evolve(before.value, user_defined=True)


def test_a_changed_file_is_checked_again_and_its_problem_reported_with_its_line(
    paths: AppPaths,
) -> None:
    files = write_copies(paths, 5)
    cached_read(paths)
    target = files[2]
    text = target.read_text(encoding="utf-8")
    rewrite(target, text.replace('difficulty = "', 'difficulty = "impossible-', 1))

    cache, catalog = cached_read(paths)

    assert cache.hits == 4
    line = next(
        number
        for number, content in enumerate(target.read_text().splitlines(), start=1)
        if content.startswith("difficulty")
    )
    messages = [str(problem) for problem in catalog.problems]
    assert any(message.startswith(f"{target}:{line}: `difficulty`") for message in messages)
    assert len(catalog.exercises) == 22 + 4


def test_an_edit_shows_in_the_catalog_at_the_next_load(paths: AppPaths) -> None:
    files = write_copies(paths, 3)
    cached_read(paths)
    text = files[0].read_text(encoding="utf-8")
    rewrite(files[0], re.sub(r'^name = "[^"]+"', 'name = "Renamed"', text, count=1, flags=re.M))

    _, catalog = cached_read(paths)

    names = {exercise.name for exercise in catalog.exercises.values()}
    assert "Renamed" in names


def test_a_bad_file_is_still_reported_when_it_comes_from_the_cache(paths: AppPaths) -> None:
    write_copies(paths, 2)
    broken = paths.exercises_dir / "broken.toml"
    broken.write_text('schema_version = 1\nid = "broken"\nkind = "dance"\n', encoding="utf-8")
    _, first = cached_read(paths)
    cache, second = cached_read(paths)

    assert cache.hits == 3
    assert second.problems == first.problems
    assert any(str(p).startswith(f"{broken}:3:") for p in second.problems)


def test_a_duplicate_id_is_reported_though_both_files_are_cached(paths: AppPaths) -> None:
    files = write_copies(paths, 2)
    twin = paths.exercises_dir / "zz-twin.toml"
    twin.write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
    cached_read(paths)
    cache, catalog = cached_read(paths)

    assert cache.hits == 3
    assert any(str(problem).startswith(f"{twin}:2: duplicate id") for problem in catalog.problems)


def test_a_corrupt_cache_is_read_past_and_rebuilt(paths: AppPaths) -> None:
    write_copies(paths, 4)
    cache, expected = cached_read(paths)
    content = cache.path.read_bytes()
    for damaged in (b"", b"\x00\xff not json", content[: len(content) // 2], b"[1,2]\n[3]"):
        cache.path.write_bytes(damaged)
        again, catalog = cached_read(paths)
        assert catalog == expected
        assert again.path.read_bytes() == content  # written back whole


def test_a_cache_line_of_another_shape_is_not_used(paths: AppPaths) -> None:
    write_copies(paths, 2)
    cache, expected = cached_read(paths)
    header, first, second = cache.path.read_text(encoding="utf-8").split("\n")
    name = first[2:].partition('"')[0]
    odd = f'["{name}",1,2,[1,2,3],[],[]]'
    cache.path.write_text("\n".join([header, odd, second]), encoding="utf-8")

    again, catalog = cached_read(paths)

    assert catalog == expected
    assert again.hits == 1


def test_an_unwritable_cache_only_means_reading_the_files(paths: AppPaths) -> None:
    write_copies(paths, 3)
    paths.cache_dir.mkdir(parents=True, exist_ok=True)
    (paths.cache_dir / "catalog").write_text("a file where the cache folder should be")

    _, first = cached_read(paths)
    second_cache, second = cached_read(paths)

    assert first == second == load_catalog(user_dir=paths.exercises_dir)
    assert second_cache.hits == 0
    assert len(first.exercises) == 25


def test_a_deleted_file_leaves_the_catalog_and_a_new_one_joins_it(paths: AppPaths) -> None:
    files = write_copies(paths, 3)
    cached_read(paths)
    files[1].unlink()
    text = files[0].read_text(encoding="utf-8").replace('id = "', 'id = "new-', 1)
    (paths.exercises_dir / "new.toml").write_text(text, encoding="utf-8")

    cache, catalog = cached_read(paths)

    ids = set(catalog.exercises)
    assert files[1].stem not in ids and f"new-{files[0].stem}" in ids
    assert len(ids) == 22 + 3
    assert cache.hits == 2


def test_a_cache_made_for_another_folder_is_not_used(paths: AppPaths, tmp_path: Path) -> None:
    write_copies(paths, 2)
    cache, _ = cached_read(paths)
    header, *rest = cache.path.read_text(encoding="utf-8").split("\n")
    other = header.replace(str(paths.exercises_dir), str(tmp_path / "elsewhere"))
    cache.path.write_text("\n".join([other, *rest]), encoding="utf-8")

    again, _ = cached_read(paths)

    assert again.hits == 0


def test_load_cached_catalog_is_the_catalog_of_the_files(paths: AppPaths) -> None:
    write_copies(paths, 3)
    assert load_cached_catalog(paths) == load_cached_catalog(paths)
    assert load_cached_catalog(paths) == load_catalog(user_dir=paths.exercises_dir)


def test_a_cache_written_by_other_checking_code_is_not_used(paths: AppPaths) -> None:
    """Another version (or a changed rule) may judge the same file otherwise."""
    write_copies(paths, 2)
    cache, _ = cached_read(paths)
    header, *rest = cache.path.read_text(encoding="utf-8").split("\n")
    assert cache.key in header
    cache.path.write_text("\n".join([header.replace(cache.key, "1-0000"), *rest]))

    again, _ = cached_read(paths)

    assert again.hits == 0


def test_the_shipped_exercises_come_from_their_own_cache_as_they_were(paths: AppPaths) -> None:
    reader = CachedFilesReader(paths)
    first = load_catalog(user_dir=paths.exercises_dir, read_files=reader)
    assert reader.shipped.hits == 0
    second = load_catalog(user_dir=paths.exercises_dir, read_files=reader)

    assert reader.shipped.hits == len(second.exercises) == len(list(SHIPPED.glob("*.toml")))
    assert second == first == load_shipped_catalog()
    assert not any(exercise.user_defined for exercise in second.exercises.values())
    assert reader.shipped.path != reader.user.path


def test_a_cached_shipped_file_is_held_to_the_shipped_rules(
    paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The direction rule of docs/product.md 3.1 is a problem in a shipped file, a warning in
    the user's, from the cache as on a first read."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    source = (SHIPPED / "cobra.toml").read_text(encoding="utf-8")
    no_caution = re.sub(r"\[\[cautions\]\][^\[]*", "", source)
    (shipped / "cobra.toml").write_text(no_caution, encoding="utf-8")
    paths.exercises_dir.mkdir(parents=True)
    (paths.exercises_dir / "cobra.toml").write_text(no_caution, encoding="utf-8")
    (shipped / "wall.toml").write_text(source.replace('id = "cobra"', 'id = "wall"'), "utf-8")
    monkeypatch.setattr(catalog_cache, "shipped_exercises_dir", lambda: shipped)

    for hits in (0, 3):
        reader = CachedFilesReader(paths)
        catalog = load_catalog(paths.exercises_dir, shipped, read_files=reader)
        assert reader.shipped.hits + reader.user.hits == hits
        assert [problem.path for problem in catalog.problems] == [str(shipped / "cobra.toml")]
        assert [warning.path for warning in catalog.warnings] == [
            str(paths.exercises_dir / "cobra.toml")
        ]
        assert catalog.exercises["cobra"].user_defined
        assert not catalog.exercises["wall"].user_defined


def test_another_folder_than_the_cached_ones_is_read_directly(
    paths: AppPaths, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "cobra.toml").write_bytes((SHIPPED / "cobra.toml").read_bytes())
    reader = CachedFilesReader(paths)
    [checked] = reader(other, ["cobra.toml"], False)

    assert checked.value is not None and checked.value.origin == str(other / "cobra.toml")
    assert not reader.user.path.exists() and not reader.shipped.path.exists()


def test_drawings_come_back_line_for_line_and_one_that_cannot_be_cached_is_read_each_time(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cached drawings keep their newlines under another character; a drawing holding that
    character (no checked file has one) is not cached rather than changed."""
    files = write_copies(paths, 2)
    reading = catalog_cache.read_exercise_file

    def odd_drawing(path: Path, *, shipped: bool = False) -> Checked[Exercise]:
        checked = reading(path, shipped=shipped)
        if path != files[0] or checked.value is None:
            return checked
        pose = checked.value.pose
        frame = evolve(pose.frames[0], art=pose.frames[0].art + "\n\x7f")
        value = evolve(checked.value, pose=evolve(pose, frames=(frame, *pose.frames[1:])))
        return Checked(value, checked.problems, checked.warnings)

    monkeypatch.setattr(catalog_cache, "read_exercise_file", odd_drawing)
    _, first = cached_read(paths)
    cache, second = cached_read(paths)

    assert cache.hits == 1
    assert second == first
    odd = first.exercises[files[0].stem].pose.frames[0].art
    assert odd.endswith("\n\x7f") and "\n" in odd[:-2]
    cached = second.exercises[files[1].stem].pose
    assert cached == first.exercises[files[1].stem].pose
    assert all("\n" in art and "\x7f" not in art for art in (*cached.drawn, cached.frames[0].art))


def test_no_collection_runs_while_the_catalog_loads_and_the_collector_is_left_as_it_was(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app turns the collector on from its own thread after its first frame, perhaps
    while a thread loads the catalog: collection stays held off until the load ends."""
    write_copies(paths, 3)
    loading = catalog_cache.load_catalog
    thresholds: list[int] = []

    def load_with_collector_turned_on(*args: Any, **kwargs: Any) -> Catalog:
        gc.enable()
        thresholds.append(gc.get_threshold()[0])
        return loading(*args, **kwargs)

    monkeypatch.setattr(catalog_cache, "load_catalog", load_with_collector_turned_on)
    before = gc.get_threshold()

    catalog = load_cached_catalog(paths)

    assert thresholds == [0]  # 0: no automatic collection
    assert gc.get_threshold() == before and before[0] > 0
    assert len(catalog.exercises) == 22 + 3


def test_the_listing_has_each_exercise_s_listed_fields_and_nothing_else(paths: AppPaths) -> None:
    """The library's rows come from the listing: every field it lists, filters and labels by
    is the whole exercise's; steps, drawings and notes are left empty. (The 22 shipped ones
    come whole: they take no time.)"""
    write_copies(paths, 30)
    _, whole = cached_read(paths)

    listed = load_listed_catalog(paths)

    assert listed is not None
    assert list(listed.exercises) == list(whole.exercises)
    for exercise_id, exercise in listed.exercises.items():
        full = whole.exercises[exercise_id]
        for name in catalog_cache.LISTED_FIELDS:
            assert getattr(exercise, name) == getattr(full, name), name
        if not exercise.user_defined:
            assert exercise == full
            continue
        assert exercise.steps == () and exercise.sources == () and exercise.summary == ""
        assert exercise.pose.frames[0].art == "" and full.pose.frames[0].art
    assert listed.problems == whole.problems


def test_no_listing_until_every_file_of_the_user_s_is_in_the_cache_as_it_is(
    paths: AppPaths,
) -> None:
    files = write_copies(paths, 4)
    assert load_listed_catalog(paths) is None  # no cache yet
    cached_read(paths)
    assert load_listed_catalog(paths) is not None

    text = files[1].read_text(encoding="utf-8")
    rewrite(files[1], text.replace('name = "', 'name = "Edited ', 1))
    assert load_listed_catalog(paths) is None  # a stale line: the listing would be wrong
    cached_read(paths)
    listed = load_listed_catalog(paths)
    assert listed is not None
    assert any(exercise.name.startswith("Edited ") for exercise in listed.exercises.values())

    (paths.exercises_dir / "new.toml").write_text(
        text.replace('id = "', 'id = "new-', 1), encoding="utf-8"
    )
    assert load_listed_catalog(paths) is None  # a file the cache has not seen


def test_a_line_whose_second_part_is_damaged_is_read_from_its_file_again(
    paths: AppPaths,
) -> None:
    """The steps and drawings are decoded only for the whole catalog: a damaged second part
    does not spoil the listing's first part, and the whole read takes that file afresh."""
    write_copies(paths, 3)
    cache, expected = cached_read(paths)
    header, first, *rest = cache.path.read_text(encoding="utf-8").split("\n")
    head, tab, _ = first.partition("\t")
    assert tab
    cache.path.write_text("\n".join([header, f"{head}\t[1,2", *rest]), encoding="utf-8")

    again, catalog = cached_read(paths)

    assert catalog == expected
    assert again.hits == 2
    assert again.path.read_text(encoding="utf-8").split("\n")[1] == first  # mended
