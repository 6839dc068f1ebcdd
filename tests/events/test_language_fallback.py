"""Visitors in every language see all of the network's events: their language's version where
one exists, else the source version, marked with its language (listings, month, home, feeds)."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.events.helpers import parse, vevents
from tests.factories.events import EventPageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_index(events_index, german_home, locales):
    """The events index translated into German and published."""
    german = events_index.copy_for_translation(locales["de"])
    german.title = "Veranstaltungen"
    return publish(german)


def translate(event, locale, title: str):
    """Publish a translation of `event` into `locale` under the title `title`."""
    translation = event.copy_for_translation(locale)
    translation.title = title
    return publish(translation)


def test_german_index_lists_untranslated_events_marked_with_their_language(
    client, make_event, german_index
):
    make_event(title="English only")
    html = client.get(german_index.url).content.decode()
    assert "English only" in html
    assert 'hreflang="en" lang="en"' in html
    assert '<span class="badge badge--lang" lang="en" title="English">EN</span>' in html


def test_german_index_shows_the_german_version_of_a_translated_event_once(
    client, make_event, german_index, locales
):
    event = make_event(title="Final conference")
    translate(event, locales["de"], "Abschlusskonferenz")
    response = client.get(german_index.url)
    titles = [card.title for card in response.context["cards"]]
    assert titles == ["Abschlusskonferenz"]
    assert "badge--lang" not in response.content.decode()


def test_english_index_does_not_show_german_versions(
    client, make_event, events_index, german_index, locales
):
    event = make_event(title="Final conference")
    translate(event, locales["de"], "Abschlusskonferenz")
    titles = [card.title for card in client.get(events_index.url).context["cards"]]
    assert titles == ["Final conference"]


def test_a_german_only_event_shows_in_english_marked_german(
    client, events_index, german_index, locales
):
    page = EventPageFactory.build(title="Nur auf Deutsch", locale=locales["de"])
    german_index.add_child(instance=page)
    publish(page)
    response = client.get(events_index.url)
    assert [card.title for card in response.context["cards"]] == ["Nur auf Deutsch"]
    assert 'hreflang="de" lang="de"' in response.content.decode()


def test_german_month_view_lists_untranslated_events(client, make_event, german_index):
    make_event(title="English only", start_date=date(2030, 6, 3))
    html = client.get(f"{german_index.url}?view=month&year=2030&month=6").content.decode()
    assert "English only" in html
    assert 'hreflang="en"' in html


def test_draft_translation_never_hides_the_source_version(
    client, make_event, german_index, locales
):
    event = make_event(title="Final conference")
    draft = event.copy_for_translation(locales["de"])
    draft.title = "Entwurf"
    draft.save_revision()
    titles = [card.title for card in client.get(german_index.url).context["cards"]]
    assert titles == ["Final conference"]


def test_german_calendar_holds_all_events_and_strict_only_translated_ones(
    client, make_event, german_index, locales
):
    make_event(title="English only")
    translated = make_event(title="Final conference", start_date=date(2030, 7, 1))
    translate(translated, locales["de"], "Abschlusskonferenz")
    assert set(vevents(parse(client.get("/de/calendar.ics")))) == {
        "English only",
        "Abschlusskonferenz",
    }
    assert set(vevents(parse(client.get("/de/calendar.ics?strict=1")))) == {"Abschlusskonferenz"}
    assert set(vevents(parse(client.get("/en/calendar.ics")))) == {
        "English only",
        "Final conference",
    }


@pytest.mark.parametrize("value", ["yes", "2", "1' OR 1=1", "x" * 500])
def test_a_bad_strict_value_is_a_clear_400(client, german_home, value):
    response = client.get("/de/calendar.ics", {"strict": value})
    assert response.status_code == 400
    assert b"strict" in response.content


def test_cached_german_feed_follows_a_new_translation(client, make_event, german_index, locales):
    event = make_event(title="Final conference")
    assert set(vevents(parse(client.get("/de/calendar.ics")))) == {"Final conference"}
    assert set(vevents(parse(client.get("/de/calendar.ics?strict=1")))) == set()
    translate(event, locales["de"], "Abschlusskonferenz")
    assert set(vevents(parse(client.get("/de/calendar.ics")))) == {"Abschlusskonferenz"}
    assert set(vevents(parse(client.get("/de/calendar.ics?strict=1")))) == {"Abschlusskonferenz"}
    assert set(vevents(parse(client.get("/en/calendar.ics")))) == {"Final conference"}


def test_german_home_section_lists_untranslated_events_with_a_badge(
    client, make_event, german_home
):
    make_event(title="English only")
    html = client.get(german_home.url).content.decode()
    assert "English only" in html
    assert '<span class="badge badge--lang" lang="en" title="English">EN</span>' in html


def test_german_index_query_count_is_the_same_for_5_and_50_events(
    client, events_index, german_index, locales
):
    url = german_index.url

    def add(count: int) -> int:
        for n in range(count):
            page = EventPageFactory.build(start_date=date(2030, 6, 3) + timedelta(days=n % 20))
            events_index.add_child(instance=page)
            publish(page)
            if n % 3 == 0:
                translate(page, locales["de"], f"Veranstaltung {n}")
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert add(5) == add(45)
