"""Each topic's one-line description tells a visitor what it sends, in their language, beside
the box they tick: on the sign-up page and in the preference centre, read with the box by a
screen reader, and only read (not shown) in the compact footer form."""

import re

import pytest

from newsletters.audience.tokens import preferences_url
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def described_topics(topics, locales):
    """Network news described in English and German; the other topics have no description."""
    for topic in (*topics.values(), topics["events"].get_translation(locales["de"])):
        topic.description = ""
        topic.save()
    news = topics["news"]
    news.description = "What the centres of the network are doing and planning."
    news.save()
    german = news.get_translation(locales["de"])
    german.description = "Was die Zentren des Netzwerks tun und planen."
    german.save()
    return topics


def box_and_description(html: str, description: str) -> tuple[str, str]:
    """The checkbox pointing at `description`, and the element holding it."""
    element = re.search(
        rf'<span class="([^"]*)" id="([^"]+)">{re.escape(description)}</span>', html
    )
    assert element, f"{description!r} is not on the page"
    box = re.search(rf'<input[^>]*aria-describedby="{element[2]}"[^>]*>', html)
    assert box, f"no checkbox is described by {description!r}"
    return box[0], element[1]


def test_the_sign_up_page_shows_each_topic_description_under_its_box_in_german(
    client, german_home, described_topics
):
    html = client.get("/de/newsletter/subscribe/").content.decode()
    box, classes = box_and_description(html, "Was die Zentren des Netzwerks tun und planen.")
    assert 'name="topics"' in box
    assert "visually-hidden" not in classes
    assert "What the centres" not in html


def test_a_topic_without_a_description_has_no_empty_description(
    client, german_home, described_topics
):
    html = client.get("/de/newsletter/subscribe/").content.decode()
    assert html.count("nl-topic-description") == 1
    assert html.count('aria-describedby="id_topics_') == 1


def test_the_preference_centre_shows_the_descriptions_in_the_readers_language(
    client, german_home, described_topics
):
    reader = SubscriberFactory(language="de", topics=[described_topics["news"]])
    html = client.get(preferences_url(reader, origin="")).content.decode()
    box, classes = box_and_description(html, "Was die Zentren des Netzwerks tun und planen.")
    assert "checked" in box
    assert "visually-hidden" not in classes


def test_the_footer_form_keeps_its_height_and_still_reads_the_description(
    client, german_home, described_topics
):
    html = client.get("/de/").content.decode()
    footer = html[html.index('id="newsletter"') :]
    _box, classes = box_and_description(footer, "Was die Zentren des Netzwerks tun und planen.")
    assert "visually-hidden" in classes
