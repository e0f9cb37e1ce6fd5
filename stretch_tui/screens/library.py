"""Library: every exercise in a table, filtered as the user types (docs/product.md 2, issue 4).

Letters always go to the name search; the other filters are on tab and on function keys,
which typing does not use. A keystroke filters the prepared `LibraryIndex` and hands the
result to an `ExerciseTable` that draws only the visible rows, which keeps a keystroke under
the 16 ms budget at 5,000 exercises (docs/product.md 10).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from stretch_tui.domain.exercise import Exercise, Pose, PoseFrame
from stretch_tui.domain.library import (
    LibraryEntry,
    LibraryFilter,
    LibraryIndex,
    explain,
    toggled_left_out,
)
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.workers import forget_worker
from stretch_tui.widgets.exercise_table import ExerciseTable
from stretch_tui.widgets.filter_bar import FilterBar
from stretch_tui.widgets.key_footer import KeyFooter
from stretch_tui.widgets.status_text import StatusText

WIDE_COLUMNS = 120
"""From this width on, the highlighted exercise's pose and steps show beside the table."""
PREVIEW_DELAY = 0.08
"""Seconds the highlight must rest on an exercise before the preview follows it: a keystroke
redraws the table alone (drawing the pose and steps too took a keystroke past the 16 ms
budget, docs/product.md 10), and typing or moving fast does not redraw the preview at every key."""

READING = "Reading your exercises..."
"""The table's line while a large catalog of the user's is read (`on_mount`)."""
STILL_READING = "Your exercises are still being read: a moment."
"""What a key that needs a whole exercise says before the catalog is read."""
NO_MATCH = "No exercise matches."


