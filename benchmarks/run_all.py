"""Run every benchmark script and print one table of every budget of docs/product.md 10.

    python benchmarks/run_all.py [--update-readme] [--only NAME ...]

Runs each script of `SCRIPTS` that exists, one after the other (each in its own process, with
a time limit), collects the rows of the table it prints (`| what | measured | baseline |
budget | verdict |`) and prints them together, with the script's name in front. A script
that fails or prints no table shows up as a FAIL row with its last lines.

With `--update-readme`, each script writes its own section of benchmarks/README.md and this
one writes the combined table at the top ("Latest run"), with the machine it ran on. Exits 1
when a budget is missed or a script failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from benchkit import HERE, README, machine

SCRIPTS = (
    "launch_bench.py",
    "library_bench.py",
    "session_bench.py",
    "history_bench.py",
    "progress_bench.py",
    "status_bench.py",
)
"""The benchmark scripts, in the order they run; missing ones are skipped."""

TIME_LIMIT = 1800
"""Seconds a script may run before it counts as failed."""

SECTION = "## Latest run of every benchmark"
HEADER = "| what | measured | baseline | budget | verdict |"


def table_rows(output: str) -> list[str]:
    """The body rows of every `what | measured | ...` table in a script's output."""
    rows: list[str] = []
    inside = False
    for line in output.splitlines():
        if line.strip() == HEADER:
            inside = True
            continue
        if inside and line.startswith("| ---"):
            continue
        if inside and line.startswith("|"):
            rows.append(line.strip())
        else:
            inside = False
    return rows


def run_script(name: str, update_readme: bool) -> tuple[list[str], float]:
    """Run one script; its table rows with the script's name in front, and the seconds it
    took."""
    command = [sys.executable, str(HERE / name)]
    if update_readme:
        command.append("--update-readme")
    start = time.perf_counter()
    print(f"running {name} ...", file=sys.stderr, flush=True)
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIME_LIMIT, check=False
        )
        output, errors, status = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout if isinstance(expired.stdout, str) else ""
        errors, status = f"timed out after {TIME_LIMIT} s", None
    seconds = time.perf_counter() - start
    rows = [f"| `{name}` |{row[1:]}" for row in table_rows(output)]
    # A script exits 1 when a budget is missed; that is in its rows. Anything else failed.
    if not rows or status not in (0, 1):
        last = " / ".join(line for line in errors.strip().splitlines()[-3:]) or "no output"
        last = last.replace("|", "\\|")
        rows.append(f"| `{name}` | the script failed (exit {status}): {last} | - | - | - | FAIL |")
    return rows, seconds


def main() -> int:
    """Run the scripts and print the combined table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts")
    args = parser.parse_args()

    names = [name for name in SCRIPTS if (HERE / name).exists()]
    if args.only:
        names = [
            name for name in names if name in args.only or name.removesuffix(".py") in args.only
        ]
    rows: list[str] = []
    took: list[str] = []
    for name in names:
        script_rows, seconds = run_script(name, args.update_readme)
        rows += script_rows
        took.append(f"`{name}` {seconds:.0f} s")
    lines = [
        "| script | what | measured | baseline | budget | verdict |",
        "| --- | --- | ---: | ---: | --- | --- |",
        *rows,
    ]
    missed = sum(1 for row in rows if row.endswith("| FAIL |"))
    summary = (
        f"{len(rows)} rows from {len(names)} scripts; "
        + (f"{missed} miss their budget (FAIL)." if missed else "every budget met.")
        + f" Run times: {', '.join(took)}."
    )
    text = "\n".join(lines) + f"\n\n{summary}\n\n{machine()}"
    print(text)
    if args.update_readme:
        write_section(text)
    return 1 if missed else 0


def write_section(text: str) -> None:
    """Put the combined table first among the README's sections (replacing the last one)."""
    content = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    section = (
        f"{SECTION}\n\nMeasured by `python benchmarks/run_all.py --update-readme`; each "
        f"script's own section below has its notes.\n\n{text}\n"
    )
    if SECTION in content:
        before, _, after = content.partition(SECTION)
        rest = after.split("\n## ", 1)
        content = before + section + ("\n## " + rest[1] if len(rest) > 1 else "")
    elif "\n## " in content:
        intro, _, sections = content.partition("\n## ")
        content = intro.rstrip("\n") + "\n\n" + section + "\n## " + sections
    else:
        content = content.rstrip("\n") + "\n\n" + section
    README.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
