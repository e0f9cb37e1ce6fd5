"""Screening: red flags, then directional preference, then function activities (docs/product.md 4).

One question at a time, answered from the keyboard. Nothing is saved until the last answer;
then the result is saved through the app state and explained on a result page.

Opened with `before_session=True`, it asks only the warning signs, as every way to start a
session must when `red_flags_due` gives a reason, and dismisses with True when the session may
go on (see `ScreeningScreen`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Header, Input, Static

from stretch_tui.domain.profile import FunctionActivity, FunctionRating, ScreeningRecord
from stretch_tui.domain.screening import (
    DirectionQuestion,
    Questionnaire,
    QuestionnaireError,
    RedFlagQuestion,
    confirm_assessed,
    format_date,
    is_assessed,
    load_questionnaire,
    red_flags_due,
)
from stretch_tui.screens.base import StretchScreen
from stretch_tui.screens.dialogs import ConfirmDialog
from stretch_tui.screens.notice import SELF_CARE_NOTICE
from stretch_tui.screens.screening_result import red_flag_result, responder_result
from stretch_tui.widgets.enter_moves_on import EnterMovesOn
from stretch_tui.widgets.key_footer import KeyFooter

Page = Literal["question", "function", "result"]

Question = RedFlagQuestion | DirectionQuestion


def now() -> datetime:
    """The current moment with the local UTC offset; tests replace it to fix the date."""
    return datetime.now().astimezone()


class ScreeningScreen(StretchScreen):
    """The questionnaire, one question at a time, ending on a result page.

    `ScreeningScreen(before_session=True)` is the check before a session: it says why at the
    top (`before_session` itself when it is a text, the reason `red_flags_due` gave; else what
    `red_flags_due` says now), asks only the warning signs, keeps the
    movement result of before, and dismisses with True when the session may go on: at once
    when no sign was answered yes, or from a "soon" result page by its "go on" key. It
    dismisses with False when the user leaves, or closes an emergency or urgent result page.
    """

    CSS_PATH = "screening.tcss"
    TITLE = "Screening"
    # No answer is pre-selected: enter alone must never answer a red flag. ("" because None
    # would fall back to the app's "focus the first widget".)
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="screening.yes"),
        Binding("n", "answer(False)", "No", id="screening.no"),
        Binding("left", "choose('yes')", "Choose yes", show=False, id="screening.choose_yes"),
        Binding("right", "choose('no')", "Choose no", show=False, id="screening.choose_no"),
        Binding("b,backspace", "back", "Back", id="screening.back"),
        Binding("a", "assessed", "I have been assessed", id="screening.assessed"),
        Binding("c", "continue", "Continue to the movement questions", id="screening.continue"),
        Binding("enter", "done", "Done", id="screening.done"),
        # The same key on a "soon" result before a session (help lists the first, Done).
        Binding("enter", "go_on", "Go on to the session", id="screening.go_on"),
        Binding("escape", "leave", "Leave", id="screening.leave"),
    ]

    def __init__(self, before_session: bool | str = False) -> None:
        # Its own id: the full screening may be open under it (each id is open once).
        super().__init__(id="screening-before-session" if before_session else "screening")
        self._before_session = bool(before_session)
        self._reason = before_session if isinstance(before_session, str) else None
        self._questionnaire: Questionnaire | None = None
        self._load_error = ""
        self._continuing = False
        """True once a "soon" result went on to the movement questions."""
        self._finishing = False
        """True from the last answer on: a key typed after it must not answer again."""
        self._session_answered = False
        """True once the check before a session was dismissed."""
        try:
            self._questionnaire = load_questionnaire()
        except (QuestionnaireError, FileNotFoundError) as error:
            self._load_error = str(error)
        self._questions: list[Question] = []
        if self._questionnaire is not None:
            self._questions = [*self._questionnaire.red_flags]
            if not before_session:
                self._questions += self._questionnaire.directions
        self._index = 0
        self._answers: dict[str, bool] = {}
        self._page: Page = "question"
        self.record: ScreeningRecord | None = None
        """The finished screening, once the result page shows."""

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        if self._questionnaire is None:
            yield Static(
                "The screening questionnaire could not be read, so the screening cannot run.",
                classes="screening-error",
            )
            yield Static(self._load_error, markup=False, classes="muted")
            yield KeyFooter()
            return
        with ContentSwitcher(initial="question-page", id="screening-pages"):
            with Vertical(id="question-page"):
                reason = Static(self._why_asked(), id="screening-reason", markup=False)
                reason.display = bool(reason.content)
                yield reason
                yield Static("", id="question-part", classes="section-title")
                yield Static("", id="question-progress", classes="muted")
                yield Static("", id="question-text", markup=False)
                yield Static("", id="question-previous", classes="muted")
                with Horizontal(id="question-buttons"):
                    yield Button("Yes (y)", id="yes")
                    yield Button("No (n)", id="no")
                yield Static(
                    "y yes   n no   left/right then enter   b back   esc leave without saving",
                    id="question-keys",
                    classes="muted",
                )
            yield self._function_page(self._questionnaire)
            yield VerticalScroll(id="result-page")
        yield KeyFooter()

    def _function_page(self, questionnaire: Questionnaire) -> Widget:
        settings = questionnaire.function
        low, high = settings.scale_min, settings.scale_max
        known = [activity.name for activity in self.state.profile.activities]
        rows: list[Widget] = []
        for row in range(settings.max_activities):
            rows.append(
                Horizontal(
                    EnterMovesOn(
                        self._enter_in,
                        known[row] if row < len(known) else "",
                        placeholder=f"activity {row + 1}, e.g. {_example(settings.examples, row)}",
                        id=f"activity-{row}",
                        classes="activity-name",
                    ),
                    EnterMovesOn(
                        self._enter_in,
                        placeholder=f"{low}-{high}",
                        type="integer",
                        max_length=len(str(high)),
                        id=f"rating-{row}",
                        classes="activity-rating",
                    ),
                    classes="activity-row",
                )
            )
        return VerticalScroll(
            Static("Part 3 of 3 · Everyday activities (optional)", classes="section-title"),
            Static(settings.prompt, markup=False),
            Static(
                f"Rate each from {low} ({settings.scale_min_label}) "
                f"to {high} ({settings.scale_max_label}).",
                markup=False,
                classes="muted",
            ),
            *rows,
            Static("", id="function-error"),
            Horizontal(
                Button("Continue", variant="primary", id="function-continue"),
                Button("Skip this part", id="function-skip"),
                Button("Back", id="function-back"),
                id="function-buttons",
            ),
            Static(
                "enter moves on; an empty name finishes   tab reaches the buttons",
                classes="muted",
            ),
            id="function-page",
        )

    def _why_asked(self) -> str:
        """The line above the questions: why the warning signs are asked now, if they must."""
        if self._before_session:
            return (
                self._reason
                or red_flags_due(self.state.profile, now(), self._questionnaire)
                or "Before your session: a few questions about warning signs."
            )
        if self.state.profile.screening is None:
            return ""  # a first screening needs no reason
        return red_flags_due(self.state.profile, now(), self._questionnaire) or ""

    def on_mount(self) -> None:
        """Show the first question."""
        if self._questionnaire is not None:
            self._show_question()

    # --- which keys work where ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer each key only on the page where it means something."""
        if self._questionnaire is None:
            return action == "leave"
        if action in ("answer", "choose"):
            return self._page == "question" and not self._finishing
        if action == "back":
            return self._page == "function" or (self._page == "question" and self._index > 0)
        if action == "go_on":
            return self._page == "result" and self._goes_on_to_session()
        if action == "done":
            return self._page == "result" and not self._goes_on_to_session()
        if action == "continue":
            return self._page == "result" and self._may_continue()
        if action == "assessed":
            return (
                self._page == "result"
                and self.record is not None
                and self.record.tier == "urgent"
                and not is_assessed(self.state.profile)
            )
        return True

    def _set_page(self, page: Page) -> None:
        self._page = page
        self.query_one(ContentSwitcher).current = f"{page}-page"
        self.refresh_bindings()

    # --- the yes/no questions -----------------------------------------------------------------

    @property
    def _red_flag_count(self) -> int:
        return len(self._questionnaire.red_flags) if self._questionnaire else 0

    def _show_question(self) -> None:
        question = self._questions[self._index]
        red_flags = self._red_flag_count
        if isinstance(question, RedFlagQuestion):
            part = "Warning signs" if self._before_session else "Part 1 of 3 · Warning signs"
            number, total = self._index + 1, red_flags
        else:
            part = "Part 2 of 3 · How movement changes your pain"
            number, total = self._index - red_flags + 1, len(self._questions) - red_flags
        self.query_one("#question-part", Static).update(part)
        self.query_one("#question-progress", Static).update(f"Question {number} of {total}")
        self.query_one("#question-text", Static).update(question.text)
        previous = self._answers.get(question.id)
        self.query_one("#question-previous", Static).update(
            "" if previous is None else f"Your answer was: {'yes' if previous else 'no'}"
        )
        self._set_page("question")
        # Revisiting keeps the earlier answer under the cursor; a new question has none.
        if previous is None:
            self.set_focus(None)
        else:
            self.query_one("#yes" if previous else "#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Answer the current question and move on."""
        if self._finishing:
            return  # the buttons answer too, and are not covered by check_action
        question = self._questions[self._index]
        self._answers[question.id] = yes
        last_red_flag = self._index == self._red_flag_count - 1
        if last_red_flag and (self._before_session or self._red_flag_answers_any_yes()):
            # Every warning sign is asked before stopping, so the record holds them all.
            self._finish(function=None)
        elif self._index == len(self._questions) - 1:
            self._set_page("function")
            self.set_focus(self.query_one("#activity-0", Input))
        else:
            self._index += 1
            self._show_question()

    def action_choose(self, button_id: str) -> None:
        """Put the cursor on the yes or the no button (enter then presses it)."""
        self.query_one(f"#{button_id}", Button).focus()

    @on(Button.Pressed, "#yes")
    def answer_yes_from_button(self) -> None:
        """The yes button answers yes."""
        self.action_answer(True)

    @on(Button.Pressed, "#no")
    def answer_no_from_button(self) -> None:
        """The no button answers no."""
        self.action_answer(False)

    def action_back(self) -> None:
        """Go back one question (from the activities, to the last question)."""
        if self._page == "function":
            self._show_question()
        elif self._page == "question" and self._index > 0:
            self._index -= 1
            self._show_question()

    @on(Button.Pressed, "#function-back")
    def back_from_function_page(self) -> None:
        """The activities page's back button."""
        self.action_back()

    def _red_flag_answers_any_yes(self) -> bool:
        return self._questionnaire is not None and any(
            self._answers.get(q.id) for q in self._questionnaire.red_flags
        )

    def action_leave(self) -> None:
        """Leave the screen; before the result page nothing has been saved. Before a session,
        leaving means not going on to it."""
        if self._before_session:
            self._close(False)
        else:
            self.leave()

    # --- the function activities --------------------------------------------------------------

    def _enter_in(self, field: Input) -> None:
        """Enter on a name goes to its rating (on an empty name it finishes the page); enter
        on a rating goes to the next name, or finishes after the last one."""
        if self._questionnaire is None:
            return
        row = _row_of(field)
        if field.has_class("activity-name"):
            if not field.value.strip():
                self.submit_activities()
                return
            target = f"#rating-{row}"
        elif row + 1 < self._questionnaire.function.max_activities:
            target = f"#activity-{row + 1}"
        else:
            self.submit_activities()
            return
        # Screen.set_focus, not Widget.focus: the latter waits its turn in the queue, and a
        # key typed straight after enter would land in the field being left.
        self.set_focus(self.query_one(target, Input))

    @on(Input.Changed, ".activity-name, .activity-rating")
    def clear_activity_problem(self) -> None:
        """An edit answers the last complaint about the activities; hide it."""
        self.query_one("#function-error", Static).update("")

    @on(Button.Pressed, "#function-continue")
    def submit_activities(self) -> None:
        """Check the activities and their ratings, then finish the screening."""
        try:
            activities = self._read_activities()
        except ValueError as problem:
            self.query_one("#function-error", Static).update(str(problem))
            return
        self._finish(function=activities)

    @on(Button.Pressed, "#function-skip")
    def skip_activities(self) -> None:
        """Finish without rating any activity (the ones saved before are kept)."""
        self._finish(function=None)

    def _read_activities(self) -> list[tuple[str, int]] | None:
        """The named and rated activities; None when none were named; ValueError if half done."""
        assert self._questionnaire is not None
        settings = self._questionnaire.function
        rows: list[tuple[str, int]] = []
        for row in range(settings.max_activities):
            name = self.query_one(f"#activity-{row}", Input).value.strip()
            rating_text = self.query_one(f"#rating-{row}", Input).value.strip()
            if not name and not rating_text:
                continue
            if not name:
                raise ValueError(f"Name the activity you rated {rating_text}, or clear the rating.")
            try:
                rating = int(rating_text)
            except ValueError:
                rating = -1
            if not settings.scale_min <= rating <= settings.scale_max:
                raise ValueError(
                    f'Rate "{name}" from {settings.scale_min} to {settings.scale_max}, '
                    "clear its name, or choose Skip."
                )
            rows.append((name, rating))
        return rows or None

    # --- finishing and the result page --------------------------------------------------------

    def _finish(self, function: list[tuple[str, int]] | None) -> None:
        """Build the record, save the profile, and show the result."""
        assert self._questionnaire is not None
        self._finishing = True
        moment = now()
        answers = dict(self._answers)
        if self._red_flag_answers_any_yes() and not self._continuing:
            # Going back into the red flags from later questions can leave answers that were
            # never part of this (stopped) screening.
            answers = self._questionnaire.red_flag_answers(answers)
        if self._before_session:
            # Only the warning signs were asked: the movement result of before stays.
            record = self._questionnaire.red_flag_record(
                answers, moment, self.state.profile.screening
            )
        else:
            record = self._questionnaire.record(answers, moment)
        if self._continuing:
            # The same screening, completed: it replaces the "soon" record saved a moment ago
            # rather than pushing that one into the earlier screenings.
            profile = replace(self.state.profile, screening=record)
        else:
            profile = self.state.profile.replace_screening(record)
        if function is not None:
            profile = replace(
                profile,
                activities=tuple(FunctionActivity(name) for name, _ in function),
                function_ratings=(
                    *profile.function_ratings,
                    FunctionRating(moment, tuple(score for _, score in function)),
                ),
            )
        saved = self.state.save_profile(profile)
        self.stretch_app.report_notices()
        self.record = record
        if self._before_session and record.tier == "none":
            self._close(True)  # nothing to say: straight on to the session
            return
        # The page is rebuilt; the old widgets must be gone before the new ones (same ids) mount.
        self.call_later(self._show_result, record, function or [], saved)

    async def _show_result(
        self, record: ScreeningRecord, function: list[tuple[str, int]], saved: bool
    ) -> None:
        assert self._questionnaire is not None
        page = self.query_one("#result-page", VerticalScroll)
        await page.remove_children()
        widgets: list[Widget] = []
        if record.tier != "none":
            widgets += red_flag_result(self._questionnaire, record, self._goes_on_to_session())
        if not self._before_session and (record.tier == "none" or record.responder is not None):
            widgets += responder_result(
                self._questionnaire,
                record,
                function,
                self.state.catalog.exercises.values(),
                self.state.preferences,
            )
        when = format_date(record.date)
        widgets.append(
            Static(
                f"Recorded on {when}."
                if saved
                else f"Screening of {when}: it could not be saved (see the message).",
                classes="muted result-recorded",
            )
        )
        widgets.append(Static(SELF_CARE_NOTICE, classes="notice", id="result-notice"))
        buttons: list[Widget] = []
        if record.tier == "urgent":
            buttons.append(
                Button(
                    "I have been assessed by a clinician (a)",
                    variant="warning",
                    id="assessed",
                )
            )
        if self._may_continue():
            buttons.append(
                Button("Continue to the movement questions (c)", variant="primary", id="continue")
            )
        if self._goes_on_to_session():
            buttons.append(Button("Go on to the session (enter)", variant="primary", id="done"))
            buttons.append(Button("Not now (esc)", id="not-now"))
        else:
            buttons.append(Button("Done (enter)", variant="primary", id="done"))
        widgets.append(Horizontal(*buttons, id="result-buttons"))
        await page.mount_all(widgets)
        self._set_page("result")
        page.scroll_home(animate=False)
        page.focus()

    def _may_continue(self) -> bool:
        """A "soon" sign allows gentle exercise, so the movement questions may still follow."""
        return (
            not self._before_session
            and self.record is not None
            and self.record.tier == "soon"
            and self.record.responder is None
            and not self._continuing
        )

    def _goes_on_to_session(self) -> bool:
        """Before a session, a "soon" result lets it go on (gentle exercise may continue)."""
        return self._before_session and self.record is not None and self.record.tier == "soon"

    def action_continue(self) -> None:
        """Go on from a "soon" result to the movement questions of the same screening."""
        if not self._may_continue():
            return
        self._continuing = True
        self._finishing = False
        self._index = self._red_flag_count
        self._show_question()

    @on(Button.Pressed, "#continue")
    def continue_from_button(self) -> None:
        """The continue button of a "soon" result."""
        self.action_continue()

    def action_done(self) -> None:
        """Close the result page; before a session, go on to it when the result allows."""
        if self._before_session:
            self._close(self._goes_on_to_session())
        else:
            self.leave()

    def _close(self, go_on: bool) -> None:
        """Dismiss the check before a session with whether the session may go on, once: a
        second key press in the same moment must not pop the screen below."""
        if not self._session_answered:
            self._session_answered = True
            self.dismiss(go_on)

    def action_go_on(self) -> None:
        """Before a session, go on to it from a "soon" result."""
        self._close(True)

    @on(Button.Pressed, "#not-now")
    def not_now_from_button(self) -> None:
        """The "not now" button of a "soon" result before a session: no session."""
        self._close(False)

    @on(Button.Pressed, "#done")
    def done_from_button(self) -> None:
        """The Done button closes the result page."""
        self.action_done()

    @on(Button.Pressed, "#assessed")
    def action_assessed(self) -> None:
        """Ask, then record that a clinician has assessed the urgent signs."""
        if self.record is not None and self.record.tier == "urgent":
            ask_and_record_assessment(self, self._show_assessed)

    def _show_assessed(self, when: datetime) -> None:
        status = self.query_one("#assessed-status", Static)
        status.update(
            f"Recorded: assessed by a clinician on {format_date(when)}. Sessions are open."
        )
        status.display = True
        self.query_one("#assessed", Button).remove()
        self.query_one("#result-page", VerticalScroll).focus()
        self.refresh_bindings()


def ask_and_record_assessment(
    screen: StretchScreen, after: Callable[[datetime], None] | None = None
) -> None:
    """Ask "have you been assessed?" over `screen`; on yes, record it in the profile.

    For an urgent screening result: the result page offers it, and any screen whose session
    gate says `needs_confirmation` can offer it too. `after` gets the moment recorded.
    """
    record = screen.state.profile.screening
    since = f" since this screening on {format_date(record.date)}" if record else ""
    question = (
        f"Has a doctor or physiotherapist assessed your back{since}?\n\n"
        "Your answer is recorded, and sessions open again."
    )

    def record_answer(confirmed: bool | None) -> None:
        if not confirmed:
            return
        moment = now()
        screen.state.save_profile(confirm_assessed(screen.state.profile, moment))
        screen.stretch_app.report_notices()
        if after is not None:
            after(moment)

    screen.app.push_screen(
        ConfirmDialog(question, yes="Yes, I have been assessed", no="Not yet"), record_answer
    )


def _example(examples: Sequence[str], row: int) -> str:
    return examples[row % len(examples)] if examples else "putting on socks"


def _row_of(widget: Widget) -> int:
    return int((widget.id or "x-0").rsplit("-", 1)[1])
