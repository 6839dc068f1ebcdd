"""Cancellation policy (events package docstring): kept, marked, higher SEQUENCE, prefixed."""

import pytest

from events.models import EventPage
from tests.events.helpers import parse
from tests.factories.events import publish

pytestmark = pytest.mark.django_db


def test_cancelled_event_keeps_uid_and_bumps_sequence(client, make_event):
    event = make_event(title="Multiplier event")
    before = next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))
    publish(event, status=EventPage.Status.CANCELLED)
    after = next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert str(after["STATUS"]) == "CANCELLED"


def test_cancelled_event_title_is_prefixed_for_google_calendar(client, make_event):
    make_event(title="Multiplier event", status=EventPage.Status.CANCELLED)
    vevent = next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))
    assert str(vevent["SUMMARY"]) == "Cancelled: Multiplier event"
    assert str(vevent["DESCRIPTION"]).startswith("This event has been cancelled.")


def test_cancelled_event_offers_no_registration(client, make_event):
    event = make_event(
        status=EventPage.Status.CANCELLED, registration_url="https://example.org/register"
    )
    vevent = next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))
    assert "Register:" not in str(vevent["DESCRIPTION"])
    page = client.get(event.url).content.decode()
    assert "https://example.org/register" not in page
    assert "This event has been cancelled." in page


def test_postponed_event_is_tentative_and_prefixed(client, make_event):
    make_event(title="Workshop", status=EventPage.Status.POSTPONED)
    vevent = next(iter(parse(client.get("/en/calendar.ics")).walk("VEVENT")))
    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert str(vevent["SUMMARY"]) == "Postponed: Workshop"
