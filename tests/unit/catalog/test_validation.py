"""Each kind of mistake in an exercise file is reported as `path:line: message`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stretch_tui.cli import main
from stretch_tui.domain.catalog import (
    check_exercise,
    exercise_file_names,
    is_shipped_exercise_file,
    load_catalog,
    parse_exercise,
)

GOOD = '''schema_version = 1
id = "wall-lean"
name = "Wall lean"
kind = "stretch"
targets = ["hips", "lower-back"]
position = "standing"
direction = "neutral"
difficulty = "beginner"
steps = ["Stand near a wall.", "Lean in gently."]

[dose]
kind = "hold"
sides = "each"
seconds = 20
reps = 2

[[cautions]]
who = "everyone"
level = "caution"
why = "Stop on sharp pain."

[[pose.frames]]
art = """
   o
  /|\\\\
  / \\\\
=======
"""
'''


def broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if fragment in line)


def test_the_good_file_loads() -> None:
    exercise, problems = parse_exercise("good.toml", GOOD)
    assert problems == []
    assert exercise is not None
    assert exercise.dose.seconds == 20
    assert exercise.pose.frames[0].art.split("\n")[0].rstrip() == "   o"


CASES = [
    pytest.param(
        ('name = "Wall lean"', 'name = "Wall lean"\ncolour = "red"'),
        "colour = ",
        "unknown key `colour`",
        id="unknown-key",
    ),
    pytest.param(
        ('kind = "stretch"', "kind = 3"),
        "kind = 3",
        "`kind` is 3; expected one of: stretch, mobility, strength, aerobic",
        id="wrong-type",
    ),
    pytest.param(
        ('targets = ["hips", "lower-back"]', 'targets = ["hips", "knees"]'),
        "targets =",
        '`targets` has "knees"; expected words from:',
        id="target-outside-vocabulary",
    ),
    pytest.param(
        ('position = "standing"', 'position = "upside-down"'),
        "position =",
        '`position` is "upside-down"; expected one of:',
        id="position-outside-vocabulary",
    ),
    pytest.param(
        ('who = "everyone"', 'who = "nobody"'),
        'who = "nobody"',
        '`cautions.who` is "nobody"',
        id="caution-who-outside-vocabulary",
    ),
    pytest.param(
        ("seconds = 20", 'seconds = "twenty"'),
        "seconds =",
        '`dose.seconds` must be a whole number, not "twenty"',
        id="dose-wrong-type",
    ),
    pytest.param(
        ("reps = 2", "reps = 2\nbreaths = 5"),
        "breaths = 5",
        "`dose.breaths` does not apply to a `hold` dose",
        id="dose-field-of-another-kind",
    ),
    pytest.param(
        ('kind = "hold"', 'kind = "cycles"'),
        "[dose]",
        "missing `dose.seconds_per_phase`",
        id="dose-missing-field",
    ),
    pytest.param(
        ('difficulty = "beginner"\n', ""),
        "schema_version",
        "missing `difficulty`",
        id="missing-key",
    ),
    pytest.param(
        ("   o\n", "   o" + "-" * 40 + "\n"),
        "art =",
        "pose frame is 44 columns x 4 rows; at most 40 x 14",
        id="pose-too-wide",
    ),
    pytest.param(
        ("=======\n", "=======\n" + "|\n" * 11),
        "art =",
        "pose frame is 7 columns x 15 rows; at most 40 x 14",
        id="pose-too-tall",
    ),
    pytest.param(
        ("   o\n", "   \u263a\n"),
        "art =",
        "pose frame uses characters that are not plain ASCII",
        id="pose-not-ascii",
    ),
    pytest.param(
        ('[[pose.frames]]\nart = """\n   o\n  /|\\\\\n  / \\\\\n=======\n"""\n', ""),
        "schema_version",
        "missing `pose`",
        id="pose-missing",
    ),
    pytest.param(
        ('id = "wall-lean"', 'id = "Wall Lean"'),
        "id =",
        '`id` "Wall Lean" must be kebab-case',
        id="id-not-kebab-case",
    ),
    pytest.param(
        ("schema_version = 1", "schema_version = 7"),
        "schema_version",
        "written for a newer stretch-tui (schema_version 7)",
        id="newer-schema",
    ),
    pytest.param(
        ('name = "Wall lean"', 'name = "Wall lean'),
        'name = "Wall lean',
        "not valid TOML",
        id="not-toml",
    ),
]


@pytest.mark.parametrize(("change", "where", "message"), CASES)
def test_each_mistake_is_reported_at_its_line(
    change: tuple[str, str], where: str, message: str
) -> None:
    text = broken(*change)
    exercise, problems = parse_exercise("user/wall-lean.toml", text)
    assert exercise is None
    rendered = [str(problem) for problem in problems]
    expected_prefix = f"user/wall-lean.toml:{line_of(text, where)}: "
    assert any(r.startswith(expected_prefix) and message in r for r in rendered), rendered


def test_a_duplicate_id_is_reported_at_the_id_line(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    user = tmp_path / "user"
    shipped.mkdir()
    user.mkdir()
    (shipped / "wall-lean.toml").write_text(GOOD)
    (user / "copy.toml").write_text(GOOD)
    catalog = load_catalog(user_dir=user, shipped_dir=shipped)
    assert list(catalog.exercises) == ["wall-lean"]
    assert not catalog.exercises["wall-lean"].user_defined
    assert [str(p) for p in catalog.problems] == [
        f"{user / 'copy.toml'}:2: duplicate id `wall-lean`: another file already defines it"
    ]


def test_exercise_file_names_are_a_folders_toml_files_sorted(tmp_path: Path) -> None:
    for name in ("b.toml", "a.toml", "notes.txt", "c.toml.bak"):
        (tmp_path / name).write_text(GOOD)
    assert exercise_file_names(tmp_path) == ["a.toml", "b.toml"]
    assert exercise_file_names(tmp_path / "missing") == []
    assert exercise_file_names(tmp_path / "a.toml") == []


def test_a_user_folder_with_one_bad_and_one_good_file_loads_the_good_one(tmp_path: Path) -> None:
    user = tmp_path / "exercises"
    user.mkdir()
    (user / "good.toml").write_text(GOOD)
    (user / "bad.toml").write_text(broken('kind = "stretch"', 'kind = "yoga"'))
    catalog = load_catalog(user_dir=user)
    assert "wall-lean" in catalog.exercises
    assert catalog.exercises["wall-lean"].user_defined
    assert len(catalog.problems) == 1
    assert str(catalog.problems[0]).startswith(f'{user / "bad.toml"}:4: `kind` is "yoga"')


def test_a_file_that_is_not_utf8_is_reported_not_raised(tmp_path: Path) -> None:
    user = tmp_path / "exercises"
    user.mkdir()
    (user / "latin1.toml").write_bytes("name = 'caf\xe9'".encode("latin-1"))
    catalog = load_catalog(user_dir=user)
    assert [str(p) for p in catalog.problems] == [
        f"{user / 'latin1.toml'}:1: not UTF-8 text (invalid continuation byte)"
    ]


def test_a_hold_without_seconds_is_left_to_the_users_default_length() -> None:
    exercise, problems = parse_exercise("good.toml", broken("seconds = 20\n", ""))
    assert problems == []
    assert exercise is not None
    assert exercise.dose.seconds is None
    assert exercise.dose.reps == 2
    assert exercise.dose.describe() == "2 x default-length holds, each side"


# The direction rule (docs/product.md 3.1): an extension exercise carries a caution for flexion
# responders, a flexion one for extension responders. Shipped: an error; the user's: a warning.

EXTENSION = broken('direction = "neutral"', 'direction = "extension"')
FLEXION = broken('direction = "neutral"', 'direction = "flexion"')


def with_caution(text: str, who: str, level: str) -> str:
    return text.replace(
        "[[pose.frames]]",
        f'[[cautions]]\nwho = "{who}"\nlevel = "{level}"\nwhy = "It may do the opposite."\n\n'
        "[[pose.frames]]",
    )


@pytest.mark.parametrize(
    ("text", "needed"),
    [(EXTENSION, "flexion-responders"), (FLEXION, "extension-responders")],
    ids=["extension", "flexion"],
)
def test_a_user_exercise_without_the_opposite_caution_loads_with_a_warning(
    text: str, needed: str
) -> None:
    checked = check_exercise("user/wall-lean.toml", text)
    assert checked.problems == []
    assert checked.value is not None
    [warning] = [str(w) for w in checked.warnings]
    assert warning.startswith(f"user/wall-lean.toml:{line_of(text, 'direction =')}: ")
    assert f"needs a caution for {needed}" in warning


@pytest.mark.parametrize("text", [EXTENSION, FLEXION], ids=["extension", "flexion"])
def test_a_shipped_exercise_without_the_opposite_caution_is_an_error(text: str) -> None:
    checked = check_exercise("catalog/wall-lean.toml", text, shipped=True)
    assert checked.value is None
    assert [p.line for p in checked.problems] == [line_of(text, "direction =")]
    assert "needs a caution for" in checked.problems[0].message


@pytest.mark.parametrize("level", ["caution", "avoid"])
def test_a_caution_or_an_avoid_for_the_other_type_keeps_the_rule(level: str) -> None:
    for text, who in ((EXTENSION, "flexion-responders"), (FLEXION, "extension-responders")):
        checked = check_exercise("x.toml", with_caution(text, who, level), shipped=True)
        assert checked.value is not None
        assert checked.problems == [] and checked.warnings == []


def test_a_caution_for_everyone_or_the_same_type_does_not_count() -> None:
    # GOOD already has a caution for everyone.
    same_type = with_caution(EXTENSION, "extension-responders", "avoid")
    for text in (EXTENSION, same_type):
        assert len(check_exercise("x.toml", text).warnings) == 1


@pytest.mark.parametrize("direction", ["neutral", "rotation", "lateral", "mixed"])
def test_other_directions_need_no_responder_caution(direction: str) -> None:
    text = broken('direction = "neutral"', f'direction = "{direction}"')
    checked = check_exercise("x.toml", text, shipped=True)
    assert checked.value is not None and checked.warnings == []


def test_load_catalog_skips_a_shipped_breach_and_keeps_a_users_with_a_warning(
    tmp_path: Path,
) -> None:
    shipped = tmp_path / "shipped"
    user = tmp_path / "user"
    shipped.mkdir()
    user.mkdir()
    (shipped / "bad.toml").write_text(EXTENSION)
    (user / "mine.toml").write_text(FLEXION.replace('id = "wall-lean"', 'id = "my-lean"'))
    catalog = load_catalog(user_dir=user, shipped_dir=shipped)
    assert list(catalog.exercises) == ["my-lean"]
    assert [p.path for p in catalog.problems] == [str(shipped / "bad.toml")]
    assert [w.path for w in catalog.warnings] == [str(user / "mine.toml")]


def test_only_files_in_the_shipped_folder_count_as_shipped(tmp_path: Path) -> None:
    shipped = load_catalog().exercises["cat-cow"].origin
    assert is_shipped_exercise_file(Path(shipped))
    (tmp_path / "cat-cow.toml").write_text(GOOD)
    assert not is_shipped_exercise_file(tmp_path / "cat-cow.toml")


def test_check_shows_a_warning_and_still_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(EXTENSION)
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    assert code == 0
    line = line_of(EXTENSION, "direction =")
    assert f"{path}:{line}: warning: a `extension` exercise needs a caution" in captured.err
    assert "1 file checked: all valid, 1 warning(s)" in captured.out


def test_list_shows_a_user_exercise_that_breaks_the_rule_with_a_warning(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(EXTENSION)
    code = main(["list", "--json"])
    captured = capsys.readouterr()
    assert code == 0
    assert "wall-lean" in captured.out
    assert f"{folder / 'mine.toml'}:" in captured.err and "warning:" in captured.err


# `dose.default_note`: one short line saying a dose number is not from the articles.


def test_a_default_note_is_read_into_the_dose() -> None:
    note = "The article gives no hold time; 2 holds of 20 s is my default."
    exercise, problems = parse_exercise(
        "x.toml", broken("reps = 2", f'reps = 2\ndefault_note = "{note}"')
    )
    assert problems == []
    assert exercise is not None and exercise.dose.default_note == note


def test_a_dose_without_a_default_note_has_none() -> None:
    exercise, _ = parse_exercise("x.toml", GOOD)
    assert exercise is not None and exercise.dose.default_note is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"' + "x" * 91 + '"', "`dose.default_note` must be one line of at most 90 characters"),
        ('"two\\nlines"', "`dose.default_note` must be one line"),
        ("12", "`dose.default_note` must be non-empty text"),
        ('""', "`dose.default_note` must be non-empty text"),
    ],
    ids=["too-long", "two-lines", "not-text", "empty"],
)
def test_a_bad_default_note_is_reported_at_its_line(value: str, message: str) -> None:
    text = broken("reps = 2", f"reps = 2\ndefault_note = {value}")
    exercise, problems = parse_exercise("x.toml", text)
    assert exercise is None
    assert [p.line for p in problems] == [line_of(text, "default_note")]
    assert message in problems[0].message


def test_list_json_gives_the_default_note_in_the_dose(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    exercises = {e["id"]: e for e in json.loads(capsys.readouterr().out)["exercises"]}
    shipped = load_catalog().exercises
    assert exercises["cobra"]["dose"]["default_note"] == shipped["cobra"].dose.default_note
    assert "default_note" not in exercises["goddess-pose"]["dose"]
