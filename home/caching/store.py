"""The shared cache as the caches of `home.caching` use it: outage-tolerant, with tag versions.

Every entry (page, fragment, feed) stores the version each of its tags had when it was built
(`home.caching.dependencies`) and is served only while all still have it, read in one `get_many`;
a change moves the versions of the tags it touches (`invalidate_tags`), so nothing is deleted or
scanned by hand. Versions are nanosecond timestamps: an entry is written only when none of its
tags moved after its rendering started, so a change committed mid-render is never hidden behind
the older copy, and a tag whose version was evicted gets a new one, so entries recorded against
it never come back. A cache that is down only costs speed: reads miss, writes do nothing.
"""

import logging
import time
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

TAG_PREFIX = "stempd:tag:"
SEEN_PREFIX = "stempd:tag-seen:"
# What a cache backend raises while its server is unreachable.
CACHE_ERRORS = (RedisError, OSError)


def read_cache(key: str) -> Any:
    """The cached value, or None when missing or while the cache is unavailable."""
    try:
        return cache.get(key)
    except CACHE_ERRORS:  # any backend's outage is a miss, never an error page
        logger.warning("cache unavailable (read)", exc_info=True)
        return None


def write_cache(key: str, value: Any, timeout: int | None) -> None:
    """Store the value; while the cache is unavailable, do nothing."""
    try:
        cache.set(key, value, timeout)
    except CACHE_ERRORS:  # any backend's outage only costs the cached copy
        logger.warning("cache unavailable (write)", exc_info=True)


def tag_versions(tags: Iterable[str]) -> dict[str, int] | None:
    """The current version of each tag that has one (None while the cache is unavailable)."""
    keys = {TAG_PREFIX + tag: tag for tag in tags}
    try:
        found = cache.get_many(list(keys))
    except CACHE_ERRORS:  # an outage is a miss
        logger.warning("cache unavailable (tag versions)", exc_info=True)
        return None
    return {keys[key]: version for key, version in found.items()}


def invalidate_tags(tags: Iterable[str]) -> set[str]:
    """Make every entry that depends on one of `tags` stale; return the tags entries recorded.

    Every tag gets a new version, even one no entry recorded yet: a page rendering right now may
    be about to store itself under it, and must find that it changed. Only tags some entry has
    recorded (`SEEN_PREFIX`) are returned, so a frontend cache is asked to purge only those: a
    sign-up, or a task row written by the purge itself, purges nothing.
    """
    tags = set(tags)
    if not tags:
        return set()
    version = time.time_ns()
    try:
        seen = cache.get_many([SEEN_PREFIX + tag for tag in tags])
        cache.set_many({TAG_PREFIX + tag: version for tag in tags}, timeout=None)
    except CACHE_ERRORS:  # nothing is served from a cache that is down
        logger.warning("cache unavailable: could not invalidate %s", sorted(tags), exc_info=True)
        return set()
    return {key.removeprefix(SEEN_PREFIX) for key in seen}


def _mark_seen(tags: set[str]) -> None:
    """Remember that entries recorded `tags` (see `invalidate_tags`)."""
    keys = [SEEN_PREFIX + tag for tag in tags]
    unmarked = set(keys) - cache.get_many(keys).keys()
    if unmarked:
        cache.set_many(dict.fromkeys(unmarked, True), timeout=None)


def get_tagged(key: str) -> tuple[Any, frozenset[str]] | None:
    """The value stored under `key` and its tags, or None when missing or any tag has moved."""
    entry = read_cache(key)
    if entry is None:
        return None
    recorded, value = entry
    current = tag_versions(recorded)
    if current != recorded:
        return None
    return value, frozenset(recorded)


def put_tagged(
    key: str, value: Any, tags: Iterable[str], timeout: int | None, started: int
) -> bool:
    """Store `value` with the current versions of `tags`, unless one moved after `started`.

    `started` is `time.time_ns()` taken before the value was computed. Tags without a version get
    `-started` (`add`, so a concurrent invalidation wins). Returns whether it was stored.
    """
    tags = set(tags)
    current = tag_versions(tags)
    if current is None:
        return False
    missing = tags - current.keys()
    try:
        _mark_seen(tags)
        for tag in missing:
            cache.add(TAG_PREFIX + tag, -started, timeout=None)
    except CACHE_ERRORS:  # an outage only costs the cached copy
        logger.warning("cache unavailable (tag versions)", exc_info=True)
        return False
    if missing:
        current = tag_versions(tags)
        if current is None or current.keys() != tags:
            return False
    if any(version > started for version in current.values()):
        return False  # something this value shows changed while it was being computed
    write_cache(key, (current, value), timeout)
    return True
