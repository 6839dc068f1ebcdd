"""Feeds answer conditional GETs with 304 without building, and change when events change."""

from datetime import date

from django.core.cache import cache

import pytest

from tests.factories.events import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_feed_has_etag_and_last_modified(client, make_event):
    make_event()
    response = client.get("/en/calendar.ics")
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_matching_etag_answers_304_without_building(
    client, make_event, django_assert_max_num_queries
):
    make_event()
    etag = client.get("/en/calendar.ics")["ETag"]
    cache.delete(f"events:feed:{etag}")  # not cached: answering 200 would have to build
    # The locale, the view restrictions (Wagtail's public()) and the validator's aggregate.
    with django_assert_max_num_queries(3):
        response = client.get("/en/calendar.ics", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_answers_304(client, make_event):
    make_event()
    last_modified = client.get("/en/calendar.ics")["Last-Modified"]
    response = client.get("/en/calendar.ics", headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_warm_feed_is_served_from_the_cache(client, make_event, django_assert_max_num_queries):
    for n in range(5):
        make_event(title=f"Meeting {n}")
    client.get("/en/calendar.ics")
    with django_assert_max_num_queries(3):
        response = client.get("/en/calendar.ics")
    assert response.status_code == 200
    assert response.content.count(b"BEGIN:VEVENT") == 5


def test_publishing_a_change_changes_the_etag_and_the_content(client, make_event):
    event = make_event()
    before = client.get("/en/calendar.ics")
    publish(event, start_date=date(2030, 9, 1))
    after = client.get("/en/calendar.ics", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert b"20300901T090000" in after.content


def test_unpublishing_an_event_invalidates_the_cached_feed(client, make_event):
    make_event(title="Staying")
    leaving = make_event(title="Leaving")
    etag = client.get("/en/calendar.ics")["ETag"]
    leaving.unpublish()
    response = client.get("/en/calendar.ics", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert b"Leaving" not in response.content


def test_renaming_a_category_invalidates_the_cached_feed(client, make_event):
    from tests.factories.events import EventCategoryFactory

    category = EventCategoryFactory(name="Webinar", slug="webinar")
    make_event(category=category)
    etag = client.get("/en/calendar.ics")["ETag"]
    category.name = "Online seminar"
    category.save()
    response = client.get("/en/calendar.ics", headers={"if-none-match": etag})
    assert b"CATEGORIES:Online seminar" in response.content
