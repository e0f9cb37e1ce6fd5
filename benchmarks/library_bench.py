"""A keystroke in the library's name search, to the redrawn table, at 22 and 5,000 exercises.

    python benchmarks/library_bench.py [--keys 30] [--update-readme]

The app runs headless (`App.run_test`) on the library screen over a temporary home: once with
the 22 shipped exercises, once with 4,978 more in the home's `exercises/` folder (copies of
the shipped files with new ids and names, read at start like any user catalog), each at
100x30 and at 120x40 (where the highlighted exercise's pose and steps show beside the table
and change with every keystroke).

A filter keystroke is a letter typed into the empty search, and the backspace that empties
it again; each is timed from handing the key to the app (as the terminal driver does) until
the app has handled every message it caused and the screen has rendered what changed (the
compositor's update, made at once instead of at the next frame tick). The baseline is a key
bound to nothing on that screen (f9), timed the same way in the same run: the cost of the
waiting and of Textual's key handling. Budget (docs/product.md 10):
under 16 ms. Medians of `--keys` of each (letters and backspaces counted together); the 90th
percentile is shown too.

Opening the library is timed in a running app: from the key on Home (`l`) to the table drawn,
after the catalog has been read in the background as it is after launch; the baseline is the
same with the 22 shipped exercises. Budget (issue 14): 300 ms at 5,000. Opening it straight from
the command line (`stretch-tui library`) is timed in a real terminal, median of 5: from the start to
the screen's first full frame, and from that frame to its rows drawn, against the same 300 ms
(with 5,000 the rows come from a thread after the screen: first the exercises as the library
lists them, from the cache, then the whole catalog). At 120x40, median of 3, the same again,
and from the rows to the highlighted exercise's steps in the preview, which come with the
whole catalog. Launching with a large
catalog is timed as the longest stretch the event loop could not run (the UI blocked) from the
app's first frame until the catalog has been read, with the cache of the user's exercise files
(`storage/catalog_cache.py`) in place and with it deleted. Prints a Markdown table;
`--update-readme` writes it to README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from benchkit import Row, machine, median, ms, percentile, table, update_readme
from textual import events

from stretch_tui.app import StretchApp
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.domain.resources import shipped_data_dir
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.preferences import save_preferences
from stretch_tui.storage.profile import save_profile
from stretch_tui.widgets.exercise_table import ExerciseTable
from tests.e2e.terminal import Terminal, app_env, stretch_tui_command

SECTION = "## Library search keystroke"
BUDGET_MS = 16.0
OPEN_BUDGET_MS = 300.0
"""A catalog of 5,000 exercises opens the library within this (issue 14)."""
LARGE = 5000
LIBRARY_READY = re.compile(r"(?s)Library.*(Reading your exercises|\d+ of \d+).*\^p palette")
"""The library's first full frame: its title, the count or the reading message, the footer."""
LETTERS = "aeioulnrstcpbgkmwdhy"
"""Letters typed, in turn; each leaves a different set of rows."""
SIZES = [(100, 30), (120, 40)]
QUIET_STEPS = 3
"""Steps of the event loop with every message queue empty before the app counts as done (a
key in the search causes a chain of messages: the key, the input's change, the filter bar's
change, the table's highlight)."""


def prepare_home(home: Path, total: int) -> None:
    """Preferences past the welcome, an extension profile, and user exercises up to `total`."""
    paths = resolve_paths(home)
    save_preferences(paths, Preferences(notice_seen=True, sound_mode="visual"))
    record = ScreeningRecord(date=datetime.now().astimezone(), responder="extension")
    save_profile(paths, Profile(screening=record))
    shipped = sorted((shipped_data_dir("catalog") / "exercises").glob("*.toml"))
    extra = total - len(shipped)
    if extra <= 0:
        return
    paths.exercises_dir.mkdir(parents=True, exist_ok=True)
    texts = [path.read_text(encoding="utf-8") for path in shipped]
    for number in range(extra):
        text = texts[number % len(texts)]
        exercise_id = re.search(r'^id = "([^"]+)"', text, re.MULTILINE)
        name = re.search(r'^name = "([^"]+)"', text, re.MULTILINE)
        assert exercise_id and name, "a shipped exercise without id or name"
        new_id = f"{exercise_id.group(1)}-copy-{number}"
        text = text.replace(exercise_id.group(0), f'id = "{new_id}"', 1)
        text = text.replace(name.group(0), f'name = "{name.group(1)} {number}"', 1)
        (paths.exercises_dir / f"{new_id}.toml").write_text(text, encoding="utf-8")


