"""Who the user is to the app: screening results, function activities and ratings (DESIGN 4)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final, Literal

from attrs import evolve, field, frozen

Tier = Literal["none", "soon", "urgent", "emergency"]
"""How urgent the red-flag answers are (DESIGN 4.1); `none` when every answer was no."""

TIERS: Final[tuple[Tier, ...]] = ("none", "soon", "urgent", "emergency")
"""Every tier, least urgent first."""

Responder = Literal["extension", "flexion", "unclear"]
"""The directional-preference result (DESIGN 4.2)."""

MAX_ACTIVITIES: Final = 3
"""Activities the function score follows (DESIGN 4.3)."""

RATING_RANGE: Final = (0, 10)
"""A function rating: 0 (cannot) to 10 (as before)."""


@frozen
class ScreeningRecord:
    """One completed screening: the answers and what they mean."""

    date: datetime
    """When it was taken, with the UTC offset of the moment."""
    answers: Mapping[str, bool] = field(factory=dict, hash=False)
    """Question id to yes (True) or no."""
    tier: Tier = "none"
    flags: tuple[str, ...] = ()
    """Ids of the red-flag questions answered yes."""
    responder: Responder | None = None
    """None when a red flag ended the screening before the directional questions."""
    extension_score: int = 0
    """Signs of an extension responder that were present."""
    flexion_score: int = 0
    """Signs of a flexion responder that were present."""


@frozen
class FunctionActivity:
    """An activity the back makes hard, named by the user (e.g. "putting on socks")."""

    name: str


@frozen
class FunctionRating:
    """One weekly rating of the activities, in the order of `Profile.activities`."""

    date: datetime
    scores: tuple[int, ...]
    """Each 0 (cannot) to 10 (as before)."""

    @property
    def average(self) -> float | None:
        """The mean score, or None when nothing was rated."""
        return sum(self.scores) / len(self.scores) if self.scores else None


@frozen
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
        return evolve(self, screening=new, earlier_screenings=earlier, assessed_confirmed_at=None)
