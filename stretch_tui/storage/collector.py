"""Python's cyclic garbage collector held off while storage builds many objects at once
(docs/product.md 10).

Reading 5,000 exercises or years of sessions builds tens of thousands of objects that form no
reference cycle. The collector's passes over them, while they are built and in its young
generations after, free nothing: in the app they took about 100 ms of the library's wait for
its rows, and reading the history triggered full passes over and over.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0
_thresholds = gc.get_threshold()


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic garbage collection in any thread while this runs, and what was built
    meanwhile is then taken to be old.

    It nests, also across threads: the last to leave lets the collector run again. Setting
    the first threshold to 0 holds collection off even when another thread turns the
    collector on meanwhile (the app does after its first frame, which `gc.disable` alone did
    not survive). Freezing and at once unfreezing moves every tracked object to the oldest
    generation, which only full collections look at: garbage that other threads made
    meanwhile waits for the next one (the app makes one whenever it changes screens).
    """
    global _holders, _thresholds
    with _lock:
        if not _holders:
            _thresholds = gc.get_threshold()
            gc.set_threshold(0)
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if not _holders:
                gc.freeze()
                gc.unfreeze()
                gc.set_threshold(*_thresholds)
