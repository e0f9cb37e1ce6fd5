"""The routines screen and the routine editor, driven from the keyboard with Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioSet, Static

from stretch_tui.app import StretchApp
from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.profile import Profile
from stretch_tui.domain.routine import Routine, RoutineItem, parse_routine
from stretch_tui.screens.dialogs import ConfirmDialog
from stretch_tui.screens.help import documented_screens
from stretch_tui.screens.routine_dialogs import DoseDialog, ExercisePickerDialog
from stretch_tui.screens.routine_editor import RoutineEditorScreen
from stretch_tui.screens.routines import RoutinesScreen
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.profile import save_profile
from stretch_tui.storage.routine_edit import routine_path, save_routine
from tests.appkit import capture_notes, current_screening, make_app

SIZE = (80, 24)
BUILT_INS = [
    "extension-responders",
    "flexion-responders",
    "fourteen-stretches",
    "seven-hip-stretches",
]
DOWN_TO_FIRST_USER_ROUTINE = 5
"""Presses from the recommended routine: past the four built-ins (headings are skipped)."""


def with_profile(home: Path, responder: str | None) -> None:
    """Save a screening result in `home` before the app starts."""
    record = current_screening(responder, "none")  # type: ignore[arg-type]
    save_profile(resolve_paths(home), Profile(screening=record))


def with_routine(home: Path, routine_id: str, name: str, *exercise_ids: str) -> Path:
    """Save a routine of the user's in `home` before the app starts."""
    routine = Routine(
        id=routine_id,
        name=name,
        items=tuple(RoutineItem(exercise_id) for exercise_id in exercise_ids),
    )
    path, _ = save_routine(resolve_paths(home), routine)
    return path


def routines_screen(app: StretchApp) -> RoutinesScreen:
    screen = app.screen
    assert isinstance(screen, RoutinesScreen)
    return screen


def editor(app: StretchApp) -> RoutineEditorScreen:
    screen = app.screen
    assert isinstance(screen, RoutineEditorScreen)
    return screen


async def press(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))
    await pilot.pause()


def parsed(path: Path) -> Routine:
    """The routine file as the app loads it; fails on any problem."""
    exercises = load_shipped_catalog().exercises
    routine, problems = parse_routine(str(path), path.read_text(encoding="utf-8"), exercises)
    assert problems == []
    assert routine is not None
    return routine


# --- the list -------------------------------------------------------------------------------


async def test_the_list_shows_recommended_built_ins_and_the_users_own(isolated_home: Path) -> None:
    with_routine(isolated_home, "evening", "Evening", "cat-cow", "cobra")
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = routines_screen(app)
        assert list(screen.entries) == ["recommended", *BUILT_INS, "evening"]
        kinds = [entry.kind for entry in screen.entries.values()]
        assert kinds == ["recommended", *["built-in"] * 4, "user"]
        assert screen.highlighted_id == "recommended"
        assert isinstance(app.focused, OptionList)
        # Each row says how many exercises and how long, at the user's settings.
        option_list = screen.query_one("#routines-list", OptionList)
        evening = option_list.get_option("evening")
        assert "2 exercises · " in str(evening.prompt)
        assert screen.entries["evening"].seconds > 0
        # The recommended routine says what it left out, and why.
        left_out = screen.query_one("#detail-left-out", Static)
        assert left_out.display
        assert screen.recommendation is not None
        assert any("advanced" in left.reason for left in screen.recommendation.left_out)


async def test_home_t_opens_routines_and_help_lists_its_keys(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "t")
        routines_screen(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, RoutinesScreen)
    screens = dict(documented_screens())
    assert screens["Routines"] is RoutinesScreen
    assert screens["Routine editor"] is RoutineEditorScreen


