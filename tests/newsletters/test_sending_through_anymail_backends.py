"""Dispatch through anymail's real Postmark and Mailgun backends to loopback ESP servers.

Postmark cannot merge fields into inline content, so it gets one message per recipient over one
connection; Mailgun takes batches. The fake servers fail on purpose (500s, 429s, refusals) to
check that everyone receives the issue exactly once.
"""

from collections import Counter

import pytest

from newsletters import sending
from newsletters.models import Delivery, Send
from tests.factories.newsletters import SubscriberFactory

from .conftest import FAST_RETRIES
from .fake_esp import FakeMailgun, FakeSparkPost, Reply

pytestmark = pytest.mark.django_db


def assert_each_has_own_unsubscribe_link(messages: list[dict]) -> None:
    """Each message's `List-Unsubscribe` link is in its bodies and nobody else's message."""
    links = set()
    for message in messages:
        link = message["Headers"]["List-Unsubscribe"].split(">")[0].lstrip("<")
        assert "/newsletter/unsubscribe/" in link
        assert link in message["HtmlBody"] and link in message["TextBody"]
        links.add(link)
    assert len(links) == len(messages)


@pytest.fixture
def fast_retries(settings):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, **FAST_RETRIES}


@pytest.fixture
def fake_mailgun():
    with FakeMailgun() as esp:
        yield esp


def test_postmark_gets_one_message_per_recipient_over_one_connection(
    issue, fake_postmark, fast_retries
):
    people = SubscriberFactory.create_batch(5)
    with fake_postmark.settings():
        sending.create_send(issue)
    assert [r.path for r in fake_postmark.requests] == ["/email"] * 5
    assert sorted(fake_postmark.recipients()) == sorted(p.email for p in people)
    assert len({r.client_port for r in fake_postmark.requests}) == 1
    for message in fake_postmark.messages():
        headers = {h["Name"]: h["Value"] for h in message["Headers"]}
        assert "/newsletter/unsubscribe/" in headers["List-Unsubscribe"]
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        token_link = headers["List-Unsubscribe"].split(">")[0].lstrip("<")
        assert token_link in message["HtmlBody"]
        assert token_link in message["TextBody"]
        assert "%%NL_" not in message["HtmlBody"]
    ids = set(Delivery.objects.values_list("esp_message_id", flat=True))
    assert len(ids) == 5 and "" not in ids


def test_mailgun_batches_recipients_with_their_own_links_and_headers(
    issue, fake_mailgun, fast_retries
):
    people = SubscriberFactory.create_batch(7)
    with fake_mailgun.settings():
        sending.create_send(issue)
    [request] = fake_mailgun.requests
    assert request.path == "/v3/mg.stem-pd-net.example/messages"
    messages = fake_mailgun.messages()
    assert sorted(m["To"] for m in messages) == sorted(p.email for p in people)
    assert_each_has_own_unsubscribe_link(messages)
    assert Delivery.objects.filter(status="sent").exclude(esp_message_id="").count() == 7


def test_mailgun_api_calls_are_recipients_divided_by_batch_size(issue, fake_mailgun, settings):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, **FAST_RETRIES, "BATCH_SIZE": 10}
    SubscriberFactory.create_batch(25)
    with fake_mailgun.settings():
        sending.create_send(issue)
    assert len(fake_mailgun.requests) == 3
    assert Send.objects.get().status == Send.Status.DONE


def test_every_seventh_request_failing_and_429s_still_deliver_everyone_once(
    issue, fake_mailgun, settings
):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, **FAST_RETRIES, "BATCH_SIZE": 4}

    def flaky(number, request):
        if number % 7 == 0:
            return Reply(500, {"message": "Internal error"})
        if number % 5 == 0:
            return Reply(429, {"message": "Too many requests"}, {"Retry-After": "0"})
        return None

    fake_mailgun.responder = flaky
    people = SubscriberFactory.create_batch(60)
    with fake_mailgun.settings():
        sending.create_send(issue)
    delivered = Counter(fake_mailgun.accepted_recipients())
    assert sorted(delivered) == sorted(p.email for p in people)
    assert set(delivered.values()) == {1}
    assert any(not r.accepted for r in fake_mailgun.requests)
    assert Send.objects.get().status == Send.Status.DONE
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_postmark_faults_are_retried_without_duplicates(issue, fake_postmark, fast_retries):
    fake_postmark.responder = lambda n, r: (
        Reply(500, {"ErrorCode": 500, "Message": "down"}) if n % 7 == 0 else None
    )
    people = SubscriberFactory.create_batch(20)
    with fake_postmark.settings():
        sending.create_send(issue)
    delivered = Counter(fake_postmark.accepted_recipients())
    assert sorted(delivered) == sorted(p.email for p in people)
    assert set(delivered.values()) == {1}


