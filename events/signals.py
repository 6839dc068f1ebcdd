"""What happens when events change: SEQUENCE bumps and feed cache invalidation.

Connected in `EventsConfig.ready()`. SEQUENCE is raised in the database with an UPDATE, never by
saving the page, so no revision or translation can roll it back.
"""

from django.db.models import F

from events.feeds import mark_feeds_changed
from events.models import EventPage


def bump_sequence_on_publish(sender, instance, **kwargs) -> None:
    """Raise SEQUENCE when a published revision changes the event's time, place or status."""
    stored = EventPage.objects.filter(pk=instance.pk).values_list("schedule_fingerprint").first()
    if stored is None:
        return
    instance.refresh_schedule()
    fingerprint = instance.compute_schedule_fingerprint()
    if stored[0] == fingerprint:
        return
    # The first publication records the schedule; only later changes are "changes".
    step = 1 if stored[0] else 0
    EventPage.objects.filter(pk=instance.pk).update(
        sequence=F("sequence") + step, schedule_fingerprint=fingerprint
    )
    instance.sequence += step
    instance.schedule_fingerprint = fingerprint


def feeds_changed(sender, **kwargs) -> None:
    """Anything that may change what a feed contains starts a new feed generation."""
    mark_feeds_changed()


def restriction_changed(sender, instance, **kwargs) -> None:
    """A view restriction anywhere may hide events (ancestors count), so feeds must rebuild."""
    mark_feeds_changed()
