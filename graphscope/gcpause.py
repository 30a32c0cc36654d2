"""Pause Python's cyclic garbage collector while building big indexes.

Building a million-entry list or dict allocates millions of objects; each allocation
burst triggers collections that rescan everything built so far, for nothing, since
such indexes hold no reference cycles.
"""

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused(long_lived: bool = False):
    """Run the block with the garbage collector off, then restore it as it was.

    With ``long_lived``, what the block built is moved on exit straight into the collector's
    oldest generation (``gc.freeze()`` then ``gc.unfreeze()``: two list splices, whatever the
    size). Otherwise the young-generation collections that follow would each scan all of it
    in turn (about 2 s for a million-node NetworkX view) before it reached the oldest one,
    which is scanned only by full collections, as any long-lived data is. Everything else
    the process allocated since the last collection is moved with it: its garbage cycles
    are then freed by the next full collection instead of a young one.

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if long_lived:
            gc.freeze()
            gc.unfreeze()
        if collecting:
            gc.enable()
