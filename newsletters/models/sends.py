"""A send of one newsletter issue to one audience, and one delivery row per recipient.

The rows are the dispatch's only coordination: workers claim deliveries atomically, record the
ESP's message id per recipient, and webhooks move them on (delivered, bounced, opened...). See
`newsletters.sending` for the state machine and the guarantees it gives.
"""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletters.models.subscribers import Subscriber

ALL_TOPICS = "all"


def audience_key_for(topic_keys: Iterable[str]) -> str:
    """A stable name of an audience (its topics' translation keys, order-free) for uniqueness."""
    keys = sorted({str(key) for key in topic_keys})
    if not keys:
        return ALL_TOPICS
    return hashlib.sha256(",".join(keys).encode()).hexdigest()[:40]


class Send(models.Model):
    """One issue sent (or scheduled, or tested) to one audience.

    Staff create it from the page's admin or `manage.py send_newsletter`. A database constraint
    allows one live send per issue and audience, so a double click or two staff members acting
    at once send the issue once. Test sends are exempt: they go to typed addresses only.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    page = models.ForeignKey(
        "newsletters.NewsletterPage", on_delete=models.CASCADE, related_name="sends"
    )
    is_test = models.BooleanField(default=False)
    audience_key = models.CharField(max_length=64)
    topic_keys = models.JSONField(default=list, blank=True)
    topic_names = models.JSONField(default=list, blank=True)
    # What each subscriber language gets (`newsletters.sending.languages`): "own" where the
    # issue was translated when staff reviewed it, else their choice ("source", "hold", "skip").
    # Empty for sends made on the command line: every language gets its translation or the source.
    language_plan = models.JSONField(default=dict, blank=True)
    test_recipients = models.JSONField(default=list, blank=True)
    test_language = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A person asked for it (not `send_newsletter` on the server): when `created_by` has become
    # empty since, their account was deleted, and a test send of theirs is not rendered.
    requested_by_person = models.BooleanField(default=False, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    total = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The send-rate limiter shared by all workers: the Unix time the next batch may go out.
    rate_slot = models.FloatField(default=0)
    last_error = models.CharField(max_length=255, blank=True)
    # When a dispatcher last queued one more dispatch task so an idle worker can join (cleared
    # when that task starts): at most one such task waits in the queue per send.
    helper_queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter send")
        verbose_name_plural = _("newsletter sends")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "audience_key"],
                condition=Q(is_test=False) & ~Q(status="cancelled"),
                name="newsletters_send_once_per_audience",
            )
        ]

    def __str__(self) -> str:
        kind = _("Test") if self.is_test else self.get_status_display()
        return f"{self.page_id} · {kind} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_final(self) -> bool:
        """True once nothing more will be sent."""
        return self.status in {self.Status.DONE, self.Status.CANCELLED}


class Delivery(models.Model):
    """One recipient of one send: claimed by a worker, sent, then followed by ESP events.

    `pending → claimed → sent → delivered | bounced | complained`, or `failed` (the ESP refused
    the address, or retries ran out), `skipped` (unsubscribed or suppressed after the audience
    was frozen) and `cancelled` (the send was cancelled first). Opens, clicks and unsubscribes are
    times, not states, because they happen on top of a delivery.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATES = (Status.PENDING, Status.CLAIMED)

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    # Erasing a subscriber (GDPR) first blanks the address of their deliveries and unlinks them
    # (`newsletters.audience.gdpr`): anonymous rows keep an issue's statistics.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    email = models.CharField(max_length=254)
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    esp_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    error = models.CharField(max_length=255, blank=True)
    event_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [
            models.Index(fields=["send", "status", "language", "id"], name="newsletters_claim_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"],
                condition=Q(subscriber__isnull=False),
                name="newsletters_one_delivery_per_subscriber",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()})"


class SendWorker(models.Model):
    """A dispatcher working on a send, and when it last said it was alive (its heartbeat).

    A claimed delivery belongs to the dispatcher named in `claimed_by` while that dispatcher's
    heartbeat is fresh; once it has been silent for a few heartbeat intervals (a killed worker),
    its claims are claimable again. The send screen counts the live ones.
    """

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="workers")
    worker = models.CharField(max_length=64)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("send worker")
        verbose_name_plural = _("send workers")
        constraints = [
            models.UniqueConstraint(
                fields=["send", "worker"], name="newsletters_one_lease_per_worker"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.send_id}"
