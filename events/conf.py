"""The events app's settings: one namespaced dict, `EVENTS`, read through one accessor.

Every key has a default here, so the app works without any settings entry; a deployment overrides
only what it needs, e.g. ``EVENTS = {"FEED_PAST_WINDOW_DAYS": 180}``.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Subscription feeds leave out events that ended longer ago than this (the .ics download of a
    # single event is never limited).
    "FEED_PAST_WINDOW_DAYS": 365,
    # How often calendar apps should refresh a subscription (REFRESH-INTERVAL, X-PUBLISHED-TTL).
    "FEED_REFRESH_HOURS": 12,
    # How long a built feed stays in the cache; its key changes whenever its content would.
    "FEED_CACHE_SECONDS": 24 * 60 * 60,
    # How long one event's serialised VEVENT stays in the cache. Its key changes whenever its text
    # would, so this only bounds memory: longer keeps rebuilds after a publish cheap for longer.
    "FEED_EVENT_CACHE_SECONDS": 7 * 24 * 60 * 60,
    # Used in PRODID and in every UID (`<translation_key>@<UID_DOMAIN>`): never change it once
    # feeds are public, or every subscriber's calendar sees new events.
    "UID_DOMAIN": "stem-pd-net.eu",
    "DEFAULT_TIME_ZONE": "Europe/Brussels",
    # Largest .ics file staff may upload in the admin import.
    "IMPORT_MAX_BYTES": 2 * 1024 * 1024,
}


def get_events_setting(name: str) -> Any:
    """The value of `EVENTS[name]`, else its default; unknown names are a programming error."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown events setting {name!r}")
    return getattr(settings, "EVENTS", {}).get(name, DEFAULTS[name])
