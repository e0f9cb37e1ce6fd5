"""The cues a session plays (docs/product.md 6), each with its sound file in `sounds/`."""

from __future__ import annotations

from enum import Enum


class Cue(Enum):
    """A moment in a session that is signalled by a sound (and shown on screen by the runner).

    The value is the cue's name in the player protocol and the stem of its WAV file.
    """

    START = "start"
    """A step starts."""
    SWITCH = "switch"
    """Time to switch to the other side."""
    TICK = "tick"
    """One of the last seconds of a step (optional, `tick_last_seconds`)."""
    END = "end"
    """A step ends."""
    SESSION_DONE = "session-done"
    """The whole session is done."""

    @property
    def file_name(self) -> str:
        """The cue's WAV file in the shipped `sounds/` folder."""
        return f"{self.value}.wav"

    @property
    def label(self) -> str:
        """A short name for people: the runner's visual cue and `sound-test` use it."""
        return _LABELS[self]


_LABELS = {
    Cue.START: "Start",
    Cue.SWITCH: "Switch sides",
    Cue.TICK: "Tick",
    Cue.END: "End",
    Cue.SESSION_DONE: "Session done",
}
