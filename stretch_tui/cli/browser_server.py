"""The textual-serve server behind `stretch-tui serve`, saying where to point the browser in
one line instead of textual-serve's banner.

Imported only once `stretch-tui serve` has checked that the `web` extra is installed.
"""

from __future__ import annotations

import logging

from aiohttp import web
from textual_serve.server import Server

from stretch_tui import __version__


class BrowserServer(Server):
    """textual-serve's `Server`, with the page titled `stretch-tui` and the address printed."""

    def __init__(self, command: str, *, host: str, port: int, url: str) -> None:
        super().__init__(command, host=host, port=port, title="stretch-tui", public_url=url)

    def initialize_logging(self) -> None:
        """textual-serve's log, without a line for every request the page makes."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Print the address to open once the server listens."""
        self.console.print(
            f"stretch-tui {__version__}: open {self.public_url} in a web browser "
            "(each tab runs the app; Ctrl+C stops)",
            highlight=False,
            soft_wrap=True,
        )


def serve_app(command: str, *, host: str, port: int, url: str) -> None:
    """Serve the app (textual-serve runs `command` for each tab) until Ctrl+C or SIGTERM."""
    BrowserServer(command, host=host, port=port, url=url).serve()
