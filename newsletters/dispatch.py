"""Sending a newsletter issue: creating the send, freezing the audience, crash-safe batches.

State machine (rows in `Send` and `Delivery`, see `newsletters.models.dispatch`):

1. `create_send` records the send; a database constraint makes it unique per issue and
   audience, so a double click or two staff members send once. `start_send` (a task, deferred
   to the scheduled time when there is one) freezes the audience: one `INSERT ... SELECT` writes
   a pending delivery per recipient, whatever the audience's size.
2. `dispatch` (a task, `DISPATCHERS` of them per send) claims a batch in one statement:
   `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING` on PostgreSQL; on
   SQLite the same statement runs under the database's single writer lock (IMMEDIATE
   transactions), which is the safe equivalent. Claims whose worker went silent for
   `CLAIM_TIMEOUT` are claimable again.
3. The batch is sent with anymail's batch sending (`merge_data` for the per-recipient links in
   the content, `merge_headers` for `List-Unsubscribe`) where the ESP can merge fields into
   inline content, else one message per recipient over one open connection. The ESP's message
   ids are written in one UPDATE right after the ESP answers: nobody is marked sent without
   the ESP's acknowledgement, and the only unrecorded window is that one statement.
4. 429, 5xx, timeouts and connection errors release the batch with exponential backoff (and
   the ESP's `Retry-After`); a permanent rejection fails only the recipients it names (a batch
   the ESP refuses as a whole is retried one recipient at a time). A retryable error fails a
   recipient only after `MAX_ATTEMPTS` tries *and* once the send has been going for
   `RETRY_WINDOW` (24 hours), so an ESP that is down for minutes or hours delays the issue
   without losing anyone. A send run inline (no task worker) blocks its caller and stops at
   `MAX_ATTEMPTS`. The send is done when no delivery is pending or claimed.
5. A watchdog task per send restarts dispatch when no worker has shown life for
   `CLAIM_TIMEOUT` (a worker killed mid-send), so a restarted worker finishes the send.
6. When the database goes away (a restart, a failover), the dispatch loop and the watchdog wait
   for it for up to `DATABASE_WAIT` and carry on; outcomes the ESP already acted on are kept in
   memory and written first, so the outage costs no duplicate. The task worker's own polling is
   not ours: a worker that was idle when the database went away exits, and its supervisor
   (systemd's `Restart=always`, the platform's process manager) must start it again.

Queries per batch: claim, read the recipients' current state, record the outcome (three), plus
one for the shared rate limiter when `SEND_RATE` is set.
"""

import logging
import os
import random
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, Value, When
from django.tasks import default_task_backend
from django.utils import timezone

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from anymail.message import AnymailMessage

from newsletters.audience import audience_for, canonical_topics
from newsletters.conf import newsletter_setting
from newsletters.models import (
    Delivery,
    NewsletterPage,
    Send,
    Subscriber,
    SuppressedAddress,
    Topic,
    audience_key_for,
)
from newsletters.rendering import MERGE_FIELDS, Edition, edition_page, render_edition
from newsletters.tokens import list_unsubscribe_headers, preferences_url, unsubscribe_url

logger = logging.getLogger(__name__)

# anymail's name of an ESP → (most recipients per API call, how it spells a merge field in
# inline content). ESPs missing here (Postmark without stored templates, Amazon SES, SMTP, the
# file mailer...) get one message per recipient; `BATCH_SIZE` / `MERGE_FIELD_FORMAT` can add one.
KNOWN_ESPS: dict[str, tuple[int, str]] = {
    "Mailgun": (1000, "%recipient.{}%"),
    "SparkPost": (1000, "{{{{{}}}}}"),
    "Test": (500, "%recipient.{}%"),
}
# anymail cannot give these ESPs' batch recipients their own headers (`merge_headers`), and every
# recipient needs their own `List-Unsubscribe`: one message per recipient, whatever the settings.
NO_MERGE_HEADERS = frozenset({"Mandrill"})
SINGLE_MESSAGE_BATCH = 50  # claimed at once when sending one message per recipient
TEST_SUBJECT_PREFIX = "[Test] "


