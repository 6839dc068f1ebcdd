"""A visitor switches language and stays on the same page; pages pass axe-core."""

from wagtail.models import Locale

import pytest

from tests.e2e.conftest import save_screenshots, serious_accessibility_violations
from tests.factories.home import StandardPageFactory

# serialized_rollback restores what migrations created (root page, default site) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def about_in_two_languages(german_home):
    about = StandardPageFactory(
        parent=german_home.get_translation(Locale.objects.get(language_code="en")),
        title="About the network",
        slug="about",
        intro="Who we are.",
    )
    german = about.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = "Über das Netzwerk"
    german.slug = "ueber-uns"
    german.save_revision().publish()
    return about, german


def test_switcher_lists_only_the_languages_the_page_exists_in(
    live_server, page, about_in_two_languages
):
    page.goto(f"{live_server.url}/en/about/")
    switcher = page.get_by_role("navigation", name="Choose language")
    names = sorted(switcher.get_by_role("link").all_inner_texts())
    assert names == ["Deutsch", "English"]  # not French: the page has no French version


def test_switching_language_keeps_the_visitor_on_the_same_page(
    live_server, page, about_in_two_languages
):
    """The German slug differs, and the link must lead there itself: a redirect from
    /de/about/ (Wagtail's translation redirect) would hide a wrong link."""
    redirects = []
    page.on(
        "response",
        lambda response: redirects.append(response.url) if 300 <= response.status < 400 else None,
    )
    page.goto(f"{live_server.url}/en/about/")
    assert page.locator("h1").inner_text() == "About the network"
    german = page.get_by_role("navigation", name="Choose language").get_by_role(
        "link", name="Deutsch"
    )
    assert german.get_attribute("href") in ("/de/ueber-uns/", f"{live_server.url}/de/ueber-uns/")
    german.click()
    page.wait_for_url(f"{live_server.url}/de/ueber-uns/")
    assert redirects == []
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Über das Netzwerk"


def test_home_and_standard_pages_have_no_serious_accessibility_violations(
    live_server, page, about_in_two_languages
):
    for name, path in (("home", "/en/"), ("standard-page", "/en/about/"), ("home-de", "/de/")):
        page.goto(f"{live_server.url}{path}")
        save_screenshots(page, name)
        assert serious_accessibility_violations(page) == [], path
