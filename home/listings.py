"""What feature apps show on shared pages, offered through Wagtail's hooks (home imports none).

In its `wagtail_hooks.py` a feature app registers, with `@hooks.register(name)`, a function
returning, for
- `stempd_listing`: a `Listing`, a home-page section (other apps may ask for it by name);
- `stempd_hub_section`: a `HubSection`, a part of every cross-cutting issue's hub;
- `stempd_slot`: `(slot, template name)`, rendered where the layout says `{% render_slot slot %}`;
- `stempd_dependent_cache`: a `home.caching.invalidation.DependentCache`.
Readers outside the providing app see its items as `ListingItem`s, filled in by the app that
knows its own models, so nobody guesses another app's field names.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest

from wagtail import hooks
from wagtail.models import Locale

LISTING_HOOK = "stempd_listing"
HUB_SECTION_HOOK = "stempd_hub_section"


@dataclass(frozen=True)
class ListingItem:
    """One item of a listing as any app may show it: the contract between feature apps.

    `language` is the language code of the version shown. `is_fallback` says it is not the
    listing's language (no translation exists, so the source is shown); links then carry
    `lang`/`hreflang` and a language badge.
    """

    title: str
    url: str
    summary: str = ""
    image: Any = None  # a Wagtail image, or None
    start: date | datetime | None = None  # naive wall-clock time in the item's own zone
    location: str = ""
    language: str = ""
    is_fallback: bool = False
    is_cancelled: bool = False
    is_postponed: bool = False


def as_listing_item(item: Any) -> ListingItem:
    """`item` as a `ListingItem`: itself, or what its own `listing_item()` says."""
    if isinstance(item, ListingItem):
        return item
    listing_item = getattr(item, "listing_item", None)
    if callable(listing_item):
        return listing_item()
    raise TypeError(f"{type(item).__name__} does not provide a ListingItem")


def page_listing_item(page: Any, request: HttpRequest | None = None) -> ListingItem:
    """Any page as a `ListingItem`: its own `listing_item(request)` where its app defines one,
    else what every page has (title, URL, search description, social image)."""
    listing_item = getattr(page, "listing_item", None)
    if callable(listing_item):
        return listing_item(request)
    get_image = getattr(page, "get_social_image", None)
    return ListingItem(
        title=page.title,
        url=page.get_url(request) or "",
        summary=(page.search_description or "").strip(),
        image=get_image() if callable(get_image) else None,
        language=page.locale.language_code,
    )


@dataclass(frozen=True)
class Listing:
    """A home-page section: `provider(request, locale, limit)` returns the items to show.

    The section's own template may use the provider's objects as they are; every other reader
    goes through `items()`, which gives `ListingItem`s.
    """

    name: str
    provider: Callable[[HttpRequest | None, Locale, int], Iterable[Any]]
    template: str
    order: int = 50
    limit: int = 3

    def items(self, request: HttpRequest | None, locale: Locale, limit: int) -> list[ListingItem]:
        """The provider's items in the shared contract."""
        return [as_listing_item(item) for item in self.provider(request, locale, limit)]


@dataclass(frozen=True)
class HubResult:
    """What a hub section shows: items in display order, and a link to all of them."""

    items: list[ListingItem]
    more_url: str = ""


@dataclass(frozen=True)
class HubSection:
    """A part of a cross-cutting issue's hub: `provider(issue_page, request)` fills it.

    The provider receives the issue page (in the visitor's language) and finds what links to it
    in its own app's tables, matching any translation of the issue by `translation_key`.
    """

    name: str
    heading: Any  # a lazily translated string
    provider: Callable[[Any, HttpRequest | None], HubResult]
    order: int = 50
    more_label: Any = ""


def _by_name(hook_name: str) -> dict[str, Any]:
    """What the hook functions registered as `hook_name` return, by name (the last one wins)."""
    return {entry.name: entry for entry in (fn() for fn in hooks.get_hooks(hook_name))}


def listings() -> list[Listing]:
    """Home-page sections in display order."""
    return sorted(_by_name(LISTING_HOOK).values(), key=lambda entry: (entry.order, entry.name))


def listing(name: str) -> Listing | None:
    """The listing an installed app offers under `name`, or None."""
    return _by_name(LISTING_HOOK).get(name)


def hub_sections() -> list[HubSection]:
    """Hub sections in display order."""
    return sorted(_by_name(HUB_SECTION_HOOK).values(), key=lambda entry: (entry.order, entry.name))
