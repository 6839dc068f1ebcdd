"""Keep a worker's long-lived objects out of Python's full garbage collections during a send.

A full collection walks every object the collector tracks; in a task worker most of them are
what Django, Wagtail and our apps load once and keep for the life of the process, walked again
on every full collection of a large send.
`gc.freeze()` moves every object that exists at that moment into a permanent generation that
collections skip. It runs once per process, at its first dispatch, after collecting young
garbage; objects made afterwards are collected as usual. A frozen object dropped later is still
freed by its reference count; only a cycle among frozen objects would stay in memory, and what
a worker loads at start-up it keeps for its whole life anyway.
"""

import functools
import gc


@functools.cache
def freeze_long_lived_objects() -> None:
    """Freeze the objects alive now, once per process (later calls do nothing)."""
    gc.collect(1)
    gc.freeze()
