"""Textual's command palette without a crash on a late search result, answered once.

Found by the end-to-end random-key test in Textual 8.2: a search still gathering commands when
the palette closes fills the list of a palette that is gone, and the list's watcher fails with
`NoMatches`, which ends the app with a traceback. Here the late result is dropped.

A selection or an escape that reaches a palette already closed (two quick keys, or keys
queued while the app quits) would dismiss it a second time and pop a screen that is not
there. That is the class of bug every dialog of the app is guarded against
(`screens.base.AnswersOnce`), and the palette takes the same guard: a selection or an escape
counts only while the palette accepts answers. (Page keys pressed too early are fixed for
every option list in `stretch_tui.textual_fixes`.)

Both are Textual bugs not reported upstream yet: docs/upstream.md (sections 3 and 4) holds
the reports, and `tests/app/test_textual_upstream.py` fails once Textual fixes either, so that
the override is removed then.
"""

from __future__ import annotations

from textual.command import Command, CommandList, CommandPalette
from textual.widgets import Button, Input

from stretch_tui.screens.base import AnswersOnce


class StretchCommandPalette(CommandPalette, AnswersOnce[None]):
    """The command palette, answered once, where results that arrive after it closed are
    dropped."""

    def _refresh_command_list(
        self, command_list: CommandList, commands: list[Command], clear_current: bool
    ) -> None:
        if not command_list.is_attached:
            return
        super()._refresh_command_list(command_list, commands, clear_current)

    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        # Selecting closes the palette and runs the command: both at most once.
        if self.accepts_answers:
            super()._select_or_command(event)

    def _action_escape(self) -> None:
        if self.accepts_answers:
            super()._action_escape()
