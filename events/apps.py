"""Event pages, calendar views and iCalendar feeds."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The network's events and the calendar feeds real calendar apps subscribe to."""

    name = "events"
    verbose_name = "Events"
