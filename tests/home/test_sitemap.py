"""sitemap.xml lists every live, public page in every language with its alternates; robots.txt."""

import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from wagtail.models import PageViewRestriction

import pytest

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap(client) -> dict[str, dict]:
    """The sitemap as `{loc: {"lastmod": str | None, "alternates": {hreflang: href}}}`."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response, parsed in a test
    entries = {}
    for url in root.findall("sm:url", NS):
        entries[url.findtext("sm:loc", namespaces=NS)] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return entries


@pytest.fixture
def about(home_page, german_home, translate):
    """An English page with a published German translation."""
    page = StandardPageFactory(parent=home_page, slug="about", title="About")
    translate(page, "de", slug="ueber-uns", title="Über uns")
    return page


def test_sitemap_lists_every_live_page_in_every_language(client, about):
    assert set(sitemap(client)) == {
        "http://testserver/en/",
        "http://testserver/de/",
        "http://testserver/en/about/",
        "http://testserver/de/ueber-uns/",
    }


def test_each_entry_lists_all_translations_and_x_default(client, about):
    entry = sitemap(client)["http://testserver/de/ueber-uns/"]
    assert entry["alternates"] == {
        "en": "http://testserver/en/about/",
        "de": "http://testserver/de/ueber-uns/",
        "x-default": "http://testserver/en/about/",
    }


def test_hreflang_pairs_are_symmetric(client, about):
    entries = sitemap(client)
    for loc, entry in entries.items():
        assert loc in entry["alternates"].values(), f"{loc} does not list itself"
        for language, href in entry["alternates"].items():
            if language == "x-default":
                continue
            assert entries[href]["alternates"].get(language) == href
            assert loc in entries[href]["alternates"].values(), f"{href} does not point back"


def test_lastmod_is_the_last_publication_time(client, about):
    about.save_revision().publish()
    about.refresh_from_db()
    lastmod = sitemap(client)["http://testserver/en/about/"]["lastmod"]
    assert lastmod == localtime(about.last_published_at).isoformat()


def test_drafts_never_appear(client, home_page):
    StandardPageFactory(parent=home_page, slug="draft", live=False)
    assert "http://testserver/en/draft/" not in sitemap(client)


def test_unpublished_pages_never_appear(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="old")
    page.unpublish()
    assert "http://testserver/en/old/" not in sitemap(client)


def test_private_pages_and_their_children_never_appear(client, home_page):
    members = StandardPageFactory(parent=home_page, slug="members")
    StandardPageFactory(parent=members, slug="minutes")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    entries = sitemap(client)
    assert "http://testserver/en/members/" not in entries
    assert "http://testserver/en/members/minutes/" not in entries
    assert "http://testserver/en/" in entries


def test_a_private_page_and_its_translations_are_not_announced(client, about):
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    entries = sitemap(client)
    assert not [url for url in entries if url.endswith("/about/")]
    assert not [
        url
        for entry in entries.values()
        for url in entry["alternates"].values()
        if "/about/" in url
    ]


def count_sitemap_queries(client) -> tuple[int, int]:
    """Queries of a sitemap built afresh, and of the next request (kept with its tags)."""
    cache.clear()
    with CaptureQueriesContext(connection) as built:
        client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as kept:
        client.get("/sitemap.xml")
    return len(built), len(kept)


def add_pages(parent, start: int, stop: int) -> None:
    for index in range(start, stop):
        StandardPageFactory(parent=parent, slug=f"page-{index}")


def test_sitemap_query_count_does_not_grow_with_the_number_of_pages(client, about, home_page):
    add_pages(home_page, 0, 5)
    with_five = count_sitemap_queries(client)
    add_pages(home_page, 5, 50)
    with_fifty = count_sitemap_queries(client)
    assert len(sitemap(client)) == 4 + 50
    built, kept = with_fifty
    assert with_five == with_fifty
    assert built <= 4 and kept <= 1  # kept: only the request's site is looked up


def test_the_kept_sitemap_follows_publishes_unpublishes_and_restrictions(client, home_page):
    """Kept with the tags of what it read, so no change waits for a timeout to show."""
    assert "http://testserver/en/" in sitemap(client)
    news = StandardPageFactory(parent=home_page, slug="news")
    assert "http://testserver/en/news/" in sitemap(client)  # published: listed at once
    PageViewRestriction.objects.create(page=news, restriction_type="login")
    assert "http://testserver/en/news/" not in sitemap(client)  # now private
    PageViewRestriction.objects.filter(page=news).delete()
    assert "http://testserver/en/news/" in sitemap(client)
    news.unpublish()
    assert "http://testserver/en/news/" not in sitemap(client)


def test_a_draft_does_not_rebuild_the_sitemap(client, home_page):
    page = StandardPageFactory(parent=home_page, slug="about")
    sitemap(client)
    page.title = "A draft title"
    page.save_revision()
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    assert len(queries) <= 1


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_keeps_crawlers_out_of_search_results_in_every_language(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /en/search/" in lines
    assert "Disallow: /de/search/" in lines


def test_crawlers_may_ask_for_the_sitemap_and_robots_txt_with_head(client, home_page):
    assert client.head("/sitemap.xml").status_code == 200
    assert client.head("/robots.txt").status_code == 200
