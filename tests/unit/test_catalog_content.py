"""The shipped catalog holds what the two source articles say (docs/product.md 1, 3.4).

The table below is written from the articles, not generated from the catalog files:
`lift-14` is "14 Stretches to Relieve Lower Back and Hip Pain" (LIFT Physiotherapy) and
`hip-7` is "7 best hip stretches for lower back pain". Where an article gives a number (breaths,
seconds, repetitions) the dose must use it or stay inside the article's range; where it gives
none, the docs/product.md 3.2 defaults apply (holds of 30 s, 2 reps).
"""

from __future__ import annotations

from functools import cache

import pytest
from attrs import frozen

from stretch_tui.domain.catalog import Catalog, load_shipped_catalog
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.guidance import parse_advice, parse_articles
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.validation import direction_rule_gap
from stretch_tui.domain.vocabulary import POSE_MAX_COLUMNS, POSE_MAX_ROWS

EXT = ("extension-responders", "avoid")
EXT_CAUTION = ("extension-responders", "caution")
FLEX_AVOID = ("flexion-responders", "avoid")
FLEX_CAUTION = ("flexion-responders", "caution")
EVERYONE = ("everyone", "caution")

Number = int | float
Expected = Number | tuple[Number, Number]
"""An exact number, or an inclusive (low, high) range from the article."""


@frozen
class Row:
    id: str
    sources: frozenset[str]
    """Article ids the exercise comes from."""
    targets: frozenset[str]
    """Body areas the article names; the exercise may list more."""
    cautions: frozenset[tuple[str, str]]
    """(who, level): as the articles give them, plus the `caution` the direction rule of
    docs/product.md 3.1 adds for the other responder type (the first article: the other type's
    stretches "might do the opposite")."""
    sides: str
    kind: str
    dose: dict[str, Expected]
    direction: str
    difficulty: str = "beginner"


def row(
    exercise_id: str,
    sources: str,
    targets: str,
    sides: str,
    kind: str,
    dose: dict[str, Expected],
    direction: str,
    cautions: tuple[tuple[str, str], ...] = (),
    difficulty: str = "beginner",
) -> Row:
    return Row(
        id=exercise_id,
        sources=frozenset(sources.split()),
        targets=frozenset(targets.split()),
        cautions=frozenset(cautions),
        sides=sides,
        kind=kind,
        dose=dose,
        direction=direction,
        difficulty=difficulty,
    )


DEFAULT_HOLD: dict[str, Expected] = {"seconds": 30, "reps": 2}

