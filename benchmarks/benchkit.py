"""What the benchmark scripts share: rows and their Markdown table, the machine, the README.

A script builds `Row`s (what, measured, baseline, budget, verdict), prints `table(rows)` and,
with `--update-readme`, writes its own section of benchmarks/README.md with `update_readme`
(the same mechanism as history_bench.py: the section from its heading to the next `## `
heading is replaced, every other section is kept).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
ROOT = HERE.parent

if str(ROOT) not in sys.path:
    # The scripts run as `python benchmarks/x.py`; the terminal harness lives in tests/e2e.
    sys.path.insert(0, str(ROOT))

TABLE_HEADER = (
    "| what | measured | baseline | budget | verdict |",
    "| --- | ---: | ---: | --- | --- |",
)
"""The table every script prints (history_bench.py's columns)."""


class Row(NamedTuple):
    """One line of a benchmark table. `verdict` is None for a row without a budget."""

    what: str
    measured: str
    baseline: str
    budget: str
    verdict: bool | None

    def markdown(self) -> str:
        """The row as a Markdown table line."""
        mark = "-" if self.verdict is None else ("pass" if self.verdict else "FAIL")
        cells = (self.what, self.measured, self.baseline, self.budget, mark)
        return "| " + " | ".join(cells) + " |"


def table(rows: Iterable[Row]) -> str:
    """The rows as a Markdown table with the shared header."""
    return "\n".join([*TABLE_HEADER, *(row.markdown() for row in rows)])


def ms(seconds: float) -> str:
    """Seconds shown as milliseconds."""
    return f"{seconds * 1000:.1f} ms"


def mib(kib: float) -> str:
    """KiB (as `ru_maxrss` gives them on Linux) shown as MiB."""
    return f"{kib / 1024:.1f} MiB"


def median(values: Sequence[float]) -> float:
    """The median (of at least one value)."""
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie (nearest rank)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo ("unknown" elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> str:
    """One line about the machine: CPUs, CPU model, Python and Textual versions, load."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 0
    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual = "not installed"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"Machine: {cpus} CPUs (`nproc`), {cpu_model()}, Python {platform.python_version()}, "
        f"Textual {textual}, {platform.system()} {platform.machine()}; load average {load:.1f} "
        "when the run ended (other work on the machine slows every row)."
    )


def update_readme(heading: str, body: str) -> None:
    """Replace the README section that starts with `heading` (a `## ` line) by `heading` and
    `body`, or append it; the other sections stay as they are."""
    content = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    section = f"{heading}\n\n{body.strip()}\n"
    if heading in content:
        before, _, after = content.partition(heading)
        rest = after.split("\n## ", 1)
        tail = "\n## " + rest[1] if len(rest) > 1 else ""
        content = before + section + tail
    else:
        content = content.rstrip("\n") + "\n\n" + section
    README.write_text(content, encoding="utf-8")
