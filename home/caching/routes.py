"""Routing without the page tree: the site and the page of a public URL, kept until they change.

Before Wagtail renders a page it finds the site for the host (a query), the site's root page in
the visitor's language (two), and walks down the tree one level per URL segment (one or two
each): five to seven queries, a fifth of an uncached detail page's time. What it finds changes
only when a page is published, unpublished, moved, renamed or deleted, or a site is edited, which
the tags recorded while routing (`home.caching.dependencies`: the page and each ancestor loaded,
and `tree`) already say. So the result is kept in the cache and handed to Wagtail through the
attributes its own `Site.find_for_request` and `Page.route_for_request` look for first.

Keys come from the host (checked against `ALLOWED_HOSTS` by then, which production restricts)
and the path's segments as Wagtail's URL pattern matched them: only routes that found a page are
kept, so a visitor cannot fill the cache with addresses of their choosing. Routes with arguments
(a routable page's sub-view) are not kept.
"""

import hashlib
from collections.abc import Callable

from django.http import HttpRequest
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from home.caching.fragments import cached_value

ROUTE_TIMEOUT = 24 * 60 * 60


def _site(request: HttpRequest) -> Site | None:
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page  # noqa: B018 - loaded now, so the kept site carries its root page
    return site


def _route(request: HttpRequest, path: str) -> tuple | None:
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page, args, kwargs = result
    return (page, args, kwargs) if not args and not kwargs else None


class RouteCacheMiddleware:
    """Hands Wagtail's page view a kept site and route; anything else passes untouched."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        host = request.get_host()
        site = cached_value(
            ("route", "site", host, request.get_port()),
            lambda: _site(request),
            ROUTE_TIMEOUT,
            keep_none=False,
        )
        request._wagtail_site = site
        if site is None:
            return None
        # The segments, as Wagtail routes them: "a//b/" and "a/b/" are one route, one key.
        segments = "/".join(segment for segment in path.split("/") if segment)
        digest = hashlib.blake2b(segments.encode(), digest_size=16).hexdigest()  # short keys
        key = ("route", "page", str(site.pk), get_language() or "", digest)
        route = cached_value(key, lambda: _route(request, path), ROUTE_TIMEOUT, keep_none=False)
        if route is not None:
            request._wagtail_route_for_request = route
        return None
