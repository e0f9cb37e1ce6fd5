"""An input whose enter key moves on at once (the screening's and the re-rating's fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Input


class EnterMovesOn(Input):
    """An input whose enter key calls `on_enter` at once, while the key is handled.

    A plain Input posts `Submitted`, which is handled after any keys already typed; moving
    focus there would let fast typing (or a paste) spill into the field being left.
    """

    def __init__(self, on_enter: Callable[[Input], None], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._when_entered = on_enter

    async def action_submit(self) -> None:
        """Move on instead of posting `Submitted`."""
        self._when_entered(self)
