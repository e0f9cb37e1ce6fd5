"""`stretch-tui serve` in a real headless Chromium (docs/product.md 9.1): the page loads, the
app in the tab shows Home at the browser's default size, a key opens the library and typing
filters it, and a screenshot is saved.

Needs Debian's `chromium` and `chromium-driver` (scripts/system-deps installs them), the `web`
extra and selenium (`make test` installs both); skipped, saying which, without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import BrowserPage, ServedApp, system_chromium
from tests.e2e.conftest import past_the_welcome, screened_as

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        system_chromium() is None, reason="needs chromium and chromium-driver (Debian)"
    ),
]

HOME_MARK = "Library"
"""Home's menu names the library (its `l` key opens it)."""

FILTERED_OUT = "Cat-cow"
"""An exercise the library shows until the filter `pigeon` is typed."""


@pytest.fixture
def page() -> Iterator[BrowserPage]:
    """A headless Chromium at its default window size, closed at the end."""
    pytest.importorskip("selenium")
    pytest.importorskip("textual_serve")
    with BrowserPage() as opened:
        yield opened


def test_the_served_app_opens_in_a_browser_and_the_library_filters(
    isolated_home: Path, tmp_path: Path, page: BrowserPage
) -> None:
    past_the_welcome(isolated_home)
    screened_as(isolated_home, "extension")
    with ServedApp(isolated_home) as served:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", served.url)
        page.open(served.url)
        page.wait_for(HOME_MARK, timeout=30)  # the tab's own app process is up
        size = page.size()
        assert size is not None and size[0] >= 60 and size[1] >= 20, size  # not "too small"
        assert "Make the terminal larger" not in page.screen_text()

        page.type("l")
        page.wait_for("Exercise")  # the library's table header
        page.wait_for(FILTERED_OUT)
        page.type("pigeon")
        screen = page.wait_gone(FILTERED_OUT)
        assert "Pigeon" in screen, screen
        shot = page.screenshot(tmp_path / "browser-library.png")
        assert shot.stat().st_size > 10_000  # a drawn page, not a blank one

    # SIGTERM stopped the server cleanly (it tells each tab's app to quit first).
    assert served.process is not None and served.process.returncode == 0, served.output
    assert "Traceback" not in served.output, served.output
