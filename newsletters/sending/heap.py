"""Keep a worker's long-lived objects out of Python's full garbage collections during a send.

Most objects in a task worker are what Django, Wagtail and our apps load once and keep for the
life of the process; a full collection would walk them again and again during a large send.
`gc.freeze()` moves the objects alive at that moment into a generation collections skip; objects
made later are collected as usual, and a frozen one dropped later is still freed by its
reference count.
"""

import functools
import gc


@functools.cache
def freeze_long_lived_objects() -> None:
    """Freeze the objects alive now, once per process (later calls do nothing)."""
    gc.collect(1)
    gc.freeze()
