"""`stretch-tui history`: a table, stable JSON, CSV, and a clear error for a bad date."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from attrs import evolve

from stretch_tui.cli import main
from stretch_tui.storage.history import append_session
from stretch_tui.storage.paths import AppPaths
from tests.unit.storage.builders import make_entry


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def two_sessions(paths: AppPaths) -> AppPaths:
    zone = timezone(timedelta(hours=2))
    append_session(paths, make_entry(1, started=datetime(2024, 4, 30, 8, tzinfo=zone)))
    second = make_entry(2, started=datetime(2024, 5, 2, 8, tzinfo=zone), pain_after=None)
    append_session(paths, evolve(second, assessed=True))
    return paths


def test_json_is_the_documented_shape_newest_first(
    two_sessions: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "history", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["schema"] == 1
    newest, oldest = document["sessions"]
    assert list(newest) == [
        "id", "started", "ended", "routine", "status", "profile", "pain_before", "pain_after",
        "assessed", "notes", "exercises",
    ]  # fmt: skip
    assert newest["id"] == "session-2" and oldest["id"] == "session-1"
    assert newest["started"] == "2024-05-02T08:00:00+02:00"
    assert newest["pain_after"] is None and newest["assessed"] is True
    assert newest["exercises"][1] == {
        "id": "lumbar-trunk-rotation", "side": "left", "planned_seconds": 30,
        "done_seconds": 30, "reps_done": 2, "outcome": "done", "symptom": None,
    }  # fmt: skip


def test_csv_has_one_row_per_exercise(
    two_sessions: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "history", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert len(rows) == 6
    assert rows[0]["session_id"] == "session-2" and rows[0]["exercise_id"] == "cat-cow"
    assert rows[0]["pain_after"] == "" and rows[0]["assessed"] == "true"
    assert rows[-1]["symptom"] == "worse"


def test_since_filters_and_the_table_is_readable(
    two_sessions: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "history", "--since", "2024-05-01")
    assert code == 0
    assert "2024-05-02 08:00" in out and "2024-04-30" not in out
    assert "1 session" in out


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "20240501"])
def test_a_bad_since_date_is_one_line_and_exit_status_2(
    paths: AppPaths, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, out, err = run(capsys, "history", "--since", bad)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "YYYY-MM-DD" in err


def test_no_history_says_so(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history")
    assert code == 0 and "No sessions yet." in out
    code, out, _ = run(capsys, "history", "--json")
    assert json.loads(out) == {"schema": 1, "sessions": []}


def test_file_problems_go_to_stderr_and_the_rest_still_prints(
    two_sessions: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    two_sessions.history_month("2024-04").write_text("not toml [")
    code, out, err = run(capsys, "history", "--json")
    assert code == 0
    assert [s["id"] for s in json.loads(out)["sessions"]] == ["session-2"]
    assert "2024-04.toml" in err and "moved aside" in err
