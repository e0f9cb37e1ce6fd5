"""Take screenshots/browser-library.png: `stretch-tui serve` in a headless Chromium, the
library filtered by typing, as the README shows it.

    python scripts/browser_screenshot.py      (also run by: make screenshots)

Uses the same pieces as tests/e2e/test_serve_browser.py (tests/e2e/browser.py): Debian's
`chromium` and `chromium-driver`, the `web` extra and selenium; a temporary home with the
welcome seen and an extension responder's screening. The window is a laptop browser's
(1280x720); the test runs at the browser's default size.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.e2e.browser import BrowserPage, ServedApp, system_chromium
from tests.e2e.conftest import past_the_welcome, screened_as

OUT = Path(__file__).resolve().parents[1] / "screenshots" / "browser-library.png"
WINDOW = (1280, 720)
FILTER = "hip"


def main() -> int:
    """Serve the app, open the library in the browser, filter it and save the picture."""
    if system_chromium() is None:
        print("browser_screenshot: needs chromium and chromium-driver", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="stretch-tui-browser-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        past_the_welcome(home)
        screened_as(home, "extension")
        with BrowserPage(window=WINDOW) as page, ServedApp(home) as served:
            page.open(served.url)
            page.wait_for("Library", timeout=30)
            page.type("l")
            page.wait_for("Exercise")
            page.type(FILTER)
            page.wait_gone("Cat-cow")
            page.screenshot(OUT)
    print(OUT.relative_to(OUT.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
