"""Small helpers of the session tests: a fake clock and quick routines."""

from __future__ import annotations

from stretch_tui.domain.routine import Routine, RoutineItem


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def routine_of(
    *items: str | RoutineItem, rest: int | None = 10, lead_in: int | None = 5
) -> Routine:
    """A routine of those exercises (ids or items), with explicit timings."""
    return Routine(
        id="test",
        name="Test",
        items=tuple(RoutineItem(item) if isinstance(item, str) else item for item in items),
        lead_in_seconds=lead_in,
        rest_seconds=rest,
    )
