"""Fixtures of the newsletter audience tests: topics in three languages, a clean rate limit."""

from django.core.cache import cache

import pytest

from newsletters.models import Topic
from tests.factories.newsletters import TopicFactory

from .fake_esp import FakePostmark


@pytest.fixture(autouse=True)
def clean_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def topics(locales) -> dict[str, Topic]:
    """Network news, Events, Publications in English, with German names for two of them."""
    made = {
        "news": TopicFactory(name="Network news", sort_order=1, locale=locales["en"]),
        "events": TopicFactory(name="Events", sort_order=2, locale=locales["en"]),
        "publications": TopicFactory(name="Publications", sort_order=3, locale=locales["en"]),
    }
    for key, german in (("news", "Neues aus dem Netzwerk"), ("events", "Veranstaltungen")):
        translation = made[key].copy_for_translation(locales["de"])
        translation.name = german
        translation.save()
    return made


@pytest.fixture
def fake_postmark():
    """A loopback Postmark API; use `with fake_postmark.settings(): ...` to send through it."""
    with FakePostmark() as esp:
        yield esp


@pytest.fixture
def archive(home_page):
    """The English newsletter archive under the home page."""
    from tests.factories.newsletters import NewsletterIndexPageFactory

    return NewsletterIndexPageFactory(parent=home_page)


@pytest.fixture
def issue(archive):
    """A published English issue."""
    from tests.factories.newsletters import NewsletterPageFactory

    return NewsletterPageFactory(parent=archive, title="March issue", slug="march")


@pytest.fixture
def anymail_test_backend(settings):
    """anymail's test backend: messages land in `mail.outbox` with their anymail parameters."""
    settings.MAILERS = {"default": {"BACKEND": "anymail.backends.test.EmailBackend"}}
    settings.NEWSLETTERS = {**getattr(settings, "NEWSLETTERS", {}), **FAST_RETRIES}
    return settings


# Backoff in milliseconds, so retry tests take no time.
FAST_RETRIES = {"RETRY_BASE_DELAY": 0.001, "RETRY_MAX_DELAY": 0.01, "HEARTBEAT_INTERVAL": 0.5}