async def test_s_starts_the_highlighted_routine(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(isolated_home, "routines")
    started: list[str | None] = []
    monkeypatch.setattr(app, "start_session", lambda routine_id=None: started.append(routine_id))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s")
        await press(pilot, "down", "down", "enter")
        assert started == ["recommended", "flexion-responders"]


async def test_an_avoid_item_is_flagged_for_an_extension_responder(isolated_home: Path) -> None:
    with_profile(isolated_home, "extension")
    with_routine(isolated_home, "evening", "Evening", "cat-cow", "childs-pose")
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = routines_screen(app)
        assert screen.entries["recommended"].warnings == ()
        warnings = screen.query_one("#detail-warnings", Static)
        assert not warnings.display
        await press(pilot, *["down"] * DOWN_TO_FIRST_USER_ROUTINE)
        assert screen.highlighted_id == "evening"
        entry = screen.entries["evening"]
        assert [(w.item_index, w.exercise_id) for w in entry.warnings] == [(1, "childs-pose")]
        assert "if bending backwards eases your pain" in entry.warnings[0].summary
        assert warnings.display
        row = screen.query_one("#routines-list", OptionList).get_option("evening")
        assert "! 1 to check" in str(row.prompt)
        # The editor flags it too.
        await press(pilot, "e")
        info = editor(app).query_one("#editor-item-info", Static)
        await press(pilot, "down")
        assert info.has_class("-avoid")


async def test_delete_asks_first_and_removes_the_file(isolated_home: Path) -> None:
    path = with_routine(isolated_home, "evening", "Evening", "cat-cow")
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")  # the recommended routine is not a file: nothing to ask
        assert isinstance(app.screen, RoutinesScreen)
        await press(pilot, *["down"] * DOWN_TO_FIRST_USER_ROUTINE, "d")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert path.exists()
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")
        assert not path.exists()
        screen = routines_screen(app)
        assert "evening" not in screen.entries


# --- the editor -----------------------------------------------------------------------------


async def test_create_reorder_set_a_dose_and_save(isolated_home: Path) -> None:
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "n")
        screen = editor(app)
        assert app.focused is screen.name_input
        await type_text(pilot, "Morning stretch")
        # Enter in the name goes to the list, and with no items straight to the picker.
        await press(pilot, "enter")
        assert isinstance(app.screen, ExercisePickerDialog)
        await type_text(pilot, "cat")
        await press(pilot, "enter")
        await press(pilot, "a")
        await type_text(pilot, "cobra")
        await press(pilot, "enter")
        assert [item.exercise_id for item in screen.items] == ["cat-cow", "cobra"]
        assert screen.cursor == 1
        await press(pilot, "ctrl+up")
        assert [item.exercise_id for item in screen.items] == ["cobra", "cat-cow"]
        assert screen.cursor == 0
        await press(pilot, "right_square_bracket", "left_square_bracket")
        assert [item.exercise_id for item in screen.items] == ["cobra", "cat-cow"]
        # Cat-cow's dose: seconds per position, then cycles.
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, DoseDialog)
        await press(pilot, "tab")
        await type_text(pilot, "8")
        await press(pilot, "enter")
        assert screen.items[1] == RoutineItem("cat-cow", cycles=8)
        assert screen.has_changes
        await press(pilot, "f2")
        assert not screen.has_changes
        path = routine_path(resolve_paths(isolated_home), "morning-stretch")
        routine = parsed(path)
        assert routine.name == "Morning stretch"
        assert routine.items == (RoutineItem("cobra"), RoutineItem("cat-cow", cycles=8))
        # Saved, so esc leaves without asking; the list has it, highlighted.
        await press(pilot, "escape")
        listing = routines_screen(app)
        assert listing.highlighted_id == "morning-stretch"
        assert listing.entries["morning-stretch"].kind == "user"


async def test_letters_typed_in_the_name_do_not_edit_the_list(isolated_home: Path) -> None:
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "n")
        await type_text(pilot, "axe [d]")
        screen = editor(app)
        assert screen.name_input.value == "axe [d]"
        assert screen.items == ()
        assert app.screen is screen


async def test_a_dose_out_of_range_is_refused(isolated_home: Path) -> None:
    with_routine(isolated_home, "evening", "Evening", "cat-cow")
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *["down"] * DOWN_TO_FIRST_USER_ROUTINE, "e", "enter", "tab")
        dialog = app.screen
        assert isinstance(dialog, DoseDialog)
        await type_text(pilot, "1000")
        await press(pilot, "enter")
        assert app.screen is dialog
        problem = str(dialog.query_one("#dose-problem", Static).content)
        assert "Cycles must be a whole number from 1 to 100" in problem
        await press(pilot, "escape")
        assert editor(app).items == (RoutineItem("cat-cow"),)


