"""History: month files, appends that keep everything, the cache, and what Home reads."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from stretch_tui.domain.history import HistoryEntry
from stretch_tui.storage.history import (
    HistoryNotCached,
    append_session,
    home_summary,
    read_history,
)
from stretch_tui.storage.history_cache import CACHE_KEY, HistoryCache, MonthSnapshot
from stretch_tui.storage.notices import ReadOnlyError
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.storage.tomlfile import FileStamp
from tests.unit.storage.builders import entries, make_entry, same_offsets


@settings(max_examples=60, deadline=None)
@given(st.lists(entries, min_size=1, max_size=4, unique_by=lambda entry: entry.id))
def test_sessions_read_back_exactly_as_saved(saved: list[HistoryEntry]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = resolve_paths(Path(folder))
        for entry in saved:
            assert append_session(paths, entry).appended
        cold = read_history(paths)  # parsed from TOML (and cached)
        warm = read_history(paths)  # from the cache
    for history in (cold, warm):
        assert history.notices == []
        by_id = {entry.id: entry for entry in history.entries}
        assert by_id == {entry.id: entry for entry in saved}
        for entry in saved:
            assert same_offsets(by_id[entry.id].started, entry.started)
            assert same_offsets(by_id[entry.id].ended, entry.ended)


def test_a_month_file_has_the_design_layout(paths: AppPaths) -> None:
    append_session(paths, make_entry(pain_after=None))
    document = tomllib.loads(paths.history_month("2024-05").read_text())
    assert list(document) == ["schema_version", "session"]
    [session] = document["session"]
    assert list(session) == [
        "id", "started", "ended", "routine", "status", "profile", "pain_before", "exercises",
    ]  # fmt: skip
    assert session["started"] == make_entry().started
    assert session["exercises"][1] == {
        "id": "lumbar-trunk-rotation", "side": "left", "planned_seconds": 30,
        "done_seconds": 30, "reps_done": 2, "outcome": "done",
    }  # fmt: skip
    text = paths.history_month("2024-05").read_text()
    assert "[[session.exercises]]" in text and "assessed" not in text


def test_assessed_is_written_only_when_true(paths: AppPaths) -> None:
    append_session(paths, evolve(make_entry(1), assessed=True))
    append_session(paths, make_entry(2))
    sessions = tomllib.loads(paths.history_month("2024-05").read_text())["session"]
    assert [s.get("assessed") for s in sessions] == [True, None]


def test_history_is_newest_first_across_months(paths: AppPaths) -> None:
    zone = timezone(timedelta(hours=-4))
    for number, (month, day) in enumerate([(3, 5), (1, 20), (3, 1), (2, 14)]):
        append_session(paths, make_entry(number, started=datetime(2024, month, day, tzinfo=zone)))
    history = read_history(paths)
    assert [e.started.date() for e in history.entries] == [
        date(2024, 3, 5), date(2024, 3, 1), date(2024, 2, 14), date(2024, 1, 20),
    ]  # fmt: skip
    assert sorted(p.name for p in paths.history_dir.glob("*.toml")) == [
        "2024-01.toml", "2024-02.toml", "2024-03.toml",
    ]  # fmt: skip


def test_since_keeps_sessions_from_that_day_on(paths: AppPaths) -> None:
    zone = UTC
    for number, day in enumerate([date(2024, 1, 31), date(2024, 2, 1), date(2024, 3, 2)]):
        append_session(
            paths, make_entry(number, started=datetime(day.year, day.month, day.day, tzinfo=zone))
        )
    since = read_history(paths, since=date(2024, 2, 1))
    assert [e.day for e in since.entries] == [date(2024, 3, 2), date(2024, 2, 1)]


def test_saving_the_same_session_twice_keeps_one(paths: AppPaths) -> None:
    assert append_session(paths, make_entry(1)).appended
    assert not append_session(paths, make_entry(1)).appended
    assert [e.id for e in read_history(paths).entries] == ["session-1"]


def hand_edit(path: Path, old: str, new: str) -> None:
    """Change a file as a person would, with a modification time clearly after the last."""
    stamp = path.stat().st_mtime_ns
    path.write_text(path.read_text().replace(old, new, 1))
    os.utime(path, ns=(stamp + 5_000_000_000, stamp + 5_000_000_000))


def test_an_unknown_key_edited_in_by_hand_is_kept_warned_and_not_deleted(
    paths: AppPaths,
) -> None:
    month = paths.history_month("2024-05")
    append_session(paths, make_entry(1))
    hand_edit(month, 'routine = "morning"', 'routine = "morning"\nmood = "good" # felt fine')

    history = read_history(paths)
    assert [e.id for e in history.entries] == ["session-1"]
    [notice] = history.notices
    assert notice.kind == "unknown-key" and "session[0].mood" in notice.message
    assert str(month) in notice.message

    append_session(paths, make_entry(2))
    text = month.read_text()
    assert 'mood = "good" # felt fine' in text  # kept byte for byte, comment and all
    assert [e.id for e in read_history(paths).entries] == ["session-2", "session-1"]
    assert [n.kind for n in read_history(paths).notices] == ["unknown-key"]  # still said


def test_a_session_with_a_bad_value_is_skipped_but_stays_in_the_file(paths: AppPaths) -> None:
    month = paths.history_month("2024-05")
    append_session(paths, make_entry(1))
    append_session(paths, make_entry(2))
    hand_edit(month, 'status = "completed"', 'status = "finished"')

    history = read_history(paths)
    assert [e.id for e in history.entries] == ["session-2"]
    assert history.notices[0].kind == "invalid"
    assert '`session[0]` is skipped: `status` is "finished"' in history.notices[0].message
    append_session(paths, make_entry(3))
    assert 'status = "finished"' in month.read_text()


def test_an_inline_session_array_is_rewritten_to_append_keeping_its_sessions(
    paths: AppPaths,
) -> None:
    paths.history_dir.mkdir(parents=True)
    month = paths.history_month("2024-05")
    month.write_text(
        "schema_version = 1\n"
        'session = [{ id = "hand", started = 2024-05-01T07:00:00Z, ended = 2024-05-01T07:05:00Z,'
        ' routine = "r", status = "stopped", extra = 1 }]\n'
    )
    append_session(paths, make_entry(1))
    document = tomllib.loads(month.read_text())
    assert [s["id"] for s in document["session"]] == ["hand", "session-1"]
    assert document["session"][0]["extra"] == 1
    assert {e.id for e in read_history(paths).entries} == {"hand", "session-1"}


def test_a_corrupt_month_is_moved_aside_and_the_new_session_still_saved(
    paths: AppPaths,
) -> None:
    append_session(paths, make_entry(1))
    month = paths.history_month("2024-05")
    month.write_text("[[session]\nbroken")
    result = append_session(paths, make_entry(2))
    assert result.appended
    assert [n.kind for n in result.notices] == ["corrupt"]
    [aside] = paths.history_dir.glob("2024-05.toml.corrupt-*")
    assert aside.read_text() == "[[session]\nbroken"
    assert [e.id for e in read_history(paths).entries] == ["session-2"]


def test_a_month_from_a_newer_app_is_read_but_never_written(paths: AppPaths) -> None:
    append_session(paths, make_entry(1))
    month = paths.history_month("2024-05")
    hand_edit(month, "schema_version = 1", "schema_version = 9")
    before = month.read_bytes()
    history = read_history(paths)
    assert [e.id for e in history.entries] == ["session-1"]
    assert history.notices[0].kind == "newer"
    with pytest.raises(ReadOnlyError, match="newer stretch-tui"):
        append_session(paths, make_entry(2))
    assert month.read_bytes() == before


# --- the cache -----------------------------------------------------------------------------


def test_a_hand_edit_is_seen_although_the_month_was_cached(paths: AppPaths) -> None:
    append_session(paths, make_entry(1))
    assert read_history(paths).entries[0].pain_before == 5
    hand_edit(paths.history_month("2024-05"), "pain_before = 5", "pain_before = 9")
    assert read_history(paths).entries[0].pain_before == 9


def test_a_deleted_or_corrupt_cache_is_rebuilt_with_the_same_result(paths: AppPaths) -> None:
    for number in range(3):
        append_session(paths, make_entry(number))
    expected = read_history(paths).entries
    cache = paths.cache_dir / "history"
    for cached in cache.iterdir():
        cached.write_text("{not json")
    assert read_history(paths).entries == expected
    assert json.loads((cache / "2024-05.json").read_text())["format"] == CACHE_KEY  # rebuilt
    for cached in cache.iterdir():
        cached.unlink()
    assert read_history(paths).entries == expected
    assert home_summary(paths, today=date(2024, 5, 1)).last_session == expected[0]


def test_a_cache_of_the_wrong_shape_is_ignored(paths: AppPaths) -> None:
    append_session(paths, make_entry(1))
    cached = paths.cache_dir / "history" / "2024-05.json"
    document = json.loads(cached.read_text())
    document["sessions"] = [["too", "short"]]
    cached.write_text(json.dumps(document))
    assert [e.id for e in read_history(paths).entries] == ["session-1"]


# --- Home ----------------------------------------------------------------------------------


def sessions_on(paths: AppPaths, days: list[date]) -> None:
    zone = timezone(timedelta(hours=1))
    for number, day in enumerate(days):
        started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=zone)
        append_session(paths, make_entry(number, started=started))


def test_home_gets_the_streak_across_month_ends(paths: AppPaths) -> None:
    today = date(2024, 3, 2)
    streak = [today - timedelta(days=n) for n in range(40)]  # back into January
    sessions_on(paths, [*streak, date(2024, 1, 10)])
    summary = home_summary(paths, today=today)
    assert summary.streak_days == 40
    assert summary.last_session is not None and summary.last_session.day == today


def test_home_is_given_the_same_summary_until_a_file_changes(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home asks again each time it shows; with the files as they were, nothing is read."""
    today = date(2024, 3, 2)
    sessions_on(paths, [today - timedelta(days=n) for n in range(3)])
    first = home_summary(paths, today=today)
    read: list[str] = []
    original = HistoryCache.month

    def month(self: HistoryCache, name: str, path: Path, stamp: FileStamp) -> MonthSnapshot | None:
        read.append(name)
        return original(self, name, path, stamp)

    monkeypatch.setattr(HistoryCache, "month", month)
    assert home_summary(paths, today=today) is first
    assert read == []
    assert home_summary(paths, today=today + timedelta(days=1)).streak_days == 3
    assert home_summary(paths, today=today + timedelta(days=2)).streak_days == 0
    later = datetime(2024, 3, 2, 18, 0, tzinfo=UTC)
    append_session(paths, make_entry(9, started=later))
    again = home_summary(paths, today=today)
    assert again.last_session is not None and again.last_session.id == "session-9"
    assert read  # the changed month was read


