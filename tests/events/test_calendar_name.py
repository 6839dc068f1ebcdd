"""Subscribers see the calendar's name in the feed's language (X-WR-CALNAME), per language."""

import pytest

from tests.events.helpers import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_home(home_page, locales):
    page = home_page.copy_for_translation(locales["fr"])
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/en/calendar.ics", "STEM PD Net events"),
        ("/de/calendar.ics", "STEM PD Net – Veranstaltungen"),
        ("/fr/calendar.ics", "Événements de STEM PD Net"),
    ],
)
def test_calendar_name_is_in_the_feeds_language(client, german_home, french_home, path, name):
    response = client.get(path)
    assert response.status_code == 200
    assert str(parse(response)["X-WR-CALNAME"]) == name
