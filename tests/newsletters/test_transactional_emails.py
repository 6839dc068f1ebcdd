"""The audience's own emails (confirmation, welcome, "already subscribed") read as the
newsletter does: its header and funding line, the reader's language throughout (topic names
too), and a button for the link with the raw address beside it for mail clients without one."""

import re

from django.core import mail

import pytest

from newsletters.models import Subscriber

from .helpers import links_in_last_email, path_of

pytestmark = pytest.mark.django_db

SIGNUP = "/de/newsletter/subscribe/"


def sign_up(client, topics, *, language="de", chosen=("events", "publications")):
    return client.post(
        SIGNUP,
        {
            "email": "leserin@example.org",
            "language": language,
            "consent": "on",
            "topics": [str(topics[name].translation_key) for name in chosen],
        },
    )


def html_of(message) -> str:
    return message.alternatives[0].content


def test_german_confirmation_names_the_topics_in_german(client, home_page, topics):
    sign_up(client, topics)
    [message] = mail.outbox
    assert "Veranstaltungen" in message.body
    assert "Veranstaltungen" in html_of(message)
    assert not re.search(r"\bEvents\b", message.body + html_of(message))
    # A topic without a German name is named in the source language rather than left out.
    assert "Publications" in message.body


def test_the_confirm_page_names_the_topics_in_the_readers_language(client, home_page, topics):
    sign_up(client, topics)
    confirm_path = path_of(next(link for link in links_in_last_email() if "/confirm/" in link))
    response = client.get(confirm_path)
    assert "Veranstaltungen" in response.content.decode()
    assert "Events" not in response.content.decode()


def test_confirmation_carries_the_newsletters_header_and_funding_line(client, home_page, topics):
    sign_up(client, topics)
    html = html_of(mail.outbox[0])
    assert 'lang="de"' in html
    assert "STEM PD Net" in html
    assert "background-color: #0b3d6e" in html  # the newsletter's header, inlined
    assert "Kofinanziert von der Europäischen Union" in html
    assert "Co-funded" not in html


def test_the_confirm_link_is_a_button_and_its_raw_address_may_wrap(client, home_page, topics):
    sign_up(client, topics)
    message = mail.outbox[0]
    [link] = [link for link in links_in_last_email() if "/confirm/" in link]
    html = html_of(message)
    button = re.search(r'<a href="([^"]+)"[^>]*>Mein Abonnement bestätigen</a>', html)
    assert button and button.group(1) == link
    raw = re.search(r'<a href="[^"]+" style="([^"]*)">' + re.escape(link) + "</a>", html)
    assert raw and "word-break: break-all" in raw.group(1)


def test_confirming_sends_a_welcome_in_the_subscribers_language(client, home_page, topics):
    sign_up(client, topics, chosen=("events", "news"))
    confirm_path = path_of(next(link for link in links_in_last_email() if "/confirm/" in link))
    client.post(confirm_path)
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    welcome = mail.outbox[-1]
    assert len(mail.outbox) == 2
    assert welcome.subject == "Willkommen beim Newsletter von STEM PD Net"
    assert "Neues aus dem Netzwerk" in welcome.body and "Veranstaltungen" in welcome.body
    assert "/de/newsletter/preferences/" in welcome.body
    assert "Kofinanziert von der Europäischen Union" in html_of(welcome)
    # Using the link again neither confirms twice nor welcomes twice.
    client.post(confirm_path)
    assert len(mail.outbox) == 2


def test_already_subscribed_note_is_branded_and_in_the_subscribers_language(
    client, home_page, topics
):
    Subscriber.objects.create(
        email="leserin@example.org", language="de", status=Subscriber.Status.CONFIRMED
    )
    sign_up(client, topics, language="en")
    [message] = mail.outbox
    assert "Sie sind bereits angemeldet" in html_of(message)
    assert "Kofinanziert von der Europäischen Union" in html_of(message)
    assert "/de/newsletter/preferences/" in message.body
