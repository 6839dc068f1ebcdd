"""Small helpers shared by the audience tests."""

import re

from django.core import mail

from newsletters.models import ConsentRecord, Subscriber, SuppressedAddress

LINK = re.compile(r"https?://[^\s\"<>]+")


def links_in_last_email() -> list[str]:
    """The URLs of the plain-text part of the last email sent."""
    return LINK.findall(mail.outbox[-1].body)


def path_of(url: str) -> str:
    """The path of an absolute URL (the test client speaks paths)."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def snapshot_db() -> dict:
    """Row counts and statuses that hostile requests must leave exactly as they were."""
    return {
        "subscribers": list(
            Subscriber.objects.order_by("pk").values_list(
                "pk", "email", "status", "language", "updated_at"
            )
        ),
        "consents": list(ConsentRecord.objects.order_by("pk").values_list("pk", "confirmed_at")),
        "suppressed": SuppressedAddress.objects.count(),
        "topics": list(Subscriber.topics.through.objects.values_list("subscriber_id", "topic_id")),
    }
