"""Which version of each item a listing in one language shows: that language's, else the source.

A visitor reading German must still find an event nobody translated into German. Listings,
hubs, home sections and calendars therefore take, for every `translation_key`, the version in
the wanted language where a visible one exists, else the version in the default language, else
the oldest visible version (the one translations were made from). All of it is one SQL query
with subqueries, so a listing's query count does not grow with its items.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import get_supported_language_variant

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def default_language_code() -> str:
    """The language code of the default content locale (no query)."""
    try:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return get_supported_language_variant(settings.LANGUAGE_CODE)


def in_language_or_source(queryset: QuerySet, locale: Locale, *, strict: bool = False) -> QuerySet:
    """`queryset` narrowed to one version per item: `locale`'s where it has one, else the source.

    `queryset` must already hold only what the visitor may see (live, public), so a draft or
    private translation never hides the source version. With `strict`, only `locale`'s own
    versions are kept (the documented `?strict=1` switch of the calendar feeds).
    """
    own = queryset.filter(locale=locale)
    if strict:
        return own
    default = default_language_code()
    in_default = queryset.filter(locale__language_code=default).values("translation_key")
    older = queryset.exclude(locale=locale).filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    fallback = (
        queryset.exclude(locale=locale)
        .exclude(translation_key__in=own.values("translation_key"))
        .filter(
            Q(locale__language_code=default) | (~Q(translation_key__in=in_default) & ~Exists(older))
        )
    )
    return queryset.filter(Q(locale=locale) | Q(pk__in=fallback.values("pk")))


def children_of_translations(queryset: QuerySet, parent: Page) -> QuerySet:
    """Pages of `queryset` directly below `parent` or below any of its translations.

    An index in one language lists the items filed under its translations too (with
    `in_language_or_source` choosing one version of each), in the same single query.
    """
    parents = Page.objects.filter(translation_key=parent.translation_key).values("path")
    return queryset.annotate(parent_path=Substr("path", 1, len(parent.path))).filter(
        depth=parent.depth + 1, parent_path__in=parents
    )
