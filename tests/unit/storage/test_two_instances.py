"""Two instances and hard kills: no recorded session is ever lost (docs/product.md 8 and 11)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from stretch_tui.storage.history import read_history
from stretch_tui.storage.paths import AppPaths

SAVER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.storage.history import append_session
from stretch_tui.storage.paths import resolve_paths

paths = resolve_paths(Path(sys.argv[1]))
tag, count, months = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
start = datetime(2024, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))
number = 0
while count < 0 or number < count:
    started = start + timedelta(days=31 * (number % months), minutes=number)
    entry = HistoryEntry(
        id=f"{tag}-{number}", started=started, ended=started + timedelta(minutes=9),
        routine="morning", status="completed", pain_before=4, pain_after=2,
        exercises=tuple(
            ExerciseRecord(f"exercise-{n}", "left", 60, 60, 6, "done") for n in range(8)
        ),
    )
    append_session(paths, entry)
    print(entry.id, flush=True)
    number += 1
"""


def saver(home: Path, tag: str, count: int, months: int = 1) -> subprocess.Popen[str]:
    """A separate Python process saving `count` sessions (forever if negative)."""
    return subprocess.Popen(
        [sys.executable, "-c", SAVER, str(home), tag, str(count), str(months)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def ids_in_month_files(paths: AppPaths) -> list[str]:
    """Every session id in the TOML files themselves (not the cache); each file must parse."""
    ids = []
    for month in sorted(paths.history_dir.glob("*.toml")):
        document = tomllib.loads(month.read_text(encoding="utf-8"))
        ids += [session["id"] for session in document.get("session", [])]
    return ids


def test_two_processes_saving_200_sessions_each_keep_all_400(
    paths: AppPaths, isolated_home: Path
) -> None:
    first = saver(isolated_home, "a", 200)
    second = saver(isolated_home, "b", 200)
    for process in (first, second):
        _, errors = process.communicate(timeout=240)
        assert process.returncode == 0, errors

    expected = {f"{tag}-{n}" for tag in "ab" for n in range(200)}
    in_files = ids_in_month_files(paths)
    assert len(in_files) == 400 and set(in_files) == expected
    assert {entry.id for entry in read_history(paths).entries} == expected


def test_a_process_killed_while_saving_loses_no_session_whose_save_returned(
    paths: AppPaths, isolated_home: Path
) -> None:
    rng = random.Random(2024)
    returned: list[str] = []
    for round_number in range(10):
        process = saver(isolated_home, f"r{round_number}", -1, months=3)
        assert process.stdout is not None
        wanted = rng.randint(3, 40)
        seen = 0
        deadline = time.monotonic() + 60
        while seen < wanted and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            returned.append(line.strip())
            seen += 1
        time.sleep(rng.uniform(0, 0.01))  # land somewhere inside the next save
        process.send_signal(signal.SIGKILL)
        rest, errors = process.communicate(timeout=30)
        returned += rest.split()  # printed before the kill: those saves had returned
        assert process.returncode == -signal.SIGKILL, errors
        assert seen == wanted, errors

        in_files = ids_in_month_files(paths)  # raises if a month file does not parse
        assert set(returned) <= set(in_files)
        assert len(in_files) == len(set(in_files))
        assert set(returned) <= {entry.id for entry in read_history(paths).entries}
