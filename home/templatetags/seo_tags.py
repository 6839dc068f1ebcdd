"""Search-engine and social-media tags for every page's `<head>` (`{% seo_meta %}` in base.html).

Any Wagtail page gets a meta description, canonical URL, OpenGraph/Twitter card and hreflang
alternates without doing anything; a page type adds a social image by mixing in
`home.mixins.SocialMetaMixin` (or by defining `get_social_image()` itself). Views that are not
pages can set `seo_title`, `meta_description`, `canonical_url` or `seo_noindex` in their context.
"""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template import Context
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page, Site

from home.caching.fragments import cached_fragment, same_for_every_visitor
from home.seo import Alternate, alternates_from, page_family, search_snippet
from home.site_url import absolute

register = template.Library()

SOCIAL_IMAGE_FILTER = "fill-1200x630"
DESCRIPTION_MAX_CHARS = 300


def _site_name(request: HttpRequest | None) -> str:
    site = Site.find_for_request(request) if request else None
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def _social_image(page: Page, request: HttpRequest | None) -> dict | None:
    """The page's social image as a 1200×630 rendition with an absolute URL (cards need one)."""
    get_image = getattr(page, "get_social_image", None)
    image = get_image() if callable(get_image) else None
    if image is None:
        return None
    rendition = get_rendition_or_not_found(image, SOCIAL_IMAGE_FILTER)
    url = absolute(rendition.url)
    return {
        "url": url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


@register.simple_tag(takes_context=True)
def seo_meta(context: Context) -> SafeString:
    """Meta description, robots, canonical, hreflang alternates, OpenGraph and Twitter tags.

    Drafts, previews and private pages get `noindex` and no alternates. A live page's tags, asked
    for without a query string or overrides, are kept as a fragment until the page, a
    translation or a view restriction changes.
    """
    request: HttpRequest | None = context.get("request")
    page = context.get("page")

    def render() -> str:
        return render_to_string("components/seo_meta.html", _seo_context(context))

    overridden = any(name in context for name in ("seo_noindex", "canonical_url"))
    if overridden or not isinstance(page, Page) or not same_for_every_visitor(request, page):
        return mark_safe(render())  # noqa: S308 - our own template's escaped output
    language = get_language() or ""
    key = ("seo", request.get_host(), language, str(page.pk), str(page.live_revision_id))
    return cached_fragment(key, render)


def _seo_context(context: Context) -> dict:
    request: HttpRequest | None = context.get("request")
    page = context.get("page")
    noindex = bool(context.get("seo_noindex"))
    alternates: list[Alternate] = []
    image = None
    if isinstance(page, Page) and page.pk:
        title = page.seo_title or page.title
        description = search_snippet(page)
        versions = page_family(page, request).versions
        noindex = noindex or page.pk not in versions
        canonical = versions[page.pk][1] if page.pk in versions else page.get_full_url(request)
        if not noindex:
            alternates = alternates_from(dict(versions.values()))
        image = _social_image(page, request)
    else:
        title = context.get("seo_title", "")
        description = context.get("meta_description", "")
        canonical = absolute(request.path) if request else ""
    return {
        "title": title,
        "description": Truncator(description).chars(DESCRIPTION_MAX_CHARS),
        "canonical": context.get("canonical_url") or canonical,
        "noindex": noindex,
        "alternates": alternates,
        "image": image,
        "site_name": _site_name(request),
    }
