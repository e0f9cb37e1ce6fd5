"""Waiting on the app's own state in Pilot tests, never for a fixed time on the wall clock.

A fixed `pilot.pause(0.2)` is too short on a loaded machine and wasted time on an idle one.
These let the app run turn by turn until what the test waits for has happened, and fail with
a clear message if it never does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

TURNS = 500
"""Turns of the app's event loop to wait at most (each is a `pilot.pause()`, 20 ms or more
when the app is idle: ten seconds or more in all, far beyond what any test waits for)."""


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], what: str, turns: int = TURNS
) -> None:
    """Let the app run until `condition()` holds; fail, naming `what`, after `turns` turns."""
    for _ in range(turns):
        if condition():
            return
        await pilot.pause()
    assert condition(), f"timed out waiting until {what}"


async def let_a_timer_fire(pilot: Pilot[Any], interval: float, times: int = 3) -> None:
    """Let the app run until a timer of `interval` seconds of its own has fired `times` times.

    For a test that something does NOT happen on a timer (a paused animation stays put): a
    timer at the same pace, started now, proves enough time went by for it to have happened.
    """
    fired = 0

    def count() -> None:
        nonlocal fired
        fired += 1

    timer = pilot.app.set_interval(interval, count)
    try:
        await wait_until(pilot, lambda: fired >= times, f"a {interval} s timer fired {times} times")
    finally:
        timer.stop()
