"""The frontend cache (Varnish, Cloudflare): our cache's tags as its surrogate keys.

Stored pages name their tags in the header the configured proxy reads (`xkey`/`Surrogate-Key`, or
Cloudflare's `Cache-Tag`); invalidated tags are purged by a background task, never in the editor's
request. Pages are also purged by URL after a publish, for proxies that only purge by URL. Without
a configured proxy nothing is queued.
"""

import json
import logging
from collections.abc import Iterable
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db.models import Q
from django.tasks import task

from wagtail.contrib.frontend_cache.backends import CloudflareBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_pages_from_cache

from home.task_priorities import HOUSEKEEPING

logger = logging.getLogger(__name__)

CLOUDFLARE_CHUNK = 30  # tags per purge request Cloudflare accepts
CLOUDFLARE_HEADER_LIMIT = 16 * 1024
PURGE_TIMEOUT = 30


def surrogate_key_headers(tags: Iterable[str]) -> dict[str, str]:
    """Response headers naming `tags` for the configured proxies (none without a proxy)."""
    backends = get_backends().values()
    tags = sorted(tags)
    headers = {}
    if any(isinstance(backend, HTTPBackend) for backend in backends):
        headers["xkey"] = headers["Surrogate-Key"] = " ".join(tags)
    if any(isinstance(backend, CloudflareBackend) for backend in backends):
        value = ",".join(tags)
        if len(value) <= CLOUDFLARE_HEADER_LIMIT:
            headers["Cache-Tag"] = value
    return headers


def purge_tags_from_frontend_cache(tags: Iterable[str]) -> None:
    """Queue a purge of `tags` in the proxies, when one is configured."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and tags:
        purge_tags_task.enqueue(sorted(tags))


@task(priority=HOUSEKEEPING)
def purge_tags_task(tags: list[str]) -> None:
    """Purge `tags` from every configured proxy (runs in the task workers)."""
    for name, backend in get_backends().items():
        if isinstance(backend, HTTPBackend):
            _purge_xkeys(backend, tags)
        elif isinstance(backend, CloudflareBackend):
            for start in range(0, len(tags), CLOUDFLARE_CHUNK):
                _purge_cloudflare_tags(backend, tags[start : start + CLOUDFLARE_CHUNK])
        else:
            logger.info("frontend cache %s cannot purge by tag", name)


def _purge_xkeys(backend: HTTPBackend, tags: list[str]) -> None:
    url = f"{backend.cache_scheme}://{backend.cache_netloc}/"
    request = Request(url, method="PURGE", headers={"xkey-purge": " ".join(tags)})  # noqa: S310
    try:
        urlopen(request, timeout=PURGE_TIMEOUT).close()  # noqa: S310 - the configured proxy
    except (URLError, OSError):
        logger.exception("could not purge %d tags from %s", len(tags), url)


def _purge_cloudflare_tags(backend: CloudflareBackend, tags: list[str]) -> None:
    headers = {"Content-Type": "application/json"}
    if backend.cloudflare_token:
        headers["Authorization"] = f"Bearer {backend.cloudflare_token}"
    else:
        headers["X-Auth-Email"] = backend.cloudflare_email
        headers["X-Auth-Key"] = backend.cloudflare_api_key
    request = Request(  # noqa: S310 - Cloudflare's API
        backend.cloudflare_purge_endpoint_url,
        data=json.dumps({"tags": tags}).encode(),
        headers=headers,
        method="POST",
    )
    try:
        urlopen(request, timeout=PURGE_TIMEOUT).close()  # noqa: S310
    except (URLError, OSError):
        logger.exception("could not purge %d tags from Cloudflare", len(tags))


def purge_page_from_frontend_cache(sender, instance, **kwargs) -> None:
    """Purge by URL a published or unpublished page and the pages that list it (its parent
    index and its home page), in one background task; nothing at all without a proxy.

    This handler replaces Wagtail's `frontend_cache` app (not installed), whose handlers queue a
    purge task on every publish whether or not a proxy is configured.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    listings = instance.get_ancestors().filter(Q(depth=2) | Q(depth=instance.depth - 1))
    purge_pages_from_cache([instance, *(page.specific_deferred for page in listings)])
