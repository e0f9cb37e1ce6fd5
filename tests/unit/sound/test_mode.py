"""The `sound_mode` rules of docs/product.md 7, as the pure `choose_backend` applies them."""

from __future__ import annotations

from typing import get_args

import pytest

from stretch_tui.domain.preferences import SOUND_MODES
from stretch_tui.sound.mode import Backend, choose_backend, in_browser

LOCAL: dict[str, str] = {"TERM": "xterm-256color"}


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "SSH_TTY"])
def test_auto_picks_the_bell_over_ssh_even_when_audio_works(variable: str) -> None:
    backend, reason = choose_backend("auto", {variable: "10.0.0.2 5022 10.0.0.1 22"}, False, True)
    assert backend == "bell"
    assert "SSH" in reason and variable in reason


def test_an_empty_ssh_variable_does_not_count_as_ssh() -> None:
    assert choose_backend("auto", {"SSH_CONNECTION": ""}, False, True).backend == "audio"


def test_auto_shows_cues_on_screen_in_a_browser_where_the_bell_is_silent() -> None:
    # textual-serve's page gives xterm.js no bell handler: the bell character sounds nothing.
    backend, reason = choose_backend("auto", LOCAL, True, True)
    assert backend == "visual"
    assert reason.startswith("in a browser: ")


def test_a_browser_tab_of_a_server_started_over_ssh_is_still_a_browser() -> None:
    assert choose_backend("auto", {"SSH_CONNECTION": "x"}, True, True).backend == "visual"


def test_in_a_browser_is_what_textual_serve_puts_in_the_environment() -> None:
    assert in_browser({"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"})
    assert not in_browser(LOCAL)
    assert not in_browser({"TEXTUAL_DRIVER": "textual.drivers.linux_driver:LinuxDriver"})


def test_auto_picks_audio_locally_when_it_works() -> None:
    assert choose_backend("auto", LOCAL, False, True).backend == "audio"


def test_auto_picks_the_bell_locally_without_audio_and_says_why() -> None:
    backend, reason = choose_backend(
        "auto", LOCAL, False, False, audio_problem="simpleaudio is not installed"
    )
    assert backend == "bell"
    assert "simpleaudio is not installed" in reason


@pytest.mark.parametrize("mode", ["bell", "visual", "off"])
@pytest.mark.parametrize("audio_available", [True, False])
@pytest.mark.parametrize("environ", [LOCAL, {"SSH_TTY": "/dev/pts/3"}])
def test_explicit_modes_are_honoured_anywhere(
    mode: str, audio_available: bool, environ: dict[str, str]
) -> None:
    for is_web in (False, True):
        choice = choose_backend(mode, environ, is_web, audio_available)  # type: ignore[arg-type]
        assert choice.backend == mode
        assert choice.reason


def test_audio_mode_plays_audio_even_over_ssh_when_it_works() -> None:
    assert choose_backend("audio", {"SSH_CONNECTION": "x"}, False, True).backend == "audio"


def test_audio_mode_without_audio_falls_back_to_the_bell_with_the_reason() -> None:
    backend, reason = choose_backend(
        "audio", LOCAL, False, False, audio_problem="no sound device could be opened"
    )
    assert backend == "bell"
    assert "not available" in reason and "no sound device could be opened" in reason


def test_every_mode_has_a_rule_and_a_reason() -> None:
    for mode in SOUND_MODES:
        backend, reason = choose_backend(mode, LOCAL, False, True)
        assert backend in get_args(Backend)
        assert reason
