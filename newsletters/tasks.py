"""The app's background work, as tasks of Django's Tasks framework.

Tasks call into `newsletters.audience` and `newsletters.sending`, never the other way: sending
queues its work through `newsletters.sending.scheduling`, which finds `SCHEDULER` through the
app's `wagtail_hooks.py`. Someone waits for every task here, so workers run them before Wagtail's
housekeeping (`home.task_priorities`). Tasks take primary keys, never objects, and do nothing when
the row has gone or the work is no longer needed. Queued rows store their paths: keep the names
when moving code.
"""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from home.task_priorities import PERSON_WAITING, PROGRESS_WATCHED
from newsletters import sending
from newsletters.audience import emails
from newsletters.conf import newsletter_setting
from newsletters.models import ConsentRecord, Send, Subscriber
from newsletters.sending import scheduling


@task(priority=PERSON_WAITING)
def send_confirmation_email(consent_id: int) -> None:
    """Email the double opt-in link for an unconfirmed consent record."""
    consent = ConsentRecord.objects.select_related("subscriber").filter(pk=consent_id).first()
    if consent is None or consent.confirmed_at is not None:
        return
    emails.send(consent.subscriber.email, emails.confirmation_email(consent))


def _confirmed(subscriber_id: int) -> Subscriber | None:
    return Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.CONFIRMED).first()


@task(priority=PERSON_WAITING)
def send_welcome_email(subscriber_id: int) -> None:
    """Welcome a subscriber who has just confirmed (nothing if they left again meanwhile)."""
    subscriber = _confirmed(subscriber_id)
    if subscriber is not None:
        emails.send(subscriber.email, emails.welcome_email(subscriber))


@task(priority=PERSON_WAITING)
def send_already_subscribed_email(subscriber_id: int) -> None:
    """Email a confirmed subscriber whose address was signed up again (no enumeration on screen)."""
    subscriber = _confirmed(subscriber_id)
    if subscriber is not None:
        emails.send(subscriber.email, emails.already_subscribed_email(subscriber))


@task(priority=PROGRESS_WATCHED)
def run_subscriber_import(import_id: int) -> None:
    """Process an uploaded CSV in the background, updating its progress for the admin."""
    from newsletters.audience.imports import run_import

    run_import(import_id)


@task(priority=PERSON_WAITING)
def start_send(send_id: int) -> None:
    """Freeze the audience of a due send and start its dispatch (a no-op if already started).

    Waits out a database restart: the start is one transaction, so trying it again is safe.
    """
    sending.surviving_database_outages(lambda: sending.start_send(send_id))


@task(priority=PERSON_WAITING)
def dispatch_send(send_id: int) -> None:
    """Send a newsletter's batches until every delivery is final (see `newsletters.sending`)."""
    sending.dispatch(send_id)


@task(priority=PERSON_WAITING)
def watch_send(send_id: int) -> None:
    """Restart dispatch of a send whose worker died; runs again until the send is finished.

    The next check is queued before this one does anything, so a worker killed during the
    check still leaves a watchdog behind. A database restart during the check is waited out
    rather than failing the task: a failed check would queue no successor, and the send would
    lose its watchdog. (If the database took the next check but went away before saying so,
    the check is queued twice: two watchdogs until the send finishes, which is harmless.)
    """

    def queue_next_check() -> bool:
        send = Send.objects.filter(pk=send_id).only("status", "scheduled_at").first()
        if send is None or send.is_final:
            return False
        interval = timedelta(seconds=newsletter_setting("WATCHDOG_INTERVAL"))
        # A send scheduled for later needs no checks before its time.
        start = max(timezone.now(), send.scheduled_at or timezone.now())
        watch_send.using(run_after=start + interval).enqueue(send_id)
        return True

    if sending.surviving_database_outages(queue_next_check):
        sending.surviving_database_outages(lambda: sending.watch(send_id))


# `using(run_after=None)` keeps the task as it is: the start runs now.
SCHEDULER = scheduling.Scheduler(
    start=lambda send_id, run_after: start_send.using(run_after=run_after).enqueue(send_id),
    dispatch=lambda send_id: dispatch_send.enqueue(send_id),
    watch=lambda send_id, run_after: watch_send.using(run_after=run_after).enqueue(send_id),
)
