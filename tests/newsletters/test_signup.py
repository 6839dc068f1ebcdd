"""The public sign-up: footer form, consent records, double opt-in email, abuse resistance."""

from django.core import mail
from django.test import Client, override_settings

import pytest

from newsletters.models import ConsentRecord, Subscriber
from tests.factories.newsletters import SubscriberFactory, SuppressedAddressFactory

from .helpers import links_in_last_email, path_of, snapshot_db

pytestmark = pytest.mark.django_db

SIGNUP = "/en/newsletter/subscribe/"


def form_data(**overrides) -> dict:
    data = {"email": "new.reader@example.org", "language": "en", "consent": "on", "website": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_footer_of_every_page_has_the_signup_form_without_a_csrf_token_or_cookie(
    client, home_page, topics
):
    response = client.get("/en/")
    html = response.content.decode()
    assert 'action="/en/newsletter/subscribe/"' in html
    assert 'name="consent"' in html and "checked" not in html.split('name="consent"')[1][:40]
    assert "csrfmiddlewaretoken" not in html
    assert "Set-Cookie" not in str(response.headers) and not response.cookies


def test_footer_consent_box_links_to_the_privacy_page_in_the_visitors_language(
    client, home_page, topics
):
    from tests.factories.home import StandardPageFactory

    StandardPageFactory(parent=home_page, slug="privacy", title="Privacy notice")
    html = client.get("/en/").content.decode()
    assert 'href="/en/privacy/"' in html


def test_signup_page_renders_in_german_with_german_topic_names(client, home_page, topics):
    html = client.get("/de/newsletter/subscribe/").content.decode()
    assert "Veranstaltungen" in html and "Publications" in html  # untranslated topic falls back
    assert '<option value="de" selected>' in html


def test_signup_records_pending_subscriber_and_consent_and_emails_a_confirmation(
    client, home_page, topics
):
    response = client.post(
        "/de/newsletter/subscribe/",
        form_data(
            email="Anna.Schmidt@Example.org",
            language="de",
            topics=[str(topics["events"].translation_key)],
        ),
        REMOTE_ADDR="198.51.100.7",
        HTTP_REFERER="http://testserver/de/",
    )
    assert response.status_code == 303
    assert response["Location"] == "/de/newsletter/subscribe/thanks/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna.schmidt@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert list(subscriber.topics.all()) == []  # applied on confirmation only
    consent = subscriber.consents.get()
    assert consent.source == ConsentRecord.Source.FORM
    assert consent.ip_address == "198.51.100.7"
    assert consent.language == "de"
    assert consent.topic_names == ["Events"]
    assert consent.topic_keys == [str(topics["events"].translation_key)]
    assert consent.confirmed_at is None
    # the exact text the visitor saw, in the language of the page (German here)
    assert "STEM PD Net" in consent.consent_text and "abbestellen" in consent.consent_text
    assert consent.page_url == "http://testserver/de/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna.schmidt@example.org"]
    assert "/de/newsletter/confirm/" in links_in_last_email()[0]


def test_consent_text_records_the_privacy_link_shown(client, home_page, topics):
    from tests.factories.home import StandardPageFactory

    StandardPageFactory(parent=home_page, slug="privacy", title="Privacy notice")
    client.post(SIGNUP, form_data())
    assert "/en/privacy/" in ConsentRecord.objects.get().consent_text


def test_no_topic_ticked_means_every_public_topic(client, home_page, topics):
    client.post(SIGNUP, form_data())
    assert sorted(ConsentRecord.objects.get().topic_names) == sorted(
        ["Network news", "Events", "Publications"]
    )


def test_thanks_page_says_to_check_the_inbox(client, home_page):
    response = client.get("/en/newsletter/subscribe/thanks/")
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()


def test_known_and_unknown_addresses_get_the_identical_answer(client, home_page, topics):
    SubscriberFactory(email="known@example.org")
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    answers = set()
    for address in [
        "known@example.org",
        "pending@example.org",
        "gone@example.org",
        "unknown@example.org",
    ]:
        response = client.post(SIGNUP, form_data(email=address))
        answers.add((response.status_code, response["Location"], response.content))
    assert len(answers) == 1


def test_signup_of_a_confirmed_address_changes_nothing_and_mails_the_owner_a_note(
    client, home_page, topics
):
    subscriber = SubscriberFactory(email="known@example.org", language="fr")
    before = snapshot_db()
    client.post(SIGNUP, form_data(email="known@example.org", language="de"))
    assert snapshot_db() == before
    assert len(mail.outbox) == 1
    assert "/fr/newsletter/preferences/" in mail.outbox[0].body
    subscriber.refresh_from_db()
    assert subscriber.language == "fr"


