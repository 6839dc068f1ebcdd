"""How sending queues its background work without importing the task module.

Tasks call sending; sending never imports tasks. The app's `wagtail_hooks.py` offers the tasks
as a `Scheduler` with the `stempd_newsletter_scheduler` hook, and sending asks this module to
queue a start, a dispatcher or a watchdog check.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.tasks import default_task_backend

from wagtail import hooks


@dataclass(frozen=True)
class Scheduler:
    """Queue the three kinds of work of a send: each takes the send's id (and when to run)."""

    start: Callable[[int, datetime | None], None]
    dispatch: Callable[[int], None]
    watch: Callable[[int, datetime], None]


def scheduler() -> Scheduler:
    """The scheduler offered with the `stempd_newsletter_scheduler` hook (the last one wins)."""
    offered = hooks.get_hooks("stempd_newsletter_scheduler")
    if not offered:
        raise RuntimeError("No newsletter scheduler: no stempd_newsletter_scheduler hook")
    return offered[-1]()


def supports_defer() -> bool:
    """Whether the task backend runs tasks later and elsewhere (the database worker does).

    Only then are watchdogs and extra dispatchers queued: the immediate backend (tests, a
    laptop without a worker) would run them inline, inside the caller.
    """
    return bool(getattr(default_task_backend, "supports_defer", False))
