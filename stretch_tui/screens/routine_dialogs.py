"""The routine editor's dialogs: the exercise picker and an item's dose (docs/product.md 5).

Each answers once with a typed result (`StretchModal`); their styles are in
`routine_editor.tcss`, beside the editor that opens them.
"""

from __future__ import annotations

from typing import ClassVar

from attrs import evolve
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from stretch_tui.domain.exercise import Exercise, Sides
from stretch_tui.domain.library import LibraryFilter, LibraryIndex
from stretch_tui.domain.routine import RoutineItem
from stretch_tui.domain.routine_draft import (
    OverrideSpec,
    override_specs,
    parse_override,
    with_overrides,
)
from stretch_tui.screens.base import StretchModal
from stretch_tui.widgets.exercise_table import ExerciseTable


class ExercisePickerDialog(StretchModal[str | None]):
    """The catalog in a table with a name search; dismisses with the chosen exercise's id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick-exercise.cancel"),
        Binding("up", "move_cursor('up')", "Previous", show=False),
        Binding("down", "move_cursor('down')", "Next", show=False),
        Binding("pageup", "move_cursor('page_up')", "Page up", show=False),
        Binding("pagedown", "move_cursor('page_down')", "Page down", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="pick-exercise")
        self._index: LibraryIndex | None = None

    def compose(self) -> ComposeResult:
        """Search, table, keys."""
        with Vertical(id="picker-box"):
            yield Label("Add an exercise", classes="dialog-title")
            yield Input(placeholder="type to filter by name", id="picker-search")
            yield ExerciseTable(id="picker-table", focusable=False)
            yield Static(
                "type to filter   up/down choose   enter add   esc cancel", classes="muted"
            )

    def on_mount(self) -> None:
        """Every exercise, in name order, with its "For you" label."""
        state = self.state
        self._index = LibraryIndex(
            state.catalog.exercises.values(), state.responder, state.preferences
        )
        self.table.longest_name = self._index.longest_name
        self.table.set_entries(self._index.filter(LibraryFilter()))
        self.query_one("#picker-search", Input).focus()

    @property
    def table(self) -> ExerciseTable:
        """The exercises shown."""
        return self.query_one("#picker-table", ExerciseTable)

    @on(Input.Changed, "#picker-search")
    def filter_table(self, event: Input.Changed) -> None:
        """Show the exercises whose name has every typed word."""
        if self._index is not None:
            self.table.set_entries(self._index.filter(LibraryFilter(text=event.value)))

    @on(Input.Submitted, "#picker-search")
    def choose_highlighted(self) -> None:
        """Enter adds the highlighted exercise."""
        entry = self.table.highlighted
        if entry is None:
            self.notify("Nothing matches: esc clears the search.", severity="warning")
            return
        self.answer(entry.exercise.id)

    @on(ExerciseTable.Selected)
    def choose_clicked(self, event: ExerciseTable.Selected) -> None:
        """A click on the highlighted row adds it."""
        self.answer(event.entry.exercise.id)

    def action_move_cursor(self, where: str) -> None:
        """Move the table's cursor while the keyboard stays in the search."""
        self.table.move_cursor(where)

    def action_cancel(self) -> None:
        """Clear the search; if it is empty, close without adding."""
        search = self.query_one("#picker-search", Input)
        if search.value:
            search.value = ""
            return
        self.answer(None)


SIDE_CHOICES: dict[Sides, str] = {
    "each": "each side in turn",
    "alternate": "alternating sides",
}
"""How a one-sided exercise's sides can go, as the dose dialog offers them."""


class DoseDialog(StretchModal[RoutineItem | None]):
    """The dose fields of one item; dismisses with the changed item (None: cancelled).

    An empty field keeps the catalog's value. Only the fields of the exercise's dose kind are
    offered, each checked against the limits the routine parser applies. An exercise done one
    side at a time also offers how the sides go: as in the catalog, each side in turn (left,
    switch, right), or alternating.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dose.cancel"),
        Binding("f2", "apply", "Apply", id="dose.apply"),
    ]

    def __init__(self, exercise: Exercise, item: RoutineItem) -> None:
        super().__init__(id="dose-dialog")
        self.exercise = exercise
        self.item = item
        self.specs: tuple[OverrideSpec, ...] = override_specs(exercise)

    def compose(self) -> ComposeResult:
        """One field per dose value, with its limits."""
        preferences = self.state.preferences
        with Vertical(id="dose-box"):
            yield Label(f"Dose of {self.exercise.name}", classes="dialog-title")
            yield Static(
                f"Catalog: {self.exercise.dose.describe()}. An empty field keeps the "
                "catalog's value.",
                classes="muted",
            )
            for spec in self.specs:
                current = getattr(self.item, spec.name)
                if spec.catalog_value is not None:
                    placeholder = f"{spec.catalog_value:g}"
                else:
                    placeholder = f"Settings: {preferences.default_hold_seconds}"
                with Horizontal(classes="dose-row"):
                    yield Label(f"{spec.label} ({spec.low:g}-{spec.high:g})")
                    yield Input(
                        "" if current is None else f"{current:g}",
                        placeholder=placeholder,
                        type="integer" if spec.whole else "number",
                        valid_empty=True,
                        max_length=8,
                        id=f"dose-{spec.name}",
                    )
            if self.exercise.dose.sides in SIDE_CHOICES:
                with Horizontal(classes="dose-row", id="dose-sides-row"):
                    yield Label("Sides")
                    with RadioSet(id="dose-sides"):
                        yield RadioButton("as in the catalog", value=self.item.sides is None)
                        for sides, label in SIDE_CHOICES.items():
                            yield RadioButton(label, value=self.item.sides == sides)
            yield Static(id="dose-problem")
            yield Static(
                "enter or f2 apply   tab next   esc cancel", id="dose-keys", classes="muted"
            )

    def on_mount(self) -> None:
        """Start in the first field."""
        self.query(Input).first().focus()

    def action_apply(self) -> None:
        """f2: apply, from any field or the sides."""
        self.apply()

    @on(Input.Submitted)
    def apply(self) -> None:
        """Check every field; close with the changed item, or say what is wrong."""
        values: dict[str, int | float | None] = {}
        for spec in self.specs:
            field = self.query_one(f"#dose-{spec.name}", Input)
            value, problem = parse_override(spec, field.value)
            if problem is not None:
                shown = self.query_one("#dose-problem", Static)
                shown.update(problem)
                shown.add_class("-shown")
                field.focus()
                return
            values[spec.name] = value
        item = with_overrides(self.item, values, self.exercise)
        self.answer(evolve(item, sides=self._sides()))

    def _sides(self) -> Sides | None:
        """The sides chosen (None: as in the catalog, or the exercise has no sides)."""
        if not self.query("#dose-sides"):
            return None
        chosen = self.query_one("#dose-sides", RadioSet).pressed_index
        options: list[Sides | None] = [None, *SIDE_CHOICES]
        return options[chosen] if 0 <= chosen < len(options) else None

    def action_cancel(self) -> None:
        """Close without changing the dose."""
        self.answer(None)
