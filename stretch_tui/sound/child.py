"""The audio player process: plays cue sounds for `CuePlayer`, isolated from the app.

Started by the app as `python -m stretch_tui.sound.child --sounds DIR --volume N` (and `--voice
DIR` for the spoken phrases, by default `DIR/voice`), with stdin and
stdout as pipes and stderr on /dev/null. It runs in a process of its own because the audio
library is native code that can crash (the original simpleaudio segfaults on Python 3.12+), and
because ALSA writes its error messages straight to file descriptor 2, which would draw over the
app's screen.

The protocol is one line per message, in ASCII.

Parent to child (stdin):
    play NAME       play the cue NAME (a `Cue` value); answered by `played NAME` once it has
                    been heard, or `failed NAME WHY`
    say P1 P2 ...   speak the recorded phrases P1, P2, ... (stems of the WAV files in the
                    voice folder) one after the other, with a short gap; answered by
                    `spoken P1 P2 ...` once heard, `skipped P1 P2 ...` when a later `say` was
                    already waiting (speech that is out of date is never said: after a few
                    quick key presses only the step arrived at is named), `unspoken WHY` when
                    a phrase file cannot be read (audio itself still works), or `failed say WHY`
    volume N        scale every later cue and phrase to N percent (0-100)
    end of input    exit

Child to parent (stdout), the first line always one of:
    ready           the cues are loaded and the sound device opened; cues may be played
    unavailable WHY audio cannot work here (WHY is one phrase); the process then exits

Cues and phrases are played one after the other, each to its end, so acknowledgements come in
order. The cues are read at start-up; a phrase is read the first time it is said.

Importable without simpleaudio: its absence is reported as `unavailable`.
"""

from __future__ import annotations

import argparse
import array
import contextlib
import os
import queue
import re
import signal
import sys
import threading
import time
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import IO, NamedTuple, Protocol

from stretch_tui.sound.cues import Cue

PHRASE_GAP_SECONDS = 0.12
"""Silence between two phrases said together ("Seated spinal twist", "left side")."""

_PHRASE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""A phrase is named by a file stem in kebab case: never a path."""

PROBE_SECONDS = 0.02
"""Silence played at start-up: opening the device is the only reliable test that audio works."""

INSTALL_HINT = (
    "simpleaudio is not installed; install the sound extra: pip install 'stretch-tui[sound]'"
)


class Sound(NamedTuple):
    """A decoded WAV file, ready for the device."""

    frames: bytes
    channels: int
    sample_width: int
    rate: int


class PlaybackError(Exception):
    """The device refused to play; the message is one line."""


class Output(Protocol):
    """Where sounds go."""

    def play(self, sound: Sound) -> None:
        """Play `sound` to its end; raise `PlaybackError` when the device fails."""


class SimpleaudioOutput:
    """The real speakers, through simpleaudio (ALSA on Linux)."""

    def __init__(self) -> None:
        import simpleaudio  # ImportError when the `sound` extra is not installed

        self._simpleaudio = simpleaudio

    def play(self, sound: Sound) -> None:
        """Play through the default device and wait for the end."""
        try:
            played = self._simpleaudio.play_buffer(
                sound.frames, sound.channels, sound.sample_width, sound.rate
            )
            played.wait_done()
        except Exception as error:  # simpleaudio raises its own SimpleaudioError
            raise PlaybackError(_one_line(str(error)) or type(error).__name__) from error


class SilentOutput:
    """Plays nothing, at once: for tests of the protocol and of the parent's fallback."""

    def play(self, sound: Sound) -> None:
        """Do nothing."""


class TimedOutput:
    """Plays nothing, but takes as long as the sound lasts, as a device does: for tests of
    what happens to commands that arrive while a sound plays."""

    def play(self, sound: Sound) -> None:
        """Wait for the sound's length."""
        frame = sound.channels * sound.sample_width
        time.sleep(len(sound.frames) / frame / sound.rate)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the player until the parent closes our stdin."""
    args = _parse_arguments(argv)
    replies = _take_over_standard_streams()
    # Ctrl+C belongs to the parent; the parent ends us by closing our stdin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _no_core_dumps()
    volume = args.volume

    def reply(line: str) -> None:
        replies.write(line + "\n")
        replies.flush()

    try:
        output: Output
        match args.backend:
            case "silent":
                output = SilentOutput()
            case "timed":
                output = TimedOutput()
            case _:
                output = SimpleaudioOutput()
    except ImportError:
        reply(f"unavailable {INSTALL_HINT}")
        return 0
    try:
        sounds = load_sounds(args.sounds)
        output.play(_silence(PROBE_SECONDS))
    except (OSError, wave.Error, EOFError) as error:
        reply(f"unavailable cannot read the cue sounds: {_one_line(str(error))}")
        return 0
    except PlaybackError as error:
        reply(f"unavailable no sound device could be opened: {error}")
        return 0
    reply("ready")

    scaled = {name: scale_volume(sound, volume) for name, sound in sounds.items()}
    phrases = PhraseBook(args.voice or args.sounds / "voice")
    commands = _read_commands()
    while (raw := commands.get()) is not None:
        command, _, argument = raw.strip().partition(" ")
        if command == "say":
            words = argument.split()
            if _say_waiting(commands):
                reply(f"skipped {' '.join(words)}")
                continue
            try:
                speech = phrases.sequence(words)
            except PhraseError as error:
                reply(f"unspoken {error}")
                continue
            try:
                output.play(scale_volume(speech, volume))
            except PlaybackError as error:
                reply(f"failed say {error}")
            else:
                reply(f"spoken {' '.join(words)}")
        elif command == "play":
            if argument == args.crash_on:
                # Tests only: behave like the original simpleaudio on Python 3.12+.
                os.kill(os.getpid(), signal.SIGSEGV)
            sound = scaled.get(argument)
            if sound is None:
                reply(f"failed {argument} no such cue")
                continue
            try:
                output.play(sound)
            except PlaybackError as error:
                reply(f"failed {argument} {error}")
            else:
                reply(f"played {argument}")
        elif command == "volume" and argument.isdigit():
            volume = min(100, int(argument))
            scaled = {name: scale_volume(sound, volume) for name, sound in sounds.items()}
    return 0


def _read_commands() -> queue.Queue[str | None]:
    """The parent's lines, read as they come by a thread of their own, so that what waits
    behind the sound being played can be seen; None at the end of the input."""
    commands: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in sys.stdin:
            commands.put(line)
        commands.put(None)

    threading.Thread(target=read, name="commands", daemon=True).start()
    return commands


def _say_waiting(commands: queue.Queue[str | None]) -> bool:
    """True when another `say` is already waiting in `commands`."""
    with commands.mutex:
        return any(line is not None and line.startswith("say ") for line in commands.queue)


def load_sounds(folder: Path) -> dict[str, Sound]:
    """Every cue's sound, by cue name, read once so that playing costs no disk access."""
    sounds = {}
    for cue in Cue:
        sounds[cue.value] = _read_wav(folder / cue.file_name)
    return sounds


