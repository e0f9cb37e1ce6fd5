"""The spoken cues: every phrase the runner can ask for is recorded (every shipped exercise's
name included), the recordings are what the player can play, and `CuePlayer` speaks only where
real audio plays, falling back to the tone for a phrase without a recording.

The player tests use the child's `silent` backend (no simpleaudio, no sound card); a phrase
played for real to ALSA's null device is in test_real_audio.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import wave
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from stretch_tui.domain.catalog import load_shipped_catalog
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.domain.session_plan import Step
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CHILD_MODULE, CuePlayer
from stretch_tui.sound.voice import (
    COUNTDOWN,
    PHRASES,
    VOICE_FOLDER,
    breath_phrase,
    exercise_phrase,
    step_phrases,
)

VOICE = shipped_data_dir("sounds") / VOICE_FOLDER
SILENT = ("--backend", "silent")
WAIT = 10.0
MAX_FOLDER_BYTES = 3 * 1024 * 1024
"""The whole voice folder stays small: it ships in the wheel."""


def spoken() -> dict[str, str]:
    """What each recording says, as `scripts/make_voice.py` recorded it."""
    with (VOICE / "spoken.toml").open("rb") as stream:
        table: dict[str, str] = tomllib.load(stream)["spoken"]
    return table


def fixed_phrases() -> dict[str, str]:
    with (VOICE / "phrases.toml").open("rb") as stream:
        table: dict[str, str] = tomllib.load(stream)["phrases"]
    return table


def wav_shape(path: Path) -> tuple[int, int, int, int]:
    """(channels, bytes per sample, rate, frames)."""
    with wave.open(str(path), "rb") as reader:
        return (
            reader.getnchannels(),
            reader.getsampwidth(),
            reader.getframerate(),
            reader.getnframes(),
        )


# -- the recordings ---------------------------------------------------------------------------


def test_every_shipped_exercise_has_its_current_name_recorded() -> None:
    catalog = load_shipped_catalog()
    recorded = spoken()
    for exercise in catalog.exercises.values():
        phrase = exercise_phrase(exercise.id)
        assert (VOICE / f"{phrase}.wav").is_file(), f"{exercise.id}: no recording; run make voice"
        # A renamed exercise must be recorded again, or the voice says the old name.
        assert recorded.get(phrase) == f"{exercise.name}.", f"{exercise.id}: run make voice"


def test_every_phrase_the_runner_asks_for_is_listed_and_recorded() -> None:
    listed = fixed_phrases()
    recorded = spoken()
    for phrase in PHRASES:
        assert phrase in listed, f"{phrase} is not in phrases.toml"
        assert (VOICE / f"{phrase}.wav").is_file(), f"{phrase}: no recording; run make voice"
        assert recorded[phrase] == listed[phrase], f"{phrase}: text changed; run make voice"
    assert set(COUNTDOWN.values()) <= set(PHRASES)


def test_every_recording_is_16_bit_mono_at_one_rate_and_the_folder_is_small() -> None:
    files = sorted(VOICE.glob("*.wav"))
    assert {path.stem for path in files} == set(spoken()), "a recording no phrase names"
    shapes = {path.name: wav_shape(path) for path in files}
    assert {(channels, width) for channels, width, _, _ in shapes.values()} == {(1, 2)}
    assert len({rate for _, _, rate, _ in shapes.values()}) == 1  # they are joined as one sound
    for name, (_, _, rate, frames) in shapes.items():
        assert 0.2 < frames / rate < 3.0, f"{name} is {frames / rate:.2f} s long"
    assert sum(path.stat().st_size for path in VOICE.iterdir()) < MAX_FOLDER_BYTES


# -- what each step says ----------------------------------------------------------------------


def step(kind: str, side: str = "both", exercise: str = "seated-spinal-twist") -> Step:
    return Step(kind, exercise, side, 10.0, "title", "instruction", 0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "side", "said"),
    [
        ("work", "left", ("exercise-seated-spinal-twist", "left-side")),
        ("work", "right", ("exercise-seated-spinal-twist", "right-side")),
        ("work", "both", ("exercise-seated-spinal-twist",)),
        ("work", "alternate", ("exercise-seated-spinal-twist",)),
        ("switch", "right", ("switch-to-the-right-side",)),
        ("switch", "left", ("switch-to-the-left-side",)),
        ("rest", "both", ("relax",)),
        ("release", "left", ("relax",)),
        ("lead-in", "left", ("get-ready",)),
    ],
)
def test_each_kind_of_step_says_its_phrase(kind: str, side: str, said: tuple[str, ...]) -> None:
    assert step_phrases(step(kind, side)) == said


def test_the_breath_halves_have_their_phrases() -> None:
    assert (breath_phrase("in"), breath_phrase("out")) == ("breathe-in", "breathe-out")


# -- the player -------------------------------------------------------------------------------


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


@pytest.fixture
def bell() -> Bell:
    return Bell()


@pytest.fixture
def make_player(bell: Bell) -> Iterator[Callable[..., CuePlayer]]:
    players: list[CuePlayer] = []

    def make(
        mode: str = "auto",
        environ: dict[str, str] | None = None,
        child_args: Sequence[str] = SILENT,
        **options: object,
    ) -> CuePlayer:
        player = CuePlayer(
            mode,  # type: ignore[arg-type]
            bell=bell,
            environ={} if environ is None else environ,
            child_args=child_args,
            **options,  # type: ignore[arg-type]
        )
        players.append(player)
        return player

    yield make
    for player in players:
        player.close(timeout=WAIT)


@pytest.mark.parametrize(
    ("mode", "environ", "voice", "speaks"),
    [
        ("auto", {}, True, True),
        ("audio", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"SSH_CONNECTION": "10.0.0.2 5000 10.0.0.1 22"}, True, False),
        ("bell", {}, True, False),
        ("visual", {}, True, False),
        ("off", {}, True, False),
    ],
)
def test_the_voice_speaks_only_when_it_is_on_and_real_audio_plays(
    make_player: Callable[..., CuePlayer],
    mode: str,
    environ: dict[str, str],
    voice: bool,
    speaks: bool,
) -> None:
    player = make_player(mode, environ, voice=voice)
    assert player.speaks is speaks
    assert ("heard through real audio" in player.voice_reason) is speaks


def test_phrases_are_spoken_by_the_player_process(
    make_player: Callable[..., CuePlayer], bell: Bell
) -> None:
    player = make_player(voice=True)
    assert player.wait_ready(WAIT).backend == "audio"
    result = player.say(("exercise-seated-spinal-twist", "left-side"), Cue.START)
    assert result is not None
    assert (result.backend, result.spoken, result.message) == (
        "audio",
        ("exercise-seated-spinal-twist", "left-side"),
        None,
    )
    assert player.wait_idle(WAIT)  # the child answered `spoken`
    assert player.speaks and bell.rings == 0


def test_a_phrase_without_a_recording_plays_the_tone_instead(
    make_player: Callable[..., CuePlayer], bell: Bell
) -> None:
    player = make_player("bell", voice=True)  # the tone is then a ring we can count
    assert player.say(("exercise-my-own-stretch",), Cue.START) is not None
    assert bell.rings == 1
    assert player.say(("exercise-my-own-stretch",), None) is None
    assert bell.rings == 1

    speaking = make_player(voice=True)
    assert not speaking.is_recorded("exercise-my-own-stretch")
    result = speaking.say(("exercise-my-own-stretch", "left-side"), Cue.START)
    assert result is not None and result.spoken == () and result.cue is Cue.START


def test_a_voice_file_that_cannot_be_read_turns_the_voice_off_once_and_keeps_the_tones(
    make_player: Callable[..., CuePlayer], tmp_path: Path
) -> None:
    voice = tmp_path / "voice"
    shutil.copytree(VOICE, voice)
    (voice / "relax.wav").write_bytes(b"not a wav file")
    player = make_player(voice=True, voice_dir=voice)
    assert player.wait_ready(WAIT).backend == "audio"
    player.say(("relax",), Cue.END)
    assert player.wait_idle(WAIT)
    message = player.take_message()
    assert message is not None and "relax" in message and "tones" in message
    assert not player.speaks and player.voice_reason.startswith("stopped")
    result = player.say(("relax",), Cue.END)
    assert result is not None and (result.backend, result.spoken) == ("audio", ())
    assert player.wait_idle(WAIT) and player.take_message() is None


def test_speech_overtaken_by_newer_speech_is_skipped_not_queued() -> None:
    """Three quick `say`s while a long phrase plays: the one in the middle is out of date
    before it could start, so only the last is said after the one playing."""
    child = subprocess.Popen(
        [sys.executable, "-m", CHILD_MODULE, "--sounds", str(VOICE.parent), "--backend", "timed"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        assert child.stdout.readline() == "ready\n"
        long_phrase = "exercise-wide-legged-forward-fold"  # 2.5 s: the others come meanwhile
        child.stdin.write(f"say {long_phrase}\nsay relax\nsay session-complete\n")
        child.stdin.close()
        replies = child.stdout.read().splitlines()
    finally:
        child.stdin.close()
        child.wait(timeout=WAIT)
    assert replies[-2:] == ["skipped relax", "spoken session-complete"]
    assert len(replies) == 3
