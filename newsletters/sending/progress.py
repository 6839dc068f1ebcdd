"""Where a send stands and what an issue achieved, for the send screen and `newsletter_status`.

The live state comes from the rows, not from the task queue (a killed worker's task stays
"running" there): a send no worker has picked up, or with work left and no dispatcher heartbeat,
waits for a worker for `WORKER_GRACE` seconds and only then counts as stalled; one whose every
open recipient waits for a retry is waiting for the ESP; the rate is the last minute's.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletters.conf import newsletter_setting
from newsletters.models import Delivery, NewsletterPage, Send
from newsletters.sending.liveness import live_workers

RECENT = timedelta(seconds=60)  # the window the sending rate (and so the ETA) comes from


class State:
    """What a send is doing now, in words staff can act on (see `Progress.state`)."""

    SCHEDULED = "scheduled"
    QUEUED = "queued"
    SENDING = "sending"
    WAITING = "waiting"  # every open recipient waits for a retry after an ESP problem
    WAITING_FOR_WORKER = "waiting_for_worker"  # no live dispatcher yet, within the grace time
    STALLED = "stalled"  # no worker picked it up within the grace time: none is running
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class LanguageProgress:
    """One language of a send: recipients done of its total."""

    code: str
    name: str
    done: int
    total: int


@dataclass(frozen=True)
class Progress:
    """Where a send stands, for the admin and `newsletter_status`.

    `rate` is recipients per second over the last minute (None before anything went out or once
    nothing moves), `eta_seconds` the time left at that rate.
    """

    send: Send
    total: int
    done: int
    sent: int
    failed: int
    rate: float | None
    eta_seconds: float | None
    state: str = State.QUEUED
    next_retry_at: datetime | None = None
    live_workers: int = 0
    languages: tuple[LanguageProgress, ...] = ()
    grace_seconds: int = 30

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def eta_at(self) -> datetime | None:
        """When the send should be done at the recent rate (for "about … left")."""
        if self.eta_seconds is None:
            return None
        return timezone.now() + timedelta(seconds=self.eta_seconds)


FINAL_STATES = set(Delivery.Status) - set(Delivery.OPEN_STATES)
SENT_STATES = {
    Delivery.Status.SENT,
    Delivery.Status.DELIVERED,
    Delivery.Status.BOUNCED,
    Delivery.Status.COMPLAINED,
}


def worker_grace() -> timedelta:
    """How long a send may wait for a worker before the screen warns that none is running."""
    return timedelta(seconds=float(newsletter_setting("WORKER_GRACE")))


def _unattended(since: datetime | None, now: datetime) -> bool:
    """Whether no worker has shown itself for longer than the grace time since `since`."""
    return since is not None and now - since > worker_grace()


def _state(send: Send, open_rows: int, live: int, next_retry: datetime | None, now) -> str:
    due = send.scheduled_at is None or send.scheduled_at <= now
    if send.status in {Send.Status.SCHEDULED, Send.Status.QUEUED}:
        if send.status == Send.Status.SCHEDULED and not due:
            return State.SCHEDULED
        # Due, and no worker has started it: it waits for one, then counts as stalled.
        since = send.scheduled_at or send.created_at
        return State.STALLED if _unattended(since, now) else State.QUEUED
    if send.status != Send.Status.SENDING:
        return {Send.Status.DONE: State.DONE, Send.Status.CANCELLED: State.CANCELLED}[send.status]
    if open_rows and not live:
        since = send.heartbeat_at or send.started_at or send.created_at
        return State.STALLED if _unattended(since, now) else State.WAITING_FOR_WORKER
    if next_retry is not None and next_retry > now:
        return State.WAITING
    return State.SENDING


def progress(send: Send) -> Progress:
    """Counts per language and status, live state, recent rate and time left (four queries)."""
    now = timezone.now()
    per_language: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for row in (
        Delivery.objects.filter(send=send)
        .values("language", "status")
        .annotate(n=Count("pk"))
        .order_by("language")
    ):
        counts[row["status"]] = counts.get(row["status"], 0) + row["n"]
        entry = per_language.setdefault(row["language"], [0, 0])
        entry[1] += row["n"]
        if row["status"] in FINAL_STATES:
            entry[0] += row["n"]
    total = sum(counts.values())
    done = sum(n for status, n in counts.items() if status in FINAL_STATES)
    sent = sum(n for status, n in counts.items() if status in SENT_STATES)
    failed = counts.get(Delivery.Status.FAILED, 0)
    open_rows = total - done
    rate = eta = next_retry = None
    live = 0
    if send.status == Send.Status.SENDING and open_rows:
        recent = Delivery.objects.filter(send=send, sent_at__gte=now - RECENT).aggregate(
            n=Count("pk"), first=Min("sent_at")
        )
        if recent["n"]:
            window = max(1.0, (now - max(recent["first"], now - RECENT)).total_seconds())
            rate = recent["n"] / window
            eta = open_rows / rate
        live = live_workers(send.pk, now)
        # When nothing is claimed and every pending row waits for a retry, the ESP is the hold-up.
        waiting = Delivery.objects.filter(send=send, status__in=Delivery.OPEN_STATES).aggregate(
            claimed=Count("pk", filter=Q(status=Delivery.Status.CLAIMED)),
            due=Min("available_at", filter=Q(status=Delivery.Status.PENDING)),
        )
        if not waiting["claimed"]:
            next_retry = waiting["due"]
    state = _state(send, open_rows, live, next_retry, now)
    names = dict(settings.LANGUAGES)
    languages = tuple(
        LanguageProgress(code, str(names.get(code, code)), entry[0], entry[1])
        for code, entry in per_language.items()
    )
    return Progress(
        send,
        total,
        done,
        sent,
        failed,
        rate,
        eta,
        state=state,
        next_retry_at=next_retry if state == State.WAITING else None,
        live_workers=live,
        languages=languages,
        grace_seconds=round(worker_grace().total_seconds()),
    )


STAT_LABELS = {
    "recipients": _("Recipients"),
    "sent": _("Sent"),
    "delivered": _("Delivered"),
    "bounced": _("Bounced"),
    "complained": _("Complained"),
    "unsubscribed": _("Unsubscribed"),
    "opened": _("Opened"),
    "clicked": _("Clicked"),
}
STAT_FIELDS = tuple(STAT_LABELS)


def statistics(page: NewsletterPage) -> dict[str, dict[str, int]]:
    """`STAT_FIELDS` per language and for "all", over the issue's real (non-test) sends."""
    rows = (
        Delivery.objects.filter(send__page=page.canonical_page(), send__is_test=False)
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
    result = {row.pop("language"): row for row in rows}
    total = {name: sum(values[name] for values in result.values()) for name in STAT_FIELDS}
    return {"all": total, **result}
