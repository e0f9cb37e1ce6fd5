"""The app's side of cue playback: `CuePlayer` (docs/product.md 6 and 7), tones and the voice.

Real audio is played by a separate, long-lived process (`stretch_tui.sound.child`), started the
first time it is needed and spoken to over pipes with a line protocol (see that module). The
app's process never loads the audio library, so a crash there cannot take the app down, and
the child's stdout and stderr never reach the terminal: stdout is a pipe we read, stderr is
/dev/null (ALSA writes its complaints straight to file descriptor 2).

Playing a cue never blocks for more than a few milliseconds: commands are written without
blocking and replies are read only when they are already there. When the child dies, stops
answering, or reports that it cannot play, the player switches to the terminal bell for the rest
of the session and produces one message saying so, for the app to show.

The voice (spoken phrases, `stretch_tui.sound.voice`) goes through the same process, and only
when real audio plays: with the bell, on screen or off, `speaks` is False and the caller plays
the tones. A phrase that has no recording (a user's own exercise) falls back to the tone.

Not thread-safe: use a player from one thread (the app's event loop).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Final

from attrs import frozen

from stretch_tui.domain.preferences import Preferences, SoundMode
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.mode import Backend, BackendChoice, choose_backend
from stretch_tui.sound.voice import VOICE_FOLDER

CHILD_MODULE: Final = "stretch_tui.sound.child"

_READ_CHUNK = 4096
_REAP_SECONDS = 0.01
"""How long `play` may wait for a child whose pipe just closed to be reaped, to name its end."""


@frozen
class PlayResult:
    """What became of one cue (or of the phrases said in its place)."""

    cue: Cue | None
    """The cue; None for phrases said where no tone would have played."""
    backend: Backend
    """How it went out: `audio` (handed to the player process), `bell`, `visual` or `off`."""
    message: str | None = None
    """A one-time message for the person (audio stopped working, or is not available), else None."""
    spoken: tuple[str, ...] = ()
    """The phrases said instead of the cue's tone (empty when the tone went out)."""


