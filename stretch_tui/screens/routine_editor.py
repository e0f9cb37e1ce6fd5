"""The routine editor: name a routine, pick its exercises, order them and set their doses.

A routine of the user's is edited in place; a built-in or the recommended routine becomes a
copy, saved under a new id. The keys that change the list (a, x, ctrl+up, ...) act while the
list has the keyboard, so typing a name never triggers them; f2 saves from anywhere (not
ctrl+s, which freezes terminals with flow control). Every value is checked with the limits
the routine parser applies, and the file is written through storage's atomic write, so a
saved routine always loads again (docs/product.md 5 and 8).
"""

from __future__ import annotations

from typing import ClassVar, cast

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from stretch_tui.domain.routine import Routine, RoutineItem
from stretch_tui.domain.routine_draft import (
    copy_name,
    moved,
    parse_timing,
    same_content,
)
from stretch_tui.domain.routine_text import count_text, display_path, dose_line, length_text
from stretch_tui.domain.session_check import FlaggedItem, check_routine
from stretch_tui.domain.session_plan import plan_session
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.routine_dialogs import DoseDialog, ExercisePickerDialog
from stretch_tui.storage.notices import StorageError
from stretch_tui.storage.routine_edit import new_routine_id, routine_file, save_routine
from stretch_tui.storage.user_catalog import load_all_routines
from stretch_tui.widgets.item_list import ItemList
from stretch_tui.widgets.key_footer import KeyFooter

NAME_COLUMN = 28
"""Widest an exercise name gets in the item list before the dose column."""

_LIST_ACTIONS = frozenset({"add", "set_dose", "remove", "move"})
_NEEDS_ITEM = frozenset({"set_dose", "remove", "move"})


def _fit(text: str, width: int) -> str:
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class _DismissOnce:
    """Dismiss a screen at most once.

    A key repeated before the screen is gone (enter held down, a fast double esc) would
    otherwise call the result callback again and pop the screen underneath as well.
    """

    _dismissed = False

    def dismiss_once(self, result: object) -> None:
        """Close the screen with `result`, unless it is already closing."""
        if self._dismissed:
            return
        self._dismissed = True
        cast("Screen[object]", self).dismiss(result)


