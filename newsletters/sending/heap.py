"""Keep a worker's long-lived objects out of Python's full garbage collections during a send.

A full collection walks every object the collector tracks. In a task worker most of them are
the 180,000 to 230,000 objects that Django, Wagtail and our apps load once and keep for the
life of the process (measured at the start of a dispatch in `benchmarks/newsletters_dispatch.py`).
A send allocates enough to cause one full collection about every 20,000 recipients, and each
walked them all again: about 0.15 s, some 7 % of the dispatch time.

`gc.freeze()` moves every object that exists at that moment into a permanent generation that
collections skip. It runs once per process, at its first dispatch. Objects made afterwards,
by later sends or other tasks, are collected as usual. Young garbage is collected first; a
cycle that had already reached the oldest generation when the freeze ran stays in memory for
the life of the process (the benchmark's first dispatch found none).
"""

import functools
import gc


@functools.cache
def freeze_long_lived_objects() -> None:
    """Freeze the objects alive now, once per process (later calls do nothing)."""
    gc.collect(1)
    gc.freeze()
