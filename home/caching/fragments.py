"""Fragments every visitor of a site and language sees alike (menu, footer, slots, home sections,
pictures), kept until what they show changes.

Each is stored with the tags of what it read (`home.caching.dependencies`), so a menu edit makes
the menu stale and a news item published elsewhere does not. The tags pass to the page being
rendered, so a cached page that shows a fragment goes stale with it.
"""

import operator
import time
from collections.abc import Callable
from typing import Any

from django.utils.functional import SimpleLazyObject, empty
from django.utils.safestring import SafeString, mark_safe

from home.caching.dependencies import record, recording
from home.caching.store import get_tagged, put_tagged

FRAGMENT_TIMEOUT = 24 * 60 * 60
KEY_PREFIX = "stempd:fragment:"


def cached_value(
    parts: tuple[str, ...],
    compute: Callable[[], Any],
    timeout: int = FRAGMENT_TIMEOUT,
    *,
    keep_none: bool = True,
) -> Any:
    """What `compute()` returns, cached under `parts` until something it read changes.

    `parts` must come from a small, fixed set (site, language, slot name), never from request
    paths or parameters, so visitors cannot fill the cache with keys of their choosing.
    `timeout` bounds what changes with time alone (an event that has begun is no longer
    upcoming); tags cannot see that. With `keep_none=False` a `None` result is not stored
    (`home.caching.routes` keeps only routes that found a page).
    """
    key = KEY_PREFIX + ":".join(parts)
    found = get_tagged(key)
    if found is not None:
        value, tags = found
        record(*tags)
        return value
    started = time.time_ns()
    with recording() as tags:
        value = compute()
    if keep_none or value is not None:
        put_tagged(key, value, tags, timeout, started)
    return value


def cached_fragment(
    parts: tuple[str, ...], render: Callable[[], str], timeout: int = FRAGMENT_TIMEOUT
) -> SafeString:
    """The HTML `render()` returns, cached like `cached_value`."""
    return mark_safe(cached_value(parts, render, timeout))  # noqa: S308 - our own escaped template output


def _replaying(method: Callable) -> Callable:
    def proxy(self, *args):
        if self._wrapped is empty:
            self._setup()
        record(*self.__dict__["_read"])
        return method(self._wrapped, *args)

    return proxy


class _LazyValue(SimpleLazyObject):
    """A lazy value that gives every use the tags its computation recorded: when two kept
    fragments (a page's head and its content) show it, both go stale with what it read."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        read: set[str] = set()

        def setup() -> Any:
            with recording() as tags:
                value = compute()
            read.update(tags)
            return value

        self.__dict__["_read"] = read
        super().__init__(setup)

    __getattr__ = _replaying(getattr)
    __getitem__ = _replaying(operator.getitem)
    __contains__ = _replaying(operator.contains)
    __iter__ = _replaying(iter)
    __len__ = _replaying(len)
    __bool__ = _replaying(bool)


def lazy_value(compute: Callable[[], Any]) -> Any:
    """A context value computed on first use, so a cached fragment that shows it costs nothing.

    Views hand these to templates whose content is kept by `{% cached_content %}`.
    """
    return _LazyValue(compute)


def same_for_every_visitor(request: Any, page: Any) -> bool:
    """Whether what a request shows of `page` is what every visitor of its site and language sees.

    Not for a preview (an unsaved draft), not with a query string (keys the visitor would
    choose), not for a page that is not the live version. `{% cached_content %}` and the head
    tags keep only what passes.
    """
    return (
        request is not None
        and page is not None
        and not getattr(request, "is_preview", False)
        and not request.META.get("QUERY_STRING")
        and bool(getattr(page, "live", False))
        and bool(getattr(page, "live_revision_id", None))
    )
