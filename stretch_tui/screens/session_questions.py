"""The questions a running session asks, one at a time (docs/product.md 6).

During a session several questions can come due at once: a leg-symptom question when an
extension or flexion exercise ends, "leave it out?" after "it hurts", "stop the session?"
after q. `QuestionQueue` opens them one after another over the runner, and the session's
clock waits while one is open (the person is reading, not stretching). The dialogs are in
`session_dialogs` (and the shared `ConfirmDialog`); what an answer does is up to whoever
asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App

from stretch_tui.domain.session_clock import SessionClock
from stretch_tui.screens.base import StretchModal

AnswerT = TypeVar("AnswerT")
"""What a question is answered with."""


class QuestionQueue:
    """Opens queued questions one at a time over the session and pauses `clock` while one
    waits (unless it was paused already).

    `redraw` redraws the runner (after a pause and after every answer); `when_idle` runs whenever
    no question is open or waiting (to go on to the pain question after the end).
    """

    def __init__(
        self,
        app: App[Any],
        clock: SessionClock,
        *,
        redraw: Callable[[], None],
        when_idle: Callable[[], None],
    ) -> None:
        self._app = app
        self._clock = clock
        self._redraw = redraw
        self._when_idle = when_idle
        self._waiting: list[tuple[StretchModal[Any], Callable[[Any], None]]] = []
        self._open = False

    @property
    def is_open(self) -> bool:
        """True while a question is on screen."""
        return self._open

    def ask(
        self,
        dialog: StretchModal[AnswerT],
        answered: Callable[[AnswerT | None], None],
        *,
        first: bool = False,
    ) -> None:
        """Queue `dialog`; `answered` gets its answer. `first` puts it ahead of the others
        (the person's own keys, h and q, go before the clock's questions). Call `next` to
        open it when nothing else is open."""
        if first:
            self._waiting.insert(0, (dialog, answered))
        else:
            self._waiting.append((dialog, answered))

    def next(self) -> None:
        """Open the next waiting question; with none open or waiting, run `when_idle`."""
        if self._open:
            return
        if not self._waiting:
            self._when_idle()
            return
        dialog, answered = self._waiting.pop(0)
        self._open = True
        clock = self._clock
        paused_here = not clock.is_paused and not clock.is_finished
        if paused_here:
            # The question waits for the person, so the step does too.
            clock.pause()
            self._redraw()

        def closed(result: object) -> None:
            self._open = False
            if paused_here and clock.is_paused:
                clock.resume()
            answered(result)  # may queue or open the next question
            self.next()
            self._redraw()

        self._app.push_screen(dialog, closed)