ROWS = [
    # lift-14, exercises for extension responders: repetitions, no number given.
    row(
        "sloppy-push-up",
        "lift-14",
        "lower-back",
        "both",
        "reps",
        {"reps": (5, 15)},
        "extension",
        cautions=(FLEX_CAUTION,),
    ),
    row(
        "standing-lumbar-extension",
        "lift-14",
        "lower-back",
        "both",
        "reps",
        {"reps": (5, 15)},
        "extension",
        cautions=(FLEX_CAUTION,),
    ),
    row(
        "standing-hip-flexor-stretch",
        "lift-14",
        "hip-flexors",
        "each",
        "hold",
        DEFAULT_HOLD,
        "extension",
        cautions=(FLEX_CAUTION,),
    ),
    # lift-14, exercises for flexion responders.
    row(
        "double-knee-to-chest",
        "lift-14 hip-7",
        "lower-back hips",
        "both",
        "hold",
        {"seconds": (20, 30), "reps": 2},
        "flexion",
        cautions=(EXT_CAUTION,),
    ),
    row(
        "seated-forward-bend",
        "lift-14",
        "lower-back hamstrings",
        "both",
        "hold",
        DEFAULT_HOLD,
        "flexion",
        cautions=(EXT_CAUTION,),
    ),
    row(
        "recumbent-bike",
        "lift-14 hip-7",  # hip-7 lists a stationary bike among its self-help
        "hips",
        "both",
        "duration",
        {"seconds": (60, 1800)},
        "flexion",
        cautions=(EVERYONE, EXT_CAUTION),
    ),
    # lift-14, the 14 stretches (with hip-7 where it has the same movement).
    row(
        "seated-spinal-twist",
        "lift-14",
        "hips glutes lower-back piriformis",
        "each",
        "hold",
        DEFAULT_HOLD,
        "rotation",
    ),
    row(
        "happy-baby",
        "lift-14 hip-7",
        "adductors lower-back",
        "both",
        "breaths",
        {"breaths": (8, 10)},
        "flexion",  # knees toward the armpits round the low back, as knee-to-chest does
        cautions=(EXT_CAUTION,),
    ),
    row(
        "childs-pose",
        "lift-14 hip-7",
        "hips lower-back ankles",
        "both",
        "hold",
        {"seconds": (30, 600), "reps": 2},
        "flexion",
        cautions=(EXT,),
    ),
    row(
        "single-knee-to-chest",
        "lift-14",
        "lower-back hips hamstrings",
        "each",
        "hold",
        DEFAULT_HOLD,
        "flexion",
        cautions=(EXT_CAUTION,),
    ),
    row(
        "wide-legged-forward-fold",
        "lift-14",
        "lower-back upper-back glutes hamstrings",
        "both",
        "breaths",
        {"breaths": 8},
        "flexion",
        cautions=(EXT,),
    ),
    row(
        "kneeling-hip-flexor-stretch",
        "lift-14",
        "hips quads glutes",
        "each",
        "hold",
        DEFAULT_HOLD,
        "extension",
        cautions=(FLEX_CAUTION,),
    ),
    row(
        "cat-cow",
        "lift-14 hip-7",
        "hips abdominals chest spine",
        "both",
        "cycles",
        {"seconds_per_phase": 5},
        "mixed",
    ),
    row(
        "three-legged-dog",
        "lift-14",
        "hips shoulders hamstrings",
        "each",
        "hold",
        DEFAULT_HOLD,
        "neutral",
        cautions=(EVERYONE,),
        difficulty="advanced",
    ),
    row("glute-bridge", "lift-14", "glutes", "both", "reps", {"reps": (5, 15)}, "neutral"),
    row(
        "kneeling-side-bend",
        "lift-14",
        "adductors hips intercostals obliques abdominals",
        "each",
        "hold",
        DEFAULT_HOLD,
        "lateral",
        cautions=(EVERYONE,),
        difficulty="advanced",
    ),
    row(
        "cobra",
        "lift-14",
        "hip-flexors chest spine",
        "both",
        "hold",
        DEFAULT_HOLD,
        "extension",
        cautions=(FLEX_AVOID,),
    ),
    row("standing-quad-stretch", "lift-14", "quads", "each", "hold", DEFAULT_HOLD, "neutral"),
    row(
        "lumbar-trunk-rotation",
        "lift-14 hip-7",
        "lower-back spine hips obliques glutes",
        "each",
        "hold",
        {"seconds": 30, "reps": 2},
        "rotation",
    ),
    row(
        "pigeon-pose",
        "lift-14",
        "hip-flexors hips glutes lower-back psoas",
        "each",
        "hold",
        DEFAULT_HOLD,
        "neutral",
        cautions=(EVERYONE,),
        difficulty="advanced",
    ),
    # hip-7 only.
    row(
        "goddess-pose",
        "hip-7",
        "hips adductors lower-back",
        "both",
        "breaths",
        {"breaths": (5, 10)},
        "neutral",
    ),
    row(
        "pelvic-tilt",
        "hip-7",
        "lower-back",
        "both",
        "reps",
        {"reps": (10, 15)},
        "flexion",
        cautions=(EXT_CAUTION,),
    ),
]

DYNAMIC = (
    "cat-cow",
    "pelvic-tilt",
    "glute-bridge",
    "sloppy-push-up",
    "standing-lumbar-extension",
    "lumbar-trunk-rotation",
)
"""Exercises with a frame per phase (docs/product.md 3.3)."""

ADVANCED = ("three-legged-dog", "kneeling-side-bend", "pigeon-pose")


@cache
def catalog() -> Catalog:
    return load_shipped_catalog()


def exercise(exercise_id: str) -> Exercise:
    found = catalog().get(exercise_id)
    assert found is not None, f"{exercise_id} is not in the shipped catalog"
    return found


def test_the_shipped_catalog_loads_without_problems() -> None:
    assert [str(problem) for problem in catalog().problems] == []


def test_the_catalog_holds_exactly_the_22_exercises_of_the_articles() -> None:
    assert sorted(catalog().exercises) == sorted(r.id for r in ROWS)
    assert len(catalog().exercises) == 22


