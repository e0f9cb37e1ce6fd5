"""The runner's spoken cues, on a fake clock with a recording player that acts as the voice
heard through real audio: which phrases are asked for at each step, and the tones that stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.screens.session import SessionScreen
from stretch_tui.screens.settings import SettingsScreen
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CuePlayer
from stretch_tui.sound.voice import PHRASES, exercise_phrase
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.widgets.settings_list import SettingsList
from tests.app.test_resume_app import hang_up_in_the_first_hold, next_start
from tests.appkit import capture_notes, make_app
from tests.sessionkit import (
    SHORT_ROUTINE,
    SHORT_SECONDS,
    FakeClock,
    RecordingPlayer,
    prepare_home,
    run_for,
    session_app,
)
from tests.waiting import wait_until

SIZE = (80, 24)
ROTATION = exercise_phrase("lumbar-trunk-rotation")
BRIDGE = exercise_phrase("glute-bridge")
COUNT = [("three",), ("two",), ("one",)]


def use(monkeypatch: pytest.MonkeyPatch, player: RecordingPlayer) -> RecordingPlayer:
    monkeypatch.setattr(CuePlayer, "from_preferences", lambda *args, **kwargs: player)
    return player


async def run_short_session(home: Path, seconds: float = SHORT_SECONDS) -> None:
    """Start the short routine (lead-in 3, rotation left 10, switch 5, right 10, rest 4, two
    4-second bridges) and let `seconds` pass."""
    clock = FakeClock()
    app = session_app(home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")  # skip the pain rating before
        await run_for(pilot, screen, clock, seconds)


async def test_the_runner_says_each_step_and_counts_down_the_last_three_seconds(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    prepare_home(isolated_home, SHORT_ROUTINE)
    await run_short_session(isolated_home)
    assert player.heard == [
        ("get-ready",),  # the 3-second lead-in is too short to count down
        (ROTATION, "left-side"),
        *COUNT,
        ("switch-to-the-right-side",),
        *COUNT,
        (ROTATION, "right-side"),
        *COUNT,
        ("relax",),
        *COUNT,
        (BRIDGE,),
        *COUNT,
        ("session-complete",),
    ]
    assert player.cues == []  # no tone where a phrase was said, no tick under the countdown


async def test_without_the_countdown_setting_the_last_seconds_are_quiet(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    prepare_home(isolated_home, SHORT_ROUTINE, tick_last_seconds=False)
    await run_short_session(isolated_home)
    assert not any(said in COUNT for said in player.said)
    assert player.said[-1] == ("session-complete",) and player.cues == []


async def test_breathing_cues_follow_the_pacer_when_turned_on(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    prepare_home(
        isolated_home, SHORT_ROUTINE, voice_breathing=True, inhale_seconds=3, exhale_seconds=3
    )
    await run_short_session(isolated_home, 3 + 10)  # the lead-in and the left side
    # The 10-second hold paces breaths of 3 + 3 s: in at 0 (said with the name), out at 3,
    # in at 6; out at 9 falls in the counted last seconds, which the countdown has alone.
    assert player.heard == [
        ("get-ready",),
        (ROTATION, "left-side", "breathe-in"),
        ("breathe-out",),
        ("breathe-in",),
        *COUNT,
        ("switch-to-the-right-side",),
    ]


async def test_breathing_cues_are_off_by_default(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    prepare_home(isolated_home, SHORT_ROUTINE, inhale_seconds=3, exhale_seconds=3)
    await run_short_session(isolated_home, 3 + 10)
    assert not any("breathe-in" in said or "breathe-out" in said for said in player.said)


async def test_an_exercise_without_a_recording_gets_the_tone(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = frozenset(PHRASES) | {ROTATION}  # the bridge has no recording
    player = use(monkeypatch, RecordingPlayer(speaks=True, recorded=recorded))
    prepare_home(isolated_home, SHORT_ROUTINE)
    await run_short_session(isolated_home)
    assert (BRIDGE,) not in player.said
    assert player.heard[-5:] == [Cue.START, *COUNT, ("session-complete",)]


async def test_where_the_voice_is_not_heard_the_tones_play(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=False))
    prepare_home(isolated_home, SHORT_ROUTINE, voice_breathing=True)
    await run_short_session(isolated_home)
    assert player.said == []
    assert player.cues[:2] == [Cue.START, Cue.TICK] and player.cues[-1] == Cue.SESSION_DONE
    assert player.cues.count(Cue.SWITCH) == 1


async def test_a_stopped_session_is_not_called_complete(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await run_for(pilot, screen, clock, 5)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert player.said == [("get-ready",), (ROTATION, "left-side")]
    assert player.cues == []


async def test_stepping_on_by_hand_says_the_step_arrived_at(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await pilot.press("n", "n")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
    assert player.said == [
        ("get-ready",),
        (ROTATION, "left-side"),
        ("switch-to-the-right-side",),
        (ROTATION, "left-side"),
    ]


async def test_v_turns_the_voice_off_for_the_session_and_the_next_ones(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    prepare_home(isolated_home, SHORT_ROUTINE)
    clock = FakeClock()
    app = session_app(isolated_home, "short", clock)
    async with app.run_test(size=SIZE) as pilot:
        notes = capture_notes(app, monkeypatch)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("s")
        await run_for(pilot, screen, clock, 5)  # into the left side, its name said
        await pilot.press("v")
        await run_for(pilot, screen, clock, 8)  # the left side ends, the switch starts
    assert player.said == [("get-ready",), (ROTATION, "left-side")]
    assert player.cues == [Cue.TICK, Cue.TICK, Cue.TICK, Cue.SWITCH]
    assert any("Voice off" in note for note in notes)
    assert AppState(resolve_paths(isolated_home)).preferences.voice is False


async def test_settings_shows_the_voice_switches_and_saves_them(isolated_home: Path) -> None:
    app = make_app(isolated_home)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        settings = screen.query_one(SettingsList)
        rows = settings.rows_text()
        assert "Voice                   " in rows and "[x] on" in rows
        assert (settings.value("voice"), settings.value("voice_breathing")) == (True, False)
        await pilot.press("down", "space", "down", "space")  # the voice, then its breathing
        await pilot.pause()
    saved = AppState(resolve_paths(isolated_home)).preferences
    assert (saved.voice, saved.voice_breathing) == (False, True)


async def test_the_help_lists_the_voice_key(isolated_home: Path) -> None:
    app = make_app(isolated_home, "help")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        text = "\n".join(str(widget.render()) for widget in app.screen.query("Static"))
    assert "Voice on/off" in text


async def test_a_resumed_session_names_the_step_it_goes_on_with(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(monkeypatch, RecordingPlayer())
    await hang_up_in_the_first_hold(isolated_home)
    player = use(monkeypatch, RecordingPlayer(speaks=True))
    clock = FakeClock()
    app = next_start(isolated_home, clock, "resume")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, SessionScreen), "the runner")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await run_for(pilot, screen, clock, 1)
        assert player.said == []  # still getting back in position
        await pilot.press("space")
        await pilot.pause()
    assert player.said == [(ROTATION, "left-side")]