def worker_id() -> str:
    """Who holds a claim: host and process (ids never collide between live workers)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


# --- Creating and starting sends --------------------------------------------------------------


def canonical_page(page: NewsletterPage) -> NewsletterPage:
    """The issue a send belongs to: its version in the default language when there is one.

    Sending from the German translation or from the English source must be the same send (one
    per audience), so sends always point at one page of the translation group.
    """
    source = (
        NewsletterPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or page
    )
    return source


def supports_defer() -> bool:
    """Whether the task backend can run a task later (the database worker can)."""
    return bool(getattr(default_task_backend, "supports_defer", False))


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
) -> SendRequest:
    """Queue (or schedule) `page` for its audience; a second request returns the first send.

    The unique constraint on (issue, audience) decides races between two requests, so this is
    safe against double clicks and concurrent staff without any lock.
    """
    page = canonical_page(page)
    topics = canonical_topics(topic.translation_key for topic in topics)
    keys = sorted(str(topic.translation_key) for topic in topics)
    now = timezone.now()
    scheduled = scheduled_at is not None and scheduled_at > now
    try:
        with transaction.atomic():
            send = Send.objects.create(
                page=page,
                audience_key=audience_key_for(keys),
                topic_keys=keys,
                topic_names=[topic.name for topic in topics],
                status=Send.Status.SCHEDULED if scheduled else Send.Status.QUEUED,
                scheduled_at=scheduled_at if scheduled else None,
                created_by=user if getattr(user, "pk", None) else None,
            )
            _enqueue_watchdog(send)
    except IntegrityError:
        existing = (
            Send.objects.filter(page=page, audience_key=audience_key_for(keys), is_test=False)
            .exclude(status=Send.Status.CANCELLED)
            .first()
        )
        if existing is None:  # the other request was rolled back meanwhile: try once more
            return create_send(page, topics=topics, user=user, scheduled_at=scheduled_at)
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
            page=canonical_page(page),
            is_test=True,
            audience_key=f"test-{uuid.uuid4().hex}",
            test_recipients=addresses,
            test_language=language,
            created_by=user if getattr(user, "pk", None) else None,
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
    from newsletters import tasks

    if supports_defer():
        interval = timedelta(seconds=newsletter_setting("WATCHDOG_INTERVAL"))
        first_check = (send.scheduled_at or send.created_at) + interval
        tasks.watch_send.using(run_after=first_check).enqueue(send.pk)


def _enqueue_start(send: Send) -> None:
    from newsletters import tasks

    if send.scheduled_at is not None:
        if supports_defer():
            tasks.start_send.using(run_after=send.scheduled_at).enqueue(send.pk)
        # Without a deferring backend, `start_due_sends()` starts it once due.
        return
    tasks.start_send.enqueue(send.pk)


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
    overlapping audiences (two staff choosing different topics) still send each person once.
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
    topics = canonical_topics(send.topic_keys)
    earlier = Delivery.objects.filter(
        subscriber_id=OuterRef("pk"), send__page_id=send.page_id, send__is_test=False
    ).exclude(status__in=[Delivery.Status.CANCELLED, Delivery.Status.FAILED])
    audience = (
        audience_for(topics)
        .exclude(Exists(earlier))
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
    from newsletters import tasks

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
    for _number in range(max(1, int(newsletter_setting("DISPATCHERS")))):
        tasks.dispatch_send.enqueue(send_id)
    return True


# --- The ESP ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EspProfile:
    """How to talk to the configured ESP: batch size, and its merge-field syntax (or None)."""

    name: str
    batch_size: int
    merge_field_format: str | None

    @property
    def batches(self) -> bool:
        return self.merge_field_format is not None and self.batch_size > 1


def esp_profile(backend: Any) -> EspProfile:
    """Read the ESP's capabilities from the mailer anymail (or Django) built from settings."""
    name = getattr(backend, "esp_name", None) or type(backend).__module__
    limit, merge_format = KNOWN_ESPS.get(name, (SINGLE_MESSAGE_BATCH, None))
    merge_format = newsletter_setting("MERGE_FIELD_FORMAT") or merge_format
    if merge_format is None or not getattr(backend, "esp_name", None) or name in NO_MERGE_HEADERS:
        return EspProfile(name, SINGLE_MESSAGE_BATCH, None)
    wanted = newsletter_setting("BATCH_SIZE")
    size = min(int(wanted), limit) if wanted else limit
    return EspProfile(name, max(1, size), merge_format)


