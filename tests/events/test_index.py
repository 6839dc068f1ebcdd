"""The events index: upcoming, past and month views, filters, hostile input, fixed query count."""

from datetime import date, time, timedelta

from django.utils import timezone

import pytest

from events.models import EventIndexPage, EventPage
from tests.factories.events import EventCategoryFactory, EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [card.title for card in response.context["cards"]]


def test_index_lists_upcoming_events_soonest_first(client, make_event, events_index):
    make_event(title="Later", start_date=date(2031, 1, 10))
    make_event(title="Sooner", start_date=date(2030, 5, 1))
    make_event(title="Over", start_date=date(2020, 5, 1))
    response = client.get(events_index.url)
    assert response.status_code == 200
    assert _titles(response) == ["Sooner", "Later"]


def test_recurring_series_is_listed_by_its_next_occurrence(client, make_event, events_index):
    today = timezone.localdate()
    make_event(
        title="Weekly webinar",
        start_date=today - timedelta(days=70),
        recurrence_frequency="WEEKLY",
        recurrence_count=52,
    )
    make_event(title="In three weeks", start_date=today + timedelta(days=21))
    assert _titles(client.get(events_index.url)) == ["Weekly webinar", "In three weeks"]


def test_past_view_lists_newest_first(client, make_event, events_index):
    make_event(title="2015 meeting", start_date=date(2015, 3, 1))
    make_event(title="2019 conference", start_date=date(2019, 6, 3))
    make_event(title="Future", start_date=date(2031, 1, 1))
    assert _titles(client.get(events_index.url + "?view=past")) == [
        "2019 conference",
        "2015 meeting",
    ]


def test_past_view_is_paginated(client, make_event, events_index):
    for n in range(12):
        make_event(title=f"Old {n}", start_date=date(2015, 1, 1) + timedelta(days=n))
    second = client.get(events_index.url + "?view=past&page=2")
    assert _titles(second) == ["Old 1", "Old 0"]


def test_month_view_is_a_table_with_caption_and_column_headers(client, make_event, events_index):
    make_event(title="Final conference", start_date=date(2030, 6, 3))
    html = client.get(events_index.url + "?view=month&year=2030&month=6").content.decode()
    assert "<caption>June 2030</caption>" in html
    assert html.count('<th scope="col">') == 7
    assert "Final conference</a>" in html


def test_month_view_expands_recurring_events_and_skips_exceptions(client, events_index):
    from events.models import EventExceptionDate
    from tests.factories.events import publish

    page = EventPageFactory.build(
        title="Weekly webinar",
        start_date=date(2030, 6, 3),
        recurrence_frequency="WEEKLY",
        recurrence_count=10,
    )
    page.exception_dates = [EventExceptionDate(date=date(2030, 6, 17))]
    events_index.add_child(instance=page)
    publish(page)
    response = client.get(events_index.url + "?view=month&year=2030&month=6")
    days = [
        cell.day.day
        for week in response.context["weeks"]
        for cell in week
        if cell.in_month and cell.cards
    ]
    assert days == [3, 10, 24]


def test_month_view_shows_multi_day_events_on_each_day(client, make_event, events_index):
    make_event(
        title="Summer school",
        all_day=True,
        start_time=None,
        end_time=None,
        end_date=date(2030, 7, 2),
        start_date=date(2030, 6, 29),
    )
    response = client.get(events_index.url + "?view=month&year=2030&month=6")
    days = [
        cell.day.day
        for week in response.context["weeks"]
        for cell in week
        if cell.in_month and cell.cards
    ]
    assert days == [29, 30]


def test_events_show_in_their_own_zone_with_the_zone_named(client, make_event, events_index):
    make_event(
        title="Istanbul", time_zone="Europe/Istanbul", start_time=time(10), end_time=time(12)
    )
    html = client.get(events_index.url).content.decode()
    assert 'datetime="2030-06-03T10:00:00+03:00"' in html
    assert '<span class="event-zone">Türkiye Time</span>' in html


def test_filters_by_category_country_and_attendance_mode(client, make_event, events_index):
    webinar = EventCategoryFactory(name="Webinar", slug="webinar")
    make_event(
        title="Online",
        category=webinar,
        attendance_mode="online",
        online_url="https://meet.example.org/",
        venue_country="",
    )
    make_event(title="Helsinki", venue_country="FI")
    make_event(title="Essen", venue_country="DE", venue_city="Essen")
    assert _titles(client.get(events_index.url + "?category=webinar")) == ["Online"]
    assert _titles(client.get(events_index.url + "?country=DE")) == ["Essen"]
    assert _titles(client.get(events_index.url + "?mode=online")) == ["Online"]


def test_drafts_and_private_events_are_not_listed(client, make_event, events_index):
    from wagtail.models import PageViewRestriction

    draft = EventPageFactory.build(title="Draft", live=False)
    events_index.add_child(instance=draft)
    private = make_event(title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_event(title="Public")
    assert _titles(client.get(events_index.url)) == ["Public"]


@pytest.mark.parametrize(
    "query",
    [
        "category=../../etc",
        "category=%00",
        "month=13&year=2030",
        "month=0",
        "year=99999&month=1",
        "year=-5",
        "page=-1",
        "page=abc",
        "page=999",
        "view=../../admin",
        "country=ZZZ",
        "mode=teleport",
        "category=unknown-category",
    ],
)
def test_hostile_query_parameters_answer_404(client, events_index, make_event, query):
    make_event()
    assert client.get(f"{events_index.url}?{query}").status_code == 404


def test_page_one_of_an_empty_listing_is_a_sane_page(client, events_index):
    response = client.get(events_index.url + "?page=1&view=past")
    assert response.status_code == 200
    assert "No past events yet." in response.content.decode()


def test_index_has_feed_links_and_subscribe_buttons(client, make_event, events_index):
    EventCategoryFactory(name="Webinar", slug="webinar")
    html = client.get(events_index.url + "?category=webinar").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" title="STEM PD Net events" '
        'href="http://testserver/en/calendar.ics">'
    ) in html
    assert 'href="http://testserver/en/calendar/category/webinar.ics"' in html
    assert 'href="webcal://testserver/en/calendar.ics"' in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Ftestserver" in html


@pytest.mark.parametrize("view", ["upcoming", "past", "month"])
def test_index_query_count_is_the_same_for_5_and_50_events(client, events_index, view):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    category = EventCategoryFactory(name="Workshop", slug="workshop")
    url = (
        f"{events_index.url}?view={view}&year=2030&month=6"
        if view == "month"
        else (f"{events_index.url}?view={view}")
    )
    start = date(2030, 6, 3) if view != "past" else date(2019, 6, 3)

    def add(count: int) -> int:
        for n in range(count):
            page = EventPageFactory.build(
                start_date=start + timedelta(days=n % 20),
                category=category,
                recurrence_frequency="WEEKLY" if n % 2 else "",
                recurrence_count=3,
            )
            events_index.add_child(instance=page)
            page.save_revision().publish()
        client.get(url)  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert add(5) == add(45)


def test_events_index_is_creatable_only_under_a_home_page():
    from home.models import HomePage, StandardPage

    assert EventIndexPage.can_create_at(HomePage())
    assert not EventIndexPage.can_create_at(StandardPage())
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]


def test_second_events_index_under_the_same_home_is_refused(events_index, home_page):
    assert not EventIndexPage.can_create_at(home_page)
    assert EventIndexPageFactory  # the factory builds the one allowed index
