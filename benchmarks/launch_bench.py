"""Launch time and peak memory of stretch-tui in a real terminal, against a minimal Textual app.

    python benchmarks/launch_bench.py [--runs 10] [--update-readme]

Both programs run in a pseudo-terminal of 100x30 read by `pyte` (tests/e2e/terminal.py), in
alternating order, so that load on the machine falls on both alike:

- launch to first full frame: from spawning the process to the moment the terminal shows the
  whole first screen (stretch-tui: Home, with "Your profile" and the footer; the baseline:
  benchmarks/minimal_app.py's line and its footer). Budget: within 1.15x of the baseline.
- peak memory: `ru_maxrss` of the process (from `wait4`) after it quits on ctrl+c, once right
  after the first frame, and once after a short tour (library with a search, progress,
  settings, help). Budget: under 1.3x of the baseline.

stretch-tui runs as the installed entry point (`stretch-tui` next to this Python) over a
prepared home folder: the self-care notice acknowledged (so Home shows at once), an extension
profile, no history. Prints a Markdown table; `--update-readme` writes it into README.md.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchkit import HERE, Row, machine, median, mib, ms, table, update_readme

from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.profile import Profile, ScreeningRecord
from stretch_tui.state import AppState
from stretch_tui.storage.paths import resolve_paths
from stretch_tui.storage.preferences import save_preferences
from stretch_tui.storage.profile import save_profile
from tests.e2e.terminal import Terminal, app_env, stretch_tui_command

SECTION = "## Launch and memory"
SIZE = (100, 30)
APP_READY = re.compile(r"(?s)Your profile.*\^p palette")
MINIMAL_READY = re.compile(r"(?s)Minimal Textual app: ready\..*\^p palette")
LAUNCH_BUDGET = 1.15
MEMORY_BUDGET = 1.3
TOUR: list[tuple[tuple[str, ...], str]] = [
    (("l",), "Exercise"),
    (("c", "a", "t"), "Cat-cow"),
    (("ctrl+g",), "Progress"),
    (("ctrl+o",), "Settings are saved"),
    (("f1",), "Keys everywhere"),
]
"""Keys for the memory tour, each with text to wait for after it."""


def prepare_home(home: Path) -> None:
    """Preferences with the notice acknowledged and quiet cues; an extension profile."""
    paths = resolve_paths(home)
    save_preferences(paths, Preferences(notice_seen=True, sound_mode="visual"))
    record = ScreeningRecord(date=datetime.now().astimezone(), responder="extension")
    save_profile(paths, Profile(screening=record))


def run_once(
    command: list[str], env: dict[str, str], ready: re.Pattern[str], tour: bool = False
) -> tuple[float, int]:
    """Start `command`, wait for its first full frame (optionally take the tour), quit; the
    seconds to the first frame and the peak memory in KiB."""
    with Terminal(*SIZE) as term:
        term.start(command, env=env)
        term.wait_for(ready, timeout=60)
        launch = term.found_at - term.started_at
        if tour:
            for keys, text in TOUR:
                term.send(*keys)
                term.wait_for(text, timeout=30)
        term.settle(quiet=0.1, timeout=5, strict=False)
        term.send("ctrl+c")
        term.wait_exit(timeout=30)
        if term.max_rss_kb is None:
            raise RuntimeError("no resource usage for the child")
        return launch, term.max_rss_kb


def main() -> int:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each program")
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()

    app_times: list[float] = []
    app_memory: list[int] = []
    base_times: list[float] = []
    base_memory: list[int] = []
    tour_memory: list[int] = []
    with tempfile.TemporaryDirectory(prefix="stretch-tui-launch-") as folder:
        home = Path(folder) / "home"
        prepare_home(home)
        env = app_env(home)
        breakdown = where_the_time_goes(home, env) + "\n\n" + where_the_memory_goes()
        app = [stretch_tui_command()]
        minimal = [sys.executable, str(HERE / "minimal_app.py")]
        # One of each first, not counted: byte-code compiled and files in the page cache.
        run_once(app, env, APP_READY)
        run_once(minimal, env, MINIMAL_READY)
        for number in range(args.runs):
            order = [(app, APP_READY), (minimal, MINIMAL_READY)]
            if number % 2:
                order.reverse()
            for command, ready in order:
                seconds, kib = run_once(command, env, ready)
                times, memory = (
                    (app_times, app_memory) if command is app else (base_times, base_memory)
                )
                times.append(seconds)
                memory.append(kib)
            tour_memory.append(run_once(app, env, APP_READY, tour=True)[1])
            print(f"run {number + 1}/{args.runs} done", file=sys.stderr)

    launch, base_launch = median(app_times), median(base_times)
    memory, base = median(app_memory), median(base_memory)
    toured = median(tour_memory)
    rows = [
        Row(
            "launch to first full frame (Home), real terminal 100x30",
            ms(launch),
            ms(base_launch),
            f"<= {LAUNCH_BUDGET}x baseline ({launch / base_launch:.2f}x)",
            launch <= LAUNCH_BUDGET * base_launch,
        ),
        Row(
            "peak memory, launch and quit",
            mib(memory),
            mib(base),
            f"< {MEMORY_BUDGET}x baseline ({memory / base:.2f}x)",
            memory < MEMORY_BUDGET * base,
        ),
        Row(
            "peak memory after library search, progress, settings, help",
            mib(toured),
            mib(base),
            f"< {MEMORY_BUDGET}x baseline ({toured / base:.2f}x)",
            toured < MEMORY_BUDGET * base,
        ),
    ]
    notes = (
        f"Baseline: benchmarks/minimal_app.py (Header, Static, Footer). Medians of {args.runs} "
        "runs of each, alternating, after one unmeasured run of each; launch spread "
        f"{ms(min(app_times))}-{ms(max(app_times))} (stretch-tui) and "
        f"{ms(min(base_times))}-{ms(max(base_times))} (baseline).\n\n{breakdown}\n\n"
        f"{machine()}"
    )
    text = table(rows) + "\n\n" + notes
    print(text)
    if args.update_readme:
        update_readme(
            SECTION, f"Measured by `python benchmarks/launch_bench.py`:\n\n{text}\n\n{EXPLAINED}"
        )
    return 1 if any(row.verdict is False for row in rows) else 0


IMPORT_LOGGER = """
import os, runpy, sys
log, target = sys.argv[1], sys.argv[2]
terminal = os.dup(2)
os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
sys.stderr = sys.__stderr__ = open(terminal, "w", buffering=1)
sys.argv = sys.argv[2:]
if target.endswith(".py"):
    runpy.run_path(target, run_name="__main__")