class Retry(Exception):
    """The ESP asked us to come back later (429, 5xx, timeout, connection error)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Rejected(Exception):
    """The ESP refused the request for good (a 4xx other than 429)."""


def _retry_after(error: Exception) -> float | None:
    response = getattr(error, "response", None)
    value = getattr(response, "headers", {}).get("Retry-After") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def classify(error: Exception) -> Exception:
    """Map an exception from sending to `Retry` or `Rejected` (the dispatch's two cases).

    Only clear refusals are permanent; anything unknown is retried (up to `MAX_ATTEMPTS`), so a
    configuration mistake fixed within the backoff loses nobody.
    """
    if isinstance(error, Retry | Rejected):
        return error
    status = getattr(error, "status_code", None)
    if isinstance(error, AnymailAPIError) and isinstance(status, int):
        if status == 429 or status >= 500 or status in {401, 403, 408}:
            return Retry(f"ESP answered {status}", _retry_after(error))
        return Rejected(f"ESP refused the message ({status})")
    import smtplib

    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return Rejected("SMTP server refused the recipient")
    if isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600:
        return Rejected(f"SMTP server refused the message ({error.smtp_code})")
    return Retry(f"{type(error).__name__}: {str(error)[:150]}")


def backoff(attempts: int, retry_after: float | None = None) -> float:
    """Seconds to wait before attempt `attempts + 1`: exponential, jittered, capped."""
    base = float(newsletter_setting("RETRY_BASE_DELAY"))
    ceiling = float(newsletter_setting("RETRY_MAX_DELAY"))
    # The exponent is capped: within `RETRY_WINDOW` a recipient may be tried hundreds of times.
    delay = min(ceiling, base * (2 ** min(max(0, attempts - 1), 32)))
    delay = delay / 2 + random.random() * delay / 2  # noqa: S311 - jitter, not security
    return max(delay, retry_after or 0.0)


def retries_exhausted(attempts: int, started_at: datetime | None, now: datetime) -> bool:
    """Whether a recipient who just met a retryable error fails instead of waiting once more.

    Only after `MAX_ATTEMPTS` tries and only once the send has been going for `RETRY_WINDOW`:
    an ESP that refuses connections or answers 5xx/429 for hours delays the issue but loses
    nobody.
    """
    if attempts < int(newsletter_setting("MAX_ATTEMPTS")):
        return False
    window = timedelta(seconds=float(newsletter_setting("RETRY_WINDOW") or 0))
    return started_at is None or now - started_at >= window


# --- Surviving a database restart ---------------------------------------------------------------

DATABASE_ERRORS = (OperationalError, InterfaceError)


def _database_answers() -> bool:
    """Whether the current connection still works (then an error was not an outage)."""
    try:
        return connection.connection is not None and connection.is_usable()
    except Exception:
        return False


def _drop_connection() -> None:
    try:
        connection.close()
    except Exception:
        logger.debug("Closing a broken database connection failed", exc_info=True)


def wait_for_database(give_up_at: float) -> None:
    """Reconnect until the database answers again; re-raise its error after `give_up_at`."""
    delay = 0.2
    while True:
        _drop_connection()
        try:
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            return
        except DATABASE_ERRORS:
            if time.monotonic() >= give_up_at:
                raise
            time.sleep(min(delay, max(0.0, give_up_at - time.monotonic())))
            delay = min(delay * 2, 5.0)


def surviving_database_outages[T](call: Callable[[], T]) -> T:
    """Run `call`; when the database went away meanwhile, wait for it and run `call` again.

    `call` must be safe to repeat. Waits at most `DATABASE_WAIT` seconds, then the error goes
    up (the task fails; the watchdog restarts dispatch once the database is back). Errors from
    a connection that still works (a bad query, a locked SQLite file) and errors inside a
    transaction go up at once: those are not outages, or not ours to retry.
    """
    give_up_at: float | None = None
    while True:
        try:
            return call()
        except DATABASE_ERRORS:
            if connection.in_atomic_block or _database_answers():
                raise
            if give_up_at is None:
                logger.warning("The database went away; waiting for it to come back")
                give_up_at = time.monotonic() + float(newsletter_setting("DATABASE_WAIT"))
            wait_for_database(give_up_at)


# --- Claiming and recording -----------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    """A delivery this worker holds: who, in which language, how many tries so far."""

    id: int
    subscriber_id: int | None
    email: str
    language: str
    attempts: int


def claim_batch(send_id: int, size: int, worker: str, now: datetime | None = None) -> list[Claimed]:
    """Atomically take up to `size` claimable deliveries of a sending send (one statement).

    Claimable: pending and due, or claimed longer than `CLAIM_TIMEOUT` ago. Rows are taken in
    language order, so a batch is (nearly always) one language and one ESP call.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=newsletter_setting("CLAIM_TIMEOUT"))
    adapt = connection.ops.adapt_datetimefield_value
    table, sends = Delivery._meta.db_table, Send._meta.db_table
    lock = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    claimable = "((status = %s AND available_at <= %s) OR (status = %s AND claimed_at < %s))"
    claimable_params = [Delivery.Status.PENDING, adapt(now), Delivery.Status.CLAIMED, adapt(stale)]
    # Identifiers come from model metadata; every value is a query parameter.
    # The ids are picked once in a MATERIALIZED CTE: with `WHERE id IN (SELECT … LIMIT n)` the
    # planner may run the subquery more than once and claim more than `size` rows.
    qualified = (
        claimable.replace("status", f"{table}.status")
        .replace("available_at", f"{table}.available_at")
        .replace("claimed_at <", f"{table}.claimed_at <")
    )
    sql = (
        f"WITH picked AS MATERIALIZED (SELECT id FROM {table} "  # noqa: S608
        f"WHERE send_id = %s AND {claimable} "
        f"AND EXISTS (SELECT 1 FROM {sends} WHERE {sends}.id = %s AND {sends}.status = %s) "
        f"ORDER BY language, id LIMIT %s{lock}) "
        f"UPDATE {table} SET status = %s, claimed_at = %s, claimed_by = %s, "
        f"attempts = {table}.attempts + 1 "
        f"FROM picked WHERE {table}.id = picked.id AND {qualified} "
        f"RETURNING {table}.id, {table}.subscriber_id, {table}.email, {table}.language, "
        f"{table}.attempts"
    )
    params = [
        send_id,
        *claimable_params,
        send_id,
        Send.Status.SENDING,
        size,
        Delivery.Status.CLAIMED,
        adapt(now),
        worker,
        *claimable_params,
    ]
    # One statement is atomic on its own: no transaction around it, no extra round trips.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return sorted((Claimed(*row) for row in rows), key=lambda row: (row.language, row.id))


