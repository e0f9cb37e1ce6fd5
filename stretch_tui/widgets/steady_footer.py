"""A footer that is rebuilt only when the keys it shows change.

Textual's `Footer` removes and mounts all its keys again (each one styled anew) whenever its
screen says its bindings may have changed: when the screen mounts, whenever the focus moves,
and whenever a screen refreshes its bindings. Opening a screen does that three times or
more, almost always to show the very same keys, and it was a tenth of the progress
screen's time (docs/product.md 10). This footer first compares what it would show with what
it shows.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

KeyShown = tuple[str, str, str, bool, str]
"""A key as the footer shows it: key, action, description, enabled, tooltip."""


class SteadyFooter(Footer):
    """Textual's footer, rebuilt only when the keys shown change."""

    _shown: tuple[KeyShown, ...] | None = None
    """The keys of the last build; None before the first."""

    _pending = False
    """True while a rebuild is on its way (it will show the keys as they are then)."""

    def _keys_shown(self) -> tuple[KeyShown, ...]:
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        """Textual's keys, remembering which they are."""
        if self._bindings_ready:
            self._shown = self._keys_shown()
            self._pending = False
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild only when the keys to show are not the ones shown, and not while a
        rebuild is on its way."""
        if self.is_attached and screen is self.screen:
            if self._pending or (self._shown is not None and self._keys_shown() == self._shown):
                return
            self._pending = screen.app.app_focus
        super().bindings_changed(screen)
