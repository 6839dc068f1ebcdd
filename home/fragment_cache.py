"""Site-wide fragments (main menu, footer, footer slots) cached until any content changes.

Every page shows the same menu and footer for a language, so they are rendered once per
language and content version instead of costing queries on every request. The version changes
whenever a page, snippet, site or setting is saved, published, unpublished, moved or deleted
(see `home.signals`), which makes stale fragments unreachable without tracking what each one
used. A cache that is down (Redis restarting) only costs the queries: the fragment is rendered.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

VERSION_KEY = "stempd:content-version"
FRAGMENT_TIMEOUT = 24 * 60 * 60


def content_version() -> str:
    """The current content version (created on first use), or "" when the cache is unavailable."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # a cache outage must never take pages down
        logger.warning("cache unavailable: rendering fragments uncached", exc_info=True)
        return ""
    return str(version or "")


def bump_content_version() -> None:
    """Make every cached fragment stale (called after content changes)."""
    try:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.warning("cache unavailable: could not invalidate fragments", exc_info=True)


def cached_value(parts: tuple[str, ...], compute: Callable[[], Any]) -> Any:
    """What `compute()` returns, cached under `parts` for the current content version.

    `parts` must come from a small, fixed set (site, language, slot name), never from request
    paths or parameters, so visitors cannot fill the cache with keys of their choosing.
    """
    version = content_version()
    if not version:
        return compute()
    key = "stempd:fragment:" + ":".join((version, *parts))
    value = read_cache(key)
    if value is None:
        value = compute()
        write_cache(key, value, FRAGMENT_TIMEOUT)
    return value


def read_cache(key: str) -> Any:
    """The cached value, or None when missing or while the cache is unavailable."""
    try:
        return cache.get(key)
    except Exception:  # any cache outage is a miss, never an error page
        logger.warning("cache unavailable (read)", exc_info=True)
        return None


def write_cache(key: str, value: Any, timeout: int) -> None:
    """Store the value; while the cache is unavailable, do nothing."""
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("cache unavailable (write)", exc_info=True)


def cached_fragment(parts: tuple[str, ...], render: Callable[[], str]) -> SafeString:
    """The HTML `render()` returns, cached like `cached_value`."""
    return mark_safe(cached_value(parts, render))  # noqa: S308 - our own escaped template output
