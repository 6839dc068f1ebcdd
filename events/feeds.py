"""iCalendar (RFC 5545) feeds: the whole calendar per language, one per category, one per event.

How a request is answered (see ARCHITECTURE.md, "Calendar feeds"):

1. `feed_validator()` computes a cheap validator: one aggregate query (count and latest
   `last_published_at` of the events in scope) plus the feed *generation*, a timestamp in the cache
   that `events.signals` moves on every change that a publish date cannot show (an unpublish, a
   deletion, a new view restriction, a renamed category).
2. When the client's `If-None-Match` / `If-Modified-Since` match, the view answers 304 without
   building anything.
3. Otherwise the feed is looked up in the cache under a key made of that validator, and built only
   on a miss. Publishing changes the validator, so no cache is ever purged by hand.

Feed content follows the cancellation policy in the `events` package docstring: cancelled events
stay in with STATUS:CANCELLED, a higher SEQUENCE and a prefixed title; unpublished, draft and
private events are never in any feed; subscription feeds leave out events that ended more than
`FEED_PAST_WINDOW_DAYS` ago.
"""

import hashlib
import html
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.http import http_date
from django.utils.translation import gettext as _

from wagtail.models import Locale
from wagtail.rich_text import RichText

from icalendar import Calendar, Event
from icalendar.prop import vDuration

from events.conf import get_events_setting
from events.models import (
    EventCategory,
    EventExceptionDate,
    EventPage,
    categories_for_locale,
    event_window_start,
)
from events.timezones import vtimezone_for

GENERATION_KEY = "events:feeds:generation"
# Bump when the feed's shape changes, so caches built by older code are not served.
FEED_FORMAT = "3"
STATUS_MAP = {
    EventPage.Status.SCHEDULED: "CONFIRMED",
    EventPage.Status.POSTPONED: "TENTATIVE",
    EventPage.Status.CANCELLED: "CANCELLED",
}


def mark_feeds_changed() -> float:
    """Start a new feed generation: every validator (and so every cached feed) changes."""
    stamp = time.time()
    cache.set(GENERATION_KEY, stamp, None)
    return stamp


def feed_generation() -> float:
    """The current generation; a cache that lost it starts a new one rather than reuse an old."""
    stamp = cache.get(GENERATION_KEY)
    if stamp is None:
        cache.add(GENERATION_KEY, time.time(), None)
        stamp = cache.get(GENERATION_KEY) or 0.0
    return stamp


@dataclass(frozen=True)
class FeedScope:
    """Which events a feed holds: a language, optionally one category or one event."""

    locale: Locale
    category: EventCategory | None = None
    event_id: int | None = None

    @property
    def is_subscription(self) -> bool:
        """Subscription feeds drop old events; a single event's download never does."""
        return self.event_id is None

    def events(self, now: datetime):
        """The visible events in scope, unordered and unprefetched."""
        queryset = EventPage.objects.visible()
        if self.event_id is not None:
            return queryset.filter(pk=self.event_id)
        queryset = queryset.filter(locale=self.locale).ended_after(event_window_start(now))
        if self.category is not None:
            queryset = queryset.filter(category__slug=self.category.slug)
        return queryset

    def key(self) -> str:
        """The part of the cache key and ETag naming this scope."""
        category = self.category.slug if self.category else "-"
        return f"{self.locale.language_code}:{category}:{self.event_id or '-'}"

    def calendar_name(self) -> str:
        """X-WR-CALNAME in the feed's language."""
        with translation.override(self.locale.language_code):
            if self.category is not None:
                return _("STEM PD Net events: %(category)s") % {"category": self.category.name}
            return _("STEM PD Net events")


@dataclass(frozen=True)
class Validator:
    """What identifies one version of a feed: its ETag, its Last-Modified and its cache key."""

    etag: str
    last_modified: datetime | None
    count: int

    @property
    def cache_key(self) -> str:
        return f"events:feed:{self.etag}"

    @property
    def last_modified_timestamp(self) -> float | None:
        # Whole seconds, as HTTP dates have: If-Modified-Since must be able to match.
        return int(self.last_modified.timestamp()) if self.last_modified else None


def feed_validator(
    scope: FeedScope, request: HttpRequest, now: datetime | None = None
) -> Validator:
    """Compute the validator in one aggregate query and one cache read, building nothing."""
    now = now or timezone.now()
    summary = scope.events(now).aggregate(count=Count("pk"), latest=Max("last_published_at"))
    generation = feed_generation()
    window = event_window_start(now).date().isoformat() if scope.is_subscription else "-"
    raw = "|".join(
        [
            FEED_FORMAT,
            scope.key(),
            str(summary["count"]),
            summary["latest"].isoformat() if summary["latest"] else "-",
            repr(generation),
            window,
            request.get_host(),
            str(get_events_setting("FEED_REFRESH_HOURS")),
        ]
    )
    etag = hashlib.sha256(raw.encode()).hexdigest()[:32]
    changed = datetime.fromtimestamp(int(generation), tz=UTC) if generation else None
    candidates = [moment for moment in (summary["latest"], changed) if moment]
    return Validator(
        etag=f'"{etag}"',
        last_modified=max(candidates) if candidates else None,
        count=summary["count"],
    )


def get_feed(scope: FeedScope, validator: Validator, request: HttpRequest) -> bytes:
    """The feed for `validator`, from the cache or freshly built and stored."""
    body = cache.get(validator.cache_key)
    if body is None:
        body = build_feed(scope, request)
        cache.set(validator.cache_key, body, int(get_events_setting("FEED_CACHE_SECONDS")))
    return body


