"""Signed links: confirm (double opt-in), preference centre, one-click unsubscribe (RFC 8058)."""

import time

from django.core import signing
from django.test import Client, override_settings

import pytest

from newsletters.audience.gdpr import erase_subscriber
from newsletters.audience.tokens import (
    BatchLinks,
    Purpose,
    TokenError,
    make_token,
    preferences_url,
    read_token,
    unsubscribe_url,
)
from newsletters.models import Subscriber
from tests.factories.newsletters import ConsentRecordFactory, SubscriberFactory

from .helpers import path_of, snapshot_db

pytestmark = pytest.mark.django_db


def confirm_path(consent, language: str = "en") -> str:
    token = make_token(consent.subscriber, Purpose.CONFIRM, consent.pk)
    return f"/{language}/newsletter/confirm/{token}/"


def unsubscribe_path(subscriber) -> str:
    return path_of(unsubscribe_url(subscriber))


def preferences_path(subscriber) -> str:
    return path_of(preferences_url(subscriber))


def tamper(token: str) -> str:
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


# --- tokens --------------------------------------------------------------------------------


def test_tokens_are_bound_to_their_purpose(db):
    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    assert read_token(token, Purpose.UNSUBSCRIBE).subscriber_id == subscriber.pk
    with pytest.raises(TokenError):
        read_token(token, Purpose.PREFERENCES)


def test_tokens_differ_per_subscriber_and_cannot_be_moved_to_another(db):
    first, second = SubscriberFactory(), SubscriberFactory()
    token = make_token(first, Purpose.UNSUBSCRIBE)
    assert token != make_token(second, Purpose.UNSUBSCRIBE)
    forged = token.replace(f"{first.pk}.", f"{second.pk}.", 1)
    with pytest.raises(TokenError):
        read_token(forged, Purpose.UNSUBSCRIBE)


@pytest.mark.parametrize("purpose", list(Purpose))
def test_tokens_are_exactly_what_djangos_signer_makes(db, purpose):
    """The dispatch-speed signer must stay interchangeable with the one that reads the links."""
    subscriber = SubscriberFactory()
    consent_id = 7 if purpose is Purpose.CONFIRM else None
    token = make_token(subscriber, purpose, consent_id)
    salt = f"newsletters.token.{purpose}"
    signed_value, _signature = token.rsplit(".", 1)
    assert signing.Signer(salt=salt, sep=".", algorithm="sha256").sign(signed_value) == token
    reader = signing.TimestampSigner(salt=salt, sep=".", algorithm="sha256")
    assert reader.unsign(token, max_age=60) == signed_value.rsplit(".", 1)[0]


def test_tokens_signed_with_an_old_secret_key_stop_working(db):
    subscriber = SubscriberFactory()
    with override_settings(SECRET_KEY="an-older-secret-key-that-was-rotated-away-0123456789"):
        old = make_token(subscriber, Purpose.UNSUBSCRIBE)
    assert old != make_token(subscriber, Purpose.UNSUBSCRIBE)
    with pytest.raises(TokenError):
        read_token(old, Purpose.UNSUBSCRIBE)


def test_list_unsubscribe_headers_follow_rfc_8058(db):
    subscriber = SubscriberFactory(language="fr")
    headers = BatchLinks().for_recipient(subscriber).headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_part, mailto_part = headers["List-Unsubscribe"].split(", ")
    assert https_part.startswith("<http://testserver/fr/newsletter/unsubscribe/")
    assert mailto_part.startswith("<mailto:newsletter@stem-pd-net.example?subject=unsubscribe%20")
    assert "\n" not in headers["List-Unsubscribe"]


@override_settings(NEWSLETTERS={"UNSUBSCRIBE_MAILTO": "", "BASE_URL": "https://news.example"})
def test_mailto_part_can_be_left_out_and_base_url_configured(db):
    headers = BatchLinks().for_recipient(SubscriberFactory()).headers
    assert headers["List-Unsubscribe"].startswith("<https://news.example/en/newsletter/")
    assert "mailto" not in headers["List-Unsubscribe"]


def test_building_links_for_a_recipient_needs_no_query(db, django_assert_num_queries):
    subscriber = SubscriberFactory()
    with django_assert_num_queries(0):
        BatchLinks().for_recipient(subscriber)
        preferences_url(subscriber)


