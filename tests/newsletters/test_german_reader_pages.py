"""A German reader's emailed links open the preference centre and the unsubscribe page in German:
headings, labels, buttons, their topics under German names, and the page marked `lang="de"`."""

import pytest

from newsletters.audience.tokens import preferences_url, unsubscribe_url
from newsletters.models import Subscriber
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_reader(german_home, topics):
    return SubscriberFactory(email="leser@example.org", language="de", topics=[topics["news"]])


def test_the_preference_centre_speaks_german(client, german_reader):
    url = preferences_url(german_reader, origin="")
    assert url.startswith("/de/")
    html = client.get(url).content.decode()
    assert '<html lang="de"' in html
    for text in (
        "<h1>Ihre Newsletter-Einstellungen</h1>",
        "Einstellungen für leser@example.org.",
        "Sprache des Newsletters",
        "<legend>Themen</legend>",
        "Neues aus dem Netzwerk",
        "Veranstaltungen",
        "Meine Einstellungen speichern",
        "Von allen Newslettern abmelden",
    ):
        assert text in html, text
    assert "Your newsletter settings" not in html and "Network news" not in html


def test_the_unsubscribe_page_speaks_german_and_says_so_in_german_when_done(client, german_reader):
    url = unsubscribe_url(german_reader, origin="")
    assert url.startswith("/de/")
    html = client.get(url).content.decode()
    assert '<html lang="de"' in html
    assert "<h1>Abmelden</h1>" in html
    assert "Klicken Sie auf die Schaltfläche, um alle Newsletter an leser@example.org" in html
    done = client.post(url).content.decode()
    assert "Sie sind abgemeldet" in done
    assert Subscriber.objects.get(pk=german_reader.pk).status == Subscriber.Status.UNSUBSCRIBED


def test_subscription_pages_carry_one_form_not_a_second_sign_up_in_the_footer(
    client, german_reader
):
    """One language picker and one set of topics on the preference centre and the sign-up
    page; every other page keeps the footer's sign-up form."""
    preferences = client.get(preferences_url(german_reader, origin="")).content.decode()
    signup = client.get("/de/newsletter/subscribe/").content.decode()
    for html in (preferences, signup):
        assert html.count("<legend>Themen</legend>") == 1
        assert html.count('name="language"') == 1
    assert 'id="newsletter"' in client.get("/de/").content.decode()
