"""The screening questionnaire: the shipped file, scoring, the session gate and the banner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.cli.catalog_commands import file_checker_for
from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.exercise import Caution, Dose, Exercise, Pose, PoseFrame
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.screening import (
    EMERGENCY_GATE_MESSAGE,
    Questionnaire,
    QuestionnaireError,
    banner,
    confirm_assessed,
    exercise_plan,
    format_date,
    load_questionnaire,
    parse_screening,
    session_gate,
)
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import load_profile, save_profile

SHIPPED = shipped_data_dir("catalog") / "screening.toml"
WHEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)

# DESIGN 4.1: every sign of the table, one question each, with its tier.
RED_FLAG_TIERS = {
    "bladder-bowel": "emergency",
    "saddle-numbness": "emergency",
    "both-legs-weak": "emergency",
    "fever-unwell": "urgent",
    "recent-injury": "urgent",
    "leg-weakness-worsening": "urgent",
    "cancer-history": "soon",
    "weight-loss": "soon",
    "night-pain": "soon",
    "immune-steroids": "soon",
    "age-new-episode": "soon",
    "no-improvement": "soon",
    "morning-stiffness": "soon",
}

# DESIGN 4.2: every sign of both responder types, with the side it counts for.
DIRECTION_SIGNS = {
    "sitting-worse": "extension",
    "bending-worse": "extension",
    "standing-walking-eases": "extension",
    "arching-eases": "extension",
    "morning-worst": "extension",
    "sciatica-sitting-bending": "extension",
    "cough-sneeze": "extension",
    "standing-worse": "flexion",
    "walking-worse": "flexion",
    "sitting-eases": "flexion",
    "rounding-eases": "flexion",
    "leg-symptoms": "flexion",
}


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire()


def yes_to(*ids: str) -> dict[str, bool]:
    return dict.fromkeys(ids, True)


def screened(tier: str, date: datetime = WHEN, **changes: object) -> Profile:
    record = ScreeningRecord(date=date, tier=tier)  # type: ignore[arg-type]
    return evolve(Profile(screening=record), **changes)  # type: ignore[arg-type]


# --- the shipped file -----------------------------------------------------------------------


def test_the_shipped_screening_file_validates() -> None:
    questionnaire, problems = parse_screening(str(SHIPPED), SHIPPED.read_text(encoding="utf-8"))
    assert problems == []
    assert questionnaire is not None


def test_check_command_knows_the_screening_file() -> None:
    assert file_checker_for(Path("somewhere/screening.toml")) is parse_screening


def test_every_red_flag_sign_is_asked_with_its_tier(questionnaire: Questionnaire) -> None:
    assert {q.id: q.tier for q in questionnaire.red_flags} == RED_FLAG_TIERS


def test_every_directional_sign_is_asked_for_its_side(questionnaire: Questionnaire) -> None:
    assert {q.id: q.points_to for q in questionnaire.directions} == DIRECTION_SIGNS


def test_every_tier_and_result_has_text(questionnaire: Questionnaire) -> None:
    assert set(questionnaire.tiers) == {"emergency", "urgent", "soon"}
    assert set(questionnaire.responders) == {"extension", "flexion", "unclear"}
    assert "emergency" in questionnaire.tiers["emergency"].title.lower()
    assert questionnaire.function.max_activities == 3
    assert (questionnaire.function.scale_min, questionnaire.function.scale_max) == (0, 10)
    assert "putting on socks" in questionnaire.function.examples


# --- red flags ------------------------------------------------------------------------------


@pytest.mark.parametrize(("question_id", "tier"), sorted(RED_FLAG_TIERS.items()))
def test_each_red_flag_alone_raises_its_tier(
    questionnaire: Questionnaire, question_id: str, tier: str
) -> None:
    assert questionnaire.urgency_tier(yes_to(question_id)) == tier


def test_no_red_flag_means_tier_none(questionnaire: Questionnaire) -> None:
    answers = dict.fromkeys(RED_FLAG_TIERS, False)
    assert questionnaire.urgency_tier(answers) == "none"
    assert questionnaire.urgency_tier({}) == "none"


def test_the_most_urgent_tier_wins_and_every_flag_is_recorded(
    questionnaire: Questionnaire,
) -> None:
    answers = yes_to("cancer-history", "both-legs-weak", "fever-unwell")
    record = questionnaire.record(answers, WHEN)
    assert record.tier == "emergency"
    assert record.flags == ("both-legs-weak", "fever-unwell", "cancer-history")
    assert record.responder is None
    assert record.date == WHEN


# --- directional preference -----------------------------------------------------------------


def test_clear_extension_signs_classify_as_extension(questionnaire: Questionnaire) -> None:
    result = questionnaire.classify(yes_to("sitting-worse", "bending-worse", "arching-eases"))
    assert result.responder == "extension"
    assert (result.extension_score, result.flexion_score) == (6, 0)


def test_clear_flexion_signs_classify_as_flexion(questionnaire: Questionnaire) -> None:
    result = questionnaire.classify(yes_to("standing-worse", "walking-worse", "leg-symptoms"))
    assert result.responder == "flexion"
    assert (result.extension_score, result.flexion_score) == (0, 5)


def test_a_tie_is_unclear(questionnaire: Questionnaire) -> None:
    result = questionnaire.classify(
        yes_to("sitting-worse", "bending-worse", "standing-worse", "walking-worse")
    )
    assert (result.extension_score, result.flexion_score) == (4, 4)
    assert result.responder == "unclear"


def test_a_lead_smaller_than_the_margin_is_unclear(questionnaire: Questionnaire) -> None:
    result = questionnaire.classify(yes_to("sitting-worse", "bending-worse", "leg-symptoms"))
    assert (result.extension_score, result.flexion_score) == (4, 1)
    assert questionnaire.min_margin == 2
    assert result.responder == "extension"  # a lead of 3
    result = questionnaire.classify(
        yes_to("sitting-worse", "bending-worse", "leg-symptoms", "morning-worst", "walking-worse")
    )
    assert (result.extension_score, result.flexion_score) == (5, 3)
    assert result.responder == "extension"  # exactly the margin still counts
    result = questionnaire.classify(
        yes_to("sitting-worse", "bending-worse", "walking-worse", "leg-symptoms")
    )
    assert (result.extension_score, result.flexion_score) == (4, 3)
    assert result.responder == "unclear"


def test_weak_scores_are_unclear(questionnaire: Questionnaire) -> None:
    assert questionnaire.min_score == 3
    result = questionnaire.classify(yes_to("sitting-worse"))
    assert (result.extension_score, result.responder) == (2, "unclear")
    result = questionnaire.classify(yes_to("sitting-worse", "cough-sneeze"))
    assert (result.extension_score, result.responder) == (3, "extension")
    assert questionnaire.classify({}).responder == "unclear"


@given(st.dictionaries(st.sampled_from(sorted(DIRECTION_SIGNS)), st.booleans()))
def test_a_side_wins_only_when_strong_and_clearly_ahead(answers: dict[str, bool]) -> None:
    questionnaire = load_questionnaire()
    result = questionnaire.classify(answers)
    ext, flex = result.extension_score, result.flexion_score
    if result.responder == "extension":
        assert ext >= questionnaire.min_score and ext - flex >= questionnaire.min_margin
    elif result.responder == "flexion":
        assert flex >= questionnaire.min_score and flex - ext >= questionnaire.min_margin
    else:
        assert (
            abs(ext - flex) < questionnaire.min_margin or max(ext, flex) < questionnaire.min_score
        )
    if ext == flex:
        assert result.responder == "unclear"


def test_a_clear_record_carries_the_result_and_the_scores(questionnaire: Questionnaire) -> None:
    answers = {**dict.fromkeys(RED_FLAG_TIERS, False), **yes_to("sitting-eases", "walking-worse")}
    record = questionnaire.record(answers, WHEN)
    assert (record.tier, record.flags, record.responder) == ("none", (), "flexion")
    assert (record.extension_score, record.flexion_score) == (0, 4)
    assert record.answers == answers


# --- the session gate and the banner --------------------------------------------------------


def test_no_screening_allows_sessions() -> None:
    gate = session_gate(Profile())
    assert gate.allowed and not gate.needs_confirmation
    assert banner(Profile()) is None


def test_a_clear_screening_allows_sessions_without_a_banner() -> None:
    profile = screened("none")
    assert session_gate(profile).allowed
    assert banner(profile) is None


def test_emergency_blocks_sessions_until_a_clear_rescreen() -> None:
    profile = screened("emergency")
    gate = session_gate(profile)
    assert not gate.allowed
    assert not gate.needs_confirmation  # no confirmation unlocks it; only a new screening
    assert gate.message == EMERGENCY_GATE_MESSAGE
    assert "emergency" in (banner(profile) or "")
    # Even a confirmation does not unlock an emergency result.
    assert not session_gate(confirm_assessed(profile, WHEN + timedelta(hours=2))).allowed
    rescreened = profile.replace_screening(ScreeningRecord(date=WHEN + timedelta(days=1)))
    assert session_gate(rescreened).allowed


def test_urgent_needs_a_confirmation_and_then_allows_sessions() -> None:
    profile = screened("urgent")
    gate = session_gate(profile)
    assert (gate.allowed, gate.needs_confirmation) == (False, True)
    assert "clinician today" in (banner(profile) or "")
    confirmed = confirm_assessed(profile, WHEN + timedelta(hours=3))
    gate = session_gate(confirmed)
    assert (gate.allowed, gate.needs_confirmation) == (True, False)
    assert "You confirmed a clinician's assessment on 3 March 2025" in (banner(confirmed) or "")


def test_a_confirmation_from_before_the_urgent_screening_does_not_count() -> None:
    profile = screened("urgent", assessed_confirmed_at=WHEN - timedelta(days=1))
    assert session_gate(profile).needs_confirmation


def test_a_new_screening_drops_the_old_confirmation() -> None:
    confirmed = confirm_assessed(screened("urgent"), WHEN + timedelta(hours=1))
    again = confirmed.replace_screening(
        ScreeningRecord(date=WHEN + timedelta(days=2), tier="urgent")
    )
    assert session_gate(again).needs_confirmation


def test_soon_allows_sessions_and_shows_a_banner_until_rescreened() -> None:
    profile = screened("soon")
    gate = session_gate(profile)
    assert gate.allowed and not gate.needs_confirmation
    text = banner(profile)
    assert text is not None
    assert "book an appointment" in text.lower()
    assert "3 March 2025" in text
    rescreened = profile.replace_screening(ScreeningRecord(date=WHEN + timedelta(days=30)))
    assert banner(rescreened) is None


def test_dates_read_the_same_in_every_locale() -> None:
    assert format_date(datetime(2024, 12, 1, tzinfo=UTC)) == "1 December 2024"


# --- re-screening keeps the earlier result --------------------------------------------------


def test_rescreening_keeps_the_earlier_record_through_storage(
    questionnaire: Questionnaire, isolated_home: Path
) -> None:
    paths = resolve_paths(isolated_home)
    first = questionnaire.record(yes_to("sitting-worse", "bending-worse"), WHEN)
    save_profile(paths, Profile().replace_screening(first))
    later = WHEN + timedelta(days=28)
    second = questionnaire.record(yes_to("walking-worse", "sitting-eases"), later)
    save_profile(paths, load_profile(paths).value.replace_screening(second))

    profile = load_profile(paths).value
    assert profile.screening is not None
    assert (profile.screening.responder, profile.screening.date) == ("flexion", later)
    assert [r.responder for r in profile.earlier_screenings] == ["extension"]
    assert profile.earlier_screenings[0].date == WHEN


# --- what a result means for the catalog ----------------------------------------------------


def exercise(
    ident: str, direction: str, *cautions: Caution, difficulty: str = "beginner"
) -> Exercise:
    return Exercise(
        id=ident,
        name=ident.replace("-", " ").capitalize(),
        kind="stretch",
        targets=("lower-back",),
        position="supine",
        direction=direction,  # type: ignore[arg-type]
        difficulty=difficulty,  # type: ignore[arg-type]
        dose=Dose(kind="hold", seconds=30, reps=2),
        steps=("Do it.",),
        pose=Pose(frames=(PoseFrame(art="o"),)),
        cautions=cautions,
    )


def test_the_plan_prefers_avoids_flags_and_leaves_out_by_result() -> None:
    press_up = exercise("press-up", "extension")
    childs = exercise("childs", "flexion", Caution("extension-responders", "avoid", "rounds."))
    hug = exercise("hug", "flexion")
    twist = exercise("twist", "rotation")
    pigeon = exercise("pigeon", "neutral", difficulty="advanced")
    catalog = [press_up, childs, hug, twist, pigeon]

    plan = exercise_plan("extension", catalog)
    assert (plan.prefer, plan.avoid, plan.left_out) == ((press_up,), (childs,), (hug,))

    plan = exercise_plan("flexion", catalog)
    assert plan.prefer == (childs, hug)
    assert plan.left_out == (press_up,)
    assert plan.avoid == ()

    plan = exercise_plan("unclear", catalog)
    assert plan.prefer == (twist,)  # advanced stays out until opted in
    assert plan.flag == (childs,)  # an avoid for one type is a caution when unclear
    assert exercise_plan("unclear", catalog, Preferences(include_advanced=True)).prefer == (
        twist,
        pigeon,
    )


def test_the_shipped_catalog_avoids_childs_pose_for_extension_responders() -> None:
    exercises = load_shipped_catalog().exercises
    if "childs-pose" not in exercises:
        pytest.skip("the shipped catalog has no child's pose yet")
    avoided = {e.id for e in exercise_plan("extension", exercises.values()).avoid}
    assert "childs-pose" in avoided


# --- a broken file --------------------------------------------------------------------------


def broken(old: str, new: str) -> str:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str, occurrence: int = 0) -> int:
    lines = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    return lines[occurrence]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ('tier = "urgent"', 'tier = "today"', 'tier = "today"', "expected one of"),
        ('points_to = "flexion"', 'points_to = "sideways"', "sideways", "expected one of"),
        ("weight = 1", "weight = 0", "weight = 0", "expected 1 to 10"),
        ("min_score = 3", 'min_score = "three"', '"three"', "must be a whole number"),
        ('id = "night-pain"', 'id = "weight-loss"', 'id = "weight-loss"', "duplicate"),
        ('id = "night-pain"', 'id = "Night Pain"', "Night Pain", "kebab-case"),
        ("max_activities = 3", "max_activities = 5", "max_activities = 5", "expected 1 to 3"),
        ('banner = "Please see', 'colour = "red"\nbanner = "Please see', "colour", "unknown key"),
    ],
)
def test_a_broken_screening_file_is_reported_at_its_line(
    old: str, new: str, where: str, message: str
) -> None:
    text = broken(old, new)
    questionnaire, problems = parse_screening("screening.toml", text)
    assert questionnaire is None
    expected_line = line_of(text, where, 1 if "duplicate" in message else 0)
    assert any(
        str(problem).startswith(f"screening.toml:{expected_line}: ") and message in str(problem)
        for problem in problems
    ), [str(p) for p in problems]


def test_a_missing_tier_table_is_reported() -> None:
    text = broken("[tiers.soon]", "[tiers.later]")
    _, problems = parse_screening("screening.toml", text)
    messages = [str(p) for p in problems]
    assert any("missing `tiers.soon`" in m for m in messages), messages
    assert any(f":{line_of(text, '[tiers.later]')}: unknown key" in m for m in messages), messages


def test_a_file_that_is_not_toml_is_reported_with_its_line() -> None:
    text = broken("[classification]", "[classification")
    _, problems = parse_screening("screening.toml", text)
    assert [p.line for p in problems] == [line_of(text, "[classification")]
    assert "not valid TOML" in problems[0].message


def test_a_missing_questionnaire_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="cannot read"):
        load_questionnaire(tmp_path)


def test_a_soon_sign_with_movement_answers_keeps_both_the_tier_and_the_direction() -> None:
    questionnaire = load_questionnaire()
    answers = {q.id: False for q in questionnaire.red_flags}
    answers["night-pain"] = True
    only_flags = questionnaire.record(answers, datetime(2025, 3, 3, tzinfo=UTC))
    assert only_flags.tier == "soon" and only_flags.responder is None
    answers |= {q.id: q.points_to == "flexion" for q in questionnaire.directions}
    record = questionnaire.record(answers, datetime(2025, 3, 3, tzinfo=UTC))
    assert record.tier == "soon"
    assert record.flags == ("night-pain",)
    assert record.responder == "flexion"


def test_urgent_and_emergency_signs_never_get_a_direction() -> None:
    questionnaire = load_questionnaire()
    for tier in ("urgent", "emergency"):
        answers = {q.id: q.tier == tier for q in questionnaire.red_flags}
        answers |= {q.id: q.points_to == "flexion" for q in questionnaire.directions}
        record = questionnaire.record(answers, datetime(2025, 3, 3, tzinfo=UTC))
        assert record.tier == tier
        assert record.responder is None
