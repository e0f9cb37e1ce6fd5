"""Building the app for Pilot and snapshot tests: a temporary home, fixed data, no blink."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stretch_tui.app import StretchApp
from stretch_tui.domain.profile import Responder, ScreeningRecord, Tier
from stretch_tui.domain.screening import load_questionnaire
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths

SIZES = [(80, 24), (120, 40)]
"""The terminal sizes every screen is checked at."""


def make_app(home: Path, start_screen: str | None = None, *, first_run: bool = False) -> StretchApp:
    """An app over the files in `home`; past the first-run welcome unless `first_run`."""
    paths = resolve_paths(home)
    state = AppState(paths)
    if not first_run and not state.preferences.notice_seen:
        state.update_preferences(notice_seen=True)
    app = StretchApp(state, start_screen=start_screen)
    return app


def current_screening(
    responder: Responder | None = None, tier: Tier = "none", when: datetime | None = None
) -> ScreeningRecord:
    """A screening whose warning-sign answers still hold: given with today's questions, a
    week ago unless `when` (a test that fixes the app's day passes a date near it)."""
    return ScreeningRecord(
        date=when or datetime.now(UTC) - timedelta(days=7),
        tier=tier,
        responder=responder,
        questionnaire_version=load_questionnaire().version,
    )


def capture_notes(app: StretchApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification's text, in order (they are still shown)."""
    notes: list[str] = []
    original: Callable[..., None] = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        notes.append(message)
        original(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return notes