@dataclass
class Outcome:
    """What happened to one claimed delivery, written back in the batch's one UPDATE."""

    status: str
    esp_message_id: str = ""
    error: str = ""
    available_at: datetime | None = None
    email: str | None = None


def _uniform_or_case(values: dict[int, Any], output_field: Any = None) -> Any:
    distinct = set(values.values())
    if len(distinct) == 1:
        return Value(next(iter(distinct)), output_field=output_field)
    return Case(
        *[
            When(pk=pk, then=Value(value, output_field=output_field))
            for pk, value in values.items()
        ],
        output_field=output_field,
    )


def record_outcomes(outcomes: dict[int, Outcome], worker: str, now: datetime) -> int:
    """Write every outcome of a batch in one UPDATE, only on rows this worker still holds."""
    if not outcomes:
        return 0
    fields = {f.name: f for f in Delivery._meta.get_fields() if hasattr(f, "attname")}
    sent_states = {Delivery.Status.SENT}
    updates: dict[str, Any] = {
        "status": _uniform_or_case({pk: o.status for pk, o in outcomes.items()}, fields["status"]),
        "esp_message_id": _uniform_or_case(
            {pk: o.esp_message_id[:255] for pk, o in outcomes.items()}, fields["esp_message_id"]
        ),
        "error": _uniform_or_case(
            {pk: o.error[:255] for pk, o in outcomes.items()}, fields["error"]
        ),
        "available_at": _uniform_or_case(
            {pk: o.available_at or now for pk, o in outcomes.items()}, fields["available_at"]
        ),
        "sent_at": _uniform_or_case(
            {pk: now if o.status in sent_states else None for pk, o in outcomes.items()},
            fields["sent_at"],
        ),
    }
    changed_emails = {pk: o.email for pk, o in outcomes.items() if o.email}
    if changed_emails:
        updates["email"] = Case(
            *[When(pk=pk, then=Value(email)) for pk, email in changed_emails.items()],
            default=F("email"),
        )
    return Delivery.objects.filter(
        pk__in=list(outcomes), status=Delivery.Status.CLAIMED, claimed_by=worker
    ).update(**updates)


def acquire_rate_slot(send_id: int, messages: int) -> float:
    """Seconds to wait so all workers together stay under `SEND_RATE` messages per second."""
    rate = float(newsletter_setting("SEND_RATE") or 0)
    if rate <= 0:
        return 0.0
    now = time.time()
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    table = Send._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET rate_slot = {greatest}(rate_slot, %s) + %s WHERE id = %s "  # noqa: S608
            f"RETURNING rate_slot",
            [now, messages / rate, send_id],
        )
        row = cursor.fetchone()
    if row is None:
        return 0.0
    return max(0.0, row[0] - messages / rate - now)


