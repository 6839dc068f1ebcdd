"""A translation that is still a draft never hides the live original from visitors in that
language: `/de/` listings, hubs and home sections keep showing the source version, marked with
its language, until the German version is published."""

import pytest

from network.models import BookletIssueLink, IssuePartner, NewsIssueLink
from tests.factories.network import (
    BookletPageFactory,
    CrossCuttingIssuePageFactory,
    NewsPageFactory,
    PartnerPageFactory,
)

pytestmark = pytest.mark.django_db

BADGE_EN = '<span class="badge badge--lang" lang="en" title="English">EN</span>'
DRAFT_TITLE = "Unveröffentlichter Entwurf"


def translate(page, locale, title: str):
    """Publish a translation of `page` (and of its parents where missing) titled `title`."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    return translation


def draft_translation(page, locale):
    """Start a German translation of `page` and save it as a draft, never published."""
    draft = page.copy_for_translation(locale)
    draft.title = DRAFT_TITLE
    draft.save_revision()
    assert not draft.live
    return draft


def shows_the_english_original(html: str, title: str) -> bool:
    """The page links the English original, marked English, and nothing of the draft."""
    return f'lang="en">{title}</a>' in html and BADGE_EN in html and DRAFT_TITLE not in html


def test_german_news_index_keeps_showing_news_whose_translation_is_a_draft(
    client, news_index, german_home, locales
):
    german_index = translate(news_index, locales["de"], "Neuigkeiten")
    news = NewsPageFactory(parent=news_index, title="New centre joins")
    draft_translation(news, locales["de"])
    html = client.get(german_index.url).content.decode()
    assert shows_the_english_original(html, "New centre joins")


def test_german_publications_keep_showing_a_booklet_whose_translation_is_a_draft(
    client, booklet_index, german_home, locales
):
    german_index = translate(booklet_index, locales["de"], "Publikationen")
    booklet = BookletPageFactory(parent=booklet_index, title="Inquiry in practice")
    draft_translation(booklet, locales["de"])
    html = client.get(german_index.url).content.decode()
    assert shows_the_english_original(html, "Inquiry in practice")


def test_german_partners_keep_showing_a_partner_whose_translation_is_a_draft(
    client, partner_index, german_home, locales
):
    german_index = translate(partner_index, locales["de"], "Partner")
    partner = PartnerPageFactory(parent=partner_index, title="Freiburg centre")
    draft_translation(partner, locales["de"])
    html = client.get(german_index.url).content.decode()
    assert shows_the_english_original(html, "Freiburg centre")


def test_german_issue_index_keeps_showing_an_issue_whose_translation_is_a_draft(
    client, issue_index, german_home, locales
):
    german_index = translate(issue_index, locales["de"], "Querschnittsthemen")
    issue = CrossCuttingIssuePageFactory(parent=issue_index, title="Partnerships", number=6)
    draft_translation(issue, locales["de"])
    html = client.get(german_index.url).content.decode()
    assert "Partnerships" in html and DRAFT_TITLE not in html


def test_german_hub_keeps_showing_linked_items_whose_translations_are_drafts(
    client, issue_index, booklet_index, news_index, partner_index, german_home, locales
):
    issue = CrossCuttingIssuePageFactory(parent=issue_index, number=6)
    booklet = BookletPageFactory(parent=booklet_index, title="Partnerships booklet")
    booklet.issue_links = [BookletIssueLink(issue=issue)]
    booklet.save_revision().publish()
    news = NewsPageFactory(parent=news_index, title="Partnership news")
    news.issue_links = [NewsIssueLink(issue=issue)]
    news.save_revision().publish()
    partner = PartnerPageFactory(parent=partner_index, title="Freiburg centre")
    issue.partners = [IssuePartner(partner=partner)]
    issue.save_revision().publish()
    german_issue = translate(issue, locales["de"], "Partnerschaften")
    # The German booklet, news item and partner exist, as drafts, beside published German indexes.
    for page, index_title in ((booklet, "Publikationen"), (news, "Neuigkeiten")):
        translate(page.get_parent(), locales["de"], index_title)
        draft_translation(page, locales["de"])
    translate(partner_index, locales["de"], "Partner")
    draft_translation(partner, locales["de"])

    html = client.get(german_issue.url).content.decode().replace("\u00ad", "")  # soft hyphens
    assert "Partnerships booklet" in html
    assert "Partnership news" in html
    assert "Freiburg centre" in html
    assert DRAFT_TITLE not in html


def test_german_home_sections_keep_showing_items_whose_translations_are_drafts(
    client, news_index, booklet_index, german_home, locales
):
    news = NewsPageFactory(parent=news_index, title="English news")
    booklet = BookletPageFactory(parent=booklet_index, title="English booklet")
    for page, index_title in ((news, "Neuigkeiten"), (booklet, "Publikationen")):
        translate(page.get_parent(), locales["de"], index_title)
        draft_translation(page, locales["de"])
    html = client.get(german_home.url).content.decode()
    assert shows_the_english_original(html, "English news")
    assert shows_the_english_original(html, "English booklet")
