"""Checking parsed TOML against a schema, collecting every problem with its line.

The catalog, routine and screening readers describe their files with the small helpers here
and get `path:line: message` problems back; nothing past the edge sees unchecked data.

Two levels: a problem (`report`) is an error and the file is not used; a warning (`warn`)
is shown, by `stretch-tui check` and when the file loads, but the file is used all the same.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from attrs import frozen

from stretch_tui.domain.problems import KeyLocator, KeyPath, Problem, decode_error_problem

T = TypeVar("T")

SCHEMA_VERSION = 1
"""The catalog file version this app reads and writes."""

KEBAB_CASE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""What an id looks like: `cat-cow`, `pigeon-pose`."""

OPPOSITE_RESPONDERS = {"extension": "flexion-responders", "flexion": "extension-responders"}
"""Who an exercise of each loading direction needs a caution for (docs/product.md 3.1)."""


def direction_rule_gap(direction: str, cautions: Iterable[tuple[str, str]]) -> str | None:
    """What breaks the direction rule of docs/product.md 3.1, or None when nothing does.

    An `extension` exercise carries at least a `caution` (or an `avoid`) for flexion
    responders, a `flexion` one for extension responders: the first article warns that the
    stretches that help one type may do the opposite for the other. `cautions` are
    (who, level) pairs; a caution for `everyone` does not count, it is about something else.
    """
    needed = OPPOSITE_RESPONDERS.get(direction)
    if needed is None:
        return None
    if any(who == needed and level in ("caution", "avoid") for who, level in cautions):
        return None
    return (
        f"a `{direction}` exercise needs a caution for {needed}: add [[cautions]] with "
        f'who = "{needed}", level = "caution" (or "avoid") and why it may not suit them'
    )


