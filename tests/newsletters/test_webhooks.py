"""anymail's tracking webhooks update deliveries; bad requests get a 4xx and write nothing."""

import base64
import json

from django.utils import timezone

import pytest

from newsletters.models import Delivery, Send, Subscriber, SuppressedAddress, email_hash
from tests.factories.newsletters import SubscriberFactory

from .helpers import snapshot_db

pytestmark = pytest.mark.django_db

URL = "/anymail/postmark/tracking/"
SECRET = "hook:s3cret-value"


@pytest.fixture
def webhook_secret(settings):
    settings.ANYMAIL = {**getattr(settings, "ANYMAIL", {}), "WEBHOOK_SECRET": SECRET}


def _auth(secret: str = SECRET) -> dict:
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


@pytest.fixture
def delivery(issue):
    subscriber = SubscriberFactory(email="reader@example.org")
    send = Send.objects.create(page=issue, audience_key="all", status=Send.Status.DONE)
    return Delivery.objects.create(
        send=send,
        subscriber=subscriber,
        email="reader@example.org",
        language="en",
        status=Delivery.Status.SENT,
        esp_message_id="pm-123",
        sent_at=timezone.now(),
    )


def _post(client, payload, **extra):
    body = payload if isinstance(payload, bytes | str) else json.dumps(payload)
    return client.post(URL, body, content_type="application/json", **extra)


def _event(record_type: str, **fields) -> dict:
    return {
        "RecordType": record_type,
        "MessageID": "pm-123",
        "Recipient": "reader@example.org",
        "Email": "reader@example.org",
        **fields,
    }


def test_delivered_open_and_click_are_recorded(client, delivery, webhook_secret):
    for payload in (
        _event("Delivery", DeliveredAt="2030-01-01T10:00:00Z"),
        _event("Open", ReceivedAt="2030-01-01T10:05:00Z"),
        _event("Click", ReceivedAt="2030-01-01T10:06:00Z"),
    ):
        assert _post(client, payload, **_auth()).status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.opened_at is not None and delivery.clicked_at is not None


def test_a_hard_bounce_suppresses_the_address(client, delivery, webhook_secret):
    payload = _event("Bounce", Type="HardBounce", BouncedAt="2030-01-01T10:00:00Z", ID=42)
    assert _post(client, payload, **_auth()).status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "bounced"
    assert SuppressedAddress.objects.filter(email_hash=email_hash("reader@example.org")).exists()
    assert Subscriber.objects.get().status == Subscriber.Status.BOUNCED


def test_a_soft_bounce_does_not_suppress(client, delivery, webhook_secret):
    payload = _event("Bounce", Type="SoftBounce", BouncedAt="2030-01-01T10:00:00Z", ID=43)
    assert _post(client, payload, **_auth()).status_code == 200
    assert not SuppressedAddress.objects.exists()


def test_a_complaint_suppresses_the_address(client, delivery, webhook_secret):
    payload = _event("SpamComplaint", Type="SpamComplaint", BouncedAt="2030-01-01T10:00:00Z")
    assert _post(client, payload, **_auth()).status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "complained"
    assert Subscriber.objects.get().status == Subscriber.Status.COMPLAINED


def test_without_credentials_the_webhook_answers_401_and_writes_nothing(
    client, delivery, webhook_secret
):
    before = snapshot_db()
    response = _post(client, _event("Bounce", Type="HardBounce", ID=1))
    assert response.status_code == 401
    assert snapshot_db() == before
    assert Delivery.objects.get().status == "sent"


def test_wrong_credentials_are_refused(client, delivery, webhook_secret):
    response = _post(client, _event("Bounce", Type="HardBounce", ID=1), **_auth("hook:wrong"))
    assert response.status_code == 401
    assert not SuppressedAddress.objects.exists()