def busy(app: StretchApp) -> bool:
    """True while the app or a widget of its screen has a message waiting."""
    pumps = [app, *app.screen.walk_children(with_self=True)]
    return any(pump.message_queue_size for pump in pumps)


async def keystroke(app: StretchApp, key: str) -> None:
    """Send `key` as the terminal driver would and return once the app has handled every
    message it caused and rendered the screen's update.

    Pilot's own `press` and `pause` wait for the process to look idle (sleeps of 20 ms and
    more), far coarser than the 16 ms measured here; this polls the message queues between
    steps of the event loop (a handler runs within one step). The render is made as soon as
    they are empty, as the next frame tick (at most 1/60 s later) would make it.
    """
    driver = app._driver
    assert driver is not None
    character = key if len(key) == 1 else None
    driver.send_message(events.Key(key, character))
    for _ in range(2):
        quiet = 0
        while quiet < QUIET_STEPS:
            await asyncio.sleep(0)
            quiet = 0 if busy(app) else quiet + 1
        app.screen._on_timer_update()


async def measure(home: Path, size: tuple[int, int], keys: int) -> dict[str, list[float]]:
    """Seconds per keystroke on the library screen: every filter keystroke (`filter`), those
    of them that moved the highlight to another exercise (`moved`), and the baseline's."""
    state = AppState(resolve_paths(home))
    app = StretchApp(state, start_screen="library")
    times: dict[str, list[float]] = {"filter": [], "moved": [], "baseline": []}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table_widget = app.screen.query_one(ExerciseTable)
        # A large catalog of the user's is read in a thread after the screen shows.
        await app.workers.wait_for_complete()
        await pilot.pause()
        total = len(table_widget.entries)
        if not total:
            raise RuntimeError("the library showed no exercises")
        counts: set[int] = set()

        async def timed(key: str) -> float:
            highlighted = table_widget.highlighted
            start = time.perf_counter()
            await keystroke(app, key)
            seconds = time.perf_counter() - start
            if key != "f9" and table_widget.highlighted is not highlighted:
                times["moved"].append(seconds)
            return seconds

        for _ in range(3):  # warm up: first renders fill Textual's caches
            await timed(LETTERS[0])
            await timed("backspace")
            await timed("f9")
        times["moved"].clear()
        for number in range(keys):
            letter = LETTERS[number % len(LETTERS)]
            times["filter"].append(await timed(letter))
            counts.add(len(table_widget.entries))
            times["filter"].append(await timed("backspace"))
            if len(table_widget.entries) != total:
                raise RuntimeError("backspace did not bring back every row")
            times["baseline"].append(await timed("f9"))
        if len(counts - {total}) < 2:
            raise RuntimeError(f"the letters did not filter the table: {counts}")
    return times


STEPS_SHOWN = re.compile(r"(?s)Steps\s.{0,400}?\b1\. ")
"""The preview's steps (at 120 columns), which come with the whole catalog."""


def open_library(
    home: Path, count: int, bytecode: Path, *, wide: bool = False
) -> tuple[float, float, float]:
    """Seconds from starting `stretch-tui library` in a terminal to the library's first full
    frame, and from there to its rows drawn (the count under the table, "5000 of 5000"). With
    a large catalog of the user's the screen shows first and a thread reads the catalog:
    first the exercises as the library lists them from the cache (`AppState.library_listing`),
    then the whole catalog; the 22 shipped exercises come with the screen. `wide`: at 120x40,
    where the highlighted exercise's steps show beside the table, and the third time is from
    the rows to those steps (which come with the whole catalog); NaN otherwise.

    Timed in a real terminal, not headless: Pilot's `pause` waits until the whole process is
    idle, so a thread reading the catalog kept it waiting, and the screen looked slower than
    it is."""
    env = app_env(home, PYTHONPYCACHEPREFIX=str(bytecode))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once, as an installed app is
    with Terminal(*SIZES[1 if wide else 0]) as term:
        term.start([stretch_tui_command(), "library"], env=env)
        term.wait_for(LIBRARY_READY, timeout=60, whole_frame=False)
        shown = term.found_at
        term.wait_for(re.compile(rf"\b{count} of {count}\b"), timeout=60, whole_frame=False)
        filled = term.found_at
        whole = float("nan")
        if wide:
            term.wait_for(STEPS_SHOWN, timeout=60, whole_frame=False)
            whole = term.found_at - filled
        term.send("ctrl+c")
        term.wait_exit(timeout=30)
    return shown - term.started_at, filled - shown, whole


