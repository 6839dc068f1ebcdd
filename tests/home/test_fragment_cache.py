"""Fragments kept across requests even with the page cache off: pictures and the home sections.
A visitor never sees a stale crop or an event that is over because of them."""

import re
from datetime import UTC, datetime, timedelta

from django.core.cache.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import wagtail_factories

from home.templatetags.site_tags import HOME_SECTIONS_SECONDS
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

RENDITION = re.compile(r"/media/images/[^\s\"']+")


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Only the fragment caches remain, as in the uncached benchmark."""
    settings.PAGE_CACHE_SECONDS = 0


def renditions_in(html: str) -> set[str]:
    return set(RENDITION.findall(html))


def test_a_new_focal_point_shows_a_new_crop_on_the_listing_at_once(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    image = wagtail_factories.ImageFactory(title="Workshop", width=1600, height=900)
    NewsPageFactory(parent=index, hero_image=image)
    before = renditions_in(client.get(index.url).content.decode())
    assert before, "the card shows its picture"
    assert renditions_in(client.get(index.url).content.decode()) == before

    image.focal_point_x, image.focal_point_y = 1500, 800
    image.focal_point_width, image.focal_point_height = 100, 100
    image.save()

    after = renditions_in(client.get(index.url).content.decode())
    assert after, "the card still shows its picture"
    assert not after & before, "every size and format is cropped anew"


def test_a_picture_served_from_the_fragment_cache_reads_no_renditions(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    for n in range(3):
        NewsPageFactory(parent=index, hero_image=wagtail_factories.ImageFactory(title=f"P{n}"))
    first = client.get(index.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(index.url).content.decode()
    assert renditions_in(again) == renditions_in(first)
    assert not [q for q in queries if "wagtailimages_rendition" in q["sql"]]


def test_an_event_that_is_over_leaves_the_home_page_without_any_publish(
    client, home_page, monkeypatch
):
    index = EventIndexPageFactory(parent=home_page)
    start = timezone.localdate() + timedelta(days=2)
    EventPageFactory(parent=index, title="Summer school in Kiel", start_date=start)
    assert "Summer school in Kiel" in client.get("/en/").content.decode()
    assert "Summer school in Kiel" in client.get("/en/").content.decode()

    # Days later for the events, but only just past the sections' time bound for the cache:
    # it is the bound, not the cache's daily expiry, that drops the event.
    later = datetime.now(UTC) + timedelta(days=4)
    monkeypatch.setattr(timezone, "now", lambda: later)
    real_clock = locmem.time.time
    clock = type(
        "Clock", (), {"time": staticmethod(lambda: real_clock() + HOME_SECTIONS_SECONDS + 1)}
    )
    monkeypatch.setattr(locmem, "time", clock)
    assert "Summer school in Kiel" not in client.get("/en/").content.decode()
