"""Driving the session runner in tests: a fake clock, a recording cue player, short routines.

Session time never comes from the wall clock here: the test moves `FakeClock` and calls the
screen's `tick()`, so a 40-second routine runs in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from stretch_tui.app import StretchApp
from stretch_tui.domain.profile import Profile
from stretch_tui.screens.session import SessionScreen
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import PlayResult
from stretch_tui.state import AppState
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.storage.preferences import save_preferences
from stretch_tui.storage.profile import save_profile
from tests.appkit import current_screening

TAKEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
"""When the test profiles were screened."""

TODAY = date(2025, 3, 10)
"""The app's day in these tests: a week after `TAKEN`, so the red-flag answers are current."""

SHORT_ROUTINE = """\
schema_version = 1
id = "short"
name = "Short test routine"
lead_in_seconds = 3
rest_seconds = 4

[[items]]
exercise = "lumbar-trunk-rotation"
seconds = 10
reps = 1

[[items]]
exercise = "glute-bridge"
reps = 2
"""
"""Lead-in 3, rotation left 10, switch 5, right 10, rest 4, two 4-second bridges: 40 s."""

SHORT_SECONDS = 40

FLEXION_ROUTINE = """\
schema_version = 1
id = "flexion-test"
name = "Flexion test routine"
lead_in_seconds = 3
rest_seconds = 4

[[items]]
exercise = "single-knee-to-chest"
seconds = 5
reps = 1

[[items]]
exercise = "double-knee-to-chest"
seconds = 5
reps = 1

[[items]]
exercise = "lumbar-trunk-rotation"
seconds = 5
reps = 1
"""
"""Two flexion exercises (the first one-sided), then a rotation."""


class FakeClock:
    """A monotonic clock moved by hand."""

    def __init__(self, now: float = 5000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class RecordingPlayer:
    """A cue player that plays nothing and remembers every cue; `message` is handed out once,
    as `CuePlayer` does when audio fails. With `speaks` it acts as the voice heard through
    real audio: the phrases it is asked to say go to `said`, except those not in `recorded`
    (when given), for which the fallback cue plays, as `CuePlayer.say` does. `heard` is both,
    in order."""

    def __init__(
        self,
        message: str | None = None,
        *,
        speaks: bool = False,
        recorded: frozenset[str] | None = None,
    ) -> None:
        self.cues: list[Cue] = []
        self.said: list[tuple[str, ...]] = []
        self.heard: list[Cue | tuple[str, ...]] = []
        self.voice = speaks
        self._audio = speaks
        self._recorded = recorded
        self._message = message

    def play(self, cue: Cue) -> PlayResult:
        self.cues.append(cue)
        self.heard.append(cue)
        message, self._message = self._message, None
        return PlayResult(cue, "visual", message)

    @property
    def speaks(self) -> bool:
        """The voice is heard: on (`v` turns it off) and through audio."""
        return self._audio and self.voice

    @property
    def voice_reason(self) -> str:
        return "the voice is on, and heard" if self.speaks else "the voice is not heard here"

    def say(self, phrases: Sequence[str], fallback: Cue | None) -> PlayResult | None:
        recorded = self._recorded is None or all(p in self._recorded for p in phrases)
        if self.speaks and phrases and recorded:
            self.said.append(tuple(phrases))
            self.heard.append(tuple(phrases))
            return PlayResult(fallback, "audio", None, tuple(phrases))
        return None if fallback is None else self.play(fallback)

    def start(self) -> None:
        pass

    def take_message(self) -> str | None:
        return None

    def close(self, timeout: float = 1.0) -> None:
        pass


def prepare_home(
    home: Path,
    *routines: str,
    tier: str = "none",
    responder: str | None = None,
    screened: bool = True,
    **prefs: Any,
) -> AppPaths:
    """Write the routines, quiet preferences and a screening into `home`: the warning signs
    answered with the current questions on `TAKEN` (none unless `tier`), and `responder`'s
    movement result. `screened=False` writes no screening at all."""
    paths = resolve_paths(home)
    paths.routines_dir.mkdir(parents=True, exist_ok=True)
    for text in routines:
        routine_id = text.split('id = "', 1)[1].split('"', 1)[0]
        (paths.routines_dir / f"{routine_id}.toml").write_text(text, encoding="utf-8")
    preferences = replace(
        AppState(paths).preferences, notice_seen=True, sound_mode="visual", **prefs
    )
    save_preferences(paths, preferences)
    if screened:
        record = current_screening(responder, tier, when=TAKEN)  # type: ignore[arg-type]
        save_profile(paths, Profile(screening=record))
    return paths


def session_app(home: Path, routine: str | None, clock: FakeClock) -> StretchApp:
    """The app as `stretch-tui session ROUTINE` opens it, on the fake clock."""
    state = AppState(resolve_paths(home), today=lambda: TODAY)
    app = StretchApp(state, start_screen="session", start_routine=routine)
    app.session_clock = clock
    return app


async def run_for(
    pilot: Pilot[Any], screen: SessionScreen, clock: FakeClock, seconds: float, step: float = 0.5
) -> None:
    """Let `seconds` of session time pass, ticking the screen as its timer would."""
    moved = 0.0
    while moved < seconds - 1e-9:
        clock.now += step
        moved += step
        screen.tick()
    await pilot.pause()


def follow_wall_clock(monkeypatch: Any, clock: FakeClock) -> None:
    """Make the session's wall-clock times (history's `started`/`ended`) move with the fake
    clock from a fixed moment, so what the summary says is the same on every run."""
    from datetime import timedelta

    from stretch_tui.storage import session_recorder

    origin = clock.now
    base = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
    monkeypatch.setattr(
        session_recorder, "wall_clock", lambda: base + timedelta(seconds=int(clock.now - origin))
    )
