"""How much of a source has been translated into a locale, for many sources and locales at once.

wagtail-localize's own `Translation.get_progress()` answers for one translation with one query;
the status report and the translators' queue need hundreds of answers per page, so this module
counts in bulk from the same tables (`StringSegment`, `StringTranslation`): one query for the
totals and one for the translated strings, whatever the number of sources and locales.
A string counts as translated exactly when wagtail-localize counts it: a translation without
error in the segment's own context.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Max

from wagtail_localize.models import StringSegment, StringTranslation


@dataclass(frozen=True)
class Progress:
    """Translated strings out of the source's strings, and when a string last changed."""

    translated: int
    total: int
    last_edit: datetime | None = None

    @property
    def percent(self) -> int:
        """Rounded down, so 99.9% never reads as 100%; a source without strings is complete."""
        if self.total <= 0:
            return 100
        return min(100, self.translated * 100 // self.total)

    @property
    def complete(self) -> bool:
        return self.translated >= self.total


def string_totals(source_ids: Iterable[int]) -> dict[int, int]:
    """`{source id: number of string segments}` (one query)."""
    ids = list(source_ids)
    if not ids:
        return {}
    return dict(
        StringSegment.objects.filter(source_id__in=ids)
        .values("source_id")
        .annotate(total=Count("id"))
        .values_list("source_id", "total")
    )


def translated_counts(
    source_ids: Iterable[int], locale_ids: Iterable[int]
) -> dict[tuple[int, int], tuple[int, datetime | None]]:
    """`{(source id, locale id): (translated segments, newest edit)}` (one query)."""
    ids, locales = list(source_ids), list(locale_ids)
    if not ids or not locales:
        return {}
    # Joined through the context (a handful of translations each), not through the string: a
    # common string such as "Read more" has a translation per page and language.
    rows = (
        StringTranslation.objects.filter(
            locale_id__in=locales,
            has_error=False,
            context__stringsegment__source_id__in=ids,
            context__stringsegment__string_id=F("translation_of_id"),
        )
        .values("context__stringsegment__source_id", "locale_id")
        .annotate(done=Count("id"), last_edit=Max("updated_at"))
        .values_list("context__stringsegment__source_id", "locale_id", "done", "last_edit")
    )
    return {(source_id, locale_id): (done, last) for source_id, locale_id, done, last in rows}


def bulk_progress(
    pairs: Iterable[tuple[int, int]],
) -> dict[tuple[int, int], Progress]:
    """`{(source id, locale id): Progress}` for every pair asked (two queries in all)."""
    pairs = list(pairs)
    source_ids = {source_id for source_id, _locale in pairs}
    locale_ids = {locale_id for _source, locale_id in pairs}
    totals = string_totals(source_ids)
    done = translated_counts(source_ids, locale_ids)
    result = {}
    for pair in pairs:
        count, last_edit = done.get(pair, (0, None))
        result[pair] = Progress(count, totals.get(pair[0], 0), last_edit)
    return result