class LibraryScreen(StretchScreen):
    """All exercises, shipped and the user's own, with a name search and filters."""

    # Default CSS rather than CSS_PATH: a screen's CSS_PATH makes Textual parse every
    # stylesheet of the app again and restyle every widget when the screen is first pushed
    # (docs/product.md 10); default CSS is parsed alone.
    DEFAULT_CSS = (Path(__file__).parent / "library.tcss").read_text(encoding="utf-8")
    TITLE = "Library"
    # Textual declares this as a plain attribute (its ClassVar sits inside a union).
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (WIDE_COLUMNS, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Filters", id="library.filters"),
        Binding("f2", "step_filter('safe_for_me')", "Safe for me", id="library.safe"),
        Binding("enter", "open_highlighted", "Open", id="library.open"),
        Binding("escape", "clear", "Clear", id="library.clear"),
        Binding("f8", "toggle_left_out", "Leave out", id="library.leave-out"),
        Binding("f3", "step_filter('area')", "Next body area", show=False, id="library.area"),
        Binding(
            "f4", "step_filter('position')", "Next position", show=False, id="library.position"
        ),
        Binding(
            "f5", "step_filter('difficulty')", "Next level", show=False, id="library.difficulty"
        ),
        Binding(
            "f6", "step_filter('direction')", "Next direction", show=False, id="library.direction"
        ),
        Binding(
            "f7", "step_filter('dose_kind')", "Next dose kind", show=False, id="library.dose-kind"
        ),
        Binding("up", "move_cursor('up')", "Previous row", show=False),
        Binding("down", "move_cursor('down')", "Next row", show=False),
        Binding("pageup", "move_cursor('page_up')", "Page up", show=False),
        Binding("pagedown", "move_cursor('page_down')", "Page down", show=False),
    ]

    class Listed(Message):
        """The exercises as the library lists them, read from the cache ahead of the whole
        catalog (`AppState.library_listing`)."""

        def __init__(self, index: LibraryIndex) -> None:
            super().__init__()
            self.index = index

    def __init__(self) -> None:
        super().__init__(id="library")
        self._index: LibraryIndex | None = None
        self._listed = False
        """True while the rows are the exercises as listed, without steps or drawings: the
        whole catalog is still being read."""
        self._previewed: LibraryEntry | None = None
        self._to_preview: LibraryEntry | None = None
        """The last exercise highlighted, for the preview to show once the highlight rests."""
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Search and filters on top, the table (and at 120 columns the preview) below."""
        yield Header()
        yield FilterBar(id="library-filters")
        with Horizontal(id="library-body"):
            with Vertical(id="library-main"):
                yield ExerciseTable(id="library-table", focusable=False)
                with Horizontal(id="library-status"):
                    yield StatusText(id="library-why")
                    yield StatusText(id="library-count")
            if self.app.size.width >= WIDE_COLUMNS:
                yield self._make_preview()
        yield KeyFooter(compact=True)

    def _make_preview(self) -> VerticalScroll:
        """The preview beside the table, made only once the screen is wide enough to show it:
        hidden, its four widgets would still cost the screen memory (docs/product.md 10). The
        pose's module, like the detail's, is imported only when needed, for the same reason."""
        from stretch_tui.widgets.pose_view import PoseView

        return VerticalScroll(
            Static(id="preview-title"),
            PoseView(_blank_pose(), still=self.stretch_app.reduced_motion, id="preview-pose"),
            Static(id="preview-steps"),
            id="library-preview",
            can_focus=False,
        )

    def on_mount(self) -> None:
        """Fill the table, and put the keyboard in the search.

        A large catalog of the user's that is not read and prepared yet (the library opened
        straight from the command line) is read in a thread: the screen shows at once, the
        search takes letters meanwhile, the rows come as soon as the exercises are listed
        from the cache, and their steps and drawings when the whole catalog is in."""
        self.filters.focus_search()
        self.filters.show_keys = self.size.width >= WIDE_COLUMNS
        if self.state.library_index_if_ready() is None and self.state.user_catalog_is_large():
            self.table.empty_text = READING
            self.state.expect_listing()
            # After the screen's first frame: a thread reading meanwhile would hold the
            # interpreter for most of the time that frame takes to build.
            self.call_after_refresh(self._prepare_index)
        else:
            self._rebuild()

    @work(thread=True, exclusive=True, group="library-index", exit_on_error=False)
    def _prepare_index(self) -> LibraryIndex:
        """List the exercises from the cache (`on_library_screen_listed`), then read the whole
        catalog and prepare its index (`on_worker_state_changed`)."""
        try:
            listing = self.state.library_listing()
            if listing is not None:
                self.post_message(self.Listed(listing))
            return self.state.library_index()
        finally:
            forget_worker()

    def on_library_screen_listed(self, message: Listed) -> None:
        """The exercises are listed: show their rows while the rest of them is read."""
        if self._index is None:
            self._use_index(message.index, listed=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The index prepared in the background is in: show the rows for what the search
        and filters hold by now (or say the exercises could not be read)."""
        worker = event.worker
        if worker.group != "library-index" or not self.is_attached:
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, LibraryIndex):
            # The state keeps the index the worker prepared, or prepares it again if the
            # preferences or the screening changed meanwhile.
            index = self.state.library_index()
            listed = self._listed
            self._use_index(index)
            if listed and self.size.width >= WIDE_COLUMNS:
                self._preview(self.table.highlighted)  # its steps and drawing, at once
            self.stretch_app.report_notices()
        elif event.state == WorkerState.ERROR:
            self.query_one("#library-count", StatusText).text = Text(
                f"The exercises could not be read: {worker.error}"
            )

    def on_screen_resume(self) -> None:
        """Back from the detail: labels change if the user left an exercise out there."""
        index = self._index
        if index is None or self._listed:
            return  # the whole catalog's index comes for what they are then
        if index.preferences != self.state.preferences or index.responder != self.state.responder:
            self._rebuild()

    async def on_resize(self, event: events.Resize) -> None:
        """Show the function keys on the filter controls and the preview when there is room."""
        wide = event.size.width >= WIDE_COLUMNS
        self.filters.show_keys = wide
        if wide and not self.query("#library-preview"):
            await self.query_one("#library-body").mount(self._make_preview())
        if wide and self._previewed is not self.table.highlighted:
            self._preview(self.table.highlighted)

    @property
    def filters(self) -> FilterBar:
        """The search and filter controls."""
        return self.query_one(FilterBar)

    @property
    def table(self) -> ExerciseTable:
        """The table of exercises."""
        return self.query_one(ExerciseTable)

    def _use_index(self, index: LibraryIndex, *, listed: bool = False) -> None:
        self._index = index
        self._listed = listed
        self.table.empty_text = NO_MATCH
        # Columns sized for every name, not for the rows shown, so they do not jump as you type.
        self.table.longest_name = index.longest_name
        self._apply(self.filters.value)

    def _rebuild(self) -> None:
        self._use_index(self.state.library_index())

    def _apply(self, chosen: LibraryFilter) -> None:
        if self._index is None:
            return
        entries = self._index.filter(chosen)
        self.table.set_entries(entries)
        self.query_one("#library-count", StatusText).text = Text(
            f"{len(entries)} of {len(self._index)}"
        )

    @on(FilterBar.Changed)
    def filter_table(self, event: FilterBar.Changed) -> None:
        """A letter typed or a filter stepped: show the matching rows."""
        self._apply(event.value)

    @on(ExerciseTable.Highlighted)
    def show_highlighted(self, event: ExerciseTable.Highlighted) -> None:
        """Explain the highlighted row under the table and preview it on wide screens."""
        entry = event.entry
        why = self.query_one("#library-why", StatusText)
        if entry is None and self._index is None:
            why.text = Text("The rows come in a moment; type to search meanwhile.")
            return
        if entry is None:
            why.text = Text("Nothing matches: esc clears the search and filters.")
            return
        exercise = entry.exercise
        why.text = Text.assemble(
            (exercise.name, "bold"),
            "  ",
            explain(exercise, self.state.responder, self.state.preferences),
        )
        self._to_preview = entry
        # The preview is hidden below 120 columns; filling it then would only cost keystroke time.
        if self.size.width < WIDE_COLUMNS:
            return
        if self._previewed is None:
            self._preview(entry)  # the first exercise shows with the screen
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview_rested)

    def _preview_rested(self) -> None:
        """The highlight rested: show the exercise it rests on."""
        self._preview_timer = None
        entry = self._to_preview
        if self.size.width >= WIDE_COLUMNS and entry is not self._previewed:
            self._preview(entry)

    def _preview(self, entry: LibraryEntry | None) -> None:
        if not self.query("#preview-steps"):
            return  # not made yet (`on_resize`)
        self._previewed = entry
        if entry is None:
            return
        from stretch_tui.screens.exercise import frame_seconds, numbered_steps
        from stretch_tui.widgets.pose_view import PoseView

        exercise = entry.exercise
        self.query_one("#preview-title", Static).update(
            Text.assemble((exercise.name, "bold"), "\n", (exercise.dose.describe(), "italic"))
        )
        steps = Text()
        steps.append("Steps\n", style="bold")
        if self._listed:  # a listed exercise has no steps or drawing yet
            self.query_one("#preview-pose", PoseView).set_pose(_blank_pose())
            steps.append("They come in a moment, with the drawing.", style="italic")
        else:
            # The preview moves as the detail does (still with reduced motion).
            self.query_one("#preview-pose", PoseView).set_pose(
                exercise.pose, interval=frame_seconds(exercise.dose, len(exercise.pose.frames))
            )
            steps.append_text(numbered_steps(exercise))
        self.query_one("#preview-steps", Static).update(steps)

    @on(ExerciseTable.Selected)
    def open_selected(self, event: ExerciseTable.Selected) -> None:
        """A click on the highlighted row opens it."""
        if self._listed:
            self.notify(STILL_READING)
            return
        self._open(event.entry.exercise)

    def action_open_highlighted(self) -> None:
        """Open the highlighted exercise's detail."""
        entry = self.table.highlighted
        if self._listed or (entry is None and self._index is None):
            self.notify(STILL_READING)
            return
        if entry is None:
            self.notify("No exercise to open: esc clears the search and filters.")
            return
        self._open(entry.exercise)

    def _open(self, exercise: Exercise) -> None:
        from stretch_tui.screens.exercise import ExerciseScreen

        self.app.push_screen(ExerciseScreen(exercise.id))

    def action_step_filter(self, name: str, step: int = 1) -> None:
        """Step one filter to its next value."""
        self.filters.step(name, step)

    def action_move_cursor(self, where: str) -> None:
        """Move the table's cursor while the keyboard stays in the search."""
        self.table.move_cursor(where)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No key acts while the screen has no controls: before they are mounted, or after
        an earlier escape closed the screen with more keys still queued for it."""
        return bool(self.query(FilterBar))

    def action_clear(self) -> None:
        """Clear the search; if it is empty, every filter; if none is set, go back."""
        bar = self.filters
        if bar.value.text:
            bar.set_text("")
        elif not bar.value.is_default:
            bar.reset()
        else:
            self.leave()
            return
        bar.focus_search()

    def action_toggle_left_out(self) -> None:
        """Leave the highlighted exercise out of recommended routines, or restore it."""
        entry = self.table.highlighted
        if entry is None:
            return
        if self._listed:
            self.notify(STILL_READING)
            return
        exercise = entry.exercise
        left_out = toggled_left_out(self.state.preferences.left_out, exercise.id)
        saved = self.state.update_preferences(left_out=left_out)
        self.stretch_app.report_notices()
        if saved:
            if exercise.id in left_out:
                self.notify(f"{exercise.name} is left out of recommended routines (f8 restores).")
            else:
                self.notify(f"{exercise.name} is back in recommended routines.")
        self._rebuild()

    def on_key(self, event: events.Key) -> None:
        """Letters typed while a filter control has the keyboard go to the search."""
        if (
            self.focused is self.filters.search
            or not event.is_printable
            or event.character in (None, " ")
        ):
            return
        event.stop()
        event.prevent_default()
        self.filters.type_text(event.character or "")


def _blank_pose() -> Pose:
    """A placeholder until the first exercise is highlighted."""
    return Pose(frames=(PoseFrame(art=""),))
