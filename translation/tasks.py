"""Background tasks of the translation workflow: the notification emails.

Tasks take primary keys, never objects, so they survive the trip through the database worker,
and do nothing when the row has gone meanwhile.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.tasks import task

from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from home.task_priorities import PERSON_WAITING
from translation import notifications
from translation.changes import changed_counts
from translation.review import edit_url

logger = logging.getLogger(__name__)


@task(priority=PERSON_WAITING)
def notify_translators(translation_id: int) -> int:
    """Email the target locale's translators about a new translation to work on."""
    translation = (
        Translation.objects.select_related("source", "target_locale")
        .filter(pk=translation_id, enabled=True)
        .first()
    )
    if translation is None:
        return 0
    edit_path = _target_edit_path(translation)
    if edit_path is None:
        return 0
    return notifications.notify_new_translation(
        translation.source.object_repr, translation.target_locale, edit_path
    )


def _target_edit_path(translation: Translation) -> str | None:
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        logger.info("Translation %s has no target (deleted, or not made yet)", translation.pk)
        return None
    return edit_url(target)


@task(priority=PERSON_WAITING)
def notify_source_changed(source_id: int) -> int:
    """Email each language's translators once that sentences they translated changed."""
    translations = list(
        Translation.objects.select_related("source", "target_locale").filter(
            source_id=source_id, enabled=True
        )
    )
    counts = changed_counts((t.source_id, t.target_locale_id) for t in translations)
    sent = 0
    for translation in translations:
        changed = counts.get((translation.source_id, translation.target_locale_id), 0)
        edit_path = _target_edit_path(translation) if changed else None
        if edit_path is not None:
            sent += notifications.notify_source_changed(
                translation.source.object_repr, translation.target_locale, edit_path, changed
            )
    return sent


@task(priority=PERSON_WAITING)
def notify_staff_of_review(workflow_state_id: int) -> int:
    """Email communications staff that a translated page was submitted for review."""
    state = (
        WorkflowState.objects.select_related("requested_by").filter(pk=workflow_state_id).first()
    )
    if state is None:
        return 0
    page = state.content_object
    if not isinstance(page, Page):
        return 0
    return notifications.notify_review(
        page.get_admin_display_title(),
        page.locale,
        edit_url(page),
        get_user_display_name(state.requested_by),
    )
