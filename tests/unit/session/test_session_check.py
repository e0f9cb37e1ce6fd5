"""The pre-session check names every unsuitable item, for every profile and every routine, and
the recommended routine never holds one (docs/product.md 5)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.domain.catalog import Catalog, load_shipped_catalog
from stretch_tui.domain.exercise import Caution, Exercise
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.recommend import recommend_routine
from stretch_tui.domain.routine import Routine, load_routines, single_exercise_routine
from stretch_tui.domain.session_check import (
    WARNING_KINDS,
    check_routine,
    exercise_warnings,
    planned_items,
    suits,
)
from stretch_tui.domain.session_plan import plan_session

CATALOG = load_shipped_catalog()
ROUTINES, _ = load_routines(CATALOG)
RESPONDERS = ["extension", "flexion", "unclear", None]
OPPOSITE = {"extension": "flexion", "flexion": "extension"}


def unsuitable_because(exercise: Exercise, responder: str | None, advanced_on: bool) -> set[str]:
    """The kinds of warning the product rules demand, worked out here from the catalog data
    on its own (docs/product.md 5), to hold the check's code to."""
    kinds: set[str] = set()
    typed = responder in OPPOSITE
    for caution in exercise.cautions:
        concerns = (
            caution.who == "everyone" or not typed or caution.who == f"{responder}-responders"
        )
        covered_by_advanced = (
            exercise.difficulty == "advanced"
            and caution.who == "everyone"
            and caution.level == "caution"
        )
        if concerns and not covered_by_advanced:
            kinds.add(caution.level)
    if typed and exercise.direction == OPPOSITE[str(responder)]:
        kinds.add("opposite-direction")
    if exercise.difficulty == "advanced" and not advanced_on:
        kinds.add("advanced")
    return kinds


def every_routine(preferences: Preferences, responder: str | None) -> list[Routine]:
    """The built-ins, the recommended one at 5, 10, 20 and 60 minutes, each exercise alone."""
    routines = list(ROUTINES.values())
    for minutes in (5, 10, 20, 60):
        fitted = replace(preferences, target_minutes=minutes)
        routines.append(recommend_routine(CATALOG, responder, fitted).routine)
    routines += [single_exercise_routine(exercise) for exercise in CATALOG.exercises.values()]
    return routines


@pytest.mark.parametrize(
    ("responder", "advanced_on"), list(itertools.product(RESPONDERS, [False, True]))
)
def test_every_unsuitable_item_is_named_with_its_reason(
    responder: str | None, advanced_on: bool
) -> None:
    preferences = Preferences(include_advanced=advanced_on)
    assert ROUTINES.keys() >= {
        "extension-responders",
        "flexion-responders",
        "fourteen-stretches",
        "seven-hip-stretches",
    }
    for routine in every_routine(preferences, responder):
        check = check_routine(routine, CATALOG, responder, preferences)
        flagged = {item.item_index: item for item in check.flagged}
        for index, item in enumerate(routine.items):
            exercise = CATALOG.exercises[item.exercise_id]
            wanted = unsuitable_because(exercise, responder, advanced_on)
            found = flagged.get(index)
            got = {warning.kind for warning in found.warnings} if found else set()
            assert got == wanted, (routine.id, exercise.id, responder)
            if found:
                assert all(len(warning.why) > 20 for warning in found.warnings)
        if routine.id == "recommended":
            assert check.clear, (routine.id, responder, [f.summary for f in check.flagged])


@pytest.mark.parametrize("responder", RESPONDERS)
def test_the_recommended_routine_never_holds_an_unsuitable_item(responder: str | None) -> None:
    for minutes, advanced_on in itertools.product((5, 10, 20, 60), (False, True)):
        preferences = Preferences(target_minutes=minutes, include_advanced=advanced_on)
        routine = recommend_routine(CATALOG, responder, preferences).routine
        assert routine.items, (responder, minutes)
        for exercise_id in routine.exercise_ids:
            exercise = CATALOG.exercises[exercise_id]
            assert not unsuitable_because(exercise, responder, advanced_on), exercise_id


def test_an_unscreened_user_is_warned_about_both_directions_in_the_fourteen() -> None:
    fourteen = ROUTINES["fourteen-stretches"]
    for responder in ("unclear", None):
        check = check_routine(fourteen, CATALOG, responder, Preferences())
        named = {item.exercise_id for item in check.flagged}
        # Avoid for one type each: the check says so even when the type is not known.
        assert {"childs-pose", "wide-legged-forward-fold", "cobra"} <= named
        child = next(item for item in check.flagged if item.exercise_id == "childs-pose")
        assert child.warnings[0].kind == "avoid"
        assert "bending backwards" in child.warnings[0].why


