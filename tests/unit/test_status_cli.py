"""`stretch-tui status [--short | --json]` (docs/product.md 9): each part of the line from a made
history, the 40 columns of `--short`, the JSON keys, no history, the screening's warning,
broken files (exit 1, one line, nothing changed), and reading only the cache index."""

from __future__ import annotations

import builtins
import itertools
import json
import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from stretch_tui import cli
from stretch_tui.cli import status
from stretch_tui.domain.profile import TIERS, Profile, ScreeningRecord
from stretch_tui.domain.screening import ASSESSED_BANNER, banner
from stretch_tui.domain.stats import GOAL_DAYS_PER_WEEK
from stretch_tui.storage import history_cache, paths
from stretch_tui.storage.history import _MONTH_FILE, append_session, home_summary
from stretch_tui.storage.paths import AppPaths, resolve_paths
from stretch_tui.storage.profile import save_profile
from tests.unit.storage.builders import make_entry

TODAY = date(2024, 5, 15)
"""A Wednesday: this week began on Monday 13 May."""

ZONE = timezone(timedelta(hours=2))

_numbers = itertools.count()
"""Session ids stay unique (saving is idempotent by id)."""


@pytest.fixture
def app_paths(isolated_home: Path) -> AppPaths:
    return resolve_paths(isolated_home)


def add_sessions(app_paths: AppPaths, *days: date) -> None:
    """One session on each day (08:00, +02:00), saved as the app saves them (cache included)."""
    for day in days:
        started = datetime(day.year, day.month, day.day, 8, tzinfo=ZONE)
        append_session(app_paths, make_entry(next(_numbers), started=started))


def days_back(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=offset) for offset in offsets]


def run(
    capsys: pytest.CaptureFixture[str], form: str = "line", today: date = TODAY
) -> tuple[int, str, str]:
    code = status.run_status(None, form, today=today)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def read(today: date = TODAY) -> status.Status:
    return status.read_status(status.find_folders(), today)


def screened(tier: str, assessed_after: timedelta | None = None) -> Profile:
    when = datetime(2024, 5, 1, 9, tzinfo=ZONE)
    return Profile(
        screening=ScreeningRecord(date=when, tier=tier),  # type: ignore[arg-type]
        assessed_confirmed_at=None if assessed_after is None else when + assessed_after,
    )


