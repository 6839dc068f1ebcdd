"""An event page's content is kept between visits, yet shows every change at once and what
time alone changes (an event that is over) within a minute."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.cache.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from events.models import EventOrganiser
from tests.factories.events import publish
from tests.factories.network import PartnerIndexPageFactory, PartnerPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(home_page):
    return PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home_page), title="DZLM")


def test_a_second_visit_reads_neither_the_organisers_nor_the_categories(
    client, make_event, partner
):
    event = make_event(title="Summer school", organisers=[EventOrganiser(partner_page=partner)])
    first = client.get(event.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(event.url).content.decode()
    assert again == first
    read = " ".join(query["sql"] for query in queries)
    assert "events_eventorganiser" not in read
    assert "events_eventcategory" not in read


def test_a_retitled_or_withdrawn_organiser_shows_on_the_event_at_once(client, make_event, partner):
    event = make_event(title="Summer school", organisers=[EventOrganiser(partner_page=partner)])
    assert ">DZLM</a>" in client.get(event.url).content.decode()

    publish(partner, title="DZLM Kiel")
    assert ">DZLM Kiel</a>" in client.get(event.url).content.decode()

    partner.unpublish()
    assert "DZLM Kiel" not in client.get(event.url).content.decode()


def test_an_event_that_is_over_says_so_within_a_minute_without_a_publish(
    client, make_event, monkeypatch
):
    # An hour from now in Berlin, whatever the time of day the test runs at.
    start = (timezone.now() + timedelta(hours=1)).astimezone(ZoneInfo("Europe/Berlin"))
    end = start + timedelta(hours=1)
    event = make_event(
        title="Evening webinar",
        start_date=start.date(),
        start_time=start.time().replace(second=0, microsecond=0),
        end_date=end.date(),
        end_time=end.time().replace(second=0, microsecond=0),
        time_zone="Europe/Berlin",
    )
    html = client.get(event.url).content.decode()
    assert "Add to calendar" in html
    assert "When it took place" not in html

    tomorrow = datetime.now(UTC) + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    real_clock = locmem.time.time
    clock = type("Clock", (), {"time": staticmethod(lambda: real_clock() + 61)})
    monkeypatch.setattr(locmem, "time", clock)
    html = client.get(event.url).content.decode()
    assert "When it took place" in html
    assert "Add to calendar" not in html
