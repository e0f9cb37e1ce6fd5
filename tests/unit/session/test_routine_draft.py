"""The routine editor's rules as plain code: dose fields, typed values, reordering."""

from __future__ import annotations

import pytest

from stretch_tui.domain.catalog import DOSE_FIELDS, Catalog
from stretch_tui.domain.preferences import NUMBER_LIMITS
from stretch_tui.domain.routine import Routine, RoutineItem, parse_routine, routine_to_document
from stretch_tui.domain.routine_draft import (
    copy_name,
    moved,
    override_specs,
    parse_override,
    parse_timing,
    same_content,
    with_overrides,
)
from stretch_tui.storage.toml_writer import dumps_toml


@pytest.mark.parametrize(
    ("exercise_id", "fields"),
    [
        ("cobra", ["seconds", "reps"]),
        ("goddess-pose", ["breaths"]),
        ("pelvic-tilt", ["reps", "tempo_seconds"]),
        ("cat-cow", ["seconds_per_phase", "cycles"]),
        ("recumbent-bike", ["seconds"]),
    ],
)
def test_each_dose_kind_offers_its_own_fields(
    catalog: Catalog, exercise_id: str, fields: list[str]
) -> None:
    exercise = catalog.exercises[exercise_id]
    specs = override_specs(exercise)
    assert [spec.name for spec in specs] == fields
    for spec in specs:
        assert spec.catalog_value == getattr(exercise.dose, spec.name)


def test_the_limits_are_the_parsers(catalog: Catalog) -> None:
    for exercise in catalog.exercises.values():
        limits = {
            name: (whole, low, high)
            for name, _, whole, low, high in DOSE_FIELDS[exercise.dose.kind]
        }
        for spec in override_specs(exercise):
            assert (spec.whole, spec.low, spec.high) == limits[spec.name]


def test_typed_values_are_checked_like_the_parser_checks_them(catalog: Catalog) -> None:
    seconds, _ = override_specs(catalog.exercises["cobra"])
    assert parse_override(seconds, " 45 ") == (45, None)
    assert parse_override(seconds, "") == (None, None)
    for bad in ("0", "601", "4.5", "abc", "-3"):
        value, problem = parse_override(seconds, bad)
        assert value is None
        assert problem is not None and "a whole number from 1 to 600" in problem
    phase, _ = override_specs(catalog.exercises["cat-cow"])
    assert parse_override(phase, "2.5") == (2.5, None)
    assert parse_override(phase, "3") == (3.0, None)
    for bad in ("0.4", "121", "nan", "inf"):
        assert parse_override(phase, bad)[1] is not None


def test_every_accepted_value_loads_back(catalog: Catalog) -> None:
    """Values at both ends of every field, saved and parsed: the editor never writes a file
    the loader rejects."""
    items = []
    for exercise in catalog.exercises.values():
        for end in ("low", "high"):
            values = {}
            for spec in override_specs(exercise):
                text = f"{getattr(spec, end):g}"
                value, problem = parse_override(spec, text)
                assert problem is None
                values[spec.name] = value
            items.append(with_overrides(RoutineItem(exercise.id), values, exercise))
    routine = Routine(id="ends", name="Ends", items=tuple(items))
    loaded, problems = parse_routine(
        "ends.toml", dumps_toml(routine_to_document(routine)), catalog.exercises
    )
    assert problems == []
    assert loaded is not None and loaded.items == routine.items


def test_overrides_that_do_not_fit_the_dose_are_dropped(catalog: Catalog) -> None:
    cobra = catalog.exercises["cobra"]
    item = RoutineItem("cobra", sides="each")
    changed = with_overrides(item, {"seconds": 40, "cycles": 3, "breaths": None}, cobra)
    assert changed == RoutineItem("cobra", seconds=40, sides="each")
    assert with_overrides(changed, {}, cobra) == RoutineItem("cobra", sides="each")


@pytest.mark.parametrize("key", ["lead_in_seconds", "rest_seconds"])
def test_timings_use_the_settings_limits(key: str) -> None:
    low, high = NUMBER_LIMITS[key]
    assert parse_timing(key, "") == (None, None)
    assert parse_timing(key, str(low)) == (low, None)
    assert parse_timing(key, str(high)) == (high, None)
    value, problem = parse_timing(key, str(high + 1))
    assert value is None and problem is not None


def test_moving_an_item_keeps_it_within_the_list() -> None:
    items = tuple(RoutineItem(name) for name in ("a", "b", "c"))
    reordered, index = moved(items, 2, -1)
    assert [item.exercise_id for item in reordered] == ["a", "c", "b"]
    assert index == 1
    same, index = moved(items, 0, -1)
    assert same == items and index == 0
    to_end, index = moved(items, 0, 5)
    assert [item.exercise_id for item in to_end] == ["b", "c", "a"] and index == 2


def test_same_content_ignores_where_a_routine_came_from() -> None:
    first = Routine(id="a", name="A", items=(RoutineItem("cobra"),), origin="x.toml")
    second = Routine(id="b", name="A", items=(RoutineItem("cobra"),), user_defined=True)
    assert same_content(first, second)
    assert not same_content(first, Routine(id="a", name="A", items=()))
    assert copy_name("Flexion responder set") == "Flexion responder set (my copy)"
