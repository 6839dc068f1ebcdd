"""Background tasks of the translation workflow: the notification emails.

Tasks take primary keys, never objects, so they survive the trip through the database worker,
and do nothing when the row has gone meanwhile.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.tasks import task
from django.urls import reverse

from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from home.task_priorities import PERSON_WAITING
from translation import notifications

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
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        logger.info("Translation %s has no target (deleted, or not made yet)", translation_id)
        return 0
    if isinstance(target, Page):
        edit_path = reverse("wagtailadmin_pages:edit", args=[target.pk])
    else:
        meta = target._meta
        edit_path = reverse(
            f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[target.pk]
        )
    return notifications.notify_new_translation(
        translation.source.object_repr, translation.target_locale, edit_path
    )


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
    submitter = state.requested_by
    name = (submitter.get_full_name() or submitter.get_username()) if submitter else ""
    return notifications.notify_review(
        page.get_admin_display_title(),
        page.locale,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        name,
    )
