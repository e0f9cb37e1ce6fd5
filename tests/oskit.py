"""Simulating what the operating system does to files, for tests that run as root too."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest


def deny_writes_under(folder: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make creating files under `folder` fail as a read-only folder does (even for root)."""
    real_open = os.open

    def guarded(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and Path(path).is_relative_to(folder):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
