"""The session summary: what was done, time held, pain before and after, what changed.

Shown once the session is in history (or with the reason it could not be saved).
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from stretch_tui.domain.history import HistoryEntry
from stretch_tui.domain.session_summary import (
    STATUS_HEADINGS,
    changes,
    format_duration,
    pain_line,
    record_line,
    time_held,
)
from stretch_tui.screens.base import StretchScreen
from stretch_tui.widgets.key_footer import KeyFooter


class SummaryScreen(StretchScreen):
    """The summary of one session; `save_error` says why it is not in history, if it is not."""

    CSS_PATH = "session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,q", "done", "Done", id="summary.done"),
        Binding("s", "screening", "Take the screening", id="summary.screening"),
        Binding("g", "progress", "Progress", id="summary.progress"),
    ]

    def __init__(
        self, entry: HistoryEntry, routine_name: str, *, save_error: str | None = None
    ) -> None:
        super().__init__()
        self.entry = entry
        """The session shown."""
        self._routine_name = routine_name
        self._save_error = save_error

    def compose(self) -> ComposeResult:
        entry = self.entry
        names = {exercise_id: self._exercise_name(exercise_id) for exercise_id in self._ids()}
        with VerticalScroll(id="summary-body"):
            yield Static(
                f"{STATUS_HEADINGS[entry.status]}: {self._routine_name}",
                classes="page-title",
                markup=False,
            )
            yield Static(self._totals(), id="summary-totals", markup=False)
            yield Static(pain_line(entry.pain_before, entry.pain_after), id="summary-pain")
            yield Static(self._table(names), id="summary-table")
            lines = changes(entry, names, self.state.preferences.left_out)
            if lines:
                yield Static("What changed", classes="section-title")
                yield Static(
                    "\n".join(f"- {line}" for line in lines), id="summary-changes", markup=False
                )
            if self._save_error is None:
                yield Static("Saved in your history.", id="summary-saved", classes="muted")
            else:
                yield Static(
                    f"Not saved: {self._save_error} It is kept and saved at the next start.",
                    id="summary-saved",
                    classes="summary-error",
                    markup=False,
                )
        yield KeyFooter()

    def _ids(self) -> list[str]:
        ids: list[str] = []
        for record in self.entry.exercises:
            if record.id not in ids:
                ids.append(record.id)
        return ids

    def _exercise_name(self, exercise_id: str) -> str:
        exercise = self.state.catalog.get(exercise_id)
        return exercise.name if exercise is not None else exercise_id

    def _totals(self) -> str:
        entry = self.entry
        planned = sum(record.planned_seconds for record in entry.exercises)
        done = sum(1 for record in entry.exercises if record.outcome == "done")
        minutes = format_duration(int((entry.ended - entry.started).total_seconds()))
        return (
            f"Time held: {format_duration(time_held(entry))} of {format_duration(planned)} "
            f"planned, in {minutes} of session. Done: {done} of "
            f"{len(entry.exercises)} (each side counts once)."
        )

    def _table(self, names: dict[str, str]) -> Table:
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, expand=False)
        table.add_column("Exercise", no_wrap=False)
        table.add_column("Held", no_wrap=True)
        table.add_column("Reps", justify="right", no_wrap=True)
        table.add_column("Outcome")
        for record in self.entry.exercises:
            table.add_row(*record_line(record, names))
        if not self.entry.exercises:
            table.add_row("Nothing was done.", "", "", "")
        return table

    def action_done(self) -> None:
        """Back to where the session was started from."""
        self.dismiss()

    def action_screening(self) -> None:
        """Take the screening again (suggested after "it hurts" or a "worse" answer)."""
        self.dismiss()
        self.stretch_app.action_open("screening")

    def action_progress(self) -> None:
        """Open the progress screen."""
        self.dismiss()
        self.stretch_app.action_open("progress")
