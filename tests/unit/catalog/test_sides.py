"""The right side reads as the mirror of the left: steps, cues and tips (docs/product.md 3.3).

The catalog writes every one-sided exercise for the left side; `Exercise.for_side` and the
session runner's cues swap left and right through one function, `side_text`.
"""

from __future__ import annotations

import re

import pytest

from stretch_tui.cli.catalog_commands import render_exercise
from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.guidance import load_articles
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.session_plan import phase_at, plan_session
from tests.unit.session.helpers import routine_of

CATALOG = load_shipped_catalog()
ONE_SIDED = sorted(e.id for e in CATALOG.exercises.values() if e.dose.sides != "both")
TWO_SIDED = sorted(e.id for e in CATALOG.exercises.values() if e.dose.sides == "both")
SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)
BODY_WORDS = [
    "side",
    "hand",
    "arm",
    "elbow",
    "leg",
    "foot",
    "knee",
    "hip",
    "heel",
    "ankle",
    "thigh",
    "shin",
]
"""What `left` or `right` may name in a one-sided exercise's text."""


def texts(exercise: Exercise) -> list[str]:
    """Every piece of an exercise's text that is written for one side."""
    return [*exercise.steps, *exercise.tips, *(frame.cue for frame in exercise.pose.frames)]


def side_words(text: str) -> list[str]:
    return [match.group(0).casefold() for match in SIDE_WORD.finditer(text)]


def test_the_catalog_has_one_sided_exercises_to_check() -> None:
    assert len(ONE_SIDED) >= 8
    assert "seated-spinal-twist" in ONE_SIDED and "lumbar-trunk-rotation" in ONE_SIDED


@pytest.mark.parametrize("exercise_id", ONE_SIDED)
def test_the_right_side_swaps_every_left_and_right(exercise_id: str) -> None:
    left = CATALOG.exercises[exercise_id]
    right = left.for_side("right")
    assert any(side_words(text) for text in texts(left)), "a one-sided exercise names a side"
    for left_text, right_text in zip(texts(left), texts(right), strict=True):
        flipped = {"left": "right", "right": "left"}
        assert side_words(right_text) == [flipped[word] for word in side_words(left_text)]
        # Everything but the side words stays as written.
        assert SIDE_WORD.sub("#", right_text) == SIDE_WORD.sub("#", left_text)
    assert [frame.art for frame in right.pose.frames] == [
        frame.art for frame in left.pose.mirrored().frames
    ]


@pytest.mark.parametrize("exercise_id", ONE_SIDED)
def test_one_sided_text_uses_left_and_right_only_for_sides(exercise_id: str) -> None:
    """So swapping them is always right: "arms at right angles" would become "left angles"."""
    for text in texts(CATALOG.exercises[exercise_id]):
        words = re.findall(r"[A-Za-z]+", text)
        for index, word in enumerate(words):
            if word.casefold() not in ("left", "right"):
                continue
            after = words[index + 1].casefold() if index + 1 < len(words) else ""
            before = words[index - 1].casefold() if index else ""
            assert after in BODY_WORDS or before == "the", f"{word!r} in {text!r}"


@pytest.mark.parametrize("exercise_id", TWO_SIDED)
def test_an_exercise_done_on_both_sides_at_once_is_not_swapped(exercise_id: str) -> None:
    exercise = CATALOG.exercises[exercise_id]
    assert exercise.for_side("right") is exercise


def test_the_left_side_is_the_text_as_written() -> None:
    exercise = CATALOG.exercises["seated-spinal-twist"]
    assert exercise.for_side("left") is exercise


def test_show_right_prints_right_side_steps_and_cues() -> None:
    exercise = CATALOG.exercises["seated-spinal-twist"]
    shown = " ".join(render_exercise(exercise, load_articles(), side="right").split())
    assert "turn to the left" not in shown.casefold()
    assert "Elbow against the knee, turn to the right" in shown
    assert "Turn your chest, then your head and eyes, to the right." in shown
    assert "Drawn for the right side." in shown
    left = " ".join(render_exercise(exercise, load_articles(), side="left").split())
    assert "Turn your chest, then your head and eyes, to the left." in left


@pytest.mark.parametrize("exercise_id", ONE_SIDED)
def test_show_right_prints_every_step_of_the_right_side(exercise_id: str) -> None:
    exercise = CATALOG.exercises[exercise_id]
    shown = " ".join(render_exercise(exercise, load_articles(), side="right").split())
    for step in exercise.for_side("right").steps:
        assert step in shown


@pytest.mark.parametrize("exercise_id", ONE_SIDED)
def test_the_runner_cues_the_right_side_as_show_does(exercise_id: str) -> None:
    exercise = CATALOG.exercises[exercise_id]
    plan = plan_session(routine_of(exercise_id, lead_in=0), CATALOG, Preferences())
    right_steps = [step for step in plan.steps if step.is_work and step.side == "right"]
    assert right_steps
    right = exercise.for_side("right")
    for step in right_steps:
        for moment in (0.0, step.seconds / 2, step.seconds):
            phase = phase_at(step, moment)
            assert phase.cue == right.pose.frames[phase.frame_index].cue