# --- Sending a batch ----------------------------------------------------------------------------


@dataclass
class Recipient:
    """A claimed delivery with what its message needs: address, links, headers."""

    claimed: Claimed
    email: str
    values: dict[str, str]
    headers: dict[str, str]


def _first_link(header: str) -> str:
    """The first `<...>` URL of a `List-Unsubscribe` header (the https one)."""
    first = header.split(",", 1)[0].strip()
    return first[1:-1] if first.startswith("<") and first.endswith(">") else ""


def _test_subscriber(email: str, language: str) -> Subscriber:
    # Links in a test email must look real but must not work: id 0 never matches a subscriber.
    return Subscriber(pk=0, email=email, language=language, token_key="test")  # noqa: S106


@dataclass
class Dispatcher:
    """Sends the claimed batches of one send from one worker, reusing one ESP connection."""

    send: Send
    worker: str = field(default_factory=worker_id)
    editions: dict[str, Edition] = field(default_factory=dict)
    backend: Any = None
    _profile: EspProfile | None = None
    last_heartbeat: float = 0.0
    api_calls: int = 0
    unrecorded: dict[int, Outcome] = field(default_factory=dict)

    def open(self) -> None:
        self.backend = mail.mailers.default
        self._profile = esp_profile(self.backend)
        self.backend.open()

    def close(self) -> None:
        if self.backend is not None:
            try:
                self.backend.close()
            except Exception:
                logger.warning("Closing the mail connection failed", exc_info=True)

    @property
    def profile(self) -> EspProfile:
        if self._profile is None:
            raise RuntimeError("open() the dispatcher first")
        return self._profile

    @property
    def batch_size(self) -> int:
        return self.profile.batch_size

    def edition(self, language: str) -> Edition:
        """The issue rendered for `language`, once per worker run."""
        if language not in self.editions:
            page = edition_page(self.send.page, language, draft=self.send.is_test)
            edition = render_edition(page, language)
            if self.send.is_test:
                edition = Edition(
                    page_id=edition.page_id,
                    language=edition.language,
                    subject=TEST_SUBJECT_PREFIX + edition.subject,
                    html=edition.html,
                    text=edition.text,
                    web_url=edition.web_url,
                )
            self.editions[language] = edition
        return self.editions[language]

    def heartbeat(self, force: bool = False) -> None:
        """Tell the watchdog this send has a live worker (at most every `HEARTBEAT_INTERVAL`)."""
        now = time.monotonic()
        if force or now - self.last_heartbeat >= newsletter_setting("HEARTBEAT_INTERVAL"):
            Send.objects.filter(pk=self.send.pk).update(heartbeat_at=timezone.now())
            self.last_heartbeat = now

    # -- one batch --

    def recipients(self, batch: list[Claimed]) -> tuple[list[Recipient], dict[int, Outcome]]:
        """Who of the batch still gets it: confirmed and not suppressed now (one query)."""
        skipped: dict[int, Outcome] = {}
        people: dict[int, dict] = {}
        ids = [row.subscriber_id for row in batch if row.subscriber_id is not None]
        if ids:
            suppressed = SuppressedAddress.objects.filter(email_hash=OuterRef("email_hash"))
            for values in (
                Subscriber.objects.filter(pk__in=ids)
                .annotate(suppressed=Exists(suppressed))
                .values("pk", "email", "language", "token_key", "status", "suppressed")
            ):
                people[values["pk"]] = values
        recipients = []
        for row in batch:
            if row.subscriber_id is None:
                subscriber = _test_subscriber(row.email, row.language)
            else:
                data = people.get(row.subscriber_id)
                if (
                    data is None
                    or data["status"] != Subscriber.Status.CONFIRMED
                    or data["suppressed"]
                ):
                    skipped[row.id] = Outcome(Delivery.Status.SKIPPED, error="no longer subscribed")
                    continue
                subscriber = Subscriber(
                    pk=data["pk"],
                    email=data["email"],
                    language=data["language"],
                    token_key=data["token_key"],
                )
            headers = list_unsubscribe_headers(subscriber)
            recipients.append(
                Recipient(
                    claimed=row,
                    email=subscriber.email,
                    values={
                        # The very link of the header, so the body and the inbox's button agree.
                        "unsubscribe_url": _first_link(headers["List-Unsubscribe"])
                        or unsubscribe_url(subscriber),
                        "preferences_url": preferences_url(subscriber),
                    },
                    headers=headers,
                )
            )
        return recipients, skipped

    def _message(self, edition: Edition, to: list[str], html: str, text: str) -> AnymailMessage:
        message = AnymailMessage(
            subject=edition.subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
        )
        message.attach_alternative(html, "text/html")
        message.metadata = {"newsletter_send": str(self.send.pk)}
        message.tags = ["newsletter"]
        return message

    def _statuses(self, message: AnymailMessage) -> dict[str, Any]:
        status = getattr(message, "anymail_status", None)
        recipients = getattr(status, "recipients", None) or {}
        return {email.lower(): value for email, value in recipients.items()}

    def send_batch(self, recipients: list[Recipient]) -> dict[int, Outcome]:
        """One API call for recipients of one language; per-recipient outcomes."""
        merge_format = self.profile.merge_field_format or "{}"
        edition = self.edition(recipients[0].claimed.language)
        merge = {name: merge_format.format(name) for name in MERGE_FIELDS}
        html, text = edition.personalize(merge)
        message = self._message(edition, [r.email for r in recipients], html, text)
        message.merge_data = {r.email: r.values for r in recipients}
        message.merge_headers = {r.email: r.headers for r in recipients}
        message.merge_metadata = {
            r.email: {"newsletter_delivery": str(r.claimed.id)} for r in recipients
        }
        try:
            self.api_calls += 1
            self.backend.send_messages([message])
        except AnymailRecipientsRefused:
            pass  # every recipient refused: their statuses say so, below
        except Exception as error:
            problem = classify(error)
            if isinstance(problem, Rejected) and len(recipients) > 1:
                # One bad address can make an ESP refuse the whole batch: find it.
                outcomes: dict[int, Outcome] = {}
                for recipient in recipients:
                    outcomes.update(self.send_single([recipient]))
                return outcomes
            return self._failed(recipients, problem)
        statuses = self._statuses(message)
        return {r.claimed.id: self._outcome(r, statuses.get(r.email.lower())) for r in recipients}

    def send_single(self, recipients: list[Recipient]) -> dict[int, Outcome]:
        """One message per recipient over the open connection, recording each as it goes.

        Each acknowledgement is written at once, so a crash duplicates at most one message;
        every outcome returned is already recorded.
        """
        outcomes: dict[int, Outcome] = {}
        for position, recipient in enumerate(recipients):
            edition = self.edition(recipient.claimed.language)
            html, text = edition.personalize(recipient.values)
            message = self._message(edition, [recipient.email], html, text)
            message.extra_headers = dict(recipient.headers)
            message.metadata = {
                **message.metadata,
                "newsletter_delivery": str(recipient.claimed.id),
            }
            try:
                self.api_calls += 1
                self.backend.send_messages([message])
            except AnymailRecipientsRefused:
                pass
            except Exception as error:
                problem = classify(error)
                if isinstance(problem, Retry):
                    # Stop here: the ESP is struggling; the rest wait with the same backoff.
                    released = self._failed(recipients[position:], problem)
                    self.record(released)
                    outcomes.update(released)
                    return outcomes
                outcome = self._failed([recipient], problem)
                self.record(outcome)
                outcomes.update(outcome)
                continue
            statuses = self._statuses(message)
            outcome = {
                recipient.claimed.id: self._outcome(recipient, statuses.get(recipient.email))
            }
            self.record(outcome)
            outcomes.update(outcome)
        return outcomes

    def _outcome(self, recipient: Recipient, status: Any) -> Outcome:
        email = recipient.email if recipient.email != recipient.claimed.email else None
        if status is None:  # a backend without per-recipient status (SMTP, files): it accepted
            return Outcome(Delivery.Status.SENT, email=email)
        if status.status in {"rejected", "invalid", "failed"}:
            return Outcome(
                Delivery.Status.FAILED, error=f"ESP status: {status.status}", email=email
            )
        return Outcome(
            Delivery.Status.SENT,
            esp_message_id="" if status.message_id is None else str(status.message_id),
            email=email,
        )

    def _failed(self, recipients: list[Recipient], problem: Exception) -> dict[int, Outcome]:
        now = timezone.now()
        outcomes = {}
        for recipient in recipients:
            attempts = recipient.claimed.attempts
            if isinstance(problem, Retry) and not retries_exhausted(
                attempts, self.send.started_at, now
            ):
                delay = backoff(attempts, problem.retry_after)
                outcomes[recipient.claimed.id] = Outcome(
                    Delivery.Status.PENDING,
                    error=str(problem),
                    available_at=now + timedelta(seconds=delay),
                )
            else:
                outcomes[recipient.claimed.id] = Outcome(Delivery.Status.FAILED, error=str(problem))
        if recipients:
            Send.objects.filter(pk=self.send.pk).update(last_error=str(problem)[:255])
        return outcomes

    def process(self, batch: list[Claimed]) -> None:
        """Send one claimed batch and record every recipient's outcome."""
        recipients, outcomes = self.recipients(batch)
        by_language: dict[str, list[Recipient]] = defaultdict(list)
        for recipient in recipients:
            by_language[recipient.claimed.language].append(recipient)
        written_singly: set[int] = set()
        for group in by_language.values():
            wait = acquire_rate_slot(self.send.pk, len(group))
            if wait:
                time.sleep(wait)
            if self.profile.batches:
                outcomes.update(self.send_batch(group))
            else:
                single = self.send_single(group)
                outcomes.update(single)
                written_singly.update(single)
        remaining = {pk: o for pk, o in outcomes.items() if pk not in written_singly}
        self.record(remaining)

    def record(self, outcomes: dict[int, Outcome]) -> None:
        """Write outcomes, together with any the database missed during an outage.

        The ESP has already acted on them, so if the database is away they stay in memory and
        are written before anything else once it is back: a restart costs no duplicate.
        """
        self.unrecorded.update(outcomes)
        if self.unrecorded:
            record_outcomes(self.unrecorded, self.worker, timezone.now())
            self.unrecorded.clear()


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
    """Seconds until something of this send becomes claimable, or None if nothing is open."""
    now = timezone.now()
    row = Delivery.objects.filter(send_id=send_id, status__in=Delivery.OPEN_STATES).aggregate(
        pending=Min("available_at", filter=Q(status=Delivery.Status.PENDING)),
        claimed=Min("claimed_at", filter=Q(status=Delivery.Status.CLAIMED)),
    )
    moments = []
    if row["pending"] is not None:
        moments.append(row["pending"])
    if row["claimed"] is not None:
        moments.append(row["claimed"] + timedelta(seconds=newsletter_setting("CLAIM_TIMEOUT")))
    if not moments:
        return None
    return max(0.0, (min(moments) - now).total_seconds())


