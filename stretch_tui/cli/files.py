"""`history` and `paths`: the user's files on the command line (docs/product.md 9).

`history --json` prints a stable document described in the README; `--csv` prints
one row per exercise record with the session's columns repeated. Both are built from the
history field table (`storage.history_fields`).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from datetime import date
from typing import Final

from stretch_tui.domain.history import HistoryEntry
from stretch_tui.storage.history import read_history
from stretch_tui.storage.history_format import CSV_COLUMNS, entry_to_csv_rows, entry_to_json
from stretch_tui.storage.paths import AppPaths

HISTORY_JSON_SCHEMA: Final = 1
"""Version of the `history --json` shape; bumped only when a field changes meaning or goes."""

_EXIT_OK, _EXIT_USAGE = 0, 2
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def run_history(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print the session history, newest first: a table, JSON or CSV."""
    since: date | None = None
    if args.since is not None:
        since = _parse_day(args.since)
        if since is None:
            print(
                f"stretch-tui: --since expects a date as YYYY-MM-DD, not {args.since!r}",
                file=sys.stderr,
            )
            return _EXIT_USAGE
    history = read_history(paths, since=since)
    for notice in history.notices:
        print(f"stretch-tui: {notice}", file=sys.stderr)
    if args.json:
        document = {
            "schema": HISTORY_JSON_SCHEMA,
            "sessions": [entry_to_json(entry) for entry in history.entries],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    elif args.csv:
        _print_csv(history.entries)
    else:
        _print_table(history.entries, since)
    return _EXIT_OK


def run_paths(args: argparse.Namespace, paths: AppPaths) -> int:
    """Print where every folder and file lives."""
    rows = list(paths.described())
    width = max(len(name) for name, _ in rows)
    for name, path in rows:
        print(f"{name.ljust(width)}  {path}")
    return _EXIT_OK


def _parse_day(text: str) -> date | None:
    if not _DAY.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _print_csv(entries: list[HistoryEntry]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerows(entry_to_csv_rows(entry))


def _print_table(entries: list[HistoryEntry], since: date | None) -> None:
    if not entries:
        print("No sessions yet." if since is None else f"No sessions since {since.isoformat()}.")
        return
    rows = [("STARTED", "STATUS", "ROUTINE", "TIME", "EXERCISES", "PAIN")]
    for entry in entries:
        minutes, seconds = divmod(entry.seconds_done, 60)
        rows.append(
            (
                f"{entry.started:%Y-%m-%d %H:%M}",
                entry.status,
                entry.routine,
                f"{minutes}:{seconds:02d}",
                str(len(entry.exercises)),
                _pain(entry),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
    print(f"\n{len(entries)} session{'s' if len(entries) != 1 else ''}")


def _pain(entry: HistoryEntry) -> str:
    before = "-" if entry.pain_before is None else str(entry.pain_before)
    after = "-" if entry.pain_after is None else str(entry.pain_after)
    return "" if entry.pain_before is None and entry.pain_after is None else f"{before} -> {after}"
