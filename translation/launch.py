"""Translate before launch, and launch every language together.

wagtail-localize translates a page's live content only. A page never published is translated here
from its latest draft (`TranslationSource.update_or_create_from_instance`): the translations are
drafts too, and each later draft of the source is synced into them. Until launch nothing reaches
visitors: an approved translation stays unpublished (`finish_workflow`, Wagtail's
`WAGTAIL_FINISH_WORKFLOW_ACTION`), or joins a launch already scheduled. "Publish with
translations" (`launch`) then publishes, now or through Wagtail's scheduled publishing, the
source and every approved translation in one transaction.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Revision, WorkflowState
from wagtail.workflows import publish_workflow_state
from wagtail_localize.models import TranslationSource

from translation.conf import is_source, source_locale, target_locales

logger = logging.getLogger(__name__)


def is_prelaunch(page: Page) -> bool:
    """A source-language page that has never been published: translated from its draft."""
    return is_source(page) and not page.live and page.first_published_at is None


def source_page_of(page: Page) -> Page | None:
    """The source-language page `page` translates (None for a source page)."""
    if is_source(page):
        return None
    return Page.objects.filter(translation_key=page.translation_key, locale=source_locale()).first()


@transaction.atomic
def snapshot_draft(page: Page) -> TranslationSource:
    """Make (or bring up to date) the page's translation source from its latest draft."""
    draft = page.specific.get_latest_revision_as_object()
    source, _created = TranslationSource.update_or_create_from_instance(draft)
    return source


@transaction.atomic
def sync_draft(page: Page, user=None) -> int:
    """Sync the latest draft of a never-published source into its translations (still drafts);
    returns how many were updated (0 when the page was never sent to translation)."""
    if not TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).exists():
        return 0
    source = snapshot_draft(page)
    updated = 0
    for translation in source.translations.filter(enabled=True):
        translation.save_target(user=user, publish=False)
        updated += 1
    return updated


def awaits_launch(page: Page) -> bool:
    """A translation whose source page is not live: it goes live with it, never before."""
    source = source_page_of(page)
    return source is not None and not source.live


def finish_workflow(workflow_state: WorkflowState, user=None) -> None:
    """Wagtail's end of an approved workflow: publish, except a translation of a page not
    launched yet. Its approved revision is scheduled with the source's launch when one is
    scheduled, and otherwise waits for "Publish with translations"."""
    page = workflow_state.content_object
    source = source_page_of(page) if isinstance(page, Page) else None
    if source is None or source.live:
        publish_workflow_state(workflow_state, user=user)
    elif (scheduled := source.scheduled_revision) is not None:
        revision = workflow_state.current_task_state.revision
        _publish(page.specific, user, scheduled.approved_go_live_at, revision)
    else:
        logger.info("Translation %s approved; it is published when its source launches", page.pk)


# --- Launch ------------------------------------------------------------------------------------


@dataclass
class LaunchPlan:
    """What "Publish with translations" would do for one source page."""

    approved: list[Page] = field(default_factory=list)  # published with the source
    live: list[Page] = field(default_factory=list)  # already live, nothing newer approved
    unapproved: list[Locale] = field(default_factory=list)  # languages left out


def _approved_revision_ids(pages: list[Page]) -> set[int]:
    """Among the pages' latest revisions: those approved at the end of a review workflow, and
    those already scheduled by a launch (so a launch can be moved to another time)."""
    latest = [page.latest_revision_id for page in pages if page.latest_revision_id]
    if not latest:
        return set()
    approved = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
        status=WorkflowState.STATUS_APPROVED,
        current_task_state__revision_id__in=latest,
    ).values_list("current_task_state__revision_id", flat=True)
    scheduled = Revision.objects.filter(
        pk__in=latest, approved_go_live_at__isnull=False
    ).values_list("pk", flat=True)
    return {*approved, *scheduled}


def plan(source: Page) -> LaunchPlan:
    """Sort the page's languages into approved (to publish), live, and left out."""
    translations = {
        page.locale_id: page
        for page in Page.objects.filter(
            translation_key=source.translation_key, alias_of__isnull=True
        ).exclude(locale_id=source.locale_id)
    }
    approved_revisions = _approved_revision_ids(list(translations.values()))
    result = LaunchPlan()
    for locale in target_locales():
        page = translations.get(locale.pk)
        if page is not None and page.latest_revision_id in approved_revisions:
            result.approved.append(page)
        elif page is not None and page.live and not page.has_unpublished_changes:
            result.live.append(page)
        else:
            result.unapproved.append(locale)
    return result


def _publish(page: Page, user, when: datetime | None, revision: Revision | None = None) -> Revision:
    """Publish `revision` (default: the latest) now, or schedule it for `when`."""
    revision = revision or page.get_latest_revision()
    if when is not None:
        draft = revision.as_object()
        draft.go_live_at = when
        revision = draft.save_revision(user=user, log_action=False, clean=False)
    revision.publish(user=user, skip_permission_checks=True)
    return revision


@transaction.atomic
def launch(source: Page, user, when: datetime | None = None) -> LaunchPlan:
    """Publish the source and every approved translation now, or schedule them all for `when`
    (Wagtail's scheduled publishing): in one transaction, so either all are or none."""
    if when is not None and when <= timezone.now():
        when = None
    source = source.specific
    launch_plan = plan(source)
    _publish(source, user, when)
    for page in launch_plan.approved:
        _publish(page.specific, user, when)
    return launch_plan
