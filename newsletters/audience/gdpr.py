"""Data-subject requests on the audience: access (a JSON export) and erasure.

Erasure deletes the subscriber and their consent history and keeps only the address's hash in
the suppression list: enough to stop an import from adding the person back, too little to
recover or contact them. Their delivery rows lose the address, the ESP's message id and the
link to them, but stay as anonymous rows, so past issues' statistics do not change. Staff reach
both from the subscriber's page in the admin.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from newsletters.audience.members import suppress_address
from newsletters.models import Delivery, Subscriber, SuppressedAddress


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
        "deliveries": _deliveries(subscriber),
        "suppressed": SuppressedAddress.objects.filter(email_hash=subscriber.email_hash).exists(),
    }


def _deliveries(subscriber: Subscriber) -> list[dict[str, Any]]:
    """Every issue sent to the subscriber: when, and what the ESP told us (opens, clicks,
    bounces, complaints, unsubscribes), oldest first. One query."""
    rows = (
        Delivery.objects.filter(subscriber=subscriber, send__is_test=False)
        .select_related("send__page")
        .order_by("send__created_at", "pk")
    )
    return [
        {
            "issue": row.send.page.title,
            "language": row.language,
            "address": row.email,
            "status": row.status,
            "sent_at": _iso(row.sent_at),
            "delivered_at": _iso(row.event_at) if row.status == Delivery.Status.DELIVERED else None,
            "bounced_at": _iso(row.event_at) if row.status == Delivery.Status.BOUNCED else None,
            "complained_at": (
                _iso(row.event_at) if row.status == Delivery.Status.COMPLAINED else None
            ),
            "opened_at": _iso(row.opened_at),
            "clicked_at": _iso(row.clicked_at),
            "unsubscribed_at": _iso(row.unsubscribed_at),
            "esp_message_id": row.esp_message_id,
        }
        for row in rows
    ]


def erase_subscriber(subscriber: Subscriber, *, note: str = "") -> SuppressedAddress:
    """Delete `subscriber` and everything about them, keeping only the suppression hash."""
    with transaction.atomic():
        entry = suppress_address(subscriber.email, SuppressedAddress.Reason.ERASED, note=note)
        if entry.reason != SuppressedAddress.Reason.ERASED:
            # A bounce or complaint entry stays, but now also stands for the erasure.
            entry.reason = SuppressedAddress.Reason.ERASED
            entry.save(update_fields=["reason"])
        # Anonymous rows keep the issues' statistics; nothing in them points to the person.
        Delivery.objects.filter(subscriber=subscriber).update(
            subscriber=None, email="", esp_message_id="", error=""
        )
        Delivery.objects.filter(subscriber=None, email__iexact=subscriber.email).update(
            email="", esp_message_id="", error=""
        )  # test sends typed to the same address
        subscriber.delete()
    return entry
