"""The screening questionnaire: the shipped file, scoring, the session gate and the banner."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.cli.catalog_commands import file_checker_for
from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.exercise import Caution, Dose, Exercise, Pose, PoseFrame
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import FunctionActivity, Profile, ScreeningRecord
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.screening import (
    CHANGED_REASON,
    EMERGENCY_GATE_MESSAGE,
    FIRST_TIME_REASON,
    Questionnaire,
    QuestionnaireError,
    banner,
    confirm_assessed,
    exercise_plan,
    format_date,
    load_questionnaire,
    parse_screening,
    red_flags_due,
    session_gate,
)
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import load_profile, save_profile

SHIPPED = shipped_data_dir("catalog") / "screening.toml"
WHEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)

# docs/product.md 4.1: every sign of the table, one question each, with its tier (the NICE/NHS
# list).
RED_FLAG_TIERS = {
    "bladder-bowel": "emergency",
    "saddle-numbness": "emergency",
    "sexual-function": "emergency",
    "both-legs-new": "emergency",
    "legs-weakening-quickly": "emergency",
    "fever-unwell": "urgent",
    "injecting-drugs": "urgent",
    "weak-immunity": "urgent",
    "steroid-tablets": "urgent",
    "osteoporosis": "urgent",
    "recent-injury": "urgent",
    "leg-weakness-worsening": "urgent",
    "both-legs-unassessed": "urgent",
    "cancer-history": "soon",
    "weight-loss": "soon",
    "night-pain": "soon",
    "upper-back-pain": "soon",
    "age-new-episode": "soon",
    "no-improvement": "soon",
    "morning-stiffness": "soon",
}

# docs/product.md 4.2: the signs of both responder types, with the side and the kind of sign.
DIRECTION_SIGNS = {
    "sitting-worse": ("extension", "core"),
    "bending-worse": ("extension", "core"),
    "standing-walking-eases": ("extension", "core"),
    "arching-eases": ("extension", "core"),
    "cough-sneeze": ("extension", "supporting"),
    "standing-worse": ("flexion", "core"),
    "walking-worse": ("flexion", "core"),
    "sitting-eases": ("flexion", "core"),
    "rounding-eases": ("flexion", "core"),
    "one-leg-symptoms": ("flexion", "supporting"),
}


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire()


def yes_to(*ids: str) -> dict[str, bool]:
    return dict.fromkeys(ids, True)


def screened(tier: str, date: datetime = WHEN, **changes: object) -> Profile:
    record = ScreeningRecord(date=date, tier=tier)  # type: ignore[arg-type]
    return replace(Profile(screening=record), **changes)  # type: ignore[arg-type]


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
    assert {q.id: (q.points_to, q.sign) for q in questionnaire.directions} == DIRECTION_SIGNS


def test_both_sides_have_the_same_signs_and_weights(questionnaire: Questionnaire) -> None:
    def weights(side: str) -> list[tuple[str, int]]:
        return sorted(
            (q.sign, questionnaire.points(q))
            for q in questionnaire.directions
            if q.points_to == side
        )

    assert weights("extension") == weights("flexion")
    assert questionnaire.rule.core_points > questionnaire.rule.supporting_points


def test_symptoms_in_both_legs_are_asked_only_as_red_flags(questionnaire: Questionnaire) -> None:
    for question in questionnaire.directions:
        assert "both" not in question.text.lower(), question.id
    legs = [q for q in questionnaire.directions if "leg" in q.text]
    assert legs and all("one leg" in q.text for q in legs)
    both = {q.id: q.tier for q in questionnaire.red_flags if "both legs" in q.text}
    assert both == {"both-legs-new": "emergency", "both-legs-unassessed": "urgent"}


def test_morning_signs_are_asked_once_as_a_red_flag(questionnaire: Questionnaire) -> None:
    assert not [q.id for q in questionnaire.directions if "morning" in q.text.lower()]
    assert questionnaire.red_flag("morning-stiffness") is not None


def test_the_questionnaire_has_a_version(questionnaire: Questionnaire) -> None:
    assert questionnaire.version == 2


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
    answers = yes_to("cancer-history", "both-legs-new", "fever-unwell")
    record = questionnaire.record(answers, WHEN)
    assert record.tier == "emergency"
    assert record.flags == ("both-legs-new", "fever-unwell", "cancer-history")
    assert record.responder is None
    assert record.date == WHEN
    assert record.questionnaire_version == questionnaire.version


# --- answers to result: tier and type -------------------------------------------------------

NO_FLAGS = dict.fromkeys(RED_FLAG_TIERS, False)
NO_MOVES = dict.fromkeys(DIRECTION_SIGNS, False)

# (what the case shows, the ids answered yes, the tier, the type, the two scores)
ANSWER_TABLE = [
    ("all no", (), "none", "unclear", (0, 0)),
    ("extension, three core signs", ("sitting-worse", "bending-worse", "arching-eases"),
     "none", "extension", (6, 0)),
    ("flexion, three core signs", ("standing-worse", "walking-worse", "rounding-eases"),
     "none", "flexion", (0, 6)),
    ("every extension sign",
     ("sitting-worse", "bending-worse", "standing-walking-eases", "arching-eases",
      "cough-sneeze"), "none", "extension", (9, 0)),
    ("every flexion sign",
     ("standing-worse", "walking-worse", "sitting-eases", "rounding-eases", "one-leg-symptoms"),
     "none", "flexion", (0, 9)),
    ("two core signs are enough", ("sitting-worse", "arching-eases"), "none", "extension",
     (4, 0)),
    ("one core sign is not", ("standing-worse", "one-leg-symptoms"), "none", "unclear", (0, 3)),
    ("supporting signs alone decide nothing", ("cough-sneeze", "one-leg-symptoms"), "none",
     "unclear", (1, 1)),
    ("worse sitting and worse walking", ("sitting-worse", "walking-worse", "cough-sneeze"),
     "none", "unclear", (3, 2)),
    ("worse sitting and walking, with morning stiffness and cough",
     ("sitting-worse", "walking-worse", "bending-worse", "cough-sneeze", "morning-stiffness"),
     "soon", "unclear", (5, 2)),
    ("worse sitting and standing", ("sitting-worse", "bending-worse", "standing-worse"),
     "none", "unclear", (4, 2)),
    ("better in both postures",
     ("sitting-eases", "standing-walking-eases", "arching-eases", "cough-sneeze"),
     "none", "unclear", (5, 2)),
    ("eased by bending both ways", ("arching-eases", "rounding-eases", "sitting-eases",
     "walking-worse"), "none", "unclear", (2, 6)),
    ("forward bending both worse and easing", ("bending-worse", "rounding-eases",
     "sitting-worse"), "none", "unclear", (4, 2)),
    ("a tie", ("bending-worse", "arching-eases", "standing-worse", "sitting-eases"), "none",
     "unclear", (4, 4)),
    ("a lead of one", ("bending-worse", "arching-eases", "standing-worse", "one-leg-symptoms"),
     "none", "unclear", (4, 3)),
    ("a lead of two", ("bending-worse", "arching-eases", "standing-worse"), "none",
     "extension", (4, 2)),
    ("a soon sign keeps the type", ("night-pain", "standing-worse", "walking-worse"), "soon",
     "flexion", (0, 4)),
    ("an urgent sign ends before the type", ("injecting-drugs", "standing-worse",
     "walking-worse"), "urgent", None, (0, 0)),
    ("an emergency sign ends before the type", ("sexual-function", "sitting-worse",
     "bending-worse"), "emergency", None, (0, 0)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("yes", "tier", "responder", "scores"),
    [case[1:] for case in ANSWER_TABLE],
    ids=[case[0] for case in ANSWER_TABLE],
)
def test_answers_give_their_tier_and_type(
    questionnaire: Questionnaire,
    yes: tuple[str, ...],
    tier: str,
    responder: str | None,
    scores: tuple[int, int],
) -> None:
    answers = {**NO_FLAGS, **NO_MOVES, **yes_to(*yes)}
    record = questionnaire.record(answers, WHEN)
    assert (record.tier, record.responder) == (tier, responder)
    assert (record.extension_score, record.flexion_score) == scores


@pytest.mark.parametrize(("question_id", "tier"), sorted(RED_FLAG_TIERS.items()))
def test_each_red_flag_ends_the_screening_in_its_tier(
    questionnaire: Questionnaire, question_id: str, tier: str
) -> None:
    record = questionnaire.record({**NO_FLAGS, question_id: True}, WHEN)
    assert (record.tier, record.flags) == (tier, (question_id,))


def test_a_conflict_is_named_in_the_classification(questionnaire: Questionnaire) -> None:
    result = questionnaire.classify(yes_to("sitting-worse", "walking-worse", "bending-worse"))
    assert result.responder == "unclear"
    assert result.conflict == ("sitting-worse", "walking-worse")
    assert questionnaire.classify(yes_to("sitting-worse", "bending-worse")).conflict is None


@given(st.dictionaries(st.sampled_from(sorted(DIRECTION_SIGNS)), st.booleans()))
def test_a_side_wins_only_when_consistent_strong_and_clearly_ahead(
    answers: dict[str, bool],
) -> None:
    questionnaire = load_questionnaire()
    rule = questionnaire.rule
    result = questionnaire.classify(answers)
    ext, flex = result.extension_score, result.flexion_score
    yes = {key for key, value in answers.items() if value}
    core = {
        side: sum(1 for key in yes if DIRECTION_SIGNS[key] == (side, "core"))
        for side in ("extension", "flexion")
    }
    conflicting = any(set(pair) <= yes for pair in rule.conflicts)
    if result.responder == "extension":
        assert not conflicting
        assert core["extension"] >= rule.min_core_signs and ext - flex >= rule.min_lead
    elif result.responder == "flexion":
        assert not conflicting
        assert core["flexion"] >= rule.min_core_signs and flex - ext >= rule.min_lead
    else:
        assert conflicting or all(
            core[side] < rule.min_core_signs or abs(ext - flex) < rule.min_lead
            for side in ("extension", "flexion")
        )
    if ext == flex or ("sitting-worse" in yes and {"standing-worse", "walking-worse"} & yes):
        assert result.responder == "unclear"


def test_a_clear_record_carries_the_result_and_the_scores(questionnaire: Questionnaire) -> None:
    answers = {**NO_FLAGS, **yes_to("sitting-eases", "walking-worse")}
    record = questionnaire.record(answers, WHEN)
    assert (record.tier, record.flags, record.responder) == ("none", (), "flexion")
    assert (record.extension_score, record.flexion_score) == (0, 4)
    assert record.answers == NO_FLAGS
    assert record.movement_answers == yes_to("sitting-eases", "walking-worse")
    assert record.responder_date == WHEN


# --- red flags before a session -------------------------------------------------------------


def current(date: datetime = WHEN, **changes: object) -> ScreeningRecord:
    record = ScreeningRecord(date=date, questionnaire_version=2)
    return replace(record, **changes)  # type: ignore[arg-type]


def test_red_flags_are_due_before_the_first_session(questionnaire: Questionnaire) -> None:
    assert red_flags_due(Profile(), WHEN, questionnaire) == FIRST_TIME_REASON
    assert red_flags_due(Profile(), WHEN, None) == FIRST_TIME_REASON
    assert FIRST_TIME_REASON.startswith("Before your first session")


def test_current_answers_are_not_asked_again(questionnaire: Questionnaire) -> None:
    for tier in ("none", "soon", "urgent", "emergency"):
        profile = Profile(screening=current(tier=tier))
        assert red_flags_due(profile, WHEN + timedelta(days=30), questionnaire) is None


def test_answers_from_an_older_questionnaire_are_asked_again(
    questionnaire: Questionnaire,
) -> None:
    old = Profile(screening=current(questionnaire_version=1))
    assert red_flags_due(old, WHEN + timedelta(days=1), questionnaire) == CHANGED_REASON
    assert "changed" in CHANGED_REASON
    # Without the questionnaire there is nothing to compare the version with.
    assert red_flags_due(old, WHEN + timedelta(days=1), None) is None
    # A record that does not say which questionnaire it came from is from the first.
    assert ScreeningRecord(date=WHEN).questionnaire_version == 1


@pytest.mark.parametrize(
    ("taken", "still_current", "first_due"),
    [
        (datetime(2025, 3, 3, 9, 30, tzinfo=UTC), datetime(2025, 6, 3, 9, 30, tzinfo=UTC),
         datetime(2025, 6, 3, 9, 31, tzinfo=UTC)),
        (datetime(2025, 3, 31, 8, 0, tzinfo=UTC), datetime(2025, 6, 30, 8, 0, tzinfo=UTC),
         datetime(2025, 6, 30, 8, 1, tzinfo=UTC)),
        (datetime(2024, 11, 30, 20, 0, tzinfo=UTC), datetime(2025, 2, 28, 20, 0, tzinfo=UTC),
         datetime(2025, 3, 1, 0, 0, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_answers_older_than_three_months_are_asked_again(
    questionnaire: Questionnaire, taken: datetime, still_current: datetime, first_due: datetime
) -> None:
    profile = Profile(screening=current(date=taken))
    assert red_flags_due(profile, still_current, questionnaire) is None
    reason = red_flags_due(profile, first_due, questionnaire)
    assert reason is not None
    assert format_date(taken) in reason and "3 months" in reason


def test_the_age_is_measured_across_utc_offsets(questionnaire: Questionnaire) -> None:
    profile = Profile(screening=current(date=WHEN))
    later = (WHEN + timedelta(days=200)).astimezone(timezone(timedelta(hours=-7)))
    assert red_flags_due(profile, later, questionnaire) is not None


def test_answering_only_the_red_flags_keeps_the_movement_result(
    questionnaire: Questionnaire,
) -> None:
    first = questionnaire.record(
        {**NO_FLAGS, **NO_MOVES, **yes_to("sitting-worse", "bending-worse")}, WHEN
    )
    later = WHEN + timedelta(days=100)
    again = questionnaire.red_flag_record({**NO_FLAGS, "night-pain": True}, later, first)
    assert (again.date, again.tier, again.flags) == (later, "soon", ("night-pain",))
    assert again.answers == {**NO_FLAGS, "night-pain": True}
    assert again.questionnaire_version == questionnaire.version
    assert (again.responder, again.extension_score, again.flexion_score) == ("extension", 4, 0)
    assert again.movement_answers == first.movement_answers
    assert again.responder_date == WHEN
    # Once more: the movement date stays the one of the movement answers.
    third = questionnaire.red_flag_record(NO_FLAGS, later + timedelta(days=100), again)
    assert (third.tier, third.responder, third.movement_date) == ("none", "extension", WHEN)
    assert (
        red_flags_due(Profile(screening=third), later + timedelta(days=101), questionnaire) is None
    )


def test_answering_only_the_red_flags_without_a_movement_result_gives_none(
    questionnaire: Questionnaire,
) -> None:
    record = questionnaire.red_flag_record(NO_FLAGS, WHEN, None)
    assert (record.tier, record.responder, record.movement_date) == ("none", None, None)
    old = ScreeningRecord(date=WHEN - timedelta(days=200), tier="urgent")
    assert questionnaire.red_flag_record(NO_FLAGS, WHEN, old).responder is None


def test_a_red_flag_refresh_through_storage_keeps_activities_and_history(
    questionnaire: Questionnaire, isolated_home: Path
) -> None:
    paths = resolve_paths(isolated_home)
    first = questionnaire.record({**NO_FLAGS, **yes_to("standing-worse", "walking-worse")}, WHEN)
    profile = Profile(activities=(FunctionActivity("putting on socks"),)).replace_screening(first)
    save_profile(paths, profile)
    later = WHEN + timedelta(days=120)
    record = questionnaire.red_flag_record(NO_FLAGS, later, first)
    save_profile(paths, load_profile(paths).value.replace_screening(record))

    loaded = load_profile(paths)
    assert loaded.notices == []
    assert loaded.value.screening == record
    assert loaded.value.screening.movement_date == WHEN
    assert loaded.value.responder == "flexion"
    assert loaded.value.earlier_screenings == (first,)
    assert [a.name for a in loaded.value.activities] == ["putting on socks"]


# --- reading a profile saved by an older version ------------------------------------------

OLD_PROFILE = """\
{header}[screening]
date = 2025-01-06T09:00:00+01:00
tier = "none"
flags = []
responder = "extension"
extension_score = 6
flexion_score = 0