async def test_a_lead_in_over_the_limit_is_not_saved(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = with_routine(isolated_home, "evening", "Evening", "cat-cow")
    before = path.read_text(encoding="utf-8")
    app = make_app(isolated_home, "routines")
    notes = capture_notes(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *["down"] * DOWN_TO_FIRST_USER_ROUTINE, "e")
        screen = editor(app)
        await press(pilot, "shift+tab", "shift+tab")  # rest, then lead-in
        assert app.focused is screen.query_one("#editor-lead-in", Input)
        await type_text(pilot, "99")
        await press(pilot, "f2")
        assert any("Lead-in seconds must be a whole number from 0 to 60" in n for n in notes)
        assert path.read_text(encoding="utf-8") == before
        await press(pilot, "backspace", "backspace", "2", "0", "f2")
        assert parsed(path).lead_in_seconds == 20


async def test_editing_a_built_in_makes_a_copy(isolated_home: Path) -> None:
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "down", "e")
        screen = editor(app)
        assert screen.name_input.value == "Extension responder set (my copy)"
        assert screen.has_changes  # a copy is unsaved until f2
        await press(pilot, "x")  # drop the first exercise from the copy
        await press(pilot, "f2")
        paths = resolve_paths(isolated_home)
        copy = parsed(routine_path(paths, "extension-responder-set-my-copy"))
        assert copy.exercise_ids == ("standing-lumbar-extension", "standing-hip-flexor-stretch")
        await press(pilot, "escape")
        listing = routines_screen(app)
        assert listing.highlighted_id == "extension-responder-set-my-copy"
        # The built-in is as it was.
        assert listing.entries["extension-responders"].routine.exercise_ids == (
            "sloppy-push-up",
            "standing-lumbar-extension",
            "standing-hip-flexor-stretch",
        )


async def test_editing_the_recommended_routine_makes_a_copy_too(isolated_home: Path) -> None:
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "e", "f2")
        screen = editor(app)
        assert screen.saved is not None
        assert screen.saved.id == "recommended-for-you-my-copy"
        copy = parsed(routine_path(resolve_paths(isolated_home), screen.saved.id))
        assert copy.items == screen.items
        assert len(copy.items) > 0


async def test_leaving_with_unsaved_changes_asks_first(isolated_home: Path) -> None:
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "n", "escape")  # nothing typed: leaves at once
        routines_screen(app)
        await press(pilot, "n")
        await type_text(pilot, "Unsaved")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert editor(app).name_input.value == "Unsaved"
        await press(pilot, "escape", "y")
        routines_screen(app)
        assert not (isolated_home / "routines").exists()


async def test_removing_and_reordering_keys_need_the_list(isolated_home: Path) -> None:
    with_routine(isolated_home, "evening", "Evening", "cat-cow", "cobra", "pelvic-tilt")
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *["down"] * DOWN_TO_FIRST_USER_ROUTINE, "e")
        screen = editor(app)
        await press(pilot, "down", "delete")
        assert [item.exercise_id for item in screen.items] == ["cat-cow", "pelvic-tilt"]
        await press(pilot, "ctrl+down")  # the last one stays last
        await press(pilot, "ctrl+up")
        assert [item.exercise_id for item in screen.items] == ["pelvic-tilt", "cat-cow"]
        assert screen.cursor == 0


async def test_the_dose_dialog_changes_how_the_sides_go(isolated_home: Path) -> None:
    path = with_routine(isolated_home, "evening", "Evening", "lumbar-trunk-rotation")
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=(100, 40)) as pilot:
        await press(pilot, *["down"] * DOWN_TO_FIRST_USER_ROUTINE, "e", "enter")
        dialog = app.screen
        assert isinstance(dialog, DoseDialog)
        sides = dialog.query_one("#dose-sides", RadioSet)
        assert sides.pressed_index == 0  # as in the catalog
        sides.focus()
        await press(pilot, "down", "down", "enter")  # alternating
        await press(pilot, "f2")
        screen = editor(app)
        assert screen.items == (RoutineItem("lumbar-trunk-rotation", sides="alternate"),)
        await press(pilot, "f2")
    assert parsed(path).items == (RoutineItem("lumbar-trunk-rotation", sides="alternate"),)


async def test_the_dose_dialog_offers_no_sides_for_a_two_sided_exercise(
    isolated_home: Path,
) -> None:
    with_routine(isolated_home, "evening", "Evening", "cat-cow")
    app = make_app(isolated_home, "routines")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *["down"] * DOWN_TO_FIRST_USER_ROUTINE, "e", "enter")
        dialog = app.screen
        assert isinstance(dialog, DoseDialog)
        assert not dialog.query("#dose-sides")
