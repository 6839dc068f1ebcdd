"""The translation status of source pages in every locale, computed in a fixed number of queries.

Statuses, for one source page and one locale:

- missing: no translated page (an alias copy made by locale synchronisation counts as missing);
- draft: the translated page exists but is not live;
- outdated: the source was published, or its snapshot refreshed, after the translation was last
  synced (compares the source page's `last_published_at` and the `TranslationSource`'s
  `last_updated_at` with the newest `TranslationLog` of that locale);
- translated: live and up to date (also pages translated by hand, without a sync record).

Four queries, whatever the number of rows and locales: translated pages, sources, translation
records, and the newest log per source and locale.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

MISSING = "missing"
DRAFT = "draft"
OUTDATED = "outdated"
TRANSLATED = "translated"
STATUS_LABELS = {
    MISSING: _("Missing"),
    DRAFT: _("Draft"),
    OUTDATED: _("Outdated"),
    TRANSLATED: _("Translated"),
}


@dataclass(frozen=True)
class Cell:
    """One page in one locale, as the matrix shows it."""

    status: str
    page_id: int | None = None
    last_sync: datetime | None = None
    synced: bool = False
    action_url: str = ""
    sync_url: str = ""

    @property
    def label(self):
        """The status, as translators read it."""
        return STATUS_LABELS[self.status]


def build_matrix(pages: list[Page], locales: list[Locale]) -> dict[int, dict[int, Cell]]:
    """`{source page id: {locale id: Cell}}` for `pages` (source-language pages) in `locales`."""
    if not pages or not locales:
        return {page.pk: {} for page in pages}
    keys = {page.translation_key for page in pages}
    locale_ids = [locale.pk for locale in locales]
    source_locale_ids = {page.locale_id for page in pages}

    translated: dict[tuple, tuple] = {}
    for page_id, key, locale_id, live, alias_of in Page.objects.filter(
        translation_key__in=keys, locale_id__in=locale_ids
    ).values_list("id", "translation_key", "locale_id", "live", "alias_of_id"):
        translated[(key, locale_id)] = (page_id, live, alias_of)

    sources: dict[object, tuple[int, datetime]] = {}
    for source_id, key, updated in TranslationSource.objects.filter(
        object_id__in=keys, locale_id__in=source_locale_ids
    ).values_list("id", "object_id", "last_updated_at"):
        sources[key] = (source_id, updated)
    source_ids = [source_id for source_id, _updated in sources.values()]

    enabled: dict[tuple[int, int], bool] = {
        (source_id, locale_id): is_enabled
        for source_id, locale_id, is_enabled in Translation.objects.filter(
            source_id__in=source_ids, target_locale_id__in=locale_ids
        ).values_list("source_id", "target_locale_id", "enabled")
    }
    last_logs: dict[tuple[int, int], datetime] = {
        (row["source_id"], row["locale_id"]): row["last"]
        for row in TranslationLog.objects.filter(source_id__in=source_ids, locale_id__in=locale_ids)
        .values("source_id", "locale_id")
        .annotate(last=Max("created_at"))
    }

    matrix: dict[int, dict[int, Cell]] = {}
    for page in pages:
        row: dict[int, Cell] = {}
        source = sources.get(page.translation_key)
        for locale_id in locale_ids:
            row[locale_id] = _cell(page, locale_id, translated, source, enabled, last_logs)
        matrix[page.pk] = row
    return matrix


def _cell(page, locale_id, translated, source, enabled, last_logs) -> Cell:
    found = translated.get((page.translation_key, locale_id))
    if found is None or found[2] is not None:
        return Cell(
            MISSING,
            action_url=reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        )
    page_id, live, _alias = found
    edit_url = reverse("wagtailadmin_pages:edit", args=[page_id])
    if source is None or (source[0], locale_id) not in enabled:
        status = TRANSLATED if live else DRAFT
        return Cell(status, page_id=page_id, action_url=edit_url)
    source_id, source_updated = source
    is_synced = enabled[(source_id, locale_id)]
    last_sync = last_logs.get((source_id, locale_id)) or source_updated
    sync_url = reverse("wagtail_localize:update_translations", args=[source_id])
    if not live:
        status = DRAFT
    elif is_synced and (
        (page.last_published_at is not None and page.last_published_at > source_updated)
        or last_sync < source_updated
    ):
        status = OUTDATED
    else:
        status = TRANSLATED
    return Cell(
        status,
        page_id=page_id,
        last_sync=last_sync,
        synced=is_synced,
        action_url=edit_url,
        sync_url=sync_url if status == OUTDATED else "",
    )
