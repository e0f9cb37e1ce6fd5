"""The library opened straight in on a wide terminal: the preview beside the table is in the
screen's first frame, not laid out and drawn a frame later (textual_fixes,
`_set_breakpoint_classes`: headless, Textual sets the breakpoint classes in time, so this
needs a real terminal)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.conftest import StartApp, past_the_welcome

FIRST_FRAME = re.compile(r"(?s)Library.*\d+ of \d+.*\^p palette")
"""The library's first full frame: its title, the count under the table, the footer."""


def test_the_wide_library_shows_its_preview_in_its_first_frame(
    start_app: StartApp, isolated_home: Path
) -> None:
    past_the_welcome(isolated_home)
    term = start_app("library", size=(120, 40))
    first = term.wait_for(FIRST_FRAME, timeout=20, whole_frame=False)
    # The preview's left border runs down beside the table (its content may come a frame
    # later, once the first row is highlighted).
    bordered = [line for line in first.splitlines() if "│" in line]
    assert len(bordered) > 20
    term.send("ctrl+c")
    assert term.wait_exit() == 0
