"""Textual's painted lines without their empty caches (docs/product.md 10, memory).

Every line Textual paints is a `Strip`, and every `Strip` makes seven small caches as it is
built (for its crops, styles, filters and so on), about a kilobyte of empty dictionaries
before it is ever used. Most strips are never cropped or restyled twice, yet a screen keeps
hundreds of them (its widgets' lines, and the lines made from those by padding, cropping and
layering), and Help, the library and a progress screen with a year of sessions keep a
thousand or more. `apply_lazy_strip_caches` has each cache made the first time it is used
instead: what a strip caches, and how much, is unchanged.

This is a memory saving, not a bug fix: `apply_textual_fixes` applies it once, as the app is
built, and `tests/unit/test_strip_caches.py` fails if a Textual release changes what `Strip` caches.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

CACHE_SIZES: Final = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}
"""Each of a `Strip`'s caches by its attribute, with its size (Textual 8.2's `Strip.__init__`)."""

ORIGINAL_STRIP_INIT: Final = Strip.__init__

_applied = False


def _init_without_caches(
    self: Strip, segments: Iterable[Segment], cell_length: int | None = None
) -> None:
    """`Strip.__init__` leaving the caches of `CACHE_SIZES` to be made when first used."""
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _cache_on_first_use(self: Strip, name: str) -> FIFOCache[Any, Any]:
    """Python calls this for an attribute not set yet: one of the caches is made (and kept)."""
    size = CACHE_SIZES.get(name)
    if size is None:
        raise AttributeError(name)
    cache: FIFOCache[Any, Any] = FIFOCache(size)
    setattr(self, name, cache)
    return cache


def apply_lazy_strip_caches() -> None:
    """Have every `Strip` make its caches when first used; calling it again does nothing."""
    global _applied
    if _applied:
        return
    _applied = True
    Strip.__init__ = _init_without_caches  # type: ignore[method-assign]
    Strip.__getattr__ = _cache_on_first_use  # type: ignore[attr-defined]
