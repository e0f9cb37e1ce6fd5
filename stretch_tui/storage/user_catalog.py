"""The user's own exercises and routines, `exercises/*.toml` and `routines/*.toml`
(docs/product.md 3, 5).

Both are checked with the same rules as the shipped catalog (the domain's parsers): a bad file
is reported as `path:line: message` and skipped, every good file still loads. The exercises
come through a derived cache (`storage/catalog_cache.py`), so thousands of them load quickly.
"""

from __future__ import annotations

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.problems import Problem
from stretch_tui.domain.routine import Routine, load_routines
from stretch_tui.storage.catalog_cache import load_cached_catalog
from stretch_tui.storage.paths import AppPaths


def load_user_catalog(paths: AppPaths) -> Catalog:
    """The shipped exercises and the user's own; bad user files are in `problems`."""
    return load_cached_catalog(paths)


def load_all_routines(
    paths: AppPaths, catalog: Catalog
) -> tuple[dict[str, Routine], list[Problem]]:
    """The built-in routines and the user's own, checked against `catalog`; bad files reported."""
    return load_routines(catalog, user_dir=paths.routines_dir)
