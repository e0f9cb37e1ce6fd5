"""Problems found in a data file, and where in the file they are."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence

from attrs import frozen

KeyPath = Sequence[str | int]
"""A path into a TOML document: table keys and array indexes, e.g. `("dose", "kind")`."""


@frozen
class Problem:
    """One thing wrong with a file, printed as `path:line: message`."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_DECODE_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def decode_error_problem(path: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    """A problem for a file that is not TOML at all, at the line the parser stopped."""
    message = str(error)
    match = _DECODE_POSITION.search(message)
    line = int(match.group(1)) if match else 1
    if "(at end of document)" in message:
        line = max(1, len(text.rstrip("\n").split("\n")))
    message = _DECODE_POSITION.sub("", message).replace("(at end of document)", "").strip()
    return Problem(path, line, f"not valid TOML: {message[:1].lower()}{message[1:]}")


@frozen
class _Section:
    name: str
    start: int
    """Index of the header line; -1 for the top of the file."""
    end: int
    """Index of the next header line, or the number of lines."""


class KeyLocator:
    """Finds the line of a key in TOML text, so messages can point at it.

    `tomllib` keeps no positions, so this reads the table headers and `key =` lines itself.
    It understands `[table]`, `[[array.of.tables]]` and dotted paths; where it cannot find a key
    it falls back to the nearest enclosing table, and then to line 1.
    """

    def __init__(self, text: str) -> None:
        self._lines = text.split("\n")
        self._sections = self._read_sections()

    def _read_sections(self) -> list[_Section]:
        starts: list[tuple[str, int]] = [("", -1)]
        in_multiline = False
        for index, line in enumerate(self._lines):
            quotes = line.count("'''") + line.count('"""')
            if not in_multiline:
                match = _HEADER.match(line)
                if match:
                    starts.append((match.group(2).replace(" ", ""), index))
            if quotes % 2 == 1:
                in_multiline = not in_multiline
        sections = []
        for position, (name, start) in enumerate(starts):
            end = starts[position + 1][1] if position + 1 < len(starts) else len(self._lines)
            sections.append(_Section(name, start, end))
        return sections

    def line_of(self, path: KeyPath) -> int:
        """The 1-based line of the key at `path`, or of its closest enclosing table."""
        section = self._sections[0]
        names: list[str] = []
        position = 0
        while position < len(path):
            part = path[position]
            if isinstance(part, int):
                position += 1
                continue
            candidate = ".".join([*names, part])
            index = path[position + 1] if position + 1 < len(path) else 0
            occurrence = index if isinstance(index, int) else 0
            found = [s for s in self._sections if s.name == candidate]
            if not found and any(s.name.startswith(candidate + ".") for s in self._sections):
                names.append(part)  # `[[pose.frames]]` with no `[pose]` header of its own
                position += 1
                continue
            if len(found) <= occurrence:
                break
            section = found[occurrence]
            names.append(part)
            position += 2 if isinstance(index, int) and position + 1 < len(path) else 1
        if position < len(path) and isinstance(path[position], str):
            key_line = self._find_key(section, str(path[position]))
            if key_line is not None:
                return key_line
        return section.start + 1 if section.start >= 0 else 1

    def _find_key(self, section: _Section, key: str) -> int | None:
        pattern = re.compile(rf"^\s*([\"']?){re.escape(key)}\1\s*=")
        for index in range(section.start + 1, section.end):
            if pattern.match(self._lines[index]):
                return index + 1
        return None
