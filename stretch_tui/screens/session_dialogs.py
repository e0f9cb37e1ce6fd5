"""The small questions around a session, each answered with one key.

- `PreSessionCheckDialog`: a routine holds exercises that may not suit the person; skip them?
- `ResumeDialog`: a session was cut off (a dropped connection); go on with it, or discard it?
- `SymptomDialog`: after an extension or flexion exercise, where did leg symptoms go?
- `HurtDialog`: an exercise hurt and was stopped; leave it out of future recommended routines?

The quit question uses the shared `ConfirmDialog`.
"""

from __future__ import annotations

from typing import ClassVar, Generic, Literal, TypeVar, cast, get_args

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from stretch_tui.domain.history import Symptom
from stretch_tui.domain.session_check import PreSessionCheck
from stretch_tui.screens.base import StretchModal
from stretch_tui.widgets.hanging_list import hanging_list

CheckChoice = Literal["skip", "keep"]
"""What to do with the items the pre-session check names."""
ResumeChoice = Literal["resume", "discard"]
"""What to do with a session cut off earlier."""
ChoiceT = TypeVar("ChoiceT", bound=str)


_DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 100%; height: auto; max-height: 100%;
    border: thick $accent; background: $surface; padding: 1 2;
}}
{name} .dialog-title {{ text-style: bold; color: $text-accent; }}
{name} .dialog-buttons {{ height: auto; margin-top: 1; }}
{name} .dialog-buttons Button {{ min-width: 12; }}
"""


class _ChoiceDialog(StretchModal[ChoiceT | None], Generic[ChoiceT]):
    """A dialog answered with one of `CHOICES`, from a key (`choose('...')`) or a button
    whose id is `<BUTTON_PREFIX>-<choice>`; anything else (esc) answers None."""

    CHOICES: ClassVar[tuple[str, ...]] = ()
    BUTTON_PREFIX: ClassVar[str] = ""

    def action_choose(self, choice: str) -> None:
        """Close with `choice` ("" or an unknown one means None)."""
        self.answer(self._choice(choice))

    @on(Button.Pressed)
    def choose_from_button(self, event: Button.Pressed) -> None:
        """The buttons do what their keys do."""
        self.answer(self._choice((event.button.id or "").removeprefix(f"{self.BUTTON_PREFIX}-")))

    def _choice(self, choice: str) -> ChoiceT | None:
        return cast("ChoiceT", choice) if choice in self.CHOICES else None


class PreSessionCheckDialog(_ChoiceDialog[CheckChoice]):
    """Lists the routine's items that may not suit the person, each with every reason, and
    offers to skip them (the default), keep them, or not start.

    Dismisses with `skip`, `keep`, or None (do not start).
    """

    DEFAULT_CSS = (
        _DIALOG_CSS.format(name="PreSessionCheckDialog")
        + """
    PreSessionCheckDialog > Vertical { width: 90; }
    PreSessionCheckDialog #check-items { height: auto; max-height: 14; }
    """
    )
    CHOICES = get_args(CheckChoice)
    BUTTON_PREFIX = "check"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter", "choose('skip')", "Skip them", id="check.skip"),
        Binding("k", "choose('keep')", "Keep them", id="check.keep"),
        Binding("escape", "choose('')", "Do not start", id="check.cancel"),
    ]

    def __init__(self, check: PreSessionCheck) -> None:
        super().__init__()
        self.check = check

    def compose(self) -> ComposeResult:
        flagged = self.check.flagged
        count = len(flagged)
        rows: list[tuple[str, Text]] = []
        for item in flagged:
            rows.append(("", Text(item.name, style="bold")))
            rows += [("-", Text(warning.why)) for warning in item.warnings]
        kept = len(self.check.routine.items) - count
        with Vertical():
            yield Static(
                f"Before you start {self.check.routine.name}: "
                f"{count} exercise{'s' if count != 1 else ''} may not suit you",
                classes="dialog-title",
                markup=False,
            )
            with VerticalScroll(id="check-items"):
                yield Static(hanging_list(rows))
            yield Static(
                f"Skip them and do the other {kept} (recommended), or keep them if a "
                "clinician has told you they are fine for you."
                if kept
                else "Skipping them leaves nothing to do; keep them only if a clinician has "
                "told you they are fine for you.",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Skip them (s)", variant="primary", id="check-skip")
                yield Button("Keep them (k)", id="check-keep")
                yield Button("Do not start (esc)", id="check-cancel")


class ResumeDialog(_ChoiceDialog[ResumeChoice]):
    """A session was cut off: resume it where it stopped (r, the default), or discard it
    (d: it goes to history as interrupted). Dismisses with `resume`, `discard`, or None
    (esc: decide later; it is asked again at the next start)."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ResumeDialog")
    CHOICES = get_args(ResumeChoice)
    BUTTON_PREFIX = "resume"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,enter", "choose('resume')", "Resume", id="resume.resume"),
        Binding("d", "choose('discard')", "Discard", id="resume.discard"),
        Binding("escape", "choose('')", "Later", id="resume.later"),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("A session was cut off", classes="dialog-title")
            yield Static(f"Resume {self.summary}", id="resume-summary", markup=False)
            yield Static(
                "It goes on where it stopped, after a few seconds to get into position. "
                "Discarding keeps what you did in your history, as interrupted.",
                classes="muted",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", variant="primary", id="resume-resume")
                yield Button("Discard (d)", id="resume-discard")
                yield Button("Later (esc)", id="resume-later")


class SymptomDialog(StretchModal[Symptom | None]):
    """Where did leg symptoms go after the exercise? Dismisses with a `Symptom` or None."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="SymptomDialog")
    # No button has focus, so a stray enter never answers for the person.
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "answer('better')", "Better", id="symptom.better"),
        Binding("s", "answer('same')", "Same", id="symptom.same"),
        Binding("w", "answer('worse')", "Worse", id="symptom.worse"),
        Binding("escape", "answer('')", "No leg symptoms / skip", id="symptom.skip"),
    ]

    def __init__(self, exercise_name: str) -> None:
        super().__init__()
        self._exercise_name = exercise_name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"After {self._exercise_name}", classes="dialog-title", markup=False)
            yield Static(
                "Pain, tingling or numbness in the leg: where is it now?\n\n"
                "  b  better: it moved toward the back or eased\n"
                "  s  the same\n"
                "  w  worse: it spread further down the leg\n\n"
                "No leg symptoms? Press esc.",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Better (b)", id="symptom-better")
                yield Button("Same (s)", id="symptom-same")
                yield Button("Worse (w)", variant="warning", id="symptom-worse")

    def action_answer(self, answer: str) -> None:
        """Close with the answer ("" means not answered)."""
        self.answer(_symptom(answer))

    @on(Button.Pressed)
    def answer_from_button(self, event: Button.Pressed) -> None:
        """The buttons do what their keys do."""
        self.answer(_symptom((event.button.id or "").removeprefix("symptom-")))


def _symptom(answer: str) -> Symptom | None:
    match answer:
        case "better":
            return "better"
        case "same":
            return "same"
        case "worse":
            return "worse"
        case _:
            return None


class HurtDialog(StretchModal[bool]):
    """An exercise hurt and was stopped: leave it out of future recommended routines?

    Dismisses with True (leave it out) or False.
    """

    DEFAULT_CSS = _DIALOG_CSS.format(name="HurtDialog")
    # No button has focus: leaving an exercise out takes a deliberate y.
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Leave it out", id="hurt.leave_out"),
        Binding("n,escape", "answer(False)", "Keep it", id="hurt.keep"),
    ]

    def __init__(self, exercise_name: str, already_left_out: bool = False) -> None:
        super().__init__()
        self._exercise_name = exercise_name
        self._already = already_left_out

    def compose(self) -> ComposeResult:
        name = self._exercise_name
        with Vertical():
            yield Static(f"{name} stopped", classes="dialog-title", markup=False)
            if self._already:
                question = f"{name} is already left out of recommended routines."
            else:
                question = (
                    f"Leave {name} out of future recommended routines? You can put it back "
                    "in the library at any time."
                )
            yield Static(
                "Sharp pain is a stop sign, so this exercise is over for today and recorded "
                f"as hurt. The session goes on with the next exercise.\n\n{question}",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                if not self._already:
                    yield Button("Leave it out (y)", variant="primary", id="hurt-yes")
                yield Button("Keep it (n)" if not self._already else "Go on (n)", id="hurt-no")

    def action_answer(self, leave_out: bool) -> None:
        """Close with the answer."""
        self.answer(leave_out and not self._already)

    @on(Button.Pressed, "#hurt-yes")
    def leave_out_from_button(self) -> None:
        """The leave-out button."""
        self.answer(True)

    @on(Button.Pressed, "#hurt-no")
    def keep_from_button(self) -> None:
        """The keep button."""
        self.answer(False)
