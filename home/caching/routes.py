"""Routing without the page tree: the page of a public URL, kept until the tree changes.

Wagtail walks the tree a query or two per URL segment, and what it finds changes only with what
the tags recorded while routing name (a publish, move, rename, site edit). `serve`, mounted under
Wagtail's page view's name, keeps the route and serves the page through Wagtail's serving hooks.
Only routes that found a page are kept, keyed by site and path segments, so visitors cannot fill
the cache; routes with arguments and anything but GET and HEAD go to Wagtail's view unchanged.
"""

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from home.caching.fragments import cached_value

ROUTE_TIMEOUT = 24 * 60 * 60

# `serve_route` mirrors Wagtail's page view, as its source reads here (`home.patches`).
UPSTREAM = {
    "wagtail.views.serve": "eab2a9d475a3384347f8dd3a62e522b635298d6990adf6e3fbbdd302bfa8d62b"
}


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


def kept_route(request: HttpRequest, path: str) -> tuple[Page, list, dict] | None:
    """The page `path` routes to on the request's site, from the cache when it is there."""
    site = cached_value(
        ("route", "site", request.get_host(), request.get_port()),
        lambda: _site(request),
        ROUTE_TIMEOUT,
        keep_none=False,
    )
    if site is None:
        return None
    # The segments, as Wagtail routes them: "a//b/" and "a/b/" are one route, one key.
    segments = "/".join(segment for segment in path.split("/") if segment)
    digest = hashlib.blake2b(segments.encode(), digest_size=16).hexdigest()  # short keys
    key = ("route", "page", str(site.pk), get_language() or "", digest)
    return cached_value(key, lambda: _route(request, path), ROUTE_TIMEOUT, keep_none=False)


def serve_route(request: HttpRequest, page: Page, args: list, kwargs: dict[str, Any]):
    """Serve a routed page the way `wagtail.views.serve` does, hooks included."""
    chain = wagtail_views.serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for before in hooks.get_hooks("before_serve_page"):
        result = before(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, starting from a kept route for GET and HEAD."""
    route = kept_route(request, path) if request.method in ("GET", "HEAD") else None
    if route is None:
        return wagtail_views.serve(request, path)
    return serve_route(request, *route)
