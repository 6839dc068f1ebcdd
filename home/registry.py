"""A small registry through which feature apps contribute to shared pages without being imported.

`home` must not import `network`, `events` or `newsletters` (dependencies point one way). Instead,
each feature app registers what it offers in its `AppConfig.ready()`:

- a *slot* template, rendered where the base layout reserves a place for it
  (`register_slot("newsletter_signup", "newsletters/signup_slot.html")`);
- a *listing*, a section of the home page filled by a callable
  (`register_listing("upcoming_events", provider, template=..., order=30)`);
- a *demo step*, run by `manage.py load_demo_content` after the steps registered before it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from wagtail.models import Locale


@dataclass(frozen=True)
class Listing:
    """A home-page section: `provider(request, locale, limit)` returns the items to show."""

    name: str
    provider: Callable[[HttpRequest | None, Locale, int], Iterable[Any]]
    template: str
    order: int = 50
    limit: int = 3


@dataclass(frozen=True)
class DemoStep:
    """One part of the demo site: `run(context)` builds it, idempotently."""

    name: str
    run: Callable[[Any], None]
    order: int = 50


@dataclass
class Registry:
    """What feature apps have contributed; one process-wide instance, filled at start-up."""

    slots: dict[str, list[str]] = field(default_factory=dict)
    listings: dict[str, Listing] = field(default_factory=dict)
    demo_steps: dict[str, DemoStep] = field(default_factory=dict)


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


def register_demo_step(step: DemoStep) -> None:
    """Add (or replace, by name) a step of the demo-content command."""
    registry.demo_steps[step.name] = step


def get_demo_steps() -> list[DemoStep]:
    """Demo steps in the order they must run (e.g. partners before the events they organise)."""
    return sorted(registry.demo_steps.values(), key=lambda step: (step.order, step.name))