class FileChecker:
    """Collects the problems of one file while its parts are checked."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        """Things worth saying that do not stop the file from being used."""
        self._locator: KeyLocator | None = None

    def report(self, key_path: KeyPath, message: str) -> None:
        """Record a problem (an error: the file is not used) at the line of `key_path`."""
        self.problems.append(self._at(key_path, message))

    def warn(self, key_path: KeyPath, message: str) -> None:
        """Record a warning at the line of `key_path`: shown, but the file is still used."""
        self.warnings.append(self._at(key_path, message))

    def _at(self, key_path: KeyPath, message: str) -> Problem:
        if self._locator is None:
            self._locator = KeyLocator(self.text)
        return Problem(self.path, self._locator.line_of(key_path), message)

    def parse(self) -> dict[str, Any] | None:
        """The parsed document, or None (with a problem recorded) when it is not TOML."""
        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            self.problems.append(decode_error_problem(self.path, self.text, error))
            return None

    def check_schema_version(self, document: Mapping[str, Any]) -> bool:
        """True when the file says `schema_version = 1`; otherwise a problem is recorded."""
        version = document.get("schema_version")
        if version is None:
            self.report((), "missing `schema_version` (expected 1)")
            return False
        if not isinstance(version, int) or isinstance(version, bool):
            self.report(("schema_version",), "`schema_version` must be a whole number")
            return False
        if version > SCHEMA_VERSION:
            self.report(
                ("schema_version",),
                f"written for a newer stretch-tui (schema_version {version}); "
                f"this version reads {SCHEMA_VERSION}",
            )
            return False
        if version < SCHEMA_VERSION:
            self.report(("schema_version",), f"unknown schema_version {version}")
            return False
        return True

    def check_keys(
        self,
        table: Mapping[str, Any],
        where: KeyPath,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> bool:
        """Report unknown and missing keys of a table; True when there were none."""
        required = tuple(required)
        allowed = set(required) | set(optional)
        fine = True
        for key in table:
            if key not in allowed:
                self.report((*where, key), f"unknown key `{_dotted(where, key)}`")
                fine = False
        for key in required:
            if key not in table:
                self.report(where, f"missing `{_dotted(where, key)}`")
                fine = False
        return fine

    def text_value(self, table: Mapping[str, Any], where: KeyPath, key: str) -> str | None:
        """A non-empty string, or None with a problem recorded."""
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.report((*where, key), f"`{_dotted(where, key)}` must be non-empty text")
            return None
        return value

    def word(
        self, table: Mapping[str, Any], where: KeyPath, key: str, vocabulary: Iterable[str]
    ) -> str | None:
        """A string from a fixed vocabulary, or None with a problem recorded."""
        words = tuple(vocabulary)
        value = table.get(key)
        if not isinstance(value, str) or value not in words:
            self.report(
                (*where, key),
                f"`{_dotted(where, key)}` is {_show(value)}; expected one of: {', '.join(words)}",
            )
            return None
        return value

    def text_list(
        self,
        table: Mapping[str, Any],
        where: KeyPath,
        key: str,
        *,
        vocabulary: Iterable[str] | None = None,
        non_empty: bool = False,
    ) -> tuple[str, ...] | None:
        """A list of strings (optionally from a vocabulary), or None with a problem recorded."""
        value = table.get(key, [])
        name = _dotted(where, key)
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.report((*where, key), f"`{name}` must be a list of non-empty text")
            return None
        if non_empty and not value:
            self.report((*where, key), f"`{name}` must not be empty")
            return None
        if vocabulary is not None:
            words = tuple(vocabulary)
            unknown = [item for item in value if item not in words]
            if unknown:
                self.report(
                    (*where, key),
                    f"`{name}` has {', '.join(map(_show, unknown))}; "
                    f"expected words from: {', '.join(words)}",
                )
                return None
        return tuple(value)

    def number(
        self,
        table: Mapping[str, Any],
        where: KeyPath,
        key: str,
        *,
        low: float,
        high: float,
        whole: bool = True,
    ) -> float | None:
        """A number in [low, high] (a whole one unless `whole` is False), or None."""
        value = table.get(key)
        name = _dotted(where, key)
        is_number = isinstance(value, int) or (not whole and isinstance(value, float))
        if isinstance(value, bool) or not isinstance(value, int | float) or not is_number:
            kind = "a whole number" if whole else "a number"
            self.report((*where, key), f"`{name}` must be {kind}, not {_show(value)}")
            return None
        if not low <= value <= high:
            self.report((*where, key), f"`{name}` is {value}; expected {low:g} to {high:g}")
            return None
        return float(value)

    def tables(
        self, table: Mapping[str, Any], where: KeyPath, key: str
    ) -> list[tuple[KeyPath, Mapping[str, Any]]]:
        """The tables of an array of tables, each with its key path; problems for non-tables."""
        value = table.get(key, [])
        if not isinstance(value, list):
            self.report((*where, key), f"`{_dotted(where, key)}` must be a list of tables")
            return []
        result: list[tuple[KeyPath, Mapping[str, Any]]] = []
        for index, item in enumerate(value):
            item_path: KeyPath = (*where, key, index)
            if not isinstance(item, dict):
                self.report(item_path, f"`{_dotted(where, key)}` entries must be tables")
                continue
            result.append((item_path, item))
        return result

    def table(
        self, document: Mapping[str, Any], where: KeyPath, key: str
    ) -> Mapping[str, Any] | None:
        """A sub-table, or None with a problem recorded."""
        value = document.get(key)
        if not isinstance(value, dict):
            self.report((*where, key), f"`{_dotted(where, key)}` must be a table")
            return None
        return value


@frozen
class Checked(Generic[T]):
    """A checked file: its value (None when there was any problem), problems and warnings."""

    value: T | None
    problems: list[Problem]
    """Errors: when there is one, `value` is None."""
    warnings: list[Problem]
    """Worth showing, but the value is used."""


def check_file(
    path: str, text: str, build: Callable[[FileChecker, dict[str, Any]], T | None]
) -> Checked[T]:
    """Parse `text`, check its version, and build a value; any problem means no value."""
    checker = FileChecker(path, text)
    document = checker.parse()
    if document is None or not checker.check_schema_version(document):
        return Checked(None, checker.problems, [])
    value = build(checker, document)
    if checker.problems:
        return Checked(None, checker.problems, checker.warnings)
    return Checked(value, checker.problems, checker.warnings)


def read_and_check(
    path: str, text: str, build: Callable[[FileChecker, dict[str, Any]], T | None]
) -> tuple[T | None, list[Problem]]:
    """Parse `text`, check its version, and build a value; any problem means no value.

    For files that have no warnings to give; `check_file` also returns the warnings.
    """
    checked = check_file(path, text, build)
    return checked.value, checked.problems


def _dotted(where: KeyPath, key: str) -> str:
    parts = [str(part) for part in where if isinstance(part, str)]
    return ".".join([*parts, key])


def _show(value: object) -> str:
    if value is None:
        return "missing"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
