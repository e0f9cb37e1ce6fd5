"""From the `sound_mode` setting to the backend that plays cues, with the reason
(docs/product.md 7).

Pure: the environment, whether the app runs in a browser and whether real audio works are
passed in, so every rule is tested without a terminal, SSH or a sound card.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, NamedTuple

from stretch_tui.domain.preferences import SoundMode

Backend = Literal["audio", "bell", "visual", "off"]
"""How cues go out: real audio, the terminal bell, on screen only, or not at all."""

SSH_VARIABLES: Final = ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT")
"""Set by the SSH server in the remote shell; any one of them means a remote session."""


class BackendChoice(NamedTuple):
    """The backend picked for a mode and one phrase saying why (for `sound-test` and Settings)."""

    backend: Backend
    reason: str


WEB_DRIVER: Final = "textual.drivers.web_driver:WebDriver"
"""What textual-serve puts in `TEXTUAL_DRIVER` for the app it runs for a browser tab; Textual
takes its driver from that variable, and the app's `is_web` is then true."""


def in_browser(environ: Mapping[str, str]) -> bool:
    """True when `environ` is that of an app textual-serve runs for a browser tab (for the
    command line; the app asks its driver, `App.is_web`)."""
    return environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def ssh_variable(environ: Mapping[str, str]) -> str | None:
    """The name of the first SSH variable set (non-empty) in `environ`, or None when local."""
    return next((name for name in SSH_VARIABLES if environ.get(name)), None)


def choose_backend(
    mode: SoundMode,
    environ: Mapping[str, str],
    is_web: bool,
    audio_available: bool,
    *,
    audio_problem: str | None = None,
) -> BackendChoice:
    """The backend for `mode`.

    `audio_available` says whether the audio player process started and reported ready;
    `audio_problem`, when it did not, says why, and is quoted in the reason.
    """
    problem = f" ({audio_problem})" if audio_problem else ""
    match mode:
        case "off":
            return BackendChoice("off", "sound is off in Settings")
        case "visual":
            return BackendChoice("visual", "cues are only shown on screen (chosen in Settings)")
        case "bell":
            return BackendChoice("bell", "the terminal bell was chosen in Settings")
        case "audio":
            # An explicit choice is honoured even over SSH: the person may be sitting at the
            # remote machine's speakers.
            if audio_available:
                return BackendChoice("audio", "real audio was chosen in Settings")
            return BackendChoice("bell", f"real audio was chosen but is not available{problem}")
    # `auto`: over SSH or in a browser, the local speakers are not where the person is. Over
    # SSH the terminal bell is the one sound that travels back to them; textual-serve's page
    # hands the bell character to a terminal with no bell handler, so nothing sounds, and in a
    # browser the cue on screen is what reaches them. The browser comes first: a server started
    # in an SSH session passes the SSH variables on to every tab's app.
    if is_web:
        return BackendChoice(
            "visual",
            "in a browser: its page does not sound the terminal bell, and audio would play "
            "on the machine serving it, so cues are shown on screen",
        )
    remote = ssh_variable(environ)
    if remote is not None:
        return BackendChoice("bell", f"running over SSH ({remote} is set)")
    if audio_available:
        return BackendChoice("audio", "running locally and real audio works")
    return BackendChoice("bell", f"running locally but real audio is not available{problem}")
