"""The events app's models: event pages, the events index, categories and an event's inline rows.

Migrations and other modules import everything from here (`events.models.EventPage`,
`events.models.WeekdaysField`), so the modules below may be rearranged freely.
"""

from events.models.categories import EventCategory, categories_for_locale, category_by_slug
from events.models.fields import WeekdaysField, time_zone_choices
from events.models.links import (
    EventExceptionDate,
    EventIssueLink,
    EventOrganiser,
    issue_event_keys,
)
from events.models.pages import EventIndexPage, EventPage

__all__ = [
    "EventCategory",
    "EventExceptionDate",
    "EventIndexPage",
    "EventIssueLink",
    "EventOrganiser",
    "EventPage",
    "WeekdaysField",
    "categories_for_locale",
    "category_by_slug",
    "issue_event_keys",
    "time_zone_choices",
]