# --- confirm -------------------------------------------------------------------------------


def test_opening_the_confirmation_link_shows_a_button_and_confirms_nothing(client, home_page):
    consent = ConsentRecordFactory()
    before = snapshot_db()
    response = client.get(confirm_path(consent))
    assert response.status_code == 200
    assert '<form method="post"' in response.content.decode()
    assert snapshot_db() == before
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )
    assert response["Referrer-Policy"] == "no-referrer"


def test_pressing_the_button_confirms_and_records_the_confirmation_ip(home_page, topics):
    consent = ConsentRecordFactory(
        language="de", topic_keys=[str(topics["events"].translation_key)]
    )
    cookieless = Client(enforce_csrf_checks=True)
    response = cookieless.post(confirm_path(consent, "de"), REMOTE_ADDR="198.51.100.44")
    assert response.status_code == 200
    consent.refresh_from_db()
    subscriber = consent.subscriber
    subscriber.refresh_from_db()
    assert consent.confirmed_at is not None
    assert consent.confirmation_ip == "198.51.100.44"
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.language == "de"
    assert list(subscriber.topics.all()) == [topics["events"]]


def test_a_replayed_confirmation_link_answers_410_and_writes_nothing(client, home_page):
    consent = ConsentRecordFactory()
    path = confirm_path(consent)
    client.post(path)
    before = snapshot_db()
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
    assert snapshot_db() == before


def test_an_expired_confirmation_link_answers_410(client, home_page):
    consent = ConsentRecordFactory()
    path = confirm_path(consent)
    with override_settings(NEWSLETTERS={"CONFIRM_MAX_AGE": 60}):
        later = time.time() + 61
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(signing.time, "time", lambda: later)
            response = client.post(path)
    assert response.status_code == 410
    consent.refresh_from_db()
    assert consent.confirmed_at is None


@pytest.mark.parametrize(
    "mangle",
    [
        tamper,
        lambda token: token[:-5],
        lambda token: token.split(".", 1)[1],
        lambda token: "x" * 500,
        lambda token: "%0d%0aSet-Cookie:x=1",
        lambda token: "ünïcode.1.2.3",
        lambda token: "",
    ],
    ids=["tampered", "truncated", "cut", "overlong", "crlf", "unicode", "empty"],
)
def test_damaged_confirmation_links_answer_400_and_write_nothing(client, home_page, mangle):
    consent = ConsentRecordFactory()
    token = make_token(consent.subscriber, Purpose.CONFIRM, consent.pk)
    before = snapshot_db()
    for method in (client.get, client.post):
        response = method(f"/en/newsletter/confirm/{mangle(token)}/")
        assert response.status_code in {400, 404}
    assert snapshot_db() == before


def test_a_token_of_another_purpose_does_not_confirm(client, home_page):
    consent = ConsentRecordFactory()
    token = make_token(consent.subscriber, Purpose.UNSUBSCRIBE)
    response = client.post(f"/en/newsletter/confirm/{token}/")
    assert response.status_code == 400
    consent.refresh_from_db()
    assert consent.confirmed_at is None


def test_a_confirmation_link_naming_another_persons_consent_is_refused(client, home_page):
    mine, theirs = ConsentRecordFactory(), ConsentRecordFactory()
    token = make_token(mine.subscriber, Purpose.CONFIRM, theirs.pk)
    assert client.post(f"/en/newsletter/confirm/{token}/").status_code == 400
    theirs.refresh_from_db()
    assert theirs.confirmed_at is None


# --- preferences ---------------------------------------------------------------------------


def test_preference_centre_shows_current_choices(client, home_page, topics):
    subscriber = SubscriberFactory(language="de", topics=[topics["news"]])
    response = client.get(preferences_path(subscriber))
    html = response.content.decode()
    assert response.status_code == 200
    assert subscriber.email in html
    assert f'value="{topics["news"].translation_key}"' in html
    assert "checked" in html.split(f'value="{topics["news"].translation_key}"')[1][:30]


