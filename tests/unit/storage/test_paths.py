"""Where files live: platform folders, or everything under one home folder (docs/product.md 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.cli import main
from stretch_tui.storage.paths import resolve_paths


def test_a_home_folder_holds_every_file_with_the_design_names(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "h", environ={})
    home = tmp_path / "h"
    assert paths.preferences == home / "preferences.toml"
    assert paths.profile == home / "profile.toml"
    assert paths.history_month("2024-05") == home / "history" / "2024-05.toml"
    assert paths.routines_dir == home / "routines"
    assert paths.exercises_dir == home / "exercises"
    assert paths.session_in_progress == home / "state" / "session-in-progress.toml"


def test_the_environment_variable_works_like_home_and_the_option_wins(tmp_path: Path) -> None:
    environ = {"STRETCH_TUI_HOME": str(tmp_path / "env")}
    assert resolve_paths(environ=environ).config_dir == tmp_path / "env"
    assert resolve_paths(tmp_path / "opt", environ=environ).config_dir == tmp_path / "opt"


def test_without_a_home_the_platform_folders_are_used(tmp_path: Path) -> None:
    paths = resolve_paths(environ={"STRETCH_TUI_HOME": ""})
    for folder in (paths.config_dir, paths.data_dir, paths.state_dir, paths.cache_dir):
        assert folder.name == "stretch-tui"
    assert paths.history_dir.parent == paths.data_dir
    assert paths.preferences.parent == paths.config_dir
    assert paths.session_in_progress.parent == paths.state_dir


def test_paths_prints_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["paths", "--home", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for name in ("preferences.toml", "profile.toml", "history", "session-in-progress.toml"):
        assert name in out
    assert str(tmp_path) in out
