"""The events section of a cross-cutting issue's hub: upcoming events soonest first, then past
ones, cancelled ones marked, untranslated ones in their source language, and a link to all."""

from datetime import date, timedelta

from django.utils import timezone

import pytest

from events.models import EventIssueLink, EventPage
from events.providers import HUB_LIMIT
from tests.factories.network import CrossCuttingIssueIndexPageFactory, CrossCuttingIssuePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(home_page):
    index = CrossCuttingIssueIndexPageFactory(parent=home_page)
    return CrossCuttingIssuePageFactory(parent=index, number=6, title="Partnerships")


@pytest.fixture
def make_linked(make_event, issue):
    def make(**fields):
        return make_event(issue_links=[EventIssueLink(issue_page=issue)], **fields)

    return make


def _hub_titles(issue) -> list[str]:
    return [item.title for item in issue.hub()["sections"][0].items]


def test_hub_lists_upcoming_events_soonest_first_then_past_ones(make_linked, issue):
    today = timezone.localdate()
    make_linked(title="Long ago", start_date=date(2019, 5, 1))
    make_linked(title="Next year", start_date=today + timedelta(days=365))
    make_linked(title="Last month", start_date=today - timedelta(days=30))
    make_linked(title="Next week", start_date=today + timedelta(days=7))
    assert _hub_titles(issue) == ["Next week", "Next year", "Last month", "Long ago"]


def test_hub_shows_its_events_with_dates_and_a_link_to_all_of_them(
    client, make_linked, issue, events_index
):
    start = timezone.localdate() + timedelta(days=3)
    for n in range(HUB_LIMIT + 2):
        make_linked(title=f"Workshop {n:02}", start_date=start + timedelta(days=n))
    html = client.get(issue.url).content.decode()
    assert "Workshop 00" in html and f"Workshop {HUB_LIMIT - 1:02}" in html
    assert f"Workshop {HUB_LIMIT:02}" not in html
    link = f'<a href="{events_index.url}?issue={issue.pk}">All events about this issue</a>'
    assert link in html
    response = client.get(f"{events_index.url}?issue={issue.pk}")
    assert response.context["page_obj"].paginator.count == HUB_LIMIT + 2


def test_index_filtered_by_issue_lists_only_its_events(
    client, make_linked, make_event, issue, events_index
):
    make_linked(title="About partnerships")
    make_event(title="About something else")
    response = client.get(events_index.url, {"issue": issue.pk})
    assert [card.title for card in response.context["cards"]] == ["About partnerships"]


@pytest.mark.parametrize("value", ["999999", "abc", "-1", "1" * 30])
def test_index_answers_404_to_an_unknown_issue(client, events_index, value):
    assert client.get(events_index.url, {"issue": value}).status_code == 404


def test_hub_marks_cancelled_events(client, make_linked, issue):
    make_linked(title="Called off", status=EventPage.Status.CANCELLED)
    html = client.get(issue.url).content.decode()
    assert '<span class="badge badge--alert">Cancelled</span> <a href=' in html
    assert issue.hub()["sections"][0].items[0].is_cancelled


def test_german_hub_lists_untranslated_events_marked_english(
    client, make_linked, issue, german_home, locales
):
    make_linked(title="English only")
    german_issue = issue.copy_for_translation(locales["de"], copy_parents=True)
    german_issue.save_revision().publish()
    html = client.get(german_issue.url).content.decode()
    assert 'hreflang="en" lang="en">English only</a>' in html
    assert '<span class="badge badge--lang" lang="en" title="English">EN</span>' in html


def test_hub_leaves_out_draft_events(make_linked, issue):
    event = make_linked(title="Withdrawn")
    event.unpublish()
    assert issue.hub()["sections"] == []
