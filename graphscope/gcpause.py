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
def collector_paused(long_lived: bool = False):
    """Run the block with the garbage collector off, then restore it as it was once no
    other pause is running (the collector is one for all threads: a pause ending in one
    thread must not turn it back on in the middle of another's).

    With ``long_lived``, what the block built is moved on exit straight into the collector's
    oldest generation (``gc.freeze()`` then ``gc.unfreeze()``: two list splices, whatever the
    size). Otherwise the young-generation collections that follow would each scan all of it
    in turn (about 2 s for a million-node NetworkX view) before it reached the oldest one,
    which is scanned only by full collections, as any long-lived data is. Everything else
    the process allocated since the last collection is moved with it: its garbage cycles
    are then freed by the next full collection instead of a young one. In a process that
    keeps objects frozen (``graphscope show`` freezes the graph it shows), they stay frozen.

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
        if long_lived:
            frozen_before = gc.get_freeze_count()
            gc.freeze()
            if not frozen_before:  # a process that keeps its data frozen (graphscope show) keeps this too
                gc.unfreeze()
        with _Pauses.lock:
            _Pauses.running -= 1
            if _Pauses.running == 0 and _Pauses.resume:
                gc.enable()
