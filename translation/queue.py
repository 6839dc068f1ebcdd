"""What is waiting for whom in the translation workflow: a translator's own queue, and the
translations awaiting a staff member's review. Both feed the admin dashboard (`panels`).

Computed in bulk, like the status report: a handful of queries whatever the queue's length.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Greatest

from wagtail.admin.utils import get_user_display_name
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail_localize.models import Translation

from translation.changes import changed_counts
from translation.conf import source_locale
from translation.groups import translator_locale_ids
from translation.matrix import last_syncs, pages_in_review
from translation.progress import Progress, bulk_progress
from translation.review import edit_url, model_edit_url

CANDIDATES = 200  # requests looked at; finished ones are dropped before the panel's limit


@dataclass(frozen=True)
class QueueItem:
    """A page or snippet to translate (or to review) in one language."""

    title: str
    kind: str
    locale: Locale
    edit_url: str
    requested_at: datetime
    progress: Progress | None
    outdated_since: datetime | None = None
    submitted_by: str = ""
    changed: int = 0  # sentences whose source text changed after they were translated
    needs_changes: bool = False  # a reviewer sent it back

    @property
    def percent(self) -> int | None:
        return self.progress.percent if self.progress else None


def _targets(translations: list[Translation]) -> dict[tuple, tuple[int, bool]]:
    """`{(translation key, locale id): (pk, live)}` of the targets, one query per model."""
    wanted: dict[type, set] = {}
    for translation in translations:
        model = translation.source.specific_content_type.model_class()
        base = Page if issubclass(model, Page) else model
        wanted.setdefault(base, set()).add(translation.source.object_id)
    locale_ids = {translation.target_locale_id for translation in translations}
    found = {}
    for model, keys in wanted.items():
        fields = ["pk", "translation_key", "locale_id"]
        has_live = any(field.name == "live" for field in model._meta.get_fields())
        for row in model._default_manager.filter(
            translation_key__in=keys, locale_id__in=locale_ids
        ).values(*fields, *(["live"] if has_live else [])):
            found[(row["translation_key"], row["locale_id"])] = (row["pk"], row.get("live", True))
    return found


def translator_queue(user, limit: int = 20) -> list[QueueItem]:
    """Pages and snippets sent into the translator's languages that still need work, newest
    request (sent or synced) first. Empty for users who are not partner translators."""
    locale_ids = translator_locale_ids(user)
    if not locale_ids:
        return []
    translations = list(
        Translation.objects.filter(target_locale_id__in=locale_ids, enabled=True)
        .select_related("source", "source__specific_content_type", "target_locale")
        .annotate(requested_at=Greatest("created_at", "source__last_updated_at"))
        .order_by("-requested_at", "-pk")[:CANDIDATES]
    )
    if not translations:
        return []
    pairs = [(t.source_id, t.target_locale_id) for t in translations]
    progress = bulk_progress(pairs)
    changed_sentences = changed_counts(pairs)
    last_logs = last_syncs({t.source_id for t in translations}, locale_ids)
    source_published = dict(
        Page.objects.filter(
            translation_key__in={t.source.object_id for t in translations},
            locale=source_locale(),
        ).values_list("translation_key", "last_published_at")
    )
    targets = _targets(translations)
    reviewing = pages_in_review(
        targets[key][0]
        for t in translations
        if (key := (t.source.object_id, t.target_locale_id)) in targets
        and issubclass(t.source.specific_content_type.model_class(), Page)
    )
    items = []
    for translation in translations:
        target = targets.get((translation.source.object_id, translation.target_locale_id))
        if target is None:
            continue  # not created yet, or deleted: nothing to open
        model = translation.source.specific_content_type.model_class()
        is_page = issubclass(model, Page)
        if is_page and target[0] in reviewing:
            continue  # with staff now
        done = progress[(translation.source_id, translation.target_locale_id)]
        last_sync = last_logs.get((translation.source_id, translation.target_locale_id))
        published = source_published.get(translation.source.object_id)
        changed = max(filter(None, [translation.source.last_updated_at, published]))
        outdated = changed if last_sync is not None and changed > last_sync else None
        unpublished = done.last_edit is not None and (
            last_sync is None or done.last_edit > last_sync
        )
        if done.complete and outdated is None and target[1] and not unpublished:
            continue  # finished and live
        items.append(
            QueueItem(
                title=translation.source.object_repr,
                kind=str(model._meta.verbose_name),
                locale=translation.target_locale,
                edit_url=model_edit_url(model, target[0]),
                requested_at=translation.requested_at,
                progress=done,
                outdated_since=outdated,
                changed=changed_sentences.get(
                    (translation.source_id, translation.target_locale_id), 0
                ),
            )
        )
    return items[:limit]


def _page_item(page: Page, **fields) -> QueueItem:
    """A page in a workflow as a queue item; `page` comes with its locale and content type."""
    return QueueItem(
        title=page.get_admin_display_title(),
        kind=str(page.content_type.model_class()._meta.verbose_name),
        locale=page.locale,
        edit_url=edit_url(page),
        **fields,
    )


def review_queue(user, limit: int = 20) -> list[QueueItem]:
    """Translated pages in a workflow task this user may approve, newest submission first."""
    states = list(
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=ContentType.objects.get_for_model(Page))
        .select_related("workflow_state", "workflow_state__requested_by")
        .order_by("-started_at")[: limit * 2]
    )
    page_ids = [int(state.workflow_state.object_id) for state in states]
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids)
        .exclude(locale=source_locale())
        .select_related("locale", "content_type")
    }
    translations = {
        (t.source.object_id, t.target_locale_id): t
        for t in Translation.objects.filter(
            source__object_id__in={page.translation_key for page in pages.values()},
            target_locale_id__in={page.locale_id for page in pages.values()},
            enabled=True,
        ).select_related("source")
    }
    progress = bulk_progress((t.source_id, t.target_locale_id) for t in translations.values())
    items = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        translation = translations.get((page.translation_key, page.locale_id))
        items.append(
            _page_item(
                page,
                requested_at=state.started_at,
                progress=(
                    progress.get((translation.source_id, translation.target_locale_id))
                    if translation
                    else None
                ),
                submitted_by=get_user_display_name(state.workflow_state.requested_by),
            )
        )
    return items[:limit]


def submitted_for_review(user, limit: int = 20) -> list[QueueItem]:
    """The translator's own pages in review, newest first: waiting, or sent back for changes.

    Wagtail's own dashboard panel names the workflow task, whose name is stored once, in the
    staff's language; this list says where each page stands in the translator's language.
    """
    states = list(
        WorkflowState.objects.active()
        .filter(requested_by=user, base_content_type=ContentType.objects.get_for_model(Page))
        .order_by("-created_at")[:limit]
    )
    pages = Page.objects.filter(pk__in=[int(state.object_id) for state in states])
    pages = {page.pk: page for page in pages.select_related("locale", "content_type")}
    return [
        _page_item(
            page,
            requested_at=state.created_at,
            progress=None,
            needs_changes=state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        )
        for state in states
        if (page := pages.get(int(state.object_id))) is not None
    ]
