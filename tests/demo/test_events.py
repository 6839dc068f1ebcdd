"""The events demo step builds the section, its events and translations, idempotently."""

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from events.models import EventCategory, EventPage
from tests.events.helpers import parse, vevents

pytestmark = pytest.mark.django_db


@pytest.fixture
def load(django_capture_on_commit_callbacks):
    def run(*args: str) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            # The pages' own steps only: the demo's translations are tested in tests/home.
            call_command(
                "load_demo_content",
                "--allow-production",
                "--only",
                "home,network,events",
                *args,
                stdout=out,
            )
        return out.getvalue()

    return run


def _snapshot() -> dict:
    return {
        "events": list(EventPage.objects.order_by("pk").values_list("pk", "sequence", "live")),
        "categories": EventCategory.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_demo_builds_the_final_conference_in_three_languages(client, load):
    load()
    final = EventPage.objects.get(
        slug="links-final-conference-helsinki-2019", locale__language_code="en"
    )
    assert final.start_date.isoformat() == "2019-06-03"
    assert final.venue_city == "Helsinki"
    german = final.get_translation(final.locale.__class__.objects.get(language_code="de"))
    assert german.live
    assert german.title.startswith("LINKS-Abschlusskonferenz")
    html = client.get(german.url).content.decode()
    assert "Universität Helsinki, Campus Kumpula, Gebäude Exactum" in html
    assert "Konferenz" in html  # the category's German name


def test_demo_has_an_upcoming_webinar_series_and_a_cancelled_event(client, load):
    load()
    calendar = parse(client.get("/en/calendar.ics"))
    events = vevents(calendar)
    webinar = events["Webinar series: networks in STEM teacher PD"]
    assert webinar["RRULE"]["COUNT"] == [6]
    assert "Cancelled: Workshop: measuring the quality of a PD activity" in events


def test_german_and_english_final_conference_share_the_uid(client, load):
    load()
    english = EventPage.objects.get(
        slug="links-final-conference-helsinki-2019", locale__language_code="en"
    )
    german = EventPage.objects.get(
        translation_key=english.translation_key, locale__language_code="de"
    )
    (english_event,) = parse(client.get(f"/en/calendar/event/{english.pk}.ics")).walk("VEVENT")
    (german_event,) = parse(client.get(f"/de/calendar/event/{german.pk}.ics")).walk("VEVENT")
    assert str(german_event["UID"]) == str(english_event["UID"])
    assert str(german_event["SUMMARY"]).startswith("LINKS-Abschlusskonferenz")
    assert german_event.categories == ["Konferenz"]


def test_running_the_demo_twice_changes_no_event(load):
    load()
    before = _snapshot()
    load()
    assert _snapshot() == before


def test_demo_programme_lies_in_the_three_months_after_the_load_day(load):
    today = date(2031, 2, 10)
    load(f"--today={today}")
    upcoming = [
        event
        for event in EventPage.objects.filter(locale__language_code="en", start_date__gte=today)
        if event.start_date <= today + timedelta(days=92)
    ]
    scheduled = [event for event in upcoming if not event.is_cancelled]
    assert len(scheduled) >= 6
    assert any(event.recurrence_frequency for event in scheduled), "a recurring series"
    assert any(
        event.all_day and event.end_date and event.end_date > event.start_date
        for event in scheduled
    ), "an all-day meeting over several days"
    assert any(event.attendance_mode == EventPage.AttendanceMode.HYBRID for event in scheduled)
    assert {event.time_zone for event in scheduled} - {"Europe/Brussels", "Europe/Berlin"}
    assert any(event.is_cancelled for event in upcoming)
    every_event = EventPage.objects.filter(locale__language_code="en").select_related("image")
    assert all(event.image and event.image.description for event in every_event), "alt text"
    final = EventPage.objects.get(
        slug="links-final-conference-helsinki-2019", locale__language_code="en"
    )
    assert final.start_date == date(2019, 6, 3), "the archive keeps its real dates"


def test_reloading_on_a_later_day_keeps_an_editors_changes_and_moves_the_rest(load):
    from network.models import NewsPage

    load("--today=2031-02-10")
    meeting = EventPage.objects.get(slug="network-meeting-freiburg", locale__language_code="en")
    meeting.start_date, meeting.end_date = date(2031, 4, 1), date(2031, 4, 3)
    meeting.venue_name = "Kollegiengebäude IV"
    meeting.save_revision().publish()
    output = load("--today=2031-06-01")
    meeting = EventPage.objects.get(pk=meeting.pk)
    assert (meeting.start_date, meeting.end_date) == (date(2031, 4, 1), date(2031, 4, 3))
    assert meeting.venue_name == "Kollegiengebäude IV"
    assert meeting.revisions.count() == 2, "the demo added nothing to the edited event"
    workshop = EventPage.objects.get(slug="online-workshop-training-multipliers")
    assert workshop.start_date == date(2031, 6, 17), "an untouched demo event keeps up"
    assert workshop.live and workshop.revisions.count() == 1
    news = NewsPage.objects.get(slug="webinar-series-announced", locale__language_code="en")
    assert news.date == date(2031, 5, 26)
    assert "0 new item(s)" in output
    before = _snapshot()
    load("--today=2031-06-01")
    assert _snapshot() == before, "a second run on the same day changes nothing"
