"""What search engines and social networks are told about a page: alternates, privacy, snippets.

Used by the `seo_tags` template tags (every page's `<head>`), the sitemap and the search page, so
the rules (drafts and private pages never announced; English is `x-default`) live in one place.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import HttpRequest

from wagtail.models import Page, PageViewRestriction

from home.caching.fragments import cached_value


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
    default = pages_by_language.get(settings.LANGUAGE_CODE)  # the source language
    if default:
        alternates.append(Alternate("x-default", default))
    return alternates


@dataclass(frozen=True)
class PageFamily:
    """What the layout needs around a page: its ancestors (for breadcrumbs) and its versions."""

    ancestors: list[Page]
    versions: dict[int, tuple[str, str]]
    links: dict[str, str]  # language code -> link for this visitor (relative on the same site)


def page_family(page: Page, request: HttpRequest | None) -> PageFamily:
    """Ancestors and live, public versions of `page` in ONE query, kept for the live version.

    The breadcrumbs, the hreflang alternates and the language switcher all need them. Ancestor
    paths follow from the page's own tree path, and translations share its `translation_key`,
    so one query can fetch both. `versions` maps page ids to (language code, full URL); the
    current page missing from it means a draft, a preview or a private page.
    """
    if request is None or getattr(request, "is_preview", False) or not page.live_revision_id:
        memo = request.__dict__.setdefault("_stempd_page_family", {}) if request else {}
        if page.pk not in memo:
            memo[page.pk] = _load_family(page, request)
        return memo[page.pk]
    # Kept across requests for the live version: the rows' tags (each page, its translation
    # family, view restrictions) make it stale when a version, an ancestor or a restriction
    # changes. Read from the cache on every call, never memoised on the request, so that each
    # kept fragment that uses it (head, breadcrumbs) records those tags too.
    key = ("family", request.get_host(), str(page.pk), str(page.live_revision_id))
    return cached_value(key, lambda: _load_family(page, request))


def _load_family(page: Page, request: HttpRequest | None) -> PageFamily:
    step = Page.steplen
    ancestor_paths = [page.path[:end] for end in range(step, len(page.path), step)]
    rows = (
        Page.objects.filter(Q(translation_key=page.translation_key) | Q(path__in=ancestor_paths))
        .annotate(private=in_private_section())
        .select_related("locale")
        .order_by("path")
    )
    ancestors, versions, links = [], {}, {}
    for row in rows:
        if row.path in ancestor_paths:
            ancestors.append(row)
        elif row.live and not row.private:
            url = row.get_full_url(request)
            if url:
                versions[row.pk] = (row.locale.language_code, url)
                links[row.locale.language_code] = row.get_url(request) or url
    return PageFamily(ancestors=ancestors, versions=versions, links=links)


SUMMARY_FIELDS = ("intro", "lead", "summary")


def search_snippet(page: Page) -> str:
    """The text shown under a page's title in search results and social cards.

    The editor's meta description first, else the page's own `intro`, `lead` or `summary` field
    (home and standard pages, news, publications), so no page goes without a meta description.
    """
    if page.search_description:
        return page.search_description
    for field in SUMMARY_FIELDS:
        text = getattr(page, field, "")
        if isinstance(text, str) and text:
            return text
    return ""
