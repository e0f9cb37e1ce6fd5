"""End-to-end fixtures: the installed `stretch-tui` in a real pseudo-terminal, a temporary home.

Every test here is marked `e2e` (run only these with `pytest -m e2e`, skip them with
`-m "not e2e"`). The app runs as a separate process, so nothing of the test process (fake
clocks, monkeypatches) reaches it: a test prepares the files in its home folder instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import Profile
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.preferences import save_preferences
from stretch_tui.storage.profile import save_profile
from tests.appkit import current_screening
from tests.e2e.terminal import Terminal, app_env, stretch_tui_command

StartApp = Callable[..., Terminal]
"""`start_app(*args, size=(100, 30))`: the app started in a new terminal, args after the
command (`"library"`, `"session"`, ...)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder `e2e`."""
    folder = Path(__file__).parent
    for item in items:
        if folder in item.path.parents:
            item.add_marker(pytest.mark.e2e)


def past_the_welcome(home: Path, **changes: object) -> None:
    """Write preferences with the self-care notice acknowledged (Home shows directly), quiet
    cues (no bell in the test run), and any other `changes`."""
    settings: dict[str, object] = {"notice_seen": True, "sound_mode": "visual", **changes}
    save_preferences(resolve_paths(home), Preferences(**settings))


def screened_as(home: Path, responder: str) -> None:
    """Write a profile with a screening (no warning signs) that found `responder`."""
    record = current_screening(responder)  # type: ignore[arg-type]
    save_profile(resolve_paths(home), Profile(screening=record))


@pytest.fixture
def start_app(isolated_home: Path) -> Iterator[StartApp]:
    """Start the installed app in a new terminal over `isolated_home`; every terminal started
    is closed (the app killed if still running) at the end of the test."""
    terminals: list[Terminal] = []
    command = stretch_tui_command()
    isolated_home.mkdir(parents=True, exist_ok=True)

    def start(*args: str, size: tuple[int, int] = (100, 30)) -> Terminal:
        term = Terminal(*size)
        terminals.append(term)
        term.start([command, *args], env=app_env(isolated_home), cwd=isolated_home)
        return term

    yield start
    for term in terminals:
        term.close()
