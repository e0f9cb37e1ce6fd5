"""The app and its terminal: a window too small and back, a hang-up, the terminal restored."""

from __future__ import annotations

import contextlib
import signal
import time
from pathlib import Path

from tests.e2e.conftest import StartApp, past_the_welcome
from tests.e2e.drive import HOME_MARK

TOO_SMALL = "Make the terminal larger"


def test_too_small_message_comes_and_goes_with_the_window_size(
    start_app: StartApp, isolated_home: Path
) -> None:
    past_the_welcome(isolated_home)
    term = start_app()
    term.wait_for(HOME_MARK, timeout=20)

    term.resize(50, 15)
    small = term.wait_for(TOO_SMALL)
    assert "now 50x15" in " ".join(small.split())
    assert HOME_MARK not in small

    term.resize(100, 30)
    term.wait_gone(TOO_SMALL)
    term.wait_for(HOME_MARK)
    assert term.alive
    term.send("q")  # Home's own quit key
    assert term.wait_exit() == 0
    term.assert_restored()
    assert "Traceback" not in term.output.decode("utf-8", "replace")


def test_starting_in_a_small_window_asks_for_a_larger_one(
    start_app: StartApp, isolated_home: Path
) -> None:
    past_the_welcome(isolated_home)
    term = start_app("library", size=(40, 12))
    term.wait_for(TOO_SMALL, timeout=20)
    term.resize(80, 24)
    term.wait_for("Exercise")  # the library's table header
    term.send("ctrl+c")
    assert term.wait_exit() == 0
    term.assert_restored()


def test_a_hang_up_on_home_exits_and_restores_the_terminal(
    start_app: StartApp, isolated_home: Path
) -> None:
    past_the_welcome(isolated_home)
    term = start_app()
    term.wait_for(HOME_MARK, timeout=20)
    term.signal(signal.SIGHUP)
    status = term.wait_exit()
    assert status in (0, 128 + signal.SIGHUP), status  # a clean exit, not death by signal
    term.assert_restored()
    assert "Traceback" not in term.output.decode("utf-8", "replace")


def test_a_terminate_signal_exits_and_restores_the_terminal(
    start_app: StartApp, isolated_home: Path
) -> None:
    past_the_welcome(isolated_home)
    term = start_app("library")
    term.wait_for("Exercise", timeout=20)
    term.signal(signal.SIGTERM)
    assert term.wait_exit() in (0, 128 + signal.SIGTERM)
    term.assert_restored()


def test_ctrl_c_while_the_app_quits_leaves_it_clean(
    start_app: StartApp, isolated_home: Path
) -> None:
    """q, then ctrl+c pressed again and again while the app shuts down: once the terminal is
    back in its normal mode ctrl+c is SIGINT, which used to cut the shutdown short (a
    KeyboardInterrupt, exit status -2; the random-key test found it)."""
    past_the_welcome(isolated_home)
    term = start_app()
    term.wait_for(HOME_MARK, timeout=20)
    term.settle(quiet=0.2, timeout=5, strict=False)
    term.send("q")
    deadline = time.monotonic() + 5
    presses = 0
    while term.alive and time.monotonic() < deadline:
        with contextlib.suppress(OSError):  # the pty may close under the write
            term.write(b"\x03")
            presses += 1
        term.pump(0.005)
    assert term.wait_exit() == 0  # not -2: the shutdown ran to its end
    assert presses > 1
    # Not `assert_restored`: a ctrl+c typed while the terminal is in its normal mode makes
    # the kernel drop the output still queued for the terminal (no NOFLSH), so the restoring
    # sequences the app wrote can be lost under a stream of them; a terminal a person uses
    # reads the output at once.
    assert "Traceback" not in term.output.decode("utf-8", "replace")
