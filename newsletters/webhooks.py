"""What the ESP tells us after sending: delivered, bounced, complained, opened, clicked...

anymail turns every ESP's tracking webhook into one normalized event; `record_tracking_event`
applies it to the matching delivery and moves hard bounces and complaints to the suppression
list, so those addresses are never sent to again. `webhook_urls` mounts anymail's views wrapped
so that hostile or broken requests do no harm and never get a 500, which ESPs would retry for
days: no webhook secret or a missing ESP key → 403 (fail closed); wrong basic auth → 401, decided
before the body is read; a body anymail cannot parse → 400; and an event's writes are rolled back
unless the whole request succeeds.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt

from anymail.exceptions import AnymailError, AnymailWebhookValidationFailure
from anymail.signals import AnymailTrackingEvent, EventType, RejectReason
from anymail.utils import get_anymail_setting, get_request_basic_auth

from newsletters import audience
from newsletters.models import Delivery, Subscriber, SuppressedAddress, normalize_email

logger = logging.getLogger(__name__)

# What reading a payload of unexpected shape raises, in anymail's parsers or our handlers.
PAYLOAD_ERRORS = (ValueError, LookupError, TypeError, AttributeError, ArithmeticError, AnymailError)

# anymail's normalized reasons for a "bounced" event that mean the address itself is bad.
# Policy blocks, time-outs and "other" may clear tomorrow, so they never suppress anyone.
HARD_REJECT_REASONS = {None, RejectReason.BOUNCED, RejectReason.INVALID}
# Where an ESP's "bounced" event hides a temporary failure that anymail does not normalize:
# the raw field and its soft values (SendGrid's temporary "blocked", Postmark's soft types).
SOFT_ESP_MARKERS: dict[str, tuple[str, frozenset[str]]] = {
    "SendGrid": ("type", frozenset({"blocked"})),
    "Postmark": ("Type", frozenset({"SoftBounce", "Transient", "DnsError", "AutoResponder"})),
}
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


def is_hard_bounce(event: AnymailTrackingEvent, esp_name: str = "") -> bool:
    """A permanent bounce, judged on anymail's normalized event for every ESP.

    Only `bounced` events count (`deferred`, e.g. SendGrid's, never does), and only with a
    reason that blames the address. The raw event is consulted only for the soft variants
    anymail reports as plain bounces (`SOFT_ESP_MARKERS`).
    """
    if event.event_type != EventType.BOUNCED or event.reject_reason not in HARD_REJECT_REASONS:
        return False
    field, soft_values = SOFT_ESP_MARKERS.get(esp_name, ("", frozenset()))
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    return not (field and str(raw.get(field, "")) in soft_values)


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
    elif is_hard_bounce(event, esp_name):
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


def _unauthorized() -> HttpResponse:
    return _plain(401, "Wrong or missing credentials.", WWW_Authenticate='Basic realm="anymail"')


def _webhook_secrets() -> list[str]:
    """The configured basic-auth credentials ("user:password"), one or several (rotation)."""
    secret = get_anymail_setting("webhook_secret", default=None)
    if isinstance(secret, str):
        return [secret] if secret else []
    return [str(item) for item in secret or [] if item]


def _authenticated(request: HttpRequest, secrets: list[str]) -> bool:
    given = get_request_basic_auth(request)
    return given is not None and any(constant_time_compare(given, secret) for secret in secrets)


def _configured(view: Callable[..., HttpResponse]) -> bool:
    """Whether anymail's view has the ESP-specific keys it needs (e.g. Mailgun's signing key).

    anymail checks them when the view is instantiated; doing that here, before the body is
    read, turns a missing key into a 403 instead of a logged traceback and a 503.
    """
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return True
    try:
        view_class(**getattr(view, "view_initkwargs", {}))
    except ImproperlyConfigured as error:
        logger.warning("ESP webhook %s is not configured: %s", view_class.__name__, error)
        return False
    return True


def guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap one of anymail's webhook views: fail closed, authenticate first, answer 4xx to bad
    input, all or nothing."""

    @csrf_exempt
    def webhook(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        secrets = _webhook_secrets()
        if not secrets:
            return _plain(403, "Webhooks are disabled until ANYMAIL_WEBHOOK_SECRET is set.")
        if request.method == "HEAD" and _configured(view):
            return view(request, *args, **kwargs)  # ESPs check the URL exists; nothing is read
        if not _authenticated(request, secrets):
            return _unauthorized()
        if not _configured(view):
            return _plain(403, "This ESP's webhook is not configured on this site.")
        try:
            body = request.body
        except RequestDataTooBig:
            return _plain(413, "Payload too large.")
        if request.method == "POST" and not body.strip():
            return _plain(400, "Empty body.")
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if response.status_code >= 400:
                    transaction.set_rollback(True)
        except AnymailWebhookValidationFailure:
            return _unauthorized()
        except SuspiciousOperation:
            return _plain(400, "Rejected.")
        except ImproperlyConfigured as error:
            logger.warning("ESP webhook is not configured: %s", error)
            return _plain(403, "This ESP's webhook is not configured on this site.")
        except DatabaseError:
            logger.exception("Webhook could not be processed")
            return _plain(503, "Try again later.", Retry_After="60")
        except PAYLOAD_ERRORS:  # a payload anymail could not read is the sender's problem
            logger.warning("Malformed ESP webhook payload", exc_info=True)
            return _plain(400, "Malformed payload.")
        return response

    return webhook