def test_a_flexion_responder_starting_the_extension_set_is_told_why() -> None:
    check = check_routine(ROUTINES["extension-responders"], CATALOG, "flexion", Preferences())
    assert len(check.flagged) == len(ROUTINES["extension-responders"].items)
    for item in check.flagged:
        kinds = [warning.kind for warning in item.warnings]
        assert "opposite-direction" in kinds, item.exercise_id
    # Skipping them leaves nothing to start.
    assert check.without_flagged().items == ()


def test_the_suited_routine_starts_without_a_warning_for_its_own_type() -> None:
    check = check_routine(ROUTINES["extension-responders"], CATALOG, "extension", Preferences())
    assert check.clear


def test_warnings_are_listed_most_serious_first() -> None:
    cobra = CATALOG.exercises["cobra"]
    kinds = [warning.kind for warning in exercise_warnings(cobra, "flexion", Preferences())]
    assert kinds == ["avoid", "opposite-direction"]
    order = [WARNING_KINDS.index(kind) for kind in kinds]
    assert order == sorted(order)


def test_an_everyone_caution_is_named_for_every_profile() -> None:
    base = CATALOG.exercises["goddess-pose"]
    careful = evolve(base, cautions=(Caution("everyone", "caution", "Keep the knees soft."),))
    for responder in RESPONDERS:
        warnings = exercise_warnings(careful, responder, Preferences())
        assert [w.kind for w in warnings] == ["caution"]
        assert warnings[0].why == "Take care: Keep the knees soft."


def test_the_advanced_opt_in_answers_the_advanced_warning() -> None:
    pigeon = CATALOG.exercises["pigeon-pose"]
    assert pigeon.difficulty == "advanced"
    assert [w.kind for w in exercise_warnings(pigeon, "extension", Preferences())] == ["advanced"]
    opted_in = Preferences(include_advanced=True)
    assert exercise_warnings(pigeon, "extension", opted_in) == ()


def test_planned_items_give_each_side_its_seconds_and_warnings() -> None:
    cobra, twist = (CATALOG.exercises[i] for i in ("cobra", "seated-spinal-twist"))
    items = single_exercise_routine(cobra).items + single_exercise_routine(twist).items
    routine = Routine(id="r", name="R", items=items)
    check = check_routine(routine, CATALOG, "flexion", Preferences())
    plan = plan_session(routine, CATALOG, Preferences())
    planned = planned_items(plan, check, CATALOG)
    assert [(item.exercise_id, item.side) for item in planned] == [
        ("cobra", "both"),
        ("seated-spinal-twist", "left"),
        ("seated-spinal-twist", "right"),
    ]
    assert planned[0].warnings and not planned[1].warnings
    assert planned[1].planned_seconds == planned[2].planned_seconds > 0
    work = sum(step.seconds for step in plan.steps if step.is_work)
    assert sum(item.planned_seconds for item in planned) == pytest.approx(work, abs=len(planned))


def test_an_item_missing_from_the_catalog_is_not_flagged() -> None:
    routine = ROUTINES["extension-responders"]
    assert check_routine(routine, CATALOG, "flexion", Preferences()).flagged
    check = check_routine(routine, Catalog(exercises={}, problems=[]), "flexion", Preferences())
    assert check.clear


CAUTIONS = st.builds(
    Caution,
    who=st.sampled_from(["extension-responders", "flexion-responders", "everyone"]),
    level=st.sampled_from(["avoid", "caution"]),
    why=st.sampled_from(["Why not.", "Source: take care."]),
)


@given(
    base=st.sampled_from(list(CATALOG.exercises.values())),
    cautions=st.lists(CAUTIONS, max_size=3).map(tuple),
    direction=st.sampled_from(["extension", "flexion", "rotation", "neutral"]),
    difficulty=st.sampled_from(["beginner", "intermediate", "advanced"]),
    responder=st.sampled_from(RESPONDERS),
)
def test_suits_is_exactly_no_warning_but_the_advanced_opt_in(
    base: Exercise, cautions: tuple[Caution, ...], direction: str, difficulty: str, responder: str
) -> None:
    """`suits` answers without writing the warnings; it must answer as they would."""
    exercise = evolve(base, cautions=cautions, direction=direction, difficulty=difficulty)
    everything = Preferences(include_advanced=True)
    assert suits(exercise, responder) == (not exercise_warnings(exercise, responder, everything))
    expected = not (unsuitable_because(exercise, responder, advanced_on=True))
    assert suits(exercise, responder) == expected
