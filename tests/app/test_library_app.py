"""The library and the exercise detail, driven from the keyboard with Pilot."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from stretch_tui.app import StretchApp
from stretch_tui.domain.exercise import mirror_frame
from stretch_tui.domain.profile import Profile
from stretch_tui.domain.screening import EMERGENCY_GATE_MESSAGE
from stretch_tui.screens import exercise as exercise_module
from stretch_tui.screens.exercise import AddToRoutineDialog, ExerciseScreen
from stretch_tui.screens.library import LibraryScreen
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.preferences import save_preferences
from stretch_tui.storage.profile import save_profile
from stretch_tui.widgets.exercise_table import ExerciseTable
from stretch_tui.widgets.filter_bar import CycleChip, SearchField
from stretch_tui.widgets.pose_view import PoseView
from stretch_tui.widgets.status_text import StatusText
from tests.appkit import capture_notes, current_screening, make_app
from tests.waiting import let_a_timer_fire, wait_until

SIZE = (80, 24)


def with_profile(home: Path, responder: str | None, tier: str = "none") -> None:
    """Save a screening result in `home` before the app starts."""
    record = current_screening(responder, tier)  # type: ignore[arg-type]
    save_profile(resolve_paths(home), Profile(screening=record))


def with_preferences(home: Path, **changes: Any) -> None:
    """Save preferences in `home` before the app starts."""
    paths = resolve_paths(home)
    preferences = replace(AppState(paths).preferences, notice_seen=True, **changes)
    save_preferences(paths, preferences)


def table(app: StretchApp) -> ExerciseTable:
    return app.screen.query_one(ExerciseTable)


def shown_ids(app: StretchApp) -> list[str]:
    return [entry.exercise.id for entry in table(app).entries]


def labels(app: StretchApp) -> dict[str, str]:
    return {entry.exercise.id: entry.for_you.reason for entry in table(app).entries}


async def type_text(pilot: Pilot[int], text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)
    await pilot.pause()


async def open_exercise(pilot: Pilot[int], search: str) -> ExerciseScreen:
    await type_text(pilot, search)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExerciseScreen)
    return screen


# --- the library ----------------------------------------------------------------------------


async def test_library_lists_every_exercise_with_the_search_focused(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        total = len(app.state.catalog.exercises)
        assert len(shown_ids(app)) == total
        assert isinstance(app.focused, SearchField)
        assert str(app.screen.query_one("#library-count", StatusText).text) == f"{total} of {total}"


async def test_typing_filters_the_table_by_name_and_alias(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "pig")
        assert shown_ids(app) == ["pigeon-pose"]
        for _ in range(3):
            await pilot.press("backspace")
        await type_text(pilot, "stationary")  # an alias of the recumbent bike
        assert shown_ids(app) == ["recumbent-bike"]
        total = len(app.state.catalog.exercises)
        assert str(app.screen.query_one("#library-count", StatusText).text) == f"1 of {total}"


async def test_letters_typed_on_a_filter_control_go_to_the_search(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        assert isinstance(app.focused, CycleChip)
        await type_text(pilot, "cobra")
        assert isinstance(app.focused, SearchField)
        assert shown_ids(app) == ["cobra"]


@pytest.mark.parametrize(
    ("key", "chip", "check"),
    [
        ("f3", "area", lambda e: "lower-back" in e.targets),
        ("f4", "position", lambda e: e.position == "standing"),
        ("f5", "difficulty", lambda e: e.difficulty == "beginner"),
        ("f6", "direction", lambda e: e.direction == "extension"),
        ("f7", "dose_kind", lambda e: e.dose.kind == "hold"),
    ],
)
async def test_each_function_key_steps_its_filter(
    isolated_home: Path, key: str, chip: str, check: Callable[[Any], bool]
) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        entries = table(app).entries
        assert 0 < len(entries) < len(app.state.catalog.exercises)
        assert all(check(entry.exercise) for entry in entries)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.filters.chip(chip).value != "any"


async def test_filters_work_from_tab_and_space_alone(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen_chips = []
        for _ in range(6):
            await pilot.press("tab")
            chip = app.focused
            assert isinstance(chip, CycleChip)
            seen_chips.append(chip.id)
            before = chip.value
            await pilot.press("space")
            assert chip.value != before
            if chip.id != "filter-safe-for-me":
                await pilot.press("left")  # back to "any"
                assert chip.value == "any"
        assert seen_chips == [
            "filter-safe-for-me",
            "filter-area",
            "filter-position",
            "filter-difficulty",
            "filter-direction",
            "filter-dose-kind",
        ]
        await pilot.press("tab")
        assert isinstance(app.focused, SearchField)  # round again


async def test_safe_for_me_hides_forward_bends_for_an_extension_responder(
    isolated_home: Path,
) -> None:
    with_profile(isolated_home, "extension")
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {"childs-pose", "wide-legged-forward-fold"} <= set(shown_ids(app))
        assert labels(app)["childs-pose"].startswith("avoid: ")
        # The flexion set carries a caution for extension responders (the other type's
        # stretches "might do the opposite"), so safe-for-me hides it too.
        assert labels(app)["double-knee-to-chest"].startswith("caution: ")
        await pilot.press("f2")
        await pilot.pause()
        shown = set(shown_ids(app))
        assert "childs-pose" not in shown
        assert "wide-legged-forward-fold" not in shown
        assert "double-knee-to-chest" not in shown
        assert labels(app)["pigeon-pose"] == "advanced: opt in"
        await pilot.press("f2")
        await pilot.pause()
        assert "childs-pose" in shown_ids(app)


async def test_the_line_under_the_table_explains_the_highlighted_row(isolated_home: Path) -> None:
    with_profile(isolated_home, "flexion")
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "cobra")
        why = str(app.screen.query_one("#library-why", StatusText).text)
        assert "Avoid:" in why and "arches the back" in why


async def test_arrow_keys_move_the_highlight_while_typing(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "knee")
        first, second = shown_ids(app)[:2]
        assert table(app).highlighted is not None
        assert table(app).highlighted.exercise.id == first  # type: ignore[union-attr]
        await pilot.press("down")
        assert table(app).highlighted.exercise.id == second  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        assert screen.exercise_id == second


async def test_escape_clears_search_then_filters_then_goes_back(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await type_text(pilot, "st")
        assert len(shown_ids(app)) < len(app.state.catalog.exercises)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.filters.value.text == ""
        assert screen.filters.value.position is not None
        await pilot.press("escape")
        await pilot.pause()
        assert screen.filters.value.is_default
        assert len(shown_ids(app)) == len(app.state.catalog.exercises)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LibraryScreen)


async def test_nothing_matching_says_so(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "zzz")
        assert shown_ids(app) == []
        assert "Nothing matches" in str(app.screen.query_one("#library-why", StatusText).text)
        await pilot.press("enter")  # nothing to open: no crash, still here
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_leave_out_toggle_persists_in_preferences(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "cat")
        await pilot.press("f8")
        await pilot.pause()
        assert labels(app)["cat-cow"] == "left out"
        assert "Left out" in str(app.screen.query_one("#library-why", StatusText).text)
        assert AppState(resolve_paths(isolated_home)).preferences.left_out == ("cat-cow",)
        await pilot.press("f8")
        await pilot.pause()
        assert labels(app)["cat-cow"] != "left out"
        assert AppState(resolve_paths(isolated_home)).preferences.left_out == ()


async def test_wide_terminal_previews_the_highlighted_exercise(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "cobra")
        preview = app.screen.query_one("#library-preview")
        assert preview.display
        pose = app.screen.query_one("#preview-pose", PoseView)
        cobra = app.state.catalog.exercises["cobra"]
        # The preview follows once the highlight rests (a short timer of the screen's own).
        await wait_until(pilot, lambda: pose.pose == cobra.pose, "the preview shows the cobra")
        assert cobra.steps[0] in str(app.screen.query_one("#preview-steps").render())
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Too narrow: no preview at all (hidden, its widgets would still cost memory).
        assert not app.screen.query("#library-preview")
        await pilot.resize_terminal(120, 40)
        await wait_until(
            pilot, lambda: bool(app.screen.query("#preview-pose")), "the preview is made"
        )
        assert app.screen.query_one("#library-preview").display
        highlighted = app.screen.query_one(ExerciseTable).highlighted
        assert highlighted is not None
        pose = app.screen.query_one("#preview-pose", PoseView)
        await wait_until(
            pilot, lambda: pose.pose == highlighted.exercise.pose, "the preview follows"
        )


# --- the exercise detail --------------------------------------------------------------------


async def test_detail_shows_steps_and_highlights_the_caution_that_applies(
    isolated_home: Path,
) -> None:
    with_profile(isolated_home, "flexion")
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "cobra")
        cobra = app.state.catalog.exercises["cobra"]
        steps = str(screen.query_one("#exercise-steps").render())
        assert all(step in steps for step in cobra.steps)
        applying = list(screen.query(".caution.-applies"))
        assert len(applying) == 1
        assert "arches the back" in str(applying[0].render())
        assert "Avoid" in str(screen.query_one("#exercise-for-you").render())


async def test_a_caution_for_the_other_type_is_shown_but_not_highlighted(
    isolated_home: Path,
) -> None:
    with_profile(isolated_home, "extension")
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "cobra")
        assert len(screen.query(".caution")) == 1
        assert len(screen.query(".caution.-applies")) == 0


async def test_detail_shows_dose_source_and_props(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "child")
        assert "2 x 30 s holds" in str(screen.query_one("#exercise-dose").render())
        assert "pillow" in str(screen.query_one("#exercise-props").render())
        source = str(screen.query_one("#exercise-source").render())
        assert "14 Stretches to Relieve Lower Back and Hip Pain" in source


async def test_switching_side_mirrors_the_pose(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "pigeon")
        view = screen.query_one(PoseView)
        left = view.current_frame.art
        assert view.side == "left"
        assert "LEFT side" in str(screen.query_one("#exercise-side").render())
        await pilot.press("x")
        await pilot.pause()
        assert view.side == "right"
        assert view.current_frame.art == mirror_frame(left)
        assert "RIGHT side" in str(screen.query_one("#exercise-side").render())
        await pilot.press("x")
        assert view.current_frame.art == left


async def test_the_right_side_reads_its_steps_for_the_right(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "seated spinal")
        steps = screen.query_one("#exercise-steps", Static)
        left_text = str(steps.render())
        assert "left" in left_text
        await pilot.press("x")
        await pilot.pause()
        right_text = str(steps.render())
        assert right_text != left_text
        # Every side word swapped: the right side's steps are the left's, mirrored in words.
        assert (
            right_text.replace("right", "LEFT").replace("left", "right").replace("LEFT", "left")
            == left_text
        )
        await pilot.press("x")
        await pilot.pause()
        assert str(steps.render()) == left_text


async def test_no_side_switch_for_an_exercise_done_once(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "cat")
        await pilot.press("x")
        await pilot.pause()
        assert screen.query_one(PoseView).side == "left"
        assert not screen.query_one("#exercise-side").display


async def test_the_pose_animates_at_the_exercise_pace(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paces: list[float] = []
    real = exercise_module.frame_seconds

    def fast(dose: Any, frames: int) -> float:
        paces.append(real(dose, frames))
        return 0.05

    monkeypatch.setattr(exercise_module, "frame_seconds", fast)
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "cat")
        assert paces == [5.0]  # cat-cow: 5 s in each position
        view = screen.query_one(PoseView)
        assert view.frame_count == 2
        await wait_until(pilot, lambda: view.frame_index == 1, "the pose turns to frame 2")
        await wait_until(pilot, lambda: view.frame_index == 0, "the pose comes round again")
        await pilot.press("space")  # pause
        await pilot.pause()
        frame = view.frame_index
        await let_a_timer_fire(pilot, 0.05)  # the pose's own pace, three times over
        assert view.frame_index == frame


async def test_reduced_motion_keeps_the_first_frame_and_lists_the_phases(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exercise_module, "frame_seconds", lambda dose, frames: 0.05)
    with_preferences(isolated_home, reduced_motion=True)
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "cat")
        view = screen.query_one(PoseView)
        assert view.still
        await let_a_timer_fire(pilot, 0.05)  # the pace the pose would turn at
        assert view.frame_index == 0
        cat_cow = app.state.catalog.exercises["cat-cow"]
        assert view.current_frame == cat_cow.pose.frames[0]
        drawn = " ".join(str(view.render()).split())
        assert all(frame.cue in drawn for frame in cat_cow.pose.frames)


async def test_leave_out_from_the_detail_persists_and_shows_in_the_library(
    isolated_home: Path,
) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_exercise(pilot, "cobra")
        await pilot.press("l")
        await pilot.pause()
        assert AppState(resolve_paths(isolated_home)).preferences.left_out == ("cobra",)
        assert "Left out" in str(screen.query_one("#exercise-for-you").render())
        await pilot.press("escape")
        await pilot.pause()
        assert labels(app)["cobra"] == "left out"


async def test_add_to_a_new_routine_then_to_the_same_one(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(pilot, "cat")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddToRoutineDialog)
        await type_text(pilot, "Morning loosen-up")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        path = resolve_paths(isolated_home).routines_dir / "morning-loosen-up.toml"
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        assert document == {
            "schema_version": 1,
            "id": "morning-loosen-up",
            "name": "Morning loosen-up",
            "items": [{"exercise": "cat-cow"}],
        }
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # the list has the keyboard; its first routine
        await pilot.pause()
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        assert document["items"] == [{"exercise": "cat-cow"}, {"exercise": "cat-cow"}]


async def test_add_to_routine_can_be_cancelled(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(pilot, "cat")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseScreen)
        assert not resolve_paths(isolated_home).routines_dir.exists()


async def test_start_is_blocked_by_an_emergency_screening(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_profile(isolated_home, None, tier="emergency")
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app, monkeypatch)
        await open_exercise(pilot, "cat")
        await pilot.press("s")
        await pilot.pause()
        assert notes == [EMERGENCY_GATE_MESSAGE]
        assert isinstance(app.screen, ExerciseScreen)
        assert not any(type(s).__name__ == "SessionScreen" for s in app.screen_stack)


async def test_start_hands_the_exercise_to_the_session_runner(isolated_home: Path) -> None:
    with_profile(isolated_home, "extension")
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(pilot, "cat")
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.plan.routine_id == "single-cat-cow"  # type: ignore[attr-defined]


async def test_start_after_an_urgent_screening_asks_for_the_assessment(
    isolated_home: Path,
) -> None:
    with_profile(isolated_home, None, tier="urgent")
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await open_exercise(pilot, "cat")
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"


async def test_an_unknown_exercise_id_shows_a_message(isolated_home: Path) -> None:
    app = make_app(isolated_home, "library")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ExerciseScreen("no-such-stretch"))
        await pilot.pause()
        assert "no-such-stretch" in str(app.screen.query_one("#exercise-missing").render())
        await pilot.press("s", "a", "x", "l")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
