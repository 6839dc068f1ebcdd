"""How much of a source has been translated into a locale, for many sources and locales at once.

wagtail-localize's own `Translation.get_progress()` costs a query per translation; the status
report and the translators' queue need hundreds of answers per page, so this counts in bulk from
the same tables. A string counts as translated exactly when wagtail-localize counts it: a
translation without error in the segment's own context.
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


def bulk_progress(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], Progress]:
    """`{(source id, locale id): Progress}` for every pair asked (two queries in all)."""
    pairs = list(pairs)
    if not pairs:
        return {}
    source_ids = {source_id for source_id, _locale in pairs}
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids)
        .values("source_id")
        .annotate(total=Count("id"))
        .values_list("source_id", "total")
    )
    # Joined through the context (a handful of translations each), not through the string: a
    # common string such as "Read more" has a translation per page and language.
    rows = (
        StringTranslation.objects.filter(
            locale_id__in={locale_id for _source, locale_id in pairs},
            has_error=False,
            context__stringsegment__source_id__in=source_ids,
            context__stringsegment__string_id=F("translation_of_id"),
        )
        .values("context__stringsegment__source_id", "locale_id")
        .annotate(done=Count("id"), last_edit=Max("updated_at"))
        .values_list("context__stringsegment__source_id", "locale_id", "done", "last_edit")
    )
    done = {(source_id, locale_id): (count, last) for source_id, locale_id, count, last in rows}
    result = {}
    for pair in pairs:
        count, last_edit = done.get(pair, (0, None))
        result[pair] = Progress(count, totals.get(pair[0], 0), last_edit)
    return result
