"""SEQUENCE rises on every published change of time, place or status, and never goes back."""

from datetime import date, time

import pytest

from events.models import EventPage
from tests.events.helpers import parse
from tests.factories.events import publish

pytestmark = pytest.mark.django_db


def _sequence(client) -> int:
    return next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))["SEQUENCE"]


def test_first_publication_has_sequence_zero(client, make_event):
    make_event()
    assert _sequence(client) == 0


def test_changing_the_time_raises_sequence(client, make_event):
    event = make_event()
    publish(event, start_time=time(10), end_time=time(18))
    assert _sequence(client) == 1


def test_changing_the_place_raises_sequence(client, make_event):
    event = make_event()
    publish(event, venue_city="Espoo")
    assert _sequence(client) == 1


def test_changing_only_the_text_keeps_sequence(client, make_event):
    event = make_event()
    publish(event, title="A better title", lead="Clearer words.")
    assert _sequence(client) == 0


def test_each_published_change_raises_sequence_again(client, make_event):
    event = make_event()
    publish(event, start_date=date(2030, 6, 4))
    publish(event, start_date=date(2030, 6, 5))
    publish(event, status=EventPage.Status.POSTPONED)
    assert _sequence(client) == 3


def test_saving_a_draft_does_not_raise_sequence(client, make_event):
    event = make_event()
    event.start_date = date(2031, 1, 1)
    event.save_revision()
    assert _sequence(client) == 0


def test_republishing_an_old_revision_never_lowers_sequence(client, make_event):
    event = make_event()
    first_revision = event.latest_revision
    publish(event, start_date=date(2030, 7, 1))
    first_revision.publish()
    assert _sequence(client) == 2
    assert EventPage.objects.get(pk=event.pk).start_date == date(2030, 6, 3)


def test_uid_survives_edits_of_title_slug_and_dates(client, make_event):
    event = make_event()
    uid = f"{event.translation_key}@stem-pd-net.eu"
    publish(event, title="Renamed", slug="renamed", start_date=date(2031, 1, 1))
    vevent = next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))
    assert str(vevent["UID"]) == uid