class CuePlayer:
    """Plays cues through the backend the sound mode picks, falling back to the bell.

    `bell` rings the terminal bell: the app passes `App.bell`, the command line a function that
    writes "\\a" to the terminal. `environ` (default: this process's) is where SSH is detected;
    `child_env` adds variables to the audio process's environment (tests point `HOME` at an
    `.asoundrc` that selects ALSA's null device); `child_args` adds arguments to its command line.
    `voice` turns the spoken cues on (heard only through real audio); `voice_dir` is where the
    phrases are (default: the shipped `sounds/voice/`).
    """

    def __init__(
        self,
        mode: SoundMode,
        *,
        bell: Callable[[], None],
        is_web: bool = False,
        volume: int = 100,
        environ: Mapping[str, str] | None = None,
        sounds_dir: Path | None = None,
        child_env: Mapping[str, str] | None = None,
        child_args: Sequence[str] = (),
        voice: bool = False,
        voice_dir: Path | None = None,
    ) -> None:
        self._mode: SoundMode = mode
        self._bell = bell
        self._is_web = is_web
        self._volume = volume
        self._environ = dict(os.environ if environ is None else environ)
        self._sounds_dir = sounds_dir
        self._child_env = dict(child_env or {})
        self._child_args = tuple(child_args)
        self._choice = choose_backend(mode, self._environ, is_web, audio_available=True)
        self._process: subprocess.Popen[bytes] | None = None
        self._ready = False
        self._given_up = False
        self._pending = 0
        self._received = b""
        self._message: str | None = None
        self.voice = voice
        """Spoken cues wanted (the `voice` setting); `speaks` says whether they are heard."""
        self._voice_dir = voice_dir
        self._voice_problem: str | None = None
        self._recorded: frozenset[str] | None = None

    @classmethod
    def from_preferences(
        cls, preferences: Preferences, *, bell: Callable[[], None], is_web: bool = False
    ) -> CuePlayer:
        """A player for the user's `sound_mode`, `cue_volume` and `voice`."""
        return cls(
            preferences.sound_mode,
            bell=bell,
            is_web=is_web,
            volume=preferences.cue_volume,
            voice=preferences.voice,
        )

    @property
    def mode(self) -> SoundMode:
        """The sound mode this player was made for."""
        return self._mode

    @property
    def choice(self) -> BackendChoice:
        """The backend in use and why; checks, without blocking, on the audio process first.

        Before the audio process has answered, this is the choice made assuming audio works;
        `wait_ready` waits for the answer.
        """
        self._check_child(block_seconds=0.0)
        return self._choice

    @property
    def speaks(self) -> bool:
        """True when phrases are spoken: the voice is on and real audio plays.

        Before the audio process has answered, real audio is assumed (as in `choice`).
        """
        return self.voice and self._voice_problem is None and self.choice.backend == "audio"

    @property
    def voice_reason(self) -> str:
        """Whether the voice is heard, and why, in one phrase (for `sound-test` and the
        runner's `v`)."""
        if not self.voice:
            return "turned off in Settings"
        if self._voice_problem is not None:
            return f"stopped ({self._voice_problem}); tones are played instead"
        backend = self.choice.backend
        if backend == "audio":
            return "heard through real audio"
        return f"silent here: it needs real audio, and cues go to {_WHERE_CUES_GO[backend]}"

    def is_recorded(self, phrase: str) -> bool:
        """True when `phrase` has a recording in the voice folder (listed once, when first
        asked)."""
        if self._recorded is None:
            try:
                self._recorded = frozenset(path.stem for path in self._voices().glob("*.wav"))
            except OSError:
                self._recorded = frozenset()
        return phrase in self._recorded

    @property
    def child_pid(self) -> int | None:
        """The audio process's id while it runs (for diagnostics and tests), else None."""
        return None if self._process is None else self._process.pid

    def start(self) -> None:
        """Start the audio process now, if audio is wanted, without waiting for it.

        Call it when a session is about to begin: the process then has the lead-in to start, and
        if audio turns out not to work the first cue already goes to the bell.
        """
        if self._choice.backend == "audio" and not self._given_up and self._process is None:
            self._launch()

    def wait_ready(self, timeout: float = 5.0) -> BackendChoice:
        """Start the audio process if needed and wait (at most `timeout` seconds) for its answer.

        Blocks: for the command line, or a worker thread, not the app's event loop.
        """
        self.start()
        deadline = time.monotonic() + timeout
        while self._process is not None and not self._ready:
            left = deadline - time.monotonic()
            if left <= 0:
                self._give_up(f"the audio player did not start within {timeout:g} s")
                break
            self._check_child(block_seconds=left)
        return self._choice

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait (at most `timeout` seconds) until the audio process has played every cue handed
        to it. True when it has and is still running; False on timeout, or when there is no
        audio process (not started, or given up: then cues it held were lost). Blocks, like
        `wait_ready`."""
        deadline = time.monotonic() + timeout
        while self._process is not None and (self._pending or not self._ready):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._check_child(block_seconds=left)
        return self._process is not None

    def play(self, cue: Cue) -> PlayResult:
        """Play `cue` through the current backend; returns how it went out.

        The result carries the fallback message the first time audio is found broken.
        """
        if self._choice.backend == "audio":
            self.start()
            self._check_child(block_seconds=0.0)
        if self._choice.backend == "audio":
            self._send(f"play {cue.value}")
        backend = self._choice.backend
        if backend == "bell":
            self._bell()
        return PlayResult(cue, backend, self.take_message())

    def say(self, phrases: Sequence[str], fallback: Cue | None) -> PlayResult | None:
        """Speak `phrases` one after the other, when the voice `speaks` and every one of them
        is recorded; otherwise play `fallback` (None: nothing), as `play` does.

        Returns how it went out, or None when nothing was played.
        """
        if phrases and self.speaks and all(self.is_recorded(phrase) for phrase in phrases):
            self.start()
            self._send(f"say {' '.join(phrases)}")
            if self._choice.backend == "audio" and self._voice_problem is None:
                return PlayResult(fallback, "audio", self.take_message(), tuple(phrases))
        if fallback is None:
            return None
        return self.play(fallback)

    def set_volume(self, volume: int) -> None:
        """Play later cues at `volume` percent (0-100)."""
        self._volume = volume
        if self._process is not None:
            self._send(f"volume {volume}")

    def take_message(self) -> str | None:
        """The message about audio failing, the first time it is asked for; then None."""
        message, self._message = self._message, None
        return message

    def close(self, timeout: float = 1.0) -> None:
        """End the audio process: it exits when its input closes (after the cue it is playing),
        and is killed if it has not within `timeout` seconds."""
        process = self._forget_child()
        if process is None:
            return
        _close_quietly(process.stdin)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        _close_quietly(process.stdout)

    def __enter__(self) -> CuePlayer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _launch(self) -> None:
        try:
            sounds = self._sounds_dir or shipped_data_dir("sounds")
            command = [
                sys.executable,
                "-m",
                CHILD_MODULE,
                "--sounds",
                str(sounds),
                "--volume",
                str(self._volume),
                "--voice",
                str(self._voices()),
                *self._child_args,
            ]
            self._process = subprocess.Popen(
                command,
                bufsize=0,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                # ALSA writes errors straight to fd 2: it must never reach the terminal.
                stderr=subprocess.DEVNULL,
                env={**os.environ, **self._child_env},
                # A session of its own: no controlling terminal to write to, and Ctrl+C or
                # Ctrl+Z typed at the terminal are not delivered to it.
                start_new_session=True,
            )
            assert self._process.stdin is not None and self._process.stdout is not None
            # Non-blocking both ways: a stuck child must never stall the caller.
            os.set_blocking(self._process.stdin.fileno(), False)
            os.set_blocking(self._process.stdout.fileno(), False)
        except OSError as error:  # includes FileNotFoundError for a missing sounds folder
            self._audio_unavailable(f"the audio player could not be started: {error}")

    def _send(self, line: str) -> None:
        process = self._process
        if process is None or process.stdin is None:
            return
        try:
            # One short write is atomic on a pipe: it goes in whole or not at all.
            os.write(process.stdin.fileno(), line.encode("ascii") + b"\n")
        except BlockingIOError:
            self._give_up("the audio player stopped responding")
            return
        except OSError:  # BrokenPipeError: the child has gone
            self._give_up(self._how_it_ended(wait_seconds=_REAP_SECONDS))
            return
        if line.startswith(("play ", "say ")):
            self._pending += 1

    def _check_child(self, block_seconds: float) -> None:
        """Read what the child has said; notice if it has died. Waits for output up to
        `block_seconds` (0: not at all)."""
        process = self._process
        if process is None or process.stdout is None:
            return
        fd = process.stdout.fileno()
        if block_seconds > 0:
            select.select([fd], [], [], block_seconds)
        ended = False
        while True:
            try:
                chunk = os.read(fd, _READ_CHUNK)
            except BlockingIOError:
                break
            if not chunk:
                ended = True
                break
            self._received += chunk
        *lines, self._received = self._received.split(b"\n")
        for line in lines:
            self._handle_reply(line.decode("ascii", errors="replace").strip())
            if self._process is None:  # the reply made us stop using the child
                return
        if ended or process.poll() is not None:
            self._give_up(self._how_it_ended(wait_seconds=_REAP_SECONDS if ended else 0.0))

    def _handle_reply(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "ready":
            self._ready = True
        elif word == "unavailable":
            self._audio_unavailable(rest or "no reason given")
        elif word in ("played", "spoken", "skipped"):
            self._pending = max(0, self._pending - 1)
        elif word == "unspoken":
            # A phrase file cannot be read: audio still works, so the tones take over.
            self._pending = max(0, self._pending - 1)
            if self._voice_problem is None:
                self._voice_problem = rest or "a phrase could not be read"
                self._message = (
                    f"The voice stopped ({self._voice_problem}); tones are played instead."
                )
        elif word == "failed":
            self._pending = max(0, self._pending - 1)
            cue, _, why = rest.partition(" ")
            self._give_up(f"could not play {cue}: {why}")
        # Anything else is ignored, so that a newer child can say more.

    def _how_it_ended(self, wait_seconds: float) -> str:
        process = self._process
        if process is None:
            return "the audio player stopped"
        try:
            code = process.wait(timeout=wait_seconds) if wait_seconds else process.poll()
        except subprocess.TimeoutExpired:
            code = None
        if code is None:
            return "the audio player stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"the audio player process ended with {name}"
        return f"the audio player process exited unexpectedly (status {code})"

    def _audio_unavailable(self, problem: str) -> None:
        """The child said, cleanly, that audio cannot work here (or it could not be started):
        use what the mode picks without audio. Only an explicit `audio` mode is worth a message;
        in `auto` the bell is simply the right choice (and `choice` says why)."""
        if self._ready:
            self._give_up(problem)
            return
        if self._given_up:
            return
        self._stop_child()
        self._given_up = True
        self._choice = choose_backend(
            self._mode, self._environ, self._is_web, False, audio_problem=problem
        )
        if self._mode == "audio":
            self._message = f"Real audio is not available ({problem}); using the terminal bell."

    def _give_up(self, problem: str) -> None:
        """The audio process died, hung or failed to play: the bell for the rest of the session,
        and one message saying so (a crash is news even before the first cue was heard)."""
        if self._given_up:
            return
        self._stop_child()
        self._given_up = True
        self._choice = BackendChoice(
            "bell", f"audio stopped working ({problem}); the terminal bell is used instead"
        )
        self._message = (
            f"Audio stopped working ({problem}); "
            "using the terminal bell for the rest of this session."
        )

    def _voices(self) -> Path:
        if self._voice_dir is not None:
            return self._voice_dir
        return (self._sounds_dir or shipped_data_dir("sounds")) / VOICE_FOLDER

    def _forget_child(self) -> subprocess.Popen[bytes] | None:
        """Drop everything known about the current audio process; return it for ending."""
        process, self._process = self._process, None
        self._ready = False
        self._pending = 0
        self._received = b""
        return process

    def _stop_child(self) -> None:
        process = self._forget_child()
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        # Reaping a killed process takes microseconds; the bound is only a safety net.
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.1)
        _close_quietly(process.stdin)
        _close_quietly(process.stdout)


_WHERE_CUES_GO: Final[dict[Backend, str]] = {
    "audio": "real audio",
    "bell": "the terminal bell",
    "visual": "the screen only",
    "off": "nowhere (sound is off)",
}


def _close_quietly(stream: object) -> None:
    close = getattr(stream, "close", None)
    if close is None:
        return
    with contextlib.suppress(OSError):  # a broken pipe on flush: nothing left to tell
        close()
