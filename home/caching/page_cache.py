"""Whole-page cache for anonymous visitors, safe with languages, previews and editors.

Django's per-site cache forgets pages only by timeout and would store a page rendered for an
editor. This middleware stores only Wagtail page views any anonymous visitor would get alike (see
`may_use_cache`, `may_store`) and serves one only while none of the tags of what it showed
(`home.caching.dependencies`) has moved. The language is in the URL, so in the key.
`X-Page-Cache` says `hit` or `miss`.
"""

import hashlib
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

from home.caching.dependencies import page_tags, recording
from home.caching.frontend import surrogate_key_headers
from home.caching.store import get_tagged, put_tagged

HEADER = "X-Page-Cache"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
KEY_PREFIX = "stempd:page:"
WAGTAIL_VIEW = "wagtail_serve"
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ref"})
HARMLESS_VARY = frozenset({"cookie", "accept-encoding"})
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})
HEADER_LIST = re.compile(r"\s*,\s*")


def page_cache_seconds() -> int:
    """How long a stored page may be served (0 turns the cache off)."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def may_use_cache(request: HttpRequest) -> bool:
    """Whether this request may be answered from, and stored into, the page cache.

    Not with a session or messages cookie (the visitor may see something personal), nor with a
    query string other than campaign-tracking parameters.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    return all(name.startswith("utm_") or name in TRACKING_PARAMETERS for name in request.GET)


def page_key(request: HttpRequest) -> str | None:
    """The cache key of this URL (None: do not cache)."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    address = f"{request.scheme}://{host}{request.path}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{KEY_PREFIX}{digest}"


def _served_page(response: HttpResponse) -> Any:
    """The Wagtail page a response rendered, from its template context (None if not a page)."""
    context = getattr(response, "context_data", None) or {}
    return context.get("page") if isinstance(context, dict) else None


def _cache_control_forbids(response: HttpResponse) -> bool:
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in HEADER_LIST.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    return bool(directives & UNCACHEABLE_DIRECTIVES)


def _varies_on_more_than_cookie(response: HttpResponse) -> bool:
    names = {part.strip().lower() for part in HEADER_LIST.split(response.get("Vary", ""))}
    return bool(names - HARMLESS_VARY - {""})


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether a freshly rendered response is the same for every anonymous visitor."""
    match = getattr(request, "resolver_match", None)
    if request.method != "GET" or match is None or match.url_name != WAGTAIL_VIEW:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "is_preview", False):
        return False
    if _cache_control_forbids(response) or _varies_on_more_than_cookie(response):
        return False
    if "nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a nonce must be new on every response
    page = _served_page(response)
    if page is None:
        return False
    # Restricted pages already answer with a redirect or a form that sets a CSRF cookie; this
    # second line of defence costs one query, and only on a miss.
    return not page.get_view_restrictions().exists()


def freeze(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    """What is stored: status, headers and body (no cookies: stored responses have none)."""
    return response.status_code, list(response.items()), response.content


def thaw(stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    """A new response from a stored one."""
    status, headers, body = stored
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve anonymous visitors' page views from the cache; see the module docstring.

    Sits after `SecurityMiddleware`/`WhiteNoiseMiddleware` and before the session middleware,
    so a hit costs no session, database or template work; the headers the inner middleware
    added (CSP, `Content-Language`, `X-Frame-Options`) are stored with the page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = page_cache_seconds()
        if not timeout or not may_use_cache(request):
            return self.get_response(request)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        found = get_tagged(key)
        if found is not None:
            response = thaw(found[0])
            response[HEADER] = "hit"
            return response
        started = time.time_ns()
        with recording() as tags:
            response = self.get_response(request)
        if may_store(request, response):
            page = _served_page(response)
            tags |= page_tags(page) | {f"children:{page.pk}"}
            for name, value in surrogate_key_headers(tags).items():
                response[name] = value
            if put_tagged(key, freeze(response), tags, timeout, started):
                response[HEADER] = "miss"
        return response
