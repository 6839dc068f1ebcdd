"""Project-level views that belong to no app."""

from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control

from stempd.readiness import database_answers

ICON_MAX_AGE = 60 * 60 * 24


def healthz(request: HttpRequest) -> HttpResponse:
    """Answer load balancers: 200 when the database answers, 503 otherwise."""
    if not database_answers():
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@lru_cache(maxsize=1)
def _favicon_bytes() -> bytes:
    path = finders.find("favicon.ico")
    return Path(path).read_bytes() if path else b""


def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico` at the root, where browsers and feed readers ask for it without a <link>."""
    body = _favicon_bytes()
    if not body:
        return HttpResponseNotFound("no favicon\n", content_type="text/plain")
    response = HttpResponse(body, content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=ICON_MAX_AGE)
    return response


def web_manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: name, colours and icons for a site added to a home screen."""
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    manifest = {
        "name": "STEM PD Net",
        "short_name": "STEM PD Net",
        "description": "European Network of STEM Professional Development Centres",
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": icons,
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=ICON_MAX_AGE)
    return response