def test_a_permanent_refusal_fails_that_recipient_and_the_rest_continue(
    issue, fake_postmark, fast_retries
):
    def refuse_bad(number, request):
        if request.json and request.json.get("To") == "bad@example.org":
            return Reply(
                422,
                {
                    "ErrorCode": 406,
                    "Message": "Found inactive addresses: "
                    "bad@example.org. Inactive recipients are ones that have "
                    "generated a hard bounce or a spam complaint.",
                },
            )
        return None

    fake_postmark.responder = refuse_bad
    SubscriberFactory(email="bad@example.org")
    SubscriberFactory.create_batch(3)
    with fake_postmark.settings():
        sending.create_send(issue)
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses.pop("bad@example.org") == "failed"
    assert set(statuses.values()) == {"sent"}
    assert Send.objects.get().status == Send.Status.DONE


def test_a_batch_refused_as_a_whole_is_retried_one_by_one(issue, fake_mailgun, fast_retries):
    def refuse_batches_with_bad(number, request):
        if any("bad@example.org" in to for to in (request.form or {}).get("to", [])):
            return Reply(400, {"message": "to parameter is not a valid address"})
        return None

    fake_mailgun.responder = refuse_batches_with_bad
    SubscriberFactory(email="bad@example.org")
    good = SubscriberFactory.create_batch(3)
    with fake_mailgun.settings():
        sending.create_send(issue)
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses["bad@example.org"] == "failed"
    assert {statuses[p.email] for p in good} == {"sent"}
    assert sorted(fake_mailgun.accepted_recipients()) == sorted(p.email for p in good)


def test_retries_give_up_after_max_attempts_once_the_retry_window_has_passed(
    issue, fake_postmark, settings
):
    settings.NEWSLETTERS = {
        **settings.NEWSLETTERS,
        **FAST_RETRIES,
        "MAX_ATTEMPTS": 3,
        "RETRY_WINDOW": 0,
    }
    fake_postmark.responder = lambda n, r: Reply(503, {"ErrorCode": 503, "Message": "busy"})
    SubscriberFactory()
    with fake_postmark.settings():
        sending.create_send(issue)
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 3
    assert len(fake_postmark.requests) == 3
    assert "503" in Send.objects.get().last_error


def test_timeouts_are_retried(issue, fake_postmark, settings):
    import time

    settings.NEWSLETTERS = {**settings.NEWSLETTERS, **FAST_RETRIES}

    def slow_first(number, request):
        if number == 1:
            time.sleep(1.5)
        return None

    fake_postmark.responder = slow_first
    SubscriberFactory(email="patient@example.org")
    with fake_postmark.settings(REQUESTS_TIMEOUT=0.5):
        sending.create_send(issue)
    assert Delivery.objects.get().status == "sent"
    assert len(fake_postmark.requests) == 2


def test_sparkpost_batches_recipients_with_their_own_links_and_headers(issue, fast_retries):
    people = SubscriberFactory.create_batch(7)
    with FakeSparkPost() as esp, esp.settings():
        sending.create_send(issue)
    [request] = esp.requests
    assert request.path == "/api/v1/transmissions/"
    messages = esp.messages()
    assert sorted(m["To"] for m in messages) == sorted(p.email for p in people)
    assert_each_has_own_unsubscribe_link(messages)
    for message in messages:
        assert "{{" not in message["HtmlBody"] + message["TextBody"]  # every field substituted
    assert Delivery.objects.filter(status="sent").exclude(esp_message_id="").count() == 7


@pytest.mark.parametrize("merge_format", [None, "*|{}|*"])
def test_mandrill_gets_one_message_per_recipient_for_their_own_unsubscribe_header(
    settings, merge_format
):
    """anymail cannot give Mandrill's batch recipients their own headers (`merge_headers`
    raises AnymailUnsupportedFeature), so batching would stop every send; even a configured
    merge format must not switch it on."""
    from anymail.backends.mandrill import EmailBackend as Mandrill
    from anymail.backends.sparkpost import EmailBackend as SparkPost

    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "MERGE_FIELD_FORMAT": merge_format}
    assert not sending.esp_profile(Mandrill(api_key="key")).batches
    assert sending.esp_profile(SparkPost(api_key="key")).batches
