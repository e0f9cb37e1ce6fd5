"""Routines: the recommended routine, the built-in ones and the user's own (docs/product.md 2 and
5).

The list is on the left; the highlighted routine is described on the right: its length as
the runner will time it at the user's settings, its exercises with their doses, the ones the
user's screening marks `avoid` (flagged before they start), and for the recommended routine
what was left out and why. From here a routine starts, and routines are made, edited (a
built-in or the recommended one is copied first) and deleted.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from attrs import frozen
from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from stretch_tui.domain.recommend import Recommendation, recommend_routine
from stretch_tui.domain.routine import RECOMMENDED_ID, Routine
from stretch_tui.domain.routine_text import (
    count_text,
    display_path,
    dose_line,
    length_text,
    minutes_text,
)
from stretch_tui.domain.session_check import FlaggedItem, check_routine
from stretch_tui.domain.session_plan import plan_session
from stretch_tui.screens.base import StretchScreen
from stretch_tui.storage.notices import StorageError
from stretch_tui.storage.routine_edit import delete_routine, routine_file
from stretch_tui.storage.user_catalog import load_all_routines
from stretch_tui.widgets.hanging_list import hanging_list
from stretch_tui.widgets.key_footer import KeyFooter

RoutineKind = Literal["recommended", "built-in", "user"]
"""Where a routine comes from."""

SECTION_TITLES: dict[RoutineKind, str] = {
    "recommended": "Recommended",
    "built-in": "Built-in routines",
    "user": "Your routines",
}
"""The heading over each group of the list."""

WIDE_COLUMNS = 120
"""From this width on, the list gets more room for long names."""

_HEADING_PREFIX = "heading:"
_ROUTINE_ACTIONS = frozenset({"start", "edit", "delete"})


@frozen
class RoutineEntry:
    """One routine as the list shows it."""

    routine: Routine
    kind: RoutineKind
    seconds: float
    """Its length as the runner will time it, at the user's settings."""
    warnings: tuple[FlaggedItem, ...]
    """Its items that the pre-session check flags for the user, with the reasons."""

    @property
    def editable(self) -> bool:
        """True for the user's own routines (the others are copied before editing)."""
        return self.kind == "user"