def test_preference_centre_changes_language_and_topics(home_page, topics):
    subscriber = SubscriberFactory(language="en", topics=[topics["news"]])
    response = Client(enforce_csrf_checks=True).post(
        preferences_path(subscriber),
        {
            "language": "fr",
            "topics": [
                str(topics["events"].translation_key),
                str(topics["publications"].translation_key),
            ],
        },
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.language == "fr"
    assert set(subscriber.topics.all()) == {topics["events"], topics["publications"]}


def test_preference_centre_keeps_staff_only_topics(client, home_page, topics):
    internal = topics["publications"]
    internal.is_public = False
    internal.save()
    subscriber = SubscriberFactory(topics=[topics["news"], internal])
    client.post(
        preferences_path(subscriber),
        {"language": "en", "topics": [str(topics["events"].translation_key)]},
    )
    assert set(subscriber.topics.all()) == {topics["events"], internal}


@pytest.mark.parametrize(
    "data",
    [
        {"language": "xx", "topics": []},
        {"language": "en"},
        {"language": "en", "topics": ["00000000-0000-0000-0000-000000000000"]},
        {"language": "en\r\nBcc: x", "topics": []},
    ],
)
def test_invalid_preferences_answer_400_and_change_nothing(client, home_page, topics, data):
    subscriber = SubscriberFactory(topics=[topics["news"]])
    before = snapshot_db()
    response = client.post(preferences_path(subscriber), data)
    assert response.status_code == 400
    assert snapshot_db() == before


def test_damaged_or_foreign_preference_links_answer_400(client, home_page, topics):
    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.PREFERENCES)
    assert client.get(f"/en/newsletter/preferences/{tamper(token)}/").status_code == 400
    confirm_token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    assert client.get(f"/en/newsletter/preferences/{confirm_token}/").status_code == 400


def test_unsubscribed_person_cannot_change_preferences_but_sees_why(client, home_page, topics):
    subscriber = SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    path = preferences_path(subscriber)
    assert "does not receive" in client.get(path).content.decode()
    before = snapshot_db()
    response = client.post(path, {"language": "de", "topics": []})
    assert response.status_code == 409
    assert snapshot_db() == before


# --- unsubscribe ---------------------------------------------------------------------------


def test_get_on_the_unsubscribe_link_never_unsubscribes(client, home_page):
    subscriber = SubscriberFactory()
    for _ in range(3):
        response = client.get(unsubscribe_path(subscriber))
        assert response.status_code == 200
        assert '<form method="post"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_one_click_post_without_cookies_unsubscribes_and_is_idempotent(home_page):
    subscriber = SubscriberFactory()
    mailbox_provider = Client(enforce_csrf_checks=True)
    path = unsubscribe_path(subscriber)
    first = mailbox_provider.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert first.status_code == 200
    assert not first.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    unsubscribed_at = subscriber.unsubscribed_at
    second = mailbox_provider.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert second.status_code == 200
    assert second.content == first.content
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == unsubscribed_at


def test_unsubscribe_link_of_an_erased_subscriber_still_answers_unsubscribed(client, home_page):
    subscriber = SubscriberFactory()
    path = unsubscribe_path(subscriber)
    erase_subscriber(subscriber)
    assert client.post(path).status_code == 200
    assert client.get(path).status_code == 200
    assert not Subscriber.objects.exists()


def test_unsubscribe_link_stops_working_when_the_address_is_changed(client, home_page):
    subscriber = SubscriberFactory(email="old@example.org")
    path = unsubscribe_path(subscriber)
    subscriber.email = "new@example.org"
    subscriber.save()
    assert client.post(path).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("mangle", [tamper, lambda token: token[:10], lambda token: "1.x.y.z"])
def test_damaged_unsubscribe_links_answer_400_and_write_nothing(client, home_page, mangle):
    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    before = snapshot_db()
    response = client.post(f"/en/newsletter/unsubscribe/{mangle(token)}/")
    assert response.status_code == 400
    assert snapshot_db() == before


def test_a_preferences_token_cannot_unsubscribe(client, home_page):
    subscriber = SubscriberFactory()
    token = make_token(subscriber, Purpose.PREFERENCES)
    assert client.post(f"/en/newsletter/unsubscribe/{token}/").status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_the_preference_centre_offers_unsubscribing(client, home_page, topics):
    subscriber = SubscriberFactory(topics=[topics["news"]])
    html = client.get(preferences_path(subscriber)).content.decode()
    action = html.split('action="/en/newsletter/unsubscribe/')[1].split('"')[0]
    client.post(f"/en/newsletter/unsubscribe/{action}")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
