"""Which dispatchers are alive: heartbeats, the silence after which a claim is given up, and
the background thread that keeps a dispatcher's heartbeat going while it waits for the ESP.

A claim belongs to a live dispatcher. Each dispatcher has a `SendWorker` row per send whose
`seen_at` it refreshes every `HEARTBEAT_INTERVAL`; claims of a dispatcher silent for
`SILENT_HEARTBEATS` intervals (a worker killed with SIGKILL, a machine gone) are claimable
again. The heartbeat runs in its own thread, so a dispatcher waiting for a slow ESP (up to
anymail's `REQUESTS_TIMEOUT`) or for a backoff stays alive and keeps its claims; the
watchdog uses the same silence to decide that a send has no live worker.
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from newsletters.conf import newsletter_setting
from newsletters.models import Send, SendWorker

logger = logging.getLogger(__name__)

# Missed heartbeats after which a dispatcher counts as dead: one late beat (a busy database,
# a pause for garbage collection) must not hand its claims to another worker.
SILENT_HEARTBEATS = 3


def worker_id() -> str:
    """Who holds a claim: host and process (ids never collide between live workers)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def heartbeat_interval() -> float:
    return float(newsletter_setting("HEARTBEAT_INTERVAL"))


def silence() -> timedelta:
    """How long a dispatcher may be silent before its claims and its send are given up."""
    return timedelta(seconds=SILENT_HEARTBEATS * heartbeat_interval())


def beat(send_id: int, worker: str, now: datetime | None = None) -> None:
    """Say that `worker` is alive and working on the send (two small UPDATEs, an INSERT once)."""
    now = now or timezone.now()
    if not SendWorker.objects.filter(send_id=send_id, worker=worker).update(seen_at=now):
        SendWorker.objects.get_or_create(
            send_id=send_id, worker=worker, defaults={"started_at": now, "seen_at": now}
        )
    Send.objects.filter(pk=send_id).update(heartbeat_at=now)


def live_workers(send_id: int, now: datetime | None = None) -> int:
    """How many dispatchers have beaten for the send recently."""
    now = now or timezone.now()
    return SendWorker.objects.filter(send_id=send_id, seen_at__gte=now - silence()).count()


class HeartbeatThread:
    """Beats for one dispatcher every `HEARTBEAT_INTERVAL` until stopped, on its own connection.

    A failed beat (the database restarting) is logged and tried again at the next interval: a
    few missed beats only let another worker take over.
    """

    def __init__(self, send_id: int, worker: str) -> None:
        self.send_id = send_id
        self.worker = worker
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"newsletter-heartbeat-{send_id}", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=heartbeat_interval() + 5)

    def _run(self) -> None:
        try:
            while not self._stop.wait(heartbeat_interval()):
                try:
                    beat(self.send_id, self.worker)
                except Exception:
                    # Deliberately any error: a dead heartbeat thread would let other workers
                    # take over a send this worker is still dispatching.
                    logger.warning("Newsletter heartbeat failed; trying again", exc_info=True)
                    connection.close()
        finally:
            connection.close()