else:
    runpy.run_module(target, run_name="__main__")
"""
"""Run a program with `-X importtime` lines going to a file (fd 2) while the program draws on
the terminal (Textual draws on `sys.__stderr__`, here a copy of the terminal's fd)."""


def import_times(target: str, env: dict[str, str], ready: re.Pattern[str]) -> dict[str, int]:
    """Each module a program (a module name or a script) imports up to its first full frame
    and its quit, with its own import time in microseconds (`python -X importtime`)."""
    with tempfile.NamedTemporaryFile("r", suffix=".log") as log:
        command = [sys.executable, "-X", "importtime", "-c", IMPORT_LOGGER, log.name, target]
        run_once(command, env, ready)
        modules: dict[str, int] = {}
        for line in log.read().splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) == 3 and parts[0].strip().isdigit():
                modules[parts[2].strip()] = int(parts[0])
    return modules


TOUR_MODULES = ", ".join(
    f"stretch_tui.screens.{name}"
    for name in ("home", "library", "exercise", "progress", "settings", "help")
)


def memory_after(statement: str) -> int:
    """Peak memory in KiB of a Python that runs `statement` and nothing else."""
    code = (
        f"{statement}; import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def where_the_memory_goes() -> str:
    """How much of the peak is imported code: the tour's modules against the minimal app's."""
    imported = memory_after(f"import stretch_tui.cli, stretch_tui.app, {TOUR_MODULES}")
    minimal = memory_after("import textual.app; from textual.widgets import Footer, Header, Static")
    return (
        f"Where the memory goes: importing every module the tour uses takes {mib(imported)}, "
        f"the minimal app's imports {mib(minimal)}; the rest of the peak is the screens "
        "themselves (their widgets, styles and render caches). In the tour each key opens a "
        "screen over the last, so the library, progress, settings and help are open together."
    )


def where_the_time_goes(home: Path, env: dict[str, str]) -> str:
    """What stretch-tui's launch costs beyond the minimal app's: imports (by package, from
    `-X importtime` over the whole launch) and loading its files; the rest is Textual
    building Home."""
    app = import_times("stretch_tui", env, APP_READY)
    minimal = import_times(str(HERE / "minimal_app.py"), env, MINIMAL_READY)
    extra: dict[str, int] = {}
    for module, micros in app.items():
        if module in minimal:
            continue
        package = module.split(".")[0]
        if package == "stretch_tui":
            package = ".".join(module.split(".")[:2])
        elif package == "textual":
            package = "textual (parts the minimal app does not load)"
        extra[package] = extra.get(package, 0) + micros
    top = sorted(extra.items(), key=lambda item: -item[1])[:8]
    listed = ", ".join(f"{package} {micros / 1000:.0f} ms" for package, micros in top)
    loads = []
    for _ in range(5):
        start = time.perf_counter()
        _ = AppState(resolve_paths(home)).catalog  # the catalog is read on first use
        loads.append(time.perf_counter() - start)
    return (
        f"Where the time goes (one run of each with `python -X importtime`, which slows "
        f"imports): stretch-tui imports {len(app)} modules in {sum(app.values()) / 1000:.0f} "
        f"ms up to its first frame, the minimal app {len(minimal)} in "
        f"{sum(minimal.values()) / 1000:.0f} ms. The modules only stretch-tui loads, by "
        f"package: {listed}. Loading its files and the catalog (`AppState`) takes "
        f"{ms(median(loads))}; the catalog, and the recommended session Home plans from it, "
        "are read and drawn in the frame after the first, so neither is in that time (their "
        "imports are in the list above, which runs on to the quit). The rest of the "
        "difference is Textual composing, styling and painting Home's widgets (an option "
        "list, a sparkline, a footer of eight keys) and parsing the screens' stylesheets, "
        "against the minimal app's three widgets."
    )


EXPLAINED = (
    "Each program is spawned in a pseudo-terminal whose output feeds a `pyte` screen; the "
    "time is taken when the whole first screen (body text and footer) is on it. Peak memory "
    "is the child's `ru_maxrss` from `os.wait4` after it quits."
)

if __name__ == "__main__":
    sys.exit(main())
