"""`sound-test`: play every cue and say which sound mode is used, and why; say whether the voice
is heard, and why, and speak one phrase with it (docs/product.md 7)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from stretch_tui.sound.cues import Cue
from stretch_tui.sound.mode import in_browser
from stretch_tui.sound.player import CuePlayer
from stretch_tui.sound.voice import SAMPLE_PHRASE
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.preferences import load_preferences

READY_TIMEOUT = 5.0
"""Seconds the audio player process gets to start and open the sound device."""

CUE_TIMEOUT = 3.0
"""Seconds one cue may take to play (the longest lasts 0.6 s) before we stop waiting."""

BELL_GAP = 0.6
"""Seconds between two bells, so that each can be heard on its own."""

_EXIT_OK, _EXIT_FAILURE = 0, 1


def run_sound_test(args: argparse.Namespace, paths: AppPaths) -> int:
    """Play every cue with the user's sound settings; 1 when audio failed, else 0."""
    loaded = load_preferences(paths)
    for notice in loaded.notices:
        print(f"stretch-tui: {notice}", file=sys.stderr)
    # Run with a browser tab's environment (textual-serve's TEXTUAL_DRIVER), it says what
    # the app in that tab picks.
    is_web = in_browser(os.environ)
    with CuePlayer.from_preferences(loaded.value, bell=ring_terminal_bell, is_web=is_web) as player:
        return play_every_cue(player, out=sys.stdout, pause=time.sleep)


def play_every_cue(player: CuePlayer, *, out: TextIO, pause: Callable[[float], None]) -> int:
    """Say the mode and why, and the voice and why, then play each cue, waiting (bounded) for
    each to be heard, and speak one phrase when the voice is heard.

    `pause` waits between bells (tests pass one that returns at once). Returns 1 when audio
    was wanted but failed or stopped working, else 0.
    """
    choice = player.wait_ready(READY_TIMEOUT)
    print(f"mode {player.mode} -> {choice.backend}: {choice.reason}", file=out, flush=True)
    print(f"voice {'on' if player.voice else 'off'}: {player.voice_reason}", file=out, flush=True)
    # An explicit `audio` mode that cannot play, or a player that crashed, leaves a message.
    message = player.take_message()
    failed = message is not None
    if message:
        print(message, file=out, flush=True)
    for cue in Cue:
        result = player.play(cue)
        if result.message:
            print(result.message, file=out, flush=True)
            failed = True
        match result.backend:
            case "audio":
                heard = player.wait_idle(CUE_TIMEOUT)
                outcome = "played through audio" if heard else "sent to audio but not heard back"
            case "bell":
                outcome = "rang the terminal bell"
                pause(BELL_GAP)
            case "visual":
                outcome = "shown on screen only (no sound)"
            case _:
                outcome = "silent (sound is off)"
        print(f"  {cue.label}: {outcome}", file=out, flush=True)
    if player.speaks:
        said = player.say((SAMPLE_PHRASE,), None)
        if said is not None and said.message:
            print(said.message, file=out, flush=True)
            failed = True
        if said is not None and said.spoken:
            heard = player.wait_idle(CUE_TIMEOUT) and player.speaks
            outcome = "spoken through audio" if heard else "sent to audio but not heard back"
        else:
            outcome = "not spoken (no recording of it)"
        print(f'  Voice, "{SAMPLE_PHRASE.replace("-", " ")}": {outcome}', file=out, flush=True)
    # A crash while the last cue or the phrase played is only noticed now.
    message = player.take_message()
    if message:
        print(message, file=out, flush=True)
        failed = True
    return _EXIT_FAILURE if failed else _EXIT_OK


def ring_terminal_bell() -> None:
    """The terminal bell, for the command line (the app uses its own `bell`).

    Rung on whichever of stdout and stderr is a terminal, so that `sound-test > file` still
    rings rather than putting the bell character in the file.
    """
    stream = next((s for s in (sys.stdout, sys.stderr) if s.isatty()), sys.stdout)
    stream.write("\a")
    stream.flush()
