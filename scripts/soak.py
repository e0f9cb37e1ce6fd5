"""A long random-key soak: N seeds x 20,000 keys through the real app in a pseudo-terminal.

    make soak                      # 5 seeds from the current commit, 20,000 keys each
    make soak ARGS="--seeds 3 --keys 5000"
    make soak ARGS="--seed 777123" # one given seed (repeat --seed for more)

Each seed runs `tests/e2e/test_random_keys.py` (every start point: Home, library, screening,
progress, a session) and the summary says, per seed and in all: crashes (a traceback),
hangs (the app not quitting, or ctrl+c slower than the test's deadline), other failures,
restarts, ctrl+c checks with the slowest, and the screens visited. A failing seed is printed
with the command that repeats it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/e2e/test_random_keys.py"
FAILURE_LINE = re.compile(r"^\S+\.py:\d+: \w*(Error|Timeout)\b")
"""A failure as pytest's --tb=line reports it."""


def commit_seeds(count: int) -> list[int]:
    """`count` seeds from the current commit: the CI's (its first 8 hex digits), then the
    next ones."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        head = "0"
    base = int(head[:8] or "0", 16)
    return [base + n for n in range(count)]


def kind_of(failure: str) -> str:
    """What went wrong, from pytest's one-line summary of a failed run."""
    if "crash after" in failure or "Traceback" in failure:
        return "crash"
    hang_marks = ("still runs after", "ctrl+c on", "did not leave its screen")
    if any(mark in failure for mark in hang_marks):
        return "hang"
    return "other"


@dataclass
class SeedResult:
    """One seed's run of the random-key test."""

    seed: int
    seconds: float
    runs: list[dict[str, Any]]
    """The JSON lines the passing start points reported."""
    failures: list[str]
    """pytest's one line per failure."""

    @property
    def kinds(self) -> list[str]:
        """crash, hang or other, per failure."""
        return [kind_of(line) for line in self.failures]

    @property
    def quit_times(self) -> list[float]:
        """Every ctrl+c check's time, in seconds."""
        return [float(t) for run in self.runs for t in run["quit_times"]]


def run_seed(seed: int, keys: int) -> SeedResult:
    """Run the random-key test for `seed` (every start point)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.jsonl"
        env = dict(os.environ)
        env.update(
            STRETCH_TUI_E2E_SEED=str(seed),
            STRETCH_TUI_E2E_KEYS=str(keys),
            STRETCH_TUI_E2E_REPORT=str(report),
        )
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", TEST, "-q", "--tb=line", "-p", "no:cacheprovider"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = report.read_text().splitlines() if report.exists() else []
    # --tb=line: one "path:line: Error: message" line per failed start point.
    failures = [line for line in done.stdout.splitlines() if FAILURE_LINE.match(line)]
    if done.returncode != 0 and not failures:
        failures = [f"FAILED pytest exit status {done.returncode}: {done.stdout[-300:]}"]
    return SeedResult(seed, time.monotonic() - started, [json.loads(x) for x in lines], failures)


def main(argv: list[str] | None = None) -> int:
    """Run the soak; exit status 1 when any seed failed."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="how many seeds (from the commit)")
    parser.add_argument("--seed", type=int, action="append", help="a given seed (repeatable)")
    parser.add_argument("--keys", type=int, default=20_000, help="keys per seed")
    args = parser.parse_args(argv)
    seeds: list[int] = args.seed or commit_seeds(args.seeds)
    results = []
    for seed in seeds:
        result = run_seed(seed, args.keys)
        results.append(result)
        times = result.quit_times
        verdict = ", ".join(result.kinds) or "ok"
        print(
            f"seed {seed}: {verdict}; {len(result.runs)}/5 start points passed, "
            f"{sum(run['restarts'] for run in result.runs)} restarts, {len(times)} ctrl+c "
            f"checks (slowest {max(times, default=0.0):.2f} s), {result.seconds:.0f} s",
            flush=True,
        )
        for line in result.failures:
            print(f"  {line[:400]}")
    kinds = [kind for result in results for kind in result.kinds]
    times = [t for result in results for t in result.quit_times]
    restarts = sum(run["restarts"] for result in results for run in result.runs)
    screens = sorted(
        {title for result in results for run in result.runs for title in run["titles"]}
    )
    print(
        f"\n{len(seeds)} seeds x {args.keys} keys: {kinds.count('crash')} crashes, "
        f"{kinds.count('hang')} hangs, {kinds.count('other')} other failures, {restarts} "
        f"restarts, {len(times)} ctrl+c checks (slowest {max(times, default=0.0):.2f} s)"
    )
    print(f"screens visited: {', '.join(screens)}")
    for result in results:
        if result.failures:
            print(
                f"repeat: STRETCH_TUI_E2E_SEED={result.seed} "
                f"STRETCH_TUI_E2E_KEYS={args.keys} pytest {TEST}"
            )
    return 1 if kinds else 0


if __name__ == "__main__":
    sys.exit(main())
