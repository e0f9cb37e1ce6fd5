"""Work-arounds for Textual bugs that crash the app, applied once when the app is built.

Each was found by the end-to-end random-key test (tests/e2e/test_random_keys.py) in Textual
8.2 and ended the app with a traceback. Remove one when Textual fixes it (the test will say
if it comes back).

- `OptionList` page up/down before the list has a size: `_move_page` looks up the highlighted
  option's line in a table that is filled only once the widget has a size, and raises
  `KeyError`. It happens in the command palette just after it opens and in a `Select`'s
  drop-down. Nothing has changed when it raises, so the key is ignored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from textual.widgets import OptionList

_applied = False


def apply_textual_fixes() -> None:
    """Patch the Textual bugs listed above; calling it again does nothing."""
    global _applied
    if _applied:
        return
    _applied = True
    move_page: Callable[[OptionList, Any], None] = OptionList._move_page

    def move_page_when_laid_out(self: OptionList, direction: Any) -> None:
        with contextlib.suppress(KeyError):  # no line table yet: nothing to page through
            move_page(self, direction)

    OptionList._move_page = move_page_when_laid_out  # type: ignore[method-assign]
