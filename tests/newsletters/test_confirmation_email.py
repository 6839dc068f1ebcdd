"""The confirmation email goes out through anymail's real Postmark backend over HTTP."""

from django.core import mail

import pytest

from newsletters.models import Subscriber

from .fake_esp import SERVER_TOKEN
from .helpers import path_of

pytestmark = pytest.mark.django_db


def test_signup_sends_the_confirmation_through_postmark_and_its_link_confirms(
    client, home_page, topics, fake_postmark
):
    with fake_postmark.settings():
        response = client.post(
            "/de/newsletter/subscribe/",
            {"email": "Leser@Example.org", "language": "de", "consent": "on"},
        )
    assert response.status_code == 303
    assert mail.outbox == []  # not the locmem mailer: the request went to the ESP
    [request] = fake_postmark.requests
    assert request.path == "/email"
    assert request.headers["x-postmark-server-token"] == SERVER_TOKEN
    message = request.json
    assert message["To"] == "leser@example.org"
    assert "STEM PD Net" in message["Subject"]
    assert message["From"] == "STEM PD Net <newsletter@stem-pd-net.example>"
    confirm_link = next(
        word for word in message["TextBody"].split() if "/newsletter/confirm/" in word
    )
    assert confirm_link.startswith("http://testserver/de/newsletter/confirm/")
    assert confirm_link in message["HtmlBody"]
    client.post(path_of(confirm_link))
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_an_esp_outage_does_not_break_the_signup_answer(client, home_page, topics, fake_postmark):
    from .fake_esp import Reply

    fake_postmark.responder = lambda number, request: Reply(500, {"Message": "down"})
    with fake_postmark.settings():
        response = client.post(
            "/en/newsletter/subscribe/",
            {"email": "a@example.org", "language": "en", "consent": "on"},
        )
    # The task failed in the worker (here: inline), the visitor still gets the normal answer.
    assert response.status_code == 303
    assert len(fake_postmark.requests) == 1