async def open_from_home(home: Path) -> float:
    """Seconds from the library's key on Home to its table drawn, in a running app whose
    catalog has been read in the background (as after launch), median of 3."""
    app = StretchApp(AppState(resolve_paths(home)))
    runs = []
    async with app.run_test(size=SIZES[0]) as pilot:
        while not app.state.catalog_loaded:
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(4):
            start = time.perf_counter()
            await keystroke(app, "l")
            while not app.screen.query(ExerciseTable):
                await asyncio.sleep(0)
            await keystroke(app, "f9")  # and the table's first render
            runs.append(time.perf_counter() - start)
            if not app.screen.query_one(ExerciseTable).entries:
                raise RuntimeError("the library opened without exercises")
            await keystroke(app, "escape")
            await pilot.pause()
    return median(runs[1:])  # the first builds Textual's caches for the screen


async def launch_blocked(home: Path) -> tuple[float, float]:
    """(the longest the event loop was blocked, the time until the catalog was read), both
    from the first frame (`run_test` hands over once the app is running)."""
    app = StretchApp(AppState(resolve_paths(home)))
    longest = 0.0
    async with app.run_test(size=SIZES[0]):
        start = last = time.perf_counter()
        while not app.state.catalog_loaded or app.workers:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            longest = max(longest, now - last - 0.001)
            last = now
            if now - start > 60:
                raise RuntimeError("the catalog was not read within a minute")
        ready = time.perf_counter() - start
    return longest, ready


def cold_load_seconds(home: Path) -> float:
    """`load_seconds` with the cache of the user's exercise files deleted before each read
    (after an upgrade, or a deleted cache folder); the last read leaves the cache written."""
    return load_seconds(home, before=lambda: shutil.rmtree(resolve_paths(home).cache_dir, True))


def load_seconds(home: Path, before: Callable[[], object] = lambda: None) -> float:
    """Time to load the app's state (preferences, profile, the whole catalog), median of 3."""
    runs = []
    for _ in range(3):
        before()
        start = time.perf_counter()
        state = AppState(resolve_paths(home))
        _ = state.catalog  # read on first use
        runs.append(time.perf_counter() - start)
    return median(runs) if state.catalog.exercises else float("nan")