def dispatch(send_id: int, *, max_wait: float | None = None) -> str:
    """Work on a send until it is finished (or cancelled); returns the send's final status.

    Waits out backoffs and other workers' claims itself, heartbeating meanwhile, so one task
    finishes the send even when another worker died, and waits out a database restart (see
    `surviving_database_outages`). `max_wait` bounds a single wait (for tests).
    """
    send = surviving_database_outages(
        lambda: Send.objects.select_related("page").filter(pk=send_id).first()
    )
    if send is None:
        return "missing"
    dispatcher = Dispatcher(send=send)
    dispatcher.open()
    try:
        surviving_database_outages(lambda: dispatcher.heartbeat(force=True))
        while not surviving_database_outages(lambda: _dispatch_turn(dispatcher, max_wait)):
            pass
    finally:
        dispatcher.close()
    status = surviving_database_outages(
        lambda: Send.objects.filter(pk=send_id).values_list("status", flat=True).first()
    )
    return status or "missing"


def _dispatch_turn(dispatcher: Dispatcher, max_wait: float | None) -> bool:
    """One turn of the dispatch loop: send a batch, or wait for one; True when finished.

    Safe to repeat after a database error: outcomes still unwritten go first, and a claim the
    database took without answering becomes claimable again after `CLAIM_TIMEOUT`.
    """
    send_id = dispatcher.send.pk
    dispatcher.record({})
    batch = claim_batch(send_id, dispatcher.batch_size, dispatcher.worker)
    if batch:
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
    wait = min(wait + 0.05, float(newsletter_setting("HEARTBEAT_INTERVAL")))
    if max_wait is not None:
        wait = min(wait, max_wait)
    time.sleep(wait)
    dispatcher.heartbeat(force=True)
    return False


