"""The translation status of source pages in every locale, computed in a fixed number of queries.

Translators and staff plan from it, so a page is "translated" only when every string is. States
for one source page and one locale:
- missing: no translated page (an alias made by locale synchronisation counts as missing);
- in progress: not complete, not live, or with translated strings not yet published (shown with
  translated/total strings);
- awaiting review: the translated page is in a workflow (a translator submitted it);
- outdated: the source was published, or its snapshot refreshed, after the locale's newest
  `TranslationLog` for it;
- translated: every string translated, live and up to date (or translated by hand and live).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from translation.changes import changed_counts
from translation.progress import Progress, bulk_progress

MISSING = "missing"
IN_PROGRESS = "in_progress"
IN_REVIEW = "in_review"
OUTDATED = "outdated"
TRANSLATED = "translated"
STATES = (MISSING, IN_PROGRESS, IN_REVIEW, OUTDATED, TRANSLATED)
STATUS_LABELS = {
    MISSING: _("Missing"),
    IN_PROGRESS: _("In progress"),
    IN_REVIEW: _("Awaiting review"),
    OUTDATED: _("Outdated"),
    TRANSLATED: _("Translated"),
}


@dataclass(frozen=True)
class Cell:
    """One page in one locale, as the matrix shows it."""

    status: str
    last_sync: datetime | None = None
    action_url: str = ""
    sync_url: str = ""
    progress: Progress | None = None
    # Outdated cells: when the source changed after `last_sync`, and whether its new text is
    # already in the translation's snapshot (then the untranslated strings are the new ones).
    source_changed_at: datetime | None = None
    snapshot_refreshed: bool = False
    # Sentences whose source text changed after they were translated (`translation.changes`).
    changed: int = 0

    @property
    def percent(self) -> int | None:
        return self.progress.percent if self.progress else None


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
    last_logs = last_syncs(source_ids, locale_ids)
    in_review = pages_in_review(
        page_id for page_id, _live, alias in translated.values() if alias is None
    )
    synced_pairs = [pair for pair, is_enabled in enabled.items() if is_enabled]
    progress = bulk_progress(synced_pairs)
    changed = changed_counts(synced_pairs)

    facts = _Facts(translated, sources, enabled, last_logs, in_review, progress, changed)
    return {
        page.pk: {locale_id: facts.cell(page, locale_id) for locale_id in locale_ids}
        for page in pages
    }


def last_syncs(source_ids, locale_ids) -> dict[tuple[int, int], datetime]:
    """`{(source id, locale id): when its newest `TranslationLog` was made}` (one query)."""
    logs = TranslationLog.objects.filter(source_id__in=source_ids, locale_id__in=locale_ids)
    return {
        (row["source_id"], row["locale_id"]): row["last"]
        for row in logs.values("source_id", "locale_id").annotate(last=Max("created_at"))
    }


def pages_in_review(page_ids) -> set[int]:
    """Which of `page_ids` are in a workflow in progress (one query)."""
    ids = [str(page_id) for page_id in page_ids]
    if not ids:
        return set()
    return {
        int(object_id)
        for object_id in WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=ids,
        ).values_list("object_id", flat=True)
    }


_SENTINEL = 987654321


def _url_maker(name: str):
    """`reverse(name, args=[pk])` for many pks at the cost of one `reverse()`."""
    template = reverse(name, args=[_SENTINEL])
    return lambda pk: template.replace(str(_SENTINEL), str(pk))


@dataclass
class _Facts:
    """What the bulk queries found; decides each cell without querying."""

    translated: dict
    sources: dict
    enabled: dict
    last_logs: dict
    in_review: set
    progress: dict
    changed: dict

    def __post_init__(self):
        self.submit_url = _url_maker("wagtail_localize:submit_page_translation")
        self.edit_url = _url_maker("wagtailadmin_pages:edit")
        self.sync_url = _url_maker("wagtail_localize:update_translations")

    def cell(self, page: Page, locale_id: int) -> Cell:
        found = self.translated.get((page.translation_key, locale_id))
        if found is None or found[2] is not None:
            return Cell(MISSING, action_url=self.submit_url(page.pk))
        page_id, live, _alias = found
        edit_url = self.edit_url(page_id)
        source = self.sources.get(page.translation_key)
        if source is None or (source[0], locale_id) not in self.enabled:
            # Translated by hand: there are no strings to count.
            status = IN_REVIEW if page_id in self.in_review else TRANSLATED if live else IN_PROGRESS
            return Cell(status, action_url=edit_url)
        source_id, source_updated = source
        is_synced = self.enabled[(source_id, locale_id)]
        progress = self.progress.get((source_id, locale_id)) if is_synced else None
        last_sync = self.last_logs.get((source_id, locale_id)) or source_updated
        published_later = page.last_published_at is not None and page.last_published_at > max(
            source_updated, last_sync
        )
        refreshed_later = last_sync < source_updated
        changed_at = None
        if is_synced and live and (published_later or refreshed_later):
            status = OUTDATED
            changed_at = page.last_published_at if published_later else source_updated
        elif page_id in self.in_review:
            status = IN_REVIEW
        elif not live or (progress is not None and not _published(progress, last_sync)):
            status = IN_PROGRESS
        else:
            status = TRANSLATED
        return Cell(
            status,
            last_sync=last_sync,
            action_url=edit_url,
            sync_url=self.sync_url(source_id) if status == OUTDATED else "",
            progress=progress,
            source_changed_at=changed_at,
            snapshot_refreshed=status == OUTDATED and refreshed_later and not published_later,
            changed=self.changed.get((source_id, locale_id), 0) if is_synced else 0,
        )


def _published(progress: Progress, last_sync: datetime) -> bool:
    """Every string translated, and none edited after the translation was last saved to the page."""
    return progress.complete and (progress.last_edit is None or progress.last_edit <= last_sync)


@dataclass
class LocaleSummary:
    """One language's column totals: how many pages in each state, and how complete it is."""

    locale: Locale
    counts: Counter
    pages: int

    @property
    def state_counts(self) -> list[tuple[str, int]]:
        """Pages per state, in the order of `STATES` (the summary row's columns)."""
        return [(state, self.counts[state]) for state in STATES]

    @property
    def completion(self) -> int:
        """The share of pages translated (100% translated, live and up to date), rounded down."""
        return self.counts[TRANSLATED] * 100 // self.pages if self.pages else 100


def summarise(
    matrix: dict[int, dict[int, Cell]], locales: list[Locale]
) -> dict[int, LocaleSummary]:
    """`{locale id: LocaleSummary}` over every row of `matrix`."""
    summary = {locale.pk: LocaleSummary(locale, Counter(), 0) for locale in locales}
    for row in matrix.values():
        for locale_id, cell in row.items():
            if locale_id in summary:
                summary[locale_id].counts[cell.status] += 1
                summary[locale_id].pages += 1
    return summary
