"""A German subscriber of one category's calendar (`/de/calendar/category/<slug>.ics`) gets every
event of that category: the German version where one exists, else the source version; with
`?strict=1` only the German ones; and the calendar is named in German, with the category's
German name where it has one."""

from datetime import date

import pytest

from tests.events.helpers import parse, vevents
from tests.factories.events import EventCategoryFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_index(events_index, german_home, locales):
    """The events index translated into German and published."""
    german = events_index.copy_for_translation(locales["de"])
    german.title = "Veranstaltungen"
    return publish(german)


@pytest.fixture
def webinars(make_event, german_index, locales):
    """Webinars: one translated into German, one not; a conference that is not a webinar."""
    webinar = EventCategoryFactory(name="Webinar", slug="webinar")
    german_webinar = webinar.copy_for_translation(locales["de"])
    german_webinar.name = "Webinare"
    german_webinar.save()
    make_event(title="Online session", category=webinar)
    translated = make_event(
        title="Evaluation clinic", category=webinar, start_date=date(2030, 7, 1)
    )
    german = translated.copy_for_translation(locales["de"])
    german.title = "Evaluationssprechstunde"
    publish(german)
    conference = EventCategoryFactory(name="Conference", slug="conference")
    make_event(title="Final conference", category=conference)


def test_german_category_feed_holds_untranslated_events_of_the_category(client, webinars):
    calendar = parse(client.get("/de/calendar/category/webinar.ics"))
    assert set(vevents(calendar)) == {"Online session", "Evaluationssprechstunde"}


def test_german_category_feed_with_strict_holds_only_german_events(client, webinars):
    calendar = parse(client.get("/de/calendar/category/webinar.ics?strict=1"))
    assert set(vevents(calendar)) == {"Evaluationssprechstunde"}


def test_english_category_feed_is_unchanged_by_the_german_versions(client, webinars):
    calendar = parse(client.get("/en/calendar/category/webinar.ics"))
    assert set(vevents(calendar)) == {"Online session", "Evaluation clinic"}


def test_german_category_feed_is_named_in_german_with_the_categorys_german_name(client, webinars):
    calendar = parse(client.get("/de/calendar/category/webinar.ics"))
    assert str(calendar["X-WR-CALNAME"]) == "STEM PD Net – Veranstaltungen: Webinare"


def test_a_category_nobody_translated_has_a_german_feed_under_its_source_name(client, webinars):
    calendar = parse(client.get("/de/calendar/category/conference.ics"))
    assert set(vevents(calendar)) == {"Final conference"}
    assert str(calendar["X-WR-CALNAME"]) == "STEM PD Net – Veranstaltungen: Conference"


@pytest.mark.parametrize("value", ["yes", "2", "x" * 500])
def test_a_bad_strict_value_on_a_german_category_feed_is_a_clear_400(client, webinars, value):
    response = client.get("/de/calendar/category/webinar.ics", {"strict": value})
    assert response.status_code == 400
    assert b"strict" in response.content
