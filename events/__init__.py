"""Event pages, calendar views and iCalendar feeds.

Cancellation policy (what calendar subscribers see; tested in tests/events/test_cancellation.py):

- A cancelled event is *not* removed. Editors set its status to "cancelled" and publish. The event
  stays on the site (marked cancelled) and in every feed it belonged to, with the same UID,
  STATUS:CANCELLED, a SEQUENCE one higher than before, a SUMMARY prefixed with "Cancelled:" in the
  feed's language and a DESCRIPTION that starts by saying so. Apple Calendar, Thunderbird and
  Outlook honour STATUS; Google Calendar ignores it in subscribed calendars, hence the prefix.
- It leaves subscription feeds like any past event: once it ended more than
  `EVENTS["FEED_PAST_WINDOW_DAYS"]` days ago (default 365).
- A postponed event keeps its date until the new one is known, with STATUS:TENTATIVE and a
  "Postponed:" prefix; setting the new date raises SEQUENCE again.
- Unpublishing (or deleting, or restricting) an event removes it from every feed at once. Calendar
  apps then drop it silently, so unpublish only events that should never have been announced.
- Registration links are no longer offered for cancelled events.
"""