def files_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`: its bytes and mtime_ns."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- each part of the line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "said"), [(0, "today"), (1, "yesterday"), (3, "3 days ago"), (40, "40 days ago")]
)
def test_the_line_says_how_long_ago_the_last_session_was(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], offset: int, said: str
) -> None:
    add_sessions(app_paths, *days_back(offset + 30, offset + 2, offset))
    code, out, err = run(capsys)
    assert code == 0, err
    assert f"last session {said}," in out
    assert read().days_since == offset


def test_the_streak_is_the_one_home_counts_across_a_month_boundary(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    # 1 to 14 May and 28 to 30 April, with a gap on 27 April: a streak of 17 up to yesterday.
    add_sessions(app_paths, *days_back(*range(1, 18)), *days_back(19, 20))
    found = read()
    assert found.streak == 17 and found.streak_exact
    assert found.streak == home_summary(app_paths, today=TODAY).streak_days
    assert "streak 17 days" in run(capsys)[1]


def test_no_session_yesterday_or_today_is_no_streak(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    add_sessions(app_paths, *days_back(2, 3))
    assert read().streak == 0 == home_summary(app_paths, today=TODAY).streak_days
    assert "no streak" in run(capsys)[1]


def test_this_week_counts_days_from_monday_against_the_goal(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    # Sunday 12 May belongs to last week; Monday 13 May twice is one day.
    add_sessions(app_paths, date(2024, 5, 12), date(2024, 5, 13), date(2024, 5, 13))
    assert read().week_days == 1
    assert f"this week 1 of {GOAL_DAYS_PER_WEEK} days" in run(capsys)[1]
    add_sessions(app_paths, date(2024, 5, 14), TODAY)
    assert read().week_days == 3
    assert f"this week's goal of {GOAL_DAYS_PER_WEEK} days met" in run(capsys)[1]


def test_with_no_history_it_says_so_kindly(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys)
    assert (code, err) == (0, "")
    assert out.startswith("stretch-tui: no sessions yet - ")
    assert "stretch-tui session" in out
    code, out, _ = run(capsys, "short")
    assert out == "stretch: no sessions yet\n"


# --- the screening's warning ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "assessed_after", "said"),
    [
        ("urgent", None, "see a clinician before exercising"),
        ("urgent", timedelta(days=-1), "see a clinician before exercising"),
        ("urgent", timedelta(days=1), None),
        ("emergency", None, "get help now"),
        ("soon", None, "see a clinician soon"),
        ("none", None, None),
    ],
)
def test_the_warning_shows_when_home_warns(
    app_paths: AppPaths,
    capsys: pytest.CaptureFixture[str],
    tier: str,
    assessed_after: timedelta | None,
    said: str | None,
) -> None:
    profile = screened(tier, assessed_after)
    save_profile(app_paths, profile)
    add_sessions(app_paths, *days_back(1))
    home = banner(profile)
    home_warns = home is not None and not home.startswith(ASSESSED_BANNER.split("{")[0])
    code, out, err = run(capsys)
    assert code == 0, err
    assert (said is not None) == home_warns
    if said is None:
        assert out.startswith("stretch-tui: last session yesterday")
        assert read().red_flag is None
    else:
        assert out.startswith(f"stretch-tui: {status.RED_FLAG_TEXT[tier][0]}; last session")
        assert said in out
        short = run(capsys, "short")[1].strip()
        assert short == f"stretch: {status.RED_FLAG_TEXT[tier][1]}"
        document = json.loads(run(capsys, "json")[1])
        assert document["red_flag"] == {"tier": tier, "message": status.RED_FLAG_TEXT[tier][0]}


def test_a_profile_without_a_warning_word_is_not_parsed(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_profile(app_paths, screened("none"))
    opened = spy_on_open(monkeypatch)
    assert read().red_flag is None
    assert opened.count(str(app_paths.profile)) == 1
    monkeypatch.setattr(status, "_read_toml", fail_if_parsed(status._read_toml))
    assert read().red_flag is None


def never_parsed(path: str, unless_free_of: tuple[bytes, ...] = ()) -> object:
    raise AssertionError(f"{path} was parsed")


def test_a_warning_is_parsed_once_then_read_from_status_s_note(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_profile(app_paths, screened("urgent"))
    assert read().red_flag == "urgent"  # parsed, and noted in the cache folder
    note = Path(status.find_folders().red_flag_cache)
    assert note.read_text(encoding="ascii").split()[3] == "urgent"
    assert note.stat().st_mode & 0o777 == 0o600
    parse = status._read_toml
    monkeypatch.setattr(status, "_read_toml", never_parsed)
    assert read().red_flag == "urgent"  # from the note: tomllib is never imported

    # The assessment confirmed: the profile changes, the note is stale, the profile is parsed.
    save_profile(app_paths, screened("urgent", assessed_after=timedelta(days=1)))
    with pytest.raises(AssertionError, match="was parsed"):
        read()
    monkeypatch.setattr(status, "_read_toml", parse)
    assert read().red_flag is None
    assert note.read_text(encoding="ascii").split()[3] == "none"
    monkeypatch.setattr(status, "_read_toml", never_parsed)
    assert read().red_flag is None


def test_a_note_that_cannot_be_written_or_read_only_costs_a_parse(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    save_profile(app_paths, screened("emergency"))
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    note = str(blocked / "status-red-flag")
    assert status.read_red_flag(str(app_paths.profile), note) == "emergency"
    assert blocked.read_text(encoding="utf-8") == ""  # nothing written, no error
    garbled = tmp_path / "garbled"
    garbled.write_bytes(b"\xff\xfe not a note")
    assert status.read_red_flag(str(app_paths.profile), str(garbled)) == "emergency"
    assert garbled.read_text(encoding="ascii").split()[3] == "emergency"  # written anew


def test_a_broken_profile_is_never_noted(app_paths: AppPaths) -> None:
    app_paths.profile.parent.mkdir(parents=True, exist_ok=True)
    app_paths.profile.write_text("[screening]\ntier = 'urgent'\ndate = ", encoding="utf-8")
    with pytest.raises(status.StatusError):
        read()
    assert not Path(status.find_folders().red_flag_cache).exists()


def fail_if_parsed(read_toml: Any) -> Any:
    def guarded(path: str, unless_free_of: tuple[bytes, ...] = ()) -> object:
        content = Path(path).read_bytes()
        assert unless_free_of and not any(word in content for word in unless_free_of)
        return read_toml(path, unless_free_of)

    return guarded


# --- --short and --json ---------------------------------------------------------------------


def make_status(**changes: Any) -> status.Status:
    values: dict[str, Any] = {
        "today": TODAY,
        "last_day": TODAY,
        "streak": 1,
        "streak_exact": True,
        "week_days": 1,
        "complete": True,
        "red_flag": None,
    }
    values.update(changes)
    return status.Status(**values)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"streak": 99_999, "last_day": TODAY - timedelta(days=1), "week_days": 3},
        {"streak": 99_999, "streak_exact": False, "week_days": 2},
        {"last_day": date(1970, 1, 2), "streak": 0, "week_days": 0},
        {"last_day": None, "complete": False, "streak": 12_345, "streak_exact": False},
        {"last_day": None},
        *({"red_flag": tier} for tier in TIERS if tier != "none"),
    ],
)
def test_short_fits_in_40_columns(changes: dict[str, Any]) -> None:
    short = make_status(**changes).short()
    assert len(short) <= status.SHORT_WIDTH == 40
    assert short.startswith("stretch: ")


def test_short_from_a_made_history(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    add_sessions(app_paths, *days_back(*range(1, 6)))
    out = run(capsys, "short")[1]
    assert out == "stretch: 1d ago, streak 5, week 2/3\n"
    assert len(out.rstrip("\n")) <= 40


def test_json_has_the_documented_keys(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    add_sessions(app_paths, *days_back(0, 1, 5))
    code, out, err = run(capsys, "json")
    assert code == 0, err
    document = json.loads(out)
    assert list(document) == [
        "schema", "today", "last_session_day", "days_since_last_session", "streak_days",
        "streak_exact", "week_start", "week_days_done", "week_goal_days", "red_flag",
        "complete", "line", "short",
    ]  # fmt: skip
    assert document == {
        "schema": 1,
        "today": "2024-05-15",
        "last_session_day": "2024-05-15",
        "days_since_last_session": 0,
        "streak_days": 2,
        "streak_exact": True,
        "week_start": "2024-05-13",
        "week_days_done": 2,
        "week_goal_days": GOAL_DAYS_PER_WEEK,
        "red_flag": None,
        "complete": True,
        "line": run(capsys)[1].rstrip("\n"),
        "short": run(capsys, "short")[1].rstrip("\n"),
    }


def test_the_readme_documents_every_json_key() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("stretch-tui status --json", 1)[1]
    for key in make_status().document():
        assert f'"{key}"' in section, key


# --- reading only the cache index -----------------------------------------------------------


def spy_on_open(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every path `open` is called with from now on."""
    opened: list[str] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    return opened


def test_with_the_cache_valid_no_month_file_is_opened(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_sessions(app_paths, *days_back(*range(0, 70)))  # three months
    opened = spy_on_open(monkeypatch)
    found = read()
    assert (found.streak, found.streak_exact, found.complete) == (70, True, True)
    assert not [path for path in opened if path.startswith(str(app_paths.history_dir))]
    assert str(app_paths.cache_dir / "history" / "index.json") in opened


def test_a_month_file_with_its_stamp_unchanged_is_trusted_unread(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    add_sessions(app_paths, *days_back(*range(0, 70)))
    april = app_paths.history_month("2024-04")
    stamp = april.stat()
    april.write_bytes(b"\xff" * stamp.st_size)  # not even UTF-8: parsing it would fail
    os.utime(april, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    code, out, err = run(capsys)
    assert (code, err) == (0, "")
    assert "streak 70 days" in out


def test_with_the_cache_gone_it_parses_two_month_files_and_says_what_it_does_not_know(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_sessions(app_paths, *days_back(*range(0, 100)))  # February to May
    for path in (app_paths.cache_dir / "history").iterdir():
        path.unlink()
    (app_paths.cache_dir / "history").rmdir()
    before = files_of(app_paths.config_dir)
    code, out, _ = run(capsys)
    assert code == 0
    assert "last session today, streak at least 45 days" in out
    assert run(capsys, "short")[1] == "stretch: today, streak 45+, week 3/3\n"
    opened = spy_on_open(monkeypatch)
    found = read()
    parsed = [path for path in opened if path.endswith(".toml") and "history" in path]
    assert parsed == [
        str(app_paths.history_month("2024-05")),
        str(app_paths.history_month("2024-04")),
    ]
    assert (found.streak, found.streak_exact, found.complete) == (45, False, False)
    assert found.last_day == TODAY and found.week_days == 3
    assert files_of(app_paths.config_dir) == before  # status writes no cache
    assert not (app_paths.cache_dir / "history").exists()


def test_the_streak_is_exact_when_it_ends_in_the_months_parsed(
    app_paths: AppPaths,
) -> None:
    add_sessions(app_paths, *days_back(0, 1, 2, 50, 80))
    history = app_paths.cache_dir / "history"
    (history / "index.json").write_text("{torn", encoding="utf-8")  # as good as no index
    found = read()
    assert (found.streak, found.streak_exact, found.last_day) == (3, True, TODAY)
    assert (history / "index.json").read_text(encoding="utf-8") == "{torn"


def test_an_index_written_with_other_history_fields_still_gives_the_days(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_sessions(app_paths, *days_back(0, 1))
    index = app_paths.cache_dir / "history" / "index.json"
    document = json.loads(index.read_text(encoding="utf-8"))
    document["format"] = f"{history_cache.CACHE_FORMAT}-0123456789abcdef"
    index.write_text(json.dumps(document), encoding="utf-8")
    opened = spy_on_open(monkeypatch)
    assert read().streak == 2
    assert not [path for path in opened if path.endswith(".toml") and "history" in path]


def test_an_index_of_another_layout_is_not_used(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_sessions(app_paths, *days_back(0, 1))
    index = app_paths.cache_dir / "history" / "index.json"
    document = json.loads(index.read_text(encoding="utf-8"))
    document["format"] = f"{history_cache.CACHE_FORMAT + 1}-0123456789abcdef"
    index.write_text(json.dumps(document), encoding="utf-8")
    opened = spy_on_open(monkeypatch)
    assert read().streak == 2
    assert str(app_paths.history_month("2024-05")) in opened


# --- broken files ---------------------------------------------------------------------------


BROKEN_PROFILES = {
    "not TOML": b'tier = "urgent"\n[screening\n',
    "not UTF-8": b'[screening]\ntier = "urgent"\n\xff\n',
    "a bad tier": b'[screening]\ndate = 2024-05-01T09:00:00+02:00\ntier = "urgentish"\n',
    "no date": b'[screening]\ntier = "soon"\n',
    "a bad version": b'schema_version = "two"\n[screening]\ntier = "soon"\n',
}


@pytest.mark.parametrize("content", BROKEN_PROFILES.values(), ids=BROKEN_PROFILES)
def test_a_broken_profile_is_one_line_and_exit_1_with_nothing_changed(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    add_sessions(app_paths, *days_back(0))
    app_paths.profile.write_bytes(content)
    before = files_of(app_paths.config_dir)
    code, out, err = run(capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("stretch-tui: ")
    assert str(app_paths.profile) in err and "Traceback" not in err
    assert files_of(app_paths.config_dir) == before


def test_a_broken_month_file_it_must_parse_is_one_line_and_exit_1(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    add_sessions(app_paths, *days_back(0))
    app_paths.history_month("2024-05").write_text('[[session]]\nstarted = "', encoding="utf-8")
    before = files_of(app_paths.config_dir)
    code, out, err = run(capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "2024-05.toml could not be read (not valid TOML" in err
    assert files_of(app_paths.config_dir) == before  # not moved aside, no cache written


def test_the_command_line_hands_status_over_without_argparse(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parser() -> None:
        raise AssertionError("the full parser was built")

    monkeypatch.setattr(cli, "build_parser", no_parser)
    for argv in (["status"], ["--home", str(isolated_home), "status", "--short"],
                 [f"--home={isolated_home}", "status", "--json"],
                 ["status", "--home", str(isolated_home)]):  # fmt: skip
        assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert out.count("stretch-tui: no sessions yet - ") == 3  # twice, and in the JSON
    assert "\nstretch: no sessions yet\n{" in out and '"schema": 1' in out


@pytest.mark.parametrize(
    "argv", [["status", "--short", "--json"], ["status", "--bogus"], ["status", "--home"]]
)
def test_a_mistake_is_a_usage_error_from_the_full_parser(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("stretch-tui: ")


def test_the_full_parser_runs_status_too(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["status", "--sho"]) == 0  # an abbreviation: only argparse knows it
    assert capsys.readouterr().out == "stretch: no sessions yet\n"


# --- what status repeats from the app agrees with it ----------------------------------------


def test_the_facts_status_repeats_agree_with_their_owners() -> None:
    assert status.CACHE_FORMAT == history_cache.CACHE_FORMAT
    assert history_cache.CACHE_KEY.startswith(f"{status.CACHE_FORMAT}-")
    assert status.GOAL_DAYS_PER_WEEK == GOAL_DAYS_PER_WEEK
    assert status.TIERS == TIERS
    assert set(status.RED_FLAG_TEXT) == set(TIERS) - {"none"}
    assert (status.APP_NAME, status.HOME_VARIABLE) == (paths.APP_NAME, paths.HOME_VARIABLE)


@pytest.mark.parametrize(
    "name",
    ["2024-05.toml", "2024-00.toml", "2024-13.toml", "2024-5.toml", "2024-05.toml.bak",
     "x2024-05.toml", "\u0662\u0660\u0662\u0664-05.toml", "2024-\u0660\u0665.toml",
     "2024_05.toml", "20245-05.toml", "1999-12.toml", "2024-10.TOML"],
)  # fmt: skip
def test_month_files_are_named_as_history_finds_them(name: str) -> None:
    assert status.is_month_file(name) == bool(_MONTH_FILE.fullmatch(name))


def _environments(tmp: Path) -> Iterator[dict[str, str]]:
    home = str(tmp / "user")
    yield {"HOME": home}
    yield {"HOME": home + "/"}
    yield {"HOME": home, "XDG_CONFIG_HOME": str(tmp / "c"), "XDG_DATA_HOME": str(tmp / "d/"),
           "XDG_CACHE_HOME": str(tmp / "e")}  # fmt: skip
    yield {"HOME": home, "XDG_CONFIG_HOME": "relative", "XDG_CACHE_HOME": ""}
    yield {"HOME": "relative"}
    yield {"HOME": home, "STRETCH_TUI_HOME": str(tmp / "one")}
    yield {"HOME": home, "STRETCH_TUI_HOME": "~/one"}
    yield {"HOME": home, "STRETCH_TUI_HOME": "relative/one"}
    yield {"HOME": home, "STRETCH_TUI_HOME": ""}


def test_the_folders_are_the_ones_the_app_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for environ in _environments(tmp_path):
        for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            monkeypatch.delenv(variable, raising=False)
        for variable, value in environ.items():
            monkeypatch.setenv(variable, value)
        expected = resolve_paths(None, environ)
        found = status.find_folders(None, environ)
        assert Path(found.profile) == expected.profile, environ
        assert Path(found.history_dir) == expected.history_dir, environ
        assert Path(found.index) == expected.cache_dir / "history" / "index.json", environ
    found = status.find_folders("~/elsewhere", {"HOME": str(tmp_path)})
    assert Path(found.profile) == resolve_paths(tmp_path / "elsewhere").profile


@pytest.mark.parametrize(
    "text",
    ['{"format":"2-abc","months":{"2024-05":[10,1715000000123456789,[739021,739022]]}}',
     '[1, 2.5, -3e2, true, false, null, "a\\u00e9\\"b"]', "{}", '"x"', "NaN"],
)  # fmt: skip
def test_json_is_read_as_json_loads_reads_it(text: str) -> None:
    expected = json.loads(text)
    found = status.parse_json(text)
    assert found == expected or (found != found and expected != expected)  # NaN


@pytest.mark.parametrize("text", ["", "{torn", '{"a":1} {}', '{"a":1} ', " {}", "[1,]"])
def test_what_is_not_one_json_value_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        status.parse_json(text)


def test_without_the_c_scanner_json_loads_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import _json

    def missing(context: object) -> object:
        raise AttributeError("array_hook")  # as a scanner asking for more would

    monkeypatch.setattr(_json, "make_scanner", missing)
    assert status.parse_json(' {"a": [1]} ') == {"a": [1]}


def test_the_readme_example_is_what_status_prints(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    add_sessions(app_paths, *days_back(1, 2))
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### `stretch-tui status --json`", 1)[1]
    example = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    assert json.loads(run(capsys, "json")[1]) == example
    assert f"$ stretch-tui status\n{example['line']}\n" in readme
    assert f"$ stretch-tui status --short\n{example['short']}\n" in readme


@pytest.mark.parametrize(
    "changes",
    [{}, {"red_flag": "urgent"}, {"last_day": None, "week_days": None, "complete": False}],
)
def test_json_is_written_as_json_dumps_writes_it(changes: dict[str, Any]) -> None:
    document = make_status(**changes).document()
    assert status.dump_json(document) == json.dumps(document, indent=2, ensure_ascii=False)
    odd: dict[str, object] = {'é " \\ \n \x01 \u2028': {"a": {}, "b": -3, "c": True, "d": None}}
    assert status.dump_json(odd) == json.dumps(odd, indent=2, ensure_ascii=False)


def test_json_is_written_without_the_c_encoder_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import _json

    monkeypatch.delattr(_json, "encode_basestring")
    odd = {'é " \\ \n \x01': "x"}
    assert status.dump_json(odd) == json.dumps(odd, indent=2, ensure_ascii=False)


def test_a_month_file_of_year_zero_is_no_traceback(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    app_paths.history_dir.mkdir(parents=True)
    app_paths.history_month("0000-01").write_text("schema_version = 1\n", encoding="utf-8")
    code, out, err = run(capsys)
    assert (code, err) == (0, "")
    assert out.startswith("stretch-tui: no sessions yet")
