"""The queries every events listing and feed shares, so "public" means the same everywhere."""

from datetime import datetime

from django.db.models import Prefetch, Q

from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from home.seo import in_private_section


class EventQuerySet(PageQuerySet):
    """Queries every listing and feed shares, so "public" means the same everywhere."""

    def visible(self) -> "EventQuerySet":
        """Live, not behind a view restriction: what an anonymous visitor may see.

        The restriction test is a subquery (`home.seo.in_private_section`) rather than
        Wagtail's `public()`, which costs an extra query to load every restriction first.
        """
        return self.live().exclude(in_private_section())

    def past(self, now: datetime) -> "EventQuerySet":
        """Events whose last occurrence is over."""
        return self.filter(last_ends_at__lt=now)

    def ended_after(self, moment: datetime) -> "EventQuerySet":
        """Events not yet over at `moment`, open-ended series included: the upcoming ones at
        `now`, or those inside the feeds' past window."""
        return self.filter(Q(last_ends_at__gte=moment) | Q(last_ends_at__isnull=True))

    def overlapping(self, start: datetime, end: datetime) -> "EventQuerySet":
        """Events whose series may have an occurrence in [start, end)."""
        return self.filter(starts_at__lt=end).ended_after(start)

    def with_schedule(self) -> "EventQuerySet":
        """With what `EventPage.schedule` and feeds read: exception dates by date, category."""
        from events.models.links import EventExceptionDate  # links imports the page model

        return self.select_related("category").prefetch_related(
            Prefetch("exception_dates", queryset=EventExceptionDate.objects.order_by("date"))
        )


EventPageManager = PageManager.from_queryset(EventQuerySet)
