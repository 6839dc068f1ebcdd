"""Event pages, calendar views and iCalendar feeds.

Cancellation policy (what calendar subscribers see):
- Editors cancel an event by setting its status and publishing. It stays on the site and in its
  feeds with the same UID, STATUS:CANCELLED, a higher SEQUENCE, a "Cancelled:" SUMMARY prefix
  (Google Calendar ignores STATUS in subscribed calendars) and a DESCRIPTION saying so first, and
  without a registration link. A postponed event keeps its date until the new one is known, with
  STATUS:TENTATIVE and a "Postponed:" prefix; setting the new date raises SEQUENCE again.
- A cancelled event leaves subscription feeds `EVENTS["FEED_PAST_WINDOW_DAYS"]` days after it ends.
- Unpublishing, deleting or restricting an event drops it from every feed, and calendar apps drop
  it silently: unpublish only events that should never have been announced.
"""
