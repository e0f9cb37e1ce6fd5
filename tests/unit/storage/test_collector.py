"""The garbage collector held off while storage builds many objects (`storage/collector.py`)."""

from __future__ import annotations

import gc
import threading

from stretch_tui.storage.collector import collection_paused


def test_no_automatic_collection_while_paused_even_when_another_thread_turns_it_on() -> None:
    before = gc.get_threshold()
    with collection_paused():
        gc.enable()  # as the app does from its own thread after the first frame
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == before and before[0] > 0


def test_collection_comes_back_when_the_last_of_two_overlapping_loads_ends() -> None:
    """The first to start ends first, while the other still loads."""
    before = gc.get_threshold()
    first_in, second_in = threading.Event(), threading.Event()

    def first() -> None:
        with collection_paused():
            first_in.set()
            second_in.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with collection_paused():
        second_in.set()
        thread.join(10)
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == before
