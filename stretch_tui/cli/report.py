"""`report`: the Markdown report for the user or their clinician (docs/product.md 9).

Printed to stdout, or written to `--out FILE` (atomically, readable by the user only: it is
health data). `history --csv` stays the raw export; this is the summary to read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stretch_tui.storage.paths import AppPaths

_EXIT_OK, _EXIT_FAILURE = 0, 1


def positive_weeks(text: str) -> int:
    """`--weeks`: a whole number of 1 or more (argparse turns the error into a usage error)."""
    try:
        weeks = int(text)
    except ValueError:
        weeks = 0
    if weeks < 1:
        raise argparse.ArgumentTypeError(
            f"expects a whole number of weeks, 1 or more, not {text!r}"
        )
    return weeks


def run_report(args: argparse.Namespace, paths: AppPaths, today: date | None = None) -> int:
    """Print the report for the last `args.weeks` weeks, or write it to `args.out`."""
    from stretch_tui.domain.catalog import load_catalog
    from stretch_tui.domain.report import build_report
    from stretch_tui.domain.screening import shipped_questionnaire
    from stretch_tui.storage.history import read_history
    from stretch_tui.storage.notices import StorageError
    from stretch_tui.storage.profile import load_profile
    from stretch_tui.storage.tomlfile import write_atomically

    today = today or date.today()
    # All of it, not just the weeks asked for: the streaks look back over the whole history.
    history = read_history(paths)
    profile = load_profile(paths)
    catalog = load_catalog(user_dir=paths.exercises_dir)
    for notice in [*history.notices, *profile.notices]:
        print(f"stretch-tui: {notice}", file=sys.stderr)
    text = build_report(
        history.entries, profile.value, catalog, today, args.weeks, shipped_questionnaire()
    )
    if args.out is None:
        sys.stdout.write(text)
        return _EXIT_OK
    path = args.out.expanduser()
    if not path.parent.is_dir():
        print(f"stretch-tui: cannot write {path}: no folder {path.parent}", file=sys.stderr)
        return _EXIT_FAILURE
    try:
        write_atomically(path, text.encode("utf-8"))
    except StorageError as error:
        print(f"stretch-tui: {error}", file=sys.stderr)
        return _EXIT_FAILURE
    weeks = f"{args.weeks} week{'s' if args.weeks != 1 else ''}"
    print(f"Report for the last {weeks} written to {path}")
    return _EXIT_OK