@pytest.mark.parametrize("expected", ROWS, ids=lambda r: r.id)
def test_exercise_matches_its_article(expected: Row) -> None:
    found = exercise(expected.id)
    assert {source.article for source in found.sources} == expected.sources
    assert expected.targets <= set(found.targets)
    assert {(c.who, c.level) for c in found.cautions} == expected.cautions
    assert found.dose.sides == expected.sides
    assert found.dose.kind == expected.kind
    for field, wanted in expected.dose.items():
        value = getattr(found.dose, field)
        assert value is not None, f"dose.{field} is missing"
        if isinstance(wanted, tuple):
            low, high = wanted
            assert low <= value <= high, f"dose.{field} = {value}, outside {wanted}"
        else:
            assert value == wanted, f"dose.{field} = {value}, expected {wanted}"
    assert found.direction == expected.direction
    assert found.difficulty == expected.difficulty


@pytest.mark.parametrize("expected", ROWS, ids=lambda r: r.id)
def test_exercise_is_complete(expected: Row) -> None:
    found = exercise(expected.id)
    assert found.name and found.summary
    assert len(found.steps) >= 2
    assert all(c.why.strip() for c in found.cautions)
    assert all(source.item.strip() for source in found.sources)


def test_cat_cow_moves_for_about_a_minute() -> None:
    dose = exercise("cat-cow").dose
    assert dose.cycles is not None and dose.seconds_per_phase is not None
    assert dose.cycles * 2 * dose.seconds_per_phase >= 60


def test_the_articles_props_are_listed() -> None:
    assert any("pillow" in prop for prop in exercise("childs-pose").props)
    assert any("pillow" in p or "blanket" in p for p in exercise("lumbar-trunk-rotation").props)
    assert any("chair" in p or "wall" in p for p in exercise("standing-quad-stretch").props)
    assert exercise("recumbent-bike").equipment


@pytest.mark.parametrize("exercise_id", ADVANCED)
def test_advanced_movements_are_marked_and_warned(exercise_id: str) -> None:
    found = exercise(exercise_id)
    assert found.difficulty == "advanced"
    assert any(c.who == "everyone" and c.level == "caution" for c in found.cautions)


def test_only_the_articles_advanced_movements_are_advanced() -> None:
    advanced = {e.id for e in catalog().exercises.values() if e.difficulty == "advanced"}
    assert advanced == set(ADVANCED)


@pytest.mark.parametrize("exercise_id", DYNAMIC)
def test_dynamic_exercises_have_a_frame_per_phase(exercise_id: str) -> None:
    frames = exercise(exercise_id).pose.frames
    assert len(frames) > 1
    assert all(frame.cue.strip() for frame in frames)


@pytest.mark.parametrize("expected", ROWS, ids=lambda r: r.id)
def test_every_frame_fits_and_is_plain_ascii(expected: Row) -> None:
    for frame in exercise(expected.id).pose.frames:
        lines = frame.art.split("\n")
        assert len(lines) <= POSE_MAX_ROWS
        assert max(len(line) for line in lines) <= POSE_MAX_COLUMNS
        assert all(" " <= char <= "~" for char in frame.art.replace("\n", ""))
        assert "O" in frame.art or "o" in frame.art, "a drawing needs a head"


def test_every_source_names_a_shipped_article() -> None:
    path = shipped_data_dir("catalog") / "articles.toml"
    articles, problems = parse_articles(str(path), path.read_text(encoding="utf-8"))
    assert problems == []
    assert articles is not None
    assert set(articles) == {"lift-14", "hip-7"}
    assert articles["lift-14"].publisher == "LIFT Physiotherapy"
    used = {s.article for e in catalog().exercises.values() for s in e.sources}
    assert used == set(articles)


def test_the_general_advice_is_shipped() -> None:
    path = shipped_data_dir("catalog") / "advice.toml"
    advice, problems = parse_advice(str(path), path.read_text(encoding="utf-8"))
    assert problems == []
    assert advice is not None
    text = " ".join(a.text for a in advice).casefold()
    for fact in ("10 to 30 seconds", "sharp pain", "breathe", "pillow", "few days", "stiff"):
        assert fact in text, f"the advice does not mention {fact!r}"
    assert "self-care-notice" in {a.id for a in advice}


