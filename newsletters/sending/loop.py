"""The dispatch loop of one worker on one send, how idle workers join it, and the watchdog.

`dispatch` (a task) claims a batch, sends and records it, and repeats until nothing is pending or
claimed, waiting out backoffs and other workers' claims itself. A dispatcher that claimed a full
batch queues one more dispatch for the send unless one is waiting (`Send.helper_queued_at`), so
every idle worker joins without any setting, and a worker restarted after a crash finds that task.
The watchdog (a task per send) restarts dispatch when no dispatcher has been alive for
`SILENT_HEARTBEATS` heartbeats; a dead dispatcher's claims become claimable after the same silence
(`newsletters.sending.liveness`).
"""

import functools
import gc
import logging
import time
from datetime import timedelta

from django.db.models import Exists, Min, Q
from django.utils import timezone

from newsletters.models import Delivery, Send
from newsletters.sending.claims import claim_batch
from newsletters.sending.dispatcher import Dispatcher
from newsletters.sending.liveness import heartbeat_interval, silence
from newsletters.sending.outages import surviving_database_outages
from newsletters.sending.scheduling import scheduler, supports_defer

logger = logging.getLogger(__name__)

# A waiting dispatch task older than this is presumed lost; another may be queued.
HELPER_GRACE = timedelta(minutes=5)


@functools.cache
def freeze_long_lived_objects() -> None:
    """Keep what the process loaded so far out of full garbage collections, once per process.

    A full collection would walk Django's, Wagtail's and our long-lived objects again and again
    during a large send; objects made later are collected as usual.
    """
    gc.collect(1)
    gc.freeze()


def finish_if_complete(send_id: int) -> bool:
    """Mark the send done when no delivery is pending or claimed (one conditional UPDATE)."""
    open_rows = Delivery.objects.filter(send_id=send_id, status__in=Delivery.OPEN_STATES)
    done = (
        Send.objects.filter(pk=send_id, status=Send.Status.SENDING)
        .exclude(Exists(open_rows))
        .update(status=Send.Status.DONE, finished_at=timezone.now())
    )
    return bool(done)


def next_wakeup(send_id: int) -> float | None:
    """Seconds until something of this send may become claimable, or None if nothing is open.

    Pending rows wait for their backoff; rows claimed by another dispatcher are looked at
    again after a heartbeat interval (they become claimable if their holder falls silent).
    """
    now = timezone.now()
    row = Delivery.objects.filter(send_id=send_id, status__in=Delivery.OPEN_STATES).aggregate(
        pending=Min("available_at", filter=Q(status=Delivery.Status.PENDING)),
        claimed=Min("claimed_at", filter=Q(status=Delivery.Status.CLAIMED)),
    )
    moments = []
    if row["pending"] is not None:
        moments.append(row["pending"])
    if row["claimed"] is not None:
        moments.append(now + timedelta(seconds=heartbeat_interval()))
    if not moments:
        return None
    return max(0.0, (min(moments) - now).total_seconds())


def recruit_helper(send_id: int) -> bool:
    """Queue one more dispatch task for the send unless one is already waiting (one UPDATE).

    Only with a task worker: the immediate backend would run it inline, inside this one.
    """
    if not supports_defer():
        return False
    now = timezone.now()
    claimed = (
        Send.objects.filter(pk=send_id, status=Send.Status.SENDING)
        .filter(Q(helper_queued_at__isnull=True) | Q(helper_queued_at__lt=now - HELPER_GRACE))
        .update(helper_queued_at=now)
    )
    if claimed:
        scheduler().dispatch(send_id)
    return bool(claimed)


def dispatch(send_id: int) -> str:
    """Work on a send until it is finished (or cancelled); returns the send's final status.

    Waits out backoffs and other workers' claims itself, heartbeating meanwhile, so one task
    finishes the send even when another worker died, and waits out a database restart (see
    `surviving_database_outages`).
    """

    def begin() -> Send | None:
        # This task is the waiting helper, if there was one: let the next helper be queued.
        Send.objects.filter(pk=send_id).update(helper_queued_at=None)
        return Send.objects.select_related("page").filter(pk=send_id).first()

    send = surviving_database_outages(begin)
    if send is None:
        return "missing"
    freeze_long_lived_objects()
    dispatcher = Dispatcher(send=send)
    dispatcher.open()
    try:
        if supports_defer():
            surviving_database_outages(dispatcher.start_background_heartbeat)
        else:
            surviving_database_outages(lambda: dispatcher.heartbeat(force=True))
        while not surviving_database_outages(lambda: _dispatch_turn(dispatcher)):
            pass
    finally:
        dispatcher.close()
    status = surviving_database_outages(
        lambda: Send.objects.filter(pk=send_id).values_list("status", flat=True).first()
    )
    return status or "missing"


def _dispatch_turn(dispatcher: Dispatcher) -> bool:
    """One turn of the dispatch loop: send a batch, or wait for one; True when finished.

    Safe to repeat after a database error: outcomes still unwritten go first, and a claim the
    database took without answering becomes claimable again once this dispatcher is silent.
    """
    send_id = dispatcher.send.pk
    dispatcher.record({})
    size = dispatcher.profile.batch_size
    batch = claim_batch(send_id, size, dispatcher.worker)
    if batch:
        if len(batch) >= size and dispatcher.may_recruit():
            recruit_helper(send_id)  # more work than one batch: let an idle worker join
        dispatcher.process(batch)
        dispatcher.heartbeat()
        return False
    if finish_if_complete(send_id):
        return True
    status = Send.objects.filter(pk=send_id).values_list("status", flat=True).first()
    if status != Send.Status.SENDING:
        return True
    wait = next_wakeup(send_id)
    if wait is None:
        return False  # the last open row closed meanwhile: finish on the next turn
    time.sleep(min(wait + 0.05, heartbeat_interval()))
    dispatcher.heartbeat(force=True)
    return False


def watch(send_id: int) -> bool:
    """The watchdog's check: restart dispatch when the send has had no live worker for a while.

    Returns True while the send still needs watching.
    """
    send = Send.objects.filter(pk=send_id).first()
    if send is None or send.is_final:
        return False
    now = timezone.now()
    if send.status in (Send.Status.QUEUED, Send.Status.SCHEDULED):
        due = send.scheduled_at or send.created_at
        if due < now - silence():
            # Its start task died with its worker (or waits behind a queue that also holds
            # this check back): starting is idempotent, so one more start task is safe.
            logger.warning("Newsletter send %s was not started; queueing its start", send_id)
            scheduler().start(send_id, None)
        return True
    if send.status != Send.Status.SENDING:
        return True
    if send.heartbeat_at is None or send.heartbeat_at < now - silence():
        # Reset first, so the next watchdog run waits for this new worker before acting again.
        Send.objects.filter(pk=send_id).update(heartbeat_at=now)
        logger.warning("Newsletter send %s had no live worker; restarting dispatch", send_id)
        scheduler().dispatch(send_id)
    return True
