"""`CuePlayer`: the player process is used while it works, and its death, whatever the cause,
leaves the caller running on the bell with exactly one message.

These tests use the child's `silent` backend, so they need neither simpleaudio nor a sound card;
the real library is exercised in test_real_audio.py.
"""

from __future__ import annotations

import os
import signal
import struct
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from stretch_tui.sound.child import Sound, scale_volume
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CuePlayer, PlayResult

LOCAL: dict[str, str] = {}
SILENT = ("--backend", "silent")
WAIT = 10.0
"""Upper bound for any wait on the child process; normally it answers in about 0.1 s."""


class Bell:
    """Counts rings instead of making a sound."""

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
        child_args: Sequence[str] = SILENT,
        environ: dict[str, str] | None = None,
        **options: object,
    ) -> CuePlayer:
        player = CuePlayer(
            mode,  # type: ignore[arg-type]
            bell=bell,
            environ=LOCAL if environ is None else environ,
            child_args=child_args,
            **options,  # type: ignore[arg-type]
        )
        players.append(player)
        return player

    yield make
    for player in players:
        player.close(timeout=WAIT)


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the player process"
        time.sleep(0.01)


def messages(results: Sequence[PlayResult]) -> list[str]:
    return [result.message for result in results if result.message is not None]


def test_a_working_player_process_plays_every_cue_as_audio(
    make_player: Callable[..., CuePlayer], bell: Bell
) -> None:
    player = make_player()
    assert player.wait_ready(WAIT).backend == "audio"
    results = [player.play(cue) for cue in Cue]
    assert player.wait_idle(WAIT)
    assert [result.backend for result in results] == ["audio"] * len(Cue)
    assert messages(results) == []
    assert bell.rings == 0
    assert player.choice.backend == "audio"


def test_the_player_process_starts_only_when_needed(make_player: Callable[..., CuePlayer]) -> None:
    player = make_player()
    assert player.child_pid is None
    player.play(Cue.START)
    assert player.child_pid is not None


def test_a_segfault_in_the_player_process_leaves_the_caller_on_the_bell(
    make_player: Callable[..., CuePlayer], bell: Bell
) -> None:
    player = make_player(child_args=(*SILENT, "--crash-on", Cue.TICK.value))
    assert player.wait_ready(WAIT).backend == "audio"
    assert player.play(Cue.START).backend == "audio"
    assert player.play(Cue.TICK).backend == "audio"  # handed over; the child dies playing it
    assert not player.wait_idle(WAIT)  # the tick was never confirmed

    after = [player.play(cue) for cue in (Cue.END, Cue.START, Cue.SWITCH, Cue.SESSION_DONE)]

    assert [result.backend for result in after] == ["bell"] * 4
    assert bell.rings == 4
    [message] = messages(after)
    assert message == (
        "Audio stopped working (the audio player process ended with SIGSEGV); "
        "using the terminal bell for the rest of this session."
    )
    assert after[0].message == message  # told with the first cue that fell back
    assert player.choice.backend == "bell"
    assert "SIGSEGV" in player.choice.reason
    assert player.child_pid is None
    assert player.take_message() is None


def test_a_killed_player_process_leaves_the_caller_on_the_bell_with_one_message(
    make_player: Callable[..., CuePlayer], bell: Bell
) -> None:
    player = make_player()
    player.wait_ready(WAIT)
    pid = player.child_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)

    # Play on at once, as the app would: the death is noticed within a few cues at most
    # (through poll, end of output or a broken pipe) and never raises.
    results: list[PlayResult] = []
    deadline = time.monotonic() + WAIT
    while not results or results[-1].backend == "audio":
        assert time.monotonic() < deadline, "the dead player process was never noticed"
        results.append(player.play(Cue.TICK))
        time.sleep(0.005)
    results += [player.play(cue) for cue in Cue]

    assert messages(results) == [
        "Audio stopped working (the audio player process ended with SIGKILL); "
        "using the terminal bell for the rest of this session."
    ]
    assert bell.rings == len(Cue) + 1
    assert player.take_message() is None


def test_a_death_noticed_between_cues_is_reported_with_the_next_cue(
    make_player: Callable[..., CuePlayer], bell: Bell
) -> None:
    player = make_player()
    player.wait_ready(WAIT)
    pid = player.child_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: player.choice.backend == "bell")  # the app's idle check
    result = player.play(Cue.START)
    assert result.backend == "bell"
    assert result.message is not None and "SIGKILL" in result.message
    assert player.play(Cue.END).message is None
    assert bell.rings == 2


def test_a_player_process_that_cannot_start_means_the_bell_in_auto_mode_without_a_message(
    make_player: Callable[..., CuePlayer], bell: Bell, tmp_path: Path
) -> None:
    player = make_player(sounds_dir=tmp_path / "no-such-folder")
    choice = player.wait_ready(WAIT)
    assert choice.backend == "bell"
    assert "cannot read the cue sounds" in choice.reason
    result = player.play(Cue.START)
    assert (result.backend, result.message) == ("bell", None)
    assert bell.rings == 1


def test_audio_mode_without_simpleaudio_says_so_once_and_rings_the_bell(
    make_player: Callable[..., CuePlayer], bell: Bell, tmp_path: Path
) -> None:
    # A `simpleaudio` that cannot be imported, found before any installed one.
    fake = tmp_path / "fake-packages"
    (fake / "simpleaudio").mkdir(parents=True)
    (fake / "simpleaudio" / "__init__.py").write_text("raise ImportError('not here')\n")
    path = os.pathsep.join(p for p in (str(fake), os.environ.get("PYTHONPATH")) if p)
    player = make_player("audio", child_args=(), child_env={"PYTHONPATH": path})

    choice = player.wait_ready(WAIT)
    results = [player.play(cue) for cue in Cue]

    assert choice.backend == "bell"
    assert "install the sound extra" in choice.reason
    assert [result.backend for result in results] == ["bell"] * len(Cue)
    [message] = messages(results)
    assert message.startswith("Real audio is not available (simpleaudio is not installed")
    assert bell.rings == len(Cue)


@pytest.mark.parametrize("mode", ["bell", "visual", "off"])
def test_modes_without_audio_never_start_the_player_process(
    make_player: Callable[..., CuePlayer], bell: Bell, mode: str
) -> None:
    player = make_player(mode)
    results = [player.play(cue) for cue in Cue]
    assert {result.backend for result in results} == {mode}
    assert player.child_pid is None
    assert bell.rings == (len(Cue) if mode == "bell" else 0)


def test_auto_over_ssh_rings_the_bell_without_starting_the_player_process(
    make_player: Callable[..., CuePlayer], bell: Bell
) -> None:
    player = make_player(environ={"SSH_CONNECTION": "10.0.0.2 5022 10.0.0.1 22"})
    assert player.play(Cue.START).backend == "bell"
    assert player.child_pid is None
    assert bell.rings == 1


def test_close_ends_the_player_process(make_player: Callable[..., CuePlayer]) -> None:
    player = make_player()
    player.wait_ready(WAIT)
    pid = player.child_pid
    assert pid is not None
    player.close(timeout=WAIT)
    assert player.child_pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # reaped, so the pid no longer exists


def test_volume_scales_the_samples() -> None:
    loud = Sound(struct.pack("<2h", 10_000, -10_000), 1, 2, 44_100)
    assert scale_volume(loud, 100) == loud
    assert scale_volume(loud, 50).frames == struct.pack("<2h", 5_000, -5_000)
    assert scale_volume(loud, 0).frames == bytes(4)
