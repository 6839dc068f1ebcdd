"""What the events app shows on other apps' pages (hooked up in `events.wagtail_hooks`).

- The home page's "upcoming events" section (and the newsletter's automatic block, which reads
  the same listing as `ListingItem`s).
- The events section of every cross-cutting issue's hub, so `network` lists events without
  knowing this app's tables.

Both show, in the visitor's language, that language's version of each event where one exists,
else the source version (`home.fallback`); cancelled events stay in, marked cancelled.
"""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode

from wagtail.models import Locale, Page

from events.cards import EventCard, past_cards, upcoming_cards
from events.models import EventIndexPage, EventPage, issue_event_keys
from home.fallback import default_language_code, in_language_or_source
from home.listings import HubResult

HUB_LIMIT = 12  # events shown on a hub; the "all events" link leads to the rest


def upcoming_events_provider(
    request: HttpRequest | None, locale: Locale, limit: int
) -> list[EventCard]:
    """The home page's "upcoming events" section."""
    queryset = in_language_or_source(EventPage.objects.visible(), locale)
    return upcoming_cards(queryset, request, locale, timezone.now())[:limit]


def events_index(locale: Locale) -> EventIndexPage | None:
    """The live, public events index in `locale`, else in the default language."""
    pages = EventIndexPage.objects.live().public()
    return (
        pages.filter(locale=locale).first()
        or pages.filter(locale__language_code=default_language_code()).first()
    )


def issue_hub_events(issue: Page, request: HttpRequest | None) -> HubResult:
    """The events about `issue`: upcoming ones soonest first, then past ones, latest first.

    At most `HUB_LIMIT` are shown; the link leads to the events index filtered by the issue.
    """
    locale = issue.locale
    now = timezone.now()
    events = in_language_or_source(
        EventPage.objects.visible().filter(
            translation_key__in=issue_event_keys(issue.translation_key)
        ),
        locale,
    )
    cards = upcoming_cards(events, request, locale, now)[:HUB_LIMIT]
    if len(cards) < HUB_LIMIT:
        cards += past_cards(events, request, locale, now, HUB_LIMIT - len(cards))
    more_url = ""
    index = events_index(locale) if cards else None
    if index is not None:
        more_url = f"{index.get_url(request)}?{urlencode({'issue': issue.pk})}"
    return HubResult(items=[card.listing_item() for card in cards], more_url=more_url)
