"""Fixtures of the session tests."""

from __future__ import annotations

import pytest

from stretch_tui.domain.catalog import Catalog, load_shipped_catalog
from tests.unit.session.helpers import FakeClock


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The shipped catalog, loaded once."""
    loaded = load_shipped_catalog()
    assert not loaded.problems
    return loaded


@pytest.fixture
def fake_clock() -> FakeClock:
    """A clock starting at 1000 s."""
    return FakeClock()
