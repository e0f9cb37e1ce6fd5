"""Textual's command palette without a crash on a late search result.

Found by the end-to-end random-key test in Textual 8.2: a search still gathering commands when
the palette closes fills the list of a palette that is gone, and the list's watcher fails with
`NoMatches`, which ends the app with a traceback. Here the late result is dropped. (Page keys
pressed too early are fixed for every option list in `stretch_tui.textual_fixes`.)
"""

from __future__ import annotations

from textual.command import Command, CommandList, CommandPalette


class StretchCommandPalette(CommandPalette):
    """The command palette, where results that arrive after it closed are dropped."""

    def _refresh_command_list(
        self, command_list: CommandList, commands: list[Command], clear_current: bool
    ) -> None:
        if not command_list.is_attached:
            return
        super()._refresh_command_list(command_list, commands, clear_current)
