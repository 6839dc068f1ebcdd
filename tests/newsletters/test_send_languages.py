"""The send review per language: who gets their own language, who would get a fallback, and
what staff choose for each language without a translation (send the source, hold, skip).
Body and chrome of every email are in one language; held readers are sent once translated."""

import re

from django.core import mail

import pytest

from newsletters.models import Delivery, Send
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db


def _url(issue) -> str:
    return f"/admin/newsletter/issue/{issue.pk}/send/"


def _german(issue, locales):
    german = issue.copy_for_translation(locales["de"], copy_parents=True)
    german.title = "Märzausgabe"
    german.subject = "Neues im März"
    german.save_revision().publish()
    return german


@pytest.fixture
def readers():
    """Two English, two German and one French reader of every topic."""
    return {
        "en": SubscriberFactory.create_batch(2, language="en"),
        "de": SubscriberFactory.create_batch(2, language="de"),
        "fr": [SubscriberFactory(language="fr")],
    }


def _review(admin_client, issue):
    response = admin_client.post(_url(issue), {"action": "review"})
    return response, re.sub(r">\s+<", "><", " ".join(response.content.decode().split()))


def _confirm(admin_client, issue, **choices):
    data = {"action": "send", **{f"fallback_{code}": value for code, value in choices.items()}}
    return admin_client.post(_url(issue), data)


def _recipients(language: str | None = None) -> list[str]:
    return sorted(
        to for message in mail.outbox for to in message.to if language is None or to in language
    )


def test_review_says_per_language_who_gets_their_own_and_who_has_no_translation(
    admin_client, issue, locales, readers
):
    _german(issue, locales)
    response, html = _review(admin_client, issue)
    assert response.status_code == 200
    assert re.search(
        r'data-language="en"><th scope="row">English</th><td>2</td><td>The issue in', html
    )
    assert re.search(
        r'data-language="de"><th scope="row">German</th><td>2</td><td>The issue in', html
    )
    french = html.split('data-language="fr"')[1].split("</tr>")[0]
    assert "<td>1</td>" in french and "No translation in French." in french
    for value in ("source", "hold", "skip"):
        assert f'name="fallback_fr" value="{value}"' in french
    assert "fallback_de" not in html and "fallback_en" not in html
    assert "1 recipient reads a language this issue has no published translation in." in html
    assert "help-warning" in html


def test_no_warning_when_every_language_has_its_translation(admin_client, issue, locales):
    _german(issue, locales)
    SubscriberFactory(language="de")
    _response, html = _review(admin_client, issue)
    assert "no published translation" not in html and "fallback_" not in html


def test_confirming_without_a_choice_for_an_untranslated_language_sends_nothing(
    admin_client, issue, readers, anymail_test_backend
):
    response = _confirm(admin_client, issue, fr="source")  # German not chosen
    assert response.status_code == 400
    assert "Choose what readers in German receive." in response.content.decode()
    assert not Send.objects.exists() and mail.outbox == []


@pytest.mark.parametrize(
    "forged",
    [
        {"fallback_de": "everyone-twice"},
        {"fallback_de": ""},
        {"fallback_de": "hold", "fallback_xx": "source"},
        {"fallback_de": "hold", "fallback_../../etc": "hold"},
        {"fallback_de": ["hold", "source"], "fallback_fr": "source\r\nX: 1"},
    ],
)
def test_forged_choices_and_unknown_languages_get_a_form_error_and_send_nothing(
    admin_client, issue, readers, anymail_test_backend, forged
):
    data = {"action": "send", "fallback_fr": "source", **forged}
    response = admin_client.post(_url(issue), data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Send.objects.exists() and mail.outbox == []


def test_a_reader_without_a_translation_gets_body_and_chrome_in_the_source_language(
    admin_client, issue, locales, readers, anymail_test_backend
):
    _german(issue, locales)
    response = _confirm(admin_client, issue, fr="source")
    assert response.status_code == 302
    by_reader = {message.to[0]: message for message in mail.outbox if len(message.to) == 1}
    by_reader.update({to: message for message in mail.outbox for to in message.to})
    french = by_reader[readers["fr"][0].email]
    html = french.alternatives[0].content
    assert french.subject == "March issue"
    assert 'lang="en"' in html and "Unsubscribe" in html and "Se désabonner" not in html
    german = by_reader[readers["de"][0].email]
    german_html = german.alternatives[0].content
    assert german.subject == "Neues im März"
    assert 'lang="de"' in german_html and "Abmelden" in german_html


def test_skipped_languages_get_nothing_now_or_later(
    admin_client, issue, locales, readers, anymail_test_backend
):
    from newsletters import sending

    _confirm(admin_client, issue, de="skip", fr="source")
    german = {person.email for person in readers["de"]}
    assert not german & set(_recipients())
    assert len(_recipients()) == 3
    send = Send.objects.get()
    assert send.language_plan == {"en": "own", "de": "skip", "fr": "source"}
    _german(issue, locales)  # even once translated, the issue was skipped for German readers
    assert sending.create_new_subscribers_send(issue, language_plan=send.language_plan) is None


def test_held_readers_are_sent_once_when_the_translation_is_published_and_never_twice(
    admin_client, issue, locales, readers, anymail_test_backend
):
    _confirm(admin_client, issue, de="hold", fr="hold")
    assert len(_recipients()) == 2  # the English readers only
    send = Send.objects.get()
    assert not Delivery.objects.filter(send=send, language__in=["de", "fr"]).exists()
    html = " ".join(admin_client.get(_url(issue)).content.decode().split())
    assert "Held until their language is translated: French (1), German (2)." in html
    action = f"/admin/newsletter/send/{send.pk}/new-subscribers/"

    _german(issue, locales)
    html = " ".join(admin_client.get(_url(issue)).content.decode().split())
    assert "Held until their language is translated: French (1)." in html
    assert "Send to held readers and new subscribers" in html
    mail.outbox.clear()
    admin_client.post(action)
    assert _recipients() == sorted(person.email for person in readers["de"])
    assert {message.subject for message in mail.outbox} == {"Neues im März"}

    mail.outbox.clear()
    again = admin_client.post(action, follow=True)  # the Germans have it, the French is held
    assert "Nobody can be sent this issue now: 1 reader is held until the issue is translated" in (
        " ".join(again.content.decode().split())
    )
    admin_client.post(action)
    assert mail.outbox == []
    per_reader = Delivery.objects.filter(send__page=issue, send__is_test=False).values_list(
        "subscriber_id", flat=True
    )
    assert len(per_reader) == len(set(per_reader)) == 4


def test_a_language_with_new_readers_since_the_review_is_held_not_sent_the_source(
    admin_client, issue, locales, anymail_test_backend
):
    from newsletters import sending

    SubscriberFactory(language="en")
    _confirm(admin_client, issue)  # nobody else: nothing to choose
    send = Send.objects.get()
    italian = SubscriberFactory(language="it")
    outcome = sending.create_new_subscribers_send(issue, language_plan=send.language_plan)
    assert outcome is None  # held: Italian was never agreed to receive English
    assert italian.email not in _recipients()


def test_a_translation_published_between_review_and_send_is_used(
    admin_client, issue, locales, readers, anymail_test_backend
):
    _review(admin_client, issue)
    _german(issue, locales)
    response = _confirm(admin_client, issue, de="hold", fr="source")
    assert response.status_code == 302
    german = {person.email for person in readers["de"]}
    assert german <= set(_recipients())
