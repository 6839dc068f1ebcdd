"""Time zones as people say them, and the editor's list of zones to choose from.

Visitors read "Central European Time (Brussels)" or "Mitteleuropäische Zeit (Brüssel)", from
CLDR's names through Babel, instead of "CET, time zone Europe/Brussels". The editor's chooser
offers CLDR's canonical zones only (no legacy aliases such as Africa/Asmera or US/Eastern),
Europe's first, grouped by region, each labelled in the editor's language.
"""

import zoneinfo
from datetime import datetime
from functools import cache, lru_cache

from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_location, get_timezone_name

# Zones outside the "Europe/" area whose places are in Europe (Canaries, Azores, Cyprus…).
EUROPEAN_OUTSIDE_EUROPE_AREA = {
    "Atlantic/Azores",
    "Atlantic/Canary",
    "Atlantic/Faroe",
    "Atlantic/Madeira",
    "Atlantic/Reykjavik",
    "Asia/Famagusta",
    "Asia/Nicosia",
}
REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def zone_name(zone: str | datetime, language: str | None = None) -> str:
    """A zone as people say it in `language` (else the active language).

    `zone` is an IANA name ("Central European Time (Brussels)") or an aware datetime in a
    zoneinfo zone, which names the time in force then ("Central European Summer Time
    (Brussels)" in July). Zones CLDR names after a region get that name alone ("Türkiye Time");
    UTC stays "UTC".
    """
    variant = "generic"
    if isinstance(zone, datetime):
        variant = "daylight" if zone.dst() else "winter"
        zone = getattr(zone.tzinfo, "key", "UTC")
    return _zone_name(zone, language or get_language() or "en", variant)


@lru_cache(maxsize=2048)
def _zone_name(key: str, language: str, variant: str) -> str:
    if not key or key in {"UTC", "Etc/UTC"}:
        return "UTC"
    locale = _locale(language)
    try:
        location = get_timezone_location(key, locale=locale)
        # Outside summer time people say the generic name ("Central European Time"); where CLDR
        # has none (London), the standard one ("Greenwich Mean Time").
        first = "generic" if variant == "winter" else variant
        generic = get_timezone_name(key, width="long", zone_variant=first, locale=locale)
        if variant == "winter" and generic == location:
            generic = get_timezone_name(key, width="long", zone_variant="standard", locale=locale)
        city = get_timezone_location(key, locale=locale, return_city=True)
    except LookupError:
        return key.rsplit("/", 1)[-1].replace("_", " ")
    # CLDR marks break points in a few names (Reyk-ja-vík) with soft hyphens: plain text here.
    if generic == location:
        return location.replace("\u00ad", "")
    return f"{generic} ({city})".replace("\u00ad", "")


# The chooser's labels, in the language active when shown: "Central European Time (Amsterdam)".
lazy_label = lazy(zone_name, str)


@cache
def canonical_zones() -> list[str]:
    """CLDR's canonical zone names that this server's zone data knows, without Etc/ zones."""
    known = zoneinfo.available_timezones()
    names = set(get_global("zone_territories")) & known
    return sorted(name for name in names if "/" in name and not name.startswith("Etc/"))


def is_european(key: str) -> bool:
    return key.startswith("Europe/") or key in EUROPEAN_OUTSIDE_EUROPE_AREA


@cache
def time_zone_choices() -> list[tuple]:
    """Grouped choices: Europe, then each other region, then UTC (for online-only events)."""
    zones = canonical_zones()
    european = sorted((k for k in zones if is_european(k)), key=lambda k: k.rsplit("/", 1)[-1])
    groups: list[tuple] = [(_("Europe"), [(k, lazy_label(k)) for k in european])]
    for area, heading in REGIONS.items():
        members = [k for k in zones if k.split("/")[0] == area and not is_european(k)]
        if members:
            groups.append((heading, [(k, lazy_label(k)) for k in members]))
    groups.append(("UTC", [("UTC", "UTC")]))
    return groups