def main() -> int:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=int, default=30, help="letters typed per row")
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()

    rows: list[Row] = []
    loads: dict[int, float] = {}
    cold_loads: dict[int, float] = {}
    opens: dict[int, float] = {}
    fills: dict[int, float] = {}
    wide_fills: dict[int, float] = {}
    wholes: dict[int, float] = {}
    key_opens: dict[int, float] = {}
    blocked: dict[tuple[int, str], tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="stretch-tui-library-") as folder:
        bytecode = Path(folder) / "bytecode"
        for count in (22, LARGE):
            home = Path(folder) / f"home-{count}"
            prepare_home(home, count)
            found = len(AppState(resolve_paths(home)).catalog.exercises)
            if found != count:
                raise RuntimeError(f"expected {count} exercises, loaded {found}")
            cache = resolve_paths(home).cache_dir
            cold_loads[count] = cold_load_seconds(home)
            loads[count] = load_seconds(home)
            open_library(home, count, bytecode)  # compiles the byte-code
            straight = [open_library(home, count, bytecode) for _ in range(5)]
            opens[count] = median(shown for shown, _, _ in straight)
            fills[count] = median(filled for _, filled, _ in straight)
            wide = [open_library(home, count, bytecode, wide=True) for _ in range(3)]
            wide_fills[count] = median(filled for _, filled, _ in wide)
            wholes[count] = median(whole for _, _, whole in wide)
            key_opens[count] = median([asyncio.run(open_from_home(home)) for _ in range(3)])
            for cached in ("cached", "cold"):
                runs = []
                for _ in range(3):
                    if cached == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                    runs.append(asyncio.run(launch_blocked(home)))
                blocked[count, cached] = (
                    median([run[0] for run in runs]),
                    median([run[1] for run in runs]),
                )
            for size in SIZES:
                times = asyncio.run(measure(home, size, args.keys))
                filtering, baseline = times["filter"], times["baseline"]
                measured = median(filtering)
                rows.append(
                    Row(
                        f"keystroke to redrawn table, {count:,} exercises, {size[0]}x{size[1]} "
                        f"(90th percentile {ms(percentile(filtering, 0.9))})",
                        ms(measured),
                        ms(median(baseline)),
                        f"< {BUDGET_MS:.0f} ms",
                        measured * 1000 < BUDGET_MS,
                    )
                )
                moved = times["moved"]
                if moved:
                    rows.append(
                        Row(
                            f"... of them, the {len(moved)} that move the highlight to another "
                            "exercise",
                            ms(median(moved)),
                            ms(median(baseline)),
                            f"< {BUDGET_MS:.0f} ms",
                            median(moved) * 1000 < BUDGET_MS,
                        )
                    )
                print(f"{count} exercises at {size}: done", file=sys.stderr)
    rows.append(
        Row(
            f"open the library from Home's key, {LARGE:,} exercises, to the table drawn",
            ms(key_opens[LARGE]),
            ms(key_opens[22]),
            f"< {OPEN_BUDGET_MS:.0f} ms",
            key_opens[LARGE] * 1000 < OPEN_BUDGET_MS,
        )
    )
    for cached, label in (("cached", "cache in place"), ("cold", "cache deleted")):
        longest, ready = blocked[LARGE, cached]
        rows.append(
            Row(
                f"launch on Home, {LARGE:,} exercises, {label}: longest the UI is blocked "
                f"after the first frame (catalog read {ms(ready)} after it; "
                f"22: {ms(blocked[22, cached][1])})",
                ms(longest),
                ms(blocked[22, cached][0]),
                "-",
                None,
            )
        )
    rows.append(
        Row(
            f"open the library (`stretch-tui library`) in a terminal, {LARGE:,} exercises: "
            "start to the screen shown (launch: `launch_bench.py` budgets it)",
            ms(opens[LARGE]),
            ms(opens[22]),
            "-",
            None,
        )
    )
    rows.append(
        Row(
            f"... then the screen shown to its {LARGE:,} rows drawn (22: with the screen)",
            ms(fills[LARGE]),
            ms(fills[22]),
            f"< {OPEN_BUDGET_MS:.0f} ms",
            fills[LARGE] * 1000 < OPEN_BUDGET_MS,
        )
    )
    rows.append(
        Row(
            f"... the same at {SIZES[1][0]}x{SIZES[1][1]}, where the preview shows beside the "
            "table, median of 3",
            ms(wide_fills[LARGE]),
            ms(wide_fills[22]),
            f"< {OPEN_BUDGET_MS:.0f} ms",
            wide_fills[LARGE] * 1000 < OPEN_BUDGET_MS,
        )
    )
    rows.append(
        Row(
            f"... then the rows to the highlighted exercise's steps in the preview: the "
            f"{LARGE:,} rows are the exercises as listed, the steps come with the whole catalog "
            "(22: with the screen)",
            ms(wholes[LARGE]),
            ms(wholes[22]),
            "-",
            None,
        )
    )
    rows.append(
        Row(
            f"... of it, reading preferences, profile and {LARGE:,} exercises (cache in place)",
            ms(loads[LARGE]),
            ms(loads[22]),
            "-",
            None,
        )
    )
    rows.append(
        Row(
            f"reading preferences, profile and {LARGE:,} exercises, cache deleted",
            ms(cold_loads[LARGE]),
            ms(cold_loads[22]),
            "-",
            None,
        )
    )
    notes = (
        "Opening from Home: `l` pressed in a running app whose catalog was read in the "
        "background after launch, to the library's table drawn; median of 3 runs (each the "
        "median of 3 openings after a first), against the same with the 22 shipped exercises. "
        "Launch: the app started headless on Home; the longest gap in a 1 ms ticker on its "
        "event loop from the first frame until the catalog is read, median of 3, against the "
        "same with 22. Most of the launch rows' block is Home's recommended session, which "
        "plans a session per candidate group over the whole catalog on the UI thread (about "
        "1.7 s at 5,000 exercises); with it computed over the 22 shipped exercises the longest "
        "block with the cache in place was 0.3 to 0.7 s, Home waiting for the catalog's read. "
        "`stretch-tui library`: the app started headless on the library, median of 3, against "
        "the same with the 22 shipped exercises. "
        f"Baseline: f9 (bound to nothing) on the same screen, same run. Medians of "
        f"{2 * args.keys} filter keystrokes (a letter into the empty search, then backspace) and "
        f"{args.keys} baseline keystrokes per row; headless `App.run_test`, so the time to turn "
        "the rendered update into escape codes and write them is not included. A keystroke "
        "that moves the highlight to another exercise also rewrites the line under the table; "
        "from 120 columns the preview beside it (the pose and the steps) follows once the "
        "highlight has rested for 80 ms (`PREVIEW_DELAY`), in a frame of its own, so the "
        "keystrokes here, sent back to back, redraw the table alone (drawing the preview in the "
        "keystroke's frame took it to about 20 ms at 120x40).\n\n"
        f"{machine()}"
    )
    text = table(rows) + "\n\n" + notes
    print(text)
    if args.update_readme:
        update_readme(SECTION, f"Measured by `python benchmarks/library_bench.py`:\n\n{text}")
    return 1 if any(row.verdict is False for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
