"""Queries the network's listings share: "live, public, in this language", pagination, filters.

Listings in one language show that language's version of each item, else the source version
(`home.fallback`); templates mark those with their language (`language_tags.fallback_language`).
"""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from wagtail.models import Locale, Page

from home.fallback import children_of_translations, in_language_or_source
from home.seo import in_private_section

MAX_QUERY_VALUE = 100  # longer filter values are not slugs or codes we know: ignore them


def visible(queryset: QuerySet, locale: Locale) -> QuerySet:
    """Pages a visitor may see in `locale`: live, not view-restricted, one version of each
    (`locale`'s where one exists, else the source), with their locale for language badges.

    The restriction test is a subquery (`home.seo.in_private_section`), so a listing stays one
    query where Wagtail's `public()` first loads every view restriction.
    """
    public = queryset.live().exclude(in_private_section())
    return in_language_or_source(public, locale).select_related("locale")


def visible_children(model: type[Page], index: Page) -> QuerySet:
    """What `index` lists: `model` pages below it or its translations, as `visible` says."""
    return visible(children_of_translations(model.objects.all(), index), index.locale)


def paginate(request: HttpRequest, items, per_page: int) -> PaginatorPage:
    """The requested page of `items`; a hostile `page` value gives the first or last page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_value(request: HttpRequest, name: str) -> str:
    """A short, stripped query-string value, or "" for missing or overlong input."""
    value = request.GET.get(name, "").strip()
    return value if len(value) <= MAX_QUERY_VALUE else ""
