"""`stretch-tui sound-test`: says the mode and why, then plays (or shows) every cue."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from stretch_tui.cli import main
from stretch_tui.cli.sound_test import play_every_cue
from stretch_tui.domain.preferences import Preferences
from stretch_tui.sound.cues import Cue
from stretch_tui.sound.player import CuePlayer
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.preferences import save_preferences

SSH = {"SSH_CONNECTION": "10.0.0.2 5022 10.0.0.1 22"}


def run(player: CuePlayer) -> tuple[int, list[str]]:
    out = io.StringIO()
    with player:
        code = play_every_cue(player, out=out, pause=lambda seconds: None)
    return code, out.getvalue().splitlines()


def test_over_ssh_it_says_auto_picks_the_bell_and_rings_it_for_each_cue() -> None:
    rings: list[int] = []
    code, lines = run(CuePlayer("auto", bell=lambda: rings.append(1), environ=SSH, voice=True))
    assert code == 0
    assert lines[0] == "mode auto -> bell: running over SSH (SSH_CONNECTION is set)"
    assert lines[1] == (
        "voice on: silent here: it needs real audio, and cues go to the terminal bell"
    )
    assert [line.strip() for line in lines[2:]] == [
        f"{cue.label}: rang the terminal bell" for cue in Cue
    ]
    assert len(rings) == len(Cue)


def test_locally_with_working_audio_it_says_audio_and_confirms_each_cue() -> None:
    player = CuePlayer("auto", bell=lambda: None, environ={}, child_args=("--backend", "silent"))
    code, lines = run(player)
    assert code == 0
    assert lines[0] == "mode auto -> audio: running locally and real audio works"
    assert lines[1] == "voice off: turned off in Settings"
    assert len(lines) == 2 + len(Cue)
    assert all(line.endswith("played through audio") for line in lines[2:])


def test_with_the_voice_heard_it_says_so_and_speaks_a_phrase() -> None:
    player = CuePlayer(
        "auto", bell=lambda: None, environ={}, child_args=("--backend", "silent"), voice=True
    )
    code, lines = run(player)
    assert code == 0
    assert lines[1] == "voice on: heard through real audio"
    assert lines[-1] == '  Voice, "session complete": spoken through audio'


def test_a_crash_during_the_test_is_reported_and_the_exit_status_is_1() -> None:
    player = CuePlayer(
        "audio",
        bell=lambda: None,
        environ={},
        child_args=("--backend", "silent", "--crash-on", Cue.SWITCH.value),
    )
    code, lines = run(player)
    assert code == 1
    assert [line.strip() for line in lines[2:]] == [
        "Start: played through audio",
        "Switch sides: sent to audio but not heard back",
        "Audio stopped working (the audio player process ended with SIGSEGV); "
        "using the terminal bell for the rest of this session.",
        "Tick: rang the terminal bell",
        "End: rang the terminal bell",
        "Session done: rang the terminal bell",
    ]


def test_the_command_reads_the_mode_from_preferences(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_preferences(resolve_paths(None), Preferences(sound_mode="visual"))
    assert main(["sound-test"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "mode visual -> visual: cues are only shown on screen (chosen in Settings)"
    )
    assert "Session done: shown on screen only" in out


def test_the_command_run_in_a_browser_tab_s_environment_gives_the_browser_reason(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert main(["sound-test"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("mode auto -> visual: in a browser: ")
