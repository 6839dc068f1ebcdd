"""Helpers shared by the events tests: fetch a feed and parse it back."""

from icalendar import Calendar


def parse(response) -> Calendar:
    """The response body parsed by icalendar (fails the test on invalid iCalendar)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> dict[str, object]:
    """VEVENTs keyed by SUMMARY."""
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