def test_signup_of_an_unsubscribed_address_keeps_it_unsubscribed_until_confirmed(
    client, home_page, topics
):
    subscriber = SubscriberFactory(email="gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    client.post(SIGNUP, form_data(email="gone@example.org"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.consents.filter(confirmed_at__isnull=True).count() == 1


def test_confirmation_email_is_rendered_in_the_chosen_language(client, home_page, topics):
    client.post(SIGNUP, form_data(language="de"))
    subject = mail.outbox[0].subject
    assert "STEM PD Net" in subject and "\n" not in subject
    # The URL carries the language, so the confirm page opens in it.
    assert "/de/newsletter/confirm/" in mail.outbox[0].body
    html = mail.outbox[0].alternatives[0].content
    assert 'lang="de"' in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("email", ""),
        ("email", "a" * 250 + "@example.org"),
        ("email", "x@" + "a" * 400 + ".org"),
        ("email", "victim@example.org\r\nBcc: everyone@example.org"),
        ("email", "victim@example.org\nSubject: spam"),
        ("email", "victim@example.org\r\n"),
        ("email", "nul\x00@example.org"),
        ("email", "two@example.org, three@example.org"),
        ("language", "xx"),
        ("language", "de\r\nX-Injected: 1"),
        ("topics", "not-a-topic-key"),
        ("consent", None),
    ],
)
def test_hostile_signup_input_gets_a_form_error_and_writes_nothing(
    client, home_page, topics, field, value
):
    before = snapshot_db()
    response = client.post(SIGNUP, form_data(**{field: value}))
    assert response.status_code == 400
    assert 'class="nl-errors"' in response.content.decode()
    assert snapshot_db() == before
    assert mail.outbox == []


def test_a_huge_post_body_is_refused_with_a_4xx(client, home_page):
    before = snapshot_db()
    response = client.post(SIGNUP, form_data(email="x" * 3_000_000 + "@example.org"))
    assert 400 <= response.status_code < 500
    assert snapshot_db() == before


def test_filled_honeypot_answers_like_success_and_writes_nothing(client, home_page, topics):
    before = snapshot_db()
    response = client.post(SIGNUP, form_data(website="http://spam.example"))
    assert response.status_code == 303
    assert snapshot_db() == before
    assert mail.outbox == []


def test_cross_site_post_is_refused(client, home_page, topics):
    before = snapshot_db()
    response = client.post(SIGNUP, form_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    response = client.post(SIGNUP, form_data(), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert snapshot_db() == before


def test_same_origin_post_is_accepted(client, home_page, topics):
    response = client.post(
        SIGNUP, form_data(), HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 303


def test_a_signup_flood_from_one_ip_is_refused(client, home_page, topics):
    statuses = [
        client.post(
            SIGNUP, form_data(email=f"p{n}@example.org"), REMOTE_ADDR="203.0.113.5"
        ).status_code
        for n in range(15)
    ]
    assert statuses[:10] == [303] * 10
    assert set(statuses[10:]) == {429}
    assert Subscriber.objects.count() == 10
    # Another visitor is not affected.
    other = client.post(SIGNUP, form_data(email="other@example.org"), REMOTE_ADDR="203.0.113.6")
    assert other.status_code == 303


def test_an_ipv6_flood_counts_per_64_network(client, home_page, topics):
    statuses = [
        client.post(
            SIGNUP, form_data(email=f"p{n}@example.org"), REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}"
        ).status_code
        for n in range(12)
    ]
    assert statuses.count(429) == 2


def test_invalid_posts_also_count_towards_the_ip_limit(client, home_page, topics):
    for _ in range(10):
        client.post(SIGNUP, form_data(email="bad"), REMOTE_ADDR="203.0.113.9")
    response = client.post(SIGNUP, form_data(), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429


def test_one_address_gets_at_most_three_confirmation_emails_a_day(client, home_page, topics):
    for n in range(5):
        response = client.post(
            SIGNUP, form_data(email="victim@example.org"), REMOTE_ADDR=f"198.51.100.{n}"
        )
        assert response.status_code == 303  # same answer: nothing to learn
    assert len(mail.outbox) == 3
    assert ConsentRecord.objects.count() == 3


@override_settings(TRUSTED_PROXY_HOPS=1)
def test_behind_a_proxy_the_forwarded_address_is_recorded_and_limited(client, home_page, topics):
    client.post(
        SIGNUP,
        form_data(),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.23",
    )
    assert ConsentRecord.objects.get().ip_address == "198.51.100.23"


def test_signup_works_without_any_cookie_or_csrf_token(home_page, topics):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(SIGNUP, form_data())
    assert response.status_code == 303
    assert Subscriber.objects.count() == 1


def test_suppressed_address_can_sign_up_again_itself(client, home_page, topics):
    SuppressedAddressFactory(email="back@example.org")
    client.post(SIGNUP, form_data(email="back@example.org"))
    assert len(mail.outbox) == 1
    confirm = path_of(links_in_last_email()[0])
    client.post(confirm)
    assert Subscriber.objects.get(email="back@example.org").status == Subscriber.Status.CONFIRMED