class RoutinesScreen(StretchScreen):
    """Pick a routine to start, or make, edit and delete your own."""

    CSS_PATH = "routines.tcss"
    TITLE = "Routines"
    # Textual declares this as a plain attribute (its ClassVar sits inside a union).
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (WIDE_COLUMNS, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start", id="routines.start"),
        Binding("enter", "start", "Start", show=False, id="routines.start-enter"),
        Binding("n", "new", "New", id="routines.new"),
        Binding("e", "edit", "Edit", id="routines.edit"),
        Binding("d", "delete", "Delete", id="routines.delete"),
        Binding("escape", "leave_screen", "Back", id="routines.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="routines")
        self.entries: dict[str, RoutineEntry] = {}
        """The routines listed, by id, in list order."""
        self.recommendation: Recommendation | None = None
        self._reported_problems: set[str] = set()

    def compose(self) -> ComposeResult:
        """The list on the left, the highlighted routine's description on the right."""
        yield Header()
        with Horizontal(id="routines-body"):
            yield OptionList(id="routines-list")
            with VerticalScroll(id="routines-detail"):
                yield Static(id="detail-head")
                yield Static(id="detail-warnings")
                yield Static("Exercises", classes="section-title")
                yield Static(id="detail-items")
                yield Static("Left out, and why", classes="section-title left-out")
                yield Static(id="detail-left-out", classes="left-out")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        """Load the routines and put the keyboard in the list."""
        self.reload()
        self.routine_list.focus()

    def on_screen_resume(self) -> None:
        """Back from the editor or Settings: routines and lengths may have changed."""
        if self.is_mounted:
            self.reload(self.highlighted_id)

    @property
    def routine_list(self) -> OptionList:
        """The list of routines."""
        return self.query_one("#routines-list", OptionList)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted routine, or None."""
        option_list = self.routine_list
        if option_list.highlighted is None:
            return None
        option_id = option_list.get_option_at_index(option_list.highlighted).id
        return option_id if option_id in self.entries else None

    @property
    def highlighted(self) -> RoutineEntry | None:
        """The highlighted routine, or None."""
        routine_id = self.highlighted_id
        return self.entries.get(routine_id) if routine_id is not None else None

    def reload(self, keep: str | None = None) -> None:
        """Read the routines again and redraw the list, highlighting `keep` if it is there."""
        state = self.state
        catalog, preferences, responder = state.catalog, state.preferences, state.responder
        recommendation = recommend_routine(catalog, responder, preferences)
        self.recommendation = recommendation
        routines, problems = load_all_routines(state.paths, catalog)
        new_problems = [str(p) for p in problems if str(p) not in self._reported_problems]
        for problem in new_problems:
            self._reported_problems.add(problem)
            self.notify(
                f"{problem} (file skipped)",
                title="Routine file problem",
                severity="warning",
                timeout=12,
            )
        entries = {
            RECOMMENDED_ID: RoutineEntry(
                recommendation.routine,
                "recommended",
                recommendation.estimated_seconds,
                check_routine(recommendation.routine, catalog, responder, preferences).flagged,
            )
        }
        built_in = [r for r in routines.values() if not r.user_defined]
        own = sorted(
            (r for r in routines.values() if r.user_defined), key=lambda r: r.name.casefold()
        )
        for routine in (*built_in, *own):
            entries[routine.id] = RoutineEntry(
                routine,
                "user" if routine.user_defined else "built-in",
                plan_session(routine, catalog, preferences).total_seconds,
                check_routine(routine, catalog, responder, preferences).flagged,
            )
        self.entries = entries
        self._fill_list(keep)

    def _fill_list(self, keep: str | None) -> None:
        option_list = self.routine_list
        options: list[Option] = []
        for kind, title in SECTION_TITLES.items():
            group = [entry for entry in self.entries.values() if entry.kind == kind]
            heading = Text(title, style="bold")
            if kind == "user" and not group:
                heading.append("  none yet: n makes one", style="not bold italic")
            options.append(Option(heading, id=f"{_HEADING_PREFIX}{kind}", disabled=True))
            options.extend(Option(self._row(entry), id=entry.routine.id) for entry in group)
        option_list.clear_options()
        option_list.add_options(options)
        wanted = keep if keep in self.entries else RECOMMENDED_ID
        index = next(i for i, option in enumerate(options) if option.id == wanted)
        option_list.highlighted = index
        self._show(self.entries[wanted])

    def _row(self, entry: RoutineEntry) -> Text:
        routine = entry.routine
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {routine.name}")
        text.append(f"\n   {count_text(len(routine.items))} · {minutes_text(entry.seconds)}")
        if entry.warnings:
            text.append(f"  ! {len(entry.warnings)} to check", style="bold")
        return text

    @on(OptionList.OptionHighlighted, "#routines-list")
    def describe_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Describe the routine under the cursor on the right."""
        entry = self.entries.get(event.option.id or "")
        if entry is not None:
            self._show(entry)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#routines-list")
    def start_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a routine starts it."""
        self.action_start()

    def _show(self, entry: RoutineEntry) -> None:
        routine = entry.routine
        state = self.state
        head = Text()
        head.append(routine.name, style="bold")
        head.append("\n")
        head.append(self._origin_text(entry))
        head.append("\n")
        head.append(
            f"{count_text(len(routine.items))}, about {length_text(entry.seconds)} at your settings"
        )
        if entry.kind == "recommended" and self.recommendation is not None:
            head.append(f" (fitted to {length_text(self.recommendation.target_seconds)})")
        head.append(".")
        if routine.description:
            head.append("\n\n")
            head.append(routine.description)
        self.query_one("#detail-head", Static).update(head)

        warnings_widget = self.query_one("#detail-warnings", Static)
        warnings_widget.display = bool(entry.warnings)
        if entry.warnings:
            warnings_widget.update(
                Group(
                    Text("May not suit you:", style="bold"),
                    hanging_list([("!", Text(item.summary)) for item in entry.warnings]),
                    Text("The session lists them before it starts and offers to skip them."),
                )
            )

        flagged = {warning.item_index for warning in entry.warnings}
        rows = []
        for index, item in enumerate(routine.items):
            exercise = state.catalog.get(item.exercise_id)
            name = exercise.name if exercise is not None else item.exercise_id
            line = Text()
            line.append(name, style="bold" if index in flagged else "")
            line.append(f": {dose_line(routine, index, state.catalog, state.preferences)}")
            rows.append((f"{'!' if index in flagged else ' '}{index + 1:>2}.", line))
        self.query_one("#detail-items", Static).update(
            hanging_list(rows) if rows else Text("None.")
        )

        recommendation = self.recommendation
        show_left_out = entry.kind == "recommended" and recommendation is not None
        for widget in self.query(".left-out"):
            widget.display = show_left_out
        if show_left_out and recommendation is not None:
            left_rows = []
            for left_out in recommendation.left_out:
                exercise = state.catalog.get(left_out.exercise_id)
                name = exercise.name if exercise is not None else left_out.exercise_id
                left_rows.append(("-", Text.assemble((name, "bold"), f": {left_out.reason}")))
            self.query_one("#detail-left-out", Static).update(
                hanging_list(left_rows) if left_rows else Text("Nothing: every exercise fits.")
            )
        self.query_one("#routines-detail", VerticalScroll).scroll_home(animate=False)

    def _origin_text(self, entry: RoutineEntry) -> str:
        if entry.kind == "recommended":
            return "Built from your screening and Settings; e copies it to edit."
        if entry.kind == "built-in":
            return "Built in, from the articles; e copies it to edit."
        path = routine_file(self.state.paths, entry.routine)
        return f"Yours, in {display_path(path)}."

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and delete only what they apply to; delete only for the user's routines."""
        if action not in _ROUTINE_ACTIONS or not self.is_mounted:
            return True
        entry = self.highlighted
        if entry is None:
            return False
        if action == "delete":
            return entry.editable or None
        return True

    def action_start(self) -> None:
        """Start the highlighted routine (the runner checks the screening's gate first)."""
        entry = self.highlighted
        if entry is None:
            return
        start_session = getattr(self.stretch_app, "start_session", None)
        if callable(start_session):
            start_session(routine_id=entry.routine.id)
            return
        self.notify(
            "Guided sessions come with the session runner, which this version does not have.",
            title="Not yet",
            timeout=10,
        )

    def action_new(self) -> None:
        """Open the editor on a new, empty routine."""
        self._open_editor(None)

    def action_edit(self) -> None:
        """Edit the highlighted routine; a built-in or the recommended one as a copy."""
        entry = self.highlighted
        if entry is None:
            return
        if not entry.editable:
            self.notify(
                f"{entry.routine.name} is not a file of yours: you are editing a copy, saved "
                "under a new name.",
                timeout=6,
            )
        self._open_editor(entry.routine)

    def _open_editor(self, routine: Routine | None) -> None:
        from stretch_tui.screens.routine_editor import RoutineEditorScreen

        self.app.push_screen(RoutineEditorScreen(routine), callback=self._after_editing)

    def _after_editing(self, saved_id: object) -> None:
        if isinstance(saved_id, str):
            self.reload(saved_id)

    def action_delete(self) -> None:
        """Delete the highlighted routine of the user's, after asking."""
        from stretch_tui.screens.dialogs import ConfirmDialog

        entry = self.highlighted
        if entry is None:
            return
        if not entry.editable:
            self.notify("Only your own routines can be deleted.", severity="warning")
            return
        path = routine_file(self.state.paths, entry.routine)
        question = (
            f"Delete the routine “{entry.routine.name}”?\nIts file {display_path(path)} is removed."
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete(entry)

        self.app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep it"), answer)

    def _delete(self, entry: RoutineEntry) -> None:
        try:
            delete_routine(self.state.paths, entry.routine)
        except (StorageError, ValueError) as error:
            self.notify(str(error), title="Not deleted", severity="error", timeout=15)
            return
        self.notify(f"Deleted {entry.routine.name}.")
        ids = list(self.entries)
        position = ids.index(entry.routine.id)
        # Land on the routine that took its place (or the one above the last).
        neighbours = [i for i in ids[position + 1 :] + ids[:position][::-1] if i in self.entries]
        keep = next((i for i in neighbours if self.entries[i].kind == "user"), None)
        self.reload(keep)
