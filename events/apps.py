"""Event pages, calendar views and iCalendar feeds."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The network's events and the calendar feeds real calendar apps subscribe to."""

    name = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from events import signals
        from events.demo_content import build_events
        from events.models import EventCategory, EventIndexPage, EventPage
        from events.views import upcoming_events_provider
        from home.registry import DemoStep, Listing, register_demo_step, register_listing

        page_published.connect(signals.bump_sequence_on_publish, sender=EventPage)
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(signals.feeds_changed, sender=EventPage, dispatch_uid=f"events-{signal}")
        post_page_move.connect(signals.feeds_changed, dispatch_uid="events-page-move")
        # A renamed section changes its events' URLs without publishing them.
        page_published.connect(
            signals.feeds_changed, sender=EventIndexPage, dispatch_uid="events-index-published"
        )
        page_slug_changed.connect(signals.feeds_changed, dispatch_uid="events-slug-changed")
        post_save.connect(signals.feeds_changed, sender=EventCategory, dispatch_uid="events-cat")
        post_delete.connect(signals.feeds_changed, sender=EventCategory, dispatch_uid="events-cd")
        post_save.connect(signals.restriction_changed, sender=PageViewRestriction)
        post_delete.connect(signals.restriction_changed, sender=PageViewRestriction)

        register_listing(
            Listing(
                name="upcoming_events",
                provider=upcoming_events_provider,
                template="events/includes/upcoming_events.html",
                order=30,
                limit=3,
            )
        )
        register_demo_step(DemoStep(name="events", run=build_events, order=40))
