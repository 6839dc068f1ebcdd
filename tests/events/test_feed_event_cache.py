"""Each event's VEVENT is cached between feed builds, and a cached block is never served stale.

Every test first requests the feed, so the blocks are cached, then changes what a subscriber would
see and requests it again: the change must show. The first test proves the blocks are really
reused, so the others exercise the cache rather than a fresh build.
"""

from datetime import date, time

from django.core.cache import cache

from wagtail.models import Site

import pytest

from events.feeds import RECENT_FEEDS
from events.models import EventPage
from tests.events.helpers import parse, vevents
from tests.factories.events import EventCategoryFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_process_copies():
    """Feed bodies kept by this process from other tests must not answer these requests."""
    RECENT_FEEDS.clear()
    yield
    RECENT_FEEDS.clear()


def _vevent(response, summary: str):
    return vevents(parse(response))[summary]


def test_after_a_publish_only_the_changed_event_is_loaded_and_the_feed_is_unchanged_otherwise(
    client, make_event, django_assert_num_queries
):
    for n in range(5):
        make_event(title=f"Meeting {n}")
    changed = make_event(title="Changing")
    client.get("/en/calendar.ics")
    publish(changed, title="Changed")
    # Locale, validator, key columns, then the changed page and its exception dates (the
    # categories come from their own cache: a publish of an event does not change them).
    with django_assert_num_queries(5) as captured:
        cached = client.get("/en/calendar.ics").content
    loads = [q["sql"] for q in captured if '"events_eventpage"."lead"' in q["sql"]]
    assert len(loads) == 1
    assert f'"events_eventpage"."page_ptr_id" IN ({changed.pk}))' in loads[0]
    cache.clear()
    RECENT_FEEDS.clear()
    assert client.get("/en/calendar.ics").content == cached
    assert set(vevents(parse(client.get("/en/calendar.ics")))) == {
        *(f"Meeting {n}" for n in range(5)),
        "Changed",
    }


def test_editing_and_publishing_an_event_changes_its_vevent(client, make_event):
    event = make_event(title="Network meeting")
    before = _vevent(client.get("/en/calendar.ics"), "Network meeting")
    publish(event, title="Network meeting (new room)", start_time=time(10), end_time=time(18))
    after = _vevent(client.get("/en/calendar.ics"), "Network meeting (new room)")
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    published = EventPage.objects.get(pk=event.pk).last_published_at
    assert after["LAST-MODIFIED"].dt == published.replace(microsecond=0)
    assert after["DTSTART"].dt.hour == 10


def test_renaming_a_category_changes_categories_in_every_feed(client, make_event, events_index):
    category = EventCategoryFactory(name="Webinar", slug="webinar")
    make_event(title="Online session", category=category)
    assert "Webinar" in client.get(events_index.url).content.decode()
    client.get("/en/calendar.ics")
    client.get("/en/calendar/category/webinar.ics")
    category.name = "Online seminar"
    category.save()
    for path in ("/en/calendar.ics", "/en/calendar/category/webinar.ics"):
        assert _vevent(client.get(path), "Online session").categories == ["Online seminar"]
    index = client.get(events_index.url).content.decode()
    assert "Online seminar" in index, "the filter and the cards name it anew"
    assert "Webinar" not in index


def test_unpublished_event_leaves_the_feed_although_its_block_is_cached(client, make_event):
    make_event(title="Staying")
    leaving = make_event(title="Leaving")
    assert set(vevents(parse(client.get("/en/calendar.ics")))) == {"Staying", "Leaving"}
    leaving.unpublish()
    assert set(vevents(parse(client.get("/en/calendar.ics")))) == {"Staying"}


def test_another_host_gets_its_own_urls(client, make_event, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "events.example.org"]
    Site.objects.create(hostname="events.example.org", port=80, root_page=home_page)
    make_event(title="Network meeting", slug="network-meeting")
    default = _vevent(client.get("/en/calendar.ics"), "Network meeting")
    other = _vevent(
        client.get("/en/calendar.ics", headers={"host": "events.example.org"}), "Network meeting"
    )
    assert str(default["URL"]) == "http://testserver/en/events/network-meeting/"
    assert str(other["URL"]) == "http://events.example.org/en/events/network-meeting/"


def test_a_changed_site_address_changes_event_urls(client, make_event):
    make_event(title="Network meeting", slug="network-meeting")
    client.get("/en/calendar.ics")
    site = Site.objects.get(is_default_site=True)
    site.port = 8080
    site.save()
    url = _vevent(client.get("/en/calendar.ics"), "Network meeting")["URL"]
    assert str(url) == "http://testserver:8080/en/events/network-meeting/"


def test_renaming_the_events_section_changes_event_urls(client, make_event, events_index):
    make_event(title="Network meeting", slug="network-meeting")
    client.get("/en/calendar.ics")
    publish(events_index, slug="calendar")
    url = _vevent(client.get("/en/calendar.ics"), "Network meeting")["URL"]
    assert str(url) == "http://testserver/en/calendar/network-meeting/"


def test_each_language_gets_its_own_translated_text(client, make_event, german_home):
    event = make_event(title="Multiplier event", status=EventPage.Status.CANCELLED)
    english = _vevent(
        client.get(f"/en/calendar/event/{event.pk}.ics"), "Cancelled: Multiplier event"
    )
    german = _vevent(client.get(f"/de/calendar/event/{event.pk}.ics"), "Abgesagt: Multiplier event")
    english_again = _vevent(
        client.get(f"/en/calendar/event/{event.pk}.ics"), "Cancelled: Multiplier event"
    )
    assert str(english["LOCATION"]).endswith("Helsinki, Finland")
    assert str(german["LOCATION"]).endswith("Helsinki, Finnland")
    assert str(english_again["LOCATION"]).endswith("Helsinki, Finland")


def test_postponing_an_event_shows_in_the_feed_at_once(client, make_event):
    event = make_event(title="Summer school", start_date=date(2030, 6, 3))
    client.get("/en/calendar.ics")
    publish(event, status=EventPage.Status.POSTPONED)
    vevent = _vevent(client.get("/en/calendar.ics"), "Postponed: Summer school")
    assert str(vevent["STATUS"]) == "TENTATIVE"
