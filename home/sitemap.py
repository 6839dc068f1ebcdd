"""`/sitemap.xml`: every live, public page in every language, with its hreflang alternates.

Wagtail's and Django's sitemap frameworks announce one URL per object but cannot say which URLs
are translations of each other, which is what lets search engines show a visitor the right
language. Here the pages are read in one query and grouped by `translation_key` in Python, so
the number of queries does not grow with the number of pages.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from wagtail.models import Site, get_page_models

from home.caching.dependencies import model_tables, record
from home.caching.fragments import cached_value
from home.seo import Alternate, alternates_from, public_live_pages


@dataclass(frozen=True)
class SitemapEntry:
    """One `<url>` of the sitemap."""

    location: str
    lastmod: datetime | None
    alternates: list[Alternate]


def _entries(request: HttpRequest, site: Site) -> list[SitemapEntry]:
    """The site's entries in tree order, each listing all its translations."""
    # A page published anywhere may belong here: depend on every page type's table (the
    # pages read below tag only themselves, and a new page is not among them yet).
    for model in get_page_models():
        record(*model_tables(model))
    pages = public_live_pages().only(
        "id", "path", "url_path", "translation_key", "last_published_at", "locale__language_code"
    )
    found = []
    for page in pages.order_by("path"):
        parts = page.get_url_parts(request)
        if parts is None or parts[0] != site.pk or parts[1] is None:
            continue  # outside this site's tree, or not routable
        found.append((page, parts[1] + parts[2]))
    urls_by_key: dict[object, dict[str, str]] = defaultdict(dict)
    for page, url in found:
        urls_by_key[page.translation_key][page.locale.language_code] = url
    alternates_by_key = {key: alternates_from(urls) for key, urls in urls_by_key.items()}
    return [
        SitemapEntry(
            location=url,
            lastmod=page.last_published_at,
            alternates=alternates_by_key[page.translation_key],
        )
        for page, url in found
    ]


@require_safe
def sitemap(request: HttpRequest) -> TemplateResponse:
    """Serve the sitemap as XML (the sitemaps.org schema with xhtml:link alternates).

    The entries are kept with the tags of what they read, like a page's fragments: a publish,
    an unpublish or a new restriction rebuilds them, a draft does not.
    """
    site = Site.find_for_request(request)
    entries = []
    if site is not None:
        entries = cached_value(("sitemap", str(site.pk)), lambda: _entries(request, site))
    return TemplateResponse(
        request,
        "home/sitemap.xml",
        {"entries": entries},
        content_type="application/xml; charset=utf-8",
    )
