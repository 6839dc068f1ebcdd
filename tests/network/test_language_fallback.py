"""Network listings, hubs and home sections in one language show every item: that language's
version where one exists, else the source version, marked with its language."""

import pytest

from network.models import BookletIssueLink
from tests.factories.network import BookletPageFactory, NewsPageFactory, PartnerPageFactory

pytestmark = pytest.mark.django_db

BADGE_EN = '<span class="badge badge--lang" lang="en" title="English">EN</span>'


def translate(page, locale, title: str):
    """Publish a translation of `page` (and of its parents where missing) titled `title`."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def german_news_index(news_index, german_home, locales):
    return translate(news_index, locales["de"], "Neuigkeiten")


def test_german_news_index_lists_untranslated_news_marked_english(
    client, news_index, german_news_index
):
    NewsPageFactory(parent=news_index, title="English only")
    html = client.get(german_news_index.url).content.decode()
    assert 'hreflang="en" lang="en">English only</a>' in html
    assert BADGE_EN in html


def test_german_news_index_shows_a_translated_item_once_in_german(
    client, news_index, german_news_index, locales
):
    news = NewsPageFactory(parent=news_index, title="New centre joins")
    translate(news, locales["de"], "Neues Zentrum")
    response = client.get(german_news_index.url)
    assert [item.title for item in response.context["news_page"]] == ["Neues Zentrum"]
    assert "badge--lang" not in response.content.decode()


def test_english_news_index_has_no_badges_for_its_own_items(client, news_index):
    NewsPageFactory(parent=news_index, title="English item")
    html = client.get(news_index.url).content.decode()
    assert "English item" in html and "badge--lang" not in html


def test_german_home_sections_list_untranslated_news_and_publications(
    client, news_index, booklet_index, german_home
):
    NewsPageFactory(parent=news_index, title="English news")
    BookletPageFactory(parent=booklet_index, title="English booklet")
    html = client.get(german_home.url).content.decode()
    assert 'lang="en">English news</a>' in html
    assert 'lang="en">English booklet</a>' in html
    assert html.count(BADGE_EN) >= 2


def test_german_partner_index_lists_untranslated_partners(
    client, partner_index, german_home, locales
):
    PartnerPageFactory(parent=partner_index, title="Freiburg centre")
    german_index = translate(partner_index, locales["de"], "Partner")
    html = client.get(german_index.url).content.decode()
    assert 'lang="en">Freiburg centre</a>' in html and BADGE_EN in html


def test_german_hub_lists_an_untranslated_booklet_then_its_translation(
    client, issue_index, booklet_index, german_home, locales
):
    from tests.factories.network import CrossCuttingIssuePageFactory

    issue = CrossCuttingIssuePageFactory(parent=issue_index, number=6)
    booklet = BookletPageFactory(parent=booklet_index, title="Partnerships booklet")
    booklet.issue_links = [BookletIssueLink(issue=issue)]
    booklet.save_revision().publish()
    german_issue = translate(issue, locales["de"], "Partnerschaften")
    assert [page.pk for page in german_issue.hub()["booklets"]] == [booklet.pk]
    assert BADGE_EN in client.get(german_issue.url).content.decode()
    german_booklet = translate(booklet, locales["de"], "Broschüre")
    assert [page.pk for page in german_issue.hub()["booklets"]] == [german_booklet.pk]
