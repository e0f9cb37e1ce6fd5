"""`stretch-tui session [ROUTINE_ID]`: the routine id is checked before any screen opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretch_tui.cli import main
from stretch_tui.storage.paths import resolve_paths
from tests.sessionkit import SHORT_ROUTINE


def test_an_unknown_routine_is_one_line_with_the_known_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["session", "no-such-routine"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "unknown routine `no-such-routine`" in lines[0]
    assert "recommended" in lines[0] and "extension-responders" in lines[0]


def test_a_known_routine_goes_on_to_the_app(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = resolve_paths(isolated_home)
    paths.routines_dir.mkdir(parents=True)
    (paths.routines_dir / "short.toml").write_text(SHORT_ROUTINE, encoding="utf-8")
    # Without a terminal the app itself refuses to start, which shows the id was accepted.
    assert main(["session", "short"]) == 2
    assert "needs a terminal" in capsys.readouterr().err
    assert main(["session"]) == 2


def test_session_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["session", "--help"])
    assert "ROUTINE_ID" in capsys.readouterr().out


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_resume_with_nothing_to_resume_is_one_line_and_exit_2(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["session", "--resume"]) == 2
    assert "there is no session to resume" in one_error_line(capsys)


def test_resume_of_a_session_another_instance_runs_is_refused(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stretch_tui.storage.session_state import claim_running_session, save_in_progress
    from tests.unit.storage.builders import make_entry

    paths = resolve_paths(isolated_home)
    save_in_progress(paths, make_entry(1, status="interrupted"))
    lock = claim_running_session(paths)  # what another running instance holds
    assert lock is not None
    try:
        assert main(["session", "--resume"]) == 2
        assert "running in another stretch-tui window" in one_error_line(capsys)
    finally:
        lock.release()
    # Once that instance is gone, the session may be resumed (here: the terminal check next).
    assert main(["session", "--resume"]) == 2
    assert "needs a terminal" in capsys.readouterr().err


def test_resume_names_no_routine(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["session", "short", "--resume"]) == 2
    assert "name no routine" in one_error_line(capsys)
