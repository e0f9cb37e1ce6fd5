"""Writing a derived cache file (the history's index and months, the catalog's exercises).

A module of its own, so that reading the catalog's cache imports nothing of the history's: on
the way to the library's rows (docs/product.md 10).
"""

from __future__ import annotations

import os
from pathlib import Path

from stretch_tui.storage.tomlfile import FILE_MODE, ensure_folder


def write_in_place(path: Path, content: bytes) -> None:
    """Overwrite a cache file where it is, without a temporary file or fsync.

    Cheaper than an atomic write, and safe for a cache: a reader that meets a half-written
    file (or two writers mixing) finds JSON that does not parse, and rebuilds. Raises OSError.
    """
    ensure_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, FILE_MODE)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)
