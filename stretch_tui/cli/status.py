"""`stretch-tui status [--short | --json]`: one line for a shell prompt, a `.bashrc` or a login
message (docs/product.md 9): days since the last session, the streak, this week's days against
the goal, and the screening's warning when it asks for a clinician.

It runs before every prompt, so it must cost little more than starting Python (the budget is
under 50 ms, measured by `benchmarks/status_bench.py`). That shapes the whole module:

- It imports only the standard library's small modules, never `attrs`, `platformdirs`,
  `argparse`, `re`, `json` or the rest of the package (each of those alone costs a good part
  of the budget, `tomllib` as much as starting Python: it is imported only for a profile that
  could hold a warning, or a month file status must parse). `cli/__init__.py` hands `status`
  straight here before it imports anything else.
  The few facts it shares with the app (folder names, the history cache's layout version, the
  weekly goal, the screening tiers) are repeated below, and `tests/unit/test_status_cli.py`
  checks each against the module that owns it.
- History comes from the cache index (`storage/history_cache.py`: `CACHE/history/index.json`,
  per month the month file's size and mtime_ns and the days with a session). A month file is
  only `stat`ed to check its line, never opened, however long the history. Where the index
  lacks a month or its file changed since, status parses that month file itself, at most
  `PARSE_LIMIT` of them (what Home does before its first frame); past that it says what it
  does not know (a streak of "at least" so many days) rather than read ten years of TOML.
- It never writes the user's files or the history cache, moves a corrupt file aside or
  migrates one; the one thing it writes is its own note of the profile's warning in the cache
  folder (`read_red_flag`). A file it cannot use is one line on stderr and exit status 1.

The preferences are not read: nothing on the line depends on them (the weekly goal is the
fixed `GOAL_DAYS_PER_WEEK` of `domain/stats.py`, as on the Progress screen).
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime

TYPE_CHECKING = False  # without importing `typing`, which costs a millisecond or two
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

APP_NAME = "stretch-tui"
"""The folder name of the platform's folders (`storage/paths.APP_NAME`)."""

HOME_VARIABLE = "STRETCH_TUI_HOME"
"""Every file under one folder, like `--home` (`storage/paths.HOME_VARIABLE`)."""

CACHE_FORMAT = 2
"""The history cache's layout version (`storage/history_cache.CACHE_FORMAT`). The index's lines
hold only file stamps and days, so an index written with other history fields (the second
part of its format key) still says which days had a session."""

GOAL_DAYS_PER_WEEK = 3
"""Days a week with a session, at least (`domain/stats.GOAL_DAYS_PER_WEEK`)."""

TIERS = ("none", "soon", "urgent", "emergency")
"""The screening's red-flag tiers (`domain/profile.TIERS`)."""

PARSE_LIMIT = 2
"""Month files status parses itself when the cache index lacks them, at most."""

SHORT_WIDTH = 40
"""Columns `--short` fits in."""

STATUS_JSON_SCHEMA = 1
"""Version of the `status --json` shape; bumped only when a key changes meaning or goes."""

EXIT_OK, EXIT_FAILURE = 0, 1

PREFIX = "stretch-tui: "
SHORT_PREFIX = "stretch: "

RED_FLAG_TEXT = {
    "emergency": ("signs that need emergency care: get help now, do not exercise",
                  "get emergency care now"),
    "urgent": ("see a clinician before exercising", "see a clinician first"),
    "soon": ("see a clinician soon (gentle exercise may go on)", "see a clinician soon"),
}  # fmt: skip
"""Per tier, the long and the short warning: what Home's banner says, in a few words."""

_MONTHS = frozenset(f"{month:02d}" for month in range(1, 13))

WARNING_WORDS = (b"soon", b"urgent", b"emergency", b"\\")
"""A profile holding none of these bytes cannot hold a warning tier (a backslash could spell
one with escapes), so it is not parsed: importing `tomllib` alone costs about as much as
starting Python. A profile status does not parse is not checked either; the app reports
anything wrong with it when it starts."""


class StatusError(Exception):
    """A file status cannot use; its message is the one line printed."""


