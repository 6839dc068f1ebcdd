"""A send's life: creating (or scheduling) it, freezing its audience, rescheduling, cancelling.

`create_send` records the send with its watchdog; `start_send`, a task deferred to the scheduled
time, freezes the audience and queues a dispatcher (`newsletters.sending.loop`).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from newsletters.audience.members import audience_for, canonical_topics
from newsletters.conf import newsletter_setting
from newsletters.models import (
    Delivery,
    NewsletterPage,
    Send,
    Subscriber,
    Topic,
    audience_key_for,
)
from newsletters.sending.languages import excluded_languages
from newsletters.sending.scheduling import scheduler, supports_defer


@dataclass(frozen=True)
class SendRequest:
    """The outcome of asking to send: the send, and whether this request created it."""

    send: Send
    created: bool


def create_send(
    page: NewsletterPage,
    *,
    topics: Iterable[Topic] = (),
    user: Any = None,
    scheduled_at: datetime | None = None,
    language_plan: dict[str, str] | None = None,
) -> SendRequest:
    """Queue (or schedule) `page` for its audience; a second request returns the first send.

    The unique constraint on (issue, audience) decides races between two requests, so this is
    safe against double clicks and concurrent staff without any lock. `language_plan` says what
    readers of languages without a translation get (`newsletters.sending.languages`).
    """
    topics = canonical_topics(topic.translation_key for topic in topics)
    key = audience_key_for(topic.translation_key for topic in topics)
    return _create(page.canonical_page(), topics, key, user, scheduled_at, language_plan)


def audience_topics(send: Send) -> list[Topic]:
    """The topics a send went to (empty: every subscriber), as they are now."""
    return canonical_topics(send.topic_keys)


def not_yet_received(page: NewsletterPage, topics: Iterable[Topic]) -> QuerySet[Subscriber]:
    """The audience of `topics` without the people who already received (or are receiving)
    the issue from any send; a refused or cancelled delivery does not count as received."""
    earlier = Delivery.objects.filter(
        subscriber_id=OuterRef("pk"), send__page_id=page.canonical_page().pk, send__is_test=False
    ).exclude(status__in=[Delivery.Status.CANCELLED, Delivery.Status.FAILED])
    return audience_for(list(topics)).exclude(Exists(earlier))


def sendable_now(
    page: NewsletterPage, topics: Iterable[Topic], language_plan: dict[str, str] | None
) -> QuerySet[Subscriber]:
    """Who a send of `page` to `topics` would reach now: `not_yet_received` without the
    languages `language_plan` holds or skips (see `newsletters.sending.languages`)."""
    page = page.canonical_page()
    excluded = excluded_languages(page, language_plan or {})
    audience = not_yet_received(page, topics)
    return audience.exclude(language__in=excluded) if excluded else audience


def create_new_subscribers_send(
    page: NewsletterPage,
    *,
    topics: Iterable[Topic] = (),
    user: Any = None,
    language_plan: dict[str, str] | None = None,
) -> SendRequest | None:
    """Send an issue already sent to an audience to the people of it who have not received it
    yet (new subscribers since, and readers held until their translation was published); None
    when there is nobody.

    Each such send has its own audience key, numbered after the issue's earlier sends to the
    audience, so a double click still makes one send (the unique constraint) and the frozen
    audience leaves out everyone with a delivery of the issue. It follows the earlier send's
    `language_plan`: skipped languages stay skipped, held ones go once translated.
    """
    page = page.canonical_page()
    topics = canonical_topics(topic.translation_key for topic in topics)
    if not sendable_now(page, topics, language_plan).exists():
        return None
    base = audience_key_for(topic.translation_key for topic in topics)
    earlier = Send.objects.filter(page=page, is_test=False, audience_key__startswith=base).count()
    return _create(page, topics, f"{base}+new{earlier}", user, None, language_plan)


def _create(
    page: NewsletterPage,
    topics: list[Topic],
    audience_key: str,
    user: Any,
    scheduled_at: datetime | None,
    language_plan: dict[str, str] | None = None,
) -> SendRequest:
    keys = sorted(str(topic.translation_key) for topic in topics)
    now = timezone.now()
    scheduled = scheduled_at is not None and scheduled_at > now
    try:
        with transaction.atomic():
            send = Send.objects.create(
                page=page,
                audience_key=audience_key,
                topic_keys=keys,
                topic_names=[topic.name for topic in topics],
                language_plan=dict(language_plan or {}),
                status=Send.Status.SCHEDULED if scheduled else Send.Status.QUEUED,
                scheduled_at=scheduled_at if scheduled else None,
                created_by=user if getattr(user, "pk", None) else None,
            )
            _enqueue_watchdog(send)
    except IntegrityError:
        existing = (
            Send.objects.filter(page=page, audience_key=audience_key, is_test=False)
            .exclude(status=Send.Status.CANCELLED)
            .first()
        )
        if existing is None:  # the other request was rolled back meanwhile: try once more
            return _create(page, topics, audience_key, user, scheduled_at, language_plan)
        return SendRequest(existing, created=False)
    _enqueue_start(send)
    return SendRequest(send, created=True)


def create_test_send(
    page: NewsletterPage, *, addresses: Iterable[str], language: str, user: Any = None
) -> Send:
    """Send the latest revision of `page` in `language` to typed addresses, marked as a test."""
    addresses = sorted({address.strip().lower() for address in addresses if address.strip()})
    with transaction.atomic():
        send = Send.objects.create(
            page=page.canonical_page(),
            is_test=True,
            audience_key=f"test-{uuid.uuid4().hex}",
            test_recipients=addresses,
            test_language=language,
            created_by=user if getattr(user, "pk", None) else None,
            requested_by_person=bool(getattr(user, "pk", None)),
        )
        _enqueue_watchdog(send)
    _enqueue_start(send)
    return send


def _enqueue_watchdog(send: Send) -> None:
    """Queue the send's watchdog in the transaction that creates the send (with a worker).

    The database backend stores tasks in this database, so the send never exists without its
    watchdog: a worker dying while it starts the send (the start rolls back) or right after
    (nobody dispatching) is noticed and the work queued again. (A backend outside the database
    could run the check before the commit, find no send and stop: such a send would lose this
    safety net, not its start.)
    """
    if supports_defer():
        interval = timedelta(seconds=newsletter_setting("WATCHDOG_INTERVAL"))
        first_check = (send.scheduled_at or send.created_at) + interval
        scheduler().watch(send.pk, first_check)


def _enqueue_start(send: Send) -> None:
    if send.scheduled_at is not None:
        if supports_defer():
            scheduler().start(send.pk, send.scheduled_at)
        # Without a deferring backend, `start_due_sends()` starts it once due.
        return
    scheduler().start(send.pk, None)


def start_due_sends() -> list[int]:
    """Start scheduled sends whose time has come (the safety net for any task backend)."""
    due = list(
        Send.objects.filter(
            status=Send.Status.SCHEDULED, scheduled_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    for send_id in due:
        start_send(send_id)
    return due


def reschedule_send(send: Send, scheduled_at: datetime) -> Send:
    """Move a scheduled send to another time (the earlier start task then finds nothing to do)."""
    updated = Send.objects.filter(pk=send.pk, status=Send.Status.SCHEDULED).update(
        scheduled_at=scheduled_at
    )
    send.refresh_from_db()
    if updated:
        _enqueue_start(send)
    return send


def cancel_send(send: Send) -> bool:
    """Stop a scheduled or running send: nobody pending receives it; batches in flight finish.

    Returns True when this call cancelled it. The cancelled send no longer blocks a new send of
    the issue to the same audience.
    """
    now = timezone.now()
    with transaction.atomic():
        changed = (
            Send.objects.filter(pk=send.pk)
            .exclude(status__in=[Send.Status.DONE, Send.Status.CANCELLED])
            .update(status=Send.Status.CANCELLED, cancelled_at=now, finished_at=now)
        )
        if changed:
            Delivery.objects.filter(send_id=send.pk, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.CANCELLED
            )
    send.refresh_from_db()
    return bool(changed)


def _freeze_audience(send: Send, now: datetime) -> int:
    """Write one pending delivery per recipient in one statement and return how many.

    Subscribers who already have a delivery of this issue from another send are left out, so
    overlapping audiences (two staff choosing different topics) still send each person once;
    so are readers of languages the send's plan holds or skips (they have no delivery, so a
    later send reaches them once).
    """
    table = Delivery._meta.db_table
    columns = (
        "send_id, subscriber_id, email, language, status, attempts, available_at, claimed_by, "
        "esp_message_id, error"
    )
    if send.is_test:
        rows = [
            Delivery(send=send, email=address, language=send.test_language, available_at=now)
            for address in send.test_recipients
        ]
        Delivery.objects.bulk_create(rows)
        return len(rows)
    audience = (
        sendable_now(send.page, canonical_topics(send.topic_keys), send.language_plan)
        .order_by()
        .annotate(member_id=F("pk"), member_email=F("email"), member_language=F("language"))
        .values_list("member_id", "member_email", "member_language")
    )
    inner_sql, inner_params = audience.query.sql_with_params()
    available = connection.ops.adapt_datetimefield_value(now)
    # Identifiers come from model metadata; every value is a query parameter.
    sql = (
        f"INSERT INTO {table} ({columns}) "  # noqa: S608
        f"SELECT %s, member_id, member_email, member_language, %s, 0, %s, '', '', '' "
        f"FROM ({inner_sql}) audience"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [send.pk, Delivery.Status.PENDING, available, *inner_params])
        return cursor.rowcount


def start_send(send_id: int) -> bool:
    """Freeze the audience and hand the send to the dispatch tasks (idempotent)."""
    now = timezone.now()
    with transaction.atomic():
        send = Send.objects.select_for_update().filter(pk=send_id).first()
        if send is None or send.status not in {Send.Status.SCHEDULED, Send.Status.QUEUED}:
            return False
        if send.scheduled_at is not None and send.scheduled_at > now + timedelta(seconds=1):
            return False  # rescheduled later; the start task of the new time will come
        total = _freeze_audience(send, now)
        send.total = total
        send.status = Send.Status.SENDING
        send.started_at = now
        send.heartbeat_at = now
        send.save(update_fields=["total", "status", "started_at", "heartbeat_at"])
    # The watchdog was queued with the send (`_enqueue_watchdog`).
    # One dispatcher; it recruits idle workers itself (`newsletters.sending.loop`).
    scheduler().dispatch(send_id)
    return True
