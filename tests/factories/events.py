"""Test factories for events (wagtail-factories): pages are created in the tree, unpublished
changes are not, so tests publish explicitly with `publish()` when they need a live revision."""

from datetime import date, time

import factory
import wagtail_factories
from factory import Faker

from events.models import EventCategory, EventIndexPage, EventPage


class EventCategoryFactory(factory.django.DjangoModelFactory):
    """A category in the default locale unless `locale=` says otherwise."""

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = EventCategory


class EventIndexPageFactory(wagtail_factories.PageFactory):
    """The events section; pass `parent=` a home page."""

    title = "Events"
    slug = "events"
    intro = "What the network organises."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """A one-day in-person event in Helsinki; pass `parent=` an events index."""

    title = factory.Sequence(lambda n: f"Network meeting {n}")
    lead = Faker("sentence")
    start_date = date(2030, 6, 3)
    start_time = time(9, 0)
    end_time = time(17, 0)
    time_zone = "Europe/Helsinki"
    attendance_mode = EventPage.AttendanceMode.IN_PERSON
    venue_name = "University of Helsinki, Exactum building"
    venue_address = "Pietari Kalmin katu 5"
    venue_city = "Helsinki"
    venue_country = "FI"

    class Meta:
        model = EventPage


def publish(page, user=None, **changes):
    """Apply `changes`, save a revision and publish it, as an editor does; returns the live page."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user)
    return type(page).objects.get(pk=page.pk)
