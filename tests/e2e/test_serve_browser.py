"""`stretch-tui serve` in a real headless Chromium (docs/product.md 9.1): the page loads, the
app in the tab shows Home at the browser's default size, a key opens the library and typing
filters it, and a screenshot is saved; and two tabs at once, each its own app process over the
same files, keep both their sessions (the running-session lock holds one off while the other
runs, as between two terminals).

Needs Debian's `chromium` and `chromium-driver` (scripts/system-deps installs them), the `web`
extra and selenium (`make test` installs both); skipped, saying which, without them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.browser import END, BrowserPage, ServedApp, system_chromium
from tests.e2e.conftest import past_the_welcome, screened_as
from tests.e2e.test_session import PAIN_AFTER, PAIN_BEFORE, QUICK, history, prepare

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        system_chromium() is None, reason="needs chromium and chromium-driver (Debian)"
    ),
]

HOME_MARK = "Library"
"""Home's menu names the library (its `l` key opens it)."""

QUICK_SELECTED = "Yours, in"
"""The Routines screen's detail of a user routine: the QUICK one is selected (the only one)."""

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


def open_quick_routine(page: BrowserPage) -> None:
    """From Home: the Routines screen with the user's QUICK routine (the last) selected."""
    page.type("t")
    page.wait_for("Quick test routine")
    page.type(END)
    page.wait_for(QUICK_SELECTED)


def run_quick_session(page: BrowserPage) -> None:
    """From the pain-before page: rate 3, let the QUICK routine run, rate 2 after; the summary
    says it is saved."""
    page.type("3")
    deadline = time.monotonic() + 30
    while not page.has_text(PAIN_AFTER):
        if page.has_text("Better") and page.has_text("Worse"):
            page.type("s")  # a leg-symptom question: the same
        assert time.monotonic() < deadline, f"no pain-after page:\n{page.screen_text()}"
        time.sleep(0.1)
    page.type("2")
    page.wait_for("Saved in your history.")


def test_two_tabs_at_once_are_two_apps_over_the_same_files_and_keep_both_sessions(
    isolated_home: Path, page: BrowserPage
) -> None:
    prepare(isolated_home, QUICK)
    with ServedApp(isolated_home) as served, BrowserPage() as second:
        page.open(served.url)
        second.open(served.url)
        for tab in (page, second):
            tab.wait_for(HOME_MARK, timeout=30)
            open_quick_routine(tab)

        page.type("s")
        page.wait_for(PAIN_BEFORE)
        # The second tab is an app of its own over the same files: the first one's
        # running-session lock holds it off, as a second terminal would be.
        second.type("s")
        second.wait_for("Session already running")
        run_quick_session(page)

        second.type("s")  # the first one's session saved, the second tab may run its own
        second.wait_for(PAIN_BEFORE)
        run_quick_session(second)

    sessions = history(isolated_home)
    assert len(sessions) == 2 and len({session["id"] for session in sessions}) == 2
    assert all(session["routine"] == "quick" for session in sessions)
    assert all(session["status"] == "completed" for session in sessions)