class RoutineEditorScreen(_DismissOnce, StretchScreen):
    """Build or change a routine; dismisses with the saved routine's id (None if never saved).

    `routine` None starts a new routine; one of the user's is edited in place; any other (a
    built-in or the recommended one) is copied, and the copy is saved under a new id.
    """

    CSS_PATH = "routine_editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="routine-editor.add"),
        # Enter on the list is the list's own key (ItemList); listed here for Help.
        Binding("enter", "set_dose", "Dose", show=False, id="routine-editor.dose"),
        Binding("x,delete", "remove", "Remove", id="routine-editor.remove"),
        Binding("ctrl+up,left_square_bracket", "move(-1)", "Up", id="routine-editor.up"),
        Binding("ctrl+down,right_square_bracket", "move(1)", "Down", id="routine-editor.down"),
        Binding("f2", "save", "Save", id="routine-editor.save"),
        Binding("escape", "back", "Back", id="routine-editor.back"),
    ]

    def __init__(self, routine: Routine | None) -> None:
        super().__init__(id="routine-editor")
        self.original = routine
        """The routine the editor was opened on (None for a new one)."""
        self.own = routine is not None and routine.user_defined
        """True when editing one of the user's files in place."""
        self.saved: Routine | None = routine if self.own else None
        """The routine as it is on disk now; None until a new routine or copy is saved."""
        self.items: tuple[RoutineItem, ...] = routine.items if routine is not None else ()
        """The items as edited so far."""

    def compose(self) -> ComposeResult:
        """Name and timings on top, the items below, a line about the highlighted item."""
        routine = self.original
        if routine is None:
            name = ""
        elif self.own:
            name = routine.name
        else:
            name = copy_name(routine.name)
        lead_in = self._timing_value(routine, "lead_in_seconds")
        rest = self._timing_value(routine, "rest_seconds")
        preferences = self.state.preferences
        yield Header()
        with Horizontal(id="editor-fields"):
            name_input = Input(
                name, placeholder="e.g. Morning loosen-up", max_length=80, id="editor-name"
            )
            name_input.border_title = "Name"
            yield name_input
            lead_input = Input(
                lead_in,
                placeholder=f"Settings: {preferences.lead_in_seconds}",
                type="integer",
                valid_empty=True,
                max_length=3,
                id="editor-lead-in",
                classes="timing",
            )
            lead_input.border_title = "Lead-in s"
            yield lead_input
            rest_input = Input(
                rest,
                placeholder=f"Settings: {preferences.rest_seconds}",
                type="integer",
                valid_empty=True,
                max_length=3,
                id="editor-rest",
                classes="timing",
            )
            rest_input.border_title = "Rest s"
            yield rest_input
        items = ItemList(id="editor-items")
        items.border_title = "Exercises"
        yield items
        yield Static(id="editor-item-info")
        yield Static(id="editor-status")
        yield KeyFooter(compact=True)

    @staticmethod
    def _timing_value(routine: Routine | None, key: str) -> str:
        value = getattr(routine, key) if routine is not None else None
        return "" if value is None else str(value)

    def on_mount(self) -> None:
        """Fill the list; the keyboard starts in the name for a new routine, else the list."""
        self._refresh_items(0)
        if self.original is None:
            self.name_input.focus()
        else:
            self.item_list.focus()

    @property
    def name_input(self) -> Input:
        """The routine's name."""
        return self.query_one("#editor-name", Input)

    @property
    def item_list(self) -> ItemList:
        """The routine's items, in order."""
        return self.query_one("#editor-items", ItemList)

    @property
    def cursor(self) -> int | None:
        """The highlighted item's index, or None when there are no items."""
        return self.item_list.highlighted if self.items else None

    # What the editor holds.

    def typed_name(self) -> str:
        """The name as typed, with runs of spaces made one."""
        return " ".join(self.name_input.value.split())

    def _timings(self) -> tuple[dict[str, int | None], list[tuple[str, str]]]:
        """The typed lead-in and rest, and (field id, problem) for each that is not valid."""
        values: dict[str, int | None] = {}
        problems: list[tuple[str, str]] = []
        for key, field_id in (
            ("lead_in_seconds", "#editor-lead-in"),
            ("rest_seconds", "#editor-rest"),
        ):
            value, problem = parse_timing(key, self.query_one(field_id, Input).value)
            values[key] = value
            if problem is not None:
                problems.append((field_id, problem))
        return values, problems

    def draft(self) -> Routine:
        """The routine as edited so far (invalid timings read as "use Settings")."""
        timings, _ = self._timings()
        original = self.original
        return Routine(
            id=self.saved.id if self.saved is not None else "draft",
            name=self.typed_name(),
            items=self.items,
            lead_in_seconds=timings["lead_in_seconds"],
            rest_seconds=timings["rest_seconds"],
            # A built-in's description tells of that routine, not of the user's changed copy.
            description=original.description if original is not None and self.own else "",
            origin=self.saved.origin if self.saved is not None else "",
            user_defined=True,
        )

    @property
    def has_changes(self) -> bool:
        """True when leaving now would lose something the user did."""
        _, problems = self._timings()
        if problems:
            return True
        draft = self.draft()
        if self.saved is not None:
            return not same_content(draft, self.saved)
        if self.original is not None:
            return True  # an unsaved copy
        return bool(draft.name or draft.items or draft.lead_in_seconds is not None) or (
            draft.rest_seconds is not None
        )

    # Drawing.

    def _refresh_items(self, highlight: int | None) -> None:
        state = self.state
        flagged = {item.item_index for item in self._flagged()}
        draft = self.draft()
        names = [self._exercise_name(item) for item in self.items]
        # The dose column starts after the longest name here, up to NAME_COLUMN.
        width = min(max((cell_len(name) for name in names), default=0), NAME_COLUMN)
        options = []
        for index, (item, name) in enumerate(zip(self.items, names, strict=True)):
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append("!" if index in flagged else " ", style="bold")
            row.append(f"{index + 1:>2}. ")
            row.append(_fit(name, width), style="bold" if index in flagged else "")
            row.append(" * " if self._overridden(item) else "   ", style="bold")
            row.append(dose_line(draft, index, state.catalog, state.preferences))
            options.append(Option(row))
        item_list = self.item_list
        item_list.clear_options()
        item_list.add_options(options)
        item_list.border_title = f"Exercises ({len(self.items)})"
        item_list.border_subtitle = "* your dose  ! may not suit you" if self.items else ""
        if self.items:
            item_list.highlighted = max(0, min(highlight or 0, len(self.items) - 1))
        self._show_item_info()
        self._show_status()
        self.refresh_bindings()

    def _flagged(self) -> tuple[FlaggedItem, ...]:
        """The draft's items the pre-session check flags for this user."""
        state = self.state
        return check_routine(
            self.draft(), state.catalog, state.responder, state.preferences
        ).flagged

    def _exercise_name(self, item: RoutineItem) -> str:
        exercise = self.state.catalog.get(item.exercise_id)
        return exercise.name if exercise is not None else item.exercise_id

    @staticmethod
    def _overridden(item: RoutineItem) -> bool:
        return bool(item.overrides())

    def _show_item_info(self) -> None:
        info = self.query_one("#editor-item-info", Static)
        index = self.cursor
        state = self.state
        if index is None:
            info.update("No exercises yet: a adds one from the catalog.")
            info.set_class(False, "-avoid")
            return
        item = self.items[index]
        exercise = state.catalog.get(item.exercise_id)
        if exercise is None:
            info.update(f"`{item.exercise_id}` is not in your catalog.")
            return
        text = Text()
        text.append(exercise.name, style="bold")
        text.append(f"  catalog dose: {exercise.dose.describe()}")
        warning = next((w for w in self._flagged() if w.item_index == index), None)
        if warning is not None:
            text.append(f"\n! {' '.join(w.why for w in warning.warnings)}")
        info.update(text)
        info.set_class(warning is not None, "-avoid")

    def _show_status(self) -> None:
        state = self.state
        draft = self.draft()
        seconds = plan_session(draft, state.catalog, state.preferences).total_seconds
        parts = [f"{count_text(len(draft.items))}, about {length_text(seconds)}"]
        if self.saved is None and self.original is not None:
            parts.append("a copy, not saved yet")
        elif self.saved is None:
            parts.append("not saved yet")
        elif self.has_changes:
            parts.append("unsaved changes")
        else:
            path = routine_file(state.paths, self.saved)
            # Relative to the config folder: the full path would not fit at 80 columns.
            shown = (
                path.relative_to(state.paths.config_dir)
                if path.is_relative_to(state.paths.config_dir)
                else path
            )
            parts.append(f"saved in {shown}")
        self.query_one("#editor-status", Static).update("  ·  ".join(parts))
        self.title = f"Routine: {self.typed_name() or 'new'}"

    # Events.

    @on(OptionList.OptionHighlighted, "#editor-items")
    def describe_highlighted(self) -> None:
        """Say what the highlighted item is and whether to avoid it."""
        self._show_item_info()

    @on(OptionList.OptionSelected, "#editor-items")
    def set_dose_of_selected(self) -> None:
        """Enter on an item sets its dose."""
        self.action_set_dose()

    @on(Input.Changed)
    def note_change(self) -> None:
        """A typed name or timing: the title and the saved state change."""
        self._show_status()

    @on(Input.Submitted, "#editor-name, #editor-lead-in, #editor-rest")
    def go_to_list(self, event: Input.Submitted) -> None:
        """Enter in a field moves on to the list; with no items yet, straight to adding one."""
        self.item_list.focus()
        if event.input.id == "editor-name" and not self.items:
            self.action_add()

    # Actions.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """List keys only while the list has the keyboard (letters type in the fields)."""
        if self._dismissed:
            return False  # closing: keys already on their way must not act on it
        if action not in _LIST_ACTIONS:
            return True
        if isinstance(self.focused, Input):
            return False
        if action in _NEEDS_ITEM and not self.items:
            return None
        return True

    def action_add(self) -> None:
        """Pick an exercise from the catalog and put it after the highlighted item."""
        self.app.push_screen(ExercisePickerDialog(), callback=self._add_picked)

    def _add_picked(self, exercise_id: object) -> None:
        if not isinstance(exercise_id, str) or self._dismissed:
            return
        index = self.cursor
        at = len(self.items) if index is None else index + 1
        self.items = (*self.items[:at], RoutineItem(exercise_id), *self.items[at:])
        self._refresh_items(at)
        self.item_list.focus()

    def action_remove(self) -> None:
        """Take the highlighted item out of the routine."""
        index = self.cursor
        if index is None:
            return
        self.items = self.items[:index] + self.items[index + 1 :]
        self._refresh_items(index)

    def action_move(self, offset: int) -> None:
        """Move the highlighted item up (-1) or down (1)."""
        index = self.cursor
        if index is None:
            return
        self.items, new_index = moved(self.items, index, offset)
        self._refresh_items(new_index)

    def action_set_dose(self) -> None:
        """Change how much of the highlighted exercise the routine asks for."""
        index = self.cursor
        if index is None:
            return
        item = self.items[index]
        exercise = self.state.catalog.get(item.exercise_id)
        if exercise is None:
            self.notify(f"`{item.exercise_id}` is not in your catalog.", severity="warning")
            return

        def apply(changed: object) -> None:
            if isinstance(changed, RoutineItem) and not self._dismissed:
                self.items = (*self.items[:index], changed, *self.items[index + 1 :])
                self._refresh_items(index)

        self.app.push_screen(DoseDialog(exercise, item), callback=apply)

    def action_save(self) -> None:
        """Check the routine and write it to the user's routines folder."""
        name = self.typed_name()
        if not name:
            self.notify("Give the routine a name first.", severity="warning")
            self.name_input.focus()
            return
        if not self.items:
            self.notify("Add at least one exercise first (a, in the list).", severity="warning")
            self.item_list.focus()
            return
        _, problems = self._timings()
        if problems:
            field_id, problem = problems[0]
            self.notify(problem, title="Not saved", severity="warning")
            self.query_one(field_id, Input).focus()
            return
        state = self.state
        draft = self.draft()
        if self.saved is None:
            loaded, _ = load_all_routines(state.paths, state.catalog)
            routine_id = new_routine_id(state.paths, name, taken=loaded)
            draft = Routine(
                id=routine_id,
                name=draft.name,
                items=draft.items,
                lead_in_seconds=draft.lead_in_seconds,
                rest_seconds=draft.rest_seconds,
                description=draft.description,
                user_defined=True,
            )
        try:
            path, notices = save_routine(state.paths, draft, exercises=state.catalog.exercises)
        except (StorageError, ValueError) as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=15)
            return
        for notice in notices:
            self.notify(str(notice), title="File problem", severity="warning", timeout=12)
        self.saved = Routine(
            id=draft.id,
            name=draft.name,
            items=draft.items,
            lead_in_seconds=draft.lead_in_seconds,
            rest_seconds=draft.rest_seconds,
            description=draft.description,
            origin=str(path),
            user_defined=True,
        )
        self.notify(f"Saved {name} in {display_path(path)}.")
        self._show_status()

    def action_back(self) -> None:
        """Leave; with unsaved changes, ask first."""
        from stretch_tui.screens.dialogs import ConfirmDialog

        result = self.saved.id if self.saved is not None else None
        if not self.has_changes:
            self.dismiss_once(result)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss_once(result)

        question = "Leave without saving? Your changes to this routine will be lost."
        self.app.push_screen(
            ConfirmDialog(question, yes="Discard changes", no="Keep editing"), answer
        )