def watch(send_id: int) -> bool:
    """The watchdog's check: restart dispatch when the send has had no live worker for a while.

    Returns True while the send still needs watching.
    """
    from newsletters import tasks

    send = Send.objects.filter(pk=send_id).first()
    if send is None or send.is_final:
        return False
    silence = timedelta(seconds=newsletter_setting("CLAIM_TIMEOUT"))
    if send.status in (Send.Status.QUEUED, Send.Status.SCHEDULED):
        due = send.scheduled_at or send.created_at
        if due < timezone.now() - silence:
            # Its start task died with its worker (or waits behind a long queue): starting
            # is idempotent, so one more start task is safe either way.
            logger.warning("Newsletter send %s was not started; queueing its start", send_id)
            tasks.start_send.enqueue(send_id)
        return True
    if send.status != Send.Status.SENDING:
        return True
    if send.heartbeat_at is None or send.heartbeat_at < timezone.now() - silence:
        # Reset first, so the next watchdog run waits for this new worker before acting again.
        Send.objects.filter(pk=send_id).update(heartbeat_at=timezone.now())
        logger.warning("Newsletter send %s had no live worker; restarting dispatch", send_id)
        tasks.dispatch_send.enqueue(send_id)
    return True


# --- Progress and statistics --------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Where a send stands, for the admin and `newsletter_status`."""

    send: Send
    counts: dict[str, int]
    total: int
    done: int
    sent: int
    failed: int
    rate: float | None
    eta_seconds: float | None

    @property
    def percent(self) -> int:
        return (
            int(100 * self.done / self.total) if self.total else (100 if self.send.is_final else 0)
        )


