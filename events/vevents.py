"""One event as a VEVENT, and the cache of its serialised bytes that keeps feeds fast.

Building and serialising a VEVENT costs as much as loading its page, and a publish changes one
event, so each event's `to_ical()` output is cached on its own under a key of everything its text
depends on: the event (pk, publish dates, SEQUENCE, and `url_path`, which a move changes without
a publish), the feed (language, category name in it), the request and sites (host, scheme, root
URLs), and the code (`VEVENT_FORMAT`, the translated strings). Feeds read those columns in one
query, fetch every block in one `get_many` and load pages only for the keys that missed. Blocks
are stored folded with CRLF line ends, so a feed is their concatenation.
"""

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.models import Site
from wagtail.rich_text import RichText

from icalendar import Event

from events.conf import get_events_setting
from events.countries import country_choices
from events.models import EventCategory, EventPage

# Bump when `vevent()` writes anything differently, so blocks cached by older code are not served.
VEVENT_FORMAT = "1"
# Pages are loaded in chunks so no query has more parameters than a database accepts.
LOAD_CHUNK = 500
STATUS_MAP = {
    EventPage.Status.SCHEDULED: "CONFIRMED",
    EventPage.Status.POSTPONED: "TENTATIVE",
    EventPage.Status.CANCELLED: "CANCELLED",
}
# The columns an event's cache key is made of, in `EventKey` order.
KEY_COLUMNS = (
    "pk",
    "first_published_at",
    "last_published_at",
    "sequence",
    "url_path",
    "category__translation_key",
)


class Block(NamedTuple):
    """An event's serialised VEVENT and the time zone its times refer to (cheap to unpickle)."""

    zone: str
    ical: bytes


@dataclass(frozen=True)
class EventKey:
    """What an event's VEVENT depends on, read from its row without loading the page."""

    pk: int
    first_published_at: datetime | None
    last_published_at: datetime | None
    sequence: int
    url_path: str
    category_key: object

    @classmethod
    def for_page(cls, page: EventPage) -> "EventKey":
        return cls(
            page.pk,
            page.first_published_at,
            page.last_published_at,
            page.sequence,
            page.url_path,
            page.category.translation_key if page.category else None,
        )

    @property
    def cacheable(self) -> bool:
        # Without a publication date DTSTAMP falls back to "now", which must not be frozen.
        return self.last_published_at is not None


class BlockContext:
    """What every VEVENT of one feed shares: language, categories, request; and its key prefix."""

    def __init__(
        self, language: str, categories: dict[object, EventCategory], request: HttpRequest
    ) -> None:
        self.language = language
        self.categories = categories
        self.request = request
        root_urls = [tuple(path) for path in Site.get_site_root_paths()]
        self.prefix = "|".join(
            [
                VEVENT_FORMAT,
                language,
                request.scheme,
                request.get_host(),
                repr(root_urls),
                get_events_setting("UID_DOMAIN"),
                catalogue_fingerprint(language),
            ]
        )

    def category_name(self, category_key: object) -> str:
        category = self.categories.get(category_key) if category_key is not None else None
        return category.name if category is not None else ""

    def cache_key(self, key: EventKey) -> str:
        raw = "|".join(
            [
                self.prefix,
                str(key.pk),
                key.first_published_at.isoformat() if key.first_published_at else "-",
                key.last_published_at.isoformat() if key.last_published_at else "-",
                str(key.sequence),
                key.url_path,
                self.category_name(key.category_key),
            ]
        )
        return f"events:vevent:{key.pk}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


@lru_cache(maxsize=32)
def catalogue_fingerprint(language: str) -> str:
    """A digest of every translated string a VEVENT may contain in `language`.

    Catalogues change only when the code is deployed, so one digest per process is exact; a new
    translation of "Cancelled: …" or of a country name then reaches every cached block.
    """
    with translation.override(language):
        texts = [
            _("Cancelled: %(title)s"),
            _("Postponed: %(title)s"),
            _("This event has been cancelled."),
            _("This event has been postponed; the new date will follow."),
            _("Join online: %(url)s"),
            _("Register: %(url)s"),
            *(name for _code, name in country_choices()),
        ]
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]


def event_blocks(queryset, context: BlockContext) -> list[Block]:
    """The VEVENT blocks of the events in `queryset`, in start order, cached ones not rebuilt.

    `queryset` must select the events already (visibility, scope); it is read once for the key
    columns and once more, restricted to the misses, for the pages to build.
    """
    rows = list(queryset.order_by("starts_at", "pk").values_list(*KEY_COLUMNS))
    keys = [EventKey(*row) for row in rows]
    cache_keys = [context.cache_key(key) for key in keys]
    found = cache.get_many(cache_keys)
    pairs = list(zip(keys, cache_keys, strict=True))
    missing = [key.pk for key, cache_key in pairs if cache_key not in found]
    built = build_blocks(queryset, missing, context) if missing else {}
    blocks = []
    for key, cache_key in pairs:
        block = found.get(cache_key) or built.get(key.pk)
        if block is not None:  # an event unpublished since the key query is simply left out
            blocks.append(block)
    return blocks


def build_blocks(queryset, pks: Sequence[int], context: BlockContext) -> dict[int, Block]:
    """Build and cache the blocks of the events `pks` (those still in `queryset`)."""
    built: dict[int, Block] = {}
    fresh: dict[str, Block] = {}
    with translation.override(context.language):
        for start in range(0, len(pks), LOAD_CHUNK):
            for page in queryset.filter(pk__in=pks[start : start + LOAD_CHUNK]).with_schedule():
                block = Block(
                    zone=page.schedule.tz.key,
                    ical=vevent(page, context.categories, context.request).to_ical(),
                )
                built[page.pk] = block
                key = EventKey.for_page(page)
                # Keyed by the page as loaded, so content and key always agree even if the event
                # was published again between the two queries.
                if key.cacheable:
                    fresh[context.cache_key(key)] = block
    if fresh:
        cache.set_many(fresh, int(get_events_setting("FEED_EVENT_CACHE_SECONDS")))
    return built


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
    return "\n\n".join(filter(None, (_value_text(block.value) for block in stream or [])))


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
