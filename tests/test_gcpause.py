"""collector_paused: the collector stays off until the last pause in any thread ends, and
what a long-lived block builds goes straight to the oldest generation, nothing leaked."""

import gc
import threading
import weakref

from graphscope.gcpause import collector_paused


class Node:
    """A GC-tracked object that can be weakly referenced."""


def _in_generation(obj, generation) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def test_long_lived_block_goes_to_the_oldest_generation_and_garbage_is_still_freed():
    gc.collect()
    cycle = Node()
    cycle.self = cycle  # garbage from before the block, young
    dead = weakref.ref(cycle)
    del cycle
    with collector_paused(long_lived=True):
        built = [Node() for _ in range(1000)]
    assert gc.get_freeze_count() == 0
    assert _in_generation(built[0], 2) and not _in_generation(built[0], 0)
    assert dead() is not None  # moved along, not collected yet
    gc.collect()
    assert dead() is None  # a full collection frees it: nothing stays out of reach


def test_without_long_lived_the_block_stays_young():
    gc.collect()
    with collector_paused():
        built = [Node() for _ in range(10)]
    assert _in_generation(built[0], 0)


def test_a_frozen_process_keeps_what_it_froze_and_freezes_the_block_too():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused(long_lived=True):
            built = [Node() for _ in range(100)]
        assert gc.get_freeze_count() >= frozen + 100
        assert not any(_in_generation(built[0], generation) for generation in range(3))
    finally:
        gc.unfreeze()


def test_the_collector_resumes_only_when_the_last_pause_ends_in_any_thread():
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other_thread():
        with collector_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other_thread)
    with collector_paused():
        thread.start()
        inside.wait(10)
    assert not gc.isenabled()  # ours ended, the other thread's has not
    release.set()
    thread.join(10)
    assert gc.isenabled()
