"""What search engines and social networks are told about a page: alternates, privacy, snippets.

Used by the `seo_tags` template tags (every page's `<head>`), the sitemap and the search page, so
the rules (drafts and private pages never announced; English is `x-default`) live in one place.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest

from wagtail.models import Page, PageViewRestriction


@dataclass(frozen=True)
class Alternate:
    """One `hreflang` alternate: a language code (or `x-default`) and an absolute URL."""

    hreflang: str
    url: str


def in_private_section() -> Exists:
    """True for a page inside a view-restricted section (the restricted page or below it).

    Wagtail's `PageQuerySet.public()` first loads every restriction and builds one OR-clause per
    restriction; this correlated subquery gives the same answer inside the page query itself, so
    listings, the sitemap and the alternates of a page each stay a single query.
    """
    outer_prefix = Substr(OuterRef("path"), 1, Length("page__path"), output_field=CharField())
    return Exists(PageViewRestriction.objects.filter(page__path=outer_prefix))


def public_live_pages() -> QuerySet:
    """Every published page outside private sections, with its locale (for URLs and hreflang)."""
    return (
        Page.objects.live()
        .filter(depth__gt=1)
        .exclude(in_private_section())
        .select_related("locale")
    )


def default_language() -> str:
    """The language whose version is the `x-default`: the site's source language (English)."""
    return settings.LANGUAGE_CODE


def alternates_from(pages_by_language: dict[str, str]) -> list[Alternate]:
    """Alternates in site-language order, then `x-default` pointing at the default language.

    `pages_by_language` maps language codes to absolute URLs of the versions that exist.
    """
    order = [code for code, _name in settings.LANGUAGES]
    codes = sorted(
        pages_by_language,
        key=lambda code: order.index(code) if code in order else len(order),
    )
    alternates = [Alternate(code, pages_by_language[code]) for code in codes]
    default = pages_by_language.get(default_language())
    if default:
        alternates.append(Alternate("x-default", default))
    return alternates


def translation_urls(page: Page, request: HttpRequest | None) -> dict[int, tuple[str, str]]:
    """The live, public versions of `page` (itself included): `{pk: (language code, full URL)}`.

    One query, since translations share the page's `translation_key`. The current page missing
    from the answer means it is a draft, a preview or private, which must not be indexed.
    """
    versions = {}
    for translation in public_live_pages().filter(translation_key=page.translation_key):
        url = translation.get_full_url(request)
        if url:
            versions[translation.pk] = (translation.locale.language_code, url)
    return versions


def search_snippet(page: Page) -> str:
    """The text shown under a page's title in search results and social cards.

    The editor's meta description first, else the page's own summary: a page type can provide
    `get_search_snippet()`, or have an `intro` field as home and standard pages do.
    """
    if page.search_description:
        return page.search_description
    custom = getattr(page, "get_search_snippet", None)
    if callable(custom):
        return custom() or ""
    return str(getattr(page, "intro", "") or "")
