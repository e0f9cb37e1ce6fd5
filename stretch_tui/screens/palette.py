"""Textual's command palette without a crash on a late search result.

Found by the end-to-end random-key test in Textual 8.2: a search still gathering commands when
the palette closes fills the list of a palette that is gone, and the list's watcher fails with
`NoMatches`, which ends the app with a traceback. Here the late result is dropped. Likewise a
selection or an escape that reaches a palette already closed (two quick keys, or keys queued
while the app quits) would dismiss it a second time and pop a screen that is not there; here
it is ignored. (Page keys
pressed too early are fixed for every option list in `stretch_tui.textual_fixes`.)
"""

from __future__ import annotations

from textual.command import Command, CommandList, CommandPalette
from textual.widgets import Button, Input


class StretchCommandPalette(CommandPalette):
    """The command palette, where results that arrive after it closed are dropped."""

    def _refresh_command_list(
        self, command_list: CommandList, commands: list[Command], clear_current: bool
    ) -> None:
        if not command_list.is_attached:
            return
        super()._refresh_command_list(command_list, commands, clear_current)

    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        if self._still_open():
            super()._select_or_command(event)

    def _action_escape(self) -> None:
        if self._still_open():
            super()._action_escape()

    def _still_open(self) -> bool:
        """True while the palette is the top screen over another, and the app is not quitting."""
        app = self.app
        return self.is_current and len(app.screen_stack) > 1 and not getattr(app, "exiting", False)
