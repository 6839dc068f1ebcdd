"""Who dispatch sends to, suppression, and the GDPR export and erasure."""

import json

import pytest

from newsletters.audience.gdpr import erase_subscriber, export_subscriber_data
from newsletters.audience.imports import import_subscribers
from newsletters.audience.members import audience_for, counts_by_language, suppress_address
from newsletters.models import ConsentRecord, Subscriber, SuppressedAddress, email_hash
from tests.factories.newsletters import ConsentRecordFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_audience_is_confirmed_subscribers_of_the_topics(topics):
    news = SubscriberFactory(topics=[topics["news"]])
    both = SubscriberFactory(topics=[topics["news"], topics["events"]])
    SubscriberFactory(topics=[topics["events"]])
    SubscriberFactory(topics=[topics["news"]], status=Subscriber.Status.PENDING)
    SubscriberFactory(topics=[topics["news"]], status=Subscriber.Status.UNSUBSCRIBED)
    SubscriberFactory(topics=[topics["news"]], status=Subscriber.Status.BOUNCED)
    assert list(audience_for([topics["news"]])) == [news, both]


def test_audience_matches_topics_given_in_any_language(topics, locales):
    reader = SubscriberFactory(topics=[topics["events"]])
    german_events = topics["events"].get_translation(locales["de"])
    assert list(audience_for([german_events])) == [reader]


def test_audience_without_topics_is_every_confirmed_subscriber(topics):
    first = SubscriberFactory(topics=[topics["news"]])
    second = SubscriberFactory()
    assert list(audience_for()) == [first, second]


def test_audience_excludes_suppressed_addresses_even_if_confirmed(topics):
    kept = SubscriberFactory(topics=[topics["news"]])
    blocked = SubscriberFactory(topics=[topics["news"]])
    SuppressedAddress.objects.create(email_hash=blocked.email_hash, reason="manual")
    assert list(audience_for([topics["news"]])) == [kept]


def test_audience_counts_per_language(topics):
    for language in ["de", "de", "fr", "en"]:
        SubscriberFactory(language=language, topics=[topics["news"]])
    counts = counts_by_language(audience_for([topics["news"]]))
    assert counts == {"de": 2, "fr": 1, "en": 1}


def test_bounce_webhook_helper_suppresses_and_marks_the_subscriber(topics):
    subscriber = SubscriberFactory(email="bounce@example.org", topics=[topics["news"]])
    suppress_address("Bounce@Example.org", "bounced", status=Subscriber.Status.BOUNCED)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED
    assert not audience_for([topics["news"]]).exists()


def test_email_is_unique_whatever_its_case(db):
    SubscriberFactory(email="Case@Example.org")
    assert Subscriber.objects.get().email == "case@example.org"
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriberFactory(email="CASE@example.ORG")


def test_gdpr_export_has_the_subscriber_and_every_consent(topics):
    consent = ConsentRecordFactory(ip_address="198.51.100.9", topic_names=["Events"])
    subscriber = consent.subscriber
    subscriber.topics.set([topics["events"]])
    data = export_subscriber_data(subscriber)
    json.dumps(data)  # serialisable as is
    assert data["subscriber"]["email"] == subscriber.email
    assert data["subscriber"]["topics"] == ["Events"]
    assert data["consents"][0]["ip_address"] == "198.51.100.9"
    assert data["consents"][0]["consent_text"] == consent.consent_text


def test_erasure_leaves_only_a_hash(topics):
    consent = ConsentRecordFactory()
    subscriber = consent.subscriber
    address = subscriber.email
    erase_subscriber(subscriber)
    assert not Subscriber.objects.exists()
    assert not ConsentRecord.objects.exists()
    entry = SuppressedAddress.objects.get()
    assert entry.email_hash == email_hash(address)
    assert address not in str(list(SuppressedAddress.objects.values()))


def test_suppression_survives_erasure_so_an_import_cannot_resubscribe(topics):
    subscriber = SubscriberFactory(email="erased@example.org")
    erase_subscriber(subscriber)
    report = import_subscribers(
        "email\nErased@Example.org\n", consent_source="Conference list, 2024 registrations"
    )
    assert report.suppressed == 1 and report.created == 0
    assert not Subscriber.objects.exists()


def test_erasure_removes_the_address_from_delivery_rows_and_keeps_the_statistics(
    issue, anymail_test_backend
):
    from newsletters import sending
    from newsletters.models import Delivery

    person = SubscriberFactory(email="erase.me@example.org")
    SubscriberFactory(email="stays@example.org")
    sending.create_send(issue)
    sending.create_test_send(issue, addresses=["Erase.Me@example.org"], language="en")
    before = sending.statistics(issue)["all"]
    assert Delivery.objects.filter(email__iexact=person.email).count() == 2
    erase_subscriber(person)
    assert not Delivery.objects.filter(email__icontains="erase.me").exists()
    assert not Delivery.objects.filter(esp_message_id__icontains="erase.me").exists()
    assert Delivery.objects.filter(email="stays@example.org").count() == 1
    assert sending.statistics(issue)["all"] == before  # past issues' figures unchanged


def test_gdpr_export_has_deliveries_opens_clicks_and_bounces_with_dates(
    issue, anymail_test_backend
):
    from django.utils import timezone

    from newsletters import sending
    from newsletters.models import Delivery

    person = SubscriberFactory(email="reader@example.org")
    sending.create_send(issue)
    opened = timezone.now()
    Delivery.objects.filter(subscriber=person).update(
        status=Delivery.Status.BOUNCED, event_at=opened, opened_at=opened, clicked_at=opened
    )
    [delivery] = export_subscriber_data(person)["deliveries"]
    json.dumps(delivery)
    assert delivery["issue"] == issue.title
    assert delivery["sent_at"] is not None
    assert delivery["bounced_at"] == opened.isoformat()
    assert delivery["opened_at"] == delivery["clicked_at"] == opened.isoformat()
    assert delivery["address"] == "reader@example.org"
