"""Each kind of mistake in an exercise file is reported as `path:line: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.domain.catalog import load_catalog, parse_exercise

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
