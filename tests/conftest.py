"""Shared fixtures: every test runs with its own empty home, never the developer's files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point STRETCH_TUI_HOME (and the XDG folders, for platformdirs) at a temporary folder."""
    home = tmp_path / "stretch-home"
    monkeypatch.setenv("STRETCH_TUI_HOME", str(home))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "xdg" / variable.lower()))
    for variable in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        monkeypatch.delenv(variable, raising=False)
    yield home
