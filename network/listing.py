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


def in_locale(objects: list, locale_id: int, *, live_pages: bool = False) -> list:
    """Each translatable object in locale `locale_id` where such a version exists, else as is.

    One query per model for the objects not already in `locale` (none when all are), instead of
    calling `.localized` on each, which costs queries per object. With `live_pages`, pages that
    are not live (in any language) are dropped.
    """
    by_model: dict[type, list] = {}
    for obj in objects:
        if obj.locale_id != locale_id:
            by_model.setdefault(type(obj), []).append(obj.translation_key)
    found: dict[object, object] = {}
    for model, keys in by_model.items():
        queryset = model.objects.filter(translation_key__in=keys, locale_id=locale_id)
        if live_pages:
            queryset = queryset.live()
        found.update({obj.translation_key: obj for obj in queryset})
    result = [found.get(obj.translation_key, obj) for obj in objects]
    if live_pages:
        result = [obj for obj in result if obj.live]
    return result