class PhraseError(Exception):
    """A phrase could not be read; the message is one line."""


class PhraseBook:
    """The recorded phrases of a voice folder, each read the first time it is said."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._read: dict[str, Sound] = {}

    def sequence(self, names: Sequence[str]) -> Sound:
        """The phrases `names` as one sound, a short gap between them.

        Raises `PhraseError` for a name that is not a phrase, a file that cannot be read, or
        phrases recorded in different formats.
        """
        if not names:
            raise PhraseError("nothing to say")
        sounds = [self._phrase(name) for name in names]
        first = sounds[0]
        shape = (first.channels, first.sample_width, first.rate)
        if any((s.channels, s.sample_width, s.rate) != shape for s in sounds):
            raise PhraseError("the phrases are recorded in different formats")
        frame = first.channels * first.sample_width
        gap = bytes(frame * round(first.rate * PHRASE_GAP_SECONDS))
        return first._replace(frames=gap.join(sound.frames for sound in sounds))

    def _phrase(self, name: str) -> Sound:
        sound = self._read.get(name)
        if sound is not None:
            return sound
        if not _PHRASE_NAME.match(name):
            raise PhraseError(f"{name!r} is not a phrase name")
        try:
            sound = _read_wav(self._folder / f"{name}.wav")
        except (OSError, wave.Error, EOFError) as error:
            raise PhraseError(f"cannot read the phrase {name}: {_one_line(str(error))}") from error
        self._read[name] = sound
        return sound


def _read_wav(path: Path) -> Sound:
    with wave.open(str(path), "rb") as reader:
        return Sound(
            reader.readframes(reader.getnframes()),
            reader.getnchannels(),
            reader.getsampwidth(),
            reader.getframerate(),
        )


def scale_volume(sound: Sound, volume: int) -> Sound:
    """`sound` at `volume` percent: simpleaudio has no volume control, so the samples are scaled.

    Only 16-bit sound is scaled (the shipped cues are 16-bit); other widths play as they are.
    """
    if sound.sample_width != 2 or volume >= 100:
        return sound
    samples = array.array("h", sound.frames)
    if sys.byteorder == "big":  # WAV data is little-endian
        samples.byteswap()
    factor = max(0, volume) / 100
    scaled = array.array("h", (round(sample * factor) for sample in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    return sound._replace(frames=scaled.tobytes())


def _silence(seconds: float) -> Sound:
    rate = 44_100
    return Sound(bytes(2 * round(rate * seconds)), 1, 2, rate)


def _take_over_standard_streams() -> IO[str]:
    """Keep a private copy of stdout for replies and point fds 1 and 2 at /dev/null.

    The parent already sends our stderr to /dev/null; doing it here as well means that nothing
    the audio library prints (to either descriptor) can reach a terminal or corrupt a reply.
    """
    replies = os.fdopen(os.dup(1), "w", encoding="ascii", errors="replace")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    sys.stderr = sys.stdout
    return replies


def _no_core_dumps() -> None:
    """A crash of the audio library must not leave a `core` file in the user's folder."""
    try:
        import resource
    except ImportError:  # not on Unix: no core files either
        return
    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m stretch_tui.sound.child",
        description="The stretch-tui audio player process (started by the app, not by people).",
    )
    parser.add_argument("--sounds", type=Path, required=True, help="folder of the cue WAV files")
    parser.add_argument(
        "--voice", type=Path, help="folder of the spoken phrases (default: the sounds' voice/)"
    )
    parser.add_argument("--volume", type=int, default=100, help="0-100 (default 100)")
    parser.add_argument(
        "--backend",
        choices=("simpleaudio", "silent", "timed"),
        default="simpleaudio",
        help="`silent` plays nothing, `timed` nothing for as long as each sound lasts (for tests)",
    )
    parser.add_argument(
        "--crash-on",
        metavar="CUE",
        help="for tests: die with SIGSEGV when asked to play CUE",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
