"""What the user chose in Settings (docs/product.md 2 and 7), with the defaults a first run starts
from.

The limits live here so that the Settings screen and the file loader agree on what is valid;
checking happens at the edge (loading `preferences.toml`), so the rest of the app trusts a
`Preferences` value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

SoundMode = Literal["auto", "audio", "bell", "visual", "off"]
"""How cues are played (docs/product.md 7)."""

SOUND_MODES: Final[tuple[SoundMode, ...]] = ("auto", "audio", "bell", "visual", "off")
"""Every sound mode, in the order Settings offers them."""

NUMBER_LIMITS: Final[Mapping[str, tuple[int, int]]] = {
    "cue_volume": (0, 100),
    "lead_in_seconds": (0, 60),
    "rest_seconds": (0, 300),
    "default_hold_seconds": (5, 300),
    "inhale_seconds": (1, 20),
    "exhale_seconds": (1, 30),
    "target_minutes": (1, 120),
}
"""The whole-number settings and their lowest and highest allowed values."""


@dataclass(frozen=True, slots=True)
class Preferences:
    """Every setting, each with the value a first run starts from."""

    sound_mode: SoundMode = "auto"
    """`auto` picks the bell over SSH and real audio locally (docs/product.md 7)."""
    cue_volume: int = 80
    """0 to 100, where the audio backend supports it."""
    tick_last_seconds: bool = True
    """Count the last 3 seconds of a step: a soft tick, or spoken with the voice."""
    voice: bool = True
    """Spoken cues (docs/product.md 7): the exercise and side, "relax", "session complete".
    Only ever heard where real audio plays; the bell and the screen carry the cues elsewhere."""
    voice_breathing: bool = False
    """With the voice: "breathe in", "breathe out" at each half breath of the pacer."""
    lead_in_seconds: int = 5
    """The "get ready" step before the first exercise."""
    rest_seconds: int = 10
    """Rest between exercises."""
    default_hold_seconds: int = 30
    """Hold length for exercises whose dose gives none."""
    inhale_seconds: int = 4
    """Breathing pace: one inhale."""
    exhale_seconds: int = 6
    """Breathing pace: one exhale."""
    theme: str = "textual-dark"
    """The Textual theme's name."""
    reduced_motion: bool = False
    """No pose animation or flashing cues."""
    target_minutes: int = 10
    """Length the recommended routine is fitted to."""
    include_advanced: bool = False
    """Whether recommended routines may include `advanced` exercises (an opt-in)."""
    left_out: tuple[str, ...] = ()
    """Exercise ids the user chose to leave out of recommended routines."""
    notice_seen: bool = False
    """The first-run self-care notice has been acknowledged."""

    @property
    def breath_seconds(self) -> int:
        """One full breath (inhale plus exhale) at the chosen pace."""
        return self.inhale_seconds + self.exhale_seconds