OTHER_TYPE = {"extension": "flexion-responders", "flexion": "extension-responders"}


@pytest.mark.parametrize("expected", ROWS, ids=lambda r: r.id)
def test_every_extension_or_flexion_exercise_warns_the_other_type(expected: Row) -> None:
    """docs/product.md 3.1: the first article warns that the other type's stretches "might do the
    opposite"; so each carries at least a caution for them, with its reason."""
    found = exercise(expected.id)
    needed = OTHER_TYPE.get(found.direction)
    assert direction_rule_gap(found.direction, ((c.who, c.level) for c in found.cautions)) is None
    if needed is not None:
        warned = [c for c in found.cautions if c.who == needed]
        assert warned, f"{found.id} is {found.direction} but has no caution for {needed}"
        assert all(c.level in ("caution", "avoid") and len(c.why) >= 40 for c in warned)


def test_the_strongest_moves_of_each_type_are_no_longer_safe_for_the_other() -> None:
    """The clinical review's finding: these four counted as fine for the other type."""
    for exercise_id in ("sloppy-push-up", "standing-lumbar-extension"):
        assert exercise(exercise_id).verdict_for("flexion") == "caution"
    for exercise_id in ("seated-forward-bend", "double-knee-to-chest", "happy-baby"):
        assert exercise(exercise_id).verdict_for("extension") == "caution"


def test_both_hip_flexor_stretches_carry_the_same_direction_and_caution() -> None:
    kneeling = exercise("kneeling-hip-flexor-stretch")
    standing = exercise("standing-hip-flexor-stretch")
    assert kneeling.direction == standing.direction == "extension"
    for found in (kneeling, standing):
        assert ("flexion-responders", "caution") in {(c.who, c.level) for c in found.cautions}


FROM_THE_ARTICLES = frozenset({"happy-baby", "wide-legged-forward-fold", "cat-cow", "goddess-pose"})
"""Exercises whose every dose number is an article's (breaths, seconds, cycles)."""


def test_every_dose_that_is_not_the_articles_says_so() -> None:
    noted = {e.id for e in catalog().exercises.values() if e.dose.default_note}
    assert noted == set(catalog().exercises) - FROM_THE_ARTICLES


@pytest.mark.parametrize("expected", ROWS, ids=lambda r: r.id)
def test_a_default_note_is_one_short_line_about_the_article(expected: Row) -> None:
    note = exercise(expected.id).dose.default_note
    if note is None:
        return
    assert "\n" not in note and len(note) <= 80, "it must fit one line at 80 columns"
    assert "article" in note and "this app" in note


def test_the_undisclosed_second_holds_are_disclosed() -> None:
    for exercise_id in ("childs-pose", "double-knee-to-chest", "lumbar-trunk-rotation"):
        note = exercise(exercise_id).dose.default_note or ""
        assert "second hold" in note


OVER_CLAIMS = (
    "good sign",
    "works on both",
    "as the article says",
    "which is why the source",
    "usual guidance",
    "usual starting point",
    "may give you",
    "better still",
)
"""Wording the clinical review found saying more than the articles do."""


def test_the_catalog_says_no_more_than_the_articles() -> None:
    folder = shipped_data_dir("catalog")
    files = [
        folder / "advice.toml",
        *sorted((folder / "exercises").glob("*.toml")),
        *sorted((folder / "routines").glob("*.toml")),
    ]
    for path in files:
        text = " ".join(path.read_text(encoding="utf-8").replace("\\\n", " ").split()).casefold()
        for claim in OVER_CLAIMS:
            assert claim not in text, f"{path.name} says {claim!r}"


def test_the_trunk_rotation_keeps_the_articles_limits() -> None:
    steps = " ".join(exercise("lumbar-trunk-rotation").steps)
    assert "90 degrees" in steps
    assert "hips on the floor" in steps and "shoulders" in steps


def test_the_advice_says_which_numbers_are_the_apps() -> None:
    path = shipped_data_dir("catalog") / "advice.toml"
    advice, _ = parse_advice(str(path), path.read_text(encoding="utf-8"))
    assert advice is not None
    usual = next(a for a in advice if a.id == "usual-dose").text
    assert "should give you" in usual
    assert "not the articles'" in usual
