"""Exercise detail: the pose, what it works, how to do it, how much, and what to watch for.

From here the user starts the exercise on its own (through the screening's session gate) or
adds it to one of their routines (docs/product.md 2, issue 5).
"""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from stretch_tui.domain.exercise import Caution, Dose, Exercise
from stretch_tui.domain.guidance import Article, load_articles
from stretch_tui.domain.library import explain, for_you, toggled_left_out
from stretch_tui.screens.base import StretchModal, StretchScreen
from stretch_tui.storage.notices import StorageError
from stretch_tui.storage.routine_edit import (
    UserRoutine,
    append_to_routine,
    list_user_routines,
    new_routine_id,
)
from stretch_tui.widgets.key_footer import KeyFooter
from stretch_tui.widgets.pose_view import PoseView, Side

DEFAULT_FRAME_SECONDS = 1.5
"""How long each frame shows when the dose gives no pace."""

_EXERCISE_ACTIONS = frozenset(
    {"start", "add_to_routine", "switch_side", "toggle_animation", "toggle_left_out"}
)

WHO_TEXT = {
    "extension-responders": "people whose pain eases when they arch back (extension)",
    "flexion-responders": "people whose pain eases when they bend forward (flexion)",
    "everyone": "everyone",
}
"""A caution's `who`, in words."""


def frame_seconds(dose: Dose, frame_count: int) -> float:
    """How long each pose frame shows: the phase pace of the dose.

    `cycles` doses give seconds per phase; `reps` doses a tempo per repetition, shared by its
    frames; anything else gets `DEFAULT_FRAME_SECONDS`.
    """
    if dose.kind == "cycles" and dose.seconds_per_phase:
        return float(dose.seconds_per_phase)
    if dose.kind == "reps" and dose.tempo_seconds:
        return dose.tempo_seconds / max(frame_count, 1)
    return DEFAULT_FRAME_SECONDS


def source_lines(exercise: Exercise, articles: dict[str, Article]) -> list[str]:
    """Each source as "title (publisher), item ..."; an unknown article shows its id."""
    lines = []
    for source in exercise.sources:
        article = articles.get(source.article)
        title = f"{article.title} ({article.publisher})" if article else source.article
        lines.append(f"{title}, item “{source.item}”")
    return lines


def numbered_steps(exercise: Exercise) -> Text:
    """The steps as a numbered list, the numbers in bold."""
    text = Text()
    for number, step in enumerate(exercise.steps, start=1):
        if number > 1:
            text.append("\n")
        text.append(f"{number}. ", "bold")
        text.append(step)
    return text