def test_without_a_configured_secret_webhooks_are_closed(client, delivery, settings):
    settings.ANYMAIL = {}
    response = _post(client, _event("Bounce", Type="HardBounce", ID=1), **_auth())
    assert response.status_code == 403
    assert not SuppressedAddress.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        b"{not json",
        b"",
        b"[1, 2, 3]",
        b'"just a string"',
        b"\xff\xfe\x00garbage",
        json.dumps({"RecordType": ["Bounce"], "Email": {"x": 1}}).encode(),
    ],
)
def test_malformed_payloads_get_a_4xx_never_a_500(client, delivery, webhook_secret, payload):
    before = snapshot_db()
    response = client.post(URL, payload, content_type="application/json", **_auth())
    assert 400 <= response.status_code < 500
    assert snapshot_db() == before
    assert Delivery.objects.get().status == "sent"


def test_an_event_for_an_unknown_message_changes_no_delivery(client, delivery, webhook_secret):
    payload = {**_event("Delivery", DeliveredAt="2030-01-01T10:00:00Z"), "MessageID": "other"}
    assert _post(client, payload, **_auth()).status_code == 200
    assert Delivery.objects.get().status == "sent"


def test_a_batch_message_id_is_told_apart_by_recipient(client, delivery, webhook_secret):
    other = SubscriberFactory(email="other@example.org")
    Delivery.objects.create(
        send=delivery.send,
        subscriber=other,
        email=other.email,
        language="en",
        status="sent",
        esp_message_id="pm-123",
    )
    assert _post(client, _event("Delivery"), **_auth()).status_code == 200
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses == {"reader@example.org": "delivered", "other@example.org": "sent"}


SENDGRID_URL = "/anymail/sendgrid/tracking/"
# anymail warns that its SendGrid support is community-maintained; the parsing is what we test.
sendgrid_warning = pytest.mark.filterwarnings(
    "ignore::anymail.exceptions.AnymailNotSupportedWarning"
)


def _sendgrid(client, **event):
    payload = [{"email": "reader@example.org", "timestamp": 1893456000, **event}]
    return client.post(
        SENDGRID_URL, json.dumps(payload), content_type="application/json", **_auth()
    )


@sendgrid_warning
@pytest.mark.parametrize(
    "event",
    [
        {"event": "bounce", "type": "blocked", "reason": "451 4.7.1 Try again later"},
        {"event": "deferred", "response": "421 4.7.0 Temporarily rate limited", "attempt": "3"},
    ],
)
def test_sendgrid_temporary_blocks_and_deferrals_do_not_suppress(
    client, delivery, webhook_secret, event
):
    assert _sendgrid(client, **event).status_code == 200
    assert not SuppressedAddress.objects.exists()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


@sendgrid_warning
def test_a_sendgrid_hard_bounce_still_suppresses(client, delivery, webhook_secret):
    response = _sendgrid(client, event="bounce", type="bounce", reason="550 5.1.1 No such user")
    assert response.status_code == 200
    assert SuppressedAddress.objects.filter(email_hash=email_hash("reader@example.org")).exists()


def test_unauthenticated_requests_are_refused_before_the_body_is_read(
    client, delivery, webhook_secret, settings
):
    """Reading 3 MB would fail with 400 (Django's upload limit); refusing first answers 401."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    big = b"[" + b'{"a": 1},' * 350_000 + b"{}]"
    response = client.post(URL, big, content_type="application/json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Basic realm="anymail"'
    assert _post(client, big, **_auth()).status_code == 413  # the right credentials: too large


def test_an_esp_without_its_own_keys_answers_403_without_a_traceback(
    client, delivery, webhook_secret, caplog
):
    """Mailgun also needs its signing key; without it anymail raises ImproperlyConfigured."""
    response = client.post("/anymail/mailgun/tracking/", {"signature": "x"}, **_auth())
    assert response.status_code == 403
    assert "not configured" in response.content.decode()
    assert not [record for record in caplog.records if record.exc_info]
    assert not SuppressedAddress.objects.exists()
