"""A dose that is not the articles' is said aloud once, on the exercise's first step
(docs/product.md 5)."""

from __future__ import annotations

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import RoutineItem
from stretch_tui.domain.session_display import instruction_text
from stretch_tui.domain.session_plan import SessionPlan, plan_session
from tests.unit.session.helpers import routine_of

PREFS = Preferences(inhale_seconds=4, exhale_seconds=6, lead_in_seconds=7, rest_seconds=12)


def noted(plan: SessionPlan) -> list[tuple[int, str]]:
    """(step index, exercise id) of every step that carries a dose note."""
    return [(i, step.exercise_id) for i, step in enumerate(plan.steps) if step.dose_note]


def test_every_noted_exercise_shows_its_note_once_on_its_first_work_step(
    catalog: Catalog,
) -> None:
    plan = plan_session(routine_of(*catalog.exercises), catalog, PREFS)
    expected = [e.id for e in catalog.exercises.values() if e.dose.default_note]
    assert [exercise_id for _, exercise_id in noted(plan)] == expected
    for index, exercise_id in noted(plan):
        step = plan.steps[index]
        first_work = next(s for s in plan.steps if s.is_work and s.exercise_id == exercise_id)
        assert step is first_work
        assert step.dose_note == catalog.exercises[exercise_id].dose.default_note


def test_the_note_is_not_on_the_second_hold_nor_the_right_side(catalog: Catalog) -> None:
    plan = plan_session(routine_of("seated-spinal-twist", lead_in=0), catalog, PREFS)
    work = [step for step in plan.steps if step.is_work]
    assert [(step.side, bool(step.dose_note)) for step in work] == [
        ("left", True),
        ("left", False),
        ("right", False),
        ("right", False),
    ]


def test_an_exercise_met_twice_is_noted_only_the_first_time(catalog: Catalog) -> None:
    plan = plan_session(routine_of("cobra", "cat-cow", "cobra"), catalog, PREFS)
    cobra_items = {step.item_index for step in plan.steps if step.exercise_id == "cobra"}
    assert len(cobra_items) == 2
    assert [exercise_id for _, exercise_id in noted(plan)] == ["cobra"]
    assert plan.steps[noted(plan)[0][0]].item_index == min(cobra_items)


def test_a_routine_that_sets_its_own_numbers_gets_no_note(catalog: Catalog) -> None:
    """The note speaks of the exercise's own numbers; the 7 hip stretches use the article's."""
    own = RoutineItem("childs-pose", seconds=30, reps=1)
    plan = plan_session(routine_of(own, "cobra"), catalog, PREFS)
    assert [exercise_id for _, exercise_id in noted(plan)] == ["cobra"]


def test_a_changed_side_order_keeps_the_note(catalog: Catalog) -> None:
    item = RoutineItem("seated-spinal-twist", sides="alternate")
    plan = plan_session(routine_of(item), catalog, PREFS)
    assert [exercise_id for _, exercise_id in noted(plan)] == ["seated-spinal-twist"]


def test_an_article_dose_has_no_note(catalog: Catalog) -> None:
    plan = plan_session(routine_of("goddess-pose", "cat-cow"), catalog, PREFS)
    assert noted(plan) == []


def test_the_runner_shows_the_note_as_one_line_under_the_instruction(catalog: Catalog) -> None:
    plan = plan_session(routine_of("glute-bridge", lead_in=0), catalog, PREFS)
    [step] = [s for s in plan.steps if s.is_work]
    note = catalog.exercises["glute-bridge"].dose.default_note
    assert instruction_text(step) == f"{step.instruction}\n{note}"
    later = plan_session(routine_of("goddess-pose", lead_in=0), catalog, PREFS).steps[0]
    assert instruction_text(later) == later.instruction