def test_a_streak_is_alive_until_a_day_is_missed(paths: AppPaths) -> None:
    sessions_on(paths, [date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 3)])
    assert home_summary(paths, today=date(2024, 3, 4)).streak_days == 3  # not yet today
    assert home_summary(paths, today=date(2024, 3, 5)).streak_days == 0
    assert home_summary(paths, today=date(2024, 4, 1)).streak_days == 0


def test_a_streak_from_yesterday_crosses_into_last_month(paths: AppPaths) -> None:
    sessions_on(paths, [date(2024, 2, 28), date(2024, 2, 29)])
    assert home_summary(paths, today=date(2024, 3, 1)).streak_days == 2


def test_home_gets_the_recent_sessions_newest_first(paths: AppPaths) -> None:
    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(45)]
    sessions_on(paths, days)
    summary = home_summary(paths, today=date(2024, 2, 14), recent=30)
    assert [e.day for e in summary.recent] == sorted(days, reverse=True)[:30]
    assert summary.pain_values[-1] == (5, 3)


def test_home_with_no_history(paths: AppPaths) -> None:
    summary = home_summary(paths, today=date(2024, 1, 1))
    assert summary.last_session is None and summary.recent == () and summary.streak_days == 0


def test_home_text_and_pain_ratings_for_the_sparkline(paths: AppPaths) -> None:
    sessions_on(paths, [date(2024, 3, 1), date(2024, 3, 2)])
    append_session(
        paths, make_entry(9, started=datetime(2024, 3, 2, 9, tzinfo=UTC), pain_before=None)
    )
    summary = home_summary(paths, today=date(2024, 3, 2))
    assert summary.recent_pain_before == (5, 5)
    assert summary.recent_pain_after == (3, 3, 3)
    assert summary.describe() == (
        "Streak: 2 days.\nLast session: Sat 02 Mar, 09:00, morning (completed, 10 min)."
    )


def test_with_a_parse_limit_home_stops_rather_than_rebuild_a_missing_cache(
    paths: AppPaths,
) -> None:
    today = date(2024, 4, 2)
    sessions_on(paths, [today - timedelta(days=n) for n in range(95)])  # four months
    expected = home_summary(paths, today=today)
    shutil.rmtree(paths.cache_dir)
    with pytest.raises(HistoryNotCached):
        home_summary(paths, today=today, parse_limit=2)
    rebuilt = home_summary(paths, today=today)  # what the Home screen's worker does
    assert (rebuilt.streak_days, rebuilt.recent) == (expected.streak_days, expected.recent)
    warm = home_summary(paths, today=today, parse_limit=0)  # nothing left to parse
    assert (warm.streak_days, warm.recent) == (95, expected.recent)


def test_a_parse_limit_lets_a_short_history_be_read_at_once(paths: AppPaths) -> None:
    sessions_on(paths, [date(2024, 3, 30), date(2024, 3, 31), date(2024, 4, 1)])
    shutil.rmtree(paths.cache_dir)
    assert home_summary(paths, today=date(2024, 4, 1), parse_limit=2).streak_days == 3