[screening.answers]
bladder-bowel = false
both-legs-weak = false
immune-steroids = false
sitting-worse = true
morning-worst = true
leg-symptoms = false

[[earlier_screenings]]
date = 2024-12-01T09:00:00+01:00
tier = "soon"
flags = ["night-pain"]
extension_score = 0
flexion_score = 0
answers = {{ night-pain = true }}

[[activities]]
name = "putting on socks"
"""


@pytest.mark.parametrize("header", ["schema_version = 1\n\n", ""], ids=["version 1", "no version"])
def test_an_old_profile_is_migrated_and_asks_the_red_flags_again(
    questionnaire: Questionnaire, isolated_home: Path, header: str
) -> None:
    paths = resolve_paths(isolated_home)
    paths.profile.parent.mkdir(parents=True, exist_ok=True)
    paths.profile.write_text(OLD_PROFILE.format(header=header), encoding="utf-8")

    loaded = load_profile(paths)
    assert [notice.kind for notice in loaded.notices] == ["migrated"]
    record = loaded.value.screening
    assert record is not None
    assert record.questionnaire_version == 1
    assert (record.responder, record.extension_score, record.responder_date) == (
        "extension",
        6,
        record.date,
    )
    assert record.answers == {
        "bladder-bowel": False,
        "both-legs-weak": False,
        "immune-steroids": False,
    }
    assert record.movement_answers == {
        "sitting-worse": True,
        "morning-worst": True,
        "leg-symptoms": False,
    }
    assert loaded.value.earlier_screenings[0].questionnaire_version == 1
    assert loaded.value.earlier_screenings[0].flags == ("night-pain",)
    assert [a.name for a in loaded.value.activities] == ["putting on socks"]
    assert red_flags_due(loaded.value, record.date + timedelta(days=1), questionnaire) == (
        CHANGED_REASON
    )
    # The file is now in the current format, the old one kept beside it.
    assert "schema_version = 2" in paths.profile.read_text(encoding="utf-8")
    assert list(paths.profile.parent.glob("profile.toml.v*.bak"))
    again = load_profile(paths)
    assert again.notices == [] and again.value == loaded.value


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
    if fragment.startswith("\n"):  # a whole line, not a mention in a comment
        lines = [n for n, line in enumerate(text.split("\n"), 1) if line == fragment[1:]]
    else:
        lines = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    return lines[occurrence]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ('tier = "urgent"', 'tier = "today"', 'tier = "today"', "expected one of"),
        ('points_to = "flexion"', 'points_to = "sideways"', "sideways", "expected one of"),
        ('sign = "supporting"', 'sign = "minor"', '"minor"', "expected one of"),
        ("min_lead = 2", 'min_lead = "two"', '"two"', "must be a whole number"),
        ("questionnaire_version = 2", "questionnaire_version = 0", "= 0", "expected 1 to 1000"),
        (
            '["sitting-worse", "standing-worse"]',
            '["sitting-worse", "arching-eases"]',
            "conflicts = [",
            "both point the same way",
        ),
        (
            '["sitting-worse", "standing-worse"]',
            '["sitting-worse", "standing-still"]',
            "conflicts = [",
            "names no `direction` question: standing-still",
        ),
        (
            'points_to = "flexion"\nsign = "supporting"',
            'points_to = "flexion"\nsign = "core"',
            "\n[[direction]]",
            "same number of `direction` signs",
        ),
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