def feed_events(scope: FeedScope, now: datetime) -> list[EventPage]:
    """The events to write, with what building them touches fetched in a fixed number of queries."""
    queryset = (
        scope.events(now)
        .select_related("category")
        .prefetch_related(
            Prefetch("exception_dates", queryset=EventExceptionDate.objects.order_by("date"))
        )
        .order_by("starts_at", "pk")
    )
    return list(queryset)


def build_feed(scope: FeedScope, request: HttpRequest, now: datetime | None = None) -> bytes:
    """The events in scope as one VCALENDAR (CRLF line ends, lines folded at 75 octets)."""
    now = now or timezone.now()
    events = feed_events(scope, now)
    return build_calendar(scope, events, request).to_ical()


def build_calendar(scope: FeedScope, events: Iterable[EventPage], request: HttpRequest) -> Calendar:
    """The icalendar object for `events`, in the scope's language."""
    refresh = timedelta(hours=int(get_events_setting("FEED_REFRESH_HOURS")))
    default_zone = get_events_setting("DEFAULT_TIME_ZONE")
    calendar = Calendar()
    calendar.add("prodid", f"-//STEM PD Net//{get_events_setting('UID_DOMAIN')}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", scope.calendar_name())
    calendar.add("x-wr-timezone", default_zone)
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh))
    categories = categories_for_locale(scope.locale)
    zones = {default_zone}
    with translation.override(scope.locale.language_code):
        for event in events:
            calendar.add_component(vevent(event, categories, request))
            zones.add(event.schedule.tz.key)
    for name in sorted(zones):
        component = vtimezone_for(name, date.today())
        if component is not None:
            calendar.add_component(component)
    # Any zone not covered above (none expected) is added by icalendar itself.
    calendar.add_missing_timezones()
    # RFC 5545 wants VTIMEZONE before the components that use it; some clients insist.
    calendar.subcomponents.sort(key=lambda component: component.name != "VTIMEZONE")
    return calendar


def vevent(event: EventPage, categories: dict, request: HttpRequest) -> Event:
    """One VEVENT; call inside `translation.override` of the feed's language."""
    schedule = event.schedule
    component = Event()
    component.add("uid", event.uid)
    published = event.last_published_at or event.first_published_at or timezone.now()
    component.add("dtstamp", published.astimezone(UTC))
    component.add("created", (event.first_published_at or published).astimezone(UTC))
    component.add("last-modified", published.astimezone(UTC))
    component.add("sequence", event.sequence)
    component.add("summary", event_summary(event))
    component.add("description", event_description(event))
    if schedule.is_all_day:
        component.add("dtstart", schedule.start.date())
        component.add("dtend", schedule.end.date())
    else:
        component.add("dtstart", schedule.start)
        component.add("dtend", schedule.end)
    rule = schedule.ical_rrule()
    if rule:
        component.add("rrule", rule)
        exdates = schedule.ical_exdates()
        if exdates:
            component.add("exdate", exdates)
    location = event.location_text()
    if location:
        component.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    url = event.get_full_url(request)
    if url:
        component.add("url", url)
    category = categories.get(event.category.translation_key) if event.category else None
    if category is not None:
        component.add("categories", [category.name])
    component.add("status", STATUS_MAP.get(event.status, "CONFIRMED"))
    component.add("transp", "OPAQUE")
    return component


def event_summary(event: EventPage) -> str:
    """SUMMARY: Google Calendar ignores STATUS in subscriptions, so the title says it too."""
    if event.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": event.title}
    if event.is_postponed:
        return _("Postponed: %(title)s") % {"title": event.title}
    return event.title


def event_description(event: EventPage) -> str:
    """DESCRIPTION as plain text: the status, the lead, the body, and where to join or register."""
    parts = []
    if event.is_cancelled:
        parts.append(_("This event has been cancelled."))
    elif event.is_postponed:
        parts.append(_("This event has been postponed; the new date will follow."))
    if event.lead:
        parts.append(event.lead)
    body = stream_text(event.body)
    if body:
        parts.append(body)
    if event.online_url and event.is_online:
        parts.append(_("Join online: %(url)s") % {"url": event.online_url})
    if event.registration_url and not event.is_cancelled:
        parts.append(_("Register: %(url)s") % {"url": event.registration_url})
    return "\n\n".join(parts)


_BLOCK_BREAKS = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


def html_to_text(markup: str) -> str:
    """Readable plain text from rich text: paragraphs and list items keep their line breaks."""
    text = html.unescape(strip_tags(_BLOCK_BREAKS.sub("\n", markup)))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def stream_text(stream) -> str:
    """Plain text of a StreamField without rendering templates (fast, and no HTML in calendars)."""
    chunks = []
    for block in stream or []:
        chunks.append(_value_text(block.value))
    return "\n\n".join(chunk for chunk in chunks if chunk)


def _value_text(value) -> str:
    if isinstance(value, RichText):
        return html_to_text(value.source)
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "items"):
        return "\n".join(filter(None, (_value_text(item) for _key, item in value.items())))
    if isinstance(value, list | tuple):
        return "\n".join(filter(None, (_value_text(item) for item in value)))
    return ""


def feed_headers(validator: Validator, filename: str, *, attachment: bool = False) -> dict:
    """Response headers every feed answer carries (including 304s)."""
    headers = {
        "ETag": validator.etag,
        "Cache-Control": "public, max-age=900",
        "Content-Disposition": f'{"attachment" if attachment else "inline"}; filename="{filename}"',
    }
    if validator.last_modified_timestamp is not None:
        headers["Last-Modified"] = http_date(validator.last_modified_timestamp)
    return headers
