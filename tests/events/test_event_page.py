"""Event pages: JSON-LD, feed discovery, add-to-calendar links, translations."""

import json
import re
from datetime import date, timedelta

from django.utils import timezone

import pytest

from events.models import EventPage
from tests.factories.events import EventCategoryFactory

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_event_page_renders_with_schema_org_event(client, make_event):
    event = make_event(
        title="Hybrid </script> meeting",
        attendance_mode=EventPage.AttendanceMode.HYBRID,
        online_url="https://meet.example.org/x",
        registration_url="https://example.org/register",
    )
    response = client.get(event.url)
    assert response.status_code == 200
    data = _json_ld(response.content.decode())
    assert data["@type"] == "Event"
    assert data["name"] == "Hybrid </script> meeting"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["startDate"] == "2030-06-03T09:00:00+03:00"
    assert data["offers"]["url"] == "https://example.org/register"
    assert data["organizer"]["name"] == "STEM PD Net"


def test_cancelled_event_json_ld_says_so(client, make_event):
    event = make_event(status=EventPage.Status.CANCELLED)
    data = _json_ld(client.get(event.url).content.decode())
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_page_links_its_feeds_for_discovery(client, make_event):
    category = EventCategoryFactory(name="Workshop", slug="workshop")
    event = make_event(category=category)
    html = client.get(event.url).content.decode()
    assert (
        'type="text/calendar" title="STEM PD Net events" href="http://testserver/en/calendar.ics"'
        in html
    )
    assert 'href="http://testserver/en/calendar/category/workshop.ics"' in html
    assert f'href="http://testserver/en/calendar/event/{event.pk}.ics"' in html


def test_event_page_offers_add_to_calendar_links(client, make_event):
    event = make_event()
    html = client.get(event.url).content.decode()
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "dates=20300603T060000Z%2F20300603T140000Z" in html
    assert "https://outlook.live.com/calendar/0/action/compose?" in html


def test_a_series_names_its_next_date_once_and_lists_the_later_ones(client, make_event):
    first = timezone.localdate() + timedelta(days=7)
    event = make_event(start_date=first, recurrence_frequency="WEEKLY", recurrence_count=3)
    html = client.get(event.url).content.decode()
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)T09:00:00[+-]\d\d:\d\d">', html)
    assert dates == [
        first.isoformat(),  # When
        (first + timedelta(days=7)).isoformat(),  # Next dates
        (first + timedelta(days=14)).isoformat(),
    ]


def test_translated_event_shares_uid_and_shows_translated_category(
    client, make_event, german_home, locales
):
    from tests.factories.events import publish

    category = EventCategoryFactory(name="Conference", slug="conference", locale=locales["en"])
    german_category = category.copy_for_translation(locales["de"])
    german_category.name = "Konferenz"
    german_category.save()
    event = make_event(title="Final conference", category=category)
    index = event.get_parent().specific
    german_index = index.copy_for_translation(locales["de"])
    publish(german_index)
    german = event.copy_for_translation(locales["de"])
    german = publish(german, title="Abschlusskonferenz")
    assert german.uid == event.uid
    html = client.get(german.url).content.decode()
    assert "Konferenz" in html
    feed = client.get("/de/calendar.ics").content.decode()
    assert f"UID:{event.uid}" in feed
    assert "CATEGORIES:Konferenz" in feed


def test_later_dates_of_a_series_do_not_repeat_the_time_zone_of_the_first(client, make_event):
    first = timezone.localdate() + timedelta(days=7)
    event = make_event(start_date=first, recurrence_frequency="WEEKLY", recurrence_count=3)
    html = client.get(event.url).content.decode()
    zones = re.findall(r'<span class="event-zone">([^<]+)</span>', html)
    assert zones == ["Eastern European Time (Helsinki)"]  # under When, not again per date


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("tr", "3 Haziran 2019"),
        ("it", "3 Giugno 2019"),  # the capital comes from Django's Italian catalogue
        ("de", "3. Juni 2019"),
    ],
)
def test_a_translated_event_page_writes_the_date_as_its_language_does(
    client, make_event, home_page, locales, language, written
):
    from tests.factories.events import publish

    event = make_event(title="Final conference", start_date=date(2019, 6, 3))
    publish(home_page.copy_for_translation(locales[language]))
    publish(event.get_parent().specific.copy_for_translation(locales[language]))
    translated = publish(event.copy_for_translation(locales[language]), title="Konferans")
    html = client.get(translated.url).content.decode()
    assert written in html
    assert f"0{written}" not in html  # never a zero-padded day ("03 Haziran 2019")
