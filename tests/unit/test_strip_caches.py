"""Painted lines make their caches when first used (`stretch_tui/strip_caches.py`)."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

from stretch_tui.strip_caches import (
    CACHE_SIZES,
    ORIGINAL_STRIP_INIT,
    apply_lazy_strip_caches,
)


def slot_value(strip: Strip, name: str) -> object:
    """The slot's value as set, without the patch's `__getattr__` making it."""
    return Strip.__dict__[name].__get__(strip, Strip)


def test_textual_strips_still_make_the_caches_the_patch_leaves_for_later() -> None:
    # Fails when a Textual release changes what a strip caches: then update CACHE_SIZES.
    strip = Strip.__new__(Strip)
    ORIGINAL_STRIP_INIT(strip, [Segment("hello")])
    made = {
        name: value._maxsize
        for name in Strip.__slots__
        if isinstance(value := getattr(strip, name, None), FIFOCache)
    }
    assert made == CACHE_SIZES


def test_a_new_strip_holds_no_cache_and_makes_each_when_first_used() -> None:
    apply_lazy_strip_caches()
    strip = Strip([Segment("hello "), Segment("world")])
    for name in CACHE_SIZES:
        with pytest.raises(AttributeError):
            slot_value(strip, name)
    first = strip.crop(0, 5)
    assert first.text == "hello"
    assert strip.crop(0, 5) is first  # cached, as before the patch
    crops = slot_value(strip, "_crop_cache")
    assert isinstance(crops, FIFOCache)
    assert crops._maxsize == CACHE_SIZES["_crop_cache"]
    assert strip.text == "hello world"
    assert strip.cell_length == len("hello world")


def test_other_missing_attributes_still_raise() -> None:
    apply_lazy_strip_caches()
    strip = Strip([Segment("x")])
    assert not hasattr(strip, "no_such_attribute")
