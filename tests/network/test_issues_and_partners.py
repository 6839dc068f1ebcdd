"""Cross-cutting issues (order, hub) and partner profiles (filters, contacts)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from network.models import BookletIssueLink, IssuePartner, NewsIssueLink, PartnerContact
from tests.factories.network import (
    BookletPageFactory,
    CrossCuttingIssuePageFactory,
    NewsPageFactory,
    PartnerPageFactory,
)

pytestmark = pytest.mark.django_db


def test_issue_index_lists_issues_in_number_order(client, issue_index):
    CrossCuttingIssuePageFactory(parent=issue_index, number=6, title="Partnerships")
    CrossCuttingIssuePageFactory(parent=issue_index, number=1, title="Quality")
    response = client.get(issue_index.url)
    assert [issue.number for issue in response.context["issues"]] == [1, 6]
    assert "Cross-Cutting Issue 06" in response.content.decode()


@pytest.fixture
def linked_issue(issue_index, booklet_index, news_index, partner_index):
    """An issue with a booklet, a news item and a partner linked, plus a linked draft of each."""
    issue = CrossCuttingIssuePageFactory(parent=issue_index, number=6, title="Partnerships")
    partner = PartnerPageFactory(parent=partner_index, title="IMST")
    issue.partners = [IssuePartner(partner=partner)]
    issue.save_revision().publish()
    for live in (True, False):
        booklet = BookletPageFactory(parent=booklet_index, title=f"Booklet live={live}", live=live)
        booklet.issue_links = [BookletIssueLink(issue=issue)]
        booklet.save()
        news = NewsPageFactory(parent=news_index, title=f"News live={live}", live=live)
        news.issue_links = [NewsIssueLink(issue=issue)]
        news.save()
    return issue


def test_issue_hub_gathers_live_booklets_news_and_partners(client, linked_issue):
    body = client.get(linked_issue.url).content.decode()
    assert "Booklet live=True" in body and "News live=True" in body and "IMST" in body
    assert "live=False" not in body


def test_issue_hub_shows_content_in_the_visitors_language_where_translated(
    client, linked_issue, locales
):
    german_issue = linked_issue.copy_for_translation(locales["de"], copy_parents=True)
    german_issue.save_revision().publish()
    english_booklet = linked_issue.hub()["booklets"][0]
    # Nothing translated into German yet: the hub shows the English versions.
    assert [page.pk for page in german_issue.hub()["booklets"]] == [english_booklet.pk]
    german_booklet = english_booklet.copy_for_translation(locales["de"], copy_parents=True)
    german_booklet.save_revision().publish()
    assert [page.pk for page in german_issue.hub()["booklets"]] == [german_booklet.pk]


def test_issue_hub_query_count_does_not_grow_with_links(linked_issue, booklet_index):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            linked_issue.hub()
        return len(queries)

    linked_issue.hub()  # fills what is kept per language (event categories), not per link
    at_few = count()
    for _ in range(20):
        booklet = BookletPageFactory(parent=booklet_index)
        booklet.issue_links = [BookletIssueLink(issue=linked_issue)]
        booklet.save()
    assert count() == at_few


def test_partner_index_filters_by_country_and_type(client, partner_index):
    PartnerPageFactory(parent=partner_index, title="Finnish centre", country="FI")
    PartnerPageFactory(
        parent=partner_index, title="German school", country="DE", partner_type="school"
    )
    by_country = client.get(partner_index.url, {"country": "fi"})
    assert [p.title for p in by_country.context["partners"]] == ["Finnish centre"]
    by_type = client.get(partner_index.url, {"type": "school"})
    assert [p.title for p in by_type.context["partners"]] == ["German school"]
    assert "Finland" in by_country.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"country": "ZZ"}, {"country": "../../etc"}, {"type": "<script>"}, {"country": "x" * 999}],
)
def test_partner_index_ignores_hostile_filters_and_lists_everyone(client, partner_index, query):
    PartnerPageFactory(parent=partner_index)
    PartnerPageFactory(parent=partner_index)
    response = client.get(partner_index.url, query)
    assert response.status_code == 200
    assert len(response.context["partners"]) == 2


def test_partner_country_names_are_translated(client, partner_index, german_home, locales):
    partner = PartnerPageFactory(parent=partner_index, country="FI", city="Helsinki")
    german = partner.copy_for_translation(locales["de"], copy_parents=True)
    german.save_revision().publish()
    assert "Helsinki, Finnland" in client.get(german.url).content.decode()


def test_contact_email_is_shown_only_when_the_editor_allows_it(client, partner_index):
    partner = PartnerPageFactory(parent=partner_index)
    partner.contacts = [
        PartnerContact(name="Shown", email="shown@example.org", show_email=True),
        PartnerContact(name="Hidden", email="hidden@example.org", show_email=False),
    ]
    partner.save_revision().publish()
    body = client.get(partner.url).content.decode()
    assert "shown@example.org" in body
    assert "hidden@example.org" not in body and "Hidden" in body


def test_fictitious_partners_say_they_are_examples(client, partner_index):
    partner = PartnerPageFactory(parent=partner_index, is_example=True)
    assert "fictitious example" in client.get(partner.url).content.decode()


def test_partner_index_query_count_does_not_grow_with_partners(client, partner_index):
    def count_queries() -> int:
        client.get(partner_index.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(partner_index.url)
        return len(queries)

    for _ in range(5):
        PartnerPageFactory(parent=partner_index)
    at_five = count_queries()
    for index in range(45):
        PartnerPageFactory(parent=partner_index, country=["FI", "AT", "TR"][index % 3])
    assert count_queries() == at_five


def test_partner_map_is_an_enhancement_over_a_complete_list(client, partner_index):
    PartnerPageFactory(parent=partner_index, title="Mapped", latitude="60.2", longitude="24.9")
    PartnerPageFactory(parent=partner_index, title="Unmapped")
    body = client.get(partner_index.url).content.decode()
    assert 'data-partner-map data-land="/static/network/europe-land.svg" hidden' in body
    assert 'data-partner-lat="60.200000" data-partner-lon="24.900000"' in body
    assert body.count('class="card card--partner"') == 2
    assert '<script src="/static/network/partner-map.js" defer></script>' in body
