"""Across a clock change, event pages and listings show the wall-clock time the organisers set in
the event's zone, with the zone's abbreviation and UTC offset of that very day: a 4 p.m. series
in Brussels stays at 4 p.m. after summer time starts, shown as CEST (+02:00), not CET."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
SPRING_2030 = date(2030, 3, 31)  # summer time starts: 02:00 CET becomes 03:00 CEST
AUTUMN_2030 = date(2030, 10, 27)  # summer time ends: 03:00 CEST becomes 02:00 CET

# The names visitors read for the zone's standard and summer time.
SPOKEN = {
    "CET": "Central European Time (Brussels)",
    "CEST": "Central European Summer Time (Brussels)",
}


def english_date(day: date) -> str:
    """The date as the English pages print it (whatever language an earlier test left active)."""
    with translation.override("en"):
        return date_format(day)


def offset_on(day: date, at: time) -> tuple[str, str]:
    """Brussels' UTC offset ("+02:00") and abbreviation ("CEST") at a wall-clock moment."""
    moment = datetime.combine(day, at, tzinfo=BRUSSELS)
    return moment.isoformat()[-6:], moment.tzname()


def next_clock_change(after: date) -> date:
    """The first day after `after` on which Brussels changes its clocks."""
    day = after
    while offset_on(day, time(12)) == offset_on(day + timedelta(days=1), time(12)):
        day += timedelta(days=1)
    return day + timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "offset", "abbreviation"),
    [
        (SPRING_2030 - timedelta(days=1), "+01:00", "CET"),
        (SPRING_2030, "+02:00", "CEST"),
        (AUTUMN_2030 - timedelta(days=1), "+02:00", "CEST"),
        (AUTUMN_2030, "+01:00", "CET"),
    ],
)
def test_event_page_and_listing_show_the_set_time_in_that_days_offset(
    client, make_event, events_index, day, offset, abbreviation
):
    event = make_event(
        title="Seminar",
        start_date=day,
        start_time=time(10),
        end_time=time(12),
        time_zone="Europe/Brussels",
    )
    expected = (
        f'<time datetime="{day.isoformat()}T10:00:00{offset}">'
        f"{english_date(day)}, 10 a.m.</time> – noon "
        f'<span class="event-zone">{SPOKEN[abbreviation]}</span>'
    )
    assert expected in client.get(event.url).content.decode()
    assert expected in client.get(events_index.url).content.decode()


def test_a_daily_series_across_the_next_clock_change_keeps_its_time_on_the_event_page(
    client, make_event
):
    change = next_clock_change(timezone.localdate() + timedelta(days=3))
    first = change - timedelta(days=2)
    event = make_event(
        title="Morning lab",
        start_date=first,
        start_time=time(16),
        end_time=time(17),
        time_zone="Europe/Brussels",
        recurrence_frequency="DAILY",
        recurrence_count=5,
    )
    html = client.get(event.url).content.decode()
    first_zone = offset_on(first, time(16))[1]
    for n in range(5):
        day = first + timedelta(days=n)
        offset, abbreviation = offset_on(day, time(16))
        # A later date names its zone only where it differs from the first date's.
        zone = (
            re.escape(f' <span class="event-zone">{SPOKEN[abbreviation]}</span>')
            if n == 0 or abbreviation != first_zone
            else r"\s*</li>"
        )
        expected = re.escape(
            f'<time datetime="{day.isoformat()}T16:00:00{offset}">'
            f"{english_date(day)}, 4 p.m.</time> – 5 p.m."
        )
        assert re.search(expected + zone, html), f"occurrence on {day} (clocks change on {change})"
    assert len({offset_on(first + timedelta(days=n), time(16)) for n in range(5)}) == 2


def test_month_view_shows_a_daily_series_at_its_time_on_both_sides_of_the_change(
    client, make_event, events_index
):
    make_event(
        title="Evening clinic",
        start_date=SPRING_2030 - timedelta(days=2),
        start_time=time(16),
        end_time=time(17),
        time_zone="Europe/Brussels",
        recurrence_frequency="DAILY",
        recurrence_count=5,
    )
    march = client.get(events_index.url, {"view": "month", "year": 2030, "month": 3})
    april = client.get(events_index.url, {"view": "month", "year": 2030, "month": 4})
    times = '<span class="event-month__time">{}</span> Evening clinic'
    assert march.content.decode().count(times.format("4 p.m.")) == 3  # 29, 30 and 31 March
    assert april.content.decode().count(times.format("4 p.m.")) == 2  # 1 and 2 April
    for response in (march, april):
        assert times.format("5 p.m.") not in response.content.decode()
        assert times.format("3 p.m.") not in response.content.decode()
