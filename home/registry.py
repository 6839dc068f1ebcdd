"""A small registry through which feature apps contribute to shared pages without being imported.

`home` must not import `network`, `events` or `newsletters` (dependencies point one way). Instead,
each feature app registers what it offers in its `AppConfig.ready()`:

- a *slot* template, rendered where the base layout reserves a place for it
  (`register_slot("newsletter_signup", "newsletters/signup_slot.html")`);
- a *listing*, a section of the home page filled by a callable
  (`register_listing("upcoming_events", provider, template=..., order=30)`);
- a *hub section*, a part of a cross-cutting issue's hub filled by a callable
  (`register_hub_section(HubSection("events", heading, provider))`), so `network` lists events
  without knowing the events app's schema;
- a *demo step*, run by `manage.py load_demo_content` after the steps registered before it;
- a *demo override*, a value the demo gives one field of a page's translations in place of the
  source's (`register_demo_override(DemoOverride("network.BookletPage", "cover_image", make))`),
  so a translated booklet gets a cover with its own title.

Whatever a provider returns, readers outside its app (the newsletter's automatic blocks, hubs)
read it as `ListingItem`s: a fixed set of fields, filled in by the app that knows its own models,
so nobody guesses another app's field names.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest

from wagtail.models import Locale


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
    goes through `items()`, which gives `ListingItem`s (each object is one, or has a
    `listing_item()` method).
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


@dataclass(frozen=True)
class DemoStep:
    """One part of the demo site: `run(context)` builds it, idempotently."""

    name: str
    run: Callable[[Any], None]
    order: int = 50


@dataclass(frozen=True)
class DemoOverride:
    """A field the demo sets per language when it translates a page of `model` ("app.Model").

    `make(context, source, locale, title)` returns the value for `field` in `source`'s translation
    into `locale` (an image, say), given the translation's title; None keeps the source's value.
    The field must be one wagtail-localize lets translators override (an image or a document).
    """

    model: str
    field: str
    make: Callable[[Any, Any, Locale, str], Any]


@dataclass
class Registry:
    """What feature apps have contributed; one process-wide instance, filled at start-up."""

    slots: dict[str, list[str]] = field(default_factory=dict)
    listings: dict[str, Listing] = field(default_factory=dict)
    hub_sections: dict[str, HubSection] = field(default_factory=dict)
    demo_steps: dict[str, DemoStep] = field(default_factory=dict)
    demo_overrides: dict[tuple[str, str], DemoOverride] = field(default_factory=dict)


registry = Registry()


def register_slot(slot: str, template_name: str) -> None:
    """Render `template_name` wherever the layout shows `slot` (registering twice is harmless)."""
    templates = registry.slots.setdefault(slot, [])
    if template_name not in templates:
        templates.append(template_name)


def slot_templates(slot: str) -> list[str]:
    """The templates registered for `slot`, in registration order (empty if none)."""
    return list(registry.slots.get(slot, []))


def register_listing(listing: Listing) -> None:
    """Add (or replace, by name) a home-page section."""
    registry.listings[listing.name] = listing


def get_listings() -> list[Listing]:
    """Home-page sections in display order."""
    return sorted(registry.listings.values(), key=lambda listing: (listing.order, listing.name))


def get_listing(name: str) -> Listing | None:
    """The listing registered under `name`, or None when no installed app offers it."""
    return registry.listings.get(name)


def register_hub_section(section: HubSection) -> None:
    """Add (or replace, by name) a section of every cross-cutting issue's hub."""
    registry.hub_sections[section.name] = section


def get_hub_sections() -> list[HubSection]:
    """Hub sections in display order."""
    return sorted(registry.hub_sections.values(), key=lambda section: (section.order, section.name))


def register_demo_step(step: DemoStep) -> None:
    """Add (or replace, by name) a step of the demo-content command."""
    registry.demo_steps[step.name] = step


def get_demo_steps() -> list[DemoStep]:
    """Demo steps in the order they must run (e.g. partners before the events they organise)."""
    return sorted(registry.demo_steps.values(), key=lambda step: (step.order, step.name))


def register_demo_override(override: DemoOverride) -> None:
    """Add (or replace, by model and field) a per-language value of the demo's translations."""
    registry.demo_overrides[(override.model, override.field)] = override


def get_demo_overrides(model_label: str) -> list[DemoOverride]:
    """The demo overrides registered for pages of `model_label` ("app.Model")."""
    return [o for (model, _field), o in registry.demo_overrides.items() if model == model_label]


_stylesheets: list[str] = []


def register_stylesheet(path: str) -> None:
    """Load the static file `path` in every page's <head>, so a feature app's home sections,
    slots and pages are never shown without their styles (registering twice is harmless)."""
    if path not in _stylesheets:
        _stylesheets.append(path)


def stylesheets() -> list[str]:
    """Static paths of the feature apps' stylesheets, in registration order."""
    return list(_stylesheets)
