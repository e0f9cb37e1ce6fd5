"""Real playback through simpleaudio, to ALSA's null device, so no sound card is needed.

`HOME` in the player process points at a folder whose `.asoundrc` makes the null device the
default. These tests need the `sound` extra; CI installs it (with libasound2-dev), so a missing
simpleaudio is a failure here, not a skip.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CuePlayer

pytestmark = pytest.mark.audio

WAIT = 10.0
"""Upper bound for the player process to start or to play one cue (about 0.1 s and 0.6 s)."""


@pytest.fixture(autouse=True)
def simpleaudio_installed() -> None:
    # Importing loads the library but opens no device, so this is safe in the test process.
    try:
        importlib.import_module("simpleaudio")
    except ImportError as error:
        pytest.fail(
            f"simpleaudio is not importable ({error}): install the sound extra "
            "(pip install -e '.[sound]', which needs libasound2-dev) to run the audio tests"
        )


def alsa_home(tmp_path: Path, config: str) -> dict[str, str]:
    home = tmp_path / "alsa-home"
    home.mkdir()
    (home / ".asoundrc").write_text(config)
    return {"HOME": str(home)}


@pytest.fixture
def rings() -> list[int]:
    return []


@pytest.fixture
def players() -> Iterator[list[CuePlayer]]:
    made: list[CuePlayer] = []
    yield made
    for player in made:
        player.close(timeout=WAIT)


def test_every_cue_plays_through_simpleaudio_to_the_null_device_silently(
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    rings: list[int],
    players: list[CuePlayer],
) -> None:
    player = CuePlayer(
        "audio",
        bell=lambda: rings.append(1),
        environ={},
        volume=80,
        child_env=alsa_home(tmp_path, "pcm.!default { type null }\n"),
    )
    players.append(player)

    assert player.wait_ready(WAIT) == ("audio", "real audio was chosen in Settings")
    for cue in Cue:
        result = player.play(cue)
        assert (result.backend, result.message) == ("audio", None)
        assert player.wait_idle(WAIT), f"{cue.value} was not confirmed as played"
    player.close(timeout=WAIT)

    assert rings == []
    assert player.take_message() is None
    assert capfd.readouterr() == ("", ""), "the player process wrote to the terminal"


def test_spoken_phrases_play_through_simpleaudio_to_the_null_device_silently(
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    rings: list[int],
    players: list[CuePlayer],
) -> None:
    player = CuePlayer(
        "audio",
        bell=lambda: rings.append(1),
        environ={},
        volume=80,
        voice=True,
        child_env=alsa_home(tmp_path, "pcm.!default { type null }\n"),
    )
    players.append(player)

    assert player.wait_ready(WAIT).backend == "audio"
    # A cue at 44.1 kHz, then a name and side joined at the voice's own rate, then a cue again.
    player.play(Cue.START)
    result = player.say(("exercise-seated-spinal-twist", "left-side"), Cue.START)
    assert result is not None
    assert (result.backend, result.spoken, result.message) == (
        "audio",
        ("exercise-seated-spinal-twist", "left-side"),
        None,
    )
    player.play(Cue.END)
    assert player.wait_idle(WAIT), "the phrases were not confirmed as spoken"
    assert player.speaks
    player.close(timeout=WAIT)

    assert rings == []
    assert player.take_message() is None
    assert capfd.readouterr() == ("", ""), "the player process wrote to the terminal"


def test_alsa_errors_never_reach_the_terminal_and_auto_falls_back_to_the_bell(
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    rings: list[int],
    players: list[CuePlayer],
) -> None:
    # A default device that does not exist: ALSA prints "ALSA lib pcm.c:...: Unknown PCM
    # nonexistent" to fd 2 before simpleaudio raises its error.
    player = CuePlayer(
        "auto",
        bell=lambda: rings.append(1),
        environ={},
        child_env=alsa_home(tmp_path, 'pcm.!default { type plug slave.pcm "nonexistent" }\n'),
    )
    players.append(player)

    choice = player.wait_ready(WAIT)
    result = player.play(Cue.START)

    assert choice.backend == "bell"
    assert "no sound device could be opened" in choice.reason
    assert (result.backend, result.message) == ("bell", None)
    assert rings == [1]
    assert capfd.readouterr() == ("", ""), "ALSA's messages reached the terminal"
