"""Who the user is to the app: screening results, function activities and ratings
(docs/product.md 4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Final, Literal

Tier = Literal["none", "soon", "urgent", "emergency"]
"""How urgent the red-flag answers are (docs/product.md 4.1); `none` when every answer was no."""

TIERS: Final[tuple[Tier, ...]] = ("none", "soon", "urgent", "emergency")
"""Every tier, least urgent first."""

Responder = Literal["extension", "flexion", "unclear"]
"""The directional-preference result (docs/product.md 4.2)."""

MAX_ACTIVITIES: Final = 3
"""Activities the function score follows (docs/product.md 4.3)."""

RATING_RANGE: Final = (0, 10)
"""A function rating: 0 (cannot) to 10 (as before)."""


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """One screening: the warning-sign answers and their tier, and the movement result.

    The two parts have their own dates: the warning signs are asked again before a session
    when they are old or the questions changed (docs/product.md 4.1), and answering only them keeps
    the movement result of before.
    """

    date: datetime
    """When the warning-sign questions were answered, with the UTC offset of the moment;
    `answers`, `tier`, `flags` and `questionnaire_version` belong to it."""
    answers: Mapping[str, bool] = field(default_factory=dict, hash=False)
    """Warning-sign question id to yes (True) or no."""
    tier: Tier = "none"
    flags: tuple[str, ...] = ()
    """Ids of the red-flag questions answered yes."""
    questionnaire_version: int = 1
    """The version of the questionnaire the warning signs were answered with. A record that
    does not say is from the first one, so a changed questionnaire asks again."""
    responder: Responder | None = None
    """None when the movement questions were not answered (a red flag ended the screening,
    or only the warning signs were asked)."""
    extension_score: int = 0
    """Signs of an extension responder that were present."""
    flexion_score: int = 0
    """Signs of a flexion responder that were present."""
    movement_answers: Mapping[str, bool] = field(default_factory=dict, hash=False)
    """Movement question id to yes (True) or no."""
    movement_date: datetime | None = None
    """When the movement questions behind `responder` were answered; None when it is `date`
    (or they never were)."""

    @property
    def responder_date(self) -> datetime | None:
        """When the movement result was found; None without one."""
        if self.responder is None:
            return None
        return self.movement_date or self.date


@dataclass(frozen=True, slots=True)
class FunctionActivity:
    """An activity the back makes hard, named by the user (e.g. "putting on socks")."""

    name: str


@dataclass(frozen=True, slots=True)
class FunctionRating:
    """One weekly rating of the activities, in the order of `Profile.activities`."""

    date: datetime
    scores: tuple[int, ...]
    """Each 0 (cannot) to 10 (as before)."""

    @property
    def average(self) -> float | None:
        """The mean score, or None when nothing was rated."""
        return sum(self.scores) / len(self.scores) if self.scores else None


@dataclass(frozen=True, slots=True)
class Profile:
    """The screening result with its history, and the function score's activities and ratings."""

    screening: ScreeningRecord | None = None
    """The latest screening; None before the first."""
    assessed_confirmed_at: datetime | None = None
    """When the user confirmed "I have been assessed" for an `urgent` result."""
    earlier_screenings: tuple[ScreeningRecord, ...] = ()
    """Older screenings, newest first."""
    activities: tuple[FunctionActivity, ...] = ()
    """Up to `MAX_ACTIVITIES`."""
    function_ratings: tuple[FunctionRating, ...] = ()
    """Oldest first."""

    @property
    def responder(self) -> Responder | None:
        """The latest directional-preference result; None when never screened."""
        return self.screening.responder if self.screening is not None else None

    @property
    def tier(self) -> Tier:
        """The latest red-flag tier; `none` when never screened."""
        return self.screening.tier if self.screening is not None else "none"

    def replace_screening(self, new: ScreeningRecord) -> Profile:
        """The profile with `new` as the latest screening and the old one kept as the newest
        earlier screening.

        The urgent tier's "I have been assessed" confirmation belonged to the old result, so it
        is cleared.
        """
        earlier = self.earlier_screenings
        if self.screening is not None:
            earlier = (self.screening, *earlier)
        return replace(self, screening=new, earlier_screenings=earlier, assessed_confirmed_at=None)
