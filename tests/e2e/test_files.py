"""Bad files in a real terminal: the app starts, says what happened, and keeps the file."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.conftest import StartApp

CORRUPT_NAME = re.compile(r"^preferences\.toml\.corrupt-\d{8}T\d{6}(-\d+)?$")


def test_corrupt_preferences_are_reported_and_kept_aside(
    start_app: StartApp, isolated_home: Path
) -> None:
    garbage = 'notice_seen = true\ntheme = "unterminated\n[[[\n'
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "preferences.toml").write_text(garbage, encoding="utf-8")

    term = start_app()
    # Defaults for the preferences: the first-run welcome, with the notification over it.
    term.wait_for("Welcome to stretch-tui", timeout=20)
    shown = term.wait_for("File problem")
    assert term.alive

    kept = [path for path in isolated_home.iterdir() if CORRUPT_NAME.match(path.name)]
    assert len(kept) == 1, sorted(path.name for path in isolated_home.iterdir())
    assert kept[0].read_text(encoding="utf-8") == garbage
    # The notification names the file it moved aside (the lines may wrap anywhere else).
    assert kept[0].name in " ".join(shown.split())
    term.send("ctrl+c")
    assert term.wait_exit() == 0
    term.assert_restored()
