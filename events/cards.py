"""What listings show of an event: `EventCard`, built for one occurrence, and the queries behind it.

Every listing of events (the index, the month grid, the home section, hubs, the newsletter block)
goes through `card_for` and `with_related`, so a card looks the same everywhere and the number
of queries does not grow with the number of events.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpRequest

from wagtail.models import Locale

from events.models import EventCategory, EventPage, categories_for_locale
from events.recurrence import Occurrence
from home.listings import ListingItem

UPCOMING_LIMIT = 500  # a listing never holds more upcoming events than this


@dataclass(frozen=True)
class EventCard:
    """What listings show of one event: one occurrence, in the event's zone, zone named.

    `language` is the language of the version shown when it differs from the listing's (an
    untranslated event shown in its source language); templates mark it with a badge.
    """

    page: EventPage
    url: str
    occurrence: Occurrence
    category: EventCategory | None
    language: str = ""

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def start(self) -> datetime:
        """Naive wall-clock start in the event's zone (templates must not convert it)."""
        return self.occurrence.start.replace(tzinfo=None)

    @property
    def end(self) -> datetime:
        return self.occurrence.end.replace(tzinfo=None)

    @property
    def last_day(self) -> date:
        return self.occurrence.local_dates[-1]

    @property
    def all_day(self) -> bool:
        return self.occurrence.all_day

    @property
    def multi_day(self) -> bool:
        return len(self.occurrence.local_dates) > 1

    @property
    def zone(self) -> str:
        return self.page.schedule.tz.key

    @property
    def iso_start(self) -> str:
        if self.all_day:
            return self.occurrence.start.date().isoformat()
        return self.occurrence.start.isoformat()

    @property
    def location(self) -> str:
        return self.page.city_and_country

    @property
    def attendance(self) -> str:
        return self.page.get_attendance_mode_display()

    def listing_item(self) -> ListingItem:
        """The card in the shared listing contract (newsletters and hubs read this)."""
        return ListingItem(
            title=self.title,
            url=self.url,
            summary=self.page.lead,
            image=self.page.image,
            start=self.start.date() if self.all_day else self.start,
            location=self.location,
            language=self.page.locale.language_code,
            is_fallback=bool(self.language),
            is_cancelled=self.page.is_cancelled,
            is_postponed=self.page.is_postponed,
        )


def card_for(
    page: EventPage,
    request: HttpRequest | None,
    categories: dict,
    occurrence: Occurrence | None = None,
    locale: Locale | None = None,
) -> EventCard:
    """An `EventCard` for `page`'s given (else first) occurrence, shown in a listing of `locale`."""
    schedule = page.schedule
    occurrence = occurrence or Occurrence(schedule.start, schedule.end, schedule.is_all_day)
    category = categories.get(page.category.translation_key) if page.category else None
    language = ""
    if locale is not None and page.locale_id != locale.pk:
        language = page.locale.language_code
    return EventCard(
        page=page,
        url=page.get_url(request) or "",
        occurrence=occurrence,
        category=category,
        language=language,
    )


def with_related(queryset):
    """What cards and schedules touch, fetched in a fixed number of queries."""
    return queryset.with_schedule().select_related("locale", "image")


def upcoming_cards(
    queryset, request: HttpRequest | None, locale: Locale, now: datetime
) -> list[EventCard]:
    """Upcoming events, soonest next occurrence first (a weekly series shows its next date)."""
    categories = categories_for_locale(locale)
    cards = []
    pages = with_related(queryset.ended_after(now)).order_by("starts_at", "pk")
    for page in pages[:UPCOMING_LIMIT]:
        occurrence = page.schedule.next_occurrence(now)
        if occurrence is not None:
            cards.append(card_for(page, request, categories, occurrence, locale))
    cards.sort(key=lambda card: (card.occurrence.start, card.page.pk))
    return cards


def past_events(queryset, now: datetime):
    """Events that are over, most recent first (a query: slice it before reading)."""
    return with_related(queryset.past(now)).order_by("-starts_at", "-pk")


def past_cards(
    queryset, request: HttpRequest | None, locale: Locale, now: datetime, limit: int
) -> list[EventCard]:
    """At most `limit` events that are over, most recent first, each with its first occurrence."""
    categories = categories_for_locale(locale)
    pages = past_events(queryset, now)[:limit]
    return [card_for(page, request, categories, locale=locale) for page in pages]
