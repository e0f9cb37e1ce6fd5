"""Thread workers that let go of what they worked for once they are done.

Textual (8.2.8, and as of this writing upstream) runs a thread worker's function in the event
loop's thread pool after `active_worker.set(worker)`, in the pool thread's own context, where
the value stays once the function has returned: the idle thread keeps the worker, the worker
its function, and a bound method its screen, with every widget and everything the screen read
(a year of sessions on Progress), long after the screen was closed. `forget_worker` ends each
of our thread workers' functions so that nothing outlives the screen (docs/product.md 10,
memory); `tests/app/test_screen_memory.py` fails once Textual stops leaving the value behind.
"""

from __future__ import annotations

from typing import Any, cast

from textual.worker import Worker, active_worker


def forget_worker() -> None:
    """Clear the running thread's record of its Textual worker (call it last in a thread
    worker's function, in a `finally`)."""
    active_worker.set(cast("Worker[Any]", None))
