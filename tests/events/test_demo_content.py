"""The events demo step builds the section, its events and translations, idempotently."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Revision

import pytest

from events.models import EventCategory, EventPage
from home import demo
from tests.events.helpers import parse, vevents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def credentials_in_tmp(tmp_path, monkeypatch):
    """Keep the generated demo password out of the checkout's var/ folder."""
    monkeypatch.setattr(demo, "credentials_path", lambda: tmp_path / "demo-credentials.txt")


@pytest.fixture
def load(django_capture_on_commit_callbacks):
    def run() -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content", "--allow-production", stdout=out)
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
    assert webinar["RRULE"]["COUNT"] == [8]
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