class ExerciseScreen(StretchScreen):
    """One exercise in full, with keys to start it alone or add it to a routine."""

    CSS_PATH = "exercise.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_screen", "Back", id="exercise.back"),
        Binding("s", "start", "Start", id="exercise.start"),
        Binding("a", "add_to_routine", "Add to routine", id="exercise.add"),
        Binding("x", "switch_side", "Switch side", id="exercise.side"),
        Binding("space", "toggle_animation", "Pause", id="exercise.pause"),
        Binding("l", "toggle_left_out", "Leave out", id="exercise.leave-out"),
    ]

    def __init__(self, exercise_id: str) -> None:
        super().__init__(id="exercise")
        self.exercise_id = exercise_id

    @property
    def exercise(self) -> Exercise | None:
        """The exercise shown, or None when the catalog has no such id."""
        return self.state.catalog.get(self.exercise_id)

    def compose(self) -> ComposeResult:
        """The pose on the left, everything else in a scrolling column on the right."""
        yield Header()
        exercise = self.exercise
        if exercise is None:
            yield Static(
                f"There is no exercise `{self.exercise_id}` in the catalog "
                "(was its file removed or renamed?). esc goes back.",
                classes="notice",
                id="exercise-missing",
            )
            yield KeyFooter(compact=True)
            return
        with Horizontal(id="exercise-body"):
            with Vertical(id="exercise-pose-pane"):
                yield Static(id="exercise-side")
                yield PoseView(
                    exercise.pose,
                    interval=frame_seconds(exercise.dose, len(exercise.pose.frames)),
                    still=self.stretch_app.reduced_motion,
                    id="exercise-pose",
                )
            with VerticalScroll(id="exercise-info"):
                yield from self._info(exercise)
        yield KeyFooter(compact=True)

    def _info(self, exercise: Exercise) -> ComposeResult:
        responder = self.state.responder
        yield Static(Text(exercise.name, style="bold"), id="exercise-name", classes="screen-title")
        if exercise.summary:
            yield Static(exercise.summary, id="exercise-summary")
        yield Static(id="exercise-for-you")
        yield Label("Dose", classes="section-title")
        yield Static(exercise.dose.describe(), id="exercise-dose")
        if exercise.props:
            yield Static(f"Props: {'; '.join(exercise.props)}", id="exercise-props")
        if exercise.equipment:
            yield Static(f"You need: {'; '.join(exercise.equipment)}", id="exercise-equipment")
        if exercise.cautions:
            yield Label("Cautions", classes="section-title")
            applying = exercise.cautions_for(responder)
            for caution in exercise.cautions:
                yield self._caution(caution, caution in applying)
        yield Label("Steps", classes="section-title")
        yield Static(numbered_steps(exercise), id="exercise-steps")
        yield Label("About", classes="section-title")
        yield Static(self._facts(exercise), id="exercise-facts")
        if exercise.tips:
            yield Label("Tips", classes="section-title")
            yield Static("\n".join(f"- {tip}" for tip in exercise.tips), id="exercise-tips")
        sources = source_lines(exercise, load_articles())
        if sources:
            yield Label("Source", classes="section-title")
            yield Static("\n".join(sources), id="exercise-source", classes="muted")
        if exercise.user_defined:
            yield Static(f"Your own exercise, from {exercise.origin}", classes="muted")

    @staticmethod
    def _facts(exercise: Exercise) -> Text:
        text = Text()
        rows = (
            ("Targets", ", ".join(exercise.targets)),
            ("Position", exercise.position),
            ("Direction", exercise.direction),
            ("Level", exercise.difficulty),
            ("Kind", exercise.kind),
        )
        for index, (label, value) in enumerate(rows):
            text.append(("\n" if index else "") + f"{label}: ", "bold")
            text.append(value)
        return text

    @staticmethod
    def _caution(caution: Caution, applies: bool) -> Static:
        level = "Avoid" if caution.level == "avoid" else "Caution"
        text = Text()
        text.append("! " if applies else "  ", "bold")
        text.append(f"{level} for {WHO_TEXT[caution.who]}", "bold")
        text.append(" (applies to you)" if applies else " (not your profile)")
        text.append(f": {caution.why}")
        classes = f"caution -{caution.level}" + (" -applies" if applies else "")
        return Static(text, classes=classes)

    def on_mount(self) -> None:
        """Fill in the lines that change (side, "For you") and put the keyboard on the text."""
        self.title = self.exercise.name if self.exercise else "Exercise"
        if self.exercise is None:
            return
        self._show_side()
        self._show_for_you()
        self.query_one("#exercise-info").focus()

    def _show_side(self) -> None:
        exercise = self.exercise
        if exercise is None:
            return
        side_line = self.query_one("#exercise-side", Static)
        sides = exercise.dose.sides
        if sides == "both":
            side_line.display = False
            return
        side = self.pose_view.side
        word = "each side" if sides == "each" else "alternating sides"
        side_line.update(Text.assemble((f"{side.upper()} side", "bold"), f"  ({word}; x switches)"))
        # The catalog writes steps and tips for the left side; the right side reads them
        # with left and right swapped, as the runner does.
        sided = exercise.for_side(side)
        self.query_one("#exercise-steps", Static).update(numbered_steps(sided))
        if sided.tips:
            self.query_one("#exercise-tips", Static).update(
                "\n".join(f"- {tip}" for tip in sided.tips)
            )

    def _show_for_you(self) -> None:
        exercise = self.exercise
        if exercise is None:
            return
        status, _ = for_you(exercise, self.state.responder, self.state.preferences)
        line = self.query_one("#exercise-for-you", Static)
        line.update(
            Text.assemble(
                ("For you: ", "bold"),
                explain(exercise, self.state.responder, self.state.preferences),
            )
        )
        line.set_classes(f"for-you -{status}")

    @property
    def pose_view(self) -> PoseView:
        """The animated pose."""
        return self.query_one("#exercise-pose", PoseView)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that make sense for this exercise."""
        exercise = self.exercise
        if exercise is None:
            return action not in _EXERCISE_ACTIONS
        if action == "switch_side":
            return exercise.dose.sides != "both"
        if action == "toggle_animation":
            return exercise.pose.animated and not self.stretch_app.reduced_motion
        return True

    def action_switch_side(self) -> None:
        """Draw the pose for the other side."""
        view = self.pose_view
        new_side: Side = "right" if view.side == "left" else "left"
        view.side = new_side
        self._show_side()

    def action_toggle_animation(self) -> None:
        """Pause or play the pose's frames."""
        view = self.pose_view
        view.playing = not view.playing

    def action_toggle_left_out(self) -> None:
        """Leave this exercise out of recommended routines, or restore it."""
        exercise = self.exercise
        if exercise is None:
            return
        left_out = toggled_left_out(self.state.preferences.left_out, exercise.id)
        saved = self.state.update_preferences(left_out=left_out)
        self.stretch_app.report_notices()
        if saved:
            if exercise.id in left_out:
                self.notify(f"{exercise.name} is left out of recommended routines (l restores).")
            else:
                self.notify(f"{exercise.name} is back in recommended routines.")
        self._show_for_you()

    def action_start(self) -> None:
        """Start this exercise on its own; the app checks the screening's gate first (an
        emergency result blocks, an urgent one asks for the clinician's assessment)."""
        if self.exercise is not None:
            self.stretch_app.start_session(exercise_ids=[self.exercise.id])

    def action_add_to_routine(self) -> None:
        """Ask which routine (or a new one), then append this exercise to it."""
        exercise = self.exercise
        if exercise is None:
            return
        routines = list_user_routines(self.state.paths)
        self.app.push_screen(
            AddToRoutineDialog(exercise.name, routines), callback=self._add_to_routine
        )

    def _add_to_routine(self, choice: object) -> None:
        exercise = self.exercise
        if exercise is None or not isinstance(choice, RoutineChoice):
            return
        try:
            notices = append_to_routine(
                self.state.paths, choice.routine_id, choice.name, exercise.id
            )
        except StorageError as error:
            self.notify(str(error), title="Not added", severity="error", timeout=15)
            return
        for notice in notices:
            self.notify(str(notice), title="File problem", severity="warning", timeout=12)
        self.notify(f"{exercise.name} added to {choice.name}.")


