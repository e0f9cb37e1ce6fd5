"""Fixtures for the storage tests (the top-level conftest already isolates the home folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.storage.paths import AppPaths, resolve_paths


@pytest.fixture
def paths(isolated_home: Path) -> AppPaths:
    """The app paths under the test's own home folder."""
    return resolve_paths(isolated_home)
