"""Query budgets on a warm cache: home <= 12, detail pages <= 15, listings <= 20."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from network.models import BookletIssueLink, NewsAuthor, NewsIssueLink
from tests.factories.network import (
    BookletPageFactory,
    CrossCuttingIssuePageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    PartnerPageFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def full_site(locales, news_index, booklet_index, issue_index, partner_index):
    """A news item with authors, categories, tags and links, and a booklet linked to an issue."""
    issue = CrossCuttingIssuePageFactory(parent=issue_index, number=6)
    partner = PartnerPageFactory(parent=partner_index)
    booklet = BookletPageFactory(parent=booklet_index, coordinator=partner)
    booklet.issue_links = [BookletIssueLink(issue=issue)]
    booklet.save_revision().publish()
    news = NewsPageFactory(parent=news_index)
    news.authors = [NewsAuthor(person=PersonFactory(locale=locales["en"])) for _ in range(3)]
    news.issue_links = [NewsIssueLink(issue=issue)]
    news.categories = [NewsCategoryFactory(locale=locales["en"]) for _ in range(2)]
    news.tags.add("network", "quality")
    news.save_revision().publish()
    return {"news": news, "booklet": booklet, "issue": issue, "partner": partner}


def test_home_page_stays_within_twelve_queries(client, full_site):
    assert queries_for(client, "/en/") <= 12


@pytest.mark.parametrize("name", ["news", "booklet", "partner"])
def test_detail_pages_stay_within_fifteen_queries(client, full_site, name):
    assert queries_for(client, full_site[name].url) <= 15


def test_issue_hub_stays_within_the_listing_budget(client, full_site):
    assert queries_for(client, full_site["issue"].url) <= 20


def test_menu_shows_a_renamed_page_as_soon_as_it_is_published(client, home_page, news_index):
    from home.models import MainMenu, MainMenuItem

    menu = MainMenu(locale=home_page.locale, items=[MainMenuItem(link_page=news_index)])
    menu.save()
    menu.save_revision().publish()
    assert ">News<" in client.get("/en/").content.decode()
    news_index.title = "Latest from the network"
    news_index.save_revision().publish()
    assert ">Latest from the network<" in client.get("/en/").content.decode()


def test_a_translated_page_costs_one_query_per_related_model_more(
    client, full_site, german_home, locales
):
    """Untranslated authors, categories and linked pages are looked up in German: three
    queries, whatever their number (at most 15 for the English item, 20 for the German)."""
    english = full_site["news"]
    german = english.copy_for_translation(locales["de"], copy_parents=True)
    german.title = "Deutsche Meldung"
    german.save_revision().publish()
    assert queries_for(client, german.url) <= queries_for(client, english.url) + 5
    assert queries_for(client, german.url) <= 20
