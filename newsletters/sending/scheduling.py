"""How sending queues its background work without importing the task module.

Tasks call sending; sending never imports tasks. `newsletters.tasks` registers its task
functions here when it is imported (the app's `ready()` imports it), and sending asks this
module to queue a start, a dispatcher or a watchdog check. A test or another task runner can
register its own functions the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.tasks import default_task_backend


@dataclass(frozen=True)
class Scheduler:
    """Queue the three kinds of work of a send: each takes the send's id (and when to run)."""

    start: Callable[[int, datetime | None], None]
    dispatch: Callable[[int], None]
    watch: Callable[[int, datetime], None]


_registered: list[Scheduler] = []


def register(scheduler: Scheduler) -> None:
    """Make `scheduler` the one sending uses (the last registration wins)."""
    _registered[:] = [scheduler]


def scheduler() -> Scheduler:
    """The registered scheduler; the task module registers itself at start-up."""
    if not _registered:
        raise RuntimeError("No newsletter scheduler registered: is newsletters.tasks imported?")
    return _registered[0]


def supports_defer() -> bool:
    """Whether the task backend runs tasks later and elsewhere (the database worker does).

    Only then are watchdogs and extra dispatchers queued: the immediate backend (tests, a
    laptop without a worker) would run them inline, inside the caller.
    """
    return bool(getattr(default_task_backend, "supports_defer", False))
