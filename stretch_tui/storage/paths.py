"""Where the files live (docs/product.md 8).

By default config, data, state and cache go in the platform's folders for the app name
`stretch-tui` (as `platformdirs` gives them). With `--home DIR` or `STRETCH_TUI_HOME=DIR`
every file lives under DIR with the names of docs/product.md 8.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import platformdirs

APP_NAME: Final = "stretch-tui"
"""The folder name platformdirs gives the app's folders."""

HOME_VARIABLE: Final = "STRETCH_TUI_HOME"
"""The environment variable that puts every file under one folder, like `--home`."""


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The app's folders, and the path of every file it keeps."""

    config_dir: Path
    """Preferences, profile, the user's routines and exercises."""
    data_dir: Path
    """History."""
    state_dir: Path
    """The in-progress session."""
    cache_dir: Path
    """Derived files that may always be deleted (the history cache)."""

    @property
    def preferences(self) -> Path:
        """`preferences.toml`."""
        return self.config_dir / "preferences.toml"

    @property
    def profile(self) -> Path:
        """`profile.toml`."""
        return self.config_dir / "profile.toml"

    @property
    def history_dir(self) -> Path:
        """The folder of month files, `history/YYYY-MM.toml`."""
        return self.data_dir / "history"

    @property
    def routines_dir(self) -> Path:
        """The user's own routines, `routines/*.toml`."""
        return self.config_dir / "routines"

    @property
    def exercises_dir(self) -> Path:
        """The user's own exercises, `exercises/*.toml`."""
        return self.config_dir / "exercises"

    @property
    def session_in_progress(self) -> Path:
        """`state/session-in-progress.toml` (in the platform's state folder by default)."""
        return self.state_dir / "session-in-progress.toml"

    def history_month(self, month: str) -> Path:
        """The history file for a `YYYY-MM` month."""
        return self.history_dir / f"{month}.toml"

    def described(self) -> Iterator[tuple[str, Path]]:
        """Every folder and file with a short name for it, as `stretch-tui paths` prints them."""
        yield "config", self.config_dir
        yield "data", self.data_dir
        yield "state", self.state_dir
        yield "cache", self.cache_dir
        yield "preferences", self.preferences
        yield "profile", self.profile
        yield "history", self.history_dir
        yield "routines", self.routines_dir
        yield "exercises", self.exercises_dir
        yield "session in progress", self.session_in_progress


def resolve_paths(
    home: Path | str | None = None, environ: Mapping[str, str] = os.environ
) -> AppPaths:
    """The app's paths: under `home` if given, else under `STRETCH_TUI_HOME` if set (and not
    empty), else the platform's folders.

    With a home folder, config and data are the folder itself, state is `DIR/state` and the
    cache `DIR/cache`.
    """
    chosen = home if home is not None else environ.get(HOME_VARIABLE) or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return AppPaths(
            config_dir=root, data_dir=root, state_dir=root / "state", cache_dir=root / "cache"
        )
    return AppPaths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        state_dir=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )
