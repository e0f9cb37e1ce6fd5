"""In a real terminal: someone who never answered the warning-sign questions and types
`stretch-tui session ROUTINE` meets those questions before anything else of the session, and
answering no to every one goes on to it (docs/product.md 4.1)."""

from __future__ import annotations

import re
from pathlib import Path

from stretch_tui.domain.screening import load_questionnaire
from stretch_tui.storage.paths import resolve_paths
from tests.e2e.conftest import StartApp, past_the_welcome
from tests.e2e.terminal import Terminal

GENTLE = """\
schema_version = 1
id = "gentle"
name = "Gentle test routine"
lead_in_seconds = 0

[[items]]
exercise = "cat-cow"
cycles = 1
seconds_per_phase = 1
"""
"""Cat-cow only: nothing in it to warn anyone about, so the runner follows the questions."""

PAIN_BEFORE = "How much does your back hurt right now?"


def question(number: int, total: int) -> re.Pattern[str]:
    return re.compile(rf"Question {number} of {total}\b")


def test_red_flags_come_before_the_pain_question(start_app: StartApp, isolated_home: Path) -> None:
    past_the_welcome(isolated_home)
    folder = resolve_paths(isolated_home).routines_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gentle.toml").write_text(GENTLE, encoding="utf-8")
    red_flags = load_questionnaire().red_flags

    term: Terminal = start_app("session", "gentle")
    term.wait_for("Before your first session", timeout=20)
    assert not term.has_text(PAIN_BEFORE)
    for number in range(1, len(red_flags) + 1):
        term.wait_for(question(number, len(red_flags)))
        assert not term.has_text(PAIN_BEFORE)
        term.send("n")
    term.wait_for(PAIN_BEFORE, timeout=10)
    term.send("s")  # skip the rating
    term.wait_for("Cat-cow", timeout=5)
    term.send("ctrl+c")
    assert term.wait_exit() == 0
    term.assert_restored()
    assert "Traceback" not in term.output.decode("utf-8", "replace")
