"""Fixtures of the app tests."""

from __future__ import annotations

import pytest

from stretch_tui.sound.player import CuePlayer
from tests.sessionkit import RecordingPlayer


@pytest.fixture
def player(monkeypatch: pytest.MonkeyPatch) -> RecordingPlayer:
    """Every session in the test plays its cues into this recorder (no sound, no bell)."""
    recorder = RecordingPlayer()
    monkeypatch.setattr(CuePlayer, "from_preferences", lambda *args, **kwargs: recorder)
    return recorder