class Folders:
    """The three folders status reads from (a subset of `storage/paths.AppPaths`)."""

    def __init__(self, config_dir: str, data_dir: str, cache_dir: str) -> None:
        self.config_dir = config_dir
        self.data_dir = data_dir
        self.cache_dir = cache_dir

    @property
    def profile(self) -> str:
        """`profile.toml`."""
        return os.path.join(self.config_dir, "profile.toml")

    @property
    def history_dir(self) -> str:
        """The month files' folder."""
        return os.path.join(self.data_dir, "history")

    @property
    def index(self) -> str:
        """The history cache's index."""
        return os.path.join(self.cache_dir, "history", "index.json")

    @property
    def red_flag_cache(self) -> str:
        """Status's own note of the profile's warning (`read_red_flag`)."""
        return os.path.join(self.cache_dir, "status-red-flag")


def find_folders(
    home: str | None = None, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> Folders:
    """The folders `storage/paths.resolve_paths` gives, without importing `platformdirs`
    where the answer is plain: a home folder, or Linux's XDG folders. Anything else (another
    system, a relative `XDG_*` or `HOME`) asks `resolve_paths` itself."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    chosen = home if home is not None else environ.get(HOME_VARIABLE) or None
    if chosen is not None:
        root = os.path.join(os.getcwd(), _expand_user(chosen, environ))
        return Folders(root, root, os.path.join(root, "cache"))
    if platform == "linux" and "ANDROID_DATA" not in environ:
        config = _xdg_folder(environ, "XDG_CONFIG_HOME", "/.config")
        data = _xdg_folder(environ, "XDG_DATA_HOME", "/.local/share")
        cache = _xdg_folder(environ, "XDG_CACHE_HOME", "/.cache")
        if config and data and cache:
            return Folders(config, data, cache)
    from stretch_tui.storage.paths import resolve_paths

    paths = resolve_paths(home, environ)
    return Folders(str(paths.config_dir), str(paths.data_dir), str(paths.cache_dir))


def _expand_user(path: str, environ: Mapping[str, str]) -> str:
    home = environ.get("HOME")
    if (path == "~" or path.startswith("~/")) and home:
        return (home.rstrip("/") + path[1:]) or "/"
    return os.path.expanduser(path)


def _xdg_folder(environ: Mapping[str, str], variable: str, default: str) -> str | None:
    """platformdirs' rule: an absolute `$VARIABLE`, else `$HOME` + default; None when that
    takes more than this (no absolute HOME)."""
    value = environ.get(variable, "")
    if value.startswith("/"):
        return os.path.join(value, APP_NAME)
    home = environ.get("HOME", "")
    if not home.startswith("/"):
        return None
    return os.path.join((home.rstrip("/") + default), APP_NAME)


# --- what status says -----------------------------------------------------------------------


class Status:
    """Everything the line says, each fact None when it could not be worked out cheaply."""

    def __init__(
        self,
        today: date,
        last_day: date | None,
        streak: int,
        streak_exact: bool,
        week_days: int | None,
        complete: bool,
        red_flag: str | None,
    ) -> None:
        self.today = today
        self.last_day = last_day
        """The newest day with a session; None without history, or when not known."""
        self.streak = streak
        """Consecutive days with a session up to today (or yesterday), as Home counts them."""
        self.streak_exact = streak_exact
        """False when the streak goes back further than status read: it is at least that."""
        self.week_days = week_days
        """Days with a session in this Monday-to-Sunday week; None when not known."""
        self.complete = complete
        """Every month status needed was in the index or parsed: nothing above is a guess."""
        self.red_flag = red_flag
        """The screening's tier when it asks for a clinician, else None."""

    @property
    def has_history(self) -> bool:
        """A session was found (or history exists beyond what status read)."""
        return self.last_day is not None or not self.complete

    @property
    def days_since(self) -> int | None:
        """Days since the last session (0 for today); None when not known or no history."""
        if self.last_day is None:
            return None
        return max(0, self.today.toordinal() - self.last_day.toordinal())

    def line(self) -> str:
        """The full line."""
        parts = []
        if self.red_flag is not None:
            parts.append(RED_FLAG_TEXT[self.red_flag][0])
        if not self.has_history:
            parts.append(
                "no sessions yet - whenever you are ready, `stretch-tui session` starts one"
            )
            return PREFIX + "; ".join(parts)
        facts = []
        since = self.days_since
        if since is None:
            facts.append("last session not known (open stretch-tui once to index your history)")
        else:
            facts.append(f"last session {_ago(since)}")
        if self.streak_exact:
            facts.append(f"streak {_days(self.streak)}" if self.streak else "no streak")
        else:
            facts.append(f"streak at least {_days(self.streak)}")
        if self.week_days is not None:
            facts.append(
                f"this week {self.week_days} of {GOAL_DAYS_PER_WEEK} days"
                if self.week_days < GOAL_DAYS_PER_WEEK
                else f"this week's goal of {GOAL_DAYS_PER_WEEK} days met"
            )
        parts.append(", ".join(facts))
        return PREFIX + "; ".join(parts)

    def short(self) -> str:
        """At most `SHORT_WIDTH` columns: the warning alone when there is one."""
        if self.red_flag is not None:
            return SHORT_PREFIX + RED_FLAG_TEXT[self.red_flag][1]
        if not self.has_history:
            return SHORT_PREFIX + "no sessions yet"
        since = self.days_since
        parts = [
            "last ?" if since is None else ("today" if since == 0 else f"{since}d ago"),
            f"streak {self.streak}{'' if self.streak_exact else '+'}",
        ]
        if self.week_days is not None:
            parts.append(f"week {self.week_days}/{GOAL_DAYS_PER_WEEK}")
        while len(parts) > 1 and len(SHORT_PREFIX + ", ".join(parts)) > SHORT_WIDTH:
            parts.pop()
        return (SHORT_PREFIX + ", ".join(parts))[:SHORT_WIDTH]

    def document(self) -> dict[str, object]:
        """The `--json` object (README: `stretch-tui status --json`)."""
        week_start = date.fromordinal(self.today.toordinal() - self.today.weekday())
        return {
            "schema": STATUS_JSON_SCHEMA,
            "today": self.today.isoformat(),
            "last_session_day": None if self.last_day is None else self.last_day.isoformat(),
            "days_since_last_session": self.days_since,
            "streak_days": self.streak,
            "streak_exact": self.streak_exact,
            "week_start": week_start.isoformat(),
            "week_days_done": self.week_days,
            "week_goal_days": GOAL_DAYS_PER_WEEK,
            "red_flag": None
            if self.red_flag is None
            else {"tier": self.red_flag, "message": RED_FLAG_TEXT[self.red_flag][0]},
            "complete": self.complete,
            "line": self.line(),
            "short": self.short(),
        }


def _ago(days: int) -> str:
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


# --- reading --------------------------------------------------------------------------------


def read_status(folders: Folders, today: date, parse_limit: int = PARSE_LIMIT) -> Status:
    """What the line says, from the profile and the history cache's index (see the module's
    docstring). Raises `StatusError` for a file it cannot use."""
    red_flag = read_red_flag(folders.profile, folders.red_flag_cache)
    months = month_files(folders.history_dir)
    index = read_index(folders.index)
    today_number = today.toordinal()
    week_start = today_number - today.weekday()
    days: set[int] = set()
    parsed = 0
    complete = True
    streak_found = week_found = False
    cursor: int | None = None  # the day before the earliest day of the streak found so far
    for month, path in reversed(months):
        try:
            status = os.stat(path)
        except OSError:
            continue  # gone since the listing: as Home does
        line = index.get(month)
        if line is not None and line[0] == (status.st_size, status.st_mtime_ns):
            days |= line[1]
        elif parsed < parse_limit:
            parsed += 1
            days |= month_days(path)
        else:
            complete = False
            break
        try:
            start = date(int(month[:4]), int(month[5:]), 1).toordinal()
        except ValueError:  # year 0000: no streak or week reaches it
            continue
        if start > today_number:
            continue  # a month after today (a clock set back): its days count, not its start
        if cursor is None:
            cursor = today_number if today_number in days else today_number - 1
        while cursor in days:
            cursor -= 1
        streak_found = streak_found or cursor >= start
        week_found = week_found or start <= week_start
        if streak_found and week_found and days:
            break
    streak = _streak(days, today_number)
    return Status(
        today=today,
        last_day=date.fromordinal(max(days)) if days else None,
        streak=streak,
        streak_exact=complete or streak_found,
        week_days=sum(1 for day in days if week_start <= day < week_start + 7)
        if complete or week_found
        else None,
        complete=complete,
        red_flag=red_flag,
    )


def _streak(days: set[int], today: int) -> int:
    """`domain/history.current_streak`, on day numbers."""
    day = today if today in days else today - 1
    streak = 0
    while day in days:
        streak += 1
        day -= 1
    return streak


def month_files(folder: str) -> list[tuple[str, str]]:
    """The month files (`YYYY-MM`, path), oldest first; none when there is no folder."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StatusError(f"{folder} cannot be read ({_reason(error)})") from error
    found = [(name[:7], os.path.join(folder, name)) for name in names if is_month_file(name)]
    return sorted(found)


def is_month_file(name: str) -> bool:
    """`YYYY-MM.toml`, as `storage/history.month_files` matches it (without `re`, whose
    import costs a good part of status's budget)."""
    return (
        len(name) == 12
        and name.endswith(".toml")
        and name[:4].isdecimal()
        and name[4] == "-"
        and name[5:7] in _MONTHS
    )


def read_index(path: str) -> dict[str, tuple[tuple[int, int], frozenset[int]]]:
    """The cache index, month to ((size, mtime_ns), days as ordinals), as
    `HistoryCache.index` reads it; empty when missing, unreadable or of another layout (the
    cache is only ever a shortcut: the months are then parsed, within the limit)."""
    try:
        with open(path, "rb") as handle:
            document = parse_json(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict):
        return {}
    key = document.get("format")
    months = document.get("months")
    if not isinstance(key, str) or not key.startswith(f"{CACHE_FORMAT}-"):
        return {}
    if not isinstance(months, dict):
        return {}
    index = {}
    for month, line in months.items():
        try:
            size, mtime_ns, ordinals = line
            index[month] = ((int(size), int(mtime_ns)), frozenset(map(int, ordinals)))
        except (TypeError, ValueError):
            continue
    return index


class _JsonContext:
    """What the C JSON scanner reads from the decoder that makes it (`json.JSONDecoder`)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    array_hook = None  # read from Python 3.15 on
    parse_float = float
    parse_int = int
    parse_constant = float


def parse_json(text: str) -> object:
    """`json.loads`, without importing `json`, whose import of `re` (and through it `enum`)
    costs a third of status's budget: the C scanner `json.decoder` itself uses. Where that
    scanner is missing or asks for more, `json.loads`. Raises ValueError (also for whitespace
    around the value, which the cache never writes)."""
    try:
        from _json import make_scanner

        scan = make_scanner(_JsonContext())  # type: ignore[arg-type]
    except (ImportError, AttributeError, TypeError):  # another Python
        import json

        return json.loads(text)
    try:
        value, end = scan(text, 0)
    except StopIteration as error:
        raise ValueError("not JSON") from error
    if end != len(text):
        raise ValueError("more than one JSON value")
    return value


def dump_json(value: object, indent: str = "") -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` for the values of `Status.document`
    (dicts, strings, whole numbers, booleans, None), without importing `json` (see
    `parse_json`): strings go through the C encoder `json` itself uses."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = [f"{inner}{_json_string(str(key))}: {dump_json(item, inner)}"
                 for key, item in value.items()]  # fmt: skip
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, str):
        return _json_string(value)
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(int(value))
    raise TypeError(f"status --json has no {type(value).__name__} values")


def _json_string(text: str) -> str:
    try:
        from _json import encode_basestring
    except ImportError:  # another Python
        from json.encoder import py_encode_basestring as encode_basestring
    return encode_basestring(text)


def month_days(path: str) -> set[int]:
    """The days (ordinals) with a session in one month file, parsed without the cache."""
    document = _read_toml(path)
    if document is None:
        return set()  # gone since the listing
    sessions = document.get("session", [])
    if not isinstance(sessions, list) or not all(isinstance(item, dict) for item in sessions):
        raise StatusError(f"{path} could not be read (`session` is not a list of tables)")
    days = set()
    for table in sessions:
        started = table.get("started")
        if isinstance(started, datetime):
            days.add(started.date().toordinal())
    return days


RED_FLAG_CACHE_FORMAT = "1"
"""The first word of the red-flag note; a note of another format is read as no note."""


def read_red_flag(path: str, cache_path: str | None = None) -> str | None:
    """`profile_red_flag`, remembered in `cache_path` for the profile as it is now.

    A profile that may hold a warning (`WARNING_WORDS`) must be parsed, and importing `tomllib`
    costs as much as starting Python, so status would take about three times as long before
    every prompt for as long as the warning stands. The answer depends on the file's content
    alone, so it is noted in the cache folder (one line: format, the profile's size and
    mtime_ns, the tier or `none`) and used while the profile's size and modification time are
    unchanged. The note is derived data like the history cache: deleted, stale or unwritable,
    status parses the profile again; a profile status cannot use is never noted.
    """
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            content = handle.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StatusError(f"{path} cannot be read ({_reason(error)})") from error
    if not any(word in content for word in WARNING_WORDS):
        return None  # cheap to see, so nothing is noted (see WARNING_WORDS)
    stamp = f"{RED_FLAG_CACHE_FORMAT} {info.st_size} {info.st_mtime_ns}"
    if cache_path is not None:
        try:
            with open(cache_path, encoding="ascii") as handle:
                noted = handle.read().split()
        except (OSError, ValueError):
            noted = []
        if len(noted) == 4 and " ".join(noted[:3]) == stamp:
            return noted[3] if noted[3] in RED_FLAG_TEXT else None
    tier = profile_red_flag(path)
    if cache_path is not None:
        _note(cache_path, f"{stamp} {tier or 'none'}\n")
    return tier


def _note(path: str, text: str) -> None:
    """Write `text` to `path` atomically (0600, its folder 0700), or not at all."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError:
        try:  # noqa: SIM105 - contextlib is one more import before every prompt
            os.unlink(temporary)
        except OSError:
            pass


def profile_red_flag(path: str) -> str | None:
    """The latest screening's tier when Home shows it as a warning (`domain/screening.banner`):
    `soon`, `emergency`, or `urgent` until an assessment after it was confirmed; else None."""
    document = _read_toml(path, unless_free_of=WARNING_WORDS)
    if document is None:
        return None
    screening = document.get("screening")
    if screening is None:
        return None
    if not isinstance(screening, dict):
        raise StatusError(f"{path}: `screening` is not a table")
    tier = screening.get("tier")
    if tier not in TIERS:
        raise StatusError(f"{path}: `screening.tier` is {tier!r}, not one of {', '.join(TIERS)}")
    when = _moment(path, "screening.date", screening.get("date"))
    if tier == "none":
        return None
    if tier == "urgent" and "assessed_confirmed_at" in document:
        confirmed = _moment(path, "assessed_confirmed_at", document["assessed_confirmed_at"])
        if confirmed.timestamp() >= when.timestamp():
            return None
    return str(tier)


def _moment(path: str, key: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise StatusError(f"{path}: `{key}` is not a date and time")
    return value if value.tzinfo is not None else value.astimezone()


def _read_toml(path: str, unless_free_of: tuple[bytes, ...] = ()) -> dict[str, object] | None:
    """A TOML file as it is, or `StatusError`: never moved aside, migrated or rewritten.
    None when there is no file, or (given `unless_free_of`) when it holds none of those
    bytes, which is then not parsed."""
    try:
        with open(path, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StatusError(f"{path} cannot be read ({_reason(error)})") from error
    if unless_free_of and not any(word in content for word in unless_free_of):
        return None
    import tomllib  # only for a file to parse: the import costs as much as starting Python

    try:
        document = tomllib.loads(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise StatusError(
            f"{path} could not be read (not UTF-8 text at byte {error.start})"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise StatusError(f"{path} could not be read (not valid TOML: {error})") from error
    version = document.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise StatusError(f"{path} could not be read (`schema_version` is not a whole number)")
    return document


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


# --- the command ----------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str]) -> tuple[str | None, str] | None:
    """`(home, form)` from `status`'s own arguments (`--home DIR`, `--short` or `--json`), or
    None for anything else (help, a mistake): the full parser then says what is wrong."""
    home: str | None = None
    form = "line"
    arguments = list(argv)
    while arguments:
        argument = arguments.pop(0)
        if argument in ("--short", "--json") and form == "line":
            form = argument[2:]
        elif argument == "--home" and arguments and not arguments[0].startswith("-"):
            home = arguments.pop(0)
        elif argument.startswith("--home=") and len(argument) > len("--home="):
            home = argument[len("--home=") :]
        else:
            return None
    return home, form


def run_status(home: str | None, form: str, today: date | None = None) -> int:
    """Print the status line (`form`: `line`, `short` or `json`); the exit status."""
    try:
        status = read_status(find_folders(home), today or date.today())
    except (StatusError, OSError) as error:  # OSError: e.g. the working folder is gone
        print(f"{PREFIX}{error}", file=sys.stderr)
        return EXIT_FAILURE
    if form == "json":
        print(dump_json(status.document()))
    elif form == "short":
        print(status.short())
    else:
        print(status.line())
    return EXIT_OK
