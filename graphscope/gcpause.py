"""Pause Python's cyclic garbage collector while building big indexes.

Building a million-entry list or dict allocates millions of objects; each allocation
burst triggers collections that rescan everything built so far, for nothing, since
such indexes hold no reference cycles.
"""

import gc
import threading
from contextlib import contextmanager


class _Pauses:
    """The pauses running, in any thread, and whether the collector ran before them."""

    lock = threading.Lock()
    running = 0
    resume = False


@contextmanager
def collector_paused():
    """Run the block with the garbage collector off, then restore it as it was once no
    other pause is running (the collector is one for all threads: a pause ending in one
    thread must not turn it back on in the middle of another's).

    >>> with collector_paused():
    ...     with collector_paused():
    ...         pass
    ...     gc.isenabled()
    False
    """
    with _Pauses.lock:
        if _Pauses.running == 0:
            _Pauses.resume = gc.isenabled()
            gc.disable()
        _Pauses.running += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.running -= 1
            if _Pauses.running == 0 and _Pauses.resume:
                gc.enable()
