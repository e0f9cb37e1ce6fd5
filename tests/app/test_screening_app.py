"""The screening screen driven from the keyboard: every result is saved and explained."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

from stretch_tui.app import StretchApp
from stretch_tui.domain.profile import FunctionActivity, Profile, ScreeningRecord
from stretch_tui.domain.screening import (
    CHANGED_REASON,
    FIRST_TIME_REASON,
    banner,
    load_questionnaire,
    red_flags_due,
    session_gate,
)
from stretch_tui.screens import screening as screening_module
from stretch_tui.screens.dialogs import ConfirmDialog
from stretch_tui.screens.screening import ScreeningScreen
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import load_profile, save_profile
from tests.appkit import make_app

SIZE = (80, 24)
TAKEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
QUESTIONNAIRE = load_questionnaire()
RED_FLAGS = len(QUESTIONNAIRE.red_flags)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[datetime]:
    """Every screening in these tests is taken at the same moment."""
    monkeypatch.setattr(screening_module, "now", lambda: TAKEN)
    yield TAKEN


def red_flag_keys(*yes: str) -> list[str]:
    """One key per warning-sign question: y for the ids given, n for the rest."""
    return ["y" if q.id in yes else "n" for q in QUESTIONNAIRE.red_flags]


def direction_keys(*yes: str) -> list[str]:
    """One key per directional question: y for the ids given, n for the rest."""
    return ["y" if q.id in yes else "n" for q in QUESTIONNAIRE.directions]


def saved_profile(home: Path) -> Profile:
    """The profile as a fresh start of the app would read it from disk."""
    return AppState(resolve_paths(home)).profile


def screen_text(app: StretchApp) -> str:
    """All the text the screening screen shows, joined."""
    return "\n".join(str(static.content) for static in app.screen.query(Static))


async def answer(pilot: Pilot[int], keys: list[str]) -> None:
    for key in keys:
        await pilot.press(key)
    await pilot.pause()


def current(app: StretchApp) -> ScreeningScreen:
    screen = app.screen
    assert isinstance(screen, ScreeningScreen)
    return screen


# --- the three directional results --------------------------------------------------------


async def test_extension_answers_save_an_extension_result_with_activities(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys())
        await answer(pilot, direction_keys("sitting-worse", "bending-worse", "arching-eases"))
        # Activities: a name, enter, its rating, enter; the letters that are keys on the
        # questions (y, n, b, a) must go into the names. Enter on an empty name finishes.
        await answer(pilot, [*"putting on socks", "enter", "4", "enter"])
        await answer(pilot, [*"lifting a baby", "enter", "7", "enter", "enter"])
        text = screen_text(app)
        assert "Your result: Extension responder" in text
        assert "Recorded on 3 March 2025." in text
        assert "self-care guidance" in text  # the notice is on every result page
        if app.state.catalog.get("childs-pose") is not None:
            assert "Avoided" in text and "Child's pose" in text

    profile = saved_profile(isolated_home)
    assert profile.screening is not None
    assert profile.screening.responder == "extension"
    assert (profile.screening.extension_score, profile.screening.flexion_score) == (6, 0)
    assert profile.screening.date == TAKEN
    assert [a.name for a in profile.activities] == ["putting on socks", "lifting a baby"]
    assert [r.scores for r in profile.function_ratings] == [(4, 7)]


async def test_flexion_answers_save_a_flexion_result(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys())
        await answer(pilot, direction_keys("standing-worse", "walking-worse", "rounding-eases"))
        await answer(pilot, ["enter"])  # an empty first name skips the activities
        text = screen_text(app)
        assert "Your result: Flexion responder" in text
        assert "round the back (flexion) come first" in text
        if app.state.catalog.get("cobra") is not None:
            assert "Cobra" in text

    profile = saved_profile(isolated_home)
    assert profile.responder == "flexion"
    assert profile.activities == ()


async def test_mixed_answers_save_an_unclear_result(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys())
        await answer(pilot, direction_keys("sitting-worse", "standing-worse"))
        await answer(pilot, ["enter"])
        assert "Your result: No clear direction yet" in screen_text(app)

    profile = saved_profile(isolated_home)
    assert profile.responder == "unclear"
    assert profile.screening is not None
    assert (profile.screening.extension_score, profile.screening.flexion_score) == (2, 2)


async def test_rescreening_keeps_the_earlier_result_in_the_profile(isolated_home: Path) -> None:
    earlier = ScreeningRecord(date=datetime(2025, 1, 6, tzinfo=UTC), responder="flexion")
    save_profile(resolve_paths(isolated_home), Profile(screening=earlier))
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys())
        await answer(pilot, direction_keys("sitting-worse", "bending-worse"))
        await answer(pilot, ["enter"])

    profile = load_profile(resolve_paths(isolated_home)).value
    assert profile.responder == "extension"
    assert profile.earlier_screenings == (earlier,)


# --- red flags ------------------------------------------------------------------------------


async def test_an_emergency_sign_locks_sessions_and_says_to_seek_emergency_care(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys("saddle-numbness"))
        # No directional question follows: the result page is already showing.
        text = screen_text(app)
        assert "Please seek emergency care now" in text
        assert "emergency department" in text
        assert "numbness in the saddle area" in text
        assert "self-care guidance" in text

    profile = saved_profile(isolated_home)
    assert profile.screening is not None
    assert (profile.screening.tier, profile.screening.flags) == ("emergency", ("saddle-numbness",))
    assert profile.screening.responder is None
    assert profile.screening.date == TAKEN
    assert not session_gate(profile).allowed


async def test_an_urgent_sign_needs_a_recorded_assessment_before_sessions(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys("fever-unwell", "night-pain"))
        assert "Please see a clinician today" in screen_text(app)
        assert session_gate(saved_profile(isolated_home)).needs_confirmation

        await answer(pilot, ["a"])
        assert isinstance(app.screen, ConfirmDialog)
        await answer(pilot, ["y"])
        assert "Recorded: assessed by a clinician on 3 March 2025" in screen_text(app)

    profile = saved_profile(isolated_home)
    assert profile.screening is not None
    assert profile.screening.tier == "urgent"
    assert profile.screening.flags == ("fever-unwell", "night-pain")
    assert profile.assessed_confirmed_at == TAKEN
    assert session_gate(profile).allowed


async def test_declining_the_assessment_question_records_nothing(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys("recent-injury"))
        await answer(pilot, ["a", "n"])
        assert isinstance(app.screen, ScreeningScreen)
    assert saved_profile(isolated_home).assessed_confirmed_at is None


async def test_a_soon_sign_shows_a_banner_and_keeps_sessions_open(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys("weight-loss"))
        text = screen_text(app)
        assert "Please book an appointment soon" in text
        assert "A reminder shows on Home" in text

    profile = saved_profile(isolated_home)
    assert profile.screening is not None
    assert profile.screening.tier == "soon"
    assert session_gate(profile).allowed
    assert "book an appointment with a clinician soon" in (banner(profile) or "")


async def test_a_soon_sign_may_go_on_to_a_directional_result_in_the_same_screening(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys("age-new-episode"))
        assert "Answer the movement questions too (c)" in screen_text(app)
        assert load_profile(resolve_paths(isolated_home)).value.screening is not None
        await answer(pilot, ["c"])
        await answer(pilot, direction_keys("sitting-worse", "bending-worse", "arching-eases"))
        await answer(pilot, ["enter"])  # no activities
        text = screen_text(app)
        assert "Please book an appointment soon" in text
        assert "Extension responder" in text
        assert "Answer the movement questions too" not in text

    profile = saved_profile(isolated_home)
    assert profile.screening is not None
    assert profile.screening.tier == "soon"
    assert profile.screening.flags == ("age-new-episode",)
    assert profile.screening.responder == "extension"
    assert profile.earlier_screenings == ()  # one screening, completed, not two
    assert session_gate(profile).allowed
    assert banner(profile)


# --- moving around --------------------------------------------------------------------------


async def test_escape_before_the_end_saves_nothing(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys())
        await answer(pilot, ["y", "escape"])
        assert not isinstance(app.screen, ScreeningScreen)
    assert saved_profile(isolated_home).screening is None
    assert not resolve_paths(isolated_home).profile.exists()


async def test_back_revisits_the_previous_question_and_changes_the_answer(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, ["y"])
        assert f"Question 2 of {RED_FLAGS}" in screen_text(app)
        await answer(pilot, ["b"])
        text = screen_text(app)
        assert f"Question 1 of {RED_FLAGS}" in text
        assert "Your answer was: yes" in text
        # Change it to no, then finish with no warning sign at all.
        await answer(pilot, red_flag_keys())
        assert "Part 2 of 3" in screen_text(app)

    assert current_tier(isolated_home) is None  # nothing saved yet: the screening is open


def current_tier(home: Path) -> str | None:
    screening = saved_profile(home).screening
    return screening.tier if screening else None


async def test_left_right_and_enter_answer_too(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, ["enter"])  # nothing chosen yet: enter alone answers nothing
        assert f"Question 1 of {RED_FLAGS}" in screen_text(app)
        await answer(pilot, ["right", "enter"])
        assert f"Question 2 of {RED_FLAGS}" in screen_text(app)
        assert current(app)._answers == {"bladder-bowel": False}


async def test_a_named_activity_needs_a_rating(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys())
        await answer(pilot, direction_keys())
        await answer(pilot, [*"lifting", "enter", "enter", "enter"])
        text = screen_text(app)
        assert 'Rate "lifting" from 0 to 10' in text
        assert "Your result" not in text
    assert saved_profile(isolated_home).screening is None


async def test_mixed_answers_say_why_the_result_is_unclear(isolated_home: Path) -> None:
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, red_flag_keys())
        await answer(pilot, direction_keys("sitting-worse", "bending-worse", "walking-worse"))
        await answer(pilot, ["enter"])
        text = screen_text(app)
        assert "Your result: No clear direction yet" in text
        assert "pull opposite ways" in text
    profile = saved_profile(isolated_home)
    assert profile.responder == "unclear"
    assert profile.screening is not None
    assert (profile.screening.extension_score, profile.screening.flexion_score) == (4, 2)


async def test_the_full_screening_says_when_the_questions_changed(isolated_home: Path) -> None:
    old = ScreeningRecord(date=TAKEN - timedelta(days=10), responder="flexion")
    save_profile(resolve_paths(isolated_home), Profile(screening=old))
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert CHANGED_REASON in screen_text(app)
        await answer(pilot, red_flag_keys())
        await answer(pilot, direction_keys("standing-worse", "walking-worse"))
        await answer(pilot, ["enter"])
    record = saved_profile(isolated_home).screening
    assert record is not None
    assert (record.questionnaire_version, record.responder) == (QUESTIONNAIRE.version, "flexion")


# --- the warning signs before a session ---------------------------------------------------


class BeforeSession:
    """Opens the pre-session check over Home and keeps what it was dismissed with."""

    def __init__(self) -> None:
        self.results: list[object] = []

    async def open(self, app: StretchApp, pilot: Pilot[int]) -> ScreeningScreen:
        await pilot.pause()
        screen = ScreeningScreen(before_session=True)
        app.push_screen(screen, self.results.append)
        await pilot.pause()
        assert app.screen is screen
        return screen


async def test_before_a_first_session_all_no_goes_on_to_the_session(isolated_home: Path) -> None:
    check = BeforeSession()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await check.open(app, pilot)
        text = screen_text(app)
        assert FIRST_TIME_REASON in text
        assert f"Question 1 of {RED_FLAGS}" in text
        assert "Part 1 of 3" not in text  # only the warning signs are asked
        await answer(pilot, red_flag_keys())
        assert check.results == [True]
        assert not isinstance(app.screen, ScreeningScreen)

    record = saved_profile(isolated_home).screening
    assert record is not None
    assert (record.tier, record.date, record.responder) == ("none", TAKEN, None)
    assert record.questionnaire_version == QUESTIONNAIRE.version
    assert set(record.answers) == {q.id for q in QUESTIONNAIRE.red_flags}
    assert red_flags_due(saved_profile(isolated_home), TAKEN, QUESTIONNAIRE) is None


async def test_before_a_session_an_emergency_sign_shows_its_result_and_no_session(
    isolated_home: Path,
) -> None:
    check = BeforeSession()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await check.open(app, pilot)
        await answer(pilot, red_flag_keys("bladder-bowel"))
        text = screen_text(app)
        assert "Please seek emergency care now" in text
        assert str(app.screen.query_one("#done", Button).label) == "Done (enter)"
        assert check.results == []
        await answer(pilot, ["enter"])
        assert check.results == [False]
        assert not isinstance(app.screen, ScreeningScreen)

    profile = saved_profile(isolated_home)
    assert profile.tier == "emergency"
    assert not session_gate(profile).allowed


async def test_before_a_session_an_urgent_sign_offers_the_assessment_and_no_session(
    isolated_home: Path,
) -> None:
    check = BeforeSession()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await check.open(app, pilot)
        await answer(pilot, red_flag_keys("steroid-tablets"))
        text = screen_text(app)
        assert "Please see a clinician today" in text
        assert "long-term steroid tablets" in text
        await answer(pilot, ["a"])
        assert isinstance(app.screen, ConfirmDialog)
        await answer(pilot, ["y"])
        assert "Recorded: assessed by a clinician" in screen_text(app)
        await answer(pilot, ["escape"])
        assert check.results == [False]
    assert session_gate(saved_profile(isolated_home)).allowed


@pytest.mark.parametrize(("key", "goes_on"), [("enter", True), ("escape", False)])
async def test_before_a_session_a_soon_sign_may_go_on_to_the_session(
    isolated_home: Path, key: str, goes_on: bool
) -> None:
    check = BeforeSession()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await check.open(app, pilot)
        await answer(pilot, red_flag_keys("upper-back-pain"))
        text = screen_text(app)
        assert "Please book an appointment soon" in text
        assert "Answer the movement questions too" not in text  # not in this mode
        assert str(app.screen.query_one("#done", Button).label) == "Go on to the session (enter)"
        await answer(pilot, ["c"])  # the movement questions are not offered here
        assert check.results == []
        await answer(pilot, [key])
        assert check.results == [goes_on]
    assert saved_profile(isolated_home).tier == "soon"


async def test_before_a_session_old_answers_are_renewed_and_the_movement_result_kept(
    isolated_home: Path,
) -> None:
    first = QUESTIONNAIRE.record(
        {q.id: q.id in ("sitting-worse", "bending-worse") for q in QUESTIONNAIRE.directions},
        TAKEN - timedelta(days=120),
    )
    first = ScreeningRecord(
        date=first.date,
        answers=dict.fromkeys(("bladder-bowel", "both-legs-weak"), False),
        questionnaire_version=1,
        responder=first.responder,
        extension_score=first.extension_score,
        movement_answers=first.movement_answers,
    )
    activities = (FunctionActivity("putting on socks"),)
    save_profile(resolve_paths(isolated_home), Profile(screening=first, activities=activities))
    check = BeforeSession()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await check.open(app, pilot)
        assert CHANGED_REASON in screen_text(app)
        await answer(pilot, red_flag_keys())
        assert check.results == [True]

    profile = saved_profile(isolated_home)
    record = profile.screening
    assert record is not None
    assert (record.date, record.tier, record.questionnaire_version) == (
        TAKEN,
        "none",
        QUESTIONNAIRE.version,
    )
    assert (record.responder, record.responder_date) == ("extension", first.date)
    assert record.movement_answers == first.movement_answers
    assert "both-legs-weak" not in record.answers
    assert profile.activities == activities
    assert profile.earlier_screenings == (first,)


async def test_before_a_session_the_reason_given_is_shown(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ScreeningScreen(before_session="Your answers are old."))
        await pilot.pause()
        assert "Your answers are old." in screen_text(app)


async def test_leaving_before_a_session_saves_nothing_and_starts_nothing(
    isolated_home: Path,
) -> None:
    check = BeforeSession()
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await check.open(app, pilot)
        await answer(pilot, ["n", "n", "escape"])
        assert check.results == [False]
        assert not isinstance(app.screen, ScreeningScreen)
    assert saved_profile(isolated_home).screening is None


async def test_the_check_opens_over_the_full_screening(isolated_home: Path) -> None:
    check = BeforeSession()
    app = make_app(isolated_home, "screening")
    async with app.run_test(size=SIZE) as pilot:
        await check.open(app, pilot)  # a second screening screen, with its own id
        await answer(pilot, red_flag_keys())
        assert check.results == [True]
        assert current(app).id == "screening"
