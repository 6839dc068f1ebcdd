"""Shared fixtures: the site's locales and a small page tree (never the whole demo content)."""

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page, Site

import pytest

from tests.factories.home import HomePageFactory


@pytest.fixture
def locales(db) -> dict[str, Locale]:
    """Every site language as a Wagtail locale, keyed by language code."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


@pytest.fixture
def home_page(locales):
    """An English home page that is the default site's root (Wagtail's welcome page removed)."""
    # A transactional test elsewhere in the run may have flushed what migrations created.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales["en"])
    )
    home = HomePageFactory(parent=root, slug="home-en", locale=locales["en"])
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.port = 80
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


@pytest.fixture
def german_home(home_page, locales):
    """The home page's German translation, published."""
    german = home_page.copy_for_translation(locales["de"])
    german.title = "STEM PD Net (Deutsch)"
    german.hero_title = "Bessere Fortbildung für MINT-Lehrkräfte"
    german.save_revision().publish()
    return german


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (fragments, rate limits, feeds)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's default language. A request through the test client
    leaves its language active in the thread (a real server activates one per request), so a
    German page fetched by one test would otherwise turn the next test's messages German."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def same_factory_data_every_run(request):
    """Factories make the same random words for a test in every run, whatever ran before it in
    its process: a test that passes once passes always (a random English intro once contained
    a word a search test looked for)."""
    import factory.random

    factory.random.reseed_random(request.node.nodeid)


def pytest_collection_modifyitems(items):
    """Refuse a transactional test that does not restore the migrations' data (see
    `tests.committing`): mixed with serialized ones it breaks whichever runs after it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test must use tests.committing.COMMITS"
            )
