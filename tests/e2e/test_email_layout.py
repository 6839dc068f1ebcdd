"""The audience's emails hold on a phone: rendered in Chromium at 320 px, nothing is wider than
the screen (long links wrap, the button fits), in English and in German; screenshots at 320 and
800 px are kept as artefacts."""

import pytest

from newsletters.audience import emails
from tests.factories.newsletters import ConsentRecordFactory, SubscriberFactory, TopicFactory

from .conftest import ARTIFACTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "de"])
def test_transactional_emails_fit_a_320_px_screen(page, home_page, locales, language):
    topics = {
        "events": TopicFactory(name="Events", locale=locales["en"]),
        "news": TopicFactory(name="Network news", locale=locales["en"]),
    }
    subscriber = SubscriberFactory(
        email="a.rather.long.address.of.a.teacher@example.org", language=language
    )
    subscriber.topics.set([topics["events"], topics["news"]])
    consent = ConsentRecordFactory(
        subscriber=subscriber,
        language=language,
        topic_keys=[str(topics["events"].translation_key)],
    )
    rendered = {
        "confirm": emails.confirmation_email(consent),
        "welcome": emails.welcome_email(subscriber),
        "already-subscribed": emails.already_subscribed_email(subscriber),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, email in rendered.items():
        page.set_viewport_size({"width": 320, "height": 640})
        page.set_content(email.html)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name} ({language}) is {width} px wide on a 320 px screen"
        page.screenshot(path=str(ARTIFACTS / f"email-{name}-{language}-320.png"), full_page=True)
        page.set_viewport_size({"width": 800, "height": 640})
        page.screenshot(path=str(ARTIFACTS / f"email-{name}-{language}-800.png"), full_page=True)
