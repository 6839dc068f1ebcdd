"""What happens when an event is published: SEQUENCE bumps.

Connected in `EventsConfig.ready()`; the feed cache's invalidation is declared there too and
run by `home.caching`. SEQUENCE is raised in the database with an UPDATE, never by
saving the page, so no revision or translation can roll it back.
"""

from django.db.models import F

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
