"""A reader's spam complaint, reported by the ESP's tracking webhook, puts the address on the
suppression list with the reason "Spam complaint", which staff read in the admin's list; no
later send reaches it."""

import base64
import json

from django.utils import timezone

import pytest

from newsletters import sending
from newsletters.models import Delivery, Send, SuppressedAddress, email_hash
from tests.factories.newsletters import NewsletterPageFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SECRET = "hook:s3cret-value"
ADDRESS = "reader@example.org"


@pytest.fixture
def complained(client, settings, issue):
    """The ESP's webhook reported a spam complaint about the issue sent to ADDRESS."""
    settings.ANYMAIL = {**getattr(settings, "ANYMAIL", {}), "WEBHOOK_SECRET": SECRET}
    subscriber = SubscriberFactory(email=ADDRESS)
    send = Send.objects.create(page=issue, audience_key="all", status=Send.Status.DONE)
    Delivery.objects.create(
        send=send,
        subscriber=subscriber,
        email=ADDRESS,
        language="en",
        status=Delivery.Status.SENT,
        esp_message_id="pm-123",
        sent_at=timezone.now(),
    )
    payload = {
        "RecordType": "SpamComplaint",
        "Type": "SpamComplaint",
        "MessageID": "pm-123",
        "Recipient": ADDRESS,
        "Email": ADDRESS,
        "BouncedAt": "2030-01-01T10:00:00Z",
    }
    response = client.post(
        "/anymail/postmark/tracking/",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(SECRET.encode()).decode(),
    )
    assert response.status_code == 200
    return subscriber


def test_a_complaint_adds_the_address_to_the_suppression_list_as_a_spam_complaint(complained):
    entry = SuppressedAddress.objects.get()
    assert entry.email_hash == email_hash(ADDRESS)
    assert entry.reason == SuppressedAddress.Reason.COMPLAINED
    assert "spam complaint" in entry.note


def test_staff_read_the_complaint_in_the_suppression_list(admin_client, complained):
    html = admin_client.get("/admin/newsletter_suppression/").content.decode()
    listing = html.split('<table class="listing', 1)[1]  # the list, not its filters
    rows = listing.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    assert rows.count("<tr") == 1
    assert "Spam complaint" in rows
    assert "Hard bounce" not in rows


def test_the_next_send_leaves_out_the_address_that_complained(complained, archive):
    SubscriberFactory(email="other@example.org")
    later = NewsletterPageFactory(parent=archive, title="Next issue", slug="next")
    send = sending.create_send(later).send
    sending.start_send(send.pk)
    assert set(Delivery.objects.filter(send=send).values_list("email", flat=True)) == {
        "other@example.org"
    }
