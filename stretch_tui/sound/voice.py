"""Spoken cues (docs/product.md 7): which recorded phrases the runner says at each moment.

The phrases are WAV files in `sounds/voice/`, rendered in the repository by
`scripts/make_voice.py` from `sounds/voice/phrases.toml` (the fixed phrases) and the shipped
catalog (one file per exercise name). A phrase is named by its file's stem: that name is also
the word the player sends to its audio process. Pure: no file is read here.
"""

from __future__ import annotations

from typing import Final

from stretch_tui.domain.session_plan import Breath, Step

VOICE_FOLDER: Final = "voice"
"""The phrases' folder inside the shipped `sounds/` folder."""

EXERCISE_PREFIX: Final = "exercise-"
"""An exercise's name is recorded as `exercise-ID.wav`."""

GET_READY: Final = "get-ready"
LEFT_SIDE: Final = "left-side"
RIGHT_SIDE: Final = "right-side"
SWITCH_TO_LEFT: Final = "switch-to-the-left-side"
SWITCH_TO_RIGHT: Final = "switch-to-the-right-side"
RELAX: Final = "relax"
BREATHE_IN: Final = "breathe-in"
BREATHE_OUT: Final = "breathe-out"
SESSION_COMPLETE: Final = "session-complete"

COUNTDOWN: Final = {3: "three", 2: "two", 1: "one"}
"""The words for the last seconds of a step, by the second shown."""

PHRASES: Final = (
    GET_READY,
    LEFT_SIDE,
    RIGHT_SIDE,
    SWITCH_TO_LEFT,
    SWITCH_TO_RIGHT,
    RELAX,
    *COUNTDOWN.values(),
    BREATHE_IN,
    BREATHE_OUT,
    SESSION_COMPLETE,
)
"""Every fixed phrase the runner can ask for; `phrases.toml` must give each one's text."""

SAMPLE_PHRASE: Final = SESSION_COMPLETE
"""The phrase `stretch-tui sound-test` speaks."""


def exercise_phrase(exercise_id: str) -> str:
    """The phrase that says an exercise's name."""
    return f"{EXERCISE_PREFIX}{exercise_id}"


def step_phrases(step: Step) -> tuple[str, ...]:
    """What is said as `step` starts: the exercise's name (and side) for work, "switch to the
    right side" (or left) for a switch, "relax" for a release or rest, "get ready" for the
    lead-in."""
    match step.kind:
        case "work":
            name = exercise_phrase(step.exercise_id)
            if step.side == "left":
                return (name, LEFT_SIDE)
            if step.side == "right":
                return (name, RIGHT_SIDE)
            return (name,)
        case "switch":
            return (SWITCH_TO_LEFT,) if step.side == "left" else (SWITCH_TO_RIGHT,)
        case "release" | "rest":
            return (RELAX,)
        case _:
            return (GET_READY,)


def breath_phrase(breath: Breath) -> str:
    """ "breathe in" or "breathe out", for a half breath of the pacer."""
    return BREATHE_IN if breath == "in" else BREATHE_OUT
