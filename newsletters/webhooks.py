"""What the ESP tells us after sending: delivered, bounced, complained, opened, clicked...

anymail parses every ESP's tracking webhook into one normalized event and sends its `tracking`
signal; `record_tracking_event` applies it to the matching delivery and moves hard bounces and
complaints to the suppression list, so those addresses are never sent to again.

anymail's views are mounted through `webhook_urls`, which wraps each one so that hostile or broken
requests cannot do harm: no webhook secret configured → 403 (fail closed, not open to the world);
missing or wrong basic-auth credentials → 401; a body anymail cannot parse → 400; and anything
written by an event is rolled back unless the whole request succeeds. None of these is a 500,
which ESPs would retry for days.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.signals import AnymailTrackingEvent, EventType
from anymail.utils import get_anymail_setting

from newsletters import audience
from newsletters.models import Delivery, Subscriber, SuppressedAddress, normalize_email

logger = logging.getLogger(__name__)

# Bounce types some ESPs report as "bounced" although the address may work tomorrow.
SOFT_BOUNCE_TYPES = {"SoftBounce", "Transient", "DnsError", "AutoResponder"}
DELIVERED_FROM = [Delivery.Status.CLAIMED, Delivery.Status.SENT]
FAILED_FROM = [Delivery.Status.CLAIMED, Delivery.Status.SENT, Delivery.Status.DELIVERED]


def _deliveries(event: AnymailTrackingEvent, recipient: str):
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    delivery_id = str(metadata.get("newsletter_delivery") or "")
    if delivery_id.isdigit():
        queryset = Delivery.objects.filter(pk=int(delivery_id))
    elif event.message_id:
        queryset = Delivery.objects.filter(esp_message_id=str(event.message_id)[:255])
    else:
        return Delivery.objects.none()
    # Batch sends share one message id: the recipient tells them apart (and guards the id).
    return queryset.filter(email=recipient) if recipient else queryset


def is_hard_bounce(event: AnymailTrackingEvent) -> bool:
    """A permanent bounce: anymail's "bounced", unless the ESP's own record says it was soft."""
    if event.event_type != EventType.BOUNCED:
        return False
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    return raw.get("Type") not in SOFT_BOUNCE_TYPES


def record_tracking_event(
    sender: Any, event: AnymailTrackingEvent, esp_name: str, **kwargs
) -> None:
    """Apply one ESP event to its delivery (and to the audience for bounces and complaints)."""
    recipient = normalize_email(str(event.recipient or ""))[:254]
    when = event.timestamp or timezone.now()
    deliveries = _deliveries(event, recipient)
    kind = event.event_type
    if kind == EventType.DELIVERED:
        deliveries.filter(status__in=DELIVERED_FROM).update(
            status=Delivery.Status.DELIVERED, event_at=when
        )
    elif is_hard_bounce(event):
        deliveries.exclude(status=Delivery.Status.COMPLAINED).update(
            status=Delivery.Status.BOUNCED, event_at=when, error=str(event.reject_reason or "")
        )
        if recipient:
            audience.suppress_address(
                recipient,
                SuppressedAddress.Reason.BOUNCED,
                note=f"{esp_name} hard bounce",
                status=Subscriber.Status.BOUNCED,
            )
    elif kind == EventType.COMPLAINED:
        deliveries.update(status=Delivery.Status.COMPLAINED, event_at=when)
        if recipient:
            audience.suppress_address(
                recipient,
                SuppressedAddress.Reason.COMPLAINED,
                note=f"{esp_name} spam complaint",
                status=Subscriber.Status.COMPLAINED,
            )
    elif kind in {EventType.REJECTED, EventType.FAILED}:
        deliveries.filter(status__in=FAILED_FROM).update(
            status=Delivery.Status.FAILED,
            event_at=when,
            error=f"ESP: {event.reject_reason or kind}"[:255],
        )
    elif kind == EventType.OPENED:
        deliveries.filter(opened_at__isnull=True).update(opened_at=when)
    elif kind == EventType.CLICKED:
        deliveries.filter(clicked_at__isnull=True).update(clicked_at=when)
    elif kind == EventType.UNSUBSCRIBED:
        deliveries.filter(unsubscribed_at__isnull=True).update(unsubscribed_at=when)
        subscriber = Subscriber.objects.filter(email=recipient).first() if recipient else None
        if subscriber is not None:
            audience.unsubscribe(subscriber)


def _plain(status: int, text: str, **headers: str) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap one of anymail's webhook views: fail closed, answer 4xx to bad input, all or nothing."""

    @csrf_exempt
    def webhook(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not get_anymail_setting("webhook_secret", default=None):
            return _plain(403, "Webhooks are disabled until ANYMAIL_WEBHOOK_SECRET is set.")
        if request.method == "POST" and not request.body.strip():
            return _plain(400, "Empty body.")
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if response.status_code >= 400:
                    transaction.set_rollback(True)
        except AnymailWebhookValidationFailure:
            return _plain(
                401, "Wrong or missing credentials.", WWW_Authenticate='Basic realm="anymail"'
            )
        except SuspiciousOperation:
            return _plain(400, "Rejected.")
        except (ImproperlyConfigured, DatabaseError):
            logger.exception("Webhook could not be processed")
            return _plain(503, "Try again later.", Retry_After="60")
        except Exception:  # a payload anymail could not read is the sender's problem
            logger.warning("Malformed ESP webhook payload", exc_info=True)
            return _plain(400, "Malformed payload.")
        return response

    return webhook
