"""The clinician report: a fixed history gives the reviewed text, and the parts behave."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretch_tui.cli import main
from stretch_tui.domain.catalog import Catalog, load_catalog
from stretch_tui.domain.history import ExerciseRecord, HistoryEntry, Status, Symptom
from stretch_tui.domain.profile import (
    FunctionActivity,
    FunctionRating,
    Profile,
    ScreeningRecord,
)
from stretch_tui.domain.report import build_report
from stretch_tui.domain.screening import shipped_questionnaire
from stretch_tui.domain.stats import format_seconds

EXPECTED = Path(__file__).with_name("fixtures") / "report-expected.md"
"""The reviewed report; `UPDATE_REPORT=1 pytest tests/unit/test_report.py` rewrites it."""

TODAY = date(2025, 3, 12)
HOME = timezone(timedelta(hours=1))
AWAY = timezone(timedelta(hours=-5))


def _at(day: date, hour: int, minute: int = 0, zone: timezone = HOME) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _record(
    exercise: str,
    side: str = "both",
    done: int = 60,
    planned: int = 60,
    outcome: str = "done",
    symptom: Symptom | None = None,
) -> ExerciseRecord:
    return ExerciseRecord(exercise, side, planned, done, 2, outcome, symptom)  # type: ignore[arg-type]


def _flexion_set(symptom: Symptom | None = "better") -> tuple[ExerciseRecord, ...]:
    return (
        _record("pelvic-tilt", done=45, planned=45, symptom=symptom),
        _record("double-knee-to-chest", symptom=symptom),
        _record("single-knee-to-chest", "left"),
        _record("single-knee-to-chest", "right"),
        _record("lumbar-trunk-rotation", "left"),
        _record("lumbar-trunk-rotation", "right"),
    )


def _session(
    number: int,
    started: datetime,
    before: int | None,
    after: int | None,
    exercises: tuple[ExerciseRecord, ...],
    status: Status = "completed",
    routine: str = "flexion-responders",
) -> HistoryEntry:
    seconds = sum(record.done_seconds for record in exercises)
    return HistoryEntry(
        id=f"fixture-{number:02d}",
        started=started,
        ended=started + timedelta(seconds=seconds + 120),
        routine=routine,
        status=status,
        profile="flexion",
        pain_before=before,
        pain_after=after,
        exercises=exercises,
    )


def fixture_history() -> list[HistoryEntry]:
    """Four weeks of a flexion responder getting better, with the awkward cases in them: a
    session before the period, a stopped one, one cut off, a skipped rating, an exercise that
    hurt on one side, a "worse" answer, and a trip to another time zone."""
    day = date.fromisoformat
    hurt_rotation = (
        _record("pelvic-tilt", done=45, planned=45, symptom="same"),
        _record("double-knee-to-chest", symptom="same"),
        _record("lumbar-trunk-rotation", "left"),
        _record("lumbar-trunk-rotation", "right", done=20, outcome="hurt"),
    )
    extension_try = (
        _record("cat-cow"),
        _record("cobra", done=30, symptom="worse"),
        _record("double-knee-to-chest", symptom="better"),
    )
    return [
        _session(1, _at(day("2025-02-10"), 7, 30), 7, 6, _flexion_set("same")),
        _session(2, _at(day("2025-02-14"), 7, 30), 7, 5, _flexion_set("same")),
        _session(3, _at(day("2025-02-15"), 18, 0), 6, 5, _flexion_set()),
        _session(4, _at(day("2025-02-18"), 7, 45), 6, 4, hurt_rotation, status="stopped"),
        _session(5, _at(day("2025-02-20"), 7, 30), 6, 5, _flexion_set()),
        _session(6, _at(day("2025-02-21"), 7, 30), 5, 5, _flexion_set(None)),
        _session(7, _at(day("2025-02-26"), 7, 30), 5, 3, _flexion_set()),
        _session(8, _at(day("2025-02-27"), 21, 10), 5, None, _flexion_set(None)),
        _session(9, _at(day("2025-03-01"), 8, 0), 4, 3, extension_try, routine="recommended"),
        # Abroad: 23:40 at UTC-5 is 05:40 the next morning at home; it stays on 4 March.
        _session(10, _at(day("2025-03-04"), 23, 40, AWAY), 4, 3, _flexion_set()),
        _session(11, _at(day("2025-03-05"), 7, 30, AWAY), None, None, _flexion_set(None)),
        _session(
            12,
            _at(day("2025-03-06"), 7, 30),
            3,
            3,
            (_record("pelvic-tilt", done=20, planned=45, outcome="done"),),
            status="interrupted",
        ),
        _session(13, _at(day("2025-03-09"), 9, 0), 3, 2, _flexion_set()),
        _session(14, _at(day("2025-03-10"), 7, 30), 4, 2, _flexion_set()),
        _session(15, _at(day("2025-03-11"), 7, 30), 3, 2, _flexion_set("better")),
    ]


def fixture_profile() -> Profile:
    """Screened twice (a warning sign the first time), with three activities rated weekly."""
    first = ScreeningRecord(
        date=datetime(2025, 1, 20, 9, 0, tzinfo=HOME),
        tier="soon",
        flags=("night-pain",),
    )
    latest = ScreeningRecord(
        date=datetime(2025, 2, 13, 19, 0, tzinfo=HOME),
        tier="none",
        responder="flexion",
        extension_score=1,
        flexion_score=6,
    )
    ratings = (
        FunctionRating(datetime(2025, 2, 13, 19, 5, tzinfo=HOME), (3, 4, 5)),
        FunctionRating(datetime(2025, 2, 20, 8, 0, tzinfo=HOME), (4, 4, 5)),
        FunctionRating(datetime(2025, 2, 27, 8, 0, tzinfo=HOME), (5, 5, 5)),
        FunctionRating(datetime(2025, 3, 6, 8, 0, tzinfo=HOME), (6, 6, 6)),
    )
    return Profile(
        screening=latest,
        earlier_screenings=(first,),
        activities=(
            FunctionActivity("putting on socks"),
            FunctionActivity("getting out of a car"),
            FunctionActivity("sitting through a meal"),
        ),
        function_ratings=ratings,
    )


def catalog() -> Catalog:
    return load_catalog()


def test_the_fixture_report_matches_the_reviewed_text() -> None:
    text = build_report(
        fixture_history(), fixture_profile(), catalog(), TODAY, 4, shipped_questionnaire()
    )
    if os.environ.get("UPDATE_REPORT"):
        EXPECTED.write_text(text, encoding="utf-8")
    assert text == EXPECTED.read_text(encoding="utf-8")


def test_the_report_is_the_same_whatever_the_order_of_the_sessions() -> None:
    history = fixture_history()
    forward = build_report(history, fixture_profile(), catalog(), TODAY)
    backward = build_report(list(reversed(history)), fixture_profile(), catalog(), TODAY)
    assert forward == backward


def test_an_empty_history_and_profile_still_make_a_report() -> None:
    text = build_report([], Profile(), catalog(), TODAY)
    assert "Not screened" in text
    assert "No sessions in these 28 days." in text
    assert "No pain ratings in this period." in text
    assert 'No exercise was marked "it hurts"' in text


def test_the_weeks_set_the_period() -> None:
    text = build_report(fixture_history(), fixture_profile(), catalog(), TODAY, weeks=1)
    assert "6 March 2025 to 12 March 2025" in text
    assert "| 6 March 2025 07:30 |" in text
    assert "| 1 March 2025" not in text


def test_an_emergency_result_names_the_signs_and_the_advice() -> None:
    record = ScreeningRecord(
        date=datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
        tier="emergency",
        flags=("saddle-numbness", "bladder-bowel"),
    )
    text = build_report([], Profile(screening=record), catalog(), TODAY, 4, shipped_questionnaire())
    assert "numbness in the saddle area; new bladder or bowel problems" in text
    assert "advised to seek emergency care at once" in text


def test_durations_read_naturally() -> None:
    assert [format_seconds(s) for s in (0, 45, 60, 270, 3600, 7500)] == [
        "0 s",
        "45 s",
        "1 min",
        "4 min 30 s",
        "1 h",
        "2 h 5 min",
    ]


# --- the command line ----------------------------------------------------------------------------


def _recent_history(home: Path) -> None:
    from stretch_tui.storage.history import append_session
    from stretch_tui.storage.paths import resolve_paths

    today = date.today()
    started = datetime(today.year, today.month, today.day, 7, 30, tzinfo=HOME) - timedelta(1)
    append_session(
        resolve_paths(home), _session(1, started, 6, 3, _flexion_set(), routine="morning")
    )


def test_report_prints_markdown_by_default(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _recent_history(isolated_home)
    assert main(["report", "--weeks", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Back and hip exercise report:")
    assert "| morning | completed |" in out


def test_report_writes_to_a_file_readable_by_the_user_only(
    isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _recent_history(isolated_home)
    target = tmp_path / "for-my-physio.md"
    assert main(["report", "--out", str(target)]) == 0
    assert f"written to {target}" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8").startswith("# Back and hip exercise report:")
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("weeks", ["0", "-2", "four"])
def test_report_weeks_must_be_a_positive_whole_number(
    weeks: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--weeks", weeks]) == 2
    assert "--weeks" in capsys.readouterr().err


def test_report_into_a_missing_folder_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--out", str(tmp_path / "nowhere" / "r.md")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no folder" in err
