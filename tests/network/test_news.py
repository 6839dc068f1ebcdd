"""News: index order, filters, pagination, hostile input, RSS feed, privacy of drafts."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
from defusedxml import ElementTree as ET

from network.models import NewsPage
from tests.factories.network import BookletPageFactory, NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def titles_in(response) -> list[str]:
    return [item.title for item in response.context["news_page"]]


def test_news_index_lists_newest_first(client, news_index):
    old = NewsPageFactory(parent=news_index, title="Old", date="2019-01-01")
    new = NewsPageFactory(parent=news_index, title="New", date="2019-06-01")
    response = client.get(news_index.url)
    assert response.status_code == 200
    assert titles_in(response) == [new.title, old.title]


def test_drafts_and_private_news_never_appear_in_the_index_or_feed(client, news_index):
    NewsPageFactory(parent=news_index, title="Published item")
    NewsPageFactory(parent=news_index, title="Draft item", live=False)
    private = NewsPageFactory(parent=news_index, title="Private item")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert titles_in(client.get(news_index.url)) == ["Published item"]
    feed = client.get("/en/news/feed/").content.decode()
    assert "Published item" in feed
    assert "Draft item" not in feed and "Private item" not in feed


def test_news_index_filters_by_tag_and_by_category(client, news_index, locales):
    category = NewsCategoryFactory(name="Network news", slug="network-news", locale=locales["en"])
    tagged = NewsPageFactory(parent=news_index, title="Tagged")
    tagged.tags.add("meeting")
    tagged.save_revision().publish()
    in_category = NewsPageFactory(parent=news_index, title="Categorised")
    in_category.categories.add(category)
    in_category.save_revision().publish()
    assert titles_in(client.get(news_index.url, {"tag": "meeting"})) == ["Tagged"]
    assert titles_in(client.get(news_index.url, {"category": "network-news"})) == ["Categorised"]


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"tag": "<script>alert(1)</script>"},
        {"category": "../../etc/passwd"},
        {"tag": "x" * 5000},
    ],
)
def test_hostile_query_parameters_give_a_sane_page(client, news_index, query):
    NewsPageFactory(parent=news_index)
    response = client.get(news_index.url, query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_news_index_paginates_ten_per_page(client, news_index):
    for _ in range(12):
        NewsPageFactory(parent=news_index)
    first = client.get(news_index.url)
    second = client.get(news_index.url, {"page": 2})
    assert len(first.context["news_page"]) == 10
    assert len(second.context["news_page"]) == 2
    assert 'rel="next"' in first.content.decode()


def test_rss_feed_is_valid_rss_2_in_the_visitors_language(client, news_index, german_home):
    NewsPageFactory(parent=news_index, title="English item", lead="A lead, with <b>markup</b>")
    german_index = news_index.copy_for_translation(german_home.locale)
    german_index.save_revision().publish()
    german_item = NewsPageFactory(parent=german_index, title="Deutsche Meldung")
    german_item.save_revision().publish()
    english = ET.fromstring(client.get("/en/news/feed/").content)
    german = ET.fromstring(client.get("/de/news/feed/").content)
    assert english.tag == "rss" and english.attrib["version"] == "2.0"
    # Untranslated items reach every reader in their source language, as on the site.
    links = {item.findtext("title"): item.findtext("link") for item in english.iter("item")}
    assert [item.findtext("title") for item in german.iter("item")] == list(links)
    assert links["English item"].startswith("http://testserver/en/news/")
    assert links["Deutsche Meldung"].startswith("http://testserver/de/")


def test_the_feed_is_discoverable_from_the_news_pages(client, news_index):
    item = NewsPageFactory(parent=news_index)
    for url in (news_index.url, item.url):
        body = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in body
        assert 'href="/en/news/feed/"' in body


def test_a_language_without_news_has_no_feed(client, news_index, german_home):
    assert client.get("/de/news/feed/").status_code == 404


def test_news_index_query_count_does_not_grow_with_items(client, news_index, locales):
    category = NewsCategoryFactory(locale=locales["en"])

    def add(count: int) -> None:
        for _ in range(count):
            page = NewsPageFactory(parent=news_index)
            page.categories.add(category)
            page.tags.add("network")
            page.save_revision().publish()

    def count_queries() -> int:
        client.get(news_index.url)  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(news_index.url).status_code == 200
        return len(queries)

    add(5)
    at_five = count_queries()
    add(45)
    at_fifty = count_queries()
    assert at_five == at_fifty
    assert at_fifty <= 20, "listings stay within 20 queries on a warm cache"


def test_news_pages_only_go_under_the_news_index(home_page, news_index):
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home_page)


def test_a_german_item_leaves_out_the_english_tags_it_cannot_translate(
    client, news_index, german_home
):
    """Tags are free English keywords wagtail-localize does not translate: the German page
    shows its translated categories and no "#network" in another language."""
    item = NewsPageFactory(parent=news_index, title="Meeting held")
    item.tags.add("network")
    item.save_revision().publish()
    german_index = news_index.copy_for_translation(german_home.locale)
    german_index.save_revision().publish()
    german = item.copy_for_translation(german_home.locale)
    german.save_revision().publish()

    english_html = client.get(item.url).content.decode()
    assert '<li><a href="/en/news/?tag=network">#network</a></li>' in english_html
    german_html = client.get(german.url).content.decode()
    assert "#network" not in german_html


def _choice_for(html: str, pk: int) -> str:
    """The checkbox or option of the categories field for category `pk`."""
    match = re.search(rf'<(?:input|option)[^>]*name="categories"[^>]*value="{pk}"[^>]*>', html)
    match = match or re.search(rf'<option[^>]*value="{pk}"[^>]*>', html)
    return match.group(0) if match else ""


def test_the_news_editor_lists_only_the_categories_of_the_pages_language(
    admin_client, news_index, german_home, locales
):
    english = NewsCategoryFactory(name="Network news", slug="network-news", locale=locales["en"])
    translations = {}
    for code, name in (("de", "Netzwerk-Neuigkeiten"), ("fr", "Actualités du réseau")):
        translations[code] = english.copy_for_translation(locales[code])
        translations[code].name = name
        translations[code].save()
    item = NewsPageFactory(parent=news_index, title="Meeting held")
    item.categories.add(english)
    item.save_revision().publish()

    html = admin_client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert "checked" in _choice_for(html, english.pk) or "selected" in _choice_for(html, english.pk)
    assert not _choice_for(html, translations["de"].pk)
    assert "Actualités du réseau" not in html and "Netzwerk-Neuigkeiten" not in html

    german_index = news_index.copy_for_translation(locales["de"])
    german_index.save_revision().publish()
    german = item.copy_for_translation(locales["de"])  # still points at the English category
    german.save_revision().publish()
    html = admin_client.get(f"/admin/pages/{german.pk}/edit/").content.decode()
    chosen = _choice_for(html, translations["de"].pk)
    assert "checked" in chosen or "selected" in chosen
    assert not _choice_for(html, english.pk) and not _choice_for(html, translations["fr"].pk)


def test_home_page_shows_latest_news_and_publications(client, home_page, news_index, booklet_index):
    NewsPageFactory(parent=news_index, title="Fresh news")
    BookletPageFactory(parent=booklet_index, title="Fresh booklet")
    NewsPageFactory(parent=news_index, title="Draft news", live=False)
    body = client.get("/en/").content.decode()
    assert "Fresh news" in body and "Fresh booklet" in body
    assert "Draft news" not in body
