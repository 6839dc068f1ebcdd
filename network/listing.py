"""Helpers the network's index pages share: pagination and "live, public, this language" queries."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from wagtail.models import Locale

from home.seo import in_private_section

MAX_QUERY_VALUE = 100  # longer filter values are not slugs or codes we know: ignore them


def visible(queryset: QuerySet, locale: Locale) -> QuerySet:
    """Pages a visitor may see in `locale`: live, not view-restricted, in that language.

    The restriction test is a subquery (`home.seo.in_private_section`), so a listing stays one
    query where Wagtail's `public()` first loads every view restriction.
    """
    return queryset.live().exclude(in_private_section()).filter(locale=locale)


def paginate(request: HttpRequest, items, per_page: int) -> PaginatorPage:
    """The requested page of `items`; a hostile `page` value gives the first or last page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def query_value(request: HttpRequest, name: str) -> str:
    """A short, stripped query-string value, or "" for missing or overlong input."""
    value = request.GET.get(name, "").strip()
    return value if len(value) <= MAX_QUERY_VALUE else ""
