"""Routine files: the shipped ones load, and every mistake is reported as `path:line: message`."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from stretch_tui.cli import main
from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.routine import (
    Routine,
    RoutineItem,
    effective_dose,
    load_routines,
    parse_routine,
    routine_to_document,
    single_exercise_routine,
    without_items,
)

GOOD = """schema_version = 1
id = "morning"
name = "Morning loosen-up"
description = "Gentle moves."
lead_in_seconds = 5
rest_seconds = 10

[[items]]
exercise = "cat-cow"
cycles = 4

[[items]]
exercise = "lumbar-trunk-rotation"
seconds = 20
reps = 1
sides = "alternate"
"""


def broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def line_of(text: str, fragment: str, occurrence: int = 0) -> int:
    lines = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    return lines[occurrence]


def test_the_good_routine_loads_with_its_overrides(catalog: Catalog) -> None:
    routine, problems = parse_routine("morning.toml", GOOD, catalog.exercises)
    assert problems == []
    assert routine is not None
    assert routine.id == "morning"
    assert routine.description == "Gentle moves."
    assert (routine.lead_in_seconds, routine.rest_seconds) == (5, 10)
    assert routine.items == (
        RoutineItem("cat-cow", cycles=4),
        RoutineItem("lumbar-trunk-rotation", seconds=20, reps=1, sides="alternate"),
    )


def test_timings_and_description_are_optional(catalog: Catalog) -> None:
    text = 'schema_version = 1\nid = "x"\nname = "X"\n[[items]]\nexercise = "cobra"\n'
    routine, problems = parse_routine("x.toml", text, catalog.exercises)
    assert problems == []
    assert routine is not None
    assert (routine.lead_in_seconds, routine.rest_seconds, routine.description) == (None, None, "")


CASES = [
    pytest.param(
        ('name = "Morning loosen-up"', 'name = "Morning loosen-up"\ncolour = "red"'),
        "colour =",
        "unknown key `colour`",
        id="unknown-top-key",
    ),
    pytest.param(
        ("cycles = 4", "cycles = 4\nspeed = 2"),
        "speed =",
        "unknown key `items.speed`",
        id="unknown-item-key",
    ),
    pytest.param(
        ("lead_in_seconds = 5", 'lead_in_seconds = "5"'),
        "lead_in_seconds",
        '`lead_in_seconds` must be a whole number, not "5"',
        id="wrong-type",
    ),
    pytest.param(
        ("rest_seconds = 10", "rest_seconds = 1000"),
        "rest_seconds",
        "`rest_seconds` is 1000; expected 0 to 300",
        id="out-of-range",
    ),
    pytest.param(
        ('exercise = "cat-cow"', 'exercise = "cat-cows"'),
        'exercise = "cat-cows"',
        "unknown exercise `cat-cows`; did you mean `cat-cow`?",
        id="unknown-exercise",
    ),
    pytest.param(
        ("cycles = 4", "seconds = 30"),
        "seconds = 30",
        "`seconds` does not apply to `cat-cow`, a `cycles` dose "
        "(it takes seconds_per_phase, cycles)",
        id="override-for-another-kind",
    ),
    pytest.param(
        ("cycles = 4", "cycles = 2.5"),
        "cycles = 2.5",
        "`items.cycles` must be a whole number, not 2.5",
        id="override-wrong-type",
    ),
    pytest.param(
        ('sides = "alternate"', 'sides = "both"'),
        'sides = "both"',
        '`items.sides` is "both"; expected one of: each, alternate',
        id="sides-cannot-drop-one",
    ),
    pytest.param(
        ("cycles = 4", 'sides = "each"'),
        'sides = "each"',
        "`sides` does not apply to `cat-cow`: it works both sides at once",
        id="sides-on-a-two-sided-exercise",
    ),
    pytest.param(
        ('id = "morning"', 'id = "Morning"'),
        "id =",
        '`id` "Morning" must be kebab-case',
        id="id-not-kebab-case",
    ),
    pytest.param(
        ('id = "morning"', 'id = "recommended"'),
        "id =",
        '`id` "recommended" is kept for the recommended routine',
        id="reserved-id",
    ),
    pytest.param(
        ('description = "Gentle moves."', "description = 3"),
        "description",
        "`description` must be text",
        id="description-not-text",
    ),
]


@pytest.mark.parametrize(("change", "where", "message"), CASES)
def test_each_mistake_is_reported_at_its_line(
    catalog: Catalog, change: tuple[str, str], where: str, message: str
) -> None:
    text = broken(*change)
    routine, problems = parse_routine("r.toml", text, catalog.exercises)
    assert routine is None
    found = [p for p in problems if message in p.message]
    assert [(p.path, p.line) for p in found] == [("r.toml", line_of(text, where))], problems


def test_the_second_item_is_pointed_at_not_the_first(catalog: Catalog) -> None:
    text = broken("seconds = 20", "seconds = 2000")
    _, problems = parse_routine("r.toml", text, catalog.exercises)
    assert [str(p) for p in problems] == [
        f"r.toml:{line_of(text, 'seconds = 2000')}: `items.seconds` is 2000; expected 1 to 600"
    ]


def test_a_routine_needs_items(catalog: Catalog) -> None:
    missing = 'schema_version = 1\nid = "x"\nname = "X"\n'
    _, problems = parse_routine("r.toml", missing, catalog.exercises)
    assert [str(p) for p in problems] == ["r.toml:1: missing `items`"]
    empty = missing + "items = []\n"
    _, problems = parse_routine("r.toml", empty, catalog.exercises)
    assert [str(p) for p in problems] == ["r.toml:4: `items` needs at least one exercise"]


def test_an_item_needs_an_exercise(catalog: Catalog) -> None:
    text = 'schema_version = 1\nid = "x"\nname = "X"\n\n[[items]]\nreps = 2\n'
    _, problems = parse_routine("r.toml", text, catalog.exercises)
    assert [str(p) for p in problems] == ["r.toml:5: missing `items.exercise`"]


def test_text_that_is_not_toml_is_reported(catalog: Catalog) -> None:
    routine, problems = parse_routine("r.toml", "schema_version = 1\nid = \n", catalog.exercises)
    assert routine is None
    assert problems[0].line == 2
    assert problems[0].message.startswith("not valid TOML")


def test_the_shipped_routines_load_without_problems(catalog: Catalog) -> None:
    routines, problems = load_routines(catalog)
    assert problems == []
    assert set(routines) == {
        "extension-responders",
        "flexion-responders",
        "fourteen-stretches",
        "seven-hip-stretches",
    }
    assert not any(routine.user_defined for routine in routines.values())


def test_the_shipped_routines_follow_the_articles(catalog: Catalog) -> None:
    routines, _ = load_routines(catalog)
    assert routines["extension-responders"].exercise_ids == (
        "sloppy-push-up",
        "standing-lumbar-extension",
        "standing-hip-flexor-stretch",
    )
    assert routines["flexion-responders"].exercise_ids == (
        "double-knee-to-chest",
        "seated-forward-bend",
        "recumbent-bike",
    )
    assert routines["fourteen-stretches"].exercise_ids == (
        "seated-spinal-twist",
        "happy-baby",
        "childs-pose",
        "single-knee-to-chest",
        "wide-legged-forward-fold",
        "kneeling-hip-flexor-stretch",
        "cat-cow",
        "three-legged-dog",
        "glute-bridge",
        "kneeling-side-bend",
        "cobra",
        "standing-quad-stretch",
        "lumbar-trunk-rotation",
        "pigeon-pose",
    )
    assert routines["seven-hip-stretches"].exercise_ids == (
        "goddess-pose",
        "childs-pose",
        "cat-cow",
        "lumbar-trunk-rotation",
        "double-knee-to-chest",
        "pelvic-tilt",
        "happy-baby",
    )


def test_the_second_article_twists_30_seconds_each_side(catalog: Catalog) -> None:
    routines, _ = load_routines(catalog)
    item = routines["seven-hip-stretches"].items[3]
    dose = effective_dose(item, catalog.exercises["lumbar-trunk-rotation"])
    assert (dose.seconds, dose.reps, dose.sides) == (30, 1, "each")


def test_the_shipped_routines_pass_stretch_tui_check(capsys: pytest.CaptureFixture[str]) -> None:
    folder = shipped_data_dir("catalog") / "routines"
    code = main(["check", str(folder)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "4 files checked: all valid" in captured.out


def test_check_reports_a_bad_routine_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    bad = folder / "mine.toml"
    bad.write_text(broken('exercise = "cat-cow"', 'exercise = "cat-cows"'))
    code = main(["check", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{bad}:9: unknown exercise `cat-cows`; did you mean `cat-cow`?" in err


def test_check_knows_the_users_own_exercises_beside_the_routines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalog: Catalog
) -> None:
    (tmp_path / "exercises").mkdir()
    origin = Path(catalog.exercises["cat-cow"].origin)
    own = origin.read_text().replace('id = "cat-cow"', 'id = "my-cat-cow"', 1)
    (tmp_path / "exercises" / "my-cat-cow.toml").write_text(own)
    (tmp_path / "routines").mkdir()
    routine = tmp_path / "routines" / "mine.toml"
    routine.write_text(GOOD.replace('exercise = "cat-cow"', 'exercise = "my-cat-cow"'))
    code = main(["check", str(routine)])
    assert code == 0, capsys.readouterr().err


def test_user_routines_load_after_the_shipped_ones_and_bad_ones_are_skipped(
    tmp_path: Path, catalog: Catalog
) -> None:
    (tmp_path / "a-good.toml").write_text(GOOD)
    (tmp_path / "b-bad.toml").write_text(broken("cycles = 4", "cycles = 0"))
    (tmp_path / "c-duplicate.toml").write_text(
        broken('id = "morning"', 'id = "extension-responders"')
    )
    routines, problems = load_routines(catalog, user_dir=tmp_path)
    assert routines["morning"].user_defined
    assert routines["morning"].origin == str(tmp_path / "a-good.toml")
    assert "extension-responders" in routines and not routines["extension-responders"].user_defined
    assert [(Path(p.path).name, p.line) for p in problems] == [
        ("b-bad.toml", 10),
        ("c-duplicate.toml", 2),
    ]
    assert "duplicate id `extension-responders`" in problems[1].message


def test_effective_dose_applies_only_the_fields_of_the_kind(catalog: Catalog) -> None:
    cat_cow = catalog.exercises["cat-cow"]
    dose = effective_dose(RoutineItem("cat-cow", cycles=3, seconds=99, sides="each"), cat_cow)
    assert (dose.cycles, dose.seconds, dose.sides) == (3, None, "both")
    assert effective_dose(RoutineItem("cat-cow"), cat_cow) == cat_cow.dose


def test_a_routine_written_out_reads_back_the_same(catalog: Catalog) -> None:
    routine, _ = parse_routine("morning.toml", GOOD, catalog.exercises)
    assert routine is not None
    text = tomli_w.dumps(routine_to_document(routine))
    again, problems = parse_routine("morning.toml", text, catalog.exercises)
    assert problems == []
    assert again == routine


def test_single_exercise_and_skipping_items(catalog: Catalog) -> None:
    alone = single_exercise_routine(catalog.exercises["cobra"])
    assert alone.exercise_ids == ("cobra",)
    routine = Routine(
        "r", "R", (RoutineItem("cobra"), RoutineItem("cat-cow"), RoutineItem("cobra"))
    )
    assert without_items(routine, {0, 2}).exercise_ids == ("cat-cow",)
