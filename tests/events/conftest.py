"""Fixtures for the events tests: an events index under the English home page."""

import pytest

from tests.factories.events import EventIndexPageFactory, EventPageFactory, publish


@pytest.fixture
def events_index(home_page):
    """A live events index below the English home page."""
    return publish(EventIndexPageFactory(parent=home_page))


@pytest.fixture
def make_event(events_index):
    """Create and publish an event under the index (keyword arguments set its fields)."""

    def make(parent=None, **fields):
        page = EventPageFactory.build(**fields)
        (parent or events_index).add_child(instance=page)
        return publish(page)

    return make