FINAL_STATES = {
    Delivery.Status.SENT,
    Delivery.Status.DELIVERED,
    Delivery.Status.BOUNCED,
    Delivery.Status.COMPLAINED,
    Delivery.Status.FAILED,
    Delivery.Status.SKIPPED,
    Delivery.Status.CANCELLED,
}
SENT_STATES = {
    Delivery.Status.SENT,
    Delivery.Status.DELIVERED,
    Delivery.Status.BOUNCED,
    Delivery.Status.COMPLAINED,
}


def progress(send: Send) -> Progress:
    """Counts per delivery status, sending rate and time left (one query)."""
    counts = {
        row["status"]: row["n"]
        for row in Delivery.objects.filter(send=send)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    total = sum(counts.values())
    done = sum(n for status, n in counts.items() if status in FINAL_STATES)
    sent = sum(n for status, n in counts.items() if status in SENT_STATES)
    failed = counts.get(Delivery.Status.FAILED, 0)
    rate = eta = None
    if send.started_at and send.status == Send.Status.SENDING and done:
        elapsed = (timezone.now() - send.started_at).total_seconds()
        if elapsed > 0:
            rate = done / elapsed
            eta = (total - done) / rate if rate else None
    return Progress(send, counts, total, done, sent, failed, rate, eta)


STAT_FIELDS = (
    "recipients",
    "sent",
    "delivered",
    "bounced",
    "complained",
    "unsubscribed",
    "opened",
    "clicked",
)


def statistics(page: NewsletterPage) -> dict[str, dict[str, int]]:
    """Per language (and "all"): recipients, sent, delivered, bounced, complained, unsubscribed,
    opened, clicked, over the real (non-test) sends of the issue. One query."""
    rows = (
        Delivery.objects.filter(send__page=canonical_page(page), send__is_test=False)
        .values("language")
        .annotate(
            recipients=Count("pk", filter=~Q(status=Delivery.Status.CANCELLED)),
            sent=Count("pk", filter=Q(status__in=SENT_STATES)),
            delivered=Count(
                "pk",
                filter=Q(status=Delivery.Status.DELIVERED)
                | Q(opened_at__isnull=False)
                | Q(clicked_at__isnull=False),
            ),
            bounced=Count("pk", filter=Q(status=Delivery.Status.BOUNCED)),
            complained=Count("pk", filter=Q(status=Delivery.Status.COMPLAINED)),
            unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
            opened=Count("pk", filter=Q(opened_at__isnull=False) | Q(clicked_at__isnull=False)),
            clicked=Count("pk", filter=Q(clicked_at__isnull=False)),
        )
        .order_by("language")
    )
    result: dict[str, dict[str, int]] = {}
    total = dict.fromkeys(STAT_FIELDS, 0)
    for row in rows:
        language = row.pop("language")
        result[language] = {name: row[name] for name in STAT_FIELDS}
        for name in STAT_FIELDS:
            total[name] += row[name]
    return {"all": total, **result}


def default_from_address() -> str:
    """The bare address of `DEFAULT_FROM_EMAIL` (for messages and documentation)."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
