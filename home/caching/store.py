"""The shared cache as the caches of `home.caching` use it: entries stored with tag versions.

Every entry (page, fragment, feed) stores the version each of its tags had when it was built
(`home.caching.dependencies`) and is served only while all still have it, read in one `get_many`;
a change moves the versions of the tags it touches (`invalidate_tags`), so nothing is deleted or
scanned by hand. Versions are nanosecond timestamps: an entry is written only when none of its
tags moved after its rendering started, so a change committed mid-render is never hidden behind
the older copy, and a tag whose version was evicted gets a new one, so entries recorded against
it never come back. A Redis outage is the cache backend's to absorb (`stempd.cache`): it answers
misses, so nothing is stored or served meanwhile.
"""

import time
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache

TAG_PREFIX = "stempd:tag:"
SEEN_PREFIX = "stempd:tag-seen:"


def tag_versions(tags: Iterable[str]) -> dict[str, int]:
    """The current version of each tag that has one."""
    keys = {TAG_PREFIX + tag: tag for tag in tags}
    return {keys[key]: version for key, version in cache.get_many(list(keys)).items()}


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
    seen = cache.get_many([SEEN_PREFIX + tag for tag in tags])
    cache.set_many({TAG_PREFIX + tag: version for tag in tags}, timeout=None)
    return {key.removeprefix(SEEN_PREFIX) for key in seen}


def _mark_seen(tags: set[str]) -> None:
    """Remember that entries recorded `tags` (see `invalidate_tags`)."""
    keys = [SEEN_PREFIX + tag for tag in tags]
    unmarked = set(keys) - cache.get_many(keys).keys()
    if unmarked:
        cache.set_many(dict.fromkeys(unmarked, True), timeout=None)


def get_tagged(key: str) -> tuple[Any, frozenset[str]] | None:
    """The value stored under `key` and its tags, or None when missing or any tag has moved."""
    entry = cache.get(key)
    if entry is None:
        return None
    recorded, value = entry
    if tag_versions(recorded) != recorded:
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
    missing = tags - current.keys()
    _mark_seen(tags)
    for tag in missing:
        cache.add(TAG_PREFIX + tag, -started, timeout=None)
    if missing:
        current = tag_versions(tags)
        if current.keys() != tags:
            return False  # the cache is not keeping what it is given (an outage)
    if any(version > started for version in current.values()):
        return False  # something this value shows changed while it was being computed
    cache.set(key, (current, value), timeout)
    return True
