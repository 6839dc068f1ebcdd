"""Data-subject requests on the audience: access (a JSON export) and erasure.

Erasure deletes the subscriber and their consent history and keeps only the address's hash in
the suppression list: enough to stop an import from adding the person back, too little to
recover or contact them. Staff reach both from the subscriber's page in the admin.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from newsletters.audience import suppress_address
from newsletters.models import Subscriber, SuppressedAddress


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_subscriber_data(subscriber: Subscriber) -> dict[str, Any]:
    """Everything stored about `subscriber`, in a form fit to hand to them (GDPR Art. 15/20)."""
    consents = subscriber.consents.select_related("subscriber_import").order_by("created_at")
    return {
        "exported_at": timezone.now().isoformat(),
        "subscriber": {
            "email": subscriber.email,
            "language": subscriber.language,
            "status": subscriber.status,
            "source": subscriber.source,
            "topics": [topic.name for topic in subscriber.topics.all()],
            "created_at": _iso(subscriber.created_at),
            "confirmed_at": _iso(subscriber.confirmed_at),
            "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        },
        "consents": [
            {
                "source": consent.source,
                "consent_text": consent.consent_text,
                "language": consent.language,
                "topics": consent.topic_names,
                "given_at": _iso(consent.created_at),
                "ip_address": consent.ip_address,
                "page_url": consent.page_url,
                "confirmed_at": _iso(consent.confirmed_at),
                "confirmation_ip": consent.confirmation_ip,
                "import": str(consent.subscriber_import) if consent.subscriber_import else None,
            }
            for consent in consents
        ],
        "suppressed": SuppressedAddress.objects.filter(email_hash=subscriber.email_hash).exists(),
    }


def erase_subscriber(subscriber: Subscriber, *, note: str = "") -> SuppressedAddress:
    """Delete `subscriber` and everything about them, keeping only the suppression hash."""
    with transaction.atomic():
        entry = suppress_address(subscriber.email, SuppressedAddress.Reason.ERASED, note=note)
        if entry.reason != SuppressedAddress.Reason.ERASED:
            # A bounce or complaint entry stays, but now also stands for the erasure.
            entry.reason = SuppressedAddress.Reason.ERASED
            entry.save(update_fields=["reason"])
        subscriber.delete()
    return entry
