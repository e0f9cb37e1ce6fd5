"""The weekly re-rating of the function activities (docs/product.md 4.3), offered on Home.

A small dialog: one 0-10 field per activity, enter moves on, and the last enter saves. The
ratings are appended to the profile as a new `FunctionRating`, so the trend keeps every week.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from stretch_tui.domain.history import now_with_offset
from stretch_tui.domain.profile import RATING_RANGE, FunctionRating, Profile
from stretch_tui.screens.base import StretchModal
from stretch_tui.widgets.enter_moves_on import EnterMovesOn

LOW_LABEL = "cannot do it"
"""What 0 means, when the questionnaire cannot be read."""
HIGH_LABEL = "as well as before the pain"
"""What 10 means, when the questionnaire cannot be read."""


def with_rating(profile: Profile, rating: FunctionRating) -> Profile:
    """The profile with `rating` added as the newest of its function ratings."""
    return replace(profile, function_ratings=(*profile.function_ratings, rating))


def parse_scores(texts: list[str], names: list[str]) -> tuple[int, ...]:
    """The scores typed for each activity; ValueError naming the first one missing or out of
    the 0-10 range."""
    low, high = RATING_RANGE
    scores = []
    for text, name in zip(texts, names, strict=True):
        try:
            score = int(text.strip())
        except ValueError:
            score = -1
        if not low <= score <= high:
            raise ValueError(f'Rate "{name}" from {low} to {high}.')
        scores.append(score)
    return tuple(scores)


class FunctionRatingDialog(StretchModal[bool]):
    """Rate each activity from 0 to 10; dismissed with True when saved, False if cancelled."""

    CSS_PATH = "function_rating.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="rating.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(id="function-rating")

    def compose(self) -> ComposeResult:
        profile = self.state.profile
        low, high = RATING_RANGE
        low_label, high_label = _scale_labels()
        last = profile.function_ratings[-1] if profile.function_ratings else None
        with Vertical(id="rating-dialog"):
            yield Static("How are your everyday activities this week?", classes="section-title")
            yield Static(
                f"Rate each from {low} ({low_label}) to {high} ({high_label}).",
                classes="muted",
            )
            for index, activity in enumerate(profile.activities):
                before = ""
                if last is not None and index < len(last.scores):
                    before = f" (last time {last.scores[index]})"
                with Horizontal(classes="rating-row"):
                    yield Static(activity.name, classes="rating-name", markup=False)
                    yield EnterMovesOn(
                        self._enter_in,
                        placeholder=f"{low}-{high}{before}",
                        type="integer",
                        max_length=len(str(high)),
                        id=f"score-{index}",
                        classes="rating-score",
                    )
            yield Static("", id="rating-error")
            with Horizontal(id="rating-buttons"):
                yield Button("Save", variant="primary", id="rating-save")
                yield Button("Cancel", id="rating-cancel")
            yield Static("enter moves on and saves after the last   esc cancels", classes="muted")

    def _enter_in(self, field: Input) -> None:
        """Enter goes to the next activity (at once, so fast typing cannot spill into the
        field being left); on the last one it saves."""
        fields = list(self.query(".rating-score").results(Input))
        position = fields.index(field)
        if position + 1 < len(fields):
            self.set_focus(fields[position + 1])
        else:
            self.save_ratings()

    @on(Input.Changed, ".rating-score")
    def clear_problem(self) -> None:
        """An edit answers the last complaint."""
        self.query_one("#rating-error", Static).update("")

    @on(Button.Pressed, "#rating-save")
    def save_ratings(self) -> None:
        """Check every score, add the rating to the profile and save it."""
        profile = self.state.profile
        names = [activity.name for activity in profile.activities]
        texts = [field.value for field in self.query(".rating-score").results(Input)]
        try:
            scores = parse_scores(texts, names)
        except ValueError as problem:
            self.query_one("#rating-error", Static).update(str(problem))
            return
        rating = FunctionRating(now_with_offset(), scores)
        saved = self.state.save_profile(with_rating(profile, rating))
        self.stretch_app.report_notices()
        if saved:
            self.notify("Ratings saved. The progress screen shows the trend.")
        self.answer(saved)

    @on(Button.Pressed, "#rating-cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.answer(False)


def _scale_labels() -> tuple[str, str]:
    from stretch_tui.domain.screening import shipped_questionnaire

    questionnaire = shipped_questionnaire()
    if questionnaire is None:
        return LOW_LABEL, HIGH_LABEL
    return questionnaire.function.scale_min_label, questionnaire.function.scale_max_label