@frozen
class RoutineChoice:
    """What the add-to-routine dialog returns: an existing routine or a new one."""

    routine_id: str
    name: str
    new: bool
    """True when the routine file does not exist yet."""


class AddToRoutineDialog(StretchModal[RoutineChoice | None]):
    """Pick one of the user's routines, or type the name of a new one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="add-routine.cancel"),
    ]

    def __init__(self, exercise_name: str, routines: list[UserRoutine]) -> None:
        super().__init__(id="add-to-routine")
        self.exercise_name = exercise_name
        self.routines = routines

    def compose(self) -> ComposeResult:
        """The routines, the new-name field and a line of keys."""
        with Vertical(id="add-routine-box"):
            yield Label(f"Add {self.exercise_name} to a routine", classes="dialog-title")
            if self.routines:
                yield Label("Your routines (enter adds to the highlighted one):")
                yield OptionList(
                    *(
                        Option(f"{routine.name}  ({_items(routine.item_count)})", id=routine.id)
                        for routine in self.routines
                    ),
                    id="add-routine-list",
                )
            else:
                yield Label("You have no routines of your own yet.", classes="muted")
            yield Label("Or a new routine, named:")
            yield Input(placeholder="e.g. Morning loosen-up", id="add-routine-name")
            yield Static("enter add   tab switch   esc cancel", classes="muted")

    def on_mount(self) -> None:
        """Start in the list if there is one, else in the name field."""
        if self.routines:
            self.query_one("#add-routine-list", OptionList).focus()
        else:
            self.query_one("#add-routine-name", Input).focus()

    @on(OptionList.OptionSelected, "#add-routine-list")
    def choose_existing(self, event: OptionList.OptionSelected) -> None:
        """Enter on a routine adds to it."""
        routine = next(r for r in self.routines if r.id == event.option.id)
        self.answer(RoutineChoice(routine.id, routine.name, new=False))

    @on(Input.Submitted, "#add-routine-name")
    def choose_new(self, event: Input.Submitted) -> None:
        """Enter on a name starts a new routine with it."""
        name = " ".join(event.value.split())
        if not name:
            self.notify("Type a name for the new routine first.", severity="warning")
            return
        existing = next((r for r in self.routines if r.name.casefold() == name.casefold()), None)
        if existing is not None:
            # The same name as a routine the user has: they mean that one.
            self.answer(RoutineChoice(existing.id, existing.name, new=False))
            return
        self.answer(RoutineChoice(new_routine_id(self.state.paths, name), name, new=True))

    def action_cancel(self) -> None:
        """Close without adding."""
        self.answer(None)


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"
