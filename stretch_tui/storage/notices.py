"""What storage tells the user: notices about files it read, and errors when it could not save.

Every message is one line that names the file, so the app can show it as it is in a
notification and the command line can print it to stderr.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

NoticeKind = Literal[
    "corrupt", "newer", "migrated", "unreadable", "unknown-key", "invalid", "recovered"
]
"""What a notice is about."""

Severity = Literal["information", "warning", "error"]
"""How loudly to show it (the names match Textual's `notify` severities)."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know about one of their files."""

    path: Path
    kind: NoticeKind
    message: str
    """One line that names the path."""
    severity: Severity = "warning"

    def __str__(self) -> str:
        return self.message


class StorageError(Exception):
    """A file could not be written; the file on disk is as it was before the attempt.

    `str()` is one clear line naming the path.
    """

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        """The file that was not saved."""
        self.message = message
        """The one-line message."""

    def __str__(self) -> str:
        return self.message


class DiskFullError(StorageError):
    """The disk (or the user's quota) is full."""


class ReadOnlyError(StorageError):
    """The folder cannot be written to, or the file is from a newer stretch-tui."""


_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def error_for(path: Path, error: OSError) -> StorageError:
    """The storage error, with its one-line message, for an OS error while saving `path`."""
    unchanged = "the file on disk is unchanged"
    if error.errno in _FULL_ERRNOS:
        return DiskFullError(path, f"The disk is full: {path} was not saved ({unchanged}).")
    if error.errno in _READ_ONLY_ERRNOS:
        return ReadOnlyError(
            path,
            f"Cannot write in {path.parent} (read-only or not permitted): "
            f"{path.name} was not saved ({unchanged}).",
        )
    reason = error.strerror or str(error)
    return StorageError(path, f"Could not save {path}: {reason} ({unchanged}).")


@dataclass(frozen=True, slots=True)
class Loaded(Generic[T]):
    """A value read from a file, with what the user should be told about the file."""

    value: T
    notices: list[Notice] = field(default_factory=list)
    read_only: bool = False
    """True when saving would be refused (a file from a newer app, or unreadable)."""


def reading_notices(
    path: Path,
    notices: list[Notice],
    problems: list[str],
    problems_mean: str,
    unknown: list[str],
    unknown_means: str,
) -> list[Notice]:
    """The notices of reading a file, plus one for its bad values and one for unknown keys.

    `problems_mean` and `unknown_means` finish the sentence: what happens to those parts.
    """
    told = list(notices)
    if problems:
        told.append(Notice(path, "invalid", f"{path}: {'; '.join(problems)}. {problems_mean}"))
    if unknown:
        keys = ", ".join(f"`{key}`" for key in unknown)
        told.append(Notice(path, "unknown-key", f"{path}: {keys} {unknown_means}", "information"))
    return told
