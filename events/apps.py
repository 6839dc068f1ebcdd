"""Event pages, calendar views and iCalendar feeds."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The network's events and the calendar feeds real calendar apps subscribe to."""

    name = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from events import signals
        from events.models import EventPage

        page_published.connect(signals.bump_sequence_on_publish, sender=EventPage)
