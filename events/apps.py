"""Event pages, calendar views and iCalendar feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The network's events and the calendar feeds real calendar apps subscribe to."""

    name = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from events import signals
        from events.demo_content import build_events
        from events.feeds import FEEDS_TAG
        from events.models import EventCategory, EventIndexPage, EventPage
        from events.providers import issue_hub_events, upcoming_events_provider
        from home.caching.invalidation import DependentCache, declare_dependent_cache
        from home.registry import (
            DemoStep,
            HubSection,
            Listing,
            register_demo_step,
            register_hub_section,
            register_listing,
        )

        page_published.connect(signals.bump_sequence_on_publish, sender=EventPage)
        # The feeds show events, their sections' URLs and categories' names, and only what
        # anonymous visitors may see: moves, slugs and view restrictions count too.
        declare_dependent_cache(
            DependentCache(
                tag=FEEDS_TAG,
                page_types=(EventPage, EventIndexPage),
                models=(EventCategory,),
                tree=True,
            )
        )
        register_listing(
            Listing(
                name="upcoming_events",
                provider=upcoming_events_provider,
                template="events/includes/upcoming_events.html",
                order=30,
                limit=3,
            )
        )
        register_hub_section(
            HubSection(
                name="events",
                heading=_("Events"),
                provider=issue_hub_events,
                order=20,
                more_label=_("All events about this issue"),
            )
        )
        register_demo_step(DemoStep(name="events", run=build_events, order=40))
        # Loaded on every page: its home sections, slots and pages are never unstyled.
        from home.registry import register_stylesheet

        register_stylesheet("events/events.css")
