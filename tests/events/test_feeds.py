"""The iCalendar feeds hold what RFC 5545 and real calendar apps need, and nothing private."""

from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from tests.events.helpers import parse, vevents
from tests.factories.events import EventCategoryFactory, EventPageFactory, publish

pytestmark = pytest.mark.django_db

HOSTILE = "Commas, semicolons; back\\slashes\nnew lines, emoji 🧪🔬 and “quotes”"


def test_whole_calendar_feed_has_the_calendar_properties(client, make_event):
    make_event(title="Network meeting")
    calendar = parse(client.get("/en/calendar.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert "STEM PD Net" in str(calendar["PRODID"])
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "STEM PD Net events"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Brussels"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=12)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"


def test_vevent_carries_every_required_property(client, make_event):
    category = EventCategoryFactory(name="Conference", slug="conference")
    event = make_event(
        title="Final conference",
        category=category,
        latitude="60.204500",
        longitude="24.962300",
        registration_url="https://example.org/register",
    )
    vevent = vevents(parse(client.get("/en/calendar.ics")))["Final conference"]
    assert str(vevent["UID"]) == f"{event.translation_key}@stem-pd-net.eu"
    assert vevent["DTSTART"].dt == datetime(2030, 6, 3, 9, tzinfo=vevent["DTSTART"].dt.tzinfo)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert vevent["DTEND"].dt.hour == 17
    for name in ("DTSTAMP", "CREATED", "LAST-MODIFIED"):
        assert vevent[name].dt.utcoffset() == timedelta(0), name
    assert vevent["SEQUENCE"] == 0
    assert "Exactum" in str(vevent["LOCATION"])
    assert vevent["GEO"].latitude == pytest.approx(60.2045)
    assert vevent["GEO"].longitude == pytest.approx(24.9623)
    assert str(vevent["URL"]) == "http://testserver/en/events/final-conference/"
    assert vevent.categories == ["Conference"]
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "Register: https://example.org/register" in str(vevent["DESCRIPTION"])


def test_all_day_multi_day_event_uses_value_date_with_exclusive_end(client, make_event):
    make_event(
        title="Summer school",
        start_time=None,
        end_time=None,
        all_day=True,
        end_date=date(2030, 6, 5),
    )
    raw = client.get("/en/calendar.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20300603\r\n" in raw
    assert "DTEND;VALUE=DATE:20300606\r\n" in raw


def test_every_tzid_used_has_a_vtimezone(client, make_event):
    make_event(title="Helsinki", time_zone="Europe/Helsinki")
    make_event(title="Istanbul", time_zone="Europe/Istanbul")
    calendar = parse(client.get("/en/calendar.ics"))
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert {"Europe/Helsinki", "Europe/Istanbul", "Europe/Brussels"} <= zones
    assert calendar.get_missing_tzids() == set()


def test_recurring_event_has_rrule_with_until_in_utc_and_exdates(client, make_event):
    from events.models import EventExceptionDate

    page = EventPageFactory.build(
        title="Webinar series",
        start_date=date(2030, 1, 7),
        start_time=time(16),
        end_time=time(17),
        time_zone="Europe/Brussels",
        attendance_mode="online",
        online_url="https://meet.example.org/stem",
        recurrence_frequency="WEEKLY",
        recurrence_weekdays=["MO", "WE"],
        recurrence_until=date(2030, 3, 31),
    )
    page.exception_dates = [EventExceptionDate(date=date(2030, 1, 9))]
    from events.models import EventIndexPage

    EventIndexPage.objects.get().add_child(instance=page)
    publish(page)
    raw = client.get("/en/calendar.ics").content.decode()
    # 31 March 2030 is the day summer time starts: 16:00 in Brussels is 14:00 UTC.
    assert "RRULE:FREQ=WEEKLY;UNTIL=20300331T140000Z;BYDAY=MO,WE\r\n" in raw
    assert "EXDATE;TZID=Europe/Brussels:20300109T160000\r\n" in raw


def test_lines_are_folded_at_75_octets_with_crlf(client, make_event):
    make_event(title="Folding " * 30, lead="Ä😀" * 400)
    body = client.get("/en/calendar.ics").content
    assert b"\n" not in body.replace(b"\r\n", b"")
    assert max(len(line) for line in body.split(b"\r\n")) <= 75
    body.decode("utf-8")  # folding never splits a multi-byte character


def test_hostile_text_survives_a_round_trip(client, make_event):
    long_text = ("Lorem ipsum, dolor; sit\namet 🧮 " * 200)[:5000]
    make_event(title=HOSTILE, lead=long_text, venue_name="Hall; A, B\\C")
    vevent = next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))
    assert str(vevent["SUMMARY"]) == HOSTILE
    assert str(vevent["DESCRIPTION"]).startswith(long_text)
    assert str(vevent["LOCATION"]).startswith("Hall; A, B\\C")


def test_independent_parser_vobject_reads_the_feed(client, make_event):
    vobject = pytest.importorskip("vobject")
    make_event(title=HOSTILE, recurrence_frequency="DAILY", recurrence_count=3)
    parsed = vobject.readOne(client.get("/en/calendar.ics").content.decode())
    event = parsed.vevent
    assert event.summary.value == HOSTILE
    assert event.dtstart.value == datetime(2030, 6, 3, 6, tzinfo=UTC)
    assert len(list(event.rruleset)) == 3


def test_independent_parser_ical_reads_the_feed(client, make_event):
    ical_calendar = pytest.importorskip("ical.calendar_stream")
    make_event(title=HOSTILE, lead="x" * 5000, recurrence_frequency="WEEKLY", recurrence_count=4)
    stream = ical_calendar.IcsCalendarStream.from_ics(
        client.get("/en/calendar.ics").content.decode()
    )
    events = stream.calendars[0].events
    assert [event.summary for event in events] == [HOSTILE]
    assert len(events[0].description) >= 5000
    assert len(list(stream.calendars[0].timeline)) == 4


def test_category_feed_holds_only_that_category_and_names_it(client, make_event):
    webinar = EventCategoryFactory(name="Webinar", slug="webinar")
    make_event(title="Online session", category=webinar)
    make_event(title="Meeting")
    calendar = parse(client.get("/en/calendar/category/webinar.ics"))
    assert set(vevents(calendar)) == {"Online session"}
    assert str(calendar["X-WR-CALNAME"]) == "STEM PD Net events: Webinar"


def test_single_event_download_is_an_attachment_with_one_vevent(client, make_event):
    event = make_event(title="Network meeting")
    response = client.get(f"/en/calendar/event/{event.pk}.ics")
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    assert list(vevents(parse(response))) == ["Network meeting"]


def test_drafts_are_in_no_feed(client, events_index):
    draft = EventPageFactory.build(title="Secret draft", live=False)
    events_index.add_child(instance=draft)
    draft.save_revision()
    assert b"Secret draft" not in client.get("/en/calendar.ics").content
    assert client.get(f"/en/calendar/event/{draft.pk}.ics").status_code == 404


def test_unpublished_events_leave_every_feed(client, make_event):
    event = make_event(title="Withdrawn")
    assert b"Withdrawn" in client.get("/en/calendar.ics").content
    event.unpublish()
    assert b"Withdrawn" not in client.get("/en/calendar.ics").content
    assert client.get(f"/en/calendar/event/{event.pk}.ics").status_code == 404


def test_private_events_and_events_below_private_pages_are_in_no_feed(
    client, make_event, events_index
):
    private = make_event(title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert b"Members only" not in client.get("/en/calendar.ics").content
    assert client.get(f"/en/calendar/event/{private.pk}.ics").status_code == 404
    make_event(title="Also hidden")
    PageViewRestriction.objects.create(page=events_index, restriction_type="login")
    assert b"Also hidden" not in client.get("/en/calendar.ics").content


def test_events_older_than_the_window_are_left_out_of_subscriptions(client, make_event, settings):
    old = make_event(title="Long ago", start_date=timezone.localdate() - timedelta(days=400))
    make_event(title="Last month", start_date=timezone.localdate() - timedelta(days=30))
    titles = set(vevents(parse(client.get("/en/calendar.ics"))))
    assert titles == {"Last month"}
    settings.EVENTS = {"FEED_PAST_WINDOW_DAYS": 20}
    assert set(vevents(parse(client.get("/en/calendar.ics")))) == set()
    # A single event's download is never limited by the window.
    assert client.get(f"/en/calendar/event/{old.pk}.ics").status_code == 200


def test_strict_feed_of_another_language_holds_only_that_languages_events(
    client, make_event, german_home
):
    make_event(title="English only")
    calendar = parse(client.get("/de/calendar.ics?strict=1"))
    assert vevents(calendar) == {}
    assert str(calendar["X-WR-CALNAME"])  # still a valid, named, empty calendar


@pytest.mark.parametrize(
    "path",
    [
        "/en/calendar/category/..%2F..%2Fetc.ics",
        "/en/calendar/category/nope.ics",
        "/en/calendar/event/999999.ics",
        "/en/calendar/event/-1.ics",
        "/xx/calendar.ics",
    ],
)
def test_hostile_feed_addresses_answer_404(client, events_index, path):
    assert client.get(path).status_code == 404


def test_feeds_refuse_post(client, events_index):
    assert client.post("/en/calendar.ics").status_code == 405
