"""The recommended routine keeps docs/product.md 5's rules for every screening result and length."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretch_tui.domain.catalog import Catalog, load_shipped_catalog
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.recommend import (
    POSITION_ORDER,
    Recommendation,
    _Timing,
    recommend_routine,
)
from stretch_tui.domain.routine import RECOMMENDED_ID, Routine, RoutineItem
from stretch_tui.domain.session_check import exercise_warnings
from stretch_tui.domain.session_plan import plan_session, to_nanos

RESPONDERS = ["extension", "flexion", "unclear", None]
_SHIPPED = load_shipped_catalog()


def exercises_of(recommendation: Recommendation, catalog: Catalog) -> list[Exercise]:
    return [catalog.exercises[i] for i in recommendation.routine.exercise_ids]


def any_avoid(exercise: Exercise) -> bool:
    return any(caution.level == "avoid" for caution in exercise.cautions)


def check_the_rules(
    catalog: Catalog, responder: str | None, preferences: Preferences
) -> Recommendation:
    """Every rule that holds whatever the settings; returns the recommendation for more."""
    recommendation = recommend_routine(catalog, responder, preferences)
    chosen = exercises_of(recommendation, catalog)
    plan = plan_session(recommendation.routine, catalog, preferences)
    assert plan.total_seconds == recommendation.estimated_seconds
    assert plan.total_seconds <= preferences.target_minutes * 60
    for exercise in chosen:
        if responder in ("extension", "flexion"):
            assert exercise.verdict_for(responder) != "avoid", exercise.id
            opposite = "flexion" if responder == "extension" else "extension"
            assert exercise.direction != opposite, exercise.id
        else:
            assert not any_avoid(exercise), exercise.id
        assert exercise.difficulty != "advanced" or preferences.include_advanced
        assert exercise.id not in preferences.left_out
        assert exercise.position != "equipment"
    positions = [POSITION_ORDER.index(exercise.position) for exercise in chosen]
    assert positions == sorted(positions)
    # Every exercise is either in the routine or left out with a reason, never both.
    left_out = [left.exercise_id for left in recommendation.left_out]
    assert sorted(left_out + [e.id for e in chosen]) == sorted(catalog.exercises)
    assert all(left.reason for left in recommendation.left_out)
    if responder not in ("extension", "flexion"):
        flexion = sum(1 for e in chosen if e.direction == "flexion")
        extension = sum(1 for e in chosen if e.direction == "extension")
        assert flexion == extension
    return recommendation


@pytest.mark.parametrize("responder", RESPONDERS)
@pytest.mark.parametrize("minutes", [5, 10, 20])
@pytest.mark.parametrize("advanced", [False, True])
def test_the_rules_hold_for_every_profile_and_length(
    catalog: Catalog, responder: str | None, minutes: int, advanced: bool
) -> None:
    preferences = Preferences(target_minutes=minutes, include_advanced=advanced)
    recommendation = check_the_rules(catalog, responder, preferences)
    # Fitted, not just under: at least four fifths of the target is used, unless every
    # suitable exercise is already in (an unclear direction leaves few).
    fitted = recommendation.estimated_seconds >= 0.8 * minutes * 60
    ran_out = not any("does not fit" in left.reason for left in recommendation.left_out)
    assert fitted or ran_out
    assert recommendation.routine.id == "recommended"


@pytest.mark.parametrize(
    ("responder", "opposite"), [("extension", "flexion"), ("flexion", "extension")]
)
def test_the_opposite_direction_is_left_out_with_the_reason(
    catalog: Catalog, responder: str, opposite: str
) -> None:
    recommendation = recommend_routine(catalog, responder, Preferences(target_minutes=60))
    opposite_ids = [
        e.id for e in catalog.exercises.values() if e.direction == opposite and not any_avoid(e)
    ]
    assert opposite_ids
    for exercise_id in opposite_ids:
        exercise = catalog.exercises[exercise_id]
        reason = recommendation.reason_for(exercise_id) or ""
        warnings = exercise_warnings(exercise, responder, Preferences())
        assert "opposite-direction" in [warning.kind for warning in warnings]
        if exercise.position != "equipment":
            # The most serious reason is shown: the caution for this type, else the direction.
            assert reason == warnings[0].why, exercise_id


@pytest.mark.parametrize("responder", ["extension", "flexion"])
def test_the_preferred_direction_goes_in_first(catalog: Catalog, responder: str) -> None:
    recommendation = recommend_routine(catalog, responder, Preferences(target_minutes=5))
    directions: list[str] = [e.direction for e in exercises_of(recommendation, catalog)]
    assert directions.count(responder) >= 2
    # Within a position the preferred direction comes first.
    chosen = exercises_of(recommendation, catalog)
    for before, after in itertools.pairwise(chosen):
        if before.position == after.position and after.direction == responder:
            assert before.direction == responder


def test_avoid_items_are_left_out_with_the_caution_as_reason(catalog: Catalog) -> None:
    recommendation = recommend_routine(catalog, "extension", Preferences(target_minutes=60))
    reason = recommendation.reason_for("childs-pose") or ""
    assert reason.startswith("Avoid if bending backwards eases your pain: ")
    assert "cobra" in recommendation.routine.exercise_ids


@pytest.mark.parametrize("responder", ["unclear", None])
def test_an_unclear_direction_gets_rotation_and_neutral_work_and_nothing_one_way(
    catalog: Catalog, responder: str | None
) -> None:
    recommendation = recommend_routine(catalog, responder, Preferences(target_minutes=10))
    chosen = exercises_of(recommendation, catalog)
    directions = [e.direction for e in chosen]
    assert "rotation" in directions and "mixed" in directions
    # Every shipped flexion or extension exercise carries a caution for the other type.
    assert directions.count("flexion") == directions.count("extension") == 0
    for exercise_id in ("childs-pose", "cobra", "wide-legged-forward-fold"):
        assert "Avoid if bending" in (recommendation.reason_for(exercise_id) or "")
    for exercise_id in ("kneeling-hip-flexor-stretch", "sloppy-push-up", "seated-forward-bend"):
        assert "Take care if bending" in (recommendation.reason_for(exercise_id) or ""), exercise_id


def test_advanced_ones_only_when_opted_in(catalog: Catalog) -> None:
    plain = recommend_routine(catalog, "extension", Preferences(target_minutes=120))
    assert "advanced" in (plain.reason_for("pigeon-pose") or "")
    opted = recommend_routine(
        catalog, "extension", Preferences(target_minutes=120, include_advanced=True)
    )
    assert "pigeon-pose" in opted.routine.exercise_ids


def test_what_the_user_left_out_stays_out(catalog: Catalog) -> None:
    preferences = Preferences(target_minutes=120, left_out=("cat-cow",))
    recommendation = recommend_routine(catalog, "flexion", preferences)
    assert "cat-cow" not in recommendation.routine.exercise_ids
    assert (recommendation.reason_for("cat-cow") or "").startswith("you left it out")


def test_what_does_not_fit_says_so(catalog: Catalog) -> None:
    recommendation = recommend_routine(catalog, "flexion", Preferences(target_minutes=5))
    assert any(left.reason == "does not fit in 5 minutes" for left in recommendation.left_out)


def test_the_bike_is_left_out_for_needing_equipment(catalog: Catalog) -> None:
    recommendation = recommend_routine(catalog, "flexion", Preferences(target_minutes=60))
    assert "needs equipment" in (recommendation.reason_for("recumbent-bike") or "")


@settings(max_examples=40, deadline=None)
@given(
    responder=st.sampled_from(RESPONDERS),
    minutes=st.integers(1, 120),
    lead_in=st.integers(0, 60),
    rest=st.integers(0, 300),
    inhale=st.integers(1, 20),
    exhale=st.integers(1, 30),
    advanced=st.booleans(),
    left_out=st.sets(st.sampled_from(sorted(_SHIPPED.exercises)), max_size=5),
)
def test_the_rules_hold_for_any_settings(
    responder: str | None,
    minutes: int,
    lead_in: int,
    rest: int,
    inhale: int,
    exhale: int,
    advanced: bool,
    left_out: set[str],
) -> None:
    preferences = Preferences(
        target_minutes=minutes,
        lead_in_seconds=lead_in,
        rest_seconds=rest,
        inhale_seconds=inhale,
        exhale_seconds=exhale,
        include_advanced=advanced,
        left_out=tuple(sorted(left_out)),
    )
    check_the_rules(_SHIPPED, responder, preferences)


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(st.integers(min_value=0, max_value=21), max_size=12),
    lead_in=st.integers(min_value=0, max_value=15),
    rest=st.integers(min_value=0, max_value=30),
    hold=st.integers(min_value=5, max_value=90),
)
def test_the_fitting_times_a_session_exactly_as_the_plan_does(
    picks: list[int], lead_in: int, rest: int, hold: int
) -> None:
    catalog = load_shipped_catalog()
    exercises = list(catalog.exercises.values())
    chosen = [exercises[pick] for pick in picks]
    preferences = Preferences(lead_in_seconds=lead_in, rest_seconds=rest, default_hold_seconds=hold)
    routine = Routine(id=RECOMMENDED_ID, name="", items=tuple(RoutineItem(e.id) for e in chosen))
    planned = plan_session(routine, catalog, preferences)
    assert _Timing(catalog, preferences).nanos(chosen) == sum(
        to_nanos(step.seconds) for step in planned.steps
    )
