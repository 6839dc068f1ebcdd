"""iCalendar (RFC 5545) feeds: the whole calendar per language, one per category, one per event.

A request is answered by the cheapest step that can (content per the `events` package policy):
1. `feed_validator()`: one aggregate query over the events in scope, the version of the
   `events:feeds` tag (moved by changes a publish date cannot show, such as an unpublish, a move
   or a renamed category) and the sites' root URLs. A matching `If-None-Match` or
   `If-Modified-Since` gets a 304.
2. This process's latest copy of the feed (`RECENT_FEEDS`), else the shared cache keyed by the
   validator; a publish changes the validator, so no cache is purged by hand.
3. A build from each event's cached VEVENT (`events.vevents`), loading only events whose key
   changed; the bytes are exactly what `icalendar` writes for the whole calendar.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext as _

from wagtail.models import Locale, Site

from icalendar import Calendar
from icalendar.prop import vDuration

from events.conf import get_events_setting
from events.models import EventCategory, EventPage, categories_for_locale
from events.vevents import BlockContext, event_blocks
from events.vtimezones import compact_vtimezone
from home.caching.store import TAG_PREFIX, tag_versions
from home.fallback import in_language_or_source

# The tag whose version is the feed *generation*; `events.wagtail_hooks` declares what moves it.
FEEDS_TAG = "events:feeds"
# Bump when the feed's shape changes, so caches built by older code are not served.
FEED_FORMAT = "5"
CALENDAR_END = b"END:VCALENDAR\r\n"


def feed_generation() -> float:
    """The current generation; a cache that lost it starts a new one rather than reuse an old."""
    stamp = (tag_versions([FEEDS_TAG]) or {}).get(FEEDS_TAG)
    if stamp is None:
        cache.add(TAG_PREFIX + FEEDS_TAG, time.time_ns(), None)
        stamp = (tag_versions([FEEDS_TAG]) or {}).get(FEEDS_TAG, 0)
    return abs(stamp) / 1e9  # negative: the tag was given a version, not moved


def event_window_start(now: datetime) -> datetime:
    """Feeds leave out events that ended before this moment (whole days, so caches stay warm)."""
    days = int(get_events_setting("FEED_PAST_WINDOW_DAYS"))
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days)


@dataclass(frozen=True)
class FeedScope:
    """Which events a feed holds: a language, optionally one category or one event.

    A language's feed holds that language's version of each event, else the source version;
    `strict` keeps only the events translated into the language.
    """

    locale: Locale
    category: EventCategory | None = None
    event_id: int | None = None
    strict: bool = False

    @property
    def is_subscription(self) -> bool:
        """Subscription feeds drop old events; a single event's download never does."""
        return self.event_id is None

    def events(self, now: datetime):
        """The visible events in scope, unordered and unprefetched."""
        queryset = EventPage.objects.visible()
        if self.event_id is not None:
            return queryset.filter(pk=self.event_id)
        queryset = in_language_or_source(
            queryset.ended_after(event_window_start(now)), self.locale, strict=self.strict
        )
        if self.category is not None:
            queryset = queryset.filter(category__slug=self.category.slug)
        return queryset

    def key(self) -> str:
        """The part of the cache key and ETag naming this scope."""
        category = self.category.slug if self.category else "-"
        strict = "strict" if self.strict else "all"
        return f"{self.locale.language_code}:{category}:{self.event_id or '-'}:{strict}"

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


def feed_validator(scope: FeedScope, request: HttpRequest) -> Validator:
    """Compute the validator in one aggregate query and one cache read, building nothing."""
    now = timezone.now()
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
            # Event URLs come from the sites' root URLs: a changed Site must not serve old ones.
            repr([tuple(path) for path in Site.get_site_root_paths()]),
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
    """The feed for `validator`: this process's copy, else the shared cache's, else built now."""
    slot = f"{scope.key()}:{request.get_host()}"
    body = RECENT_FEEDS.get(slot, validator.cache_key)
    if body is None:
        body = cache.get(validator.cache_key)
        if body is None:
            body = build_feed(scope, request)
            cache.set(validator.cache_key, body, int(get_events_setting("FEED_CACHE_SECONDS")))
        RECENT_FEEDS.put(slot, validator.cache_key, body)
    return body


class RecentFeeds:
    """The last body served per feed (scope and host) in this process, so an unchanged feed is
    not unpickled from the shared cache on every request. Only the newest version of each feed
    is kept, checked against the validator's key, and the total size is bounded."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, slot: str, version: str) -> bytes | None:
        with self._lock:
            entry = self._bodies.get(slot)
            if entry is None or entry[0] != version:
                return None
            self._bodies.move_to_end(slot)
            return entry[1]

    def put(self, slot: str, version: str, body: bytes) -> None:
        with self._lock:
            previous = self._bodies.pop(slot, None)
            if previous is not None:
                self._total -= len(previous[1])
            self._bodies[slot] = (version, body)
            self._total += len(body)
            while self._total > self.max_bytes and len(self._bodies) > 1:
                _slot, (_version, dropped) = self._bodies.popitem(last=False)
                self._total -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._bodies.clear()
            self._total = 0


RECENT_FEEDS = RecentFeeds(max_bytes=32 * 1024 * 1024)


def build_feed(scope: FeedScope, request: HttpRequest) -> bytes:
    """The events in scope as one VCALENDAR (CRLF line ends, lines folded at 75 octets).

    The calendar's own properties come from `icalendar`, each event's VEVENT from its cached
    block (`events.vevents`), each zone's VTIMEZONE from `vtimezone_ical`: all of it is
    `to_ical()` output, joined in the order icalendar itself writes (VTIMEZONEs first, as some
    clients insist, then events by start).
    """
    now = timezone.now()
    context = BlockContext(scope.locale.language_code, categories_for_locale(scope.locale), request)
    blocks = event_blocks(scope.events(now), context)
    zones = sorted({get_events_setting("DEFAULT_TIME_ZONE"), *(block.zone for block in blocks)})
    year = now.year
    return b"".join(
        [
            calendar_header(scope),
            *(vtimezone_ical(name, year) for name in zones),
            *(block.ical for block in blocks),
            CALENDAR_END,
        ]
    )


def calendar_header(scope: FeedScope) -> bytes:
    """The VCALENDAR's first lines and properties, in the scope's language, without its END."""
    refresh = timedelta(hours=int(get_events_setting("FEED_REFRESH_HOURS")))
    calendar = Calendar()
    calendar.add("prodid", f"-//STEM PD Net//{get_events_setting('UID_DOMAIN')}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", scope.calendar_name())
    calendar.add("x-wr-timezone", get_events_setting("DEFAULT_TIME_ZONE"))
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh))
    ical = calendar.to_ical()
    return ical.removesuffix(CALENDAR_END)


@lru_cache(maxsize=128)
def vtimezone_ical(name: str, year: int) -> bytes:
    """The serialised VTIMEZONE of `name` for feeds built in `year` (empty for UTC).

    Compressing and checking a zone is slow, so the bytes are kept per process and in the shared
    cache: they only change with the year.
    """
    key = f"events:vtimezone:{FEED_FORMAT}:{name}:{year}"
    ical = cache.get(key)
    if ical is None:
        # Valid from 2000 (the network's history) to 15 years ahead; UTC needs none.
        first, last = date(2000, 1, 1), date(year + 15, 1, 1)
        component = compact_vtimezone(name, first, last) if name != "UTC" else None
        ical = component.to_ical() if component is not None else b""
        cache.set(key, ical, int(get_events_setting("FEED_EVENT_CACHE_SECONDS")))
    return ical


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
