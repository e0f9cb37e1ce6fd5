"""A first run in a real terminal: welcome, screening, result, and back on Home."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.e2e.conftest import StartApp
from tests.e2e.drive import EXTENSION_ANSWERS, HOME_MARK, answer_screening
from tests.e2e.terminal import app_env, stretch_tui_command


def test_first_run_screening_ends_on_home_as_an_extension_responder(
    start_app: StartApp, isolated_home: Path
) -> None:
    term = start_app()
    term.wait_for("Welcome to stretch-tui", timeout=20)
    term.send("s")
    answer_screening(term, EXTENSION_ANSWERS)
    assert "Your result: Extension responder" in term.screen_text()

    term.send("enter")
    home = term.wait_for(HOME_MARK)
    assert "Extension responder" in home
    term.send("ctrl+c")
    assert term.wait_exit() == 0
    term.assert_restored()

    paths = subprocess.run(
        [stretch_tui_command(), "paths"],
        env=app_env(isolated_home),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    profile = next(line for line in paths.splitlines() if line.startswith("profile"))
    profile_file = Path(profile.split(None, 1)[1])
    assert profile_file == isolated_home / "profile.toml"
    assert 'responder = "extension"' in profile_file.read_text(encoding="utf-8")
    assert (isolated_home / "preferences.toml").exists()  # the notice is remembered
